/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <libsoup/soup.h>
#include <shumate/shumate.h>

G_BEGIN_DECLS

/* The agent every online tile request sends. The OpenStreetMap tile usage
 * policy asks for one that names the application and says where to reach its
 * authors, which libshumate's fixed "libshumate/1.0.3" does not. Needs
 * config.h (PACKAGE_VERSION), which every file of the project includes first. */
#define FRONTLINE_USER_AGENT \
  "Frontline/" PACKAGE_VERSION " (+https://github.com/frontline/frontline)"

/* Describes an XYZ tile server. The URL template holds {z}, {x} and {y} (or
 * libshumate's #Z#, #X# and #Y#); {s} becomes "a". */
typedef struct {
  const char *id;               /* also the cache key: letters, digits, '-', '_' */
  const char *name;
  const char *url_template;
  const char *attribution;      /* shown on the map; never empty */
  const char *attribution_url;  /* may be NULL */
  guint       min_zoom;
  guint       max_zoom;
  guint       tile_size;        /* 0 means 256 */
} FrontlineTileSourceInfo;

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
SoupSession      *frontline_tile_source_new_session         (FrontlineTileSource *self);
GBytes           *frontline_tile_source_fetch               (FrontlineTileSource  *self,
                                                             SoupSession          *session,
                                                             int                   x,
                                                             int                   y,
                                                             int                   z,
                                                             GCancellable         *cancellable,
                                                             GError              **error);

G_END_DECLS
