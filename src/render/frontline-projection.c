/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-projection"

#include "config.h"

#include <math.h>

#include "frontline-projection.h"

static FrontlineView *
view_copy (const FrontlineView *view)
{
  return g_memdup2 (view, sizeof *view);
}

G_DEFINE_BOXED_TYPE (FrontlineView, frontline_view, view_copy, g_free)

/* Web Mercator and FrontlineView: how the screen, the basemap, the painter
 * and the exporter turn degrees into pixels, in one place. */

/* Projection */

double
frontline_mercator_x (double lon,
                      double zoom)
{
  return (lon + 180.0) / 360.0 * 256.0 * exp2 (zoom);
}

double
frontline_mercator_y (double lat,
                      double zoom)
{
  double phi = CLAMP (lat, -85.0511287798, 85.0511287798) * G_PI / 180.0;

  return (1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0 * 256.0 * exp2 (zoom);
}

double
frontline_mercator_lon (double x,
                        double zoom)
{
  return x / (256.0 * exp2 (zoom)) * 360.0 - 180.0;
}

double
frontline_mercator_lat (double y,
                        double zoom)
{
  double n = G_PI - 2.0 * G_PI * y / (256.0 * exp2 (zoom));

  return 180.0 / G_PI * atan (0.5 * (exp (n) - exp (-n)));
}

/* Views */

/**
 * frontline_view_location_is_valid:
 * @lon: a centre's longitude, in degrees
 * @lat: its latitude
 * @zoom: a zoom
 *
 * Whether a centre and zoom, from a file, the settings or the command line,
 * describe a picture that can be drawn: finite numbers, the longitude within
 * ±180°, the latitude within ±90° and the zoom between
 * %FRONTLINE_VIEW_MIN_ZOOM and %FRONTLINE_VIEW_MAX_ZOOM. Everything that
 * turns a view into pixels or tile numbers relies on it.
 */
gboolean
frontline_view_location_is_valid (double lon,
                                  double lat,
                                  double zoom)
{
  return isfinite (lon) && isfinite (lat) && isfinite (zoom) &&
         lon >= -180.0 && lon <= 180.0 && lat >= -90.0 && lat <= 90.0 &&
         zoom >= FRONTLINE_VIEW_MIN_ZOOM && zoom <= FRONTLINE_VIEW_MAX_ZOOM;
}

/**
 * frontline_view_is_valid:
 * @view: (nullable): a view
 *
 * Whether @view's centre and zoom pass frontline_view_location_is_valid()
 * and its width and height are finite, not negative and at most
 * %FRONTLINE_VIEW_MAX_SIDE.
 */
gboolean
frontline_view_is_valid (const FrontlineView *view)
{
  return view != NULL &&
         frontline_view_location_is_valid (view->center_lon, view->center_lat, view->zoom) &&
         isfinite (view->width) && isfinite (view->height) &&
         view->width >= 0 && view->height >= 0 &&
         view->width <= FRONTLINE_VIEW_MAX_SIDE && view->height <= FRONTLINE_VIEW_MAX_SIDE;
}

/* The view's top left corner, in world pixels at its zoom. */
void
frontline_view_get_origin (const FrontlineView *view,
                           double              *origin_x,
                           double              *origin_y)
{
  *origin_x = frontline_mercator_x (view->center_lon, view->zoom) - view->width / 2.0;
  *origin_y = frontline_mercator_y (view->center_lat, view->zoom) - view->height / 2.0;
}

void
frontline_view_to_point (const FrontlineView *view,
                         double               lon,
                         double               lat,
                         double              *x,
                         double              *y)
{
  double origin_x;
  double origin_y;

  frontline_view_get_origin (view, &origin_x, &origin_y);
  *x = frontline_mercator_x (lon, view->zoom) - origin_x;
  *y = frontline_mercator_y (lat, view->zoom) - origin_y;
}

void
frontline_view_from_point (const FrontlineView *view,
                           double               x,
                           double               y,
                           double              *lon,
                           double              *lat)
{
  double origin_x;
  double origin_y;
  double world = 256.0 * exp2 (view->zoom);
  double n;

  frontline_view_get_origin (view, &origin_x, &origin_y);
  *lon = (origin_x + x) / world * 360.0 - 180.0;
  n = G_PI - 2.0 * G_PI * (origin_y + y) / world;
  *lat = 180.0 / G_PI * atan (sinh (n));
}

/* west, south, east, north */
void
frontline_view_get_bbox (const FrontlineView *view,
                         double               bbox[4])
{
  frontline_view_from_point (view, 0, view->height, &bbox[0], &bbox[1]);
  frontline_view_from_point (view, view->width, 0, &bbox[2], &bbox[3]);
}


/**
 * frontline_view_fit_bbox:
 * @view: (out caller-allocates): the view to fill
 * @bbox: west, south, east and north, in degrees
 * @width: the picture's width, in units
 * @height: its height
 *
 * The view of @width x @height that shows @bbox filling about 80 % of the
 * picture: centred in Web Mercator, so the box sits in the middle, at a
 * zoom between %FRONTLINE_VIEW_FIT_MIN_ZOOM and %FRONTLINE_VIEW_FIT_MAX_ZOOM.
 * The one way a box becomes a view: the window, the exporter (and so
 * `--export --fit`), the presentation and the handout all fit through it.
 */
void
frontline_view_fit_bbox (FrontlineView *view,
                         const double   bbox[4],
                         double         width,
                         double         height)
{
  frontline_view_fit_bbox_full (view, bbox, width, height, FRONTLINE_VIEW_FIT_MAX_ZOOM);
}

/**
 * frontline_view_fit_bbox_full:
 * @max_zoom: the largest zoom the view may have, e.g. the most a base map
 *   draws with detail
 *
 * As frontline_view_fit_bbox(), at a zoom of at most @max_zoom (and never
 * over %FRONTLINE_VIEW_FIT_MAX_ZOOM): a small box is shown smaller.
 */
void
frontline_view_fit_bbox_full (FrontlineView *view,
                              const double   bbox[4],
                              double         width,
                              double         height,
                              double         max_zoom)
{
  double x0;
  double x1;
  double y0;
  double y1;
  double zoom;

  g_return_if_fail (view != NULL);
  g_return_if_fail (bbox != NULL);

  x0 = frontline_mercator_x (bbox[0], 0);
  x1 = frontline_mercator_x (bbox[2], 0);
  y0 = frontline_mercator_y (bbox[3], 0);
  y1 = frontline_mercator_y (bbox[1], 0);
  zoom = MIN (log2 (0.8 * MAX (width, 1) / MAX (x1 - x0, 1e-9)),
              log2 (0.8 * MAX (height, 1) / MAX (y1 - y0, 1e-9)));

  view->width = width;
  view->height = height;
  view->center_lon = frontline_mercator_lon ((x0 + x1) / 2.0, 0);
  view->center_lat = frontline_mercator_lat ((y0 + y1) / 2.0, 0);
  view->zoom = CLAMP (zoom, FRONTLINE_VIEW_FIT_MIN_ZOOM,
                      CLAMP (max_zoom, FRONTLINE_VIEW_FIT_MIN_ZOOM, FRONTLINE_VIEW_FIT_MAX_ZOOM));
}
