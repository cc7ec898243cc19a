/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "frontline-comparison.h"

#include "frontline-test-init.h"

/* The card never says “+0 km²” or “−0 km²”: a figure that rounds to zero is
 * left out, and a side with neither says so. */
static void
test_format_change (void)
{
  static const struct {
    double      gained;
    double      lost;
    const char *expected;
  } cases[] = {
    { 312.4, 4.2, "Since 10 Aug 2024: Ukraine +312 km², −4 km²" },
    { 312.4, 0.0, "Since 10 Aug 2024: Ukraine +312 km²" },
    { 312.4, 0.4, "Since 10 Aug 2024: Ukraine +312 km²" },
    /* printf rounds half to even: 0.5 prints as 0, so it is left out too. */
    { 312.4, 0.5, "Since 10 Aug 2024: Ukraine +312 km²" },
    { 0.49, 12.6, "Since 10 Aug 2024: Ukraine −13 km²" },
    { 0.2, 0.3, "Since 10 Aug 2024: Ukraine: no change" },
    { 1.0, 1.0, "Since 10 Aug 2024: Ukraine +1 km², −1 km²" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *line = frontline_comparison_format_change ("10 Aug 2024", "Ukraine",
                                                                  cases[i].gained, cases[i].lost);

      g_assert_cmpstr (line, ==, cases[i].expected);
      g_assert_null (strstr (line, "−0 "));
      g_assert_null (strstr (line, "+0 "));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  frontline_test_init (&argc, &argv, NULL);

  g_test_add_func ("/frontline/comparison/format-change", test_format_change);

  return g_test_run ();
}
