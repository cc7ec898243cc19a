/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void frontline_mbtiles_chooser_run (GtkWindow *parent,
                                    GSettings *settings);

G_END_DECLS
