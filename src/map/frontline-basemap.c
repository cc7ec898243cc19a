/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-basemap"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "frontline-basemap.h"
#include "frontline-basemap-private.h"
#include "frontline-painter.h"
#include "frontline-projection.h"

/* The offline basemap: Natural Earth land, countries and admin-1 units,
 * GSHHG/WDBII rivers and GeoNames places (data/basemap/, README there), and
 * the cairo code that draws them into map tiles. Display-free: the tile
 * source and the exporter both draw through frontline_basemap_draw_tile(),
 * and the place names, above the control areas, through
 * frontline_basemap_draw_labels() (frontline-basemap-labels.c). */

G_DEFINE_FINAL_TYPE (FrontlineBasemap, frontline_basemap, G_TYPE_OBJECT)

static void
feature_free (gpointer data)
{
  Feature *feature = data;

  g_clear_pointer (&feature->geometry, frontline_geometry_unref);
  g_free (feature->name);
  g_free (feature);
}

static void
place_clear (gpointer data)
{
  FrontlineBasemapPlace *place = data;

  g_free (place->name);
  g_free (place->names);
  g_free (place->key);
}

/* Folds a name for search: "Korenëvo" and "Bol’shoye" are found as
 * "korenevo" and "bolshoye". Non-Latin scripts are only case-folded. */
static char *
fold_name (const char *name)
{
  g_autofree char *ascii = NULL;
  GString *key;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x0400 && c <= 0x04FF)  /* Cyrillic: no transliteration here */
        return g_utf8_casefold (name, -1);
    }

  ascii = g_str_to_ascii (name, "C");
  key = g_string_new (NULL);
  for (const char *p = ascii; *p != '\0'; p++)
    if (*p != '\'' && *p != '`' && *p != '?')
      g_string_append_c (key, g_ascii_tolower (*p));

  return g_string_free (key, FALSE);
}

static void
frontline_basemap_finalize (GObject *object)
{
  FrontlineBasemap *self = FRONTLINE_BASEMAP (object);

  g_clear_pointer (&self->land50, g_ptr_array_unref);
  g_clear_pointer (&self->countries50, g_ptr_array_unref);
  g_clear_pointer (&self->land10, g_ptr_array_unref);
  g_clear_pointer (&self->countries10, g_ptr_array_unref);
  g_clear_pointer (&self->admin1, g_ptr_array_unref);
  g_clear_pointer (&self->rivers, g_ptr_array_unref);
  g_clear_pointer (&self->lakes, g_ptr_array_unref);
  g_clear_pointer (&self->places, g_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->labels); i++)
    g_clear_pointer (&self->labels[i], _frontline_basemap_zoom_labels_free);
  g_clear_pointer (&self->label_sizes, g_free);
  g_mutex_clear (&self->labels_mutex);

  G_OBJECT_CLASS (frontline_basemap_parent_class)->finalize (object);
}

static void
frontline_basemap_class_init (FrontlineBasemapClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = frontline_basemap_finalize;
}

static void
frontline_basemap_init (FrontlineBasemap *self)
{
  g_mutex_init (&self->labels_mutex);
  self->places = g_array_new (FALSE, TRUE, sizeof (FrontlineBasemapPlace));
  g_array_set_clear_func (self->places, place_clear);
}

/* Loading */

static void
read_coordinates_into (FrontlineGeometryBuilder *builder,
                       JsonArray                *ring)
{
  for (guint i = 0; i < json_array_get_length (ring); i++)
    {
      JsonArray *xy = json_array_get_array_element (ring, i);

      frontline_geometry_builder_add_point (builder,
                                            json_array_get_double_element (xy, 0),
                                            json_array_get_double_element (xy, 1));
    }
}

/* Polygons as polygons; lines as polygons of one open ring each. */
static void
read_geometry_into (FrontlineGeometryBuilder *builder,
                    JsonObject               *geometry)
{
  const char *type = json_object_get_string_member_with_default (geometry, "type", "");
  JsonArray *coordinates;

  if (!json_object_has_member (geometry, "coordinates"))
    return;
  coordinates = json_object_get_array_member (geometry, "coordinates");

  if (g_str_equal (type, "Polygon") || g_str_equal (type, "MultiLineString"))
    {
      gboolean lines = g_str_equal (type, "MultiLineString");

      if (!lines)
        frontline_geometry_builder_begin_polygon (builder);
      for (guint r = 0; r < json_array_get_length (coordinates); r++)
        {
          if (lines)
            frontline_geometry_builder_begin_polygon (builder);
          frontline_geometry_builder_begin_ring (builder);
          read_coordinates_into (builder, json_array_get_array_element (coordinates, r));
        }
    }
  else if (g_str_equal (type, "MultiPolygon"))
    {
      for (guint p = 0; p < json_array_get_length (coordinates); p++)
        {
          JsonArray *rings = json_array_get_array_element (coordinates, p);

          frontline_geometry_builder_begin_polygon (builder);
          for (guint r = 0; r < json_array_get_length (rings); r++)
            {
              frontline_geometry_builder_begin_ring (builder);
              read_coordinates_into (builder, json_array_get_array_element (rings, r));
            }
        }
    }
  else if (g_str_equal (type, "LineString"))
    {
      frontline_geometry_builder_begin_polygon (builder);
      frontline_geometry_builder_begin_ring (builder);
      read_coordinates_into (builder, coordinates);
    }
}

static GPtrArray *
read_layer (const char  *resource_path,
            const char  *name,
            gboolean     optional,
            GError     **error)
{
  g_autofree char *path = g_build_path ("/", resource_path, name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) features = g_ptr_array_new_with_free_func (feature_free);
  JsonArray *array;
  gsize size = 0;
  const char *data;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, optional ? NULL : error);
  if (bytes == NULL)
    return optional ? g_steal_pointer (&features) : NULL;

  data = g_bytes_get_data (bytes, &size);
  if (!json_parser_load_from_data (parser, data, (gssize) size, error))
    return NULL;

  array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "features");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      JsonObject *properties = NULL;
      FrontlineGeometryBuilder *builder = frontline_geometry_builder_new ();
      Feature *feature = g_new0 (Feature, 1);

      if (json_object_has_member (object, "geometry") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "geometry")))
        read_geometry_into (builder, json_object_get_object_member (object, "geometry"));
      feature->geometry = frontline_geometry_builder_finish (builder);

      if (json_object_has_member (object, "properties") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "properties")))
        properties = json_object_get_object_member (object, "properties");
      if (properties != NULL)
        {
          const char *code = json_object_get_string_member_with_default (properties, "iso_a3",
                             json_object_get_string_member_with_default (properties, "country", ""));

          feature->name = g_strdup (json_object_get_string_member_with_default (properties, "name", NULL));
          g_strlcpy (feature->code, code, sizeof feature->code);
        }

      g_ptr_array_add (features, feature);
    }

  return g_steal_pointer (&features);
}

static gint
compare_population (gconstpointer a,
                    gconstpointer b)
{
  const FrontlineBasemapPlace *pa = a;
  const FrontlineBasemapPlace *pb = b;

  return (pa->population < pb->population) - (pa->population > pb->population);
}

static gboolean
read_places (FrontlineBasemap  *self,
             const char        *resource_path,
             GError           **error)
{
  g_autofree char *path = g_build_path ("/", resource_path, "places.tsv", NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  g_autofree char *text = NULL;
  char *line;
  char *next;

  if (bytes == NULL)
    return FALSE;

  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  /* Skip the header line. */
  next = strchr (text, '\n');
  for (line = next ? next + 1 : NULL; line != NULL && *line != '\0'; line = next)
    {
      g_auto(GStrv) fields = NULL;
      FrontlineBasemapPlace place = { 0 };

      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';

      fields = g_strsplit (line, "\t", 7);
      if (g_strv_length (fields) < 6)
        continue;

      place.name = g_strdup (fields[0]);
      place.names = g_strdup (fields[1]);
      place.lat = g_ascii_strtod (fields[2], NULL);
      place.lon = g_ascii_strtod (fields[3], NULL);
      place.population = (guint) g_ascii_strtoull (fields[4], NULL, 10);
      place.key = fold_name (fields[0]);
      g_strlcpy (place.country, fields[5], sizeof place.country);
      g_array_append_val (self->places, place);
    }

  g_array_sort (self->places, compare_population);
  _frontline_basemap_init_label_sizes (self);
  return TRUE;
}

/**
 * frontline_basemap_new_from_resources:
 * @resource_path: where the basemap's files are in the GResource
 *
 * Returns: (transfer full): the basemap, or %NULL with @error set
 */
FrontlineBasemap *
frontline_basemap_new_from_resources (const char  *resource_path,
                                      GError     **error)
{
  g_autoptr(FrontlineBasemap) self = g_object_new (FRONTLINE_TYPE_BASEMAP, NULL);

  if ((self->land50 = read_layer (resource_path, "land-50m.geojson", FALSE, error)) == NULL ||
      (self->countries50 = read_layer (resource_path, "countries-50m.geojson", FALSE, error)) == NULL ||
      (self->land10 = read_layer (resource_path, "land-10m.geojson", FALSE, error)) == NULL ||
      (self->countries10 = read_layer (resource_path, "countries-10m.geojson", FALSE, error)) == NULL ||
      (self->admin1 = read_layer (resource_path, "admin1-10m.geojson", FALSE, error)) == NULL ||
      (self->rivers = read_layer (resource_path, "rivers.geojson", FALSE, error)) == NULL ||
      (self->lakes = read_layer (resource_path, "lakes.geojson", TRUE, error)) == NULL ||
      !read_places (self, resource_path, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * frontline_basemap_get_default:
 *
 * The basemap bundled with Frontline, read the first time it is asked for
 * (from any thread) and kept.
 *
 * Returns: (transfer none): the bundled basemap
 */
static FrontlineBasemap *default_basemap;

FrontlineBasemap *
frontline_basemap_get_default (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GError) error = NULL;
      FrontlineBasemap *loaded;

      loaded = frontline_basemap_new_from_resources (RESOURCE_PATH "/basemap", &error);
      /* The data is compiled into the program: failing here is a build bug. */
      if (loaded == NULL)
        g_error ("The bundled basemap could not be read: %s", error->message);
      g_atomic_pointer_set (&default_basemap, loaded);
      g_once_init_leave (&initialized, 1);
    }

  return g_atomic_pointer_get (&default_basemap);
}

/**
 * frontline_basemap_peek_default:
 *
 * The bundled basemap if it has been read, without reading it: reading
 * takes seconds, which the main thread must not wait.
 *
 * Returns: (transfer none) (nullable): the bundled basemap, or %NULL
 */
FrontlineBasemap *
frontline_basemap_peek_default (void)
{
  return g_atomic_pointer_get (&default_basemap);
}

const char *
frontline_basemap_get_attribution (void)
{
  return _("Made with Natural Earth. Place names: GeoNames, CC BY 4.0. Rivers: GSHHG/WDBII, LGPL-3+");
}

/* Queries */

static const char *
country_in (GPtrArray *features,
            double     lon,
            double     lat)
{
  for (guint i = 0; i < features->len; i++)
    {
      Feature *feature = g_ptr_array_index (features, i);

      if (frontline_geometry_contains_point (feature->geometry, lon, lat))
        return feature->code;
    }

  return NULL;
}

gboolean
_frontline_basemap_in_theatre (double lon,
                               double lat)
{
  return lon >= FRONTLINE_THEATRE_WEST && lon <= FRONTLINE_THEATRE_EAST &&
         lat >= FRONTLINE_THEATRE_SOUTH && lat <= FRONTLINE_THEATRE_NORTH;
}

/**
 * frontline_basemap_country_at:
 *
 * Returns: (nullable): the ISO 3166-1 alpha-3 code of the country at the
 *   point, by internationally recognised borders, or %NULL at sea
 */
const char *
frontline_basemap_country_at (FrontlineBasemap *self,
                              double            lon,
                              double            lat)
{
  g_return_val_if_fail (FRONTLINE_IS_BASEMAP (self), NULL);

  return country_in (_frontline_basemap_in_theatre (lon, lat) ? self->countries10 : self->countries50, lon, lat);
}

/* How well a place's names match a query: lower is better, -1 not at all. */
static int
match_rank (const char *query,
            const char *needle,
            const char *needle_key,
            const char *name_folded,
            const char *names_folded,
            const char *key,
            const char *name)
{
  g_auto(GStrv) others = g_strsplit (names_folded, ",", -1);

  if (g_str_equal (name_folded, needle) || g_str_equal (key, needle_key))
    return 0;
  for (guint i = 0; others[i] != NULL; i++)
    if (g_str_equal (others[i], needle))
      return 0;
  if (g_str_has_prefix (name_folded, needle) || g_str_has_prefix (key, needle_key))
    return 1;
  for (guint i = 0; others[i] != NULL; i++)
    if (g_str_has_prefix (others[i], needle))
      return 2;
  if (g_str_match_string (query, name, TRUE))
    return 3;
  if (strstr (name_folded, needle) != NULL || strstr (names_folded, needle) != NULL ||
      strstr (key, needle_key) != NULL)
    return 4;

  return -1;
}

/**
 * frontline_basemap_find_places:
 * @query: what the user typed, in Latin or Cyrillic script
 *
 * Finds places by name or other names (case and accents aside): exact
 * matches first, then names that start with @query, then names with a word
 * that does, then names that contain it; most populous first within each.
 *
 * Returns: (transfer container) (element-type FrontlineBasemapPlace): the
 *   places found, pointing into the basemap
 */
GPtrArray *
frontline_basemap_find_places (FrontlineBasemap *self,
                               const char       *query,
                               guint             max_results)
{
  GPtrArray *tiers[5];
  g_autofree char *needle = NULL;
  g_autofree char *needle_key = NULL;
  GPtrArray *result;

  g_return_val_if_fail (FRONTLINE_IS_BASEMAP (self), NULL);

  result = g_ptr_array_new ();
  if (query == NULL || *query == '\0')
    return result;

  for (guint t = 0; t < G_N_ELEMENTS (tiers); t++)
    tiers[t] = g_ptr_array_new ();

  needle = g_utf8_casefold (query, -1);
  needle_key = fold_name (query);
  for (guint i = 0; i < self->places->len && tiers[0]->len < max_results; i++)
    {
      FrontlineBasemapPlace *place = &g_array_index (self->places, FrontlineBasemapPlace, i);
      g_autofree char *name = g_utf8_casefold (place->name, -1);
      g_autofree char *names = g_utf8_casefold (place->names, -1);
      int rank = match_rank (query, needle, needle_key, name, names, place->key, place->name);

      if (rank >= 0 && tiers[rank]->len < max_results)
        g_ptr_array_add (tiers[rank], place);
    }

  for (guint t = 0; t < G_N_ELEMENTS (tiers); t++)
    {
      for (guint i = 0; i < tiers[t]->len && result->len < max_results; i++)
        g_ptr_array_add (result, g_ptr_array_index (tiers[t], i));
      g_ptr_array_unref (tiers[t]);
    }

  return result;
}

/**
 * frontline_basemap_find_places_in:
 * @bbox: west, south, east, north
 *
 * Returns: (transfer container) (element-type FrontlineBasemapPlace): the
 *   places in @bbox, most populous first
 */
GPtrArray *
frontline_basemap_find_places_in (FrontlineBasemap *self,
                                  const double      bbox[4])
{
  GPtrArray *result;

  g_return_val_if_fail (FRONTLINE_IS_BASEMAP (self), NULL);

  result = g_ptr_array_new ();
  for (guint i = 0; i < self->places->len; i++)
    {
      FrontlineBasemapPlace *place = &g_array_index (self->places, FrontlineBasemapPlace, i);

      if (place->lon >= bbox[0] && place->lon <= bbox[2] && place->lat >= bbox[1] && place->lat <= bbox[3])
        g_ptr_array_add (result, place);
    }

  return result;
}

/* Drawing */

const Palette frontline_basemap_palettes[] = {
  [FRONTLINE_BASEMAP_STYLE_LIGHT] = {
    .water = { 0.776, 0.863, 0.922 },
    .land = { 0.961, 0.953, 0.929 },
    .border = { 0.541, 0.420, 0.541 },
    .admin = { 0.737, 0.682, 0.737 },
    .river = { 0.600, 0.745, 0.859 },
    .text = { 0.180, 0.204, 0.212 },
    .halo = { 1.0, 1.0, 1.0, 0.85 },
  },
  [FRONTLINE_BASEMAP_STYLE_DARK] = {
    .water = { 0.118, 0.157, 0.204 },
    .land = { 0.196, 0.196, 0.208 },
    .border = { 0.620, 0.557, 0.667 },
    .admin = { 0.380, 0.349, 0.408 },
    .river = { 0.239, 0.353, 0.459 },
    .text = { 0.902, 0.902, 0.902 },
    .halo = { 0.118, 0.118, 0.125, 0.85 },
  },
};

typedef struct {
  cairo_t *cr;
  double   zoom;
  double   origin_x;  /* the tile's corner in world pixels */
  double   origin_y;
  double   bbox[4];   /* the tile, with a margin, in degrees */
} Tile;

/* Adds @geometry to the path in tile pixels, through the painter the
 * control overlay uses too. */
static void
add_geometry (Tile                    *tile,
              const FrontlineGeometry *geometry,
              gboolean                 close)
{
  if (frontline_basemap_bbox_intersects (geometry->bbox, tile->bbox))
    frontline_painter_add_geometry (tile->cr, geometry, tile->zoom, tile->origin_x, tile->origin_y, close);
}

static void
add_layer (Tile      *tile,
           GPtrArray *features,
           gboolean   close)
{
  for (guint i = 0; i < features->len; i++)
    add_geometry (tile, ((Feature *) g_ptr_array_index (features, i))->geometry, close);
}

/* Clips to the theatre (inside) or to everything but the theatre. */
static void
clip_theatre (Tile     *tile,
              double    size,
              gboolean  inside)
{
  cairo_t *cr = tile->cr;
  double x0 = frontline_mercator_x (FRONTLINE_THEATRE_WEST, tile->zoom) - tile->origin_x;
  double x1 = frontline_mercator_x (FRONTLINE_THEATRE_EAST, tile->zoom) - tile->origin_x;
  double y0 = frontline_mercator_y (FRONTLINE_THEATRE_NORTH, tile->zoom) - tile->origin_y;
  double y1 = frontline_mercator_y (FRONTLINE_THEATRE_SOUTH, tile->zoom) - tile->origin_y;

  cairo_new_path (cr);
  if (!inside)
    cairo_rectangle (cr, -1, -1, size + 2, size + 2);
  cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_clip (cr);
}

/**
 * frontline_basemap_draw_tile:
 * @cr: a cairo context whose user space is the tile, 256 units square
 * @scale: how many device pixels a unit is (2 on HiDPI screens), for
 *   line widths that stay crisp
 *
 * Draws the tile (@x, @y) of @zoom in Web Mercator: water, land, lakes,
 * borders of admin-1 units and countries (internationally recognised),
 * rivers. No place names: frontline_basemap_draw_labels() draws them over
 * whatever goes on the map after the tiles.
 */
void
frontline_basemap_draw_tile (FrontlineBasemap      *self,
                             cairo_t               *cr,
                             guint                  x,
                             guint                  y,
                             guint                  zoom,
                             double                 scale,
                             FrontlineBasemapStyle  style)
{
  const Palette *palette = &frontline_basemap_palettes[style == FRONTLINE_BASEMAP_STYLE_DARK];
  const double size = 256.0;
  const double margin = 8.0;
  gboolean detail;
  Tile tile = { cr, zoom, x * size, y * size };
  double theatre[4] = { FRONTLINE_THEATRE_WEST, FRONTLINE_THEATRE_SOUTH,
                        FRONTLINE_THEATRE_EAST, FRONTLINE_THEATRE_NORTH };

  g_return_if_fail (FRONTLINE_IS_BASEMAP (self));

  tile.bbox[0] = frontline_mercator_lon (tile.origin_x - margin, zoom);
  tile.bbox[2] = frontline_mercator_lon (tile.origin_x + size + margin, zoom);
  tile.bbox[3] = frontline_mercator_lat (tile.origin_y - margin, zoom);
  tile.bbox[1] = frontline_mercator_lat (tile.origin_y + size + margin, zoom);
  detail = zoom >= 4 && frontline_basemap_bbox_intersects (tile.bbox, theatre);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, size, size);
  cairo_clip (cr);
  frontline_basemap_set_rgb (cr, palette->water);
  cairo_paint (cr);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* Land and country borders: the 50m layers everywhere but the theatre,
   * the 10m layers in it. */
  for (int pass = 0; pass < (detail ? 2 : 1); pass++)
    {
      GPtrArray *land = pass == 0 ? self->land50 : self->land10;
      GPtrArray *countries = pass == 0 ? self->countries50 : self->countries10;

      cairo_save (cr);
      if (detail)
        clip_theatre (&tile, size, pass == 1);

      cairo_new_path (cr);
      add_layer (&tile, land, TRUE);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
      frontline_basemap_set_rgb (cr, palette->land);
      cairo_fill (cr);

      if (pass == 1)
        {
          cairo_new_path (cr);
          add_layer (&tile, self->lakes, TRUE);
          cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
          frontline_basemap_set_rgb (cr, palette->water);
          cairo_fill (cr);

          if (zoom >= 5)
            {
              static const double dash[] = { 4.0, 2.0 };

              cairo_new_path (cr);
              add_layer (&tile, self->admin1, TRUE);
              frontline_basemap_set_rgb (cr, palette->admin);
              cairo_set_line_width (cr, 0.8);
              cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
              cairo_stroke (cr);
              cairo_set_dash (cr, NULL, 0, 0);
            }

          cairo_new_path (cr);
          add_layer (&tile, self->rivers, FALSE);
          frontline_basemap_set_rgb (cr, palette->river);
          cairo_set_line_width (cr, zoom >= 8 ? 1.6 : 1.0);
          cairo_stroke (cr);
        }

      cairo_new_path (cr);
      add_layer (&tile, countries, TRUE);
      frontline_basemap_set_rgb (cr, palette->border);
      cairo_set_line_width (cr, zoom >= 6 ? 1.6 : 1.0);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  cairo_restore (cr);
}
