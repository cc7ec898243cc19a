/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

/* Reading features (areas, places) and what the loader's readers share:
 * private to src/model/. */

#include <json-glib/json-glib.h>

#include "frontline-json-scan.h"
#include "frontline-model-private.h"

G_BEGIN_DECLS

/* One feature, parsed and converted in a worker thread, waiting to be added
 * to the dataset in file order. */
typedef struct {
  JsonObject         *feature;   /* without the geometry, for areas */
  GError             *error;
  GPtrArray          *warnings;  /* char *, "location\nmessage" */
  gboolean            is_area;
  gboolean            is_place;
  FrontlineGeometry  *geometry;
  FrontlineGeometry  *original;
  double              area_m2;   /* of @geometry, computed in the worker */
  gboolean            multi;     /* read as a MultiPolygon, which saving keeps */
  double              lon;
  double              lat;
  gboolean            retry;     /* read it again with json-glib alone */
  gboolean            syntax;    /* not JSON: where and why in @fault */
  FrontlineJsonFault  fault;
  char               *location;  /* converted features: "layer “X”, feature N" */
} FrontlineParsedFeature;

/* Building the dataset, in file order, on the loading thread. */
typedef struct {
  FrontlineDataset *dataset;
  const char       *file;          /* name for messages */
  FrontlineDay      forced_day;    /* folder import: the day in the file's name */
  gboolean          has_factions;  /* the file declares its factions */
  guint             next_color;
  GHashTable       *colors;        /* "#rrggbb" of every faction so far */
  const char       *path;          /* the local file being read, or NULL */
  gboolean          record_source; /* a single local file: fill dataset->source */
} FrontlineLoaderBuilder;

void                    frontline_loader_set_error          (GError                 **error,
                                                             gint                     code,
                                                             const char              *file,
                                                             const char              *location,
                                                             const char              *format,
                                                             ...) G_GNUC_PRINTF (5, 6);
const char             *frontline_loader_get_string_member  (JsonObject              *object,
                                                             const char              *name);
char                   *frontline_loader_dup_string_member  (JsonObject              *object,
                                                             const char              *name);
gboolean                frontline_loader_get_number         (JsonNode                *node,
                                                             double                  *value);
gboolean                frontline_loader_parse_color        (const char              *text,
                                                             double                   rgb[3]);

void                    frontline_parsed_feature_free       (FrontlineParsedFeature  *parsed);

FrontlineParsedFeature *frontline_feature_reader_parse_span (JsonParser              *parser,
                                                             const char              *data,
                                                             FrontlineJsonSpan       *span,
                                                             guint                    index,
                                                             const char              *file,
                                                             GCancellable            *cancellable);
gboolean                frontline_feature_reader_add        (FrontlineLoaderBuilder  *b,
                                                             FrontlineParsedFeature  *parsed,
                                                             guint                    index,
                                                             GError                 **error);

FrontlineParsedFeature *frontline_parsed_feature_new_converted (JsonObject               *feature,
                                                                const char               *location);
gboolean                frontline_feature_reader_add_ring      (FrontlineParsedFeature   *parsed,
                                                                FrontlineGeometryBuilder *builder,
                                                                const char               *file,
                                                                const char               *where,
                                                                const double             *x,
                                                                const double             *y,
                                                                guint                     n,
                                                                GError                  **error);
void                    frontline_feature_reader_finish_area   (FrontlineParsedFeature   *parsed,
                                                                FrontlineGeometryBuilder *builder,
                                                                gboolean                  multi,
                                                                GCancellable             *cancellable);

G_END_DECLS
