/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

/* What the files of video export share: frontline-video.c (options, the
 * timeline, checks, writing), frontline-video-frames.c (the pictures),
 * frontline-video-gst.c (WebM and MP4 through GStreamer) and
 * frontline-video-gif.c (GIF). Private to src/export/. */

#include <math.h>

#include "frontline-export-private.h"
#include "frontline-video.h"

G_BEGIN_DECLS

#define MAX_VIDEO_WIDTH  7680
#define MAX_VIDEO_HEIGHT 4320
#define MAX_GIF_SIDE     4096
#define MAX_FPS          60
#define MAX_FRAMES       1000000   /* over nine hours at 30 fps */

/* A side of the video in pixels. */
static inline int
_frontline_video_side (double side)
{
  return (int) round (side);
}

static inline void
_frontline_video_report (FrontlineProgressFunc progress,
                         gpointer              progress_data,
                         guint                 done,
                         guint                 n_frames)
{
  if (progress != NULL)
    progress ((double) done / MAX (1, n_frames), progress_data);
}

/* The pictures (frontline-video-frames.c) */

/* A map drawn (basemap and overlay): every frame showing the same areas
 * starts from a copy of it. */
typedef struct {
  GPtrArray       *state;
  gboolean         compared;  /* whether gains and losses are drawn */
  GArray          *changes;
  char            *changes_text;
  cairo_surface_t *image;
  FrontlineView    view;         /* the options' view it was drawn in */
  FrontlineDay     compare_from; /* and their comparison */
  GPtrArray       *annotations;  /* and their annotations (borrowed; compared as a pointer) */
  guint64          used;
} MapSlot;

typedef struct {
  const FrontlineVideoOptions *options;
  FrontlineExportOptions       picture;  /* the options' picture, with a cache */
  FrontlineExportCache        *cache;
  int                          width;
  int                          height;
  MapSlot                      slots[2];  /* a fade needs two maps */
  guint64                      clock;
  guint                        map_draws;
} Renderer;

/* The pictures of the timeline: each with the run of frames it lasts. */
typedef struct {
  guint        index;   /* its first frame */
  guint        n;       /* how many frames show it */
  FrontlineDay day;
  FrontlineDay from;
  double       fade;
  FrontlineTourFrame frame;  /* with options->tour: the tour's frame */
} Picture;

void             _frontline_video_renderer_init   (Renderer                     *self,
                                                   const FrontlineVideoOptions  *options);
void             _frontline_video_renderer_clear  (Renderer                     *self);
cairo_surface_t *_frontline_video_renderer_draw   (Renderer                     *self,
                                                   FrontlineDay                  day,
                                                   FrontlineDay                  fade_from,
                                                   double                        fade,
                                                   GCancellable                 *cancellable,
                                                   GError                      **error);
cairo_surface_t *_frontline_video_renderer_draw_picture (Renderer              *self,
                                                   const Picture                *picture,
                                                   GCancellable                 *cancellable,
                                                   GError                      **error);
void             _frontline_video_next_picture    (const FrontlineVideoOptions  *options,
                                                   guint                         index,
                                                   guint                         n_frames,
                                                   Picture                      *picture);

/* The encoders (frontline-video-gst.c, frontline-video-gif.c) */

gboolean         _frontline_video_check_elements  (FrontlineVideoFormat          format,
                                                   GError                      **error);
gboolean         _frontline_video_write_gst       (Renderer                     *renderer,
                                                   const char                   *path,
                                                   FrontlineProgressFunc         progress,
                                                   gpointer                      progress_data,
                                                   GCancellable                 *cancellable,
                                                   GError                      **error);
gboolean         _frontline_video_write_gif       (Renderer                     *renderer,
                                                   const char                   *path,
                                                   FrontlineProgressFunc         progress,
                                                   gpointer                      progress_data,
                                                   GCancellable                 *cancellable,
                                                   GError                      **error);

G_END_DECLS
