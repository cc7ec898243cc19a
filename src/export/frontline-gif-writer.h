/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* An animated GIF through giflib: one global palette of up to 256 colours
 * (GifQuantizeBuffer over sample frames), each frame mapped to it (nearest
 * colour), only the rectangle that changed since the frame before written,
 * and a run of identical frames written once with their delays added. Loops
 * forever (NETSCAPE2.0). */
typedef struct _FrontlineGifWriter FrontlineGifWriter;

/* Writes to @fd (not closed by the writer), @width x @height pixels. */
FrontlineGifWriter *frontline_gif_writer_new          (int                  fd,
                                                       int                  width,
                                                       int                  height,
                                                       GError             **error);
/* The palette, from @n_samples RGB24 or ARGB32 images of the writer's size
 * (say, a frame of each data date). Call once, before the first frame. */
gboolean            frontline_gif_writer_set_palette  (FrontlineGifWriter  *self,
                                                       cairo_surface_t    **samples,
                                                       guint                n_samples,
                                                       GError             **error);
/* A frame that starts @time seconds into the animation (times increase;
 * delays are the differences of times rounded to centiseconds, so the
 * whole lasts what was asked). */
gboolean            frontline_gif_writer_add_frame    (FrontlineGifWriter  *self,
                                                       cairo_surface_t    *image,
                                                       double              time,
                                                       GError             **error);
/* Writes the last frame, lasting until @end_time, and the trailer. */
gboolean            frontline_gif_writer_finish       (FrontlineGifWriter  *self,
                                                       double              end_time,
                                                       GError             **error);
guint               frontline_gif_writer_get_n_written (FrontlineGifWriter *self);
void                frontline_gif_writer_free         (FrontlineGifWriter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FrontlineGifWriter, frontline_gif_writer_free)

G_END_DECLS
