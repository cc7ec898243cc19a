/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Every action of the window ("win.*"), and the one function that enables
 * them for what the window shows. */

#define G_LOG_DOMAIN "frontline-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "frontline-basemap-choice.h"
#include "frontline-csv-export.h"
#include "frontline-custom-tiles-dialog.h"
#include "frontline-dataset-save.h"
#include "frontline-export-dialog.h"
#include "frontline-handout.h"
#include "frontline-mbtiles-chooser.h"
#include "frontline-mbtiles-source.h"
#include "frontline-ogr-reader.h"
#include "frontline-ogr-writer.h"
#include "frontline-tile-source.h"
#include "frontline-video-dialog.h"
#include "frontline-window-private.h"

static void
set_action_enabled (FrontlineWindow *self,
                    const char      *name,
                    gboolean         enabled)
{
  g_autofree char *full_name = g_strconcat ("win.", name, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), full_name, enabled);
}

void
_frontline_window_actions_update (FrontlineWindow *self)
{
  gboolean has_dataset = self->dataset != NULL;
  /* A database's dataset holds only the areas fetched so far: writing it to
   * a file would lose the rest, and the session is read-only. */
  gboolean can_write = has_dataset && frontline_dataset_get_archive (self->dataset) == NULL;

  /* Exporting, presenting and the side panel are about a dataset: without one
   * there is nothing to act on. */
  set_action_enabled (self, "export", has_dataset);
  set_action_enabled (self, "export-all", has_dataset);
  /* The exporter draws a database's dataset from the areas fetched for the
   * day on screen only: a video of other days would show those. */
  set_action_enabled (self, "export-video", can_write);
  /* One save at a time (the worker has its own copy of the stops). */
  set_action_enabled (self, "add-stop", can_write);
  set_action_enabled (self, "save", can_write && self->save_cancellable == NULL);
  set_action_enabled (self, "save-as", can_write && self->save_cancellable == NULL);
  /* A database's dataset is published already. */
  set_action_enabled (self, "publish", can_write);
  set_action_enabled (self, "cancel-save", self->save_cancellable != NULL);
  set_action_enabled (self, "export-handout", has_dataset);
  set_action_enabled (self, "present", has_dataset);
  /* Drawing on a stop edits the dataset: stops of a file, not presenting. */
  set_action_enabled (self, "annotate", _frontline_window_can_annotate (self));
  set_action_enabled (self, "annotate-stop", _frontline_window_can_annotate (self));
  set_action_enabled (self, "cancel-load", frontline_window_is_loading (self));
  set_action_enabled (self, "toggle-sidebar", has_dataset);
  set_action_enabled (self, "step-day", has_dataset);
  set_action_enabled (self, "jump", has_dataset);
  set_action_enabled (self, "first-day", has_dataset);
  set_action_enabled (self, "last-day", has_dataset);
  set_action_enabled (self, "play", has_dataset);
  set_action_enabled (self, "compare", has_dataset);
  set_action_enabled (self, "compare-since", has_dataset);
  set_action_enabled (self, "go-to-date", has_dataset);
  set_action_enabled (self, "export-csv", has_dataset);
  set_action_enabled (self, "find-place", has_dataset);
}

static void
show_warnings_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);
  GPtrArray *diagnostics;
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  if (self->dataset == NULL)
    return;

  diagnostics = frontline_dataset_get_diagnostics (self->dataset);
  for (guint i = 0; i < diagnostics->len && i < 50; i++)
    {
      FrontlineDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      g_string_append_printf (body, "%s: %s\n", diagnostic->location, diagnostic->message);
    }
  if (diagnostics->len > 50)
    g_string_append_printf (body, _("…and %u more; “frontline --check” lists them all."),
                            diagnostics->len - 50);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Dataset Warnings"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
step_day_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);

  frontline_window_set_day (self, frontline_window_get_day (self) + g_variant_get_int32 (param));
}

static void
jump_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);
  FrontlineDay day = frontline_view_state_get_day (self->state);
  FrontlineDay target;

  target = g_variant_get_int32 (param) > 0
           ? frontline_dataset_get_next_day (self->dataset, day)
           : frontline_dataset_get_previous_day (self->dataset, day);
  if (target != FRONTLINE_DAY_NONE)
    frontline_window_set_day (self, target);
}

static void
first_day_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);

  frontline_window_set_day (self, frontline_dataset_get_first_day (self->dataset));
}

static void
last_day_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);

  frontline_window_set_day (self, frontline_dataset_get_last_day (self->dataset));
}

static void
go_to_date_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);
  FrontlineDay day;

  if (frontline_day_parse (g_variant_get_string (param, NULL), &day))
    frontline_window_set_day (self, day);
}

/* Gains and losses: the window's state computes them, the card and the
 * control layer follow it. */

/**
 * frontline_window_get_compare_text:
 *
 * Returns: (nullable): the comparison card's text, when it shows
 */
const char *
frontline_window_get_compare_text (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->compare_card))
         ? gtk_label_get_text (self->compare_card) : NULL;
}

/* Playback */

void
_frontline_window_stop_playing (FrontlineWindow *self)
{
  frontline_date_bar_set_playing (self->date_bar, FALSE);
}

static void
compare_since_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);
  const char *since = g_variant_get_string (param, NULL);
  FrontlineDay day = FRONTLINE_DAY_NONE;

  /* An empty date turns the comparison off (a stop without one). */
  if (since[0] != '\0' && !frontline_day_parse (since, &day))
    return;

  frontline_view_state_compare (self->state, day, FALSE);
}

static void
export_csv_done (GFile    *file,
                 gpointer  user_data)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (user_data);
  g_autofree char *name = g_file_get_basename (file);
  /* Translators: %s is a file name */
  g_autofree char *title = g_strdup_printf (_("Saved “%s”"), name);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);

  if (self->dataset != NULL)
    frontline_csv_export_run_full (GTK_WINDOW (self), self->dataset, export_csv_done, self);
}

static void
find_place_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);

  frontline_place_search_open (self->place_search);
}

/* The datasets bundled with Frontline, compiled into the program. */
static void
open_example_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);
  g_autofree char *uri = g_strdup_printf ("resource://%s/datasets/%s.geojson", RESOURCE_PATH,
                                          g_variant_get_string (param, NULL));
  g_autoptr(GFile) file = g_file_new_for_uri (uri);

  frontline_window_open (self, file);
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);

  g_cancellable_cancel (self->load_cancellable);
  _frontline_window_end_loading (self, FALSE);
}

static void
add_mbtiles_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);

  frontline_mbtiles_chooser_run (GTK_WINDOW (self), self->settings);
}

static void
add_custom_tiles_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (frontline_custom_tiles_dialog_new (GTK_WINDOW (self), self->settings)));
}

static void
on_file_chooser_response_cb (FrontlineWindow      *self,
                             int                   response,
                             GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        frontline_window_open (self, file);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

/* The formats' names, by suffix, for the file choosers' filters. */
static const struct {
  const char *suffix;
  const char *name;
} format_names[] = {
  { "geojson", N_("GeoJSON") },
  { "json", N_("GeoJSON") },
  { "gpkg", N_("GeoPackage") },
  { "kml", N_("KML and KMZ") },
  { "kmz", N_("KML and KMZ") },
  { "shp", N_("Shapefile") },
  { "shz", N_("Shapefile") },
  { "zip", N_("Shapefile") },
  { "fgb", N_("FlatGeobuf") },
  { "geojsonl", N_("GeoJSONSeq") },
  { "geojsons", N_("GeoJSONSeq") },
  { "csv", N_("CSV with WKT Geometry") },
};

static const char *
format_name (const char *suffix)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_str_equal (format_names[i].suffix, suffix))
      return format_names[i].name;

  return NULL;
}

/* GeoJSON, then @suffixes: one filter per format (a format's suffixes
 * together), each knowing its first suffix ("suffix" data) for Save As.
 * With @all_datasets, one filter for every dataset first and All Files last. */
static void
add_format_filters (GtkFileChooser     *chooser,
                    const char * const *suffixes,
                    gboolean            all_datasets)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) filters = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);

  g_ptr_array_add (all, g_strdup ("geojson"));
  g_ptr_array_add (all, g_strdup ("json"));
  for (guint i = 0; suffixes != NULL && suffixes[i] != NULL; i++)
    g_ptr_array_add (all, g_strdup (suffixes[i]));

  if (all_datasets)
    {
      GtkFileFilter *datasets = gtk_file_filter_new ();

      gtk_file_filter_set_name (datasets, _("All Datasets"));
      gtk_file_filter_add_mime_type (datasets, "application/geo+json");
      for (guint i = 0; i < all->len; i++)
        gtk_file_filter_add_suffix (datasets, g_ptr_array_index (all, i));
      g_ptr_array_add (filters, datasets);
    }

  for (guint i = 0; i < all->len; i++)
    {
      const char *suffix = g_ptr_array_index (all, i);
      const char *name = format_name (suffix);
      g_autofree char *upper = NULL;
      GtkFileFilter *filter;

      if (name == NULL)
        name = upper = g_ascii_strup (suffix, -1);
      else
        name = _(name);

      filter = g_hash_table_lookup (by_name, name);
      if (filter == NULL)
        {
          filter = gtk_file_filter_new ();
          gtk_file_filter_set_name (filter, name);
          g_object_set_data_full (G_OBJECT (filter), "suffix", g_strdup (suffix), g_free);
          g_hash_table_insert (by_name, (gpointer) gtk_file_filter_get_name (filter), filter);
          g_ptr_array_add (filters, filter);
        }
      gtk_file_filter_add_suffix (filter, suffix);
    }

  if (all_datasets)
    {
      GtkFileFilter *any = gtk_file_filter_new ();

      gtk_file_filter_set_name (any, _("All Files"));
      gtk_file_filter_add_pattern (any, "*");
      g_ptr_array_add (filters, any);
    }

  for (guint i = 0; i < filters->len; i++)
    gtk_file_chooser_add_filter (chooser, g_ptr_array_index (filters, i));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Dataset"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_format_filters (GTK_FILE_CHOOSER (chooser), frontline_ogr_read_suffixes (), TRUE);

  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (on_file_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);
  const char *uri = g_variant_get_string (param, NULL);
  g_autoptr(GFile) file = NULL;

  /* A database's address, kept without its password. */
  if (frontline_archive_location_is_address (uri))
    {
      frontline_window_open_address (self, uri);
      return;
    }

  file = g_file_new_for_uri (uri);
  frontline_window_open (self, file);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  _frontline_window_show_connect_dialog (FRONTLINE_WINDOW (widget));
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);

  if (self->dataset != NULL && frontline_dataset_get_archive (self->dataset) == NULL)
    _frontline_window_show_publish_dialog (self);
}

static void
open_published_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  _frontline_window_open_published (FRONTLINE_WINDOW (widget));
}

static void
retry_fetch_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);

  _frontline_window_clear_lost (self);
  /* What the map shows, asked for again; a new failure brings the toast back. */
  frontline_view_state_fetch_areas (self->state);
}

static void
on_exported (GFile        *file,
             const GError *error,
             gpointer      user_data)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (user_data);
  g_autofree char *name = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (error != NULL)
    return;

  name = g_file_get_basename (file);
  uri = g_file_get_uri (file);
  /* Translators: %s is a file or folder name */
  title = g_strdup_printf (_("Exported “%s”"), name);
  toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-exported");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));

  /* A file gets "Show in Folder" too; a folder of frames opens as a folder. */
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = gtk_label_new (title);
      GtkWidget *show = gtk_button_new_with_mnemonic (_("Show in _Folder"));

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_add_css_class (show, "flat");
      gtk_widget_set_valign (show, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (show), "win.show-exported");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (show), g_variant_new_string (uri));
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), show);
      adw_toast_set_custom_title (toast, box);
    }

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
open_parent_folder (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *uri = g_file_get_uri (parent);

  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, NULL, NULL);
}

static void
on_show_items_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GFile) file = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      /* No file manager that can select a file: open its folder. */
      g_debug ("FileManager1.ShowItems failed: %s", error->message);
      open_parent_folder (file);
    }
}

static void
show_exported_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  const char *uri = g_variant_get_string (param, NULL);
  GDBusConnection *bus = g_application_get_dbus_connection (g_application_get_default ());
  const char *uris[] = { uri, NULL };

  /* The file manager opens the folder with the file selected. */
  if (bus == NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uri);

      open_parent_folder (file);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE, -1,
                          NULL, on_show_items_cb, g_file_new_for_uri (uri));
}

static void
open_exported_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  gtk_show_uri_full (GTK_WINDOW (widget), g_variant_get_string (param, NULL), GDK_CURRENT_TIME,
                     NULL, NULL, NULL);
}

/* The picture on screen, from the window's state (dataset, date, view and
 * the same gains and losses), with its style and basemap: the exporter
 * draws it again at any size. @path and @mbtiles hold what the request
 * borrows. */
static void
init_request (FrontlineWindow         *self,
              FrontlineExportRequest  *request,
              char                   **path,
              FrontlineMbtilesSource **mbtiles)
{
  g_autofree char *choice = NULL;
  FrontlineBasemapKind kind;

  _frontline_window_sync_view (self);
  frontline_export_request_init_for_state (request, self->state);
  request->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  /* The export draws the basemap on screen: an MBTiles file, or online tiles
   * (fetched again at the output's zoom, from the cache where it can). */
  if (FRONTLINE_IS_TILE_SOURCE (self->tile_source))
    {
      request->tiles = FRONTLINE_TILE_SOURCE (self->tile_source);
      request->basemap_credit = (char *) frontline_tile_source_get_attribution (request->tiles);
    }
  choice = g_settings_get_string (self->settings, "basemap");
  if (frontline_basemap_choice_parse (choice, &kind, path, NULL) && kind == FRONTLINE_BASEMAP_MBTILES)
    *mbtiles = frontline_mbtiles_source_new (*path, NULL);
  if (*mbtiles != NULL)
    {
      request->mbtiles = *path;
      request->basemap_credit = (char *) frontline_mbtiles_source_get_license_text (*mbtiles);
    }
}

static void
run_export (FrontlineWindow *self,
            gboolean         all_dates)
{
  FrontlineExportRequest request = { 0 };
  g_autofree char *path = NULL;
  g_autoptr(FrontlineMbtilesSource) mbtiles = NULL;

  if (self->dataset == NULL)
    return;

  init_request (self, &request, &path, &mbtiles);
  frontline_export_dialog_run (GTK_WINDOW (self), &request, all_dates, on_exported, self);
}

static void
export_video_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);
  FrontlineExportRequest request = { 0 };
  g_autofree char *path = NULL;
  g_autoptr(FrontlineMbtilesSource) mbtiles = NULL;

  if (self->dataset == NULL)
    return;

  init_request (self, &request, &path, &mbtiles);
  gtk_window_present (GTK_WINDOW (frontline_video_dialog_new (GTK_WINDOW (self), &request, on_exported, self)));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  run_export (FRONTLINE_WINDOW (widget), FALSE);
}

static void
export_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  run_export (FRONTLINE_WINDOW (widget), TRUE);
}

/* Stops: adding, saving, handing out */

static void
add_stop_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);
  FrontlineDay day = frontline_view_state_get_day (self->state);
  const FrontlineView *view;
  g_autoptr(FrontlineStop) stop = NULL;
  g_autofree char *title = NULL;

  if (self->dataset == NULL)
    return;

  _frontline_window_sync_view (self);
  view = frontline_view_state_get_view (self->state);
  title = frontline_day_format_label (day);
  stop = frontline_stop_new (title, day, view->center_lon, view->center_lat, view->zoom);
  frontline_dataset_add_stop (self->dataset, stop);

  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Stop added: save the dataset to keep it")));
}

/* Draw on Stop: the stop the window shows (the one nearest its day and
 * view); again, Done. */
static void
annotate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);
  FrontlineStop *stop;

  if (gtk_widget_get_visible (GTK_WIDGET (self->annotation_bar)))
    {
      frontline_annotation_bar_done (self->annotation_bar);
      return;
    }

  stop = _frontline_window_get_current_stop (self);
  if (stop != NULL)
    _frontline_window_annotate_stop (self, stop);
}

/* A stop's Draw button: the stop at @param in the dataset's stops. */
static void
annotate_stop_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);
  g_autoptr(FrontlineStop) stop = NULL;
  guint32 index = g_variant_get_uint32 (param);

  if (self->dataset == NULL)
    return;

  stop = g_list_model_get_item (frontline_dataset_get_stops (self->dataset), index);
  if (stop != NULL)
    _frontline_window_annotate_stop (self, stop);
}

static void
on_save_progress (double   fraction,
                  gpointer user_data)
{
  FrontlineWindow *self = user_data;
  /* Translators: the first %s is a file name, %d a percentage */
  g_autofree char *title = g_strdup_printf (_("Saving “%s”… %d%%"), self->save_name,
                                            (int) (fraction * 100.0));

  if (self->save_toast != NULL)
    adw_toast_set_title (self->save_toast, title);
}

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FrontlineWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_steal_pointer (&self->save_name);

  if (self->save_toast != NULL)
    adw_toast_dismiss (self->save_toast);
  g_clear_object (&self->save_toast);
  g_clear_object (&self->save_cancellable);
  _frontline_window_actions_update (self);

  if (frontline_dataset_save_finish (FRONTLINE_DATASET (source), result, &error))
    {
      /* Translators: %s is a file name */
      g_autofree char *title = g_strdup_printf (_("Saved “%s”"), name);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: %s is a file name */
      g_autofree char *title = g_strdup_printf (_("Saving cancelled: “%s” was not changed"), name);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
    }
  else
    {
      /* Translators: %s is a file name */
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);

      _frontline_window_show_error (self, heading, error->message);
    }
}

/* Saves in a worker, with the progress and a Cancel button in a toast: the
 * window stays responsive, and the file is replaced only once every byte of
 * the new one is on disk (cancelling or failing leaves it as it was). */
static void
save_to (FrontlineWindow *self,
         GFile           *file)
{
  g_autofree char *title = NULL;

  if (self->save_cancellable != NULL || self->dataset == NULL)
    return;

  self->save_name = g_file_get_basename (file);
  self->save_cancellable = g_cancellable_new ();
  /* Translators: %s is a file name */
  title = g_strdup_printf (_("Saving “%s”…"), self->save_name);
  self->save_toast = g_object_ref_sink (adw_toast_new (title));
  adw_toast_set_timeout (self->save_toast, 0);
  adw_toast_set_button_label (self->save_toast, _("Cancel"));
  adw_toast_set_action_name (self->save_toast, "win.cancel-save");
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->save_toast));
  _frontline_window_actions_update (self);

  frontline_dataset_save_async (self->dataset, file, TRUE, self->save_cancellable,
                                on_save_progress, g_object_ref (self), g_object_unref,
                                save_done, g_object_ref (self));
}

static void
cancel_save_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);

  g_cancellable_cancel (self->save_cancellable);
}

/* A modal chooser, not yet shown, to save the dataset's title + @suffix (no
 * slashes or colons in it) as a new file; @response_cb gets the chooser, and
 * destroys and unrefs it. */
static GtkFileChooserNative *
new_save_chooser (FrontlineWindow    *self,
                  const char         *title,
                  const char         *accept_label,
                  const char         *suffix,
                  const char * const *formats,
                  GCallback           response_cb)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  name = g_strconcat (frontline_dataset_get_title (self->dataset), suffix, NULL);
  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  if (formats != NULL)
    {
      add_format_filters (GTK_FILE_CHOOSER (chooser), formats, FALSE);
      g_object_set_data_full (G_OBJECT (chooser), "suggested-name", g_strdup (name), g_free);
    }
  g_signal_connect_object (chooser, "response", response_cb, self, G_CONNECT_SWAPPED);

  return chooser;
}

static GtkFileChooserNative *
choose_save_file (FrontlineWindow    *self,
                  const char         *title,
                  const char         *accept_label,
                  const char         *suffix,
                  const char * const *formats,
                  GCallback           response_cb)
{
  GtkFileChooserNative *chooser = new_save_chooser (self, title, accept_label, suffix, formats, response_cb);

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));

  return chooser;
}

/* Whether @file's name ends in one of the formats Save As writes. */
static gboolean
is_writable_format (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (name != NULL ? name : "", -1);

  return g_str_has_suffix (lower, ".geojson") || g_str_has_suffix (lower, ".json") ||
         frontline_ogr_can_write (file);
}

/* Whether saving into @file keeps everything (stops, quotes, sources):
 * GeoJSON and GeoPackage do; the other formats keep the areas only. */
static gboolean
keeps_everything (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (name != NULL ? name : "", -1);

  return g_str_has_suffix (lower, ".geojson") || g_str_has_suffix (lower, ".json") ||
         g_str_has_suffix (lower, ".gpkg");
}

/**
 * _frontline_window_save_as_target:
 * @chosen: the file chosen in Save As
 * @filter_suffix: (nullable): the chosen format filter's suffix
 * @suggested: (nullable): the name Save As suggested
 *
 * The file Save As writes: a name typed with a format's extension keeps it;
 * the suggested name, untouched, takes the chosen format's; a name without
 * a format's extension gets the chosen format's added.
 *
 * Returns: (transfer full): the file to save into
 */
GFile *
_frontline_window_save_as_target (GFile      *chosen,
                                  const char *filter_suffix,
                                  const char *suggested)
{
  g_autofree char *name = g_file_get_basename (chosen);
  g_autoptr(GFile) parent = g_file_get_parent (chosen);
  g_autofree char *lower = g_ascii_strdown (name != NULL ? name : "", -1);
  g_autofree char *dotted = filter_suffix != NULL ? g_strconcat (".", filter_suffix, NULL) : NULL;
  g_autofree char *renamed = NULL;

  if (dotted == NULL || parent == NULL || name == NULL || g_str_has_suffix (lower, dotted))
    return g_object_ref (chosen);

  if (suggested != NULL && g_str_equal (name, suggested))
    {
      char *dot = strrchr (name, '.');

      if (dot != NULL && dot != name)
        *dot = '\0';
      renamed = g_strconcat (name, dotted, NULL);
    }
  else if (!is_writable_format (chosen))
    renamed = g_strconcat (name, dotted, NULL);
  else
    return g_object_ref (chosen);

  return g_file_get_child (parent, renamed);
}

static void
on_save_as_response_cb (FrontlineWindow      *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
      const char *suffix = filter != NULL ? g_object_get_data (G_OBJECT (filter), "suffix") : NULL;
      const char *suggested = g_object_get_data (G_OBJECT (chooser), "suggested-name");

      if (file != NULL)
        {
          g_autoptr(GFile) target = _frontline_window_save_as_target (file, suffix, suggested);

          g_set_object (&file, target);
        }

      if (file != NULL)
        save_to (self, file);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);

  if (self->dataset != NULL)
    choose_save_file (self, _("Save Dataset As"), _("_Save"), ".geojson",
                      frontline_ogr_write_suffixes (), G_CALLBACK (on_save_as_response_cb));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);

  if (self->dataset == NULL)
    return;

  /* Only when asked, and a file that cannot be written (a bundled
   * dataset, a read-only file, a folder of files) is saved as another. */
  /* Nor one in a format that cannot keep the stops, quotes and sources
   * (Shapefile, KML, FlatGeobuf, CSV…): Save As suggests GeoJSON. */
  if (frontline_dataset_can_save (self->dataset) &&
      keeps_everything (frontline_dataset_get_file (self->dataset)))
    save_to (self, frontline_dataset_get_file (self->dataset));
  else
    save_as_action (GTK_WIDGET (self), NULL, NULL);
}

static void
on_handout_response_cb (FrontlineWindow      *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      const char *notes = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "notes");
      FrontlineHandoutFlags flags = g_strcmp0 (notes, "true") == 0 ? FRONTLINE_HANDOUT_NOTES : 0;

      /* The chooser asked before replacing a file. */
      if (file != NULL && !frontline_handout_write_full (self->dataset, file, flags, TRUE, NULL, &error))
        _frontline_window_show_error (self, _("Could Not Export the Stops"), error->message);
      else if (file != NULL)
        on_exported (file, NULL, self);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
export_handout_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);

  GtkFileChooserNative *chooser;

  if (self->dataset == NULL)
    return;

  chooser = new_save_chooser (self, _("Export Stops as PDF"), _("_Export"), " briefing.pdf", NULL,
                              G_CALLBACK (on_handout_response_cb));
  /* The speaker's notes are the presenter's: on the page only when asked. */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "notes", _("Include speaker notes"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "notes", "false");
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (widget);

  if (self->dataset == NULL)
    return;

  _frontline_window_stop_playing (self);
  frontline_presentation_set_active (self->presentation, TRUE);
}

/* Every action of the window, for the class: stateful ones are properties of
 * the window, so that their state is the property's. */
void
_frontline_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "win.retry-fetch", NULL, retry_fetch_action);
  gtk_widget_class_install_action (widget_class, "win.publish", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "win.open-published", NULL,
                                   open_published_action);
  gtk_widget_class_install_action (widget_class, "win.open-example", "s", open_example_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.show-warnings", NULL, show_warnings_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-all", NULL, export_all_action);
  gtk_widget_class_install_action (widget_class, "win.export-video", NULL, export_video_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "win.export-handout", NULL, export_handout_action);
  gtk_widget_class_install_action (widget_class, "win.open-exported", "s", open_exported_action);
  gtk_widget_class_install_action (widget_class, "win.show-exported", "s", show_exported_action);
  gtk_widget_class_install_action (widget_class, "win.add-stop", NULL, add_stop_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-save", NULL, cancel_save_action);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "win.annotate", NULL, annotate_action);
  gtk_widget_class_install_action (widget_class, "win.annotate-stop", "u", annotate_stop_action);
  gtk_widget_class_install_action (widget_class, "win.add-mbtiles", NULL, add_mbtiles_action);
  gtk_widget_class_install_action (widget_class, "win.add-custom-tiles", NULL, add_custom_tiles_action);
  gtk_widget_class_install_action (widget_class, "win.step-day", "i", step_day_action);
  gtk_widget_class_install_action (widget_class, "win.jump", "i", jump_action);
  gtk_widget_class_install_action (widget_class, "win.first-day", NULL, first_day_action);
  gtk_widget_class_install_action (widget_class, "win.last-day", NULL, last_day_action);
  gtk_widget_class_install_action (widget_class, "win.go-to-date", "s", go_to_date_action);
  gtk_widget_class_install_action (widget_class, "win.compare-since", "s", compare_since_action);
  gtk_widget_class_install_action (widget_class, "win.find-place", NULL, find_place_action);
  gtk_widget_class_install_property_action (widget_class, "win.toggle-sidebar", "sidebar-visible");
  gtk_widget_class_install_property_action (widget_class, "win.basemap", "basemap");
  gtk_widget_class_install_property_action (widget_class, "win.play", "playing");
  gtk_widget_class_install_property_action (widget_class, "win.play-speed", "play-speed");
  gtk_widget_class_install_property_action (widget_class, "win.compare", "comparing");
}
