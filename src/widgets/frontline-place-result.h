/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FRONTLINE_TYPE_PLACE_RESULT (frontline_place_result_get_type ())

G_DECLARE_FINAL_TYPE (FrontlinePlaceResult, frontline_place_result, FRONTLINE, PLACE_RESULT, GObject)

FrontlinePlaceResult *frontline_place_result_new        (const char           *name,
                                                         const char           *detail,
                                                         double                lon,
                                                         double                lat);
const char           *frontline_place_result_get_name   (FrontlinePlaceResult *self);
const char           *frontline_place_result_get_detail (FrontlinePlaceResult *self);
double                frontline_place_result_get_lon    (FrontlinePlaceResult *self);
double                frontline_place_result_get_lat    (FrontlinePlaceResult *self);

G_END_DECLS
