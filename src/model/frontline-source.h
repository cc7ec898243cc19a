/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FRONTLINE_TYPE_SOURCE (frontline_source_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineSource, frontline_source, FRONTLINE, SOURCE, GObject)

const char *frontline_source_get_id (FrontlineSource *self);
const char *frontline_source_get_title (FrontlineSource *self);
const char *frontline_source_get_publisher (FrontlineSource *self);
const char *frontline_source_get_author (FrontlineSource *self);
const char *frontline_source_get_url (FrontlineSource *self);
const char *frontline_source_get_published (FrontlineSource *self);
const char *frontline_source_get_date_precision (FrontlineSource *self);
const char *frontline_source_get_language (FrontlineSource *self);
const char *frontline_source_get_notes (FrontlineSource *self);
const char *frontline_source_get_openable_url (FrontlineSource *self);

gboolean    frontline_source_value_is_known    (const char      *value);
char       *frontline_source_dup_display_title (FrontlineSource *self);
char       *frontline_source_format_published  (FrontlineSource *self);
char       *frontline_source_format_citation   (FrontlineSource *self);
char       *frontline_source_format_reference  (FrontlineSource *self);

G_END_DECLS
