/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The GDAL reader: fixtures made here with GDALVectorTranslate from the
 * datasets' GeoJSON, each read back with the same areas and dates. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wundef"
#include <cpl_error.h>
#include <gdal.h>
#include <gdal_utils.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#pragma GCC diagnostic pop

#include "frontline-area.h"
#include "frontline-dataset.h"
#include "frontline-gdal.h"
#include "frontline-model-private.h"
#include "frontline-ogr-reader.h"
#include "frontline-test-init.h"

static char *tmp_dir;

static char *
dataset_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "datasets", name, NULL);
}

/* ogr2ogr @src into @name in the temporary folder; returns its path. */
static char *
translate (const char         *src,
           const char         *name,
           const char * const *args,
           gboolean            update)
{
  char *dst = g_build_filename (tmp_dir, name, NULL);
  const char *open_options[] = { NULL };
  GDALDatasetH in = GDALOpenEx (src, GDAL_OF_VECTOR, NULL, open_options, NULL);
  GDALDatasetH out;
  GDALVectorTranslateOptions *options;
  int usage_error = FALSE;

  g_assert_nonnull (in);
  options = GDALVectorTranslateOptionsNew ((char **) args, NULL);
  g_assert_nonnull (options);
  if (update)
    {
      GDALDatasetH target = GDALOpenEx (dst, GDAL_OF_VECTOR | GDAL_OF_UPDATE, NULL, NULL, NULL);

      g_assert_nonnull (target);
      out = GDALVectorTranslate (NULL, target, 1, &in, options, &usage_error);
    }
  else
    out = GDALVectorTranslate (dst, NULL, 1, &in, options, &usage_error);
  g_assert_false (usage_error);
  g_assert_nonnull (out);
  GDALClose (out);
  GDALClose (in);
  GDALVectorTranslateOptionsFree (options);

  return dst;
}

static char *
write_text (const char *name,
            const char *text)
{
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static FrontlineDataset *
load (const char            *path,
      FrontlineLoadOptions  *options,
      GError               **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return frontline_dataset_load_full (file, options, NULL, NULL, NULL, error);
}

static FrontlineArea *
area_at (FrontlineDataset *ds,
         guint             i)
{
  FrontlineArea *area = g_list_model_get_item (G_LIST_MODEL (ds->areas), i);

  g_object_unref (area);  /* the store keeps it */
  return area;
}

/* The same areas, in any order (a FlatGeobuf's spatial index sorts them). */
static void
assert_same_areas (FrontlineDataset *expected,
                   FrontlineDataset *actual)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (expected->areas));
  g_autofree gboolean *used = g_new0 (gboolean, n);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (actual->areas)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      FrontlineArea *a = area_at (expected, i);
      gboolean found = FALSE;

      for (guint j = 0; !found && j < n; j++)
        {
          FrontlineArea *b = area_at (actual, j);

          if (used[j] || a->day != b->day || a->valid_until != b->valid_until ||
              a->status != b->status ||
              g_strcmp0 (frontline_faction_get_id (a->faction),
                         frontline_faction_get_id (b->faction)) != 0 ||
              fabs (a->area_m2 - b->area_m2) > a->area_m2 * 0.001)
            continue;
          used[j] = found = TRUE;
        }
      if (!found)
        g_error ("area %u (day %d, until %d, %s, %.0f m²) not found", i, a->day, a->valid_until,
                 frontline_faction_get_id (a->faction), a->area_m2);
    }
}

static void
check_format (const char         *source,
              const char         *name,
              const char * const *args)
{
  g_autofree char *src = dataset_path (source);
  g_autofree char *path = translate (src, name, args, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) reference = load (src, NULL, &error);
  g_autoptr(FrontlineDataset) dataset = NULL;

  g_assert_no_error (error);
  dataset = load (path, NULL, &error);
  g_assert_no_error (error);
  assert_same_areas (reference, dataset);
}

static void
test_gpkg (void)
{
  const char * const args[] = { "-f", "GPKG", NULL };

  check_format ("kursk-2024-2025.geojson", "kursk.gpkg", args);
  check_format ("bakhmut-2023.geojson", "bakhmut.gpkg", args);
}

static void
test_shapefile_3857 (void)
{
  const char * const args[] = {
    "-f", "ESRI Shapefile", "-t_srs", "EPSG:3857",
    "-where", "OGR_GEOMETRY = 'POLYGON' OR OGR_GEOMETRY = 'MULTIPOLYGON'", NULL,
  };

  check_format ("kursk-2024-2025.geojson", "kursk-3857.shp", args);
}

static void
test_shapefile_zipped (void)
{
  const char * const args[] = {
    "-f", "ESRI Shapefile",
    "-where", "OGR_GEOMETRY = 'POLYGON' OR OGR_GEOMETRY = 'MULTIPOLYGON'", NULL,
  };

  check_format ("kursk-2024-2025.geojson", "kursk.shz", args);
  check_format ("bakhmut-2023.geojson", "bakhmut.shp.zip", args);
}

static void
test_flatgeobuf (void)
{
  const char * const args[] = {
    "-f", "FlatGeobuf", "-select", "date,valid_until,faction,status,approximate",
    "-where", "OGR_GEOMETRY = 'POLYGON' OR OGR_GEOMETRY = 'MULTIPOLYGON'", NULL,
  };

  check_format ("kursk-2024-2025.geojson", "kursk.fgb", args);
}

static void
test_geojsonseq (void)
{
  const char * const args[] = { "-f", "GeoJSONSeq", NULL };

  check_format ("kursk-2024-2025.geojson", "kursk.geojsonl", args);
}

static void
test_csv (void)
{
  const char * const args[] = { "-f", "CSV", "-lco", "GEOMETRY=AS_WKT", NULL };

  check_format ("kursk-2024-2025.geojson", "kursk.csv", args);
}

static void
test_kml (void)
{
  /* The date as TimeSpan begin, and no "date" field: begin alone holds it. */
  const char * const args[] = {
    "-f", "LIBKML", "-sql",
    "SELECT CONCAT(SUBSTR(CAST(\"date\" AS character(10)), 1, 4), '-', "
    "SUBSTR(CAST(\"date\" AS character(10)), 6, 2), '-', "
    "SUBSTR(CAST(\"date\" AS character(10)), 9, 2)) AS \"begin\", "
    "CONCAT(SUBSTR(CAST(valid_until AS character(10)), 1, 4), '-', "
    "SUBSTR(CAST(valid_until AS character(10)), 6, 2), '-', "
    "SUBSTR(CAST(valid_until AS character(10)), 9, 2)) AS \"end\", faction, status "
    "FROM \"kursk-2024-2025\" WHERE OGR_GEOMETRY = 'POLYGON'", NULL,
  };
  g_autofree char *src = dataset_path ("kursk-2024-2025.geojson");
  g_autofree char *path = translate (src, "kursk.kml", args, FALSE);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) reference = load (src, NULL, &error);
  g_autoptr(FrontlineDataset) dataset = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<begin>2024-08-06"));
  dataset = load (path, NULL, &error);
  g_assert_no_error (error);
  assert_same_areas (reference, dataset);
  g_clear_object (&dataset);

  /* Zipped: KMZ. */
  g_free (path);
  path = translate (src, "kursk.kmz", args, FALSE);
  dataset = load (path, NULL, &error);
  g_assert_no_error (error);
  assert_same_areas (reference, dataset);
}

/* Frontline's KML: an end the writer inferred is not the area's own. */
static void
test_kml_end_inferred (void)
{
  g_autofree char *path = write_text ("inferred.kml",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><Folder><name>Ukraine</name>"
    "<Placemark><name>a</name><TimeSpan><begin>2024-08-06</begin><end>2024-08-07</end></TimeSpan>"
    "<ExtendedData><Data name=\"faction\"><value>ua</value></Data>"
    "<Data name=\"end_inferred\"><value>true</value></Data></ExtendedData>"
    "<Polygon><outerBoundaryIs><LinearRing><coordinates>35,51 35.2,51 35.2,51.2 35,51"
    "</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>"
    "<Placemark><name>b</name><TimeSpan><begin>2024-08-08</begin><end>2024-08-20</end></TimeSpan>"
    "<ExtendedData><Data name=\"faction\"><value>ua</value></Data></ExtendedData>"
    "<Polygon><outerBoundaryIs><LinearRing><coordinates>35,51 35.2,51 35.2,51.2 35,51"
    "</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>"
    "</Folder><Folder><name>Quotes</name><Placemark><name>Someone</name>"
    "<TimeStamp><when>2024-08-09</when></TimeStamp><description>Said.</description>"
    "<Point><coordinates>35.1,51.1</coordinates></Point></Placemark></Folder></Document></kml>\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = load (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset->areas)), ==, 2);
  g_assert_cmpint (area_at (dataset, 0)->day, ==, frontline_day_from_dmy (6, 8, 2024));
  g_assert_cmpint (area_at (dataset, 0)->valid_until, ==, FRONTLINE_DAY_NONE);
  g_assert_cmpint (area_at (dataset, 1)->valid_until, ==, frontline_day_from_dmy (20, 8, 2024));
}

static void
test_mapping (void)
{
  const char * const args[] = {
    "-f", "GPKG", "-nln", "control", "-sql",
    "SELECT \"date\" AS day_from, faction AS holder, status AS kind_of, valid_until AS upto "
    "FROM \"kursk-2024-2025\" WHERE OGR_GEOMETRY = 'POLYGON'", NULL,
  };
  g_autofree char *src = dataset_path ("kursk-2024-2025.geojson");
  g_autofree char *path = translate (src, "renamed.gpkg", args, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) reference = load (src, NULL, &error);
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(FrontlineLoadOptions) options = frontline_load_options_new ();
  g_autoptr(FrontlineFieldMapping) mapping = frontline_field_mapping_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) layers = NULL;
  FrontlineOgrLayerInfo *info;

  dataset = load (path, NULL, &error);
  g_assert_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_MAPPING);
  g_assert_nonnull (strstr (error->message, "renamed.gpkg"));
  g_assert_nonnull (strstr (error->message, "“control”"));
  g_assert_nonnull (strstr (error->message, "day_from"));
  g_assert_nonnull (strstr (error->message, "--date-field"));
  g_assert_null (dataset);
  g_clear_error (&error);

  layers = frontline_ogr_inspect (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  info = g_ptr_array_index (layers, 0);
  g_assert_cmpstr (info->name, ==, "control");
  g_assert_true (info->has_areas);
  g_assert_true (info->needs_mapping);
  g_assert_cmpstr (info->fields[1], ==, "holder");
  g_assert_true (g_strv_contains ((const char * const *) info->samples[1], "ua"));
  g_assert_true (g_strv_contains ((const char * const *) info->samples[1], "ru"));
  g_assert_cmpuint (g_strv_length (info->samples[0]), ==, 5);
  g_assert_cmpint (info->n_features, >, 0);

  mapping->date_field = g_strdup ("day_from");
  mapping->faction_field = g_strdup ("holder");
  mapping->status_field = g_strdup ("kind_of");
  mapping->end_field = g_strdup ("upto");
  frontline_load_options_set_mapping (options, NULL, mapping);
  dataset = load (path, options, &error);
  g_assert_no_error (error);
  assert_same_areas (reference, dataset);
  g_clear_object (&dataset);

  /* A field that is not there. */
  g_free (mapping->date_field);
  mapping->date_field = g_strdup ("when");
  frontline_load_options_set_mapping (options, "control", mapping);
  dataset = load (path, options, &error);
  g_assert_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_MAPPING);
  g_assert_nonnull (strstr (error->message, "“when”"));
}

static void
test_two_layers (void)
{
  const char * const first[] = { "-f", "GPKG", "-nln", "assessed", NULL };
  const char * const second[] = { "-nln", "claims", NULL };
  g_autofree char *kursk = dataset_path ("kursk-2024-2025.geojson");
  g_autofree char *bakhmut = dataset_path ("bakhmut-2023.geojson");
  g_autofree char *path = translate (kursk, "two.gpkg", first, FALSE);
  g_autofree char *again = translate (bakhmut, "two.gpkg", second, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) a = load (kursk, NULL, &error);
  g_autoptr(FrontlineDataset) b = load (bakhmut, NULL, &error);
  g_autoptr(FrontlineDataset) dataset = load (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset->areas)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (a->areas)) +
                    g_list_model_get_n_items (G_LIST_MODEL (b->areas)));
}

static void
test_3d_multi_curves (void)
{
  g_autofree char *path = write_text ("shapes.csv",
    "WKT,date,faction\n"
    "\"MULTIPOLYGON Z (((30 50 100,31 50 100,31 51 100,30 51 100,30 50 100)),"
    "((32 50 5,33 50 5,33 51 5,32 50 5)))\",2024-01-02,ua\n"
    "\"CURVEPOLYGON (CIRCULARSTRING (30 50,31 50,30 50))\",2024-01-03T10:00:00,ru\n"
    "\"POINT (30 50)\",2024-01-04,ru\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = load (path, NULL, &error);
  FrontlineArea *multi;
  FrontlineArea *circle;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset->areas)), ==, 2);
  multi = area_at (dataset, 0);
  circle = area_at (dataset, 1);
  g_assert_true (multi->multi);
  g_assert_cmpuint (multi->geometry->n_polygons, ==, 2);
  g_assert_cmpint (multi->day, ==, frontline_day_from_dmy (2, 1, 2024));
  g_assert_cmpint (circle->day, ==, frontline_day_from_dmy (3, 1, 2024));
  /* A circle 1° across at 50° N: about π × 55.6 km × 35.8 km. */
  g_assert_cmpfloat (circle->area_m2, >, 5.5e9);
  g_assert_cmpfloat (circle->area_m2, <, 6.8e9);
  g_assert_cmpuint (dataset->features->len, ==, 3);
}

static void
test_out_of_range (void)
{
  g_autofree char *path = write_text ("far.csv",
    "WKT,date,faction\n"
    "\"POLYGON ((30 50,31 50,31 95,30 50))\",2024-01-02,ua\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = load (path, NULL, &error);

  g_assert_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "far.csv"));
  g_assert_nonnull (strstr (error->message, "layer “far”, feature 1"));
  g_assert_nonnull (strstr (error->message, "latitude 95"));
}

static void
test_broken (void)
{
  g_autofree char *gpkg = write_text ("broken.gpkg", "SQLite format 3\0garbage");
  g_autofree char *txt = write_text ("notes.txt", "\x01\x02 garbage \xff\xfe");
  g_autofree char *shp = write_text ("empty.shp", "xxxx");
  const char *paths[] = { gpkg, txt, shp };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FrontlineDataset) dataset = load (paths[i], NULL, &error);
      g_autofree char *base = g_path_get_basename (paths[i]);

      g_assert_null (dataset);
      g_assert_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_FORMAT);
      g_assert_nonnull (strstr (error->message, base));
      g_assert_nonnull (strstr (error->message, "GeoPackage (.gpkg)"));
    }
}

/* Frontline's own GeoPackage, as the writer makes it (the contract in
 * HACKING): `areas` with `properties` and `feature_id` JSON beside the
 * columns, `features`, and the `frontline_document` table. */
static void
test_frontline_gpkg (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "own.gpkg", NULL);
  GDALDriverH driver = GDALGetDriverByName ("GPKG");
  GDALDatasetH ds = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  OGRSpatialReferenceH wgs84 = OSRNewSpatialReference (NULL);
  OGRLayerH areas;
  OGRLayerH features;
  OGRLayerH document;
  OGRFieldDefnH field;
  OGRFeatureH feature;
  OGRGeometryH geometry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  FrontlineArea *area;
  char *wkt = (char *) "MULTIPOLYGON (((30 50,31 50,31 51,30 50)))";
  char *point = (char *) "POINT (30.5 50.2)";
  const char *names[] = { "date", "valid_until", "faction", "status", "feature_id", "properties" };
  OGRFieldType types[] = { OFTDate, OFTDate, OFTString, OFTString, OFTString, OFTString };

  g_assert_nonnull (ds);
  OSRImportFromEPSG (wgs84, 4326);
  areas = GDALDatasetCreateLayer (ds, "areas", wgs84, wkbMultiPolygon, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      field = OGR_Fld_Create (names[i], types[i]);
      if (i >= 4)
        OGR_Fld_SetSubType (field, OFSTJSON);
      OGR_L_CreateField (areas, field, TRUE);
      OGR_Fld_Destroy (field);
    }
  feature = OGR_F_Create (OGR_L_GetLayerDefn (areas));
  OGR_F_SetFieldDateTime (feature, 0, 2024, 8, 7, 0, 0, 0, 0);  /* edited in QGIS */
  OGR_F_SetFieldString (feature, 2, "ua");
  OGR_F_SetFieldString (feature, 3, "controlled");
  OGR_F_SetFieldString (feature, 4, "\"area-1\"");
  OGR_F_SetFieldString (feature, 5, "{\"date\":\"2024-08-06\",\"faction\":\"ua\","
                                    "\"status\":\"controlled\",\"note\":\"kept\",\"source\":[\"a\",\"b\"]}");
  OGR_G_CreateFromWkt (&wkt, wgs84, &geometry);
  OGR_F_SetGeometryDirectly (feature, geometry);
  g_assert_cmpint (OGR_L_CreateFeature (areas, feature), ==, OGRERR_NONE);
  OGR_F_Destroy (feature);

  features = GDALDatasetCreateLayer (ds, "features", wgs84, wkbUnknown, NULL);
  for (guint i = 4; i < G_N_ELEMENTS (names); i++)
    {
      field = OGR_Fld_Create (names[i], OFTString);
      OGR_Fld_SetSubType (field, OFSTJSON);
      OGR_L_CreateField (features, field, TRUE);
      OGR_Fld_Destroy (field);
    }
  feature = OGR_F_Create (OGR_L_GetLayerDefn (features));
  OGR_F_SetFieldString (feature, 1, "{\"kind\":\"place\",\"name\":\"Sudzha\"}");
  geometry = NULL;
  OGR_G_CreateFromWkt (&point, wgs84, &geometry);
  OGR_F_SetGeometryDirectly (feature, geometry);
  g_assert_cmpint (OGR_L_CreateFeature (features, feature), ==, OGRERR_NONE);
  OGR_F_Destroy (feature);

  document = GDALDatasetCreateLayer (ds, "frontline_document", NULL, wkbNone, NULL);
  field = OGR_Fld_Create ("document", OFTString);
  OGR_Fld_SetSubType (field, OFSTJSON);
  OGR_L_CreateField (document, field, TRUE);
  OGR_Fld_Destroy (field);
  feature = OGR_F_Create (OGR_L_GetLayerDefn (document));
  OGR_F_SetFieldString (feature, 0, "{\"type\":\"FeatureCollection\","
                                    "\"frontline\":{\"version\":1,\"title\":\"Own\",\"factions\":[{\"id\":\"ua\","
                                    "\"name\":\"Ukraine\",\"color\":\"#0057b7\"}]}}");
  g_assert_cmpint (OGR_L_CreateFeature (document, feature), ==, OGRERR_NONE);
  OGR_F_Destroy (feature);
  OSRDestroySpatialReference (wgs84);
  GDALClose (ds);

  dataset = load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dataset->title, ==, "Own");
  g_assert_cmpstr (frontline_faction_get_name (frontline_dataset_lookup_faction (dataset, "ua")), ==,
                   "Ukraine");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset->areas)), ==, 1);
  area = area_at (dataset, 0);
  g_assert_cmpstr (area->id, ==, "area-1");
  g_assert_cmpstr (area->note, ==, "kept");
  g_assert_cmpint (area->day, ==, frontline_day_from_dmy (7, 8, 2024));
  g_assert_true (area->multi);
  g_assert_cmpuint (g_strv_length (area->source_ids), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset->places)), ==, 1);
  g_assert_cmpuint (dataset->features->len, ==, 2);
}

/* GDAL's words go into the error, never to stderr. */
static void
test_quiet (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *gpkg = write_text ("quiet.gpkg", "SQLite format 3\0garbage");
      g_autofree char *kml = write_text ("quiet.kml", "<kml><Placemark><Polygon>");
      g_autoptr(GError) error = NULL;
      g_autoptr(FrontlineDataset) a = NULL;
      g_autoptr(FrontlineDataset) b = NULL;

      CPLSetErrorHandler (CPLDefaultErrorHandler);
      CPLPopErrorHandler ();
      a = load (gpkg, NULL, &error);
      g_assert_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_FORMAT);
      g_clear_error (&error);
      b = load (kml, NULL, &error);
      g_assert_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_FORMAT);
      g_assert_nonnull (strstr (error->message, "quiet.kml"));
      g_assert_nonnull (strstr (error->message, "(GDAL: "));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
}

static void
cancel_on_progress (double   fraction,
                    gpointer data)
{
  g_cancellable_cancel (data);
}

static void
test_cancel (void)
{
  const char * const args[] = { "-f", "GPKG", NULL };
  g_autofree char *src = dataset_path ("kursk-2024-2025.geojson");
  g_autofree char *path = translate (src, "cancel.gpkg", args, FALSE);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;

  dataset = frontline_dataset_load_full (file, NULL, cancellable, cancel_on_progress, cancellable,
                                         &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (dataset);
}

static void
test_bbox (void)
{
  g_autofree char *src = write_text ("apart.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-01-01\",\"faction\":\"a\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[10,10],[11,10],[11,11],[10,10]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-01-01\",\"faction\":\"b\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[100,50],[101,50],[101,51],[100,50]]]}}]}");
  const char * const args[] = { "-f", "GPKG", NULL };
  g_autofree char *path = translate (src, "apart.gpkg", args, FALSE);
  g_autoptr(FrontlineLoadOptions) options = frontline_load_options_new ();
  const double bbox[4] = { 9.0, 9.0, 12.0, 12.0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) all = load (path, NULL, &error);
  g_autoptr(FrontlineDataset) dataset = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all->areas)), ==, 2);

  frontline_load_options_set_bbox (options, bbox);
  dataset = load (path, options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset->areas)), ==, 1);
  g_assert_cmpstr (frontline_faction_get_id (area_at (dataset, 0)->faction), ==, "a");
}

/* A GeoJSON of polygons with these properties (JSON text, one per feature). */
static char *
write_polygons (const char         *name,
                const char * const *properties)
{
  g_autoptr(GString) text = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");

  for (guint i = 0; properties[i] != NULL; i++)
    g_string_append_printf (text, "%s{\"type\":\"Feature\",\"properties\":%s,\"geometry\":"
                            "{\"type\":\"Polygon\",\"coordinates\":[[[%u,50],[%u.5,50],"
                            "[%u.5,50.5],[%u,50]]]}}", i > 0 ? "," : "", properties[i],
                            30 + i, 30 + i, 30 + i, 30 + i);
  g_string_append (text, "]}");
  return write_text (name, text->str);
}

static FrontlineOgrLayerInfo *
inspect_one (const char  *path,
             GPtrArray  **layers)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  *layers = frontline_ogr_inspect (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint ((*layers)->len, ==, 1);
  return g_ptr_array_index (*layers, 0);
}

static int
field_of (FrontlineOgrLayerInfo *info,
          const char            *name)
{
  for (int i = 0; info->fields[i] != NULL; i++)
    if (g_str_equal (info->fields[i], name))
      return i;
  g_error ("no field %s", name);
  return -1;
}

static void
test_inspect_dates (void)
{
  const char * const properties[] = {
    "{\"held_from\":\"2024-08-06\",\"held_to\":\"2024-09-01\",\"holder\":\"ua\"}",
    "{\"held_from\":\"2024-08-07\",\"held_to\":\"2024-09-02\",\"holder\":\"ru\"}",
    NULL,
  };
  const char * const args[] = {
    "-f", "GPKG", "-nln", "held",
    "-sql", "SELECT held_to AS upto, held_from AS since, holder, "
    "CAST(held_from AS timestamp) AS seen FROM held", NULL,
  };
  g_autofree char *src = write_polygons ("held.geojson", properties);
  g_autofree char *path = translate (src, "held.gpkg", args, FALSE);
  g_autoptr(GPtrArray) layers = NULL;
  FrontlineOgrLayerInfo *info = inspect_one (path, &layers);
  int since = field_of (info, "since");
  int seen = field_of (info, "seen");

  /* ISO, not GDAL's 2024/08/06. */
  g_assert_cmpstr (info->samples[since][0], ==, "2024-08-06");
  g_assert_cmpstr (info->samples[field_of (info, "upto")][1], ==, "2024-09-02");
  g_assert_cmpstr (info->samples[seen][0], ==, "2024-08-06 00:00");

  /* Made with -sql: what its features are, not "Unknown (any)". */
  g_assert_cmpstr (info->geometry_type, ==, "Polygon");

  /* Three date fields: no guess. */
  g_assert_true (info->needs_mapping);
  g_assert_true (info->suggested == NULL || info->suggested->date_field == NULL);
}

static void
test_suggest_by_type (void)
{
  const char * const properties[] = {
    "{\"held_from\":\"2024-08-06\",\"held_to\":\"2024-09-01\",\"holder\":\"ua\"}",
    "{\"held_from\":\"2024-08-07\",\"held_to\":\"2024-09-02\",\"holder\":\"ru\"}",
    NULL,
  };
  /* The end first, named like nothing: the later one is the end. */
  const char * const args[] = {
    "-f", "GPKG", "-nln", "held",
    "-sql", "SELECT held_to AS b, held_from AS a, holder FROM typed", NULL,
  };
  g_autofree char *src = write_polygons ("typed.geojson", properties);
  g_autofree char *path = translate (src, "typed.gpkg", args, FALSE);
  g_autofree char *csv = write_text ("typed.csv",
    "WKT,day,holder,note\n"
    "\"POLYGON ((30 50,31 50,31 51,30 50))\",2024-01-02,ua,x\n"
    "\"POLYGON ((32 50,33 50,33 51,32 50))\",2024-01-03T10:00:00,ru,2024\n"
    "\"POINT (34 50)\",2024-01-04,ru,y\n");
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  FrontlineOgrLayerInfo *info = inspect_one (path, &layers);

  g_assert_nonnull (info->suggested);
  g_assert_cmpstr (info->suggested->date_field, ==, "a");
  g_assert_cmpstr (info->suggested->end_field, ==, "b");
  /* Types pre-select; only names load without asking. */
  g_assert_true (info->needs_mapping);
  dataset = load (path, NULL, &error);
  g_assert_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_MAPPING);
  g_assert_null (dataset);
  g_clear_pointer (&layers, g_ptr_array_unref);

  /* The one text field of ISO dates. */
  info = inspect_one (csv, &layers);
  g_assert_nonnull (info->suggested);
  g_assert_cmpstr (info->suggested->date_field, ==, "day");
  g_assert_null (info->suggested->end_field);
  g_assert_true (info->needs_mapping);
  /* Polygons and a point in a layer that does not say. */
  g_assert_cmpstr (info->geometry_type, ==, "mixed: Polygon, Point");
  g_assert_true (info->has_areas);
}

static void
test_mapping_every_layer (void)
{
  const char * const first[] = {
    "-f", "GPKG", "-nln", "control", "-sql",
    "SELECT \"date\" AS day_from, faction AS holder, status AS s1, status AS s2, status AS s3, "
    "status AS s4, status AS s5, status AS s6 FROM \"kursk-2024-2025\" "
    "WHERE OGR_GEOMETRY = 'POLYGON'", NULL,
  };
  const char * const second[] = {
    "-nln", "claims", "-sql",
    "SELECT \"date\" AS claimed, faction AS claimant FROM \"bakhmut-2023\"", NULL,
  };
  const char * const third[] = { "-nln", "assessed", NULL };
  g_autofree char *kursk = dataset_path ("kursk-2024-2025.geojson");
  g_autofree char *bakhmut = dataset_path ("bakhmut-2023.geojson");
  g_autofree char *path = translate (kursk, "unmapped.gpkg", first, FALSE);
  g_autofree char *again = translate (bakhmut, "unmapped.gpkg", second, TRUE);
  g_autofree char *mapped = translate (bakhmut, "unmapped.gpkg", third, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = load (path, NULL, &error);

  g_assert_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_MAPPING);
  g_assert_null (dataset);
  g_assert_nonnull (strstr (error->message, "unmapped.gpkg"));
  g_assert_nonnull (strstr (error->message, "“control” (fields: day_from, holder, s1, s2, s3, s4, "
                                            "… (8 in all))"));
  g_assert_nonnull (strstr (error->message, "“claims” (fields: claimed, claimant)"));
  g_assert_null (strstr (error->message, "s5"));
  g_assert_null (strstr (error->message, "assessed"));
  g_assert_nonnull (strstr (error->message, "--date-field"));
}

static void
record_progress (double   fraction,
                 gpointer data)
{
  g_array_append_val ((GArray *) data, fraction);
}

static void
test_progress_unknown_count (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(FrontlineLoadOptions) options = frontline_load_options_new ();
  const double bbox[4] = { 29.0, 44.0, 32.0, 47.0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  guint between = 0;

  for (guint i = 0; i < 3000; i++)
    {
      double x = 30.0 + (i % 60) * 0.02;
      double y = 45.0 + (i / 60) * 0.02;

      g_string_append_printf (text, "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-01-01\","
                              "\"faction\":\"ua\",\"note\":\"area %u\"},\"geometry\":"
                              "{\"type\":\"Polygon\",\"coordinates\":[[[%.2f,%.2f],[%.2f,%.2f],"
                              "[%.2f,%.2f],[%.2f,%.2f]]]}}\n", i, x, y, x + 0.01, y, x + 0.01,
                              y + 0.01, x, y);
    }
  path = write_text ("many.geojsonl", text->str);
  file = g_file_new_for_path (path);

  /* With a spatial filter, GDAL does not count without reading. */
  frontline_load_options_set_bbox (options, bbox);
  dataset = frontline_dataset_load_full (file, options, NULL, record_progress, fractions, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset->areas)), ==, 3000);

  g_assert_cmpuint (fractions->len, >, 0);
  for (guint i = 0; i < fractions->len; i++)
    {
      double f = g_array_index (fractions, double, i);

      g_assert_cmpfloat (f, >=, 0.0);
      g_assert_cmpfloat (f, <=, 1.0);
      if (i > 0)
        g_assert_cmpfloat (f, >=, g_array_index (fractions, double, i - 1));
      if (f > 0.0 && f < 1.0)
        between++;
    }
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  /* By the bytes read, not one step at the end. */
  g_assert_cmpuint (between, >=, 2);
}

/* The collector the reader and writer share: failures only, in valid UTF-8,
 * the first kept apart, all of them joined, forgotten once taken; popping
 * gives GDAL back the handler from before. */
static void
test_gdal_errors (void)
{
  FrontlineGdalErrors *errors = frontline_gdal_errors_push ();
  FrontlineGdalErrors *inner;
  g_autofree char *all = NULL;
  g_autofree char *none = NULL;

  g_assert_false (frontline_gdal_errors_any (errors));
  CPLError (CE_Warning, CPLE_AppDefined, "only a warning");
  g_assert_false (frontline_gdal_errors_any (errors));

  CPLError (CE_Failure, CPLE_AppDefined, "layer \xff\xfe broken");
  CPLError (CE_Failure, CPLE_AppDefined, "second");
  g_assert_true (frontline_gdal_errors_any (errors));
  g_assert_true (g_utf8_validate (frontline_gdal_errors_peek_first (errors), -1, NULL));
  g_assert_true (g_str_has_prefix (frontline_gdal_errors_peek_first (errors), "layer "));
  g_assert_null (strstr (frontline_gdal_errors_peek_first (errors), "second"));

  /* A nested collector takes what comes while it is pushed. */
  inner = frontline_gdal_errors_push ();
  CPLError (CE_Failure, CPLE_AppDefined, "inner");
  g_assert_cmpstr (frontline_gdal_errors_peek_first (inner), ==, "inner");
  frontline_gdal_errors_pop (inner);

  all = frontline_gdal_errors_take (errors);
  g_assert_true (g_utf8_validate (all, -1, NULL));
  g_assert_true (g_str_has_suffix (all, " broken; second"));
  g_assert_false (frontline_gdal_errors_any (errors));
  none = frontline_gdal_errors_take (errors);
  g_assert_null (none);

  CPLError (CE_Failure, CPLE_AppDefined, "again");
  frontline_gdal_errors_clear (errors);
  g_assert_false (frontline_gdal_errors_any (errors));
  g_assert_null (frontline_gdal_errors_peek_first (errors));
  frontline_gdal_errors_pop (errors);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  frontline_test_init (&argc, &argv, NULL);
  GDALAllRegister ();
  if (g_getenv ("FRONTLINE_TEST_GDAL_VERBOSE") == NULL)
    CPLPushErrorHandler (CPLQuietErrorHandler);
  tmp_dir = g_dir_make_tmp ("frontline-ogr-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/ogr-read/gpkg", test_gpkg);
  g_test_add_func ("/ogr-read/shapefile-3857", test_shapefile_3857);
  g_test_add_func ("/ogr-read/shapefile-zipped", test_shapefile_zipped);
  g_test_add_func ("/ogr-read/flatgeobuf", test_flatgeobuf);
  g_test_add_func ("/ogr-read/geojsonseq", test_geojsonseq);
  g_test_add_func ("/ogr-read/csv", test_csv);
  g_test_add_func ("/ogr-read/kml", test_kml);
  g_test_add_func ("/ogr-read/kml-end-inferred", test_kml_end_inferred);
  g_test_add_func ("/ogr-read/mapping", test_mapping);
  g_test_add_func ("/ogr-read/two-layers", test_two_layers);
  g_test_add_func ("/ogr-read/3d-multi-curves", test_3d_multi_curves);
  g_test_add_func ("/ogr-read/out-of-range", test_out_of_range);
  g_test_add_func ("/ogr-read/broken", test_broken);
  g_test_add_func ("/ogr-read/frontline-gpkg", test_frontline_gpkg);
  g_test_add_func ("/ogr-read/quiet", test_quiet);
  g_test_add_func ("/ogr-read/cancel", test_cancel);
  g_test_add_func ("/ogr-read/bbox", test_bbox);
  g_test_add_func ("/ogr-read/inspect-dates", test_inspect_dates);
  g_test_add_func ("/ogr-read/suggest-by-type", test_suggest_by_type);
  g_test_add_func ("/ogr-read/mapping-every-layer", test_mapping_every_layer);
  g_test_add_func ("/ogr-read/progress-unknown-count", test_progress_unknown_count);
  g_test_add_func ("/ogr-read/gdal-errors", test_gdal_errors);

  result = g_test_run ();

  if (g_getenv ("FRONTLINE_TEST_GDAL_VERBOSE") == NULL)
    CPLPopErrorHandler ();
  {
    g_autoptr(GFile) dir = g_file_new_for_path (tmp_dir);
    g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, "standard::name",
                                                                      G_FILE_QUERY_INFO_NONE,
                                                                      NULL, NULL);
    GFileInfo *info;

    while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
      {
        g_autofree char *child = g_build_filename (tmp_dir, g_file_info_get_name (info), NULL);

        g_remove (child);
        g_object_unref (info);
      }
    g_rmdir (tmp_dir);
  }
  g_free (tmp_dir);

  return result;
}
