/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-area-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "frontline-area-chart.h"
#include "frontline-area-chart-private.h"
#include "frontline-time-axis.h"

/* A chart of the area each faction holds with each status, over the dataset's
 * days. A day's value holds until the next sample, the way control persists
 * until the next assessment, so series are drawn as steps. Day d covers
 * [d, d + 1) on the x axis; the domain runs from the first day to the end of
 * the last one. */

#define LINE_WIDTH       2.0
#define SWATCH_WIDTH     18.0
#define LABEL_GAP        12.0
#define LEGEND_SPACING   18.0
#define BOX_PADDING      8.0
#define BOX_RADIUS       6.0
#define PILL_PADDING_X   7.0
#define PILL_PADDING_Y   2.0

typedef struct {
  char            *label;
  double           rgb[3];
  FrontlineStatus  status;
  FrontlineDay    *days;    /* sorted */
  double          *values;  /* km², or NAN where the layer shows nothing */
  guint            n;
} Series;

struct _FrontlineAreaChart
{
  GtkWidget     parent_instance;

  GPtrArray    *series;
  FrontlineDay  first_day;
  FrontlineDay  last_day;
  double        max_value;

  FrontlineDay  day;
  FrontlineDay  hover_day;

  /* The time axis as last drawn, and the layout that measures it while
   * it is chosen. */
  GArray       *ticks;
  PangoLayout  *axis_layout;

  /* Where the plot was last drawn, to map the pointer to a day. */
  graphene_rect_t plot;

  /* Bumped by every load and clear, so that an older load that finishes late
   * does not replace newer data. */
  guint         generation;
};

G_DEFINE_FINAL_TYPE (FrontlineAreaChart, frontline_area_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
series_free (gpointer data)
{
  Series *series = data;

  g_free (series->label);
  g_free (series->days);
  g_free (series->values);
  g_free (series);
}

static Series *
series_new (const char         *label,
            const double        rgb[3],
            FrontlineStatus     status,
            const FrontlineDay *days,
            const double       *values,
            guint               n)
{
  Series *series = g_new0 (Series, 1);

  series->label = g_strdup (label);
  memcpy (series->rgb, rgb, sizeof series->rgb);
  series->status = status;
  series->days = g_memdup2 (days, n * sizeof (FrontlineDay));
  series->values = g_memdup2 (values, n * sizeof (double));
  series->n = n;

  return series;
}

/* The value in force on @day: the latest sample on or before it. */
static double
series_value_at (const Series *series,
                 FrontlineDay  day)
{
  guint lo = 0;
  guint hi = series->n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (series->days[mid] <= day)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo == 0 ? NAN : series->values[lo - 1];
}

static const char *
status_label (FrontlineStatus status)
{
  switch (status)
    {
    case FRONTLINE_STATUS_CONTROLLED:
      return C_("area status", "controlled");
    case FRONTLINE_STATUS_CLAIMED:
      return C_("area status", "claimed");
    case FRONTLINE_STATUS_CONTESTED:
      return C_("area status", "contested");
    default:
      g_return_val_if_reached ("");
    }
}

static char *
format_km2 (double value,
            int    decimals)
{
  /* The ' flag groups thousands the way the user's locale does. */
  return g_strdup_printf ("%'.*f", decimals, value);
}

static char *
format_date (const GDate *date,
             const char  *format)
{
  g_autoptr(GDateTime) datetime = g_date_time_new_utc (g_date_get_year (date),
                                                       g_date_get_month (date),
                                                       g_date_get_day (date), 0, 0, 0);

  return g_date_time_format (datetime, format);
}

static char *
format_day (FrontlineDay  day,
            const char   *format)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);

  return format_date (&date, format);
}

static void
recompute_bounds (FrontlineAreaChart *self)
{
  self->first_day = FRONTLINE_DAY_NONE;
  self->last_day = FRONTLINE_DAY_NONE;
  self->max_value = 0.0;

  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);

      if (series->n == 0)
        continue;
      if (self->first_day == FRONTLINE_DAY_NONE || series->days[0] < self->first_day)
        self->first_day = series->days[0];
      self->last_day = MAX (self->last_day, series->days[series->n - 1]);
      for (guint i = 0; i < series->n; i++)
        if (isfinite (series->values[i]))
          self->max_value = MAX (self->max_value, series->values[i]);
    }
}

static gboolean
has_data (FrontlineAreaChart *self)
{
  return self->first_day != FRONTLINE_DAY_NONE;
}

/* Screen readers get the values the picture shows for the chosen day (or the
 * last one), since they cannot see the lines. */
static void
update_accessible_description (FrontlineAreaChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  FrontlineDay day;
  g_autofree char *date = NULL;

  if (!has_data (self))
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  day = self->day != FRONTLINE_DAY_NONE ? self->day : self->last_day;
  /* Translators: a date in g_date_time_format() syntax, as in “August 14, 2024” */
  date = format_day (day, _("%B %-d, %Y"));
  g_string_append (text, date);

  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);
      double value = series_value_at (series, day);
      g_autofree char *number = NULL;

      if (!isfinite (value))
        continue;
      number = format_km2 (value, 0);
      g_string_append (text, "; ");
      /* Translators: faction, status and area, as in “Ukraine, controlled: 1,012 km²” */
      g_string_append_printf (text, _("%s, %s: %s km²"), series->label,
                              status_label (series->status), number);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
}

static void
data_changed (FrontlineAreaChart *self)
{
  recompute_bounds (self);
  update_accessible_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

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
series_color (const Series  *series,
              const Palette *palette,
              double         rgb[3])
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
  g_autofree char *number = format_km2 (value, axis->decimals);

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
      Series *series = g_ptr_array_index (self->series, s);
      LegendItem item = { s, NULL, 0, 0, 0 };
      double text_width;

      /* Translators: a legend entry, faction and status, as in “Ukraine — controlled” */
      item.text = g_strdup_printf (_("%s — %s"), series->label, status_label (series->status));
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
draw_swatch (cairo_t      *cr,
             const Series *series,
             const double  rgb[3],
             double        x,
             double        y)
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
             const Series       *series,
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
  g_autofree char *date = format_day (self->hover_day, _("%B %-d, %Y"));
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
      Series *series = g_ptr_array_index (self->series, s);
      double value = series_value_at (series, self->hover_day);
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

      number = format_km2 (value, axis->decimals);
      if (series->status == FRONTLINE_STATUS_CONTROLLED)
        /* Translators: a faction's area on a day, as in “Ukraine: 1,012 km²” */
        line = g_strdup_printf (_("%s: %s km²"), series->label, number);
      else
        /* Translators: a faction's area with a status, as in “Russia (claimed): 310 km²” */
        line = g_strdup_printf (_("%s (%s): %s km²"), series->label,
                                status_label (series->status), number);
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
      Series *series = g_ptr_array_index (self->series, g_array_index (line_series, guint, i));
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

static void
frontline_area_chart_snapshot (GtkWidget   *widget,
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

  if (!has_data (self))
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
      /* Translators: the chosen date above the chart, in g_date_time_format() syntax */
      g_autofree char *text = format_day (self->day, _("%b %-d, %Y"));
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
      Series *series = g_ptr_array_index (self->series, s - 1);
      double rgb[3];

      series_color (series, &palette, rgb);
      draw_series (self, cr, series, rgb, &axis);
    }
  cairo_restore (cr);

  /* The legend. */
  for (guint i = 0; i < legend->len; i++)
    {
      LegendItem *item = &g_array_index (legend, LegendItem, i);
      Series *series = g_ptr_array_index (self->series, item->series);
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

static void
frontline_area_chart_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  /* Room for a year of monthly labels and a few sides' legend; it shrinks to
   * fit a narrow side panel. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 480;
    }
  else
    {
      *minimum = 180;
      *natural = 260;
    }
}

static void
frontline_area_chart_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (frontline_area_chart_parent_class)->css_changed (widget, change);

  /* Named colours (the accent, the popover) can change without the widget's
   * own style changing, as when the dark style is switched on. */
  gtk_widget_queue_draw (widget);
}

/* Pointer */

static FrontlineDay
day_at_x (FrontlineAreaChart *self,
          double              x)
{
  double span;
  double position;

  if (!has_data (self) || self->plot.size.width <= 1 ||
      x < self->plot.origin.x || x > self->plot.origin.x + self->plot.size.width)
    return FRONTLINE_DAY_NONE;

  span = (double) self->last_day + 1.0 - self->first_day;
  position = (x - self->plot.origin.x) / self->plot.size.width * span;

  return MIN (self->last_day, self->first_day + (FrontlineDay) floor (position));
}

static void
set_hover_day (FrontlineAreaChart *self,
               FrontlineDay        day)
{
  if (self->hover_day == day)
    return;

  self->hover_day = day;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              FrontlineAreaChart       *self)
{
  set_hover_day (self, day_at_x (self, x));
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             FrontlineAreaChart       *self)
{
  set_hover_day (self, FRONTLINE_DAY_NONE);
}

/* GObject */

static void
frontline_area_chart_finalize (GObject *object)
{
  FrontlineAreaChart *self = FRONTLINE_AREA_CHART (object);

  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->ticks, g_array_unref);

  G_OBJECT_CLASS (frontline_area_chart_parent_class)->finalize (object);
}

static void
frontline_area_chart_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FrontlineAreaChart *self = FRONTLINE_AREA_CHART (object);

  switch (prop_id)
    {
    case PROP_DAY:
      g_value_set_uint (value, self->day);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_area_chart_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FrontlineAreaChart *self = FRONTLINE_AREA_CHART (object);

  switch (prop_id)
    {
    case PROP_DAY:
      frontline_area_chart_set_day (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_area_chart_class_init (FrontlineAreaChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = frontline_area_chart_finalize;
  object_class->get_property = frontline_area_chart_get_property;
  object_class->set_property = frontline_area_chart_set_property;

  widget_class->snapshot = frontline_area_chart_snapshot;
  widget_class->measure = frontline_area_chart_measure;
  widget_class->css_changed = frontline_area_chart_css_changed;

  /**
   * FrontlineAreaChart:day:
   *
   * The chosen date, marked with a vertical line; 0 for none.
   */
  properties[PROP_DAY] =
    g_param_spec_uint ("day", NULL, NULL,
                       0, G_MAXUINT32, FRONTLINE_DAY_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "frontline-area-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
frontline_area_chart_init (FrontlineAreaChart *self)
{
  GtkEventController *motion;

  self->series = g_ptr_array_new_with_free_func (series_free);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Area held per side over time"),
                                  -1);
}

/**
 * frontline_area_chart_new:
 *
 * Returns: (transfer floating): an empty chart
 */
FrontlineAreaChart *
frontline_area_chart_new (void)
{
  return g_object_new (FRONTLINE_TYPE_AREA_CHART, NULL);
}

/**
 * frontline_area_chart_clear:
 *
 * Removes every series. A load still running is dropped when it finishes.
 */
void
frontline_area_chart_clear (FrontlineAreaChart *self)
{
  g_return_if_fail (FRONTLINE_IS_AREA_CHART (self));

  self->generation++;
  g_ptr_array_set_size (self->series, 0);
  data_changed (self);
}

/**
 * frontline_area_chart_add_series:
 * @label: the faction's name
 * @rgb: the faction's colour, each channel from 0 to 1
 * @status: drawn solid (controlled), dashed (claimed) or dotted (contested)
 * @days: (array length=n): the days of the samples, sorted
 * @values: (array length=n): the area in km² from each day until the next,
 *   or NAN where the layer shows nothing
 * @n: the number of samples
 *
 * Adds one line to the chart, one per faction and status.
 */
void
frontline_area_chart_add_series (FrontlineAreaChart *self,
                                 const char         *label,
                                 const double        rgb[3],
                                 FrontlineStatus     status,
                                 const FrontlineDay *days,
                                 const double       *values,
                                 guint               n)
{
  g_return_if_fail (FRONTLINE_IS_AREA_CHART (self));
  g_return_if_fail (label != NULL);
  g_return_if_fail (rgb != NULL);
  g_return_if_fail (status < FRONTLINE_N_STATUSES);
  g_return_if_fail (n == 0 || (days != NULL && values != NULL));

  for (guint i = 1; i < n; i++)
    g_return_if_fail (days[i - 1] < days[i]);

  g_ptr_array_add (self->series, series_new (label, rgb, status, days, values, n));
  data_changed (self);
}

FrontlineDay
frontline_area_chart_get_day (FrontlineAreaChart *self)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA_CHART (self), FRONTLINE_DAY_NONE);

  return self->day;
}

/**
 * frontline_area_chart_set_day:
 * @day: the chosen date, or %FRONTLINE_DAY_NONE
 *
 * Marks @day with a vertical line in the accent colour.
 */
void
frontline_area_chart_set_day (FrontlineAreaChart *self,
                              FrontlineDay        day)
{
  g_return_if_fail (FRONTLINE_IS_AREA_CHART (self));

  if (self->day == day)
    return;

  self->day = day;
  update_accessible_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

guint
frontline_area_chart_get_n_series (FrontlineAreaChart *self)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA_CHART (self), 0);

  return self->series->len;
}

const char *
frontline_area_chart_get_series_label (FrontlineAreaChart *self,
                                       guint               index)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA_CHART (self), NULL);
  g_return_val_if_fail (index < self->series->len, NULL);

  return ((Series *) g_ptr_array_index (self->series, index))->label;
}

FrontlineStatus
frontline_area_chart_get_series_status (FrontlineAreaChart *self,
                                        guint               index)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA_CHART (self), FRONTLINE_STATUS_CONTROLLED);
  g_return_val_if_fail (index < self->series->len, FRONTLINE_STATUS_CONTROLLED);

  return ((Series *) g_ptr_array_index (self->series, index))->status;
}

/**
 * frontline_area_chart_get_series_values:
 * @days: (out) (optional) (array length=n) (transfer none): the series' days
 * @n: (out) (optional): the number of samples
 *
 * Returns: (array length=n) (transfer none): the series' values in km², NAN
 *   where the layer shows nothing
 */
const double *
frontline_area_chart_get_series_values (FrontlineAreaChart  *self,
                                        guint                index,
                                        const FrontlineDay **days,
                                        guint               *n)
{
  Series *series;

  g_return_val_if_fail (FRONTLINE_IS_AREA_CHART (self), NULL);
  g_return_val_if_fail (index < self->series->len, NULL);

  series = g_ptr_array_index (self->series, index);
  if (days)
    *days = series->days;
  if (n)
    *n = series->n;

  return series->values;
}

/**
 * frontline_area_chart_get_value_at:
 *
 * Returns: the area of series @index in force on @day (its latest sample on
 *   or before it), or NAN when it shows nothing that day
 */
double
frontline_area_chart_get_value_at (FrontlineAreaChart *self,
                                   guint               index,
                                   FrontlineDay        day)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA_CHART (self), NAN);
  g_return_val_if_fail (index < self->series->len, NAN);

  return series_value_at (g_ptr_array_index (self->series, index), day);
}

/* Loading from a dataset */

/**
 * frontline_area_chart_set_series:
 * @series: the areas of a dataset, computed once
 *
 * Replaces the chart's series with one per faction and status of @series,
 * and supersedes any load still running.
 */
void
frontline_area_chart_set_series (FrontlineAreaChart  *self,
                                 FrontlineAreaSeries *series)
{
  guint n_days;
  const FrontlineDay *days;

  g_return_if_fail (FRONTLINE_IS_AREA_CHART (self));
  g_return_if_fail (FRONTLINE_IS_AREA_SERIES (series));

  self->generation++;
  days = frontline_area_series_get_days (series, &n_days);
  g_ptr_array_set_size (self->series, 0);
  for (guint i = 0, n = frontline_area_series_get_n_lines (series); i < n; i++)
    {
      FrontlineFaction *faction = frontline_area_series_get_faction (series, i);
      double rgb[3];

      frontline_faction_get_rgb (faction, rgb);
      g_ptr_array_add (self->series, series_new (frontline_faction_get_name (faction), rgb,
                                                 frontline_area_series_get_status (series, i),
                                                 days, frontline_area_series_get_values (series, i),
                                                 n_days));
    }
  data_changed (self);
}

static void
on_load_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FrontlineAreaChart *self = g_task_get_source_object (task);
  guint generation = GPOINTER_TO_UINT (g_task_get_task_data (task));
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineAreaSeries) series = frontline_area_series_new_finish (result, &error);

  if (series == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (generation != self->generation)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "Replaced by a newer load");
      return;
    }

  frontline_area_chart_set_series (self, series);
  g_task_return_boolean (task, TRUE);
}

/**
 * frontline_area_chart_load_async:
 * @dataset: the dataset to chart
 *
 * Replaces the chart's series with one per faction and status of @dataset,
 * sampled on the days the layers change, computed by a #FrontlineAreaSeries
 * in a worker thread; the chart changes when it is done, before @callback
 * runs. A later load, clear or series supersedes this one, which then fails
 * with %G_IO_ERROR_CANCELLED.
 */
void
frontline_area_chart_load_async (FrontlineAreaChart  *self,
                                 FrontlineDataset    *dataset,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FRONTLINE_IS_AREA_CHART (self));
  g_return_if_fail (FRONTLINE_IS_DATASET (dataset));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, frontline_area_chart_load_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (++self->generation), NULL);

  /* The series' own task delivers it to the chart, so that the chart fills
   * even when the caller passes no callback. */
  frontline_area_series_new_async (dataset, cancellable, on_load_done_cb, task);
}

gboolean
frontline_area_chart_load_finish (FrontlineAreaChart  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA_CHART (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == frontline_area_chart_load_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * frontline_area_chart_get_ticks:
 *
 * Returns: (transfer none) (nullable) (element-type FrontlineTimeTick): the
 *   time axis as last drawn
 */
GArray *
frontline_area_chart_get_ticks (FrontlineAreaChart *self)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA_CHART (self), NULL);

  return self->ticks;
}
