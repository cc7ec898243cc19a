/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "frontline-dataset.h"
#include "frontline-view-state.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_LEGEND (frontline_legend_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineLegend, frontline_legend, FRONTLINE, LEGEND, GtkWidget)

FrontlineLegend *frontline_legend_new         (void);
void             frontline_legend_set_dataset (FrontlineLegend  *self,
                                               FrontlineDataset *dataset);
void             frontline_legend_set_day     (FrontlineLegend  *self,
                                               FrontlineDay      day);
void             frontline_legend_set_comparing (FrontlineLegend *self,
                                                 gboolean         comparing);
void             frontline_legend_set_view_state (FrontlineLegend    *self,
                                                  FrontlineViewState *state);

G_END_DECLS
