/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-time-axis"

#include "config.h"

#include "frontline-time-axis.h"

/* The one time axis of the timeline and the area chart: given a range of days,
 * where they go and how wide a label is, the densest ticks whose labels do not
 * overlap. Days at steps of 7 and 14 are Mondays (Julian day 1 is a Monday),
 * so weekly ticks fall on the same days wherever the range starts. No display:
 * the caller measures labels. */

typedef enum {
  UNIT_DAY,
  UNIT_MONTH,
  UNIT_YEAR,
} TimeUnit;

static const struct {
  TimeUnit unit;
  guint    n;
} steps[] = {
  { UNIT_DAY, 1 }, { UNIT_DAY, 2 }, { UNIT_DAY, 7 }, { UNIT_DAY, 14 },
  { UNIT_MONTH, 1 }, { UNIT_MONTH, 2 }, { UNIT_MONTH, 3 }, { UNIT_MONTH, 6 },
  { UNIT_YEAR, 1 }, { UNIT_YEAR, 2 }, { UNIT_YEAR, 5 }, { UNIT_YEAR, 10 },
  { UNIT_YEAR, 25 }, { UNIT_YEAR, 50 }, { UNIT_YEAR, 100 },
};

static double
step_days (guint i)
{
  switch (steps[i].unit)
    {
    case UNIT_DAY:
      return steps[i].n;
    case UNIT_MONTH:
      return 30.44 * steps[i].n;
    case UNIT_YEAR:
      return 365.25 * steps[i].n;
    default:
      g_assert_not_reached ();
    }
}

static void
tick_clear (gpointer data)
{
  FrontlineTimeTick *tick = data;

  g_free (tick->label);
}

/**
 * frontline_time_axis_is_tick:
 *
 * Returns: whether a step of @step_days days (1, 2, 7 or 14) has a tick on
 *   @day: every other day, Mondays, every other Monday
 */
gboolean
frontline_time_axis_is_tick (FrontlineDay day,
                             guint        step_days)
{
  g_return_val_if_fail (step_days > 0, FALSE);

  return (day - 1) % step_days == 0;
}

/* The first tick carries the year, and so does a day tick in a year the one
 * before was not in: a short range (Bakhmut's sixteen days) still says when
 * it is, as “10 Jan 2023”, “12”, “14”. */
static char *
tick_label (const FrontlineTimeAxis *axis,
            const GDate             *date,
            FrontlineTimeTickLevel   level,
            const GDate             *previous)
{
  gboolean new_year = previous == NULL || g_date_get_year (previous) != g_date_get_year (date);
  gboolean new_month = new_year || g_date_get_month (previous) != g_date_get_month (date);
  FrontlineDay day = g_date_get_julian (date);

  switch (level)
    {
    case FRONTLINE_TIME_TICK_YEAR:
      return frontline_day_format_as (day, FRONTLINE_DAY_FORMAT_YEAR);
    case FRONTLINE_TIME_TICK_MONTH:
      if (previous == NULL)
        return frontline_day_format_as (day, FRONTLINE_DAY_FORMAT_MONTH_YEAR);
      return frontline_day_format_as (day, FRONTLINE_DAY_FORMAT_MONTH);
    case FRONTLINE_TIME_TICK_DAY:
      if (new_year)
        return frontline_day_format_as (day, FRONTLINE_DAY_FORMAT_LABEL);
      if (axis->style == FRONTLINE_TIME_AXIS_FULL || new_month)
        return frontline_day_format_as (day, FRONTLINE_DAY_FORMAT_DAY_MONTH);
      return frontline_day_format_as (day, FRONTLINE_DAY_FORMAT_DAY);
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
append_tick (const FrontlineTimeAxis *axis,
             GArray                  *ticks,
             const GDate             *date,
             GDate                   *previous)
{
  FrontlineTimeTick tick = { 0, };

  tick.day = g_date_get_julian (date);
  tick.level = FRONTLINE_TIME_TICK_DAY;
  if (g_date_get_day (date) == 1)
    tick.level = g_date_get_month (date) == G_DATE_JANUARY ? FRONTLINE_TIME_TICK_YEAR
                                                           : FRONTLINE_TIME_TICK_MONTH;
  tick.bold = axis->style == FRONTLINE_TIME_AXIS_COMPACT && tick.level == FRONTLINE_TIME_TICK_YEAR;
  tick.label = tick_label (axis, date, tick.level, ticks->len > 0 ? previous : NULL);
  tick.x = axis->map (tick.day, axis->user_data);
  g_array_append_val (ticks, tick);
  *previous = *date;
}

static void
collect_ticks (const FrontlineTimeAxis *axis,
               guint                    step,
               GArray                  *ticks)
{
  GDate date, previous;

  g_array_set_size (ticks, 0);
  g_date_clear (&date, 1);
  g_date_clear (&previous, 1);

  if (steps[step].unit == UNIT_DAY)
    {
      for (FrontlineDay d = axis->first; d <= axis->last; d++)
        if (frontline_time_axis_is_tick (d, steps[step].n))
          {
            g_date_set_julian (&date, d);
            append_tick (axis, ticks, &date, &previous);
          }
      return;
    }

  g_date_set_julian (&date, axis->first);
  g_date_set_day (&date, 1);
  if (steps[step].unit == UNIT_YEAR)
    g_date_set_month (&date, G_DATE_JANUARY);
  while (g_date_get_julian (&date) <= axis->last)
    {
      gboolean aligned;

      if (steps[step].unit == UNIT_MONTH)
        aligned = (g_date_get_month (&date) - 1) % steps[step].n == 0;
      else
        aligned = g_date_get_year (&date) % steps[step].n == 0;
      if (aligned && g_date_get_julian (&date) >= axis->first)
        append_tick (axis, ticks, &date, &previous);

      if (g_date_get_year (&date) >= 9999)
        break;
      if (steps[step].unit == UNIT_MONTH)
        g_date_add_months (&date, 1);
      else
        g_date_add_years (&date, 1);
    }
}

/* Places the labels, centred under their ticks and kept inside the width;
 * says whether they all fit without overlapping. */
static gboolean
place_ticks (const FrontlineTimeAxis *axis,
             GArray                  *ticks)
{
  double right = -G_MAXDOUBLE;

  for (guint i = 0; i < ticks->len; i++)
    {
      FrontlineTimeTick *tick = &g_array_index (ticks, FrontlineTimeTick, i);

      tick->width = axis->measure (tick->label, tick->bold, axis->user_data);
      tick->left = CLAMP (tick->x - tick->width / 2, 0, MAX (0, axis->width - tick->width));
      if (tick->left < right + axis->min_gap)
        return FALSE;
      right = tick->left + tick->width;
    }

  return TRUE;
}

/**
 * frontline_time_axis_ticks:
 *
 * Chooses the densest step whose labels fit side by side: days, every other
 * day, weeks (Mondays), fortnights, months, quarters, half years, years and
 * their multiples; steps nearer than @axis->min_pitch are not tried.
 *
 * Returns: (transfer full) (element-type FrontlineTimeTick): the ticks, in
 *   order, with their labels placed; empty when none fit (or the first day
 *   alone, with keep_first)
 */
GArray *
frontline_time_axis_ticks (const FrontlineTimeAxis *axis)
{
  GArray *ticks;
  double px_per_day;

  g_return_val_if_fail (axis != NULL && axis->map != NULL && axis->measure != NULL, NULL);

  ticks = g_array_new (FALSE, FALSE, sizeof (FrontlineTimeTick));
  g_array_set_clear_func (ticks, tick_clear);

  if (axis->first == FRONTLINE_DAY_NONE || axis->last < axis->first)
    return ticks;

  px_per_day = axis->last > axis->first
               ? (axis->map (axis->last, axis->user_data) - axis->map (axis->first, axis->user_data)) /
                 (axis->last - axis->first)
               : axis->width;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      if (step_days (i) * px_per_day < axis->min_pitch)
        continue;

      collect_ticks (axis, i, ticks);
      if (ticks->len > 0 && place_ticks (axis, ticks))
        return ticks;
    }

  g_array_set_size (ticks, 0);
  if (axis->keep_first)
    {
      collect_ticks (axis, 0, ticks);
      g_array_set_size (ticks, MIN (ticks->len, 1));
      place_ticks (axis, ticks);
    }

  return ticks;
}
