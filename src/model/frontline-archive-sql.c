/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What every part of the archive does with a server: connecting, telling
 * the errors apart, cancelling, checking a table is Frontline's, and the
 * statistics computed on the server. */

#define G_LOG_DOMAIN "frontline-archive"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "frontline-archive-private.h"

static void
on_notice (void       *arg,
           const char *message)
{
  (void) arg;
  (void) message;
  /* NOTICEs ("extension postgis already exists, skipping") are for people
   * typing SQL, not for Frontline's users. */
}

static char *
strip_message (const char *message)
{
  g_autofree char *copy = g_strdup (message != NULL ? message : "");
  char *newline;

  g_strstrip (copy);
  /* libpq's messages may span lines (DETAIL, HINT): the first is the one. */
  newline = strchr (copy, '\n');
  if (newline != NULL)
    *newline = '\0';
  g_strstrip (copy);

  return g_steal_pointer (&copy);
}

/* "user@host:port/db" as people write it, for messages. */
static char *
describe_server (const FrontlineArchiveLocation *location)
{
  return g_strdup_printf ("%s%s%s%s%s/%s",
                          location->user != NULL ? location->user : "",
                          location->user != NULL ? "@" : "",
                          location->host != NULL ? location->host : "localhost",
                          location->port != NULL ? ":" : "",
                          location->port != NULL ? location->port : "",
                          location->dbname != NULL ? location->dbname : "");
}

PGconn *
frontline_archive_connect (const FrontlineArchiveLocation *location,
                           const char                     *password,
                           gboolean                        read_only,
                           GCancellable                   *cancellable,
                           GError                        **error)
{
  g_autofree char *conninfo = frontline_archive_location_dup_conninfo (location, password);
  g_autofree char *server = describe_server (location);
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GString) full = g_string_new (conninfo);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* A server that does not answer must not hang the window. */
  if (location->options == NULL || strstr (location->options, "connect_timeout") == NULL)
    g_string_append (full, " connect_timeout=10");
  g_string_append (full, " client_encoding=UTF8");

  conn = PQconnectdb (full->str);
  if (conn == NULL)
    {
      g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_CONNECT,
                   _("Cannot connect to %s: out of memory"), server);
      return NULL;
    }

  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *reason = strip_message (PQerrorMessage (conn));

      if (PQconnectionNeedsPassword (conn) || PQconnectionUsedPassword (conn) ||
          strstr (reason, "authentication failed") != NULL ||
          strstr (reason, "no password supplied") != NULL ||
          (strstr (reason, "role \"") != NULL && strstr (reason, "does not exist") != NULL))
        g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_AUTH,
                     _("%s refused the user or password: %s. Check them, or set PGPASSWORD "
                       "or ~/.pgpass"), server, reason);
      else
        g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_CONNECT,
                     _("Cannot connect to %s: %s. Check that the server runs and the "
                       "address is right"), server, reason);
      return NULL;
    }

  PQsetNoticeProcessor (conn, on_notice, NULL);

  if (read_only)
    {
      g_autoptr(PGresult) result = PQexec (conn, "SET default_transaction_read_only = on");

      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          frontline_archive_set_error (error, conn, result, location,
                                       "SET default_transaction_read_only");
          return NULL;
        }
    }

  return g_steal_pointer (&conn);
}

gboolean
frontline_archive_set_error (GError                        **error,
                             PGconn                         *conn,
                             const PGresult                 *result,
                             const FrontlineArchiveLocation *location,
                             const char                     *what)
{
  g_autofree char *server = describe_server (location);
  g_autofree char *reason = NULL;
  const char *state;

  if (result != NULL && PQresultErrorMessage (result)[0] != '\0')
    reason = strip_message (PQresultErrorMessage (result));
  else
    reason = strip_message (PQerrorMessage (conn));

  /* No answer, libpq's own error (no SQLSTATE: "server closed the
   * connection unexpectedly"), a connection exception (08) or the server
   * shutting down (57P): the connection is lost, whatever PQstatus says yet. */
  state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  if (PQstatus (conn) == CONNECTION_BAD || state == NULL ||
      g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P"))
    g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_LOST,
                 _("The connection to %s was lost: %s"), server, reason);
  else
    g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_QUERY,
                 _("%s on %s (table %s.%s) failed: %s"), what, server,
                 location->schema, location->table, reason);

  return FALSE;
}

char *
frontline_archive_dup_qualified_name (PGconn                         *conn,
                                      const FrontlineArchiveLocation *location)
{
  char *schema = PQescapeIdentifier (conn, location->schema, strlen (location->schema));
  char *table = PQescapeIdentifier (conn, location->table, strlen (location->table));
  char *result = g_strdup_printf ("%s.%s", schema, table);

  PQfreemem (schema);
  PQfreemem (table);

  return result;
}

static void
on_cancelled (GCancellable *cancellable,
              PGconn       *conn)
{
  PGcancel *cancel = PQgetCancel (conn);
  char message[256];

  if (cancel == NULL)
    return;
  PQcancel (cancel, message, sizeof message);
  PQfreeCancel (cancel);
}

gulong
frontline_archive_cancel_begin (PGconn       *conn,
                                GCancellable *cancellable)
{
  if (cancellable == NULL)
    return 0;

  return g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), conn, NULL);
}

void
frontline_archive_cancel_end (GCancellable *cancellable,
                              gulong        id)
{
  if (cancellable != NULL && id != 0)
    g_cancellable_disconnect (cancellable, id);
}

gboolean
frontline_archive_check_table (PGconn                         *conn,
                               const FrontlineArchiveLocation *location,
                               GError                        **error)
{
  const char *params[2] = { location->schema, location->table };
  g_autoptr(PGresult) result = NULL;
  g_autofree char *server = describe_server (location);

  /* The columns of docs/postgis.md, and a row in frontline_datasets (the
   * count is NULL when there is no such table). */
  result = PQexecParams (conn,
                         "SELECT (SELECT count(*) FROM information_schema.columns "
                         "        WHERE table_schema = $1 AND table_name = $2 "
                         "          AND column_name IN ('id', 'feature_id', 'date', "
                         "              'valid_until', 'faction', 'status', 'source', "
                         "              'approximate', 'note', 'properties', 'geom', "
                         "              'area_m2')), "
                         "       to_regclass('public.frontline_datasets') IS NOT NULL",
                         2, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    return frontline_archive_set_error (error, conn, result, location,
                                        "Checking the table");

  if (atoi (PQgetvalue (result, 0, 0)) == 12 && g_str_equal (PQgetvalue (result, 0, 1), "t"))
    {
      g_autoptr(PGresult) row = PQexecParams (conn,
                                              "SELECT 1 FROM public.frontline_datasets "
                                              "WHERE table_schema = $1 AND table_name = $2",
                                              2, NULL, params, NULL, NULL, 0);

      if (PQresultStatus (row) != PGRES_TUPLES_OK)
        return frontline_archive_set_error (error, conn, row, location, "Checking the table");
      if (PQntuples (row) == 1)
        return TRUE;
    }

  g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE,
               _("%s has no Frontline table %s.%s: publish a dataset there first "
                 "(frontline --convert FILE ADDRESS), or choose one of its tables"),
               server, location->schema, location->table);
  return FALSE;
}

/* "What a day shows" (docs/dataset-format.md) for every data date, on the
 * server: a layer (faction, status) shows on day d its features of the
 * latest date <= d (the window: each layer date holds until the layer's
 * next date), less those whose valid_until is before d. Layers in the order
 * of their first feature, as the file's statistics. */
#define STATS_SQL \
  "WITH layer_dates AS (" \
  "  SELECT faction, status, date, " \
  "         lead(date) OVER (PARTITION BY faction, status ORDER BY date) AS next " \
  "  FROM (SELECT DISTINCT faction, status, date FROM %1$s) AS d), " \
  "days AS (SELECT DISTINCT date AS day FROM %1$s%2$s), " \
  "layers AS (SELECT faction, status, min(id) AS first FROM %1$s GROUP BY faction, status) " \
  "SELECT to_char(days.day, 'YYYY-MM-DD'), a.faction, a.status, sum(a.area_m2) / 1e6 " \
  "FROM days " \
  "JOIN layer_dates l ON l.date <= days.day AND (l.next IS NULL OR days.day < l.next) " \
  "JOIN %1$s a ON a.faction = l.faction AND a.status = l.status AND a.date = l.date " \
  "           AND (a.valid_until IS NULL OR a.valid_until >= days.day) " \
  "JOIN layers o ON o.faction = a.faction AND o.status = a.status " \
  "GROUP BY days.day, a.faction, a.status, o.first " \
  "ORDER BY days.day, o.first"

/* The days after an area's valid_until, when its layer may fall silent
 * between data days (the area series samples them, as the file's). */
#define END_DAYS_SQL \
  " UNION SELECT valid_until + 1 FROM %1$s " \
  "WHERE valid_until < (SELECT max(date) FROM %1$s)"

static PGresult *
query_layer_areas (PGconn                         *conn,
                   const FrontlineArchiveLocation *location,
                   gboolean                        end_days,
                   GCancellable                   *cancellable,
                   GError                        **error)
{
  g_autofree char *name = frontline_archive_dup_qualified_name (conn, location);
  g_autofree char *ends = end_days ? g_strdup_printf (END_DAYS_SQL, name) : g_strdup ("");
  g_autofree char *sql = g_strdup_printf (STATS_SQL, name, ends);
  g_autoptr(PGresult) result = NULL;
  gulong id;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  id = frontline_archive_cancel_begin (conn, cancellable);
  result = PQexecParams (conn, sql, 0, NULL, NULL, NULL, NULL, 0);
  frontline_archive_cancel_end (cancellable, id);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      frontline_archive_set_error (error, conn, result, location, "Computing the areas");
      return NULL;
    }

  return g_steal_pointer (&result);
}

PGresult *
frontline_archive_query_stats (PGconn                         *conn,
                               const FrontlineArchiveLocation *location,
                               GCancellable                   *cancellable,
                               GError                        **error)
{
  return query_layer_areas (conn, location, FALSE, cancellable, error);
}

FrontlineAreaSeries *
frontline_archive_query_area_series (PGconn                         *conn,
                                     const FrontlineArchiveLocation *location,
                                     FrontlineDataset               *dataset,
                                     GCancellable                   *cancellable,
                                     GError                        **error)
{
  g_autoptr(PGresult) result = query_layer_areas (conn, location, TRUE, cancellable, error);
  g_autofree FrontlineAreaSeriesRow *rows = NULL;
  int n;

  if (result == NULL)
    return NULL;

  n = PQntuples (result);
  rows = g_new0 (FrontlineAreaSeriesRow, MAX (n, 1));
  for (int i = 0; i < n; i++)
    {
      if (!frontline_day_parse (PQgetvalue (result, i, 0), &rows[i].day) ||
          !frontline_status_from_string (PQgetvalue (result, i, 2), &rows[i].status))
        {
          g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE,
                       _("Table %s.%s holds a date or status Frontline does not read: “%s”, "
                         "“%s”"), location->schema, location->table,
                       PQgetvalue (result, i, 0), PQgetvalue (result, i, 2));
          return NULL;
        }
      rows[i].faction = PQgetvalue (result, i, 1);
      rows[i].area_km2 = g_ascii_strtod (PQgetvalue (result, i, 3), NULL);
    }

  return frontline_area_series_new_from_rows (dataset, rows, n);
}

char *
frontline_archive_query_stats_csv (PGconn                         *conn,
                                   const FrontlineArchiveLocation *location,
                                   GCancellable                   *cancellable,
                                   GError                        **error)
{
  g_autoptr(PGresult) result = frontline_archive_query_stats (conn, location, cancellable,
                                                              error);
  GString *csv;

  if (result == NULL)
    return NULL;

  csv = g_string_new ("date,faction,status,area_km2\n");
  for (int i = 0, n = PQntuples (result); i < n; i++)
    {
      const char *id = PQgetvalue (result, i, 1);
      char area[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (csv, PQgetvalue (result, i, 0));
      g_string_append_c (csv, ',');
      /* Quote the faction id only when CSV needs it to, as the file's. */
      if (strpbrk (id, ",\"\n") != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (id, "\"", -1);
          g_autofree char *joined = g_strjoinv ("\"\"", parts);

          g_string_append_printf (csv, "\"%s\"", joined);
        }
      else
        g_string_append (csv, id);
      g_ascii_formatd (area, sizeof area, "%.3f", g_ascii_strtod (PQgetvalue (result, i, 3), NULL));
      g_string_append_printf (csv, ",%s,%s\n", PQgetvalue (result, i, 2), area);
    }

  return g_string_free (csv, FALSE);
}
