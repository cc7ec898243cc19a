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

/* One layer's area on one day, as the server computes it (docs/postgis.md). */
typedef struct {
  FrontlineDay     day;
  const char      *faction;   /* the faction's id */
  FrontlineStatus  status;
  double           area_km2;
} FrontlineAreaSeriesRow;

/* A series from rows computed elsewhere (an archive's server): @rows by
 * day, and within a day in the order of the layers; the days are the
 * dataset's data days and those of the rows. Rows of a faction @dataset does
 * not know are left out. */
FrontlineAreaSeries *frontline_area_series_new_from_rows (FrontlineDataset             *dataset,
                                                          const FrontlineAreaSeriesRow *rows,
                                                          guint                         n_rows);

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
