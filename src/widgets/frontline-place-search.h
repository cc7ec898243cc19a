/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "frontline-dataset.h"
#include "frontline-place-result.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_PLACE_SEARCH (frontline_place_search_get_type ())

G_DECLARE_FINAL_TYPE (FrontlinePlaceSearch, frontline_place_search, FRONTLINE, PLACE_SEARCH, GtkWidget)

FrontlinePlaceSearch *frontline_place_search_new            (void);
void                  frontline_place_search_set_dataset    (FrontlinePlaceSearch *self,
                                                             FrontlineDataset     *dataset);
void                  frontline_place_search_open           (FrontlinePlaceSearch *self);
guint                 frontline_place_search_find           (FrontlinePlaceSearch *self,
                                                             const char           *query);
GListModel           *frontline_place_search_get_results    (FrontlinePlaceSearch *self);
GtkWidget            *frontline_place_search_get_popover    (FrontlinePlaceSearch *self);
gboolean              frontline_place_search_activate_first (FrontlinePlaceSearch *self);

G_END_DECLS
