/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FRONTLINE_TYPE_APPLICATION (frontline_application_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineApplication, frontline_application, FRONTLINE, APPLICATION, AdwApplication)

FrontlineApplication *frontline_application_new          (void);
GSettings            *frontline_application_get_settings (FrontlineApplication *self);
GtkWindow            *frontline_application_new_window   (FrontlineApplication *self);

gboolean              frontline_application_gl_is_software (const char * const *envp,
                                                            const char         *dev_dir);
void                  frontline_application_choose_renderer (void);

G_END_DECLS
