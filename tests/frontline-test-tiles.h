/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <string.h>

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

/* Tile images for tests, good and hostile: crafted in memory, never read
 * from the network. */

G_GNUC_UNUSED static guint32
test_crc32 (const guint8 *data,
            gsize         size,
            guint32       crc)
{
  crc = ~crc;
  for (gsize i = 0; i < size; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
    }
  return ~crc;
}

G_GNUC_UNUSED static void
test_put_be32 (GByteArray *array,
               guint32     value)
{
  guint8 bytes[4] = { value >> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff };

  g_byte_array_append (array, bytes, 4);
}

G_GNUC_UNUSED static cairo_status_t
test_append_bytes_cb (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A 256-pixel tile of one colour, as PNG. */
G_GNUC_UNUSED static GBytes *
test_png_of_colour (double red,
                    double green,
                    double blue)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, red, green, blue);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, test_append_bytes_cb, png), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (png);
}

/* Appends a PNG chunk with its length and CRC. */
G_GNUC_UNUSED static void
test_png_chunk (GByteArray   *png,
                const char   *type,
                const guint8 *data,
                gsize         size)
{
  guint32 crc;

  test_put_be32 (png, (guint32) size);
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (size > 0)
    g_byte_array_append (png, data, (guint) size);
  crc = test_crc32 ((const guint8 *) type, 4, 0);
  crc = test_crc32 (data, size, crc);
  test_put_be32 (png, crc);
}

G_GNUC_UNUSED static GByteArray *
test_png_start (guint32 width,
                guint32 height,
                guint8  depth,
                guint8  colour)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  GByteArray *png = g_byte_array_new ();
  guint8 ihdr[13] = {
    width >> 24, (width >> 16) & 0xff, (width >> 8) & 0xff, width & 0xff,
    height >> 24, (height >> 16) & 0xff, (height >> 8) & 0xff, height & 0xff,
    depth, colour, 0, 0, 0
  };

  g_byte_array_append (png, signature, sizeof signature);
  test_png_chunk (png, "IHDR", ihdr, sizeof ihdr);
  return png;
}

/* A PNG whose header claims @width x @height, with no pixels after it. */
G_GNUC_UNUSED static GBytes *
test_png_header_only (guint32 width,
                      guint32 height)
{
  GByteArray *png = test_png_start (width, height, 8, 2);

  test_png_chunk (png, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (png);
}

/* A real, valid PNG of @side x @side black 1-bit pixels: a few kilobytes
 * that decode to side² pixels (the "tile bomb" at 16384). */
G_GNUC_UNUSED static GBytes *
test_png_bomb (guint32 side)
{
  GByteArray *png = test_png_start (side, side, 1, 0);
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) zlib = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  gsize row_size = 1 + (side + 7) / 8;
  g_autofree guint8 *row = g_malloc0 (row_size);
  g_autoptr(GError) error = NULL;

  for (guint32 y = 0; y < side; y++)
    g_assert_true (g_output_stream_write_all (zlib, row, row_size, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (zlib, NULL, &error));
  g_assert_no_error (error);
  test_png_chunk (png, "IDAT", g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                  g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)));
  test_png_chunk (png, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (png);
}

/* A real JPEG of one colour, @width x @height. */
G_GNUC_UNUSED static GBytes *
test_jpeg (int    width,
           int    height,
           guint8 red,
           guint8 green,
           guint8 blue)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, ((guint32) red << 24) | ((guint32) green << 16) | ((guint32) blue << 8) | 0xff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, "quality", "95", NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

G_GNUC_UNUSED static GBytes *
test_bytes_head (GBytes *bytes,
                 gsize   size)
{
  g_assert_cmpuint (size, <=, g_bytes_get_size (bytes));
  return g_bytes_new_from_bytes (bytes, 0, size);
}

/* A GIF, a WebP, a BMP, an SVG, a TIFF and noise: images, but no tiles. */
G_GNUC_UNUSED static GBytes *
test_foreign_image (guint kind)
{
  static const guint8 gif[] = {
    'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff,
    ',', 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 'D', 1, 0, ';'
  };
  static const guint8 webp[] = {
    'R', 'I', 'F', 'F', 26, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L',
    13, 0, 0, 0, 0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0
  };
  static const guint8 bmp[] = {
    'B', 'M', 58, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0,
    1, 0, 24, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0x13, 0x0b, 0, 0, 0x13, 0x0b, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0xff, 0
  };
  static const char svg[] =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100000\" height=\"100000\"/>";
  static const guint8 tiff[] = { 'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0 };
  static const char noise[] = "\xff\xd9garbage\x89PN";

  switch (kind)
    {
    case 0: return g_bytes_new_static (gif, sizeof gif);
    case 1: return g_bytes_new_static (webp, sizeof webp);
    case 2: return g_bytes_new_static (bmp, sizeof bmp);
    case 3: return g_bytes_new_static (svg, sizeof svg - 1);
    case 4: return g_bytes_new_static (tiff, sizeof tiff);
    default: return g_bytes_new_static (noise, sizeof noise - 1);
    }
}

#define TEST_N_FOREIGN_IMAGES 6
