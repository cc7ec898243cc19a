/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <shumate/shumate.h>

#include "frontline-annotation.h"
#include "frontline-projection.h"
#include "frontline-stop.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_ANNOTATION_LAYER (frontline_annotation_layer_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineAnnotationLayer, frontline_annotation_layer, FRONTLINE, ANNOTATION_LAYER, ShumateLayer)

FrontlineAnnotationLayer *frontline_annotation_layer_new         (ShumateViewport          *viewport);
FrontlineStop            *frontline_annotation_layer_get_stop    (FrontlineAnnotationLayer *self);
void                      frontline_annotation_layer_set_stop    (FrontlineAnnotationLayer *self,
                                                                  FrontlineStop            *stop);
void                      frontline_annotation_layer_set_preview (FrontlineAnnotationLayer *self,
                                                                  const FrontlineAnnotation *preview);
void                      frontline_annotation_layer_get_view    (FrontlineAnnotationLayer *self,
                                                                  FrontlineView            *view);

G_END_DECLS
