/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <shumate/shumate.h>

#include "frontline-tile-fetcher.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_TILE_SOURCE (frontline_tile_source_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineTileSource, frontline_tile_source,
                      FRONTLINE, TILE_SOURCE, ShumateDataSource)

FrontlineTileSource *frontline_tile_source_new          (const FrontlineTileSourceInfo *info);
FrontlineTileSource *frontline_tile_source_new_custom   (const char     *url_template,
                                                         const char     *attribution,
                                                         GError        **error);
FrontlineTileSource *frontline_tile_source_new_builtin  (const char     *id);
GListModel          *frontline_tile_source_list_builtin (void);

const FrontlineTileSourceInfo *frontline_tile_source_get_builtin_info (guint *n_infos);

gboolean frontline_tile_source_validate_url_template (const char  *url_template,
                                                      GError     **error);

const char       *frontline_tile_source_get_id              (FrontlineTileSource *self);
const char       *frontline_tile_source_get_name            (FrontlineTileSource *self);
const char       *frontline_tile_source_get_url_template    (FrontlineTileSource *self);
const char       *frontline_tile_source_get_attribution     (FrontlineTileSource *self);
const char       *frontline_tile_source_get_attribution_url (FrontlineTileSource *self);
guint             frontline_tile_source_get_min_zoom        (FrontlineTileSource *self);
guint             frontline_tile_source_get_max_zoom        (FrontlineTileSource *self);
guint             frontline_tile_source_get_tile_size       (FrontlineTileSource *self);
guint             frontline_tile_source_get_timeout         (FrontlineTileSource *self);
void              frontline_tile_source_set_timeout         (FrontlineTileSource *self,
                                                             guint                seconds);
guint             frontline_tile_source_get_max_age         (FrontlineTileSource *self);
void              frontline_tile_source_set_max_age         (FrontlineTileSource *self,
                                                             guint                seconds);
guint             frontline_tile_source_get_n_failed        (FrontlineTileSource *self);
char             *frontline_tile_source_build_url           (FrontlineTileSource *self,
                                                             int                  x,
                                                             int                  y,
                                                             int                  z);
ShumateMapSource *frontline_tile_source_new_map_source      (FrontlineTileSource *self);
FrontlineTileFetcher *frontline_tile_source_get_fetcher     (FrontlineTileSource *self);

G_END_DECLS
