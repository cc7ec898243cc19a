/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The window's map: the base map (offline, online tiles or an MBTiles file, as
 * the "basemap" setting says), the credits on it, fitting the view, places and
 * what a click on it says. */

#define G_LOG_DOMAIN "frontline-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "frontline-area.h"
#include "frontline-basemap-choice.h"
#include "frontline-basemap-source.h"
#include "frontline-geometry.h"
#include "frontline-label-layer.h"
#include "frontline-mbtiles-source.h"
#include "frontline-point-popover.h"
#include "frontline-accessible.h"
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
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (self->attribution));
  int natural = 0;

  if (!gtk_widget_get_visible (box))
    return 0;

  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
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

/* The map's size once the side panel has finished sliding in or out: the
 * flap slides over a quarter second, the map keeps its centre meanwhile, so
 * a view chosen as the panel opens is fitted to the map that will be. A map
 * not yet shown (the window showed its empty page) will have the page's
 * size less the date bar and the panel; in a window not yet laid out, the
 * window's size less the header bar too. */
static void
get_map_size (FrontlineWindow *self,
              int             *width,
              int             *height)
{
  GtkWidget *panel = adw_flap_get_flap (self->flap);
  gboolean beside = panel != NULL && !adw_flap_get_folded (self->flap);
  int panel_width = 0;

  if (beside)
    gtk_widget_measure (panel, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &panel_width, NULL, NULL);

  *width = gtk_widget_get_width (GTK_WIDGET (self->map));
  *height = gtk_widget_get_height (GTK_WIDGET (self->map));
  if (*width <= 0 || *height <= 0)
    {
      int bar = 0;

      gtk_widget_measure (GTK_WIDGET (self->date_bar), GTK_ORIENTATION_VERTICAL, -1,
                          NULL, &bar, NULL, NULL);
      *width = gtk_widget_get_width (GTK_WIDGET (self->main_stack));
      *height = gtk_widget_get_height (GTK_WIDGET (self->main_stack)) - bar;
      /* A window not yet laid out: its size less the header bar. */
      if (*width <= 0 || *height <= 0)
        {
          int header = 0;

          gtk_widget_measure (self->header_bar, GTK_ORIENTATION_VERTICAL, -1,
                              NULL, &header, NULL, NULL);
          gtk_window_get_default_size (GTK_WINDOW (self), width, height);
          *height -= header + bar;
        }
      if (beside && adw_flap_get_reveal_flap (self->flap))
        *width -= panel_width;
    }
  else if (beside)
    {
      double progress = adw_flap_get_reveal_progress (self->flap);

      if (adw_flap_get_reveal_flap (self->flap))
        *width -= (int) round ((1.0 - progress) * panel_width);
      else
        *width += (int) round (progress * panel_width);
    }
  /* Before the window has a size, the smallest window's map. */
  *width = MAX (*width, 640);
  *height = MAX (*height, 400);
}

void
_frontline_window_fit_view_to_bounds (FrontlineWindow *self,
                                      const double     bbox[4])
{
  int width;
  int height;
  int credits;
  FrontlineView view;

  get_map_size (self, &width, &height);
  credits = MIN (credits_height (self, width), height / 3);
  /* Into the map less the credits, at a zoom the base map draws. */
  frontline_view_fit_bbox_full (&view, bbox, width, height - credits, max_fit_zoom (self));
  set_view_above_credits (self, view.center_lon, view.center_lat, view.zoom, credits);
}

/* The most a stop's centre and zoom give way so that its areas are clear of
 * the credits and the map's edges: a zoom and a half. */
#define STOP_MAX_ZOOM_OUT 1.5
/* The room left between a stop's areas and the map's edges, in pixels. */
#define STOP_AREA_MARGIN 12.0

/* Adds to @bbox the box of each area shown on @day that reaches into the
 * box @view; returns whether there was one. */
static gboolean
add_areas_in_view (FrontlineDataset *dataset,
                   FrontlineDay      day,
                   const double      view[4],
                   double            bbox[4],
                   gboolean          found)
{
  g_autoptr(GPtrArray) areas = NULL;

  if (day == FRONTLINE_DAY_NONE)
    return found;

  areas = frontline_dataset_get_state_at (dataset, day);
  for (guint i = 0; i < areas->len; i++)
    {
      FrontlineGeometry *geometry = frontline_area_get_geometry (g_ptr_array_index (areas, i));
      const double *b;

      if (geometry == NULL || frontline_geometry_is_empty (geometry))
        continue;
      b = geometry->bbox;
      if (b[2] < view[0] || b[0] > view[2] || b[3] < view[1] || b[1] > view[3])
        continue;
      if (!found)
        memcpy (bbox, b, 4 * sizeof (double));
      bbox[0] = MIN (bbox[0], b[0]);
      bbox[1] = MIN (bbox[1], b[1]);
      bbox[2] = MAX (bbox[2], b[2]);
      bbox[3] = MAX (bbox[3], b[3]);
      found = TRUE;
    }

  return found;
}

/* A view the dataset gives as a centre and a zoom, at a zoom the base map
 * draws, in the map above the credits. For a stop, the areas it shows
 * (those of its day and of the day it compares with that reach into the
 * view) must be clear of the credits and of the map's edges, so the map
 * moves the least it must, and zooms out a little if they do not fit. */
static void
show_center (FrontlineWindow *self,
             FrontlineStop   *stop,
             double           lon,
             double           lat,
             double           zoom)
{
  int width;
  int height;
  int credits;
  double clear;
  double view_box[4];
  double areas[4];
  FrontlineView view;

  get_map_size (self, &width, &height);
  credits = MIN (credits_height (self, width), height / 3);
  clear = height - credits;
  zoom = MIN (zoom, max_fit_zoom (self));

  view = (FrontlineView) { .center_lon = lon, .center_lat = lat, .zoom = zoom,
                           .width = width, .height = clear };
  frontline_view_get_bbox (&view, view_box);
  if (stop != NULL && self->dataset != NULL &&
      add_areas_in_view (self->dataset, frontline_stop_get_compare_day (stop), view_box, areas,
                         add_areas_in_view (self->dataset, frontline_stop_get_day (stop),
                                            view_box, areas, FALSE)))
    {
      double x0 = frontline_mercator_x (areas[0], zoom);
      double x1 = frontline_mercator_x (areas[2], zoom);
      double y0 = frontline_mercator_y (areas[3], zoom);
      double y1 = frontline_mercator_y (areas[1], zoom);
      double scale = MAX ((x1 - x0) / MAX (width - 2 * STOP_AREA_MARGIN, 1.0),
                          (y1 - y0) / MAX (clear - 2 * STOP_AREA_MARGIN, 1.0));
      double cx;
      double cy;

      /* Too large at this zoom: out until they fit, but not far. */
      if (scale > 1.0)
        {
          double out = MIN (log2 (scale), STOP_MAX_ZOOM_OUT);

          zoom -= out;
          x0 /= exp2 (out);
          x1 /= exp2 (out);
          y0 /= exp2 (out);
          y1 /= exp2 (out);
        }
      x0 -= STOP_AREA_MARGIN;
      x1 += STOP_AREA_MARGIN;
      y0 -= STOP_AREA_MARGIN;
      y1 += STOP_AREA_MARGIN;
      cx = frontline_mercator_x (lon, zoom);
      cy = frontline_mercator_y (lat, zoom);

      /* The least move that brings them in; still too large (a zoom and a
       * half out was not enough), centred on them. */
      if (x1 - x0 > width)
        cx = (x0 + x1) / 2.0;
      else
        cx += MAX (0.0, x1 - (cx + width / 2.0)) - MAX (0.0, (cx - width / 2.0) - x0);
      if (y1 - y0 > clear)
        cy = (y0 + y1) / 2.0;
      else
        cy += MAX (0.0, y1 - (cy + clear / 2.0)) - MAX (0.0, (cy - clear / 2.0) - y0);
      lon = frontline_mercator_lon (cx, zoom);
      lat = frontline_mercator_lat (cy, zoom);
    }

  set_view_above_credits (self, lon, lat, zoom, credits);
}

/* The credits of the map data and of the dataset, always on the map. Our own
 * label rather than ShumateLicense: that one keeps the credits of every
 * source the map ever had, and shows no links. On the map, one line each, cut
 * to the map's width; the whole text in the tooltip and in the credits
 * button's popover. */
void
_frontline_window_update_attribution (FrontlineWindow *self)
{
  ShumateMapSource *source = shumate_simple_map_get_map_source (self->map);
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(GString) plain = g_string_new (NULL);
  GtkWidget *button;
  GtkLabel *full;
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
  /* The credits button follows the label; its popover holds the whole text. */
  button = gtk_widget_get_next_sibling (GTK_WIDGET (self->attribution));
  full = GTK_LABEL (gtk_popover_get_child (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))));
  if (pango_parse_markup (markup->str, -1, 0, NULL, NULL, NULL, NULL))
    {
      gtk_label_set_markup (self->attribution, markup->str);
      gtk_label_set_markup (full, markup->str);
    }
  else
    {
      gtk_label_set_text (self->attribution, plain->str);
      gtk_label_set_text (full, plain->str);
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->attribution), plain->str);
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

static void
fit_view_to_dataset (FrontlineWindow *self,
                     FrontlineStop   *stop)
{
  double bbox[4];
  double view[5];

  if (stop != NULL && frontline_stop_get_view (stop, view))
    show_center (self, stop, view[0], view[1], view[2]);
  else if (stop != NULL && frontline_stop_get_bbox (stop, bbox))
    _frontline_window_fit_view_to_bounds (self, bbox);
  else if (frontline_dataset_get_default_view (self->dataset, view))
    show_center (self, NULL, view[0], view[1], view[2]);
  else if (frontline_dataset_get_bbox (self->dataset, bbox))
    _frontline_window_fit_view_to_bounds (self, bbox);
}

/* A first view waiting for the map's final size. */
typedef struct
{
  FrontlineWindow  *self;
  FrontlineDataset *dataset;
  FrontlineStop    *stop;
  guint             settled;  /* frames the map's size has been final */
} FirstView;


static void
first_view_free (gpointer data)
{
  FirstView *first = data;

  g_clear_object (&first->dataset);
  g_clear_object (&first->stop);
  g_free (first);
}

/* Fits the first view again once the map has its size: laid out, the side
 * panel done sliding, and one frame more for the map's allocation to follow
 * it. Until then the view was fitted to the size the map was going to have. */
static gboolean
first_view_tick_cb (GtkWidget     *map,
                    GdkFrameClock *clock,
                    gpointer       data)
{
  FirstView *first = data;
  FrontlineWindow *self = first->self;
  double progress = adw_flap_get_reveal_progress (self->flap);
  gboolean sliding = !adw_flap_get_folded (self->flap) &&
                     progress != (adw_flap_get_reveal_flap (self->flap) ? 1.0 : 0.0);

  if (self->dataset != first->dataset)
    {
      self->first_view_tick = 0;
      return G_SOURCE_REMOVE;
    }
  if (gtk_widget_get_width (map) <= 0 || sliding)
    {
      first->settled = 0;
      return G_SOURCE_CONTINUE;
    }
  if (++first->settled < 2)
    return G_SOURCE_CONTINUE;

  fit_view_to_dataset (self, first->stop);
  self->first_view_tick = 0;
  return G_SOURCE_REMOVE;
}

/* The view of a dataset: its first stop's when @stop, else its default
 * view, else its extent; fitted now to the size the map will have, and
 * again when it has it. */
void
_frontline_window_fit_view_to_dataset (FrontlineWindow *self,
                                       FrontlineStop   *stop)
{
  FirstView *first = g_new0 (FirstView, 1);

  fit_view_to_dataset (self, stop);

  /* A dataset opened since replaces the view waiting. */
  if (self->first_view_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->map), self->first_view_tick);

  first->self = self;
  first->dataset = g_object_ref (self->dataset);
  first->stop = stop ? g_object_ref (stop) : NULL;
  self->first_view_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->map), first_view_tick_cb,
                                                        first, first_view_free);
}

/* What a screen reader says of the map beyond its name: the date it shows
 * and, while the point popover is open, what it says of the point chosen
 * (by a click, or Enter at the map's centre). */
void
_frontline_window_update_map_description (FrontlineWindow *self)
{
  g_autoptr(GString) text = NULL;
  g_autofree char *date = NULL;
  FrontlineDay day = frontline_view_state_get_day (self->state);

  if (self->dataset == NULL || day == FRONTLINE_DAY_NONE)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->map), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  date = frontline_day_format_as (day, FRONTLINE_DAY_FORMAT_LONG);
  /* Translators: the map's description for screen readers: its dataset and date */
  text = g_string_new (NULL);
  g_string_printf (text, _("%s on %s"), frontline_dataset_get_title (self->dataset), date);
  if (gtk_widget_get_visible (GTK_WIDGET (self->point_popover)))
    {
      const char *selected = frontline_point_popover_get_text (self->point_popover);

      if (selected != NULL && selected[0] != '\0')
        {
          g_auto(GStrv) lines = g_strsplit (selected, "\n", -1);

          /* Translators: the map's description, then what the point popover
           * says, its lines as sentences */
          g_string_append (text, _(". Selected: "));
          for (guint i = 0, n = 0; lines[i] != NULL; i++)
            {
              const char *line = g_strstrip (lines[i]);

              if (line[0] == '\0')
                continue;
              if (n++ > 0)
                g_string_append (text, strchr (".:;!?", text->str[text->len - 1]) ? " " : ". ");
              g_string_append (text, line);
            }
        }
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->map), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text->str, -1);
}

static void
on_map_click_pressed_cb (FrontlineWindow *self,
                         int              n_press,
                         double           x,
                         double           y,
                         GtkGestureClick *gesture)
{
  self->press_x = x;
  self->press_y = y;
}

/* Whether the pointer moved from where the click began as far as a drag
 * starts: GtkGestureClick still emits "released" after a drag of the map
 * (it only says "stopped" in between). */
static gboolean
click_was_drag (FrontlineWindow *self,
                double           x,
                double           y)
{
  int threshold = 8;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self->map)),
                "gtk-dnd-drag-threshold", &threshold, NULL);

  return hypot (x - self->press_x, y - self->press_y) >= threshold;
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

  if (self->dataset == NULL || n_press != 1 ||
      (gesture != NULL && click_was_drag (self, x, y)))
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
  _frontline_window_update_map_description (self);
}

/* Enter on the focused map: who holds the point at its centre, as a click
 * there would say. */
static gboolean
describe_center_cb (GtkWidget *map,
                    GVariant  *args,
                    gpointer   user_data)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (user_data);

  if (self->dataset == NULL || frontline_presentation_get_active (self->presentation))
    return FALSE;

  on_map_click_released_cb (self, 1, gtk_widget_get_width (map) / 2.0, gtk_widget_get_height (map) / 2.0,
                            NULL);
  return TRUE;
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

/* The basemap is read in a worker as the window opens, so that its tiles
 * come with the areas of a short load. Beside a long one (a big file, on
 * a machine with few cores) it would only slow the loader's workers down,
 * and the map is not shown before the load ends anyway: then it is read at
 * the load's end. */
void
_frontline_window_preload_basemap (FrontlineWindow *self)
{
  if (self->loading_file == NULL || !self->load_is_long)
    frontline_basemap_source_preload ();
}

/* Drawing on a stop: the annotation layer shows the stop presented while
 * presenting, else the stop drawn on; the annotation bar over the map draws
 * on it (win.annotate, win.annotate-stop, a stop's Draw button). */

static FrontlineStop *
presented_stop (FrontlineWindow *self)
{
  GListModel *stops;
  int index;

  if (self->dataset == NULL || !frontline_presentation_get_active (self->presentation))
    return NULL;

  stops = frontline_dataset_get_stops (self->dataset);
  index = frontline_presentation_get_stop (self->presentation);
  if (index < 0 || (guint) index >= g_list_model_get_n_items (stops))
    return NULL;

  /* The list holds it: borrowed. */
  {
    g_autoptr(FrontlineStop) stop = g_list_model_get_item (stops, (guint) index);

    return stop;
  }
}

static void
update_annotation_stop (FrontlineWindow *self)
{
  FrontlineStop *stop;

  if (self->annotation_bar == NULL)
    return;

  if (frontline_presentation_get_active (self->presentation))
    stop = presented_stop (self);
  else
    stop = frontline_annotation_bar_get_stop (self->annotation_bar);

  frontline_annotation_layer_set_stop (self->annotation_layer, stop);
}

gboolean
_frontline_window_can_annotate (FrontlineWindow *self)
{
  return self->dataset != NULL && frontline_dataset_get_archive (self->dataset) == NULL &&
         g_list_model_get_n_items (frontline_dataset_get_stops (self->dataset)) > 0 &&
         !frontline_presentation_get_active (self->presentation);
}

/**
 * _frontline_window_get_current_stop:
 *
 * The stop win.annotate draws on: the one drawn on, else the stop of the
 * window's day nearest the map's centre, else the stop nearest that day.
 *
 * Returns: (transfer none) (nullable): the stop
 */
FrontlineStop *
_frontline_window_get_current_stop (FrontlineWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  double lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  FrontlineDay day = frontline_window_get_day (self);
  FrontlineStop *best = NULL;
  double best_score = G_MAXDOUBLE;
  GListModel *stops;

  if (self->annotation_bar != NULL && frontline_annotation_bar_get_stop (self->annotation_bar) != NULL)
    return frontline_annotation_bar_get_stop (self->annotation_bar);
  if (self->dataset == NULL)
    return NULL;

  stops = frontline_dataset_get_stops (self->dataset);
  for (guint i = 0; i < g_list_model_get_n_items (stops); i++)
    {
      g_autoptr(FrontlineStop) stop = g_list_model_get_item (stops, i);
      double view[5];
      /* Days first; between stops of one day, degrees from the centre. */
      double score = fabs ((double) frontline_stop_get_day (stop) - (double) day) * 1000.0;

      if (frontline_stop_get_view (stop, view))
        score += MIN (hypot (view[0] - lon, view[1] - lat), 999.0);
      if (score < best_score)
        {
          best_score = score;
          best = stop;
        }
    }

  return best;
}

/* Stops added, moved or deleted: Draw on Stop is enabled with stops; a stop
 * deleted while drawn on ends drawing. */
static void
on_annotate_stops_changed_cb (FrontlineWindow *self)
{
  FrontlineDataset *dataset;
  FrontlineStop *stop;

  if (self->annotation_bar == NULL)
    return;

  stop = frontline_annotation_bar_get_stop (self->annotation_bar);
  dataset = frontline_view_state_get_dataset (self->state);
  if (stop != NULL && (dataset == NULL || !frontline_dataset_get_stop_position (dataset, stop, NULL)))
    _frontline_window_end_annotating (self);
  update_annotation_stop (self);
  _frontline_window_actions_update (self);
}

static void
on_annotate_dataset_changed_cb (FrontlineWindow *self)
{
  FrontlineDataset *dataset = frontline_view_state_get_dataset (self->state);
  GListModel *stops = dataset != NULL ? frontline_dataset_get_stops (dataset) : NULL;

  if (self->annotate_stops == stops)
    return;

  if (self->annotate_stops != NULL)
    g_signal_handlers_disconnect_by_func (self->annotate_stops, on_annotate_stops_changed_cb, self);
  g_set_object (&self->annotate_stops, stops);
  if (stops != NULL)
    g_signal_connect_object (stops, "items-changed", G_CALLBACK (on_annotate_stops_changed_cb), self,
                             G_CONNECT_SWAPPED);
  _frontline_window_end_annotating (self);
  update_annotation_stop (self);
}

static void
on_presentation_changed_cb (FrontlineWindow *self)
{
  /* Presenting ends drawing: the audience sees the stop as it was drawn. */
  if (frontline_presentation_get_active (self->presentation))
    _frontline_window_end_annotating (self);
  update_annotation_stop (self);
  _frontline_window_actions_update (self);
}

/**
 * _frontline_window_annotate_stop:
 * @stop: a stop of the window's dataset
 *
 * Goes to @stop (its day and view) and shows the annotation bar to draw on
 * it, with the Arrow tool on.
 */
void
_frontline_window_annotate_stop (FrontlineWindow *self,
                                 FrontlineStop   *stop)
{
  g_return_if_fail (FRONTLINE_IS_STOP (stop));

  if (!_frontline_window_can_annotate (self))
    return;

  _frontline_window_stop_playing (self);
  if (frontline_annotation_bar_get_stop (self->annotation_bar) != stop)
    {
      frontline_window_set_day (self, frontline_stop_get_day (stop));
      fit_view_to_dataset (self, stop);
    }
  frontline_annotation_bar_set_stop (self->annotation_bar, stop);
  if (frontline_annotation_bar_get_tool (self->annotation_bar) == FRONTLINE_ANNOTATION_TOOL_NONE)
    frontline_annotation_bar_set_tool (self->annotation_bar, FRONTLINE_ANNOTATION_TOOL_ARROW);
  gtk_widget_set_visible (GTK_WIDGET (self->annotation_bar), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->annotation_bar));
  update_annotation_stop (self);
}

void
_frontline_window_end_annotating (FrontlineWindow *self)
{
  if (self->annotation_bar == NULL)
    return;

  frontline_annotation_bar_cancel (self->annotation_bar);
  frontline_annotation_bar_set_tool (self->annotation_bar, FRONTLINE_ANNOTATION_TOOL_NONE);
  frontline_annotation_bar_set_stop (self->annotation_bar, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->annotation_bar), FALSE);
  update_annotation_stop (self);
}

static void
on_annotation_bar_done_cb (FrontlineWindow *self)
{
  gboolean had_focus = gtk_widget_get_focus_child (GTK_WIDGET (self->annotation_bar)) != NULL;

  _frontline_window_end_annotating (self);
  /* The focus goes back to the map rather than nowhere. */
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->map));
}

/**
 * frontline_window_get_annotation_bar:
 *
 * Returns: (transfer none): the bar that draws on a stop
 */
FrontlineAnnotationBar *
frontline_window_get_annotation_bar (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), NULL);

  return self->annotation_bar;
}

/**
 * frontline_window_get_annotation_layer:
 *
 * Returns: (transfer none): the layer that shows a stop's drawings
 */
FrontlineAnnotationLayer *
frontline_window_get_annotation_layer (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), NULL);

  return self->annotation_layer;
}

/* Before the map goes: the bar's popover is the map's child. */
void
_frontline_window_annotate_dispose (FrontlineWindow *self)
{
  if (self->annotate_stops != NULL)
    g_signal_handlers_disconnect_by_func (self->annotate_stops, on_annotate_stops_changed_cb, self);
  g_clear_object (&self->annotate_stops);
  if (self->annotation_bar != NULL)
    {
      gtk_overlay_remove_overlay (GTK_OVERLAY (gtk_widget_get_parent (GTK_WIDGET (self->annotation_bar))),
                                  GTK_WIDGET (self->annotation_bar));
      self->annotation_bar = NULL;
    }
}

static void
annotate_init (FrontlineWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  GtkWidget *overlay = gtk_widget_get_parent (GTK_WIDGET (self->map));

  /* Over the areas and the place names, as the exporter draws them. */
  self->annotation_layer = frontline_annotation_layer_new (viewport);
  shumate_map_insert_layer_above (shumate_simple_map_get_map (self->map),
                                  SHUMATE_LAYER (self->annotation_layer), self->label_layer);

  self->annotation_bar = frontline_annotation_bar_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->annotation_bar), FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (self->annotation_bar));
  frontline_annotation_bar_attach (self->annotation_bar, GTK_WIDGET (self->map), self->annotation_layer);
  g_signal_connect_object (self->annotation_bar, "done", G_CALLBACK (on_annotation_bar_done_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->presentation, "notify::active",
                           G_CALLBACK (on_presentation_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->presentation, "notify::stop",
                           G_CALLBACK (on_presentation_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::dataset",
                           G_CALLBACK (on_annotate_dataset_changed_cb), self, G_CONNECT_SWAPPED);
  on_annotate_dataset_changed_cb (self);
}

/* A base layer first: ShumateSimpleMap puts a new base layer behind the old
 * one, or on top of everything when there was none. */
void
_frontline_window_map_init (FrontlineWindow *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys;

  gtk_widget_set_visible (GTK_WIDGET (shumate_simple_map_get_license (self->map)), FALSE);
  /* libshumate's zoom buttons show icons: named "Zoom In" and "Zoom Out". */
  frontline_accessible_name_icon_buttons (GTK_WIDGET (self->map));
  /* The basemap is read when the window maps (after what it was asked to
   * open has started), beside a short load, after a long one
   * (_frontline_window_preload_basemap). */
  use_offline_basemap (self);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_base_map), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (update_base_map), NULL);
  g_signal_connect_object (shumate_simple_map_get_viewport (self->map), "notify::zoom-level",
                           G_CALLBACK (update_detail_note), self, G_CONNECT_SWAPPED);

  /* A click says who holds the point. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_map_click_pressed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "released", G_CALLBACK (on_map_click_released_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));

  /* The keyboard's click: Tab to the map, Enter. Named, so that
   * test-shortcuts finds it on a widget that is not Frontline's. */
  gtk_widget_set_focusable (GTK_WIDGET (self->map), TRUE);
  keys = gtk_shortcut_controller_new ();
  gtk_event_controller_set_name (keys, "frontline-keys");
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, 0),
                      gtk_callback_action_new (describe_center_cb, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->map), keys);

  self->point_popover = frontline_point_popover_new ();
  frontline_point_popover_set_view_state (self->point_popover, self->state);
  gtk_widget_set_parent (GTK_WIDGET (self->point_popover), GTK_WIDGET (self->map));
  g_signal_connect_object (self->point_popover, "show-evidence", G_CALLBACK (on_show_evidence_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->point_popover, "closed",
                           G_CALLBACK (_frontline_window_update_map_description), self,
                           G_CONNECT_SWAPPED);
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
  annotate_init (self);

  g_settings_bind (self->settings, "show-areas", self->control_layer, "visible", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "areas-opacity", self->control_layer, "opacity", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "show-labels", self->label_layer, "visible", G_SETTINGS_BIND_GET);
  g_object_bind_property (self, "day", self->legend, "day", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "comparing", self->legend, "comparing", G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self->settings, "changed::basemap",
                           G_CALLBACK (on_settings_basemap_changed_cb), self, G_CONNECT_SWAPPED);
  on_settings_basemap_changed_cb (self);
}
