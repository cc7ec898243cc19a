/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The window's datasets kept in PostGIS: Connect to Database, opening an
 * address (the dialog, the command line, Recent Datasets) with the keyring's
 * password, errors with Retry, and a lost server while browsing. */

#define G_LOG_DOMAIN "frontline-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "frontline-archive.h"
#include "frontline-connect-dialog.h"
#include "frontline-recent-menu.h"
#include "frontline-secret.h"
#include "frontline-window-private.h"

static void open_location (FrontlineWindow                *self,
                           const FrontlineArchiveLocation *location,
                           const char                     *password,
                           gboolean                        have_password);

/* The loading page has no fraction to show for a server: it pulses. */
static gboolean
pulse_cb (gpointer user_data)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (user_data);

  gtk_progress_bar_pulse (self->loading_progress);
  return G_SOURCE_CONTINUE;
}

void
_frontline_window_archive_end_loading (FrontlineWindow *self)
{
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  g_clear_pointer (&self->loading_location, frontline_archive_location_free);
}

static void
on_error_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      FrontlineWindow  *self)
{
  FrontlineArchiveLocation *location = g_object_get_data (G_OBJECT (dialog), "location");

  if (g_strcmp0 (response, "retry") == 0 && location != NULL)
    open_location (self, location, NULL, FALSE);
}

/* Like every failure of the window, in the error dialog, with Retry: the
 * server may be back, or the password fixed in the keyring. */
static void
show_open_error (FrontlineWindow                *self,
                 const FrontlineArchiveLocation *location,
                 const GError                   *error)
{
  g_autofree char *address = frontline_archive_location_to_string (location);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: %s is a database table's address, postgresql://… */
  heading = g_strdup_printf (_("Could Not Open “%s”"), address);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "retry", _("_Retry"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "retry",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "retry");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_widget_add_css_class (dialog, "frontline-error");
  g_object_set_data_full (G_OBJECT (dialog), "location", frontline_archive_location_copy (location),
                          (GDestroyNotify) frontline_archive_location_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_error_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_opened_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FrontlineWindow) self = user_data;
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(FrontlineArchiveLocation) location = NULL;
  g_autoptr(GError) error = NULL;

  dataset = frontline_dataset_open_archive_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  location = g_steal_pointer (&self->loading_location);
  _frontline_window_end_loading (self, dataset != NULL);

  if (dataset == NULL)
    {
      show_open_error (self, location, error);
      return;
    }

  _frontline_window_set_dataset (self, dataset);

  /* The address without a password: the keyring keeps that. */
  {
    g_autofree char *address = frontline_archive_location_to_string (location);

    frontline_recent_add_address (gtk_recent_manager_get_default (), address,
                                  frontline_dataset_get_title (dataset));
    g_settings_set_string (self->settings, "last-dataset", address);
  }
}

static void
start_open (FrontlineWindow                *self,
            const FrontlineArchiveLocation *location,
            const char                     *password)
{
  frontline_dataset_open_archive_async (location, password, self->load_cancellable,
                                        on_opened_cb, g_object_ref (self));
}

static void
on_password_looked_up_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(FrontlineWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;

  password = frontline_secret_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->loading_location == NULL)
    return;

  /* A keyring that fails is no password: libpq then tries ~/.pgpass. */
  if (error != NULL)
    g_debug ("Could not look the password up in the keyring: %s", error->message);

  start_open (self, self->loading_location, password);
}

static void
open_location (FrontlineWindow                *self,
               const FrontlineArchiveLocation *location,
               const char                     *password,
               gboolean                        have_password)
{
  g_autofree char *address = frontline_archive_location_to_string (location);
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;

  /* Replaces a load in progress, and goes back to what was shown before it
   * if this one fails. */
  if (self->load_cancellable != NULL)
    {
      g_cancellable_cancel (self->load_cancellable);
      g_clear_object (&self->load_cancellable);
      g_clear_object (&self->loading_file);
      _frontline_window_archive_end_loading (self);
    }
  else
    self->page_before_load = g_strdup (gtk_stack_get_visible_child_name (self->main_stack));
  self->load_cancellable = g_cancellable_new ();
  self->loading_location = frontline_archive_location_copy (location);

  /* Translators: %s is a database table, schema.table */
  title = g_strdup_printf (_("Opening “%s.%s”"), location->schema ? location->schema : "public",
                           location->table ? location->table : "");
  adw_status_page_set_title (self->loading_page, title);
  /* The description is markup. */
  escaped = g_markup_escape_text (address, -1);
  adw_status_page_set_description (self->loading_page, escaped);
  gtk_progress_bar_set_fraction (self->loading_progress, 0.0);
  self->pulse_source = g_timeout_add (100, pulse_cb, self);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  _frontline_window_actions_update (self);

  if (have_password)
    start_open (self, location, password);
  else
    frontline_secret_lookup_async (location, self->load_cancellable, on_password_looked_up_cb,
                                   g_object_ref (self));
}

/**
 * frontline_window_open_address:
 * @self: a window
 * @address: a postgresql:// URI or a PG: string with a table
 *
 * Opens the dataset kept in PostGIS at @address, with the password the
 * keyring remembers for it if any, on the same loading page as a file.
 * Failures are said in the error dialog, which offers Retry.
 */
void
frontline_window_open_address (FrontlineWindow *self,
                               const char      *address)
{
  g_autoptr(FrontlineArchiveLocation) location = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (FRONTLINE_IS_WINDOW (self));
  g_return_if_fail (address != NULL);

  location = frontline_archive_location_parse (address, &error);
  if (location == NULL)
    {
      /* Not repeated in the heading: it may hold a password. */
      _frontline_window_show_error (self, _("Not a Database Address"), error->message);
      return;
    }

  open_location (self, location, NULL, FALSE);
}

static void
on_stored_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Not remembered is not worth a dialog: the next open asks again. */
  if (!frontline_secret_store_finish (result, &error))
    g_debug ("The password was not remembered: %s", error->message);
}

static void
on_connect_dialog_open_cb (FrontlineWindow          *self,
                           FrontlineArchiveLocation *location,
                           const char               *password,
                           gboolean                  remember)
{
  if (password != NULL && remember)
    frontline_secret_store_async (location, password, NULL, on_stored_cb, NULL);
  else if (!remember)
    frontline_secret_clear_async (location, NULL, NULL, NULL);

  open_location (self, location, password, TRUE);
}

/**
 * _frontline_window_show_connect_dialog:
 *
 * Connect to Database…: the dialog, filled from the dataset shown when it
 * is a database's.
 */
FrontlineConnectDialog *
_frontline_window_show_connect_dialog (FrontlineWindow *self)
{
  FrontlineConnectDialog *dialog = frontline_connect_dialog_new (GTK_WINDOW (self));
  FrontlineArchive *archive = self->dataset ? frontline_dataset_get_archive (self->dataset) : NULL;

  if (archive != NULL && frontline_archive_get_location (archive) != NULL)
    frontline_connect_dialog_set_location (dialog, frontline_archive_get_location (archive));

  g_signal_connect_object (dialog, "open", G_CALLBACK (on_connect_dialog_open_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_publish_dialog_published_cb (FrontlineWindow          *self,
                                FrontlineArchiveLocation *location,
                                const char               *password,
                                gboolean                  remember)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (password != NULL && remember)
    frontline_secret_store_async (location, password, NULL, on_stored_cb, NULL);
  else if (!remember)
    frontline_secret_clear_async (location, NULL, NULL, NULL);

  /* Open uses the password it was published with, remembered or not. */
  g_clear_pointer (&self->published_location, frontline_archive_location_free);
  self->published_location = frontline_archive_location_copy (location);
  if (self->published_password != NULL)
    memset (self->published_password, 0, strlen (self->published_password));
  g_free (self->published_password);
  self->published_password = g_strdup (password);

  /* Translators: %s.%s is the database table a dataset was published to */
  title = g_strdup_printf (_("Published to “%s.%s”"), location->schema, location->table);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-published");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * _frontline_window_show_publish_dialog:
 *
 * Publish to Database…: the Connect dialog in its publish mode, for the
 * dataset shown (loaded from a file).
 */
FrontlineConnectDialog *
_frontline_window_show_publish_dialog (FrontlineWindow *self)
{
  FrontlineConnectDialog *dialog;

  g_return_val_if_fail (self->dataset != NULL, NULL);

  dialog = frontline_connect_dialog_new_publish (GTK_WINDOW (self), self->dataset);
  if (self->published_location != NULL)
    frontline_connect_dialog_set_location (dialog, self->published_location);
  g_signal_connect_object (dialog, "published", G_CALLBACK (on_publish_dialog_published_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* The published toast's Open: the dataset from the database. */
void
_frontline_window_open_published (FrontlineWindow *self)
{
  g_autoptr(FrontlineArchiveLocation) location = NULL;

  if (self->published_location == NULL)
    return;

  location = frontline_archive_location_copy (self->published_location);
  open_location (self, location, self->published_password, TRUE);
}

/**
 * _frontline_window_show_lost:
 *
 * The server went away while browsing: the map keeps what it showed and a
 * toast offers Retry (win.retry-fetch).
 */
void
_frontline_window_show_lost (FrontlineWindow *self,
                             const GError    *error)
{
  AdwToast *toast;

  if (self->lost_toast != NULL)
    return;

  g_debug ("The server was lost: %s", error != NULL ? error->message : "");
  toast = adw_toast_new (_("The database server cannot be reached"));
  adw_toast_set_button_label (toast, _("_Retry"));
  adw_toast_set_action_name (toast, "win.retry-fetch");
  adw_toast_set_timeout (toast, 0);
  self->lost_toast = g_object_ref (toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The state's fetch failed (the server went away) or worked again. */
void
_frontline_window_state_error_changed (FrontlineWindow *self)
{
  const GError *error = frontline_view_state_get_error (self->state);

  if (error != NULL)
    _frontline_window_show_lost (self, error);
  else
    _frontline_window_clear_lost (self);
}

void
_frontline_window_clear_lost (FrontlineWindow *self)
{
  if (self->lost_toast == NULL)
    return;

  adw_toast_dismiss (self->lost_toast);
  g_clear_object (&self->lost_toast);
}
