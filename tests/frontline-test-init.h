/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>

G_BEGIN_DECLS

/* Every test's log writer: a WARNING or CRITICAL from any domain (Gtk,
 * Adwaita, Shumate, GLib-GObject, Frontline…), logged the old way or
 * structured, from any thread, ends the test with the message. Everything
 * else goes to GLib's default writer. */
static inline GLogWriterOutput
frontline_test_log_writer (GLogLevelFlags   log_level,
                           const GLogField *fields,
                           gsize            n_fields,
                           gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      const char *domain = NULL;
      const char *message = NULL;

      for (gsize i = 0; i < n_fields; i++)
        {
          if (g_str_equal (fields[i].key, "GLIB_DOMAIN") && fields[i].length < 0)
            domain = fields[i].value;
          else if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
            message = fields[i].value;
        }

      fprintf (stderr, "%s-%s **: %s\nBail out! A test must log no WARNING or CRITICAL\n",
               domain != NULL ? domain : "**",
               (log_level & G_LOG_LEVEL_ERROR) ? "ERROR" :
               (log_level & G_LOG_LEVEL_CRITICAL) ? "CRITICAL" : "WARNING",
               message != NULL ? message : "(no message)");
      fflush (stderr);
      g_abort ();
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* Removes a scratch folder a test made and the files in it (one level). */
static inline void
frontline_test_remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_unlink (path);
    }
  g_rmdir (folder);
}

/* g_test_init() with the writer above: use it in every test's main(). */
#define frontline_test_init(argc, argv, ...) \
  G_STMT_START { \
    g_test_init ((argc), (argv), __VA_ARGS__); \
    g_log_set_writer_func (frontline_test_log_writer, NULL, NULL); \
  } G_STMT_END

G_END_DECLS
