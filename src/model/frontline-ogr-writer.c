/* SPDX-License-Identifier: GPL-3.0-or-later */

/* STUB: the interface saving and the command line use; the GDAL writer
 * replaces this file. */

#include "config.h"

#include "frontline-ogr-writer.h"

static const char * const write_suffixes[] = { "gpkg", "kml", "kmz", "shp", NULL };

gboolean
frontline_ogr_can_write (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name ? g_ascii_strdown (name, -1) : NULL;

  for (guint i = 0; lower != NULL && write_suffixes[i] != NULL; i++)
    {
      g_autofree char *suffix = g_strconcat (".", write_suffixes[i], NULL);

      if (g_str_has_suffix (lower, suffix))
        return TRUE;
    }

  return FALSE;
}

const char * const *
frontline_ogr_write_suffixes (void)
{
  return write_suffixes;
}

gboolean
frontline_ogr_write (FrontlineDataset       *dataset,
                     GFile                  *file,
                     FrontlineDay            day,
                     gboolean                replace,
                     GCancellable           *cancellable,
                     FrontlineProgressFunc   progress,
                     gpointer                progress_data,
                     GError                **error)
{
  g_autofree char *name = g_file_get_parse_name (file);

  g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_FORMAT,
               "%s: not yet writable", name);
  return FALSE;
}
