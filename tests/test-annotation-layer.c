/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "frontline-annotation-layer.h"
#include "frontline-basemap-source.h"
#include "frontline-painter.h"
#include "frontline-test-utils.h"

/* The annotation layer draws its stop's drawings on the map at the pixels
 * the painter puts them (the exporter's), follows its stop's changes and the
 * stop it is given, and moves with the view. */

#define WIDTH  480
#define HEIGHT 360

static FrontlineApplication *app;

typedef struct {
  GtkWindow                *window;
  ShumateMap               *map;
  ShumateViewport          *viewport;
  FrontlineAnnotationLayer *layer;
} Screen;

static gboolean
map_allocated_cb (gpointer data)
{
  Screen *screen = data;

  return gtk_widget_get_width (GTK_WIDGET (screen->layer)) == WIDTH &&
         gtk_widget_get_height (GTK_WIDGET (screen->layer)) == HEIGHT;
}

/* A map with no base layer: whatever is drawn is the layer's. */
static void
screen_init (Screen *screen)
{
  g_autoptr(FrontlineBasemapSource) source = frontline_basemap_source_new (FRONTLINE_BASEMAP_STYLE_LIGHT, 1);

  screen->map = shumate_map_new ();
  screen->viewport = shumate_map_get_viewport (screen->map);
  shumate_viewport_set_reference_map_source (screen->viewport, SHUMATE_MAP_SOURCE (source));
  screen->layer = frontline_annotation_layer_new (screen->viewport);
  shumate_map_add_layer (screen->map, SHUMATE_LAYER (screen->layer));
  shumate_location_set_location (SHUMATE_LOCATION (screen->viewport), 51.25, 35.25);
  shumate_viewport_set_zoom_level (screen->viewport, 10);

  screen->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (screen->window, FALSE);
  gtk_window_set_resizable (screen->window, FALSE);
  gtk_window_set_default_size (screen->window, WIDTH, HEIGHT);
  gtk_widget_set_size_request (GTK_WIDGET (screen->map), WIDTH, HEIGHT);
  gtk_window_set_child (screen->window, GTK_WIDGET (screen->map));
  gtk_window_present (screen->window);
  frontline_test_wait_until (map_allocated_cb, screen, 5000);
}

static void
screen_clear (Screen *screen)
{
  gtk_window_destroy (screen->window);
  frontline_test_spin (20);
}

static cairo_surface_t *
screen_render (Screen *screen)
{
  cairo_surface_t *surface;

  frontline_test_spin (30);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (screen->map));
  surface = frontline_test_render_widget (GTK_WIDGET (screen->map));
  if (g_getenv ("FRONTLINE_TEST_DUMP") != NULL)
    cairo_surface_write_to_png (surface, g_getenv ("FRONTLINE_TEST_DUMP"));
  return surface;
}

static guint8
alpha_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);

  return data[(gsize) y * cairo_image_surface_get_stride (surface) + (gsize) x * 4 + 3];
}

static void
rgb_at (cairo_surface_t *surface,
        int              x,
        int              y,
        int              rgb[3])
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 pixel = *(const guint32 *) (gconstpointer) (data + (gsize) y * cairo_image_surface_get_stride (surface) + (gsize) x * 4);
  int a = pixel >> 24;

  /* Straight colour from premultiplied. */
  for (int c = 0; c < 3; c++)
    rgb[c] = a == 0 ? 0 : (int) (((pixel >> (16 - 8 * c)) & 0xff) * 255 / a);
}

static gboolean
is_red (cairo_surface_t *surface,
        int              x,
        int              y)
{
  int rgb[3];

  rgb_at (surface, x, y, rgb);
  return alpha_at (surface, x, y) > 200 && rgb[0] > 180 && rgb[1] < 80 && rgb[2] < 80;
}

static guint
count_drawn (cairo_surface_t *surface)
{
  guint n = 0;

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      if (alpha_at (surface, x, y) > 0)
        n++;
  return n;
}

/* The layer's picture and the painter's, of the same view, differ by at
 * most a little on any pixel. */
static void
assert_same_as_painter (cairo_surface_t     *screen,
                        const FrontlineView *view,
                        GPtrArray           *annotations)
{
  cairo_surface_t *expected = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (expected);
  guint differ = 0;

  frontline_painter_draw_annotations (cr, view, annotations);
  cairo_destroy (cr);
  cairo_surface_flush (expected);

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      if (ABS ((int) alpha_at (expected, x, y) - (int) alpha_at (screen, x, y)) > 8)
        differ++;
  g_assert_cmpuint (differ, <=, 4);
  cairo_surface_destroy (expected);
}

static GPtrArray *
arrow_from (const FrontlineView *view,
            double               x0,
            double               y0,
            double               x1,
            double               y1)
{
  GPtrArray *annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) frontline_annotation_free);
  double points[4];
  FrontlineAnnotation *arrow;

  frontline_view_from_point (view, x0, y0, &points[0], &points[1]);
  frontline_view_from_point (view, x1, y1, &points[2], &points[3]);
  arrow = frontline_annotation_new (FRONTLINE_ANNOTATION_ARROW, points, 2);
  frontline_annotation_parse_color ("#e01b24", arrow->rgba);
  arrow->width = 6;
  g_ptr_array_add (annotations, arrow);
  return annotations;
}

static void
test_draws_at_painter_pixels (void)
{
  Screen screen;
  g_autoptr(FrontlineStop) stop = frontline_stop_new ("Sudzha", 2460536, 35.25, 51.25, 10);
  g_autoptr(GPtrArray) annotations = NULL;
  cairo_surface_t *surface;
  FrontlineView view;
  double circle_point[2];
  FrontlineAnnotation *circle;

  screen_init (&screen);
  frontline_annotation_layer_get_view (screen.layer, &view);
  g_assert_cmpint (view.width, ==, WIDTH);
  g_assert_cmpint (view.height, ==, HEIGHT);
  g_assert_cmpfloat_with_epsilon (view.zoom, 10.0, 1e-9);

  /* Nothing without a stop. */
  surface = screen_render (&screen);
  g_assert_cmpuint (count_drawn (surface), ==, 0);
  cairo_surface_destroy (surface);

  annotations = arrow_from (&view, 100, 180, 380, 180);
  frontline_view_from_point (&view, 240, 90, &circle_point[0], &circle_point[1]);
  circle = frontline_annotation_new (FRONTLINE_ANNOTATION_CIRCLE, circle_point, 1);
  circle->radius = 1500;
  frontline_annotation_parse_color ("#e01b24", circle->rgba);
  g_ptr_array_add (annotations, circle);
  frontline_stop_set_annotations (stop, annotations);
  frontline_annotation_layer_set_stop (screen.layer, stop);
  g_assert_true (frontline_annotation_layer_get_stop (screen.layer) == stop);

  surface = screen_render (&screen);
  /* Along the shaft, red; above it, nothing; the head at the end. */
  g_assert_true (is_red (surface, 200, 180));
  g_assert_true (is_red (surface, 300, 180));
  g_assert_cmpint (alpha_at (surface, 200, 200), ==, 0);
  g_assert_true (is_red (surface, 368, 184));
  g_assert_cmpint (alpha_at (surface, 60, 180), ==, 0);
  /* The circle's edge, its middle empty. */
  {
    double r = 1500 / (2 * G_PI * 6378137.0 * cos (circle_point[1] * G_PI / 180) / (256.0 * 1024));

    g_assert_true (is_red (surface, 240 + (int) round (r), 90));
    g_assert_cmpint (alpha_at (surface, 240, 90), ==, 0);
  }
  assert_same_as_painter (surface, &view, annotations);
  cairo_surface_destroy (surface);

  screen_clear (&screen);
}

static void
test_follows_stop (void)
{
  Screen screen;
  g_autoptr(FrontlineStop) first = frontline_stop_new ("First", 2460536, 35.25, 51.25, 10);
  g_autoptr(FrontlineStop) second = frontline_stop_new ("Second", 2460536, 35.25, 51.25, 10);
  g_autoptr(GPtrArray) top = NULL;
  g_autoptr(GPtrArray) bottom = NULL;
  cairo_surface_t *surface;
  FrontlineView view;

  screen_init (&screen);
  frontline_annotation_layer_get_view (screen.layer, &view);
  top = arrow_from (&view, 60, 60, 400, 60);
  bottom = arrow_from (&view, 60, 300, 400, 300);
  frontline_stop_set_annotations (first, top);
  frontline_stop_set_annotations (second, bottom);

  g_object_set (screen.layer, "stop", first, NULL);
  surface = screen_render (&screen);
  g_assert_true (is_red (surface, 200, 60));
  g_assert_cmpint (alpha_at (surface, 200, 300), ==, 0);
  cairo_surface_destroy (surface);

  /* The stop's drawings change: the layer follows. */
  frontline_stop_set_annotations (first, bottom);
  surface = screen_render (&screen);
  g_assert_cmpint (alpha_at (surface, 200, 60), ==, 0);
  g_assert_true (is_red (surface, 200, 300));
  cairo_surface_destroy (surface);

  /* Another stop, then none. */
  frontline_stop_set_annotations (first, top);
  frontline_annotation_layer_set_stop (screen.layer, second);
  surface = screen_render (&screen);
  g_assert_cmpint (alpha_at (surface, 200, 60), ==, 0);
  g_assert_true (is_red (surface, 200, 300));
  cairo_surface_destroy (surface);

  /* The stop left no longer reaches the layer. */
  frontline_stop_set_annotations (first, bottom);
  frontline_annotation_layer_set_stop (screen.layer, NULL);
  surface = screen_render (&screen);
  g_assert_cmpuint (count_drawn (surface), ==, 0);
  cairo_surface_destroy (surface);

  /* A preview over nothing. */
  frontline_annotation_layer_set_preview (screen.layer, g_ptr_array_index (top, 0));
  surface = screen_render (&screen);
  g_assert_true (is_red (surface, 200, 60));
  cairo_surface_destroy (surface);
  frontline_annotation_layer_set_preview (screen.layer, NULL);
  surface = screen_render (&screen);
  g_assert_cmpuint (count_drawn (surface), ==, 0);
  cairo_surface_destroy (surface);

  screen_clear (&screen);
}

static void
test_moves_with_view (void)
{
  Screen screen;
  g_autoptr(FrontlineStop) stop = frontline_stop_new ("Stop", 2460536, 35.25, 51.25, 10);
  g_autoptr(GPtrArray) annotations = NULL;
  cairo_surface_t *surface;
  FrontlineView view;
  double lon, lat;

  screen_init (&screen);
  frontline_annotation_layer_get_view (screen.layer, &view);
  /* A short vertical stroke at x = 240. */
  annotations = arrow_from (&view, 240, 100, 240, 260);
  ((FrontlineAnnotation *) annotations->pdata[0])->kind = FRONTLINE_ANNOTATION_LINE;
  frontline_stop_set_annotations (stop, annotations);
  frontline_annotation_layer_set_stop (screen.layer, stop);

  surface = screen_render (&screen);
  g_assert_true (is_red (surface, 240, 180));
  g_assert_cmpint (alpha_at (surface, 340, 180), ==, 0);
  cairo_surface_destroy (surface);

  /* The map's centre moves 100 pixels west: the stroke 100 to the right. */
  frontline_view_from_point (&view, WIDTH / 2.0 - 100, HEIGHT / 2.0, &lon, &lat);
  shumate_location_set_location (SHUMATE_LOCATION (screen.viewport), lat, lon);
  surface = screen_render (&screen);
  g_assert_true (is_red (surface, 340, 180));
  g_assert_cmpint (alpha_at (surface, 240, 180), ==, 0);
  cairo_surface_destroy (surface);

  /* A zoom in about the centre doubles its distance from it. */
  shumate_location_set_location (SHUMATE_LOCATION (screen.viewport), view.center_lat, view.center_lon);
  shumate_viewport_set_zoom_level (screen.viewport, 11);
  g_clear_pointer (&annotations, g_ptr_array_unref);
  annotations = arrow_from (&view, 290, 100, 290, 260);
  ((FrontlineAnnotation *) annotations->pdata[0])->kind = FRONTLINE_ANNOTATION_LINE;
  frontline_stop_set_annotations (stop, annotations);
  surface = screen_render (&screen);
  g_assert_true (is_red (surface, 340, 180));
  g_assert_cmpint (alpha_at (surface, 290, 180), ==, 0);
  cairo_surface_destroy (surface);

  screen_clear (&screen);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  frontline_gtk_test_init (&argc, &argv, NULL);
  app = frontline_test_application_new ();

  g_test_add_func ("/frontline/annotation-layer/painter-pixels", test_draws_at_painter_pixels);
  g_test_add_func ("/frontline/annotation-layer/follows-stop", test_follows_stop);
  g_test_add_func ("/frontline/annotation-layer/moves-with-view", test_moves_with_view);

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
