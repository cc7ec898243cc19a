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

  /* Publish to Database */
  FrontlineDataset            *dataset;       /* the one to publish; NULL when browsing */
  FrontlineConnectPublishFunc  publish_func;
  GCancellable                *publish_cancellable; /* while publishing */
  AdwMessageDialog            *replace_dialog;
  AdwPreferencesGroup         *server_group;
  GtkWidget                   *publish_button;
  AdwEntryRow                 *schema_row;
  AdwEntryRow                 *table_row;
  GtkProgressBar              *publish_progress;
  GtkLabel                    *publish_error_label;
  GtkWidget                   *status_group;  /* the progress and the error, when shown */
  AdwPreferencesGroup         *existing_group;
  GtkListBox                  *existing_list;
};

G_DEFINE_FINAL_TYPE (FrontlineConnectDialog, frontline_connect_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_OPEN,
  SIGNAL_PUBLISHED,
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
  gtk_label_set_text (self->publish_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->publish_error_label), message != NULL);
  gtk_widget_set_visible (self->status_group,
                          message != NULL ||
                          gtk_widget_get_visible (GTK_WIDGET (self->publish_progress)));
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
                                 ? self->connect_button
                                 : g_str_equal (name, "publish")
                                 ? self->publish_button : self->open_button);
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

  if (self->dataset != NULL)
    {
      /* Translators: the publish page's list of datasets when there is none */
      adw_preferences_group_set_description (self->existing_group, tables->len > 0 ? NULL
                                             : _("None yet"));
      show_page (self, "publish");
      gtk_widget_grab_focus (GTK_WIDGET (self->table_row));
      return;
    }

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
cancel_publish_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  frontline_connect_dialog_cancel_publish (FRONTLINE_CONNECT_DIALOG (widget));
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  frontline_connect_dialog_publish (FRONTLINE_CONNECT_DIALOG (widget));
}

/* Choosing a dataset already there publishes over it (after asking). */
static void
on_existing_list_row_activated_cb (FrontlineConnectDialog *self,
                                   GtkListBoxRow          *row)
{
  g_autoptr(FrontlineConnectTable) item = NULL;

  item = g_list_model_get_item (G_LIST_MODEL (self->tables), gtk_list_box_row_get_index (row));
  if (item != NULL)
    frontline_connect_dialog_set_table (self, item->table->schema, item->table->table);
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
  if (self->publish_cancellable != NULL)
    g_cancellable_cancel (self->publish_cancellable);
  g_clear_object (&self->publish_cancellable);
  if (self->replace_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->replace_dialog));
  g_clear_object (&self->replace_dialog);
  g_clear_object (&self->dataset);

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

  /**
   * FrontlineConnectDialog::published:
   * @location: the table the dataset was published to
   * @password: (nullable): the password it was published with
   * @remember: whether to remember the password in the keyring
   */
  signals[SIGNAL_PUBLISHED] =
    g_signal_new ("published", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
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
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, server_group);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, publish_button);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, schema_row);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, table_row);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, publish_progress);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, publish_error_label);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, status_group);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, existing_group);
  gtk_widget_class_bind_template_child (widget_class, FrontlineConnectDialog, existing_list);
  gtk_widget_class_bind_template_callback (widget_class, on_tables_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_existing_list_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "connect.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "connect.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "connect.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "connect.publish", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "connect.cancel-publish", NULL,
                                   cancel_publish_action);
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
  gtk_list_box_bind_model (self->existing_list, G_LIST_MODEL (self->tables),
                           create_table_row, NULL, NULL);
  self->publish_func = frontline_archive_publish;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.cancel-publish", FALSE);
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

/* Publish to Database */

/**
 * frontline_connect_dialog_suggest_table_name:
 * @title: (nullable): a dataset's title
 *
 * Returns: (transfer full): lower-case ASCII letters, digits and
 *   underscores, starting with a letter, short enough for PostgreSQL's
 *   identifiers and the index names made from them; "dataset" when the title
 *   gives nothing
 */
char *
frontline_connect_dialog_suggest_table_name (const char *title)
{
  g_autofree char *ascii = NULL;
  GString *name = g_string_new (NULL);

  if (title != NULL && g_utf8_validate (title, -1, NULL))
    ascii = g_str_to_ascii (title, "C");

  for (const char *p = ascii; p != NULL && *p != '\0' && name->len < 40; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (name, g_ascii_tolower (*p));
      else if (name->len > 0 && name->str[name->len - 1] != '_')
        g_string_append_c (name, '_');
    }
  while (name->len > 0 && name->str[name->len - 1] == '_')
    g_string_truncate (name, name->len - 1);

  if (name->len == 0)
    g_string_assign (name, "dataset");
  else if (g_ascii_isdigit (name->str[0]))
    g_string_prepend (name, "dataset_");

  return g_string_free (name, FALSE);
}

/**
 * frontline_connect_dialog_new_publish:
 * @parent: (nullable): the window
 * @dataset: the dataset to publish, loaded from a file
 *
 * Publish to Database: the server's fields, then the table to publish to.
 * "published" is emitted once the server has all of it.
 */
FrontlineConnectDialog *
frontline_connect_dialog_new_publish (GtkWindow        *parent,
                                      FrontlineDataset *dataset)
{
  FrontlineConnectDialog *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (dataset), NULL);

  self = frontline_connect_dialog_new (parent);
  self->dataset = g_object_ref (dataset);

  gtk_window_set_title (GTK_WINDOW (self), _("Publish to Database"));
  adw_window_title_set_title (self->window_title, _("Publish to Database"));
  adw_preferences_group_set_description (self->server_group,
                                         _("A PostgreSQL server with PostGIS, where the team "
                                           "browses the datasets published to it"));
  name = frontline_connect_dialog_suggest_table_name (frontline_dataset_get_title (dataset));
  frontline_connect_dialog_set_table (self, "public", name);

  return self;
}

gboolean
frontline_connect_dialog_is_publish_mode (FrontlineConnectDialog *self)
{
  g_return_val_if_fail (FRONTLINE_IS_CONNECT_DIALOG (self), FALSE);

  return self->dataset != NULL;
}

void
frontline_connect_dialog_set_publish_func (FrontlineConnectDialog      *self,
                                           FrontlineConnectPublishFunc  func)
{
  g_return_if_fail (FRONTLINE_IS_CONNECT_DIALOG (self));
  g_return_if_fail (func != NULL);

  self->publish_func = func;
}

void
frontline_connect_dialog_set_table (FrontlineConnectDialog *self,
                                    const char             *schema,
                                    const char             *table)
{
  g_return_if_fail (FRONTLINE_IS_CONNECT_DIALOG (self));

  set_text (self->schema_row, schema);
  set_text (self->table_row, table);
}

FrontlineArchiveLocation *
frontline_connect_dialog_dup_publish_location (FrontlineConnectDialog *self)
{
  FrontlineArchiveLocation *location;
  char *schema;

  g_return_val_if_fail (FRONTLINE_IS_CONNECT_DIALOG (self), NULL);

  /* The server the list is from, as the fields may have changed since. */
  if (self->connected != NULL)
    location = frontline_archive_location_copy (self->connected);
  else
    location = frontline_connect_dialog_dup_location (self);
  schema = dup_text (self->schema_row);
  g_free (location->schema);
  location->schema = schema != NULL ? schema : g_strdup ("public");
  g_free (location->table);
  location->table = dup_text (self->table_row);

  return location;
}

typedef struct {
  FrontlineConnectPublishFunc  func;
  FrontlineDataset            *dataset;
  FrontlineArchiveLocation    *location;
  char                        *password;
  gboolean                     replace;
} Publishing;

static void
publishing_free (Publishing *publishing)
{
  g_object_unref (publishing->dataset);
  frontline_archive_location_free (publishing->location);
  if (publishing->password != NULL)
    memset (publishing->password, 0, strlen (publishing->password));
  g_free (publishing->password);
  g_free (publishing);
}

typedef struct {
  GTask  *task;
  double  fraction;
} PublishProgress;

static void
publish_progress_free (PublishProgress *progress)
{
  g_object_unref (progress->task);
  g_free (progress);
}

/* In the main thread: the task's dialog shows how far it is. */
static gboolean
publish_progress_idle_cb (gpointer user_data)
{
  PublishProgress *progress = user_data;
  FrontlineConnectDialog *self = g_task_get_source_object (progress->task);

  if (self->publish_cancellable != NULL &&
      self->publish_cancellable == g_task_get_cancellable (progress->task))
    gtk_progress_bar_set_fraction (self->publish_progress, progress->fraction);

  return G_SOURCE_REMOVE;
}

/* In the worker. */
static void
publish_progress_cb (double   fraction,
                     gpointer user_data)
{
  PublishProgress *progress = g_new0 (PublishProgress, 1);

  progress->task = g_object_ref (user_data);
  progress->fraction = fraction;
  g_idle_add_full (G_PRIORITY_DEFAULT, publish_progress_idle_cb, progress,
                   (GDestroyNotify) publish_progress_free);
}

static void
publish_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Publishing *publishing = task_data;
  GError *error = NULL;

  if (publishing->func (publishing->dataset, publishing->location, publishing->password,
                        publishing->replace, cancellable, publish_progress_cb, task, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
set_publishing (FrontlineConnectDialog *self,
                gboolean                publishing)
{
  GtkWidget *widget = GTK_WIDGET (self);

  /* Before the rows turn insensitive: an insensitive text gets no
   * focus-out, and its cursor would blink on. */
  if (publishing)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), publishing);
  gtk_spinner_set_spinning (self->spinner, publishing);
  gtk_widget_set_visible (GTK_WIDGET (self->publish_progress), publishing);
  gtk_widget_set_visible (self->status_group, publishing || self->error != NULL);
  gtk_progress_bar_set_fraction (self->publish_progress, 0.0);
  gtk_stack_set_visible_child_name (self->start_stack, publishing ? "publishing" : "publish");
  gtk_widget_action_set_enabled (widget, "connect.publish", !publishing);
  gtk_widget_action_set_enabled (widget, "connect.back", !publishing);
  gtk_widget_action_set_enabled (widget, "connect.cancel-publish", publishing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->schema_row), !publishing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->table_row), !publishing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->existing_list), !publishing);
}

static void start_publish (FrontlineConnectDialog *self,
                           gboolean                replace);

static void
on_replace_response_cb (AdwMessageDialog       *dialog,
                        const char             *response,
                        FrontlineConnectDialog *self)
{
  g_clear_object (&self->replace_dialog);

  /* Cancel: the name can be changed, or the old one kept. */
  if (g_strcmp0 (response, "replace") == 0)
    start_publish (self, TRUE);
}

/* The table is one Frontline published: replacing it is for everyone who
 * browses it, so it is asked. */
static void
ask_replace (FrontlineConnectDialog         *self,
             const FrontlineArchiveLocation *location)
{
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: %s.%s is a database table, schema.table */
  heading = g_strdup_printf (_("Replace “%s.%s”?"), location->schema, location->table);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("The database already holds a dataset published in this "
                                     "table. Replacing it changes what everyone who browses it "
                                     "sees."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_replace_response_cb), self, 0);
  self->replace_dialog = g_object_ref (ADW_MESSAGE_DIALOG (dialog));
  /* The question has the keyboard: no cursor blinks behind it. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_published_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FrontlineConnectDialog *self = FRONTLINE_CONNECT_DIALOG (object);
  Publishing *publishing = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* An older one, or the dialog is gone. */
  if (g_task_get_cancellable (G_TASK (result)) != self->publish_cancellable)
    return;

  g_task_propagate_boolean (G_TASK (result), &error);
  g_clear_object (&self->publish_cancellable);
  set_publishing (self, FALSE);

  if (error == NULL)
    {
      /* A text row keeps blinking in a closed window otherwise. */
      gtk_window_set_focus (GTK_WINDOW (self), NULL);
      g_signal_emit (self, signals[SIGNAL_PUBLISHED], 0, publishing->location,
                     publishing->password, gtk_switch_get_active (self->remember_switch));
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS) && !publishing->replace)
    ask_replace (self, publishing->location);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_error (self, _("Publishing was cancelled: the database is as it was"));
  else
    set_error (self, error->message);
}

static void
start_publish (FrontlineConnectDialog *self,
               gboolean                replace)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(FrontlineArchiveLocation) location = NULL;
  Publishing *publishing;

  location = frontline_connect_dialog_dup_publish_location (self);
  if (location->table == NULL)
    {
      set_error (self, _("Give the table a name, such as kursk"));
      gtk_widget_grab_focus (GTK_WIDGET (self->table_row));
      return;
    }

  set_error (self, NULL);
  self->publish_cancellable = g_cancellable_new ();
  set_publishing (self, TRUE);

  task = g_task_new (self, self->publish_cancellable, on_published_cb, NULL);
  g_task_set_source_tag (task, frontline_connect_dialog_publish);
  publishing = g_new0 (Publishing, 1);
  publishing->func = self->publish_func;
  publishing->dataset = g_object_ref (self->dataset);
  publishing->location = g_steal_pointer (&location);
  publishing->password = g_strdup (self->password);
  publishing->replace = replace;
  g_task_set_task_data (task, publishing, (GDestroyNotify) publishing_free);
  g_task_run_in_thread (task, publish_thread);
}

/**
 * frontline_connect_dialog_publish:
 *
 * What Publish does: publishes the dataset into the table in the fields, in
 * a worker; a table Frontline published asks "Replace …?" first.
 */
void
frontline_connect_dialog_publish (FrontlineConnectDialog *self)
{
  g_return_if_fail (FRONTLINE_IS_CONNECT_DIALOG (self));
  g_return_if_fail (self->dataset != NULL);

  if (self->publish_cancellable != NULL || self->replace_dialog != NULL)
    return;

  start_publish (self, FALSE);
}

gboolean
frontline_connect_dialog_is_publishing (FrontlineConnectDialog *self)
{
  g_return_val_if_fail (FRONTLINE_IS_CONNECT_DIALOG (self), FALSE);

  return self->publish_cancellable != NULL;
}

/* Cancel while publishing: the server rolls everything back. */
void
frontline_connect_dialog_cancel_publish (FrontlineConnectDialog *self)
{
  g_return_if_fail (FRONTLINE_IS_CONNECT_DIALOG (self));

  if (self->publish_cancellable != NULL)
    g_cancellable_cancel (self->publish_cancellable);
}

AdwMessageDialog *
frontline_connect_dialog_get_replace_dialog (FrontlineConnectDialog *self)
{
  g_return_val_if_fail (FRONTLINE_IS_CONNECT_DIALOG (self), NULL);

  return self->replace_dialog;
}
