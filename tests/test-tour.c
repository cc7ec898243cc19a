/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Briefing runs: stops' views for a size, the flight between two views,
 * the date running with it, the timeline of a tour, finding a stop by name,
 * and a stop's duration read, refused and saved. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "frontline-dataset.h"
#include "frontline-test-init.h"
#include "frontline-stop.h"
#include "frontline-tour.h"

static FrontlineDataset *
load_kursk (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets", "kursk-2024-2025.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FrontlineDataset *dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

static void
test_interpolate_ends (void)
{
  FrontlineView a = { 35.2, 51.2, 10, 800, 600 };
  FrontlineView b = { 37.9, 48.6, 9, 800, 600 };
  FrontlineView v;

  frontline_view_interpolate (&a, &b, 0, &v);
  g_assert_cmpmem (&v, sizeof v, &a, sizeof a);
  frontline_view_interpolate (&a, &b, 1, &v);
  g_assert_cmpmem (&v, sizeof v, &b, sizeof b);

  /* Near the ends, near the ends. */
  frontline_view_interpolate (&a, &b, 0.001, &v);
  g_assert_cmpfloat (fabs (v.center_lon - a.center_lon), <, 0.05);
  g_assert_cmpfloat (fabs (v.zoom - a.zoom), <, 0.05);
  frontline_view_interpolate (&a, &b, 0.999, &v);
  g_assert_cmpfloat (fabs (v.center_lat - b.center_lat), <, 0.05);
  g_assert_cmpfloat (fabs (v.zoom - b.zoom), <, 0.05);
}

static void
test_interpolate_zooms_out (void)
{
  /* Kursk to Bakhmut, about 400 km: the path rises above both views in the
   * middle, and comes down again, the centre moving one way only. */
  FrontlineView a = { 35.2, 51.2, 10, 800, 600 };
  FrontlineView b = { 38.0, 48.6, 10, 800, 600 };
  double previous_lon = a.center_lon;
  double lowest = 99;

  for (int i = 1; i < 100; i++)
    {
      FrontlineView v;

      frontline_view_interpolate (&a, &b, i / 100.0, &v);
      g_assert_cmpfloat (v.center_lon, >=, previous_lon);
      previous_lon = v.center_lon;
      lowest = MIN (lowest, v.zoom);
      if (i == 50)
        {
          /* Symmetric: half way in time is half way on the ground (in
           * Mercator) and the highest point. */
          double mid_x = (frontline_mercator_x (a.center_lon, 0) + frontline_mercator_x (b.center_lon, 0)) / 2;

          g_assert_cmpfloat_with_epsilon (frontline_mercator_x (v.center_lon, 0), mid_x, 1e-6);
          g_assert_cmpfloat (v.zoom, <, 8);
        }
    }
  g_assert_cmpfloat (lowest, <, 8);
  g_assert_cmpfloat (lowest, >, 4);
}

static void
test_interpolate_zoom_only (void)
{
  FrontlineView a = { 35.2, 51.2, 6, 800, 600 };
  FrontlineView b = { 35.2, 51.2, 12, 800, 600 };
  FrontlineView v;

  frontline_view_interpolate (&a, &b, 0.5, &v);
  g_assert_cmpfloat_with_epsilon (v.zoom, 9, 1e-9);
  g_assert_cmpfloat_with_epsilon (v.center_lon, 35.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (v.center_lat, 51.2, 1e-9);
}

static void
test_move_day (void)
{
  FrontlineView a = { 35.2, 51.2, 10, 800, 600 };
  FrontlineView b = { 35.3, 51.3, 10, 800, 600 };
  FrontlineView v;
  FrontlineDay from, to, day, previous;

  g_assert_true (frontline_day_parse ("2024-08-06", &from));
  g_assert_true (frontline_day_parse ("2024-09-05", &to));
  frontline_tour_move (&a, from, &b, to, 0, &v, &day);
  g_assert_cmpint (day, ==, from);
  frontline_tour_move (&a, from, &b, to, 1, &v, &day);
  g_assert_cmpint (day, ==, to);
  frontline_tour_move (&a, from, &b, to, 0.5, &v, &day);
  g_assert_cmpint (day, ==, from + 15);
  /* The date never runs backwards, and the ease starts and ends slowly. */
  previous = from;
  for (int i = 0; i <= 60; i++)
    {
      frontline_tour_move (&a, from, &b, to, i / 60.0, &v, &day);
      g_assert_cmpint (day, >=, previous);
      previous = day;
    }
  g_assert_cmpfloat (frontline_tour_ease (0.1), <, 0.1);
  g_assert_cmpfloat (frontline_tour_ease (0.9), >, 0.9);
  g_assert_cmpfloat_with_epsilon (frontline_tour_ease (0.5), 0.5, 1e-12);
}

static void
test_tour_timeline (void)
{
  g_autoptr(FrontlineDataset) dataset = load_kursk ();
  GListModel *stops = frontline_dataset_get_stops (dataset);
  guint n = g_list_model_get_n_items (stops);
  g_autoptr(FrontlineTour) tour = frontline_tour_new (dataset, 1920, 1080, 2.0);
  g_autoptr(FrontlineStop) first = g_list_model_get_item (stops, 0);
  g_autoptr(FrontlineStop) second = g_list_model_get_item (stops, 1);
  FrontlineTourFrame frame;
  FrontlineView expected;

  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpuint (frontline_tour_get_n_stops (tour), ==, n);
  g_assert_cmpfloat_with_epsilon (frontline_tour_get_duration (tour),
                                  n * 2.0 + (n - 1) * FRONTLINE_STOP_DEFAULT_DURATION, 1e-9);

  /* On the first stop for its hold. */
  frontline_tour_get_frame (tour, 1.0, &frame);
  frontline_stop_fit_view (first, dataset, 1920, 1080, &expected);
  g_assert_cmpuint (frame.stop, ==, 0);
  g_assert_cmpfloat (frame.progress, ==, 1);
  g_assert_cmpmem (&frame.view, sizeof expected, &expected, sizeof expected);
  g_assert_cmpint (frame.day, ==, frontline_stop_get_day (first));

  /* Half way into the second: between the two dates. */
  g_assert_cmpfloat (frontline_tour_get_move_start (tour, 1), ==, 2.0);
  g_assert_cmpfloat (frontline_tour_get_arrival (tour, 1), ==, 2.0 + FRONTLINE_STOP_DEFAULT_DURATION);
  frontline_tour_get_frame (tour, 2.0 + FRONTLINE_STOP_DEFAULT_DURATION / 2, &frame);
  g_assert_cmpuint (frame.stop, ==, 1);
  g_assert_cmpfloat_with_epsilon (frame.progress, 0.5, 1e-9);
  g_assert_cmpint (frame.day, >=, MIN (frontline_stop_get_day (first), frontline_stop_get_day (second)));
  g_assert_cmpint (frame.day, <=, MAX (frontline_stop_get_day (first), frontline_stop_get_day (second)));

  /* Arrived: the second stop's own view and date. */
  frontline_tour_get_frame (tour, frontline_tour_get_arrival (tour, 1), &frame);
  frontline_stop_fit_view (second, dataset, 1920, 1080, &expected);
  g_assert_cmpmem (&frame.view, sizeof expected, &expected, sizeof expected);
  g_assert_cmpint (frame.day, ==, frontline_stop_get_day (second));

  /* Past the end: the last stop. */
  frontline_tour_get_frame (tour, 1e9, &frame);
  g_assert_cmpuint (frame.stop, ==, n - 1);
  g_assert_cmpfloat (frame.progress, ==, 1);

  /* A cut: no move. */
  frontline_stop_set_duration (second, 0);
  g_clear_object (&tour);
  tour = frontline_tour_new (dataset, 1920, 1080, 2.0);
  g_assert_cmpfloat (frontline_tour_get_arrival (tour, 1), ==, 2.0);
  frontline_tour_get_frame (tour, 2.0, &frame);
  g_assert_cmpuint (frame.stop, ==, 1);
  g_assert_cmpint (frame.day, ==, frontline_stop_get_day (second));
}

static void
test_find_and_duration (void)
{
  const char *json =
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-10\",\"faction\":\"ua\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[35.5,51],[35.5,51.5],[35,51.5],[35,51]]]}}],"
    "\"frontline\":{\"version\":1,\"stops\":["
    "{\"id\":\"border\",\"title\":\"The border\",\"date\":\"2024-08-06\",\"duration\":5},"
    "{\"title\":\"2\",\"date\":\"2024-08-10\",\"duration\":\"slow\"},"
    "{\"title\":\"Sudzha\",\"date\":\"2024-08-15\",\"duration\":0}]}}";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("frontline-tour-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "stops.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(FrontlineDataset) again = NULL;
  g_autoptr(FrontlineStop) stop = NULL;
  g_autofree char *contents = NULL;
  GPtrArray *diagnostics;
  gboolean refused = FALSE;
  guint index = 99;

  g_assert_true (g_file_set_contents (path, json, -1, &error));
  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  stop = frontline_dataset_find_stop (dataset, "border", &index);
  g_assert_cmpstr (frontline_stop_get_title (stop), ==, "The border");
  g_assert_cmpuint (index, ==, 0);
  g_assert_cmpfloat (frontline_stop_get_duration (stop), ==, 5);
  g_clear_object (&stop);
  /* A number before a title that is one. */
  stop = frontline_dataset_find_stop (dataset, "2", &index);
  g_assert_cmpuint (index, ==, 1);
  g_assert_cmpfloat (frontline_stop_get_duration (stop), ==, FRONTLINE_STOP_DEFAULT_DURATION);
  g_clear_object (&stop);
  stop = frontline_dataset_find_stop (dataset, "Sudzha", &index);
  g_assert_cmpuint (index, ==, 2);
  g_assert_cmpfloat (frontline_stop_get_duration (stop), ==, 0);
  g_clear_object (&stop);
  g_assert_null (frontline_dataset_find_stop (dataset, "4", NULL));
  g_assert_null (frontline_dataset_find_stop (dataset, "0", NULL));
  g_assert_null (frontline_dataset_find_stop (dataset, "sudzha", NULL));

  diagnostics = frontline_dataset_get_diagnostics (dataset);
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      FrontlineDiagnostic *d = g_ptr_array_index (diagnostics, i);

      refused |= g_str_equal (d->location, "/frontline/stops/1") && strstr (d->message, "\"duration\"") != NULL;
    }
  g_assert_true (refused);

  /* Saved unedited, the file keeps its words; edited, the new duration. */
  g_assert_true (frontline_dataset_save (dataset, file, NULL, &error));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"duration\":5"));
  g_assert_nonnull (strstr (contents, "\"slow\""));
  stop = frontline_dataset_find_stop (dataset, "border", NULL);
  frontline_stop_set_duration (stop, 7.5);
  g_assert_true (frontline_dataset_save (dataset, file, NULL, &error));
  again = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&stop);
  stop = frontline_dataset_find_stop (again, "border", NULL);
  g_assert_cmpfloat (frontline_stop_get_duration (stop), ==, 7.5);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/tour/interpolate-ends", test_interpolate_ends);
  g_test_add_func ("/tour/interpolate-zooms-out", test_interpolate_zooms_out);
  g_test_add_func ("/tour/interpolate-zoom-only", test_interpolate_zoom_only);
  g_test_add_func ("/tour/move-day", test_move_day);
  g_test_add_func ("/tour/timeline", test_tour_timeline);
  g_test_add_func ("/tour/find-and-duration", test_find_and_duration);

  return g_test_run ();
}
