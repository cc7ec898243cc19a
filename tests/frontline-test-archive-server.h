/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A PostgreSQL 15 + PostGIS server for the archive's test and benchmark:
 * initdb and pg_ctl in a temporary folder (as the postgres user when root),
 * a socket there and no TCP, a database "frontline" with PostGIS; and a
 * dataset written into it with plain SQL as docs/postgis.md says.
 * Until helper P's tests/frontline-test-pg.[ch] and frontline_archive_publish
 * land: then these give way to them. */

#pragma once

#include <libpq-fe.h>
#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include "frontline-archive.h"
#include "frontline-model-private.h"

/* The server: initdb, pg_ctl, as the postgres user when root. */

#define PG_BIN "/usr/lib/postgresql/15/bin"

typedef struct {
  char *dir;
  char *data;
  gboolean root;
} TestServer;

static TestServer server;

static inline gboolean
run_pg (const char * const *argv,
        GError            **error)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  int status = 0;

  if (server.root)
    {
      g_ptr_array_add (args, (char *) "runuser");
      g_ptr_array_add (args, (char *) "-u");
      g_ptr_array_add (args, (char *) "postgres");
      g_ptr_array_add (args, (char *) "--");
    }
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);

  if (!g_spawn_sync (server.dir, (char **) args->pdata, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, error))
    return FALSE;
  return g_spawn_check_wait_status (status, error);
}

static inline gboolean
server_start (void)
{
  g_autofree char *options = g_strdup_printf ("-k %s -c listen_addresses='' -c fsync=off",
                                              server.dir);
  g_autofree char *log = g_build_filename (server.dir, "log", NULL);
  const char *argv[] = { PG_BIN "/pg_ctl", "-D", server.data, "-o", options, "-l", log, "-w",
                         "start", NULL };
  g_autoptr(GError) error = NULL;

  if (!run_pg (argv, &error))
    g_printerr ("# pg_ctl start: %s\n", error->message);
  return error == NULL;
}

static inline void
server_stop (void)
{
  const char *argv[] = { PG_BIN "/pg_ctl", "-D", server.data, "-m", "immediate", "-w", "stop",
                         NULL };

  run_pg (argv, NULL);
}

static inline char *
server_conninfo (const char *dbname)
{
  return g_strdup_printf ("host=%s dbname=%s user=postgres", server.dir, dbname);
}

static inline void
server_ignore_notice (void       *arg,
                      const char *message)
{
}

static inline PGconn *
server_connect (const char *dbname)
{
  g_autofree char *conninfo = server_conninfo (dbname);
  PGconn *conn = PQconnectdb (conninfo);

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  PQsetNoticeProcessor (conn, server_ignore_notice, NULL);
  return conn;
}

static inline void
exec_ok (PGconn     *conn,
         const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
}

static inline gboolean
server_setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *initdb = NULL;
  PGconn *conn;

  if (!g_file_test (PG_BIN "/initdb", G_FILE_TEST_IS_EXECUTABLE))
    return FALSE;

  server.root = geteuid () == 0;
  server.dir = g_dir_make_tmp ("frontline-pg-XXXXXX", &error);
  g_assert_no_error (error);
  server.data = g_build_filename (server.dir, "data", NULL);
  if (server.root)
    {
      struct passwd *pw = getpwnam ("postgres");

      g_assert_nonnull (pw);
      g_assert_cmpint (chown (server.dir, pw->pw_uid, pw->pw_gid), ==, 0);
    }

  {
    const char *argv[] = { PG_BIN "/initdb", "-D", server.data, "-A", "trust", "-U", "postgres",
                           "--no-sync", "-E", "UTF8", NULL };

    if (!run_pg (argv, &error))
      {
        g_printerr ("# initdb: %s\n", error->message);
        return FALSE;
      }
  }
  if (!server_start ())
    return FALSE;

  conn = server_connect ("postgres");
  exec_ok (conn, "CREATE DATABASE frontline");
  PQfinish (conn);
  conn = server_connect ("frontline");
  exec_ok (conn, "CREATE EXTENSION postgis");
  PQfinish (conn);
  return TRUE;
}

static inline void
server_teardown (void)
{
  g_autofree char *command = NULL;

  server_stop ();
  command = g_strdup_printf ("rm -rf '%s'", server.dir);
  g_assert_cmpint (system (command), ==, 0);
  g_free (server.dir);
  g_free (server.data);
}

/* Publishing with plain SQL, as docs/postgis.md says. */

static inline char *
json_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static inline char *
geometry_to_geojson (FrontlineGeometry *g)
{
  GString *text = g_string_new ("{\"type\":\"MultiPolygon\",\"coordinates\":[");

  for (guint p = 0; p < g->n_polygons; p++)
    {
      g_string_append (text, p ? ",[" : "[");
      for (guint r = g->polygons[p]; r < g->polygons[p + 1]; r++)
        {
          g_string_append (text, r > g->polygons[p] ? ",[" : "[");
          for (guint i = g->rings[r]; i < g->rings[r + 1]; i++)
            {
              char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

              g_string_append_printf (text, "%s[%s,%s]", i > g->rings[r] ? "," : "",
                                      g_ascii_dtostr (x, sizeof x, g->coords[2 * i]),
                                      g_ascii_dtostr (y, sizeof y, g->coords[2 * i + 1]));
            }
          g_string_append_c (text, ']');
        }
      g_string_append_c (text, ']');
    }
  g_string_append (text, "]}");
  return g_string_free (text, FALSE);
}

static inline void
publish (FrontlineDataset *dataset,
         const char       *table)
{
  PGconn *conn = server_connect ("frontline");
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), dataset->root);
  g_autoptr(JsonArray) others = json_array_new ();
  g_autoptr(JsonNode) others_node = NULL;
  g_autofree char *document = json_text (root);
  g_autofree char *features = NULL;
  g_autofree char *create = NULL;
  g_autofree char *insert = NULL;

  for (guint i = 0; i < dataset->features->len; i++)
    if (g_ptr_array_index (dataset->feature_areas, i) == NULL)
      json_array_add_object_element (others, json_object_ref (g_ptr_array_index (dataset->features, i)));
  others_node = json_node_init_array (json_node_alloc (), others);
  features = json_text (others_node);

  exec_ok (conn, "CREATE TABLE IF NOT EXISTS public.frontline_datasets ("
                 " table_schema text NOT NULL, table_name text NOT NULL, title text NOT NULL,"
                 " factions jsonb NOT NULL DEFAULT '[]', sources jsonb NOT NULL DEFAULT '[]',"
                 " quotes jsonb NOT NULL DEFAULT '[]', stops jsonb NOT NULL DEFAULT '[]',"
                 " document jsonb NOT NULL, features jsonb NOT NULL DEFAULT '[]',"
                 " published timestamptz NOT NULL DEFAULT now(),"
                 " PRIMARY KEY (table_schema, table_name))");
  create = g_strdup_printf ("CREATE TABLE public.%s ("
                            " id bigserial PRIMARY KEY, feature_id jsonb, date date NOT NULL,"
                            " valid_until date, faction text NOT NULL,"
                            " status text NOT NULL DEFAULT 'controlled'"
                            "  CHECK (status IN ('controlled', 'claimed', 'contested')),"
                            " source jsonb, approximate boolean NOT NULL DEFAULT false, note text,"
                            " properties jsonb NOT NULL DEFAULT '{}',"
                            " geom geometry(MultiPolygon, 4326) NOT NULL,"
                            " area_m2 double precision GENERATED ALWAYS AS (ST_Area(geom::geography)) STORED);"
                            "CREATE INDEX ON public.%s USING gist (geom);"
                            "CREATE INDEX ON public.%s (date);"
                            "CREATE INDEX ON public.%s (faction, status, date);",
                            table, table, table, table);
  exec_ok (conn, create);

  {
    const char *params[] = { table, frontline_dataset_get_title (dataset), document, features };
    PGresult *result = PQexecParams (conn,
                                     "INSERT INTO public.frontline_datasets"
                                     " (table_schema, table_name, title, document, features)"
                                     " VALUES ('public', $1, $2, $3, $4)",
                                     4, NULL, params, NULL, NULL, 0);

    g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
    PQclear (result);
  }

  insert = g_strdup_printf ("INSERT INTO public.%s (feature_id, date, valid_until, faction, status,"
                            " source, approximate, note, geom) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
                            " ST_Multi (ST_SetSRID (ST_GeomFromGeoJSON ($9), 4326)))", table);
  exec_ok (conn, "BEGIN");
  for (guint i = 0; i < g_list_model_get_n_items (frontline_dataset_get_areas (dataset)); i++)
    {
      g_autoptr(FrontlineArea) area = g_list_model_get_item (frontline_dataset_get_areas (dataset), i);
      g_autofree char *id = area->id ? g_strdup_printf ("\"%s\"", area->id) : NULL;
      g_autofree char *date = frontline_day_format_as (area->day, FRONTLINE_DAY_FORMAT_ISO);
      g_autofree char *until = area->valid_until != FRONTLINE_DAY_NONE
                               ? frontline_day_format_as (area->valid_until, FRONTLINE_DAY_FORMAT_ISO)
                               : NULL;
      g_autofree char *sources = NULL;
      g_autofree char *geometry = geometry_to_geojson (area->geometry);
      const char *params[9];
      PGresult *result;

      if (area->source_ids != NULL)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          g_autoptr(JsonNode) node = NULL;

          json_builder_begin_array (builder);
          for (guint s = 0; area->source_ids[s]; s++)
            json_builder_add_string_value (builder, area->source_ids[s]);
          json_builder_end_array (builder);
          node = json_builder_get_root (builder);
          sources = json_text (node);
        }

      params[0] = id;
      params[1] = date;
      params[2] = until;
      params[3] = frontline_faction_get_id (area->faction);
      params[4] = frontline_status_to_string (area->status);
      params[5] = sources;
      params[6] = area->approximate ? "true" : "false";
      params[7] = area->note;
      params[8] = geometry;
      result = PQexecParams (conn, insert, 9, NULL, params, NULL, NULL, 0);
      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        g_error ("insert: %s", PQerrorMessage (conn));
      PQclear (result);
    }
  exec_ok (conn, "COMMIT; ANALYZE");
  PQfinish (conn);
}

