/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <shumate/shumate.h>

#include "frontline-mbtiles-reader.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_MBTILES_SOURCE (frontline_mbtiles_source_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineMbtilesSource, frontline_mbtiles_source,
                      FRONTLINE, MBTILES_SOURCE, ShumateDataSource)

FrontlineMbtilesSource *frontline_mbtiles_source_new             (const char              *path,
                                                                  GError                 **error);

FrontlineMbtilesReader *frontline_mbtiles_source_get_reader      (FrontlineMbtilesSource  *self);
const char             *frontline_mbtiles_source_get_path        (FrontlineMbtilesSource  *self);
const char             *frontline_mbtiles_source_get_name        (FrontlineMbtilesSource  *self);
const char             *frontline_mbtiles_source_get_attribution (FrontlineMbtilesSource  *self);
const char             *frontline_mbtiles_source_get_license_text (FrontlineMbtilesSource *self);
const char             *frontline_mbtiles_source_get_format      (FrontlineMbtilesSource  *self);
guint                   frontline_mbtiles_source_get_min_zoom    (FrontlineMbtilesSource  *self);
guint                   frontline_mbtiles_source_get_max_zoom    (FrontlineMbtilesSource  *self);
gboolean                frontline_mbtiles_source_get_bounds      (FrontlineMbtilesSource  *self,
                                                                  double                  *west,
                                                                  double                  *south,
                                                                  double                  *east,
                                                                  double                  *north);
guint                   frontline_mbtiles_source_get_n_failed    (FrontlineMbtilesSource  *self);
ShumateMapSource       *frontline_mbtiles_source_new_map_source  (FrontlineMbtilesSource  *self);

G_END_DECLS
