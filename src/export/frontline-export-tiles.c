/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-exporter"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "frontline-basemap.h"
#include "frontline-export-private.h"
#include "frontline-mbtiles-reader.h"
#include "frontline-projection.h"
#include "frontline-tile-fetcher.h"
#include "frontline-tile-image.h"

/* The exporter's basemap: the grid of tiles that covers a picture at the
 * export's tile zoom, drawn from the offline basemap, an MBTiles file
 * (FrontlineMbtilesReader) or online tiles fetched first
 * (FrontlineTileFetcher); an image is drawn in bands of tile rows, a thread
 * each. */

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
  grid->factor = frontline_export_options_scale (options) * exp2 (view->zoom - grid->zoom);
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
tile_grid_fetch (TileGrid              *grid,
                 FrontlineTileFetcher  *tiles,
                 GCancellable          *cancellable,
                 GError               **error)
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

/* Draws the raster tile (@x, @y, @zoom) over 256 units (and @bleed more to
 * the right and below), from the MBTiles file or the tiles fetched online,
 * or a marked gap where there is none: an export never shows a silent hole. */
static void
draw_raster_tile (const TileGrid *grid,
                  cairo_t        *cr,
                  guint           x,
                  guint           y,
                  guint           zoom,
                  double          bleed)
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
      /* In a vector file the image itself reaches under the next tiles, as
       * the clip does: PDF viewers do not pad images. */
      cairo_scale (cr, (256.0 + bleed) / cairo_image_surface_get_width (tile),
                   (256.0 + bleed) / cairo_image_surface_get_height (tile));
      cairo_set_source_surface (cr, tile, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
      /* Past its edge a tile repeats its last pixels: filtering near the
       * edge then never blends in transparency, which showed as a faint
       * grid, and the caller's clip decides where the tile ends. */
      cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
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

/* Draws the tiles of rows @first to @last (excluded), each reaching @overlap
 * units under the next ones (0 in an image). */
static gboolean
tile_grid_draw_rows (const TileGrid  *grid,
                     cairo_t         *cr,
                     gint64           first,
                     gint64           last,
                     double           overlap,
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
          /* Each tile is clipped to its cell, on whole pixels in an image.
           * Vector viewers antialias every clip edge, so abutting cells
           * leave hairlines: there a cell reaches under its right and
           * lower neighbours, which are drawn after it and cover it. */
          cairo_rectangle (cr, left, top, right - left + overlap, bottom - top + overlap);
          cairo_clip (cr);
          cairo_translate (cr, left, top);
          cairo_scale (cr, (right - left) / 256.0, (bottom - top) / 256.0);
          if (basemap != NULL)
            frontline_basemap_draw_tile (basemap, cr, wrapped, (guint) ty, grid->zoom,
                                         (right - left) / 256.0, grid->style);
          else
            draw_raster_tile (grid, cr, wrapped, (guint) ty, grid->zoom,
                              overlap * 256.0 / MAX (right - left, 1.0));
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
  band->ok = tile_grid_draw_rows (band->grid, cr, band->first, band->last, 0.0,
                                  band->cancellable, &band->error);
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

/* The cache of a series of frames */

struct _FrontlineExportCache {
  GObject               parent_instance;

  GMutex                lock;
  /* What the basemap below was drawn for. */
  FrontlineView         view;
  double                scale;
  gboolean              dark;
  char                 *mbtiles;
  FrontlineTileFetcher *tiles;     /* a reference: the pointer is never another's */
  /* The picture's image after the basemap, and its gaps. */
  cairo_surface_t      *basemap;
  guint                 missing;
  guint                 draws;
};

G_DEFINE_FINAL_TYPE (FrontlineExportCache, frontline_export_cache, G_TYPE_OBJECT)

static void
frontline_export_cache_finalize (GObject *object)
{
  FrontlineExportCache *self = FRONTLINE_EXPORT_CACHE (object);

  g_clear_pointer (&self->basemap, cairo_surface_destroy);
  g_clear_object (&self->tiles);
  g_free (self->mbtiles);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (frontline_export_cache_parent_class)->finalize (object);
}

static void
frontline_export_cache_class_init (FrontlineExportCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = frontline_export_cache_finalize;
}

static void
frontline_export_cache_init (FrontlineExportCache *self)
{
  g_mutex_init (&self->lock);
}

/**
 * frontline_export_cache_new:
 *
 * A cache for a series of exports of the same view on different days: set
 * it as the options' @cache for each. PNG frames only: SVG and PDF draw
 * their tiles as vectors each time. Holds one picture's basemap (4 bytes a
 * pixel) until freed.
 */
FrontlineExportCache *
frontline_export_cache_new (void)
{
  return g_object_new (FRONTLINE_TYPE_EXPORT_CACHE, NULL);
}

/**
 * frontline_export_cache_get_basemap_draws:
 *
 * Returns: how many times the exports through @self drew the basemap
 *   rather than reusing it
 */
guint
frontline_export_cache_get_basemap_draws (FrontlineExportCache *self)
{
  guint draws;

  g_return_val_if_fail (FRONTLINE_IS_EXPORT_CACHE (self), 0);

  g_mutex_lock (&self->lock);
  draws = self->draws;
  g_mutex_unlock (&self->lock);

  return draws;
}

static gboolean
cache_matches (FrontlineExportCache         *self,
               const FrontlineExportOptions *options,
               cairo_surface_t              *image)
{
  return self->basemap != NULL &&
         memcmp (&self->view, &options->view, sizeof self->view) == 0 &&
         self->scale == options->scale &&
         self->dark == !!options->dark &&
         self->tiles == options->tiles &&
         (options->tiles != NULL || g_strcmp0 (self->mbtiles, options->mbtiles) == 0) &&
         cairo_image_surface_get_format (self->basemap) == cairo_image_surface_get_format (image) &&
         cairo_image_surface_get_width (self->basemap) == cairo_image_surface_get_width (image) &&
         cairo_image_surface_get_height (self->basemap) == cairo_image_surface_get_height (image);
}

/* Copies every pixel of @from into @to, of the same size and format. */
static void
copy_image (cairo_surface_t *from,
            cairo_surface_t *to)
{
  int height = cairo_image_surface_get_height (from);
  int from_stride = cairo_image_surface_get_stride (from);
  int to_stride = cairo_image_surface_get_stride (to);
  gsize row = (gsize) MIN (from_stride, to_stride);
  const guint8 *src;
  guint8 *dest;

  cairo_surface_flush (from);
  cairo_surface_flush (to);
  src = cairo_image_surface_get_data (from);
  dest = cairo_image_surface_get_data (to);
  for (int y = 0; y < height; y++)
    memcpy (dest + (gsize) y * to_stride, src + (gsize) y * from_stride, row);
  cairo_surface_mark_dirty (to);
}

/* Draws the basemap into @image from the cache, if it holds this view's. */
static gboolean
cache_lookup (FrontlineExportCache         *self,
              const FrontlineExportOptions *options,
              cairo_surface_t              *image)
{
  gboolean found;

  g_mutex_lock (&self->lock);
  found = cache_matches (self, options, image);
  if (found)
    {
      copy_image (self->basemap, image);
      /* Each frame counts its own gaps. */
      if (options->missing_tiles != NULL)
        *options->missing_tiles += self->missing;
    }
  g_mutex_unlock (&self->lock);

  return found;
}

/* Keeps @image, which has just had the basemap drawn, for the next frames. */
static void
cache_store (FrontlineExportCache         *self,
             const FrontlineExportOptions *options,
             cairo_surface_t              *image,
             guint                         missing)
{
  g_mutex_lock (&self->lock);
  self->draws++;
  if (self->basemap == NULL || !cache_matches (self, options, image))
    {
      g_clear_pointer (&self->basemap, cairo_surface_destroy);
      self->basemap = cairo_image_surface_create (cairo_image_surface_get_format (image),
                                                  cairo_image_surface_get_width (image),
                                                  cairo_image_surface_get_height (image));
    }
  if (cairo_surface_status (self->basemap) == CAIRO_STATUS_SUCCESS)
    {
      copy_image (image, self->basemap);
      self->view = options->view;
      self->scale = options->scale;
      self->dark = !!options->dark;
      g_set_object (&self->tiles, options->tiles);
      g_free (self->mbtiles);
      self->mbtiles = g_strdup (options->mbtiles);
      self->missing = missing;
    }
  else
    {
      g_clear_pointer (&self->basemap, cairo_surface_destroy);
    }
  g_mutex_unlock (&self->lock);
}

/* Draws the basemap. @image is the picture's own image, which @cr draws
 * on one unit a pixel, or %NULL: given it, tiles are drawn in bands, or
 * copied from the options' cache. */
gboolean
frontline_export_draw_basemap (const FrontlineExportOptions  *options,
                               cairo_t                       *cr,
                               cairo_surface_t               *image,
                               GCancellable                  *cancellable,
                               GError                       **error)
{
  const FrontlineExportTheme *theme = &frontline_export_themes[options->dark ? 1 : 0];
  TileGrid grid;
  guint missing = 0;
  gboolean ok;

  if (image != NULL && options->cache != NULL && cache_lookup (options->cache, options, image))
    return TRUE;

  tile_grid_init (&grid, options);
  /* The gaps of this frame, for the cache; then added to the caller's. */
  grid.missing = &missing;

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
    ok = tile_grid_draw_rows (&grid, cr, grid.y0, grid.y1, 1.0, cancellable, error);

  g_clear_pointer (&grid.fetched, g_hash_table_unref);
  g_clear_object (&grid.mbtiles);

  if (options->missing_tiles != NULL)
    *options->missing_tiles += missing;
  if (ok && image != NULL && options->cache != NULL)
    {
      cairo_surface_flush (image);
      cache_store (options->cache, options, image, missing);
    }

  return ok;
}

