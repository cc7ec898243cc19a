/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "frontline-exporter.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_EXPORT_PREVIEW (frontline_export_preview_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineExportPreview, frontline_export_preview, FRONTLINE, EXPORT_PREVIEW, GtkWidget)

GtkWidget    *frontline_export_preview_new           (void);
void          frontline_export_preview_set_options   (FrontlineExportPreview       *self,
                                                      const FrontlineExportOptions *options);
void          frontline_export_preview_cancel        (FrontlineExportPreview       *self);
GdkPaintable *frontline_export_preview_get_paintable (FrontlineExportPreview       *self);

cairo_surface_t *frontline_export_preview_draw        (const FrontlineExportOptions *options,
                                                       int                           width,
                                                       int                           height,
                                                       double                        shrink,
                                                       GError                      **error);
GdkTexture      *frontline_export_preview_texture_new (cairo_surface_t              *surface);
void             frontline_export_preview_return_drawing (GTask                     *task,
                                                          const FrontlineExportOptions *options,
                                                          int                        width,
                                                          int                        height,
                                                          double                     shrink);

G_END_DECLS
