/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-day"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "frontline-day.h"

static gboolean
parse_digits (const char *text,
              guint       n,
              guint      *value)
{
  guint v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      v = v * 10 + (guint) (text[i] - '0');
    }

  *value = v;
  return TRUE;
}

/* Parses exactly YYYY-MM-DD at @text, with no trailing check. */
static gboolean
parse_at (const char   *text,
          FrontlineDay *day)
{
  guint y, m, d;

  if (!parse_digits (text, 4, &y) || text[4] != '-' ||
      !parse_digits (text + 5, 2, &m) || text[7] != '-' ||
      !parse_digits (text + 8, 2, &d))
    return FALSE;

  if (y < 1 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;

  *day = frontline_day_from_dmy (d, m, y);
  return TRUE;
}

/**
 * frontline_day_parse:
 * @text: a date as `YYYY-MM-DD`
 * @day: (out): the day
 *
 * Parses a calendar date strictly: four-digit year, two-digit month and day,
 * nothing before or after, and a day that exists (no 2024-02-30).
 *
 * Returns: whether @text is such a date
 */
gboolean
frontline_day_parse (const char   *text,
                     FrontlineDay *day)
{
  g_return_val_if_fail (day != NULL, FALSE);

  if (text == NULL || strlen (text) != 10)
    return FALSE;

  return parse_at (text, day);
}

/**
 * frontline_day_find_in_string:
 * @text: a string, such as a file name
 * @day: (out): the day
 *
 * Finds the first valid `YYYY-MM-DD` date in @text that is not part of a longer
 * run of digits, as in `2024-08-14.geojson` or `deepstate-2024-08-14-map.json`.
 *
 * Returns: whether a date was found
 */
gboolean
frontline_day_find_in_string (const char   *text,
                              FrontlineDay *day)
{
  gsize len;

  g_return_val_if_fail (day != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  len = strlen (text);
  for (gsize i = 0; i + 10 <= len; i++)
    {
      if (i > 0 && g_ascii_isdigit (text[i - 1]))
        continue;
      if (i + 10 < len && g_ascii_isdigit (text[i + 10]))
        continue;
      if (parse_at (text + i, day))
        return TRUE;
    }

  return FALSE;
}

FrontlineDay
frontline_day_from_dmy (guint day,
                        guint month,
                        guint year)
{
  GDate date;

  g_return_val_if_fail (g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year),
                        FRONTLINE_DAY_NONE);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  return g_date_get_julian (&date);
}

/**
 * frontline_day_format_buf:
 * @day: a day
 * @buf: (out caller-allocates): room for `YYYY-MM-DD` and a NUL
 */
void
frontline_day_format_buf (FrontlineDay day,
                          char         buf[11])
{
  GDate date;

  if (day == FRONTLINE_DAY_NONE || !g_date_valid_julian (day))
    {
      buf[0] = '\0';
      return;
    }

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  g_snprintf (buf, 11, "%04u-%02u-%02u",
              (guint) g_date_get_year (&date),
              (guint) g_date_get_month (&date),
              (guint) g_date_get_day (&date));
}

/**
 * frontline_day_format:
 *
 * Returns: (transfer full): @day as `YYYY-MM-DD`, or an empty string for no day
 */
char *
frontline_day_format (FrontlineDay day)
{
  char buf[11];

  frontline_day_format_buf (day, buf);
  return g_strdup (buf);
}

static const char *
format_string (FrontlineDayFormat format)
{
  switch (format)
    {
    case FRONTLINE_DAY_FORMAT_LABEL:
      /* Translators: a date as people read it, on the date bar, the title card,
       * the comparison and the exported map, as in “9 Jan 2025”; the codes are
       * those of g_date_time_format(): %b is the abbreviated month in the form
       * used with a day, %Ob the standalone form
       * xgettext:no-c-format */
      return _("%-d %b %Y");
    case FRONTLINE_DAY_FORMAT_LONG:
      /* Translators: a date on tooltips and for screen readers, as in
       * “12 August 2024”; %B is the month's name in the form used with a day
       * xgettext:no-c-format */
      return _("%-d %B %Y");
    case FRONTLINE_DAY_FORMAT_MONTH_YEAR:
      /* Translators: a month and year on a time axis, as in “Aug 2024”;
       * %Ob is the standalone abbreviated month
       * xgettext:no-c-format */
      return _("%b %Y");
    case FRONTLINE_DAY_FORMAT_MONTH:
      /* Translators: a month on a time axis, as in “Sep”
       * xgettext:no-c-format */
      return C_("time axis", "%b");
    case FRONTLINE_DAY_FORMAT_YEAR:
      return "%Y";
    case FRONTLINE_DAY_FORMAT_DAY_MONTH:
      /* Translators: a day and month on a time axis, as in “12 Aug”
       * xgettext:no-c-format */
      return _("%-d %b");
    case FRONTLINE_DAY_FORMAT_DAY:
      return "%-d";
    case FRONTLINE_DAY_FORMAT_ISO:
    default:
      return NULL;
    }
}

/**
 * frontline_day_format_as:
 * @day: a day
 * @format: how to write it
 *
 * The one formatter of every date a person reads: the window, the
 * presentation, the timeline and chart axes, the exported map's title and
 * card, in the user's language and the formats its translators chose.
 * %FRONTLINE_DAY_FORMAT_ISO is for data (files, file names, CSV, output for
 * programs) and reads back with frontline_day_parse(). Years GDateTime
 * cannot hold (after 9999) fall back to ISO 8601.
 *
 * Returns: (transfer full): the text, empty for %FRONTLINE_DAY_NONE
 */
char *
frontline_day_format_as (FrontlineDay       day,
                         FrontlineDayFormat format)
{
  g_autoptr(GDateTime) time = NULL;
  const char *pattern;
  char *text;
  GDate date;

  if (day == FRONTLINE_DAY_NONE || !g_date_valid_julian (day))
    return g_strdup ("");

  pattern = format_string (format);
  if (pattern == NULL)
    return frontline_day_format (day);

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
  if (time == NULL)
    return frontline_day_format (day);

  text = g_date_time_format (time, pattern);
  return text != NULL ? text : frontline_day_format (day);
}

/**
 * frontline_day_format_label:
 *
 * @day as people read it: “9 Jan 2025” in English. The same as
 * frontline_day_format_as() with %FRONTLINE_DAY_FORMAT_LABEL.
 *
 * Returns: (transfer full): the label, empty for %FRONTLINE_DAY_NONE
 */
char *
frontline_day_format_label (FrontlineDay day)
{
  return frontline_day_format_as (day, FRONTLINE_DAY_FORMAT_LABEL);
}
