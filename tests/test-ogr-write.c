/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The GDAL writer: GeoPackage, KML and Shapefile written from the Kursk
 * dataset and read back with the OGR C API (only LIBKML for KML); one day
 * only; never replacing unless asked; cancel and a full disk leave nothing. */

#define _GNU_SOURCE  /* st_mtim, in frontline-test-compare.h */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wundef"
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#pragma GCC diagnostic pop

#include "frontline-dataset-save.h"
#include "frontline-geometry.h"
#include "frontline-model-private.h"
#include "frontline-ogr-writer.h"
#include "frontline-test-compare.h"
#include "frontline-test-data.h"
#include "frontline-test-init.h"

#define KURSK "kursk-2024-2025.geojson"

static char *
make_folder (void)
{
  g_autoptr(GError) error = NULL;
  char *folder = g_dir_make_tmp ("frontline-ogr-write-XXXXXX", &error);

  g_assert_no_error (error);
  return folder;
}

static guint
count_entries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static char *
write_dataset (FrontlineDataset *dataset,
               const char       *folder,
               const char       *name,
               FrontlineDay      day)
{
  char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (frontline_ogr_write (dataset, file, day, FALSE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static GDALDatasetH
open_vector (const char *path,
             const char *driver)
{
  const char *drivers[] = { driver, NULL };
  GDALDatasetH ds;

  GDALAllRegister ();
  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, driver ? drivers : NULL, NULL, NULL);
  g_assert_nonnull (ds);
  return ds;
}

static FrontlineDay
field_day (OGRFeatureH  feature,
           const char  *name)
{
  int i = OGR_F_GetFieldIndex (feature, name);
  int y, m, d, h, min, tz;
  float s;

  g_assert_cmpint (i, >=, 0);
  if (!OGR_F_IsFieldSetAndNotNull (feature, i))
    return FRONTLINE_DAY_NONE;
  g_assert_true (OGR_F_GetFieldAsDateTimeEx (feature, i, &y, &m, &d, &h, &min, &s, &tz));
  return frontline_day_from_dmy (d, m, y);
}

/* A KML layer has only the fields some placemark of it has: none is unset. */
static const char *
kml_field_string (OGRFeatureH  feature,
                  const char  *name)
{
  int i = OGR_F_GetFieldIndex (feature, name);

  return i >= 0 && OGR_F_IsFieldSetAndNotNull (feature, i) ? OGR_F_GetFieldAsString (feature, i)
                                                           : NULL;
}

static const char *
field_string (OGRFeatureH  feature,
              const char  *name)
{
  int i = OGR_F_GetFieldIndex (feature, name);

  g_assert_cmpint (i, >=, 0);
  return OGR_F_IsFieldSetAndNotNull (feature, i) ? OGR_F_GetFieldAsString (feature, i) : NULL;
}

/* The geodesic area of an OGR (multi)polygon, measured by Frontline. */
static double
ogr_area_m2 (OGRGeometryH geometry)
{
  g_autoptr(FrontlineGeometryBuilder) builder = frontline_geometry_builder_new ();
  g_autoptr(FrontlineGeometry) packed = NULL;
  gboolean multi = wkbFlatten (OGR_G_GetGeometryType (geometry)) == wkbMultiPolygon;
  int n = multi ? OGR_G_GetGeometryCount (geometry) : 1;

  for (int p = 0; p < n; p++)
    {
      OGRGeometryH polygon = multi ? OGR_G_GetGeometryRef (geometry, p) : geometry;

      frontline_geometry_builder_begin_polygon (builder);
      for (int r = 0; r < OGR_G_GetGeometryCount (polygon); r++)
        {
          OGRGeometryH ring = OGR_G_GetGeometryRef (polygon, r);

          frontline_geometry_builder_begin_ring (builder);
          for (int i = 0; i < OGR_G_GetPointCount (ring); i++)
            frontline_geometry_builder_add_point (builder, OGR_G_GetX (ring, i), OGR_G_GetY (ring, i));
        }
    }
  packed = frontline_geometry_builder_finish (g_steal_pointer (&builder));
  return frontline_geometry_area_m2 (packed);
}

static double
source_area_m2 (FrontlineArea *area)
{
  return frontline_geometry_area_m2 (area->original_geometry ? area->original_geometry
                                                             : area->geometry);
}

static GPtrArray *
dataset_areas (FrontlineDataset *dataset)
{
  GPtrArray *areas = g_ptr_array_new ();

  for (guint i = 0; i < dataset->features->len; i++)
    if (g_ptr_array_index (dataset->feature_areas, i) != NULL)
      g_ptr_array_add (areas, g_ptr_array_index (dataset->feature_areas, i));
  return areas;
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static gint64
sql_count (GDALDatasetH  ds,
           const char   *sql)
{
  OGRLayerH result = GDALDatasetExecuteSQL (ds, sql, NULL, "SQLITE");
  OGRFeatureH feature;
  gint64 n;

  g_assert_nonnull (result);
  feature = OGR_L_GetNextFeature (result);
  g_assert_nonnull (feature);
  n = OGR_F_GetFieldAsInteger64 (feature, 0);
  OGR_F_Destroy (feature);
  GDALDatasetReleaseResultSet (ds, result);
  return n;
}

static void
test_gpkg (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled (KURSK);
  g_autofree char *folder = make_folder ();
  g_autofree char *path = write_dataset (dataset, folder, "kursk.gpkg", FRONTLINE_DAY_NONE);
  g_autoptr(GPtrArray) areas = dataset_areas (dataset);
  GDALDatasetH ds = open_vector (path, "GPKG");
  OGRLayerH layer = GDALDatasetGetLayerByName (ds, "areas");
  OGRLayerH document = GDALDatasetGetLayerByName (ds, "frontline_document");
  OGRFeatureH feature;
  OGRSpatialReferenceH srs;
  guint n = 0;

  g_assert_nonnull (layer);
  g_assert_nonnull (GDALDatasetGetLayerByName (ds, "features"));
  g_assert_nonnull (document);
  g_assert_cmpint (wkbFlatten (OGR_L_GetGeomType (layer)), ==, wkbMultiPolygon);
  srs = OGR_L_GetSpatialRef (layer);
  g_assert_nonnull (srs);
  g_assert_cmpstr (OSRGetAuthorityCode (srs, NULL), ==, "4326");

  /* The spatial index and the date index. */
  g_assert_cmpint (sql_count (ds, "SELECT COUNT(*) FROM gpkg_extensions WHERE table_name = 'areas' "
                                  "AND extension_name = 'gpkg_rtree_index'"), ==, 1);
  g_assert_cmpint (sql_count (ds, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'rtree_areas_geom'"),
                   ==, 1);
  g_assert_cmpint (sql_count (ds, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' "
                                  "AND name = 'areas_date' AND tbl_name = 'areas'"), ==, 1);

  /* The columns' types. */
  {
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
    OGRFieldDefnH date = OGR_FD_GetFieldDefn (defn, OGR_FD_GetFieldIndex (defn, "date"));
    OGRFieldDefnH props = OGR_FD_GetFieldDefn (defn, OGR_FD_GetFieldIndex (defn, "properties"));

    g_assert_cmpint (OGR_Fld_GetType (date), ==, OFTDate);
    g_assert_cmpint (OGR_Fld_GetSubType (props), ==, OFSTJSON);
    g_assert_cmpint (OGR_Fld_GetType (OGR_FD_GetFieldDefn (defn, OGR_FD_GetFieldIndex (defn, "valid_until"))),
                     ==, OFTDate);
  }

  /* Every area, in file order. */
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      FrontlineArea *area;
      g_autoptr(JsonNode) props = NULL;
      JsonObject *object = NULL;
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);

      g_assert_cmpuint (n, <, areas->len);
      area = g_ptr_array_index (areas, n);
      for (guint i = 0; i < dataset->features->len; i++)
        if (g_ptr_array_index (dataset->feature_areas, i) == area)
          object = g_ptr_array_index (dataset->features, i);

      g_assert_cmpuint (field_day (feature, "date"), ==, area->day);
      g_assert_cmpuint (field_day (feature, "valid_until"), ==, area->valid_until);
      g_assert_cmpstr (field_string (feature, "faction"), ==, frontline_faction_get_id (area->faction));
      g_assert_cmpstr (field_string (feature, "status"), ==, frontline_status_to_string (area->status));
      props = parse (field_string (feature, "properties"));
      g_assert_true (json_node_equal (props, json_object_get_member (object, "properties")));
      g_assert_nonnull (geometry);
      g_assert_cmpfloat_with_epsilon (ogr_area_m2 (geometry) / source_area_m2 (area), 1.0, 1e-3);
      /* A uniform scalar property as its own column. */
      g_assert_cmpint (OGR_F_GetFieldIndex (feature, "approximate"), >=, 0);
      OGR_F_Destroy (feature);
      n++;
    }
  g_assert_cmpuint (n, ==, areas->len);

  /* The root without features, the frontline member whole. */
  feature = OGR_L_GetNextFeature (document);
  g_assert_nonnull (feature);
  {
    g_autoptr(JsonNode) root = parse (field_string (feature, "document"));
    JsonObject *written = json_node_get_object (root);
    JsonObject *frontline = json_object_get_object_member (written, "frontline");
    JsonObject *original = json_object_get_object_member (dataset->root, "frontline");
    const char *members[] = { "factions", "sources", "quotes", "default_view", "title", NULL };

    g_assert_false (json_object_has_member (written, "features"));
    g_assert_nonnull (frontline);
    for (guint i = 0; members[i] != NULL; i++)
      g_assert_true (json_node_equal (json_object_get_member (frontline, members[i]),
                                      json_object_get_member (original, members[i])));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (frontline, "stops")), ==,
                      g_list_model_get_n_items (frontline_dataset_get_stops (dataset)));
  }
  OGR_F_Destroy (feature);

  GDALClose (ds);
  g_assert_cmpuint (count_entries (folder), ==, 1);
  frontline_test_remove_folder (folder);
}

/* What the KML's end of @area should be: its valid_until, or the day before
 * the next assessment of the same side and status. */
static FrontlineDay
expected_end (FrontlineDataset *dataset,
              FrontlineArea    *area,
              gboolean         *inferred)
{
  FrontlineDay next = FRONTLINE_DAY_NONE;
  g_autoptr(GPtrArray) areas = dataset_areas (dataset);

  *inferred = FALSE;
  if (area->valid_until != FRONTLINE_DAY_NONE)
    return area->valid_until;
  for (guint i = 0; i < areas->len; i++)
    {
      FrontlineArea *other = g_ptr_array_index (areas, i);

      if (other->faction == area->faction && other->status == area->status &&
          other->day > area->day && (next == FRONTLINE_DAY_NONE || other->day < next))
        next = other->day;
    }
  *inferred = next != FRONTLINE_DAY_NONE;
  return next != FRONTLINE_DAY_NONE ? next - 1 : FRONTLINE_DAY_NONE;
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_kml (gconstpointer data)
{
  const char *name = data;
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled (KURSK);
  g_autofree char *folder = make_folder ();
  g_autofree char *path = write_dataset (dataset, folder, name, FRONTLINE_DAY_NONE);
  g_autoptr(GPtrArray) areas = dataset_areas (dataset);
  GListModel *factions = frontline_dataset_get_factions (dataset);
  GListModel *quotes = frontline_dataset_get_quotes (dataset);
  GDALDatasetH ds = open_vector (path, "LIBKML");
  guint n_placemarks = 0;
  OGRLayerH layer;
  OGRFeatureH feature;
  g_autoptr(GHashTable) styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpstr (GDALGetDriverShortName (GDALGetDatasetDriver (ds)), ==, "LIBKML");

  for (guint f = 0; f < g_list_model_get_n_items (factions); f++)
    {
      g_autoptr(FrontlineFaction) faction = g_list_model_get_item (factions, f);
      guint next = 0;

      layer = GDALDatasetGetLayerByName (ds, frontline_faction_get_name (faction));
      g_assert_nonnull (layer);
      while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
        {
          FrontlineArea *area = NULL;
          gboolean inferred;
          FrontlineDay end;
          const char *style;
          const char *end_inferred;

          while (next < areas->len && area == NULL)
            {
              FrontlineArea *candidate = g_ptr_array_index (areas, next++);

              if (candidate->faction == faction)
                area = candidate;
            }
          g_assert_nonnull (area);
          end = expected_end (dataset, area, &inferred);
          g_assert_cmpuint (field_day (feature, "begin"), ==, area->day);
          g_assert_cmpuint (field_day (feature, "end"), ==, end);
          end_inferred = kml_field_string (feature, "end_inferred");
          g_assert_cmpint (end_inferred != NULL && g_str_equal (end_inferred, "true"), ==, inferred);
          g_assert_cmpstr (field_string (feature, "faction"), ==, frontline_faction_get_id (faction));
          g_assert_cmpstr (field_string (feature, "status"), ==,
                           frontline_status_to_string (area->status));
          g_assert_nonnull (OGR_F_GetGeometryRef (feature));
          style = OGR_F_GetStyleString (feature);
          g_assert_nonnull (style);
          g_hash_table_add (styles, g_strdup_printf ("%s=%s", frontline_faction_get_id (faction), style));
          n_placemarks++;
          OGR_F_Destroy (feature);
        }
    }
  g_assert_cmpuint (n_placemarks, ==, areas->len);
  /* One style per side. */
  g_assert_cmpuint (g_hash_table_size (styles), ==, g_list_model_get_n_items (factions));

  layer = GDALDatasetGetLayerByName (ds, "Quotes");
  g_assert_nonnull (layer);
  g_assert_cmpint (OGR_L_GetFeatureCount (layer, TRUE), ==, g_list_model_get_n_items (quotes));
  for (guint q = 0; q < g_list_model_get_n_items (quotes); q++)
    {
      g_autoptr(FrontlineQuote) quote = g_list_model_get_item (quotes, q);
      g_autofree char *date = frontline_quote_format_date (quote);

      feature = OGR_L_GetNextFeature (layer);
      g_assert_nonnull (feature);
      g_assert_nonnull (strstr (field_string (feature, "description"), frontline_quote_get_text (quote)));
      if (date != NULL)
        g_assert_nonnull (strstr (field_string (feature, "description"), date));
      g_assert_cmpstr (field_string (feature, "name"), ==, frontline_quote_get_speaker (quote));
      OGR_F_Destroy (feature);
    }

  GDALClose (ds);

  /* The fields are <Data> (GDAL 3.6 closes a LIBKML file in time quadratic
   * in the number of <SimpleData>). */
  if (g_str_has_suffix (name, ".kml"))
    {
      g_autofree char *text = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      g_assert_null (strstr (text, "<SimpleData"));
      g_assert_cmpuint (count_occurrences (text, "<Data name=\"faction\">"), ==, areas->len);
    }

  g_assert_cmpuint (count_entries (folder), ==, 1);
  frontline_test_remove_folder (folder);
}

/* A side's first area without a note: the notes of its others are still read
 * (the fields are <Data>, per placemark, not a layer's schema). */
static void
test_kml_first_without_note (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled (KURSK);
  g_autoptr(GPtrArray) areas = dataset_areas (dataset);
  g_autofree char *folder = make_folder ();
  g_autofree char *path = NULL;
  FrontlineArea *first = g_ptr_array_index (areas, 0);
  FrontlineArea *second = NULL;
  GDALDatasetH ds;
  OGRLayerH layer;
  OGRFeatureH feature;
  guint n = 0;

  for (guint i = 1; i < areas->len && second == NULL; i++)
    {
      FrontlineArea *area = g_ptr_array_index (areas, i);

      if (area->faction == first->faction)
        second = area;
    }
  g_assert_nonnull (second);
  g_assert_nonnull (second->note);
  g_clear_pointer (&first->note, g_free);

  path = write_dataset (dataset, folder, "first.kml", FRONTLINE_DAY_NONE);
  ds = open_vector (path, "LIBKML");
  layer = GDALDatasetGetLayerByName (ds, frontline_faction_get_name (first->faction));
  g_assert_nonnull (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      if (n == 0)
        g_assert_null (kml_field_string (feature, "note"));
      else if (n == 1)
        g_assert_cmpstr (kml_field_string (feature, "note"), ==, second->note);
      n++;
      OGR_F_Destroy (feature);
    }
  g_assert_cmpuint (n, >=, 2);
  GDALClose (ds);
  frontline_test_remove_folder (folder);
}

static void
test_shp (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled (KURSK);
  g_autofree char *folder = make_folder ();
  g_autofree char *path = write_dataset (dataset, folder, "kursk.shp", FRONTLINE_DAY_NONE);
  g_autoptr(GPtrArray) areas = dataset_areas (dataset);
  GDALDatasetH ds = open_vector (path, "ESRI Shapefile");
  OGRLayerH layer = GDALDatasetGetLayer (ds, 0);
  OGRFeatureH feature;
  guint n = 0;

  g_assert_cmpint (GDALDatasetGetLayerCount (ds), ==, 1);
  g_assert_cmpstr (OSRGetAuthorityCode (OGR_L_GetSpatialRef (layer), NULL), ==, "4326");
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      FrontlineArea *area = g_ptr_array_index (areas, n++);

      g_assert_cmpuint (field_day (feature, "date"), ==, area->day);
      g_assert_cmpuint (field_day (feature, "valid_to"), ==, area->valid_until);
      g_assert_cmpstr (field_string (feature, "faction"), ==, frontline_faction_get_id (area->faction));
      g_assert_cmpstr (field_string (feature, "status"), ==, frontline_status_to_string (area->status));
      g_assert_cmpfloat_with_epsilon (ogr_area_m2 (OGR_F_GetGeometryRef (feature)) / source_area_m2 (area),
                                      1.0, 1e-3);
      OGR_F_Destroy (feature);
    }
  g_assert_cmpuint (n, ==, areas->len);
  GDALClose (ds);

  /* .shp, .shx, .dbf, .prj, .cpg and no temporary folder. */
  g_assert_cmpuint (count_entries (folder), ==, 5);
  frontline_test_remove_folder (folder);
}

/* One day: only the areas that hold on it, in every format. */
static void
test_one_day (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled (KURSK);
  g_autofree char *folder = make_folder ();
  FrontlineDay day = frontline_day_from_dmy (1, 12, 2024);
  g_autoptr(GPtrArray) state = frontline_dataset_get_state_at (dataset, day);
  g_autoptr(GPtrArray) areas = dataset_areas (dataset);
  const char *names[] = { "day.gpkg", "day.shp", "day.kml" };

  g_assert_cmpuint (state->len, >, 0);
  g_assert_cmpuint (state->len, <, areas->len);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = write_dataset (dataset, folder, names[i], day);
      GDALDatasetH ds = open_vector (path, i == 2 ? "LIBKML" : NULL);
      guint n = 0;

      for (int l = 0; l < GDALDatasetGetLayerCount (ds); l++)
        {
          OGRLayerH layer = GDALDatasetGetLayer (ds, l);
          const char *layer_name = OGR_L_GetName (layer);
          OGRFeatureH feature;

          if (g_str_equal (layer_name, "Quotes") || g_str_equal (layer_name, "features") ||
              g_str_equal (layer_name, "frontline_document"))
            continue;
          while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
            {
              FrontlineDay begin = field_day (feature, i == 2 ? "begin" : "date");
              gboolean found = FALSE;

              g_assert_cmpuint (begin, <=, day);
              for (guint a = 0; a < state->len; a++)
                {
                  FrontlineArea *area = g_ptr_array_index (state, a);

                  found |= area->day == begin &&
                           g_str_equal (frontline_faction_get_id (area->faction),
                                        field_string (feature, "faction")) &&
                           g_str_equal (frontline_status_to_string (area->status),
                                        field_string (feature, "status"));
                }
              g_assert_true (found);
              n++;
              OGR_F_Destroy (feature);
            }
        }
      g_assert_cmpuint (n, ==, state->len);
      GDALClose (ds);
    }
  frontline_test_remove_folder (folder);
}

static void
test_refuse_replace (gconstpointer data)
{
  const char *name = data;
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled (KURSK);
  g_autofree char *folder = make_folder ();
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_false (frontline_ogr_write (dataset, file, FRONTLINE_DAY_NONE, FALSE, NULL, NULL, NULL,
                                       &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_assert_cmpuint (count_entries (folder), ==, 1);
  g_clear_error (&error);
  g_clear_pointer (&contents, g_free);

  /* Asked to, it does. */
  g_assert_true (frontline_ogr_write (dataset, file, FRONTLINE_DAY_NONE, TRUE, NULL, NULL, NULL,
                                      &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, !=, "old");
  frontline_test_remove_folder (folder);
}

typedef struct {
  GCancellable *cancellable;
  double        at;
  guint         calls;
} CancelState;

static void
cancel_on_progress (double   fraction,
                    gpointer user_data)
{
  CancelState *state = user_data;

  state->calls++;
  if (fraction >= state->at)
    g_cancellable_cancel (state->cancellable);
}

static void
test_cancel (gconstpointer data)
{
  const char *name = data;
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled (KURSK);
  g_autofree char *folder = make_folder ();
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CancelState state = { cancellable, 0.3, 0 };

  g_assert_false (frontline_ogr_write (dataset, file, FRONTLINE_DAY_NONE, FALSE, cancellable,
                                       cancel_on_progress, &state, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.calls, >, 1);  /* per feature */
  g_assert_cmpuint (count_entries (folder), ==, 0);
  frontline_test_remove_folder (folder);
}

/* A full disk: RLIMIT_FSIZE with SIGXFSZ ignored makes writes past the limit
 * fail with EFBIG, a real write error from the kernel. */
static void
test_full_disk (gconstpointer data)
{
  const char *name = data;
  g_autofree char *folder = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled (KURSK);
      const char *env = g_getenv ("FRONTLINE_TEST_FOLDER");
      g_autofree char *path = g_build_filename (env, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      struct rlimit limit = { 4096, 4096 };  /* below even the KMZ */

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (frontline_ogr_write (dataset, file, FRONTLINE_DAY_NONE, FALSE, NULL, NULL,
                                           NULL, &error));
      g_assert_nonnull (error);
      g_printerr ("%s\n", error->message);
      exit (0);
    }

  folder = make_folder ();
  g_setenv ("FRONTLINE_TEST_FOLDER", folder, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*Could not write*");
  g_assert_cmpuint (count_entries (folder), ==, 0);
  frontline_test_remove_folder (folder);
}

/* frontline_dataset_save_full() dispatches by name; save_day() writes a
 * GeoJSON of one day. */
static void
test_save_dispatch (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled (KURSK);
  g_autofree char *folder = make_folder ();
  g_autofree char *gpkg = g_build_filename (folder, "saved.gpkg", NULL);
  g_autofree char *json = g_build_filename (folder, "day.geojson", NULL);
  g_autoptr(GFile) gpkg_file = g_file_new_for_path (gpkg);
  g_autoptr(GFile) json_file = g_file_new_for_path (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) day_dataset = NULL;
  FrontlineDay day = frontline_day_from_dmy (1, 12, 2024);
  g_autoptr(GPtrArray) state = frontline_dataset_get_state_at (dataset, day);
  GDALDatasetH ds;

  g_assert_true (frontline_dataset_save_full (dataset, gpkg_file, FALSE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ds = open_vector (gpkg, "GPKG");
  g_assert_nonnull (GDALDatasetGetLayerByName (ds, "areas"));
  GDALClose (ds);

  g_assert_true (frontline_dataset_save_day (dataset, json_file, day, FALSE, NULL, NULL, NULL,
                                             &error));
  g_assert_no_error (error);
  day_dataset = frontline_dataset_load (json_file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (frontline_dataset_get_areas (day_dataset)), ==,
                    state->len);
  g_assert_cmpuint (g_list_model_get_n_items (frontline_dataset_get_quotes (day_dataset)), ==,
                    g_list_model_get_n_items (frontline_dataset_get_quotes (dataset)));
  frontline_test_remove_folder (folder);
}

/* frontline_dataset_save_async() dispatches by name too, with progress. */

typedef struct {
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
  guint      progress_calls;
} AsyncState;

static void
async_progress (double   fraction,
                gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
  state->progress_calls++;
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = frontline_dataset_save_finish (FRONTLINE_DATASET (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_save_async (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled (KURSK);
  g_autofree char *folder = make_folder ();
  g_autofree char *path = g_build_filename (folder, "async.kmz", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AsyncState state = { g_main_loop_new (NULL, FALSE), FALSE, NULL, 0 };
  GDALDatasetH ds;

  frontline_dataset_save_async (dataset, file, FALSE, NULL, async_progress, &state, NULL,
                                async_done, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_cmpuint (state.progress_calls, >, 0);
  ds = open_vector (path, "LIBKML");
  g_assert_nonnull (GDALDatasetGetLayerByName (ds, "Quotes"));
  GDALClose (ds);
  g_main_loop_unref (state.loop);
  frontline_test_remove_folder (folder);
}

/* Round trips through the reader. */

static JsonObject *
area_feature (FrontlineDataset *dataset,
              FrontlineArea    *area)
{
  for (guint i = 0; i < dataset->features->len; i++)
    if (g_ptr_array_index (dataset->feature_areas, i) == area)
      return g_ptr_array_index (dataset->features, i);
  g_assert_not_reached ();
  return NULL;
}

static void
assert_member_equal (FrontlineDataset *a,
                     FrontlineDataset *b)
{
  GListModel *lists[][2] = {
    { frontline_dataset_get_factions (a), frontline_dataset_get_factions (b) },
    { frontline_dataset_get_sources (a), frontline_dataset_get_sources (b) },
    { frontline_dataset_get_quotes (a), frontline_dataset_get_quotes (b) },
    { frontline_dataset_get_stops (a), frontline_dataset_get_stops (b) },
  };

  g_assert_cmpstr (frontline_dataset_get_title (a), ==, frontline_dataset_get_title (b));
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    g_assert_cmpuint (g_list_model_get_n_items (lists[l][0]), ==, g_list_model_get_n_items (lists[l][1]));

  for (guint i = 0; i < g_list_model_get_n_items (lists[0][0]); i++)
    {
      g_autoptr(FrontlineFaction) fa = g_list_model_get_item (lists[0][0], i);
      g_autoptr(FrontlineFaction) fb = g_list_model_get_item (lists[0][1], i);

      g_assert_cmpstr (fa->id, ==, fb->id);
      g_assert_cmpstr (fa->name, ==, fb->name);
      g_assert_cmpstr (fa->color, ==, fb->color);
    }
  for (guint i = 0; i < g_list_model_get_n_items (lists[1][0]); i++)
    {
      g_autoptr(FrontlineSource) sa = g_list_model_get_item (lists[1][0], i);
      g_autoptr(FrontlineSource) sb = g_list_model_get_item (lists[1][1], i);

      g_assert_cmpstr (sa->id, ==, sb->id);
      g_assert_cmpstr (sa->title, ==, sb->title);
      g_assert_cmpstr (sa->url, ==, sb->url);
      g_assert_cmpstr (sa->published, ==, sb->published);
      g_assert_cmpstr (sa->date_precision, ==, sb->date_precision);
    }
  for (guint i = 0; i < g_list_model_get_n_items (lists[2][0]); i++)
    {
      g_autoptr(FrontlineQuote) qa = g_list_model_get_item (lists[2][0], i);
      g_autoptr(FrontlineQuote) qb = g_list_model_get_item (lists[2][1], i);

      g_assert_cmpstr (qa->id, ==, qb->id);
      g_assert_cmpstr (qa->text, ==, qb->text);
      g_assert_cmpstr (qa->speaker, ==, qb->speaker);
      g_assert_cmpstr (qa->date, ==, qb->date);
      g_assert_cmpstr (qa->date_precision, ==, qb->date_precision);
      g_assert_cmpstr (qa->source_id, ==, qb->source_id);
    }
  for (guint i = 0; i < g_list_model_get_n_items (lists[3][0]); i++)
    {
      g_autoptr(FrontlineStop) sa = g_list_model_get_item (lists[3][0], i);
      g_autoptr(FrontlineStop) sb = g_list_model_get_item (lists[3][1], i);

      g_assert_cmpstr (sa->title, ==, sb->title);
      g_assert_cmpstr (sa->caption, ==, sb->caption);
      g_assert_cmpuint (sa->day, ==, sb->day);
      frontline_test_assert_strv_equal (sa->quote_ids, sb->quote_ids);
    }
}

/* GeoJSON → GPKG → load: every area (0.1 %), date, property, feature id
 * and the frontline member. */
static void
test_round_trip_gpkg (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled (KURSK);
  g_autofree char *folder = make_folder ();
  g_autofree char *path = write_dataset (dataset, folder, "kursk.gpkg", FRONTLINE_DAY_NONE);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) back = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(GPtrArray) back_areas = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (back);
  areas = dataset_areas (dataset);
  back_areas = dataset_areas (back);
  g_assert_cmpuint (back_areas->len, ==, areas->len);
  for (guint i = 0; i < areas->len; i++)
    {
      FrontlineArea *a = g_ptr_array_index (areas, i);
      FrontlineArea *b = g_ptr_array_index (back_areas, i);
      JsonObject *fa = area_feature (dataset, a);
      JsonObject *fb = area_feature (back, b);

      g_assert_cmpuint (a->day, ==, b->day);
      g_assert_cmpuint (a->valid_until, ==, b->valid_until);
      g_assert_cmpstr (frontline_faction_get_id (a->faction), ==, frontline_faction_get_id (b->faction));
      g_assert_cmpint (a->status, ==, b->status);
      g_assert_cmpstr (a->id, ==, b->id);
      frontline_test_assert_strv_equal (a->source_ids, b->source_ids);
      g_assert_cmpstr (a->note, ==, b->note);
      g_assert_cmpfloat_with_epsilon (frontline_area_get_area_km2 (b) / frontline_area_get_area_km2 (a),
                                      1.0, 1e-3);
      g_assert_true (json_node_equal (json_object_get_member (fa, "properties"),
                                      json_object_get_member (fb, "properties")));
    }
  assert_member_equal (dataset, back);
  frontline_test_remove_folder (folder);
}

typedef struct {
  FrontlineDay begin;
  FrontlineDay end;
} Span;

static GArray *
kml_spans (const char *path)
{
  GDALDatasetH ds = open_vector (path, "LIBKML");
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));

  for (int l = 0; l < GDALDatasetGetLayerCount (ds); l++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (ds, l);
      OGRFeatureH feature;

      if (g_str_equal (OGR_L_GetName (layer), "Quotes"))
        continue;
      while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
        {
          Span span = { field_day (feature, "begin"), field_day (feature, "end") };

          g_array_append_val (spans, span);
          OGR_F_Destroy (feature);
        }
    }
  GDALClose (ds);
  return spans;
}

/* KML → Frontline → KML keeps every begin and end. */
static void
test_round_trip_kml (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled (KURSK);
  g_autofree char *folder = make_folder ();
  g_autofree char *first = write_dataset (dataset, folder, "first.kml", FRONTLINE_DAY_NONE);
  g_autoptr(GFile) file = g_file_new_for_path (first);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) back = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  g_autofree char *second = NULL;
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;

  g_assert_no_error (error);
  second = write_dataset (back, folder, "second.kml", FRONTLINE_DAY_NONE);
  a = kml_spans (first);
  b = kml_spans (second);
  g_assert_cmpuint (a->len, ==, b->len);
  g_assert_cmpuint (a->len, >, 0);
  for (guint i = 0; i < a->len; i++)
    {
      g_assert_cmpuint (g_array_index (a, Span, i).begin, ==, g_array_index (b, Span, i).begin);
      g_assert_cmpuint (g_array_index (a, Span, i).end, ==, g_array_index (b, Span, i).end);
    }
  frontline_test_remove_folder (folder);
}

int
main (int   argc,
      char *argv[])
{
  const char *formats[] = { "out.gpkg", "out.kml", "out.kmz", "out.shp" };

  frontline_test_init (&argc, &argv, NULL);

  g_test_add_func ("/frontline/ogr-write/gpkg", test_gpkg);
  g_test_add_data_func ("/frontline/ogr-write/kml", "kursk.kml", test_kml);
  g_test_add_data_func ("/frontline/ogr-write/kmz", "kursk.kmz", test_kml);
  g_test_add_func ("/frontline/ogr-write/kml-first-without-note", test_kml_first_without_note);
  g_test_add_func ("/frontline/ogr-write/shp", test_shp);
  g_test_add_func ("/frontline/ogr-write/one-day", test_one_day);
  g_test_add_func ("/frontline/ogr-write/save-dispatch", test_save_dispatch);
  g_test_add_func ("/frontline/ogr-write/save-async", test_save_async);
  g_test_add_func ("/frontline/ogr-write/round-trip/gpkg", test_round_trip_gpkg);
  g_test_add_func ("/frontline/ogr-write/round-trip/kml", test_round_trip_kml);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      const char *suffix = strchr (formats[i], '.') + 1;
      g_autofree char *replace = g_strdup_printf ("/frontline/ogr-write/refuse-replace/%s", suffix);
      g_autofree char *cancel = g_strdup_printf ("/frontline/ogr-write/cancel/%s", suffix);
      g_autofree char *full = g_strdup_printf ("/frontline/ogr-write/full-disk/%s", suffix);

      g_test_add_data_func (replace, formats[i], test_refuse_replace);
      g_test_add_data_func (cancel, formats[i], test_cancel);
      g_test_add_data_func (full, formats[i], test_full_disk);
    }

  return g_test_run ();
}
