/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "frontline-area-chart.h"
#include "frontline-date-bar.h"
#include "frontline-test-utils.h"
#include "frontline-view-state.h"
#include "frontline-window.h"

/* The bar under the map in a real window: the speed menu, the calendar and
 * the map together, typed dates, “as of”, the play button and a date button
 * that keeps its width. */

static FrontlineApplication *app;

/* Assessments on 6, 10 and 20 August and 15 September 2024. */
#define FEATURE(date) \
  "{\"type\":\"Feature\",\"properties\":{\"date\":\"" date "\",\"faction\":\"ua\"}," \
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[36,51],[36,52],[35,52]]]}}"
#define DATASET \
  "{\"type\":\"FeatureCollection\",\"frontline\":{\"title\":\"Dates\"},\"features\":[" \
  FEATURE ("2024-08-06") "," FEATURE ("2024-08-10") "," FEATURE ("2024-08-20") "," \
  FEATURE ("2024-09-15") "]}"

typedef struct {
  FrontlineWindow  *window;
  FrontlineDateBar *bar;
} Fixture;

static FrontlineDay
ymd (guint year,
     guint month,
     guint day)
{
  return frontline_day_from_dmy (day, month, year);
}

static GtkWidget *
find_widget (GtkWidget  *widget,
             const char *type_name)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), type_name))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
collect_widgets (GtkWidget  *widget,
                 const char *type_name,
                 GPtrArray  *found)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), type_name))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type_name, found);
}

static gpointer
child (Fixture    *fixture,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (fixture->bar),
                                                   FRONTLINE_TYPE_DATE_BAR, name);

  g_assert_nonnull (object);
  return object;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "date-bar.geojson", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, DATASET, -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  fixture->window = FRONTLINE_WINDOW (frontline_application_new_window (app));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  frontline_window_open (fixture->window, file);
  frontline_test_wait_until (frontline_test_has_dataset_cb, fixture->window, 5000);
  fixture->bar = FRONTLINE_DATE_BAR (find_widget (GTK_WIDGET (fixture->window),
                                                  "FrontlineDateBar"));
  g_assert_nonnull (fixture->bar);
  frontline_test_spin (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  frontline_test_close_all ();
}

static void
set_day (Fixture      *fixture,
         FrontlineDay  day)
{
  frontline_view_state_set_day (frontline_window_get_state (fixture->window), day);
  g_assert_cmpuint (frontline_date_bar_get_day (fixture->bar), ==, day);
}

/* Each speed of the menu: enabled, a radio item, checked once chosen, and
 * it sets the interval and the button's label. */
static void
test_speed_menu (Fixture       *fixture,
                 gconstpointer  data)
{
  const struct {
    double      speed;
    guint       interval;
    const char *label;
  } speeds[] = {
    { 0.5, 2000, "0.5×" }, { 1.0, 1000, "1×" }, { 2.0, 500, "2×" }, { 5.0, 200, "5×" },
  };
  GtkMenuButton *button = child (fixture, "speed_button");
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  gtk_menu_button_popup (button);
  frontline_test_spin (50);
  collect_widgets (GTK_WIDGET (gtk_menu_button_get_popover (button)), "GtkModelButton", items);
  g_assert_cmpuint (items->len, ==, G_N_ELEMENTS (speeds));

  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    {
      GtkWidget *item = g_ptr_array_index (items, i);

      gtk_menu_button_popup (button);
      frontline_test_spin (20);
      g_assert_true (gtk_widget_get_sensitive (item));
      g_signal_emit_by_name (item, "clicked");
      frontline_test_spin (20);

      g_assert_cmpfloat (frontline_date_bar_get_play_speed (fixture->bar), ==, speeds[i].speed);
      g_assert_cmpuint (frontline_date_bar_get_play_interval (fixture->bar), ==,
                        speeds[i].interval);
      g_assert_cmpstr (gtk_menu_button_get_label (button), ==, speeds[i].label);

      /* The chosen speed is the one checked. */
      for (guint j = 0; j < items->len; j++)
        g_assert_cmpint (frontline_test_get_boolean (g_ptr_array_index (items, j), "active"), ==,
                         i == j);
    }
  gtk_menu_button_popdown (button);
}

static gboolean
calendar_is (GtkCalendar  *calendar,
             FrontlineDay  day)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);

  return ymd ((guint) g_date_time_get_year (date), (guint) g_date_time_get_month (date),
              (guint) g_date_time_get_day_of_month (date)) == day;
}

typedef struct {
  Fixture      *fixture;
  FrontlineDay  day;
} Expectation;

/* The calendar, the bar and the map's state on @day. */
static gboolean
all_on_cb (gpointer data)
{
  Expectation *expected = data;
  Fixture *fixture = expected->fixture;

  return calendar_is (child (fixture, "calendar"), expected->day) &&
         frontline_date_bar_get_day (fixture->bar) == expected->day &&
         frontline_view_state_get_day (frontline_window_get_state (fixture->window)) == expected->day;
}

/* The calendar's arrows: month back, month on, year back, year on. */
static void
click_calendar_arrow (Fixture *fixture,
                      guint    index)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (child (fixture, "calendar"), "GtkButton", buttons);
  g_assert_cmpuint (buttons->len, ==, 4);
  g_signal_emit_by_name (g_ptr_array_index (buttons, index), "clicked");
}

static void
test_calendar (Fixture       *fixture,
               gconstpointer  data)
{
  GtkCalendar *calendar = child (fixture, "calendar");
  GtkLabel *message = child (fixture, "date_message");
  Expectation expected = { fixture, ymd (2024, 8, 10) };

  set_day (fixture, ymd (2024, 8, 10));
  gtk_menu_button_popup (child (fixture, "date_button"));
  frontline_test_spin (50);
  g_assert_true (all_on_cb (&expected));

  /* The days with data in August are marked, and only they. */
  for (guint d = 1; d <= 31; d++)
    g_assert_cmpint (gtk_calendar_get_day_is_marked (calendar, d), ==,
                     d == 6 || d == 10 || d == 20);

  /* A month on: the map and the calendar on 10 September, September's
   * data day marked. */
  click_calendar_arrow (fixture, 1);
  expected.day = ymd (2024, 9, 10);
  frontline_test_wait_until (all_on_cb, &expected, 2000);
  for (guint d = 1; d <= 30; d++)
    g_assert_cmpint (gtk_calendar_get_day_is_marked (calendar, d), ==, d == 15);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (message)));

  /* Past the data: both on its last day, and the calendar says why. */
  click_calendar_arrow (fixture, 1);
  expected.day = ymd (2024, 9, 15);
  frontline_test_wait_until (all_on_cb, &expected, 2000);
  frontline_test_spin (20);
  g_assert_true (all_on_cb (&expected));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "10 Oct 2024"));

  /* A day picked in the calendar moves the map. */
  {
    g_autoptr(GDateTime) when = g_date_time_new_utc (2024, 9, 1, 0, 0, 0);

    gtk_calendar_select_day (calendar, when);
    expected.day = ymd (2024, 9, 1);
    frontline_test_wait_until (all_on_cb, &expected, 2000);
  }

  /* A day chosen elsewhere moves the calendar. */
  set_day (fixture, ymd (2024, 8, 6));
  expected.day = ymd (2024, 8, 6);
  g_assert_true (all_on_cb (&expected));
  g_assert_true (gtk_calendar_get_day_is_marked (calendar, 20));
}

static void
type_date (Fixture    *fixture,
           const char *text)
{
  GtkEntry *entry = child (fixture, "date_entry");

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

static void
test_typed_dates (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *entry = child (fixture, "date_entry");
  GtkLabel *message = child (fixture, "date_message");
  const char *forms[] = { "13.08.2024", "13 August 2024", "2024-08-13", "Aug 13, 2024" };

  gtk_menu_button_popup (child (fixture, "date_button"));
  frontline_test_spin (20);

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      set_day (fixture, ymd (2024, 8, 6));
      type_date (fixture, forms[i]);
      g_assert_cmpuint (frontline_date_bar_get_day (fixture->bar), ==, ymd (2024, 8, 13));
      g_assert_false (gtk_widget_has_css_class (entry, "error"));
    }

  /* Not a date: refused, with the reason, inline. */
  type_date (fixture, "yesterday");
  g_assert_cmpuint (frontline_date_bar_get_day (fixture->bar), ==, ymd (2024, 8, 13));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "“yesterday” is not a date"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (entry), ==, gtk_label_get_text (message));

  /* No such day. */
  type_date (fixture, "31.09.2024");
  g_assert_nonnull (strstr (gtk_label_get_text (message), "not a day of the calendar"));

  /* Outside the data: never moved to its edge without a word. */
  type_date (fixture, "1 January 2020");
  g_assert_cmpuint (frontline_date_bar_get_day (fixture->bar), ==, ymd (2024, 8, 13));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpstr (gtk_label_get_text (message), ==,
                   "No data on 1 Jan 2020: the data run from 6 Aug 2024 to 15 Sep 2024");
  type_date (fixture, "2025-01-01");
  g_assert_cmpuint (frontline_date_bar_get_day (fixture->bar), ==, ymd (2024, 8, 13));
  g_assert_cmpstr (gtk_label_get_text (message), ==,
                   "No data on 1 Jan 2025: the data end on 15 Sep 2024");

  /* Editing clears the complaint. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "1");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (message)));
}

static void
test_as_of (Fixture       *fixture,
            gconstpointer  data)
{
  GtkLabel *date_label = child (fixture, "date_label");
  GtkLabel *as_of = child (fixture, "as_of_label");

  set_day (fixture, ymd (2024, 8, 10));
  g_assert_cmpstr (gtk_label_get_text (date_label), ==, "10 Aug 2024");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (as_of)));

  set_day (fixture, ymd (2024, 8, 14));
  g_assert_cmpstr (gtk_label_get_text (date_label), ==, "14 Aug 2024");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (as_of)));
  g_assert_cmpstr (gtk_label_get_text (as_of), ==, "as of 10 Aug 2024");

  set_day (fixture, ymd (2024, 9, 14));
  g_assert_cmpstr (gtk_label_get_text (as_of), ==, "as of 20 Aug 2024");

  set_day (fixture, ymd (2024, 9, 15));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (as_of)));
}

static void
test_play_button (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkButton *play = child (fixture, "play_button");

  set_day (fixture, ymd (2024, 8, 6));
  g_assert_cmpstr (gtk_button_get_icon_name (play), ==, "media-playback-start-symbolic");

  frontline_date_bar_set_playing (fixture->bar, TRUE);
  g_assert_cmpstr (gtk_button_get_icon_name (play), ==, "media-playback-pause-symbolic");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (play)), ==, "Pause");

  frontline_date_bar_set_playing (fixture->bar, FALSE);
  g_assert_cmpstr (gtk_button_get_icon_name (play), ==, "media-playback-start-symbolic");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (play)), ==, "Play Through the Dates");
}

/* The chart's day (a click on it) is the bar's, and the map's. */
static void
test_chart_day (Fixture       *fixture,
                gconstpointer  data)
{
  set_day (fixture, ymd (2024, 8, 6));
  frontline_area_chart_set_day (child (fixture, "area_chart"), ymd (2024, 8, 25));
  g_assert_cmpuint (frontline_date_bar_get_day (fixture->bar), ==, ymd (2024, 8, 25));
  g_assert_cmpuint (frontline_view_state_get_day (frontline_window_get_state (fixture->window)), ==,
                    ymd (2024, 8, 25));
}

static double
timeline_x (Fixture *fixture)
{
  graphene_rect_t bounds;

  gtk_widget_queue_resize (GTK_WIDGET (fixture->bar));
  frontline_test_spin (60);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (frontline_date_bar_get_timeline (fixture->bar)),
                                            GTK_WIDGET (fixture->bar), &bounds));
  return bounds.origin.x;
}

/* The timeline stays where it is whatever the date's label. */
static void
test_fixed_width (Fixture       *fixture,
                  gconstpointer  data)
{
  const FrontlineDay days[] = {
    ymd (2024, 8, 6), ymd (2024, 8, 14), ymd (2024, 9, 1), ymd (2024, 8, 31), ymd (2024, 9, 15),
  };
  double x;

  set_day (fixture, days[0]);
  x = timeline_x (fixture);
  g_assert_cmpfloat (x, >, 0);
  for (guint i = 1; i < G_N_ELEMENTS (days); i++)
    {
      set_day (fixture, days[i]);
      g_assert_cmpfloat (timeline_x (fixture), ==, x);
    }
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, NULL);

  app = frontline_test_application_new ();

#define ADD(path, func) \
  g_test_add ("/frontline/date-bar/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("speed-menu", test_speed_menu);
  ADD ("calendar", test_calendar);
  ADD ("typed-dates", test_typed_dates);
  ADD ("as-of", test_as_of);
  ADD ("play-button", test_play_button);
  ADD ("fixed-width", test_fixed_width);
  ADD ("chart-day", test_chart_day);
#undef ADD

  return g_test_run ();
}
