/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The dataset loader: any bytes as a .geojson file, then the queries the
 * window and `--stats` make on what loaded. */

#include "fuzz-dataset-common.h"

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
  g_autoptr(GError) error = NULL;
  const char *path;

  fuzz_init ();
  if (fuzz_skip_known (data, size))
    return 0;
  path = fuzz_write_scratch ("dataset.geojson", data, size);

  dataset = fuzz_load_dataset (path, &error);
  if (dataset != NULL)
    fuzz_exercise_dataset (dataset);

  return 0;
}
