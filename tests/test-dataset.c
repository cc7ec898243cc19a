/* SPDX-License-Identifier: GPL-3.0-or-later */

/* truncate() and mkfifo() are POSIX, outside strict C17. */
#define _DEFAULT_SOURCE

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include <sys/stat.h>
#include <unistd.h>

#include "frontline-dataset.h"
#include "frontline-handout.h"
#include "frontline-loader-private.h"
#include "frontline-model-private.h"
#include "frontline-test-init.h"

/* Writes @contents to a file in the test's own temporary folder. */
static GFile *
fixture (const char *name,
         const char *contents)
{
  /* The cache folder is the test's own (G_TEST_OPTION_ISOLATE_DIRS). */
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "fixtures", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

#define HEADER "{\"type\":\"FeatureCollection\",\"frontline\":{\"version\":1,\"title\":\"T\"," \
  "\"factions\":[{\"id\":\"ua\",\"name\":\"Ukraine\",\"color\":\"#0057b7\"}," \
  "{\"id\":\"ru\",\"name\":\"Russia\",\"color\":\"#d52b1e\"}]," \
  "\"sources\":[{\"id\":\"s1\",\"title\":\"An article\"}]},\"features\":["
#define SQUARE(lon, lat, d) "[[" #lon "," #lat "],[" #lon "+" #d "," #lat "]]"
#define AREA(date, faction, coords) \
  "{\"type\":\"Feature\",\"properties\":{\"date\":\"" date "\",\"faction\":\"" faction "\"}," \
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" coords "}}"
#define UNIT_SQUARE "[[[35,51],[36,51],[36,52],[35,52],[35,51]]]"

static FrontlineDataset *
load (const char  *name,
      const char  *contents,
      GError     **error)
{
  g_autoptr(GFile) file = fixture (name, contents);

  return frontline_dataset_load (file, NULL, NULL, NULL, error);
}

/* Errors: each names the file, the place and what is wrong. */

typedef struct {
  const char *name;
  const char *contents;
  int         code;
  const char *pattern;
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "not-json.geojson", "These are not coordinates.\n",
    FRONTLINE_DATASET_ERROR_SYNTAX, "*not-json.geojson:1:*Parse error*" },
  { "truncated.geojson", HEADER "\n" AREA ("2024-08-06", "ua", UNIT_SQUARE) ",\n{\"type\":",
    FRONTLINE_DATASET_ERROR_SYNTAX, "*truncated.geojson:3:*Parse error*" },
  { "bad-feature-json.geojson", HEADER "\n{\"type\":\"Feature\",,}\n]}",
    FRONTLINE_DATASET_ERROR_SYNTAX, "*bad-feature-json.geojson:2:*Parse error*" },
  { "trailing.geojson", HEADER AREA ("2024-08-06", "ua", UNIT_SQUARE) "]}\n{}",
    FRONTLINE_DATASET_ERROR_SYNTAX, "*trailing.geojson:2:1: *unexpected content after the end*" },
  { "empty.geojson", "",
    FRONTLINE_DATASET_ERROR_SYNTAX, "*empty.geojson: the file is empty" },
  { "not-collection.geojson", "{\"type\":\"Feature\",\"geometry\":null}",
    FRONTLINE_DATASET_ERROR_STRUCTURE, "*not-collection.geojson: /type: expected a GeoJSON FeatureCollection, found “Feature”" },
  { "array-root.geojson", "[1,2]",
    FRONTLINE_DATASET_ERROR_STRUCTURE, "*array-root.geojson: /: expected a GeoJSON FeatureCollection object" },
  { "features-object.geojson", "{\"type\":\"FeatureCollection\",\"features\":{}}",
    FRONTLINE_DATASET_ERROR_STRUCTURE, "*: /features: expected an array of features" },
  { "bad-date.geojson", HEADER AREA ("2024-08-06", "ua", UNIT_SQUARE) "," AREA ("2024-02-30", "ua", UNIT_SQUARE) "]}",
    FRONTLINE_DATASET_ERROR_INVALID, "*bad-date.geojson: /features/1: invalid date “2024-02-30”; expected a real day as YYYY-MM-DD (feature 1)" },
  { "no-date.geojson", HEADER "{\"type\":\"Feature\",\"id\":\"x7\",\"properties\":{\"faction\":\"ua\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" UNIT_SQUARE "}}]}",
    FRONTLINE_DATASET_ERROR_STRUCTURE, "*: /features/0: area has no \"date\" property*(feature 0 (id “x7”))" },
  { "short-ring.geojson", HEADER AREA ("2024-08-06", "ua", "[[[35,51],[36,51],[35,51]]]") "]}",
    FRONTLINE_DATASET_ERROR_INVALID, "*: /features/0/geometry/coordinates/0: ring has 3 positions; a ring needs at least 4*" },
  { "latitude.geojson", HEADER AREA ("2024-08-06", "ua", "[[[51,35],[51,36],[52,95],[51,35]]]") "]}",
    FRONTLINE_DATASET_ERROR_INVALID, "*: /features/0/geometry/coordinates/0: position 2 has latitude 95, beyond ±90*" },
  { "longitude.geojson", HEADER AREA ("2024-08-06", "ua", "[[[35,51],[200,51],[36,52],[35,51]]]") "]}",
    FRONTLINE_DATASET_ERROR_INVALID, "*: /features/0/geometry/coordinates/0: position 1 has longitude 200, beyond ±180*" },
  { "bad-position.geojson", HEADER AREA ("2024-08-06", "ua", "[[[35,51],[36],[36,52],[35,51]]]") "]}",
    FRONTLINE_DATASET_ERROR_STRUCTURE, "*: /features/0/geometry/coordinates/0: position 1 is not [longitude, latitude]*" },
  { "geometry-type.geojson", HEADER "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygonn\",\"coordinates\":[]}}]}",
    FRONTLINE_DATASET_ERROR_STRUCTURE, "*: /features/0/geometry/type: unknown geometry type “Polygonn”*" },
  { "not-feature.geojson", HEADER "{\"type\":\"Polygon\",\"coordinates\":[]}]}",
    FRONTLINE_DATASET_ERROR_STRUCTURE, "*: /features/0: expected an object with \"type\": \"Feature\"*" },
  { "no-faction.geojson", HEADER "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" UNIT_SQUARE "}}]}",
    FRONTLINE_DATASET_ERROR_STRUCTURE, "*: /features/0: area has no \"faction\" property (feature 0)" },
  { "quote-source.geojson",
    "{\"type\":\"FeatureCollection\",\"frontline\":{\"sources\":[{\"id\":\"s1\"}],\"quotes\":[{\"text\":\"We hold.\",\"speaker\":\"A\",\"date\":\"2024-08-07\",\"source\":\"s9\"}]},\"features\":[" AREA ("2024-08-06", "ua", UNIT_SQUARE) "]}",
    FRONTLINE_DATASET_ERROR_INVALID, "*: /frontline/quotes/0: quote cites source “s9”, which the dataset does not list" },
  { "no-areas.geojson", "{\"type\":\"FeatureCollection\",\"features\":[]}",
    FRONTLINE_DATASET_ERROR_EMPTY, "*no-areas.geojson: no control areas*" },
};

static void
test_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      const ErrorCase *c = &error_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(FrontlineDataset) dataset = load (c->name, c->contents, &error);

      g_test_message ("%s: %s", c->name, error ? error->message : "(no error)");
      g_assert_null (dataset);
      g_assert_error (error, FRONTLINE_DATASET_ERROR, c->code);
      if (!g_pattern_match_simple (c->pattern, error->message))
        g_error ("%s: “%s” does not match “%s”", c->name, error->message, c->pattern);
    }
}

static void
test_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/frontline.geojson");
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);

  g_assert_null (dataset);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "/nonexistent/frontline.geojson"));
}

/* Warnings: the data loads, and each problem is listed with its place. */

static void
assert_warning (FrontlineDataset *dataset,
                const char       *location,
                const char       *pattern)
{
  GPtrArray *diagnostics = frontline_dataset_get_diagnostics (dataset);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      FrontlineDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (g_str_equal (d->location, location) && g_pattern_match_simple (pattern, d->message))
        return;
    }

  for (guint i = 0; i < diagnostics->len; i++)
    {
      FrontlineDiagnostic *d = g_ptr_array_index (diagnostics, i);

      g_test_message ("warning: %s: %s", d->location, d->message);
    }
  g_error ("no warning at %s matching “%s”", location, pattern);
}

static void
test_warnings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(FrontlineArea) repaired = NULL;

  dataset = load ("warnings.geojson",
                  "{\"type\":\"FeatureCollection\",\"frontline\":{\"version\":1,"
                  "\"factions\":[{\"id\":\"ua\",\"name\":\"Ukraine\",\"color\":\"blue\"}],"
                  "\"sources\":[{\"id\":\"s1\"}],"
                  "\"quotes\":[{\"id\":\"q1\",\"text\":\"Undated.\",\"speaker\":\"A\",\"source\":\"s1\"}]},"
                  "\"features\":["
                  AREA ("2024-08-06", "ua", "[[[35,51],[36,51],[36,52],[35,52]]]") ","
                  AREA ("2024-08-07", "ru", UNIT_SQUARE) ","
                  AREA ("2024-08-08", "ua", "[[[35,51],[36,52],[36,51],[35,52],[35,51]]]") ","
                  "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-09\",\"faction\":\"ua\",\"status\":\"rumoured\"},"
                  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" UNIT_SQUARE "}},"
                  "{\"type\":\"Feature\",\"properties\":{\"name\":\"a road\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[35,51],[36,52]]}},"
                  "{\"type\":\"Feature\",\"properties\":{},\"geometry\":null}"
                  "]}",
                  &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);

  assert_warning (dataset, "/frontline/factions/0", "colour “blue” is not #rrggbb*");
  assert_warning (dataset, "/frontline/quotes/0", "quote has no date*");
  assert_warning (dataset, "/features/0/geometry/coordinates/0", "ring is not closed; closed it (feature 0)");
  assert_warning (dataset, "/features/1", "unknown faction “ru”; given a colour of its own (feature 1)");
  assert_warning (dataset, "/features/2/geometry", "invalid polygon (Self-intersection*); repaired (feature 2)");
  assert_warning (dataset, "/features/3", "unknown status “rumoured”*");
  assert_warning (dataset, "/features/4", "LineString features are not shown*");
  assert_warning (dataset, "/features/5", "has no geometry*");

  /* The bow tie is repaired into its two triangles, each half a cell. */
  repaired = g_list_model_get_item (frontline_dataset_get_areas (dataset), 2);
  g_assert_cmpuint (frontline_area_get_geometry (repaired)->n_polygons, ==, 2);
  g_assert_cmpfloat (frontline_area_get_area_km2 (repaired), >, 0.0);

  /* An unknown faction still gets a colour, distinct from the others. */
  g_assert_nonnull (frontline_dataset_lookup_faction (dataset, "ru"));
  g_assert_cmpstr (frontline_faction_get_color (frontline_dataset_lookup_faction (dataset, "ru")), !=,
                   frontline_faction_get_color (frontline_dataset_lookup_faction (dataset, "ua")));
}

/* Areas against known values, to 0.01 %. */

static double
area_of (const char *coords)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(FrontlineArea) area = NULL;
  g_autofree char *contents = NULL;

  contents = g_strdup_printf (HEADER "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"ua\"},"
                              "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":%s}}]}", coords);
  dataset = load ("area.geojson", contents, &error);
  g_assert_no_error (error);
  area = g_list_model_get_item (frontline_dataset_get_areas (dataset), 0);
  return frontline_area_get_area_km2 (area);
}

static void
assert_close (double actual,
              double expected)
{
  if (fabs (actual - expected) > expected * 1e-4)
    g_error ("%.6f km² is not %.6f km² to 0.01 %%", actual, expected);
}

static void
test_areas (void)
{
  /* Reference areas of cells on the WGS 84 ellipsoid from the closed form
   * for the band between two parallels, A = a²/2 Δλ [q(φ2) - q(φ1)] with
   * q(φ) = (1 - e²) [sin φ / (1 - e² sin² φ) - ln ((1 - e sin φ) / (1 + e sin φ)) / 2e],
   * computed apart from PROJ. A cell's edges along parallels are geodesics,
   * which bulge from the parallel by far less than 0.01 % of these areas. */
  assert_close (area_of ("[[[0,0],[1,0],[1,1],[0,1],[0,0]]]"), 12308.464);
  assert_close (area_of ("[[[35,51],[36,51],[36,52],[35,52],[35,51]]]"), 7725.700);
  /* Orientation does not matter. */
  assert_close (area_of ("[[[35,51],[35,52],[36,52],[36,51],[35,51]]]"), 7725.700);
  /* A hole: the cell at 51° N less a quarter-degree cell inside it. */
  assert_close (area_of ("[[[35,51],[36,51],[36,52],[35,52],[35,51]],"
                         "[[35.25,51.25],[35.25,51.5],[35.5,51.5],[35.5,51.25],[35.25,51.25]]]"),
                7725.700 - 484.172);
}

/* Timeline semantics */

static FrontlineDay
day (const char *text)
{
  FrontlineDay d = FRONTLINE_DAY_NONE;

  g_assert_true (frontline_day_parse (text, &d));
  return d;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static char *
describe_state (FrontlineDataset *dataset,
                const char       *date)
{
  g_autoptr(GPtrArray) state = frontline_dataset_get_state_at (dataset, day (date));
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < state->len; i++)
    {
      FrontlineArea *area = g_ptr_array_index (state, i);
      g_autofree char *d = frontline_day_format (frontline_area_get_day (area));

      g_ptr_array_add (parts, g_strdup_printf ("%s/%s@%s",
                                               frontline_faction_get_id (frontline_area_get_faction (area)),
                                               frontline_status_to_string (frontline_area_get_status (area)),
                                               d));
    }
  g_ptr_array_sort (parts, compare_strings);
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" ", (char **) parts->pdata);
}

#define STATUS_AREA(date, faction, status, extra) \
  "{\"type\":\"Feature\",\"properties\":{\"date\":\"" date "\",\"faction\":\"" faction "\"," \
  "\"status\":\"" status "\"" extra "},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" UNIT_SQUARE "}}"

static void
test_timeline (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  const FrontlineDay *days;
  guint n_days = 0;
  char *s;

  dataset = load ("timeline.geojson",
                  HEADER
                  STATUS_AREA ("2024-08-06", "ua", "controlled", "") ","
                  STATUS_AREA ("2024-08-10", "ua", "controlled", "") ","
                  STATUS_AREA ("2024-08-08", "ua", "claimed", ",\"valid_until\":\"2024-08-12\"") ","
                  STATUS_AREA ("2024-08-20", "ru", "contested", "")
                  "]}", &error);
  g_assert_no_error (error);

  days = frontline_dataset_get_days (dataset, &n_days);
  g_assert_cmpuint (n_days, ==, 4);
  g_assert_cmpuint (days[0], ==, day ("2024-08-06"));
  g_assert_cmpuint (days[1], ==, day ("2024-08-08"));
  g_assert_cmpuint (days[2], ==, day ("2024-08-10"));
  g_assert_cmpuint (days[3], ==, day ("2024-08-20"));
  g_assert_cmpuint (frontline_dataset_get_first_day (dataset), ==, day ("2024-08-06"));
  g_assert_cmpuint (frontline_dataset_get_last_day (dataset), ==, day ("2024-08-20"));

  /* Before the first date nothing is shown. */
  s = describe_state (dataset, "2024-08-01");
  g_assert_cmpstr (s, ==, "");
  g_free (s);
  /* On a data day, and in the gaps between, the latest feature of each layer. */
  s = describe_state (dataset, "2024-08-06");
  g_assert_cmpstr (s, ==, "ua/controlled@2024-08-06");
  g_free (s);
  s = describe_state (dataset, "2024-08-09");
  g_assert_cmpstr (s, ==, "ua/claimed@2024-08-08 ua/controlled@2024-08-06");
  g_free (s);
  s = describe_state (dataset, "2024-08-12");
  g_assert_cmpstr (s, ==, "ua/claimed@2024-08-08 ua/controlled@2024-08-10");
  g_free (s);
  /* valid_until is the last day a feature holds. */
  s = describe_state (dataset, "2024-08-13");
  g_assert_cmpstr (s, ==, "ua/controlled@2024-08-10");
  g_free (s);
  s = describe_state (dataset, "2030-01-01");
  g_assert_cmpstr (s, ==, "ru/contested@2024-08-20 ua/controlled@2024-08-10");
  g_free (s);

  /* Previous and next data days, from any day. */
  g_assert_cmpuint (frontline_dataset_get_previous_day (dataset, day ("2024-08-06")), ==, FRONTLINE_DAY_NONE);
  g_assert_cmpuint (frontline_dataset_get_previous_day (dataset, day ("2024-08-09")), ==, day ("2024-08-08"));
  g_assert_cmpuint (frontline_dataset_get_previous_day (dataset, day ("2024-08-10")), ==, day ("2024-08-08"));
  g_assert_cmpuint (frontline_dataset_get_next_day (dataset, day ("2024-08-01")), ==, day ("2024-08-06"));
  g_assert_cmpuint (frontline_dataset_get_next_day (dataset, day ("2024-08-10")), ==, day ("2024-08-20"));
  g_assert_cmpuint (frontline_dataset_get_next_day (dataset, day ("2024-08-20")), ==, FRONTLINE_DAY_NONE);
  g_assert_cmpuint (frontline_dataset_get_data_day_for (dataset, day ("2024-08-15")), ==, day ("2024-08-10"));
  g_assert_cmpuint (frontline_dataset_get_data_day_for (dataset, day ("2024-08-01")), ==, FRONTLINE_DAY_NONE);
}

static void
test_days (void)
{
  FrontlineDay d;
  g_autofree char *text = NULL;

  g_assert_true (frontline_day_parse ("2024-02-29", &d));
  text = frontline_day_format (d);
  g_assert_cmpstr (text, ==, "2024-02-29");
  g_assert_false (frontline_day_parse ("2023-02-29", &d));
  g_assert_false (frontline_day_parse ("2024-13-01", &d));
  g_assert_false (frontline_day_parse ("2024-8-06", &d));
  g_assert_false (frontline_day_parse ("2024-08-06T00:00:00Z", &d));
  g_assert_false (frontline_day_parse ("", &d));

  g_assert_true (frontline_day_find_in_string ("deepstate-2024-08-14.geojson", &d));
  g_assert_cmpuint (d, ==, day ("2024-08-14"));
  g_assert_false (frontline_day_find_in_string ("12024-08-14.geojson", &d));
  g_assert_false (frontline_day_find_in_string ("map.geojson", &d));
}

/* Geometry: gains and losses, points, simplification, stats */

static void
test_geometry_queries (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(FrontlineGeometry) gained = NULL;
  g_autoptr(FrontlineGeometry) lost = NULL;
  g_autoptr(FrontlineArea) at_point = NULL;
  g_autoptr(FrontlineArea) in_hole = NULL;
  g_autoptr(FrontlineArea) first = NULL;
  g_autoptr(FrontlineGeometry) simple = NULL;
  g_autofree char *csv = NULL;
  FrontlineFaction *ua;
  double bbox[4];

  /* Ukraine holds 35-36 E on the 6th with a hole, then 35.5-36.5 E on the 10th. */
  dataset = load ("compare.geojson",
                  HEADER
                  AREA ("2024-08-06", "ua", "[[[35,51],[36,51],[36,52],[35,52],[35,51]],"
                        "[[35.25,51.25],[35.25,51.5],[35.5,51.5],[35.5,51.25],[35.25,51.25]]]") ","
                  AREA ("2024-08-10", "ua", "[[[35.5,51],[36.5,51],[36.5,52],[35.5,52],[35.5,51]]]")
                  "]}", &error);
  g_assert_no_error (error);
  ua = frontline_dataset_lookup_faction (dataset, "ua");

  frontline_dataset_compare (dataset, ua, FRONTLINE_STATUS_CONTROLLED,
                             day ("2024-08-06"), day ("2024-08-10"), &gained, &lost);
  /* Gained: the half-degree strip east of 36 E. Lost: the western half less the hole. */
  /* To 0.1 %, against the closed form for bands between parallels. */
  g_assert_cmpfloat_with_epsilon (frontline_geometry_area_m2 (gained) / 1e6, 7725.700 / 2, 7725.700 / 2 * 1e-3);
  g_assert_cmpfloat_with_epsilon (frontline_geometry_area_m2 (lost) / 1e6, 7725.700 / 2 - 484.172,
                                  (7725.700 / 2 - 484.172) * 1e-3);

  /* Who holds a point, and a hole holds nobody. */
  at_point = frontline_dataset_get_area_at_point (dataset, day ("2024-08-07"), 35.1, 51.1);
  g_assert_nonnull (at_point);
  g_assert_true (frontline_area_get_faction (at_point) == ua);
  in_hole = frontline_dataset_get_area_at_point (dataset, day ("2024-08-07"), 35.4, 51.4);
  g_assert_null (in_hole);
  g_assert_null (frontline_dataset_get_area_at_point (dataset, day ("2024-08-01"), 35.1, 51.1));

  g_assert_true (frontline_dataset_get_bbox (dataset, bbox));
  g_assert_cmpfloat (bbox[0], ==, 35.0);
  g_assert_cmpfloat (bbox[2], ==, 36.5);

  /* Simplified copies keep the hole. */
  first = g_list_model_get_item (frontline_dataset_get_areas (dataset), 0);
  simple = frontline_area_get_geometry_for_zoom (first, 4);
  g_assert_cmpuint (simple->n_rings, ==, 2);

  csv = frontline_dataset_format_stats_csv (dataset);
  g_assert_cmpstr (csv, ==,
                   "date,faction,status,area_km2\n"
                   "2024-08-06,ua,controlled,7241.365\n"
                   "2024-08-10,ua,controlled,7725.536\n");
}

/* Plain GeoJSON and folders of dated files */

static void
test_plain_geojson (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  FrontlineFaction *a;
  FrontlineFaction *b;

  dataset = load ("plain.geojson",
                  "{\"type\":\"FeatureCollection\",\"features\":["
                  "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"A\",\"fill\":\"#A52714\"},"
                  "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[" UNIT_SQUARE "]}},"
                  "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"B\"},"
                  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[36,51],[37,51],[37,52],[36,52],[36,51]]]}}"
                  "]}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (frontline_dataset_get_diagnostics (dataset)->len, ==, 0);
  g_assert_cmpstr (frontline_dataset_get_title (dataset), ==, "plain.geojson");

  a = frontline_dataset_lookup_faction (dataset, "A");
  b = frontline_dataset_lookup_faction (dataset, "B");
  g_assert_cmpstr (frontline_faction_get_name (a), ==, "A");
  /* simplestyle fill where there is one, else the colour-blind-safe palette. */
  g_assert_cmpstr (frontline_faction_get_color (a), ==, "#a52714");
  g_assert_cmpstr (frontline_faction_get_color (b), ==, "#0072b2");
}

static void
test_folder (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "archive", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  const char *file_a = "{\"type\":\"FeatureCollection\",\"features\":["
                       "{\"type\":\"Feature\",\"properties\":{\"fill\":\"#a52714\"},"
                       "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" UNIT_SQUARE "}}]}";
  const char *file_b = "{\"type\":\"FeatureCollection\",\"features\":["
                       "{\"type\":\"Feature\",\"properties\":{\"faction\":\"ru\"},"
                       "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" UNIT_SQUARE "}}]}";
  g_autofree char *path_a = g_build_filename (dir, "deepstate-2024-08-14.geojson", NULL);
  g_autofree char *path_b = g_build_filename (dir, "2024-08-10.json", NULL);
  g_autofree char *path_c = g_build_filename (dir, "README.txt", NULL);
  const FrontlineDay *days;
  guint n_days;

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path_a, file_a, -1, NULL));
  g_assert_true (g_file_set_contents (path_b, file_b, -1, NULL));
  g_assert_true (g_file_set_contents (path_c, "not a dataset", -1, NULL));

  dataset = frontline_dataset_load (folder, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  days = frontline_dataset_get_days (dataset, &n_days);
  g_assert_cmpuint (n_days, ==, 2);
  g_assert_cmpuint (days[0], ==, day ("2024-08-10"));
  g_assert_cmpuint (days[1], ==, day ("2024-08-14"));
  g_assert_nonnull (frontline_dataset_lookup_faction (dataset, "ru"));
  g_assert_nonnull (frontline_dataset_lookup_faction (dataset, "#a52714"));
  g_assert_cmpstr (frontline_dataset_get_title (dataset), ==, "archive");
}

/* Saving keeps what Frontline does not know */

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) first = NULL;
  g_autoptr(FrontlineDataset) second = NULL;
  g_autoptr(GFile) out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out_path = g_build_filename (g_get_user_cache_dir (), "saved.geojson", NULL);
  JsonObject *root;
  JsonObject *feature;
  JsonObject *props;

  first = load ("round-trip.geojson",
                "{\"type\":\"FeatureCollection\",\"name\":\"kept\","
                "\"frontline\":{\"version\":1,\"title\":\"Round trip\",\"future_member\":[1,2,3],"
                "\"factions\":[{\"id\":\"ua\",\"name\":\"Ukraine\",\"color\":\"#0057b7\",\"x\":true}]},"
                "\"features\":["
                "{\"type\":\"Feature\",\"id\":\"f1\",\"bbox\":[35,51,36,52],"
                "\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"ua\",\"approximate\":true,\"custom\":{\"a\":[1.5]}},"
                "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35.123456789012,51],[36,51],[36,52.0000001],[35.123456789012,51]]]}},"
                "{\"type\":\"Feature\",\"properties\":{\"name\":\"road\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[35,51],[36,52]]}}"
                "]}", &error);
  g_assert_no_error (error);

  out = g_file_new_for_path (out_path);
  g_assert_true (frontline_dataset_save (first, out, NULL, &error));
  g_assert_no_error (error);

  second = frontline_dataset_load (out, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Same areas, to the last bit of every coordinate. */
  {
    g_autoptr(FrontlineArea) a = g_list_model_get_item (frontline_dataset_get_areas (first), 0);
    g_autoptr(FrontlineArea) b = g_list_model_get_item (frontline_dataset_get_areas (second), 0);
    FrontlineGeometry *ga = frontline_area_get_geometry (a);
    FrontlineGeometry *gb = frontline_area_get_geometry (b);

    g_assert_cmpuint (ga->n_points, ==, gb->n_points);
    g_assert_cmpmem (ga->coords, ga->n_points * 2 * sizeof (double),
                     gb->coords, gb->n_points * 2 * sizeof (double));
    g_assert_cmpuint (frontline_area_get_day (a), ==, frontline_area_get_day (b));
    g_assert_true (frontline_area_get_approximate (b));
    g_assert_cmpstr (frontline_area_get_id (b), ==, "f1");
  }

  /* Unknown members survive, at the root, in "frontline", in features and
   * their properties, and features Frontline does not show. */
  g_assert_true (json_parser_load_from_file (parser, out_path, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, "kept");
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (
                     json_object_get_object_member (root, "frontline"), "future_member")), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "features")), ==, 2);
  feature = json_array_get_object_element (json_object_get_array_member (root, "features"), 0);
  g_assert_true (json_object_has_member (feature, "bbox"));
  props = json_object_get_object_member (feature, "properties");
  g_assert_cmpfloat (json_array_get_double_element (json_object_get_array_member (
                       json_object_get_object_member (props, "custom"), "a"), 0), ==, 1.5);
  feature = json_array_get_object_element (json_object_get_array_member (root, "features"), 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (feature, "geometry"), "type"),
                   ==, "LineString");
}

/* Large areas take the loader's fast way through their coordinates text;
 * it must give what json-glib gives, errors included. */

static char *
circle_feature (guint       n,
                guint       bad_position,
                const char *bad_text)
{
  GString *json = g_string_new (HEADER "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"ua\"},"
                                "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[[[");

  for (guint i = 0; i <= n; i++)
    {
      double angle = 2 * G_PI * (i % n) / n;
      char lon[G_ASCII_DTOSTR_BUF_SIZE];
      char lat[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (lon, sizeof lon, "%.6f", 35.5 + 0.5 * cos (angle));
      g_ascii_formatd (lat, sizeof lat, "%.6f", 51.5 + 0.3 * sin (angle));
      if (i > 0)
        g_string_append (json, ", ");
      if (i == bad_position)
        g_string_append (json, bad_text);
      else
        g_string_append_printf (json, "[%s,%s]", lon, lat);
    }
  g_string_append (json, "]]]}}]}");

  return g_string_free (json, FALSE);
}

static void
test_large_areas (void)
{
  g_autofree char *good = circle_feature (1000, G_MAXUINT, NULL);
  g_autofree char *exponent = circle_feature (1000, 0, "[3.55e1, 0.515E2]");
  g_autofree char *latitude = circle_feature (1000, 300, "[35.5, 95.25]");
  g_autofree char *broken = circle_feature (1000, 300, "[35.5, 51.5,]");
  g_autofree char *string = circle_feature (1000, 300, "[\"35.5\", 51.5]");
  g_autoptr(FrontlineDataset) a = NULL;
  g_autoptr(FrontlineDataset) b = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (strlen (good), >, 8192);

  a = load ("large.geojson", good, &error);
  g_assert_no_error (error);
  {
    g_autoptr(FrontlineArea) area = g_list_model_get_item (frontline_dataset_get_areas (a), 0);
    char expected[G_ASCII_DTOSTR_BUF_SIZE];

    g_assert_cmpuint (frontline_area_get_geometry (area)->n_points, ==, 1001);

    /* The second position, to the last bit, as strtod reads its text. */
    g_ascii_formatd (expected, sizeof expected, "%.6f", 35.5 + 0.5 * cos (2 * G_PI / 1000));
    g_assert_cmpfloat (frontline_area_get_geometry (area)->coords[2], ==, g_ascii_strtod (expected, NULL));
  }

  /* Exponents are JSON numbers too; the ring is not closed any more. */
  b = load ("exponent.geojson", exponent, &error);
  g_assert_no_error (error);
  {
    g_autoptr(FrontlineArea) area = g_list_model_get_item (frontline_dataset_get_areas (b), 0);

    g_assert_cmpfloat (frontline_area_get_geometry (area)->coords[0], ==, 35.5);
    g_assert_cmpfloat (frontline_area_get_geometry (area)->coords[1], ==, 51.5);
  }

  g_assert_null (load ("latitude-large.geojson", latitude, &error));
  g_assert_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_INVALID);
  g_assert_true (g_str_has_suffix (error->message,
                                   "latitude-large.geojson: /features/0/geometry/coordinates/0/0: "
                                   "position 300 has latitude 95.25, beyond ±90 (feature 0); are longitude and latitude swapped?"));
  g_clear_error (&error);

  /* Not JSON: json-glib has the last word, with the line and column. */
  g_assert_null (load ("broken-large.geojson", broken, &error));
  g_assert_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_SYNTAX);
  g_assert_true (strstr (error->message, "broken-large.geojson:1:") != NULL);
  g_clear_error (&error);

  /* JSON, but not a position: the structure error from json-glib's nodes. */
  g_assert_null (load ("string-large.geojson", string, &error));
  g_assert_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_STRUCTURE);
  g_assert_true (g_str_has_suffix (error->message, "/features/0/geometry/coordinates/0/0: position 300 is not [longitude, latitude] (feature 0)"));
}

static void
test_documented_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "examples", "example.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  g_autoptr(FrontlineQuote) quote = NULL;
  g_autoptr(FrontlineStop) stop = NULL;
  double view[4];

  g_assert_no_error (error);
  g_assert_cmpuint (frontline_dataset_get_diagnostics (dataset)->len, ==, 0);
  g_assert_true (frontline_dataset_get_approximate (dataset));
  g_assert_cmpuint (g_list_model_get_n_items (frontline_dataset_get_places (dataset)), ==, 1);

  quote = g_list_model_get_item (frontline_dataset_get_quotes (dataset), 0);
  g_assert_cmpstr (frontline_quote_get_text (quote), ==, "We are across the river and holding.");
  g_assert_cmpstr (frontline_source_get_publisher (frontline_dataset_lookup_source (dataset, frontline_quote_get_source_id (quote))),
                   ==, "Example News");

  stop = g_list_model_get_item (frontline_dataset_get_stops (dataset), 1);
  g_assert_cmpstr (frontline_stop_get_title (stop), ==, "The bridgehead");

  /* The claimed area holds until its valid_until, then Orange shows nothing. */
  {
    g_autoptr(FrontlineArea) claimed = frontline_dataset_get_area_at_point (dataset, day ("2024-08-09"), 35.7, 51.4);

    /* Blue's control wins over Orange's claim where both are drawn. */
    g_assert_nonnull (claimed);
    g_assert_cmpstr (frontline_faction_get_id (frontline_area_get_faction (claimed)), ==, "blue");
  }
  {
    g_autoptr(FrontlineArea) later = frontline_dataset_get_area_at_point (dataset, day ("2024-08-10"), 35.7, 51.4);

    g_assert_nonnull (later);
    g_assert_cmpstr (frontline_faction_get_id (frontline_area_get_faction (later)), ==, "blue");
  }

  g_assert_true (frontline_dataset_get_default_view (dataset, view));
  g_assert_cmpfloat (view[0], ==, 35.5);
  g_assert_cmpfloat (view[1], ==, 51.5);
  g_assert_cmpfloat (view[2], ==, 8);
}

static void
test_stops_round_trip (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "examples", "example.geojson", NULL);
  g_autofree char *out_path = g_build_filename (g_get_user_cache_dir (), "with-stop.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) first = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  g_autoptr(FrontlineDataset) second = NULL;
  g_autoptr(FrontlineStop) added = frontline_stop_new ("The morning after", day ("2024-08-07"), 35.4, 51.6, 9.5);
  g_autoptr(FrontlineStop) kept = NULL;
  g_autoptr(FrontlineStop) again = NULL;
  double view[5];

  g_assert_no_error (error);
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  frontline_stop_set_caption (added, "Blue digs in <east> & waits.");
  frontline_dataset_add_stop (first, added);
  g_assert_true (frontline_dataset_save (first, out, NULL, &error));
  g_assert_no_error (error);

  second = frontline_dataset_load (out, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (frontline_dataset_get_diagnostics (second)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (frontline_dataset_get_stops (second)), ==, 3);

  /* The new stop, with its date, view and caption. */
  again = g_list_model_get_item (frontline_dataset_get_stops (second), 2);
  g_assert_cmpstr (frontline_stop_get_title (again), ==, "The morning after");
  g_assert_cmpstr (frontline_stop_get_caption (again), ==, "Blue digs in <east> & waits.");
  g_assert_cmpuint (frontline_stop_get_day (again), ==, day ("2024-08-07"));
  g_assert_true (frontline_stop_get_view (again, view));
  g_assert_cmpfloat (view[0], ==, 35.4);
  g_assert_cmpfloat (view[2], ==, 9.5);

  /* The stops that were there, as they were: box view, quotes, comparison. */
  kept = g_list_model_get_item (frontline_dataset_get_stops (second), 1);
  g_assert_cmpstr (frontline_stop_get_title (kept), ==, "The bridgehead");
  g_assert_cmpstr (frontline_stop_get_quote_ids (kept)[0], ==, "q1");
  g_assert_cmpuint (frontline_stop_get_compare_day (kept), ==, day ("2024-08-06"));

  /* Everything else means the same. */
  g_assert_cmpuint (g_list_model_get_n_items (frontline_dataset_get_areas (second)), ==,
                    g_list_model_get_n_items (frontline_dataset_get_areas (first)));
  g_assert_cmpuint (g_list_model_get_n_items (frontline_dataset_get_quotes (second)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (frontline_dataset_get_places (second)), ==, 1);
  g_assert_cmpstr (frontline_dataset_get_title (second), ==, frontline_dataset_get_title (first));

  /* Moving and removing stops. */
  frontline_dataset_move_stop (second, 2, 0);
  g_clear_object (&kept);
  kept = g_list_model_get_item (frontline_dataset_get_stops (second), 0);
  g_assert_cmpstr (frontline_stop_get_title (kept), ==, "The morning after");
  frontline_dataset_remove_stop (second, 0);
  g_assert_cmpuint (g_list_model_get_n_items (frontline_dataset_get_stops (second)), ==, 2);
}

static void
test_handout (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "examples", "example.geojson", NULL);
  g_autofree char *out_path = g_build_filename (g_get_user_cache_dir (), "handout.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint pages = 0;

  g_assert_no_error (error);
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_assert_true (frontline_handout_write (dataset, out, FALSE, NULL, &error));
  g_assert_no_error (error);

  /* One page per stop. */
  g_assert_true (g_file_get_contents (out_path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  /* The file has binary streams: search bytes, not a string. */
  for (gsize i = 0; i + 12 < length; i++)
    if (memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's')
      pages++;
  g_assert_cmpuint (pages, ==, 2);

  /* Not replaced without asking. */
  g_assert_false (frontline_handout_write (dataset, out, FALSE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
}

/* Hardening: whatever the file holds, a clear error and no crash. */

static void
assert_load_fails (const char *name,
                   const char *contents,
                   gsize       length,
                   int         code,
                   const char *pattern)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "fixtures", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, FRONTLINE_DATASET_ERROR, code);
  if (!g_pattern_match_simple (pattern, error->message))
    g_error ("%s: “%s” does not match “%s”", name, error->message, pattern);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;
  FrontlineDataset *dataset = frontline_dataset_load_finish (result, error);

  g_assert_null (dataset);
  g_assert_nonnull (*error);
}

/* Loads @file in a worker thread and returns the error. */
static GError *
load_async_error (GFile *file)
{
  GError *error = NULL;

  frontline_dataset_load_async (file, NULL, NULL, NULL, on_loaded, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);

  return error;
}

static void
test_blank_files (void)
{
  static const struct {
    const char *name;
    const char *contents;
  } cases[] = {
    { "space.geojson", " " },
    { "newline.geojson", "\n" },
    { "bom.geojson", "\xEF\xBB\xBF" },
    { "bom-spaces.geojson", "\xEF\xBB\xBF   \r\n\t" },
  };
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "blank-folder", NULL);
  g_autofree char *path = g_build_filename (dir, "2024-01-01.geojson", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *pattern = g_strdup_printf ("*%s: the file holds no JSON value", cases[i].name);
      g_autoptr(GFile) file = fixture (cases[i].name, cases[i].contents);
      g_autoptr(GError) async_error = NULL;

      assert_load_fails (cases[i].name, cases[i].contents, strlen (cases[i].contents),
                         FRONTLINE_DATASET_ERROR_SYNTAX, pattern);

      /* In a worker thread, as the window loads. */
      async_error = load_async_error (file);
      g_assert_error (async_error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_SYNTAX);
      g_assert_true (g_pattern_match_simple (pattern, async_error->message));
    }

  /* A folder holding one. */
  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, " \n", -1, NULL));
  dataset = frontline_dataset_load (folder, NULL, NULL, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_SYNTAX);
  g_assert_true (g_pattern_match_simple ("*2024-01-01.geojson: the file holds no JSON value",
                                         error->message));
  g_clear_error (&error);
  error = load_async_error (folder);
  g_assert_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_SYNTAX);
}

static char *
repeat (const char *text,
        guint       times)
{
  GString *s = g_string_sized_new (strlen (text) * times);

  for (guint i = 0; i < times; i++)
    g_string_append (s, text);

  return g_string_free (s, FALSE);
}

static void
test_deep_nesting (void)
{
  g_autofree char *brackets = repeat ("[", 100000);
  g_autofree char *objects = repeat ("{\"a\":", 50000);
  g_autofree char *top = g_strdup (brackets);
  g_autofree char *top_objects = g_strdup (objects);
  g_autofree char *in_frontline = g_strconcat ("{\"type\":\"FeatureCollection\",\"frontline\":{\"x\":",
                                               brackets, NULL);
  g_autofree char *in_frontline_closed = NULL;
  g_autofree char *in_feature = g_strconcat (HEADER AREA ("2024-08-06", "ua", UNIT_SQUARE) ",\n"
                                             "{\"type\":\"Feature\",\"properties\":", objects, NULL);
  g_autofree char *in_coordinates = g_strconcat (HEADER "\n{\"type\":\"Feature\",\"properties\":{},"
                                                 "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":",
                                                 brackets, NULL);
  g_autofree char *closing = repeat ("]", 100000);
  g_autofree char *in_frontline_features = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  /* Closed, so only the depth is wrong. */
  in_frontline_closed = g_strconcat ("{\"type\":\"FeatureCollection\",\"frontline\":{\"x\":",
                                     brackets, closing, "},\"features\":[" AREA ("2024-08-06", "ua", UNIT_SQUARE) "]}",
                                     NULL);
  in_frontline_features = g_strconcat (HEADER AREA ("2024-08-06", "ua", UNIT_SQUARE) ",\n"
                                       "{\"type\":\"Feature\",\"properties\":{\"a\":", brackets, closing,
                                       "},\"geometry\":null}]}", NULL);

  assert_load_fails ("deep-top.geojson", top, strlen (top), FRONTLINE_DATASET_ERROR_SYNTAX,
                     "*deep-top.geojson:1:257: Parse error: nesting deeper than 256 levels");
  assert_load_fails ("deep-top-objects.geojson", top_objects, strlen (top_objects),
                     FRONTLINE_DATASET_ERROR_SYNTAX,
                     "*deep-top-objects.geojson:1:*: Parse error: nesting deeper than 256 levels");
  assert_load_fails ("deep-frontline.geojson", in_frontline, strlen (in_frontline),
                     FRONTLINE_DATASET_ERROR_SYNTAX,
                     "*deep-frontline.geojson:1:*: Parse error: nesting deeper than 256 levels");
  assert_load_fails ("deep-frontline-closed.geojson", in_frontline_closed, strlen (in_frontline_closed),
                     FRONTLINE_DATASET_ERROR_SYNTAX,
                     "*deep-frontline-closed.geojson:1:*: Parse error: nesting deeper than 256 levels");
  assert_load_fails ("deep-feature.geojson", in_feature, strlen (in_feature),
                     FRONTLINE_DATASET_ERROR_SYNTAX,
                     "*deep-feature.geojson:2:*: Parse error: nesting deeper than 256 levels");
  assert_load_fails ("deep-feature-closed.geojson", in_frontline_features,
                     strlen (in_frontline_features), FRONTLINE_DATASET_ERROR_SYNTAX,
                     "*deep-feature-closed.geojson:2:*: Parse error: nesting deeper than 256 levels");
  assert_load_fails ("deep-coordinates.geojson", in_coordinates, strlen (in_coordinates),
                     FRONTLINE_DATASET_ERROR_SYNTAX,
                     "*deep-coordinates.geojson:2:*: Parse error: nesting deeper than 256 levels");

  /* In a worker thread, whose stack is smaller. */
  file = fixture ("deep-async.geojson", in_frontline_features);
  error = load_async_error (file);
  g_assert_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "nesting deeper than 256 levels"));
}

static void
test_strict_json (void)
{
  static const struct {
    const char *name;
    const char *contents;
    const char *pattern;
  } cases[] = {
    { "trailing-comma.geojson", HEADER AREA ("2024-08-06", "ua", UNIT_SQUARE) ",\n]}",
      "*trailing-comma.geojson:2:1: Parse error: a comma before ‘]’" },
    { "comma-first.geojson", HEADER "\n,]}", "*comma-first.geojson:2:1: Parse error: expected a value" },
    { "bracket-comma.geojson", "[,", "*bracket-comma.geojson:1:2: Parse error: expected a value" },
    { "brace-comma.geojson", "{,}", "*brace-comma.geojson:1:2: Parse error: expected a member name*" },
    { "member-comma.geojson", "{\"type\":\"FeatureCollection\",\"features\":[],}",
      "*member-comma.geojson:1:*: Parse error: a comma before ‘}’" },
    { "missing-comma.geojson", HEADER AREA ("2024-08-06", "ua", UNIT_SQUARE) "\n" AREA ("2024-08-06", "ua", UNIT_SQUARE) "]}",
      "*missing-comma.geojson:2:1: Parse error: expected ‘,’ or ‘]’" },
    { "comment.geojson", "/* a */ {\"type\":\"FeatureCollection\",\"features\":[]}",
      "*comment.geojson:1:1: Parse error: comments are not JSON" },
    { "comment-inside.geojson", HEADER "/* a */" AREA ("2024-08-06", "ua", UNIT_SQUARE) "]}",
      "*comment-inside.geojson:1:*: Parse error: *" },
    { "octal.geojson", HEADER AREA ("2024-08-06", "ua", "[[[35,51],[36,51],[36,052],[35,52],[35,51]]]") "]}",
      "*octal.geojson:1:*: Parse error: invalid number*" },
    { "hex.geojson", HEADER AREA ("2024-08-06", "ua", "[[[35,51],[36,51],[36,0x10],[35,52],[35,51]]]") "]}",
      "*hex.geojson:1:*: Parse error: invalid number*" },
    { "leading-dot.geojson", HEADER AREA ("2024-08-06", "ua", "[[[35,51],[36,51],[36,.5],[35,52],[35,51]]]") "]}",
      "*leading-dot.geojson:1:*: Parse error: unexpected character*" },
    { "single-quotes.geojson", "{'type':'FeatureCollection','features':[]}",
      "*single-quotes.geojson:1:2: Parse error: expected a member name*" },
    { "bare-word.geojson", HEADER AREA ("2024-08-06", "ua", "[[[35,51],[36,51],[36,nan],[35,52],[35,51]]]") "]}",
      "*bare-word.geojson:1:*: Parse error: unexpected character*" },
    { "latin1.geojson", "{\"type\":\"FeatureCollection\",\"title\":\"Kiev \xe9t\xe9\",\"features\":[]}",
      "*latin1.geojson:1:*: Parse error: invalid UTF-8 in a string" },
    { "control-char.geojson", "{\"type\":\"Feature\tCollection\",\"features\":[]}",
      "*control-char.geojson:1:*: Parse error: control character*" },
    /* json-glib turns lone surrogates into invalid UTF-8. */
    { "lone-low-surrogate.geojson", "{\"type\":\"FeatureCollection\",\"title\":\"a\\ude00\",\"features\":[]}",
      "*lone-low-surrogate.geojson:1:39: Parse error: a lone UTF-16 surrogate*" },
    { "lone-high-surrogate.geojson", "{\"type\":\"FeatureCollection\",\"title\":\"a\\ud83dx\",\"features\":[]}",
      "*lone-high-surrogate.geojson:1:39: Parse error: a lone UTF-16 surrogate*" },
    { "high-surrogate-at-end.geojson", "{\"type\":\"FeatureCollection\",\"title\":\"\\ud83d",
      "*high-surrogate-at-end.geojson:1:*: Parse error: *" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_load_fails (cases[i].name, cases[i].contents, strlen (cases[i].contents),
                       FRONTLINE_DATASET_ERROR_SYNTAX, cases[i].pattern);
}

/* A ring of @n points round (35, 50), as text; @spike adds a far point. */
static void
append_ring (GString *s,
             guint    n,
             double   radius)
{
  g_string_append (s, "[[");
  for (guint i = 0; i <= n; i++)
    {
      double a = 2 * G_PI * (i % n) / n;

      g_string_append_printf (s, "%s[%.6f,%.6f]", i ? "," : "", 35 + radius * cos (a),
                              50 + radius * sin (a));
    }
  g_string_append (s, "]]");
}

static void
test_infinite_numbers (void)
{
  const char *numbers[] = { "1e400", "-1e309", "1E999" };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    for (guint big = 0; big < 2; big++)
      {
        g_autoptr(GString) s = g_string_new (HEADER "{\"type\":\"Feature\",\"id\":\"inf\",\"properties\":"
                                             "{\"date\":\"2024-01-01\",\"faction\":\"ua\"},"
                                             "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
        g_autofree char *name = g_strdup_printf ("infinite-%u-%u.geojson", i, big);
        /* Big rings take the fast path, small ones json-glib's. */
        guint n = big ? 2000 : 4;

        for (guint k = 0; k < n; k++)
          g_string_append_printf (s, "[%.6f,%.6f],", 35 + 0.1 * cos (2 * G_PI * k / n),
                                  50 + 0.1 * sin (2 * G_PI * k / n));
        g_string_append_printf (s, "[%s,50],[35.1,50]]]}}]}", numbers[i]);

        assert_load_fails (name, s->str, s->len, FRONTLINE_DATASET_ERROR_INVALID,
                           "*: /features/0/geometry/coordinates/0: position * has a coordinate too large to be a number (feature 0 (id “inf”))");
      }
}

/* json-glib reads integers beyond 64 bits wrapped round (as -1): they are
 * read from the text, and are out of range. */
static void
test_long_integers (void)
{
  assert_load_fails ("long-integer.geojson",
                     HEADER AREA ("2024-08-06", "ua", "[[[35,51],[36,51],[99999999999999999999999,52],[35,52],[35,51]]]") "]}",
                     strlen (HEADER AREA ("2024-08-06", "ua", "[[[35,51],[36,51],[99999999999999999999999,52],[35,52],[35,51]]]") "]}"),
                     FRONTLINE_DATASET_ERROR_INVALID,
                     "*: /features/0/geometry/coordinates/0: position 2 has longitude 1e+23, beyond ±180 (feature 0)");
}

static void
assert_same_datasets (FrontlineDataset *a,
                      FrontlineDataset *b)
{
  GListModel *areas_a = frontline_dataset_get_areas (a);
  GListModel *areas_b = frontline_dataset_get_areas (b);
  guint n_days_a, n_days_b;
  const FrontlineDay *days_a = frontline_dataset_get_days (a, &n_days_a);
  const FrontlineDay *days_b = frontline_dataset_get_days (b, &n_days_b);

  g_assert_cmpuint (g_list_model_get_n_items (areas_a), ==, g_list_model_get_n_items (areas_b));
  g_assert_cmpuint (n_days_a, ==, n_days_b);
  g_assert_cmpmem (days_a, n_days_a * sizeof *days_a, days_b, n_days_b * sizeof *days_b);
  g_assert_cmpuint (frontline_dataset_get_diagnostics (a)->len, ==,
                    frontline_dataset_get_diagnostics (b)->len);

  for (guint i = 0; i < g_list_model_get_n_items (areas_a); i++)
    {
      g_autoptr(FrontlineArea) x = g_list_model_get_item (areas_a, i);
      g_autoptr(FrontlineArea) y = g_list_model_get_item (areas_b, i);
      FrontlineGeometry *gx = frontline_area_get_geometry (x);
      FrontlineGeometry *gy = frontline_area_get_geometry (y);

      g_assert_cmpuint (frontline_area_get_day (x), ==, frontline_area_get_day (y));
      g_assert_cmpuint (gx->n_polygons, ==, gy->n_polygons);
      g_assert_cmpuint (gx->n_rings, ==, gy->n_rings);
      g_assert_cmpuint (gx->n_points, ==, gy->n_points);
      g_assert_cmpmem (gx->coords, gx->n_points * 2 * sizeof (double),
                       gy->coords, gy->n_points * 2 * sizeof (double));
      g_assert_cmpfloat (frontline_area_get_area_km2 (x), ==, frontline_area_get_area_km2 (y));
    }
}

static FrontlineDataset *
load_path (const char *path,
           gboolean    slow)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FrontlineDataset *dataset;

  frontline_loader_set_slow_path (slow);
  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  frontline_loader_set_slow_path (FALSE);
  g_assert_no_error (error);

  return dataset;
}

static void
test_both_paths (void)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *folders[] = { "data/datasets", "docs/examples" };
  g_autoptr(GString) big = g_string_new (HEADER);
  g_autoptr(GString) dup = g_string_new (HEADER);
  g_autoptr(FrontlineDataset) dup_fast = NULL;
  g_autoptr(FrontlineDataset) dup_slow = NULL;
  g_autoptr(FrontlineArea) area = NULL;
  g_autoptr(GFile) file = NULL;

  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", folders[f], NULL);
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      g_assert_nonnull (d);
      while ((name = g_dir_read_name (d)) != NULL)
        if (g_str_has_suffix (name, ".geojson"))
          g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
    }
  g_assert_cmpuint (paths->len, >=, 3);

  /* Big rings, holes, several polygons. */
  for (guint k = 0; k < 6; k++)
    {
      g_string_append_printf (big, "%s{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-01-0%u\",\"faction\":\"ua\"},"
                              "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[",
                              k ? "," : "", k + 1);
      append_ring (big, 50 + 400 * k, 0.5 + 0.1 * k);
      g_string_append (big, ",");
      append_ring (big, 300, 0.2);
      g_string_append (big, "]}}");
    }
  g_string_append (big, "]}");
  file = fixture ("big-rings.geojson", big->str);
  g_ptr_array_add (paths, g_file_get_path (file));
  g_clear_object (&file);

  /* Duplicate "coordinates": a big ring first, a small one last. */
  g_string_append (dup, "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-01-01\",\"faction\":\"ua\"},"
                        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":");
  append_ring (dup, 2000, 1.0);
  g_string_append (dup, ",\"coordinates\":" UNIT_SQUARE "}}]}");
  file = fixture ("duplicate-coordinates.geojson", dup->str);
  g_ptr_array_add (paths, g_file_get_path (file));

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(FrontlineDataset) fast = load_path (g_ptr_array_index (paths, i), FALSE);
      g_autoptr(FrontlineDataset) slow = load_path (g_ptr_array_index (paths, i), TRUE);

      g_test_message ("%s", (char *) g_ptr_array_index (paths, i));
      assert_same_datasets (fast, slow);
    }

  /* The last one counts, on both paths, with a word about it. */
  dup_fast = load_path (g_ptr_array_index (paths, paths->len - 1), FALSE);
  dup_slow = load_path (g_ptr_array_index (paths, paths->len - 1), TRUE);
  area = g_list_model_get_item (frontline_dataset_get_areas (dup_fast), 0);
  g_assert_cmpuint (frontline_area_get_geometry (area)->n_points, ==, 5);
  assert_warning (dup_fast, "/features/0/geometry",
                  "duplicate member “coordinates”; the last one is used (feature 0)");
  assert_warning (dup_slow, "/features/0/geometry",
                  "duplicate member “coordinates”; the last one is used (feature 0)");
}

static void
test_duplicate_features (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset =
    load ("duplicate-features.geojson",
          "{\"type\":\"FeatureCollection\",\"features\":[" AREA ("2024-01-01", "ua", UNIT_SQUARE) ","
          AREA ("2024-01-02", "ua", UNIT_SQUARE) "],\"features\":[" AREA ("2024-03-03", "ru", UNIT_SQUARE) "]}",
          &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (frontline_dataset_get_areas (dataset)), ==, 1);
  g_assert_cmpuint (frontline_dataset_get_first_day (dataset), ==, day ("2024-03-03"));
  assert_warning (dataset, "/", "duplicate member “features”; the last one is used");
}

static void
test_views (void)
{
  static const char *views[] = {
    "{\"center\":[35,50],\"zoom\":1e300}",
    "{\"center\":[35,50],\"zoom\":-5}",
    "{\"center\":[35,50],\"zoom\":1e400}",
    "{\"center\":[35,89],\"zoom\":5}",
    "{\"center\":[200,50],\"zoom\":5}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *contents =
        g_strdup_printf ("{\"type\":\"FeatureCollection\",\"frontline\":{\"default_view\":%s,"
                         "\"stops\":[{\"date\":\"2024-08-06\",\"view\":%s},"
                         "{\"date\":\"2024-08-06\",\"view\":{\"bbox\":[36,50,35,51]}},"
                         "{\"date\":\"2024-08-06\",\"view\":{\"bbox\":[35,50,36,1e400]}},"
                         "{\"date\":\"2024-08-06\",\"view\":{\"center\":[35,50],\"zoom\":7,\"bbox\":[35,50,36,51]}}]},"
                         "\"features\":[" AREA ("2024-08-06", "ua", UNIT_SQUARE) "]}",
                         views[i], views[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(FrontlineDataset) dataset = load ("views.geojson", contents, &error);
      GListModel *stops;
      double view[3];

      g_assert_no_error (error);
      g_assert_false (frontline_dataset_get_default_view (dataset, view));
      /* 1e400 is infinity: not a number at all. */
      assert_warning (dataset, "/frontline/default_view", i == 2 ? "*; ignored" : "*is off the map*; ignored");
      assert_warning (dataset, "/frontline/stops/0", i == 2 ? "*; ignored" : "*is off the map*; ignored");
      assert_warning (dataset, "/frontline/stops/1", "\"bbox\" [36, 50, 35, 51] is not*; ignored");

      stops = frontline_dataset_get_stops (dataset);
      for (guint k = 0; k < 3; k++)
        {
          g_autoptr(FrontlineStop) stop = g_list_model_get_item (stops, k);

          g_assert_false (stop->has_center);
          g_assert_false (stop->has_bbox);
        }
      {
        g_autoptr(FrontlineStop) stop = g_list_model_get_item (stops, 3);

        g_assert_true (stop->has_center);
        g_assert_true (stop->has_bbox);
        g_assert_cmpfloat (stop->zoom, ==, 7);
      }
    }
}

static void
test_many_factions (void)
{
  g_autoptr(GString) s = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
  g_autoptr(GHashTable) colors = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  GListModel *factions;

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (s, "%s" AREA ("2024-01-01", "f%u", UNIT_SQUARE), i ? "," : "", i);
  g_string_append (s, "]}");

  dataset = load ("factions.geojson", s->str, &error);
  g_assert_no_error (error);
  factions = frontline_dataset_get_factions (dataset);
  g_assert_cmpuint (g_list_model_get_n_items (factions), ==, 1000);
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(FrontlineFaction) faction = g_list_model_get_item (factions, i);
      const char *color = frontline_faction_get_color (faction);

      g_assert_true (g_regex_match_simple ("^#[0-9a-f]{6}$", color, 0, 0));
      g_assert_false (g_hash_table_contains (colors, color));
      g_hash_table_add (colors, (gpointer) color);
    }
  /* Okabe and Ito's first. */
  {
    g_autoptr(FrontlineFaction) first = g_list_model_get_item (factions, 0);
    g_autoptr(FrontlineFaction) eighth = g_list_model_get_item (factions, 7);

    g_assert_cmpstr (frontline_faction_get_color (first), ==, "#0072b2");
    g_assert_cmpstr (frontline_faction_get_color (eighth), ==, "#000000");
  }
}

/* A random self-intersecting ring of 3,000 vertices: GEOS would take
 * minutes and gigabytes to repair it. */
static void
test_repair_budget (void)
{
  g_autoptr(GString) s = g_string_new (HEADER "{\"type\":\"Feature\",\"id\":\"knot\",\"properties\":"
                                       "{\"date\":\"2024-01-01\",\"faction\":\"ua\"},"
                                       "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(FrontlineGeometry) gained = NULL;
  g_autoptr(FrontlineGeometry) lost = NULL;
  g_autoptr(FrontlineGeometry) simple = NULL;
  FrontlineArea *area;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (s, "[%.6f,%.6f],", g_rand_double_range (rand, 35, 36),
                            g_rand_double_range (rand, 50, 51));
  g_string_append (s, "[35.5,50.5]]]}}]}");

  /* No timed assertion: without the budget this runs for minutes, past the
   * test's timeout. */
  dataset = load ("knot.geojson", s->str, &error);
  g_assert_no_error (error);
  assert_warning (dataset, "/features/0/geometry", "*repair took too long; drawn as read (feature 0 (id “knot”))");

  /* The ground drawn as read is known to be invalid: gains and losses and
   * simplification leave it to GEOS no more (they took minutes too), and the
   * comparison says it could not be worked out. */
  area = g_list_model_get_item (G_LIST_MODEL (frontline_dataset_get_areas (dataset)), 0);
  g_assert_true (frontline_area_get_geometry (area)->invalid);
  g_assert_false (frontline_dataset_compare (dataset, frontline_area_get_faction (area),
                                             FRONTLINE_STATUS_CONTROLLED,
                                             frontline_dataset_get_first_day (dataset) - 1,
                                             frontline_dataset_get_first_day (dataset),
                                             &gained, &lost));
  g_assert_true (frontline_geometry_is_empty (gained));
  g_assert_true (frontline_geometry_is_empty (lost));
  simple = frontline_area_get_geometry_for_zoom (area, 5);
  g_assert_cmpuint (simple->n_points, ==, frontline_area_get_geometry (area)->n_points);
  g_object_unref (area);
}

static void
test_not_regular_files (void)
{
  g_autofree char *fifo = g_build_filename (g_get_user_cache_dir (), "fifo.geojson", NULL);
  g_autoptr(GFile) fifo_file = g_file_new_for_path (fifo);
  g_autoptr(GFile) null_file = g_file_new_for_path ("/dev/null");
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  /* Returns at once: no writer is waited for. */
  dataset = frontline_dataset_load (fifo_file, NULL, NULL, NULL, &error);
  g_assert_null (dataset);
  g_assert_nonnull (error);
  g_assert_true (g_pattern_match_simple ("*fifo.geojson is not a regular file (a FIFO)", error->message));
  g_clear_error (&error);

  dataset = frontline_dataset_load (null_file, NULL, NULL, NULL, &error);
  g_assert_null (dataset);
  g_assert_nonnull (error);
  g_assert_true (g_pattern_match_simple ("/dev/null is not a regular file (a character device)",
                                         error->message));
}

typedef struct {
  const char *path;
  guint       calls;
  gboolean    grow;
} ChangeData;

static void
change_file (gpointer user_data)
{
  ChangeData *data = user_data;

  if (data->calls++ == 1)
    {
      if (data->grow)
        {
          FILE *f = fopen (data->path, "a");

          fputs ("\n\n\n", f);
          fclose (f);
        }
      else
        g_assert_cmpint (truncate (data->path, 100), ==, 0);
    }
}

static void
test_changed_while_read (void)
{
  for (guint grow = 0; grow < 2; grow++)
    {
      g_autoptr(GString) s = g_string_new (HEADER);
      g_autoptr(GFile) file = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(FrontlineDataset) dataset = NULL;
      ChangeData data = { NULL, 0, grow };

      for (guint i = 0; i < 50; i++)
        g_string_append_printf (s, "%s" AREA ("2024-01-01", "ua", UNIT_SQUARE), i ? "," : "");
      g_string_append (s, "]}");
      file = fixture ("changing.geojson", s->str);
      path = g_file_get_path (file);
      data.path = path;

      frontline_loader_set_read_hook (1024, change_file, &data);
      dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
      frontline_loader_set_read_hook (0, NULL, NULL);

      g_assert_null (dataset);
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
      g_assert_true (g_pattern_match_simple ("*changing.geojson changed while it was being read*",
                                             error->message));
    }
}

/* Truncated over and over by another thread while it loads: errors or
 * datasets, never a signal. */
static gpointer
truncate_loop (gpointer user_data)
{
  const char *path = user_data;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  for (guint i = 0; i < 200; i++)
    {
      g_assert_cmpint (truncate (path, (off_t) (length / 2)), ==, 0);
      g_usleep (100);
      g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
    }

  return NULL;
}

static void
test_truncated_while_loading (void)
{
  g_autoptr(GString) s = g_string_new (HEADER);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  GThread *thread;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (s, "%s" AREA ("2024-01-01", "ua", UNIT_SQUARE), i ? "," : "");
  g_string_append (s, "]}");
  file = fixture ("truncated-loop.geojson", s->str);
  path = g_file_get_path (file);

  thread = g_thread_new ("truncate", truncate_loop, path);
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FrontlineDataset) dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);

      g_assert_true ((dataset == NULL) != (error == NULL));
    }
  g_thread_join (thread);
}

static void
test_source_text (void)
{
  const char *contents = "\xEF\xBB\xBF{\"type\":\"FeatureCollection\",\"frontline\":{\"stops\":[1]},"
                         "\"frontline\":{\"title\":\"T\",\"stops\":[],\"x\":1,\"stops\":[{\"date\":\"2024-08-06\"}]},"
                         "\"features\":[" AREA ("2024-08-06", "ua", UNIT_SQUARE) "]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = load ("source-text.geojson", contents, &error);
  FrontlineSourceText *source = &dataset->source;
  GStatBuf st;
  const char *frontline = strstr (contents, "{\"title\"");
  const char *stops = strstr (contents, "[{\"date\"");

  g_assert_no_error (error);
  g_assert_nonnull (source->path);
  g_assert_true (g_str_has_suffix (source->path, "source-text.geojson"));
  g_assert_cmpint (g_stat (source->path, &st), ==, 0);
  g_assert_cmpuint (source->size, ==, strlen (contents));
  g_assert_cmpuint (source->inode, ==, st.st_ino);
  g_assert_cmpuint (source->device, ==, st.st_dev);
  g_assert_cmpuint (source->root_open, ==, 3);
  g_assert_true (source->has_frontline);
  g_assert_cmpuint (source->frontline_open, ==, frontline - contents);
  g_assert_cmpint (contents[source->frontline_close], ==, '}');
  g_assert_cmpint (contents[source->frontline_close + 1], ==, ',');
  g_assert_true (source->has_stops);
  g_assert_cmpuint (source->stops_start, ==, stops - contents);
  g_assert_cmpuint (source->stops_end, ==, stops - contents + strlen ("[{\"date\":\"2024-08-06\"}]"));
}

/* What cites a source: its quotes and the areas that name it, alone or
 * among others; a source cited only by areas is found too. */
static void
test_citing (void)
{
  const char *contents =
    "{\"type\":\"FeatureCollection\",\"frontline\":{\"version\":1,\"title\":\"T\","
    "\"factions\":[{\"id\":\"ua\",\"name\":\"Ukraine\",\"color\":\"#0057b7\"}],"
    "\"sources\":[{\"id\":\"s1\",\"title\":\"An article\",\"publisher\":\"P\","
    "\"published\":\"2025-01-10\",\"date_precision\":\"approximate\"},"
    "{\"id\":\"s2\",\"title\":\"unknown\",\"publisher\":\"unknown\"},"
    "{\"id\":\"s3\",\"publisher\":\"The Post\",\"published\":\"2024-08-14\","
    "\"date_precision\":\"day\"}],"
    "\"quotes\":[{\"id\":\"q1\",\"text\":\"a\",\"source\":\"s1\",\"date\":\"2024-08-06\"},"
    "{\"id\":\"q2\",\"text\":\"b\",\"source\":\"s3\",\"date\":\"2024-08-07\"},"
    "{\"id\":\"q3\",\"text\":\"c\",\"source\":\"s1\",\"date\":\"2024-08-08\"}]},\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"ua\","
    "\"source\":\"s1\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" UNIT_SQUARE "}},"
    "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-07\",\"faction\":\"ua\","
    "\"source\":[\"s3\",\"s2\"]},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" UNIT_SQUARE "}},"
    "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-08\",\"faction\":\"ua\","
    "\"source\":[\"s2\"]},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" UNIT_SQUARE "}}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = load ("citing.geojson", contents, &error);
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GPtrArray) areas = NULL;
  g_autofree char *title = NULL;
  g_autofree char *published = NULL;
  g_autofree char *citation = NULL;
  FrontlineSource *s1;
  FrontlineSource *s2;
  FrontlineSource *s3;

  g_assert_no_error (error);

  quotes = frontline_dataset_get_quotes_citing (dataset, "s1");
  g_assert_cmpuint (quotes->len, ==, 2);
  g_assert_cmpstr (frontline_quote_get_id (g_ptr_array_index (quotes, 0)), ==, "q1");
  g_assert_cmpstr (frontline_quote_get_id (g_ptr_array_index (quotes, 1)), ==, "q3");
  g_clear_pointer (&quotes, g_ptr_array_unref);
  quotes = frontline_dataset_get_quotes_citing (dataset, "s2");
  g_assert_cmpuint (quotes->len, ==, 0);

  areas = frontline_dataset_get_areas_citing (dataset, "s2");
  g_assert_cmpuint (areas->len, ==, 2);
  g_assert_cmpuint (frontline_area_get_day (g_ptr_array_index (areas, 0)), ==,
                    frontline_day_from_dmy (7, 8, 2024));
  g_assert_cmpuint (frontline_area_get_day (g_ptr_array_index (areas, 1)), ==,
                    frontline_day_from_dmy (8, 8, 2024));
  g_clear_pointer (&areas, g_ptr_array_unref);
  areas = frontline_dataset_get_areas_citing (dataset, "s1");
  g_assert_cmpuint (areas->len, ==, 1);
  g_clear_pointer (&areas, g_ptr_array_unref);
  areas = frontline_dataset_get_areas_citing (dataset, "nowhere");
  g_assert_cmpuint (areas->len, ==, 0);

  /* Names and dates: never "unknown", an approximate date says so. */
  s1 = frontline_dataset_lookup_source (dataset, "s1");
  s2 = frontline_dataset_lookup_source (dataset, "s2");
  s3 = frontline_dataset_lookup_source (dataset, "s3");
  title = frontline_source_dup_display_title (s2);
  g_assert_cmpstr (title, ==, "Untitled source s2");
  g_clear_pointer (&title, g_free);
  title = frontline_source_dup_display_title (s3);
  g_assert_cmpstr (title, ==, "Untitled, The Post (source s3)");
  g_assert_null (frontline_source_format_published (s2));
  published = frontline_source_format_published (s1);
  g_assert_cmpstr (published, ==, "about 10 Jan 2025");
  g_clear_pointer (&published, g_free);
  published = frontline_source_format_published (s3);
  g_assert_cmpstr (published, ==, "14 Aug 2024");
  citation = frontline_source_format_citation (s2);
  g_assert_cmpstr (citation, ==, "Untitled source s2.");
  g_clear_pointer (&citation, g_free);
  citation = frontline_source_format_citation (s1);
  g_assert_cmpstr (citation, ==, "An article, P, about 10 Jan 2025.");
}

/* Quotes' date precision and quotes said after a stop. */

#define PRECISION_QUOTES(precision) \
  "{\"type\":\"FeatureCollection\",\"frontline\":{\"version\":1," \
  "\"sources\":[{\"id\":\"s1\",\"title\":\"unknown\",\"published\":\"unknown\"}]," \
  "\"quotes\":[{\"id\":\"q-day\",\"text\":\"A\",\"date\":\"2024-08-07\",\"date_precision\":\"day\",\"source\":\"s1\"}," \
  "{\"id\":\"q-about\",\"text\":\"B\",\"date\":\"2024-08-10\",\"date_precision\":" precision ",\"source\":\"s1\"}," \
  "{\"id\":\"q-unknown\",\"text\":\"C\",\"date\":\"2024-08-07\",\"source\":\"s1\"}," \
  "{\"id\":\"q-undated\",\"text\":\"D\",\"source\":\"s1\"}]," \
  "\"stops\":[{\"title\":\"Stop\",\"date\":\"2024-08-08\",\"quotes\":[\"q-day\",\"q-about\"]}]}," \
  "\"features\":[" AREA ("2024-08-06", "ua", UNIT_SQUARE) "]}"

/* (transfer none): the quote with @id; the dataset keeps it */
static FrontlineQuote *
precision_lookup_quote (FrontlineDataset *dataset,
                        const char       *id)
{
  GListModel *quotes = frontline_dataset_get_quotes (dataset);

  for (guint i = 0; i < g_list_model_get_n_items (quotes); i++)
    {
      g_autoptr(FrontlineQuote) quote = g_list_model_get_item (quotes, i);

      if (g_strcmp0 (frontline_quote_get_id (quote), id) == 0)
        return quote;
    }
  g_assert_not_reached ();
}

static void
test_quote_date_precision (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = load ("precision.geojson", PRECISION_QUOTES ("\"approximate\""), &error);
  FrontlineQuote *day_quote, *about, *unknown, *undated;
  g_autofree char *property = NULL;

  g_assert_no_error (error);
  day_quote = precision_lookup_quote (dataset, "q-day");
  about = precision_lookup_quote (dataset, "q-about");
  unknown = precision_lookup_quote (dataset, "q-unknown");
  undated = precision_lookup_quote (dataset, "q-undated");

  g_assert_cmpstr (frontline_quote_get_date_precision (day_quote), ==, "day");
  g_assert_true (frontline_quote_is_exact_day (day_quote));
  g_assert_cmpstr (frontline_quote_get_date_precision (about), ==, "approximate");
  g_assert_false (frontline_quote_is_exact_day (about));
  /* Absent means unknown, never "day". */
  g_assert_null (frontline_quote_get_date_precision (unknown));
  g_assert_false (frontline_quote_is_exact_day (unknown));
  g_assert_false (frontline_quote_is_exact_day (undated));
  g_object_get (about, "date-precision", &property, NULL);
  g_assert_cmpstr (property, ==, "approximate");

  /* "published": "unknown" is what the format asks for, not an error. */
  g_assert_cmpuint (frontline_dataset_get_diagnostics (dataset)->len, ==, 1);  /* q-undated */

  g_assert_true (frontline_date_precision_is_valid ("month"));
  g_assert_true (frontline_date_precision_is_valid ("year"));
  g_assert_false (frontline_date_precision_is_valid ("Day"));
  g_assert_false (frontline_date_precision_is_valid (NULL));
}

static void
test_quote_date_precision_invalid (void)
{
  const char *values[] = { "\"exact\"", "3", "null", "\"\"" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(FrontlineDataset) dataset = NULL;
      GString *text = g_string_new (PRECISION_QUOTES ("@"));

      g_string_replace (text, "@", values[i], 1);
      contents = g_string_free (text, FALSE);
      dataset = load ("bad-precision.geojson", contents, &error);

      /* The file, the place and the value. */
      g_assert_null (dataset);
      g_assert_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_INVALID);
      g_assert_true (strstr (error->message, "bad-precision.geojson") != NULL);
      g_assert_true (strstr (error->message, "/frontline/quotes/1/date_precision") != NULL);
      if (i == 0)
        g_assert_true (strstr (error->message, "“exact”") != NULL);
      else if (i < 3)
        g_assert_true (strstr (error->message, "(not a string)") != NULL);
    }
}

static void
test_stop_quote_is_later (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = load ("later.geojson", PRECISION_QUOTES ("\"approximate\""), &error);
  g_autoptr(FrontlineStop) stop = NULL;
  g_autoptr(FrontlineStop) undated_stop = frontline_stop_new ("No day", FRONTLINE_DAY_NONE, 35, 51, 8);

  g_assert_no_error (error);
  stop = g_list_model_get_item (frontline_dataset_get_stops (dataset), 0);

  /* Stop on 8 August: the quote of the 7th is not later, the one of the 10th is. */
  g_assert_false (frontline_stop_quote_is_later (stop, precision_lookup_quote (dataset, "q-day")));
  g_assert_true (frontline_stop_quote_is_later (stop, precision_lookup_quote (dataset, "q-about")));
  g_assert_false (frontline_stop_quote_is_later (stop, precision_lookup_quote (dataset, "q-undated")));
  g_assert_false (frontline_stop_quote_is_later (undated_stop, precision_lookup_quote (dataset, "q-about")));
}

static void
test_bundled_quote_precision (void)
{
  const char *names[] = { "kursk-2024-2025.geojson", "bakhmut-2023.geojson" };
  guint n_day = 0, n_quotes = 0, n_later = 0;

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets", names[n], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(FrontlineDataset) dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
      GListModel *quotes, *stops;

      g_assert_no_error (error);
      quotes = frontline_dataset_get_quotes (dataset);
      for (guint i = 0; i < g_list_model_get_n_items (quotes); i++)
        {
          g_autoptr(FrontlineQuote) quote = g_list_model_get_item (quotes, i);

          /* Every quote says how precise its date is. */
          g_assert_true (frontline_date_precision_is_valid (frontline_quote_get_date_precision (quote)));
          n_quotes++;
          n_day += frontline_quote_is_exact_day (quote) ? 1 : 0;
        }

      stops = frontline_dataset_get_stops (dataset);
      for (guint i = 0; i < g_list_model_get_n_items (stops); i++)
        {
          g_autoptr(FrontlineStop) stop = g_list_model_get_item (stops, i);
          const char * const *ids = frontline_stop_get_quote_ids (stop);

          for (guint q = 0; ids != NULL && ids[q] != NULL; q++)
            n_later += frontline_stop_quote_is_later (stop, precision_lookup_quote (dataset, ids[q]));
        }
    }

  /* 48 quotes; only 2 with the date the words were said stated in the
   * article (q004-08, q004-09, "on Jan. 19"). A weekday ("said Wednesday")
   * counted from an article's inferred date is approximate. */
  g_assert_cmpuint (n_quotes, ==, 48);
  g_assert_cmpuint (n_day, ==, 2);
  /* Quotes reported after their stop's day: Kursk stop 3 (7 January 2025)
   * cites q000-03 (about 10 January) and q000-02 (9 January); Bakhmut's
   * stops of 10, 23 and 25 January 2023 cite q004-01, q004-03, q004-02 and
   * q004-04, all about 26 January. */
  g_assert_cmpuint (n_later, ==, 6);
}

/* A source's reference for an export's source line, and dates as precise
 * as the data says. */
#define REFERENCE_SOURCES \
  "{\"type\":\"FeatureCollection\",\"frontline\":{\"version\":1,\"sources\":[" \
  "{\"id\":\"000\",\"title\":\"unknown\",\"publisher\":\"unknown\",\"published\":\"2025-01-10\",\"date_precision\":\"approximate\"}," \
  "{\"id\":\"003\",\"title\":\"Gains\",\"publisher\":\"The Post\",\"published\":\"2024-08-14\",\"date_precision\":\"day\"}," \
  "{\"id\":\"m\",\"title\":\"Monthly\",\"published\":\"2024-08-01\",\"date_precision\":\"month\"}," \
  "{\"id\":\"y\",\"publisher\":\"P\",\"published\":\"unknown\"}," \
  "{\"id\":\"n\",\"title\":\"No precision\",\"published\":\"2024-08-14\"}]," \
  "\"quotes\":[{\"id\":\"q\",\"text\":\"A\",\"date\":\"2025-01-10\",\"date_precision\":\"approximate\",\"source\":\"000\"}," \
  "{\"id\":\"r\",\"text\":\"B\",\"date\":\"2025-01-09\",\"date_precision\":\"day\",\"source\":\"000\"}," \
  "{\"id\":\"s\",\"text\":\"C\",\"date\":\"2025-01-01\",\"date_precision\":\"year\",\"source\":\"000\"}," \
  "{\"id\":\"t\",\"text\":\"D\",\"source\":\"000\"}]}," \
  "\"features\":[" AREA ("2024-08-06", "ua", UNIT_SQUARE) "]}"

static void
test_source_reference (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = load ("reference.geojson", REFERENCE_SOURCES, &error);
  struct { const char *id; const char *reference; } sources[] = {
    { "000", "Untitled source 000 (about 10 Jan 2025)" },
    { "003", "Gains (The Post, 14 Aug 2024)" },
    { "m", "Monthly (Aug 2024)" },
    { "y", "Untitled source y (P)" },
    { "n", "No precision (about 14 Aug 2024)" },
  };
  struct { const char *id; const char *date; } quotes[] = {
    { "q", "about 10 Jan 2025" }, { "r", "9 Jan 2025" }, { "s", "2025" }, { "t", NULL },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autofree char *reference =
        frontline_source_format_reference (frontline_dataset_lookup_source (dataset, sources[i].id));

      g_assert_cmpstr (reference, ==, sources[i].reference);
    }
  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      g_autofree char *date = frontline_quote_format_date (precision_lookup_quote (dataset, quotes[i].id));

      g_assert_cmpstr (date, ==, quotes[i].date);
    }
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/frontline/dataset/errors", test_errors);
  g_test_add_func ("/frontline/dataset/missing-file", test_missing_file);
  g_test_add_func ("/frontline/dataset/warnings", test_warnings);
  g_test_add_func ("/frontline/dataset/areas", test_areas);
  g_test_add_func ("/frontline/dataset/days", test_days);
  g_test_add_func ("/frontline/dataset/timeline", test_timeline);
  g_test_add_func ("/frontline/dataset/geometry-queries", test_geometry_queries);
  g_test_add_func ("/frontline/dataset/plain-geojson", test_plain_geojson);
  g_test_add_func ("/frontline/dataset/folder", test_folder);
  g_test_add_func ("/frontline/dataset/round-trip", test_round_trip);
  g_test_add_func ("/frontline/dataset/large-areas", test_large_areas);
  g_test_add_func ("/frontline/dataset/documented-example", test_documented_example);
  g_test_add_func ("/frontline/dataset/stops-round-trip", test_stops_round_trip);
  g_test_add_func ("/frontline/dataset/handout", test_handout);
  g_test_add_func ("/frontline/dataset/blank-files", test_blank_files);
  g_test_add_func ("/frontline/dataset/deep-nesting", test_deep_nesting);
  g_test_add_func ("/frontline/dataset/strict-json", test_strict_json);
  g_test_add_func ("/frontline/dataset/infinite-numbers", test_infinite_numbers);
  g_test_add_func ("/frontline/dataset/long-integers", test_long_integers);
  g_test_add_func ("/frontline/dataset/both-paths", test_both_paths);
  g_test_add_func ("/frontline/dataset/duplicate-features", test_duplicate_features);
  g_test_add_func ("/frontline/dataset/views", test_views);
  g_test_add_func ("/frontline/dataset/many-factions", test_many_factions);
  g_test_add_func ("/frontline/dataset/repair-budget", test_repair_budget);
  g_test_add_func ("/frontline/dataset/not-regular-files", test_not_regular_files);
  g_test_add_func ("/frontline/dataset/changed-while-read", test_changed_while_read);
  g_test_add_func ("/frontline/dataset/truncated-while-loading", test_truncated_while_loading);
  g_test_add_func ("/frontline/dataset/source-text", test_source_text);
  g_test_add_func ("/frontline/dataset/citing", test_citing);
  g_test_add_func ("/frontline/dataset/quote-date-precision", test_quote_date_precision);
  g_test_add_func ("/frontline/dataset/quote-date-precision-invalid", test_quote_date_precision_invalid);
  g_test_add_func ("/frontline/dataset/stop-quote-is-later", test_stop_quote_is_later);
  g_test_add_func ("/frontline/dataset/bundled-quote-precision", test_bundled_quote_precision);
  g_test_add_func ("/frontline/dataset/source-reference", test_source_reference);

  return g_test_run ();
}
