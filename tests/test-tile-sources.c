/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-tile-sources"

#include "config.h"

#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "frontline-mbtiles-source.h"
#include "frontline-test-server.h"
#include "frontline-test-tiles.h"
#include "frontline-tile-image.h"
#include "frontline-tile-source.h"
#include "frontline-test-init.h"

/* The online and MBTiles tile sources, with no display and no network: the
 * online source talks to the tests' loopback tile server, and the
 * MBTiles files are written here with SQLite. */

#define WAIT_LIMIT_SECONDS 60

typedef struct {
  const guint8 *data;
  gsize size;
  gsize offset;
} PngReader;

static cairo_status_t
read_png_cb (void          *closure,
             unsigned char *data,
             unsigned int   length)
{
  PngReader *reader = closure;

  if (reader->size - reader->offset < length)
    return CAIRO_STATUS_READ_ERROR;

  memcpy (data, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

/* Decodes @png and returns the pixel in the middle as 0xRRGGBB. */
static guint32
png_centre_pixel (GBytes *png)
{
  PngReader reader = { 0 };
  cairo_surface_t *surface;
  guint32 pixel;

  reader.data = g_bytes_get_data (png, &reader.size);
  surface = cairo_image_surface_create_from_png_stream (read_png_cb, &reader);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 256);

  cairo_surface_flush (surface);
  pixel = *(guint32 *) (gpointer) (cairo_image_surface_get_data (surface)
                                   + 128 * cairo_image_surface_get_stride (surface)
                                   + 128 * 4);
  cairo_surface_destroy (surface);

  return pixel & 0xffffff;
}

/* Waiting, bounded */

static gboolean
on_wait_limit_cb (gpointer data)
{
  g_error ("gave up after %d s waiting for %s", WAIT_LIMIT_SECONDS, (const char *) data);
  return G_SOURCE_REMOVE;
}

static void
wait_for (const gboolean *done,
          const char     *what)
{
  guint limit = g_timeout_add_seconds (WAIT_LIMIT_SECONDS, on_wait_limit_cb, (gpointer) what);

  while (!*done)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (limit);
}

/* Fetching tiles and watching the signals */

typedef struct {
  gboolean done;
  GBytes *bytes;
  GError *error;
} FetchResult;

typedef struct {
  FetchResult *current;       /* the request in flight */
  guint n_received;
  guint n_received_before_done;
  GBytes *last_received;
  guint n_failed_signals;
  char *last_failed_message;
  int last_failed_x;
  int last_failed_y;
  int last_failed_z;
  guint n_failed_notifies;
} Watcher;

static void
on_received_data_cb (ShumateDataSource *source,
                     int                x,
                     int                y,
                     int                z,
                     GBytes            *bytes,
                     Watcher           *watcher)
{
  watcher->n_received++;
  if (watcher->current != NULL && !watcher->current->done)
    watcher->n_received_before_done++;
  g_clear_pointer (&watcher->last_received, g_bytes_unref);
  watcher->last_received = g_bytes_ref (bytes);
}

static void
on_tile_failed_cb (ShumateDataSource *source,
                   int                x,
                   int                y,
                   int                z,
                   const GError      *error,
                   Watcher           *watcher)
{
  g_assert_nonnull (error);
  /* Before the request completes, so the map can mark the tile. */
  g_assert_nonnull (watcher->current);
  g_assert_false (watcher->current->done);

  watcher->n_failed_signals++;
  watcher->last_failed_x = x;
  watcher->last_failed_y = y;
  watcher->last_failed_z = z;
  g_free (watcher->last_failed_message);
  watcher->last_failed_message = g_strdup (error->message);
}

static void
on_notify_n_failed_cb (GObject    *object,
                       GParamSpec *pspec,
                       Watcher    *watcher)
{
  watcher->n_failed_notifies++;
}

static void
watch (Watcher           *watcher,
       ShumateDataSource *source)
{
  g_signal_connect (source, "received-data", G_CALLBACK (on_received_data_cb), watcher);
  g_signal_connect (source, "tile-failed", G_CALLBACK (on_tile_failed_cb), watcher);
  g_signal_connect (source, "notify::n-failed", G_CALLBACK (on_notify_n_failed_cb), watcher);
}

static void
watcher_clear (Watcher *watcher)
{
  g_clear_pointer (&watcher->last_received, g_bytes_unref);
  g_clear_pointer (&watcher->last_failed_message, g_free);
}

static void
on_tile_data_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FetchResult *fetch = user_data;

  fetch->bytes = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result,
                                                           &fetch->error);
  g_assert_true ((fetch->bytes == NULL) != (fetch->error == NULL));
  fetch->done = TRUE;
}

/* Asks @source for a tile and waits for the answer. */
static GBytes *
fetch_tile (ShumateDataSource  *source,
            Watcher            *watcher,
            int                 x,
            int                 y,
            int                 z,
            GCancellable       *cancellable,
            GError            **error)
{
  FetchResult fetch = { 0 };

  watcher->current = &fetch;
  shumate_data_source_get_tile_data_async (source, x, y, z, cancellable, on_tile_data_cb, &fetch);
  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
  wait_for (&fetch.done, "a tile");
  watcher->current = NULL;

  if (fetch.error != NULL)
    g_propagate_error (error, fetch.error);

  return fetch.bytes;
}

static void
assert_bytes_equal (GBytes *actual,
                    GBytes *expected)
{
  g_assert_nonnull (actual);
  g_assert_cmpmem (g_bytes_get_data (actual, NULL), g_bytes_get_size (actual),
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

/* Fills a tile through the map source the window uses, as ShumateMapLayer
 * does: the texture can only come from ::received-data. */
typedef struct {
  gboolean done;
  gboolean ok;
  GError *error;
} FillResult;

static void
on_tile_filled_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  FillResult *fill = user_data;

  fill->ok = shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result,
                                                  &fill->error);
  fill->done = TRUE;
}

static ShumateTile *
fill_tile (ShumateMapSource  *map_source,
           int                x,
           int                y,
           int                z,
           GError           **error)
{
  ShumateTile *tile = shumate_tile_new_full (x, y, 256, z);
  FillResult fill = { 0 };

  shumate_map_source_fill_tile_async (map_source, tile, NULL, on_tile_filled_cb, &fill);
  wait_for (&fill.done, "a tile to be filled");
  g_assert_true (fill.ok == (fill.error == NULL));
  if (fill.error != NULL)
    g_propagate_error (error, fill.error);

  return tile;
}

static void
assert_tile_drawn (ShumateTile *tile)
{
  GdkPaintable *paintable = shumate_tile_get_paintable (tile);

  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
  g_assert_true (GDK_IS_TEXTURE (paintable));
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (paintable)), ==, 256);
}

/* The tests' tile server (frontline-test-server.h); the row of a tile
 * says how the server answers. */

enum {
  ROW_GOOD,          /* a PNG with an ETag; 304 when the ETag matches */
  ROW_NOT_FOUND,     /* 404 */
  ROW_SERVER_ERROR,  /* 500 */
  ROW_GARBAGE,       /* 200 with an HTML page */
  ROW_HANG,          /* never answers */
  ROW_NO_ETAG,       /* a PNG without an ETag; 304 when If-Modified-Since is sent */
  ROW_HUGE,          /* 200 with 6 MiB that start like a PNG */
  ROW_BOMB,          /* a small valid PNG of 16384x16384 pixels */
  ROW_GIF,           /* a GIF */
};

#define TILE_ETAG "\"tile-v1\""

typedef struct {
  FrontlineTestServer *server;
  GBytes *png;
  guint n_png_sent;      /* atomic: written in the server's thread */
  guint n_not_modified;  /* atomic */
  GPtrArray *headers;    /* what last_header() returned */
} TileServer;

static void
on_tile_request_cb (const FrontlineTestRequest *request,
                    FrontlineTestResponse      *response,
                    gpointer                    user_data)
{
  TileServer *ts = user_data;

  if (request->z < 0)
    {
      response->status = SOUP_STATUS_BAD_REQUEST;
      return;
    }

  switch (request->y)
    {
    case ROW_GOOD:
    case ROW_NO_ETAG:
      if ((request->y == ROW_GOOD && g_strcmp0 (request->if_none_match, TILE_ETAG) == 0)
          || (request->y == ROW_NO_ETAG && request->if_modified_since != NULL))
        {
          g_atomic_int_inc (&ts->n_not_modified);
          response->status = SOUP_STATUS_NOT_MODIFIED;
          return;
        }

      if (request->y == ROW_GOOD)
        response->etag = TILE_ETAG;
      g_atomic_int_inc (&ts->n_png_sent);
      break;

    case ROW_NOT_FOUND:
      response->status = SOUP_STATUS_NOT_FOUND;
      break;

    case ROW_SERVER_ERROR:
      response->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
      break;

    case ROW_GARBAGE:
      response->content_type = "text/html";
      response->body = g_bytes_new_static ("<html>Too many requests</html>", 30);
      break;

    case ROW_HUGE:
      {
        gsize size = 6 * 1024 * 1024;
        guint8 *body = g_malloc0 (size);

        memcpy (body, "\x89PNG\r\n\x1a\n", 8);
        response->body = g_bytes_new_take (body, size);
      }
      break;

    case ROW_BOMB:
      response->body = test_png_bomb (16384);
      break;

    case ROW_GIF:
      response->content_type = "image/gif";
      response->body = test_foreign_image (0);
      break;

    case ROW_HANG:
      /* The client's timeout has to end the request. */
      response->hang = TRUE;
      break;

    default:
      response->status = SOUP_STATUS_NOT_FOUND;
    }
}

static TileServer *
tile_server_new (void)
{
  TileServer *ts = g_new0 (TileServer, 1);

  ts->server = frontline_test_server_new (on_tile_request_cb, ts);
  ts->png = g_bytes_ref (frontline_test_server_get_png (ts->server));
  ts->headers = g_ptr_array_new_with_free_func (g_free);
  return ts;
}

static void
tile_server_free (TileServer *ts)
{
  frontline_test_server_free (ts->server);
  g_bytes_unref (ts->png);
  g_ptr_array_unref (ts->headers);
  g_free (ts);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TileServer, tile_server_free)

/* The last request's header @name, or NULL; valid until @ts is freed. */
static const char *
last_header (TileServer *ts,
             const char *name)
{
  char *value = frontline_test_server_dup_last_header (ts->server, name);

  if (value != NULL)
    g_ptr_array_add (ts->headers, value);
  return value;
}

static FrontlineTileSource *
loopback_source (TileServer *ts,
                 const char *id)
{
  FrontlineTileSourceInfo info = {
    .id = id,
    .name = "Loopback",
    .url_template = frontline_test_server_get_url_template (ts->server),
    .attribution = "© Test tiles",
    .attribution_url = "https://example.org/copyright",
    .min_zoom = 0,
    .max_zoom = 18,
    .tile_size = 256,
  };

  return frontline_tile_source_new (&info);
}

/* Tile images */

static void
assert_refused (GBytes       *bytes,
                GIOErrorEnum  code,
                const char   *pattern)
{
  g_autoptr(GError) error = NULL;
  gsize size = 0;
  const void *data = g_bytes_get_data (bytes, &size);
  cairo_surface_t *surface = frontline_tile_image_decode (data, size, &error);

  g_assert_null (surface);
  g_assert_error (error, G_IO_ERROR, code);
  g_test_message ("%s", error->message);
  if (pattern != NULL && !g_pattern_match_simple (pattern, error->message))
    g_error ("“%s” does not match “%s”", error->message, pattern);
  /* What the header shows is refused by the check alone, as the sources do. */
  if (code == G_IO_ERROR_NOT_SUPPORTED || strstr (error->message, " pixels; ") != NULL)
    g_assert_false (frontline_tile_image_check (bytes, NULL));
}

static guint32
surface_centre (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 pixel;

  memcpy (&pixel, data + (gsize) (height / 2) * cairo_image_surface_get_stride (surface) + (gsize) (width / 2) * 4, 4);
  return pixel & 0xffffff;
}

static void
test_image_decode (void)
{
  g_autoptr(GBytes) png = test_png_of_colour (1, 0, 0);
  g_autoptr(GBytes) jpeg = test_jpeg (256, 256, 0, 0, 255);
  g_autoptr(GBytes) jpeg512 = test_jpeg (512, 512, 0, 255, 0);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  FrontlineTileImageFormat format;
  guint width, height;

  surface = frontline_tile_image_decode (g_bytes_get_data (png, NULL), g_bytes_get_size (png), &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 256);
  g_assert_cmphex (surface_centre (surface), ==, 0xff0000);
  cairo_surface_destroy (surface);

  surface = frontline_tile_image_decode (g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 256);
  g_assert_cmphex (surface_centre (surface) & 0xf0f0f0, ==, 0x0000f0);
  cairo_surface_destroy (surface);

  g_assert_true (frontline_tile_image_probe (g_bytes_get_data (jpeg512, NULL), g_bytes_get_size (jpeg512),
                                             &format, &width, &height, &error));
  g_assert_no_error (error);
  g_assert_cmpint (format, ==, FRONTLINE_TILE_IMAGE_JPEG);
  g_assert_cmpuint (width, ==, 512);
  g_assert_cmpuint (height, ==, 512);
}

/* Images no tile should be: each an error before any decoder allocates. */
static void
test_image_hostile (void)
{
  g_autoptr(GBytes) png = test_png_of_colour (0, 1, 0);
  g_autoptr(GBytes) jpeg = test_jpeg (256, 256, 10, 20, 30);
  g_autoptr(GBytes) bomb = test_png_bomb (16384);
  g_autoptr(GBytes) wide_jpeg = test_jpeg (40000, 8, 1, 2, 3);
  g_autoptr(GBytes) big_jpeg = test_jpeg (2048, 8, 1, 2, 3);
  g_autoptr(GBytes) huge = NULL;
  gint64 start = g_get_monotonic_time ();

  /* The bomb is a few kilobytes, and refused at its header. */
  g_test_message ("the bomb: %" G_GSIZE_FORMAT " bytes", g_bytes_get_size (bomb));
  g_assert_cmpuint (g_bytes_get_size (bomb), <, 256 * 1024);
  start = g_get_monotonic_time ();
  assert_refused (bomb, G_IO_ERROR_INVALID_DATA, "PNG image of 16384×16384 pixels*");
  g_test_message ("refused in %" G_GINT64_FORMAT " µs", g_get_monotonic_time () - start);

  {
    g_autoptr(GBytes) b1 = test_png_header_only (16384, 16384);
    g_autoptr(GBytes) b2 = test_png_header_only (40000, 1);
    g_autoptr(GBytes) b3 = test_png_header_only (0, 256);
    g_autoptr(GBytes) b4 = test_png_header_only (0xffffffff, 0xffffffff);
    g_autoptr(GBytes) b5 = test_png_header_only (256, 256);

    assert_refused (b1, G_IO_ERROR_INVALID_DATA, "PNG image of 16384×16384 pixels*");
    assert_refused (b2, G_IO_ERROR_INVALID_DATA, "PNG image of 40000×1 pixels*");
    assert_refused (b3, G_IO_ERROR_INVALID_DATA, "PNG image of 0×256 pixels*");
    assert_refused (b4, G_IO_ERROR_INVALID_DATA, NULL);
    /* A right header, but no pixels. */
    assert_refused (b5, G_IO_ERROR_INVALID_DATA, "PNG image damaged: its data is damaged or cut short");
  }

  assert_refused (wide_jpeg, G_IO_ERROR_INVALID_DATA, "JPEG image of 40000×8 pixels*");
  assert_refused (big_jpeg, G_IO_ERROR_INVALID_DATA, "JPEG image of 2048×8 pixels*");

  for (guint kind = 0; kind < TEST_N_FOREIGN_IMAGES; kind++)
    {
      g_autoptr(GBytes) foreign = test_foreign_image (kind);

      assert_refused (foreign, G_IO_ERROR_NOT_SUPPORTED, "not a PNG or JPEG image");
    }

  /* Cut short anywhere: an error, never a crash or a partial image. */
  for (gsize size = 0; size < g_bytes_get_size (png); size += 1 + size / 4)
    {
      g_autoptr(GBytes) head = test_bytes_head (png, size);
      g_autoptr(GError) error = NULL;

      g_assert_null (frontline_tile_image_decode (g_bytes_get_data (head, NULL), size, &error));
      g_assert_nonnull (error);
    }
  for (gsize size = 0; size < g_bytes_get_size (jpeg); size += 1 + size / 4)
    {
      g_autoptr(GBytes) head = test_bytes_head (jpeg, size);
      g_autoptr(GError) error = NULL;
      cairo_surface_t *surface;

      /* The three bytes of the start are not yet a JPEG. */
      surface = frontline_tile_image_decode (g_bytes_get_data (head, NULL), size, &error);
      g_assert_null (surface);
      g_assert_nonnull (error);
    }

  /* Bytes changed at random: decoded or refused, and a surface is always good. */
  for (guint round = 0; round < 200; round++)
    {
      GBytes *original = round % 2 ? png : jpeg;
      gsize size = g_bytes_get_size (original);
      g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (original, NULL), size);
      g_autoptr(GError) error = NULL;
      cairo_surface_t *surface;

      for (guint k = 0; k < 4; k++)
        data[g_test_rand_int_range (0, (gint32) MIN (size, 600))] = (guint8) g_test_rand_int_range (0, 256);
      surface = frontline_tile_image_decode (data, size, &error);
      g_assert_true ((surface == NULL) != (error == NULL));
      if (surface != NULL)
        {
          g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
          g_assert_cmpint (cairo_image_surface_get_width (surface), <=, FRONTLINE_TILE_IMAGE_MAX_SIDE);
          cairo_surface_destroy (surface);
        }
    }

  /* More than a tile's worth of bytes. */
  huge = g_bytes_new_take (g_malloc0 (FRONTLINE_TILE_IMAGE_MAX_BYTES + 1), FRONTLINE_TILE_IMAGE_MAX_BYTES + 1);
  assert_refused (huge, G_IO_ERROR_INVALID_DATA, "image of * bytes; a tile may have at most*");
  g_assert_null (frontline_tile_image_decode (NULL, 0, NULL));
}

/* Online tiles */

static void
test_online_builtin (void)
{
  g_autoptr(GListModel) list = frontline_tile_source_list_builtin ();
  g_autoptr(FrontlineTileSource) osm = NULL;
  g_autoptr(FrontlineTileSource) topo = NULL;
  g_autoptr(ShumateMapSource) map_source = NULL;
  g_autofree char *url = NULL;
  const FrontlineTileSourceInfo *infos;
  guint n_infos = 0;

  infos = frontline_tile_source_get_builtin_info (&n_infos);
  g_assert_cmpuint (n_infos, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_infos);

  osm = g_list_model_get_item (list, 0);
  g_assert_cmpstr (frontline_tile_source_get_id (osm), ==, infos[0].id);
  g_assert_cmpstr (frontline_tile_source_get_name (osm), ==, "OpenStreetMap");
  g_assert_cmpstr (frontline_tile_source_get_url_template (osm), ==,
                   "https://tile.openstreetmap.org/{z}/{x}/{y}.png");
  g_assert_cmpstr (frontline_tile_source_get_attribution (osm), ==,
                   "© OpenStreetMap contributors");
  g_assert_cmpstr (frontline_tile_source_get_attribution_url (osm), ==,
                   "https://www.openstreetmap.org/copyright");
  g_assert_cmpuint (frontline_tile_source_get_min_zoom (osm), ==, 0);
  g_assert_cmpuint (frontline_tile_source_get_max_zoom (osm), ==, 19);
  g_assert_cmpuint (frontline_tile_source_get_tile_size (osm), ==, 256);
  url = frontline_tile_source_build_url (osm, 150, 85, 8);
  g_assert_cmpstr (url, ==, "https://tile.openstreetmap.org/8/150/85.png");

  topo = frontline_tile_source_new_builtin ("opentopomap");
  g_assert_nonnull (topo);
  g_assert_cmpuint (frontline_tile_source_get_max_zoom (topo), ==, 17);
  g_assert_true (g_str_has_suffix (frontline_tile_source_get_url_template (topo),
                                   ".tile.opentopomap.org/{z}/{x}/{y}.png"));
  g_assert_nonnull (strstr (frontline_tile_source_get_attribution (topo), "OpenTopoMap"));
  g_assert_null (frontline_tile_source_new_builtin ("no-such-source"));

  /* The base layer for the window; its license is what the map shows. */
  map_source = frontline_tile_source_new_map_source (osm);
  g_assert_true (SHUMATE_IS_RASTER_RENDERER (map_source));
  g_assert_cmpstr (shumate_map_source_get_id (map_source), ==, "openstreetmap");
  g_assert_cmpstr (shumate_map_source_get_license (map_source), ==,
                   "© OpenStreetMap contributors");
  g_assert_cmpstr (shumate_map_source_get_license_uri (map_source), ==,
                   "https://www.openstreetmap.org/copyright");
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (map_source), ==, 19);
  g_assert_cmpuint (shumate_map_source_get_tile_size (map_source), ==, 256);

  /* Listing the sources made no request and cached nothing. */
  g_assert_cmpuint (frontline_tile_source_get_n_failed (osm), ==, 0);
  g_assert_true (g_str_has_prefix (FRONTLINE_USER_AGENT, "Frontline/" PACKAGE_VERSION " (+"));
}

static void
test_online_custom (void)
{
  static const struct {
    const char *url_template;
    const char *pattern;
  } bad[] = {
    { "", "*empty*" },
    { "https://tiles.example.org/{z}/{x}.png", "*must contain {z}, {x} and {y}*" },
    { "ftp://tiles.example.org/{z}/{x}/{y}.png", "*must start with https:// or http://*" },
    { "tiles.example.org/{z}/{x}/{y}.png", "*must start with https:// or http://*" },
    { "https:///{z}/{x}/{y}.png", "*names no server*" },
    { "https://tiles.example.org/{z}/{x}/{y}.png?key={apikey}", "*unknown placeholder {apikey}*" },
    { "https://tiles.example.org:99999/{z}/{x}/{y}.png", "*is not valid*" },
  };
  g_autoptr(FrontlineTileSource) source = NULL;
  g_autoptr(FrontlineTileSource) other = NULL;
  g_autoptr(FrontlineTileSource) hashes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(FrontlineTileSource) none = NULL;
      g_autoptr(GError) bad_error = NULL;

      none = frontline_tile_source_new_custom (bad[i].url_template, "© Me", &bad_error);
      g_assert_null (none);
      g_test_message ("%s", bad_error->message);
      g_assert_error (bad_error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_true (g_pattern_match_simple (bad[i].pattern, bad_error->message));
      g_assert_false (frontline_tile_source_validate_url_template (bad[i].url_template, NULL));
    }

  source = frontline_tile_source_new_custom ("https://tiles.example.org/{z}/{x}/{y}.png",
                                             "  © Example  ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (frontline_tile_source_get_attribution (source), ==, "© Example");
  g_assert_cmpstr (frontline_tile_source_get_name (source), ==, "tiles.example.org");
  g_assert_true (g_str_has_prefix (frontline_tile_source_get_id (source), "custom-"));

  /* No attribution given: the server is named, so the map still credits it. */
  other = frontline_tile_source_new_custom ("http://maps.example.net/a/{z}/{x}/{y}", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (frontline_tile_source_get_attribution (other), ==,
                   "Tiles from maps.example.net");
  /* Another template, another cache. */
  g_assert_cmpstr (frontline_tile_source_get_id (other), !=, frontline_tile_source_get_id (source));

  /* A template that skipped validation fails each tile, without a request. */
  {
    FrontlineTileSourceInfo info = { .id = "relative", .url_template = "tiles/{z}/{x}/{y}.png" };
    g_autoptr(FrontlineTileSource) relative = frontline_tile_source_new (&info);
    g_autoptr(GBytes) bytes = NULL;
    Watcher watcher = { 0 };

    watch (&watcher, SHUMATE_DATA_SOURCE (relative));
    bytes = fetch_tile (SHUMATE_DATA_SOURCE (relative), &watcher, 0, 0, 0, NULL, &error);
    g_assert_null (bytes);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_assert_cmpuint (watcher.n_failed_signals, ==, 1);
    /* A map still credits it. */
    g_assert_cmpstr (frontline_tile_source_get_attribution (relative), ==, "relative");
    g_clear_error (&error);
    watcher_clear (&watcher);
  }

  /* libshumate's placeholders work too. */
  hashes = frontline_tile_source_new_custom ("https://t.example.org/#Z#/#X#/#Y#.jpg", "x", &error);
  g_assert_no_error (error);
  url = frontline_tile_source_build_url (hashes, 3, 5, 4);
  g_assert_cmpstr (url, ==, "https://t.example.org/4/3/5.jpg");
}

static void
test_online_download (void)
{
  g_autoptr(TileServer) ts = tile_server_new ();
  g_autoptr(FrontlineTileSource) source = loopback_source (ts, "loopback");
  ShumateDataSource *data_source = SHUMATE_DATA_SOURCE (source);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  Watcher watcher = { 0 };

  /* Short, so that the server that never answers ends the test soon. */
  frontline_tile_source_set_timeout (source, 2);
  watch (&watcher, data_source);

  /* A tile, with our agent; the renderer gets it through ::received-data
   * before the request completes. */
  bytes = fetch_tile (data_source, &watcher, 150, ROW_GOOD, 8, NULL, &error);
  g_assert_no_error (error);
  assert_bytes_equal (bytes, ts->png);
  g_assert_cmpuint (frontline_test_server_get_n_requests (ts->server), ==, 1);
  g_assert_cmpstr (last_header (ts, "User-Agent"), ==, FRONTLINE_USER_AGENT);
  g_assert_null (last_header (ts, "If-None-Match"));
  g_assert_cmpuint (watcher.n_received, ==, 1);
  g_assert_cmpuint (watcher.n_received_before_done, ==, 1);
  assert_bytes_equal (watcher.last_received, ts->png);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Again: from the file cache, with no request. */
  bytes = fetch_tile (data_source, &watcher, 150, ROW_GOOD, 8, NULL, &error);
  g_assert_no_error (error);
  assert_bytes_equal (bytes, ts->png);
  g_assert_cmpuint (frontline_test_server_get_n_requests (ts->server), ==, 1);
  g_assert_cmpuint (watcher.n_received, ==, 2);
  g_assert_cmpuint (watcher.n_received_before_done, ==, 2);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Failures: each an error, a ::tile-failed and one more in :n-failed. */
  bytes = fetch_tile (data_source, &watcher, 150, ROW_NOT_FOUND, 8, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "tile 8/150/1: HTTP 404 Not Found");
  g_assert_cmpuint (watcher.n_failed_signals, ==, 1);
  g_assert_cmpstr (watcher.last_failed_message, ==, error->message);
  g_assert_cmpint (watcher.last_failed_x, ==, 150);
  g_assert_cmpint (watcher.last_failed_y, ==, ROW_NOT_FOUND);
  g_assert_cmpint (watcher.last_failed_z, ==, 8);
  g_assert_cmpuint (frontline_tile_source_get_n_failed (source), ==, 1);
  g_assert_cmpuint (watcher.n_failed_notifies, ==, 1);
  g_clear_error (&error);

  bytes = fetch_tile (data_source, &watcher, 150, ROW_SERVER_ERROR, 8, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "tile 8/150/2: HTTP 500 Internal Server Error");
  g_assert_cmpuint (watcher.n_failed_signals, ==, 2);
  g_assert_cmpuint (frontline_tile_source_get_n_failed (source), ==, 2);
  g_clear_error (&error);

  /* A page instead of a tile never reaches the renderer. */
  bytes = fetch_tile (data_source, &watcher, 150, ROW_GARBAGE, 8, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_true (g_pattern_match_simple ("tile 8/150/3: not a PNG or JPEG image (text/html, 30 bytes)",
                                         error->message));
  g_assert_cmpuint (watcher.n_received, ==, 2);
  g_assert_cmpuint (watcher.n_failed_signals, ==, 3);
  g_assert_cmpuint (frontline_tile_source_get_n_failed (source), ==, 3);
  g_clear_error (&error);

  /* A server that never answers. */
  bytes = fetch_tile (data_source, &watcher, 150, ROW_HANG, 8, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_true (g_str_has_prefix (error->message, "tile 8/150/4: "));
  g_assert_cmpuint (frontline_test_server_get_n_hanging (ts->server), ==, 1);
  g_assert_cmpuint (watcher.n_failed_signals, ==, 4);
  g_assert_cmpuint (frontline_tile_source_get_n_failed (source), ==, 4);
  g_clear_error (&error);

  /* Cancelled: the map no longer wants the tile; that is no failure. */
  bytes = fetch_tile (data_source, &watcher, 151, ROW_HANG, 8, cancellable, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (watcher.n_failed_signals, ==, 4);
  g_assert_cmpuint (frontline_tile_source_get_n_failed (source), ==, 4);
  g_clear_error (&error);

  /* Beyond the edge of the world there is nothing to fetch or report. */
  bytes = fetch_tile (data_source, &watcher, 256, ROW_GOOD, 8, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (watcher.n_failed_signals, ==, 4);
  g_clear_error (&error);

  /* After all that, a good tile still loads. */
  bytes = fetch_tile (data_source, &watcher, 152, ROW_GOOD, 8, NULL, &error);
  g_assert_no_error (error);
  assert_bytes_equal (bytes, ts->png);
  assert_bytes_equal (watcher.last_received, ts->png);
  g_assert_cmpuint (g_atomic_int_get (&ts->n_png_sent), ==, 2);
  g_assert_cmpuint (frontline_tile_source_get_n_failed (source), ==, 4);

  watcher_clear (&watcher);
}

/* Responses no tile should be: too big, a bomb, a GIF. Each fails as any
 * other failure does, and none reaches the renderer. */
static void
test_online_hostile (void)
{
  g_autoptr(TileServer) ts = tile_server_new ();
  g_autoptr(FrontlineTileSource) source = loopback_source (ts, "hostile");
  ShumateDataSource *data_source = SHUMATE_DATA_SOURCE (source);
  Watcher watcher = { 0 };
  const struct {
    int         row;
    const char *pattern;
  } cases[] = {
    { ROW_HUGE, "tile 8/150/6: the server sent more than 4194304 bytes" },
    { ROW_BOMB, "tile 8/150/7: PNG image of 16384×16384 pixels; a tile may be at most 1024×1024 (image/png, * bytes)" },
    { ROW_GIF, "tile 8/150/8: not a PNG or JPEG image (image/gif, * bytes)" },
  };

  frontline_tile_source_set_timeout (source, 10);
  watch (&watcher, data_source);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      bytes = fetch_tile (data_source, &watcher, 150, cases[i].row, 8, NULL, &error);
      g_assert_null (bytes);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      if (!g_pattern_match_simple (cases[i].pattern, error->message))
        g_error ("“%s” does not match “%s”", error->message, cases[i].pattern);
      g_assert_cmpuint (watcher.n_failed_signals, ==, i + 1);
      g_assert_cmpuint (frontline_tile_source_get_n_failed (source), ==, i + 1);
      g_assert_cmpuint (watcher.n_received, ==, 0);
    }

  /* The good tile still comes. */
  {
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;

    bytes = fetch_tile (data_source, &watcher, 150, ROW_GOOD, 8, NULL, &error);
    g_assert_no_error (error);
    assert_bytes_equal (bytes, ts->png);
  }

  watcher_clear (&watcher);
}

static void
test_online_revalidate (void)
{
  g_autoptr(TileServer) ts = tile_server_new ();
  g_autoptr(FrontlineTileSource) source = loopback_source (ts, "loopback-stale");
  ShumateDataSource *data_source = SHUMATE_DATA_SOURCE (source);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  Watcher watcher = { 0 };

  /* Every cached tile is stale at once, so each request asks the server. */
  frontline_tile_source_set_max_age (source, 0);
  watch (&watcher, data_source);

  bytes = fetch_tile (data_source, &watcher, 7, ROW_GOOD, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_atomic_int_get (&ts->n_png_sent), ==, 1);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* With the ETag: 304, and the cached copy is the tile. */
  bytes = fetch_tile (data_source, &watcher, 7, ROW_GOOD, 5, NULL, &error);
  g_assert_no_error (error);
  assert_bytes_equal (bytes, ts->png);
  g_assert_cmpstr (last_header (ts, "If-None-Match"), ==, TILE_ETAG);
  g_assert_cmpuint (frontline_test_server_get_n_requests (ts->server), ==, 2);
  g_assert_cmpuint (g_atomic_int_get (&ts->n_not_modified), ==, 1);
  g_assert_cmpuint (g_atomic_int_get (&ts->n_png_sent), ==, 1);
  g_assert_cmpuint (watcher.n_received, ==, 2);
  assert_bytes_equal (watcher.last_received, ts->png);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Without an ETag, by date. */
  bytes = fetch_tile (data_source, &watcher, 7, ROW_NO_ETAG, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (last_header (ts, "If-Modified-Since"));
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = fetch_tile (data_source, &watcher, 7, ROW_NO_ETAG, 5, NULL, &error);
  g_assert_no_error (error);
  assert_bytes_equal (bytes, ts->png);
  g_assert_null (last_header (ts, "If-None-Match"));
  g_assert_nonnull (last_header (ts, "If-Modified-Since"));
  g_assert_cmpuint (g_atomic_int_get (&ts->n_not_modified), ==, 2);
  g_assert_cmpuint (g_atomic_int_get (&ts->n_png_sent), ==, 2);
  g_assert_cmpuint (frontline_tile_source_get_n_failed (source), ==, 0);

  watcher_clear (&watcher);
}

/* A blocking fetch in the test's own thread, as the exporter's band
 * threads fetch: the server answers from its thread, late, with an error
 * status or with a page, and each request is counted. */
static void
test_online_blocking (void)
{
  g_autoptr(FrontlineTestServer) server = frontline_test_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineTileFetcher) fetcher =
    frontline_tile_fetcher_new_custom (frontline_test_server_get_url_template (server), "© Test",
                                       &error);
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GBytes) page = g_bytes_new_static ("<html>Busy</html>", 17);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *agent = NULL;
  gint64 start;

  g_assert_no_error (error);
  session = frontline_tile_fetcher_new_session (fetcher);

  bytes = frontline_tile_fetcher_fetch (fetcher, session, 1, 2, 3, NULL, &error);
  g_assert_no_error (error);
  assert_bytes_equal (bytes, frontline_test_server_get_png (server));
  g_assert_cmpuint (frontline_test_server_get_n_requests (server), ==, 1);
  agent = frontline_test_server_dup_last_header (server, "User-Agent");
  g_assert_cmpstr (agent, ==, FRONTLINE_USER_AGENT);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Late, but within the timeout. */
  frontline_test_server_set_delay (server, 300);
  start = g_get_monotonic_time ();
  bytes = frontline_tile_fetcher_fetch (fetcher, session, 2, 2, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  g_clear_pointer (&bytes, g_bytes_unref);
  frontline_test_server_set_delay (server, 0);

  frontline_test_server_set_status (server, SOUP_STATUS_SERVICE_UNAVAILABLE);
  bytes = frontline_tile_fetcher_fetch (fetcher, session, 3, 2, 3, NULL, &error);
  g_assert_null (bytes);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "503"));
  g_clear_error (&error);
  frontline_test_server_set_status (server, SOUP_STATUS_OK);

  frontline_test_server_set_body (server, "text/html", page);
  bytes = frontline_tile_fetcher_fetch (fetcher, session, 4, 2, 3, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  frontline_test_server_set_body (server, NULL, NULL);

  g_assert_cmpuint (frontline_test_server_get_n_requests (server), ==, 4);
}

static void
test_online_map_source (void)
{
  g_autoptr(TileServer) ts = tile_server_new ();
  g_autoptr(FrontlineTileSource) source = loopback_source (ts, "loopback-map");
  g_autoptr(ShumateMapSource) map_source = frontline_tile_source_new_map_source (source);
  g_autoptr(ShumateTile) tile = NULL;
  g_autoptr(ShumateTile) garbage = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (shumate_map_source_get_license (map_source), ==, "© Test tiles");

  tile = fill_tile (map_source, 3, ROW_GOOD, 4, &error);
  g_assert_no_error (error);
  assert_tile_drawn (tile);

  /* The page never reaches gdk-pixbuf (which would warn); the tile fails. */
  garbage = fill_tile (map_source, 3, ROW_GARBAGE, 4, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (shumate_tile_get_paintable (garbage));
  g_assert_cmpuint (frontline_tile_source_get_n_failed (source), ==, 1);
}

/* MBTiles */

typedef struct {
  int z;
  int x;
  int y;           /* XYZ, from the top; stored as a TMS row */
  GBytes *data;
} FixtureTile;

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Writes an MBTiles file with @metadata (name, value, …, NULL) and @tiles. */
static char *
write_mbtiles (const char        *name,
               const char *const *metadata,
               const FixtureTile *tiles,
               guint              n_tiles)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "fixtures", NULL);
  char *path = g_build_filename (dir, name, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE metadata (name TEXT, value TEXT)");
  exec_sql (db, "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
                "tile_row INTEGER, tile_data BLOB)");
  exec_sql (db, "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)");

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO metadata VALUES (?, ?)", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (guint i = 0; metadata != NULL && metadata[i] != NULL; i += 2)
    {
      sqlite3_bind_text (stmt, 1, metadata[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, metadata[i + 1], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  for (guint i = 0; i < n_tiles; i++)
    {
      gsize size;
      const void *data = g_bytes_get_data (tiles[i].data, &size);

      sqlite3_bind_int (stmt, 1, tiles[i].z);
      sqlite3_bind_int (stmt, 2, tiles[i].x);
      sqlite3_bind_int (stmt, 3, (1 << tiles[i].z) - 1 - tiles[i].y);
      sqlite3_bind_blob (stmt, 4, data, (int) size, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  return path;
}

static const char *const raster_metadata[] = {
  "name", "Test Area",
  "format", "png",
  "bounds", "30.5,46.25,40.75,52.5",
  "minzoom", "0",
  "maxzoom", "2",
  "attribution", "<a href=\"https://example.org\">&copy; Example &amp; Co</a>",
  NULL
};

/* Red at XYZ (0, 0, 1), blue below it at (0, 1, 1), and at (3, 3, 2) a blob
 * that is no image (and large, so the file spans many pages). */
static char *
write_raster_fixture (const char *name)
{
  g_autoptr(GBytes) red = test_png_of_colour (1, 0, 0);
  g_autoptr(GBytes) blue = test_png_of_colour (0, 0, 1);
  g_autoptr(GBytes) damaged = NULL;
  guint8 *noise = g_malloc (64 * 1024);
  FixtureTile tiles[3];

  for (guint i = 0; i < 64 * 1024; i++)
    noise[i] = (guint8) g_test_rand_int_range (0, 256);
  damaged = g_bytes_new_take (noise, 64 * 1024);

  tiles[0] = (FixtureTile) { 1, 0, 0, red };
  tiles[1] = (FixtureTile) { 1, 0, 1, blue };
  tiles[2] = (FixtureTile) { 2, 3, 3, damaged };

  return write_mbtiles (name, raster_metadata, tiles, G_N_ELEMENTS (tiles));
}

static void
test_mbtiles_read (void)
{
  g_autofree char *path = write_raster_fixture ("raster.mbtiles");
  g_autoptr(FrontlineMbtilesSource) source = NULL;
  ShumateDataSource *data_source;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  Watcher watcher = { 0 };

  source = frontline_mbtiles_source_new (path, &error);
  g_assert_no_error (error);
  data_source = SHUMATE_DATA_SOURCE (source);
  watch (&watcher, data_source);

  /* XYZ (0, 0) is the top row: red. Reading the TMS row unflipped gives blue. */
  bytes = fetch_tile (data_source, &watcher, 0, 0, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmphex (png_centre_pixel (bytes), ==, 0xff0000);
  g_assert_cmpuint (watcher.n_received, ==, 1);
  g_assert_cmpuint (watcher.n_received_before_done, ==, 1);
  assert_bytes_equal (watcher.last_received, bytes);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = fetch_tile (data_source, &watcher, 0, 1, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmphex (png_centre_pixel (bytes), ==, 0x0000ff);
  g_assert_cmpuint (watcher.n_received, ==, 2);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Tiles the file does not have: not found, and no failure to report. */
  bytes = fetch_tile (data_source, &watcher, 1, 1, 1, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  bytes = fetch_tile (data_source, &watcher, 0, 0, 5, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (watcher.n_failed_signals, ==, 0);
  g_assert_cmpuint (frontline_mbtiles_source_get_n_failed (source), ==, 0);

  /* A damaged tile is a failure, and never reaches the renderer. */
  bytes = fetch_tile (data_source, &watcher, 3, 3, 2, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "raster.mbtiles"));
  g_assert_nonnull (strstr (error->message, "not a PNG or JPEG"));
  g_assert_cmpuint (watcher.n_failed_signals, ==, 1);
  g_assert_cmpuint (watcher.n_failed_notifies, ==, 1);
  g_assert_cmpuint (frontline_mbtiles_source_get_n_failed (source), ==, 1);
  g_assert_cmpuint (watcher.n_received, ==, 2);
  g_clear_error (&error);

  /* Many at once, from worker threads taking turns on the connection. */
  {
    FetchResult results[16] = { { 0 } };

    for (guint i = 0; i < G_N_ELEMENTS (results); i++)
      shumate_data_source_get_tile_data_async (data_source, 0, i % 2, 1, NULL,
                                               on_tile_data_cb, &results[i]);
    for (guint i = 0; i < G_N_ELEMENTS (results); i++)
      {
        wait_for (&results[i].done, "concurrent tiles");
        g_assert_no_error (results[i].error);
        g_assert_cmphex (png_centre_pixel (results[i].bytes), ==, i % 2 ? 0x0000ff : 0xff0000);
        g_bytes_unref (results[i].bytes);
      }
  }

  watcher_clear (&watcher);
}

static void
test_mbtiles_metadata (void)
{
  g_autofree char *path = write_raster_fixture ("metadata.mbtiles");
  g_autofree char *bare_path = NULL;
  g_autoptr(FrontlineMbtilesSource) source = NULL;
  g_autoptr(FrontlineMbtilesSource) bare = NULL;
  g_autoptr(ShumateMapSource) map_source = NULL;
  g_autoptr(ShumateMapSource) bare_map_source = NULL;
  g_autoptr(GBytes) red = test_png_of_colour (1, 0, 0);
  g_autoptr(GError) error = NULL;
  double west = 0, south = 0, east = 0, north = 0;
  FixtureTile tiles[2];

  source = frontline_mbtiles_source_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (frontline_mbtiles_source_get_path (source), ==, path);
  g_assert_cmpstr (frontline_mbtiles_source_get_name (source), ==, "Test Area");
  g_assert_cmpstr (frontline_mbtiles_source_get_format (source), ==, "png");
  g_assert_cmpstr (frontline_mbtiles_source_get_attribution (source), ==,
                   raster_metadata[11]);
  g_assert_cmpstr (frontline_mbtiles_source_get_license_text (source), ==, "© Example & Co");
  g_assert_cmpuint (frontline_mbtiles_source_get_min_zoom (source), ==, 0);
  g_assert_cmpuint (frontline_mbtiles_source_get_max_zoom (source), ==, 2);
  g_assert_true (frontline_mbtiles_source_get_bounds (source, &west, &south, &east, &north));
  g_assert_cmpfloat (west, ==, 30.5);
  g_assert_cmpfloat (south, ==, 46.25);
  g_assert_cmpfloat (east, ==, 40.75);
  g_assert_cmpfloat (north, ==, 52.5);

  map_source = frontline_mbtiles_source_new_map_source (source);
  g_assert_true (SHUMATE_IS_RASTER_RENDERER (map_source));
  g_assert_cmpstr (shumate_map_source_get_name (map_source), ==, "Test Area");
  g_assert_cmpstr (shumate_map_source_get_license (map_source), ==, "© Example & Co");
  g_assert_cmpuint (shumate_map_source_get_min_zoom_level (map_source), ==, 0);
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (map_source), ==, 2);
  g_assert_cmpuint (shumate_map_source_get_tile_size (map_source), ==, 256);

  /* No metadata at all: the name from the file, the zooms from the tiles,
   * and still a credit line. */
  tiles[0] = (FixtureTile) { 3, 1, 2, red };
  tiles[1] = (FixtureTile) { 5, 1, 2, red };
  bare_path = write_mbtiles ("bare.mbtiles", NULL, tiles, G_N_ELEMENTS (tiles));
  bare = frontline_mbtiles_source_new (bare_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (frontline_mbtiles_source_get_name (bare), ==, "bare");
  g_assert_null (frontline_mbtiles_source_get_attribution (bare));
  g_assert_null (frontline_mbtiles_source_get_format (bare));
  g_assert_false (frontline_mbtiles_source_get_bounds (bare, NULL, NULL, NULL, NULL));
  g_assert_cmpuint (frontline_mbtiles_source_get_min_zoom (bare), ==, 3);
  g_assert_cmpuint (frontline_mbtiles_source_get_max_zoom (bare), ==, 5);
  bare_map_source = frontline_mbtiles_source_new_map_source (bare);
  g_assert_cmpstr (shumate_map_source_get_license (bare_map_source), ==,
                   "bare (no attribution in the file)");
  g_assert_cmpstr (shumate_map_source_get_id (bare_map_source), !=,
                   shumate_map_source_get_id (map_source));
}

/* Tiles in a file that no tile should be: failed tiles, not the renderer's
 * problem. */
static void
test_mbtiles_hostile_tiles (void)
{
  g_autoptr(GBytes) bomb = test_png_bomb (16384);
  g_autoptr(GBytes) gif = test_foreign_image (0);
  g_autoptr(GBytes) wide = test_png_header_only (40000, 1);
  g_autoptr(GBytes) good = test_png_of_colour (0, 0, 1);
  g_autofree char *path = NULL;
  g_autoptr(FrontlineMbtilesSource) source = NULL;
  g_autoptr(GError) error = NULL;
  Watcher watcher = { 0 };
  g_autoptr(GBytes) big = g_bytes_new_take (g_malloc0 (5 * 1024 * 1024), 5 * 1024 * 1024);
  FixtureTile tiles[] = {
    { 1, 0, 0, bomb }, { 1, 1, 0, gif }, { 1, 0, 1, wide }, { 2, 0, 0, big }, { 1, 1, 1, good },
  };

  path = write_mbtiles ("hostile-tiles.mbtiles", raster_metadata, tiles, G_N_ELEMENTS (tiles));
  source = frontline_mbtiles_source_new (path, &error);
  g_assert_no_error (error);
  watch (&watcher, SHUMATE_DATA_SOURCE (source));

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GBytes) bytes = NULL;

      bytes = fetch_tile (SHUMATE_DATA_SOURCE (source), &watcher, tiles[i].x, tiles[i].y, tiles[i].z, NULL,
                          &error);
      g_assert_null (bytes);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, i < 3 ? "hostile-tiles.mbtiles: tile 1/"
                                                      : "hostile-tiles.mbtiles: tile 2/0/0: image of 5242880 bytes"));
      g_clear_error (&error);
      g_assert_cmpuint (watcher.n_failed_signals, ==, i + 1);
      g_assert_cmpuint (watcher.n_received, ==, 0);
    }

  {
    g_autoptr(GBytes) bytes = fetch_tile (SHUMATE_DATA_SOURCE (source), &watcher, 1, 1, 1, NULL, &error);

    g_assert_no_error (error);
    assert_bytes_equal (bytes, good);
    g_assert_cmpuint (watcher.n_received, ==, 1);
  }

  watcher_clear (&watcher);
}

/* Metadata as a careless or hostile writer leaves it: not UTF-8, HTML,
 * control characters, megabytes. What the map shows is short, valid text. */
static void
test_mbtiles_hostile_metadata (void)
{
  g_autoptr(GBytes) red = test_png_of_colour (1, 0, 0);
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autoptr(GString) long_attribution = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *long_path = NULL;
  g_autoptr(FrontlineMbtilesSource) source = NULL;
  g_autoptr(FrontlineMbtilesSource) long_source = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;
  FixtureTile tiles[] = { { 1, 0, 0, red } };
  const char *const metadata[] = {
    "name", "Bad \xff\xfe name\x01",
    "format", "png",
    "attribution", "<a href=\"x\">&copy; \xc3\x28 Evil <b>Co</b>\x01\x7f</a><script>alert(1)</script>",
    "bounds", "nan,0,1e999,5",
    "minzoom", "-5",
    "maxzoom", "1e300",
    NULL
  };
  const char *long_metadata[5] = { "name", NULL, "attribution", NULL, NULL };

  path = write_mbtiles ("hostile-metadata.mbtiles", metadata, tiles, G_N_ELEMENTS (tiles));
  source = frontline_mbtiles_source_new (path, &error);
  g_assert_no_error (error);

  text = frontline_mbtiles_source_get_name (source);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpstr (text, ==, "Bad \xef\xbf\xbd\xef\xbf\xbd name");
  text = frontline_mbtiles_source_get_attribution (source);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  text = frontline_mbtiles_source_get_license_text (source);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_null (strchr (text, '<'));
  g_assert_null (strchr (text, '\x01'));
  g_assert_true (g_str_has_prefix (text, "© \xef\xbf\xbd( Evil Co"));
  /* Numbers out of range are ignored: no bounds, the zooms from the tiles. */
  g_assert_false (frontline_mbtiles_source_get_bounds (source, NULL, NULL, NULL, NULL));
  g_assert_cmpuint (frontline_mbtiles_source_get_min_zoom (source), ==, 1);
  g_assert_cmpuint (frontline_mbtiles_source_get_max_zoom (source), ==, 1);

  /* A megabyte of name and of attribution. */
  for (guint i = 0; i < 100000; i++)
    {
      g_string_append (long_name, "Long name ");
      g_string_append (long_attribution, "<i>&copy;</i> ");
    }
  long_metadata[1] = long_name->str;
  long_metadata[3] = long_attribution->str;
  long_path = write_mbtiles ("long-metadata.mbtiles", long_metadata, tiles, G_N_ELEMENTS (tiles));
  long_source = frontline_mbtiles_source_new (long_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_utf8_strlen (frontline_mbtiles_source_get_name (long_source), -1), <=, 201);
  g_assert_cmpint (g_utf8_strlen (frontline_mbtiles_source_get_license_text (long_source), -1), <=, 2001);
  g_assert_cmpint (strlen (frontline_mbtiles_source_get_attribution (long_source)), <=, 64 * 1024);
}

static void
test_mbtiles_map_source (void)
{
  g_autofree char *path = write_raster_fixture ("map-source.mbtiles");
  g_autoptr(FrontlineMbtilesSource) source = NULL;
  g_autoptr(ShumateMapSource) map_source = NULL;
  g_autoptr(ShumateTile) tile = NULL;
  g_autoptr(ShumateTile) damaged = NULL;
  g_autoptr(ShumateTile) missing = NULL;
  g_autoptr(GError) error = NULL;

  source = frontline_mbtiles_source_new (path, &error);
  g_assert_no_error (error);
  map_source = frontline_mbtiles_source_new_map_source (source);

  tile = fill_tile (map_source, 0, 1, 1, &error);
  g_assert_no_error (error);
  assert_tile_drawn (tile);

  damaged = fill_tile (map_source, 3, 3, 2, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (shumate_tile_get_paintable (damaged));
  g_clear_error (&error);

  missing = fill_tile (map_source, 1, 0, 1, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (shumate_tile_get_paintable (missing));

  g_assert_cmpuint (frontline_mbtiles_source_get_n_failed (source), ==, 1);
}

static void
assert_open_fails (const char *path,
                   int         code,
                   const char *pattern)
{
  g_autoptr(FrontlineMbtilesSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_path_get_basename (path);

  source = frontline_mbtiles_source_new (path, &error);
  g_assert_null (source);
  g_test_message ("%s", error->message);
  g_assert_error (error, G_IO_ERROR, code);
  /* Every message names the file. */
  if (strstr (error->message, basename) == NULL
      || !g_pattern_match_simple (pattern, error->message))
    g_error ("unexpected message “%s” for %s", error->message, basename);
}

static void
test_mbtiles_errors (void)
{
  static const char *const vector_metadata[] = {
    "name", "Vector", "format", "pbf", "minzoom", "0", "maxzoom", "14", NULL
  };
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "fixtures", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.mbtiles", NULL);
  g_autofree char *random = g_build_filename (dir, "random.mbtiles", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.mbtiles", NULL);
  g_autofree char *no_metadata = g_build_filename (dir, "no-metadata.mbtiles", NULL);
  g_autofree char *vector = NULL;
  g_autofree char *valid = NULL;
  g_autofree char *truncated = g_build_filename (dir, "truncated.mbtiles", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  guint8 noise[4096];
  sqlite3 *db = NULL;
  gsize length;

  g_mkdir_with_parents (dir, 0700);

  assert_open_fails (missing, G_IO_ERROR_NOT_FOUND, "*no such file*");

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (guint8) g_test_rand_int_range (0, 256);
  g_file_set_contents (random, (const char *) noise, sizeof noise, &error);
  g_assert_no_error (error);
  assert_open_fails (random, G_IO_ERROR_INVALID_DATA, "*not an MBTiles file*");

  /* An SQLite database, but not an MBTiles one. */
  g_assert_cmpint (sqlite3_open (empty, &db), ==, SQLITE_OK);
  exec_sql (db, "PRAGMA user_version = 1");
  sqlite3_close (db);
  assert_open_fails (empty, G_IO_ERROR_INVALID_DATA, "*: not an MBTiles file: no tiles table");

  g_assert_cmpint (sqlite3_open (no_metadata, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE tiles (zoom_level, tile_column, tile_row, tile_data)");
  sqlite3_close (db);
  assert_open_fails (no_metadata, G_IO_ERROR_INVALID_DATA,
                     "*: not an MBTiles file: no metadata table");

  vector = write_mbtiles ("vector.mbtiles", vector_metadata, NULL, 0);
  assert_open_fails (vector, G_IO_ERROR_NOT_SUPPORTED,
                     "*: vector MBTiles (pbf) are not supported; "
                     "use a raster (PNG or JPEG) MBTiles file");

  /* Half a file: an error, never a crash. */
  valid = write_raster_fixture ("valid.mbtiles");
  g_file_get_contents (valid, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 16 * 1024);
  g_file_set_contents (truncated, contents, length / 2, &error);
  g_assert_no_error (error);
  assert_open_fails (truncated, G_IO_ERROR_INVALID_DATA, "*damaged*");
}

/* ShumateRasterRenderer decodes tiles with gdk-pixbuf, which tells PNG from
 * JPEG through GIO's MIME database: keep the system's, which
 * G_TEST_OPTION_ISOLATE_DIRS would hide, or every tile is "Unrecognized image
 * file format". The folders are given rather than NULL, GLib's advice, because
 * with NULL GLib 2.74 leaks the system data folders when the test isolates
 * them. */
static void
use_system_mime_database (void)
{
  const char *data_dirs = g_getenv ("XDG_DATA_DIRS");
  g_auto(GStrv) dirs = NULL;
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);

  if (data_dirs == NULL || *data_dirs == '\0')
    data_dirs = "/usr/local/share:/usr/share";

  dirs = g_strsplit (data_dirs, G_SEARCHPATH_SEPARATOR_S, -1);
  for (guint i = 0; dirs[i] != NULL; i++)
    {
      if (*dirs[i] != '\0')
        g_ptr_array_add (mime_dirs, g_build_filename (dirs[i], "mime", NULL));
    }
  g_ptr_array_add (mime_dirs, NULL);

  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);
}

int
main (int   argc,
      char *argv[])
{
  /* libsoup asks GIO for the system proxy resolver, and glib-networking's
   * GNOME one reads org.gnome.system.proxy, a schema the test's own schema
   * folder lacks. The loopback server needs no proxy. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  use_system_mime_database ();
  frontline_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/frontline/tiles/image/decode", test_image_decode);
  g_test_add_func ("/frontline/tiles/image/hostile", test_image_hostile);
  g_test_add_func ("/frontline/tiles/online/builtin", test_online_builtin);
  g_test_add_func ("/frontline/tiles/online/custom", test_online_custom);
  g_test_add_func ("/frontline/tiles/online/download", test_online_download);
  g_test_add_func ("/frontline/tiles/online/hostile", test_online_hostile);
  g_test_add_func ("/frontline/tiles/online/revalidate", test_online_revalidate);
  g_test_add_func ("/frontline/tiles/online/blocking", test_online_blocking);
  g_test_add_func ("/frontline/tiles/online/map-source", test_online_map_source);
  g_test_add_func ("/frontline/tiles/mbtiles/read", test_mbtiles_read);
  g_test_add_func ("/frontline/tiles/mbtiles/metadata", test_mbtiles_metadata);
  g_test_add_func ("/frontline/tiles/mbtiles/map-source", test_mbtiles_map_source);
  g_test_add_func ("/frontline/tiles/mbtiles/hostile-tiles", test_mbtiles_hostile_tiles);
  g_test_add_func ("/frontline/tiles/mbtiles/hostile-metadata", test_mbtiles_hostile_metadata);
  g_test_add_func ("/frontline/tiles/mbtiles/errors", test_mbtiles_errors);

  return g_test_run ();
}
