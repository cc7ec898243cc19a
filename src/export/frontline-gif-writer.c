/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Stub: the contract of frontline-gif-writer.h, filled in by the video step. */

#include "config.h"

#include <gif_lib.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "frontline-gif-writer.h"

struct _FrontlineGifWriter {
  int fd;
};

FrontlineGifWriter *
frontline_gif_writer_new (int      fd,
                          int      width,
                          int      height,
                          GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "not yet");
  return NULL;
}

gboolean
frontline_gif_writer_set_palette (FrontlineGifWriter  *self,
                                  cairo_surface_t    **samples,
                                  guint                n_samples,
                                  GError             **error)
{
  return FALSE;
}

gboolean
frontline_gif_writer_add_frame (FrontlineGifWriter  *self,
                                cairo_surface_t     *image,
                                double               time,
                                GError             **error)
{
  return FALSE;
}

gboolean
frontline_gif_writer_finish (FrontlineGifWriter  *self,
                             double               end_time,
                             GError             **error)
{
  return FALSE;
}

guint
frontline_gif_writer_get_n_written (FrontlineGifWriter *self)
{
  return 0;
}

void
frontline_gif_writer_free (FrontlineGifWriter *self)
{
  g_free (self);
}
