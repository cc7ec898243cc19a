/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-tile-fetcher"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "frontline-tile-fetcher.h"
#include "frontline-tiles-private.h"

/* An XYZ tile server, display-free: its URLs, a SoupSession with our agent,
 * and fetching a tile in a worker (from the file cache the map fills, else
 * from the server), for exports and the command line. The map's
 * FrontlineTileSource (a ShumateDataSource) wraps one and adds the
 * asynchronous path with revalidation and the file cache's writes. */

#define DEFAULT_TILE_SIZE 256
#define DEFAULT_TIMEOUT 15                        /* seconds */
#define MAX_CONNS_PER_HOST 2                      /* the OSM tile usage policy */

struct _FrontlineTileFetcher
{
  GObject parent_instance;

  char *id;
  char *name;
  char *url_template;  /* normalised to {z}, {x}, {y} */
  char *attribution;
  char *attribution_url;
  guint min_zoom;
  guint max_zoom;
  guint tile_size;
  guint timeout;
};

G_DEFINE_FINAL_TYPE (FrontlineTileFetcher, frontline_tile_fetcher, G_TYPE_OBJECT)

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
char *
frontline_tile_template_normalise (const char *url_template)
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
char *
frontline_tile_template_check (const char  *url_template,
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

  normal = frontline_tile_template_normalise (url_template);
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
 * frontline_tile_fetcher_validate_url_template:
 * @url_template: a URL with {z}, {x} and {y}
 * @error: a location for the reason it is not usable
 *
 * Checks a user's tile URL: http or https, a host, and all three
 * placeholders. The preferences can call it as the user types.
 */
gboolean
frontline_tile_fetcher_validate_url_template (const char  *url_template,
                                              GError     **error)
{
  g_autofree char *host = frontline_tile_template_check (url_template, error);

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

GOutputStream *
frontline_tile_body_new (void)
{
  return g_memory_output_stream_new (NULL, 0, bounded_realloc, g_free);
}

/* The memory stream's "no space", as the user should read it. */
void
frontline_tile_set_too_big_error (GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("the server sent more than %d bytes"), FRONTLINE_TILE_IMAGE_MAX_BYTES);
}

/* The error for a body that is not a tile image: why, and what it was. */
GError *
frontline_tile_not_an_image_error (SoupMessage *msg,
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

GIOErrorEnum
frontline_tile_io_error_for_status (guint status)
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

/* Where every source's file cache lives; each has a folder named by its id. */
char *
frontline_tile_cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "frontline", "tiles", NULL);
}

/* The object */

static void
frontline_tile_fetcher_finalize (GObject *object)
{
  FrontlineTileFetcher *self = FRONTLINE_TILE_FETCHER (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->url_template);
  g_free (self->attribution);
  g_free (self->attribution_url);

  G_OBJECT_CLASS (frontline_tile_fetcher_parent_class)->finalize (object);
}

static void
frontline_tile_fetcher_class_init (FrontlineTileFetcherClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = frontline_tile_fetcher_finalize;
}

static void
frontline_tile_fetcher_init (FrontlineTileFetcher *self)
{
  self->tile_size = DEFAULT_TILE_SIZE;
  self->timeout = DEFAULT_TIMEOUT;
}

/* Public API */

/**
 * frontline_tile_fetcher_new:
 * @info: the server to use; its template is assumed valid
 *
 * Missing names and credits are filled in as the map's source does: the id
 * (which names the cache folder) defaults to "tiles", the attribution to
 * the name.
 *
 * Returns: (transfer full): a new fetcher; it makes no request until asked
 */
FrontlineTileFetcher *
frontline_tile_fetcher_new (const FrontlineTileSourceInfo *info)
{
  FrontlineTileFetcher *self;

  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (FRONTLINE_TYPE_TILE_FETCHER, NULL);
  self->id = g_strdup (info->id != NULL && *info->id != '\0' ? info->id : "tiles");
  g_strcanon (self->id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", '_');
  self->name = g_strdup (info->name != NULL ? info->name : self->id);
  self->url_template = frontline_tile_template_normalise (info->url_template != NULL ? info->url_template : "");
  self->attribution = g_strdup (info->attribution != NULL && *info->attribution != '\0'
                                ? info->attribution : self->name);
  self->attribution_url = g_strdup (info->attribution_url);
  self->min_zoom = MIN (info->min_zoom, 30);
  self->max_zoom = CLAMP (info->max_zoom, self->min_zoom, 30);
  self->tile_size = info->tile_size != 0 ? info->tile_size : DEFAULT_TILE_SIZE;

  return self;
}

/**
 * frontline_tile_fetcher_get_builtin_info:
 * @n_infos: (out): the number of entries
 *
 * Returns: (transfer none) (array length=n_infos): the built-in servers
 */
const FrontlineTileSourceInfo *
frontline_tile_fetcher_get_builtin_info (guint *n_infos)
{
  g_return_val_if_fail (n_infos != NULL, NULL);

  *n_infos = G_N_ELEMENTS (builtin_infos);
  return builtin_infos;
}

/**
 * frontline_tile_fetcher_new_builtin:
 * @id: "openstreetmap" or "opentopomap"
 *
 * Returns: (transfer full) (nullable): the built-in server with @id, or %NULL
 */
FrontlineTileFetcher *
frontline_tile_fetcher_new_builtin (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin_infos); i++)
    {
      if (g_strcmp0 (id, builtin_infos[i].id) == 0)
        return frontline_tile_fetcher_new (&builtin_infos[i]);
    }

  return NULL;
}

/**
 * frontline_tile_fetcher_new_custom:
 * @url_template: the user's XYZ URL, with {z}, {x} and {y}
 * @attribution: (nullable): the credit the server asks for
 * @error: a location for what is wrong with the template
 *
 * A fetcher for the user's own tile server, zoom levels 0 to 19. Its id (and
 * so its cache) follows the template, so changing the server never shows the
 * old server's tiles.
 *
 * Returns: (transfer full) (nullable): the fetcher, or %NULL with @error set
 */
FrontlineTileFetcher *
frontline_tile_fetcher_new_custom (const char  *url_template,
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

  host = frontline_tile_template_check (url_template, error);
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

  return frontline_tile_fetcher_new (&info);
}

/**
 * frontline_tile_fetcher_get_info:
 * @self: a #FrontlineTileFetcher
 * @info: (out caller-allocates): the server, its strings owned by @self
 */
void
frontline_tile_fetcher_get_info (FrontlineTileFetcher    *self,
                                 FrontlineTileSourceInfo *info)
{
  g_return_if_fail (FRONTLINE_IS_TILE_FETCHER (self));
  g_return_if_fail (info != NULL);

  info->id = self->id;
  info->name = self->name;
  info->url_template = self->url_template;
  info->attribution = self->attribution;
  info->attribution_url = self->attribution_url;
  info->min_zoom = self->min_zoom;
  info->max_zoom = self->max_zoom;
  info->tile_size = self->tile_size;
}

const char *
frontline_tile_fetcher_get_id (FrontlineTileFetcher *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_FETCHER (self), NULL);

  return self->id;
}

const char *
frontline_tile_fetcher_get_name (FrontlineTileFetcher *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_FETCHER (self), NULL);

  return self->name;
}

/* Never empty: every map needs visible credit for its tiles. */
const char *
frontline_tile_fetcher_get_attribution (FrontlineTileFetcher *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_FETCHER (self), NULL);

  return self->attribution;
}

guint
frontline_tile_fetcher_get_min_zoom (FrontlineTileFetcher *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_FETCHER (self), 0);

  return self->min_zoom;
}

guint
frontline_tile_fetcher_get_max_zoom (FrontlineTileFetcher *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_FETCHER (self), 0);

  return self->max_zoom;
}

/**
 * frontline_tile_fetcher_set_timeout:
 * @self: a #FrontlineTileFetcher
 * @seconds: how long a request may wait on the server, at least 1
 *
 * Applies to sessions made from now on.
 */
void
frontline_tile_fetcher_set_timeout (FrontlineTileFetcher *self,
                                    guint                 seconds)
{
  g_return_if_fail (FRONTLINE_IS_TILE_FETCHER (self));
  g_return_if_fail (seconds > 0);

  self->timeout = seconds;
}

/**
 * frontline_tile_fetcher_build_url:
 * @self: a #FrontlineTileFetcher
 * @x: the column
 * @y: the row, from the top (XYZ)
 * @z: the zoom level
 *
 * Returns: (transfer full): the URL of the tile
 */
char *
frontline_tile_fetcher_build_url (FrontlineTileFetcher *self,
                                  int                   x,
                                  int                   y,
                                  int                   z)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_FETCHER (self), NULL);

  return expand_template (self->url_template, x, y, z);
}

/**
 * frontline_tile_fetcher_new_session:
 *
 * A session as the map's tile source makes: its User-Agent, the tile usage policies'
 * connection limit and its timeout. For fetching tiles in another thread
 * with frontline_tile_fetcher_fetch(): a session belongs to the thread that
 * uses it.
 *
 * Returns: (transfer full): a new session
 */
SoupSession *
frontline_tile_fetcher_new_session (FrontlineTileFetcher *self)
{
  g_return_val_if_fail (FRONTLINE_IS_TILE_FETCHER (self), NULL);

  return soup_session_new_with_options ("user-agent", FRONTLINE_USER_AGENT,
                                        "max-conns-per-host", MAX_CONNS_PER_HOST,
                                        "timeout", self->timeout,
                                        NULL);
}

/**
 * frontline_tile_fetcher_fetch:
 * @session: from frontline_tile_fetcher_new_session(), in this thread
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
frontline_tile_fetcher_fetch (FrontlineTileFetcher  *self,
                              SoupSession           *session,
                              int                    x,
                              int                    y,
                              int                    z,
                              GCancellable          *cancellable,
                              GError               **error)
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

  g_return_val_if_fail (FRONTLINE_IS_TILE_FETCHER (self), NULL);
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);

  /* ShumateFileCache keeps a tile as <dir>/<id>/<z>/<x>/<y>.png. */
  dir = frontline_tile_cache_dir ();
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

  url = frontline_tile_fetcher_build_url (self, x, y, z);
  message = soup_message_new (SOUP_METHOD_GET, url);
  if (message == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s: not a valid URL", url);
      return NULL;
    }
  stream = soup_session_send (session, message, cancellable, error);
  if (stream == NULL)
    return NULL;
  body = frontline_tile_body_new ();
  if (g_output_stream_splice (body, stream,
                              G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                              cancellable, &local_error) < 0)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        {
          g_clear_error (&local_error);
          frontline_tile_set_too_big_error (&local_error);
        }
      g_prefix_error (&local_error, _("tile %d/%d/%d: "), z, x, y);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (body));

  status = soup_message_get_status (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_set_error (error, G_IO_ERROR, frontline_tile_io_error_for_status (status), _("tile %d/%d/%d: HTTP %u %s"),
                   z, x, y, status, soup_message_get_reason_phrase (message));
      return NULL;
    }
  if (!frontline_tile_data_is_image (bytes))
    {
      g_propagate_error (error, frontline_tile_not_an_image_error (message, bytes, z, x, y));
      return NULL;
    }

  return g_steal_pointer (&bytes);
}

