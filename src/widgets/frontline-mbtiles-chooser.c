/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-mbtiles-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "frontline-basemap-choice.h"
#include "frontline-error-dialog.h"
#include "frontline-mbtiles-chooser.h"
#include "frontline-mbtiles-source.h"

/* Add MBTiles…: a file chooser, a check that the file can be read, then the
 * file first in the "mbtiles-files" setting (eight at most) and chosen as the
 * base map. */

typedef struct {
  GtkWindow *parent;    /* weak */
  GSettings *settings;
} ChooserData;

static void
chooser_data_free (ChooserData *data)
{
  g_clear_weak_pointer (&data->parent);
  g_clear_object (&data->settings);
  g_free (data);
}

static void
remember_file (GSettings  *settings,
               const char *path)
{
  g_auto(GStrv) old = g_settings_get_strv (settings, "mbtiles-files");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) files = NULL;
  g_autofree char *target = frontline_basemap_choice_to_string (FRONTLINE_BASEMAP_MBTILES, path);

  g_strv_builder_add (builder, path);
  for (guint i = 0, n = 1; old[i] != NULL && n < 8; i++)
    if (!g_str_equal (old[i], path))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  files = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "mbtiles-files", (const char * const *) files);
  g_settings_set_string (settings, "basemap", target);
}

static void
on_chooser_response_cb (GtkFileChooserNative *chooser,
                        int                   response,
                        ChooserData          *data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(FrontlineMbtilesSource) check = NULL;

      if (path != NULL && (check = frontline_mbtiles_source_new (path, &error)) == NULL)
        frontline_error_dialog_present (data->parent, _("Could Not Use the MBTiles File"), error->message);
      else if (path != NULL)
        remember_file (data->settings, path);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

/**
 * frontline_mbtiles_chooser_run:
 *
 * Asks for an MBTiles file and makes it the base map.
 */
void
frontline_mbtiles_chooser_run (GtkWindow *parent,
                               GSettings *settings)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  ChooserData *data = g_new0 (ChooserData, 1);

  g_return_if_fail (G_IS_SETTINGS (settings));

  g_set_weak_pointer (&data->parent, parent);
  data->settings = g_object_ref (settings);

  chooser = gtk_file_chooser_native_new (_("Add MBTiles"), parent,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("MBTiles Files"));
  gtk_file_filter_add_suffix (filter, "mbtiles");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_data (chooser, "response", G_CALLBACK (on_chooser_response_cb),
                         data, (GClosureNotify) chooser_data_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
