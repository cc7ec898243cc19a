/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FRONTLINE_TYPE_CUSTOM_TILES_DIALOG (frontline_custom_tiles_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineCustomTilesDialog, frontline_custom_tiles_dialog, FRONTLINE, CUSTOM_TILES_DIALOG, AdwMessageDialog)

FrontlineCustomTilesDialog *frontline_custom_tiles_dialog_new (GtkWindow *parent,
                                                               GSettings *settings);

G_END_DECLS
