/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "frontline-annotation-layer.h"
#include "frontline-stop.h"

G_BEGIN_DECLS

typedef enum {
  FRONTLINE_ANNOTATION_TOOL_NONE,
  FRONTLINE_ANNOTATION_TOOL_ARROW,
  FRONTLINE_ANNOTATION_TOOL_LINE,
  FRONTLINE_ANNOTATION_TOOL_CIRCLE,
  FRONTLINE_ANNOTATION_TOOL_TEXT,
  FRONTLINE_ANNOTATION_TOOL_FREEHAND,
  FRONTLINE_ANNOTATION_TOOL_ERASE,
} FrontlineAnnotationTool;

#define FRONTLINE_TYPE_ANNOTATION_TOOL (frontline_annotation_tool_get_type ())
GType frontline_annotation_tool_get_type (void) G_GNUC_CONST;

#define FRONTLINE_TYPE_ANNOTATION_BAR (frontline_annotation_bar_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineAnnotationBar, frontline_annotation_bar, FRONTLINE, ANNOTATION_BAR, GtkWidget)

FrontlineAnnotationBar  *frontline_annotation_bar_new        (void);
void                     frontline_annotation_bar_attach     (FrontlineAnnotationBar   *self,
                                                              GtkWidget                *map,
                                                              FrontlineAnnotationLayer *layer);
FrontlineStop           *frontline_annotation_bar_get_stop   (FrontlineAnnotationBar   *self);
void                     frontline_annotation_bar_set_stop   (FrontlineAnnotationBar   *self,
                                                              FrontlineStop            *stop);
FrontlineAnnotationTool  frontline_annotation_bar_get_tool   (FrontlineAnnotationBar   *self);
void                     frontline_annotation_bar_set_tool   (FrontlineAnnotationBar   *self,
                                                              FrontlineAnnotationTool   tool);
const char              *frontline_annotation_bar_get_color  (FrontlineAnnotationBar   *self);
void                     frontline_annotation_bar_set_color  (FrontlineAnnotationBar   *self,
                                                              const char               *color);
double                   frontline_annotation_bar_get_line_width (FrontlineAnnotationBar *self);
void                     frontline_annotation_bar_set_line_width (FrontlineAnnotationBar *self,
                                                                  double                  width);

/* Drawing from points of the map widget (what the gestures call; tests call
 * them too). */
gboolean                 frontline_annotation_bar_begin      (FrontlineAnnotationBar   *self,
                                                              double                    x,
                                                              double                    y);
void                     frontline_annotation_bar_update     (FrontlineAnnotationBar   *self,
                                                              double                    x,
                                                              double                    y);
void                     frontline_annotation_bar_end        (FrontlineAnnotationBar   *self,
                                                              double                    x,
                                                              double                    y);
void                     frontline_annotation_bar_cancel     (FrontlineAnnotationBar   *self);
gboolean                 frontline_annotation_bar_undo       (FrontlineAnnotationBar   *self);
gboolean                 frontline_annotation_bar_can_undo   (FrontlineAnnotationBar   *self);
GtkPopover              *frontline_annotation_bar_get_text_popover (FrontlineAnnotationBar *self);
void                     frontline_annotation_bar_done       (FrontlineAnnotationBar   *self);

G_END_DECLS
