/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-exporter"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "frontline-basemap.h"
#include "frontline-export-private.h"
#include "frontline-exporter.h"
#include "frontline-painter.h"
#include "frontline-png-writer.h"
#include "frontline-safe-file.h"
#include "frontline-tour.h"

/* The exporter: a view of a dataset on a day, drawn into any cairo context
 * with the offline basemap, the control areas through the screen's painter,
 * and the decorations a picture needs once it leaves the application: what
 * it shows (title and date), how to read it (legend, scale), and whose work
 * it is (credits, sources). Everything is cairo paths and pango text, so SVG
 * and PDF stay vectors and no display is needed.
 *
 * This file composes: options, the view, surfaces, files and the worker.
 * The basemap tiles are drawn in frontline-export-tiles.c, the decorations
 * and the gains and losses in frontline-export-decorations.c. */

const FrontlineExportTheme frontline_export_themes[2] = {
  {
    .panel = { 1.0, 1.0, 1.0, 0.94 },
    .border = { 0.0, 0.0, 0.0, 0.14 },
    .text = { 0.12, 0.12, 0.14 },
    .secondary = { 0.34, 0.34, 0.37 },
    .beyond = { 0.776, 0.863, 0.922 },
  },
  {
    .panel = { 0.14, 0.14, 0.16, 0.94 },
    .border = { 1.0, 1.0, 1.0, 0.14 },
    .text = { 0.94, 0.94, 0.95 },
    .secondary = { 0.72, 0.72, 0.75 },
    .beyond = { 0.118, 0.157, 0.204 },
  },
};

/* Options */

/**
 * frontline_export_tile_zoom:
 *
 * The zoom of the basemap tiles an export draws: the view's zoom plus
 * log2 of the scale, so that at scale 2 the map has the detail of the next
 * zoom rather than the same tiles stretched.
 *
 * Returns: the tile zoom, between 1 and 16
 */
guint
frontline_export_tile_zoom (const FrontlineExportOptions *options)
{
  double zoom;

  g_return_val_if_fail (options != NULL, MIN_TILE_ZOOM);

  zoom = round (options->view.zoom + log2 (frontline_export_options_scale (options)));
  if (!isfinite (zoom))
    return MIN_TILE_ZOOM;

  return (guint) CLAMP (zoom, MIN_TILE_ZOOM, MAX_TILE_ZOOM);
}

/* The picture formats and their files' extensions. */
static const struct {
  const char            *extension;
  FrontlineExportFormat  format;
} formats[] = {
  { ".png", FRONTLINE_EXPORT_PNG },
  { ".svg", FRONTLINE_EXPORT_SVG },
  { ".pdf", FRONTLINE_EXPORT_PDF },
};

/**
 * frontline_export_format_get_extension:
 * @format: a picture format
 *
 * Returns: the extension of @format's files, without the dot ("png", "svg", "pdf")
 */
const char *
frontline_export_format_get_extension (FrontlineExportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].extension + 1;
  g_return_val_if_reached ("png");
}

/**
 * frontline_export_format_from_filename:
 * @name: a file name or path
 * @format: (out): the format its extension names
 *
 * Returns: whether @name ends in .png, .svg or .pdf (in any case)
 */
gboolean
frontline_export_format_from_filename (const char            *name,
                                       FrontlineExportFormat *format)
{
  const char *dot;

  g_return_val_if_fail (name != NULL, FALSE);

  dot = strrchr (name, '.');
  if (dot == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_ascii_strcasecmp (dot, formats[i].extension) == 0)
        {
          if (format != NULL)
            *format = formats[i].format;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * frontline_export_fit_view:
 * @width: the picture's width in screen pixels (the output's divided by
 *   the scale)
 * @height: its height, likewise
 * @view: (out caller-allocates): the view
 *
 * The view a dataset opens at: its default view if it has one, as the window
 * does, or else its areas' extent fitted by frontline_view_fit_bbox(), as
 * the window fits it.
 */
void
frontline_export_fit_view (FrontlineDataset *dataset,
                           double            width,
                           double            height,
                           FrontlineView    *view)
{
  double default_view[3];
  double bbox[4];

  g_return_if_fail (FRONTLINE_IS_DATASET (dataset));
  g_return_if_fail (view != NULL);

  view->width = width;
  view->height = height;

  if (frontline_dataset_get_default_view (dataset, default_view))
    {
      view->center_lon = default_view[0];
      view->center_lat = default_view[1];
      view->zoom = default_view[2];
    }
  else if (frontline_dataset_get_bbox (dataset, bbox))
    {
      frontline_view_fit_bbox (view, bbox, width, height);
    }
  else
    {
      /* No areas at all: the theatre the basemap details. */
      view->center_lon = (FRONTLINE_THEATRE_WEST + FRONTLINE_THEATRE_EAST) / 2.0;
      view->center_lat = (FRONTLINE_THEATRE_SOUTH + FRONTLINE_THEATRE_NORTH) / 2.0;
      view->zoom = 5.0;
    }
}

/**
 * frontline_export_options_init:
 * @options: (out caller-allocates): the options to fill
 * @dataset: (transfer none): the dataset, borrowed
 * @width: the output's width: pixels for PNG, points for SVG and PDF
 * @height: its height
 * @scale: output units per screen pixel
 *
 * Options for a PNG of @dataset's last data day, with every decoration, in
 * the view it opens at, framed for the output's size at @scale.
 */
void
frontline_export_options_init (FrontlineExportOptions *options,
                               FrontlineDataset       *dataset,
                               double                  width,
                               double                  height,
                               double                  scale)
{
  g_return_if_fail (options != NULL);
  g_return_if_fail (FRONTLINE_IS_DATASET (dataset));

  memset (options, 0, sizeof *options);
  options->dataset = dataset;
  options->day = frontline_dataset_get_last_day (dataset);
  options->scale = scale > 0 ? scale : 1.0;
  frontline_export_fit_view (dataset, width / options->scale, height / options->scale, &options->view);
  options->view.width = width;
  options->view.height = height;
  options->format = FRONTLINE_EXPORT_PNG;
  options->title = TRUE;
  options->legend = TRUE;
  options->scale_bar = TRUE;
  options->attribution = TRUE;
  options->sources_strip = TRUE;
}

/**
 * frontline_export_options_init_for_stop:
 * @options: (out caller-allocates): the options to fill
 * @dataset: (transfer none): the dataset, borrowed
 * @stop: (transfer none): one of its stops, borrowed: its annotations are
 *   borrowed by @options for as long as they are used
 * @width: the output's width: pixels for PNG, points for SVG and PDF
 * @height: its height
 * @scale: output units per screen pixel
 *
 * Options for the picture of a stop, as frontline_export_options_init()
 * with the stop's view (frontline_stop_fit_view() for a screen of
 * @width / @scale × @height / @scale), its date, its comparison and its
 * annotations. A briefing's video shows this picture on arriving at the stop.
 */
void
frontline_export_options_init_for_stop (FrontlineExportOptions *options,
                                        FrontlineDataset       *dataset,
                                        FrontlineStop          *stop,
                                        double                  width,
                                        double                  height,
                                        double                  scale)
{
  FrontlineDay compare;
  GPtrArray *annotations;

  g_return_if_fail (options != NULL);
  g_return_if_fail (FRONTLINE_IS_DATASET (dataset));
  g_return_if_fail (FRONTLINE_IS_STOP (stop));

  frontline_export_options_init (options, dataset, width, height, scale);
  frontline_stop_fit_view (stop, dataset, width / options->scale, height / options->scale, &options->view);
  options->view.width = width;
  options->view.height = height;
  options->day = frontline_stop_get_day (stop);
  compare = frontline_stop_get_compare_day (stop);
  options->compare_from = compare != FRONTLINE_DAY_NONE && compare < options->day ? compare : FRONTLINE_DAY_NONE;
  annotations = frontline_stop_get_annotations (stop);
  options->annotations = annotations != NULL && annotations->len > 0 ? annotations : NULL;
}

/* Checks the options before anything is drawn: a view from a file or the
 * command line can hold anything, and every number below becomes pixels or
 * tile numbers. */
gboolean
frontline_export_check_options (const FrontlineExportOptions  *options,
                                GError                       **error)
{
  const FrontlineView *view = &options->view;

  if (!(isfinite (view->width) && isfinite (view->height) && view->width >= 1 && view->height >= 1))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The picture’s size and scale must be positive numbers"));
      return FALSE;
    }

  if (round (view->width) > MAX_PNG_SIDE || round (view->height) > MAX_PNG_SIDE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A picture can be at most %d pixels wide and high"), MAX_PNG_SIDE);
      return FALSE;
    }

  if (!(isfinite (options->scale) && options->scale >= MIN_SCALE && options->scale <= MAX_SCALE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The picture’s scale is %g; it must be between %g and %g"),
                   options->scale, MIN_SCALE, MAX_SCALE);
      return FALSE;
    }

  if (!frontline_view_is_valid (view))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The view’s centre (%g, %g) and zoom (%g) are out of range: the longitude must be "
                     "within ±180°, the latitude within ±90° and the zoom between %g and %g"),
                   view->center_lon, view->center_lat, view->zoom,
                   FRONTLINE_VIEW_MIN_ZOOM, FRONTLINE_VIEW_MAX_ZOOM);
      return FALSE;
    }

  return TRUE;
}

/**
 * frontline_export_get_layout:
 * @layout: (out caller-allocates): where the decorations go
 *
 * Where frontline_export_render() puts each decoration for @options, in
 * output units; for tests, and for a preview that wants to know.
 */
void
frontline_export_get_layout (const FrontlineExportOptions *options,
                             FrontlineExportLayout        *layout)
{
  g_autoptr(GPtrArray) state = NULL;
  g_autoptr(GArray) changes = NULL;
  g_autofree char *changes_text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  FrontlineExportDecorations d;

  g_return_if_fail (options != NULL && FRONTLINE_IS_DATASET (options->dataset));
  g_return_if_fail (layout != NULL);

  /* Options the export would refuse have no decorations. */
  memset (layout, 0, sizeof *layout);
  if (!frontline_export_check_options (options, NULL))
    return;

  /* Unhinted text measures the same on any surface. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  state = frontline_dataset_get_state_at (options->dataset, options->day);
  changes = frontline_export_compute_changes (options, &changes_text);
  frontline_export_decorations_init (&d, options, state, changes, changes_text, cr);
  *layout = d.layout;
  frontline_export_decorations_clear (&d);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Rendering */

/* The map over the basemap: the areas, the gains and losses, and the
 * offline basemap's place names. */
static void
draw_overlay (const FrontlineExportOptions *options,
              cairo_t                      *cr,
              GPtrArray                    *state,
              GArray                       *changes)
{
  FrontlineView view = frontline_export_overlay_view (options);
  double scale = frontline_export_options_scale (options);

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  frontline_painter_draw_areas (cr, &view, state);
  /* Gains and losses over the areas, as the compare mode draws them. */
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      FrontlineExportChange *change = &g_array_index (changes, FrontlineExportChange, i);

      frontline_painter_draw_changes (cr, &view, change->gained, change->lost, change->rgb);
    }
  /* The offline basemap's place names over the areas, as on screen;
   * raster tiles have their names in them. */
  if (options->tiles == NULL && options->mbtiles == NULL)
    frontline_basemap_draw_labels (frontline_basemap_get_default (), cr, &view,
                                   frontline_basemap_get_label_zoom (&view),
                                   options->dark ? FRONTLINE_BASEMAP_STYLE_DARK
                                                 : FRONTLINE_BASEMAP_STYLE_LIGHT, NULL);
  /* The briefing's drawings over everything on the map, under the panels. */
  if (options->annotations != NULL && options->annotations->len > 0)
    frontline_painter_draw_annotations (cr, &view, options->annotations);
  cairo_restore (cr);
}

/* Rows of an image the overlay draws into, in a thread of its own. */
typedef struct {
  const FrontlineExportOptions *options;
  cairo_surface_t              *image;
  GPtrArray                    *state;
  GArray                       *changes;
  int                           top;
  int                           bottom;
} OverlayBand;

/* Fewer rows a band and the paths each band builds again cost more than
 * the threads save. */
#define MIN_OVERLAY_BAND_ROWS 128

static gpointer
draw_overlay_band (gpointer data)
{
  OverlayBand *band = data;
  int stride = cairo_image_surface_get_stride (band->image);
  cairo_surface_t *rows;
  cairo_t *cr;

  /* The band's rows of the image, as an image of their own, in the same
   * user space: whole rows, so the pixels are those of one picture. */
  rows = cairo_image_surface_create_for_data (cairo_image_surface_get_data (band->image) + (gsize) band->top * stride,
                                              cairo_image_surface_get_format (band->image),
                                              cairo_image_surface_get_width (band->image),
                                              band->bottom - band->top, stride);
  cr = cairo_create (rows);
  cairo_translate (cr, 0, -band->top);
  draw_overlay (band->options, cr, band->state, band->changes);
  cairo_destroy (cr);
  cairo_surface_finish (rows);
  cairo_surface_destroy (rows);

  return NULL;
}

/* The overlay of an image in horizontal bands, one per processor: each
 * band builds every path but fills and strokes only its own rows, which is
 * where the time goes (the place names' halos most). */
static void
draw_overlay_in_bands (const FrontlineExportOptions *options,
                       cairo_surface_t              *image,
                       GPtrArray                    *state,
                       GArray                       *changes)
{
  int height = cairo_image_surface_get_height (image);
  guint n_bands = CLAMP (MIN (g_get_num_processors (), (guint) (height / MIN_OVERLAY_BAND_ROWS)), 1, 8);
  g_autofree OverlayBand *bands = g_new0 (OverlayBand, n_bands);
  g_autofree GThread **threads = g_new0 (GThread *, n_bands);

  cairo_surface_flush (image);
  for (guint i = 0; i < n_bands; i++)
    {
      bands[i] = (OverlayBand) {
        options, image, state, changes,
        (int) ((gint64) height * i / n_bands), (int) ((gint64) height * (i + 1) / n_bands),
      };
      if (i > 0)
        threads[i] = g_thread_try_new ("frontline-export", draw_overlay_band, &bands[i], NULL);
    }
  draw_overlay_band (&bands[0]);
  for (guint i = 1; i < n_bands; i++)
    {
      if (threads[i] != NULL)
        g_thread_join (threads[i]);
      else
        draw_overlay_band (&bands[i]);
    }
  cairo_surface_mark_dirty (image);
}

/* The map of a picture: the basemap (from the options' cache when it holds
 * it) and the overlay of @state (the areas of options->day) and @changes
 * (the gains and losses since options->compare_from, or NULL). @image as
 * for frontline_export_draw_basemap(): given it, the overlay too is drawn in
 * bands. A video draws it once for all the frames that show the same areas. */
gboolean
frontline_export_draw_map (const FrontlineExportOptions  *options,
                           cairo_t                       *cr,
                           cairo_surface_t               *image,
                           GPtrArray                     *state,
                           GArray                        *changes,
                           GCancellable                  *cancellable,
                           GError                       **error)
{
  if (!frontline_export_draw_basemap (options, cr, image, cancellable, error))
    return FALSE;

  if (image != NULL)
    draw_overlay_in_bands (options, image, state, changes);
  else
    draw_overlay (options, cr, state, changes);

  return TRUE;
}

/* What a picture says over its map, for options->day: the title and date,
 * the legend, the scale, the credits, the sources and the gains and losses
 * card (@changes and @changes_text from frontline_export_compute_changes()). */
void
frontline_export_draw_decorations (const FrontlineExportOptions *options,
                                   cairo_t                      *cr,
                                   GPtrArray                    *state,
                                   GArray                       *changes,
                                   const char                   *changes_text)
{
  FrontlineExportDecorations d;

  frontline_export_decorations_init (&d, options, state, changes, changes_text, cr);
  frontline_export_decorations_draw (&d, cr);
  frontline_export_decorations_clear (&d);
}

/* Clips @cr to the picture, as every drawing of one does. */
void
frontline_export_clip (const FrontlineExportOptions *options,
                       cairo_t                      *cr)
{
  cairo_rectangle (cr, 0, 0, options->view.width, options->view.height);
  cairo_clip (cr);
}

/* Says why @cr stopped drawing, if it did. */
gboolean
frontline_export_check_cairo (cairo_t  *cr,
                              GError  **error)
{
  if (cairo_status (cr) == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The picture could not be drawn: %s"),
               cairo_status_to_string (cairo_status (cr)));
  return FALSE;
}

/* Draws the picture into @cr: the map, then the decorations; @image as
 * for frontline_export_draw_map(). */
static gboolean
render (const FrontlineExportOptions  *options,
        cairo_t                       *cr,
        cairo_surface_t               *image,
        GCancellable                  *cancellable,
        GError                       **error)
{
  g_autoptr(GPtrArray) state = NULL;
  g_autoptr(GArray) changes = NULL;
  g_autofree char *changes_text = NULL;
  gboolean ok;

  if (!frontline_export_check_options (options, error))
    return FALSE;

  state = frontline_dataset_get_state_at (options->dataset, options->day);
  changes = frontline_export_compute_changes (options, &changes_text);

  cairo_save (cr);
  frontline_export_clip (options, cr);

  ok = frontline_export_draw_map (options, cr, image, state, changes, cancellable, error);
  if (ok)
    frontline_export_draw_decorations (options, cr, state, changes, changes_text);

  cairo_restore (cr);

  return ok && frontline_export_check_cairo (cr, error);
}

/**
 * frontline_export_render:
 * @cr: the context to draw into, whose user space is the output: the view's
 *   width x height units
 *
 * Draws the whole picture: basemap, control areas, place names and decorations.
 * Display-free; may run in any thread.
 *
 * Returns: whether the picture was drawn
 */
gboolean
frontline_export_render (const FrontlineExportOptions  *options,
                         cairo_t                       *cr,
                         GError                       **error)
{
  g_return_val_if_fail (options != NULL && FRONTLINE_IS_DATASET (options->dataset), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return render (options, cr, NULL, NULL, error);
}

/* Files */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_surface (cairo_surface_t  *surface,
               GError          **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The picture could not be drawn: %s"),
               cairo_status_to_string (status));
  return FALSE;
}

/* The whole file, in memory: nothing touches the disk until the picture is
 * complete, so a failure while drawing leaves no file behind. */
static GByteArray *
render_to_bytes (const FrontlineExportOptions  *options,
                 GCancellable                  *cancellable,
                 GError                       **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface = NULL;
  double width = options->view.width;
  double height = options->view.height;
  gboolean ok;
  cairo_t *cr;

  if (!frontline_export_check_options (options, error))
    return NULL;

  switch (options->format)
    {
    case FRONTLINE_EXPORT_PNG:
      /* The map is opaque everywhere: no alpha channel to store. */
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) round (width), (int) round (height));
      break;

    case FRONTLINE_EXPORT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
      break;

    case FRONTLINE_EXPORT_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Frontline " PACKAGE_VERSION);
      if (frontline_dataset_get_title (options->dataset) != NULL)
        {
          g_autofree char *title = frontline_export_bounded_text (frontline_dataset_get_title (options->dataset), MAX_TITLE_CHARS);

          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
        }
      break;

    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Unknown picture format"));
      return NULL;
    }

  if (!check_surface (surface, error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  cr = cairo_create (surface);
  ok = render (options, cr, options->format == FRONTLINE_EXPORT_PNG ? surface : NULL, cancellable, error);
  cairo_destroy (cr);

  if (ok && options->format == FRONTLINE_EXPORT_PNG)
    {
      /* Several times faster than cairo_surface_write_to_png_stream(), and
       * a smaller file: see frontline-png-writer.c. */
      GByteArray *png = frontline_png_encode (surface, NULL, error);

      if (png != NULL)
        {
          g_byte_array_unref (bytes);
          bytes = png;
        }
      else
        {
          ok = FALSE;
        }
    }

  /* SVG and PDF are written as the surface finishes. */
  cairo_surface_finish (surface);
  if (ok)
    ok = check_surface (surface, error);
  cairo_surface_destroy (surface);

  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;

  return ok ? g_steal_pointer (&bytes) : NULL;
}

static void
set_exists_error (GError **error,
                  GFile   *file)
{
  g_autofree char *name = g_file_get_parse_name (file);

  /* Translators: %s is a file name */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("“%s” already exists: use --force to replace it"), name);
}

static gboolean
write_file (GFile         *file,
            GByteArray    *bytes,
            gboolean       replace,
            GCancellable  *cancellable,
            GError       **error)
{
  /* A temporary file in the same folder, synced, then renamed: no half
   * picture, and a file being replaced stays as it was on any error. */
  return frontline_safe_file_set_contents (file, bytes->data, bytes->len, replace, cancellable,
                                           error);
}

/**
 * frontline_export_to_file:
 * @file: where to write, in the options' format
 * @replace: whether an existing @file may be replaced; if not, an existing
 *   file is an error (%G_IO_ERROR_EXISTS) and is left alone
 *
 * Draws the picture and writes it to @file. The file appears complete or
 * not at all: a failure leaves no partial file, and a file being replaced
 * keeps its old contents. The same options give the same bytes. May run in
 * any thread.
 *
 * Returns: whether the file was written
 */
gboolean
frontline_export_to_file (const FrontlineExportOptions  *options,
                          GFile                         *file,
                          gboolean                       replace,
                          GCancellable                  *cancellable,
                          GError                       **error)
{
  g_autoptr(GByteArray) bytes = NULL;

  g_return_val_if_fail (options != NULL && FRONTLINE_IS_DATASET (options->dataset), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Refuse before drawing, which can take a second. */
  if (!replace && g_file_query_exists (file, cancellable))
    {
      set_exists_error (error, file);
      return FALSE;
    }

  bytes = render_to_bytes (options, cancellable, error);
  if (bytes == NULL)
    return FALSE;

  return write_file (file, bytes, replace, cancellable, error);
}

typedef struct {
  FrontlineExportOptions  options;
  GFile                  *file;
  gboolean                replace;
  char                   *mbtiles;
  char                   *basemap_credit;
  GPtrArray              *annotations;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->options.dataset);
  g_clear_object (&job->file);
  g_clear_object (&job->options.tiles);
  g_clear_object (&job->options.cache);
  g_free (job->mbtiles);
  g_free (job->basemap_credit);
  g_clear_pointer (&job->annotations, g_ptr_array_unref);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (frontline_export_to_file (&job->options, job->file, job->replace, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * frontline_export_to_file_async:
 *
 * frontline_export_to_file() in a worker thread. The options are copied
 * and the dataset is kept alive until the export ends.
 */
void
frontline_export_to_file_async (const FrontlineExportOptions *options,
                                GFile                        *file,
                                gboolean                      replace,
                                GCancellable                 *cancellable,
                                GAsyncReadyCallback           callback,
                                gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (options != NULL && FRONTLINE_IS_DATASET (options->dataset));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (Job, 1);
  job->options = *options;
  g_object_ref (job->options.dataset);
  job->options.mbtiles = job->mbtiles = g_strdup (options->mbtiles);
  job->options.basemap_credit = job->basemap_credit = g_strdup (options->basemap_credit);
  job->options.missing_tiles = NULL;
  job->options.annotations = job->annotations = frontline_export_copy_annotations (options->annotations);
  if (options->tiles != NULL)
    g_object_ref (options->tiles);
  if (options->cache != NULL)
    g_object_ref (options->cache);
  job->file = g_object_ref (file);
  job->replace = replace;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, frontline_export_to_file_async);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
frontline_export_to_file_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == frontline_export_to_file_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
