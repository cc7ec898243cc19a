/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "frontline-gdal.h"
#include "frontline-model-private.h"
#include "frontline-ogr-writer.h"

G_BEGIN_DECLS

/* frontline_ogr_write() with the stops as JSON text taken beforehand on the
 * thread that owns them (NULL: read them now). For saving in a worker. */
gboolean frontline_ogr_write_with_stops (FrontlineDataset       *dataset,
                                         GFile                  *file,
                                         FrontlineDay            day,
                                         gboolean                replace,
                                         const char             *stops,
                                         GCancellable           *cancellable,
                                         FrontlineProgressFunc   progress,
                                         gpointer                progress_data,
                                         GError                **error);

/* Shared by the files that write through GDAL: frontline-ogr-writer.c (the
 * entry point), frontline-ogr-write-fields.c (geometry and fields), and one
 * file per format: -gpkg.c, -kml.c, -shp.c. */

typedef enum {
  FRONTLINE_OGR_FORMAT_GPKG,
  FRONTLINE_OGR_FORMAT_KML,
  FRONTLINE_OGR_FORMAT_SHP,
} FrontlineOgrFormat;

typedef struct {
  FrontlineDataset      *ds;
  FrontlineOgrFormat     format;
  char                  *display;      /* the target as the user named it */
  char                  *target;       /* its path */
  char                  *temp_folder;  /* NULL once removed */
  char                  *temp;         /* the file GDAL writes */
  const char            *stops;        /* JSON text of the stops as they are */
  GHashTable            *active;       /* areas that hold on the day, or NULL: all */
  FrontlineDay           day;          /* that day, or FRONTLINE_DAY_NONE */
  GCancellable          *cancellable;
  FrontlineProgressFunc  progress;
  gpointer               progress_data;
  guint                  done;
  guint                  written;      /* features written */
  guint                  total;
  FrontlineGdalErrors   *errors;
  GError                *error;        /* the first error */
  OGRSpatialReferenceH   srs;
} FrontlineOgrWriter;

/* The output as it is being written: frontline-ogr-writer.c. */
void      frontline_ogr_writer_fail     (FrontlineOgrWriter *w,
                                         const char         *layer,
                                         int                 feature,
                                         const char         *what);
gboolean  frontline_ogr_writer_step     (FrontlineOgrWriter *w);
gboolean  frontline_ogr_area_wanted     (FrontlineOgrWriter *w,
                                         FrontlineArea      *area);

/* Geometry and fields: frontline-ogr-write-fields.c. */
OGRGeometryH frontline_ogr_area_geometry  (FrontlineArea      *area);
gboolean     frontline_ogr_add_field      (FrontlineOgrWriter *w,
                                           OGRLayerH           layer,
                                           const char         *name,
                                           OGRFieldType        type,
                                           OGRFieldSubType     subtype,
                                           int                 width);
int          frontline_ogr_field_index    (OGRFeatureH         feature,
                                           const char         *name);
void         frontline_ogr_set_string     (OGRFeatureH         feature,
                                           const char         *name,
                                           const char         *value);
void         frontline_ogr_set_date       (OGRFeatureH         feature,
                                           const char         *name,
                                           FrontlineDay        day);
char        *frontline_ogr_join_sources   (FrontlineArea      *area);
gboolean     frontline_ogr_create_feature (FrontlineOgrWriter *w,
                                           OGRLayerH           layer,
                                           OGRFeatureH         feature,
                                           int                 number);

/* The formats: frontline-ogr-write-gpkg.c, -kml.c, -shp.c. */
gboolean frontline_ogr_write_gpkg (FrontlineOgrWriter *w,
                                   GDALDatasetH        out);
gboolean frontline_ogr_write_kml  (FrontlineOgrWriter *w,
                                   GDALDatasetH        out);
gboolean frontline_ogr_verify_kml (FrontlineOgrWriter *w);
gboolean frontline_ogr_write_shp  (FrontlineOgrWriter *w,
                                   GDALDatasetH        out);

G_END_DECLS
