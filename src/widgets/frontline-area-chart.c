/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-area-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "frontline-area-chart.h"
#include "frontline-area-chart-private.h"
#include "frontline-time-axis.h"

/* A chart of the area each faction holds with each status, over the dataset's
 * days. A day's value holds until the next sample, the way control persists
 * until the next assessment, so series are drawn as steps. Day d covers
 * [d, d + 1) on the x axis; the domain runs from the first day to the end of
 * the last one. */

G_DEFINE_FINAL_TYPE (FrontlineAreaChart, frontline_area_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
series_free (gpointer data)
{
  ChartSeries *series = data;

  g_free (series->label);
  g_free (series->days);
  g_free (series->values);
  g_free (series);
}

static ChartSeries *
series_new (const char         *label,
            const double        rgb[3],
            FrontlineStatus     status,
            const FrontlineDay *days,
            const double       *values,
            guint               n)
{
  ChartSeries *series = g_new0 (ChartSeries, 1);

  series->label = g_strdup (label);
  memcpy (series->rgb, rgb, sizeof series->rgb);
  series->status = status;
  series->days = g_memdup2 (days, n * sizeof (FrontlineDay));
  series->values = g_memdup2 (values, n * sizeof (double));
  series->n = n;

  return series;
}

/* The value in force on @day: the latest sample on or before it. */
double
_frontline_area_chart_series_value_at (const ChartSeries *series,
                                       FrontlineDay       day)
{
  guint lo = 0;
  guint hi = series->n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (series->days[mid] <= day)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo == 0 ? NAN : series->values[lo - 1];
}

const char *
_frontline_area_chart_status_label (FrontlineStatus status)
{
  switch (status)
    {
    case FRONTLINE_STATUS_CONTROLLED:
      return C_("area status", "controlled");
    case FRONTLINE_STATUS_CLAIMED:
      return C_("area status", "claimed");
    case FRONTLINE_STATUS_CONTESTED:
      return C_("area status", "contested");
    default:
      g_return_val_if_reached ("");
    }
}

char *
_frontline_area_chart_format_km2 (double value,
                                  int    decimals)
{
  /* The ' flag groups thousands the way the user's locale does. */
  return g_strdup_printf ("%'.*f", decimals, value);
}

static void
recompute_bounds (FrontlineAreaChart *self)
{
  self->first_day = FRONTLINE_DAY_NONE;
  self->last_day = FRONTLINE_DAY_NONE;
  self->max_value = 0.0;

  for (guint s = 0; s < self->series->len; s++)
    {
      ChartSeries *series = g_ptr_array_index (self->series, s);

      if (series->n == 0)
        continue;
      if (self->first_day == FRONTLINE_DAY_NONE || series->days[0] < self->first_day)
        self->first_day = series->days[0];
      self->last_day = MAX (self->last_day, series->days[series->n - 1]);
      for (guint i = 0; i < series->n; i++)
        if (isfinite (series->values[i]))
          self->max_value = MAX (self->max_value, series->values[i]);
    }
}

gboolean
_frontline_area_chart_has_data (FrontlineAreaChart *self)
{
  return self->first_day != FRONTLINE_DAY_NONE;
}

/* Screen readers get the values the picture shows for the chosen day (or the
 * last one), since they cannot see the lines. */
static void
update_accessible_description (FrontlineAreaChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  FrontlineDay day;
  g_autofree char *date = NULL;

  if (!_frontline_area_chart_has_data (self))
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  day = self->day != FRONTLINE_DAY_NONE ? self->day : self->last_day;
  date = frontline_day_format_as (day, FRONTLINE_DAY_FORMAT_LONG);
  g_string_append (text, date);

  for (guint s = 0; s < self->series->len; s++)
    {
      ChartSeries *series = g_ptr_array_index (self->series, s);
      double value = _frontline_area_chart_series_value_at (series, day);
      g_autofree char *number = NULL;

      if (!isfinite (value))
        continue;
      number = _frontline_area_chart_format_km2 (value, 0);
      g_string_append (text, "; ");
      /* Translators: faction, status and area, as in “Ukraine, controlled: 1,012 km²” */
      g_string_append_printf (text, _("%s, %s: %s km²"), series->label,
                              _frontline_area_chart_status_label (series->status), number);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
}

static void
data_changed (FrontlineAreaChart *self)
{
  recompute_bounds (self);
  update_accessible_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
frontline_area_chart_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  /* Room for a year of monthly labels and a few sides' legend; it shrinks to
   * fit a narrow side panel. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 480;
    }
  else
    {
      *minimum = 180;
      *natural = 260;
    }
}

static void
frontline_area_chart_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (frontline_area_chart_parent_class)->css_changed (widget, change);

  /* Named colours (the accent, the popover) can change without the widget's
   * own style changing, as when the dark style is switched on. */
  gtk_widget_queue_draw (widget);
}

/* Pointer */

static FrontlineDay
day_at_x (FrontlineAreaChart *self,
          double              x)
{
  double span;
  double position;

  if (!_frontline_area_chart_has_data (self) || self->plot.size.width <= 1 ||
      x < self->plot.origin.x || x > self->plot.origin.x + self->plot.size.width)
    return FRONTLINE_DAY_NONE;

  span = (double) self->last_day + 1.0 - self->first_day;
  position = (x - self->plot.origin.x) / self->plot.size.width * span;

  return MIN (self->last_day, self->first_day + (FrontlineDay) floor (position));
}

static void
set_hover_day (FrontlineAreaChart *self,
               FrontlineDay        day)
{
  if (self->hover_day == day)
    return;

  self->hover_day = day;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              FrontlineAreaChart       *self)
{
  set_hover_day (self, day_at_x (self, x));
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             FrontlineAreaChart       *self)
{
  set_hover_day (self, FRONTLINE_DAY_NONE);
}

/* A click goes to the day under the pointer: the chart's day, which the
 * date bar follows. */
static void
on_click_released_cb (GtkGestureClick    *gesture,
                      int                 n_press,
                      double              x,
                      double              y,
                      FrontlineAreaChart *self)
{
  FrontlineDay day = day_at_x (self, x);

  if (day == FRONTLINE_DAY_NONE)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  frontline_area_chart_set_day (self, day);
}

/* GObject */

static void
frontline_area_chart_finalize (GObject *object)
{
  FrontlineAreaChart *self = FRONTLINE_AREA_CHART (object);

  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->ticks, g_array_unref);

  G_OBJECT_CLASS (frontline_area_chart_parent_class)->finalize (object);
}

static void
frontline_area_chart_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FrontlineAreaChart *self = FRONTLINE_AREA_CHART (object);

  switch (prop_id)
    {
    case PROP_DAY:
      g_value_set_uint (value, self->day);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_area_chart_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FrontlineAreaChart *self = FRONTLINE_AREA_CHART (object);

  switch (prop_id)
    {
    case PROP_DAY:
      frontline_area_chart_set_day (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_area_chart_class_init (FrontlineAreaChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = frontline_area_chart_finalize;
  object_class->get_property = frontline_area_chart_get_property;
  object_class->set_property = frontline_area_chart_set_property;

  widget_class->snapshot = _frontline_area_chart_snapshot;
  widget_class->measure = frontline_area_chart_measure;
  widget_class->css_changed = frontline_area_chart_css_changed;

  /**
   * FrontlineAreaChart:day:
   *
   * The chosen date, marked with a vertical line; 0 for none.
   */
  properties[PROP_DAY] =
    g_param_spec_uint ("day", NULL, NULL,
                       0, G_MAXUINT32, FRONTLINE_DAY_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "frontline-area-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
frontline_area_chart_init (FrontlineAreaChart *self)
{
  GtkEventController *motion;
  GtkGesture *click;

  self->series = g_ptr_array_new_with_free_func (series_free);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Area held per side over time"),
                                  -1);
}

/**
 * frontline_area_chart_new:
 *
 * Returns: (transfer floating): an empty chart
 */
FrontlineAreaChart *
frontline_area_chart_new (void)
{
  return g_object_new (FRONTLINE_TYPE_AREA_CHART, NULL);
}

/**
 * frontline_area_chart_clear:
 *
 * Removes every series. A load still running is dropped when it finishes.
 */
void
frontline_area_chart_clear (FrontlineAreaChart *self)
{
  g_return_if_fail (FRONTLINE_IS_AREA_CHART (self));

  self->generation++;
  g_ptr_array_set_size (self->series, 0);
  data_changed (self);
}

/**
 * frontline_area_chart_add_series:
 * @label: the faction's name
 * @rgb: the faction's colour, each channel from 0 to 1
 * @status: drawn solid (controlled), dashed (claimed) or dotted (contested)
 * @days: (array length=n): the days of the samples, sorted
 * @values: (array length=n): the area in km² from each day until the next,
 *   or NAN where the layer shows nothing
 * @n: the number of samples
 *
 * Adds one line to the chart, one per faction and status.
 */
void
frontline_area_chart_add_series (FrontlineAreaChart *self,
                                 const char         *label,
                                 const double        rgb[3],
                                 FrontlineStatus     status,
                                 const FrontlineDay *days,
                                 const double       *values,
                                 guint               n)
{
  g_return_if_fail (FRONTLINE_IS_AREA_CHART (self));
  g_return_if_fail (label != NULL);
  g_return_if_fail (rgb != NULL);
  g_return_if_fail (status < FRONTLINE_N_STATUSES);
  g_return_if_fail (n == 0 || (days != NULL && values != NULL));

  for (guint i = 1; i < n; i++)
    g_return_if_fail (days[i - 1] < days[i]);

  g_ptr_array_add (self->series, series_new (label, rgb, status, days, values, n));
  data_changed (self);
}

FrontlineDay
frontline_area_chart_get_day (FrontlineAreaChart *self)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA_CHART (self), FRONTLINE_DAY_NONE);

  return self->day;
}

/**
 * frontline_area_chart_set_day:
 * @day: the chosen date, or %FRONTLINE_DAY_NONE
 *
 * Marks @day with a vertical line in the accent colour.
 */
void
frontline_area_chart_set_day (FrontlineAreaChart *self,
                              FrontlineDay        day)
{
  g_return_if_fail (FRONTLINE_IS_AREA_CHART (self));

  if (self->day == day)
    return;

  self->day = day;
  update_accessible_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

guint
frontline_area_chart_get_n_series (FrontlineAreaChart *self)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA_CHART (self), 0);

  return self->series->len;
}

const char *
frontline_area_chart_get_series_label (FrontlineAreaChart *self,
                                       guint               index)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA_CHART (self), NULL);
  g_return_val_if_fail (index < self->series->len, NULL);

  return ((ChartSeries *) g_ptr_array_index (self->series, index))->label;
}

FrontlineStatus
frontline_area_chart_get_series_status (FrontlineAreaChart *self,
                                        guint               index)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA_CHART (self), FRONTLINE_STATUS_CONTROLLED);
  g_return_val_if_fail (index < self->series->len, FRONTLINE_STATUS_CONTROLLED);

  return ((ChartSeries *) g_ptr_array_index (self->series, index))->status;
}

/**
 * frontline_area_chart_get_series_values:
 * @days: (out) (optional) (array length=n) (transfer none): the series' days
 * @n: (out) (optional): the number of samples
 *
 * Returns: (array length=n) (transfer none): the series' values in km², NAN
 *   where the layer shows nothing
 */
const double *
frontline_area_chart_get_series_values (FrontlineAreaChart  *self,
                                        guint                index,
                                        const FrontlineDay **days,
                                        guint               *n)
{
  ChartSeries *series;

  g_return_val_if_fail (FRONTLINE_IS_AREA_CHART (self), NULL);
  g_return_val_if_fail (index < self->series->len, NULL);

  series = g_ptr_array_index (self->series, index);
  if (days)
    *days = series->days;
  if (n)
    *n = series->n;

  return series->values;
}

/**
 * frontline_area_chart_get_value_at:
 *
 * Returns: the area of series @index in force on @day (its latest sample on
 *   or before it), or NAN when it shows nothing that day
 */
double
frontline_area_chart_get_value_at (FrontlineAreaChart *self,
                                   guint               index,
                                   FrontlineDay        day)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA_CHART (self), NAN);
  g_return_val_if_fail (index < self->series->len, NAN);

  return _frontline_area_chart_series_value_at (g_ptr_array_index (self->series, index), day);
}

/* Loading from a dataset */

/**
 * frontline_area_chart_set_series:
 * @series: the areas of a dataset, computed once
 *
 * Replaces the chart's series with one per faction and status of @series,
 * and supersedes any load still running.
 */
void
frontline_area_chart_set_series (FrontlineAreaChart  *self,
                                 FrontlineAreaSeries *series)
{
  guint n_days;
  const FrontlineDay *days;

  g_return_if_fail (FRONTLINE_IS_AREA_CHART (self));
  g_return_if_fail (FRONTLINE_IS_AREA_SERIES (series));

  self->generation++;
  days = frontline_area_series_get_days (series, &n_days);
  g_ptr_array_set_size (self->series, 0);
  for (guint i = 0, n = frontline_area_series_get_n_lines (series); i < n; i++)
    {
      FrontlineFaction *faction = frontline_area_series_get_faction (series, i);
      double rgb[3];

      frontline_faction_get_rgb (faction, rgb);
      g_ptr_array_add (self->series, series_new (frontline_faction_get_name (faction), rgb,
                                                 frontline_area_series_get_status (series, i),
                                                 days, frontline_area_series_get_values (series, i),
                                                 n_days));
    }
  data_changed (self);
}

static void
on_load_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FrontlineAreaChart *self = g_task_get_source_object (task);
  guint generation = GPOINTER_TO_UINT (g_task_get_task_data (task));
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineAreaSeries) series = frontline_area_series_new_finish (result, &error);

  if (series == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (generation != self->generation)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "Replaced by a newer load");
      return;
    }

  frontline_area_chart_set_series (self, series);
  g_task_return_boolean (task, TRUE);
}

/**
 * frontline_area_chart_load_async:
 * @dataset: the dataset to chart
 *
 * Replaces the chart's series with one per faction and status of @dataset,
 * sampled on the days the layers change, computed by a #FrontlineAreaSeries
 * in a worker thread; the chart changes when it is done, before @callback
 * runs. A later load, clear or series supersedes this one, which then fails
 * with %G_IO_ERROR_CANCELLED.
 */
void
frontline_area_chart_load_async (FrontlineAreaChart  *self,
                                 FrontlineDataset    *dataset,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FRONTLINE_IS_AREA_CHART (self));
  g_return_if_fail (FRONTLINE_IS_DATASET (dataset));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, frontline_area_chart_load_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (++self->generation), NULL);

  /* The series' own task delivers it to the chart, so that the chart fills
   * even when the caller passes no callback. */
  frontline_area_series_new_async (dataset, cancellable, on_load_done_cb, task);
}

gboolean
frontline_area_chart_load_finish (FrontlineAreaChart  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA_CHART (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == frontline_area_chart_load_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * frontline_area_chart_get_ticks:
 *
 * Returns: (transfer none) (nullable) (element-type FrontlineTimeTick): the
 *   time axis as last drawn
 */
GArray *
frontline_area_chart_get_ticks (FrontlineAreaChart *self)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA_CHART (self), NULL);

  return self->ticks;
}
