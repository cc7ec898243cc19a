/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-video"

#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* O_CLOEXEC */
#endif

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <gst/video/video.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "frontline-export-private.h"
#include "frontline-gif-writer.h"
#include "frontline-safe-file.h"
#include "frontline-video.h"

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
 * WebM (VP9) and MP4 (H.264) go through GStreamer: appsrc (BGRx, which is
 * cairo's RGB24 in memory) ! videoconvert ! I420 ! encoder ! muxer !
 * filesink on a temporary file beside the target; GIF through giflib
 * (FrontlineGifWriter). Either way the file appears complete or not at all
 * (FrontlineSafeFile). */

G_DEFINE_QUARK (frontline-video-error-quark, frontline_video_error)

#define MAX_VIDEO_WIDTH  7680
#define MAX_VIDEO_HEIGHT 4320
#define MAX_GIF_SIDE     4096
#define MAX_FPS          60
#define MAX_FRAMES       1000000   /* over nine hours at 30 fps */
#define MAX_PALETTE_SAMPLES 12     /* pictures the GIF's palette is made from */
#define QUEUED_FRAMES    3         /* frames appsrc holds before the producer waits */

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

static gboolean
check_elements (FrontlineVideoFormat   format,
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

/* Whether the timeline's numbers can be counted at all. */
static gboolean
timeline_is_valid (const FrontlineVideoOptions *options)
{
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

static int
video_side (double side)
{
  return (int) round (side);
}

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

  if (options->first == FRONTLINE_DAY_NONE || options->last == FRONTLINE_DAY_NONE ||
      options->first > options->last)
    {
      g_autofree char *from = frontline_day_format_label (options->first);
      g_autofree char *to = frontline_day_format_label (options->last);

      g_set_error (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_OPTIONS,
                   /* Translators: the %s are dates */
                   _("The video’s first date (%s) must not come after its last (%s)"), from, to);
      return FALSE;
    }

  if (options->first < first_day || options->last > last_day)
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

  if (!(isfinite (options->seconds_per_day) && frames_per_day (options) >= 1))
    {
      g_set_error (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_OPTIONS,
                   /* Translators: %u is a frame rate, %.3g seconds */
                   _("Every day needs at least one frame: at %u frames a second, show each day "
                     "for at least %.3g s"), options->fps, 1.0 / options->fps);
      return FALSE;
    }

  if (!(isfinite (options->cross_fade) && options->cross_fade >= 0))
    {
      g_set_error_literal (error, FRONTLINE_VIDEO_ERROR, FRONTLINE_VIDEO_ERROR_OPTIONS,
                           _("The cross-fade must be zero or more seconds"));
      return FALSE;
    }

  if (!(isfinite (options->hold) && options->hold >= 0))
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

  width = video_side (options->picture.view.width);
  height = video_side (options->picture.view.height);
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

  return check_elements (options->format, error);
}

/* Frames */

/* A map drawn (basemap and overlay): every frame showing the same areas
 * starts from a copy of it. */
typedef struct {
  GPtrArray       *state;
  gboolean         compared;  /* whether gains and losses are drawn */
  GArray          *changes;
  char            *changes_text;
  cairo_surface_t *image;
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

static void
map_slot_clear (MapSlot *slot)
{
  g_clear_pointer (&slot->state, g_ptr_array_unref);
  g_clear_pointer (&slot->changes, g_array_unref);
  g_clear_pointer (&slot->changes_text, g_free);
  g_clear_pointer (&slot->image, cairo_surface_destroy);
  slot->compared = FALSE;
  slot->used = 0;
}

static void
renderer_init (Renderer                    *self,
               const FrontlineVideoOptions *options)
{
  memset (self, 0, sizeof *self);
  self->options = options;
  self->picture = options->picture;
  self->picture.format = FRONTLINE_EXPORT_PNG;
  /* The basemap of the view, drawn (or fetched) once for the whole video. */
  self->cache = options->picture.cache != NULL ? g_object_ref (options->picture.cache)
                                               : frontline_export_cache_new ();
  self->picture.cache = self->cache;
  self->width = video_side (options->picture.view.width);
  self->height = video_side (options->picture.view.height);
}

static void
renderer_clear (Renderer *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->slots); i++)
    map_slot_clear (&self->slots[i]);
  g_clear_object (&self->cache);
}

static gboolean
same_state (GPtrArray *a,
            GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_ptr_array_index (a, i) != g_ptr_array_index (b, i))
      return FALSE;
  return TRUE;
}

static cairo_surface_t *
new_image (Renderer  *self,
           GError   **error)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, self->width, self->height);

  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The picture could not be drawn: %s"),
                   cairo_status_to_string (cairo_surface_status (image)));
      cairo_surface_destroy (image);
      return NULL;
    }

  return image;
}

/* The map of @day: drawn, or the one drawn for the same areas. */
static MapSlot *
renderer_get_map (Renderer      *self,
                  FrontlineDay   day,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GPtrArray) state = frontline_dataset_get_state_at (self->picture.dataset, day);
  gboolean compared = self->picture.compare_from != FRONTLINE_DAY_NONE && self->picture.compare_from < day;
  MapSlot *slot = NULL;
  gboolean ok;
  cairo_t *cr;

  for (guint i = 0; i < G_N_ELEMENTS (self->slots); i++)
    {
      MapSlot *candidate = &self->slots[i];

      if (candidate->image != NULL && candidate->compared == compared &&
          same_state (candidate->state, state))
        {
          candidate->used = ++self->clock;
          return candidate;
        }
      /* The least recently used, or an empty one. */
      if (slot == NULL || candidate->used < slot->used)
        slot = candidate;
    }

  map_slot_clear (slot);
  self->picture.day = day;
  slot->image = new_image (self, error);
  if (slot->image == NULL)
    return NULL;
  slot->state = g_steal_pointer (&state);
  slot->compared = compared;
  slot->changes = frontline_export_compute_changes (&self->picture, &slot->changes_text);

  cr = cairo_create (slot->image);
  cairo_save (cr);
  frontline_export_clip (&self->picture, cr);
  ok = frontline_export_draw_map (&self->picture, cr, slot->image, slot->state, slot->changes,
                                  cancellable, error);
  cairo_restore (cr);
  ok = ok && frontline_export_check_cairo (cr, error);
  cairo_destroy (cr);
  if (!ok)
    {
      map_slot_clear (slot);
      return NULL;
    }

  self->map_draws++;
  slot->used = ++self->clock;
  return slot;
}

static void
copy_pixels (cairo_surface_t *from,
             cairo_surface_t *to)
{
  cairo_surface_flush (from);
  cairo_surface_flush (to);
  /* Same size and format, so the same stride. */
  memcpy (cairo_image_surface_get_data (to), cairo_image_surface_get_data (from),
          (gsize) cairo_image_surface_get_stride (from) * cairo_image_surface_get_height (from));
  cairo_surface_mark_dirty (to);
}

/* A new picture: the map of @day (faded in from @fade_from's by @fade) and
 * the decorations of @day. */
static cairo_surface_t *
renderer_draw (Renderer      *self,
               FrontlineDay   day,
               FrontlineDay   fade_from,
               double         fade,
               GCancellable  *cancellable,
               GError       **error)
{
  MapSlot *map;
  MapSlot *from = NULL;
  cairo_surface_t *frame;
  gboolean ok;
  cairo_t *cr;

  map = renderer_get_map (self, day, cancellable, error);
  if (map == NULL)
    return NULL;
  if (fade < 1.0 && fade_from != day)
    {
      /* Never evicts @map, the most recently used. */
      from = renderer_get_map (self, fade_from, cancellable, error);
      if (from == NULL)
        return NULL;
    }

  frame = new_image (self, error);
  if (frame == NULL)
    return NULL;

  cr = cairo_create (frame);
  if (from != NULL && from != map)
    {
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_set_source_surface (cr, from->image, 0, 0);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      cairo_set_source_surface (cr, map->image, 0, 0);
      cairo_paint_with_alpha (cr, fade);
      cairo_set_source_rgb (cr, 0, 0, 0);
    }
  else
    {
      /* The very pixels of the map, as the PNG export has them. */
      copy_pixels (map->image, frame);
    }

  self->picture.day = day;
  cairo_save (cr);
  frontline_export_clip (&self->picture, cr);
  frontline_export_draw_decorations (&self->picture, cr, map->state, map->changes, map->changes_text);
  cairo_restore (cr);
  ok = frontline_export_check_cairo (cr, error);
  cairo_destroy (cr);

  if (!ok)
    {
      cairo_surface_destroy (frame);
      return NULL;
    }

  cairo_surface_flush (frame);
  return frame;
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

  day = frontline_video_frame_day (options, index, &from, &fade);
  renderer_init (&renderer, options);
  frame = renderer_draw (&renderer, day, from, fade, NULL, error);
  renderer_clear (&renderer);

  return frame;
}

/* The pictures of the timeline: each with the run of frames it lasts. */
typedef struct {
  guint        index;   /* its first frame */
  guint        n;       /* how many frames show it */
  FrontlineDay day;
  FrontlineDay from;
  double       fade;
} Picture;

static void
next_picture (const FrontlineVideoOptions *options,
              guint                        index,
              guint                        n_frames,
              Picture                     *picture)
{
  picture->index = index;
  picture->day = frontline_video_frame_day (options, index, &picture->from, &picture->fade);
  picture->n = 1;
  /* A fade changes every frame; a day stays until the next day (or the end). */
  while (picture->fade >= 1.0 && index + picture->n < n_frames)
    {
      FrontlineDay from;
      double fade;
      FrontlineDay day = frontline_video_frame_day (options, index + picture->n, &from, &fade);

      if (day != picture->day || fade < 1.0)
        break;
      picture->n++;
    }
}

/* The video's frames through GStreamer */

typedef struct {
  GstElement *pipeline;
  GstElement *src;
  GstBus     *bus;
  guint64     max_queued;
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
  int width = video_side (options->picture.view.width);
  int height = video_side (options->picture.view.height);
  guint threads = MAX (1, g_get_num_processors ());
  GstElement *convert, *i420, *queue, *encoder, *profile = NULL, *mux, *sink;
  g_autoptr(GstCaps) src_caps = NULL;
  g_autoptr(GstCaps) i420_caps = NULL;
  GstVideoInfo info;
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

  /* cairo's RGB24 is BGRx in memory, rows of exactly width × 4 bytes. */
  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_BGRx, (guint) width, (guint) height);
  info.fps_n = (int) options->fps;
  info.fps_d = 1;
  src_caps = gst_video_info_to_caps (&info);
  p->max_queued = (guint64) QUEUED_FRAMES * GST_VIDEO_INFO_SIZE (&info);
  /* The producer waits for room itself (see push_frame()); blocking is the
   * bound's backstop, never reached. */
  g_object_set (p->src,
                "caps", src_caps,
                "format", GST_FORMAT_TIME,
                "is-live", FALSE,
                "block", TRUE,
                "max-bytes", p->max_queued + GST_VIDEO_INFO_SIZE (&info),
                NULL);

  g_object_set (convert, "n-threads", threads, NULL);
  /* 4:2:0, which every player plays (x264 would pick 4:4:4 for BGRx). */
  i420_caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "I420",
                                   "colorimetry", G_TYPE_STRING, "bt709", NULL);
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

static void
report (FrontlineProgressFunc progress,
        gpointer              progress_data,
        guint                 done,
        guint                 n_frames)
{
  if (progress != NULL)
    progress ((double) done / MAX (1, n_frames), progress_data);
}

static gboolean
write_video (Renderer                     *renderer,
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
      gsize size;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) || pipeline_failed (&p, 0, error))
        {
          ok = FALSE;
          break;
        }

      next_picture (options, index, n_frames, &picture);
      image = renderer_draw (renderer, picture.day, picture.from, picture.fade, cancellable, error);
      if (image == NULL)
        {
          ok = FALSE;
          break;
        }

      /* The picture's memory, shared by every frame it lasts, freed with
       * the last of them. */
      size = (gsize) cairo_image_surface_get_stride (image) * cairo_image_surface_get_height (image);
      buffer = gst_buffer_new_wrapped_full (GST_MEMORY_FLAG_READONLY, cairo_image_surface_get_data (image),
                                            size, 0, size, image,
                                            (GDestroyNotify) cairo_surface_destroy);
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
            report (progress, progress_data, frame + 1, n_frames);
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

/* The GIF */

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

static gboolean
write_gif (Renderer                     *renderer,
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
  for (guint i = 0; ok && i < days->len; i++)
    {
      FrontlineDay day = g_array_index (days, FrontlineDay, i);
      cairo_surface_t *sample = renderer_draw (renderer, day, day, 1.0, cancellable, error);

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

      next_picture (options, index, n_frames, &picture);
      image = renderer_draw (renderer, picture.day, picture.from, picture.fade, cancellable, error);
      if (image == NULL)
        {
          ok = FALSE;
          break;
        }
      ok = frontline_gif_writer_add_frame (writer, image, (double) picture.index / options->fps, error);
      cairo_surface_destroy (image);
      index = picture.index + picture.n;
      if (ok)
        report (progress, progress_data, index, n_frames);
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

  renderer_init (&renderer, options);
  if (options->format == FRONTLINE_VIDEO_GIF)
    ok = write_gif (&renderer, frontline_safe_file_get_temp_path (out), progress, progress_data,
                    cancellable, error);
  else
    ok = write_video (&renderer, frontline_safe_file_get_temp_path (out), progress, progress_data,
                      cancellable, error);
  g_debug ("%u maps drawn for %u frames", renderer.map_draws, frontline_video_count_frames (options));
  renderer_clear (&renderer);

  /* Synced, renamed into place, the folder synced; on failure, gone. */
  return ok && frontline_safe_file_commit (out, cancellable, error);
}

typedef struct {
  FrontlineVideoOptions  options;
  GFile                 *file;
  gboolean               replace;
  char                  *mbtiles;
  char                  *basemap_credit;
  FrontlineProgress     *progress;  /* nullable */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->options.picture.dataset);
  g_clear_object (&job->options.picture.tiles);
  g_clear_object (&job->options.picture.cache);
  g_clear_object (&job->file);
  g_free (job->mbtiles);
  g_free (job->basemap_credit);
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
