/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <locale.h>
#include <string.h>

#include "frontline-time-axis.h"
#include "frontline-test-init.h"

/* The shared time axis, with no display: a linear map and labels 7 px a
 * character, 10 for bold. */

typedef struct {
  FrontlineDay first;
  double       x0;
  double       px_per_day;
} Map;

static double
map_day (FrontlineDay day,
         gpointer     user_data)
{
  Map *map = user_data;

  return map->x0 + ((double) day - map->first) * map->px_per_day;
}

static double
measure (const char *label,
         gboolean    bold,
         gpointer    user_data)
{
  return g_utf8_strlen (label, -1) * (bold ? 10.0 : 7.0);
}

static FrontlineDay
ymd (int y,
     int m,
     int d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);

  return g_date_get_julian (&date);
}

static GArray *
ticks_for (FrontlineDay           first,
           FrontlineDay           last,
           double                 width,
           FrontlineTimeAxisStyle style,
           Map                   *map)
{
  FrontlineTimeAxis axis = {
    .first = first,
    .last = last,
    .width = width,
    .min_gap = 12,
    .min_pitch = 24,
    .style = style,
    .map = map_day,
    .measure = measure,
    .user_data = map,
  };

  map->first = first;
  map->x0 = 10;
  map->px_per_day = (width - 20) / MAX ((double) last - first, 1);

  return frontline_time_axis_ticks (&axis);
}

static void
assert_no_overlap (GArray *ticks,
                   double  width)
{
  for (guint i = 0; i < ticks->len; i++)
    {
      FrontlineTimeTick *tick = &g_array_index (ticks, FrontlineTimeTick, i);

      g_assert_cmpfloat (tick->left, >=, 0);
      g_assert_cmpfloat (tick->left + tick->width, <=, width);
      if (i > 0)
        {
          FrontlineTimeTick *previous = &g_array_index (ticks, FrontlineTimeTick, i - 1);

          g_assert_cmpuint (previous->day, <, tick->day);
          g_assert_cmpfloat (previous->left + previous->width + 12, <=, tick->left);
        }
    }
}

static void
test_weeks (void)
{
  Map map;
  FrontlineDay first = ymd (2024, 8, 6);
  g_autoptr(GArray) ticks = ticks_for (first, ymd (2024, 10, 20), 800, FRONTLINE_TIME_AXIS_FULL, &map);
  g_autoptr(GArray) later = NULL;

  /* Ten pixels a day: too dense for daily labels, weekly ones fit. */
  g_assert_cmpuint (ticks->len, >, 5);
  for (guint i = 0; i < ticks->len; i++)
    {
      FrontlineTimeTick *tick = &g_array_index (ticks, FrontlineTimeTick, i);
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, tick->day);
      g_assert_cmpint (g_date_get_weekday (&date), ==, G_DATE_MONDAY);
      g_assert_true (frontline_time_axis_is_tick (tick->day, 7));
      if (i > 0)
        g_assert_cmpuint (tick->day - g_array_index (ticks, FrontlineTimeTick, i - 1).day, ==, 7);
    }
  g_assert_cmpstr (g_array_index (ticks, FrontlineTimeTick, 0).label, ==, "12 Aug 2024");
  g_assert_cmpstr (g_array_index (ticks, FrontlineTimeTick, 1).label, ==, "19 Aug");
  assert_no_overlap (ticks, 800);

  /* A range that starts on another weekday keeps the same days. */
  later = ticks_for (first + 3, ymd (2024, 10, 23), 800, FRONTLINE_TIME_AXIS_COMPACT, &map);
  g_assert_cmpuint (later->len, >, 5);
  for (guint i = 0; i < later->len; i++)
    g_assert_true (frontline_time_axis_is_tick (g_array_index (later, FrontlineTimeTick, i).day, 7));
  /* Compact labels name the month at its first tick only, the year at the
   * axis's first. */
  g_assert_cmpstr (g_array_index (later, FrontlineTimeTick, 0).label, ==, "12 Aug 2024");
  g_assert_cmpstr (g_array_index (later, FrontlineTimeTick, 1).label, ==, "19");
  assert_no_overlap (later, 800);
}

static void
test_days (void)
{
  Map map;
  g_autoptr(GArray) ticks = ticks_for (ymd (2024, 8, 30), ymd (2024, 9, 5), 1000, FRONTLINE_TIME_AXIS_COMPACT, &map);

  g_assert_cmpuint (ticks->len, ==, 7);
  g_assert_cmpstr (g_array_index (ticks, FrontlineTimeTick, 0).label, ==, "30 Aug 2024");
  g_assert_cmpstr (g_array_index (ticks, FrontlineTimeTick, 1).label, ==, "31");
  g_assert_cmpint (g_array_index (ticks, FrontlineTimeTick, 2).level, ==, FRONTLINE_TIME_TICK_MONTH);
  g_assert_cmpstr (g_array_index (ticks, FrontlineTimeTick, 2).label, ==, "Sep");
  assert_no_overlap (ticks, 1000);
}

/* A short dataset (Bakhmut, 10 to 25 January 2023): the day ticks say the
 * month and the year at the first, then the day alone. */
static void
test_short_range (void)
{
  Map map;
  g_autoptr(GArray) ticks = ticks_for (ymd (2023, 1, 10), ymd (2023, 1, 25), 700,
                                       FRONTLINE_TIME_AXIS_COMPACT, &map);
  g_autoptr(GArray) full = ticks_for (ymd (2023, 1, 10), ymd (2023, 1, 25), 700,
                                      FRONTLINE_TIME_AXIS_FULL, &map);
  g_autoptr(GArray) new_year = ticks_for (ymd (2023, 12, 20), ymd (2024, 1, 20), 800,
                                          FRONTLINE_TIME_AXIS_COMPACT, &map);
  g_autofree char *first = NULL;

  g_assert_cmpuint (ticks->len, >, 4);
  first = frontline_day_format_label (g_array_index (ticks, FrontlineTimeTick, 0).day);
  g_assert_cmpstr (g_array_index (ticks, FrontlineTimeTick, 0).label, ==, first);
  g_assert_true (g_str_has_suffix (first, " Jan 2023"));
  for (guint i = 1; i < ticks->len; i++)
    {
      FrontlineTimeTick *tick = &g_array_index (ticks, FrontlineTimeTick, i);
      g_autofree char *day = frontline_day_format_as (tick->day, FRONTLINE_DAY_FORMAT_DAY);

      g_assert_cmpstr (tick->label, ==, day);
    }
  assert_no_overlap (ticks, 700);
  g_assert_true (g_str_has_suffix (g_array_index (full, FrontlineTimeTick, 0).label, " Jan 2023"));
  assert_no_overlap (full, 700);

  /* Across a new year, its first tick is the year. */
  for (guint i = 1; i < new_year->len; i++)
    {
      FrontlineTimeTick *tick = &g_array_index (new_year, FrontlineTimeTick, i);

      if (tick->day >= ymd (2024, 1, 1))
        {
          g_assert_true (g_str_equal (tick->label, "2024") || g_str_has_suffix (tick->label, " 2024"));
          break;
        }
    }
}

static void
test_months_and_years (void)
{
  Map map;
  g_autoptr(GArray) months = ticks_for (ymd (2024, 8, 6), ymd (2025, 3, 20), 600, FRONTLINE_TIME_AXIS_COMPACT, &map);
  g_autoptr(GArray) years = ticks_for (ymd (2000, 3, 1), ymd (2024, 3, 1), 600, FRONTLINE_TIME_AXIS_COMPACT, &map);
  gboolean saw_year = FALSE;

  g_assert_cmpuint (months->len, >, 2);
  for (guint i = 0; i < months->len; i++)
    {
      FrontlineTimeTick *tick = &g_array_index (months, FrontlineTimeTick, i);
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, tick->day);
      g_assert_cmpint (g_date_get_day (&date), ==, 1);
      if (tick->level == FRONTLINE_TIME_TICK_YEAR)
        {
          saw_year = TRUE;
          g_assert_true (tick->bold);
          g_assert_cmpstr (tick->label, ==, "2025");
        }
    }
  g_assert_true (saw_year);
  assert_no_overlap (months, 600);

  g_assert_cmpuint (years->len, >, 2);
  for (guint i = 0; i < years->len; i++)
    g_assert_cmpint (g_array_index (years, FrontlineTimeTick, i).level, ==, FRONTLINE_TIME_TICK_YEAR);
  assert_no_overlap (years, 600);
}

static void
test_too_narrow (void)
{
  Map map;
  g_autoptr(GArray) none = ticks_for (ymd (2024, 8, 6), ymd (2024, 8, 20), 30, FRONTLINE_TIME_AXIS_COMPACT, &map);
  g_autoptr(GArray) one = NULL;
  FrontlineTimeAxis axis = {
    .first = ymd (2024, 8, 6),
    .last = ymd (2024, 8, 20),
    .width = 30,
    .min_gap = 12,
    .min_pitch = 24,
    .style = FRONTLINE_TIME_AXIS_FULL,
    .keep_first = TRUE,
    .map = map_day,
    .measure = measure,
    .user_data = &map,
  };

  g_assert_cmpuint (none->len, ==, 0);
  one = frontline_time_axis_ticks (&axis);
  g_assert_cmpuint (one->len, ==, 1);
  g_assert_cmpuint (g_array_index (one, FrontlineTimeTick, 0).day, ==, ymd (2024, 8, 6));

  /* No range, no ticks. */
  axis.first = axis.last = FRONTLINE_DAY_NONE;
  g_clear_pointer (&one, g_array_unref);
  one = frontline_time_axis_ticks (&axis);
  g_assert_cmpuint (one->len, ==, 0);
}

/* Every label is the day written by the one formatter, in the form its
 * level and the axis's style ask for. */
static void
assert_labels_from_formatter (GArray                 *ticks,
                              FrontlineTimeAxisStyle  style)
{
  for (guint i = 0; i < ticks->len; i++)
    {
      FrontlineTimeTick *tick = &g_array_index (ticks, FrontlineTimeTick, i);
      FrontlineDayFormat format;
      g_autofree char *expected = NULL;

      switch (tick->level)
        {
        case FRONTLINE_TIME_TICK_YEAR:
          format = FRONTLINE_DAY_FORMAT_YEAR;
          break;
        case FRONTLINE_TIME_TICK_MONTH:
          format = i == 0 ? FRONTLINE_DAY_FORMAT_MONTH_YEAR : FRONTLINE_DAY_FORMAT_MONTH;
          break;
        case FRONTLINE_TIME_TICK_DAY:
        default:
          {
            GDate date, previous;
            gboolean new_year = i == 0;
            gboolean new_month = i == 0;

            if (!new_month)
              {
                g_date_clear (&date, 1);
                g_date_set_julian (&date, tick->day);
                g_date_clear (&previous, 1);
                g_date_set_julian (&previous, g_array_index (ticks, FrontlineTimeTick, i - 1).day);
                new_year = g_date_get_year (&date) != g_date_get_year (&previous);
                new_month = new_year || g_date_get_month (&date) != g_date_get_month (&previous);
              }
            if (new_year)
              format = FRONTLINE_DAY_FORMAT_LABEL;
            else
              format = style == FRONTLINE_TIME_AXIS_FULL || new_month
                       ? FRONTLINE_DAY_FORMAT_DAY_MONTH : FRONTLINE_DAY_FORMAT_DAY;
          }
          break;
        }
      expected = frontline_day_format_as (tick->day, format);
      g_assert_cmpstr (tick->label, ==, expected);
    }
}

static void
test_labels_from_formatter (void)
{
  const struct {
    FrontlineDay first;
    FrontlineDay last;
    double       width;
  } ranges[] = {
    { ymd (2024, 8, 30), ymd (2024, 9, 5), 1000 }, /* days */
    { ymd (2024, 8, 6), ymd (2024, 10, 20), 800 }, /* weeks */
    { ymd (2024, 8, 6), ymd (2025, 3, 20), 600 },  /* months and a year */
    { ymd (2000, 3, 1), ymd (2024, 3, 1), 600 },   /* years */
  };
  g_autofree char *month_year = frontline_day_format_as (ymd (2024, 8, 1),
                                                         FRONTLINE_DAY_FORMAT_MONTH_YEAR);

  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    for (int style = FRONTLINE_TIME_AXIS_COMPACT; style <= FRONTLINE_TIME_AXIS_FULL; style++)
      {
        Map map;
        g_autoptr(GArray) ticks = ticks_for (ranges[r].first, ranges[r].last, ranges[r].width,
                                             (FrontlineTimeAxisStyle) style, &map);

        g_assert_cmpuint (ticks->len, >, 0);
        assert_labels_from_formatter (ticks, (FrontlineTimeAxisStyle) style);
      }

  /* The chart's first month tick carries its year. */
  g_assert_cmpstr (month_year, ==, "Aug 2024");
}

int
main (int   argc,
      char *argv[])
{
  /* English labels whatever the machine's locale. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  frontline_test_init (&argc, &argv, NULL);

  g_test_add_func ("/frontline/time-axis/weeks", test_weeks);
  g_test_add_func ("/frontline/time-axis/days", test_days);
  g_test_add_func ("/frontline/time-axis/short-range", test_short_range);
  g_test_add_func ("/frontline/time-axis/months-and-years", test_months_and_years);
  g_test_add_func ("/frontline/time-axis/too-narrow", test_too_narrow);
  g_test_add_func ("/frontline/time-axis/labels-from-formatter", test_labels_from_formatter);

  return g_test_run ();
}
