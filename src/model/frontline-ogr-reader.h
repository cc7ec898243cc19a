/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

/* Reading the formats analysts use through GDAL/OGR: GeoPackage, KML/KMZ
 * (the LIBKML driver, so TimeSpan and TimeStamp become dates), Shapefile
 * (also zipped), FlatGeobuf, GeoJSONSeq and CSV with WKT. Frontline's own
 * GeoJSON keeps its own reader. Display-free. */

#include <gio/gio.h>

#include "frontline-field-mapping.h"

G_BEGIN_DECLS

/* What a layer holds, for the field-mapping dialog. */
typedef struct {
  char                   *name;           /* the layer's name */
  char                   *geometry_type;  /* as OGR names it ("Multi Polygon") */
  gint64                  n_features;     /* -1: unknown without reading it all */
  gboolean                has_areas;      /* polygons: read as areas */
  char                  **fields;         /* the field names, in order */
  char                 ***samples;        /* per field, up to 5 distinct values as text */
  FrontlineFieldMapping  *suggested;      /* from the names alone; NULL if nothing fits */
  gboolean                needs_mapping;  /* the suggestion is incomplete: ask */
} FrontlineOgrLayerInfo;

void                frontline_ogr_layer_info_free     (FrontlineOgrLayerInfo *info);

/* Whether @file is one the GDAL reader takes (by its name; GeoJSON and
 * folders are the loader's own). */
gboolean            frontline_ogr_can_read            (GFile                 *file);
/* The suffixes it takes, without dots, for file choosers. */
const char * const *frontline_ogr_read_suffixes       (void);
/* "GeoJSON (.geojson), GeoPackage (.gpkg), …", for "unsupported file" errors. */
char               *frontline_ogr_describe_formats    (void);

/* Returns: (transfer container) (element-type FrontlineOgrLayerInfo): the
 * layers, or NULL with @error set naming the file */
GPtrArray          *frontline_ogr_inspect             (GFile                 *file,
                                                       GCancellable          *cancellable,
                                                       GError               **error);

G_END_DECLS
