/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The cost of a 3840x2160 PNG export at scale 2 (the 1920x1080 view the
 * dataset opens at, twice as sharp) of the last data day, on the offline
 * basemap: the median time of 5 exports to a temporary file, the time of
 * the first (which also places the basemap's labels for the zoom), and the
 * peak memory.
 *
 *   bench-export FILE
 */

#include "config.h"

#include <stdlib.h>
#include <glib/gstdio.h>
#include <sys/resource.h>

#include "frontline-basemap.h"
#include "frontline-exporter.h"

#define REPEATS 5

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) output = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  char day[11];
  FrontlineExportOptions options;
  struct rusage usage;
  gint64 start;
  double basemap_ms;
  double load_s;
  double rss_before;

  if (argc < 2)
    {
      g_printerr ("usage: bench-export FILE\n");
      return EXIT_FAILURE;
    }

  start = g_get_monotonic_time ();
  file = g_file_new_for_commandline_arg (argv[1]);
  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    g_error ("%s", error->message);
  load_s = (g_get_monotonic_time () - start) / 1e6;

  /* Read once per process, by the window as by the command line: not the
   * export's cost. */
  start = g_get_monotonic_time ();
  frontline_basemap_get_default ();
  basemap_ms = (g_get_monotonic_time () - start) / 1000.0;

  getrusage (RUSAGE_SELF, &usage);
  rss_before = usage.ru_maxrss / 1024.0;

  folder = g_dir_make_tmp ("frontline-bench-export-XXXXXX", &error);
  if (folder == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (folder, "export.png", NULL);
  output = g_file_new_for_path (path);

  frontline_export_options_init (&options, dataset, 3840, 2160, 2);
  frontline_day_format_buf (options.day, day);

  for (guint i = 0; i < REPEATS; i++)
    {
      double ms;

      start = g_get_monotonic_time ();
      if (!frontline_export_to_file (&options, output, TRUE, NULL, &error))
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }

  getrusage (RUSAGE_SELF, &usage);
  info = g_file_query_info (output, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);

  g_print ("%s: loaded in %.2f s; basemap read in %.0f ms\n", argv[1], load_s, basemap_ms);
  g_print ("  3840x2160 PNG at scale 2 (zoom %.2f, tiles at zoom %u), %s, %.1f MiB file\n",
           options.view.zoom, frontline_export_tile_zoom (&options), day,
           info ? g_file_info_get_size (info) / (1024.0 * 1024.0) : 0.0);
  g_print ("  first export %.0f ms (places the zoom's labels)\n", g_array_index (times, double, 0));
  g_array_sort (times, compare_doubles);
  g_print ("  export: median %.0f ms (min %.0f, max %.0f, %u runs)\n",
           g_array_index (times, double, times->len / 2),
           g_array_index (times, double, 0),
           g_array_index (times, double, times->len - 1),
           times->len);
  g_print ("  peak memory: %.0f MiB (%.0f MiB before exporting)\n", usage.ru_maxrss / 1024.0, rss_before);

  g_file_delete (output, NULL, NULL);
  g_rmdir (folder);

  return EXIT_SUCCESS;
}
