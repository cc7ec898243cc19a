/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-recent-menu"

#include "config.h"

#include "frontline-recent-menu.h"

#include "frontline-archive.h"

/* A menu of the datasets Frontline opened most recently, kept up to date with the
 * recent files list that every GNOME application shares. Each item activates
 * @action_name with the file's URI as its target. */

static gint
compare_modified_desc (gconstpointer a,
                       gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;
  GDateTime *modified_a = gtk_recent_info_get_modified (info_a);
  GDateTime *modified_b = gtk_recent_info_get_modified (info_b);

  return g_date_time_compare (modified_b, modified_a);
}

/* What the menu shows for @info: the name it was recorded with, else the
 * file's name, never a URI scheme ("resource: kursk.geojson" for a bundled
 * dataset). */
static char *
recent_label (GtkRecentInfo *info)
{
  const char *uri = gtk_recent_info_get_uri (info);
  const char *display_name = gtk_recent_info_get_display_name (info);
  g_autoptr(GFile) file = NULL;
  g_autofree char *basename = NULL;

  /* A database's table: the dataset's title it was recorded with. */
  if (frontline_archive_location_is_address (uri))
    return g_strdup (display_name != NULL && *display_name != '\0' ? display_name : uri);

  if (g_str_has_prefix (uri, "file:") && display_name != NULL && *display_name != '\0')
    return g_strdup (display_name);

  file = g_file_new_for_uri (uri);
  basename = g_file_get_basename (file);
  if (basename != NULL && *basename != '\0' && !g_str_equal (basename, "/"))
    return g_filename_display_name (basename);

  return g_strdup (display_name != NULL ? display_name : uri);
}

static void
rebuild (GMenu            *menu,
         GtkRecentManager *manager)
{
  const char *action_name = g_object_get_data (G_OBJECT (menu), "action-name");
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);
  GList *items = gtk_recent_manager_get_items (manager);

  for (GList *l = items; l; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (gtk_recent_info_has_application (info, FRONTLINE_RECENT_APP_NAME))
        g_ptr_array_add (infos, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);

  g_ptr_array_sort (infos, compare_modified_desc);

  g_menu_remove_all (menu);

  for (guint i = 0; i < infos->len && i < FRONTLINE_RECENT_MAX_ITEMS; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (infos, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = recent_label (info);

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, action_name, "s", gtk_recent_info_get_uri (info));
      g_menu_append_item (menu, item);
    }
}

/**
 * frontline_recent_menu_new:
 * @manager: the recent files list to follow
 * @action_name: a detailed action name taking a string parameter, the file's URI
 *
 * Returns: (transfer full): a menu that follows @manager's changes
 */
GMenuModel *
frontline_recent_menu_new (GtkRecentManager *manager,
                           const char       *action_name)
{
  GMenu *menu;

  g_return_val_if_fail (GTK_IS_RECENT_MANAGER (manager), NULL);
  g_return_val_if_fail (action_name != NULL, NULL);

  menu = g_menu_new ();
  g_object_set_data_full (G_OBJECT (menu), "action-name", g_strdup (action_name), g_free);
  g_signal_connect_object (manager, "changed", G_CALLBACK (rebuild), menu, G_CONNECT_SWAPPED);
  rebuild (menu, manager);

  return G_MENU_MODEL (menu);
}

/**
 * frontline_recent_add:
 * @manager: the recent files list
 * @file: a dataset that was opened successfully
 *
 * Records @file as opened by Frontline.
 */
void
frontline_recent_add (GtkRecentManager *manager,
                      GFile            *file)
{
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;
  GtkRecentData data = {
    .app_name = (char *) FRONTLINE_RECENT_APP_NAME,
    .app_exec = (char *) "frontline %u",
  };

  g_return_if_fail (GTK_IS_RECENT_MANAGER (manager));
  g_return_if_fail (G_IS_FILE (file));

  /* Every format Frontline opens, by its name: GeoJSON, GeoPackage, KML,
   * shapefiles… (the content is not read again for this). */
  name = g_file_get_basename (file);
  if (name != NULL && !g_str_has_suffix (name, ".geojson"))
    {
      content_type = g_content_type_guess (name, NULL, 0, NULL);
      mime_type = g_content_type_get_mime_type (content_type);
    }
  data.mime_type = mime_type != NULL && !g_content_type_is_unknown (content_type)
                   ? mime_type : (char *) "application/geo+json";

  uri = g_file_get_uri (file);
  gtk_recent_manager_add_full (manager, uri, &data);
}

/**
 * frontline_recent_add_address:
 * @manager: the recent files list
 * @address: a database table's address, never with a password
 * @title: (nullable): the dataset's title, what the menu shows
 *
 * Records a dataset opened from a database.
 */
void
frontline_recent_add_address (GtkRecentManager *manager,
                              const char       *address,
                              const char       *title)
{
  GtkRecentData data = {
    .display_name = (char *) title,
    .mime_type = (char *) "application/geo+json",
    .app_name = (char *) FRONTLINE_RECENT_APP_NAME,
    .app_exec = (char *) "frontline %u",
  };

  g_return_if_fail (GTK_IS_RECENT_MANAGER (manager));
  g_return_if_fail (frontline_archive_location_is_address (address));

  gtk_recent_manager_add_full (manager, address, &data);
}
