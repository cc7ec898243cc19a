/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-date-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "frontline-area-chart.h"
#include "frontline-date-bar.h"

/* The bar under the map: play and its speed, the date button with its entry
 * and calendar, the timeline (with the area per side in a worker), the
 * comparison toggle and the area chart. It follows a FrontlineViewState
 * (:view-state): its dataset and its day, which the bar's controls set;
 * playing moves it from data date to data date. */
struct _FrontlineDateBar
{
  GtkWidget           parent_instance;

  FrontlineDataset   *dataset;
  FrontlineDay        day;
  double              play_speed;
  guint               play_source;
  gboolean            syncing_calendar;
  GCancellable       *series_cancellable;
  FrontlineViewState *view_state;
  gboolean            following_state;  /* taking the state's dataset and day */
  guint               calendar_idle;    /* after the calendar moved a month or year */

  /* Template widgets */
  GtkToggleButton    *play_button;
  GtkLabel           *date_label;
  GtkLabel           *as_of_label;
  GtkLabel           *date_message;
  GtkMenuButton      *speed_button;
  GtkMenuButton      *date_button;
  GtkPopover         *date_popover;
  GtkEntry           *date_entry;
  GtkCalendar        *calendar;
  FrontlineTimeline  *timeline;
  FrontlineAreaChart *area_chart;
};

G_DEFINE_FINAL_TYPE (FrontlineDateBar, frontline_date_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DAY,
  PROP_PLAYING,
  PROP_PLAY_SPEED,
  PROP_VIEW_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  FrontlineDay x = *(const FrontlineDay *) a;
  FrontlineDay y = *(const FrontlineDay *) b;

  return x < y ? -1 : x > y;
}

/* The areas of the dataset, computed once in a worker (areas cost a
 * microsecond a vertex the first time), for both the timeline and the chart. */
static void
series_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FrontlineDateBar) self = user_data;
  g_autoptr(FrontlineAreaSeries) series = frontline_area_series_new_finish (result, NULL);
  GListModel *factions;
  guint n_days;

  if (series == NULL || frontline_area_series_get_dataset (series) != self->dataset)
    return;

  factions = frontline_dataset_get_factions (self->dataset);
  frontline_dataset_get_days (self->dataset, &n_days);
  frontline_timeline_clear_series (self->timeline);
  for (guint f = 0; f < g_list_model_get_n_items (factions); f++)
    {
      g_autoptr(FrontlineFaction) faction = g_list_model_get_item (factions, f);
      g_autofree double *values = frontline_area_series_get_controlled (series, faction);
      double rgb[3];

      frontline_faction_get_rgb (faction, rgb);
      frontline_timeline_add_series (self->timeline, frontline_faction_get_name (faction), rgb,
                                     values, n_days);
    }

  frontline_area_chart_set_series (self->area_chart, series);
  /* For tests/bench/bench-startup.py (G_MESSAGES_DEBUG=frontline-startup). */
  if (!g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, "frontline-startup"))
    g_log ("frontline-startup", G_LOG_LEVEL_DEBUG, "chart-series %" G_GINT64_FORMAT,
           g_get_monotonic_time ());
}

/* The date button keeps one width for the whole dataset, that of its widest
 * label (and “as of” line), so the timeline beside it never moves. */
static void
update_date_button_width (FrontlineDateBar *self)
{
  FrontlineDay first = frontline_dataset_get_first_day (self->dataset);
  FrontlineDay last = frontline_dataset_get_last_day (self->dataset);
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (self->date_label));
  int widest = 0;
  GDate date;
  guint n = 0;

  if (first == FRONTLINE_DAY_NONE)
    return;

  /* Each month of the range once (day 28: two digits, in every month),
   * and its first and last days; at most fifty years of months. */
  g_date_clear (&date, 1);
  g_date_set_julian (&date, first);
  g_date_set_day (&date, 1);
  while (g_date_get_julian (&date) <= last && n++ < 600)
    {
      FrontlineDay days[3];

      days[0] = g_date_get_julian (&date) + 27;
      days[1] = MAX (first, g_date_get_julian (&date));
      days[2] = MIN (last, g_date_get_julian (&date) + 27);
      for (guint i = 0; i < G_N_ELEMENTS (days); i++)
        {
          g_autofree char *label = frontline_day_format_label (days[i]);
          /* Translators: under the chosen date when it has no data of its own: the
           * assessment shown is that of an earlier date, as in “as of 15 Sep 2024” */
          g_autofree char *as_of = g_strdup_printf (_("as of %s"), label);
          g_autoptr(PangoLayout) layout = NULL;
          int width;

          layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->date_label), label);
          pango_layout_get_pixel_size (layout, &width, NULL);
          widest = MAX (widest, width);
          g_clear_object (&layout);
          layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->as_of_label), as_of);
          pango_layout_get_pixel_size (layout, &width, NULL);
          widest = MAX (widest, width);
        }
      g_date_add_months (&date, 1);
    }

  gtk_widget_set_size_request (box, widest + 2, -1);
}

/* GtkCalendar's arrows show icons only, which GTK 4.8 leaves unnamed: the
 * first pair (back, forward) steps the month, the second the year. */
static void
name_calendar_arrows (GtkCalendar *calendar)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GPtrArray *pending = g_ptr_array_new ();
  const char *names[] = { N_("Previous Month"), N_("Next Month"), N_("Previous Year"), N_("Next Year") };
  guint n_back = 0;
  guint n_forward = 0;

  g_ptr_array_add (pending, calendar);
  while (pending->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (pending, 0);

      if (GTK_IS_BUTTON (widget))
        g_ptr_array_add (buttons, widget);
      for (GtkWidget *child = gtk_widget_get_last_child (widget); child;
           child = gtk_widget_get_prev_sibling (child))
        g_ptr_array_insert (pending, 0, child);
    }
  g_ptr_array_unref (pending);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      const char *icon = gtk_button_get_icon_name (GTK_BUTTON (button));
      const char *name = NULL;

      if (g_strcmp0 (icon, "pan-start-symbolic") == 0 && n_back < 2)
        name = names[2 * n_back++];
      else if (g_strcmp0 (icon, "pan-end-symbolic") == 0 && n_forward < 2)
        name = names[2 * n_forward++ + 1];
      if (name != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _(name), -1);
    }
}

/* The calendar shows the chosen day, and marks the days with data in the
 * month it shows. */
static void
sync_calendar (FrontlineDateBar *self)
{
  g_autoptr(GDateTime) when = NULL;
  const FrontlineDay *days;
  guint n_days;
  GDate date;

  if (self->day == FRONTLINE_DAY_NONE)
    return;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, self->day);
  when = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
  self->syncing_calendar = TRUE;
  gtk_calendar_select_day (self->calendar, when);
  gtk_calendar_clear_marks (self->calendar);
  days = frontline_dataset_get_days (self->dataset, &n_days);
  for (guint i = 0; i < n_days; i++)
    {
      GDate other;

      g_date_clear (&other, 1);
      g_date_set_julian (&other, days[i]);
      if (g_date_get_month (&other) == g_date_get_month (&date) &&
          g_date_get_year (&other) == g_date_get_year (&date))
        gtk_calendar_mark_day (self->calendar, g_date_get_day (&other));
    }
  self->syncing_calendar = FALSE;
}

/* A line under the entry: why a date was refused, or what was chosen
 * instead; %NULL hides it. */
static void
show_date_message (FrontlineDateBar *self,
                   const char       *message,
                   gboolean          is_error)
{
  gtk_label_set_text (self->date_message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->date_message), message != NULL);
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->date_entry), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->date_message), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_entry), message);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->date_entry), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->date_message), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_entry), NULL);
    }
}

/* Why @day is not one of the dataset's, or %NULL. */
static char *
describe_outside (FrontlineDateBar *self,
                  FrontlineDay      day)
{
  FrontlineDay first = frontline_dataset_get_first_day (self->dataset);
  FrontlineDay last = frontline_dataset_get_last_day (self->dataset);
  g_autofree char *label = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (day >= first && day <= last)
    return NULL;

  label = frontline_day_format_label (day);
  from = frontline_day_format_label (first);
  to = frontline_day_format_label (last);
  if (day < first)
    /* Translators: a chosen date before the dataset's first; the dates are
     * the chosen one, then the dataset's first and last */
    return g_strdup_printf (_("No data on %s: the data run from %s to %s"), label, from, to);
  /* Translators: a chosen date after the dataset's last */
  return g_strdup_printf (_("No data on %s: the data end on %s"), label, to);
}

/**
 * frontline_date_bar_set_dataset:
 *
 * Sets up the timeline and the chart for @dataset, and stops playing.
 */
void
frontline_date_bar_set_dataset (FrontlineDateBar *self,
                                FrontlineDataset *dataset)
{
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (FrontlineDay));
  GListModel *quotes;
  const FrontlineDay *days;
  guint n_days;

  g_return_if_fail (FRONTLINE_IS_DATE_BAR (self));
  g_return_if_fail (FRONTLINE_IS_DATASET (dataset));

  frontline_date_bar_set_playing (self, FALSE);
  g_set_object (&self->dataset, dataset);
  self->day = FRONTLINE_DAY_NONE;

  quotes = frontline_dataset_get_quotes (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (quotes); i++)
    {
      g_autoptr(FrontlineQuote) quote = g_list_model_get_item (quotes, i);
      FrontlineDay day = frontline_quote_get_day (quote);

      if (day != FRONTLINE_DAY_NONE)
        g_array_append_val (marks, day);
    }
  /* The timeline wants each date once, in order; quotes come in file order. */
  g_array_sort (marks, compare_days);
  for (guint i = 1; i < marks->len;)
    if (g_array_index (marks, FrontlineDay, i) == g_array_index (marks, FrontlineDay, i - 1))
      g_array_remove_index (marks, i);
    else
      i++;

  days = frontline_dataset_get_days (dataset, &n_days);
  frontline_timeline_set_range (self->timeline, frontline_dataset_get_first_day (dataset),
                                frontline_dataset_get_last_day (dataset));
  frontline_timeline_set_data_days (self->timeline, days, n_days);
  frontline_timeline_set_mark_days (self->timeline, (const FrontlineDay *) (gpointer) marks->data, marks->len);
  frontline_timeline_clear_series (self->timeline);
  update_date_button_width (self);

  g_cancellable_cancel (self->series_cancellable);
  g_clear_object (&self->series_cancellable);
  self->series_cancellable = g_cancellable_new ();
  frontline_area_series_new_async (dataset, self->series_cancellable, series_done, g_object_ref (self));
}

FrontlineDay
frontline_date_bar_get_day (FrontlineDateBar *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATE_BAR (self), FRONTLINE_DAY_NONE);

  return self->day;
}

/**
 * frontline_date_bar_set_day:
 * @day: any day; it is kept within the dataset's dates
 */
void
frontline_date_bar_set_day (FrontlineDateBar *self,
                            FrontlineDay      day)
{
  g_autofree char *label = NULL;
  g_autofree char *long_label = NULL;
  FrontlineDay shown;

  g_return_if_fail (FRONTLINE_IS_DATE_BAR (self));

  if (self->dataset == NULL)
    return;

  day = CLAMP (day, frontline_dataset_get_first_day (self->dataset),
               frontline_dataset_get_last_day (self->dataset));
  if (day == self->day)
    return;

  self->day = day;
  if (frontline_timeline_get_day (self->timeline) != day)
    frontline_timeline_set_day (self->timeline, day);
  frontline_area_chart_set_day (self->area_chart, day);

  label = frontline_day_format_label (day);
  gtk_label_set_text (self->date_label, label);
  /* A day between assessments shows the one before: say which. */
  shown = frontline_dataset_get_data_day_for (self->dataset, day);
  if (shown != FRONTLINE_DAY_NONE && shown != day)
    {
      g_autofree char *shown_label = frontline_day_format_label (shown);
      g_autofree char *as_of = g_strdup_printf (_("as of %s"), shown_label);

      gtk_label_set_text (self->as_of_label, as_of);
      gtk_widget_set_visible (GTK_WIDGET (self->as_of_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->as_of_label), FALSE);
  long_label = frontline_day_format_as (day, FRONTLINE_DAY_FORMAT_LONG);
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), long_label);
  sync_calendar (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

static void
on_timeline_day_changed_cb (FrontlineDateBar *self)
{
  frontline_date_bar_set_day (self, frontline_timeline_get_day (self->timeline));
}

/* A click on the chart. */
static void
on_area_chart_day_changed_cb (FrontlineDateBar *self)
{
  FrontlineDay day = frontline_area_chart_get_day (self->area_chart);

  if (day != FRONTLINE_DAY_NONE)
    frontline_date_bar_set_day (self, day);
}

/* A typed date: read in any common form; refused with the reason, never
 * moved into the data's range without a word. */
static void
on_date_entry_activate_cb (FrontlineDateBar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->date_entry));
  g_autoptr(GError) error = NULL;
  g_autofree char *outside = NULL;
  FrontlineDay day;

  if (self->dataset == NULL)
    return;

  if (!frontline_day_parse_typed (text, &day, &error))
    {
      show_date_message (self, error->message, TRUE);
      return;
    }

  outside = describe_outside (self, day);
  if (outside != NULL)
    {
      show_date_message (self, outside, TRUE);
      return;
    }

  show_date_message (self, NULL, FALSE);
  frontline_date_bar_set_day (self, day);
  gtk_popover_popdown (self->date_popover);
}

static void
on_date_entry_changed_cb (FrontlineDateBar *self)
{
  if (gtk_widget_has_css_class (GTK_WIDGET (self->date_entry), "error"))
    show_date_message (self, NULL, FALSE);
}

/* The calendar's date, chosen or moved to: the bar's day, within the data
 * (saying so when it is not), and the calendar back on the bar's day. */
static void
take_calendar_date (FrontlineDateBar *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *outside = NULL;
  FrontlineDay day;

  day = frontline_day_from_dmy ((guint) g_date_time_get_day_of_month (date),
                                (guint) g_date_time_get_month (date),
                                (guint) g_date_time_get_year (date));
  outside = describe_outside (self, day);
  show_date_message (self, outside, FALSE);
  frontline_date_bar_set_day (self, day);
  sync_calendar (self);
}

static void
on_calendar_day_selected_cb (FrontlineDateBar *self)
{
  if (self->syncing_calendar || self->dataset == NULL)
    return;

  take_calendar_date (self);
}

static gboolean
calendar_moved_idle (gpointer user_data)
{
  FrontlineDateBar *self = user_data;

  self->calendar_idle = 0;
  if (self->dataset != NULL)
    take_calendar_date (self);

  return G_SOURCE_REMOVE;
}

/* The arrows move the calendar's selection to another month or year, after
 * these signals: the map and the calendar follow together once it has. */
static void
on_calendar_moved_cb (FrontlineDateBar *self)
{
  if (self->syncing_calendar || self->calendar_idle != 0)
    return;

  self->calendar_idle = g_idle_add (calendar_moved_idle, self);
}

static void
on_date_popover_show_cb (FrontlineDateBar *self)
{
  show_date_message (self, NULL, FALSE);
  if (self->day == FRONTLINE_DAY_NONE)
    return;

  sync_calendar (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->date_entry));
}

/* The play button shows what a click does: play, or pause. */
static void
on_playing_changed_cb (FrontlineDateBar *self)
{
  gboolean playing = frontline_date_bar_get_playing (self);

  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            playing ? "media-playback-pause-symbolic"
                                    : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause") : _("Play Through the Dates"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  playing ? _("Pause") : _("Play"), -1);
}

/* Playback */

static gboolean
on_play_tick (gpointer user_data)
{
  FrontlineDateBar *self = FRONTLINE_DATE_BAR (user_data);
  FrontlineDay next = frontline_dataset_get_next_day (self->dataset, self->day);

  if (next != FRONTLINE_DAY_NONE)
    frontline_date_bar_set_day (self, next);

  /* The end: stop there. */
  if (next == FRONTLINE_DAY_NONE || frontline_dataset_get_next_day (self->dataset, next) == FRONTLINE_DAY_NONE)
    {
      self->play_source = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/**
 * frontline_date_bar_get_play_interval:
 *
 * Returns: the milliseconds between two data dates while playing
 */
guint
frontline_date_bar_get_play_interval (FrontlineDateBar *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATE_BAR (self), 1000);

  return (guint) (1000.0 / CLAMP (self->play_speed, 0.1, 20.0));
}

static void
start_timer (FrontlineDateBar *self)
{
  g_clear_handle_id (&self->play_source, g_source_remove);
  self->play_source = g_timeout_add (frontline_date_bar_get_play_interval (self), on_play_tick,
                                     self);
}

gboolean
frontline_date_bar_get_playing (FrontlineDateBar *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATE_BAR (self), FALSE);

  return self->play_source != 0;
}

/**
 * frontline_date_bar_set_playing:
 *
 * Plays through the data dates from the chosen one, or stops. From the
 * end, play starts again at the beginning.
 */
void
frontline_date_bar_set_playing (FrontlineDateBar *self,
                                gboolean          playing)
{
  g_return_if_fail (FRONTLINE_IS_DATE_BAR (self));

  playing = !!playing && self->dataset != NULL;
  if (playing == (self->play_source != 0))
    return;

  if (playing)
    {
      if (frontline_dataset_get_next_day (self->dataset, self->day) == FRONTLINE_DAY_NONE)
        frontline_date_bar_set_day (self, frontline_dataset_get_first_day (self->dataset));
      start_timer (self);
    }
  else
    g_clear_handle_id (&self->play_source, g_source_remove);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

double
frontline_date_bar_get_play_speed (FrontlineDateBar *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATE_BAR (self), 1.0);

  return self->play_speed;
}

/**
 * frontline_date_bar_set_play_speed:
 * @speed: data dates a second
 */
void
frontline_date_bar_set_play_speed (FrontlineDateBar *self,
                                   double            speed)
{
  g_autofree char *label = NULL;

  g_return_if_fail (FRONTLINE_IS_DATE_BAR (self));

  if (speed == self->play_speed)
    return;

  self->play_speed = speed;
  /* Translators: playback speed, as “2×” */
  label = g_strdup_printf (_("%g×"), speed);
  gtk_menu_button_set_label (self->speed_button, label);
  if (self->play_source != 0)
    start_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAY_SPEED]);
}

/**
 * frontline_date_bar_get_timeline:
 *
 * Returns: (transfer none): the timeline
 */
FrontlineTimeline *
frontline_date_bar_get_timeline (FrontlineDateBar *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATE_BAR (self), NULL);

  return self->timeline;
}

static void
frontline_date_bar_dispose (GObject *object)
{
  FrontlineDateBar *self = FRONTLINE_DATE_BAR (object);
  GtkWidget *child;

  frontline_date_bar_set_view_state (self, NULL);
  g_clear_handle_id (&self->play_source, g_source_remove);
  g_clear_handle_id (&self->calendar_idle, g_source_remove);
  g_cancellable_cancel (self->series_cancellable);
  g_clear_object (&self->series_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FRONTLINE_TYPE_DATE_BAR);
  /* The buttons the code never needs are children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (frontline_date_bar_parent_class)->dispose (object);
}

static void
frontline_date_bar_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FrontlineDateBar *self = FRONTLINE_DATE_BAR (object);

  switch (prop_id)
    {
    case PROP_DAY:
      g_value_set_uint (value, self->day);
      break;

    case PROP_PLAYING:
      g_value_set_boolean (value, frontline_date_bar_get_playing (self));
      break;

    case PROP_PLAY_SPEED:
      g_value_set_double (value, self->play_speed);
      break;

    case PROP_VIEW_STATE:
      g_value_set_object (value, self->view_state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_date_bar_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FrontlineDateBar *self = FRONTLINE_DATE_BAR (object);

  switch (prop_id)
    {
    case PROP_DAY:
      frontline_date_bar_set_day (self, g_value_get_uint (value));
      break;

    case PROP_PLAYING:
      frontline_date_bar_set_playing (self, g_value_get_boolean (value));
      break;

    case PROP_PLAY_SPEED:
      frontline_date_bar_set_play_speed (self, g_value_get_double (value));
      break;

    case PROP_VIEW_STATE:
      frontline_date_bar_set_view_state (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_date_bar_class_init (FrontlineDateBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = frontline_date_bar_dispose;
  object_class->get_property = frontline_date_bar_get_property;
  object_class->set_property = frontline_date_bar_set_property;

  /**
   * FrontlineDateBar:day:
   *
   * The chosen date, as a Julian day.
   */
  properties[PROP_DAY] =
    g_param_spec_uint ("day", NULL, NULL, 0, G_MAXUINT32, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PLAY_SPEED] =
    g_param_spec_double ("play-speed", NULL, NULL, 0.1, 20.0, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FrontlineDateBar:view-state:
   *
   * What the user looks at: the bar shows its dataset's dates and its day,
   * and sets the day.
   */
  properties[PROP_VIEW_STATE] =
    g_param_spec_object ("view-state", NULL, NULL, FRONTLINE_TYPE_VIEW_STATE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FRONTLINE_TYPE_TIMELINE);
  g_type_ensure (FRONTLINE_TYPE_AREA_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/frontline-date-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlineDateBar, play_button);
  gtk_widget_class_bind_template_child (widget_class, FrontlineDateBar, date_label);
  gtk_widget_class_bind_template_child (widget_class, FrontlineDateBar, as_of_label);
  gtk_widget_class_bind_template_child (widget_class, FrontlineDateBar, date_message);
  gtk_widget_class_bind_template_child (widget_class, FrontlineDateBar, speed_button);
  gtk_widget_class_bind_template_child (widget_class, FrontlineDateBar, date_button);
  gtk_widget_class_bind_template_child (widget_class, FrontlineDateBar, date_popover);
  gtk_widget_class_bind_template_child (widget_class, FrontlineDateBar, date_entry);
  gtk_widget_class_bind_template_child (widget_class, FrontlineDateBar, calendar);
  gtk_widget_class_bind_template_child (widget_class, FrontlineDateBar, timeline);
  gtk_widget_class_bind_template_child (widget_class, FrontlineDateBar, area_chart);
  gtk_widget_class_bind_template_callback (widget_class, on_timeline_day_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_moved_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_area_chart_day_changed_cb);
}

static void
frontline_date_bar_init (FrontlineDateBar *self)
{
  self->day = FRONTLINE_DAY_NONE;
  self->play_speed = 1.0;
  gtk_widget_init_template (GTK_WIDGET (self));
  name_calendar_arrows (self->calendar);
  g_signal_connect (self, "notify::playing", G_CALLBACK (on_playing_changed_cb), NULL);
}

FrontlineDateBar *
frontline_date_bar_new (void)
{
  return g_object_new (FRONTLINE_TYPE_DATE_BAR, NULL);
}

/* The state's dataset or day changed: whichever comes first, the bar takes
 * both. */
static void
on_view_state_changed_cb (FrontlineDateBar *self)
{
  FrontlineDataset *dataset = frontline_view_state_get_dataset (self->view_state);

  if (dataset == NULL)
    return;

  /* A new dataset moves the timeline: the state's day wins. */
  self->following_state = TRUE;
  if (dataset != self->dataset)
    frontline_date_bar_set_dataset (self, dataset);
  frontline_date_bar_set_day (self, frontline_view_state_get_day (self->view_state));
  self->following_state = FALSE;
}

/* The bar's controls or playing chose a day. */
static void
on_day_changed_cb (FrontlineDateBar *self)
{
  if (self->view_state != NULL && !self->following_state &&
      frontline_view_state_get_dataset (self->view_state) == self->dataset)
    frontline_view_state_set_day (self->view_state, self->day);
}

/**
 * frontline_date_bar_get_view_state:
 *
 * Returns: (transfer none) (nullable): the state the bar follows and sets
 */
FrontlineViewState *
frontline_date_bar_get_view_state (FrontlineDateBar *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATE_BAR (self), NULL);

  return self->view_state;
}

/**
 * frontline_date_bar_set_view_state:
 * @state: (nullable): the state whose dataset and day the bar shows and sets
 */
void
frontline_date_bar_set_view_state (FrontlineDateBar   *self,
                                   FrontlineViewState *state)
{
  g_return_if_fail (FRONTLINE_IS_DATE_BAR (self));
  g_return_if_fail (state == NULL || FRONTLINE_IS_VIEW_STATE (state));

  if (self->view_state == state)
    return;

  if (self->view_state != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->view_state, self);
      g_signal_handlers_disconnect_by_func (self, on_day_changed_cb, NULL);
    }
  g_set_object (&self->view_state, state);

  if (state != NULL)
    {
      g_signal_connect_object (state, "notify::dataset",
                               G_CALLBACK (on_view_state_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (state, "notify::day",
                               G_CALLBACK (on_view_state_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect (self, "notify::day", G_CALLBACK (on_day_changed_cb), NULL);
      on_view_state_changed_cb (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW_STATE]);
}
