/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-ogr-writer"

#include "config.h"

#include "frontline-dataset-save.h"
#include "frontline-model-private.h"
#include "frontline-ogr-writer-private.h"

/* GeoPackage. */

static char *
node_to_json (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  frontline_json_append_node (out, node);
  return g_string_free (out, FALSE);
}

static JsonObject *
feature_properties (JsonObject *feature)
{
  JsonNode *node = json_object_get_member (feature, "properties");

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
is_reserved_column (const char *name)
{
  static const char * const reserved[] = {
    "date", "valid_until", "faction", "status", "feature_id", "properties", "fid", "geom", NULL
  };

  for (guint i = 0; reserved[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, reserved[i]) == 0)
      return TRUE;
  return name[0] == '\0';
}

static OGRFieldType
scalar_type (JsonNode        *node,
             OGRFieldSubType *subtype)
{
  GType type;

  *subtype = OFSTNone;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return (OGRFieldType) -1;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return OFTString;
  if (type == G_TYPE_INT64)
    return OFTInteger64;
  if (type == G_TYPE_DOUBLE)
    return OFTReal;
  if (type == G_TYPE_BOOLEAN)
    {
      *subtype = OFSTBoolean;
      return OFTInteger;
    }
  return (OGRFieldType) -1;
}

/* The scalar properties every area written has, with the same type in each:
 * plain columns for QGIS users. Names, in the first area's order. */
static GPtrArray *
uniform_columns (FrontlineOgrWriter *w)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  GArray *types = NULL;
  gboolean first = TRUE;

  for (guint i = 0; i < w->ds->features->len; i++)
    {
      FrontlineArea *area = g_ptr_array_index (w->ds->feature_areas, i);
      JsonObject *props;

      if (area == NULL || !frontline_ogr_area_wanted (w, area))
        continue;
      props = feature_properties (g_ptr_array_index (w->ds->features, i));
      if (first)
        {
          JsonObjectIter iter;
          const char *name;
          JsonNode *value;

          first = FALSE;
          types = g_array_new (FALSE, FALSE, sizeof (int));
          if (props == NULL)
            break;
          json_object_iter_init_ordered (&iter, props);
          while (json_object_iter_next_ordered (&iter, &name, &value))
            {
              OGRFieldSubType subtype;
              int type = (int) scalar_type (value, &subtype) * 16 + (int) subtype;

              gboolean taken = FALSE;

              /* Column names are case-insensitive in SQLite. */
              for (guint c = 0; c < names->len; c++)
                taken |= g_ascii_strcasecmp (name, g_ptr_array_index (names, c)) == 0;
              if (taken || is_reserved_column (name) || (int) scalar_type (value, &subtype) < 0)
                continue;
              g_ptr_array_add (names, g_strdup (name));
              g_array_append_val (types, type);
            }
          continue;
        }

      for (guint c = names->len; c-- > 0;)
        {
          JsonNode *value = props ? json_object_get_member (props, g_ptr_array_index (names, c))
                                  : NULL;
          OGRFieldSubType subtype;
          int type = (int) scalar_type (value, &subtype) * 16 + (int) subtype;

          if (type != g_array_index (types, int, c))
            {
              g_ptr_array_remove_index (names, c);
              g_array_remove_index (types, c);
            }
        }
    }

  if (types != NULL)
    g_array_unref (types);
  return names;
}

static void
set_scalar (OGRFeatureH  feature,
            const char  *name,
            JsonNode    *value)
{
  int i = frontline_ogr_field_index (feature, name);
  GType type;

  if (i < 0 || value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return;
  type = json_node_get_value_type (value);
  if (type == G_TYPE_STRING)
    OGR_F_SetFieldString (feature, i, json_node_get_string (value));
  else if (type == G_TYPE_INT64)
    OGR_F_SetFieldInteger64 (feature, i, json_node_get_int (value));
  else if (type == G_TYPE_DOUBLE)
    OGR_F_SetFieldDouble (feature, i, json_node_get_double (value));
  else if (type == G_TYPE_BOOLEAN)
    OGR_F_SetFieldInteger (feature, i, json_node_get_boolean (value));
}

static void
set_json_fields (OGRFeatureH  feature,
                 JsonObject  *object)
{
  JsonNode *id = json_object_get_member (object, "id");
  JsonNode *props = json_object_get_member (object, "properties");

  if (id != NULL && !JSON_NODE_HOLDS_NULL (id))
    {
      g_autofree char *text = node_to_json (id);

      frontline_ogr_set_string (feature, "feature_id", text);
    }
  if (props != NULL)
    {
      g_autofree char *text = node_to_json (props);

      frontline_ogr_set_string (feature, "properties", text);
    }
}

static gboolean
write_gpkg_layers (FrontlineOgrWriter *w,
                   GDALDatasetH        out)
{
  const char *areas_options[] = { "SPATIAL_INDEX=YES", "GEOMETRY_NAME=geom", "FID=fid", NULL };
  const char *plain_options[] = { "FID=fid", NULL };
  g_autoptr(GPtrArray) columns = uniform_columns (w);
  OGRLayerH areas, others, document;
  int area_number = 0, other_number = 0;

  areas = GDALDatasetCreateLayer (out, "areas", w->srs, wkbMultiPolygon, (char **) areas_options);
  if (areas == NULL)
    {
      frontline_ogr_writer_fail (w, "areas", -1, "the layer could not be made");
      return FALSE;
    }
  if (!frontline_ogr_add_field (w, areas, "date", OFTDate, OFSTNone, 0) ||
      !frontline_ogr_add_field (w, areas, "valid_until", OFTDate, OFSTNone, 0) ||
      !frontline_ogr_add_field (w, areas, "faction", OFTString, OFSTNone, 0) ||
      !frontline_ogr_add_field (w, areas, "status", OFTString, OFSTNone, 0) ||
      !frontline_ogr_add_field (w, areas, "feature_id", OFTString, OFSTJSON, 0) ||
      !frontline_ogr_add_field (w, areas, "properties", OFTString, OFSTJSON, 0))
    return FALSE;

  /* The types of the uniform columns, from the first area that has them. */
  for (guint c = 0; c < columns->len; c++)
    for (guint i = 0; i < w->ds->features->len; i++)
      {
        FrontlineArea *area = g_ptr_array_index (w->ds->feature_areas, i);
        JsonObject *props;
        OGRFieldSubType subtype;
        OGRFieldType type;

        if (area == NULL || !frontline_ogr_area_wanted (w, area))
          continue;
        props = feature_properties (g_ptr_array_index (w->ds->features, i));
        type = scalar_type (json_object_get_member (props, g_ptr_array_index (columns, c)),
                            &subtype);
        if (!frontline_ogr_add_field (w, areas, g_ptr_array_index (columns, c), type, subtype, 0))
          return FALSE;
        break;
      }

  others = GDALDatasetCreateLayer (out, "features", w->srs, wkbUnknown, (char **) plain_options);
  if (others == NULL)
    {
      frontline_ogr_writer_fail (w, "features", -1, "the layer could not be made");
      return FALSE;
    }
  if (!frontline_ogr_add_field (w, others, "feature_id", OFTString, OFSTJSON, 0) ||
      !frontline_ogr_add_field (w, others, "properties", OFTString, OFSTJSON, 0))
    return FALSE;

  document = GDALDatasetCreateLayer (out, "frontline_document", NULL, wkbNone,
                                     (char **) plain_options);
  if (document == NULL)
    {
      frontline_ogr_writer_fail (w, "frontline_document", -1, "the table could not be made");
      return FALSE;
    }
  if (!frontline_ogr_add_field (w, document, "document", OFTString, OFSTJSON, 0))
    return FALSE;

  {
    g_autofree char *text = frontline_dataset_format_document (w->ds, w->stops);
    OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (document));
    gboolean ok;

    OGR_F_SetFieldString (feature, 0, text);
    ok = frontline_ogr_create_feature (w, document, feature, 1);
    OGR_F_Destroy (feature);
    if (!ok)
      return FALSE;
  }

  for (guint i = 0; i < w->ds->features->len; i++)
    {
      JsonObject *object = g_ptr_array_index (w->ds->features, i);
      FrontlineArea *area = g_ptr_array_index (w->ds->feature_areas, i);
      OGRLayerH layer = area != NULL ? areas : others;
      OGRFeatureH feature;
      OGRGeometryH geometry = NULL;
      gboolean ok;

      if (area != NULL && !frontline_ogr_area_wanted (w, area))
        continue;

      feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      set_json_fields (feature, object);
      if (area != NULL)
        {
          JsonObject *props = feature_properties (object);

          frontline_ogr_set_date (feature, "date", area->day);
          frontline_ogr_set_date (feature, "valid_until", area->valid_until);
          frontline_ogr_set_string (feature, "faction", frontline_faction_get_id (area->faction));
          frontline_ogr_set_string (feature, "status", frontline_status_to_string (area->status));
          for (guint c = 0; c < columns->len && props != NULL; c++)
            set_scalar (feature, g_ptr_array_index (columns, c),
                        json_object_get_member (props, g_ptr_array_index (columns, c)));
          geometry = frontline_ogr_area_geometry (area);
        }
      else
        {
          JsonNode *node = json_object_get_member (object, "geometry");

          if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
            {
              g_autofree char *text = node_to_json (node);

              geometry = OGR_G_CreateGeometryFromJson (text);
              frontline_gdal_errors_clear (w->errors);  /* a geometry GDAL cannot take */
            }
        }
      if (geometry != NULL)
        OGR_F_SetGeometryDirectly (feature, geometry);

      ok = frontline_ogr_create_feature (w, layer, feature,
                                         area != NULL ? ++area_number : ++other_number);
      OGR_F_Destroy (feature);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

gboolean
frontline_ogr_write_gpkg (FrontlineOgrWriter *w,
                          GDALDatasetH        out)
{
  /* FRONTLINE_GPKG_NO_TRANSACTION (any value): no explicit transaction, for
   * tests/bench/bench-formats to compare; not for users. */
  gboolean transaction = g_getenv ("FRONTLINE_GPKG_NO_TRANSACTION") == NULL;
  OGRLayerH result;

  if (transaction && GDALDatasetStartTransaction (out, FALSE) != OGRERR_NONE)
    {
      frontline_ogr_writer_fail (w, NULL, -1, "could not start a transaction");
      return FALSE;
    }

  if (!write_gpkg_layers (w, out))
    {
      if (transaction)
        GDALDatasetRollbackTransaction (out);
      return FALSE;
    }

  if (transaction && GDALDatasetCommitTransaction (out) != OGRERR_NONE)
    {
      frontline_ogr_writer_fail (w, NULL, -1, "could not commit the transaction");
      return FALSE;
    }

  result = GDALDatasetExecuteSQL (out, "CREATE INDEX areas_date ON areas(date)", NULL, NULL);
  if (result != NULL)
    GDALDatasetReleaseResultSet (out, result);
  if (frontline_gdal_errors_any (w->errors))
    {
      frontline_ogr_writer_fail (w, "areas", -1, "could not index the dates");
      return FALSE;
    }
  return TRUE;
}

