/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <shumate/shumate.h>

#include "frontline-dataset.h"
#include "frontline-view-state.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_PRESENTATION (frontline_presentation_get_type ())

G_DECLARE_FINAL_TYPE (FrontlinePresentation, frontline_presentation, FRONTLINE, PRESENTATION, GtkWidget)

FrontlinePresentation *frontline_presentation_new          (void);
void                   frontline_presentation_set_dataset  (FrontlinePresentation *self,
                                                            FrontlineDataset      *dataset);
void                   frontline_presentation_set_map      (FrontlinePresentation *self,
                                                            ShumateSimpleMap      *map);
gboolean               frontline_presentation_get_active   (FrontlinePresentation *self);
void                   frontline_presentation_set_active   (FrontlinePresentation *self,
                                                            gboolean               active);
int                    frontline_presentation_get_stop     (FrontlinePresentation *self);
void                   frontline_presentation_show_stop    (FrontlinePresentation *self,
                                                            int                    index);
gboolean               frontline_presentation_handle_key   (FrontlinePresentation *self,
                                                            guint                  keyval);
const char            *frontline_presentation_get_blackout (FrontlinePresentation *self);
FrontlineViewState    *frontline_presentation_get_view_state (FrontlinePresentation *self);
void                   frontline_presentation_set_view_state (FrontlinePresentation *self,
                                                              FrontlineViewState    *state);
guint                  frontline_presentation_get_n_stops  (FrontlinePresentation *self);

/* Animated moves between stops */
gboolean               frontline_presentation_get_moving   (FrontlinePresentation *self);
void                   frontline_presentation_finish_move  (FrontlinePresentation *self);

/* The presenter's tools */
gboolean               frontline_presentation_get_laser    (FrontlinePresentation *self);
void                   frontline_presentation_set_laser    (FrontlinePresentation *self,
                                                            gboolean               laser);
void                   frontline_presentation_point_laser  (FrontlinePresentation *self,
                                                            double                 x,
                                                            double                 y);
gboolean               frontline_presentation_get_pen      (FrontlinePresentation *self);
void                   frontline_presentation_set_pen      (FrontlinePresentation *self,
                                                            gboolean               pen);
void                   frontline_presentation_pen_begin    (FrontlinePresentation *self,
                                                            double                 x,
                                                            double                 y);
void                   frontline_presentation_pen_extend   (FrontlinePresentation *self,
                                                            double                 x,
                                                            double                 y);
guint                  frontline_presentation_get_n_pen_strokes (FrontlinePresentation *self);
void                   frontline_presentation_clear_pen    (FrontlinePresentation *self);

/* Elapsed time */
gint64                 frontline_presentation_get_elapsed  (FrontlinePresentation *self);
gboolean               frontline_presentation_get_timer_paused (FrontlinePresentation *self);
void                   frontline_presentation_set_timer_paused (FrontlinePresentation *self,
                                                                gboolean               paused);
void                   frontline_presentation_reset_timer  (FrontlinePresentation *self);

G_END_DECLS
