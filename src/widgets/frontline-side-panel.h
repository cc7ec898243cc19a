/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "frontline-dataset.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_SIDE_PANEL (frontline_side_panel_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineSidePanel, frontline_side_panel, FRONTLINE, SIDE_PANEL, GtkWidget)

FrontlineSidePanel *frontline_side_panel_new            (void);
void                frontline_side_panel_set_dataset    (FrontlineSidePanel *self,
                                                         FrontlineDataset   *dataset);
void                frontline_side_panel_set_day        (FrontlineSidePanel *self,
                                                         FrontlineDay        day);
GListModel         *frontline_side_panel_get_date_quotes (FrontlineSidePanel *self);
GListModel         *frontline_side_panel_get_all_quotes (FrontlineSidePanel *self);
void                frontline_side_panel_set_search     (FrontlineSidePanel *self,
                                                         const char         *text);
void                frontline_side_panel_select_quote   (FrontlineSidePanel *self,
                                                         FrontlineQuote     *quote);
FrontlineQuote     *frontline_side_panel_get_selected   (FrontlineSidePanel *self);
void                frontline_side_panel_select_source  (FrontlineSidePanel *self,
                                                         FrontlineSource    *source);
FrontlineSource    *frontline_side_panel_get_selected_source (FrontlineSidePanel *self);
GtkSelectionModel  *frontline_side_panel_get_sources    (FrontlineSidePanel *self);
const char         *frontline_side_panel_get_detail_text (FrontlineSidePanel *self);
void                frontline_side_panel_show_evidence  (FrontlineSidePanel *self,
                                                         FrontlineArea      *area,
                                                         const char         *context);
const char         *frontline_side_panel_get_evidence_text (FrontlineSidePanel *self);

G_END_DECLS
