/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "frontline-dataset.h"

G_BEGIN_DECLS

/* Called when the file has been written, for instance to show a toast. */
typedef void (*FrontlineCsvExportDone) (GFile    *file,
                                        gpointer  user_data);

void      frontline_csv_export_run            (GtkWindow              *parent,
                                               FrontlineDataset       *dataset);
void      frontline_csv_export_run_full       (GtkWindow              *parent,
                                               FrontlineDataset       *dataset,
                                               FrontlineCsvExportDone  done,
                                               gpointer                user_data);
void      frontline_csv_export_to_file        (GtkWindow              *parent,
                                               FrontlineDataset       *dataset,
                                               GFile                  *file,
                                               FrontlineCsvExportDone  done,
                                               gpointer                user_data);

char     *frontline_csv_export_suggest_name   (FrontlineDataset       *dataset);
gboolean  frontline_csv_export_write          (FrontlineDataset       *dataset,
                                               GFile                  *file,
                                               GCancellable           *cancellable,
                                               GError                **error);

G_END_DECLS
