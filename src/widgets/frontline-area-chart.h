/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "frontline-area-series.h"
#include "frontline-dataset.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_AREA_CHART (frontline_area_chart_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineAreaChart, frontline_area_chart, FRONTLINE, AREA_CHART, GtkWidget)

FrontlineAreaChart *frontline_area_chart_new               (void);

void                frontline_area_chart_clear             (FrontlineAreaChart   *self);
void                frontline_area_chart_add_series        (FrontlineAreaChart   *self,
                                                            const char           *label,
                                                            const double          rgb[3],
                                                            FrontlineStatus       status,
                                                            const FrontlineDay   *days,
                                                            const double         *values,
                                                            guint                 n);

FrontlineDay        frontline_area_chart_get_day           (FrontlineAreaChart   *self);
void                frontline_area_chart_set_day           (FrontlineAreaChart   *self,
                                                            FrontlineDay          day);

void                frontline_area_chart_set_series        (FrontlineAreaChart   *self,
                                                            FrontlineAreaSeries  *series);
void                frontline_area_chart_load_async        (FrontlineAreaChart   *self,
                                                            FrontlineDataset     *dataset,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean            frontline_area_chart_load_finish       (FrontlineAreaChart   *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

guint               frontline_area_chart_get_n_series      (FrontlineAreaChart   *self);
const char         *frontline_area_chart_get_series_label  (FrontlineAreaChart   *self,
                                                            guint                 index);
FrontlineStatus     frontline_area_chart_get_series_status (FrontlineAreaChart   *self,
                                                            guint                 index);
const double       *frontline_area_chart_get_series_values (FrontlineAreaChart   *self,
                                                            guint                 index,
                                                            const FrontlineDay  **days,
                                                            guint                *n);
double              frontline_area_chart_get_value_at      (FrontlineAreaChart   *self,
                                                            guint                 index,
                                                            FrontlineDay          day);

G_END_DECLS
