/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Web Mercator, as libshumate projects: world pixels at @zoom for 256 px tiles. */
double   frontline_mercator_x         (double lon,
                                       double zoom);
double   frontline_mercator_y         (double lat,
                                       double zoom);
double   frontline_mercator_lon       (double x,
                                       double zoom);
double   frontline_mercator_lat       (double y,
                                       double zoom);

/* What part of the world a picture shows: Web Mercator around a centre at a
 * (fractional) zoom, as libshumate's viewport does, over width x height
 * units of the cairo context. The screen and the exporter describe their
 * views this way and draw through the same functions. */
typedef struct {
  double center_lon;
  double center_lat;
  double zoom;
  double width;
  double height;
} FrontlineView;

/* A FrontlineView as a boxed type, for properties and signals. */
#define FRONTLINE_TYPE_VIEW (frontline_view_get_type ())

GType frontline_view_get_type (void) G_GNUC_CONST;

/* The zooms a view may have: libshumate's, and room for MBTiles to 24. */
#define FRONTLINE_VIEW_MIN_ZOOM 0.0
#define FRONTLINE_VIEW_MAX_ZOOM 24.0
/* The largest width or height of a view, in units. */
#define FRONTLINE_VIEW_MAX_SIDE 32767.0

gboolean frontline_view_location_is_valid (double lon,
                                           double lat,
                                           double zoom);
gboolean frontline_view_is_valid      (const FrontlineView *view);
void     frontline_view_to_point      (const FrontlineView *view,
                                       double               lon,
                                       double               lat,
                                       double              *x,
                                       double              *y);
void     frontline_view_get_origin    (const FrontlineView *view,
                                       double              *origin_x,
                                       double              *origin_y);
void     frontline_view_from_point    (const FrontlineView *view,
                                       double               x,
                                       double               y,
                                       double              *lon,
                                       double              *lat);
void     frontline_view_get_bbox      (const FrontlineView *view,
                                       double               bbox[4]);

/* The zooms a fitted view keeps to. */
#define FRONTLINE_VIEW_FIT_MIN_ZOOM 2.0
#define FRONTLINE_VIEW_FIT_MAX_ZOOM 16.0

void     frontline_view_fit_bbox      (FrontlineView       *view,
                                       const double         bbox[4],
                                       double               width,
                                       double               height);
void     frontline_view_fit_bbox_full (FrontlineView       *view,
                                       const double         bbox[4],
                                       double               width,
                                       double               height,
                                       double               max_zoom);

G_END_DECLS
