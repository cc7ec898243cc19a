/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A (multi)polygon in WGS 84 longitude and latitude, packed into flat arrays so
 * that millions of vertices cost 16 bytes each and draw without pointer
 * chasing. Polygon i has rings polygons[i] to polygons[i + 1] - 1; ring j has
 * points rings[j] to rings[j + 1] - 1, each closed (last point == first);
 * the first ring of a polygon is its shell, the rest are holes. Immutable and
 * reference counted, so threads can share it. */
typedef struct _FrontlineGeometry
{
  guint   n_polygons;
  guint   n_rings;
  guint   n_points;
  guint  *polygons;
  guint  *rings;
  double *coords;
  double  bbox[4];  /* west, south, east, north */
  gboolean invalid; /* known to be invalid (its repair was given up): GEOS
                     * overlays skip it rather than spend minutes on it */
} FrontlineGeometry;

typedef struct _FrontlineGeometryBuilder FrontlineGeometryBuilder;

#define FRONTLINE_TYPE_GEOMETRY (frontline_geometry_get_type ())

GType               frontline_geometry_get_type          (void) G_GNUC_CONST;
FrontlineGeometry  *frontline_geometry_ref               (FrontlineGeometry  *self);
void                frontline_geometry_unref             (FrontlineGeometry  *self);
gboolean            frontline_geometry_is_empty          (const FrontlineGeometry *self);

FrontlineGeometryBuilder *frontline_geometry_builder_new          (void);
void                frontline_geometry_builder_begin_polygon (FrontlineGeometryBuilder *builder);
void                frontline_geometry_builder_begin_ring    (FrontlineGeometryBuilder *builder);
void                frontline_geometry_builder_add_point     (FrontlineGeometryBuilder *builder,
                                                              double                    lon,
                                                              double                    lat);
guint               frontline_geometry_builder_ring_size     (FrontlineGeometryBuilder *builder);
void                frontline_geometry_builder_get_ring_ends (FrontlineGeometryBuilder *builder,
                                                              double                   *first,
                                                              double                   *last);
FrontlineGeometry  *frontline_geometry_builder_finish        (FrontlineGeometryBuilder *builder);
void                frontline_geometry_builder_free          (FrontlineGeometryBuilder *builder);

/* Geodesic measures on the WGS 84 ellipsoid (PROJ's geodesic.h). */
double              frontline_geometry_area_m2           (const FrontlineGeometry *self);
double              frontline_geodesic_distance_m        (double lon1,
                                                          double lat1,
                                                          double lon2,
                                                          double lat2);

/* Operations through GEOS. Overlays and simplification stop after this
 * long (per call, in the calling thread) and say so. */
#define FRONTLINE_GEOMETRY_BUDGET_US (5 * G_USEC_PER_SEC)

/* Operations through GEOS. */
FrontlineGeometry  *frontline_geometry_make_valid        (FrontlineGeometry  *self,
                                                          char              **reason);
FrontlineGeometry  *frontline_geometry_make_valid_within (FrontlineGeometry  *self,
                                                          gint64              budget_us,
                                                          GCancellable       *cancellable,
                                                          char              **reason,
                                                          gboolean           *gave_up);
gboolean            frontline_geometry_contains_point    (const FrontlineGeometry *self,
                                                          double              lon,
                                                          double              lat);
FrontlineGeometry  *frontline_geometry_difference        (const FrontlineGeometry *a,
                                                          const FrontlineGeometry *b,
                                                          gboolean           *complete);
FrontlineGeometry  *frontline_geometry_union             (GPtrArray          *geometries,
                                                          gboolean           *complete);
FrontlineGeometry  *frontline_geometry_simplify          (const FrontlineGeometry *self,
                                                          double              tolerance);
/* The geometry as a MultiPolygon in hex EWKB with @srid (GEOS's WKB writer):
 * what PostGIS reads as text for a geometry column, COPY included. */
char               *frontline_geometry_to_hex_ewkb       (const FrontlineGeometry *self,
                                                          int                 srid);

#define FRONTLINE_KM2_PER_SQUARE_MILE 2.589988110336

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FrontlineGeometry, frontline_geometry_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FrontlineGeometryBuilder, frontline_geometry_builder_free)

G_END_DECLS
