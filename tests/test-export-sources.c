/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "frontline-dataset.h"
#include "frontline-export-private.h"
#include "frontline-exporter.h"
#include "frontline-test-init.h"
#include "frontline-test-data.h"

/* The exporter's source line lists the sources of what it draws: the
 * areas of the day in view and, when comparing, those of the earlier date,
 * each once, as frontline_source_format_reference() says it; no source of
 * another date, none raw ("unknown"). Display-free. */

#define SOURCE_003 "Ukraine’s territory gains in Russia in just a week nearly match Moscow’s " \
                   "advances — which took 8 months (The Post, about 14 Aug 2024)"
#define SOURCE_000 "Untitled source 000 (about 10 Jan 2025)"
#define SOURCE_001 "Untitled source 001 (about 8 Mar 2025)"
#define SOURCE_002 "Ukraine withdraws from Kursk after eight months on Russian territory " \
                   "(about 12 Mar 2025)"

static char *
sources_on (FrontlineDataset *dataset,
            const char       *day,
            const char       *compare_from)
{
  FrontlineExportOptions options;

  frontline_export_options_init (&options, dataset, 1600, 1000, 1.0);
  frontline_export_fit_view (dataset, 1600, 1000, &options.view);
  g_assert_true (frontline_day_parse (day, &options.day));
  options.sources_strip = TRUE;
  if (compare_from != NULL)
    g_assert_true (frontline_day_parse (compare_from, &options.compare_from));

  return frontline_export_sources_text (&options);
}

static void
test_sources_of_the_day (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled ("kursk-2024-2025.geojson");
  char *text;

  /* The first week: the one article its areas cite. */
  text = sources_on (dataset, "2024-08-14", NULL);
  g_assert_cmpstr (text, ==, "Source: " SOURCE_003);
  g_free (text);

  /* An area citing two sources: both, in its order. */
  text = sources_on (dataset, "2024-08-20", NULL);
  g_assert_cmpstr (text, ==, "Sources: " SOURCE_003 " · " SOURCE_000);
  g_free (text);

  /* January: Ukraine's area and Russia's claim cite the same article, once. */
  text = sources_on (dataset, "2025-01-10", NULL);
  g_assert_cmpstr (text, ==, "Source: " SOURCE_000);
  g_free (text);

  /* The end: only the withdrawal's article, no "unknown" anywhere. */
  text = sources_on (dataset, "2025-03-20", NULL);
  g_assert_cmpstr (text, ==, "Source: " SOURCE_002);
  g_assert_null (strstr (text, "unknown"));
  g_free (text);
}

static void
test_sources_when_comparing (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled ("kursk-2024-2025.geojson");
  char *text;

  /* The losses are drawn from the earlier date's areas: their sources too. */
  text = sources_on (dataset, "2025-03-20", "2025-03-07");
  g_assert_cmpstr (text, ==, "Sources: " SOURCE_002 " · " SOURCE_001);
  g_free (text);

  text = sources_on (dataset, "2024-08-27", "2024-08-14");
  g_assert_cmpstr (text, ==, "Sources: " SOURCE_000 " · " SOURCE_003);
  g_free (text);
}

static void
test_nothing_drawn (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled ("kursk-2024-2025.geojson");
  FrontlineExportOptions options;

  /* A view of the other side of the world draws no area and cites nothing. */
  frontline_export_options_init (&options, dataset, 800, 600, 1.0);
  options.view.center_lon = -120.0;
  options.view.center_lat = 40.0;
  options.view.zoom = 9.0;
  g_assert_true (frontline_day_parse ("2024-08-20", &options.day));
  g_assert_null (frontline_export_sources_text (&options));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  frontline_test_init (&argc, &argv, NULL);

  g_test_add_func ("/frontline/export-sources/of-the-day", test_sources_of_the_day);
  g_test_add_func ("/frontline/export-sources/comparing", test_sources_when_comparing);
  g_test_add_func ("/frontline/export-sources/nothing-drawn", test_nothing_drawn);

  return g_test_run ();
}
