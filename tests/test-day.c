/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <locale.h>

#include "frontline-day.h"

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

int
main (int   argc,
      char *argv[])
{
  /* English whatever the machine's locale. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/frontline/day/forms", test_forms);
  g_test_add_func ("/frontline/day/iso-round-trip", test_iso_round_trip);
  g_test_add_func ("/frontline/day/far-years", test_far_years);

  return g_test_run ();
}
