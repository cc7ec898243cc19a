/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-tile-source"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "frontline-tile-fetcher.h"
#include "frontline-tile-source.h"
#include "frontline-tiles-private.h"

/* Online XYZ raster tiles. libshumate's ShumateTileDownloader would do, but it
 * always sends "libshumate/1.0.3" as its agent, which the OpenStreetMap tile
 * usage policy turns away, and it drops errors silently. This source keeps
 * its own SoupSession (from its FrontlineTileFetcher, the display-free part
 * that the exporter uses too: our agent, a small connection limit), caches in
 * a ShumateFileCache, revalidates stale tiles with the ETag or the date, and
 * reports each failure through ::tile-failed and :n-failed.
 *
 * Nothing touches the disk or the network until a tile is asked for, so the
 * built-in sources can be listed freely. */

#define DEFAULT_TILE_SIZE 256
#define DEFAULT_TIMEOUT 15                        /* seconds */
#define DEFAULT_MAX_AGE (7 * 24 * 60 * 60)        /* seconds, as ShumateTileDownloader */
#define CACHE_SIZE_LIMIT (100 * 1000 * 1000)      /* bytes, as ShumateTileDownloader */

struct _FrontlineTileSource
{
  ShumateDataSource parent_instance;

  /* The construct properties, until constructed() makes the fetcher of
   * them; from then on the fetcher is the one description of the server. */
  struct {
    char  *id;
    char  *name;
    char  *url_template;
    char  *attribution;
    char  *attribution_url;
    guint  min_zoom;
    guint  max_zoom;
    guint  tile_size;
  } construct;
  guint timeout;
  guint max_age;
  guint n_failed;

  /* The display-free part: the server (id, URLs, credits, zooms), the
   * session's settings, fetching for exports. */
  FrontlineTileFetcher *fetcher;

  /* Both made on the first request. */
  SoupSession *session;
  ShumateFileCache *cache;
};

G_DEFINE_FINAL_TYPE (FrontlineTileSource, frontline_tile_source, SHUMATE_TYPE_DATA_SOURCE)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_URL_TEMPLATE,
  PROP_ATTRIBUTION,
  PROP_ATTRIBUTION_URL,
  PROP_MIN_ZOOM,
  PROP_MAX_ZOOM,
  PROP_TILE_SIZE,
  PROP_TIMEOUT,
  PROP_MAX_AGE,
  PROP_N_FAILED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  TILE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * frontline_tile_source_validate_url_template:
 * @url_template: a URL with {z}, {x} and {y}
 * @error: a location for the reason it is not usable
 *
 * Checks a user's tile URL: http or https, a host, and all three
 * placeholders. The preferences can call it as the user types.
 */
gboolean
frontline_tile_source_validate_url_template (const char  *url_template,
                                             GError     **error)
{
  return frontline_tile_fetcher_validate_url_template (url_template, error);
}

/* Requests */

typedef struct {
  int x;
  int y;
  int z;
  GBytes *cached;     /* the copy in the file cache, if any */
  char *etag;         /* its ETag, if the server gave one */
  GDateTime *modtime; /* when it was stored or last revalidated */
  SoupMessage *msg;
  GBytes *fetched;    /* what the server sent, while it is being stored */
} TileRequest;

static void
tile_request_free (TileRequest *request)
{
  g_clear_pointer (&request->cached, g_bytes_unref);
  g_free (request->etag);
  g_clear_pointer (&request->modtime, g_date_time_unref);
  g_clear_object (&request->msg);
  g_clear_pointer (&request->fetched, g_bytes_unref);
  g_free (request);
}

/* Ends the request with @error (taking it), counting and announcing it unless
 * the caller cancelled: a cancelled tile is one the map no longer shows. */
static void
fail_request (GTask  *task,
              GError *error)
{
  FrontlineTileSource *self = g_task_get_source_object (task);
  TileRequest *request = g_task_get_task_data (task);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("%s: %s", frontline_tile_fetcher_get_id (self->fetcher), error->message);
      self->n_failed++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FAILED]);
      g_signal_emit (self, signals[TILE_FAILED], 0, request->x, request->y, request->z, error);
    }

  g_task_return_error (task, error);
}

/* Hands the tile to the renderer. In libshumate 1.0 ShumateRasterRenderer
 * sets the texture only from ::received-data, never from the result. */
static void
emit_received_data (FrontlineTileSource *self,
                    TileRequest         *request,
                    GBytes              *bytes)
{
  g_signal_emit_by_name (self, "received-data", request->x, request->y, request->z, bytes);
}

static gboolean
is_fresh (FrontlineTileSource *self,
          GDateTime           *modtime)
{
  g_autoptr(GDateTime) now = NULL;

  if (modtime == NULL)
    return FALSE;

  now = g_date_time_new_now_utc ();
  return g_date_time_difference (now, modtime) < (GTimeSpan) self->max_age * G_TIME_SPAN_SECOND;
}

static void
ensure_session (FrontlineTileSource *self)
{
  if (self->session == NULL)
    self->session = frontline_tile_fetcher_new_session (self->fetcher);
}

static void
ensure_cache (FrontlineTileSource *self)
{
  g_autofree char *dir = NULL;

  if (self->cache != NULL)
    return;

  dir = frontline_tile_cache_dir ();
  self->cache = shumate_file_cache_new_full (CACHE_SIZE_LIMIT,
                                             frontline_tile_fetcher_get_id (self->fetcher), dir);
}

static void
on_cache_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TileRequest *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* A tile that could not be cached is still a tile. */
  if (!shumate_file_cache_store_tile_finish (SHUMATE_FILE_CACHE (object), result, &error))
    g_debug ("Could not cache tile %d/%d/%d: %s", request->z, request->x, request->y,
             error->message);

  g_task_return_pointer (task, g_steal_pointer (&request->fetched),
                         (GDestroyNotify) g_bytes_unref);
}

/* Takes @owned_task, and @body or @error. */
static void
handle_response (GTask  *owned_task,
                 GBytes *body_in,
                 GError *error)
{
  g_autoptr(GTask) task = owned_task;
  FrontlineTileSource *self = g_task_get_source_object (task);
  TileRequest *request = g_task_get_task_data (task);
  g_autoptr(GBytes) body = body_in;
  const char *etag;
  guint status;

  if (body == NULL)
    {
      if (request->cached != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Offline, or the server is down: the stale copy is on screen
           * already and is better than nothing. */
          g_debug ("Using a stale tile %d/%d/%d: %s", request->z, request->x, request->y,
                   error->message);
          g_error_free (error);
          g_task_return_pointer (task, g_steal_pointer (&request->cached),
                                 (GDestroyNotify) g_bytes_unref);
          return;
        }

      /* TRANSLATORS: zoom/column/row of a map tile, before what went wrong */
      g_prefix_error (&error, _("tile %d/%d/%d: "), request->z, request->x, request->y);
      fail_request (task, error);
      return;
    }

  status = soup_message_get_status (request->msg);

  if (status == SOUP_STATUS_NOT_MODIFIED && request->cached != NULL)
    {
      shumate_file_cache_mark_up_to_date (self->cache, request->x, request->y, request->z);
      g_task_return_pointer (task, g_steal_pointer (&request->cached),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status) || !frontline_tile_data_is_image (body))
    {
      const char *reason = soup_message_get_reason_phrase (request->msg);

      if (reason == NULL || *reason == '\0')
        reason = soup_status_get_phrase (status);

      if (request->cached != NULL)
        {
          g_debug ("Using a stale tile %d/%d/%d: HTTP %u %s", request->z, request->x, request->y,
                   status, reason);
          g_task_return_pointer (task, g_steal_pointer (&request->cached),
                                 (GDestroyNotify) g_bytes_unref);
          return;
        }

      if (!SOUP_STATUS_IS_SUCCESSFUL (status))
        {
          error = g_error_new (G_IO_ERROR, frontline_tile_io_error_for_status (status),
                               /* TRANSLATORS: "tile 8/150/85: HTTP 404 Not Found" (z/x/y) */
                               _("tile %d/%d/%d: HTTP %u %s"),
                               request->z, request->x, request->y, status, reason);
        }
      else
        {
          error = frontline_tile_not_an_image_error (request->msg, body, request->z, request->x, request->y);
        }

      fail_request (task, error);
      return;
    }

  emit_received_data (self, request, body);

  /* Store before completing, so that asking again for the tile finds it. */
  etag = soup_message_headers_get_one (soup_message_get_response_headers (request->msg), "ETag");
  request->fetched = g_steal_pointer (&body);
  shumate_file_cache_store_tile_async (self->cache, request->x, request->y, request->z,
                                       request->fetched, etag, NULL,
                                       on_cache_stored_cb, g_steal_pointer (&task));
}

static void
on_body_spliced_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  GOutputStream *body = G_OUTPUT_STREAM (object);
  GError *error = NULL;

  if (g_output_stream_splice_finish (body, result, &error) < 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        {
          g_clear_error (&error);
          frontline_tile_set_too_big_error (&error);
        }
      g_object_unref (body);
      handle_response (task, NULL, error);
      return;
    }

  handle_response (task, g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (body)), NULL);
  g_object_unref (body);
}

static void
on_send_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GInputStream) stream = NULL;
  GError *error = NULL;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      handle_response (task, NULL, error);
      return;
    }

  /* The body, read into a stream that refuses more than a tile's worth. */
  g_output_stream_splice_async (frontline_tile_body_new (), stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                on_body_spliced_cb, task);
}

/* Takes @owned_task. */
static void
fetch_from_network (GTask *owned_task)
{
  g_autoptr(GTask) task = owned_task;
  FrontlineTileSource *self = g_task_get_source_object (task);
  TileRequest *request = g_task_get_task_data (task);
  g_autofree char *uri = frontline_tile_source_build_url (self, request->x, request->y, request->z);
  SoupMessageHeaders *headers;
  GCancellable *cancellable;

  request->msg = soup_message_new (SOUP_METHOD_GET, uri);
  if (request->msg == NULL)
    {
      fail_request (task, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                       _("tile %d/%d/%d: invalid URL “%s”"),
                                       request->z, request->x, request->y, uri));
      return;
    }

  /* Revalidate the stale copy rather than download it again. Prefer the
   * ETag: some servers (tile.openstreetmap.org among them) give every tile
   * the current time as its modification date. */
  headers = soup_message_get_request_headers (request->msg);
  if (request->cached != NULL && request->etag != NULL)
    {
      soup_message_headers_append (headers, "If-None-Match", request->etag);
    }
  else if (request->cached != NULL && request->modtime != NULL)
    {
      g_autofree char *date = soup_date_time_to_string (request->modtime, SOUP_DATE_HTTP);

      soup_message_headers_append (headers, "If-Modified-Since", date);
    }

  ensure_session (self);
  cancellable = g_task_get_cancellable (task);
  soup_session_send_async (self->session, request->msg, G_PRIORITY_DEFAULT, cancellable,
                           on_send_cb, g_steal_pointer (&task));
}

static void
on_cache_get_tile_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FrontlineTileSource *self = g_task_get_source_object (task);
  TileRequest *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  request->cached = shumate_file_cache_get_tile_finish (SHUMATE_FILE_CACHE (object),
                                                        &request->etag, &request->modtime,
                                                        result, &error);
  if (g_task_return_error_if_cancelled (task))
    return;

  if (request->cached == NULL && error != NULL
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_debug ("Could not read the cached tile %d/%d/%d: %s", request->z, request->x, request->y,
             error->message);

  /* A damaged file in the cache is not worth showing; download it again. */
  if (request->cached != NULL && !frontline_tile_data_is_image (request->cached))
    {
      g_clear_pointer (&request->cached, g_bytes_unref);
      g_clear_pointer (&request->etag, g_free);
      g_clear_pointer (&request->modtime, g_date_time_unref);
    }

  if (request->cached != NULL)
    {
      /* Show the cached copy at once, even a stale one: revalidating it can
       * take as long as the timeout. */
      emit_received_data (self, request, request->cached);

      if (is_fresh (self, request->modtime))
        {
          g_task_return_pointer (task, g_steal_pointer (&request->cached),
                                 (GDestroyNotify) g_bytes_unref);
          return;
        }
    }

  fetch_from_network (g_steal_pointer (&task));
}

static void
frontline_tile_source_get_tile_data_async (ShumateDataSource   *source,
                                           int                  x,
                                           int                  y,
                                           int                  z,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  FrontlineTileSource *self = FRONTLINE_TILE_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  TileRequest *request;

  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, frontline_tile_source_get_tile_data_async);

  request = g_new0 (TileRequest, 1);
  request->x = x;
  request->y = y;
  request->z = z;
  g_task_set_task_data (task, request, (GDestroyNotify) tile_request_free);

  /* Outside the world or the source's zooms there is nothing to fetch, and
   * nothing has failed either. */
  if (z < 0 || z > 30 || (guint) z < frontline_tile_source_get_min_zoom (self)
      || (guint) z > frontline_tile_source_get_max_zoom (self)
      || x < 0 || y < 0 || x >= (1 << z) || y >= (1 << z))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("tile %d/%d/%d: outside the map"), z, x, y);
      return;
    }

  ensure_cache (self);
  shumate_file_cache_get_tile_async (self->cache, x, y, z, cancellable,
                                     on_cache_get_tile_cb, g_steal_pointer (&task));
}

static GBytes *
frontline_tile_source_get_tile_data_finish (ShumateDataSource  *source,
                                            GAsyncResult       *result,
                                            GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The object */

static void
clear_construct (FrontlineTileSource *self)
{
  g_clear_pointer (&self->construct.id, g_free);
  g_clear_pointer (&self->construct.name, g_free);
  g_clear_pointer (&self->construct.url_template, g_free);
  g_clear_pointer (&self->construct.attribution, g_free);
  g_clear_pointer (&self->construct.attribution_url, g_free);
}

static void
frontline_tile_source_constructed (GObject *object)
{
  FrontlineTileSource *self = FRONTLINE_TILE_SOURCE (object);
  FrontlineTileSourceInfo info = {
    .id = self->construct.id,
    .name = self->construct.name,
    .url_template = self->construct.url_template,
    .attribution = self->construct.attribution,
    .attribution_url = self->construct.attribution_url,
    .min_zoom = self->construct.min_zoom,
    .max_zoom = self->construct.max_zoom,
    .tile_size = self->construct.tile_size,
  };

  G_OBJECT_CLASS (frontline_tile_source_parent_class)->constructed (object);

  /* The fetcher fills in what is missing (the id, which names the cache
   * folder; credits, which every map needs) and keeps the zooms in range. */
  self->fetcher = frontline_tile_fetcher_new (&info);
  frontline_tile_fetcher_set_timeout (self->fetcher, self->timeout);
  clear_construct (self);
}

static void
frontline_tile_source_dispose (GObject *object)
{
  FrontlineTileSource *self = FRONTLINE_TILE_SOURCE (object);

  g_clear_object (&self->session);
  g_clear_object (&self->cache);
  g_clear_object (&self->fetcher);

  G_OBJECT_CLASS (frontline_tile_source_parent_class)->dispose (object);
}

static void
frontline_tile_source_finalize (GObject *object)
{
  FrontlineTileSource *self = FRONTLINE_TILE_SOURCE (object);

  clear_construct (self);

  G_OBJECT_CLASS (frontline_tile_source_parent_class)->finalize (object);
}

static void
frontline_tile_source_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  FrontlineTileSource *self = FRONTLINE_TILE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, frontline_tile_source_get_id (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, frontline_tile_source_get_name (self));
      break;

    case PROP_URL_TEMPLATE:
      g_value_set_string (value, frontline_tile_source_get_url_template (self));
      break;

    case PROP_ATTRIBUTION:
      g_value_set_string (value, frontline_tile_source_get_attribution (self));
      break;

    case PROP_ATTRIBUTION_URL:
      g_value_set_string (value, frontline_tile_source_get_attribution_url (self));
      break;

    case PROP_MIN_ZOOM:
      g_value_set_uint (value, frontline_tile_source_get_min_zoom (self));
      break;

    case PROP_MAX_ZOOM:
      g_value_set_uint (value, frontline_tile_source_get_max_zoom (self));
      break;

    case PROP_TILE_SIZE:
      g_value_set_uint (value, frontline_tile_source_get_tile_size (self));
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    case PROP_MAX_AGE:
      g_value_set_uint (value, self->max_age);
      break;

    case PROP_N_FAILED:
      g_value_set_uint (value, self->n_failed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_tile_source_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  FrontlineTileSource *self = FRONTLINE_TILE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (self->construct.id);
      self->construct.id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      g_free (self->construct.name);
      self->construct.name = g_value_dup_string (value);
      break;

    case PROP_URL_TEMPLATE:
      g_free (self->construct.url_template);
      self->construct.url_template = g_value_dup_string (value);
      break;

    case PROP_ATTRIBUTION:
      g_free (self->construct.attribution);
      self->construct.attribution = g_value_dup_string (value);
      break;

    case PROP_ATTRIBUTION_URL:
      g_free (self->construct.attribution_url);
      self->construct.attribution_url = g_value_dup_string (value);
      break;

    case PROP_MIN_ZOOM:
      self->construct.min_zoom = g_value_get_uint (value);
      break;

    case PROP_MAX_ZOOM:
      self->construct.max_zoom = g_value_get_uint (value);
      break;

    case PROP_TILE_SIZE:
      self->construct.tile_size = g_value_get_uint (value);
      break;

    case PROP_TIMEOUT:
      frontline_tile_source_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_MAX_AGE:
      frontline_tile_source_set_max_age (self, g_value_get_uint (value));
      break;

    case PROP_N_FAILED:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_tile_source_class_init (FrontlineTileSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);
  GParamFlags construct = (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  GParamFlags settable = (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  object_class->constructed = frontline_tile_source_constructed;
  object_class->dispose = frontline_tile_source_dispose;
  object_class->finalize = frontline_tile_source_finalize;
  object_class->get_property = frontline_tile_source_get_property;
  object_class->set_property = frontline_tile_source_set_property;

  source_class->get_tile_data_async = frontline_tile_source_get_tile_data_async;
  source_class->get_tile_data_finish = frontline_tile_source_get_tile_data_finish;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, construct);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, construct);
  properties[PROP_URL_TEMPLATE] =
    g_param_spec_string ("url-template", NULL, NULL, NULL, construct);
  properties[PROP_ATTRIBUTION] =
    g_param_spec_string ("attribution", NULL, NULL, NULL, construct);
  properties[PROP_ATTRIBUTION_URL] =
    g_param_spec_string ("attribution-url", NULL, NULL, NULL, construct);
  properties[PROP_MIN_ZOOM] =
    g_param_spec_uint ("min-zoom", NULL, NULL, 0, 30, 0, construct);
  properties[PROP_MAX_ZOOM] =
    g_param_spec_uint ("max-zoom", NULL, NULL, 0, 30, 19, construct);
  properties[PROP_TILE_SIZE] =
    g_param_spec_uint ("tile-size", NULL, NULL, 1, 4096, DEFAULT_TILE_SIZE, construct);
  /* Seconds a request may wait on the server before it fails, so a server
   * that never answers ends in an error rather than a blank tile forever. */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 600, DEFAULT_TIMEOUT, settable);
  /* Seconds a cached tile is used without asking the server. */
  properties[PROP_MAX_AGE] =
    g_param_spec_uint ("max-age", NULL, NULL, 0, G_MAXUINT, DEFAULT_MAX_AGE, settable);
  /* Tiles that failed so far (not counting cancelled ones): the map says so
   * rather than stay blank. */
  properties[PROP_N_FAILED] =
    g_param_spec_uint ("n-failed", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FrontlineTileSource::tile-failed:
   * @x: the tile's column
   * @y: the tile's row
   * @z: the zoom level
   * @error: what went wrong
   *
   * A tile could not be loaded (HTTP error, not an image, timeout, no
   * network). Emitted in the main context the request was made from, before
   * the request completes. Cancelled requests are not failures.
   */
  signals[TILE_FAILED] =
    g_signal_new ("tile-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4,
                  G_TYPE_INT, G_TYPE_INT, G_TYPE_INT,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
frontline_tile_source_init (FrontlineTileSource *self)
{
  self->construct.max_zoom = 19;
  self->construct.tile_size = DEFAULT_TILE_SIZE;
  self->timeout = DEFAULT_TIMEOUT;
  self->max_age = DEFAULT_MAX_AGE;
}

/* Public API */

/**
 * frontline_tile_source_new:
 * @info: the server to use; its template is assumed valid
 *
 * Returns: (transfer full): a new source; it makes no request until asked
 *   for a tile
 */
FrontlineTileSource *
frontline_tile_source_new (const FrontlineTileSourceInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (info->url_template != NULL, NULL);

  return g_object_new (FRONTLINE_TYPE_TILE_SOURCE,
                       "id", info->id,
                       "name", info->name,
                       "url-template", info->url_template,
                       "attribution", info->attribution,
                       "attribution-url", info->attribution_url,
                       "min-zoom", info->min_zoom,
                       "max-zoom", info->max_zoom,
                       "tile-size", info->tile_size != 0 ? info->tile_size : DEFAULT_TILE_SIZE,
                       NULL);
}

/**
 * frontline_tile_source_new_custom:
 * @url_template: the user's XYZ URL, with {z}, {x} and {y}
 * @attribution: (nullable): the credit the server asks for
 * @error: a location for what is wrong with the template
 *
 * A source for the user's own tile server, zoom levels 0 to 19. Its id (and
 * so its cache) follows the template, so changing the server never shows the
 * old server's tiles.
 *
 * Returns: (transfer full) (nullable): the source, or %NULL with @error set
 */
FrontlineTileSource *
frontline_tile_source_new_custom (const char  *url_template,
                                  const char  *attribution,
                                  GError     **error)
{
  g_autoptr(FrontlineTileFetcher) fetcher = NULL;
  FrontlineTileSourceInfo info = { 0 };

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fetcher = frontline_tile_fetcher_new_custom (url_template, attribution, error);
  if (fetcher == NULL)
    return NULL;

  frontline_tile_fetcher_get_info (fetcher, &info);
  return frontline_tile_source_new (&info);
}

const FrontlineTileSourceInfo *
frontline_tile_source_get_builtin_info (guint *n_infos)
{
  return frontline_tile_fetcher_get_builtin_info (n_infos);
}

/**
 * frontline_tile_source_new_builtin:
 * @id: "openstreetmap" or "opentopomap"
 *
 * Returns: (transfer full) (nullable): the built-in source with @id, or %NULL
 */
FrontlineTileSource *
frontline_tile_source_new_builtin (const char *id)
{
  guint n_infos = 0;
  const FrontlineTileSourceInfo *infos = frontline_tile_fetcher_get_builtin_info (&n_infos);

  for (guint i = 0; i < n_infos; i++)
    {
      if (g_strcmp0 (id, infos[i].id) == 0)
        return frontline_tile_source_new (&infos[i]);
    }

  return NULL;
}

/**
 * frontline_tile_source_list_builtin:
 *
 * Returns: (transfer full): a list of new #FrontlineTileSource, one per
 *   built-in server, for a drop-down
 */
GListModel *
frontline_tile_source_list_builtin (void)
{
  GListStore *store = g_list_store_new (FRONTLINE_TYPE_TILE_SOURCE);
  guint n_infos = 0;
  const FrontlineTileSourceInfo *infos = frontline_tile_fetcher_get_builtin_info (&n_infos);

  for (guint i = 0; i < n_infos; i++)
    {
      g_autoptr(FrontlineTileSource) source = frontline_tile_source_new (&infos[i]);

      g_list_store_append (store, source);
    }

  return G_LIST_MODEL (store);
}

const char *
frontline_tile_source_get_id (FrontlineTileSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), NULL);

  return frontline_tile_fetcher_get_id (self->fetcher);
}

const char *
frontline_tile_source_get_name (FrontlineTileSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), NULL);

  return frontline_tile_fetcher_get_name (self->fetcher);
}

const char *
frontline_tile_source_get_url_template (FrontlineTileSource *self)
{
  FrontlineTileSourceInfo info;

  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), NULL);

  frontline_tile_fetcher_get_info (self->fetcher, &info);
  return info.url_template;
}

const char *
frontline_tile_source_get_attribution (FrontlineTileSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), NULL);

  return frontline_tile_fetcher_get_attribution (self->fetcher);
}

const char *
frontline_tile_source_get_attribution_url (FrontlineTileSource *self)
{
  FrontlineTileSourceInfo info;

  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), NULL);

  frontline_tile_fetcher_get_info (self->fetcher, &info);
  return info.attribution_url;
}

guint
frontline_tile_source_get_min_zoom (FrontlineTileSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), 0);

  return frontline_tile_fetcher_get_min_zoom (self->fetcher);
}

guint
frontline_tile_source_get_max_zoom (FrontlineTileSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), 0);

  return frontline_tile_fetcher_get_max_zoom (self->fetcher);
}

guint
frontline_tile_source_get_tile_size (FrontlineTileSource *self)
{
  FrontlineTileSourceInfo info;

  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), 0);

  frontline_tile_fetcher_get_info (self->fetcher, &info);
  return info.tile_size;
}

guint
frontline_tile_source_get_timeout (FrontlineTileSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), 0);

  return self->timeout;
}

/**
 * frontline_tile_source_set_timeout:
 * @self: a #FrontlineTileSource
 * @seconds: how long a request may wait on the server, at least 1
 *
 * Applies to requests made from now on.
 */
void
frontline_tile_source_set_timeout (FrontlineTileSource *self,
                                   guint                seconds)
{
  g_return_if_fail (FRONTLINE_IS_TILE_SOURCE (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  if (self->fetcher != NULL)
    frontline_tile_fetcher_set_timeout (self->fetcher, seconds);
  if (self->session != NULL)
    soup_session_set_timeout (self->session, seconds);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
frontline_tile_source_get_max_age (FrontlineTileSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), 0);

  return self->max_age;
}

/**
 * frontline_tile_source_set_max_age:
 * @self: a #FrontlineTileSource
 * @seconds: how long a cached tile is used before it is revalidated
 */
void
frontline_tile_source_set_max_age (FrontlineTileSource *self,
                                   guint                seconds)
{
  g_return_if_fail (FRONTLINE_IS_TILE_SOURCE (self));

  if (self->max_age == seconds)
    return;

  self->max_age = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_AGE]);
}

guint
frontline_tile_source_get_n_failed (FrontlineTileSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), 0);

  return self->n_failed;
}

/**
 * frontline_tile_source_build_url:
 * @self: a #FrontlineTileSource
 * @x: the column
 * @y: the row, from the top (XYZ)
 * @z: the zoom level
 *
 * Returns: (transfer full): the URL of the tile
 */
char *
frontline_tile_source_build_url (FrontlineTileSource *self,
                                 int                  x,
                                 int                  y,
                                 int                  z)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), NULL);

  return frontline_tile_fetcher_build_url (self->fetcher, x, y, z);
}

/**
 * frontline_tile_source_get_fetcher:
 *
 * Returns: (transfer none): the display-free fetcher of the source's tiles,
 *   for exports
 */
FrontlineTileFetcher *
frontline_tile_source_get_fetcher (FrontlineTileSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), NULL);

  return self->fetcher;
}

/**
 * frontline_tile_source_new_map_source:
 * @self: a #FrontlineTileSource
 *
 * Wraps the source in a ShumateRasterRenderer for a ShumateMapLayer. Its
 * license text is the attribution, which ShumateLicense shows on the map.
 *
 * Returns: (transfer full): a new map source
 */
ShumateMapSource *
frontline_tile_source_new_map_source (FrontlineTileSource *self)
{
  FrontlineTileSourceInfo info;

  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), NULL);

  frontline_tile_fetcher_get_info (self->fetcher, &info);
  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (info.id, info.name, info.attribution,
                                                               info.attribution_url, info.min_zoom,
                                                               info.max_zoom, info.tile_size,
                                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                                               SHUMATE_DATA_SOURCE (self)));
}
