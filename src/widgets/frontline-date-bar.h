/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "frontline-dataset.h"
#include "frontline-timeline.h"
#include "frontline-view-state.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_DATE_BAR (frontline_date_bar_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineDateBar, frontline_date_bar, FRONTLINE, DATE_BAR, GtkWidget)

FrontlineDateBar  *frontline_date_bar_new            (void);
void               frontline_date_bar_set_dataset    (FrontlineDateBar *self,
                                                      FrontlineDataset *dataset);
FrontlineDay       frontline_date_bar_get_day        (FrontlineDateBar *self);
void               frontline_date_bar_set_day        (FrontlineDateBar *self,
                                                      FrontlineDay      day);
gboolean           frontline_date_bar_get_playing    (FrontlineDateBar *self);
void               frontline_date_bar_set_playing    (FrontlineDateBar *self,
                                                      gboolean          playing);
double             frontline_date_bar_get_play_speed (FrontlineDateBar *self);
void               frontline_date_bar_set_play_speed (FrontlineDateBar *self,
                                                      double            speed);
guint              frontline_date_bar_get_play_interval (FrontlineDateBar *self);
FrontlineTimeline *frontline_date_bar_get_timeline   (FrontlineDateBar *self);
FrontlineViewState *frontline_date_bar_get_view_state (FrontlineDateBar  *self);
void               frontline_date_bar_set_view_state (FrontlineDateBar   *self,
                                                      FrontlineViewState *state);

G_END_DECLS
