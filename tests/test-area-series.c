/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <math.h>

#include "frontline-area-series.h"
#include "frontline-test-init.h"
#include "frontline-test-data.h"

/* The areas per side, status and day, computed once: against the dataset's
 * own queries and frontline_dataset_format_stats_csv(), with no display. */

/* The CSV as --stats has always printed it: a row per data day and layer. */
static char *
expected_csv (FrontlineDataset *dataset)
{
  GString *csv = g_string_new ("date,faction,status,area_km2\n");
  guint n_days;
  const FrontlineDay *days = frontline_dataset_get_days (dataset, &n_days);

  for (guint d = 0; d < n_days; d++)
    {
      g_autoptr(GArray) layers = frontline_dataset_get_layer_areas (dataset, days[d]);
      char date[11];

      frontline_day_format_buf (days[d], date);
      for (guint l = 0; l < layers->len; l++)
        {
          FrontlineLayerArea *entry = &g_array_index (layers, FrontlineLayerArea, l);
          char area[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (area, sizeof area, "%.3f", entry->area_km2);
          g_string_append_printf (csv, "%s,%s,%s,%s\n", date, frontline_faction_get_id (entry->faction),
                                  frontline_status_to_string (entry->status), area);
        }
    }

  return g_string_free (csv, FALSE);
}

static void
check_series (FrontlineDataset    *dataset,
              FrontlineAreaSeries *series)
{
  GListModel *factions = frontline_dataset_get_factions (dataset);
  g_autofree char *csv = frontline_area_series_format_csv (series);
  g_autofree char *expected = expected_csv (dataset);
  g_autofree char *stats = frontline_dataset_format_stats_csv (dataset);
  guint n_days, n_data_days, found = 0;
  const FrontlineDay *days = frontline_area_series_get_days (series, &n_days);
  const FrontlineDay *data_days = frontline_dataset_get_days (dataset, &n_data_days);

  g_assert_true (frontline_area_series_get_dataset (series) == dataset);

  /* The CSV export's text is --stats' text, byte for byte, as it was. */
  g_assert_cmpstr (csv, ==, expected);
  g_assert_cmpstr (stats, ==, expected);

  /* Every data day is sampled, in order. */
  g_assert_cmpuint (n_days, >=, n_data_days);
  for (guint d = 0; d < n_days; d++)
    {
      if (d > 0)
        g_assert_cmpuint (days[d - 1], <, days[d]);
      if (found < n_data_days && days[d] == data_days[found])
        found++;
    }
  g_assert_cmpuint (found, ==, n_data_days);

  /* Each line holds what the dataset says of its layer on each day. */
  g_assert_cmpuint (frontline_area_series_get_n_lines (series), >, 0);
  for (guint d = 0; d < n_days; d++)
    {
      g_autoptr(GArray) layers = frontline_dataset_get_layer_areas (dataset, days[d]);

      for (guint i = 0; i < frontline_area_series_get_n_lines (series); i++)
        {
          FrontlineFaction *faction = frontline_area_series_get_faction (series, i);
          FrontlineStatus status = frontline_area_series_get_status (series, i);
          double value = frontline_area_series_get_values (series, i)[d];
          double expected_value = NAN;

          for (guint l = 0; l < layers->len; l++)
            {
              FrontlineLayerArea *entry = &g_array_index (layers, FrontlineLayerArea, l);

              if (entry->faction == faction && entry->status == status)
                expected_value = entry->area_km2;
            }
          if (isnan (expected_value))
            g_assert_true (isnan (value));
          else
            g_assert_cmpfloat (value, ==, expected_value);
        }
    }

  /* The timeline's values: controlled ground on each data day. */
  for (guint f = 0; f < g_list_model_get_n_items (factions); f++)
    {
      g_autoptr(FrontlineFaction) faction = g_list_model_get_item (factions, f);
      g_autofree double *controlled = frontline_area_series_get_controlled (series, faction);

      for (guint d = 0; d < n_data_days; d++)
        {
          g_autoptr(GArray) layers = frontline_dataset_get_layer_areas (dataset, data_days[d]);
          double sum = 0;

          for (guint l = 0; l < layers->len; l++)
            {
              FrontlineLayerArea *entry = &g_array_index (layers, FrontlineLayerArea, l);

              if (entry->faction == faction && entry->status == FRONTLINE_STATUS_CONTROLLED)
                sum += entry->area_km2;
            }
          g_assert_cmpfloat (controlled[d], ==, sum);
        }
    }
}

static void
test_bundled (void)
{
  const char *names[] = { "kursk-2024-2025.geojson", "bakhmut-2023.geojson" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled (names[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(FrontlineAreaSeries) series = frontline_area_series_new (dataset, NULL, &error);

      g_assert_no_error (error);
      check_series (dataset, series);
    }
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled ("kursk-2024-2025.geojson");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(FrontlineAreaSeries) series = NULL;
  g_autoptr(GError) error = NULL;

  frontline_area_series_new_async (dataset, NULL, on_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  series = frontline_area_series_new_finish (result, &error);
  g_assert_no_error (error);
  check_series (dataset, series);

  /* Cancelled: an error, no series. */
  g_cancellable_cancel (cancellable);
  frontline_area_series_new_async (dataset, cancellable, on_done_cb, &cancelled);
  while (cancelled == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&series);
  series = frontline_area_series_new_finish (cancelled, &error);
  g_assert_null (series);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, NULL);

  g_test_add_func ("/frontline/area-series/bundled", test_bundled);
  g_test_add_func ("/frontline/area-series/async", test_async);

  return g_test_run ();
}
