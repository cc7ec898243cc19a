/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "frontline-day.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_TIMELINE (frontline_timeline_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineTimeline, frontline_timeline, FRONTLINE, TIMELINE, GtkWidget)

FrontlineTimeline *frontline_timeline_new            (void);

void               frontline_timeline_set_range      (FrontlineTimeline  *self,
                                                      FrontlineDay        first,
                                                      FrontlineDay        last);
FrontlineDay       frontline_timeline_get_first_day  (FrontlineTimeline  *self);
FrontlineDay       frontline_timeline_get_last_day   (FrontlineTimeline  *self);

void               frontline_timeline_set_data_days  (FrontlineTimeline  *self,
                                                      const FrontlineDay *days,
                                                      guint               n_days);
void               frontline_timeline_set_mark_days  (FrontlineTimeline  *self,
                                                      const FrontlineDay *days,
                                                      guint               n_days);

void               frontline_timeline_clear_series   (FrontlineTimeline  *self);
void               frontline_timeline_add_series     (FrontlineTimeline  *self,
                                                      const char         *name,
                                                      const double        rgb[3],
                                                      const double       *values,
                                                      guint               n_values);

FrontlineDay       frontline_timeline_get_day        (FrontlineTimeline  *self);
void               frontline_timeline_set_day        (FrontlineTimeline  *self,
                                                      FrontlineDay        day);
void               frontline_timeline_step           (FrontlineTimeline  *self,
                                                      int                 days);
void               frontline_timeline_jump           (FrontlineTimeline  *self,
                                                      int                 direction);
void               frontline_timeline_go_to_start    (FrontlineTimeline  *self);
void               frontline_timeline_go_to_end      (FrontlineTimeline  *self);

G_END_DECLS
