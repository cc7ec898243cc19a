/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The cost of a 3840x2160 PNG export at scale 2 (the 1920x1080 view the
 * dataset opens at, twice as sharp) of the last data day, on the offline
 * basemap. The dataset is loaded once; then only exports are timed:
 *
 * - each part of the picture, as frontline-exporter.c composes it, drawn
 *   REPEATS times: the basemap's tiles, the areas, the place names, the
 *   decorations, and the PNG encoded by cairo and by FrontlinePngWriter;
 * - the whole export to a temporary file (frontline_export_to_file());
 * - frames of the last FRAMES dates, as `--date all` writes them, each
 *   drawn whole and with the basemap drawn once (FrontlineExportCache;
 *   the first frame, which draws it, left out);
 * - with --sweep, the PNG writer's settings: zlib level, strategy, filter
 *   and threads, with the file's size.
 *
 * Each figure is the median of the runs, wall time and CPU time (user +
 * system, all threads), in ms; the first export also places the basemap's
 * labels for the zoom.
 *
 *   bench-export FILE [--sweep]
 */

#include "config.h"

#include <stdlib.h>
#include <glib/gstdio.h>
#include <sys/resource.h>
#include <zlib.h>

#include "frontline-basemap.h"
#include "frontline-export-private.h"
#include "frontline-exporter.h"
#include "frontline-painter.h"
#include "frontline-png-writer.h"

#define REPEATS 5
#define FRAMES  6

/* Wall and CPU time of one run, in ms. */
typedef struct {
  double wall;
  double cpu;
} Time;

typedef struct {
  gint64 wall;
  double cpu;
} Clock;

static double
cpu_now (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static Clock
clock_start (void)
{
  return (Clock) { g_get_monotonic_time (), cpu_now () };
}

static void
clock_stop (Clock   start,
            GArray *times)
{
  Time t = { (g_get_monotonic_time () - start.wall) / 1000.0, cpu_now () - start.cpu };

  g_array_append_val (times, t);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

/* The medians of @times' wall and CPU times. */
static Time
median (GArray *times)
{
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < times->len; i++)
    {
      g_array_append_val (wall, g_array_index (times, Time, i).wall);
      g_array_append_val (cpu, g_array_index (times, Time, i).cpu);
    }
  g_array_sort (wall, compare_doubles);
  g_array_sort (cpu, compare_doubles);

  return (Time) { g_array_index (wall, double, wall->len / 2), g_array_index (cpu, double, cpu->len / 2) };
}

static void
print_row (const char *what,
           GArray     *times)
{
  Time m = median (times);

  g_print ("  %-28s %7.0f ms wall %7.0f ms CPU\n", what, m.wall, m.cpu);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

enum { BASEMAP, AREAS, LABELS, DECORATIONS, CAIRO_PNG, WRITER_PNG, N_PARTS };

static const char *part_names[N_PARTS] = {
  "basemap tiles", "areas", "place names", "decorations", "PNG encode, cairo", "PNG encode, writer",
};

/* The parts of frontline_export_render() (frontline-exporter.c), each timed. */
static cairo_surface_t *
draw_parts (const FrontlineExportOptions *options,
            GArray                      **parts)
{
  g_autoptr(GPtrArray) state = NULL;
  g_autoptr(GError) error = NULL;
  FrontlineView view = frontline_export_overlay_view (options);
  double scale = frontline_export_options_scale (options);
  cairo_surface_t *surface;
  FrontlineExportDecorations d;
  cairo_t *cr;
  Clock c;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) options->view.width, (int) options->view.height);
  cr = cairo_create (surface);

  c = clock_start ();
  if (!frontline_export_draw_basemap (options, cr, surface, NULL, &error))
    g_error ("%s", error->message);
  clock_stop (c, parts[BASEMAP]);

  c = clock_start ();
  state = frontline_dataset_get_state_at (options->dataset, options->day);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  frontline_painter_draw_areas (cr, &view, state);
  cairo_surface_flush (surface);
  clock_stop (c, parts[AREAS]);

  c = clock_start ();
  frontline_basemap_draw_labels (frontline_basemap_get_default (), cr, &view,
                                 frontline_basemap_get_label_zoom (&view),
                                 FRONTLINE_BASEMAP_STYLE_LIGHT, NULL);
  cairo_restore (cr);
  cairo_surface_flush (surface);
  clock_stop (c, parts[LABELS]);

  c = clock_start ();
  frontline_export_decorations_init (&d, options, state, NULL, NULL, cr);
  frontline_export_decorations_draw (&d, cr);
  frontline_export_decorations_clear (&d);
  cairo_surface_flush (surface);
  clock_stop (c, parts[DECORATIONS]);

  cairo_destroy (cr);
  return surface;
}

static gsize
encode_parts (cairo_surface_t  *surface,
              GArray          **parts)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GByteArray) written = NULL;
  g_autoptr(GError) error = NULL;
  Clock c;

  c = clock_start ();
  cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  clock_stop (c, parts[CAIRO_PNG]);

  c = clock_start ();
  written = frontline_png_encode (surface, NULL, &error);
  if (written == NULL)
    g_error ("%s", error->message);
  clock_stop (c, parts[WRITER_PNG]);

  return bytes->len;
}

static void
sweep (cairo_surface_t *surface)
{
  static const struct { int strategy; const char *name; } strategies[] = {
    { Z_DEFAULT_STRATEGY, "default" }, { Z_RLE, "rle" }, { Z_FILTERED, "filtered" },
  };
  static const char *filters[] = { "none", "sub", "up" };
  guint threads[] = { 1, 0 };

  g_print ("\nPNG writer settings (%d runs each; threads 0: one per processor, %u here):\n",
           REPEATS, g_get_num_processors ());
  g_print ("  level strategy filter threads     size       wall        CPU\n");
  for (int level = 1; level <= 6; level += (level < 3 ? 1 : 3))
    for (guint s = 0; s < G_N_ELEMENTS (strategies); s++)
      for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
        for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
          {
            FrontlinePngSettings settings = { level, strategies[s].strategy, (FrontlinePngFilter) f, threads[t] };
            g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (Time));
            gsize size = 0;
            Time m;

            if (strategies[s].strategy == Z_RLE && level > 1)
              continue;  /* Z_RLE ignores the level */
            for (guint i = 0; i < REPEATS; i++)
              {
                g_autoptr(GByteArray) bytes = NULL;
                g_autoptr(GError) error = NULL;
                Clock c = clock_start ();

                bytes = frontline_png_encode (surface, &settings, &error);
                if (bytes == NULL)
                  g_error ("%s", error->message);
                clock_stop (c, times);
                size = bytes->len;
              }
            m = median (times);
            g_print ("  %5d %-8s %-6s %7u %6.2f MiB %7.0f ms %7.0f ms\n", level, strategies[s].name,
                     filters[f], threads[t], size / (1024.0 * 1024.0), m.wall, m.cpu);
          }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) output = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(GArray) exports = g_array_new (FALSE, FALSE, sizeof (Time));
  GArray *parts[N_PARTS];
  GArray *frames[2];
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  cairo_surface_t *surface = NULL;
  char day[11];
  FrontlineExportOptions options;
  struct rusage usage;
  gint64 start;
  double basemap_ms;
  double load_s;
  double rss_before;
  double first_ms;
  gsize cairo_size = 0;

  if (argc < 2)
    {
      g_printerr ("usage: bench-export FILE [--sweep]\n");
      return EXIT_FAILURE;
    }

  start = g_get_monotonic_time ();
  file = g_file_new_for_commandline_arg (argv[1]);
  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    g_error ("%s", error->message);
  load_s = (g_get_monotonic_time () - start) / 1e6;

  /* Read once per process, by the window as by the command line: not the
   * export's cost. */
  start = g_get_monotonic_time ();
  frontline_basemap_get_default ();
  basemap_ms = (g_get_monotonic_time () - start) / 1000.0;

  getrusage (RUSAGE_SELF, &usage);
  rss_before = usage.ru_maxrss / 1024.0;

  folder = g_dir_make_tmp ("frontline-bench-export-XXXXXX", &error);
  if (folder == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (folder, "export.png", NULL);
  output = g_file_new_for_path (path);

  frontline_export_options_init (&options, dataset, 3840, 2160, 2);
  frontline_day_format_buf (options.day, day);

  for (guint i = 0; i < REPEATS + 1; i++)
    {
      Clock c = clock_start ();

      if (!frontline_export_to_file (&options, output, TRUE, NULL, &error))
        g_error ("%s", error->message);
      clock_stop (c, exports);
    }
  /* The first places the labels: apart. */
  first_ms = g_array_index (exports, Time, 0).wall;
  g_array_remove_index (exports, 0);

  for (guint p = 0; p < N_PARTS; p++)
    parts[p] = g_array_new (FALSE, FALSE, sizeof (Time));
  for (guint i = 0; i < REPEATS; i++)
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      surface = draw_parts (&options, parts);
      cairo_size = encode_parts (surface, parts);
    }

  /* Frames of the last FRAMES dates, as --date all writes them: each drawn
   * whole, then with the basemap shared through a FrontlineExportCache. */
  {
    const FrontlineDay *days;
    guint n_days;
    FrontlineExportOptions frame = options;

    days = frontline_dataset_get_days (dataset, &n_days);
    for (guint shared = 0; shared < 2; shared++)
      {
        g_autoptr(FrontlineExportCache) cache = shared ? frontline_export_cache_new () : NULL;

        frames[shared] = g_array_new (FALSE, FALSE, sizeof (Time));
        frame.cache = cache;
        for (guint i = n_days - MIN (n_days, FRAMES); i < n_days; i++)
          {
            Clock c = clock_start ();

            frame.day = days[i];
            if (!frontline_export_to_file (&frame, output, TRUE, NULL, &error))
              g_error ("%s", error->message);
            /* The first frame draws the basemap for the others. */
            if (!shared || i > n_days - MIN (n_days, FRAMES))
              clock_stop (c, frames[shared]);
          }
      }
  }

  getrusage (RUSAGE_SELF, &usage);
  info = g_file_query_info (output, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);

  g_print ("%s: loaded in %.2f s; basemap read in %.0f ms; %u processors\n", argv[1], load_s, basemap_ms,
           g_get_num_processors ());
  g_print ("  3840x2160 PNG at scale 2 (zoom %.2f, tiles at zoom %u), %s, %.2f MiB file (cairo's: %.2f MiB)\n",
           options.view.zoom, frontline_export_tile_zoom (&options), day,
           info ? g_file_info_get_size (info) / (1024.0 * 1024.0) : 0.0, cairo_size / (1024.0 * 1024.0));
  g_print ("  first export %.0f ms (places the zoom's labels)\n", first_ms);
  g_print ("medians of %d runs:\n", REPEATS);
  print_row ("export to a file (total)", exports);
  for (guint p = 0; p < N_PARTS; p++)
    print_row (part_names[p], parts[p]);
  print_row ("frame of --date all, alone", frames[0]);
  print_row ("frame, basemap shared", frames[1]);
  g_print ("  peak memory: %.0f MiB (%.0f MiB before exporting)\n", usage.ru_maxrss / 1024.0, rss_before);

  if (argc > 2 && g_strcmp0 (argv[2], "--sweep") == 0)
    sweep (surface);

  for (guint p = 0; p < N_PARTS; p++)
    g_array_unref (parts[p]);
  g_array_unref (frames[0]);
  g_array_unref (frames[1]);
  cairo_surface_destroy (surface);
  g_file_delete (output, NULL, NULL);
  g_rmdir (folder);

  return EXIT_SUCCESS;
}
