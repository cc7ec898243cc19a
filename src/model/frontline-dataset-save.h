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

/* The JSON writer saving uses, for tests: shortest doubles that read back the
 * same, infinities as ±1e999, strings escaped. */
void      frontline_json_append_node    (GString                *out,
                                         JsonNode               *node);
void      frontline_json_append_double  (GString                *out,
                                         double                  value);

G_END_DECLS
