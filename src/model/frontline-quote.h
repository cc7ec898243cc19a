/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

#include "frontline-day.h"
#include "frontline-source.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_QUOTE (frontline_quote_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineQuote, frontline_quote, FRONTLINE, QUOTE, GObject)

const char *frontline_quote_get_id (FrontlineQuote *self);
const char *frontline_quote_get_text (FrontlineQuote *self);
const char *frontline_quote_get_speaker (FrontlineQuote *self);
const char *frontline_quote_get_role (FrontlineQuote *self);
const char *frontline_quote_get_date (FrontlineQuote *self);
const char *frontline_quote_get_date_precision (FrontlineQuote *self);
gboolean frontline_quote_is_exact_day (FrontlineQuote *self);
gboolean frontline_date_precision_is_valid (const char *precision);
const char *frontline_quote_get_source_id (FrontlineQuote *self);
const char *frontline_quote_get_place (FrontlineQuote *self);
FrontlineSource *frontline_quote_get_source (FrontlineQuote *self);
FrontlineDay frontline_quote_get_day (FrontlineQuote *self);
gboolean frontline_quote_get_location (FrontlineQuote *self,
                                       double         *lon,
                                       double         *lat);
char *frontline_quote_format_citation (FrontlineQuote *self);
char *frontline_quote_format_date (FrontlineQuote *self);
char *frontline_format_date_with_precision (const char *date,
                                            const char *precision,
                                            const char *approximate_form);

G_END_DECLS
