/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-dataset-save"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "frontline-model-private.h"

/* Writing a dataset back: every member of the root object and of every
 * feature that the load kept goes out as it came in; the geometry of areas
 * comes from the packed arrays, as the file had it (before any repair). */

static void
append_node (GString  *out,
             JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize length = 0;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  g_string_append_len (out, text, (gssize) length);
}

static void
append_string (GString    *out,
               const char *text)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);

  append_node (out, node);
}

/* The shortest decimal that reads back as the same double. */
static void
append_coordinate (GString *out,
                   double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 6; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  g_string_append (out, buf);
}

static void
append_geometry (GString                 *out,
                 const FrontlineGeometry *geometry)
{
  gboolean multi = geometry->n_polygons != 1;

  g_string_append (out, multi ? "{\"type\":\"MultiPolygon\",\"coordinates\":["
                              : "{\"type\":\"Polygon\",\"coordinates\":");

  for (guint p = 0; p < geometry->n_polygons; p++)
    {
      if (p > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '[');
      for (guint r = geometry->polygons[p]; r < geometry->polygons[p + 1]; r++)
        {
          if (r > geometry->polygons[p])
            g_string_append_c (out, ',');
          g_string_append_c (out, '[');
          for (guint i = geometry->rings[r]; i < geometry->rings[r + 1]; i++)
            {
              if (i > geometry->rings[r])
                g_string_append_c (out, ',');
              g_string_append_c (out, '[');
              append_coordinate (out, geometry->coords[2 * i]);
              g_string_append_c (out, ',');
              append_coordinate (out, geometry->coords[2 * i + 1]);
              g_string_append_c (out, ']');
            }
          g_string_append_c (out, ']');
        }
      g_string_append_c (out, ']');
    }

  g_string_append (out, multi ? "]}" : "}");
}

static void
append_feature (GString       *out,
                JsonObject    *feature,
                FrontlineArea *area)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  json_object_iter_init_ordered (&iter, feature);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      append_string (out, name);
      g_string_append_c (out, ':');
      append_node (out, value);
    }

  if (area != NULL)
    {
      if (!first)
        g_string_append_c (out, ',');
      g_string_append (out, "\"geometry\":");
      append_geometry (out, area->original_geometry ? area->original_geometry : area->geometry);
    }

  g_string_append_c (out, '}');
}

/* The "frontline" member with the stops as they are now: added, edited,
 * deleted or reordered by the user; every other member as read. */
static JsonNode *
with_stops (FrontlineDataset *self,
            JsonObject       *meta)
{
  g_autoptr(JsonObject) copy = json_object_new ();
  JsonArray *stops = json_array_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, meta);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    json_object_set_member (copy, name, json_node_copy (value));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->stops)); i++)
    {
      g_autoptr(FrontlineStop) stop = g_list_model_get_item (G_LIST_MODEL (self->stops), i);

      json_array_add_object_element (stops, frontline_stop_to_json (stop));
    }

  if (json_array_get_length (stops) > 0 || json_object_has_member (copy, "stops"))
    json_object_set_array_member (copy, "stops", stops);
  else
    json_array_unref (stops);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, copy);
  return node;
}

/**
 * frontline_dataset_save:
 * @file: where to write, usually the file the dataset came from
 *
 * Writes the dataset as GeoJSON, atomically: the file is written under a
 * temporary name and renamed over @file, so a failure never leaves half a
 * file or loses the one it would have replaced. Members and properties
 * Frontline does not know are written back as they were read.
 *
 * Returns: whether the file was written
 */
gboolean
frontline_dataset_save (FrontlineDataset  *self,
                        GFile             *file,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autoptr(GString) out = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->is_folder || self->root == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("A dataset read from a folder of files cannot be written back to it"));
      return FALSE;
    }

  out = g_string_new ("{");
  json_object_iter_init_ordered (&iter, self->root);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      append_string (out, name);
      g_string_append_c (out, ':');
      if (g_str_equal (name, "frontline") && JSON_NODE_HOLDS_OBJECT (value))
        {
          g_autoptr(JsonNode) meta = with_stops (self, json_node_get_object (value));

          append_node (out, meta);
        }
      else
        append_node (out, value);
      g_string_append (out, ",\n");
    }

  /* A plain GeoJSON file gets a "frontline" member once it has stops. */
  if (!json_object_has_member (self->root, "frontline") &&
      g_list_model_get_n_items (G_LIST_MODEL (self->stops)) > 0)
    {
      g_autoptr(JsonObject) empty = json_object_new ();
      g_autoptr(JsonNode) meta = NULL;

      json_object_set_int_member (empty, "version", 1);
      meta = with_stops (self, empty);
      g_string_append (out, "\"frontline\":");
      append_node (out, meta);
      g_string_append (out, ",\n");
    }

  g_string_append (out, "\"features\":[\n");
  for (guint i = 0; i < self->features->len; i++)
    {
      if (i > 0)
        g_string_append (out, ",\n");
      append_feature (out, g_ptr_array_index (self->features, i),
                      g_ptr_array_index (self->feature_areas, i));
    }
  g_string_append (out, "\n]}\n");

  return g_file_replace_contents (file, out->str, out->len, NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                  cancellable, error);
}
