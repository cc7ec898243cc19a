/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

#include "frontline-annotation.h"
#include "frontline-day.h"
#include "frontline-quote.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_STOP (frontline_stop_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineStop, frontline_stop, FRONTLINE, STOP, GObject)

const char *frontline_stop_get_title (FrontlineStop *self);
const char *frontline_stop_get_date (FrontlineStop *self);
const char *frontline_stop_get_caption (FrontlineStop *self);
FrontlineDay frontline_stop_get_day (FrontlineStop *self);
FrontlineDay frontline_stop_get_compare_day (FrontlineStop *self);
const char * const *frontline_stop_get_quote_ids (FrontlineStop *self);
gboolean frontline_stop_quote_is_later (FrontlineStop  *self,
                                        FrontlineQuote *quote);
gboolean frontline_stop_get_view (FrontlineStop *self,
                                  double         view[5]);
gboolean frontline_stop_get_bbox (FrontlineStop *self,
                                  double         bbox[4]);
FrontlineStop *frontline_stop_new (const char   *title,
                                   FrontlineDay  day,
                                   double        lon,
                                   double        lat,
                                   double        zoom);
void frontline_stop_set_title   (FrontlineStop *self,
                                 const char    *title);
void frontline_stop_set_caption (FrontlineStop *self,
                                 const char    *caption);
/* Seconds an animated move to a stop takes unless it says otherwise. */
#define FRONTLINE_STOP_DEFAULT_DURATION 3.0
#define FRONTLINE_STOP_MAX_DURATION     60.0

const char *frontline_stop_get_id (FrontlineStop *self);
double frontline_stop_get_duration (FrontlineStop *self);
void frontline_stop_set_duration (FrontlineStop *self,
                                  double         seconds);
const char *frontline_stop_get_notes (FrontlineStop *self);
void frontline_stop_set_notes   (FrontlineStop *self,
                                 const char    *notes);
GPtrArray *frontline_stop_get_annotations (FrontlineStop *self);
void frontline_stop_set_annotations (FrontlineStop *self,
                                     GPtrArray     *annotations);

G_END_DECLS
