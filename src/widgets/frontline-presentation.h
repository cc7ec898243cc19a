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

G_END_DECLS
