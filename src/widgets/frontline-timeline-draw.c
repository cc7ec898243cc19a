/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "frontline-timeline-private.h"
#include "frontline-time-axis.h"

/* What the timeline draws: the grid, the area chart behind the track, the
 * labels of the shared time axis, the data ticks, the quote dots, the
 * handle and the focus ring, with cairo in one node. */

/* Where things go, from the widget's height and its font. */
typedef struct {
  double chart_top;
  double chart_bottom;
  double track_y;       /* the track's centre line */
  double marks_y;
  double labels_y;      /* top of the labels */
} Layout;

/* Draws a rectangle with fully rounded ends. */
static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height)
{
  double r = MIN (width, height) / 2;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - r, y + r, r, -G_PI / 2, G_PI / 2);
  cairo_arc (cr, x + r, y + r, r, G_PI / 2, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
set_source_rgba (cairo_t       *cr,
                 const GdkRGBA *rgba,
                 double         alpha)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha);
}

/* Pixel-aligned x for a one-pixel line. */
static double
crisp (double x)
{
  return floor (x) + 0.5;
}

static void
lookup_color (GtkStyleContext *context,
              const char      *name,
              const char      *fallback,
              GdkRGBA         *rgba)
{
  /* The named colours come from libadwaita's stylesheet; another theme may
   * not define them. */
  if (!gtk_style_context_lookup_color (context, name, rgba))
    gdk_rgba_parse (rgba, fallback);
}

static void
set_label_attributes (PangoLayout *layout,
                      gboolean     bold)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  /* The size of libadwaita's caption style: the axis is secondary. */
  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

static PangoLayout *
create_label_layout (FrontlineTimeline *self)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);

  set_label_attributes (layout, FALSE);

  return layout;
}

typedef struct {
  FrontlineTimeline *self;
  PangoLayout       *layout;
} AxisContext;

static double
map_day (FrontlineDay day,
         gpointer     user_data)
{
  AxisContext *context = user_data;

  return frontline_timeline_get_day_x (context->self, day);
}

static double
measure_label (const char *label,
               gboolean    bold,
               gpointer    user_data)
{
  AxisContext *context = user_data;
  int width;

  set_label_attributes (context->layout, bold);
  pango_layout_set_text (context->layout, label, -1);
  pango_layout_get_pixel_size (context->layout, &width, NULL);

  return width;
}

/* Chooses the densest labels that do not overlap, through the time axis the
 * chart shares, so that both put their ticks on the same days. */
static void
fit_ticks (FrontlineTimeline *self,
           PangoLayout       *layout,
           int                width)
{
  AxisContext context = { self, layout };
  FrontlineTimeAxis axis = {
    .first = self->first,
    .last = self->last,
    .width = width,
    .min_gap = LABEL_SPACING,
    .min_pitch = LABEL_MIN_PITCH,
    .style = FRONTLINE_TIME_AXIS_COMPACT,
    .keep_first = FALSE,
    .map = map_day,
    .measure = measure_label,
    .user_data = &context,
  };

  if (self->ticks_width == width && self->ticks != NULL)
    return;

  self->ticks_width = width;
  g_clear_pointer (&self->ticks, g_array_unref);
  self->ticks = frontline_time_axis_ticks (&axis);
  set_label_attributes (layout, FALSE);
}

static void
compute_layout (int     height,
                int     label_height,
                Layout *layout)
{
  layout->labels_y = height - label_height - 1;
  layout->marks_y = layout->labels_y - 3;
  layout->track_y = layout->marks_y - 7;
  layout->chart_top = 8;
  layout->chart_bottom = layout->track_y - TRACK_HEIGHT / 2 - 1;
}

/* The value of @series on data day @i for stacking: a missing value (NaN)
 * adds nothing. */
static double
stack_value (const TimelineSeries *series,
             guint                 i)
{
  double v = i < series->values->len ? g_array_index (series->values, double, i) : NAN;

  return isfinite (v) ? MAX (v, 0) : 0;
}

/* Where data day @i's step ends: each value holds until the next data day,
 * as the map does, and the last to the end of the range. */
static double
step_end_x (FrontlineTimeline *self,
            guint              i)
{
  guint n = self->data_days->len;
  FrontlineDay next = i + 1 < n ? g_array_index (self->data_days, FrontlineDay, i + 1) : self->last;

  return frontline_timeline_get_day_x (self, MAX (next, self->first));
}

/* Adds the steps of @top (one value a data day, km²) from left to right,
 * as a path from the first day, or back from the last with @reverse. */
static void
trace_steps (FrontlineTimeline *self,
             cairo_t           *cr,
             const Layout      *layout,
             const double      *top,
             double             max,
             gboolean           reverse,
             gboolean           move)
{
  guint n = self->data_days->len;
  double scale = (layout->chart_bottom - layout->chart_top) / max;

  for (guint k = 0; k < n; k++)
    {
      guint i = reverse ? n - 1 - k : k;
      FrontlineDay day = g_array_index (self->data_days, FrontlineDay, i);
      double x0 = frontline_timeline_get_day_x (self, day);
      double x1 = step_end_x (self, i);
      double y = layout->chart_bottom - top[i] * scale;

      if (k == 0 && move)
        cairo_move_to (cr, reverse ? x1 : x0, y);
      else
        cairo_line_to (cr, reverse ? x1 : x0, y);
      cairo_line_to (cr, reverse ? x0 : x1, y);
    }
}

/* The areas of the sides stacked, each a band in its colour with its top
 * outlined, on one scale from zero to the largest total: every side with
 * ground stays visible, however close two sides' areas are (two lines on
 * one scale hid each other where they met). The values are in the tooltip. */
static void
draw_chart (FrontlineTimeline *self,
            cairo_t           *cr,
            const Layout      *layout)
{
  guint n_days = self->data_days->len;
  g_autofree double *below = NULL;
  g_autofree double *top = NULL;
  double max = 0;

  if (n_days == 0 || self->series->len == 0)
    return;

  below = g_new0 (double, n_days);
  top = g_new0 (double, n_days);
  for (guint i = 0; i < n_days; i++)
    {
      double total = 0;

      for (guint s = 0; s < self->series->len; s++)
        total += stack_value (g_ptr_array_index (self->series, s), i);
      max = MAX (max, total);
    }

  if (max <= 0 || layout->chart_bottom - layout->chart_top < 4)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, INSET_X, 0, _frontline_timeline_track_width (self), layout->chart_bottom);
  cairo_clip (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint s = 0; s < self->series->len; s++)
    {
      TimelineSeries *series = g_ptr_array_index (self->series, s);
      gboolean any = FALSE;

      for (guint i = 0; i < n_days; i++)
        {
          double v = stack_value (series, i);

          top[i] = below[i] + v;
          any = any || v > 0;
        }

      if (any)
        {
          /* The band: this side's top, then back along the sides below. */
          cairo_new_path (cr);
          trace_steps (self, cr, layout, top, max, FALSE, TRUE);
          trace_steps (self, cr, layout, below, max, TRUE, FALSE);
          cairo_close_path (cr);
          cairo_set_source_rgba (cr, series->rgb[0], series->rgb[1], series->rgb[2], 0.22);
          cairo_fill (cr);

          /* Its top, where it has ground: not over the line below. */
          cairo_new_path (cr);
          for (guint i = 0; i < n_days; i++)
            {
              double y = layout->chart_bottom -
                         top[i] / max * (layout->chart_bottom - layout->chart_top);
              double x0 = frontline_timeline_get_day_x (self, g_array_index (self->data_days,
                                                                             FrontlineDay, i));

              if (stack_value (series, i) <= 0)
                continue;
              if (i == 0 || stack_value (series, i - 1) <= 0)
                cairo_move_to (cr, x0, y);
              else
                cairo_line_to (cr, x0, y);
              cairo_line_to (cr, step_end_x (self, i), y);
            }
          cairo_set_source_rgb (cr, series->rgb[0], series->rgb[1], series->rgb[2]);
          cairo_stroke (cr);
        }

      memcpy (below, top, n_days * sizeof (double));
    }

  cairo_restore (cr);
}

/* Faint lines up through the chart where each labelled period starts, so
 * the eye can go from a label to the chart. */
static void
draw_grid (FrontlineTimeline *self,
           cairo_t           *cr,
           const Layout      *layout,
           const GdkRGBA     *fg)
{
  set_source_rgba (cr, fg, 0.1);
  for (guint i = 0; i < self->ticks->len; i++)
    {
      const FrontlineTimeTick *tick = &g_array_index (self->ticks, FrontlineTimeTick, i);
      double x = floor (tick->x);

      cairo_rectangle (cr, x, layout->chart_top, 1, layout->track_y + TRACK_HEIGHT / 2 + 3 - layout->chart_top);
    }
  cairo_fill (cr);
}

static void
draw_labels (FrontlineTimeline *self,
             cairo_t           *cr,
             PangoLayout       *pango_layout,
             const Layout      *layout,
             const GdkRGBA     *fg)
{
  for (guint i = 0; i < self->ticks->len; i++)
    {
      const FrontlineTimeTick *tick = &g_array_index (self->ticks, FrontlineTimeTick, i);

      set_label_attributes (pango_layout, tick->bold);
      pango_layout_set_text (pango_layout, tick->label, -1);
      set_source_rgba (cr, fg, tick->level == FRONTLINE_TIME_TICK_YEAR ? 0.8 : 0.55);
      cairo_move_to (cr, round (tick->left), layout->labels_y);
      pango_cairo_show_layout (cr, pango_layout);
    }
}

static void
draw_days (FrontlineTimeline *self,
           cairo_t           *cr,
           const Layout      *layout,
           const GdkRGBA     *fg,
           const GdkRGBA     *accent)
{
  guint start, end;
  double last_x = -1;

  /* Ticks and dots close together share a pixel column: draw it once. */
  start = _frontline_timeline_lower_bound (self->data_days, self->first);
  end = _frontline_timeline_lower_bound (self->data_days, self->last + 1);
  set_source_rgba (cr, accent, 0.85);
  for (guint i = start; i < end; i++)
    {
      double x = floor (frontline_timeline_get_day_x (self, g_array_index (self->data_days, FrontlineDay, i)));

      if (x == last_x)
        continue;
      last_x = x;
      cairo_rectangle (cr, x, layout->track_y - TRACK_HEIGHT / 2 - 3, 1, TRACK_HEIGHT + 6);
    }
  cairo_fill (cr);

  last_x = -1;
  start = _frontline_timeline_lower_bound (self->mark_days, self->first);
  end = _frontline_timeline_lower_bound (self->mark_days, self->last + 1);
  set_source_rgba (cr, fg, 0.5);
  for (guint i = start; i < end; i++)
    {
      double x = crisp (frontline_timeline_get_day_x (self, g_array_index (self->mark_days, FrontlineDay, i)));

      if (x == last_x)
        continue;
      last_x = x;
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, layout->marks_y, 1.5, 0, 2 * G_PI);
    }
  cairo_fill (cr);
}

void
_frontline_timeline_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  FrontlineTimeline *self = FRONTLINE_TIMELINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  g_autoptr(PangoLayout) pango_layout = NULL;
  GdkRGBA fg, accent, accent_bg, accent_fg;
  Layout layout;
  double handle_x, left, right;
  int label_height;
  cairo_t *cr;

  if (!_frontline_timeline_has_range (self) || width <= 0 || height <= 0)
    return;

  gtk_style_context_get_color (context, &fg);
  lookup_color (context, "accent_color", "#1c71d8", &accent);
  lookup_color (context, "accent_bg_color", "#3584e4", &accent_bg);
  lookup_color (context, "accent_fg_color", "#ffffff", &accent_fg);

  pango_layout = create_label_layout (self);
  pango_layout_set_text (pango_layout, "0", -1);
  pango_layout_get_pixel_size (pango_layout, NULL, &label_height);
  compute_layout (height, label_height, &layout);
  fit_ticks (self, pango_layout, width);

  left = frontline_timeline_get_day_x (self, self->first);
  right = frontline_timeline_get_day_x (self, self->last);
  handle_x = round (frontline_timeline_get_day_x (self, self->day));

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  draw_grid (self, cr, &layout, &fg);
  draw_chart (self, cr, &layout);

  /* The track, as a GtkScale's trough. */
  set_source_rgba (cr, &fg, 0.15);
  rounded_rectangle (cr, left - TRACK_HEIGHT / 2, layout.track_y - TRACK_HEIGHT / 2,
                     right - left + TRACK_HEIGHT, TRACK_HEIGHT);
  cairo_fill (cr);

  draw_labels (self, cr, pango_layout, &layout, &fg);
  draw_days (self, cr, &layout, &fg, &accent);

  /* Where the pointer would take the handle. */
  if (self->hover_x >= 0)
    {
      double x = floor (frontline_timeline_get_day_x (self, frontline_timeline_pick_day (self, self->hover_x)));

      set_source_rgba (cr, &fg, 0.35);
      cairo_rectangle (cr, x, layout.chart_top, 1, layout.track_y - layout.chart_top);
      cairo_fill (cr);
    }

  /* The handle: a line through the chart and a knob on the track, outlined
   * so that it stands clear of the ticks under it. */
  set_source_rgba (cr, &accent_bg, 1.0);
  cairo_rectangle (cr, handle_x - 1, layout.chart_top - 4, 2, layout.track_y - layout.chart_top + 4);
  cairo_fill (cr);

  cairo_arc (cr, handle_x, layout.track_y, KNOB_RADIUS, 0, 2 * G_PI);
  set_source_rgba (cr, &accent_fg, 1.0);
  cairo_fill (cr);
  cairo_arc (cr, handle_x, layout.track_y, KNOB_RADIUS - 2, 0, 2 * G_PI);
  set_source_rgba (cr, &accent_bg, 1.0);
  cairo_fill (cr);

  /* The focus ring goes round the knob, where the keys act. */
  if (gtk_widget_has_visible_focus (widget))
    {
      set_source_rgba (cr, &accent, 0.5);
      cairo_set_line_width (cr, 2);
      cairo_arc (cr, handle_x, layout.track_y, KNOB_RADIUS + 2, 0, 2 * G_PI);
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
}
