/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>

#include "frontline-recent-menu.h"
#include "frontline-test-utils.h"

typedef struct {
  GMenuModel *menu;
  int         n_items;
} WaitData;

static void
wait_for_items (GMenuModel *menu,
                int         n_items)
{
  gint64 deadline = g_get_monotonic_time () + frontline_test_scale_ms (5000) * 1000;

  while (g_menu_model_get_n_items (menu) != n_items)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the menu has %d items, not %d", g_menu_model_get_n_items (menu), n_items);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static GtkRecentManager *
new_manager (char **path)
{
  g_autofree char *dir = g_dir_make_tmp ("frontline-recent-XXXXXX", NULL);

  g_assert_nonnull (dir);
  *path = g_build_filename (dir, "recently-used.xbel", NULL);

  return g_object_new (GTK_TYPE_RECENT_MANAGER, "filename", *path, NULL);
}

static GFile *
dataset_file (const char *name)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

  return g_file_new_for_path (path);
}

static void
test_follows_manager (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GtkRecentManager) manager = new_manager (&path);
  g_autoptr(GMenuModel) menu = frontline_recent_menu_new (manager, "win.open-recent");
  g_autoptr(GFile) file = dataset_file ("kursk.geojson");
  g_autoptr(GVariant) target = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *label = NULL;
  g_autofree char *action = NULL;
  GtkRecentData other = {
    .app_name = (char *) "other-app",
    .app_exec = (char *) "other-app %u",
    .mime_type = (char *) "text/plain",
  };

  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 0);

  /* Files other applications opened are not Frontline's recent datasets. */
  gtk_recent_manager_add_full (manager, "file:///tmp/notes.txt", &other);
  frontline_recent_add (manager, file);
  wait_for_items (menu, 1);

  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_cmpstr (label, ==, "kursk.geojson");
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "win.open-recent");
  target = g_menu_model_get_item_attribute_value (menu, 0, G_MENU_ATTRIBUTE_TARGET,
                                                  G_VARIANT_TYPE_STRING);
  g_assert_nonnull (target);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, uri);

  g_assert_true (gtk_recent_manager_remove_item (manager, uri, NULL));
  wait_for_items (menu, 0);

  g_remove (path);
}

static void
test_limits_items (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GtkRecentManager) manager = new_manager (&path);
  g_autoptr(GMenuModel) menu = frontline_recent_menu_new (manager, "win.open-recent");

  for (guint i = 0; i < FRONTLINE_RECENT_MAX_ITEMS + 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("dataset-%u.geojson", i);
      g_autoptr(GFile) file = dataset_file (name);

      frontline_recent_add (manager, file);
    }

  wait_for_items (menu, FRONTLINE_RECENT_MAX_ITEMS);
  g_remove (path);
}

/* A bundled dataset is shown by its file name, without a URI scheme
 * ("resource: kursk-2024-2025.geojson" was shown). */
static void
test_bundled_label (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GtkRecentManager) manager = new_manager (&path);
  g_autoptr(GMenuModel) menu = frontline_recent_menu_new (manager, "win.open-recent");
  g_autoptr(GFile) bundled = g_file_new_for_uri ("resource:///io/github/frontline/Frontline/"
                                                 "datasets/kursk-2024-2025.geojson");
  g_autoptr(GFile) spaced = dataset_file ("Bakhmut winter.geojson");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  frontline_recent_add (manager, bundled);
  wait_for_items (menu, 1);
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &first));
  g_assert_cmpstr (first, ==, "kursk-2024-2025.geojson");

  /* A local file keeps its name, unescaped. */
  g_usleep (1100 * 1000);
  frontline_recent_add (manager, spaced);
  wait_for_items (menu, 2);
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &second));
  g_assert_cmpstr (second, ==, "Bakhmut winter.geojson");

  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  /* GtkRecentManager reads its limits from GtkSettings, which needs a display. */
  frontline_gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/frontline/recent-menu/follows-manager", test_follows_manager);
  g_test_add_func ("/frontline/recent-menu/limits-items", test_limits_items);
  g_test_add_func ("/frontline/recent-menu/bundled-label", test_bundled_label);

  return g_test_run ();
}
