/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wundef"
#include <gdal.h>
#include <gdal_utils.h>
#pragma GCC diagnostic pop
#include <math.h>
#include <string.h>

#include "frontline-basemap-source.h"
#include "frontline-control-layer.h"
#include "frontline-custom-tiles-dialog.h"
#include "frontline-export-dialog.h"
#include "frontline-field-mapping-dialog.h"
#include "frontline-ogr-reader.h"
#include "frontline-exporter.h"
#include "frontline-legend.h"
#include "frontline-point-popover.h"
#include "frontline-side-panel.h"
#include "frontline-test-utils.h"
#include "frontline-timeline.h"
#include "frontline-window.h"
#include "frontline-window-private.h"

static FrontlineApplication *app;

static FrontlineWindow *
new_window (void)
{
  FrontlineWindow *window = FRONTLINE_WINDOW (frontline_application_new_window (app));

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static gboolean
action_enabled (FrontlineWindow *window,
                const char      *name)
{
  return frontline_test_action_enabled (GTK_WIDGET (window), name);
}

static GtkStack *
find_stack (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "empty") != NULL)
    return GTK_STACK (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *stack = find_stack (child);

      if (stack != NULL)
        return stack;
    }

  return NULL;
}

static void
assert_usable_without_dataset (FrontlineWindow *window)
{
  GtkStack *stack = find_stack (GTK_WIDGET (window));

  g_assert_false (frontline_window_has_dataset (window));
  g_assert_nonnull (stack);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  g_assert_true (action_enabled (window, "open"));
  g_assert_true (action_enabled (window, "open-recent"));
  g_assert_false (action_enabled (window, "export"));
  g_assert_false (action_enabled (window, "export-all"));
  g_assert_false (action_enabled (window, "present"));
  g_assert_false (action_enabled (window, "toggle-sidebar"));
}

static void
test_initial_state (void)
{
  FrontlineWindow *window = new_window ();

  assert_usable_without_dataset (window);
  g_assert_false (frontline_window_is_loading (window));

  frontline_test_close_all ();
}

/* Waits for the error dialog of a failed open, checks what it says and closes it. */
static void
assert_error_dialog (FrontlineWindow *window,
                     const char      *heading_pattern,
                     const char      *body_pattern)
{
  GtkWindow *dialog = frontline_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  const char *heading = adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog));
  const char *body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));

  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  if (!g_pattern_match_simple (heading_pattern, heading))
    g_error ("heading “%s” does not match “%s”", heading, heading_pattern);
  if (!g_pattern_match_simple (body_pattern, body))
    g_error ("body “%s” does not match “%s”", body, body_pattern);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_destroy (dialog);
  frontline_test_spin (20);
}

static void
test_open_missing_file (void)
{
  FrontlineWindow *window = new_window ();
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/frontline/missing.geojson");

  frontline_window_open (window, file);
  g_assert_true (frontline_window_is_loading (window));
  assert_error_dialog (window, "Could Not Open “missing.geojson”", "*No such file*");

  /* The window keeps working: the same action opens files again. */
  g_assert_false (frontline_window_is_loading (window));
  assert_usable_without_dataset (window);
  frontline_window_open (window, file);
  assert_error_dialog (window, "Could Not Open “missing.geojson”", "*No such file*");

  frontline_test_close_all ();
}

static GFile *
write_temp_file (const char *name,
                 const char *contents)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static void
test_open_non_json (void)
{
  FrontlineWindow *window = new_window ();
  g_autoptr(GFile) file = write_temp_file ("notes.geojson", "These are not coordinates.\n");

  frontline_window_open (window, file);
  assert_error_dialog (window, "Could Not Open “notes.geojson”", "*notes.geojson:1:*Parse error*");
  assert_usable_without_dataset (window);

  g_file_delete (file, NULL, NULL);
  frontline_test_close_all ();
}

static void
test_drop_file (void)
{
  FrontlineWindow *window = new_window ();
  g_autoptr(GFile) file = write_temp_file ("dropped.geojson", "{}");
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target = NULL;
  GSList *files = g_slist_prepend (NULL, file);
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free (files);

  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
  g_assert_true (frontline_window_is_loading (window));
  assert_error_dialog (window, "Could Not Open “dropped.geojson”",
                       "*dropped.geojson: /type: expected a GeoJSON FeatureCollection*");

  g_file_delete (file, NULL, NULL);
  frontline_test_close_all ();
}

#define DATASET \
  "{\"type\":\"FeatureCollection\",\"frontline\":{\"title\":\"Test Ground\"},\"features\":[" \
  "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"ua\"}," \
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[36,51],[36,52],[35,52]]]}}]}"

/* The credits box on the map. */
static GtkWidget *
find_attribution (GtkWidget *widget)
{
  if (gtk_widget_has_css_class (widget, "frontline-attribution"))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_attribution (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_open_dataset (void)
{
  FrontlineWindow *window = new_window ();
  g_autoptr(GFile) file = write_temp_file ("ground.geojson", DATASET);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *last = NULL;
  GSettings *settings = frontline_application_get_settings (app);
  GtkStack *stack = find_stack (GTK_WIDGET (window));
  ShumateViewport *viewport = frontline_window_get_viewport (window);

  frontline_window_open (window, file);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "loading");
  g_assert_true (action_enabled (window, "cancel-load"));
  frontline_test_wait_until (frontline_test_has_dataset_cb, window, 5000);

  g_assert_false (frontline_window_is_loading (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "map");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Test Ground");
  g_assert_cmpstr (frontline_dataset_get_title (frontline_window_get_dataset (window)), ==, "Test Ground");
  g_assert_true (action_enabled (window, "toggle-sidebar"));
  g_assert_false (action_enabled (window, "cancel-load"));

  /* The map shows the dataset's ground, fitted as `--export --fit` frames
   * it (one fit for the screen and the export), into the map less the
   * credits box: the ground lies clear of the credits. */
  {
    GtkWidget *map = frontline_test_find_widget (GTK_WIDGET (window), SHUMATE_TYPE_SIMPLE_MAP);
    FrontlineView exported;
    int credits = 0;
    int width;
    int height;
    double zoom;
    double centre;

    g_assert_nonnull (map);
    /* Fitted to the map beside the side panel, once it has slid in. */
    frontline_test_spin (600);
    width = MAX (gtk_widget_get_width (map), 640);
    height = MAX (gtk_widget_get_height (map), 400);
    gtk_widget_measure (find_attribution (GTK_WIDGET (window)), GTK_ORIENTATION_VERTICAL, width,
                        NULL, &credits, NULL, NULL);
    g_assert_cmpint (credits, >, 0);
    frontline_export_fit_view (frontline_window_get_dataset (window), width, height - credits,
                               &exported);
    g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                                    exported.center_lon, 1e-9);
    g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), exported.zoom, 1e-9);
    /* South of the box's centre by half the credits' height. */
    g_assert_cmpfloat (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), <,
                       exported.center_lat);
    zoom = shumate_viewport_get_zoom_level (viewport);
    centre = frontline_mercator_y (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), zoom);
    g_assert_cmpfloat (frontline_mercator_y (51.0, zoom) - centre + height / 2.0, <=, height - credits);
    g_assert_cmpfloat (frontline_mercator_y (52.0, zoom) - centre + height / 2.0, >=, 0);
  }

  /* The window is wide enough (1100 px by default): the side panel opens
   * with the dataset, and toggles with its action. */
  g_assert_true (frontline_test_get_boolean (window, "sidebar-visible"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL);
  g_assert_false (frontline_test_get_boolean (window, "sidebar-visible"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL);
  g_assert_true (frontline_test_get_boolean (window, "sidebar-visible"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  {
    gboolean visible = FALSE;

    g_object_get (window, "sidebar-visible", &visible, NULL);
    g_assert_true (visible);
  }

  /* The next session can reopen it, and the recent menu offers it. */
  last = g_settings_get_string (settings, "last-dataset");
  g_assert_cmpstr (last, ==, uri);
  g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));

  g_settings_reset (settings, "last-dataset");
  g_file_delete (file, NULL, NULL);
  frontline_test_close_all ();
}

static void
test_cancel_load (void)
{
  FrontlineWindow *window = new_window ();
  g_autoptr(GFile) file = write_temp_file ("cancelled.geojson", DATASET);

  frontline_window_open (window, file);
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.cancel-load", NULL);

  /* Nothing loads, no error shows, and the window is as it was. */
  frontline_test_spin (300);
  g_assert_null (frontline_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  assert_usable_without_dataset (window);
  g_assert_false (frontline_window_is_loading (window));

  g_file_delete (file, NULL, NULL);
  frontline_test_close_all ();
}

static gboolean
filter_matches (GtkFileFilter *filter,
                const char    *name)
{
  g_autoptr(GFileInfo) info = g_file_info_new ();

  g_file_info_set_display_name (info, name);
  g_file_info_set_content_type (info, "application/octet-stream");
  return gtk_filter_match (GTK_FILTER (filter), info);
}

/* Whether @filters has one called @name that takes a file called @file. */
static gboolean
filter_named (GListModel *filters,
              const char *name,
              const char *file)
{
  for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

      if (g_strcmp0 (gtk_file_filter_get_name (filter), name) == 0)
        return filter_matches (filter, file);
    }

  return FALSE;
}

/* A GeoPackage whose fields are not Frontline's, made with GDAL from the
 * bundled dataset: layer "control", day_from, upto, holder, kind_of. */
static char *
make_renamed_geopackage (const char *dir)
{
  const char * const args[] = {
    "-f", "GPKG", "-nln", "control", "-sql",
    "SELECT \"date\" AS day_from, faction AS holder, status AS kind_of, valid_until AS upto "
    "FROM \"kursk-2024-2025\" WHERE OGR_GEOMETRY = 'POLYGON'", NULL,
  };
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                                "kursk-2024-2025.geojson", NULL);
  char *dst = g_build_filename (dir, "renamed.gpkg", NULL);
  GDALVectorTranslateOptions *options;
  GDALDatasetH in;
  GDALDatasetH out;
  int usage_error = FALSE;

  GDALAllRegister ();
  in = GDALOpenEx (src, GDAL_OF_VECTOR, NULL, NULL, NULL);
  g_assert_nonnull (in);
  options = GDALVectorTranslateOptionsNew ((char **) args, NULL);
  out = GDALVectorTranslate (dst, NULL, 1, &in, options, &usage_error);
  g_assert_false (usage_error);
  g_assert_nonnull (out);
  GDALClose (out);
  GDALClose (in);
  GDALVectorTranslateOptionsFree (options);

  return dst;
}

static void
select_field (FrontlineFieldMappingDialog *dialog,
              const char                  *role,
              const char                  *field)
{
  AdwComboRow *row = ADW_COMBO_ROW (frontline_field_mapping_dialog_get_row (dialog, "control", role));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), field))
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }

  g_error ("no field %s", field);
}

static GtkWidget *
find_button_labelled (GtkWidget  *widget,
                      const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_idle_cb (gpointer data)
{
  return !frontline_window_is_loading (data);
}

/* The side panel as the dataset arrives and on every frame after. */
typedef struct
{
  AdwFlap *flap;
  double   progress_at_dataset;
  gboolean broken;  /* a reveal progress out of [0, 1] (NaN), a panel of negative width */
} PanelWatch;

static void
on_watched_dataset_cb (FrontlineWindow *window,
                       GParamSpec      *pspec,
                       PanelWatch      *watch)
{
  watch->progress_at_dataset = adw_flap_get_reveal_progress (watch->flap);
}

static gboolean
watch_panel_tick_cb (GtkWidget     *flap,
                     GdkFrameClock *clock,
                     gpointer       data)
{
  PanelWatch *watch = data;
  double progress = adw_flap_get_reveal_progress (watch->flap);

  if (!(progress >= 0.0 && progress <= 1.0) ||
      gtk_widget_get_width (adw_flap_get_flap (watch->flap)) < 0)
    watch->broken = TRUE;
  return G_SOURCE_CONTINUE;
}

static void
test_open_with_field_mapping (void)
{
  g_autofree char *dir = g_dir_make_tmp ("frontline-mapping-XXXXXX", NULL);
  g_autofree char *path = make_renamed_geopackage (dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  GSettings *settings = frontline_application_get_settings (app);
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) remembered = NULL;
  FrontlineFieldMappingDialog *dialog;
  FrontlineWindow *window;
  GtkWidget *open;
  GtkStack *stack;
  PanelWatch watch = { 0 };
  guint tick;
  int width;
  int height;

  layers = frontline_ogr_inspect (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (layers);
  g_settings_reset (settings, "field-mappings");

  /* Cancel: the window stays as it was. Wide enough for the side panel. */
  window = new_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, >=, 1100);
  frontline_window_open (window, file);
  dialog = FRONTLINE_FIELD_MAPPING_DIALOG (frontline_test_wait_for_toplevel (FRONTLINE_TYPE_FIELD_MAPPING_DIALOG));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  frontline_test_wait_until (is_idle_cb, window, 5000);
  stack = find_stack (GTK_WIDGET (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_false (frontline_window_has_dataset (window));
  remembered = g_settings_get_value (settings, "field-mappings");
  g_assert_cmpuint (g_variant_n_children (remembered), ==, 0);
  g_clear_pointer (&remembered, g_variant_unref);

  /* Answered: loaded, and remembered; the side panel open as the map
   * shows, never a broken reveal (after Cancel and a second dialog, the
   * panel revealed over the map's page not yet laid out made AdwFlap's
   * reveal progress NaN and its box G_MININT pixels wide). */
  watch.flap = ADW_FLAP (frontline_test_find_widget (GTK_WIDGET (window), ADW_TYPE_FLAP));
  watch.progress_at_dataset = -1.0;
  g_signal_connect (window, "notify::dataset", G_CALLBACK (on_watched_dataset_cb), &watch);
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (watch.flap), watch_panel_tick_cb, &watch, NULL);
  frontline_window_open (window, file);
  dialog = FRONTLINE_FIELD_MAPPING_DIALOG (frontline_test_wait_for_toplevel (FRONTLINE_TYPE_FIELD_MAPPING_DIALOG));
  open = find_button_labelled (GTK_WIDGET (dialog), "_Open");
  g_assert_false (gtk_widget_get_sensitive (open));
  select_field (dialog, "date", "day_from");
  select_field (dialog, "end", "upto");
  select_field (dialog, "side", "holder");
  select_field (dialog, "status", "kind_of");
  g_assert_true (gtk_widget_get_sensitive (open));
  g_signal_emit_by_name (open, "clicked");
  frontline_test_wait_until (frontline_test_has_dataset_cb, window, 20000);
  g_assert_cmpuint (g_list_model_get_n_items (frontline_dataset_get_areas (frontline_window_get_dataset (window))), >, 10);
  g_assert_cmpuint (g_list_model_get_n_items (frontline_dataset_get_factions (frontline_window_get_dataset (window))), >=, 2);

  remembered = g_settings_get_value (settings, "field-mappings");
  g_assert_true (g_variant_lookup (remembered, uri, "s", NULL));
  /* Let the window lay the dataset out before it goes. */
  frontline_test_spin (300);
  g_assert_cmpfloat (watch.progress_at_dataset, ==, 1.0);
  g_assert_false (watch.broken);
  g_assert_cmpfloat (adw_flap_get_reveal_progress (watch.flap), ==, 1.0);
  g_assert_cmpint (gtk_widget_get_width (adw_flap_get_flap (watch.flap)), >, 0);
  gtk_widget_remove_tick_callback (GTK_WIDGET (watch.flap), tick);
  g_signal_handlers_disconnect_by_func (window, on_watched_dataset_cb, &watch);
  frontline_test_close_all ();

  /* The next open asks nothing. */
  window = new_window ();
  frontline_window_open (window, file);
  frontline_test_wait_until (frontline_test_has_dataset_cb, window, 20000);
  g_assert_null (frontline_test_find_toplevel (FRONTLINE_TYPE_FIELD_MAPPING_DIALOG));
  frontline_test_spin (300);
  frontline_test_close_all ();

  g_settings_reset (settings, "field-mappings");
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_open_action_shows_chooser (void)
{
  FrontlineWindow *window = new_window ();
  GtkWindow *chooser;
  g_autoptr(GListModel) filters = NULL;
  g_autoptr(GtkFileFilter) first = NULL;

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.open", NULL);
  chooser = frontline_test_wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_true (gtk_window_get_transient_for (chooser) == GTK_WINDOW (window));

  /* All Datasets, one per format (GeoJSON, GeoPackage, KML, Shapefile,
   * FlatGeobuf, GeoJSONSeq, CSV), All Files. */
  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 9);
  first = g_list_model_get_item (filters, 0);
  g_assert_cmpstr (gtk_file_filter_get_name (first), ==, "All Datasets");
  g_assert_true (filter_matches (first, "kursk.geojson"));
  g_assert_true (filter_matches (first, "Kursk.GPKG"));
  g_assert_true (filter_matches (first, "kursk.shp"));
  g_assert_true (filter_matches (first, "kursk.kmz"));
  g_assert_false (filter_matches (first, "kursk.dbf"));
  g_assert_true (filter_named (filters, "GeoPackage", "kursk.gpkg"));
  g_assert_true (filter_named (filters, "Shapefile", "kursk.shp"));
  g_assert_true (filter_named (filters, "Shapefile", "kursk.zip"));
  g_assert_true (filter_named (filters, "KML and KMZ", "kursk.kml"));
  g_assert_true (filter_named (filters, "All Files", "kursk.dbf"));

  frontline_test_close_all ();
}

static void
test_save_as_offers_formats (void)
{
  FrontlineWindow *window = new_window ();
  GtkWindow *chooser;
  g_autoptr(GListModel) filters = NULL;
  g_autoptr(GFile) file = g_file_new_for_uri ("resource:///io/github/frontline/Frontline/datasets/kursk-2024-2025.geojson");

  frontline_window_open (window, file);
  frontline_test_wait_until (frontline_test_has_dataset_cb, window, 20000);

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.save-as", NULL);
  chooser = frontline_test_wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));

  /* GeoJSON first, then what the writer has. */
  g_assert_true (filter_named (filters, "GeoJSON", "kursk.geojson"));
  g_assert_true (filter_named (filters, "GeoPackage", "kursk.gpkg"));
  g_assert_true (filter_named (filters, "Shapefile", "kursk.shp"));
  g_assert_true (filter_named (filters, "KML and KMZ", "kursk.kmz"));
  g_assert_false (filter_named (filters, "All Files", "kursk.geojson"));

  /* The chosen format's extension goes on the suggested name, or on a name
   * typed without one; a typed extension of a format decides. */
  {
    struct { const char *chosen, *suffix, *expected; } cases[] = {
      { "Kursk.geojson", "gpkg", "Kursk.gpkg" },
      { "Kursk.geojson", "geojson", "Kursk.geojson" },
      { "Kursk", "kml", "Kursk.kml" },
      { "Kursk 2024", "shp", "Kursk 2024.shp" },
      { "mine.gpkg", "kml", "mine.gpkg" },
      { "mine.GeoJSON", "shp", "mine.GeoJSON" },
      { "mine.txt", "gpkg", "mine.txt.gpkg" },
      { "mine", NULL, "mine" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GFile) chosen = g_file_new_build_filename ("/tmp", cases[i].chosen, NULL);
        g_autoptr(GFile) target = _frontline_window_save_as_target (chosen, cases[i].suffix,
                                                                    "Kursk.geojson");
        g_autofree char *name = g_file_get_basename (target);

        g_assert_cmpstr (name, ==, cases[i].expected);
      }
  }

  frontline_test_close_all ();
}

static void
test_settings_round_trip (void)
{
  FrontlineWindow *window = new_window ();
  ShumateViewport *viewport = frontline_window_get_viewport (window);
  GSettings *settings = frontline_application_get_settings (app);
  int width;
  int height;
  double latitude;
  double longitude;
  double zoom;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 51.1976, 35.2726);
  shumate_viewport_set_zoom_level (viewport, 9.0);
  gtk_window_close (GTK_WINDOW (window));
  frontline_test_spin (20);

  g_settings_get (settings, "window-size", "(ii)", &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  g_settings_get (settings, "map-view", "(ddd)", &latitude, &longitude, &zoom);
  g_assert_cmpfloat_with_epsilon (latitude, 51.1976, 1e-9);
  g_assert_cmpfloat_with_epsilon (longitude, 35.2726, 1e-9);
  g_assert_cmpfloat_with_epsilon (zoom, 9.0, 1e-9);

  /* A new window starts where the last one left off. */
  window = new_window ();
  viewport = frontline_window_get_viewport (window);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 51.1976, 1e-6);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), 35.2726, 1e-6);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), 9.0, 1e-9);

  frontline_test_close_all ();
  g_settings_reset (settings, "window-size");
  g_settings_reset (settings, "map-view");
}

/* Settings are input like any file: out-of-range values are replaced by the
 * defaults, with no critical from GTK or libshumate (criticals are fatal). */
static void
test_settings_out_of_range (void)
{
  GSettings *settings = frontline_application_get_settings (app);
  const double views[][3] = {
    { 1e300, 35.0, 9.0 }, { 51.0, -400.0, 9.0 }, { 51.0, 35.0, 1e300 },
    { 51.0, 35.0, -5.0 }, { INFINITY, 35.0, 9.0 }, { NAN, NAN, NAN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      FrontlineWindow *window;
      ShumateViewport *viewport;
      int width;
      int height;

      g_settings_set (settings, "map-view", "(ddd)", views[i][0], views[i][1], views[i][2]);
      g_settings_set (settings, "window-size", "(ii)", i % 2 ? -7 : G_MAXINT, 100000);
      window = new_window ();
      viewport = frontline_window_get_viewport (window);

      g_assert_cmpfloat (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), ==, 50.0);
      g_assert_cmpfloat (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), ==, 36.0);
      g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 6.0);
      gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
      g_assert_cmpint (width, >=, 360);
      g_assert_cmpint (width, <=, 16384);
      g_assert_cmpint (height, <=, 16384);

      frontline_test_close_all ();
    }

  g_settings_reset (settings, "window-size");
  g_settings_reset (settings, "map-view");
}

static void
test_base_map (void)
{
  FrontlineWindow *window = new_window ();
  GSettings *settings = frontline_application_get_settings (app);
  ShumateSimpleMap *map = frontline_window_get_map (window);
  g_autofree char *basemap = NULL;
  ShumateMapSource *source;

  /* Offline by default: nothing goes over the network unless chosen. */
  source = shumate_simple_map_get_map_source (map);
  g_assert_true (FRONTLINE_IS_BASEMAP_SOURCE (source));
  g_assert_cmpint (frontline_basemap_source_get_style (FRONTLINE_BASEMAP_SOURCE (source)), ==,
                   FRONTLINE_BASEMAP_STYLE_LIGHT);
  g_object_get (window, "basemap", &basemap, NULL);
  g_assert_cmpstr (basemap, ==, "offline");
  g_assert_nonnull (strstr (frontline_window_get_attribution (window), "Natural Earth"));
  g_assert_nonnull (strstr (frontline_window_get_attribution (window), "GeoNames"));

  /* Dark mode gets a dark basemap. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  source = shumate_simple_map_get_map_source (map);
  g_assert_cmpint (frontline_basemap_source_get_style (FRONTLINE_BASEMAP_SOURCE (source)), ==,
                   FRONTLINE_BASEMAP_STYLE_DARK);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* A file that cannot be used says why, and the offline basemap stays. */
  g_settings_set_string (settings, "basemap", "mbtiles:/nonexistent/frontline.mbtiles");
  assert_error_dialog (window, "Could Not Use the Map Source", "*frontline.mbtiles*");
  g_assert_true (FRONTLINE_IS_BASEMAP_SOURCE (shumate_simple_map_get_map_source (map)));
  {
    g_autofree char *choice = g_settings_get_string (settings, "basemap");

    g_assert_cmpstr (choice, ==, "offline");
  }

  frontline_test_close_all ();
  g_settings_reset (settings, "basemap");
}

static FrontlineDay
day_of (const char *text)
{
  FrontlineDay day = FRONTLINE_DAY_NONE;

  g_assert_true (frontline_day_parse (text, &day));
  return day;
}

static FrontlineWindow *
open_example (void)
{
  FrontlineWindow *window = new_window ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "examples", "example.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  frontline_window_open (window, file);
  frontline_test_wait_until (frontline_test_has_dataset_cb, window, 5000);
  frontline_test_spin (100);

  return window;
}

/* What the click popover says at a place on the map. */
static char *
describe (FrontlineWindow *window,
          double           lon,
          double           lat)
{
  ShumateSimpleMap *map = frontline_window_get_map (window);
  double x;
  double y;

  shumate_viewport_location_to_widget_coords (shumate_simple_map_get_viewport (map), GTK_WIDGET (map),
                                              lat, lon, &x, &y);
  return frontline_window_describe_point (window, x, y);
}

static void
test_dates (void)
{
  FrontlineWindow *window = open_example ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* A dataset opens on its first stop's date. */
  g_assert_cmpuint (frontline_window_get_day (window), ==, day_of ("2024-08-06"));

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.first-day", NULL);
  g_assert_cmpuint (frontline_window_get_day (window), ==, day_of ("2024-08-06"));
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.step-day", g_variant_new_int32 (1));
  g_assert_cmpuint (frontline_window_get_day (window), ==, day_of ("2024-08-07"));
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.step-day", g_variant_new_int32 (-5));
  g_assert_cmpuint (frontline_window_get_day (window), ==, day_of ("2024-08-06"));
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.jump", g_variant_new_int32 (1));
  g_assert_cmpuint (frontline_window_get_day (window), ==, day_of ("2024-08-08"));
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.jump", g_variant_new_int32 (1));
  g_assert_cmpuint (frontline_window_get_day (window), ==, day_of ("2024-08-08"));
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.go-to-date", g_variant_new_string ("2024-08-07"));
  g_assert_cmpuint (frontline_window_get_day (window), ==, day_of ("2024-08-07"));

  /* The map follows: Blue crossed the river (35.5 E) on the 8th. */
  before = describe (window, 35.7, 51.7);
  g_assert_nonnull (strstr (before, "No side holds"));
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.last-day", NULL);
  after = describe (window, 35.7, 51.7);
  g_assert_nonnull (strstr (after, "Held by Blue"));
  g_assert_nonnull (strstr (after, "Approximate"));
  g_assert_nonnull (strstr (after, "Blue forces cross the river"));

  frontline_test_close_all ();
}

static gboolean
not_playing_cb (gpointer data)
{
  return !frontline_window_is_playing (data);
}

static void
test_playback (void)
{
  FrontlineWindow *window = open_example ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.play-speed", "d", 5.0);
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.first-day", NULL);
  g_assert_false (frontline_window_is_playing (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  g_assert_true (frontline_window_is_playing (window));

  /* Playing steps through the data dates and stops at the end. */
  frontline_test_wait_until (not_playing_cb, window, 5000);
  g_assert_cmpuint (frontline_window_get_day (window), ==, day_of ("2024-08-08"));

  g_settings_reset (frontline_application_get_settings (app), "play-speed");
  frontline_test_close_all ();
}

static gboolean
has_compare_text_cb (gpointer data)
{
  return frontline_window_get_compare_text (data) != NULL;
}

static void
test_compare (void)
{
  FrontlineWindow *window = open_example ();
  const char *text;

  frontline_window_set_day (window, day_of ("2024-08-08"));
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.compare-since", g_variant_new_string ("2024-08-06"));
  frontline_test_wait_until (has_compare_text_cb, window, 5000);
  text = frontline_window_get_compare_text (window);

  /* Blue gained the strip from 35.5 to 35.8 E, Riverton within it. */
  g_assert_nonnull (strstr (text, "Since 6 Aug 2024: Blue +"));
  g_assert_nonnull (strstr (text, "Riverton"));

  g_assert_true (frontline_test_get_boolean (window, "comparing"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
  g_assert_false (frontline_test_get_boolean (window, "comparing"));
  g_assert_null (frontline_window_get_compare_text (window));

  frontline_test_close_all ();
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static gboolean
has_comparison_cb (gpointer data)
{
  return frontline_view_state_get_comparison (data) != NULL;
}

/* One state for what the window shows: its parts follow it, whoever sets it,
 * and the window's :day and :comparing are views of it. */
static void
test_state (void)
{
  FrontlineWindow *window = open_example ();
  FrontlineViewState *state = frontline_window_get_state (window);
  FrontlineControlLayer *layer;
  FrontlineTimeline *timeline;
  FrontlineSidePanel *panel = frontline_window_get_side_panel (window);
  ShumateViewport *viewport = frontline_window_get_viewport (window);
  FrontlineExportRequest request;
  FrontlineComparison *comparison;
  g_autoptr(FrontlineViewState) property = NULL;
  guint window_days = 0;
  guint window_comparing = 0;
  guint panel_day;

  g_assert_true (FRONTLINE_IS_VIEW_STATE (state));
  g_object_get (window, "state", &property, NULL);
  g_assert_true (property == state);
  g_assert_true (frontline_view_state_get_dataset (state) == frontline_window_get_dataset (window));
  layer = FRONTLINE_CONTROL_LAYER (frontline_test_find_widget (GTK_WIDGET (frontline_window_get_map (window)),
                                                               FRONTLINE_TYPE_CONTROL_LAYER));
  timeline = FRONTLINE_TIMELINE (frontline_test_find_widget (GTK_WIDGET (window), FRONTLINE_TYPE_TIMELINE));
  g_assert_true (frontline_control_layer_get_view_state (layer) == state);
  g_signal_connect (window, "notify::day", G_CALLBACK (count_notify_cb), &window_days);
  g_signal_connect (window, "notify::comparing", G_CALLBACK (count_notify_cb), &window_comparing);

  /* The state's day reaches the window, the layer, the timeline and the
   * panel, once. */
  frontline_view_state_set_day (state, day_of ("2024-08-07"));
  g_assert_cmpuint (window_days, ==, 1);
  g_assert_cmpuint (frontline_window_get_day (window), ==, day_of ("2024-08-07"));
  g_assert_cmpuint (frontline_control_layer_get_day (layer), ==, day_of ("2024-08-07"));
  g_assert_cmpuint (frontline_timeline_get_day (timeline), ==, day_of ("2024-08-07"));
  g_object_get (panel, "day", &panel_day, NULL);
  g_assert_cmpuint (panel_day, ==, day_of ("2024-08-07"));

  /* The actions and the timeline set the state. */
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.step-day", g_variant_new_int32 (1));
  g_assert_cmpuint (frontline_view_state_get_day (state), ==, day_of ("2024-08-08"));
  frontline_timeline_set_day (timeline, day_of ("2024-08-06"));
  g_assert_cmpuint (frontline_view_state_get_day (state), ==, day_of ("2024-08-06"));
  g_assert_cmpuint (frontline_control_layer_get_day (layer), ==, day_of ("2024-08-06"));
  g_assert_cmpuint (window_days, ==, 3);

  /* win.compare compares in the state; the card shows its comparison. */
  frontline_view_state_set_day (state, day_of ("2024-08-08"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
  g_assert_true (frontline_view_state_get_comparing (state));
  g_assert_true (frontline_view_state_get_compare_follows (state));
  g_assert_cmpuint (window_comparing, ==, 1);
  frontline_test_wait_until (has_comparison_cb, state, 5000);
  comparison = frontline_view_state_get_comparison (state);
  g_assert_cmpuint (frontline_comparison_get_to (comparison), ==, day_of ("2024-08-08"));
  g_assert_cmpstr (frontline_window_get_compare_text (window), ==,
                   frontline_comparison_get_text (comparison));

  /* The map's view is the state's, and the export starts from it. */
  shumate_viewport_set_zoom_level (viewport, 9.25);
  g_assert_cmpfloat (frontline_view_state_get_view (state)->zoom, ==, 9.25);
  frontline_export_request_init_for_state (&request, state);
  g_assert_true (request.dataset == frontline_window_get_dataset (window));
  g_assert_cmpuint (request.day, ==, day_of ("2024-08-08"));
  g_assert_cmpuint (request.compare_from, ==, frontline_view_state_get_compare_from (state));
  g_assert_cmpuint (request.compare_from, !=, FRONTLINE_DAY_NONE);
  g_assert_cmpfloat (request.view.zoom, ==, 9.25);
  g_assert_cmpfloat (request.view.center_lon, ==,
                     shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));

  /* Turning it off in the state turns the window's off and hides the card. */
  frontline_view_state_compare (state, FRONTLINE_DAY_NONE, FALSE);
  g_assert_false (frontline_test_get_boolean (window, "comparing"));
  g_assert_cmpuint (window_comparing, ==, 2);
  g_assert_null (frontline_window_get_compare_text (window));

  frontline_test_close_all ();
  g_settings_reset (frontline_application_get_settings (app), "dataset-days");
}

static void
test_day_remembered (void)
{
  FrontlineWindow *window = open_example ();

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.go-to-date", g_variant_new_string ("2024-08-07"));
  gtk_window_close (GTK_WINDOW (window));
  frontline_test_spin (50);

  window = open_example ();
  g_assert_cmpuint (frontline_window_get_day (window), ==, day_of ("2024-08-07"));

  frontline_test_close_all ();
  g_settings_reset (frontline_application_get_settings (app), "dataset-days");
}

static void
test_add_stop (void)
{
  FrontlineWindow *window = open_example ();
  GListModel *stops = frontline_dataset_get_stops (frontline_window_get_dataset (window));
  g_autoptr(FrontlineStop) added = NULL;

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.go-to-date", g_variant_new_string ("2024-08-07"));
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.add-stop", NULL);

  /* The current date and view become the last stop. */
  g_assert_cmpuint (g_list_model_get_n_items (stops), ==, 3);
  added = g_list_model_get_item (stops, 2);
  g_assert_cmpuint (frontline_stop_get_day (added), ==, day_of ("2024-08-07"));
  g_assert_true (action_enabled (window, "save"));
  g_assert_true (action_enabled (window, "export-handout"));

  frontline_test_close_all ();
}

/* The bridgehead (35.6 E) in the middle of the part of the map the title
 * card leaves free, right of the map's centre. */
static gboolean
at_bridgehead_cb (gpointer data)
{
  ShumateSimpleMap *map = frontline_window_get_map (FRONTLINE_WINDOW (data));
  ShumateViewport *viewport = shumate_simple_map_get_viewport (map);
  int width = gtk_widget_get_width (GTK_WIDGET (map));
  double x = 0, y = 0;

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (map),
                                              shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                                              35.6, &x, &y);
  return x > width / 2 + 20 && x < width;
}

static gboolean
presentation_arrived_cb (gpointer data)
{
  return !frontline_presentation_get_moving (FRONTLINE_PRESENTATION (data));
}

static void
test_presenting (void)
{
  FrontlineWindow *window = open_example ();

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.present", NULL);
  g_assert_true (frontline_presentation_get_active (frontline_window_get_presentation (window)));
  /* The chrome goes: no header bar. (Xvfb has no window manager to grant
   * fullscreen, so the window's fullscreen state is not asserted here.) */
  g_assert_false (gtk_widget_get_visible (frontline_test_find_widget (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR)));

  /* The first stop: its date. */
  g_assert_cmpint (frontline_presentation_get_stop (frontline_window_get_presentation (window)), ==, 0);
  g_assert_cmpuint (frontline_window_get_day (window), ==, day_of ("2024-08-06"));

  /* Clicker keys move through the stops; the date and the view follow. */
  g_assert_true (frontline_presentation_handle_key (frontline_window_get_presentation (window), GDK_KEY_Page_Down));
  g_assert_cmpint (frontline_presentation_get_stop (frontline_window_get_presentation (window)), ==, 1);
  /* The map flies there over the stop's duration (frontline_tour_move()). */
  g_assert_true (frontline_presentation_get_moving (frontline_window_get_presentation (window)));
  frontline_test_wait_until (presentation_arrived_cb, frontline_window_get_presentation (window), 10000);
  g_assert_cmpuint (frontline_window_get_day (window), ==, day_of ("2024-08-08"));
  /* Its comparison, in the window's state. */
  g_assert_true (frontline_presentation_get_view_state (frontline_window_get_presentation (window))
                 == frontline_window_get_state (window));
  g_assert_cmpuint (frontline_view_state_get_compare_from (frontline_window_get_state (window)), ==,
                    day_of ("2024-08-06"));
  g_assert_true (frontline_test_get_boolean (window, "comparing"));
  /* The view flies there (animated). */
  frontline_test_wait_until (at_bridgehead_cb, window, 5000);
  g_assert_true (frontline_presentation_handle_key (frontline_window_get_presentation (window), GDK_KEY_Right));
  g_assert_cmpint (frontline_presentation_get_stop (frontline_window_get_presentation (window)), ==, 1);
  g_assert_true (frontline_presentation_handle_key (frontline_window_get_presentation (window), GDK_KEY_BackSpace));
  g_assert_cmpint (frontline_presentation_get_stop (frontline_window_get_presentation (window)), ==, 0);
  g_assert_true (frontline_presentation_handle_key (frontline_window_get_presentation (window), GDK_KEY_End));
  g_assert_cmpint (frontline_presentation_get_stop (frontline_window_get_presentation (window)), ==, 1);
  g_assert_true (frontline_presentation_handle_key (frontline_window_get_presentation (window), GDK_KEY_Home));
  g_assert_cmpint (frontline_presentation_get_stop (frontline_window_get_presentation (window)), ==, 0);

  /* A click on the map goes on, too. */
  g_free (frontline_window_describe_point (window, 10, 10));
  g_assert_cmpint (frontline_presentation_get_stop (frontline_window_get_presentation (window)), ==, 1);
  g_assert_true (frontline_presentation_handle_key (frontline_window_get_presentation (window), GDK_KEY_Home));

  /* A number, then Enter. */
  g_assert_true (frontline_presentation_handle_key (frontline_window_get_presentation (window), GDK_KEY_2));
  g_assert_true (frontline_presentation_handle_key (frontline_window_get_presentation (window), GDK_KEY_Return));
  g_assert_cmpint (frontline_presentation_get_stop (frontline_window_get_presentation (window)), ==, 1);

  /* Black and white screens, toggled. */
  g_assert_true (frontline_presentation_handle_key (frontline_window_get_presentation (window), GDK_KEY_b));
  g_assert_cmpstr (frontline_presentation_get_blackout (frontline_window_get_presentation (window)), ==, "black");
  g_assert_true (frontline_presentation_handle_key (frontline_window_get_presentation (window), GDK_KEY_b));
  g_assert_null (frontline_presentation_get_blackout (frontline_window_get_presentation (window)));
  g_assert_true (frontline_presentation_handle_key (frontline_window_get_presentation (window), GDK_KEY_w));
  g_assert_cmpstr (frontline_presentation_get_blackout (frontline_window_get_presentation (window)), ==, "white");

  /* Esc leaves and restores the window. */
  g_assert_true (frontline_presentation_handle_key (frontline_window_get_presentation (window), GDK_KEY_w));
  g_assert_null (frontline_presentation_get_blackout (frontline_window_get_presentation (window)));
  g_assert_true (frontline_presentation_handle_key (frontline_window_get_presentation (window), GDK_KEY_Escape));
  g_assert_false (frontline_presentation_get_active (frontline_window_get_presentation (window)));
  g_assert_true (gtk_widget_get_visible (frontline_test_find_widget (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR)));
  g_assert_null (frontline_presentation_get_blackout (frontline_window_get_presentation (window)));
  g_assert_false (frontline_presentation_handle_key (frontline_window_get_presentation (window), GDK_KEY_Right));

  frontline_test_close_all ();
}

/* A stand-in for the file manager on the session bus: it records the items
 * it is asked to show. */
static void
on_file_manager_call_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *object_path,
                         const char            *interface_name,
                         const char            *method_name,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  char **shown = user_data;
  g_autofree const char **uris = NULL;
  const char *startup_id;

  g_assert_cmpstr (method_name, ==, "ShowItems");
  g_variant_get (parameters, "(^a&s&s)", &uris, &startup_id);
  g_free (*shown);
  *shown = g_strdup (uris[0]);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static gboolean
has_string_cb (gpointer data)
{
  return *(char **) data != NULL;
}

/* "Show in Folder" after an export asks the file manager to show the file. */
static void
test_show_exported (void)
{
  static const char xml[] =
    "<node><interface name='org.freedesktop.FileManager1'>"
    "<method name='ShowItems'><arg type='as' direction='in'/><arg type='s' direction='in'/></method>"
    "</interface></node>";
  static const GDBusInterfaceVTable vtable = { on_file_manager_call_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (xml, NULL);
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (app));
  FrontlineWindow *window = new_window ();
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  guint registration;
  guint owner;

  g_assert_nonnull (bus);
  registration = g_dbus_connection_register_object (bus, "/org/freedesktop/FileManager1", info->interfaces[0],
                                                    &vtable, &shown, NULL, &error);
  g_assert_no_error (error);
  owner = g_bus_own_name_on_connection (bus, "org.freedesktop.FileManager1", G_BUS_NAME_OWNER_FLAGS_NONE,
                                        NULL, NULL, NULL, NULL);

  g_assert_true (action_enabled (window, "show-exported"));
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.show-exported",
                                  g_variant_new_string ("file:///tmp/frontline-map.png"));
  frontline_test_wait_until (has_string_cb, &shown, 5000);
  g_assert_cmpstr (shown, ==, "file:///tmp/frontline-map.png");

  g_bus_unown_name (owner);
  g_dbus_connection_unregister_object (bus, registration);
  frontline_test_close_all ();
}

/* Add Custom Tiles…: a template without a credit is refused, and a good one
 * becomes the base map (on the loopback interface: tests never touch the
 * network). */
static void
test_custom_tiles (void)
{
  FrontlineWindow *window = new_window ();
  GSettings *settings = frontline_application_get_settings (app);
  GtkWindow *dialog;
  GtkWidget *url_row;
  GtkWidget *attribution_row;
  g_autofree char *choice = NULL;

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.add-custom-tiles", NULL);
  dialog = frontline_test_wait_for_toplevel (FRONTLINE_TYPE_CUSTOM_TILES_DIALOG);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "add"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "cancel"));
  url_row = frontline_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (url_row);
  attribution_row = frontline_test_find_widget (gtk_widget_get_next_sibling (url_row), ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (attribution_row);

  gtk_editable_set_text (GTK_EDITABLE (url_row), "http://127.0.0.1:9/{z}/{x}/{y}.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  gtk_window_destroy (dialog);
  assert_error_dialog (window, "Could Not Add the Tiles", "*attribution*");
  choice = g_settings_get_string (settings, "basemap");
  g_assert_cmpstr (choice, ==, "offline");

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.add-custom-tiles", NULL);
  dialog = frontline_test_wait_for_toplevel (FRONTLINE_TYPE_CUSTOM_TILES_DIALOG);
  url_row = frontline_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
  attribution_row = frontline_test_find_widget (gtk_widget_get_next_sibling (url_row), ADW_TYPE_ENTRY_ROW);
  gtk_editable_set_text (GTK_EDITABLE (url_row), "http://127.0.0.1:9/{z}/{x}/{y}.png");
  gtk_editable_set_text (GTK_EDITABLE (attribution_row), "© Example");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  gtk_window_destroy (dialog);
  g_clear_pointer (&choice, g_free);
  choice = g_settings_get_string (settings, "basemap");
  g_assert_cmpstr (choice, ==, "custom:http://127.0.0.1:9/{z}/{x}/{y}.png");

  g_settings_reset (settings, "basemap");
  g_settings_reset (settings, "custom-sources");
  frontline_test_close_all ();
}

/* Presenting: nothing technical before the audience. */

/* Counts the mapped notes and cards outside the presentation's own. */
static guint
count_technical (GtkWidget *widget,
                 guint     *n_found)
{
  guint n = 0;

  /* The legend stays: the audience reads the map by it. */
  if (FRONTLINE_IS_PRESENTATION (widget) || FRONTLINE_IS_LEGEND (widget))
    return 0;
  if (gtk_widget_has_css_class (widget, "frontline-map-note") ||
      gtk_widget_has_css_class (widget, "frontline-map-card"))
    {
      (*n_found)++;
      if (gtk_widget_get_mapped (widget))
        n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    n += count_technical (child, n_found);
  return n;
}

/* The legend while presenting: right of the map's middle, clear of the
 * title card on the left. */
static GtkWidget *
find_of_type (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
legend_on_the_right_cb (gpointer data)
{
  FrontlineWindow *window = data;
  GtkWidget *map = GTK_WIDGET (frontline_window_get_map (window));
  GtkWidget *legend = find_of_type (GTK_WIDGET (window), FRONTLINE_TYPE_LEGEND);
  graphene_rect_t bounds;

  return legend != NULL && gtk_widget_compute_bounds (legend, map, &bounds) &&
         bounds.origin.x > gtk_widget_get_width (map) / 2.0;
}

static void
test_presenting_no_technical (void)
{
  FrontlineWindow *window = open_example ();
  ShumateSimpleMap *map = frontline_window_get_map (window);
  FrontlinePresentation *presentation = frontline_window_get_presentation (window);
  ShumateViewport *viewport = frontline_window_get_viewport (window);
  guint n_found = 0;

  /* Zoomed in past the offline basemap's detail: its note shows. */
  shumate_viewport_set_zoom_level (viewport, 15);
  g_assert_cmpuint (count_technical (GTK_WIDGET (window), &n_found), >, 0);
  g_assert_true (shumate_simple_map_get_show_zoom_buttons (map));

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.present", NULL);
  g_assert_true (frontline_presentation_get_active (presentation));
  shumate_viewport_set_zoom_level (viewport, 15);
  g_assert_cmpuint (count_technical (GTK_WIDGET (window), &n_found), ==, 0);
  g_assert_false (shumate_simple_map_get_show_zoom_buttons (map));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "frontline-presenting"));
  frontline_test_wait_until (legend_on_the_right_cb, window, 5000);
  g_assert_true (legend_on_the_right_cb (window));

  /* Blank screens: still nothing over them. */
  g_assert_true (frontline_presentation_handle_key (presentation, GDK_KEY_b));
  g_assert_cmpuint (count_technical (GTK_WIDGET (window), &n_found), ==, 0);
  g_assert_true (frontline_presentation_handle_key (presentation, GDK_KEY_b));

  /* They come back after. */
  g_assert_true (frontline_presentation_handle_key (presentation, GDK_KEY_Escape));
  g_assert_true (shumate_simple_map_get_show_zoom_buttons (map));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "frontline-presenting"));
  shumate_viewport_set_zoom_level (viewport, 15);
  g_assert_cmpuint (count_technical (GTK_WIDGET (window), &n_found), >, 0);

  frontline_test_close_all ();
}


/* The first view and the basemap's tiles. */

static gboolean
basemap_ready_cb (gpointer data)
{
  ShumateMapSource *source = shumate_simple_map_get_map_source (frontline_window_get_map (data));

  return FRONTLINE_IS_BASEMAP_SOURCE (source) &&
         frontline_basemap_source_get_n_done (FRONTLINE_BASEMAP_SOURCE (source)) > 0 &&
         frontline_basemap_source_get_n_pending (FRONTLINE_BASEMAP_SOURCE (source)) == 0;
}

static void
test_first_view_and_basemap (void)
{
  FrontlineWindow *window;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                                 "bakhmut-2023.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ShumateViewport *viewport;
  ShumateMapSource *source;
  GListModel *stops;
  g_autoptr(FrontlineStop) first = NULL;
  guint done;

  /* The default size, whatever the tests before left. */
  g_settings_reset (frontline_application_get_settings (app), "window-size");
  window = new_window ();
  viewport = frontline_window_get_viewport (window);
  frontline_window_open (window, file);
  frontline_test_wait_until (frontline_test_has_dataset_cb, window, 5000);

  /* Every tile on screen is drawn soon after the areas appear: the basemap
   * was read while the dataset loaded, and nothing waits for it on the main
   * thread. */
  frontline_test_wait_until (basemap_ready_cb, window, 3000);

  /* On its first stop's day, at a zoom the offline basemap draws, the side
   * panel open in a window of the default 1100 px. */
  stops = frontline_dataset_get_stops (frontline_window_get_dataset (window));
  g_assert_cmpuint (g_list_model_get_n_items (stops), >, 0);
  first = g_list_model_get_item (stops, 0);
  g_assert_cmpuint (frontline_window_get_day (window), ==, frontline_stop_get_day (first));
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), <=, FRONTLINE_BASEMAP_DETAIL_ZOOM);
  g_assert_true (frontline_test_get_boolean (window, "sidebar-visible"));

  /* Playing through the dates redraws the areas, never the basemap: the
   * same source, no tile asked for again, none blank. */
  source = shumate_simple_map_get_map_source (frontline_window_get_map (window));
  done = frontline_basemap_source_get_n_done (FRONTLINE_BASEMAP_SOURCE (source));
  for (FrontlineDay day = frontline_dataset_get_first_day (frontline_window_get_dataset (window));
       day <= frontline_dataset_get_last_day (frontline_window_get_dataset (window)); day += 3)
    {
      frontline_window_set_day (window, day);
      frontline_test_spin (20);
    }
  g_assert_true (shumate_simple_map_get_map_source (frontline_window_get_map (window)) == source);
  g_assert_cmpuint (frontline_basemap_source_get_n_pending (FRONTLINE_BASEMAP_SOURCE (source)), ==, 0);
  g_assert_cmpuint (frontline_basemap_source_get_n_done (FRONTLINE_BASEMAP_SOURCE (source)), ==, done);

  frontline_test_close_all ();
}

static void
test_first_view_remembered (void)
{
  GSettings *settings = frontline_application_get_settings (app);
  FrontlineWindow *window = new_window ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "examples",
                                                 "example.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  /* A day chosen before wins over the first stop's. */
  frontline_window_open (window, file);
  frontline_test_wait_until (frontline_test_has_dataset_cb, window, 5000);
  g_assert_cmpuint (frontline_window_get_day (window), ==, day_of ("2024-08-06"));
  frontline_window_set_day (window, day_of ("2024-08-07"));
  gtk_window_close (GTK_WINDOW (window));
  frontline_test_close_all ();

  window = new_window ();
  frontline_window_open (window, file);
  frontline_test_wait_until (frontline_test_has_dataset_cb, window, 5000);
  g_assert_cmpuint (frontline_window_get_day (window), ==, day_of ("2024-08-07"));

  frontline_test_close_all ();
  g_settings_reset (settings, "dataset-days");
}

/* Evidence: a click on a Kursk area, then Show Evidence, opens the side
 * panel on that area's source and the quotes citing it, dated as precisely
 * as the article says; comparing, a click in gained ground names both dates
 * and shows the area of the later one. */

static gboolean
evidence_point_in (FrontlineGeometry *geometry,
                   double            *lon,
                   double            *lat)
{
  for (double y = 50.9; y < 51.7; y += 0.01)
    for (double x = 34.6; x < 35.8; x += 0.01)
      if (frontline_geometry_contains_point (geometry, x, y))
        {
          *lon = x;
          *lat = y;
          return TRUE;
        }

  return FALSE;
}

/* The map's click gesture: a press and a release where it began opens the
 * popover; a drag of the map (the release far from the press, after which
 * GtkGestureClick still says "released") does not. */
static GtkGesture *
find_click_gesture (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        return GTK_GESTURE (controller);
    }

  return NULL;
}

static void
test_drag_is_no_click (void)
{
  FrontlineWindow *window = open_example ();
  GtkWidget *map = GTK_WIDGET (frontline_window_get_map (window));
  GtkGesture *click = find_click_gesture (map);
  GtkWidget *popover = frontline_test_find_widget (map, FRONTLINE_TYPE_POINT_POPOVER);

  g_assert_nonnull (click);
  g_assert_nonnull (popover);
  g_assert_false (gtk_widget_get_visible (popover));

  g_signal_emit_by_name (click, "pressed", 1, 200.0, 200.0);
  g_signal_emit_by_name (click, "released", 1, 320.0, 260.0);
  frontline_test_spin (50);
  g_assert_false (gtk_widget_get_visible (popover));

  g_signal_emit_by_name (click, "pressed", 1, 200.0, 200.0);
  g_signal_emit_by_name (click, "released", 1, 201.0, 200.0);
  frontline_test_spin (50);
  g_assert_true (gtk_widget_get_visible (popover));

  gtk_popover_popdown (GTK_POPOVER (popover));
  frontline_test_close_all ();
}

static const char *
press_show_evidence (FrontlineWindow *window)
{
  GtkWidget *popover = frontline_test_find_widget (GTK_WIDGET (frontline_window_get_map (window)),
                                                   FRONTLINE_TYPE_POINT_POPOVER);

  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_activate_action (popover, "popover.show-evidence", NULL));
  return frontline_side_panel_get_evidence_text (frontline_window_get_side_panel (window));
}

static void
test_show_evidence (void)
{
  FrontlineWindow *window = new_window ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                                 "kursk-2024-2025.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  FrontlineViewState *state;
  FrontlineChange *change;
  g_autofree char *said = NULL;
  g_autofree char *gained = NULL;
  const char *evidence;
  double lon = 0.0;
  double lat = 0.0;

  frontline_window_open (window, file);
  frontline_test_wait_until (frontline_test_has_dataset_cb, window, 5000);
  state = frontline_window_get_state (window);
  frontline_window_set_day (window, day_of ("2024-08-14"));
  g_object_set (window, "sidebar-visible", FALSE, NULL);

  /* Sudzha, held by Ukraine on the article of 14 August. */
  said = describe (window, 35.27, 51.19);
  g_assert_true (g_str_has_prefix (said, "Held by Ukraine"));
  evidence = press_show_evidence (window);
  g_test_message ("%s", evidence);
  g_assert_true (frontline_test_get_boolean (window, "sidebar-visible"));
  g_assert_true (g_str_has_prefix (evidence, "Held by Ukraine, 14 Aug 2024\n"
                                   "From the assessment of 14 Aug 2024"));
  g_assert_nonnull (strstr (evidence, "Source: Ukraine’s territory gains in Russia in just a week "
                                      "nearly match Moscow’s advances — which took 8 months "
                                      "(The Post, about 14 Aug 2024)"));
  /* Every date here is counted from the article's inferred date: "about". */
  g_assert_nonnull (strstr (evidence, "— Volodymyr Zelensky, about 14 Aug 2024"));
  g_assert_nonnull (strstr (evidence, "— George Barros, about 14 Aug 2024"));
  g_assert_null (strstr (evidence, "Untitled source 000"));
  g_assert_true (frontline_side_panel_get_selected_source (frontline_window_get_side_panel (window)) ==
                 frontline_dataset_lookup_source (frontline_window_get_dataset (window), "003"));

  /* Comparing with the first day: a click in the ground gained. */
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.compare-since",
                                      g_variant_new_string ("2024-08-06"));
  frontline_test_wait_until (has_comparison_cb, state, 5000);
  change = g_ptr_array_index (frontline_comparison_get_changes (frontline_view_state_get_comparison (state)), 0);
  g_assert_true (evidence_point_in (change->gained, &lon, &lat));
  gained = describe (window, lon, lat);
  g_assert_nonnull (strstr (gained, "Gained by Ukraine between 6 Aug 2024 and 14 Aug 2024: "
                                    "the area of 14 Aug 2024"));
  evidence = press_show_evidence (window);
  g_assert_true (g_str_has_prefix (evidence, "Held by Ukraine, 14 Aug 2024\n"
                                   "Gained by Ukraine between 6 Aug 2024 and 14 Aug 2024"));

  frontline_test_close_all ();
}

/* --- First view at the default size: the side panel's width --- */

static GtkWidget *
find_by_css_class (GtkWidget  *widget,
                   const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_css_class (child, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
panel_shown_cb (gpointer data)
{
  GtkWidget *window = data;
  GtkWidget *flap = frontline_test_find_widget (window, ADW_TYPE_FLAP);
  GtkWidget *map = GTK_WIDGET (frontline_window_get_map (FRONTLINE_WINDOW (window)));

  /* Laid out, the side panel done sliding in (a panel opened with the
   * dataset does not slide: it is there when the map's page shows), and the
   * map and the panel beside it laid out. */
  return gtk_widget_get_width (window) > 0 && gtk_widget_get_mapped (window) &&
         adw_flap_get_reveal_progress (ADW_FLAP (flap)) == 1.0 &&
         gtk_widget_get_width (adw_flap_get_flap (ADW_FLAP (flap))) > 0 &&
         gtk_widget_get_width (map) > 0;
}

static void
test_first_view_panel_width (void)
{
  FrontlineWindow *window;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                                 "kursk-2024-2025.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *panel;
  GtkWidget *map;

  g_settings_reset (frontline_application_get_settings (app), "window-size");
  window = new_window ();
  frontline_window_open (window, file);
  frontline_test_wait_until (frontline_test_has_dataset_cb, window, 5000);
  frontline_test_wait_until (panel_shown_cb, window, 5000);
  frontline_test_spin (100);

  /* At the default 1100 px the panel opens at about its width request and
   * the map has the rest (Adwaita's 100 px tabs made it 533 px wide). */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, 1080);
  g_assert_true (frontline_test_get_boolean (window, "sidebar-visible"));
  panel = find_by_css_class (GTK_WIDGET (window), "frontline-side-panel");
  g_assert_nonnull (panel);
  g_assert_cmpint (gtk_widget_get_width (panel), <=, 420);
  map = GTK_WIDGET (frontline_window_get_map (window));
  g_assert_cmpint (gtk_widget_get_width (map), >=, 1100 - 420);

  frontline_test_close_all ();
}

/* The credits at the default size: two short lines, the whole text kept for
 * the tooltip and the popover; the first stop's areas clear of them, of the
 * map's edges, and the approximate note clear of the legend. */
static void
check_first_view_clear (const char *name)
{
  FrontlineWindow *window;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets", name,
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FrontlineStop) first = NULL;
  g_autoptr(GPtrArray) areas = NULL;
  FrontlineDataset *dataset;
  ShumateViewport *viewport;
  GtkWidget *map;
  GtkWidget *credits;
  GtkWidget *legend;
  GtkWidget *note;
  graphene_rect_t credits_rect;
  graphene_rect_t legend_rect;
  graphene_rect_t note_rect;
  double top = G_MAXDOUBLE;
  double bottom = -G_MAXDOUBLE;
  double left = G_MAXDOUBLE;
  double right = -G_MAXDOUBLE;

  g_settings_reset (frontline_application_get_settings (app), "window-size");
  g_settings_reset (frontline_application_get_settings (app), "dataset-days");
  window = new_window ();
  frontline_window_open (window, file);
  frontline_test_wait_until (frontline_test_has_dataset_cb, window, 5000);
  frontline_test_wait_until (panel_shown_cb, window, 5000);
  /* The first view fitted again to the map's final size. */
  frontline_test_spin (100);

  dataset = frontline_window_get_dataset (window);
  viewport = frontline_window_get_viewport (window);
  map = GTK_WIDGET (frontline_window_get_map (window));
  credits = find_by_css_class (GTK_WIDGET (window), "frontline-attribution");
  g_assert_nonnull (credits);

  /* Two lines of small type, not a tall box; all of the dataset's credit
   * still there to read. */
  g_assert_cmpint (gtk_widget_get_height (credits), <=, 40);
  g_assert_nonnull (strstr (frontline_window_get_attribution (window),
                            frontline_dataset_get_attribution (dataset)));
  g_assert_true (gtk_widget_compute_bounds (credits, map, &credits_rect));

  /* Every area of the first stop's day that is on the map is wholly on it,
   * above the credits. */
  first = g_list_model_get_item (frontline_dataset_get_stops (dataset), 0);
  areas = frontline_dataset_get_state_at (dataset, frontline_stop_get_day (first));
  g_assert_cmpuint (areas->len, >, 0);
  for (guint i = 0; i < areas->len; i++)
    {
      FrontlineGeometry *geometry = frontline_area_get_geometry (g_ptr_array_index (areas, i));
      double x0, y0, x1, y1;

      shumate_viewport_location_to_widget_coords (viewport, map, geometry->bbox[3],
                                                  geometry->bbox[0], &x0, &y0);
      shumate_viewport_location_to_widget_coords (viewport, map, geometry->bbox[1],
                                                  geometry->bbox[2], &x1, &y1);
      top = MIN (top, y0);
      left = MIN (left, x0);
      bottom = MAX (bottom, y1);
      right = MAX (right, x1);
    }
  g_assert_cmpfloat (top, >=, 0);
  g_assert_cmpfloat (left, >=, 0);
  g_assert_cmpfloat (right, <=, gtk_widget_get_width (map));
  g_assert_cmpfloat (bottom, <=, credits_rect.origin.y);

  /* The approximate note under the legend, not over it. */
  legend = frontline_test_find_widget (GTK_WIDGET (window), FRONTLINE_TYPE_LEGEND);
  note = gtk_widget_get_next_sibling (legend);
  g_assert_true (gtk_widget_get_visible (note));
  g_assert_true (gtk_widget_compute_bounds (legend, map, &legend_rect));
  g_assert_true (gtk_widget_compute_bounds (note, map, &note_rect));
  g_assert_false (graphene_rect_intersection (&legend_rect, &note_rect, NULL));

  frontline_test_close_all ();
  g_settings_reset (frontline_application_get_settings (app), "dataset-days");
}

static void
test_first_view_clear (void)
{
  check_first_view_clear ("kursk-2024-2025.geojson");
  check_first_view_clear ("bakhmut-2023.geojson");
}

/* The window's empty page offers the bundled datasets by the titles they
 * open with (Bakhmut's said "Bakhmut and Soledar, 2022–23" for "Soledar
 * and Bakhmut, January 2023"). */
static void
check_example_buttons (GtkWidget *widget,
                       guint     *n_checked)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.open-example") == 0)
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
      g_autofree char *name = g_strconcat (g_variant_get_string (target, NULL), ".geojson", NULL);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets", name,
                                                     NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) label = g_string_new (gtk_button_get_label (GTK_BUTTON (widget)));
      g_autoptr(FrontlineDataset) dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      g_string_replace (label, "_", "", 1);
      g_assert_cmpstr (label->str, ==, frontline_dataset_get_title (dataset));
      (*n_checked)++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    check_example_buttons (child, n_checked);
}

static void
test_empty_page_titles (void)
{
  FrontlineWindow *window = new_window ();
  guint n_checked = 0;

  check_example_buttons (GTK_WIDGET (window), &n_checked);
  g_assert_cmpuint (n_checked, ==, 2);

  frontline_test_close_all ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* No G_TEST_OPTION_ISOLATE_DIRS here: GTK finds image formats through the
   * shared MIME database in XDG_DATA_DIRS. build-aux/test gives the run a
   * scratch home instead. */
  frontline_test_init (&argc, &argv, NULL);

  app = frontline_test_application_new ();

  g_test_add_func ("/frontline/window/initial-state", test_initial_state);
  g_test_add_func ("/frontline/window/open-missing-file", test_open_missing_file);
  g_test_add_func ("/frontline/window/open-non-json", test_open_non_json);
  g_test_add_func ("/frontline/window/drop-file", test_drop_file);
  g_test_add_func ("/frontline/window/open-dataset", test_open_dataset);
  g_test_add_func ("/frontline/window/cancel-load", test_cancel_load);
  g_test_add_func ("/frontline/window/open-action-shows-chooser", test_open_action_shows_chooser);
  g_test_add_func ("/frontline/window/save-as-offers-formats", test_save_as_offers_formats);
  g_test_add_func ("/frontline/window/open-with-field-mapping", test_open_with_field_mapping);
  g_test_add_func ("/frontline/window/settings-round-trip", test_settings_round_trip);
  g_test_add_func ("/frontline/window/settings-out-of-range", test_settings_out_of_range);
  g_test_add_func ("/frontline/window/base-map", test_base_map);
  g_test_add_func ("/frontline/window/dates", test_dates);
  g_test_add_func ("/frontline/window/playback", test_playback);
  g_test_add_func ("/frontline/window/compare", test_compare);
  g_test_add_func ("/frontline/window/state", test_state);
  g_test_add_func ("/frontline/window/day-remembered", test_day_remembered);
  g_test_add_func ("/frontline/window/presenting", test_presenting);
  g_test_add_func ("/frontline/window/add-stop", test_add_stop);
  g_test_add_func ("/frontline/window/show-exported", test_show_exported);
  g_test_add_func ("/frontline/window/custom-tiles", test_custom_tiles);
  g_test_add_func ("/frontline/window/presenting/no-technical", test_presenting_no_technical);

  g_test_add_func ("/frontline/window/first-view-and-basemap", test_first_view_and_basemap);
  g_test_add_func ("/frontline/window/first-view-remembered", test_first_view_remembered);
  g_test_add_func ("/frontline/window/show-evidence", test_show_evidence);
  g_test_add_func ("/frontline/window/first-view/panel-width", test_first_view_panel_width);
  g_test_add_func ("/frontline/window/first-view/clear", test_first_view_clear);
  g_test_add_func ("/frontline/window/empty-page/titles", test_empty_page_titles);
  g_test_add_func ("/frontline/window/drag-is-no-click", test_drag_is_no_click);

  ret = g_test_run ();

  /* What the application does when it quits: wait for tiles being drawn. */
  frontline_basemap_source_shutdown ();
  g_clear_object (&app);

  return ret;
}
