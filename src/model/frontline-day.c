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

G_DEFINE_QUARK (frontline-day-error-quark, frontline_day_error)

static const char * const english_months[12][2] = {
  { "january", "jan" }, { "february", "feb" }, { "march", "mar" }, { "april", "apr" },
  { "may", "may" }, { "june", "jun" }, { "july", "jul" }, { "august", "aug" },
  { "september", "sep" }, { "october", "oct" }, { "november", "nov" }, { "december", "dec" },
};

/* Whether @word (casefolded) names @name (any case): the whole name, or a
 * beginning of at least three letters, as “Sept” or “серп”. */
static gboolean
names_month (const char *word,
             const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  glong n = g_utf8_strlen (word, -1);

  if (g_str_equal (word, folded))
    return TRUE;

  return n >= 3 && g_str_has_prefix (folded, word);
}

/* The month @word names, in English or the user's language (each of the
 * forms g_date_time_format() writes: with a day, standalone, abbreviated), or
 * 0. A beginning that fits two months (“ma”) names none. */
static guint
find_month (const char *word)
{
  static const char * const codes[] = { "%B", "%OB", "%b", "%Ob" };
  g_autofree char *folded = g_utf8_casefold (word, -1);
  guint found = 0;

  for (guint m = 1; m <= 12; m++)
    {
      g_autoptr(GDateTime) time = g_date_time_new_utc (2001, (int) m, 1, 0, 0, 0);
      gboolean match = names_month (folded, english_months[m - 1][0]) ||
                       g_str_equal (folded, english_months[m - 1][1]);

      for (guint c = 0; !match && c < G_N_ELEMENTS (codes); c++)
        {
          g_autofree char *name = g_date_time_format (time, codes[c]);
          g_autofree char *trimmed = NULL;

          if (name == NULL)
            continue;
          trimmed = g_strstrip (g_strdup (name));
          /* Abbreviations may end with a full stop (“серп.”). */
          if (g_str_has_suffix (trimmed, "."))
            trimmed[strlen (trimmed) - 1] = '\0';
          match = names_month (folded, trimmed);
        }

      if (match)
        {
          if (found != 0 && found != m)
            return 0;
          found = m;
        }
    }

  return found;
}

typedef struct {
  char     text[64];
  gboolean number;
  guint    digits;
  guint    value;
} Token;

static gboolean
refuse (GError    **error,
        const char *text)
{
  g_set_error (error, FRONTLINE_DAY_ERROR, FRONTLINE_DAY_ERROR_UNREADABLE,
               /* Translators: a typed date that could not be read; the examples show the
                * forms that are read, in the order day, month, year */
               _("“%s” is not a date: write it as 13 August 2024, 13.08.2024 or 2024-08-13"),
               text);
  return FALSE;
}

/**
 * frontline_day_parse_typed:
 * @text: a date a person typed
 * @day: (out): the day
 * @error: why @text is not a date
 *
 * Reads a date as people type it: `2024-08-13` (ISO 8601, also with `/` or
 * `.`), day, month and year as numbers (`13.08.2024`, `13/08/2024`,
 * `13-08-2024`), or with the month's name, in English or the user's
 * language, whole or its beginning (`13 August 2024`, `13 Aug 2024`,
 * `August 13, 2024`). Years have four digits. Unlike frontline_day_parse(),
 * for data, it says what is wrong: %FRONTLINE_DAY_ERROR_UNREADABLE, or
 * %FRONTLINE_DAY_ERROR_NO_SUCH_DAY for a day the month does not have.
 *
 * Returns: whether @text is a date
 */
gboolean
frontline_day_parse_typed (const char   *text,
                           FrontlineDay *day,
                           GError      **error)
{
  g_autofree char *shown = NULL;
  Token tokens[4];
  guint n_tokens = 0, n_words = 0;
  guint d = 0, m = 0, y = 0;
  const char *p;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (day != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  shown = g_strstrip (g_strdup (text));
  if (!g_utf8_validate (shown, -1, NULL) || shown[0] == '\0')
    return refuse (error, shown);

  /* Numbers and words, between separators. */
  for (p = shown; *p != '\0';)
    {
      gunichar c = g_utf8_get_char (p);
      const char *start = p;
      Token *token;

      if (c == ' ' || c == '.' || c == '/' || c == '-' || c == ',' || g_unichar_isspace (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      if (n_tokens == G_N_ELEMENTS (tokens) - 1)
        return refuse (error, shown);

      token = &tokens[n_tokens++];
      memset (token, 0, sizeof *token);
      if (g_ascii_isdigit (*p))
        {
          while (g_ascii_isdigit (*p))
            p++;
          token->number = TRUE;
          token->digits = (guint) (p - start);
          if (token->digits > 4)
            return refuse (error, shown);
          parse_digits (start, token->digits, &token->value);
        }
      else if (g_unichar_isalpha (c))
        {
          while (*p != '\0' && g_unichar_isalpha (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          n_words++;
        }
      else
        return refuse (error, shown);

      if ((gsize) (p - start) >= sizeof token->text)
        return refuse (error, shown);
      memcpy (token->text, start, (gsize) (p - start));
    }

  if (n_tokens != 3 || n_words > 1)
    return refuse (error, shown);

  if (n_words == 0)
    {
      /* Year first (ISO), else day, month, year. */
      if (tokens[0].digits == 4)
        {
          y = tokens[0].value;
          m = tokens[1].value;
          d = tokens[2].value;
          if (tokens[1].digits > 2 || tokens[2].digits > 2)
            return refuse (error, shown);
        }
      else if (tokens[2].digits == 4 && tokens[0].digits <= 2 && tokens[1].digits <= 2)
        {
          d = tokens[0].value;
          m = tokens[1].value;
          y = tokens[2].value;
        }
      else
        return refuse (error, shown);
    }
  else
    {
      guint w = tokens[0].number ? (tokens[1].number ? 2 : 1) : 0;
      const Token *numbers[2];
      guint n = 0;

      m = find_month (tokens[w].text);
      if (m == 0)
        return refuse (error, shown);
      for (guint i = 0; i < 3; i++)
        if (i != w)
          numbers[n++] = &tokens[i];
      /* “13 August 2024”, “August 13, 2024”, “2024 August 13” */
      if (numbers[0]->digits <= 2 && numbers[1]->digits == 4)
        {
          d = numbers[0]->value;
          y = numbers[1]->value;
        }
      else if (numbers[0]->digits == 4 && numbers[1]->digits <= 2 && w == 1)
        {
          y = numbers[0]->value;
          d = numbers[1]->value;
        }
      else
        return refuse (error, shown);
    }

  if (y < 1 || m < 1 || m > 12 || d < 1 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    {
      g_set_error (error, FRONTLINE_DAY_ERROR, FRONTLINE_DAY_ERROR_NO_SUCH_DAY,
                   /* Translators: a typed date with a month or a day that does not exist */
                   _("“%s” is not a day of the calendar"), shown);
      return FALSE;
    }

  *day = frontline_day_from_dmy (d, m, y);
  return TRUE;
}
