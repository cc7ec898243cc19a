/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "frontline-stop.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_STOP_ROW (frontline_stop_row_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineStopRow, frontline_stop_row, FRONTLINE, STOP_ROW, GtkWidget)

FrontlineStopRow *frontline_stop_row_new      (void);
FrontlineStop    *frontline_stop_row_get_stop (FrontlineStopRow *self);
void              frontline_stop_row_set_stop (FrontlineStopRow *self,
                                               FrontlineStop    *stop);

G_END_DECLS
