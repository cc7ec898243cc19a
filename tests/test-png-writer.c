/* SPDX-License-Identifier: GPL-3.0-or-later */

/* FrontlinePngWriter: whatever the settings, the file is a valid PNG (its
 * zlib stream checked whole, checksum included) that decodes to the
 * surface's pixels; opaque pictures are RGB, others RGBA. */

#include "config.h"

#include <string.h>
#include <zlib.h>

#include "frontline-png-writer.h"
#include "frontline-test-init.h"

typedef struct {
  const guint8 *data;
  gsize         length;
  gsize         offset;
} Reader;

static cairo_status_t
read_bytes (void          *closure,
            unsigned char *data,
            unsigned int   length)
{
  Reader *reader = closure;

  if (reader->length - reader->offset < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data + reader->offset, length);
  reader->offset += length;

  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

static guint32
read_u32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Checks the chunks' order and CRCs and the data's zlib stream (which
 * inflate checks against its Adler-32), and returns the IHDR's colour type. */
static int
check_structure (GByteArray *png,
                 int         width,
                 int         height)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GByteArray) idat = g_byte_array_new ();
  g_autofree guint8 *raw = NULL;
  uLongf raw_length;
  gsize offset = 8;
  int colour_type = -1;
  gboolean ended = FALSE;
  guint n_chunks = 0;

  g_assert_cmpuint (png->len, >, 8);
  g_assert_cmpmem (png->data, 8, signature, 8);

  while (offset < png->len)
    {
      guint32 length;
      char type[5] = { 0 };

      g_assert_false (ended);
      g_assert_cmpuint (png->len - offset, >=, 12);
      length = read_u32 (png->data + offset);
      g_assert_cmpuint (png->len - offset - 12, >=, length);
      memcpy (type, png->data + offset + 4, 4);
      g_assert_cmpuint (crc32 (0, png->data + offset + 4, length + 4), ==,
                        read_u32 (png->data + offset + 8 + length));

      if (n_chunks == 0)
        {
          g_assert_cmpstr (type, ==, "IHDR");
          g_assert_cmpuint (read_u32 (png->data + offset + 8), ==, (guint) width);
          g_assert_cmpuint (read_u32 (png->data + offset + 12), ==, (guint) height);
          g_assert_cmpuint (png->data[offset + 16], ==, 8);
          colour_type = png->data[offset + 17];
        }
      else if (strcmp (type, "IDAT") == 0)
        g_byte_array_append (idat, png->data + offset + 8, length);
      else if (strcmp (type, "IEND") == 0)
        ended = TRUE;

      offset += 12 + length;
      n_chunks++;
    }
  g_assert_true (ended);

  raw_length = (uLongf) height * (1 + (gsize) width * (colour_type == 6 ? 4 : 3));
  raw = g_malloc (raw_length + 1);
  {
    uLongf out_length = raw_length + 1;

    g_assert_cmpint (uncompress (raw, &out_length, idat->data, idat->len), ==, Z_OK);
    g_assert_cmpuint (out_length, ==, raw_length);
  }

  return colour_type;
}

static cairo_surface_t *
decode (GByteArray *png)
{
  Reader reader = { png->data, png->len, 0 };
  cairo_surface_t *surface = cairo_image_surface_create_from_png_stream (read_bytes, &reader);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

/* Every pixel of @a and @b, of the same size, equal; in RGB24 only the colour counts. */
static void
assert_same_pixels (cairo_surface_t *a,
                    cairo_surface_t *b)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  guint32 mask = cairo_image_surface_get_format (a) == CAIRO_FORMAT_ARGB32 ? 0xffffffff : 0x00ffffff;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, height);
  cairo_surface_flush (a);
  cairo_surface_flush (b);

  for (int y = 0; y < height; y++)
    {
      const guint32 *ra = (const guint32 *) (cairo_image_surface_get_data (a) + (gsize) y * cairo_image_surface_get_stride (a));
      const guint32 *rb = (const guint32 *) (cairo_image_surface_get_data (b) + (gsize) y * cairo_image_surface_get_stride (b));

      for (int x = 0; x < width; x++)
        if ((ra[x] & mask) != (rb[x] & mask))
          g_error ("pixel (%d, %d): %08x, decoded %08x", x, y, ra[x], rb[x]);
    }
}

/* A map-like picture: flat areas, gradients, lines, text-like noise; with
 * @alpha, transparency of every degree. */
static cairo_surface_t *
make_picture (cairo_format_t format,
              int            width,
              int            height,
              gboolean       alpha)
{
  cairo_surface_t *surface = cairo_image_surface_create (format, width, height);
  cairo_pattern_t *gradient;
  cairo_t *cr = cairo_create (surface);
  GRand *rand = g_rand_new_with_seed (15);

  if (!alpha)
    {
      cairo_set_source_rgb (cr, 0.78, 0.86, 0.92);
      cairo_paint (cr);
    }
  gradient = cairo_pattern_create_linear (0, 0, width, height);
  cairo_pattern_add_color_stop_rgba (gradient, 0, 0.9, 0.2, 0.1, alpha ? 0.0 : 1.0);
  cairo_pattern_add_color_stop_rgba (gradient, 1, 0.1, 0.3, 0.9, alpha ? 0.7 : 1.0);
  cairo_rectangle (cr, width * 0.1, height * 0.1, width * 0.6, height * 0.7);
  cairo_set_source (cr, gradient);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);

  for (int i = 0; i < 200; i++)
    {
      cairo_set_source_rgba (cr, g_rand_double (rand), g_rand_double (rand), g_rand_double (rand),
                             alpha ? g_rand_double (rand) : 1.0);
      cairo_move_to (cr, g_rand_double_range (rand, 0, width), g_rand_double_range (rand, 0, height));
      cairo_line_to (cr, g_rand_double_range (rand, 0, width), g_rand_double_range (rand, 0, height));
      cairo_set_line_width (cr, g_rand_double_range (rand, 0.5, 6));
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
  g_rand_free (rand);
  return surface;
}

static GByteArray *
encode (cairo_surface_t *surface,
        int              level,
        int              strategy,
        FrontlinePngFilter filter,
        guint            n_threads)
{
  FrontlinePngSettings settings = { level, strategy, filter, n_threads };
  g_autoptr(GError) error = NULL;
  GByteArray *png = frontline_png_encode (surface, &settings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (png);
  return png;
}

/* An opaque picture, every setting: RGB, the same pixels. */
static void
test_opaque (void)
{
  static const int levels[] = { 1, 2, 3, 9 };
  static const int strategies[] = { Z_DEFAULT_STRATEGY, Z_RLE };
  static const guint threads[] = { 1, 3, 0 };
  cairo_surface_t *surface = make_picture (CAIRO_FORMAT_RGB24, 613, 407, FALSE);

  for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
    for (guint s = 0; s < G_N_ELEMENTS (strategies); s++)
      for (int f = FRONTLINE_PNG_FILTER_NONE; f <= FRONTLINE_PNG_FILTER_UP; f++)
        for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
          {
            g_autoptr(GByteArray) png = encode (surface, levels[l], strategies[s], f, threads[t]);
            cairo_surface_t *decoded;

            g_test_message ("level %d, strategy %d, filter %d, %u threads: %u bytes",
                            levels[l], strategies[s], f, threads[t], png->len);
            g_assert_cmpint (check_structure (png, 613, 407), ==, 2);  /* RGB */
            decoded = decode (png);
            g_assert_cmpint (cairo_image_surface_get_format (decoded), ==, CAIRO_FORMAT_RGB24);
            assert_same_pixels (surface, decoded);
            cairo_surface_destroy (decoded);
          }

  cairo_surface_destroy (surface);
}

/* An ARGB32 surface whose every pixel is opaque is written as RGB; one with
 * transparency as RGBA that decodes as cairo's own file does, to the
 * surface's pixels. */
static void
test_alpha (void)
{
  cairo_surface_t *opaque = make_picture (CAIRO_FORMAT_ARGB32, 300, 200, FALSE);
  cairo_surface_t *transparent = make_picture (CAIRO_FORMAT_ARGB32, 300, 200, TRUE);
  g_autoptr(GByteArray) theirs = g_byte_array_new ();
  cairo_surface_t *decoded;
  cairo_surface_t *reference;

  {
    g_autoptr(GByteArray) png = encode (opaque, 2, Z_DEFAULT_STRATEGY, FRONTLINE_PNG_FILTER_UP, 2);

    g_assert_cmpint (check_structure (png, 300, 200), ==, 2);
    decoded = decode (png);
    assert_same_pixels (opaque, decoded);
    cairo_surface_destroy (decoded);
  }

  g_assert_cmpint (cairo_surface_write_to_png_stream (transparent, append_bytes, theirs), ==, CAIRO_STATUS_SUCCESS);
  reference = decode (theirs);
  for (int f = FRONTLINE_PNG_FILTER_NONE; f <= FRONTLINE_PNG_FILTER_UP; f++)
    {
      g_autoptr(GByteArray) png = encode (transparent, 2, Z_DEFAULT_STRATEGY, f, 0);

      g_assert_cmpint (check_structure (png, 300, 200), ==, 6);  /* RGBA */
      decoded = decode (png);
      g_assert_cmpint (cairo_image_surface_get_format (decoded), ==, CAIRO_FORMAT_ARGB32);
      assert_same_pixels (reference, decoded);
      assert_same_pixels (transparent, decoded);
      cairo_surface_destroy (decoded);
    }

  cairo_surface_destroy (reference);
  cairo_surface_destroy (opaque);
  cairo_surface_destroy (transparent);
}

/* Tiny pictures and more threads than rows; another format, converted. */
static void
test_small (void)
{
  static const int sizes[][2] = { { 1, 1 }, { 7, 3 }, { 1, 300 }, { 300, 1 }, { 65, 129 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      cairo_surface_t *surface = make_picture (CAIRO_FORMAT_RGB24, sizes[i][0], sizes[i][1], FALSE);
      g_autoptr(GByteArray) png = encode (surface, 1, Z_RLE, FRONTLINE_PNG_FILTER_SUB, 16);
      cairo_surface_t *decoded;

      check_structure (png, sizes[i][0], sizes[i][1]);
      decoded = decode (png);
      assert_same_pixels (surface, decoded);
      cairo_surface_destroy (decoded);
      cairo_surface_destroy (surface);
    }

  {
    cairo_surface_t *a8 = make_picture (CAIRO_FORMAT_A8, 50, 40, TRUE);
    cairo_surface_t *argb = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 50, 40);
    cairo_t *cr = cairo_create (argb);
    g_autoptr(GByteArray) png = NULL;
    cairo_surface_t *decoded;

    cairo_set_source_surface (cr, a8, 0, 0);
    cairo_paint (cr);
    cairo_destroy (cr);
    png = frontline_png_encode (a8, NULL, NULL);
    g_assert_nonnull (png);
    g_assert_cmpint (check_structure (png, 50, 40), ==, 6);
    decoded = decode (png);
    assert_same_pixels (argb, decoded);
    cairo_surface_destroy (decoded);
    cairo_surface_destroy (argb);
    cairo_surface_destroy (a8);
  }
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, NULL);

  g_test_add_func ("/frontline/png-writer/opaque", test_opaque);
  g_test_add_func ("/frontline/png-writer/alpha", test_alpha);
  g_test_add_func ("/frontline/png-writer/small", test_small);

  return g_test_run ();
}
