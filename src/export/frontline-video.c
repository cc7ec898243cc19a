/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-video"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "frontline-safe-file.h"
#include "frontline-video-private.h"

/* Videos of a range of days. Every frame is an exporter's picture: the map
 * (basemap and overlay, frontline_export_draw_map()) and the decorations
 * over it (frontline_export_draw_decorations()), so a frame of a day without
 * a fade has the pixels of the PNG export of that day.
 *
 * What costs is drawing, and there is little to draw: the basemap is drawn
 * once for the whole video (the FrontlineExportCache), the map once for each
 * set of areas (a day without a new assessment shows the same areas, so only
 * its decorations are drawn again: the date changed), and a picture once
 * however many frames it lasts: its frames share its memory and differ in
 * their timestamps only.
 *
 * WebM (VP9) and MP4 (H.264) go through GStreamer: each picture converted
 * once to I420, then appsrc ! videoconvert ! I420 ! encoder ! muxer !
 * filesink on a temporary file beside the target; GIF through giflib
 * (FrontlineGifWriter). Either way the file appears complete or not at all
 * (FrontlineSafeFile).
 *
 * Here: options, the timeline, checks, and writing; the pictures in
 * frontline-video-frames.c, the encoders in frontline-video-gst.c and
 * frontline-video-gif.c. */

G_DEFINE_QUARK (frontline-video-error-quark, frontline_video_error)

/* Options */

/**
 * frontline_video_options_init:
 * @width: the video's width in pixels
 * @height: its height
 * @scale: pixels per screen pixel, as for the PNG export
 *
 * Options for a video of every day of @dataset, in the view it opens at,
 * with every decoration.
 */
void
frontline_video_options_init (FrontlineVideoOptions *options,
                              FrontlineDataset      *dataset,
                              FrontlineVideoFormat   format,
                              double                 width,
                              double                 height,
                              double                 scale)
{
  g_return_if_fail (options != NULL);
  g_return_if_fail (FRONTLINE_IS_DATASET (dataset));

  memset (options, 0, sizeof *options);
  frontline_export_options_init (&options->picture, dataset, width, height, scale);
  options->picture.compare_from = FRONTLINE_DAY_NONE;
  options->format = format;
  options->first = frontline_dataset_get_first_day (dataset);
  options->last = frontline_dataset_get_last_day (dataset);
  options->fps = format == FRONTLINE_VIDEO_GIF ? 10 : 30;
  options->seconds_per_day = 0.2;
  options->cross_fade = 0.0;
  options->hold = 2.0;
}

/**
 * frontline_video_options_set_tour:
 * @hold: seconds each stop is held
 *
 * Makes @options a briefing's video: a FrontlineTour of the dataset's stops
 * for the picture's size in screen pixels, each held @hold seconds, the
 * moves as long as the stops say. @options->tour is a new reference.
 */
void
frontline_video_options_set_tour (FrontlineVideoOptions *options,
                                  double                 hold)
{
  double scale;

  g_return_if_fail (options != NULL && FRONTLINE_IS_DATASET (options->picture.dataset));

  scale = frontline_export_options_scale (&options->picture);
  g_clear_object (&options->tour);
  options->tour = frontline_tour_new (options->picture.dataset,
                                      options->picture.view.width / scale,
                                      options->picture.view.height / scale,
                                      MAX (0, hold));
  options->hold = MAX (0, hold);
}

static const char *const extensions[] = { "webm", "mp4", "gif" };

/**
 * frontline_video_format_from_filename:
 * @format: (out) (optional): the format the extension names
 *
 * Returns: whether @name ends in .webm, .mp4 or .gif (in any case)
 */
gboolean
frontline_video_format_from_filename (const char           *name,
                                      FrontlineVideoFormat *format)
{
  const char *dot;

  if (name == NULL)
    return FALSE;

  dot = strrchr (name, '.');
  if (dot == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      if (g_ascii_strcasecmp (dot + 1, extensions[i]) == 0)
        {
          if (format != NULL)
            *format = (FrontlineVideoFormat) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * frontline_video_format_get_extension:
 *
 * Returns: the extension of @format's files, without the dot
 */
const char *
frontline_video_format_get_extension (FrontlineVideoFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (extensions), "webm");

  return extensions[format];
}

/* The timeline */

static guint
count_days (const FrontlineVideoOptions *options)
{
  return options->last >= options->first ? options->last - options->first + 1 : 0;
}

static double
frames_per_day (const FrontlineVideoOptions *options)
{
  return options->seconds_per_day * options->fps;
}

/* The first frame of day @k of the range (k = n_days: the first frame
 * after the last day, where the hold starts). */
static guint64
day_start (const FrontlineVideoOptions *options,
           guint64                      k)
{
  return (guint64) llround ((double) k * options->seconds_per_day * options->fps);
}

static guint64
count_hold_frames (const FrontlineVideoOptions *options)
{
  return options->hold > 0 ? (guint64) llround (options->hold * options->fps) : 0;
}

static guint64
count_fade_frames (const FrontlineVideoOptions *options)
{
  return options->cross_fade > 0 ? (guint64) llround (options->cross_fade * options->fps) : 0;
}

/* A briefing's frames: its duration at the frame rate, at least one. */
static guint64
count_tour_frames (const FrontlineVideoOptions *options)
{
  return MAX (1, (guint64) llround (frontline_tour_get_duration (options->tour) * options->fps));
}

static gboolean
tour_is_valid (const FrontlineVideoOptions *options)
{
  return options->picture.dataset != NULL && frontline_tour_get_n_stops (options->tour) > 0 &&
         options->fps >= 1 && options->fps <= MAX_FPS &&
         frontline_tour_get_duration (options->tour) * options->fps <= MAX_FRAMES;
}

/* Whether the timeline's numbers can be counted at all. */
static gboolean
timeline_is_valid (const FrontlineVideoOptions *options)
{
  if (options->tour != NULL)
    return tour_is_valid (options);

  return options->picture.dataset != NULL &&
         options->first != FRONTLINE_DAY_NONE && options->first <= options->last &&
         options->fps >= 1 && options->fps <= MAX_FPS &&
         isfinite (options->seconds_per_day) && frames_per_day (options) >= 1 &&
         (double) count_days (options) * frames_per_day (options) <= MAX_FRAMES &&
         isfinite (options->hold) && options->hold * options->fps <= MAX_FRAMES &&
         isfinite (options->cross_fade) && options->cross_fade * options->fps <= MAX_FRAMES;
}

/**
 * frontline_video_count_frames:
 *
 * Returns: the frames of the whole video, the hold included; 0 for options
 *   frontline_video_check() refuses
 */
guint
frontline_video_count_frames (const FrontlineVideoOptions *options)
{
  g_return_val_if_fail (options != NULL, 0);

  if (!timeline_is_valid (options))
    return 0;

  if (options->tour != NULL)
    return (guint) count_tour_frames (options);

  return (guint) (day_start (options, count_days (options)) + count_hold_frames (options));
}

/**
 * frontline_video_get_duration:
 *
 * Returns: the seconds the video lasts: its frames over its frame rate
 */
double
frontline_video_get_duration (const FrontlineVideoOptions *options)
{
  g_return_val_if_fail (options != NULL, 0);

  if (!timeline_is_valid (options))
    return 0;

  return (double) frontline_video_count_frames (options) / options->fps;
}

/**
 * frontline_video_frame_day:
 * @index: a frame, from 0; past the end, the last
 * @fade_from: (out) (optional): the day whose map the frame fades from; the
 *   day itself when no fade runs
 * @fade: (out) (optional): how far the fade is, (j + 1) / (n + 1) at the
 *   j-th of its n frames; 1 when none runs
 *
 * Which day frame @index shows: day k of the range from frame
 * llround (k × seconds_per_day × fps), the last day through the hold. A
 * cross-fade starts at the first frame of a data date (not the range's first
 * day) and is cut short by the next; one still running when the last day
 * ends runs on into the hold.
 *
 * Returns: the day
 */
FrontlineDay
frontline_video_frame_day (const FrontlineVideoOptions *options,
                           guint                        index,
                           FrontlineDay                *fade_from,
                           double                      *fade)
{
  guint n_days;
  guint64 n_fade;
  guint k;
  FrontlineDay day;
  FrontlineDay from;
  double amount = 1.0;

  g_return_val_if_fail (options != NULL, FRONTLINE_DAY_NONE);

  if (!timeline_is_valid (options))
    {
      if (fade_from != NULL)
        *fade_from = options->first;
      if (fade != NULL)
        *fade = 1.0;
      return options->first;
    }

  if (options->tour != NULL)
    {
      FrontlineTourFrame frame;

      frontline_tour_get_frame (options->tour, (double) index / options->fps, &frame);
      if (fade_from != NULL)
        *fade_from = frame.day;
      if (fade != NULL)
        *fade = 1.0;
      return frame.day;
    }

  n_days = count_days (options);
  if (index >= day_start (options, n_days))
    {
      k = n_days - 1;
    }
  else
    {
      /* The estimate, then the rounding's correction. */
      k = (guint) MIN (floor (index / frames_per_day (options)), (double) (n_days - 1));
      while (k > 0 && day_start (options, k) > index)
        k--;
      while (k + 1 < n_days && day_start (options, k + 1) <= index)
        k++;
    }

  day = from = options->first + k;
  n_fade = count_fade_frames (options);
  if (n_fade > 0)
    {
      FrontlineDay data_day = frontline_dataset_get_data_day_for (options->picture.dataset, day);

      if (data_day != FRONTLINE_DAY_NONE && data_day > options->first)
        {
          guint64 j = index - day_start (options, data_day - options->first);

          if (j < n_fade)
            {
              from = data_day - 1;
              amount = (double) (j + 1) / (double) (n_fade + 1);
            }
        }
    }

  if (fade_from != NULL)
    *fade_from = from;
  if (fade != NULL)
    *fade = amount;

  return day;
}

/* Checks */

/**
 * frontline_video_check:
 *
 * Checks the options: the range within the dataset's dates, the frame
 * rate, at least a frame a day, the fade and hold, the size (even for WebM
 * and MP4), the picture's own options, and that GStreamer has the elements
 * the format needs.
 *
 * Returns: whether the video can be made, else %FALSE with @error set
 *   (%FRONTLINE_VIDEO_ERROR_OPTIONS or %FRONTLINE_VIDEO_ERROR_ENCODER)
 */
gboolean
frontline_video_check (const FrontlineVideoOptions  *options,
                       GError                      **error)
{
  FrontlineDataset *dataset;
  FrontlineDay first_day, last_day;
  g_autoptr(GError) picture_error = NULL;
  int width, height;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (FRONTLINE_IS_DATASET (options->picture.dataset), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dataset = options->picture.dataset;
  first_day = frontline_dataset_get_first_day (dataset);
  last_day = frontline_dataset_get_last_day (dataset);

  if (first_day == FRONTLINE_DAY_NONE)
    {
      g_set_error_literal (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_OPTIONS,
                           _("The dataset has no dates to make a video of"));
      return FALSE;
    }

  if (options->tour != NULL)
    {
      if (frontline_tour_get_n_stops (options->tour) == 0)
        {
          g_set_error_literal (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_OPTIONS,
                               _("The dataset has no stops to make a briefing’s video of"));
          return FALSE;
        }
    }
  else if (options->first == FRONTLINE_DAY_NONE || options->last == FRONTLINE_DAY_NONE ||
           options->first > options->last)
    {
      g_autofree char *from = frontline_day_format_label (options->first);
      g_autofree char *to = frontline_day_format_label (options->last);

      g_set_error (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_OPTIONS,
                   /* Translators: the %s are dates */
                   _("The video’s first date (%s) must not come after its last (%s)"), from, to);
      return FALSE;
    }

  if (options->tour == NULL && (options->first < first_day || options->last > last_day))
    {
      g_autofree char *from = frontline_day_format_label (first_day);
      g_autofree char *to = frontline_day_format_label (last_day);

      g_set_error (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_OPTIONS,
                   /* Translators: the %s are dates */
                   _("The video’s dates must be within the dataset’s, from %s to %s"), from, to);
      return FALSE;
    }

  if (options->fps < 1 || options->fps > MAX_FPS)
    {
      g_set_error (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_OPTIONS,
                   _("The frame rate must be between 1 and %d frames a second"), MAX_FPS);
      return FALSE;
    }

  if (options->tour == NULL && !(isfinite (options->seconds_per_day) && frames_per_day (options) >= 1))
    {
      g_set_error (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_OPTIONS,
                   /* Translators: %u is a frame rate, %.3g seconds */
                   _("Every day needs at least one frame: at %u frames a second, show each day "
                     "for at least %.3g s"), options->fps, 1.0 / options->fps);
      return FALSE;
    }

  if (options->tour == NULL && !(isfinite (options->cross_fade) && options->cross_fade >= 0))
    {
      g_set_error_literal (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_OPTIONS,
                           _("The cross-fade must be zero or more seconds"));
      return FALSE;
    }

  if (options->tour == NULL && !(isfinite (options->hold) && options->hold >= 0))
    {
      g_set_error_literal (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_OPTIONS,
                           _("The time the last date is held must be zero or more seconds"));
      return FALSE;
    }

  if (!timeline_is_valid (options))
    {
      g_set_error (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_OPTIONS,
                   _("The video would be too long: it can have at most %d frames"), MAX_FRAMES);
      return FALSE;
    }

  if (!frontline_export_check_options (&options->picture, &picture_error))
    {
      g_set_error_literal (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_OPTIONS,
                           picture_error->message);
      return FALSE;
    }

  width = _frontline_video_side (options->picture.view.width);
  height = _frontline_video_side (options->picture.view.height);
  if (options->format == FRONTLINE_VIDEO_GIF)
    {
      if (width > MAX_GIF_SIDE || height > MAX_GIF_SIDE)
        {
          g_set_error (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_OPTIONS,
                       _("A GIF can be at most %d pixels wide and high"), MAX_GIF_SIDE);
          return FALSE;
        }
    }
  else
    {
      if (width > MAX_VIDEO_WIDTH || height > MAX_VIDEO_HEIGHT)
        {
          g_set_error (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_OPTIONS,
                       /* Translators: “7680 × 4320” */
                       _("A video can be at most %d × %d pixels"), MAX_VIDEO_WIDTH, MAX_VIDEO_HEIGHT);
          return FALSE;
        }
      if (width % 2 != 0 || height % 2 != 0)
        {
          g_set_error (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_OPTIONS,
                       /* Translators: the first %d × %d is the size asked for, the second the one to use */
                       _("WebM and MP4 videos need an even width and height: %d × %d cannot be encoded, "
                         "%d × %d can"), width, height, MAX (2, width & ~1), MAX (2, height & ~1));
          return FALSE;
        }
    }

  return _frontline_video_check_elements (options->format, error);
}

/**
 * frontline_video_render_frame:
 * @index: a frame of the timeline
 *
 * Draws frame @index into an RGB24 image of the view's size, as the video
 * shows it; the basemap comes from picture.cache when set.
 *
 * Returns: (transfer full) (nullable): the image, or %NULL with @error set
 */
cairo_surface_t *
frontline_video_render_frame (const FrontlineVideoOptions  *options,
                              guint                         index,
                              GError                      **error)
{
  Renderer renderer;
  cairo_surface_t *frame;
  FrontlineDay day, from;
  double fade;

  g_return_val_if_fail (options != NULL && FRONTLINE_IS_DATASET (options->picture.dataset), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!timeline_is_valid (options))
    {
      /* The check says what is wrong; the elements do not matter here. */
      FrontlineVideoOptions picture_only = *options;

      picture_only.format = FRONTLINE_VIDEO_GIF;
      if (!frontline_video_check (&picture_only, error))
        return NULL;
    }

  if (!frontline_export_check_options (&options->picture, error))
    return NULL;

  _frontline_video_renderer_init (&renderer, options);
  if (options->tour != NULL)
    {
      Picture picture = { 0 };

      frontline_tour_get_frame (options->tour, (double) index / options->fps, &picture.frame);
      frame = _frontline_video_renderer_draw_picture (&renderer, &picture, NULL, error);
    }
  else
    {
      day = frontline_video_frame_day (options, index, &from, &fade);
      frame = _frontline_video_renderer_draw (&renderer, day, from, fade, NULL, error);
    }
  _frontline_video_renderer_clear (&renderer);

  return frame;
}

/* Writing */

/**
 * frontline_video_export:
 * @file: where to write, a local file
 * @replace: whether an existing @file may be replaced; if not, an existing
 *   file is %G_IO_ERROR_EXISTS and is left alone
 * @progress: (nullable) (scope call): called from the worker with the
 *   frames done over all
 *
 * Writes the video: into a temporary file beside @file, synced, then renamed
 * into place. Cancel (checked every frame) or any failure leaves no file
 * and @file as it was. May run in any thread.
 *
 * Returns: whether the video was written
 */
gboolean
frontline_video_export (const FrontlineVideoOptions  *options,
                        GFile                        *file,
                        gboolean                      replace,
                        FrontlineProgressFunc         progress,
                        gpointer                      progress_data,
                        GCancellable                 *cancellable,
                        GError                      **error)
{
  g_autoptr(FrontlineSafeFile) out = NULL;
  Renderer renderer;
  gboolean ok;

  g_return_val_if_fail (options != NULL && FRONTLINE_IS_DATASET (options->picture.dataset), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!frontline_video_check (options, error))
    return FALSE;

  /* Refuses an existing file before any work; its rename refuses one that
   * appeared meanwhile. */
  out = frontline_safe_file_new (file, replace, error);
  if (out == NULL)
    return FALSE;

  _frontline_video_renderer_init (&renderer, options);
  if (options->format == FRONTLINE_VIDEO_GIF)
    ok = _frontline_video_write_gif (&renderer, frontline_safe_file_get_temp_path (out), progress, progress_data,
                    cancellable, error);
  else
    ok = _frontline_video_write_gst (&renderer, frontline_safe_file_get_temp_path (out), progress, progress_data,
                      cancellable, error);
  g_debug ("%u maps drawn for %u frames", renderer.map_draws, frontline_video_count_frames (options));
  _frontline_video_renderer_clear (&renderer);

  /* Synced, renamed into place, the folder synced; on failure, gone. */
  return ok && frontline_safe_file_commit (out, cancellable, error);
}

typedef struct {
  FrontlineVideoOptions  options;
  GFile                 *file;
  gboolean               replace;
  char                  *mbtiles;
  char                  *basemap_credit;
  GPtrArray             *annotations;
  FrontlineProgress     *progress;  /* nullable */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->options.picture.dataset);
  g_clear_object (&job->options.picture.tiles);
  g_clear_object (&job->options.picture.cache);
  g_clear_object (&job->options.tour);
  g_clear_object (&job->file);
  g_free (job->mbtiles);
  g_free (job->basemap_credit);
  g_clear_pointer (&job->annotations, g_ptr_array_unref);
  g_clear_pointer (&job->progress, frontline_progress_free);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (frontline_video_export (&job->options, job->file, job->replace,
                              job->progress != NULL ? frontline_progress_report : NULL, job->progress,
                              cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * frontline_video_export_async:
 * @progress: (scope notified) (nullable): called in the caller's main
 *   context with the frames done over all
 *
 * frontline_video_export() in a worker thread. The options are copied: the
 * dataset, tile fetcher and cache are kept alive until the export ends.
 */
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
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (options != NULL && FRONTLINE_IS_DATASET (options->picture.dataset));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (Job, 1);
  job->options = *options;
  g_object_ref (job->options.picture.dataset);
  job->options.picture.mbtiles = job->mbtiles = g_strdup (options->picture.mbtiles);
  job->options.picture.basemap_credit = job->basemap_credit = g_strdup (options->picture.basemap_credit);
  job->options.picture.missing_tiles = NULL;
  if (options->picture.tiles != NULL)
    g_object_ref (options->picture.tiles);
  if (options->picture.cache != NULL)
    g_object_ref (options->picture.cache);
  if (options->tour != NULL)
    g_object_ref (options->tour);
  job->options.picture.annotations = job->annotations =
    frontline_export_copy_annotations (options->picture.annotations);
  job->file = g_object_ref (file);
  job->replace = replace;
  if (progress != NULL)
    job->progress = frontline_progress_new (NULL, progress, progress_data, progress_notify);
  else if (progress_notify != NULL)
    progress_notify (progress_data);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, frontline_video_export_async);
  g_task_set_task_data (task, job, job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, export_thread);
}

gboolean
frontline_video_export_finish (GAsyncResult  *result,
                               GError       **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == frontline_video_export_async, FALSE);

  /* Nothing is delivered once the caller has the result. */
  job = g_task_get_task_data (G_TASK (result));
  if (job->progress != NULL)
    frontline_progress_finish (job->progress);

  return g_task_propagate_boolean (G_TASK (result), error);
}
