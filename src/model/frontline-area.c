/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-area"

#include "config.h"

#include <math.h>

#include "frontline-model-private.h"

/* A control area: the ground one faction holds (or claims, or contests) from
 * a day on, as one feature of the dataset describes it. */

G_DEFINE_ENUM_TYPE (FrontlineStatus, frontline_status,
  G_DEFINE_ENUM_VALUE (FRONTLINE_STATUS_CONTROLLED, "controlled"),
  G_DEFINE_ENUM_VALUE (FRONTLINE_STATUS_CLAIMED, "claimed"),
  G_DEFINE_ENUM_VALUE (FRONTLINE_STATUS_CONTESTED, "contested"))

static const char * const status_names[] = { "controlled", "claimed", "contested" };

const char *
frontline_status_to_string (FrontlineStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), NULL);

  return status_names[status];
}

gboolean
frontline_status_from_string (const char      *text,
                              FrontlineStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_strcmp0 (text, status_names[i]) == 0)
        {
          *status = (FrontlineStatus) i;
          return TRUE;
        }
    }

  return FALSE;
}

G_DEFINE_FINAL_TYPE (FrontlineArea, frontline_area, G_TYPE_OBJECT)

/* Simplification tolerances in degrees, by zoom band: about a third of a
 * pixel at the band's highest zoom, so simplification never shows. */
static const struct {
  double max_zoom;
  double tolerance;
} zoom_bands[FRONTLINE_N_ZOOM_BANDS] = {
  { 5.0, 0.02 },
  { 8.0, 0.0025 },
  { 11.0, 0.0003 },
};

static void
frontline_area_finalize (GObject *object)
{
  FrontlineArea *self = FRONTLINE_AREA (object);

  g_free (self->id);
  g_free (self->note);
  g_strfreev (self->source_ids);
  g_clear_object (&self->faction);
  g_clear_pointer (&self->geometry, frontline_geometry_unref);
  g_clear_pointer (&self->original_geometry, frontline_geometry_unref);
  for (guint i = 0; i < FRONTLINE_N_ZOOM_BANDS; i++)
    g_clear_pointer (&self->simplified[i], frontline_geometry_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (frontline_area_parent_class)->finalize (object);
}

static void
frontline_area_class_init (FrontlineAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = frontline_area_finalize;
}

static void
frontline_area_init (FrontlineArea *self)
{
  g_mutex_init (&self->mutex);
  self->area_m2 = NAN;
}

guint
frontline_area_get_index (FrontlineArea *self)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA (self), 0);
  return self->index;
}

const char *
frontline_area_get_id (FrontlineArea *self)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA (self), NULL);
  return self->id;
}

FrontlineDay
frontline_area_get_day (FrontlineArea *self)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA (self), FRONTLINE_DAY_NONE);
  return self->day;
}

FrontlineDay
frontline_area_get_valid_until (FrontlineArea *self)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA (self), FRONTLINE_DAY_NONE);
  return self->valid_until;
}

FrontlineFaction *
frontline_area_get_faction (FrontlineArea *self)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA (self), NULL);
  return self->faction;
}

FrontlineStatus
frontline_area_get_status (FrontlineArea *self)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA (self), FRONTLINE_STATUS_CONTROLLED);
  return self->status;
}

const char * const *
frontline_area_get_source_ids (FrontlineArea *self)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA (self), NULL);
  return (const char * const *) self->source_ids;
}

gboolean
frontline_area_get_approximate (FrontlineArea *self)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA (self), FALSE);
  return self->approximate;
}

const char *
frontline_area_get_note (FrontlineArea *self)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA (self), NULL);
  return self->note;
}

/**
 * frontline_area_get_geometry:
 *
 * Returns: (transfer none): the area's geometry, valid (repaired if needed)
 */
FrontlineGeometry *
frontline_area_get_geometry (FrontlineArea *self)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA (self), NULL);
  return self->geometry;
}

/**
 * frontline_area_get_geometry_for_zoom:
 * @zoom: the map's zoom level
 *
 * Returns the geometry simplified for drawing at @zoom, computed the first
 * time a zoom band asks for it and kept. Safe to call from any thread.
 *
 * Returns: (transfer full): the geometry to draw at @zoom
 */
FrontlineGeometry *
frontline_area_get_geometry_for_zoom (FrontlineArea *self,
                                      double         zoom)
{
  FrontlineGeometry *result;
  guint band;

  g_return_val_if_fail (FRONTLINE_IS_AREA (self), NULL);

  for (band = 0; band < FRONTLINE_N_ZOOM_BANDS; band++)
    {
      if (zoom <= zoom_bands[band].max_zoom)
        break;
    }

  if (band == FRONTLINE_N_ZOOM_BANDS)
    return frontline_geometry_ref (self->geometry);

  g_mutex_lock (&self->mutex);
  if (self->simplified[band] == NULL)
    self->simplified[band] = frontline_geometry_simplify (self->geometry, zoom_bands[band].tolerance);
  result = frontline_geometry_ref (self->simplified[band]);
  g_mutex_unlock (&self->mutex);

  return result;
}

/**
 * frontline_area_peek_geometry_for_zoom:
 *
 * Like frontline_area_get_geometry_for_zoom(), but never computes: the
 * simplified copy if it is ready, %NULL if not (the full geometry serves
 * at zooms past the bands).
 *
 * Returns: (transfer full) (nullable): the geometry to draw at @zoom
 */
FrontlineGeometry *
frontline_area_peek_geometry_for_zoom (FrontlineArea *self,
                                       double         zoom)
{
  FrontlineGeometry *result = NULL;
  guint band;

  g_return_val_if_fail (FRONTLINE_IS_AREA (self), NULL);

  for (band = 0; band < FRONTLINE_N_ZOOM_BANDS; band++)
    {
      if (zoom <= zoom_bands[band].max_zoom)
        break;
    }

  if (band == FRONTLINE_N_ZOOM_BANDS)
    return frontline_geometry_ref (self->geometry);

  g_mutex_lock (&self->mutex);
  if (self->simplified[band] != NULL)
    result = frontline_geometry_ref (self->simplified[band]);
  g_mutex_unlock (&self->mutex);

  return result;
}

/**
 * frontline_area_get_area_km2:
 *
 * The area on the WGS 84 ellipsoid, in km² (frontline_geometry_area_m2()). The loader
 * computes it in its workers; an area made otherwise computes it the first time it is asked
 * for and keeps it. Safe to call from any thread.
 */
double
frontline_area_get_area_km2 (FrontlineArea *self)
{
  double area_m2;

  g_return_val_if_fail (FRONTLINE_IS_AREA (self), 0.0);

  g_mutex_lock (&self->mutex);
  if (isnan (self->area_m2))
    self->area_m2 = frontline_geometry_area_m2 (self->geometry);
  area_m2 = self->area_m2;
  g_mutex_unlock (&self->mutex);

  return area_m2 / 1e6;
}

/**
 * frontline_area_is_active_on:
 *
 * Whether @day lies within the area's own validity: from its day on, until
 * its `valid_until` day (inclusive) if it has one. Whether a later feature
 * supersedes it is the dataset's business.
 */
gboolean
frontline_area_is_active_on (FrontlineArea *self,
                             FrontlineDay   day)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA (self), FALSE);

  return day >= self->day &&
         (self->valid_until == FRONTLINE_DAY_NONE || day <= self->valid_until);
}
