/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-annotation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "frontline-annotation.h"

/* Drawings on the map, kept in stops (see frontline-annotation.h for the
 * format). What a file says is checked here, once: whatever it holds, an
 * annotation that comes out is drawable (finite coordinates on the map,
 * bounded text, width and radius). */

G_DEFINE_BOXED_TYPE (FrontlineAnnotation, frontline_annotation,
                     frontline_annotation_copy, frontline_annotation_free)

static const char * const kind_names[] = { "arrow", "line", "circle", "text", "freehand" };

/* The map's own red, as GNOME's palette has it. */
static const double default_rgba[4] = { 0xc0 / 255.0, 0x1c / 255.0, 0x28 / 255.0, 1.0 };

#define DEFAULT_WIDTH 4.0
#define MAX_LATITUDE  85.0511287798066

const char *
frontline_annotation_kind_to_string (FrontlineAnnotationKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

gboolean
frontline_annotation_kind_from_string (const char              *name,
                                       FrontlineAnnotationKind *kind)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (name, kind_names[i]))
      {
        *kind = (FrontlineAnnotationKind) i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
is_point_kind (FrontlineAnnotationKind kind)
{
  return kind == FRONTLINE_ANNOTATION_CIRCLE || kind == FRONTLINE_ANNOTATION_TEXT;
}

FrontlineAnnotation *
frontline_annotation_new (FrontlineAnnotationKind  kind,
                          const double            *points,
                          guint                    n_points)
{
  FrontlineAnnotation *self;

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  g_return_val_if_fail (points != NULL || n_points == 0, NULL);

  self = g_new0 (FrontlineAnnotation, 1);
  self->kind = kind;
  memcpy (self->rgba, default_rgba, sizeof self->rgba);
  self->width = DEFAULT_WIDTH;
  self->n_points = n_points;
  self->points = g_memdup2 (points, sizeof (double) * 2 * n_points);

  return self;
}

FrontlineAnnotation *
frontline_annotation_copy (const FrontlineAnnotation *self)
{
  FrontlineAnnotation *copy = g_new (FrontlineAnnotation, 1);

  *copy = *self;
  copy->text = g_strdup (self->text);
  copy->points = g_memdup2 (self->points, sizeof (double) * 2 * self->n_points);

  return copy;
}

void
frontline_annotation_free (FrontlineAnnotation *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self->points);
  g_free (self);
}

/* Valid UTF-8 of at most MAX_TEXT_CHARS characters, whatever @text is. */
static char *
bounded_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  if (g_utf8_strlen (valid, -1) <= FRONTLINE_ANNOTATION_MAX_TEXT_CHARS)
    return g_steal_pointer (&valid);
  return g_utf8_substring (valid, 0, FRONTLINE_ANNOTATION_MAX_TEXT_CHARS);
}

void
frontline_annotation_set_text (FrontlineAnnotation *self,
                               const char          *text)
{
  g_free (self->text);
  self->text = text != NULL ? bounded_text (text) : NULL;
}

/**
 * frontline_annotation_parse_color:
 * @text: "#rrggbb" or "#rrggbbaa"
 *
 * Returns: whether @text is such a colour; @rgba is set only then
 */
gboolean
frontline_annotation_parse_color (const char *text,
                                  double      rgba[4])
{
  size_t length;
  double parsed[4] = { 0, 0, 0, 1 };

  if (text == NULL || text[0] != '#')
    return FALSE;
  length = strlen (text + 1);
  if (length != 6 && length != 8)
    return FALSE;
  for (size_t i = 0; i < length; i += 2)
    {
      int high = g_ascii_xdigit_value (text[1 + i]);
      int low = g_ascii_xdigit_value (text[2 + i]);

      if (high < 0 || low < 0)
        return FALSE;
      parsed[i / 2] = (high * 16 + low) / 255.0;
    }
  memcpy (rgba, parsed, sizeof parsed);

  return TRUE;
}

static gboolean
read_position (JsonNode *node,
               double   *lon,
               double   *lat)
{
  JsonArray *array;
  JsonNode *x, *y;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) < 2)
    return FALSE;
  x = json_array_get_element (array, 0);
  y = json_array_get_element (array, 1);
  if (!JSON_NODE_HOLDS_VALUE (x) || !JSON_NODE_HOLDS_VALUE (y))
    return FALSE;
  if ((json_node_get_value_type (x) != G_TYPE_DOUBLE && json_node_get_value_type (x) != G_TYPE_INT64) ||
      (json_node_get_value_type (y) != G_TYPE_DOUBLE && json_node_get_value_type (y) != G_TYPE_INT64))
    return FALSE;
  *lon = json_node_get_double (x);
  *lat = json_node_get_double (y);

  return isfinite (*lon) && isfinite (*lat) &&
         fabs (*lon) <= 180.0 && fabs (*lat) <= MAX_LATITUDE;
}

static FrontlineAnnotation *
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return NULL;
}

static gboolean
read_number (JsonObject *object,
             const char *name,
             double     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64))
    return FALSE;
  *value = json_node_get_double (node);
  return isfinite (*value);
}

static const char *
read_string (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * frontline_annotation_new_from_json:
 * @node: a GeoJSON feature as frontline-annotation.h describes it
 *
 * Returns: (transfer full) (nullable): the annotation, or %NULL with
 *   @error saying what is wrong, in words for a diagnostic
 */
FrontlineAnnotation *
frontline_annotation_new_from_json (JsonNode  *node,
                                    GError   **error)
{
  g_autoptr(FrontlineAnnotation) self = NULL;
  JsonObject *feature, *geometry, *properties;
  JsonNode *member;
  FrontlineAnnotationKind kind;
  const char *type, *color, *text;
  JsonArray *coordinates = NULL;
  guint n_points;
  g_autofree double *points = NULL;
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return set_invalid (error, _("an annotation must be a GeoJSON feature"));
  feature = json_node_get_object (node);
  member = json_object_get_member (feature, "properties");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    return set_invalid (error, _("an annotation needs \"properties\" with its \"kind\""));
  properties = json_node_get_object (member);
  if (!frontline_annotation_kind_from_string (read_string (properties, "kind"), &kind))
    return set_invalid (error, _("an annotation's \"kind\" must be arrow, line, circle, text or freehand"));

  member = json_object_get_member (feature, "geometry");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    return set_invalid (error, _("an annotation needs a \"geometry\""));
  geometry = json_node_get_object (member);
  type = read_string (geometry, "type");
  member = json_object_get_member (geometry, "coordinates");

  if (is_point_kind (kind))
    {
      if (g_strcmp0 (type, "Point") != 0)
        return set_invalid (error, _("a circle or a text annotation must be a Point"));
      points = g_new (double, 2);
      if (!read_position (member, &points[0], &points[1]))
        return set_invalid (error, _("an annotation's point must be [longitude, latitude] on the map"));
      n_points = 1;
    }
  else
    {
      if (g_strcmp0 (type, "LineString") != 0)
        return set_invalid (error, _("an arrow, a line or a freehand annotation must be a LineString"));
      if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
        return set_invalid (error, _("an annotation's line needs \"coordinates\""));
      coordinates = json_node_get_array (member);
      n_points = json_array_get_length (coordinates);
      if (n_points < 2 || n_points > FRONTLINE_ANNOTATION_MAX_POINTS)
        return set_invalid (error, _("an annotation's line must have 2 to 100000 points"));
      points = g_new (double, 2 * (gsize) n_points);
      for (guint i = 0; i < n_points; i++)
        if (!read_position (json_array_get_element (coordinates, i), &points[2 * i], &points[2 * i + 1]))
          return set_invalid (error, _("an annotation's points must be [longitude, latitude] on the map"));
    }

  self = frontline_annotation_new (kind, points, n_points);

  color = read_string (properties, "color");
  if (color != NULL && !frontline_annotation_parse_color (color, self->rgba))
    return set_invalid (error, _("an annotation's \"color\" must be #rrggbb or #rrggbbaa"));

  if (json_object_has_member (properties, "width"))
    {
      if (!read_number (properties, "width", &value) ||
          value < FRONTLINE_ANNOTATION_MIN_WIDTH || value > FRONTLINE_ANNOTATION_MAX_WIDTH)
        return set_invalid (error, _("an annotation's \"width\" must be a number of pixels from 0.5 to 48"));
      self->width = value;
    }

  if (kind == FRONTLINE_ANNOTATION_CIRCLE)
    {
      if (!read_number (properties, "radius", &value) || value <= 0 ||
          value > FRONTLINE_ANNOTATION_MAX_RADIUS)
        return set_invalid (error, _("a circle needs a \"radius\" in metres, up to 5000 km"));
      self->radius = value;
    }

  text = read_string (properties, "text");
  if (kind == FRONTLINE_ANNOTATION_TEXT)
    {
      if (text == NULL || text[0] == '\0')
        return set_invalid (error, _("a text annotation needs its \"text\""));
      frontline_annotation_set_text (self, text);
    }

  return g_steal_pointer (&self);
}

static JsonNode *
position_node (double lon,
               double lat)
{
  JsonArray *array = json_array_sized_new (2);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_array_add_double_element (array, lon);
  json_array_add_double_element (array, lat);
  json_node_take_array (node, array);

  return node;
}

/**
 * frontline_annotation_to_json:
 *
 * Returns: (transfer full): the annotation as a GeoJSON feature, as
 *   frontline_annotation_new_from_json() reads it
 */
JsonNode *
frontline_annotation_to_json (const FrontlineAnnotation *self)
{
  JsonObject *feature = json_object_new ();
  JsonObject *geometry = json_object_new ();
  JsonObject *properties = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  char color[10];

  json_object_set_string_member (feature, "type", "Feature");
  if (is_point_kind (self->kind))
    {
      json_object_set_string_member (geometry, "type", "Point");
      json_object_set_member (geometry, "coordinates", position_node (self->points[0], self->points[1]));
    }
  else
    {
      JsonArray *coordinates = json_array_sized_new (self->n_points);

      json_object_set_string_member (geometry, "type", "LineString");
      for (guint i = 0; i < self->n_points; i++)
        json_array_add_element (coordinates, position_node (self->points[2 * i], self->points[2 * i + 1]));
      json_object_set_array_member (geometry, "coordinates", coordinates);
    }
  json_object_set_object_member (feature, "geometry", geometry);

  json_object_set_string_member (properties, "kind", kind_names[self->kind]);
  if (self->rgba[3] >= 1.0)
    g_snprintf (color, sizeof color, "#%02x%02x%02x", (int) lround (self->rgba[0] * 255),
                (int) lround (self->rgba[1] * 255), (int) lround (self->rgba[2] * 255));
  else
    g_snprintf (color, sizeof color, "#%02x%02x%02x%02x", (int) lround (self->rgba[0] * 255),
                (int) lround (self->rgba[1] * 255), (int) lround (self->rgba[2] * 255),
                (int) lround (self->rgba[3] * 255));
  json_object_set_string_member (properties, "color", color);
  json_object_set_double_member (properties, "width", self->width);
  if (self->kind == FRONTLINE_ANNOTATION_CIRCLE)
    json_object_set_double_member (properties, "radius", self->radius);
  if (self->text != NULL)
    json_object_set_string_member (properties, "text", self->text);
  json_object_set_object_member (feature, "properties", properties);

  json_node_take_object (node, feature);

  return node;
}

void
frontline_annotation_get_bbox (const FrontlineAnnotation *self,
                               double                     bbox[4])
{
  bbox[0] = bbox[2] = self->points[0];
  bbox[1] = bbox[3] = self->points[1];
  for (guint i = 1; i < self->n_points; i++)
    {
      bbox[0] = MIN (bbox[0], self->points[2 * i]);
      bbox[1] = MIN (bbox[1], self->points[2 * i + 1]);
      bbox[2] = MAX (bbox[2], self->points[2 * i]);
      bbox[3] = MAX (bbox[3], self->points[2 * i + 1]);
    }
  if (self->kind == FRONTLINE_ANNOTATION_CIRCLE)
    {
      /* Degrees of latitude are about 111.32 km; of longitude, that times
       * the cosine of the latitude. */
      double dlat = self->radius / 111320.0;
      double dlon = dlat / MAX (0.01, cos (self->points[1] * G_PI / 180.0));

      bbox[0] = MAX (-180.0, bbox[0] - dlon);
      bbox[2] = MIN (180.0, bbox[2] + dlon);
      bbox[1] = MAX (-90.0, bbox[1] - dlat);
      bbox[3] = MIN (90.0, bbox[3] + dlat);
    }
}
