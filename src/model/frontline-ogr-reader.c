/* SPDX-License-Identifier: GPL-3.0-or-later */

/* STUB: the interface the loader, the window and the command line use; the
 * GDAL reader replaces this file. */

#include "config.h"

#include <glib/gi18n.h>

#include "frontline-dataset.h"
#include "frontline-ogr-reader.h"
#include "frontline-ogr-reader-private.h"

static const char * const read_suffixes[] = {
  "gpkg", "kml", "kmz", "shp", "shz", "zip", "fgb", "geojsonl", "geojsons", "csv", NULL,
};

void
frontline_ogr_layer_info_free (FrontlineOgrLayerInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->name);
  g_free (info->geometry_type);
  g_strfreev (info->fields);
  for (guint i = 0; info->samples != NULL && info->samples[i] != NULL; i++)
    g_strfreev (info->samples[i]);
  g_free (info->samples);
  frontline_field_mapping_free (info->suggested);
  g_free (info);
}

gboolean
frontline_ogr_can_read (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name ? g_ascii_strdown (name, -1) : NULL;

  for (guint i = 0; lower != NULL && read_suffixes[i] != NULL; i++)
    {
      g_autofree char *suffix = g_strconcat (".", read_suffixes[i], NULL);

      if (g_str_has_suffix (lower, suffix))
        return TRUE;
    }

  return FALSE;
}

const char * const *
frontline_ogr_read_suffixes (void)
{
  return read_suffixes;
}

char *
frontline_ogr_describe_formats (void)
{
  return g_strdup (_("GeoJSON (.geojson, .json), GeoPackage (.gpkg), KML and KMZ (.kml, .kmz), "
                     "Shapefile (.shp, zipped: .zip, .shz), FlatGeobuf (.fgb), "
                     "GeoJSONSeq (.geojsonl, .geojsons) and CSV with WKT geometry (.csv)"));
}

GPtrArray *
frontline_ogr_inspect (GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *name = g_file_get_parse_name (file);

  g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_FORMAT,
               "%s: not yet readable", name);
  return NULL;
}

gboolean
frontline_ogr_reader_load_into (FrontlineLoaderBuilder  *b,
                                GFile                   *file,
                                FrontlineLoadOptions    *options,
                                GCancellable            *cancellable,
                                FrontlineProgressFunc    progress,
                                gpointer                 progress_data,
                                GError                 **error)
{
  g_autofree char *name = g_file_get_parse_name (file);

  g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_FORMAT,
               "%s: not yet readable", name);
  return FALSE;
}
