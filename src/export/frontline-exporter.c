/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-exporter"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <libsoup/soup.h>
#include <string.h>

#include "frontline-basemap.h"
#include "frontline-exporter.h"
#include "frontline-painter.h"
#include "frontline-tile-image.h"
#include "frontline-mbtiles-reader.h"
#include "frontline-tiles-private.h"
#include "frontline-safe-file.h"

/* The exporter: a view of a dataset on a day, drawn into any cairo context
 * with the offline basemap, the control areas through the screen's painter,
 * and the decorations a picture needs once it leaves the application: what
 * it shows (title and date), how to read it (legend, scale), and whose work
 * it is (credits, sources). Everything is cairo paths and pango text, so SVG
 * and PDF stay vectors and no display is needed. */

#define EARTH_RADIUS 6378137.0  /* WGS 84, as Web Mercator uses it */
#define MIN_TILE_ZOOM 1
#define MAX_TILE_ZOOM 16
#define MAX_PNG_SIDE 32767      /* cairo's limit for image surfaces; for every format */
#define MIN_SCALE    0.25       /* output units per screen pixel */
#define MAX_SCALE    32.0

/* Decoration sizes, in units of the picture's "unit" (see picture_unit()). */
#define MARGIN       20.0
#define PADDING      12.0
#define RADIUS       8.0
#define SWATCH_W     28.0
#define SWATCH_H     18.0

/* Said on every picture of a dataset with approximate areas: in the title
 * panel, or with the credits when there is no title. */
#define APPROXIMATE_NOTE N_("Areas are approximate: drawn from what the sources report")

typedef struct {
  double panel[4];
  double border[4];
  double text[3];
  double secondary[3];
  double beyond[3];  /* outside the world, at low zooms: the basemap's water */
} Theme;

static const Theme themes[] = {
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

typedef struct {
  double           rgb[3];
  FrontlineStatus  status;
  gboolean         approximate;
  PangoLayout     *label;
  int              change;  /* 0, or a gained (1) or lost (2) swatch */
  gboolean         more;    /* the count of the rows left out: no swatch */
} LegendRow;

/* The decorations of one picture: their text, laid out, and their places. */
typedef struct {
  const FrontlineExportOptions *options;
  const Theme                  *theme;
  double                        unit;
  PangoContext                 *context;
  PangoLayout                  *title;
  PangoLayout                  *date;
  PangoLayout                  *note;
  GArray                       *legend;  /* LegendRow */
  PangoLayout                  *bar_label;
  PangoLayout                  *credits;
  PangoLayout                  *sources;
  PangoLayout                  *changes;
  GArray                       *change_list;  /* Change, borrowed; or NULL */
  FrontlineExportLayout         layout;
} Decorations;

/* What one side gained and lost since options->compare_from. */
typedef struct {
  double             rgb[3];
  char              *name;  /* the faction's, bounded */
  FrontlineGeometry *gained;
  FrontlineGeometry *lost;
} Change;

static void
change_clear (gpointer data)
{
  Change *change = data;

  g_clear_pointer (&change->gained, frontline_geometry_unref);
  g_clear_pointer (&change->lost, frontline_geometry_unref);
  g_clear_pointer (&change->name, g_free);
}

static void
legend_row_clear (gpointer data)
{
  LegendRow *row = data;

  g_clear_object (&row->label);
}

static void
decorations_clear (Decorations *d)
{
  g_clear_object (&d->title);
  g_clear_object (&d->date);
  g_clear_object (&d->note);
  g_clear_pointer (&d->legend, g_array_unref);
  g_clear_object (&d->bar_label);
  g_clear_object (&d->credits);
  g_clear_object (&d->sources);
  g_clear_object (&d->changes);
  g_clear_object (&d->context);
}

/* Options */

static double
options_scale (const FrontlineExportOptions *options)
{
  return options->scale > 0 && isfinite (options->scale) ? options->scale : 1.0;
}

/* The view the painter draws in: screen pixels, which cairo_scale() makes
 * output units, so line widths and hatches grow with the scale as the map
 * does. */
static FrontlineView
overlay_view (const FrontlineExportOptions *options)
{
  FrontlineView view = options->view;
  double scale = options_scale (options);

  view.width /= scale;
  view.height /= scale;

  return view;
}

/* What the decorations are measured in: a screen pixel at the export's
 * scale, but never less than the picture's share of 1920x1080, so a large
 * picture at scale 1 still has text that can be read when it is shown whole,
 * and a small one shrinks its panels a little to leave room for the map. */
static double
picture_unit (const FrontlineExportOptions *options)
{
  double scale = options_scale (options);
  double share = MIN (options->view.width / 1920.0, options->view.height / 1080.0);
  double small = MIN (options->view.width / 1280.0, options->view.height / 720.0);

  return MAX (scale * CLAMP (small, 0.7, 1.0), share);
}

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

  zoom = round (options->view.zoom + log2 (options_scale (options)));
  if (!isfinite (zoom))
    return MIN_TILE_ZOOM;

  return (guint) CLAMP (zoom, MIN_TILE_ZOOM, MAX_TILE_ZOOM);
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
  static const struct {
    const char            *extension;
    FrontlineExportFormat  format;
  } formats[] = {
    { ".png", FRONTLINE_EXPORT_PNG },
    { ".svg", FRONTLINE_EXPORT_SVG },
    { ".pdf", FRONTLINE_EXPORT_PDF },
  };
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
 * does, or else its areas' extent filling about 80 % of the picture.
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
      /* Centred in Web Mercator, not in degrees, so the box sits in the
       * middle of the picture. */
      double x0 = frontline_mercator_x (bbox[0], 0);
      double x1 = frontline_mercator_x (bbox[2], 0);
      double y0 = frontline_mercator_y (bbox[3], 0);
      double y1 = frontline_mercator_y (bbox[1], 0);
      double zoom = MIN (log2 (0.8 * MAX (width, 1) / MAX (x1 - x0, 1e-9)),
                         log2 (0.8 * MAX (height, 1) / MAX (y1 - y0, 1e-9)));
      double n = G_PI - 2.0 * G_PI * ((y0 + y1) / 2.0) / 256.0;

      view->center_lon = (bbox[0] + bbox[2]) / 2.0;
      view->center_lat = 180.0 / G_PI * atan (sinh (n));
      view->zoom = CLAMP (zoom, 2.0, 14.0);
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

/* Checks the options before anything is drawn: a view from a file or the
 * command line can hold anything, and every number below becomes pixels or
 * tile numbers. */
static gboolean
check_options (const FrontlineExportOptions  *options,
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

/* The basemap */

/* Where a world pixel edge at the tile zoom lands, rounded to a device pixel:
 * adjacent tiles then meet on a pixel boundary, where their clips are exact,
 * instead of both half-covering a pixel and letting the background show
 * through as a faint grid. Moves the map by under half a pixel. */
static void
snap (cairo_t *cr,
      double  *x,
      double  *y)
{
  cairo_user_to_device (cr, x, y);
  *x = round (*x);
  *y = round (*y);
  cairo_device_to_user (cr, x, y);
}

/* The basemap tiles that cover a picture. */
typedef struct {
  FrontlineBasemapStyle style;
  guint                 zoom;
  gint64                n;         /* tiles across the world */
  double                factor;    /* output units per world pixel at the zoom */
  double                origin_x;  /* the picture's corner, in world pixels */
  double                origin_y;
  gint64                x0;        /* the tiles, x0 <= x < x1, y0 <= y < y1 */
  gint64                x1;
  gint64                y0;
  gint64                y1;
  FrontlineMbtilesReader *mbtiles; /* or NULL */
  GHashTable           *fetched;   /* online tiles: tile_key() to GBytes, or NULL */
  guint                *missing;   /* atomic */
} TileGrid;

static void
tile_grid_init (TileGrid                     *grid,
                const FrontlineExportOptions *options)
{
  const FrontlineView *view = &options->view;

  grid->style = options->dark ? FRONTLINE_BASEMAP_STYLE_DARK : FRONTLINE_BASEMAP_STYLE_LIGHT;
  grid->zoom = frontline_export_tile_zoom (options);
  grid->n = (gint64) 1 << grid->zoom;
  grid->factor = options_scale (options) * exp2 (view->zoom - grid->zoom);
  grid->origin_x = frontline_mercator_x (view->center_lon, grid->zoom) - view->width / grid->factor / 2.0;
  grid->origin_y = frontline_mercator_y (view->center_lat, grid->zoom) - view->height / grid->factor / 2.0;
  grid->x0 = (gint64) floor (grid->origin_x / 256.0);
  grid->x1 = (gint64) ceil ((grid->origin_x + view->width / grid->factor) / 256.0);
  grid->y0 = MAX ((gint64) floor (grid->origin_y / 256.0), 0);
  grid->y1 = MIN ((gint64) ceil ((grid->origin_y + view->height / grid->factor) / 256.0), grid->n);
  grid->mbtiles = NULL;
  grid->fetched = NULL;
  grid->missing = options->missing_tiles;
}

/* The key of a fetched tile: "z/x/y". */
static char *
tile_key (guint x,
          guint y,
          guint zoom)
{
  return g_strdup_printf ("%u/%u/%u", zoom, x, y);
}

/* Online tiles */

/* The longest an export waits for the server, all tiles together: after it,
 * the tiles not yet here are drawn as gaps and counted. */
#define FETCH_BUDGET_US (60 * G_USEC_PER_SEC)

/* Gets the grid's tiles before drawing starts, one at a time as the tile
 * usage policies ask (from the cache the map on screen fills, else from the
 * server). Tiles that fail stay out of the table and become marked gaps. */
static gboolean
tile_grid_fetch (TileGrid             *grid,
                 FrontlineTileFetcher *tiles,
                 GCancellable         *cancellable,
                 GError              **error)
{
  g_autoptr(SoupSession) session = NULL;
  gint64 deadline = g_get_monotonic_time () + FETCH_BUDGET_US;

  grid->fetched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  if (grid->zoom < frontline_tile_fetcher_get_min_zoom (tiles) ||
      grid->zoom > frontline_tile_fetcher_get_max_zoom (tiles))
    return TRUE;

  session = frontline_tile_fetcher_new_session (tiles);
  for (gint64 ty = grid->y0; ty < grid->y1; ty++)
    for (gint64 tx = grid->x0; tx < grid->x1; tx++)
      {
        guint x = (guint) (((tx % grid->n) + grid->n) % grid->n);
        g_autofree char *key = tile_key (x, (guint) ty, grid->zoom);
        g_autoptr(GBytes) bytes = NULL;
        g_autoptr(GError) local_error = NULL;

        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          return FALSE;
        if (g_hash_table_contains (grid->fetched, key) || g_get_monotonic_time () > deadline)
          continue;

        bytes = frontline_tile_fetcher_fetch (tiles, session, (int) x, (int) ty, (int) grid->zoom,
                                              cancellable, &local_error);
        if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
          {
            g_propagate_error (error, g_steal_pointer (&local_error));
            return FALSE;
          }
        if (bytes != NULL)
          g_hash_table_insert (grid->fetched, g_steal_pointer (&key), g_steal_pointer (&bytes));
        else
          g_debug ("Export: %s", local_error->message);
      }

  return TRUE;
}

/* MBTiles */

/* Draws the raster tile (@x, @y, @zoom) over 256 units, from the MBTiles
 * file or the tiles fetched online, or a marked gap where there is none: an
 * export never shows a silent hole. */
static void
draw_raster_tile (const TileGrid *grid,
                  cairo_t        *cr,
                  guint           x,
                  guint           y,
                  guint           zoom)
{
  cairo_surface_t *tile = NULL;
  GBytes *fetched = NULL;
  g_autoptr(GError) error = NULL;

  if (grid->fetched != NULL)
    {
      g_autofree char *key = tile_key (x, y, zoom);

      fetched = g_hash_table_lookup (grid->fetched, key);
    }

  if (fetched != NULL)
    {
      gsize size = 0;
      gconstpointer data = g_bytes_get_data (fetched, &size);

      tile = frontline_tile_image_decode (data, size, &error);
    }
  else if (grid->mbtiles != NULL)
    {
      g_autoptr(GBytes) bytes = frontline_mbtiles_reader_read_tile (grid->mbtiles, (int) x, (int) y,
                                                                    (int) zoom, &error);

      if (bytes != NULL)
        {
          gsize size = 0;
          gconstpointer data = g_bytes_get_data (bytes, &size);

          tile = frontline_tile_image_decode (data, size, &error);
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_clear_error (&error);
    }

  if (tile != NULL)
    {
      cairo_save (cr);
      cairo_scale (cr, 256.0 / cairo_image_surface_get_width (tile), 256.0 / cairo_image_surface_get_height (tile));
      cairo_set_source_surface (cr, tile, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_surface_destroy (tile);
      return;
    }

  /* A damaged, foreign or oversized image is a gap like a missing one. */
  if (error != NULL)
    g_debug ("Export: tile %u/%u/%u left blank: %s", zoom, x, y, error->message);
  if (grid->missing != NULL)
    g_atomic_int_inc ((gint *) grid->missing);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, 256, 256);
  cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
  cairo_fill_preserve (cr);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 2);
  for (int k = -256; k < 256; k += 16)
    {
      cairo_move_to (cr, k, 256);
      cairo_line_to (cr, k + 256, 0);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The image row where a tile row begins, as snap() puts it in an image
 * drawn one unit a pixel. */
static int
tile_grid_row_top (const TileGrid *grid,
                   gint64          ty)
{
  return (int) round ((ty * 256.0 - grid->origin_y) * grid->factor);
}

/* Draws the tiles of rows @first to @last (excluded). */
static gboolean
tile_grid_draw_rows (const TileGrid  *grid,
                     cairo_t         *cr,
                     gint64           first,
                     gint64           last,
                     GCancellable    *cancellable,
                     GError         **error)
{
  FrontlineBasemap *basemap = (grid->mbtiles || grid->fetched) ? NULL : frontline_basemap_get_default ();

  for (gint64 ty = first; ty < last; ty++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      for (gint64 tx = grid->x0; tx < grid->x1; tx++)
        {
          double left = (tx * 256.0 - grid->origin_x) * grid->factor;
          double top = (ty * 256.0 - grid->origin_y) * grid->factor;
          double right = ((tx + 1) * 256.0 - grid->origin_x) * grid->factor;
          double bottom = ((ty + 1) * 256.0 - grid->origin_y) * grid->factor;
          /* The world repeats east and west, as on screen. */
          guint wrapped = (guint) (((tx % grid->n) + grid->n) % grid->n);

          snap (cr, &left, &top);
          snap (cr, &right, &bottom);

          cairo_save (cr);
          cairo_translate (cr, left, top);
          cairo_scale (cr, (right - left) / 256.0, (bottom - top) / 256.0);
          if (basemap != NULL)
            frontline_basemap_draw_tile (basemap, cr, wrapped, (guint) ty, grid->zoom,
                                         (right - left) / 256.0, grid->style);
          else
            draw_raster_tile (grid, cr, wrapped, (guint) ty, grid->zoom);
          cairo_restore (cr);
        }
    }

  return TRUE;
}

/* One band of tile rows of an image, drawn by a thread of its own into the
 * image's rows that the band covers. */
typedef struct {
  const TileGrid  *grid;
  cairo_surface_t *target;
  gint64           first;
  gint64           last;
  GCancellable    *cancellable;
  GError          *error;
  gboolean         ok;
} Band;

static gpointer
draw_band (gpointer data)
{
  Band *band = data;
  cairo_surface_t *target = band->target;
  int stride = cairo_image_surface_get_stride (target);
  int width = cairo_image_surface_get_width (target);
  int height = cairo_image_surface_get_height (target);
  int top = CLAMP (tile_grid_row_top (band->grid, band->first), 0, height);
  int bottom = CLAMP (tile_grid_row_top (band->grid, band->last), 0, height);
  cairo_surface_t *rows;
  cairo_t *cr;

  band->ok = TRUE;
  if (bottom <= top)
    return NULL;

  /* The band's rows of the image, as an image of their own: tile rows
   * meet on whole pixels, so no band draws into another's rows. */
  rows = cairo_image_surface_create_for_data (cairo_image_surface_get_data (target) + (gsize) top * stride,
                                              cairo_image_surface_get_format (target),
                                              width, bottom - top, stride);
  cr = cairo_create (rows);
  cairo_translate (cr, 0, -top);
  band->ok = tile_grid_draw_rows (band->grid, cr, band->first, band->last, band->cancellable, &band->error);
  cairo_destroy (cr);
  cairo_surface_finish (rows);
  cairo_surface_destroy (rows);

  return NULL;
}

/* Tiles take most of an export's time, and each is independent: an image
 * is drawn in bands of tile rows, one per processor. */
static gboolean
draw_tiles_in_bands (const TileGrid   *grid,
                     cairo_surface_t  *target,
                     GCancellable     *cancellable,
                     GError          **error)
{
  guint n_bands = (guint) CLAMP (MIN ((gint64) g_get_num_processors (), grid->y1 - grid->y0), 1, 8);
  g_autofree Band *bands = g_new0 (Band, n_bands);
  g_autofree GThread **threads = g_new0 (GThread *, n_bands);
  gboolean ok = TRUE;

  cairo_surface_flush (target);
  for (guint i = 0; i < n_bands; i++)
    {
      bands[i].grid = grid;
      bands[i].target = target;
      bands[i].first = grid->y0 + (grid->y1 - grid->y0) * i / n_bands;
      bands[i].last = grid->y0 + (grid->y1 - grid->y0) * (i + 1) / n_bands;
      bands[i].cancellable = cancellable;
      /* This thread draws the first band itself, and any band no thread
       * could be made for. */
      if (i > 0)
        threads[i] = g_thread_try_new ("frontline-export", draw_band, &bands[i], NULL);
    }
  draw_band (&bands[0]);
  for (guint i = 1; i < n_bands; i++)
    {
      if (threads[i] != NULL)
        g_thread_join (threads[i]);
      else
        draw_band (&bands[i]);
    }
  cairo_surface_mark_dirty (target);

  for (guint i = 0; i < n_bands; i++)
    {
      if (!bands[i].ok && ok)
        {
          g_propagate_error (error, g_steal_pointer (&bands[i].error));
          ok = FALSE;
        }
      g_clear_error (&bands[i].error);
    }

  return ok;
}

/* Draws the basemap. @image is the picture's own image, which @cr draws
 * on one unit a pixel, or %NULL: given it, tiles are drawn in bands. */
static gboolean
draw_basemap (const FrontlineExportOptions  *options,
              cairo_t                       *cr,
              cairo_surface_t               *image,
              GCancellable                  *cancellable,
              GError                       **error)
{
  const Theme *theme = &themes[options->dark ? 1 : 0];
  TileGrid grid;
  gboolean ok;

  tile_grid_init (&grid, options);

  /* One reader for all the bands: reads take turns, decoding does not. */
  if (options->tiles == NULL && options->mbtiles != NULL)
    {
      grid.mbtiles = frontline_mbtiles_reader_new (options->mbtiles, error);
      if (grid.mbtiles == NULL)
        return FALSE;
    }

  cairo_set_source_rgb (cr, theme->beyond[0], theme->beyond[1], theme->beyond[2]);
  cairo_paint (cr);

  if (options->tiles != NULL && !tile_grid_fetch (&grid, options->tiles, cancellable, error))
    {
      g_clear_pointer (&grid.fetched, g_hash_table_unref);
      g_clear_object (&grid.mbtiles);
      return FALSE;
    }

  if (image != NULL)
    ok = draw_tiles_in_bands (&grid, image, cancellable, error);
  else
    ok = tile_grid_draw_rows (&grid, cr, grid.y0, grid.y1, cancellable, error);

  g_clear_pointer (&grid.fetched, g_hash_table_unref);
  g_clear_object (&grid.mbtiles);
  return ok;
}

/* Text */

static PangoLayout *
new_layout (Decorations *d,
            double       size,
            PangoWeight  weight,
            PangoStyle   style)
{
  PangoLayout *layout = pango_layout_new (d->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Cantarell, Sans");

  pango_font_description_set_absolute_size (font, size * d->unit * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_font_description_set_style (font, style);
  pango_layout_set_font_description (layout, font);

  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

/* Wraps @layout at @width, to at most @lines lines, the last ellipsized. */
static void
wrap (PangoLayout *layout,
      double       width,
      int          lines)
{
  pango_layout_set_width (layout, (int) (MAX (width, 1.0) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -lines);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
}

/* Text laid out the same on every surface and at every size: unhinted
 * metrics and unrounded glyph positions, so a PDF and a PNG of one view
 * break lines in the same places and the layout scales with the unit. */
static PangoContext *
new_context (cairo_t *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *font_options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (font_options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, font_options);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (font_options);

  return context;
}

static char *
format_date (FrontlineDay day)
{
  g_autoptr(GDateTime) time = NULL;
  GDate date;

  if (day == FRONTLINE_DAY_NONE || !g_date_valid_julian (day))
    return NULL;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
  if (time == NULL)
    return NULL;

  /* Translators: the date on an exported map, as in “14 August 2024”;
   * the codes are those of g_date_time_format()
   * xgettext:no-c-format */
  return g_date_time_format (time, _("%-d %B %Y"));
}

/* Text from a dataset or a tile file can be anything: megabytes of it, or
 * not even UTF-8. What a decoration lays out is valid UTF-8 of at most
 * @max_chars characters, the rest cut with an ellipsis, so that drawing
 * stays fast whatever the file holds. */
#define MAX_TITLE_CHARS   500
#define MAX_NAME_CHARS    200
#define MAX_SOURCE_CHARS  300
#define MAX_CREDIT_CHARS  2000
#define MAX_SOURCES_CHARS 4000  /* the whole sources strip */
#define MAX_CHANGE_LINES  12    /* the gains and losses card */

/* Control characters are no text, and markup refuses them even escaped
 * (“&#1;”): they become spaces. Tabs and line breaks stay. */
static void
blank_controls (char *text)
{
  for (char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f))
        {
          /* The same number of bytes: one or two spaces. */
          gsize n = (gsize) (g_utf8_next_char (p) - p);

          memset (p, ' ', n);
        }
    }
}

/* Sets @markup, ours with escaped text in it; should it still not parse,
 * the text without its markup: a decoration is never left empty. */
static void
set_markup (PangoLayout *layout,
            const char  *markup)
{
  PangoAttrList *attributes = NULL;
  g_autofree char *text = NULL;

  if (pango_parse_markup (markup, -1, 0, &attributes, &text, NULL, NULL))
    {
      pango_layout_set_text (layout, text, -1);
      pango_layout_set_attributes (layout, attributes);
      pango_attr_list_unref (attributes);
      return;
    }

  g_warning ("Export: markup that does not parse: %s", markup);
  pango_layout_set_text (layout, markup, -1);
}

static char *
bounded_text (const char *text,
              gsize       max_chars)
{
  gsize length;
  g_autofree char *valid = NULL;
  const char *end;

  if (text == NULL)
    return NULL;

  /* A character is at most 4 bytes: look no further than that. */
  for (length = 0; length < max_chars * 4 + 4 && text[length] != '\0'; length++)
    ;
  valid = g_utf8_make_valid (text, (gssize) length);
  blank_controls (valid);
  if (g_utf8_strlen (valid, -1) <= (glong) max_chars && text[length] == '\0')
    return g_steal_pointer (&valid);

  end = g_utf8_offset_to_pointer (valid, (glong) MIN ((gsize) g_utf8_strlen (valid, -1), max_chars));
  {
    g_autofree char *head = g_strndup (valid, (gsize) (end - valid));

    return g_strconcat (head, "…", NULL);
  }
}

/* The scale bar */

/* The longest round length (1, 2 or 5 × 10ⁿ metres) that fits in @max
 * output units, where a metre is @units long. */
static double
round_length (double units,
              double max)
{
  double metres = max / units;
  double power = pow (10.0, floor (log10 (metres)));

  if (5.0 * power <= metres)
    return 5.0 * power;
  if (2.0 * power <= metres)
    return 2.0 * power;
  return power;
}

static char *
format_length (double metres)
{
  if (metres >= 1000.0)
    {
      /* Translators: a scale bar's length in kilometres */
      return g_strdup_printf (_("%.0f km"), metres / 1000.0);
    }

  if (metres >= 1.0)
    {
      /* Translators: a scale bar's length in metres */
      return g_strdup_printf (_("%.0f m"), metres);
    }

  /* Translators: a scale bar's length in centimetres */
  return g_strdup_printf (_("%.0f cm"), metres * 100.0);
}

/* Areas and sources of the day */

static gboolean
in_view (FrontlineArea *area,
         const double   bbox[4])
{
  const double *b = frontline_area_get_geometry (area)->bbox;

  return b[0] <= bbox[2] && bbox[0] <= b[2] && b[1] <= bbox[3] && bbox[1] <= b[3];
}

/* The areas of the day that the picture shows. */
static GPtrArray *
areas_in_view (const FrontlineExportOptions *options,
               GPtrArray                    *state)
{
  FrontlineView view = overlay_view (options);
  GPtrArray *shown = g_ptr_array_new ();
  double bbox[4];

  frontline_view_get_bbox (&view, bbox);
  for (guint i = 0; i < state->len; i++)
    {
      FrontlineArea *area = g_ptr_array_index (state, i);

      if (in_view (area, bbox))
        g_ptr_array_add (shown, area);
    }

  return shown;
}

static void
add_legend_row (Decorations     *d,
                const double     rgb[3],
                FrontlineStatus  status,
                gboolean         approximate,
                const char      *text)
{
  LegendRow row = { { rgb[0], rgb[1], rgb[2] }, status, approximate, NULL };

  row.label = new_layout (d, 14.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
  pango_layout_set_text (row.label, text, -1);
  g_array_append_val (d->legend, row);
}

/* A row for each faction and status shown, in the dataset's order, and one
 * for dashed outlines if any area shown is approximate. */
static void
build_legend (Decorations *d,
              GPtrArray   *shown)
{
  GListModel *factions = frontline_dataset_get_factions (d->options->dataset);
  gboolean approximate = FALSE;

  for (guint i = 0; i < shown->len; i++)
    approximate |= frontline_area_get_approximate (g_ptr_array_index (shown, i));

  for (guint f = 0; f < g_list_model_get_n_items (factions); f++)
    {
      g_autoptr(FrontlineFaction) faction = g_list_model_get_item (factions, f);
      g_autofree char *name = bounded_text (frontline_faction_get_name (faction), MAX_NAME_CHARS);
      double rgb[3];

      frontline_faction_get_rgb (faction, rgb);
      for (int s = 0; s < FRONTLINE_N_STATUSES; s++)
        {
          FrontlineStatus status = (FrontlineStatus) s;
          g_autofree char *text = NULL;
          gboolean used = FALSE;

          for (guint i = 0; i < shown->len && !used; i++)
            {
              FrontlineArea *area = g_ptr_array_index (shown, i);

              used = frontline_area_get_faction (area) == faction &&
                     frontline_area_get_status (area) == status;
            }
          if (!used)
            continue;

          switch (status)
            {
            case FRONTLINE_STATUS_CONTROLLED:
              text = g_strdup (name);
              break;

            case FRONTLINE_STATUS_CLAIMED:
              /* Translators: a legend entry; %s is a faction's name */
              text = g_strdup_printf (_("%s, claimed"), name);
              break;

            case FRONTLINE_STATUS_CONTESTED:
              /* Translators: a legend entry; %s is a faction's name */
              text = g_strdup_printf (_("%s, contested"), name);
              break;

            default:
              g_assert_not_reached ();
            }
          add_legend_row (d, rgb, status, FALSE, text);
        }
    }

  if (approximate)
    {
      /* Grey: the dashes mean the same for every faction. */
      double grey = d->options->dark ? 0.8 : 0.5;
      const double rgb[3] = { grey, grey, grey };

      add_legend_row (d, rgb, FRONTLINE_STATUS_CONTROLLED, TRUE, _("Approximate outline"));
    }

  /* How the gains and losses are drawn, for the sides that had any. */
  for (guint i = 0; d->change_list != NULL && i < d->change_list->len; i++)
    {
      Change *change = &g_array_index (d->change_list, Change, i);

      for (int k = 1; k <= 2; k++)
        {
          const FrontlineGeometry *geometry = k == 1 ? change->gained : change->lost;
          g_autofree char *text = NULL;

          if (geometry == NULL || frontline_geometry_area_m2 (geometry) < 0.5e6)
            continue;
          /* Translators: legend entries; %s is a faction's name */
          text = g_strdup_printf (k == 1 ? _("Gained by %s") : _("Lost by %s"), change->name);
          add_legend_row (d, change->rgb, FRONTLINE_STATUS_CONTROLLED, FALSE, text);
          g_array_index (d->legend, LegendRow, d->legend->len - 1).change = k;
        }
    }
}

/* “Sources: Title (Publisher, 2024-08-08) · …” for the sources the areas
 * shown cite, each once, in the order first cited. */
static char *
format_sources (FrontlineDataset *dataset,
                GPtrArray        *shown)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *heading = NULL;
  guint n = 0;
  guint skipped_from = G_MAXUINT;

  for (guint i = 0; i < shown->len; i++)
    {
      const char * const *ids = frontline_area_get_source_ids (g_ptr_array_index (shown, i));

      for (guint k = 0; ids != NULL && ids[k] != NULL; k++)
        {
          FrontlineSource *source = frontline_dataset_lookup_source (dataset, ids[k]);
          g_autofree char *title = NULL;
          g_autofree char *publisher = NULL;
          g_autofree char *published = NULL;
          g_autofree char *entry = NULL;

          if (!g_hash_table_add (seen, (gpointer) ids[k]))
            continue;
          /* The strip shows three lines: past this, nothing more would show. */
          if (markup->len > MAX_SOURCES_CHARS)
            {
              if (skipped_from == G_MAXUINT)
                skipped_from = n;
              if (n++ == skipped_from)
                g_string_append (markup, "  ·  …");
              continue;
            }

          title = bounded_text (source ? frontline_source_get_title (source) : NULL, MAX_SOURCE_CHARS);
          publisher = bounded_text (source ? frontline_source_get_publisher (source) : NULL, MAX_SOURCE_CHARS);
          published = bounded_text (source ? frontline_source_get_published (source) : NULL, MAX_SOURCE_CHARS);
          /* A source the dataset does not describe is still named. */
          if (title == NULL || *title == '\0')
            {
              g_free (title);
              title = bounded_text (ids[k], MAX_SOURCE_CHARS);
            }
          if (publisher != NULL && *publisher != '\0' && published != NULL && *published != '\0')
            entry = g_markup_printf_escaped ("%s (%s, %s)", title, publisher, published);
          else if (publisher != NULL && *publisher != '\0')
            entry = g_markup_printf_escaped ("%s (%s)", title, publisher);
          else if (published != NULL && *published != '\0')
            entry = g_markup_printf_escaped ("%s (%s)", title, published);
          else
            entry = g_markup_escape_text (title, -1);

          if (n++ > 0)
            g_string_append (markup, "  ·  ");
          g_string_append (markup, entry);
        }
    }

  if (n == 0)
    return NULL;

  /* Translators: the heading of the list of sources along the bottom of an
   * exported map */
  heading = g_markup_escape_text (ngettext ("Source:", "Sources:", n), -1);
  g_string_prepend (markup, "</b>  ");
  g_string_prepend (markup, heading);
  g_string_prepend (markup, "<b>");

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

/* Gains and losses */

/* What each side gained and lost between options->compare_from and the
 * day, as the window's compare mode shows it, and the card's text. Returns
 * NULL when the options compare nothing. */
static GArray *
compute_changes (const FrontlineExportOptions  *options,
                 char                         **text)
{
  GListModel *factions = frontline_dataset_get_factions (options->dataset);
  g_autoptr(GString) card = g_string_new (NULL);
  g_autofree char *from = NULL;
  guint n_lines = 0;
  GArray *changes;

  *text = NULL;
  if (options->compare_from == FRONTLINE_DAY_NONE || options->compare_from >= options->day)
    return NULL;

  from = frontline_day_format (options->compare_from);
  changes = g_array_new (FALSE, TRUE, sizeof (Change));
  g_array_set_clear_func (changes, change_clear);
  for (guint i = 0; i < g_list_model_get_n_items (factions); i++)
    {
      g_autoptr(FrontlineFaction) faction = g_list_model_get_item (factions, i);
      Change change = { { 0 } };
      double gained_km2, lost_km2;

      frontline_faction_get_rgb (faction, change.rgb);
      change.name = bounded_text (frontline_faction_get_name (faction), MAX_NAME_CHARS);
      frontline_dataset_compare (options->dataset, faction, FRONTLINE_STATUS_CONTROLLED,
                                 options->compare_from, options->day, &change.gained, &change.lost);
      gained_km2 = frontline_geometry_area_m2 (change.gained) / 1e6;
      lost_km2 = frontline_geometry_area_m2 (change.lost) / 1e6;
      g_array_append_val (changes, change);

      /* A side whose ground did not change has nothing to report. */
      if (gained_km2 < 0.5 && lost_km2 < 0.5)
        continue;
      if (n_lines++ >= MAX_CHANGE_LINES)
        continue;
      if (card->len > 0)
        g_string_append_c (card, '\n');
      /* Translators: “Since 2024-08-10: Ukraine +312 km², −0 km²” */
      g_string_append_printf (card, _("Since %s: %s +%.0f km², −%.0f km²"),
                              from, change.name, gained_km2, lost_km2);
    }

  if (n_lines > MAX_CHANGE_LINES)
    {
      guint more = n_lines - MAX_CHANGE_LINES;

      g_string_append_c (card, '\n');
      /* Translators: the last line of a list too long to show whole */
      g_string_append_printf (card, ngettext ("and %u more", "and %u more", more), more);
    }

  if (card->len == 0)
    {
      /* Translators: %s is a date */
      g_string_append_printf (card, _("No ground changed hands since %s"), from);
    }
  *text = g_string_free (g_steal_pointer (&card), FALSE);

  return changes;
}

/* Layout */

static FrontlineExportRect
rect (double x,
      double y,
      double width,
      double height)
{
  /* Whole units: crisp panel edges in a PNG. */
  return (FrontlineExportRect) { round (x), round (y), round (width), round (height) };
}

static double
scale_bar_units_per_metre (const FrontlineExportOptions *options)
{
  double lat = CLAMP (options->view.center_lat, -85.0511287798, 85.0511287798) * G_PI / 180.0;
  /* Ground resolution of Web Mercator at the centre: metres per screen pixel. */
  double resolution = cos (lat) * 2.0 * G_PI * EARTH_RADIUS / (256.0 * exp2 (options->view.zoom));

  return options_scale (options) / resolution;
}

/* Lays out every decoration the options ask for, in output units. */
static void
decorations_init (Decorations                  *d,
                  const FrontlineExportOptions *options,
                  GPtrArray                    *state,
                  GArray                       *changes,
                  const char                   *changes_text,
                  cairo_t                      *cr)
{
  FrontlineDataset *dataset = options->dataset;
  g_autoptr(GPtrArray) shown = areas_in_view (options, state);
  double width = options->view.width;
  double height = options->view.height;
  double u;
  double m;
  double p;
  double bottom;
  double bar_panel_width = 0;

  memset (d, 0, sizeof *d);
  d->options = options;
  d->theme = &themes[options->dark ? 1 : 0];
  d->unit = u = picture_unit (options);
  d->context = new_context (cr);
  d->change_list = changes;
  d->legend = g_array_new (FALSE, FALSE, sizeof (LegendRow));
  g_array_set_clear_func (d->legend, legend_row_clear);
  m = MARGIN * u;
  p = PADDING * u;

  /* Title, date and the approximate note, top left. */
  if (options->title)
    {
      const char *title = frontline_dataset_get_title (dataset);
      g_autofree char *date = format_date (options->day);
      double max_width = MAX (MIN (0.45 * width, 560 * u) - 2 * p, 80 * u);
      double w = 0;
      double h = 0;
      double lw, lh;

      if (title != NULL && *title != '\0')
        {
          g_autofree char *text = bounded_text (title, MAX_TITLE_CHARS);

          d->title = new_layout (d, 16.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
          pango_layout_set_text (d->title, text, -1);
          wrap (d->title, max_width, 2);
          layout_size (d->title, &lw, &lh);
          w = MAX (w, lw);
          h += lh;
        }
      if (date != NULL)
        {
          d->date = new_layout (d, 30.0, PANGO_WEIGHT_HEAVY, PANGO_STYLE_NORMAL);
          pango_layout_set_text (d->date, date, -1);
          wrap (d->date, max_width, 1);
          layout_size (d->date, &lw, &lh);
          w = MAX (w, lw);
          h += lh;
        }
      if (frontline_dataset_get_approximate (dataset))
        {
          d->note = new_layout (d, 12.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC);
          pango_layout_set_text (d->note, _(APPROXIMATE_NOTE), -1);
          wrap (d->note, max_width, 3);
          layout_size (d->note, &lw, &lh);
          w = MAX (w, lw);
          h += lh + 6 * u;
        }
      if (h > 0)
        d->layout.title = rect (m, m, w + 2 * p, h + 2 * p - 2 * u);
    }

  /* The sources strip, along the bottom. */
  bottom = height - m;
  if (options->sources_strip)
    {
      g_autofree char *markup = format_sources (dataset, shown);

      if (markup != NULL)
        {
          double lw, lh;

          d->sources = new_layout (d, 12.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
          set_markup (d->sources, markup);
          wrap (d->sources, width - 2 * m - 2 * p, 3);
          layout_size (d->sources, &lw, &lh);
          d->layout.sources = rect (m, height - m - (lh + 2 * p), MIN (lw + 2 * p, width - 2 * m), lh + 2 * p);
          bottom = d->layout.sources.y - m / 2;
        }
    }

  /* The scale bar, bottom left: a round length measured at the centre. */
  if (options->scale_bar)
    {
      double units = scale_bar_units_per_metre (options);
      double metres = round_length (units, 160 * u);
      double length = metres * units;
      g_autofree char *label = format_length (metres);
      double lw, lh;
      double w;
      double h;

      d->bar_label = new_layout (d, 13.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
      pango_layout_set_text (d->bar_label, label, -1);
      layout_size (d->bar_label, &lw, &lh);
      w = MAX (length, lw) + 2 * p;
      h = lh + 4 * u + 5 * u + 2 * p;
      d->layout.scale_bar = rect (m, bottom - h, w, h);
      d->layout.bar_metres = metres;
      /* The bar's length is exact; only its start is on a whole unit. */
      d->layout.bar = (FrontlineExportRect) {
        d->layout.scale_bar.x + p, round (d->layout.scale_bar.y + p + lh + 4 * u), length, round (5 * u)
      };
      bar_panel_width = d->layout.scale_bar.width + m;
    }

  /* The credits, bottom right, always: the basemap's and the dataset's,
   * and the approximate note when the title panel is not there to hold it. */
  {
    g_autofree char *attribution = bounded_text (frontline_dataset_get_attribution (dataset), MAX_CREDIT_CHARS);
    g_autoptr(GString) markup = g_string_new (NULL);
    g_autofree char *basemap_text = bounded_text (options->basemap_credit ? options->basemap_credit
                                                                          : frontline_basemap_get_attribution (),
                                                  MAX_CREDIT_CHARS);
    g_autofree char *basemap = g_markup_escape_text (basemap_text, -1);
    double max_width = MAX (MIN (0.5 * width, width - 2 * m - bar_panel_width) - 2 * p, 120 * u);
    double lw, lh;

    if (frontline_dataset_get_approximate (dataset) && d->note == NULL)
      {
        g_autofree char *note = g_markup_escape_text (_(APPROXIMATE_NOTE), -1);

        g_string_append_printf (markup, "<i>%s</i>\n", note);
      }
    g_string_append (markup, basemap);
    if (attribution != NULL && *attribution != '\0')
      {
        g_autofree char *data = g_markup_escape_text (attribution, -1);

        g_string_append_c (markup, '\n');
        /* Translators: the credit line of a dataset on an exported map; %s is
         * the dataset's own attribution */
        g_string_append_printf (markup, _("Data: %s"), data);
      }

    d->credits = new_layout (d, 11.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
    set_markup (d->credits, markup->str);
    wrap (d->credits, max_width, 6);
    layout_size (d->credits, &lw, &lh);
    d->layout.attribution = rect (width - m - (lw + 2 * p), bottom - (lh + 2 * p), lw + 2 * p, lh + 2 * p);
  }

  /* The legend, top right; below the title if the picture is too narrow
   * for both side by side. It never reaches the panels along the bottom:
   * the rows that do not fit give way to a last one that counts them. */
  if (options->legend)
    {
      double label_width = MAX (MIN (0.3 * width, 320 * u), 80 * u);
      double limit = height - m;
      double w = 0;
      double h = 0;
      double available;
      guint total;
      guint fitted = 0;

      build_legend (d, shown);
      total = d->legend->len;
      for (guint i = 0; i < total; i++)
        {
          LegendRow *row = &g_array_index (d->legend, LegendRow, i);
          double lw, lh;

          wrap (row->label, label_width, 2);
          layout_size (row->label, &lw, &lh);
          w = MAX (w, SWATCH_W * u + 10 * u + lw);
        }

      if (total > 0)
        {
          double x = width - m - (w + 2 * p);
          double y = m;
          const FrontlineExportRect *below[] = {
            &d->layout.sources, &d->layout.scale_bar, &d->layout.attribution
          };

          if (d->layout.title.width > 0 && x < d->layout.title.x + d->layout.title.width + m)
            y = d->layout.title.y + d->layout.title.height + m;
          for (guint i = 0; i < G_N_ELEMENTS (below); i++)
            if (below[i]->width > 0 && below[i]->height > 0)
              limit = MIN (limit, below[i]->y - m / 2);
          available = limit - y - 2 * p;

          /* As many rows as fit, keeping room for the count of the rest. */
          {
            g_autoptr(PangoLayout) more = new_layout (d, 14.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC);
            double more_h;
            double lw;

            pango_layout_set_text (more, "0", -1);
            layout_size (more, &lw, &more_h);
            more_h = MAX (more_h, SWATCH_H * u);

            for (guint i = 0; i < total; i++)
              {
                LegendRow *row = &g_array_index (d->legend, LegendRow, i);
                double lh;
                double next;

                layout_size (row->label, &lw, &lh);
                next = h + MAX (lh, SWATCH_H * u) + (i > 0 ? 6 * u : 0);
                if (next > available || (i + 1 < total && next + 6 * u + more_h > available))
                  break;
                h = next;
                fitted++;
              }
          }

          if (fitted < total)
            {
              guint rest = total - fitted;
              LegendRow row = { { 0, 0, 0 }, FRONTLINE_STATUS_CONTROLLED, FALSE, NULL, 0, TRUE };
              g_autofree char *text = NULL;
              double lw, lh;

              g_array_set_size (d->legend, fitted);
              /* Translators: the last row of a legend too long for the picture */
              text = g_strdup_printf (ngettext ("and %u more", "and %u more", rest), rest);
              row.label = new_layout (d, 14.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC);
              pango_layout_set_text (row.label, text, -1);
              wrap (row.label, label_width, 1);
              layout_size (row.label, &lw, &lh);
              if (h + MAX (lh, SWATCH_H * u) + (fitted > 0 ? 6 * u : 0) <= available)
                {
                  h += MAX (lh, SWATCH_H * u) + (fitted > 0 ? 6 * u : 0);
                  g_array_append_val (d->legend, row);
                }
              else
                {
                  g_object_unref (row.label);
                }

              /* The panel as wide as the rows it kept. */
              w = 0;
              for (guint i = 0; i < d->legend->len; i++)
                {
                  layout_size (g_array_index (d->legend, LegendRow, i).label, &lw, &lh);
                  w = MAX (w, SWATCH_W * u + 10 * u + lw);
                }
              x = width - m - (w + 2 * p);
            }

          if (d->legend->len > 0)
            d->layout.legend = rect (x, y, w + 2 * p, h + 2 * p);
        }
    }

  /* The gains and losses card, top left under the title (and the legend,
   * when that went under the title too). */
  if (changes_text != NULL)
    {
      double max_width = MAX (MIN (0.45 * width, 560 * u) - 2 * p, 80 * u);
      double y = m;
      double lw, lh;

      d->changes = new_layout (d, 12.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
      pango_layout_set_text (d->changes, changes_text, -1);
      wrap (d->changes, max_width, 6);
      layout_size (d->changes, &lw, &lh);
      if (d->layout.title.width > 0)
        y = d->layout.title.y + d->layout.title.height + m / 2;
      if (d->layout.legend.width > 0 && d->layout.legend.x < m + lw + 2 * p + m)
        y = MAX (y, d->layout.legend.y + d->layout.legend.height + m / 2);
      d->layout.changes = rect (m, y, lw + 2 * p, lh + 2 * p);
    }
}

/* Drawing the decorations */

static void
rounded_rectangle (cairo_t                   *cr,
                   const FrontlineExportRect *r,
                   double                     radius)
{
  radius = MIN (radius, MIN (r->width, r->height) / 2.0);

  cairo_new_sub_path (cr);
  cairo_arc (cr, r->x + r->width - radius, r->y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, r->x + r->width - radius, r->y + r->height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, r->x + radius, r->y + r->height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, r->x + radius, r->y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A translucent card, as libadwaita draws them: the map shows through a
 * little, and a hairline keeps its edge on any background. */
static void
draw_panel (Decorations               *d,
            cairo_t                   *cr,
            const FrontlineExportRect *r)
{
  const Theme *theme = d->theme;

  cairo_new_path (cr);
  rounded_rectangle (cr, r, RADIUS * d->unit);
  cairo_set_source_rgba (cr, theme->panel[0], theme->panel[1], theme->panel[2], theme->panel[3]);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, theme->border[0], theme->border[1], theme->border[2], theme->border[3]);
  cairo_set_line_width (cr, MAX (d->unit, 1.0));
  cairo_stroke (cr);
}

static void
show_layout (cairo_t      *cr,
             PangoLayout  *layout,
             const double  rgb[3],
             double        x,
             double        y)
{
  cairo_move_to (cr, x, y);
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_title (Decorations *d,
            cairo_t     *cr)
{
  const FrontlineExportRect *r = &d->layout.title;
  double u = d->unit;
  double x = r->x + PADDING * u;
  double y = r->y + PADDING * u - 2 * u;
  double w, h;

  draw_panel (d, cr, r);
  if (d->title != NULL)
    {
      show_layout (cr, d->title, d->theme->secondary, x, y);
      layout_size (d->title, &w, &h);
      y += h;
    }
  if (d->date != NULL)
    {
      show_layout (cr, d->date, d->theme->text, x, y);
      layout_size (d->date, &w, &h);
      y += h;
    }
  if (d->note != NULL)
    show_layout (cr, d->note, d->theme->secondary, x, y + 6 * u);
}

static void
draw_legend (Decorations *d,
             cairo_t     *cr)
{
  const FrontlineExportRect *r = &d->layout.legend;
  double u = d->unit;
  double x = r->x + PADDING * u;
  double y = r->y + PADDING * u;

  draw_panel (d, cr, r);
  for (guint i = 0; i < d->legend->len; i++)
    {
      LegendRow *row = &g_array_index (d->legend, LegendRow, i);
      double w, h;
      double line;

      layout_size (row->label, &w, &h);
      line = MAX (h, SWATCH_H * u);

      /* The swatch in screen pixels scaled to the unit, so its hatch and
       * outline match the map's at the same scale. */
      cairo_save (cr);
      cairo_translate (cr, x, y + (line - SWATCH_H * u) / 2);
      cairo_scale (cr, u, u);
      if (!row->more && row->change != 0)
        frontline_painter_draw_change_swatch (cr, 0, 0, SWATCH_W, SWATCH_H, row->rgb, row->change == 1);
      else if (!row->more)
        frontline_painter_draw_swatch (cr, 0, 0, SWATCH_W, SWATCH_H, row->rgb, row->status, row->approximate);
      cairo_restore (cr);

      show_layout (cr, row->label, d->theme->text, x + (SWATCH_W + 10) * u, y + (line - h) / 2);
      y += line + 6 * u;
    }
}

static void
draw_scale_bar (Decorations *d,
                cairo_t     *cr)
{
  const FrontlineExportRect *bar = &d->layout.bar;
  const double *rgb = d->theme->text;
  double u = d->unit;
  double tick = MAX (round (2 * u), 1.0);
  double w, h;

  draw_panel (d, cr, &d->layout.scale_bar);

  /* The label centred over the bar. */
  layout_size (d->bar_label, &w, &h);
  show_layout (cr, d->bar_label, rgb, bar->x + (bar->width - w) / 2, bar->y - 4 * u - h);

  /* The bar and its end ticks, all within its length. */
  cairo_new_path (cr);
  cairo_rectangle (cr, bar->x, bar->y, bar->width, bar->height);
  cairo_rectangle (cr, bar->x, bar->y - 4 * u, tick, 4 * u);
  cairo_rectangle (cr, bar->x + bar->width - tick, bar->y - 4 * u, tick, 4 * u);
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_fill (cr);
}

static void
draw_credits (Decorations *d,
              cairo_t     *cr)
{
  const FrontlineExportRect *r = &d->layout.attribution;
  double u = d->unit;

  draw_panel (d, cr, r);
  show_layout (cr, d->credits, d->theme->secondary, r->x + PADDING * u, r->y + PADDING * u);
}

static void
draw_sources (Decorations *d,
              cairo_t     *cr)
{
  const FrontlineExportRect *r = &d->layout.sources;
  double u = d->unit;

  draw_panel (d, cr, r);
  show_layout (cr, d->sources, d->theme->text, r->x + PADDING * u, r->y + PADDING * u);
}

static void
decorations_draw (Decorations *d,
                  cairo_t     *cr)
{
  cairo_save (cr);
  pango_cairo_update_context (cr, d->context);

  if (d->layout.title.width > 0)
    draw_title (d, cr);
  if (d->layout.legend.width > 0)
    draw_legend (d, cr);
  if (d->layout.scale_bar.width > 0)
    draw_scale_bar (d, cr);
  if (d->layout.sources.width > 0)
    draw_sources (d, cr);
  if (d->layout.changes.width > 0)
    {
      draw_panel (d, cr, &d->layout.changes);
      show_layout (cr, d->changes, d->theme->text, d->layout.changes.x + PADDING * d->unit,
                   d->layout.changes.y + PADDING * d->unit);
    }
  draw_credits (d, cr);

  cairo_restore (cr);
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
  Decorations d;

  g_return_if_fail (options != NULL && FRONTLINE_IS_DATASET (options->dataset));
  g_return_if_fail (layout != NULL);

  /* Options the export would refuse have no decorations. */
  memset (layout, 0, sizeof *layout);
  if (!check_options (options, NULL))
    return;

  /* Unhinted text measures the same on any surface. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  state = frontline_dataset_get_state_at (options->dataset, options->day);
  changes = compute_changes (options, &changes_text);
  decorations_init (&d, options, state, changes, changes_text, cr);
  *layout = d.layout;
  decorations_clear (&d);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Rendering */

/* Draws the picture into @cr; @image as for draw_basemap(). */
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
  FrontlineView view = overlay_view (options);
  double scale = options_scale (options);
  gboolean ok;
  Decorations d;

  if (!check_options (options, error))
    return FALSE;

  state = frontline_dataset_get_state_at (options->dataset, options->day);
  changes = compute_changes (options, &changes_text);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, options->view.width, options->view.height);
  cairo_clip (cr);

  ok = draw_basemap (options, cr, image, cancellable, error);

  if (ok)
    {
      cairo_save (cr);
      cairo_scale (cr, scale, scale);
      frontline_painter_draw_areas (cr, &view, state);
      /* Gains and losses over the areas, as the compare mode draws them. */
      for (guint i = 0; changes != NULL && i < changes->len; i++)
        {
          Change *change = &g_array_index (changes, Change, i);

          frontline_painter_draw_changes (cr, &view, change->gained, change->lost, change->rgb);
        }
      cairo_restore (cr);

      decorations_init (&d, options, state, changes, changes_text, cr);
      decorations_draw (&d, cr);
      decorations_clear (&d);
    }

  cairo_restore (cr);

  if (ok && cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The picture could not be drawn: %s"),
                   cairo_status_to_string (cairo_status (cr)));
      ok = FALSE;
    }

  return ok;
}

/**
 * frontline_export_render:
 * @cr: the context to draw into, whose user space is the output: the view's
 *   width x height units
 *
 * Draws the whole picture: basemap, control areas and decorations.
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

  if (!check_options (options, error))
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
          g_autofree char *title = bounded_text (frontline_dataset_get_title (options->dataset), MAX_TITLE_CHARS);

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
      cairo_status_t status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);

      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The picture could not be encoded: %s"),
                       cairo_status_to_string (status));
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
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->options.dataset);
  g_clear_object (&job->file);
  g_clear_object (&job->options.tiles);
  g_free (job->mbtiles);
  g_free (job->basemap_credit);
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
  if (options->tiles != NULL)
    g_object_ref (options->tiles);
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
