/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-ogr-writer"

#include "config.h"

#include <stdio.h>

#include "frontline-model-private.h"
#include "frontline-ogr-writer-private.h"

/* Geometry. */

static OGRGeometryH
make_multipolygon (const FrontlineGeometry *g)
{
  OGRGeometryH multi = OGR_G_CreateGeometry (wkbMultiPolygon);

  for (guint p = 0; p < g->n_polygons; p++)
    {
      OGRGeometryH polygon = OGR_G_CreateGeometry (wkbPolygon);

      for (guint r = g->polygons[p]; r < g->polygons[p + 1]; r++)
        {
          OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);
          guint first = g->rings[r];
          int n = (int) (g->rings[r + 1] - first);

          OGR_G_SetPoints (ring, n, g->coords + 2 * first, 2 * sizeof (double),
                           g->coords + 2 * first + 1, 2 * sizeof (double), NULL, 0);
          OGR_G_AddGeometryDirectly (polygon, ring);
        }
      OGR_G_AddGeometryDirectly (multi, polygon);
    }
  return multi;
}

OGRGeometryH
frontline_ogr_area_geometry (FrontlineArea *area)
{
  return make_multipolygon (area->original_geometry ? area->original_geometry : area->geometry);
}

/* Fields. */

gboolean
frontline_ogr_add_field (FrontlineOgrWriter *w,
                         OGRLayerH           layer,
                         const char         *name,
                         OGRFieldType        type,
                         OGRFieldSubType     subtype,
                         int                 width)
{
  OGRFieldDefnH field = OGR_Fld_Create (name, type);
  OGRErr err;

  OGR_Fld_SetSubType (field, subtype);
  if (width > 0)
    OGR_Fld_SetWidth (field, width);
  err = OGR_L_CreateField (layer, field, TRUE);
  OGR_Fld_Destroy (field);
  if (err != OGRERR_NONE)
    {
      frontline_ogr_writer_fail (w, OGR_L_GetName (layer), -1, "the field could not be made");
      return FALSE;
    }
  return TRUE;
}

int
frontline_ogr_field_index (OGRFeatureH  feature,
                           const char  *name)
{
  return OGR_F_GetFieldIndex (feature, name);
}

void
frontline_ogr_set_string (OGRFeatureH  feature,
                          const char  *name,
                          const char  *value)
{
  int i = frontline_ogr_field_index (feature, name);

  if (i >= 0 && value != NULL)
    OGR_F_SetFieldString (feature, i, value);
}

void
frontline_ogr_set_date (OGRFeatureH   feature,
                        const char   *name,
                        FrontlineDay  day)
{
  int i = frontline_ogr_field_index (feature, name);
  char buf[11];
  int y, m, d;

  if (i < 0 || day == FRONTLINE_DAY_NONE)
    return;
  frontline_day_format_buf (day, buf);
  if (sscanf (buf, "%d-%d-%d", &y, &m, &d) == 3)
    OGR_F_SetFieldDateTime (feature, i, y, m, d, 0, 0, 0, 0);
}

char *
frontline_ogr_join_sources (FrontlineArea *area)
{
  if (area->source_ids == NULL || area->source_ids[0] == NULL)
    return NULL;
  return g_strjoinv ("; ", area->source_ids);
}

gboolean
frontline_ogr_create_feature (FrontlineOgrWriter *w,
                              OGRLayerH           layer,
                              OGRFeatureH         feature,
                              int                 number)
{
  if (OGR_L_CreateFeature (layer, feature) != OGRERR_NONE || frontline_gdal_errors_any (w->errors))
    {
      frontline_ogr_writer_fail (w, OGR_L_GetName (layer), number,
                                 "the feature could not be written");
      return FALSE;
    }
  w->written++;
  return frontline_ogr_writer_step (w);
}
