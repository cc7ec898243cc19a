/* SPDX-License-Identifier: GPL-3.0-or-later */

#define _GNU_SOURCE  /* symlink, st_mtim */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wundef"
#include <gdal.h>
#include <gdal_utils.h>
#include <ogr_api.h>
#pragma GCC diagnostic pop

#include "frontline-application.h"
#include "frontline-test-compare.h"
#include "frontline-test-init.h"
#include "frontline-test-pg.h"
#include "frontline-test-stops.h"

/* These run with DISPLAY and WAYLAND_DISPLAY unset (see tests/meson.build):
 * options that need no display must work without one. */

static int
run_app (const char *first, ...)
{
  g_autoptr(FrontlineApplication) app = frontline_application_new ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (char *) "frontline");
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  return g_application_run (G_APPLICATION (app), argv->len - 1, (char **) argv->pdata);
}

static void
test_version (void)
{
  if (g_test_subprocess ())
    {
      exit (run_app ("--version", NULL));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("frontline " PACKAGE_VERSION "\n");
  g_test_trap_assert_stderr ("");
}

static void
test_help (void)
{
  if (g_test_subprocess ())
    {
      exit (run_app ("--help", NULL));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*Usage:*DATASET*--version*Print the version*");
}

static void
test_unknown_option (void)
{
  if (g_test_subprocess ())
    {
      exit (run_app ("--no-such-option", NULL));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*no-such-option*");
}

static char *
write_fixture (const char *name,
               const char *contents)
{
  char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

#define DATASET \
  "{\"type\":\"FeatureCollection\",\"frontline\":{\"title\":\"Two days\"," \
  "\"factions\":[{\"id\":\"ua\",\"name\":\"Ukraine\",\"color\":\"#0057b7\"}]},\"features\":[" \
  "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"ua\",\"approximate\":true}," \
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[36,51],[36,52],[35,52]]]}}," \
  "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-10\",\"faction\":\"ua\",\"status\":\"claimed\"}," \
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}}]}"

static void
test_check_valid (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = write_fixture ("ok.geojson", DATASET);

      exit (run_app ("--check", path, NULL));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*ok.geojson: valid, 1 warnings*Title: Two days*"
                             "Dates: 2024-08-06 to 2024-08-10, 2 data dates*"
                             "Factions: Ukraine (ua)*2 areas*Approximate*");
  g_test_trap_assert_stderr ("*warning: *ok.geojson: /features/0/geometry/coordinates/0: ring is not closed*");
}

static void
test_check_invalid (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *good = write_fixture ("good.geojson", DATASET);
      g_autofree char *bad = write_fixture ("bad.geojson", "{\"type\": \"FeatureCollection\",\n \"features\": [}");

      exit (run_app ("--check", good, bad, NULL));
    }

  /* One bad file among good ones fails the check, and says where. */
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stdout ("*good.geojson: valid*bad.geojson: invalid*");
  g_test_trap_assert_stderr ("*error: *bad.geojson:2:*Parse error*");
}

static void
test_stats (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = write_fixture ("stats.geojson", DATASET);

      exit (run_app ("--stats", path, NULL));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("date,faction,status,area_km2\n"
                             "2024-08-06,ua,controlled,7725.536\n"
                             "2024-08-10,ua,controlled,7725.536\n"
                             "2024-08-10,ua,claimed,12308.778\n");
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* An MBTiles file with one red tile at zoom 2, where 35.5 E 51.5 N is. */
static char *
write_mbtiles (void)
{
  char *path = g_build_filename (g_get_user_cache_dir (), "red.mbtiles", NULL);
  g_autoptr(GByteArray) png = g_byte_array_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;

  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE metadata (name TEXT, value TEXT);"
                                 "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
                                 "INSERT INTO metadata VALUES ('name', 'Red'), ('format', 'png'), ('minzoom', '0'), ('maxzoom', '4'),"
                                 "  ('attribution', 'Red tiles by the tests');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (2, 2, 2, ?)", -1, &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_blob (statement, 1, png->data, (int) png->len, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_DONE);
  sqlite3_finalize (statement);
  sqlite3_close (db);

  return path;
}

/* One export per test case: the subprocess runs the case's mode. */
static void
test_export (gconstpointer data)
{
  const char *mode = data;

  if (g_test_subprocess ())
    {
      g_autofree char *dataset = write_fixture ("export.geojson", DATASET);
      g_autofree char *out = g_build_filename (g_get_user_cache_dir (), "map.png", NULL);

      if (g_str_equal (mode, "exists"))
        {
          g_assert_true (g_file_set_contents (out, "mine", -1, NULL));
          exit (run_app ("--export", out, dataset, NULL) == 1 && g_file_test (out, G_FILE_TEST_EXISTS) &&
                g_file_get_contents (out, NULL, NULL, NULL) ? 1 : 3);
        }
      if (g_str_equal (mode, "date"))
        exit (run_app ("--export", out, "--date", "2024-02-30", dataset, NULL));
      if (g_str_equal (mode, "range"))
        exit (run_app ("--export", out, "--date", "2030-01-01", dataset, NULL));
      if (g_str_equal (mode, "size"))
        exit (run_app ("--export", out, "--size", "wide", dataset, NULL));
      if (g_str_equal (mode, "unwritable"))
        exit (run_app ("--export", "/nonexistent-frontline-dir/map.png", dataset, NULL));
      if (g_str_equal (mode, "compare"))
        exit (run_app ("--export", out, "--compare-since", "last week", dataset, NULL));
      if (g_str_equal (mode, "basemap"))
        exit (run_app ("--export", out, "--basemap", "nowhere", dataset, NULL));
      if (g_str_equal (mode, "mbtiles"))
        {
          g_autofree char *mbtiles = write_mbtiles ();
          int status = run_app ("--export", out, "--size", "512x512", "--view", "51.5,35.5,2",
                                "--basemap", mbtiles, dataset, NULL);
          cairo_surface_t *image = cairo_image_surface_create_from_png (out);
          const guchar *pixels = cairo_image_surface_get_data (image);
          int stride = cairo_image_surface_get_stride (image);
          guint32 tile = *(const guint32 *) (gconstpointer) (pixels + 380 * stride + 200 * 4);
          guint32 gap = *(const guint32 *) (gconstpointer) (pixels + 300 * stride + 60 * 4);

          /* The file's one red tile is drawn where z2/x2/y1 lies (TMS row 2)... */
          g_assert_cmpuint ((tile >> 16) & 0xff, >, 0xe0);
          g_assert_cmpuint (tile & 0xff, <, 0x40);
          /* ...and the tiles it lacks are neutral grey gaps, not red. */
          g_assert_cmpint (ABS ((int) ((gap >> 16) & 0xff) - (int) (gap & 0xff)), <, 0x20);
          g_assert_cmpuint ((gap >> 16) & 0xff, >, 0x80);
          cairo_surface_destroy (image);
          exit (status);
        }
      if (g_str_equal (mode, "ok"))
        {
          int status = run_app ("--export", out, "--size", "320x200", "--date", "2024-08-10", dataset, NULL);
          g_autofree char *contents = NULL;
          gsize length = 0;

          g_assert_true (g_file_get_contents (out, &contents, &length, NULL));
          g_assert_true (length > 8 && memcmp (contents, "\x89PNG", 4) == 0);
          exit (status);
        }
      exit (2);
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);

  if (g_str_equal (mode, "mbtiles"))
    {
      /* Tiles the file lacks are gaps, and said so. */
      g_test_trap_assert_passed ();
      g_test_trap_assert_stderr ("*map tiles were missing or could not be fetched, and are marked as gaps*");
      return;
    }

  if (g_str_equal (mode, "ok"))
    {
      g_test_trap_assert_passed ();
      g_test_trap_assert_stdout ("*Wrote *map.png (320 × 200)*");
      return;
    }

  g_test_trap_assert_failed ();
  if (g_str_equal (mode, "exists"))
    /* Not replaced without --force, and left as it was (exit 1, not 3). */
    g_test_trap_assert_stderr ("*map.png*");
  else if (g_str_equal (mode, "date"))
    g_test_trap_assert_stderr ("*--date must be YYYY-MM-DD or all, not “2024-02-30”*");
  else if (g_str_equal (mode, "range"))
    g_test_trap_assert_stderr ("*2030-01-01 is outside the dataset's dates, 2024-08-06 to 2024-08-10*");
  else if (g_str_equal (mode, "size"))
    g_test_trap_assert_stderr ("*--size must be WIDTHxHEIGHT*“wide”*");
  else if (g_str_equal (mode, "compare"))
    g_test_trap_assert_stderr ("*--compare-since must be YYYY-MM-DD or previous, not “last week”*");
  else if (g_str_equal (mode, "basemap"))
    g_test_trap_assert_stderr ("*--basemap must be offline, an online source (osm*) or an .mbtiles file, not “nowhere”*");
  else if (g_str_equal (mode, "unwritable"))
    g_test_trap_assert_stderr ("*could not write*nonexistent-frontline-dir*");
}

/* --export to a video: the range, the timing options and the checks
 * made before the dataset loads. */
typedef struct {
  const char *name;
  const char *out;       /* in the cache folder */
  const char *args[8];   /* between OUT and the dataset */
  const char *stderr_pattern;  /* NULL: the export succeeds */
} VideoCase;

static const VideoCase video_cases[] = {
  { "single-date", "v.webm", { "--date", "2024-08-08" },
    "*a video shows a range of dates: give --date FROM..TO or all, not the single date “2024-08-08”*" },
  { "backwards", "v.webm", { "--date", "2024-08-10..2024-08-06" },
    "*--date runs backwards: 2024-08-10 is after 2024-08-06*" },
  { "bad-range", "v.webm", { "--date", "2024-08-06..soon" },
    "*--date for a video must be FROM..TO*not “2024-08-06..soon”*" },
  { "outside", "v.webm", { "--date", "2024-08-06..2024-09-01" },
    "*2024-09-01 is outside the dataset's dates, 2024-08-06 to 2024-08-10*" },
  { "odd-size", "v.mp4", { "--size", "321x180" },
    "*WebM and MP4 videos need an even width and height: --size 321x180 could be 322x180*" },
  { "fps-on-png", "v.png", { "--fps", "10" },
    "*--fps is for videos: the file name must end in .webm, .mp4 or .gif*" },
  { "hold-on-png", "v.png", { "--hold", "1" },
    "*--hold is for videos*" },
  { "bad-fps", "v.gif", { "--fps", "0" },
    "*--fps must be a whole number from 1 to 60, not “0”*" },
  { "bad-speed", "v.gif", { "--seconds-per-date", "-1" },
    "*--seconds-per-date must be a number of seconds above 0*“-1”*" },
  { "too-fast", "v.gif", { "--fps", "10", "--seconds-per-date", "0.05" },
    "*every date needs at least one frame*at least 0.1*" },
  { "compare-previous", "v.gif", { "--compare-since", "previous" },
    "*give --compare-since a date*" },
  { "exists", "exists.webm", { "--size", "320x180" },
    "*“*exists.webm” already exists: use --force to replace it*" },
  { "webm", "v.webm", { "--size", "320x180", "--fps", "10", "--hold", "1" }, NULL },
  { "mp4", "v.mp4", { "--size", "320x180", "--fps", "10", "--hold", "1", "--date", "2024-08-06..2024-08-10" }, NULL },
  { "gif", "v.gif", { "--size", "320x180", "--hold", "1", "--date", "all" }, NULL },
  { "force", "exists.gif", { "--size", "320x180", "--hold", "1", "--force" }, NULL },
};

static void
test_export_video (gconstpointer data)
{
  const VideoCase *test = data;
  g_autofree char *out = g_build_filename (g_get_user_cache_dir (), test->out, NULL);

  if (g_test_subprocess ())
    {
      g_autofree char *dataset = write_fixture ("video.geojson", DATASET);
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(FrontlineApplication) app = frontline_application_new ();
      g_autofree char *contents = NULL;
      gsize length = 0;
      int status;

      if (g_str_has_prefix (test->out, "exists"))
        g_assert_true (g_file_set_contents (out, "mine", -1, NULL));
      else
        g_unlink (out);

      g_ptr_array_add (argv, (char *) "frontline");
      g_ptr_array_add (argv, (char *) "--export");
      g_ptr_array_add (argv, out);
      for (guint i = 0; i < G_N_ELEMENTS (test->args) && test->args[i] != NULL; i++)
        g_ptr_array_add (argv, (char *) test->args[i]);
      g_ptr_array_add (argv, dataset);
      g_ptr_array_add (argv, NULL);
      status = g_application_run (G_APPLICATION (app), argv->len - 1, (char **) argv->pdata);

      if (test->stderr_pattern != NULL)
        {
          /* A refused export leaves what was there: nothing, or the file as it was. */
          if (g_str_has_prefix (test->out, "exists"))
            {
              g_assert_true (g_file_get_contents (out, &contents, &length, NULL));
              g_assert_cmpstr (contents, ==, "mine");
            }
          else
            g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
          exit (status);
        }

      g_assert_true (g_file_get_contents (out, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 64);
      if (g_str_has_suffix (test->out, ".webm"))
        g_assert_cmpmem (contents, 4, "\x1a\x45\xdf\xa3", 4);
      else if (g_str_has_suffix (test->out, ".mp4"))
        g_assert_cmpmem (contents + 4, 4, "ftyp", 4);
      else
        g_assert_cmpmem (contents, 6, "GIF89a", 6);
      exit (status);
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  if (test->stderr_pattern != NULL)
    {
      g_test_trap_assert_failed ();
      g_test_trap_assert_stderr (test->stderr_pattern);
      g_test_trap_assert_stdout ("");
      return;
    }

  g_test_trap_assert_passed ();
  /* Five days at 0.2 s, a second's hold: 10 + 10 frames at 10 fps. With
   * stderr not a terminal, no progress. */
  {
    g_autofree char *wrote = g_strdup_printf ("Wrote *%s (320 × 180, 20 frames, 2.0 s)\n", test->out);

    g_test_trap_assert_stdout (wrote);
  }
  g_test_trap_assert_stderr ("");
}

/* --convert: spawned as the real executable, so that the kernel's write
 * errors (RLIMIT_FSIZE, a full tmpfs, a read-only mount) reach it. */

#define OLD_CONTENTS "the user's file, which nothing may change\n"

static void
limit_file_size (gpointer user_data)
{
  struct rlimit limit = { 64, 64 };

  /* Past the limit write() fails with EFBIG instead of killing the process. */
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

static int
spawn_frontline (const char * const  *args,
                 gboolean             limit,
                 char               **out,
                 char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ignored = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) FRONTLINE_EXE);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  /* What the command prints is never the test's own output: TAP. */
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                limit ? limit_file_size : NULL, NULL, out != NULL ? out : &ignored, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
assert_only (const char *folder,
             const char *name)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *entry;

  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)) != NULL)
    g_assert_cmpstr (entry, ==, name);
}

static void
assert_file (const char *path,
             const char *expected)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

static void
test_convert (gconstpointer data)
{
  const char *mode = data;
  g_autofree char *in = write_fixture ("convert-in.geojson", DATASET);
  g_autofree char *folder = g_dir_make_tmp ("frontline-convert-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (folder, "out.geojson", NULL);
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;

  g_assert_nonnull (folder);

  if (g_str_equal (mode, "round-trip"))
    {
      g_autofree char *again = g_build_filename (folder, "again.geojson", NULL);
      g_autofree char *a = NULL, *b = NULL;
      gsize la, lb;
      g_autoptr(GFile) fin = g_file_new_for_path (in);
      g_autoptr(GFile) fout = g_file_new_for_path (out);
      g_autoptr(FrontlineDataset) first = NULL;
      g_autoptr(FrontlineDataset) second = NULL;
      const char *args[] = { "--convert", in, out, NULL };
      const char *args2[] = { "--convert", out, again, NULL };

      g_assert_cmpint (spawn_frontline (args, FALSE, &stdout_text, &stderr_text), ==, 0);
      g_assert_cmpstr (stderr_text, ==, "");
      first = frontline_dataset_load (fin, NULL, NULL, NULL, NULL);
      second = frontline_dataset_load (fout, NULL, NULL, NULL, NULL);
      g_assert_nonnull (first);
      g_assert_nonnull (second);
      frontline_test_assert_datasets_equal (first, second);

      /* Converting the output again changes nothing. */
      g_assert_cmpint (spawn_frontline (args2, FALSE, NULL, NULL), ==, 0);
      g_assert_true (g_file_get_contents (out, &a, &la, NULL));
      g_assert_true (g_file_get_contents (again, &b, &lb, NULL));
      g_assert_cmpmem (a, la, b, lb);
    }
  else if (g_str_equal (mode, "exists") || g_str_equal (mode, "force"))
    {
      gboolean force = g_str_equal (mode, "force");
      const char *args[] = { "--convert", in, out, force ? "--force" : NULL, NULL };

      g_assert_true (g_file_set_contents (out, OLD_CONTENTS, -1, NULL));
      if (force)
        {
          g_assert_cmpint (spawn_frontline (args, FALSE, NULL, &stderr_text), ==, 0);
          g_assert_cmpstr (stderr_text, ==, "");
          {
            g_autofree char *contents = NULL;

            g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
            g_assert_nonnull (strstr (contents, "Two days"));
          }
        }
      else
        {
          g_assert_cmpint (spawn_frontline (args, FALSE, NULL, &stderr_text), ==, 1);
          g_assert_nonnull (strstr (stderr_text, out));
          g_assert_nonnull (strstr (stderr_text, "--force"));
          assert_file (out, OLD_CONTENTS);
        }
      assert_only (folder, "out.geojson");
    }
  else if (g_str_equal (mode, "full-disk") || g_str_equal (mode, "export-full-disk"))
    {
      gboolean export = g_str_equal (mode, "export-full-disk");
      g_autofree char *png = g_build_filename (folder, "out.png", NULL);
      const char *args[] = { "--convert", in, out, "--force", NULL };
      const char *export_args[] = { "--export", png, "--force", in, NULL };
      const char *target = export ? png : out;

      g_assert_true (g_file_set_contents (target, OLD_CONTENTS, -1, NULL));
      g_assert_cmpint (spawn_frontline (export ? export_args : args, TRUE, NULL, &stderr_text), ==, 1);
      g_assert_nonnull (strstr (stderr_text, target));
      g_assert_nonnull (strstr (stderr_text, "File too large"));
      assert_file (target, OLD_CONTENTS);
      assert_only (folder, export ? "out.png" : "out.geojson");
    }
  else if (g_str_equal (mode, "folder"))
    {
      const char *args[] = { "--convert", in, out, "--force", NULL };

      g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
      g_assert_cmpint (spawn_frontline (args, FALSE, NULL, &stderr_text), ==, 1);
      g_assert_nonnull (strstr (stderr_text, out));
      g_assert_nonnull (strstr (stderr_text, "folder"));
      g_assert_true (g_file_test (out, G_FILE_TEST_IS_DIR));
    }
  else if (g_str_equal (mode, "symlink"))
    {
      g_autofree char *link = g_build_filename (folder, "link.geojson", NULL);
      const char *args[] = { "--convert", in, link, NULL };
      const char *force_args[] = { "--convert", in, link, "--force", NULL };

      g_assert_true (g_file_set_contents (out, OLD_CONTENTS, -1, NULL));
      g_assert_cmpint (symlink ("out.geojson", link), ==, 0);
      g_assert_cmpint (spawn_frontline (args, FALSE, NULL, &stderr_text), ==, 1);
      g_assert_nonnull (strstr (stderr_text, link));
      assert_file (out, OLD_CONTENTS);

      g_assert_cmpint (spawn_frontline (force_args, FALSE, NULL, NULL), ==, 0);
      g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
      {
        g_autofree char *contents = NULL;

        g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
        g_assert_nonnull (strstr (contents, "Two days"));
      }
    }
  else if (g_str_equal (mode, "tmpfs-full") || g_str_equal (mode, "tmpfs-readonly"))
    {
      g_autofree char *mnt = g_build_filename (folder, "mnt", NULL);
      g_autofree char *script = NULL;
      g_autoptr(GError) error = NULL;
      int status = 0;
      gboolean full = g_str_equal (mode, "tmpfs-full");
      g_autofree char *fault = full ? g_strdup_printf ("cat /dev/zero > '%s/filler' 2>/dev/null", mnt)
                                    : g_strdup_printf ("mount -o remount,ro '%s' || exit 77", mnt);

      if (!g_file_test ("/usr/bin/unshare", G_FILE_TEST_IS_EXECUTABLE) &&
          !g_file_test ("/bin/unshare", G_FILE_TEST_IS_EXECUTABLE))
        {
          g_test_skip ("no unshare");
          return;
        }
      g_assert_cmpint (g_mkdir (mnt, 0755), ==, 0);
      /* The mount exists only in the namespace: report from inside it. */
      script = g_strdup_printf ("mount -t tmpfs -o size=64k none '%s' || exit 77; "
                                "printf '%%s' \"$OLD\" > '%s/out.geojson' || exit 1; "
                                "%s; "
                                "'%s' --convert '%s' '%s/out.geojson' --force; rc=$?; "
                                "echo \"rc=$rc\"; cat '%s/out.geojson'; ls -A '%s'; exit 0",
                                mnt, mnt,
                                fault,
                                FRONTLINE_EXE, in, mnt, mnt, mnt);
      {
        const char *argv[] = { "unshare", "-Urm", "sh", "-c", script, NULL };
        g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "OLD", OLD_CONTENTS, TRUE);

        g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL,
                      &stdout_text, &stderr_text, &status, &error);
        g_assert_no_error (error);
      }
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
        {
          g_test_skip ("user namespaces or mounts are not permitted here");
          return;
        }
      {
        g_autofree char *expected = g_strdup_printf ("rc=1\n" OLD_CONTENTS "%s", full ? "filler\nout.geojson\n" : "out.geojson\n");
        g_autofree char *named = g_strdup_printf ("%s/out.geojson", mnt);

        g_assert_cmpstr (stdout_text, ==, expected);
        g_assert_nonnull (strstr (stderr_text, named));
        g_assert_nonnull (strstr (stderr_text, full ? "No space left on device" : "Read-only file system"));
      }
    }
  else if (g_str_equal (mode, "usage"))
    {
      const char *args[] = { "--convert", in, NULL };

      g_assert_cmpint (spawn_frontline (args, FALSE, NULL, &stderr_text), ==, 1);
      g_assert_nonnull (strstr (stderr_text, "--convert IN OUT"));
    }
  else
    g_assert_not_reached ();
}

/* --convert to each format OUT's extension names, read back with GDAL. */

/* The (multi)polygons in @path's layers but Frontline's other ones. */
static GIntBig
count_areas (const char *path)
{
  GDALDatasetH ds;
  GIntBig n = 0;

  GDALAllRegister ();
  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  g_assert_nonnull (ds);
  for (int l = 0; l < GDALDatasetGetLayerCount (ds); l++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (ds, l);
      const char *name = OGR_L_GetName (layer);

      if (g_str_equal (name, "Quotes") || g_str_equal (name, "features") ||
          g_str_equal (name, "frontline_document"))
        continue;
      for (OGRFeatureH feature; (feature = OGR_L_GetNextFeature (layer)) != NULL;)
        {
          OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
          OGRwkbGeometryType type = geometry ? wkbFlatten (OGR_G_GetGeometryType (geometry)) : wkbNone;

          n += type == wkbPolygon || type == wkbMultiPolygon;
          OGR_F_Destroy (feature);
        }
    }
  GDALClose (ds);
  return n;
}

static void
test_convert_format (gconstpointer data)
{
  const char *extension = data;
  g_autofree char *in = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                               "kursk-2024-2025.geojson", NULL);
  g_autofree char *folder = g_dir_make_tmp ("frontline-convert-XXXXXX", NULL);
  g_autofree char *name = g_strconcat ("out.", extension, NULL);
  g_autofree char *out = g_build_filename (folder, name, NULL);
  g_autofree char *day_name = g_strconcat ("day.", extension, NULL);
  g_autofree char *day_out = g_build_filename (folder, day_name, NULL);
  g_autofree char *stderr_text = NULL;
  g_autoptr(GFile) in_file = g_file_new_for_path (in);
  g_autoptr(FrontlineDataset) dataset = frontline_dataset_load (in_file, NULL, NULL, NULL, NULL);
  FrontlineDay day = frontline_day_from_dmy (1, 12, 2024);
  g_autoptr(GPtrArray) state = frontline_dataset_get_state_at (dataset, day);
  guint n_areas = g_list_model_get_n_items (frontline_dataset_get_areas (dataset));
  const char *args[] = { "--convert", in, out, NULL };
  const char *day_args[] = { "--convert", in, day_out, "--date", "2024-12-01", NULL };

  g_assert_cmpint (spawn_frontline (args, FALSE, NULL, &stderr_text), ==, 0);
  g_assert_cmpstr (stderr_text, ==, "");
  g_assert_cmpint (count_areas (out), ==, n_areas);
  g_clear_pointer (&stderr_text, g_free);

  /* --date: only what holds on that day. */
  g_assert_cmpint (spawn_frontline (day_args, FALSE, NULL, &stderr_text), ==, 0);
  g_assert_cmpstr (stderr_text, ==, "");
  g_assert_cmpint (count_areas (day_out), ==, state->len);
  g_assert_cmpuint (state->len, <, n_areas);
  g_clear_pointer (&stderr_text, g_free);

  /* Never replaced without --force. */
  g_assert_cmpint (spawn_frontline (args, FALSE, NULL, &stderr_text), ==, 1);
  g_assert_nonnull (strstr (stderr_text, "--force"));
}

static void
test_convert_unknown_format (void)
{
  g_autofree char *in = write_fixture ("convert-in.geojson", DATASET);
  g_autofree char *folder = g_dir_make_tmp ("frontline-convert-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (folder, "out.csv", NULL);
  g_autofree char *stderr_text = NULL;
  const char *args[] = { "--convert", in, out, NULL };
  const char *formats[] = { ".geojson", ".json", ".gpkg", ".kml", ".kmz", ".shp" };

  g_assert_cmpint (spawn_frontline (args, FALSE, NULL, &stderr_text), ==, 1);
  g_assert_nonnull (strstr (stderr_text, out));
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    g_assert_nonnull (strstr (stderr_text, formats[i]));
  assert_only (folder, NULL);
  g_rmdir (folder);
}

/* Files from elsewhere whose fields are not Frontline's: "when", "side",
 * "state". Made with GDAL from a GeoJSON. */
#define OTHER_FIELDS \
  "{\"type\":\"FeatureCollection\",\"features\":[" \
  "{\"type\":\"Feature\",\"properties\":{\"when\":\"2024-08-06\",\"side\":\"ua\",\"state\":\"controlled\"}," \
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[36,51],[36,52],[35,52],[35,51]]]}}," \
  "{\"type\":\"Feature\",\"properties\":{\"when\":\"2024-08-10\",\"side\":\"ua\",\"state\":\"claimed\"}," \
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[37,51],[37,52],[35,52],[35,51]]]}}]}"

static char *
translate_fixture (const char *folder,
                   const char *name,
                   const char *driver)
{
  g_autofree char *source = g_build_filename (folder, "other.geojson", NULL);
  char *path = g_build_filename (folder, name, NULL);
  const char *argv[] = { "-f", driver, NULL };
  GDALVectorTranslateOptions *options;
  GDALDatasetH in, out;
  int usage_error = FALSE;

  g_assert_true (g_file_set_contents (source, OTHER_FIELDS, -1, NULL));
  GDALAllRegister ();
  in = GDALOpenEx (source, GDAL_OF_VECTOR, NULL, NULL, NULL);
  g_assert_nonnull (in);
  options = GDALVectorTranslateOptionsNew ((char **) argv, NULL);
  out = GDALVectorTranslate (path, NULL, 1, &in, options, &usage_error);
  g_assert_nonnull (out);
  GDALClose (out);
  GDALVectorTranslateOptionsFree (options);
  GDALClose (in);
  g_unlink (source);
  return path;
}

static void
test_field_options (gconstpointer data)
{
  const char *extension = data;
  g_autofree char *folder = g_dir_make_tmp ("frontline-fields-XXXXXX", NULL);
  g_autofree char *name = g_strconcat ("other.", extension, NULL);
  g_autofree char *path = translate_fixture (folder, name,
                                             g_str_equal (extension, "gpkg") ? "GPKG" : "ESRI Shapefile");
  g_autofree char *out = g_build_filename (folder, "converted.geojson", NULL);
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  const char *check[] = { "--check", path, NULL };
  const char *mapped[] = { "--check", path, "--date-field", "when", "--faction-field", "side",
                           "--status-field", "state", NULL };
  const char *stats[] = { "--stats", path, "--date-field", "when", "--faction-field", "side", NULL };
  const char *convert[] = { "--convert", path, out, "--date-field", "when", "--faction-field",
                            "side", "--status-field", "state", NULL };
  const char *convert_unmapped[] = { "--convert", path, out, NULL };

  /* No mapping: exit 1, and the message names the fields and the options. */
  g_assert_cmpint (spawn_frontline (check, FALSE, &stdout_text, &stderr_text), ==, 1);
  g_assert_nonnull (strstr (stderr_text, "when"));
  g_assert_nonnull (strstr (stderr_text, "--date-field"));
  g_clear_pointer (&stderr_text, g_free);
  g_clear_pointer (&stdout_text, g_free);
  g_assert_cmpint (spawn_frontline (convert_unmapped, FALSE, NULL, &stderr_text), ==, 1);
  g_assert_nonnull (strstr (stderr_text, "when"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_pointer (&stderr_text, g_free);

  /* Mapped: every command that loads takes it. */
  g_assert_cmpint (spawn_frontline (mapped, FALSE, &stdout_text, &stderr_text), ==, 0);
  g_assert_nonnull (strstr (stdout_text, "valid"));
  g_assert_nonnull (strstr (stdout_text, "2 areas"));
  g_clear_pointer (&stderr_text, g_free);
  g_clear_pointer (&stdout_text, g_free);
  g_assert_cmpint (spawn_frontline (stats, FALSE, &stdout_text, NULL), ==, 0);
  g_assert_nonnull (strstr (stdout_text, "2024-08-10"));
  g_clear_pointer (&stdout_text, g_free);
  g_assert_cmpint (spawn_frontline (convert, FALSE, NULL, &stderr_text), ==, 0);
  {
    g_autoptr(GFile) file = g_file_new_for_path (out);
    g_autoptr(GError) error = NULL;
    g_autoptr(FrontlineDataset) dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
    GListModel *areas;

    g_assert_no_error (error);
    areas = frontline_dataset_get_areas (dataset);
    g_assert_cmpuint (g_list_model_get_n_items (areas), ==, 2);
    {
      g_autoptr(FrontlineArea) second = g_list_model_get_item (areas, 1);

      g_assert_cmpint (frontline_area_get_status (second), ==, FRONTLINE_STATUS_CLAIMED);
      g_assert_cmpuint (frontline_area_get_day (second), ==, frontline_day_from_dmy (10, 8, 2024));
    }
  }
}

/* --export --view reads from a GeoPackage only what the picture shows: a
 * feature far outside it with a date that is not one is never read. */
#define NEAR_AND_FAR \
  "{\"type\":\"FeatureCollection\",\"features\":[" \
  "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"ua\"}," \
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[36,51],[36,52],[35,52],[35,51]]]}}," \
  "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-13-45\",\"faction\":\"ua\"}," \
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-5,40],[-4,40],[-4,41],[-5,41],[-5,40]]]}}]}"

static void
test_export_view_bbox (void)
{
  g_autofree char *folder = g_dir_make_tmp ("frontline-bbox-XXXXXX", NULL);
  g_autofree char *source = g_build_filename (folder, "near-far.geojson", NULL);
  g_autofree char *gpkg = g_build_filename (folder, "near-far.gpkg", NULL);
  g_autofree char *png = g_build_filename (folder, "view.png", NULL);
  g_autofree char *fit_png = g_build_filename (folder, "fit.png", NULL);
  g_autofree char *stderr_text = NULL;
  const char *argv[] = { "-f", "GPKG", NULL };
  const char *view[] = { "--export", png, "--view", "51.5,35.5,8", "--size", "200x150", gpkg, NULL };
  const char *fit[] = { "--export", fit_png, "--size", "200x150", gpkg, NULL };
  GDALVectorTranslateOptions *options;
  GDALDatasetH in, out;

  g_assert_true (g_file_set_contents (source, NEAR_AND_FAR, -1, NULL));
  GDALAllRegister ();
  in = GDALOpenEx (source, GDAL_OF_VECTOR, NULL, NULL, NULL);
  g_assert_nonnull (in);
  options = GDALVectorTranslateOptionsNew ((char **) argv, NULL);
  out = GDALVectorTranslate (gpkg, NULL, 1, &in, options, NULL);
  g_assert_nonnull (out);
  GDALClose (out);
  GDALVectorTranslateOptionsFree (options);
  GDALClose (in);

  g_assert_cmpint (spawn_frontline (view, FALSE, NULL, &stderr_text), ==, 0);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&stderr_text, g_free);

  /* Without a view the whole file is read, and the bad date is found. */
  g_assert_cmpint (spawn_frontline (fit, FALSE, NULL, &stderr_text), ==, 1);
  g_assert_nonnull (strstr (stderr_text, "2024-13-45"));
}

/* A PNG renamed .geojson is called what it is, not a parse error inside it. */
static void
test_check_not_json (void)
{
  if (g_test_subprocess ())
    {
      static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06";
      g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "photo.geojson", NULL);

      g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
      g_assert_true (g_file_set_contents (path, png, sizeof png - 1, NULL));
      exit (run_app ("--check", path, NULL));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stdout ("*photo.geojson: invalid*");
  g_test_trap_assert_stderr ("*error: *photo.geojson:1:1: Parse error: not a GeoJSON file "
                             "(it starts with PNG image data)*");
}

/* --check --strict (issue 14). A crafted dataset with one problem of each
 * class --strict looks for: every class warns, naming the place, and the
 * exit status is 1; --check alone passes the same file. */
#define STRICT_DATASET \
  "{\"type\":\"FeatureCollection\",\"frontline\":{\"title\":\"Strict\"," \
  "\"factions\":[{\"id\":\"ua\",\"name\":\"Ukraine\",\"color\":\"#0057b7\"}]," \
  "\"sources\":[{\"id\":\"s1\",\"title\":\"unknown\",\"publisher\":\"unknown\",\"author\":\"unknown\"," \
  "\"published\":\"unknown\",\"date_precision\":\"approximate\",\"language\":\"en\"}]," \
  "\"quotes\":[{\"id\":\"q1\",\"text\":\"Words\",\"date\":\"2024-08-07\",\"source\":\"s1\"," \
  "\"date_precision\":\"day\"}," \
  "{\"id\":\"q2\",\"text\":\"More words\",\"speaker\":\"A\",\"date\":\"2024-08-07\",\"source\":\"s1\"}]," \
  "\"stops\":[{\"title\":\"Cited\",\"date\":\"2024-08-06\",\"caption\":\"As Source s1 says.\"}," \
  "{\"title\":\"Uncited\",\"date\":\"2024-08-06\",\"caption\":\"As nobody says (sources s12).\"}]}," \
  "\"features\":[" \
  "{\"type\":\"Feature\",\"id\":\"a\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"ua\",\"source\":\"s1\",\"approximate\":true}," \
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[36,51],[36,52],[35,52],[35,51]]]}}," \
  "{\"type\":\"Feature\",\"id\":\"b\",\"properties\":{\"date\":\"2024-08-10\",\"faction\":\"ua\",\"approximate\":true}," \
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[36,51],[36,52],[35,52],[35,51]]]}}]}"

static void
test_check_strict (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = write_fixture ("strict.geojson", STRICT_DATASET);

      exit (run_app ("--check", "--strict", path, NULL));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stdout ("*strict.geojson: valid, 5 warnings*all areas are approximations*");
  g_test_trap_assert_stderr ("*/features/1 (id “b”): area cites no source*"
                             "/frontline/quotes/0 (id “q1”): quote has no speaker*"
                             "/frontline/quotes/1 (id “q2”): quote has no date_precision*"
                             "/frontline/stops/1 (“Uncited”): caption cites no source*"
                             "/frontline/sources/0 (id “s1”): \"url\" left out*");
  /* The stop that cites "Source s1" and the fields written as "unknown" pass. */
  g_test_trap_assert_stderr_unmatched ("*stops/0*");
  g_test_trap_assert_stderr_unmatched ("*\"title\" left out*");
  g_test_trap_assert_stderr_unmatched ("*\"published\" left out*");
}

static void
test_check_not_strict (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = write_fixture ("lenient.geojson", STRICT_DATASET);

      exit (run_app ("--check", path, NULL));
    }

  /* Without --strict the same file passes, with no strict warnings. */
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*lenient.geojson: valid, 0 warnings*");
  g_test_trap_assert_stderr ("");
}

static void
test_check_some_approximate (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = write_fixture ("some.geojson", DATASET);

      exit (run_app ("--check", path, NULL));
    }

  /* One of two areas is approximate: the summary says so, not "some". */
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*Approximate: 1 of 2 areas are approximations*");
}

static void
test_check_strict_bundled (gconstpointer data)
{
  const char *name = data;

  if (g_test_subprocess ())
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets", name, NULL);

      exit (run_app ("--check", "--strict", path, NULL));
    }

  /* The bundled datasets pass --strict with no warnings at all. */
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*valid, 0 warnings*all areas are approximations*");
  g_test_trap_assert_stderr ("");
}

static void
test_strict_help (void)
{
  if (g_test_subprocess ())
    {
      exit (run_app ("--help", NULL));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*--strict*With --check*");
}

/* Datasets in PostGIS: --convert publishes to an address, --stats and
 * --check read from it, and every failure is one line and exit 1. */

static int
spawn_frontline_env (const char * const  *args,
                     const char          *password,
                     char               **out,
                     char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) FRONTLINE_EXE);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_unsetenv (envp, "PGPASSWORD");
  if (password != NULL)
    envp = g_environ_setenv (envp, "PGPASSWORD", password, TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
assert_one_line (const char *text,
                 const char *needle)
{
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "error: "));
  g_assert_nonnull (strstr (text, needle));
  /* One line: only the final newline. */
  g_assert_cmpint (strchr (text, '\n') - text, ==, strlen (text) - 1);
}

static void
test_archive (void)
{
  g_autoptr(FrontlineTestPg) pg = frontline_test_pg_new ();
  g_autofree char *in = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                               "kursk-2024-2025.geojson", NULL);
  g_autofree char *address = NULL;
  g_autofree char *other = NULL;
  g_autofree char *file_stats = NULL;
  g_autofree char *server_stats = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (pg == NULL)
    return;

  address = frontline_test_pg_dup_address (pg, "ops.kursk");

  /* Publishing, refused a second time without --force. */
  {
    const char *args[] = { "--convert", in, address, NULL };
    const char *force[] = { "--convert", in, address, "--force", NULL };

    g_assert_cmpint (spawn_frontline_env (args, NULL, NULL, &err), ==, 0);
    g_assert_cmpstr (err, ==, "");
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (spawn_frontline_env (args, NULL, NULL, &err), ==, 1);
    assert_one_line (err, "--force");
    g_assert_nonnull (strstr (err, "ops.kursk"));
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (spawn_frontline_env (force, NULL, NULL, &err), ==, 0);
    g_clear_pointer (&err, g_free);
  }

  /* --stats from the server: the file's, to the last printed decimal
   * (test-archive-publish compares them number by number). */
  {
    const char *from_file[] = { "--stats", in, NULL };
    const char *from_server[] = { "--stats", address, NULL };
    g_auto(GStrv) a = NULL;
    g_auto(GStrv) b = NULL;

    g_assert_cmpint (spawn_frontline_env (from_file, NULL, &file_stats, NULL), ==, 0);
    g_assert_cmpint (spawn_frontline_env (from_server, NULL, &server_stats, &err), ==, 0);
    g_assert_cmpstr (err, ==, "");
    g_clear_pointer (&err, g_free);
    a = g_strsplit (file_stats, "\n", -1);
    b = g_strsplit (server_stats, "\n", -1);
    g_assert_cmpuint (g_strv_length (a), ==, g_strv_length (b));
    g_assert_cmpuint (g_strv_length (a), >, 10);
    for (guint i = 0; a[i] != NULL; i++)
      {
        const char *ca = strrchr (a[i], ',');
        const char *cb = strrchr (b[i], ',');

        if (i == 0 || ca == NULL)
          {
            g_assert_cmpstr (a[i], ==, b[i]);
            continue;
          }
        g_assert_cmpint (ca - a[i], ==, cb - b[i]);
        g_assert_cmpint (strncmp (a[i], b[i], ca - a[i]), ==, 0);
        g_assert_cmpfloat_with_epsilon (g_ascii_strtod (ca + 1, NULL),
                                        g_ascii_strtod (cb + 1, NULL), 0.0011);
      }
  }

  /* --check on the address. */
  {
    const char *args[] = { "--check", address, NULL };

    g_assert_cmpint (spawn_frontline_env (args, NULL, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, ": valid"));
    g_assert_nonnull (strstr (out, "Dates: 2024-"));
    g_assert_nonnull (strstr (out, " areas"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* A table that is not Frontline's. */
  {
    g_autofree char *theirs = frontline_test_pg_dup_address (pg, "public.theirs");
    const char *check[] = { "--check", theirs, NULL };
    const char *stats[] = { "--stats", theirs, NULL };

    frontline_test_pg_exec (pg, "CREATE TABLE public.theirs (x int)");
    g_assert_cmpint (spawn_frontline_env (check, NULL, &out, &err), ==, 1);
    assert_one_line (err, "public.theirs");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (spawn_frontline_env (stats, NULL, &out, &err), ==, 1);
    assert_one_line (err, "public.theirs");
    g_assert_cmpstr (out, ==, "");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* Wrong credentials (PGPASSWORD, as libpq reads it). */
  {
    g_autoptr(FrontlineArchiveLocation) location = frontline_test_pg_dup_location (pg, "ops.kursk");
    const char *stats[] = { "--stats", NULL, NULL };

    g_free (location->user);
    location->user = g_strdup (FRONTLINE_TEST_PG_PASSWORD_USER);
    other = frontline_archive_location_to_string (location);
    stats[1] = other;
    g_assert_cmpint (spawn_frontline_env (stats, FRONTLINE_TEST_PG_PASSWORD, &out, NULL), ==, 0);
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (spawn_frontline_env (stats, "not the password", &out, &err), ==, 1);
    assert_one_line (err, FRONTLINE_TEST_PG_PASSWORD_USER);
    g_assert_null (strstr (err, "not the password"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* A server that is down. */
  frontline_test_pg_stop (pg);
  {
    const char *stats[] = { "--stats", address, NULL };
    const char *check[] = { "--check", address, NULL };
    const char *publish[] = { "--convert", in, address, "--force", NULL };

    g_assert_cmpint (spawn_frontline_env (stats, NULL, &out, &err), ==, 1);
    assert_one_line (err, frontline_test_pg_get_socket_dir (pg));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (spawn_frontline_env (check, NULL, &out, &err), ==, 1);
    assert_one_line (err, frontline_test_pg_get_socket_dir (pg));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (spawn_frontline_env (publish, NULL, &out, &err), ==, 1);
    assert_one_line (err, frontline_test_pg_get_socket_dir (pg));
  }

  /* An address that is not one. */
  {
    const char *stats[] = { "--stats", "postgresql://localhost/db", NULL };

    g_clear_pointer (&err, g_free);
    g_assert_cmpint (spawn_frontline_env (stats, NULL, NULL, &err), ==, 1);
    assert_one_line (err, "table=");
  }
}

/* --stop: a stop's picture, found by its id, number or title, the same
 * picture whichever; an unknown stop lists the stops. --stops: the
 * briefing's video. --handout-notes: a PDF; --small-multiples refuses what
 * is not a date (test-handout draws the pages). */
static void
test_export_stops (void)
{
  g_autofree char *dataset = write_fixture ("stops.geojson", FRONTLINE_TEST_STOPS_JSON);
  g_autofree char *folder = g_build_filename (g_get_user_cache_dir (), "stops-out", NULL);
  const char *keys[] = { "blue", "1", "Blue holds", "2" };
  g_autofree char *first = NULL;
  gsize first_length = 0;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_mkdir_with_parents (folder, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *name = g_strdup_printf ("stop-%u.png", i);
      g_autofree char *png = g_build_filename (folder, name, NULL);
      const char *args[] = { "--export", png, "--stop", keys[i], "--size", "320x180", "--force", dataset, NULL };
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (spawn_frontline (args, FALSE, &out, &err), ==, 0);
      g_assert_nonnull (strstr (out, "(320 × 180)"));
      g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
      if (i == 0)
        {
          first = g_steal_pointer (&contents);
          first_length = length;
        }
      else if (i < 3)
        g_assert_cmpmem (contents, length, first, first_length);
      else
        g_assert_false (length == first_length && memcmp (contents, first, length) == 0);
    }

  {
    g_autofree char *png = g_build_filename (folder, "none.png", NULL);
    const char *args[] = { "--export", png, "--stop", "nowhere", dataset, NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (spawn_frontline (args, FALSE, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "no stop “nowhere”"));
    g_assert_nonnull (strstr (err, "\n  1  blue  Blue holds\n  2  orange  Orange claims\n"));
    g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  }

  {
    g_autofree char *png = g_build_filename (folder, "stops.png", NULL);
    const char *args[] = { "--export", png, "--stops", dataset, NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (spawn_frontline (args, FALSE, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "--stops is for videos"));
  }

  /* What a briefing's stops decide is not asked for again. */
  {
    g_autofree char *webm = g_build_filename (folder, "ignored.webm", NULL);
    const char *options[][2] = { { "--date", "2024-08-06..2024-08-08" }, { "--seconds-per-date", "1" },
                                 { "--cross-fade", "0.5" }, { "--compare-since", "2024-08-06" },
                                 { "--view", "50,36,8" }, { "--fit", NULL } };

    for (guint i = 0; i < G_N_ELEMENTS (options); i++)
      {
        const char *args[] = { "--export", webm, "--stops", options[i][0], options[i][1], dataset, NULL };
        g_autofree char *expected = g_strdup_printf ("leave out %s\n", options[i][0]);

        /* --fit takes no value: the dataset comes right after it. */
        if (options[i][1] == NULL)
          args[4] = dataset, args[5] = NULL;
        g_clear_pointer (&out, g_free);
        g_clear_pointer (&err, g_free);
        g_assert_cmpint (spawn_frontline (args, FALSE, &out, &err), ==, 1);
        g_assert_nonnull (strstr (err, "--stops follows each stop’s date, view and comparison"));
        g_assert_nonnull (strstr (err, expected));
        g_assert_false (g_file_test (webm, G_FILE_TEST_EXISTS));
      }
  }

  {
    g_autofree char *webm = g_build_filename (folder, "briefing.webm", NULL);
    const char *args[] = { "--export", webm, "--stops", "--size", "320x180", "--fps", "10", "--hold", "1",
                           "--force", dataset, NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (spawn_frontline (args, FALSE, &out, &err), ==, 0);
    /* 1 s on the first stop, a 2 s move, 1 s on the second. */
    g_assert_nonnull (strstr (out, "40 frames, 4.0 s"));
    g_assert_true (g_file_test (webm, G_FILE_TEST_IS_REGULAR));
    g_unlink (webm);
  }

  {
    g_autofree char *pdf = g_build_filename (folder, "handout.pdf", NULL);
    const char *notes[] = { "--export", pdf, "--handout-notes", "--force", dataset, NULL };
    const char *bad[] = { "--export", pdf, "--small-multiples", "2024-08-06,yesterday", "--force",
                          dataset, NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (spawn_frontline (notes, FALSE, &out, &err), ==, 0);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (spawn_frontline (bad, FALSE, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "--small-multiples must be dates"));
    g_unlink (pdf);
  }

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *name = g_strdup_printf ("stop-%u.png", i);
      g_autofree char *png = g_build_filename (folder, name, NULL);

      g_unlink (png);
    }
  g_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/frontline/cli/version", test_version);
  g_test_add_func ("/frontline/cli/help", test_help);
  g_test_add_func ("/frontline/cli/unknown-option", test_unknown_option);
  g_test_add_func ("/frontline/cli/check-valid", test_check_valid);
  g_test_add_func ("/frontline/cli/check-invalid", test_check_invalid);
  g_test_add_func ("/frontline/cli/stats", test_stats);
  g_test_add_func ("/frontline/cli/export/stops", test_export_stops);
  g_test_add_data_func ("/frontline/cli/export/ok", "ok", test_export);
  g_test_add_data_func ("/frontline/cli/export/exists", "exists", test_export);
  g_test_add_data_func ("/frontline/cli/export/bad-date", "date", test_export);
  g_test_add_data_func ("/frontline/cli/export/date-out-of-range", "range", test_export);
  g_test_add_data_func ("/frontline/cli/export/bad-size", "size", test_export);
  g_test_add_data_func ("/frontline/cli/export/unwritable", "unwritable", test_export);
  g_test_add_data_func ("/frontline/cli/export/mbtiles", "mbtiles", test_export);
  g_test_add_data_func ("/frontline/cli/export/basemap", "basemap", test_export);
  g_test_add_data_func ("/frontline/cli/export/compare", "compare", test_export);
  for (guint i = 0; i < G_N_ELEMENTS (video_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/frontline/cli/export/video/%s", video_cases[i].name);

      g_test_add_data_func (path, &video_cases[i], test_export_video);
    }

  g_test_add_data_func ("/frontline/cli/convert/round-trip", "round-trip", test_convert);
  g_test_add_data_func ("/frontline/cli/convert/exists", "exists", test_convert);
  g_test_add_data_func ("/frontline/cli/convert/force", "force", test_convert);
  g_test_add_data_func ("/frontline/cli/convert/full-disk", "full-disk", test_convert);
  g_test_add_data_func ("/frontline/cli/convert/tmpfs-full", "tmpfs-full", test_convert);
  g_test_add_data_func ("/frontline/cli/convert/tmpfs-readonly", "tmpfs-readonly", test_convert);
  g_test_add_data_func ("/frontline/cli/convert/folder", "folder", test_convert);
  g_test_add_data_func ("/frontline/cli/convert/symlink", "symlink", test_convert);
  g_test_add_data_func ("/frontline/cli/convert/usage", "usage", test_convert);
  g_test_add_data_func ("/frontline/cli/export/full-disk", "export-full-disk", test_convert);
  g_test_add_data_func ("/frontline/cli/convert/format/gpkg", "gpkg", test_convert_format);
  g_test_add_data_func ("/frontline/cli/convert/format/kml", "kml", test_convert_format);
  g_test_add_data_func ("/frontline/cli/convert/format/kmz", "kmz", test_convert_format);
  g_test_add_data_func ("/frontline/cli/convert/format/shp", "shp", test_convert_format);
  g_test_add_data_func ("/frontline/cli/convert/format/geojson", "geojson", test_convert_format);
  g_test_add_func ("/frontline/cli/convert/unknown-format", test_convert_unknown_format);
  g_test_add_data_func ("/frontline/cli/field-options/gpkg", "gpkg", test_field_options);
  g_test_add_data_func ("/frontline/cli/field-options/shp", "shp", test_field_options);
  g_test_add_func ("/frontline/cli/export/view-bbox", test_export_view_bbox);
  g_test_add_func ("/frontline/cli/check-not-json", test_check_not_json);
  g_test_add_func ("/frontline/cli/check-strict", test_check_strict);
  g_test_add_func ("/frontline/cli/check-not-strict", test_check_not_strict);
  g_test_add_func ("/frontline/cli/check-some-approximate", test_check_some_approximate);
  g_test_add_data_func ("/frontline/cli/check-strict/kursk", "kursk-2024-2025.geojson",
                        test_check_strict_bundled);
  g_test_add_data_func ("/frontline/cli/check-strict/bakhmut", "bakhmut-2023.geojson",
                        test_check_strict_bundled);
  g_test_add_func ("/frontline/cli/strict-help", test_strict_help);
  g_test_add_func ("/frontline/cli/archive", test_archive);

  return g_test_run ();
}
