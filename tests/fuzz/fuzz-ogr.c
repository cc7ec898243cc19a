/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The GDAL reader: the first byte chooses the format (k KML, c CSV,
 * j GeoJSONSeq, g GeoPackage, f FlatGeobuf, z KMZ, s zipped shapefile,
 * p ZIP; others by their value), the rest is the file, in GDAL's memory
 * (/vsimem/), loaded and inspected. */

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wundef"
#include <cpl_vsi.h>
#pragma GCC diagnostic pop

#include <string.h>

#include "fuzz-dataset-common.h"
#include "frontline-ogr-reader.h"

static const struct {
  char        key;
  const char *suffix;
} formats[] = {
  { 'k', "kml" }, { 'c', "csv" }, { 'j', "geojsonl" }, { 'g', "gpkg" },
  { 'f', "fgb" }, { 'z', "kmz" }, { 's', "shz" }, { 'p', "zip" },
};

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) inspect_error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  const char *suffix = NULL;
  VSILFILE *handle;
  GByte *copy;

  fuzz_init ();
  if (size < 1)
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].key == (char) data[0])
      suffix = formats[i].suffix;
  if (suffix == NULL)
    suffix = formats[data[0] % G_N_ELEMENTS (formats)].suffix;

  path = g_strdup_printf ("/vsimem/fuzz-ogr/input.%s", suffix);
  /* A copy: GDAL owns and frees it. */
  copy = VSIMalloc (MAX (size - 1, 1));
  if (copy == NULL)
    return 0;
  memcpy (copy, data + 1, size - 1);
  handle = VSIFileFromMemBuffer (path, copy, size - 1, TRUE);
  if (handle == NULL)
    {
      VSIFree (copy);
      return 0;
    }
  VSIFCloseL (handle);

  file = g_file_new_for_path (path);
  dataset = fuzz_load_dataset (path, &error);
  if (dataset != NULL)
    fuzz_exercise_dataset (dataset);

  layers = frontline_ogr_inspect (file, NULL, &inspect_error);
  if (layers == NULL && (inspect_error == NULL || !g_utf8_validate (inspect_error->message, -1, NULL)))
    {
      fprintf (stderr, "fuzz: inspecting failed without a readable error\n");
      abort ();
    }

  VSIUnlink (path);
  return 0;
}
