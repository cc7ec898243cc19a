/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FRONTLINE_TYPE_LAYERS_MENU (frontline_layers_menu_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineLayersMenu, frontline_layers_menu, FRONTLINE, LAYERS_MENU, GtkWidget)

FrontlineLayersMenu *frontline_layers_menu_new          (void);
void                 frontline_layers_menu_set_settings (FrontlineLayersMenu *self,
                                                         GSettings           *settings);
GMenuModel          *frontline_layers_menu_get_model    (FrontlineLayersMenu *self);
GtkAdjustment       *frontline_layers_menu_get_opacity  (FrontlineLayersMenu *self);
GtkPopover          *frontline_layers_menu_get_popover  (FrontlineLayersMenu *self);

G_END_DECLS
