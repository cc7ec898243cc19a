/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-view-state"

#include "config.h"

#include <string.h>

#include "frontline-view-state.h"

/* What the user is looking at: the dataset, the date, the comparison and the
 * view of the map. The window owns one; its map writes the view, its actions
 * the date and the comparison; the control layer, the date bar, the side
 * panel, the compare card, presentation and the exporter observe it through
 * properties. It computes the comparison itself, in a worker, and notifies
 * only real changes. Display-free. */

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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

  self->compare_cancellable = g_cancellable_new ();
  frontline_comparison_new_async (self->dataset, self->compare_from, self->day,
                                  self->compare_cancellable, on_comparison_ready_cb,
                                  g_object_ref (self));
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
}

static void
frontline_view_state_dispose (GObject *object)
{
  FrontlineViewState *self = FRONTLINE_VIEW_STATE (object);

  g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);
  g_clear_object (&self->comparison);
  g_clear_object (&self->dataset);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
frontline_view_state_init (FrontlineViewState *self)
{
  self->day = FRONTLINE_DAY_NONE;
  self->compare_from = FRONTLINE_DAY_NONE;
}
