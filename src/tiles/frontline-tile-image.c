/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-tile-image"

#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "frontline-tile-image.h"

/* Raster tiles, from MBTiles files and tile servers, are untrusted bytes.
 * Only PNG and JPEG are accepted, and only after their headers say the image
 * has a tile's size: the header is read here, before any decoder allocates
 * the pixels. Display-free; may run in any thread. */

#define MAX_JPEG_SCANS 100  /* progressive JPEGs have about 10; each costs a pass over the image */

static const guint8 png_signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint
read_be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static gboolean
probe_png (const guint8  *data,
           gsize          size,
           guint         *width,
           guint         *height,
           GError       **error)
{
  /* The signature, then IHDR: length 13, type, width, height, depth, colour
   * type, compression, filter, interlace, CRC. */
  if (size < 8 + 8 + 13 + 4)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("PNG image cut short (%u bytes)"), (guint) size);
      return FALSE;
    }
  if (read_be32 (data + 8) != 13 || memcmp (data + 12, "IHDR", 4) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("PNG image without a header chunk"));
      return FALSE;
    }

  *width = read_be32 (data + 16);
  *height = read_be32 (data + 20);
  return TRUE;
}

static gboolean
is_sof (guint marker)
{
  /* SOF0-SOF15, except DHT (C4), JPG (C8) and DAC (CC). */
  return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
}

static gboolean
probe_jpeg (const guint8  *data,
            gsize          size,
            guint         *width,
            guint         *height,
            GError       **error)
{
  gsize pos = 2;  /* after SOI */
  guint scans = 0;

  /* Walks the segments up to the frame header. */
  for (;;)
    {
      guint marker;
      gsize length;

      if (pos >= size || data[pos] != 0xff)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               pos >= size ? _("JPEG image cut short before its frame header")
                                           : _("JPEG image damaged: a segment does not start with a marker"));
          return FALSE;
        }
      while (pos < size && data[pos] == 0xff)  /* fill bytes */
        pos++;
      if (pos >= size)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("JPEG image cut short before its frame header"));
          return FALSE;
        }
      marker = data[pos++];

      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8))
        continue;  /* no length */
      if (marker == 0xd9 || marker == 0xda || marker == 0x00)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("JPEG image without a frame header"));
          return FALSE;
        }
      if (size - pos < 2 || (length = read_be16 (data + pos)) < 2 || size - pos < length)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("JPEG image cut short before its frame header"));
          return FALSE;
        }
      if (is_sof (marker))
        {
          /* Tiles are baseline or progressive Huffman JPEGs. libjpeg spends
           * minutes on some damaged arithmetic-coded ones (SOF9 to SOF15),
           * and the lossless and hierarchical kinds are no tiles at all. */
          if (marker != 0xc0 && marker != 0xc1 && marker != 0xc2)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("JPEG image of a kind tiles do not use (SOF%u); only baseline and "
                             "progressive JPEGs are read"), marker - 0xc0);
              return FALSE;
            }
          if (length < 8)
            {
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   _("JPEG image damaged: its frame header is too short"));
              return FALSE;
            }
          *height = read_be16 (data + pos + 3);
          *width = read_be16 (data + pos + 5);
          pos += length;
          break;
        }
      pos += length;
    }

  /* On to the first scan, and its end: libjpeg decodes a JPEG cut short
   * as if it were whole, grey where the data stops. */
  for (;;)
    {
      guint marker;
      gsize length;

      while (pos < size && data[pos] == 0xff)
        pos++;
      if (pos >= size || data[pos - 1] != 0xff)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("JPEG image cut short before its first scan"));
          return FALSE;
        }
      marker = data[pos++];
      if (marker == 0xda)
        break;
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8))
        continue;
      if (marker == 0xd9 || marker == 0x00 || size - pos < 2 || (length = read_be16 (data + pos)) < 2 ||
          size - pos < length)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("JPEG image cut short before its first scan"));
          return FALSE;
        }
      pos += length;
    }
  {
    gboolean ended = FALSE;

    for (gsize i = size - 1; i > pos && !ended; i--)
      ended = data[i - 1] == 0xff && data[i] == 0xd9;
    if (!ended)
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             _("JPEG image cut short: it has no end marker"));
        return FALSE;
      }
  }

  /* A marker in the entropy-coded data is always followed by 0x00 or a
   * restart marker, so FF DA is a scan (or APPn payload: then we count
   * high, which is safe). */
  for (gsize i = 0; i + 1 < size; i++)
    if (data[i] == 0xff && data[i + 1] == 0xda)
      scans++;
  if (scans > MAX_JPEG_SCANS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("JPEG image with %u scans; a tile may have at most %d"), scans, MAX_JPEG_SCANS);
      return FALSE;
    }

  return TRUE;
}

/**
 * frontline_tile_image_probe:
 * @data: (array length=size): the tile's bytes
 * @format: (out) (optional): PNG or JPEG
 * @width: (out) (optional): the width its header gives
 * @height: (out) (optional): the height
 *
 * Reads the image's format and size from its header, without decoding it.
 * Only PNG and JPEG tiles between 1x1 and
 * %FRONTLINE_TILE_IMAGE_MAX_SIDE pixels a side, of at most
 * %FRONTLINE_TILE_IMAGE_MAX_BYTES bytes, pass.
 *
 * Returns: whether the image can be decoded safely; if not, @error
 *   (%G_IO_ERROR_INVALID_DATA or %G_IO_ERROR_NOT_SUPPORTED) says why
 */
gboolean
frontline_tile_image_probe (const void                *data,
                            gsize                      size,
                            FrontlineTileImageFormat  *format,
                            guint                     *width,
                            guint                     *height,
                            GError                   **error)
{
  const guint8 *bytes = data;
  FrontlineTileImageFormat found;
  guint w = 0;
  guint h = 0;
  gboolean ok;

  if (data == NULL || size == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("empty image"));
      return FALSE;
    }
  if (size > FRONTLINE_TILE_IMAGE_MAX_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("image of %u bytes; a tile may have at most %d"),
                   (guint) MIN (size, G_MAXUINT), FRONTLINE_TILE_IMAGE_MAX_BYTES);
      return FALSE;
    }

  if (size >= sizeof png_signature && memcmp (bytes, png_signature, sizeof png_signature) == 0)
    {
      found = FRONTLINE_TILE_IMAGE_PNG;
      ok = probe_png (bytes, size, &w, &h, error);
    }
  else if (size >= 3 && bytes[0] == 0xff && bytes[1] == 0xd8 && bytes[2] == 0xff)
    {
      found = FRONTLINE_TILE_IMAGE_JPEG;
      ok = probe_jpeg (bytes, size, &w, &h, error);
    }
  else
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("not a PNG or JPEG image"));
      return FALSE;
    }

  if (!ok)
    return FALSE;

  if (w == 0 || h == 0 || w > FRONTLINE_TILE_IMAGE_MAX_SIDE || h > FRONTLINE_TILE_IMAGE_MAX_SIDE)
    {
      /* Translators: “a PNG image of 16384×16384 pixels; …” */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s image of %u×%u pixels; a tile may be at most %d×%d"),
                   found == FRONTLINE_TILE_IMAGE_PNG ? "PNG" : "JPEG", w, h,
                   FRONTLINE_TILE_IMAGE_MAX_SIDE, FRONTLINE_TILE_IMAGE_MAX_SIDE);
      return FALSE;
    }

  if (format != NULL)
    *format = found;
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
  return TRUE;
}

/**
 * frontline_tile_image_check:
 * @bytes: (nullable): a tile's bytes
 *
 * frontline_tile_image_probe() on @bytes: whether they can be handed to a
 * decoder (ours or the map's) without risk.
 */
gboolean
frontline_tile_image_check (GBytes  *bytes,
                            GError **error)
{
  gsize size = 0;
  const void *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  return frontline_tile_image_probe (data, size, NULL, NULL, NULL, error);
}

typedef struct {
  const guint8 *data;
  gsize         size;
  gsize         offset;
} Reader;

static cairo_status_t
read_cb (void          *closure,
         unsigned char *out,
         unsigned int   length)
{
  Reader *reader = closure;

  if (reader->size - reader->offset < length)
    return CAIRO_STATUS_READ_ERROR;

  memcpy (out, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static void
set_damaged (GError     **error,
             const char  *format,
             const char  *what)
{
  /* Translators: “PNG image damaged: error while reading from input stream” */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s image damaged: %s"), format, what);
}

static cairo_surface_t *
decode_png (const guint8  *data,
            gsize          size,
            guint          width,
            guint          height,
            GError       **error)
{
  Reader reader = { data, size, 0 };
  cairo_surface_t *surface = cairo_image_surface_create_from_png_stream (read_cb, &reader);
  cairo_status_t status = cairo_surface_status (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      /* cairo reports libpng's errors, and reads past the end, as "out of
       * memory": after the header check, that is damage. */
      set_damaged (error, "PNG", status == CAIRO_STATUS_NO_MEMORY || status == CAIRO_STATUS_READ_ERROR
                                   ? _("its data is damaged or cut short")
                                   : cairo_status_to_string (status));
      cairo_surface_destroy (surface);
      return NULL;
    }

  if (cairo_surface_get_type (surface) != CAIRO_SURFACE_TYPE_IMAGE ||
      (guint) cairo_image_surface_get_width (surface) != width ||
      (guint) cairo_image_surface_get_height (surface) != height ||
      cairo_image_surface_get_data (surface) == NULL)
    {
      set_damaged (error, "PNG", _("its size differs from its header’s"));
      cairo_surface_destroy (surface);
      return NULL;
    }

  return surface;
}

static cairo_surface_t *
decode_jpeg (const guint8  *data,
             gsize          size,
             guint          width,
             guint          height,
             GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  GdkPixbuf *pixbuf;
  cairo_surface_t *surface;
  cairo_format_t format;
  const guchar *pixels;
  guchar *out;
  int channels, stride, out_stride;
  gboolean alpha;

  loader = gdk_pixbuf_loader_new_with_type ("jpeg", &local_error);
  if (loader == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("JPEG images cannot be read here: %s"), local_error->message);
      return NULL;
    }

  /* A failed write closes the loader itself. */
  if (!gdk_pixbuf_loader_write (loader, data, size, &local_error) ||
      !gdk_pixbuf_loader_close (loader, &local_error))
    {
      set_damaged (error, "JPEG", local_error->message);
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      set_damaged (error, "JPEG", _("nothing could be decoded"));
      return NULL;
    }

  channels = gdk_pixbuf_get_n_channels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  if ((guint) gdk_pixbuf_get_width (pixbuf) != width ||
      (guint) gdk_pixbuf_get_height (pixbuf) != height ||
      gdk_pixbuf_get_colorspace (pixbuf) != GDK_COLORSPACE_RGB ||
      gdk_pixbuf_get_bits_per_sample (pixbuf) != 8 ||
      channels != (alpha ? 4 : 3) ||
      stride < (int) width * channels)
    {
      set_damaged (error, "JPEG", _("its pixels are not in a usable layout"));
      return NULL;
    }

  format = alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24;
  surface = cairo_image_surface_create (format, (int) width, (int) height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      set_damaged (error, "JPEG", cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }

  pixels = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_flush (surface);
  out = cairo_image_surface_get_data (surface);
  out_stride = cairo_image_surface_get_stride (surface);
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        const guchar *p = pixels + (gsize) y * stride + (gsize) x * channels;
        guint a = alpha ? p[3] : 255;
        guint32 pixel = (a << 24) | ((p[0] * a + 127) / 255 << 16) | ((p[1] * a + 127) / 255 << 8)
                        | ((p[2] * a + 127) / 255);

        memcpy (out + (gsize) y * out_stride + (gsize) x * 4, &pixel, 4);
      }
  cairo_surface_mark_dirty (surface);

  return surface;
}

/**
 * frontline_tile_image_decode:
 * @data: (array length=size): a tile's bytes, from a file or a server
 * @size: their number
 * @error: return location for an error
 *
 * Decodes a PNG or JPEG tile after frontline_tile_image_probe() has
 * accepted its header: any other format, a damaged or truncated image, or
 * one larger than %FRONTLINE_TILE_IMAGE_MAX_SIDE pixels a side is an error
 * (%G_IO_ERROR_INVALID_DATA or %G_IO_ERROR_NOT_SUPPORTED), never a crash or
 * a huge allocation. Display-free and thread-safe.
 *
 * Returns: (transfer full) (nullable): an image surface whose status is
 *   %CAIRO_STATUS_SUCCESS, or %NULL with @error set
 */
cairo_surface_t *
frontline_tile_image_decode (const void  *data,
                             gsize        size,
                             GError     **error)
{
  FrontlineTileImageFormat format;
  guint width, height;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!frontline_tile_image_probe (data, size, &format, &width, &height, error))
    return NULL;

  if (format == FRONTLINE_TILE_IMAGE_PNG)
    return decode_png (data, size, width, height, error);
  else
    return decode_jpeg (data, size, width, height, error);
}
