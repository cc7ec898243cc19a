/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A drawing on the map kept in a stop: an arrow, a line, a circle, a text
 * label or a freehand stroke, pinned to map coordinates (it moves and
 * scales with the map; its stroke width and text size are in screen
 * pixels, as the map's own outlines are).
 *
 * In a dataset, a stop's "annotations" is an array of GeoJSON features:
 *   {"type": "Feature",
 *    "geometry": {"type": "LineString", "coordinates": [[lon, lat], …]},
 *    "properties": {"kind": "arrow", "color": "#c01c28", "width": 4}}
 * kind: "arrow", "line", "freehand" (LineString, the arrow's head at its
 * last point), "circle" (Point with "radius" in metres on the ground),
 * "text" (Point with "text"); color "#rrggbb" or "#rrggbbaa"; width in
 * pixels (0.5 to 48). */

typedef enum {
  FRONTLINE_ANNOTATION_ARROW,
  FRONTLINE_ANNOTATION_LINE,
  FRONTLINE_ANNOTATION_CIRCLE,
  FRONTLINE_ANNOTATION_TEXT,
  FRONTLINE_ANNOTATION_FREEHAND,
} FrontlineAnnotationKind;

#define FRONTLINE_ANNOTATION_MAX_PER_STOP   1000
#define FRONTLINE_ANNOTATION_MAX_POINTS     100000
#define FRONTLINE_ANNOTATION_MAX_TEXT_CHARS 500
#define FRONTLINE_ANNOTATION_MIN_WIDTH      0.5
#define FRONTLINE_ANNOTATION_MAX_WIDTH      48.0
#define FRONTLINE_ANNOTATION_MAX_RADIUS     5000000.0  /* metres */

typedef struct {
  FrontlineAnnotationKind kind;
  double                  rgba[4];
  double                  width;     /* pixels */
  char                   *text;      /* TEXT: valid UTF-8, at most MAX_TEXT_CHARS; else NULL */
  double                  radius;    /* CIRCLE: metres */
  guint                   n_points;  /* 1 for CIRCLE and TEXT, at least 2 otherwise */
  double                 *points;    /* longitude, latitude pairs */
} FrontlineAnnotation;

#define FRONTLINE_TYPE_ANNOTATION (frontline_annotation_get_type ())

GType                frontline_annotation_get_type      (void) G_GNUC_CONST;
FrontlineAnnotation *frontline_annotation_new           (FrontlineAnnotationKind   kind,
                                                         const double             *points,
                                                         guint                     n_points);
FrontlineAnnotation *frontline_annotation_copy          (const FrontlineAnnotation *self);
void                 frontline_annotation_free          (FrontlineAnnotation       *self);
void                 frontline_annotation_set_text      (FrontlineAnnotation       *self,
                                                         const char                *text);

const char          *frontline_annotation_kind_to_string (FrontlineAnnotationKind  kind);
gboolean             frontline_annotation_kind_from_string (const char            *name,
                                                            FrontlineAnnotationKind *kind);
gboolean             frontline_annotation_parse_color   (const char                *text,
                                                         double                     rgba[4]);

FrontlineAnnotation *frontline_annotation_new_from_json (JsonNode                  *node,
                                                         GError                   **error);
JsonNode            *frontline_annotation_to_json       (const FrontlineAnnotation *self);

/* The box (west, south, east, north) the annotation covers; a circle's
 * radius included. */
void                 frontline_annotation_get_bbox      (const FrontlineAnnotation *self,
                                                         double                     bbox[4]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FrontlineAnnotation, frontline_annotation_free)

G_END_DECLS
