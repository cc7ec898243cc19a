/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "frontline-application.h"
#include "frontline-test-init.h"
#include "frontline-window.h"

G_BEGIN_DECLS

/* gtk_test_init() with frontline_test_init()'s log writer: a WARNING or
 * CRITICAL from any domain or thread fails the test. */
#define frontline_gtk_test_init(argc, argv, ...) \
  G_STMT_START { \
    gtk_test_init ((argc), (argv), __VA_ARGS__); \
    g_log_set_writer_func (frontline_test_log_writer, NULL, NULL); \
  } G_STMT_END

typedef gboolean (*FrontlineTestCondition) (gpointer data);

/* A wait of @ms, longer where everything is slower: FRONTLINE_TEST_SLOWDOWN
 * (the valgrind test setup sets 20, build-aux/test --sanitize 3). A hang
 * still fails, only later. */
static inline gint64
frontline_test_scale_ms (guint ms)
{
  const char *slowdown = g_getenv ("FRONTLINE_TEST_SLOWDOWN");
  guint64 factor = slowdown != NULL ? g_ascii_strtoull (slowdown, NULL, 10) : 1;

  return (gint64) ms * (gint64) CLAMP (factor, 1, 100);
}

/* Iterates the main context until @condition holds, failing the test after
 * @timeout_ms: UI tests wait for what they expect, never for a fixed time. */
static inline void
frontline_test_wait_until (FrontlineTestCondition condition,
                           gpointer               data,
                           guint                  timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + frontline_test_scale_ms (timeout_ms) * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out after %" G_GINT64_FORMAT " ms waiting for a condition",
                 frontline_test_scale_ms (timeout_ms));
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

/* A condition for frontline_test_wait_until(): the window (@data) has its
 * dataset. */
static inline gboolean
frontline_test_has_dataset_cb (gpointer data)
{
  return frontline_window_has_dataset (FRONTLINE_WINDOW (data));
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

/* The first widget of @type in @root's tree, @root included, depth first;
 * NULL if there is none. */
static inline GtkWidget *
frontline_test_find_widget (GtkWidget *root,
                            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = frontline_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
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

/* Whether the action @name ("win." + @name) of @widget's class is enabled,
 * as a button bound to it sees it: GTK has no other public way to ask about
 * an action installed with gtk_widget_class_install_action(). */
static inline gboolean
frontline_test_action_enabled (GtkWidget  *widget,
                               const char *name)
{
  g_autofree char *full_name = g_strconcat ("win.", name, NULL);
  GtkWidget *probe;
  gboolean found = FALSE;
  gboolean enabled;
  const char *action_name;
  const char *property_name;
  const GVariantType *parameter_type;
  const GVariantType *found_type = NULL;
  GType owner;

  for (guint i = 0; !found && gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (widget), i, &owner,
                                                             &action_name, &parameter_type,
                                                             &property_name); i++)
    if (g_str_equal (action_name, full_name))
      {
        found = TRUE;
        found_type = parameter_type;
      }
  g_assert_true (found);

  probe = g_object_ref_sink (gtk_button_new ());
  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), full_name);
  /* An action with a parameter needs a target of its type. */
  if (found_type != NULL && g_variant_type_equal (found_type, G_VARIANT_TYPE_STRING))
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (probe), g_variant_new_string (""));
  else if (found_type != NULL && g_variant_type_equal (found_type, G_VARIANT_TYPE_INT32))
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (probe), g_variant_new_int32 (0));
  else if (found_type != NULL && g_variant_type_equal (found_type, G_VARIANT_TYPE_DOUBLE))
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (probe), g_variant_new_double (1.0));
  gtk_widget_set_parent (probe, widget);
  enabled = gtk_widget_get_sensitive (probe);
  gtk_widget_unparent (probe);
  g_object_unref (probe);

  return enabled;
}

static inline gboolean
frontline_test_get_boolean (gpointer    object,
                            const char *property)
{
  gboolean value = FALSE;

  g_object_get (object, property, &value, NULL);
  return value;
}

/* Draws @widget as it is on screen, through its window's renderer, into a
 * new ARGB32 image surface of its size (premultiplied, as cairo's). */
static inline cairo_surface_t *
frontline_test_render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  GskRenderNode *node;
  GtkSnapshot *snapshot;
  cairo_surface_t *surface;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_nonnull (renderer);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (node == NULL)
    return surface;

  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);

  /* Cairo's ARGB32 is GDK's default memory format. */
  cairo_surface_flush (surface);
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        (gsize) cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);

  return surface;
}
