/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "frontline-presentation.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_PRESENTER_WINDOW (frontline_presenter_window_get_type ())

G_DECLARE_FINAL_TYPE (FrontlinePresenterWindow, frontline_presenter_window, FRONTLINE, PRESENTER_WINDOW, AdwWindow)

FrontlinePresenterWindow *frontline_presenter_window_new                 (FrontlinePresentation    *presentation);
FrontlinePresentation    *frontline_presenter_window_get_presentation    (FrontlinePresenterWindow *self);
const char               *frontline_presenter_window_get_notes           (FrontlinePresenterWindow *self);
const char               *frontline_presenter_window_get_current_title   (FrontlinePresenterWindow *self);
const char               *frontline_presenter_window_get_next_title      (FrontlinePresenterWindow *self);
const char               *frontline_presenter_window_get_elapsed_text    (FrontlinePresenterWindow *self);
const char               *frontline_presenter_window_get_clock_text      (FrontlinePresenterWindow *self);
const char               *frontline_presenter_window_get_status_text     (FrontlinePresenterWindow *self);
GdkPaintable             *frontline_presenter_window_get_current_picture (FrontlinePresenterWindow *self);
char                     *frontline_presenter_window_format_elapsed      (gint64                    elapsed);

G_END_DECLS
