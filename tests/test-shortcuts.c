/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "frontline-basemap-source.h"
#include "frontline-dataset.h"
#include "frontline-presentation.h"
#include "frontline-test-utils.h"
#include "frontline-window.h"

/* The shortcuts window against what is registered, both ways: every
 * accelerator of the application, every key of the window's and its widgets'
 * shortcut controllers and every key presentation mode takes is listed, and
 * everything listed does something. */

static FrontlineApplication *app;

typedef struct {
  GtkBuilder *builder;
  GHashTable *action_names;   /* action-name of each shortcut */
  GHashTable *keys;           /* gtk_accelerator_name() of each accelerator, outside presenting */
  GHashTable *presenting;     /* the same, in the Presenting group */
} Overlay;

static void
add_accelerators (GHashTable *keys,
                  const char *accelerator)
{
  g_auto(GStrv) tokens = g_strsplit (accelerator, " ", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_auto(GStrv) range = g_strsplit (tokens[i], "...", 2);
      guint first, last;
      GdkModifierType first_mods, last_mods;

      if (tokens[i][0] == '\0')
        continue;
      g_assert_true (gtk_accelerator_parse (range[0], &first, &first_mods));
      if (range[1] != NULL)
        {
          g_assert_true (gtk_accelerator_parse (range[1], &last, &last_mods));
          g_assert_cmpuint (first_mods, ==, last_mods);
        }
      else
        last = first;
      g_assert_cmpuint (first, <=, last);
      for (guint keyval = first; keyval <= last; keyval++)
        g_hash_table_add (keys, gtk_accelerator_name (keyval, first_mods));
    }
}

static void
overlay_load (Overlay *overlay)
{
  GtkWidget *presenting_group;
  g_autoptr(GHashTable) in_presenting = g_hash_table_new (NULL, NULL);
  GSList *objects;

  overlay->builder = gtk_builder_new_from_resource (RESOURCE_PATH "/gtk/help-overlay.ui");
  overlay->action_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  overlay->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  overlay->presenting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  presenting_group = GTK_WIDGET (gtk_builder_get_object (overlay->builder, "presenting_group"));
  g_assert_true (GTK_IS_SHORTCUTS_GROUP (presenting_group));
  for (GtkWidget *child = gtk_widget_get_first_child (presenting_group); child;
       child = gtk_widget_get_next_sibling (child))
    g_hash_table_add (in_presenting, child);

  objects = gtk_builder_get_objects (overlay->builder);
  for (GSList *l = objects; l; l = l->next)
    {
      g_autofree char *action_name = NULL;
      g_autofree char *accelerator = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "action-name", &action_name, "accelerator", &accelerator, NULL);
      if (action_name != NULL)
        {
          g_assert_false (g_hash_table_contains (in_presenting, l->data));
          g_hash_table_add (overlay->action_names, g_steal_pointer (&action_name));
        }
      else
        {
          g_assert_nonnull (accelerator);
          add_accelerators (g_hash_table_contains (in_presenting, l->data) ? overlay->presenting
                                                                          : overlay->keys,
                            accelerator);
        }
    }
  g_slist_free (objects);
}

static void
overlay_clear (Overlay *overlay)
{
  GObject *window = gtk_builder_get_object (overlay->builder, "help_overlay");

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&overlay->builder);
  g_clear_pointer (&overlay->action_names, g_hash_table_unref);
  g_clear_pointer (&overlay->keys, g_hash_table_unref);
  g_clear_pointer (&overlay->presenting, g_hash_table_unref);
}

static void
test_application (void)
{
  Overlay overlay = { 0 };
  g_auto(GStrv) described = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  GHashTableIter iter;
  const char *action_name;

  overlay_load (&overlay);

  g_assert_cmpuint (g_strv_length (described), >=, 14);
  for (guint i = 0; described[i] != NULL; i++)
    {
      g_test_message ("registered: %s", described[i]);
      /* GtkApplication's own, for its help overlay: the keys of app.shortcuts. */
      if (g_str_equal (described[i], "win.show-help-overlay"))
        {
          g_auto(GStrv) own = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                     described[i]);
          g_auto(GStrv) listed = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                        "app.shortcuts");

          for (guint k = 0; own[k] != NULL; k++)
            g_assert_true (g_strv_contains ((const char * const *) listed, own[k]));
          continue;
        }
      if (!g_hash_table_contains (overlay.action_names, described[i]))
        g_error ("the shortcuts window does not list %s", described[i]);
    }
  /* The ones the issue names. */
  for (guint i = 0; i < 4; i++)
    {
      static const char *const named[] = { "win.find-place", "win.add-stop", "win.save", "win.save-as" };

      g_assert_true (g_hash_table_contains (overlay.action_names, named[i]));
    }

  g_hash_table_iter_init (&iter, overlay.action_names);
  while (g_hash_table_iter_next (&iter, (gpointer *) &action_name, NULL))
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    action_name);

      if (accels[0] == NULL)
        g_error ("the shortcuts window lists %s, which has no accelerator", action_name);
    }

  overlay_clear (&overlay);
}

static void
add_triggers (GHashTable     *keys,
              GtkShortcutTrigger *trigger)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      add_triggers (keys, gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)));
      add_triggers (keys, gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)));
    }
  else if (GTK_IS_KEYVAL_TRIGGER (trigger))
    {
      guint keyval = gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger));
      const char *name = gdk_keyval_name (keyval);

      /* The keypad's twins of the keys listed. */
      if (name != NULL && g_str_has_prefix (name, "KP_"))
        return;
      g_hash_table_add (keys,
                        gtk_accelerator_name (keyval,
                                              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))));
    }
}

/* The keys of @widget's shortcut controllers named @name (NULL: the ones the
 * code adds itself). */
static void
add_controller_keys (GHashTable *keys,
                     GtkWidget  *widget,
                     const char *name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          g_strcmp0 (gtk_event_controller_get_name (controller), name) != 0)
        continue;
      for (guint s = 0; s < g_list_model_get_n_items (G_LIST_MODEL (controller)); s++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), s);

          add_triggers (keys, gtk_shortcut_get_trigger (shortcut));
        }
    }
}

/* The keys a Frontline widget adds: its own shortcut controllers, and its
 * class's shortcuts less those it inherits from GTK or libadwaita. */
static void
add_widget_keys (GHashTable *keys,
                 GtkWidget  *widget)
{
  g_autoptr(GHashTable) class_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GType parent = G_OBJECT_TYPE (widget);
  GHashTableIter iter;
  const char *key;

  add_controller_keys (keys, widget, NULL);
  add_controller_keys (class_keys, widget, "gtk-widget-class-shortcuts");

  while (g_str_has_prefix (g_type_name (parent), "Frontline"))
    parent = g_type_parent (parent);
  if (!G_TYPE_IS_ABSTRACT (parent))
    {
      GtkWidget *plain = g_object_ref_sink (g_object_new (parent, NULL));
      g_autoptr(GHashTable) inherited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                               NULL);

      add_controller_keys (inherited, plain, "gtk-widget-class-shortcuts");
      g_hash_table_iter_init (&iter, inherited);
      while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
        g_hash_table_remove (class_keys, key);
      if (GTK_IS_WINDOW (plain))
            g_object_unref (plain);
    }

  g_hash_table_iter_init (&iter, class_keys);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    g_hash_table_add (keys, g_strdup (key));
}

/* The keys of Frontline's own widgets under @widget. */
static void
add_tree_keys (GHashTable *keys,
               GtkWidget  *widget)
{
  if (g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Frontline"))
    add_widget_keys (keys, widget);
  /* What Frontline adds to the toolkit's widgets (Enter on the map). */
  add_controller_keys (keys, widget, "frontline-keys");
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    add_tree_keys (keys, child);
}

static void
test_window (void)
{
  Overlay overlay = { 0 };
  FrontlineWindow *window = frontline_window_new (app);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  const char *key;

  overlay_load (&overlay);

  /* The application's accelerators are test_application's. */
  add_tree_keys (keys, GTK_WIDGET (window));

  g_assert_true (g_hash_table_contains (keys, "space"));
  g_assert_true (g_hash_table_contains (keys, "<Control>Left"));
  g_assert_true (g_hash_table_contains (keys, "Page_Down"));

  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    {
      g_test_message ("window key: %s", key);
      if (!g_hash_table_contains (overlay.keys, key))
        g_error ("the shortcuts window does not list %s", key);
    }

  g_hash_table_iter_init (&iter, overlay.keys);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    if (!g_hash_table_contains (keys, key))
      g_error ("the shortcuts window lists %s, which the window does not take", key);

  /* The one GtkApplication gives the window is this one. FRONTLINE_TEST_HOLD=MS
   * shows it, with the accelerators the window fills in, to look at. */
  {
    GtkShortcutsWindow *help = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));

    g_assert_nonnull (help);
    if (g_getenv ("FRONTLINE_TEST_HOLD") != NULL)
      {
        gtk_window_present (GTK_WINDOW (window));
        gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
        frontline_test_spin ((guint) atoi (g_getenv ("FRONTLINE_TEST_HOLD")));
      }
  }

  overlay_clear (&overlay);
  gtk_window_destroy (GTK_WINDOW (window));
  frontline_test_close_all ();
}

static gboolean
presentation_takes (FrontlinePresentation *presentation,
                    guint                  keyval)
{
  gboolean handled;

  if (!frontline_presentation_get_active (presentation))
    frontline_presentation_set_active (presentation, TRUE);
  g_assert_true (frontline_presentation_get_active (presentation));
  handled = frontline_presentation_handle_key (presentation, keyval);
  /* Digits wait for Enter. */
  frontline_presentation_handle_key (presentation, GDK_KEY_Home);

  return handled;
}

static void
test_presenting (void)
{
  Overlay overlay = { 0 };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                                 "kursk-2024-2025.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  GtkWidget *window = gtk_window_new ();
  FrontlinePresentation *presentation = frontline_presentation_new ();
  GHashTableIter iter;
  const char *key;
  guint n_taken = 0;
  static const guint named[] = {
    GDK_KEY_Return, GDK_KEY_BackSpace, GDK_KEY_Tab, GDK_KEY_Escape, GDK_KEY_Left, GDK_KEY_Up,
    GDK_KEY_Right, GDK_KEY_Down, GDK_KEY_Page_Up, GDK_KEY_Page_Down, GDK_KEY_Home, GDK_KEY_End,
    GDK_KEY_Insert, GDK_KEY_Delete, GDK_KEY_F1, GDK_KEY_F2, GDK_KEY_F3, GDK_KEY_F4, GDK_KEY_F5,
    GDK_KEY_F6, GDK_KEY_F7, GDK_KEY_F8, GDK_KEY_F9, GDK_KEY_F10, GDK_KEY_F11, GDK_KEY_F12,
  };

  g_assert_no_error (error);
  overlay_load (&overlay);

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (presentation));
  frontline_presentation_set_dataset (presentation, dataset);
  gtk_window_present (GTK_WINDOW (window));

  /* Everything listed does something... */
  g_hash_table_iter_init (&iter, overlay.presenting);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    {
      guint keyval;
      GdkModifierType mods;

      g_assert_true (gtk_accelerator_parse (key, &keyval, &mods));
      g_assert_cmpuint (mods, ==, 0);
      if (!presentation_takes (presentation, keyval))
        g_error ("the shortcuts window lists %s, which presenting does not take", key);
    }
  g_assert_true (g_hash_table_contains (overlay.presenting, "Escape"));
  g_assert_true (g_hash_table_contains (overlay.presenting, "b"));

  /* ...and every key presenting takes is listed: the printable ones (capitals
   * are their lower case with Shift) and the named ones. */
  for (guint keyval = GDK_KEY_space; keyval <= GDK_KEY_asciitilde; keyval++)
    {
      g_autofree char *name = gtk_accelerator_name (keyval, 0);

      if (keyval >= GDK_KEY_A && keyval <= GDK_KEY_Z)
        continue;
      if (presentation_takes (presentation, keyval))
        {
          n_taken++;
          if (!g_hash_table_contains (overlay.presenting, name))
            g_error ("presenting takes %s, which the shortcuts window does not list", name);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      g_autofree char *name = gtk_accelerator_name (named[i], 0);

      if (presentation_takes (presentation, named[i]))
        {
          n_taken++;
          if (!g_hash_table_contains (overlay.presenting, name))
            g_error ("presenting takes %s, which the shortcuts window does not list", name);
        }
    }
  g_assert_cmpuint (n_taken, ==, g_hash_table_size (overlay.presenting));

  frontline_presentation_set_active (presentation, FALSE);
  overlay_clear (&overlay);
  gtk_window_destroy (GTK_WINDOW (window));
  frontline_test_close_all ();
}

/* frontline_test_init()'s writer: any WARNING or CRITICAL, structured or not,
 * from any domain or thread, fails the test that logged it. */
static gpointer
warn_in_thread (gpointer data)
{
  g_log_structured ("Shumate", G_LOG_LEVEL_WARNING, "MESSAGE", "a warning from a thread");
  return NULL;
}

static void
test_fatal_logs (void)
{
  static const char *const cases[] = { "structured", "structured-critical", "old-api", "thread",
                                       "fields" };

  if (g_test_subprocess ())
    {
      const char *which = g_getenv ("FRONTLINE_TEST_LOG_CASE");

      /* Messages and debug output are no failure. */
      g_log_structured ("Gtk", G_LOG_LEVEL_MESSAGE, "MESSAGE", "just a message");
      g_log_structured ("Gtk", G_LOG_LEVEL_DEBUG, "MESSAGE", "just debug output");

      if (g_strcmp0 (which, "structured") == 0)
        g_log_structured ("Gtk", G_LOG_LEVEL_WARNING, "MESSAGE", "a structured warning");
      else if (g_strcmp0 (which, "structured-critical") == 0)
        g_log_structured ("Adwaita", G_LOG_LEVEL_CRITICAL, "MESSAGE", "a structured critical");
      else if (g_strcmp0 (which, "old-api") == 0)
        g_log ("GLib-GObject", G_LOG_LEVEL_CRITICAL, "an old-style critical");
      else if (g_strcmp0 (which, "thread") == 0)
        g_thread_join (g_thread_new ("warn", warn_in_thread, NULL));
      else if (g_strcmp0 (which, "fields") == 0)
        {
          const GLogField fields[] = {
            { "GLIB_DOMAIN", "Frontline", -1 },
            { "MESSAGE", "a warning through g_log_structured_array", -1 },
          };

          g_log_structured_array (G_LOG_LEVEL_WARNING, fields, G_N_ELEMENTS (fields));
        }
      return;
    }

  /* Nothing logged but a message: the test passes. */
  g_unsetenv ("FRONTLINE_TEST_LOG_CASE");
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %s", cases[i]);
      /* The subprocess inherits the environment (GLib 2.74 has no _with_envp). */
      g_setenv ("FRONTLINE_TEST_LOG_CASE", cases[i], TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_failed ();
      g_test_trap_assert_stderr ("*A test must log no WARNING or CRITICAL*");
    }
  g_unsetenv ("FRONTLINE_TEST_LOG_CASE");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  frontline_test_init (&argc, &argv, NULL);

  if (!g_test_subprocess ())
    app = frontline_test_application_new ();

  g_test_add_func ("/frontline/shortcuts/application", test_application);
  g_test_add_func ("/frontline/shortcuts/window", test_window);
  g_test_add_func ("/frontline/shortcuts/presenting", test_presenting);
  g_test_add_func ("/frontline/test-init/fatal-logs", test_fatal_logs);

  ret = g_test_run ();

  frontline_basemap_source_shutdown ();
  g_clear_object (&app);

  return ret;
}
