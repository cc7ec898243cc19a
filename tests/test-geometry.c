/* SPDX-License-Identifier: GPL-3.0-or-later */

/* frontline_geometry_area_m2(), on the authalic sphere, against PROJ's exact geodesic
 * polygon areas (geod_polygonarea). */

#include "config.h"

#include <geodesic.h>
#include <math.h>

#include "frontline-area.h"
#include "frontline-geometry.h"
#include "frontline-model-private.h"
#include "frontline-test-data.h"
#include "frontline-test-init.h"

/* What the loader used to compute: each ring by geod_polygon, shells less holes. */
static double
proj_area_m2 (const FrontlineGeometry *geometry)
{
  struct geod_geodesic g;
  double total = 0;

  geod_init (&g, 6378137.0, 1.0 / 298.257223563);
  for (guint p = 0; p < geometry->n_polygons; p++)
    for (guint r = geometry->polygons[p]; r < geometry->polygons[p + 1]; r++)
      {
        struct geod_polygon polygon;
        double area = 0;

        geod_polygon_init (&polygon, FALSE);
        for (guint i = geometry->rings[r]; i + 1 < geometry->rings[r + 1]; i++)
          geod_polygon_addpoint (&g, &polygon, geometry->coords[2 * i + 1], geometry->coords[2 * i]);
        geod_polygon_compute (&g, &polygon, FALSE, TRUE, &area, NULL);
        total += r == geometry->polygons[p] ? fabs (area) : -fabs (area);
      }

  return total;
}

/* The relative difference, checked against @tolerance; returns it. */
static double
check_area (const FrontlineGeometry *geometry,
            double                   tolerance,
            const char              *what)
{
  double expected = proj_area_m2 (geometry);
  double area = frontline_geometry_area_m2 (geometry);
  double difference = fabs (area - expected) / expected;

  g_test_message ("%s: %u points, %.6f km² (PROJ %.6f km²), relative difference %.2e", what,
                  geometry->n_points, area / 1e6, expected / 1e6, difference);
  if (difference > tolerance)
    g_error ("%s: %.9g m², PROJ %.9g m²: relative difference %.3g over %.3g", what, area,
             expected, difference, tolerance);

  return difference;
}

/* A box from (west, south) to (east, north), each side cut into @steps edges; counter-
 * clockwise or not; with a hole of half its size in the middle, or not. */
static FrontlineGeometry *
make_box (double   west,
          double   south,
          double   east,
          double   north,
          guint    steps,
          gboolean clockwise,
          gboolean hole)
{
  FrontlineGeometryBuilder *builder = frontline_geometry_builder_new ();

  frontline_geometry_builder_begin_polygon (builder);
  for (guint ring = 0; ring < (hole ? 2u : 1u); ring++)
    {
      double w = ring == 0 ? west : west + (east - west) / 4;
      double e = ring == 0 ? east : east - (east - west) / 4;
      double s = ring == 0 ? south : south + (north - south) / 4;
      double n = ring == 0 ? north : north - (north - south) / 4;
      double corners[5][2] = { { w, s }, { e, s }, { e, n }, { w, n }, { w, s } };

      frontline_geometry_builder_begin_ring (builder);
      for (guint side = 0; side < 4; side++)
        for (guint k = 0; k < steps; k++)
          {
            guint c = clockwise ? 4 - side : side;
            guint d = clockwise ? 3 - side : side + 1;
            double t = (double) k / steps;

            frontline_geometry_builder_add_point (builder,
                                                  corners[c][0] + t * (corners[d][0] - corners[c][0]),
                                                  corners[c][1] + t * (corners[d][1] - corners[c][1]));
          }
      frontline_geometry_builder_add_point (builder, corners[0][0], corners[0][1]);
    }

  return frontline_geometry_builder_finish (builder);
}

/* A 1° × 1° box at 50° N, densified: within a millionth of PROJ's. */
static void
test_dense_box (void)
{
  g_autoptr(FrontlineGeometry) box = make_box (35, 50, 36, 51, 1000, FALSE, FALSE);
  g_autoptr(FrontlineGeometry) clockwise = make_box (35, 50, 36, 51, 1000, TRUE, FALSE);
  g_autoptr(FrontlineGeometry) holed = make_box (35, 50, 36, 51, 1000, FALSE, TRUE);
  g_autoptr(FrontlineGeometry) equator = make_box (-0.5, -0.5, 0.5, 0.5, 100, FALSE, FALSE);
  g_autoptr(FrontlineGeometry) north = make_box (20, 70, 21, 71, 100, FALSE, FALSE);
  g_autoptr(FrontlineGeometry) south = make_box (-60, -55, -59, -54, 100, FALSE, FALSE);
  g_autoptr(FrontlineGeometry) polar = make_box (10, 88.5, 30, 89.75, 400, FALSE, FALSE);
  g_autoptr(FrontlineGeometry) antimeridian = make_box (179.5, 10, 180.5, 11, 100, FALSE, FALSE);
  g_autoptr(FrontlineGeometry) wrapped = NULL;
  FrontlineGeometryBuilder *builder;

  check_area (box, 1e-6, "1° box, 50° N");
  g_assert_cmpfloat (fabs (frontline_geometry_area_m2 (box) - frontline_geometry_area_m2 (clockwise)),
                     <, 1e-9 * frontline_geometry_area_m2 (box));
  check_area (holed, 1e-6, "1° box with a hole");
  g_assert_cmpfloat (frontline_geometry_area_m2 (holed), <, 0.8 * frontline_geometry_area_m2 (box));
  check_area (equator, 1e-6, "1° box on the equator");
  check_area (north, 1e-6, "1° box, 70° N");
  check_area (south, 1e-6, "1° box, 54° S");
  check_area (polar, 1e-6, "box at 89° N");

  /* Across the antimeridian, with longitudes as -179.5…: the same as 179.5…180.5. */
  builder = frontline_geometry_builder_new ();
  frontline_geometry_builder_begin_polygon (builder);
  frontline_geometry_builder_begin_ring (builder);
  for (guint i = 0; i < antimeridian->n_points; i++)
    {
      double lon = antimeridian->coords[2 * i];

      frontline_geometry_builder_add_point (builder, lon > 180 ? lon - 360 : lon,
                                            antimeridian->coords[2 * i + 1]);
    }
  wrapped = frontline_geometry_builder_finish (builder);
  check_area (wrapped, 1e-6, "1° box across the antimeridian");
}

/* A front line as the workloads draw it: a random walk of 20 000 vertices between the
 * factions, from 47° N to 52° N, closed along 33° E. */
static void
test_dense_front (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  FrontlineGeometryBuilder *builder = frontline_geometry_builder_new ();
  g_autoptr(FrontlineGeometry) front = NULL;
  double lon = 36.5;
  guint n = 20000;

  frontline_geometry_builder_begin_polygon (builder);
  frontline_geometry_builder_begin_ring (builder);
  frontline_geometry_builder_add_point (builder, 33, 52);
  for (guint i = 0; i <= n; i++)
    {
      lon = CLAMP (lon + g_rand_double_range (rand, -0.004, 0.004), 34.0, 39.0);
      frontline_geometry_builder_add_point (builder, lon, 52 - 5.0 * i / n);
    }
  frontline_geometry_builder_add_point (builder, 33, 47);
  frontline_geometry_builder_add_point (builder, 33, 52);
  front = frontline_geometry_builder_finish (builder);

  check_area (front, 1e-6, "random-walk front");
}

/* The bundled datasets' areas, drawn by hand with long edges: within 1e-6 (asked: 1e-4). */
static void
test_bundled (void)
{
  const char *names[] = { "kursk-2024-2025.geojson", "bakhmut-2023.geojson" };
  double largest = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled (names[i]);
      GListModel *areas = frontline_dataset_get_areas (dataset);

      g_assert_cmpuint (g_list_model_get_n_items (areas), >, 0);
      for (guint j = 0; j < g_list_model_get_n_items (areas); j++)
        {
          g_autoptr(FrontlineArea) area = g_list_model_get_item (areas, j);
          FrontlineGeometry *geometry = frontline_area_get_geometry (area);
          g_autofree char *what = g_strdup_printf ("%s area %u", names[i], j);

          /* The loader computed it in its workers, before anyone asked. */
          g_assert_false (isnan (area->area_m2));
          largest = MAX (largest, check_area (geometry, 1e-6, what));
          /* And it is this one. */
          g_assert_cmpfloat (frontline_area_get_area_km2 (area), ==,
                             frontline_geometry_area_m2 (geometry) / 1e6);
        }
    }
  g_test_message ("largest relative difference in the bundled datasets: %.2e", largest);
}

/* FRONTLINE_TEST_WORKLOAD=FILE: each area of a workload within 1e-6 (tests/bench). */
static void
test_workload (void)
{
  const char *path = g_getenv ("FRONTLINE_TEST_WORKLOAD");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  GListModel *areas;
  double largest = 0;

  if (path == NULL)
    {
      g_test_skip ("FRONTLINE_TEST_WORKLOAD is not set");
      return;
    }
  file = g_file_new_for_path (path);
  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  areas = frontline_dataset_get_areas (dataset);
  for (guint j = 0; j < g_list_model_get_n_items (areas); j++)
    {
      g_autoptr(FrontlineArea) area = g_list_model_get_item (areas, j);
      g_autofree char *what = g_strdup_printf ("%s area %u", path, j);

      largest = MAX (largest, check_area (frontline_area_get_geometry (area), 1e-6, what));
    }
  g_test_message ("largest relative difference in %s: %.2e", path, largest);
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/geometry/area/dense-box", test_dense_box);
  g_test_add_func ("/geometry/area/dense-front", test_dense_front);
  g_test_add_func ("/geometry/area/bundled", test_bundled);
  g_test_add_func ("/geometry/area/workload", test_workload);

  return g_test_run ();
}
