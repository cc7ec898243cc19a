/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Loads and writes datasets through GDAL and reports, for each case, the
 * median wall time and the median CPU time of the process (user + system,
 * all threads: on a shared machine the CPU time is the steadier figure):
 * loading a dataset as GeoJSON and as GeoPackage (written here, in a
 * temporary folder, by the writer), writing it as GeoPackage (in one
 * transaction, as Frontline does, and without, through the writer's
 * FRONTLINE_GPKG_NO_TRANSACTION, kept for this comparison only) and as KML;
 * then a second, small dataset written to every format the writer knows. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "frontline-dataset.h"
#include "frontline-ogr-writer.h"

typedef struct {
  double wall;
  double cpu;
} Times;

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static Times
medians (double *wall,
         double *cpu,
         guint   repeats)
{
  qsort (wall, repeats, sizeof (double), compare_doubles);
  qsort (cpu, repeats, sizeof (double), compare_doubles);
  return (Times) { wall[repeats / 2], cpu[repeats / 2] };
}

static void
report (const char *what,
        Times       t,
        guint       repeats)
{
  g_print ("  %-44s median wall %8.3f s, CPU %8.3f s (%u runs)\n", what, t.wall, t.cpu, repeats);
}

static Times
time_load (const char *path,
           guint       repeats)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree double *wall = g_new (double, repeats);
  g_autofree double *cpu = g_new (double, repeats);

  for (guint i = 0; i < repeats; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FrontlineDataset) dataset = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_seconds ();

      dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
      if (dataset == NULL)
        g_error ("%s", error->message);
      cpu[i] = cpu_seconds () - cpu_start;
      wall[i] = (g_get_monotonic_time () - start) / 1e6;
    }
  return medians (wall, cpu, repeats);
}

static Times
time_write (FrontlineDataset *dataset,
            const char       *path,
            guint             repeats)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree double *wall = g_new (double, repeats);
  g_autofree double *cpu = g_new (double, repeats);

  for (guint i = 0; i < repeats; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_seconds ();

      if (!frontline_ogr_write (dataset, file, FRONTLINE_DAY_NONE, TRUE, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      cpu[i] = cpu_seconds () - cpu_start;
      wall[i] = (g_get_monotonic_time () - start) / 1e6;
    }
  return medians (wall, cpu, repeats);
}

static FrontlineDataset *
load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FrontlineDataset *dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);

  if (dataset == NULL)
    g_error ("%s", error->message);
  return dataset;
}

int
main (int   argc,
      char *argv[])
{
  static const char * const suffixes[] = { "gpkg", "kml", "kmz", "shp" };
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(FrontlineDataset) small = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *gpkg = NULL;
  g_autofree char *kml = NULL;
  guint repeats;

  if (argc < 3)
    {
      g_printerr ("usage: bench-formats LARGE.geojson SMALL.geojson [REPEATS]\n");
      return EXIT_FAILURE;
    }
  repeats = argc > 3 ? (guint) MAX (1, atoi (argv[3])) : 3;

  folder = g_dir_make_tmp ("bench-formats-XXXXXX", &error);
  g_assert_no_error (error);
  gpkg = g_build_filename (folder, "large.gpkg", NULL);
  kml = g_build_filename (folder, "large.kml", NULL);

  dataset = load (argv[1]);
  g_print ("%s: %u areas\n", argv[1],
           g_list_model_get_n_items (frontline_dataset_get_areas (dataset)));

  report ("write GeoPackage (one transaction)", time_write (dataset, gpkg, repeats), repeats);
  g_setenv ("FRONTLINE_GPKG_NO_TRANSACTION", "1", TRUE);
  report ("write GeoPackage (no transaction)", time_write (dataset, gpkg, repeats), repeats);
  g_unsetenv ("FRONTLINE_GPKG_NO_TRANSACTION");
  /* The last write is the one-transaction file again, for loading. */
  time_write (dataset, gpkg, 1);
  report ("write KML", time_write (dataset, kml, repeats), repeats);
  g_clear_object (&dataset);

  report ("load GeoJSON", time_load (argv[1], repeats), repeats);
  report ("load GeoPackage (written above)", time_load (gpkg, repeats), repeats);

  small = load (argv[2]);
  g_print ("%s: %u areas\n", argv[2],
           g_list_model_get_n_items (frontline_dataset_get_areas (small)));
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strdup_printf ("small.%s", suffixes[i]);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *what = g_strdup_printf ("write %s", suffixes[i]);

      report (what, time_write (small, path, MAX (repeats, 9)), MAX (repeats, 9));
    }

  /* Clean up: every file the writer left in the folder, then the folder. */
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    const char *entry;

    while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (folder, entry, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (folder);

  return EXIT_SUCCESS;
}
