/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "frontline-area.h"
#include "frontline-geometry.h"
#include "frontline-projection.h"

G_BEGIN_DECLS

void     frontline_painter_add_geometry (cairo_t                 *cr,
                                         const FrontlineGeometry *geometry,
                                         double                   zoom,
                                         double                   origin_x,
                                         double                   origin_y,
                                         gboolean                 close);

gboolean frontline_painter_draw_areas   (cairo_t             *cr,
                                         const FrontlineView *view,
                                         GPtrArray           *areas);
void     frontline_painter_draw_changes (cairo_t                 *cr,
                                         const FrontlineView     *view,
                                         const FrontlineGeometry *gained,
                                         const FrontlineGeometry *lost,
                                         const double             rgb[3]);
void     frontline_painter_draw_change_swatch (cairo_t      *cr,
                                               double        x,
                                               double        y,
                                               double        width,
                                               double        height,
                                               const double  rgb[3],
                                               gboolean      gained);
void     frontline_painter_draw_swatch  (cairo_t         *cr,
                                         double           x,
                                         double           y,
                                         double           width,
                                         double           height,
                                         const double     rgb[3],
                                         FrontlineStatus  status,
                                         gboolean         approximate);

void     frontline_painter_draw_annotations (cairo_t             *cr,
                                             const FrontlineView *view,
                                             GPtrArray           *annotations);

G_END_DECLS
