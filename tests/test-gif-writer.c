/* SPDX-License-Identifier: GPL-3.0-or-later */

/* FrontlineGifWriter: what it writes, read back with giflib's decoder, is one
 * global colour map, the NETSCAPE loop, one image per distinct run of frames
 * with delays that add up to the end time, each the changed rectangle only,
 * and the frames composited from them show the input's pixels (exactly when
 * the input has few colours). */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gif_lib.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "frontline-gif-writer.h"
#include "frontline-test-init.h"

/* --- Pictures ---------------------------------------------------------- */

static cairo_surface_t *
new_surface (int            width,
             int            height,
             cairo_format_t format)
{
  cairo_surface_t *surface = cairo_image_surface_create (format, width, height);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);

  return surface;
}

static void
fill_rect (cairo_surface_t *surface,
           int              left,
           int              top,
           int              width,
           int              height,
           guint32          rgb)
{
  guint8 *data;
  int stride;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = top; y < top + height; y++)
    for (int x = left; x < left + width; x++)
      ((guint32 *) (data + y * stride))[x] = 0xff000000 | rgb;
  cairo_surface_mark_dirty (surface);
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);

  return ((const guint32 *) (data + y * cairo_image_surface_get_stride (surface)))[x] & 0xffffff;
}

static cairo_surface_t *
copy_surface (cairo_surface_t *source)
{
  int width = cairo_image_surface_get_width (source);
  int height = cairo_image_surface_get_height (source);
  cairo_surface_t *copy = new_surface (width, height, cairo_image_surface_get_format (source));

  cairo_surface_flush (source);
  for (int y = 0; y < height; y++)
    memcpy (cairo_image_surface_get_data (copy) + y * cairo_image_surface_get_stride (copy),
            cairo_image_surface_get_data (source) + y * cairo_image_surface_get_stride (source),
            width * 4);
  cairo_surface_mark_dirty (copy);

  return copy;
}

/* A flat "map": a background, areas, and colours a step apart (as
 * antialiasing makes), some in the same RGB555 bucket. */
static cairo_surface_t *
flat_map (int            width,
          int            height,
          cairo_format_t format)
{
  cairo_surface_t *surface = new_surface (width, height, format);

  fill_rect (surface, 0, 0, width, height, 0xe8e4d8);
  fill_rect (surface, 4, 4, width / 2, height / 2, 0xc0392b);
  fill_rect (surface, width / 2, height / 3, width / 3, height / 2, 0x2060c0);
  for (int i = 0; i < 8; i++)
    fill_rect (surface, 2 + i, height - 3, 1, 2, 0x808080 + i * 0x010000);  /* 0x80…0x87: one bucket */
  fill_rect (surface, width - 3, 0, 3, 3, 0x000000);
  fill_rect (surface, width - 6, 0, 3, 3, 0x010101);

  return surface;
}

/* --- Reading back ------------------------------------------------------ */

typedef struct {
  int       left, top, width, height;
  int       delay;
  int       transparent;
  guint32  *canvas;  /* the whole picture once this image is drawn */
} Image;

typedef struct {
  int     width;
  int     height;
  int     n_colours;
  GifColorType colours[256];
  GArray *images;
} Decoded;

static void
decoded_free (Decoded *decoded)
{
  for (guint i = 0; i < decoded->images->len; i++)
    g_free (g_array_index (decoded->images, Image, i).canvas);
  g_array_unref (decoded->images);
  g_free (decoded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Decoded, decoded_free)

static Decoded *
decode (const char *path)
{
  Decoded *decoded = g_new0 (Decoded, 1);
  GifFileType *gif;
  int code = 0;
  gboolean loops = FALSE;
  g_autofree guint32 *canvas = NULL;
  ExtensionBlock *blocks;
  int n_blocks;

  gif = DGifOpenFileName (path, &code);
  g_assert_nonnull (gif);
  g_assert_cmpint (DGifSlurp (gif), ==, GIF_OK);

  decoded->width = gif->SWidth;
  decoded->height = gif->SHeight;
  decoded->images = g_array_new (FALSE, TRUE, sizeof (Image));

  /* One global colour map. */
  g_assert_nonnull (gif->SColorMap);
  g_assert_cmpint (gif->SColorMap->ColorCount, <=, 256);
  decoded->n_colours = gif->SColorMap->ColorCount;
  memcpy (decoded->colours, gif->SColorMap->Colors, decoded->n_colours * sizeof (GifColorType));
  g_assert_cmpint (gif->ImageCount, >, 0);

  /* The NETSCAPE2.0 extension, looping forever, before the first image. */
  blocks = gif->SavedImages[0].ExtensionBlocks;
  n_blocks = gif->SavedImages[0].ExtensionBlockCount;
  for (int i = 0; i + 1 < n_blocks; i++)
    if (blocks[i].Function == APPLICATION_EXT_FUNC_CODE && blocks[i].ByteCount == 11 &&
        memcmp (blocks[i].Bytes, "NETSCAPE2.0", 11) == 0)
      {
        g_assert_cmpint (blocks[i + 1].Function, ==, CONTINUE_EXT_FUNC_CODE);
        g_assert_cmpint (blocks[i + 1].ByteCount, ==, 3);
        g_assert_cmpint (blocks[i + 1].Bytes[0], ==, 1);
        g_assert_cmpint (blocks[i + 1].Bytes[1] | blocks[i + 1].Bytes[2], ==, 0);  /* forever */
        loops = TRUE;
      }
  g_assert_true (loops);

  canvas = g_new0 (guint32, (gsize) gif->SWidth * gif->SHeight);
  for (int i = 0; i < gif->ImageCount; i++)
    {
      SavedImage *saved = &gif->SavedImages[i];
      GifImageDesc *desc = &saved->ImageDesc;
      GraphicsControlBlock gcb;
      Image image = { 0 };

      g_assert_null (desc->ColorMap);
      g_assert_false (desc->Interlace);
      g_assert_cmpint (DGifSavedExtensionToGCB (gif, i, &gcb), ==, GIF_OK);
      g_assert_cmpint (gcb.DisposalMode, ==, DISPOSE_DO_NOT);
      g_assert_cmpint (desc->Left + desc->Width, <=, gif->SWidth);
      g_assert_cmpint (desc->Top + desc->Height, <=, gif->SHeight);
      g_assert_cmpint (desc->Width, >, 0);
      g_assert_cmpint (desc->Height, >, 0);
      if (i == 0)
        {
          /* The first image: whole and opaque. */
          g_assert_cmpint (desc->Width, ==, gif->SWidth);
          g_assert_cmpint (desc->Height, ==, gif->SHeight);
          g_assert_cmpint (gcb.TransparentColor, ==, NO_TRANSPARENT_COLOR);
        }

      for (int y = 0; y < desc->Height; y++)
        for (int x = 0; x < desc->Width; x++)
          {
            int index = saved->RasterBits[y * desc->Width + x];
            GifColorType *colour;

            if (index == gcb.TransparentColor)
              continue;
            g_assert_cmpint (index, <, gif->SColorMap->ColorCount);
            colour = &gif->SColorMap->Colors[index];
            canvas[(desc->Top + y) * gif->SWidth + desc->Left + x] =
              (colour->Red << 16) | (colour->Green << 8) | colour->Blue;
          }

      image.left = desc->Left;
      image.top = desc->Top;
      image.width = desc->Width;
      image.height = desc->Height;
      image.delay = gcb.DelayTime;
      image.transparent = gcb.TransparentColor;
      image.canvas = g_memdup2 (canvas, (gsize) gif->SWidth * gif->SHeight * 4);
      g_array_append_val (decoded->images, image);
    }

  g_assert_cmpint (DGifCloseFile (gif, &code), ==, GIF_OK);

  return decoded;
}

static Image *
image_at (Decoded *decoded,
          guint    i)
{
  g_assert_cmpuint (i, <, decoded->images->len);
  return &g_array_index (decoded->images, Image, i);
}

static int
total_delay (Decoded *decoded)
{
  int total = 0;

  for (guint i = 0; i < decoded->images->len; i++)
    {
      g_assert_cmpint (image_at (decoded, i)->delay, >, 0);
      total += image_at (decoded, i)->delay;
    }

  return total;
}

/* The largest difference of a channel between the composited image and
 * @expected. */
static int
max_error (Decoded         *decoded,
           guint            i,
           cairo_surface_t *expected)
{
  Image *image = image_at (decoded, i);
  int worst = 0;

  cairo_surface_flush (expected);
  for (int y = 0; y < decoded->height; y++)
    for (int x = 0; x < decoded->width; x++)
      {
        guint32 a = image->canvas[y * decoded->width + x], b = pixel_at (expected, x, y);

        for (int shift = 0; shift < 24; shift += 8)
          worst = MAX (worst, ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)));
      }

  return worst;
}

/* The writer's distance: weighted towards green, as the eye is. */
static double
distance (guint32 a,
          int     r,
          int     g,
          int     b)
{
  int dr = (int) (a >> 16) - r, dg = (int) ((a >> 8) & 0xff) - g, db = (int) (a & 0xff) - b;

  return sqrt (2 * dr * dr + 4 * dg * dg + 3 * db * db);
}

/* Each composited pixel no further from @expected's than the nearest colour
 * of the map is, but for the RGB555 buckets of the mapping: the pixel is up
 * to 4 a channel from its bucket's centre (the writer's distance of that is
 * at most 12), so twice that of slack. */
static void
check_nearest (Decoded         *decoded,
               guint            i,
               cairo_surface_t *expected)
{
  Image *image = image_at (decoded, i);
  int n = decoded->n_colours;

  /* The colours below the transparent index (the ones after it are filler). */
  for (guint j = 0; j < decoded->images->len; j++)
    if (image_at (decoded, j)->transparent != NO_TRANSPARENT_COLOR)
      n = image_at (decoded, j)->transparent;

  for (int y = 0; y < decoded->height; y++)
    for (int x = 0; x < decoded->width; x++)
      {
        guint32 want = pixel_at (expected, x, y);
        int r = want >> 16, g = (want >> 8) & 0xff, b = want & 0xff;
        double best = G_MAXDOUBLE;

        for (int k = 0; k < n; k++)
          {
            GifColorType *colour = &decoded->colours[k];

            best = MIN (best, distance ((colour->Red << 16) | (colour->Green << 8) | colour->Blue, r, g, b));
          }
        g_assert_cmpfloat (distance (image->canvas[y * decoded->width + x], r, g, b), <=, best + 24.0);
      }
}

/* A temporary file to write to. */
typedef struct {
  char *path;
  int   fd;
} TempFile;

static void
temp_open (TempFile *file)
{
  g_autoptr(GError) error = NULL;

  file->fd = g_file_open_tmp ("frontline-gif-XXXXXX.gif", &file->path, &error);
  g_assert_no_error (error);
}

static void
temp_close (TempFile *file)
{
  /* The writer leaves the fd open. */
  g_assert_cmpint (fcntl (file->fd, F_GETFD), !=, -1);
  g_assert_cmpint (close (file->fd), ==, 0);
  g_unlink (file->path);
  g_free (file->path);
}

/* --- Tests ------------------------------------------------------------- */

/* Identical frames merged, one 10x10 square changed written as 10x10,
 * delays adding up, exact pixels. */
static void
test_frames (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Decoded) decoded = NULL;
  g_autoptr(FrontlineGifWriter) writer = NULL;
  cairo_surface_t *a = flat_map (64, 48, CAIRO_FORMAT_RGB24);
  cairo_surface_t *b = copy_surface (a);
  cairo_surface_t *c = copy_surface (a);
  cairo_surface_t *samples[2];
  TempFile file;

  fill_rect (b, 30, 20, 10, 10, 0x010101);
  fill_rect (c, 30, 20, 10, 10, 0x010101);
  fill_rect (c, 0, 40, 64, 8, 0xc0392b);
  samples[0] = a;
  samples[1] = c;

  temp_open (&file);
  writer = frontline_gif_writer_new (file.fd, 64, 48, &error);
  g_assert_no_error (error);
  g_assert_true (frontline_gif_writer_set_palette (writer, samples, 2, &error));
  g_assert_no_error (error);
  /* a a b b c at 1/3 s each: three images, of 67, 66 and 100 cs. */
  g_assert_true (frontline_gif_writer_add_frame (writer, a, 0.0, &error));
  g_assert_true (frontline_gif_writer_add_frame (writer, a, 1.0 / 3, &error));
  g_assert_true (frontline_gif_writer_add_frame (writer, b, 2.0 / 3, &error));
  g_assert_true (frontline_gif_writer_add_frame (writer, b, 3.0 / 3, &error));
  g_assert_true (frontline_gif_writer_add_frame (writer, c, 4.0 / 3, &error));
  g_assert_no_error (error);
  g_assert_true (frontline_gif_writer_finish (writer, 7.0 / 3, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (frontline_gif_writer_get_n_written (writer), ==, 3);

  decoded = decode (file.path);
  g_assert_cmpint (decoded->width, ==, 64);
  g_assert_cmpint (decoded->height, ==, 48);
  g_assert_cmpuint (decoded->images->len, ==, 3);
  g_assert_cmpint (image_at (decoded, 0)->delay, ==, 67);
  g_assert_cmpint (image_at (decoded, 1)->delay, ==, 66);
  g_assert_cmpint (image_at (decoded, 2)->delay, ==, 100);
  g_assert_cmpint (total_delay (decoded), ==, 233);

  /* Only the square. */
  g_assert_cmpint (image_at (decoded, 1)->left, ==, 30);
  g_assert_cmpint (image_at (decoded, 1)->top, ==, 20);
  g_assert_cmpint (image_at (decoded, 1)->width, ==, 10);
  g_assert_cmpint (image_at (decoded, 1)->height, ==, 10);
  g_assert_cmpint (image_at (decoded, 1)->transparent, !=, NO_TRANSPARENT_COLOR);
  /* The bottom band. */
  g_assert_cmpint (image_at (decoded, 2)->top, ==, 40);
  g_assert_cmpint (image_at (decoded, 2)->height, ==, 8);

  /* Few colours: exact, the close ones too. */
  g_assert_cmpint (max_error (decoded, 0, a), ==, 0);
  g_assert_cmpint (max_error (decoded, 1, b), ==, 0);
  g_assert_cmpint (max_error (decoded, 2, c), ==, 0);
  /* The colour map holds them and a free index: 8 + 5 colours → 16. */
  g_assert_cmpint (decoded->n_colours, ==, 16);

  temp_close (&file);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  cairo_surface_destroy (c);
}

/* Two frames in the same centisecond: no image of 0 cs; the later one shows. */
static void
test_same_centisecond (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Decoded) decoded = NULL;
  g_autoptr(FrontlineGifWriter) writer = NULL;
  cairo_surface_t *a = flat_map (40, 30, CAIRO_FORMAT_ARGB32);
  cairo_surface_t *b = copy_surface (a);
  cairo_surface_t *c = copy_surface (a);
  cairo_surface_t *samples[3] = { a, b, c };
  TempFile file;

  fill_rect (b, 0, 0, 5, 5, 0x2060c0);
  fill_rect (c, 10, 10, 5, 5, 0x000000);

  temp_open (&file);
  writer = frontline_gif_writer_new (file.fd, 40, 30, &error);
  g_assert_no_error (error);
  g_assert_true (frontline_gif_writer_set_palette (writer, samples, 3, &error));
  g_assert_true (frontline_gif_writer_add_frame (writer, a, 0.0, &error));
  g_assert_true (frontline_gif_writer_add_frame (writer, b, 0.001, &error));
  g_assert_true (frontline_gif_writer_add_frame (writer, c, 0.1, &error));
  g_assert_true (frontline_gif_writer_add_frame (writer, a, 0.104, &error));  /* 10 cs too */
  g_assert_true (frontline_gif_writer_finish (writer, 0.1, &error));           /* ends there */
  g_assert_no_error (error);

  decoded = decode (file.path);
  g_assert_cmpuint (decoded->images->len, ==, 1);
  g_assert_cmpuint (frontline_gif_writer_get_n_written (writer), ==, 1);
  g_assert_cmpint (image_at (decoded, 0)->delay, ==, 10);
  g_assert_cmpint (max_error (decoded, 0, b), ==, 0);

  temp_close (&file);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  cairo_surface_destroy (c);
}

/* A frame back to the one before the one before: the image is written
 * against the frame on screen; a pause longer than a GIF delay. */
static void
test_back_and_long (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Decoded) decoded = NULL;
  g_autoptr(FrontlineGifWriter) writer = NULL;
  cairo_surface_t *a = flat_map (40, 30, CAIRO_FORMAT_RGB24);
  cairo_surface_t *b = copy_surface (a);
  TempFile file;

  fill_rect (b, 20, 5, 3, 4, 0x000000);

  temp_open (&file);
  writer = frontline_gif_writer_new (file.fd, 40, 30, &error);
  g_assert_true (frontline_gif_writer_set_palette (writer, &b, 1, &error));
  g_assert_no_error (error);
  g_assert_true (frontline_gif_writer_add_frame (writer, a, 0.0, &error));
  g_assert_true (frontline_gif_writer_add_frame (writer, b, 0.5, &error));
  g_assert_true (frontline_gif_writer_add_frame (writer, a, 1.0, &error));
  g_assert_true (frontline_gif_writer_finish (writer, 701.0, &error));
  g_assert_no_error (error);

  decoded = decode (file.path);
  g_assert_cmpuint (decoded->images->len, ==, 4);
  g_assert_cmpuint (frontline_gif_writer_get_n_written (writer), ==, 4);
  g_assert_cmpint (image_at (decoded, 2)->left, ==, 20);
  g_assert_cmpint (image_at (decoded, 2)->width, ==, 3);
  g_assert_cmpint (image_at (decoded, 2)->height, ==, 4);
  g_assert_cmpint (image_at (decoded, 2)->delay, ==, 65535);
  g_assert_cmpint (total_delay (decoded), ==, 70100);
  g_assert_cmpint (max_error (decoded, 0, a), ==, 0);
  g_assert_cmpint (max_error (decoded, 1, b), ==, 0);
  g_assert_cmpint (max_error (decoded, 2, a), ==, 0);
  g_assert_cmpint (max_error (decoded, 3, a), ==, 0);

  temp_close (&file);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

/* A gradient of 65536 colours: at most 256 in the map, each pixel close. */
static void
test_many_colours (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Decoded) decoded = NULL;
  g_autoptr(FrontlineGifWriter) writer = NULL;
  cairo_surface_t *a = new_surface (256, 256, CAIRO_FORMAT_ARGB32);
  cairo_surface_t *b;
  TempFile file;
  int error_a, error_b;

  for (int y = 0; y < 256; y++)
    for (int x = 0; x < 256; x++)
      fill_rect (a, x, y, 1, 1, (x << 16) | (y << 8) | ((x + y) / 2));
  b = copy_surface (a);
  fill_rect (b, 100, 100, 20, 20, 0xff8000);  /* not in the sample */

  temp_open (&file);
  writer = frontline_gif_writer_new (file.fd, 256, 256, &error);
  g_assert_true (frontline_gif_writer_set_palette (writer, &a, 1, &error));
  g_assert_no_error (error);
  g_assert_true (frontline_gif_writer_add_frame (writer, a, 0.0, &error));
  g_assert_true (frontline_gif_writer_add_frame (writer, b, 0.25, &error));
  g_assert_true (frontline_gif_writer_finish (writer, 0.5, &error));
  g_assert_no_error (error);

  decoded = decode (file.path);
  g_assert_cmpint (decoded->n_colours, ==, 256);
  g_assert_cmpuint (decoded->images->len, ==, 2);
  g_assert_cmpint (total_delay (decoded), ==, 50);
  g_assert_cmpint (image_at (decoded, 1)->width, <=, 256);
  error_a = max_error (decoded, 0, a);
  error_b = max_error (decoded, 1, b);
  g_test_message ("largest error of a channel: %d, %d", error_a, error_b);
  /* 255 colours for 65536: cells of about 16 × 16. */
  g_assert_cmpint (error_a, <=, 32);
  /* (b's orange square is far from every colour of the sample: no bound
   * but the map's.) */
  check_nearest (decoded, 0, a);
  check_nearest (decoded, 1, b);

  temp_close (&file);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineGifWriter) writer = NULL;
  cairo_surface_t *small = flat_map (20, 20, CAIRO_FORMAT_RGB24);
  cairo_surface_t *right = flat_map (30, 20, CAIRO_FORMAT_RGB24);
  cairo_surface_t *alpha = cairo_image_surface_create (CAIRO_FORMAT_A8, 30, 20);
  cairo_surface_t *noise = new_surface (400, 400, CAIRO_FORMAT_RGB24);
  cairo_surface_t *right_noise;
  GRand *rand = g_rand_new_with_seed (18);
  TempFile file;
  int fd;
  gboolean ok;

  for (int y = 0; y < 400; y++)
    for (int x = 0; x < 400; x++)
      fill_rect (noise, x, y, 1, 1, g_rand_int_range (rand, 0, 200) * 0x010101);
  right_noise = copy_surface (noise);
  fill_rect (right_noise, 0, 0, 1, 1, 0xffffff);
  g_rand_free (rand);

  /* Bad fds. */
  writer = frontline_gif_writer_new (-1, 30, 20, &error);
  g_assert_null (writer);
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_clear_error (&error);

  temp_open (&file);
  fd = dup (file.fd);
  close (fd);
  writer = frontline_gif_writer_new (fd, 30, 20, &error);
  g_assert_null (writer);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, g_strerror (EBADF)));
  g_clear_error (&error);

  /* Surfaces of the wrong size or kind. */
  writer = frontline_gif_writer_new (file.fd, 30, 20, &error);
  g_assert_no_error (error);
  g_assert_false (frontline_gif_writer_set_palette (writer, &small, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (frontline_gif_writer_set_palette (writer, &alpha, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (frontline_gif_writer_set_palette (writer, &right, 1, &error));
  g_assert_false (frontline_gif_writer_add_frame (writer, small, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (frontline_gif_writer_add_frame (writer, right, 0, &error));
  g_assert_true (frontline_gif_writer_finish (writer, 1, &error));
  g_assert_no_error (error);
  g_clear_pointer (&writer, frontline_gif_writer_free);

  /* Freed without finishing: nothing more written, no leak. */
  writer = frontline_gif_writer_new (file.fd, 30, 20, &error);
  g_assert_true (frontline_gif_writer_set_palette (writer, &right, 1, &error));
  g_assert_true (frontline_gif_writer_add_frame (writer, right, 0, &error));
  g_clear_pointer (&writer, frontline_gif_writer_free);
  temp_close (&file);

  /* A full disk: an error by finish at the latest. */
  fd = open ("/dev/full", O_WRONLY);
  if (fd >= 0)
    {
      writer = frontline_gif_writer_new (fd, 30, 20, &error);
      g_assert_no_error (error);
      ok = frontline_gif_writer_set_palette (writer, &right, 1, &error) &&
           frontline_gif_writer_add_frame (writer, right, 0, &error) &&
           frontline_gif_writer_finish (writer, 1, &error);
      g_assert_false (ok);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_clear_error (&error);
      /* Again: the same error, no CRITICAL. */
      g_assert_false (frontline_gif_writer_finish (writer, 1, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_clear_error (&error);
      g_clear_pointer (&writer, frontline_gif_writer_free);

      /* Frames of noise: more than the writer buffers, so a frame fails. */
      writer = frontline_gif_writer_new (fd, 400, 400, &error);
      g_assert_true (frontline_gif_writer_set_palette (writer, &noise, 1, &error));
      g_assert_true (frontline_gif_writer_add_frame (writer, noise, 0, &error));
      g_assert_false (frontline_gif_writer_add_frame (writer, right_noise, 1, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_assert_nonnull (strstr (error->message, g_strerror (ENOSPC)));
      g_clear_error (&error);
      g_assert_false (frontline_gif_writer_add_frame (writer, noise, 2, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_clear_error (&error);
      g_assert_false (frontline_gif_writer_finish (writer, 3, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_clear_pointer (&writer, frontline_gif_writer_free);
      close (fd);
    }
  cairo_surface_destroy (noise);
  cairo_surface_destroy (right_noise);

  cairo_surface_destroy (small);
  cairo_surface_destroy (right);
  cairo_surface_destroy (alpha);
}

/* 1920x1080 frames: correct, and the time they take reported (no assert on
 * it: the benchmark's job). */
static void
test_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Decoded) decoded = NULL;
  g_autoptr(FrontlineGifWriter) writer = NULL;
  cairo_surface_t *frames[4];
  TempFile file;
  gint64 start;

  frames[0] = flat_map (1920, 1080, CAIRO_FORMAT_RGB24);
  for (int x = 0; x < 1920; x += 64)
    fill_rect (frames[0], x, 0, 1, 1080, 0x9a9a9a);
  for (int i = 1; i < 4; i++)
    {
      frames[i] = copy_surface (frames[i - 1]);
      fill_rect (frames[i], 200 * i, 100 * i, 300, 200, 0x10a040 + i);
    }

  temp_open (&file);
  writer = frontline_gif_writer_new (file.fd, 1920, 1080, &error);
  g_assert_true (frontline_gif_writer_set_palette (writer, frames, 4, &error));
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  for (int i = 0; i < 4; i++)
    g_assert_true (frontline_gif_writer_add_frame (writer, frames[i], i * 0.1, &error));
  g_assert_true (frontline_gif_writer_finish (writer, 0.4, &error));
  g_assert_no_error (error);
  g_test_message ("4 frames of 1920x1080: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);

  decoded = decode (file.path);
  g_assert_cmpuint (decoded->images->len, ==, 4);
  g_assert_cmpint (total_delay (decoded), ==, 40);
  for (int i = 0; i < 4; i++)
    g_assert_cmpint (max_error (decoded, i, frames[i]), ==, 0);
  g_assert_cmpint (image_at (decoded, 3)->width, ==, 300);

  temp_close (&file);
  for (int i = 0; i < 4; i++)
    cairo_surface_destroy (frames[i]);
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, NULL);

  g_test_add_func ("/frontline/gif-writer/frames", test_frames);
  g_test_add_func ("/frontline/gif-writer/same-centisecond", test_same_centisecond);
  g_test_add_func ("/frontline/gif-writer/back-and-long", test_back_and_long);
  g_test_add_func ("/frontline/gif-writer/many-colours", test_many_colours);
  g_test_add_func ("/frontline/gif-writer/errors", test_errors);
  g_test_add_func ("/frontline/gif-writer/large", test_large);

  return g_test_run ();
}
