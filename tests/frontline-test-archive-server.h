/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A PostgreSQL 15 + PostGIS server for the archive's test and benchmark:
 * initdb and pg_ctl in a temporary folder (as the postgres user when root),
 * a socket there and no TCP, a database "frontline" with PostGIS, which the
 * test can stop and start again (frontline-test-pg.[ch] cannot restart yet:
 * the lost-server test reconnects); datasets published into it with
 * frontline_archive_publish(). */

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

/* Publishing through frontline_archive_publish(), as --convert does. */

static inline void
publish (FrontlineDataset *dataset,
         const char       *table)
{
  FrontlineArchiveLocation location = {
    .host = server.dir, .dbname = (char *) "frontline", .user = (char *) "postgres",
    .schema = (char *) "public", .table = (char *) table,
  };
  g_autoptr(GError) error = NULL;

  if (!frontline_archive_publish (dataset, &location, NULL, FALSE, NULL, NULL, NULL, &error))
    g_error ("publishing %s: %s", table, error->message);
}
