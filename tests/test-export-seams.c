/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "frontline-exporter.h"
#include "frontline-test-data.h"
#include "frontline-test-init.h"

/* Exported maps show no seams where basemap tiles meet: an export of ground
 * where the basemap is one colour is that colour everywhere but under the
 * credits, at a zoom and scale that put tile edges between pixels, as a PNG
 * and as a PDF turned back into pixels by pdftocairo (poppler through
 * cairo, as GNOME's document viewers draw it). */

#define SIZE 480

static char *
scratch_path (const char *name)
{
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  return g_build_filename (g_get_user_cache_dir (), name, NULL);
}

/* A dataset whose one area is far from the views below. */
static FrontlineDataset *
load_fixture (void)
{
  return frontline_test_load_json ("seams.geojson",
    "{\"type\":\"FeatureCollection\",\"frontline\":{\"title\":\"Seams\",\"attribution\":\"Test\","
    "\"factions\":[{\"id\":\"blue\",\"name\":\"Blue\",\"color\":\"#0072b2\"}]},\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"blue\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[36,51],[36,52],[35,52],[35,51]]]}}]}");
}

static GBytes *
uniform_png (void)
{
  cairo_surface_t *tile = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (tile);
  g_autofree char *path = scratch_path ("seams-tile.png");
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize size = 0;

  cairo_set_source_rgb (cr, 0.2, 0.5, 0.8);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (tile, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (tile);
  g_assert_true (g_file_get_contents (path, &data, &size, &error));
  return g_bytes_new_take (data, size);
}

/* An MBTiles file with the same tile everywhere at zoom 3. */
static char *
write_mbtiles (void)
{
  char *path = scratch_path ("seams.mbtiles");
  g_autoptr(GBytes) png = uniform_png ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gsize size;
  const void *data = g_bytes_get_data (png, &size);

  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE metadata (name TEXT, value TEXT);"
                                     "INSERT INTO metadata VALUES ('format', 'png');"
                                     "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
                                     "tile_row INTEGER, tile_data BLOB)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (3, ?, ?, ?)", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (int x = 0; x < 8; x++)
    for (int y = 0; y < 8; y++)
      {
        sqlite3_bind_int (stmt, 1, x);
        sqlite3_bind_int (stmt, 2, y);
        sqlite3_bind_blob (stmt, 3, data, (int) size, SQLITE_STATIC);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
        sqlite3_reset (stmt);
      }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return path;
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + (gsize) y * (gsize) stride + (gsize) x * 4) & 0xffffff;
}

static int
channel_distance (guint32 a,
                  guint32 b)
{
  int d = 0;

  for (int shift = 0; shift < 24; shift += 8)
    d = MAX (d, abs ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)));
  return d;
}

/* Counts the pixels outside the credits that differ from the picture's
 * centre, in a picture @factor times the export's size. */
static guint
count_seam_pixels (cairo_surface_t              *surface,
                   const FrontlineExportOptions *options,
                   double                        factor)
{
  FrontlineExportLayout layout;
  guint32 expected;
  guint differing = 0;
  int width;
  int height;

  cairo_surface_flush (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  expected = pixel (surface, width / 2, height / 2);
  frontline_export_get_layout (options, &layout);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        double ux = x / factor;
        double uy = y / factor;

        /* A pixel the page's edge cuts is partly paper. */
        if ((x + 1) / factor > options->view.width || (y + 1) / factor > options->view.height)
          continue;
        /* The credits box, with a pixel of margin for rounding. */
        if (ux >= layout.attribution.x - 2 && ux <= layout.attribution.x + layout.attribution.width + 2 &&
            uy >= layout.attribution.y - 2 && uy <= layout.attribution.y + layout.attribution.height + 2)
          continue;
        if (channel_distance (pixel (surface, x, y), expected) > 3)
          {
            if (differing < 5)
              g_test_message ("seam pixel at %d,%d: %06x, expected %06x", x, y,
                              pixel (surface, x, y), expected);
            differing++;
          }
      }

  return differing;
}

static void
export_to (const FrontlineExportOptions *options,
           const char                   *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FrontlineExportOptions copy = *options;

  g_assert_true (frontline_export_format_from_filename (path, &copy.format));
  g_assert_true (frontline_export_to_file (&copy, file, TRUE, NULL, &error));
  g_assert_no_error (error);
}

static guint
seams_in_png (const FrontlineExportOptions *options)
{
  g_autofree char *path = scratch_path ("seams.png");
  cairo_surface_t *surface;
  guint n;

  export_to (options, path);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  n = count_seam_pixels (surface, options, 1.0);
  cairo_surface_destroy (surface);
  return n;
}

/* The PDF as a viewer shows it: rasterised by poppler, antialiased, at
 * 100 dpi, where a point is 1.39 pixels and most tile edges fall between
 * pixels, as on a screen. */
static gboolean
seams_in_pdf (const FrontlineExportOptions *options,
              guint                        *n)
{
  g_autofree char *pdftocairo = g_find_program_in_path ("pdftocairo");
  g_autofree char *path = scratch_path ("seams.pdf");
  g_autofree char *prefix = scratch_path ("seams-pdf");
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  int status = 0;

  if (pdftocairo == NULL)
    return FALSE;

  export_to (options, path);
  {
    const char *argv[] = { pdftocairo, "-r", "100", "-png", "-singlefile", path, prefix, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                                 &status, &error));
  }
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  *n = count_seam_pixels (surface, options, 100.0 / 72.0);
  cairo_surface_destroy (surface);
  return TRUE;
}

static void
init_options (FrontlineExportOptions *options,
              FrontlineDataset       *dataset)
{
  frontline_export_options_init (options, dataset, SIZE, SIZE, 1.0);
  /* Open ocean in the North Atlantic, no land or island within the view;
   * a fractional zoom puts tile edges between pixels. */
  options->view = (FrontlineView) { -45.0, 20.0, 5.37, SIZE, SIZE };
  options->title = options->legend = options->scale_bar = options->sources_strip = FALSE;
}

static void
test_raster_tiles (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  g_autofree char *mbtiles = write_mbtiles ();
  FrontlineExportOptions options;
  guint n = 0;

  init_options (&options, dataset);
  options.view = (FrontlineView) { 10.0, 10.0, 3.37, SIZE, SIZE };
  options.mbtiles = mbtiles;
  options.basemap_credit = "Uniform tiles";
  g_assert_cmpuint (frontline_export_tile_zoom (&options), ==, 3);

  g_assert_cmpuint (seams_in_png (&options), ==, 0);
  if (seams_in_pdf (&options, &n))
    g_assert_cmpuint (n, ==, 0);
  else
    g_test_skip ("pdftocairo not found (poppler-utils): the PDF was not checked");
}

static void
test_offline_basemap (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineExportOptions options;
  guint n = 0;

  init_options (&options, dataset);
  g_assert_cmpuint (seams_in_png (&options), ==, 0);
  if (seams_in_pdf (&options, &n))
    g_assert_cmpuint (n, ==, 0);
  else
    g_test_skip ("pdftocairo not found (poppler-utils): the PDF was not checked");
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, NULL);

  g_test_add_func ("/frontline/export-seams/raster-tiles", test_raster_tiles);
  g_test_add_func ("/frontline/export-seams/offline-basemap", test_offline_basemap);

  return g_test_run ();
}
