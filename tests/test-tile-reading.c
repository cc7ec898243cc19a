/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "frontline-mbtiles-reader.h"
#include "frontline-test-tiles.h"
#include "frontline-tile-fetcher.h"
#include "frontline-tile-image.h"
#include "frontline-test-init.h"

/* The display-free tile readers on their own, linked with the core library
 * only: FrontlineMbtilesReader and FrontlineTileFetcher. The map's
 * ShumateDataSources that wrap them are tested in test-tile-sources.c.
 * No network: the fetcher is only asked for tiles its file cache holds. */

/* The colour at the middle of a PNG tile, as 0xRRGGBB. */
static guint32
centre_pixel (GBytes *bytes)
{
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (bytes, &size);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image = frontline_tile_image_decode (data, size, &error);
  guint32 pixel;

  g_assert_no_error (error);
  g_assert_nonnull (image);
  cairo_surface_flush (image);
  pixel = *(guint32 *) (cairo_image_surface_get_data (image) +
                        128 * cairo_image_surface_get_stride (image) + 128 * 4);
  cairo_surface_destroy (image);

  return pixel & 0xffffff;
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Red at XYZ 1/0/0, blue below it at 1/0/1. */
static char *
write_mbtiles (const char *dir)
{
  g_autoptr(GBytes) red = test_png_of_colour (1, 0, 0);
  g_autoptr(GBytes) blue = test_png_of_colour (0, 0, 1);
  GBytes *tiles[] = { red, blue };
  char *path = g_build_filename (dir, "reader.mbtiles", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE metadata (name TEXT, value TEXT)");
  exec_sql (db, "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
                "tile_row INTEGER, tile_data BLOB)");
  exec_sql (db, "INSERT INTO metadata VALUES ('name', 'Reader'), ('format', 'png'), "
                "('bounds', '30.5,46.25,40.75,52.5'), ('minzoom', '0'), ('maxzoom', '2'), "
                "('attribution', '<a href=\"https://example.org\">&copy; Example</a>')");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (1, 0, ?, ?)", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (guint y = 0; y < G_N_ELEMENTS (tiles); y++)
    {
      gsize size = 0;
      gconstpointer data = g_bytes_get_data (tiles[y], &size);

      /* MBTiles rows count from the south (TMS). */
      sqlite3_bind_int (stmt, 1, 1 - (int) y);
      sqlite3_bind_blob (stmt, 2, data, (int) size, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  return path;
}

static void
test_mbtiles_reader (void)
{
  g_autofree char *dir = g_dir_make_tmp ("frontline-reader-XXXXXX", NULL);
  g_autofree char *path = write_mbtiles (dir);
  g_autoptr(FrontlineMbtilesReader) reader = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  double west = 0, south = 0, east = 0, north = 0;

  reader = frontline_mbtiles_reader_new (path, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (frontline_mbtiles_reader_get_name (reader), ==, "Reader");
  g_assert_cmpstr (frontline_mbtiles_reader_get_format (reader), ==, "png");
  g_assert_cmpstr (frontline_mbtiles_reader_get_license_text (reader), ==, "© Example");
  g_assert_cmpuint (frontline_mbtiles_reader_get_min_zoom (reader), ==, 0);
  g_assert_cmpuint (frontline_mbtiles_reader_get_max_zoom (reader), ==, 2);
  g_assert_cmpuint (frontline_mbtiles_reader_get_tile_size (reader), ==, 256);
  g_assert_true (frontline_mbtiles_reader_get_bounds (reader, &west, &south, &east, &north));
  g_assert_cmpfloat (west, ==, 30.5);
  g_assert_cmpfloat (north, ==, 52.5);

  /* XYZ rows from the top: red, then blue. */
  bytes = frontline_mbtiles_reader_read_tile (reader, 0, 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmphex (centre_pixel (bytes), ==, 0xff0000);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = frontline_mbtiles_reader_read_tile (reader, 0, 1, 1, &error);
  g_assert_no_error (error);
  g_assert_cmphex (centre_pixel (bytes), ==, 0x0000ff);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Missing, outside the world, beyond the file's zooms: not found. */
  bytes = frontline_mbtiles_reader_read_tile (reader, 1, 1, 1, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  bytes = frontline_mbtiles_reader_read_tile (reader, 2, 0, 1, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  bytes = frontline_mbtiles_reader_read_tile (reader, 0, 0, 3, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_object (&reader);
  g_unlink (path);
  g_rmdir (dir);

  /* A file that is not there names itself. */
  reader = frontline_mbtiles_reader_new (path, &error);
  g_assert_null (reader);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "reader.mbtiles"));
}

static void
test_fetcher_servers (void)
{
  g_autoptr(FrontlineTileFetcher) osm = frontline_tile_fetcher_new_builtin ("openstreetmap");
  g_autoptr(FrontlineTileFetcher) custom = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint n_infos = 0;

  g_assert_nonnull (frontline_tile_fetcher_get_builtin_info (&n_infos));
  g_assert_cmpuint (n_infos, >=, 2);
  g_assert_null (frontline_tile_fetcher_new_builtin ("nowhere"));

  g_assert_nonnull (osm);
  g_assert_cmpstr (frontline_tile_fetcher_get_id (osm), ==, "openstreetmap");
  g_assert_cmpuint (frontline_tile_fetcher_get_max_zoom (osm), ==, 19);
  url = frontline_tile_fetcher_build_url (osm, 150, 85, 8);
  g_assert_cmpstr (url, ==, "https://tile.openstreetmap.org/8/150/85.png");

  /* The session sends our agent, as the tile usage policies ask. */
  session = frontline_tile_fetcher_new_session (osm);
  g_assert_cmpstr (soup_session_get_user_agent (session), ==, FRONTLINE_USER_AGENT);

  /* libshumate's placeholders work; a missing one does not. */
  custom = frontline_tile_fetcher_new_custom ("https://tiles.example.org/#Z#/#X#/#Y#.png", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&url, g_free);
  url = frontline_tile_fetcher_build_url (custom, 1, 2, 3);
  g_assert_cmpstr (url, ==, "https://tiles.example.org/3/1/2.png");
  g_assert_cmpstr (frontline_tile_fetcher_get_attribution (custom), ==, "Tiles from tiles.example.org");
  g_assert_true (g_str_has_prefix (frontline_tile_fetcher_get_id (custom), "custom-"));

  g_assert_false (frontline_tile_fetcher_validate_url_template ("https://tiles.example.org/{z}/{x}.png", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* A tile in the file cache the map fills is read from there, never from the
 * server (whose address here does not resolve). */
static void
test_fetcher_cache (void)
{
  FrontlineTileSourceInfo info = {
    .id = "reading-test",
    .name = "Reading test",
    .url_template = "http://unreachable.invalid/{z}/{x}/{y}.png",
    .max_zoom = 19,
  };
  g_autoptr(FrontlineTileFetcher) fetcher = frontline_tile_fetcher_new (&info);
  g_autoptr(SoupSession) session = frontline_tile_fetcher_new_session (fetcher);
  g_autoptr(GBytes) green = test_png_of_colour (0, 1, 0);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "frontline", "tiles",
                                           "reading-test", "8", "150", NULL);
  g_autofree char *path = g_build_filename (dir, "85.png", NULL);

  g_assert_cmpstr (frontline_tile_fetcher_get_attribution (fetcher), ==, "Reading test");

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (green, NULL), (gssize) g_bytes_get_size (green), NULL));

  bytes = frontline_tile_fetcher_fetch (fetcher, session, 150, 85, 8, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmphex (centre_pixel (bytes), ==, 0x00ff00);

  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = g_dir_make_tmp ("frontline-cache-XXXXXX", NULL);
  int status;

  /* The cache of this test only, never the user's. */
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  frontline_test_init (&argc, &argv, NULL);

  g_test_add_func ("/frontline/tiles/reading/mbtiles", test_mbtiles_reader);
  g_test_add_func ("/frontline/tiles/reading/servers", test_fetcher_servers);
  g_test_add_func ("/frontline/tiles/reading/cache", test_fetcher_cache);

  status = g_test_run ();

  /* Only the (now empty) folders the test made are left. */
  {
    g_autofree char *path = g_build_filename (cache, "frontline", "tiles", "reading-test", "8", "150", NULL);

    while (strlen (path) > strlen (cache))
      {
        char *parent = g_path_get_dirname (path);

        g_rmdir (path);
        g_free (path);
        path = parent;
      }
    g_rmdir (cache);
  }

  return status;
}
