/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "frontline-comparison.h"
#include "frontline-dataset.h"
#include "frontline-view-state.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_POINT_POPOVER (frontline_point_popover_get_type ())

G_DECLARE_FINAL_TYPE (FrontlinePointPopover, frontline_point_popover, FRONTLINE, POINT_POPOVER, GtkPopover)

FrontlinePointPopover *frontline_point_popover_new      (void);
void                   frontline_point_popover_describe (FrontlinePointPopover *self,
                                                         FrontlineDataset      *dataset,
                                                         FrontlineDay           day,
                                                         double                 lon,
                                                         double                 lat);
void                   frontline_point_popover_set_view_state (FrontlinePointPopover *self,
                                                               FrontlineViewState    *state);
gboolean               frontline_point_popover_describe_change (FrontlinePointPopover *self,
                                                                FrontlineDataset      *dataset,
                                                                FrontlineComparison   *comparison,
                                                                double                 lon,
                                                                double                 lat);
FrontlineArea         *frontline_point_popover_get_area (FrontlinePointPopover *self);
const char            *frontline_point_popover_get_text (FrontlinePointPopover *self);

G_END_DECLS
