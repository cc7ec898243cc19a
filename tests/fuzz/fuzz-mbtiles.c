/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The MBTiles reader (FrontlineMbtilesSource): opening, metadata, bounds,
 * zoom levels and tile reads.
 *
 * Raw bytes as a database mostly exercise SQLite's own header checks, so the
 * input has two forms, told apart by the low bit of its first byte:
 *
 *   even: the rest of the input is the .mbtiles file as it is.
 *   odd:  a recipe for a file this target builds with SQLite, so that the
 *         reader sees well-formed databases with hostile contents:
 *
 *     byte 1       schema flags (FLAG_* below)
 *     then records until the end, each a kind byte and its fields:
 *       kind % 3 == 0  metadata:  name (string), value (string)
 *       kind % 3 == 1  tile:      zoom (1 byte), column (2 bytes), row (2 bytes),
 *                                 data (string); column and row are TMS, as stored
 *       kind % 3 == 2  SQL:       a statement (string) run while building, e.g. a
 *                                 `tiles` view of one's own; errors are ignored
 *     a string is a 2-byte little-endian length (cut to what is left), then
 *     that many bytes.
 *
 * tests/fuzz/make-seeds.py writes recipes; its MBTILES_* helpers say the same. */

#include <math.h>

#include <sqlite3.h>

#include "fuzz-common.h"
#include "frontline-mbtiles-source.h"

/* Tiles read are decoded as the exporter does, once the tree has the decoder. */
#if __has_include("frontline-tile-image.h")
#include "frontline-tile-image.h"
#define FUZZ_HAVE_TILE_IMAGE 1
#else
#define FUZZ_HAVE_TILE_IMAGE 0
#endif

enum {
  FLAG_NO_METADATA     = 1 << 0,  /* no metadata table */
  FLAG_NO_TILES        = 1 << 1,  /* no tiles table */
  FLAG_TILES_VIEW      = 1 << 2,  /* tiles as a view over map and images, deduplicated */
  FLAG_BLOB_METADATA   = 1 << 3,  /* metadata values as blobs: any bytes, NULs, bad UTF-8 */
  FLAG_TEXT_ZOOM       = 1 << 4,  /* zoom, column and row stored as text */
  FLAG_TEXT_TILE_DATA  = 1 << 5,  /* tile data stored as text */
  FLAG_NO_VALUE_COLUMN = 1 << 6,  /* metadata (name) only */
  FLAG_NULL_ROWS       = 1 << 7,  /* a row of NULLs in each table */
};

#define MAX_TILES 8

typedef struct {
  const guint8 *data;
  size_t size;
  size_t pos;
} Reader;

typedef struct {
  int z, column, row;
} TileKey;

static gboolean
read_bytes (Reader        *reader,
            const guint8 **bytes,
            size_t        *length)
{
  size_t n;

  if (reader->size - reader->pos < 2)
    return FALSE;

  n = reader->data[reader->pos] | ((size_t) reader->data[reader->pos + 1] << 8);
  reader->pos += 2;
  n = MIN (n, reader->size - reader->pos);
  *bytes = reader->data + reader->pos;
  *length = n;
  reader->pos += n;
  return TRUE;
}

static int
read_int (Reader *reader,
          guint   n_bytes)
{
  int value = 0;

  for (guint i = 0; i < n_bytes && reader->pos < reader->size; i++)
    value |= reader->data[reader->pos++] << (8 * i);

  return value;
}

/* Building must neither reach outside its own file nor run forever. */
static int
deny_outside (void       *data,
              int         action,
              const char *a,
              const char *b,
              const char *c,
              const char *d)
{
  return action == SQLITE_ATTACH || action == SQLITE_DETACH || action == SQLITE_PRAGMA
         ? SQLITE_DENY : SQLITE_OK;
}

static int
stop_long_statements (void *data)
{
  return ++*(guint *) data > 1000;
}

static void
exec_quietly (sqlite3    *db,
              const char *sql)
{
  sqlite3_exec (db, sql, NULL, NULL, NULL);
}

static void
bind_text_or_blob (sqlite3_stmt *stmt,
                   int           column,
                   const guint8 *bytes,
                   size_t        length,
                   gboolean      as_blob)
{
  if (as_blob)
    sqlite3_bind_blob (stmt, column, bytes, (int) length, SQLITE_TRANSIENT);
  else
    sqlite3_bind_text (stmt, column, (const char *) bytes, (int) length, SQLITE_TRANSIENT);
}

static void
bind_key (sqlite3_stmt *stmt,
          int           column,
          int           value,
          gboolean      as_text)
{
  if (as_text)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%d", value);
      sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
    }
  else
    sqlite3_bind_int (stmt, column, value);
}

/* Builds the database the recipe describes at @path; fills @keys with the
 * first tiles it holds. */
static void
build_mbtiles (const char   *path,
               const guint8 *data,
               size_t        size,
               TileKey      *keys,
               guint        *n_keys)
{
  Reader reader = { data, size, 2 };
  guint flags = size > 1 ? data[1] : 0;
  guint steps = 0;
  sqlite3 *db = NULL;
  sqlite3_stmt *insert_metadata = NULL;
  sqlite3_stmt *insert_tile = NULL;
  sqlite3_stmt *insert_image = NULL;
  gboolean text_keys = (flags & FLAG_TEXT_ZOOM) != 0;
  guint n_tiles = 0;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      fprintf (stderr, "fuzz: cannot create %s: %s\n", path, sqlite3_errmsg (db));
      abort ();
    }

  exec_quietly (db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF");
  sqlite3_limit (db, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_limit (db, SQLITE_LIMIT_LENGTH, 1 << 20);
  sqlite3_set_authorizer (db, deny_outside, NULL);
  sqlite3_progress_handler (db, 1000, stop_long_statements, &steps);
  exec_quietly (db, "BEGIN");

  if (!(flags & FLAG_NO_METADATA))
    {
      if (flags & FLAG_NO_VALUE_COLUMN)
        {
          exec_quietly (db, "CREATE TABLE metadata (name TEXT)");
          sqlite3_prepare_v2 (db, "INSERT INTO metadata (name) VALUES (?1)", -1,
                              &insert_metadata, NULL);
        }
      else
        {
          exec_quietly (db, "CREATE TABLE metadata (name TEXT, value TEXT)");
          sqlite3_prepare_v2 (db, "INSERT INTO metadata (name, value) VALUES (?1, ?2)", -1,
                              &insert_metadata, NULL);
        }
      if (flags & FLAG_NULL_ROWS)
        exec_quietly (db, (flags & FLAG_NO_VALUE_COLUMN) ? "INSERT INTO metadata VALUES (NULL)"
                                                          : "INSERT INTO metadata VALUES (NULL, NULL)");
    }

  if (!(flags & FLAG_NO_TILES))
    {
      if (flags & FLAG_TILES_VIEW)
        {
          exec_quietly (db,
                        "CREATE TABLE map (zoom_level INTEGER, tile_column INTEGER, "
                        "tile_row INTEGER, tile_id TEXT);"
                        "CREATE TABLE images (tile_data BLOB, tile_id TEXT);"
                        "CREATE VIEW tiles AS SELECT map.zoom_level AS zoom_level, "
                        "map.tile_column AS tile_column, map.tile_row AS tile_row, "
                        "images.tile_data AS tile_data FROM map "
                        "JOIN images ON images.tile_id = map.tile_id");
          sqlite3_prepare_v2 (db, "INSERT INTO map VALUES (?1, ?2, ?3, ?4)", -1,
                              &insert_tile, NULL);
          sqlite3_prepare_v2 (db, "INSERT INTO images VALUES (?1, ?2)", -1, &insert_image, NULL);
          if (flags & FLAG_NULL_ROWS)
            exec_quietly (db, "INSERT INTO map VALUES (NULL, NULL, NULL, NULL);"
                              "INSERT INTO images VALUES (NULL, NULL)");
        }
      else
        {
          exec_quietly (db, "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
                            "tile_row INTEGER, tile_data BLOB)");
          sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?1, ?2, ?3, ?4)", -1,
                              &insert_tile, NULL);
          if (flags & FLAG_NULL_ROWS)
            exec_quietly (db, "INSERT INTO tiles VALUES (NULL, NULL, NULL, NULL)");
        }
    }

  while (reader.pos < reader.size)
    {
      guint kind = reader.data[reader.pos++];
      const guint8 *a = NULL, *b = NULL;
      size_t a_length = 0, b_length = 0;

      switch (kind % 3)
        {
        case 0:
          if (!read_bytes (&reader, &a, &a_length))
            break;
          read_bytes (&reader, &b, &b_length);
          if (insert_metadata == NULL)
            break;
          bind_text_or_blob (insert_metadata, 1, a, a_length, FALSE);
          if (!(flags & FLAG_NO_VALUE_COLUMN))
            bind_text_or_blob (insert_metadata, 2, b != NULL ? b : (const guint8 *) "", b_length,
                               (flags & FLAG_BLOB_METADATA) != 0);
          steps = 0;
          sqlite3_step (insert_metadata);
          sqlite3_reset (insert_metadata);
          break;

        case 1:
          {
            int z = read_int (&reader, 1);
            int column = read_int (&reader, 2);
            int row = read_int (&reader, 2);

            if (!read_bytes (&reader, &a, &a_length))
              a_length = 0;
            if (insert_tile == NULL)
              break;

            bind_key (insert_tile, 1, z, text_keys);
            bind_key (insert_tile, 2, column, text_keys);
            bind_key (insert_tile, 3, row, text_keys);
            if (insert_image != NULL)
              {
                char id[16];

                g_snprintf (id, sizeof id, "t%u", n_tiles);
                sqlite3_bind_text (insert_tile, 4, id, -1, SQLITE_TRANSIENT);
                bind_text_or_blob (insert_image, 1, a != NULL ? a : (const guint8 *) "", a_length,
                                   !(flags & FLAG_TEXT_TILE_DATA));
                sqlite3_bind_text (insert_image, 2, id, -1, SQLITE_TRANSIENT);
                steps = 0;
                sqlite3_step (insert_image);
                sqlite3_reset (insert_image);
              }
            else
              {
                bind_text_or_blob (insert_tile, 4, a != NULL ? a : (const guint8 *) "", a_length,
                                   !(flags & FLAG_TEXT_TILE_DATA));
              }
            steps = 0;
            sqlite3_step (insert_tile);
            sqlite3_reset (insert_tile);

            if (*n_keys < MAX_TILES)
              keys[(*n_keys)++] = (TileKey) { z, column, row };
            n_tiles++;
          }
          break;

        case 2:
          if (read_bytes (&reader, &a, &a_length))
            {
              g_autofree char *sql = g_strndup ((const char *) a, a_length);

              steps = 0;
              exec_quietly (db, sql);
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  sqlite3_finalize (insert_metadata);
  sqlite3_finalize (insert_tile);
  sqlite3_finalize (insert_image);
  exec_quietly (db, "COMMIT");
  sqlite3_close_v2 (db);
}

typedef struct {
  gboolean done;
  guint n_failed;
} Request;

static void
on_tile_failed (FrontlineMbtilesSource *source,
                int                     x,
                int                     y,
                int                     z,
                GError                 *error,
                gpointer                user_data)
{
  Request *request = user_data;

  if (error == NULL || error->message == NULL || !g_utf8_validate (error->message, -1, NULL))
    {
      fprintf (stderr, "fuzz: tile-failed without a readable error\n");
      abort ();
    }
  request->n_failed++;
}

static void
on_tile_data (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result, &error);
  if (bytes == NULL && error == NULL)
    {
      fprintf (stderr, "fuzz: a tile request failed with no error\n");
      abort ();
    }

#if FUZZ_HAVE_TILE_IMAGE
  if (bytes != NULL)
    {
      g_autoptr(GError) decode_error = NULL;
      gsize size = 0;
      const void *data = g_bytes_get_data (bytes, &size);
      cairo_surface_t *surface = frontline_tile_image_decode (data, size, &decode_error);

      if (surface == NULL && decode_error == NULL)
        {
          fprintf (stderr, "fuzz: a tile did not decode and no error says why\n");
          abort ();
        }
      g_clear_pointer (&surface, cairo_surface_destroy);
    }
#endif
  request->done = TRUE;
}

/* Requests tile (@x, @y, @z), in XYZ as the map asks, and waits for it. */
static void
read_tile (FrontlineMbtilesSource *source,
           int                     x,
           int                     y,
           int                     z)
{
  Request request = { FALSE, 0 };
  gulong handler;

  handler = g_signal_connect (source, "tile-failed", G_CALLBACK (on_tile_failed), &request);
  shumate_data_source_get_tile_data_async (SHUMATE_DATA_SOURCE (source), x, y, z, NULL,
                                           on_tile_data, &request);
  while (!request.done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (source, handler);
}

static void
check_text (const char *what,
            const char *text,
            gboolean    nullable)
{
  if (text == NULL && nullable)
    return;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      fprintf (stderr, "fuzz: the source's %s is %s\n", what,
               text == NULL ? "NULL" : "not valid UTF-8");
      abort ();
    }
}

static void
exercise_source (FrontlineMbtilesSource *source,
                 const TileKey          *keys,
                 guint                   n_keys)
{
  guint min_zoom = frontline_mbtiles_source_get_min_zoom (source);
  guint max_zoom = frontline_mbtiles_source_get_max_zoom (source);
  double west, south, east, north;
  g_autoptr(ShumateMapSource) map_source = NULL;

  check_text ("path", frontline_mbtiles_source_get_path (source), FALSE);
  check_text ("name", frontline_mbtiles_source_get_name (source), FALSE);
  check_text ("attribution", frontline_mbtiles_source_get_attribution (source), TRUE);
  check_text ("format", frontline_mbtiles_source_get_format (source), TRUE);

  /* The map's credit line: plain text, never empty (issue 11: invalid UTF-8
   * in an attribution emptied the credits). */
  check_text ("license text", frontline_mbtiles_source_get_license_text (source), FALSE);
  if (*frontline_mbtiles_source_get_license_text (source) == '\0')
    {
      fprintf (stderr, "fuzz: the source's license text is empty\n");
      abort ();
    }

  if (min_zoom > max_zoom || max_zoom > 30)
    {
      fprintf (stderr, "fuzz: zoom levels %u to %u\n", min_zoom, max_zoom);
      abort ();
    }

  if (frontline_mbtiles_source_get_bounds (source, &west, &south, &east, &north)
      && !(fabs (west) <= 180 && fabs (east) <= 180 && fabs (south) <= 90 && fabs (north) <= 90
           && south <= north))
    {
      fprintf (stderr, "fuzz: bounds %g,%g,%g,%g\n", west, south, east, north);
      abort ();
    }

  map_source = frontline_mbtiles_source_new_map_source (source);

  for (guint i = 0; i < n_keys; i++)
    {
      int z = keys[i].z;

      /* Stored rows are TMS; the map asks in XYZ. Out of range on purpose too. */
      if (z >= 0 && z <= 30)
        read_tile (source, keys[i].column, (1 << z) - 1 - keys[i].row, z);
      else
        read_tile (source, keys[i].column, keys[i].row, z);
    }

  read_tile (source, 0, 0, (int) min_zoom);
  read_tile (source, -1, 0, (int) max_zoom);
  read_tile (source, 0, 0, 31);

  (void) frontline_mbtiles_source_get_n_failed (source);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(FrontlineMbtilesSource) source = NULL;
  g_autoptr(GError) error = NULL;
  TileKey keys[MAX_TILES];
  guint n_keys = 0;
  const char *path;

  fuzz_init ();

  if (size == 0)
    return 0;

  if ((data[0] & 1) == 0)
    {
      path = fuzz_write_scratch ("tiles.mbtiles", data + 1, size - 1);
    }
  else
    {
      path = fuzz_write_scratch ("tiles.mbtiles", NULL, 0);
      unlink (path);
      build_mbtiles (path, data, size, keys, &n_keys);
    }

  source = frontline_mbtiles_source_new (path, &error);
  if (source == NULL)
    {
      if (error == NULL)
        {
          fprintf (stderr, "fuzz: the MBTiles file did not open and no error says why\n");
          abort ();
        }
      return 0;
    }

  exercise_source (source, keys, n_keys);
  return 0;
}
