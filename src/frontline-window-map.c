/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The window's map: the base map (offline, online tiles or an MBTiles file, as
 * the "basemap" setting says), the credits on it, fitting the view, places and
 * what a click on it says. */

#define G_LOG_DOMAIN "frontline-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "frontline-basemap-choice.h"
#include "frontline-basemap-source.h"
#include "frontline-label-layer.h"
#include "frontline-mbtiles-source.h"
#include "frontline-point-popover.h"
#include "frontline-projection.h"
#include "frontline-tile-source.h"
#include "frontline-window-private.h"

/* The most the map zooms in when it chooses a view itself: the offline
 * basemap has no detail past FRONTLINE_BASEMAP_DETAIL_ZOOM. */
static double
max_fit_zoom (FrontlineWindow *self)
{
  ShumateMapSource *source = shumate_simple_map_get_map_source (self->map);

  if (FRONTLINE_IS_BASEMAP_SOURCE (source))
    return FRONTLINE_BASEMAP_DETAIL_ZOOM;

  return FRONTLINE_VIEW_FIT_MAX_ZOOM;
}

/* The height of the credits box on the map of @width pixels. */
static int
credits_height (FrontlineWindow *self,
                int              width)
{
  int natural = 0;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->attribution)))
    return 0;

  gtk_widget_measure (GTK_WIDGET (self->attribution), GTK_ORIENTATION_VERTICAL, width,
                      NULL, &natural, NULL, NULL);
  return natural;
}

/* Moves the viewport to show (@lon, @lat) at @zoom in the middle of the map
 * above the credits box: the centre goes down by half the box's height. */
static void
set_view_above_credits (FrontlineWindow *self,
                        double           lon,
                        double           lat,
                        double           zoom,
                        int              credits)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  double y = frontline_mercator_y (lat, zoom) + credits / 2.0;

  shumate_location_set_location (SHUMATE_LOCATION (viewport), frontline_mercator_lat (y, zoom), lon);
  shumate_viewport_set_zoom_level (viewport, zoom);
}

void
_frontline_window_fit_view_to_bounds (FrontlineWindow *self,
                                      const double     bbox[4])
{
  /* Before the map has a size, the smallest window's. */
  int width = MAX (gtk_widget_get_width (GTK_WIDGET (self->map)), 640);
  int height = MAX (gtk_widget_get_height (GTK_WIDGET (self->map)), 400);
  int credits = MIN (credits_height (self, width), height / 3);
  FrontlineView view;

  /* Into the map less the credits, at a zoom the base map draws. */
  frontline_view_fit_bbox_full (&view, bbox, width, height - credits, max_fit_zoom (self));
  set_view_above_credits (self, view.center_lon, view.center_lat, view.zoom, credits);
}

/* A view the dataset gives as a centre and a zoom, at a zoom the base map
 * draws, clear of the credits. */
static void
show_center (FrontlineWindow *self,
             double           lon,
             double           lat,
             double           zoom)
{
  int width = MAX (gtk_widget_get_width (GTK_WIDGET (self->map)), 640);
  int height = MAX (gtk_widget_get_height (GTK_WIDGET (self->map)), 400);

  set_view_above_credits (self, lon, lat, MIN (zoom, max_fit_zoom (self)),
                          MIN (credits_height (self, width), height / 3));
}

/* The credits of the map data and of the dataset, always on the map. Our own
 * label rather than ShumateLicense: that one keeps the credits of every
 * source the map ever had, and shows no links. */
void
_frontline_window_update_attribution (FrontlineWindow *self)
{
  ShumateMapSource *source = shumate_simple_map_get_map_source (self->map);
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(GString) plain = g_string_new (NULL);
  const char *license = source ? shumate_map_source_get_license (source) : NULL;
  const char *uri = source ? shumate_map_source_get_license_uri (source) : NULL;

  /* Whatever the source and the dataset say, as text: valid UTF-8,
   * escaped, so the label never refuses the markup and drops the credits. */
  if (license != NULL)
    {
      g_autofree char *valid = g_utf8_make_valid (license, -1);
      g_autofree char *escaped = g_markup_escape_text (valid, -1);
      g_autofree char *valid_uri = uri ? g_utf8_make_valid (uri, -1) : NULL;
      g_autofree char *escaped_uri = valid_uri ? g_markup_escape_text (valid_uri, -1) : NULL;

      if (escaped_uri != NULL)
        g_string_append_printf (markup, "<a href=\"%s\">%s</a>", escaped_uri, escaped);
      else
        g_string_append (markup, escaped);
      g_string_append (plain, valid);
    }

  if (self->dataset != NULL && frontline_dataset_get_attribution (self->dataset) != NULL)
    {
      g_autofree char *valid = g_utf8_make_valid (frontline_dataset_get_attribution (self->dataset), -1);
      g_autofree char *escaped = g_markup_escape_text (valid, -1);

      if (markup->len > 0)
        g_string_append_c (markup, '\n');
      if (plain->len > 0)
        g_string_append_c (plain, '\n');
      /* Translators: the credit line of a dataset on the map */
      g_string_append_printf (markup, _("Data: %s"), escaped);
      g_string_append_printf (plain, _("Data: %s"), valid);
    }

  /* Control characters come out as character references that markup
   * refuses: then the credits go in as plain text, without the link. */
  if (pango_parse_markup (markup->str, -1, 0, NULL, NULL, NULL, NULL))
    gtk_label_set_markup (self->attribution, markup->str);
  else
    gtk_label_set_text (self->attribution, plain->str);
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
  _frontline_window_update_attribution (self);
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
  g_autofree char *argument = NULL;
  g_autoptr(ShumateMapSource) map_source = NULL;
  FrontlineBasemapKind kind;

  if (!frontline_basemap_choice_parse (choice, &kind, &argument, error))
    return FALSE;

  if (kind == FRONTLINE_BASEMAP_MBTILES)
    {
      g_autoptr(FrontlineMbtilesSource) mbtiles = NULL;
      double bounds[4];

      mbtiles = frontline_mbtiles_source_new (argument, error);
      if (mbtiles == NULL)
        return FALSE;

      map_source = frontline_mbtiles_source_new_map_source (mbtiles);
      set_tile_source (self, SHUMATE_DATA_SOURCE (mbtiles));
      shumate_simple_map_set_map_source (self->map, map_source);

      if (fit && frontline_mbtiles_source_get_bounds (mbtiles, &bounds[0], &bounds[1], &bounds[2], &bounds[3]))
        _frontline_window_fit_view_to_bounds (self, bounds);
    }
  else if (kind == FRONTLINE_BASEMAP_CUSTOM)
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
          if (g_str_equal (url, argument))
            {
              found = attribution;
              break;
            }
        }

      tiles = frontline_tile_source_new_custom (argument, found ? found : "", error);
      if (tiles == NULL)
        return FALSE;

      map_source = frontline_tile_source_new_map_source (tiles);
      set_tile_source (self, SHUMATE_DATA_SOURCE (tiles));
      shumate_simple_map_set_map_source (self->map, map_source);
    }
  else if (kind == FRONTLINE_BASEMAP_BUILTIN)
    {
      g_autoptr(FrontlineTileSource) tiles = frontline_tile_source_new_builtin (argument);

      if (tiles == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("There is no map source “%s”"), argument);
          return FALSE;
        }

      map_source = frontline_tile_source_new_map_source (tiles);
      set_tile_source (self, SHUMATE_DATA_SOURCE (tiles));
      shumate_simple_map_set_map_source (self->map, map_source);
    }
  else
    use_offline_basemap (self);

  update_detail_note (self);
  _frontline_window_update_attribution (self);
  return TRUE;
}

static void
update_base_map (FrontlineWindow *self)
{
  g_autofree char *choice = g_settings_get_string (self->settings, "basemap");
  FrontlineBasemapKind kind;

  /* Only the offline basemap follows the style and the scale factor. */
  if (frontline_basemap_choice_parse (choice, &kind, NULL, NULL) && kind == FRONTLINE_BASEMAP_OFFLINE)
    use_offline_basemap (self);
}

static void
on_settings_basemap_changed_cb (FrontlineWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_object_notify (G_OBJECT (self), "basemap");

  if (!apply_basemap (self, gtk_widget_get_mapped (GTK_WIDGET (self)), &error))
    {
      _frontline_window_show_error (self, _("Could Not Use the Map Source"), error->message);
      /* Back to what always works. */
      g_settings_set_string (self->settings, "basemap", "offline");
    }
}

/* The view of a dataset: its first stop's when @stop, else its default
 * view, else its extent. */
void
_frontline_window_fit_view_to_dataset (FrontlineWindow *self,
                                       FrontlineStop   *stop)
{
  double bbox[4];
  double view[5];

  if (stop != NULL && frontline_stop_get_view (stop, view))
    show_center (self, view[0], view[1], view[2]);
  else if (stop != NULL && frontline_stop_get_bbox (stop, bbox))
    _frontline_window_fit_view_to_bounds (self, bbox);
  else if (frontline_dataset_get_default_view (self->dataset, view))
    show_center (self, view[0], view[1], view[2]);
  else if (frontline_dataset_get_bbox (self->dataset, bbox))
    _frontline_window_fit_view_to_bounds (self, bbox);
}

/* Clicking the map: who holds this point on this date, and on whose word. */
static void
on_map_click_released_cb (FrontlineWindow *self,
                          int              n_press,
                          double           x,
                          double           y,
                          GtkGestureClick *gesture)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };
  FrontlineComparison *comparison;
  double lat;
  double lon;

  if (self->dataset == NULL || n_press != 1)
    return;

  /* Presenting, a click goes on to the next stop, as a clicker would. */
  if (frontline_presentation_get_active (self->presentation))
    {
      frontline_presentation_show_stop (self->presentation,
                                        frontline_presentation_get_stop (self->presentation) + 1);
      return;
    }

  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), x, y, &lat, &lon);
  /* Comparing, a click in ground gained or lost says what changed hands. */
  comparison = frontline_view_state_get_comparison (frontline_window_get_state (self));
  if (comparison == NULL ||
      !frontline_point_popover_describe_change (self->point_popover, self->dataset, comparison,
                                                lon, lat))
    frontline_point_popover_describe (self->point_popover, self->dataset,
                                      frontline_window_get_day (self), lon, lat);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->point_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->point_popover));
}

/* Show Evidence: the area's sources and quotes in the side panel, shown. */
static void
on_show_evidence_cb (FrontlineWindow *self,
                     FrontlineArea   *area,
                     const char      *context)
{
  frontline_side_panel_show_evidence (self->panel, area, context);
  g_object_set (self, "sidebar-visible", TRUE, NULL);
}

/**
 * frontline_window_describe_point:
 *
 * Returns: (transfer full): what the click popover says at (@x, @y) of the map
 */
char *
frontline_window_describe_point (FrontlineWindow *self,
                                 double           x,
                                 double           y)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), NULL);

  on_map_click_released_cb (self, 1, x, y, NULL);
  return g_strdup (frontline_point_popover_get_text (self->point_popover));
}

/* Places: search, fly and mark */

/**
 * frontline_window_show_place:
 *
 * Flies the map to a place and marks it.
 */
void
frontline_window_show_place (FrontlineWindow *self,
                             double           lon,
                             double           lat)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  double zoom = MAX (shumate_viewport_get_zoom_level (viewport), 10.0);

  shumate_location_set_location (SHUMATE_LOCATION (self->marker), lat, lon);
  gtk_widget_set_visible (GTK_WIDGET (self->marker), TRUE);

  /* go_to animates on the frame clock: only when the map is on screen. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->map)))
    shumate_map_go_to_full (shumate_simple_map_get_map (self->map), lat, lon, zoom);
  else
    {
      shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
      shumate_viewport_set_zoom_level (viewport, zoom);
    }
}

/* A base layer first: ShumateSimpleMap puts a new base layer behind the old
 * one, or on top of everything when there was none. */
void
_frontline_window_map_init (FrontlineWindow *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_visible (GTK_WIDGET (shumate_simple_map_get_license (self->map)), FALSE);
  /* While the dataset loads, the basemap is read: its tiles come with the
   * areas. */
  frontline_basemap_source_preload ();
  use_offline_basemap (self);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_base_map), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (update_base_map), NULL);
  g_signal_connect_object (shumate_simple_map_get_viewport (self->map), "notify::zoom-level",
                           G_CALLBACK (update_detail_note), self, G_CONNECT_SWAPPED);

  /* A click says who holds the point. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (on_map_click_released_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));

  self->point_popover = frontline_point_popover_new ();
  gtk_widget_set_parent (GTK_WIDGET (self->point_popover), GTK_WIDGET (self->map));
  g_signal_connect_object (self->point_popover, "show-evidence", G_CALLBACK (on_show_evidence_cb),
                           self, G_CONNECT_SWAPPED);
}

/* Once the settings are there: the base map they choose. The place names
 * of the offline basemap go over the control layer, which the window has
 * added by now; the legend follows the date and the comparison. */
void
_frontline_window_map_constructed (FrontlineWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);

  /* Right above the areas, under the place marker. */
  self->label_layer = SHUMATE_LAYER (frontline_label_layer_new (viewport));
  shumate_map_insert_layer_above (shumate_simple_map_get_map (self->map), self->label_layer,
                                  SHUMATE_LAYER (self->control_layer));

  /* Map Layers: the areas and the names can be hidden (win.show-areas,
   * win.show-labels), the areas made see-through; the settings remember. */
  {
    const char * const keys[] = { "show-areas", "show-labels" };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        g_autoptr(GAction) action = g_settings_create_action (self->settings, keys[i]);

        g_action_map_add_action (G_ACTION_MAP (self), action);
      }
  }
  g_settings_bind (self->settings, "show-areas", self->control_layer, "visible", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "areas-opacity", self->control_layer, "opacity", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "show-labels", self->label_layer, "visible", G_SETTINGS_BIND_GET);
  g_object_bind_property (self, "day", self->legend, "day", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "comparing", self->legend, "comparing", G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self->settings, "changed::basemap",
                           G_CALLBACK (on_settings_basemap_changed_cb), self, G_CONNECT_SWAPPED);
  on_settings_basemap_changed_cb (self);
}
