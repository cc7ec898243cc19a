/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "frontline-area-chart.h"

G_BEGIN_DECLS

/* For the tests: the time axis as last drawn, of FrontlineTimeTick. */
GArray *frontline_area_chart_get_ticks (FrontlineAreaChart *self);

/* Between the chart's files: the widget (frontline-area-chart.c) and its
 * drawing (frontline-area-chart-draw.c). */

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
} ChartSeries;

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

double      _frontline_area_chart_series_value_at (const ChartSeries  *series,
                                                   FrontlineDay        day);
const char *_frontline_area_chart_status_label    (FrontlineStatus     status);
char       *_frontline_area_chart_format_km2      (double              value,
                                                   int                 decimals);
gboolean    _frontline_area_chart_has_data        (FrontlineAreaChart *self);
void        _frontline_area_chart_snapshot        (GtkWidget          *widget,
                                                   GtkSnapshot        *snapshot);

G_END_DECLS
