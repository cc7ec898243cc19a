/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <locale.h>
#include <string.h>

#include "frontline-day.h"
#include "frontline-test-init.h"

/* The one date formatter, with no display: every named form in English, the
 * empty day, and ISO 8601 reading back as the same day. */

static void
test_forms (void)
{
  const struct {
    FrontlineDayFormat format;
    const char        *text;
  } forms[] = {
    { FRONTLINE_DAY_FORMAT_LABEL, "9 Jan 2025" },
    { FRONTLINE_DAY_FORMAT_LONG, "9 January 2025" },
    { FRONTLINE_DAY_FORMAT_MONTH_YEAR, "Jan 2025" },
    { FRONTLINE_DAY_FORMAT_MONTH, "Jan" },
    { FRONTLINE_DAY_FORMAT_YEAR, "2025" },
    { FRONTLINE_DAY_FORMAT_DAY_MONTH, "9 Jan" },
    { FRONTLINE_DAY_FORMAT_DAY, "9" },
    { FRONTLINE_DAY_FORMAT_ISO, "2025-01-09" },
  };
  FrontlineDay day = frontline_day_from_dmy (9, 1, 2025);
  g_autofree char *label = frontline_day_format_label (day);

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *text = frontline_day_format_as (day, forms[i].format);
      g_autofree char *none = frontline_day_format_as (FRONTLINE_DAY_NONE, forms[i].format);

      g_assert_cmpstr (text, ==, forms[i].text);
      g_assert_cmpstr (none, ==, "");
    }

  /* The label is the LABEL form. */
  g_assert_cmpstr (label, ==, "9 Jan 2025");
}

static void
test_iso_round_trip (void)
{
  FrontlineDay first = frontline_day_from_dmy (1, 1, 1);
  FrontlineDay last = frontline_day_from_dmy (31, 12, 9999);
  const FrontlineDay edges[] = {
    first,
    frontline_day_from_dmy (29, 2, 2024),
    frontline_day_from_dmy (28, 2, 2100),
    frontline_day_from_dmy (1, 3, 2100),
    last,
  };

  /* Every day of 1990 to 2040, and the edges of what GDate and the format hold. */
  for (FrontlineDay day = frontline_day_from_dmy (1, 1, 1990);
       day <= frontline_day_from_dmy (31, 12, 2040); day++)
    {
      g_autofree char *iso = frontline_day_format_as (day, FRONTLINE_DAY_FORMAT_ISO);
      FrontlineDay back = FRONTLINE_DAY_NONE;

      g_assert_true (frontline_day_parse (iso, &back));
      g_assert_cmpuint (back, ==, day);
    }
  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    {
      g_autofree char *iso = frontline_day_format_as (edges[i], FRONTLINE_DAY_FORMAT_ISO);
      g_autofree char *plain = frontline_day_format (edges[i]);
      FrontlineDay back = FRONTLINE_DAY_NONE;

      g_assert_cmpstr (iso, ==, plain);
      g_assert_true (frontline_day_parse (iso, &back));
      g_assert_cmpuint (back, ==, edges[i]);
    }
}

static void
test_far_years (void)
{
  /* GDateTime holds the year 9999: the label still reads as a date. */
  g_autofree char *last = frontline_day_format_label (frontline_day_from_dmy (31, 12, 9999));
  g_autofree char *first = frontline_day_format_as (frontline_day_from_dmy (1, 1, 1),
                                                    FRONTLINE_DAY_FORMAT_LONG);

  g_assert_cmpstr (last, ==, "31 Dec 9999");
  g_assert_cmpstr (first, ==, "1 January 1");
}

/* Typed dates: the forms people write, each read as 13 August 2024, and why
 * the others are refused. */
static void
test_parse_typed (void)
{
  const char *good[] = {
    "2024-08-13", "13.08.2024", "13/08/2024", "13-08-2024", "13.8.2024", "2024/08/13",
    "13 August 2024", "13 Aug 2024", "13 aug. 2024", "August 13, 2024", "Aug 13 2024",
    "  13 AUGUST 2024 ", "13 Aug, 2024", "2024 Aug 13", "13.08.2024.",
  };
  const struct {
    const char *text;
    int         code;
  } bad[] = {
    { "", FRONTLINE_DAY_ERROR_UNREADABLE },
    { "yesterday", FRONTLINE_DAY_ERROR_UNREADABLE },
    { "13 Augustus 2024", FRONTLINE_DAY_ERROR_UNREADABLE },
    { "13 Ma 2024", FRONTLINE_DAY_ERROR_UNREADABLE },
    { "13.08.24", FRONTLINE_DAY_ERROR_UNREADABLE },
    { "2024-08", FRONTLINE_DAY_ERROR_UNREADABLE },
    { "2024-08-13-01", FRONTLINE_DAY_ERROR_UNREADABLE },
    { "20240813", FRONTLINE_DAY_ERROR_UNREADABLE },
    { "13 08 2024 x", FRONTLINE_DAY_ERROR_UNREADABLE },
    { "13 Aug Sep 2024", FRONTLINE_DAY_ERROR_UNREADABLE },
    { "30.02.2024", FRONTLINE_DAY_ERROR_NO_SUCH_DAY },
    { "29 February 2023", FRONTLINE_DAY_ERROR_NO_SUCH_DAY },
    { "2024-13-01", FRONTLINE_DAY_ERROR_NO_SUCH_DAY },
    { "0.08.2024", FRONTLINE_DAY_ERROR_NO_SUCH_DAY },
  };
  FrontlineDay expected = frontline_day_from_dmy (13, 8, 2024);
  FrontlineDay day;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      day = FRONTLINE_DAY_NONE;
      if (!frontline_day_parse_typed (good[i], &day, &error))
        g_error ("“%s”: %s", good[i], error->message);
      g_assert_cmpuint (day, ==, expected);
    }

  /* Months by their beginning: Sept, March against May. */
  g_assert_true (frontline_day_parse_typed ("1 Sept 2024", &day, NULL));
  g_assert_cmpuint (day, ==, frontline_day_from_dmy (1, 9, 2024));
  g_assert_true (frontline_day_parse_typed ("1 Mar 2024", &day, NULL));
  g_assert_cmpuint (day, ==, frontline_day_from_dmy (1, 3, 2024));
  g_assert_true (frontline_day_parse_typed ("1 May 2024", &day, NULL));
  g_assert_cmpuint (day, ==, frontline_day_from_dmy (1, 5, 2024));
  g_assert_true (frontline_day_parse_typed ("29.02.2024", &day, NULL));
  g_assert_cmpuint (day, ==, frontline_day_from_dmy (29, 2, 2024));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      day = FRONTLINE_DAY_NONE;
      g_assert_false (frontline_day_parse_typed (bad[i].text, &day, &error));
      g_assert_error (error, FRONTLINE_DAY_ERROR, bad[i].code);
      g_assert_cmpuint (day, ==, FRONTLINE_DAY_NONE);
      /* The message quotes what was typed. */
      if (bad[i].text[0] != '\0')
        g_assert_nonnull (strstr (error->message, bad[i].text));
    }
}

int
main (int   argc,
      char *argv[])
{
  /* English whatever the machine's locale. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  frontline_test_init (&argc, &argv, NULL);

  g_test_add_func ("/frontline/day/forms", test_forms);
  g_test_add_func ("/frontline/day/iso-round-trip", test_iso_round_trip);
  g_test_add_func ("/frontline/day/far-years", test_far_years);
  g_test_add_func ("/frontline/day/parse-typed", test_parse_typed);

  return g_test_run ();
}
