/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What a hostile or corrupt PostGIS archive may send, read with no server
 * through the functions the archive reads it with
 * (frontline-archive-private.h): every wrong geometry and dataset row gives
 * a clear error, never a crash, a hang or an area drawn in the wrong place.
 * tests/fuzz/fuzz-archive.c fuzzes the same functions. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "frontline-archive-private.h"
#include "frontline-model-private.h"
#include "frontline-test-init.h"

/* WKB, little-endian, built here: the type, then counts and coordinates. */
static GString *
wkb_begin (guint32 type)
{
  GString *wkb = g_string_new (NULL);

  g_string_append_c (wkb, 1);
  g_string_append_len (wkb, (const char *) &type, 4);
  return wkb;
}

static void
wkb_count (GString *wkb,
           guint32  count)
{
  g_string_append_len (wkb, (const char *) &count, 4);
}

static void
wkb_point (GString *wkb,
           double   x,
           double   y)
{
  g_string_append_len (wkb, (const char *) &x, 8);
  g_string_append_len (wkb, (const char *) &y, 8);
}

/* A one-ring polygon: a triangle at (x, y), closed. */
static void
wkb_triangle (GString *wkb,
              double   x,
              double   y)
{
  wkb_count (wkb, 1);
  wkb_count (wkb, 4);
  wkb_point (wkb, x, y);
  wkb_point (wkb, x + 0.5, y);
  wkb_point (wkb, x, y + 0.5);
  wkb_point (wkb, x, y);
}

static char *
to_hex (GString *wkb)
{
  GString *hex = g_string_new (NULL);

  for (gsize i = 0; i < wkb->len; i++)
    g_string_append_printf (hex, "%02X", (guint8) wkb->str[i]);
  g_string_free (wkb, TRUE);
  return g_string_free (hex, FALSE);
}

static FrontlineGeometry *
read_hex (const char  *hex,
          gboolean     allow_empty,
          GError     **error)
{
  return frontline_archive_geometry_from_hex_wkb (hex, allow_empty, error);
}

/* @hex is refused with an error whose message holds @expected. */
static void
assert_refused (const char *hex,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) empty_error = NULL;
  g_autoptr(FrontlineGeometry) geometry = read_hex (hex, FALSE, &error);
  g_autoptr(FrontlineGeometry) again = read_hex (hex, TRUE, &empty_error);

  g_assert_null (geometry);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (strstr (error->message, expected) == NULL)
    g_error ("expected “%s” in “%s”", expected, error->message);
  g_assert_null (again);
  g_assert_error (empty_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_polygons (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineGeometry) polygon = NULL;
  g_autoptr(FrontlineGeometry) multi = NULL;
  g_autofree char *polygon_hex = NULL;
  g_autofree char *multi_hex = NULL;
  GString *wkb;

  wkb = wkb_begin (3);
  wkb_triangle (wkb, 30, 50);
  polygon_hex = to_hex (wkb);
  polygon = read_hex (polygon_hex, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (polygon);
  g_assert_cmpuint (polygon->n_polygons, ==, 1);
  g_assert_cmpfloat (polygon->bbox[0], ==, 30);
  g_assert_cmpfloat (polygon->bbox[3], ==, 50.5);

  wkb = wkb_begin (6);
  wkb_count (wkb, 2);
  for (int i = 0; i < 2; i++)
    {
      g_string_append_c (wkb, 1);
      wkb_count (wkb, 3);
      wkb_triangle (wkb, -180 + i * 10, -90);
    }
  multi_hex = to_hex (wkb);
  multi = read_hex (multi_hex, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (multi);
  g_assert_cmpuint (multi->n_polygons, ==, 2);
}

static void
test_not_polygons (void)
{
  g_autofree char *point = NULL;
  g_autofree char *line = NULL;
  g_autofree char *collection = NULL;
  GString *wkb;

  wkb = wkb_begin (1);
  wkb_point (wkb, 30, 50);
  point = to_hex (wkb);
  assert_refused (point, "POINT, not a polygon");

  wkb = wkb_begin (2);
  wkb_count (wkb, 2);
  wkb_point (wkb, 30, 50);
  wkb_point (wkb, 31, 51);
  line = to_hex (wkb);
  assert_refused (line, "LINESTRING, not a polygon");

  /* A collection holding a polygon is still not an area. */
  wkb = wkb_begin (7);
  wkb_count (wkb, 1);
  g_string_append_c (wkb, 1);
  wkb_count (wkb, 3);
  wkb_triangle (wkb, 30, 50);
  collection = to_hex (wkb);
  assert_refused (collection, "GEOMETRYCOLLECTION, not a polygon");
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineGeometry) nothing = NULL;
  g_autofree char *empty_polygon = NULL;
  g_autofree char *empty_multi = NULL;
  GString *wkb;

  wkb = wkb_begin (3);
  wkb_count (wkb, 0);
  empty_polygon = to_hex (wkb);
  wkb = wkb_begin (6);
  wkb_count (wkb, 0);
  empty_multi = to_hex (wkb);

  /* An area is never empty; a comparison's "nothing gained" may be. */
  nothing = read_hex (empty_polygon, FALSE, &error);
  g_assert_null (nothing);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "empty"));
  g_clear_error (&error);
  nothing = read_hex (empty_multi, FALSE, &error);
  g_assert_null (nothing);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  nothing = read_hex (empty_multi, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (nothing);
  g_assert_cmpuint (nothing->n_points, ==, 0);

  assert_refused ("", "no geometry");
}

static void
test_bad_coordinates (void)
{
  const double bad[][2] = {
    { NAN, 50 }, { 30, NAN }, { INFINITY, 50 }, { 30, -INFINITY },
    { 180.5, 50 }, { -181, 50 }, { 30, 90.01 }, { 30, -91 }, { 1e300, 1e300 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *hex = NULL;
      GString *wkb = wkb_begin (3);

      /* The bad point second, so the ring still closes. */
      wkb_count (wkb, 1);
      wkb_count (wkb, 4);
      wkb_point (wkb, 30, 50);
      wkb_point (wkb, bad[i][0], bad[i][1]);
      wkb_point (wkb, 30.5, 50.5);
      wkb_point (wkb, 30, 50);
      hex = to_hex (wkb);
      assert_refused (hex, "not a longitude and latitude");
    }
}

static void
test_absurd_sizes (void)
{
  const guint32 counts[] = { 0x7fffffff, 0xffffffff, 0x10000000 };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *rings = NULL;
      g_autofree char *points = NULL;
      g_autofree char *polygons = NULL;
      GString *wkb;

      /* Counts far beyond the bytes that follow: refused, never allocated. */
      wkb = wkb_begin (3);
      wkb_count (wkb, counts[i]);
      rings = to_hex (wkb);
      assert_refused (rings, "unreadable WKB");

      wkb = wkb_begin (3);
      wkb_count (wkb, 1);
      wkb_count (wkb, counts[i]);
      wkb_point (wkb, 30, 50);
      points = to_hex (wkb);
      assert_refused (points, "unreadable WKB");

      wkb = wkb_begin (6);
      wkb_count (wkb, counts[i]);
      polygons = to_hex (wkb);
      assert_refused (polygons, "unreadable WKB");
    }

  /* Not hex, odd lengths, a cut header. */
  assert_refused ("0103000000010000000Z", "not hexadecimal");
  assert_refused ("010", "odd number");
  assert_refused ("01030000", "unreadable WKB");
  assert_refused ("\xff\xfe", "unreadable WKB");
}

/* A multipolygon holding a collection nested @levels deep: GEOS's reader
 * recursed once per level and overflowed the stack at 100 000. */
static void
test_deep_collections (void)
{
  const guint levels[] = { 40, 100000, 1000000 };

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      g_autofree char *hex = NULL;
      GString *wkb = wkb_begin (6);

      wkb_count (wkb, 1);
      for (guint l = 0; l < levels[i]; l++)
        {
          g_string_append_c (wkb, 1);
          wkb_count (wkb, 7);
          wkb_count (wkb, 1);
        }
      g_string_append_c (wkb, 1);
      wkb_count (wkb, 3);
      wkb_triangle (wkb, 30, 50);
      hex = to_hex (wkb);
      assert_refused (hex, "unreadable WKB");
    }
}

static void
test_bad_rings (void)
{
  g_autofree char *open_ring = NULL;
  g_autofree char *short_ring = NULL;
  GString *wkb;

  wkb = wkb_begin (3);
  wkb_count (wkb, 1);
  wkb_count (wkb, 4);
  wkb_point (wkb, 30, 50);
  wkb_point (wkb, 31, 50);
  wkb_point (wkb, 31, 51);
  wkb_point (wkb, 30, 51);
  open_ring = to_hex (wkb);
  assert_refused (open_ring, "not closed");

  wkb = wkb_begin (3);
  wkb_count (wkb, 1);
  wkb_count (wkb, 2);
  wkb_point (wkb, 30, 50);
  wkb_point (wkb, 30, 50);
  short_ring = to_hex (wkb);
  assert_refused (short_ring, "a ring of 2 points");
}

static gboolean
read_row (const char  *title,
          const char  *document,
          const char  *features,
          FrontlineDataset **out,
          GError     **error)
{
  g_autoptr(FrontlineDataset) dataset = frontline_dataset_new_empty (NULL);
  FrontlineLoaderBuilder b = { 0 };
  gboolean ok;

  b.dataset = dataset;
  b.file = "test";
  b.colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ok = frontline_archive_read_dataset_row (&b, "test", "public", "areas", title, document,
                                           features, NULL, error);
  g_hash_table_unref (b.colors);
  if (ok && out != NULL)
    *out = g_steal_pointer (&dataset);
  return ok;
}

static void
test_dataset_row (void)
{
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *deep = NULL;
  GString *text;

  g_assert_true (read_row ("Areas \xff", "{\"type\": \"FeatureCollection\"}", "[]", &dataset,
                           &error));
  g_assert_no_error (error);
  /* A title column in a database that is not UTF-8: shown, made valid. */
  g_assert_true (g_utf8_validate (frontline_dataset_get_title (dataset), -1, NULL));

  /* Nested deeper than any JSON the loader takes: an error, not a stack overflow. */
  text = g_string_new ("{\"frontline\": ");
  for (int i = 0; i < 200000; i++)
    g_string_append_c (text, '[');
  deep = g_string_free (text, FALSE);
  g_assert_false (read_row ("Areas", deep, "[]", NULL, &error));
  g_assert_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE);
  g_assert_nonnull (strstr (error->message, "public.frontline_datasets"));
  g_clear_error (&error);

  g_assert_false (read_row ("Areas", "{}", deep + 14, NULL, &error));
  g_assert_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE);
  g_clear_error (&error);

  g_assert_false (read_row ("Areas", "[1]", "[]", NULL, &error));
  g_assert_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE);
  g_clear_error (&error);

  g_assert_false (read_row ("Areas", "{} trailing", "[]", NULL, &error));
  g_assert_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_clear_error (&error);

  /* json-glib reads 1e999 as inf and writes inf back: not JSON, an error. */
  g_assert_false (read_row ("Areas", "{\"type\": \"FeatureCollection\"}",
                            "[{\"type\": \"Feature\", \"x\": 1e999}]", NULL, &error));
  g_assert_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE);
  g_assert_nonnull (strstr (error->message, "features[0]"));
  g_clear_error (&error);

  g_assert_false (read_row ("Areas", "{\"a\": \"\xff\"}", "[]", NULL, &error));
  g_assert_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fuzz-archive/polygons", test_polygons);
  g_test_add_func ("/fuzz-archive/not-polygons", test_not_polygons);
  g_test_add_func ("/fuzz-archive/empty", test_empty);
  g_test_add_func ("/fuzz-archive/bad-coordinates", test_bad_coordinates);
  g_test_add_func ("/fuzz-archive/absurd-sizes", test_absurd_sizes);
  g_test_add_func ("/fuzz-archive/deep-collections", test_deep_collections);
  g_test_add_func ("/fuzz-archive/bad-rings", test_bad_rings);
  g_test_add_func ("/fuzz-archive/dataset-row", test_dataset_row);

  return g_test_run ();
}
