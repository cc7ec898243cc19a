/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "frontline-comparison.h"
#include "frontline-dataset.h"
#include "frontline-projection.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_VIEW_STATE (frontline_view_state_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineViewState, frontline_view_state, FRONTLINE, VIEW_STATE, GObject)

FrontlineViewState  *frontline_view_state_new                 (void);
FrontlineDataset    *frontline_view_state_get_dataset         (FrontlineViewState   *self);
void                 frontline_view_state_set_dataset         (FrontlineViewState   *self,
                                                               FrontlineDataset     *dataset);
FrontlineDay         frontline_view_state_get_day             (FrontlineViewState   *self);
void                 frontline_view_state_set_day             (FrontlineViewState   *self,
                                                               FrontlineDay          day);
FrontlineDay         frontline_view_state_get_compare_from    (FrontlineViewState   *self);
void                 frontline_view_state_set_compare_from    (FrontlineViewState   *self,
                                                               FrontlineDay          from);
gboolean             frontline_view_state_get_compare_follows (FrontlineViewState   *self);
void                 frontline_view_state_set_compare_follows (FrontlineViewState   *self,
                                                               gboolean              follows);
void                 frontline_view_state_compare             (FrontlineViewState   *self,
                                                               FrontlineDay          from,
                                                               gboolean              follows);
gboolean             frontline_view_state_get_comparing       (FrontlineViewState   *self);
FrontlineComparison *frontline_view_state_get_comparison      (FrontlineViewState   *self);
const FrontlineView *frontline_view_state_get_view            (FrontlineViewState   *self);
void                 frontline_view_state_set_view            (FrontlineViewState   *self,
                                                               const FrontlineView  *view);
const GError        *frontline_view_state_get_error           (FrontlineViewState   *self);
void                 frontline_view_state_fetch_areas         (FrontlineViewState   *self);

G_END_DECLS
