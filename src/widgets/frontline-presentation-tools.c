/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-presentation"

#include "config.h"

#include "frontline-presentation-private.h"

/* The presenter's tools over the presentation: the pointer and its laser
 * dot, the pen's strokes (drawn over the card and the map in the snapshot),
 * and the timer of how long the presentation has run. */

/* The pointer: hidden while the laser stands in for it, and when idle. */
static void
update_cursor (FrontlinePresentation *self,
               gboolean               idle)
{
  if (self->root == NULL)
    return;

  if (self->laser || idle)
    gtk_widget_set_cursor_from_name (self->root, "none");
  else if (self->pen)
    gtk_widget_set_cursor_from_name (self->root, "crosshair");
  else
    gtk_widget_set_cursor (self->root, NULL);
}

static gboolean
hide_pointer_cb (gpointer user_data)
{
  FrontlinePresentation *self = FRONTLINE_PRESENTATION (user_data);

  self->pointer_timeout = 0;
  update_cursor (self, !self->pen);
  return G_SOURCE_REMOVE;
}

void
_frontline_presentation_pointer_moved (FrontlinePresentation *self)
{
  if (!self->active || self->root == NULL)
    return;

  /* The pointer shows while it moves, and hides when idle. */
  update_cursor (self, FALSE);
  g_clear_handle_id (&self->pointer_timeout, g_source_remove);
  self->pointer_timeout = g_timeout_add_seconds (2, hide_pointer_cb, self);
}

void
_frontline_presentation_motion_cb (FrontlinePresentation *self,
                                   double                 x,
                                   double                 y)
{
  double px = x, py = y;

  _frontline_presentation_pointer_moved (self);
  if (self->root != NULL)
    gtk_widget_translate_coordinates (self->root, GTK_WIDGET (self), x, y, &px, &py);
  frontline_presentation_point_laser (self, px, py);
}

void
_frontline_presentation_motion_leave_cb (FrontlinePresentation *self)
{
  self->laser_inside = FALSE;
  if (self->laser)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * frontline_presentation_point_laser:
 * @x: where the pointer is, in the presentation's coordinates
 *
 * Moves the laser pointer's dot (the motion controller, tests).
 */
void
frontline_presentation_point_laser (FrontlinePresentation *self,
                                    double                 x,
                                    double                 y)
{
  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));

  self->laser_x = x;
  self->laser_y = y;
  self->laser_inside = TRUE;
  if (self->laser)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
frontline_presentation_get_laser (FrontlinePresentation *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTATION (self), FALSE);

  return self->laser;
}

/**
 * frontline_presentation_set_laser:
 *
 * Shows a bright dot where the pointer is, instead of the pointer.
 */
void
frontline_presentation_set_laser (FrontlinePresentation *self,
                                  gboolean               laser)
{
  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));

  laser = !!laser;
  if (self->laser == laser)
    return;

  self->laser = laser;
  update_cursor (self, FALSE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), _frontline_presentation_properties[PROP_LASER]);
}

gboolean
frontline_presentation_get_pen (FrontlinePresentation *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTATION (self), FALSE);

  return self->pen;
}

/**
 * frontline_presentation_set_pen:
 *
 * While the pen is on, a drag draws on the screen instead of moving the
 * map; the marks stay until the next stop.
 */
void
frontline_presentation_set_pen (FrontlinePresentation *self,
                                gboolean               pen)
{
  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));

  pen = !!pen;
  if (self->pen == pen)
    return;

  self->pen = pen;
  update_cursor (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), _frontline_presentation_properties[PROP_PEN]);
}

/**
 * frontline_presentation_pen_begin:
 * @x: where the stroke begins, in the presentation's coordinates
 *
 * Begins a stroke of the pen (the drag gesture, tests), whether the pen is
 * on or not.
 */
void
frontline_presentation_pen_begin (FrontlinePresentation *self,
                                  double                 x,
                                  double                 y)
{
  GArray *stroke;

  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));

  stroke = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  g_array_append_val (stroke, GRAPHENE_POINT_INIT ((float) x, (float) y));
  g_ptr_array_add (self->strokes, stroke);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * frontline_presentation_pen_extend:
 *
 * Draws the last stroke on to (@x, @y).
 */
void
frontline_presentation_pen_extend (FrontlinePresentation *self,
                                   double                 x,
                                   double                 y)
{
  graphene_point_t point = GRAPHENE_POINT_INIT ((float) x, (float) y);

  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));

  if (self->strokes->len == 0)
    {
      frontline_presentation_pen_begin (self, x, y);
      return;
    }
  g_array_append_val (g_ptr_array_index (self->strokes, self->strokes->len - 1), point);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * frontline_presentation_get_n_pen_strokes:
 *
 * Returns: how many strokes of the pen are on the screen
 */
guint
frontline_presentation_get_n_pen_strokes (FrontlinePresentation *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTATION (self), 0);

  return self->strokes->len;
}

void
frontline_presentation_clear_pen (FrontlinePresentation *self)
{
  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));

  if (self->strokes->len == 0)
    return;
  g_ptr_array_set_size (self->strokes, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_frontline_presentation_pen_drag_begin_cb (FrontlinePresentation *self,
                                           double                 x,
                                           double                 y,
                                           GtkGestureDrag        *gesture)
{
  double px = x, py = y;

  /* Without the pen, the map takes the drag. */
  if (!self->pen || self->root == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_translate_coordinates (self->root, GTK_WIDGET (self), x, y, &px, &py);
  self->pen_start_x = px;
  self->pen_start_y = py;
  frontline_presentation_pen_begin (self, px, py);
}

void
_frontline_presentation_pen_drag_update_cb (FrontlinePresentation *self,
                                            double                 dx,
                                            double                 dy,
                                            GtkGestureDrag        *gesture)
{
  if (self->pen)
    frontline_presentation_pen_extend (self, self->pen_start_x + dx, self->pen_start_y + dy);
}

/* The pen's marks and the laser's dot, over the card and the map. */
static void
draw_ink (FrontlinePresentation *self,
          cairo_t               *cr)
{
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < self->strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index (self->strokes, i);

      for (guint j = 0; j < stroke->len; j++)
        {
          graphene_point_t *point = &g_array_index (stroke, graphene_point_t, j);

          if (j == 0)
            cairo_move_to (cr, point->x, point->y);
          else
            cairo_line_to (cr, point->x, point->y);
        }
      /* A dot for a click. */
      if (stroke->len == 1)
        cairo_rel_line_to (cr, 0, 0);
      /* Yellow on a white halo reads over any map. */
      cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
      cairo_set_line_width (cr, 9);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgb (cr, 0.96, 0.38, 0.0);  /* GNOME orange 4 */
      cairo_set_line_width (cr, 5);
      cairo_stroke (cr);
    }

  if (self->laser && self->laser_inside)
    {
      cairo_pattern_t *glow = cairo_pattern_create_radial (self->laser_x, self->laser_y, 3,
                                                           self->laser_x, self->laser_y, 18);

      cairo_pattern_add_color_stop_rgba (glow, 0, 0.88, 0.11, 0.14, 0.6);
      cairo_pattern_add_color_stop_rgba (glow, 1, 0.88, 0.11, 0.14, 0);
      cairo_set_source (cr, glow);
      cairo_arc (cr, self->laser_x, self->laser_y, 18, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_pattern_destroy (glow);
      cairo_set_source_rgb (cr, 1, 0.2, 0.2);
      cairo_arc (cr, self->laser_x, self->laser_y, 6, 0, 2 * G_PI);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

void
_frontline_presentation_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  FrontlinePresentation *self = FRONTLINE_PRESENTATION (widget);
  cairo_t *cr;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_snapshot_child (widget, child, snapshot);

  if (self->strokes->len == 0 && !(self->laser && self->laser_inside))
    return;

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                       gtk_widget_get_height (widget)));
  draw_ink (self, cr);
  cairo_destroy (cr);
}

/**
 * frontline_presentation_get_elapsed:
 *
 * Returns: how long the presentation has run, in microseconds, less its
 *   pauses
 */
gint64
frontline_presentation_get_elapsed (FrontlinePresentation *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTATION (self), 0);

  if (self->timer_paused || !self->active)
    return self->timer_before;
  return self->timer_before + (g_get_monotonic_time () - self->timer_since);
}

gboolean
frontline_presentation_get_timer_paused (FrontlinePresentation *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTATION (self), FALSE);

  return self->timer_paused;
}

void
frontline_presentation_set_timer_paused (FrontlinePresentation *self,
                                         gboolean               paused)
{
  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));

  paused = !!paused;
  if (self->timer_paused == paused)
    return;

  self->timer_before = frontline_presentation_get_elapsed (self);
  self->timer_since = g_get_monotonic_time ();
  self->timer_paused = paused;
  g_object_notify_by_pspec (G_OBJECT (self), _frontline_presentation_properties[PROP_TIMER_PAUSED]);
}

/**
 * frontline_presentation_reset_timer:
 *
 * Starts the elapsed time again from zero; a paused timer stays paused.
 */
void
frontline_presentation_reset_timer (FrontlinePresentation *self)
{
  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));

  self->timer_before = 0;
  self->timer_since = g_get_monotonic_time ();
}
