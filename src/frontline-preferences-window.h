/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FRONTLINE_TYPE_PREFERENCES_WINDOW (frontline_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (FrontlinePreferencesWindow, frontline_preferences_window, FRONTLINE, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWindow *frontline_preferences_window_new (GSettings *settings);

G_END_DECLS
