/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-video-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "frontline-video-dialog.h"

/* Export Video: the format, size, range of dates and timing of a video of
 * the map on screen (its basemap, style and comparison, as Export… draws
 * it), then where, then the video written in a worker with its progress
 * and Cancel. */

typedef struct {
  guint width;
  guint height;
} Size;

/* The last of each is Custom (width 0), for WebM and MP4 only. */
static const Size video_sizes[] = { { 1280, 720 }, { 1920, 1080 }, { 3840, 2160 }, { 0, 0 } };
static const Size gif_sizes[] = { { 640, 360 }, { 960, 540 }, { 1280, 720 } };
static const guint video_rates[] = { 24, 25, 30, 60 };
static const guint gif_rates[] = { 10, 15, 20, 25 };

#define CROSS_FADE_SECONDS 0.5

struct _FrontlineVideoDialog
{
  AdwWindow               parent_instance;

  AdwComboRow            *format_row;
  AdwComboRow            *size_row;
  AdwActionRow           *custom_row;
  GtkSpinButton          *width_spin;
  GtkSpinButton          *height_spin;
  AdwComboRow            *from_row;
  AdwComboRow            *to_row;
  AdwActionRow           *fit_row;
  GtkSwitch              *fit_switch;
  AdwActionRow           *stops_row;
  GtkSwitch              *stops_switch;
  AdwActionRow           *speed_row;
  GtkSpinButton          *speed_spin;
  AdwComboRow            *fps_row;
  AdwActionRow           *fade_row;
  GtkSwitch              *fade_switch;
  AdwActionRow           *hold_row;
  GtkSpinButton          *hold_spin;

  FrontlineExportRequest  request;   /* its strings and objects are the dialog's */
  const FrontlineDay     *days;      /* the dataset's data dates */
  guint                   n_days;
  GSettings              *settings;
  gboolean                is_gif;    /* the lists below are GIF's */
  FrontlineExportDone     done;
  gpointer                done_data;
};

G_DEFINE_FINAL_TYPE (FrontlineVideoDialog, frontline_video_dialog, ADW_TYPE_WINDOW)

/* One export, once the dialog has closed: it outlives the dialog. */
typedef struct {
  GtkWindow              *parent;   /* weak */
  FrontlineExportRequest  request;
  FrontlineVideoOptions   options;
  GFile                  *file;
  GCancellable           *cancellable;
  GtkWidget              *progress_dialog;
  GtkProgressBar         *progress_bar;
  guint                   n_frames;
  FrontlineExportDone     done;
  gpointer                done_data;
} VideoJob;

static void
request_copy (FrontlineExportRequest       *to,
              const FrontlineExportRequest *from)
{
  *to = *from;
  g_object_ref (to->dataset);
  to->mbtiles = g_strdup (from->mbtiles);
  to->basemap_credit = g_strdup (from->basemap_credit);
  if (from->tiles != NULL)
    g_object_ref (from->tiles);
}

static void
request_clear (FrontlineExportRequest *request)
{
  g_clear_object (&request->dataset);
  g_clear_pointer (&request->mbtiles, g_free);
  g_clear_pointer (&request->basemap_credit, g_free);
  g_clear_object (&request->tiles);
}

static FrontlineVideoFormat
get_format (FrontlineVideoDialog *self)
{
  return (FrontlineVideoFormat) MIN (adw_combo_row_get_selected (self->format_row), FRONTLINE_VIDEO_GIF);
}

static void
get_size (FrontlineVideoDialog *self,
          guint                *width,
          guint                *height)
{
  guint selected = adw_combo_row_get_selected (self->size_row);

  if (self->is_gif)
    {
      selected = MIN (selected, G_N_ELEMENTS (gif_sizes) - 1);
      *width = gif_sizes[selected].width;
      *height = gif_sizes[selected].height;
      return;
    }
  selected = MIN (selected, G_N_ELEMENTS (video_sizes) - 1);
  *width = video_sizes[selected].width;
  *height = video_sizes[selected].height;
  if (*width == 0)
    {
      /* Encoders take even sizes only. */
      *width = (guint) gtk_spin_button_get_value_as_int (self->width_spin) & ~1u;
      *height = (guint) gtk_spin_button_get_value_as_int (self->height_spin) & ~1u;
    }
}

static guint
get_fps (FrontlineVideoDialog *self)
{
  const guint *rates = self->is_gif ? gif_rates : video_rates;

  return rates[MIN (adw_combo_row_get_selected (self->fps_row), G_N_ELEMENTS (video_rates) - 1)];
}

/**
 * frontline_video_dialog_get_options:
 *
 * The video the rows describe: the map as on screen (or fitted to the
 * data), its style, basemap and comparison as Export… draws them.
 */
void
frontline_video_dialog_get_options (FrontlineVideoDialog  *self,
                                    FrontlineVideoOptions *options)
{
  FrontlineVideoFormat format;
  guint width, height;
  guint from, to;

  g_return_if_fail (FRONTLINE_IS_VIDEO_DIALOG (self));
  g_return_if_fail (options != NULL);

  format = get_format (self);
  get_size (self, &width, &height);

  if (gtk_switch_get_active (self->fit_switch))
    {
      double scale = MAX (1.0, MIN (width / 1920.0, height / 1080.0));

      frontline_video_options_init (options, self->request.dataset, format, width, height, scale);
      frontline_export_fit_view (self->request.dataset, width / scale, height / scale, &options->picture.view);
      options->picture.view.width = width;
      options->picture.view.height = height;
      options->picture.dark = self->request.dark;
      options->picture.mbtiles = self->request.mbtiles;
      options->picture.basemap_credit = self->request.basemap_credit;
      options->picture.tiles = self->request.tiles != NULL ? frontline_tile_source_get_fetcher (self->request.tiles)
                                                           : NULL;
    }
  else
    {
      FrontlineExportOptions picture;

      frontline_video_options_init (options, self->request.dataset, format, width, height, 1.0);
      /* The extent on screen, sharper for a larger video. */
      frontline_export_request_to_options (&self->request, width, height, FRONTLINE_EXPORT_PNG, &picture);
      options->picture = picture;
    }
  options->picture.compare_from = self->request.compare_from;

  from = MIN (adw_combo_row_get_selected (self->from_row), self->n_days - 1);
  to = MIN (adw_combo_row_get_selected (self->to_row), self->n_days - 1);
  options->first = self->days[MIN (from, to)];
  options->last = self->days[MAX (from, to)];
  options->fps = get_fps (self);
  options->seconds_per_day = gtk_spin_button_get_value (self->speed_spin);
  options->cross_fade = gtk_switch_get_active (self->fade_switch) ? CROSS_FADE_SECONDS : 0;
  options->hold = gtk_spin_button_get_value (self->hold_spin);
  /* The briefing: the stops' views, dates and drawings; the hold is each stop's. */
  if (gtk_switch_get_active (self->stops_switch) &&
      g_list_model_get_n_items (frontline_dataset_get_stops (self->request.dataset)) > 0)
    frontline_video_options_set_tour (options, options->hold);
}

/* "1 minute 12 seconds, 2,160 frames" */
static char *
format_length (double duration,
               guint  n_frames)
{
  guint total = (guint) MAX (1, llround (duration));
  guint minutes = total / 60;
  guint seconds = total % 60;
  g_autofree char *length = NULL;
  g_autofree char *frames = NULL;

  if (minutes > 0 && seconds > 0)
    {
      g_autofree char *m = g_strdup_printf (ngettext ("%u minute", "%u minutes", minutes), minutes);
      g_autofree char *s = g_strdup_printf (ngettext ("%u second", "%u seconds", seconds), seconds);

      /* Translators: a video's length, minutes then seconds: "1 minute 12 seconds" */
      length = g_strdup_printf (C_("video length", "%s %s"), m, s);
    }
  else if (minutes > 0)
    length = g_strdup_printf (ngettext ("%u minute", "%u minutes", minutes), minutes);
  else
    length = g_strdup_printf (ngettext ("%u second", "%u seconds", seconds), seconds);

  /* Translators: the number of frames in a video, with thousands separated */
  frames = g_strdup_printf (ngettext ("%'u frame", "%'u frames", n_frames), n_frames);
  /* Translators: a video's length, then its frames: "1 minute 12 seconds, 2,160 frames" */
  return g_strdup_printf (C_("video length", "%s, %s"), length, frames);
}

static void
update_length (FrontlineVideoDialog *self)
{
  FrontlineVideoOptions options;
  g_autofree char *subtitle = NULL;

  frontline_video_dialog_get_options (self, &options);
  subtitle = format_length (frontline_video_get_duration (&options), frontline_video_count_frames (&options));
  adw_action_row_set_subtitle (self->speed_row, subtitle);
  g_clear_object (&options.tour);
}

static GtkStringList *
size_list_new (gboolean gif)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  const Size *sizes = gif ? gif_sizes : video_sizes;
  guint n = gif ? G_N_ELEMENTS (gif_sizes) : G_N_ELEMENTS (video_sizes);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = NULL;

      if (sizes[i].width == 0)
        label = g_strdup (_("Custom"));
      else
        /* Translators: a size in pixels, width × height */
        label = g_strdup_printf (_("%u × %u"), sizes[i].width, sizes[i].height);
      gtk_string_list_append (list, label);
    }
  return list;
}

static GtkStringList *
rate_list_new (gboolean gif)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  const guint *rates = gif ? gif_rates : video_rates;

  for (guint i = 0; i < G_N_ELEMENTS (video_rates); i++)
    {
      /* Translators: frames a second, as in "30 fps" */
      g_autofree char *label = g_strdup_printf (_("%u fps"), rates[i]);

      gtk_string_list_append (list, label);
    }
  return list;
}

static guint
find_size (gboolean gif,
           guint    width,
           guint    height)
{
  const Size *sizes = gif ? gif_sizes : video_sizes;
  guint n = gif ? G_N_ELEMENTS (gif_sizes) : G_N_ELEMENTS (video_sizes);

  for (guint i = 0; i < n; i++)
    if (sizes[i].width == width && sizes[i].height == height)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static guint
find_rate (gboolean gif,
           guint    fps)
{
  const guint *rates = gif ? gif_rates : video_rates;

  for (guint i = 0; i < G_N_ELEMENTS (video_rates); i++)
    if (rates[i] == fps)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* GIF has sizes and rates of its own: a GIF's colours and frames cost far
 * more than a video's. A size or rate both have stays; any other size is
 * Custom only when @custom (a remembered size). */
static void
set_lists (FrontlineVideoDialog *self,
           gboolean              gif,
           guint                 width,
           guint                 height,
           guint                 fps,
           gboolean              custom)
{
  g_autoptr(GtkStringList) sizes = size_list_new (gif);
  g_autoptr(GtkStringList) rates = rate_list_new (gif);
  guint size = find_size (gif, width, height);
  guint rate = find_rate (gif, fps);

  if (size == GTK_INVALID_LIST_POSITION && custom && !gif && width >= 16 && height >= 16)
    {
      size = G_N_ELEMENTS (video_sizes) - 1;
      gtk_spin_button_set_value (self->width_spin, width & ~1u);
      gtk_spin_button_set_value (self->height_spin, height & ~1u);
    }
  if (size == GTK_INVALID_LIST_POSITION)
    size = 1;  /* 1920 × 1080, or 960 × 540 for GIF */
  if (rate == GTK_INVALID_LIST_POSITION)
    rate = gif ? 0 : 2;  /* 10 or 30 fps */

  self->is_gif = gif;
  adw_combo_row_set_model (self->size_row, G_LIST_MODEL (sizes));
  adw_combo_row_set_selected (self->size_row, size);
  adw_combo_row_set_model (self->fps_row, G_LIST_MODEL (rates));
  adw_combo_row_set_selected (self->fps_row, rate);
}

static void on_size_changed_cb (FrontlineVideoDialog *self);

static void
on_format_changed_cb (FrontlineVideoDialog *self)
{
  gboolean gif = get_format (self) == FRONTLINE_VIDEO_GIF;
  guint width, height;

  if (gif == self->is_gif)
    return;
  get_size (self, &width, &height);
  set_lists (self, gif, width, height, get_fps (self), FALSE);
  on_size_changed_cb (self);
}

static void
on_size_changed_cb (FrontlineVideoDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->custom_row),
                          !self->is_gif && adw_combo_row_get_selected (self->size_row) == G_N_ELEMENTS (video_sizes) - 1);
  update_length (self);
}

/* From is never after To: moving one past the other takes it along. */
static void
on_from_changed_cb (FrontlineVideoDialog *self)
{
  guint from = adw_combo_row_get_selected (self->from_row);

  if (from != GTK_INVALID_LIST_POSITION && adw_combo_row_get_selected (self->to_row) < from)
    adw_combo_row_set_selected (self->to_row, from);
  update_length (self);
}

static void
on_to_changed_cb (FrontlineVideoDialog *self)
{
  guint to = adw_combo_row_get_selected (self->to_row);

  if (to != GTK_INVALID_LIST_POSITION && adw_combo_row_get_selected (self->from_row) > to)
    adw_combo_row_set_selected (self->from_row, to);
  update_length (self);
}

static void
on_option_changed_cb (FrontlineVideoDialog *self)
{
  update_length (self);
}

/* The briefing's run has no range of dates, speed or fade of its own. */
static void
on_stops_changed_cb (FrontlineVideoDialog *self)
{
  gboolean stops = gtk_switch_get_active (self->stops_switch);

  gtk_widget_set_sensitive (GTK_WIDGET (self->from_row), !stops);
  gtk_widget_set_sensitive (GTK_WIDGET (self->to_row), !stops);
  gtk_widget_set_sensitive (GTK_WIDGET (self->speed_spin), !stops);
  gtk_widget_set_sensitive (GTK_WIDGET (self->fade_row), !stops);
  update_length (self);
}

static void
remember (FrontlineVideoDialog *self)
{
  FrontlineVideoFormat format = get_format (self);
  guint width, height;

  if (self->settings == NULL)
    return;
  get_size (self, &width, &height);
  g_settings_set_string (self->settings, "video-format", frontline_video_format_get_extension (format));
  g_settings_set (self->settings, "video-size", "(uu)", width, height);
  g_settings_set_double (self->settings, "video-seconds-per-day", gtk_spin_button_get_value (self->speed_spin));
  g_settings_set_uint (self->settings, "video-fps", get_fps (self));
  g_settings_set_boolean (self->settings, "video-cross-fade", gtk_switch_get_active (self->fade_switch));
}

static void
restore (FrontlineVideoDialog *self)
{
  g_autofree char *format_name = NULL;
  FrontlineVideoFormat format = FRONTLINE_VIDEO_WEBM;
  guint width = 1920, height = 1080, fps = 30;
  double speed = 0.2;
  gboolean fade = FALSE;

  if (self->settings != NULL)
    {
      g_autofree char *example = NULL;

      format_name = g_settings_get_string (self->settings, "video-format");
      example = g_strconcat ("video.", format_name, NULL);
      if (!frontline_video_format_from_filename (example, &format))
        format = FRONTLINE_VIDEO_WEBM;
      g_settings_get (self->settings, "video-size", "(uu)", &width, &height);
      fps = g_settings_get_uint (self->settings, "video-fps");
      speed = g_settings_get_double (self->settings, "video-seconds-per-day");
      fade = g_settings_get_boolean (self->settings, "video-cross-fade");
    }

  set_lists (self, format == FRONTLINE_VIDEO_GIF, width, height, fps, TRUE);
  adw_combo_row_set_selected (self->format_row, format);
  gtk_spin_button_set_value (self->speed_spin, speed);
  gtk_switch_set_active (self->fade_switch, fade);
}

/* The export, after the dialog */

static void
video_job_free (VideoJob *job)
{
  if (job->progress_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (job->progress_dialog), (gpointer *) &job->progress_dialog);
      gtk_window_destroy (GTK_WINDOW (job->progress_dialog));
    }
  if (job->parent != NULL)
    g_object_remove_weak_pointer (G_OBJECT (job->parent), (gpointer *) &job->parent);
  request_clear (&job->request);
  g_clear_object (&job->options.tour);
  g_clear_object (&job->file);
  g_clear_object (&job->cancellable);
  g_free (job);
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  VideoJob *job = user_data;
  guint frame = MIN ((guint) (fraction * job->n_frames) + 1, MAX (job->n_frames, 1));
  /* Translators: the frame being exported, and how many there are */
  g_autofree char *text = g_strdup_printf (_("Frame %u of %u"), frame, job->n_frames);

  if (job->progress_bar == NULL)
    return;
  gtk_progress_bar_set_fraction (job->progress_bar, CLAMP (fraction, 0, 1));
  gtk_progress_bar_set_text (job->progress_bar, text);
}

static void
on_progress_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         VideoJob         *job)
{
  /* The encoder stops at its next frame and leaves no file. */
  g_cancellable_cancel (job->cancellable);
}

static void
show_failure (VideoJob     *job,
              const GError *error)
{
  g_autofree char *name = g_file_get_basename (job->file);
  /* Translators: %s is a file name */
  g_autofree char *heading = g_strdup_printf (_("Could Not Export “%s”"), name);
  GtkWidget *dialog = adw_message_dialog_new (job->parent, heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  VideoJob *job = user_data;
  g_autoptr(GError) error = NULL;

  /* Cancelled by the user, who needs no dialog to say so. */
  if (!frontline_video_export_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_failure (job, error);
  if (job->done != NULL && job->parent != NULL)
    job->done (job->file, error, job->done_data);
  video_job_free (job);
}

static void
video_job_start (VideoJob *job,
                 gboolean  replace)
{
  g_autofree char *name = g_file_get_basename (job->file);
  GtkWidget *bar = gtk_progress_bar_new ();

  job->cancellable = g_cancellable_new ();
  job->n_frames = frontline_video_count_frames (&job->options);

  job->progress_bar = GTK_PROGRESS_BAR (bar);
  gtk_progress_bar_set_show_text (job->progress_bar, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export progress"), -1);
  job->progress_dialog = adw_message_dialog_new (job->parent, _("Exporting Video…"), name);
  g_object_add_weak_pointer (G_OBJECT (job->progress_dialog), (gpointer *) &job->progress_dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (job->progress_dialog), bar);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (job->progress_dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (job->progress_dialog), "cancel");
  g_signal_connect (job->progress_dialog, "response", G_CALLBACK (on_progress_response_cb), job);
  on_progress (0, job);
  gtk_window_present (GTK_WINDOW (job->progress_dialog));

  frontline_video_export_async (&job->options, job->file, replace, on_progress, job, NULL,
                                job->cancellable, on_export_done_cb, job);
}

/**
 * frontline_video_dialog_export_to:
 * @replace: whether @file may be replaced (the file chooser asked)
 *
 * Closes the dialog and writes the video it describes to @file, with a
 * progress window and Cancel; a dialog on failure, then the done callback.
 */
void
frontline_video_dialog_export_to (FrontlineVideoDialog *self,
                                  GFile                *file,
                                  gboolean              replace)
{
  VideoJob *job;

  g_return_if_fail (FRONTLINE_IS_VIDEO_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  remember (self);

  job = g_new0 (VideoJob, 1);
  job->parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (job->parent != NULL)
    g_object_add_weak_pointer (G_OBJECT (job->parent), (gpointer *) &job->parent);
  request_copy (&job->request, &self->request);
  frontline_video_dialog_get_options (self, &job->options);
  /* The options borrow the job's copy, which outlives the dialog. */
  job->options.picture.dataset = job->request.dataset;
  job->options.picture.mbtiles = job->request.mbtiles;
  job->options.picture.basemap_credit = job->request.basemap_credit;
  job->options.picture.tiles = job->request.tiles != NULL ? frontline_tile_source_get_fetcher (job->request.tiles)
                                                          : NULL;
  job->options.picture.missing_tiles = NULL;
  job->file = g_object_ref (file);
  job->done = self->done;
  job->done_data = self->done_data;

  gtk_window_destroy (GTK_WINDOW (self));
  video_job_start (job, replace);
}

/**
 * frontline_video_dialog_default_name:
 *
 * "Kursk incursion 6 August 2024 to 14 March 2025.webm": the title and the
 * first date as frontline_export_default_name() writes them, then the last.
 *
 * Returns: (transfer full): the name
 */
char *
frontline_video_dialog_default_name (FrontlineDataset     *dataset,
                                     FrontlineDay          first,
                                     FrontlineDay          last,
                                     FrontlineVideoFormat  format)
{
  g_autofree char *start = frontline_export_default_name (dataset, first, FRONTLINE_EXPORT_PNG);
  g_autofree char *end = frontline_day_format_as (last, FRONTLINE_DAY_FORMAT_LONG);
  g_autofree char *name = NULL;

  /* The same characters left out as in the title and first date. */
  g_strdelimit (end, ",/\\:;", ' ');
  g_strstrip (end);
  start[strlen (start) - strlen (".png")] = '\0';
  /* Translators: a video's file name: the title and first date, then the last date */
  name = g_strdup_printf (_("%s to %s"), start, end);
  return g_strconcat (name, ".", frontline_video_format_get_extension (format), NULL);
}

static void
on_chooser_response_cb (GtkFileChooserNative *chooser,
                        int                   response,
                        FrontlineVideoDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    {
      g_object_unref (self);
      return;
    }

  /* The next export opens where this one went. */
  folder = g_file_get_parent (file);
  path = folder != NULL ? g_file_get_path (folder) : NULL;
  if (path != NULL && self->settings != NULL)
    g_settings_set_string (self->settings, "export-folder", path);

  /* The chooser asked before replacing a file that exists. */
  frontline_video_dialog_export_to (self, file, g_file_query_exists (file, NULL));
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  FrontlineVideoDialog *self = FRONTLINE_VIDEO_DIALOG (widget);
  FrontlineVideoOptions options;
  FrontlineVideoFormat format = get_format (self);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *pattern = g_strconcat ("*.", frontline_video_format_get_extension (format), NULL);
  static const char *const filter_names[] = { N_("WebM Video"), N_("MP4 Video"), N_("Animated GIF") };
  static const char *const mime_types[] = { "video/webm", "video/mp4", "image/gif" };

  frontline_video_dialog_get_options (self, &options);
  chooser = gtk_file_chooser_native_new (_("Export Video"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _(filter_names[format]));
  gtk_file_filter_add_mime_type (filter, mime_types[format]);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (self->settings != NULL)
    {
      folder = frontline_export_default_folder (self->settings);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  name = frontline_video_dialog_default_name (self->request.dataset, options.first, options.last, format);
  g_clear_object (&options.tour);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
frontline_video_dialog_dispose (GObject *object)
{
  FrontlineVideoDialog *self = FRONTLINE_VIDEO_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FRONTLINE_TYPE_VIDEO_DIALOG);
  request_clear (&self->request);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (frontline_video_dialog_parent_class)->dispose (object);
}

static void
frontline_video_dialog_class_init (FrontlineVideoDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = frontline_video_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/frontline/Frontline/ui/frontline-video-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlineVideoDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, FrontlineVideoDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, FrontlineVideoDialog, custom_row);
  gtk_widget_class_bind_template_child (widget_class, FrontlineVideoDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, FrontlineVideoDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, FrontlineVideoDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, FrontlineVideoDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, FrontlineVideoDialog, fit_switch);
  gtk_widget_class_bind_template_child (widget_class, FrontlineVideoDialog, stops_row);
  gtk_widget_class_bind_template_child (widget_class, FrontlineVideoDialog, stops_switch);
  gtk_widget_class_bind_template_child (widget_class, FrontlineVideoDialog, speed_row);
  gtk_widget_class_bind_template_child (widget_class, FrontlineVideoDialog, speed_spin);
  gtk_widget_class_bind_template_child (widget_class, FrontlineVideoDialog, fps_row);
  gtk_widget_class_bind_template_child (widget_class, FrontlineVideoDialog, fade_switch);
  gtk_widget_class_bind_template_child (widget_class, FrontlineVideoDialog, hold_spin);
  /* The rows the tests read. */
  gtk_widget_class_bind_template_child (widget_class, FrontlineVideoDialog, fit_row);
  gtk_widget_class_bind_template_child (widget_class, FrontlineVideoDialog, fade_row);
  gtk_widget_class_bind_template_child (widget_class, FrontlineVideoDialog, hold_row);

  gtk_widget_class_install_action (widget_class, "video.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
frontline_video_dialog_init (FrontlineVideoDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * frontline_video_dialog_new:
 * @parent: the window whose map the video shows
 * @request: what it shows (copied)
 * @done: (nullable): called when an export ends, as for Export…
 *
 * Returns: (transfer none): the dialog, transient for @parent, not yet shown
 */
FrontlineVideoDialog *
frontline_video_dialog_new (GtkWindow                    *parent,
                            const FrontlineExportRequest *request,
                            FrontlineExportDone           done,
                            gpointer                      user_data)
{
  FrontlineVideoDialog *self;
  g_autoptr(GtkStringList) dates = gtk_string_list_new (NULL);
  GSettingsSchema *schema;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (FRONTLINE_IS_DATASET (request->dataset), NULL);

  self = g_object_new (FRONTLINE_TYPE_VIDEO_DIALOG, "transient-for", parent, NULL);
  request_copy (&self->request, request);
  self->done = done;
  self->done_data = user_data;
  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), BASE_APP_ID, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new (BASE_APP_ID);
      g_settings_schema_unref (schema);
    }

  self->days = frontline_dataset_get_days (request->dataset, &self->n_days);
  for (guint i = 0; i < self->n_days; i++)
    {
      g_autofree char *label = frontline_day_format_as (self->days[i], FRONTLINE_DAY_FORMAT_LABEL);

      gtk_string_list_append (dates, label);
    }
  adw_combo_row_set_model (self->from_row, G_LIST_MODEL (dates));
  adw_combo_row_set_model (self->to_row, G_LIST_MODEL (dates));
  adw_combo_row_set_selected (self->from_row, 0);
  adw_combo_row_set_selected (self->to_row, self->n_days > 0 ? self->n_days - 1 : 0);

  restore (self);

  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (on_format_changed_cb), self);
  g_signal_connect_swapped (self->size_row, "notify::selected", G_CALLBACK (on_size_changed_cb), self);
  g_signal_connect_swapped (self->from_row, "notify::selected", G_CALLBACK (on_from_changed_cb), self);
  g_signal_connect_swapped (self->to_row, "notify::selected", G_CALLBACK (on_to_changed_cb), self);
  g_signal_connect_swapped (self->fps_row, "notify::selected", G_CALLBACK (on_option_changed_cb), self);
  g_signal_connect_swapped (self->speed_spin, "value-changed", G_CALLBACK (on_option_changed_cb), self);
  g_signal_connect_swapped (self->hold_spin, "value-changed", G_CALLBACK (on_option_changed_cb), self);
  g_signal_connect_swapped (self->width_spin, "value-changed", G_CALLBACK (on_option_changed_cb), self);
  g_signal_connect_swapped (self->height_spin, "value-changed", G_CALLBACK (on_option_changed_cb), self);
  g_signal_connect_swapped (self->fade_switch, "notify::active", G_CALLBACK (on_option_changed_cb), self);
  gtk_widget_set_visible (GTK_WIDGET (self->stops_row),
                          g_list_model_get_n_items (frontline_dataset_get_stops (request->dataset)) > 0);
  g_signal_connect_swapped (self->stops_switch, "notify::active", G_CALLBACK (on_stops_changed_cb), self);
  on_size_changed_cb (self);

  return self;
}
