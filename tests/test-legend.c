/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "frontline-basemap-source.h"
#include "frontline-legend.h"
#include "frontline-test-utils.h"
#include "frontline-test-data.h"

/* The legend lists what is on the map on the date, and how gains and
 * losses look while comparing. */

static FrontlineApplication *app;

static FrontlineDataset *
load_fixture (void)
{
  const char *json =
    "{\"type\":\"FeatureCollection\",\"frontline\":{\"factions\":["
    "{\"id\":\"blue\",\"name\":\"Blue\",\"color\":\"#0072b2\"},"
    "{\"id\":\"orange\",\"name\":\"Orange\",\"color\":\"#d55e00\"}]},\"features\":["
    /* Blue alone on 6 August; Orange's approximate claim from 8 August. */
    "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"blue\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[36,51],[36,52],[35,52],[35,51]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-08\",\"faction\":\"orange\",\"status\":\"claimed\",\"approximate\":true},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[36.2,51],[37,51],[37,52],[36.2,52],[36.2,51]]]}}"
    "]}";

  return frontline_test_load_json ("legend.geojson", json);
}

static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s|", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

static char *
legend_text (FrontlineLegend *legend)
{
  GString *text = g_string_new ("|");

  collect_labels (GTK_WIDGET (legend), text);
  return g_string_free (text, FALSE);
}

static void
test_rows_follow_day_and_comparing (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineLegend *legend = g_object_ref_sink (frontline_legend_new ());
  g_autofree char *all = NULL;
  g_autofree char *first = NULL;
  g_autofree char *later = NULL;
  g_autofree char *comparing = NULL;
  FrontlineDay day;

  frontline_legend_set_dataset (legend, dataset);
  all = legend_text (legend);
  g_assert_nonnull (strstr (all, "|Blue|"));
  g_assert_nonnull (strstr (all, "|Orange|"));
  g_assert_nonnull (strstr (all, "|Claimed|"));

  /* On 6 August only Blue's ground is on the map. */
  g_assert_true (frontline_day_parse ("2024-08-06", &day));
  g_object_set (legend, "day", day, NULL);
  first = legend_text (legend);
  g_assert_nonnull (strstr (first, "|Blue|"));
  g_assert_null (strstr (first, "|Orange|"));
  g_assert_null (strstr (first, "|Claimed|"));
  g_assert_null (strstr (first, "|Approximate|"));
  g_assert_null (strstr (first, "|Gained|"));

  g_assert_true (frontline_day_parse ("2024-08-09", &day));
  frontline_legend_set_day (legend, day);
  later = legend_text (legend);
  g_assert_nonnull (strstr (later, "|Orange|"));
  g_assert_nonnull (strstr (later, "|Claimed|"));
  g_assert_nonnull (strstr (later, "|Approximate|"));
  g_assert_null (strstr (later, "|Lost|"));

  /* Comparing: how gains and losses look. */
  g_object_set (legend, "comparing", TRUE, NULL);
  comparing = legend_text (legend);
  g_assert_nonnull (strstr (comparing, "|Gained|"));
  g_assert_nonnull (strstr (comparing, "|Lost|"));
  g_assert_true (frontline_test_get_boolean (legend, "comparing"));

  g_object_unref (legend);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  frontline_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  app = frontline_test_application_new ();

  g_test_add_func ("/frontline/legend/rows-follow-day-and-comparing", test_rows_follow_day_and_comparing);

  ret = g_test_run ();

  frontline_basemap_source_shutdown ();
  g_clear_object (&app);

  return ret;
}
