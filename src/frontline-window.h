/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>

#include "frontline-annotation-bar.h"
#include "frontline-annotation-layer.h"
#include "frontline-application.h"
#include "frontline-dataset.h"
#include "frontline-place-search.h"
#include "frontline-presentation.h"
#include "frontline-side-panel.h"
#include "frontline-view-state.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_WINDOW (frontline_window_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineWindow, frontline_window, FRONTLINE, WINDOW, AdwApplicationWindow)

FrontlineWindow *frontline_window_new         (FrontlineApplication *application);
void             frontline_window_open        (FrontlineWindow      *self,
                                               GFile                *file);
void             frontline_window_open_address (FrontlineWindow     *self,
                                                const char          *address);
gboolean         frontline_window_has_dataset (FrontlineWindow      *self);
gboolean         frontline_window_is_loading  (FrontlineWindow      *self);
ShumateViewport *frontline_window_get_viewport (FrontlineWindow     *self);
FrontlineDataset *frontline_window_get_dataset (FrontlineWindow     *self);
ShumateSimpleMap *frontline_window_get_map    (FrontlineWindow     *self);
const char       *frontline_window_get_attribution (FrontlineWindow *self);
FrontlineDay      frontline_window_get_day     (FrontlineWindow     *self);
FrontlineViewState *frontline_window_get_state (FrontlineWindow     *self);
void              frontline_window_set_day     (FrontlineWindow     *self,
                                                FrontlineDay         day);
gboolean          frontline_window_is_playing  (FrontlineWindow     *self);
const char       *frontline_window_get_compare_text (FrontlineWindow *self);
void              frontline_window_show_place  (FrontlineWindow     *self,
                                                double               lon,
                                                double               lat);
FrontlinePlaceSearch *frontline_window_get_place_search (FrontlineWindow *self);
FrontlineSidePanel *frontline_window_get_side_panel (FrontlineWindow *self);
FrontlinePresentation *frontline_window_get_presentation (FrontlineWindow *self);
FrontlineAnnotationBar *frontline_window_get_annotation_bar (FrontlineWindow *self);
FrontlineAnnotationLayer *frontline_window_get_annotation_layer (FrontlineWindow *self);
char             *frontline_window_describe_point (FrontlineWindow  *self,
                                                   double            x,
                                                   double            y);

G_END_DECLS
