/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-basemap"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "frontline-basemap.h"
#include "frontline-painter.h"
#include "frontline-projection.h"

/* The offline basemap: Natural Earth land, countries and admin-1 units,
 * GSHHG/WDBII rivers and GeoNames places (data/basemap/, README there), and
 * the cairo code that draws them into map tiles. Display-free: the tile
 * source and the exporter both draw through frontline_basemap_draw_tile(),
 * and the place names, above the control areas, through
 * frontline_basemap_draw_labels(). */

typedef struct {
  FrontlineGeometry *geometry;
  char              *name;
  char               code[4];
} Feature;

/* A place's name as a label, whatever the zoom. */
typedef struct {
  double x;        /* the place's dot in world pixels at zoom 0 */
  double y;
  float  bound_w;  /* at least the name's width and height, from its length */
  float  bound_h;
  gint16 width;    /* the name's size as drawn, -1 until measured */
  gint16 height;
} LabelSize;

typedef enum {
  LABEL_UNDECIDED,
  LABEL_PLACED,
  LABEL_LEFT_OUT,  /* overlapping a placed one, or not shown at the zoom */
} LabelState;

/* The placement of one zoom, decided a place at a time as pictures need it
 * (frontline_basemap_draw_labels()) or for the whole world
 * (frontline_basemap_prepare_labels()): either way the same as placing the
 * whole world at once, most populous first. */
typedef struct {
  GHashTable *grid;         /* cell of LABEL_CELL px to a GArray of the places
                             * shown at the zoom with their dot in it, in order */
  guint8     *state;        /* LabelState per place */
  guint       n_shown;      /* places shown at the zoom if room */
  guint       n_undecided;
} ZoomLabels;

struct _FrontlineBasemap
{
  GObject     parent_instance;

  GPtrArray  *land50;
  GPtrArray  *countries50;
  GPtrArray  *land10;
  GPtrArray  *countries10;
  GPtrArray  *admin1;
  GPtrArray  *rivers;
  GPtrArray  *lakes;
  GArray     *places;      /* FrontlineBasemapPlace, most populous first */

  /* Guards what follows; held a place's decision at a time. */
  GMutex      labels_mutex;
  LabelSize  *label_sizes;  /* per place */
  double      max_bound_w;
  double      max_bound_h;
  ZoomLabels *labels[FRONTLINE_BASEMAP_MAX_LABEL_ZOOM + 1];
  guint       n_measured;   /* names measured with pango, for tests and benchmarks */
};

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
zoom_labels_free (ZoomLabels *labels)
{
  g_hash_table_unref (labels->grid);
  g_free (labels->state);
  g_free (labels);
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
    g_clear_pointer (&self->labels[i], zoom_labels_free);
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

static void init_label_sizes (FrontlineBasemap *self);

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
  init_label_sizes (self);
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

static gboolean
in_theatre (double lon,
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

  return country_in (in_theatre (lon, lat) ? self->countries10 : self->countries50, lon, lat);
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

typedef struct {
  double water[3];
  double land[3];
  double border[3];
  double admin[3];
  double river[3];
  double text[3];
  double halo[4];
} Palette;

static const Palette palettes[] = {
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

static gboolean
intersects (const double a[4],
            const double b[4])
{
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/* Adds @geometry to the path in tile pixels, through the painter the
 * control overlay uses too. */
static void
add_geometry (Tile                    *tile,
              const FrontlineGeometry *geometry,
              gboolean                 close)
{
  if (intersects (geometry->bbox, tile->bbox))
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

static void
set_rgb (cairo_t      *cr,
         const double  rgb[3])
{
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
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

/* The smallest population labelled at @zoom; the theatre shows more. */
static guint
min_population (guint    zoom,
                gboolean theatre)
{
  static const guint world[] = { 8000000, 5000000, 3000000, 1500000, 800000, 400000, 150000, 60000,
                                 15000 };
  static const guint detail[] = { 8000000, 5000000, 3000000, 1000000, 300000, 100000, 30000, 8000,
                                  2500, 800, 0 };

  if (theatre)
    return zoom < G_N_ELEMENTS (detail) ? detail[zoom] : 0;
  return zoom < G_N_ELEMENTS (world) ? world[zoom] : 15000;
}

static PangoLayout *
new_label_layout (PangoContext *context,
                  guint         population)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Cantarell, Sans");

  pango_font_description_set_absolute_size (font, (population >= 1000000 ? 13 : 11) * PANGO_SCALE);
  if (population >= 1000000)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);

  return layout;
}

#define LABEL_CELL 128.0

static double
label_font_size (guint population)
{
  return population >= 1000000 ? 13.0 : 11.0;
}

/* Where each name goes, zoom aside, and how big it can be at most: no
 * glyph of these fonts is wider than their size, no line taller than twice
 * it (a name that is warns when measured), so a name's neighbours can be
 * found before anything is measured. */
static void
init_label_sizes (FrontlineBasemap *self)
{
  self->label_sizes = g_new (LabelSize, self->places->len);
  for (guint i = 0; i < self->places->len; i++)
    {
      FrontlineBasemapPlace *place = &g_array_index (self->places, FrontlineBasemapPlace, i);
      LabelSize *size = &self->label_sizes[i];
      double font_size = label_font_size (place->population);

      size->x = frontline_mercator_x (place->lon, 0);
      size->y = frontline_mercator_y (place->lat, 0);
      size->bound_w = (float) (g_utf8_strlen (place->name, -1) * font_size + 2);
      size->bound_h = (float) (2 * font_size);
      size->width = -1;
      size->height = -1;
      self->max_bound_w = MAX (self->max_bound_w, size->bound_w);
      self->max_bound_h = MAX (self->max_bound_h, size->bound_h);
    }
}

/* A pango context to measure names with, made when first needed. */
typedef struct {
  cairo_surface_t *surface;
  cairo_t         *cr;
  PangoContext    *context;
  PangoLayout     *layouts[2];  /* small and large names */
} Measurer;

static void
measurer_clear (Measurer *measurer)
{
  g_clear_object (&measurer->layouts[0]);
  g_clear_object (&measurer->layouts[1]);
  g_clear_object (&measurer->context);
  g_clear_pointer (&measurer->cr, cairo_destroy);
  g_clear_pointer (&measurer->surface, cairo_surface_destroy);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Measurer, measurer_clear)

/* The name's box around its dot at (0, 0): left, top, right, bottom. */
static void
label_offsets (FrontlineBasemap *self,
               Measurer         *measurer,
               guint             place_index,
               double            box[4])
{
  LabelSize *size = &self->label_sizes[place_index];

  if (size->width < 0)
    {
      FrontlineBasemapPlace *place = &g_array_index (self->places, FrontlineBasemapPlace,
                                                     place_index);
      gboolean large = place->population >= 1000000;
      int width;
      int height;

      if (measurer->context == NULL)
        {
          measurer->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
          measurer->cr = cairo_create (measurer->surface);
          measurer->context = pango_cairo_create_context (measurer->cr);
        }
      if (measurer->layouts[large] == NULL)
        measurer->layouts[large] = new_label_layout (measurer->context, place->population);
      pango_layout_set_text (measurer->layouts[large], place->name, -1);
      pango_layout_get_pixel_size (measurer->layouts[large], &width, &height);
      if (width > size->bound_w || height > size->bound_h)
        g_warning ("The basemap's name “%s” is %d × %d pixels, larger than its bound"
                   " %.0f × %.0f: names near it may be placed differently from one picture"
                   " to the next",
                   place->name, width, height, size->bound_w, size->bound_h);
      size->width = (gint16) MIN (width, G_MAXINT16);
      size->height = (gint16) MIN (height, G_MAXINT16);
      self->n_measured++;
    }

  box[0] = -4;
  box[1] = -size->height / 2.0 - 2;
  box[2] = 6 + size->width + 2;
  box[3] = size->height / 2.0 + 2;
}

/* The name's box at most, from its bounds. */
static void
label_bound_offsets (const LabelSize *size,
                     double           box[4])
{
  box[0] = -4;
  box[1] = -size->bound_h / 2.0 - 2;
  box[2] = 6 + size->bound_w + 2;
  box[3] = size->bound_h / 2.0 + 2;
}

static inline gint64
cell_key (gint64 cx,
          gint64 cy)
{
  return (cx << 32) ^ (cy & 0xffffffff);
}

/* g_int64_hash() folds the halves together: every cell of a diagonal would
 * have the same hash. */
static guint
cell_hash (gconstpointer key)
{
  return (guint) ((guint64) *(const gint64 *) key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) >> 32);
}

/* The places shown at @zoom in cells by their dot: a few milliseconds,
 * nothing measured. */
static ZoomLabels *
zoom_labels_new (FrontlineBasemap *self,
                 guint             zoom)
{
  ZoomLabels *labels = g_new0 (ZoomLabels, 1);
  double scale = exp2 (zoom);

  labels->grid = g_hash_table_new_full (cell_hash, g_int64_equal, g_free,
                                        (GDestroyNotify) g_array_unref);
  /* Cells wider than the largest name at most: none is in more than four. */
  labels->state = g_new (guint8, self->places->len);
  for (guint i = 0; i < self->places->len; i++)
    {
      FrontlineBasemapPlace *place = &g_array_index (self->places, FrontlineBasemapPlace, i);
      LabelSize *size = &self->label_sizes[i];
      double bound[4];
      gint64 cx0, cx1, cy0, cy1;

      if (place->population < min_population (zoom, in_theatre (place->lon, place->lat)))
        {
          labels->state[i] = LABEL_LEFT_OUT;
          continue;
        }

      labels->state[i] = LABEL_UNDECIDED;
      labels->n_shown++;
      labels->n_undecided++;

      /* In every cell its name may reach. */
      label_bound_offsets (size, bound);
      cx0 = (gint64) floor ((size->x * scale + bound[0]) / LABEL_CELL);
      cx1 = (gint64) floor ((size->x * scale + bound[2]) / LABEL_CELL);
      cy0 = (gint64) floor ((size->y * scale + bound[1]) / LABEL_CELL);
      cy1 = (gint64) floor ((size->y * scale + bound[3]) / LABEL_CELL);
      for (gint64 cx = cx0; cx <= cx1; cx++)
        for (gint64 cy = cy0; cy <= cy1; cy++)
          {
            gint64 key = cell_key (cx, cy);
            GArray *cell = g_hash_table_lookup (labels->grid, &key);

            if (cell == NULL)
              {
                cell = g_array_new (FALSE, FALSE, sizeof (guint));
                g_hash_table_insert (labels->grid, g_memdup2 (&key, sizeof key), cell);
              }
            g_array_append_val (cell, i);
          }
    }

  return labels;
}

static ZoomLabels *
get_zoom_labels (FrontlineBasemap *self,
                 guint             zoom)
{
  zoom = MIN (zoom, FRONTLINE_BASEMAP_MAX_LABEL_ZOOM);
  if (self->labels[zoom] == NULL)
    self->labels[zoom] = zoom_labels_new (self, zoom);

  return self->labels[zoom];
}

static gint
compare_indices (gconstpointer a,
                 gconstpointer b)
{
  guint ia = *(const guint *) a;
  guint ib = *(const guint *) b;

  return (ia > ib) - (ia < ib);
}

/* Adds to @result, in order and once each, the places shown at @zoom
 * whose box at most meets @box (world pixels at @zoom). */
static void
collect_near (FrontlineBasemap *self,
              ZoomLabels       *labels,
              guint             zoom,
              const double      box[4],
              GArray           *result)
{
  double scale = exp2 (zoom);
  double world = 256 * scale;
  gint64 cx0 = (gint64) floor (MAX (box[0], -world) / LABEL_CELL);
  gint64 cx1 = (gint64) floor (MIN (box[2], 2 * world) / LABEL_CELL);
  gint64 cy0 = (gint64) floor (MAX (box[1], -world) / LABEL_CELL);
  gint64 cy1 = (gint64) floor (MIN (box[3], 2 * world) / LABEL_CELL);
  guint first = result->len;
  guint kept = first;

  for (gint64 cx = cx0; cx <= cx1; cx++)
    for (gint64 cy = cy0; cy <= cy1; cy++)
      {
        gint64 key = cell_key (cx, cy);
        GArray *cell = g_hash_table_lookup (labels->grid, &key);

        for (guint k = 0; cell != NULL && k < cell->len; k++)
          {
            guint index = g_array_index (cell, guint, k);
            LabelSize *size = &self->label_sizes[index];
            double bound[4];

            label_bound_offsets (size, bound);
            bound[0] += size->x * scale;
            bound[2] += size->x * scale;
            bound[1] += size->y * scale;
            bound[3] += size->y * scale;
            if (intersects (bound, box))
              g_array_append_val (result, index);
          }
      }

  /* In order, and each once: a name may be in several cells. */
  g_array_sort (result, compare_indices);
  for (guint k = first; k < result->len; k++)
    if (k == first || g_array_index (result, guint, k) != g_array_index (result, guint, kept - 1))
      g_array_index (result, guint, kept++) = g_array_index (result, guint, k);
  g_array_set_size (result, kept);
}

/* Whether the place @index is placed at @zoom: when no more populous place
 * whose name meets its name is. The same answer as placing every name of
 * the world in order, found from the neighbours alone. Called with the
 * mutex held. */
static gboolean
decide_label (FrontlineBasemap *self,
              ZoomLabels       *labels,
              guint             zoom,
              Measurer         *measurer,
              guint             index)
{
  g_autoptr(GArray) near = NULL;
  double scale = exp2 (zoom);
  double box[4];

  if (labels->state[index] != LABEL_UNDECIDED)
    return labels->state[index] == LABEL_PLACED;

  label_offsets (self, measurer, index, box);
  box[0] += self->label_sizes[index].x * scale;
  box[2] += self->label_sizes[index].x * scale;
  box[1] += self->label_sizes[index].y * scale;
  box[3] += self->label_sizes[index].y * scale;

  near = g_array_new (FALSE, FALSE, sizeof (guint));
  collect_near (self, labels, zoom, box, near);
  for (guint k = 0; k < near->len; k++)
    {
      guint other = g_array_index (near, guint, k);
      double other_box[4];

      if (other >= index)
        break;

      label_offsets (self, measurer, other, other_box);
      other_box[0] += self->label_sizes[other].x * scale;
      other_box[2] += self->label_sizes[other].x * scale;
      other_box[1] += self->label_sizes[other].y * scale;
      other_box[3] += self->label_sizes[other].y * scale;
      if (intersects (box, other_box) && decide_label (self, labels, zoom, measurer, other))
        {
          labels->state[index] = LABEL_LEFT_OUT;
          labels->n_undecided--;
          return FALSE;
        }
    }

  labels->state[index] = LABEL_PLACED;
  labels->n_undecided--;
  return TRUE;
}

/* The places whose names may show in @view at @label_zoom, in order:
 * those whose box at most, around their dot at @view's zoom, meets it. */
static GArray *
collect_in_view (FrontlineBasemap    *self,
                 ZoomLabels          *labels,
                 const FrontlineView *view,
                 guint                label_zoom)
{
  GArray *result = g_array_new (FALSE, FALSE, sizeof (guint));
  double scale = exp2 ((double) label_zoom - view->zoom);
  double view_scale = exp2 (view->zoom);
  double picture[4] = { 0, 0, view->width, view->height };
  double area[4];
  double origin_x;
  double origin_y;
  guint kept = 0;

  /* Boxes keep their size from one zoom to the next, dots their place: at
   * a label zoom no larger than the view's, a box that meets the picture
   * meets it at the label zoom too; at a larger one, grow the picture by
   * the largest box. */
  frontline_view_get_origin (view, &origin_x, &origin_y);
  area[0] = origin_x * scale;
  area[1] = origin_y * scale;
  area[2] = (origin_x + view->width) * scale;
  area[3] = (origin_y + view->height) * scale;
  if (scale > 1)
    {
      area[0] -= (8 + self->max_bound_w) * scale;
      area[1] -= self->max_bound_h * scale;
      area[2] += (8 + self->max_bound_w) * scale;
      area[3] += self->max_bound_h * scale;
    }
  collect_near (self, labels, label_zoom, area, result);

  for (guint k = 0; k < result->len; k++)
    {
      guint index = g_array_index (result, guint, k);
      LabelSize *size = &self->label_sizes[index];
      double x = size->x * view_scale - origin_x;
      double y = size->y * view_scale - origin_y;
      double bound[4];

      label_bound_offsets (size, bound);
      bound[0] += x;
      bound[2] += x;
      bound[1] += y;
      bound[3] += y;
      if (intersects (bound, picture))
        g_array_index (result, guint, kept++) = index;
    }
  g_array_set_size (result, kept);

  return result;
}

/* Decides the names of @places at @zoom, a place at a time under the mutex
 * so that a reader waits for one decision at most. With @placed, adds the
 * placed ones to it, in order. */
static void
decide_labels (FrontlineBasemap *self,
               guint             zoom,
               GArray           *places,
               GArray           *placed)
{
  g_auto(Measurer) measurer = { 0 };

  for (guint k = 0; k < places->len; k++)
    {
      guint index = g_array_index (places, guint, k);
      gboolean shown;

      g_mutex_lock (&self->labels_mutex);
      shown = decide_label (self, get_zoom_labels (self, zoom), zoom, &measurer, index);
      g_mutex_unlock (&self->labels_mutex);
      if (shown && placed != NULL)
        g_array_append_val (placed, index);
    }
}

/* The places decided at @zoom whose names meet @view, or %NULL if some
 * are not decided yet (then nothing is measured or decided). */
static GArray *
placed_in_view (FrontlineBasemap    *self,
                const FrontlineView *view,
                guint                zoom,
                gboolean             decide)
{
  g_autoptr(GArray) places = NULL;
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (guint));

  zoom = MIN (zoom, FRONTLINE_BASEMAP_MAX_LABEL_ZOOM);
  g_mutex_lock (&self->labels_mutex);
  if (!decide && self->labels[zoom] == NULL)
    {
      g_mutex_unlock (&self->labels_mutex);
      return NULL;
    }
  places = collect_in_view (self, get_zoom_labels (self, zoom), view, zoom);
  if (!decide)
    {
      ZoomLabels *labels = self->labels[zoom];

      for (guint k = 0; k < places->len; k++)
        {
          guint index = g_array_index (places, guint, k);

          if (labels->state[index] == LABEL_UNDECIDED)
            {
              g_mutex_unlock (&self->labels_mutex);
              return NULL;
            }
          if (labels->state[index] == LABEL_PLACED)
            g_array_append_val (placed, index);
        }
      g_mutex_unlock (&self->labels_mutex);
      return g_steal_pointer (&placed);
    }
  g_mutex_unlock (&self->labels_mutex);

  decide_labels (self, zoom, places, placed);
  return g_steal_pointer (&placed);
}

/**
 * frontline_basemap_get_label_zoom:
 *
 * Returns: the whole zoom whose placement of names @view shows: the floor
 *   of its zoom, so that between whole zooms names only spread apart
 */
guint
frontline_basemap_get_label_zoom (const FrontlineView *view)
{
  g_return_val_if_fail (view != NULL, 0);

  if (!isfinite (view->zoom))
    return 0;
  return (guint) CLAMP (floor (view->zoom), 0, FRONTLINE_BASEMAP_MAX_LABEL_ZOOM);
}

/**
 * frontline_basemap_has_labels:
 *
 * Returns: whether the names of @zoom are placed for the whole world
 *   already (frontline_basemap_prepare_labels())
 */
gboolean
frontline_basemap_has_labels (FrontlineBasemap *self,
                              guint             zoom)
{
  gboolean ready;

  g_return_val_if_fail (FRONTLINE_IS_BASEMAP (self), FALSE);

  zoom = MIN (zoom, FRONTLINE_BASEMAP_MAX_LABEL_ZOOM);
  g_mutex_lock (&self->labels_mutex);
  ready = self->labels[zoom] != NULL && self->labels[zoom]->n_undecided == 0;
  g_mutex_unlock (&self->labels_mutex);

  return ready;
}

/**
 * frontline_basemap_has_labels_for_view:
 * @label_zoom: the placement to ask about
 *
 * Returns: whether the names @view shows at @label_zoom are placed already,
 *   so that frontline_basemap_draw_labels() costs no placement: a quick
 *   question for the main thread (it measures nothing)
 */
gboolean
frontline_basemap_has_labels_for_view (FrontlineBasemap    *self,
                                       const FrontlineView *view,
                                       guint                label_zoom)
{
  g_autoptr(GArray) placed = NULL;

  g_return_val_if_fail (FRONTLINE_IS_BASEMAP (self), FALSE);
  g_return_val_if_fail (view != NULL, FALSE);

  if (!isfinite (view->zoom))
    return TRUE;
  placed = placed_in_view (self, view, label_zoom, FALSE);
  return placed != NULL;
}

/**
 * frontline_basemap_prepare_labels_for_view:
 *
 * Places the names that @view shows at @label_zoom, and those they depend
 * on only: milliseconds, for a worker thread. Thread-safe.
 */
void
frontline_basemap_prepare_labels_for_view (FrontlineBasemap    *self,
                                           const FrontlineView *view,
                                           guint                label_zoom)
{
  g_autoptr(GArray) placed = NULL;

  g_return_if_fail (FRONTLINE_IS_BASEMAP (self));
  g_return_if_fail (view != NULL);

  if (isfinite (view->zoom))
    placed = placed_in_view (self, view, label_zoom, TRUE);
}

/**
 * frontline_basemap_prepare_labels:
 *
 * Places the names of @zoom for the whole world, if not done yet: a few
 * hundred milliseconds, for a worker thread. Pictures need not wait for
 * it: frontline_basemap_draw_labels() places what it shows. Thread-safe.
 */
void
frontline_basemap_prepare_labels (FrontlineBasemap *self,
                                  guint             zoom)
{
  g_autoptr(GHashTable) grid = NULL;
  g_autoptr(GArray) boxes = NULL;
  g_auto(Measurer) measurer = { 0 };
  double scale;

  g_return_if_fail (FRONTLINE_IS_BASEMAP (self));

  zoom = MIN (zoom, FRONTLINE_BASEMAP_MAX_LABEL_ZOOM);
  if (frontline_basemap_has_labels (self, zoom))
    return;

  /* The plain way, in order, each name against the placed ones near it by
   * their measured boxes: the reference the placement of pictures, from
   * neighbours found by their bounds, must agree with. */
  scale = exp2 (zoom);
  grid = g_hash_table_new_full (cell_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  boxes = g_array_new (FALSE, FALSE, sizeof (double) * 4);
  for (guint i = 0; i < self->places->len; i++)
    {
      FrontlineBasemapPlace *place = &g_array_index (self->places, FrontlineBasemapPlace, i);
      ZoomLabels *labels;
      gboolean vacant = TRUE;
      double box[4];
      gint64 cx0, cx1, cy0, cy1;

      if (place->population < min_population (zoom, in_theatre (place->lon, place->lat)))
        continue;

      /* A place at a time: a picture's placement waits for one at most. */
      g_mutex_lock (&self->labels_mutex);
      labels = get_zoom_labels (self, zoom);
      label_offsets (self, &measurer, i, box);
      box[0] += self->label_sizes[i].x * scale;
      box[2] += self->label_sizes[i].x * scale;
      box[1] += self->label_sizes[i].y * scale;
      box[3] += self->label_sizes[i].y * scale;

      cx0 = (gint64) floor (box[0] / LABEL_CELL);
      cx1 = (gint64) floor (box[2] / LABEL_CELL);
      cy0 = (gint64) floor (box[1] / LABEL_CELL);
      cy1 = (gint64) floor (box[3] / LABEL_CELL);
      for (gint64 cx = cx0; cx <= cx1 && vacant; cx++)
        for (gint64 cy = cy0; cy <= cy1 && vacant; cy++)
          {
            gint64 key = cell_key (cx, cy);
            GArray *cell = g_hash_table_lookup (grid, &key);

            for (guint k = 0; cell != NULL && k < cell->len && vacant; k++)
              vacant = !intersects (box, (const double *) (gconstpointer) boxes->data +
                                           4 * g_array_index (cell, guint, k));
          }

      if (labels->state[i] == LABEL_UNDECIDED)
        {
          labels->state[i] = vacant ? LABEL_PLACED : LABEL_LEFT_OUT;
          labels->n_undecided--;
        }
      else if ((labels->state[i] == LABEL_PLACED) != vacant)
        g_critical ("The basemap's name “%s” was %s at zoom %u for a picture, but not for the "
                    "whole world: placement depends on where pictures were drawn", place->name,
                    vacant ? "left out" : "placed", zoom);
      g_mutex_unlock (&self->labels_mutex);

      if (!vacant)
        continue;

      for (gint64 cx = cx0; cx <= cx1; cx++)
        for (gint64 cy = cy0; cy <= cy1; cy++)
          {
            gint64 key = cell_key (cx, cy);
            GArray *cell = g_hash_table_lookup (grid, &key);
            guint index = boxes->len;

            if (cell == NULL)
              {
                cell = g_array_new (FALSE, FALSE, sizeof (guint));
                g_hash_table_insert (grid, g_memdup2 (&key, sizeof key), cell);
              }
            g_array_append_val (cell, index);
          }
      g_array_append_vals (boxes, box, 1);
    }
}

/**
 * frontline_basemap_count_labels:
 * @n_decided: (out) (optional): how many of the places shown at @zoom if
 *   there is room are decided, placed or left out
 * @n_measured: (out) (optional): how many names were measured, at any zoom
 *
 * For tests and benchmarks: how much placement has been done.
 */
void
frontline_basemap_count_labels (FrontlineBasemap *self,
                                guint             zoom,
                                guint            *n_decided,
                                guint            *n_measured)
{
  g_return_if_fail (FRONTLINE_IS_BASEMAP (self));

  zoom = MIN (zoom, FRONTLINE_BASEMAP_MAX_LABEL_ZOOM);
  g_mutex_lock (&self->labels_mutex);
  if (n_decided != NULL)
    {
      ZoomLabels *labels = self->labels[zoom];

      *n_decided = labels != NULL ? labels->n_shown - labels->n_undecided : 0;
    }
  if (n_measured != NULL)
    *n_measured = self->n_measured;
  g_mutex_unlock (&self->labels_mutex);
}

static void
set_halo (cairo_t       *cr,
          const Palette *palette)
{
  cairo_set_source_rgba (cr, palette->halo[0], palette->halo[1], palette->halo[2], palette->halo[3]);
}

/* One name: its dot, the halo and the text, the dot at (@x, @y). */
static void
paint_label (cairo_t                     *cr,
             PangoLayout                 *layout,
             const FrontlineBasemapPlace *place,
             double                       x,
             double                       y,
             const Palette               *palette)
{
  int width;
  int height;

  pango_layout_get_pixel_size (layout, &width, &height);

  cairo_new_path (cr);
  cairo_arc (cr, x, y, place->population >= 1000000 ? 3.0 : 2.0, 0, 2 * G_PI);
  set_halo (cr, palette);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke_preserve (cr);
  set_rgb (cr, palette->text);
  cairo_fill (cr);

  cairo_move_to (cr, x + 6, y - height / 2.0);
  pango_cairo_layout_path (cr, layout);
  set_halo (cr, palette);
  /* Two pixels of halo around the glyphs: enough to read a name over a
   * hatch or a dot pattern. */
  cairo_set_line_width (cr, 4.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_move_to (cr, x + 6, y - height / 2.0);
  set_rgb (cr, palette->text);
  pango_cairo_show_layout (cr, layout);
}

/* A name drawn once into an image at @scale device pixels a unit, the dot
 * at (SPRITE_LEFT, SPRITE_TOP + height / 2) of it. */
#define SPRITE_LEFT 5.0
#define SPRITE_TOP  3.0

static cairo_surface_t *
new_sprite (PangoContext                *context,
            const FrontlineBasemapPlace *place,
            double                       scale,
            const Palette               *palette)
{
  g_autoptr(PangoLayout) layout = new_label_layout (context, place->population);
  cairo_surface_t *sprite;
  cairo_t *cr;
  int width;
  int height;

  pango_layout_set_text (layout, place->name, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil ((width + 14) * scale),
                                       (int) ceil ((height + 2 * SPRITE_TOP) * scale));
  cairo_surface_set_device_scale (sprite, scale, scale);
  cr = cairo_create (sprite);
  pango_cairo_update_layout (cr, layout);
  paint_label (cr, layout, place, SPRITE_LEFT, SPRITE_TOP + height / 2.0, palette);
  cairo_destroy (cr);

  return sprite;
}

/**
 * frontline_basemap_draw_labels:
 * @cr: a cairo context whose user space is @view's picture
 * @view: what the picture shows
 * @label_zoom: the placement to draw, frontline_basemap_get_label_zoom()
 *   of @view; a smaller one also works (fewer names, never overlapping)
 * @sprites: (nullable): for the screen, a cache of names drawn as images
 *   that the caller keeps from one frame to the next, for one style (an
 *   empty #GHashTable with cairo_surface_destroy() to free values); %NULL
 *   draws every name as text and paths, for exports
 *
 * Draws the place names of @view, each with its dot and a halo of the
 * style's background (a stroked outline under the text), so that they stay
 * readable over whatever is drawn before them: the screen and the exporter
 * call it after the control areas. Names are placed per whole zoom without
 * overlaps, most populous first, as if for the whole world at once, so they
 * agree from one frame to the next and wherever a picture's edges fall; a
 * picture places only the names it shows and their neighbours (a few
 * milliseconds for a new zoom). The text keeps its size in @cr's units at
 * every zoom.
 */
void
frontline_basemap_draw_labels (FrontlineBasemap      *self,
                               cairo_t               *cr,
                               const FrontlineView   *view,
                               guint                  label_zoom,
                               FrontlineBasemapStyle  style,
                               GHashTable            *sprites)
{
  const Palette *palette = &palettes[style == FRONTLINE_BASEMAP_STYLE_DARK];
  g_autoptr(GArray) placed = NULL;
  PangoContext *context;
  cairo_matrix_t matrix;
  double scale = 1.0;
  double origin_x;
  double origin_y;
  double picture[4];

  g_return_if_fail (FRONTLINE_IS_BASEMAP (self));
  g_return_if_fail (cr != NULL && view != NULL);

  if (!isfinite (view->zoom))
    return;

  /* Images only where they land on whole device pixels unscaled: not
   * rotated, the same scale as drawn. */
  cairo_get_matrix (cr, &matrix);
  cairo_surface_get_device_scale (cairo_get_target (cr), &scale, &(double) { 1.0 });
  if (matrix.xy != 0 || matrix.yx != 0 || matrix.xx != 1 || matrix.yy != 1)
    sprites = NULL;
  if (sprites != NULL && g_hash_table_size (sprites) > 4096)
    g_hash_table_remove_all (sprites);

  placed = placed_in_view (self, view, label_zoom, TRUE);
  frontline_view_get_origin (view, &origin_x, &origin_y);
  picture[0] = 0;
  picture[1] = 0;
  picture[2] = view->width;
  picture[3] = view->height;

  cairo_save (cr);
  context = pango_cairo_create_context (cr);
  for (guint i = 0; i < placed->len; i++)
    {
      guint index = g_array_index (placed, guint, i);
      FrontlineBasemapPlace *place = &g_array_index (self->places, FrontlineBasemapPlace, index);
      const LabelSize *size = &self->label_sizes[index];
      double x = frontline_mercator_x (place->lon, view->zoom) - origin_x;
      double y = frontline_mercator_y (place->lat, view->zoom) - origin_y;
      /* The box as placed, around the dot where it lands at this zoom
       * (measured: it was placed). */
      double box[4] = { x - 4, y - size->height / 2.0 - 2,
                        x + 6 + size->width + 2, y + size->height / 2.0 + 2 };

      if (!intersects (box, picture))
        continue;

      if (sprites != NULL)
        {
          gpointer key = GUINT_TO_POINTER (index + 1);
          cairo_surface_t *sprite = g_hash_table_lookup (sprites, key);
          double sprite_scale = 0;
          double left;
          double top;

          if (sprite != NULL)
            cairo_surface_get_device_scale (sprite, &sprite_scale, &(double) { 0 });
          if (sprite == NULL || sprite_scale != scale)
            {
              sprite = new_sprite (context, place, scale, palette);
              g_hash_table_replace (sprites, key, sprite);
            }

          /* On whole device pixels, as the image was drawn. */
          left = x - SPRITE_LEFT;
          top = y - cairo_image_surface_get_height (sprite) / scale / 2.0;
          cairo_user_to_device (cr, &left, &top);
          left = round (left);
          top = round (top);
          cairo_device_to_user (cr, &left, &top);
          cairo_set_source_surface (cr, sprite, left, top);
          cairo_paint (cr);
        }
      else
        {
          g_autoptr(PangoLayout) layout = new_label_layout (context, place->population);

          pango_layout_set_text (layout, place->name, -1);
          paint_label (cr, layout, place, x, y, palette);
        }
    }
  g_object_unref (context);
  cairo_restore (cr);
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
  const Palette *palette = &palettes[style == FRONTLINE_BASEMAP_STYLE_DARK];
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
  detail = zoom >= 4 && intersects (tile.bbox, theatre);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, size, size);
  cairo_clip (cr);
  set_rgb (cr, palette->water);
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
      set_rgb (cr, palette->land);
      cairo_fill (cr);

      if (pass == 1)
        {
          cairo_new_path (cr);
          add_layer (&tile, self->lakes, TRUE);
          cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
          set_rgb (cr, palette->water);
          cairo_fill (cr);

          if (zoom >= 5)
            {
              static const double dash[] = { 4.0, 2.0 };

              cairo_new_path (cr);
              add_layer (&tile, self->admin1, TRUE);
              set_rgb (cr, palette->admin);
              cairo_set_line_width (cr, 0.8);
              cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
              cairo_stroke (cr);
              cairo_set_dash (cr, NULL, 0, 0);
            }

          cairo_new_path (cr);
          add_layer (&tile, self->rivers, FALSE);
          set_rgb (cr, palette->river);
          cairo_set_line_width (cr, zoom >= 8 ? 1.6 : 1.0);
          cairo_stroke (cr);
        }

      cairo_new_path (cr);
      add_layer (&tile, countries, TRUE);
      set_rgb (cr, palette->border);
      cairo_set_line_width (cr, zoom >= 6 ? 1.6 : 1.0);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  cairo_restore (cr);
}
