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
screenshot (gpointer    window,
            const char *name)
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

/* Publish to Database from the window: a dataset loaded from a file goes
 * into a table through the dialog, asked before replacing; Cancel leaves
 * nothing behind. */

static FrontlineConnectDialog *
new_publish_dialog (FrontlineWindow *window)
{
  FrontlineConnectDialog *dialog = _frontline_window_show_publish_dialog (window);
  FrontlineArchiveLocation location = {
    .host = (char *) frontline_test_pg_get_socket_dir (server),
    .port = (char *) frontline_test_pg_get_port (server),
    .dbname = (char *) frontline_test_pg_get_dbname (server),
    .user = (char *) frontline_test_pg_get_user (server),
    .sslmode = (char *) "disable",
  };

  g_assert_true (frontline_connect_dialog_is_publish_mode (dialog));
  frontline_connect_dialog_set_location (dialog, &location);
  gtk_switch_set_active (GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                    FRONTLINE_TYPE_CONNECT_DIALOG,
                                                                    "remember_switch")), FALSE);
  frontline_connect_dialog_connect (dialog);
  frontline_test_wait_until (listed_cb, dialog, 20000);
  g_assert_null (frontline_connect_dialog_get_error (dialog));
  /* It closes itself once published. */
  return g_object_ref (dialog);
}

static gboolean
not_publishing_cb (gpointer data)
{
  return !frontline_connect_dialog_is_publishing (data);
}

static gint64
count_rows (const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autofree char *value = frontline_test_pg_query_value (server, sql);

  return g_ascii_strtoll (value, NULL, 10);
}

static char *
dates_of (const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT min(date) || ' ' || max(date) || ' ' || "
                                          "count(DISTINCT date) FROM %s", table);

  return frontline_test_pg_query_value (server, sql);
}

static gboolean
has_published_archive_cb (gpointer data)
{
  FrontlineWindow *window = data;
  FrontlineArchive *archive;

  if (!has_dataset_cb (window))
    return FALSE;
  archive = frontline_dataset_get_archive (frontline_window_get_dataset (window));
  return archive != NULL &&
         g_str_equal (frontline_archive_get_location (archive)->table,
                      "kursk_incursion_august_2024_march_2025");
}

static void
test_publish (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled ("kursk-2024-2025.geojson");
  const char *table = "public.kursk_incursion_august_2024_march_2025";
  FrontlineWindow *window = frontline_window_new (app);
  g_autoptr(FrontlineConnectDialog) dialog = NULL;
  GtkListBox *existing;
  AdwMessageDialog *replace;
  g_autofree char *kursk_dates = NULL;
  g_autofree char *dates = NULL;
  gint64 n_areas;

  if (server == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  _frontline_window_set_dataset (window, dataset);
  g_assert_true (frontline_test_action_enabled (GTK_WIDGET (window), "publish"));

  /* The table's page: the name from the title, what the database holds. */
  dialog = new_publish_dialog (window);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gtk_widget_get_template_child (
                     GTK_WIDGET (dialog), FRONTLINE_TYPE_CONNECT_DIALOG, "table_row"))), ==,
                   "kursk_incursion_august_2024_march_2025");
  existing = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                          FRONTLINE_TYPE_CONNECT_DIALOG,
                                                          "existing_list"));
  g_assert_nonnull (gtk_list_box_get_row_at_index (existing, 1));
  g_assert_null (gtk_list_box_get_row_at_index (existing, 2));
  screenshot (GTK_WIDGET (dialog), "publish-page.png");
  if (g_getenv ("FRONTLINE_SCREENSHOT_DIR") != NULL)
    {
      AdwStyleManager *style = adw_style_manager_get_default ();

      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
      screenshot (GTK_WIDGET (dialog), "publish-page-dark.png");
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
    }

  /* Publish: the server has every area and date, as publishing it
   * directly gives. */
  frontline_connect_dialog_publish (dialog);
  frontline_test_wait_until (not_publishing_cb, dialog, 60000);
  g_assert_null (frontline_connect_dialog_get_error (dialog));
  g_assert_null (frontline_connect_dialog_get_replace_dialog (dialog));
  n_areas = count_rows ("public.kursk");
  g_assert_cmpint (n_areas, >, 0);
  g_assert_cmpint (count_rows (table), ==, n_areas);
  kursk_dates = dates_of ("public.kursk");
  dates = dates_of (table);
  g_test_message ("published %" G_GINT64_FORMAT " areas, dates %s", n_areas, dates);
  g_assert_cmpstr (dates, ==, kursk_dates);
  g_assert_true (g_str_has_prefix (dates, "2024-08-06 "));
  g_clear_pointer (&dates, g_free);
  {
    g_autofree char *title = frontline_test_pg_query_value (
      server, "SELECT title FROM public.frontline_datasets "
              "WHERE table_name = 'kursk_incursion_august_2024_march_2025'");

    g_assert_cmpstr (title, ==, frontline_dataset_get_title (dataset));
  }

  /* Again, to a table that differs now: asked; Cancel changes nothing. */
  frontline_test_pg_exec (server, "DELETE FROM public.kursk_incursion_august_2024_march_2025 "
                                  "WHERE date = (SELECT max(date) FROM "
                                  "public.kursk_incursion_august_2024_march_2025)");
  g_assert_cmpint (count_rows (table), <, n_areas);
  g_clear_object (&dialog);
  dialog = new_publish_dialog (window);
  frontline_connect_dialog_publish (dialog);
  frontline_test_wait_until (not_publishing_cb, dialog, 60000);
  replace = frontline_connect_dialog_get_replace_dialog (dialog);
  g_assert_nonnull (replace);
  g_test_message ("%s", adw_message_dialog_get_heading (replace));
  g_assert_cmpstr (adw_message_dialog_get_heading (replace), ==,
                   "Replace “public.kursk_incursion_august_2024_march_2025”?");
  screenshot (GTK_WIDGET (replace), "publish-replace.png");
  adw_message_dialog_response (replace, "cancel");
  g_assert_false (frontline_connect_dialog_is_publishing (dialog));
  g_assert_cmpint (count_rows (table), <, n_areas);

  /* Replace: all of it again. */
  frontline_connect_dialog_publish (dialog);
  frontline_test_wait_until (not_publishing_cb, dialog, 60000);
  adw_message_dialog_response (frontline_connect_dialog_get_replace_dialog (dialog), "replace");
  frontline_test_wait_until (not_publishing_cb, dialog, 60000);
  g_assert_null (frontline_connect_dialog_get_error (dialog));
  g_assert_cmpint (count_rows (table), ==, n_areas);
  dates = dates_of (table);
  g_assert_cmpstr (dates, ==, kursk_dates);

  /* The toast's Open: the window browses the published table. */
  g_assert_true (frontline_test_action_enabled (GTK_WIDGET (window), "open-published"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-published", NULL));
  frontline_test_wait_until (has_published_archive_cb, window, 30000);
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "Kursk"));
  /* Published already: nothing to publish from a database. */
  g_assert_false (frontline_test_action_enabled (GTK_WIDGET (window), "publish"));

  frontline_test_close_all ();

  /* The other tests list what the fixture published. */
  frontline_test_pg_exec (server, "DROP TABLE public.kursk_incursion_august_2024_march_2025; "
                                  "DELETE FROM public.frontline_datasets WHERE table_name = "
                                  "'kursk_incursion_august_2024_march_2025'");
}

/* Stops the real publishing once it has created the table (not committed),
 * until Cancel. */
static gint reached_copy;

static void
blocking_progress (double   fraction,
                   gpointer data)
{
  GCancellable *cancellable = data;

  /* The first report after the table is created (in the transaction). */
  if (fraction <= 0.0 || fraction >= 1.0 || g_atomic_int_get (&reached_copy))
    return;

  g_atomic_int_set (&reached_copy, TRUE);
  for (int i = 0; i < 30000 && !g_cancellable_is_cancelled (cancellable); i++)
    g_usleep (1000);
}

static gboolean
blocking_publish (FrontlineDataset               *dataset,
                  const FrontlineArchiveLocation *location,
                  const char                     *password,
                  gboolean                        replace,
                  GCancellable                   *cancellable,
                  FrontlineProgressFunc           progress,
                  gpointer                        progress_data,
                  GError                        **error)
{
  progress (0.0, progress_data);
  return frontline_archive_publish (dataset, location, password, replace, cancellable,
                                    blocking_progress, cancellable, error);
}

static gboolean
reached_copy_cb (gpointer data)
{
  return g_atomic_int_get (&reached_copy);
}

static void
test_publish_cancel (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled ("kursk-2024-2025.geojson");
  FrontlineWindow *window = frontline_window_new (app);
  g_autoptr(FrontlineConnectDialog) dialog = NULL;
  GtkStack *start_stack;
  g_autofree char *exists = NULL;
  g_autofree char *listed = NULL;

  if (server == NULL)
    return;

  gtk_window_present (GTK_WINDOW (window));
  _frontline_window_set_dataset (window, dataset);
  dialog = new_publish_dialog (window);
  frontline_connect_dialog_set_publish_func (dialog, blocking_publish);
  frontline_connect_dialog_set_table (dialog, "team", "kursk_cancelled");

  g_atomic_int_set (&reached_copy, FALSE);
  frontline_connect_dialog_publish (dialog);
  frontline_test_wait_until (reached_copy_cb, dialog, 60000);
  g_assert_true (frontline_connect_dialog_is_publishing (dialog));

  /* The header's Cancel, while the areas are being copied. */
  start_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                          FRONTLINE_TYPE_CONNECT_DIALOG,
                                                          "start_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (start_stack), ==, "publishing");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.cancel-publish", NULL));
  frontline_test_wait_until (not_publishing_cb, dialog, 60000);
  g_test_message ("%s", frontline_connect_dialog_get_error (dialog));
  g_assert_nonnull (strstr (frontline_connect_dialog_get_error (dialog), "cancelled"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  exists = frontline_test_pg_query_value (server, "SELECT to_regclass('team.kursk_cancelled') "
                                                  "IS NOT NULL");
  g_assert_cmpstr (exists, ==, "f");
  listed = frontline_test_pg_query_value (server, "SELECT count(*) FROM public.frontline_datasets "
                                                  "WHERE table_name = 'kursk_cancelled'");
  g_assert_cmpstr (listed, ==, "0");

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
  g_test_add_func ("/frontline/window-archive/publish", test_publish);
  g_test_add_func ("/frontline/window-archive/publish-cancel", test_publish_cancel);
  /* Last: it stops the server. */
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
