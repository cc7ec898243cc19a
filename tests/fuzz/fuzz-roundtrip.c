/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The save round trip: whatever loads saves to a file that loads back to the
 * same dataset (issue 11: `1e400` saved as `inf.0`, dropped members). */

/* struct stat's st_mtim, for the writer's comparison. */
#define _GNU_SOURCE

#include "fuzz-dataset-common.h"
#include "fuzz-compare.h"

/* The writer's deep comparison (tests/frontline-test-compare.h: every member,
 * the JSON it kept, geometry point by point), when the tree has it; its
 * assertions abort, which the fuzzer reports. */
#if __has_include("../frontline-test-compare.h")
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#include "../frontline-test-compare.h"
#pragma GCC diagnostic pop
#define FUZZ_HAVE_TEST_COMPARE 1
#else
#define FUZZ_HAVE_TEST_COMPARE 0
#endif

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
  if (fuzz_skip_known (data, size))
    return 0;
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
#if FUZZ_HAVE_TEST_COMPARE
  frontline_test_assert_datasets_equal (dataset, reloaded);
#endif

  return 0;
}
