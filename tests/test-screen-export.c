/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "frontline-basemap-source.h"
#include "frontline-control-layer.h"
#include "frontline-exporter.h"
#include "frontline-projection.h"
#include "frontline-test-utils.h"
#include "frontline-test-data.h"

/* The screen and the export agree: the same view, day and size, drawn by
 * the window's control layer over the offline basemap in a ShumateMap and
 * by the exporter with no decorations, give the same areas at the same
 * pixels and the same colours inside them. */

#define WIDTH  640
#define HEIGHT 480

/* How far a pixel of an area's fill or outline differs from the bare
 * basemap at least, on a 0-255 scale. */
#define AREA_THRESHOLD 12

/* The pixels of a picture in which an area is drawn. */
typedef struct {
  guint8 *inside;   /* WIDTH x HEIGHT, 1 where an area is drawn */
  guint   n_inside;
} AreaMask;

static FrontlineDay
day (const char *text)
{
  FrontlineDay value = FRONTLINE_DAY_NONE;

  g_assert_true (frontline_day_parse (text, &value));
  return value;
}

static void
pixel_rgb (cairo_surface_t *surface,
           int              x,
           int              y,
           int              rgb[3])
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  gsize offset = (gsize) y * cairo_image_surface_get_stride (surface) + (gsize) x * 4;
  guint32 pixel = *(const guint32 *) (gconstpointer) (data + offset);

  /* Both pictures are opaque: premultiplied is straight. */
  rgb[0] = (pixel >> 16) & 0xff;
  rgb[1] = (pixel >> 8) & 0xff;
  rgb[2] = pixel & 0xff;
}

static int
pixel_distance (cairo_surface_t *a,
                cairo_surface_t *b,
                int              x,
                int              y)
{
  int pa[3], pb[3];
  int distance = 0;

  pixel_rgb (a, x, y, pa);
  pixel_rgb (b, x, y, pb);
  for (int c = 0; c < 3; c++)
    distance = MAX (distance, ABS (pa[c] - pb[c]));
  return distance;
}

/* Where @with differs from @bare, the same picture without areas. */
static void
area_mask_init (AreaMask        *mask,
                cairo_surface_t *with,
                cairo_surface_t *bare)
{
  g_assert_cmpint (cairo_image_surface_get_width (with), ==, WIDTH);
  g_assert_cmpint (cairo_image_surface_get_height (with), ==, HEIGHT);
  g_assert_cmpint (cairo_image_surface_get_width (bare), ==, WIDTH);
  g_assert_cmpint (cairo_image_surface_get_height (bare), ==, HEIGHT);

  mask->inside = g_malloc0 (WIDTH * HEIGHT);
  mask->n_inside = 0;
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      if (pixel_distance (with, bare, x, y) > AREA_THRESHOLD)
        {
          mask->inside[y * WIDTH + x] = 1;
          mask->n_inside++;
        }
}

static void
area_mask_clear (AreaMask *mask)
{
  g_clear_pointer (&mask->inside, g_free);
}

/* The screen: a ShumateMap of WIDTH x HEIGHT in a window, the offline
 * basemap under the control layer, as the window composes them. */
typedef struct {
  GtkWindow *window;
  ShumateMap *map;
  ShumateViewport *viewport;
  FrontlineControlLayer *layer;
} Screen;

static gboolean
map_allocated_cb (gpointer data)
{
  Screen *screen = data;

  return gtk_widget_get_width (GTK_WIDGET (screen->map)) == WIDTH
         && gtk_widget_get_height (GTK_WIDGET (screen->map)) == HEIGHT;
}

static void
screen_init (Screen           *screen,
             FrontlineDataset *dataset)
{
  g_autoptr(FrontlineBasemapSource) source =
    frontline_basemap_source_new (FRONTLINE_BASEMAP_STYLE_LIGHT, 1);
  ShumateMapLayer *base;

  screen->map = shumate_map_new ();
  screen->viewport = shumate_map_get_viewport (screen->map);
  shumate_viewport_set_reference_map_source (screen->viewport, SHUMATE_MAP_SOURCE (source));
  base = shumate_map_layer_new (SHUMATE_MAP_SOURCE (source), screen->viewport);
  shumate_map_add_layer (screen->map, SHUMATE_LAYER (base));
  screen->layer = frontline_control_layer_new (screen->viewport);
  frontline_control_layer_set_dataset (screen->layer, dataset);
  shumate_map_add_layer (screen->map, SHUMATE_LAYER (screen->layer));

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
screen_show (Screen              *screen,
             const FrontlineView *view,
             FrontlineDay         when)
{
  ShumateMapSource *reference = shumate_viewport_get_reference_map_source (screen->viewport);
  double tile_size = shumate_map_source_get_tile_size (reference);

  shumate_location_set_location (SHUMATE_LOCATION (screen->viewport),
                                 view->center_lat, view->center_lon);
  /* The viewport counts tiles of the base map's size, the view 256-pixel ones. */
  shumate_viewport_set_zoom_level (screen->viewport, view->zoom - log2 (tile_size / 256.0));
  frontline_control_layer_set_day (screen->layer, when);
}

static gboolean
surface_opaque (cairo_surface_t *surface)
{
  const guint8 *data = cairo_image_surface_get_data (surface);

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      if (data[(gsize) y * cairo_image_surface_get_stride (surface) + (gsize) x * 4 + 3] < 0x80)
        return FALSE;
  return TRUE;
}

static gboolean
surfaces_equal (cairo_surface_t *a,
                cairo_surface_t *b)
{
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      if (pixel_distance (a, b, x, y) != 0)
        return FALSE;
  return TRUE;
}

/* The map as it is on screen once it has settled: the basemap's tiles
 * drawn in their threads (no pixel left transparent; the seams between
 * tiles at fractional positions are a little so), the areas simplified
 * in theirs. Settled is the same picture three times running, 100 ms apart. */
static cairo_surface_t *
screen_render (Screen *screen)
{
  cairo_surface_t *last = NULL;
  gint64 deadline = g_get_monotonic_time () + frontline_test_scale_ms (20000) * 1000;
  guint same = 0;

  while (same < 3)
    {
      cairo_surface_t *surface;

      if (g_get_monotonic_time () > deadline)
        {
          if (g_getenv ("FRONTLINE_TEST_DUMP") != NULL)
            cairo_surface_write_to_png (last, "/tmp/se-unsettled.png");
          g_error ("the map did not settle in 20 s");
        }
      frontline_test_spin (100);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (screen->map));
      surface = frontline_test_render_widget (GTK_WIDGET (screen->map));
      if (last != NULL && surface_opaque (surface) && surfaces_equal (surface, last))
        same++;
      else
        same = 0;
      g_clear_pointer (&last, cairo_surface_destroy);
      last = surface;
    }

  return last;
}

static void
screen_clear (Screen *screen)
{
  gtk_window_destroy (screen->window);
  frontline_test_spin (20);
}

/* The exporter's picture of the same, with no decorations. Map data is
 * always credited: @credit is where. */
static cairo_surface_t *
export_render (FrontlineDataset    *dataset,
               const FrontlineView *view,
               FrontlineDay         when,
               FrontlineExportRect *credit)
{
  g_autoptr(GError) error = NULL;
  FrontlineExportOptions options;
  FrontlineExportLayout layout;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  frontline_export_options_init (&options, dataset, WIDTH, HEIGHT, 1.0);
  options.view = *view;
  options.day = when;
  options.title = options.legend = options.scale_bar = options.sources_strip = FALSE;
  g_assert_true (frontline_export_render (&options, cr, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  frontline_export_get_layout (&options, &layout);
  *credit = layout.attribution;
  return surface;
}

static gboolean
in_rect (const FrontlineExportRect *rect,
         int                        x,
         int                        y)
{
  return x + 1 > rect->x && x < rect->x + rect->width
         && y + 1 > rect->y && y < rect->y + rect->height;
}

/* Whether the pixel and all within @radius are inside areas on both sides. */
static gboolean
deep_inside (const AreaMask *a,
             const AreaMask *b,
             int             x,
             int             y,
             int             radius)
{
  if (x < radius || y < radius || x >= WIDTH - radius || y >= HEIGHT - radius)
    return FALSE;
  for (int dy = -radius; dy <= radius; dy++)
    for (int dx = -radius; dx <= radius; dx++)
      if (!a->inside[(y + dy) * WIDTH + x + dx] || !b->inside[(y + dy) * WIDTH + x + dx])
        return FALSE;
  return TRUE;
}

typedef struct {
  guint n_compared;
  guint n_disagree;
  guint n_inside_either;
} Agreement;

static void
compare_masks (const AreaMask            *screen,
               const AreaMask            *export,
               const FrontlineExportRect *credit,
               Agreement                 *agreement)
{
  memset (agreement, 0, sizeof *agreement);
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        gboolean s = screen->inside[y * WIDTH + x];
        gboolean e = export->inside[y * WIDTH + x];

        if (in_rect (credit, x, y))
          continue;
        agreement->n_compared++;
        agreement->n_disagree += s != e;
        agreement->n_inside_either += s || e;
      }
}

/* Draws @view on @when both ways and compares. @shift_x moves the screen's
 * view by that many pixels, to show the comparison sees it. */
static void
compare (FrontlineDataset *dataset,
         Screen           *screen,
         const char       *when_text,
         double            shift_x,
         Agreement        *agreement,
         guint            *n_colour_points)
{
  FrontlineDay when = day (when_text);
  /* Before the first day: no areas, the bare basemap. */
  FrontlineDay before = frontline_dataset_get_first_day (dataset) - 30;
  FrontlineView view;
  FrontlineView screen_view;
  FrontlineExportRect credit;
  FrontlineExportRect unused;
  cairo_surface_t *screen_with, *screen_bare, *export_with, *export_bare;
  AreaMask screen_mask, export_mask;
  double sudzha_x, sudzha_y;
  int rgb_screen[3], rgb_export[3];

  frontline_export_fit_view (dataset, WIDTH, HEIGHT, &view);
  /* A whole zoom, so that the basemap's tiles are drawn at their size on
   * both sides. */
  view.zoom = floor (view.zoom);
  screen_view = view;
  if (shift_x != 0)
    {
      double x0, y0;

      frontline_view_to_point (&view, view.center_lon, view.center_lat, &x0, &y0);
      frontline_view_from_point (&view, x0 + shift_x, y0,
                                 &screen_view.center_lon, &screen_view.center_lat);
    }

  screen_show (screen, &screen_view, when);
  screen_with = screen_render (screen);
  screen_show (screen, &screen_view, before);
  screen_bare = screen_render (screen);
  export_with = export_render (dataset, &view, when, &credit);
  export_bare = export_render (dataset, &view, before, &unused);

  if (g_getenv ("FRONTLINE_TEST_DUMP") != NULL)
    {
      cairo_surface_write_to_png (screen_with, "/tmp/se-screen-with.png");
      cairo_surface_write_to_png (screen_bare, "/tmp/se-screen-bare.png");
      cairo_surface_write_to_png (export_with, "/tmp/se-export-with.png");
      cairo_surface_write_to_png (export_bare, "/tmp/se-export-bare.png");
    }
  area_mask_init (&screen_mask, screen_with, screen_bare);
  area_mask_init (&export_mask, export_with, export_bare);
  g_test_message ("%s: %u pixels of areas on screen, %u in the export", when_text,
                  screen_mask.n_inside, export_mask.n_inside);
  g_assert_cmpuint (export_mask.n_inside, >, WIDTH * HEIGHT / 50);
  compare_masks (&screen_mask, &export_mask, &credit, agreement);

  /* Sudzha, held by Ukraine from August 2024 to March 2025, and points
   * deep inside areas on both sides: the same colours. */
  *n_colour_points = 0;
  frontline_view_to_point (&view, 35.2707, 51.1918, &sudzha_x, &sudzha_y);
  if (shift_x == 0)
    {
      g_assert_true (export_mask.inside[(int) sudzha_y * WIDTH + (int) sudzha_x]);
      g_assert_true (screen_mask.inside[(int) sudzha_y * WIDTH + (int) sudzha_x]);
    }
  for (int y = 8; shift_x == 0 && y < HEIGHT; y += 37)
    for (int x = 8; x < WIDTH; x += 41)
      {
        if (!deep_inside (&screen_mask, &export_mask, x, y, 6))
          continue;
        pixel_rgb (screen_with, x, y, rgb_screen);
        pixel_rgb (export_with, x, y, rgb_export);
        for (int c = 0; c < 3; c++)
          if (ABS (rgb_screen[c] - rgb_export[c]) > 8)
            g_error ("%s: at %d,%d the screen shows #%02x%02x%02x and the export #%02x%02x%02x",
                     when_text, x, y, rgb_screen[0], rgb_screen[1], rgb_screen[2],
                     rgb_export[0], rgb_export[1], rgb_export[2]);
        (*n_colour_points)++;
      }

  area_mask_clear (&screen_mask);
  area_mask_clear (&export_mask);
  cairo_surface_destroy (screen_with);
  cairo_surface_destroy (screen_bare);
  cairo_surface_destroy (export_with);
  cairo_surface_destroy (export_bare);
}

static void
assert_agree (const char      *when_text,
              const Agreement *agreement)
{
  g_test_message ("%s: %u of %u pixels disagree, %u inside an area on either side", when_text,
                  agreement->n_disagree, agreement->n_compared, agreement->n_inside_either);
  /* The same classification on 99 % of all pixels... */
  g_assert_cmpuint (agreement->n_disagree * 100, <=, agreement->n_compared);
  /* ...and of the pixels where either side draws an area: a shift of a
   * few pixels shows here first. */
  g_assert_cmpuint (agreement->n_disagree * 100, <=, agreement->n_inside_either);
}

static void
test_agree (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled ("kursk-2024-2025.geojson");
  const char *dates[] = { "2024-08-14", "2024-11-15", "2025-03-10" };
  Screen screen;

  screen_init (&screen, dataset);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      Agreement agreement;
      guint n_points;

      compare (dataset, &screen, dates[i], 0, &agreement, &n_points);
      assert_agree (dates[i], &agreement);
      g_assert_cmpuint (n_points, >=, 3);
    }
  screen_clear (&screen);
}

/* The comparison would see a layer a few pixels off. */
static void
test_shift_seen (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled ("kursk-2024-2025.geojson");
  Screen screen;
  Agreement agreement;
  guint n_points;

  screen_init (&screen, dataset);
  compare (dataset, &screen, "2024-11-15", 3, &agreement, &n_points);
  g_test_message ("shifted by 3 pixels: %u of %u pixels disagree, %u inside either",
                  agreement.n_disagree, agreement.n_compared, agreement.n_inside_either);
  g_assert_cmpuint (agreement.n_disagree * 100, >, agreement.n_inside_either);
  screen_clear (&screen);
}

int
main (int   argc,
      char *argv[])
{
  /* Drawing goes through cairo; without GL, GDK loads no GL driver. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);

  frontline_gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/frontline/screen-export/agree", test_agree);
  g_test_add_func ("/frontline/screen-export/shift-seen", test_shift_seen);

  return g_test_run ();
}
