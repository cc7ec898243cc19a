/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Tile decoding: the bytes of a raster tile (MBTiles or online) to a cairo
 * image surface, as the exporter draws it.
 *
 * Against frontline_tile_image_decode() (src/tiles/frontline-tile-image.h)
 * when the tree has it. Until then, against a copy of the decoding the
 * exporter does today (decode_tile() in src/export/frontline-exporter.c):
 * the same library calls, so the same classes of crash. */

#include <cairo.h>

#include "fuzz-common.h"

#if __has_include("frontline-tile-image.h")
#include "frontline-tile-image.h"
#define FUZZ_HAVE_TILE_IMAGE 1
#else
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#define FUZZ_HAVE_TILE_IMAGE 0
#endif

#if !FUZZ_HAVE_TILE_IMAGE
static cairo_status_t
read_from_stream (void          *closure,
                  unsigned char *data,
                  unsigned int   length)
{
  return g_input_stream_read_all (closure, data, length, NULL, NULL, NULL) ? CAIRO_STATUS_SUCCESS
                                                                           : CAIRO_STATUS_READ_ERROR;
}

/* decode_tile() of src/export/frontline-exporter.c at 0433448, unchanged. */
static cairo_surface_t *
exporter_decode_tile (const void *data,
                      int         size)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  cairo_surface_t *surface;
  int width, height, channels, stride, out_stride;
  const guchar *pixels;
  guchar *out;

  if (size > 8 && memcmp (data, "\x89PNG", 4) == 0)
    {
      surface = cairo_image_surface_create_from_png_stream (read_from_stream, stream);
      if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
        return surface;
      cairo_surface_destroy (surface);
      return NULL;
    }

  pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, NULL);
  if (pixbuf == NULL)
    return NULL;

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  pixels = gdk_pixbuf_read_pixels (pixbuf);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_surface_flush (surface);
  out = cairo_image_surface_get_data (surface);
  out_stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = pixels + y * stride + x * channels;

        *(guint32 *) (gpointer) (out + y * out_stride + x * 4) = ((guint32) p[0] << 16) | ((guint32) p[1] << 8) | p[2];
      }
  cairo_surface_mark_dirty (surface);

  return surface;
}
#endif

/* Decodes @data and draws the result scaled onto a 256-pixel tile, as the
 * exporter does. Any surface handed back must be a usable image. */
static void
fuzz_decode_and_draw (const guint8 *data,
                      size_t        size)
{
  cairo_surface_t *tile;
  cairo_surface_t *target;
  cairo_t *cr;

#if FUZZ_HAVE_TILE_IMAGE
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) probe_error = NULL;
  FrontlineTileImageFormat format = 0;
  guint width = 0, height = 0;
  gboolean probed;

  probed = frontline_tile_image_probe (data, size, &format, &width, &height, &probe_error);
  if (!probed && probe_error == NULL)
    {
      fprintf (stderr, "fuzz: the tile did not probe and no error says why\n");
      abort ();
    }

  tile = frontline_tile_image_decode (data, size, &error);
  if (tile == NULL && error == NULL)
    {
      fprintf (stderr, "fuzz: the tile did not decode and no error says why\n");
      abort ();
    }

  /* What decodes was probed first, at the size the probe said, within bounds. */
  if (tile != NULL
      && (!probed
          || (guint) cairo_image_surface_get_width (tile) != width
          || (guint) cairo_image_surface_get_height (tile) != height
          || width > FRONTLINE_TILE_IMAGE_MAX_SIDE || height > FRONTLINE_TILE_IMAGE_MAX_SIDE))
    {
      fprintf (stderr, "fuzz: decoded %dx%d, probed %s %ux%u\n",
               cairo_image_surface_get_width (tile), cairo_image_surface_get_height (tile),
               probed ? "as" : "not", width, height);
      abort ();
    }
#else
  if (size > G_MAXINT)
    return;
  tile = exporter_decode_tile (data, (int) size);

  /* Issue 11: tiles beyond a sane size are refused before decoding (a small
   * PNG that decodes to 16384x16384 takes seconds and a gigabyte). */
  if (tile != NULL && cairo_surface_status (tile) == CAIRO_STATUS_SUCCESS
      && (cairo_image_surface_get_width (tile) > 4096 || cairo_image_surface_get_height (tile) > 4096))
    {
      fprintf (stderr, "fuzz: a tile decoded to %dx%d (a tile bomb)\n",
               cairo_image_surface_get_width (tile), cairo_image_surface_get_height (tile));
      abort ();
    }
#endif

  if (tile == NULL)
    return;

  if (cairo_surface_status (tile) != CAIRO_STATUS_SUCCESS
      || cairo_image_surface_get_width (tile) <= 0 || cairo_image_surface_get_height (tile) <= 0)
    {
      fprintf (stderr, "fuzz: a decoded tile is not a usable image (%s, %dx%d)\n",
               cairo_status_to_string (cairo_surface_status (tile)),
               cairo_image_surface_get_width (tile), cairo_image_surface_get_height (tile));
      abort ();
    }

  target = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cr = cairo_create (target);
  cairo_scale (cr, 256.0 / cairo_image_surface_get_width (tile),
               256.0 / cairo_image_surface_get_height (tile));
  cairo_set_source_surface (cr, tile, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (target);
  cairo_surface_destroy (tile);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  fuzz_init ();
  fuzz_decode_and_draw (data, size);
  return 0;
}
