/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "frontline-dataset.h"
#include "frontline-painter.h"
#include "frontline-test-init.h"
#include "frontline-test-data.h"

/* The painter at a fixed view, checked pixel by pixel. */

#define BACKGROUND 0.9

static FrontlineDataset *
load_json (const char *json)
{
  return frontline_test_load_json ("painter.geojson", json);
}

static FrontlineDataset *
load_fixture (void)
{
  const char *json =
    "{\"type\":\"FeatureCollection\",\"frontline\":{\"factions\":["
    "{\"id\":\"blue\",\"name\":\"Blue\",\"color\":\"#0072b2\"},"
    "{\"id\":\"orange\",\"name\":\"Orange\",\"color\":\"#d55e00\"}]},\"features\":["
    /* Blue holds 35-36 E, 51-52 N with a hole at 35.3-35.5 E, 51.3-51.5 N. */
    "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"blue\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[36,51],[36,52],[35,52],[35,51]],"
    "[[35.3,51.3],[35.3,51.5],[35.5,51.5],[35.5,51.3],[35.3,51.3]]]}},"
    /* Orange claims 36.2-37 E, approximately. */
    "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"orange\",\"status\":\"claimed\",\"approximate\":true},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[36.2,51],[37,51],[37,52],[36.2,52],[36.2,51]]]}}"
    "]}";

  return load_json (json);
}

typedef struct {
  cairo_surface_t *surface;
  FrontlineView    view;
} Picture;

static void
picture_clear (Picture *picture)
{
  g_clear_pointer (&picture->surface, cairo_surface_destroy);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Picture, picture_clear)

static void
draw_over (Picture          *picture,
           FrontlineDataset *dataset,
           double            background)
{
  g_autoptr(GPtrArray) state = NULL;
  FrontlineDay day;
  cairo_t *cr;

  picture->view = (FrontlineView) { 36.0, 51.5, 8.0, 800, 600 };
  picture->surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 600);
  cr = cairo_create (picture->surface);
  /* A plain grey stands for the basemap. */
  cairo_set_source_rgb (cr, background, background, background);
  cairo_paint (cr);

  g_assert_true (frontline_day_parse ("2024-08-06", &day));
  state = frontline_dataset_get_state_at (dataset, day);
  frontline_painter_draw_areas (cr, &picture->view, state);
  cairo_destroy (cr);
  cairo_surface_flush (picture->surface);
}

static void
draw (Picture          *picture,
      FrontlineDataset *dataset)
{
  draw_over (picture, dataset, BACKGROUND);
}

static void
rgb_at (Picture *picture,
        double   lon,
        double   lat,
        double   rgb[3])
{
  double x;
  double y;
  const guchar *data = cairo_image_surface_get_data (picture->surface);
  int stride = cairo_image_surface_get_stride (picture->surface);
  guint32 pixel;

  frontline_view_to_point (&picture->view, lon, lat, &x, &y);
  g_assert_cmpfloat (x, >=, 0);
  g_assert_cmpfloat (x, <, 800);
  g_assert_cmpfloat (y, >=, 0);
  g_assert_cmpfloat (y, <, 600);
  pixel = *(const guint32 *) (gconstpointer) (data + (int) y * stride + (int) x * 4);
  rgb[0] = ((pixel >> 16) & 0xff) / 255.0;
  rgb[1] = ((pixel >> 8) & 0xff) / 255.0;
  rgb[2] = (pixel & 0xff) / 255.0;
}

static void
test_fill_and_hole (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  g_auto (Picture) picture = { 0 };
  double inside[3];
  double hole[3];
  double outside[3];

  draw (&picture, dataset);
  rgb_at (&picture, 35.15, 51.2, inside);
  rgb_at (&picture, 35.4, 51.4, hole);
  rgb_at (&picture, 36.1, 51.5, outside);

  /* The hole shows the basemap, as outside does. */
  for (int i = 0; i < 3; i++)
    {
      g_assert_cmpfloat_with_epsilon (hole[i], BACKGROUND, 0.01);
      g_assert_cmpfloat_with_epsilon (outside[i], BACKGROUND, 0.01);
    }

  /* Controlled ground is Blue's colour over the basemap at 38 %. */
  g_assert_cmpfloat_with_epsilon (inside[0], 0.38 * 0x00 / 255.0 + 0.62 * BACKGROUND, 0.02);
  g_assert_cmpfloat_with_epsilon (inside[1], 0.38 * 0x72 / 255.0 + 0.62 * BACKGROUND, 0.02);
  g_assert_cmpfloat_with_epsilon (inside[2], 0.38 * 0xb2 / 255.0 + 0.62 * BACKGROUND, 0.02);
}

/* Counts changes between dark and light along a row of the picture. */
static guint
transitions_along (Picture *picture,
                   double   lat,
                   double   lon1,
                   double   lon2)
{
  double x1, x2, y;
  guint changes = 0;
  gboolean last_dark = FALSE;
  const guchar *data = cairo_image_surface_get_data (picture->surface);
  int stride = cairo_image_surface_get_stride (picture->surface);

  frontline_view_to_point (&picture->view, lon1, lat, &x1, &y);
  frontline_view_to_point (&picture->view, lon2, lat, &x2, &y);
  for (int x = (int) x1; x < (int) x2; x++)
    {
      guint32 pixel = *(const guint32 *) (gconstpointer) (data + (int) y * stride + x * 4);
      double luma = (0.3 * ((pixel >> 16) & 0xff) + 0.59 * ((pixel >> 8) & 0xff) + 0.11 * (pixel & 0xff)) / 255.0;
      gboolean dark = luma < 0.7;

      if (x > (int) x1 && dark != last_dark)
        changes++;
      last_dark = dark;
    }

  return changes;
}

static void
test_hatch (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  g_auto (Picture) picture = { 0 };
  guint hatched;
  guint solid;

  draw (&picture, dataset);

  /* Claimed ground is hatched: dark and light alternate across it, about
   * every 9 / sin 45° ≈ 13 pixels (about 8 lines over these 109 pixels);
   * controlled ground is an even tint. */
  hatched = transitions_along (&picture, 51.5, 36.3, 36.9);
  solid = transitions_along (&picture, 51.2, 35.05, 35.25);
  g_assert_cmpuint (hatched, >=, 12);
  g_assert_cmpuint (solid, ==, 0);
}

static void
test_dashed_outline (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  g_auto (Picture) picture = { 0 };
  guint dashed = 0;
  guint solid = 0;
  double x, y, x2, top;
  const guchar *data;
  int stride;

  draw (&picture, dataset);
  data = cairo_image_surface_get_data (picture.surface);
  stride = cairo_image_surface_get_stride (picture.surface);

  /* Walk down each area's west edge and count gaps in the line. */
  frontline_view_to_point (&picture.view, 36.2, 51.9, &x, &top);
  frontline_view_to_point (&picture.view, 35.0, 51.1, &x2, &y);
  for (int row = (int) top; row < (int) y; row++)
    {
      guint approx_green = 0xff;
      guint exact_green = 0xff;

      /* The darkest of the three columns around the edge: the line is
       * 1.8 pixels wide and antialiased. */
      for (int dx = -1; dx <= 1; dx++)
        {
          guint32 a = *(const guint32 *) (gconstpointer) (data + row * stride + ((int) round (x) + dx) * 4);
          guint32 e = *(const guint32 *) (gconstpointer) (data + row * stride + ((int) round (x2) + dx) * 4);

          approx_green = MIN (approx_green, (a >> 8) & 0xff);
          exact_green = MIN (exact_green, (e >> 8) & 0xff);
        }

      /* A gap: nothing as dark as the outline's colour. */
      if (approx_green > 0x80)
        dashed++;
      if (exact_green > 0x80)
        solid++;
    }

  /* The approximate area's outline has gaps; the exact one has none. */
  g_assert_cmpuint (dashed, >, 40);
  g_assert_cmpuint (solid, ==, 0);
}

/* On the dark basemap too the approximate outline reads as dashes: along
 * the edge, light and dark alternate with a clear contrast. */
static void
test_dashed_outline_dark (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  g_auto (Picture) picture = { 0 };
  double x, top, bottom;
  const guchar *data;
  int stride;
  guint light = 0;
  guint dark = 0;

  draw_over (&picture, dataset, 0.2);
  data = cairo_image_surface_get_data (picture.surface);
  stride = cairo_image_surface_get_stride (picture.surface);
  frontline_view_to_point (&picture.view, 36.2, 51.9, &x, &top);
  frontline_view_to_point (&picture.view, 36.2, 51.1, &x, &bottom);
  for (int row = (int) top; row < (int) bottom; row++)
    {
      double brightest = 0;

      for (int dx = -1; dx <= 1; dx++)
        {
          guint32 p = *(const guint32 *) (gconstpointer) (data + row * stride + ((int) round (x) + dx) * 4);
          double luma = (0.3 * ((p >> 16) & 0xff) + 0.59 * ((p >> 8) & 0xff) + 0.11 * (p & 0xff)) / 255.0;

          brightest = MAX (brightest, luma);
        }
      if (brightest > 0.7)
        light++;
      else if (brightest < 0.45)
        dark++;
    }

  g_assert_cmpuint (light, >, 30);
  g_assert_cmpuint (dark, >, 30);
}

/* Styles, told apart by their pattern alone. */

#define SWATCH 120

typedef enum {
  STYLE_CONTROLLED,
  STYLE_CLAIMED,
  STYLE_CONTESTED,
  STYLE_GAINED,
  STYLE_LOST,
} Style;

static cairo_surface_t *
draw_style (Style style)
{
  static const double blue[3] = { 0x00 / 255.0, 0x72 / 255.0, 0xb2 / 255.0 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, SWATCH, SWATCH);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, BACKGROUND, BACKGROUND, BACKGROUND);
  cairo_paint (cr);
  if (style == STYLE_GAINED || style == STYLE_LOST)
    frontline_painter_draw_change_swatch (cr, 0, 0, SWATCH, SWATCH, blue, style == STYLE_GAINED);
  else
    frontline_painter_draw_swatch (cr, 0, 0, SWATCH, SWATCH, blue,
                                   style == STYLE_CONTROLLED ? FRONTLINE_STATUS_CONTROLLED :
                                   style == STYLE_CLAIMED ? FRONTLINE_STATUS_CLAIMED :
                                   FRONTLINE_STATUS_CONTESTED, FALSE);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  return *(const guint32 *) (gconstpointer) (cairo_image_surface_get_data (surface) +
                                             y * cairo_image_surface_get_stride (surface) + x * 4);
}

static gboolean
marked (cairo_surface_t *surface,
        int              x,
        int              y)
{
  guint32 p = pixel (surface, x, y);

  return (0.3 * ((p >> 16) & 0xff) + 0.59 * ((p >> 8) & 0xff) + 0.11 * (p & 0xff)) / 255.0 < 0.65;
}

typedef struct {
  double marks;     /* share of the inside that is marked (dark) */
  double falling;   /* of the marks, the share with a mark 3 px down and right: a "\" line */
  double rising;    /* ... 3 px up and right: a "/" line */
  double mean[3];
} Signature;

static void
sign (Style      style,
      Signature *sig)
{
  cairo_surface_t *surface = draw_style (style);
  guint n = 0, marks = 0, falling = 0, rising = 0;

  memset (sig, 0, sizeof *sig);
  for (int y = 20; y < SWATCH - 20; y++)
    for (int x = 20; x < SWATCH - 20; x++)
      {
        guint32 p = pixel (surface, x, y);

        n++;
        sig->mean[0] += ((p >> 16) & 0xff) / 255.0;
        sig->mean[1] += ((p >> 8) & 0xff) / 255.0;
        sig->mean[2] += (p & 0xff) / 255.0;
        if (!marked (surface, x, y))
          continue;
        marks++;
        falling += marked (surface, x + 3, y + 3);
        rising += marked (surface, x + 3, y - 3);
      }
  sig->marks = (double) marks / n;
  sig->falling = marks ? (double) falling / marks : 0;
  sig->rising = marks ? (double) rising / marks : 0;
  for (int i = 0; i < 3; i++)
    sig->mean[i] /= n;
  cairo_surface_destroy (surface);
}

static void
test_styles_distinct (void)
{
  Signature controlled, claimed, contested, gained, lost;

  sign (STYLE_CONTROLLED, &controlled);
  sign (STYLE_CLAIMED, &claimed);
  sign (STYLE_CONTESTED, &contested);
  sign (STYLE_GAINED, &gained);
  sign (STYLE_LOST, &lost);

  /* Claimed: lines one way. */
  g_assert_cmpfloat (claimed.marks, >, 0.05);
  g_assert_cmpfloat (claimed.falling, >, 0.8);
  g_assert_cmpfloat (claimed.rising, <, 0.3);
  /* Contested: lines both ways. */
  g_assert_cmpfloat (contested.falling, >, 0.3);
  g_assert_cmpfloat (contested.rising, >, 0.3);
  /* Lost: marks, but no lines either way: dots. */
  g_assert_cmpfloat (lost.marks, >, 0.05);
  g_assert_cmpfloat (lost.falling, <, 0.3);
  g_assert_cmpfloat (lost.rising, <, 0.3);
  /* Gained: no pattern, and a stronger tint than controlled ground. */
  g_assert_cmpfloat (fabs (gained.falling - gained.rising), <, 0.05);
  g_assert_cmpfloat (fabs (gained.mean[0] - controlled.mean[0]) + fabs (gained.mean[1] - controlled.mean[1]) +
                     fabs (gained.mean[2] - controlled.mean[2]), >, 0.3);
  {
    cairo_surface_t *surface = draw_style (STYLE_GAINED);
    guint32 first = pixel (surface, 20, 20);

    for (int y = 20; y < SWATCH - 20; y++)
      for (int x = 20; x < SWATCH - 20; x++)
        g_assert_cmphex (pixel (surface, x, y), ==, first);
    cairo_surface_destroy (surface);
  }
}

/* Where two sides' areas overlap, both show: their hatch lines interleave
 * instead of one side's covering the other's. */
static void
test_overlap (void)
{
  g_autoptr(FrontlineDataset) dataset = load_json (
    "{\"type\":\"FeatureCollection\",\"frontline\":{\"factions\":["
    "{\"id\":\"blue\",\"name\":\"Blue\",\"color\":\"#0072b2\"},"
    "{\"id\":\"orange\",\"name\":\"Orange\",\"color\":\"#d55e00\"}]},\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"blue\",\"status\":\"contested\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[36,51],[36,52],[35,52],[35,51]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"orange\",\"status\":\"claimed\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35.5,51],[36.5,51],[36.5,52],[35.5,52],[35.5,51]]]}}"
    "]}");
  g_auto (Picture) picture = { 0 };
  guint blue = 0;
  guint orange = 0;
  double x1, y1, x2, y2;

  draw (&picture, dataset);
  frontline_view_to_point (&picture.view, 35.6, 51.8, &x1, &y1);
  frontline_view_to_point (&picture.view, 35.9, 51.2, &x2, &y2);
  for (int y = (int) y1; y < (int) y2; y++)
    for (int x = (int) x1; x < (int) x2; x++)
      {
        guint32 p = pixel (picture.surface, x, y);
        double r = ((p >> 16) & 0xff) / 255.0;
        double b = (p & 0xff) / 255.0;

        blue += b - r > 0.3;
        orange += r - b > 0.3;
      }

  g_test_message ("overlap: %u blue, %u orange pixels", blue, orange);
  g_assert_cmpuint (blue, >, 500);
  g_assert_cmpuint (orange, >, 500);
}

static void
test_view_round_trip (void)
{
  FrontlineView view = { 35.27, 51.2, 9.5, 1920, 1080 };
  double x, y, lon, lat;

  frontline_view_to_point (&view, 35.27, 51.2, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 960, 1e-6);
  g_assert_cmpfloat_with_epsilon (y, 540, 1e-6);
  frontline_view_from_point (&view, 100, 900, &lon, &lat);
  frontline_view_to_point (&view, lon, lat, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 100, 1e-6);
  g_assert_cmpfloat_with_epsilon (y, 900, 1e-6);
}

/* Views from files, settings and the command line are checked before
 * anything turns them into pixels or tile numbers. */
static void
test_view_is_valid (void)
{
  const FrontlineView good[] = {
    { 36.0, 51.5, 8.0, 1920, 1080 },
    { -180.0, -90.0, 0.0, 0, 0 },
    { 180.0, 90.0, FRONTLINE_VIEW_MAX_ZOOM, FRONTLINE_VIEW_MAX_SIDE, 1 },
  };
  const FrontlineView bad[] = {
    { 36.0, 51.5, 1e300, 1920, 1080 },
    { 36.0, 51.5, -5, 1920, 1080 },
    { 36.0, 51.5, FRONTLINE_VIEW_MAX_ZOOM + 0.5, 1920, 1080 },
    { NAN, 51.5, 8, 1920, 1080 },
    { 36.0, NAN, 8, 1920, 1080 },
    { 36.0, 51.5, NAN, 1920, 1080 },
    { INFINITY, 51.5, 8, 1920, 1080 },
    { 181.0, 51.5, 8, 1920, 1080 },
    { 36.0, -90.5, 8, 1920, 1080 },
    { 36.0, 51.5, 8, -1, 1080 },
    { 36.0, 51.5, 8, 1920, NAN },
    { 36.0, 51.5, 8, 1e300, 1080 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (frontline_view_is_valid (&good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (frontline_view_is_valid (&bad[i]));
  g_assert_false (frontline_view_is_valid (NULL));
  g_assert_true (frontline_view_location_is_valid (0, 0, 0));
  g_assert_false (frontline_view_location_is_valid (0, 0, -0.1));
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/frontline/painter/fill-and-hole", test_fill_and_hole);
  g_test_add_func ("/frontline/painter/hatch", test_hatch);
  g_test_add_func ("/frontline/painter/dashed-outline", test_dashed_outline);
  g_test_add_func ("/frontline/painter/dashed-outline-dark", test_dashed_outline_dark);
  g_test_add_func ("/frontline/painter/styles-distinct", test_styles_distinct);
  g_test_add_func ("/frontline/painter/overlap", test_overlap);
  g_test_add_func ("/frontline/painter/view-round-trip", test_view_round_trip);
  g_test_add_func ("/frontline/painter/view-is-valid", test_view_is_valid);

  return g_test_run ();
}
