/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Datasets for the tests: the bundled ones, and small ones written from a
 * JSON string into the run's scratch cache. Display-free, so every test can
 * include it. */

#pragma once

#include <gio/gio.h>

#include "frontline-dataset.h"

/* A dataset of data/datasets/, by file name; fails the test if it does not
 * load. */
static inline FrontlineDataset *
frontline_test_load_bundled (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FrontlineDataset *dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

/* @json written to @name in the user cache folder (build-aux/test gives
 * each run its own) and loaded; fails the test if it does not load. */
static inline FrontlineDataset *
frontline_test_load_json (const char *name,
                          const char *json)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FrontlineDataset *dataset;

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return dataset;
}
