/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define FRONTLINE_TYPE_LABEL_LAYER (frontline_label_layer_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineLabelLayer, frontline_label_layer, FRONTLINE, LABEL_LAYER, ShumateLayer)

FrontlineLabelLayer *frontline_label_layer_new (ShumateViewport *viewport);

G_END_DECLS
