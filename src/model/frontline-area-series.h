/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "frontline-dataset.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_AREA_SERIES (frontline_area_series_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineAreaSeries, frontline_area_series, FRONTLINE, AREA_SERIES, GObject)

FrontlineAreaSeries *frontline_area_series_new           (FrontlineDataset     *dataset,
                                                          GCancellable         *cancellable,
                                                          GError              **error);
void                 frontline_area_series_new_async     (FrontlineDataset     *dataset,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
FrontlineAreaSeries *frontline_area_series_new_finish    (GAsyncResult         *result,
                                                          GError              **error);

FrontlineDataset    *frontline_area_series_get_dataset   (FrontlineAreaSeries  *self);
const FrontlineDay  *frontline_area_series_get_days      (FrontlineAreaSeries  *self,
                                                          guint                *n_days);

guint                frontline_area_series_get_n_lines   (FrontlineAreaSeries  *self);
FrontlineFaction    *frontline_area_series_get_faction   (FrontlineAreaSeries  *self,
                                                          guint                 line);
FrontlineStatus      frontline_area_series_get_status    (FrontlineAreaSeries  *self,
                                                          guint                 line);
const double        *frontline_area_series_get_values    (FrontlineAreaSeries  *self,
                                                          guint                 line);

double              *frontline_area_series_get_controlled (FrontlineAreaSeries *self,
                                                           FrontlineFaction    *faction);
char                *frontline_area_series_format_csv    (FrontlineAreaSeries  *self);

G_END_DECLS
