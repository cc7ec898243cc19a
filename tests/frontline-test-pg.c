/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "frontline-test-pg.h"

#include <glib/gstdio.h>
#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#define TEST_PORT "54329"
#define TEST_DBNAME "frontline_test"
#define TEST_SUPERUSER "postgres"

struct _FrontlineTestPg
{
  char *bindir;
  char *dir;         /* the temporary folder: the socket, data/ and the log */
  char *data_dir;
  char *log_file;
  char *options;     /* the server's options, for starting it again */
  gboolean as_postgres;  /* root: every server command runs as postgres */
  gboolean running;
  GPid watchdog;
};

static char *
find_bindir (void)
{
  const char *env = g_getenv ("FRONTLINE_TEST_PG_BINDIR");
  g_autoptr(GDir) dir = NULL;
  g_autofree char *best = NULL;
  const char *name;

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  /* Debian keeps the server's programs out of PATH, one folder per major
   * version: the newest that has initdb (15 on Debian 12). */
  dir = g_dir_open ("/usr/lib/postgresql", 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *initdb = g_build_filename ("/usr/lib/postgresql", name, "bin", "initdb",
                                                  NULL);

      if (g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE) &&
          (best == NULL || atoi (name) > atoi (best)))
        {
          g_free (best);
          best = g_strdup (name);
        }
    }
  if (best != NULL)
    return g_build_filename ("/usr/lib/postgresql", best, "bin", NULL);

  {
    g_autofree char *initdb = g_find_program_in_path ("initdb");

    if (initdb != NULL)
      return g_path_get_dirname (initdb);
  }

  return NULL;
}

/* Runs a server program (as postgres when root), in the cluster's folder, and
 * fails the test with its output if it fails. */
static gboolean
run (FrontlineTestPg *pg,
     gboolean         must_succeed,
     const char      *program,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *arg;
  va_list args;

  if (pg->as_postgres)
    {
      g_ptr_array_add (argv, g_strdup ("runuser"));
      g_ptr_array_add (argv, g_strdup ("-u"));
      g_ptr_array_add (argv, g_strdup ("postgres"));
      g_ptr_array_add (argv, g_strdup ("--"));
    }
  g_ptr_array_add (argv, g_build_filename (pg->bindir, program, NULL));
  va_start (args, program);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (pg->dir, (char **) argv->pdata, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL,
                     NULL, NULL, &out, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      if (must_succeed)
        {
          g_autofree char *log = NULL;

          g_file_get_contents (pg->log_file, &log, NULL, NULL);
          g_error ("%s failed: %s\n%s\n%s\nserver log:\n%s", program, error->message,
                   out != NULL ? out : "", err != NULL ? err : "", log != NULL ? log : "");
        }
      return FALSE;
    }

  return TRUE;
}

static void
watchdog_setup (gpointer user_data)
{
  setsid ();
}

static void
start_watchdog (FrontlineTestPg *pg)
{
  g_autofree char *pg_ctl = g_build_filename (pg->bindir, "pg_ctl", NULL);
  g_autofree char *q_pg_ctl = g_shell_quote (pg_ctl);
  g_autofree char *q_data = g_shell_quote (pg->data_dir);
  g_autofree char *q_dir = g_shell_quote (pg->dir);
  g_autofree char *script = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "sh", "-c", NULL, NULL };

  /* When the test dies (an assertion aborts it), its server must not outlive
   * it. The watchdog polls the test's pid, then stops and removes what is
   * left; after a normal end there is nothing left and it just exits. */
  script = g_strdup_printf ("while kill -0 %d 2>/dev/null; do sleep 1; done; "
                            "if [ -d %s ]; then %s %s stop -D %s -m immediate -w; "
                            "rm -rf %s; fi",
                            (int) getpid (), q_dir,
                            pg->as_postgres ? "runuser -u postgres --" : "",
                            q_pg_ctl, q_data, q_dir);
  argv[2] = script;
  /* In a session of its own, so that a signal to the test's process group
   * (meson's timeout, Ctrl+C) does not take the watchdog with it. */
  if (!g_spawn_async ("/", (char **) argv, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL |
                      G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                      watchdog_setup, NULL, &pg->watchdog, &error))
    g_error ("cannot start the PostgreSQL watchdog: %s", error->message);
}

static char *
conninfo_for (FrontlineTestPg *pg,
              const char      *dbname,
              const char      *user)
{
  return g_strdup_printf ("host='%s' port=" TEST_PORT " dbname='%s' user='%s' "
                          "connect_timeout=10", pg->dir, dbname, user);
}

static void
exec_on (const char *conninfo,
         const char *sql)
{
  g_autoptr(PGconn) conn = PQconnectdb (conninfo);
  g_autoptr(PGresult) result = NULL;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect to the test server (%s): %s", conninfo, PQerrorMessage (conn));
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s failed: %s", sql, PQerrorMessage (conn));
}

FrontlineTestPg *
frontline_test_pg_new (void)
{
  g_autofree char *bindir = find_bindir ();
  g_autofree char *hba = NULL;
  g_autofree char *hba_path = NULL;
  g_autofree char *admin = NULL;
  g_autofree char *test_db = NULL;
  g_autoptr(GError) error = NULL;
  FrontlineTestPg *pg;

  /* No skipping: a suite that passes without its server has not tested it. */
  if (bindir == NULL)
    g_error ("no PostgreSQL server (initdb) installed: run build-aux/install-deps");

  pg = g_new0 (FrontlineTestPg, 1);
  pg->bindir = g_steal_pointer (&bindir);
  pg->as_postgres = geteuid () == 0;

  /* As root, in /tmp itself: the postgres user must reach the folder, and
   * build-aux/test's scratch folders are root's only. The path stays short,
   * well under the 107 bytes of a socket's. */
  if (pg->as_postgres)
    {
      struct passwd *postgres = getpwnam ("postgres");
      char template[] = "/tmp/frontline-test-pg-XXXXXX";

      if (postgres == NULL)
        g_error ("running as root, but there is no postgres user to run the test server as");
      if (g_mkdtemp (template) == NULL)
        g_error ("cannot make a folder in /tmp: %s", g_strerror (errno));
      pg->dir = g_strdup (template);
      if (chown (pg->dir, postgres->pw_uid, postgres->pw_gid) != 0)
        g_error ("cannot give %s to postgres: %s", pg->dir, g_strerror (errno));
    }
  else
    {
      pg->dir = g_dir_make_tmp ("frontline-test-pg-XXXXXX", &error);
      g_assert_no_error (error);
    }
  g_chmod (pg->dir, 0700);
  pg->data_dir = g_build_filename (pg->dir, "data", NULL);
  pg->log_file = g_build_filename (pg->dir, "server.log", NULL);

  start_watchdog (pg);

  run (pg, TRUE, "initdb", "-D", pg->data_dir, "-U", TEST_SUPERUSER, "-A", "trust",
       "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions", NULL);

  /* One role that needs a password, for the tests of wrong credentials. */
  hba_path = g_build_filename (pg->data_dir, "pg_hba.conf", NULL);
  hba = g_strdup ("local all " FRONTLINE_TEST_PG_PASSWORD_USER " scram-sha-256\n"
                  "local all all trust\n");
  if (pg->as_postgres)
    {
      /* Written as root into postgres's folder: keep the file postgres's. */
      struct passwd *postgres = getpwnam ("postgres");

      g_file_set_contents (hba_path, hba, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpint (chown (hba_path, postgres->pw_uid, postgres->pw_gid), ==, 0);
    }
  else
    {
      g_file_set_contents (hba_path, hba, -1, &error);
      g_assert_no_error (error);
    }

  pg->options = g_strdup_printf ("-k %s -p " TEST_PORT " -c listen_addresses='' -c fsync=off "
                                 "-c synchronous_commit=off -c full_page_writes=off "
                                 "-c max_connections=20 -c shared_buffers=32MB "
                                 /* Containers' /dev/shm is small: no parallel workers. */
                                 "-c max_parallel_workers_per_gather=0 "
                                 "-c max_parallel_maintenance_workers=0", pg->dir);
  frontline_test_pg_start (pg);

  admin = conninfo_for (pg, "postgres", TEST_SUPERUSER);
  exec_on (admin, "CREATE DATABASE " TEST_DBNAME);
  exec_on (admin, "CREATE ROLE " FRONTLINE_TEST_PG_PASSWORD_USER " LOGIN SUPERUSER PASSWORD '"
                  FRONTLINE_TEST_PG_PASSWORD "'");
  test_db = conninfo_for (pg, TEST_DBNAME, TEST_SUPERUSER);
  exec_on (test_db, "CREATE EXTENSION postgis");

  return pg;
}

void
frontline_test_pg_start (FrontlineTestPg *pg)
{
  if (pg->running)
    return;
  run (pg, TRUE, "pg_ctl", "start", "-D", pg->data_dir, "-l", pg->log_file, "-w", "-t", "60",
       "-o", pg->options, NULL);
  pg->running = TRUE;
}

static void
stop_server (FrontlineTestPg *pg)
{
  if (!pg->running)
    return;
  run (pg, FALSE, "pg_ctl", "stop", "-D", pg->data_dir, "-m", "immediate", "-w", NULL);
  pg->running = FALSE;
}

void
frontline_test_pg_stop (FrontlineTestPg *pg)
{
  g_autofree char *admin = NULL;

  if (!pg->running)
    return;
  /* The server runs without fsync and with asynchronous commits, and an
   * immediate stop is a crash: a checkpoint first, so that what the test
   * wrote is there when frontline_test_pg_start() starts it again. */
  admin = conninfo_for (pg, "postgres", TEST_SUPERUSER);
  exec_on (admin, "CHECKPOINT");
  stop_server (pg);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
frontline_test_pg_free (FrontlineTestPg *pg)
{
  if (pg == NULL)
    return;

  stop_server (pg);
  /* The server's last processes may still be leaving files as pg_ctl
   * returns: try again for a while (the watchdog gets what is left). */
  for (guint i = 0; i < 100 && g_file_test (pg->dir, G_FILE_TEST_EXISTS); i++)
    {
      remove_tree (pg->dir);
      if (g_file_test (pg->dir, G_FILE_TEST_EXISTS))
        g_usleep (20 * 1000);
    }
  if (pg->watchdog != 0)
    g_spawn_close_pid (pg->watchdog);
  g_free (pg->bindir);
  g_free (pg->dir);
  g_free (pg->data_dir);
  g_free (pg->log_file);
  g_free (pg->options);
  g_free (pg);
}

const char *
frontline_test_pg_get_socket_dir (FrontlineTestPg *pg)
{
  return pg->dir;
}

const char *
frontline_test_pg_get_port (FrontlineTestPg *pg)
{
  return TEST_PORT;
}

const char *
frontline_test_pg_get_dbname (FrontlineTestPg *pg)
{
  return TEST_DBNAME;
}

const char *
frontline_test_pg_get_user (FrontlineTestPg *pg)
{
  return TEST_SUPERUSER;
}

FrontlineArchiveLocation *
frontline_test_pg_dup_location (FrontlineTestPg *pg,
                                const char      *table)
{
  FrontlineArchiveLocation *location = g_new0 (FrontlineArchiveLocation, 1);
  const char *dot = strchr (table, '.');

  location->host = g_strdup (pg->dir);
  location->port = g_strdup (TEST_PORT);
  location->dbname = g_strdup (TEST_DBNAME);
  location->user = g_strdup (TEST_SUPERUSER);
  location->schema = dot != NULL ? g_strndup (table, dot - table) : g_strdup ("public");
  location->table = g_strdup (dot != NULL ? dot + 1 : table);

  return location;
}

char *
frontline_test_pg_dup_address (FrontlineTestPg *pg,
                               const char      *table)
{
  g_autoptr(FrontlineArchiveLocation) location = frontline_test_pg_dup_location (pg, table);

  return frontline_archive_location_to_string (location);
}

char *
frontline_test_pg_dup_conninfo (FrontlineTestPg *pg)
{
  return conninfo_for (pg, TEST_DBNAME, TEST_SUPERUSER);
}

PGconn *
frontline_test_pg_connect (FrontlineTestPg *pg)
{
  g_autofree char *conninfo = frontline_test_pg_dup_conninfo (pg);
  PGconn *conn = PQconnectdb (conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect to the test server: %s", PQerrorMessage (conn));

  return conn;
}

void
frontline_test_pg_exec (FrontlineTestPg *pg,
                        const char      *sql)
{
  g_autofree char *conninfo = frontline_test_pg_dup_conninfo (pg);

  exec_on (conninfo, sql);
}

char *
frontline_test_pg_query_value (FrontlineTestPg *pg,
                               const char      *sql)
{
  g_autoptr(PGconn) conn = frontline_test_pg_connect (pg);
  g_autoptr(PGresult) result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s failed: %s", sql, PQerrorMessage (conn));
  if (PQntuples (result) == 0 || PQgetisnull (result, 0, 0))
    return NULL;

  return g_strdup (PQgetvalue (result, 0, 0));
}
