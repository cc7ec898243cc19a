/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The save round trip: whatever loads saves to a file that loads back to the
 * same dataset (issue 11: `1e400` saved as `inf.0`, dropped members). */

#include "fuzz-dataset-common.h"
#include "fuzz-compare.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(FrontlineDataset) reloaded = NULL;
  g_autoptr(GFile) saved = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;

  fuzz_init ();
  path = fuzz_write_scratch ("in/dataset.geojson", data, size);

  dataset = fuzz_load_dataset (path, &error);
  if (dataset == NULL || !frontline_dataset_can_save (dataset))
    return 0;

  saved = g_file_new_for_path (fuzz_scratch_path ("out/dataset.geojson"));
  g_file_delete (saved, NULL, NULL);
  if (!frontline_dataset_save (dataset, saved, NULL, &error))
    {
      fprintf (stderr, "fuzz: a dataset that loads does not save: %s\n", error->message);
      abort ();
    }

  reloaded = fuzz_load_dataset (fuzz_scratch_path ("out/dataset.geojson"), &error);
  if (reloaded == NULL)
    {
      fprintf (stderr, "fuzz: the saved dataset does not load: %s\n", error->message);
      abort ();
    }

  if (!fuzz_same_dataset (dataset, reloaded))
    abort ();

  return 0;
}
