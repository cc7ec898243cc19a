/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Browsing a dataset in PostGIS against a real PostgreSQL 15 + PostGIS
 * server started here (a socket in a temporary folder, no network): open,
 * fetch against the file's own state, simplification, the placeholder case,
 * the cache, a lost server, a table that is not Frontline's, and the view
 * state fetching for the map; a stopped server started again
 * (frontline_test_pg_start) is reconnected to. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "frontline-archive.h"
#include "frontline-comparison.h"
#include "frontline-model-private.h"
#include "frontline-test-data.h"
#include "frontline-test-init.h"
#include "frontline-test-pg.h"
#include "frontline-view-state.h"

/* The server, started once for every test here (tests/frontline-test-pg.c). */
static FrontlineTestPg *pg;

static FrontlineArchiveLocation *
location_for (const char *table)
{
  return frontline_test_pg_dup_location (pg, table);
}

/* Publishing through frontline_archive_publish(), as --convert does. */
static void
publish (FrontlineDataset *dataset,
         const char       *table)
{
  g_autoptr(FrontlineArchiveLocation) location = location_for (table);
  g_autoptr(GError) error = NULL;

  if (!frontline_archive_publish (dataset, location, NULL, FALSE, NULL, NULL, NULL, &error))
    g_error ("publishing %s: %s", table, error->message);
}

static FrontlineDataset *
open_table (const char *table)
{
  g_autoptr(FrontlineArchiveLocation) location = location_for (table);
  g_autoptr(GError) error = NULL;
  FrontlineDataset *dataset = frontline_dataset_open_archive (location, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (frontline_dataset_get_archive (dataset));
  return dataset;
}

static FrontlineDataset *kursk_file;

/* Tests */

static void
test_open (void)
{
  g_autoptr(FrontlineDataset) dataset = open_table ("kursk");
  GListModel *factions = frontline_dataset_get_factions (dataset);
  GListModel *file_factions = frontline_dataset_get_factions (kursk_file);
  const FrontlineDay *days, *file_days;
  guint n_days, n_file_days;

  days = frontline_dataset_get_days (dataset, &n_days);
  file_days = frontline_dataset_get_days (kursk_file, &n_file_days);
  g_assert_cmpuint (n_days, ==, n_file_days);
  g_assert_cmpmem (days, n_days * sizeof *days, file_days, n_file_days * sizeof *file_days);

  g_assert_cmpuint (g_list_model_get_n_items (factions), ==, g_list_model_get_n_items (file_factions));
  for (guint i = 0; i < g_list_model_get_n_items (factions); i++)
    {
      g_autoptr(FrontlineFaction) a = g_list_model_get_item (factions, i);
      g_autoptr(FrontlineFaction) b = g_list_model_get_item (file_factions, i);

      g_assert_cmpstr (frontline_faction_get_id (a), ==, frontline_faction_get_id (b));
      g_assert_cmpstr (frontline_faction_get_name (a), ==, frontline_faction_get_name (b));
      g_assert_cmpstr (a->color, ==, b->color);
    }

  g_assert_cmpstr (frontline_dataset_get_title (dataset), ==, frontline_dataset_get_title (kursk_file));
  g_assert_cmpuint (g_list_model_get_n_items (frontline_dataset_get_sources (dataset)), ==,
                    g_list_model_get_n_items (frontline_dataset_get_sources (kursk_file)));
  g_assert_cmpuint (g_list_model_get_n_items (frontline_dataset_get_stops (dataset)), ==,
                    g_list_model_get_n_items (frontline_dataset_get_stops (kursk_file)));
  g_assert_cmpuint (g_list_model_get_n_items (frontline_dataset_get_places (dataset)), ==,
                    g_list_model_get_n_items (frontline_dataset_get_places (kursk_file)));
  /* The extent (the planner's estimate: within a little of the file's). */
  {
    double bbox[4], file_bbox[4];

    g_assert_true (frontline_dataset_get_bbox (dataset, bbox));
    g_assert_true (frontline_dataset_get_bbox (kursk_file, file_bbox));
    for (int c = 0; c < 4; c++)
      g_assert_cmpfloat (fabs (bbox[c] - file_bbox[c]), <, 0.1);
  }

  /* Nothing fetched yet: nothing shown. */
  {
    g_autoptr(GPtrArray) state = frontline_dataset_get_state_at (dataset, days[0]);

    g_assert_cmpuint (state->len, ==, 0);
  }
}

static char *
describe_area (FrontlineArea *area)
{
  return g_strdup_printf ("%s %s %s %u", area->id, frontline_faction_get_id (area->faction),
                          frontline_status_to_string (area->status), (guint) area->day);
}

static void
check_same_state (FrontlineDataset *dataset,
                  FrontlineDay      day,
                  const double      bbox[4])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fetched = frontline_archive_fetch (frontline_dataset_get_archive (dataset),
                                                          day, bbox, 18, NULL, &error);
  g_autoptr(GPtrArray) expected = frontline_dataset_get_state_at (kursk_file, day);
  g_autoptr(GHashTable) want = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) shown = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < expected->len; i++)
    {
      FrontlineArea *area = g_ptr_array_index (expected, i);
      const double *b = area->geometry->bbox;

      if (b[0] <= bbox[2] && bbox[0] <= b[2] && b[1] <= bbox[3] && bbox[1] <= b[3])
        g_hash_table_insert (want, describe_area (area), area);
    }

  g_assert_cmpuint (fetched->len, ==, g_hash_table_size (want));
  for (guint i = 0; i < fetched->len; i++)
    {
      FrontlineArea *area = g_ptr_array_index (fetched, i);
      g_autofree char *key = describe_area (area);
      FrontlineArea *match = g_hash_table_lookup (want, key);
      double a = frontline_area_get_area_km2 (area);
      double b;

      g_assert_nonnull (match);
      b = frontline_area_get_area_km2 (match);
      g_assert_cmpfloat (fabs (a - b), <=, 0.001 * b);
      g_assert_cmpuint (area->valid_until, ==, match->valid_until);
      g_assert_cmpint (area->approximate, ==, match->approximate);
      g_assert_cmpstr (area->note, ==, match->note);
    }

  /* What the dataset now gives for the day: these, and those of the margin. */
  shown = frontline_dataset_get_state_at (dataset, day);
  g_assert_cmpuint (shown->len, >=, fetched->len);
  for (guint i = 0; i < fetched->len; i++)
    g_assert_true (g_ptr_array_find (shown, g_ptr_array_index (fetched, i), NULL));
}

static void
test_fetch_matches_file (void)
{
  g_autoptr(FrontlineDataset) dataset = open_table ("kursk");
  guint n_days;
  const FrontlineDay *days = frontline_dataset_get_days (kursk_file, &n_days);
  double whole[4];
  double boxes[3][4];

  g_assert_true (frontline_dataset_get_bbox (kursk_file, whole));
  memcpy (boxes[0], whole, sizeof whole);
  /* The western half, and a small box in the middle. */
  memcpy (boxes[1], whole, sizeof whole);
  boxes[1][2] = (whole[0] + whole[2]) / 2;
  boxes[2][0] = whole[0] + (whole[2] - whole[0]) * 0.4;
  boxes[2][1] = whole[1] + (whole[3] - whole[1]) * 0.4;
  boxes[2][2] = whole[0] + (whole[2] - whole[0]) * 0.6;
  boxes[2][3] = whole[1] + (whole[3] - whole[1]) * 0.6;

  for (guint d = 0; d < n_days; d += MAX (1, n_days / 6))
    for (guint b = 0; b < G_N_ELEMENTS (boxes); b++)
      check_same_state (dataset, days[d], boxes[b]);
  /* A day between data days, and the last. */
  check_same_state (dataset, days[n_days / 2] + 1, boxes[0]);
  check_same_state (dataset, days[n_days - 1] + 30, boxes[0]);
}

static guint
count_points (GPtrArray *areas)
{
  guint n = 0;

  for (guint i = 0; i < areas->len; i++)
    n += ((FrontlineArea *) g_ptr_array_index (areas, i))->geometry->n_points;
  return n;
}

static void
test_simplified (void)
{
  g_autoptr(FrontlineDataset) dataset = open_table ("kursk");
  FrontlineArchive *archive = frontline_dataset_get_archive (dataset);
  FrontlineDay day = frontline_dataset_get_last_day (kursk_file);
  g_autoptr(GPtrArray) detailed = NULL;
  g_autoptr(GPtrArray) coarse = NULL;
  double bbox[4];

  g_assert_true (frontline_dataset_get_bbox (kursk_file, bbox));
  detailed = frontline_archive_fetch (archive, day, bbox, 18, NULL, NULL);
  coarse = frontline_archive_fetch (archive, day, bbox, 5, NULL, NULL);
  g_assert_cmpuint (coarse->len, ==, detailed->len);
  g_assert_cmpuint (count_points (coarse), <, count_points (detailed));
}

/* Faction "a" holds a square in the west on day 1; on day 2 its state is a
 * square in the east only: the west shows nothing of it on day 2. */
static const char placeholder_json[] =
  "{\"type\":\"FeatureCollection\",\"features\":["
  "{\"type\":\"Feature\",\"id\":\"west\",\"properties\":{\"date\":\"2024-01-01\",\"faction\":\"a\"},"
  " \"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[30,50],[31,50],[31,51],[30,51],[30,50]]]}},"
  "{\"type\":\"Feature\",\"id\":\"b-west\",\"properties\":{\"date\":\"2024-01-01\",\"faction\":\"b\"},"
  " \"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[30,52],[31,52],[31,53],[30,53],[30,52]]]}},"
  "{\"type\":\"Feature\",\"id\":\"east\",\"properties\":{\"date\":\"2024-01-02\",\"faction\":\"a\"},"
  " \"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[40,50],[41,50],[41,51],[40,51],[40,50]]]}}]}";

/* The stats and the area series on the server, through the archive's
 * connection: the file's days, layers and lines. */
static void
test_on_server (void)
{
  g_autoptr(FrontlineDataset) dataset = open_table ("kursk");
  FrontlineArchive *archive = frontline_dataset_get_archive (dataset);
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = frontline_archive_format_stats_csv (archive, NULL, &error);
  g_autofree char *file_csv = frontline_dataset_format_stats_csv (kursk_file);
  g_autoptr(FrontlineAreaSeries) series = NULL;
  g_autoptr(FrontlineAreaSeries) file_series = frontline_area_series_new (kursk_file, NULL, NULL);
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) file_lines = NULL;
  guint n_days, n_file_days;

  g_assert_no_error (error);
  lines = g_strsplit (csv, "\n", -1);
  file_lines = g_strsplit (file_csv, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, g_strv_length (file_lines));
  g_assert_cmpstr (lines[0], ==, file_lines[0]);

  series = frontline_archive_dup_area_series (archive, dataset, NULL, &error);
  g_assert_no_error (error);
  frontline_area_series_get_days (series, &n_days);
  frontline_area_series_get_days (file_series, &n_file_days);
  g_assert_cmpuint (n_days, ==, n_file_days);
  g_assert_cmpuint (frontline_area_series_get_n_lines (series), ==,
                    frontline_area_series_get_n_lines (file_series));
}

static void
assert_same_series (FrontlineAreaSeries *series,
                    FrontlineAreaSeries *file_series)
{
  const FrontlineDay *days, *file_days;
  guint n_days, n_file_days;

  days = frontline_area_series_get_days (series, &n_days);
  file_days = frontline_area_series_get_days (file_series, &n_file_days);
  g_assert_cmpuint (n_days, ==, n_file_days);
  g_assert_cmpmem (days, n_days * sizeof *days, file_days, n_file_days * sizeof *file_days);
  g_assert_cmpuint (frontline_area_series_get_n_lines (series), ==,
                    frontline_area_series_get_n_lines (file_series));
  for (guint l = 0; l < frontline_area_series_get_n_lines (series); l++)
    {
      const double *values = frontline_area_series_get_values (series, l);
      const double *file_values = frontline_area_series_get_values (file_series, l);

      g_assert_cmpstr (frontline_faction_get_id (frontline_area_series_get_faction (series, l)), ==,
                       frontline_faction_get_id (frontline_area_series_get_faction (file_series, l)));
      g_assert_cmpint (frontline_area_series_get_status (series, l), ==,
                       frontline_area_series_get_status (file_series, l));
      /* The server sums the areas the client measured as it published
       * them: the same figures, within a millionth (the sums' order and
       * the text the server sends them as). */
      for (guint d = 0; d < n_days; d++)
        {
          /* NaN: the layer shows nothing that day, in both. */
          g_assert_cmpint (isnan (values[d]), ==, isnan (file_values[d]));
          if (!isnan (file_values[d]))
            g_assert_cmpfloat (fabs (values[d] - file_values[d]), <=,
                               1e-6 * MAX (1.0, file_values[d]));
        }
    }
}

static void
on_series_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  FrontlineAreaSeries **series = user_data;
  g_autoptr(GError) error = NULL;

  *series = frontline_area_series_new_finish (result, &error);
  g_assert_no_error (error);
}

/* What the timeline's band, the area chart and Export CSV ask for: the
 * series of the dataset, which for an archive comes from the server, with
 * nothing fetched. */
static void
test_area_series (void)
{
  g_autoptr(FrontlineDataset) dataset = open_table ("kursk");
  FrontlineArchive *archive = frontline_dataset_get_archive (dataset);
  g_autoptr(FrontlineAreaSeries) file_series = frontline_area_series_new (kursk_file, NULL, NULL);
  g_autoptr(FrontlineAreaSeries) series = NULL;
  g_autoptr(FrontlineAreaSeries) async_series = NULL;
  g_autoptr(GError) error = NULL;
  guint n_queries = frontline_archive_get_n_queries (archive);

  series = frontline_area_series_new (dataset, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (frontline_area_series_get_dataset (series) == dataset);
  g_assert_cmpuint (frontline_archive_get_n_queries (archive), >, n_queries);
  g_assert_cmpuint (frontline_archive_get_cache_size (archive), ==, 0);
  assert_same_series (series, file_series);

  /* Export CSV's text (frontline_csv_export_write() writes the series'):
   * the same rows; a value may differ in its last decimal on a rounding
   * boundary. */
  {
    g_autofree char *csv = frontline_area_series_format_csv (series);
    g_autofree char *file_csv = frontline_area_series_format_csv (file_series);
    g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
    g_auto(GStrv) file_lines = g_strsplit (file_csv, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, g_strv_length (file_lines));
    g_assert_cmpuint (g_strv_length (lines), >, 2);
    for (guint i = 0; lines[i] != NULL; i++)
      {
        const char *comma = strrchr (lines[i], ',');
        const char *file_comma = strrchr (file_lines[i], ',');

        if (i == 0 || comma == NULL)
          {
            g_assert_cmpstr (lines[i], ==, file_lines[i]);
            continue;
          }
        g_assert_nonnull (file_comma);
        g_assert_cmpint (comma - lines[i], ==, file_comma - file_lines[i]);
        g_assert_cmpint (strncmp (lines[i], file_lines[i], comma - lines[i]), ==, 0);
        g_assert_cmpfloat (fabs (g_ascii_strtod (comma + 1, NULL) -
                                 g_ascii_strtod (file_comma + 1, NULL)), <=, 0.0011);
      }
  }

  frontline_area_series_new_async (dataset, NULL, on_series_cb, &async_series);
  while (async_series == NULL)
    g_main_context_iteration (NULL, TRUE);
  assert_same_series (async_series, file_series);

  /* The chart's controlled ground per side, as the file's. */
  {
    GListModel *factions = frontline_dataset_get_factions (dataset);
    guint n_days;

    frontline_area_series_get_days (series, &n_days);
    for (guint i = 0; i < g_list_model_get_n_items (factions); i++)
      {
        g_autoptr(FrontlineFaction) faction = g_list_model_get_item (factions, i);
        g_autoptr(FrontlineFaction) file_faction =
          g_list_model_get_item (frontline_dataset_get_factions (kursk_file), i);
        g_autofree double *held = frontline_area_series_get_controlled (series, faction);
        g_autofree double *file_held = frontline_area_series_get_controlled (file_series,
                                                                              file_faction);

        for (guint d = 0; d < n_days; d++)
          g_assert_cmpfloat (fabs (held[d] - file_held[d]), <=, 1e-6 * MAX (1.0, file_held[d]));
      }
  }
}

static void
test_area_series_lost (void)
{
  g_autoptr(FrontlineDataset) dataset = open_table ("kursk");
  g_autoptr(FrontlineAreaSeries) series = NULL;
  g_autoptr(GError) error = NULL;

  frontline_test_pg_stop (pg);
  series = frontline_area_series_new (dataset, NULL, &error);
  g_assert_null (series);
  g_assert_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_LOST);
  g_clear_error (&error);

  /* Back: the next series reconnects. */
  frontline_test_pg_start (pg);
  series = frontline_area_series_new (dataset, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (frontline_area_series_get_n_lines (series), >, 0);
}

static double largest_difference;

static void
assert_close_km2 (double      value,
                  double      expected,
                  const char *what)
{
  if (expected > 1)
    largest_difference = MAX (largest_difference, fabs (value - expected) / expected);
  /* Within 0.5 %, or a hundredth of a km² for sides that barely moved. */
  if (fabs (value - expected) > MAX (0.005 * expected, 0.01))
    g_error ("%s: %.4f km² from the server, %.4f km² from the file", what, value, expected);
}

/* Gains and losses per side on the server (ST_Difference of each layer's
 * union, geography areas) against the file's GEOS comparison, in a box
 * covering the data. */
static void
test_compare (void)
{
  g_autoptr(FrontlineDataset) dataset = open_table ("kursk");
  FrontlineArchive *archive = frontline_dataset_get_archive (dataset);
  guint n_days;
  const FrontlineDay *days = frontline_dataset_get_days (kursk_file, &n_days);
  FrontlineDay pairs[][2] = {
    { days[0], days[n_days / 2] },
    { days[n_days / 4], days[n_days - 1] },
    { days[n_days / 2], days[n_days / 2 + 1] },
    { days[n_days - 1], days[0] },
  };
  double box[4];
  double moved = 0;

  g_assert_true (frontline_dataset_get_bbox (kursk_file, box));
  box[0] -= 0.1;
  box[1] -= 0.1;
  box[2] += 0.1;
  box[3] += 0.1;

  for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
    {
      g_autoptr(FrontlineComparison) file = frontline_comparison_new (kursk_file, pairs[p][0],
                                                                      pairs[p][1], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) changes = frontline_archive_compare (archive, FRONTLINE_STATUS_CONTROLLED,
                                                                pairs[p][0], pairs[p][1], box, 18,
                                                                NULL, &error);
      GPtrArray *file_changes = frontline_comparison_get_changes (file);

      g_assert_no_error (error);
      g_assert_cmpuint (changes->len, ==, file_changes->len);
      for (guint i = 0; i < changes->len; i++)
        {
          FrontlineArchiveChange *change = g_ptr_array_index (changes, i);
          FrontlineChange *file_change = g_ptr_array_index (file_changes, i);
          double gained, lost;
          g_autofree char *what = g_strdup_printf ("%s, pair %u", frontline_faction_get_id (file_change->faction), p);

          g_assert_cmpstr (frontline_faction_get_id (change->change.faction), ==,
                           frontline_faction_get_id (file_change->faction));
          g_assert_true (change->change.complete);
          g_assert_true (file_change->complete);
          frontline_comparison_get_change_km2 (file, i, &gained, &lost);
          assert_close_km2 (change->gained_km2, gained, what);
          assert_close_km2 (change->lost_km2, lost, what);
          /* The shapes (not simplified at zoom 18) measure the same. */
          assert_close_km2 (frontline_geometry_area_m2 (change->change.gained) / 1e6, gained, what);
          moved += gained + lost;
        }
    }
  g_assert_cmpfloat (moved, >, 100);
  g_test_message ("%.0f km² gained and lost; the server's within %.1e of the file's (relative)",
                  moved, largest_difference);
}

/* The comparison the view state computes (FrontlineComparison) for an
 * archive comes from the server, for the view last fetched: the day compared
 * with need not have been fetched, and the shapes are simplified for the
 * zoom. */
static void
test_compare_view (void)
{
  g_autoptr(FrontlineDataset) dataset = open_table ("kursk");
  FrontlineArchive *archive = frontline_dataset_get_archive (dataset);
  guint n_days;
  const FrontlineDay *days = frontline_dataset_get_days (kursk_file, &n_days);
  FrontlineDay from = days[n_days / 4];
  FrontlineDay to = days[n_days - 1];
  g_autoptr(FrontlineComparison) file = frontline_comparison_new (kursk_file, from, to, NULL);
  g_autoptr(FrontlineComparison) detailed = NULL;
  g_autoptr(FrontlineComparison) coarse = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GError) error = NULL;
  double box[4];
  guint n_queries, n_points[2] = { 0, 0 };

  g_assert_true (frontline_dataset_get_bbox (kursk_file, box));
  shown = frontline_archive_fetch (archive, to, box, 18, NULL, &error);
  g_assert_no_error (error);

  n_queries = frontline_archive_get_n_queries (archive);
  detailed = frontline_comparison_new (dataset, from, to, NULL);
  g_assert_cmpuint (frontline_archive_get_n_queries (archive), ==, n_queries + 1);
  g_assert_cmpuint (frontline_comparison_get_changes (detailed)->len, ==,
                    frontline_comparison_get_changes (file)->len);
  for (guint i = 0; i < frontline_comparison_get_changes (file)->len; i++)
    {
      FrontlineChange *change = g_ptr_array_index (frontline_comparison_get_changes (detailed), i);
      double gained, lost, file_gained, file_lost;

      g_assert_true (change->complete);
      frontline_comparison_get_change_km2 (detailed, i, &gained, &lost);
      frontline_comparison_get_change_km2 (file, i, &file_gained, &file_lost);
      assert_close_km2 (gained, file_gained, frontline_faction_get_id (change->faction));
      assert_close_km2 (lost, file_lost, frontline_faction_get_id (change->faction));
      n_points[0] += change->gained->n_points + change->lost->n_points;
    }
  g_assert_cmpstr (frontline_comparison_get_text (detailed), ==, frontline_comparison_get_text (file));

  /* Zoomed out: the same figures, coarser shapes. */
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = frontline_archive_fetch (archive, to, box, 6, NULL, &error);
  g_assert_no_error (error);
  coarse = frontline_comparison_new (dataset, from, to, NULL);
  for (guint i = 0; i < frontline_comparison_get_changes (coarse)->len; i++)
    {
      FrontlineChange *change = g_ptr_array_index (frontline_comparison_get_changes (coarse), i);
      double gained, file_gained;

      frontline_comparison_get_change_km2 (coarse, i, &gained, NULL);
      frontline_comparison_get_change_km2 (file, i, &file_gained, NULL);
      assert_close_km2 (gained, file_gained, frontline_faction_get_id (change->faction));
      n_points[1] += change->gained->n_points + change->lost->n_points;
    }
  g_assert_cmpuint (n_points[1], <, n_points[0]);

  /* The server gone: said, not shown as no change. */
  frontline_test_pg_stop (pg);
  {
    g_autoptr(FrontlineComparison) lost = frontline_comparison_new (dataset, from, to, NULL);
    FrontlineChange *change = g_ptr_array_index (frontline_comparison_get_changes (lost), 0);

    g_assert_false (change->complete);
  }
  frontline_test_pg_start (pg);
}

static void
test_placeholder (void)
{
  g_autoptr(FrontlineDataset) file = frontline_test_load_json ("placeholder.geojson", placeholder_json);
  g_autoptr(FrontlineDataset) dataset = NULL;
  FrontlineArchive *archive;
  const double west[4] = { 29, 49, 32, 54 };
  g_autoptr(GPtrArray) day1 = NULL;
  g_autoptr(GPtrArray) day2 = NULL;
  g_autoptr(GError) error = NULL;
  FrontlineDay first;

  publish (file, "placeholder");
  dataset = open_table ("placeholder");
  archive = frontline_dataset_get_archive (dataset);
  first = frontline_dataset_get_first_day (dataset);

  day1 = frontline_archive_fetch (archive, first, west, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day1->len, ==, 2);

  /* Day 2: a's state is the east square alone; b's is still day 1's. */
  day2 = frontline_archive_fetch (archive, first + 1, west, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day2->len, ==, 1);
  g_assert_cmpstr (frontline_area_get_id (g_ptr_array_index (day2, 0)), ==, "b-west");
}

static void
test_cache (void)
{
  g_autoptr(FrontlineDataset) dataset = open_table ("kursk");
  FrontlineArchive *archive = frontline_dataset_get_archive (dataset);
  guint n_days;
  const FrontlineDay *days = frontline_dataset_get_days (dataset, &n_days);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) inside = NULL;
  double bbox[4], small[4];
  guint n_queries;
  gsize one_day, limit;

  g_assert_true (frontline_dataset_get_bbox (kursk_file, bbox));
  first = frontline_archive_fetch (archive, days[n_days - 1], bbox, 8, NULL, NULL);
  n_queries = frontline_archive_get_n_queries (archive);
  g_assert_cmpuint (frontline_archive_get_cache_size (archive), >, 0);

  again = frontline_archive_fetch (archive, days[n_days - 1], bbox, 8.7, NULL, NULL);
  g_assert_cmpuint (frontline_archive_get_n_queries (archive), ==, n_queries);
  g_assert_cmpuint (again->len, ==, first->len);
  for (guint i = 0; i < first->len; i++)
    g_assert_true (g_ptr_array_index (first, i) == g_ptr_array_index (again, i));

  /* A smaller box within it: no query either. */
  small[0] = bbox[0] + 0.1;
  small[1] = bbox[1] + 0.1;
  small[2] = bbox[2] - 0.1;
  small[3] = bbox[3] - 0.1;
  inside = frontline_archive_fetch (archive, days[n_days - 1], small, 8, NULL, NULL);
  g_assert_cmpuint (frontline_archive_get_n_queries (archive), ==, n_queries);

  /* Another zoom band asks again. */
  g_ptr_array_unref (frontline_archive_fetch (archive, days[n_days - 1], bbox, 12, NULL, NULL));
  g_assert_cmpuint (frontline_archive_get_n_queries (archive), ==, n_queries + 1);

  /* Bounded: every day, with room for about three. */
  one_day = frontline_archive_get_cache_size (archive) / 2;
  limit = 3 * one_day;
  frontline_archive_set_cache_limit (archive, limit);
  for (guint d = 0; d < n_days; d++)
    {
      g_autoptr(GPtrArray) areas = frontline_archive_fetch (archive, days[d], bbox, 8, NULL, NULL);

      g_assert_nonnull (areas);
      g_assert_cmpuint (frontline_archive_get_cache_size (archive), <=, MAX (limit, 2 * one_day));
    }
}

static void
test_lost (void)
{
  g_autoptr(FrontlineDataset) dataset = open_table ("kursk");
  FrontlineArchive *archive = frontline_dataset_get_archive (dataset);
  guint n_days;
  const FrontlineDay *days = frontline_dataset_get_days (dataset, &n_days);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GError) error = NULL;
  double bbox[4];

  g_assert_true (frontline_dataset_get_bbox (kursk_file, bbox));
  before = frontline_archive_fetch (archive, days[0], bbox, 8, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, >, 0);

  frontline_test_pg_stop (pg);
  after = frontline_archive_fetch (archive, days[1], bbox, 8, NULL, &error);
  g_assert_null (after);
  g_assert_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_LOST);
  g_assert_nonnull (strstr (error->message, "kursk"));
  g_clear_error (&error);

  /* What was shown stays. */
  shown = frontline_dataset_get_state_at (dataset, days[0]);
  g_assert_cmpuint (shown->len, ==, before->len);

  /* Still down: still lost. */
  after = frontline_archive_fetch (archive, days[1], bbox, 8, NULL, &error);
  g_assert_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_LOST);
  g_clear_error (&error);

  /* Back: the next fetch reconnects. */
  frontline_test_pg_start (pg);
  after = frontline_archive_fetch (archive, days[1], bbox, 8, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (after);
}

static void
test_not_frontline (void)
{
  g_autoptr(FrontlineArchiveLocation) other = location_for ("other");
  g_autoptr(FrontlineArchiveLocation) missing = location_for ("missing");
  g_autoptr(FrontlineArchiveLocation) unlisted = location_for ("unlisted");
  g_autoptr(GError) error = NULL;
  FrontlineDataset *dataset;

  frontline_test_pg_exec (pg, "CREATE TABLE IF NOT EXISTS public.other (id int, name text)");
  frontline_test_pg_exec (pg, "CREATE TABLE IF NOT EXISTS public.unlisted (LIKE public.kursk)");

  dataset = frontline_dataset_open_archive (other, NULL, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE);
  g_assert_nonnull (strstr (error->message, "other"));
  g_clear_error (&error);

  dataset = frontline_dataset_open_archive (missing, NULL, NULL, &error);
  g_assert_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE);
  g_assert_nonnull (strstr (error->message, "missing"));
  g_clear_error (&error);

  /* The right columns but no row in frontline_datasets. */
  dataset = frontline_dataset_open_archive (unlisted, NULL, NULL, &error);
  g_assert_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE);
  g_assert_nonnull (strstr (error->message, "unlisted"));
  g_clear_error (&error);
}

static void
on_open_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  FrontlineDataset **dataset = user_data;
  g_autoptr(GError) error = NULL;

  *dataset = frontline_dataset_open_archive_finish (result, &error);
  g_assert_no_error (error);
}

static void
on_areas_changed_cb (FrontlineViewState *state,
                     gpointer            user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_view_state (void)
{
  g_autoptr(FrontlineArchiveLocation) location = location_for ("kursk");
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(FrontlineViewState) state = frontline_view_state_new ();
  FrontlineView view = { 0 };
  guint n_days;
  const FrontlineDay *days;
  double view_in[3];
  guint n_changed = 0;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) expected = NULL;

  frontline_dataset_open_archive_async (location, NULL, NULL, on_open_cb, &dataset);
  while (dataset == NULL)
    g_main_context_iteration (NULL, TRUE);
  days = frontline_dataset_get_days (dataset, &n_days);

  g_signal_connect (state, "areas-changed", G_CALLBACK (on_areas_changed_cb), &n_changed);
  g_assert_true (frontline_dataset_get_default_view (kursk_file, view_in) ||
                 (view_in[0] = 35.5, view_in[1] = 51.3, view_in[2] = 8, TRUE));
  view.center_lon = view_in[0];
  view.center_lat = view_in[1];
  view.zoom = 8;
  view.width = 1200;
  view.height = 800;
  frontline_view_state_set_view (state, &view);
  frontline_view_state_set_dataset (state, dataset);
  frontline_view_state_set_day (state, days[2]);
  /* Changed again at once: only the last counts. */
  frontline_view_state_set_day (state, days[n_days - 1]);

  while (n_changed == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (frontline_view_state_get_error (state));

  shown = frontline_dataset_get_state_at (dataset, days[n_days - 1]);
  expected = frontline_dataset_get_state_at (kursk_file, days[n_days - 1]);
  g_assert_cmpuint (shown->len, >, 0);
  g_assert_cmpuint (shown->len, <=, expected->len);

  /* A new view fetches again. */
  n_changed = 0;
  view.zoom = 6;
  frontline_view_state_set_view (state, &view);
  while (n_changed == 0)
    g_main_context_iteration (NULL, TRUE);
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = frontline_dataset_get_state_at (dataset, days[n_days - 1]);
  g_assert_cmpuint (shown->len, ==, expected->len);

  frontline_view_state_set_dataset (state, NULL);
}

static void
on_error_notify_cb (FrontlineViewState *state,
                    GParamSpec         *pspec,
                    gpointer            user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* The view state when the server goes: the error property says so, the
 * areas shown stay; fetching again once it is back clears it. */
static void
test_view_state_lost (void)
{
  g_autoptr(FrontlineDataset) dataset = open_table ("kursk");
  g_autoptr(FrontlineViewState) state = frontline_view_state_new ();
  FrontlineView view = { 35.5, 51.3, 7, 1200, 800 };
  guint n_days;
  const FrontlineDay *days = frontline_dataset_get_days (dataset, &n_days);
  guint n_changed = 0;
  guint n_errors = 0;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  g_signal_connect (state, "areas-changed", G_CALLBACK (on_areas_changed_cb), &n_changed);
  g_signal_connect (state, "notify::error", G_CALLBACK (on_error_notify_cb), &n_errors);
  frontline_view_state_set_view (state, &view);
  frontline_view_state_set_dataset (state, dataset);
  frontline_view_state_set_day (state, days[0]);
  while (n_changed == 0)
    g_main_context_iteration (NULL, TRUE);
  before = frontline_dataset_get_state_at (dataset, days[0]);
  g_assert_cmpuint (before->len, >, 0);

  frontline_test_pg_stop (pg);
  frontline_view_state_set_day (state, days[3]);
  while (n_errors == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error ((GError *) frontline_view_state_get_error (state), FRONTLINE_ARCHIVE_ERROR,
                  FRONTLINE_ARCHIVE_ERROR_LOST);
  g_assert_cmpuint (n_changed, ==, 1);
  after = frontline_dataset_get_state_at (dataset, days[0]);
  g_assert_cmpuint (after->len, ==, before->len);

  frontline_test_pg_start (pg);
  frontline_view_state_fetch_areas (state);
  while (n_changed == 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (frontline_view_state_get_error (state));
  g_clear_pointer (&after, g_ptr_array_unref);
  after = frontline_dataset_get_state_at (dataset, days[3]);
  g_assert_cmpuint (after->len, >, 0);

  frontline_view_state_set_dataset (state, NULL);
}

static void
on_comparison_notify_cb (FrontlineViewState *state,
                         GParamSpec         *pspec,
                         gpointer            user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* The window's comparison: the view state's, for its view, from the
 * server; over a view holding all the data, the file's figures. */
static void
test_view_state_compare (void)
{
  g_autoptr(FrontlineDataset) dataset = open_table ("kursk");
  g_autoptr(FrontlineViewState) state = frontline_view_state_new ();
  guint n_days;
  const FrontlineDay *days = frontline_dataset_get_days (kursk_file, &n_days);
  FrontlineDay from = days[n_days / 4];
  FrontlineDay to = days[n_days - 1];
  g_autoptr(FrontlineComparison) file = frontline_comparison_new (kursk_file, from, to, NULL);
  FrontlineComparison *comparison = NULL;
  FrontlineView view = { 0 };
  double bbox[4];
  guint n_changed = 0, n_compared = 0;

  g_assert_true (frontline_dataset_get_bbox (kursk_file, bbox));
  view.center_lon = (bbox[0] + bbox[2]) / 2;
  view.center_lat = (bbox[1] + bbox[3]) / 2;
  view.zoom = 7;
  view.width = 1400;
  view.height = 900;
  g_signal_connect (state, "areas-changed", G_CALLBACK (on_areas_changed_cb), &n_changed);
  g_signal_connect (state, "notify::comparison", G_CALLBACK (on_comparison_notify_cb), &n_compared);
  frontline_view_state_set_view (state, &view);
  frontline_view_state_set_dataset (state, dataset);
  frontline_view_state_set_day (state, to);
  frontline_view_state_compare (state, from, FALSE);

  /* The areas, then the comparison made after them. */
  while (n_changed == 0)
    g_main_context_iteration (NULL, TRUE);
  n_compared = 0;
  while (n_compared == 0)
    g_main_context_iteration (NULL, TRUE);
  comparison = frontline_view_state_get_comparison (state);
  g_assert_nonnull (comparison);
  g_assert_cmpuint (frontline_comparison_get_from (comparison), ==, from);
  g_assert_cmpuint (frontline_comparison_get_to (comparison), ==, to);
  for (guint i = 0; i < frontline_comparison_get_changes (file)->len; i++)
    {
      FrontlineChange *change = g_ptr_array_index (frontline_comparison_get_changes (comparison), i);
      double gained, lost, file_gained, file_lost;

      g_assert_true (change->complete);
      frontline_comparison_get_change_km2 (comparison, i, &gained, &lost);
      frontline_comparison_get_change_km2 (file, i, &file_gained, &file_lost);
      assert_close_km2 (gained, file_gained, frontline_faction_get_id (change->faction));
      assert_close_km2 (lost, file_lost, frontline_faction_get_id (change->faction));
    }
  g_assert_cmpstr (frontline_comparison_get_text (comparison), ==, frontline_comparison_get_text (file));

  frontline_view_state_set_dataset (state, NULL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  frontline_test_init (&argc, &argv, NULL);

  /* No skipping: without a server the test fails (build-aux/install-deps). */
  pg = frontline_test_pg_new ();

  kursk_file = frontline_test_load_bundled ("kursk-2024-2025.geojson");
  publish (kursk_file, "kursk");

  g_test_add_func ("/archive/open", test_open);
  g_test_add_func ("/archive/fetch-matches-file", test_fetch_matches_file);
  g_test_add_func ("/archive/simplified", test_simplified);
  g_test_add_func ("/archive/on-server", test_on_server);
  g_test_add_func ("/archive/area-series", test_area_series);
  g_test_add_func ("/archive/area-series-lost", test_area_series_lost);
  g_test_add_func ("/archive/compare", test_compare);
  g_test_add_func ("/archive/compare-view", test_compare_view);
  g_test_add_func ("/archive/placeholder", test_placeholder);
  g_test_add_func ("/archive/cache", test_cache);
  g_test_add_func ("/archive/not-frontline", test_not_frontline);
  g_test_add_func ("/archive/view-state", test_view_state);
  g_test_add_func ("/archive/view-state-compare", test_view_state_compare);
  g_test_add_func ("/archive/lost", test_lost);
  g_test_add_func ("/archive/view-state-lost", test_view_state_lost);

  status = g_test_run ();
  g_clear_object (&kursk_file);
  frontline_test_pg_free (pg);
  return status;
}
