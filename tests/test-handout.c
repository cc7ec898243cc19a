/* SPDX-License-Identifier: GPL-3.0-or-later */

#define _GNU_SOURCE
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "frontline-comparison.h"
#include "frontline-dataset.h"
#include "frontline-handout.h"
#include "frontline-test-data.h"
#include "frontline-test-init.h"
#include "frontline-test-stops.h"

/* The handout of the Kursk dataset: a page per stop, and on each page the
 * stop's title, every quote of the stop, verbatim, and the ground each side
 * gained and lost since the stop's comparison. */

static void
test_handout_pages (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled ("kursk-2024-2025.geojson");
  GListModel *stops = frontline_dataset_get_stops (dataset);
  GListModel *quotes = frontline_dataset_get_quotes (dataset);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "frontline-test-handout.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  gsize length = 0;
  guint n_pages = 0, n_quotes = 0, n_later = 0;

  g_assert_cmpuint (g_list_model_get_n_items (stops), ==, 6);

  for (guint i = 0; i < g_list_model_get_n_items (stops); i++)
    {
      g_autoptr(FrontlineStop) stop = g_list_model_get_item (stops, i);
      g_autofree char *text = frontline_handout_page_text (dataset, i);
      const char * const *ids = frontline_stop_get_quote_ids (stop);
      FrontlineDay compare = frontline_stop_get_compare_day (stop);

      /* The title first, then the caption. */
      g_assert_true (g_str_has_prefix (text, frontline_stop_get_title (stop)));
      g_assert_nonnull (strstr (text, frontline_stop_get_caption (stop)));

      /* Every quote, not only the first. */
      for (guint k = 0; ids != NULL && ids[k] != NULL; k++)
        for (guint q = 0; q < g_list_model_get_n_items (quotes); q++)
          {
            g_autoptr(FrontlineQuote) quote = g_list_model_get_item (quotes, q);
            g_autofree char *date = NULL;
            g_autofree char *said = NULL;

            if (g_strcmp0 (frontline_quote_get_id (quote), ids[k]) != 0)
              continue;
            g_assert_nonnull (strstr (text, frontline_quote_get_text (quote)));
            if (frontline_quote_get_speaker (quote) != NULL)
              g_assert_nonnull (strstr (text, frontline_quote_get_speaker (quote)));
            /* When, as precisely as the article says; later than the stop, said so. */
            date = frontline_quote_format_date (quote);
            g_assert_nonnull (date);
            if (frontline_stop_quote_is_later (stop, quote))
              {
                said = g_strdup_printf (", said later, on %s", date);
                n_later++;
              }
            else
              said = g_strdup_printf (", %s", date);
            g_assert_nonnull (strstr (text, said));
            if (!frontline_quote_is_exact_day (quote))
              g_assert_nonnull (strstr (text, "about "));
            n_quotes++;
          }

      /* The gains and losses line, as the window's card says it. */
      if (compare != FRONTLINE_DAY_NONE)
        {
          g_autoptr(FrontlineComparison) comparison =
            frontline_comparison_new (dataset, compare, frontline_stop_get_day (stop), NULL);

          g_assert_nonnull (strstr (text, frontline_comparison_get_text (comparison)));
          g_assert_true (g_str_has_prefix (frontline_comparison_get_text (comparison), "Since "));
        }
    }
  /* The first stop has two quotes: a handout with only the first of each
   * stop would have fewer. */
  g_assert_cmpuint (n_quotes, >, 4);
  g_test_message ("%u of %u quotes said after their stop's date", n_later, n_quotes);

  /* One page per stop in the PDF. */
  g_assert_true (frontline_handout_write (dataset, file, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &pdf, &length, NULL));
  /* Streams hold NUL bytes: search the bytes, not a string. */
  for (const char *p = pdf; (p = memmem (p, length - (gsize) (p - pdf), "/Type /Page", 11)) != NULL;
       p++)
    if ((gsize) (p - pdf) + 11 < length && p[11] != 's')
      n_pages++;
  g_assert_cmpuint (n_pages, ==, 6);
  g_unlink (path);
}

/* The map's fitted view leaves the credits box free: the page drawn as an
 * image has the credits where the exporter puts them and nothing of the
 * stop's areas under them is asserted by the layout; here, the page draws
 * without error as a PNG, the preview one looks at. */
static void
test_handout_page_png (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled ("kursk-2024-2025.geojson");
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                         (int) FRONTLINE_HANDOUT_PAGE_WIDTH * 2,
                                                         (int) FRONTLINE_HANDOUT_PAGE_HEIGHT * 2);
  cairo_t *cr = cairo_create (surface);
  const char *out = g_getenv ("FRONTLINE_HANDOUT_PNG");

  cairo_scale (cr, 2, 2);
  g_assert_true (frontline_handout_draw_page (dataset, 0, cr, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  if (out != NULL)
    cairo_surface_write_to_png (surface, out);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static guint
count_pages (const char *path)
{
  g_autofree char *pdf = NULL;
  gsize length = 0;
  guint n_pages = 0;

  g_assert_true (g_file_get_contents (path, &pdf, &length, NULL));
  for (const char *p = pdf; (p = memmem (p, length - (gsize) (p - pdf), "/Type /Page", 11)) != NULL; p++)
    if ((gsize) (p - pdf) + 11 < length && p[11] != 's')
      n_pages++;
  return n_pages;
}

/* Speaker notes are the speaker's: on a handout only when asked. A stop's
 * drawings are on its page's map. */
static void
test_handout_notes (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_json ("stops.geojson", FRONTLINE_TEST_STOPS_JSON);
  g_autofree char *plain = frontline_handout_page_text (dataset, 0);
  g_autofree char *none = frontline_handout_page_text_full (dataset, 0, FRONTLINE_HANDOUT_NONE);
  g_autofree char *notes = frontline_handout_page_text_full (dataset, 0, FRONTLINE_HANDOUT_NOTES);
  g_autofree char *second = frontline_handout_page_text_full (dataset, 1, FRONTLINE_HANDOUT_NOTES);
  g_autofree char *second_plain = frontline_handout_page_text (dataset, 1);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "frontline-test-handout-notes.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (plain, ==, none);
  g_assert_null (strstr (plain, "Point at the river first."));
  g_assert_null (strstr (plain, "Speaker Notes"));
  g_assert_true (g_str_has_prefix (notes, plain));
  g_assert_nonnull (strstr (notes, "\nSpeaker Notes\nPoint at the river first.\n"));
  /* A stop without notes says nothing of them. */
  g_assert_cmpstr (second, ==, second_plain);

  /* The first stop's page shows its red line; the second stop has none. */
  for (guint i = 0; i < 2; i++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) FRONTLINE_HANDOUT_PAGE_WIDTH,
                                                             (int) FRONTLINE_HANDOUT_PAGE_HEIGHT);
      cairo_t *cr = cairo_create (surface);
      const guchar *data = cairo_image_surface_get_data (surface);
      int stride = cairo_image_surface_get_stride (surface);
      guint red = 0;

      g_assert_true (frontline_handout_draw_page_full (dataset, i, FRONTLINE_HANDOUT_NOTES, cr, &error));
      g_assert_no_error (error);
      cairo_surface_flush (surface);
      for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
        for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
          red += (*(const guint32 *) (gconstpointer) (data + y * stride + x * 4) & 0xffffff) == 0xff0000;
      g_test_message ("stop %u: %u red pixels", i + 1, red);
      if (i == 0)
        g_assert_cmpuint (red, >, 100);
      else
        g_assert_cmpuint (red, ==, 0);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  g_assert_true (frontline_handout_write_full (dataset, file, FRONTLINE_HANDOUT_NOTES, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_pages (path), ==, 2);
  g_unlink (path);
}

/* The mean luma of a rectangle of an image, 0 to 255. */
static double
sum_rect (cairo_surface_t *surface,
          int              x0,
          int              y0,
          int              w,
          int              h)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  double sum = 0;

  for (int y = y0; y < y0 + h; y++)
    for (int x = x0; x < x0 + w; x++)
      {
        guint32 pixel = *(const guint32 *) (gconstpointer) (data + y * stride + x * 4);

        sum += 0.3 * ((pixel >> 16) & 0xff) + 0.59 * ((pixel >> 8) & 0xff) + 0.11 * (pixel & 0xff);
      }
  return sum / (w * h);
}

/* Small multiples: four dates of one view in a 2 × 2 grid, the same date
 * twice drawn the same, different dates differently; seven dates, two
 * pages. */
static void
test_small_multiples (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_json ("stops.geojson", FRONTLINE_TEST_STOPS_JSON);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "frontline-test-multiples.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FrontlineDay early, late;
  FrontlineView view = { 35.9, 51.5, 7.5, 0, 0 };
  const char *out = g_getenv ("FRONTLINE_MULTIPLES_PNG");
  int width = (int) FRONTLINE_HANDOUT_PAGE_WIDTH, height = (int) FRONTLINE_HANDOUT_PAGE_HEIGHT;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  FrontlineDay days[7];
  double cells[4];

  g_assert_true (frontline_day_parse ("2024-08-06", &early));
  g_assert_true (frontline_day_parse ("2024-08-10", &late));
  days[0] = early;
  days[1] = late;
  days[2] = early;
  days[3] = late;
  g_assert_true (frontline_handout_draw_small_multiples (dataset, &view, days, 4, cr, &error));
  g_assert_no_error (error);
  cairo_surface_flush (surface);
  if (out != NULL)
    cairo_surface_write_to_png (surface, out);

  /* The four quarters of the grid, away from the legend on the right. */
  for (guint i = 0; i < 4; i++)
    cells[i] = sum_rect (surface, 40 + (i % 2) * 342, 80 + (i / 2) * 246, 300, 190);
  /* The rows fall on different fractions of a pixel: nearly the same. */
  g_test_message ("cells: %g %g %g %g", cells[0], cells[1], cells[2], cells[3]);
  g_assert_cmpfloat (fabs (cells[0] - cells[2]), <, 0.5);
  g_assert_cmpfloat (fabs (cells[1] - cells[3]), <, 0.5);
  g_assert_cmpfloat (fabs (cells[0] - cells[1]), >, 1);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  for (guint i = 0; i < 7; i++)
    days[i] = i % 2 ? late : early;
  g_assert_true (frontline_handout_write_small_multiples (dataset, NULL, days, 7, file, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_pages (path), ==, 2);
  g_unlink (path);

  g_assert_false (frontline_handout_write_small_multiples (dataset, NULL, days, 0, file, TRUE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, NULL);

  g_test_add_func ("/frontline/handout/pages", test_handout_pages);
  g_test_add_func ("/frontline/handout/page-png", test_handout_page_png);
  g_test_add_func ("/frontline/handout/notes", test_handout_notes);
  g_test_add_func ("/frontline/handout/small-multiples", test_small_multiples);

  return g_test_run ();
}
