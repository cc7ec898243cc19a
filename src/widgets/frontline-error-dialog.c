/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-error-dialog"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "frontline-error-dialog.h"

/**
 * frontline_error_dialog_present:
 * @parent: (nullable): the window the error is about
 *
 * Says what went wrong in a dialog with one Close button: how every part of
 * the window reports a failure.
 */
void
frontline_error_dialog_present (GtkWindow  *parent,
                                const char *heading,
                                const char *body)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_widget_add_css_class (dialog, "frontline-error");
  gtk_window_present (GTK_WINDOW (dialog));
}
