/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-ogr-writer"

#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* O_CLOEXEC under -std=c17 */
#endif

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* GDAL's headers test compiler macros they may not define (-Wundef). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wundef"
#include <cpl_string.h>
#include <cpl_vsi.h>
#pragma GCC diagnostic pop

#include "frontline-model-private.h"
#include "frontline-ogr-writer-private.h"
#include "frontline-safe-file.h"

/* KML. */

static char *
iso (FrontlineDay day)
{
  return day != FRONTLINE_DAY_NONE ? frontline_day_format (day) : NULL;
}

/* The day before the next assessment of the same side and status, for each
 * area with no valid_until of its own. */
static GHashTable *
inferred_ends (FrontlineDataset *ds)
{
  GHashTable *ends = g_hash_table_new (NULL, NULL);

  for (guint l = 0; l < ds->layers->len; l++)
    {
      FrontlineLayer *layer = g_ptr_array_index (ds->layers, l);

      for (guint i = 0; i < layer->areas->len; i++)
        {
          FrontlineArea *area = g_ptr_array_index (layer->areas, i);

          for (guint j = i + 1; j < layer->areas->len; j++)
            {
              FrontlineArea *next = g_ptr_array_index (layer->areas, j);

              if (next->day > area->day)
                {
                  g_hash_table_insert (ends, area, GUINT_TO_POINTER (next->day - 1));
                  break;
                }
            }
        }
    }
  return ends;
}

static char *
style_name (FrontlineFaction *faction)
{
  g_autofree char *name = g_strdup_printf ("side-%s", frontline_faction_get_id (faction));

  return g_strcanon (g_steal_pointer (&name),
                     "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", '_');
}

static char *
style_string (FrontlineFaction *faction)
{
  double rgb[3];
  int c[3];

  frontline_faction_get_rgb (faction, rgb);
  for (guint i = 0; i < 3; i++)
    c[i] = CLAMP ((int) (rgb[i] * 255.0 + 0.5), 0, 255);
  return g_strdup_printf ("BRUSH(fc:#%02x%02x%02x66);PEN(c:#%02x%02x%02xff,w:2px)",
                          c[0], c[1], c[2], c[0], c[1], c[2]);
}

static gboolean
write_kml_quotes (FrontlineOgrWriter *w,
                  GDALDatasetH        out)
{
  GListModel *quotes = G_LIST_MODEL (w->ds->quotes);
  OGRLayerH layer;
  guint n = g_list_model_get_n_items (quotes);

  layer = GDALDatasetCreateLayer (out, "Quotes", w->srs, wkbPoint, NULL);
  if (layer == NULL)
    {
      frontline_ogr_writer_fail (w, "Quotes", -1, "the layer could not be made");
      return FALSE;
    }
  if (!frontline_ogr_add_field (w, layer, "name", OFTString, OFSTNone, 0) ||
      !frontline_ogr_add_field (w, layer, "description", OFTString, OFSTNone, 0) ||
      !frontline_ogr_add_field (w, layer, "timestamp", OFTString, OFSTNone, 0))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FrontlineQuote) quote = g_list_model_get_item (quotes, i);
      FrontlineSource *source = frontline_quote_get_source (quote);
      g_autofree char *date = frontline_quote_format_date (quote);
      g_autofree char *citation = source ? frontline_source_format_citation (source) : NULL;
      g_autofree char *stamp = iso (frontline_quote_get_day (quote));
      g_autoptr(GString) description = g_string_new (frontline_quote_get_text (quote));
      OGRFeatureH feature;
      double lon, lat;
      gboolean ok;

      /* One day: the quotes of that day's assessment (as the side panel's
       * "quotes of the date"). */
      if (w->day != FRONTLINE_DAY_NONE &&
          frontline_dataset_get_data_day_for (w->ds, frontline_quote_get_day (quote)) !=
          frontline_dataset_get_data_day_for (w->ds, w->day))
        {
          if (!frontline_ogr_writer_step (w))
            return FALSE;
          continue;
        }

      if (citation != NULL && citation[0] != '\0')
        g_string_append_printf (description, "\n\n%s", citation);
      if (date != NULL && date[0] != '\0')
        g_string_append_printf (description, "\n%s", date);

      feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      frontline_ogr_set_string (feature, "name", frontline_quote_get_speaker (quote));
      frontline_ogr_set_string (feature, "description", description->str);
      frontline_ogr_set_string (feature, "timestamp", stamp);
      if (frontline_quote_get_location (quote, &lon, &lat))
        {
          OGRGeometryH point = OGR_G_CreateGeometry (wkbPoint);

          OGR_G_SetPoint_2D (point, 0, lon, lat);
          OGR_F_SetGeometryDirectly (feature, point);
        }
      ok = frontline_ogr_create_feature (w, layer, feature, (int) i + 1);
      OGR_F_Destroy (feature);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

gboolean
frontline_ogr_write_kml (FrontlineOgrWriter *w,
                         GDALDatasetH        out)
{
  GListModel *factions = G_LIST_MODEL (w->ds->factions);
  g_autoptr(GHashTable) ends = inferred_ends (w->ds);
  OGRStyleTableH styles = OGR_STBL_Create ();
  guint n_factions = g_list_model_get_n_items (factions);

  for (guint f = 0; f < n_factions; f++)
    {
      g_autoptr(FrontlineFaction) faction = g_list_model_get_item (factions, f);
      g_autofree char *name = style_name (faction);
      g_autofree char *style = style_string (faction);

      OGR_STBL_AddStyle (styles, name, style);
    }
  GDALDatasetSetStyleTable (out, styles);
  OGR_STBL_Destroy (styles);

  for (guint f = 0; f < n_factions; f++)
    {
      g_autoptr(FrontlineFaction) faction = g_list_model_get_item (factions, f);
      g_autofree char *style = style_name (faction);
      g_autofree char *style_ref = g_strconcat ("@", style, NULL);
      const char *side = frontline_faction_get_name (faction);
      OGRLayerH layer;
      int number = 0;

      if (side == NULL || side[0] == '\0')
        side = frontline_faction_get_id (faction);

      layer = GDALDatasetCreateLayer (out, side, w->srs, wkbMultiPolygon, NULL);
      if (layer == NULL)
        {
          frontline_ogr_writer_fail (w, side, -1, "the layer could not be made");
          return FALSE;
        }
      if (!frontline_ogr_add_field (w, layer, "name", OFTString, OFSTNone, 0) ||
          !frontline_ogr_add_field (w, layer, "begin", OFTString, OFSTNone, 0) ||
          !frontline_ogr_add_field (w, layer, "end", OFTString, OFSTNone, 0) ||
          !frontline_ogr_add_field (w, layer, "faction", OFTString, OFSTNone, 0) ||
          !frontline_ogr_add_field (w, layer, "status", OFTString, OFSTNone, 0) ||
          !frontline_ogr_add_field (w, layer, "source", OFTString, OFSTNone, 0) ||
          !frontline_ogr_add_field (w, layer, "approximate", OFTString, OFSTNone, 0) ||
          !frontline_ogr_add_field (w, layer, "note", OFTString, OFSTNone, 0) ||
          !frontline_ogr_add_field (w, layer, "end_inferred", OFTString, OFSTNone, 0))
        return FALSE;

      for (guint i = 0; i < w->ds->features->len; i++)
        {
          FrontlineArea *area = g_ptr_array_index (w->ds->feature_areas, i);
          g_autofree char *begin = NULL;
          g_autofree char *end = NULL;
          g_autofree char *title = NULL;
          g_autofree char *sources = NULL;
          gboolean inferred = FALSE;
          OGRFeatureH feature;
          gboolean ok;

          if (area == NULL || area->faction != faction || !frontline_ogr_area_wanted (w, area))
            continue;

          begin = iso (area->day);
          if (area->valid_until != FRONTLINE_DAY_NONE)
            end = iso (area->valid_until);
          else if (g_hash_table_contains (ends, area))
            {
              end = iso (GPOINTER_TO_UINT (g_hash_table_lookup (ends, area)));
              inferred = TRUE;
            }
          title = g_strdup_printf ("%s %s", side, begin);
          sources = frontline_ogr_join_sources (area);

          feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
          frontline_ogr_set_string (feature, "name", title);
          frontline_ogr_set_string (feature, "begin", begin);
          frontline_ogr_set_string (feature, "end", end);
          frontline_ogr_set_string (feature, "faction", frontline_faction_get_id (faction));
          frontline_ogr_set_string (feature, "status", frontline_status_to_string (area->status));
          frontline_ogr_set_string (feature, "source", sources);
          frontline_ogr_set_string (feature, "approximate", area->approximate ? "true" : "false");
          frontline_ogr_set_string (feature, "note", area->note);
          if (inferred)
            frontline_ogr_set_string (feature, "end_inferred", "true");
          OGR_F_SetStyleString (feature, style_ref);
          OGR_F_SetGeometryDirectly (feature, frontline_ogr_area_geometry (area));
          ok = frontline_ogr_create_feature (w, layer, feature, ++number);
          OGR_F_Destroy (feature);
          if (!ok)
            return FALSE;
        }
    }

  return write_kml_quotes (w, out);
}

/* libkml writes the file when it is closed and does not say when a write
 * fails (a full disk gives a truncated file and no error). It writes the
 * whole document at once, the closing tag last; the KMZ's zip directory is
 * written last too. So: a KML must end with </kml>, a KMZ's directory must
 * be readable (through GDAL's /vsizip/) and list its files. Reading the file
 * back with LIBKML instead (counting the placemarks) cost a sixth of the
 * write's time and a DOM of the whole file in memory. */
static gboolean
kml_complete (const char *path)
{
  static const char tag[] = "</kml>";
  char tail[64];
  struct stat st;
  ssize_t n;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;
  if (fstat (fd, &st) != 0 || st.st_size < (off_t) sizeof tail)
    {
      close (fd);
      return FALSE;
    }
  n = pread (fd, tail, sizeof tail, st.st_size - (off_t) sizeof tail);
  close (fd);
  if (n != (ssize_t) sizeof tail)
    return FALSE;
  while (n > 0 && g_ascii_isspace (tail[n - 1]))
    n--;
  return n >= (ssize_t) strlen (tag) && memcmp (tail + n - strlen (tag), tag, strlen (tag)) == 0;
}

static gboolean
kmz_complete (const char *path)
{
  g_autofree char *zip = g_strconcat ("/vsizip/", path, NULL);
  char **entries = VSIReadDir (zip);
  gboolean ok = entries != NULL && entries[0] != NULL;

  CSLDestroy (entries);
  return ok;
}

gboolean
frontline_ogr_verify_kml (FrontlineOgrWriter *w)
{
  g_autofree char *lower = g_ascii_strdown (w->temp, -1);
  gboolean complete = g_str_has_suffix (lower, ".kmz") ? kmz_complete (w->temp)
                                                       : kml_complete (w->temp);

  frontline_gdal_errors_clear (w->errors);
  if (!complete)
    {
      /* What is short is most likely space: say what the folder has left. */
      frontline_set_write_error (&w->error, w->display, ENOSPC);
      return FALSE;
    }
  return TRUE;
}
