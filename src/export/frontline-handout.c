/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-handout"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "frontline-exporter.h"
#include "frontline-handout.h"
#include "frontline-safe-file.h"

/* A briefing as a PDF to hand out: a page per stop (A4 landscape), the map
 * through the exporter, then the stop's caption, its quotes verbatim with
 * who said them, and the sources. Display-free. */

#define PAGE_WIDTH 842.0
#define PAGE_HEIGHT 595.0
#define MAP_HEIGHT 420.0
#define MARGIN 28.0

static cairo_status_t
write_to_file (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  /* The writer keeps the first error for the commit to report. */
  return frontline_safe_file_write (closure, data, length, NULL)
         ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void
draw_text_block (cairo_t          *cr,
                 FrontlineDataset *dataset,
                 FrontlineStop    *stop)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Cantarell, Sans 10");
  g_autoptr(GString) text = g_string_new (NULL);
  const char * const *ids = frontline_stop_get_quote_ids (stop);
  GListModel *quotes = frontline_dataset_get_quotes (dataset);

  if (frontline_stop_get_caption (stop) != NULL)
    g_string_append_printf (text, "%s\n", frontline_stop_get_caption (stop));

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    for (guint q = 0; q < g_list_model_get_n_items (quotes); q++)
      {
        g_autoptr(FrontlineQuote) quote = g_list_model_get_item (quotes, q);
        FrontlineSource *source = frontline_quote_get_source (quote);

        if (g_strcmp0 (frontline_quote_get_id (quote), ids[i]) != 0)
          continue;
        g_string_append_printf (text, "\n“%s”\n— %s%s%s%s%s\n", frontline_quote_get_text (quote),
                                frontline_quote_get_speaker (quote) ? frontline_quote_get_speaker (quote) : _("Unknown speaker"),
                                frontline_quote_get_role (quote) ? ", " : "",
                                frontline_quote_get_role (quote) ? frontline_quote_get_role (quote) : "",
                                source ? _(". Source: ") : "",
                                source ? (frontline_source_get_title (source) ? frontline_source_get_title (source)
                                                                               : frontline_source_get_id (source)) : "");
      }

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) ((PAGE_WIDTH - 2 * MARGIN) * PANGO_SCALE));
  pango_layout_set_height (layout, (int) ((PAGE_HEIGHT - MAP_HEIGHT - 2 * MARGIN) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  /* Dataset text is text, never markup. */
  pango_layout_set_text (layout, text->str, -1);

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_move_to (cr, MARGIN, MAP_HEIGHT + MARGIN);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

/**
 * frontline_handout_write:
 * @replace: whether to replace a file that exists
 *
 * Writes a page per stop (or per data date without stops) to a PDF,
 * atomically: a failure leaves no half file and the old one as it was.
 *
 * Returns: whether the file was written
 */
gboolean
frontline_handout_write (FrontlineDataset  *dataset,
                         GFile             *file,
                         gboolean           replace,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autoptr(FrontlineSafeFile) out = NULL;
  g_autoptr(GError) write_error = NULL;
  g_autoptr(GError) render_error = NULL;
  GListModel *stops;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (dataset), FALSE);

  stops = frontline_dataset_get_stops (dataset);
  if (g_list_model_get_n_items (stops) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The dataset has no stops to hand out"));
      return FALSE;
    }

  out = frontline_safe_file_new (file, replace, error);
  if (out == NULL)
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (write_to_file, out, PAGE_WIDTH, PAGE_HEIGHT);
  cr = cairo_create (surface);

  for (guint i = 0; i < g_list_model_get_n_items (stops); i++)
    {
      g_autoptr(FrontlineStop) stop = g_list_model_get_item (stops, i);
      FrontlineExportOptions options;
      double view[5];
      double bbox[4];

      frontline_export_options_init (&options, dataset, PAGE_WIDTH, MAP_HEIGHT, 1.0);
      options.format = FRONTLINE_EXPORT_PDF;
      options.day = frontline_stop_get_day (stop);
      if (frontline_stop_get_view (stop, view))
        {
          options.view.center_lon = view[0];
          options.view.center_lat = view[1];
          /* The stop's view was made for a screen; a page is smaller. */
          options.view.zoom = view[2] - 0.6;
        }
      else if (frontline_stop_get_bbox (stop, bbox))
        frontline_view_fit_bbox (&options.view, bbox, PAGE_WIDTH, MAP_HEIGHT);

      cairo_save (cr);
      cairo_rectangle (cr, 0, 0, PAGE_WIDTH, MAP_HEIGHT);
      cairo_clip (cr);
      if (!frontline_export_render (&options, cr, &render_error))
        {
          /* The surface fails once a write has: the file's error is the one to tell. */
          if (!frontline_safe_file_write (out, "", 0, &write_error))
            g_propagate_error (error, g_steal_pointer (&write_error));
          else
            g_propagate_error (error, g_steal_pointer (&render_error));
          cairo_restore (cr);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
          return FALSE;
        }
      cairo_restore (cr);

      draw_text_block (cr, dataset, stop);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  /* A write error is the file's (a full disk); report it as such. */
  if (!frontline_safe_file_write (out, "", 0, &write_error))
    {
      g_propagate_error (error, g_steal_pointer (&write_error));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the handout: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }

  return frontline_safe_file_commit (out, cancellable, error);
}
