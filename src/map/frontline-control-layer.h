/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <shumate/shumate.h>

#include "frontline-change.h"
#include "frontline-dataset.h"
#include "frontline-view-state.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_CONTROL_LAYER (frontline_control_layer_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineControlLayer, frontline_control_layer, FRONTLINE, CONTROL_LAYER, ShumateLayer)

FrontlineControlLayer *frontline_control_layer_new         (ShumateViewport       *viewport);
void                   frontline_control_layer_set_dataset (FrontlineControlLayer *self,
                                                            FrontlineDataset      *dataset);
void                   frontline_control_layer_set_day     (FrontlineControlLayer *self,
                                                            FrontlineDay           day);
FrontlineDay           frontline_control_layer_get_day     (FrontlineControlLayer *self);
void                   frontline_control_layer_set_changes (FrontlineControlLayer *self,
                                                            GPtrArray             *changes);
GPtrArray             *frontline_control_layer_get_state   (FrontlineControlLayer *self);
FrontlineViewState    *frontline_control_layer_get_view_state (FrontlineControlLayer *self);
void                   frontline_control_layer_set_view_state (FrontlineControlLayer *self,
                                                               FrontlineViewState    *state);

G_END_DECLS
