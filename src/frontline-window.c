/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <shumate/shumate.h>
#include <string.h>

#include "frontline-basemap-source.h"
#include "frontline-dataset.h"
#include "frontline-mbtiles-source.h"
#include "frontline-tile-source.h"
#include "frontline-recent-menu.h"
#include "frontline-window.h"

struct _FrontlineWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *load_cancellable;
  GFile                *loading_file;
  FrontlineDataset     *dataset;
  char                 *page_before_load;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwSplitButton       *open_button;
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *loading_page;
  GtkProgressBar       *loading_progress;
  AdwFlap              *flap;
  ShumateSimpleMap     *map;
  GtkWidget            *timeline_bar;
  GtkWidget            *side_panel;
  GtkWidget            *detail_note;
  GtkLabel             *attribution;
  GtkMenuButton        *layers_button;

  GMenu                *layers_menu;
  ShumateDataSource    *tile_source;    /* online or MBTiles, or NULL offline */
  gint64                last_tile_toast;
};

G_DEFINE_FINAL_TYPE (FrontlineWindow, frontline_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SIDEBAR_VISIBLE,
  PROP_DATASET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_action_enabled (FrontlineWindow *self,
                    const char      *name,
                    gboolean         enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
update_actions (FrontlineWindow *self)
{
  gboolean has_dataset = self->dataset != NULL;

  /* Exporting, presenting and the side panel are about a dataset: without one
   * there is nothing to act on. */
  /* Export and presenting come with steps 6 and 7 of the plan (HACKING.md);
   * until then their actions stay disabled, with or without a dataset. */
  set_action_enabled (self, "export", FALSE);
  set_action_enabled (self, "present", FALSE);
  set_action_enabled (self, "cancel-load", self->loading_file != NULL);
  set_action_enabled (self, "toggle-sidebar", has_dataset);
}

static void
show_error (FrontlineWindow *self,
            const char      *heading,
            const char      *body)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_widget_add_css_class (dialog, "frontline-error");
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
get_display_name (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL)
    return g_strdup (g_file_info_get_display_name (info));

  /* The file may be gone: fall back to the name in its path. */
  return g_file_get_basename (file);
}

static void
show_warnings_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (user_data);
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
fit_view_to_bounds (FrontlineWindow *self,
                    const double     bbox[4])
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  double width = MAX (gtk_widget_get_width (GTK_WIDGET (self->map)), 640);
  double height = MAX (gtk_widget_get_height (GTK_WIDGET (self->map)), 400);
  double lon_span;
  double lat_span;
  double zoom;

  /* The zoom at which the box fills about 80 % of the map, in Web Mercator. */
  lon_span = MAX (bbox[2] - bbox[0], 1e-6);
  lat_span = MAX (fabs (log (tan (G_PI / 4 + bbox[3] * G_PI / 360)) -
                        log (tan (G_PI / 4 + bbox[1] * G_PI / 360))), 1e-6);
  zoom = MIN (log2 (0.8 * width * 360.0 / (256.0 * lon_span)),
              log2 (0.8 * height * 2 * G_PI / (256.0 * lat_span)));

  shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                 (bbox[1] + bbox[3]) / 2, (bbox[0] + bbox[2]) / 2);
  shumate_viewport_set_zoom_level (viewport, CLAMP (zoom, 2, 14));
}

static void
fit_view_to_dataset (FrontlineWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  double bbox[4];
  double view[3];

  if (frontline_dataset_get_default_view (self->dataset, view))
    {
      shumate_location_set_location (SHUMATE_LOCATION (viewport), view[1], view[0]);
      shumate_viewport_set_zoom_level (viewport, view[2]);
      return;
    }

  if (frontline_dataset_get_bbox (self->dataset, bbox))
    fit_view_to_bounds (self, bbox);
}

/* The credits of the map data and of the dataset, always on the map. Our own
 * label rather than ShumateLicense: that one keeps the credits of every
 * source the map ever had, and shows no links. */
static void
update_attribution (FrontlineWindow *self)
{
  ShumateMapSource *source = shumate_simple_map_get_map_source (self->map);
  g_autoptr(GString) markup = g_string_new (NULL);
  const char *license = source ? shumate_map_source_get_license (source) : NULL;
  const char *uri = source ? shumate_map_source_get_license_uri (source) : NULL;

  if (license != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (license, -1);
      g_autofree char *escaped_uri = uri ? g_markup_escape_text (uri, -1) : NULL;

      if (escaped_uri != NULL)
        g_string_append_printf (markup, "<a href=\"%s\">%s</a>", escaped_uri, escaped);
      else
        g_string_append (markup, escaped);
    }

  if (self->dataset != NULL && frontline_dataset_get_attribution (self->dataset) != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (frontline_dataset_get_attribution (self->dataset), -1);

      if (markup->len > 0)
        g_string_append_c (markup, '\n');
      /* Translators: the credit line of a dataset on the map */
      g_string_append_printf (markup, _("Data: %s"), escaped);
    }

  gtk_label_set_markup (self->attribution, markup->str);
}

/**
 * frontline_window_get_attribution:
 *
 * Returns: the credits the map shows, as plain text
 */
const char *
frontline_window_get_attribution (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), NULL);

  return gtk_label_get_text (self->attribution);
}

static void
set_dataset (FrontlineWindow  *self,
             FrontlineDataset *dataset)
{
  if (!g_set_object (&self->dataset, dataset))
    return;

  if (dataset != NULL)
    {
      g_autofree char *subtitle = NULL;
      g_autofree char *first = frontline_day_format (frontline_dataset_get_first_day (dataset));
      g_autofree char *last = frontline_day_format (frontline_dataset_get_last_day (dataset));

      /* Translators: the dates a dataset covers, as “2024-08-06 – 2025-03-16” */
      subtitle = g_strdup_printf (_("%s – %s"), first, last);
      adw_window_title_set_title (self->window_title, frontline_dataset_get_title (dataset));
      adw_window_title_set_subtitle (self->window_title, subtitle);
      gtk_window_set_title (GTK_WINDOW (self), frontline_dataset_get_title (dataset));
      gtk_stack_set_visible_child_name (self->main_stack, "map");
      fit_view_to_dataset (self);

      update_attribution (self);
    }

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

static void
end_loading (FrontlineWindow *self,
             gboolean         loaded)
{
  g_clear_object (&self->loading_file);
  g_clear_object (&self->load_cancellable);

  if (!loaded && self->page_before_load != NULL)
    gtk_stack_set_visible_child_name (self->main_stack, self->page_before_load);
  g_clear_pointer (&self->page_before_load, g_free);

  update_actions (self);
}

static void
on_load_progress_cb (double   fraction,
                     gpointer user_data)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (user_data);

  gtk_progress_bar_set_fraction (self->loading_progress, fraction);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FrontlineWindow) self = user_data;
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  GPtrArray *diagnostics;

  dataset = frontline_dataset_load_finish (result, &error);

  /* A newer load replaced this one, or the user cancelled it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  file = g_object_ref (self->loading_file);
  end_loading (self, dataset != NULL);

  if (dataset == NULL)
    {
      g_autofree char *name = get_display_name (file);
      /* Translators: %s is a file name */
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      show_error (self, heading, error->message);
      return;
    }

  set_dataset (self, dataset);

  {
    g_autofree char *uri = g_file_get_uri (file);

    frontline_recent_add (gtk_recent_manager_get_default (), file);
    g_settings_set_string (self->settings, "last-dataset", uri);
  }

  diagnostics = frontline_dataset_get_diagnostics (dataset);
  if (diagnostics->len > 0)
    {
      g_autofree char *title = NULL;
      AdwToast *toast;

      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Opened with %u warning",
                                            "Opened with %u warnings",
                                            diagnostics->len),
                               diagnostics->len);
      toast = adw_toast_new (title);
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.show-warnings");
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

/**
 * frontline_window_open:
 * @self: a window
 * @file: a dataset file or folder
 *
 * Starts loading @file into @self, in a worker thread, replacing any load in
 * progress. Failures are reported in a dialog naming the file, the place in
 * it and what is wrong; the window keeps what it showed.
 */
void
frontline_window_open (FrontlineWindow *self,
                       GFile           *file)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (FRONTLINE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->load_cancellable != NULL)
    {
      g_cancellable_cancel (self->load_cancellable);
      g_clear_object (&self->load_cancellable);
    }
  else
    self->page_before_load = g_strdup (gtk_stack_get_visible_child_name (self->main_stack));

  g_set_object (&self->loading_file, file);
  self->load_cancellable = g_cancellable_new ();

  name = get_display_name (file);
  /* Translators: %s is a file name */
  title = g_strdup_printf (_("Opening “%s”"), name);
  adw_status_page_set_title (self->loading_page, title);
  gtk_progress_bar_set_fraction (self->loading_progress, 0.0);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  update_actions (self);

  frontline_dataset_load_async (file, self->load_cancellable,
                                on_load_progress_cb, self,
                                load_cb, g_object_ref (self));
}

static void
cancel_load_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (user_data);

  g_cancellable_cancel (self->load_cancellable);
  end_loading (self, FALSE);
}

/**
 * frontline_window_get_dataset:
 *
 * Returns: (transfer none) (nullable): the dataset shown
 */
FrontlineDataset *
frontline_window_get_dataset (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), NULL);

  return self->dataset;
}

gboolean
frontline_window_has_dataset (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), FALSE);

  return self->dataset != NULL;
}

gboolean
frontline_window_is_loading (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), FALSE);

  return self->loading_file != NULL;
}

/**
 * frontline_window_get_viewport:
 *
 * Returns: (transfer none): the viewport of the window's map
 */
ShumateViewport *
frontline_window_get_viewport (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), NULL);

  return shumate_simple_map_get_viewport (self->map);
}

/* Base map */


static void
update_detail_note (FrontlineWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  ShumateMapSource *source = shumate_simple_map_get_map_source (self->map);

  gtk_widget_set_visible (self->detail_note,
                          FRONTLINE_IS_BASEMAP_SOURCE (source) &&
                          shumate_viewport_get_zoom_level (viewport) > FRONTLINE_BASEMAP_DETAIL_ZOOM + 0.5);
}

/* Online and MBTiles sources report failed tiles; say so, at most every few
 * seconds, rather than leave the map blank without a word. */
static void
on_tile_failed_cb (FrontlineWindow *self,
                   int              x,
                   int              y,
                   int              z,
                   GError          *error)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (g_get_monotonic_time () - self->last_tile_toast < 10 * G_USEC_PER_SEC)
    return;
  self->last_tile_toast = g_get_monotonic_time ();

  /* Translators: %s says why, e.g. “HTTP 404 Not Found” */
  title = g_strdup_printf (_("Some map tiles could not be loaded: %s"), error->message);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
set_tile_source (FrontlineWindow   *self,
                 ShumateDataSource *source)
{
  if (self->tile_source != NULL)
    g_signal_handlers_disconnect_by_func (self->tile_source, on_tile_failed_cb, self);
  g_set_object (&self->tile_source, source);
  if (source != NULL)
    g_signal_connect_object (source, "tile-failed", G_CALLBACK (on_tile_failed_cb),
                             self, G_CONNECT_SWAPPED);
}

static void
use_offline_basemap (FrontlineWindow *self)
{
  ShumateMapSource *current = shumate_simple_map_get_map_source (self->map);
  FrontlineBasemapStyle style = adw_style_manager_get_dark (adw_style_manager_get_default ())
                                ? FRONTLINE_BASEMAP_STYLE_DARK : FRONTLINE_BASEMAP_STYLE_LIGHT;
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  g_autoptr(FrontlineBasemapSource) source = NULL;

  set_tile_source (self, NULL);

  /* ShumateMapLayer cannot redraw its tiles: a new style or scale factor
   * needs a new source. */
  if (FRONTLINE_IS_BASEMAP_SOURCE (current) &&
      frontline_basemap_source_get_style (FRONTLINE_BASEMAP_SOURCE (current)) == style &&
      frontline_basemap_source_get_scale_factor (FRONTLINE_BASEMAP_SOURCE (current)) == scale)
    return;

  source = frontline_basemap_source_new (style, scale);
  shumate_simple_map_set_map_source (self->map, SHUMATE_MAP_SOURCE (source));
  update_attribution (self);
}

/* Makes the base map what the "basemap" setting says. Online sources are only
 * ever used when the user chose one. Returns FALSE with @error set when the
 * choice cannot be used (a damaged or missing MBTiles file). */
static gboolean
apply_basemap (FrontlineWindow  *self,
               gboolean          fit,
               GError          **error)
{
  g_autofree char *choice = g_settings_get_string (self->settings, "basemap");
  g_autoptr(ShumateMapSource) map_source = NULL;

  if (g_str_has_prefix (choice, "mbtiles:"))
    {
      g_autoptr(FrontlineMbtilesSource) mbtiles = NULL;
      double bounds[4];

      mbtiles = frontline_mbtiles_source_new (choice + strlen ("mbtiles:"), error);
      if (mbtiles == NULL)
        return FALSE;

      map_source = frontline_mbtiles_source_new_map_source (mbtiles);
      set_tile_source (self, SHUMATE_DATA_SOURCE (mbtiles));
      shumate_simple_map_set_map_source (self->map, map_source);

      if (fit && frontline_mbtiles_source_get_bounds (mbtiles, &bounds[0], &bounds[1], &bounds[2], &bounds[3]))
        fit_view_to_bounds (self, bounds);
    }
  else if (g_str_has_prefix (choice, "custom:"))
    {
      g_autoptr(GVariant) sources = g_settings_get_value (self->settings, "custom-sources");
      g_autoptr(FrontlineTileSource) tiles = NULL;
      GVariantIter iter;
      const char *url;
      const char *attribution;
      const char *found = NULL;

      g_variant_iter_init (&iter, sources);
      while (g_variant_iter_next (&iter, "(&s&s)", &url, &attribution))
        {
          if (g_str_equal (url, choice + strlen ("custom:")))
            {
              found = attribution;
              break;
            }
        }

      tiles = frontline_tile_source_new_custom (choice + strlen ("custom:"), found ? found : "", error);
      if (tiles == NULL)
        return FALSE;

      map_source = frontline_tile_source_new_map_source (tiles);
      set_tile_source (self, SHUMATE_DATA_SOURCE (tiles));
      shumate_simple_map_set_map_source (self->map, map_source);
    }
  else if (!g_str_equal (choice, "offline"))
    {
      g_autoptr(FrontlineTileSource) tiles = frontline_tile_source_new_builtin (choice);

      if (tiles == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("There is no map source “%s”"), choice);
          return FALSE;
        }

      map_source = frontline_tile_source_new_map_source (tiles);
      set_tile_source (self, SHUMATE_DATA_SOURCE (tiles));
      shumate_simple_map_set_map_source (self->map, map_source);
    }
  else
    use_offline_basemap (self);

  update_detail_note (self);
  update_attribution (self);
  return TRUE;
}

static void
update_base_map (FrontlineWindow *self)
{
  g_autofree char *choice = g_settings_get_string (self->settings, "basemap");

  /* Only the offline basemap follows the style and the scale factor. */
  if (g_str_equal (choice, "offline"))
    use_offline_basemap (self);
}

static void
on_settings_basemap_changed_cb (FrontlineWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *choice = g_settings_get_string (self->settings, "basemap");
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "basemap");

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (choice));

  if (!apply_basemap (self, gtk_widget_get_mapped (GTK_WIDGET (self)), &error))
    {
      show_error (self, _("Could Not Use the Map Source"), error->message);
      /* Back to what always works. */
      g_settings_set_string (self->settings, "basemap", "offline");
    }
}

static void
basemap_change_state (GSimpleAction *action,
                      GVariant      *state,
                      gpointer       user_data)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (user_data);

  g_settings_set_string (self->settings, "basemap", g_variant_get_string (state, NULL));
}

static void
rebuild_layers_menu (FrontlineWindow *self)
{
  g_autoptr(GMenu) sources = g_menu_new ();
  g_autoptr(GMenu) files = g_menu_new ();
  g_autoptr(GMenu) custom = g_menu_new ();
  g_autoptr(GMenu) add = g_menu_new ();
  g_auto(GStrv) mbtiles = g_settings_get_strv (self->settings, "mbtiles-files");
  g_autoptr(GVariant) custom_sources = g_settings_get_value (self->settings, "custom-sources");
  const FrontlineTileSourceInfo *infos;
  guint n_infos = 0;
  GVariantIter iter;
  const char *url;
  const char *attribution;

  g_menu_remove_all (self->layers_menu);

  g_menu_append (sources, _("Offline Basemap"), "win.basemap::offline");
  infos = frontline_tile_source_get_builtin_info (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (infos[i].name, NULL);

      g_menu_item_set_action_and_target (item, "win.basemap", "s", infos[i].id);
      g_menu_append_item (sources, item);
    }
  g_menu_append_section (self->layers_menu, _("Base Map"), G_MENU_MODEL (sources));

  g_variant_iter_init (&iter, custom_sources);
  while (g_variant_iter_next (&iter, "(&s&s)", &url, &attribution))
    {
      g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);
      g_autofree char *target = g_strconcat ("custom:", url, NULL);
      g_autoptr(GMenuItem) item = g_menu_item_new (uri ? g_uri_get_host (uri) : url, NULL);

      g_menu_item_set_action_and_target (item, "win.basemap", "s", target);
      g_menu_append_item (custom, item);
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (custom)) > 0)
    g_menu_append_section (self->layers_menu, _("Custom Tiles"), G_MENU_MODEL (custom));

  for (guint i = 0; mbtiles[i] != NULL; i++)
    {
      g_autofree char *name = g_path_get_basename (mbtiles[i]);
      g_autofree char *target = g_strconcat ("mbtiles:", mbtiles[i], NULL);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target (item, "win.basemap", "s", target);
      g_menu_append_item (files, item);
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (files)) > 0)
    g_menu_append_section (self->layers_menu, _("MBTiles Files"), G_MENU_MODEL (files));

  g_menu_append (add, _("Add _MBTiles…"), "win.add-mbtiles");
  g_menu_append (add, _("Add _Custom Tiles…"), "win.add-custom-tiles");
  g_menu_append_section (self->layers_menu, NULL, G_MENU_MODEL (add));
}

static void
on_mbtiles_chooser_response_cb (FrontlineWindow      *self,
                                int                   response,
                                GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(FrontlineMbtilesSource) check = NULL;

      if (path != NULL && (check = frontline_mbtiles_source_new (path, &error)) == NULL)
        show_error (self, _("Could Not Use the MBTiles File"), error->message);
      else if (path != NULL)
        {
          g_auto(GStrv) old = g_settings_get_strv (self->settings, "mbtiles-files");
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) files = NULL;
          g_autofree char *target = g_strconcat ("mbtiles:", path, NULL);

          g_strv_builder_add (builder, path);
          for (guint i = 0, n = 1; old[i] != NULL && n < 8; i++)
            if (!g_str_equal (old[i], path))
              {
                g_strv_builder_add (builder, old[i]);
                n++;
              }
          files = g_strv_builder_end (builder);
          g_settings_set_strv (self->settings, "mbtiles-files", (const char * const *) files);
          g_settings_set_string (self->settings, "basemap", target);
        }
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
add_mbtiles_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (user_data);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Add MBTiles"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("MBTiles Files"));
  gtk_file_filter_add_suffix (filter, "mbtiles");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_mbtiles_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_custom_tiles_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             FrontlineWindow  *self)
{
  GtkEditable *url_row = g_object_get_data (G_OBJECT (dialog), "url-row");
  GtkEditable *attribution_row = g_object_get_data (G_OBJECT (dialog), "attribution-row");
  const char *url = gtk_editable_get_text (url_row);
  const char *attribution = gtk_editable_get_text (attribution_row);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) old = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *old_url;
  const char *old_attribution;
  g_autofree char *target = NULL;
  g_autofree char *trimmed = NULL;

  if (!g_str_equal (response, "add"))
    return;

  if (!frontline_tile_source_validate_url_template (url, &error))
    {
      show_error (self, _("Could Not Add the Tiles"), error->message);
      return;
    }
  if (g_strstrip (trimmed = g_strdup (attribution))[0] == '\0')
    {
      /* Map data is always credited: a source without attribution is not added. */
      show_error (self, _("Could Not Add the Tiles"),
                  _("Say whose map data the tiles show: the attribution is shown on the map and in every export."));
      return;
    }

  old = g_settings_get_value (self->settings, "custom-sources");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ss)"));
  g_variant_builder_add (&builder, "(ss)", url, attribution);
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "(&s&s)", &old_url, &old_attribution))
    if (!g_str_equal (old_url, url))
      g_variant_builder_add (&builder, "(ss)", old_url, old_attribution);
  g_settings_set_value (self->settings, "custom-sources", g_variant_builder_end (&builder));

  target = g_strconcat ("custom:", url, NULL);
  g_settings_set_string (self->settings, "basemap", target);
}

static void
add_custom_tiles_action (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (user_data);
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *url_row;
  GtkWidget *attribution_row;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Add Custom Tiles"),
                                   _("Tiles from an XYZ server, such as https://tiles.example.org/{z}/{x}/{y}.png. "
                                     "Follow the server's usage policy."));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  url_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (url_row), _("URL Template"));
  attribution_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (attribution_row), _("Attribution"));
  gtk_list_box_append (GTK_LIST_BOX (list), url_row);
  gtk_list_box_append (GTK_LIST_BOX (list), attribution_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_object_set_data (G_OBJECT (dialog), "url-row", url_row);
  g_object_set_data (G_OBJECT (dialog), "attribution-row", attribution_row);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_custom_tiles_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * frontline_window_get_map:
 *
 * Returns: (transfer none): the window's map
 */
ShumateSimpleMap *
frontline_window_get_map (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), NULL);

  return self->map;
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

static void
open_action (GSimpleAction *action,
            GVariant      *param,
            gpointer       user_data)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (user_data);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) datasets = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Dataset"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (datasets, _("GeoJSON Datasets"));
  gtk_file_filter_add_mime_type (datasets, "application/geo+json");
  gtk_file_filter_add_mime_type (datasets, "application/json");
  gtk_file_filter_add_suffix (datasets, "geojson");
  gtk_file_filter_add_suffix (datasets, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), datasets);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (on_file_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (user_data);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  frontline_window_open (self, file);
}

static void
export_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  /* Enabled only once a dataset is shown; the exporter is step 6 of the plan
   * (see HACKING.md), and until then the action stays disabled. */
  g_return_if_fail (frontline_window_has_dataset (FRONTLINE_WINDOW (user_data)));
}

static void
present_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  /* Enabled only once a dataset is shown, like export. */
  g_return_if_fail (frontline_window_has_dataset (FRONTLINE_WINDOW (user_data)));
}

static gboolean
on_drop_target_drop_cb (FrontlineWindow *self,
                        const GValue    *value,
                        double           x,
                        double           y,
                        GtkDropTarget   *target)
{
  GSList *files;
  GtkApplication *app;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;

  /* The first file goes into this window; any others open in windows of their own. */
  frontline_window_open (self, files->data);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (app != NULL && files->next != NULL)
    {
      guint n = g_slist_length (files->next);
      g_autofree GFile **rest = g_new0 (GFile *, n);
      guint i = 0;

      for (GSList *l = files->next; l; l = l->next)
        rest[i++] = l->data;
      g_application_open (G_APPLICATION (app), rest, n, "");
    }

  g_slist_free (files);

  return TRUE;
}

static void
save_window_state (FrontlineWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  int width = 0;
  int height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set (self->settings, "map-view", "(ddd)",
                  shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                  shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                  shumate_viewport_get_zoom_level (viewport));
  g_settings_apply (self->settings);
}

static void
restore_window_state (FrontlineWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  int width;
  int height;
  double latitude;
  double longitude;
  double zoom;

  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_get (self->settings, "map-view", "(ddd)", &latitude, &longitude, &zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), latitude, longitude);
  shumate_viewport_set_zoom_level (viewport, zoom);
}

static gboolean
frontline_window_close_request (GtkWindow *window)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (window);

  g_cancellable_cancel (self->load_cancellable);
  save_window_state (self);

  return GTK_WINDOW_CLASS (frontline_window_parent_class)->close_request (window);
}

static void
frontline_window_constructed (GObject *object)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (object);
  GtkApplication *app;

  G_OBJECT_CLASS (frontline_window_parent_class)->constructed (object);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (FRONTLINE_IS_APPLICATION (app))
    self->settings = g_object_ref (frontline_application_get_settings (FRONTLINE_APPLICATION (app)));
  else
    self->settings = g_settings_new (BASE_APP_ID);

  g_signal_connect_object (self->settings, "changed::basemap",
                           G_CALLBACK (on_settings_basemap_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::mbtiles-files",
                           G_CALLBACK (rebuild_layers_menu), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::custom-sources",
                           G_CALLBACK (rebuild_layers_menu), self, G_CONNECT_SWAPPED);
  rebuild_layers_menu (self);
  on_settings_basemap_changed_cb (self);

  restore_window_state (self);
}

static void
frontline_window_dispose (GObject *object)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (object);

  g_cancellable_cancel (self->load_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), FRONTLINE_TYPE_WINDOW);

  G_OBJECT_CLASS (frontline_window_parent_class)->dispose (object);
}

static void
frontline_window_finalize (GObject *object)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->loading_file);
  g_clear_object (&self->dataset);
  g_clear_object (&self->tile_source);
  g_clear_object (&self->layers_menu);
  g_free (self->page_before_load);

  G_OBJECT_CLASS (frontline_window_parent_class)->finalize (object);
}

static void
frontline_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, adw_flap_get_reveal_flap (self->flap));
      break;

    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_window_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      adw_flap_set_reveal_flap (self->flap, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_flap_reveal_flap_changed_cb (FrontlineWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "toggle-sidebar");
  gboolean revealed = adw_flap_get_reveal_flap (self->flap);

  /* The flap can also fold away by itself on narrow windows: keep the action's
   * state, and so the header bar button, in step with it. */
  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (revealed));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_VISIBLE]);
}

static void
toggle_sidebar_change_state (GSimpleAction *action,
                             GVariant      *state,
                             gpointer       user_data)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (user_data);

  adw_flap_set_reveal_flap (self->flap, g_variant_get_boolean (state));
}

static void
frontline_window_class_init (FrontlineWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = frontline_window_constructed;
  object_class->dispose = frontline_window_dispose;
  object_class->finalize = frontline_window_finalize;
  object_class->get_property = frontline_window_get_property;
  object_class->set_property = frontline_window_set_property;

  window_class->close_request = frontline_window_close_request;

  /**
   * FrontlineWindow:sidebar-visible:
   *
   * Whether the quotes and sources panel is shown.
   */
  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FrontlineWindow:dataset:
   *
   * The dataset shown, or %NULL.
   */
  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         FRONTLINE_TYPE_DATASET,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/frontline-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, map);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, timeline_bar);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, side_panel);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, detail_note);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, attribution);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, layers_button);
  gtk_widget_class_bind_template_callback (widget_class, on_flap_reveal_flap_changed_cb);

}

static const GActionEntry win_entries[] = {
  { "open", open_action },
  { "open-recent", open_recent_action, "s" },
  { "export", export_action },
  { "present", present_action },
  { "toggle-sidebar", NULL, NULL, "false", toggle_sidebar_change_state },
  { "cancel-load", cancel_load_action },
  { "basemap", NULL, "s", "'offline'", basemap_change_state },
  { "add-mbtiles", add_mbtiles_action },
  { "add-custom-tiles", add_custom_tiles_action },
  { "show-warnings", show_warnings_action },
};

static void
frontline_window_init (FrontlineWindow *self)
{
  g_autoptr(GMenuModel) recent_menu = NULL;
  g_autofree char *symbolic = g_strconcat (APP_ID, "-symbolic", NULL);
  GtkDropTarget *drop_target;

  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  adw_status_page_set_icon_name (self->empty_page, symbolic);

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries,
                                   G_N_ELEMENTS (win_entries), self);

  recent_menu = frontline_recent_menu_new (gtk_recent_manager_get_default (), "win.open-recent");
  adw_split_button_set_menu_model (self->open_button, recent_menu);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop_target, "drop",
                           G_CALLBACK (on_drop_target_drop_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  gtk_widget_set_visible (GTK_WIDGET (shumate_simple_map_get_license (self->map)), FALSE);

  self->layers_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->layers_button, G_MENU_MODEL (self->layers_menu));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_base_map), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (update_base_map), NULL);
  g_signal_connect_object (shumate_simple_map_get_viewport (self->map), "notify::zoom-level",
                           G_CALLBACK (update_detail_note), self, G_CONNECT_SWAPPED);

  update_actions (self);
}

FrontlineWindow *
frontline_window_new (FrontlineApplication *application)
{
  return g_object_new (FRONTLINE_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
