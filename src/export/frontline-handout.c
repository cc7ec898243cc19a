/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-handout"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "frontline-comparison.h"
#include "frontline-exporter.h"
#include "frontline-handout.h"
#include "frontline-safe-file.h"

/* A briefing as a PDF to hand out: a page per stop (A4 landscape), the map
 * through the exporter on the left, and beside it the stop's title, date,
 * the ground each side gained and lost since the stop's comparison, its
 * caption and every quote of the stop verbatim, with who said it, when and
 * where. Display-free. */

#define PAGE_WIDTH FRONTLINE_HANDOUT_PAGE_WIDTH
#define PAGE_HEIGHT FRONTLINE_HANDOUT_PAGE_HEIGHT
#define MARGIN 28.0
#define TEXT_WIDTH 270.0
#define MAP_WIDTH (PAGE_WIDTH - 3 * MARGIN - TEXT_WIDTH)
#define MAP_HEIGHT (PAGE_HEIGHT - 2 * MARGIN)

static cairo_status_t
write_to_file (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  /* The writer keeps the first error for the commit to report. */
  return frontline_safe_file_write (closure, data, length, NULL)
         ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/**
 * frontline_handout_format_quote_byline:
 * @stop: (nullable): the stop the quote is shown with
 *
 * Who said the quote, in what role, when (as precisely as its source says,
 * and "said later, on" when that is after @stop's date) and where it was
 * published: "Boris, commander, about 14 Aug 2024, The Post". The handout
 * and the presenter's title card say it the same way.
 *
 * Returns: (transfer full): the line, without the leading dash
 */
char *
frontline_handout_format_quote_byline (FrontlineQuote *quote,
                                       FrontlineStop  *stop)
{
  FrontlineSource *source = frontline_quote_get_source (quote);
  const char *speaker = frontline_quote_get_speaker (quote);
  const char *role = frontline_quote_get_role (quote);
  const char *publisher = source ? frontline_source_get_publisher (source) : NULL;
  g_autofree char *date = frontline_quote_format_date (quote);
  GString *line = g_string_new (speaker ? speaker : _("Unknown speaker"));

  if (role != NULL)
    g_string_append_printf (line, ", %s", role);
  if (date != NULL && stop != NULL && frontline_stop_quote_is_later (stop, quote))
    /* Translators: a quote said after the date of the stop it is shown with */
    g_string_append_printf (line, _(", said later, on %s"), date);
  else if (date != NULL)
    g_string_append_printf (line, ", %s", date);
  if (frontline_source_value_is_known (publisher))
    g_string_append_printf (line, ", %s", publisher);

  return g_string_free (line, FALSE);
}

static void
append_quotes (GString          *text,
               FrontlineDataset *dataset,
               FrontlineStop    *stop)
{
  const char * const *ids = frontline_stop_get_quote_ids (stop);
  GListModel *quotes = frontline_dataset_get_quotes (dataset);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    for (guint q = 0; q < g_list_model_get_n_items (quotes); q++)
      {
        g_autoptr(FrontlineQuote) quote = g_list_model_get_item (quotes, q);
        g_autofree char *byline = NULL;

        if (g_strcmp0 (frontline_quote_get_id (quote), ids[i]) != 0)
          continue;
        /* Verbatim; then who, in what role, when and where it was published. */
        byline = frontline_handout_format_quote_byline (quote, stop);
        g_string_append_printf (text, "\n“%s”\n— %s\n", frontline_quote_get_text (quote), byline);
        break;
      }
}

/**
 * frontline_handout_page_text:
 * @index: a stop
 *
 * The text beside the map on the stop's page, as drawn: its title, date,
 * the gains and losses since its comparison (computed here, synchronously),
 * its caption and every quote. The title is the first line.
 *
 * Returns: (transfer full): the text
 */
char *
frontline_handout_page_text (FrontlineDataset *dataset,
                             guint             index)
{
  g_autoptr(FrontlineStop) stop = NULL;
  GString *text;
  g_autofree char *date = NULL;
  FrontlineDay compare;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (dataset), NULL);

  stop = g_list_model_get_item (frontline_dataset_get_stops (dataset), index);
  g_return_val_if_fail (stop != NULL, NULL);

  text = g_string_new (frontline_stop_get_title (stop) ? frontline_stop_get_title (stop) : "");
  date = frontline_day_format_label (frontline_stop_get_day (stop));
  g_string_append_printf (text, "\n%s\n", date);

  compare = frontline_stop_get_compare_day (stop);
  if (compare != FRONTLINE_DAY_NONE && compare < frontline_stop_get_day (stop))
    {
      g_autoptr(FrontlineComparison) comparison =
        frontline_comparison_new (dataset, compare, frontline_stop_get_day (stop), NULL);

      if (comparison != NULL && frontline_comparison_get_text (comparison) != NULL)
        g_string_append_printf (text, "\n%s\n", frontline_comparison_get_text (comparison));
    }

  if (frontline_stop_get_caption (stop) != NULL)
    g_string_append_printf (text, "\n%s\n", frontline_stop_get_caption (stop));
  append_quotes (text, dataset, stop);

  return g_string_free (text, FALSE);
}

static void
draw_text_block (cairo_t          *cr,
                 FrontlineDataset *dataset,
                 guint             index)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Cantarell, Sans 9.5");
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  g_autofree char *text = frontline_handout_page_text (dataset, index);
  const char *newline = strchr (text, '\n');
  PangoAttribute *attr;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (TEXT_WIDTH * PANGO_SCALE));
  pango_layout_set_height (layout, (int) (MAP_HEIGHT * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  /* Dataset text is text, never markup; the title, its first line, large. */
  pango_layout_set_text (layout, text, -1);
  attr = pango_attr_scale_new (1.8);
  attr->start_index = 0;
  attr->end_index = newline ? (guint) (newline - text) : G_MAXUINT;
  pango_attr_list_insert (attrs, attr);
  attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attr->start_index = 0;
  attr->end_index = newline ? (guint) (newline - text) : G_MAXUINT;
  pango_attr_list_insert (attrs, attr);
  pango_layout_set_attributes (layout, attrs);

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_move_to (cr, 2 * MARGIN + MAP_WIDTH, MARGIN);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

/* The stop's view in the part of the map the credits leave free: shrunk by
 * the band they take and moved up by half of it. */
static void
fit_stop (FrontlineExportOptions *options,
          FrontlineStop          *stop)
{
  FrontlineExportLayout layout;
  double view[5];
  double bbox[4];
  double band, y;

  frontline_export_get_layout (options, &layout);
  band = layout.attribution.height > 0 ? MAP_HEIGHT - layout.attribution.y + 6 : 0;
  band = CLAMP (band, 0, MAP_HEIGHT / 2);

  if (frontline_stop_get_view (stop, view))
    {
      options->view.center_lon = view[0];
      options->view.center_lat = view[1];
      /* The stop's view was made for a screen; a page is smaller. */
      options->view.zoom = view[2] - 0.6 + log2 ((MAP_HEIGHT - band) / MAP_HEIGHT);
    }
  else if (frontline_stop_get_bbox (stop, bbox))
    frontline_view_fit_bbox (&options->view, bbox, MAP_WIDTH, MAP_HEIGHT - band);
  else
    return;
  options->view.width = MAP_WIDTH;
  options->view.height = MAP_HEIGHT;

  y = frontline_mercator_y (options->view.center_lat, options->view.zoom) + band / 2;
  options->view.center_lat = frontline_mercator_lat (y, options->view.zoom);
}

/**
 * frontline_handout_draw_page:
 * @cr: a context of PAGE_WIDTH x PAGE_HEIGHT units (A4 landscape, points)
 * @index: a stop
 *
 * Draws the stop's page: the map, fitted so that the credits cover none of
 * the stop's view, and the text of frontline_handout_page_text() beside it.
 * The handout's PDF and its previews draw through this.
 *
 * Returns: whether the map could be drawn
 */
gboolean
frontline_handout_draw_page (FrontlineDataset  *dataset,
                             guint              index,
                             cairo_t           *cr,
                             GError           **error)
{
  g_autoptr(FrontlineStop) stop = NULL;
  FrontlineExportOptions options;
  gboolean ok;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (dataset), FALSE);

  stop = g_list_model_get_item (frontline_dataset_get_stops (dataset), index);
  g_return_val_if_fail (stop != NULL, FALSE);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_restore (cr);

  frontline_export_options_init (&options, dataset, MAP_WIDTH, MAP_HEIGHT, 1.0);
  options.format = FRONTLINE_EXPORT_PDF;
  options.day = frontline_stop_get_day (stop);
  /* The title and the sources are in the text beside the map. */
  options.title = FALSE;
  options.sources_strip = FALSE;
  options.compare_from = frontline_stop_get_compare_day (stop);
  fit_stop (&options, stop);

  cairo_save (cr);
  cairo_translate (cr, MARGIN, MARGIN);
  cairo_rectangle (cr, 0, 0, MAP_WIDTH, MAP_HEIGHT);
  cairo_clip (cr);
  ok = frontline_export_render (&options, cr, error);
  cairo_restore (cr);
  if (!ok)
    return FALSE;

  draw_text_block (cr, dataset, index);
  return TRUE;
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
      if (!frontline_handout_draw_page (dataset, i, cr, &render_error))
        {
          /* The surface fails once a write has: the file's error is the one to tell. */
          if (!frontline_safe_file_write (out, "", 0, &write_error))
            g_propagate_error (error, g_steal_pointer (&write_error));
          else
            g_propagate_error (error, g_steal_pointer (&render_error));
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
          return FALSE;
        }
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
