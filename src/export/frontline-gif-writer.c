/* SPDX-License-Identifier: GPL-3.0-or-later */

/* FrontlineGifWriter: an animated GIF through giflib.
 *
 * The palette: the samples' exact colours when they have at most 255 of them,
 * else GifQuantizeBuffer's median cut (255 boxes over a subsample of at most
 * a few megapixels), each box's colour then replaced by the mean of its
 * pixels at full precision and refined by a few rounds of k-means over the
 * RGB555 histogram (the median cut alone is coarse on gradients). The
 * palette is sorted. The last index of the colour map is left free:
 * it is the transparent index, for the pixels a frame does not change.
 *
 * The mapping: nearest colour, no dithering (the pictures are flat map
 * graphics: dithering would only add noise and spoil the compression of the
 * rectangles). A 32768-entry table on RGB555 holds each bucket's answer,
 * filled lazily (nearest palette colour to the bucket's centre); a bucket
 * that holds palette colours answers with the nearest of them, so a colour of
 * the palette always maps to itself (exact for pictures of ≤ 255 colours).
 *
 * The frames: a frame identical to the one before extends its duration; a
 * different one makes the pending frame written, with its delay known then,
 * as the rectangle of pixels that changed since the frame written before it
 * (the first frame whole), the unchanged pixels inside it transparent, and
 * disposal "do not dispose". Delays are differences of times rounded to
 * centiseconds, so they add up to the end time rounded; a frame that would
 * last 0 cs is replaced by the next one (and a last frame of 0 cs left out);
 * a delay longer than a GIF can say (655.35 s) is continued by frames of one
 * transparent pixel. After a write error, every call fails with it. The output goes through a buffer
 * of our own onto the fd, which the writer never closes. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <gif_lib.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "frontline-gif-writer.h"

#define N_BUCKETS         32768
#define BUCKET_EMPTY      0x0000  /* not filled yet */
#define BUCKET_LIST       0x8000  /* | offset into bucket_lists: palette colours in the bucket */
#define MAX_QUANTIZED     (4 * 1024 * 1024)  /* sample pixels given to the quantizer */
#define OUT_BUFFER_SIZE   (64 * 1024)
#define MAX_DELAY         65535

struct _FrontlineGifWriter {
  int           fd;
  int           width;
  int           height;
  GifFileType  *gif;

  /* Output */
  guint8       *out;
  gsize         out_length;
  int           write_errno;
  gboolean      discard;         /* closing without finishing: write nothing */
  GError       *failure;         /* the first error in writing: repeated after */

  /* Palette */
  gboolean      has_palette;
  guint         n_colours;       /* ≤ 255; the transparent index is n_colours */
  guint8        colours[256][3];
  guint16       buckets[N_BUCKETS];
  GArray       *bucket_lists;    /* guint8: count, then the indices */

  /* Frames */
  guint8       *previous;        /* the frame on screen before the pending one */
  guint8       *pending;
  guint8       *current;
  gboolean      has_written;
  gboolean      has_pending;
  gint64        pending_cs;      /* the pending frame's start, in centiseconds */
  guint         n_written;
  guint8       *line;
};

static gboolean
write_all (FrontlineGifWriter *self,
           const guint8       *data,
           gsize               length)
{
  while (length > 0 && self->write_errno == 0)
    {
      ssize_t n = write (self->fd, data, length);

      if (n < 0)
        {
          if (errno != EINTR)
            self->write_errno = errno;
        }
      else
        {
          data += n;
          length -= n;
        }
    }

  return self->write_errno == 0;
}

static gboolean
flush_out (FrontlineGifWriter *self)
{
  gboolean ok = write_all (self, self->out, self->out_length);

  self->out_length = 0;

  return ok;
}

/* giflib's output: buffered (giflib writes a few bytes at a time). */
static int
write_out (GifFileType       *gif,
           const GifByteType *data,
           int                length)
{
  FrontlineGifWriter *self = gif->UserData;

  if (self->discard)
    return length;
  if (self->write_errno != 0)
    return 0;

  if (self->out_length + length > OUT_BUFFER_SIZE && !flush_out (self))
    return 0;
  if (length > OUT_BUFFER_SIZE)
    return write_all (self, data, length) ? length : 0;
  memcpy (self->out + self->out_length, data, length);
  self->out_length += length;

  return length;
}

/* The error of the last giflib call (or of the write under it). */
static gboolean
set_gif_error (FrontlineGifWriter *self,
               int                 code,
               GError            **error)
{
  GError *failure;

  if (self->write_errno != 0)
    failure = g_error_new (G_IO_ERROR, g_io_error_from_errno (self->write_errno),
                           _("The animation could not be written: %s"), g_strerror (self->write_errno));
  else
    failure = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The animation could not be written: %s"), GifErrorString (code));
  if (self->failure == NULL)
    self->failure = g_error_copy (failure);
  g_propagate_error (error, failure);

  return FALSE;
}

/* After an error in writing, every call fails with it. */
static gboolean
check_failure (FrontlineGifWriter *self,
               GError            **error)
{
  if (self->failure == NULL)
    return TRUE;
  g_propagate_error (error, g_error_copy (self->failure));

  return FALSE;
}

FrontlineGifWriter *
frontline_gif_writer_new (int      fd,
                          int      width,
                          int      height,
                          GError **error)
{
  g_autoptr(FrontlineGifWriter) self = NULL;
  int code = 0;

  g_return_val_if_fail (width > 0 && width <= 65535, NULL);
  g_return_val_if_fail (height > 0 && height <= 65535, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (fd < 0 || fcntl (fd, F_GETFL) < 0)
    {
      int saved = fd < 0 ? EBADF : errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The animation could not be written: %s"), g_strerror (saved));
      return NULL;
    }

  self = g_new0 (FrontlineGifWriter, 1);
  self->fd = fd;
  self->width = width;
  self->height = height;
  self->out = g_malloc (OUT_BUFFER_SIZE);
  self->bucket_lists = g_array_new (FALSE, FALSE, 1);
  self->previous = g_malloc0 ((gsize) width * height);
  self->pending = g_malloc0 ((gsize) width * height);
  self->current = g_malloc0 ((gsize) width * height);
  self->line = g_malloc (width);

  self->gif = EGifOpen (self, write_out, &code);
  if (self->gif == NULL)
    {
      set_gif_error (self, code, error);
      return NULL;
    }
  EGifSetGifVersion (self->gif, true);

  return g_steal_pointer (&self);
}

static gboolean
check_surface (FrontlineGifWriter *self,
               cairo_surface_t    *surface,
               GError            **error)
{
  cairo_format_t format;

  if (cairo_surface_get_type (surface) != CAIRO_SURFACE_TYPE_IMAGE ||
      ((format = cairo_image_surface_get_format (surface)) != CAIRO_FORMAT_ARGB32 &&
       format != CAIRO_FORMAT_RGB24))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The animation’s frames must be RGB or ARGB images"));
      return FALSE;
    }
  if (cairo_image_surface_get_width (surface) != self->width ||
      cairo_image_surface_get_height (surface) != self->height)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A frame of %d × %d pixels does not fit an animation of %d × %d pixels"),
                   cairo_image_surface_get_width (surface), cairo_image_surface_get_height (surface),
                   self->width, self->height);
      return FALSE;
    }
  cairo_surface_flush (surface);

  return TRUE;
}

/* Cairo's native-endian 0xAARRGGBB; ARGB32 is premultiplied, but the frames
 * are painted opaque, so the colour bits are taken as they are. */
static inline guint
bucket_of (guint32 pixel)
{
  return ((pixel >> 9) & 0x7c00) | ((pixel >> 6) & 0x03e0) | ((pixel >> 3) & 0x001f);
}

static inline guint
distance (const guint8 *colour,
          int           r,
          int           g,
          int           b)
{
  int dr = colour[0] - r, dg = colour[1] - g, db = colour[2] - b;

  /* Weighted a little towards green, as the eye is. */
  return 2 * dr * dr + 4 * dg * dg + 3 * db * db;
}

static guint8
nearest (FrontlineGifWriter *self,
         int                 r,
         int                 g,
         int                 b)
{
  guint best = 0, best_distance = G_MAXUINT;

  for (guint i = 0; i < self->n_colours; i++)
    {
      guint d = distance (self->colours[i], r, g, b);

      if (d < best_distance)
        {
          best_distance = d;
          best = i;
        }
    }

  return best;
}

static inline guint8
map_pixel (FrontlineGifWriter *self,
           guint32             pixel)
{
  guint bucket = bucket_of (pixel);
  guint16 entry = self->buckets[bucket];

  if (G_LIKELY (entry != BUCKET_EMPTY && !(entry & BUCKET_LIST)))
    return entry - 1;

  if (entry == BUCKET_EMPTY)
    {
      guint8 index = nearest (self, ((bucket >> 10) << 3) | 4, (((bucket >> 5) & 0x1f) << 3) | 4,
                              ((bucket & 0x1f) << 3) | 4);

      self->buckets[bucket] = index + 1;
      return index;
    }
  else
    {
      const guint8 *list = &g_array_index (self->bucket_lists, guint8, entry & ~BUCKET_LIST);
      int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;
      guint best = list[1], best_distance = G_MAXUINT;

      for (guint i = 1; i <= list[0]; i++)
        {
          guint d = distance (self->colours[list[i]], r, g, b);

          if (d < best_distance)
            {
              best_distance = d;
              best = list[i];
            }
        }
      return best;
    }
}

static void
map_surface (FrontlineGifWriter *self,
             cairo_surface_t    *surface,
             guint8             *indices)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  for (int y = 0; y < self->height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);
      guint8 *out = indices + (gsize) y * self->width;
      guint32 last_pixel = ~row[0];
      guint8 last_index = 0;

      for (int x = 0; x < self->width; x++)
        {
          guint32 pixel = row[x] & 0xffffff;

          if (pixel != last_pixel)
            {
              last_pixel = pixel;
              last_index = map_pixel (self, pixel);
            }
          out[x] = last_index;
        }
    }
}

/* The samples' distinct colours, up to 255; FALSE if there are more. */
static gboolean
collect_exact (FrontlineGifWriter  *self,
               cairo_surface_t    **samples,
               guint                n_samples)
{
  g_autofree guint32 *seen = g_new0 (guint32, (1 << 24) / 32);
  guint n = 0;

  for (guint s = 0; s < n_samples; s++)
    {
      const guint8 *data = cairo_image_surface_get_data (samples[s]);
      int stride = cairo_image_surface_get_stride (samples[s]);

      for (int y = 0; y < self->height; y++)
        {
          const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

          for (int x = 0; x < self->width; x++)
            {
              guint32 pixel = row[x] & 0xffffff;

              if (seen[pixel >> 5] & (1u << (pixel & 31)))
                continue;
              if (n == 255)
                return FALSE;
              seen[pixel >> 5] |= 1u << (pixel & 31);
              self->colours[n][0] = pixel >> 16;
              self->colours[n][1] = pixel >> 8;
              self->colours[n][2] = pixel;
              n++;
            }
        }
    }
  self->n_colours = MAX (n, 1);

  return TRUE;
}

/* The palette: the means of the groups of pixels that have any (the others
 * are left out). */
static void
set_means (FrontlineGifWriter *self,
           guint64             sums[256][3],
           const guint64      *counts,
           guint               n_groups)
{
  self->n_colours = 0;
  for (guint i = 0; i < n_groups; i++)
    {
      if (counts[i] == 0)
        continue;
      for (int c = 0; c < 3; c++)
        self->colours[self->n_colours][c] = (sums[i][c] + counts[i] / 2) / counts[i];
      self->n_colours++;
    }
  self->n_colours = MAX (self->n_colours, 1);
}

/* Median cut over a subsample, then each box's mean at full precision,
 * refined by k-means. */
static gboolean
quantize (FrontlineGifWriter  *self,
          cairo_surface_t    **samples,
          guint                n_samples,
          GError             **error)
{
  guint64 total = (guint64) self->width * self->height * n_samples;
  int step = 1;
  gsize n = 0, capacity;
  g_autofree guint8 *red = NULL;
  g_autofree guint8 *green = NULL;
  g_autofree guint8 *blue = NULL;
  g_autofree guint8 *assigned = NULL;
  GifColorType map[256] = { { 0 } };
  g_autofree guint64 *bucket_sums = NULL;
  guint64 sums[256][3] = { { 0 } };
  guint64 counts[256] = { 0 };
  int map_size = 255;

  while (total / ((guint64) step * step) > MAX_QUANTIZED)
    step++;
  capacity = (gsize) ((self->width + step - 1) / step) * ((self->height + step - 1) / step) * n_samples;
  red = g_malloc (capacity);
  green = g_malloc (capacity);
  blue = g_malloc (capacity);
  assigned = g_malloc (capacity);

  for (guint s = 0; s < n_samples; s++)
    {
      const guint8 *data = cairo_image_surface_get_data (samples[s]);
      int stride = cairo_image_surface_get_stride (samples[s]);

      for (int y = 0; y < self->height; y += step)
        {
          const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

          for (int x = 0; x < self->width; x += step)
            {
              red[n] = row[x] >> 16;
              green[n] = row[x] >> 8;
              blue[n] = row[x];
              n++;
            }
        }
    }

  if (GifQuantizeBuffer (n, 1, &map_size, red, green, blue, assigned, map) != GIF_OK)
    return set_gif_error (self, E_GIF_ERR_NOT_ENOUGH_MEM, error);

  for (gsize i = 0; i < n; i++)
    {
      sums[assigned[i]][0] += red[i];
      sums[assigned[i]][1] += green[i];
      sums[assigned[i]][2] += blue[i];
      counts[assigned[i]]++;
    }
  set_means (self, sums, counts, MIN (map_size, 255));

  /* A few rounds of k-means over the RGB555 histogram (each bucket at the
   * mean of its pixels): the median cut's boxes are coarse on gradients. */
  bucket_sums = g_new0 (guint64, N_BUCKETS * 4);
  for (gsize i = 0; i < n; i++)
    {
      guint64 *sum = bucket_sums + 4 * bucket_of (((guint32) red[i] << 16) | (green[i] << 8) | blue[i]);

      sum[0] += red[i];
      sum[1] += green[i];
      sum[2] += blue[i];
      sum[3]++;
    }
  for (int round = 0; round < 8; round++)
    {
      memset (sums, 0, sizeof sums);
      memset (counts, 0, sizeof counts);
      for (guint bucket = 0; bucket < N_BUCKETS; bucket++)
        {
          const guint64 *sum = bucket_sums + 4 * bucket;
          guint8 index;

          if (sum[3] == 0)
            continue;
          index = nearest (self, sum[0] / sum[3], sum[1] / sum[3], sum[2] / sum[3]);
          sums[index][0] += sum[0];
          sums[index][1] += sum[1];
          sums[index][2] += sum[2];
          counts[index] += sum[3];
        }
      set_means (self, sums, counts, self->n_colours);
    }

  return TRUE;
}

static int
compare_colours (const void *a,
                 const void *b)
{
  return memcmp (a, b, 3);
}

static guint
bucket_of_colour (const guint8 *colour)
{
  return bucket_of (((guint32) colour[0] << 16) | (colour[1] << 8) | colour[2]);
}

/* The buckets that hold palette colours answer among them: a bucket with
 * one is filled with it, one with more gets the list of them. */
static void
fill_buckets (FrontlineGifWriter *self)
{
  g_autofree guint8 *per_bucket = g_new0 (guint8, N_BUCKETS);

  memset (self->buckets, 0, sizeof self->buckets);
  g_array_set_size (self->bucket_lists, 0);

  for (guint i = 0; i < self->n_colours; i++)
    per_bucket[bucket_of_colour (self->colours[i])]++;

  for (guint i = 0; i < self->n_colours; i++)
    {
      guint bucket = bucket_of_colour (self->colours[i]);

      if (per_bucket[bucket] == 1)
        {
          self->buckets[bucket] = i + 1;
        }
      else if (self->buckets[bucket] == BUCKET_EMPTY)
        {
          /* The list: its length, then the palette colours of the bucket. */
          guint offset = self->bucket_lists->len;
          guint8 *list;
          guint n = 0;

          g_array_set_size (self->bucket_lists, offset + 1 + per_bucket[bucket]);
          list = &g_array_index (self->bucket_lists, guint8, offset);
          list[0] = per_bucket[bucket];
          for (guint j = i; j < self->n_colours; j++)
            if (bucket_of_colour (self->colours[j]) == bucket)
              list[1 + n++] = j;
          g_assert (n == per_bucket[bucket]);
          self->buckets[bucket] = BUCKET_LIST | offset;
        }
    }
}

gboolean
frontline_gif_writer_set_palette (FrontlineGifWriter  *self,
                                  cairo_surface_t    **samples,
                                  guint                n_samples,
                                  GError             **error)
{
  GifColorType map[256] = { { 0 } };
  ColorMapObject *object;
  guint8 loop[3] = { 1, 0, 0 };
  int size = 2;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (samples != NULL || n_samples == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_failure (self, error))
    return FALSE;
  g_return_val_if_fail (!self->has_palette, FALSE);

  for (guint s = 0; s < n_samples; s++)
    if (!check_surface (self, samples[s], error))
      return FALSE;

  if (!collect_exact (self, samples, n_samples) && !quantize (self, samples, n_samples, error))
    return FALSE;

  /* Sorted, so that a palette's buckets group (fill_buckets) and the colour
   * map reads well. */
  qsort (self->colours, self->n_colours, 3, compare_colours);
  fill_buckets (self);

  while (size < (int) self->n_colours + 1)
    size *= 2;
  for (guint i = 0; i < self->n_colours; i++)
    {
      map[i].Red = self->colours[i][0];
      map[i].Green = self->colours[i][1];
      map[i].Blue = self->colours[i][2];
    }
  object = GifMakeMapObject (size, map);
  if (object == NULL)
    return set_gif_error (self, E_GIF_ERR_NOT_ENOUGH_MEM, error);

  if (EGifPutScreenDesc (self->gif, self->width, self->height, 8, 0, object) != GIF_OK)
    {
      GifFreeMapObject (object);
      return set_gif_error (self, self->gif->Error, error);
    }
  GifFreeMapObject (object);

  if (EGifPutExtensionLeader (self->gif, APPLICATION_EXT_FUNC_CODE) != GIF_OK ||
      EGifPutExtensionBlock (self->gif, 11, "NETSCAPE2.0") != GIF_OK ||
      EGifPutExtensionBlock (self->gif, 3, loop) != GIF_OK ||
      EGifPutExtensionTrailer (self->gif) != GIF_OK)
    return set_gif_error (self, self->gif->Error, error);

  self->has_palette = TRUE;

  return TRUE;
}

/* One image: @indices' rectangle, pixels equal in @under transparent (if
 * @under is given), shown @delay cs. */
static gboolean
put_image (FrontlineGifWriter *self,
           const guint8       *indices,
           const guint8       *under,
           int                 left,
           int                 top,
           int                 width,
           int                 height,
           int                 delay,
           GError            **error)
{
  GraphicsControlBlock gcb = {
    .DisposalMode = DISPOSE_DO_NOT,
    .UserInputFlag = false,
    .DelayTime = delay,
    .TransparentColor = under != NULL ? (int) self->n_colours : NO_TRANSPARENT_COLOR,
  };
  GifByteType extension[4];
  size_t length = EGifGCBToExtension (&gcb, extension);

  if (EGifPutExtension (self->gif, GRAPHICS_EXT_FUNC_CODE, length, extension) != GIF_OK ||
      EGifPutImageDesc (self->gif, left, top, width, height, false, NULL) != GIF_OK)
    return set_gif_error (self, self->gif->Error, error);

  for (int y = top; y < top + height; y++)
    {
      gsize start = (gsize) y * self->width + left;
      GifPixelType *line = self->line;

      if (under != NULL)
        {
          for (int x = 0; x < width; x++)
            line[x] = indices[start + x] == under[start + x] ? self->n_colours : indices[start + x];
        }
      else
        {
          memcpy (line, indices + start, width);
        }
      if (EGifPutLine (self->gif, line, width) != GIF_OK)
        return set_gif_error (self, self->gif->Error, error);
    }
  self->n_written++;

  return TRUE;
}

/* The pending frame, lasting @delay cs (longer than a GIF delay can say:
 * followed by empty frames). */
static gboolean
write_pending (FrontlineGifWriter *self,
               gint64              delay,
               GError            **error)
{
  int left = 0, top = 0, right = self->width, bottom = self->height;
  const guint8 *under = NULL;
  guint8 *swap;

  if (self->has_written)
    {
      /* The rectangle that changed since the frame written before. */
      gsize w = self->width;

      for (top = 0; top < self->height; top++)
        if (memcmp (self->pending + top * w, self->previous + top * w, w) != 0)
          break;
      if (top == self->height)
        {
          /* Nothing changed: an empty frame of one transparent pixel. */
          left = top = 0;
          right = bottom = 1;
        }
      else
        {
          for (bottom = self->height; bottom > top; bottom--)
            if (memcmp (self->pending + (bottom - 1) * w, self->previous + (bottom - 1) * w, w) != 0)
              break;
          left = self->width;
          right = 0;
          for (int y = top; y < bottom; y++)
            {
              const guint8 *a = self->pending + y * w, *b = self->previous + y * w;
              int x;

              for (x = 0; x < left && a[x] == b[x]; x++)
                ;
              left = x;
              for (x = self->width; x > right && a[x - 1] == b[x - 1]; x--)
                ;
              right = x;
            }
        }
      under = self->previous;
    }

  if (!put_image (self, self->pending, under, left, top, right - left, bottom - top,
                  MIN (delay, MAX_DELAY), error))
    return FALSE;
  for (delay -= MIN (delay, MAX_DELAY); delay > 0; delay -= MIN (delay, MAX_DELAY))
    if (!put_image (self, self->pending, self->pending, 0, 0, 1, 1, MIN (delay, MAX_DELAY), error))
      return FALSE;

  swap = self->previous;
  self->previous = self->pending;
  self->pending = swap;
  self->has_written = TRUE;
  self->has_pending = FALSE;

  return TRUE;
}

static gint64
centiseconds (double time)
{
  return llround (100.0 * time);
}

gboolean
frontline_gif_writer_add_frame (FrontlineGifWriter  *self,
                                cairo_surface_t     *image,
                                double               time,
                                GError             **error)
{
  gint64 cs = centiseconds (time);
  guint8 *swap;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (image != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_failure (self, error))
    return FALSE;
  g_return_val_if_fail (self->has_palette, FALSE);
  g_return_val_if_fail (!self->has_pending || cs >= self->pending_cs, FALSE);

  if (!check_surface (self, image, error))
    return FALSE;

  map_surface (self, image, self->current);

  if (self->has_pending)
    {
      gsize size = (gsize) self->width * self->height;

      if (memcmp (self->current, self->pending, size) == 0)
        return TRUE;
      if (cs == self->pending_cs)
        {
          /* The pending frame would last 0 cs: this one replaces it, from
           * its start. */
          swap = self->pending;
          self->pending = self->current;
          self->current = swap;
          return TRUE;
        }
      if (!write_pending (self, cs - self->pending_cs, error))
        return FALSE;
    }

  swap = self->pending;
  self->pending = self->current;
  self->current = swap;
  self->pending_cs = cs;
  self->has_pending = TRUE;

  return TRUE;
}

gboolean
frontline_gif_writer_finish (FrontlineGifWriter  *self,
                             double               end_time,
                             GError             **error)
{
  int code = 0;
  gint64 end = centiseconds (end_time);
  GifFileType *gif;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_failure (self, error))
    return FALSE;
  g_return_val_if_fail (self->has_palette, FALSE);
  g_return_val_if_fail (self->gif != NULL, FALSE);

  if (self->has_pending)
    {
      gint64 delay = end - self->pending_cs;

      /* A last frame of no duration is never seen: left out, unless it is
       * the only one (then it lasts 1 cs). */
      if (delay > 0 || !self->has_written)
        {
          if (!write_pending (self, MAX (delay, 1), error))
            return FALSE;
        }
    }

  gif = g_steal_pointer (&self->gif);
  /* EGifOpen over our write function: closing frees giflib's state and
   * writes the trailer; the fd is ours and left open. */
  if (EGifCloseFile (gif, &code) != GIF_OK || self->write_errno != 0)
    return set_gif_error (self, code, error);
  if (!flush_out (self))
    return set_gif_error (self, code, error);

  return TRUE;
}

guint
frontline_gif_writer_get_n_written (FrontlineGifWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_written;
}

void
frontline_gif_writer_free (FrontlineGifWriter *self)
{
  if (self == NULL)
    return;

  if (self->gif != NULL)
    {
      self->discard = TRUE;
      EGifCloseFile (self->gif, NULL);
    }
  g_clear_error (&self->failure);
  g_array_unref (self->bucket_lists);
  g_free (self->out);
  g_free (self->previous);
  g_free (self->pending);
  g_free (self->current);
  g_free (self->line);
  g_free (self);
}
