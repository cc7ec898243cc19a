/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-view-state"

#include "config.h"

#include <string.h>

#include "frontline-archive.h"
#include "frontline-view-state.h"

/* What the user is looking at: the dataset, the date, the comparison and the
 * view of the map. The window owns one; its map writes the view, its actions
 * the date and the comparison; the control layer, the date bar, the side
 * panel, the compare card, presentation and the exporter observe it through
 * properties. It computes the comparison itself, in a worker, and notifies
 * only real changes. Display-free.
 *
 * A dataset browsed from PostGIS has no areas until they are fetched: when the
 * day, the day compared with or the view changes, the state fetches the
 * days shown for the view's box and zoom in a worker (after 100 ms of quiet,
 * cancelling the fetch before), then emits areas-changed; a failure sets
 * the error property and keeps the areas shown. */

#define FETCH_DELAY_MS 100

struct _FrontlineViewState
{
  GObject              parent_instance;

  FrontlineDataset    *dataset;
  FrontlineDay         day;
  FrontlineDay         compare_from;
  gboolean             compare_follows;
  FrontlineComparison *comparison;
  GCancellable        *compare_cancellable;
  FrontlineView        view;

  guint                fetch_source;
  GCancellable        *fetch_cancellable;
  GError              *error;
};

G_DEFINE_FINAL_TYPE (FrontlineViewState, frontline_view_state, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_DAY,
  PROP_COMPARE_FROM,
  PROP_COMPARE_FOLLOWS,
  PROP_COMPARING,
  PROP_COMPARISON,
  PROP_VIEW,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  AREAS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_comparison (FrontlineViewState *self);

static void
set_comparison (FrontlineViewState  *self,
                FrontlineComparison *comparison)
{
  if (g_set_object (&self->comparison, comparison))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARISON]);
}

static void
on_comparison_ready_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(FrontlineViewState) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineComparison) comparison = frontline_comparison_new_finish (result, &error);

  /* Cancelled: a newer one replaced it, or comparing stopped. */
  if (comparison == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Comparison failed: %s", error->message);
      return;
    }
  if (frontline_comparison_get_to (comparison) != self->day ||
      frontline_comparison_get_from (comparison) != self->compare_from)
    return;

  g_clear_object (&self->compare_cancellable);
  set_comparison (self, comparison);
}

/* Keeps the comparison in step with the dataset, the day and the day compared
 * with: the old one shows until the new one is ready (no flicker while the
 * date plays), and goes at once when comparing stops. */
static void
update_comparison (FrontlineViewState *self)
{
  g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);

  if (self->dataset == NULL || self->compare_from == FRONTLINE_DAY_NONE)
    {
      set_comparison (self, NULL);
      return;
    }

  if (self->comparison != NULL &&
      frontline_comparison_get_from (self->comparison) == self->compare_from &&
      frontline_comparison_get_to (self->comparison) == self->day)
    return;

  start_comparison (self);
}

static void
start_comparison (FrontlineViewState *self)
{
  g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);
  self->compare_cancellable = g_cancellable_new ();
  frontline_comparison_new_async (self->dataset, self->compare_from, self->day,
                                  self->compare_cancellable, on_comparison_ready_cb,
                                  g_object_ref (self));
}

/* Fetching an archive's areas */

typedef struct {
  FrontlineArchive *archive;
  FrontlineDay      days[2];
  double            bbox[4];
  double            zoom;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_object_unref (data->archive);
  g_free (data);
}

static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FetchData *data = task_data;

  for (guint i = 0; i < G_N_ELEMENTS (data->days); i++)
    {
      g_autoptr(GPtrArray) areas = NULL;
      GError *error = NULL;

      if (data->days[i] == FRONTLINE_DAY_NONE)
        continue;
      areas = frontline_archive_fetch (data->archive, data->days[i], data->bbox, data->zoom,
                                       cancellable, &error);
      if (areas == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

static void
set_error (FrontlineViewState *self,
           const GError       *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
on_fetch_ready_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  FrontlineViewState *self = FRONTLINE_VIEW_STATE (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Cancelled: a newer fetch replaced it. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error (self, error);
      return;
    }

  g_clear_object (&self->fetch_cancellable);
  set_error (self, NULL);
  /* The comparison was made from the areas before these. */
  if (self->compare_from != FRONTLINE_DAY_NONE)
    start_comparison (self);
  g_signal_emit (self, signals[AREAS_CHANGED], 0);
}

static gboolean
fetch_now_cb (gpointer user_data)
{
  FrontlineViewState *self = user_data;
  FrontlineArchive *archive;
  g_autoptr(GTask) task = NULL;
  FetchData *data;

  self->fetch_source = 0;
  archive = self->dataset ? frontline_dataset_get_archive (self->dataset) : NULL;
  if (archive == NULL || self->day == FRONTLINE_DAY_NONE ||
      self->view.width <= 0 || self->view.height <= 0)
    return G_SOURCE_REMOVE;

  g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->fetch_cancellable);
  self->fetch_cancellable = g_cancellable_new ();

  data = g_new0 (FetchData, 1);
  data->archive = g_object_ref (archive);
  data->days[0] = self->day;
  data->days[1] = self->compare_from;
  frontline_view_get_bbox (&self->view, data->bbox);
  data->zoom = self->view.zoom;

  task = g_task_new (self, self->fetch_cancellable, on_fetch_ready_cb, NULL);
  g_task_set_source_tag (task, fetch_now_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);
  g_task_run_in_thread (task, fetch_thread);

  return G_SOURCE_REMOVE;
}

/* A dataset browsed from PostGIS: fetch what is shown once changes settle. */
static void
schedule_fetch (FrontlineViewState *self)
{
  if (self->dataset == NULL || frontline_dataset_get_archive (self->dataset) == NULL)
    return;

  g_clear_handle_id (&self->fetch_source, g_source_remove);
  self->fetch_source = g_timeout_add (FETCH_DELAY_MS, fetch_now_cb, self);
}

/**
 * frontline_view_state_fetch_areas:
 *
 * Fetches the areas shown again (a dataset browsed from PostGIS), as after
 * the server was lost; areas-changed follows, or the error property.
 */
void
frontline_view_state_fetch_areas (FrontlineViewState *self)
{
  g_return_if_fail (FRONTLINE_IS_VIEW_STATE (self));

  schedule_fetch (self);
}

/**
 * frontline_view_state_get_error:
 *
 * Returns: (transfer none) (nullable): why the last fetch of a dataset
 *   browsed from PostGIS failed, or %NULL
 */
const GError *
frontline_view_state_get_error (FrontlineViewState *self)
{
  g_return_val_if_fail (FRONTLINE_IS_VIEW_STATE (self), NULL);

  return self->error;
}

/* "Since the previous data date" follows the chosen date. */
static FrontlineDay
following_from (FrontlineViewState *self)
{
  FrontlineDay data_day = frontline_dataset_get_data_day_for (self->dataset, self->day);
  FrontlineDay from = frontline_dataset_get_previous_day (self->dataset, data_day);

  if (from == FRONTLINE_DAY_NONE)
    from = frontline_dataset_get_first_day (self->dataset);

  return from;
}

/* Sets the day compared with and whether it follows, notifying what changed,
 * then the comparison. */
static void
apply_compare (FrontlineViewState *self,
               FrontlineDay        from,
               gboolean            follows)
{
  gboolean was_comparing = self->compare_from != FRONTLINE_DAY_NONE;

  follows = !!follows;
  if (self->dataset == NULL)
    from = FRONTLINE_DAY_NONE;
  else if (follows && from != FRONTLINE_DAY_NONE)
    from = following_from (self);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->compare_follows != follows)
    {
      self->compare_follows = follows;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE_FOLLOWS]);
    }
  if (self->compare_from != from)
    {
      self->compare_from = from;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE_FROM]);
      if (from != FRONTLINE_DAY_NONE)
        schedule_fetch (self);
    }
  if (was_comparing != (from != FRONTLINE_DAY_NONE))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARING]);
  update_comparison (self);
  g_object_thaw_notify (G_OBJECT (self));
}

FrontlineViewState *
frontline_view_state_new (void)
{
  return g_object_new (FRONTLINE_TYPE_VIEW_STATE, NULL);
}

/**
 * frontline_view_state_get_dataset:
 *
 * Returns: (transfer none) (nullable): the dataset looked at
 */
FrontlineDataset *
frontline_view_state_get_dataset (FrontlineViewState *self)
{
  g_return_val_if_fail (FRONTLINE_IS_VIEW_STATE (self), NULL);

  return self->dataset;
}

/**
 * frontline_view_state_set_dataset:
 * @dataset: (nullable): the dataset to look at
 *
 * A new dataset starts at its last date (or the date kept, when it is within
 * the new dates), without a comparison; a comparison still running for the
 * old one is cancelled.
 */
void
frontline_view_state_set_dataset (FrontlineViewState *self,
                                  FrontlineDataset   *dataset)
{
  FrontlineDay day = FRONTLINE_DAY_NONE;

  g_return_if_fail (FRONTLINE_IS_VIEW_STATE (self));
  g_return_if_fail (dataset == NULL || FRONTLINE_IS_DATASET (dataset));

  if (self->dataset == dataset)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  apply_compare (self, FRONTLINE_DAY_NONE, FALSE);
  g_set_object (&self->dataset, dataset);
  g_clear_handle_id (&self->fetch_source, g_source_remove);
  g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->fetch_cancellable);
  set_error (self, NULL);

  if (dataset != NULL)
    {
      FrontlineDay first = frontline_dataset_get_first_day (dataset);
      FrontlineDay last = frontline_dataset_get_last_day (dataset);

      day = self->day >= first && self->day <= last ? self->day : last;
    }
  if (day != self->day)
    {
      self->day = day;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
  schedule_fetch (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * frontline_view_state_get_day:
 *
 * Returns: the chosen date, or %FRONTLINE_DAY_NONE without a dataset
 */
FrontlineDay
frontline_view_state_get_day (FrontlineViewState *self)
{
  g_return_val_if_fail (FRONTLINE_IS_VIEW_STATE (self), FRONTLINE_DAY_NONE);

  return self->day;
}

/**
 * frontline_view_state_set_day:
 * @day: any day; it is kept within the dataset's dates
 *
 * Ignored without a dataset.
 */
void
frontline_view_state_set_day (FrontlineViewState *self,
                              FrontlineDay        day)
{
  g_return_if_fail (FRONTLINE_IS_VIEW_STATE (self));

  if (self->dataset == NULL)
    return;

  day = CLAMP (day, frontline_dataset_get_first_day (self->dataset),
               frontline_dataset_get_last_day (self->dataset));
  if (day == self->day)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  self->day = day;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
  if (self->compare_from != FRONTLINE_DAY_NONE)
    apply_compare (self, self->compare_from, self->compare_follows);
  schedule_fetch (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * frontline_view_state_get_compare_from:
 *
 * Returns: the day compared with, or %FRONTLINE_DAY_NONE when not comparing
 */
FrontlineDay
frontline_view_state_get_compare_from (FrontlineViewState *self)
{
  g_return_val_if_fail (FRONTLINE_IS_VIEW_STATE (self), FRONTLINE_DAY_NONE);

  return self->compare_from;
}

/**
 * frontline_view_state_set_compare_from:
 * @from: the day to compare with, or %FRONTLINE_DAY_NONE to stop comparing
 *
 * While #FrontlineViewState:compare-follows is set, any day but
 * %FRONTLINE_DAY_NONE means the previous data date.
 */
void
frontline_view_state_set_compare_from (FrontlineViewState *self,
                                       FrontlineDay        from)
{
  g_return_if_fail (FRONTLINE_IS_VIEW_STATE (self));

  apply_compare (self, from, self->compare_follows);
}

gboolean
frontline_view_state_get_compare_follows (FrontlineViewState *self)
{
  g_return_val_if_fail (FRONTLINE_IS_VIEW_STATE (self), FALSE);

  return self->compare_follows;
}

/**
 * frontline_view_state_set_compare_follows:
 * @follows: whether the comparison is with the previous data date, following
 *   the chosen date
 */
void
frontline_view_state_set_compare_follows (FrontlineViewState *self,
                                          gboolean            follows)
{
  g_return_if_fail (FRONTLINE_IS_VIEW_STATE (self));

  apply_compare (self, self->compare_from, follows);
}

/**
 * frontline_view_state_compare:
 * @from: the day to compare with, or %FRONTLINE_DAY_NONE to stop
 * @follows: compare with the previous data date instead, following the date
 *
 * Sets both at once, as win.compare and win.compare-since do.
 */
void
frontline_view_state_compare (FrontlineViewState *self,
                              FrontlineDay        from,
                              gboolean            follows)
{
  g_return_if_fail (FRONTLINE_IS_VIEW_STATE (self));

  apply_compare (self, from, follows);
}

gboolean
frontline_view_state_get_comparing (FrontlineViewState *self)
{
  g_return_val_if_fail (FRONTLINE_IS_VIEW_STATE (self), FALSE);

  return self->compare_from != FRONTLINE_DAY_NONE;
}

/**
 * frontline_view_state_get_comparison:
 *
 * The latest comparison computed: while a newer one is computed, the one
 * before; check its from and to days when they matter.
 *
 * Returns: (transfer none) (nullable): gains and losses, or %NULL
 */
FrontlineComparison *
frontline_view_state_get_comparison (FrontlineViewState *self)
{
  g_return_val_if_fail (FRONTLINE_IS_VIEW_STATE (self), NULL);

  return self->comparison;
}

/**
 * frontline_view_state_get_view:
 *
 * Returns: (transfer none): the map's view: centre, zoom as the map's
 *   viewport has it, and size in pixels; zero before the map reported it
 */
const FrontlineView *
frontline_view_state_get_view (FrontlineViewState *self)
{
  g_return_val_if_fail (FRONTLINE_IS_VIEW_STATE (self), NULL);

  return &self->view;
}

void
frontline_view_state_set_view (FrontlineViewState  *self,
                               const FrontlineView *view)
{
  g_return_if_fail (FRONTLINE_IS_VIEW_STATE (self));
  g_return_if_fail (view != NULL);

  if (memcmp (&self->view, view, sizeof *view) == 0)
    return;

  self->view = *view;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
  schedule_fetch (self);
}

static void
frontline_view_state_dispose (GObject *object)
{
  FrontlineViewState *self = FRONTLINE_VIEW_STATE (object);

  g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);
  g_clear_object (&self->comparison);
  g_clear_object (&self->dataset);
  g_clear_handle_id (&self->fetch_source, g_source_remove);
  g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->fetch_cancellable);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (frontline_view_state_parent_class)->dispose (object);
}

static void
frontline_view_state_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FrontlineViewState *self = FRONTLINE_VIEW_STATE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;

    case PROP_DAY:
      g_value_set_uint (value, self->day);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_COMPARE_FROM:
      g_value_set_uint (value, self->compare_from);
      break;

    case PROP_COMPARE_FOLLOWS:
      g_value_set_boolean (value, self->compare_follows);
      break;

    case PROP_COMPARING:
      g_value_set_boolean (value, self->compare_from != FRONTLINE_DAY_NONE);
      break;

    case PROP_COMPARISON:
      g_value_set_object (value, self->comparison);
      break;

    case PROP_VIEW:
      g_value_set_boxed (value, &self->view);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_view_state_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FrontlineViewState *self = FRONTLINE_VIEW_STATE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      frontline_view_state_set_dataset (self, g_value_get_object (value));
      break;

    case PROP_DAY:
      frontline_view_state_set_day (self, g_value_get_uint (value));
      break;

    case PROP_COMPARE_FROM:
      frontline_view_state_set_compare_from (self, g_value_get_uint (value));
      break;

    case PROP_COMPARE_FOLLOWS:
      frontline_view_state_set_compare_follows (self, g_value_get_boolean (value));
      break;

    case PROP_VIEW:
      if (g_value_get_boxed (value) != NULL)
        frontline_view_state_set_view (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_view_state_class_init (FrontlineViewStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = frontline_view_state_dispose;
  object_class->get_property = frontline_view_state_get_property;
  object_class->set_property = frontline_view_state_set_property;

  /**
   * FrontlineViewState:dataset:
   *
   * The dataset looked at, or %NULL.
   */
  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, FRONTLINE_TYPE_DATASET, flags);

  /**
   * FrontlineViewState:day:
   *
   * The chosen date, as a Julian day, within the dataset's dates;
   * %FRONTLINE_DAY_NONE without a dataset.
   */
  properties[PROP_DAY] =
    g_param_spec_uint ("day", NULL, NULL, 0, G_MAXUINT32, FRONTLINE_DAY_NONE, flags);

  /**
   * FrontlineViewState:compare-from:
   *
   * The day compared with, or %FRONTLINE_DAY_NONE when not comparing.
   */
  properties[PROP_COMPARE_FROM] =
    g_param_spec_uint ("compare-from", NULL, NULL, 0, G_MAXUINT32, FRONTLINE_DAY_NONE, flags);

  /**
   * FrontlineViewState:compare-follows:
   *
   * Whether the comparison is with the previous data date, following the
   * chosen date.
   */
  properties[PROP_COMPARE_FOLLOWS] =
    g_param_spec_boolean ("compare-follows", NULL, NULL, FALSE, flags);

  /**
   * FrontlineViewState:comparing:
   *
   * Whether gains and losses are shown.
   */
  properties[PROP_COMPARING] =
    g_param_spec_boolean ("comparing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FrontlineViewState:comparison:
   *
   * The gains and losses, once computed; %NULL when not comparing.
   */
  properties[PROP_COMPARISON] =
    g_param_spec_object ("comparison", NULL, NULL, FRONTLINE_TYPE_COMPARISON,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FrontlineViewState:view:
   *
   * The map's view (#FrontlineView): the window's map writes it, the
   * exporter and presentation read it.
   */
  properties[PROP_VIEW] =
    g_param_spec_boxed ("view", NULL, NULL, FRONTLINE_TYPE_VIEW, flags);

  /**
   * FrontlineViewState:error:
   *
   * Why fetching the areas of a dataset browsed from PostGIS failed
   * (#FRONTLINE_ARCHIVE_ERROR_LOST when the server is lost), or %NULL; the
   * areas shown before stay.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FrontlineViewState::areas-changed:
   *
   * The areas of a dataset browsed from PostGIS arrived for the day (and the
   * day compared with): frontline_dataset_get_state_at() gives them.
   */
  signals[AREAS_CHANGED] =
    g_signal_new ("areas-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
frontline_view_state_init (FrontlineViewState *self)
{
  self->day = FRONTLINE_DAY_NONE;
  self->compare_from = FRONTLINE_DAY_NONE;
}
