/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FRONTLINE_TYPE_PLACE (frontline_place_get_type ())

G_DECLARE_FINAL_TYPE (FrontlinePlace, frontline_place, FRONTLINE, PLACE, GObject)

const char *frontline_place_get_name (FrontlinePlace *self);
const char *frontline_place_get_name_local (FrontlinePlace *self);
double      frontline_place_get_lon (FrontlinePlace *self);
double      frontline_place_get_lat (FrontlinePlace *self);

G_END_DECLS
