/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "frontline-application.h"

G_BEGIN_DECLS

typedef gboolean (*FrontlineTestCondition) (gpointer data);

/* Iterates the main context until @condition holds, failing the test after
 * @timeout_ms: UI tests wait for what they expect, never for a fixed time. */
static inline void
frontline_test_wait_until (FrontlineTestCondition condition,
                           gpointer               data,
                           guint                  timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out after %u ms waiting for a condition", timeout_ms);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static inline void
frontline_test_spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Returns the first toplevel of @type, or NULL. */
static inline GtkWindow *
frontline_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static inline gboolean
frontline_test_has_toplevel_cb (gpointer data)
{
  return frontline_test_find_toplevel ((GType) GPOINTER_TO_SIZE (data)) != NULL;
}

static inline GtkWindow *
frontline_test_wait_for_toplevel (GType type)
{
  frontline_test_wait_until (frontline_test_has_toplevel_cb, GSIZE_TO_POINTER (type), 5000);
  return frontline_test_find_toplevel (type);
}

/* Closes every toplevel and lets GTK settle, so tests don't see each other's
 * windows. Transient dialogs go first, then the windows they belong to. */
static inline void
frontline_test_close_all (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (int pass = 0; pass < 2; pass++)
    {
      guint i = 0;

      while (i < g_list_model_get_n_items (toplevels))
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

          if (pass == 0 && gtk_window_get_transient_for (window) == NULL)
            {
              i++;
              continue;
            }

          gtk_window_destroy (window);
          frontline_test_spin (10);
        }
    }

  frontline_test_spin (20);
}

/* A registered application whose startup has run (GTK and libadwaita are
 * initialised), without running its main loop. */
static inline FrontlineApplication *
frontline_test_application_new (void)
{
  g_autoptr(GError) error = NULL;
  FrontlineApplication *app = frontline_application_new ();

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}

G_END_DECLS
