/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "frontline-timeline.h"
#include "frontline-timeline-private.h"
#include "frontline-time-axis.h"

/* The bar under the map that spans a dataset's dates: month and year labels,
 * a tick at each day with data, a dot at each day with quotes, the area of
 * each faction as a chart behind them, and a handle at the chosen day.
 *
 * It is a slider over days, so it behaves like GtkScale: click or drag
 * anywhere, arrows for a day, Page Up and Page Down for a month, Home and
 * End. The window owns the dataset and the chosen date: it hands the timeline
 * the days and areas as plain arrays, so the widget needs no model, and
 * follows its day.
 *
 * Everything is drawn with cairo in one node: a few hundred ticks and a
 * path per faction are cheaper that way than as child widgets. */

G_DEFINE_FINAL_TYPE (FrontlineTimeline, frontline_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
series_free (gpointer data)
{
  TimelineSeries *series = data;

  g_free (series->name);
  g_array_unref (series->values);
  g_free (series);
}

gboolean
_frontline_timeline_has_range (FrontlineTimeline *self)
{
  return self->first != FRONTLINE_DAY_NONE;
}

/* The first index whose day is at or after @day. */
guint
_frontline_timeline_lower_bound (GArray       *days,
                                 FrontlineDay  day)
{
  guint lo = 0, hi = days->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (days, FrontlineDay, mid) < day)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static gboolean
contains_day (GArray       *days,
              FrontlineDay  day)
{
  guint i = _frontline_timeline_lower_bound (days, day);

  return i < days->len && g_array_index (days, FrontlineDay, i) == day;
}

double
_frontline_timeline_track_width (FrontlineTimeline *self)
{
  return MAX (gtk_widget_get_width (GTK_WIDGET (self)) - 2 * INSET_X, 1.0);
}

/**
 * frontline_timeline_get_day_x:
 *
 * Returns: where @day is drawn, in widget coordinates; 0 with no range
 */
double
frontline_timeline_get_day_x (FrontlineTimeline *self,
                              FrontlineDay       day)
{
  double span;

  g_return_val_if_fail (FRONTLINE_IS_TIMELINE (self), 0);

  if (!_frontline_timeline_has_range (self))
    return 0;

  span = (double) self->last - (double) self->first;
  if (span == 0)
    return INSET_X + _frontline_timeline_track_width (self) / 2;

  return INSET_X + ((double) day - (double) self->first) / span * _frontline_timeline_track_width (self);
}

/* The day with data whose tick is nearest @x, if it is within SNAP_DISTANCE. */
static FrontlineDay
snap_to_data_day (FrontlineTimeline *self,
                  double             x)
{
  guint lo = _frontline_timeline_lower_bound (self->data_days, self->first);
  guint hi = _frontline_timeline_lower_bound (self->data_days, self->last + 1);
  FrontlineDay best = FRONTLINE_DAY_NONE;
  double best_distance = SNAP_DISTANCE;
  guint i;

  /* Ticks are in order of x too: find the first at or right of @x, then
   * compare it with its left neighbour. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (frontline_timeline_get_day_x (self, g_array_index (self->data_days, FrontlineDay, mid)) < x)
        lo = mid + 1;
      else
        hi = mid;
    }

  for (i = lo > 0 ? lo - 1 : 0; i <= lo && i < self->data_days->len; i++)
    {
      FrontlineDay day = g_array_index (self->data_days, FrontlineDay, i);
      double distance = fabs (frontline_timeline_get_day_x (self, day) - x);

      if (day >= self->first && day <= self->last && distance <= best_distance)
        {
          best = day;
          best_distance = distance;
        }
    }

  return best;
}

/**
 * frontline_timeline_pick_day:
 * @x: a position in widget coordinates
 *
 * Finds the day a click at @x chooses: the day under it, or the day of a
 * data tick within a few pixels, since those are the days people look for.
 *
 * Returns: the day, or %FRONTLINE_DAY_NONE with no range
 */
FrontlineDay
frontline_timeline_pick_day (FrontlineTimeline *self,
                             double             x)
{
  FrontlineDay snapped;
  double t;

  g_return_val_if_fail (FRONTLINE_IS_TIMELINE (self), FRONTLINE_DAY_NONE);

  if (!_frontline_timeline_has_range (self))
    return FRONTLINE_DAY_NONE;

  snapped = snap_to_data_day (self, x);
  if (snapped != FRONTLINE_DAY_NONE)
    return snapped;

  t = CLAMP ((x - INSET_X) / _frontline_timeline_track_width (self), 0.0, 1.0);

  return self->first + (FrontlineDay) lround (t * (self->last - self->first));
}

/* The latest day with data on or before @day, as the map shows it. */
static gboolean
find_data_index (FrontlineTimeline *self,
                 FrontlineDay       day,
                 guint             *index)
{
  guint i = _frontline_timeline_lower_bound (self->data_days, day + 1);

  if (i == 0)
    return FALSE;

  *index = i - 1;
  return TRUE;
}

/* Appends a line of markup to @markup, escaping the arguments. */
G_GNUC_PRINTF (2, 3)
static void
append_markup_line (GString    *markup,
                    const char *format,
                    ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_markup_vprintf_escaped (format, args);
  va_end (args);

  if (markup->len > 0)
    g_string_append_c (markup, '\n');
  g_string_append (markup, line);
}

/**
 * frontline_timeline_describe_day:
 *
 * The tooltip for @day, as Pango markup: the date, whether it has data or
 * quotes, and each series' value at the latest data day on or before it,
 * the state the map shows for that day.
 *
 * Returns: (transfer full): the markup
 */
char *
frontline_timeline_describe_day (FrontlineTimeline *self,
                                 FrontlineDay       day)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *date = NULL;
  guint index;

  g_return_val_if_fail (FRONTLINE_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (day != FRONTLINE_DAY_NONE, NULL);

  /* Every piece is escaped: translations and names may hold '&' or '<'. */
  date = frontline_day_format_as (day, FRONTLINE_DAY_FORMAT_LONG);
  append_markup_line (markup, "<b>%s</b>", date);

  if (contains_day (self->data_days, day))
    append_markup_line (markup, "%s", _("Data for this day"));

  if (contains_day (self->mark_days, day))
    append_markup_line (markup, "%s", _("Quotes for this day"));

  if (self->series->len > 0 && find_data_index (self, day, &index))
    {
      FrontlineDay data_day = g_array_index (self->data_days, FrontlineDay, index);

      if (data_day != day)
        {
          g_autofree char *data_date = frontline_day_format_as (data_day,
                                                                FRONTLINE_DAY_FORMAT_LONG);
          g_autofree char *line = NULL;

          /* Translators: the day whose areas the tooltip lists, the latest
           * with data before the one under the pointer. */
          line = g_strdup_printf (_("Latest data: %s"), data_date);
          append_markup_line (markup, "%s", line);
        }

      for (guint i = 0; i < self->series->len; i++)
        {
          TimelineSeries *series = g_ptr_array_index (self->series, i);
          g_autofree char *value = NULL;
          g_autofree char *line = NULL;
          double v;

          if (index >= series->values->len)
            continue;

          v = g_array_index (series->values, double, index);
          if (!isfinite (v))
            continue;

          /* The locale's digit grouping, as in 1,024. */
          value = g_strdup_printf ("%'.0f", v);
          /* Translators: a faction's area in the timeline's tooltip, as in
           * "Ukraine: 1,024 km²". */
          line = g_strdup_printf (_("%s: %s km²"), series->name, value);
          append_markup_line (markup, "%s", line);
        }
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static void
update_accessible (FrontlineTimeline *self)
{
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *plain = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *description = NULL;

  if (!_frontline_timeline_has_range (self))
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_MIN);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_MAX);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_NOW);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT);
      return;
    }

  /* Screen readers read the value text rather than the day number. */
  text = frontline_day_format_as (self->day, FRONTLINE_DAY_FORMAT_LONG);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, (double) self->first,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) self->last,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double) self->day,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);

  /* And what the tooltip says of the day after its date (whether it has
   * data or quotes, each side's area), as the description. */
  markup = frontline_timeline_describe_day (self, self->day);
  if (!pango_parse_markup (markup, -1, 0, NULL, &plain, NULL, NULL))
    return;
  lines = g_strsplit (plain, "\n", -1);
  if (lines[0] != NULL && lines[1] != NULL)
    description = g_strjoinv (". ", lines + 1);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
set_day_internal (FrontlineTimeline *self,
                  FrontlineDay       day)
{
  if (day == self->day)
    return;

  self->day = day;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

static void
invalidate_ticks (FrontlineTimeline *self)
{
  self->ticks_width = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
frontline_timeline_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 2 * INSET_X + 64;
      *natural = 2 * INSET_X + 480;
    }
  else
    {
      *minimum = MIN_HEIGHT;
      *natural = MIN_HEIGHT;
    }
}

static void
frontline_timeline_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (frontline_timeline_parent_class)->css_changed (widget, change);

  /* The font may have changed, and the colours come from the style. */
  invalidate_ticks (FRONTLINE_TIMELINE (widget));
}

static void
frontline_timeline_state_flags_changed (GtkWidget     *widget,
                                        GtkStateFlags  previous)
{
  GTK_WIDGET_CLASS (frontline_timeline_parent_class)->state_flags_changed (widget, previous);

  /* The focus ring is ours to draw. */
  if ((previous ^ gtk_widget_get_state_flags (widget)) & GTK_STATE_FLAG_FOCUS_VISIBLE)
    gtk_widget_queue_draw (widget);
}

static gboolean
frontline_timeline_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_mode,
                                  GtkTooltip *tooltip)
{
  FrontlineTimeline *self = FRONTLINE_TIMELINE (widget);
  g_autofree char *markup = NULL;
  GdkRectangle area;
  FrontlineDay day;

  if (!_frontline_timeline_has_range (self))
    return FALSE;

  day = keyboard_mode ? self->day : frontline_timeline_pick_day (self, x);
  markup = frontline_timeline_describe_day (self, day);
  gtk_tooltip_set_markup (tooltip, markup);

  /* GTK keeps a tooltip where it first showed it and hides it when the
   * pointer leaves the tip area, while the text follows the pointer. So the
   * area is a stretch around where the tooltip appeared: it updates as the
   * pointer moves, and moves along in steps of TOOLTIP_SPAN. */
  if (keyboard_mode)
    self->tooltip_x = frontline_timeline_get_day_x (self, day);
  else if (self->tooltip_x < 0 || fabs (x - self->tooltip_x) > TOOLTIP_SPAN / 2)
    self->tooltip_x = x;
  area.x = (int) floor (self->tooltip_x - TOOLTIP_SPAN / 2);
  area.width = (int) TOOLTIP_SPAN + 1;
  area.y = 0;
  area.height = gtk_widget_get_height (widget);
  gtk_tooltip_set_tip_area (tooltip, &area);

  return TRUE;
}

static void
on_drag_begin_cb (FrontlineTimeline *self,
                  double             x,
                  double             y,
                  GtkGestureDrag    *gesture)
{
  if (!_frontline_timeline_has_range (self))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (gtk_widget_get_focus_on_click (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  self->drag_start_x = x;
  frontline_timeline_set_day (self, frontline_timeline_pick_day (self, x));
}

static void
on_drag_update_cb (FrontlineTimeline *self,
                   double             offset_x,
                   double             offset_y,
                   GtkGestureDrag    *gesture)
{
  double x = self->drag_start_x + offset_x;

  frontline_timeline_set_day (self, frontline_timeline_pick_day (self, x));
  self->hover_x = x;
}

static void
on_motion_motion_cb (FrontlineTimeline *self,
                     double             x,
                     double             y)
{
  FrontlineDay before;

  if (!_frontline_timeline_has_range (self))
    return;

  before = self->hover_x >= 0 ? frontline_timeline_pick_day (self, self->hover_x) : FRONTLINE_DAY_NONE;
  self->hover_x = x;

  /* The hover line moves by whole days. */
  if (frontline_timeline_pick_day (self, x) != before)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_leave_cb (FrontlineTimeline *self)
{
  self->hover_x = -1;
  self->tooltip_x = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  frontline_timeline_step (FRONTLINE_TIMELINE (widget), g_variant_get_int32 (parameter));
}

static void
jump_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  frontline_timeline_jump (FRONTLINE_TIMELINE (widget), g_variant_get_int32 (parameter));
}

static void
home_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  frontline_timeline_go_to_start (FRONTLINE_TIMELINE (widget));
}

static void
end_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  frontline_timeline_go_to_end (FRONTLINE_TIMELINE (widget));
}

static void
update_actions (FrontlineTimeline *self)
{
  gboolean enabled = _frontline_timeline_has_range (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.step", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.jump", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.home", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.end", enabled);

  /* An empty timeline is not a stop on the way through the window with Tab. */
  gtk_widget_set_focusable (GTK_WIDGET (self), enabled);
}

static void
frontline_timeline_finalize (GObject *object)
{
  FrontlineTimeline *self = FRONTLINE_TIMELINE (object);

  g_clear_pointer (&self->data_days, g_array_unref);
  g_clear_pointer (&self->mark_days, g_array_unref);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->ticks, g_array_unref);

  G_OBJECT_CLASS (frontline_timeline_parent_class)->finalize (object);
}

static void
frontline_timeline_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FrontlineTimeline *self = FRONTLINE_TIMELINE (object);

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
frontline_timeline_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FrontlineTimeline *self = FRONTLINE_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_DAY:
      frontline_timeline_set_day (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_binding (GtkWidgetClass  *widget_class,
             guint            keyval,
             guint            kp_keyval,
             GdkModifierType  modifiers,
             const char      *action_name,
             const char      *format,
             int              value)
{
  if (format != NULL)
    {
      gtk_widget_class_add_binding_action (widget_class, keyval, modifiers, action_name, format, value);
      gtk_widget_class_add_binding_action (widget_class, kp_keyval, modifiers, action_name, format, value);
    }
  else
    {
      gtk_widget_class_add_binding_action (widget_class, keyval, modifiers, action_name, NULL);
      gtk_widget_class_add_binding_action (widget_class, kp_keyval, modifiers, action_name, NULL);
    }
}

static void
frontline_timeline_class_init (FrontlineTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = frontline_timeline_finalize;
  object_class->get_property = frontline_timeline_get_property;
  object_class->set_property = frontline_timeline_set_property;

  widget_class->snapshot = _frontline_timeline_snapshot;
  widget_class->measure = frontline_timeline_measure;
  widget_class->css_changed = frontline_timeline_css_changed;
  widget_class->state_flags_changed = frontline_timeline_state_flags_changed;
  widget_class->query_tooltip = frontline_timeline_query_tooltip;

  /**
   * FrontlineTimeline:day:
   *
   * The chosen day, as a Julian day, within the range; 0 with no range.
   */
  properties[PROP_DAY] =
    g_param_spec_uint ("day", NULL, NULL, 0, G_MAXUINT32, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FrontlineTimeline|timeline.step:
   * @days: how many days to move, forward if positive
   */
  gtk_widget_class_install_action (widget_class, "timeline.step", "i", step_action);

  /**
   * FrontlineTimeline|timeline.jump:
   * @direction: 1 for the next day with data, -1 for the previous one
   */
  gtk_widget_class_install_action (widget_class, "timeline.jump", "i", jump_action);
  gtk_widget_class_install_action (widget_class, "timeline.home", NULL, home_action);
  gtk_widget_class_install_action (widget_class, "timeline.end", NULL, end_action);

  /* The keys of GtkScale, with Control for the days with data as it moves
   * by words in text. Page Down moves on in time, as it does in a document. */
  add_binding (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, 0, "timeline.step", "i", -1);
  add_binding (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, 0, "timeline.step", "i", 1);
  add_binding (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, GDK_CONTROL_MASK, "timeline.jump", "i", -1);
  add_binding (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, GDK_CONTROL_MASK, "timeline.jump", "i", 1);
  add_binding (widget_class, GDK_KEY_Page_Up, GDK_KEY_KP_Page_Up, 0, "timeline.step", "i", -MONTH_STEP);
  add_binding (widget_class, GDK_KEY_Page_Down, GDK_KEY_KP_Page_Down, 0, "timeline.step", "i", MONTH_STEP);
  add_binding (widget_class, GDK_KEY_Home, GDK_KEY_KP_Home, 0, "timeline.home", NULL, 0);
  add_binding (widget_class, GDK_KEY_End, GDK_KEY_KP_End, 0, "timeline.end", NULL, 0);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
frontline_timeline_init (FrontlineTimeline *self)
{
  GtkGesture *drag;
  GtkEventController *motion;

  self->data_days = g_array_new (FALSE, FALSE, sizeof (FrontlineDay));
  self->mark_days = g_array_new (FALSE, FALSE, sizeof (FrontlineDay));
  self->series = g_ptr_array_new_with_free_func (series_free);
  self->ticks_width = -1;
  self->hover_x = -1;
  self->tooltip_x = -1;

  /* It spans the bar it is put in. */
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion_motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_motion_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"),
                                  -1);
  update_actions (self);
}

/**
 * frontline_timeline_new:
 *
 * Returns: (transfer floating): a timeline with no range, which draws nothing
 */
FrontlineTimeline *
frontline_timeline_new (void)
{
  return g_object_new (FRONTLINE_TYPE_TIMELINE, NULL);
}

/**
 * frontline_timeline_set_range:
 * @first: the first day, or %FRONTLINE_DAY_NONE for no range
 * @last: the last day, on or after @first, or %FRONTLINE_DAY_NONE
 *
 * Sets the days the timeline spans. The chosen day stays if it is in the
 * range, moves to the nearest end if not, and is the last day if there was
 * none, the latest front line being what people come for. With no range the
 * timeline draws nothing, ignores input and its day is 0.
 */
void
frontline_timeline_set_range (FrontlineTimeline *self,
                              FrontlineDay       first,
                              FrontlineDay       last)
{
  g_return_if_fail (FRONTLINE_IS_TIMELINE (self));
  g_return_if_fail ((first == FRONTLINE_DAY_NONE) == (last == FRONTLINE_DAY_NONE));
  g_return_if_fail (first <= last);

  if (first == self->first && last == self->last)
    return;

  self->first = first;
  self->last = last;
  self->hover_x = -1;

  update_actions (self);
  invalidate_ticks (self);

  if (!_frontline_timeline_has_range (self))
    set_day_internal (self, FRONTLINE_DAY_NONE);
  else if (self->day == FRONTLINE_DAY_NONE)
    set_day_internal (self, last);
  else
    set_day_internal (self, CLAMP (self->day, first, last));

  /* The bounds change even when the day does not. */
  update_accessible (self);
}

FrontlineDay
frontline_timeline_get_first_day (FrontlineTimeline *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TIMELINE (self), FRONTLINE_DAY_NONE);

  return self->first;
}

FrontlineDay
frontline_timeline_get_last_day (FrontlineTimeline *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TIMELINE (self), FRONTLINE_DAY_NONE);

  return self->last;
}

static void
set_days (GArray             *array,
          const FrontlineDay *days,
          guint               n_days)
{
  g_array_set_size (array, 0);
  if (n_days > 0)
    g_array_append_vals (array, days, n_days);
}

static gboolean
is_ascending (const FrontlineDay *days,
              guint               n_days)
{
  for (guint i = 1; i < n_days; i++)
    if (days[i] <= days[i - 1])
      return FALSE;

  return TRUE;
}

/**
 * frontline_timeline_set_data_days:
 * @days: (array length=n_days): the days with data, ascending
 *
 * Sets the days that get a tick and that jumps and the pointer stop at.
 * The values of the series belong to these days, by index.
 */
void
frontline_timeline_set_data_days (FrontlineTimeline  *self,
                                  const FrontlineDay *days,
                                  guint               n_days)
{
  g_return_if_fail (FRONTLINE_IS_TIMELINE (self));
  g_return_if_fail (days != NULL || n_days == 0);
  g_return_if_fail (is_ascending (days, n_days));

  set_days (self->data_days, days, n_days);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * frontline_timeline_set_mark_days:
 * @days: (array length=n_days): the days with quotes, ascending
 *
 * Sets the days marked with a dot.
 */
void
frontline_timeline_set_mark_days (FrontlineTimeline  *self,
                                  const FrontlineDay *days,
                                  guint               n_days)
{
  g_return_if_fail (FRONTLINE_IS_TIMELINE (self));
  g_return_if_fail (days != NULL || n_days == 0);
  g_return_if_fail (is_ascending (days, n_days));

  set_days (self->mark_days, days, n_days);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * frontline_timeline_clear_series:
 *
 * Removes the area chart's series.
 */
void
frontline_timeline_clear_series (FrontlineTimeline *self)
{
  g_return_if_fail (FRONTLINE_IS_TIMELINE (self));

  if (self->series->len == 0)
    return;

  g_ptr_array_set_size (self->series, 0);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * frontline_timeline_add_series:
 * @name: the faction's name, for the tooltip
 * @rgb: the faction's colour, each component from 0 to 1
 * @values: (array length=n_values): the area in km² at each data day, by
 *   index; NaN where it is not known
 *
 * Adds a faction's area to the chart behind the ticks. All series share one
 * scale, from zero to the largest value. Values past the last data day are
 * ignored.
 */
void
frontline_timeline_add_series (FrontlineTimeline *self,
                               const char        *name,
                               const double       rgb[3],
                               const double      *values,
                               guint              n_values)
{
  TimelineSeries *series;

  g_return_if_fail (FRONTLINE_IS_TIMELINE (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (rgb != NULL);
  g_return_if_fail (values != NULL || n_values == 0);

  series = g_new0 (TimelineSeries, 1);
  series->name = g_strdup (name);
  for (guint i = 0; i < 3; i++)
    series->rgb[i] = CLAMP (rgb[i], 0.0, 1.0);
  series->values = g_array_sized_new (FALSE, FALSE, sizeof (double), n_values);
  if (n_values > 0)
    g_array_append_vals (series->values, values, n_values);

  g_ptr_array_add (self->series, series);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

FrontlineDay
frontline_timeline_get_day (FrontlineTimeline *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TIMELINE (self), FRONTLINE_DAY_NONE);

  return self->day;
}

/**
 * frontline_timeline_set_day:
 *
 * Chooses @day, or the nearest end of the range if it is outside. Does
 * nothing with no range.
 */
void
frontline_timeline_set_day (FrontlineTimeline *self,
                            FrontlineDay       day)
{
  g_return_if_fail (FRONTLINE_IS_TIMELINE (self));

  if (!_frontline_timeline_has_range (self))
    return;

  set_day_internal (self, CLAMP (day, self->first, self->last));
}

/**
 * frontline_timeline_step:
 * @days: how many days to move, back if negative
 *
 * Moves the chosen day, stopping at the ends of the range.
 */
void
frontline_timeline_step (FrontlineTimeline *self,
                         int                days)
{
  gint64 day;

  g_return_if_fail (FRONTLINE_IS_TIMELINE (self));

  if (!_frontline_timeline_has_range (self))
    return;

  day = CLAMP ((gint64) self->day + days, (gint64) self->first, (gint64) self->last);
  set_day_internal (self, (FrontlineDay) day);
}

/**
 * frontline_timeline_jump:
 * @direction: 1 for the next day with data, -1 for the previous one
 *
 * Moves to the next or previous day with data in the range, strictly after
 * or before the chosen day. Stays if there is none.
 */
void
frontline_timeline_jump (FrontlineTimeline *self,
                         int                direction)
{
  guint i;

  g_return_if_fail (FRONTLINE_IS_TIMELINE (self));

  if (!_frontline_timeline_has_range (self) || direction == 0)
    return;

  if (direction > 0)
    {
      i = _frontline_timeline_lower_bound (self->data_days, self->day + 1);
      if (i < self->data_days->len && g_array_index (self->data_days, FrontlineDay, i) <= self->last)
        set_day_internal (self, g_array_index (self->data_days, FrontlineDay, i));
    }
  else
    {
      i = _frontline_timeline_lower_bound (self->data_days, self->day);
      if (i > 0 && g_array_index (self->data_days, FrontlineDay, i - 1) >= self->first)
        set_day_internal (self, g_array_index (self->data_days, FrontlineDay, i - 1));
    }
}

void
frontline_timeline_go_to_start (FrontlineTimeline *self)
{
  g_return_if_fail (FRONTLINE_IS_TIMELINE (self));

  if (_frontline_timeline_has_range (self))
    set_day_internal (self, self->first);
}

void
frontline_timeline_go_to_end (FrontlineTimeline *self)
{
  g_return_if_fail (FRONTLINE_IS_TIMELINE (self));

  if (_frontline_timeline_has_range (self))
    set_day_internal (self, self->last);
}

/**
 * frontline_timeline_get_ticks:
 *
 * Returns: (transfer none) (nullable) (element-type FrontlineTimeTick): the
 *   labelled ticks as last drawn
 */
GArray *
frontline_timeline_get_ticks (FrontlineTimeline *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TIMELINE (self), NULL);

  return self->ticks;
}
