/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-loader"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "frontline-dataset.h"
#include "frontline-gdal.h"
#include "frontline-ogr-reader.h"
#include "frontline-ogr-reader-private.h"

/* The fields of GDAL's layers: which of them hold Frontline's date, end,
 * side and status by their names, the error that asks for a mapping, and
 * their values as JSON properties and as days. */

/* Field mapping */

const char * const frontline_ogr_date_names[] = {
  "date", "begin", "timestamp", "start_date", "valid_from", NULL,
};
const char * const frontline_ogr_end_names[] = {
  "valid_until", "end", "end_date", "valid_to", NULL,
};
static const char * const faction_names[] = { "faction", "side", NULL };
static const char * const status_names[] = { "status", NULL };

static char *
find_field (OGRFeatureDefnH     defn,
            const char * const *names)
{
  for (guint k = 0; names[k] != NULL; k++)
    for (int i = 0; i < OGR_FD_GetFieldCount (defn); i++)
      {
        const char *field = OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i));

        /* Shapefiles cut names to 10 characters: "valid_unti". */
        if (g_ascii_strcasecmp (field, names[k]) == 0 ||
            (strlen (field) == 10 && strlen (names[k]) > 10 &&
             g_ascii_strncasecmp (field, names[k], 10) == 0))
          return g_strdup (field);
      }

  return NULL;
}

/* The mapping the field names suggest; NULL when none fits. */
FrontlineFieldMapping *
frontline_ogr_suggest_mapping (OGRFeatureDefnH defn)
{
  g_autoptr(FrontlineFieldMapping) mapping = frontline_field_mapping_new ();

  mapping->date_field = find_field (defn, frontline_ogr_date_names);
  mapping->end_field = find_field (defn, frontline_ogr_end_names);
  mapping->faction_field = find_field (defn, faction_names);
  mapping->status_field = find_field (defn, status_names);

  if (mapping->date_field == NULL && mapping->end_field == NULL &&
      mapping->faction_field == NULL && mapping->status_field == NULL)
    return NULL;

  return g_steal_pointer (&mapping);
}

/* The field names, the first @max of them (0: all) and how many in all. */
static char *
join_fields_max (OGRFeatureDefnH defn,
                 int             max)
{
  g_autoptr(GString) text = g_string_new (NULL);
  int n = OGR_FD_GetFieldCount (defn);

  for (int i = 0; i < n && (max <= 0 || i < max); i++)
    {
      g_autofree char *field = g_utf8_make_valid (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)),
                                                  -1);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, field);
    }
  if (text->len == 0)
    g_string_append (text, _("none"));
  else if (max > 0 && n > max)
    /* Translators: after the first few field names of a layer */
    g_string_append_printf (text, _(", … (%d in all)"), n);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
frontline_ogr_join_fields (OGRFeatureDefnH defn)
{
  return join_fields_max (defn, 0);
}

#define ERROR_LAYERS 8
#define ERROR_FIELDS 6

/* The error that asks for a mapping, naming every layer @unmapped holds
 * (their indexes). */
void
frontline_ogr_set_mapping_error (GError      **error,
                   GDALDatasetH  ds,
                   const char   *name,
                   GArray       *unmapped)
{
  g_autoptr(GString) list = g_string_new (NULL);

  if (unmapped->len == 1)
    {
      OGRLayerH handle = GDALDatasetGetLayer (ds, g_array_index (unmapped, int, 0));
      g_autofree char *layer = g_utf8_make_valid (OGR_L_GetName (handle), -1);
      g_autofree char *fields = frontline_ogr_join_fields (OGR_L_GetLayerDefn (handle));

      g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_MAPPING,
                   _("%s: layer “%s”: no field is known to hold the date and the side of its areas "
                     "(its fields: %s); say which do (on the command line: --date-field, "
                     "--end-field, --faction-field, --status-field)"),
                   name, layer, fields);
      return;
    }

  for (guint i = 0; i < unmapped->len && i < ERROR_LAYERS; i++)
    {
      OGRLayerH handle = GDALDatasetGetLayer (ds, g_array_index (unmapped, int, i));
      g_autofree char *layer = g_utf8_make_valid (OGR_L_GetName (handle), -1);
      g_autofree char *fields = join_fields_max (OGR_L_GetLayerDefn (handle), ERROR_FIELDS);

      if (i > 0)
        g_string_append (list, ", ");
      /* Translators: one layer in a list: its name and its first fields */
      g_string_append_printf (list, _("“%s” (fields: %s)"), layer, fields);
    }
  if (unmapped->len > ERROR_LAYERS)
    /* Translators: after the first layers of a list */
    g_string_append_printf (list, _(", … (%u layers in all)"), unmapped->len);

  g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_MAPPING,
               _("%s: layers %s: no field is known to hold the date and the side of their areas; "
                 "say which do (on the command line: --date-field, --end-field, "
                 "--faction-field, --status-field)"),
               name, list->str);
}

/* Values */

/* A field's value as JSON, or NULL when it is unset or null. */
static JsonNode *
string_node_take (char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  g_free (text);
  return node;
}

JsonNode *
frontline_ogr_field_to_node (OGRFeatureH feature,
               int         i,
               OGRFieldDefnH defn)
{
  JsonNode *node = NULL;

  if (!OGR_F_IsFieldSetAndNotNull (feature, i))
    return NULL;

  switch (OGR_Fld_GetType (defn))
    {
    case OFTInteger:
      if (OGR_Fld_GetSubType (defn) == OFSTBoolean)
        {
          node = json_node_new (JSON_NODE_VALUE);
          json_node_set_boolean (node, OGR_F_GetFieldAsInteger (feature, i) != 0);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case OFTInteger64:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_int (node, OGR_F_GetFieldAsInteger64 (feature, i));
      break;

    case OFTReal:
      {
        double value = OGR_F_GetFieldAsDouble (feature, i);

        if (!isfinite (value))
          return NULL;
        node = json_node_new (JSON_NODE_VALUE);
        json_node_set_double (node, value);
      }
      break;

    case OFTDate:
    case OFTDateTime:
      {
        int year, month, day, hour, minute, tz;
        float second;

        if (!OGR_F_GetFieldAsDateTimeEx (feature, i, &year, &month, &day, &hour, &minute, &second,
                                         &tz))
          return NULL;
        if (OGR_Fld_GetType (defn) == OFTDate)
          node = string_node_take (g_strdup_printf ("%04d-%02d-%02d", year, month, day));
        else
          node = string_node_take (g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d", year,
                                                    month, day, hour, minute, (int) second));
      }
      break;

    case OFTString:
      {
        const char *text = OGR_F_GetFieldAsString (feature, i);

        if (OGR_Fld_GetSubType (defn) == OFSTJSON)
          {
            g_autoptr(JsonParser) parser = json_parser_new_immutable ();

            if (json_parser_load_from_data (parser, text, -1, NULL) &&
                json_parser_get_root (parser) != NULL)
              return json_node_copy (json_parser_get_root (parser));
          }
        node = string_node_take (g_utf8_make_valid (text, -1));
      }
      break;

    case OFTIntegerList:
    case OFTRealList:
    case OFTStringList:
    case OFTWideString:
    case OFTWideStringList:
    case OFTBinary:
    case OFTTime:
    case OFTInteger64List:
    default:
      node = string_node_take (g_utf8_make_valid (OGR_F_GetFieldAsString (feature, i), -1));
      break;
    }

  return node;
}

/* A date field's value as "YYYY-MM-DD", or its text when it is not a date
 * (the feature reader then says what is wrong), or NULL. */
char *
frontline_ogr_read_day (OGRFeatureH feature,
          int         i)
{
  OGRFieldDefnH defn;
  OGRFieldType type;

  /* CSV has no nulls: an empty value is none. */
  if (i < 0 || !OGR_F_IsFieldSetAndNotNull (feature, i) ||
      *OGR_F_GetFieldAsString (feature, i) == '\0')
    return NULL;

  defn = OGR_F_GetFieldDefnRef (feature, i);
  type = OGR_Fld_GetType (defn);
  if (type == OFTDate || type == OFTDateTime)
    {
      int year, month, day, hour, minute, tz;
      float second;

      if (OGR_F_GetFieldAsDateTimeEx (feature, i, &year, &month, &day, &hour, &minute, &second,
                                      &tz))
        return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
      return NULL;
    }
  if (type == OFTInteger || type == OFTInteger64)
    {
      gint64 value = OGR_F_GetFieldAsInteger64 (feature, i);

      if (value >= 10000101 && value <= 99991231)
        return g_strdup_printf ("%04d-%02d-%02d", (int) (value / 10000), (int) (value / 100 % 100),
                                (int) (value % 100));
    }

  {
    const char *text = OGR_F_GetFieldAsString (feature, i);
    gsize n = strlen (text);

    char *day;

    if (n > 10 && (text[10] == 'T' || text[10] == ' ') && g_ascii_isdigit (text[0]))
      day = g_strndup (text, 10);
    else if (n == 8 && strspn (text, "0123456789") == 8)
      day = g_strdup_printf ("%.4s-%.2s-%.2s", text, text + 4, text + 6);
    else
      day = g_utf8_make_valid (text, -1);
    /* GDAL writes dates as YYYY/MM/DD in CSV. */
    if (strlen (day) == 10 && day[4] == '/' && day[7] == '/')
      day[4] = day[7] = '-';
    return day;
  }
}

char *
frontline_ogr_read_text (OGRFeatureH feature,
           int         i)
{
  if (i < 0 || !OGR_F_IsFieldSetAndNotNull (feature, i) ||
      *OGR_F_GetFieldAsString (feature, i) == '\0')
    return NULL;
  return g_utf8_make_valid (OGR_F_GetFieldAsString (feature, i), -1);
}
