/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-tile-source"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "frontline-tile-source.h"
#include "frontline-tiles-private.h"

/* Online XYZ raster tiles. libshumate's ShumateTileDownloader would do, but it
 * always sends "libshumate/1.0.3" as its agent, which the OpenStreetMap tile
 * usage policy turns away, and it drops errors silently. This source keeps
 * its own SoupSession with our agent and a small connection limit, caches in a
 * ShumateFileCache, revalidates stale tiles with the ETag or the date, and
 * reports each failure through ::tile-failed and :n-failed.
 *
 * Nothing touches the disk or the network until a tile is asked for, so the
 * built-in sources can be listed freely. */

#define DEFAULT_TILE_SIZE 256
#define DEFAULT_TIMEOUT 15                        /* seconds */
#define DEFAULT_MAX_AGE (7 * 24 * 60 * 60)        /* seconds, as ShumateTileDownloader */
#define MAX_CONNS_PER_HOST 2                      /* the OSM tile usage policy */
#define CACHE_SIZE_LIMIT (100 * 1000 * 1000)      /* bytes, as ShumateTileDownloader */

struct _FrontlineTileSource
{
  ShumateDataSource parent_instance;

  char *id;
  char *name;
  char *url_template;  /* normalised to {z}, {x}, {y} */
  char *attribution;
  char *attribution_url;
  guint min_zoom;
  guint max_zoom;
  guint tile_size;
  guint timeout;
  guint max_age;
  guint n_failed;

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

static const FrontlineTileSourceInfo builtin_infos[] = {
  {
    .id = "openstreetmap",
    .name = "OpenStreetMap",
    .url_template = "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    .attribution = "© OpenStreetMap contributors",
    .attribution_url = "https://www.openstreetmap.org/copyright",
    .min_zoom = 0,
    .max_zoom = 19,
    .tile_size = 256,
  },
  {
    /* The host opentopomap.org/about documents; the a, b and c subdomains
     * serve the same tiles. */
    .id = "opentopomap",
    .name = "OpenTopoMap",
    .url_template = "https://a.tile.opentopomap.org/{z}/{x}/{y}.png",
    .attribution = "Map data: © OpenStreetMap contributors, SRTM"
                   " | Map style: © OpenTopoMap (CC-BY-SA)",
    .attribution_url = "https://opentopomap.org/about",
    .min_zoom = 0,
    .max_zoom = 17,
    .tile_size = 256,
  },
};

/* URL templates */

static const struct {
  const char *from;
  const char *to;
} placeholder_aliases[] = {
  { "#Z#", "{z}" },
  { "#X#", "{x}" },
  { "#Y#", "{y}" },
  { "{Z}", "{z}" },
  { "{X}", "{x}" },
  { "{Y}", "{y}" },
};

/* Rewrites libshumate's #Z#, #X#, #Y# as {z}, {x}, {y}, so that one form is
 * left to expand. */
static char *
normalise_template (const char *url_template)
{
  g_autoptr(GString) result = g_string_new (url_template);

  for (guint i = 0; i < G_N_ELEMENTS (placeholder_aliases); i++)
    g_string_replace (result, placeholder_aliases[i].from, placeholder_aliases[i].to, 0);

  return g_string_free (g_steal_pointer (&result), FALSE);
}

static char *
expand_template (const char *url_template,
                 int         x,
                 int         y,
                 int         z)
{
  g_autoptr(GString) result = g_string_new (url_template);
  char number[16];

  g_snprintf (number, sizeof number, "%d", z);
  g_string_replace (result, "{z}", number, 0);
  g_snprintf (number, sizeof number, "%d", x);
  g_string_replace (result, "{x}", number, 0);
  g_snprintf (number, sizeof number, "%d", y);
  g_string_replace (result, "{y}", number, 0);
  /* Leaflet-style templates name a subdomain; any of them serves every tile. */
  g_string_replace (result, "{s}", "a", 0);

  return g_string_free (g_steal_pointer (&result), FALSE);
}

/* Returns the host of a valid template, or NULL with @error set. */
static char *
check_template (const char  *url_template,
                GError     **error)
{
  g_autofree char *normal = NULL;
  g_autofree char *sample = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *scheme;
  const char *brace;

  if (url_template == NULL || *url_template == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The tile URL is empty"));
      return NULL;
    }

  normal = normalise_template (url_template);
  if (strstr (normal, "{z}") == NULL || strstr (normal, "{x}") == NULL
      || strstr (normal, "{y}") == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The tile URL “%s” must contain {z}, {x} and {y}"), url_template);
      return NULL;
    }

  sample = expand_template (normal, 0, 0, 0);
  scheme = g_uri_peek_scheme (sample);
  if (scheme == NULL || (strcmp (scheme, "http") != 0 && strcmp (scheme, "https") != 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The tile URL “%s” must start with https:// or http://"), url_template);
      return NULL;
    }

  /* Other servers' placeholders ({r}, {apikey}) would be sent as they are. */
  brace = strchr (sample, '{');
  if (brace != NULL)
    {
      g_autofree char *placeholder = g_strndup (brace, strcspn (brace, "}") + 1);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The tile URL “%s” has an unknown placeholder %s; "
                     "only {z}, {x}, {y} and {s} are replaced"),
                   url_template, placeholder);
      return NULL;
    }

  uri = g_uri_parse (sample, G_URI_FLAGS_NONE, &parse_error);
  if (uri == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The tile URL “%s” is not valid: %s"), url_template, parse_error->message);
      return NULL;
    }

  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The tile URL “%s” names no server"), url_template);
      return NULL;
    }

  return g_strdup (g_uri_get_host (uri));
}

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
  g_autofree char *host = check_template (url_template, error);

  return host != NULL;
}

/* Response bodies */

/* A memory stream that refuses to grow past a tile's largest size, so a
 * server that sends an endless or huge body costs 4 MiB at most. */
static gpointer
bounded_realloc (gpointer data,
                 gsize    size)
{
  if (size > FRONTLINE_TILE_IMAGE_MAX_BYTES)
    return NULL;

  return g_realloc (data, size);
}

static GOutputStream *
bounded_body_new (void)
{
  return g_memory_output_stream_new (NULL, 0, bounded_realloc, g_free);
}

/* The memory stream's "no space", as the user should read it. */
static void
set_too_big_error (GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("the server sent more than %d bytes"), FRONTLINE_TILE_IMAGE_MAX_BYTES);
}

/* The error for a body that is not a tile image: why, and what it was. */
static GError *
not_an_image_error (SoupMessage *msg,
                    GBytes      *body,
                    int          z,
                    int          x,
                    int          y)
{
  g_autoptr(GError) why = NULL;
  const char *type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);

  frontline_tile_image_check (body, &why);
  /* TRANSLATORS: "tile 8/150/85: not a PNG or JPEG image (text/html, 312 bytes)" */
  return g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("tile %d/%d/%d: %s (%s, %u bytes)"),
                      z, x, y, why != NULL ? why->message : "", type != NULL ? type : _("no type"),
                      (guint) MIN (g_bytes_get_size (body), G_MAXUINT));
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
      g_debug ("%s: %s", self->id, error->message);
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

static GIOErrorEnum
io_error_for_status (guint status)
{
  switch (status)
    {
    case SOUP_STATUS_NOT_FOUND:
    case SOUP_STATUS_GONE:
      return G_IO_ERROR_NOT_FOUND;

    case SOUP_STATUS_UNAUTHORIZED:
    case SOUP_STATUS_FORBIDDEN:
      return G_IO_ERROR_PERMISSION_DENIED;

    default:
      return G_IO_ERROR_FAILED;
    }
}

static void
ensure_session (FrontlineTileSource *self)
{
  if (self->session == NULL)
    self->session = frontline_tile_source_new_session (self);
}

/* Where every source's file cache lives; each has a folder named by its id. */
static char *
cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "frontline", "tiles", NULL);
}

static void
ensure_cache (FrontlineTileSource *self)
{
  g_autofree char *dir = NULL;

  if (self->cache != NULL)
    return;

  dir = cache_dir ();
  self->cache = shumate_file_cache_new_full (CACHE_SIZE_LIMIT, self->id, dir);
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
          error = g_error_new (G_IO_ERROR, io_error_for_status (status),
                               /* TRANSLATORS: "tile 8/150/85: HTTP 404 Not Found" (z/x/y) */
                               _("tile %d/%d/%d: HTTP %u %s"),
                               request->z, request->x, request->y, status, reason);
        }
      else
        {
          error = not_an_image_error (request->msg, body, request->z, request->x, request->y);
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
          set_too_big_error (&error);
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
  g_output_stream_splice_async (bounded_body_new (), stream,
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
  if (z < 0 || z > 30 || (guint) z < self->min_zoom || (guint) z > self->max_zoom
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
frontline_tile_source_constructed (GObject *object)
{
  FrontlineTileSource *self = FRONTLINE_TILE_SOURCE (object);

  G_OBJECT_CLASS (frontline_tile_source_parent_class)->constructed (object);

  /* The id names the cache folder. */
  if (self->id == NULL || *self->id == '\0')
    {
      g_free (self->id);
      self->id = g_strdup ("tiles");
    }
  g_strcanon (self->id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", '_');

  if (self->name == NULL)
    self->name = g_strdup (self->id);
  if (self->url_template == NULL)
    self->url_template = g_strdup ("");
  /* Every map needs visible credit for its tiles. */
  if (self->attribution == NULL || *self->attribution == '\0')
    {
      g_free (self->attribution);
      self->attribution = g_strdup (self->name);
    }
  if (self->max_zoom < self->min_zoom)
    self->max_zoom = self->min_zoom;
}

static void
frontline_tile_source_dispose (GObject *object)
{
  FrontlineTileSource *self = FRONTLINE_TILE_SOURCE (object);

  g_clear_object (&self->session);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (frontline_tile_source_parent_class)->dispose (object);
}

static void
frontline_tile_source_finalize (GObject *object)
{
  FrontlineTileSource *self = FRONTLINE_TILE_SOURCE (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->url_template);
  g_free (self->attribution);
  g_free (self->attribution_url);

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
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_URL_TEMPLATE:
      g_value_set_string (value, self->url_template);
      break;

    case PROP_ATTRIBUTION:
      g_value_set_string (value, self->attribution);
      break;

    case PROP_ATTRIBUTION_URL:
      g_value_set_string (value, self->attribution_url);
      break;

    case PROP_MIN_ZOOM:
      g_value_set_uint (value, self->min_zoom);
      break;

    case PROP_MAX_ZOOM:
      g_value_set_uint (value, self->max_zoom);
      break;

    case PROP_TILE_SIZE:
      g_value_set_uint (value, self->tile_size);
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
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      g_free (self->name);
      self->name = g_value_dup_string (value);
      break;

    case PROP_URL_TEMPLATE:
      g_free (self->url_template);
      self->url_template = g_value_get_string (value) != NULL
                           ? normalise_template (g_value_get_string (value))
                           : NULL;
      break;

    case PROP_ATTRIBUTION:
      g_free (self->attribution);
      self->attribution = g_value_dup_string (value);
      break;

    case PROP_ATTRIBUTION_URL:
      g_free (self->attribution_url);
      self->attribution_url = g_value_dup_string (value);
      break;

    case PROP_MIN_ZOOM:
      self->min_zoom = g_value_get_uint (value);
      break;

    case PROP_MAX_ZOOM:
      self->max_zoom = g_value_get_uint (value);
      break;

    case PROP_TILE_SIZE:
      self->tile_size = g_value_get_uint (value);
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
  self->max_zoom = 19;
  self->tile_size = DEFAULT_TILE_SIZE;
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
  g_autofree char *host = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *id = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *stripped = NULL;
  FrontlineTileSourceInfo info = { 0 };

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  host = check_template (url_template, error);
  if (host == NULL)
    return NULL;

  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url_template, -1);
  id = g_strdup_printf ("custom-%.16s", checksum);

  stripped = g_strstrip (g_strdup (attribution != NULL ? attribution : ""));
  if (*stripped == '\0')
    /* TRANSLATORS: the attribution of a custom tile server that gave none */
    fallback = g_strdup_printf (_("Tiles from %s"), host);

  info.id = id;
  info.name = host;
  info.url_template = url_template;
  info.attribution = fallback != NULL ? fallback : stripped;
  info.min_zoom = 0;
  info.max_zoom = 19;
  info.tile_size = DEFAULT_TILE_SIZE;

  return frontline_tile_source_new (&info);
}

/**
 * frontline_tile_source_get_builtin_info:
 * @n_infos: (out): the number of entries
 *
 * Returns: (transfer none) (array length=n_infos): the built-in servers
 */
const FrontlineTileSourceInfo *
frontline_tile_source_get_builtin_info (guint *n_infos)
{
  g_return_val_if_fail (n_infos != NULL, NULL);

  *n_infos = G_N_ELEMENTS (builtin_infos);
  return builtin_infos;
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
  for (guint i = 0; i < G_N_ELEMENTS (builtin_infos); i++)
    {
      if (g_strcmp0 (id, builtin_infos[i].id) == 0)
        return frontline_tile_source_new (&builtin_infos[i]);
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

  for (guint i = 0; i < G_N_ELEMENTS (builtin_infos); i++)
    {
      g_autoptr(FrontlineTileSource) source = frontline_tile_source_new (&builtin_infos[i]);

      g_list_store_append (store, source);
    }

  return G_LIST_MODEL (store);
}

const char *
frontline_tile_source_get_id (FrontlineTileSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), NULL);

  return self->id;
}

const char *
frontline_tile_source_get_name (FrontlineTileSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), NULL);

  return self->name;
}

const char *
frontline_tile_source_get_url_template (FrontlineTileSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), NULL);

  return self->url_template;
}

const char *
frontline_tile_source_get_attribution (FrontlineTileSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), NULL);

  return self->attribution;
}

const char *
frontline_tile_source_get_attribution_url (FrontlineTileSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), NULL);

  return self->attribution_url;
}

guint
frontline_tile_source_get_min_zoom (FrontlineTileSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), 0);

  return self->min_zoom;
}

guint
frontline_tile_source_get_max_zoom (FrontlineTileSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), 0);

  return self->max_zoom;
}

guint
frontline_tile_source_get_tile_size (FrontlineTileSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), 0);

  return self->tile_size;
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

  return expand_template (self->url_template, x, y, z);
}

/**
 * frontline_tile_source_new_session:
 *
 * A session as the source's own: its User-Agent, the tile usage policies'
 * connection limit and its timeout. For fetching tiles in another thread
 * with frontline_tile_source_fetch(): a session belongs to the thread that
 * uses it.
 *
 * Returns: (transfer full): a new session
 */
SoupSession *
frontline_tile_source_new_session (FrontlineTileSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), NULL);

  return soup_session_new_with_options ("user-agent", FRONTLINE_USER_AGENT,
                                        "max-conns-per-host", MAX_CONNS_PER_HOST,
                                        "timeout", self->timeout,
                                        NULL);
}

/**
 * frontline_tile_source_fetch:
 * @session: from frontline_tile_source_new_session(), in this thread
 *
 * Gets a tile and blocks until it is here: from the file cache the map
 * fills (whatever its age: a picture beats a gap), else from the server.
 * For exports, in a worker thread; neither counts nor announces failures,
 * which the caller reports.
 *
 * Returns: (transfer full): the tile's PNG or JPEG bytes, or %NULL with
 *   @error set
 */
GBytes *
frontline_tile_source_fetch (FrontlineTileSource  *self,
                             SoupSession          *session,
                             int                   x,
                             int                   y,
                             int                   z,
                             GCancellable         *cancellable,
                             GError              **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) body = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;
  GStatBuf info;
  guint status;

  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), NULL);
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);

  /* ShumateFileCache keeps a tile as <dir>/<id>/<z>/<x>/<y>.png. */
  dir = cache_dir ();
  path = g_strdup_printf ("%s/%s/%d/%d/%d.png", dir, self->id, z, x, y);
  /* A cache file bigger than any tile is not read at all. */
  if (g_stat (path, &info) == 0 && info.st_size <= FRONTLINE_TILE_IMAGE_MAX_BYTES &&
      g_file_get_contents (path, &contents, &length, NULL))
    {
      bytes = g_bytes_new_take (contents, length);
      if (frontline_tile_data_is_image (bytes))
        return g_steal_pointer (&bytes);
      g_clear_pointer (&bytes, g_bytes_unref);
    }

  url = frontline_tile_source_build_url (self, x, y, z);
  message = soup_message_new (SOUP_METHOD_GET, url);
  if (message == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s: not a valid URL", url);
      return NULL;
    }
  stream = soup_session_send (session, message, cancellable, error);
  if (stream == NULL)
    return NULL;
  body = bounded_body_new ();
  if (g_output_stream_splice (body, stream,
                              G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                              cancellable, &local_error) < 0)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        {
          g_clear_error (&local_error);
          set_too_big_error (&local_error);
        }
      g_prefix_error (&local_error, _("tile %d/%d/%d: "), z, x, y);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (body));

  status = soup_message_get_status (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_set_error (error, G_IO_ERROR, io_error_for_status (status), _("tile %d/%d/%d: HTTP %u %s"),
                   z, x, y, status, soup_message_get_reason_phrase (message));
      return NULL;
    }
  if (!frontline_tile_data_is_image (bytes))
    {
      g_propagate_error (error, not_an_image_error (message, bytes, z, x, y));
      return NULL;
    }

  return g_steal_pointer (&bytes);
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
  g_return_val_if_fail (FRONTLINE_IS_TILE_SOURCE (self), NULL);

  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (self->id,
                                                               self->name,
                                                               self->attribution,
                                                               self->attribution_url,
                                                               self->min_zoom,
                                                               self->max_zoom,
                                                               self->tile_size,
                                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                                               SHUMATE_DATA_SOURCE (self)));
}
