/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FRONTLINE_RECENT_APP_NAME "frontline"
#define FRONTLINE_RECENT_MAX_ITEMS 8

void        frontline_recent_add       (GtkRecentManager *manager,
                                        GFile            *file);
void        frontline_recent_add_address (GtkRecentManager *manager,
                                          const char       *address,
                                          const char       *title);
GMenuModel *frontline_recent_menu_new  (GtkRecentManager *manager,
                                        const char       *action_name);

G_END_DECLS
