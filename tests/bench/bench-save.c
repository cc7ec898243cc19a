/* SPDX-License-Identifier: GPL-3.0-or-later */

#define _GNU_SOURCE  /* st_mtim */

/* Saves a dataset several times and reports the median time of each save
 * path: the byte copy (the file unchanged on disk; stops unchanged, then with
 * a stop added) and the document generated from the model (no source). */

#include "config.h"

#include <stdlib.h>

#include "frontline-dataset-save.h"
#include "../frontline-test-compare.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
time_saves (FrontlineDataset *dataset,
            GFile            *out,
            guint             repeats)
{
  g_autofree double *times = g_new (double, repeats);

  for (guint i = 0; i < repeats; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      if (!frontline_dataset_save_full (dataset, out, TRUE, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      times[i] = (g_get_monotonic_time () - start) / 1e6;
    }

  qsort (times, repeats, sizeof (double), compare_doubles);
  return times[repeats / 2];
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) out = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *out_path = NULL;
  guint repeats;
  double copy, copy_edited, generated;

  if (argc < 2)
    {
      g_printerr ("usage: bench-save FILE [REPEATS]\n");
      return EXIT_FAILURE;
    }
  repeats = argc > 2 ? (guint) MAX (1, atoi (argv[2])) : 3;

  file = g_file_new_for_commandline_arg (argv[1]);
  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    g_error ("%s", error->message);

  folder = g_dir_make_tmp ("bench-save-XXXXXX", &error);
  g_assert_no_error (error);
  out_path = g_build_filename (folder, "out.geojson", NULL);
  out = g_file_new_for_path (out_path);

  /* As the loader records it (it may already have). */
  frontline_test_fill_source (dataset, argv[1]);
  copy = time_saves (dataset, out, repeats);

  {
    g_autoptr(FrontlineStop) stop = frontline_stop_new ("Bench", frontline_day_from_dmy (1, 1, 2024),
                                                       30.0, 50.0, 6.0);

    frontline_dataset_add_stop (dataset, stop);
    copy_edited = time_saves (dataset, out, repeats);
  }

  g_clear_pointer (&dataset->source.path, g_free);
  generated = time_saves (dataset, out, repeats);

  g_print ("%s: %u areas, %u runs each\n", argv[1],
           g_list_model_get_n_items (frontline_dataset_get_areas (dataset)), repeats);
  g_print ("  save, byte copy, stops unchanged: median %.3f s\n", copy);
  g_print ("  save, byte copy, a stop added:    median %.3f s\n", copy_edited);
  g_print ("  save, generated from the model:   median %.3f s\n", generated);

  g_unlink (out_path);
  g_rmdir (folder);

  return EXIT_SUCCESS;
}
