/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What every fuzz target shares: a quiet, strict GLib, and a scratch file per
 * target that the input is written to (the loader and the MBTiles reader read
 * files, not memory). Built twice: with clang and libFuzzer (-Dfuzzing=true),
 * and with the normal compiler and replay-main.c, which replays the corpus in
 * the normal suite. */

#pragma once

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Criticals are bugs (a NULL GError, a json-glib CRITICAL on `[,`): they
 * abort (SIGABRT, which libFuzzer reports with the stack, where GLib's own
 * fatal-criticals would raise SIGTRAP). Debug, info and plain messages are
 * dropped, so that millions of runs do not fill the terminal. */
static inline void
fuzz_log_handler (const char     *domain,
                  GLogLevelFlags  level,
                  const char     *message,
                  gpointer        user_data)
{
  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO | G_LOG_LEVEL_MESSAGE))
    return;
  g_log_default_handler (domain, level, message, user_data);
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR | G_LOG_FLAG_FATAL))
    abort ();
}

static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO | G_LOG_LEVEL_MESSAGE))
    return G_LOG_WRITER_HANDLED;
  g_log_writer_standard_streams (level, fields, n_fields, user_data);
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR | G_LOG_FLAG_FATAL))
    abort ();
  return G_LOG_WRITER_HANDLED;
}

static inline void
fuzz_init (void)
{
  static gboolean done = FALSE;

  if (done)
    return;
  done = TRUE;

  /* Nothing a target does may reach the network or the user's files. */
  g_setenv ("GIO_USE_VFS", "local", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GIO_USE_VOLUME_MONITOR", "unix", TRUE);
  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");

  g_log_set_default_handler (fuzz_log_handler, NULL);
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}

/* The process's scratch folder in $TMPDIR (or /tmp), named after the
 * process, and removed with everything in it when the process exits. */
static inline const char *
fuzz_scratch_dir (void)
{
  static char *dir;

  if (dir == NULL)
    {
      dir = g_strdup_printf ("%s/frontline-fuzz-%d", g_get_tmp_dir (), (int) getpid ());
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          fprintf (stderr, "fuzz: cannot make %s: %s\n", dir, g_strerror (errno));
          abort ();
        }
    }

  return dir;
}

static inline void
fuzz_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            fuzz_remove_tree (child);
          else
            unlink (child);
          g_free (child);
        }
      g_dir_close (dir);
    }
  rmdir (path);
}

static inline void
fuzz_remove_scratch (void)
{
  fuzz_remove_tree (fuzz_scratch_dir ());
}

/* A path in the scratch folder: @name may hold one subfolder ("in/x.geojson"),
 * made on the way. The same path for every run of the process. */
static inline const char *
fuzz_scratch_path (const char *name)
{
  static GHashTable *paths;
  static gboolean registered = FALSE;
  char *path;

  if (!registered)
    {
      registered = TRUE;
      atexit (fuzz_remove_scratch);
    }

  if (paths == NULL)
    paths = g_hash_table_new (g_str_hash, g_str_equal);

  path = g_hash_table_lookup (paths, name);
  if (path == NULL)
    {
      char *parent;

      path = g_build_filename (fuzz_scratch_dir (), name, NULL);
      parent = g_path_get_dirname (path);
      g_mkdir_with_parents (parent, 0700);
      g_free (parent);
      g_hash_table_insert (paths, g_strdup (name), path);
    }

  return path;
}

/* Writes @data to the scratch file @name, replacing what was there, and
 * returns its path. Aborts when the file cannot be written: that is the
 * machine, not a finding. */
static inline const char *
fuzz_write_scratch (const char   *name,
                    const guint8 *data,
                    size_t        size)
{
  const char *path = fuzz_scratch_path (name);
  FILE *file;

  file = fopen (path, "wb");
  if (file == NULL || (size > 0 && fwrite (data, 1, size, file) != size) || fclose (file) != 0)
    {
      fprintf (stderr, "fuzz: cannot write %s: %s\n", path, g_strerror (errno));
      abort ();
    }

  return path;
}
