/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "frontline-archive.h"
#include "frontline-connect-dialog.h"
#include "frontline-recent-menu.h"
#include "frontline-secret.h"
#include "frontline-test-data.h"
#include "frontline-test-utils.h"
#include "frontline-window-private.h"

/* Connect to Database without a server: the listing is fed to the dialog
 * (its list function), so what it shows, says and opens is checked alone.
 * The keyring is whatever the test's session bus has: usually none. */

static FrontlineApplication *app;

/* What the fake listing was asked, and what it answers. */
static struct {
  char   *host, *port, *dbname, *user, *sslmode, *password;
  GError *error;    /* answer this instead of tables */
  guint   n_tables;
} fake;

static void
fake_reset (void)
{
  g_clear_pointer (&fake.host, g_free);
  g_clear_pointer (&fake.port, g_free);
  g_clear_pointer (&fake.dbname, g_free);
  g_clear_pointer (&fake.user, g_free);
  g_clear_pointer (&fake.sslmode, g_free);
  g_clear_pointer (&fake.password, g_free);
  g_clear_error (&fake.error);
  fake.n_tables = 2;
}

static FrontlineArchiveTable *
make_table (const char *schema,
            const char *table,
            const char *title,
            const char *first,
            const char *last,
            gint64      n_areas)
{
  FrontlineArchiveTable *t = g_new0 (FrontlineArchiveTable, 1);

  t->schema = g_strdup (schema);
  t->table = g_strdup (table);
  t->title = g_strdup (title);
  g_assert_true (frontline_day_parse (first, &t->first_day));
  g_assert_true (frontline_day_parse (last, &t->last_day));
  t->n_areas = n_areas;
  return t;
}

/* Runs in the dialog's worker, as the real listing does. */
static GPtrArray *
fake_list_tables (const FrontlineArchiveLocation *location,
                  const char                     *password,
                  GCancellable                   *cancellable,
                  GError                        **error)
{
  GPtrArray *tables;

  g_assert_false (g_main_context_is_owner (g_main_context_default ()));

  fake.host = g_strdup (location->host);
  fake.port = g_strdup (location->port);
  fake.dbname = g_strdup (location->dbname);
  fake.user = g_strdup (location->user);
  fake.sslmode = g_strdup (location->sslmode);
  fake.password = g_strdup (password);

  if (fake.error != NULL)
    {
      g_propagate_error (error, g_error_copy (fake.error));
      return NULL;
    }

  tables = g_ptr_array_new_with_free_func ((GDestroyNotify) frontline_archive_table_free);
  if (fake.n_tables > 0)
    g_ptr_array_add (tables, make_table ("public", "kursk", "Kursk incursion",
                                         "2024-08-06", "2025-03-16", 1234));
  if (fake.n_tables > 1)
    g_ptr_array_add (tables, make_table ("team", "bakhmut", "Bakhmut, 2023",
                                         "2023-01-01", "2023-05-20", 1));
  return tables;
}

static void
set_row_text (FrontlineConnectDialog *dialog,
              const char             *name,
              const char             *text)
{
  GObject *row = gtk_widget_get_template_child (GTK_WIDGET (dialog), FRONTLINE_TYPE_CONNECT_DIALOG,
                                                name);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static GObject *
get_child (FrontlineConnectDialog *dialog,
           const char             *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                  FRONTLINE_TYPE_CONNECT_DIALOG, name);

  g_assert_nonnull (child);
  return child;
}

static gboolean
listed_cb (gpointer data)
{
  return !frontline_connect_dialog_is_connecting (data);
}

static FrontlineConnectDialog *
new_dialog (void)
{
  FrontlineConnectDialog *dialog = frontline_connect_dialog_new (NULL);

  frontline_connect_dialog_set_list_func (dialog, fake_list_tables);
  set_row_text (dialog, "host_row", " db.example.org ");
  set_row_text (dialog, "port_row", "6543");
  set_row_text (dialog, "dbname_row", "archive");
  set_row_text (dialog, "user_row", "alice");
  set_row_text (dialog, "password_row", "s3cret");
  adw_combo_row_set_selected (ADW_COMBO_ROW (get_child (dialog, "sslmode_row")), 2);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

typedef struct {
  FrontlineArchiveLocation *location;
  char                     *password;
  gboolean                  remember;
  guint                     n_opened;
} Opened;

static void
on_open_cb (FrontlineConnectDialog   *dialog,
            FrontlineArchiveLocation *location,
            const char               *password,
            gboolean                  remember,
            Opened                   *opened)
{
  opened->location = frontline_archive_location_copy (location);
  opened->password = g_strdup (password);
  opened->remember = remember;
  opened->n_opened++;
}

static void
test_lists_and_opens (void)
{
  g_autoptr(FrontlineConnectDialog) dialog = NULL;
  Opened opened = { NULL };
  GtkStack *stack;

  fake_reset ();
  dialog = g_object_ref_sink (new_dialog ());
  g_signal_connect (dialog, "open", G_CALLBACK (on_open_cb), &opened);
  stack = GTK_STACK (get_child (dialog, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "server");

  /* Connect is the window's default: Enter in a field lists. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.connect", NULL));
  frontline_test_wait_until (listed_cb, dialog, 5000);

  /* The fields as typed, trimmed, and the SSL mode in libpq's words. */
  g_assert_cmpstr (fake.host, ==, "db.example.org");
  g_assert_cmpstr (fake.port, ==, "6543");
  g_assert_cmpstr (fake.dbname, ==, "archive");
  g_assert_cmpstr (fake.user, ==, "alice");
  g_assert_cmpstr (fake.sslmode, ==, "require");
  g_assert_cmpstr (fake.password, ==, "s3cret");

  g_assert_null (frontline_connect_dialog_get_error (dialog));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "tables");
  g_assert_cmpuint (g_list_model_get_n_items (frontline_connect_dialog_get_tables (dialog)), ==, 2);

  /* Each row: the title, the dates and the count. */
  {
    GtkListBox *list = GTK_LIST_BOX (get_child (dialog, "tables_list"));
    AdwActionRow *row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list, 0));
    const char *subtitle = adw_action_row_get_subtitle (row);

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                     "Kursk incursion");
    g_assert_nonnull (strstr (subtitle, "6 Aug 2024"));
    g_assert_nonnull (strstr (subtitle, "16 Mar 2025"));
    g_assert_nonnull (strstr (subtitle, "1234 areas"));
    row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list, 1));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "1 area"));
    g_assert_null (strstr (adw_action_row_get_subtitle (row), "1 areas"));
  }

  /* For looking at: FRONTLINE_SCREENSHOT_DIR=… writes the list as shown. */
  if (g_getenv ("FRONTLINE_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("FRONTLINE_SCREENSHOT_DIR"),
                                                "connect-tables.png", NULL);
      cairo_surface_t *surface;

      frontline_test_spin (500);
      surface = frontline_test_render_widget (GTK_WIDGET (dialog));
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surface);
    }

  frontline_connect_dialog_select_table (dialog, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.open", NULL));

  g_assert_cmpuint (opened.n_opened, ==, 1);
  g_assert_cmpstr (opened.location->host, ==, "db.example.org");
  g_assert_cmpstr (opened.location->dbname, ==, "archive");
  g_assert_cmpstr (opened.location->schema, ==, "team");
  g_assert_cmpstr (opened.location->table, ==, "bakhmut");
  g_assert_cmpstr (opened.password, ==, "s3cret");
  g_assert_true (opened.remember);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  frontline_archive_location_free (opened.location);
  g_free (opened.password);
  fake_reset ();
}

static void
test_error_inline (void)
{
  g_autoptr(FrontlineConnectDialog) dialog = NULL;
  GtkLabel *label;

  fake_reset ();
  g_set_error (&fake.error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_AUTH,
               "db.example.org: FATAL:  password authentication failed for user \"alice\"");
  dialog = g_object_ref_sink (new_dialog ());

  frontline_connect_dialog_connect (dialog);
  frontline_test_wait_until (listed_cb, dialog, 5000);

  /* The server's words, under the fields, which stay as typed. */
  g_assert_cmpstr (frontline_connect_dialog_get_error (dialog), ==,
                   "db.example.org: FATAL:  password authentication failed for user \"alice\"");
  label = GTK_LABEL (get_child (dialog, "error_label"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  g_assert_cmpstr (gtk_label_get_text (label), ==, frontline_connect_dialog_get_error (dialog));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_child (dialog, "stack"))), ==,
                   "server");

  /* Fixed and tried again: the error goes. */
  g_clear_error (&fake.error);
  frontline_connect_dialog_connect (dialog);
  frontline_test_wait_until (listed_cb, dialog, 5000);
  g_assert_null (frontline_connect_dialog_get_error (dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (label)));

  /* A port that is no number is said before any connection. */
  set_row_text (dialog, "port_row", "archive");
  g_clear_pointer (&fake.host, g_free);
  frontline_connect_dialog_connect (dialog);
  g_assert_false (frontline_connect_dialog_is_connecting (dialog));
  g_assert_nonnull (strstr (frontline_connect_dialog_get_error (dialog), "5432"));
  g_assert_null (fake.host);

  gtk_window_destroy (GTK_WINDOW (dialog));
  fake_reset ();
}

static void
test_no_tables (void)
{
  g_autoptr(FrontlineConnectDialog) dialog = NULL;

  fake_reset ();
  fake.n_tables = 0;
  dialog = g_object_ref_sink (new_dialog ());
  frontline_connect_dialog_connect (dialog);
  frontline_test_wait_until (listed_cb, dialog, 5000);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_child (dialog, "tables_stack"))),
                   ==, "empty");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (get_child (dialog, "open_button"))));

  /* Back to the fields, as they were. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.back", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_child (dialog, "stack"))), ==,
                   "server");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_child (dialog, "user_row"))), ==,
                   "alice");

  gtk_window_destroy (GTK_WINDOW (dialog));
  fake_reset ();
}

static void
test_accessible_and_keyboard (void)
{
  g_autoptr(FrontlineConnectDialog) dialog = NULL;
  g_autoptr(FrontlineArchiveLocation) location = NULL;
  const char *rows[] = { "host_row", "port_row", "dbname_row", "user_row", "password_row" };

  /* As it opens: libpq's defaults, but the port said. */
  dialog = g_object_ref_sink (frontline_connect_dialog_new (NULL));
  location = frontline_connect_dialog_dup_location (dialog);
  g_assert_null (location->host);
  g_assert_cmpstr (location->port, ==, "5432");
  g_assert_cmpstr (location->sslmode, ==, "prefer");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&dialog);

  fake_reset ();
  dialog = g_object_ref_sink (new_dialog ());

  /* Every field is named and can be reached by its mnemonic; Enter connects. */
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      AdwPreferencesRow *row = ADW_PREFERENCES_ROW (get_child (dialog, rows[i]));

      g_assert_true (adw_preferences_row_get_use_underline (row));
      g_assert_cmpstr (adw_preferences_row_get_title (row), !=, "");
      g_assert_true (adw_entry_row_get_activates_default (ADW_ENTRY_ROW (row)));
    }
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (get_child (dialog, "password_row")));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) ==
                 GTK_WIDGET (get_child (dialog, "connect_button")));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_window_action (void)
{
  FrontlineWindow *window = frontline_window_new (app);
  g_auto(GStrv) accels = NULL;
  GtkWindow *dialog;

  gtk_window_present (GTK_WINDOW (window));

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.connect");
  g_assert_cmpstr (accels[0], ==, "<Shift><Control>o");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.connect", NULL));
  dialog = frontline_test_wait_for_toplevel (FRONTLINE_TYPE_CONNECT_DIALOG);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (dialog));

  frontline_test_close_all ();
}

typedef struct {
  gboolean done;
  gboolean stored;
  char    *password;
  GError  *error;
} SecretResult;

static void
on_stored_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SecretResult *r = user_data;

  r->stored = frontline_secret_store_finish (result, &r->error);
  r->done = TRUE;
}

static void
on_looked_up_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SecretResult *r = user_data;

  r->password = frontline_secret_lookup_finish (result, &r->error);
  r->done = TRUE;
}

static void
on_cleared_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SecretResult *r = user_data;

  frontline_secret_clear_finish (result, &r->error);
  r->done = TRUE;
}

static gboolean
done_cb (gpointer data)
{
  return ((SecretResult *) data)->done;
}

/* With a keyring the password comes back; without one (the test's bus
 * usually has none) nothing is remembered, quietly: no WARNING, and a
 * lookup is no password, not an error. */
static void
test_secret_degrades (void)
{
  FrontlineArchiveLocation location = {
    .host = (char *) "127.0.0.1", .port = (char *) "54321", .dbname = (char *) "frontline_test",
    .user = (char *) "tester", .schema = (char *) "public", .table = (char *) "kursk",
  };
  SecretResult stored = { FALSE }, looked = { FALSE }, cleared = { FALSE };

  frontline_secret_store_async (&location, "pa55", NULL, on_stored_cb, &stored);
  frontline_test_wait_until (done_cb, &stored, 30000);
  g_test_message ("keyring: %s", stored.stored ? "present" : stored.error->message);

  frontline_secret_lookup_async (&location, NULL, on_looked_up_cb, &looked);
  frontline_test_wait_until (done_cb, &looked, 30000);
  g_assert_no_error (looked.error);
  if (stored.stored)
    g_assert_cmpstr (looked.password, ==, "pa55");
  else
    g_assert_null (looked.password);

  frontline_secret_clear_async (&location, NULL, on_cleared_cb, &cleared);
  frontline_test_wait_until (done_cb, &cleared, 30000);
  g_assert_no_error (cleared.error);

  g_clear_error (&stored.error);
  g_free (looked.password);
}

static gboolean
error_dialog_shown_cb (gpointer data)
{
  GtkWindow **found = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_has_css_class (GTK_WIDGET (w), "frontline-error") &&
          gtk_widget_get_visible (GTK_WIDGET (w)) && w != *found)
        {
          *found = w;
          return TRUE;
        }
    }
  return FALSE;
}

/* A database that cannot be reached (a socket folder that does not exist;
 * never the network): the error dialog names the address, the window goes
 * back to what it showed, and Retry tries again. */
static void
test_window_open_error (void)
{
  const char *address = "postgresql://nobody@/nodb?host=/nonexistent-frontline-socket"
                        "&table=public.kursk";
  FrontlineWindow *window = frontline_window_new (app);
  g_autoptr(FrontlineArchiveLocation) location = frontline_archive_location_parse (address, NULL);
  GtkWindow *dialog = NULL;
  GtkWindow *first;

  g_assert_true (frontline_archive_location_is_address (address));
  gtk_window_present (GTK_WINDOW (window));
  frontline_window_open_address (window, address);

  frontline_test_wait_until (error_dialog_shown_cb, &dialog, 20000);
  g_assert_false (frontline_window_is_loading (window));
  g_assert_false (frontline_window_has_dataset (window));
  g_assert_false (frontline_test_action_enabled (GTK_WIDGET (window), "cancel-load"));

  /* An address that parses can be tried again. */
  if (location != NULL)
    {
      g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "retry"));
      first = dialog;
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "retry");
      frontline_test_wait_until (error_dialog_shown_cb, &dialog, 20000);
      g_assert_true (dialog != first);
    }

  frontline_test_close_all ();
}

typedef struct {
  GApplication *app;
  GtkWindow    *dialog;
  guint         n_ticks;
} CommandLine;

static gboolean
command_line_tick_cb (gpointer data)
{
  CommandLine *cl = data;

  if (error_dialog_shown_cb (&cl->dialog) || ++cl->n_ticks > 2000)
    {
      g_application_quit (cl->app);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* `frontline 'postgresql://…'`: the address reaches the window whole (as no
 * file named after it), and its failure is said naming it. */
static void
test_command_line_address (void)
{
  const char *address = "postgresql://nobody@/nodb?host=/nonexistent-frontline-socket"
                        "&table=public.kursk";
  const char *argv[] = { "frontline", address, NULL };
  /* The test's application (one per process can export itself). */
  CommandLine cl = { G_APPLICATION (app), NULL, 0 };
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *said = NULL;
  int status;

  g_timeout_add (10, command_line_tick_cb, &cl);
  status = g_application_run (cl.app, 2, (char **) argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (cl.dialog);
  g_object_get (cl.dialog, "heading", &heading, "body", &body, NULL);
  said = g_strconcat (heading, "\n", body, NULL);
  g_test_message ("%s", said);
  /* The server's or the address's trouble, never a file's. */
  g_assert_true (strstr (said, "nodb") != NULL || strstr (said, "nonexistent-frontline-socket"));
  g_assert_true (g_str_equal (heading, "Not a Database Address") ||
                 strstr (heading, "postgresql://") != NULL);

  frontline_test_close_all ();
}

static void
test_lost_toast (void)
{
  FrontlineWindow *window = frontline_window_new (app);
  g_autoptr(GError) error = g_error_new (FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_LOST,
                                         "server closed the connection unexpectedly");

  gtk_window_present (GTK_WINDOW (window));
  _frontline_window_show_lost (window, error);
  g_assert_nonnull (window->lost_toast);
  g_assert_cmpstr (adw_toast_get_action_name (window->lost_toast), ==, "win.retry-fetch");
  g_assert_cmpstr (adw_toast_get_button_label (window->lost_toast), ==, "_Retry");
  g_assert_cmpuint (adw_toast_get_timeout (window->lost_toast), ==, 0);

  /* Once: a second loss while the toast shows adds none. */
  {
    AdwToast *first = window->lost_toast;

    _frontline_window_show_lost (window, error);
    g_assert_true (window->lost_toast == first);
  }

  /* Retry takes the toast away and asks again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.retry-fetch", NULL));
  g_assert_null (window->lost_toast);

  frontline_test_close_all ();
}

/* The position of the menu's item opening @target, or -1. */
static int
find_target (GMenuModel *menu,
             const char *target)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GVariant) value = g_menu_model_get_item_attribute_value (menu, i,
                                                                         G_MENU_ATTRIBUTE_TARGET,
                                                                         G_VARIANT_TYPE_STRING);

      if (value != NULL && g_str_equal (g_variant_get_string (value, NULL), target))
        return i;
    }
  return -1;
}

static const char *recent_address =
  "postgresql://alice@db.example.org:6543/archive?table=team.bakhmut";

static gboolean
menu_has_address_cb (gpointer data)
{
  return find_target (data, recent_address) >= 0;
}

/* Recent Datasets: an address is listed by its dataset's title and opens as
 * an address, never as a file (the menu's other items are other tests'). */
static void
test_recent_address (void)
{
  g_autoptr(GtkRecentManager) manager = g_object_new (GTK_TYPE_RECENT_MANAGER, NULL);
  g_autoptr(GMenuModel) menu = frontline_recent_menu_new (manager, "win.open-recent");
  g_autofree char *label = NULL;
  int position;

  frontline_recent_add_address (manager, recent_address, "Bakhmut, 2023");
  frontline_test_wait_until (menu_has_address_cb, menu, 10000);

  position = find_target (menu, recent_address);
  g_assert_true (g_menu_model_get_item_attribute (menu, position, G_MENU_ATTRIBUTE_LABEL, "s",
                                                  &label));
  g_assert_cmpstr (label, ==, "Bakhmut, 2023");

  gtk_recent_manager_remove_item (manager, recent_address, NULL);
}

/* Publish to Database: the table name from the title. */
static void
test_suggest_table_name (void)
{
  const struct {
    const char *title;
    const char *name;
  } cases[] = {
    { "Kursk incursion, August 2024 – March 2025", "kursk_incursion_august_2024_march_2025" },
    { "Soledar and Bakhmut", "soledar_and_bakhmut" },
    { "  --Zaporizhzhia!! ", "zaporizhzhia" },
    { "2023 offensive", "dataset_2023_offensive" },
    { "Бахмут", "dataset" },
    { "", "dataset" },
    { NULL, "dataset" },
    { "A very long title that goes on and on about the front line and more", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = frontline_connect_dialog_suggest_table_name (cases[i].title);

      g_test_message ("%s → %s", cases[i].title, name);
      if (cases[i].name != NULL)
        g_assert_cmpstr (name, ==, cases[i].name);
      g_assert_cmpuint (strlen (name), <=, 48);
      g_assert_true (g_ascii_islower (name[0]));
      for (const char *p = name; *p != '\0'; p++)
        g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_');
    }
}

/* What the fake publishing was asked. */
static struct {
  guint                     n_calls;
  gboolean                  replace;
  FrontlineArchiveLocation *location;
  char                     *password;
} fake_publish;

/* Runs in the dialog's worker: "kursk" exists and is Frontline's, "taken"
 * is someone else's. */
static gboolean
fake_publish_func (FrontlineDataset               *dataset,
                   const FrontlineArchiveLocation *location,
                   const char                     *password,
                   gboolean                        replace,
                   GCancellable                   *cancellable,
                   FrontlineProgressFunc           progress,
                   gpointer                        progress_data,
                   GError                        **error)
{
  g_assert_false (g_main_context_is_owner (g_main_context_default ()));
  g_assert_true (FRONTLINE_IS_DATASET (dataset));

  fake_publish.n_calls++;
  fake_publish.replace = replace;
  g_clear_pointer (&fake_publish.location, frontline_archive_location_free);
  fake_publish.location = frontline_archive_location_copy (location);
  g_free (fake_publish.password);
  fake_publish.password = g_strdup (password);
  progress (0.5, progress_data);

  if (g_str_equal (location->table, "taken"))
    {
      g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE,
                   "postgresql://alice@db.example.org:6543/archive?table=public.taken: "
                   "the table exists and is not Frontline’s");
      return FALSE;
    }
  if (g_str_equal (location->table, "kursk") && !replace)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "kursk already holds a dataset");
      return FALSE;
    }
  return TRUE;
}

static gboolean
published_or_asked_cb (gpointer data)
{
  return !frontline_connect_dialog_is_publishing (data);
}

static void
on_published_cb (FrontlineConnectDialog   *dialog,
                 FrontlineArchiveLocation *location,
                 const char               *password,
                 gboolean                  remember,
                 Opened                   *published)
{
  on_open_cb (dialog, location, password, remember, published);
}

static void
test_publish_page (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled ("kursk-2024-2025.geojson");
  g_autoptr(FrontlineConnectDialog) dialog = NULL;
  Opened published = { NULL };
  GtkListBox *existing;
  AdwMessageDialog *replace;

  fake_reset ();
  dialog = g_object_ref_sink (frontline_connect_dialog_new_publish (NULL, dataset));
  g_assert_true (frontline_connect_dialog_is_publish_mode (dialog));
  frontline_connect_dialog_set_list_func (dialog, fake_list_tables);
  frontline_connect_dialog_set_publish_func (dialog, fake_publish_func);
  g_signal_connect (dialog, "published", G_CALLBACK (on_published_cb), &published);
  set_row_text (dialog, "host_row", "db.example.org");
  set_row_text (dialog, "dbname_row", "archive");
  set_row_text (dialog, "user_row", "alice");
  set_row_text (dialog, "password_row", "s3cret");
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Publish to Database");

  /* The server page first, as in Connect; then the table's page. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_child (dialog, "stack"))),
                   ==, "server");
  frontline_connect_dialog_connect (dialog);
  frontline_test_wait_until (listed_cb, dialog, 5000);
  g_assert_null (frontline_connect_dialog_get_error (dialog));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_child (dialog, "stack"))),
                   ==, "publish");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_child (dialog, "schema_row"))), ==,
                   "public");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_child (dialog, "table_row"))), ==,
                   "kursk_incursion_august_2024_march_2025");

  /* The datasets already there; choosing one names its table. */
  existing = GTK_LIST_BOX (get_child (dialog, "existing_list"));
  g_assert_nonnull (gtk_list_box_get_row_at_index (existing, 1));
  g_assert_null (gtk_list_box_get_row_at_index (existing, 2));
  g_signal_emit_by_name (existing, "row-activated", gtk_list_box_get_row_at_index (existing, 1));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_child (dialog, "schema_row"))), ==,
                   "team");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_child (dialog, "table_row"))), ==,
                   "bakhmut");

  /* No name: said inline, nothing published. */
  set_row_text (dialog, "table_row", "  ");
  frontline_connect_dialog_publish (dialog);
  g_assert_nonnull (frontline_connect_dialog_get_error (dialog));
  g_assert_cmpuint (fake_publish.n_calls, ==, 0);

  /* Someone else's table: refused in the server's words. */
  frontline_connect_dialog_set_table (dialog, "public", "taken");
  frontline_connect_dialog_publish (dialog);
  frontline_test_wait_until (published_or_asked_cb, dialog, 5000);
  g_assert_nonnull (strstr (frontline_connect_dialog_get_error (dialog), "not Frontline"));
  g_assert_null (frontline_connect_dialog_get_replace_dialog (dialog));
  g_assert_cmpuint (published.n_opened, ==, 0);

  /* Frontline's: asked first; Cancel leaves it. */
  frontline_connect_dialog_set_table (dialog, "public", "kursk");
  frontline_connect_dialog_publish (dialog);
  frontline_test_wait_until (published_or_asked_cb, dialog, 5000);
  replace = frontline_connect_dialog_get_replace_dialog (dialog);
  g_assert_nonnull (replace);
  g_assert_cmpstr (adw_message_dialog_get_heading (replace), ==, "Replace “public.kursk”?");
  g_assert_cmpuint (fake_publish.n_calls, ==, 2);
  g_assert_false (fake_publish.replace);
  adw_message_dialog_response (replace, "cancel");
  g_assert_null (frontline_connect_dialog_get_replace_dialog (dialog));
  g_assert_false (frontline_connect_dialog_is_publishing (dialog));
  g_assert_cmpuint (fake_publish.n_calls, ==, 2);
  g_assert_cmpuint (published.n_opened, ==, 0);

  /* Replace: published again, replacing, with the server the list is from. */
  frontline_connect_dialog_publish (dialog);
  frontline_test_wait_until (published_or_asked_cb, dialog, 5000);
  adw_message_dialog_response (frontline_connect_dialog_get_replace_dialog (dialog), "replace");
  frontline_test_wait_until (published_or_asked_cb, dialog, 5000);
  g_assert_cmpuint (fake_publish.n_calls, ==, 4);
  g_assert_true (fake_publish.replace);
  g_assert_cmpstr (fake_publish.password, ==, "s3cret");
  g_assert_cmpstr (fake_publish.location->host, ==, "db.example.org");
  g_assert_cmpuint (published.n_opened, ==, 1);
  g_assert_cmpstr (published.location->schema, ==, "public");
  g_assert_cmpstr (published.location->table, ==, "kursk");
  g_assert_cmpstr (published.location->dbname, ==, "archive");
  g_assert_cmpstr (published.password, ==, "s3cret");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  frontline_archive_location_free (published.location);
  g_free (published.password);
  g_clear_pointer (&fake_publish.location, frontline_archive_location_free);
  g_clear_pointer (&fake_publish.password, g_free);
  fake_publish.n_calls = 0;
  fake_reset ();
}

/* Beside Save As, for a dataset from a file; not for one from a database. */
static void
test_publish_window_action (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled ("kursk-2024-2025.geojson");
  FrontlineWindow *window = frontline_window_new (app);
  GtkWindow *dialog;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (frontline_test_action_enabled (GTK_WIDGET (window), "publish"));
  _frontline_window_set_dataset (window, dataset);
  g_assert_true (frontline_test_action_enabled (GTK_WIDGET (window), "publish"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL));
  dialog = frontline_test_wait_for_toplevel (FRONTLINE_TYPE_CONNECT_DIALOG);
  g_assert_true (frontline_connect_dialog_is_publish_mode (FRONTLINE_CONNECT_DIALOG (dialog)));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (dialog));

  frontline_test_close_all ();
}

int
main (int   argc,
      char *argv[])
{
  frontline_gtk_test_init (&argc, &argv, NULL);

  app = frontline_test_application_new ();

  g_test_add_func ("/frontline/connect-dialog/lists-and-opens", test_lists_and_opens);
  g_test_add_func ("/frontline/connect-dialog/error-inline", test_error_inline);
  g_test_add_func ("/frontline/connect-dialog/no-tables", test_no_tables);
  g_test_add_func ("/frontline/connect-dialog/accessible-and-keyboard", test_accessible_and_keyboard);
  g_test_add_func ("/frontline/connect-dialog/window-action", test_window_action);
  g_test_add_func ("/frontline/connect-dialog/secret-degrades", test_secret_degrades);
  g_test_add_func ("/frontline/connect-dialog/window-open-error", test_window_open_error);
  g_test_add_func ("/frontline/connect-dialog/lost-toast", test_lost_toast);
  g_test_add_func ("/frontline/connect-dialog/recent-address", test_recent_address);
  g_test_add_func ("/frontline/connect-dialog/suggest-table-name", test_suggest_table_name);
  g_test_add_func ("/frontline/connect-dialog/publish-page", test_publish_page);
  g_test_add_func ("/frontline/connect-dialog/publish-window-action", test_publish_window_action);
  /* Last: it runs the application's main loop and quits it. */
  g_test_add_func ("/frontline/connect-dialog/command-line-address", test_command_line_address);

  return g_test_run ();
}
