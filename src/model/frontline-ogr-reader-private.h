/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

/* The GDAL reader's entry for the loader: private to src/model/. */

#include "frontline-feature-reader.h"
#include "frontline-field-mapping.h"

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

G_END_DECLS
