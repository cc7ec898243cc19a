/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <stdio.h>

#include <math.h>
#include <string.h>

#include <sqlite3.h>

#include "frontline-comparison.h"
#include "frontline-export-private.h"
#include "frontline-exporter.h"
#include "frontline-tour.h"
#include "frontline-test-server.h"
#include "frontline-test-tiles.h"
#include "frontline-test-init.h"
#include "frontline-test-data.h"
#include "frontline-test-stops.h"

/* The exporter, with no display: pictures of a small dataset at a fixed
 * view, checked pixel by pixel, and the files it writes. */

#define WIDTH  1200
#define HEIGHT 800

static FrontlineDataset *
load_fixture (void)
{
  const char *json =
    "{\"type\":\"FeatureCollection\",\"frontline\":{\"title\":\"Test front\","
    "\"attribution\":\"Test data\",\"factions\":["
    "{\"id\":\"blue\",\"name\":\"Blue\",\"color\":\"#0072b2\"},"
    "{\"id\":\"orange\",\"name\":\"Orange\",\"color\":\"#d55e00\"}],"
    "\"sources\":[{\"id\":\"s1\",\"title\":\"Report one\",\"publisher\":\"Test News\","
    "\"published\":\"2024-08-06\"}]},\"features\":["
    /* Blue holds 35-36 E, 51-52 N with a hole at 35.3-35.5 E, 51.3-51.5 N. */
    "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"blue\",\"source\":\"s1\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[36,51],[36,52],[35,52],[35,51]],"
    "[[35.3,51.3],[35.3,51.5],[35.5,51.5],[35.5,51.3],[35.3,51.3]]]}},"
    /* Orange claims 36.2-37 E, approximately. */
    "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"orange\","
    "\"status\":\"claimed\",\"approximate\":true,\"source\":\"s1\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[36.2,51],[37,51],[37,52],[36.2,52],[36.2,51]]]}}"
    "]}";

  return frontline_test_load_json ("exporter.geojson", json);
}

static FrontlineDay
day (const char *text)
{
  FrontlineDay result;

  g_assert_true (frontline_day_parse (text, &result));
  return result;
}

/* A fixed view of the fixture: zoom 8 around 36 E, 51.5 N. */
static void
init_options (FrontlineExportOptions *options,
              FrontlineDataset       *dataset)
{
  frontline_export_options_init (options, dataset, WIDTH, HEIGHT, 1.0);
  options->view = (FrontlineView) { 36.0, 51.5, 8.0, WIDTH, HEIGHT };
  options->day = day ("2024-08-06");
}

static GFile *
scratch_file (const char *name)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  return g_file_new_for_path (path);
}

static cairo_surface_t *
export_png (const FrontlineExportOptions *options)
{
  g_autoptr(GFile) file = scratch_file ("picture.png");
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  g_assert_true (frontline_export_to_file (options, file, TRUE, NULL, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, (int) options->view.width);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, (int) options->view.height);

  return surface;
}

static void
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y,
          double           rgb[3])
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  pixel = *(const guint32 *) (gconstpointer) (data + y * stride + x * 4);
  rgb[0] = ((pixel >> 16) & 0xff) / 255.0;
  rgb[1] = ((pixel >> 8) & 0xff) / 255.0;
  rgb[2] = (pixel & 0xff) / 255.0;
}

static double
luma_at (cairo_surface_t *surface,
         int              x,
         int              y)
{
  double rgb[3];

  pixel_at (surface, x, y, rgb);
  return 0.3 * rgb[0] + 0.59 * rgb[1] + 0.11 * rgb[2];
}

static void
pixel_at_lonlat (cairo_surface_t              *surface,
                 const FrontlineExportOptions *options,
                 double                        lon,
                 double                        lat,
                 double                        rgb[3])
{
  FrontlineView view = options->view;
  double x, y;

  /* Output units are screen pixels times the scale. */
  view.width /= options->scale;
  view.height /= options->scale;
  frontline_view_to_point (&view, lon, lat, &x, &y);
  pixel_at (surface, (int) (x * options->scale), (int) (y * options->scale), rgb);
}

static guint
count_dark (cairo_surface_t           *surface,
            const FrontlineExportRect *r,
            double                     below)
{
  guint dark = 0;

  for (int y = (int) r->y; y < (int) (r->y + r->height); y++)
    for (int x = (int) r->x; x < (int) (r->x + r->width); x++)
      dark += luma_at (surface, x, y) < below;

  return dark;
}

static gboolean
close_to (const double a[3],
          const double b[3],
          double       tolerance)
{
  return fabs (a[0] - b[0]) <= tolerance && fabs (a[1] - b[1]) <= tolerance &&
         fabs (a[2] - b[2]) <= tolerance;
}

static void
test_format_from_filename (void)
{
  FrontlineExportFormat format;

  g_assert_true (frontline_export_format_from_filename ("map.png", &format));
  g_assert_cmpint (format, ==, FRONTLINE_EXPORT_PNG);
  g_assert_true (frontline_export_format_from_filename ("/tmp/a.b/MAP.SVG", &format));
  g_assert_cmpint (format, ==, FRONTLINE_EXPORT_SVG);
  g_assert_true (frontline_export_format_from_filename ("map.Pdf", &format));
  g_assert_cmpint (format, ==, FRONTLINE_EXPORT_PDF);
  g_assert_false (frontline_export_format_from_filename ("map.jpeg", &format));
  g_assert_false (frontline_export_format_from_filename ("png", &format));
  g_assert_false (frontline_export_format_from_filename ("map.png.txt", &format));

  /* And back: the name a format's files get reads as that format. */
  g_assert_cmpstr (frontline_export_format_get_extension (FRONTLINE_EXPORT_PNG), ==, "png");
  g_assert_cmpstr (frontline_export_format_get_extension (FRONTLINE_EXPORT_SVG), ==, "svg");
  g_assert_cmpstr (frontline_export_format_get_extension (FRONTLINE_EXPORT_PDF), ==, "pdf");
  for (FrontlineExportFormat f = FRONTLINE_EXPORT_PNG; f <= FRONTLINE_EXPORT_PDF; f++)
    {
      g_autofree char *name = g_strconcat ("map.", frontline_export_format_get_extension (f), NULL);

      g_assert_true (frontline_export_format_from_filename (name, &format));
      g_assert_cmpint (format, ==, f);
    }
}

static void
test_tile_zoom (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineExportOptions options;

  init_options (&options, dataset);
  g_assert_cmpuint (frontline_export_tile_zoom (&options), ==, 8);
  options.scale = 2;
  g_assert_cmpuint (frontline_export_tile_zoom (&options), ==, 9);
  options.scale = 4;
  g_assert_cmpuint (frontline_export_tile_zoom (&options), ==, 10);
  options.scale = 1;
  options.view.zoom = 7.6;
  g_assert_cmpuint (frontline_export_tile_zoom (&options), ==, 8);
  options.view.zoom = 0.2;
  g_assert_cmpuint (frontline_export_tile_zoom (&options), ==, 1);
  options.view.zoom = 19;
  g_assert_cmpuint (frontline_export_tile_zoom (&options), ==, 16);
}

static void
test_fit_view (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineView view;
  double bbox[4];

  /* No default view: the areas' extent, centred, with a margin. */
  frontline_export_fit_view (dataset, 1920, 1080, &view);
  g_assert_cmpfloat (view.width, ==, 1920);
  g_assert_cmpfloat (view.height, ==, 1080);
  g_assert_cmpfloat_with_epsilon (view.center_lon, 36.0, 1e-9);
  frontline_view_get_bbox (&view, bbox);
  g_assert_cmpfloat (bbox[0], <, 35.0);
  g_assert_cmpfloat (bbox[1], <, 51.0);
  g_assert_cmpfloat (bbox[2], >, 37.0);
  g_assert_cmpfloat (bbox[3], >, 52.0);
  /* ...but not by much: the box's height fills about 80 % of the picture. */
  g_assert_cmpfloat (bbox[3] - bbox[1], <, 1.5);

  /* The one fit, which the window uses too: the box in the middle of the
   * picture in pixels (Web Mercator), its tighter side at 80 %. */
  {
    const double box[4] = { 30.0, 44.0, 40.0, 52.0 };
    FrontlineView fitted;
    double west, north, east, south;

    frontline_view_fit_bbox (&fitted, box, 1280, 720);
    g_assert_cmpfloat (fitted.width, ==, 1280);
    g_assert_cmpfloat (fitted.height, ==, 720);
    frontline_view_to_point (&fitted, box[0], box[3], &west, &north);
    frontline_view_to_point (&fitted, box[2], box[1], &east, &south);
    g_assert_cmpfloat_with_epsilon (west, 1280 - east, 1e-6);
    g_assert_cmpfloat_with_epsilon (north, 720 - south, 1e-6);
    g_assert_cmpfloat_with_epsilon (MAX ((east - west) / 1280, (south - north) / 720), 0.8, 1e-6);
  }
}

/* Every date a person reads, on screen or on an exported map, is written
 * one way: frontline_day_format_label(). */
static void
test_day_label (void)
{
  g_autofree char *label = frontline_day_format_label (day ("2025-01-09"));
  g_autofree char *none = frontline_day_format_label (FRONTLINE_DAY_NONE);
  g_autofree char *october = frontline_day_format_label (day ("2024-10-15"));

  g_assert_cmpstr (label, ==, "9 Jan 2025");
  g_assert_cmpstr (october, ==, "15 Oct 2024");
  g_assert_cmpstr (none, ==, "");
}

/* A day with no assessment of its own shows the latest before it: the title
 * says so under the date ("as of 6 Aug 2024"), as the window's date bar
 * does; a data day has no such line. */
static void
test_title_as_of (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineExportOptions options;
  FrontlineExportLayout data_day;
  FrontlineExportLayout later;

  init_options (&options, dataset);
  frontline_export_get_layout (&options, &data_day);
  options.day = day ("2024-08-09");
  frontline_export_get_layout (&options, &later);
  g_test_message ("title panel: %.0f px tall on the data day, %.0f px three days later",
                  data_day.title.height, later.title.height);
  /* One more line, of 14 pt type. */
  g_assert_cmpfloat (later.title.height, >=, data_day.title.height + 14);
  g_assert_cmpfloat (later.title.height, <=, data_day.title.height + 30);
  g_assert_cmpfloat (later.title.y, ==, data_day.title.y);
}

/* The title panel, top left, holds the title and the date in dark text on
 * a light panel; in the dark style, light text on a dark panel. */
static void
test_title (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineExportOptions options;
  FrontlineExportLayout layout;
  FrontlineExportRect box;
  cairo_surface_t *with;
  cairo_surface_t *without;
  cairo_surface_t *dark;
  guint dark_with;
  guint dark_without;

  init_options (&options, dataset);
  frontline_export_get_layout (&options, &layout);
  box = layout.title;
  g_assert_cmpfloat (box.width, >, 100);
  g_assert_cmpfloat (box.height, >, 40);
  g_assert_cmpfloat (box.x, <, 40);
  g_assert_cmpfloat (box.y, <, 40);

  with = export_png (&options);
  options.title = FALSE;
  without = export_png (&options);
  options.title = TRUE;
  options.dark = TRUE;
  dark = export_png (&options);

  /* Text: many dark pixels inside the box, far more than the basemap's
   * labels give the same spot. */
  dark_with = count_dark (with, &box, 0.35);
  dark_without = count_dark (without, &box, 0.35);
  g_test_message ("dark pixels in the title box: %u with it, %u without", dark_with, dark_without);
  g_assert_cmpuint (dark_with, >, 500);
  g_assert_cmpuint (dark_with, >, 3 * dark_without);

  /* The panel: light just inside its right edge, where text never goes. */
  g_assert_cmpfloat (luma_at (with, (int) (box.x + box.width - 4), (int) (box.y + box.height / 2)), >, 0.9);
  g_assert_cmpfloat (luma_at (dark, (int) (box.x + box.width - 4), (int) (box.y + box.height / 2)), <, 0.25);
  /* ...and light text on it. */
  g_assert_cmpuint (count_dark (dark, &box, 0.7), <, box.width * box.height - 300);

  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
  cairo_surface_destroy (dark);
}

/* The legend holds each faction's style as the map draws it. */
static void
test_legend (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineExportOptions options;
  FrontlineExportLayout layout;
  FrontlineExportLayout before;
  cairo_surface_t *surface;
  /* Blue's controlled tint (38 %) over the nearly white panel. */
  const double blue[3] = {
    0.38 * 0x00 / 255.0 + 0.62, 0.38 * 0x72 / 255.0 + 0.62, 0.38 * 0xb2 / 255.0 + 0.62
  };
  guint blue_pixels = 0;
  guint orange_pixels = 0;
  guint orange_outside = 0;
  double top;
  double left;

  init_options (&options, dataset);
  /* Where the orange area begins: the rows above it have no orange but
   * the legend's. */
  frontline_view_to_point (&options.view, 36.2, 52.0, &left, &top);
  frontline_export_get_layout (&options, &layout);
  g_assert_cmpfloat (layout.legend.width, >, 50);
  g_assert_cmpfloat (layout.legend.x + layout.legend.width, >, WIDTH - 40);
  g_assert_cmpfloat (layout.legend.y, <, 40);

  surface = export_png (&options);
  for (int y = 0; y < (int) top - 4; y++)
    for (int x = WIDTH / 2; x < WIDTH; x++)
      {
        gboolean inside = x >= layout.legend.x && x < layout.legend.x + layout.legend.width &&
                          y >= layout.legend.y && y < layout.legend.y + layout.legend.height;
        double rgb[3];
        gboolean orange;

        pixel_at (surface, x, y, rgb);
        /* Orange's hatch lines, drawn at 85 %. */
        orange = rgb[0] > 0.75 && rgb[1] > 0.3 && rgb[1] < 0.6 && rgb[2] < 0.35;
        if (inside)
          {
            blue_pixels += close_to (rgb, blue, 0.04);
            orange_pixels += orange;
          }
        else
          orange_outside += orange;
      }
  g_test_message ("legend: %u blue, %u orange pixels", blue_pixels, orange_pixels);
  g_assert_cmpuint (blue_pixels, >, 200);
  g_assert_cmpuint (orange_pixels, >, 10);
  g_assert_cmpuint (orange_outside, ==, 0);
  cairo_surface_destroy (surface);

  /* Before the data starts, nothing is shown, and nothing is explained. */
  options.day = day ("2024-08-05");
  frontline_export_get_layout (&options, &before);
  g_assert_cmpfloat (before.legend.width, ==, 0);
}

/* The hole shows the basemap: the same pixels as on a day with no areas. */
static void
test_hole (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineExportOptions options;
  cairo_surface_t *shown;
  cairo_surface_t *plain;
  double a[3];
  double b[3];

  init_options (&options, dataset);
  shown = export_png (&options);
  options.day = day ("2024-08-05");
  plain = export_png (&options);

  for (double dlon = -0.02; dlon <= 0.02; dlon += 0.02)
    for (double dlat = -0.02; dlat <= 0.02; dlat += 0.02)
      {
        pixel_at_lonlat (shown, &options, 35.4 + dlon, 51.4 + dlat, a);
        pixel_at_lonlat (plain, &options, 35.4 + dlon, 51.4 + dlat, b);
        g_assert_true (close_to (a, b, 0.0));
      }

  /* Around the hole, Blue's ground is tinted. */
  pixel_at_lonlat (shown, &options, 35.15, 51.2, a);
  pixel_at_lonlat (plain, &options, 35.15, 51.2, b);
  g_assert_false (close_to (a, b, 0.05));
  g_assert_cmpfloat (a[2], >, a[0] + 0.2);

  cairo_surface_destroy (shown);
  cairo_surface_destroy (plain);
}

/* The scale bar's length is what the projection says at the centre. */
static void
check_scale_bar (FrontlineDataset *dataset,
                 double            zoom,
                 double            scale)
{
  FrontlineExportOptions options;
  FrontlineExportLayout layout;
  cairo_surface_t *surface;
  double resolution;
  double expected;
  double mantissa;
  double measured = 0;
  int row;

  init_options (&options, dataset);
  options.view.zoom = zoom;
  options.scale = scale;
  options.view.width = WIDTH * scale;
  options.view.height = HEIGHT * scale;
  frontline_export_get_layout (&options, &layout);

  /* A round length: 1, 2 or 5 × 10ⁿ metres. */
  mantissa = layout.bar_metres / pow (10, floor (log10 (layout.bar_metres)));
  g_assert_true (fabs (mantissa - 1) < 1e-9 || fabs (mantissa - 2) < 1e-9 || fabs (mantissa - 5) < 1e-9);

  resolution = cos (51.5 * G_PI / 180) * 2 * G_PI * 6378137 / (256 * exp2 (zoom));
  expected = layout.bar_metres / resolution * scale;
  g_assert_cmpfloat_with_epsilon (layout.bar.width, expected, 1e-6);
  g_assert_cmpfloat (layout.bar.x, >=, layout.scale_bar.x);
  g_assert_cmpfloat (layout.bar.x + layout.bar.width, <=, layout.scale_bar.x + layout.scale_bar.width);

  /* Measure it: the dark run along its middle row, edges counted by how
   * much of the pixel they cover. */
  surface = export_png (&options);
  row = (int) (layout.bar.y + layout.bar.height / 2);
  for (int x = (int) layout.scale_bar.x; x < (int) (layout.scale_bar.x + layout.scale_bar.width); x++)
    {
      double luma = luma_at (surface, x, row);

      /* Dark text colour (0.12) on the light panel (about 1). */
      measured += CLAMP ((1.0 - luma) / (1.0 - 0.12), 0, 1);
    }
  g_test_message ("zoom %g, scale %g: %g m, %.2f px expected, %.2f measured",
                  zoom, scale, layout.bar_metres, expected, measured);
  g_assert_cmpfloat (fabs (measured - expected), <=, 2.0);

  cairo_surface_destroy (surface);
}

static void
test_scale_bar (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();

  check_scale_bar (dataset, 8.0, 1.0);
  check_scale_bar (dataset, 10.3, 1.0);
  check_scale_bar (dataset, 6.5, 2.0);
}

/* Sources cited by the areas shown, along the bottom. */
static void
test_sources_strip (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineExportOptions options;
  FrontlineExportLayout layout;
  cairo_surface_t *surface;

  init_options (&options, dataset);
  frontline_export_get_layout (&options, &layout);
  g_assert_cmpfloat (layout.sources.width, >, 100);
  g_assert_cmpfloat (layout.sources.x, <, 40);
  g_assert_cmpfloat (layout.sources.y + layout.sources.height, >, HEIGHT - 40);
  /* The other bottom panels stand on it. */
  g_assert_cmpfloat (layout.scale_bar.y + layout.scale_bar.height, <=, layout.sources.y);
  g_assert_cmpfloat (layout.attribution.y + layout.attribution.height, <=, layout.sources.y);

  surface = export_png (&options);
  g_assert_cmpuint (count_dark (surface, &layout.sources, 0.35), >, 100);
  cairo_surface_destroy (surface);

  /* A day with no areas cites nothing. */
  options.day = day ("2024-08-05");
  frontline_export_get_layout (&options, &layout);
  g_assert_cmpfloat (layout.sources.width, ==, 0);
  options.day = day ("2024-08-06");
  options.sources_strip = FALSE;
  frontline_export_get_layout (&options, &layout);
  g_assert_cmpfloat (layout.sources.width, ==, 0);
}

/* The credits are always there, even when asked to leave them out. */
static void
test_attribution_always (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineExportOptions options;
  FrontlineExportLayout layout;
  cairo_surface_t *surface;

  init_options (&options, dataset);
  options.attribution = FALSE;
  options.title = options.legend = options.scale_bar = options.sources_strip = FALSE;
  frontline_export_get_layout (&options, &layout);
  g_assert_cmpfloat (layout.title.width, ==, 0);
  g_assert_cmpfloat (layout.legend.width, ==, 0);
  g_assert_cmpfloat (layout.scale_bar.width, ==, 0);
  g_assert_cmpfloat (layout.attribution.width, >, 100);
  g_assert_cmpfloat (layout.attribution.x + layout.attribution.width, >, WIDTH - 40);
  g_assert_cmpfloat (layout.attribution.y + layout.attribution.height, >, HEIGHT - 40);

  surface = export_png (&options);
  g_assert_cmpuint (count_dark (surface, &layout.attribution, 0.5), >, 100);
  cairo_surface_destroy (surface);
}

static char *
export_text (FrontlineExportOptions *options,
             const char             *name,
             gsize                  *length)
{
  g_autoptr(GFile) file = scratch_file (name);
  g_autoptr(GError) error = NULL;
  char *contents;

  g_assert_true (frontline_export_format_from_filename (name, &options->format));
  g_assert_true (frontline_export_to_file (options, file, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_load_contents (file, NULL, &contents, length, NULL, &error));
  g_assert_no_error (error);

  return contents;
}

typedef struct {
  char  *width;
  char  *height;
  guint  paths;
  guint  images;
  guint  depth;
} SvgCount;

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  SvgCount *count = user_data;

  if (count->depth++ == 0)
    {
      g_assert_cmpstr (element, ==, "svg");
      for (guint i = 0; names[i] != NULL; i++)
        {
          if (g_str_equal (names[i], "width"))
            count->width = g_strdup (values[i]);
          else if (g_str_equal (names[i], "height"))
            count->height = g_strdup (values[i]);
        }
    }
  if (g_str_equal (element, "path"))
    count->paths++;
  if (g_str_equal (element, "image"))
    count->images++;
}

static void
svg_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              user_data,
         GError              **error)
{
  SvgCount *count = user_data;

  count->depth--;
}

/* SVG: well-formed XML of the requested size in points, all vectors. */
static void
test_svg (void)
{
  static const GMarkupParser parser = { svg_start, svg_end, NULL, NULL, NULL };
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL;
  FrontlineExportOptions options;
  SvgCount count = { 0 };
  const char *body;
  gsize length;

  init_options (&options, dataset);
  svg = export_text (&options, "picture.svg", &length);

  /* GMarkup takes no XML declaration or doctype: start at the root. */
  body = strstr (svg, "<svg");
  g_assert_nonnull (body);
  context = g_markup_parse_context_new (&parser, 0, &count, NULL);
  g_assert_true (g_markup_parse_context_parse (context, body, length - (body - svg), &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (count.width, ==, "1200pt");
  g_assert_cmpstr (count.height, ==, "800pt");
  g_assert_cmpuint (count.paths, >, 10);
  g_assert_cmpuint (count.images, ==, 0);
  g_assert_null (strstr (svg, "<image"));

  g_free (count.width);
  g_free (count.height);
}

/* Whether @needle is in @data: PDF streams hold NUL bytes, where the
 * string functions would stop. */
static gboolean
contains (const char *data,
          gsize       length,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    {
      if (memcmp (data + i, needle, n) == 0)
        return TRUE;
    }

  return FALSE;
}

/* PDF: a PDF of the requested page size, with no raster image in it. */
static void
test_pdf (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  g_autofree char *pdf = NULL;
  FrontlineExportOptions options;
  gsize length;

  init_options (&options, dataset);
  pdf = export_text (&options, "picture.pdf", &length);

  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  g_assert_true (contains (pdf, length, "/MediaBox [ 0 0 1200 800 ]"));
  g_assert_true (contains (pdf, length, "%%EOF"));
  g_assert_false (contains (pdf, length, "/Image"));
}

/* The same export twice gives the same bytes. */
static void
test_deterministic (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  g_autoptr(GFile) first = scratch_file ("first.png");
  g_autoptr(GFile) second = scratch_file ("second.png");
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GError) error = NULL;
  FrontlineExportOptions options;

  init_options (&options, dataset);
  g_assert_true (frontline_export_to_file (&options, first, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (frontline_export_to_file (&options, second, FALSE, NULL, &error));
  g_assert_no_error (error);

  a = g_file_load_bytes (first, NULL, NULL, &error);
  g_assert_no_error (error);
  b = g_file_load_bytes (second, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (a), >, 8);
  g_assert_cmpmem (g_bytes_get_data (a, NULL), 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_true (g_bytes_equal (a, b));

  g_file_delete (first, NULL, NULL);
  g_file_delete (second, NULL, NULL);
}

static char *
contents_of (GFile *file)
{
  char *contents = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL));
  return contents;
}

/* Without replace, an existing file is an error and is left alone. */
static void
test_no_overwrite (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  g_autoptr(GFile) file = scratch_file ("existing.png");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  FrontlineExportOptions options;
  cairo_surface_t *surface;

  init_options (&options, dataset);
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));

  g_assert_false (frontline_export_to_file (&options, file, FALSE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "existing.png"));
  after = contents_of (file);
  g_assert_cmpstr (after, ==, "old");
  g_clear_error (&error);

  /* With replace, it is replaced, by a whole picture. */
  g_assert_true (frontline_export_to_file (&options, file, TRUE, NULL, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_file_delete (file, NULL, NULL);
}

static gboolean
folder_is_empty (GFile *folder)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                   G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autoptr(GFileInfo) info = NULL;

  g_assert_nonnull (children);
  info = g_file_enumerator_next_file (children, NULL, NULL);

  return info == NULL;
}

/* A failed export leaves no file, and keeps the one it would replace. */
static void
test_failures_leave_nothing (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  g_autoptr(GFile) folder = scratch_file ("failures");
  g_autoptr(GFile) missing = NULL;
  g_autoptr(GFile) new_file = NULL;
  g_autoptr(GFile) old_file = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  FrontlineExportOptions options;
  GFileType type;

  init_options (&options, dataset);
  g_assert_true (g_file_make_directory (folder, NULL, NULL));

  /* A folder that does not exist. */
  missing = g_file_resolve_relative_path (folder, "no/such/folder/map.png");
  g_assert_false (frontline_export_to_file (&options, missing, TRUE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (frontline_export_to_file (&options, missing, FALSE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (folder_is_empty (folder));

  /* A path that is a folder. */
  g_assert_false (frontline_export_to_file (&options, folder, TRUE, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  type = g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL);
  g_assert_cmpint (type, ==, G_FILE_TYPE_DIRECTORY);
  g_assert_true (folder_is_empty (folder));

  /* A picture that cannot be drawn: nothing is written at all. */
  new_file = g_file_get_child (folder, "huge.png");
  options.view.width = 40000;
  g_assert_false (frontline_export_to_file (&options, new_file, TRUE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  options.view.width = 0;
  g_assert_false (frontline_export_to_file (&options, new_file, TRUE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  options.view.width = WIDTH;
  g_assert_true (folder_is_empty (folder));

  /* Cancelled: no new file, and an old one keeps its contents. */
  g_cancellable_cancel (cancelled);
  g_assert_false (frontline_export_to_file (&options, new_file, TRUE, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (folder_is_empty (folder));

  old_file = g_file_get_child (folder, "old.png");
  g_assert_true (g_file_replace_contents (old_file, "old", 3, NULL, FALSE, G_FILE_CREATE_NONE,
                                          NULL, NULL, NULL));
  g_assert_false (frontline_export_to_file (&options, old_file, TRUE, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = contents_of (old_file);
  g_assert_cmpstr (after, ==, "old");
  g_file_delete (old_file, NULL, NULL);
  g_assert_true (folder_is_empty (folder));
  g_file_delete (folder, NULL, NULL);
}

/* 3840x2160 at scale 2: the 1920x1080 view, drawn from the next zoom's
 * tiles, with text twice the size. */
static void
test_4k (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineExportOptions hd;
  FrontlineExportOptions uhd;
  FrontlineExportLayout hd_layout;
  FrontlineExportLayout uhd_layout;
  cairo_surface_t *surface;
  double outside[3];
  double inside[3];
  double west_x, west_y;
  int x0 = -1;
  int x1 = -1;

  frontline_export_options_init (&hd, dataset, 1920, 1080, 1);
  hd.view.center_lon = 36.0;
  hd.view.center_lat = 51.5;
  hd.view.zoom = 8.0;
  hd.day = day ("2024-08-06");
  uhd = hd;
  uhd.view.width = 3840;
  uhd.view.height = 2160;
  uhd.scale = 2;

  g_assert_cmpuint (frontline_export_tile_zoom (&hd), ==, 8);
  g_assert_cmpuint (frontline_export_tile_zoom (&uhd), ==, 9);

  frontline_export_get_layout (&hd, &hd_layout);
  frontline_export_get_layout (&uhd, &uhd_layout);
  g_assert_cmpfloat_with_epsilon (uhd_layout.title.height / hd_layout.title.height, 2.0, 0.05);
  g_assert_cmpfloat_with_epsilon (uhd_layout.bar.width / hd_layout.bar.width, 2.0, 0.01);

  surface = export_png (&uhd);

  /* Sharp: Blue's west edge goes from the basemap to the tint within the
   * outline's width (1.8 screen pixels, 3.6 here) and a pixel of
   * antialiasing each side. */
  pixel_at_lonlat (surface, &uhd, 34.9, 51.75, outside);
  pixel_at_lonlat (surface, &uhd, 35.1, 51.75, inside);
  {
    FrontlineView view = uhd.view;

    view.width /= 2;
    view.height /= 2;
    frontline_view_to_point (&view, 35.0, 51.75, &west_x, &west_y);
  }
  for (int x = (int) (west_x * 2) - 20; x < (int) (west_x * 2) + 20; x++)
    {
      double rgb[3];

      pixel_at (surface, x, (int) (west_y * 2), rgb);
      if (!close_to (rgb, outside, 0.03) && !close_to (rgb, inside, 0.03))
        {
          if (x0 < 0)
            x0 = x;
          x1 = x;
        }
    }
  g_assert_cmpint (x0, >=, 0);
  g_test_message ("edge across %d pixels", x1 - x0 + 1);
  g_assert_cmpint (x1 - x0 + 1, <=, 6);

  cairo_surface_destroy (surface);
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  g_autoptr(GFile) file = scratch_file ("async.pdf");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FrontlineExportOptions options;

  init_options (&options, dataset);
  options.format = FRONTLINE_EXPORT_PDF;
  frontline_export_to_file_async (&options, file, TRUE, NULL, on_exported_cb, &result);
  /* The options were copied: changing them now changes nothing. */
  options.view.width = 0;
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (frontline_export_to_file_finish (result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_query_exists (file, NULL));
  g_file_delete (file, NULL, NULL);
}

/* With a day to compare with, the gains are drawn over the areas and a card
 * under the title says how much each side gained and lost. */
static void
test_changes (void)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "changes.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  const char *json =
    "{\"type\":\"FeatureCollection\",\"frontline\":{\"title\":\"Changes\",\"factions\":["
    "{\"id\":\"blue\",\"name\":\"Blue\",\"color\":\"#0072b2\"}],"
    "\"sources\":[{\"id\":\"s1\",\"title\":\"Report\"}]},\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"blue\",\"source\":\"s1\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[36,51],[36,52],[35,52],[35,51]]]}},"
    /* Two days later Blue holds half a degree more to the east. */
    "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-08\",\"faction\":\"blue\",\"source\":\"s1\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[36.5,51],[36.5,52],[35,52],[35,51]]]}}"
    "]}";
  FrontlineExportOptions options;
  FrontlineExportLayout layout;
  cairo_surface_t *with;
  cairo_surface_t *without;
  double legend_height;
  guint differ = 0;

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  init_options (&options, dataset);
  options.day = day ("2024-08-08");
  frontline_export_get_layout (&options, &layout);
  g_assert_cmpfloat (layout.changes.width, ==, 0);
  legend_height = layout.legend.height;
  without = export_png (&options);

  options.compare_from = day ("2024-08-06");
  frontline_export_get_layout (&options, &layout);
  g_assert_cmpfloat (layout.changes.width, >, 100);
  /* Under the title, on the left. */
  g_assert_cmpfloat (layout.changes.y, >=, layout.title.y + layout.title.height);
  g_assert_cmpfloat (layout.changes.x, ==, layout.title.x);
  /* The legend says how a gain is drawn: one row more. */
  g_assert_cmpfloat (layout.legend.height, >, legend_height + 10);
  with = export_png (&options);

  /* The gains and losses are the window's: one FrontlineComparison. */
  {
    g_autoptr(FrontlineComparison) comparison = frontline_comparison_new (dataset, options.compare_from,
                                                                          options.day, NULL);
    g_autofree char *text = NULL;
    GArray *changes = frontline_export_compute_changes (&options, &text);
    GPtrArray *computed = frontline_comparison_get_changes (comparison);

    g_assert_nonnull (text);
    g_assert_cmpuint (changes->len, ==, computed->len);
    for (guint i = 0; i < changes->len; i++)
      {
        FrontlineExportChange *change = &g_array_index (changes, FrontlineExportChange, i);
        FrontlineChange *expected = g_ptr_array_index (computed, i);

        g_assert_cmpfloat_with_epsilon (frontline_geometry_area_m2 (change->gained),
                                        frontline_geometry_area_m2 (expected->gained), 1.0);
        g_assert_cmpfloat_with_epsilon (frontline_geometry_area_m2 (change->lost),
                                        frontline_geometry_area_m2 (expected->lost), 1.0);
      }
    g_array_unref (changes);
  }

  /* The card holds text... */
  g_assert_cmpuint (count_dark (with, &layout.changes, 0.35), >, 200);
  g_assert_cmpuint (count_dark (without, &layout.changes, 0.35), <, count_dark (with, &layout.changes, 0.35) / 3);
  /* ...and the map outside it shows the gain: half a degree east of 36 E. */
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        double a[3], b[3];

        if (x >= layout.changes.x && x < layout.changes.x + layout.changes.width &&
            y >= layout.changes.y && y < layout.changes.y + layout.changes.height)
          continue;
        pixel_at (with, x, y, a);
        pixel_at (without, x, y, b);
        differ += !close_to (a, b, 0.02);
      }
  g_test_message ("%u pixels differ outside the card", differ);
  g_assert_cmpuint (differ, >, 2000);

  /* Comparing with a later day, or the same, compares nothing. */
  options.compare_from = day ("2024-08-08");
  frontline_export_get_layout (&options, &layout);
  g_assert_cmpfloat (layout.changes.width, ==, 0);

  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
  g_file_delete (file, NULL, NULL);
}

/* Online tiles: the tests' tile server (frontline-test-server.h), which
 * sends a red tile for column 1 and nothing (404) for the others. */
typedef struct {
  FrontlineTestServer *server;
  GMutex               lock;
  GBytes              *column2;  /* sent for column 2 when set; else 404; under lock */
} Loopback;

static cairo_status_t
append_png_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
on_loopback_request_cb (const FrontlineTestRequest *request,
                        FrontlineTestResponse      *response,
                        gpointer                    user_data)
{
  Loopback *lb = user_data;

  if (request->x == 1)
    return;

  g_mutex_lock (&lb->lock);
  if (request->x == 2 && lb->column2 != NULL)
    response->body = g_bytes_ref (lb->column2);
  else
    response->status = SOUP_STATUS_NOT_FOUND;
  g_mutex_unlock (&lb->lock);
}

static Loopback *
loopback_new (void)
{
  Loopback *lb = g_new0 (Loopback, 1);
  g_autoptr(GBytes) red = test_png_of_colour (1, 0, 0);

  g_mutex_init (&lb->lock);
  lb->server = frontline_test_server_new (on_loopback_request_cb, lb);
  frontline_test_server_set_png (lb->server, red);
  return lb;
}

static void
loopback_set_column2 (Loopback *lb,
                      GBytes   *column2)
{
  g_mutex_lock (&lb->lock);
  g_clear_pointer (&lb->column2, g_bytes_unref);
  lb->column2 = g_bytes_ref (column2);
  g_mutex_unlock (&lb->lock);
}

static void
loopback_free (Loopback *lb)
{
  frontline_test_server_free (lb->server);
  g_clear_pointer (&lb->column2, g_bytes_unref);
  g_mutex_clear (&lb->lock);
  g_free (lb);
}

/* An export over online tiles waits for them, draws those that came, marks
 * and counts those that did not, and credits the tile source. */
static void
test_online_tiles (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  Loopback *lb = loopback_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineTileFetcher) tiles =
    frontline_tile_fetcher_new_custom (frontline_test_server_get_url_template (lb->server),
                                       "Loopback tiles", &error);
  FrontlineExportOptions options;
  cairo_surface_t *surface;
  cairo_surface_t *green_surface;
  cairo_t *cr;
  g_autofree char *cached = NULL;
  g_autofree char *green = NULL;
  g_autofree char *agent = NULL;
  guint missing = 0;
  double rgb[3];

  g_assert_no_error (error);
  /* The map on screen cached tile 2/2/1 (green): it is used, not fetched. */
  cached = g_build_filename (g_get_user_cache_dir (), "frontline", "tiles",
                             frontline_tile_fetcher_get_id (tiles), "2", "2", NULL);
  g_assert_cmpint (g_mkdir_with_parents (cached, 0700), ==, 0);
  green = g_build_filename (cached, "1.png", NULL);
  green_surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cr = cairo_create (green_surface);
  cairo_set_source_rgb (cr, 0, 1, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (green_surface, green), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (green_surface);

  frontline_export_options_init (&options, dataset, 512, 512, 1.0);
  /* Zoom 2, the view over tile columns 1 and 2 and rows 1 and 2. */
  options.view = (FrontlineView) { 0.0, 0.0, 2.0, 512, 512 };
  options.day = day ("2024-08-06");
  options.tiles = tiles;
  options.basemap_credit = "Loopback tiles";
  options.missing_tiles = &missing;
  surface = export_png (&options);

  /* Column 1 (the left half) is the server's red... */
  pixel_at (surface, 128, 400, rgb);
  g_assert_cmpfloat (rgb[0], >, 0.9);
  g_assert_cmpfloat (rgb[2], <, 0.1);
  /* ...2/2/1 (top right) the cache's green... */
  pixel_at (surface, 420, 200, rgb);
  g_assert_cmpfloat (rgb[1], >, 0.9);
  g_assert_cmpfloat (rgb[0], <, 0.1);
  /* ...and 2/2/2 came back 404: a neutral grey gap, counted. */
  pixel_at (surface, 420, 450, rgb);
  g_assert_cmpfloat (fabs (rgb[0] - rgb[2]), <, 0.1);
  g_assert_cmpfloat (rgb[0], >, 0.5);
  g_assert_cmpuint (missing, ==, 1);
  g_assert_cmpuint (frontline_test_server_get_n_requests (lb->server), ==, 3);
  agent = frontline_test_server_dup_last_header (lb->server, "User-Agent");
  g_assert_true (g_str_has_prefix (agent, "Frontline/"));

  g_unlink (green);
  cairo_surface_destroy (surface);
  loopback_free (lb);
}

/* Hostile tiles */

/* An MBTiles file holding @tiles at zoom 2: columns 1 and 2, rows 1 and 2,
 * the four a 512x512 view of (0, 0) at zoom 2 covers. */
static char *
write_mbtiles (const char *name,
               GBytes     *tiles[4])
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "mbtiles", NULL);
  char *path = g_build_filename (dir, name, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE metadata (name TEXT, value TEXT);"
                                     "INSERT INTO metadata VALUES ('format', 'png');"
                                     "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
                                     "tile_row INTEGER, tile_data BLOB)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (2, ?, ?, ?)", -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < 4; i++)
    {
      gsize size;
      const void *data = g_bytes_get_data (tiles[i], &size);

      sqlite3_bind_int (stmt, 1, 1 + (int) (i % 2));
      sqlite3_bind_int (stmt, 2, 3 - (1 + (int) (i / 2)));  /* TMS */
      sqlite3_bind_blob (stmt, 3, data, (int) size, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  return path;
}

/* Tiles too large for cairo, tile bombs, foreign formats and damaged
 * images in an MBTiles file: the export completes, with those tiles as
 * counted gaps and the good one drawn. */
static void
test_hostile_mbtiles (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  g_autoptr(GBytes) red = NULL;
  g_autoptr(GBytes) jpeg = test_jpeg (256, 256, 0, 0, 255);
  g_autoptr(GBytes) png = NULL;
  GBytes *sets[2][4];
  FrontlineExportOptions options;

  {
    cairo_surface_t *tile = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
    cairo_t *cr = cairo_create (tile);
    GByteArray *bytes = g_byte_array_new ();

    cairo_set_source_rgb (cr, 1, 0, 0);
    cairo_paint (cr);
    cairo_destroy (cr);
    cairo_surface_write_to_png_stream (tile, append_png_cb, bytes);
    cairo_surface_destroy (tile);
    red = g_byte_array_free_to_bytes (bytes);
    png = g_bytes_ref (red);
  }

  /* Top left good; a bomb, a JPEG wider than cairo allows, a GIF. */
  sets[0][0] = g_bytes_ref (red);
  sets[0][1] = test_png_bomb (16384);
  sets[0][2] = test_jpeg (40000, 8, 0, 255, 0);
  sets[0][3] = test_foreign_image (0);
  /* A good JPEG; a PNG and a JPEG cut short, a WebP. */
  sets[1][0] = g_bytes_ref (jpeg);
  sets[1][1] = test_bytes_head (png, g_bytes_get_size (png) / 2);
  sets[1][2] = test_bytes_head (jpeg, g_bytes_get_size (jpeg) / 2);
  sets[1][3] = test_foreign_image (1);

  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *name = g_strdup_printf ("hostile-%u.mbtiles", k);
      g_autofree char *path = write_mbtiles (name, sets[k]);
      cairo_surface_t *surface;
      guint missing = 0;
      double rgb[3];

      frontline_export_options_init (&options, dataset, 512, 512, 1.0);
      options.view = (FrontlineView) { 0.0, 0.0, 2.0, 512, 512 };
      options.day = day ("2024-08-06");
      options.mbtiles = path;
      options.basemap_credit = "Hostile tiles";
      options.missing_tiles = &missing;
      options.title = options.legend = options.scale_bar = options.sources_strip = FALSE;
      surface = export_png (&options);

      g_assert_cmpuint (missing, ==, 3);
      /* The good tile, top left. */
      pixel_at (surface, 100, 100, rgb);
      if (k == 0)
        g_assert_true (rgb[0] > 0.9 && rgb[1] < 0.1 && rgb[2] < 0.1);
      else
        g_assert_true (rgb[2] > 0.9 && rgb[0] < 0.1 && rgb[1] < 0.1);
      /* The others: grey gaps. */
      pixel_at (surface, 400, 100, rgb);
      g_assert_cmpfloat (fabs (rgb[0] - rgb[2]), <, 0.1);
      g_assert_cmpfloat (rgb[0], >, 0.5);
      cairo_surface_destroy (surface);

      for (guint i = 0; i < 4; i++)
        g_bytes_unref (sets[k][i]);
      g_unlink (path);
    }
}

/* The same from a tile server: a bomb, then more bytes than any tile. */
static void
test_hostile_online (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  Loopback *lb = loopback_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineTileFetcher) tiles =
    frontline_tile_fetcher_new_custom (frontline_test_server_get_url_template (lb->server),
                                       "Loopback tiles", &error);
  g_autoptr(GBytes) bomb = test_png_bomb (16384);
  GBytes *column2[2];
  FrontlineExportOptions options;

  g_assert_no_error (error);
  column2[0] = bomb;
  column2[1] = g_bytes_new_take (g_malloc0 (6 * 1024 * 1024), 6 * 1024 * 1024);
  memcpy ((char *) g_bytes_get_data (column2[1], NULL), "\x89PNG\r\n\x1a\n", 8);

  for (guint k = 0; k < 2; k++)
    {
      cairo_surface_t *surface;
      guint missing = 0;
      double rgb[3];

      loopback_set_column2 (lb, column2[k]);
      frontline_export_options_init (&options, dataset, 512, 512, 1.0);
      options.view = (FrontlineView) { 0.0, 0.0, 2.0, 512, 512 };
      options.day = day ("2024-08-06");
      options.tiles = tiles;
      options.basemap_credit = "Loopback tiles";
      options.missing_tiles = &missing;
      surface = export_png (&options);

      g_assert_cmpuint (missing, ==, 2);
      pixel_at (surface, 128, 400, rgb);
      g_assert_cmpfloat (rgb[0], >, 0.9);
      pixel_at (surface, 420, 450, rgb);
      g_assert_cmpfloat (fabs (rgb[0] - rgb[2]), <, 0.1);
      cairo_surface_destroy (surface);
    }

  g_bytes_unref (column2[1]);
  loopback_free (lb);
}

/* Views no picture can show: an error before anything is drawn, and no
 * file. */
static void
test_absurd_views (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  g_autoptr(GFile) file = scratch_file ("absurd.png");
  FrontlineExportOptions options;
  FrontlineExportLayout layout;
  const FrontlineView views[] = {
    { 36.0, 51.5, 1e300, WIDTH, HEIGHT },
    { 36.0, 51.5, -5, WIDTH, HEIGHT },
    { 36.0, 51.5, 25, WIDTH, HEIGHT },
    { NAN, 51.5, 8, WIDTH, HEIGHT },
    { 36.0, NAN, 8, WIDTH, HEIGHT },
    { 36.0, 51.5, NAN, WIDTH, HEIGHT },
    { INFINITY, 51.5, 8, WIDTH, HEIGHT },
    { 1e300, 51.5, 8, WIDTH, HEIGHT },
    { 36.0, -1e300, 8, WIDTH, HEIGHT },
    { 36.0, 51.5, 8, NAN, HEIGHT },
    { 36.0, 51.5, 8, WIDTH, 1e300 },
  };
  const double scales[] = { 1e300, NAN, -1, 0, 1e-300 };

  g_file_delete (file, NULL, NULL);
  init_options (&options, dataset);
  for (guint i = 0; i < G_N_ELEMENTS (views) + G_N_ELEMENTS (scales); i++)
    {
      g_autoptr(GError) error = NULL;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 16, 16);
      cairo_t *cr = cairo_create (surface);

      init_options (&options, dataset);
      if (i < G_N_ELEMENTS (views))
        options.view = views[i];
      else
        options.scale = scales[i - G_N_ELEMENTS (views)];

      g_assert_false (frontline_view_is_valid (&options.view) && i < G_N_ELEMENTS (views));
      g_assert_false (frontline_export_to_file (&options, file, TRUE, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_test_message ("%s", error->message);
      g_clear_error (&error);
      g_assert_false (g_file_query_exists (file, NULL));

      g_assert_false (frontline_export_render (&options, cr, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

      frontline_export_get_layout (&options, &layout);
      g_assert_cmpfloat (layout.attribution.width, ==, 0);
      g_assert_cmpfloat (layout.title.width, ==, 0);
      (void) frontline_export_tile_zoom (&options);

      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  /* The edges themselves are fine. */
  init_options (&options, dataset);
  options.view = (FrontlineView) { 180.0, -85.0, 0.0, 256, 256 };
  g_assert_true (frontline_view_is_valid (&options.view));
  cairo_surface_destroy (export_png (&options));
}

static FrontlineDataset *
load_json (const char *name,
           const char *json)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FrontlineDataset *dataset;

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);

  return dataset;
}

/* Ground GEOS could not repair in time is drawn as read, and the card says
 * its change could not be worked out instead of showing none. */
static void
test_changes_not_computed (void)
{
  g_autoptr(GString) json = g_string_new (
    "{\"type\":\"FeatureCollection\",\"frontline\":{\"title\":\"Knot\",\"factions\":["
    "{\"id\":\"blue\",\"name\":\"Blue\",\"color\":\"#0072b2\"}]},\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"blue\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,50],[36,50],[36,51],[35,51],[35,50]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-08\",\"faction\":\"blue\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(FrontlineDataset) dataset = NULL;
  FrontlineExportOptions options;
  FrontlineExportLayout layout;
  cairo_surface_t *surface;

  /* A random ring of 3,000 vertices: its repair runs out of time. */
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (json, "[%.6f,%.6f],", g_rand_double_range (rand, 35, 36),
                            g_rand_double_range (rand, 50, 51));
  g_string_append (json, "[35.5,50.5]]]}}]}");
  dataset = load_json ("knot.geojson", json->str);

  init_options (&options, dataset);
  options.day = day ("2024-08-08");
  options.compare_from = day ("2024-08-06");
  frontline_export_get_layout (&options, &layout);
  g_assert_cmpfloat (layout.changes.width, >, 100);
  surface = export_png (&options);
  g_assert_cmpuint (count_dark (surface, &layout.changes, 0.35), >, 100);
  cairo_surface_destroy (surface);
}

/* Megabytes of title, faction name and credit: laid out as a few lines,
 * and the panels keep their usual sizes. */
static void
test_huge_text (void)
{
  g_autoptr(FrontlineDataset) normal = load_fixture ();
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(GString) json = g_string_new ("{\"type\":\"FeatureCollection\",\"frontline\":{\"title\":\"");
  FrontlineExportOptions options;
  FrontlineExportLayout layout;
  FrontlineExportLayout usual;
  cairo_surface_t *surface;

  for (guint i = 0; i < 1000000; i++)
    g_string_append (json, i % 200 == 199 ? "Title\\n\\n" : "Title word ");
  g_string_append (json, "\",\"attribution\":\"");
  for (guint i = 0; i < 100000; i++)
    g_string_append (json, "Credit <b>");
  g_string_append (json, "\",\"factions\":[{\"id\":\"blue\",\"color\":\"#0072b2\",\"name\":\"");
  for (guint i = 0; i < 100000; i++)
    g_string_append (json, "Blue name ");
  g_string_append (json, "\"}]},\"features\":[{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\","
                         "\"faction\":\"blue\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                         "[[[35,51],[36,51],[36,52],[35,52],[35,51]]]}}]}");
  g_test_message ("dataset: %" G_GSIZE_FORMAT " bytes", json->len);
  dataset = load_json ("huge-text.geojson", json->str);

  init_options (&options, normal);
  frontline_export_get_layout (&options, &usual);
  init_options (&options, dataset);
  frontline_export_get_layout (&options, &layout);
  /* Two lines of title where the usual has one. */
  g_assert_cmpfloat (layout.title.height, <=, usual.title.height + 30);
  g_assert_cmpfloat (layout.title.width, <=, 600);
  g_assert_cmpfloat (layout.legend.height, <=, 100);
  g_assert_cmpfloat (layout.legend.width, <=, 400);
  g_assert_cmpfloat (layout.attribution.height, <=, 160);
  g_assert_cmpfloat (layout.attribution.height, >, usual.attribution.height);

  surface = export_png (&options);
  g_assert_cmpuint (count_dark (surface, &layout.title, 0.5), >, 500);
  g_assert_cmpuint (count_dark (surface, &layout.attribution, 0.7), >, 200);
  cairo_surface_destroy (surface);

  options.format = FRONTLINE_EXPORT_PDF;
  {
    g_autoptr(GFile) file = scratch_file ("huge-text.pdf");
    g_autoptr(GError) error = NULL;

    g_assert_true (frontline_export_to_file (&options, file, TRUE, NULL, &error));
    g_assert_no_error (error);
  }
}

/* A tile file's credit that is not UTF-8, with control characters and
 * markup: the credits still show, the dataset's included. */
static void
test_bad_credit (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineExportOptions options;
  FrontlineExportLayout good;
  FrontlineExportLayout bad;
  cairo_surface_t *surface;

  init_options (&options, dataset);
  options.basemap_credit = "Tiles: example";
  frontline_export_get_layout (&options, &good);
  options.basemap_credit = "Tiles\xff\xfe: <b>e\x01x&amp;</i>";
  frontline_export_get_layout (&options, &bad);
  g_assert_cmpfloat (fabs (bad.attribution.height - good.attribution.height), <=, 4);
  g_assert_cmpfloat (bad.attribution.width, >=, good.attribution.width - 40);
  surface = export_png (&options);
  g_assert_cmpuint (count_dark (surface, &bad.attribution, 0.7), >, 200);
  cairo_surface_destroy (surface);
}

/* A thousand factions: the legend shows what fits and counts the rest,
 * and the credits and the scale bar stay clear of it. */
static void
test_many_factions (void)
{
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(GString) json = g_string_new ("{\"type\":\"FeatureCollection\",\"frontline\":{\"title\":\"Many\","
                                          "\"attribution\":\"Many sides\",\"factions\":[");
  FrontlineExportOptions options;
  FrontlineExportLayout layout;
  cairo_surface_t *with;
  cairo_surface_t *without;
  const FrontlineExportRect *below[3];
  guint differ = 0;

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (json, "%s{\"id\":\"f%u\",\"name\":\"Faction number %u\",\"color\":\"#%06x\"}",
                            i ? "," : "", i, i, (i * 2654435761u) & 0xffffff);
  g_string_append (json, "]},\"features\":[");
  for (guint i = 0; i < 1000; i++)
    {
      double lon = 35.5 + (i % 40) * 0.025;
      double lat = 51.2 + (i / 40) * 0.024;
      char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
      char c[G_ASCII_DTOSTR_BUF_SIZE], d[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_dtostr (a, sizeof a, lon);
      g_ascii_dtostr (b, sizeof b, lat);
      g_ascii_dtostr (c, sizeof c, lon + 0.01);
      g_ascii_dtostr (d, sizeof d, lat + 0.01);
      g_string_append_printf (json, "%s{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\","
                                    "\"faction\":\"f%u\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                                    "[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}",
                              i ? "," : "", i, a, b, c, b, c, d, a, d, a, b);
    }
  g_string_append (json, "]}");
  dataset = load_json ("many-factions.geojson", json->str);

  init_options (&options, dataset);
  frontline_export_get_layout (&options, &layout);
  g_assert_cmpfloat (layout.legend.height, >, 100);
  below[0] = &layout.attribution;
  below[1] = &layout.scale_bar;
  below[2] = &layout.sources;
  for (guint i = 0; i < 3; i++)
    if (below[i]->width > 0)
      g_assert_cmpfloat (layout.legend.y + layout.legend.height, <=, below[i]->y);
  g_assert_cmpfloat (layout.legend.y + layout.legend.height, <=, HEIGHT);
  g_assert_cmpfloat (layout.attribution.width, >, 100);

  /* The credits' pixels are those of the same picture without a legend. */
  with = export_png (&options);
  options.legend = FALSE;
  without = export_png (&options);
  for (int y = (int) layout.attribution.y; y < (int) (layout.attribution.y + layout.attribution.height); y++)
    for (int x = (int) layout.attribution.x; x < (int) (layout.attribution.x + layout.attribution.width); x++)
      {
        double a[3], b[3];

        pixel_at (with, x, y, a);
        pixel_at (without, x, y, b);
        differ += !close_to (a, b, 0.01);
      }
  g_assert_cmpuint (differ, ==, 0);
  g_assert_cmpuint (count_dark (with, &layout.attribution, 0.7), >, 100);

  /* A short picture: fewer rows, still clear of the credits. */
  options.legend = TRUE;
  options.view.height = 300;
  frontline_export_get_layout (&options, &layout);
  if (layout.legend.width > 0)
    g_assert_cmpfloat (layout.legend.y + layout.legend.height, <=, layout.attribution.y);

  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
}

/* Frames of a series */

/* Three dates: Blue holds more each week. */
static FrontlineDataset *
load_three_dates (void)
{
  GString *json = g_string_new ("{\"type\":\"FeatureCollection\",\"frontline\":{\"title\":\"Frames\","
                                "\"factions\":[{\"id\":\"blue\",\"name\":\"Blue\",\"color\":\"#0072b2\"}]},"
                                "\"features\":[");
  static const char *dates[] = { "2024-08-06", "2024-08-13", "2024-08-20" };
  g_autoptr(FrontlineDataset) dataset = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    g_string_append_printf (json, "%s{\"type\":\"Feature\",\"properties\":{\"date\":\"%s\",\"faction\":\"blue\"},"
                            "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                            "[[[35,51],[%.1f,51],[%.1f,52],[35,52],[35,51]]]}}",
                            i > 0 ? "," : "", dates[i], 35.3 + 0.3 * i, 35.3 + 0.3 * i);
  g_string_append (json, "]}");
  dataset = frontline_test_load_json ("frames.geojson", json->str);
  g_string_free (json, TRUE);

  return g_steal_pointer (&dataset);
}

static void
assert_same_pictures (cairo_surface_t *a,
                      cairo_surface_t *b)
{
  int height = cairo_image_surface_get_height (a);
  int width = cairo_image_surface_get_width (a);

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, height);
  for (int y = 0; y < height; y++)
    g_assert_cmpmem (cairo_image_surface_get_data (a) + (gsize) y * cairo_image_surface_get_stride (a), width * 4,
                     cairo_image_surface_get_data (b) + (gsize) y * cairo_image_surface_get_stride (b), width * 4);
}

/* The frames of all dates through one cache: the basemap is drawn for the
 * first only, and every frame is the picture an export of its day alone
 * makes, basemap pixels and all. A new view draws it again. */
static void
test_frames_share_basemap (void)
{
  g_autoptr(FrontlineDataset) dataset = load_three_dates ();
  g_autoptr(FrontlineExportCache) cache = frontline_export_cache_new ();
  const FrontlineDay *days;
  FrontlineExportOptions options;
  guint n_days;

  frontline_export_options_init (&options, dataset, 640, 400, 1.0);
  options.view = (FrontlineView) { 36.0, 51.5, 7.0, 640, 400 };
  days = frontline_dataset_get_days (dataset, &n_days);
  g_assert_cmpuint (n_days, ==, 3);

  for (guint i = 0; i < n_days; i++)
    {
      cairo_surface_t *framed;
      cairo_surface_t *alone;
      double rgb[3];

      options.day = days[i];
      options.cache = cache;
      framed = export_png (&options);
      g_assert_cmpuint (frontline_export_cache_get_basemap_draws (cache), ==, 1);
      options.cache = NULL;
      alone = export_png (&options);
      assert_same_pictures (alone, framed);

      /* East of the areas, the basemap's land, not the background. */
      pixel_at_lonlat (framed, &options, 37.5, 51.5, rgb);
      g_assert_false (close_to (rgb, frontline_export_themes[0].beyond, 0.02));
      /* The day's own areas: Blue reaches further east each frame. */
      pixel_at_lonlat (framed, &options, 35.15 + 0.3 * i, 51.5, rgb);
      g_assert_cmpfloat (rgb[2], >, rgb[0] + 0.1);
      if (i + 1 < n_days)
        {
          pixel_at_lonlat (framed, &options, 35.15 + 0.3 * (i + 1), 51.5, rgb);
          g_assert_false (rgb[2] > rgb[0] + 0.1);
        }
      cairo_surface_destroy (framed);
      cairo_surface_destroy (alone);
    }

  /* Another view, or the dark style: drawn again. */
  options.cache = cache;
  options.view.zoom = 7.5;
  cairo_surface_destroy (export_png (&options));
  g_assert_cmpuint (frontline_export_cache_get_basemap_draws (cache), ==, 2);
  options.dark = TRUE;
  cairo_surface_destroy (export_png (&options));
  g_assert_cmpuint (frontline_export_cache_get_basemap_draws (cache), ==, 3);
  cairo_surface_destroy (export_png (&options));
  g_assert_cmpuint (frontline_export_cache_get_basemap_draws (cache), ==, 3);
}

/* Online tiles for three frames are fetched once, and each frame still
 * has them, and counts its own gap. */
static void
test_frames_fetch_once (void)
{
  g_autoptr(FrontlineDataset) dataset = load_three_dates ();
  g_autoptr(FrontlineExportCache) cache = frontline_export_cache_new ();
  Loopback *lb = loopback_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineTileFetcher) tiles =
    frontline_tile_fetcher_new_custom (frontline_test_server_get_url_template (lb->server),
                                       "Loopback tiles", &error);
  const FrontlineDay *days;
  FrontlineExportOptions options;
  guint n_days;

  g_assert_no_error (error);
  frontline_export_options_init (&options, dataset, 512, 512, 1.0);
  options.view = (FrontlineView) { 0.0, 0.0, 2.0, 512, 512 };
  options.tiles = tiles;
  options.basemap_credit = "Loopback tiles";
  options.cache = cache;
  days = frontline_dataset_get_days (dataset, &n_days);

  for (guint i = 0; i < n_days; i++)
    {
      cairo_surface_t *surface;
      guint missing = 0;
      double rgb[3];

      options.day = days[i];
      options.missing_tiles = &missing;
      surface = export_png (&options);
      /* Column 1 is the server's red; column 2 was a 404, a gap. */
      pixel_at (surface, 128, 400, rgb);
      g_assert_cmpfloat (rgb[0], >, 0.9);
      g_assert_cmpfloat (rgb[2], <, 0.1);
      g_assert_cmpuint (missing, ==, 2);
      cairo_surface_destroy (surface);
    }
  g_assert_cmpuint (frontline_test_server_get_n_requests (lb->server), ==, 4);
  g_assert_cmpuint (frontline_export_cache_get_basemap_draws (cache), ==, 1);

  loopback_free (lb);
}

/* A PNG is drawn in bands, a thread each: its pixels are those of the
 * picture drawn whole by frontline_export_render(), areas, gains and
 * losses and place names across the bands' edges included. */
static void
test_bands_seamless (void)
{
  g_autoptr(FrontlineDataset) dataset = load_three_dates ();
  g_autoptr(GError) error = NULL;
  FrontlineExportOptions options;
  const FrontlineDay *days;
  guint n_days;

  days = frontline_dataset_get_days (dataset, &n_days);
  frontline_export_options_init (&options, dataset, 700, 1100, 2.0);
  options.view = (FrontlineView) { 36.0, 51.5, 7.3, 700, 1100 };
  options.day = days[2];
  options.compare_from = days[0];

  for (guint dark = 0; dark < 2; dark++)
    {
      cairo_surface_t *banded;
      cairo_surface_t *whole = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 700, 1100);
      cairo_t *cr = cairo_create (whole);

      options.dark = dark;
      g_assert_true (frontline_export_render (&options, cr, &error));
      g_assert_no_error (error);
      cairo_destroy (cr);
      cairo_surface_flush (whole);
      banded = export_png (&options);
      for (int y = 0; y < 1100; y++)
        for (int x = 0; x < 700; x++)
          {
            guint32 a = ((guint32 *) (cairo_image_surface_get_data (whole) + (gsize) y * cairo_image_surface_get_stride (whole)))[x];
            guint32 b = ((guint32 *) (cairo_image_surface_get_data (banded) + (gsize) y * cairo_image_surface_get_stride (banded)))[x];

            if ((a & 0xffffff) != (b & 0xffffff))
              g_error ("pixel (%d, %d): %06x drawn whole, %06x in bands", x, y, a & 0xffffff, b & 0xffffff);
          }
      cairo_surface_destroy (banded);
      cairo_surface_destroy (whole);
    }
}

/* A stop's drawings in the picture: over the areas, scaled as the map is
 * (a line 8 screen pixels wide is 16 pixels wide at scale 2), under the
 * panels; no drawings, the very pixels of before. */
static void
test_annotations (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_json ("stops.geojson", FRONTLINE_TEST_STOPS_JSON);
  g_autoptr(FrontlineStop) stop = frontline_dataset_find_stop (dataset, "blue", NULL);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GPtrArray) across = g_ptr_array_new_with_free_func ((GDestroyNotify) frontline_annotation_free);
  FrontlineExportOptions options;
  FrontlineExportLayout layout;
  FrontlineView overlay;
  cairo_surface_t *plain, *drawn, *empty;
  const double red[3] = { 1, 0, 0 };
  double rgb[3], before[3];
  double x, y, points[4];
  int panel_x, panel_y;

  g_assert_nonnull (stop);
  g_assert_cmpuint (frontline_stop_get_annotations (stop)->len, ==, 1);

  frontline_export_options_init (&options, dataset, WIDTH, HEIGHT, 2.0);
  options.view = (FrontlineView) { 36.0, 51.5, 8.0, WIDTH, HEIGHT };
  options.day = day ("2024-08-06");
  plain = export_png (&options);
  options.annotations = none;
  empty = export_png (&options);
  g_assert_cmpmem (cairo_image_surface_get_data (plain),
                   cairo_image_surface_get_stride (plain) * HEIGHT,
                   cairo_image_surface_get_data (empty),
                   cairo_image_surface_get_stride (empty) * HEIGHT);

  /* The stop's line, and one across the title panel. */
  frontline_export_get_layout (&options, &layout);
  g_assert_cmpfloat (layout.title.width, >, 0);
  overlay = frontline_export_overlay_view (&options);
  panel_x = (int) (layout.title.x + 3);
  panel_y = (int) (layout.title.y + layout.title.height / 2);
  frontline_view_from_point (&overlay, 0, panel_y / 2.0, &points[0], &points[1]);
  frontline_view_from_point (&overlay, (layout.title.x + layout.title.width) / 2.0 + 40, panel_y / 2.0,
                             &points[2], &points[3]);
  g_ptr_array_add (across, frontline_annotation_copy (g_ptr_array_index (frontline_stop_get_annotations (stop), 0)));
  g_ptr_array_add (across, frontline_annotation_new (FRONTLINE_ANNOTATION_LINE, points, 2));
  ((FrontlineAnnotation *) across->pdata[1])->rgba[0] = 1;
  ((FrontlineAnnotation *) across->pdata[1])->rgba[1] = 0;
  ((FrontlineAnnotation *) across->pdata[1])->rgba[2] = 0;
  ((FrontlineAnnotation *) across->pdata[1])->rgba[3] = 1;
  ((FrontlineAnnotation *) across->pdata[1])->width = 12;
  options.annotations = across;
  drawn = export_png (&options);

  /* On the line, red; 3 screen pixels off it (6 output pixels), still red:
   * the line is scaled; 9 screen pixels off, the map as it was. */
  frontline_view_to_point (&overlay, 36.0, 51.8, &x, &y);
  pixel_at (drawn, (int) (x * 2), (int) (y * 2), rgb);
  g_assert_true (close_to (rgb, red, 0.05));
  pixel_at (plain, (int) (x * 2), (int) (y * 2), before);
  g_assert_false (close_to (before, red, 0.3));
  pixel_at (drawn, (int) (x * 2), (int) (y * 2) + 6, rgb);
  g_assert_true (close_to (rgb, red, 0.05));
  pixel_at (drawn, (int) (x * 2), (int) (y * 2) - 18, rgb);
  pixel_at (plain, (int) (x * 2), (int) (y * 2) - 18, before);
  g_assert_true (close_to (rgb, before, 0.01));

  /* The panel over the line: at most its translucency shows it. */
  pixel_at (drawn, panel_x, panel_y, rgb);
  pixel_at (plain, panel_x, panel_y, before);
  g_assert_true (close_to (rgb, before, 0.08));
  /* Beyond the panel, the line. */
  pixel_at (drawn, (int) (layout.title.x + layout.title.width + 20), panel_y, rgb);
  g_assert_true (close_to (rgb, red, 0.05));

  cairo_surface_destroy (plain);
  cairo_surface_destroy (empty);
  cairo_surface_destroy (drawn);
}

/* A stop's picture: its view for the picture's size at its scale, its
 * date, its comparison, its drawings. */
static void
test_init_for_stop (void)
{
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_json ("stops.geojson", FRONTLINE_TEST_STOPS_JSON);
  g_autoptr(FrontlineStop) first = frontline_dataset_find_stop (dataset, "1", NULL);
  g_autoptr(FrontlineStop) second = frontline_dataset_find_stop (dataset, "Orange claims", NULL);
  FrontlineExportOptions options;
  FrontlineView fitted;

  frontline_export_options_init_for_stop (&options, dataset, first, 2400, 1600, 2.0);
  g_assert_true (options.dataset == dataset);
  g_assert_cmpfloat (options.view.center_lon, ==, 36.0);
  g_assert_cmpfloat (options.view.center_lat, ==, 51.5);
  g_assert_cmpfloat (options.view.zoom, ==, 8.0);
  g_assert_cmpfloat (options.view.width, ==, 2400);
  g_assert_cmpfloat (options.view.height, ==, 1600);
  g_assert_cmpfloat (options.scale, ==, 2.0);
  g_assert_cmpint (options.day, ==, day ("2024-08-06"));
  g_assert_cmpint (options.compare_from, ==, FRONTLINE_DAY_NONE);
  g_assert_true (options.annotations == frontline_stop_get_annotations (first));
  g_assert_true (options.title && options.legend && options.scale_bar);

  frontline_export_options_init_for_stop (&options, dataset, second, 1000, 600, 1.0);
  frontline_stop_fit_view (second, dataset, 1000, 600, &fitted);
  g_assert_cmpfloat (options.view.center_lon, ==, fitted.center_lon);
  g_assert_cmpfloat (options.view.zoom, ==, fitted.zoom);
  g_assert_cmpfloat (options.view.zoom, ==, 9.0);
  g_assert_cmpint (options.day, ==, day ("2024-08-10"));
  g_assert_cmpint (options.compare_from, ==, day ("2024-08-06"));
  g_assert_null (options.annotations);

  /* Where each stop is among the dataset's; a stop removed is no longer. */
  {
    guint position = G_MAXUINT;

    g_assert_true (frontline_dataset_get_stop_position (dataset, first, &position));
    g_assert_cmpuint (position, ==, 0);
    g_assert_true (frontline_dataset_get_stop_position (dataset, second, &position));
    g_assert_cmpuint (position, ==, 1);
    frontline_dataset_remove_stop (dataset, 0);
    g_assert_false (frontline_dataset_get_stop_position (dataset, first, NULL));
    g_assert_true (frontline_dataset_get_stop_position (dataset, second, &position));
    g_assert_cmpuint (position, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  /* The loopback server needs no proxy, and the GNOME proxy resolver's
   * schema is not in the test's schema folder. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  frontline_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/frontline/exporter/format-from-filename", test_format_from_filename);
  g_test_add_func ("/frontline/exporter/tile-zoom", test_tile_zoom);
  g_test_add_func ("/frontline/exporter/fit-view", test_fit_view);
  g_test_add_func ("/frontline/exporter/day-label", test_day_label);
  g_test_add_func ("/frontline/exporter/title", test_title);
  g_test_add_func ("/frontline/exporter/legend", test_legend);
  g_test_add_func ("/frontline/exporter/hole", test_hole);
  g_test_add_func ("/frontline/exporter/online-tiles", test_online_tiles);
  g_test_add_func ("/frontline/exporter/changes", test_changes);
  g_test_add_func ("/frontline/exporter/changes-not-computed", test_changes_not_computed);
  g_test_add_func ("/frontline/exporter/scale-bar", test_scale_bar);
  g_test_add_func ("/frontline/exporter/sources-strip", test_sources_strip);
  g_test_add_func ("/frontline/exporter/attribution-always", test_attribution_always);
  g_test_add_func ("/frontline/exporter/svg", test_svg);
  g_test_add_func ("/frontline/exporter/pdf", test_pdf);
  g_test_add_func ("/frontline/exporter/deterministic", test_deterministic);
  g_test_add_func ("/frontline/exporter/no-overwrite", test_no_overwrite);
  g_test_add_func ("/frontline/exporter/failures-leave-nothing", test_failures_leave_nothing);
  g_test_add_func ("/frontline/exporter/4k", test_4k);
  g_test_add_func ("/frontline/exporter/async", test_async);
  g_test_add_func ("/frontline/exporter/hostile-mbtiles", test_hostile_mbtiles);
  g_test_add_func ("/frontline/exporter/hostile-online", test_hostile_online);
  g_test_add_func ("/frontline/exporter/absurd-views", test_absurd_views);
  g_test_add_func ("/frontline/exporter/huge-text", test_huge_text);
  g_test_add_func ("/frontline/exporter/bad-credit", test_bad_credit);
  g_test_add_func ("/frontline/exporter/many-factions", test_many_factions);
  g_test_add_func ("/frontline/exporter/frames-share-basemap", test_frames_share_basemap);
  g_test_add_func ("/frontline/exporter/frames-fetch-once", test_frames_fetch_once);
  g_test_add_func ("/frontline/exporter/bands-seamless", test_bands_seamless);
  g_test_add_func ("/frontline/exporter/annotations", test_annotations);
  g_test_add_func ("/frontline/exporter/title-as-of", test_title_as_of);
  g_test_add_func ("/frontline/exporter/init-for-stop", test_init_for_stop);

  return g_test_run ();
}
