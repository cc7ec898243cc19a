/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-tour"

#include "config.h"

#include <math.h>
#include <string.h>

#include "frontline-stop.h"
#include "frontline-tour.h"

/* See frontline-tour.h. The flight follows van Wijk and Nuij, "Smooth and
 * efficient zooming and panning" (InfoVis 2003), with ρ = √2, as d3-zoom's
 * interpolateZoom does: a view is its centre in Web Mercator pixels at zoom 0
 * and the width it shows in those pixels. */

#define RHO  G_SQRT2
#define RHO2 2.0
#define RHO4 4.0

void
frontline_stop_fit_view (FrontlineStop    *stop,
                         FrontlineDataset *dataset,
                         double            width,
                         double            height,
                         FrontlineView    *view)
{
  double center[5];
  double bbox[4];

  view->width = width;
  view->height = height;
  if (stop != NULL && frontline_stop_get_view (stop, center))
    {
      view->center_lon = center[0];
      view->center_lat = center[1];
      view->zoom = center[2];
    }
  else if (stop != NULL && frontline_stop_get_bbox (stop, bbox))
    frontline_view_fit_bbox (view, bbox, width, height);
  else if (frontline_dataset_get_default_view (dataset, center))
    {
      view->center_lon = center[0];
      view->center_lat = center[1];
      view->zoom = center[2];
    }
  else if (frontline_dataset_get_bbox (dataset, bbox))
    frontline_view_fit_bbox (view, bbox, width, height);
  else
    {
      view->center_lon = view->center_lat = 0;
      view->zoom = FRONTLINE_VIEW_FIT_MIN_ZOOM;
    }
  view->width = width;
  view->height = height;
}

void
frontline_view_interpolate (const FrontlineView *from,
                            const FrontlineView *to,
                            double               t,
                            FrontlineView       *view)
{
  double ux0 = frontline_mercator_x (from->center_lon, 0);
  double uy0 = frontline_mercator_y (from->center_lat, 0);
  double ux1 = frontline_mercator_x (to->center_lon, 0);
  double uy1 = frontline_mercator_y (to->center_lat, 0);
  double size = MAX (1.0, MAX (from->width, from->height));
  double w0 = size / exp2 (from->zoom);
  double w1 = size / exp2 (to->zoom);
  double dx = ux1 - ux0;
  double dy = uy1 - uy0;
  double d2 = dx * dx + dy * dy;
  double ux, uy, w;

  t = CLAMP (t, 0.0, 1.0);
  if (d2 < 1e-18)
    {
      /* Only the zoom changes. */
      double s = log (w1 / w0) / RHO;

      ux = ux0 + t * dx;
      uy = uy0 + t * dy;
      w = w0 * exp (RHO * t * s);
    }
  else
    {
      double d1 = sqrt (d2);
      double b0 = (w1 * w1 - w0 * w0 + RHO4 * d2) / (2 * w0 * RHO2 * d1);
      double b1 = (w1 * w1 - w0 * w0 - RHO4 * d2) / (2 * w1 * RHO2 * d1);
      double r0 = log (sqrt (b0 * b0 + 1) - b0);
      double r1 = log (sqrt (b1 * b1 + 1) - b1);
      double s = (r1 - r0) / RHO * t;
      double u = w0 / (RHO2 * d1) * (cosh (r0) * tanh (RHO * s + r0) - sinh (r0));

      ux = ux0 + u * dx;
      uy = uy0 + u * dy;
      w = w0 * cosh (r0) / cosh (RHO * s + r0);
    }

  view->width = to->width;
  view->height = to->height;
  /* The ends exactly, whatever rounding did on the way. */
  if (t <= 0)
    {
      *view = *from;
      return;
    }
  if (t >= 1)
    {
      *view = *to;
      return;
    }
  view->zoom = CLAMP (log2 (size / w), FRONTLINE_VIEW_MIN_ZOOM, FRONTLINE_VIEW_MAX_ZOOM);
  view->center_lon = frontline_mercator_lon (ux, 0);
  view->center_lat = frontline_mercator_lat (uy, 0);
}

double
frontline_tour_ease (double t)
{
  t = CLAMP (t, 0.0, 1.0);
  /* Cubic in and out. */
  return t < 0.5 ? 4 * t * t * t : 1 - pow (-2 * t + 2, 3) / 2;
}

void
frontline_tour_move (const FrontlineView *from,
                     FrontlineDay         from_day,
                     const FrontlineView *to,
                     FrontlineDay         to_day,
                     double               t,
                     FrontlineView       *view,
                     FrontlineDay        *day)
{
  double e = frontline_tour_ease (t);

  frontline_view_interpolate (from, to, e, view);
  if (day != NULL)
    *day = from_day + (FrontlineDay) lround ((double) (to_day - from_day) * e);
}

/* The tour */

typedef struct {
  FrontlineView view;
  FrontlineDay  day;
  double        move_start;
  double        arrival;
} TourStop;

struct _FrontlineTour
{
  GObject  parent_instance;
  GArray  *stops;  /* TourStop */
  double   hold;
  double   duration;
};

G_DEFINE_FINAL_TYPE (FrontlineTour, frontline_tour, G_TYPE_OBJECT)

static void
frontline_tour_finalize (GObject *object)
{
  FrontlineTour *self = FRONTLINE_TOUR (object);

  g_array_unref (self->stops);

  G_OBJECT_CLASS (frontline_tour_parent_class)->finalize (object);
}

static void
frontline_tour_class_init (FrontlineTourClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = frontline_tour_finalize;
}

static void
frontline_tour_init (FrontlineTour *self)
{
  self->stops = g_array_new (FALSE, TRUE, sizeof (TourStop));
}

/**
 * frontline_tour_new:
 * @hold: seconds on each stop, at least 0
 *
 * Returns: (transfer full): the tour of @dataset's stops for a picture of
 *   @width x @height
 */
FrontlineTour *
frontline_tour_new (FrontlineDataset *dataset,
                    double            width,
                    double            height,
                    double            hold)
{
  FrontlineTour *self;
  GListModel *stops;
  double t = 0;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (width > 0 && height > 0 && hold >= 0, NULL);

  self = g_object_new (FRONTLINE_TYPE_TOUR, NULL);
  self->hold = hold;
  stops = frontline_dataset_get_stops (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (stops); i++)
    {
      g_autoptr(FrontlineStop) stop = g_list_model_get_item (stops, i);
      TourStop tour_stop;

      frontline_stop_fit_view (stop, dataset, width, height, &tour_stop.view);
      tour_stop.day = frontline_stop_get_day (stop);
      tour_stop.move_start = t;
      if (i > 0)
        t += frontline_stop_get_duration (stop);
      tour_stop.arrival = t;
      t += hold;
      g_array_append_val (self->stops, tour_stop);
    }
  self->duration = t;

  return self;
}

guint
frontline_tour_get_n_stops (FrontlineTour *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TOUR (self), 0);

  return self->stops->len;
}

double
frontline_tour_get_duration (FrontlineTour *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TOUR (self), 0);

  return self->duration;
}

double
frontline_tour_get_move_start (FrontlineTour *self,
                               guint          index)
{
  g_return_val_if_fail (FRONTLINE_IS_TOUR (self), 0);
  g_return_val_if_fail (index < self->stops->len, 0);

  return g_array_index (self->stops, TourStop, index).move_start;
}

double
frontline_tour_get_arrival (FrontlineTour *self,
                            guint          index)
{
  g_return_val_if_fail (FRONTLINE_IS_TOUR (self), 0);
  g_return_val_if_fail (index < self->stops->len, 0);

  return g_array_index (self->stops, TourStop, index).arrival;
}

/**
 * frontline_tour_get_frame:
 * @seconds: from the start; clamped to the tour
 *
 * What the tour shows at @seconds. A tour without stops shows nothing:
 * @frame is zeroed.
 */
void
frontline_tour_get_frame (FrontlineTour      *self,
                          double              seconds,
                          FrontlineTourFrame *frame)
{
  guint i;
  const TourStop *stop;

  g_return_if_fail (FRONTLINE_IS_TOUR (self));

  memset (frame, 0, sizeof *frame);
  if (self->stops->len == 0)
    return;

  seconds = CLAMP (seconds, 0, self->duration);
  /* The last stop whose move has started. */
  for (i = self->stops->len - 1; i > 0; i--)
    if (g_array_index (self->stops, TourStop, i).move_start <= seconds)
      break;
  stop = &g_array_index (self->stops, TourStop, i);
  frame->stop = i;

  if (i == 0 || seconds >= stop->arrival)
    {
      frame->view = stop->view;
      frame->day = stop->day;
      frame->progress = 1;
      return;
    }

  frame->progress = (seconds - stop->move_start) / (stop->arrival - stop->move_start);
  frontline_tour_move (&g_array_index (self->stops, TourStop, i - 1).view,
                       g_array_index (self->stops, TourStop, i - 1).day,
                       &stop->view, stop->day, frame->progress, &frame->view, &frame->day);
}
