/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-geometry"

#include "config.h"

#include <geodesic.h>
#include <geos_c.h>
#include <math.h>

#include "frontline-geometry.h"

G_DEFINE_BOXED_TYPE (FrontlineGeometry, frontline_geometry,
                     frontline_geometry_ref, frontline_geometry_unref)

struct _FrontlineGeometryBuilder
{
  GArray *polygons;  /* guint: index of each polygon's first ring */
  GArray *rings;     /* guint: index of each ring's first point */
  GArray *coords;    /* double: lon, lat */
};

static void
geometry_clear (gpointer data)
{
  FrontlineGeometry *self = data;

  g_free (self->polygons);
  g_free (self->rings);
  g_free (self->coords);
}

FrontlineGeometry *
frontline_geometry_ref (FrontlineGeometry *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
frontline_geometry_unref (FrontlineGeometry *self)
{
  g_atomic_rc_box_release_full (self, geometry_clear);
}

gboolean
frontline_geometry_is_empty (const FrontlineGeometry *self)
{
  return self == NULL || self->n_polygons == 0;
}

/* Builder */

FrontlineGeometryBuilder *
frontline_geometry_builder_new (void)
{
  FrontlineGeometryBuilder *builder = g_new0 (FrontlineGeometryBuilder, 1);

  builder->polygons = g_array_new (FALSE, FALSE, sizeof (guint));
  builder->rings = g_array_new (FALSE, FALSE, sizeof (guint));
  builder->coords = g_array_new (FALSE, FALSE, sizeof (double));

  return builder;
}

void
frontline_geometry_builder_free (FrontlineGeometryBuilder *builder)
{
  if (builder == NULL)
    return;

  g_array_unref (builder->polygons);
  g_array_unref (builder->rings);
  g_array_unref (builder->coords);
  g_free (builder);
}

void
frontline_geometry_builder_begin_polygon (FrontlineGeometryBuilder *builder)
{
  guint first_ring = builder->rings->len;

  g_array_append_val (builder->polygons, first_ring);
}

void
frontline_geometry_builder_begin_ring (FrontlineGeometryBuilder *builder)
{
  guint first_point = builder->coords->len / 2;

  g_return_if_fail (builder->polygons->len > 0);

  g_array_append_val (builder->rings, first_point);
}

void
frontline_geometry_builder_add_point (FrontlineGeometryBuilder *builder,
                                      double                    lon,
                                      double                    lat)
{
  double point[2] = { lon, lat };

  g_array_append_vals (builder->coords, point, 2);
}

/* The number of points in the ring being built. */
guint
frontline_geometry_builder_ring_size (FrontlineGeometryBuilder *builder)
{
  g_return_val_if_fail (builder->rings->len > 0, 0);

  return builder->coords->len / 2 - g_array_index (builder->rings, guint, builder->rings->len - 1);
}

/* The first and last points of the ring being built, as lon, lat pairs. */
void
frontline_geometry_builder_get_ring_ends (FrontlineGeometryBuilder *builder,
                                          double                   *first,
                                          double                   *last)
{
  guint start = g_array_index (builder->rings, guint, builder->rings->len - 1);
  guint end = builder->coords->len / 2 - 1;
  const double *c = (const double *) builder->coords->data;

  first[0] = c[2 * start];
  first[1] = c[2 * start + 1];
  last[0] = c[2 * end];
  last[1] = c[2 * end + 1];
}

/**
 * frontline_geometry_builder_finish:
 * @builder: (transfer full): a builder
 *
 * Returns: (transfer full): the geometry built, with its bounding box
 */
FrontlineGeometry *
frontline_geometry_builder_finish (FrontlineGeometryBuilder *builder)
{
  FrontlineGeometry *self = g_atomic_rc_box_new0 (FrontlineGeometry);
  guint n_points = builder->coords->len / 2;
  guint n_rings = builder->rings->len;

  g_array_append_val (builder->polygons, n_rings);
  g_array_append_val (builder->rings, n_points);

  self->n_polygons = builder->polygons->len - 1;
  self->n_rings = n_rings;
  self->n_points = n_points;
  /* GArray grows by doubling: give back the slack, which for a large ring is
   * as much again as the ring itself. */
  self->polygons = g_realloc (g_array_free (g_steal_pointer (&builder->polygons), FALSE),
                              (self->n_polygons + 1) * sizeof (guint));
  self->rings = g_realloc (g_array_free (g_steal_pointer (&builder->rings), FALSE),
                           (n_rings + 1) * sizeof (guint));
  self->coords = g_realloc (g_array_free (g_steal_pointer (&builder->coords), FALSE),
                            MAX (n_points, 1) * 2 * sizeof (double));
  g_free (builder);

  self->bbox[0] = self->bbox[1] = INFINITY;
  self->bbox[2] = self->bbox[3] = -INFINITY;
  for (guint i = 0; i < n_points; i++)
    {
      double lon = self->coords[2 * i];
      double lat = self->coords[2 * i + 1];

      self->bbox[0] = MIN (self->bbox[0], lon);
      self->bbox[1] = MIN (self->bbox[1], lat);
      self->bbox[2] = MAX (self->bbox[2], lon);
      self->bbox[3] = MAX (self->bbox[3], lat);
    }

  return self;
}

/* Geodesic measures */

static const struct geod_geodesic *
get_wgs84 (void)
{
  static struct geod_geodesic wgs84;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      geod_init (&wgs84, 6378137.0, 1.0 / 298.257223563);
      g_once_init_leave (&initialized, 1);
    }

  return &wgs84;
}

/* Areas: the authalic sphere
 *
 * The WGS 84 ellipsoid maps onto the sphere of the same area (radius R_q) by the authalic
 * latitude, and that map keeps every area exactly. A ring's area on that sphere, its edges
 * taken as great circles, is a sum over its edges of the spherical excess of the triangle
 * each makes with the pole:
 *
 *   tan (E / 2) = tan (Δλ / 2) · (tan (β1 / 2) + tan (β2 / 2)) / (1 + tan (β1 / 2) tan (β2 / 2))
 *
 * A geodesic maps to a curve within e² of a great circle: for an edge of 5 km the sliver
 * between them is below 0.1 m² (about 500 m² for 1°), so edges longer than that take PROJ's
 * exact term, geod_geninverse()'s S12, the same area down to the equator. The result is
 * within 1e-8 of geod_polygonarea() for the datasets and workloads (test-geometry). A vertex
 * costs one sincos(), two divisions and a few polynomials, where PROJ's exact geodesics cost
 * about a microsecond, so the loader computes every area in its workers. */

#define WGS84_A 6378137.0
/* Longer edges, rare in real front lines (and at most 0.1 m² off on the sphere), are
 * measured exactly. */
#define LONG_EDGE_DEGREES 0.05
#define WGS84_F (1.0 / 298.257223563)

#define AUTHALIC_ORDER 5
/* Table steps a degree: tan (β / 2) between steps by Hermite's cubic, whose error,
 * h⁴ f⁗ / 384 with h = 1.4e-4 rad, is below 1e-18: the rounding of the arithmetic. */
#define AUTHALIC_STEPS 128
#define AUTHALIC_NODES (180 * AUTHALIC_STEPS + 2)

typedef struct {
  double radius2;                 /* R_q², m² */
  double c[AUTHALIC_ORDER + 1];   /* β = φ + Σ c[k] sin 2kφ, k ≥ 1 */
  double (*nodes)[2];             /* tan (β / 2) and its derivative in the step, from -90° */
} Authalic;

/* q (φ) / (1 - e²), of sin φ */
static double
authalic_q (double e2,
            double e,
            double sin_phi)
{
  return sin_phi / (1 - e2 * sin_phi * sin_phi) + atanh (e * sin_phi) / e;
}

/* tan (β / 2) for the authalic latitude β of φ (radians), and d tan (β / 2) / dφ. */
static void
authalic_half_tan_exact (const Authalic *authalic,
                         double          phi,
                         double         *value,
                         double         *derivative)
{
  double s = sin (phi);
  double c = cos (phi);
  double sin_2phi = 2 * s * c;
  double cos_2phi = 1 - 2 * s * s;
  double b1 = 0;
  double b2 = 0;
  double d1 = 0;
  double d2 = 0;
  double beta;
  double t;

  /* Clenshaw: β - φ = Σ c[k] sin 2kφ and dβ/dφ - 1 = Σ 2k c[k] cos 2kφ */
  for (guint k = AUTHALIC_ORDER; k >= 1; k--)
    {
      double b0 = authalic->c[k] + 2 * cos_2phi * b1 - b2;
      double d0 = 2 * k * authalic->c[k] + 2 * cos_2phi * d1 - d2;

      b2 = b1;
      b1 = b0;
      d2 = d1;
      d1 = d0;
    }
  beta = phi + b1 * sin_2phi;
  t = tan (beta / 2);
  *value = t;
  *derivative = (1 + t * t) / 2 * (1 + d1 * cos_2phi - d2);
}

static const Authalic *
get_authalic (void)
{
  static Authalic authalic;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      const guint n = 64;
      double e2 = WGS84_F * (2 - WGS84_F);
      double e = sqrt (e2);
      double q_pole = authalic_q (e2, e, 1);

      /* R_q² = a² q_p / 2, q_p = 1 + (1 - e²) atanh (e) / e */
      authalic.radius2 = WGS84_A * WGS84_A * (1 - e2) * q_pole / 2;
      /* β - φ, from the exact sin β = q (φ) / q_p, is odd and of period π: its sine series,
       * by the trapezoid rule over a period (exact to rounding for a series that falls by e²
       * a term; the fifth term is 5e-15). */
      for (guint k = 1; k <= AUTHALIC_ORDER; k++)
        {
          double sum = 0;

          for (guint j = 0; j < n; j++)
            {
              double phi = j * G_PI / n - G_PI / 2;
              double beta = asin (CLAMP (authalic_q (e2, e, sin (phi)) / q_pole, -1.0, 1.0));

              sum += (beta - phi) * sin (2 * k * phi);
            }
          authalic.c[k] = 2 * sum / n;
        }

      authalic.nodes = g_malloc (sizeof (double[2]) * AUTHALIC_NODES);
      for (guint i = 0; i < AUTHALIC_NODES; i++)
        {
          double derivative;

          authalic_half_tan_exact (&authalic, ((double) i / AUTHALIC_STEPS - 90) * (G_PI / 180),
                                   &authalic.nodes[i][0], &derivative);
          /* per step */
          authalic.nodes[i][1] = derivative * (G_PI / 180 / AUTHALIC_STEPS);
        }
      g_once_init_leave (&initialized, 1);
    }

  return &authalic;
}

/* tan (β / 2) for the authalic latitude β of the geodetic latitude lat (degrees). */
static inline double
authalic_half_tan (const Authalic *authalic,
                   double          lat)
{
  double position = (CLAMP (lat, -90.0, 90.0) + 90) * AUTHALIC_STEPS;
  guint i = (guint) position;
  double u = position - i;
  double v = 1 - u;
  const double *a = authalic->nodes[i];
  const double *b = authalic->nodes[i + 1];

  /* Hermite's cubic between nodes i and i + 1 */
  return v * v * ((1 + 2 * u) * a[0] + u * a[1]) + u * u * ((3 - 2 * u) * b[0] - v * b[1]);
}

/* tan (x), |x| < 1e-3: the series to x⁷ is exact to the last bit. */
static inline double
small_tan (double x)
{
  double x2 = x * x;

  return x * (1 + x2 * (1.0 / 3 + x2 * (2.0 / 15 + x2 * (17.0 / 315))));
}

/* atan (x), |x| < 1e-3. */
static inline double
small_atan (double x)
{
  double x2 = x * x;

  return x * (1 - x2 * (1.0 / 3 - x2 * (1.0 / 5 - x2 * (1.0 / 7))));
}

/* Twice the signed spherical excess of a ring (the closing point repeated or not), in
 * steradians, positive counter-clockwise. */
static double
ring_excess (const Authalic *authalic,
             const double   *coords,
             guint           n)
{
  double sum = 0;
  double lon1;
  double lat1;
  double t1;

  if (n < 3)
    return 0;

  lon1 = coords[2 * (n - 1)];
  lat1 = coords[2 * (n - 1) + 1];
  t1 = authalic_half_tan (authalic, lat1);
  for (guint i = 0; i < n; i++)
    {
      double lon2 = coords[2 * i];
      double lat2 = coords[2 * i + 1];
      double t2 = authalic_half_tan (authalic, lat2);
      double dlon = lon2 - lon1;
      double half;
      double x;

      /* The short way round, across the antimeridian too. */
      if (dlon > 180)
        dlon -= 360;
      else if (dlon < -180)
        dlon += 360;
      half = dlon * (G_PI / 360);
      if (fabs (dlon) > LONG_EDGE_DEGREES || fabs (lat2 - lat1) > LONG_EDGE_DEGREES)
        {
          double s12 = 0;

          /* A long edge, as drawn by hand: the exact geodesic's area down to the equator,
           * which is what the sum adds up (see above), in the same units. */
          geod_geninverse (get_wgs84 (), lat1, lon1, lat2, lon2, NULL, NULL, NULL, NULL, NULL,
                           NULL, &s12);
          sum += s12 / (2 * authalic->radius2);
        }
      else if (fabs (half) < 1e-3)
        {
          x = small_tan (half) * (t1 + t2) / (1 + t1 * t2);
          sum += fabs (x) < 1e-3 ? small_atan (x) : atan (x);
        }
      else
        sum += atan (tan (half) * (t1 + t2) / (1 + t1 * t2));

      lon1 = lon2;
      lat1 = lat2;
      t1 = t2;
    }

  return 2 * sum;
}

/**
 * frontline_geometry_area_m2:
 *
 * The area on the WGS 84 ellipsoid, in square metres: each polygon's shell
 * less its holes, whatever the rings' orientation. Edges are great circles of the authalic
 * sphere (see above): within 1e-6 of geodesic edges for front lines, and fast enough to
 * compute every area while loading.
 */
double
frontline_geometry_area_m2 (const FrontlineGeometry *self)
{
  const Authalic *authalic = get_authalic ();
  double total = 0.0;

  g_return_val_if_fail (self != NULL, 0.0);

  for (guint p = 0; p < self->n_polygons; p++)
    {
      for (guint r = self->polygons[p]; r < self->polygons[p + 1]; r++)
        {
          guint start = self->rings[r];
          double excess = fabs (ring_excess (authalic, self->coords + 2 * start,
                                             self->rings[r + 1] - start));

          /* A ring around a pole: the smaller side. */
          if (excess > 2 * G_PI)
            excess = 4 * G_PI - excess;
          if (r == self->polygons[p])
            total += excess;
          else
            total -= excess;
        }
    }

  return total * authalic->radius2;
}

double
frontline_geodesic_distance_m (double lon1,
                               double lat1,
                               double lon2,
                               double lat2)
{
  double distance = 0.0;

  geod_inverse (get_wgs84 (), lat1, lon1, lat2, lon2, &distance, NULL, NULL);

  return distance;
}

/* GEOS: one context per thread, as the reentrant API requires. */

static void
free_context (gpointer data)
{
  GEOS_finish_r (data);
}

static GPrivate geos_context_key = G_PRIVATE_INIT (free_context);

static void
on_geos_message (const char *message,
                 void       *user_data)
{
  /* GEOS reports problems with its input through these; the callers turn
   * failures into located errors, so this is only for debugging. */
  g_debug ("GEOS: %s", message);
}

/* Bounding GEOS's work. GEOS 3.11 calls one process-wide callback from
 * inside long operations, in the thread doing them, and stops the operation
 * that next checks after GEOS_interruptRequest(). The deadline and the
 * cancellable are this thread's own, so the callback asks to stop only
 * in the thread whose budget ran out, and only then.
 *
 * Caveat: the request flag itself is global in 3.11, so another thread
 * checking in the instant between the request and this thread's own check
 * could take the interruption instead: its GEOS call then fails as if its
 * input were bad (every caller copes with a failure), and this thread,
 * still over budget, asks again at its next check. make_valid_within()
 * retries an operation interrupted that way. */
static _Thread_local gint64 interrupt_deadline;  /* 0: no budget */
static _Thread_local GCancellable *interrupt_cancellable;
static _Thread_local gboolean interrupt_requested;
static GEOSInterruptCallback *previous_interrupt_callback;

static void
on_geos_interrupt_check (void)
{
  /* GEOS checks seldom in some long loops: look at the clock each time
   * (a vDSO call, tens of nanoseconds). */
  if (interrupt_deadline != 0 &&
      (g_get_monotonic_time () > interrupt_deadline ||
       g_cancellable_is_cancelled (interrupt_cancellable)))
    {
      interrupt_requested = TRUE;
      GEOS_interruptRequest ();
    }

  if (previous_interrupt_callback != NULL)
    previous_interrupt_callback ();
}

static void
install_interrupt_callback (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      previous_interrupt_callback = GEOS_interruptRegisterCallback (on_geos_interrupt_check);
      g_once_init_leave (&once, 1);
    }
}

/* Overlays and simplification get a budget too: on a geometry whose repair
 * was given up (or any pathological one) they can take minutes. A scope
 * inside a scope keeps the outer one's deadline if it is earlier. */
typedef struct {
  gint64        deadline;
  GCancellable *cancellable;
  gboolean      requested;
} BudgetScope;

static void
budget_begin (BudgetScope *scope,
              gint64       budget_us)
{
  gint64 deadline = g_get_monotonic_time () + budget_us;

  install_interrupt_callback ();
  scope->deadline = interrupt_deadline;
  scope->cancellable = interrupt_cancellable;
  scope->requested = interrupt_requested;
  if (interrupt_deadline == 0 || deadline < interrupt_deadline)
    interrupt_deadline = deadline;
  interrupt_requested = FALSE;
}

/* Returns: whether this thread's budget ran out during the scope */
static gboolean
budget_end (BudgetScope *scope)
{
  gboolean ran_out = interrupt_requested;

  interrupt_deadline = scope->deadline;
  interrupt_cancellable = scope->cancellable;
  interrupt_requested = scope->requested || ran_out;
  return ran_out;
}

/* Whether a failed GEOS call is worth another try: it failed without this
 * thread asking (another thread's request may have stopped it, see above)
 * and there is time left. */
static gboolean
budget_retry (guint attempt)
{
  return !interrupt_requested && attempt < 2 &&
         (interrupt_deadline == 0 || g_get_monotonic_time () < interrupt_deadline);
}

static GEOSContextHandle_t
get_context (void)
{
  GEOSContextHandle_t handle = g_private_get (&geos_context_key);

  if (handle == NULL)
    {
      handle = GEOS_init_r ();
      GEOSContext_setNoticeMessageHandler_r (handle, on_geos_message, NULL);
      GEOSContext_setErrorMessageHandler_r (handle, on_geos_message, NULL);
      g_private_set (&geos_context_key, handle);
    }

  return handle;
}

static GEOSGeometry *
ring_to_geos (GEOSContextHandle_t      h,
              const FrontlineGeometry *self,
              guint                    r)
{
  guint start = self->rings[r];
  guint n = self->rings[r + 1] - start;
  GEOSCoordSequence *seq;

  seq = GEOSCoordSeq_copyFromBuffer_r (h, self->coords + 2 * start, n, 0, 0);
  if (seq == NULL)
    return NULL;

  return GEOSGeom_createLinearRing_r (h, seq);
}

static GEOSGeometry *
to_geos (GEOSContextHandle_t      h,
         const FrontlineGeometry *self)
{
  g_autofree GEOSGeometry **polygons = g_new0 (GEOSGeometry *, MAX (self->n_polygons, 1));

  for (guint p = 0; p < self->n_polygons; p++)
    {
      guint first = self->polygons[p];
      guint n_holes = self->polygons[p + 1] - first - 1;
      g_autofree GEOSGeometry **holes = g_new0 (GEOSGeometry *, MAX (n_holes, 1));
      GEOSGeometry *shell = ring_to_geos (h, self, first);

      for (guint i = 0; i < n_holes; i++)
        holes[i] = ring_to_geos (h, self, first + 1 + i);

      polygons[p] = GEOSGeom_createPolygon_r (h, shell, holes, n_holes);
    }

  return GEOSGeom_createCollection_r (h, GEOS_MULTIPOLYGON, polygons, self->n_polygons);
}

static void
add_ring_from_geos (GEOSContextHandle_t        h,
                    FrontlineGeometryBuilder  *builder,
                    const GEOSGeometry        *ring)
{
  const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r (h, ring);
  unsigned int size = 0;
  g_autofree double *buffer = NULL;

  GEOSCoordSeq_getSize_r (h, seq, &size);
  buffer = g_new (double, 2 * MAX (size, 1));
  GEOSCoordSeq_copyToBuffer_r (h, seq, buffer, 0, 0);

  frontline_geometry_builder_begin_ring (builder);
  g_array_append_vals (builder->coords, buffer, 2 * size);
}

static void
add_polygons_from_geos (GEOSContextHandle_t        h,
                        FrontlineGeometryBuilder  *builder,
                        const GEOSGeometry        *geometry)
{
  int type = GEOSGeomTypeId_r (h, geometry);

  if (type == GEOS_POLYGON)
    {
      int n_holes = GEOSGetNumInteriorRings_r (h, geometry);

      if (GEOSisEmpty_r (h, geometry))
        return;

      frontline_geometry_builder_begin_polygon (builder);
      add_ring_from_geos (h, builder, GEOSGetExteriorRing_r (h, geometry));
      for (int i = 0; i < n_holes; i++)
        add_ring_from_geos (h, builder, GEOSGetInteriorRingN_r (h, geometry, i));
    }
  else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION)
    {
      int n = GEOSGetNumGeometries_r (h, geometry);

      /* Repairs and differences can leave lines and points where polygons
       * touched: territory is only the polygons. */
      for (int i = 0; i < n; i++)
        add_polygons_from_geos (h, builder, GEOSGetGeometryN_r (h, geometry, i));
    }
}

static FrontlineGeometry *
from_geos (GEOSContextHandle_t  h,
           const GEOSGeometry  *geometry)
{
  FrontlineGeometryBuilder *builder = frontline_geometry_builder_new ();

  add_polygons_from_geos (h, builder, geometry);

  return frontline_geometry_builder_finish (builder);
}

/**
 * frontline_geometry_make_valid:
 * @self: a geometry
 * @reason: (out) (optional) (transfer full): why @self was invalid
 *
 * Checks @self with GEOS and repairs it if it is invalid (self-intersections,
 * bow ties, holes outside their shell), keeping the area it covers.
 *
 * Returns: (transfer full) (nullable): the repaired geometry, or %NULL when
 *   @self is valid
 */
FrontlineGeometry *
frontline_geometry_make_valid (FrontlineGeometry  *self,
                               char              **reason)
{
  return frontline_geometry_make_valid_within (self, 0, NULL, reason, NULL);
}

/**
 * frontline_geometry_make_valid_within:
 * @budget_us: how long GEOS may take, in microseconds; 0 for no limit
 * @cancellable: (nullable): stops the repair when cancelled
 * @gave_up: (out) (optional): set when the budget ran out or @cancellable
 *   was cancelled before the repair was done
 *
 * frontline_geometry_make_valid(), bounded: a small self-intersecting ring
 * can take GEOS minutes and gigabytes to repair.
 *
 * Returns: (transfer full) (nullable): the repaired geometry, or %NULL when
 *   @self is valid or the repair was given up
 */
FrontlineGeometry *
frontline_geometry_make_valid_within (FrontlineGeometry  *self,
                                      gint64              budget_us,
                                      GCancellable       *cancellable,
                                      char              **reason,
                                      gboolean           *gave_up)
{
  GEOSContextHandle_t h = get_context ();
  GEOSGeometry *geometry;
  GEOSGeometry *valid;
  GEOSMakeValidParams *params;
  FrontlineGeometry *result = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (reason != NULL)
    *reason = NULL;
  if (gave_up != NULL)
    *gave_up = FALSE;

  geometry = to_geos (h, self);
  if (geometry == NULL)
    return NULL;

  if (budget_us > 0 || cancellable != NULL)
    {
      install_interrupt_callback ();
      interrupt_deadline = budget_us > 0 ? g_get_monotonic_time () + budget_us : G_MAXINT64;
      interrupt_cancellable = cancellable;
      interrupt_requested = FALSE;
    }

  if (GEOSisValid_r (h, geometry) == 1)
    {
      GEOSGeom_destroy_r (h, geometry);
      interrupt_deadline = 0;
      interrupt_cancellable = NULL;
      return NULL;
    }

  if (reason != NULL)
    {
      char *geos_reason = GEOSisValidReason_r (h, geometry);

      *reason = g_strdup (geos_reason);
      GEOSFree_r (h, geos_reason);
    }

  /* The "structure" method rebuilds polygons from their rings and keeps
   * the area inside shells and outside holes: what a map maker meant. */
  params = GEOSMakeValidParams_create_r (h);
  GEOSMakeValidParams_setMethod_r (h, params, GEOS_MAKE_VALID_STRUCTURE);
  GEOSMakeValidParams_setKeepCollapsed_r (h, params, 0);
  for (guint attempt = 0; ; attempt++)
    {
      valid = GEOSMakeValidWithParams_r (h, geometry, params);
      /* Failed without this thread asking: another thread's request may
       * have stopped it (see above); try again while there is time. */
      if (valid != NULL || interrupt_deadline == 0 || interrupt_requested || attempt >= 2)
        break;
    }
  GEOSMakeValidParams_destroy_r (h, params);

  if (valid == NULL && interrupt_requested && gave_up != NULL)
    *gave_up = TRUE;
  interrupt_deadline = 0;
  interrupt_cancellable = NULL;
  interrupt_requested = FALSE;

  if (valid != NULL)
    {
      result = from_geos (h, valid);
      GEOSGeom_destroy_r (h, valid);
    }

  GEOSGeom_destroy_r (h, geometry);

  return result;
}

/**
 * frontline_geometry_contains_point:
 *
 * Whether the point lies inside @self (on its boundary counts as inside).
 */
gboolean
frontline_geometry_contains_point (const FrontlineGeometry *self,
                                   double                   lon,
                                   double                   lat)
{
  GEOSContextHandle_t h;
  GEOSGeometry *geometry;
  GEOSGeometry *point;
  GEOSCoordSequence *seq;
  char result;

  g_return_val_if_fail (self != NULL, FALSE);

  if (lon < self->bbox[0] || lon > self->bbox[2] || lat < self->bbox[1] || lat > self->bbox[3])
    return FALSE;

  h = get_context ();
  geometry = to_geos (h, self);
  seq = GEOSCoordSeq_create_r (h, 1, 2);
  GEOSCoordSeq_setXY_r (h, seq, 0, lon, lat);
  point = GEOSGeom_createPoint_r (h, seq);

  result = GEOSIntersects_r (h, geometry, point);

  GEOSGeom_destroy_r (h, point);
  GEOSGeom_destroy_r (h, geometry);

  return result == 1;
}

/**
 * frontline_geometry_difference:
 * @complete: (out) (optional): FALSE when GEOS could not compute it (within
 *   %FRONTLINE_GEOMETRY_BUDGET_US, or at all): the result is then empty
 *
 * Returns: (transfer full): the part of @a outside @b
 */
FrontlineGeometry *
frontline_geometry_difference (const FrontlineGeometry *a,
                               const FrontlineGeometry *b,
                               gboolean                *complete)
{
  GEOSContextHandle_t h = get_context ();
  GEOSGeometry *ga;
  GEOSGeometry *gb;
  GEOSGeometry *diff;
  FrontlineGeometry *result;
  BudgetScope scope;

  g_return_val_if_fail (a != NULL && b != NULL, NULL);

  if (complete != NULL)
    *complete = TRUE;

  if (a->invalid || b->invalid)
    {
      if (complete != NULL)
        *complete = FALSE;
      return frontline_geometry_builder_finish (frontline_geometry_builder_new ());
    }

  ga = to_geos (h, a);
  gb = to_geos (h, b);
  budget_begin (&scope, FRONTLINE_GEOMETRY_BUDGET_US);
  for (guint attempt = 0; ; attempt++)
    {
      diff = GEOSDifference_r (h, ga, gb);
      if (diff != NULL || !budget_retry (attempt))
        break;
    }
  budget_end (&scope);

  if (diff != NULL)
    {
      result = from_geos (h, diff);
      GEOSGeom_destroy_r (h, diff);
    }
  else
    {
      /* Out of time, or input GEOS cannot take (the loader repairs what it
       * can, within a budget): nothing is known of the difference. */
      result = frontline_geometry_builder_finish (frontline_geometry_builder_new ());
      if (complete != NULL)
        *complete = FALSE;
    }

  GEOSGeom_destroy_r (h, ga);
  GEOSGeom_destroy_r (h, gb);

  return result;
}

/**
 * frontline_geometry_simplify:
 * @tolerance: the largest distance a vertex may move, in degrees
 *
 * Returns: (transfer full): a simplified copy that keeps rings simple and
 *   holes inside their shells (GEOS's topology-preserving simplifier)
 */
FrontlineGeometry *
frontline_geometry_simplify (const FrontlineGeometry *self,
                             double                   tolerance)
{
  GEOSContextHandle_t h = get_context ();
  GEOSGeometry *geometry;
  GEOSGeometry *simple;
  FrontlineGeometry *result;
  BudgetScope scope;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->invalid)
    return frontline_geometry_ref ((FrontlineGeometry *) self);

  geometry = to_geos (h, self);
  budget_begin (&scope, FRONTLINE_GEOMETRY_BUDGET_US);
  simple = GEOSTopologyPreserveSimplify_r (h, geometry, tolerance);
  budget_end (&scope);

  if (simple != NULL)
    {
      result = from_geos (h, simple);
      GEOSGeom_destroy_r (h, simple);
    }
  else
    {
      result = from_geos (h, geometry);
    }

  GEOSGeom_destroy_r (h, geometry);

  return result;
}

/* The polygons of @geometries side by side, as one geometry known to be
 * invalid (they may overlap). */
static FrontlineGeometry *
unmerged_copy (GPtrArray *geometries)
{
  FrontlineGeometryBuilder *builder = frontline_geometry_builder_new ();
  FrontlineGeometry *result;

  for (guint i = 0; i < geometries->len; i++)
    {
      const FrontlineGeometry *g = g_ptr_array_index (geometries, i);

      for (guint p = 0; p < g->n_polygons; p++)
        {
          frontline_geometry_builder_begin_polygon (builder);
          for (guint r = g->polygons[p]; r < g->polygons[p + 1]; r++)
            {
              frontline_geometry_builder_begin_ring (builder);
              for (guint k = g->rings[r]; k < g->rings[r + 1]; k++)
                frontline_geometry_builder_add_point (builder, g->coords[2 * k], g->coords[2 * k + 1]);
            }
        }
    }

  result = frontline_geometry_builder_finish (builder);
  result->invalid = TRUE;
  return result;
}

/**
 * frontline_geometry_union:
 * @geometries: (element-type FrontlineGeometry): geometries
 * @complete: (out) (optional): FALSE when GEOS could not merge them (within
 *   %FRONTLINE_GEOMETRY_BUDGET_US, or at all): the result is then the
 *   geometries side by side, unmerged
 *
 * Returns: (transfer full): the ground covered by any of @geometries (empty
 *   when there are none)
 */
FrontlineGeometry *
frontline_geometry_union (GPtrArray *geometries,
                          gboolean  *complete)
{
  GEOSContextHandle_t h;
  g_autofree GEOSGeometry **parts = NULL;
  GEOSGeometry *collection;
  GEOSGeometry *merged;
  FrontlineGeometry *result;
  BudgetScope scope;

  g_return_val_if_fail (geometries != NULL, NULL);

  if (complete != NULL)
    *complete = TRUE;

  if (geometries->len == 0)
    return frontline_geometry_builder_finish (frontline_geometry_builder_new ());
  if (geometries->len == 1)
    return frontline_geometry_ref (g_ptr_array_index (geometries, 0));

  for (guint i = 0; i < geometries->len; i++)
    {
      if (((FrontlineGeometry *) g_ptr_array_index (geometries, i))->invalid)
        {
          FrontlineGeometry *unmerged = unmerged_copy (geometries);

          if (complete != NULL)
            *complete = FALSE;
          return unmerged;
        }
    }

  h = get_context ();
  parts = g_new0 (GEOSGeometry *, geometries->len);
  for (guint i = 0; i < geometries->len; i++)
    parts[i] = to_geos (h, g_ptr_array_index (geometries, i));

  collection = GEOSGeom_createCollection_r (h, GEOS_GEOMETRYCOLLECTION, parts, geometries->len);
  budget_begin (&scope, FRONTLINE_GEOMETRY_BUDGET_US);
  for (guint attempt = 0; ; attempt++)
    {
      merged = GEOSUnaryUnion_r (h, collection);
      if (merged != NULL || !budget_retry (attempt))
        break;
    }
  budget_end (&scope);
  if (merged == NULL && complete != NULL)
    *complete = FALSE;
  result = from_geos (h, merged != NULL ? merged : collection);
  result->invalid = merged == NULL;

  if (merged != NULL)
    GEOSGeom_destroy_r (h, merged);
  GEOSGeom_destroy_r (h, collection);

  return result;
}

/**
 * frontline_geometry_to_hex_ewkb:
 *
 * Returns: (transfer full): the geometry as a MultiPolygon, in little-endian
 *   hex EWKB that carries @srid
 */
char *
frontline_geometry_to_hex_ewkb (const FrontlineGeometry *self,
                                int                      srid)
{
  GEOSContextHandle_t h = get_context ();
  GEOSGeometry *geometry = to_geos (h, self);
  GEOSWKBWriter *writer;
  unsigned char *hex;
  size_t size = 0;
  char *result;

  g_return_val_if_fail (geometry != NULL, NULL);

  GEOSSetSRID_r (h, geometry, srid);
  writer = GEOSWKBWriter_create_r (h);
  GEOSWKBWriter_setOutputDimension_r (h, writer, 2);
  GEOSWKBWriter_setByteOrder_r (h, writer, GEOS_WKB_NDR);
  GEOSWKBWriter_setIncludeSRID_r (h, writer, 1);
  hex = GEOSWKBWriter_writeHEX_r (h, writer, geometry, &size);
  result = g_strndup ((const char *) hex, size);
  GEOSFree_r (h, hex);
  GEOSWKBWriter_destroy_r (h, writer);
  GEOSGeom_destroy_r (h, geometry);

  return result;
}
