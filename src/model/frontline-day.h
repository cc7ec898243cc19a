/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FRONTLINE_DAY_ERROR (frontline_day_error_quark ())

/* Why a typed date is refused. */
typedef enum {
  FRONTLINE_DAY_ERROR_UNREADABLE,   /* not a date in any form we read */
  FRONTLINE_DAY_ERROR_NO_SUCH_DAY,  /* 30 February, month 13 */
} FrontlineDayError;

GQuark frontline_day_error_quark (void);

/* A calendar day, as GLib's Julian day number (day 1 is 0001-01-01). Plain
 * integers compare and subtract the way days do; 0 means "no day". */
typedef guint32 FrontlineDay;

#define FRONTLINE_DAY_NONE ((FrontlineDay) 0)

gboolean  frontline_day_parse          (const char   *text,
                                        FrontlineDay *day);
gboolean  frontline_day_parse_typed    (const char   *text,
                                        FrontlineDay *day,
                                        GError      **error);
gboolean  frontline_day_find_in_string (const char   *text,
                                        FrontlineDay *day);
char     *frontline_day_format         (FrontlineDay  day);
void      frontline_day_format_buf     (FrontlineDay  day,
                                        char          buf[11]);
FrontlineDay frontline_day_from_dmy    (guint         day,
                                        guint         month,
                                        guint         year);

/* The ways a day is written: each human-facing one is translatable and
 * follows the user's language; ISO is for data (files, CSV, file names). */
typedef enum {
  FRONTLINE_DAY_FORMAT_LABEL,      /* "9 Jan 2025": the date bar, cards, titles */
  FRONTLINE_DAY_FORMAT_LONG,       /* "9 January 2025": tooltips, screen readers */
  FRONTLINE_DAY_FORMAT_MONTH_YEAR, /* "Jan 2025" */
  FRONTLINE_DAY_FORMAT_MONTH,      /* "Jan" */
  FRONTLINE_DAY_FORMAT_YEAR,       /* "2025" */
  FRONTLINE_DAY_FORMAT_DAY_MONTH,  /* "9 Jan" */
  FRONTLINE_DAY_FORMAT_DAY,        /* "9" */
  FRONTLINE_DAY_FORMAT_ISO,        /* "2025-01-09" */
} FrontlineDayFormat;

char     *frontline_day_format_as      (FrontlineDay        day,
                                        FrontlineDayFormat  format);
char     *frontline_day_format_label   (FrontlineDay        day);

G_END_DECLS
