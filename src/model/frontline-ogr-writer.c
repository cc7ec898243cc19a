/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-ogr-writer"

#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* O_CLOEXEC under -std=c17 */
#endif

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* GDAL's headers test compiler macros they may not define (-Wundef). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wundef"
#include <cpl_string.h>
#include <cpl_vsi.h>
#pragma GCC diagnostic pop

#include "frontline-dataset-save.h"
#include "frontline-gdal.h"
#include "frontline-model-private.h"
#include "frontline-ogr-writer.h"
#include "frontline-ogr-writer-private.h"
#include "frontline-safe-file.h"

/* Writing through GDAL: the driver writes into a new temporary folder in the
 * target's folder (".NAME.XXXXXX/NAME", and a shapefile's other parts beside
 * it), every file there is synced, then each is renamed into place and the
 * temporary folder removed. Any error or a cancel removes the temporary
 * folder: no file and no temporary file is left behind, and an existing
 * target is as it was. Formats:
 *
 * GeoPackage: the contract in notes (layer "areas", layer "features", table
 * "frontline_document"), written in one transaction, then the areas_date
 * index. Nothing is lost: the properties and the root object are kept as
 * JSON text.
 *
 * KML (LIBKML): a layer per side, a style per side, begin/end as ISO text
 * (an end inferred from the next assessment is marked "end_inferred"), the
 * Quotes layer. Lost: properties other than those listed, non-area features,
 * stops. The ExtendedData fields are written as <Data> (LIBKML_USE_SIMPLEFIELD
 * set to NO for this thread while writing), not as <SchemaData><SimpleData>:
 * GDAL 3.6's LIBKML driver, when it closes, removes a newline after each
 * <SimpleData ...> by copying the whole serialized file once per SimpleData,
 * which is quadratic in the file's size (400 areas of 20 000 points did not
 * finish in 10 minutes; with <Data> the write is linear: about 2 s of CPU
 * for 50 of them). GDAL's LIBKML reader reads <Data> into the same fields,
 * but a layer has only the fields some placemark of it has (with a schema,
 * every field): a side none of whose areas has an inferred end has no
 * "end_inferred" field, which reads the same as one never set.
 *
 * Shapefile: the areas only, with date, valid_to (the end: "valid_until" is
 * longer than a shapefile's ten characters), faction, status, source (the
 * source ids joined with "; ") and note. Lost: the "frontline" member
 * (factions' names and colours, sources, quotes, stops), every other
 * property, feature ids and the features that are not areas. */

static const char * const write_suffixes[] = { "gpkg", "kml", "kmz", "shp", NULL };

static gboolean
suffix_format (GFile              *file,
               FrontlineOgrFormat *format)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name ? g_ascii_strdown (name, -1) : NULL;

  if (lower == NULL)
    return FALSE;
  if (g_str_has_suffix (lower, ".gpkg"))
    *format = FRONTLINE_OGR_FORMAT_GPKG;
  else if (g_str_has_suffix (lower, ".kml") || g_str_has_suffix (lower, ".kmz"))
    *format = FRONTLINE_OGR_FORMAT_KML;
  else if (g_str_has_suffix (lower, ".shp"))
    *format = FRONTLINE_OGR_FORMAT_SHP;
  else
    return FALSE;
  return TRUE;
}

gboolean
frontline_ogr_can_write (GFile *file)
{
  FrontlineOgrFormat format;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return suffix_format (file, &format);
}

const char * const *
frontline_ogr_write_suffixes (void)
{
  return write_suffixes;
}

/* The output as it is being written. */

void
frontline_ogr_writer_fail (FrontlineOgrWriter *w,
                           const char         *layer,
                           int                 feature,
                           const char         *what)
{
  const char *detail;

  if (w->error != NULL)
    return;

  detail = frontline_gdal_errors_peek_first (w->errors);
  if (detail == NULL)
    detail = what;
  if (layer != NULL && feature >= 0)
    /* Translators: “file”, layer “areas”, feature 12: what went wrong */
    g_set_error (&w->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Could not write “%s”, layer “%s”, feature %d: %s"),
                 w->display, layer, feature, detail);
  else if (layer != NULL)
    g_set_error (&w->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Could not write “%s”, layer “%s”: %s"), w->display, layer, detail);
  else
    g_set_error (&w->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Could not write “%s”: %s"), w->display, detail);
}

/* One feature done: progress, and whether to go on. */
gboolean
frontline_ogr_writer_step (FrontlineOgrWriter *w)
{
  if (w->error != NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (w->cancellable, &w->error))
    return FALSE;
  w->done++;
  if (w->progress != NULL && w->total > 0)
    w->progress (0.95 * w->done / w->total, w->progress_data);
  return TRUE;
}

gboolean
frontline_ogr_area_wanted (FrontlineOgrWriter *w,
                           FrontlineArea      *area)
{
  return w->active == NULL || g_hash_table_contains (w->active, area);
}

static void
remove_temp_folder (FrontlineOgrWriter *w)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (w->temp_folder == NULL)
    return;

  dir = g_dir_open (w->temp_folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (w->temp_folder, name, NULL);

      g_unlink (path);
    }
  g_rmdir (w->temp_folder);
  g_clear_pointer (&w->temp_folder, g_free);
}

/* The names a shapefile writes beside its .shp. */
static const char * const shp_parts[] = { ".shp", ".shx", ".dbf", ".prj", ".cpg", NULL };


/* @path with its last four characters (".shp") replaced by @suffix. */
static char *
shp_part (const char *shp_path,
          const char *suffix)
{
  g_autofree char *stem = g_strndup (shp_path, strlen (shp_path) - 4);

  return g_strconcat (stem, suffix, NULL);
}

/* The files to move: (temporary, final) pairs. */
static GPtrArray *
writer_outputs (FrontlineOgrWriter *w)
{
  GPtrArray *pairs = g_ptr_array_new_with_free_func (g_free);

  if (w->format != FRONTLINE_OGR_FORMAT_SHP)
    {
      g_ptr_array_add (pairs, g_strdup (w->temp));
      g_ptr_array_add (pairs, g_strdup (w->target));
      return pairs;
    }

  for (guint i = 0; shp_parts[i] != NULL; i++)
    {
      g_autofree char *from = shp_part (w->temp, shp_parts[i]);

      if (!g_file_test (from, G_FILE_TEST_EXISTS))
        continue;
      g_ptr_array_add (pairs, g_steal_pointer (&from));
      g_ptr_array_add (pairs, shp_part (w->target, shp_parts[i]));
    }
  return pairs;
}

/* Everything GDAL wrote, synced, then renamed into place. */
static gboolean
writer_commit (FrontlineOgrWriter *w,
               gboolean            replace)
{
  g_autoptr(GPtrArray) pairs = writer_outputs (w);
  g_autofree char *folder = g_path_get_dirname (w->target);

  if (pairs->len == 0)
    {
      frontline_ogr_writer_fail (w, NULL, -1, g_strerror (ENOENT));
      return FALSE;
    }

  for (guint i = 0; i < pairs->len; i += 2)
    if (!frontline_sync_path (g_ptr_array_index (pairs, i), FALSE))
      {
        frontline_set_write_error (&w->error, w->display, errno);
        return FALSE;
      }

  if (g_cancellable_set_error_if_cancelled (w->cancellable, &w->error))
    return FALSE;

  for (guint i = 0; i < pairs->len; i += 2)
    {
      const char *from = g_ptr_array_index (pairs, i);
      const char *to = g_ptr_array_index (pairs, i + 1);

      if ((replace ? g_rename (from, to) : frontline_rename_noreplace (from, to)) != 0)
        {
          if (errno == EEXIST)
            frontline_set_exists_error (&w->error, w->display);
          else
            frontline_set_write_error (&w->error, w->display, errno);
          /* Parts already moved of a shapefile never written before go too. */
          for (guint j = 0; j < i && !replace; j += 2)
            g_unlink (g_ptr_array_index (pairs, j + 1));
          return FALSE;
        }
    }

  remove_temp_folder (w);
  frontline_sync_path (folder, TRUE);
  return TRUE;
}

/* The whole write. */

static gboolean
check_target (FrontlineOgrWriter *w,
              gboolean            replace)
{
  struct stat st;

  if (stat (w->target, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          /* Translators: %s is a file name */
          g_set_error (&w->error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                       _("Could not write “%s”: it is a folder"), w->display);
          return FALSE;
        }
      if (!replace)
        {
          frontline_set_exists_error (&w->error, w->display);
          return FALSE;
        }
    }
  else if (errno != ENOENT)
    {
      frontline_set_write_error (&w->error, w->display, errno);
      return FALSE;
    }

  if (w->format == FRONTLINE_OGR_FORMAT_SHP && !replace)
    for (guint i = 1; shp_parts[i] != NULL; i++)
      {
        g_autofree char *part = shp_part (w->target, shp_parts[i]);

        if (g_file_test (part, G_FILE_TEST_EXISTS))
          {
            g_autofree char *part_name = g_filename_display_name (part);

            frontline_set_exists_error (&w->error, part_name);
            return FALSE;
          }
      }
  return TRUE;
}

static guint
count_work (FrontlineOgrWriter *w)
{
  guint n = 0;

  for (guint i = 0; i < w->ds->features->len; i++)
    {
      FrontlineArea *area = g_ptr_array_index (w->ds->feature_areas, i);

      if (area != NULL ? frontline_ogr_area_wanted (w, area)
                       : w->format == FRONTLINE_OGR_FORMAT_GPKG)
        n++;
    }
  if (w->format == FRONTLINE_OGR_FORMAT_KML)
    n += g_list_model_get_n_items (G_LIST_MODEL (w->ds->quotes));
  return n + 1;
}

gboolean
frontline_ogr_write_with_stops (FrontlineDataset       *dataset,
                                GFile                  *file,
                                FrontlineDay            day,
                                gboolean                replace,
                                const char             *stops,
                                GCancellable           *cancellable,
                                FrontlineProgressFunc   progress,
                                gpointer                progress_data,
                                GError                **error)
{
  static const char * const drivers[] = { "GPKG", "LIBKML", "ESRI Shapefile" };
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *owned_stops = NULL;
  g_autofree char *simplefield = NULL;  /* LIBKML_USE_SIMPLEFIELD as it was ("": unset) */
  g_autoptr(GPtrArray) active = NULL;
  FrontlineOgrWriter w = { 0 };
  GDALDriverH driver;
  GDALDatasetH out;
  gboolean ok = FALSE;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  w.ds = dataset;
  w.display = g_file_get_parse_name (file);
  w.cancellable = cancellable;
  w.progress = progress;
  w.progress_data = progress_data;
  w.day = day;

  if (!suffix_format (file, &w.format))
    {
      /* Translators: %s is a file name */
      g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_FORMAT,
                   _("Could not write “%s”: not a format Frontline writes through GDAL"),
                   w.display);
      g_free (w.display);
      return FALSE;
    }

  path = g_file_get_path (file);
  if (path == NULL || dataset->features == NULL)
    {
      /* Translators: %s is a file name or address */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Could not write “%s”: only local files can be written"), w.display);
      g_free (w.display);
      return FALSE;
    }
  w.target = g_strdup (path);

  if (stops == NULL)
    stops = owned_stops = frontline_dataset_format_stops (dataset);
  w.stops = stops;

  if (day != FRONTLINE_DAY_NONE)
    {
      active = frontline_dataset_get_state_at (dataset, day);
      w.active = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < active->len; i++)
        g_hash_table_add (w.active, g_ptr_array_index (active, i));
    }
  w.total = count_work (&w);

  frontline_gdal_init ();
  w.errors = frontline_gdal_errors_push ();

  if (g_cancellable_set_error_if_cancelled (cancellable, &w.error) || !check_target (&w, replace))
    goto out;

  driver = GDALGetDriverByName (drivers[w.format]);
  if (driver == NULL)
    {
      frontline_ogr_writer_fail (&w, NULL, -1, "GDAL has no driver for this format");
      goto out;
    }

  folder = g_path_get_dirname (w.target);
  base = g_path_get_basename (w.target);
  w.temp_folder = g_strdup_printf ("%s/.%s.XXXXXX", folder, base);
  if (g_mkdtemp (w.temp_folder) == NULL)
    {
      int saved_errno = errno;

      g_clear_pointer (&w.temp_folder, g_free);
      frontline_set_write_error (&w.error, w.display, saved_errno);
      goto out;
    }
  w.temp = g_build_filename (w.temp_folder, base, NULL);
  w.srs = frontline_gdal_new_wgs84 ();

  if (w.format == FRONTLINE_OGR_FORMAT_KML)
    {
      const char *old = CPLGetThreadLocalConfigOption ("LIBKML_USE_SIMPLEFIELD", NULL);

      simplefield = g_strdup (old != NULL ? old : "");
      CPLSetThreadLocalConfigOption ("LIBKML_USE_SIMPLEFIELD", "NO");
    }

  out = GDALCreate (driver, w.temp, 0, 0, 0, GDT_Unknown, NULL);
  if (out == NULL)
    {
      frontline_ogr_writer_fail (&w, NULL, -1, "GDAL could not create the file");
      goto out;
    }

  switch (w.format)
    {
    case FRONTLINE_OGR_FORMAT_GPKG:
      ok = frontline_ogr_write_gpkg (&w, out);
      break;
    case FRONTLINE_OGR_FORMAT_KML:
      ok = frontline_ogr_write_kml (&w, out);
      break;
    case FRONTLINE_OGR_FORMAT_SHP:
    default:
      ok = frontline_ogr_write_shp (&w, out);
      break;
    }

  GDALClose (out);
  /* Closing writes what was buffered: a full disk may show only now. */
  if (ok && frontline_gdal_errors_any (w.errors))
    {
      frontline_ogr_writer_fail (&w, NULL, -1, "");
      ok = FALSE;
    }
  if (ok && w.error == NULL && w.format == FRONTLINE_OGR_FORMAT_KML)
    ok = frontline_ogr_verify_kml (&w);
  if (ok && w.error == NULL)
    ok = writer_commit (&w, replace);
  else
    ok = FALSE;

out:
  if (simplefield != NULL)
    CPLSetThreadLocalConfigOption ("LIBKML_USE_SIMPLEFIELD",
                                   simplefield[0] != '\0' ? simplefield : NULL);
  frontline_gdal_errors_pop (w.errors);
  remove_temp_folder (&w);
  if (w.srs != NULL)
    OSRDestroySpatialReference (w.srs);
  g_clear_pointer (&w.active, g_hash_table_unref);
  g_free (w.display);
  g_free (w.target);
  g_free (w.temp);

  if (!ok)
    {
      if (w.error == NULL)
        g_set_error (&w.error, G_IO_ERROR, G_IO_ERROR_FAILED, "GDAL failed");
      g_propagate_error (error, w.error);
      return FALSE;
    }

  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

/**
 * frontline_ogr_write:
 * @day: FRONTLINE_DAY_NONE for every date, else only what holds on @day
 * @progress: (nullable): called in this thread with the fraction written
 *
 * Writes @dataset as GeoPackage, KML/KMZ or Shapefile, chosen by @file's
 * name, through a temporary folder beside it, synced, then renamed into
 * place. On any error or a cancel (checked per feature) nothing is left.
 *
 * Returns: whether the file was written
 */
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
  return frontline_ogr_write_with_stops (dataset, file, day, replace, NULL, cancellable,
                                         progress, progress_data, error);
}

