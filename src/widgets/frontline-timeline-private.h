/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "frontline-timeline.h"

G_BEGIN_DECLS

/* What the pointer and the tooltip use, for the tests: the mapping between
 * days and x in widget coordinates, and the tooltip's text. */
double        frontline_timeline_get_day_x      (FrontlineTimeline *self,
                                                 FrontlineDay       day);
FrontlineDay  frontline_timeline_pick_day       (FrontlineTimeline *self,
                                                 double             x);
char         *frontline_timeline_describe_day   (FrontlineTimeline *self,
                                                 FrontlineDay       day);
GArray       *frontline_timeline_get_ticks      (FrontlineTimeline *self);

/* Between the timeline's files: the widget (frontline-timeline.c) and its
 * drawing (frontline-timeline-draw.c). */

/* Room at either end for the knob, so the first and last days can be picked
 * and the knob is never clipped. */
#define INSET_X          12.0
/* How near a tick the pointer must be to snap to its day. */
#define SNAP_DISTANCE     6.0
#define KNOB_RADIUS       7.0
#define TRACK_HEIGHT      4.0
/* The least space between two labels, and the least distance between the
 * starts of two labels: denser labels fit but turn the axis into a ruler. */
#define LABEL_SPACING    12.0
#define LABEL_MIN_PITCH  56.0
#define MIN_HEIGHT       64
#define MONTH_STEP       30
/* How far the pointer moves under a tooltip before it moves too. */
#define TOOLTIP_SPAN     48.0

typedef struct {
  char   *name;
  double  rgb[3];
  GArray *values;   /* of double, one for each data day */
} TimelineSeries;

struct _FrontlineTimeline
{
  GtkWidget     parent_instance;

  FrontlineDay  first;
  FrontlineDay  last;
  FrontlineDay  day;

  GArray       *data_days;    /* of FrontlineDay, ascending */
  GArray       *mark_days;    /* of FrontlineDay, ascending */
  GPtrArray    *series;       /* of TimelineSeries */

  /* The labelled ticks fitted to ticks_width; recomputed when the width,
   * the range or the font changes, not on every frame of a drag. */
  GArray       *ticks;        /* of FrontlineTimeTick */
  int           ticks_width;

  double        drag_start_x;
  double        hover_x;      /* < 0 when the pointer is elsewhere */
  double        tooltip_x;    /* where the tooltip appeared, or < 0 */
};

guint         _frontline_timeline_lower_bound   (GArray            *days,
                                                 FrontlineDay       day);
double        _frontline_timeline_track_width   (FrontlineTimeline *self);
gboolean      _frontline_timeline_has_range     (FrontlineTimeline *self);
void          _frontline_timeline_snapshot      (GtkWidget         *widget,
                                                 GtkSnapshot       *snapshot);

G_END_DECLS
