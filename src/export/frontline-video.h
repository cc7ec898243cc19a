/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "frontline-exporter.h"
#include "frontline-progress.h"
#include "frontline-tour.h"

G_BEGIN_DECLS

/* Videos of a range of days: WebM (VP9), MP4 (H.264) through GStreamer, and
 * animated GIF through giflib. Display-free; the frames are the exporter's
 * pictures, so a frame of a day shows what the PNG export of that day shows. */

typedef enum {
  FRONTLINE_VIDEO_WEBM,
  FRONTLINE_VIDEO_MP4,
  FRONTLINE_VIDEO_GIF,
} FrontlineVideoFormat;

#define FRONTLINE_VIDEO_ERROR (frontline_video_error_quark ())

typedef enum {
  FRONTLINE_VIDEO_ERROR_OPTIONS,  /* a range, speed, rate or size that cannot be made */
  FRONTLINE_VIDEO_ERROR_ENCODER,  /* a GStreamer element is missing (the message names it and its package) */
  FRONTLINE_VIDEO_ERROR_FAILED,   /* the encoder or the muxer failed (GStreamer's words after Frontline's) */
} FrontlineVideoError;

/* The timeline of a video: every day from @first to @last, each for
 * @seconds_per_day (at least one frame, so the title counts every day),
 * then the last day held for @hold seconds. The map of a day is the state
 * at that day (the latest assessment on or before it); with @cross_fade, a
 * data date's map fades in from the one before over @cross_fade seconds
 * from the first frame of that date (never before it: no frame shows a map
 * later than its title), cut short by the next data date. The title, legend,
 * scale and credits are drawn over the map of each frame, never faded. */
typedef struct {
  FrontlineExportOptions picture;          /* as for PNG export; picture.day and picture.format are ignored.
                                            * picture.view.width and height must be even for WebM and MP4 */
  FrontlineVideoFormat   format;
  FrontlineDay           first;
  FrontlineDay           last;
  guint                  fps;              /* 1 to 60 */
  double                 seconds_per_day;  /* at least 1 / fps */
  double                 cross_fade;       /* seconds; 0 for none */
  double                 hold;             /* seconds the last frame stays on screen */
  FrontlineTour         *tour;             /* (nullable): a briefing's run through the dataset's stops instead of
                                            * the range of days: made for the picture's size in screen pixels
                                            * (view.width / scale × view.height / scale); frame i shows
                                            * frontline_tour_get_frame (i / fps), on arrival at a stop the
                                            * picture of frontline_export_options_init_for_stop() (its date,
                                            * comparison and annotations). first, last, seconds_per_day,
                                            * cross_fade, hold and picture.compare_from are then ignored;
                                            * borrowed for the call (reffed by _async) */
} FrontlineVideoOptions;

GQuark   frontline_video_error_quark           (void);

/* Defaults: the dataset's first to last day, 30 fps (10 for GIF), 0.2 s a
 * day, no cross-fade, 2 s hold, the view fitted, every decoration. */
void     frontline_video_options_init          (FrontlineVideoOptions        *options,
                                                FrontlineDataset             *dataset,
                                                FrontlineVideoFormat          format,
                                                double                        width,
                                                double                        height,
                                                double                        scale);
gboolean frontline_video_format_from_filename  (const char                   *name,
                                                FrontlineVideoFormat         *format);
const char *frontline_video_format_get_extension (FrontlineVideoFormat        format);
/* A briefing's video: @options for the whole dataset (see
 * frontline_video_options_init()) with a tour of its stops made for the
 * picture's size, each stop held @hold seconds; @options->tour is a new
 * reference the caller drops (g_clear_object()). */
void     frontline_video_options_set_tour      (FrontlineVideoOptions        *options,
                                                double                        hold);
/* Checks the options (range within the dataset, rate, speed, even sizes for
 * WebM and MP4) and that GStreamer has the elements the format needs. */
gboolean frontline_video_check                 (const FrontlineVideoOptions  *options,
                                                GError                      **error);

/* The timeline: how many frames in all (hold included), the day frame
 * @index shows and, while a cross-fade runs, how far it is (0 to 1, 1 when
 * no fade runs) from @fade_from's map to the day's. */
guint    frontline_video_count_frames          (const FrontlineVideoOptions  *options);
FrontlineDay frontline_video_frame_day         (const FrontlineVideoOptions  *options,
                                                guint                         index,
                                                FrontlineDay                 *fade_from,
                                                double                       *fade);
/* Seconds the whole video lasts: frames / fps. */
double   frontline_video_get_duration          (const FrontlineVideoOptions  *options);

/* Draws frame @index into an RGB24 image of the view's size (for the tests
 * and the dialog's preview); the basemap comes from picture.cache when set. */
cairo_surface_t *frontline_video_render_frame  (const FrontlineVideoOptions  *options,
                                                guint                         index,
                                                GError                      **error);

/* Writes the video: into a temporary file beside @file, synced, then renamed
 * into place; @file is replaced only when @replace. Cancel or any failure
 * leaves no file. @progress (optional) is called from the worker with the
 * frames done over all; frontline_progress_report() fits. */
gboolean frontline_video_export                (const FrontlineVideoOptions  *options,
                                                GFile                        *file,
                                                gboolean                      replace,
                                                FrontlineProgressFunc         progress,
                                                gpointer                      progress_data,
                                                GCancellable                 *cancellable,
                                                GError                      **error);
/* The same in a worker; @progress is called in the caller's main context
 * (through FrontlineProgress). The options are copied (the dataset
 * reffed). */
void     frontline_video_export_async          (const FrontlineVideoOptions  *options,
                                                GFile                        *file,
                                                gboolean                      replace,
                                                FrontlineProgressFunc         progress,
                                                gpointer                      progress_data,
                                                GDestroyNotify                progress_notify,
                                                GCancellable                 *cancellable,
                                                GAsyncReadyCallback           callback,
                                                gpointer                      user_data);
gboolean frontline_video_export_finish         (GAsyncResult                 *result,
                                                GError                      **error);

G_END_DECLS
