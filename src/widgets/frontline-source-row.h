/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "frontline-dataset.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_SOURCE_ROW (frontline_source_row_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineSourceRow, frontline_source_row, FRONTLINE, SOURCE_ROW, GtkWidget)

FrontlineSourceRow *frontline_source_row_new            (void);
void                frontline_source_row_set_source     (FrontlineSourceRow *self,
                                                         FrontlineDataset   *dataset,
                                                         FrontlineSource    *source);
char               *frontline_source_row_get_text       (FrontlineSourceRow *self);

char               *frontline_source_describe_meta      (FrontlineSource    *source);
char               *frontline_source_describe_citations (FrontlineDataset   *dataset,
                                                         FrontlineSource    *source);

G_END_DECLS
