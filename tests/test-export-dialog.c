/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "frontline-basemap-source.h"
#include "frontline-export-dialog.h"
#include "frontline-test-utils.h"

static FrontlineApplication *app;

#define AREA(date) \
  "{\"type\":\"Feature\",\"properties\":{\"date\":\"" date "\",\"faction\":\"ua\",\"source\":\"s1\"}," \
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[36,51],[36,52],[35,52],[35,51]]]}}"

#define FIXTURE_HEAD "{\"type\":\"FeatureCollection\",\"frontline\":{\"title\":\""
#define FIXTURE_TAIL "\"," \
  "\"sources\":[{\"id\":\"s1\",\"title\":\"Report\"}]},\"features\":[" \
  AREA ("2024-08-06") "," AREA ("2024-08-07") "," AREA ("2024-08-08") "," AREA ("2024-08-09") "," \
  AREA ("2024-08-10") "," AREA ("2024-08-11") "," AREA ("2024-08-12") "," AREA ("2024-08-13") "]}"

static const char *fixture_json =
  "{\"type\":\"FeatureCollection\",\"frontline\":{\"title\":\"Progress\","
  "\"sources\":[{\"id\":\"s1\",\"title\":\"Report\"}]},\"features\":["
  AREA ("2024-08-06") "," AREA ("2024-08-07") "," AREA ("2024-08-08") "," AREA ("2024-08-09") ","
  AREA ("2024-08-10") "," AREA ("2024-08-11") "," AREA ("2024-08-12") "," AREA ("2024-08-13") "]}";

static FrontlineDataset *
load_json (const char *json)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "frontline-progress-test.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FrontlineDataset *dataset;

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_file_delete (file, NULL, NULL);

  return dataset;
}

static FrontlineDataset *
load_fixture (void)
{
  return load_json (fixture_json);
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

/* Finds the descendant of @widget named @name. */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
new_dialog (GtkWindow        *parent,
            FrontlineDataset *dataset)
{
  FrontlineExportRequest request = { 0 };

  request.dataset = dataset;
  request.day = frontline_dataset_get_first_day (dataset);
  request.view = (FrontlineView) { 35.5, 51.5, 8.0, 1600, 1200 };
  request.compare_from = FRONTLINE_DAY_NONE;
  return frontline_export_dialog_new (parent, &request, FALSE, NULL, NULL);
}

typedef struct {
  GtkPicture   *picture;
  GdkPaintable *old;
} PreviewWait;

static gboolean
has_new_preview_cb (gpointer data)
{
  PreviewWait *wait = data;
  GdkPaintable *now = gtk_picture_get_paintable (wait->picture);

  return now != NULL && now != wait->old;
}

static GBytes *
download (GdkPaintable *paintable)
{
  GdkTexture *texture = GDK_TEXTURE (paintable);
  gsize stride = (gsize) gdk_texture_get_width (texture) * 4;
  gsize size = stride * gdk_texture_get_height (texture);
  guchar *data = g_malloc (size);

  gdk_texture_download (texture, data, stride);
  return g_bytes_new_take (data, size);
}

/* The dialog shows what will be written, and redraws it when an option
 * changes: the legend goes, the page turns to A4. */
static void
test_preview (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  GtkWidget *dialog;
  PreviewWait wait = { 0 };
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  GtkSwitch *legend;
  GdkPaintable *paintable;

  gtk_window_present (parent);
  dialog = new_dialog (parent, dataset);
  gtk_window_present (GTK_WINDOW (dialog));
  wait.picture = GTK_PICTURE (find_named (dialog, "export-preview"));
  legend = GTK_SWITCH (find_named (dialog, "export-legend"));
  g_assert_nonnull (wait.picture);
  g_assert_nonnull (legend);

  frontline_test_wait_until (has_new_preview_cb, &wait, 10000);
  paintable = gtk_picture_get_paintable (wait.picture);
  /* The screen's 1600 × 1200 (a scale of 0.19: drawn at 0.25 and shrunk),
   * at most 400 × 200. */
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, 267);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (paintable), ==, 200);
  before = download (paintable);

  /* Two changes in a row: one preview, of the last. */
  wait.old = paintable;
  gtk_switch_set_active (legend, FALSE);
  gtk_switch_set_active (legend, TRUE);
  gtk_switch_set_active (legend, FALSE);
  frontline_test_wait_until (has_new_preview_cb, &wait, 10000);
  paintable = gtk_picture_get_paintable (wait.picture);
  after = download (paintable);
  g_assert_cmpuint (g_bytes_get_size (after), ==, g_bytes_get_size (before));
  g_assert_false (g_bytes_equal (before, after));

  /* A PDF on A4 in landscape: the preview takes the page's shape. */
  wait.old = paintable;
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (dialog, "export-format")), 2);
  frontline_test_wait_until (has_new_preview_cb, &wait, 10000);
  paintable = gtk_picture_get_paintable (wait.picture);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (paintable), ==, 200);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, 283);

  /* And in portrait. */
  wait.old = paintable;
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (dialog, "export-size")), 1);
  frontline_test_wait_until (has_new_preview_cb, &wait, 10000);
  paintable = gtk_picture_get_paintable (wait.picture);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (paintable), ==, 200);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, 141);

  /* Closed while a preview is drawn: nothing is left behind. */
  gtk_switch_set_active (legend, TRUE);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  frontline_test_spin (400);
  frontline_test_close_all ();
}

/* PDF sizes are paper sizes, in points, and the file's page is that size. */
static void
test_paper (void)
{
  static const struct {
    guint  index;
    double width;
    double height;
  } cases[] = {
    { 0, 841.89, 595.28 },   /* A4 landscape */
    { 1, 595.28, 841.89 },   /* A4 portrait */
    { 3, 841.89, 1190.55 },  /* A3 portrait */
    { 4, 792, 612 },         /* Letter landscape */
    { 5, 612, 792 },         /* Letter portrait */
  };
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "frontline-paper.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  GtkWidget *dialog;
  AdwComboRow *size;
  g_autoptr(GtkStringObject) first = NULL;

  gtk_window_present (parent);
  dialog = new_dialog (parent, dataset);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (dialog, "export-format")), 2);
  size = ADW_COMBO_ROW (find_named (dialog, "export-size"));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (size)), ==, 6);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FrontlineExportOptions options;
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize length;
      const char *box;
      double x0, y0, x1, y1;

      adw_combo_row_set_selected (size, cases[i].index);
      frontline_export_dialog_get_options (dialog, &options);
      g_assert_cmpint (options.format, ==, FRONTLINE_EXPORT_PDF);
      g_assert_cmpfloat_with_epsilon (options.view.width, cases[i].width, 0.01);
      g_assert_cmpfloat_with_epsilon (options.view.height, cases[i].height, 0.01);

      g_assert_true (frontline_export_to_file (&options, file, TRUE, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      /* The file has binary streams: no strstr(). */
      box = NULL;
      for (gsize at = 0; box == NULL && at + 11 < length; at++)
        if (memcmp (contents + at, "/MediaBox [", 11) == 0)
          box = contents + at;
      g_assert_nonnull (box);
      g_assert_cmpint (sscanf (box, "/MediaBox [ %lf %lf %lf %lf", &x0, &y0, &x1, &y1), ==, 4);
      g_assert_cmpfloat_with_epsilon (x1 - x0, cases[i].width, 0.01);
      g_assert_cmpfloat_with_epsilon (y1 - y0, cases[i].height, 0.01);
    }

  /* Back to PNG: sizes in pixels again. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (dialog, "export-format")), 0);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (size)), ==, 6);
  first = g_list_model_get_item (adw_combo_row_get_model (size), 0);
  g_assert_cmpstr (gtk_string_object_get_string (first), ==, "As on Screen");

  g_file_delete (file, NULL, NULL);
  g_object_ref_sink (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  frontline_test_close_all ();
}

/* Default names: the title without its subtitle, the day in words, no
 * comma and no dash anywhere. */
static void
test_default_name (void)
{
  static const struct {
    const char *title;
    const char *name;
  } cases[] = {
    { "Kursk incursion, August 2024 – March 2025", "Kursk incursion 6 August 2024.png" },
    { "Soledar and Bakhmut, January 2023", "Soledar and Bakhmut 6 August 2024.png" },
    { "Front-line map/east", "Front line map east 6 August 2024.png" },
    { "Pokrovsk — 2024", "Pokrovsk 6 August 2024.png" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strconcat (FIXTURE_HEAD, cases[i].title, FIXTURE_TAIL, NULL);
      g_autoptr(FrontlineDataset) dataset = load_json (json);
      FrontlineDay day = frontline_dataset_get_first_day (dataset);
      g_autofree char *name = frontline_export_default_name (dataset, day, FRONTLINE_EXPORT_PNG);
      g_autofree char *pdf = frontline_export_default_name (dataset, day, FRONTLINE_EXPORT_PDF);

      g_assert_cmpstr (name, ==, cases[i].name);
      g_assert_null (strchr (name, ','));
      g_assert_null (strchr (name, '-'));
      g_assert_null (strstr (name, "–"));
      g_assert_true (g_str_has_suffix (pdf, ".pdf"));
    }
}

/* The file chooser opens where the last export went while that folder
 * exists, else in Pictures, else at home. */
static void
test_default_folder (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autofree char *tmp = g_dir_make_tmp ("frontline-export-XXXXXX", NULL);
  g_autofree char *gone = g_build_filename (tmp, "gone", NULL);
  const char *pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);
  gboolean has_pictures = pictures != NULL && g_file_test (pictures, G_FILE_TEST_IS_DIR);
  g_autoptr(GFile) fallback = g_file_new_for_path (has_pictures ? pictures : g_get_home_dir ());
  g_autoptr(GFile) expected = g_file_new_for_path (tmp);
  GFile *folder;

  g_settings_set_string (settings, "export-folder", "");
  folder = frontline_export_default_folder (settings);
  g_assert_true (g_file_equal (folder, fallback));
  g_object_unref (folder);

  g_settings_set_string (settings, "export-folder", tmp);
  folder = frontline_export_default_folder (settings);
  g_assert_true (g_file_equal (folder, expected));
  g_object_unref (folder);

  g_settings_set_string (settings, "export-folder", gone);
  folder = frontline_export_default_folder (settings);
  g_assert_true (g_file_equal (folder, fallback));
  g_object_unref (folder);

  g_settings_reset (settings, "export-folder");
  g_rmdir (tmp);
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
  g_test_add_func ("/frontline/export-dialog/preview", test_preview);
  g_test_add_func ("/frontline/export-dialog/paper", test_paper);
  g_test_add_func ("/frontline/export-dialog/default-name", test_default_name);
  g_test_add_func ("/frontline/export-dialog/default-folder", test_default_folder);

  ret = g_test_run ();

  frontline_basemap_source_shutdown ();
  g_clear_object (&app);

  return ret;
}
