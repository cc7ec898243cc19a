/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Browsing a long dataset from PostGIS beside loading it from its file.
 *
 *   bench-archive FILE [SAMPLED_DAYS]
 *
 * Starts a PostgreSQL 15 + PostGIS server in a temporary folder (a socket,
 * no TCP; tests/frontline-test-pg.c), publishes FILE into it, then measures in two fresh processes, so
 * that neither's memory counts in the other's:
 *
 *   file:    load the file; switching the date = the state of the day and
 *            its areas simplified for the view's zoom (what the map draws),
 *            first and second time; memory after loading;
 *   archive: open (metadata and dates); switching the date = fetching the
 *            day for the view (1400 x 900 px at zoom 7 over the data, then
 *            at zoom 10 over the front), first (a query) and cached; memory
 *            after opening and at the end.
 *
 * Then comparing each sampled day with the one before it in the sample:
 * the file's GEOS comparison (FrontlineComparison) and the archive's on the
 * server for the zoom-7 view (frontline_archive_compare).
 *
 * Medians of wall time over SAMPLED_DAYS days spread over the dates (60
 * unless given). */

#include "config.h"

#include <stdlib.h>

#include "frontline-area.h"
#include "frontline-archive.h"
#include "frontline-comparison.h"
#include "frontline-dataset.h"
#include "frontline-projection.h"
#include "../frontline-test-pg.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

static double
median_ms (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2) * 1000.0;
}

/* A line of /proc/self/status, in MiB: VmRSS (resident now) or VmHWM (the
 * peak; unlike getrusage's, not carried over from the parent across exec). */
static double
status_mib (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, key)) == NULL)
    return 0.0;
  return g_ascii_strtod (line + strlen (key), NULL) / 1024.0;
}

static double
rss_mib (void)
{
  return status_mib ("VmRSS:");
}

static double
peak_mib (void)
{
  return status_mib ("VmHWM:");
}

/* 1400 x 900 px over the data: all of it at zoom 7, the front's middle at 10. */
static const double zooms[] = { 7, 10 };

static void
view_for (FrontlineView *view,
          double         zoom,
          double         bbox[4])
{
  view->center_lon = 36.5;
  view->center_lat = 49.5;
  view->zoom = zoom;
  view->width = 1400;
  view->height = 900;
  frontline_view_get_bbox (view, bbox);
}

static GArray *
sample_days (const FrontlineDay *days,
             guint               n_days,
             guint               n_samples)
{
  GArray *sample = g_array_new (FALSE, FALSE, sizeof (FrontlineDay));

  for (guint i = 0; i < n_samples && i < n_days; i++)
    g_array_append_val (sample, days[(gsize) i * n_days / MIN (n_samples, n_days)]);
  return sample;
}

static int
run_file (const char *path,
          guint       n_samples)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(GArray) sample = NULL;
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) second = g_array_new (FALSE, FALSE, sizeof (double));
  const FrontlineDay *days;
  guint n_days;
  FrontlineView view;
  double bbox[4];
  gint64 start = g_get_monotonic_time ();

  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    g_error ("%s", error->message);
  g_print ("file: loaded in %.2f s, %.0f MiB resident after loading (peak %.0f MiB)\n",
           (g_get_monotonic_time () - start) / 1e6, rss_mib (), peak_mib ());

  days = frontline_dataset_get_days (dataset, &n_days);
  sample = sample_days (days, n_days, n_samples);
  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      view_for (&view, zooms[z], bbox);
      g_array_set_size (first, 0);
      g_array_set_size (second, 0);
      for (guint pass = 0; pass < 2; pass++)
        for (guint i = 0; i < sample->len; i++)
          {
            gint64 t = g_get_monotonic_time ();
            g_autoptr(GPtrArray) state = frontline_dataset_get_state_at (dataset,
                                                                         g_array_index (sample, FrontlineDay, i));
            double seconds;

            for (guint a = 0; a < state->len; a++)
              frontline_geometry_unref (frontline_area_get_geometry_for_zoom (g_ptr_array_index (state, a),
                                                                              view.zoom));
            seconds = (g_get_monotonic_time () - t) / 1e6;
            g_array_append_val (pass == 0 ? first : second, seconds);
          }
      g_print ("file: date switch (state + simplified for zoom %g) first %.2f ms, again %.3f ms (medians of %u days)\n",
               view.zoom, median_ms (first), median_ms (second), sample->len);
    }
  g_array_set_size (first, 0);
  for (guint i = 1; i < sample->len; i++)
    {
      gint64 t = g_get_monotonic_time ();
      g_autoptr(FrontlineComparison) comparison =
        frontline_comparison_new (dataset, g_array_index (sample, FrontlineDay, i - 1),
                                  g_array_index (sample, FrontlineDay, i), NULL);
      double seconds = (g_get_monotonic_time () - t) / 1e6;

      g_array_append_val (first, seconds);
    }
  if (first->len > 0)
    g_print ("file: compare (GEOS, every side) %.2f ms (median of %u pairs)\n",
             median_ms (first), first->len);
  g_print ("file: %.0f MiB resident at the end (peak %.0f MiB)\n", rss_mib (), peak_mib ());
  return 0;
}

static int
run_archive (const char *address,
             guint       n_samples)
{
  g_autoptr(FrontlineArchiveLocation) location = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(GArray) sample = NULL;
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) second = g_array_new (FALSE, FALSE, sizeof (double));
  FrontlineArchive *archive;
  const FrontlineDay *days;
  guint n_days;
  guint n_areas = 0;
  FrontlineView view;
  double bbox[4];
  gint64 start = g_get_monotonic_time ();

  location = frontline_archive_location_parse (address, &error);
  if (location == NULL)
    g_error ("%s", error->message);
  dataset = frontline_dataset_open_archive (location, NULL, NULL, &error);
  if (dataset == NULL)
    g_error ("%s", error->message);
  archive = frontline_dataset_get_archive (dataset);
  days = frontline_dataset_get_days (dataset, &n_days);
  g_print ("archive: opened (%u dates) in %.3f s, %.0f MiB resident after opening\n",
           n_days, (g_get_monotonic_time () - start) / 1e6, rss_mib ());

  sample = sample_days (days, n_days, n_samples);
  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      view_for (&view, zooms[z], bbox);
      g_array_set_size (first, 0);
      g_array_set_size (second, 0);
      for (guint pass = 0; pass < 2; pass++)
        for (guint i = 0; i < sample->len; i++)
          {
            gint64 t = g_get_monotonic_time ();
            g_autoptr(GPtrArray) areas = frontline_archive_fetch (archive,
                                                                  g_array_index (sample, FrontlineDay, i),
                                                                  bbox, view.zoom, NULL, &error);
            double seconds = (g_get_monotonic_time () - t) / 1e6;

            if (areas == NULL)
              g_error ("%s", error->message);
            n_areas = areas->len;
            g_array_append_val (pass == 0 ? first : second, seconds);
          }
      g_print ("archive: date switch (fetch of the view at zoom %g, %u areas) first %.2f ms, cached %.3f ms (medians of %u days; %u queries so far)\n",
               view.zoom, n_areas, median_ms (first), median_ms (second), sample->len,
               frontline_archive_get_n_queries (archive));
    }
  view_for (&view, zooms[0], bbox);
  g_array_set_size (first, 0);
  for (guint i = 1; i < sample->len; i++)
    {
      gint64 t = g_get_monotonic_time ();
      g_autoptr(GPtrArray) changes =
        frontline_archive_compare (archive, FRONTLINE_STATUS_CONTROLLED,
                                   g_array_index (sample, FrontlineDay, i - 1),
                                   g_array_index (sample, FrontlineDay, i), bbox, view.zoom,
                                   NULL, &error);
      double seconds = (g_get_monotonic_time () - t) / 1e6;

      if (changes == NULL)
        g_error ("%s", error->message);
      g_array_append_val (first, seconds);
    }
  if (first->len > 0)
    g_print ("archive: compare on the server (view at zoom %g, every side) %.2f ms (median of %u pairs)\n",
             view.zoom, median_ms (first), first->len);
  g_print ("archive: %.0f MiB resident at the end (peak %.0f MiB), cache %.1f MiB\n",
           rss_mib (), peak_mib (), frontline_archive_get_cache_size (archive) / 1048576.0);
  return 0;
}

static void
run_child (const char *self,
           const char *mode,
           const char *argument,
           guint       n_samples)
{
  g_autofree char *samples = g_strdup_printf ("%u", n_samples);
  const char *argv[] = { self, mode, argument, samples, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL,
                     NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s %s: %s", mode, argument, error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineTestPg) pg = NULL;
  g_autoptr(FrontlineArchiveLocation) location = NULL;
  g_autofree char *address = NULL;
  guint n_samples;
  gint64 start;

  if (argc >= 3 && g_str_equal (argv[1], "--file"))
    return run_file (argv[2], argc > 3 ? atoi (argv[3]) : 60);
  if (argc >= 3 && g_str_equal (argv[1], "--archive"))
    return run_archive (argv[2], argc > 3 ? atoi (argv[3]) : 60);
  if (argc < 2)
    {
      g_printerr ("usage: bench-archive FILE [SAMPLED_DAYS]\n");
      return 2;
    }
  n_samples = argc > 2 ? atoi (argv[2]) : 60;

  pg = frontline_test_pg_new ();
  location = frontline_test_pg_dup_location (pg, "bench");
  address = frontline_test_pg_dup_address (pg, "bench");

  file = g_file_new_for_path (argv[1]);
  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    g_error ("%s", error->message);
  start = g_get_monotonic_time ();
  if (!frontline_archive_publish (dataset, location, NULL, FALSE, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  g_print ("published %u areas in %.1f s (frontline_archive_publish)\n",
           g_list_model_get_n_items (frontline_dataset_get_areas (dataset)),
           (g_get_monotonic_time () - start) / 1e6);
  g_clear_object (&dataset);

  run_child (argv[0], "--file", argv[1], n_samples);
  run_child (argv[0], "--archive", address, n_samples);
  return 0;
}
