/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-loader"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "frontline-dataset.h"
#include "frontline-gdal.h"
#include "frontline-ogr-reader.h"
#include "frontline-ogr-reader-private.h"

/* Inspecting a file's layers for the field mapping dialog: their geometry
 * types, fields, samples of their values and the mapping their names (else
 * their types) suggest. */

/* How many distinct values inspecting a layer keeps per field. */
#define INSPECT_SAMPLES 5

/* A value for the dialog's preview: dates as ISO ("2024-08-06",
 * "2024-08-06 12:00"), not GDAL's "2024/08/06". */
static char *
format_sample (OGRFeatureH feature,
               int         i)
{
  OGRFieldType type = OGR_Fld_GetType (OGR_F_GetFieldDefnRef (feature, i));
  int year, month, day, hour, minute, tz;
  float second;

  if ((type == OFTDate || type == OFTDateTime) &&
      OGR_F_GetFieldAsDateTimeEx (feature, i, &year, &month, &day, &hour, &minute, &second, &tz))
    {
      if (type == OFTDate)
        return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
      if ((int) second != 0)
        return g_strdup_printf ("%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour, minute,
                                (int) second);
      return g_strdup_printf ("%04d-%02d-%02d %02d:%02d", year, month, day, hour, minute);
    }

  return g_utf8_make_valid (OGR_F_GetFieldAsString (feature, i), -1);
}

/* The day an ISO sample starts with ("2024-08-06", "2024-08-06T12:00"). */
static FrontlineDay
sample_day (const char *sample)
{
  FrontlineDay day = FRONTLINE_DAY_NONE;
  gsize n = strlen (sample);

  if (n == 10 || (n > 10 && (sample[10] == 'T' || sample[10] == ' ')))
    {
      char head[11];

      memcpy (head, sample, 10);
      head[10] = '\0';
      if (!frontline_day_parse (head, &day))
        day = FRONTLINE_DAY_NONE;
    }

  return day;
}

/* The earliest day of a field's samples, or NONE when one is not a date. */
static FrontlineDay
samples_first_day (char **samples)
{
  FrontlineDay first = FRONTLINE_DAY_NONE;

  for (guint k = 0; samples != NULL && samples[k] != NULL; k++)
    {
      FrontlineDay day = sample_day (samples[k]);

      if (day == FRONTLINE_DAY_NONE)
        return FRONTLINE_DAY_NONE;
      if (first == FRONTLINE_DAY_NONE || day < first)
        first = day;
    }

  return first;
}

static gboolean
named_like_an_end (const char *field)
{
  static const char * const words[] = { "end", "until", "upto", "till", "_to", "expir", NULL };
  g_autofree char *lower = g_ascii_strdown (field, -1);

  for (guint k = 0; words[k] != NULL; k++)
    if (strstr (lower, words[k]) != NULL)
      return TRUE;
  return FALSE;
}

/* When no name says which field holds the date: the only Date or DateTime
 * field (else the only text field of ISO dates) is the date; of two, the
 * one named like an end, else the later, is the end. Pre-selected for the
 * dialog only: needs_mapping is left as the names decided. */
static void
suggest_dates_by_type (FrontlineOgrLayerInfo *info,
                       OGRFeatureDefnH        defn)
{
  int candidates[3];
  FrontlineDay firsts[3];
  guint n = 0;
  int date, end = -1;

  if (info->suggested != NULL && info->suggested->date_field != NULL)
    return;

  for (int i = 0; info->fields[i] != NULL; i++)
    {
      OGRFieldType type = OGR_Fld_GetType (OGR_FD_GetFieldDefn (defn, i));

      if ((type == OFTDate || type == OFTDateTime) && n < G_N_ELEMENTS (candidates))
        {
          firsts[n] = samples_first_day (info->samples[i]);
          candidates[n++] = i;
        }
    }
  if (n == 0)
    for (int i = 0; info->fields[i] != NULL; i++)
      {
        OGRFieldDefnH field = OGR_FD_GetFieldDefn (defn, i);
        FrontlineDay first;

        if (OGR_Fld_GetType (field) != OFTString || OGR_Fld_GetSubType (field) == OFSTJSON ||
            info->samples[i][0] == NULL)
          continue;
        first = samples_first_day (info->samples[i]);
        if (first != FRONTLINE_DAY_NONE && n < G_N_ELEMENTS (candidates))
          {
            firsts[n] = first;
            candidates[n++] = i;
          }
      }

  if (n == 0 || n > 2)
    return;

  date = candidates[0];
  if (n == 2)
    {
      gboolean first_is_end = named_like_an_end (info->fields[candidates[0]]);
      gboolean second_is_end = named_like_an_end (info->fields[candidates[1]]);

      if (first_is_end && !second_is_end)
        first_is_end = TRUE;
      else if (second_is_end && !first_is_end)
        first_is_end = FALSE;
      else
        first_is_end = firsts[0] != FRONTLINE_DAY_NONE && firsts[1] != FRONTLINE_DAY_NONE &&
                       firsts[0] > firsts[1];
      date = candidates[first_is_end ? 1 : 0];
      end = candidates[first_is_end ? 0 : 1];
    }

  if (info->suggested == NULL)
    info->suggested = frontline_field_mapping_new ();
  info->suggested->date_field = g_strdup (info->fields[date]);
  if (end >= 0 && info->suggested->end_field == NULL)
    info->suggested->end_field = g_strdup (info->fields[end]);
}

static FrontlineOgrLayerInfo *
inspect_layer (OGRLayerH layer)
{
  FrontlineOgrLayerInfo *info = g_new0 (FrontlineOgrLayerInfo, 1);
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  int n_fields = OGR_FD_GetFieldCount (defn);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  OGRwkbGeometryType type = OGR_L_GetGeomType (layer);
  OGRwkbGeometryType seen_types[4];
  guint n_seen_types = 0;
  OGRFeatureH feature;
  guint n = 0;

  info->name = g_utf8_make_valid (OGR_L_GetName (layer), -1);
  info->geometry_type = g_strdup (OGRGeometryTypeToName (type));
  info->n_features = OGR_L_GetFeatureCount (layer, FALSE);
  info->has_areas = frontline_ogr_is_polygonal (type);
  info->fields = g_new0 (char *, n_fields + 1);
  info->samples = g_new0 (char **, n_fields + 1);
  for (int i = 0; i < n_fields; i++)
    {
      info->fields[i] = g_utf8_make_valid (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)), -1);
      g_ptr_array_add (seen, g_ptr_array_new_with_free_func (g_free));
    }

  OGR_L_ResetReading (layer);
  while (n++ < FRONTLINE_OGR_INSPECT_FEATURES && (feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);

      if (geometry != NULL && frontline_ogr_is_polygonal (OGR_G_GetGeometryType (geometry)))
        info->has_areas = TRUE;
      if (geometry != NULL && n_seen_types < G_N_ELEMENTS (seen_types))
        {
          OGRwkbGeometryType actual = OGR_G_GetGeometryType (geometry);
          gboolean known = FALSE;

          for (guint k = 0; !known && k < n_seen_types; k++)
            known = seen_types[k] == actual;
          if (!known)
            seen_types[n_seen_types++] = actual;
        }

      for (int i = 0; i < n_fields; i++)
        {
          GPtrArray *values = g_ptr_array_index (seen, i);
          g_autofree char *text = NULL;
          gboolean found = FALSE;

          if (values->len >= INSPECT_SAMPLES || !OGR_F_IsFieldSetAndNotNull (feature, i))
            continue;
          text = format_sample (feature, i);
          if (g_utf8_strlen (text, -1) > 80)
            {
              char *cut = g_utf8_substring (text, 0, 79);

              g_free (text);
              text = g_strconcat (cut, "…", NULL);
              g_free (cut);
            }
          for (guint k = 0; !found && k < values->len; k++)
            found = g_str_equal (g_ptr_array_index (values, k), text);
          if (!found)
            g_ptr_array_add (values, g_steal_pointer (&text));
        }
      OGR_F_Destroy (feature);
    }
  OGR_L_ResetReading (layer);

  for (int i = 0; i < n_fields; i++)
    {
      GPtrArray *values = g_ptr_array_index (seen, i);

      g_ptr_array_add (values, NULL);
      info->samples[i] = (char **) g_ptr_array_steal (values, NULL);
    }

  /* A layer that does not say (made with -sql, KML, CSV): what its first
   * features are, as has_areas above decides. */
  if (wkbFlatten (type) == wkbUnknown && n_seen_types == 1)
    {
      g_free (info->geometry_type);
      info->geometry_type = g_strdup (OGRGeometryTypeToName (seen_types[0]));
    }
  else if (wkbFlatten (type) == wkbUnknown && n_seen_types > 1)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint k = 0; k < MIN (n_seen_types, 3); k++)
        g_string_append_printf (names, "%s%s", k > 0 ? ", " : "",
                                OGRGeometryTypeToName (seen_types[k]));
      if (n_seen_types > 3)
        g_string_append (names, ", …");
      g_free (info->geometry_type);
      /* Translators: a layer's geometry types, as GDAL names them: "Polygon, Point" */
      info->geometry_type = g_strdup_printf (_("mixed: %s"), names->str);
    }

  info->suggested = frontline_ogr_suggest_mapping (defn);
  /* Only the names load without asking; the types pre-select. */
  info->needs_mapping = info->has_areas && !frontline_field_mapping_is_complete (info->suggested);
  suggest_dates_by_type (info, defn);

  return info;
}

GPtrArray *
frontline_ogr_inspect (GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GPtrArray) infos = NULL;
  FrontlineGdalErrors *messages;
  GDALDatasetH ds;
  gboolean kml;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s: only local files can be read in this format"), name);
      return NULL;
    }

  messages = frontline_gdal_errors_push ();
  ds = frontline_ogr_open_dataset (path, name, messages, error);
  if (ds == NULL)
    {
      frontline_gdal_errors_pop (messages);
      return NULL;
    }

  kml = g_strcmp0 (GDALGetDriverShortName (GDALGetDatasetDriver (ds)), "LIBKML") == 0;
  infos = g_ptr_array_new_with_free_func ((GDestroyNotify) frontline_ogr_layer_info_free);
  for (int i = 0; i < GDALDatasetGetLayerCount (ds); i++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (ds, i);
      const char *layer_name = OGR_L_GetName (layer);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_clear_pointer (&infos, g_ptr_array_unref);
          break;
        }
      if (g_strcmp0 (layer_name, "frontline_document") == 0 ||
          (kml && g_strcmp0 (layer_name, "Quotes") == 0))
        continue;
      g_ptr_array_add (infos, inspect_layer (layer));
    }

  GDALClose (ds);
  frontline_gdal_errors_pop (messages);

  return g_steal_pointer (&infos);
}
