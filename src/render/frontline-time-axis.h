/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

#include "frontline-day.h"

G_BEGIN_DECLS

/* The largest unit that starts on a tick's day. */
typedef enum {
  FRONTLINE_TIME_TICK_DAY,
  FRONTLINE_TIME_TICK_MONTH,
  FRONTLINE_TIME_TICK_YEAR,
} FrontlineTimeTickLevel;

/* How labels read, all written by frontline_day_format_as(): the timeline's
 * compact "5 Aug", "12", "Sep", "2025" (years in bold), or the chart's
 * "5 Aug", "Aug 2024", "Sep", "2025". */
typedef enum {
  FRONTLINE_TIME_AXIS_COMPACT,
  FRONTLINE_TIME_AXIS_FULL,
} FrontlineTimeAxisStyle;

typedef struct {
  FrontlineDay           day;
  FrontlineTimeTickLevel level;
  gboolean               bold;
  char                  *label;
  double                 x;      /* where the tick is */
  double                 left;   /* where its label starts */
  double                 width;  /* the label's width */
} FrontlineTimeTick;

/* Where @day is drawn. */
typedef double (*FrontlineTimeAxisMapFunc)     (FrontlineDay  day,
                                                gpointer      user_data);
/* How wide @label is drawn. */
typedef double (*FrontlineTimeAxisMeasureFunc) (const char   *label,
                                                gboolean      bold,
                                                gpointer      user_data);

typedef struct {
  FrontlineDay                 first;
  FrontlineDay                 last;
  double                       width;      /* labels stay within [0, width] */
  double                       min_gap;    /* least space between two labels */
  double                       min_pitch;  /* least distance between two ticks */
  FrontlineTimeAxisStyle       style;
  gboolean                     keep_first; /* when nothing fits: the first day alone */
  FrontlineTimeAxisMapFunc     map;
  FrontlineTimeAxisMeasureFunc measure;
  gpointer                     user_data;
} FrontlineTimeAxis;

GArray  *frontline_time_axis_ticks   (const FrontlineTimeAxis *axis);
gboolean frontline_time_axis_is_tick (FrontlineDay             day,
                                      guint                    step_days);

G_END_DECLS
