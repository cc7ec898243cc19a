/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-export-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "frontline-export-dialog.h"
#include "frontline-export-preview.h"

/* Export…: the format, a size, the decorations, then the file; the export
 * itself runs in a worker (frontline_export_to_file_async) and the window
 * hears when it is done. The map data's credit is always drawn. */

typedef struct {
  const char *label;
  double      width;   /* 0: the map's size on screen */
  double      height;
} SizePreset;

static const SizePreset presets[] = {
  { N_("As on Screen"), 0, 0 },
  { N_("Full HD, 1920 × 1080"), 1920, 1080 },
  { N_("4K, 3840 × 2160"), 3840, 2160 },
  { N_("A4 Landscape, 300 dpi"), 3508, 2480 },
  { N_("A3 Landscape, 300 dpi"), 4961, 3508 },
  { N_("Custom"), -1, -1 },
};

/* PDF pages are paper: ISO 216 and US Letter, in points (1/72 inch). */
#define MM_TO_PT(mm) ((mm) * 72.0 / 25.4)

static const SizePreset papers[] = {
  { N_("A4 Landscape"), MM_TO_PT (297), MM_TO_PT (210) },
  { N_("A4 Portrait"), MM_TO_PT (210), MM_TO_PT (297) },
  { N_("A3 Landscape"), MM_TO_PT (420), MM_TO_PT (297) },
  { N_("A3 Portrait"), MM_TO_PT (297), MM_TO_PT (420) },
  { N_("Letter Landscape"), 792, 612 },
  { N_("Letter Portrait"), 612, 792 },
};


typedef struct {
  GtkWindow              *parent;
  FrontlineExportRequest  request;
  gboolean                all_dates;
  FrontlineExportDone     done;
  gpointer                user_data;

  AdwComboRow            *format_row;
  AdwComboRow            *size_row;
  GtkSpinButton          *width_spin;
  GtkSpinButton          *height_spin;
  GtkSwitch              *title_switch;
  GtkSwitch              *legend_switch;
  GtkSwitch              *scale_switch;
  GtkSwitch              *sources_switch;
  GtkSwitch              *changes_switch;
  GtkWidget              *custom_row;
  GtkStringList          *size_list;
  GtkStringList          *paper_list;
  FrontlineExportPreview *preview;
  GSettings              *settings;

  FrontlineExportOptions  options;
  gboolean                compare;  /* gains and losses in every frame */
  GFile                  *target;

  /* While the export runs: a dialog with its progress and Cancel, shown
   * only if it takes long enough to be seen. */
  GCancellable           *cancellable;
  GtkWidget              *progress_dialog;
  GtkProgressBar         *progress_bar;
  guint                   show_id;
  guint                   pulse_id;
  guint                   n_frames;
  guint                   frames_done;   /* atomic: written by the worker */
} ExportJob;

/* The day the gains and losses of @day are counted from: the compare
 * mode's, for the date on screen, or else the previous data date. */
static FrontlineDay
compare_day_for (ExportJob    *job,
                 FrontlineDay  day)
{
  FrontlineDataset *dataset = job->request.dataset;

  if (job->request.compare_from != FRONTLINE_DAY_NONE && day == job->request.day)
    return job->request.compare_from;
  return frontline_dataset_get_previous_day (dataset, frontline_dataset_get_data_day_for (dataset, day));
}

static void stop_progress    (ExportJob *job);
static void export_job_start (ExportJob *job);

static void
export_job_free (ExportJob *job)
{
  stop_progress (job);
  g_clear_object (&job->size_list);
  g_clear_object (&job->paper_list);
  g_clear_object (&job->settings);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->request.dataset);
  g_clear_pointer (&job->request.mbtiles, g_free);
  g_clear_pointer (&job->request.basemap_credit, g_free);
  g_clear_object (&job->request.tiles);
  g_clear_object (&job->target);
  g_free (job);
}

/**
 * frontline_export_request_init_for_state:
 * @request: (out caller-allocates): the request to fill
 * @state: what the window shows
 *
 * Starts a request from what @state shows: its dataset (borrowed), date,
 * comparison and view. The basemap, the style and the tiles are the caller's
 * to add.
 */
void
frontline_export_request_init_for_state (FrontlineExportRequest *request,
                                         FrontlineViewState     *state)
{
  g_return_if_fail (request != NULL);
  g_return_if_fail (FRONTLINE_IS_VIEW_STATE (state));

  memset (request, 0, sizeof *request);
  request->dataset = frontline_view_state_get_dataset (state);
  request->day = frontline_view_state_get_day (state);
  request->view = *frontline_view_state_get_view (state);
  /* In compare mode the export shows the same gains and losses. */
  request->compare_from = frontline_view_state_get_compare_from (state);
}

/**
 * frontline_export_options_init_for_state:
 * @options: (out caller-allocates): the options to fill
 * @state: what the window shows, with a dataset
 * @width: the output's width, pixels for PNG, points for SVG and PDF
 * @height: its height
 *
 * PNG options that show what @state shows: its dataset, date, comparison
 * and the extent of its view at @width × @height, as
 * frontline_export_request_to_options() frames it. Before the map reported
 * a view, the dataset's own.
 */
void
frontline_export_options_init_for_state (FrontlineExportOptions *options,
                                         FrontlineViewState     *state,
                                         double                  width,
                                         double                  height)
{
  FrontlineExportRequest request;

  g_return_if_fail (options != NULL);
  g_return_if_fail (FRONTLINE_IS_VIEW_STATE (state));
  g_return_if_fail (frontline_view_state_get_dataset (state) != NULL);

  frontline_export_request_init_for_state (&request, state);
  if (request.view.width > 0 && request.view.height > 0)
    frontline_export_request_to_options (&request, width, height, FRONTLINE_EXPORT_PNG, options);
  else
    {
      frontline_export_options_init (options, request.dataset, width, height, 1.0);
      options->day = request.day;
    }
  options->compare_from = request.compare_from;
}

/**
 * frontline_export_request_to_options:
 * @width: the output's width, pixels for PNG, points for SVG and PDF
 *
 * Options that show the extent on screen at @width × @height: the zoom
 * stays, the scale grows with the size, so a large export is sharper
 * rather than wider.
 */
void
frontline_export_request_to_options (const FrontlineExportRequest *request,
                                     double                        width,
                                     double                        height,
                                     FrontlineExportFormat         format,
                                     FrontlineExportOptions       *options)
{
  double scale = MIN (width / MAX (request->view.width, 1.0), height / MAX (request->view.height, 1.0));

  frontline_export_options_init (options, request->dataset, width, height, MAX (scale, 0.25));
  options->day = request->day;
  options->format = format;
  options->dark = request->dark;
  options->mbtiles = request->mbtiles;
  options->basemap_credit = request->basemap_credit;
  options->tiles = request->tiles != NULL ? frontline_tile_source_get_fetcher (request->tiles) : NULL;
  options->view.center_lon = request->view.center_lon;
  options->view.center_lat = request->view.center_lat;
  options->view.zoom = request->view.zoom;
  options->view.width = width;
  options->view.height = height;
}

static void
show_failure (GtkWindow  *parent,
              GFile      *file,
              GError     *error)
{
  g_autofree char *name = g_file_get_basename (file);
  /* Translators: %s is a file name */
  g_autofree char *heading = g_strdup_printf (_("Could Not Export “%s”"), name);
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
update_progress_cb (gpointer data)
{
  ExportJob *job = data;

  if (job->n_frames > 0)
    {
      guint done = (guint) g_atomic_int_get ((gint *) &job->frames_done);
      /* Translators: the frame being exported, and how many there are */
      g_autofree char *text = g_strdup_printf (_("Frame %u of %u"), MIN (done + 1, job->n_frames), job->n_frames);

      gtk_progress_bar_set_fraction (job->progress_bar, (double) done / job->n_frames);
      gtk_progress_bar_set_text (job->progress_bar, text);
    }
  else
    gtk_progress_bar_pulse (job->progress_bar);

  return G_SOURCE_CONTINUE;
}

static void
on_progress_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         ExportJob        *job)
{
  /* The export stops at its next tile row or frame, and leaves no half file. */
  g_cancellable_cancel (job->cancellable);
}

static gboolean
show_progress_cb (gpointer data)
{
  ExportJob *job = data;
  g_autofree char *name = g_file_get_basename (job->target);
  GtkWidget *bar = gtk_progress_bar_new ();

  job->show_id = 0;
  job->progress_bar = GTK_PROGRESS_BAR (bar);
  gtk_progress_bar_set_show_text (job->progress_bar, job->n_frames > 0);
  gtk_progress_bar_set_pulse_step (job->progress_bar, 0.1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export progress"), -1);

  job->progress_dialog = adw_message_dialog_new (job->parent, _("Exporting…"), name);
  g_object_add_weak_pointer (G_OBJECT (job->progress_dialog), (gpointer *) &job->progress_dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (job->progress_dialog), bar);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (job->progress_dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (job->progress_dialog), "cancel");
  g_signal_connect (job->progress_dialog, "response", G_CALLBACK (on_progress_response_cb), job);
  gtk_window_present (GTK_WINDOW (job->progress_dialog));

  update_progress_cb (job);
  job->pulse_id = g_timeout_add (100, update_progress_cb, job);

  return G_SOURCE_REMOVE;
}

/* Exports of a few hundred milliseconds show nothing but the toast. */
static void
start_progress (ExportJob *job)
{
  job->cancellable = g_cancellable_new ();
  job->show_id = g_timeout_add (400, show_progress_cb, job);
}

static void
stop_progress (ExportJob *job)
{
  g_clear_handle_id (&job->show_id, g_source_remove);
  g_clear_handle_id (&job->pulse_id, g_source_remove);
  if (job->progress_dialog != NULL)
    {
      GtkWidget *dialog = job->progress_dialog;

      g_signal_handlers_disconnect_by_data (dialog, job);
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &job->progress_dialog);
      job->progress_dialog = NULL;
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportJob *job = user_data;
  g_autoptr(GError) error = NULL;

  stop_progress (job);
  /* Cancelled by the user, who needs no dialog to say so. */
  if (!frontline_export_to_file_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_failure (job->parent, job->target, error);
  if (job->done != NULL)
    job->done (job->target, error, job->user_data);

  export_job_free (job);
}

static void
export_all_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(FrontlineExportCache) cache = frontline_export_cache_new ();
  const FrontlineDay *days;
  guint n_days;

  /* The basemap drawn once for every frame. */
  job->options.cache = cache;
  days = frontline_dataset_get_days (job->request.dataset, &n_days);
  for (guint i = 0; i < n_days; i++)
    {
      GError *error = NULL;
      char date[11];
      g_autofree char *name = NULL;
      g_autoptr(GFile) file = NULL;

      /* ISO 8601's basic form, 20240814: frames sort by date, and the
       * names have no dashes. */
      frontline_day_format_buf (days[i], date);
      g_strdelimit (date, "-", '\0');
      name = g_strdup_printf ("%s%s%s.%s", date, date + 5, date + 8,
                              frontline_export_format_get_extension (job->options.format));
      file = g_file_get_child (job->target, name);
      job->options.day = days[i];
      /* Each frame against the one before it. */
      job->options.compare_from = job->compare && i > 0 ? days[i - 1] : FRONTLINE_DAY_NONE;
      g_atomic_int_set ((gint *) &job->frames_done, (gint) i);
      if (!frontline_export_to_file (&job->options, file, TRUE, cancellable, &error))
        {
          job->options.cache = NULL;
          g_task_return_error (task, error);
          return;
        }
    }

  job->options.cache = NULL;
  g_task_return_boolean (task, TRUE);
}

static void
export_all_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  stop_progress (job);
  /* Frames written before a cancel are whole, and stay. */
  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_failure (job->parent, job->target, error);
  if (job->done != NULL)
    job->done (job->target, error, job->user_data);
}

/* The next export opens where this one went. */
static void
remember_folder (ExportJob *job)
{
  g_autoptr(GFile) folder = job->all_dates ? g_object_ref (job->target)
                                           : g_file_get_parent (job->target);
  g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;

  if (path != NULL && job->settings != NULL)
    g_settings_set_string (job->settings, "export-folder", path);
}

static void
on_chooser_response_cb (GtkFileChooserNative *chooser,
                        int                   response,
                        ExportJob            *job)
{
  if (response != GTK_RESPONSE_ACCEPT)
    {
      export_job_free (job);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
      g_object_unref (chooser);
      return;
    }

  job->target = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  remember_folder (job);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);

  export_job_start (job);
}

/* Runs the job in a worker, with its progress shown if it takes a while. */
static void
export_job_start (ExportJob *job)
{
  start_progress (job);
  if (job->all_dates)
    {
      g_autoptr(GTask) task = g_task_new (NULL, job->cancellable, export_all_done_cb, NULL);

      frontline_dataset_get_days (job->request.dataset, &job->n_frames);

      g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
      g_task_run_in_thread (task, export_all_thread);
    }
  else
    /* The chooser asked before replacing a file that exists. */
    frontline_export_to_file_async (&job->options, job->target, TRUE, job->cancellable, export_done_cb, job);
}

static FrontlineExportFormat
job_get_format (ExportJob *job)
{
  static const FrontlineExportFormat formats[] = { FRONTLINE_EXPORT_PNG, FRONTLINE_EXPORT_SVG, FRONTLINE_EXPORT_PDF };

  return formats[MIN (adw_combo_row_get_selected (job->format_row), 2)];
}

/* What the dialog's rows say, at the output's full size. */
static void
job_read_options (ExportJob              *job,
                  FrontlineExportOptions *options)
{
  FrontlineExportFormat format = job_get_format (job);
  guint size = adw_combo_row_get_selected (job->size_row);
  double width;
  double height;

  if (format == FRONTLINE_EXPORT_PDF)
    {
      size = MIN (size, G_N_ELEMENTS (papers) - 1);
      width = papers[size].width;
      height = papers[size].height;
    }
  else
    {
      size = MIN (size, G_N_ELEMENTS (presets) - 1);
      width = presets[size].width;
      height = presets[size].height;
      if (width == 0)
        {
          width = job->request.view.width;
          height = job->request.view.height;
        }
      else if (width < 0)
        {
          width = gtk_spin_button_get_value (job->width_spin);
          height = gtk_spin_button_get_value (job->height_spin);
        }
      /* An SVG drawing is in points: a large pixel size becomes the same
       * shape at 300 pixels to the inch. */
      if (format == FRONTLINE_EXPORT_SVG && width > 2000)
        {
          width *= 72.0 / 300.0;
          height *= 72.0 / 300.0;
        }
    }
  width = MAX (width, 16);
  height = MAX (height, 16);

  frontline_export_request_to_options (&job->request, width, height, format, options);
  options->title = gtk_switch_get_active (job->title_switch);
  options->legend = gtk_switch_get_active (job->legend_switch);
  options->scale_bar = gtk_switch_get_active (job->scale_switch);
  options->sources_strip = gtk_switch_get_active (job->sources_switch);
  options->compare_from = FRONTLINE_DAY_NONE;
  if (gtk_switch_get_active (job->changes_switch))
    options->compare_from = compare_day_for (job, job->request.day);
  options->attribution = TRUE;
}

/**
 * frontline_export_default_name:
 *
 * The name the file chooser offers: the dataset's title and the day in
 * words, as "Kursk incursion 14 August 2024.png" for "Kursk incursion,
 * August 2024 – March 2025" (the title's subtitle left out). No commas and no dashes
 * (ISO dates have them; numeric dates read differently in each country), so
 * it needs no quoting in a shell and reads the same to everyone; no slashes
 * or colons, which some file systems refuse.
 *
 * Returns: (transfer full): the name
 */
char *
frontline_export_default_name (FrontlineDataset      *dataset,
                               FrontlineDay           day,
                               FrontlineExportFormat  format)
{
  static const char *const subtitle_marks[] = { ", ", " – ", " — ", " - ", ": " };
  g_autofree char *date = frontline_day_format_as (day, FRONTLINE_DAY_FORMAT_LONG);
  g_autofree char *title = g_strdup (frontline_dataset_get_title (dataset));
  g_autofree char *raw = NULL;
  GString *name = g_string_new (NULL);

  /* "Kursk incursion, August 2024 – March 2025": the title before its
   * subtitle, which is often the dataset's span and would read as a date. */
  for (guint i = 0; i < G_N_ELEMENTS (subtitle_marks); i++)
    {
      char *mark = strstr (title, subtitle_marks[i]);

      if (mark != NULL && mark != title)
        *mark = '\0';
    }
  raw = g_strdup_printf ("%s %s", title, date);

  for (const char *p = raw; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean gap = g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_DASH_PUNCTUATION ||
                     strchr (",/\\:;", (int) c) != NULL || c == 0x2212 /* minus */ ||
                     c == 0xFF0C /* fullwidth comma */ || c == 0x060C /* Arabic comma */;

      if (c == 0)
        break;
      if (!gap)
        g_string_append_unichar (name, c);
      else if (name->len > 0 && name->str[name->len - 1] != ' ')
        g_string_append_c (name, ' ');
    }
  while (name->len > 0 && name->str[name->len - 1] == ' ')
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_append (name, "map");
  g_string_append_printf (name, ".%s", frontline_export_format_get_extension (format));

  return g_string_free (name, FALSE);
}

/**
 * frontline_export_default_folder:
 * @settings: the application's settings
 *
 * Where the file chooser opens: the folder of the last export while it
 * exists, else the Pictures folder, else the home folder.
 *
 * Returns: (transfer full): the folder
 */
GFile *
frontline_export_default_folder (GSettings *settings)
{
  g_autofree char *last = g_settings_get_string (settings, "export-folder");
  const char *pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);

  if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (last);
  if (pictures != NULL && g_file_test (pictures, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (pictures);
  return g_file_new_for_path (g_get_home_dir ());
}

static void
on_dialog_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       ExportJob        *job)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GFile) folder = NULL;

  frontline_export_preview_cancel (job->preview);
  g_object_set_data (G_OBJECT (dialog), "frontline-export-job", NULL);

  if (!g_str_equal (response, "export"))
    {
      export_job_free (job);
      return;
    }

  job_read_options (job, &job->options);
  job->compare = gtk_switch_get_active (job->changes_switch);
  if (job->all_dates)
    job->options.compare_from = FRONTLINE_DAY_NONE;

  chooser = gtk_file_chooser_native_new (job->all_dates ? _("Export All Dates To") : _("Export Map"),
                                         job->parent,
                                         job->all_dates ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                        : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  folder = frontline_export_default_folder (job->settings);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  if (!job->all_dates)
    {
      g_autofree char *name = frontline_export_default_name (job->request.dataset, job->request.day,
                                                             job->options.format);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The preview follows every option. */
static void
schedule_preview (ExportJob *job)
{
  FrontlineExportOptions options;

  job_read_options (job, &options);
  frontline_export_preview_set_options (job->preview, &options);
}

static void
on_option_changed_cb (GObject    *object,
                      GParamSpec *pspec,
                      ExportJob  *job)
{
  schedule_preview (job);
}

static void
on_spin_changed_cb (GtkSpinButton *spin,
                    ExportJob     *job)
{
  schedule_preview (job);
}

/* PDF pages come in paper sizes; pictures in pixels. */
static void
on_format_changed_cb (AdwComboRow *row,
                      GParamSpec  *pspec,
                      ExportJob   *job)
{
  GListModel *wanted = G_LIST_MODEL (job_get_format (job) == FRONTLINE_EXPORT_PDF ? job->paper_list
                                                                                  : job->size_list);

  if (adw_combo_row_get_model (job->size_row) != wanted)
    {
      adw_combo_row_set_model (job->size_row, wanted);
      adw_combo_row_set_selected (job->size_row, 0);
    }
  schedule_preview (job);
}

/* The custom size is shown only when chosen. */
static void
on_size_changed_cb (AdwComboRow *row,
                    GParamSpec  *pspec,
                    ExportJob   *job)
{
  gtk_widget_set_visible (job->custom_row,
                          job_get_format (job) != FRONTLINE_EXPORT_PDF &&
                          adw_combo_row_get_selected (row) == G_N_ELEMENTS (presets) - 1);
  schedule_preview (job);
}

static GtkSwitch *
add_switch_row (GtkWidget  *list,
                const char *title,
                gboolean    active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  return GTK_SWITCH (toggle);
}

static ExportJob *
export_job_new (GtkWindow                    *parent,
                const FrontlineExportRequest *request,
                gboolean                      all_dates,
                FrontlineExportDone           done,
                gpointer                      user_data)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  job->parent = parent;
  job->request = *request;
  g_object_ref (job->request.dataset);
  job->request.mbtiles = g_strdup (request->mbtiles);
  job->request.basemap_credit = g_strdup (request->basemap_credit);
  if (request->tiles != NULL)
    g_object_ref (request->tiles);
  job->all_dates = all_dates;
  job->done = done;
  job->user_data = user_data;

  return job;
}

/**
 * frontline_export_start:
 * @options: what to draw; its strings and objects may be those of @request
 * @target: the file, or with @all_dates the folder, which is replaced
 *
 * Exports in a worker, as the dialog does once it knows the file: with a
 * progress dialog and Cancel when it takes a while, a dialog on failure, and
 * @done at the end.
 */
void
frontline_export_start (GtkWindow                    *parent,
                        const FrontlineExportRequest *request,
                        const FrontlineExportOptions *options,
                        GFile                        *target,
                        gboolean                      all_dates,
                        FrontlineExportDone           done,
                        gpointer                      user_data)
{
  ExportJob *job = export_job_new (parent, request, all_dates, done, user_data);

  job->options = *options;
  job->options.dataset = job->request.dataset;
  job->options.mbtiles = job->request.mbtiles;
  job->options.basemap_credit = job->request.basemap_credit;
  job->options.tiles = job->request.tiles != NULL ? frontline_tile_source_get_fetcher (job->request.tiles) : NULL;
  job->options.missing_tiles = NULL;
  job->target = g_object_ref (target);
  export_job_start (job);
}

/**
 * frontline_export_dialog_new:
 * @all_dates: a frame per data date into a folder, named by date
 *
 * The dialog that asks how to export the map on screen, with a preview of
 * the result; its Export… asks where, and exports in a worker.
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
GtkWidget *
frontline_export_dialog_new (GtkWindow                    *parent,
                             const FrontlineExportRequest *request,
                             gboolean                      all_dates,
                             FrontlineExportDone           done,
                             gpointer                      user_data)
{
  ExportJob *job = export_job_new (parent, request, all_dates, done, user_data);
  g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *box;

  job->settings = g_settings_new (BASE_APP_ID);
  dialog = adw_message_dialog_new (parent, all_dates ? _("Export All Dates") : _("Export Map"),
                                   all_dates ? _("A picture of the view on screen for every date with data, named by date.")
                                             : _("A picture of the view on screen, with the date, the legend, a scale and the credits."));

  /* What will be written, redrawn as the options change. */
  job->preview = FRONTLINE_EXPORT_PREVIEW (frontline_export_preview_new ());

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  gtk_string_list_append (formats, _("PNG Image"));
  gtk_string_list_append (formats, _("SVG Drawing"));
  gtk_string_list_append (formats, _("PDF Document"));
  job->format_row = ADW_COMBO_ROW (adw_combo_row_new ());
  gtk_widget_set_name (GTK_WIDGET (job->format_row), "export-format");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (job->format_row), _("Format"));
  adw_combo_row_set_model (job->format_row, G_LIST_MODEL (formats));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (job->format_row));

  job->size_list = gtk_string_list_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    gtk_string_list_append (job->size_list, _(presets[i].label));
  job->paper_list = gtk_string_list_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    gtk_string_list_append (job->paper_list, _(papers[i].label));
  job->size_row = ADW_COMBO_ROW (adw_combo_row_new ());
  gtk_widget_set_name (GTK_WIDGET (job->size_row), "export-size");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (job->size_row), _("Size"));
  adw_combo_row_set_model (job->size_row, G_LIST_MODEL (job->size_list));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (job->size_row));

  job->custom_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (job->custom_row), _("Custom Size"));
  job->width_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (16, 20000, 10));
  job->height_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (16, 20000, 10));
  gtk_spin_button_set_value (job->width_spin, 2400);
  gtk_spin_button_set_value (job->height_spin, 1600);
  gtk_widget_set_valign (GTK_WIDGET (job->width_spin), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (job->height_spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (job->width_spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Width"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (job->height_spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Height"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (job->custom_row), GTK_WIDGET (job->width_spin));
  adw_action_row_add_suffix (ADW_ACTION_ROW (job->custom_row), GTK_WIDGET (job->height_spin));
  gtk_list_box_append (GTK_LIST_BOX (list), job->custom_row);

  job->title_switch = add_switch_row (list, _("Title and Date"), TRUE);
  job->legend_switch = add_switch_row (list, _("Legend"), TRUE);
  job->scale_switch = add_switch_row (list, _("Scale Bar"), TRUE);
  job->sources_switch = add_switch_row (list, _("Sources of the Date"), FALSE);
  job->changes_switch = add_switch_row (list, all_dates ? _("Gains and Losses Since the Previous Date")
                                                        : _("Gains and Losses"),
                                        request->compare_from != FRONTLINE_DAY_NONE);
  gtk_widget_set_name (GTK_WIDGET (job->legend_switch), "export-legend");

  g_signal_connect (job->format_row, "notify::selected", G_CALLBACK (on_format_changed_cb), job);
  g_signal_connect (job->size_row, "notify::selected", G_CALLBACK (on_size_changed_cb), job);
  g_signal_connect (job->width_spin, "value-changed", G_CALLBACK (on_spin_changed_cb), job);
  g_signal_connect (job->height_spin, "value-changed", G_CALLBACK (on_spin_changed_cb), job);
  g_signal_connect (job->title_switch, "notify::active", G_CALLBACK (on_option_changed_cb), job);
  g_signal_connect (job->legend_switch, "notify::active", G_CALLBACK (on_option_changed_cb), job);
  g_signal_connect (job->scale_switch, "notify::active", G_CALLBACK (on_option_changed_cb), job);
  g_signal_connect (job->sources_switch, "notify::active", G_CALLBACK (on_option_changed_cb), job);
  g_signal_connect (job->changes_switch, "notify::active", G_CALLBACK (on_option_changed_cb), job);
  on_size_changed_cb (job->size_row, NULL, job);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (job->preview));
  gtk_box_append (GTK_BOX (box), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Export…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_dialog_response_cb), job);
  g_object_set_data (G_OBJECT (dialog), "frontline-export-job", job);

  return dialog;
}

/**
 * frontline_export_dialog_get_options:
 * @dialog: a dialog from frontline_export_dialog_new(), before its response
 * @options: (out caller-allocates): what its rows say; the strings and
 *   objects are the dialog's
 */
void
frontline_export_dialog_get_options (GtkWidget              *dialog,
                                     FrontlineExportOptions *options)
{
  ExportJob *job = g_object_get_data (G_OBJECT (dialog), "frontline-export-job");

  g_return_if_fail (job != NULL);
  job_read_options (job, options);
}

/**
 * frontline_export_dialog_run:
 * @all_dates: a frame per data date into a folder, named by date
 *
 * Asks how to export the map on screen, then where, and exports in a worker.
 */
void
frontline_export_dialog_run (GtkWindow                    *parent,
                             const FrontlineExportRequest *request,
                             gboolean                      all_dates,
                             FrontlineExportDone           done,
                             gpointer                      user_data)
{
  GtkWidget *dialog = frontline_export_dialog_new (parent, request, all_dates, done, user_data);

  gtk_window_present (GTK_WINDOW (dialog));
}
