/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void frontline_accessible_name_icon_buttons (GtkWidget  *root);
void frontline_accessible_name_first        (GtkWidget  *root,
                                             GType       type,
                                             const char *id,
                                             const char *name);

G_END_DECLS
