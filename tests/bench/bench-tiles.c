/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The offline basemap's costs per zoom (6, 9 and 11, over Kursk), as medians
 * over several fresh basemaps, wall and CPU time of the calling thread:
 * - the first tile of a zoom, and the tiles after it: the first one must not
 *   wait for anything the zoom needs once (the names' placement);
 * - the names of a 3840x2160 picture drawn first at that zoom, as the
 *   exporter does (placement included), then of a 1400x900 one (the screen),
 *   then frontline_basemap_prepare_labels() for the whole world.
 * Usage: bench-tiles [REPEATS] */

#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "frontline-basemap.h"
#include "frontline-projection.h"

typedef struct {
  double wall;
  double cpu;
} Cost;

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
cost_begin (Cost *cost)
{
  cost->wall = g_get_monotonic_time () / 1e3;
  cost->cpu = cpu_ms ();
}

static void
cost_end (Cost *cost)
{
  cost->wall = g_get_monotonic_time () / 1e3 - cost->wall;
  cost->cpu = cpu_ms () - cost->cpu;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

enum { FIRST_TILE, NEXT_TILES, LABELS_4K, LABELS_SCREEN, LABELS_WORLD, N_MEASURES };

static const char *const measure_names[] = {
  "first tile",
  "next tiles (median)",
  "labels 3840x2160 first",
  "labels 1400x900 next",
  "labels whole world",
};

static void
draw_labels (FrontlineBasemap *basemap,
             guint             zoom,
             int               width,
             int               height,
             Cost             *cost)
{
  FrontlineView view = { 36.19, 51.73, zoom + 0.5, width, height };  /* Kursk */
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  cost_begin (cost);
  frontline_basemap_draw_labels (basemap, cr, &view, frontline_basemap_get_label_zoom (&view),
                                 FRONTLINE_BASEMAP_STYLE_LIGHT, NULL);
  cost_end (cost);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  static const guint zooms[] = { 6, 9, 11 };
  guint repeats = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 5;
  GArray *walls[G_N_ELEMENTS (zooms)][N_MEASURES];
  GArray *cpus[G_N_ELEMENTS (zooms)][N_MEASURES];
  Cost read;

  repeats = MAX (repeats, 1);
  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    for (guint m = 0; m < N_MEASURES; m++)
      {
        walls[z][m] = g_array_new (FALSE, FALSE, sizeof (double));
        cpus[z][m] = g_array_new (FALSE, FALSE, sizeof (double));
      }

  for (guint r = 0; r < repeats; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FrontlineBasemap) basemap = NULL;

      /* A fresh basemap each time: nothing placed yet. */
      cost_begin (&read);
      basemap = frontline_basemap_new_from_resources (RESOURCE_PATH "/basemap", &error);
      cost_end (&read);
      g_assert_no_error (error);
      if (r == 0)
        g_print ("basemap read in %.0f ms (CPU %.0f ms); %u repeats, medians below\n",
                 read.wall, read.cpu, repeats);

      for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
        {
          guint zoom = zooms[z];
          g_autoptr(GArray) next_wall = g_array_new (FALSE, FALSE, sizeof (double));
          g_autoptr(GArray) next_cpu = g_array_new (FALSE, FALSE, sizeof (double));
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
          /* A 6 x 6 block of tiles around Kursk. */
          guint x0 = (guint) (frontline_mercator_x (36.19, zoom) / 256) - 3;
          guint y0 = (guint) (frontline_mercator_y (51.73, zoom) / 256) - 3;
          Cost cost;
          double value;

          for (guint i = 0; i < 36; i++)
            {
              cairo_t *cr = cairo_create (surface);

              cost_begin (&cost);
              frontline_basemap_draw_tile (basemap, cr, x0 + i % 6, y0 + i / 6, zoom, 1.0,
                                           FRONTLINE_BASEMAP_STYLE_LIGHT);
              cost_end (&cost);
              cairo_destroy (cr);
              if (i == 0)
                {
                  g_array_append_val (walls[z][FIRST_TILE], cost.wall);
                  g_array_append_val (cpus[z][FIRST_TILE], cost.cpu);
                }
              else
                {
                  g_array_append_val (next_wall, cost.wall);
                  g_array_append_val (next_cpu, cost.cpu);
                }
            }
          cairo_surface_destroy (surface);
          value = median (next_wall);
          g_array_append_val (walls[z][NEXT_TILES], value);
          value = median (next_cpu);
          g_array_append_val (cpus[z][NEXT_TILES], value);

          draw_labels (basemap, zoom, 3840, 2160, &cost);
          g_array_append_val (walls[z][LABELS_4K], cost.wall);
          g_array_append_val (cpus[z][LABELS_4K], cost.cpu);

          draw_labels (basemap, zoom, 1400, 900, &cost);
          g_array_append_val (walls[z][LABELS_SCREEN], cost.wall);
          g_array_append_val (cpus[z][LABELS_SCREEN], cost.cpu);

          cost_begin (&cost);
          frontline_basemap_prepare_labels (basemap, zoom);
          cost_end (&cost);
          g_array_append_val (walls[z][LABELS_WORLD], cost.wall);
          g_array_append_val (cpus[z][LABELS_WORLD], cost.cpu);
        }
    }

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    for (guint m = 0; m < N_MEASURES; m++)
      {
        g_print ("zoom %2u  %-24s %8.2f ms  (CPU %8.2f ms)\n", zooms[z], measure_names[m],
                 median (walls[z][m]), median (cpus[z][m]));
        g_array_unref (walls[z][m]);
        g_array_unref (cpus[z][m]);
      }

  return EXIT_SUCCESS;
}
