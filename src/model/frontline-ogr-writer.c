/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-ogr-writer"

#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* O_CLOEXEC under -std=c17 */
#endif

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* GDAL's headers test compiler macros they may not define (-Wundef). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wundef"
#include <cpl_string.h>
#include <cpl_vsi.h>
#pragma GCC diagnostic pop

#include "frontline-dataset-save.h"
#include "frontline-gdal.h"
#include "frontline-model-private.h"
#include "frontline-ogr-writer.h"
#include "frontline-ogr-writer-private.h"
#include "frontline-safe-file.h"

/* Writing through GDAL: the driver writes into a new temporary folder in the
 * target's folder (".NAME.XXXXXX/NAME", and a shapefile's other parts beside
 * it), every file there is synced, then each is renamed into place and the
 * temporary folder removed. Any error or a cancel removes the temporary
 * folder: no file and no temporary file is left behind, and an existing
 * target is as it was. Formats:
 *
 * GeoPackage: the contract in notes (layer "areas", layer "features", table
 * "frontline_document"), written in one transaction, then the areas_date
 * index. Nothing is lost: the properties and the root object are kept as
 * JSON text.
 *
 * KML (LIBKML): a layer per side, a style per side, begin/end as ISO text
 * (an end inferred from the next assessment is marked "end_inferred"), the
 * Quotes layer. Lost: properties other than those listed, non-area features,
 * stops. The ExtendedData fields are written as <Data> (LIBKML_USE_SIMPLEFIELD
 * set to NO for this thread while writing), not as <SchemaData><SimpleData>:
 * GDAL 3.6's LIBKML driver, when it closes, removes a newline after each
 * <SimpleData ...> by copying the whole serialized file once per SimpleData,
 * which is quadratic in the file's size (400 areas of 20 000 points did not
 * finish in 10 minutes; with <Data> the write is linear: about 2 s of CPU
 * for 50 of them). GDAL's LIBKML reader reads <Data> into the same fields,
 * but a layer has only the fields some placemark of it has (with a schema,
 * every field): a side none of whose areas has an inferred end has no
 * "end_inferred" field, which reads the same as one never set.
 *
 * Shapefile: the areas only, with date, valid_to (the end: "valid_until" is
 * longer than a shapefile's ten characters), faction, status, source (the
 * source ids joined with "; ") and note. Lost: the "frontline" member
 * (factions' names and colours, sources, quotes, stops), every other
 * property, feature ids and the features that are not areas. */

typedef enum {
  FORMAT_GPKG,
  FORMAT_KML,
  FORMAT_SHP,
} Format;

static const char * const write_suffixes[] = { "gpkg", "kml", "kmz", "shp", NULL };

static gboolean
suffix_format (GFile  *file,
               Format *format)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name ? g_ascii_strdown (name, -1) : NULL;

  if (lower == NULL)
    return FALSE;
  if (g_str_has_suffix (lower, ".gpkg"))
    *format = FORMAT_GPKG;
  else if (g_str_has_suffix (lower, ".kml") || g_str_has_suffix (lower, ".kmz"))
    *format = FORMAT_KML;
  else if (g_str_has_suffix (lower, ".shp"))
    *format = FORMAT_SHP;
  else
    return FALSE;
  return TRUE;
}

gboolean
frontline_ogr_can_write (GFile *file)
{
  Format format;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return suffix_format (file, &format);
}

const char * const *
frontline_ogr_write_suffixes (void)
{
  return write_suffixes;
}

/* The output as it is being written. */

typedef struct {
  FrontlineDataset      *ds;
  Format                 format;
  char                  *display;      /* the target as the user named it */
  char                  *target;       /* its path */
  char                  *temp_folder;  /* NULL once removed */
  char                  *temp;         /* the file GDAL writes */
  const char            *stops;        /* JSON text of the stops as they are */
  GHashTable            *active;       /* areas that hold on the day, or NULL: all */
  FrontlineDay           day;          /* that day, or FRONTLINE_DAY_NONE */
  GCancellable          *cancellable;
  FrontlineProgressFunc  progress;
  gpointer               progress_data;
  guint                  done;
  guint                  written;      /* features written */
  guint                  total;
  FrontlineGdalErrors   *errors;
  GError                *error;        /* the first error */
  OGRSpatialReferenceH   srs;
} Writer;

static void
writer_fail (Writer     *w,
             const char *layer,
             int         feature,
             const char *what)
{
  const char *detail;

  if (w->error != NULL)
    return;

  detail = frontline_gdal_errors_peek_first (w->errors);
  if (detail == NULL)
    detail = what;
  if (layer != NULL && feature >= 0)
    /* Translators: “file”, layer “areas”, feature 12: what went wrong */
    g_set_error (&w->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Could not write “%s”, layer “%s”, feature %d: %s"),
                 w->display, layer, feature, detail);
  else if (layer != NULL)
    g_set_error (&w->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Could not write “%s”, layer “%s”: %s"), w->display, layer, detail);
  else
    g_set_error (&w->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Could not write “%s”: %s"), w->display, detail);
}

/* One feature done: progress, and whether to go on. */
static gboolean
writer_step (Writer *w)
{
  if (w->error != NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (w->cancellable, &w->error))
    return FALSE;
  w->done++;
  if (w->progress != NULL && w->total > 0)
    w->progress (0.95 * w->done / w->total, w->progress_data);
  return TRUE;
}

static gboolean
area_wanted (Writer        *w,
             FrontlineArea *area)
{
  return w->active == NULL || g_hash_table_contains (w->active, area);
}

static void
remove_temp_folder (Writer *w)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (w->temp_folder == NULL)
    return;

  dir = g_dir_open (w->temp_folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (w->temp_folder, name, NULL);

      g_unlink (path);
    }
  g_rmdir (w->temp_folder);
  g_clear_pointer (&w->temp_folder, g_free);
}

/* The names a shapefile writes beside its .shp. */
static const char * const shp_parts[] = { ".shp", ".shx", ".dbf", ".prj", ".cpg", NULL };


/* @path with its last four characters (".shp") replaced by @suffix. */
static char *
shp_part (const char *shp_path,
          const char *suffix)
{
  g_autofree char *stem = g_strndup (shp_path, strlen (shp_path) - 4);

  return g_strconcat (stem, suffix, NULL);
}

/* The files to move: (temporary, final) pairs. */
static GPtrArray *
writer_outputs (Writer *w)
{
  GPtrArray *pairs = g_ptr_array_new_with_free_func (g_free);

  if (w->format != FORMAT_SHP)
    {
      g_ptr_array_add (pairs, g_strdup (w->temp));
      g_ptr_array_add (pairs, g_strdup (w->target));
      return pairs;
    }

  for (guint i = 0; shp_parts[i] != NULL; i++)
    {
      g_autofree char *from = shp_part (w->temp, shp_parts[i]);

      if (!g_file_test (from, G_FILE_TEST_EXISTS))
        continue;
      g_ptr_array_add (pairs, g_steal_pointer (&from));
      g_ptr_array_add (pairs, shp_part (w->target, shp_parts[i]));
    }
  return pairs;
}

/* Everything GDAL wrote, synced, then renamed into place. */
static gboolean
writer_commit (Writer   *w,
               gboolean  replace)
{
  g_autoptr(GPtrArray) pairs = writer_outputs (w);
  g_autofree char *folder = g_path_get_dirname (w->target);

  if (pairs->len == 0)
    {
      writer_fail (w, NULL, -1, g_strerror (ENOENT));
      return FALSE;
    }

  for (guint i = 0; i < pairs->len; i += 2)
    if (!frontline_sync_path (g_ptr_array_index (pairs, i), FALSE))
      {
        frontline_set_write_error (&w->error, w->display, errno);
        return FALSE;
      }

  if (g_cancellable_set_error_if_cancelled (w->cancellable, &w->error))
    return FALSE;

  for (guint i = 0; i < pairs->len; i += 2)
    {
      const char *from = g_ptr_array_index (pairs, i);
      const char *to = g_ptr_array_index (pairs, i + 1);

      if ((replace ? g_rename (from, to) : frontline_rename_noreplace (from, to)) != 0)
        {
          if (errno == EEXIST)
            frontline_set_exists_error (&w->error, w->display);
          else
            frontline_set_write_error (&w->error, w->display, errno);
          /* Parts already moved of a shapefile never written before go too. */
          for (guint j = 0; j < i && !replace; j += 2)
            g_unlink (g_ptr_array_index (pairs, j + 1));
          return FALSE;
        }
    }

  remove_temp_folder (w);
  frontline_sync_path (folder, TRUE);
  return TRUE;
}

/* Geometry. */

static OGRGeometryH
make_multipolygon (const FrontlineGeometry *g)
{
  OGRGeometryH multi = OGR_G_CreateGeometry (wkbMultiPolygon);

  for (guint p = 0; p < g->n_polygons; p++)
    {
      OGRGeometryH polygon = OGR_G_CreateGeometry (wkbPolygon);

      for (guint r = g->polygons[p]; r < g->polygons[p + 1]; r++)
        {
          OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);
          guint first = g->rings[r];
          int n = (int) (g->rings[r + 1] - first);

          OGR_G_SetPoints (ring, n, g->coords + 2 * first, 2 * sizeof (double),
                           g->coords + 2 * first + 1, 2 * sizeof (double), NULL, 0);
          OGR_G_AddGeometryDirectly (polygon, ring);
        }
      OGR_G_AddGeometryDirectly (multi, polygon);
    }
  return multi;
}

static OGRGeometryH
area_geometry (FrontlineArea *area)
{
  return make_multipolygon (area->original_geometry ? area->original_geometry : area->geometry);
}

/* Fields. */

static char *
node_to_json (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  frontline_json_append_node (out, node);
  return g_string_free (out, FALSE);
}

static gboolean
add_field (Writer       *w,
           OGRLayerH     layer,
           const char   *name,
           OGRFieldType  type,
           OGRFieldSubType subtype,
           int           width)
{
  OGRFieldDefnH field = OGR_Fld_Create (name, type);
  OGRErr err;

  OGR_Fld_SetSubType (field, subtype);
  if (width > 0)
    OGR_Fld_SetWidth (field, width);
  err = OGR_L_CreateField (layer, field, TRUE);
  OGR_Fld_Destroy (field);
  if (err != OGRERR_NONE)
    {
      writer_fail (w, OGR_L_GetName (layer), -1, "the field could not be made");
      return FALSE;
    }
  return TRUE;
}

static int
field_index (OGRFeatureH  feature,
             const char  *name)
{
  return OGR_F_GetFieldIndex (feature, name);
}

static void
set_string (OGRFeatureH  feature,
            const char  *name,
            const char  *value)
{
  int i = field_index (feature, name);

  if (i >= 0 && value != NULL)
    OGR_F_SetFieldString (feature, i, value);
}

static void
set_date (OGRFeatureH   feature,
          const char   *name,
          FrontlineDay  day)
{
  int i = field_index (feature, name);
  char buf[11];
  int y, m, d;

  if (i < 0 || day == FRONTLINE_DAY_NONE)
    return;
  frontline_day_format_buf (day, buf);
  if (sscanf (buf, "%d-%d-%d", &y, &m, &d) == 3)
    OGR_F_SetFieldDateTime (feature, i, y, m, d, 0, 0, 0, 0);
}

static char *
iso (FrontlineDay day)
{
  return day != FRONTLINE_DAY_NONE ? frontline_day_format (day) : NULL;
}

static char *
join_sources (FrontlineArea *area)
{
  if (area->source_ids == NULL || area->source_ids[0] == NULL)
    return NULL;
  return g_strjoinv ("; ", area->source_ids);
}

static gboolean
create_feature (Writer      *w,
                OGRLayerH    layer,
                OGRFeatureH  feature,
                int          number)
{
  if (OGR_L_CreateFeature (layer, feature) != OGRERR_NONE || frontline_gdal_errors_any (w->errors))
    {
      writer_fail (w, OGR_L_GetName (layer), number, "the feature could not be written");
      return FALSE;
    }
  w->written++;
  return writer_step (w);
}

/* GeoPackage. */

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
uniform_columns (Writer *w)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  GArray *types = NULL;
  gboolean first = TRUE;

  for (guint i = 0; i < w->ds->features->len; i++)
    {
      FrontlineArea *area = g_ptr_array_index (w->ds->feature_areas, i);
      JsonObject *props;

      if (area == NULL || !area_wanted (w, area))
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
  int i = field_index (feature, name);
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

      set_string (feature, "feature_id", text);
    }
  if (props != NULL)
    {
      g_autofree char *text = node_to_json (props);

      set_string (feature, "properties", text);
    }
}

static gboolean
write_gpkg_layers (Writer       *w,
                   GDALDatasetH  out)
{
  const char *areas_options[] = { "SPATIAL_INDEX=YES", "GEOMETRY_NAME=geom", "FID=fid", NULL };
  const char *plain_options[] = { "FID=fid", NULL };
  g_autoptr(GPtrArray) columns = uniform_columns (w);
  OGRLayerH areas, others, document;
  int area_number = 0, other_number = 0;

  areas = GDALDatasetCreateLayer (out, "areas", w->srs, wkbMultiPolygon, (char **) areas_options);
  if (areas == NULL)
    {
      writer_fail (w, "areas", -1, "the layer could not be made");
      return FALSE;
    }
  if (!add_field (w, areas, "date", OFTDate, OFSTNone, 0) ||
      !add_field (w, areas, "valid_until", OFTDate, OFSTNone, 0) ||
      !add_field (w, areas, "faction", OFTString, OFSTNone, 0) ||
      !add_field (w, areas, "status", OFTString, OFSTNone, 0) ||
      !add_field (w, areas, "feature_id", OFTString, OFSTJSON, 0) ||
      !add_field (w, areas, "properties", OFTString, OFSTJSON, 0))
    return FALSE;

  /* The types of the uniform columns, from the first area that has them. */
  for (guint c = 0; c < columns->len; c++)
    for (guint i = 0; i < w->ds->features->len; i++)
      {
        FrontlineArea *area = g_ptr_array_index (w->ds->feature_areas, i);
        JsonObject *props;
        OGRFieldSubType subtype;
        OGRFieldType type;

        if (area == NULL || !area_wanted (w, area))
          continue;
        props = feature_properties (g_ptr_array_index (w->ds->features, i));
        type = scalar_type (json_object_get_member (props, g_ptr_array_index (columns, c)),
                            &subtype);
        if (!add_field (w, areas, g_ptr_array_index (columns, c), type, subtype, 0))
          return FALSE;
        break;
      }

  others = GDALDatasetCreateLayer (out, "features", w->srs, wkbUnknown, (char **) plain_options);
  if (others == NULL)
    {
      writer_fail (w, "features", -1, "the layer could not be made");
      return FALSE;
    }
  if (!add_field (w, others, "feature_id", OFTString, OFSTJSON, 0) ||
      !add_field (w, others, "properties", OFTString, OFSTJSON, 0))
    return FALSE;

  document = GDALDatasetCreateLayer (out, "frontline_document", NULL, wkbNone,
                                     (char **) plain_options);
  if (document == NULL)
    {
      writer_fail (w, "frontline_document", -1, "the table could not be made");
      return FALSE;
    }
  if (!add_field (w, document, "document", OFTString, OFSTJSON, 0))
    return FALSE;

  {
    g_autofree char *text = frontline_dataset_format_document (w->ds, w->stops);
    OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (document));
    gboolean ok;

    OGR_F_SetFieldString (feature, 0, text);
    ok = create_feature (w, document, feature, 1);
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

      if (area != NULL && !area_wanted (w, area))
        continue;

      feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      set_json_fields (feature, object);
      if (area != NULL)
        {
          JsonObject *props = feature_properties (object);

          set_date (feature, "date", area->day);
          set_date (feature, "valid_until", area->valid_until);
          set_string (feature, "faction", frontline_faction_get_id (area->faction));
          set_string (feature, "status", frontline_status_to_string (area->status));
          for (guint c = 0; c < columns->len && props != NULL; c++)
            set_scalar (feature, g_ptr_array_index (columns, c),
                        json_object_get_member (props, g_ptr_array_index (columns, c)));
          geometry = area_geometry (area);
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

      ok = create_feature (w, layer, feature, area != NULL ? ++area_number : ++other_number);
      OGR_F_Destroy (feature);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_gpkg (Writer       *w,
            GDALDatasetH  out)
{
  /* FRONTLINE_GPKG_NO_TRANSACTION (any value): no explicit transaction, for
   * tests/bench/bench-formats to compare; not for users. */
  gboolean transaction = g_getenv ("FRONTLINE_GPKG_NO_TRANSACTION") == NULL;
  OGRLayerH result;

  if (transaction && GDALDatasetStartTransaction (out, FALSE) != OGRERR_NONE)
    {
      writer_fail (w, NULL, -1, "could not start a transaction");
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
      writer_fail (w, NULL, -1, "could not commit the transaction");
      return FALSE;
    }

  result = GDALDatasetExecuteSQL (out, "CREATE INDEX areas_date ON areas(date)", NULL, NULL);
  if (result != NULL)
    GDALDatasetReleaseResultSet (out, result);
  if (frontline_gdal_errors_any (w->errors))
    {
      writer_fail (w, "areas", -1, "could not index the dates");
      return FALSE;
    }
  return TRUE;
}

/* KML. */

/* The day before the next assessment of the same side and status, for each
 * area with no valid_until of its own. */
static GHashTable *
inferred_ends (FrontlineDataset *ds)
{
  GHashTable *ends = g_hash_table_new (NULL, NULL);

  for (guint l = 0; l < ds->layers->len; l++)
    {
      FrontlineLayer *layer = g_ptr_array_index (ds->layers, l);

      for (guint i = 0; i < layer->areas->len; i++)
        {
          FrontlineArea *area = g_ptr_array_index (layer->areas, i);

          for (guint j = i + 1; j < layer->areas->len; j++)
            {
              FrontlineArea *next = g_ptr_array_index (layer->areas, j);

              if (next->day > area->day)
                {
                  g_hash_table_insert (ends, area, GUINT_TO_POINTER (next->day - 1));
                  break;
                }
            }
        }
    }
  return ends;
}

static char *
style_name (FrontlineFaction *faction)
{
  g_autofree char *name = g_strdup_printf ("side-%s", frontline_faction_get_id (faction));

  return g_strcanon (g_steal_pointer (&name),
                     "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", '_');
}

static char *
style_string (FrontlineFaction *faction)
{
  double rgb[3];
  int c[3];

  frontline_faction_get_rgb (faction, rgb);
  for (guint i = 0; i < 3; i++)
    c[i] = CLAMP ((int) (rgb[i] * 255.0 + 0.5), 0, 255);
  return g_strdup_printf ("BRUSH(fc:#%02x%02x%02x66);PEN(c:#%02x%02x%02xff,w:2px)",
                          c[0], c[1], c[2], c[0], c[1], c[2]);
}

static gboolean
write_kml_quotes (Writer       *w,
                  GDALDatasetH  out)
{
  GListModel *quotes = G_LIST_MODEL (w->ds->quotes);
  OGRLayerH layer;
  guint n = g_list_model_get_n_items (quotes);

  layer = GDALDatasetCreateLayer (out, "Quotes", w->srs, wkbPoint, NULL);
  if (layer == NULL)
    {
      writer_fail (w, "Quotes", -1, "the layer could not be made");
      return FALSE;
    }
  if (!add_field (w, layer, "name", OFTString, OFSTNone, 0) ||
      !add_field (w, layer, "description", OFTString, OFSTNone, 0) ||
      !add_field (w, layer, "timestamp", OFTString, OFSTNone, 0))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FrontlineQuote) quote = g_list_model_get_item (quotes, i);
      FrontlineSource *source = frontline_quote_get_source (quote);
      g_autofree char *date = frontline_quote_format_date (quote);
      g_autofree char *citation = source ? frontline_source_format_citation (source) : NULL;
      g_autofree char *stamp = iso (frontline_quote_get_day (quote));
      g_autoptr(GString) description = g_string_new (frontline_quote_get_text (quote));
      OGRFeatureH feature;
      double lon, lat;
      gboolean ok;

      /* One day: the quotes of that day's assessment (as the side panel's
       * "quotes of the date"). */
      if (w->day != FRONTLINE_DAY_NONE &&
          frontline_dataset_get_data_day_for (w->ds, frontline_quote_get_day (quote)) !=
          frontline_dataset_get_data_day_for (w->ds, w->day))
        {
          if (!writer_step (w))
            return FALSE;
          continue;
        }

      if (citation != NULL && citation[0] != '\0')
        g_string_append_printf (description, "\n\n%s", citation);
      if (date != NULL && date[0] != '\0')
        g_string_append_printf (description, "\n%s", date);

      feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      set_string (feature, "name", frontline_quote_get_speaker (quote));
      set_string (feature, "description", description->str);
      set_string (feature, "timestamp", stamp);
      if (frontline_quote_get_location (quote, &lon, &lat))
        {
          OGRGeometryH point = OGR_G_CreateGeometry (wkbPoint);

          OGR_G_SetPoint_2D (point, 0, lon, lat);
          OGR_F_SetGeometryDirectly (feature, point);
        }
      ok = create_feature (w, layer, feature, (int) i + 1);
      OGR_F_Destroy (feature);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_kml (Writer       *w,
           GDALDatasetH  out)
{
  GListModel *factions = G_LIST_MODEL (w->ds->factions);
  g_autoptr(GHashTable) ends = inferred_ends (w->ds);
  OGRStyleTableH styles = OGR_STBL_Create ();
  guint n_factions = g_list_model_get_n_items (factions);

  for (guint f = 0; f < n_factions; f++)
    {
      g_autoptr(FrontlineFaction) faction = g_list_model_get_item (factions, f);
      g_autofree char *name = style_name (faction);
      g_autofree char *style = style_string (faction);

      OGR_STBL_AddStyle (styles, name, style);
    }
  GDALDatasetSetStyleTable (out, styles);
  OGR_STBL_Destroy (styles);

  for (guint f = 0; f < n_factions; f++)
    {
      g_autoptr(FrontlineFaction) faction = g_list_model_get_item (factions, f);
      g_autofree char *style = style_name (faction);
      g_autofree char *style_ref = g_strconcat ("@", style, NULL);
      const char *side = frontline_faction_get_name (faction);
      OGRLayerH layer;
      int number = 0;

      if (side == NULL || side[0] == '\0')
        side = frontline_faction_get_id (faction);

      layer = GDALDatasetCreateLayer (out, side, w->srs, wkbMultiPolygon, NULL);
      if (layer == NULL)
        {
          writer_fail (w, side, -1, "the layer could not be made");
          return FALSE;
        }
      if (!add_field (w, layer, "name", OFTString, OFSTNone, 0) ||
          !add_field (w, layer, "begin", OFTString, OFSTNone, 0) ||
          !add_field (w, layer, "end", OFTString, OFSTNone, 0) ||
          !add_field (w, layer, "faction", OFTString, OFSTNone, 0) ||
          !add_field (w, layer, "status", OFTString, OFSTNone, 0) ||
          !add_field (w, layer, "source", OFTString, OFSTNone, 0) ||
          !add_field (w, layer, "approximate", OFTString, OFSTNone, 0) ||
          !add_field (w, layer, "note", OFTString, OFSTNone, 0) ||
          !add_field (w, layer, "end_inferred", OFTString, OFSTNone, 0))
        return FALSE;

      for (guint i = 0; i < w->ds->features->len; i++)
        {
          FrontlineArea *area = g_ptr_array_index (w->ds->feature_areas, i);
          g_autofree char *begin = NULL;
          g_autofree char *end = NULL;
          g_autofree char *title = NULL;
          g_autofree char *sources = NULL;
          gboolean inferred = FALSE;
          OGRFeatureH feature;
          gboolean ok;

          if (area == NULL || area->faction != faction || !area_wanted (w, area))
            continue;

          begin = iso (area->day);
          if (area->valid_until != FRONTLINE_DAY_NONE)
            end = iso (area->valid_until);
          else if (g_hash_table_contains (ends, area))
            {
              end = iso (GPOINTER_TO_UINT (g_hash_table_lookup (ends, area)));
              inferred = TRUE;
            }
          title = g_strdup_printf ("%s %s", side, begin);
          sources = join_sources (area);

          feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
          set_string (feature, "name", title);
          set_string (feature, "begin", begin);
          set_string (feature, "end", end);
          set_string (feature, "faction", frontline_faction_get_id (faction));
          set_string (feature, "status", frontline_status_to_string (area->status));
          set_string (feature, "source", sources);
          set_string (feature, "approximate", area->approximate ? "true" : "false");
          set_string (feature, "note", area->note);
          if (inferred)
            set_string (feature, "end_inferred", "true");
          OGR_F_SetStyleString (feature, style_ref);
          OGR_F_SetGeometryDirectly (feature, area_geometry (area));
          ok = create_feature (w, layer, feature, ++number);
          OGR_F_Destroy (feature);
          if (!ok)
            return FALSE;
        }
    }

  return write_kml_quotes (w, out);
}

/* Shapefile. */

static gboolean
write_shp (Writer       *w,
           GDALDatasetH  out)
{
  const char *options[] = { "ENCODING=UTF-8", NULL };
  g_autofree char *base = g_path_get_basename (w->target);
  g_autofree char *name = g_strndup (base, strlen (base) - 4);
  OGRLayerH layer;
  int number = 0;

  layer = GDALDatasetCreateLayer (out, name, w->srs, wkbMultiPolygon, (char **) options);
  if (layer == NULL)
    {
      writer_fail (w, name, -1, "the layer could not be made");
      return FALSE;
    }
  if (!add_field (w, layer, "date", OFTDate, OFSTNone, 0) ||
      !add_field (w, layer, "valid_to", OFTDate, OFSTNone, 0) ||
      !add_field (w, layer, "faction", OFTString, OFSTNone, 80) ||
      !add_field (w, layer, "status", OFTString, OFSTNone, 16) ||
      !add_field (w, layer, "source", OFTString, OFSTNone, 254) ||
      !add_field (w, layer, "note", OFTString, OFSTNone, 254))
    return FALSE;

  for (guint i = 0; i < w->ds->features->len; i++)
    {
      FrontlineArea *area = g_ptr_array_index (w->ds->feature_areas, i);
      g_autofree char *sources = NULL;
      OGRFeatureH feature;
      gboolean ok;

      if (area == NULL || !area_wanted (w, area))
        continue;

      sources = join_sources (area);
      feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      set_date (feature, "date", area->day);
      set_date (feature, "valid_to", area->valid_until);
      set_string (feature, "faction", frontline_faction_get_id (area->faction));
      set_string (feature, "status", frontline_status_to_string (area->status));
      set_string (feature, "source", sources);
      set_string (feature, "note", area->note);
      OGR_F_SetGeometryDirectly (feature, area_geometry (area));
      ok = create_feature (w, layer, feature, ++number);
      OGR_F_Destroy (feature);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* libkml writes the file when it is closed and does not say when a write
 * fails (a full disk gives a truncated file and no error). It writes the
 * whole document at once, the closing tag last; the KMZ's zip directory is
 * written last too. So: a KML must end with </kml>, a KMZ's directory must
 * be readable (through GDAL's /vsizip/) and list its files. Reading the file
 * back with LIBKML instead (counting the placemarks) cost a sixth of the
 * write's time and a DOM of the whole file in memory. */
static gboolean
kml_complete (const char *path)
{
  static const char tag[] = "</kml>";
  char tail[64];
  struct stat st;
  ssize_t n;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;
  if (fstat (fd, &st) != 0 || st.st_size < (off_t) sizeof tail)
    {
      close (fd);
      return FALSE;
    }
  n = pread (fd, tail, sizeof tail, st.st_size - (off_t) sizeof tail);
  close (fd);
  if (n != (ssize_t) sizeof tail)
    return FALSE;
  while (n > 0 && g_ascii_isspace (tail[n - 1]))
    n--;
  return n >= (ssize_t) strlen (tag) && memcmp (tail + n - strlen (tag), tag, strlen (tag)) == 0;
}

static gboolean
kmz_complete (const char *path)
{
  g_autofree char *zip = g_strconcat ("/vsizip/", path, NULL);
  char **entries = VSIReadDir (zip);
  gboolean ok = entries != NULL && entries[0] != NULL;

  CSLDestroy (entries);
  return ok;
}

static gboolean
verify_kml (Writer *w)
{
  g_autofree char *lower = g_ascii_strdown (w->temp, -1);
  gboolean complete = g_str_has_suffix (lower, ".kmz") ? kmz_complete (w->temp)
                                                       : kml_complete (w->temp);

  frontline_gdal_errors_clear (w->errors);
  if (!complete)
    {
      /* What is short is most likely space: say what the folder has left. */
      frontline_set_write_error (&w->error, w->display, ENOSPC);
      return FALSE;
    }
  return TRUE;
}

/* The whole write. */

static gboolean
check_target (Writer    *w,
              gboolean   replace)
{
  struct stat st;

  if (stat (w->target, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          /* Translators: %s is a file name */
          g_set_error (&w->error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                       _("Could not write “%s”: it is a folder"), w->display);
          return FALSE;
        }
      if (!replace)
        {
          frontline_set_exists_error (&w->error, w->display);
          return FALSE;
        }
    }
  else if (errno != ENOENT)
    {
      frontline_set_write_error (&w->error, w->display, errno);
      return FALSE;
    }

  if (w->format == FORMAT_SHP && !replace)
    for (guint i = 1; shp_parts[i] != NULL; i++)
      {
        g_autofree char *part = shp_part (w->target, shp_parts[i]);

        if (g_file_test (part, G_FILE_TEST_EXISTS))
          {
            g_autofree char *part_name = g_filename_display_name (part);

            frontline_set_exists_error (&w->error, part_name);
            return FALSE;
          }
      }
  return TRUE;
}

static guint
count_work (Writer *w)
{
  guint n = 0;

  for (guint i = 0; i < w->ds->features->len; i++)
    {
      FrontlineArea *area = g_ptr_array_index (w->ds->feature_areas, i);

      if (area != NULL ? area_wanted (w, area) : w->format == FORMAT_GPKG)
        n++;
    }
  if (w->format == FORMAT_KML)
    n += g_list_model_get_n_items (G_LIST_MODEL (w->ds->quotes));
  return n + 1;
}

gboolean
frontline_ogr_write_with_stops (FrontlineDataset       *dataset,
                                GFile                  *file,
                                FrontlineDay            day,
                                gboolean                replace,
                                const char             *stops,
                                GCancellable           *cancellable,
                                FrontlineProgressFunc   progress,
                                gpointer                progress_data,
                                GError                **error)
{
  static const char * const drivers[] = { "GPKG", "LIBKML", "ESRI Shapefile" };
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *owned_stops = NULL;
  g_autofree char *simplefield = NULL;  /* LIBKML_USE_SIMPLEFIELD as it was ("": unset) */
  g_autoptr(GPtrArray) active = NULL;
  Writer w = { 0 };
  GDALDriverH driver;
  GDALDatasetH out;
  gboolean ok = FALSE;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  w.ds = dataset;
  w.display = g_file_get_parse_name (file);
  w.cancellable = cancellable;
  w.progress = progress;
  w.progress_data = progress_data;
  w.day = day;

  if (!suffix_format (file, &w.format))
    {
      /* Translators: %s is a file name */
      g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_FORMAT,
                   _("Could not write “%s”: not a format Frontline writes through GDAL"),
                   w.display);
      g_free (w.display);
      return FALSE;
    }

  path = g_file_get_path (file);
  if (path == NULL || dataset->features == NULL)
    {
      /* Translators: %s is a file name or address */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Could not write “%s”: only local files can be written"), w.display);
      g_free (w.display);
      return FALSE;
    }
  w.target = g_strdup (path);

  if (stops == NULL)
    stops = owned_stops = frontline_dataset_format_stops (dataset);
  w.stops = stops;

  if (day != FRONTLINE_DAY_NONE)
    {
      active = frontline_dataset_get_state_at (dataset, day);
      w.active = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < active->len; i++)
        g_hash_table_add (w.active, g_ptr_array_index (active, i));
    }
  w.total = count_work (&w);

  frontline_gdal_init ();
  w.errors = frontline_gdal_errors_push ();

  if (g_cancellable_set_error_if_cancelled (cancellable, &w.error) || !check_target (&w, replace))
    goto out;

  driver = GDALGetDriverByName (drivers[w.format]);
  if (driver == NULL)
    {
      writer_fail (&w, NULL, -1, "GDAL has no driver for this format");
      goto out;
    }

  folder = g_path_get_dirname (w.target);
  base = g_path_get_basename (w.target);
  w.temp_folder = g_strdup_printf ("%s/.%s.XXXXXX", folder, base);
  if (g_mkdtemp (w.temp_folder) == NULL)
    {
      int saved_errno = errno;

      g_clear_pointer (&w.temp_folder, g_free);
      frontline_set_write_error (&w.error, w.display, saved_errno);
      goto out;
    }
  w.temp = g_build_filename (w.temp_folder, base, NULL);
  w.srs = frontline_gdal_new_wgs84 ();

  if (w.format == FORMAT_KML)
    {
      const char *old = CPLGetThreadLocalConfigOption ("LIBKML_USE_SIMPLEFIELD", NULL);

      simplefield = g_strdup (old != NULL ? old : "");
      CPLSetThreadLocalConfigOption ("LIBKML_USE_SIMPLEFIELD", "NO");
    }

  out = GDALCreate (driver, w.temp, 0, 0, 0, GDT_Unknown, NULL);
  if (out == NULL)
    {
      writer_fail (&w, NULL, -1, "GDAL could not create the file");
      goto out;
    }

  switch (w.format)
    {
    case FORMAT_GPKG:
      ok = write_gpkg (&w, out);
      break;
    case FORMAT_KML:
      ok = write_kml (&w, out);
      break;
    case FORMAT_SHP:
    default:
      ok = write_shp (&w, out);
      break;
    }

  GDALClose (out);
  /* Closing writes what was buffered: a full disk may show only now. */
  if (ok && frontline_gdal_errors_any (w.errors))
    {
      writer_fail (&w, NULL, -1, "");
      ok = FALSE;
    }
  if (ok && w.error == NULL && w.format == FORMAT_KML)
    ok = verify_kml (&w);
  if (ok && w.error == NULL)
    ok = writer_commit (&w, replace);
  else
    ok = FALSE;

out:
  if (simplefield != NULL)
    CPLSetThreadLocalConfigOption ("LIBKML_USE_SIMPLEFIELD",
                                   simplefield[0] != '\0' ? simplefield : NULL);
  frontline_gdal_errors_pop (w.errors);
  remove_temp_folder (&w);
  if (w.srs != NULL)
    OSRDestroySpatialReference (w.srs);
  g_clear_pointer (&w.active, g_hash_table_unref);
  g_free (w.display);
  g_free (w.target);
  g_free (w.temp);

  if (!ok)
    {
      if (w.error == NULL)
        g_set_error (&w.error, G_IO_ERROR, G_IO_ERROR_FAILED, "GDAL failed");
      g_propagate_error (error, w.error);
      return FALSE;
    }

  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

/**
 * frontline_ogr_write:
 * @day: FRONTLINE_DAY_NONE for every date, else only what holds on @day
 * @progress: (nullable): called in this thread with the fraction written
 *
 * Writes @dataset as GeoPackage, KML/KMZ or Shapefile, chosen by @file's
 * name, through a temporary folder beside it, synced, then renamed into
 * place. On any error or a cancel (checked per feature) nothing is left.
 *
 * Returns: whether the file was written
 */
gboolean
frontline_ogr_write (FrontlineDataset       *dataset,
                     GFile                  *file,
                     FrontlineDay            day,
                     gboolean                replace,
                     GCancellable           *cancellable,
                     FrontlineProgressFunc   progress,
                     gpointer                progress_data,
                     GError                **error)
{
  return frontline_ogr_write_with_stops (dataset, file, day, replace, NULL, cancellable,
                                         progress, progress_data, error);
}
