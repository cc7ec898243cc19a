/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "frontline-archive.h"
#include "frontline-connect-dialog.h"
#include "frontline-test-data.h"
#include "frontline-test-pg.h"
#include "frontline-test-utils.h"
#include "frontline-window-private.h"

/* The window against a real PostgreSQL with PostGIS started by the test
 * (frontline-test-pg.[ch]): Connect to Database lists the published
 * datasets, and says a refused password in the server's words. No WARNING
 * or CRITICAL on the way. */

static FrontlineApplication *app;
static FrontlineTestPg *server;

static void
publish (const char *bundled,
         const char *table)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled (bundled);
  g_autoptr(FrontlineArchiveLocation) location = frontline_test_pg_dup_location (server, table);
  g_autoptr(GError) error = NULL;

  g_assert_true (frontline_archive_publish (dataset, location, NULL, TRUE, NULL, NULL, NULL,
                                            &error));
  g_assert_no_error (error);
}

static FrontlineConnectDialog *
new_dialog (FrontlineWindow *window,
            const char      *user,
            const char      *password)
{
  FrontlineConnectDialog *dialog = _frontline_window_show_connect_dialog (window);
  FrontlineArchiveLocation location = {
    .host = (char *) frontline_test_pg_get_socket_dir (server),
    .port = (char *) frontline_test_pg_get_port (server),
    .dbname = (char *) frontline_test_pg_get_dbname (server),
    .user = (char *) user,
    .sslmode = (char *) "disable",
  };
  GObject *password_row = gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                         FRONTLINE_TYPE_CONNECT_DIALOG,
                                                         "password_row");

  frontline_connect_dialog_set_location (dialog, &location);
  gtk_editable_set_text (GTK_EDITABLE (password_row), password != NULL ? password : "");
  /* The test's bus has no keyring, and a keyring is no test's business. */
  gtk_switch_set_active (GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                    FRONTLINE_TYPE_CONNECT_DIALOG,
                                                                    "remember_switch")), FALSE);
  return dialog;
}

static gboolean
listed_cb (gpointer data)
{
  return !frontline_connect_dialog_is_connecting (data);
}

static void
test_wrong_password (void)
{
  FrontlineWindow *window = frontline_window_new (app);
  FrontlineConnectDialog *dialog;

  if (server == NULL)
    return;

  gtk_window_present (GTK_WINDOW (window));
  dialog = new_dialog (window, FRONTLINE_TEST_PG_PASSWORD_USER, "not the password");
  frontline_connect_dialog_connect (dialog);
  frontline_test_wait_until (listed_cb, dialog, 20000);

  /* The server's words, inline. */
  g_test_message ("%s", frontline_connect_dialog_get_error (dialog));
  g_assert_nonnull (frontline_connect_dialog_get_error (dialog));
  g_assert_nonnull (strstr (frontline_connect_dialog_get_error (dialog), "password"));
  g_assert_cmpuint (g_list_model_get_n_items (frontline_connect_dialog_get_tables (dialog)), ==, 0);

  frontline_test_close_all ();
}

/* Connect lists what the database holds: each published dataset's title,
 * dates and count, from the server. */
static void
test_lists_published (void)
{
  FrontlineWindow *window = frontline_window_new (app);
  FrontlineConnectDialog *dialog;
  GtkListBox *list;
  gboolean kursk = FALSE, bakhmut = FALSE;

  if (server == NULL)
    return;

  gtk_window_present (GTK_WINDOW (window));
  dialog = new_dialog (window, frontline_test_pg_get_user (server), NULL);
  frontline_connect_dialog_connect (dialog);
  frontline_test_wait_until (listed_cb, dialog, 20000);
  g_assert_null (frontline_connect_dialog_get_error (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (frontline_connect_dialog_get_tables (dialog)), ==, 2);

  list = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                      FRONTLINE_TYPE_CONNECT_DIALOG, "tables_list"));
  for (int i = 0; i < 2; i++)
    {
      AdwActionRow *row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list, i));
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      const char *subtitle = adw_action_row_get_subtitle (row);

      g_test_message ("listed: %s (%s)", title, subtitle);
      if (g_str_has_prefix (title, "Kursk incursion"))
        kursk = strstr (subtitle, "6 Aug 2024") != NULL && strstr (subtitle, "areas") != NULL;
      else if (g_str_has_prefix (title, "Soledar and Bakhmut"))
        bakhmut = strstr (subtitle, "Jan 2023") != NULL;
    }
  g_assert_true (kursk);
  g_assert_true (bakhmut);

  frontline_test_close_all ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  frontline_gtk_test_init (&argc, &argv, NULL);

  app = frontline_test_application_new ();

  g_test_add_func ("/frontline/window-archive/wrong-password", test_wrong_password);
  g_test_add_func ("/frontline/window-archive/lists-published", test_lists_published);

  server = frontline_test_pg_new ();
  if (server != NULL)
    {
      publish ("kursk-2024-2025.geojson", "public.kursk");
      publish ("bakhmut-2023.geojson", "team.bakhmut");
    }

  status = g_test_run ();
  frontline_test_pg_free (server);
  return status;
}
