/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <shumate/shumate.h>

#include "frontline-basemap.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_BASEMAP_SOURCE (frontline_basemap_source_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineBasemapSource, frontline_basemap_source, FRONTLINE, BASEMAP_SOURCE, ShumateMapSource)

FrontlineBasemapSource *frontline_basemap_source_new        (FrontlineBasemapStyle   style,
                                                             int                     scale_factor);
FrontlineBasemapStyle   frontline_basemap_source_get_style  (FrontlineBasemapSource *self);
int                     frontline_basemap_source_get_scale_factor (FrontlineBasemapSource *self);
guint                   frontline_basemap_source_get_n_pending (FrontlineBasemapSource *self);
guint                   frontline_basemap_source_get_n_done    (FrontlineBasemapSource *self);
GdkTexture             *frontline_basemap_source_render_tile (FrontlineBasemapSource *self,
                                                              guint                   x,
                                                              guint                   y,
                                                              guint                   zoom);

void                    frontline_basemap_source_preload     (void);
void                    frontline_basemap_source_shutdown    (void);

G_END_DECLS
