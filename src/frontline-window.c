/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <sys/resource.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "frontline-error-dialog.h"
#include "frontline-field-mapping-dialog.h"
#include "frontline-ogr-reader.h"
#include "frontline-accessible.h"
#include "frontline-recent-menu.h"
#include "frontline-window-private.h"

G_DEFINE_FINAL_TYPE (FrontlineWindow, frontline_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SIDEBAR_VISIBLE,
  PROP_DATASET,
  PROP_DAY,
  PROP_PLAYING,
  PROP_PLAY_SPEED,
  PROP_COMPARING,
  PROP_BASEMAP,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Startup timestamps for tests/bench/bench-startup.py: with
 * G_MESSAGES_DEBUG=frontline-startup, each mark is logged with the
 * monotonic clock (g_get_monotonic_time()) and the process's CPU time, in
 * microseconds. */
#define STARTUP_DOMAIN "frontline-startup"

static gboolean
startup_marks_wanted (void)
{
  return !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, STARTUP_DOMAIN);
}

void
_frontline_window_mark_startup (const char *what)
{
  struct rusage usage;

  if (startup_marks_wanted () && getrusage (RUSAGE_SELF, &usage) == 0)
    g_log (STARTUP_DOMAIN, G_LOG_LEVEL_DEBUG, "%s %" G_GINT64_FORMAT " cpu %" G_GINT64_FORMAT,
           what, g_get_monotonic_time (),
           (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
           usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

static void
on_first_frame_painted_cb (GdkFrameClock *clock,
                           const char    *what)
{
  _frontline_window_mark_startup (what);
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_painted_cb, (gpointer) what);
}

/* Marks the end of the next frame the window paints. */
static void
mark_next_frame (FrontlineWindow *self,
                 const char      *what)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL || !startup_marks_wanted ())
    return;
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_frame_painted_cb), (gpointer) what);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Gives back to the system what startup and a load freed: the basemap's
 * read, tiles drawn and the loader's parse leave most of the worker
 * threads' malloc arenas free but still resident (45 MiB after Kursk),
 * which glibc returns only when asked. */
static gboolean
trim_memory_cb (gpointer user_data)
{
  FrontlineWindow *self = user_data;

  self->trim_source = 0;
  /* Not while a load runs: it would only slow the loader's workers down.
   * The load's end asks again. */
  if (self->loading_file != NULL)
    return G_SOURCE_REMOVE;
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  _frontline_window_mark_startup ("trimmed");

  return G_SOURCE_REMOVE;
}

/* A while after the window has settled: the workers a load or the first
 * frames start (tiles, labels, the chart's series) have ended by then. */
static void
schedule_trim_memory (FrontlineWindow *self)
{
  g_clear_handle_id (&self->trim_source, g_source_remove);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  self->trim_source = g_timeout_add_seconds (2, trim_memory_cb, self);
}

static void
frontline_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (frontline_window_parent_class)->map (widget);

  _frontline_window_mark_startup ("mapped");
  _frontline_window_preload_basemap (FRONTLINE_WINDOW (widget));
  mark_next_frame (FRONTLINE_WINDOW (widget), "first-frame");
  schedule_trim_memory (FRONTLINE_WINDOW (widget));
}

void
_frontline_window_show_error (FrontlineWindow *self,
                              const char      *heading,
                              const char      *body)
{
  frontline_error_dialog_present (GTK_WINDOW (self), heading, body);
}

static char *
get_display_name (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL)
    return g_strdup (g_file_info_get_display_name (info));

  /* The file may be gone: fall back to the name in its path. */
  return g_file_get_basename (file);
}

/**
 * frontline_window_get_day:
 *
 * Returns: the chosen date, or %FRONTLINE_DAY_NONE without a dataset
 */
FrontlineDay
frontline_window_get_day (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), FRONTLINE_DAY_NONE);

  return frontline_view_state_get_day (self->state);
}

/**
 * frontline_window_set_day:
 * @day: any day; it is kept within the dataset's dates
 *
 * Chooses the date of the window's state, which the map, the date bar and
 * the panel follow.
 */
void
frontline_window_set_day (FrontlineWindow *self,
                          FrontlineDay     day)
{
  g_return_if_fail (FRONTLINE_IS_WINDOW (self));

  frontline_view_state_set_day (self->state, day);
}

/**
 * frontline_window_get_state:
 *
 * Returns: (transfer none): what the window shows: its dataset, date,
 *   comparison and view, which its parts observe
 */
FrontlineViewState *
frontline_window_get_state (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), NULL);

  return self->state;
}

/* The window's day and comparing are views of its state's. */
static void
on_state_day_changed_cb (FrontlineWindow *self)
{
  _frontline_window_update_map_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

static void
on_state_comparing_changed_cb (FrontlineWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARING]);
}

/* The gains and losses card follows the state's comparison. */
static void
on_state_comparison_changed_cb (FrontlineWindow *self)
{
  FrontlineComparison *comparison = frontline_view_state_get_comparison (self->state);

  if (comparison != NULL)
    gtk_label_set_text (self->compare_card, frontline_comparison_get_text (comparison));
  gtk_widget_set_visible (GTK_WIDGET (self->compare_card), comparison != NULL);
}

/* The map's view, written into the state: when the viewport moves, and
 * before anything reads it (the map's size has no signal). */
void
_frontline_window_sync_view (FrontlineWindow *self)
{
  ShumateViewport *viewport;
  FrontlineView view;

  /* The map goes with the template, before the window. */
  if (self->map == NULL)
    return;

  viewport = shumate_simple_map_get_viewport (self->map);
  view = (FrontlineView) {
    .center_lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
    .center_lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
    .zoom = shumate_viewport_get_zoom_level (viewport),
    .width = MAX (gtk_widget_get_width (GTK_WIDGET (self->map)), 320),
    .height = MAX (gtk_widget_get_height (GTK_WIDGET (self->map)), 240),
  };

  frontline_view_state_set_view (self->state, &view);
}

/**
 * frontline_window_is_playing:
 */
gboolean
frontline_window_is_playing (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), FALSE);

  return frontline_date_bar_get_playing (self->date_bar);
}

static void
on_place_search_place_activated_cb (FrontlineWindow      *self,
                                    FrontlinePlaceResult *result)
{
  frontline_window_show_place (self, frontline_place_result_get_lon (result),
                               frontline_place_result_get_lat (result));
}

/**
 * frontline_window_get_place_search:
 *
 * Returns: (transfer none): the place search above the map
 */
FrontlinePlaceSearch *
frontline_window_get_place_search (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), NULL);

  return self->place_search;
}

static void
on_panel_quote_selected_cb (FrontlineWindow *self,
                            FrontlineQuote  *quote)
{
  double lon;
  double lat;

  if (frontline_quote_get_location (quote, &lon, &lat))
    frontline_window_show_place (self, lon, lat);
  else if (frontline_quote_get_place (quote) != NULL &&
           frontline_place_search_find (self->place_search, frontline_quote_get_place (quote)) > 0)
    frontline_place_search_activate_first (self->place_search);
}

static void
on_panel_go_to_date_cb (FrontlineWindow *self,
                        guint            day)
{
  frontline_window_set_day (self, day);
}

/**
 * frontline_window_get_side_panel:
 *
 * Returns: (transfer none): the quotes and sources panel
 */
FrontlineSidePanel *
frontline_window_get_side_panel (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), NULL);

  return self->panel;
}

/* Sets up the date controls for a new dataset. */
static void
show_dataset_dates (FrontlineWindow  *self,
                    FrontlineDataset *dataset,
                    FrontlineDay      day)
{
  /* One change for the observers: the dataset at its first date, not
   * comparing. */
  g_object_freeze_notify (G_OBJECT (self->state));
  frontline_view_state_set_dataset (self->state, dataset);
  frontline_view_state_set_day (self->state, day);
  g_object_thaw_notify (G_OBJECT (self->state));

  frontline_legend_set_dataset (self->legend, dataset);
  gtk_widget_set_visible (self->approximate_note, frontline_dataset_get_approximate (dataset));
  gtk_widget_grab_focus (GTK_WIDGET (frontline_date_bar_get_timeline (self->date_bar)));
}

/* A dataset opens where the user left it; the first time, on its first
 * stop (its day and view), else on its default view and last day; fitted
 * to the map beside the side panel when it is open. */
static void
show_first_view (FrontlineWindow  *self,
                 FrontlineDataset *dataset)
{
  g_autoptr(FrontlineStop) first = NULL;
  FrontlineDay day = _frontline_window_first_day (self, dataset, &first);

  _frontline_window_fit_view_to_dataset (self, first);
  show_dataset_dates (self, dataset, day);
}

static void
set_dataset (FrontlineWindow  *self,
             FrontlineDataset *dataset)
{
  _frontline_window_clear_lost (self);

  if (self->dataset == dataset)
    return;

  _frontline_window_remember_day (self);
  g_set_object (&self->dataset, dataset);

  if (dataset != NULL)
    {
      g_autofree char *subtitle = NULL;
      g_autofree char *first = frontline_day_format_label (frontline_dataset_get_first_day (dataset));
      g_autofree char *last = frontline_day_format_label (frontline_dataset_get_last_day (dataset));

      /* Translators: the dates a dataset covers, as “6 Aug 2024 – 16 Mar 2025” */
      subtitle = g_strdup_printf (_("%s – %s"), first, last);
      adw_window_title_set_title (self->window_title, frontline_dataset_get_title (dataset));
      adw_window_title_set_subtitle (self->window_title, subtitle);
      gtk_window_set_title (GTK_WINDOW (self), frontline_dataset_get_title (dataset));
      /* The side panel when there is room, before its page shows: open at
       * once, not sliding in over a map not yet laid out (and the view is
       * fitted to the map beside it). */
      _frontline_window_reveal_panel_if_room (self);
      gtk_stack_set_visible_child_name (self->main_stack, "map");
      /* The credits first: the view is fitted to the map above them. */
      _frontline_window_update_attribution (self);
      show_first_view (self, dataset);
    }

  _frontline_window_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

void
_frontline_window_set_dataset (FrontlineWindow  *self,
                               FrontlineDataset *dataset)
{
  set_dataset (self, dataset);
}

void
_frontline_window_end_loading (FrontlineWindow *self,
                              gboolean         loaded)
{
  g_clear_object (&self->loading_file);
  _frontline_window_archive_end_loading (self);
  adw_status_page_set_description (self->loading_page, NULL);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->load_options, frontline_load_options_unref);
  g_clear_pointer (&self->mapping_layers, g_strfreev);

  if (!loaded && self->page_before_load != NULL)
    gtk_stack_set_visible_child_name (self->main_stack, self->page_before_load);
  g_clear_pointer (&self->page_before_load, g_free);

  _frontline_window_preload_basemap (self);
  _frontline_window_actions_update (self);
}

static void
on_load_progress_cb (double   fraction,
                     gpointer user_data)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (user_data);

  gtk_progress_bar_set_fraction (self->loading_progress, fraction);
}

static void load_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);
static void start_load (FrontlineWindow      *self,
                        GFile                *file,
                        FrontlineLoadOptions *options);

static void
on_mapping_chosen_cb (FrontlineFieldMappingDialog *dialog,
                      FrontlineLoadOptions        *options,
                      FrontlineWindow             *self)
{
  GPtrArray *layers = g_object_get_data (G_OBJECT (dialog), "layers");
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  /* The window moved on (closed, or another file opened meanwhile). */
  if (self->loading_file != file)
    return;

  for (guint i = 0; i < layers->len; i++)
    {
      FrontlineOgrLayerInfo *info = g_ptr_array_index (layers, i);

      if (frontline_load_options_get_mapping (options, info->name) != NULL)
        g_strv_builder_add (names, info->name);
    }

  start_load (self, file, options);
  self->mapping_layers = g_strv_builder_end (names);
}

static void
on_mapping_cancelled_cb (FrontlineFieldMappingDialog *dialog,
                         FrontlineWindow             *self)
{
  if (self->loading_file == g_object_get_data (G_OBJECT (dialog), "file"))
    _frontline_window_end_loading (self, FALSE);
}

static void
inspect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *layers = frontline_ogr_inspect (G_FILE (task_data), cancellable, &error);

  if (layers == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, layers, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_inspected_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (object);
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = get_display_name (file);
  GtkWidget *dialog;

  layers = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->loading_file != file)
    return;

  if (layers == NULL)
    {
      /* Translators: %s is a file name */
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      _frontline_window_end_loading (self, FALSE);
      _frontline_window_show_error (self, heading, error->message);
      return;
    }

  dialog = frontline_field_mapping_dialog_new (GTK_WINDOW (self), name, layers);
  g_object_set_data_full (G_OBJECT (dialog), "layers", g_ptr_array_ref (layers),
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "chosen", G_CALLBACK (on_mapping_chosen_cb), self, 0);
  g_signal_connect_object (dialog, "cancelled", G_CALLBACK (on_mapping_cancelled_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The load failed for want of a field mapping: read the file's layers in a
 * worker, then ask. The window stays on its loading page meanwhile, and
 * Cancel in the dialog puts it back as it was. */
static void
ask_mapping (FrontlineWindow *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->load_cancellable, on_inspected_cb, NULL);

  g_task_set_source_tag (task, ask_mapping);
  g_task_set_task_data (task, g_object_ref (self->loading_file), g_object_unref);
  g_task_run_in_thread (task, inspect_thread);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FrontlineWindow) self = user_data;
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  GPtrArray *diagnostics;

  dataset = frontline_dataset_load_finish (result, &error);

  /* A newer load replaced this one, or the user cancelled it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Fields that are not Frontline's: ask which hold what, and load again. */
  if (g_error_matches (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_MAPPING))
    {
      ask_mapping (self);
      return;
    }

  file = g_object_ref (self->loading_file);
  if (dataset != NULL && self->mapping_layers != NULL)
    _frontline_window_remember_mapping (self->settings, file, self->load_options,
                                        (const char * const *) self->mapping_layers);
  _frontline_window_end_loading (self, dataset != NULL);

  if (dataset == NULL)
    {
      g_autofree char *name = get_display_name (file);
      /* Translators: %s is a file name */
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      _frontline_window_show_error (self, heading, error->message);
      return;
    }

  _frontline_window_mark_startup ("load-end");
  set_dataset (self, dataset);
  mark_next_frame (self, "dataset-frame");
  schedule_trim_memory (self);

  {
    g_autofree char *uri = g_file_get_uri (file);

    frontline_recent_add (gtk_recent_manager_get_default (), file);
    g_settings_set_string (self->settings, "last-dataset", uri);
  }

  diagnostics = frontline_dataset_get_diagnostics (dataset);
  if (diagnostics->len > 0)
    {
      g_autofree char *title = NULL;
      AdwToast *toast;

      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Opened with %u warning",
                                            "Opened with %u warnings",
                                            diagnostics->len),
                               diagnostics->len);
      toast = adw_toast_new (title);
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.show-warnings");
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

/* Whether loading @file takes long enough (a quarter of a second or more on
 * two cores, from 16 MiB of text) that the window starts nothing else
 * beside it: a folder, or a big file. */
#define LONG_LOAD_BYTES (16 * 1024 * 1024)

static gboolean
is_long_load (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                                 G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info == NULL)
    return FALSE;

  return g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY ||
         g_file_info_get_size (info) >= LONG_LOAD_BYTES;
}

static void
start_load (FrontlineWindow      *self,
            GFile                *file,
            FrontlineLoadOptions *options)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (self->load_cancellable != NULL)
    {
      g_cancellable_cancel (self->load_cancellable);
      g_clear_object (&self->load_cancellable);
      _frontline_window_archive_end_loading (self);
    }
  else
    self->page_before_load = g_strdup (gtk_stack_get_visible_child_name (self->main_stack));

  g_set_object (&self->loading_file, file);
  g_clear_pointer (&self->load_options, frontline_load_options_unref);
  g_clear_pointer (&self->mapping_layers, g_strfreev);
  self->load_options = options != NULL ? frontline_load_options_ref (options) : NULL;
  self->load_cancellable = g_cancellable_new ();
  self->load_is_long = is_long_load (file);

  name = get_display_name (file);
  /* Translators: %s is a file name */
  title = g_strdup_printf (_("Opening “%s”"), name);
  adw_status_page_set_title (self->loading_page, title);
  gtk_progress_bar_set_fraction (self->loading_progress, 0.0);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  _frontline_window_actions_update (self);

  _frontline_window_mark_startup ("load-start");
  frontline_dataset_load_full_async (file, options, self->load_cancellable,
                                     on_load_progress_cb, self,
                                     load_cb, g_object_ref (self));
}

/**
 * frontline_window_open:
 * @self: a window
 * @file: a dataset file or folder
 *
 * Starts loading @file into @self, in a worker thread, replacing any load in
 * progress, with the field mapping remembered for it if any (a file whose
 * fields are not Frontline's asks for one). Failures are reported in a
 * dialog naming the file, the place in it and what is wrong; the window
 * keeps what it showed.
 */
void
frontline_window_open (FrontlineWindow *self,
                       GFile           *file)
{
  g_autoptr(FrontlineLoadOptions) options = NULL;

  g_return_if_fail (FRONTLINE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  options = _frontline_window_recall_mapping (self->settings, file);
  start_load (self, file, options);
}

/**
 * frontline_window_get_dataset:
 *
 * Returns: (transfer none) (nullable): the dataset shown
 */
FrontlineDataset *
frontline_window_get_dataset (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), NULL);

  return self->dataset;
}

gboolean
frontline_window_has_dataset (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), FALSE);

  return self->dataset != NULL;
}

gboolean
frontline_window_is_loading (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), FALSE);

  return self->loading_file != NULL || self->loading_location != NULL;
}

/**
 * frontline_window_get_viewport:
 *
 * Returns: (transfer none): the viewport of the window's map
 */
ShumateViewport *
frontline_window_get_viewport (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), NULL);

  return shumate_simple_map_get_viewport (self->map);
}

/**
 * frontline_window_get_map:
 *
 * Returns: (transfer none): the window's map
 */
ShumateSimpleMap *
frontline_window_get_map (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), NULL);

  return self->map;
}

/* Playing stops by itself at the last date: the action's state, and so the
 * play button, follow. */
static void
on_date_bar_playing_changed_cb (FrontlineWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

/**
 * frontline_window_get_presentation:
 *
 * Returns: (transfer none): presentation mode over the map
 */
FrontlinePresentation *
frontline_window_get_presentation (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), NULL);

  return self->presentation;
}

static gboolean
frontline_window_close_request (GtkWindow *window)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (window);

  g_cancellable_cancel (self->load_cancellable);
  _frontline_window_remember_day (self);
  _frontline_window_save_state (self);

  return GTK_WINDOW_CLASS (frontline_window_parent_class)->close_request (window);
}

static void
frontline_window_constructed (GObject *object)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (object);
  GtkApplication *app;

  G_OBJECT_CLASS (frontline_window_parent_class)->constructed (object);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (FRONTLINE_IS_APPLICATION (app))
    self->settings = g_object_ref (frontline_application_get_settings (FRONTLINE_APPLICATION (app)));
  else
    self->settings = g_settings_new (BASE_APP_ID);

  frontline_layers_menu_set_settings (self->layers_menu, self->settings);
  _frontline_window_map_constructed (self);
  frontline_date_bar_set_play_speed (self->date_bar, g_settings_get_double (self->settings, "play-speed"));

  _frontline_window_restore_state (self);
}

static void
frontline_window_dispose (GObject *object)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (object);

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->save_cancellable);
  g_clear_handle_id (&self->trim_source, g_source_remove);
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  /* The settings' actions outlive the window: let them go now, or their
   * next change reaches a window that is gone. */
  g_action_map_remove_action (G_ACTION_MAP (self), "show-areas");
  g_action_map_remove_action (G_ACTION_MAP (self), "show-labels");
  _frontline_window_annotate_dispose (self);
  if (self->point_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->point_popover));
      self->point_popover = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), FRONTLINE_TYPE_WINDOW);

  G_OBJECT_CLASS (frontline_window_parent_class)->dispose (object);
}

static void
frontline_window_finalize (GObject *object)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->loading_file);
  g_clear_pointer (&self->loading_location, frontline_archive_location_free);
  g_clear_object (&self->lost_toast);
  g_clear_pointer (&self->published_location, frontline_archive_location_free);
  if (self->published_password != NULL)
    memset (self->published_password, 0, strlen (self->published_password));
  g_clear_pointer (&self->published_password, g_free);
  g_clear_object (&self->save_cancellable);
  g_clear_object (&self->save_toast);
  g_free (self->save_name);
  g_clear_object (&self->dataset);
  g_clear_object (&self->tile_source);
  g_clear_object (&self->state);
  g_free (self->page_before_load);
  g_clear_pointer (&self->load_options, frontline_load_options_unref);
  g_clear_pointer (&self->mapping_layers, g_strfreev);

  G_OBJECT_CLASS (frontline_window_parent_class)->finalize (object);
}

static void
frontline_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      /* Property actions ask before the template is built and after it went. */
      g_value_set_boolean (value, self->flap != NULL && adw_flap_get_reveal_flap (self->flap));
      break;

    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;

    case PROP_DAY:
      g_value_set_uint (value, frontline_view_state_get_day (self->state));
      break;

    case PROP_PLAYING:
      g_value_set_boolean (value, self->date_bar != NULL && frontline_date_bar_get_playing (self->date_bar));
      break;

    case PROP_PLAY_SPEED:
      g_value_set_double (value, self->date_bar ? frontline_date_bar_get_play_speed (self->date_bar) : 1.0);
      break;

    case PROP_COMPARING:
      g_value_set_boolean (value, frontline_view_state_get_comparing (self->state));
      break;

    case PROP_BASEMAP:
      g_value_take_string (value, self->settings ? g_settings_get_string (self->settings, "basemap") : NULL);
      break;

    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_window_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      adw_flap_set_reveal_flap (self->flap, g_value_get_boolean (value));
      break;

    case PROP_DAY:
      frontline_window_set_day (self, g_value_get_uint (value));
      break;

    case PROP_PLAYING:
      frontline_date_bar_set_playing (self->date_bar, g_value_get_boolean (value));
      break;

    case PROP_PLAY_SPEED:
      g_settings_set_double (self->settings, "play-speed", g_value_get_double (value));
      frontline_date_bar_set_play_speed (self->date_bar, g_value_get_double (value));
      g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_COMPARING:
      /* Since the previous data date, following the date. */
      if (g_value_get_boolean (value) && self->dataset != NULL)
        frontline_view_state_compare (self->state, frontline_dataset_get_first_day (self->dataset),
                                      TRUE);
      else
        frontline_view_state_compare (self->state, FRONTLINE_DAY_NONE, FALSE);
      break;

    case PROP_BASEMAP:
      /* The window follows the setting (changed::basemap). */
      g_settings_set_string (self->settings, "basemap", g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_flap_reveal_flap_changed_cb (FrontlineWindow *self)
{
  /* The flap can also fold away by itself on narrow windows: the action's
   * state, and so the header bar button, follow the property. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_VISIBLE]);
}

static void
frontline_window_class_init (FrontlineWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = frontline_window_constructed;
  object_class->dispose = frontline_window_dispose;
  object_class->finalize = frontline_window_finalize;
  object_class->get_property = frontline_window_get_property;
  object_class->set_property = frontline_window_set_property;

  window_class->close_request = frontline_window_close_request;
  widget_class->map = frontline_window_map;

  /**
   * FrontlineWindow:sidebar-visible:
   *
   * Whether the quotes and sources panel is shown.
   */
  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FrontlineWindow:dataset:
   *
   * The dataset shown, or %NULL.
   */
  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         FRONTLINE_TYPE_DATASET,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FrontlineWindow:day:
   *
   * The chosen date, as a Julian day: the map, the timeline, the panel and
   * the exporter all follow it.
   */
  properties[PROP_DAY] =
    g_param_spec_uint ("day", NULL, NULL, 0, G_MAXUINT32, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FrontlineWindow:playing:
   *
   * Whether the date plays through the data dates (win.play).
   */
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FrontlineWindow:play-speed:
   *
   * Data dates a second while playing (win.play-speed), kept in the settings.
   */
  properties[PROP_PLAY_SPEED] =
    g_param_spec_double ("play-speed", NULL, NULL, 0.1, 20.0, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FrontlineWindow:comparing:
   *
   * Whether the map shows gains and losses (win.compare): set, since the
   * previous data date.
   */
  properties[PROP_COMPARING] =
    g_param_spec_boolean ("comparing", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FrontlineWindow:basemap:
   *
   * The base map, as the "basemap" setting says it (win.basemap).
   */
  properties[PROP_BASEMAP] =
    g_param_spec_string ("basemap", NULL, NULL, "offline",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FrontlineWindow:state:
   *
   * What the window shows (#FrontlineViewState): its dataset, date,
   * comparison and view. The window's :dataset, :day and :comparing are
   * views of it.
   */
  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL, FRONTLINE_TYPE_VIEW_STATE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  _frontline_window_class_actions_init (widget_class);

  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);
  g_type_ensure (FRONTLINE_TYPE_PRESENTATION);
  g_type_ensure (FRONTLINE_TYPE_DATE_BAR);
  g_type_ensure (FRONTLINE_TYPE_LAYERS_MENU);
  g_type_ensure (FRONTLINE_TYPE_LEGEND);
  g_type_ensure (FRONTLINE_TYPE_PLACE_SEARCH);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/frontline-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, map);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, side_panel);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, detail_note);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, attribution);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, layers_menu);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, legend);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, compare_card);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, approximate_note);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, presentation);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, date_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_date_bar_playing_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, place_search);
  gtk_widget_class_bind_template_callback (widget_class, on_place_search_place_activated_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_presentation_active_changed_cb",
                                                G_CALLBACK (_frontline_window_presenting_changed));
  gtk_widget_class_bind_template_callback (widget_class, on_flap_reveal_flap_changed_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_flap_folded_changed_cb",
                                                G_CALLBACK (_frontline_window_flap_folded_changed));
  _frontline_window_presenting_class_init (widget_class);

}

static void
frontline_window_init (FrontlineWindow *self)
{
  g_autoptr(GMenuModel) recent_menu = NULL;
  g_autofree char *symbolic = g_strconcat (APP_ID, "-symbolic", NULL);

  /* First: property actions ask for :day and :comparing from here on. */
  self->state = frontline_view_state_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  adw_status_page_set_icon_name (self->empty_page, symbolic);


  recent_menu = frontline_recent_menu_new (gtk_recent_manager_get_default (), "win.open-recent");
  adw_split_button_set_menu_model (self->open_button, recent_menu);
  /* The split button's arrow: named "Recent Datasets", its tooltip. */
  frontline_accessible_name_icon_buttons (GTK_WIDGET (self->open_button));

  _frontline_window_dnd_init (self);

  _frontline_window_map_init (self);

  self->control_layer = frontline_control_layer_new (shumate_simple_map_get_viewport (self->map));
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->control_layer));

  /* Everything that shows the date follows the state. */
  frontline_control_layer_set_view_state (self->control_layer, self->state);
  frontline_date_bar_set_view_state (self->date_bar, self->state);
  frontline_legend_set_view_state (self->legend, self->state);
  /* A server lost while browsing: the map keeps what it shows, a toast
   * offers Retry. */
  g_signal_connect_object (self->state, "notify::error",
                           G_CALLBACK (_frontline_window_state_error_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::day",
                           G_CALLBACK (on_state_day_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::comparing",
                           G_CALLBACK (on_state_comparing_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::comparison",
                           G_CALLBACK (on_state_comparison_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (shumate_simple_map_get_viewport (self->map), "notify",
                           G_CALLBACK (_frontline_window_sync_view), self, G_CONNECT_SWAPPED);

  /* Anywhere in the window, unless the focused widget wants the key: Space
   * plays and pauses, Ctrl+arrows jump between data dates. The timeline,
   * focused, also steps by day with the arrows and goes to the ends. */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_BUBBLE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_space, 0),
                        gtk_named_action_new ("win.play")));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (GDK_KEY_Left, GDK_CONTROL_MASK),
                                       gtk_named_action_new ("win.jump"), "i", -1));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (GDK_KEY_Right, GDK_CONTROL_MASK),
                                       gtk_named_action_new ("win.jump"), "i", 1));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }

  self->panel = frontline_side_panel_new ();
  gtk_widget_set_vexpand (GTK_WIDGET (self->panel), TRUE);
  gtk_box_append (GTK_BOX (self->side_panel), GTK_WIDGET (self->panel));
  g_signal_connect_object (self->panel, "quote-selected",
                           G_CALLBACK (on_panel_quote_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->panel, "go-to-date",
                           G_CALLBACK (on_panel_go_to_date_cb), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->state, "dataset", self->panel, "dataset", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->state, "day", self->panel, "day", G_BINDING_SYNC_CREATE);

  self->marker_layer = shumate_marker_layer_new (shumate_simple_map_get_viewport (self->map));
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->marker_layer));
  self->marker = shumate_marker_new ();
  shumate_marker_set_child (self->marker, gtk_image_new_from_icon_name ("mark-location-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (self->marker), "frontline-place-marker");
  gtk_widget_set_visible (GTK_WIDGET (self->marker), FALSE);
  shumate_marker_layer_add_marker (self->marker_layer, self->marker);

  frontline_presentation_set_map (self->presentation, self->map);
  frontline_presentation_set_view_state (self->presentation, self->state);
  g_object_bind_property (self->state, "dataset", self->place_search, "dataset",
                          G_BINDING_SYNC_CREATE);

  _frontline_window_actions_update (self);
}

FrontlineWindow *
frontline_window_new (FrontlineApplication *application)
{
  return g_object_new (FRONTLINE_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
