/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-loader"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "frontline-loader-private.h"
#include "frontline-metadata-reader.h"

/* The root object and its "frontline" member: the version, factions and
 * their palette, sources, quotes, stops, views and the dataset's metadata.
 * The mirror of frontline-dataset-save.c. */

/* What a map can show: Web Mercator's latitudes, zoom levels 0 to 20. */
#define MAX_VIEW_LATITUDE 85.0511
#define MAX_VIEW_ZOOM 20.0

static gboolean
view_is_sane (double lon,
              double lat,
              double zoom)
{
  return isfinite (lon) && isfinite (lat) && isfinite (zoom) &&
         fabs (lon) <= 180.0 && fabs (lat) <= MAX_VIEW_LATITUDE &&
         zoom >= 0.0 && zoom <= MAX_VIEW_ZOOM;
}

static gboolean
bbox_is_sane (const double bbox[4])
{
  for (guint k = 0; k < 4; k++)
    if (!isfinite (bbox[k]))
      return FALSE;

  return fabs (bbox[0]) <= 180.0 && fabs (bbox[2]) <= 180.0 &&
         fabs (bbox[1]) <= 90.0 && fabs (bbox[3]) <= 90.0 &&
         bbox[0] < bbox[2] && bbox[1] < bbox[3];
}

/* A stop's drawings on the map: each checked by
 * frontline_annotation_new_from_json(); one that is not right is left out
 * with a diagnostic naming it, the rest kept. */
static void
read_annotations (FrontlineDataset *ds,
                  JsonObject       *object,
                  const char       *path,
                  FrontlineStop    *stop)
{
  JsonNode *member = json_object_get_member (object, "annotations");
  JsonArray *array;
  guint n;

  if (member == NULL)
    return;
  if (!JSON_NODE_HOLDS_ARRAY (member))
    {
      frontline_dataset_add_diagnostic (ds, path, _("\"annotations\" must be an array of GeoJSON features; ignored"));
      return;
    }
  array = json_node_get_array (member);
  n = json_array_get_length (array);
  if (n > FRONTLINE_ANNOTATION_MAX_PER_STOP)
    {
      frontline_dataset_add_diagnostic (ds, path, _("%u annotations, more than %u; the first %u kept"),
                                        n, FRONTLINE_ANNOTATION_MAX_PER_STOP, FRONTLINE_ANNOTATION_MAX_PER_STOP);
      n = FRONTLINE_ANNOTATION_MAX_PER_STOP;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      FrontlineAnnotation *annotation = frontline_annotation_new_from_json (json_array_get_element (array, i), &error);

      if (annotation != NULL)
        g_ptr_array_add (stop->annotations, annotation);
      else
        {
          g_autofree char *where = g_strdup_printf ("%s/annotations/%u", path, i);

          /* Translators: %s says what is wrong with the annotation */
          frontline_dataset_add_diagnostic (ds, where, _("%s; ignored"), error->message);
        }
    }
}

/* Okabe and Ito's palette: told apart with every common colour vision deficiency. */
static const char * const palette[] = {
  "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#f0e442", "#000000",
};

static double
hue_to_rgb (double p,
            double q,
            double t)
{
  t -= floor (t);
  if (t < 1.0 / 6)
    return p + (q - p) * 6 * t;
  if (t < 1.0 / 2)
    return q;
  if (t < 2.0 / 3)
    return p + (q - p) * (2.0 / 3 - t) * 6;
  return p;
}

/* Okabe and Ito's eight, then hues a golden angle apart, at lightnesses and
 * saturations that change with each turn round the wheel: deterministic,
 * and neighbours in the list never look alike. */
void
frontline_loader_palette_color (guint index,
                                char  color[8])
{
  static const double lightness[] = { 0.45, 0.62, 0.33, 0.72, 0.54 };
  static const double saturation[] = { 0.75, 0.55, 0.90 };
  double h, l, sat, q, p;
  guint n;

  if (index < G_N_ELEMENTS (palette))
    {
      g_strlcpy (color, palette[index], 8);
      return;
    }

  n = index - G_N_ELEMENTS (palette);
  h = fmod (n * 0.38196601125, 1.0);  /* the golden angle, as a share of a turn */
  l = lightness[n % G_N_ELEMENTS (lightness)];
  sat = saturation[(n / G_N_ELEMENTS (lightness)) % G_N_ELEMENTS (saturation)];
  q = l < 0.5 ? l * (1 + sat) : l + sat - l * sat;
  p = 2 * l - q;

  g_snprintf (color, 8, "#%02x%02x%02x",
              (guint) lround (255 * hue_to_rgb (p, q, h + 1.0 / 3)),
              (guint) lround (255 * hue_to_rgb (p, q, h)),
              (guint) lround (255 * hue_to_rgb (p, q, h - 1.0 / 3)));
}

FrontlineFaction *
frontline_loader_add_faction (FrontlineLoaderBuilder *b,
                              const char             *id,
                              const char             *name,
                              const char             *color)
{
  FrontlineFaction *faction = g_object_new (FRONTLINE_TYPE_FACTION, NULL);
  char generated[8];

  faction->id = g_strdup (id);
  faction->name = g_strdup (name ? name : id);
  if (color == NULL || !frontline_loader_parse_color (color, faction->rgb))
    {
      /* A colour no faction has yet (unless every one is taken). */
      do
        frontline_loader_palette_color (b->next_color++, generated);
      while (b->colors != NULL && g_hash_table_contains (b->colors, generated) &&
             b->next_color < G_MAXUINT / 2);
      color = generated;
      frontline_loader_parse_color (color, faction->rgb);
    }
  faction->color = g_ascii_strdown (color, -1);
  if (b->colors != NULL)
    g_hash_table_add (b->colors, g_strdup (faction->color));

  g_list_store_append (b->dataset->factions, faction);
  g_hash_table_insert (b->dataset->faction_by_id, faction->id, faction);
  g_object_unref (faction);

  return faction;
}

static gboolean
read_metadata (FrontlineLoaderBuilder  *b,
               JsonObject              *meta,
               GError                 **error)
{
  FrontlineDataset *ds = b->dataset;
  JsonArray *array;

  if (json_object_has_member (meta, "version"))
    {
      double version = 0;

      if (!frontline_loader_get_number (json_object_get_member (meta, "version"), &version))
        {
          frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file,
                                      "/frontline/version",
                                      _("expected a number"));
          return FALSE;
        }
      if (version > 1)
        frontline_dataset_add_diagnostic (ds, "/frontline/version",
                                          _("written for format version %g; this Frontline reads version 1, and may miss what is new"),
                                          version);
    }

  g_free (ds->title);
  ds->title = frontline_loader_dup_string_member (meta, "title");
  ds->description = frontline_loader_dup_string_member (meta, "description");
  ds->attribution = frontline_loader_dup_string_member (meta, "attribution");
  ds->license = frontline_loader_dup_string_member (meta, "license");

#define GET_ARRAY(name) \
  (json_object_has_member (meta, name) && \
   JSON_NODE_HOLDS_ARRAY (json_object_get_member (meta, name)) \
   ? json_object_get_array_member (meta, name) : NULL)

  if ((array = GET_ARRAY ("factions")) != NULL)
    {
      b->has_factions = TRUE;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          g_autofree char *path = g_strdup_printf ("/frontline/factions/%u", i);
          JsonObject *object;
          const char *id;
          const char *color;
          FrontlineFaction *faction;
          double rgb[3];

          if (!JSON_NODE_HOLDS_OBJECT (node) ||
              (id = frontline_loader_get_string_member (object = json_node_get_object (node),
                                                        "id")) == NULL)
            {
              frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, path,
                                          _("expected a faction object with a string \"id\""));
              return FALSE;
            }
          if (g_hash_table_contains (ds->faction_by_id, id))
            {
              frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_INVALID, b->file, path,
                                          _("a second faction with id “%s”"), id);
              return FALSE;
            }

          color = frontline_loader_get_string_member (object, "color");
          if (color != NULL && !frontline_loader_parse_color (color, rgb))
            {
              frontline_dataset_add_diagnostic (ds, path,
                                                _("colour “%s” is not #rrggbb; given another"), color);
              color = NULL;
            }
          faction = frontline_loader_add_faction (b, id,
                                                  frontline_loader_get_string_member (object, "name"),
                                                  color);
          faction->hatch = frontline_loader_dup_string_member (object, "hatch");
        }
    }

  if ((array = GET_ARRAY ("sources")) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          g_autofree char *path = g_strdup_printf ("/frontline/sources/%u", i);
          FrontlineSource *source;
          JsonObject *object;
          const char *id;

          if (!JSON_NODE_HOLDS_OBJECT (node) ||
              (id = frontline_loader_get_string_member (object = json_node_get_object (node),
                                                        "id")) == NULL)
            {
              frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, path,
                                          _("expected a source object with a string \"id\""));
              return FALSE;
            }

          source = g_object_new (FRONTLINE_TYPE_SOURCE, NULL);
          source->id = g_strdup (id);
          source->title = frontline_loader_dup_string_member (object, "title");
          source->publisher = frontline_loader_dup_string_member (object, "publisher");
          source->author = frontline_loader_dup_string_member (object, "author");
          source->url = frontline_loader_dup_string_member (object, "url");
          source->published = frontline_loader_dup_string_member (object, "published");
          source->date_precision = frontline_loader_dup_string_member (object, "date_precision");
          source->language = frontline_loader_dup_string_member (object, "language");
          source->notes = frontline_loader_dup_string_member (object, "notes");

          /* "unknown" is what the format asks for when the source does not say. */
          if (source->published != NULL && !g_str_equal (source->published, "unknown"))
            {
              FrontlineDay day;

              if (!frontline_day_parse (source->published, &day))
                {
                  frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_INVALID, b->file, path,
                                              _("invalid date “%s” in \"published\"; expected YYYY-MM-DD"),
                                              source->published);
                  g_object_unref (source);
                  return FALSE;
                }
            }

          g_list_store_append (ds->sources, source);
          g_hash_table_insert (ds->source_by_id, source->id, source);
          g_object_unref (source);
        }
    }

  if ((array = GET_ARRAY ("quotes")) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          g_autofree char *path = g_strdup_printf ("/frontline/quotes/%u", i);
          g_autoptr(FrontlineQuote) quote = NULL;
          JsonObject *object;
          JsonNode *location;

          if (!JSON_NODE_HOLDS_OBJECT (node) ||
              frontline_loader_get_string_member (object = json_node_get_object (node),
                                                  "text") == NULL)
            {
              frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, path,
                                          _("expected a quote object with a string \"text\""));
              return FALSE;
            }

          quote = g_object_new (FRONTLINE_TYPE_QUOTE, NULL);
          quote->id = frontline_loader_dup_string_member (object, "id");
          quote->text = frontline_loader_dup_string_member (object, "text");
          quote->speaker = frontline_loader_dup_string_member (object, "speaker");
          quote->role = frontline_loader_dup_string_member (object, "role");
          quote->date = frontline_loader_dup_string_member (object, "date");
          if (json_object_has_member (object, "date_precision"))
            {
              JsonNode *precision = json_object_get_member (object, "date_precision");
              const char *value = JSON_NODE_HOLDS_VALUE (precision) &&
                                  json_node_get_value_type (precision) == G_TYPE_STRING ?
                                  json_node_get_string (precision) : NULL;

              if (!frontline_date_precision_is_valid (value))
                {
                  g_autofree char *where = g_strconcat (path, "/date_precision", NULL);

                  frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_INVALID, b->file, where,
                                              _("invalid date precision “%s”; expected “day”, “approximate”, “month” or “year”"),
                                              value != NULL ? value : _("(not a string)"));
                  return FALSE;
                }
              quote->date_precision = g_strdup (value);
            }
          quote->source_id = frontline_loader_dup_string_member (object, "source");

          if (quote->source_id == NULL)
            {
              frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, path,
                                          _("quote has no \"source\"; every quote must name its source"));
              return FALSE;
            }
          quote->source = g_hash_table_lookup (ds->source_by_id, quote->source_id);
          if (quote->source != NULL)
            g_object_ref (quote->source);
          else
            {
              frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_INVALID, b->file, path,
                                          _("quote cites source “%s”, which the dataset does not list"),
                                          quote->source_id);
              return FALSE;
            }

          if (quote->date == NULL)
            frontline_dataset_add_diagnostic (ds, path, _("quote has no date; it shows in “All quotes” only"));
          else if (!frontline_day_parse (quote->date, &quote->day))
            {
              frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_INVALID, b->file, path,
                                          _("invalid date “%s”; expected YYYY-MM-DD"), quote->date);
              return FALSE;
            }

          location = json_object_has_member (object, "location")
                     ? json_object_get_member (object, "location") : NULL;
          if (location != NULL && JSON_NODE_HOLDS_ARRAY (location))
            {
              JsonArray *xy = json_node_get_array (location);

              quote->has_location = json_array_get_length (xy) >= 2 &&
                                    frontline_loader_get_number (json_array_get_element (xy, 0),
                                                                 &quote->lon) &&
                                    frontline_loader_get_number (json_array_get_element (xy, 1),
                                                                 &quote->lat) &&
                                    fabs (quote->lat) <= 90 && fabs (quote->lon) <= 180;
              if (!quote->has_location)
                frontline_dataset_add_diagnostic (ds, path, _("\"location\" is not [longitude, latitude]; ignored"));
            }
          else if (location != NULL && JSON_NODE_HOLDS_VALUE (location) &&
                   json_node_get_value_type (location) == G_TYPE_STRING)
            quote->place = g_strdup (json_node_get_string (location));

          if (quote->id != NULL)
            g_hash_table_insert (ds->quote_by_id, quote->id, quote);
          g_list_store_append (ds->quotes, quote);
        }
    }

  if ((array = GET_ARRAY ("stops")) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          g_autofree char *path = g_strdup_printf ("/frontline/stops/%u", i);
          g_autoptr(FrontlineStop) stop = NULL;
          JsonObject *object;
          JsonObject *view = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            {
              frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, path,
                                          _("expected a stop object"));
              return FALSE;
            }

          object = json_node_get_object (node);
          stop = g_object_new (FRONTLINE_TYPE_STOP, NULL);
          stop->object = json_object_ref (object);
          stop->title = frontline_loader_dup_string_member (object, "title");
          stop->date = frontline_loader_dup_string_member (object, "date");
          stop->caption = frontline_loader_dup_string_member (object, "caption");
          stop->id = frontline_loader_dup_string_member (object, "id");
          stop->notes = frontline_loader_dup_string_member (object, "notes");
          if (json_object_has_member (object, "duration"))
            {
              double seconds;

              if (frontline_loader_get_number (json_object_get_member (object, "duration"), &seconds) &&
                  seconds >= 0 && seconds <= FRONTLINE_STOP_MAX_DURATION)
                stop->duration = seconds;
              else
                frontline_dataset_add_diagnostic (ds, path, _("\"duration\" must be seconds from 0 to 60; ignored"));
            }
          if (stop->notes != NULL && stop->notes[0] == '\0')
            g_clear_pointer (&stop->notes, g_free);

          if (stop->date == NULL || !frontline_day_parse (stop->date, &stop->day))
            {
              frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_INVALID, b->file, path,
                                          _("invalid or missing date “%s”; expected YYYY-MM-DD"),
                                          stop->date ? stop->date : "");
              return FALSE;
            }

          if (frontline_loader_get_string_member (object, "compare") != NULL &&
              !frontline_day_parse (frontline_loader_get_string_member (object, "compare"),
                                    &stop->compare_day))
            frontline_dataset_add_diagnostic (ds, path, _("invalid \"compare\" date; ignored"));

          if (json_object_has_member (object, "view") &&
              JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "view")))
            view = json_object_get_object_member (object, "view");

          if (view != NULL && json_object_has_member (view, "center") &&
              JSON_NODE_HOLDS_ARRAY (json_object_get_member (view, "center")))
            {
              JsonArray *c = json_object_get_array_member (view, "center");

              stop->has_center = json_array_get_length (c) >= 2 &&
                                 frontline_loader_get_number (json_array_get_element (c, 0),
                                                              &stop->lon) &&
                                 frontline_loader_get_number (json_array_get_element (c, 1),
                                                              &stop->lat) &&
                                 frontline_loader_get_number (json_object_get_member (view, "zoom"),
                                                              &stop->zoom);
            }
          if (view != NULL && json_object_has_member (view, "bbox") &&
              JSON_NODE_HOLDS_ARRAY (json_object_get_member (view, "bbox")))
            {
              JsonArray *c = json_object_get_array_member (view, "bbox");

              stop->has_bbox = json_array_get_length (c) == 4;
              for (guint k = 0; k < 4 && stop->has_bbox; k++)
                stop->has_bbox = frontline_loader_get_number (json_array_get_element (c, k),
                                                              &stop->bbox[k]);
              if (stop->has_bbox && !bbox_is_sane (stop->bbox))
                {
                  frontline_dataset_add_diagnostic (ds, path,
                                                    _("\"bbox\" [%g, %g, %g, %g] is not [west, south, east, north] within longitude ±180, latitude ±90; ignored"),
                                                    stop->bbox[0], stop->bbox[1], stop->bbox[2], stop->bbox[3]);
                  stop->has_bbox = FALSE;
                  memset (stop->bbox, 0, sizeof stop->bbox);
                }
            }
          if (stop->has_center && !view_is_sane (stop->lon, stop->lat, stop->zoom))
            {
              frontline_dataset_add_diagnostic (ds, path,
                                                _("view centre [%g, %g] at zoom %g is off the map (longitude ±180, latitude ±85.0511, zoom 0 to 20); ignored"),
                                                stop->lon, stop->lat, stop->zoom);
              stop->has_center = FALSE;
              stop->lon = stop->lat = stop->zoom = 0;
            }
          if (view != NULL && !stop->has_center && !stop->has_bbox)
            frontline_dataset_add_diagnostic (ds, path,
                                              _("\"view\" needs \"center\" and \"zoom\", or \"bbox\"; ignored"));

          if (json_object_has_member (object, "quotes") &&
              JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "quotes")))
            {
              JsonArray *ids = json_object_get_array_member (object, "quotes");
              g_autoptr(GStrvBuilder) strv = g_strv_builder_new ();

              for (guint k = 0; k < json_array_get_length (ids); k++)
                {
                  const char *id = json_node_get_string (json_array_get_element (ids, k));

                  if (id == NULL || !g_hash_table_contains (ds->quote_by_id, id))
                    frontline_dataset_add_diagnostic (ds, path, _("cites quote “%s”, which the dataset does not list"),
                                                      id ? id : "");
                  else
                    g_strv_builder_add (strv, id);
                }
              stop->quote_ids = g_strv_builder_end (strv);
            }

          read_annotations (ds, object, path, stop);

          g_list_store_append (ds->stops, stop);
        }
    }

#undef GET_ARRAY

  if (json_object_has_member (meta, "default_view"))
    {
      JsonNode *node = json_object_get_member (meta, "default_view");
      JsonObject *view = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *center = view && json_object_has_member (view, "center")
                         ? json_object_get_member (view, "center") : NULL;
      JsonArray *xy = center && JSON_NODE_HOLDS_ARRAY (center) ? json_node_get_array (center) : NULL;

      ds->has_default_view = xy != NULL && json_array_get_length (xy) >= 2 &&
                             frontline_loader_get_number (json_array_get_element (xy, 0),
                                                          &ds->default_view[0]) &&
                             frontline_loader_get_number (json_array_get_element (xy, 1),
                                                          &ds->default_view[1]) &&
                             frontline_loader_get_number (json_object_get_member (view, "zoom"),
                                                          &ds->default_view[2]);
      if (!ds->has_default_view)
        frontline_dataset_add_diagnostic (ds, "/frontline/default_view",
                                          _("expected { \"center\": [longitude, latitude], \"zoom\": z }; ignored"));
      else if (!view_is_sane (ds->default_view[0], ds->default_view[1], ds->default_view[2]))
        {
          frontline_dataset_add_diagnostic (ds, "/frontline/default_view",
                                            _("view centre [%g, %g] at zoom %g is off the map (longitude ±180, latitude ±85.0511, zoom 0 to 20); ignored"),
                                            ds->default_view[0], ds->default_view[1], ds->default_view[2]);
          ds->has_default_view = FALSE;
          memset (ds->default_view, 0, sizeof ds->default_view);
        }
    }

  return TRUE;
}

gboolean
frontline_metadata_reader_read_root (FrontlineLoaderBuilder  *b,
                                     JsonObject              *root,
                                     GError                 **error)
{
  const char *type = frontline_loader_get_string_member (root, "type");

  if (g_strcmp0 (type, "FeatureCollection") != 0)
    {
      frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, "/type",
                                  _("expected a GeoJSON FeatureCollection, found “%s”"), type ? type : _("no type"));
      return FALSE;
    }

  if (json_object_has_member (root, "frontline"))
    {
      JsonNode *meta = json_object_get_member (root, "frontline");

      if (!JSON_NODE_HOLDS_OBJECT (meta))
        {
          frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file,
                                      "/frontline",
                                      _("expected an object of Frontline's members"));
          return FALSE;
        }
      if (!read_metadata (b, json_node_get_object (meta), error))
        return FALSE;
    }

  return TRUE;
}
