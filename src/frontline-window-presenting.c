/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The window while presenting: the map, large type and nothing else. */

#define G_LOG_DOMAIN "frontline-window"

#include "config.h"

#include "frontline-window-private.h"

/* Presenting: the map, large type and nothing else; the window's chrome goes. */
void
_frontline_window_presenting_changed (FrontlineWindow *self)
{
  gboolean presenting = frontline_presentation_get_active (self->presentation);

  if (presenting)
    {
      self->was_fullscreen = gtk_window_is_fullscreen (GTK_WINDOW (self));
      self->was_sidebar_visible = adw_flap_get_reveal_flap (self->flap);
      gtk_window_fullscreen (GTK_WINDOW (self));
      adw_flap_set_reveal_flap (self->flap, FALSE);
    }
  else
    {
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
