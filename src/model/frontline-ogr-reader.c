/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-loader"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>


#include "frontline-dataset.h"
#include "frontline-gdal.h"
#include "frontline-metadata-reader.h"
#include "frontline-ogr-reader.h"
#include "frontline-ogr-reader-private.h"

/* Reading other formats through GDAL/OGR. Each layer with polygons gives
 * areas; its fields are mapped to Frontline's (by the options, else by their
 * names), its coordinates reprojected to WGS 84 and packed straight into
 * the geometry builder; the feature reader checks, repairs and measures them
 * as it does GeoJSON's. Features are read one at a time. GDAL's messages are
 * collected per thread and end up in the GError, never on stderr. */

static const char * const read_suffixes[] = {
  "gpkg", "kml", "kmz", "shp", "shz", "zip", "fgb", "geojsonl", "geojsons", "csv", NULL,
};

/* GDAL */

/* Appends " (GDAL: …)" to @error's message when GDAL said something. */
static void
add_gdal_words (GError              **error,
                FrontlineGdalErrors  *messages)
{
  g_autofree char *words = NULL;

  if (error == NULL || *error == NULL)
    return;

  words = frontline_gdal_errors_take (messages);
  if (words != NULL)
    {
      char *message = g_strdup_printf ("%s (GDAL: %s)", (*error)->message, words);

      g_free ((*error)->message);
      (*error)->message = message;
    }
}

/* Formats */

void
frontline_ogr_layer_info_free (FrontlineOgrLayerInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->name);
  g_free (info->geometry_type);
  g_strfreev (info->fields);
  for (guint i = 0; info->samples != NULL && info->samples[i] != NULL; i++)
    g_strfreev (info->samples[i]);
  g_free (info->samples);
  frontline_field_mapping_free (info->suggested);
  g_free (info);
}

static const char *
suffix_of (const char *lower)
{
  for (guint i = 0; read_suffixes[i] != NULL; i++)
    {
      gsize n = strlen (read_suffixes[i]);
      gsize length = strlen (lower);

      if (length > n + 1 && lower[length - n - 1] == '.' &&
          strcmp (lower + length - n, read_suffixes[i]) == 0)
        return read_suffixes[i];
    }

  return NULL;
}

gboolean
frontline_ogr_can_read (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name ? g_ascii_strdown (name, -1) : NULL;

  return lower != NULL && suffix_of (lower) != NULL;
}

const char * const *
frontline_ogr_read_suffixes (void)
{
  return read_suffixes;
}

char *
frontline_ogr_describe_formats (void)
{
  return g_strdup (_("GeoJSON (.geojson, .json), GeoPackage (.gpkg), KML and KMZ (.kml, .kmz), "
                     "Shapefile (.shp, zipped: .zip, .shz), FlatGeobuf (.fgb), "
                     "GeoJSONSeq (.geojsonl, .geojsons) and CSV with WKT geometry (.csv)"));
}

static void
set_format_error (GError              **error,
                  const char           *name,
                  FrontlineGdalErrors  *messages)
{
  g_autofree char *formats = frontline_ogr_describe_formats ();

  g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_FORMAT,
               _("%s: not a file Frontline can read; it reads %s"), name, formats);
  if (messages != NULL)
    add_gdal_words (error, messages);
}

/* Opens @path with the driver its suffix calls for. */
GDALDatasetH
frontline_ogr_open_dataset (const char           *path,
              const char           *name,
              FrontlineGdalErrors  *messages,
              GError              **error)
{
  static const char * const gpkg[] = { "GPKG", NULL };
  static const char * const kml[] = { "LIBKML", NULL };
  static const char * const shp[] = { "ESRI Shapefile", NULL };
  static const char * const fgb[] = { "FlatGeobuf", NULL };
  static const char * const seq[] = { "GeoJSONSeq", NULL };
  static const char * const csv[] = { "CSV", NULL };
  static const char * const csv_options[] = {
    "GEOM_POSSIBLE_NAMES=WKT,wkt,geometry,geom,the_geom,wkt_geom", "KEEP_GEOM_COLUMNS=NO", NULL,
  };
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *lower = g_ascii_strdown (base, -1);
  const char *suffix = suffix_of (lower);
  const char * const *drivers = NULL;
  const char * const *options = NULL;
  g_autofree char *open_path = NULL;
  GDALDatasetH ds;

  frontline_gdal_init ();

  /* GDAL's own paths (/vsimem/ for the fuzzer) are GDAL's to find. */
  if (!g_str_has_prefix (path, "/vsi") && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("%s: cannot open: %s"), name,
                   g_strerror (ENOENT));
      return NULL;
    }

  if (g_strcmp0 (suffix, "gpkg") == 0)
    drivers = gpkg;
  else if (g_strcmp0 (suffix, "kml") == 0 || g_strcmp0 (suffix, "kmz") == 0)
    drivers = kml;
  else if (g_strcmp0 (suffix, "shp") == 0 || g_strcmp0 (suffix, "shz") == 0)
    drivers = shp;
  else if (g_strcmp0 (suffix, "zip") == 0)
    {
      drivers = shp;
      open_path = g_strconcat ("/vsizip/", path, NULL);
    }
  else if (g_strcmp0 (suffix, "fgb") == 0)
    drivers = fgb;
  else if (g_strcmp0 (suffix, "geojsonl") == 0 || g_strcmp0 (suffix, "geojsons") == 0)
    drivers = seq;
  else if (g_strcmp0 (suffix, "csv") == 0)
    {
      drivers = csv;
      options = csv_options;
    }

  ds = GDALOpenEx (open_path ? open_path : path, GDAL_OF_VECTOR | GDAL_OF_READONLY,
                   (const char * const *) drivers, (const char * const *) options, NULL);
  if (ds == NULL)
    set_format_error (error, name, messages);

  return ds;
}

/* Geometry types */

gboolean
frontline_ogr_is_polygonal (OGRwkbGeometryType type)
{
  type = wkbFlatten (type);
  return OGR_GT_IsSubClassOf (type, wkbCurvePolygon) || OGR_GT_IsSubClassOf (type, wkbMultiSurface);
}

/* Whether a layer holds polygons: by its type, or, when it does not say
 * (KML, CSV, GeoJSONSeq), by its first features. */
static gboolean
layer_has_polygons (OGRLayerH layer)
{
  OGRwkbGeometryType type = wkbFlatten (OGR_L_GetGeomType (layer));
  gboolean found = FALSE;
  OGRFeatureH feature;
  guint n = 0;

  if (frontline_ogr_is_polygonal (type))
    return TRUE;
  if (type != wkbUnknown && type != wkbGeometryCollection)
    return FALSE;

  OGR_L_ResetReading (layer);
  while (!found && n++ < FRONTLINE_OGR_INSPECT_FEATURES &&
         (feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);

      found = geometry != NULL && frontline_ogr_is_polygonal (OGR_G_GetGeometryType (geometry));
      OGR_F_Destroy (feature);
    }
  OGR_L_ResetReading (layer);

  return found;
}

/* Layers */

/* LIBKML's display fields, which say nothing about the ground. */
static const char * const kml_display_fields[] = {
  "altitudeMode", "tessellate", "extrude", "visibility", "drawOrder", "icon", "snippet", NULL,
};

typedef struct {
  OGRLayerH                     layer;
  char                         *name;
  FrontlineFieldMapping        *mapping;       /* NULL: not areas (Frontline's features) */
  OGRCoordinateTransformationH  transform;     /* NULL: already WGS 84 */
  gboolean                      check_fit;     /* no SRS: taken as WGS 84 if it fits */
  gint64                        n_features;    /* -1: unknown */
  int                           date_index;
  int                           end_index;
  int                           faction_index;
  int                           status_index;
  int                           properties_index;  /* Frontline's JSON columns, or -1 */
  int                           id_index;
  int                           end_inferred_index;
  int                           date_alternatives[8];  /* auto-mapped: the next to try, -1 */
  int                           end_alternatives[8];
  gboolean                      kml;
  gboolean                      frontline_features;  /* GPKG `features`: nothing is an area */
} Layer;

static void
layer_clear (Layer *layer)
{
  g_free (layer->name);
  frontline_field_mapping_free (layer->mapping);
  if (layer->transform != NULL)
    OCTDestroyCoordinateTransformation (layer->transform);
}

/* Sets up @layer's transform to WGS 84 (and, with @bbox, its spatial
 * filter in the layer's own coordinates). */
static gboolean
layer_prepare_srs (Layer                *layer,
                   const char           *name,
                   const double         *bbox,
                   FrontlineGdalErrors  *messages,
                   GError              **error)
{
  OGRSpatialReferenceH source = OGR_L_GetSpatialRef (layer->layer);
  OGRSpatialReferenceH wgs84;
  OGRSpatialReferenceH copy;

  if (source == NULL)
    {
      layer->check_fit = TRUE;
      if (bbox != NULL)
        OGR_L_SetSpatialFilterRect (layer->layer, bbox[0], bbox[1], bbox[2], bbox[3]);
      return TRUE;
    }

  wgs84 = frontline_gdal_new_wgs84 ();
  copy = OSRClone (source);
  OSRSetAxisMappingStrategy (copy, OAMS_TRADITIONAL_GIS_ORDER);

  if (!OSRIsSame (copy, wgs84))
    {
      layer->transform = OCTNewCoordinateTransformation (copy, wgs84);
      if (layer->transform == NULL)
        {
          g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_INVALID,
                       _("%s: layer “%s”: its coordinate system cannot be converted to WGS 84"),
                       name, layer->name);
          add_gdal_words (error, messages);
          OSRDestroySpatialReference (copy);
          OSRDestroySpatialReference (wgs84);
          return FALSE;
        }
    }

  if (bbox != NULL && layer->transform == NULL)
    OGR_L_SetSpatialFilterRect (layer->layer, bbox[0], bbox[1], bbox[2], bbox[3]);
  else if (bbox != NULL)
    {
      OGRCoordinateTransformationH back = OCTNewCoordinateTransformation (wgs84, copy);
      double x0, y0, x1, y1;

      if (back != NULL &&
          OCTTransformBounds (back, bbox[0], bbox[1], bbox[2], bbox[3], &x0, &y0, &x1, &y1, 21))
        OGR_L_SetSpatialFilterRect (layer->layer, x0, y0, x1, y1);
      if (back != NULL)
        OCTDestroyCoordinateTransformation (back);
    }

  OSRDestroySpatialReference (copy);
  OSRDestroySpatialReference (wgs84);
  return TRUE;
}

static int
field_index (OGRFeatureDefnH  defn,
             const char      *field)
{
  return field != NULL ? OGR_FD_GetFieldIndex (defn, field) : -1;
}

/* The layer's mapping: the options', else its field names'; else the error
 * that asks for one. */
/* Returns FALSE with @error set when a given field is not there, or FALSE
 * without it when nothing says which fields hold the date and the side. */
static gboolean
layer_prepare_mapping (Layer                 *layer,
                       FrontlineLoadOptions  *options,
                       const char            *name,
                       GError               **error)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer->layer);
  const FrontlineFieldMapping *given = frontline_load_options_get_mapping (options, layer->name);
  const char *fields[4];
  const char *what[4] = { "--date-field", "--end-field", "--faction-field", "--status-field" };

  if (given != NULL)
    layer->mapping = frontline_field_mapping_copy (given);
  else
    layer->mapping = frontline_ogr_suggest_mapping (defn);

  if (!frontline_field_mapping_is_complete (layer->mapping))
    return FALSE;

  fields[0] = layer->mapping->date_field;
  fields[1] = layer->mapping->end_field;
  fields[2] = layer->mapping->faction_field;
  fields[3] = layer->mapping->status_field;
  for (guint k = 0; k < 4; k++)
    if (fields[k] != NULL && *fields[k] != '\0' && field_index (defn, fields[k]) < 0)
      {
        g_autofree char *list = frontline_ogr_join_fields (defn);

        g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_MAPPING,
                     _("%s: layer “%s” has no field “%s” (given as %s); its fields: %s"),
                     name, layer->name, fields[k], what[k], list);
        return FALSE;
      }

  /* Mapped by name: the other names a feature may use instead (KML's
   * timestamp when it has no begin). */
  if (given == NULL)
    {
      guint d = 0;
      guint e = 0;

      for (guint k = 0; frontline_ogr_date_names[k] != NULL; k++)
        if (field_index (defn, frontline_ogr_date_names[k]) >= 0)
          layer->date_alternatives[d++] = field_index (defn, frontline_ogr_date_names[k]);
      for (guint k = 0; frontline_ogr_end_names[k] != NULL; k++)
        if (field_index (defn, frontline_ogr_end_names[k]) >= 0)
          layer->end_alternatives[e++] = field_index (defn, frontline_ogr_end_names[k]);
    }

  layer->date_index = field_index (defn, layer->mapping->date_field);
  layer->end_index = field_index (defn, layer->mapping->end_field);
  layer->faction_index = field_index (defn, layer->mapping->faction_field);
  layer->status_index = field_index (defn, layer->mapping->status_field);

  return TRUE;
}

/* Features */

typedef struct {
  FrontlineLoaderBuilder *b;
  const char             *name;     /* the file, for messages */
  GCancellable           *cancellable;
  double                 *x;
  double                 *y;
  gsize                   capacity;
  gsize                   points;   /* read since the last batch */
} Reading;

/* The feature's fields as GeoJSON properties, with the mapped ones. */
static JsonObject *
feature_to_json (Layer       *layer,
                 OGRFeatureH  feature)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer->layer);
  JsonObject *object = json_object_new ();
  JsonObject *properties = NULL;

  json_object_set_string_member (object, "type", "Feature");

  if (layer->id_index >= 0)
    {
      JsonNode *id = frontline_ogr_field_to_node (feature, layer->id_index,
                                    OGR_FD_GetFieldDefn (defn, layer->id_index));

      if (id != NULL)
        json_object_set_member (object, "id", id);
    }

  if (layer->properties_index >= 0)
    {
      JsonNode *base = frontline_ogr_field_to_node (feature, layer->properties_index,
                                      OGR_FD_GetFieldDefn (defn, layer->properties_index));

      if (base != NULL && JSON_NODE_HOLDS_OBJECT (base))
        properties = json_object_ref (json_node_get_object (base));
      g_clear_pointer (&base, json_node_unref);
    }

  if (properties == NULL)
    {
      properties = json_object_new ();
      for (int i = 0; i < OGR_FD_GetFieldCount (defn); i++)
        {
          OGRFieldDefnH field = OGR_FD_GetFieldDefn (defn, i);
          const char *field_name = OGR_Fld_GetNameRef (field);
          JsonNode *node;

          if (i == layer->id_index || i == layer->properties_index)
            continue;
          if (layer->kml && g_strv_contains (kml_display_fields, field_name))
            continue;
          node = frontline_ogr_field_to_node (feature, i, field);
          if (node != NULL)
            json_object_set_member (properties, field_name, node);
        }
    }

  if (layer->mapping != NULL)
    {
      g_autofree char *date = frontline_ogr_read_day (feature, layer->date_index);
      g_autofree char *end = frontline_ogr_read_day (feature, layer->end_index);

      g_autofree char *faction = frontline_ogr_read_text (feature, layer->faction_index);
      g_autofree char *status = frontline_ogr_read_text (feature, layer->status_index);

      for (guint k = 0; date == NULL && k < 8 && layer->date_alternatives[k] >= 0; k++)
        date = frontline_ogr_read_day (feature, layer->date_alternatives[k]);
      for (guint k = 0; end == NULL && k < 8 && layer->end_alternatives[k] >= 0; k++)
        end = frontline_ogr_read_day (feature, layer->end_alternatives[k]);

      if (layer->end_inferred_index >= 0 &&
          OGR_F_IsFieldSetAndNotNull (feature, layer->end_inferred_index))
        {
          const char *inferred = OGR_F_GetFieldAsString (feature, layer->end_inferred_index);

          if (g_ascii_strcasecmp (inferred, "true") == 0 || g_strcmp0 (inferred, "1") == 0)
            {
              g_clear_pointer (&end, g_free);
              json_object_remove_member (properties, "end_inferred");
            }
        }

      if (faction == NULL && layer->mapping->faction_value != NULL)
        faction = g_strdup (layer->mapping->faction_value);
      if (status == NULL && layer->mapping->status_value != NULL)
        status = g_strdup (layer->mapping->status_value);

      {
        const char *keys[] = { "date", "valid_until", "faction", "status" };
        const char *values[] = { date, end, faction, status };

        /* The mapped fields say it, or nothing does. */
        for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
          if (values[k] != NULL)
            json_object_set_string_member (properties, keys[k], values[k]);
          else if (json_object_has_member (properties, keys[k]))
            json_object_remove_member (properties, keys[k]);
      }
    }

  json_object_set_object_member (object, "properties", properties);
  return object;
}

static void
reserve (Reading *r,
         gsize    n)
{
  if (n <= r->capacity)
    return;
  r->capacity = MAX (n, r->capacity * 2);
  r->x = g_renew (double, r->x, r->capacity);
  r->y = g_renew (double, r->y, r->capacity);
}

/* Adds @polygon's rings to @builder. */
static gboolean
add_polygon (Reading                  *r,
             FrontlineParsedFeature   *parsed,
             FrontlineGeometryBuilder *builder,
             OGRGeometryH              polygon,
             guint                     index,
             GError                  **error)
{
  int n_rings = OGR_G_GetGeometryCount (polygon);

  if (n_rings == 0)
    return TRUE;

  frontline_geometry_builder_begin_polygon (builder);
  for (int k = 0; k < n_rings; k++)
    {
      OGRGeometryH ring = OGR_G_GetGeometryRef (polygon, k);
      int n = OGR_G_GetPointCount (ring);
      g_autofree char *where = g_strdup_printf (_("polygon %u, ring %d"), index, k);

      reserve (r, (gsize) MAX (n, 1));
      r->points += (gsize) MAX (n, 0);
      if (n > 0)
        OGR_G_GetPoints (ring, r->x, sizeof (double), r->y, sizeof (double), NULL, 0);
      if (!frontline_feature_reader_add_ring (parsed, builder, r->name, where, r->x, r->y,
                                              (guint) n, error))
        return FALSE;
    }

  return TRUE;
}

/* Converts one feature; NULL with @error set when it cannot be. */
static FrontlineParsedFeature *
read_feature (Reading                   *r,
              Layer                     *layer,
              OGRFeatureH                feature,
              FrontlineGeometryBuilder **pending,
              gboolean                  *multi,
              GError                   **error)
{
  g_autofree char *fid = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) OGR_F_GetFID (feature));
  g_autofree char *location = g_strdup_printf (_("layer “%s”, feature %s"), layer->name, fid);
  FrontlineParsedFeature *parsed;
  OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
  OGRGeometryH linear = NULL;
  OGRwkbGeometryType type;

  parsed = frontline_parsed_feature_new_converted (feature_to_json (layer, feature), location);

  if (geometry == NULL || OGR_G_IsEmpty (geometry))
    return parsed;

  if (OGR_G_HasCurveGeometry (geometry, TRUE))
    geometry = linear = OGR_G_GetLinearGeometry (geometry, 0, NULL);
  if (geometry == NULL)
    return parsed;
  OGR_G_FlattenTo2D (geometry);

  if (layer->transform != NULL && OGR_G_Transform (geometry, layer->transform) != OGRERR_NONE)
    {
      g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_INVALID,
                   _("%s: %s: its coordinates cannot be converted to WGS 84"), r->name, location);
      g_clear_pointer (&linear, OGR_G_DestroyGeometry);
      frontline_parsed_feature_free (parsed);
      return NULL;
    }

  type = wkbFlatten (OGR_G_GetGeometryType (geometry));
  if (layer->mapping != NULL && (type == wkbPolygon || type == wkbMultiPolygon ||
                                 type == wkbGeometryCollection))
    {
      g_autoptr(FrontlineGeometryBuilder) builder = frontline_geometry_builder_new ();
      guint n_polygons = 0;
      gboolean ok = TRUE;

      if (type == wkbPolygon)
        ok = add_polygon (r, parsed, builder, geometry, n_polygons++, error);
      else
        for (int k = 0; ok && k < OGR_G_GetGeometryCount (geometry); k++)
          {
            OGRGeometryH part = OGR_G_GetGeometryRef (geometry, k);

            if (wkbFlatten (OGR_G_GetGeometryType (part)) == wkbPolygon)
              ok = add_polygon (r, parsed, builder, part, n_polygons++, error);
          }

      if (!ok)
        {
          if (error != NULL && *error != NULL && layer->check_fit)
            {
              g_autofree char *message = (*error)->message;

              (*error)->message = g_strdup_printf (_("%s (layer “%s” has no coordinate system; "
                                                     "its coordinates are not longitudes and "
                                                     "latitudes)"),
                                                   message, layer->name);
            }
          g_clear_pointer (&linear, OGR_G_DestroyGeometry);
          frontline_parsed_feature_free (parsed);
          return NULL;
        }

      if (n_polygons > 0)
        {
          /* Checked, repaired and measured by the workers. */
          *pending = g_steal_pointer (&builder);
          *multi = type != wkbPolygon;
          g_clear_pointer (&linear, OGR_G_DestroyGeometry);
          return parsed;
        }
    }

  /* Not an area: kept as GeoJSON for saving; points may be places. */
  {
    char *json = OGR_G_ExportToJson (geometry);
    g_autoptr(JsonParser) parser = json_parser_new_immutable ();

    if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL) &&
        json_parser_get_root (parser) != NULL)
      json_object_set_member (parsed->feature, "geometry",
                              json_node_copy (json_parser_get_root (parser)));
    CPLFree (json);
  }

  if (type == wkbPoint)
    {
      JsonObject *properties = json_object_get_object_member (parsed->feature, "properties");

      parsed->lon = OGR_G_GetX (geometry, 0);
      parsed->lat = OGR_G_GetY (geometry, 0);
      if (isfinite (parsed->lon) && isfinite (parsed->lat) &&
          fabs (parsed->lon) <= 180.0 && fabs (parsed->lat) <= 90.0 &&
          g_strcmp0 (frontline_loader_get_string_member (properties, "kind"), "place") == 0 &&
          frontline_loader_get_string_member (properties, "name") != NULL)
        parsed->is_place = TRUE;
    }

  g_clear_pointer (&linear, OGR_G_DestroyGeometry);
  return parsed;
}

/* Frontline's own document in a GeoPackage: read as a GeoJSON root. */
static gboolean
read_document (FrontlineLoaderBuilder  *b,
               OGRLayerH                layer,
               const char              *name,
               GError                 **error)
{
  int index = OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), "document");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  OGRFeatureH feature;
  JsonNode *root;
  gboolean ok;

  OGR_L_ResetReading (layer);
  feature = OGR_L_GetNextFeature (layer);
  if (feature == NULL || index < 0 || !OGR_F_IsFieldSetAndNotNull (feature, index))
    {
      if (feature != NULL)
        OGR_F_Destroy (feature);
      return TRUE;
    }

  ok = json_parser_load_from_data (parser, OGR_F_GetFieldAsString (feature, index), -1,
                                   &local_error);
  OGR_F_Destroy (feature);
  root = ok ? json_parser_get_root (parser) : NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_STRUCTURE,
                   _("%s: table “frontline_document”: the document is not a JSON object (%s)"),
                   name, local_error ? local_error->message : _("not an object"));
      return FALSE;
    }

  if (!json_object_has_member (json_node_get_object (root), "type"))
    json_object_set_string_member (json_node_get_object (root), "type", "FeatureCollection");
  if (!frontline_metadata_reader_read_root (b, json_node_get_object (root), error))
    return FALSE;

  if (b->dataset->root == NULL)
    {
      b->dataset->root = json_object_ref (json_node_get_object (root));
      json_object_remove_member (b->dataset->root, "features");
    }

  return TRUE;
}

/* Finds the layers to read, with their mappings and transforms. */
static GArray *
prepare_layers (GDALDatasetH           ds,
                const char            *name,
                FrontlineLoadOptions  *options,
                FrontlineDataset      *dataset,
                OGRLayerH             *document,
                FrontlineGdalErrors   *messages,
                GError               **error)
{
  g_autoptr(GArray) layers = g_array_new (FALSE, TRUE, sizeof (Layer));
  g_autoptr(GArray) unmapped = g_array_new (FALSE, FALSE, sizeof (int));
  const char *driver = GDALGetDriverShortName (GDALGetDatasetDriver (ds));
  gboolean kml = g_strcmp0 (driver, "LIBKML") == 0;
  double bbox_values[4];
  const double *bbox = NULL;
  int n = GDALDatasetGetLayerCount (ds);

  g_array_set_clear_func (layers, (GDestroyNotify) layer_clear);
  if (frontline_load_options_get_bbox (options, bbox_values))
    bbox = bbox_values;

  *document = GDALDatasetGetLayerByName (ds, "frontline_document");
  if (g_strcmp0 (driver, "GPKG") != 0)
    *document = NULL;

  for (int i = 0; i < n; i++)
    {
      OGRLayerH handle = GDALDatasetGetLayer (ds, i);
      OGRFeatureDefnH defn = OGR_L_GetLayerDefn (handle);
      Layer layer = { 0 };
      GError *local_error = NULL;
      gboolean frontline_features;

      if (handle == *document)
        continue;

      layer.layer = handle;
      layer.name = g_utf8_make_valid (OGR_L_GetName (handle), -1);
      layer.kml = kml;
      layer.date_index = layer.end_index = layer.faction_index = layer.status_index = -1;
      layer.properties_index = layer.id_index = layer.end_inferred_index = -1;
      for (guint k = 0; k < G_N_ELEMENTS (layer.date_alternatives); k++)
        layer.date_alternatives[k] = layer.end_alternatives[k] = -1;
      frontline_features = *document != NULL && g_strcmp0 (layer.name, "features") == 0;

      if (kml && g_strcmp0 (layer.name, "Quotes") == 0)
        {
          layer_clear (&layer);
          continue;
        }

      if (!frontline_features && !layer_has_polygons (handle))
        {
          frontline_dataset_add_diagnostic (dataset, "/",
                                            _("layer “%s” has no polygons; not read"), layer.name);
          layer_clear (&layer);
          continue;
        }

      if (!frontline_features && !layer_prepare_mapping (&layer, options, name, &local_error))
        {
          layer_clear (&layer);
          /* Every layer that needs a mapping is named at once. */
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return NULL;
            }
          g_array_append_val (unmapped, i);
          continue;
        }
      layer.frontline_features = frontline_features;

      if (*document != NULL)
        {
          int index = OGR_FD_GetFieldIndex (defn, "properties");
          int id = OGR_FD_GetFieldIndex (defn, "feature_id");

          if (index >= 0 && OGR_Fld_GetType (OGR_FD_GetFieldDefn (defn, index)) == OFTString)
            layer.properties_index = index;
          if (id >= 0 && OGR_Fld_GetType (OGR_FD_GetFieldDefn (defn, id)) == OFTString)
            layer.id_index = id;
        }
      if (kml)
        layer.end_inferred_index = OGR_FD_GetFieldIndex (defn, "end_inferred");

      if (!layer_prepare_srs (&layer, name, bbox, messages, error))
        {
          layer_clear (&layer);
          return NULL;
        }
      layer.n_features = OGR_L_GetFeatureCount (handle, FALSE);
      g_array_append_val (layers, layer);
    }

  if (unmapped->len > 0)
    {
      frontline_ogr_set_mapping_error (error, ds, name, unmapped);
      return NULL;
    }

  return g_steal_pointer (&layers);
}

/* Progress */

/* Whether descriptor @fd (a name in /proc/self/fd) is open on @file. */
static gboolean
fd_is_file (const char *fd,
            GStatBuf   *file)
{
  g_autofree char *link = g_build_filename ("/proc/self/fd", fd, NULL);
  GStatBuf buf;

  return g_stat (link, &buf) == 0 && buf.st_dev == file->st_dev && buf.st_ino == file->st_ino;
}

/* The descriptor GDAL reads @file through, or -1: GDAL's C API does not
 * say how far a driver has read, the kernel does (Linux). */
static int
find_reading_fd (GStatBuf *file)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *entry;
  int found = -1;

  while (dir != NULL && found < 0 && (entry = g_dir_read_name (dir)) != NULL)
    if (fd_is_file (entry, file))
      found = atoi (entry);

  return found;
}

/* How far descriptor @fd has read, if it still is @file's; else -1. */
static gint64
reading_offset (int       fd,
                GStatBuf *file)
{
  char name[16];
  g_autofree char *info_path = NULL;
  g_autofree char *info = NULL;
  const char *pos;

  g_snprintf (name, sizeof name, "%d", fd);
  if (!fd_is_file (name, file))
    return -1;
  info_path = g_strdup_printf ("/proc/self/fdinfo/%d", fd);
  if (!g_file_get_contents (info_path, &info, NULL, NULL) || (pos = strstr (info, "pos:")) == NULL)
    return -1;
  return g_ascii_strtoll (pos + 4, NULL, 10);
}

/* The fraction done, never backwards, never above 1: each layer's share is
 * its feature count; a layer that does not know its count weighs as much as
 * the average one that does, and is read by the bytes GDAL has read of the
 * file, else in one step at its end. */
typedef struct {
  FrontlineProgressFunc  func;
  gpointer               data;
  double                 total;     /* the layers' weights */
  double                 base;      /* the weights of the layers read */
  double                 reported;
  GStatBuf               file;      /* the file's identity and size (st_size 0: unknown) */
  int                    fd;        /* the current layer's descriptor, or -1 */
} Progress;

static double
layer_weight (GArray *layers,
              guint   i)
{
  double known = 0.0;
  guint n_known = 0;
  gint64 n = g_array_index (layers, Layer, i).n_features;

  if (n >= 0)
    return (double) n;
  for (guint k = 0; k < layers->len; k++)
    if (g_array_index (layers, Layer, k).n_features > 0)
      {
        known += (double) g_array_index (layers, Layer, k).n_features;
        n_known++;
      }

  return n_known > 0 ? known / n_known : 1.0;
}

static void
progress_report (Progress *p,
                 double    fraction)
{
  if (p->func == NULL || !(fraction > p->reported))
    return;
  p->reported = MIN (fraction, 1.0);
  p->func (p->reported, p->data);
}

/* @done features of layer @i read. */
static void
progress_layer (Progress *p,
                GArray   *layers,
                guint     i,
                gint64    done)
{
  Layer *layer = &g_array_index (layers, Layer, i);
  double within = 0.0;

  if (p->func == NULL || p->total <= 0.0)
    return;

  if (layer->n_features > 0)
    {
      if (done % MAX (1, MIN (64, layer->n_features / 100)) != 0)
        return;
      within = (double) MIN (done, layer->n_features) / layer->n_features;
    }
  else if (layer->n_features < 0 && p->fd >= 0 && p->file.st_size > 0 && done % 16 == 0)
    {
      gint64 offset = reading_offset (p->fd, &p->file);

      /* GDAL reads ahead: the end of the file is not the end of the layer. */
      if (offset > 0)
        within = MIN ((double) offset / p->file.st_size, 0.99);
    }
  else
    return;

  progress_report (p, MIN ((p->base + layer_weight (layers, i) * within) / p->total, 1.0));
}

/* Features read, waiting for their areas to be finished in parallel and
 * added in order. */
typedef struct {
  FrontlineParsedFeature   *parsed;
  FrontlineGeometryBuilder *builder;  /* NULL: nothing to finish */
  gboolean                  multi;
} Pending;

#define BATCH_FEATURES 256
#define BATCH_POINTS (1024 * 1024)
#define MAX_WORKERS 4

typedef struct {
  GArray       *batch;
  gint          next;  /* atomic */
  GCancellable *cancellable;
} Batch;

static gpointer
finish_batch_worker (gpointer data)
{
  Batch *batch = data;
  gint i;

  while ((i = g_atomic_int_add (&batch->next, 1)) < (gint) batch->batch->len)
    {
      Pending *pending = &g_array_index (batch->batch, Pending, i);

      if (pending->builder != NULL)
        frontline_feature_reader_finish_area (pending->parsed, g_steal_pointer (&pending->builder),
                                              pending->multi, batch->cancellable);
    }

  return NULL;
}

/* Finishes the batch's areas in worker threads, then adds every feature in
 * order. */
static gboolean
flush_batch (FrontlineLoaderBuilder  *b,
             GArray                  *pending,
             guint                    n_areas,
             GCancellable            *cancellable,
             GError                 **error)
{
  Batch batch = { pending, 0, cancellable };
  GThread *threads[MAX_WORKERS] = { NULL };
  guint n_threads = CLAMP (MIN ((guint) g_get_num_processors (), n_areas), 1, MAX_WORKERS);
  gboolean ok = TRUE;

  for (guint t = 1; t < n_threads; t++)
    threads[t] = g_thread_new ("frontline-ogr", finish_batch_worker, &batch);
  finish_batch_worker (&batch);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);

  for (guint i = 0; i < pending->len; i++)
    {
      Pending *item = &g_array_index (pending, Pending, i);

      if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      if (ok)
        ok = frontline_feature_reader_add (b, item->parsed, b->dataset->features->len, error);
    }
  g_array_set_size (pending, 0);

  return ok;
}

static void
pending_clear (gpointer data)
{
  Pending *pending = data;

  g_clear_pointer (&pending->parsed, frontline_parsed_feature_free);
  g_clear_pointer (&pending->builder, frontline_geometry_builder_free);
}

gboolean
frontline_ogr_reader_load_into (FrontlineLoaderBuilder  *b,
                                GFile                   *file,
                                FrontlineLoadOptions    *options,
                                GCancellable            *cancellable,
                                FrontlineProgressFunc    progress,
                                gpointer                 progress_data,
                                GError                 **error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GArray) layers = NULL;
  FrontlineGdalErrors *messages;
  Reading r = { b, name, cancellable, NULL, NULL, 0, 0 };
  OGRLayerH document = NULL;
  GDALDatasetH ds;
  g_autoptr(GArray) pending = g_array_new (FALSE, TRUE, sizeof (Pending));
  Progress p = { progress, progress_data, 0.0, 0.0, 0.0, { 0 }, -1 };
  guint n_areas = 0;
  gboolean ok = TRUE;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s: only local files can be read in this format"), name);
      return FALSE;
    }

  g_array_set_clear_func (pending, pending_clear);
  b->file = name;
  messages = frontline_gdal_errors_push ();

  ds = frontline_ogr_open_dataset (path, name, messages, error);
  if (ds == NULL)
    {
      frontline_gdal_errors_pop (messages);
      b->file = NULL;
      return FALSE;
    }

  layers = prepare_layers (ds, name, options, b->dataset, &document, messages, error);
  if (layers == NULL)
    ok = FALSE;

  if (ok && document != NULL)
    ok = read_document (b, document, name, error);

  for (guint i = 0; layers != NULL && i < layers->len; i++)
    p.total += layer_weight (layers, i);
  if (progress != NULL && g_stat (path, &p.file) != 0)
    p.file.st_size = 0;

  for (guint i = 0; ok && i < layers->len; i++)
    {
      Layer *layer = &g_array_index (layers, Layer, i);
      OGRFeatureH feature;
      gint64 done = 0;

      OGR_L_ResetReading (layer->layer);
      p.fd = -1;
      if (progress != NULL && layer->n_features < 0 && p.file.st_size > 0)
        p.fd = find_reading_fd (&p.file);
      while (ok && (feature = OGR_L_GetNextFeature (layer->layer)) != NULL)
        {
          Pending item = { NULL, NULL, FALSE };
          GError *feature_error = NULL;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              OGR_F_Destroy (feature);
              ok = FALSE;
              break;
            }

          item.parsed = read_feature (&r, layer, feature, &item.builder, &item.multi,
                                      &feature_error);
          OGR_F_Destroy (feature);
          if (item.parsed == NULL)
            {
              /* The features before it fail first, in file order. */
              if (flush_batch (b, pending, n_areas, cancellable, error))
                g_propagate_error (error, g_steal_pointer (&feature_error));
              g_clear_error (&feature_error);
              ok = FALSE;
              break;
            }
          if (item.builder != NULL)
            n_areas++;
          g_array_append_val (pending, item);
          if (pending->len >= BATCH_FEATURES || r.points >= BATCH_POINTS)
            {
              ok = flush_batch (b, pending, n_areas, cancellable, error);
              n_areas = 0;
              r.points = 0;
            }

          done++;
          progress_layer (&p, layers, i, done);
        }
      if (ok)
        ok = flush_batch (b, pending, n_areas, cancellable, error);
      n_areas = 0;
      r.points = 0;

      /* A read that failed in GDAL, not at the end of the layer. */
      if (ok && frontline_gdal_errors_any (messages))
        {
          g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_FORMAT,
                       _("%s: layer “%s” could not be read to its end"), name, layer->name);
          add_gdal_words (error, messages);
          ok = FALSE;
        }
      p.base += layer_weight (layers, i);
      if (ok && p.total > 0.0)
        progress_report (&p, MIN (p.base / p.total, 1.0));
    }
  if (ok)
    progress_report (&p, 1.0);

  if (!ok)
    add_gdal_words (error, messages);
  /* Names from the file are in the messages: never let one break UTF-8. */
  if (!ok && error != NULL && *error != NULL && !g_utf8_validate ((*error)->message, -1, NULL))
    {
      char *valid = g_utf8_make_valid ((*error)->message, -1);

      g_free ((*error)->message);
      (*error)->message = valid;
    }

  GDALClose (ds);
  frontline_gdal_errors_pop (messages);
  g_free (r.x);
  g_free (r.y);
  b->file = NULL;

  return ok;
}
