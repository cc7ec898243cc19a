/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "frontline-field-mapping-dialog.h"
#include "frontline-ogr-reader.h"
#include "frontline-test-utils.h"
#include "frontline-window-private.h"

static FrontlineApplication *app;

/* A layer as frontline_ogr_inspect() describes it, made by hand: the real
 * reader need not exist for the dialog. */
static FrontlineOgrLayerInfo *
make_info (const char *name,
           gboolean    needs_mapping)
{
  FrontlineOgrLayerInfo *info = g_new0 (FrontlineOgrLayerInfo, 1);
  const char *fields[] = { "fid", "begin_dt", "until_dt", "side", "state", NULL };
  const char *samples[][5] = {
    { "1", "2", "3", NULL },
    { "2024-08-06", "2024-08-07", "2024-08-12", "2024-08-13", NULL },
    { "2024-08-20", NULL },
    { "RU", "UA", "A side with a very long name", NULL },
    { "controlled", "contested", NULL },
  };

  info->name = g_strdup (name);
  info->geometry_type = g_strdup ("Multi Polygon");
  info->n_features = 12;
  info->has_areas = TRUE;
  info->fields = g_strdupv ((char **) fields);
  info->samples = g_new0 (char **, G_N_ELEMENTS (samples) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    info->samples[i] = g_strdupv ((char **) samples[i]);
  info->suggested = frontline_field_mapping_new ();
  info->suggested->date_field = g_strdup ("begin_dt");
  info->needs_mapping = needs_mapping;
  if (!needs_mapping)
    info->suggested->faction_field = g_strdup ("side");

  return info;
}

static GPtrArray *
make_layers (void)
{
  GPtrArray *layers = g_ptr_array_new_with_free_func ((GDestroyNotify) frontline_ogr_layer_info_free);

  g_ptr_array_add (layers, make_info ("kursk_areas", TRUE));
  g_ptr_array_add (layers, make_info ("mapped", FALSE));
  return layers;
}

typedef struct {
  FrontlineLoadOptions *chosen;
  guint                 n_chosen;
  guint                 n_cancelled;
} Answer;

static void
on_chosen_cb (FrontlineFieldMappingDialog *dialog,
              FrontlineLoadOptions        *options,
              Answer                      *answer)
{
  answer->n_chosen++;
  g_clear_pointer (&answer->chosen, frontline_load_options_unref);
  answer->chosen = frontline_load_options_ref (options);
}

static void
on_cancelled_cb (FrontlineFieldMappingDialog *dialog,
                 Answer                      *answer)
{
  answer->n_cancelled++;
}

static FrontlineFieldMappingDialog *
new_dialog (Answer *answer)
{
  g_autoptr(GPtrArray) layers = make_layers ();
  GtkWidget *dialog = frontline_field_mapping_dialog_new (NULL, "kursk.shp", layers);

  g_signal_connect (dialog, "chosen", G_CALLBACK (on_chosen_cb), answer);
  g_signal_connect (dialog, "cancelled", G_CALLBACK (on_cancelled_cb), answer);
  gtk_window_present (GTK_WINDOW (dialog));
  frontline_test_spin (20);

  return FRONTLINE_FIELD_MAPPING_DIALOG (dialog);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static AdwComboRow *
row (FrontlineFieldMappingDialog *dialog,
     const char                  *role)
{
  GtkWidget *widget = frontline_field_mapping_dialog_get_row (dialog, "kursk_areas", role);

  g_assert_nonnull (widget);
  return ADW_COMBO_ROW (widget);
}

static GtkWidget *
entry (FrontlineFieldMappingDialog *dialog)
{
  GtkWidget *widget = frontline_field_mapping_dialog_get_row (dialog, "kursk_areas", "side-value");

  g_assert_true (ADW_IS_ENTRY_ROW (widget));
  return widget;
}

static void
test_preselects_suggestion (void)
{
  Answer answer = { 0 };
  FrontlineFieldMappingDialog *dialog = new_dialog (&answer);
  GtkWidget *open = find_button (GTK_WIDGET (dialog), "_Open");

  /* "Not chosen", then the fields: begin_dt is the second field. */
  g_assert_cmpuint (adw_combo_row_get_selected (row (dialog, "date")), ==, 1 + 1);
  g_assert_cmpuint (adw_combo_row_get_selected (row (dialog, "end")), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (row (dialog, "side")), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (row (dialog, "status")), ==, 0);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row (dialog, "date"))), ==,
                   "Values: 2024-08-06, 2024-08-07, 2024-08-12, …");

  /* The layer that is already mapped has no rows to answer. */
  g_assert_null (frontline_field_mapping_dialog_get_row (dialog, "mapped", "date"));

  /* No side yet: Open waits. */
  g_assert_nonnull (open);
  g_assert_false (frontline_field_mapping_dialog_is_complete (dialog));
  g_assert_false (gtk_widget_get_sensitive (open));
  g_assert_true (gtk_widget_get_visible (entry (dialog)));
  g_assert_cmpuint (answer.n_chosen, ==, 0);

  frontline_test_close_all ();
  g_assert_cmpuint (answer.n_chosen, ==, 0);
}

static void
test_preview_and_open (void)
{
  Answer answer = { 0 };
  FrontlineFieldMappingDialog *dialog = new_dialog (&answer);
  GtkWidget *open = find_button (GTK_WIDGET (dialog), "_Open");
  const FrontlineFieldMapping *mapping;

  /* The side from the field "side" (the fourth): its values show under it. */
  adw_combo_row_set_selected (row (dialog, "side"), 1 + 3);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row (dialog, "side"))), ==,
                   "Values: RU, UA, A side with a very…");
  g_assert_false (gtk_widget_get_visible (entry (dialog)));
  g_assert_true (gtk_widget_get_sensitive (open));

  /* Without a date it cannot open. */
  adw_combo_row_set_selected (row (dialog, "date"), 0);
  g_assert_false (gtk_widget_get_sensitive (open));
  adw_combo_row_set_selected (row (dialog, "date"), 1 + 1);
  adw_combo_row_set_selected (row (dialog, "end"), 1 + 2);
  adw_combo_row_set_selected (row (dialog, "status"), 3 + 4);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row (dialog, "status"))), ==,
                   "Values: controlled, contested");
  g_assert_true (gtk_widget_get_sensitive (open));

  g_signal_emit_by_name (open, "clicked");
  frontline_test_spin (20);

  g_assert_cmpuint (answer.n_chosen, ==, 1);
  g_assert_cmpuint (answer.n_cancelled, ==, 0);
  mapping = frontline_load_options_get_mapping (answer.chosen, "kursk_areas");
  g_assert_nonnull (mapping);
  g_assert_cmpstr (mapping->date_field, ==, "begin_dt");
  g_assert_cmpstr (mapping->end_field, ==, "until_dt");
  g_assert_cmpstr (mapping->faction_field, ==, "side");
  g_assert_null (mapping->faction_value);
  g_assert_cmpstr (mapping->status_field, ==, "state");
  g_assert_null (mapping->status_value);
  g_assert_null (frontline_load_options_get_mapping (answer.chosen, "mapped"));
  g_assert_null (frontline_test_find_toplevel (FRONTLINE_TYPE_FIELD_MAPPING_DIALOG));

  g_clear_pointer (&answer.chosen, frontline_load_options_unref);
  frontline_test_close_all ();
}

static void
test_fixed_values (void)
{
  Answer answer = { 0 };
  FrontlineFieldMappingDialog *dialog = new_dialog (&answer);
  g_autoptr(FrontlineFieldMapping) mapping = NULL;

  /* One side for every feature, typed; claimed for every feature. */
  gtk_editable_set_text (GTK_EDITABLE (entry (dialog)), "  ru  ");
  adw_combo_row_set_selected (row (dialog, "status"), 1);
  g_assert_true (frontline_field_mapping_dialog_is_complete (dialog));

  mapping = frontline_field_mapping_dialog_dup_mapping (dialog, "kursk_areas");
  g_assert_null (mapping->faction_field);
  g_assert_cmpstr (mapping->faction_value, ==, "ru");
  g_assert_null (mapping->status_field);
  g_assert_cmpstr (mapping->status_value, ==, "claimed");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row (dialog, "status"))), ==, "");

  frontline_test_close_all ();
}

static void
test_cancel (void)
{
  Answer answer = { 0 };
  FrontlineFieldMappingDialog *dialog = new_dialog (&answer);

  adw_combo_row_set_selected (row (dialog, "side"), 1 + 3);
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Cancel"), "clicked");
  frontline_test_spin (20);

  g_assert_cmpuint (answer.n_cancelled, ==, 1);
  g_assert_cmpuint (answer.n_chosen, ==, 0);
  g_assert_null (answer.chosen);
  g_assert_null (frontline_test_find_toplevel (FRONTLINE_TYPE_FIELD_MAPPING_DIALOG));

  /* Escape, too. */
  dialog = new_dialog (&answer);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  frontline_test_spin (20);
  g_assert_cmpuint (answer.n_cancelled, ==, 2);
  g_assert_cmpuint (answer.n_chosen, ==, 0);
  g_assert_null (frontline_test_find_toplevel (FRONTLINE_TYPE_FIELD_MAPPING_DIALOG));

  frontline_test_close_all ();
}

static void
test_accessible_names (void)
{
  Answer answer = { 0 };
  FrontlineFieldMappingDialog *dialog = new_dialog (&answer);
  const char *roles[][2] = {
    { "date", "Date, layer “kursk_areas”" },
    { "end", "Until, layer “kursk_areas”" },
    { "side", "Side, layer “kursk_areas”" },
    { "side-value", "Side of every feature, layer “kursk_areas”" },
    { "status", "Status, layer “kursk_areas”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      GtkWidget *widget = frontline_field_mapping_dialog_get_row (dialog, "kursk_areas", roles[i][0]);

      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           roles[i][1]);
    }

  frontline_test_close_all ();
}

static void
test_settings_round_trip (void)
{
  GSettings *settings = frontline_application_get_settings (app);
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/kursk.shp");
  g_autoptr(FrontlineLoadOptions) options = frontline_load_options_new ();
  g_autoptr(FrontlineLoadOptions) recalled = NULL;
  g_autoptr(FrontlineFieldMapping) mapping = frontline_field_mapping_new ();
  g_autoptr(FrontlineFieldMapping) other = frontline_field_mapping_new ();
  g_autoptr(GVariant) all = NULL;
  const char *layers[] = { "kursk areas", "o'ther", NULL };

  g_assert_null (_frontline_window_recall_mapping (settings, file));

  mapping->date_field = g_strdup ("begin_dt");
  mapping->end_field = g_strdup ("until_dt");
  mapping->faction_field = g_strdup ("side");
  mapping->status_value = g_strdup ("contested");
  other->date_field = g_strdup ("day");
  other->faction_value = g_strdup ("ua");
  frontline_load_options_set_mapping (options, layers[0], mapping);
  frontline_load_options_set_mapping (options, layers[1], other);
  _frontline_window_remember_mapping (settings, file, options, layers);

  recalled = _frontline_window_recall_mapping (settings, file);
  g_assert_nonnull (recalled);
  g_assert_true (frontline_field_mapping_equal (frontline_load_options_get_mapping (recalled, layers[0]),
                                                mapping));
  g_assert_true (frontline_field_mapping_equal (frontline_load_options_get_mapping (recalled, layers[1]),
                                                other));
  g_assert_null (frontline_load_options_get_mapping (recalled, "third"));

  /* Only the most recent files are kept, the newest first. */
  for (guint i = 0; i < 80; i++)
    {
      g_autofree char *path = g_strdup_printf ("/tmp/other-%u.gpkg", i);
      g_autoptr(GFile) other_file = g_file_new_for_path (path);

      _frontline_window_remember_mapping (settings, other_file, options, layers);
    }
  all = g_settings_get_value (settings, "field-mappings");
  g_assert_cmpuint (g_variant_n_children (all), ==, 50);
  g_clear_pointer (&recalled, frontline_load_options_unref);
  recalled = _frontline_window_recall_mapping (settings, file);
  g_assert_null (recalled);

  _frontline_window_forget_mapping (settings, file);
  g_settings_reset (settings, "field-mappings");
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, NULL);

  app = frontline_test_application_new ();

  g_test_add_func ("/frontline/field-mapping-dialog/preselects-suggestion", test_preselects_suggestion);
  g_test_add_func ("/frontline/field-mapping-dialog/preview-and-open", test_preview_and_open);
  g_test_add_func ("/frontline/field-mapping-dialog/fixed-values", test_fixed_values);
  g_test_add_func ("/frontline/field-mapping-dialog/cancel", test_cancel);
  g_test_add_func ("/frontline/field-mapping-dialog/accessible-names", test_accessible_names);
  g_test_add_func ("/frontline/field-mapping-dialog/settings-round-trip", test_settings_round_trip);

  return g_test_run ();
}
