/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A calendar day, as GLib's Julian day number (day 1 is 0001-01-01). Plain
 * integers compare and subtract the way days do; 0 means "no day". */
typedef guint32 FrontlineDay;

#define FRONTLINE_DAY_NONE ((FrontlineDay) 0)

gboolean  frontline_day_parse          (const char   *text,
                                        FrontlineDay *day);
gboolean  frontline_day_find_in_string (const char   *text,
                                        FrontlineDay *day);
char     *frontline_day_format         (FrontlineDay  day);
void      frontline_day_format_buf     (FrontlineDay  day,
                                        char          buf[11]);
FrontlineDay frontline_day_from_dmy    (guint         day,
                                        guint         month,
                                        guint         year);

char     *frontline_day_format_label   (FrontlineDay  day);

G_END_DECLS
