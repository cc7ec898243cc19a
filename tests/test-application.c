/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>

#include "frontline-preferences-window.h"
#include "frontline-basemap-source.h"
#include "frontline-test-utils.h"
#include "frontline-window.h"

static FrontlineApplication *app;

static void
assert_accel (const char *action,
              const char *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, accel);
}

static void
test_actions (void)
{
  static const char *names[] = { "open", "new-window", "preferences", "shortcuts", "about", "quit" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), names[i]));
      g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), names[i]));
    }

  assert_accel ("app.open", "<Control>o");
  assert_accel ("app.new-window", "<Control>n");
  assert_accel ("app.preferences", "<Control>comma");
  assert_accel ("app.shortcuts", "<Control>question");
  assert_accel ("app.about", "F1");
  assert_accel ("app.quit", "<Control>q");
  assert_accel ("win.export", "<Control>e");
  assert_accel ("win.present", "F5");
  assert_accel ("win.toggle-sidebar", "F9");
}

static void
test_activate_opens_one_window (void)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = frontline_test_wait_for_toplevel (FRONTLINE_TYPE_WINDOW);
  g_assert_true (FRONTLINE_IS_WINDOW (window));
  g_assert_false (frontline_window_has_dataset (FRONTLINE_WINDOW (window)));

  /* A second activation presents the same window rather than making another. */
  g_application_activate (G_APPLICATION (app));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  g_action_group_activate_action (G_ACTION_GROUP (app), "new-window", NULL);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);

  frontline_test_close_all ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

static void
test_about (void)
{
  GtkWindow *window = frontline_application_new_window (app);
  GtkWindow *about;

  gtk_window_present (window);
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = frontline_test_wait_for_toplevel (ADW_TYPE_ABOUT_WINDOW);

  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Frontline");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  g_assert_true (gtk_window_get_transient_for (about) == window);

  frontline_test_close_all ();
}

static void
test_shortcuts (void)
{
  GtkWindow *window = frontline_application_new_window (app);

  gtk_window_present (window);
  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  g_assert_nonnull (frontline_test_wait_for_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));

  frontline_test_close_all ();
}

static gboolean
is_dark_cb (gpointer data)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ()) == GPOINTER_TO_INT (data);
}

static void
test_preferences_style (void)
{
  GSettings *settings = frontline_application_get_settings (app);
  GtkWindow *window = frontline_application_new_window (app);
  GtkWindow *preferences;
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  gtk_window_present (window);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = frontline_test_wait_for_toplevel (FRONTLINE_TYPE_PREFERENCES_WINDOW);
  g_assert_true (gtk_window_get_transient_for (preferences) == window);

  /* The style preference drives libadwaita's colour scheme, and so dark mode. */
  g_settings_set_string (settings, "style-variant", "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  frontline_test_wait_until (is_dark_cb, GINT_TO_POINTER (TRUE), 2000);

  g_settings_set_string (settings, "style-variant", "light");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  frontline_test_wait_until (is_dark_cb, GINT_TO_POINTER (FALSE), 2000);

  g_settings_reset (settings, "style-variant");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_DEFAULT);

  frontline_test_close_all ();
}

/* GL drawn by the CPU is told by Mesa's switch, or by no GPU device. */
static void
test_gl_is_software (void)
{
  g_autofree char *dev = g_dir_make_tmp ("frontline-dev-XXXXXX", NULL);
  g_autofree char *dri = g_build_filename (dev, "dri", NULL);
  g_autofree char *render = g_build_filename (dri, "renderD128", NULL);
  g_autofree char *nvidia = g_build_filename (dev, "nvidia0", NULL);
  const char *none[] = { "HOME=/tmp", NULL };
  const char *forced[] = { "LIBGL_ALWAYS_SOFTWARE=1", NULL };
  const char *unforced[] = { "LIBGL_ALWAYS_SOFTWARE=0", NULL };

  g_assert_nonnull (dev);
  g_assert_true (frontline_application_gl_is_software (none, dev));

  g_assert_cmpint (g_mkdir (dri, 0700), ==, 0);
  g_assert_true (frontline_application_gl_is_software (none, dev));
  g_assert_true (g_file_set_contents (render, "", 0, NULL));
  g_assert_false (frontline_application_gl_is_software (none, dev));
  g_assert_false (frontline_application_gl_is_software (unforced, dev));
  g_assert_true (frontline_application_gl_is_software (forced, dev));
  g_assert_cmpint (g_remove (render), ==, 0);

  g_assert_true (g_file_set_contents (nvidia, "", 0, NULL));
  g_assert_false (frontline_application_gl_is_software (none, dev));
  g_assert_cmpint (g_remove (nvidia), ==, 0);
  g_assert_cmpint (g_rmdir (dri), ==, 0);
  g_assert_cmpint (g_rmdir (dev), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  frontline_test_init (&argc, &argv, NULL);

  app = frontline_test_application_new ();

  g_test_add_func ("/frontline/application/actions", test_actions);
  g_test_add_func ("/frontline/application/activate", test_activate_opens_one_window);
  g_test_add_func ("/frontline/application/about", test_about);
  g_test_add_func ("/frontline/application/shortcuts", test_shortcuts);
  g_test_add_func ("/frontline/application/preferences-style", test_preferences_style);
  g_test_add_func ("/frontline/application/gl-is-software", test_gl_is_software);

  ret = g_test_run ();

  /* What the application does when it quits: wait for tiles being drawn. */
  frontline_basemap_source_shutdown ();
  g_clear_object (&app);

  return ret;
}
