/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <gif_lib.h>
#include <glib/gstdio.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define HAVE_MEMCHECK 1
#endif

#include "frontline-exporter.h"
#include "frontline-video.h"
#include "frontline-test-data.h"
#include "frontline-test-init.h"
#include "frontline-test-stops.h"

/* Video export with no display: the timeline's arithmetic, then small
 * videos of the Kursk dataset decoded back (GStreamer's discoverer and
 * decoders, giflib) and compared with the PNG export of the same day. */

#define KURSK  "kursk-2024-2025.geojson"
#define WIDTH  320
#define HEIGHT 180

static FrontlineDataset *kursk;

static FrontlineDay
day (const char *text)
{
  FrontlineDay result;

  g_assert_true (frontline_day_parse (text, &result));
  return result;
}

/* Six days from 6 August 2024 (data dates: 6, 8 and 10 August), two frames
 * a day at 5 fps, two frames of hold: 14 frames. */
static void
init_options (FrontlineVideoOptions *options,
              FrontlineVideoFormat   format)
{
  frontline_video_options_init (options, kursk, format, WIDTH, HEIGHT, 1.0);
  options->first = day ("2024-08-06");
  options->last = day ("2024-08-11");
  options->fps = 5;
  options->seconds_per_day = 0.4;
  options->hold = 0.4;
}

#define N_FRAMES 14

static char *
make_folder (void)
{
  g_autofree char *template = g_build_filename (g_get_user_cache_dir (), "video-XXXXXX", NULL);
  char *folder;

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  folder = g_mkdtemp (g_steal_pointer (&template));
  g_assert_nonnull (folder);
  return folder;
}

static guint
count_entries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* The PNG export's picture of @options' day, as frontline_export_render()
 * draws it. */
static cairo_surface_t *
render_png (const FrontlineVideoOptions *options,
            FrontlineDay                 shown)
{
  FrontlineExportOptions picture = options->picture;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  picture.day = shown;
  picture.cache = NULL;
  g_assert_true (frontline_export_render (&picture, cr, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* How far an image (BGRx rows of @stride bytes) is from a cairo RGB24
 * picture: the mean absolute difference per channel, and the worst mean
 * of a 16 × 16 block. */
static void
compare_pixels (const guint8    *data,
                int              stride,
                cairo_surface_t *expected,
                double          *mean,
                double          *worst_block)
{
  const guint8 *want = cairo_image_surface_get_data (expected);
  int want_stride = cairo_image_surface_get_stride (expected);
  int width = cairo_image_surface_get_width (expected);
  int height = cairo_image_surface_get_height (expected);
  double total = 0;
  double bias[3] = { 0, 0, 0 };

  *worst_block = 0;
  for (int by = 0; by < height; by += 16)
    for (int bx = 0; bx < width; bx += 16)
      {
        double block = 0;
        int n = 0;

        for (int y = by; y < MIN (by + 16, height); y++)
          for (int x = bx; x < MIN (bx + 16, width); x++)
            for (int c = 0; c < 3; c++, n++)
              {
                int d = (int) data[y * stride + x * 4 + c] - (int) want[y * want_stride + x * 4 + c];

                block += abs (d);
                bias[c] += d;
              }
        total += block;
        *worst_block = MAX (*worst_block, block / n);
      }
  *mean = total / ((double) width * height * 3);
  g_test_message ("bias (B, G, R): %.2f, %.2f, %.2f", bias[0] / ((double) width * height),
                  bias[1] / ((double) width * height), bias[2] / ((double) width * height));
}

/* Timeline */

static void
test_timeline (void)
{
  FrontlineVideoOptions options;
  FrontlineDay from;
  double fade;

  init_options (&options, FRONTLINE_VIDEO_WEBM);
  options.seconds_per_day = 0.5;  /* 2.5 frames a day: days start at 0, 3, 5, 8, 10, 13 */
  options.hold = 1.0;             /* 5 frames */
  g_assert_cmpuint (frontline_video_count_frames (&options), ==, 15 + 5);
  g_assert_cmpfloat_with_epsilon (frontline_video_get_duration (&options), 20.0 / 5, 1e-9);

  g_assert_cmpuint (frontline_video_frame_day (&options, 0, &from, &fade), ==, day ("2024-08-06"));
  g_assert_cmpuint (from, ==, day ("2024-08-06"));
  g_assert_cmpfloat (fade, ==, 1.0);
  g_assert_cmpuint (frontline_video_frame_day (&options, 2, NULL, NULL), ==, day ("2024-08-06"));
  /* 7 August is no data date: its own day, the 6 August map, no fade. */
  g_assert_cmpuint (frontline_video_frame_day (&options, 3, &from, &fade), ==, day ("2024-08-07"));
  g_assert_cmpuint (from, ==, day ("2024-08-07"));
  g_assert_cmpfloat (fade, ==, 1.0);
  g_assert_cmpuint (frontline_video_frame_day (&options, 4, NULL, NULL), ==, day ("2024-08-07"));
  g_assert_cmpuint (frontline_video_frame_day (&options, 5, NULL, NULL), ==, day ("2024-08-08"));
  g_assert_cmpuint (frontline_video_frame_day (&options, 7, NULL, NULL), ==, day ("2024-08-08"));
  g_assert_cmpuint (frontline_video_frame_day (&options, 8, NULL, NULL), ==, day ("2024-08-09"));
  g_assert_cmpuint (frontline_video_frame_day (&options, 14, NULL, NULL), ==, day ("2024-08-11"));
  /* The hold shows the last day. */
  for (guint i = 15; i < 20; i++)
    {
      g_assert_cmpuint (frontline_video_frame_day (&options, i, &from, &fade), ==, day ("2024-08-11"));
      g_assert_cmpfloat (fade, ==, 1.0);
    }
  g_assert_cmpuint (frontline_video_frame_day (&options, 1000, NULL, NULL), ==, day ("2024-08-11"));

  /* No hold. */
  options.hold = 0;
  g_assert_cmpuint (frontline_video_count_frames (&options), ==, 15);

  /* Cross-fades of two frames (0.4 s) at each data date after the first:
   * 8 August from frame 5, 10 August from frame 10. */
  options.cross_fade = 0.4;
  g_assert_cmpuint (frontline_video_frame_day (&options, 4, &from, &fade), ==, day ("2024-08-07"));
  g_assert_cmpfloat (fade, ==, 1.0);
  g_assert_cmpuint (frontline_video_frame_day (&options, 5, &from, &fade), ==, day ("2024-08-08"));
  g_assert_cmpuint (from, ==, day ("2024-08-07"));
  g_assert_cmpfloat_with_epsilon (fade, 1.0 / 3, 1e-9);
  g_assert_cmpuint (frontline_video_frame_day (&options, 6, &from, &fade), ==, day ("2024-08-08"));
  g_assert_cmpuint (from, ==, day ("2024-08-07"));
  g_assert_cmpfloat_with_epsilon (fade, 2.0 / 3, 1e-9);
  g_assert_cmpuint (frontline_video_frame_day (&options, 7, &from, &fade), ==, day ("2024-08-08"));
  g_assert_cmpuint (from, ==, day ("2024-08-08"));
  g_assert_cmpfloat (fade, ==, 1.0);
  /* 9 August is no data date: no fade. */
  g_assert_cmpuint (frontline_video_frame_day (&options, 8, &from, &fade), ==, day ("2024-08-09"));
  g_assert_cmpfloat (fade, ==, 1.0);
  g_assert_cmpuint (frontline_video_frame_day (&options, 10, &from, &fade), ==, day ("2024-08-10"));
  g_assert_cmpuint (from, ==, day ("2024-08-09"));
  g_assert_cmpfloat_with_epsilon (fade, 1.0 / 3, 1e-9);
  /* The range's first day never fades in, even when it is a data date. */
  g_assert_cmpuint (frontline_video_frame_day (&options, 0, &from, &fade), ==, day ("2024-08-06"));
  g_assert_cmpfloat (fade, ==, 1.0);

  /* A long fade is cut at the next data date: 8 August's would run 10
   * frames, to frame 14, but 10 August starts at frame 10. */
  options.cross_fade = 2.0;
  g_assert_cmpuint (frontline_video_frame_day (&options, 9, &from, &fade), ==, day ("2024-08-09"));
  g_assert_cmpuint (from, ==, day ("2024-08-07"));
  g_assert_cmpfloat_with_epsilon (fade, 5.0 / 11, 1e-9);
  g_assert_cmpuint (frontline_video_frame_day (&options, 10, &from, &fade), ==, day ("2024-08-10"));
  g_assert_cmpuint (from, ==, day ("2024-08-09"));
  g_assert_cmpfloat_with_epsilon (fade, 1.0 / 11, 1e-9);

  /* A range starting on a day that is not a data date. */
  init_options (&options, FRONTLINE_VIDEO_WEBM);
  options.first = day ("2024-08-07");
  options.cross_fade = 0.2;  /* one frame */
  /* 8 August is day 1: frames 2 and 3, the first fading. */
  g_assert_cmpuint (frontline_video_frame_day (&options, 2, &from, &fade), ==, day ("2024-08-08"));
  g_assert_cmpuint (from, ==, day ("2024-08-07"));
  g_assert_cmpfloat_with_epsilon (fade, 0.5, 1e-9);
  g_assert_cmpuint (frontline_video_frame_day (&options, 3, &from, &fade), ==, day ("2024-08-08"));
  g_assert_cmpfloat (fade, ==, 1.0);
}

/* Each day at least one frame, every day shown, in order. */
static void
test_timeline_every_day (void)
{
  FrontlineVideoOptions options;
  const double speeds[] = { 0.2, 1.0 / 30, 0.05, 0.123, 1.7 };
  const guint rates[] = { 30, 30, 24, 25, 60 };

  init_options (&options, FRONTLINE_VIDEO_WEBM);
  options.first = frontline_dataset_get_first_day (kursk);
  options.last = frontline_dataset_get_last_day (kursk);
  for (guint s = 0; s < G_N_ELEMENTS (speeds); s++)
    {
      guint n;
      FrontlineDay previous;

      options.seconds_per_day = speeds[s];
      options.fps = rates[s];
      g_assert_true (frontline_video_check (&options, NULL));
      n = frontline_video_count_frames (&options);
      g_assert_cmpuint (n, ==, (guint) llround ((options.last - options.first + 1) * speeds[s] * rates[s])
                                 + (guint) llround (options.hold * rates[s]));
      previous = options.first - 1;
      for (guint i = 0; i < n; i++)
        {
          FrontlineDay shown = frontline_video_frame_day (&options, i, NULL, NULL);

          g_assert_true (shown == previous || shown == previous + 1);
          previous = shown;
        }
      g_assert_cmpuint (previous, ==, options.last);
    }
}

static void
assert_refused (const FrontlineVideoOptions *options,
                const char                  *pattern)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (frontline_video_check (options, &error));
  g_assert_error (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_OPTIONS);
  g_test_message ("%s", error->message);
  if (!g_pattern_match_simple (pattern, error->message))
    g_error ("“%s” does not match “%s”", error->message, pattern);
}

static void
test_check (void)
{
  FrontlineVideoOptions options;
  g_autoptr(GError) error = NULL;
  FrontlineVideoFormat format;

  for (FrontlineVideoFormat f = FRONTLINE_VIDEO_WEBM; f <= FRONTLINE_VIDEO_GIF; f++)
    {
      init_options (&options, f);
      g_assert_true (frontline_video_check (&options, &error));
      g_assert_no_error (error);
    }

  /* Defaults. */
  frontline_video_options_init (&options, kursk, FRONTLINE_VIDEO_GIF, 960, 540, 1.0);
  g_assert_cmpuint (options.fps, ==, 10);
  g_assert_cmpuint (options.first, ==, frontline_dataset_get_first_day (kursk));
  g_assert_cmpuint (options.last, ==, frontline_dataset_get_last_day (kursk));
  g_assert_cmpfloat (options.seconds_per_day, ==, 0.2);
  g_assert_cmpfloat (options.hold, ==, 2.0);
  g_assert_cmpfloat (options.cross_fade, ==, 0.0);
  frontline_video_options_init (&options, kursk, FRONTLINE_VIDEO_MP4, 1920, 1080, 1.0);
  g_assert_cmpuint (options.fps, ==, 30);

  init_options (&options, FRONTLINE_VIDEO_WEBM);
  options.seconds_per_day = 0.1;  /* half a frame at 5 fps */
  assert_refused (&options, "Every day needs at least one frame*");
  options.seconds_per_day = NAN;
  assert_refused (&options, "Every day needs at least one frame*");

  init_options (&options, FRONTLINE_VIDEO_WEBM);
  options.picture.view.width = 321;
  assert_refused (&options, "*even*320 × 180*");
  options.format = FRONTLINE_VIDEO_MP4;
  assert_refused (&options, "*even*");
  options.format = FRONTLINE_VIDEO_GIF;
  g_assert_true (frontline_video_check (&options, NULL));

  init_options (&options, FRONTLINE_VIDEO_MP4);
  options.picture.view.width = 7682;
  assert_refused (&options, "*at most 7680 × 4320*");
  init_options (&options, FRONTLINE_VIDEO_GIF);
  options.picture.view.width = 4100;
  assert_refused (&options, "*at most 4096*");

  init_options (&options, FRONTLINE_VIDEO_WEBM);
  options.first = day ("2024-08-01");
  assert_refused (&options, "*within the dataset’s*");
  init_options (&options, FRONTLINE_VIDEO_WEBM);
  options.last = frontline_dataset_get_last_day (kursk) + 1;
  assert_refused (&options, "*within the dataset’s*");
  init_options (&options, FRONTLINE_VIDEO_WEBM);
  options.first = day ("2024-08-09");
  options.last = day ("2024-08-08");
  assert_refused (&options, "*must not come after*");

  init_options (&options, FRONTLINE_VIDEO_WEBM);
  options.fps = 0;
  assert_refused (&options, "*frame rate*");
  options.fps = 61;
  assert_refused (&options, "*frame rate*");

  init_options (&options, FRONTLINE_VIDEO_WEBM);
  options.cross_fade = -1;
  assert_refused (&options, "*cross-fade*");
  init_options (&options, FRONTLINE_VIDEO_WEBM);
  options.hold = -0.5;
  assert_refused (&options, "*held*");
  init_options (&options, FRONTLINE_VIDEO_WEBM);
  options.seconds_per_day = 1e9;
  assert_refused (&options, "*too long*");

  g_assert_true (frontline_video_format_from_filename ("a/b.webm", &format));
  g_assert_cmpint (format, ==, FRONTLINE_VIDEO_WEBM);
  g_assert_true (frontline_video_format_from_filename ("B.MP4", &format));
  g_assert_cmpint (format, ==, FRONTLINE_VIDEO_MP4);
  g_assert_true (frontline_video_format_from_filename ("c.gif", &format));
  g_assert_cmpint (format, ==, FRONTLINE_VIDEO_GIF);
  g_assert_false (frontline_video_format_from_filename ("c.png", &format));
  g_assert_false (frontline_video_format_from_filename ("webm", &format));
  g_assert_cmpstr (frontline_video_format_get_extension (FRONTLINE_VIDEO_MP4), ==, "mp4");
}

/* Frames */

static void
assert_same_pixels (cairo_surface_t *a,
                    cairo_surface_t *b)
{
  const guint8 *pa = cairo_image_surface_get_data (a);
  const guint8 *pb = cairo_image_surface_get_data (b);
  int stride = cairo_image_surface_get_stride (a);

  g_assert_cmpint (cairo_image_surface_get_width (a), ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (cairo_image_surface_get_height (a), ==, cairo_image_surface_get_height (b));
  for (int y = 0; y < cairo_image_surface_get_height (a); y++)
    for (int x = 0; x < cairo_image_surface_get_width (a); x++)
      for (int c = 0; c < 3; c++)
        if (pa[y * stride + x * 4 + c] != pb[y * stride + x * 4 + c])
          g_error ("pixel %d, %d differs: %u, not %u", x, y, pa[y * stride + x * 4 + c],
                   pb[y * stride + x * 4 + c]);
}

/* A frame without a fade is the PNG export of its day, pixel for pixel:
 * a data date, a day that reuses its map, the hold. */
static void
test_frame_is_png (void)
{
  FrontlineVideoOptions options;
  const guint frames[] = { 0, 2, 3, 4, 13 };

  init_options (&options, FRONTLINE_VIDEO_WEBM);
  for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
    {
      g_autoptr(GError) error = NULL;
      FrontlineDay shown = frontline_video_frame_day (&options, frames[i], NULL, NULL);
      cairo_surface_t *frame = frontline_video_render_frame (&options, frames[i], &error);
      cairo_surface_t *png = render_png (&options, shown);

      g_assert_no_error (error);
      g_assert_cmpint (cairo_image_surface_get_format (frame), ==, CAIRO_FORMAT_RGB24);
      assert_same_pixels (frame, png);
      cairo_surface_destroy (frame);
      cairo_surface_destroy (png);
    }
}

/* A frame in the middle of a fade lies between the two maps. */
static void
test_cross_fade_frame (void)
{
  FrontlineVideoOptions options;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *before, *after, *middle;
  const guint8 *pb, *pa, *pm;
  int stride;
  guint changed = 0, between = 0;

  init_options (&options, FRONTLINE_VIDEO_WEBM);
  /* Only the credits, which every day shares: the maps alone differ. */
  options.picture.title = options.picture.legend = options.picture.scale_bar = FALSE;
  options.picture.sources_strip = FALSE;
  options.cross_fade = 0.2;  /* one frame, at 1/2: frame 4, 8 August */
  options.picture.view.zoom += 1;
  {
    FrontlineDay from;
    double fade;

    g_assert_cmpuint (frontline_video_frame_day (&options, 4, &from, &fade), ==, day ("2024-08-08"));
    g_assert_cmpfloat (fade, ==, 0.5);
  }

  before = frontline_video_render_frame (&options, 3, &error);  /* 7 August */
  g_assert_no_error (error);
  middle = frontline_video_render_frame (&options, 4, &error);
  g_assert_no_error (error);
  after = frontline_video_render_frame (&options, 5, &error);   /* 8 August, faded in */
  g_assert_no_error (error);

  pb = cairo_image_surface_get_data (before);
  pa = cairo_image_surface_get_data (after);
  pm = cairo_image_surface_get_data (middle);
  stride = cairo_image_surface_get_stride (before);
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      for (int c = 0; c < 3; c++)
        {
          int i = y * stride + x * 4 + c;
          int lo = MIN (pb[i], pa[i]), hi = MAX (pb[i], pa[i]);

          g_assert_cmpint (pm[i], >=, lo - 1);
          g_assert_cmpint (pm[i], <=, hi + 1);
          if (hi - lo > 40)
            {
              changed++;
              /* Half way, within rounding. */
              if (abs (2 * pm[i] - (lo + hi)) <= 3)
                between++;
            }
        }
  g_test_message ("%u channels changed, %u half way", changed, between);
  g_assert_cmpuint (changed, >, 100);
  g_assert_cmpuint (between, ==, changed);

  cairo_surface_destroy (before);
  cairo_surface_destroy (middle);
  cairo_surface_destroy (after);
}

/* Decoding */

typedef struct {
  guint       n_frames;
  guint       wanted;   /* the frame to keep */
  GBytes     *kept;
  int         stride;
  int         width;
  int         height;
} Decoded;

static void
decode (const char *path,
        guint       wanted,
        Decoded    *decoded)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  GstElement *pipeline;
  GstElement *src;
  GstElement *sink;
  GstBus *bus;
  GstMessage *message;

  /* Inside the test, in its own folders (see valgrind.supp). */
  gst_init (NULL, NULL);
  memset (decoded, 0, sizeof *decoded);
  decoded->wanted = wanted;
  description = g_strdup_printf ("filesrc name=src ! decodebin ! videoconvert ! "
                                 "video/x-raw,format=I420 ! appsink name=sink sync=false");
  pipeline = gst_parse_launch (description, &error);
  g_assert_no_error (error);
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  g_object_set (src, "location", path, NULL);
  gst_object_unref (src);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=, GST_STATE_CHANGE_FAILURE);

  for (;;)
    {
      GstSample *sample = gst_app_sink_pull_sample (GST_APP_SINK (sink));
      GstBuffer *buffer;
      GstVideoInfo info;

      if (sample == NULL)
        break;
      if (decoded->n_frames == wanted)
        {
          g_autofree char *colorimetry = NULL;
          GstVideoFrame frame;
          guint8 *bgrx;
          double kr, kb;
          gboolean full;

          g_assert_true (gst_video_info_from_caps (&info, gst_sample_get_caps (sample)));
          g_assert_cmpint (GST_VIDEO_INFO_FORMAT (&info), ==, GST_VIDEO_FORMAT_I420);
          colorimetry = gst_video_colorimetry_to_string (&info.colorimetry);
          g_test_message ("decoded as %s", colorimetry);
          /* What the stream says its colours are: BT.709 for a video of any size. */
          g_assert_cmpint (info.colorimetry.matrix, ==, GST_VIDEO_COLOR_MATRIX_BT709);
          g_assert_true (gst_video_color_matrix_get_Kr_Kb (info.colorimetry.matrix, &kr, &kb));
          full = info.colorimetry.range == GST_VIDEO_COLOR_RANGE_0_255;
          buffer = gst_sample_get_buffer (sample);
          g_assert_true (gst_video_frame_map (&frame, &info, buffer, GST_MAP_READ));
#ifdef HAVE_MEMCHECK
          /* libavcodec's H.264 assembly fills the picture from stack buffers
           * memcheck cannot follow: every pixel is written, memcheck thinks
           * otherwise. */
          for (guint plane = 0; plane < GST_VIDEO_FRAME_N_PLANES (&frame); plane++)
            VALGRIND_MAKE_MEM_DEFINED (GST_VIDEO_FRAME_PLANE_DATA (&frame, plane),
                                       (gsize) GST_VIDEO_FRAME_PLANE_STRIDE (&frame, plane) *
                                       GST_VIDEO_FRAME_COMP_HEIGHT (&frame, plane));
#endif
          decoded->width = GST_VIDEO_INFO_WIDTH (&info);
          decoded->height = GST_VIDEO_INFO_HEIGHT (&info);
          decoded->stride = decoded->width * 4;
          bgrx = g_malloc0 ((gsize) decoded->stride * decoded->height);
          /* Converted here, exactly (videoconvert's fast path is a few levels
           * off), as a player would show it. */
          for (int y = 0; y < decoded->height; y++)
            for (int x = 0; x < decoded->width; x++)
              {
                const guint8 *py = GST_VIDEO_FRAME_PLANE_DATA (&frame, 0);
                const guint8 *pu = GST_VIDEO_FRAME_PLANE_DATA (&frame, 1);
                const guint8 *pv = GST_VIDEO_FRAME_PLANE_DATA (&frame, 2);
                double l = py[y * GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0) + x];
                double cb = pu[(y / 2) * GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 1) + x / 2];
                double cr = pv[(y / 2) * GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 2) + x / 2];
                double r, g, b;
                guint8 *out = bgrx + y * decoded->stride + x * 4;

                l = full ? l / 255 : (l - 16) / 219;
                cb = full ? (cb - 128) / 255 : (cb - 128) / 224;
                cr = full ? (cr - 128) / 255 : (cr - 128) / 224;
                r = l + 2 * (1 - kr) * cr;
                b = l + 2 * (1 - kb) * cb;
                g = (l - kr * r - kb * b) / (1 - kr - kb);
                out[0] = (guint8) CLAMP (round (b * 255), 0, 255);
                out[1] = (guint8) CLAMP (round (g * 255), 0, 255);
                out[2] = (guint8) CLAMP (round (r * 255), 0, 255);
              }
          gst_video_frame_unmap (&frame);
          decoded->kept = g_bytes_new_take (bgrx, (gsize) decoded->stride * decoded->height);
        }
      decoded->n_frames++;
      gst_sample_unref (sample);
    }

  bus = gst_element_get_bus (pipeline);
  message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  if (message != NULL)
    {
      g_autoptr(GError) gst_error = NULL;

      gst_message_parse_error (message, &gst_error, NULL);
      g_error ("decoding %s: %s", path, gst_error->message);
    }
  gst_object_unref (bus);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
}

/* What the discoverer says: the container's and the video's caps, size and
 * duration. */
static void
discover (const char  *path,
          GstCaps    **container,
          GstCaps    **video,
          guint       *width,
          guint       *height,
          GstClockTime *duration)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GstDiscovererStreamInfo) top = NULL;
  GList *videos;

  gst_init (NULL, NULL);
  discoverer = gst_discoverer_new (10 * GST_SECOND, &error);
  g_assert_no_error (error);
  info = gst_discoverer_discover_uri (discoverer, uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gst_discoverer_info_get_result (info), ==, GST_DISCOVERER_OK);
  top = gst_discoverer_info_get_stream_info (info);
  g_assert_true (GST_IS_DISCOVERER_CONTAINER_INFO (top));
  *container = gst_discoverer_stream_info_get_caps (top);
  videos = gst_discoverer_info_get_video_streams (info);
  g_assert_cmpuint (g_list_length (videos), ==, 1);
  *video = gst_discoverer_stream_info_get_caps (videos->data);
  *width = gst_discoverer_video_info_get_width (videos->data);
  *height = gst_discoverer_video_info_get_height (videos->data);
  *duration = gst_discoverer_info_get_duration (info);
  gst_discoverer_stream_info_list_free (videos);
}

static char *
export_video (FrontlineVideoOptions *options,
              const char            *folder,
              const char            *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (frontline_video_export (options, file, FALSE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return g_steal_pointer (&path);
}

/* The decoded frame @index against the PNG export of its day, and against
 * the PNG of another day, which must be further off. */
static void
check_decoded_frame (const FrontlineVideoOptions *options,
                     const char                  *path,
                     guint                        index,
                     FrontlineDay                 other)
{
  Decoded decoded;
  cairo_surface_t *png;
  cairo_surface_t *other_png;
  double mean, worst, other_mean, other_worst;

  decode (path, index, &decoded);
  g_assert_cmpuint (decoded.n_frames, ==, frontline_video_count_frames (options));
  g_assert_nonnull (decoded.kept);
  g_assert_cmpint (decoded.width, ==, WIDTH);
  g_assert_cmpint (decoded.height, ==, HEIGHT);

  png = render_png (options, frontline_video_frame_day (options, index, NULL, NULL));
  other_png = render_png (options, other);
  compare_pixels (g_bytes_get_data (decoded.kept, NULL), decoded.stride, png, &mean, &worst);
  compare_pixels (g_bytes_get_data (decoded.kept, NULL), decoded.stride, other_png, &other_mean,
                  &other_worst);
  g_test_message ("frame %u: mean difference %.2f, worst block %.1f; another day's: %.2f, %.1f",
                  index, mean, worst, other_mean, other_worst);
  g_assert_cmpfloat (mean, <, 3.0);
  g_assert_cmpfloat (worst, <, 25.0);
  g_assert_cmpfloat (other_worst, >, worst + 10);

  cairo_surface_destroy (png);
  cairo_surface_destroy (other_png);
  g_bytes_unref (decoded.kept);
}

static void
test_webm (void)
{
  FrontlineVideoOptions options;
  g_autofree char *folder = make_folder ();
  g_autofree char *path = NULL;
  g_autoptr(GstCaps) container = NULL;
  g_autoptr(GstCaps) video = NULL;
  guint width, height;
  GstClockTime duration;
  g_autoptr(FrontlineExportCache) cache = frontline_export_cache_new ();

  init_options (&options, FRONTLINE_VIDEO_WEBM);
  options.picture.cache = cache;
  g_assert_cmpuint (frontline_video_count_frames (&options), ==, N_FRAMES);
  path = export_video (&options, folder, "kursk.webm");
  /* One basemap for the whole video; the folder holds the video only. */
  g_assert_cmpuint (frontline_export_cache_get_basemap_draws (cache), ==, 1);
  g_assert_cmpuint (count_entries (folder), ==, 1);

  discover (path, &container, &video, &width, &height, &duration);
  {
    g_autofree char *c = gst_caps_to_string (container);
    g_autofree char *v = gst_caps_to_string (video);

    g_test_message ("%s; %s", c, v);
  }
  g_assert_true (g_str_equal (gst_structure_get_name (gst_caps_get_structure (container, 0)), "video/webm"));
  g_assert_true (g_str_equal (gst_structure_get_name (gst_caps_get_structure (video, 0)), "video/x-vp9"));
  g_assert_cmpuint (width, ==, WIDTH);
  g_assert_cmpuint (height, ==, HEIGHT);
  g_assert_cmpuint (duration, >=, (N_FRAMES - 1) * GST_SECOND / 5);
  g_assert_cmpuint (duration, <=, (N_FRAMES + 1) * GST_SECOND / 5);

  /* 8 August (frame 4, a data date) and 9 August (frame 7, its map reused). */
  check_decoded_frame (&options, path, 4, day ("2024-08-06"));
  check_decoded_frame (&options, path, 7, day ("2024-08-06"));
  frontline_test_remove_folder (folder);
}

static void
test_mp4 (void)
{
  FrontlineVideoOptions options;
  g_autofree char *folder = make_folder ();
  g_autofree char *path = NULL;
  g_autoptr(GstCaps) container = NULL;
  g_autoptr(GstCaps) video = NULL;
  GstStructure *s;
  const char *profile;
  const char *chroma;
  guint width, height;
  GstClockTime duration;

  init_options (&options, FRONTLINE_VIDEO_MP4);
  path = export_video (&options, folder, "kursk.mp4");
  g_assert_cmpuint (count_entries (folder), ==, 1);

  discover (path, &container, &video, &width, &height, &duration);
  {
    g_autofree char *c = gst_caps_to_string (container);
    g_autofree char *v = gst_caps_to_string (video);

    g_test_message ("%s; %s", c, v);
  }
  g_assert_true (g_str_equal (gst_structure_get_name (gst_caps_get_structure (container, 0)), "video/quicktime"));
  s = gst_caps_get_structure (video, 0);
  g_assert_true (g_str_equal (gst_structure_get_name (s), "video/x-h264"));
  profile = gst_structure_get_string (s, "profile");
  g_assert_nonnull (profile);
  g_assert_true (g_str_equal (profile, "high") || g_str_equal (profile, "main"));
  chroma = gst_structure_get_string (s, "chroma-format");
  g_assert_true (chroma == NULL || g_str_equal (chroma, "4:2:0"));
  g_assert_cmpuint (width, ==, WIDTH);
  g_assert_cmpuint (height, ==, HEIGHT);
  g_assert_cmpuint (duration, >=, (N_FRAMES - 1) * GST_SECOND / 5);
  g_assert_cmpuint (duration, <=, (N_FRAMES + 1) * GST_SECOND / 5);

  check_decoded_frame (&options, path, 4, day ("2024-08-06"));
  check_decoded_frame (&options, path, 12, day ("2024-08-08"));
  frontline_test_remove_folder (folder);
}

/* GIF */

static void
test_gif (void)
{
  FrontlineVideoOptions options;
  g_autofree char *folder = make_folder ();
  g_autofree char *path = NULL;
  GifFileType *gif;
  int gif_error = 0;
  guint8 *canvas;
  guint8 *kept = NULL;
  int total_cs = 0;
  const guint wanted = 4;  /* 8 August: 0.8 s in */
  cairo_surface_t *png;
  double mean, worst;

  init_options (&options, FRONTLINE_VIDEO_GIF);
  path = export_video (&options, folder, "kursk.gif");
  g_assert_cmpuint (count_entries (folder), ==, 1);

  gif = DGifOpenFileName (path, &gif_error);
  g_assert_nonnull (gif);
  g_assert_cmpint (DGifSlurp (gif), ==, GIF_OK);
  g_assert_cmpint (gif->SWidth, ==, WIDTH);
  g_assert_cmpint (gif->SHeight, ==, HEIGHT);
  g_assert_cmpint (gif->ImageCount, >=, 1);

  /* The frames composed in order, as a viewer shows them. */
  canvas = g_malloc0 ((gsize) WIDTH * HEIGHT * 4);
  for (int i = 0; i < gif->ImageCount; i++)
    {
      SavedImage *image = &gif->SavedImages[i];
      GraphicsControlBlock gcb = { 0, false, 0, NO_TRANSPARENT_COLOR };
      ColorMapObject *map = image->ImageDesc.ColorMap ? image->ImageDesc.ColorMap : gif->SColorMap;
      int start_cs = total_cs;

      g_assert_nonnull (map);
      DGifSavedExtensionToGCB (gif, i, &gcb);
      for (int y = 0; y < image->ImageDesc.Height; y++)
        for (int x = 0; x < image->ImageDesc.Width; x++)
          {
            int index = image->RasterBits[y * image->ImageDesc.Width + x];
            guint8 *out = canvas + ((gsize) (y + image->ImageDesc.Top) * WIDTH + x + image->ImageDesc.Left) * 4;

            if (index == gcb.TransparentColor)
              continue;
            g_assert_cmpint (index, <, map->ColorCount);
            out[0] = map->Colors[index].Blue;
            out[1] = map->Colors[index].Green;
            out[2] = map->Colors[index].Red;
          }
      total_cs += gcb.DelayTime;
      /* The picture on screen at the wanted frame's time. */
      if (kept == NULL && start_cs <= (int) (wanted * 100 / options.fps) &&
          (int) (wanted * 100 / options.fps) < total_cs)
        kept = g_memdup2 (canvas, (gsize) WIDTH * HEIGHT * 4);
    }
  g_assert_cmpint (total_cs, ==, (int) llround (frontline_video_get_duration (&options) * 100));
  g_assert_nonnull (kept);

  png = render_png (&options, frontline_video_frame_day (&options, wanted, NULL, NULL));
  compare_pixels (kept, WIDTH * 4, png, &mean, &worst);
  g_test_message ("GIF frame %u: mean difference %.2f, worst block %.1f", wanted, mean, worst);
  g_assert_cmpfloat (mean, <, 4.0);
  g_assert_cmpfloat (worst, <, 30.0);

  cairo_surface_destroy (png);
  g_free (kept);
  g_free (canvas);
  DGifCloseFile (gif, &gif_error);
  frontline_test_remove_folder (folder);
}

/* Files */

typedef struct {
  GCancellable *cancellable;
  guint         calls;
  double        last;
} Cancelling;

static void
cancel_after_three (double   fraction,
                    gpointer user_data)
{
  Cancelling *c = user_data;

  g_assert_cmpfloat (fraction, >=, c->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  c->last = fraction;
  if (++c->calls == 3)
    g_cancellable_cancel (c->cancellable);
}

static void
test_cancel (gconstpointer data)
{
  FrontlineVideoFormat format = GPOINTER_TO_INT (data);
  FrontlineVideoOptions options;
  g_autofree char *folder = make_folder ();
  g_autofree char *name = g_strconcat ("kursk.", frontline_video_format_get_extension (format), NULL);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Cancelling c = { cancellable, 0, 0 };

  init_options (&options, format);
  /* One frame a picture, so progress comes every frame. */
  options.seconds_per_day = 0.2;
  g_assert_false (frontline_video_export (&options, file, FALSE, cancel_after_three, &c, cancellable,
                                          &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (c.calls, ==, 3);
  g_assert_cmpuint (count_entries (folder), ==, 0);
  frontline_test_remove_folder (folder);
}

static void
test_existing (void)
{
  FrontlineVideoOptions options;
  g_autofree char *folder = make_folder ();
  g_autofree char *path = g_build_filename (folder, "kursk.webm", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  init_options (&options, FRONTLINE_VIDEO_WEBM);
  g_assert_true (g_file_set_contents (path, "keep me", -1, NULL));
  g_assert_false (frontline_video_export (&options, file, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpstr (contents, ==, "keep me");
  g_assert_cmpuint (count_entries (folder), ==, 1);
  g_clear_pointer (&contents, g_free);
  g_clear_error (&error);

  g_assert_true (frontline_video_export (&options, file, TRUE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4);
  /* EBML, as every WebM starts. */
  g_assert_cmpmem (contents, 4, "\x1a\x45\xdf\xa3", 4);
  g_assert_cmpuint (count_entries (folder), ==, 1);
  frontline_test_remove_folder (folder);
}

/* A full disk: RLIMIT_FSIZE with SIGXFSZ ignored makes writes past the
 * limit fail with EFBIG, a real write error from the kernel. */
static void
test_full_disk (gconstpointer data)
{
  FrontlineVideoFormat format = GPOINTER_TO_INT (data);
  g_autofree char *name = g_strconcat ("kursk.", frontline_video_format_get_extension (format), NULL);
  g_autofree char *folder = NULL;

  if (g_test_subprocess ())
    {
      FrontlineVideoOptions options;
      g_autofree char *path = g_build_filename (g_getenv ("FRONTLINE_TEST_FOLDER"), name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      struct rlimit limit = { 4096, 4096 };

      init_options (&options, format);
      options.last = day ("2024-08-20");
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (frontline_video_export (&options, file, FALSE, NULL, NULL, NULL, &error));
      g_assert_nonnull (error);
      g_printerr ("%s\n", error->message);
      exit (0);
    }

  folder = make_folder ();
  g_setenv ("FRONTLINE_TEST_FOLDER", folder, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
  /* GStreamer's words after Frontline's; giflib's or the system's for a GIF. */
  if (format == FRONTLINE_VIDEO_GIF)
    g_test_trap_assert_stderr ("*too large*");
  else
    g_test_trap_assert_stderr ("The video could not be encoded: *");
  g_assert_cmpuint (count_entries (folder), ==, 0);
  frontline_test_remove_folder (folder);
}

/* The worker: progress in the caller's main context, then the file. */
typedef struct {
  GMainLoop *loop;
  GThread   *main_thread;
  guint      progress_calls;
  double     last;
  gint       notified;
  gboolean   done;
  GError    *error;
} Async;

static void
async_progress (double   fraction,
                gpointer user_data)
{
  Async *a = user_data;

  g_assert_true (g_thread_self () == a->main_thread);
  g_assert_cmpfloat (fraction, >=, a->last);
  a->last = fraction;
  a->progress_calls++;
}

static void
async_notify (gpointer user_data)
{
  Async *a = user_data;

  /* From whichever thread lets the task go last. */
  g_atomic_int_set (&a->notified, TRUE);
  g_main_context_wakeup (NULL);
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Async *a = user_data;

  a->done = frontline_video_export_finish (result, &a->error);
  g_main_loop_quit (a->loop);
}

static void
test_async (void)
{
  FrontlineVideoOptions options;
  g_autofree char *folder = make_folder ();
  g_autofree char *path = g_build_filename (folder, "kursk.webm", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *title = g_strdup ("borrowed");
  Async a = { loop, g_thread_self (), 0, 0, FALSE, FALSE, NULL };

  init_options (&options, FRONTLINE_VIDEO_WEBM);
  options.picture.basemap_credit = title;
  frontline_video_export_async (&options, file, FALSE, async_progress, &a, async_notify, NULL,
                                async_done, &a);
  /* The options were copied. */
  memset (&options, 0, sizeof options);
  g_clear_pointer (&title, g_free);
  g_main_loop_run (loop);
  g_assert_no_error (a.error);
  g_assert_true (a.done);
  g_assert_cmpuint (a.progress_calls, >, 0);
  g_assert_cmpfloat (a.last, ==, 1.0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  /* The notify runs once the task and its progress are gone. */
  while (!g_atomic_int_get (&a.notified))
    g_main_context_iteration (NULL, TRUE);
  frontline_test_remove_folder (folder);
}

/* The picture of stop @index as the PNG export draws it. */
static cairo_surface_t *
render_stop_png (FrontlineDataset *dataset,
                 guint             index)
{
  g_autoptr(FrontlineStop) stop = g_list_model_get_item (frontline_dataset_get_stops (dataset), index);
  g_autoptr(GError) error = NULL;
  FrontlineExportOptions picture;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  frontline_export_options_init_for_stop (&picture, dataset, stop, WIDTH, HEIGHT, 1.0);
  g_assert_true (frontline_export_render (&picture, cr, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);

  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) stride * cairo_image_surface_get_height (a)) == 0;
}

/* A briefing's video: the tour's time at the frame rate (1 s on the first
 * stop, a 2 s move, 1 s on the second: 40 frames at 10 fps); on each
 * stop, the stop's picture (its view, date, comparison and drawings) pixel
 * for pixel, and within the codec's tolerance once encoded and decoded;
 * during the move, neither. */
static void
test_tour (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_json ("stops.geojson", FRONTLINE_TEST_STOPS_JSON);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = make_folder ();
  g_autofree char *path = NULL;
  FrontlineVideoOptions options;
  cairo_surface_t *stops[2], *frame;
  guint arrival;
  Decoded decoded;
  double mean, worst, other_mean, other_worst;

  frontline_video_options_init (&options, dataset, FRONTLINE_VIDEO_WEBM, WIDTH, HEIGHT, 1.0);
  options.fps = 10;
  frontline_video_options_set_tour (&options, 1.0);
  g_assert_nonnull (options.tour);
  g_assert_cmpuint (frontline_tour_get_n_stops (options.tour), ==, 2);
  g_assert_cmpfloat (frontline_tour_get_duration (options.tour), ==, 4.0);
  g_assert_cmpuint (frontline_video_count_frames (&options), ==, 40);
  g_assert_cmpfloat (frontline_video_get_duration (&options), ==, 4.0);
  g_assert_true (frontline_video_check (&options, &error));
  g_assert_no_error (error);

  stops[0] = render_stop_png (dataset, 0);
  stops[1] = render_stop_png (dataset, 1);
  g_assert_false (same_pixels (stops[0], stops[1]));
  arrival = (guint) llround (frontline_tour_get_arrival (options.tour, 1) * options.fps);
  g_assert_cmpuint (arrival, ==, 30);
  g_assert_cmpint (frontline_video_frame_day (&options, arrival, NULL, NULL), ==, day ("2024-08-10"));

  /* The first stop, drawings included; the second on arrival and to the end. */
  for (guint i = 0; i < 3; i++)
    {
      guint index = (guint[]) { 0, arrival, 39 }[i];

      frame = frontline_video_render_frame (&options, index, &error);
      g_assert_no_error (error);
      assert_same_pixels (frame, stops[index == 0 ? 0 : 1]);
      cairo_surface_destroy (frame);
    }
  /* Half way, on the move: neither stop's picture. */
  frame = frontline_video_render_frame (&options, 20, &error);
  g_assert_no_error (error);
  g_assert_false (same_pixels (frame, stops[0]));
  g_assert_false (same_pixels (frame, stops[1]));
  cairo_surface_destroy (frame);

  /* Encoded, the held stop (the encoder sharpens a picture that stays over
   * the frames after a move's: the last frame of the hold). */
  path = export_video (&options, folder, "briefing.webm");
  decode (path, 39, &decoded);
  g_assert_cmpuint (decoded.n_frames, ==, 40);
  g_assert_nonnull (decoded.kept);
  compare_pixels (g_bytes_get_data (decoded.kept, NULL), decoded.stride, stops[1], &mean, &worst);
  compare_pixels (g_bytes_get_data (decoded.kept, NULL), decoded.stride, stops[0], &other_mean, &other_worst);
  g_test_message ("held stop: mean difference %.2f, worst block %.1f; the other stop's: %.2f, %.1f",
                  mean, worst, other_mean, other_worst);
  /* The second stop is mostly the claimed area's thin hatching, which
   * 4:2:0 chroma blurs everywhere (a mean of about 5 at 320 × 180, no block
   * off by more than 12); the other stop's picture is 40 off. */
  g_assert_cmpfloat (mean, <, 8.0);
  g_assert_cmpfloat (worst, <, 25.0);
  g_assert_cmpfloat (other_mean, >, mean + 20);
  g_assert_cmpfloat (other_worst, >, worst + 10);
  g_bytes_unref (decoded.kept);

  cairo_surface_destroy (stops[0]);
  cairo_surface_destroy (stops[1]);
  g_clear_object (&options.tour);
  frontline_test_remove_folder (folder);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  frontline_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  kursk = frontline_test_load_bundled (KURSK);

  g_test_add_func ("/video/timeline", test_timeline);
  g_test_add_func ("/video/timeline-every-day", test_timeline_every_day);
  g_test_add_func ("/video/check", test_check);
  g_test_add_func ("/video/frame-is-png", test_frame_is_png);
  g_test_add_func ("/video/cross-fade-frame", test_cross_fade_frame);
  g_test_add_func ("/video/webm", test_webm);
  g_test_add_func ("/video/mp4", test_mp4);
  g_test_add_func ("/video/gif", test_gif);
  g_test_add_data_func ("/video/cancel/webm", GINT_TO_POINTER (FRONTLINE_VIDEO_WEBM), test_cancel);
  g_test_add_data_func ("/video/cancel/mp4", GINT_TO_POINTER (FRONTLINE_VIDEO_MP4), test_cancel);
  g_test_add_data_func ("/video/cancel/gif", GINT_TO_POINTER (FRONTLINE_VIDEO_GIF), test_cancel);
  g_test_add_func ("/video/existing", test_existing);
  g_test_add_data_func ("/video/full-disk/webm", GINT_TO_POINTER (FRONTLINE_VIDEO_WEBM), test_full_disk);
  g_test_add_data_func ("/video/full-disk/mp4", GINT_TO_POINTER (FRONTLINE_VIDEO_MP4), test_full_disk);
  g_test_add_data_func ("/video/full-disk/gif", GINT_TO_POINTER (FRONTLINE_VIDEO_GIF), test_full_disk);
  g_test_add_func ("/video/async", test_async);
  g_test_add_func ("/video/tour", test_tour);

  result = g_test_run ();
  g_clear_object (&kursk);
  return result;
}
