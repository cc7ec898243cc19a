/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Addresses, publishing and the statistics computed on a real PostgreSQL
 * server with PostGIS (tests/frontline-test-pg.c): no mocks. */

#include "config.h"

#include <math.h>

#include "frontline-archive-private.h"
#include "frontline-area-series.h"
#include "frontline-dataset.h"
#include "frontline-model-private.h"
#include "frontline-test-data.h"
#include "frontline-test-init.h"
#include "frontline-test-pg.h"

/* One server for the tests of this file (each uses tables of its own). */
static FrontlineTestPg *server;

static FrontlineTestPg *
get_server (void)
{
  if (server == NULL)
    server = frontline_test_pg_new ();
  return server;
}

/* Addresses */

static void
test_address_uri (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineArchiveLocation) l = NULL;
  g_autofree char *text = NULL;
  g_autofree char *conninfo = NULL;

  l = frontline_archive_location_parse ("postgresql://alice:hunter2@db.example.org:5433/"
                                        "front%20line?table=ops.kursk&sslmode=require", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (l->host, ==, "db.example.org");
  g_assert_cmpstr (l->port, ==, "5433");
  g_assert_cmpstr (l->dbname, ==, "front line");
  g_assert_cmpstr (l->user, ==, "alice");
  g_assert_cmpstr (l->sslmode, ==, "require");
  g_assert_null (l->options);
  g_assert_cmpstr (l->schema, ==, "ops");
  g_assert_cmpstr (l->table, ==, "kursk");

  /* The password is recorded nowhere. */
  text = frontline_archive_location_to_string (l);
  g_assert_cmpstr (text, ==, "postgresql://alice@db.example.org:5433/front%20line"
                             "?table=ops.kursk&sslmode=require");
  conninfo = frontline_archive_location_dup_conninfo (l, NULL);
  g_assert_null (strstr (conninfo, "hunter2"));
  g_clear_pointer (&conninfo, g_free);
  conninfo = frontline_archive_location_dup_conninfo (l, "it's");
  g_assert_nonnull (strstr (conninfo, "password='it\\'s'"));
  g_clear_pointer (&l, frontline_archive_location_free);

  /* postgres://, the schema by default, a socket folder as the host, a
   * password as a parameter, another libpq parameter kept. */
  l = frontline_archive_location_parse ("postgres://%2Ftmp%2Fpg%20dir/archive?password=x"
                                        "&table=bakhmut&application_name=war%20room", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (l->host, ==, "/tmp/pg dir");
  g_assert_null (l->port);
  g_assert_null (l->user);
  g_assert_null (l->sslmode);
  g_assert_cmpstr (l->dbname, ==, "archive");
  g_assert_cmpstr (l->schema, ==, "public");
  g_assert_cmpstr (l->table, ==, "bakhmut");
  g_assert_cmpstr (l->options, ==, "application_name='war room'");
  g_clear_pointer (&text, g_free);
  text = frontline_archive_location_to_string (l);
  g_assert_cmpstr (text, ==, "postgresql://%2Ftmp%2Fpg%20dir/archive?table=public.bakhmut"
                             "&application_name=war%20room");
  g_assert_null (strstr (text, "password"));
  g_clear_pointer (&l, frontline_archive_location_free);

  /* IPv6 and a percent-escaped table name. */
  l = frontline_archive_location_parse ("postgresql://[::1]:6000/d?table=s.t%C3%A4ble", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (l->host, ==, "::1");
  g_assert_cmpstr (l->port, ==, "6000");
  g_assert_cmpstr (l->table, ==, "täble");
  g_clear_pointer (&text, g_free);
  text = frontline_archive_location_to_string (l);
  g_assert_cmpstr (text, ==, "postgresql://[::1]:6000/d?table=s.täble");  /* readable */
}

static void
test_address_keywords (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineArchiveLocation) l = NULL;
  g_autofree char *text = NULL;

  l = frontline_archive_location_parse ("PG:\"host=db port=5433 dbname='my db' user=bob "
                                        "password=secret sslmode=prefer\" table=ops.kursk",
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpstr (l->host, ==, "db");
  g_assert_cmpstr (l->port, ==, "5433");
  g_assert_cmpstr (l->dbname, ==, "my db");
  g_assert_cmpstr (l->user, ==, "bob");
  g_assert_cmpstr (l->sslmode, ==, "prefer");
  g_assert_cmpstr (l->schema, ==, "ops");
  g_assert_cmpstr (l->table, ==, "kursk");
  text = frontline_archive_location_to_string (l);
  g_assert_null (strstr (text, "secret"));
  g_assert_cmpstr (text, ==, "postgresql://bob@db:5433/my%20db?table=ops.kursk&sslmode=prefer");
  g_clear_pointer (&l, frontline_archive_location_free);

  /* GDAL's form, without double quotes; a quote inside a value. */
  l = frontline_archive_location_parse ("PG:dbname='it\\'s' table=k", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (l->dbname, ==, "it's");
  g_assert_cmpstr (l->schema, ==, "public");
  g_assert_cmpstr (l->table, ==, "k");
}

static void
test_address_errors (void)
{
  const char *bad[] = {
    "postgresql://host/db",                     /* no table */
    "PG:\"host=h dbname=d\"",                   /* no table */
    "postgresql://host/db?table=",              /* an empty table */
    "postgresql://host/db?table=a.b.c",         /* too many dots */
    "postgresql://host/db?table=t&nosuch=1",    /* a parameter libpq does not know */
    "postgresql://host/db?table=%zz",           /* a bad escape */
    "PG:dbname='open table=t",                  /* a quote not closed */
    "PG:nosuch=1 table=t",
    "/home/user/kursk.geojson",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FrontlineArchiveLocation) l = frontline_archive_location_parse (bad[i], &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (l);
      g_assert_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_ADDRESS);
      /* The message names the address, and never a password. */
      g_assert_nonnull (strstr (error->message, bad[i]));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FrontlineArchiveLocation) l =
      frontline_archive_location_parse ("postgresql://host/db", &error);

    g_assert_nonnull (strstr (error->message, "table="));
  }

  g_assert_true (frontline_archive_location_is_address ("postgresql://h/d?table=t"));
  g_assert_true (frontline_archive_location_is_address ("POSTGRES://h/d"));
  g_assert_true (frontline_archive_location_is_address ("PG:dbname=d"));
  g_assert_false (frontline_archive_location_is_address ("kursk.geojson"));
  g_assert_false (frontline_archive_location_is_address ("https://example.org/x.geojson"));
}

static void
test_address_roundtrip (void)
{
  const char *addresses[] = {
    "postgresql://u@h:1/d?table=s.t",
    "postgresql://h/d?table=public.t&sslmode=verify-full&connect_timeout=3",
    "postgresql:///d?table=public.t",
    "postgresql://%2Fvar%2Frun%2Fpostgresql:5432/d?table=a.b",
  };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FrontlineArchiveLocation) l = frontline_archive_location_parse (addresses[i],
                                                                                &error);
      g_autoptr(FrontlineArchiveLocation) copy = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      copy = frontline_archive_location_copy (l);
      text = frontline_archive_location_to_string (copy);
      g_assert_cmpstr (text, ==, addresses[i]);
    }
}

/* Publishing */

/* The `--stats` text of a dataset file against the server's: the same rows,
 * in the same order, the areas within the tolerance. Both are geodesic areas
 * on the WGS 84 ellipsoid with GeographicLib's algorithm (PROJ's
 * geod_polygonarea, PostGIS's geography ST_Area), so they differ only by
 * rounding in the sums: far below 1e-9 relative. The CSV prints 3 decimals,
 * so a value on a rounding boundary may differ by one in the last digit:
 * 0.001 km² plus 1e-9 of the value. */
static void
assert_stats_equal (const char *file_csv,
                    const char *server_csv)
{
  g_auto(GStrv) a = g_strsplit (file_csv, "\n", -1);
  g_auto(GStrv) b = g_strsplit (server_csv, "\n", -1);

  g_assert_cmpuint (g_strv_length (a), ==, g_strv_length (b));
  for (guint i = 0; a[i] != NULL; i++)
    {
      const char *comma_a = strrchr (a[i], ',');
      const char *comma_b = strrchr (b[i], ',');
      double x, y;

      if (comma_a == NULL || i == 0)
        {
          g_assert_cmpstr (a[i], ==, b[i]);
          continue;
        }
      g_assert_nonnull (comma_b);
      /* date, faction and status */
      g_assert_cmpint (comma_a - a[i], ==, comma_b - b[i]);
      g_assert_cmpint (strncmp (a[i], b[i], comma_a - a[i]), ==, 0);
      x = g_ascii_strtod (comma_a + 1, NULL);
      y = g_ascii_strtod (comma_b + 1, NULL);
      if (fabs (x - y) > 0.001 + 1e-9 * fabs (x))
        g_error ("line %u: %s (file) and %s (server)", i, a[i], b[i]);
    }
}

static char *
query (PGconn     *conn,
       const char *sql)
{
  g_autoptr(PGresult) result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  if (PQntuples (result) == 0 || PQgetisnull (result, 0, 0))
    return NULL;
  return g_strdup (PQgetvalue (result, 0, 0));
}

static FrontlineDataset *
load_path (const char *first,
           ...)
{
  g_autoptr(GString) path = g_string_new (g_test_get_dir (G_TEST_DIST));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  FrontlineDataset *dataset;
  const char *part;
  va_list args;

  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    g_string_append_printf (path, "/%s", part);
  va_end (args);

  file = g_file_new_for_path (path->str);
  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return dataset;
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

/* Publishes @dataset to @table and checks what the server holds against it. */
static void
publish_and_check (FrontlineDataset *dataset,
                   const char       *table)
{
  FrontlineTestPg *pg = get_server ();
  g_autoptr(FrontlineArchiveLocation) location = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(PGresult) rows = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *file_csv = NULL;
  g_autofree char *server_csv = NULL;
  g_autofree char *value = NULL;
  GListModel *areas = frontline_dataset_get_areas (dataset);
  double last = 0.0;
  guint n_days;
  guint row = 0;

  if (pg == NULL)
    return;

  location = frontline_test_pg_dup_location (pg, table);
  g_assert_true (frontline_archive_publish (dataset, location, NULL, FALSE, NULL, on_progress,
                                            &last, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);

  conn = frontline_test_pg_connect (pg);
  g_assert_true (frontline_archive_check_table (conn, location, &error));
  g_assert_no_error (error);

  /* Every area, in file order, with its fields. */
  sql = g_strdup_printf ("SELECT feature_id, to_char(date, 'YYYY-MM-DD'), "
                         "to_char(valid_until, 'YYYY-MM-DD'), faction, status, approximate, note, "
                         "properties, ST_NumGeometries(geom), ST_SRID(geom), area_m2 "
                         "FROM %s ORDER BY id", table);
  rows = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (rows), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (rows), ==, g_list_model_get_n_items (areas));
  for (guint i = 0; i < dataset->features->len; i++)
    {
      FrontlineArea *area = g_ptr_array_index (dataset->feature_areas, i);
      g_autofree char *day = NULL;
      g_autofree char *until = NULL;

      if (area == NULL)
        continue;

      day = frontline_day_format (frontline_area_get_day (area));
      g_assert_cmpstr (PQgetvalue (rows, row, 1), ==, day);
      if (frontline_area_get_valid_until (area) != FRONTLINE_DAY_NONE)
        {
          until = frontline_day_format (frontline_area_get_valid_until (area));
          g_assert_cmpstr (PQgetvalue (rows, row, 2), ==, until);
        }
      else
        g_assert_true (PQgetisnull (rows, row, 2));
      g_assert_cmpstr (PQgetvalue (rows, row, 3), ==,
                       frontline_faction_get_id (frontline_area_get_faction (area)));
      g_assert_cmpstr (PQgetvalue (rows, row, 4), ==,
                       frontline_status_to_string (frontline_area_get_status (area)));
      g_assert_cmpstr (PQgetvalue (rows, row, 5), ==,
                       frontline_area_get_approximate (area) ? "t" : "f");
      if (frontline_area_get_note (area) != NULL)
        g_assert_cmpstr (PQgetvalue (rows, row, 6), ==, frontline_area_get_note (area));
      if (frontline_area_get_id (area) != NULL)
        {
          /* jsonb text of a string id: the id quoted */
          g_autofree char *quoted = g_strdup_printf ("\"%s\"", frontline_area_get_id (area));

          g_assert_true (g_str_equal (PQgetvalue (rows, row, 0), quoted) ||
                         g_str_equal (PQgetvalue (rows, row, 0), frontline_area_get_id (area)));
        }
      g_assert_nonnull (strstr (PQgetvalue (rows, row, 7), "\"faction\""));
      g_assert_cmpint (atoi (PQgetvalue (rows, row, 8)), ==,
                       frontline_area_get_geometry (area)->n_polygons);
      g_assert_cmpstr (PQgetvalue (rows, row, 9), ==, "4326");
      /* One feature's area: GeographicLib both sides. */
      {
        double server_m2 = g_ascii_strtod (PQgetvalue (rows, row, 10), NULL);
        double file_m2 = frontline_area_get_area_km2 (area) * 1e6;

        g_assert_cmpfloat_with_epsilon (server_m2, file_m2, 1e-6 * file_m2 + 1.0);
      }
      row++;
    }

  /* The dates. */
  frontline_dataset_get_days (dataset, &n_days);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(DISTINCT date) FROM %s", table);
  value = query (conn, sql);
  g_assert_cmpint (atoi (value), ==, n_days);
  g_clear_pointer (&value, g_free);

  /* The dataset's row. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT title, jsonb_array_length(factions), jsonb_array_length(sources), "
                         "jsonb_array_length(quotes), jsonb_array_length(stops), "
                         "jsonb_array_length(features), document ? 'features' "
                         "FROM public.frontline_datasets "
                         "WHERE table_schema = 'public' AND table_name = '%s'", table);
  g_clear_pointer (&rows, PQclear);
  rows = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (rows), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (rows), ==, 1);
  g_assert_cmpstr (PQgetvalue (rows, 0, 0), ==, frontline_dataset_get_title (dataset));
  g_assert_cmpint (atoi (PQgetvalue (rows, 0, 2)), ==,
                   g_list_model_get_n_items (frontline_dataset_get_sources (dataset)));
  g_assert_cmpint (atoi (PQgetvalue (rows, 0, 3)), ==,
                   g_list_model_get_n_items (frontline_dataset_get_quotes (dataset)));
  g_assert_cmpint (atoi (PQgetvalue (rows, 0, 4)), ==,
                   g_list_model_get_n_items (frontline_dataset_get_stops (dataset)));
  g_assert_cmpint (atoi (PQgetvalue (rows, 0, 5)), ==,
                   dataset->features->len - g_list_model_get_n_items (areas));
  g_assert_cmpstr (PQgetvalue (rows, 0, 6), ==, "f");

  /* --stats from the server equals --stats from the file. */
  file_csv = frontline_dataset_format_stats_csv (dataset);
  server_csv = frontline_archive_query_stats_csv (conn, location, NULL, &error);
  g_assert_no_error (error);
  assert_stats_equal (file_csv, server_csv);
  if (!g_str_equal (file_csv, server_csv))
    g_test_message ("the CSVs differ in the last printed decimal only");

  /* The area series too, unrounded: same days (the days after a
   * valid_until included), same lines, the same areas to 1e-7. */
  {
    g_autoptr(FrontlineAreaSeries) from_file = frontline_area_series_new (dataset, NULL, &error);
    g_autoptr(FrontlineAreaSeries) from_server = NULL;
    g_autofree char *series_csv = NULL;
    const FrontlineDay *days_a, *days_b;
    guint n_a, n_b;
    double worst = 0.0;

    g_assert_no_error (error);
    from_server = frontline_archive_query_area_series (conn, location, dataset, NULL, &error);
    g_assert_no_error (error);
    days_a = frontline_area_series_get_days (from_file, &n_a);
    days_b = frontline_area_series_get_days (from_server, &n_b);
    g_assert_cmpuint (n_a, ==, n_b);
    g_assert_cmpmem (days_a, n_a * sizeof *days_a, days_b, n_b * sizeof *days_b);
    g_assert_cmpuint (frontline_area_series_get_n_lines (from_file), ==,
                      frontline_area_series_get_n_lines (from_server));
    for (guint l = 0; l < frontline_area_series_get_n_lines (from_file); l++)
      {
        const double *a = frontline_area_series_get_values (from_file, l);
        const double *b = frontline_area_series_get_values (from_server, l);

        g_assert_true (frontline_area_series_get_faction (from_file, l) ==
                       frontline_area_series_get_faction (from_server, l));
        g_assert_cmpint (frontline_area_series_get_status (from_file, l), ==,
                         frontline_area_series_get_status (from_server, l));
        for (guint d = 0; d < n_a; d++)
          {
            g_assert_cmpint (isnan (a[d]), ==, isnan (b[d]));
            if (!isnan (a[d]) && a[d] > 0)
              worst = MAX (worst, fabs (a[d] - b[d]) / a[d]);
            if (!isnan (a[d]) && fabs (a[d] - b[d]) > 1e-7 * a[d] + 1e-6)
              g_error ("line %u, day %u: %.9f km² (file) and %.9f km² (server)", l, d, a[d], b[d]);
          }
      }
    g_test_message ("%s: file and server areas agree to %.2g (relative)", table, worst);
    series_csv = frontline_area_series_format_csv (from_server);
    assert_stats_equal (file_csv, series_csv);
  }
}

static void
test_publish_kursk (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled ("kursk-2024-2025.geojson");
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(FrontlineArchiveLocation) location = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  publish_and_check (dataset, "kursk");
  if (server == NULL)
    return;

  location = frontline_test_pg_dup_location (server, "kursk");
  tables = frontline_archive_list_tables (location, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < tables->len; i++)
    {
      FrontlineArchiveTable *table = g_ptr_array_index (tables, i);

      if (!g_str_equal (table->table, "kursk"))
        continue;
      found = TRUE;
      g_assert_cmpstr (table->schema, ==, "public");
      g_assert_cmpstr (table->title, ==, frontline_dataset_get_title (dataset));
      g_assert_cmpuint (table->first_day, ==, frontline_dataset_get_first_day (dataset));
      g_assert_cmpuint (table->last_day, ==, frontline_dataset_get_last_day (dataset));
      g_assert_cmpint (table->n_areas, ==,
                       g_list_model_get_n_items (frontline_dataset_get_areas (dataset)));
    }
  g_assert_true (found);
}

static void
test_publish_bakhmut (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled ("bakhmut-2023.geojson");

  publish_and_check (dataset, "bakhmut");
}

static void
test_publish_example (void)
{
  g_autoptr(FrontlineDataset) dataset = load_path ("..", "docs", "examples", "example.geojson",
                                                   NULL);

  publish_and_check (dataset, "example");
}

/* What a day shows, on the server: an area that expires while its layer's
 * other area of the same date stays, a layer that falls silent, and layers
 * in the order of their first feature. */
#define SQUARE(x, y) \
  "{\"type\":\"Polygon\",\"coordinates\":[[[" #x "," #y "],[" #x ".5," #y "],[" #x ".5," #y \
  ".5],[" #x "," #y ".5],[" #x "," #y "]]]}"
#define AREA(id, props, geometry) \
  "{\"type\":\"Feature\",\"id\":\"" id "\",\"properties\":{" props "},\"geometry\":" geometry "}"

static const char expiring_json[] =
  "{\"type\":\"FeatureCollection\",\"frontline\":{\"version\":1,\"title\":\"Expiring\","
  "\"factions\":[{\"id\":\"blue\",\"name\":\"Blue\",\"color\":\"#0072b2\"},"
  "{\"id\":\"orange\",\"name\":\"Orange\",\"color\":\"#d55e00\"}]},\"features\":["
  AREA ("a", "\"date\":\"2024-01-01\",\"valid_until\":\"2024-01-02\",\"faction\":\"blue\"",
        SQUARE (30, 50)) ","
  AREA ("b", "\"date\":\"2024-01-01\",\"faction\":\"blue\",\"note\":\"tab\\there\"",
        SQUARE (31, 50)) ","
  AREA ("c", "\"date\":\"2024-01-03\",\"faction\":\"orange\"", SQUARE (32, 50)) ","
  AREA ("d", "\"date\":\"2024-01-01\",\"valid_until\":\"2024-01-03\",\"faction\":\"orange\","
        "\"status\":\"claimed\"", SQUARE (33, 50)) ","
  AREA ("e", "\"date\":\"2024-01-05\",\"faction\":\"orange\",\"source\":[\"x\",\"y\"]",
        SQUARE (34, 51))
  "]}";

static void
test_publish_expiring (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_json ("expiring.geojson",
                                                                  expiring_json);
  g_autoptr(FrontlineArchiveLocation) location = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *note = NULL;
  g_autofree char *source = NULL;
  g_auto(GStrv) lines = NULL;
  const char *expected[] = {
    "date,faction,status,area_km2",
    "2024-01-01,blue,controlled,",
    "2024-01-01,orange,claimed,",
    "2024-01-03,blue,controlled,",
    "2024-01-03,orange,controlled,",
    "2024-01-03,orange,claimed,",
    "2024-01-05,blue,controlled,",
    "2024-01-05,orange,controlled,",
    "",
  };

  publish_and_check (dataset, "expiring");
  if (server == NULL)
    return;

  location = frontline_test_pg_dup_location (server, "expiring");
  conn = frontline_test_pg_connect (server);
  csv = frontline_archive_query_stats_csv (conn, location, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_str_has_prefix (lines[i], expected[i]));
  /* Blue on the 3rd: b alone, a having expired. */
  g_assert_cmpstr (strrchr (lines[3], ','), ==, strrchr (lines[6], ','));
  g_assert_cmpstr (strrchr (lines[1], ','), !=, strrchr (lines[3], ','));

  /* A tab in a note and a list of sources survive COPY. */
  note = frontline_test_pg_query_value (server, "SELECT note FROM expiring WHERE feature_id = '\"b\"'");
  g_assert_cmpstr (note, ==, "tab\there");
  source = frontline_test_pg_query_value (server, "SELECT source FROM expiring "
                                                  "WHERE feature_id = '\"e\"'");
  g_assert_cmpstr (source, ==, "[\"x\", \"y\"]");
}

static void
test_publish_replace (void)
{
  FrontlineTestPg *pg = get_server ();
  g_autoptr(FrontlineDataset) example = NULL;
  g_autoptr(FrontlineDataset) bakhmut = NULL;
  g_autoptr(FrontlineArchiveLocation) location = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (pg == NULL)
    return;

  example = load_path ("..", "docs", "examples", "example.geojson", NULL);
  bakhmut = frontline_test_load_bundled ("bakhmut-2023.geojson");
  location = frontline_test_pg_dup_location (pg, "replaced");
  g_assert_true (frontline_archive_publish (example, location, NULL, FALSE, NULL, NULL, NULL,
                                            &error));
  g_assert_no_error (error);
  before = frontline_test_pg_query_value (pg, "SELECT count(*) FROM replaced");

  /* Refused without replace; nothing changes. */
  g_assert_false (frontline_archive_publish (bakhmut, location, NULL, FALSE, NULL, NULL, NULL,
                                             &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "public.replaced"));
  g_clear_error (&error);
  after = frontline_test_pg_query_value (pg, "SELECT count(*) FROM replaced");
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  /* Replaced when asked. */
  g_assert_true (frontline_archive_publish (bakhmut, location, NULL, TRUE, NULL, NULL, NULL,
                                            &error));
  g_assert_no_error (error);
  after = frontline_test_pg_query_value (pg, "SELECT count(*) FROM replaced");
  g_assert_cmpint (atoi (after), ==,
                   g_list_model_get_n_items (frontline_dataset_get_areas (bakhmut)));
  g_clear_pointer (&after, g_free);
  after = frontline_test_pg_query_value (pg, "SELECT title FROM frontline_datasets "
                                             "WHERE table_name = 'replaced'");
  g_assert_cmpstr (after, ==, frontline_dataset_get_title (bakhmut));
}

static void
assert_nothing_left (FrontlineTestPg *pg,
                     const char      *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM frontline_datasets "
                                          "WHERE table_name = '%s'", table);
  g_autofree char *exists = frontline_test_pg_query_value (pg, "SELECT to_regclass("
                                                               "'public.frontline_datasets')");
  g_autofree char *count = NULL;

  /* Either the shared table is there (an earlier test published) without a
   * row for @table, or the transaction that made it was rolled back too. */
  if (exists != NULL)
    {
      count = frontline_test_pg_query_value (pg, sql);
      g_assert_cmpstr (count, ==, "0");
    }
}

static void
on_progress_cancel (double   fraction,
                    gpointer user_data)
{
  if (fraction > 0.3)
    g_cancellable_cancel (user_data);
}

static void
test_publish_cancel (void)
{
  FrontlineTestPg *pg = get_server ();
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(FrontlineArchiveLocation) location = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *table = NULL;

  if (pg == NULL)
    return;

  dataset = frontline_test_load_bundled ("kursk-2024-2025.geojson");
  location = frontline_test_pg_dup_location (pg, "cancelled");
  g_assert_false (frontline_archive_publish (dataset, location, NULL, FALSE, cancellable,
                                             on_progress_cancel, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  table = frontline_test_pg_query_value (pg, "SELECT to_regclass('public.cancelled')");
  g_assert_null (table);
  assert_nothing_left (pg, "cancelled");
}

static void
test_publish_not_frontline (void)
{
  FrontlineTestPg *pg = get_server ();
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(FrontlineArchiveLocation) location = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autoptr(PGconn) conn = NULL;

  if (pg == NULL)
    return;

  frontline_test_pg_exec (pg, "CREATE TABLE someone_elses (x int); "
                              "INSERT INTO someone_elses VALUES (42)");
  dataset = load_path ("..", "docs", "examples", "example.geojson", NULL);
  location = frontline_test_pg_dup_location (pg, "someone_elses");

  /* Not even with replace. */
  g_assert_false (frontline_archive_publish (dataset, location, NULL, TRUE, NULL, NULL, NULL,
                                             &error));
  g_assert_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE);
  g_assert_nonnull (strstr (error->message, "public.someone_elses"));
  g_clear_error (&error);

  value = frontline_test_pg_query_value (pg, "SELECT x FROM someone_elses");
  g_assert_cmpstr (value, ==, "42");
  assert_nothing_left (pg, "someone_elses");

  /* And it is not a table to browse. */
  conn = frontline_test_pg_connect (pg);
  g_assert_false (frontline_archive_check_table (conn, location, &error));
  g_assert_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE);
}

/* A query the server is running is cancelled (PQcancel) when the
 * cancellable is: the table is locked by another session, so the query
 * waits until cancelled, whatever the timing. */
static gpointer
cancel_when_waiting (gpointer data)
{
  GCancellable *cancellable = data;
  g_autoptr(PGconn) conn = frontline_test_pg_connect (server);

  for (;;)
    {
      g_autoptr(PGresult) result = PQexec (conn, "SELECT count(*) FROM pg_stat_activity "
                                                 "WHERE wait_event_type = 'Lock'");

      g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
      if (atoi (PQgetvalue (result, 0, 0)) > 0)
        break;
      g_usleep (20 * 1000);
    }
  g_cancellable_cancel (cancellable);

  return NULL;
}

static void
test_stats_cancel (void)
{
  FrontlineTestPg *pg = get_server ();
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(FrontlineArchiveLocation) location = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) locker = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(PGresult) locked = NULL;
  g_autoptr(PGresult) after = NULL;
  g_autofree char *csv = NULL;
  GThread *thread;

  if (pg == NULL)
    return;

  dataset = load_path ("..", "docs", "examples", "example.geojson", NULL);
  location = frontline_test_pg_dup_location (pg, "locked");
  g_assert_true (frontline_archive_publish (dataset, location, NULL, FALSE, NULL, NULL, NULL,
                                            &error));
  g_assert_no_error (error);

  locker = frontline_test_pg_connect (pg);
  locked = PQexec (locker, "BEGIN; LOCK TABLE locked IN ACCESS EXCLUSIVE MODE");
  g_assert_cmpint (PQresultStatus (locked), ==, PGRES_COMMAND_OK);

  conn = frontline_archive_connect (location, NULL, TRUE, NULL, &error);
  g_assert_no_error (error);
  thread = g_thread_new ("cancel", cancel_when_waiting, cancellable);
  csv = frontline_archive_query_stats_csv (conn, location, cancellable, &error);
  g_thread_join (thread);
  g_assert_null (csv);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The connection is still good for the next query. */
  after = PQexec (conn, "SELECT 1");
  g_assert_cmpint (PQresultStatus (after), ==, PGRES_TUPLES_OK);
  g_clear_pointer (&locked, PQclear);
  locked = PQexec (locker, "ROLLBACK");
}

static void
test_connect_errors (void)
{
  g_autoptr(FrontlineTestPg) pg = frontline_test_pg_new ();
  g_autoptr(FrontlineArchiveLocation) location = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GPtrArray) tables = NULL;

  if (pg == NULL)
    return;

  /* The password user: right, then wrong. */
  location = frontline_test_pg_dup_location (pg, "t");
  g_free (location->user);
  location->user = g_strdup (FRONTLINE_TEST_PG_PASSWORD_USER);
  conn = frontline_archive_connect (location, FRONTLINE_TEST_PG_PASSWORD, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (conn);
  g_clear_pointer (&conn, PQfinish);

  conn = frontline_archive_connect (location, "wrong", TRUE, NULL, &error);
  g_assert_null (conn);
  g_assert_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, FRONTLINE_TEST_PG_PASSWORD_USER));
  g_assert_null (strstr (error->message, "wrong"));
  g_clear_error (&error);

  /* An empty database lists no tables. */
  tables = frontline_archive_list_tables (location, FRONTLINE_TEST_PG_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tables->len, ==, 0);

  /* A stopped server. */
  frontline_test_pg_stop (pg);
  conn = frontline_archive_connect (location, FRONTLINE_TEST_PG_PASSWORD, TRUE, NULL, &error);
  g_assert_null (conn);
  g_assert_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_CONNECT);
  g_assert_nonnull (strstr (error->message, frontline_test_pg_get_socket_dir (pg)));
}

int
main (int argc, char *argv[])
{
  int status;

  frontline_test_init (&argc, &argv, NULL);

  g_test_add_func ("/archive/address/uri", test_address_uri);
  g_test_add_func ("/archive/address/keywords", test_address_keywords);
  g_test_add_func ("/archive/address/errors", test_address_errors);
  g_test_add_func ("/archive/address/roundtrip", test_address_roundtrip);
  g_test_add_func ("/archive/publish/kursk", test_publish_kursk);
  g_test_add_func ("/archive/publish/bakhmut", test_publish_bakhmut);
  g_test_add_func ("/archive/publish/example", test_publish_example);
  g_test_add_func ("/archive/publish/expiring", test_publish_expiring);
  g_test_add_func ("/archive/publish/replace", test_publish_replace);
  g_test_add_func ("/archive/publish/cancel", test_publish_cancel);
  g_test_add_func ("/archive/publish/not-frontline", test_publish_not_frontline);
  g_test_add_func ("/archive/stats/cancel", test_stats_cancel);
  g_test_add_func ("/archive/connect/errors", test_connect_errors);

  status = g_test_run ();
  g_clear_pointer (&server, frontline_test_pg_free);

  return status;
}
