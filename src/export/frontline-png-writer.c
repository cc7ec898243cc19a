/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-exporter"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <gio/gio.h>
#include <png.h>
#include <string.h>
#include <zlib.h>

#include "frontline-png-writer.h"

/* A PNG writer for cairo image surfaces made for maps, which cairo's own
 * (zlib's default level, libpng choosing a filter per row) writes two to
 * three times slower than the picture takes to draw:
 *
 * - an opaque picture is written as RGB, without an alpha channel;
 * - one filter for every row (none: see
 *   frontline_png_settings_init_default() for the figures) and a fast zlib
 *   level;
 * - the rows are cut into strips, a thread each, each strip converted,
 *   filtered and deflated on its own and ended on a byte boundary with a
 *   sync flush, as pigz does: the strips joined are one zlib stream, whose
 *   checksum is the strips' combined (adler32_combine()). libpng writes the
 *   signature, the header, the data chunks and the end.
 *
 * The file decodes to the surface's pixels (unpremultiplied, as PNG stores
 * them), whatever the settings. */

/* Rows per strip at least: fewer and the strips' flushes cost more than the
 * threads save. */
#define MIN_STRIP_ROWS 64
#define MAX_THREADS    16
#define OUT_CHUNK      (256 * 1024)

/**
 * frontline_png_settings_init_default:
 *
 * The settings the exporter writes with: zlib level 3 with the default
 * strategy, no filter, a thread per processor. Maps are mostly flat colour,
 * which deflate matches best unfiltered. On the 3840x2160 export of
 * bench-export (workload L, median of 5, CPU time), against cairo's 1.59 MiB
 * in 267 ms:
 *
 * | level | strategy | filter | size     | CPU    |
 * |-------|----------|--------|----------|--------|
 * | 1     | default  | none   | 1.46 MiB | 65 ms  |
 * | 1     | default  | sub    | 1.78 MiB | 77 ms  |
 * | 1     | default  | up     | 1.77 MiB | 77 ms  |
 * | 1     | rle      | none   | 10.4 MiB | 205 ms |
 * | 1     | rle      | up     | 1.82 MiB | 71 ms  |
 * | 2     | default  | none   | 1.45 MiB | 65 ms  |
 * | 2     | default  | up     | 1.75 MiB | 78 ms  |
 * | 3     | default  | none   | 1.42 MiB | 67 ms  |
 * | 3     | default  | up     | 1.73 MiB | 81 ms  |
 * | 6     | default  | none   | 1.30 MiB | 135 ms |
 * | 6     | default  | up     | 1.60 MiB | 147 ms |
 */
void
frontline_png_settings_init_default (FrontlinePngSettings *settings)
{
  g_return_if_fail (settings != NULL);

  settings->level = 3;
  settings->strategy = Z_DEFAULT_STRATEGY;
  settings->filter = FRONTLINE_PNG_FILTER_NONE;
  settings->n_threads = 0;
}

typedef struct {
  /* The picture */
  const guint8       *data;
  int                 stride;
  int                 width;
  gboolean            alpha;    /* RGBA; else RGB */
  gsize               row_bytes;
  const FrontlinePngSettings *settings;
  /* The strip */
  int                 first;
  int                 last;
  gboolean            final;
  GByteArray         *out;
  uLong               adler;
  uLong               length;   /* uncompressed bytes */
  gboolean            ok;
} Strip;

/* One row of the surface as PNG stores it: R, G, B (and A, unpremultiplied). */
static void
convert_row (const Strip *strip,
             int          y,
             guint8      *row)
{
  const guint32 *pixels = (const guint32 *) (strip->data + (gsize) y * strip->stride);

  if (!strip->alpha)
    {
      for (int x = 0; x < strip->width; x++)
        {
          guint32 p = pixels[x];

          row[0] = (guint8) (p >> 16);
          row[1] = (guint8) (p >> 8);
          row[2] = (guint8) p;
          row += 3;
        }
      return;
    }

  for (int x = 0; x < strip->width; x++)
    {
      guint32 p = pixels[x];
      guint a = p >> 24;

      if (a == 0)
        {
          row[0] = row[1] = row[2] = row[3] = 0;
        }
      else
        {
          /* As cairo unpremultiplies, rounded. */
          row[0] = (guint8) ((((p >> 16) & 0xff) * 255 + a / 2) / a);
          row[1] = (guint8) ((((p >> 8) & 0xff) * 255 + a / 2) / a);
          row[2] = (guint8) (((p & 0xff) * 255 + a / 2) / a);
          row[3] = (guint8) a;
        }
      row += 4;
    }
}

/* Deflates what @z holds into @strip's output, with @flush. */
static gboolean
deflate_into (Strip    *strip,
              z_stream *z,
              guint8   *chunk,
              int       flush)
{
  do
    {
      int status;

      z->next_out = chunk;
      z->avail_out = OUT_CHUNK;
      status = deflate (z, flush);
      if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR)
        return FALSE;
      g_byte_array_append (strip->out, chunk, OUT_CHUNK - z->avail_out);
    }
  while (z->avail_out == 0);

  return TRUE;
}

static gpointer
encode_strip (gpointer data)
{
  Strip *strip = data;
  gsize row_bytes = strip->row_bytes;
  gsize bpp = strip->alpha ? 4 : 3;
  g_autofree guint8 *prev = g_malloc0 (row_bytes);
  g_autofree guint8 *cur = g_malloc (row_bytes);
  g_autofree guint8 *filtered = g_malloc (row_bytes + 1);
  g_autofree guint8 *chunk = g_malloc (OUT_CHUNK);
  z_stream z = { 0 };

  strip->ok = FALSE;
  strip->adler = adler32 (0, NULL, 0);
  strip->length = 0;

  /* Raw deflate: the zlib header and checksum are the whole stream's. */
  if (deflateInit2 (&z, strip->settings->level, Z_DEFLATED, -15, 8, strip->settings->strategy) != Z_OK)
    return NULL;

  /* Up looks at the row above, even across strips. */
  if (strip->settings->filter == FRONTLINE_PNG_FILTER_UP && strip->first > 0)
    convert_row (strip, strip->first - 1, prev);

  for (int y = strip->first; y < strip->last; y++)
    {
      guint8 *out = filtered + 1;

      convert_row (strip, y, cur);
      filtered[0] = (guint8) strip->settings->filter;
      switch (strip->settings->filter)
        {
        case FRONTLINE_PNG_FILTER_SUB:
          memcpy (out, cur, bpp);
          for (gsize i = bpp; i < row_bytes; i++)
            out[i] = (guint8) (cur[i] - cur[i - bpp]);
          break;

        case FRONTLINE_PNG_FILTER_UP:
          for (gsize i = 0; i < row_bytes; i++)
            out[i] = (guint8) (cur[i] - prev[i]);
          break;

        case FRONTLINE_PNG_FILTER_NONE:
        default:
          memcpy (out, cur, row_bytes);
          break;
        }

      strip->adler = adler32 (strip->adler, filtered, (uInt) (row_bytes + 1));
      strip->length += row_bytes + 1;
      z.next_in = filtered;
      z.avail_in = (uInt) (row_bytes + 1);
      if (!deflate_into (strip, &z, chunk, Z_NO_FLUSH))
        goto out;

      { guint8 *swap = prev; prev = cur; cur = swap; }
    }

  /* A sync flush ends the strip on a byte boundary, so the next strip's
   * blocks can follow it; the last strip ends the stream. */
  strip->ok = deflate_into (strip, &z, chunk, strip->final ? Z_FINISH : Z_SYNC_FLUSH);

out:
  deflateEnd (&z);
  return NULL;
}

/* libpng */

static void
png_error_cb (png_structp     png,
              png_const_charp message)
{
  GError **error = png_get_error_ptr (png);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The picture could not be encoded: %s"), message);
  png_longjmp (png, 1);
}

static void
png_warning_cb (png_structp     png,
                png_const_charp message)
{
  g_debug ("PNG: %s", message);
}

static void
png_write_cb (png_structp png,
              png_bytep   data,
              size_t      length)
{
  g_byte_array_append (png_get_io_ptr (png), data, (guint) length);
}

static void
png_flush_cb (png_structp png)
{
}

/* Writes the PNG around the strips' data. */
static gboolean
write_png (GByteArray  *bytes,
           int          width,
           int          height,
           gboolean     alpha,
           Strip       *strips,
           guint        n_strips,
           GError     **error)
{
  png_structp png;
  png_infop info;
  volatile gboolean ok = FALSE;

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, error, png_error_cb, png_warning_cb);
  if (png == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The picture could not be encoded: %s"),
                   g_strerror (ENOMEM));
      return FALSE;
    }
  info = png_create_info_struct (png);

  if (info != NULL && setjmp (png_jmpbuf (png)) == 0)
    {
      png_set_write_fn (png, bytes, png_write_cb, png_flush_cb);
      png_set_IHDR (png, info, (png_uint_32) width, (png_uint_32) height, 8,
                    alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                    PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
      png_write_info (png, info);
      /* One data chunk per strip: the zlib stream is cut anywhere. */
      for (guint i = 0; i < n_strips; i++)
        png_write_chunk (png, (png_const_bytep) "IDAT", strips[i].out->data, strips[i].out->len);
      png_write_chunk (png, (png_const_bytep) "IEND", NULL, 0);
      ok = TRUE;
    }
  else if (info == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The picture could not be encoded: %s"),
                   g_strerror (ENOMEM));
    }

  png_destroy_write_struct (&png, info != NULL ? &info : NULL);
  return ok;
}

/* Whether every pixel of an ARGB32 surface is opaque. */
static gboolean
is_opaque (const guint8 *data,
           int           stride,
           int           width,
           int           height)
{
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        if ((row[x] >> 24) != 0xff)
          return FALSE;
    }

  return TRUE;
}

/**
 * frontline_png_encode:
 * @surface: an image surface
 * @settings: (nullable): how to compress; %NULL for
 *   frontline_png_settings_init_default()'s
 *
 * Encodes @surface as a PNG: RGB when it is opaque (an RGB24 surface, or an
 * ARGB32 one whose every pixel is), else RGBA. Other formats are converted
 * to ARGB32 first.
 *
 * Returns: (transfer full): the file's bytes, or %NULL with @error set
 */
GByteArray *
frontline_png_encode (cairo_surface_t             *surface,
                      const FrontlinePngSettings  *settings,
                      GError                     **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  g_autofree Strip *strips = NULL;
  g_autofree GThread **threads = NULL;
  FrontlinePngSettings defaults;
  cairo_surface_t *converted = NULL;
  const guint8 *data;
  int width, height, stride;
  gboolean alpha;
  guint n_strips;
  uLong adler;
  gboolean ok = TRUE;

  g_return_val_if_fail (surface != NULL, NULL);
  g_return_val_if_fail (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (settings == NULL)
    {
      frontline_png_settings_init_default (&defaults);
      settings = &defaults;
    }

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The picture could not be encoded: %s"),
                   cairo_status_to_string (cairo_surface_status (surface)));
      return NULL;
    }

  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  if (cairo_image_surface_get_format (surface) != CAIRO_FORMAT_RGB24 &&
      cairo_image_surface_get_format (surface) != CAIRO_FORMAT_ARGB32)
    {
      cairo_t *cr;

      converted = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cr = cairo_create (converted);
      cairo_set_source_surface (cr, surface, 0, 0);
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_paint (cr);
      cairo_destroy (cr);
      surface = converted;
    }

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  alpha = cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32 &&
          !is_opaque (data, stride, width, height);

  n_strips = settings->n_threads > 0 ? settings->n_threads : g_get_num_processors ();
  n_strips = CLAMP (MIN (n_strips, (guint) (height / MIN_STRIP_ROWS)), 1, MAX_THREADS);
  strips = g_new0 (Strip, n_strips);
  threads = g_new0 (GThread *, n_strips);

  for (guint i = 0; i < n_strips; i++)
    {
      Strip *strip = &strips[i];

      strip->data = data;
      strip->stride = stride;
      strip->width = width;
      strip->alpha = alpha;
      strip->row_bytes = (gsize) width * (alpha ? 4 : 3);
      strip->settings = settings;
      strip->first = (int) ((gint64) height * i / n_strips);
      strip->last = (int) ((gint64) height * (i + 1) / n_strips);
      strip->final = i == n_strips - 1;
      strip->out = g_byte_array_sized_new ((guint) MIN (strip->row_bytes * (gsize) (strip->last - strip->first) / 16 + 64,
                                                        G_MAXUINT / 2));
      if (i == 0)
        {
          /* The zlib header: deflate, 32 KiB window, the level's hint. */
          int level = settings->level;
          guint8 header[2] = { 0x78, (guint8) ((level <= 1 ? 0 : level <= 5 ? 1 : level == 6 ? 2 : 3) << 6) };

          header[1] += (guint8) (31 - (header[0] * 256 + header[1]) % 31);
          g_byte_array_append (strip->out, header, 2);
        }
      if (i > 0)
        threads[i] = g_thread_try_new ("frontline-png", encode_strip, strip, NULL);
    }
  encode_strip (&strips[0]);
  for (guint i = 1; i < n_strips; i++)
    {
      if (threads[i] != NULL)
        g_thread_join (threads[i]);
      else
        encode_strip (&strips[i]);
    }

  /* The stream's checksum: the strips', combined. */
  adler = strips[0].adler;
  for (guint i = 0; i < n_strips; i++)
    {
      ok = ok && strips[i].ok;
      if (i > 0)
        adler = adler32_combine (adler, strips[i].adler, (z_off_t) strips[i].length);
    }

  if (ok)
    {
      guint8 trailer[4] = { (guint8) (adler >> 24), (guint8) (adler >> 16), (guint8) (adler >> 8), (guint8) adler };

      gsize total = 1024;

      g_byte_array_append (strips[n_strips - 1].out, trailer, 4);
      for (guint i = 0; i < n_strips; i++)
        total += strips[i].out->len + 12;
      bytes = g_byte_array_sized_new ((guint) MIN (total, G_MAXUINT));
      ok = write_png (bytes, width, height, alpha, strips, n_strips, error);
    }
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The picture could not be encoded: %s"),
                   g_strerror (ENOMEM));
    }

  for (guint i = 0; i < n_strips; i++)
    g_byte_array_unref (strips[i].out);
  if (converted != NULL)
    cairo_surface_destroy (converted);

  return ok ? g_steal_pointer (&bytes) : NULL;
}
