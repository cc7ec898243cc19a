/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-connect-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "frontline-connect-dialog.h"
#include "frontline-day.h"

/* Connect to Database: the server's fields, then the tables that hold
 * Frontline data, listed in a worker; the chosen one is given to the window
 * through "open" (location with its table, password, whether to remember
 * it). Errors are said inline, in the server's words. */

/* One listed table, for the list's model. */
#define FRONTLINE_TYPE_CONNECT_TABLE (frontline_connect_table_get_type ())
G_DECLARE_FINAL_TYPE (FrontlineConnectTable, frontline_connect_table,
                      FRONTLINE, CONNECT_TABLE, GObject)

struct _FrontlineConnectTable
{
  GObject                parent_instance;
  FrontlineArchiveTable *table;
};

G_DEFINE_FINAL_TYPE (FrontlineConnectTable, frontline_connect_table, G_TYPE_OBJECT)

static void
frontline_connect_table_finalize (GObject *object)
{
  FrontlineConnectTable *self = FRONTLINE_CONNECT_TABLE (object);

  g_clear_pointer (&self->table, frontline_archive_table_free);
  G_OBJECT_CLASS (frontline_connect_table_parent_class)->finalize (object);
}

static void
frontline_connect_table_class_init (FrontlineConnectTableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = frontline_connect_table_finalize;
}

static void
frontline_connect_table_init (FrontlineConnectTable *self)
{
}

struct _FrontlineConnectDialog
{
  AdwWindow                 parent_instance;

  FrontlineConnectListFunc  list_func;
  GCancellable             *cancellable;   /* while listing */
  GListStore               *tables;        /* FrontlineConnectTable */
  FrontlineArchiveLocation *connected;     /* the server the list is from */
  char                     *password;      /* the password the list was read with */
  char                     *error;

  AdwWindowTitle           *window_title;
  GtkStack                 *start_stack;
  GtkStack                 *end_stack;
  GtkStack                 *stack;
  GtkStack                 *tables_stack;
  GtkSpinner               *spinner;
  GtkWidget                *connect_button;
  GtkWidget                *open_button;
  AdwEntryRow              *host_row;
  AdwEntryRow              *port_row;
  AdwEntryRow              *dbname_row;
  AdwEntryRow              *user_row;
  AdwEntryRow              *password_row;
  AdwComboRow              *sslmode_row;
  GtkSwitch                *remember_switch;
  GtkLabel                 *error_label;
  AdwPreferencesGroup      *tables_group;
  GtkListBox               *tables_list;
  AdwStatusPage            *empty_page;
};

G_DEFINE_FINAL_TYPE (FrontlineConnectDialog, frontline_connect_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_OPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* libpq's sslmode values, in the order of the combo row. */
static const char * const sslmodes[] = { "disable", "prefer", "require", "verify-full" };

static char *
dup_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

/**
 * frontline_connect_dialog_dup_location:
 *
 * Returns: (transfer full): the server, database and user in the fields,
 *   without a table; empty fields are libpq's defaults
 */
FrontlineArchiveLocation *
frontline_connect_dialog_dup_location (FrontlineConnectDialog *self)
{
  FrontlineArchiveLocation *location;
  guint selected;

  g_return_val_if_fail (FRONTLINE_IS_CONNECT_DIALOG (self), NULL);

  location = g_new0 (FrontlineArchiveLocation, 1);
  location->host = dup_text (self->host_row);
  location->port = dup_text (self->port_row);
  location->dbname = dup_text (self->dbname_row);
  location->user = dup_text (self->user_row);
  selected = adw_combo_row_get_selected (self->sslmode_row);
  location->sslmode = g_strdup (sslmodes[MIN (selected, G_N_ELEMENTS (sslmodes) - 1)]);
  location->schema = g_strdup ("public");

  return location;
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/**
 * frontline_connect_dialog_set_location:
 *
 * Fills the fields from @location (a recent or failed address).
 */
void
frontline_connect_dialog_set_location (FrontlineConnectDialog         *self,
                                       const FrontlineArchiveLocation *location)
{
  g_return_if_fail (FRONTLINE_IS_CONNECT_DIALOG (self));
  g_return_if_fail (location != NULL);

  set_text (self->host_row, location->host);
  set_text (self->port_row, location->port);
  set_text (self->dbname_row, location->dbname);
  set_text (self->user_row, location->user);
  for (guint i = 0; i < G_N_ELEMENTS (sslmodes); i++)
    {
      if (g_strcmp0 (location->sslmode, sslmodes[i]) == 0)
        adw_combo_row_set_selected (self->sslmode_row, i);
    }
}

static void
set_error (FrontlineConnectDialog *self,
           const char             *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_connecting (FrontlineConnectDialog *self,
                gboolean                connecting)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), connecting);
  gtk_spinner_set_spinning (self->spinner, connecting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.connect", !connecting);
}

static void
show_page (FrontlineConnectDialog *self,
           const char             *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_stack_set_visible_child_name (self->start_stack, name);
  gtk_stack_set_visible_child_name (self->end_stack, name);
  /* Enter connects on the first page and opens the chosen table on the second. */
  gtk_window_set_default_widget (GTK_WINDOW (self), g_str_equal (name, "server")
                                 ? self->connect_button : self->open_button);
}

static GtkWidget *
create_table_row (gpointer item,
                  gpointer user_data)
{
  FrontlineArchiveTable *table = FRONTLINE_CONNECT_TABLE (item)->table;
  g_autofree char *first = frontline_day_format_label (table->first_day);
  g_autofree char *last = frontline_day_format_label (table->last_day);
  g_autofree char *areas = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *name = g_strdup_printf ("%s.%s", table->schema, table->table);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label;

  /* With the locale's thousands separator. */
  g_autofree char *count = g_strdup_printf ("%'" G_GINT64_FORMAT, table->n_areas);

  /* Translators: %s is a number of areas */
  areas = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s area", "%s areas",
                                        (gulong) MIN (table->n_areas, G_MAXULONG)),
                           count);
  /* Translators: a listed dataset: its first and last dates, then its number of areas */
  subtitle = g_strdup_printf (_("%s – %s · %s"), first, last, areas);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 table->title != NULL && table->title[0] != '\0'
                                 ? table->title : name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  label = gtk_label_new (name);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

/* What one listing works on: its own copies, since Connect may be pressed
 * again while it runs. */
typedef struct {
  FrontlineConnectListFunc  func;
  FrontlineArchiveLocation *location;
  char                     *password;
} Listing;

static void
listing_free (Listing *listing)
{
  frontline_archive_location_free (listing->location);
  if (listing->password != NULL)
    memset (listing->password, 0, strlen (listing->password));
  g_free (listing->password);
  g_free (listing);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Listing *listing = task_data;
  GError *error = NULL;
  GPtrArray *tables;

  tables = listing->func (listing->location, listing->password, cancellable, &error);
  if (tables == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, tables, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_listed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  FrontlineConnectDialog *self = FRONTLINE_CONNECT_DIALOG (object);
  Listing *listing;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  tables = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  set_connecting (self, FALSE);

  if (tables == NULL)
    {
      set_error (self, error->message);
      return;
    }

  g_list_store_remove_all (self->tables);
  for (guint i = 0; i < tables->len; i++)
    {
      FrontlineConnectTable *item = g_object_new (FRONTLINE_TYPE_CONNECT_TABLE, NULL);

      /* The array's free function would free the table too: take it. */
      item->table = g_steal_pointer (&g_ptr_array_index (tables, i));
      g_list_store_append (self->tables, item);
      g_object_unref (item);
    }

  g_clear_pointer (&self->connected, frontline_archive_location_free);
  listing = g_task_get_task_data (G_TASK (result));
  self->connected = frontline_archive_location_copy (listing->location);

  /* Translators: where the listed datasets are: a database on a server */
  description = g_strdup_printf (_("In “%s” on %s"),
                                 self->connected->dbname ? self->connected->dbname : "",
                                 self->connected->host ? self->connected->host : _("this computer"));
  gtk_stack_set_visible_child_name (self->tables_stack, tables->len > 0 ? "list" : "empty");
  adw_window_title_set_subtitle (self->window_title, description);

  if (tables->len > 0)
    frontline_connect_dialog_select_table (self, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.open", tables->len > 0);
  show_page (self, "tables");
}

/**
 * frontline_connect_dialog_connect:
 *
 * Lists the tables of the database in the fields, in a worker: what Connect
 * does. Errors show under the fields.
 */
void
frontline_connect_dialog_connect (FrontlineConnectDialog *self)
{
  g_autoptr(GTask) task = NULL;
  const char *port;
  Listing *listing;

  g_return_if_fail (FRONTLINE_IS_CONNECT_DIALOG (self));

  port = gtk_editable_get_text (GTK_EDITABLE (self->port_row));
  for (const char *p = port; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p) && *p != ' ')
        {
          set_error (self, _("The port is a number, such as 5432, or empty for the default"));
          gtk_widget_grab_focus (GTK_WIDGET (self->port_row));
          return;
        }
    }

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_free (self->password);
  self->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  if (self->password[0] == '\0')
    g_clear_pointer (&self->password, g_free);

  set_error (self, NULL);
  set_connecting (self, TRUE);

  task = g_task_new (self, self->cancellable, on_listed_cb, NULL);
  g_task_set_source_tag (task, frontline_connect_dialog_connect);
  listing = g_new0 (Listing, 1);
  listing->func = self->list_func;
  listing->location = frontline_connect_dialog_dup_location (self);
  listing->password = g_strdup (self->password);
  g_task_set_task_data (task, listing, (GDestroyNotify) listing_free);
  g_task_run_in_thread (task, list_thread);
}

gboolean
frontline_connect_dialog_is_connecting (FrontlineConnectDialog *self)
{
  g_return_val_if_fail (FRONTLINE_IS_CONNECT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * frontline_connect_dialog_get_error:
 *
 * Returns: (nullable): the error shown under the fields
 */
const char *
frontline_connect_dialog_get_error (FrontlineConnectDialog *self)
{
  g_return_val_if_fail (FRONTLINE_IS_CONNECT_DIALOG (self), NULL);

  return self->error;
}

/**
 * frontline_connect_dialog_get_tables:
 *
 * Returns: (transfer none): the tables listed, as objects whose order is the
 *   list's
 */
GListModel *
frontline_connect_dialog_get_tables (FrontlineConnectDialog *self)
{
  g_return_val_if_fail (FRONTLINE_IS_CONNECT_DIALOG (self), NULL);

  return G_LIST_MODEL (self->tables);
}

void
frontline_connect_dialog_select_table (FrontlineConnectDialog *self,
                                       guint                   position)
{
  g_return_if_fail (FRONTLINE_IS_CONNECT_DIALOG (self));

  gtk_list_box_select_row (self->tables_list,
                           gtk_list_box_get_row_at_index (self->tables_list, (int) position));
}

/**
 * frontline_connect_dialog_open:
 *
 * Emits "open" for the selected table and closes: what Open does.
 */
void
frontline_connect_dialog_open (FrontlineConnectDialog *self)
{
  GtkListBoxRow *row;
  g_autoptr(FrontlineConnectTable) item = NULL;
  g_autoptr(FrontlineArchiveLocation) location = NULL;

  g_return_if_fail (FRONTLINE_IS_CONNECT_DIALOG (self));

  row = gtk_list_box_get_selected_row (self->tables_list);
  if (row == NULL || self->connected == NULL)
    return;

  item = g_list_model_get_item (G_LIST_MODEL (self->tables), gtk_list_box_row_get_index (row));
  location = frontline_archive_location_copy (self->connected);
  g_free (location->schema);
  g_free (location->table);
  location->schema = g_strdup (item->table->schema);
  location->table = g_strdup (item->table->table);

  g_signal_emit (self, signals[SIGNAL_OPEN], 0, location, self->password,
                 gtk_switch_get_active (self->remember_switch));
  gtk_window_close (GTK_WINDOW (self));
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  frontline_connect_dialog_connect (FRONTLINE_CONNECT_DIALOG (widget));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  frontline_connect_dialog_open (FRONTLINE_CONNECT_DIALOG (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  FrontlineConnectDialog *self = FRONTLINE_CONNECT_DIALOG (widget);

  adw_window_title_set_subtitle (self->window_title, NULL);
  show_page (self, "server");
  gtk_widget_grab_focus (GTK_WIDGET (self->host_row));
}

static void
on_tables_list_row_activated_cb (FrontlineConnectDialog *self,
                                 GtkListBoxRow          *row)
{
  gtk_list_box_select_row (self->tables_list, row);
  frontline_connect_dialog_open (self);
}

static void
frontline_connect_dialog_map (GtkWidget *widget)
{
  FrontlineConnectDialog *self = FRONTLINE_CONNECT_DIALOG (widget);

  GTK_WIDGET_CLASS (frontline_connect_dialog_parent_class)->map (widget);

  /* Typing starts with the first field, not on Cancel. */
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "server"))
    gtk_widget_grab_focus (GTK_WIDGET (self->host_row));
}

static void
frontline_connect_dialog_dispose (GObject *object)
{
  FrontlineConnectDialog *self = FRONTLINE_CONNECT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), FRONTLINE_TYPE_CONNECT_DIALOG);

  G_OBJECT_CLASS (frontline_connect_dialog_parent_class)->dispose (object);
}

static void
frontline_connect_dialog_finalize (GObject *object)
{
  FrontlineConnectDialog *self = FRONTLINE_CONNECT_DIALOG (object);

  g_clear_object (&self->tables);
  g_clear_pointer (&self->connected, frontline_archive_location_free);
  g_clear_pointer (&self->error, g_free);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_clear_pointer (&self->password, g_free);

  G_OBJECT_CLASS (frontline_connect_dialog_parent_class)->finalize (object);
}

static void
frontline_connect_dialog_class_init (FrontlineConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = frontline_connect_dialog_dispose;
  object_class->finalize = frontline_connect_dialog_finalize;
  widget_class->map = frontline_connect_dialog_map;

  /**
   * FrontlineConnectDialog::open:
   * @location: the chosen table's location
   * @password: (nullable): the password it was listed with
   * @remember: whether to remember the password in the keyring
   */
  signals[SIGNAL_OPEN] =
    g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, FRONTLINE_TYPE_ARCHIVE_LOCATION, G_TYPE_STRING, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/frontline-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, start_stack);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, end_stack);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, tables_stack);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, open_button);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, dbname_row);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, sslmode_row);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, tables_group);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, tables_list);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_tables_list_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "connect.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "connect.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "connect.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
frontline_connect_dialog_init (FrontlineConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->list_func = frontline_archive_list_tables;
  self->tables = g_list_store_new (FRONTLINE_TYPE_CONNECT_TABLE);
  gtk_list_box_bind_model (self->tables_list, G_LIST_MODEL (self->tables),
                           create_table_row, NULL, NULL);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->connect_button);
}

FrontlineConnectDialog *
frontline_connect_dialog_new (GtkWindow *parent)
{
  return g_object_new (FRONTLINE_TYPE_CONNECT_DIALOG, "transient-for", parent, NULL);
}

void
frontline_connect_dialog_set_list_func (FrontlineConnectDialog   *self,
                                        FrontlineConnectListFunc  func)
{
  g_return_if_fail (FRONTLINE_IS_CONNECT_DIALOG (self));
  g_return_if_fail (func != NULL);

  self->list_func = func;
}
