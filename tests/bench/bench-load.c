/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Loads a dataset several times and reports the median load time (wall) and
 * its CPU time (user + system, all threads), the areas loaded a second (each
 * with its area computed by the loader), the peak memory against the file's
 * size, and how long the main loop went without running while an
 * asynchronous load was under way (what the UI would feel).
 *
 *   bench-load FILE [REPEATS]
 */

#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include "frontline-area.h"
#include "frontline-dataset.h"

typedef struct {
  GMainLoop        *loop;
  FrontlineDataset *dataset;
  gint64            last_tick;
  gint64            max_gap;
} AsyncRun;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

/* The process's CPU time so far, user and system, all its threads. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static gboolean
on_tick (gpointer user_data)
{
  AsyncRun *run = user_data;
  gint64 now = g_get_monotonic_time ();

  run->max_gap = MAX (run->max_gap, now - run->last_tick);
  run->last_tick = now;

  return G_SOURCE_CONTINUE;
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncRun *run = user_data;
  g_autoptr(GError) error = NULL;

  run->dataset = frontline_dataset_load_finish (result, &error);
  if (error != NULL)
    g_error ("%s", error->message);
  g_main_loop_quit (run->loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  AsyncRun run = { 0 };
  struct rusage usage;
  guint repeats;
  guint n_areas = 0;
  double total_km2 = 0;
  double size_mib;
  double peak_mib;
  guint source;

  if (argc < 2)
    {
      g_printerr ("usage: bench-load FILE [REPEATS]\n");
      return EXIT_FAILURE;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  repeats = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 3;
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  size_mib = info ? g_file_info_get_size (info) / (1024.0 * 1024.0) : 0;

  for (guint i = 0; i < repeats; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FrontlineDataset) dataset = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_seconds ();
      double seconds;
      double cpu;

      dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
      if (dataset == NULL)
        g_error ("%s", error->message);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      cpu = cpu_seconds () - cpu_start;
      g_array_append_val (times, seconds);
      g_array_append_val (cpu_times, cpu);
      /* Areas are part of a load: the loader computes them (a no-op read here). */
      for (guint j = 0; j < g_list_model_get_n_items (frontline_dataset_get_areas (dataset)); j++)
        {
          g_autoptr(FrontlineArea) area = g_list_model_get_item (frontline_dataset_get_areas (dataset), j);

          total_km2 += frontline_area_get_area_km2 (area);
        }
      n_areas = g_list_model_get_n_items (frontline_dataset_get_areas (dataset));
    }

  g_array_sort (times, compare_doubles);
  g_array_sort (cpu_times, compare_doubles);
  getrusage (RUSAGE_SELF, &usage);
  peak_mib = usage.ru_maxrss / 1024.0;

  /* The asynchronous load, as the window does it: the main loop should keep
   * ticking every 5 ms. */
  run.loop = g_main_loop_new (NULL, FALSE);
  run.last_tick = g_get_monotonic_time ();
  source = g_timeout_add (5, on_tick, &run);
  frontline_dataset_load_async (file, NULL, NULL, NULL, on_loaded, &run);
  g_main_loop_run (run.loop);
  g_source_remove (source);
  g_clear_object (&run.dataset);
  g_main_loop_unref (run.loop);

  g_print ("%s: %.1f MiB, %u areas\n", argv[1], size_mib, n_areas);
  g_print ("  load: median %.3f s (min %.3f, max %.3f, %u runs)\n",
           g_array_index (times, double, times->len / 2),
           g_array_index (times, double, 0),
           g_array_index (times, double, times->len - 1),
           times->len);
  g_print ("  CPU time (user + system, all threads): median %.3f s (min %.3f, max %.3f)\n",
           g_array_index (cpu_times, double, cpu_times->len / 2),
           g_array_index (cpu_times, double, 0),
           g_array_index (cpu_times, double, cpu_times->len - 1));
  g_print ("  areas: %.0f a second (wall), their area computed once while loading (%.1f square km in all)\n",
           n_areas / g_array_index (times, double, times->len / 2), total_km2 / repeats);
  g_print ("  peak memory (RSS): %.0f MiB (%.2fx the file)\n", peak_mib, size_mib > 0 ? peak_mib / size_mib : 0);
  g_print ("  longest main-loop gap during an async load: %.1f ms\n", run.max_gap / 1000.0);

  return EXIT_SUCCESS;
}
