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
 * dataset, opens it, the day changes from the keyboard's action and the
 * areas arrive from the server; the server stops, and a toast offers Retry.
 * No WARNING or CRITICAL on the way. */

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

static gboolean
has_dataset_cb (gpointer data)
{
  return frontline_window_has_dataset (data) && !frontline_window_is_loading (data);
}

static gboolean
has_areas_cb (gpointer data)
{
  FrontlineWindow *window = data;
  g_autoptr(GPtrArray) areas = frontline_dataset_get_state_at (frontline_window_get_dataset (window),
                                                               frontline_window_get_day (window));

  return areas->len > 0;
}

static gboolean
lost_cb (gpointer data)
{
  return FRONTLINE_WINDOW (data)->lost_toast != NULL;
}

/* For looking at: FRONTLINE_SCREENSHOT_DIR=… writes the window as shown. */
static void
screenshot (FrontlineWindow *window,
            const char      *name)
{
  g_autofree char *path = NULL;
  cairo_surface_t *surface;

  if (g_getenv ("FRONTLINE_SCREENSHOT_DIR") == NULL)
    return;

  path = g_build_filename (g_getenv ("FRONTLINE_SCREENSHOT_DIR"), name, NULL);
  frontline_test_spin (1500);
  surface = frontline_test_render_widget (GTK_WIDGET (window));
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
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

static void
test_browse_and_lose (void)
{
  FrontlineWindow *window = frontline_window_new (app);
  FrontlineConnectDialog *dialog;
  GListModel *tables;
  FrontlineArchive *archive;
  FrontlineDay day;
  guint kursk = G_MAXUINT;

  if (server == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));

  /* Connect lists what the database holds. */
  dialog = new_dialog (window, frontline_test_pg_get_user (server), NULL);
  frontline_connect_dialog_connect (dialog);
  frontline_test_wait_until (listed_cb, dialog, 20000);
  g_assert_null (frontline_connect_dialog_get_error (dialog));
  tables = frontline_connect_dialog_get_tables (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (tables), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                      FRONTLINE_TYPE_CONNECT_DIALOG,
                                                                      "tables_list"));
      AdwActionRow *row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list, (int) i));

      g_test_message ("listed: %s (%s)", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                      adw_action_row_get_subtitle (row));
      if (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Kursk"))
        kursk = i;
    }
  g_assert_cmpuint (kursk, !=, G_MAXUINT);

  /* Open: the window browses it, titled as the dataset. */
  frontline_connect_dialog_select_table (dialog, kursk);
  frontline_connect_dialog_open (dialog);
  frontline_test_wait_until (has_dataset_cb, window, 30000);
  archive = frontline_dataset_get_archive (frontline_window_get_dataset (window));
  g_assert_nonnull (archive);
  g_assert_cmpstr (frontline_archive_get_location (archive)->table, ==, "kursk");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   frontline_dataset_get_title (frontline_window_get_dataset (window)));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "Kursk"));
  /* Read-only: nothing to save to a file from a part of the areas. */
  g_assert_false (frontline_test_action_enabled (GTK_WIDGET (window), "save"));
  g_assert_false (frontline_test_action_enabled (GTK_WIDGET (window), "save-as"));

  frontline_test_wait_until (has_areas_cb, window, 30000);

  /* Ctrl+← (the previous date with data): the day changes, its areas come. */
  day = frontline_window_get_day (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.jump", "i", -1));
  g_assert_cmpuint (frontline_window_get_day (window), <, day);
  frontline_test_wait_until (has_areas_cb, window, 30000);
  g_assert_null (window->lost_toast);

  screenshot (window, "window-archive.png");

  /* The server goes: the map keeps what it shows, a toast offers Retry. */
  frontline_test_pg_stop (server);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.first-day", NULL));
  frontline_test_wait_until (lost_cb, window, 30000);
  g_assert_true (frontline_window_has_dataset (window));
  g_assert_cmpstr (adw_toast_get_action_name (window->lost_toast), ==, "win.retry-fetch");

  screenshot (window, "window-archive-lost.png");

  /* Retry with the server still down: the toast comes back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.retry-fetch", NULL));
  frontline_test_wait_until (lost_cb, window, 30000);

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
  g_test_add_func ("/frontline/window-archive/browse-and-lose", test_browse_and_lose);

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
