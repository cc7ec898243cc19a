/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "frontline-basemap-source.h"
#include "frontline-export-dialog.h"
#include "frontline-test-utils.h"

static FrontlineApplication *app;

#define AREA(date) \
  "{\"type\":\"Feature\",\"properties\":{\"date\":\"" date "\",\"faction\":\"ua\",\"source\":\"s1\"}," \
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[36,51],[36,52],[35,52],[35,51]]]}}"

static const char *fixture_json =
  "{\"type\":\"FeatureCollection\",\"frontline\":{\"title\":\"Progress\","
  "\"sources\":[{\"id\":\"s1\",\"title\":\"Report\"}]},\"features\":["
  AREA ("2024-08-06") "," AREA ("2024-08-07") "," AREA ("2024-08-08") "," AREA ("2024-08-09") ","
  AREA ("2024-08-10") "," AREA ("2024-08-11") "," AREA ("2024-08-12") "," AREA ("2024-08-13") "]}";

static FrontlineDataset *
load_fixture (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "frontline-progress-test.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FrontlineDataset *dataset;

  g_assert_true (g_file_set_contents (path, fixture_json, -1, NULL));
  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_file_delete (file, NULL, NULL);

  return dataset;
}

typedef struct {
  gboolean  done;
  GError   *error;
} Outcome;

static void
on_done (GFile        *file,
         const GError *error,
         gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->done = TRUE;
  outcome->error = error ? g_error_copy (error) : NULL;
}

static gboolean
is_done_cb (gpointer data)
{
  return ((Outcome *) data)->done;
}

static guint
count_children (GFile *folder)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                   G_FILE_QUERY_INFO_NONE, NULL, NULL);
  guint n = 0;

  g_assert_nonnull (children);
  for (;;)
    {
      g_autoptr(GFileInfo) info = g_file_enumerator_next_file (children, NULL, NULL);

      if (info == NULL)
        break;
      /* Every file there is a whole frame: no temporary file is left. */
      g_assert_true (g_str_has_suffix (g_file_info_get_name (info), ".png"));
      n++;
    }

  return n;
}

static void
start (GtkWindow              *parent,
       FrontlineDataset       *dataset,
       double                  size,
       GFile                  *target,
       gboolean                all_dates,
       Outcome                *outcome)
{
  FrontlineExportRequest request = { 0 };
  FrontlineExportOptions options;

  request.dataset = dataset;
  request.day = frontline_dataset_get_first_day (dataset);
  request.view = (FrontlineView) { 35.5, 51.5, 8.0, 800, 600 };
  frontline_export_request_to_options (&request, size, size, FRONTLINE_EXPORT_PNG, &options);
  frontline_export_start (parent, &request, &options, target, all_dates, on_done, outcome);
}

/* The export starts from the window's state: its dataset, date, comparison
 * and view, and the dialog's options frame what the core's would. */
static void
test_request_for_state (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  g_autoptr(FrontlineViewState) state = frontline_view_state_new ();
  FrontlineView view = { 35.5, 51.5, 8.0, 800, 600 };
  FrontlineDay first = frontline_dataset_get_first_day (dataset);
  FrontlineExportRequest request;
  FrontlineExportOptions from_request;
  FrontlineExportOptions from_state;

  frontline_view_state_set_dataset (state, dataset);
  frontline_view_state_set_day (state, first + 3);
  frontline_view_state_compare (state, first + 1, FALSE);
  frontline_view_state_set_view (state, &view);

  frontline_export_request_init_for_state (&request, state);
  g_assert_true (request.dataset == dataset);
  g_assert_cmpuint (request.day, ==, first + 3);
  g_assert_cmpuint (request.compare_from, ==, first + 1);
  g_assert_cmpmem (&request.view, sizeof view, &view, sizeof view);
  g_assert_null (request.mbtiles);
  g_assert_null (request.tiles);

  frontline_export_request_to_options (&request, 1600, 1200, FRONTLINE_EXPORT_PNG, &from_request);
  frontline_export_options_init_for_state (&from_state, state, 1600, 1200);
  g_assert_cmpuint (from_request.day, ==, from_state.day);
  g_assert_cmpfloat (from_request.scale, ==, from_state.scale);
  g_assert_cmpmem (&from_request.view, sizeof view, &from_state.view, sizeof view);
  g_assert_cmpuint (from_state.compare_from, ==, first + 1);
  g_assert_cmpfloat (from_state.scale, ==, 2.0);
  g_assert_cmpfloat (from_state.view.zoom, ==, 8.0);
  g_assert_cmpfloat (from_state.view.center_lon, ==, 35.5);
  g_assert_cmpfloat (from_state.view.width, ==, 1600);

  /* Comparing stops with the state's. */
  frontline_view_state_compare (state, FRONTLINE_DAY_NONE, FALSE);
  frontline_export_request_init_for_state (&request, state);
  g_assert_cmpuint (request.compare_from, ==, FRONTLINE_DAY_NONE);
}

/* A long export shows its progress, and Cancel stops it: no dialog of
 * failure, the frames written before are whole, none is half written. */
static void
test_cancel (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "frontline-progress-frames", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  AdwMessageDialog *progress;
  Outcome outcome = { 0 };

  g_mkdir_with_parents (path, 0700);
  gtk_window_present (parent);
  /* 8 frames of 6000 × 6000 take seconds. */
  start (parent, dataset, 6000, folder, TRUE, &outcome);

  progress = ADW_MESSAGE_DIALOG (frontline_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_false (outcome.done);
  g_assert_cmpstr (adw_message_dialog_get_heading (progress), ==, "Exporting…");
  g_assert_cmpstr (adw_message_dialog_get_body (progress), ==, "frontline-progress-frames");
  g_assert_true (adw_message_dialog_has_response (progress, "cancel"));

  adw_message_dialog_response (progress, "cancel");
  frontline_test_wait_until (is_done_cb, &outcome, 20000);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_children (folder), <, 8);
  /* Cancelling is not a failure: no dialog says it is. */
  frontline_test_spin (50);
  g_assert_null (frontline_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_clear_error (&outcome.error);
  frontline_test_close_all ();
}

/* A quick export ends with no progress dialog, and reports success. */
static void
test_quick (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "frontline-progress-quick.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  Outcome outcome = { 0 };

  gtk_window_present (parent);
  start (parent, dataset, 200, file, FALSE, &outcome);
  frontline_test_wait_until (is_done_cb, &outcome, 20000);
  g_assert_no_error (outcome.error);
  g_assert_true (g_file_query_exists (file, NULL));
  g_assert_null (frontline_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_file_delete (file, NULL, NULL);
  frontline_test_close_all ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  frontline_test_init (&argc, &argv, NULL);

  app = frontline_test_application_new ();

  g_test_add_func ("/frontline/export-dialog/quick", test_quick);
  g_test_add_func ("/frontline/export-dialog/request-for-state", test_request_for_state);
  g_test_add_func ("/frontline/export-dialog/cancel", test_cancel);

  ret = g_test_run ();

  frontline_basemap_source_shutdown ();
  g_clear_object (&app);

  return ret;
}
