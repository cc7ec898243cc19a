/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wundef"
#include <gdal.h>
#include <gdal_utils.h>
#pragma GCC diagnostic pop

#include "frontline-application.h"
#include "frontline-basemap-source.h"
#include "frontline-ogr-reader.h"
#include "frontline-test-stops.h"
#include "frontline-test-utils.h"
#include "frontline-window.h"

/* The window's Save: in a worker, with progress and Cancel in a toast, the
 * file replaced only when complete, everything the user did not change kept
 * byte for byte. */

static FrontlineApplication *app;

static gboolean
saved_cb (gpointer data)
{
  return !frontline_test_action_enabled (data, "cancel-save") &&
         frontline_test_action_enabled (data, "save");
}

static void
test_save_in_worker (void)
{
  FrontlineWindow *window = FRONTLINE_WINDOW (frontline_application_new_window (app));
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "docs", "examples", "example.geojson", NULL);
  g_autofree char *folder = g_dir_make_tmp ("frontline-window-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "example.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GDir) dir = NULL;
  guint n_stops;

  g_assert_true (g_file_get_contents (example, &before, NULL, NULL));
  g_assert_true (g_file_set_contents (path, before, -1, NULL));

  gtk_window_present (GTK_WINDOW (window));
  frontline_window_open (window, file);
  frontline_test_wait_until (frontline_test_has_dataset_cb, window, 5000);
  n_stops = g_list_model_get_n_items (frontline_dataset_get_stops (frontline_window_get_dataset (window)));

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.add-stop", NULL);
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.save", NULL);

  /* Running in the background: Cancel is offered, a second save is not. */
  g_assert_true (frontline_test_action_enabled (GTK_WIDGET (window), "cancel-save"));
  g_assert_false (frontline_test_action_enabled (GTK_WIDGET (window), "save"));
  frontline_test_wait_until (saved_cb, window, 10000);

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, !=, before);
  {
    g_autoptr(FrontlineDataset) reloaded = frontline_dataset_load (file, NULL, NULL, NULL, NULL);

    g_assert_nonnull (reloaded);
    g_assert_cmpuint (g_list_model_get_n_items (frontline_dataset_get_stops (reloaded)), ==, n_stops + 1);
  }

  /* No temporary file left. */
  dir = g_dir_open (folder, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (dir), ==, "example.geojson");
  g_assert_null (g_dir_read_name (dir));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A shapefile keeps the areas only: Save asks where to save, as GeoJSON,
 * and leaves the shapefile alone. */
static void
test_save_shapefile_asks (void)
{
  const char * const args[] = {
    "-f", "ESRI Shapefile", "-nln", "kursk", "-sql",
    "SELECT \"date\", faction, status FROM \"kursk-2024-2025\" WHERE OGR_GEOMETRY = 'POLYGON'",
    NULL,
  };
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                                "kursk-2024-2025.geojson", NULL);
  g_autofree char *folder = g_dir_make_tmp ("frontline-window-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "kursk.shp", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GError) error = NULL;
  FrontlineWindow *window;
  GDALVectorTranslateOptions *options;
  GDALDatasetH in;
  GDALDatasetH out;
  GtkWindow *chooser;
  g_autofree char *name = NULL;
  int usage_error = FALSE;

  GDALAllRegister ();
  in = GDALOpenEx (src, GDAL_OF_VECTOR, NULL, NULL, NULL);
  options = GDALVectorTranslateOptionsNew ((char **) args, NULL);
  out = GDALVectorTranslate (path, NULL, 1, &in, options, &usage_error);
  g_assert_false (usage_error);
  g_assert_nonnull (out);
  GDALClose (out);
  GDALClose (in);
  GDALVectorTranslateOptionsFree (options);

  layers = frontline_ogr_inspect (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (layers);

  window = FRONTLINE_WINDOW (frontline_application_new_window (app));
  gtk_window_present (GTK_WINDOW (window));
  frontline_window_open (window, file);
  frontline_test_wait_until (frontline_test_has_dataset_cb, window, 20000);

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.save", NULL);
  chooser = frontline_test_wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_true (g_str_has_suffix (name, ".geojson"));
  g_assert_false (frontline_test_action_enabled (GTK_WIDGET (window), "cancel-save"));

  frontline_test_close_all ();
  frontline_test_remove_folder (folder);
}

static gboolean
file_exists_cb (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

static gboolean
in_folder_cb (gpointer data)
{
  GFile *expected = g_object_get_data (data, "expected-folder");
  g_autoptr(GFile) current = gtk_file_chooser_get_current_folder (data);
  g_autoptr(GFile) file = gtk_file_chooser_get_file (data);
  g_autoptr(GFile) parent = file != NULL ? g_file_get_parent (file) : NULL;

  return current != NULL && g_file_equal (current, expected) &&
         parent != NULL && g_file_equal (parent, expected);
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return text;
}

/* Export Stops as PDF: the chooser offers the speaker's notes, off unless
 * asked; the handout has them only when asked. */
static void
test_handout_notes_choice (void)
{
  g_autofree char *folder = g_dir_make_tmp ("frontline-window-handout-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "stops.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  FrontlineWindow *window;

  g_assert_true (g_file_set_contents (path, FRONTLINE_TEST_STOPS_JSON, -1, NULL));
  /* The chooser opens in the working folder: the test's own. */
  g_assert_cmpint (g_chdir (folder), ==, 0);
  window = FRONTLINE_WINDOW (frontline_application_new_window (app));
  gtk_window_present (GTK_WINDOW (window));
  frontline_window_open (window, file);
  frontline_test_wait_until (frontline_test_has_dataset_cb, window, 20000);

  for (int with_notes = 0; with_notes < 2; with_notes++)
    {
      g_autofree char *pdf = g_build_filename (folder, with_notes ? "notes.pdf" : "plain.pdf", NULL);
      g_autofree char *text = NULL;
      GtkWindow *chooser;

      gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.export-handout", NULL);
      chooser = frontline_test_wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
      g_assert_cmpstr (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "notes"), ==, "false");
      if (with_notes)
        gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "notes", "true");
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), with_notes ? "notes.pdf" : "plain.pdf");
      g_object_set_data (G_OBJECT (chooser), "expected-folder", folder_file);
      frontline_test_wait_until (in_folder_cb, chooser, 5000);
      /* Press Export, as the user would. */
      gtk_widget_activate (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT));
      frontline_test_wait_until (file_exists_cb, pdf, 20000);

      text = pdf_text (pdf);
      g_assert_nonnull (strstr (text, "Blue holds"));
      if (with_notes)
        g_assert_nonnull (strstr (text, "Point at the river first."));
      else
        g_assert_null (strstr (text, "Point at the river first."));
      g_unlink (pdf);
    }

  frontline_test_close_all ();
  g_assert_cmpint (g_chdir (g_get_tmp_dir ()), ==, 0);
  frontline_test_remove_folder (folder);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  frontline_test_init (&argc, &argv, NULL);
  app = frontline_test_application_new ();

  g_test_add_func ("/frontline/window/save-in-worker", test_save_in_worker);
  g_test_add_func ("/frontline/window/save-shapefile-asks", test_save_shapefile_asks);
  g_test_add_func ("/frontline/window/handout-notes-choice", test_handout_notes_choice);

  ret = g_test_run ();
  /* What the application does when it quits: wait for tiles being drawn. */
  frontline_basemap_source_shutdown ();
  g_object_unref (app);
  return ret;
}
