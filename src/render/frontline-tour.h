/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

#include "frontline-dataset.h"
#include "frontline-projection.h"

G_BEGIN_DECLS

/* A briefing's run through its stops, as Google Earth's tours fly: each
 * stop's view fitted to a picture's size, and between two stops a move that
 * zooms out, pans and zooms in (van Wijk and Nuij's smooth and efficient
 * path) while the date runs from one stop's date to the next. The window's
 * animated moves and the briefing's video both read it, so they show the
 * same frames. Display-free. */

typedef struct {
  FrontlineView view;
  FrontlineDay  day;
  guint         stop;      /* the stop shown, or being moved to */
  double        progress;  /* how far the move into @stop is, 0 to 1; 1 once there */
} FrontlineTourFrame;

/* A stop's view in a picture of @width x @height: its centre and zoom, or its
 * box fitted; else the dataset's default view or its extent. */
void     frontline_stop_fit_view            (FrontlineStop       *stop,
                                             FrontlineDataset    *dataset,
                                             double               width,
                                             double               height,
                                             FrontlineView       *view);

/* The view @t (0 to 1, not eased) of the way along the path from @from to
 * @to; both of the same size. */
void     frontline_view_interpolate         (const FrontlineView *from,
                                             const FrontlineView *to,
                                             double               t,
                                             FrontlineView       *view);
/* Ease in and out: how far a move is at @t of its time. */
double   frontline_tour_ease                (double               t);
/* A move's frame at @t (0 to 1 of its time, eased here): the view and the
 * day, from @from_day to @to_day as the view goes. */
void     frontline_tour_move                (const FrontlineView *from,
                                             FrontlineDay         from_day,
                                             const FrontlineView *to,
                                             FrontlineDay         to_day,
                                             double               t,
                                             FrontlineView       *view,
                                             FrontlineDay        *day);

#define FRONTLINE_TYPE_TOUR (frontline_tour_get_type ())
G_DECLARE_FINAL_TYPE (FrontlineTour, frontline_tour, FRONTLINE, TOUR, GObject)

/* The timeline: the first stop for @hold seconds; then for each next stop,
 * the move into it (frontline_stop_get_duration(): 0 is a cut) and @hold
 * seconds on it. */
FrontlineTour *frontline_tour_new           (FrontlineDataset    *dataset,
                                             double               width,
                                             double               height,
                                             double               hold);
guint    frontline_tour_get_n_stops         (FrontlineTour       *self);
double   frontline_tour_get_duration        (FrontlineTour       *self);
/* When the move into stop @index starts, and when it arrives. */
double   frontline_tour_get_move_start      (FrontlineTour       *self,
                                             guint                index);
double   frontline_tour_get_arrival         (FrontlineTour       *self,
                                             guint                index);
void     frontline_tour_get_frame           (FrontlineTour       *self,
                                             double               seconds,
                                             FrontlineTourFrame  *frame);

G_END_DECLS
