/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-field-mapping-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "frontline-field-mapping-dialog.h"
#include "frontline-ogr-reader.h"

/* Which fields of a file's layers hold the dates, the side and the status,
 * for a file whose fields are not Frontline's: one group of rows per layer
 * that needs them, preset from the reader's suggestion, each with a preview
 * of the chosen field's values. "chosen" gives the mapping of every such
 * layer; closing the dialog any other way emits "cancelled". */

/* The fixed choices before the fields in each row's list. */
#define DATE_FIXED    1  /* not chosen */
#define END_FIXED     1  /* none */
#define SIDE_FIXED    1  /* the same for every feature */
#define STATUS_FIXED  3  /* controlled, claimed or contested for every feature */

static const char * const status_values[STATUS_FIXED] = { "controlled", "claimed", "contested" };

typedef struct {
  FrontlineOgrLayerInfo *info;
  AdwComboRow           *date_row;
  AdwComboRow           *end_row;
  AdwComboRow           *side_row;
  AdwEntryRow           *side_value_row;
  AdwComboRow           *status_row;
} LayerRows;

struct _FrontlineFieldMappingDialog
{
  AdwWindow             parent_instance;

  GPtrArray            *layers;   /* FrontlineOgrLayerInfo */
  GArray               *rows;     /* LayerRows, for the layers that need a mapping */
  gboolean              answered;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkWidget            *open_button;
  AdwPreferencesPage   *page;
  AdwPreferencesGroup  *intro_group;
};

G_DEFINE_FINAL_TYPE (FrontlineFieldMappingDialog, frontline_field_mapping_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_CHOSEN,
  SIGNAL_CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
field_index (FrontlineOgrLayerInfo *info,
             const char            *name)
{
  for (guint i = 0; name != NULL && info->fields != NULL && info->fields[i] != NULL; i++)
    if (g_ascii_strcasecmp (info->fields[i], name) == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

/* The field chosen in @row past its @n_fixed choices, or NULL. */
static const char *
chosen_field (LayerRows   *rows,
              AdwComboRow *row,
              guint        n_fixed)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == GTK_INVALID_LIST_POSITION || selected < n_fixed)
    return NULL;

  return rows->info->fields[selected - n_fixed];
}

static FrontlineFieldMapping *
mapping_of (LayerRows *rows)
{
  FrontlineFieldMapping *mapping = frontline_field_mapping_new ();
  guint status = adw_combo_row_get_selected (rows->status_row);

  mapping->date_field = g_strdup (chosen_field (rows, rows->date_row, DATE_FIXED));
  mapping->end_field = g_strdup (chosen_field (rows, rows->end_row, END_FIXED));
  mapping->faction_field = g_strdup (chosen_field (rows, rows->side_row, SIDE_FIXED));
  if (mapping->faction_field == NULL)
    {
      g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (rows->side_value_row))));

      if (*value != '\0')
        mapping->faction_value = g_steal_pointer (&value);
    }
  mapping->status_field = g_strdup (chosen_field (rows, rows->status_row, STATUS_FIXED));
  if (mapping->status_field == NULL && status < STATUS_FIXED)
    mapping->status_value = g_strdup (status_values[status]);

  return mapping;
}

/* The values shown under a row: the row's choice beside them keeps its room. */
#define PREVIEW_VALUES 3
#define PREVIEW_CHARS  20

static char *
join_samples (char **samples)
{
  GString *text = g_string_new (NULL);
  guint i;

  for (i = 0; samples[i] != NULL && i < PREVIEW_VALUES; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      if (g_utf8_strlen (samples[i], -1) > PREVIEW_CHARS)
        {
          g_autofree char *start = g_utf8_substring (samples[i], 0, PREVIEW_CHARS - 1);

          g_string_append_printf (text, "%s…", g_strchomp (start));
        }
      else
        g_string_append (text, samples[i]);
    }
  if (samples[i] != NULL)
    g_string_append (text, ", …");

  return g_string_free (text, FALSE);
}

/* "a, b, c": the first values of the field chosen in @row, so that one sees
 * whether it holds what the row asks for. */
static void
update_preview (LayerRows   *rows,
                AdwComboRow *row,
                guint        n_fixed)
{
  guint selected = adw_combo_row_get_selected (row);
  g_autofree char *preview = NULL;

  if (selected != GTK_INVALID_LIST_POSITION && selected >= n_fixed && rows->info->samples != NULL)
    {
      char **samples = rows->info->samples[selected - n_fixed];

      if (samples != NULL && samples[0] != NULL)
        {
          g_autofree char *joined = join_samples (samples);

          /* Translators: %s is a list of a field's first values, "2024-08-06, 2024-08-07" */
          preview = g_strdup_printf (_("Values: %s"), joined);
        }
      else
        preview = g_strdup (_("No values"));
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), preview != NULL ? preview : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  preview != NULL ? preview : "", -1);
}

static void
update (FrontlineFieldMappingDialog *self)
{
  gtk_widget_set_sensitive (self->open_button,
                            frontline_field_mapping_dialog_is_complete (self));
}

static void
on_row_changed_cb (FrontlineFieldMappingDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      LayerRows *rows = &g_array_index (self->rows, LayerRows, i);

      update_preview (rows, rows->date_row, DATE_FIXED);
      update_preview (rows, rows->end_row, END_FIXED);
      update_preview (rows, rows->side_row, SIDE_FIXED);
      update_preview (rows, rows->status_row, STATUS_FIXED);
      gtk_widget_set_visible (GTK_WIDGET (rows->side_value_row),
                              adw_combo_row_get_selected (rows->side_row) < SIDE_FIXED);
    }

  update (self);
}

/* A row choosing among @fixed (translated labels) and then the layer's fields. */
static AdwComboRow *
add_combo_row (FrontlineFieldMappingDialog *self,
               AdwPreferencesGroup         *group,
               FrontlineOgrLayerInfo       *info,
               const char                  *title,
               const char * const          *fixed,
               guint                        n_fixed,
               guint                        selected)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree char *plain = g_strdup (title);
  g_autofree char *label = NULL;

  /* The title without its mnemonic underline, for the accessible name. */
  for (char *p = plain, *q = plain; ; p++)
    if (*p != '_' && (*q++ = *p) == '\0')
      break;
  /* Translators: the accessible name of a row: "Date, layer “areas”" */
  label = g_strdup_printf (_("%s, layer “%s”"), plain, info->name);

  for (guint i = 0; i < n_fixed; i++)
    gtk_string_list_append (model, fixed[i]);
  for (guint i = 0; info->fields != NULL && info->fields[i] != NULL; i++)
    gtk_string_list_append (model, info->fields[i]);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row, selected);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_row_changed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (group, GTK_WIDGET (row));

  return row;
}

static guint
preselect (FrontlineOgrLayerInfo *info,
           const char            *field,
           guint                  n_fixed,
           guint                  otherwise)
{
  guint i = field_index (info, field);

  return i == GTK_INVALID_LIST_POSITION ? otherwise : i + n_fixed;
}

static char *
describe_layer (FrontlineOgrLayerInfo *info)
{
  if (info->n_features < 0 || info->geometry_type == NULL)
    return g_strdup (info->geometry_type != NULL ? info->geometry_type : "");

  /* Translators: a layer's geometry type and its number of features, "Multi Polygon, 12 features" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %lu feature", "%s, %lu features",
                                       (gulong) MIN (info->n_features, G_MAXULONG)),
                          info->geometry_type, (gulong) MIN (info->n_features, G_MAXULONG));
}

/* A layer already read as it is, or not at all: one row saying so. */
static void
add_mapped_layer (FrontlineFieldMappingDialog *self,
                  FrontlineOgrLayerInfo       *info)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *description = describe_layer (info);
  g_autofree char *subtitle = NULL;
  FrontlineFieldMapping *s = info->suggested;

  adw_preferences_group_set_title (group, info->name);
  adw_preferences_group_set_description (group, description);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  if (!info->has_areas)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No Areas"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("This layer has no polygons and is not read as areas."));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Fields Recognized"));
      if (s != NULL)
        /* Translators: the fields found for a layer: "Date: begin; side: faction" */
        subtitle = g_strdup_printf (_("Date: %s; side: %s"),
                                    s->date_field != NULL ? s->date_field : "—",
                                    s->faction_field != NULL ? s->faction_field
                                    : s->faction_value != NULL ? s->faction_value : "—");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");
    }

  adw_preferences_group_add (group, row);
  adw_preferences_page_add (self->page, group);
}

static void
add_layer (FrontlineFieldMappingDialog *self,
           FrontlineOgrLayerInfo       *info)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autofree char *description = describe_layer (info);
  FrontlineFieldMapping *s = info->suggested;
  const char * const date_fixed[] = { _("Not Chosen") };
  const char * const end_fixed[] = { _("None") };
  const char * const side_fixed[] = { _("Same for Every Feature") };
  const char * const status_fixed[] = {
    _("All Controlled"), _("All Claimed"), _("All Contested"),
  };
  /* Translators: the accessible name of an entry: "Side of every feature, layer “areas”" */
  g_autofree char *value_label = g_strdup_printf (_("Side of every feature, layer “%s”"), info->name);
  guint status = 0;
  LayerRows rows = { .info = info };

  adw_preferences_group_set_title (group, info->name);
  adw_preferences_group_set_description (group, description);

  rows.date_row = add_combo_row (self, group, info, _("_Date"), date_fixed, DATE_FIXED,
                                 preselect (info, s ? s->date_field : NULL, DATE_FIXED, 0));
  rows.end_row = add_combo_row (self, group, info, _("_Until"), end_fixed, END_FIXED,
                                preselect (info, s ? s->end_field : NULL, END_FIXED, 0));
  rows.side_row = add_combo_row (self, group, info, _("_Side"), side_fixed, SIDE_FIXED,
                                 preselect (info, s ? s->faction_field : NULL, SIDE_FIXED, 0));

  rows.side_value_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows.side_value_row), _("Side of Every Feature"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rows.side_value_row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (rows.side_value_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, value_label, -1);
  if (s != NULL && s->faction_value != NULL)
    gtk_editable_set_text (GTK_EDITABLE (rows.side_value_row), s->faction_value);
  g_signal_connect_object (rows.side_value_row, "changed", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (group, GTK_WIDGET (rows.side_value_row));

  for (guint i = 0; s != NULL && s->status_value != NULL && i < STATUS_FIXED; i++)
    if (g_str_equal (s->status_value, status_values[i]))
      status = i;
  rows.status_row = add_combo_row (self, group, info, _("S_tatus"), status_fixed, STATUS_FIXED,
                                   preselect (info, s ? s->status_field : NULL, STATUS_FIXED, status));

  adw_preferences_page_add (self->page, group);
  g_array_append_val (self->rows, rows);
}

static void
on_open_button_clicked_cb (FrontlineFieldMappingDialog *self)
{
  g_autoptr(FrontlineLoadOptions) options = NULL;

  if (!frontline_field_mapping_dialog_is_complete (self))
    return;

  options = frontline_field_mapping_dialog_get_options (self);
  self->answered = TRUE;
  g_signal_emit (self, signals[SIGNAL_CHOSEN], 0, options);
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
frontline_field_mapping_dialog_close_request (GtkWindow *window)
{
  FrontlineFieldMappingDialog *self = FRONTLINE_FIELD_MAPPING_DIALOG (window);

  if (!self->answered)
    {
      self->answered = TRUE;
      g_signal_emit (self, signals[SIGNAL_CANCELLED], 0);
    }

  return GTK_WINDOW_CLASS (frontline_field_mapping_dialog_parent_class)->close_request (window);
}

static void
frontline_field_mapping_dialog_dispose (GObject *object)
{
  FrontlineFieldMappingDialog *self = FRONTLINE_FIELD_MAPPING_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FRONTLINE_TYPE_FIELD_MAPPING_DIALOG);

  G_OBJECT_CLASS (frontline_field_mapping_dialog_parent_class)->dispose (object);
}

static void
frontline_field_mapping_dialog_finalize (GObject *object)
{
  FrontlineFieldMappingDialog *self = FRONTLINE_FIELD_MAPPING_DIALOG (object);

  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->layers, g_ptr_array_unref);

  G_OBJECT_CLASS (frontline_field_mapping_dialog_parent_class)->finalize (object);
}

static void
frontline_field_mapping_dialog_class_init (FrontlineFieldMappingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = frontline_field_mapping_dialog_dispose;
  object_class->finalize = frontline_field_mapping_dialog_finalize;
  window_class->close_request = frontline_field_mapping_dialog_close_request;

  /**
   * FrontlineFieldMappingDialog::chosen:
   * @options: the mapping of every layer that needed one
   *
   * Open was pressed with every mapping complete; the dialog then closes.
   */
  signals[SIGNAL_CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         FRONTLINE_TYPE_LOAD_OPTIONS);
  /**
   * FrontlineFieldMappingDialog::cancelled:
   *
   * The dialog closed without a mapping (Cancel, Escape, the window closed).
   */
  signals[SIGNAL_CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/frontline/Frontline/ui/frontline-field-mapping-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlineFieldMappingDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, FrontlineFieldMappingDialog, open_button);
  gtk_widget_class_bind_template_child (widget_class, FrontlineFieldMappingDialog, page);
  gtk_widget_class_bind_template_child (widget_class, FrontlineFieldMappingDialog, intro_group);
  gtk_widget_class_bind_template_callback (widget_class, on_open_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
frontline_field_mapping_dialog_init (FrontlineFieldMappingDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_array_new (FALSE, TRUE, sizeof (LayerRows));
}

/**
 * frontline_field_mapping_dialog_new:
 * @parent: the window it is modal for
 * @file_name: the file's name, as shown
 * @layers: (element-type FrontlineOgrLayerInfo): from frontline_ogr_inspect()
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
GtkWidget *
frontline_field_mapping_dialog_new (GtkWindow  *parent,
                                    const char *file_name,
                                    GPtrArray  *layers)
{
  FrontlineFieldMappingDialog *self;
  g_autofree char *intro = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (layers != NULL, NULL);

  self = g_object_new (FRONTLINE_TYPE_FIELD_MAPPING_DIALOG,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->layers = g_ptr_array_ref (layers);

  adw_window_title_set_subtitle (self->window_title, file_name);
  /* Translators: %s is a file name */
  intro = g_strdup_printf (_("Choose which fields of “%s” hold the dates and sides of its areas."),
                           file_name);
  adw_preferences_group_set_description (self->intro_group, intro);

  for (guint i = 0; i < layers->len; i++)
    {
      FrontlineOgrLayerInfo *info = g_ptr_array_index (layers, i);

      if (info->needs_mapping && info->has_areas)
        add_layer (self, info);
      else
        add_mapped_layer (self, info);
    }

  on_row_changed_cb (self);

  return GTK_WIDGET (self);
}

/* Whether every layer that needs a mapping has a complete one. */
gboolean
frontline_field_mapping_dialog_is_complete (FrontlineFieldMappingDialog *self)
{
  g_return_val_if_fail (FRONTLINE_IS_FIELD_MAPPING_DIALOG (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    {
      g_autoptr(FrontlineFieldMapping) mapping = mapping_of (&g_array_index (self->rows, LayerRows, i));

      if (!frontline_field_mapping_is_complete (mapping))
        return FALSE;
    }

  return TRUE;
}

/**
 * frontline_field_mapping_dialog_get_options:
 *
 * Returns: (transfer full): the mapping chosen for each layer that needs one
 */
FrontlineLoadOptions *
frontline_field_mapping_dialog_get_options (FrontlineFieldMappingDialog *self)
{
  FrontlineLoadOptions *options;

  g_return_val_if_fail (FRONTLINE_IS_FIELD_MAPPING_DIALOG (self), NULL);

  options = frontline_load_options_new ();
  for (guint i = 0; i < self->rows->len; i++)
    {
      LayerRows *rows = &g_array_index (self->rows, LayerRows, i);
      g_autoptr(FrontlineFieldMapping) mapping = mapping_of (rows);

      frontline_load_options_set_mapping (options, rows->info->name, mapping);
    }

  return options;
}

static LayerRows *
find_rows (FrontlineFieldMappingDialog *self,
           const char                  *layer)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      LayerRows *rows = &g_array_index (self->rows, LayerRows, i);

      if (g_strcmp0 (rows->info->name, layer) == 0)
        return rows;
    }

  return NULL;
}

/* Returns: (transfer full) (nullable): what is chosen for @layer, or NULL
 * when it needs no mapping */
FrontlineFieldMapping *
frontline_field_mapping_dialog_dup_mapping (FrontlineFieldMappingDialog *self,
                                            const char                  *layer)
{
  LayerRows *rows;

  g_return_val_if_fail (FRONTLINE_IS_FIELD_MAPPING_DIALOG (self), NULL);

  rows = find_rows (self, layer);
  return rows != NULL ? mapping_of (rows) : NULL;
}

/**
 * frontline_field_mapping_dialog_get_row:
 * @role: "date", "end", "side", "side-value" or "status"
 *
 * Returns: (transfer none) (nullable): @layer's row for @role
 */
GtkWidget *
frontline_field_mapping_dialog_get_row (FrontlineFieldMappingDialog *self,
                                        const char                  *layer,
                                        const char                  *role)
{
  LayerRows *rows;

  g_return_val_if_fail (FRONTLINE_IS_FIELD_MAPPING_DIALOG (self), NULL);
  g_return_val_if_fail (role != NULL, NULL);

  rows = find_rows (self, layer);
  if (rows == NULL)
    return NULL;
  if (g_str_equal (role, "date"))
    return GTK_WIDGET (rows->date_row);
  if (g_str_equal (role, "end"))
    return GTK_WIDGET (rows->end_row);
  if (g_str_equal (role, "side"))
    return GTK_WIDGET (rows->side_row);
  if (g_str_equal (role, "side-value"))
    return GTK_WIDGET (rows->side_value_row);
  if (g_str_equal (role, "status"))
    return GTK_WIDGET (rows->status_row);

  return NULL;
}
