/* SPDX-License-Identifier: GPL-3.0-or-later */

#define _GNU_SOURCE
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "frontline-comparison.h"
#include "frontline-dataset.h"
#include "frontline-handout.h"
#include "frontline-test-data.h"
#include "frontline-test-init.h"

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

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, NULL);

  g_test_add_func ("/frontline/handout/pages", test_handout_pages);
  g_test_add_func ("/frontline/handout/page-png", test_handout_page_png);

  return g_test_run ();
}
