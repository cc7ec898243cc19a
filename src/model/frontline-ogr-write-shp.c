/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-ogr-writer"

#include "config.h"

#include <string.h>

#include "frontline-model-private.h"
#include "frontline-ogr-writer-private.h"

/* Shapefile. */

gboolean
frontline_ogr_write_shp (FrontlineOgrWriter *w,
                         GDALDatasetH        out)
{
  const char *options[] = { "ENCODING=UTF-8", NULL };
  g_autofree char *base = g_path_get_basename (w->target);
  g_autofree char *name = g_strndup (base, strlen (base) - 4);
  OGRLayerH layer;
  int number = 0;

  layer = GDALDatasetCreateLayer (out, name, w->srs, wkbMultiPolygon, (char **) options);
  if (layer == NULL)
    {
      frontline_ogr_writer_fail (w, name, -1, "the layer could not be made");
      return FALSE;
    }
  if (!frontline_ogr_add_field (w, layer, "date", OFTDate, OFSTNone, 0) ||
      !frontline_ogr_add_field (w, layer, "valid_to", OFTDate, OFSTNone, 0) ||
      !frontline_ogr_add_field (w, layer, "faction", OFTString, OFSTNone, 80) ||
      !frontline_ogr_add_field (w, layer, "status", OFTString, OFSTNone, 16) ||
      !frontline_ogr_add_field (w, layer, "source", OFTString, OFSTNone, 254) ||
      !frontline_ogr_add_field (w, layer, "note", OFTString, OFSTNone, 254))
    return FALSE;

  for (guint i = 0; i < w->ds->features->len; i++)
    {
      FrontlineArea *area = g_ptr_array_index (w->ds->feature_areas, i);
      g_autofree char *sources = NULL;
      OGRFeatureH feature;
      gboolean ok;

      if (area == NULL || !frontline_ogr_area_wanted (w, area))
        continue;

      sources = frontline_ogr_join_sources (area);
      feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      frontline_ogr_set_date (feature, "date", area->day);
      frontline_ogr_set_date (feature, "valid_to", area->valid_until);
      frontline_ogr_set_string (feature, "faction", frontline_faction_get_id (area->faction));
      frontline_ogr_set_string (feature, "status", frontline_status_to_string (area->status));
      frontline_ogr_set_string (feature, "source", sources);
      frontline_ogr_set_string (feature, "note", area->note);
      OGR_F_SetGeometryDirectly (feature, frontline_ogr_area_geometry (area));
      ok = frontline_ogr_create_feature (w, layer, feature, ++number);
      OGR_F_Destroy (feature);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}
