/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Replays files through a fuzz target's LLVMFuzzerTestOneInput with no
 * libFuzzer, so that the normal build (gcc, and gcc with ASan/UBSan) runs the
 * checked-in corpus and crash reproducers as tests. Arguments are files or
 * folders (every file in them, sorted, not recursing); each file is one TAP
 * test, run in a child process so that one crash does not hide the others.
 * A signal, a non-zero exit or more than REPLAY_TIMEOUT seconds is a failure. */

#include <signal.h>
#include <sys/wait.h>

#include "fuzz-common.h"

#define REPLAY_TIMEOUT 20

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
  guint failed = 0;

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
      int wait_status = 0;
      pid_t pid;

      /* Said before the run, so a crash names its input in the log. */
      printf ("# %s\n", path);
      fflush (stdout);

      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          printf ("not ok %u - %s: %s\n", i + 1, path, error->message);
          failed++;
          continue;
        }

      /* The parent never runs the target, so it has no threads to fork. */
      pid = fork ();
      if (pid < 0)
        {
          printf ("Bail out! cannot fork: %s\n", g_strerror (errno));
          return 1;
        }
      if (pid == 0)
        {
          alarm (REPLAY_TIMEOUT);
          LLVMFuzzerTestOneInput ((const guint8 *) contents, length);
          fflush (stdout);
          exit (0);
        }

      while (waitpid (pid, &wait_status, 0) < 0 && errno == EINTR)
        ;

      if (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0)
        {
          printf ("ok %u - %s\n", i + 1, path);
        }
      else
        {
          failed++;
          if (WIFSIGNALED (wait_status) && WTERMSIG (wait_status) == SIGALRM)
            printf ("not ok %u - %s: still running after %d s\n", i + 1, path, REPLAY_TIMEOUT);
          else if (WIFSIGNALED (wait_status))
            printf ("not ok %u - %s: killed by signal %d (%s)\n", i + 1, path,
                    WTERMSIG (wait_status), g_strsignal (WTERMSIG (wait_status)));
          else
            printf ("not ok %u - %s: exit status %d\n", i + 1, path, WEXITSTATUS (wait_status));
        }
      fflush (stdout);
    }

  return failed > 0 ? 1 : 0;
}
