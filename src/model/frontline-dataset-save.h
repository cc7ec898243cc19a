/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

#include "frontline-dataset.h"

G_BEGIN_DECLS

gboolean  frontline_dataset_save_full   (FrontlineDataset       *self,
                                         GFile                  *file,
                                         gboolean                replace,
                                         GCancellable           *cancellable,
                                         FrontlineProgressFunc   progress,
                                         gpointer                progress_data,
                                         GError                **error);
void      frontline_dataset_save_async  (FrontlineDataset       *self,
                                         GFile                  *file,
                                         gboolean                replace,
                                         GCancellable           *cancellable,
                                         FrontlineProgressFunc   progress,
                                         gpointer                progress_data,
                                         GDestroyNotify          progress_notify,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data);
gboolean  frontline_dataset_save_finish (FrontlineDataset       *self,
                                         GAsyncResult           *result,
                                         GError                **error);

/* Only what holds on @day (every date: FRONTLINE_DAY_NONE), in the format
 * @file's name chooses: GeoPackage, KML, KMZ, Shapefile, else GeoJSON. */
gboolean  frontline_dataset_save_day    (FrontlineDataset       *self,
                                         GFile                  *file,
                                         FrontlineDay            day,
                                         gboolean                replace,
                                         GCancellable           *cancellable,
                                         FrontlineProgressFunc   progress,
                                         gpointer                progress_data,
                                         GError                **error);

/* For the GDAL writer: the stops as they are now, as JSON text (read them on
 * the thread that owns the dataset), and the root object without its
 * features, with those stops. */
char     *frontline_dataset_format_stops    (FrontlineDataset *self);
char     *frontline_dataset_format_document (FrontlineDataset *self,
                                             const char       *stops);

/* The JSON writer saving uses, for tests: shortest doubles that read back the
 * same, infinities as ±1e999, strings escaped. */
void      frontline_json_append_node    (GString                *out,
                                         JsonNode               *node);
void      frontline_json_append_double  (GString                *out,
                                         double                  value);

G_END_DECLS
