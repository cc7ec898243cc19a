/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-video"

#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* O_CLOEXEC */
#endif

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "frontline-gif-writer.h"
#include "frontline-safe-file.h"
#include "frontline-video-private.h"

/* Animated GIF through FrontlineGifWriter: one palette from pictures of the
 * range's data dates, then a picture per day (or fade frame). */

#define MAX_PALETTE_SAMPLES 12  /* pictures the palette is made from */

/* The palette's samples: the first day and every data date of the range,
 * spread evenly when there are many. */
static GArray *
palette_days (const FrontlineVideoOptions *options)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (FrontlineDay));
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (FrontlineDay));
  const FrontlineDay *data_days;
  guint n_data_days;

  g_array_append_val (all, options->first);
  data_days = frontline_dataset_get_days (options->picture.dataset, &n_data_days);
  for (guint i = 0; i < n_data_days; i++)
    if (data_days[i] > options->first && data_days[i] <= options->last)
      g_array_append_val (all, data_days[i]);

  if (all->len <= MAX_PALETTE_SAMPLES)
    {
      g_array_append_vals (days, all->data, all->len);
    }
  else
    {
      for (guint i = 0; i < MAX_PALETTE_SAMPLES; i++)
        {
          guint k = (guint) ((guint64) i * (all->len - 1) / (MAX_PALETTE_SAMPLES - 1));

          g_array_append_val (days, g_array_index (all, FrontlineDay, k));
        }
    }

  return days;
}

gboolean
_frontline_video_write_gif (Renderer                     *renderer,
           const char                   *path,
           FrontlineProgressFunc         progress,
           gpointer                      progress_data,
           GCancellable                 *cancellable,
           GError                      **error)
{
  const FrontlineVideoOptions *options = renderer->options;
  guint n_frames = frontline_video_count_frames (options);
  g_autoptr(FrontlineGifWriter) writer = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(GPtrArray) samples = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  gboolean ok = TRUE;
  int fd;

  /* The temporary file, opened again for the writer. */
  fd = open (path, O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    {
      frontline_set_write_error (error, name, errno);
      return FALSE;
    }

  writer = frontline_gif_writer_new (fd, renderer->width, renderer->height, error);
  if (writer == NULL)
    {
      close (fd);
      return FALSE;
    }

  days = palette_days (options);
  samples = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  /* A briefing's palette: the picture at each stop. */
  for (guint i = 0; ok && options->tour != NULL && i < MIN (frontline_tour_get_n_stops (options->tour),
                                                               MAX_PALETTE_SAMPLES); i++)
    {
      Picture picture = { 0 };
      cairo_surface_t *sample;

      frontline_tour_get_frame (options->tour, frontline_tour_get_arrival (options->tour, i), &picture.frame);
      sample = _frontline_video_renderer_draw_picture (renderer, &picture, cancellable, error);
      if (sample == NULL)
        ok = FALSE;
      else
        g_ptr_array_add (samples, sample);
    }
  for (guint i = 0; ok && options->tour == NULL && i < days->len; i++)
    {
      FrontlineDay day = g_array_index (days, FrontlineDay, i);
      cairo_surface_t *sample = _frontline_video_renderer_draw (renderer, day, day, 1.0, cancellable, error);

      if (sample == NULL)
        ok = FALSE;
      else
        g_ptr_array_add (samples, sample);
    }
  ok = ok && frontline_gif_writer_set_palette (writer, (cairo_surface_t **) samples->pdata,
                                               samples->len, error);
  g_clear_pointer (&samples, g_ptr_array_unref);

  for (guint index = 0; ok && index < n_frames;)
    {
      Picture picture;
      cairo_surface_t *image;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }

      _frontline_video_next_picture (options, index, n_frames, &picture);
      image = _frontline_video_renderer_draw_picture (renderer, &picture, cancellable, error);
      if (image == NULL)
        {
          ok = FALSE;
          break;
        }
      ok = frontline_gif_writer_add_frame (writer, image, (double) picture.index / options->fps, error);
      cairo_surface_destroy (image);
      index = picture.index + picture.n;
      if (ok)
        _frontline_video_report (progress, progress_data, index, n_frames);
    }

  ok = ok && frontline_gif_writer_finish (writer, (double) n_frames / options->fps, error);
  g_clear_pointer (&writer, frontline_gif_writer_free);

  if (close (fd) != 0 && ok)
    {
      frontline_set_write_error (error, name, errno);
      ok = FALSE;
    }

  return ok;
}
