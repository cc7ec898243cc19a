/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "frontline-presentation.h"
#include "frontline-projection.h"

G_BEGIN_DECLS

/* Between the presentation's files: the widget, its stops, title card and
 * keys (frontline-presentation.c), the animated moves between stops
 * (frontline-presentation-move.c) and the presenter's tools: laser pointer,
 * pen and timer (frontline-presentation-tools.c). */

struct _FrontlinePresentation
{
  GtkWidget           parent_instance;

  FrontlineDataset   *dataset;
  FrontlineViewState *view_state;  /* the day and comparison it sets, the dataset it shows */
  ShumateSimpleMap   *map;
  gboolean            active;
  int                 stop;
  GString            *typed_number;
  guint               pointer_timeout;
  GtkEventController *keys;    /* on the root while active */
  GtkEventController *motion;  /* likewise */
  GtkWidget          *root;
  GtkCssProvider     *type_sizes;  /* the card's type, sized for the height */
  int                 body_px;     /* the body size type_sizes sets, 0 before */
  int                 body_cap;    /* smaller, for a card too tall for the room; 0 for none */
  int                 cap_stop;    /* the stop body_cap is for */
  int                 cap_height;  /* and the height */
  guint               resize_idle;
  guint               fit_idle;    /* after an allocation where the card ran too low */

  /* The animated move into the stop shown (frontline_tour_move()): from the
   * view and day on screen to the stop's, over the stop's duration. */
  guint               move_tick;     /* on the map while moving, else 0 */
  gint64              move_start;    /* the frame time of its first frame, 0 before */
  double              move_duration; /* seconds */
  FrontlineView       move_from;
  FrontlineView       move_to;
  FrontlineDay        move_from_day;
  FrontlineDay        move_to_day;
  FrontlineDay        move_compare;  /* compared with on arrival */
  gboolean            shown;         /* a stop is on screen: the next one is moved to */

  /* The presenter's tools, in the presentation's coordinates. */
  gboolean            laser;
  gboolean            laser_inside;  /* the pointer is over the window */
  double              laser_x;
  double              laser_y;
  gboolean            pen;
  GPtrArray          *strokes;       /* of GArray of graphene_point_t; gone at the next stop */
  GtkGesture         *pen_drag;      /* on the root while active */
  double              pen_start_x;
  double              pen_start_y;

  /* Time since the presentation began: what ran before a pause, and when the
   * running part began (monotonic, µs). */
  gint64              timer_before;
  gint64              timer_since;
  gboolean            timer_paused;

  /* Template widgets */
  GtkWidget          *card;
  GtkLabel           *title;
  GtkLabel           *date;
  GtkLabel           *caption;
  GtkLabel           *quotes;
  GtkLabel           *change;
  GtkLabel           *approximate;
  GtkLabel           *progress;
  GtkWidget          *blackout;
};

enum {
  PROP_0,
  PROP_DATASET,
  PROP_MAP,
  PROP_ACTIVE,
  PROP_STOP,
  PROP_VIEW_STATE,
  PROP_MOVING,
  PROP_LASER,
  PROP_PEN,
  PROP_TIMER_PAUSED,
  PROP_BLACKOUT,
  N_PROPS
};

extern GParamSpec *_frontline_presentation_properties[N_PROPS];

/* frontline-presentation.c */
void      _frontline_presentation_go_to_day          (FrontlinePresentation *self,
                                                      FrontlineDay           day);
void      _frontline_presentation_compare_since      (FrontlinePresentation *self,
                                                      FrontlineDay           from);

/* frontline-presentation-move.c */
void      _frontline_presentation_move_to_stop       (FrontlinePresentation *self,
                                                      FrontlineStop         *stop,
                                                      FrontlineDay           day,
                                                      FrontlineDay           compare,
                                                      double                 duration);

/* frontline-presentation-tools.c */
void      _frontline_presentation_pointer_moved      (FrontlinePresentation *self);
void      _frontline_presentation_motion_cb          (FrontlinePresentation *self,
                                                      double                 x,
                                                      double                 y);
void      _frontline_presentation_motion_leave_cb    (FrontlinePresentation *self);
void      _frontline_presentation_pen_drag_begin_cb  (FrontlinePresentation *self,
                                                      double                 x,
                                                      double                 y,
                                                      GtkGestureDrag        *gesture);
void      _frontline_presentation_pen_drag_update_cb (FrontlinePresentation *self,
                                                      double                 dx,
                                                      double                 dy,
                                                      GtkGestureDrag        *gesture);
void      _frontline_presentation_snapshot           (GtkWidget             *widget,
                                                      GtkSnapshot           *snapshot);

G_END_DECLS
