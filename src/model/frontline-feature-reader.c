/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-loader"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "frontline-feature-reader.h"
#include "frontline-loader-private.h"
#include "frontline-metadata-reader.h"
#include "frontline-number.h"

/* Reading one feature, in any thread: the skeleton through json-glib, an
 * area's coordinates straight from the text when they are long (or through
 * json-glib: the slow path), rings and polygons checked and repaired; then,
 * on the loading thread, adding it to the dataset in file order. */

/* How long GEOS may spend repairing one area, at least. */
#define REPAIR_BUDGET_US (2 * G_USEC_PER_SEC)

static char *
describe_feature (guint       index,
                  JsonObject *feature)
{
  if (feature != NULL && json_object_has_member (feature, "id"))
    {
      JsonNode *id = json_object_get_member (feature, "id");

      if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
        return g_strdup_printf (_("feature %u (id “%s”)"), index, json_node_get_string (id));
      if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_INT64)
        return g_strdup_printf (_("feature %u (id %" G_GINT64_FORMAT ")"), index, json_node_get_int (id));
    }

  return g_strdup_printf (_("feature %u"), index);
}

void
frontline_loader_set_error (GError     **error,
                            gint         code,
                            const char  *file,
                            const char  *location,
                            const char  *format,
                            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, FRONTLINE_DATASET_ERROR, code, "%s: %s: %s", file, location, message);
}

/* Values */

const char *
frontline_loader_get_string_member (JsonObject *object,
                                    const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;

  node = json_object_get_member (object, name);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  return NULL;
}

char *
frontline_loader_dup_string_member (JsonObject *object,
                                    const char *name)
{
  return g_strdup (frontline_loader_get_string_member (object, name));
}

/* Any number, infinite ones too (json-glib reads 1e400 as infinity), for
 * check_position to refuse with the same words on both paths. */
static gboolean
get_any_number (JsonNode *node,
                double   *value)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_double (node);
  return TRUE;
}

gboolean
frontline_loader_get_number (JsonNode *node,
                             double   *value)
{
  return get_any_number (node, value) && isfinite (*value);
}

gboolean
frontline_loader_parse_color (const char *text,
                              double      rgb[3])
{
  guint values[3];

  if (text == NULL || strlen (text) != 7 || text[0] != '#')
    return FALSE;

  for (guint i = 0; i < 3; i++)
    {
      int hi = g_ascii_xdigit_value (text[1 + 2 * i]);
      int lo = g_ascii_xdigit_value (text[2 + 2 * i]);

      if (hi < 0 || lo < 0)
        return FALSE;
      values[i] = (guint) (hi * 16 + lo);
    }

  for (guint i = 0; i < 3; i++)
    rgb[i] = values[i] / 255.0;

  return TRUE;
}

void
frontline_parsed_feature_free (FrontlineParsedFeature *parsed)
{
  if (parsed == NULL)
    return;

  g_clear_pointer (&parsed->feature, json_object_unref);
  g_clear_error (&parsed->error);
  g_clear_pointer (&parsed->warnings, g_ptr_array_unref);
  g_clear_pointer (&parsed->geometry, frontline_geometry_unref);
  g_clear_pointer (&parsed->original, frontline_geometry_unref);
  g_free (parsed->location);
  g_free (parsed);
}

static void G_GNUC_PRINTF (3, 4)
add_warning (FrontlineParsedFeature *parsed,
             const char             *location,
             const char             *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (parsed->warnings == NULL)
    parsed->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (parsed->warnings, g_strdup_printf ("%s\n%s", location, message));
}

/* What reading an area's coordinates needs, from json-glib nodes or from text. */
typedef struct {
  FrontlineGeometryBuilder *builder;
  const char               *file;
  const char               *feature_name;
  FrontlineParsedFeature   *parsed;
  GError                  **error;
} Reader;

static gboolean
check_position (Reader     *r,
                const char *path,
                guint       i,
                double      lon,
                double      lat)
{
  if (!isfinite (lon) || !isfinite (lat))
    {
      frontline_loader_set_error (r->error, FRONTLINE_DATASET_ERROR_INVALID, r->file, path,
                                  _("position %u has a coordinate too large to be a number (%s)"),
                                  i, r->feature_name);
      return FALSE;
    }
  if (lat < -90.0 || lat > 90.0)
    {
      frontline_loader_set_error (r->error, FRONTLINE_DATASET_ERROR_INVALID, r->file, path,
                                  _("position %u has latitude %g, beyond ±90 (%s); are longitude and latitude swapped?"),
                                  i, lat, r->feature_name);
      return FALSE;
    }
  if (lon < -180.0 || lon > 180.0)
    {
      frontline_loader_set_error (r->error, FRONTLINE_DATASET_ERROR_INVALID, r->file, path,
                                  _("position %u has longitude %g, beyond ±180 (%s)"), i, lon,
                                  r->feature_name);
      return FALSE;
    }

  frontline_geometry_builder_add_point (r->builder, lon, lat);
  return TRUE;
}

/* Checks the ring just read, of @n positions, and closes it if it is open. */
static gboolean
end_ring (Reader     *r,
          const char *path,
          guint       n)
{
  double first[2];
  double last[2];

  if (n < 4)
    {
      frontline_loader_set_error (r->error, FRONTLINE_DATASET_ERROR_INVALID, r->file, path,
                                  _("ring has %u positions; a ring needs at least 4, the last repeating the first (%s)"),
                                  n, r->feature_name);
      return FALSE;
    }

  frontline_geometry_builder_get_ring_ends (r->builder, first, last);
  if (first[0] != last[0] || first[1] != last[1])
    {
      frontline_geometry_builder_add_point (r->builder, first[0], first[1]);
      add_warning (r->parsed, path, _("ring is not closed; closed it (%s)"), r->feature_name);
    }

  return TRUE;
}

/* Reads one ring from a json-glib node; @path is its JSON path. */
static gboolean
read_ring (Reader     *r,
           JsonNode   *node,
           const char *path)
{
  JsonArray *ring;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      frontline_loader_set_error (r->error, FRONTLINE_DATASET_ERROR_STRUCTURE, r->file, path,
                                  _("expected a ring, an array of positions (%s)"),
                                  r->feature_name);
      return FALSE;
    }

  ring = json_node_get_array (node);
  n = json_array_get_length (ring);
  frontline_geometry_builder_begin_ring (r->builder);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *position = json_array_get_element (ring, i);
      JsonArray *xy;
      double lon;
      double lat;

      if (!JSON_NODE_HOLDS_ARRAY (position) ||
          json_array_get_length (xy = json_node_get_array (position)) < 2 ||
          !get_any_number (json_array_get_element (xy, 0), &lon) ||
          !get_any_number (json_array_get_element (xy, 1), &lat))
        {
          frontline_loader_set_error (r->error, FRONTLINE_DATASET_ERROR_STRUCTURE, r->file, path,
                                      _("position %u is not [longitude, latitude] (%s)"), i,
                                      r->feature_name);
          return FALSE;
        }

      if (!check_position (r, path, i, lon, lat))
        return FALSE;
    }

  return end_ring (r, path, n);
}

static gboolean
read_polygon (Reader     *r,
              JsonNode   *node,
              const char *path)
{
  JsonArray *rings;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    {
      frontline_loader_set_error (r->error, FRONTLINE_DATASET_ERROR_STRUCTURE, r->file, path,
                                  _("expected a polygon, a non-empty array of rings (%s)"),
                                  r->feature_name);
      return FALSE;
    }

  rings = json_node_get_array (node);
  n = json_array_get_length (rings);
  frontline_geometry_builder_begin_polygon (r->builder);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *ring_path = g_strdup_printf ("%s/%u", path, i);

      if (!read_ring (r, json_array_get_element (rings, i), ring_path))
        return FALSE;
    }

  return TRUE;
}

/* The fast way: the text of a "coordinates" value read straight into the
 * builder. In practice it is nested arrays of numbers, and json-glib would
 * spend most of a load making and freeing a node and a signal emission for
 * each number. Anything but plain nested arrays of JSON numbers gives
 * TEXT_RETRY, and the caller reads the feature with json-glib instead, whose
 * checks and messages are the ones that count; the checks on values are
 * shared (check_position, end_ring). */
typedef enum {
  TEXT_OK,
  TEXT_ERROR,
  TEXT_RETRY,
} TextResult;

typedef struct {
  const char *p;
  const char *end;
} Cursor;

static inline gboolean
take (Cursor *c,
      char    ch)
{
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\n' || *c->p == '\r' || *c->p == '\t'))
    c->p++;
  if (c->p < c->end && *c->p == ch)
    {
      c->p++;
      return TRUE;
    }
  return FALSE;
}

/* A JSON number, strictly (as frontline_json_check_number); an infinite value (1e400) is
 * read as json-glib reads it, for check_position to refuse. */
static inline gboolean
take_number (Cursor *c,
             double *value)
{
  gsize n;

  while (c->p < c->end && (*c->p == ' ' || *c->p == '\n' || *c->p == '\r' || *c->p == '\t'))
    c->p++;
  n = frontline_number_read (c->p, (gsize) (c->end - c->p), value);
  if (n == 0)
    return FALSE;
  c->p += n;
  return TRUE;
}

static TextResult
text_read_ring (Reader     *r,
                Cursor     *c,
                const char *path)
{
  guint n = 0;

  if (!take (c, '['))
    return TEXT_RETRY;

  frontline_geometry_builder_begin_ring (r->builder);
  do
    {
      double lon;
      double lat;
      double extra;

      if (!take (c, '[') || !take_number (c, &lon) || !take (c, ',') || !take_number (c, &lat))
        return TEXT_RETRY;
      /* An altitude may follow; it is not used. */
      while (take (c, ','))
        if (!take_number (c, &extra))
          return TEXT_RETRY;
      if (!take (c, ']'))
        return TEXT_RETRY;
      if (!check_position (r, path, n, lon, lat))
        return TEXT_ERROR;
      n++;
    }
  while (take (c, ','));

  if (!take (c, ']'))
    return TEXT_RETRY;

  return end_ring (r, path, n) ? TEXT_OK : TEXT_ERROR;
}

static TextResult
text_read_polygon (Reader     *r,
                   Cursor     *c,
                   const char *path)
{
  guint n = 0;

  if (!take (c, '['))
    return TEXT_RETRY;

  frontline_geometry_builder_begin_polygon (r->builder);
  do
    {
      g_autofree char *ring_path = g_strdup_printf ("%s/%u", path, n++);
      TextResult result = text_read_ring (r, c, ring_path);

      if (result != TEXT_OK)
        return result;
    }
  while (take (c, ','));

  return take (c, ']') ? TEXT_OK : TEXT_RETRY;
}

static TextResult
text_read_coordinates (Reader     *r,
                       const char *text,
                       gsize       length,
                       gboolean    multi,
                       const char *path)
{
  Cursor c = { text, text + length };
  guint n = 0;

  if (!multi)
    {
      TextResult result = text_read_polygon (r, &c, path);

      if (result != TEXT_OK)
        return result;
    }
  else
    {
      if (!take (&c, '['))
        return TEXT_RETRY;
      do
        {
          g_autofree char *polygon_path = g_strdup_printf ("%s/%u", path, n++);
          TextResult result = text_read_polygon (r, &c, polygon_path);

          if (result != TEXT_OK)
            return result;
        }
      while (take (&c, ','));
      if (!take (&c, ']'))
        return TEXT_RETRY;
    }

  take (&c, ' ');
  return c.p == c.end ? TEXT_OK : TEXT_RETRY;
}

static void finish_area (FrontlineParsedFeature   *parsed,
                         FrontlineGeometryBuilder *builder,
                         gboolean                  multi,
                         const char               *path,
                         const char               *feature_name,
                         GCancellable             *cancellable);

/* Reads an area's geometry, from the text of its coordinates when the loader
 * found it (@coords_text), or from json-glib's nodes. */
static gboolean
read_area_geometry (JsonObject              *geometry,
                    const char              *type,
                    const char              *coords_text,
                    gsize                    coords_length,
                    const char              *file,
                    const char              *path,
                    const char              *feature_name,
                    FrontlineParsedFeature  *parsed,
                    GCancellable            *cancellable,
                    GError                 **error)
{
  g_autoptr(FrontlineGeometryBuilder) builder = frontline_geometry_builder_new ();
  g_autofree char *coords_path = g_strdup_printf ("%s/coordinates", path);
  gboolean multi = g_str_equal (type, "MultiPolygon");
  Reader r = { builder, file, feature_name, parsed, error };

  if (coords_text != NULL)
    {
      switch (text_read_coordinates (&r, coords_text, coords_length, multi, coords_path))
        {
        case TEXT_OK:
          break;

        case TEXT_ERROR:
          return FALSE;

        case TEXT_RETRY:
        default:
          parsed->retry = TRUE;
          return FALSE;
        }
    }
  else
    {
      JsonNode *coordinates = json_object_has_member (geometry, "coordinates")
                              ? json_object_get_member (geometry, "coordinates") : NULL;

      if (coordinates == NULL || !JSON_NODE_HOLDS_ARRAY (coordinates))
        {
          frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, file, coords_path,
                                      _("expected an array of coordinates (%s)"), feature_name);
          return FALSE;
        }

      if (!multi)
        {
          if (!read_polygon (&r, coordinates, coords_path))
            return FALSE;
        }
      else
        {
          JsonArray *polygons = json_node_get_array (coordinates);

          for (guint p = 0; p < json_array_get_length (polygons); p++)
            {
              g_autofree char *polygon_path = g_strdup_printf ("%s/%u", coords_path, p);

              if (!read_polygon (&r, json_array_get_element (polygons, p), polygon_path))
                return FALSE;
            }
        }
    }

  finish_area (parsed, g_steal_pointer (&builder), multi, path, feature_name, cancellable);

  return TRUE;
}

/* The end of every area, whatever it was read from: the geometry packed,
 * repaired when invalid (within a budget) and its area computed. */
static void
finish_area (FrontlineParsedFeature   *parsed,
             FrontlineGeometryBuilder *builder,
             gboolean                  multi,
             const char               *path,
             const char               *feature_name,
             GCancellable             *cancellable)
{
  gboolean gave_up = FALSE;
  g_autofree char *reason = NULL;
  FrontlineGeometry *repaired;

  parsed->geometry = frontline_geometry_builder_finish (builder);
  parsed->multi = multi;

  /* GEOS can take minutes and gigabytes over a small self-intersecting ring:
   * two seconds, more for large geometries, then it is drawn as read. */
  repaired = frontline_geometry_make_valid_within (parsed->geometry,
                                                   MAX (REPAIR_BUDGET_US,
                                                        (gint64) parsed->geometry->n_points * 20),
                                                   cancellable, &reason, &gave_up);
  /* Overlays (gains and losses) and simplification leave it alone. */
  parsed->geometry->invalid = gave_up;
  if (gave_up && !g_cancellable_is_cancelled (cancellable))
    add_warning (parsed, path, _("invalid polygon (%s); repair took too long; drawn as read (%s)"),
                 reason ? reason : _("GEOS gave no reason"), feature_name);
  if (repaired != NULL)
    {
      add_warning (parsed, path, _("invalid polygon (%s); repaired (%s)"),
                   reason ? reason : _("GEOS gave no reason"), feature_name);
      parsed->original = g_steal_pointer (&parsed->geometry);
      parsed->geometry = repaired;
    }
  /* Once, here in the worker: the series, --stats and the chart only read it. */
  parsed->area_m2 = frontline_geometry_area_m2 (parsed->geometry);
}

/* Parses and converts feature @index; runs in any thread. */
static FrontlineParsedFeature *
parse_feature (JsonNode     *node,
               guint         index,
               const char   *coords_text,
               gsize         coords_length,
               const char   *file,
               GCancellable *cancellable)
{
  FrontlineParsedFeature *parsed = g_new0 (FrontlineParsedFeature, 1);
  g_autofree char *path = g_strdup_printf ("/features/%u", index);
  g_autofree char *geometry_path = g_strdup_printf ("/features/%u/geometry", index);
  g_autofree char *feature_name = NULL;
  JsonObject *feature;
  JsonObject *properties = NULL;
  JsonNode *geometry_node;
  JsonObject *geometry;
  const char *type;

  parsed->area_m2 = NAN;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      frontline_loader_set_error (&parsed->error, FRONTLINE_DATASET_ERROR_STRUCTURE, file, path,
                                  _("expected a Feature object"));
      return parsed;
    }

  feature = json_node_get_object (node);
  feature_name = describe_feature (index, feature);
  parsed->feature = json_object_ref (feature);

  if (g_strcmp0 (frontline_loader_get_string_member (feature, "type"), "Feature") != 0)
    {
      frontline_loader_set_error (&parsed->error, FRONTLINE_DATASET_ERROR_STRUCTURE, file, path,
                                  _("expected an object with \"type\": \"Feature\" (%s)"),
                                  feature_name);
      return parsed;
    }

  if (json_object_has_member (feature, "properties"))
    {
      JsonNode *props = json_object_get_member (feature, "properties");

      if (JSON_NODE_HOLDS_OBJECT (props))
        properties = json_node_get_object (props);
      else if (!JSON_NODE_HOLDS_NULL (props))
        {
          frontline_loader_set_error (&parsed->error, FRONTLINE_DATASET_ERROR_STRUCTURE, file, path,
                                      _("\"properties\" must be an object or null (%s)"),
                                      feature_name);
          return parsed;
        }
    }

  geometry_node = json_object_has_member (feature, "geometry")
                  ? json_object_get_member (feature, "geometry") : NULL;
  if (geometry_node == NULL || JSON_NODE_HOLDS_NULL (geometry_node))
    {
      add_warning (parsed, path, _("has no geometry; not shown (%s)"), feature_name);
      return parsed;
    }
  if (!JSON_NODE_HOLDS_OBJECT (geometry_node))
    {
      frontline_loader_set_error (&parsed->error, FRONTLINE_DATASET_ERROR_STRUCTURE, file,
                                  geometry_path,
                                  _("expected a geometry object (%s)"), feature_name);
      return parsed;
    }

  geometry = json_node_get_object (geometry_node);
  type = frontline_loader_get_string_member (geometry, "type");

  if (g_strcmp0 (type, "Polygon") == 0 || g_strcmp0 (type, "MultiPolygon") == 0)
    {
      if (!read_area_geometry (geometry, type, coords_text, coords_length, file, geometry_path,
                               feature_name, parsed, cancellable, &parsed->error))
        return parsed;

      parsed->is_area = TRUE;
      /* The packed geometry replaces the tree: drop it now. */
      json_object_remove_member (feature, "geometry");
      return parsed;
    }

  if (coords_text != NULL)
    {
      /* Only areas take the fast way. */
      parsed->retry = TRUE;
      return parsed;
    }

  if (g_strcmp0 (type, "Point") == 0)
    {
      JsonNode *coordinates = json_object_has_member (geometry, "coordinates")
                              ? json_object_get_member (geometry, "coordinates") : NULL;
      JsonArray *xy;

      if (coordinates == NULL || !JSON_NODE_HOLDS_ARRAY (coordinates) ||
          json_array_get_length (xy = json_node_get_array (coordinates)) < 2 ||
          !frontline_loader_get_number (json_array_get_element (xy, 0), &parsed->lon) ||
          !frontline_loader_get_number (json_array_get_element (xy, 1), &parsed->lat))
        {
          g_autofree char *coords_path = g_strdup_printf ("%s/coordinates", geometry_path);

          frontline_loader_set_error (&parsed->error, FRONTLINE_DATASET_ERROR_STRUCTURE, file,
                                      coords_path,
                                      _("a point's coordinates are [longitude, latitude] (%s)"),
                                      feature_name);
          return parsed;
        }
      if (parsed->lat < -90.0 || parsed->lat > 90.0 || parsed->lon < -180.0 || parsed->lon > 180.0)
        {
          g_autofree char *coords_path = g_strdup_printf ("%s/coordinates", geometry_path);

          frontline_loader_set_error (&parsed->error, FRONTLINE_DATASET_ERROR_INVALID, file,
                                      coords_path,
                                      _("point [%g, %g] is outside longitude ±180, latitude ±90 (%s)"),
                                      parsed->lon, parsed->lat, feature_name);
          return parsed;
        }

      if (g_strcmp0 (frontline_loader_get_string_member (properties, "kind"), "place") == 0)
        {
          if (frontline_loader_get_string_member (properties, "name") == NULL)
            add_warning (parsed, path, _("place has no name; not shown (%s)"), feature_name);
          else
            parsed->is_place = TRUE;
        }
      return parsed;
    }

  if (g_strcmp0 (type, "MultiPoint") == 0 || g_strcmp0 (type, "LineString") == 0 ||
      g_strcmp0 (type, "MultiLineString") == 0 || g_strcmp0 (type, "GeometryCollection") == 0)
    {
      /* Valid GeoJSON that is not ground: kept for saving, not shown. */
      add_warning (parsed, path, _("%s features are not shown (%s)"), type, feature_name);
      return parsed;
    }

  {
    g_autofree char *type_path = g_strdup_printf ("%s/type", geometry_path);

    frontline_loader_set_error (&parsed->error, FRONTLINE_DATASET_ERROR_STRUCTURE, file, type_path,
                                _("unknown geometry type “%s”; expected Polygon, MultiPolygon or Point (%s)"),
                                type ? type : "", feature_name);
  }

  return parsed;
}

static gboolean
read_source_ids (JsonObject   *properties,
                 char       ***ids)
{
  JsonNode *node;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  *ids = NULL;
  if (properties == NULL || !json_object_has_member (properties, "source"))
    return TRUE;

  node = json_object_get_member (properties, "source");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_strv_builder_add (builder, json_node_get_string (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            return FALSE;
          g_strv_builder_add (builder, json_node_get_string (element));
        }
    }
  else
    return FALSE;

  *ids = g_strv_builder_end (builder);
  return TRUE;
}

/* A converted feature beside its location: its id, else its name. */
static char *
describe_converted (FrontlineParsedFeature *parsed)
{
  JsonObject *properties = NULL;
  const char *name;

  if (parsed->feature != NULL && json_object_has_member (parsed->feature, "id"))
    {
      JsonNode *id = json_object_get_member (parsed->feature, "id");

      if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
        return g_strdup_printf (_("id “%s”"), json_node_get_string (id));
    }
  if (parsed->feature != NULL && json_object_has_member (parsed->feature, "properties") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (parsed->feature, "properties")))
    properties = json_object_get_object_member (parsed->feature, "properties");
  name = frontline_loader_get_string_member (properties, "name");
  if (name == NULL)
    name = frontline_loader_get_string_member (properties, "Name");  /* KML's */
  if (name != NULL)
    return g_strdup_printf (_("named “%s”"), name);

  return g_strdup (parsed->location);
}

/* Adds a parsed feature to the dataset; resolves what needs the dataset. */
gboolean
frontline_feature_reader_add (FrontlineLoaderBuilder  *b,
                              FrontlineParsedFeature  *parsed,
                              guint                    index,
                              GError                 **error)
{
  FrontlineDataset *ds = b->dataset;
  g_autofree char *path = parsed->location != NULL ? g_strdup (parsed->location)
                                                   : g_strdup_printf ("/features/%u", index);
  g_autofree char *feature_name = parsed->location != NULL
                                  ? describe_converted (parsed)
                                  : describe_feature (index, parsed->feature);
  JsonObject *properties = NULL;
  g_autoptr(FrontlineArea) area = NULL;
  const char *date;
  const char *faction_id;
  const char *fill;
  const char *status;
  const char *valid_until;

  if (parsed->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&parsed->error));
      return FALSE;
    }

  for (guint i = 0; parsed->warnings != NULL && i < parsed->warnings->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (parsed->warnings, i), "\n", 2);

      frontline_dataset_add_diagnostic (ds, parts[0], "%s", parts[1]);
    }

  if (parsed->feature != NULL && json_object_has_member (parsed->feature, "properties") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (parsed->feature, "properties")))
    properties = json_object_get_object_member (parsed->feature, "properties");

  if (parsed->is_place)
    {
      g_autoptr(FrontlinePlace) place = g_object_new (FRONTLINE_TYPE_PLACE, NULL);

      place->name = frontline_loader_dup_string_member (properties, "name");
      place->name_local = frontline_loader_dup_string_member (properties, "name_local");
      place->lon = parsed->lon;
      place->lat = parsed->lat;
      g_list_store_append (ds->places, place);
    }

  if (!parsed->is_area)
    {
      g_ptr_array_add (ds->features, g_steal_pointer (&parsed->feature));
      g_ptr_array_add (ds->feature_areas, NULL);
      return TRUE;
    }

  area = g_object_new (FRONTLINE_TYPE_AREA, NULL);
  area->index = index;
  area->geometry = g_steal_pointer (&parsed->geometry);
  area->original_geometry = g_steal_pointer (&parsed->original);
  area->area_m2 = parsed->area_m2;
  area->multi = parsed->multi;
  area->note = frontline_loader_dup_string_member (properties, "note");

  if (json_object_has_member (parsed->feature, "id"))
    {
      JsonNode *id = json_object_get_member (parsed->feature, "id");

      if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
        area->id = g_strdup (json_node_get_string (id));
      else if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_INT64)
        area->id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (id));
    }

  date = frontline_loader_get_string_member (properties, "date");
  if (b->forced_day != FRONTLINE_DAY_NONE)
    area->day = b->forced_day;
  else if (date == NULL)
    {
      frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, path,
                                  _("area has no \"date\" property (YYYY-MM-DD, the day the assessment holds from) (%s)"),
                                  feature_name);
      return FALSE;
    }
  else if (!frontline_day_parse (date, &area->day))
    {
      frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_INVALID, b->file, path,
                                  _("invalid date “%s”; expected a real day as YYYY-MM-DD (%s)"), date, feature_name);
      return FALSE;
    }

  valid_until = frontline_loader_get_string_member (properties, "valid_until");
  if (valid_until != NULL && !frontline_day_parse (valid_until, &area->valid_until))
    {
      frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_INVALID, b->file, path,
                                  _("invalid \"valid_until\" date “%s”; expected YYYY-MM-DD (%s)"),
                                  valid_until, feature_name);
      return FALSE;
    }
  if (area->valid_until != FRONTLINE_DAY_NONE && area->valid_until < area->day)
    frontline_dataset_add_diagnostic (ds, path, _("\"valid_until\" is before \"date\"; never shown (%s)"),
                                      feature_name);

  status = frontline_loader_get_string_member (properties, "status");
  if (status != NULL && !frontline_status_from_string (status, &area->status))
    frontline_dataset_add_diagnostic (ds, path,
                                      _("unknown status “%s”; shown as controlled (expected controlled, claimed or contested) (%s)"),
                                      status, feature_name);

  if (properties != NULL && json_object_has_member (properties, "approximate"))
    {
      JsonNode *node = json_object_get_member (properties, "approximate");

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        area->approximate = json_node_get_boolean (node);
      else
        frontline_dataset_add_diagnostic (ds, path, _("\"approximate\" is not true or false; taken as true (%s)"),
                                          feature_name);
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        area->approximate = TRUE;
    }

  if (!read_source_ids (properties, &area->source_ids))
    {
      frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, path,
                                  _("\"source\" must be a source id or a list of them (%s)"),
                                  feature_name);
      return FALSE;
    }
  for (guint i = 0; area->source_ids != NULL && area->source_ids[i] != NULL; i++)
    {
      if (g_list_model_get_n_items (G_LIST_MODEL (ds->sources)) > 0 &&
          !g_hash_table_contains (ds->source_by_id, area->source_ids[i]))
        frontline_dataset_add_diagnostic (ds, path, _("cites source “%s”, which the dataset does not list (%s)"),
                                          area->source_ids[i], feature_name);
    }

  faction_id = frontline_loader_get_string_member (properties, "faction");
  fill = frontline_loader_get_string_member (properties, "fill");
  if (faction_id == NULL && fill != NULL)
    faction_id = fill;  /* DeepStateMap-style files: the colour is the side */
  if (faction_id == NULL)
    {
      frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, path,
                                  _("area has no \"faction\" property (%s)"), feature_name);
      return FALSE;
    }

  area->faction = g_hash_table_lookup (ds->faction_by_id, faction_id);
  if (area->faction == NULL)
    {
      if (b->has_factions)
        frontline_dataset_add_diagnostic (ds, path, _("unknown faction “%s”; given a colour of its own (%s)"),
                                          faction_id, feature_name);
      area->faction = frontline_loader_add_faction (b, faction_id, NULL, fill);
    }
  g_object_ref (area->faction);

  g_ptr_array_add (ds->features, g_steal_pointer (&parsed->feature));
  g_ptr_array_add (ds->feature_areas, g_object_ref (area));
  g_list_store_append (ds->areas, area);

  return TRUE;
}

/* Below this, coordinates are not worth the fast way. */
#define FAST_COORDINATES_MIN 4096

static gint slow_path = -1;  /* atomic; -1: not yet read from the environment */

/**
 * frontline_loader_set_slow_path: (skip)
 *
 * For tests: read every area's coordinates through json-glib rather than
 * straight from the text. FRONTLINE_LOADER_SLOW_PATH=1 does the same.
 */
void
frontline_loader_set_slow_path (gboolean slow)
{
  g_atomic_int_set (&slow_path, slow ? 1 : 0);
}

static gboolean
use_slow_path (void)
{
  gint value = g_atomic_int_get (&slow_path);

  if (value < 0)
    {
      value = g_strcmp0 (g_getenv ("FRONTLINE_LOADER_SLOW_PATH"), "1") == 0;
      g_atomic_int_compare_and_exchange (&slow_path, -1, value);
      value = g_atomic_int_get (&slow_path);
    }

  return value == 1;
}

FrontlineParsedFeature *
frontline_feature_reader_parse_span (JsonParser        *parser,
                                     const char        *data,
                                     FrontlineJsonSpan *span,
                                     guint              index,
                                     const char        *file,
                                     GCancellable      *cancellable)
{
  gsize end = span->offset + span->length;
  gsize geometry_start = 0;
  gsize geometry_end = 0;
  gsize coords_start = 0;
  gsize coords_end = 0;
  guint n_geometry;
  guint n_coordinates = 0;
  FrontlineJsonFault fault;
  JsonNode *root;
  FrontlineParsedFeature *parsed = NULL;

  /* Found by the scanner's one pass, or here. */
  if (span->members_known)
    {
      n_geometry = span->n_geometry;
      geometry_start = span->geometry_start;
      geometry_end = span->geometry_end;
      n_coordinates = span->n_coordinates;
      coords_start = span->coords_start;
      coords_end = span->coords_end;
    }
  else
    {
      n_geometry = frontline_json_find_member (data, span->offset, end, "geometry",
                                               &geometry_start, &geometry_end);
      if (n_geometry > 0)
        n_coordinates = frontline_json_find_member (data, geometry_start, geometry_end,
                                                    "coordinates", &coords_start, &coords_end);
    }

  /* An area: json-glib parses the feature without its coordinates, which are
   * read from the text. */
  if (n_coordinates > 0 &&
      ((coords_end - coords_start >= FAST_COORDINATES_MIN && !use_slow_path ()) ||
       frontline_json_has_long_integer (data, coords_start, coords_end)))
    {
      g_autoptr(GString) skeleton = g_string_sized_new (span->length - (coords_end - coords_start) + 2);

      g_string_append_len (skeleton, data + span->offset, (gssize) (coords_start - span->offset));
      g_string_append (skeleton, "[]");
      g_string_append_len (skeleton, data + coords_end, (gssize) (end - coords_end));

      root = frontline_json_parse (parser, skeleton->str, 0, skeleton->len, 2, &fault);
      if (root != NULL)
        {
          parsed = parse_feature (root, index, data + coords_start, coords_end - coords_start, file,
                                  cancellable);
          if (parsed->retry)
            g_clear_pointer (&parsed, frontline_parsed_feature_free);
        }
    }

  if (parsed == NULL)
    {
      root = frontline_json_parse (parser, data, span->offset, end, 2, &fault);
      if (root == NULL)
        {
          /* Reported by the loading thread, with its line and column. */
          parsed = g_new0 (FrontlineParsedFeature, 1);
          parsed->syntax = TRUE;
          parsed->fault = fault;
          return parsed;
        }
      parsed = parse_feature (root, index, NULL, 0, file, cancellable);
    }

  /* The same rule as json-glib's, and a word about it. */
  if (n_geometry > 1 || n_coordinates > 1)
    {
      g_autofree char *feature_name = describe_feature (index, parsed->feature);
      g_autofree char *path = g_strdup_printf (n_geometry > 1 ? "/features/%u" : "/features/%u/geometry",
                                               index);

      add_warning (parsed, path, _("duplicate member “%s”; the last one is used (%s)"),
                   n_geometry > 1 ? "geometry" : "coordinates", feature_name);
    }

  return parsed;
}

/* Features converted from other formats (GDAL) */

/**
 * frontline_parsed_feature_new_converted:
 * @feature: (transfer full): a GeoJSON-like feature object without geometry
 * @location: where it is, for messages: "layer “areas”, feature 12"
 *
 * A feature read from another format, to which the caller adds an area's
 * rings (frontline_feature_reader_add_ring()) and which it then finishes
 * (frontline_feature_reader_finish_area()), or leaves as a feature that is
 * not an area. Any thread.
 */
FrontlineParsedFeature *
frontline_parsed_feature_new_converted (JsonObject *feature,
                                        const char *location)
{
  FrontlineParsedFeature *parsed = g_new0 (FrontlineParsedFeature, 1);

  parsed->feature = feature;
  parsed->location = g_strdup (location);
  parsed->area_m2 = NAN;

  return parsed;
}

/**
 * frontline_feature_reader_add_ring:
 * @where: the ring, for messages ("polygon 0, ring 1")
 * @x: (array length=n): longitudes
 * @y: (array length=n): latitudes
 *
 * Checks a ring as GeoJSON's are checked (finite, within ±180 and ±90, at
 * least 4 positions, closed: closed with a warning when open) and adds it to
 * @builder, after frontline_geometry_builder_begin_polygon() for the first
 * ring of each polygon.
 */
gboolean
frontline_feature_reader_add_ring (FrontlineParsedFeature    *parsed,
                                   FrontlineGeometryBuilder  *builder,
                                   const char                *file,
                                   const char                *where,
                                   const double              *x,
                                   const double              *y,
                                   guint                      n,
                                   GError                   **error)
{
  Reader r = { builder, file, where, parsed, error };

  frontline_geometry_builder_begin_ring (builder);
  for (guint i = 0; i < n; i++)
    if (!check_position (&r, parsed->location, i, x[i], y[i]))
      return FALSE;

  return end_ring (&r, parsed->location, n);
}

/**
 * frontline_feature_reader_finish_area:
 * @builder: (transfer full): the rings added
 *
 * Makes @parsed an area: packs the geometry, repairs it with GEOS when it is
 * invalid (within the same budget as GeoJSON's) and computes its area.
 */
void
frontline_feature_reader_finish_area (FrontlineParsedFeature   *parsed,
                                      FrontlineGeometryBuilder *builder,
                                      gboolean                  multi,
                                      GCancellable             *cancellable)
{
  finish_area (parsed, builder, multi, parsed->location, parsed->location, cancellable);
  parsed->is_area = TRUE;
}
