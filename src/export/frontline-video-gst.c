/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-video"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <gst/video/video.h>
#include <string.h>

#include "frontline-video-private.h"

/* WebM (VP9) and MP4 (H.264) through GStreamer: each picture (cairo's
 * RGB24, BGRx in memory) converted once to I420 (GstVideoConverter, every
 * core), pushed as many frames as it lasts (the same memory, new
 * timestamps) into appsrc ! videoconvert (passing I420 through) ! I420 !
 * queue ! encoder ! muxer ! filesink on the temporary file. */

#define QUEUED_FRAMES 3  /* frames appsrc holds before the producer waits */

/* GStreamer: its elements and the packages Debian has them in */

typedef struct {
  const char *factory;
  const char *package;
} Element;

#define CORE "libgstreamer1.0-0"
#define BASE "gstreamer1.0-plugins-base"
#define GOOD "gstreamer1.0-plugins-good"
#define UGLY "gstreamer1.0-plugins-ugly"

static const Element webm_elements[] = {
  { "appsrc", BASE }, { "videoconvert", BASE }, { "capsfilter", CORE }, { "queue", CORE },
  { "vp9enc", GOOD }, { "webmmux", GOOD }, { "filesink", CORE },
};

static const Element mp4_elements[] = {
  { "appsrc", BASE }, { "videoconvert", BASE }, { "capsfilter", CORE }, { "queue", CORE },
  { "x264enc", UGLY }, { "mp4mux", GOOD }, { "filesink", CORE },
};

static const Element *
format_elements (FrontlineVideoFormat  format,
                 guint                *n_elements)
{
  switch (format)
    {
    case FRONTLINE_VIDEO_WEBM:
      *n_elements = G_N_ELEMENTS (webm_elements);
      return webm_elements;
    case FRONTLINE_VIDEO_MP4:
      *n_elements = G_N_ELEMENTS (mp4_elements);
      return mp4_elements;
    case FRONTLINE_VIDEO_GIF:
    default:
      *n_elements = 0;
      return NULL;
    }
}

static GError *gst_init_error;

static gpointer
init_gstreamer (gpointer data)
{
  gst_init_check (NULL, NULL, &gst_init_error);
  return NULL;
}

/* GStreamer is initialised once, by whichever thread needs it first. */
static gboolean
ensure_gstreamer (GError **error)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_gstreamer, NULL);
  if (gst_init_error != NULL)
    {
      g_set_error (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_ENCODER,
                   /* Translators: %s is GStreamer's own message */
                   _("GStreamer, which encodes videos, could not start: %s"), gst_init_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
set_missing_error (GError        **error,
                   const Element  *element)
{
  g_set_error (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_ENCODER,
               /* Translators: the first %s is a GStreamer element (“vp9enc”), the second a package */
               _("The GStreamer element “%s” is missing: install the package %s"),
               element->factory, element->package);
}

gboolean
_frontline_video_check_elements (FrontlineVideoFormat   format,
                GError               **error)
{
  guint n_elements;
  const Element *elements = format_elements (format, &n_elements);

  if (n_elements == 0)
    return TRUE;
  if (!ensure_gstreamer (error))
    return FALSE;

  for (guint i = 0; i < n_elements; i++)
    {
      GstElementFactory *factory = gst_element_factory_find (elements[i].factory);

      if (factory == NULL)
        {
          set_missing_error (error, &elements[i]);
          return FALSE;
        }
      gst_object_unref (factory);
    }

  return TRUE;
}

/* The video's frames through GStreamer */

typedef struct {
  GstElement *pipeline;
  GstElement *src;
  GstBus     *bus;
  guint64     max_queued;
  /* A picture becomes I420 once, however many frames it lasts: converting
   * every frame was a third of the work. */
  GstVideoConverter *converter;
  GstVideoInfo       bgrx;
  GstVideoInfo       i420;
  char       *faststart_path;  /* MP4's media while the index is written */
} Pipeline;

static GstElement *
add_element (Pipeline             *p,
             const Element        *elements,
             guint                 n_elements,
             const char           *factory,
             GError              **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    {
      for (guint i = 0; i < n_elements; i++)
        if (strcmp (elements[i].factory, factory) == 0)
          set_missing_error (error, &elements[i]);
      return NULL;
    }

  gst_bin_add (GST_BIN (p->pipeline), element);
  return element;
}

static void
set_gst_error (GError     **error,
               GstMessage  *message)
{
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;

  gst_message_parse_error (message, &gst_error, &debug);
  g_debug ("GStreamer: %s (%s)", gst_error->message, debug != NULL ? debug : "");
  g_set_error (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_FAILED,
               /* Translators: %s is GStreamer's message */
               _("The video could not be encoded: %s"), gst_error->message);
}

static gboolean
build_pipeline (Pipeline                     *p,
                const FrontlineVideoOptions  *options,
                const char                   *path,
                GError                      **error)
{
  guint n_elements;
  const Element *elements = format_elements (options->format, &n_elements);
  int width = _frontline_video_side (options->picture.view.width);
  int height = _frontline_video_side (options->picture.view.height);
  guint threads = MAX (1, g_get_num_processors ());
  GstElement *convert, *i420, *queue, *encoder, *profile = NULL, *mux, *sink;
  g_autoptr(GstCaps) src_caps = NULL;
  g_autoptr(GstCaps) i420_caps = NULL;
  gboolean linked;

  p->pipeline = gst_pipeline_new ("frontline-video");
  p->faststart_path = g_strconcat (path, ".mdat", NULL);
  p->bus = gst_element_get_bus (p->pipeline);

  if (!(p->src = add_element (p, elements, n_elements, "appsrc", error)) ||
      !(convert = add_element (p, elements, n_elements, "videoconvert", error)) ||
      !(i420 = add_element (p, elements, n_elements, "capsfilter", error)) ||
      !(queue = add_element (p, elements, n_elements, "queue", error)) ||
      !(encoder = add_element (p, elements, n_elements,
                               options->format == FRONTLINE_VIDEO_WEBM ? "vp9enc" : "x264enc", error)) ||
      (options->format == FRONTLINE_VIDEO_MP4 &&
       !(profile = add_element (p, elements, n_elements, "capsfilter", error))) ||
      !(mux = add_element (p, elements, n_elements,
                           options->format == FRONTLINE_VIDEO_WEBM ? "webmmux" : "mp4mux", error)) ||
      !(sink = add_element (p, elements, n_elements, "filesink", error)))
    return FALSE;

  /* cairo's RGB24 is BGRx in memory, rows of exactly width × 4 bytes;
   * 4:2:0, which every player plays (x264 would pick 4:4:4 for BGRx), in
   * BT.709 colours whatever the size. */
  gst_video_info_set_format (&p->bgrx, GST_VIDEO_FORMAT_BGRx, (guint) width, (guint) height);
  gst_video_info_set_format (&p->i420, GST_VIDEO_FORMAT_I420, (guint) width, (guint) height);
  gst_video_colorimetry_from_string (&p->i420.colorimetry, GST_VIDEO_COLORIMETRY_BT709);
  p->i420.fps_n = p->bgrx.fps_n = (int) options->fps;
  p->i420.fps_d = p->bgrx.fps_d = 1;
  p->converter = gst_video_converter_new (&p->bgrx, &p->i420,
                                          gst_structure_new ("GstVideoConverter",
                                                             GST_VIDEO_CONVERTER_OPT_THREADS, G_TYPE_UINT,
                                                             threads, NULL));
  src_caps = gst_video_info_to_caps (&p->i420);
  p->max_queued = (guint64) QUEUED_FRAMES * GST_VIDEO_INFO_SIZE (&p->i420);
  /* The producer waits for room itself (see push_frame()); blocking is the
   * bound's backstop, never reached. */
  g_object_set (p->src,
                "caps", src_caps,
                "format", GST_FORMAT_TIME,
                "is-live", FALSE,
                "block", TRUE,
                "max-bytes", p->max_queued + GST_VIDEO_INFO_SIZE (&p->i420),
                NULL);

  /* Given I420 already, videoconvert passes it through. */
  g_object_set (convert, "n-threads", threads, NULL);
  i420_caps = gst_video_info_to_caps (&p->i420);
  g_object_set (i420, "caps", i420_caps, NULL);
  g_object_set (queue, "max-size-buffers", 4, "max-size-bytes", 0, "max-size-time", (guint64) 0, NULL);

  if (options->format == FRONTLINE_VIDEO_WEBM)
    {
      /* Real time, fast, on every core: flat map graphics need little
       * motion search, and repeated frames cost next to nothing. Constant
       * quality, capped: text and borders stay sharp, a still day is small. */
      g_object_set (encoder,
                    "deadline", (gint64) 1,
                    "cpu-used", 8,
                    "row-mt", TRUE,
                    "threads", threads,
                    "tile-columns", 2,
                    "lag-in-frames", 0,
                    "end-usage", 2 /* cq */,
                    "cq-level", 18,
                    "min-quantizer", 4,
                    "max-quantizer", 40,
                    "target-bitrate", (int) MIN ((double) G_MAXINT,
                                                 (double) width * height * options->fps * 0.12),
                    "keyframe-max-dist", (int) MAX (1, 5 * options->fps),
                    NULL);
    }
  else
    {
      g_autoptr(GstCaps) h264_caps = gst_caps_new_simple ("video/x-h264",
                                                          "profile", G_TYPE_STRING, "high", NULL);

      /* A fast preset and constant quality (CRF). */
      gst_util_set_object_arg (G_OBJECT (encoder), "speed-preset", "veryfast");
      gst_util_set_object_arg (G_OBJECT (encoder), "pass", "qual");
      g_object_set (encoder,
                    "threads", threads,
                    "quantizer", 20,
                    "key-int-max", MAX (1, 5 * options->fps),
                    NULL);
      g_object_set (profile, "caps", h264_caps, NULL);
      /* The index at the front, so a player starts before the whole file
       * is read; the media meanwhile beside the temporary file, on the
       * disk the video goes to (not in /tmp, which may be small). */
      g_object_set (mux, "faststart", TRUE, "faststart-file", p->faststart_path, NULL);
    }

  g_object_set (sink, "location", path, "sync", FALSE, "async", FALSE, NULL);

  linked = gst_element_link_many (p->src, convert, i420, queue, encoder, NULL) &&
           (profile == NULL ? gst_element_link (encoder, mux)
                            : gst_element_link_many (encoder, profile, mux, NULL)) &&
           gst_element_link (mux, sink);
  if (!linked)
    {
      g_set_error_literal (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_FAILED,
                           _("The video could not be encoded: GStreamer’s elements do not fit together"));
      return FALSE;
    }

  return TRUE;
}

static void
pipeline_clear (Pipeline *p)
{
  if (p->pipeline != NULL)
    gst_element_set_state (p->pipeline, GST_STATE_NULL);
  g_clear_pointer (&p->bus, gst_object_unref);
  g_clear_pointer (&p->pipeline, gst_object_unref);
  g_clear_pointer (&p->converter, gst_video_converter_free);
  /* mp4mux removes it, but not on every failure. */
  if (p->faststart_path != NULL)
    g_unlink (p->faststart_path);
  g_clear_pointer (&p->faststart_path, g_free);
}

/* Takes an error off the bus, waiting up to @timeout for it. */
static gboolean
pipeline_failed (Pipeline      *p,
                 GstClockTime   timeout,
                 GError       **error)
{
  GstMessage *message = gst_bus_timed_pop_filtered (p->bus, timeout, GST_MESSAGE_ERROR);

  if (message == NULL)
    return FALSE;

  set_gst_error (error, message);
  gst_message_unref (message);
  return TRUE;
}

/* Hands @buffer over once appsrc has room: waiting on the bus, so that an
 * encoder or a file that failed stops the video at once rather than leave
 * the producer blocked on a queue nobody empties. */
static gboolean
push_frame (Pipeline      *p,
            GstBuffer     *buffer,
            GCancellable  *cancellable,
            GError       **error)
{
  GstFlowReturn flow;

  while (gst_app_src_get_current_level_bytes (GST_APP_SRC (p->src)) >= p->max_queued)
    {
      if (pipeline_failed (p, 5 * GST_MSECOND, error) ||
          g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          gst_buffer_unref (buffer);
          return FALSE;
        }
    }

  flow = gst_app_src_push_buffer (GST_APP_SRC (p->src), buffer);
  if (flow != GST_FLOW_OK)
    {
      if (!pipeline_failed (p, 0, error))
        g_set_error (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_FAILED,
                     _("The video could not be encoded: %s"), gst_flow_get_name (flow));
      return FALSE;
    }

  return TRUE;
}

/* The picture as an I420 buffer; @image is freed. */
static GstBuffer *
to_i420 (Pipeline        *p,
         cairo_surface_t *image)
{
  gsize size = (gsize) cairo_image_surface_get_stride (image) * cairo_image_surface_get_height (image);
  GstBuffer *bgrx = gst_buffer_new_wrapped_full (GST_MEMORY_FLAG_READONLY, cairo_image_surface_get_data (image),
                                                 size, 0, size, image, (GDestroyNotify) cairo_surface_destroy);
  GstBuffer *i420 = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (&p->i420), NULL);
  GstVideoFrame in, out;

  if (gst_video_frame_map (&in, &p->bgrx, bgrx, GST_MAP_READ))
    {
      if (gst_video_frame_map (&out, &p->i420, i420, GST_MAP_WRITE))
        {
          gst_video_converter_frame (p->converter, &in, &out);
          gst_video_frame_unmap (&out);
        }
      gst_video_frame_unmap (&in);
    }
  gst_buffer_unref (bgrx);

  return i420;
}

gboolean
_frontline_video_write_gst (Renderer                     *renderer,
             const char                   *path,
             FrontlineProgressFunc         progress,
             gpointer                      progress_data,
             GCancellable                 *cancellable,
             GError                      **error)
{
  const FrontlineVideoOptions *options = renderer->options;
  guint n_frames = frontline_video_count_frames (options);
  Pipeline p = { NULL };
  gboolean ok = TRUE;
  GstMessage *message;

  if (!build_pipeline (&p, options, path, error))
    {
      pipeline_clear (&p);
      return FALSE;
    }

  if (gst_element_set_state (p.pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      if (!pipeline_failed (&p, 0, error))
        g_set_error_literal (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_FAILED,
                             _("The video could not be encoded: GStreamer could not start"));
      pipeline_clear (&p);
      return FALSE;
    }

  for (guint index = 0; ok && index < n_frames;)
    {
      Picture picture;
      cairo_surface_t *image;
      GstBuffer *buffer;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) || pipeline_failed (&p, 0, error))
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

      /* The picture in I420, its memory shared by every frame it lasts. */
      buffer = to_i420 (&p, image);
      for (guint i = 0; ok && i < picture.n; i++)
        {
          guint frame = picture.index + i;
          GstBuffer *copy = gst_buffer_copy (buffer);
          GstClockTime pts = gst_util_uint64_scale (frame, GST_SECOND, options->fps);

          GST_BUFFER_PTS (copy) = pts;
          GST_BUFFER_DTS (copy) = GST_CLOCK_TIME_NONE;
          GST_BUFFER_DURATION (copy) = gst_util_uint64_scale (frame + 1, GST_SECOND, options->fps) - pts;
          ok = push_frame (&p, copy, cancellable, error);
          if (ok)
            _frontline_video_report (progress, progress_data, frame + 1, n_frames);
        }
      gst_buffer_unref (buffer);
      index = picture.index + picture.n;
    }

  if (ok)
    {
      /* The muxer writes its index when the end reaches it: wait for that. */
      gst_app_src_end_of_stream (GST_APP_SRC (p.src));
      for (;;)
        {
          message = gst_bus_timed_pop_filtered (p.bus, 20 * GST_MSECOND,
                                                GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
          if (message != NULL)
            {
              if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
                {
                  set_gst_error (error, message);
                  ok = FALSE;
                }
              gst_message_unref (message);
              break;
            }
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              ok = FALSE;
              break;
            }
        }
    }

  pipeline_clear (&p);
  return ok;
}
