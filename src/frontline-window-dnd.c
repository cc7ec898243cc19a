/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Files dropped on the window: the first opens here, the others in windows of
 * their own. */

#define G_LOG_DOMAIN "frontline-window"

#include "config.h"

#include "frontline-window-private.h"

static gboolean
on_drop_target_drop_cb (FrontlineWindow *self,
                        const GValue    *value,
                        double           x,
                        double           y,
                        GtkDropTarget   *target)
{
  GSList *files;
  GtkApplication *app;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;

  /* The first file goes into this window; any others open in windows of their own. */
  frontline_window_open (self, files->data);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (app != NULL && files->next != NULL)
    {
      guint n = g_slist_length (files->next);
      g_autofree GFile **rest = g_new0 (GFile *, n);
      guint i = 0;

      for (GSList *l = files->next; l; l = l->next)
        rest[i++] = l->data;
      g_application_open (G_APPLICATION (app), rest, n, "");
    }

  g_slist_free (files);

  return TRUE;
}

void
_frontline_window_dnd_init (FrontlineWindow *self)
{
  GtkDropTarget *drop_target;

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop_target, "drop",
                           G_CALLBACK (on_drop_target_drop_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));
}
