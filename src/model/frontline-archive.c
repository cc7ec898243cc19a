/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Browsing a dataset kept in PostGIS (docs/postgis.md): a read-only libpq
 * connection, the dataset's metadata and dates at open, and the areas of a day
 * inside a box, simplified on the server for the zoom, as they are shown.
 *
 * One connection per archive, used by one thread at a time (conn_lock): libpq
 * connections are not thread-safe. The fetched areas are kept per (day, zoom
 * band) in a cache bounded in bytes (least recently used first out), and the
 * areas last fetched for each day are what frontline_dataset_get_state_at()
 * gives for an archive dataset. */

#include "config.h"

#include <glib/gi18n.h>
#include <libpq-fe.h>
/* GDAL's headers test compiler macros they may not define (-Wundef). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wundef"
#include <cpl_error.h>
#include <ogr_api.h>
#pragma GCC diagnostic pop
#include <math.h>
#include <string.h>

#include "frontline-archive.h"
#include "frontline-archive-private.h"
#include "frontline-feature-reader.h"
#include "frontline-json-scan.h"
#include "frontline-metadata-reader.h"
#include "frontline-model-private.h"

#define DEFAULT_CACHE_LIMIT (64 * 1024 * 1024)
#define MAX_BAND 16
/* The days whose last fetch get_state_at keeps. */
#define N_SHOWN_DAYS 8

typedef struct {
  FrontlineDay  day;
  int           band;
  double        bbox[4];   /* what was fetched: the request and a margin */
  GPtrArray    *areas;     /* FrontlineArea */
  GArray       *boxes;     /* double[4] per area: the unsimplified area's box */
  GPtrArray    *layers;    /* char *: "faction\nstatus\ndate" of each layer's state */
  gsize         size;
  GList        *link;      /* in lru */
} CacheEntry;

typedef struct {
  FrontlineDay  day;
  GPtrArray    *areas;
  double        bbox[4];   /* the box asked for (without the margin) */
  double        zoom;
} ShownDay;

struct _FrontlineArchive
{
  GObject                   parent_instance;

  FrontlineArchiveLocation *location;
  char                     *password;
  char                     *name;          /* the address, for messages */
  char                     *qualified;     /* "schema"."table", quoted */
  GListStore               *factions;      /* the dataset's, so a worker outliving it */
  GHashTable               *faction_by_id; /* still finds them */
  char                     *layer_factions; /* a text[] literal of the layers' factions */
  char                     *layer_statuses; /* and statuses, in the same order */
  gboolean                  has_extent;
  double                    extent[4];     /* of every area: west, south, east, north */

  GMutex                    conn_lock;
  PGconn                   *conn;
  gboolean                  broken;        /* lost: reset before the next query */

  GMutex                    lock;          /* everything below */
  GHashTable               *cache;         /* "day/band" -> CacheEntry */
  GQueue                    lru;           /* CacheEntry, most recent first */
  gsize                     cache_size;
  gsize                     cache_limit;
  GQueue                    shown;         /* ShownDay, most recent first */
  guint                     n_queries;
};

G_DEFINE_FINAL_TYPE (FrontlineArchive, frontline_archive, G_TYPE_OBJECT)

static void
cache_entry_free (CacheEntry *entry)
{
  g_ptr_array_unref (entry->areas);
  g_array_unref (entry->boxes);
  g_ptr_array_unref (entry->layers);
  g_free (entry);
}

static void
shown_day_free (ShownDay *shown)
{
  g_ptr_array_unref (shown->areas);
  g_free (shown);
}

static void
frontline_archive_finalize (GObject *object)
{
  FrontlineArchive *self = FRONTLINE_ARCHIVE (object);

  g_clear_pointer (&self->conn, PQfinish);
  g_clear_pointer (&self->location, frontline_archive_location_free);
  g_clear_pointer (&self->password, g_free);
  g_free (self->name);
  g_free (self->qualified);
  g_clear_object (&self->factions);
  g_clear_pointer (&self->faction_by_id, g_hash_table_unref);
  g_free (self->layer_factions);
  g_free (self->layer_statuses);
  g_queue_clear (&self->lru);
  g_hash_table_unref (self->cache);
  g_queue_clear_full (&self->shown, (GDestroyNotify) shown_day_free);
  g_mutex_clear (&self->conn_lock);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (frontline_archive_parent_class)->finalize (object);
}

static void
frontline_archive_class_init (FrontlineArchiveClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = frontline_archive_finalize;
}

static void
frontline_archive_init (FrontlineArchive *self)
{
  g_mutex_init (&self->conn_lock);
  g_mutex_init (&self->lock);
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) cache_entry_free);
  self->cache_limit = DEFAULT_CACHE_LIMIT;
}

/* Connection */

static char *
server_error (PGconn *conn)
{
  g_autofree char *message = g_strdup (conn ? PQerrorMessage (conn) : "");

  return g_strdup (g_strstrip (message));
}

static gboolean
connection_is_bad (PGconn *conn)
{
  return conn == NULL || PQstatus (conn) == CONNECTION_BAD;
}

/* After connecting or reconnecting: read only, and named for the server's
 * activity view. */
static gboolean
set_up_session (FrontlineArchive  *self,
                GError           **error)
{
  PGresult *result = PQexec (self->conn, "SET default_transaction_read_only = on; "
                                         "SET application_name = 'frontline'");
  gboolean ok = result != NULL && PQresultStatus (result) == PGRES_COMMAND_OK;

  if (!ok)
    {
      g_autofree char *why = server_error (self->conn);

      g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_CONNECT,
                   _("%s: could not start a read-only session: %s"), self->name, why);
    }
  PQclear (result);
  return ok;
}

/* The server's notices and warnings are not the user's business; errors
 * come back with the results. */
static void
ignore_notice (void       *arg,
               const char *message)
{
}

static gboolean
connect_archive (FrontlineArchive  *self,
                 GError           **error)
{
  g_autofree char *conninfo = frontline_archive_location_dup_conninfo (self->location,
                                                                      self->password);

  self->conn = PQconnectdb (conninfo);
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      g_autofree char *why = server_error (self->conn);
      gboolean auth = PQconnectionNeedsPassword (self->conn) ||
                      strstr (why, "authentication failed") != NULL ||
                      strstr (why, "password") != NULL;

      if (auth)
        g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_AUTH,
                     _("%s: the server refused the user or password (%s); check them and connect again"),
                     self->name, why);
      else
        g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_CONNECT,
                     _("%s: could not connect to the server (%s); check the address and that the server is running"),
                     self->name, why);
      g_clear_pointer (&self->conn, PQfinish);
      return FALSE;
    }
  PQsetNoticeProcessor (self->conn, ignore_notice, NULL);

  return set_up_session (self, error);
}

static void
set_lost (FrontlineArchive  *self,
          GError           **error)
{
  g_autofree char *why = server_error (self->conn);

  g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_LOST,
               _("%s: the connection to the server was lost (%s); check the server is running and try again"),
               self->name, why);
}

/* After a query through frontline-archive-sql.c (conn_lock held): a lost
 * connection is reset before the next one. */
static void
note_lost (FrontlineArchive *self,
           const GError     *error)
{
  if (g_error_matches (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_LOST))
    self->broken = TRUE;
}

static void
count_query (FrontlineArchive *self)
{
  g_mutex_lock (&self->lock);
  self->n_queries++;
  g_mutex_unlock (&self->lock);
}

/* Connects, or reconnects after the connection was lost (conn_lock held). */
static gboolean
ensure_connection (FrontlineArchive  *self,
                   GError           **error)
{
  if (self->conn == NULL)
    return connect_archive (self, error);

  if (self->broken || PQstatus (self->conn) == CONNECTION_BAD)
    {
      PQreset (self->conn);
      if (PQstatus (self->conn) != CONNECTION_OK)
        {
          set_lost (self, error);
          return FALSE;
        }
      self->broken = FALSE;
      return set_up_session (self, error);
    }

  return TRUE;
}

static void
on_cancelled_cb (GCancellable *cancellable,
                 PGcancel     *cancel)
{
  char message[256];

  /* Thread-safe: libpq's way to stop a query from elsewhere. */
  PQcancel (cancel, message, sizeof message);
}

/* Runs a query with text parameters on the connection (conn_lock held).
 * Returns: the result, or NULL with @error set. */
static PGresult *
run_query_cancellable (FrontlineArchive   *self,
                       const char         *sql,
                       int                 n_params,
                       const char * const *params,
                       GCancellable       *cancellable,
                       GError            **error)
{
  PGcancel *cancel = NULL;
  gulong handler = 0;

  PGresult *result;
  ExecStatusType status;
  const char *state;
  g_autofree char *why = NULL;

  if (!ensure_connection (self, error))
    return NULL;

  count_query (self);

  if (cancellable != NULL && (cancel = PQgetCancel (self->conn)) != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled_cb), cancel, NULL);
  result = PQexecParams (self->conn, sql, n_params, NULL, params, NULL, NULL, 0);
  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);
  g_clear_pointer (&cancel, PQfreeCancel);

  status = result ? PQresultStatus (result) : PGRES_FATAL_ERROR;
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)
    return result;

  state = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  why = server_error (self->conn);

  /* query_canceled, by on_cancelled_cb */
  if (g_strcmp0 (state, "57014") == 0 && g_cancellable_is_cancelled (cancellable))
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      PQclear (result);
      return NULL;
    }

  /* No answer from the server, a connection exception (08) or the server
   * shutting down (57P): lost. */
  if (connection_is_bad (self->conn) || state == NULL ||
      g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P"))
    {
      self->broken = TRUE;
      set_lost (self, error);
    }
  /* undefined_table, undefined_column */
  else if (g_str_equal (state, "42P01") || g_str_equal (state, "42703"))
    g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE,
                 _("%s: the table %s.%s is not one Frontline wrote (%s); publish a dataset there first"),
                 self->name, self->location->schema, self->location->table, why);
  else
    g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_QUERY,
                 _("%s: the server refused to read %s.%s: %s"),
                 self->name, self->location->schema, self->location->table, why);
  PQclear (result);
  return NULL;
}

static PGresult *
run_query (FrontlineArchive   *self,
           const char         *sql,
           int                 n_params,
           const char * const *params,
           GError            **error)
{
  return run_query_cancellable (self, sql, n_params, params, NULL, error);
}

/* Opening */

static const char * const required_columns[] = {
  "id", "feature_id", "date", "valid_until", "faction", "status", "source", "approximate",
  "note", "properties", "geom", "area_m2",
};

static gboolean
check_columns (FrontlineArchive  *self,
               GError           **error)
{
  const char *params[] = { self->location->schema, self->location->table };
  PGresult *result = run_query (self,
                                "SELECT column_name FROM information_schema.columns "
                                "WHERE table_schema = $1 AND table_name = $2",
                                2, params, error);
  g_autoptr(GHashTable) columns = g_hash_table_new (g_str_hash, g_str_equal);

  if (result == NULL)
    return FALSE;

  for (int i = 0; i < PQntuples (result); i++)
    g_hash_table_add (columns, PQgetvalue (result, i, 0));

  for (guint i = 0; i < G_N_ELEMENTS (required_columns); i++)
    if (!g_hash_table_contains (columns, required_columns[i]))
      {
        if (g_hash_table_size (columns) == 0)
          g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE,
                       _("%s: there is no table %s.%s; choose one that holds Frontline data"),
                       self->name, self->location->schema, self->location->table);
        else
          g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE,
                       _("%s: the table %s.%s has no column “%s”, so Frontline did not write it; choose one that holds Frontline data"),
                       self->name, self->location->schema, self->location->table,
                       required_columns[i]);
        PQclear (result);
        return FALSE;
      }

  PQclear (result);
  return TRUE;
}

/* Through the loader's strict JSON check first: json-glib recurses per level of
 * nesting, and a server's text is as untrusted as a file's. */
static JsonNode *
parse_json (const char  *text,
            const char  *what,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  FrontlineJsonFault fault = { 0 };
  JsonNode *root;

  root = frontline_json_parse (parser, text, 0, strlen (text), 0, &fault);
  if (root == NULL)
    {
      frontline_json_set_fault_error (error, what, text, &fault);
      return NULL;
    }
  return json_node_ref (root);
}

static char *
literal_array (GPtrArray *values)
{
  GString *text = g_string_new ("{");

  for (guint i = 0; i < values->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append_c (text, '"');
      for (const char *p = g_ptr_array_index (values, i); *p; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (text, '\\');
          g_string_append_c (text, *p);
        }
      g_string_append_c (text, '"');
    }
  g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

/* The frontline_datasets row's texts (title, document::text,
 * features::text) into @b's dataset: the metadata through the file's reader,
 * the places through the feature reader. Pure: no server. */
gboolean
frontline_archive_read_dataset_row (FrontlineLoaderBuilder  *b,
                                    const char              *name,
                                    const char              *schema,
                                    const char              *table,
                                    const char              *title,
                                    const char              *document_text,
                                    const char              *features_text,
                                    GCancellable            *cancellable,
                                    GError                 **error)
{
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(JsonNode) features = NULL;
  g_autoptr(GError) local_error = NULL;

  document = parse_json (document_text, "document", &local_error);
  if (document != NULL && JSON_NODE_HOLDS_OBJECT (document))
    features = parse_json (features_text, "features", &local_error);
  if (features == NULL || !JSON_NODE_HOLDS_ARRAY (features))
    {
      g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE,
                   _("%s: the metadata of %s.%s in public.frontline_datasets is not a GeoJSON document: %s"),
                   name, schema, table,
                   local_error ? local_error->message : _("wrong type"));
      return FALSE;
    }

  if (!frontline_metadata_reader_read_root (b, json_node_get_object (document), error))
    return FALSE;
  if (b->dataset->title == NULL)
    b->dataset->title = g_utf8_make_valid (title, -1);
  b->dataset->root = json_object_ref (json_node_get_object (document));

  {
    JsonArray *array = json_node_get_array (features);
    g_autoptr(JsonParser) parser = json_parser_new ();

    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        g_autoptr(JsonGenerator) generator = json_generator_new ();
        g_autofree char *text = NULL;
        FrontlineJsonSpan span = { 0 };
        FrontlineParsedFeature *parsed;
        gboolean added;

        json_generator_set_root (generator, json_array_get_element (array, i));
        text = json_generator_to_data (generator, NULL);
        span.length = strlen (text);
        parsed = frontline_feature_reader_parse_span (parser, text, &span, i, b->file, cancellable);
        if (parsed->syntax)
          {
            /* json-glib wrote back what the strict reader refuses, e.g. inf
             * for 1e999: the texts are the server's, so say so. */
            g_autofree char *what = g_strdup_printf ("features[%u]", i);

            frontline_json_set_fault_error (&local_error, what, text, &parsed->fault);
            frontline_parsed_feature_free (parsed);
            g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE,
                         _("%s: the metadata of %s.%s in public.frontline_datasets is not a GeoJSON document: %s"),
                         name, schema, table, local_error->message);
            return FALSE;
          }
        /* Only the features that are not areas are there. */
        parsed->is_area = FALSE;
        added = frontline_feature_reader_add (b, parsed, i, error);
        frontline_parsed_feature_free (parsed);
        if (!added)
          return FALSE;
      }
  }

  return TRUE;
}

/* The row of frontline_datasets. */
static gboolean
read_metadata (FrontlineArchive        *self,
               FrontlineLoaderBuilder  *b,
               GCancellable            *cancellable,
               GError                 **error)
{
  const char *params[] = { self->location->schema, self->location->table };
  PGresult *result;
  g_autoptr(GError) local_error = NULL;
  gboolean ok = FALSE;

  result = run_query (self,
                      "SELECT title, document::text, features::text FROM public.frontline_datasets "
                      "WHERE table_schema = $1 AND table_name = $2",
                      2, params, &local_error);
  if (result == NULL)
    {
      if (g_error_matches (local_error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE))
        g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE,
                     _("%s: the database has no public.frontline_datasets table, so %s.%s is not Frontline's; publish a dataset there first"),
                     self->name, self->location->schema, self->location->table);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (PQntuples (result) != 1)
    {
      g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE,
                   _("%s: the table %s.%s has no row in public.frontline_datasets, so Frontline did not write it; choose one that holds Frontline data"),
                   self->name, self->location->schema, self->location->table);
      goto out;
    }

  ok = frontline_archive_read_dataset_row (b, self->name, self->location->schema,
                                            self->location->table, PQgetvalue (result, 0, 0),
                                            PQgetvalue (result, 0, 1), PQgetvalue (result, 0, 2),
                                            cancellable, error);

out:
  PQclear (result);
  return ok;
}

/* The dates (from the date index) and the layers: each faction and status,
 * in the order they first appear; factions the metadata does not list get a
 * colour of their own, as the file loader gives them. */
static gboolean
read_dates_and_layers (FrontlineArchive        *self,
                       FrontlineLoaderBuilder  *b,
                       GError                 **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) factions = g_ptr_array_new ();
  g_autoptr(GPtrArray) statuses = g_ptr_array_new ();
  PGresult *result;

  sql = g_strdup_printf ("SELECT DISTINCT date FROM %s ORDER BY date", self->qualified);
  result = run_query (self, sql, 0, NULL, error);
  if (result == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (result); i++)
    {
      FrontlineDay day;

      if (frontline_day_parse (PQgetvalue (result, i, 0), &day))
        g_array_append_val (b->dataset->days, day);
    }
  PQclear (result);

  g_free (sql);
  sql = g_strdup_printf ("SELECT faction, status FROM %s GROUP BY faction, status ORDER BY min(id)",
                         self->qualified);
  result = run_query (self, sql, 0, NULL, error);
  if (result == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (result); i++)
    {
      const char *faction = PQgetvalue (result, i, 0);

      /* A database that is not UTF-8 (SQL_ASCII passes bytes through): a
       * layer the map could not name is left out. */
      if (!g_utf8_validate (faction, -1, NULL) ||
          !g_utf8_validate (PQgetvalue (result, i, 1), -1, NULL))
        {
          g_debug ("%s: skipping a layer of %s whose faction or status is not UTF-8",
                   self->name, self->qualified);
          continue;
        }
      if (!g_hash_table_contains (b->dataset->faction_by_id, faction))
        frontline_loader_add_faction (b, faction, NULL, NULL);
      g_ptr_array_add (factions, PQgetvalue (result, i, 0));
      g_ptr_array_add (statuses, PQgetvalue (result, i, 1));
    }
  self->layer_factions = literal_array (factions);
  self->layer_statuses = literal_array (statuses);
  PQclear (result);

  /* The extent, for fitting the map: the planner's estimate when the table
   * was analysed, else computed. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT ST_XMin (e), ST_YMin (e), ST_XMax (e), ST_YMax (e) FROM"
                         " (SELECT COALESCE (ST_EstimatedExtent ($1, $2, 'geom'),"
                         "                   (SELECT ST_Extent (geom) FROM %s)) AS e) AS x",
                         self->qualified);
  {
    const char *params[] = { self->location->schema, self->location->table };

    result = run_query (self, sql, 2, params, error);
  }
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 1 && !PQgetisnull (result, 0, 0))
    {
      self->has_extent = TRUE;
      for (int c = 0; c < 4; c++)
        self->extent[c] = g_ascii_strtod (PQgetvalue (result, 0, c), NULL);
    }
  PQclear (result);

  return TRUE;
}

FrontlineDataset *
frontline_dataset_open_archive (const FrontlineArchiveLocation *location,
                                const char                     *password,
                                GCancellable                   *cancellable,
                                GError                        **error)
{
  g_autoptr(FrontlineArchive) self = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  FrontlineLoaderBuilder b = { 0 };
  g_autofree char *schema = NULL;
  g_autofree char *table = NULL;
  gboolean ok;

  g_return_val_if_fail (location != NULL && location->table != NULL, NULL);

  self = g_object_new (FRONTLINE_TYPE_ARCHIVE, NULL);
  self->location = frontline_archive_location_copy (location);
  if (self->location->schema == NULL)
    self->location->schema = g_strdup ("public");
  self->password = g_strdup (password);
  self->name = frontline_archive_location_to_string (self->location);

  g_mutex_lock (&self->conn_lock);
  if (!connect_archive (self, error))
    {
      g_mutex_unlock (&self->conn_lock);
      return NULL;
    }

  schema = PQescapeIdentifier (self->conn, self->location->schema, strlen (self->location->schema));
  table = PQescapeIdentifier (self->conn, self->location->table, strlen (self->location->table));
  self->qualified = g_strdup_printf ("%s.%s", schema, table);

  dataset = frontline_dataset_new_empty (NULL);
  b.dataset = dataset;
  b.file = self->name;
  b.colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  ok = check_columns (self, error) &&
       !g_cancellable_set_error_if_cancelled (cancellable, error) &&
       read_metadata (self, &b, cancellable, error) &&
       !g_cancellable_set_error_if_cancelled (cancellable, error) &&
       read_dates_and_layers (self, &b, error);
  g_hash_table_unref (b.colors);
  g_mutex_unlock (&self->conn_lock);

  if (!ok)
    return NULL;

  self->factions = g_object_ref (dataset->factions);
  self->faction_by_id = g_hash_table_ref (dataset->faction_by_id);
  dataset->archive = g_steal_pointer (&self);
  return g_steal_pointer (&dataset);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FrontlineArchiveLocation *location = task_data;
  const char *password = g_object_get_data (G_OBJECT (task), "password");
  GError *error = NULL;
  FrontlineDataset *dataset = frontline_dataset_open_archive (location, password, cancellable, &error);

  if (dataset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dataset, g_object_unref);
}

void
frontline_dataset_open_archive_async (const FrontlineArchiveLocation *location,
                                      const char                     *password,
                                      GCancellable                   *cancellable,
                                      GAsyncReadyCallback             callback,
                                      gpointer                        user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, frontline_dataset_open_archive_async);
  g_task_set_task_data (task, frontline_archive_location_copy (location),
                        (GDestroyNotify) frontline_archive_location_free);
  g_object_set_data_full (G_OBJECT (task), "password", g_strdup (password), g_free);
  g_task_run_in_thread (task, open_thread);
}

FrontlineDataset *
frontline_dataset_open_archive_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const FrontlineArchiveLocation *
frontline_archive_get_location (FrontlineArchive *self)
{
  g_return_val_if_fail (FRONTLINE_IS_ARCHIVE (self), NULL);

  return self->location;
}

/* Fetching */

/* Zoom bands: whole zooms; a band's tolerance is half a pixel of 256 px tiles
 * at the band's most detailed zoom. */
static int
zoom_band (double zoom)
{
  return CLAMP ((int) floor (zoom), 0, MAX_BAND);
}

static double
band_tolerance (int band)
{
  if (band >= MAX_BAND)
    return 0.0;
  return 0.5 * 360.0 / (256.0 * ldexp (1.0, band + 1));
}

static gboolean
box_contains (const double outer[4],
              const double inner[4])
{
  return outer[0] <= inner[0] && outer[1] <= inner[1] &&
         outer[2] >= inner[2] && outer[3] >= inner[3];
}

static gboolean
boxes_meet (const double a[4],
            const double b[4])
{
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/* A margin of half the box on each side, so that panning a little needs no
 * query. */
static void
add_margin (const double bbox[4],
            double       wide[4])
{
  double width = bbox[2] - bbox[0];
  double height = bbox[3] - bbox[1];

  wide[0] = MAX (bbox[0] - width / 2, -180.0);
  wide[1] = MAX (bbox[1] - height / 2, -90.0);
  wide[2] = MIN (bbox[2] + width / 2, 180.0);
  wide[3] = MIN (bbox[3] + height / 2, 90.0);
}

static const char *
describe_wkb_error (OGRErr err)
{
  switch (err)
    {
    case OGRERR_NOT_ENOUGH_DATA:
      return "it is cut short, or counts more than its bytes hold";
    case OGRERR_UNSUPPORTED_GEOMETRY_TYPE:
      return "a geometry type GDAL does not know";
    case OGRERR_CORRUPT_DATA:
      return "corrupt data (or collections nested too deep)";
    case OGRERR_NONE:
    case OGRERR_NOT_ENOUGH_MEMORY:
    case OGRERR_UNSUPPORTED_OPERATION:
    case OGRERR_FAILURE:
    case OGRERR_UNSUPPORTED_SRS:
    case OGRERR_INVALID_HANDLE:
    case OGRERR_NON_EXISTING_FEATURE:
    default:
      return "GDAL could not read it";
    }
}

/* One ring into @builder: closed, at least four points, each a finite
 * longitude and latitude. */
static gboolean
add_ring (FrontlineGeometryBuilder  *builder,
          OGRGeometryH               ring,
          GError                   **error)
{
  int n = ring != NULL ? OGR_G_GetPointCount (ring) : 0;

  if (n < 4)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "a ring of %d points (a ring takes at least 4)", n);
      return FALSE;
    }
  if (OGR_G_GetX (ring, 0) != OGR_G_GetX (ring, n - 1) ||
      OGR_G_GetY (ring, 0) != OGR_G_GetY (ring, n - 1))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "a ring that is not closed");
      return FALSE;
    }

  frontline_geometry_builder_begin_ring (builder);
  for (int i = 0; i < n; i++)
    {
      double x = OGR_G_GetX (ring, i), y = OGR_G_GetY (ring, i);

      if (!isfinite (x) || !isfinite (y) || fabs (x) > 180.0 || fabs (y) > 90.0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "a point (%g, %g) that is not a longitude and latitude", x, y);
          return FALSE;
        }
      frontline_geometry_builder_add_point (builder, x, y);
    }
  return TRUE;
}

/* A server's hex WKB (ST_AsBinary, encoded 'hex') as a packed geometry: a
 * polygon or multipolygon of lon/lat coordinates, else NULL with @error set
 * (G_IO_ERROR_INVALID_DATA) saying what was wrong. Empty geometries are
 * refused unless @allow_empty (a comparison's "nothing gained"). GDAL reads
 * the WKB: it checks every count against the bytes left before allocating,
 * and bounds the nesting of collections (GEOS's reader recurses without a
 * bound: 100 000 nested collections overflow the stack). Pure: the archive's
 * fetch and compare read every geometry through it. */
FrontlineGeometry *
frontline_archive_geometry_from_hex_wkb (const char  *hex,
                                         gboolean     allow_empty,
                                         GError     **error)
{
  g_autoptr(FrontlineGeometryBuilder) builder = NULL;
  g_autofree guint8 *wkb = NULL;
  OGRGeometryH geometry = NULL;
  gsize length = hex != NULL ? strlen (hex) : 0;
  OGRwkbGeometryType type;
  gboolean ok = TRUE;
  OGRErr err;

  if (length == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "no geometry (empty WKB)");
      return NULL;
    }
  if (length > FRONTLINE_ARCHIVE_MAX_HEX_WKB)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "a geometry of %" G_GSIZE_FORMAT " bytes of WKB, more than the %d"
                   " an area may take",
                   length / 2, FRONTLINE_ARCHIVE_MAX_HEX_WKB / 2);
      return NULL;
    }
  if (length % 2 != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "unreadable WKB: an odd number of hexadecimal digits");
      return NULL;
    }

  wkb = g_malloc (length / 2);
  for (gsize i = 0; i < length / 2; i++)
    {
      int high = g_ascii_xdigit_value (hex[2 * i]), low = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (high < 0 || low < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "unreadable WKB: not hexadecimal at character %" G_GSIZE_FORMAT,
                       2 * i + (high < 0 ? 0 : 1));
          return NULL;
        }
      wkb[i] = (guint8) (high << 4 | low);
    }

  CPLPushErrorHandler (CPLQuietErrorHandler);
  err = OGR_G_CreateFromWkbEx (wkb, NULL, &geometry, length / 2);
  CPLPopErrorHandler ();
  if (err != OGRERR_NONE || geometry == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "unreadable WKB: %s",
                   describe_wkb_error (err));
      if (geometry != NULL)
        OGR_G_DestroyGeometry (geometry);
      return NULL;
    }

  type = wkbFlatten (OGR_G_GetGeometryType (geometry));
  if (type != wkbPolygon && type != wkbMultiPolygon)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "a %s, not a polygon",
                   OGR_G_GetGeometryName (geometry));
      OGR_G_DestroyGeometry (geometry);
      return NULL;
    }
  if (!allow_empty && OGR_G_IsEmpty (geometry))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "an empty polygon");
      OGR_G_DestroyGeometry (geometry);
      return NULL;
    }

  builder = frontline_geometry_builder_new ();
  for (int p = 0; ok && p < (type == wkbPolygon ? 1 : OGR_G_GetGeometryCount (geometry)); p++)
    {
      OGRGeometryH polygon = type == wkbPolygon ? geometry : OGR_G_GetGeometryRef (geometry, p);

      if (polygon == NULL || OGR_G_IsEmpty (polygon))
        continue;
      frontline_geometry_builder_begin_polygon (builder);
      for (int r = 0; ok && r < OGR_G_GetGeometryCount (polygon); r++)
        ok = add_ring (builder, OGR_G_GetGeometryRef (polygon, r), error);
    }
  OGR_G_DestroyGeometry (geometry);

  if (!ok)
    return NULL;
  return frontline_geometry_builder_finish (g_steal_pointer (&builder));
}

static char **
read_source_ids (const char *text)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GStrvBuilder) ids = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  node = parse_json (text, "source", NULL);
  if (node == NULL)
    return NULL;
  ids = g_strv_builder_new ();
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_strv_builder_add (ids, json_node_get_string (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (ids, json_node_get_string (element));
        }
    }
  else
    return NULL;
  return g_strv_builder_end (ids);
}

static char *
read_feature_id (const char *text)
{
  g_autoptr(JsonNode) node = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  node = parse_json (text, "feature_id", NULL);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

static gsize
area_size (FrontlineArea *area)
{
  FrontlineGeometry *g = area->geometry;
  gsize size = sizeof (FrontlineArea) + sizeof (FrontlineGeometry) + 4 * sizeof (double);

  size += g->n_points * 2 * sizeof (double) + (g->n_rings + g->n_polygons + 2) * sizeof (guint);
  size += (area->id ? strlen (area->id) : 0) + (area->note ? strlen (area->note) : 0);
  for (guint i = 0; area->source_ids && area->source_ids[i]; i++)
    size += strlen (area->source_ids[i]) + 1 + sizeof (char *);
  return size;
}

/* The query: each layer's state on the day (its latest date on or before it,
 * found through the (faction, status, date) index), and that date's areas that
 * meet the box and whose valid_until has not passed, simplified. A layer
 * whose state has no area in the box still gives a row (a placeholder with no
 * id), so it is known to show nothing there, never an older day's areas. */
static const char fetch_sql[] =
  "WITH layer AS ("
  "  SELECT l.faction, l.status, "
  "         (SELECT max(t.date) FROM %1$s t"
  "           WHERE t.faction = l.faction AND t.status = l.status AND t.date <= $1::date) AS date"
  "    FROM unnest ($7::text[], $8::text[]) AS l (faction, status)) "
  "SELECT layer.faction, layer.status, layer.date, a.id, a.feature_id::text, a.valid_until, "
  "       a.source::text, a.approximate, a.note, a.area_m2, "
  "       ST_XMin (a.geom), ST_YMin (a.geom), ST_XMax (a.geom), ST_YMax (a.geom), "
  "       encode (ST_AsBinary (CASE WHEN $6::float8 > 0 "
  "                                 THEN ST_SimplifyPreserveTopology (a.geom, $6::float8) "
  "                                 ELSE a.geom END), 'hex') "
  "  FROM layer LEFT JOIN %1$s a"
  "    ON a.faction = layer.faction AND a.status = layer.status AND a.date = layer.date"
  "   AND (a.valid_until IS NULL OR a.valid_until >= $1::date)"
  "   AND a.geom && ST_MakeEnvelope ($2::float8, $3::float8, $4::float8, $5::float8, 4326) "
  " WHERE layer.date IS NOT NULL "
  " ORDER BY a.id NULLS FIRST";

static CacheEntry *
query_entry (FrontlineArchive  *self,
             FrontlineDay       day,
             int                band,
             const double       bbox[4],
             GCancellable      *cancellable,
             GError           **error)
{
  g_autofree char *sql = g_strdup_printf (fetch_sql, self->qualified);
  g_autofree char *day_text = frontline_day_format_as (day, FRONTLINE_DAY_FORMAT_ISO);
  char numbers[5][G_ASCII_DTOSTR_BUF_SIZE];
  const char *params[8];
  CacheEntry *entry;
  PGresult *result;

  params[0] = day_text;
  for (int i = 0; i < 4; i++)
    params[1 + i] = g_ascii_dtostr (numbers[i], sizeof numbers[i], bbox[i]);
  params[5] = g_ascii_dtostr (numbers[4], sizeof numbers[4], band_tolerance (band));
  params[6] = self->layer_factions;
  params[7] = self->layer_statuses;

  g_mutex_lock (&self->conn_lock);
  result = run_query_cancellable (self, sql, 8, params, cancellable, error);
  g_mutex_unlock (&self->conn_lock);
  if (result == NULL)
    return NULL;

  entry = g_new0 (CacheEntry, 1);
  entry->day = day;
  entry->band = band;
  memcpy (entry->bbox, bbox, sizeof entry->bbox);
  entry->areas = g_ptr_array_new_with_free_func (g_object_unref);
  entry->boxes = g_array_new (FALSE, FALSE, 4 * sizeof (double));
  entry->layers = g_ptr_array_new_with_free_func (g_free);
  entry->size = sizeof (CacheEntry);

  for (int i = 0; i < PQntuples (result); i++)
    {
      g_autoptr(FrontlineArea) area = NULL;
      g_autoptr(GError) geometry_error = NULL;
      FrontlineFaction *faction;
      double box[4];

      if (PQgetisnull (result, i, 3))
        {
          g_ptr_array_add (entry->layers, g_strdup_printf ("%s\n%s\n%s", PQgetvalue (result, i, 0),
                                                           PQgetvalue (result, i, 1),
                                                           PQgetvalue (result, i, 2)));
          entry->size += 64;
          continue;
        }

      faction = g_hash_table_lookup (self->faction_by_id, PQgetvalue (result, i, 0));
      if (faction == NULL)
        continue;  /* a layer published after the archive was opened */

      area = g_object_new (FRONTLINE_TYPE_AREA, NULL);
      area->index = (guint) g_ascii_strtoull (PQgetvalue (result, i, 3), NULL, 10);
      area->faction = g_object_ref (faction);
      frontline_status_from_string (PQgetvalue (result, i, 1), &area->status);
      frontline_day_parse (PQgetvalue (result, i, 2), &area->day);
      area->id = read_feature_id (PQgetvalue (result, i, 4));
      if (!PQgetisnull (result, i, 5))
        frontline_day_parse (PQgetvalue (result, i, 5), &area->valid_until);
      area->source_ids = read_source_ids (PQgetvalue (result, i, 6));
      area->approximate = g_str_equal (PQgetvalue (result, i, 7), "t");
      if (!PQgetisnull (result, i, 8))
        area->note = g_utf8_make_valid (PQgetvalue (result, i, 8), -1);
      area->area_m2 = g_ascii_strtod (PQgetvalue (result, i, 9), NULL);
      for (int c = 0; c < 4; c++)
        box[c] = g_ascii_strtod (PQgetvalue (result, i, 10 + c), NULL);
      area->geometry = frontline_archive_geometry_from_hex_wkb (PQgetvalue (result, i, 14), FALSE,
                                                                &geometry_error);
      area->multi = TRUE;
      if (area->geometry == NULL)
        {
          g_debug ("%s: skipping area %u of %s: %s", self->name, area->index,
                   self->qualified, geometry_error->message);
          g_clear_error (&geometry_error);
          continue;
        }

      entry->size += area_size (area);
      g_array_append_vals (entry->boxes, box, 1);
      g_ptr_array_add (entry->areas, g_steal_pointer (&area));
    }
  PQclear (result);

  return entry;
}

static char *
cache_key (FrontlineDay day,
           int          band)
{
  return g_strdup_printf ("%u/%d", (guint) day, band);
}

/* lock held */
static void
cache_insert (FrontlineArchive *self,
              CacheEntry       *entry)
{
  g_autofree char *key = cache_key (entry->day, entry->band);
  CacheEntry *old = g_hash_table_lookup (self->cache, key);

  if (old != NULL)
    {
      g_queue_delete_link (&self->lru, old->link);
      self->cache_size -= old->size;
      g_hash_table_remove (self->cache, key);
    }

  g_queue_push_head (&self->lru, entry);
  entry->link = self->lru.head;
  self->cache_size += entry->size;
  g_hash_table_insert (self->cache, g_steal_pointer (&key), entry);

  /* The newest entry stays even when alone it is over the limit. */
  while (self->cache_size > self->cache_limit && self->lru.length > 1)
    {
      CacheEntry *last = g_queue_pop_tail (&self->lru);
      g_autofree char *last_key = cache_key (last->day, last->band);

      self->cache_size -= last->size;
      g_hash_table_remove (self->cache, last_key);
    }
}

/* lock held */
static void
set_shown (FrontlineArchive *self,
           FrontlineDay      day,
           GPtrArray        *areas,
           const double      bbox[4],
           double            zoom)
{
  ShownDay *shown;

  for (GList *l = self->shown.head; l != NULL; l = l->next)
    {
      shown = l->data;
      if (shown->day == day)
        {
          g_queue_delete_link (&self->shown, l);
          shown_day_free (shown);
          break;
        }
    }

  shown = g_new0 (ShownDay, 1);
  shown->day = day;
  shown->areas = g_ptr_array_ref (areas);
  memcpy (shown->bbox, bbox, sizeof shown->bbox);
  shown->zoom = zoom;
  g_queue_push_head (&self->shown, shown);
  while (self->shown.length > N_SHOWN_DAYS)
    shown_day_free (g_queue_pop_tail (&self->shown));
}

GPtrArray *
frontline_archive_fetch (FrontlineArchive *self,
                         FrontlineDay      day,
                         const double      bbox[4],
                         double            zoom,
                         GCancellable     *cancellable,
                         GError          **error)
{
  int band = zoom_band (zoom);
  g_autofree char *key = cache_key (day, band);
  GPtrArray *result;
  CacheEntry *entry;

  g_return_val_if_fail (FRONTLINE_IS_ARCHIVE (self), NULL);
  g_return_val_if_fail (bbox != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_mutex_lock (&self->lock);
  entry = g_hash_table_lookup (self->cache, key);
  if (entry != NULL && box_contains (entry->bbox, bbox))
    {
      g_queue_unlink (&self->lru, entry->link);
      g_queue_push_head_link (&self->lru, entry->link);
    }
  else
    {
      double wide[4];

      add_margin (bbox, wide);

      g_mutex_unlock (&self->lock);
      entry = query_entry (self, day, band, wide, cancellable, error);
      if (entry == NULL)
        return NULL;
      g_mutex_lock (&self->lock);
      cache_insert (self, entry);
    }

  result = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < entry->areas->len; i++)
    if (boxes_meet (&g_array_index (entry->boxes, double, 4 * i), bbox))
      g_ptr_array_add (result, g_object_ref (g_ptr_array_index (entry->areas, i)));
  /* What the day shows: the box and its margin, so that a map panning a
   * little has the areas it uncovers before the next fetch. */
  set_shown (self, day, entry->areas, bbox, zoom);
  g_mutex_unlock (&self->lock);

  return result;
}

typedef struct {
  FrontlineDay day;
  double       bbox[4];
  double       zoom;
} FetchData;

static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FetchData *data = task_data;
  GError *error = NULL;
  GPtrArray *areas = frontline_archive_fetch (source_object, data->day, data->bbox, data->zoom,
                                              cancellable, &error);

  if (areas == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, areas, (GDestroyNotify) g_ptr_array_unref);
}

void
frontline_archive_fetch_async (FrontlineArchive    *self,
                               FrontlineDay         day,
                               const double         bbox[4],
                               double               zoom,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  FetchData *data = g_new0 (FetchData, 1);

  g_return_if_fail (FRONTLINE_IS_ARCHIVE (self));

  data->day = day;
  memcpy (data->bbox, bbox, sizeof data->bbox);
  data->zoom = zoom;
  g_task_set_source_tag (task, frontline_archive_fetch_async);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, fetch_thread);
}

GPtrArray *
frontline_archive_fetch_finish (FrontlineArchive  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gsize
frontline_archive_get_cache_size (FrontlineArchive *self)
{
  gsize size;

  g_return_val_if_fail (FRONTLINE_IS_ARCHIVE (self), 0);

  g_mutex_lock (&self->lock);
  size = self->cache_size;
  g_mutex_unlock (&self->lock);
  return size;
}

void
frontline_archive_set_cache_limit (FrontlineArchive *self,
                                   gsize             bytes)
{
  g_return_if_fail (FRONTLINE_IS_ARCHIVE (self));

  g_mutex_lock (&self->lock);
  self->cache_limit = bytes;
  g_mutex_unlock (&self->lock);
}

guint
frontline_archive_get_n_queries (FrontlineArchive *self)
{
  guint n;

  g_return_val_if_fail (FRONTLINE_IS_ARCHIVE (self), 0);

  g_mutex_lock (&self->lock);
  n = self->n_queries;
  g_mutex_unlock (&self->lock);
  return n;
}

gboolean
_frontline_archive_get_bbox (FrontlineArchive *self,
                             double            bbox[4])
{
  memcpy (bbox, self->extent, sizeof self->extent);
  return self->has_extent;
}

/* The areas last fetched for @day, or none. */
GPtrArray *
_frontline_archive_get_state_at (FrontlineArchive *self,
                                 FrontlineDay      day)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  g_mutex_lock (&self->lock);
  for (GList *l = self->shown.head; l != NULL; l = l->next)
    {
      ShownDay *shown = l->data;

      if (shown->day != day)
        continue;
      for (guint i = 0; i < shown->areas->len; i++)
        g_ptr_array_add (result, g_object_ref (g_ptr_array_index (shown->areas, i)));
      break;
    }
  g_mutex_unlock (&self->lock);

  return result;
}

/* On the server */

char *
frontline_archive_format_stats_csv (FrontlineArchive  *self,
                                    GCancellable      *cancellable,
                                    GError           **error)
{
  char *csv = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (FRONTLINE_IS_ARCHIVE (self), NULL);

  g_mutex_lock (&self->conn_lock);
  count_query (self);
  if (ensure_connection (self, &local_error))
    csv = frontline_archive_query_stats_csv (self->conn, self->location, cancellable,
                                             &local_error);
  note_lost (self, local_error);
  g_mutex_unlock (&self->conn_lock);
  if (local_error != NULL)
    g_propagate_error (error, local_error);

  return csv;
}

/**
 * frontline_archive_dup_area_series:
 * @dataset: the dataset that owns @self
 *
 * The area series behind the timeline and the chart, computed on the
 * server. Blocking (any thread).
 *
 * Returns: (transfer full) (nullable): the series
 */
FrontlineAreaSeries *
frontline_archive_dup_area_series (FrontlineArchive  *self,
                                   FrontlineDataset  *dataset,
                                   GCancellable      *cancellable,
                                   GError           **error)
{
  FrontlineAreaSeries *series = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (FRONTLINE_IS_ARCHIVE (self), NULL);
  g_return_val_if_fail (frontline_dataset_get_archive (dataset) == self, NULL);

  g_mutex_lock (&self->conn_lock);
  count_query (self);
  if (ensure_connection (self, &local_error))
    series = frontline_archive_query_area_series (self->conn, self->location, dataset,
                                                  cancellable, &local_error);
  note_lost (self, local_error);
  g_mutex_unlock (&self->conn_lock);
  if (local_error != NULL)
    g_propagate_error (error, local_error);

  return series;
}

/* Comparing on the server */

void
frontline_archive_change_free (FrontlineArchiveChange *change)
{
  if (change == NULL)
    return;

  g_clear_object (&change->change.faction);
  g_clear_pointer (&change->change.gained, frontline_geometry_unref);
  g_clear_pointer (&change->change.lost, frontline_geometry_unref);
  g_free (change);
}

/* Per faction (in the dataset's order, $9 WITH ORDINALITY): its layer's
 * state on each day (the latest date on or before it, through the
 * (faction, status, date) index, less the areas whose valid_until has
 * passed), the union of that state's areas meeting the box, clipped to it;
 * the differences both ways, their geodesic areas and, simplified for the
 * zoom, their shapes. A faction with no ground on a day holds the empty
 * polygon. */
static const char compare_sql[] =
  "WITH box AS (SELECT ST_MakeEnvelope ($3::float8, $4::float8, $5::float8, $6::float8, 4326)"
  "               AS b), "
  "layer AS ("
  "  SELECT l.faction, l.n, "
  "         (SELECT max (t.date) FROM %1$s t WHERE t.faction = l.faction AND t.status = $7"
  "             AND t.date <= $1::date) AS from_date, "
  "         (SELECT max (t.date) FROM %1$s t WHERE t.faction = l.faction AND t.status = $7"
  "             AND t.date <= $2::date) AS to_date "
  "    FROM unnest ($9::text[]) WITH ORDINALITY AS l (faction, n)), "
  "held AS ("
  "  SELECT layer.faction, layer.n, "
  "         COALESCE ((SELECT ST_Intersection (ST_Union (a.geom), box.b) FROM %1$s a"
  "                     WHERE a.faction = layer.faction AND a.status = $7"
  "                       AND a.date = layer.from_date"
  "                       AND (a.valid_until IS NULL OR a.valid_until >= $1::date)"
  "                       AND a.geom && box.b),"
  "                   ST_GeomFromText ('POLYGON EMPTY', 4326)) AS before, "
  "         COALESCE ((SELECT ST_Intersection (ST_Union (a.geom), box.b) FROM %1$s a"
  "                     WHERE a.faction = layer.faction AND a.status = $7"
  "                       AND a.date = layer.to_date"
  "                       AND (a.valid_until IS NULL OR a.valid_until >= $2::date)"
  "                       AND a.geom && box.b),"
  "                   ST_GeomFromText ('POLYGON EMPTY', 4326)) AS after "
  "    FROM layer, box), "
  "change AS ("
  "  SELECT faction, n, "
  "         ST_CollectionExtract (ST_Difference (after, before), 3) AS gained, "
  "         ST_CollectionExtract (ST_Difference (before, after), 3) AS lost "
  "    FROM held) "
  "SELECT faction, ST_Area (gained::geography), ST_Area (lost::geography), "
  "       encode (ST_AsBinary (CASE WHEN $8::float8 > 0"
  "                                 THEN ST_SimplifyPreserveTopology (gained, $8::float8)"
  "                                 ELSE gained END), 'hex'), "
  "       encode (ST_AsBinary (CASE WHEN $8::float8 > 0"
  "                                 THEN ST_SimplifyPreserveTopology (lost, $8::float8)"
  "                                 ELSE lost END), 'hex') "
  "  FROM change ORDER BY n";

/**
 * frontline_archive_compare:
 * @status: the layers compared (the map compares %FRONTLINE_STATUS_CONTROLLED)
 * @bbox: west, south, east, north: the view's box; the server compares it
 *   with the margin a fetch of it takes
 * @zoom: the view's zoom, for simplifying the shapes
 *
 * Gains and losses of each side, computed on the server.
 *
 * Returns: (transfer container) (element-type FrontlineArchiveChange)
 *   (nullable): one per faction, in the dataset's order, or %NULL with
 *   @error set
 */
GPtrArray *
frontline_archive_compare (FrontlineArchive  *self,
                           FrontlineStatus    status,
                           FrontlineDay       from,
                           FrontlineDay       to,
                           const double       bbox[4],
                           double             zoom,
                           GCancellable      *cancellable,
                           GError           **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *from_text = frontline_day_format_as (from, FRONTLINE_DAY_FORMAT_ISO);
  g_autofree char *to_text = frontline_day_format_as (to, FRONTLINE_DAY_FORMAT_ISO);
  g_autofree char *factions_literal = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) factions = g_ptr_array_new_with_free_func (g_object_unref);
  char numbers[5][G_ASCII_DTOSTR_BUF_SIZE];
  const char *params[9];
  double wide[4];
  GPtrArray *changes;
  PGresult *result;

  g_return_val_if_fail (FRONTLINE_IS_ARCHIVE (self), NULL);
  g_return_val_if_fail (bbox != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->factions)); i++)
    {
      FrontlineFaction *faction = g_list_model_get_item (G_LIST_MODEL (self->factions), i);

      g_ptr_array_add (ids, g_strdup (frontline_faction_get_id (faction)));
      g_ptr_array_add (factions, faction);
    }
  factions_literal = literal_array (ids);
  sql = g_strdup_printf (compare_sql, self->qualified);

  add_margin (bbox, wide);
  params[0] = from_text;
  params[1] = to_text;
  for (int i = 0; i < 4; i++)
    params[2 + i] = g_ascii_dtostr (numbers[i], sizeof numbers[i], wide[i]);
  params[6] = frontline_status_to_string (status);
  params[7] = g_ascii_dtostr (numbers[4], sizeof numbers[4], band_tolerance (zoom_band (zoom)));
  params[8] = factions_literal;

  g_mutex_lock (&self->conn_lock);
  result = run_query_cancellable (self, sql, 9, params, cancellable, error);
  g_mutex_unlock (&self->conn_lock);
  if (result == NULL)
    return NULL;

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) frontline_archive_change_free);
  for (int i = 0; i < PQntuples (result) && i < (int) factions->len; i++)
    {
      FrontlineArchiveChange *change = g_new0 (FrontlineArchiveChange, 1);
      g_autoptr(GError) gained_error = NULL;
      g_autoptr(GError) lost_error = NULL;

      change->change.faction = g_object_ref (g_ptr_array_index (factions, i));
      change->gained_km2 = g_ascii_strtod (PQgetvalue (result, i, 1), NULL) / 1e6;
      change->lost_km2 = g_ascii_strtod (PQgetvalue (result, i, 2), NULL) / 1e6;
      change->change.gained = frontline_archive_geometry_from_hex_wkb (PQgetvalue (result, i, 3),
                                                                       TRUE, &gained_error);
      change->change.lost = frontline_archive_geometry_from_hex_wkb (PQgetvalue (result, i, 4),
                                                                     TRUE, &lost_error);
      if (gained_error != NULL || lost_error != NULL)
        g_debug ("%s: the change of %s in %s is incomplete: %s", self->name,
                 PQgetvalue (result, i, 0), self->qualified,
                 (gained_error ? gained_error : lost_error)->message);
      change->change.complete = change->change.gained != NULL && change->change.lost != NULL;
      g_ptr_array_add (changes, change);
    }
  PQclear (result);

  return changes;
}

gboolean
frontline_archive_get_last_view (FrontlineArchive *self,
                                 FrontlineDay      day,
                                 double            bbox[4],
                                 double           *zoom)
{
  ShownDay *found = NULL;

  g_return_val_if_fail (FRONTLINE_IS_ARCHIVE (self), FALSE);

  g_mutex_lock (&self->lock);
  for (GList *l = self->shown.head; l != NULL && found == NULL; l = l->next)
    if (((ShownDay *) l->data)->day == day)
      found = l->data;
  if (found == NULL && self->shown.head != NULL)
    found = self->shown.head->data;
  if (found != NULL)
    {
      memcpy (bbox, found->bbox, sizeof found->bbox);
      *zoom = found->zoom;
    }
  g_mutex_unlock (&self->lock);

  return found != NULL;
}
