/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "frontline-place-search.h"
#include "frontline-test-utils.h"

/* The place search on its own, above a stand-in for the map: "No Results"
 * when nothing matches, where each place is, one row for a place both the
 * dataset and the gazetteer have, and results that float over the map. */

static const char *fixture_json =
  "{\"type\":\"FeatureCollection\",\"frontline\":{\"title\":\"Places\"},\"features\":["
  "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"ua\"},"
  "\"geometry\":{\"type\":\"Polygon\","
  "\"coordinates\":[[[35,51],[36,51],[36,52],[35,52],[35,51]]]}},"
  "{\"type\":\"Feature\",\"properties\":{\"kind\":\"place\",\"name\":\"Korenevo\","
  "\"name_local\":\"Коренево\"},"
  "\"geometry\":{\"type\":\"Point\",\"coordinates\":[34.908,51.4119]}}]}";

typedef struct {
  GtkWidget            *window;
  FrontlinePlaceSearch *search;
  GtkWidget            *map;
} Fixture;

static void
fixture_set_up (Fixture *fixture)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  fixture->window = gtk_window_new ();
  fixture->search = frontline_place_search_new ();
  fixture->map = gtk_drawing_area_new ();
  gtk_widget_set_vexpand (fixture->map, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->search));
  gtk_box_append (GTK_BOX (box), fixture->map);
  gtk_window_set_child (GTK_WINDOW (fixture->window), box);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 600);
  gtk_window_present (GTK_WINDOW (fixture->window));
  frontline_place_search_open (fixture->search);
  frontline_test_spin (200);
}

static FrontlineDataset *
load_fixture (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "frontline-place-search-test.geojson",
                                            NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FrontlineDataset *dataset;

  g_assert_true (g_file_set_contents (path, fixture_json, -1, NULL));
  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_file_delete (file, NULL, NULL);

  return dataset;
}

static char *
result_text (FrontlinePlaceSearch *search,
             guint                 position)
{
  GListModel *results = frontline_place_search_get_results (search);
  g_autoptr(FrontlinePlaceResult) result = g_list_model_get_item (results, position);

  return g_strdup_printf ("%s: %s", frontline_place_result_get_name (result),
                          frontline_place_result_get_detail (result));
}

static gboolean
mapped_cb (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
test_no_results (void)
{
  Fixture fixture;
  GtkWidget *popover;
  GtkWidget *child;

  fixture_set_up (&fixture);
  popover = frontline_place_search_get_popover (fixture.search);

  g_assert_cmpuint (frontline_place_search_find (fixture.search, "no such place anywhere"), ==, 0);
  frontline_test_wait_until (mapped_cb, popover, 5000);
  child = gtk_stack_get_visible_child (GTK_STACK (gtk_popover_get_child (GTK_POPOVER (popover))));
  g_assert_true (GTK_IS_LABEL (child));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child)), ==, "No Results");
  g_assert_true (gtk_widget_get_mapped (child));

  /* Nothing typed, nothing shown. */
  frontline_place_search_find (fixture.search, "");
  frontline_test_spin (100);
  g_assert_false (gtk_widget_get_visible (popover));

  frontline_test_close_all ();
}

static void
test_region (void)
{
  Fixture fixture;
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  char *text;

  fixture_set_up (&fixture);

  /* Two Korenëvo in the gazetteer, told apart by where they are: the country,
   * the nearest larger town of that country (Kursk, not Sumy across the
   * border), the population. */
  g_assert_cmpuint (frontline_place_search_find (fixture.search, "Korenevo"), ==, 2);
  text = result_text (fixture.search, 0);
  g_assert_cmpstr (text, ==, "Korenëvo: RU · 7 km from Lyubertsy · 7319 people");
  g_free (text);
  text = result_text (fixture.search, 1);
  g_assert_cmpstr (text, ==, "Korenëvo: RU · 96 km from Kursk · 6236 people");
  g_free (text);

  /* The dataset's place and the gazetteer's are one row, which says both. */
  frontline_place_search_set_dataset (fixture.search, dataset);
  g_assert_cmpuint (frontline_place_search_find (fixture.search, "Korenevo"), ==, 2);
  text = result_text (fixture.search, 0);
  g_assert_cmpstr (text, ==, "Korenevo: In this dataset · RU · 96 km from Kursk · 6236 people");
  g_free (text);
  text = result_text (fixture.search, 1);
  g_assert_cmpstr (text, ==, "Korenëvo: RU · 7 km from Lyubertsy · 7319 people");
  g_free (text);

  frontline_test_close_all ();
}

static void
test_popover_over_map (void)
{
  Fixture fixture;
  GtkWidget *popover;
  int map_height;
  int search_height;

  fixture_set_up (&fixture);
  popover = frontline_place_search_get_popover (fixture.search);
  map_height = gtk_widget_get_height (fixture.map);
  search_height = gtk_widget_get_height (GTK_WIDGET (fixture.search));
  g_assert_cmpint (map_height, >, 0);

  g_assert_cmpuint (frontline_place_search_find (fixture.search, "Sudzha"), >=, 1);
  frontline_test_wait_until (mapped_cb, popover, 5000);
  frontline_test_spin (200);

  /* The results are in a popover under the entry, and the map keeps its size. */
  g_assert_true (gtk_widget_get_ancestor (gtk_popover_get_child (GTK_POPOVER (popover)),
                                          GTK_TYPE_POPOVER) == popover);
  g_assert_cmpint (gtk_widget_get_height (popover), >, 40);
  g_assert_cmpint (gtk_widget_get_height (fixture.map), ==, map_height);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fixture.search)), ==, search_height);

  /* Choosing a result closes the popover. */
  g_assert_true (frontline_place_search_activate_first (fixture.search));
  frontline_test_spin (100);
  g_assert_false (gtk_widget_get_visible (popover));

  frontline_test_close_all ();
}

int
main (int   argc,
      char *argv[])
{
  frontline_gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/frontline/place-search/no-results", test_no_results);
  g_test_add_func ("/frontline/place-search/region", test_region);
  g_test_add_func ("/frontline/place-search/popover-over-map", test_popover_over_map);

  return g_test_run ();
}
