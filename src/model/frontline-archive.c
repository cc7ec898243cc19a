/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Browsing a dataset kept in PostGIS (docs/postgis.md): a read-only libpq
 * connection, the dataset's metadata and dates at open, and the areas of a day
 * inside a box, simplified on the server for the zoom, as they are shown.
 *
 * One connection per archive, used by one thread at a time (conn_lock): libpq
 * connections are not thread-safe. The fetched areas are kept per (day, zoom
 * band) in a cache bounded in bytes (least recently used first out), and the
 * areas last fetched for each day are what frontline_dataset_get_state_at()
 * gives for an archive dataset.
 *
 * This file holds the object, the connection and its queries, and opening;
 * fetching and the cache are in frontline-archive-fetch.c, what is computed on
 * the server (stats, area series, comparing) in frontline-archive-compare.c. */

#include "config.h"

#include <glib/gi18n.h>
#include <libpq-fe.h>
#include <string.h>

#include "frontline-archive.h"
#include "frontline-archive-private.h"
#include "frontline-feature-reader.h"
#include "frontline-json-scan.h"
#include "frontline-metadata-reader.h"
#include "frontline-model-private.h"

#define DEFAULT_CACHE_LIMIT (64 * 1024 * 1024)

G_DEFINE_FINAL_TYPE (FrontlineArchive, frontline_archive, G_TYPE_OBJECT)

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
  g_queue_clear_full (&self->shown, (GDestroyNotify) frontline_archive_shown_day_free);
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
                                       (GDestroyNotify) frontline_archive_cache_entry_free);
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
void
frontline_archive_note_lost (FrontlineArchive *self,
                             const GError     *error)
{
  if (g_error_matches (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_LOST))
    self->broken = TRUE;
}

void
frontline_archive_count_query (FrontlineArchive *self)
{
  g_mutex_lock (&self->lock);
  self->n_queries++;
  g_mutex_unlock (&self->lock);
}

/* Connects, or reconnects after the connection was lost (conn_lock held). */
gboolean
frontline_archive_ensure_connection (FrontlineArchive  *self,
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
PGresult *
frontline_archive_run_query_cancellable (FrontlineArchive   *self,
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

  if (!frontline_archive_ensure_connection (self, error))
    return NULL;

  frontline_archive_count_query (self);

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
  return frontline_archive_run_query_cancellable (self, sql, n_params, params, NULL, error);
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
JsonNode *
frontline_archive_parse_json (const char  *text,
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

char *
frontline_archive_literal_array (GPtrArray *values)
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

  document = frontline_archive_parse_json (document_text, "document", &local_error);
  if (document != NULL && JSON_NODE_HOLDS_OBJECT (document))
    features = frontline_archive_parse_json (features_text, "features", &local_error);
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
  self->layer_factions = frontline_archive_literal_array (factions);
  self->layer_statuses = frontline_archive_literal_array (statuses);
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
