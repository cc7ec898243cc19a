/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

/* The GDAL reader's entry for the loader: private to src/model/. */

#include "frontline-feature-reader.h"
#include "frontline-field-mapping.h"
#include "frontline-gdal.h"

G_BEGIN_DECLS

/* Reads every layer of @file (through GDAL) into @b's dataset, with
 * @options' mapping (NULL: fields named like Frontline's, else
 * FRONTLINE_DATASET_ERROR_MAPPING) and box. @progress is called from this
 * thread with the fraction done. */
gboolean frontline_ogr_reader_load_into (FrontlineLoaderBuilder  *b,
                                         GFile                   *file,
                                         FrontlineLoadOptions    *options,
                                         GCancellable            *cancellable,
                                         FrontlineProgressFunc    progress,
                                         gpointer                 progress_data,
                                         GError                 **error);

/* How many features inspecting a layer reads (for its samples, or to see
 * whether it holds polygons when its type does not say). */
#define FRONTLINE_OGR_INSPECT_FEATURES 300

/* frontline-ogr-reader.c */

/* Opens @path with the driver its suffix calls for. */
GDALDatasetH frontline_ogr_open_dataset (const char           *path,
                                         const char           *name,
                                         FrontlineGdalErrors  *messages,
                                         GError              **error);
gboolean     frontline_ogr_is_polygonal (OGRwkbGeometryType    type);

/* frontline-ogr-fields.c */

/* The field names Frontline's date and end go by, most likely first. */
extern const char * const frontline_ogr_date_names[];
extern const char * const frontline_ogr_end_names[];

/* The mapping the field names suggest; NULL when none fits. */
FrontlineFieldMapping *frontline_ogr_suggest_mapping   (OGRFeatureDefnH   defn);
char                  *frontline_ogr_join_fields       (OGRFeatureDefnH   defn);
void                   frontline_ogr_set_mapping_error (GError          **error,
                                                        GDALDatasetH      ds,
                                                        const char       *name,
                                                        GArray           *unmapped);
JsonNode              *frontline_ogr_field_to_node     (OGRFeatureH       feature,
                                                        int               i,
                                                        OGRFieldDefnH     defn);
char                  *frontline_ogr_read_day          (OGRFeatureH       feature,
                                                        int               i);
char                  *frontline_ogr_read_text         (OGRFeatureH       feature,
                                                        int               i);

G_END_DECLS
