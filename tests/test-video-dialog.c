/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "frontline-basemap-source.h"
#include "frontline-test-data.h"
#include "frontline-test-utils.h"
#include "frontline-video-dialog.h"
#include "frontline-window.h"

static FrontlineApplication *app;

/* The Kursk dataset: 21 data dates from 2024-08-06 to 2025-03-20, 227 days. */
#define KURSK "kursk-2024-2025.geojson"

static FrontlineDataset *kursk;

static FrontlineDataset *
get_kursk (void)
{
  if (kursk == NULL)
    kursk = frontline_test_load_bundled (KURSK);
  return kursk;
}

static gpointer
get_child (FrontlineVideoDialog *dialog,
           const char           *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (dialog), FRONTLINE_TYPE_VIDEO_DIALOG, name);

  g_assert_nonnull (child);
  return child;
}

static FrontlineVideoDialog *
new_dialog (FrontlineExportRequest *request)
{
  FrontlineDataset *dataset = get_kursk ();

  memset (request, 0, sizeof *request);
  request->dataset = dataset;
  request->day = frontline_dataset_get_last_day (dataset);
  request->view = (FrontlineView) { 35.2, 51.3, 9.0, 800, 600 };
  request->compare_from = FRONTLINE_DAY_NONE;
  request->dark = TRUE;
  return g_object_ref_sink (frontline_video_dialog_new (NULL, request, NULL, NULL));
}

static const char *
selected_string (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  g_assert_nonnull (item);
  return gtk_string_object_get_string (item);
}

static void
test_defaults (void)
{
  FrontlineExportRequest request;
  g_autoptr(FrontlineVideoDialog) dialog = new_dialog (&request);
  FrontlineDataset *dataset = get_kursk ();
  FrontlineVideoOptions options;
  guint n_days = 0;

  frontline_dataset_get_days (dataset, &n_days);
  g_assert_cmpuint (n_days, ==, 21);

  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_cmpuint (adw_combo_row_get_selected (get_child (dialog, "format_row")), ==, 0);
  g_assert_cmpstr (selected_string (get_child (dialog, "format_row")), ==, "WebM");
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (get_child (dialog, "size_row"))), ==, 4);
  g_assert_cmpstr (selected_string (get_child (dialog, "size_row")), ==, "1920 × 1080");
  g_assert_false (gtk_widget_get_visible (get_child (dialog, "custom_row")));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (get_child (dialog, "from_row"))), ==, 21);
  g_assert_cmpstr (selected_string (get_child (dialog, "from_row")), ==, "6 Aug 2024");
  g_assert_cmpstr (selected_string (get_child (dialog, "to_row")), ==, "20 Mar 2025");
  g_assert_cmpstr (selected_string (get_child (dialog, "fps_row")), ==, "30 fps");
  g_assert_false (gtk_switch_get_active (get_child (dialog, "fit_switch")));
  g_assert_false (gtk_switch_get_active (get_child (dialog, "fade_switch")));
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (get_child (dialog, "speed_spin")), 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (get_child (dialog, "hold_spin")), 2.0, 1e-9);

  /* The options: the map as on screen, sharper at the video's size, in the
   * window's style. */
  frontline_video_dialog_get_options (dialog, &options);
  g_assert_true (options.picture.dataset == dataset);
  g_assert_cmpint (options.format, ==, FRONTLINE_VIDEO_WEBM);
  g_assert_cmpuint (options.first, ==, frontline_dataset_get_first_day (dataset));
  g_assert_cmpuint (options.last, ==, frontline_dataset_get_last_day (dataset));
  g_assert_cmpuint (options.fps, ==, 30);
  g_assert_cmpfloat_with_epsilon (options.seconds_per_day, 0.2, 1e-9);
  g_assert_cmpfloat (options.cross_fade, ==, 0);
  g_assert_cmpfloat_with_epsilon (options.hold, 2.0, 1e-9);
  g_assert_cmpfloat (options.picture.view.width, ==, 1920);
  g_assert_cmpfloat (options.picture.view.height, ==, 1080);
  g_assert_cmpfloat (options.picture.view.center_lon, ==, 35.2);
  g_assert_cmpfloat (options.picture.view.center_lat, ==, 51.3);
  g_assert_cmpfloat (options.picture.view.zoom, ==, 9.0);
  g_assert_cmpfloat_with_epsilon (options.picture.scale, 1.8, 1e-9);
  g_assert_true (options.picture.dark);
  g_assert_cmpuint (options.picture.compare_from, ==, FRONTLINE_DAY_NONE);

  /* Cross-fade is half a second; Fit to the Data fits the dataset. */
  gtk_switch_set_active (get_child (dialog, "fade_switch"), TRUE);
  gtk_switch_set_active (get_child (dialog, "fit_switch"), TRUE);
  frontline_video_dialog_get_options (dialog, &options);
  g_assert_cmpfloat_with_epsilon (options.cross_fade, 0.5, 1e-9);
  {
    FrontlineView fitted;

    frontline_export_fit_view (dataset, 1920, 1080, &fitted);
    g_assert_cmpfloat_with_epsilon (options.picture.view.zoom, fitted.zoom, 1e-9);
    g_assert_cmpfloat_with_epsilon (options.picture.view.center_lon, fitted.center_lon, 1e-9);
    g_assert_cmpfloat (options.picture.view.width, ==, 1920);
  }

  /* The briefing's stops: a tour of the six stops, each held for the hold;
   * no range of dates, speed or fade to choose. */
  g_assert_null (options.tour);
  g_assert_true (gtk_widget_get_visible (get_child (dialog, "stops_row")));
  gtk_switch_set_active (get_child (dialog, "stops_switch"), TRUE);
  g_assert_false (gtk_widget_get_sensitive (get_child (dialog, "from_row")));
  g_assert_false (gtk_widget_get_sensitive (get_child (dialog, "speed_spin")));
  frontline_video_dialog_get_options (dialog, &options);
  g_assert_nonnull (options.tour);
  g_assert_cmpuint (frontline_tour_get_n_stops (options.tour), ==, 6);
  g_assert_cmpuint (frontline_video_count_frames (&options), ==,
                    (guint) llround (frontline_tour_get_duration (options.tour) * 30));
  g_clear_object (&options.tour);
  gtk_switch_set_active (get_child (dialog, "stops_switch"), FALSE);
  g_assert_true (gtk_widget_get_sensitive (get_child (dialog, "from_row")));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* GIF has its own sizes and rates, and no custom size; back to MP4, the
 * video's. */
static void
test_gif_presets (void)
{
  FrontlineExportRequest request;
  g_autoptr(FrontlineVideoDialog) dialog = new_dialog (&request);
  AdwComboRow *size_row = get_child (dialog, "size_row");
  AdwComboRow *fps_row = get_child (dialog, "fps_row");
  FrontlineVideoOptions options;
  const char *gif_sizes[] = { "640 × 360", "960 × 540", "1280 × 720" };
  const char *gif_rates[] = { "10 fps", "15 fps", "20 fps", "25 fps" };

  adw_combo_row_set_selected (get_child (dialog, "format_row"), 2);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (size_row)), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (gif_sizes); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (adw_combo_row_get_model (size_row), i);

      g_assert_cmpstr (gtk_string_object_get_string (item), ==, gif_sizes[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (gif_rates); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (adw_combo_row_get_model (fps_row), i);

      g_assert_cmpstr (gtk_string_object_get_string (item), ==, gif_rates[i]);
    }
  g_assert_cmpstr (selected_string (size_row), ==, "960 × 540");
  g_assert_cmpstr (selected_string (fps_row), ==, "10 fps");
  frontline_video_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.format, ==, FRONTLINE_VIDEO_GIF);
  g_assert_cmpfloat (options.picture.view.width, ==, 960);
  g_assert_cmpfloat (options.picture.view.height, ==, 540);
  g_assert_cmpuint (options.fps, ==, 10);

  /* 1280 × 720 is in both lists, and stays. */
  adw_combo_row_set_selected (size_row, 2);
  adw_combo_row_set_selected (get_child (dialog, "format_row"), 1);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (size_row)), ==, 4);
  g_assert_cmpstr (selected_string (size_row), ==, "1280 × 720");
  g_assert_cmpstr (selected_string (fps_row), ==, "30 fps");

  /* Custom: even sizes only. */
  adw_combo_row_set_selected (size_row, 3);
  g_assert_true (gtk_widget_get_visible (get_child (dialog, "custom_row")));
  gtk_spin_button_set_value (get_child (dialog, "width_spin"), 1001);
  gtk_spin_button_set_value (get_child (dialog, "height_spin"), 600);
  frontline_video_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.format, ==, FRONTLINE_VIDEO_MP4);
  g_assert_cmpfloat (options.picture.view.width, ==, 1000);
  g_assert_cmpfloat (options.picture.view.height, ==, 600);
  g_assert_cmpuint (options.fps, ==, 30);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* From is never after To; the range can start and end on any data date. */
static void
test_range (void)
{
  FrontlineExportRequest request;
  g_autoptr(FrontlineVideoDialog) dialog = new_dialog (&request);
  FrontlineDataset *dataset = get_kursk ();
  guint n_days;
  const FrontlineDay *days = frontline_dataset_get_days (dataset, &n_days);
  FrontlineVideoOptions options;

  adw_combo_row_set_selected (get_child (dialog, "from_row"), 3);
  adw_combo_row_set_selected (get_child (dialog, "to_row"), 7);
  frontline_video_dialog_get_options (dialog, &options);
  g_assert_cmpuint (options.first, ==, days[3]);
  g_assert_cmpuint (options.last, ==, days[7]);

  adw_combo_row_set_selected (get_child (dialog, "from_row"), 10);
  g_assert_cmpuint (adw_combo_row_get_selected (get_child (dialog, "to_row")), ==, 10);
  adw_combo_row_set_selected (get_child (dialog, "to_row"), 2);
  g_assert_cmpuint (adw_combo_row_get_selected (get_child (dialog, "from_row")), ==, 2);
  frontline_video_dialog_get_options (dialog, &options);
  g_assert_cmpuint (options.first, ==, days[2]);
  g_assert_cmpuint (options.last, ==, days[2]);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The speed row says how long the video lasts, and follows the speed. */
static void
test_length_subtitle (void)
{
  FrontlineExportRequest request;
  g_autoptr(FrontlineVideoDialog) dialog = new_dialog (&request);
  AdwActionRow *row = get_child (dialog, "speed_row");

  /* 227 days at 0.2 s and 30 fps: 1362 frames, then 60 held: 47.4 s. */
  g_assert_true (g_pattern_match_simple ("47 seconds, 1*422 frames", adw_action_row_get_subtitle (row)));
  gtk_spin_button_set_value (get_child (dialog, "speed_spin"), 0.4);
  /* 2724 + 60 frames: 92.8 s. */
  g_assert_true (g_pattern_match_simple ("1 minute 33 seconds, 2*784 frames", adw_action_row_get_subtitle (row)));
  gtk_spin_button_set_value (get_child (dialog, "hold_spin"), 0);
  /* 2724 frames: 90.8 s. */
  g_assert_true (g_pattern_match_simple ("1 minute 31 seconds, 2*724 frames", adw_action_row_get_subtitle (row)));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
assert_controls_named (GtkWidget *widget)
{
  if (GTK_IS_SPIN_BUTTON (widget) || GTK_IS_SWITCH (widget))
    {
      if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
        g_error ("%s %s has no accessible name", G_OBJECT_TYPE_NAME (widget),
                 gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)));
    }
  if (ADW_IS_PREFERENCES_ROW (widget))
    {
      /* Each row is named, and reachable by its mnemonic. */
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), !=, "");
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_controls_named (child);
}

static void
test_accessible (void)
{
  FrontlineExportRequest request;
  g_autoptr(FrontlineVideoDialog) dialog = new_dialog (&request);
  const char *rows[] = { "format_row", "size_row", "from_row", "to_row", "fit_row", "speed_row",
                         "fps_row", "fade_row", "hold_row" };

  assert_controls_named (GTK_WIDGET (dialog));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_assert_true (adw_preferences_row_get_use_underline (get_child (dialog, rows[i])));
  g_assert_true (gtk_test_accessible_has_property (get_child (dialog, "speed_spin"), GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_true (gtk_test_accessible_has_property (get_child (dialog, "fade_switch"), GTK_ACCESSIBLE_PROPERTY_LABEL));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_default_name (void)
{
  FrontlineDataset *dataset = get_kursk ();
  g_autofree char *webm = frontline_video_dialog_default_name (dataset, frontline_dataset_get_first_day (dataset),
                                                               frontline_dataset_get_last_day (dataset),
                                                               FRONTLINE_VIDEO_WEBM);
  g_autofree char *gif = frontline_video_dialog_default_name (dataset, frontline_dataset_get_first_day (dataset),
                                                              frontline_dataset_get_first_day (dataset) + 9,
                                                              FRONTLINE_VIDEO_GIF);

  g_assert_cmpstr (webm, ==, "Kursk incursion 6 August 2024 to 20 March 2025.webm");
  g_assert_cmpstr (gif, ==, "Kursk incursion 6 August 2024 to 15 August 2024.gif");
}

/* The format, size, speed, rate and cross-fade of the last export are
 * offered again. */
static void
test_remembers (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  FrontlineExportRequest request;
  g_autoptr(FrontlineVideoDialog) dialog = NULL;

  g_settings_set_string (settings, "video-format", "gif");
  g_settings_set (settings, "video-size", "(uu)", 1280, 720);
  g_settings_set_uint (settings, "video-fps", 20);
  g_settings_set_double (settings, "video-seconds-per-day", 0.5);
  g_settings_set_boolean (settings, "video-cross-fade", TRUE);

  dialog = new_dialog (&request);
  g_assert_cmpstr (selected_string (get_child (dialog, "format_row")), ==, "Animated GIF");
  g_assert_cmpstr (selected_string (get_child (dialog, "size_row")), ==, "1280 × 720");
  g_assert_cmpstr (selected_string (get_child (dialog, "fps_row")), ==, "20 fps");
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (get_child (dialog, "speed_spin")), 0.5, 1e-9);
  g_assert_true (gtk_switch_get_active (get_child (dialog, "fade_switch")));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A size of no preset is Custom. */
  g_settings_set_string (settings, "video-format", "mp4");
  g_settings_set (settings, "video-size", "(uu)", 1000, 500);
  g_clear_object (&dialog);
  dialog = new_dialog (&request);
  g_assert_cmpstr (selected_string (get_child (dialog, "size_row")), ==, "Custom");
  g_assert_true (gtk_widget_get_visible (get_child (dialog, "custom_row")));
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_settings_reset (settings, "video-format");
  g_settings_reset (settings, "video-size");
  g_settings_reset (settings, "video-fps");
  g_settings_reset (settings, "video-seconds-per-day");
  g_settings_reset (settings, "video-cross-fade");
}

typedef struct {
  gboolean  done;
  GError   *error;
  GFile    *file;
} Outcome;

static void
on_done (GFile        *file,
         const GError *error,
         gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->done = TRUE;
  outcome->error = error ? g_error_copy (error) : NULL;
  outcome->file = g_object_ref (file);
}

static gboolean
is_done_cb (gpointer data)
{
  return ((Outcome *) data)->done;
}

static FrontlineVideoDialog *
new_small_dialog (GtkWindow              *parent,
                  FrontlineExportRequest *request,
                  Outcome                *outcome)
{
  FrontlineVideoDialog *dialog;

  memset (request, 0, sizeof *request);
  request->dataset = get_kursk ();
  request->day = frontline_dataset_get_last_day (request->dataset);
  request->view = (FrontlineView) { 35.2, 51.3, 9.0, 320, 180 };
  request->compare_from = FRONTLINE_DAY_NONE;
  dialog = frontline_video_dialog_new (parent, request, on_done, outcome);
  adw_combo_row_set_selected (get_child (dialog, "format_row"), 2);
  adw_combo_row_set_selected (get_child (dialog, "size_row"), 0);
  adw_combo_row_set_selected (get_child (dialog, "to_row"), 3);
  gtk_spin_button_set_value (get_child (dialog, "hold_spin"), 0);
  return dialog;
}

/* Export… writes the video, with progress, and says so; Cancel leaves no file. */
static void
test_export (void)
{
  FrontlineWindow *window = frontline_window_new (app);
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "video-dialog.gif", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  FrontlineExportRequest request;
  Outcome outcome = { 0 };
  FrontlineVideoDialog *dialog;

  gtk_window_present (GTK_WINDOW (window));
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_unlink (path);

  dialog = new_small_dialog (GTK_WINDOW (window), &request, &outcome);
  gtk_window_present (GTK_WINDOW (dialog));
  frontline_video_dialog_export_to (dialog, file, FALSE);
  frontline_test_wait_until (is_done_cb, &outcome, 60000);
  g_assert_no_error (outcome.error);
  g_assert_true (g_file_query_exists (file, NULL));
  g_clear_object (&outcome.file);

  /* Cancelled at once: no file, no error dialog. */
  g_unlink (path);
  outcome = (Outcome) { 0 };
  dialog = new_small_dialog (GTK_WINDOW (window), &request, &outcome);
  gtk_window_present (GTK_WINDOW (dialog));
  frontline_video_dialog_export_to (dialog, file, FALSE);
  {
    GtkWindow *progress = frontline_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);

    g_assert_true (gtk_window_get_transient_for (progress) == GTK_WINDOW (window));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (progress), "cancel");
  }
  frontline_test_wait_until (is_done_cb, &outcome, 60000);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&outcome.error);
  g_clear_object (&outcome.file);
  g_assert_false (g_file_query_exists (file, NULL));
  g_assert_null (frontline_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  frontline_test_close_all ();
}

static gboolean
video_action_enabled_cb (gpointer data)
{
  return frontline_test_action_enabled (GTK_WIDGET (data), "export-video");
}

/* Ctrl+Shift+E opens the dialog over the window, once it has a dataset. */
static void
test_window_action (void)
{
  FrontlineWindow *window = frontline_window_new (app);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets", KURSK, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_auto(GStrv) accels = NULL;
  GtkWindow *dialog;

  gtk_window_present (GTK_WINDOW (window));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.export-video");
  g_assert_cmpstr (accels[0], ==, "<Shift><Control>e");
  g_assert_false (frontline_test_action_enabled (GTK_WIDGET (window), "export-video"));

  frontline_window_open (window, file);
  frontline_test_wait_until (video_action_enabled_cb, window, 20000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-video", NULL));
  dialog = frontline_test_wait_for_toplevel (FRONTLINE_TYPE_VIDEO_DIALOG);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (dialog));

  frontline_test_close_all ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  frontline_gtk_test_init (&argc, &argv, NULL);

  app = frontline_test_application_new ();

  g_test_add_func ("/frontline/video-dialog/defaults", test_defaults);
  g_test_add_func ("/frontline/video-dialog/gif-presets", test_gif_presets);
  g_test_add_func ("/frontline/video-dialog/range", test_range);
  g_test_add_func ("/frontline/video-dialog/length-subtitle", test_length_subtitle);
  g_test_add_func ("/frontline/video-dialog/accessible", test_accessible);
  g_test_add_func ("/frontline/video-dialog/default-name", test_default_name);
  g_test_add_func ("/frontline/video-dialog/remembers", test_remembers);
  g_test_add_func ("/frontline/video-dialog/window-action", test_window_action);
  g_test_add_func ("/frontline/video-dialog/export", test_export);

  ret = g_test_run ();

  g_clear_object (&kursk);
  frontline_basemap_source_shutdown ();
  g_clear_object (&app);

  return ret;
}
