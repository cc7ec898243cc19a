/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The control overlay's cost on workload L: the time to draw one 1920x1080
 * frame at zooms 5, 8 and 11, and to switch the date (state + frame). Each
 * zoom is measured cold (the first frame of a date at a zoom band draws the
 * full geometry, thinned to half a pixel) and warm (drawn again, from the
 * copies simplified for the band in the meantime).
 *
 *   bench-frame FILE
 */

#include "config.h"

#include <stdlib.h>

#include "frontline-dataset.h"
#include "frontline-painter.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

int
main (int   argc,
      char *argv[])
{
  static const double zooms[] = { 5, 8, 11 };
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  cairo_surface_t *surface;
  const FrontlineDay *days;
  guint n_days;

  if (argc < 2)
    {
      g_printerr ("usage: bench-frame FILE\n");
      return EXIT_FAILURE;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    g_error ("%s", error->message);

  days = frontline_dataset_get_days (dataset, &n_days);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      /* On the front at every zoom: its middle, near Kharkiv. */
      FrontlineView view = { 36.5, 49.5, zooms[z], 1920, 1080 };
      g_autoptr(GArray) cold = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) warm = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) state_times = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint i = 0; i < 24; i++)
        {
          FrontlineDay day = days[(i * 15 + z * 5) % n_days];

          for (int pass = 0; pass < 2; pass++)
            {
              gint64 start = g_get_monotonic_time ();
              g_autoptr(GPtrArray) state = frontline_dataset_get_state_at (dataset, day);
              gint64 after_state = g_get_monotonic_time ();
              cairo_t *cr = cairo_create (surface);
              gboolean complete;
              double ms;

              cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
              cairo_paint (cr);
              cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
              complete = frontline_painter_draw_areas (cr, &view, state);
              cairo_destroy (cr);
              ms = (g_get_monotonic_time () - start) / 1000.0;

              /* As the screen does: the simplified copies are made in a
               * worker after the frame, for the next ones (not timed). */
              for (guint a = 0; !complete && a < state->len; a++)
                frontline_geometry_unref (frontline_area_get_geometry_for_zoom (g_ptr_array_index (state, a), view.zoom));
              g_array_append_val (pass == 0 ? cold : warm, ms);
              if (pass == 1)
                {
                  double state_ms = (after_state - start) / 1000.0;

                  g_array_append_val (state_times, state_ms);
                }
            }
        }

      g_print ("zoom %2.0f: date switch (state + 1920x1080 frame) median %.2f ms warm, %.1f ms cold; "
               "state alone %.3f ms\n",
               zooms[z], median (warm), median (cold), median (state_times));
    }

  cairo_surface_destroy (surface);
  return EXIT_SUCCESS;
}
