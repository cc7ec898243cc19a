/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "frontline-area.h"
#include "frontline-day.h"
#include "frontline-faction.h"
#include "frontline-field-mapping.h"
#include "frontline-place.h"
#include "frontline-quote.h"
#include "frontline-source.h"
#include "frontline-stop.h"

G_BEGIN_DECLS

#define FRONTLINE_DATASET_ERROR (frontline_dataset_error_quark ())

typedef enum {
  FRONTLINE_DATASET_ERROR_SYNTAX,     /* not JSON */
  FRONTLINE_DATASET_ERROR_STRUCTURE,  /* JSON, but not the GeoJSON or members expected */
  FRONTLINE_DATASET_ERROR_INVALID,    /* a value that cannot be right: a date, a latitude */
  FRONTLINE_DATASET_ERROR_EMPTY,      /* no control areas at all */
  FRONTLINE_DATASET_ERROR_MAPPING,    /* a layer's fields are not Frontline's: say which hold what */
  FRONTLINE_DATASET_ERROR_FORMAT,     /* not a format Frontline reads or writes */
} FrontlineDatasetError;

GQuark frontline_dataset_error_quark (void);

/* A problem found while loading that did not stop the load. */
typedef struct {
  char *location;  /* "/features/12" or "feature 12 (id “x”)" */
  char *message;
} FrontlineDiagnostic;

typedef void (*FrontlineProgressFunc) (double   fraction,
                                       gpointer user_data);

/* The areas one faction holds with one status on a day. */
typedef struct {
  FrontlineFaction *faction;
  FrontlineStatus   status;
  double            area_km2;
} FrontlineLayerArea;

#define FRONTLINE_TYPE_DATASET (frontline_dataset_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineDataset, frontline_dataset, FRONTLINE, DATASET, GObject)

FrontlineDataset *frontline_dataset_load              (GFile                  *file,
                                                       GCancellable           *cancellable,
                                                       FrontlineProgressFunc   progress,
                                                       gpointer                progress_data,
                                                       GError                **error);
void              frontline_dataset_load_async        (GFile                  *file,
                                                       GCancellable           *cancellable,
                                                       FrontlineProgressFunc   progress,
                                                       gpointer                progress_data,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
FrontlineDataset *frontline_dataset_load_full         (GFile                  *file,
                                                       FrontlineLoadOptions   *options,
                                                       GCancellable           *cancellable,
                                                       FrontlineProgressFunc   progress,
                                                       gpointer                progress_data,
                                                       GError                **error);
void              frontline_dataset_load_full_async   (GFile                  *file,
                                                       FrontlineLoadOptions   *options,
                                                       GCancellable           *cancellable,
                                                       FrontlineProgressFunc   progress,
                                                       gpointer                progress_data,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
FrontlineDataset *frontline_dataset_load_finish       (GAsyncResult           *result,
                                                       GError                **error);
gboolean          frontline_dataset_save              (FrontlineDataset       *self,
                                                       GFile                  *file,
                                                       GCancellable           *cancellable,
                                                       GError                **error);

GFile            *frontline_dataset_get_file          (FrontlineDataset *self);
const char       *frontline_dataset_get_title         (FrontlineDataset *self);
const char       *frontline_dataset_get_description   (FrontlineDataset *self);
const char       *frontline_dataset_get_attribution   (FrontlineDataset *self);
const char       *frontline_dataset_get_license       (FrontlineDataset *self);
gboolean          frontline_dataset_get_approximate   (FrontlineDataset *self);

GListModel       *frontline_dataset_get_factions      (FrontlineDataset *self);
GListModel       *frontline_dataset_get_sources       (FrontlineDataset *self);
GListModel       *frontline_dataset_get_quotes        (FrontlineDataset *self);
GListModel       *frontline_dataset_get_places        (FrontlineDataset *self);
GListModel       *frontline_dataset_get_stops         (FrontlineDataset *self);
gboolean          frontline_dataset_get_stop_position (FrontlineDataset *self,
                                                       FrontlineStop    *stop,
                                                       guint            *position);
FrontlineStop    *frontline_dataset_find_stop         (FrontlineDataset *self,
                                                       const char       *key,
                                                       guint            *index);
GListModel       *frontline_dataset_get_areas         (FrontlineDataset *self);
GPtrArray        *frontline_dataset_get_diagnostics   (FrontlineDataset *self);

FrontlineFaction *frontline_dataset_lookup_faction    (FrontlineDataset *self,
                                                       const char       *id);
FrontlineSource  *frontline_dataset_lookup_source     (FrontlineDataset *self,
                                                       const char       *id);
GPtrArray        *frontline_dataset_get_quotes_citing (FrontlineDataset *self,
                                                       const char       *source_id);
GPtrArray        *frontline_dataset_get_areas_citing  (FrontlineDataset *self,
                                                       const char       *source_id);

const FrontlineDay *frontline_dataset_get_days        (FrontlineDataset *self,
                                                       guint            *n_days);
FrontlineDay      frontline_dataset_get_first_day     (FrontlineDataset *self);
FrontlineDay      frontline_dataset_get_last_day      (FrontlineDataset *self);
FrontlineDay      frontline_dataset_get_previous_day  (FrontlineDataset *self,
                                                       FrontlineDay      day);
FrontlineDay      frontline_dataset_get_next_day      (FrontlineDataset *self,
                                                       FrontlineDay      day);
FrontlineDay      frontline_dataset_get_data_day_for  (FrontlineDataset *self,
                                                       FrontlineDay      day);

GPtrArray        *frontline_dataset_get_state_at      (FrontlineDataset *self,
                                                       FrontlineDay      day);
GArray           *frontline_dataset_get_layer_areas   (FrontlineDataset *self,
                                                       FrontlineDay      day);
FrontlineArea    *frontline_dataset_get_area_at_point (FrontlineDataset *self,
                                                       FrontlineDay      day,
                                                       double            lon,
                                                       double            lat);
gboolean          frontline_dataset_get_default_view  (FrontlineDataset *self,
                                                       double            view[3]);
gboolean          frontline_dataset_get_bbox          (FrontlineDataset *self,
                                                       double            bbox[4]);
FrontlineGeometry *frontline_dataset_get_held         (FrontlineDataset *self,
                                                       FrontlineFaction *faction,
                                                       FrontlineStatus   status,
                                                       FrontlineDay      day);
gboolean          frontline_dataset_compare           (FrontlineDataset   *self,
                                                       FrontlineFaction   *faction,
                                                       FrontlineStatus     status,
                                                       FrontlineDay        from,
                                                       FrontlineDay        to,
                                                       FrontlineGeometry **gained,
                                                       FrontlineGeometry **lost);
void              frontline_dataset_add_stop          (FrontlineDataset *self,
                                                       FrontlineStop    *stop);
void              frontline_dataset_remove_stop       (FrontlineDataset *self,
                                                       guint             position);
void              frontline_dataset_move_stop         (FrontlineDataset *self,
                                                       guint             from,
                                                       guint             to);
gboolean          frontline_dataset_can_save          (FrontlineDataset *self);
char             *frontline_dataset_format_stats_csv  (FrontlineDataset *self);

void              frontline_diagnostic_free           (FrontlineDiagnostic *diagnostic);

G_END_DECLS
