/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Renders offline basemap tiles in the theatre and reports the median time
 * per 256 px tile at zooms 5, 8 and 11 (labels placed beforehand: that is a
 * once-per-zoom cost, reported apart). */

#include "config.h"

#include <stdlib.h>

#include "frontline-basemap.h"
#include "frontline-projection.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

int
main (int   argc,
      char *argv[])
{
  static const guint zooms[] = { 5, 8, 11 };
  FrontlineBasemap *basemap;
  gint64 start;

  start = g_get_monotonic_time ();
  basemap = frontline_basemap_get_default ();
  g_print ("basemap read in %.0f ms\n", (g_get_monotonic_time () - start) / 1000.0);

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      guint zoom = zooms[z];
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
      /* A 6 x 6 block of tiles around Sudzha and Kharkiv. */
      guint x0 = (guint) (frontline_mercator_x (35.0, zoom) / 256) - 3;
      guint y0 = (guint) (frontline_mercator_y (50.8, zoom) / 256) - 3;
      double first;

      for (guint i = 0; i < 37; i++)
        {
          cairo_t *cr = cairo_create (surface);
          double ms;

          start = g_get_monotonic_time ();
          frontline_basemap_draw_tile (basemap, cr, x0 + i % 6, y0 + (i / 6) % 6, zoom, 1.0,
                                       FRONTLINE_BASEMAP_STYLE_LIGHT);
          ms = (g_get_monotonic_time () - start) / 1000.0;
          cairo_destroy (cr);
          if (i == 0)
            first = ms;
          else
            g_array_append_val (times, ms);
        }

      g_array_sort (times, compare_doubles);
      g_print ("zoom %2u: median %.2f ms per tile (max %.2f; first tile, placing the zoom's labels, %.0f ms)\n",
               zoom, g_array_index (times, double, times->len / 2),
               g_array_index (times, double, times->len - 1), first);
      cairo_surface_destroy (surface);
    }

  return EXIT_SUCCESS;
}
