/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "frontline-basemap.h"
#include "frontline-dataset.h"
#include "frontline-exporter.h"
#include "frontline-test-data.h"
#include "frontline-test-init.h"

/* Place names in exports: drawn over the control areas with a halo, so a
 * name under an area stays readable. An area covers Sudzha; the pixels of
 * the name's text box must hold the label's colour and its halo's, not
 * their mix with the area's tint. */

static FrontlineDataset *
load_fixture (void)
{
  const char *json =
    "{\"type\":\"FeatureCollection\",\"frontline\":{\"factions\":["
    "{\"id\":\"red\",\"name\":\"Red\",\"color\":\"#cc3311\"}]},\"features\":["
    /* Red holds 35-35.6 E, 51-51.4 N: Sudzha (35.27 E, 51.20 N) and around. */
    "{\"type\":\"Feature\",\"properties\":{\"date\":\"2025-03-12\",\"faction\":\"red\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[35.6,51],[35.6,51.4],[35,51.4],[35,51]]]}}"
    "]}";

  return frontline_test_load_json ("export-labels.geojson", json);
}

static double
channel (guint32 pixel,
         int     shift)
{
  return ((pixel >> shift) & 0xff) / 255.0;
}

static gboolean
near (guint32       pixel,
      const double  rgb[3],
      double        tolerance)
{
  return fabs (channel (pixel, 16) - rgb[0]) < tolerance &&
         fabs (channel (pixel, 8) - rgb[1]) < tolerance &&
         fabs (channel (pixel, 0) - rgb[2]) < tolerance;
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);

  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (gconstpointer) (data + y * stride + x * 4);
}

static void
check_label_over_area (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  /* The basemap's label colours: text and halo, light and dark. */
  const double text[2][3] = { { 0.180, 0.204, 0.212 }, { 0.902, 0.902, 0.902 } };
  const double halo[2][3] = { { 1.0, 1.0, 1.0 }, { 0.118, 0.118, 0.125 } };
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineBasemap *basemap = frontline_basemap_get_default ();
  g_autoptr(GPtrArray) found = frontline_basemap_find_places (basemap, "Sudzha", 1);
  g_autoptr(GError) error = NULL;
  FrontlineBasemapPlace *sudzha;
  FrontlineExportOptions options;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_text = 0;
  guint n_halo = 0;
  double x;
  double y;
  guint32 area;

  g_assert_cmpuint (found->len, ==, 1);
  sudzha = g_ptr_array_index (found, 0);

  frontline_export_options_init (&options, dataset, 800, 600, 1.0);
  options.view.center_lon = 35.27;
  options.view.center_lat = 51.15;
  options.view.zoom = 11;
  options.dark = dark;
  options.title = FALSE;
  options.legend = FALSE;
  options.scale_bar = FALSE;
  options.sources_strip = FALSE;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 600);
  cr = cairo_create (surface);
  g_assert_true (frontline_export_render (&options, cr, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (g_getenv ("EXPORT_LABELS_PNG") != NULL)
    cairo_surface_write_to_png (surface, g_getenv ("EXPORT_LABELS_PNG"));

  /* Inside the area, away from the name: the area's tint. */
  frontline_view_to_point (&options.view, 35.55, 51.05, &x, &y);
  area = pixel_at (surface, (int) x, (int) y);
  g_assert_cmpfloat (channel (area, 16) - channel (area, 0), >, 0.1);

  /* The name's box, east of the dot: text and halo in their own colours,
   * with nothing of the area's tint over them. */
  frontline_view_to_point (&options.view, sudzha->lon, sudzha->lat, &x, &y);
  for (int py = (int) y - 7; py <= (int) y + 7; py++)
    for (int px = (int) x + 6; px <= (int) x + 50; px++)
      {
        guint32 pixel = pixel_at (surface, px, py);

        n_text += near (pixel, text[dark], 0.15);
        n_halo += near (pixel, halo[dark], 0.15);
      }
  g_test_message ("%s: %u text pixels, %u halo pixels", dark ? "dark" : "light", n_text, n_halo);
  g_assert_cmpuint (n_text, >, 10);
  g_assert_cmpuint (n_halo, >, 60);

  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/frontline/export-labels/over-area/light", GINT_TO_POINTER (FALSE),
                        check_label_over_area);
  g_test_add_data_func ("/frontline/export-labels/over-area/dark", GINT_TO_POINTER (TRUE),
                        check_label_over_area);

  return g_test_run ();
}
