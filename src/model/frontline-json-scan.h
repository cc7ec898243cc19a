/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

/* The loader's JSON scanner and strict checker: private to src/model/. */

#include <json-glib/json-glib.h>

#include "frontline-model-private.h"

G_BEGIN_DECLS

/* Part of a text: d[offset, offset + length). For a feature of the features array, the
 * scanner also says (members_known) what frontline_json_find_member() would find in it: its
 * "geometry" members (the last one's value) and the "coordinates" members of that value, so
 * that the workers do not scan the coordinates again. */
typedef struct {
  gsize    offset;
  gsize    length;
  gboolean members_known;
  guint    n_geometry;
  guint    n_coordinates;
  gsize    geometry_start;
  gsize    geometry_end;
  gsize    coords_start;
  gsize    coords_end;
} FrontlineJsonSpan;

/* How deep frontline_json_check() lets values nest. */
#define FRONTLINE_JSON_MAX_DEPTH 256

/* Why a text is not JSON. */
typedef struct {
  gsize       offset;   /* where, in the text checked */
  const char *message;  /* what, untranslated (N_()) */
  gboolean    no_value; /* the text holds only white space */
  const char *starts_with; /* the document is not JSON at all: what it starts
                            * with ("PNG image data"), untranslated (N_()) */
} FrontlineJsonFault;

static inline gsize
frontline_json_skip_ws (const char *d,
                        gsize       i,
                        gsize       len)
{
  while (i < len && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' || d[i] == '\t'))
    i++;
  return i;
}

gboolean   frontline_json_skip_string              (const char          *d,
                                                    gsize               *i,
                                                    gsize                len);
gboolean   frontline_json_skip_value               (const char          *d,
                                                    gsize               *i,
                                                    gsize                len);
gboolean   frontline_json_check_number             (const char          *d,
                                                    gsize               *i,
                                                    gsize                end);
gboolean   frontline_json_check                    (const char          *d,
                                                    gsize                start,
                                                    gsize                end,
                                                    guint                base_depth,
                                                    FrontlineJsonFault  *fault);
guint      frontline_json_find_member              (const char          *d,
                                                    gsize                start,
                                                    gsize                end,
                                                    const char          *key,
                                                    gsize               *value_start,
                                                    gsize               *value_end);
gboolean   frontline_json_scan_feature_collection  (const char          *d,
                                                    gsize                len,
                                                    GArray              *features_ranges,
                                                    GArray              *spans,
                                                    gsize               *trailing,
                                                    guint               *n_features_members,
                                                    FrontlineSourceText *text_spans);
JsonNode  *frontline_json_parse                    (JsonParser          *parser,
                                                    const char          *d,
                                                    gsize                start,
                                                    gsize                end,
                                                    guint                base_depth,
                                                    FrontlineJsonFault  *fault);
const char *frontline_json_describe_start          (const char          *d,
                                                    gsize                start,
                                                    gsize                end);
gsize      frontline_json_skip_bom                 (const char          *data,
                                                    gsize                length);
void       frontline_json_line_column              (const char          *data,
                                                    gsize                offset,
                                                    guint               *line,
                                                    guint               *column);
void       frontline_json_set_fault_error          (GError             **error,
                                                    const char          *file,
                                                    const char          *data,
                                                    const FrontlineJsonFault *fault);
gboolean   frontline_json_has_long_integer         (const char          *d,
                                                    gsize                start,
                                                    gsize                end);

G_END_DECLS
