/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Replays files through a fuzz target's LLVMFuzzerTestOneInput with no
 * libFuzzer, so that the normal build (gcc, and gcc with ASan/UBSan) runs the
 * checked-in corpus and crash reproducers as tests. Arguments are files or
 * folders (every file in them, sorted, not recursing); each file is one TAP
 * test. A crash or an abort is the failure; a missing folder is skipped. */

#include "fuzz-common.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
collect (const char *path,
         GPtrArray  *files)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (files, g_strdup (path));
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (name[0] != '.' && g_file_test (child, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (files, g_steal_pointer (&child));
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  LLVMFuzzerInitialize (&argc, &argv);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

      collect (argv[i], found);
      g_ptr_array_sort (found, compare_names);
      for (guint j = 0; j < found->len; j++)
        g_ptr_array_add (files, g_strdup (g_ptr_array_index (found, j)));
    }

  printf ("1..%u\n", files->len);
  if (files->len == 0)
    printf ("# no inputs\n");
  fflush (stdout);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *contents = NULL;
      gsize length = 0;
      g_autoptr(GError) error = NULL;

      /* Said before the run, so a crash names its input in the log. */
      printf ("# %s\n", path);
      fflush (stdout);

      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          printf ("not ok %u - %s: %s\n", i + 1, path, error->message);
          continue;
        }

      LLVMFuzzerTestOneInput ((const guint8 *) contents, length);
      printf ("ok %u - %s\n", i + 1, path);
      fflush (stdout);
    }

  return 0;
}
