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

G_END_DECLS
