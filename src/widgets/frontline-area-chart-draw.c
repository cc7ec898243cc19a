/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-area-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "frontline-area-chart-private.h"
#include "frontline-time-axis.h"

/* What the area chart draws: the value axis, the shared time axis, the
 * legend, a line per series, the chosen day and the pointer's day with its
 * values. */

/* Drawing */

typedef struct {
  GdkRGBA  fg;
  GdkRGBA  bg;
  GdkRGBA  accent;
  GdkRGBA  accent_fg;
  GdkRGBA  popover_bg;
  GdkRGBA  popover_fg;
} Palette;

static double
channel_to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
relative_luminance (double r,
                    double g,
                    double b)
{
  return 0.2126 * channel_to_linear (r) + 0.7152 * channel_to_linear (g) +
         0.0722 * channel_to_linear (b);
}

static double
contrast_ratio (double l1,
                double l2)
{
  return (MAX (l1, l2) + 0.05) / (MIN (l1, l2) + 0.05);
}

static void
get_palette (FrontlineAreaChart *self,
             Palette            *palette)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gboolean dark;

  /* Colours come from the style, so the chart follows the dark style and high
   * contrast; the named colours are libadwaita's, with fallbacks for plain GTK. */
  gtk_style_context_get_color (context, &palette->fg);
  dark = relative_luminance (palette->fg.red, palette->fg.green, palette->fg.blue) > 0.5;

  if (!gtk_style_context_lookup_color (context, "window_bg_color", &palette->bg))
    palette->bg = dark ? (GdkRGBA) { 0.14, 0.14, 0.14, 1.0 } : (GdkRGBA) { 0.98, 0.98, 0.98, 1.0 };
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &palette->accent))
    gdk_rgba_parse (&palette->accent, "#3584e4");
  if (!gtk_style_context_lookup_color (context, "accent_fg_color", &palette->accent_fg))
    palette->accent_fg = (GdkRGBA) { 1.0, 1.0, 1.0, 1.0 };
  if (!gtk_style_context_lookup_color (context, "popover_bg_color", &palette->popover_bg))
    palette->popover_bg = palette->bg;
  if (!gtk_style_context_lookup_color (context, "popover_fg_color", &palette->popover_fg))
    palette->popover_fg = palette->fg;
}

/* A faction's colour, lifted towards the foreground when it would be hard to
 * see on the background (dark blue on the dark style), so every line stays
 * readable while keeping its hue. */
static void
series_color (const ChartSeries *series,
              const Palette     *palette,
              double             rgb[3])
{
  double bg_l = relative_luminance (palette->bg.red, palette->bg.green, palette->bg.blue);
  double fg[3] = { palette->fg.red, palette->fg.green, palette->fg.blue };

  memcpy (rgb, series->rgb, 3 * sizeof (double));
  for (int step = 0; step < 6; step++)
    {
      if (contrast_ratio (relative_luminance (rgb[0], rgb[1], rgb[2]), bg_l) >= 3.0)
        break;
      for (int c = 0; c < 3; c++)
        rgb[c] = 0.85 * rgb[c] + 0.15 * fg[c];
    }
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
set_line_style (cairo_t         *cr,
                FrontlineStatus  status)
{
  static const double dashed[] = { 6.0, 4.0 };
  static const double dotted[] = { 0.0, 4.0 };

  /* Controlled ground solid, claimed dashed, contested dotted: the same
   * distinction the map makes with fills and hatching, without colour. */
  switch (status)
    {
    case FRONTLINE_STATUS_CONTROLLED:
      cairo_set_dash (cr, NULL, 0, 0.0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    case FRONTLINE_STATUS_CLAIMED:
      cairo_set_dash (cr, dashed, G_N_ELEMENTS (dashed), 0.0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    case FRONTLINE_STATUS_CONTESTED:
      cairo_set_dash (cr, dotted, G_N_ELEMENTS (dotted), 0.0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      break;
    default:
      g_assert_not_reached ();
    }
}

static PangoLayout *
create_layout (FrontlineAreaChart *self,
               gboolean            small,
               gboolean            bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (small)
    pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  /* Tabular figures, so that numbers line up and do not jitter on hover. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

static void
layout_size (PangoLayout *layout,
             const char  *text,
             double      *width,
             double      *height)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (width)
    *width = w;
  if (height)
    *height = h;
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y)
{
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, round (x), round (y));
  pango_cairo_show_layout (cr, layout);
}

static double
x_for_day (FrontlineAreaChart *self,
           double              day)
{
  double span = (double) self->last_day + 1.0 - self->first_day;

  return self->plot.origin.x + (day - self->first_day) / span * self->plot.size.width;
}

/* Days are marked where they begin, which is where the steps change. */
static double
x_for_day_mark (FrontlineAreaChart *self,
                FrontlineDay        day)
{
  return round (x_for_day (self, day));
}

/* Value axis */

typedef struct {
  double max;
  double step;
  int    decimals;
} ValueAxis;

static void
value_axis_init (ValueAxis *axis,
                 double     max_value,
                 double     plot_height)
{
  double target = MAX (2.0, floor (plot_height / 48.0));
  double rough;
  double magnitude;
  double fraction;

  if (!(max_value > 0.0))
    max_value = 1.0;

  /* Steps of 1, 2, 2.5 or 5 times a power of ten read as round numbers. */
  rough = max_value / target;
  magnitude = pow (10.0, floor (log10 (rough)));
  fraction = rough / magnitude;
  if (fraction <= 1.0)
    axis->step = magnitude;
  else if (fraction <= 2.0)
    axis->step = 2.0 * magnitude;
  else if (fraction <= 2.5)
    axis->step = 2.5 * magnitude;
  else if (fraction <= 5.0)
    axis->step = 5.0 * magnitude;
  else
    axis->step = 10.0 * magnitude;

  axis->max = ceil (max_value / axis->step - 1e-9) * axis->step;

  /* As many decimals as the step needs: none for 2,500, one for 0.5, two for 0.25. */
  axis->decimals = 0;
  while (axis->decimals < 6)
    {
      double scaled = axis->step * pow (10.0, axis->decimals);

      if (fabs (scaled - round (scaled)) < 1e-6 * scaled)
        break;
      axis->decimals++;
    }
}

/* The unit goes with the top label only, to keep the others short. */
static char *
format_value_label (const ValueAxis *axis,
                    double           value)
{
  g_autofree char *number = _frontline_area_chart_format_km2 (value, axis->decimals);

  if (value + axis->step / 2 < axis->max)
    return g_steal_pointer (&number);

  /* Translators: the top label of the chart's area axis, as in “20,000 km²” */
  return g_strdup_printf (_("%s km²"), number);
}

static double
y_for_value (FrontlineAreaChart *self,
             const ValueAxis    *axis,
             double              value)
{
  return self->plot.origin.y + self->plot.size.height -
         value / axis->max * self->plot.size.height;
}

/* Time axis: the one the timeline shares */

static double
axis_map (FrontlineDay day,
          gpointer     user_data)
{
  return x_for_day_mark (user_data, day);
}

static double
axis_measure (const char *label,
              gboolean    bold,
              gpointer    user_data)
{
  FrontlineAreaChart *self = user_data;
  double width;

  layout_size (self->axis_layout, label, &width, NULL);

  return width;
}

/* The densest steps whose labels do not overlap; on a very narrow chart, the
 * first day alone. */
static void
choose_ticks (FrontlineAreaChart *self,
              PangoLayout        *layout,
              double              width)
{
  FrontlineTimeAxis axis = {
    .first = self->first_day,
    .last = self->last_day,
    .width = width,
    .min_gap = LABEL_GAP,
    .min_pitch = 24.0,
    .style = FRONTLINE_TIME_AXIS_FULL,
    .keep_first = TRUE,
    .map = axis_map,
    .measure = axis_measure,
    .user_data = self,
  };

  self->axis_layout = layout;
  g_clear_pointer (&self->ticks, g_array_unref);
  self->ticks = frontline_time_axis_ticks (&axis);
  self->axis_layout = NULL;
}

/* Legend */

typedef struct {
  guint  series;
  char  *text;
  double x;
  double y;
  double width;
} LegendItem;

static void
legend_item_clear (gpointer data)
{
  LegendItem *item = data;

  g_free (item->text);
}

/* Lays the legend out in a centred grid of equal columns, as many as fit,
 * and returns its height. */
static double
layout_legend (FrontlineAreaChart *self,
               GArray             *items,
               PangoLayout        *layout,
               double              width,
               double              line_height)
{
  double column_width = 0;
  guint columns;
  guint rows;
  double x0;

  if (self->series->len == 0)
    return 0;

  for (guint s = 0; s < self->series->len; s++)
    {
      ChartSeries *series = g_ptr_array_index (self->series, s);
      LegendItem item = { s, NULL, 0, 0, 0 };
      double text_width;

      /* Translators: a legend entry, faction and status, as in “Ukraine — controlled” */
      item.text = g_strdup_printf (_("%s — %s"), series->label, _frontline_area_chart_status_label (series->status));
      layout_size (layout, item.text, &text_width, NULL);
      item.width = SWATCH_WIDTH + 6 + text_width;
      column_width = MAX (column_width, item.width);
      g_array_append_val (items, item);
    }

  columns = (guint) CLAMP (floor ((width + LEGEND_SPACING) / (column_width + LEGEND_SPACING)),
                           1, items->len);
  rows = (items->len + columns - 1) / columns;
  x0 = MAX (0, floor ((width - columns * column_width - (columns - 1) * LEGEND_SPACING) / 2));

  for (guint i = 0; i < items->len; i++)
    {
      LegendItem *item = &g_array_index (items, LegendItem, i);

      item->x = x0 + (i % columns) * (column_width + LEGEND_SPACING);
      item->y = (i / columns) * (line_height + 4);
    }

  return rows * (line_height + 4) - 4;
}

static void
draw_swatch (cairo_t           *cr,
             const ChartSeries *series,
             const double       rgb[3],
             double             x,
             double             y)
{
  cairo_save (cr);
  cairo_set_line_width (cr, LINE_WIDTH);
  set_line_style (cr, series->status);
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_move_to (cr, x + 1, round (y));
  cairo_line_to (cr, x + SWATCH_WIDTH - 1, round (y));
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_series (FrontlineAreaChart *self,
             cairo_t            *cr,
             const ChartSeries  *series,
             const double        rgb[3],
             const ValueAxis    *axis)
{
  double end_x = round (x_for_day (self, (double) self->last_day + 1.0));
  gboolean pen_down = FALSE;

  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  set_line_style (cr, series->status);
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);

  /* Whole pixels, so that a 2 px line covers exactly two rows or columns and
   * its colour is the faction's, not a blend. */
  for (guint i = 0; i < series->n; i++)
    {
      double value = series->values[i];
      double x0 = round (x_for_day (self, series->days[i]));
      double x1 = i + 1 < series->n ? round (x_for_day (self, series->days[i + 1])) : end_x;
      double y;

      if (!isfinite (value))
        {
          pen_down = FALSE;
          continue;
        }

      y = round (y_for_value (self, axis, value));
      if (pen_down)
        cairo_line_to (cr, x0, y);
      else
        cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x1, y);
      pen_down = TRUE;
    }

  cairo_stroke (cr);
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The guide at the pointer's day, a dot on each line, and a label with the
 * date and each side's area that day. */
static void
draw_hover (FrontlineAreaChart *self,
            cairo_t            *cr,
            const Palette      *palette,
            const ValueAxis    *axis,
            double              width)
{
  double x = x_for_day_mark (self, self->hover_day) + 0.5;
  PangoLayout *title_layout = create_layout (self, FALSE, TRUE);
  PangoLayout *layout = create_layout (self, FALSE, FALSE);
  g_autofree char *date = frontline_day_format_label (self->hover_day);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) line_series = g_array_new (FALSE, FALSE, sizeof (guint));
  double box_width;
  double title_height;
  double line_height;
  double box_height;
  double box_x;
  double box_y;
  double y;

  set_source (cr, &palette->fg, 0.35);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, x, self->plot.origin.y);
  cairo_line_to (cr, x, self->plot.origin.y + self->plot.size.height);
  cairo_stroke (cr);

  layout_size (title_layout, date, &box_width, &title_height);
  line_height = title_height;

  for (guint s = 0; s < self->series->len; s++)
    {
      ChartSeries *series = g_ptr_array_index (self->series, s);
      double value = _frontline_area_chart_series_value_at (series, self->hover_day);
      double rgb[3];
      g_autofree char *number = NULL;
      char *line;
      double line_width;

      if (!isfinite (value))
        continue;

      series_color (series, palette, rgb);
      cairo_arc (cr, x, y_for_value (self, axis, value), 4.0, 0, 2 * G_PI);
      set_source (cr, &palette->bg, 1.0);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_set_line_width (cr, LINE_WIDTH);
      cairo_set_dash (cr, NULL, 0, 0.0);
      cairo_stroke (cr);

      number = _frontline_area_chart_format_km2 (value, axis->decimals);
      if (series->status == FRONTLINE_STATUS_CONTROLLED)
        /* Translators: a faction's area on a day, as in “Ukraine: 1,012 km²” */
        line = g_strdup_printf (_("%s: %s km²"), series->label, number);
      else
        /* Translators: a faction's area with a status, as in “Russia (claimed): 310 km²” */
        line = g_strdup_printf (_("%s (%s): %s km²"), series->label,
                                _frontline_area_chart_status_label (series->status), number);
      layout_size (layout, line, &line_width, NULL);
      box_width = MAX (box_width, SWATCH_WIDTH + 6 + line_width);
      g_ptr_array_add (lines, line);
      g_array_append_val (line_series, s);
    }

  box_width += 2 * BOX_PADDING;
  box_height = 2 * BOX_PADDING + title_height + lines->len * (line_height + 2);
  box_x = x + 10;
  if (box_x + box_width > width)
    box_x = x - 10 - box_width;
  box_x = round (MAX (0, box_x));
  box_y = round (self->plot.origin.y + 4);

  /* A soft shadow and a hairline border, as popovers have. */
  for (int i = 3; i >= 1; i--)
    {
      rounded_rectangle (cr, box_x - i, box_y - i + 1, box_width + 2 * i, box_height + 2 * i,
                         BOX_RADIUS + i);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.04);
      cairo_fill (cr);
    }
  rounded_rectangle (cr, box_x + 0.5, box_y + 0.5, box_width - 1, box_height - 1, BOX_RADIUS);
  set_source (cr, &palette->popover_bg, 1.0);
  cairo_fill_preserve (cr);
  set_source (cr, &palette->popover_fg, 0.15);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  set_source (cr, &palette->popover_fg, 1.0);
  show_text (cr, title_layout, date, box_x + BOX_PADDING, box_y + BOX_PADDING);

  y = box_y + BOX_PADDING + title_height + 2;
  for (guint i = 0; i < lines->len; i++)
    {
      ChartSeries *series = g_ptr_array_index (self->series, g_array_index (line_series, guint, i));
      double rgb[3];

      series_color (series, palette, rgb);
      draw_swatch (cr, series, rgb, box_x + BOX_PADDING, y + line_height / 2);
      set_source (cr, &palette->popover_fg, 1.0);
      show_text (cr, layout, g_ptr_array_index (lines, i),
                 box_x + BOX_PADDING + SWATCH_WIDTH + 6, y);
      y += line_height + 2;
    }

  g_object_unref (title_layout);
  g_object_unref (layout);
}

void
_frontline_area_chart_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  FrontlineAreaChart *self = FRONTLINE_AREA_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  g_autoptr(GArray) legend = NULL;
  PangoLayout *small;
  PangoLayout *normal;
  Palette palette;
  ValueAxis axis;
  cairo_t *cr;
  double small_height;
  double legend_height;
  double label_width = 0;
  guint n_steps;
  double plot_bottom;
  double base_y;

  if (width <= 0 || height <= 0)
    return;

  get_palette (self, &palette);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  small = create_layout (self, TRUE, FALSE);
  normal = create_layout (self, FALSE, FALSE);
  layout_size (small, "0", NULL, &small_height);

  if (!_frontline_area_chart_has_data (self))
    {
      const char *text = _("No areas to show");
      double text_width;
      double text_height;

      layout_size (normal, text, &text_width, &text_height);
      set_source (cr, &palette.fg, 0.55);
      show_text (cr, normal, text, (width - text_width) / 2, (height - text_height) / 2);
      goto out;
    }

  /* From the bottom up: the legend, the time labels, then the plot. */
  legend = g_array_new (FALSE, FALSE, sizeof (LegendItem));
  g_array_set_clear_func (legend, legend_item_clear);
  legend_height = layout_legend (self, legend, small, width, small_height);
  plot_bottom = floor (height - legend_height - (legend_height > 0 ? 12 : 0) - small_height - 6);

  /* Room at the top for the chosen date's label, whether or not there is
   * one, so that the plot does not jump when a date is chosen. */
  self->plot.origin.y = ceil (small_height + 2 * PILL_PADDING_Y + 4 + small_height / 2);
  self->plot.size.height = MAX (1, plot_bottom - self->plot.origin.y);
  value_axis_init (&axis, self->max_value, self->plot.size.height);

  n_steps = (guint) round (axis.max / axis.step);
  for (guint i = 0; i <= n_steps; i++)
    {
      g_autofree char *text = format_value_label (&axis, i * axis.step);
      double text_width;

      layout_size (small, text, &text_width, NULL);
      label_width = MAX (label_width, text_width);
    }

  self->plot.origin.x = ceil (label_width + 8);
  self->plot.size.width = MAX (1, floor (width - 8 - self->plot.origin.x));

  /* Grid lines and value labels. */
  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i <= n_steps; i++)
    {
      double y = round (y_for_value (self, &axis, i * axis.step));
      g_autofree char *text = format_value_label (&axis, i * axis.step);
      double text_width;

      /* The base line a little stronger than the grid. */
      set_source (cr, &palette.fg, i == 0 ? 0.3 : 0.1);
      cairo_move_to (cr, self->plot.origin.x, y + 0.5);
      cairo_line_to (cr, self->plot.origin.x + self->plot.size.width, y + 0.5);
      cairo_stroke (cr);

      layout_size (small, text, &text_width, NULL);
      set_source (cr, &palette.fg, 0.6);
      show_text (cr, small, text, self->plot.origin.x - 8 - text_width, y - small_height / 2);
    }

  /* Time labels, with a short tick under the base line. */
  choose_ticks (self, small, width);
  base_y = round (y_for_value (self, &axis, 0)) + 0.5;
  for (guint i = 0; i < self->ticks->len; i++)
    {
      const FrontlineTimeTick *tick = &g_array_index (self->ticks, FrontlineTimeTick, i);
      double x = tick->x + 0.5;

      set_source (cr, &palette.fg, 0.3);
      cairo_move_to (cr, x, base_y);
      cairo_line_to (cr, x, base_y + 4);
      cairo_stroke (cr);
      set_source (cr, &palette.fg, 0.6);
      show_text (cr, small, tick->label, tick->left, plot_bottom + 6);
    }

  /* The chosen day, under the lines so that they stay readable, with its
   * date in a pill above the plot, like a playhead. */
  if (self->day != FRONTLINE_DAY_NONE && self->day >= self->first_day &&
      self->day <= self->last_day)
    {
      double x = x_for_day_mark (self, self->day);
      g_autofree char *text = frontline_day_format_label (self->day);
      double text_width;
      double pill_width;
      double pill_height = small_height + 2 * PILL_PADDING_Y;
      double pill_x;

      set_source (cr, &palette.accent, 1.0);
      cairo_rectangle (cr, x - 1, pill_height, 2,
                       self->plot.origin.y + self->plot.size.height - pill_height);
      cairo_fill (cr);

      layout_size (small, text, &text_width, NULL);
      pill_width = text_width + 2 * PILL_PADDING_X;
      pill_x = round (CLAMP (x - pill_width / 2, 0, MAX (0, width - pill_width)));
      rounded_rectangle (cr, pill_x, 0, pill_width, pill_height, pill_height / 2);
      cairo_fill (cr);
      set_source (cr, &palette.accent_fg, 1.0);
      show_text (cr, small, text, pill_x + PILL_PADDING_X, PILL_PADDING_Y);
    }

  /* The series, the first on top. */
  cairo_save (cr);
  cairo_rectangle (cr, self->plot.origin.x - LINE_WIDTH, self->plot.origin.y - LINE_WIDTH,
                   self->plot.size.width + 2 * LINE_WIDTH,
                   self->plot.size.height + 2 * LINE_WIDTH);
  cairo_clip (cr);
  for (guint s = self->series->len; s > 0; s--)
    {
      ChartSeries *series = g_ptr_array_index (self->series, s - 1);
      double rgb[3];

      series_color (series, &palette, rgb);
      draw_series (self, cr, series, rgb, &axis);
    }
  cairo_restore (cr);

  /* The legend. */
  for (guint i = 0; i < legend->len; i++)
    {
      LegendItem *item = &g_array_index (legend, LegendItem, i);
      ChartSeries *series = g_ptr_array_index (self->series, item->series);
      double y = height - legend_height + item->y;
      double rgb[3];

      series_color (series, &palette, rgb);
      draw_swatch (cr, series, rgb, item->x, y + small_height / 2);
      set_source (cr, &palette.fg, 0.8);
      show_text (cr, small, item->text, item->x + SWATCH_WIDTH + 6, y);
    }

  if (self->hover_day != FRONTLINE_DAY_NONE && self->hover_day >= self->first_day &&
      self->hover_day <= self->last_day)
    draw_hover (self, cr, &palette, &axis, width);

out:
  g_object_unref (small);
  g_object_unref (normal);
  cairo_destroy (cr);
}
