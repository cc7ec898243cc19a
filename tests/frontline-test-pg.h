/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "frontline-archive-private.h"

G_BEGIN_DECLS

/* A real PostgreSQL server with PostGIS for one test: a cluster of its own
 * in a temporary folder (as the postgres user when the test runs as root,
 * since initdb refuses root), listening on a Unix socket in that folder only
 * (no TCP), with a database that has the postgis extension. The system's
 * clusters (Debian's "main") are never used. Trust authentication, but for
 * the role FRONTLINE_TEST_PG_PASSWORD_USER, which needs
 * FRONTLINE_TEST_PG_PASSWORD (scram-sha-256), to test wrong credentials.
 *
 * When no server is installed (no initdb), frontline_test_pg_new() fails the
 * test: these tests never skip. A watchdog stops the server and removes the
 * folder if the test process dies without frontline_test_pg_free(). */

#define FRONTLINE_TEST_PG_PASSWORD_USER "frontline_pw"
#define FRONTLINE_TEST_PG_PASSWORD      "s3cret pass"

typedef struct _FrontlineTestPg FrontlineTestPg;

FrontlineTestPg          *frontline_test_pg_new           (void);
/* Stops the server (immediately) and removes its folder. NULL is ignored. */
void                      frontline_test_pg_free          (FrontlineTestPg *pg);
/* Stops the server, keeping the folder: the address now names a stopped
 * server (connections fail). */
void                      frontline_test_pg_stop          (FrontlineTestPg *pg);
/* Starts a stopped server again, with the same folder, socket, port and
 * databases (the test fails if it cannot); nothing when it runs. */
void                      frontline_test_pg_start         (FrontlineTestPg *pg);

const char               *frontline_test_pg_get_socket_dir (FrontlineTestPg *pg);
const char               *frontline_test_pg_get_port      (FrontlineTestPg *pg);
const char               *frontline_test_pg_get_dbname    (FrontlineTestPg *pg);
const char               *frontline_test_pg_get_user      (FrontlineTestPg *pg);
/* The database's location with @table ("schema.table" or "table"). */
FrontlineArchiveLocation *frontline_test_pg_dup_location  (FrontlineTestPg *pg,
                                                           const char      *table);
/* The same as a postgresql:// address, for the command line. */
char                     *frontline_test_pg_dup_address   (FrontlineTestPg *pg,
                                                           const char      *table);
/* A libpq keyword/value string for the test database. */
char                     *frontline_test_pg_dup_conninfo  (FrontlineTestPg *pg);
/* A connection to the test database (the test fails if there is none). */
PGconn                   *frontline_test_pg_connect       (FrontlineTestPg *pg);
/* Runs @sql (no parameters) and fails the test unless it succeeds. */
void                      frontline_test_pg_exec          (FrontlineTestPg *pg,
                                                           const char      *sql);
/* The first column of the first row of @sql's result, or NULL. */
char                     *frontline_test_pg_query_value   (FrontlineTestPg *pg,
                                                           const char      *sql);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FrontlineTestPg, frontline_test_pg_free)

G_END_DECLS
