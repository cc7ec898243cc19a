/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Stub: the contract of frontline-video.h, filled in by the video step. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "frontline-video.h"

G_DEFINE_QUARK (frontline-video-error-quark, frontline_video_error)

void
frontline_video_options_init (FrontlineVideoOptions *options,
                              FrontlineDataset      *dataset,
                              FrontlineVideoFormat   format,
                              double                 width,
                              double                 height,
                              double                 scale)
{
  memset (options, 0, sizeof *options);
  frontline_export_options_init (&options->picture, dataset, width, height, scale);
  options->format = format;
  options->first = frontline_dataset_get_first_day (dataset);
  options->last = frontline_dataset_get_last_day (dataset);
  options->fps = format == FRONTLINE_VIDEO_GIF ? 10 : 30;
  options->seconds_per_day = 0.2;
  options->hold = 2.0;
}

gboolean
frontline_video_format_from_filename (const char           *name,
                                      FrontlineVideoFormat *format)
{
  static const char *extensions[] = { ".webm", ".mp4", ".gif" };

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (extensions); i++)
    if (g_str_has_suffix (name, extensions[i]))
      {
        *format = (FrontlineVideoFormat) i;
        return TRUE;
      }
  return FALSE;
}

const char *
frontline_video_format_get_extension (FrontlineVideoFormat format)
{
  static const char *extensions[] = { "webm", "mp4", "gif" };

  return extensions[format];
}

gboolean
frontline_video_check (const FrontlineVideoOptions  *options,
                       GError                      **error)
{
  g_set_error (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_ENCODER, "not yet");
  return FALSE;
}

guint
frontline_video_count_frames (const FrontlineVideoOptions *options)
{
  return 0;
}

FrontlineDay
frontline_video_frame_day (const FrontlineVideoOptions *options,
                           guint                        index,
                           FrontlineDay                *fade_from,
                           double                      *fade)
{
  return options->first;
}

double
frontline_video_get_duration (const FrontlineVideoOptions *options)
{
  return 0;
}

cairo_surface_t *
frontline_video_render_frame (const FrontlineVideoOptions  *options,
                              guint                         index,
                              GError                      **error)
{
  g_set_error (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_ENCODER, "not yet");
  return NULL;
}

gboolean
frontline_video_export (const FrontlineVideoOptions  *options,
                        GFile                        *file,
                        gboolean                      replace,
                        FrontlineProgressFunc         progress,
                        gpointer                      progress_data,
                        GCancellable                 *cancellable,
                        GError                      **error)
{
  g_set_error (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_ENCODER, "not yet");
  return FALSE;
}

void
frontline_video_export_async (const FrontlineVideoOptions *options,
                              GFile                       *file,
                              gboolean                     replace,
                              FrontlineProgressFunc        progress,
                              gpointer                     progress_data,
                              GDestroyNotify               progress_notify,
                              GCancellable                *cancellable,
                              GAsyncReadyCallback          callback,
                              gpointer                     user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  if (progress_notify != NULL)
    progress_notify (progress_data);
  g_task_return_new_error (task, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_ENCODER, "not yet");
}

gboolean
frontline_video_export_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
