/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

/* Writing a dataset in other formats through GDAL/OGR, chosen by the
 * output's name: GeoPackage (.gpkg), KML for Google Earth (.kml, .kmz) and
 * Shapefile (.shp). Display-free. */

#include <gio/gio.h>

#include "frontline-dataset.h"

G_BEGIN_DECLS

/* Whether @file's name is one of the formats written through GDAL. */
gboolean            frontline_ogr_can_write           (GFile                  *file);
const char * const *frontline_ogr_write_suffixes      (void);

/* Writes @dataset (every date, or only what holds on @day when it is not
 * FRONTLINE_DAY_NONE) to @file through a temporary file renamed into place
 * once complete; an existing file is replaced only when @replace. */
gboolean            frontline_ogr_write               (FrontlineDataset       *dataset,
                                                       GFile                  *file,
                                                       FrontlineDay            day,
                                                       gboolean                replace,
                                                       GCancellable           *cancellable,
                                                       FrontlineProgressFunc   progress,
                                                       gpointer                progress_data,
                                                       GError                **error);

G_END_DECLS
