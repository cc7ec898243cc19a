/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-handout"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "frontline-comparison.h"
#include "frontline-export-private.h"
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
#undef MARGIN
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
  return frontline_handout_page_text_full (dataset, index, FRONTLINE_HANDOUT_NONE);
}

/**
 * frontline_handout_page_text_full:
 * @flags: what else to say: with %FRONTLINE_HANDOUT_NOTES, the stop's
 *   speaker notes after its quotes, under a "Speaker Notes" heading
 *
 * frontline_handout_page_text() with @flags.
 *
 * Returns: (transfer full): the text
 */
char *
frontline_handout_page_text_full (FrontlineDataset      *dataset,
                                  guint                  index,
                                  FrontlineHandoutFlags  flags)
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
  if ((flags & FRONTLINE_HANDOUT_NOTES) && frontline_stop_get_notes (stop) != NULL &&
      *frontline_stop_get_notes (stop) != '\0')
    g_string_append_printf (text, "\n%s\n%s\n", _("Speaker Notes"), frontline_stop_get_notes (stop));

  return g_string_free (text, FALSE);
}

static void
draw_text_block (cairo_t               *cr,
                 FrontlineDataset      *dataset,
                 guint                  index,
                 FrontlineHandoutFlags  flags)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Cantarell, Sans 9.5");
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  g_autofree char *text = frontline_handout_page_text_full (dataset, index, flags);
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
  return frontline_handout_draw_page_full (dataset, index, FRONTLINE_HANDOUT_NONE, cr, error);
}

/**
 * frontline_handout_draw_page_full:
 * @flags: what else the text says (frontline_handout_page_text_full())
 *
 * frontline_handout_draw_page() with @flags. The map shows the stop's
 * annotations.
 *
 * Returns: whether the map could be drawn
 */
gboolean
frontline_handout_draw_page_full (FrontlineDataset      *dataset,
                                  guint                  index,
                                  FrontlineHandoutFlags  flags,
                                  cairo_t               *cr,
                                  GError               **error)
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
  options.annotations = frontline_stop_get_annotations (stop);
  fit_stop (&options, stop);

  cairo_save (cr);
  cairo_translate (cr, MARGIN, MARGIN);
  cairo_rectangle (cr, 0, 0, MAP_WIDTH, MAP_HEIGHT);
  cairo_clip (cr);
  ok = frontline_export_render (&options, cr, error);
  cairo_restore (cr);
  if (!ok)
    return FALSE;

  draw_text_block (cr, dataset, index, flags);
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
  return frontline_handout_write_full (dataset, file, FRONTLINE_HANDOUT_NONE, replace, cancellable, error);
}

/* Writes @n_pages pages of PAGE_WIDTH x PAGE_HEIGHT drawn by @draw to a PDF,
 * atomically. */
typedef gboolean (*DrawPageFunc) (guint     page,
                                  cairo_t  *cr,
                                  gpointer  data,
                                  GError  **error);

static gboolean
write_pdf (GFile         *file,
           gboolean       replace,
           guint          n_pages,
           DrawPageFunc   draw,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(FrontlineSafeFile) out = NULL;
  g_autoptr(GError) write_error = NULL;
  g_autoptr(GError) render_error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  out = frontline_safe_file_new (file, replace, error);
  if (out == NULL)
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (write_to_file, out, PAGE_WIDTH, PAGE_HEIGHT);
  cr = cairo_create (surface);

  for (guint i = 0; i < n_pages; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, &render_error) ||
          !draw (i, cr, data, &render_error))
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

typedef struct {
  FrontlineDataset      *dataset;
  FrontlineHandoutFlags  flags;
  const FrontlineView   *view;
  const FrontlineDay    *days;
  guint                  n_days;
} HandoutJob;

static gboolean
draw_stop_page (guint     page,
                cairo_t  *cr,
                gpointer  data,
                GError  **error)
{
  HandoutJob *job = data;

  return frontline_handout_draw_page_full (job->dataset, page, job->flags, cr, error);
}

/**
 * frontline_handout_write_full:
 * @flags: what else each page says (frontline_handout_page_text_full())
 *
 * frontline_handout_write() with @flags.
 *
 * Returns: whether the file was written
 */
gboolean
frontline_handout_write_full (FrontlineDataset       *dataset,
                              GFile                  *file,
                              FrontlineHandoutFlags   flags,
                              gboolean                replace,
                              GCancellable           *cancellable,
                              GError                **error)
{
  HandoutJob job = { dataset, flags, NULL, NULL, 0 };
  GListModel *stops;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  stops = frontline_dataset_get_stops (dataset);
  if (g_list_model_get_n_items (stops) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The dataset has no stops to hand out"));
      return FALSE;
    }

  return write_pdf (file, replace, g_list_model_get_n_items (stops), draw_stop_page, &job, cancellable, error);
}

/* Small multiples */

#define CELL_GAP 10.0
#define HEADER_HEIGHT 26.0
#define LABEL_HEIGHT 16.0

static PangoLayout *
new_text (cairo_t    *cr,
          const char *font,
          const char *text,
          double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, (int) (MAX (1, width) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* One date of the view in a cell of @width x @height points at (@x, @y):
 * the map, with no decorations but the credits, which are drawn below the
 * cell and cut off (the page credits the map once). */
static gboolean
draw_cell (FrontlineDataset     *dataset,
           const FrontlineView  *view,
           FrontlineDay          day,
           double                x,
           double                y,
           double                width,
           double                height,
           cairo_t              *cr,
           GError              **error)
{
  FrontlineExportOptions options;
  FrontlineExportLayout layout;
  g_autofree char *label = frontline_day_format_label (day);
  PangoLayout *text;
  double band = 0, map_y;
  gboolean ok;

  text = new_text (cr, "Cantarell, Sans Bold 10", label, width);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, text);
  g_object_unref (text);
  y += LABEL_HEIGHT;
  height -= LABEL_HEIGHT;

  frontline_export_options_init (&options, dataset, width, height, 1.0);
  options.format = FRONTLINE_EXPORT_PDF;
  options.day = day;
  options.title = FALSE;
  options.legend = FALSE;
  options.scale_bar = FALSE;
  options.sources_strip = FALSE;
  if (view != NULL)
    {
      options.view.center_lon = view->center_lon;
      options.view.center_lat = view->center_lat;
      options.view.zoom = view->zoom;
    }
  frontline_export_get_layout (&options, &layout);
  if (layout.attribution.height > 0)
    band = CLAMP (height - layout.attribution.y, 0, height);
  /* The view drawn taller by the credits' band, its centre moved down by
   * half of it, so the cell shows the view and the band falls outside. */
  options.view.height = height + band;
  map_y = frontline_mercator_y (options.view.center_lat, options.view.zoom) + band / 2;
  options.view.center_lat = frontline_mercator_lat (map_y, options.view.zoom);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  ok = frontline_export_render (&options, cr, error);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, x, y, width, height);
  cairo_stroke (cr);
  cairo_restore (cr);

  return ok;
}

/**
 * frontline_handout_draw_small_multiples:
 * @view: (nullable): the centre and zoom (for a screen at 1x) of every
 *   map, or %NULL for the view the dataset opens at, fitted to a cell
 * @days: (array length=n_days): the dates, in the order shown, at most
 *   FRONTLINE_HANDOUT_MAX_MULTIPLES
 * @cr: a context of PAGE_WIDTH x PAGE_HEIGHT units
 *
 * Draws one page of small multiples: the dataset's title, a grid of maps
 * of @view (one per date, each with its date above it), and beside the grid
 * the legend of the last date, under it the map credits, once.
 *
 * Returns: whether every map could be drawn
 */
gboolean
frontline_handout_draw_small_multiples (FrontlineDataset     *dataset,
                                        const FrontlineView  *view,
                                        const FrontlineDay   *days,
                                        guint                 n_days,
                                        cairo_t              *cr,
                                        GError              **error)
{
  FrontlineExportOptions page;
  FrontlineExportLayout layout;
  g_autoptr(GPtrArray) state = NULL;
  const char *title = frontline_dataset_get_title (dataset);
  PangoLayout *text;
  guint columns, rows;
  double grid_x, grid_y, grid_width, grid_height, cell_width, cell_height;
  FrontlineDay last = FRONTLINE_DAY_NONE;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (days != NULL && n_days > 0 && n_days <= FRONTLINE_HANDOUT_MAX_MULTIPLES, FALSE);

  for (guint i = 0; i < n_days; i++)
    last = last == FRONTLINE_DAY_NONE ? days[i] : MAX (last, days[i]);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_restore (cr);

  /* The page's decorations, through the exporter: the legend top right, the
   * credits along the bottom; the grid takes what they leave. */
  frontline_export_options_init (&page, dataset, PAGE_WIDTH, PAGE_HEIGHT, 1.0);
  page.format = FRONTLINE_EXPORT_PDF;
  page.day = last;
  page.title = FALSE;
  page.scale_bar = FALSE;
  page.sources_strip = FALSE;
  frontline_export_get_layout (&page, &layout);

  grid_x = MARGIN;
  grid_y = MARGIN + HEADER_HEIGHT;
  grid_width = (layout.legend.width > 0 ? layout.legend.x - CELL_GAP : PAGE_WIDTH - MARGIN) - grid_x;
  grid_height = (layout.attribution.height > 0 ? layout.attribution.y - CELL_GAP : PAGE_HEIGHT - MARGIN) - grid_y;

  text = new_text (cr, "Cantarell, Sans Bold 16", title != NULL ? title : "", grid_width);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_move_to (cr, MARGIN, MARGIN - 4);
  pango_cairo_show_layout (cr, text);
  g_object_unref (text);

  columns = n_days == 1 ? 1 : n_days <= 4 ? 2 : 3;
  rows = (n_days + columns - 1) / columns;
  cell_width = (grid_width - (columns - 1) * CELL_GAP) / columns;
  cell_height = (grid_height - (rows - 1) * CELL_GAP) / rows;

  for (guint i = 0; i < n_days; i++)
    {
      double x = grid_x + (i % columns) * (cell_width + CELL_GAP);
      double y = grid_y + (i / columns) * (cell_height + CELL_GAP);

      if (!draw_cell (dataset, view, days[i], x, y, cell_width, cell_height, cr, error))
        return FALSE;
    }

  state = frontline_dataset_get_state_at (dataset, last);
  cairo_save (cr);
  frontline_export_draw_decorations (&page, cr, state, NULL, NULL);
  cairo_restore (cr);

  return frontline_export_check_cairo (cr, error);
}

static gboolean
draw_multiples_page (guint     page,
                     cairo_t  *cr,
                     gpointer  data,
                     GError  **error)
{
  HandoutJob *job = data;
  guint first = page * FRONTLINE_HANDOUT_MAX_MULTIPLES;

  return frontline_handout_draw_small_multiples (job->dataset, job->view, job->days + first,
                                                 MIN (FRONTLINE_HANDOUT_MAX_MULTIPLES, job->n_days - first),
                                                 cr, error);
}

/**
 * frontline_handout_write_small_multiples:
 * @view: (nullable): as for frontline_handout_draw_small_multiples()
 * @days: (array length=n_days): the dates, at least one: a page for every
 *   FRONTLINE_HANDOUT_MAX_MULTIPLES of them
 *
 * Writes small multiples of @days to a PDF, atomically.
 *
 * Returns: whether the file was written
 */
gboolean
frontline_handout_write_small_multiples (FrontlineDataset     *dataset,
                                         const FrontlineView  *view,
                                         const FrontlineDay   *days,
                                         guint                 n_days,
                                         GFile                *file,
                                         gboolean              replace,
                                         GCancellable         *cancellable,
                                         GError              **error)
{
  HandoutJob job = { dataset, FRONTLINE_HANDOUT_NONE, view, days, n_days };

  g_return_val_if_fail (FRONTLINE_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (days == NULL || n_days == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Small multiples need at least one date"));
      return FALSE;
    }

  return write_pdf (file, replace, (n_days + FRONTLINE_HANDOUT_MAX_MULTIPLES - 1) / FRONTLINE_HANDOUT_MAX_MULTIPLES,
                    draw_multiples_page, &job, cancellable, error);
}
