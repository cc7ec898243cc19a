/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-presenter-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "frontline-exporter.h"
#include "frontline-export-preview.h"
#include "frontline-presenter-window.h"
#include "frontline-tour.h"

/* The presenter's screen, as pdfpc and pympress lay it out: the stop the
 * audience sees and the next one, small (the exporter draws them in a
 * worker), the stop's speaker notes in large type, the time since the start
 * and the clock. It follows a FrontlinePresentation and drives it: its keys
 * are the presentation's. */

#define PICTURE_MIN_SCALE 0.25  /* the exporter's smallest */

struct _FrontlinePresenterWindow
{
  AdwWindow              parent_instance;

  FrontlinePresentation *presentation;
  GCancellable          *current_cancellable;
  GCancellable          *next_cancellable;
  guint                  clock_source;
  char                  *elapsed_text;
  char                  *clock_text;

  /* Template widgets */
  AdwWindowTitle        *window_title;
  GtkLabel              *position;
  GtkLabel              *current_title;
  GtkLabel              *current_date;
  GtkPicture            *current_picture;
  GtkLabel              *next_title;
  GtkLabel              *next_date;
  GtkPicture            *next_picture;
  GtkLabel              *notes;
  GtkLabel              *elapsed;
  GtkLabel              *clock;
  GtkButton             *pause_button;
  GtkLabel              *tools;
};

G_DEFINE_FINAL_TYPE (FrontlinePresenterWindow, frontline_presenter_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_PRESENTATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the exporter needs to draw a stop small, owned by the worker. */
typedef struct {
  FrontlineDataset *dataset;
  FrontlineExportOptions options;
  GPtrArray        *annotations;  /* the stop's, copied: the worker draws them while the stop may be edited */
  int               width;   /* the picture, in pixels */
  int               height;
  double            shrink;  /* drawn larger, then shrunk by this */
} Picture;

static void
picture_free (Picture *picture)
{
  g_clear_object (&picture->dataset);
  g_clear_pointer (&picture->annotations, g_ptr_array_unref);
  g_free (picture);
}

static void
picture_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Picture *picture = task_data;

  frontline_export_preview_return_drawing (task, &picture->options, picture->width, picture->height,
                                           picture->shrink);
}

static void
picture_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GtkPicture *target = GTK_PICTURE (user_data);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GdkTexture) texture = NULL;

  if (surface == NULL)
    {
      /* Superseded, or the window closed. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("No picture of the stop: %s", error->message);
          gtk_picture_set_paintable (target, NULL);
        }
      g_object_unref (target);
      return;
    }

  texture = frontline_export_preview_texture_new (surface);
  gtk_picture_set_paintable (target, GDK_PAINTABLE (texture));
  g_object_unref (target);
}

static FrontlineDataset *
get_dataset (FrontlinePresenterWindow *self)
{
  g_autoptr(FrontlineDataset) dataset = NULL;

  g_object_get (self->presentation, "dataset", &dataset, NULL);
  /* The presentation holds it. */
  return dataset;
}

/* What stop @index is: its title, day, comparison and notes; the dataset's
 * data dates stand in for stops when it has none. */
static FrontlineStop *
get_stop (FrontlinePresenterWindow *self,
          guint                     index,
          FrontlineDay             *day)
{
  FrontlineDataset *dataset = get_dataset (self);
  GListModel *stops = frontline_dataset_get_stops (dataset);

  if (g_list_model_get_n_items (stops) > 0)
    {
      FrontlineStop *stop = g_list_model_get_item (stops, index);

      *day = frontline_stop_get_day (stop);
      return stop;
    }
  else
    {
      guint n_days = 0;
      const FrontlineDay *days = frontline_dataset_get_days (dataset, &n_days);

      *day = index < n_days ? days[index] : FRONTLINE_DAY_NONE;
      return NULL;
    }
}

/* Draws the stop as the audience's screen shows it, fitted into the
 * picture's box. */
static void
draw_picture (FrontlinePresenterWindow  *self,
              GtkPicture                *target,
              GCancellable             **cancellable,
              FrontlineStop             *stop,
              FrontlineDay               day,
              int                        width)
{
  FrontlineDataset *dataset = get_dataset (self);
  GtkWidget *audience = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self->presentation)));
  double screen_width = 1280, screen_height = 720;
  double factor, scale;
  g_autoptr(GTask) task = NULL;
  Picture *picture;

  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  if (dataset == NULL || day == FRONTLINE_DAY_NONE)
    {
      gtk_picture_set_paintable (target, NULL);
      return;
    }

  /* The audience's screen's shape, and what a stop's view shows on it. */
  if (audience != NULL && gtk_widget_get_width (audience) > 0)
    {
      screen_width = gtk_widget_get_width (audience);
      screen_height = gtk_widget_get_height (audience);
    }
  factor = width / screen_width;
  scale = MAX (factor, PICTURE_MIN_SCALE);

  picture = g_new0 (Picture, 1);
  picture->dataset = g_object_ref (dataset);
  frontline_export_options_init (&picture->options, dataset, screen_width * scale,
                                 screen_height * scale, scale);
  picture->options.day = day;
  frontline_stop_fit_view (stop, dataset, screen_width, screen_height, &picture->options.view);
  picture->options.view.width = screen_width * scale;
  picture->options.view.height = screen_height * scale;
  picture->options.compare_from = stop != NULL ? frontline_stop_get_compare_day (stop)
                                               : FRONTLINE_DAY_NONE;
  /* The stop's drawings, as the audience sees them on arrival and as its
   * export draws them. */
  if (stop != NULL && frontline_stop_get_annotations (stop)->len > 0)
    {
      GPtrArray *annotations = frontline_stop_get_annotations (stop);

      picture->annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) frontline_annotation_free);
      for (guint i = 0; i < annotations->len; i++)
        g_ptr_array_add (picture->annotations, frontline_annotation_copy (g_ptr_array_index (annotations, i)));
      picture->options.annotations = picture->annotations;
    }
  picture->options.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  picture->options.title = FALSE;
  picture->options.legend = FALSE;
  picture->options.scale_bar = FALSE;
  picture->options.sources_strip = FALSE;
  picture->width = MAX (1, (int) round (screen_width * factor));
  picture->height = MAX (1, (int) round (screen_height * factor));
  picture->shrink = factor / scale;

  *cancellable = g_cancellable_new ();
  task = g_task_new (self, *cancellable, picture_done_cb, g_object_ref (target));
  g_task_set_task_data (task, picture, (GDestroyNotify) picture_free);
  g_task_run_in_thread (task, picture_thread);
}

static void
set_stop_labels (GtkLabel      *title,
                 GtkLabel      *date,
                 FrontlineStop *stop,
                 FrontlineDay   day,
                 const char    *fallback_title)
{
  g_autofree char *label = day != FRONTLINE_DAY_NONE ? frontline_day_format_label (day) : NULL;

  gtk_label_set_text (title, stop != NULL && frontline_stop_get_title (stop) != NULL
                             ? frontline_stop_get_title (stop) : fallback_title);
  gtk_label_set_text (date, label != NULL ? label : "");
}

static void
update_stops (FrontlinePresenterWindow *self)
{
  FrontlineDataset *dataset = get_dataset (self);
  guint n = frontline_presentation_get_n_stops (self->presentation);
  int index = frontline_presentation_get_stop (self->presentation);
  g_autoptr(FrontlineStop) current = NULL;
  g_autoptr(FrontlineStop) next = NULL;
  g_autofree char *position = NULL;
  FrontlineDay day = FRONTLINE_DAY_NONE;
  FrontlineDay next_day = FRONTLINE_DAY_NONE;
  const char *notes = NULL;

  if (dataset == NULL || n == 0)
    return;

  adw_window_title_set_subtitle (self->window_title, frontline_dataset_get_title (dataset));
  /* Translators: where the presenter is, as “Stop 3 of 6” */
  position = g_strdup_printf (_("Stop %d of %u"), index + 1, n);
  gtk_label_set_text (self->position, position);

  current = get_stop (self, (guint) index, &day);
  set_stop_labels (self->current_title, self->current_date, current, day,
                   frontline_dataset_get_title (dataset));
  draw_picture (self, self->current_picture, &self->current_cancellable, current, day, 640);

  if (current != NULL)
    notes = frontline_stop_get_notes (current);
  if (notes != NULL && notes[0] != '\0')
    {
      gtk_label_set_text (self->notes, notes);
      gtk_widget_remove_css_class (GTK_WIDGET (self->notes), "dim-label");
    }
  else
    {
      gtk_label_set_text (self->notes, _("No speaker notes for this stop"));
      gtk_widget_add_css_class (GTK_WIDGET (self->notes), "dim-label");
    }

  if ((guint) index + 1 < n)
    {
      next = get_stop (self, (guint) index + 1, &next_day);
      set_stop_labels (self->next_title, self->next_date, next, next_day,
                       frontline_dataset_get_title (dataset));
      draw_picture (self, self->next_picture, &self->next_cancellable, next, next_day, 400);
    }
  else
    {
      /* Translators: in place of the next stop, after the last one */
      gtk_label_set_text (self->next_title, _("End of the presentation"));
      gtk_label_set_text (self->next_date, "");
      draw_picture (self, self->next_picture, &self->next_cancellable, NULL, FRONTLINE_DAY_NONE,
                    400);
    }
}

/**
 * frontline_presenter_window_format_elapsed:
 * @elapsed: microseconds
 *
 * Returns: (transfer full): @elapsed as minutes and seconds, with the hours
 *   once there are any: “4:05”, “1:02:03”
 */
char *
frontline_presenter_window_format_elapsed (gint64 elapsed)
{
  gint64 seconds = MAX (elapsed, 0) / G_USEC_PER_SEC;

  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60),
                            (int) (seconds % 60));
  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

static void
update_times (FrontlinePresenterWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gboolean paused = frontline_presentation_get_timer_paused (self->presentation);

  g_free (self->elapsed_text);
  self->elapsed_text =
    frontline_presenter_window_format_elapsed (frontline_presentation_get_elapsed (self->presentation));
  gtk_label_set_text (self->elapsed, self->elapsed_text);
  g_free (self->clock_text);
  self->clock_text = g_date_time_format (now, "%H:%M");
  gtk_label_set_text (self->clock, self->clock_text);

  if (paused)
    gtk_widget_add_css_class (GTK_WIDGET (self->elapsed), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->elapsed), "warning");
}

static gboolean
clock_cb (gpointer user_data)
{
  update_times (FRONTLINE_PRESENTER_WINDOW (user_data));
  return G_SOURCE_CONTINUE;
}

static void
update_tools (FrontlinePresenterWindow *self)
{
  gboolean paused = frontline_presentation_get_timer_paused (self->presentation);
  GString *tools = g_string_new (NULL);

  gtk_button_set_icon_name (self->pause_button, paused ? "media-playback-start-symbolic"
                                                       : "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->pause_button),
                               paused ? _("Resume the Timer") : _("Pause the Timer"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pause_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  paused ? _("Resume the Timer") : _("Pause the Timer"), -1);
  /* What the audience sees beyond the map: a blank screen, the presenter's
   * tools. */
  if (frontline_presentation_get_blackout (self->presentation) != NULL)
    g_string_append (tools, _("Audience screen blanked"));
  if (frontline_presentation_get_laser (self->presentation))
    {
      if (tools->len > 0)
        g_string_append (tools, " · ");
      g_string_append (tools, _("Laser pointer on"));
    }
  if (frontline_presentation_get_pen (self->presentation))
    {
      if (tools->len > 0)
        g_string_append (tools, " · ");
      g_string_append (tools, _("Pen on"));
    }
  gtk_label_set_text (self->tools, tools->str);
  gtk_widget_set_visible (GTK_WIDGET (self->tools), tools->len > 0);
  g_string_free (tools, TRUE);
  update_times (self);
}

static gboolean
on_keys_key_pressed_cb (FrontlinePresenterWindow *self,
                        guint                     keyval,
                        guint                     keycode,
                        GdkModifierType           state,
                        GtkEventControllerKey    *controller)
{
  /* The presenter's keys are the audience's: one presentation. */
  return frontline_presentation_handle_key (self->presentation, keyval);
}

static void
on_previous_clicked_cb (FrontlinePresenterWindow *self)
{
  frontline_presentation_show_stop (self->presentation,
                                    frontline_presentation_get_stop (self->presentation) - 1);
}

static void
on_next_clicked_cb (FrontlinePresenterWindow *self)
{
  frontline_presentation_show_stop (self->presentation,
                                    frontline_presentation_get_stop (self->presentation) + 1);
}

static void
on_pause_clicked_cb (FrontlinePresenterWindow *self)
{
  frontline_presentation_set_timer_paused (self->presentation,
                                           !frontline_presentation_get_timer_paused (self->presentation));
}

static void
on_reset_clicked_cb (FrontlinePresenterWindow *self)
{
  frontline_presentation_reset_timer (self->presentation);
  update_times (self);
}

static void
on_swap_clicked_cb (FrontlinePresenterWindow *self)
{
  g_signal_emit_by_name (self->presentation, "swap-screens");
}

static void
on_end_clicked_cb (FrontlinePresenterWindow *self)
{
  frontline_presentation_set_active (self->presentation, FALSE);
}

/* Closing the presenter's window ends the presentation. */
static gboolean
frontline_presenter_window_close_request (GtkWindow *window)
{
  FrontlinePresenterWindow *self = FRONTLINE_PRESENTER_WINDOW (window);

  if (self->presentation != NULL)
    frontline_presentation_set_active (self->presentation, FALSE);
  return GTK_WINDOW_CLASS (frontline_presenter_window_parent_class)->close_request (window);
}

static void
set_presentation (FrontlinePresenterWindow *self,
                  FrontlinePresentation    *presentation)
{
  self->presentation = g_object_ref (presentation);
  g_signal_connect_object (presentation, "notify::stop", G_CALLBACK (update_stops), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (presentation, "notify::timer-paused", G_CALLBACK (update_tools), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (presentation, "notify::laser", G_CALLBACK (update_tools), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (presentation, "notify::pen", G_CALLBACK (update_tools), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (presentation, "notify::blackout", G_CALLBACK (update_tools), self,
                           G_CONNECT_SWAPPED);
  update_stops (self);
  update_tools (self);
}

static void
frontline_presenter_window_dispose (GObject *object)
{
  FrontlinePresenterWindow *self = FRONTLINE_PRESENTER_WINDOW (object);

  g_clear_handle_id (&self->clock_source, g_source_remove);
  if (self->current_cancellable != NULL)
    g_cancellable_cancel (self->current_cancellable);
  if (self->next_cancellable != NULL)
    g_cancellable_cancel (self->next_cancellable);
  g_clear_object (&self->current_cancellable);
  g_clear_object (&self->next_cancellable);
  if (self->presentation != NULL)
    g_signal_handlers_disconnect_by_data (self->presentation, self);
  g_clear_object (&self->presentation);
  gtk_widget_dispose_template (GTK_WIDGET (self), FRONTLINE_TYPE_PRESENTER_WINDOW);

  G_OBJECT_CLASS (frontline_presenter_window_parent_class)->dispose (object);
}

static void
frontline_presenter_window_finalize (GObject *object)
{
  FrontlinePresenterWindow *self = FRONTLINE_PRESENTER_WINDOW (object);

  g_free (self->elapsed_text);
  g_free (self->clock_text);

  G_OBJECT_CLASS (frontline_presenter_window_parent_class)->finalize (object);
}

static void
frontline_presenter_window_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  FrontlinePresenterWindow *self = FRONTLINE_PRESENTER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PRESENTATION:
      g_value_set_object (value, self->presentation);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_presenter_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  FrontlinePresenterWindow *self = FRONTLINE_PRESENTER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PRESENTATION:
      set_presentation (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_presenter_window_class_init (FrontlinePresenterWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = frontline_presenter_window_dispose;
  object_class->finalize = frontline_presenter_window_finalize;
  object_class->get_property = frontline_presenter_window_get_property;
  object_class->set_property = frontline_presenter_window_set_property;
  window_class->close_request = frontline_presenter_window_close_request;

  /**
   * FrontlinePresenterWindow:presentation:
   *
   * The presentation the audience sees: followed and driven.
   */
  properties[PROP_PRESENTATION] =
    g_param_spec_object ("presentation", NULL, NULL, FRONTLINE_TYPE_PRESENTATION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/frontline-presenter-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresenterWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresenterWindow, position);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresenterWindow, current_title);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresenterWindow, current_date);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresenterWindow, current_picture);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresenterWindow, next_title);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresenterWindow, next_date);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresenterWindow, next_picture);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresenterWindow, notes);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresenterWindow, elapsed);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresenterWindow, clock);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresenterWindow, pause_button);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresenterWindow, tools);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pause_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_swap_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_end_clicked_cb);
}

static void
frontline_presenter_window_init (FrontlinePresenterWindow *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Before any button: Space and Enter go on, as on the audience's screen. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_keys_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  self->clock_source = g_timeout_add (250, clock_cb, self);
}

/**
 * frontline_presenter_window_new:
 * @presentation: the audience's presentation
 *
 * Returns: (transfer full): the presenter's window for @presentation
 */
FrontlinePresenterWindow *
frontline_presenter_window_new (FrontlinePresentation *presentation)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTATION (presentation), NULL);

  return g_object_new (FRONTLINE_TYPE_PRESENTER_WINDOW, "presentation", presentation, NULL);
}

FrontlinePresentation *
frontline_presenter_window_get_presentation (FrontlinePresenterWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTER_WINDOW (self), NULL);

  return self->presentation;
}

/**
 * frontline_presenter_window_get_notes:
 *
 * Returns: the speaker notes shown
 */
const char *
frontline_presenter_window_get_notes (FrontlinePresenterWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTER_WINDOW (self), NULL);

  return gtk_label_get_text (self->notes);
}

const char *
frontline_presenter_window_get_current_title (FrontlinePresenterWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTER_WINDOW (self), NULL);

  return gtk_label_get_text (self->current_title);
}

const char *
frontline_presenter_window_get_next_title (FrontlinePresenterWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTER_WINDOW (self), NULL);

  return gtk_label_get_text (self->next_title);
}

const char *
frontline_presenter_window_get_elapsed_text (FrontlinePresenterWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTER_WINDOW (self), NULL);

  return gtk_label_get_text (self->elapsed);
}

/**
 * frontline_presenter_window_get_status_text:
 *
 * Returns: what the presenter is told of the audience's screen beyond the
 *   map (blanked, the laser, the pen), or ""
 */
const char *
frontline_presenter_window_get_status_text (FrontlinePresenterWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTER_WINDOW (self), NULL);

  return gtk_label_get_text (self->tools);
}

const char *
frontline_presenter_window_get_clock_text (FrontlinePresenterWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTER_WINDOW (self), NULL);

  return gtk_label_get_text (self->clock);
}

/**
 * frontline_presenter_window_get_current_picture:
 *
 * Returns: (transfer none) (nullable): the picture of the stop shown, once
 *   drawn
 */
GdkPaintable *
frontline_presenter_window_get_current_picture (FrontlinePresenterWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTER_WINDOW (self), NULL);

  return gtk_picture_get_paintable (self->current_picture);
}
