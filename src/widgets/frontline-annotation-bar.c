/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-annotation-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "frontline-annotation-bar.h"

/* Drawing on a stop: the tools over the map, and the gestures on the map
 * that draw with them. While a tool is on, a drag on the map draws (the map
 * does not pan: the gesture claims the pointer before the map's own do); with
 * no tool on, the map pans as ever. Arrows and lines go from where a drag
 * starts to where it ends, freehand strokes follow it, a circle is centred
 * where the drag starts and reaches where it ends, text is typed into a
 * popover where the map is clicked, and Erase removes the drawing clicked.
 * Every change is written to the stop at once (frontline_stop_set_annotations,
 * which is how the dataset knows it was edited), after keeping what the stop
 * had for Undo (Ctrl+Z). Done (Escape) ends. */

#define EARTH_RADIUS      6378137.0
/* A drag shorter than this, in pixels, is a click. */
#define CLICK_DISTANCE    4.0
/* A freehand stroke keeps a point every this many pixels. */
#define FREEHAND_STEP     2.0
/* A circle made by a click has this radius, in pixels. */
#define CLICK_RADIUS      40.0
/* How far from a drawing a click still erases it, in pixels. */
#define ERASE_TOLERANCE   6.0
#define TEXT_SIZE         16.0
#define MAX_UNDO          100

G_DEFINE_ENUM_TYPE (FrontlineAnnotationTool, frontline_annotation_tool,
                    G_DEFINE_ENUM_VALUE (FRONTLINE_ANNOTATION_TOOL_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (FRONTLINE_ANNOTATION_TOOL_ARROW, "arrow"),
                    G_DEFINE_ENUM_VALUE (FRONTLINE_ANNOTATION_TOOL_LINE, "line"),
                    G_DEFINE_ENUM_VALUE (FRONTLINE_ANNOTATION_TOOL_CIRCLE, "circle"),
                    G_DEFINE_ENUM_VALUE (FRONTLINE_ANNOTATION_TOOL_TEXT, "text"),
                    G_DEFINE_ENUM_VALUE (FRONTLINE_ANNOTATION_TOOL_FREEHAND, "freehand"),
                    G_DEFINE_ENUM_VALUE (FRONTLINE_ANNOTATION_TOOL_ERASE, "erase"))

/* A few colours of the GNOME palette, strong enough over the areas' tints. */
static const struct {
  const char *hex;
  const char *css;
  const char *name;
} swatches[] = {
  { "#e01b24", "frontline-swatch-red", NC_("colour", "Red") },
  { "#ff7800", "frontline-swatch-orange", NC_("colour", "Orange") },
  { "#f6d32d", "frontline-swatch-yellow", NC_("colour", "Yellow") },
  { "#26a269", "frontline-swatch-green", NC_("colour", "Green") },
  { "#1c71d8", "frontline-swatch-blue", NC_("colour", "Blue") },
  { "#9141ac", "frontline-swatch-purple", NC_("colour", "Purple") },
  { "#241f31", "frontline-swatch-black", NC_("colour", "Black") },
};

struct _FrontlineAnnotationBar
{
  GtkWidget                 parent_instance;

  FrontlineStop            *stop;
  FrontlineAnnotationTool   tool;
  char                     *color;
  double                    rgba[4];
  double                    width;

  GtkWidget                *map;         /* weak: the widget the gestures are on */
  FrontlineAnnotationLayer *layer;
  GtkGesture               *drag;

  FrontlineAnnotation      *stroke;      /* the drawing under way, or NULL */
  double                    start_x;     /* where it began, in the layer's pixels */
  double                    start_y;
  double                    last_x;
  double                    last_y;
  double                    text_point[2];
  GPtrArray                *undo;        /* GPtrArray of what the stop had before each edit */
  gboolean                  updating;

  /* Template widgets */
  GtkToggleButton          *arrow_button;
  GtkToggleButton          *line_button;
  GtkToggleButton          *circle_button;
  GtkToggleButton          *text_button;
  GtkToggleButton          *freehand_button;
  GtkToggleButton          *erase_button;
  GtkBox                   *swatch_box;
  GtkSpinButton            *width_spin;
  GtkButton                *undo_button;
  GtkPopover               *text_popover;
  GtkEditable              *text_entry;
  GtkToggleButton          *swatch_buttons[G_N_ELEMENTS (swatches)];
};

G_DEFINE_FINAL_TYPE (FrontlineAnnotationBar, frontline_annotation_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STOP,
  PROP_TOOL,
  PROP_COLOR,
  PROP_LINE_WIDTH,
  N_PROPS
};

enum {
  DONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkToggleButton *
tool_button (FrontlineAnnotationBar  *self,
             FrontlineAnnotationTool  tool)
{
  switch (tool)
    {
    case FRONTLINE_ANNOTATION_TOOL_ARROW: return self->arrow_button;
    case FRONTLINE_ANNOTATION_TOOL_LINE: return self->line_button;
    case FRONTLINE_ANNOTATION_TOOL_CIRCLE: return self->circle_button;
    case FRONTLINE_ANNOTATION_TOOL_TEXT: return self->text_button;
    case FRONTLINE_ANNOTATION_TOOL_FREEHAND: return self->freehand_button;
    case FRONTLINE_ANNOTATION_TOOL_ERASE: return self->erase_button;
    case FRONTLINE_ANNOTATION_TOOL_NONE:
    default:
      return NULL;
    }
}

static void
update_undo (FrontlineAnnotationBar *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->undo_button), frontline_annotation_bar_can_undo (self));
}

static void
update_cursor (FrontlineAnnotationBar *self)
{
  if (self->map == NULL)
    return;

  if (self->stop == NULL || self->tool == FRONTLINE_ANNOTATION_TOOL_NONE)
    gtk_widget_set_cursor (self->map, NULL);
  else if (self->tool == FRONTLINE_ANNOTATION_TOOL_TEXT)
    gtk_widget_set_cursor_from_name (self->map, "text");
  else if (self->tool == FRONTLINE_ANNOTATION_TOOL_ERASE)
    gtk_widget_set_cursor_from_name (self->map, "pointer");
  else
    gtk_widget_set_cursor_from_name (self->map, "crosshair");
}

/* The map's view, and a point of the map widget in the layer's pixels. */
static gboolean
get_view (FrontlineAnnotationBar *self,
          double                  x,
          double                  y,
          FrontlineView          *view,
          double                 *lx,
          double                 *ly)
{
  graphene_point_t point = GRAPHENE_POINT_INIT (x, y);
  graphene_point_t out;

  if (self->layer == NULL)
    return FALSE;

  frontline_annotation_layer_get_view (self->layer, view);
  if (view->width <= 0 || view->height <= 0)
    return FALSE;

  if (self->map != NULL && self->map != GTK_WIDGET (self->layer) &&
      gtk_widget_compute_point (self->map, GTK_WIDGET (self->layer), &point, &out))
    point = out;
  *lx = point.x;
  *ly = point.y;
  return TRUE;
}

static double
metres_per_pixel (double lat,
                  double zoom)
{
  return 2 * G_PI * EARTH_RADIUS * cos (lat * G_PI / 180.0) / (256.0 * exp2 (zoom));
}

/* Replaces the stop's drawings with @annotations, keeping what it had for
 * Undo. */
static void
commit (FrontlineAnnotationBar *self,
        GPtrArray              *annotations)
{
  GPtrArray *before = g_ptr_array_new_with_free_func ((GDestroyNotify) frontline_annotation_free);
  GPtrArray *current = frontline_stop_get_annotations (self->stop);

  for (guint i = 0; i < current->len; i++)
    g_ptr_array_add (before, frontline_annotation_copy (g_ptr_array_index (current, i)));
  g_ptr_array_add (self->undo, before);
  if (self->undo->len > MAX_UNDO)
    g_ptr_array_remove_index (self->undo, 0);

  frontline_stop_set_annotations (self->stop, annotations);
  update_undo (self);
}

static void
add_annotation (FrontlineAnnotationBar *self,
                FrontlineAnnotation    *annotation)
{
  GPtrArray *current = frontline_stop_get_annotations (self->stop);
  g_autoptr(GPtrArray) next = NULL;

  if (current->len >= FRONTLINE_ANNOTATION_MAX_PER_STOP)
    return;

  /* Copies: setting the stop's drawings frees those it had. */
  next = g_ptr_array_new_with_free_func ((GDestroyNotify) frontline_annotation_free);
  for (guint i = 0; i < current->len; i++)
    g_ptr_array_add (next, frontline_annotation_copy (g_ptr_array_index (current, i)));
  g_ptr_array_add (next, frontline_annotation_copy (annotation));
  commit (self, next);
}

static FrontlineAnnotation *
new_annotation (FrontlineAnnotationBar  *self,
                FrontlineAnnotationKind  kind,
                const double            *points,
                guint                    n_points)
{
  FrontlineAnnotation *annotation = frontline_annotation_new (kind, points, n_points);

  memcpy (annotation->rgba, self->rgba, sizeof annotation->rgba);
  annotation->width = self->width;
  return annotation;
}

/* Erasing */

static double
distance_to_segment (double px,
                     double py,
                     double ax,
                     double ay,
                     double bx,
                     double by)
{
  double dx = bx - ax;
  double dy = by - ay;
  double length = dx * dx + dy * dy;
  double t = length > 0 ? CLAMP (((px - ax) * dx + (py - ay) * dy) / length, 0.0, 1.0) : 0.0;

  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

static gboolean
hits (FrontlineAnnotationBar    *self,
      const FrontlineView       *view,
      const FrontlineAnnotation *annotation,
      double                     x,
      double                     y)
{
  double tolerance = annotation->width / 2 + ERASE_TOLERANCE;
  double ax, ay, bx, by;

  switch (annotation->kind)
    {
    case FRONTLINE_ANNOTATION_ARROW:
    case FRONTLINE_ANNOTATION_LINE:
    case FRONTLINE_ANNOTATION_FREEHAND:
      frontline_view_to_point (view, annotation->points[0], annotation->points[1], &ax, &ay);
      for (guint i = 1; i < annotation->n_points; i++)
        {
          frontline_view_to_point (view, annotation->points[2 * i], annotation->points[2 * i + 1], &bx, &by);
          if (distance_to_segment (x, y, ax, ay, bx, by) <= tolerance)
            return TRUE;
          ax = bx;
          ay = by;
        }
      return FALSE;

    case FRONTLINE_ANNOTATION_CIRCLE:
      frontline_view_to_point (view, annotation->points[0], annotation->points[1], &ax, &ay);
      /* Inside or on its edge. */
      return hypot (x - ax, y - ay) <=
             annotation->radius / metres_per_pixel (annotation->points[1], view->zoom) + tolerance;

    case FRONTLINE_ANNOTATION_TEXT:
      {
        /* The label's box, measured as the painter lays it out. */
        g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), annotation->text);
        PangoFontDescription *font = pango_font_description_from_string ("Sans Bold");
        PangoRectangle logical;

        pango_font_description_set_absolute_size (font, TEXT_SIZE * PANGO_SCALE *
                                                  CLAMP (annotation->width / 4.0, 0.75, 3.0));
        pango_layout_set_font_description (layout, font);
        pango_font_description_free (font);
        pango_layout_set_width (layout, 360 * PANGO_SCALE);
        pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
        pango_layout_get_pixel_extents (layout, NULL, &logical);
        frontline_view_to_point (view, annotation->points[0], annotation->points[1], &ax, &ay);
        return fabs (x - ax) <= logical.width / 2.0 + ERASE_TOLERANCE &&
               fabs (y - ay) <= logical.height / 2.0 + ERASE_TOLERANCE;
      }

    default:
      return FALSE;
    }
}

static void
erase_at (FrontlineAnnotationBar *self,
          const FrontlineView    *view,
          double                  x,
          double                  y)
{
  GPtrArray *current = frontline_stop_get_annotations (self->stop);

  /* The one on top: the last drawn. */
  for (guint i = current->len; i-- > 0;)
    if (hits (self, view, g_ptr_array_index (current, i), x, y))
      {
        g_autoptr(GPtrArray) next = NULL;

        next = g_ptr_array_new_with_free_func ((GDestroyNotify) frontline_annotation_free);

        for (guint j = 0; j < current->len; j++)
          if (j != i)
            g_ptr_array_add (next, frontline_annotation_copy (g_ptr_array_index (current, j)));
        commit (self, next);
        return;
      }
}

/* Drawing */

/**
 * frontline_annotation_bar_begin:
 * @x: a point of the map widget
 * @y: a point of the map widget
 *
 * A press on the map: starts a drawing with the tool that is on.
 *
 * Returns: whether the bar takes the press (a tool is on and there is a stop
 *   to draw on); if not, the map has it
 */
gboolean
frontline_annotation_bar_begin (FrontlineAnnotationBar *self,
                                double                  x,
                                double                  y)
{
  FrontlineView view;
  double lx, ly;
  double point[4];

  g_return_val_if_fail (FRONTLINE_IS_ANNOTATION_BAR (self), FALSE);

  if (self->stop == NULL || self->tool == FRONTLINE_ANNOTATION_TOOL_NONE ||
      !get_view (self, x, y, &view, &lx, &ly))
    return FALSE;

  frontline_annotation_bar_cancel (self);
  self->start_x = self->last_x = lx;
  self->start_y = self->last_y = ly;
  frontline_view_from_point (&view, lx, ly, &point[0], &point[1]);
  point[2] = point[0];
  point[3] = point[1];

  switch (self->tool)
    {
    case FRONTLINE_ANNOTATION_TOOL_ARROW:
      self->stroke = new_annotation (self, FRONTLINE_ANNOTATION_ARROW, point, 2);
      break;
    case FRONTLINE_ANNOTATION_TOOL_LINE:
      self->stroke = new_annotation (self, FRONTLINE_ANNOTATION_LINE, point, 2);
      break;
    case FRONTLINE_ANNOTATION_TOOL_FREEHAND:
      self->stroke = new_annotation (self, FRONTLINE_ANNOTATION_FREEHAND, point, 1);
      break;
    case FRONTLINE_ANNOTATION_TOOL_CIRCLE:
      self->stroke = new_annotation (self, FRONTLINE_ANNOTATION_CIRCLE, point, 1);
      self->stroke->radius = 0;
      break;
    case FRONTLINE_ANNOTATION_TOOL_TEXT:
      self->text_point[0] = point[0];
      self->text_point[1] = point[1];
      break;
    case FRONTLINE_ANNOTATION_TOOL_ERASE:
    case FRONTLINE_ANNOTATION_TOOL_NONE:
    default:
      break;
    }

  return TRUE;
}

/**
 * frontline_annotation_bar_update:
 *
 * The pointer moved to (@x, @y) of the map widget while drawing.
 */
void
frontline_annotation_bar_update (FrontlineAnnotationBar *self,
                                 double                  x,
                                 double                  y)
{
  FrontlineView view;
  double lx, ly, lon, lat;
  FrontlineAnnotation *stroke;

  g_return_if_fail (FRONTLINE_IS_ANNOTATION_BAR (self));

  if ((stroke = self->stroke) == NULL || !get_view (self, x, y, &view, &lx, &ly))
    return;

  frontline_view_from_point (&view, lx, ly, &lon, &lat);
  switch (stroke->kind)
    {
    case FRONTLINE_ANNOTATION_ARROW:
    case FRONTLINE_ANNOTATION_LINE:
      stroke->points[2] = lon;
      stroke->points[3] = lat;
      break;

    case FRONTLINE_ANNOTATION_FREEHAND:
      if (hypot (lx - self->last_x, ly - self->last_y) < FREEHAND_STEP ||
          stroke->n_points >= FRONTLINE_ANNOTATION_MAX_POINTS)
        return;
      stroke->points = g_renew (double, stroke->points, 2 * (stroke->n_points + 1));
      stroke->points[2 * stroke->n_points] = lon;
      stroke->points[2 * stroke->n_points + 1] = lat;
      stroke->n_points++;
      break;

    case FRONTLINE_ANNOTATION_CIRCLE:
      stroke->radius = MIN (hypot (lx - self->start_x, ly - self->start_y) *
                            metres_per_pixel (stroke->points[1], view.zoom),
                            FRONTLINE_ANNOTATION_MAX_RADIUS);
      break;

    case FRONTLINE_ANNOTATION_TEXT:
    default:
      break;
    }

  self->last_x = lx;
  self->last_y = ly;
  /* A freehand stroke of one point has nothing to show yet. */
  if (self->layer != NULL && stroke->n_points >= (stroke->kind == FRONTLINE_ANNOTATION_CIRCLE ? 1u : 2u))
    frontline_annotation_layer_set_preview (self->layer, stroke);
}

static void
popup_text (FrontlineAnnotationBar *self,
            double                  x,
            double                  y)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  gtk_editable_set_text (self->text_entry, "");
  if (gtk_widget_get_parent (GTK_WIDGET (self->text_popover)) == NULL)
    return;
  gtk_popover_set_pointing_to (self->text_popover, &rect);
  gtk_popover_popup (self->text_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_entry));
}

/**
 * frontline_annotation_bar_end:
 *
 * The drawing ends at (@x, @y) of the map widget: it is added to the stop
 * (a click with Text asks for the text; with Erase, removes what is there).
 */
void
frontline_annotation_bar_end (FrontlineAnnotationBar *self,
                              double                  x,
                              double                  y)
{
  FrontlineView view;
  double lx, ly;
  gboolean click;
  g_autoptr(FrontlineAnnotation) stroke = NULL;

  g_return_if_fail (FRONTLINE_IS_ANNOTATION_BAR (self));

  if (self->stop == NULL || !get_view (self, x, y, &view, &lx, &ly))
    {
      frontline_annotation_bar_cancel (self);
      return;
    }

  frontline_annotation_bar_update (self, x, y);
  stroke = g_steal_pointer (&self->stroke);
  if (self->layer != NULL)
    frontline_annotation_layer_set_preview (self->layer, NULL);
  click = hypot (lx - self->start_x, ly - self->start_y) < CLICK_DISTANCE;

  switch (self->tool)
    {
    case FRONTLINE_ANNOTATION_TOOL_TEXT:
      popup_text (self, x, y);
      return;

    case FRONTLINE_ANNOTATION_TOOL_ERASE:
      erase_at (self, &view, self->start_x, self->start_y);
      return;

    case FRONTLINE_ANNOTATION_TOOL_CIRCLE:
      if (stroke == NULL)
        return;
      if (click)
        stroke->radius = CLICK_RADIUS * metres_per_pixel (stroke->points[1], view.zoom);
      break;

    case FRONTLINE_ANNOTATION_TOOL_ARROW:
    case FRONTLINE_ANNOTATION_TOOL_LINE:
    case FRONTLINE_ANNOTATION_TOOL_FREEHAND:
      if (stroke == NULL || click || stroke->n_points < 2)
        return;
      break;

    case FRONTLINE_ANNOTATION_TOOL_NONE:
    default:
      return;
    }

  add_annotation (self, stroke);
}

/**
 * frontline_annotation_bar_cancel:
 *
 * Drops the drawing under way.
 */
void
frontline_annotation_bar_cancel (FrontlineAnnotationBar *self)
{
  g_return_if_fail (FRONTLINE_IS_ANNOTATION_BAR (self));

  g_clear_pointer (&self->stroke, frontline_annotation_free);
  if (self->layer != NULL)
    frontline_annotation_layer_set_preview (self->layer, NULL);
}

static void
on_text_entry_activate_cb (GtkWidget              *widget,
                           FrontlineAnnotationBar *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (self->text_entry)));

  if (self->stop != NULL && text[0] != '\0')
    {
      g_autoptr(FrontlineAnnotation) annotation = new_annotation (self, FRONTLINE_ANNOTATION_TEXT,
                                                                 self->text_point, 1);

      frontline_annotation_set_text (annotation, text);
      add_annotation (self, annotation);
    }
  gtk_popover_popdown (self->text_popover);
}

static void
on_text_popover_closed_cb (GtkPopover             *popover,
                           FrontlineAnnotationBar *self)
{
  gtk_editable_set_text (self->text_entry, "");
}

/**
 * frontline_annotation_bar_get_text_popover:
 *
 * Returns: (transfer none): the popover Text asks for a label's text in
 */
GtkPopover *
frontline_annotation_bar_get_text_popover (FrontlineAnnotationBar *self)
{
  g_return_val_if_fail (FRONTLINE_IS_ANNOTATION_BAR (self), NULL);

  return self->text_popover;
}

/* Undo */

gboolean
frontline_annotation_bar_can_undo (FrontlineAnnotationBar *self)
{
  g_return_val_if_fail (FRONTLINE_IS_ANNOTATION_BAR (self), FALSE);

  return self->stop != NULL && self->undo->len > 0;
}

/**
 * frontline_annotation_bar_undo:
 *
 * Gives the stop back the drawings it had before the last change.
 *
 * Returns: whether there was a change to undo
 */
gboolean
frontline_annotation_bar_undo (FrontlineAnnotationBar *self)
{
  g_autoptr(GPtrArray) before = NULL;

  g_return_val_if_fail (FRONTLINE_IS_ANNOTATION_BAR (self), FALSE);

  if (!frontline_annotation_bar_can_undo (self))
    return FALSE;

  frontline_annotation_bar_cancel (self);
  before = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  frontline_stop_set_annotations (self->stop, before);
  update_undo (self);
  return TRUE;
}

/**
 * frontline_annotation_bar_done:
 *
 * Ends drawing: the tool goes off and #FrontlineAnnotationBar::done is
 * emitted.
 */
void
frontline_annotation_bar_done (FrontlineAnnotationBar *self)
{
  g_return_if_fail (FRONTLINE_IS_ANNOTATION_BAR (self));

  frontline_annotation_bar_cancel (self);
  if (gtk_widget_get_visible (GTK_WIDGET (self->text_popover)))
    gtk_popover_popdown (self->text_popover);
  frontline_annotation_bar_set_tool (self, FRONTLINE_ANNOTATION_TOOL_NONE);
  g_signal_emit (self, signals[DONE], 0);
}

static void
on_undo_clicked_cb (GtkButton              *button,
                    FrontlineAnnotationBar *self)
{
  frontline_annotation_bar_undo (self);
}

static void
on_done_clicked_cb (GtkButton              *button,
                    FrontlineAnnotationBar *self)
{
  frontline_annotation_bar_done (self);
}

/* Keys: Escape and Ctrl+Z anywhere in the window while drawing, unless what
 * has the focus takes them first (an entry's own undo). */
static gboolean
is_drawing (FrontlineAnnotationBar *self)
{
  return self->stop != NULL && gtk_widget_get_mapped (GTK_WIDGET (self));
}

static gboolean
escape_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  FrontlineAnnotationBar *self = FRONTLINE_ANNOTATION_BAR (widget);

  if (!is_drawing (self))
    return FALSE;

  /* A drawing under way first, then drawing itself. */
  if (self->stroke != NULL)
    frontline_annotation_bar_cancel (self);
  else
    frontline_annotation_bar_done (self);
  return TRUE;
}

static gboolean
undo_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  FrontlineAnnotationBar *self = FRONTLINE_ANNOTATION_BAR (widget);

  return is_drawing (self) && frontline_annotation_bar_undo (self);
}

/* Gestures on the map */

static void
on_drag_begin_cb (GtkGestureDrag         *gesture,
                  double                  x,
                  double                  y,
                  FrontlineAnnotationBar *self)
{
  GtkWidget *target = self->map != NULL ? gtk_widget_pick (self->map, x, y, GTK_PICK_DEFAULT) : NULL;

  /* The map's own buttons (zoom) keep working while a tool is on. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) ||
      (target != NULL && gtk_widget_get_ancestor (target, GTK_TYPE_BUTTON) != NULL) ||
      !frontline_annotation_bar_begin (self, x, y))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  /* Ours: the map neither pans nor says who holds the point. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_drag_update_cb (GtkGestureDrag         *gesture,
                   double                  dx,
                   double                  dy,
                   FrontlineAnnotationBar *self)
{
  double x, y;

  if (gtk_gesture_drag_get_start_point (gesture, &x, &y))
    frontline_annotation_bar_update (self, x + dx, y + dy);
}

static void
on_drag_end_cb (GtkGestureDrag         *gesture,
                double                  dx,
                double                  dy,
                FrontlineAnnotationBar *self)
{
  double x, y;

  if (gtk_gesture_get_sequence_state (GTK_GESTURE (gesture),
                                      gtk_gesture_get_last_updated_sequence (GTK_GESTURE (gesture))) !=
      GTK_EVENT_SEQUENCE_CLAIMED)
    return;
  if (gtk_gesture_drag_get_start_point (gesture, &x, &y))
    frontline_annotation_bar_end (self, x + dx, y + dy);
}

static void
on_drag_cancel_cb (GtkGesture             *gesture,
                   GdkEventSequence       *sequence,
                   FrontlineAnnotationBar *self)
{
  frontline_annotation_bar_cancel (self);
}

/**
 * frontline_annotation_bar_attach:
 * @map: the widget the map is drawn in, where the gestures go
 * @layer: the layer that shows the stop's drawings on that map
 *
 * Draws on @map: the gestures go on it, the text popover points into it.
 */
void
frontline_annotation_bar_attach (FrontlineAnnotationBar   *self,
                                 GtkWidget                *map,
                                 FrontlineAnnotationLayer *layer)
{
  g_return_if_fail (FRONTLINE_IS_ANNOTATION_BAR (self));
  g_return_if_fail (GTK_IS_WIDGET (map));
  g_return_if_fail (FRONTLINE_IS_ANNOTATION_LAYER (layer));
  g_return_if_fail (self->map == NULL);

  self->map = map;
  g_object_add_weak_pointer (G_OBJECT (map), (gpointer *) &self->map);
  self->layer = g_object_ref (layer);

  /* Before the map's own gestures: capture phase, on the map's widget. */
  self->drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->drag), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->drag), GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (self->drag), "frontline-annotation-drag");
  g_signal_connect_object (self->drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self, 0);
  g_signal_connect_object (self->drag, "drag-update", G_CALLBACK (on_drag_update_cb), self, 0);
  g_signal_connect_object (self->drag, "drag-end", G_CALLBACK (on_drag_end_cb), self, 0);
  g_signal_connect_object (self->drag, "cancel", G_CALLBACK (on_drag_cancel_cb), self, 0);
  gtk_widget_add_controller (map, GTK_EVENT_CONTROLLER (g_object_ref (self->drag)));

  gtk_widget_set_parent (GTK_WIDGET (self->text_popover), map);
  update_cursor (self);
}

/* Properties */

/* Which stop is drawn on, for screen readers: the map shows it. */
static void
show_title (FrontlineAnnotationBar *self)
{
  const char *title = self->stop != NULL ? frontline_stop_get_title (self->stop) : NULL;
  /* Translators: the description of the drawing tools; %s is a stop's title */
  g_autofree char *description = g_strdup_printf (_("Drawing on “%s”"), title != NULL ? title : "");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
}

/**
 * frontline_annotation_bar_set_stop:
 * @stop: (nullable): the stop to draw on; %NULL to draw on none
 *
 * A new stop starts a new Undo history.
 */
void
frontline_annotation_bar_set_stop (FrontlineAnnotationBar *self,
                                   FrontlineStop          *stop)
{
  g_return_if_fail (FRONTLINE_IS_ANNOTATION_BAR (self));
  g_return_if_fail (stop == NULL || FRONTLINE_IS_STOP (stop));

  if (self->stop == stop)
    return;

  frontline_annotation_bar_cancel (self);
  if (self->stop != NULL)
    g_signal_handlers_disconnect_by_data (self->stop, self);
  g_set_object (&self->stop, stop);
  if (stop != NULL)
    g_signal_connect_object (stop, "notify::title", G_CALLBACK (show_title), self, G_CONNECT_SWAPPED);
  g_ptr_array_set_size (self->undo, 0);

  show_title (self);
  update_undo (self);
  update_cursor (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STOP]);
}

/**
 * frontline_annotation_bar_get_stop:
 *
 * Returns: (transfer none) (nullable): the stop drawn on
 */
FrontlineStop *
frontline_annotation_bar_get_stop (FrontlineAnnotationBar *self)
{
  g_return_val_if_fail (FRONTLINE_IS_ANNOTATION_BAR (self), NULL);

  return self->stop;
}

FrontlineAnnotationTool
frontline_annotation_bar_get_tool (FrontlineAnnotationBar *self)
{
  g_return_val_if_fail (FRONTLINE_IS_ANNOTATION_BAR (self), FRONTLINE_ANNOTATION_TOOL_NONE);

  return self->tool;
}

/**
 * frontline_annotation_bar_set_tool:
 * @tool: the tool to draw with; %FRONTLINE_ANNOTATION_TOOL_NONE lets the
 *   map pan
 */
void
frontline_annotation_bar_set_tool (FrontlineAnnotationBar  *self,
                                   FrontlineAnnotationTool  tool)
{
  g_return_if_fail (FRONTLINE_IS_ANNOTATION_BAR (self));
  g_return_if_fail (tool <= FRONTLINE_ANNOTATION_TOOL_ERASE);

  if (self->tool == tool)
    return;

  frontline_annotation_bar_cancel (self);
  self->tool = tool;

  /* One tool at a time: the buttons follow. */
  self->updating = TRUE;
  for (FrontlineAnnotationTool t = FRONTLINE_ANNOTATION_TOOL_ARROW; t <= FRONTLINE_ANNOTATION_TOOL_ERASE; t++)
    gtk_toggle_button_set_active (tool_button (self, t), t == tool);
  self->updating = FALSE;

  update_cursor (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
}

static void
on_tool_toggled_cb (GtkToggleButton        *button,
                    FrontlineAnnotationBar *self)
{
  if (self->updating)
    return;

  for (FrontlineAnnotationTool t = FRONTLINE_ANNOTATION_TOOL_ARROW; t <= FRONTLINE_ANNOTATION_TOOL_ERASE; t++)
    if (tool_button (self, t) == button)
      {
        if (gtk_toggle_button_get_active (button))
          frontline_annotation_bar_set_tool (self, t);
        else if (self->tool == t)
          frontline_annotation_bar_set_tool (self, FRONTLINE_ANNOTATION_TOOL_NONE);
        return;
      }
}

/**
 * frontline_annotation_bar_get_color:
 *
 * Returns: the colour new drawings get, as "#rrggbb"
 */
const char *
frontline_annotation_bar_get_color (FrontlineAnnotationBar *self)
{
  g_return_val_if_fail (FRONTLINE_IS_ANNOTATION_BAR (self), NULL);

  return self->color;
}

/**
 * frontline_annotation_bar_set_color:
 * @color: "#rrggbb" or "#rrggbbaa"
 */
void
frontline_annotation_bar_set_color (FrontlineAnnotationBar *self,
                                    const char             *color)
{
  double rgba[4];

  g_return_if_fail (FRONTLINE_IS_ANNOTATION_BAR (self));
  g_return_if_fail (color != NULL);

  if (g_strcmp0 (self->color, color) == 0)
    return;
  if (!frontline_annotation_parse_color (color, rgba))
    {
      g_critical ("“%s” is not a colour as #rrggbb", color);
      return;
    }

  g_free (self->color);
  self->color = g_strdup (color);
  memcpy (self->rgba, rgba, sizeof rgba);

  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (swatches); i++)
    gtk_toggle_button_set_active (self->swatch_buttons[i], g_ascii_strcasecmp (swatches[i].hex, color) == 0);
  self->updating = FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

static void
on_swatch_toggled_cb (GtkToggleButton        *button,
                      FrontlineAnnotationBar *self)
{
  if (self->updating)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (swatches); i++)
    if (self->swatch_buttons[i] == button)
      {
        /* A colour stays chosen until another is. */
        if (!gtk_toggle_button_get_active (button))
          {
            self->updating = TRUE;
            gtk_toggle_button_set_active (button, g_strcmp0 (self->color, swatches[i].hex) == 0);
            self->updating = FALSE;
          }
        else
          frontline_annotation_bar_set_color (self, swatches[i].hex);
        return;
      }
}

double
frontline_annotation_bar_get_line_width (FrontlineAnnotationBar *self)
{
  g_return_val_if_fail (FRONTLINE_IS_ANNOTATION_BAR (self), 4.0);

  return self->width;
}

/**
 * frontline_annotation_bar_set_line_width:
 * @width: in pixels, as the map's outlines; text grows with it
 */
void
frontline_annotation_bar_set_line_width (FrontlineAnnotationBar *self,
                                         double                  width)
{
  g_return_if_fail (FRONTLINE_IS_ANNOTATION_BAR (self));

  width = CLAMP (width, FRONTLINE_ANNOTATION_MIN_WIDTH, FRONTLINE_ANNOTATION_MAX_WIDTH);
  if (self->width == width)
    return;

  self->width = width;
  self->updating = TRUE;
  gtk_spin_button_set_value (self->width_spin, width);
  self->updating = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE_WIDTH]);
}

static void
on_width_changed_cb (GtkSpinButton          *spin,
                     FrontlineAnnotationBar *self)
{
  if (!self->updating)
    frontline_annotation_bar_set_line_width (self, gtk_spin_button_get_value (spin));
}

/* Life */

FrontlineAnnotationBar *
frontline_annotation_bar_new (void)
{
  return g_object_new (FRONTLINE_TYPE_ANNOTATION_BAR, NULL);
}

static void
frontline_annotation_bar_dispose (GObject *object)
{
  FrontlineAnnotationBar *self = FRONTLINE_ANNOTATION_BAR (object);
  GtkWidget *child;

  frontline_annotation_bar_set_stop (self, NULL);
  g_clear_pointer (&self->stroke, frontline_annotation_free);
  if (self->map != NULL)
    {
      gtk_widget_set_cursor (self->map, NULL);
      gtk_widget_remove_controller (self->map, GTK_EVENT_CONTROLLER (self->drag));
      g_object_remove_weak_pointer (G_OBJECT (self->map), (gpointer *) &self->map);
      self->map = NULL;
    }
  if (self->text_popover != NULL && gtk_widget_get_parent (GTK_WIDGET (self->text_popover)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->text_popover));
  g_clear_object (&self->drag);
  g_clear_object (&self->layer);
  gtk_widget_dispose_template (GTK_WIDGET (self), FRONTLINE_TYPE_ANNOTATION_BAR);
  /* And the children the template does not name. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (frontline_annotation_bar_parent_class)->dispose (object);
}

static void
frontline_annotation_bar_finalize (GObject *object)
{
  FrontlineAnnotationBar *self = FRONTLINE_ANNOTATION_BAR (object);

  g_free (self->color);
  g_ptr_array_unref (self->undo);

  G_OBJECT_CLASS (frontline_annotation_bar_parent_class)->finalize (object);
}

static void
frontline_annotation_bar_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  FrontlineAnnotationBar *self = FRONTLINE_ANNOTATION_BAR (object);

  switch (prop_id)
    {
    case PROP_STOP:
      g_value_set_object (value, self->stop);
      break;
    case PROP_TOOL:
      g_value_set_enum (value, self->tool);
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    case PROP_LINE_WIDTH:
      g_value_set_double (value, self->width);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_annotation_bar_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  FrontlineAnnotationBar *self = FRONTLINE_ANNOTATION_BAR (object);

  switch (prop_id)
    {
    case PROP_STOP:
      frontline_annotation_bar_set_stop (self, g_value_get_object (value));
      break;
    case PROP_TOOL:
      frontline_annotation_bar_set_tool (self, g_value_get_enum (value));
      break;
    case PROP_COLOR:
      frontline_annotation_bar_set_color (self, g_value_get_string (value));
      break;
    case PROP_LINE_WIDTH:
      frontline_annotation_bar_set_line_width (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_annotation_bar_class_init (FrontlineAnnotationBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = frontline_annotation_bar_dispose;
  object_class->finalize = frontline_annotation_bar_finalize;
  object_class->get_property = frontline_annotation_bar_get_property;
  object_class->set_property = frontline_annotation_bar_set_property;

  properties[PROP_STOP] =
    g_param_spec_object ("stop", NULL, NULL, FRONTLINE_TYPE_STOP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOOL] =
    g_param_spec_enum ("tool", NULL, NULL, FRONTLINE_TYPE_ANNOTATION_TOOL,
                       FRONTLINE_ANNOTATION_TOOL_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, swatches[0].hex,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE_WIDTH] =
    g_param_spec_double ("line-width", NULL, NULL, FRONTLINE_ANNOTATION_MIN_WIDTH,
                         FRONTLINE_ANNOTATION_MAX_WIDTH, 4.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FrontlineAnnotationBar::done:
   *
   * Drawing ends: Done or Escape.
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/frontline-annotation-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlineAnnotationBar, arrow_button);
  gtk_widget_class_bind_template_child (widget_class, FrontlineAnnotationBar, line_button);
  gtk_widget_class_bind_template_child (widget_class, FrontlineAnnotationBar, circle_button);
  gtk_widget_class_bind_template_child (widget_class, FrontlineAnnotationBar, text_button);
  gtk_widget_class_bind_template_child (widget_class, FrontlineAnnotationBar, freehand_button);
  gtk_widget_class_bind_template_child (widget_class, FrontlineAnnotationBar, erase_button);
  gtk_widget_class_bind_template_child (widget_class, FrontlineAnnotationBar, swatch_box);
  gtk_widget_class_bind_template_child (widget_class, FrontlineAnnotationBar, width_spin);
  gtk_widget_class_bind_template_child (widget_class, FrontlineAnnotationBar, undo_button);
  gtk_widget_class_bind_template_child (widget_class, FrontlineAnnotationBar, text_popover);
  gtk_widget_class_bind_template_child (widget_class, FrontlineAnnotationBar, text_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_tool_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_width_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_undo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_done_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_text_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_text_popover_closed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static void
frontline_annotation_bar_init (FrontlineAnnotationBar *self)
{
  GtkEventController *shortcuts;

  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->width = 4.0;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (swatches); i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      const char *name = g_dpgettext2 (NULL, "colour", swatches[i].name);

      gtk_widget_add_css_class (swatch, "frontline-swatch-color");
      gtk_widget_add_css_class (swatch, swatches[i].css);
      gtk_widget_set_halign (swatch, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_button_set_child (GTK_BUTTON (button), swatch);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "frontline-swatch");
      gtk_widget_set_tooltip_text (button, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_signal_connect (button, "toggled", G_CALLBACK (on_swatch_toggled_cb), self);
      gtk_box_append (self->swatch_box, button);
      self->swatch_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }
  frontline_annotation_bar_set_color (self, swatches[0].hex);

  /* Escape and Ctrl+Z in the whole window while the bar is shown. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                      gtk_callback_action_new (escape_shortcut_cb, NULL, NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                      gtk_callback_action_new (undo_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}
