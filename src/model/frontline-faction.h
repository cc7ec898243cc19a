/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FRONTLINE_TYPE_FACTION (frontline_faction_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineFaction, frontline_faction, FRONTLINE, FACTION, GObject)

const char *frontline_faction_get_id (FrontlineFaction *self);
const char *frontline_faction_get_name (FrontlineFaction *self);
const char *frontline_faction_get_color (FrontlineFaction *self);
const char *frontline_faction_get_hatch (FrontlineFaction *self);
void        frontline_faction_get_rgb (FrontlineFaction *self,
                                       double            rgb[3]);

G_END_DECLS
