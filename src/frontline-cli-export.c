/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "frontline-basemap-choice.h"
#include "frontline-cli.h"
#include "frontline-cli-private.h"
#include "frontline-dataset.h"
#include "frontline-exporter.h"
#include "frontline-handout.h"
#include "frontline-mbtiles-reader.h"
#include "frontline-ogr-reader.h"
#include "frontline-projection.h"
#include "frontline-tile-fetcher.h"
#include "frontline-video.h"

/* frontline --export: pictures of a day or of every date, a stop's picture,
 * handouts and small multiples, and videos of a range of days or of the
 * stops, through the exporter the window uses; no display. */

static gboolean
parse_size (const char *text,
            double     *width,
            double     *height)
{
  guint64 w = 0;
  guint64 h = 0;
  char *end = NULL;

  if (text == NULL)
    return FALSE;
  w = g_ascii_strtoull (text, &end, 10);
  if (end == text || (*end != 'x' && *end != 'X'))
    return FALSE;
  text = end + 1;
  h = g_ascii_strtoull (text, &end, 10);
  if (end == text || *end != '\0')
    return FALSE;
  if (w < 16 || h < 16 || w > 20000 || h > 20000)
    return FALSE;

  *width = (double) w;
  *height = (double) h;
  return TRUE;
}

static gboolean
parse_view (const char *text,
            double      view[3])
{
  g_auto(GStrv) parts = text ? g_strsplit (text, ",", -1) : NULL;

  if (parts == NULL || g_strv_length (parts) != 3)
    return FALSE;

  for (guint i = 0; i < 3; i++)
    {
      char *end = NULL;

      view[i] = g_ascii_strtod (g_strstrip (parts[i]), &end);
      if (end == parts[i] || *end != '\0')
        return FALSE;
    }

  return fabs (view[0]) <= 85 && fabs (view[1]) <= 180 && view[2] >= 1 && view[2] <= 18;
}

static gboolean
export_one (FrontlineExportOptions *options,
            FrontlineDay            day,
            gboolean                since_previous,
            GFile                  *file,
            gboolean                force)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (file);

  options->day = day;
  if (since_previous)
    options->compare_from = frontline_dataset_get_previous_day (options->dataset,
                                                                frontline_dataset_get_data_day_for (options->dataset, day));
  if (!frontline_export_to_file (options, file, force, NULL, &error))
    {
      g_printerr (_("frontline: could not write %s: %s\n"), name, error->message);
      return FALSE;
    }

  g_print (_("Wrote %s (%.0f × %.0f)\n"), name, options->view.width, options->view.height);
  if (options->missing_tiles != NULL && *options->missing_tiles > 0)
    {
      g_printerr (_("frontline: %u map tiles were missing or could not be fetched, and are marked as gaps\n"),
                  *options->missing_tiles);
      *options->missing_tiles = 0;
    }
  return TRUE;
}

/* --basemap: the offline basemap, or an online source or an MBTiles file,
 * opened here; one line on stderr when it is not one. */
static gboolean
open_basemap (const FrontlineCliExport  *cli,
              char                     **basemap,
              FrontlineTileFetcher     **tiles,
              FrontlineMbtilesReader   **mbtiles)
{
  FrontlineBasemapKind basemap_kind = FRONTLINE_BASEMAP_OFFLINE;

  if (!frontline_basemap_choice_parse (cli->basemap, &basemap_kind, basemap, NULL))
    {
      g_autoptr(GString) ids = g_string_new (NULL);
      guint n_infos = 0;
      const FrontlineTileSourceInfo *infos = frontline_tile_fetcher_get_builtin_info (&n_infos);

      for (guint i = 0; i < n_infos; i++)
        g_string_append_printf (ids, "%s%s", i ? ", " : "", infos[i].id);
      /* Translators: the second %s is what was given; keep offline, osm,
       * custom:URL and mbtiles:PATH as they are */
      g_printerr (_("frontline: --basemap must be offline, an online source (osm, %s, or "
                    "custom:URL) or an .mbtiles file, not “%s” (mbtiles:PATH for any file name)\n"),
                  ids->str, cli->basemap);
      return FALSE;
    }
  /* An online source is fetched only when asked for. */
  if (basemap_kind != FRONTLINE_BASEMAP_OFFLINE)
    {
      g_autoptr(GError) basemap_error = NULL;

      if (basemap_kind == FRONTLINE_BASEMAP_BUILTIN)
        *tiles = frontline_tile_fetcher_new_builtin (*basemap);
      else if (basemap_kind == FRONTLINE_BASEMAP_CUSTOM)
        *tiles = frontline_tile_fetcher_new_custom (*basemap, NULL, &basemap_error);
      else
        *mbtiles = frontline_mbtiles_reader_new (*basemap, &basemap_error);
      if (*tiles == NULL && *mbtiles == NULL)
        {
          g_printerr (_("error: %s\n"), basemap_error->message);
          return FALSE;
        }
    }
  return TRUE;
}

/* Loads the dataset; with --view, a file read through GDAL (a GeoPackage's
 * spatial index) reads only what the picture shows, and a margin of half
 * its size around. */
static FrontlineDataset *
load_for_view (const FrontlineCliExport  *cli,
               const char                *path,
               const double               view[3],
               double                     width,
               double                     height,
               GError                   **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  if (cli->view != NULL && !cli->fit)
    {
      FrontlineView shown = { view[1], view[0], view[2], width, height };
      double bbox[4];
      double margin_x, margin_y;

      frontline_view_get_bbox (&shown, bbox);
      margin_x = (bbox[2] - bbox[0]) / 2;
      margin_y = (bbox[3] - bbox[1]) / 2;
      bbox[0] = MAX (-180.0, bbox[0] - margin_x);
      bbox[1] = MAX (-90.0, bbox[1] - margin_y);
      bbox[2] = MIN (180.0, bbox[2] + margin_x);
      bbox[3] = MIN (90.0, bbox[3] + margin_y);
      return _frontline_cli_load_dataset (file, bbox, error);
    }
  return _frontline_cli_load_dataset (file, NULL, error);
}

/* The basemap and the view of @options, as the command line asks. */
static void
set_basemap_and_view (const FrontlineCliExport *cli,
                      FrontlineExportOptions   *options,
                      const char               *basemap,
                      FrontlineTileFetcher     *tiles,
                      FrontlineMbtilesReader   *mbtiles,
                      const double              view[3],
                      double                    width,
                      double                    height,
                      double                    scale)
{
  if (mbtiles != NULL)
    {
      options->mbtiles = basemap;
      options->basemap_credit = frontline_mbtiles_reader_get_license_text (mbtiles);
    }
  if (tiles != NULL)
    {
      options->tiles = tiles;
      options->basemap_credit = frontline_tile_fetcher_get_attribution (tiles);
    }
  if (cli->view != NULL && !cli->fit)
    {
      options->view.center_lat = view[0];
      options->view.center_lon = view[1];
      options->view.zoom = view[2];
    }
  else
    {
      frontline_export_fit_view (options->dataset, width / scale, height / scale, &options->view);
      options->view.width = width;
      options->view.height = height;
    }
}

/* Reads a number of seconds, at least @min (or more than 0 when @min is 0
 * and @positive), at most @max. */
static gboolean
parse_seconds (const char *option,
               const char *text,
               double      min,
               gboolean    positive,
               double      max,
               double     *seconds)
{
  char *end = NULL;
  double value;

  if (text == NULL)
    return TRUE;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value) || value < min ||
      (positive && value <= 0) || value > max)
    {
      if (positive)
        /* Translators: the first %s is an option (--seconds-per-date), the
         * second what was given */
        g_printerr (_("frontline: %s must be a number of seconds above 0 and at most %g, not “%s”\n"),
                    option, max, text);
      else
        /* Translators: the first %s is an option (--hold), the second what
         * was given */
        g_printerr (_("frontline: %s must be a number of seconds from 0 to %g, not “%s”\n"),
                    option, max, text);
      return FALSE;
    }
  *seconds = value;
  return TRUE;
}

/* --date for a video: FROM..TO, "all" or none (the whole dataset). The
 * range is checked against the dataset once it is loaded. */
static gboolean
parse_range (const char   *text,
             FrontlineDay *first,
             FrontlineDay *last)
{
  g_auto(GStrv) parts = NULL;
  FrontlineDay day;

  *first = *last = FRONTLINE_DAY_NONE;
  if (text == NULL || g_str_equal (text, "all"))
    return TRUE;
  if (frontline_day_parse (text, &day))
    {
      /* Translators: keep --date, FROM..TO and all as they are; %s is the date given */
      g_printerr (_("frontline: a video shows a range of dates: give --date FROM..TO or all, "
                    "not the single date “%s”\n"), text);
      return FALSE;
    }
  parts = g_strsplit (text, "..", 2);
  if (g_strv_length (parts) != 2 || !frontline_day_parse (parts[0], first) ||
      !frontline_day_parse (parts[1], last))
    {
      /* Translators: keep --date, FROM..TO and all as they are; %s is what was given */
      g_printerr (_("frontline: --date for a video must be FROM..TO, such as "
                    "2024-08-06..2024-09-30, or all, not “%s”\n"), text);
      return FALSE;
    }
  if (*first > *last)
    {
      /* Translators: the first date of a range, then the last */
      g_printerr (_("frontline: --date runs backwards: %s is after %s\n"), parts[0], parts[1]);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  guint n_frames;
  guint shown;
} VideoProgress;

/* Called from the encoder's worker: one line on the terminal, rewritten. */
static void
print_video_progress (double   fraction,
                      gpointer user_data)
{
  VideoProgress *progress = user_data;
  guint frame = MIN ((guint) (fraction * progress->n_frames) + 1, progress->n_frames);

  if (frame == progress->shown)
    return;
  progress->shown = frame;
  g_printerr ("\r");
  /* Translators: the frame being written, and how many there are */
  g_printerr (_("Frame %u of %u"), frame, progress->n_frames);
  fflush (stderr);
}

/* frontline --export OUT.webm|OUT.mp4|OUT.gif: a video of a range of days. */
static int
export_video (const FrontlineCliExport *cli,
              const char               *path,
              FrontlineVideoFormat      format)
{
  g_autoptr(GFile) out = g_file_new_for_commandline_arg (cli->output);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(FrontlineMbtilesReader) mbtiles = NULL;
  g_autoptr(FrontlineTileFetcher) tiles = NULL;
  g_autofree char *basemap = NULL;
  g_autofree char *name = g_file_get_parse_name (out);
  FrontlineVideoOptions options;
  FrontlineDay first, last;
  FrontlineDay compare_from = FRONTLINE_DAY_NONE;
  gboolean gif = format == FRONTLINE_VIDEO_GIF;
  double width = gif ? 960 : 1920;
  double height = gif ? 540 : 1080;
  double seconds_per_day = 0.2;
  double cross_fade = 0;
  double hold = 2;
  double scale;
  double view[3];
  guint64 fps = gif ? 10 : 30;
  guint missing = 0;
  VideoProgress progress = { 0 };

  if (cli->size != NULL && !parse_size (cli->size, &width, &height))
    {
      g_printerr (_("frontline: --size must be WIDTHxHEIGHT between 16 and 20000, such as 1920x1080, not “%s”\n"),
                  cli->size);
      return EXIT_FAILURE;
    }
  if (!gif && (((guint64) width) % 2 != 0 || ((guint64) height) % 2 != 0))
    {
      /* Translators: the size given, then the nearest even size; keep --size */
      g_printerr (_("frontline: WebM and MP4 videos need an even width and height: "
                    "--size %s could be %.0fx%.0f\n"),
                  cli->size, width + fmod (width, 2), height + fmod (height, 2));
      return EXIT_FAILURE;
    }
  if (cli->fps != NULL)
    {
      char *end = NULL;

      fps = g_ascii_strtoull (cli->fps, &end, 10);
      if (end == cli->fps || *end != '\0' || fps < 1 || fps > 60)
        {
          g_printerr (_("frontline: --fps must be a whole number from 1 to 60, not “%s”\n"), cli->fps);
          return EXIT_FAILURE;
        }
    }
  if (!parse_seconds ("--seconds-per-date", cli->seconds_per_date, 0, TRUE, 60, &seconds_per_day) ||
      !parse_seconds ("--cross-fade", cli->cross_fade, 0, FALSE, 60, &cross_fade) ||
      !parse_seconds ("--hold", cli->hold, 0, FALSE, 600, &hold))
    return EXIT_FAILURE;
  if (seconds_per_day * fps < 1)
    {
      /* Translators: a number of seconds, then of frames a second */
      g_printerr (_("frontline: every date needs at least one frame: at %u frames a second, "
                    "--seconds-per-date must be at least %g\n"),
                  (guint) fps, 1.0 / fps);
      return EXIT_FAILURE;
    }
  if (!parse_range (cli->date, &first, &last))
    return EXIT_FAILURE;
  if (cli->view != NULL && !parse_view (cli->view, view))
    {
      g_printerr (_("frontline: --view must be LATITUDE,LONGITUDE,ZOOM, such as 51.2,35.3,9, not “%s”\n"),
                  cli->view);
      return EXIT_FAILURE;
    }
  if (cli->compare != NULL && !frontline_day_parse (cli->compare, &compare_from))
    {
      if (g_str_equal (cli->compare, "previous"))
        /* Translators: keep --compare-since as it is */
        g_printerr (_("frontline: a video cannot compare each date with the one before: give "
                      "--compare-since a date\n"));
      else
        g_printerr (_("frontline: --compare-since must be YYYY-MM-DD or previous, not “%s”\n"), cli->compare);
      return EXIT_FAILURE;
    }
  if (!open_basemap (cli, &basemap, &tiles, &mbtiles))
    return EXIT_FAILURE;

  /* Refuse before loading, which can take a while. */
  if (!cli->force && g_file_query_file_type (out, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR)
    {
      /* Translators: %s is a file name */
      g_printerr (_("error: “%s” already exists: use --force to replace it\n"), cli->output);
      return EXIT_FAILURE;
    }

  /* A large video shows what a window of about 1920 × 1080 shows, drawn sharper. */
  scale = MAX (1.0, MIN (width / 1920.0, height / 1080.0));
  dataset = load_for_view (cli, path, view, width / scale, height / scale, &error);
  if (dataset == NULL)
    {
      g_printerr (_("error: %s\n"), error->message);
      return EXIT_FAILURE;
    }

  if (first != FRONTLINE_DAY_NONE)
    {
      FrontlineDay data_first = frontline_dataset_get_first_day (dataset);
      FrontlineDay data_last = frontline_dataset_get_last_day (dataset);

      if (first < data_first || first > data_last || last < data_first || last > data_last)
        {
          g_autofree char *from = frontline_day_format (data_first);
          g_autofree char *to = frontline_day_format (data_last);
          g_autofree char *outside = frontline_day_format (first < data_first || first > data_last ? first : last);

          g_printerr (_("frontline: %s is outside the dataset's dates, %s to %s\n"), outside, from, to);
          return EXIT_FAILURE;
        }
    }

  frontline_video_options_init (&options, dataset, format, width, height, scale);
  if (cli->stops && g_list_model_get_n_items (frontline_dataset_get_stops (dataset)) == 0)
    {
      g_printerr (_("frontline: --stops: the dataset has no stops\n"));
      return EXIT_FAILURE;
    }
  if (first != FRONTLINE_DAY_NONE)
    {
      options.first = first;
      options.last = last;
    }
  options.fps = (guint) fps;
  options.seconds_per_day = seconds_per_day;
  options.cross_fade = cross_fade;
  options.hold = hold;
  options.picture.missing_tiles = &missing;
  options.picture.compare_from = compare_from;
  set_basemap_and_view (cli, &options.picture, basemap, tiles, mbtiles, view, width, height, scale);
  /* The briefing: each stop's view, date and drawings, the moves between. */
  if (cli->stops)
    frontline_video_options_set_tour (&options, hold);

  /* Before any tile is fetched: a missing encoder is said at once. */
  if (!frontline_video_check (&options, &error))
    {
      g_printerr (_("frontline: could not write %s: %s\n"), name, error->message);
      g_clear_object (&options.tour);
      return EXIT_FAILURE;
    }

  progress.n_frames = frontline_video_count_frames (&options);
  if (!frontline_video_export (&options, out, cli->force,
                               isatty (STDERR_FILENO) ? print_video_progress : NULL, &progress,
                               NULL, &error))
    {
      if (progress.shown > 0)
        g_printerr ("\n");
      g_printerr (_("frontline: could not write %s: %s\n"), name, error->message);
      g_clear_object (&options.tour);
      return EXIT_FAILURE;
    }
  if (progress.shown > 0)
    g_printerr ("\n");

  /* Translators: a file name, its width and height in pixels, how many
   * frames and how many seconds it lasts */
  g_print (ngettext ("Wrote %s (%.0f × %.0f, %u frame, %.1f s)\n",
                     "Wrote %s (%.0f × %.0f, %u frames, %.1f s)\n", progress.n_frames),
           name, width, height, progress.n_frames, frontline_video_get_duration (&options));
  g_clear_object (&options.tour);
  if (missing > 0)
    g_printerr (_("frontline: %u map tiles were missing or could not be fetched, and are marked as gaps\n"),
                missing);
  return EXIT_SUCCESS;
}

/* --stop ID: the stop as frontline_dataset_find_stop() finds it (id,
 * number, title); else the stops listed, with their numbers and ids. */
static FrontlineStop *
find_stop (FrontlineDataset *dataset,
           const char       *key)
{
  GListModel *stops = frontline_dataset_get_stops (dataset);
  FrontlineStop *stop = frontline_dataset_find_stop (dataset, key, NULL);
  guint n = g_list_model_get_n_items (stops);

  if (stop != NULL)
    return stop;

  if (n == 0)
    {
      /* Translators: %s is what was given to --stop */
      g_printerr (_("frontline: no stop “%s”: the dataset has no stops\n"), key);
      return NULL;
    }

  /* Translators: %s is what was given to --stop; the stops follow, one a line */
  g_printerr (_("frontline: no stop “%s”; give --stop a number, an id or a title of these:\n"), key);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FrontlineStop) item = g_list_model_get_item (stops, i);
      const char *id = frontline_stop_get_id (item);
      const char *title = frontline_stop_get_title (item);

      g_printerr ("  %u  %s  %s\n", i + 1, id != NULL ? id : "-", title != NULL ? title : "");
    }
  return NULL;
}

/* --small-multiples DATE,DATE,…: the dates, each within the dataset's. */
static GArray *
parse_days (const char       *text,
            FrontlineDataset *dataset)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (FrontlineDay));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      FrontlineDay day;

      if (!frontline_day_parse (g_strstrip (parts[i]), &day))
        {
          /* Translators: keep --small-multiples; %s is what was given */
          g_printerr (_("frontline: --small-multiples must be dates, YYYY-MM-DD,YYYY-MM-DD,…, not “%s”\n"),
                      text);
          return NULL;
        }
      if (day < frontline_dataset_get_first_day (dataset) || day > frontline_dataset_get_last_day (dataset))
        {
          g_autofree char *first = frontline_day_format (frontline_dataset_get_first_day (dataset));
          g_autofree char *last = frontline_day_format (frontline_dataset_get_last_day (dataset));

          g_printerr (_("frontline: %s is outside the dataset's dates, %s to %s\n"), parts[i], first, last);
          return NULL;
        }
      g_array_append_val (days, day);
    }
  return g_steal_pointer (&days);
}

/* --handout, --handout-notes and --small-multiples: a PDF of pages. */
static int
export_pages (const FrontlineCliExport *cli,
              const char               *path)
{
  g_autoptr(GFile) out = g_file_new_for_commandline_arg (cli->output);
  g_autofree char *name = g_file_get_parse_name (out);
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  FrontlineExportFormat format;
  double view[3];
  gboolean ok;

  if (!frontline_export_format_from_filename (cli->output, &format) || format != FRONTLINE_EXPORT_PDF)
    {
      /* Translators: keep the options as they are */
      g_printerr (_("frontline: --handout, --handout-notes and --small-multiples write a PDF: "
                    "the file name must end in .pdf\n"));
      return EXIT_FAILURE;
    }
  if (cli->view != NULL && !parse_view (cli->view, view))
    {
      g_printerr (_("frontline: --view must be LATITUDE,LONGITUDE,ZOOM, such as 51.2,35.3,9, not “%s”\n"),
                  cli->view);
      return EXIT_FAILURE;
    }
  if (!cli->force && g_file_query_file_type (out, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR)
    {
      g_printerr (_("error: “%s” already exists: use --force to replace it\n"), cli->output);
      return EXIT_FAILURE;
    }

  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

    dataset = _frontline_cli_load_dataset (file, NULL, &error);
  }
  if (dataset == NULL)
    {
      g_printerr (_("error: %s\n"), error->message);
      return EXIT_FAILURE;
    }

  if (cli->small_multiples != NULL)
    {
      g_autoptr(GArray) days = parse_days (cli->small_multiples, dataset);
      FrontlineView shown = { 0 };

      if (days == NULL)
        return EXIT_FAILURE;
      if (cli->view != NULL && !cli->fit)
        {
          shown.center_lat = view[0];
          shown.center_lon = view[1];
          shown.zoom = view[2];
        }
      ok = frontline_handout_write_small_multiples (dataset, cli->view != NULL && !cli->fit ? &shown : NULL,
                                                    (const FrontlineDay *) days->data, days->len,
                                                    out, cli->force, NULL, &error);
    }
  else
    {
      ok = frontline_handout_write_full (dataset, out,
                                         cli->handout_notes ? FRONTLINE_HANDOUT_NOTES : FRONTLINE_HANDOUT_NONE,
                                         cli->force, NULL, &error);
    }

  if (!ok)
    {
      g_printerr (_("frontline: could not write %s: %s\n"), name, error->message);
      return EXIT_FAILURE;
    }
  /* Translators: a file name */
  g_print (_("Wrote %s\n"), name);
  return EXIT_SUCCESS;
}

/**
 * frontline_cli_export:
 *
 * `frontline --export OUT [--date YYYY-MM-DD|all] [--size WxH]
 * [--view LAT,LON,ZOOM | --fit]
 * [--basemap offline|osm|opentopomap|custom:URL|mbtiles:PATH|FILE.mbtiles]
 * [--compare-since YYYY-MM-DD|previous] [--force] DATASET`
 * (the base map as frontline_basemap_choice_parse() reads it):
 * renders map snapshots with no display, through the exporter the window
 * uses. With OUT ending in .webm, .mp4 or .gif, a video of the days from
 * `--date FROM..TO` (or all), with `--fps`, `--seconds-per-date`,
 * `--cross-fade` and `--hold`.
 *
 * Returns: 0 when every file was written, 1 otherwise
 */
int
frontline_cli_export (const FrontlineCliExport *cli,
                      const char * const       *paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  FrontlineExportOptions options;
  FrontlineExportFormat format = FRONTLINE_EXPORT_PNG;
  FrontlineVideoFormat video_format;
  gboolean all = g_strcmp0 (cli->date, "all") == 0;
  double width = 1920;
  double height = 1080;
  double scale;
  double view[3];
  FrontlineDay day = FRONTLINE_DAY_NONE;
  g_autoptr(FrontlineMbtilesReader) mbtiles = NULL;
  g_autoptr(FrontlineTileFetcher) tiles = NULL;
  g_autofree char *basemap = NULL;
  FrontlineDay compare_from = FRONTLINE_DAY_NONE;
  gboolean since_previous = g_strcmp0 (cli->compare, "previous") == 0;
  guint missing = 0;
  const struct {
    const char *option;
    const char *value;
  } video_only[] = {
    { "--fps", cli->fps },
    { "--seconds-per-date", cli->seconds_per_date },
    { "--cross-fade", cli->cross_fade },
    { "--hold", cli->hold },
  };

  if (paths == NULL || paths[0] == NULL || paths[1] != NULL)
    {
      g_printerr (_("frontline: --export needs exactly one dataset\n"));
      return EXIT_FAILURE;
    }
  if (cli->stops && !frontline_video_format_from_filename (cli->output, NULL))
    {
      /* Translators: keep --stops, --stop and the extensions */
      g_printerr (_("frontline: --stops is for videos: the file name must end in .webm, .mp4 or .gif "
                    "(--stop ID for one stop’s picture)\n"));
      return EXIT_FAILURE;
    }
  if (cli->stops)
    {
      /* The briefing's video follows each stop: its date, view and
       * comparison, the move into it. */
      const struct {
        const char *option;
        gboolean    given;
      } followed[] = {
        { "--date", cli->date != NULL },
        { "--seconds-per-date", cli->seconds_per_date != NULL },
        { "--cross-fade", cli->cross_fade != NULL },
        { "--compare-since", cli->compare != NULL },
        { "--view", cli->view != NULL },
        { "--fit", cli->fit },
      };

      for (guint i = 0; i < G_N_ELEMENTS (followed); i++)
        if (followed[i].given)
          {
            /* Translators: %s is an option, such as --date; keep --stops */
            g_printerr (_("frontline: --stops follows each stop’s date, view and comparison: "
                          "leave out %s\n"), followed[i].option);
            return EXIT_FAILURE;
          }
    }
  if (cli->stop != NULL && (frontline_video_format_from_filename (cli->output, NULL) || cli->date != NULL))
    {
      /* Translators: keep --stop, --date and --stops */
      g_printerr (_("frontline: --stop gives one stop’s picture, on the stop’s date: "
                    "leave out --date, and use --stops for a video\n"));
      return EXIT_FAILURE;
    }
  if (cli->handout || cli->handout_notes || cli->small_multiples != NULL)
    return export_pages (cli, paths[0]);
  if (frontline_video_format_from_filename (cli->output, &video_format))
    return export_video (cli, paths[0], video_format);
  for (guint i = 0; i < G_N_ELEMENTS (video_only); i++)
    if (video_only[i].value != NULL)
      {
        /* Translators: %s is an option, such as --fps; keep the extensions */
        g_printerr (_("frontline: %s is for videos: the file name must end in .webm, .mp4 or .gif\n"),
                    video_only[i].option);
        return EXIT_FAILURE;
      }
  if (cli->size != NULL && !parse_size (cli->size, &width, &height))
    {
      g_printerr (_("frontline: --size must be WIDTHxHEIGHT between 16 and 20000, such as 1920x1080, not “%s”\n"),
                  cli->size);
      return EXIT_FAILURE;
    }
  if (cli->view != NULL && !parse_view (cli->view, view))
    {
      g_printerr (_("frontline: --view must be LATITUDE,LONGITUDE,ZOOM, such as 51.2,35.3,9, not “%s”\n"),
                  cli->view);
      return EXIT_FAILURE;
    }
  if (!open_basemap (cli, &basemap, &tiles, &mbtiles))
    return EXIT_FAILURE;
  if (cli->compare != NULL && !since_previous && !frontline_day_parse (cli->compare, &compare_from))
    {
      g_printerr (_("frontline: --compare-since must be YYYY-MM-DD or previous, not “%s”\n"), cli->compare);
      return EXIT_FAILURE;
    }
  if (all)
    {
      g_autofree char *example = g_strconcat ("frame.", cli->format ? cli->format : "png", NULL);

      if (!frontline_export_format_from_filename (example, &format))
        {
          g_printerr (_("frontline: --format must be png, svg or pdf\n"));
          return EXIT_FAILURE;
        }
    }
  else if (!frontline_export_format_from_filename (cli->output, &format))
    {
      g_printerr (_("frontline: %s: the file name must end in .png, .svg or .pdf\n"), cli->output);
      return EXIT_FAILURE;
    }

  /* Vector formats are in points at 1x; a large PNG shows what a window of
   * about 1920 × 1080 shows, drawn sharper. */
  scale = format == FRONTLINE_EXPORT_PNG ? MAX (1.0, MIN (width / 1920.0, height / 1080.0)) : 1.0;

  dataset = load_for_view (cli, paths[0], view, width / scale, height / scale, &error);
  if (dataset == NULL)
    {
      g_printerr (_("error: %s\n"), error->message);
      return EXIT_FAILURE;
    }

  if (!all)
    {
      if (cli->date == NULL)
        day = frontline_dataset_get_last_day (dataset);
      else if (!frontline_day_parse (cli->date, &day))
        {
          g_printerr (_("frontline: --date must be YYYY-MM-DD or all, not “%s”\n"), cli->date);
          return EXIT_FAILURE;
        }
      else if (day < frontline_dataset_get_first_day (dataset) || day > frontline_dataset_get_last_day (dataset))
        {
          g_autofree char *first = frontline_day_format (frontline_dataset_get_first_day (dataset));
          g_autofree char *last = frontline_day_format (frontline_dataset_get_last_day (dataset));

          g_printerr (_("frontline: %s is outside the dataset's dates, %s to %s\n"), cli->date, first, last);
          return EXIT_FAILURE;
        }
    }

  frontline_export_options_init (&options, dataset, width, height, scale);
  options.format = format;
  options.missing_tiles = &missing;
  options.compare_from = compare_from;
  set_basemap_and_view (cli, &options, basemap, tiles, mbtiles, view, width, height, scale);

  if (cli->stop != NULL)
    {
      g_autoptr(GFile) out = g_file_new_for_commandline_arg (cli->output);
      g_autoptr(FrontlineStop) stop = find_stop (dataset, cli->stop);
      FrontlineExportOptions stop_options;

      if (stop == NULL)
        return EXIT_FAILURE;
      /* The stop's view, date, comparison and drawings; --view, --compare-since
       * and the basemap as asked. */
      frontline_export_options_init_for_stop (&stop_options, dataset, stop, width, height, scale);
      stop_options.format = format;
      stop_options.missing_tiles = &missing;
      stop_options.mbtiles = options.mbtiles;
      stop_options.basemap_credit = options.basemap_credit;
      stop_options.tiles = options.tiles;
      if (cli->view != NULL && !cli->fit)
        stop_options.view = options.view;
      if (cli->compare != NULL && !since_previous)
        stop_options.compare_from = compare_from;
      return export_one (&stop_options, stop_options.day, since_previous, out, cli->force)
             ? EXIT_SUCCESS : EXIT_FAILURE;
    }

  if (!all)
    {
      g_autoptr(GFile) out = g_file_new_for_commandline_arg (cli->output);

      return export_one (&options, day, since_previous, out, cli->force) ? EXIT_SUCCESS : EXIT_FAILURE;
    }

  /* --date all: a frame per data date, named by date, into a folder; the
   * basemap drawn once for them all. */
  {
    g_autoptr(GFile) folder = g_file_new_for_commandline_arg (cli->output);
    g_autoptr(FrontlineExportCache) cache = frontline_export_cache_new ();
    g_autoptr(GError) mkdir_error = NULL;
    const FrontlineDay *days;
    guint n_days;

    if (!g_file_make_directory_with_parents (folder, NULL, &mkdir_error) &&
        !g_error_matches (mkdir_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
      {
        g_printerr (_("frontline: could not make the folder %s: %s\n"), cli->output, mkdir_error->message);
        return EXIT_FAILURE;
      }

    options.cache = cache;
    days = frontline_dataset_get_days (dataset, &n_days);
    for (guint i = 0; i < n_days; i++)
      {
        char date[11];
        g_autofree char *name = NULL;
        g_autoptr(GFile) out = NULL;

        frontline_day_format_buf (days[i], date);
        name = g_strdup_printf ("%s.%s", date, frontline_export_format_get_extension (format));
        out = g_file_get_child (folder, name);
        if (!export_one (&options, days[i], since_previous, out, cli->force))
          return EXIT_FAILURE;
      }
  }

  return EXIT_SUCCESS;
}
