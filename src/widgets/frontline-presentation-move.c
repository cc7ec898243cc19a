/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-presentation"

#include "config.h"

#include <math.h>

#include "frontline-presentation-private.h"
#include "frontline-projection.h"
#include "frontline-tour.h"

/* The presentation's animated moves between stops: the stop's view, fitted
 * beside the title card, flown to with frontline_tour_move() on the map's
 * frame clock, and the day and comparison on the way and on arrival. */

/* The band on the left the title card takes, with its margins, in map
 * pixels: at most half the map. */
static double
card_band (FrontlinePresentation *self,
           double                 map_width)
{
  int natural = 0;

  if (!gtk_widget_get_visible (self->card))
    return 0;
  gtk_widget_measure (self->card, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return MIN (natural + gtk_widget_get_margin_start (self->card) + 24, map_width / 2);
}

/* The stop's view in the part of the map the card leaves free: its areas are
 * never under the card. */
static gboolean
stop_view (FrontlinePresentation *self,
           FrontlineStop         *stop,
           FrontlineView         *fitted)
{
  double view[5];
  double bbox[4];
  double width, height, band, x;

  if (self->map == NULL)
    return FALSE;

  width = MAX (gtk_widget_get_width (GTK_WIDGET (self->map)), 640);
  height = MAX (gtk_widget_get_height (GTK_WIDGET (self->map)), 400);
  band = card_band (self, width);

  if (frontline_stop_get_view (stop, view))
    {
      /* The author's view, narrowed to the free part. */
      fitted->center_lon = view[0];
      fitted->center_lat = view[1];
      fitted->zoom = CLAMP (view[2] + log2 ((width - band) / width),
                            FRONTLINE_VIEW_MIN_ZOOM, FRONTLINE_VIEW_MAX_ZOOM);
    }
  else if (frontline_stop_get_bbox (stop, bbox))
    frontline_view_fit_bbox (fitted, bbox, width - band, height);
  else
    return FALSE;

  /* The free part's centre is band / 2 right of the map's. */
  x = frontline_mercator_x (fitted->center_lon, fitted->zoom) - band / 2;
  fitted->center_lon = frontline_mercator_lon (x, fitted->zoom);
  fitted->width = width;
  fitted->height = height;
  return TRUE;
}

/* The map's view now, at the size stop_view() fits for. */
static void
map_view (FrontlinePresentation *self,
          FrontlineView         *view)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);

  view->center_lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  view->center_lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  view->zoom = shumate_viewport_get_zoom_level (viewport);
  view->width = MAX (gtk_widget_get_width (GTK_WIDGET (self->map)), 640);
  view->height = MAX (gtk_widget_get_height (GTK_WIDGET (self->map)), 400);
}

static void
set_map_view (FrontlinePresentation *self,
              const FrontlineView   *view)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);

  shumate_location_set_location (SHUMATE_LOCATION (viewport), view->center_lat, view->center_lon);
  shumate_viewport_set_zoom_level (viewport, view->zoom);
}

static gboolean
animations_enabled (FrontlinePresentation *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled,
                NULL);
  return enabled;
}

static gboolean
move_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  FrontlinePresentation *self = FRONTLINE_PRESENTATION (user_data);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  FrontlineView view;
  FrontlineDay day;
  double t;

  /* The first frame is the move's start, however late it comes. */
  if (self->move_start == 0)
    self->move_start = now;
  t = (now - self->move_start) / (self->move_duration * G_USEC_PER_SEC);
  if (t >= 1)
    {
      self->move_tick = 0;
      frontline_presentation_finish_move (self);
      return G_SOURCE_REMOVE;
    }

  frontline_tour_move (&self->move_from, self->move_from_day, &self->move_to,
                       self->move_to_day, t, &view, &day);
  set_map_view (self, &view);
  if (day != FRONTLINE_DAY_NONE)
    _frontline_presentation_go_to_day (self, day);
  return G_SOURCE_CONTINUE;
}

/**
 * frontline_presentation_finish_move:
 *
 * Ends the move under way at once: the stop's view, day and comparison.
 */
void
frontline_presentation_finish_move (FrontlinePresentation *self)
{
  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));

  if (self->move_duration <= 0)
    return;

  if (self->move_tick != 0 && self->map != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->map), self->move_tick);
  self->move_tick = 0;
  self->move_duration = 0;
  if (self->map != NULL)
    set_map_view (self, &self->move_to);
  _frontline_presentation_go_to_day (self, self->move_to_day);
  _frontline_presentation_compare_since (self, self->move_compare);
  g_object_notify_by_pspec (G_OBJECT (self), _frontline_presentation_properties[PROP_MOVING]);
}

/**
 * frontline_presentation_get_moving:
 *
 * Returns: whether the map is flying to the stop shown
 */
gboolean
frontline_presentation_get_moving (FrontlinePresentation *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTATION (self), FALSE);

  return self->move_duration > 0;
}

/* Shows the stop's view, day and comparison: flown to over @duration seconds
 * from what is on screen (the comparison on arrival), or cut to when there is
 * nothing to fly from, no time to fly or animations are off. */
void
_frontline_presentation_move_to_stop (FrontlinePresentation *self,
                                      FrontlineStop         *stop,
                                      FrontlineDay           day,
                                      FrontlineDay           compare,
                                      double                 duration)
{
  FrontlineView to;
  gboolean has_view = stop_view (self, stop, &to);

  if (!has_view || duration <= 0 || !self->shown || !animations_enabled (self) ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->map)))
    {
      _frontline_presentation_go_to_day (self, day);
      if (has_view)
        set_map_view (self, &to);
      _frontline_presentation_compare_since (self, compare);
      return;
    }

  map_view (self, &self->move_from);
  self->move_to = to;
  /* The same size at both ends, as the flight needs. */
  self->move_from.width = to.width;
  self->move_from.height = to.height;
  self->move_from_day = self->view_state != NULL ?
                        frontline_view_state_get_day (self->view_state) : FRONTLINE_DAY_NONE;
  if (self->move_from_day == FRONTLINE_DAY_NONE)
    self->move_from_day = day;
  self->move_to_day = day;
  self->move_compare = compare;
  self->move_duration = duration;
  self->move_start = 0;
  /* Gains and losses between two stops' dates mean little in flight: the
   * comparison comes on arrival. */
  _frontline_presentation_compare_since (self, FRONTLINE_DAY_NONE);
  self->move_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->map), move_tick_cb, self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), _frontline_presentation_properties[PROP_MOVING]);
}
