/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The window while presenting: the map, large type and nothing else; with
 * notes, the presenter's window beside it (frontline-presenter-window.c), on
 * another monitor when there is one. */

#define G_LOG_DOMAIN "frontline-window"

#include "config.h"

#include "frontline-window-private.h"

static GListModel *
get_monitors (FrontlineWindow *self)
{
  GListModel *monitors = g_object_get_data (G_OBJECT (self), "frontline-monitors");

  return monitors != NULL ? monitors
                          : gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
}

/**
 * _frontline_window_set_monitors:
 * @monitors: (nullable): the monitors to present on, in place of the
 *   display's (tests: Xvfb gives GDK one monitor)
 */
void
_frontline_window_set_monitors (FrontlineWindow *self,
                                GListModel      *monitors)
{
  g_object_set_data_full (G_OBJECT (self), "frontline-monitors",
                          monitors != NULL ? g_object_ref (monitors) : NULL, g_object_unref);
}

/* The monitor the window is on, as an index into @monitors; the first when
 * it is on none yet. */
static guint
window_monitor (FrontlineWindow *self,
                GListModel      *monitors)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self));
  GdkMonitor *monitor;

  if (surface == NULL)
    return 0;
  monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (GTK_WIDGET (self)), surface);
  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) each = g_list_model_get_item (monitors, i);

      if (each == monitor)
        return i;
    }
  return 0;
}

/* With two monitors or more, each window fullscreen on its own; with one,
 * both windowed: the audience's window is shared on a call, or mirrored. */
static void
place_windows (FrontlineWindow *self)
{
  GListModel *monitors = get_monitors (self);
  guint n = g_list_model_get_n_items (monitors);
  g_autoptr(GdkMonitor) audience = NULL;
  g_autoptr(GdkMonitor) presenter = NULL;

  if (n < 2)
    {
      if (!self->was_fullscreen)
        gtk_window_unfullscreen (GTK_WINDOW (self));
      return;
    }

  audience = g_list_model_get_item (monitors, MIN (self->audience_monitor, n - 1));
  presenter = g_list_model_get_item (monitors, MIN (self->presenter_monitor, n - 1));
  gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), audience);
  gtk_window_fullscreen_on_monitor (GTK_WINDOW (self->presenter), presenter);
}

/**
 * _frontline_window_swap_screens:
 *
 * The audience's view and the presenter's trade monitors.
 */
void
_frontline_window_swap_screens (FrontlineWindow *self)
{
  guint audience = self->audience_monitor;

  if (self->presenter == NULL)
    return;

  self->audience_monitor = self->presenter_monitor;
  self->presenter_monitor = audience;
  place_windows (self);
}

static void
on_window_destroy_cb (FrontlineWindow *self)
{
  if (self->presenter != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->presenter)));
}

/**
 * _frontline_window_present_with_notes:
 *
 * Presents with the presenter's window: the audience's view on another
 * monitor than the one the window is on, when there is one.
 */
void
_frontline_window_present_with_notes (FrontlineWindow *self)
{
  GListModel *monitors = get_monitors (self);
  guint n = g_list_model_get_n_items (monitors);

  if (self->dataset == NULL)
    return;

  _frontline_window_stop_playing (self);
  if (frontline_presentation_get_active (self->presentation) && self->presenter != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->presenter));
      return;
    }
  frontline_presentation_set_active (self->presentation, FALSE);

  /* The presenter stays where they are; the audience gets the next monitor. */
  self->presenter_monitor = window_monitor (self, monitors);
  self->audience_monitor = n > 1 ? (self->presenter_monitor + 1) % n : 0;

  self->presenter = frontline_presenter_window_new (self->presentation);
  gtk_window_set_application (GTK_WINDOW (self->presenter),
                              gtk_window_get_application (GTK_WINDOW (self)));
  if (g_signal_handler_find (self, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_window_destroy_cb, NULL) == 0)
    g_signal_connect (self, "destroy", G_CALLBACK (on_window_destroy_cb), NULL);

  frontline_presentation_set_active (self->presentation, TRUE);
  gtk_window_present (GTK_WINDOW (self->presenter));
  place_windows (self);
}

static void
present_notes_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  _frontline_window_present_with_notes (FRONTLINE_WINDOW (widget));
}

static void
on_presentation_dataset_changed_cb (FrontlineWindow *self)
{
  gboolean has_dataset = frontline_view_state_get_dataset (self->state) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present-notes", has_dataset);
}

static void
on_presentation_swap_screens_cb (FrontlineWindow *self)
{
  _frontline_window_swap_screens (self);
}

/* What presenting adds to the window's class: its action and the
 * presentation's callbacks. */
void
_frontline_window_presenting_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.present-notes", NULL, present_notes_action);
  gtk_widget_class_bind_template_callback (widget_class, on_presentation_dataset_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_presentation_swap_screens_cb);
}

/* Presenting: the map, large type and nothing else; the window's chrome goes. */
void
_frontline_window_presenting_changed (FrontlineWindow *self)
{
  gboolean presenting = frontline_presentation_get_active (self->presentation);

  if (presenting)
    {
      self->was_fullscreen = gtk_window_is_fullscreen (GTK_WINDOW (self));
      self->was_sidebar_visible = adw_flap_get_reveal_flap (self->flap);
      /* With the presenter's window, place_windows() says where. */
      if (self->presenter == NULL)
        gtk_window_fullscreen (GTK_WINDOW (self));
      adw_flap_set_reveal_flap (self->flap, FALSE);
    }
  else
    {
      if (self->presenter != NULL)
        gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->presenter)));
      adw_flap_set_reveal_flap (self->flap, self->was_sidebar_visible);
      if (!self->was_fullscreen)
        gtk_window_unfullscreen (GTK_WINDOW (self));
      gtk_widget_set_visible (GTK_WIDGET (self->legend), TRUE);
    }

  gtk_widget_set_visible (self->header_bar, !presenting);
  gtk_widget_set_visible (GTK_WIDGET (self->date_bar), !presenting);
  /* Nothing technical before an audience: the notes, the compare card (the
   * title card says what changed), the zoom buttons and the toasts (hidden by
   * style.css under .frontline-presenting). Child visibility, so that the
   * notes come back as they were. */
  gtk_widget_set_child_visible (self->detail_note, !presenting);
  gtk_widget_set_child_visible (self->approximate_note, !presenting);
  gtk_widget_set_child_visible (GTK_WIDGET (self->compare_card), !presenting);
  shumate_simple_map_set_show_zoom_buttons (self->map, !presenting);
  if (presenting)
    gtk_widget_add_css_class (GTK_WIDGET (self), "frontline-presenting");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "frontline-presenting");
  /* The legend moves aside for the title card: top right, where the zoom
   * buttons were. */
  {
    /* The legend and the approximate note stand in one box over the map. */
    GtkWidget *legend_box = gtk_widget_get_parent (GTK_WIDGET (self->legend));

    gtk_widget_set_halign (legend_box, presenting ? GTK_ALIGN_END : GTK_ALIGN_START);
    gtk_widget_set_margin_end (legend_box, presenting ? 12 : 0);
  }
}
