/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Publishing a dataset to PostGIS (docs/postgis.md): in one transaction,
 * the schema's tables, the areas through COPY (text; the geometry as hex
 * EWKB with SRID 4326 from GEOS's WKB writer), the indexes, and the row of
 * frontline_datasets. Any failure or a cancel rolls it all back. */

#define G_LOG_DOMAIN "frontline-archive"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "frontline-archive-private.h"
#include "frontline-dataset-save.h"
#include "frontline-model-private.h"

#define COPY_CHUNK (1 << 20)

static const char datasets_sql[] =
  "CREATE TABLE IF NOT EXISTS public.frontline_datasets ("
  "  table_schema  text        NOT NULL,"
  "  table_name    text        NOT NULL,"
  "  title         text        NOT NULL,"
  "  factions      jsonb       NOT NULL DEFAULT '[]',"
  "  sources       jsonb       NOT NULL DEFAULT '[]',"
  "  quotes        jsonb       NOT NULL DEFAULT '[]',"
  "  stops         jsonb       NOT NULL DEFAULT '[]',"
  "  document      jsonb       NOT NULL,"
  "  features      jsonb       NOT NULL DEFAULT '[]',"
  "  published     timestamptz NOT NULL DEFAULT now(),"
  "  PRIMARY KEY (table_schema, table_name))";

static const char areas_sql[] =
  "CREATE TABLE %s ("
  "  id           bigserial PRIMARY KEY,"
  "  feature_id   jsonb,"
  "  date         date        NOT NULL,"
  "  valid_until  date,"
  "  faction      text        NOT NULL,"
  "  status       text        NOT NULL DEFAULT 'controlled'"
  "               CHECK (status IN ('controlled', 'claimed', 'contested')),"
  "  source       jsonb,"
  "  approximate  boolean     NOT NULL DEFAULT false,"
  "  note         text,"
  "  properties   jsonb       NOT NULL DEFAULT '{}',"
  "  geom         geometry(MultiPolygon, 4326) NOT NULL,"
  "  area_m2      double precision GENERATED ALWAYS AS (ST_Area(geom::geography)) STORED)";

typedef struct {
  PGconn                         *conn;
  const FrontlineArchiveLocation *location;
  GCancellable                   *cancellable;
} Publish;

static gboolean
exec (Publish     *p,
      const char  *sql,
      const char  *what,
      GError     **error)
{
  g_autoptr(PGresult) result = NULL;
  gulong id = frontline_archive_cancel_begin (p->conn, p->cancellable);

  result = PQexec (p->conn, sql);
  frontline_archive_cancel_end (p->cancellable, id);
  if (g_cancellable_set_error_if_cancelled (p->cancellable, error))
    return FALSE;
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    return frontline_archive_set_error (error, p->conn, result, p->location, what);

  return TRUE;
}

/* A COPY text field: backslash, tab, newline and carriage return escaped. */
static void
append_field (GString    *out,
              const char *value)
{
  if (value == NULL)
    {
      g_string_append (out, "\\N");
      return;
    }

  for (const char *c = value; *c != '\0'; c++)
    switch (*c)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      default: g_string_append_c (out, *c);
      }
}

static char *
node_to_json (JsonNode *node)
{
  g_autoptr(GString) out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  out = g_string_new (NULL);
  frontline_json_append_node (out, node);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
append_area_row (GString       *out,
                 JsonObject    *feature,
                 FrontlineArea *area)
{
  JsonObject *properties = NULL;
  g_autofree char *feature_id = NULL;
  g_autofree char *props = NULL;
  g_autofree char *source = NULL;
  g_autofree char *geom = NULL;
  char day[11];

  if (feature != NULL && json_object_has_member (feature, "properties") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (feature, "properties")))
    properties = json_object_get_object_member (feature, "properties");

  if (feature != NULL && json_object_has_member (feature, "id"))
    feature_id = node_to_json (json_object_get_member (feature, "id"));
  else if (area->id != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), area->id);

      feature_id = node_to_json (node);
    }

  if (properties != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), properties);

      props = node_to_json (node);
      if (json_object_has_member (properties, "source"))
        source = node_to_json (json_object_get_member (properties, "source"));
    }

  append_field (out, feature_id);
  g_string_append_c (out, '\t');
  frontline_day_format_buf (area->day, day);
  g_string_append (out, day);
  g_string_append_c (out, '\t');
  if (area->valid_until != FRONTLINE_DAY_NONE)
    {
      frontline_day_format_buf (area->valid_until, day);
      g_string_append (out, day);
    }
  else
    g_string_append (out, "\\N");
  g_string_append_c (out, '\t');
  append_field (out, frontline_faction_get_id (area->faction));
  g_string_append_c (out, '\t');
  g_string_append (out, frontline_status_to_string (area->status));
  g_string_append_c (out, '\t');
  append_field (out, source);
  g_string_append_c (out, '\t');
  g_string_append (out, area->approximate ? "t" : "f");
  g_string_append_c (out, '\t');
  append_field (out, area->note);
  g_string_append_c (out, '\t');
  append_field (out, props != NULL ? props : "{}");
  g_string_append_c (out, '\t');
  geom = frontline_geometry_to_hex_ewkb (area->geometry, 4326);
  g_string_append (out, geom);
  g_string_append_c (out, '\n');
}

static gboolean
copy_areas (Publish               *p,
            FrontlineDataset      *dataset,
            const char            *name,
            FrontlineProgressFunc  progress,
            gpointer               progress_data,
            GError               **error)
{
  g_autofree char *sql = g_strdup_printf ("COPY %s (feature_id, date, valid_until, faction, "
                                          "status, source, approximate, note, properties, geom) "
                                          "FROM STDIN", name);
  g_autoptr(PGresult) result = PQexec (p->conn, sql);
  g_autoptr(GString) buffer = g_string_sized_new (COPY_CHUNK + 65536);
  guint n = dataset->features->len;
  gboolean cancelled = FALSE;

  if (PQresultStatus (result) != PGRES_COPY_IN)
    return frontline_archive_set_error (error, p->conn, result, p->location, "COPY");
  g_clear_pointer (&result, PQclear);

  for (guint i = 0; i < n; i++)
    {
      FrontlineArea *area = g_ptr_array_index (dataset->feature_areas, i);

      if (area == NULL)
        continue;

      append_area_row (buffer, g_ptr_array_index (dataset->features, i), area);
      if (buffer->len >= COPY_CHUNK || i + 1 == n)
        {
          if (PQputCopyData (p->conn, buffer->str, buffer->len) != 1)
            break;
          g_string_truncate (buffer, 0);
          if (progress != NULL)
            progress (0.05 + 0.85 * (i + 1) / n, progress_data);
          if (g_cancellable_is_cancelled (p->cancellable))
            {
              cancelled = TRUE;
              break;
            }
        }
    }
  if (buffer->len > 0 && !cancelled)
    PQputCopyData (p->conn, buffer->str, buffer->len);

  PQputCopyEnd (p->conn, cancelled ? "cancelled" : NULL);
  result = PQgetResult (p->conn);
  while (TRUE)
    {
      PGresult *more = PQgetResult (p->conn);

      if (more == NULL)
        break;
      PQclear (more);
    }

  if (g_cancellable_set_error_if_cancelled (p->cancellable, error))
    return FALSE;
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    return frontline_archive_set_error (error, p->conn, result, p->location,
                                        "Copying the areas");

  return TRUE;
}

/* The members of the document's "frontline" object the schema keeps apart. */
static char *
dup_member (JsonObject *frontline,
            const char *member)
{
  JsonNode *node;

  if (frontline == NULL || !json_object_has_member (frontline, member))
    return g_strdup ("[]");
  node = json_object_get_member (frontline, member);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup ("[]");

  return node_to_json (node);
}

static gboolean
insert_metadata (Publish           *p,
                 FrontlineDataset  *dataset,
                 GError           **error)
{
  g_autofree char *stops = frontline_dataset_format_stops (dataset);
  g_autofree char *document = frontline_dataset_format_document (dataset, stops);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) features = g_string_new ("[");
  g_autofree char *factions = NULL;
  g_autofree char *sources = NULL;
  g_autofree char *quotes = NULL;
  g_autofree char *stop_list = NULL;
  g_autoptr(PGresult) result = NULL;
  JsonObject *frontline = NULL;
  const char *title = frontline_dataset_get_title (dataset);
  const char *params[9];

  if (json_parser_load_from_data (parser, document, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *root = json_node_get_object (json_parser_get_root (parser));

      if (json_object_has_member (root, "frontline") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "frontline")))
        frontline = json_object_get_object_member (root, "frontline");
    }
  factions = dup_member (frontline, "factions");
  sources = dup_member (frontline, "sources");
  quotes = dup_member (frontline, "quotes");
  stop_list = dup_member (frontline, "stops");

  /* The features that are not areas (places, points), whole. */
  for (guint i = 0; i < dataset->features->len; i++)
    {
      g_autoptr(JsonNode) node = NULL;

      if (g_ptr_array_index (dataset->feature_areas, i) != NULL)
        continue;
      node = json_node_init_object (json_node_alloc (), g_ptr_array_index (dataset->features, i));
      if (features->len > 1)
        g_string_append_c (features, ',');
      frontline_json_append_node (features, node);
    }
  g_string_append_c (features, ']');

  params[0] = p->location->schema;
  params[1] = p->location->table;
  params[2] = title != NULL ? title : p->location->table;
  params[3] = factions;
  params[4] = sources;
  params[5] = quotes;
  params[6] = stop_list;
  params[7] = document;
  params[8] = features->str;
  result = PQexecParams (p->conn,
                         "INSERT INTO public.frontline_datasets (table_schema, table_name, title, "
                         "  factions, sources, quotes, stops, document, features) "
                         "VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7::jsonb, "
                         "        $8::jsonb, $9::jsonb)",
                         9, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    return frontline_archive_set_error (error, p->conn, result, p->location,
                                        "Recording the dataset in frontline_datasets");

  return TRUE;
}

/* Whether the table exists, and whether it is one Frontline published. */
static gboolean
check_existing (Publish   *p,
                const char *name,
                gboolean   replace,
                GError   **error)
{
  const char *params[3] = { name, p->location->schema, p->location->table };
  g_autoptr(PGresult) result = NULL;
  g_autofree char *address = frontline_archive_location_to_string (p->location);

  result = PQexecParams (p->conn,
                         "SELECT to_regclass($1) IS NOT NULL, "
                         "       EXISTS (SELECT 1 FROM public.frontline_datasets "
                         "               WHERE table_schema = $2 AND table_name = $3)",
                         3, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    return frontline_archive_set_error (error, p->conn, result, p->location,
                                        "Looking for the table");

  if (g_str_equal (PQgetvalue (result, 0, 0), "t"))
    {
      if (!g_str_equal (PQgetvalue (result, 0, 1), "t"))
        {
          g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE,
                       _("%s: the table exists and is not Frontline’s; publish under another "
                         "table name"), address);
          return FALSE;
        }
      if (!replace)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("%s already holds a dataset: replace it on purpose (--force)"),
                       address);
          return FALSE;
        }
      else
        {
          g_autofree char *drop = g_strdup_printf ("DROP TABLE %s", name);
          g_autoptr(PGresult) deleted = NULL;

          if (!exec (p, drop, "Dropping the old table", error))
            return FALSE;
          deleted = PQexecParams (p->conn,
                                  "DELETE FROM public.frontline_datasets "
                                  "WHERE table_schema = $1 AND table_name = $2",
                                  2, NULL, params + 1, NULL, NULL, 0);
          if (PQresultStatus (deleted) != PGRES_COMMAND_OK)
            return frontline_archive_set_error (error, p->conn, deleted, p->location,
                                                "Removing the old dataset's row");
        }
    }
  else if (g_str_equal (PQgetvalue (result, 0, 1), "t"))
    {
      /* A row left by a table someone dropped by hand: it goes. */
      g_autoptr(PGresult) deleted = PQexecParams (p->conn,
                                                  "DELETE FROM public.frontline_datasets "
                                                  "WHERE table_schema = $1 AND table_name = $2",
                                                  2, NULL, params + 1, NULL, NULL, 0);

      if (PQresultStatus (deleted) != PGRES_COMMAND_OK)
        return frontline_archive_set_error (error, p->conn, deleted, p->location,
                                            "Removing a stale dataset row");
    }

  return TRUE;
}

static char *
index_name (PGconn     *conn,
            const char *table,
            const char *suffix)
{
  g_autofree char *name = g_strdup_printf ("%s_%s", table, suffix);
  char *quoted = PQescapeIdentifier (conn, name, strlen (name));
  char *result = g_strdup (quoted);

  PQfreemem (quoted);

  return result;
}

/**
 * frontline_archive_publish:
 *
 * Writes @dataset into @location's table in one transaction: all of it, or
 * nothing when anything fails or @cancellable is cancelled. Blocking.
 */
gboolean
frontline_archive_publish (FrontlineDataset               *dataset,
                           const FrontlineArchiveLocation *location,
                           const char                     *password,
                           gboolean                        replace,
                           GCancellable                   *cancellable,
                           FrontlineProgressFunc           progress,
                           gpointer                        progress_data,
                           GError                        **error)
{
  g_autoptr(PGconn) conn = NULL;
  g_autofree char *name = NULL;
  g_autofree char *create = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *indexes = NULL;
  g_autofree char *geom_index = NULL;
  g_autofree char *date_index = NULL;
  g_autofree char *layer_index = NULL;
  Publish p;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (location != NULL && location->table != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  conn = frontline_archive_connect (location, password, FALSE, cancellable, error);
  if (conn == NULL)
    return FALSE;

  p.conn = conn;
  p.location = location;
  p.cancellable = cancellable;

  if (progress != NULL)
    progress (0.0, progress_data);

  name = frontline_archive_dup_qualified_name (conn, location);
  {
    char *quoted = PQescapeIdentifier (conn, location->schema, strlen (location->schema));

    schema = g_strdup_printf ("CREATE SCHEMA IF NOT EXISTS %s", quoted);
    PQfreemem (quoted);
  }
  create = g_strdup_printf (areas_sql, name);
  geom_index = index_name (conn, location->table, "geom");
  date_index = index_name (conn, location->table, "date");
  layer_index = index_name (conn, location->table, "layer_date");
  indexes = g_strdup_printf ("CREATE INDEX %s ON %s USING gist (geom); "
                             "CREATE INDEX %s ON %s (date); "
                             "CREATE INDEX %s ON %s (faction, status, date)",
                             geom_index, name, date_index, name, layer_index, name);

  /* Closing the connection without COMMIT rolls everything back. */
  if (!exec (&p, "BEGIN", "BEGIN", error) ||
      !exec (&p, "CREATE EXTENSION IF NOT EXISTS postgis", "Enabling PostGIS", error) ||
      !exec (&p, datasets_sql, "Creating frontline_datasets", error) ||
      (!g_str_equal (location->schema, "public") &&
       !exec (&p, schema, "Creating the schema", error)) ||
      !check_existing (&p, name, replace, error) ||
      !exec (&p, create, "Creating the table", error))
    return FALSE;

  if (progress != NULL)
    progress (0.05, progress_data);

  if (!copy_areas (&p, dataset, name, progress, progress_data, error) ||
      !exec (&p, indexes, "Indexing the table", error) ||
      !insert_metadata (&p, dataset, error))
    return FALSE;

  if (progress != NULL)
    progress (0.95, progress_data);

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !exec (&p, "COMMIT", "COMMIT", error))
    return FALSE;

  if (progress != NULL)
    progress (1.0, progress_data);

  return TRUE;
}

void
frontline_archive_table_free (FrontlineArchiveTable *table)
{
  if (table == NULL)
    return;

  g_free (table->schema);
  g_free (table->table);
  g_free (table->title);
  g_free (table);
}

/**
 * frontline_archive_list_tables:
 *
 * The tables of @location's database that hold Frontline data (a row in
 * frontline_datasets and the table itself), with their dates and size.
 * @location's table is ignored. Blocking.
 *
 * Returns: (transfer container) (element-type FrontlineArchiveTable): the
 *   tables, by schema and name; empty when the database has none
 */
GPtrArray *
frontline_archive_list_tables (const FrontlineArchiveLocation *location,
                               const char                     *password,
                               GCancellable                   *cancellable,
                               GError                        **error)
{
  g_autoptr(PGconn) conn = frontline_archive_connect (location, password, TRUE, cancellable,
                                                      error);
  g_autoptr(PGresult) rows = NULL;
  g_autoptr(GPtrArray) tables = NULL;

  if (conn == NULL)
    return NULL;

  tables = g_ptr_array_new_with_free_func ((GDestroyNotify) frontline_archive_table_free);

  rows = PQexec (conn, "SELECT to_regclass('public.frontline_datasets') IS NOT NULL");
  if (PQresultStatus (rows) != PGRES_TUPLES_OK)
    {
      frontline_archive_set_error (error, conn, rows, location, "Listing the tables");
      return NULL;
    }
  if (!g_str_equal (PQgetvalue (rows, 0, 0), "t"))
    return g_steal_pointer (&tables);
  g_clear_pointer (&rows, PQclear);

  rows = PQexec (conn,
                 "SELECT table_schema, table_name, title FROM public.frontline_datasets d "
                 "WHERE to_regclass(quote_ident(table_schema) || '.' || "
                 "                  quote_ident(table_name)) IS NOT NULL "
                 "ORDER BY table_schema, table_name");
  if (PQresultStatus (rows) != PGRES_TUPLES_OK)
    {
      frontline_archive_set_error (error, conn, rows, location, "Listing the tables");
      return NULL;
    }

  for (int i = 0, n = PQntuples (rows); i < n; i++)
    {
      FrontlineArchiveLocation where = *location;
      g_autoptr(PGresult) summary = NULL;
      g_autofree char *name = NULL;
      g_autofree char *sql = NULL;
      FrontlineArchiveTable *table;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      where.schema = PQgetvalue (rows, i, 0);
      where.table = PQgetvalue (rows, i, 1);
      if (!frontline_archive_check_table (conn, &where, NULL))
        continue;

      name = frontline_archive_dup_qualified_name (conn, &where);
      sql = g_strdup_printf ("SELECT to_char(min(date), 'YYYY-MM-DD'), "
                             "to_char(max(date), 'YYYY-MM-DD'), count(*) FROM %s", name);
      summary = PQexec (conn, sql);
      if (PQresultStatus (summary) != PGRES_TUPLES_OK)
        {
          frontline_archive_set_error (error, conn, summary, &where, "Summing up the table");
          return NULL;
        }

      table = g_new0 (FrontlineArchiveTable, 1);
      table->schema = g_strdup (where.schema);
      table->table = g_strdup (where.table);
      table->title = g_strdup (PQgetvalue (rows, i, 2));
      if (PQgetisnull (summary, 0, 0) ||
          !frontline_day_parse (PQgetvalue (summary, 0, 0), &table->first_day))
        table->first_day = FRONTLINE_DAY_NONE;
      if (PQgetisnull (summary, 0, 1) ||
          !frontline_day_parse (PQgetvalue (summary, 0, 1), &table->last_day))
        table->last_day = FRONTLINE_DAY_NONE;
      table->n_areas = g_ascii_strtoll (PQgetvalue (summary, 0, 2), NULL, 10);
      g_ptr_array_add (tables, table);
    }

  return g_steal_pointer (&tables);
}
