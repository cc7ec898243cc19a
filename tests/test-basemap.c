/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "frontline-basemap.h"
#include "frontline-projection.h"
#include "frontline-test-init.h"

/* Draws known tiles offscreen and checks their pixels. */

typedef struct {
  cairo_surface_t *surface;
  guint            x;
  guint            y;
  guint            zoom;
} RenderedTile;

static void
rendered_tile_clear (RenderedTile *tile)
{
  g_clear_pointer (&tile->surface, cairo_surface_destroy);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RenderedTile, rendered_tile_clear)

/* Renders the tile holding (@lon, @lat) at @zoom. */
static void
render_at (RenderedTile          *tile,
           double                 lon,
           double                 lat,
           guint                  zoom,
           FrontlineBasemapStyle  style)
{
  cairo_t *cr;

  tile->zoom = zoom;
  tile->x = (guint) (frontline_mercator_x (lon, zoom) / 256);
  tile->y = (guint) (frontline_mercator_y (lat, zoom) / 256);
  tile->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  cr = cairo_create (tile->surface);
  frontline_basemap_draw_tile (frontline_basemap_get_default (), cr, tile->x, tile->y, zoom, 1.0, style);
  cairo_destroy (cr);
  cairo_surface_flush (tile->surface);
}

static guint32
pixel_at (RenderedTile *tile,
          double        lon,
          double        lat)
{
  int px = (int) (frontline_mercator_x (lon, tile->zoom) - tile->x * 256.0);
  int py = (int) (frontline_mercator_y (lat, tile->zoom) - tile->y * 256.0);
  const guchar *data = cairo_image_surface_get_data (tile->surface);
  int stride = cairo_image_surface_get_stride (tile->surface);

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (px, <, 256);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (py, <, 256);

  return *(const guint32 *) (gconstpointer) (data + py * stride + px * 4) & 0xffffff;
}

static guint32
rgb (double r,
     double g,
     double b)
{
  return ((guint32) lround (r * 255) << 16) | ((guint32) lround (g * 255) << 8) | (guint32) lround (b * 255);
}

static double
distance (guint32 a,
          guint32 b)
{
  int dr = (int) ((a >> 16) & 0xff) - (int) ((b >> 16) & 0xff);
  int dg = (int) ((a >> 8) & 0xff) - (int) ((b >> 8) & 0xff);
  int db = (int) (a & 0xff) - (int) (b & 0xff);

  return sqrt (dr * dr + dg * dg + db * db);
}

/* How many pixels in the box around (@lon, @lat) are within 40 of @color. */
static guint
count_near (RenderedTile *tile,
            double        lon,
            double        lat,
            int           radius,
            guint32       color)
{
  int cx = (int) (frontline_mercator_x (lon, tile->zoom) - tile->x * 256.0);
  int cy = (int) (frontline_mercator_y (lat, tile->zoom) - tile->y * 256.0);
  const guchar *data = cairo_image_surface_get_data (tile->surface);
  int stride = cairo_image_surface_get_stride (tile->surface);
  guint n = 0;

  for (int y = MAX (cy - radius, 0); y <= MIN (cy + radius, 255); y++)
    for (int x = MAX (cx - radius, 0); x <= MIN (cx + radius, 255); x++)
      if (distance (*(const guint32 *) (gconstpointer) (data + y * stride + x * 4) & 0xffffff, color) < 40)
        n++;

  return n;
}

#define LIGHT_WATER rgb (0.776, 0.863, 0.922)
#define LIGHT_LAND rgb (0.961, 0.953, 0.929)
#define LIGHT_BORDER rgb (0.541, 0.420, 0.541)
#define LIGHT_TEXT rgb (0.180, 0.204, 0.212)
#define DARK_TEXT rgb (0.902, 0.902, 0.902)

static void
test_coast (void)
{
  g_auto (RenderedTile) sea = { 0 };
  g_auto (RenderedTile) land = { 0 };

  /* Crimea at zoom 7: the Black Sea south of Yalta, the steppe inland. */
  render_at (&sea, 34.17, 44.25, 7, FRONTLINE_BASEMAP_STYLE_LIGHT);
  g_assert_cmpfloat (distance (pixel_at (&sea, 34.17, 44.25), LIGHT_WATER), <, 10);
  render_at (&land, 34.60, 45.20, 7, FRONTLINE_BASEMAP_STYLE_LIGHT);
  g_assert_cmpfloat (distance (pixel_at (&land, 34.60, 45.20), LIGHT_LAND), <, 10);
  /* The coast between them: some of each colour in one tile. */
  g_assert_cmpuint (count_near (&sea, 34.20, 44.65, 40, LIGHT_WATER), >, 100);
  g_assert_cmpuint (count_near (&sea, 34.20, 44.65, 40, LIGHT_LAND), >, 100);
}

static void
test_border_near_sudzha (void)
{
  g_auto (RenderedTile) tile = { 0 };

  /* The state border runs a few kilometres south and west of Sudzha. */
  render_at (&tile, 35.27, 51.10, 9, FRONTLINE_BASEMAP_STYLE_LIGHT);
  g_assert_cmpuint (count_near (&tile, 35.25, 51.10, 40, LIGHT_BORDER), >, 20);
  /* Open country east of the border is land. */
  g_assert_cmpfloat (distance (pixel_at (&tile, 35.45, 51.05), LIGHT_LAND), <, 10);
}

static void
test_tile_without_labels (void)
{
  g_auto (RenderedTile) tile = { 0 };

  /* Kharkiv at zoom 7: the tile has the land, but no name: names are drawn
   * over the areas by frontline_basemap_draw_labels(). */
  render_at (&tile, 36.5, 50.0, 7, FRONTLINE_BASEMAP_STYLE_LIGHT);
  g_assert_cmpfloat (distance (pixel_at (&tile, 36.5, 50.2), LIGHT_LAND), <, 10);
  g_assert_cmpuint (count_near (&tile, 36.40, 49.99, 12, LIGHT_TEXT), ==, 0);
}

/* Counts the opaque pixels near @color, and the light, nearly opaque ones
 * (the halo of the light style), in the box of @view's picture. */
static void
count_in_box (cairo_surface_t *surface,
              const double     box[4],
              guint32          color,
              guint           *n_color,
              guint           *n_light)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);

  *n_color = 0;
  *n_light = 0;
  for (int y = MAX ((int) box[1], 0); y < MIN ((int) box[3], height); y++)
    for (int x = MAX ((int) box[0], 0); x < MIN ((int) box[2], width); x++)
      {
        guint32 pixel = *(const guint32 *) (gconstpointer) (data + y * stride + x * 4);

        if ((pixel >> 24) == 0xff && distance (pixel & 0xffffff, color) < 40)
          (*n_color)++;
        if ((pixel >> 24) >= 0xd0 && ((pixel >> 16) & 0xff) >= 0xd0 &&
            ((pixel >> 8) & 0xff) >= 0xd0 && (pixel & 0xff) >= 0xd0)
          (*n_light)++;
      }
}

static void
test_labels (void)
{
  FrontlineBasemap *basemap = frontline_basemap_get_default ();
  g_autoptr(GPtrArray) kharkiv = frontline_basemap_find_places (basemap, "Kharkiv", 1);
  FrontlineBasemapPlace *place;
  double zooms[] = { 7.0, 7.6 };

  g_assert_cmpuint (kharkiv->len, ==, 1);
  place = g_ptr_array_index (kharkiv, 0);

  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    for (int style = FRONTLINE_BASEMAP_STYLE_LIGHT; style <= FRONTLINE_BASEMAP_STYLE_DARK; style++)
      for (int images = 0; images < 2; images++)
        {
          /* Names as text and paths (exports), and as images kept from one
           * call to the next (the screen), drawn twice: once made, once
           * reused. */
          g_autoptr(GHashTable) sprites = NULL;
          FrontlineView view = { 36.5, 50.0, zooms[i], 512, 384 };
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 512, 384);
          cairo_t *cr = cairo_create (surface);
          guint32 text = style == FRONTLINE_BASEMAP_STYLE_DARK ? DARK_TEXT : LIGHT_TEXT;
          guint n_text;
          guint n_light;
          double x;
          double y;
          double name[4];

          guint label_zoom = frontline_basemap_get_label_zoom (&view);

          sprites = g_hash_table_new_full (NULL, NULL, NULL,
                                           (GDestroyNotify) cairo_surface_destroy);

          /* Over nothing, the labels alone: the name east of the city's dot,
           * in the style's text colour with a halo around it. */
          frontline_basemap_draw_labels (basemap, cr, &view, label_zoom,
                                         (FrontlineBasemapStyle) style, images ? sprites : NULL);
          if (images)
            {
              g_assert_cmpuint (g_hash_table_size (sprites), >, 0);
              cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
              cairo_paint (cr);
              cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
              frontline_basemap_draw_labels (basemap, cr, &view, label_zoom,
                                             (FrontlineBasemapStyle) style, sprites);
            }
          cairo_destroy (cr);
          cairo_surface_flush (surface);

          frontline_view_to_point (&view, place->lon, place->lat, &x, &y);
          name[0] = x + 6;
          name[1] = y - 8;
          name[2] = x + 60;
          name[3] = y + 8;
          count_in_box (surface, name, text, &n_text, &n_light);
          g_assert_cmpuint (n_text, >, 20);
          if (style == FRONTLINE_BASEMAP_STYLE_LIGHT)
            g_assert_cmpuint (n_light, >, 20);

          /* Nothing but names and dots: most of the picture stays clear. */
          {
            const guchar *data = cairo_image_surface_get_data (surface);
            guint clear = 0;

            for (int py = 0; py < 384; py++)
              for (int px = 0; px < 512; px++)
                clear += data[py * cairo_image_surface_get_stride (surface) + px * 4 + 3] == 0;
            g_assert_cmpuint (clear, >, 512 * 384 * 8 / 10);
          }

          cairo_surface_destroy (surface);
        }
}

static void
test_dark_style (void)
{
  g_auto (RenderedTile) light = { 0 };
  g_auto (RenderedTile) dark = { 0 };

  render_at (&light, 34.60, 45.20, 7, FRONTLINE_BASEMAP_STYLE_LIGHT);
  render_at (&dark, 34.60, 45.20, 7, FRONTLINE_BASEMAP_STYLE_DARK);
  /* Land is dark, and water stays darker than land. */
  g_assert_cmpfloat (distance (pixel_at (&light, 34.60, 45.20), pixel_at (&dark, 34.60, 45.20)), >, 100);
  g_assert_cmpfloat (distance (pixel_at (&dark, 34.60, 45.20), LIGHT_LAND), >, 100);
  g_assert_cmpuint (pixel_at (&dark, 34.60, 45.20) & 0xff, <, 0x80);
}

static void
test_borders_recognised (void)
{
  FrontlineBasemap *basemap = frontline_basemap_get_default ();

  /* Crimea is Ukraine. */
  g_assert_cmpstr (frontline_basemap_country_at (basemap, 34.10, 44.95), ==, "UKR");  /* Simferopol */
  g_assert_cmpstr (frontline_basemap_country_at (basemap, 33.52, 44.60), ==, "UKR");  /* Sevastopol */
  g_assert_cmpstr (frontline_basemap_country_at (basemap, 35.27, 51.20), ==, "RUS");  /* Sudzha */
  g_assert_cmpstr (frontline_basemap_country_at (basemap, 36.23, 49.99), ==, "UKR");  /* Kharkiv */
  g_assert_cmpstr (frontline_basemap_country_at (basemap, 37.62, 55.75), ==, "RUS");  /* Moscow */
  g_assert_null (frontline_basemap_country_at (basemap, 34.17, 44.25));                 /* Black Sea */
  /* Outside the theatre, the world layer. */
  g_assert_cmpstr (frontline_basemap_country_at (basemap, 2.35, 48.86), ==, "FRA");
}

static gboolean
has_place_near (GPtrArray *places,
                  double     lat,
                  double     lon)
{
  for (guint i = 0; i < places->len; i++)
    {
        FrontlineBasemapPlace *place = g_ptr_array_index (places, i);

        if (fabs (place->lat - lat) < 0.01 && fabs (place->lon - lon) < 0.01)
          return TRUE;
    }

  return FALSE;
}

static void
test_gazetteer (void)
{
  FrontlineBasemap *basemap = frontline_basemap_get_default ();
  g_autoptr(GPtrArray) latin = frontline_basemap_find_places (basemap, "sudzh", 5);
  g_autoptr(GPtrArray) cyrillic = frontline_basemap_find_places (basemap, "Суджа", 5);
  FrontlineBasemapPlace *place;

  g_assert_cmpuint (latin->len, >=, 1);
  place = g_ptr_array_index (latin, 0);
  g_assert_cmpstr (place->name, ==, "Sudzha");
  g_assert_cmpfloat_with_epsilon (place->lat, 51.20, 0.01);
  g_assert_cmpfloat_with_epsilon (place->lon, 35.27, 0.01);

  g_assert_cmpuint (cyrillic->len, >=, 1);
  g_assert_true (g_ptr_array_index (cyrillic, 0) == place);

  /* Accents and apostrophes aside: "Korenëvo", "Bol’shoye Soldatskoye". */
  {
    g_autoptr(GPtrArray) korenevo = frontline_basemap_find_places (basemap, "Korenevo", 5);
    g_autoptr(GPtrArray) soldatskoye = frontline_basemap_find_places (basemap, "bolshoye sold", 5);

    /* Two Korenevos; the one in Kursk oblast is among them. */
    g_assert_true (has_place_near (korenevo, 51.41, 34.91));
    g_assert_true (has_place_near (soldatskoye, 51.34, 35.51));
  }

  {
    g_autoptr(GPtrArray) none = frontline_basemap_find_places (basemap, "no such place anywhere", 5);

    g_assert_cmpuint (none->len, ==, 0);
  }
}

static FrontlineBasemap *
new_basemap (void)
{
  g_autoptr(GError) error = NULL;
  FrontlineBasemap *basemap;

  basemap = frontline_basemap_new_from_resources (RESOURCE_PATH "/basemap", &error);
  g_assert_no_error (error);
  return basemap;
}

/* @view's names alone, as the exporter draws them. */
static cairo_surface_t *
draw_names (FrontlineBasemap    *basemap,
            const FrontlineView *view)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view->width,
                                                         view->height);
  cairo_t *cr = cairo_create (surface);

  frontline_basemap_draw_labels (basemap, cr, view, frontline_basemap_get_label_zoom (view),
                                 FRONTLINE_BASEMAP_STYLE_LIGHT, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static void
assert_same_pixels (cairo_surface_t *a,
                    cairo_surface_t *b)
{
  int height = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);
  guint inked = 0;

  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
  g_assert_cmpint (height, ==, cairo_image_surface_get_height (b));
  for (int i = 0; i < height * stride; i++)
    {
      const guchar *pa = cairo_image_surface_get_data (a);
      const guchar *pb = cairo_image_surface_get_data (b);

      g_assert_cmpuint (pa[i], ==, pb[i]);
      inked += pa[i] != 0;
    }
  /* Names were drawn. */
  g_assert_cmpuint (inked, >, 1000);
}

static void
test_labels_where_needed (void)
{
  g_autoptr(FrontlineBasemap) local = new_basemap ();
  g_autoptr(FrontlineBasemap) world = new_basemap ();
  /* Kursk, and the same views moved half their width east. */
  FrontlineView views[] = {
    { 36.19, 51.73, 6.4, 1400, 900 },
    { 36.19, 51.73, 9.5, 1400, 900 },
    { 36.19, 51.73, 11.3, 3840, 2160 },
    { 36.19, 51.73, 11.0, 1400, 900 },
  };
  g_auto (RenderedTile) tile = { 0 };
  cairo_t *cr;
  guint n_decided;
  guint n_measured;
  guint n_world;

  /* A tile of a zoom whose names are not placed is drawn without placing
   * or measuring any: names are no part of tiles. */
  tile.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  cr = cairo_create (tile.surface);
  frontline_basemap_draw_tile (local, cr, (guint) (frontline_mercator_x (36.19, 11) / 256),
                               (guint) (frontline_mercator_y (51.73, 11) / 256), 11, 1.0,
                               FRONTLINE_BASEMAP_STYLE_LIGHT);
  cairo_destroy (cr);
  frontline_basemap_count_labels (local, 11, &n_decided, &n_measured);
  g_assert_cmpuint (n_decided, ==, 0);
  g_assert_cmpuint (n_measured, ==, 0);
  g_assert_false (frontline_basemap_has_labels (local, 11));

  /* A picture places its own names and their neighbours', not the
   * world's. */
  g_assert_false (frontline_basemap_has_labels_for_view (local, &views[3], 11));
  frontline_basemap_prepare_labels_for_view (local, &views[3], 11);
  g_assert_true (frontline_basemap_has_labels_for_view (local, &views[3], 11));
  g_assert_false (frontline_basemap_has_labels (local, 11));

  frontline_basemap_prepare_labels (world, 11);
  g_assert_true (frontline_basemap_has_labels (world, 11));
  g_assert_true (frontline_basemap_has_labels_for_view (world, &views[3], 11));
  frontline_basemap_count_labels (world, 11, &n_world, NULL);
  frontline_basemap_count_labels (local, 11, &n_decided, &n_measured);
  g_assert_cmpuint (n_decided, >, 0);
  g_assert_cmpuint (n_decided, <, n_world / 10);
  g_assert_cmpuint (n_measured, <, n_world / 10);

  /* The same names as placing the whole world at once, most populous
   * first, pixel for pixel: at zooms 6, 9 and 11, for a picture and for
   * the one beside it, placed after it. */
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    for (int shift = 0; shift < 2; shift++)
      {
        FrontlineView view = views[i];
        cairo_surface_t *a;
        cairo_surface_t *b;

        /* Half a view east: the degrees of width / 2 pixels. */
        view.center_lon += shift * (frontline_mercator_lon (view.width / 2.0, view.zoom) + 180.0);
        if (!frontline_basemap_has_labels (world, frontline_basemap_get_label_zoom (&view)))
          frontline_basemap_prepare_labels (world, frontline_basemap_get_label_zoom (&view));
        a = draw_names (local, &view);
        b = draw_names (world, &view);
        assert_same_pixels (a, b);
        cairo_surface_destroy (a);
        cairo_surface_destroy (b);
      }

  frontline_basemap_count_labels (local, 11, &n_decided, NULL);
  g_assert_cmpuint (n_decided, <, n_world / 5);
}

static void
test_label_zoom (void)
{
  FrontlineBasemap *basemap = frontline_basemap_get_default ();
  FrontlineView view = { 36.5, 50.0, 13.7, 800, 600 };

  /* The placement of the whole zoom below; placed on demand, once. */
  g_assert_cmpuint (frontline_basemap_get_label_zoom (&view), ==, 13);
  view.zoom = 99;
  g_assert_cmpuint (frontline_basemap_get_label_zoom (&view), ==, FRONTLINE_BASEMAP_MAX_LABEL_ZOOM);
  view.zoom = NAN;
  g_assert_cmpuint (frontline_basemap_get_label_zoom (&view), ==, 0);
  g_assert_false (frontline_basemap_has_labels (basemap, 13));
  frontline_basemap_prepare_labels (basemap, 13);
  g_assert_true (frontline_basemap_has_labels (basemap, 13));
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, NULL);

  g_test_add_func ("/frontline/basemap/coast", test_coast);
  g_test_add_func ("/frontline/basemap/border-near-sudzha", test_border_near_sudzha);
  g_test_add_func ("/frontline/basemap/tile-without-labels", test_tile_without_labels);
  g_test_add_func ("/frontline/basemap/labels", test_labels);
  g_test_add_func ("/frontline/basemap/label-zoom", test_label_zoom);
  g_test_add_func ("/frontline/basemap/labels-where-needed", test_labels_where_needed);
  g_test_add_func ("/frontline/basemap/dark-style", test_dark_style);
  g_test_add_func ("/frontline/basemap/borders-recognised", test_borders_recognised);
  g_test_add_func ("/frontline/basemap/gazetteer", test_gazetteer);

  return g_test_run ();
}
