/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Fetching an archive's areas (frontline-archive.c): the areas of a day inside
 * a box, simplified on the server for the zoom band, read from hex WKB, kept
 * per (day, zoom band) in a cache bounded in bytes (least recently used first
 * out), and the areas last fetched for each day (the shown days). */

#include "config.h"

#include <libpq-fe.h>
/* GDAL's headers test compiler macros they may not define (-Wundef). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wundef"
#include <cpl_error.h>
#include <ogr_api.h>
#pragma GCC diagnostic pop
#include <math.h>
#include <string.h>

#include "frontline-archive.h"
#include "frontline-archive-private.h"
#include "frontline-json-scan.h"
#include "frontline-model-private.h"

#define MAX_BAND 16
/* The days whose last fetch get_state_at keeps. */
#define N_SHOWN_DAYS 8

void
frontline_archive_cache_entry_free (FrontlineArchiveCacheEntry *entry)
{
  g_ptr_array_unref (entry->areas);
  g_array_unref (entry->boxes);
  g_ptr_array_unref (entry->layers);
  g_free (entry);
}

void
frontline_archive_shown_day_free (FrontlineArchiveShownDay *shown)
{
  g_ptr_array_unref (shown->areas);
  g_free (shown);
}

/* Zoom bands: whole zooms; a band's tolerance is half a pixel of 256 px tiles
 * at the band's most detailed zoom. */
int
frontline_archive_zoom_band (double zoom)
{
  return CLAMP ((int) floor (zoom), 0, MAX_BAND);
}

double
frontline_archive_band_tolerance (int band)
{
  if (band >= MAX_BAND)
    return 0.0;
  return 0.5 * 360.0 / (256.0 * ldexp (1.0, band + 1));
}

static gboolean
box_contains (const double outer[4],
              const double inner[4])
{
  return outer[0] <= inner[0] && outer[1] <= inner[1] &&
         outer[2] >= inner[2] && outer[3] >= inner[3];
}

static gboolean
boxes_meet (const double a[4],
            const double b[4])
{
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/* A margin of half the box on each side, so that panning a little needs no
 * query. */
void
frontline_archive_add_margin (const double bbox[4],
                              double       wide[4])
{
  double width = bbox[2] - bbox[0];
  double height = bbox[3] - bbox[1];

  wide[0] = MAX (bbox[0] - width / 2, -180.0);
  wide[1] = MAX (bbox[1] - height / 2, -90.0);
  wide[2] = MIN (bbox[2] + width / 2, 180.0);
  wide[3] = MIN (bbox[3] + height / 2, 90.0);
}

static const char *
describe_wkb_error (OGRErr err)
{
  switch (err)
    {
    case OGRERR_NOT_ENOUGH_DATA:
      return "it is cut short, or counts more than its bytes hold";
    case OGRERR_UNSUPPORTED_GEOMETRY_TYPE:
      return "a geometry type GDAL does not know";
    case OGRERR_CORRUPT_DATA:
      return "corrupt data (or collections nested too deep)";
    case OGRERR_NONE:
    case OGRERR_NOT_ENOUGH_MEMORY:
    case OGRERR_UNSUPPORTED_OPERATION:
    case OGRERR_FAILURE:
    case OGRERR_UNSUPPORTED_SRS:
    case OGRERR_INVALID_HANDLE:
    case OGRERR_NON_EXISTING_FEATURE:
    default:
      return "GDAL could not read it";
    }
}

/* One ring into @builder: closed, at least four points, each a finite
 * longitude and latitude. */
static gboolean
add_ring (FrontlineGeometryBuilder  *builder,
          OGRGeometryH               ring,
          GError                   **error)
{
  int n = ring != NULL ? OGR_G_GetPointCount (ring) : 0;

  if (n < 4)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "a ring of %d points (a ring takes at least 4)", n);
      return FALSE;
    }
  if (OGR_G_GetX (ring, 0) != OGR_G_GetX (ring, n - 1) ||
      OGR_G_GetY (ring, 0) != OGR_G_GetY (ring, n - 1))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "a ring that is not closed");
      return FALSE;
    }

  frontline_geometry_builder_begin_ring (builder);
  for (int i = 0; i < n; i++)
    {
      double x = OGR_G_GetX (ring, i), y = OGR_G_GetY (ring, i);

      if (!isfinite (x) || !isfinite (y) || fabs (x) > 180.0 || fabs (y) > 90.0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "a point (%g, %g) that is not a longitude and latitude", x, y);
          return FALSE;
        }
      frontline_geometry_builder_add_point (builder, x, y);
    }
  return TRUE;
}

/* A server's hex WKB (ST_AsBinary, encoded 'hex') as a packed geometry: a
 * polygon or multipolygon of lon/lat coordinates, else NULL with @error set
 * (G_IO_ERROR_INVALID_DATA) saying what was wrong. Empty geometries are
 * refused unless @allow_empty (a comparison's "nothing gained"). GDAL reads
 * the WKB: it checks every count against the bytes left before allocating,
 * and bounds the nesting of collections (GEOS's reader recurses without a
 * bound: 100 000 nested collections overflow the stack). Pure: the archive's
 * fetch and compare read every geometry through it. */
FrontlineGeometry *
frontline_archive_geometry_from_hex_wkb (const char  *hex,
                                         gboolean     allow_empty,
                                         GError     **error)
{
  g_autoptr(FrontlineGeometryBuilder) builder = NULL;
  g_autofree guint8 *wkb = NULL;
  OGRGeometryH geometry = NULL;
  gsize length = hex != NULL ? strlen (hex) : 0;
  OGRwkbGeometryType type;
  gboolean ok = TRUE;
  OGRErr err;

  if (length == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "no geometry (empty WKB)");
      return NULL;
    }
  if (length > FRONTLINE_ARCHIVE_MAX_HEX_WKB)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "a geometry of %" G_GSIZE_FORMAT " bytes of WKB, more than the %d"
                   " an area may take",
                   length / 2, FRONTLINE_ARCHIVE_MAX_HEX_WKB / 2);
      return NULL;
    }
  if (length % 2 != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "unreadable WKB: an odd number of hexadecimal digits");
      return NULL;
    }

  wkb = g_malloc (length / 2);
  for (gsize i = 0; i < length / 2; i++)
    {
      int high = g_ascii_xdigit_value (hex[2 * i]), low = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (high < 0 || low < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "unreadable WKB: not hexadecimal at character %" G_GSIZE_FORMAT,
                       2 * i + (high < 0 ? 0 : 1));
          return NULL;
        }
      wkb[i] = (guint8) (high << 4 | low);
    }

  CPLPushErrorHandler (CPLQuietErrorHandler);
  err = OGR_G_CreateFromWkbEx (wkb, NULL, &geometry, length / 2);
  CPLPopErrorHandler ();
  if (err != OGRERR_NONE || geometry == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "unreadable WKB: %s",
                   describe_wkb_error (err));
      if (geometry != NULL)
        OGR_G_DestroyGeometry (geometry);
      return NULL;
    }

  type = wkbFlatten (OGR_G_GetGeometryType (geometry));
  if (type != wkbPolygon && type != wkbMultiPolygon)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "a %s, not a polygon",
                   OGR_G_GetGeometryName (geometry));
      OGR_G_DestroyGeometry (geometry);
      return NULL;
    }
  if (!allow_empty && OGR_G_IsEmpty (geometry))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "an empty polygon");
      OGR_G_DestroyGeometry (geometry);
      return NULL;
    }

  builder = frontline_geometry_builder_new ();
  for (int p = 0; ok && p < (type == wkbPolygon ? 1 : OGR_G_GetGeometryCount (geometry)); p++)
    {
      OGRGeometryH polygon = type == wkbPolygon ? geometry : OGR_G_GetGeometryRef (geometry, p);

      if (polygon == NULL || OGR_G_IsEmpty (polygon))
        continue;
      frontline_geometry_builder_begin_polygon (builder);
      for (int r = 0; ok && r < OGR_G_GetGeometryCount (polygon); r++)
        ok = add_ring (builder, OGR_G_GetGeometryRef (polygon, r), error);
    }
  OGR_G_DestroyGeometry (geometry);

  if (!ok)
    return NULL;
  return frontline_geometry_builder_finish (g_steal_pointer (&builder));
}

static char **
read_source_ids (const char *text)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GStrvBuilder) ids = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  node = frontline_archive_parse_json (text, "source", NULL);
  if (node == NULL)
    return NULL;
  ids = g_strv_builder_new ();
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_strv_builder_add (ids, json_node_get_string (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (ids, json_node_get_string (element));
        }
    }
  else
    return NULL;
  return g_strv_builder_end (ids);
}

static char *
read_feature_id (const char *text)
{
  g_autoptr(JsonNode) node = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  node = frontline_archive_parse_json (text, "feature_id", NULL);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

static gsize
area_size (FrontlineArea *area)
{
  FrontlineGeometry *g = area->geometry;
  gsize size = sizeof (FrontlineArea) + sizeof (FrontlineGeometry) + 4 * sizeof (double);

  size += g->n_points * 2 * sizeof (double) + (g->n_rings + g->n_polygons + 2) * sizeof (guint);
  size += (area->id ? strlen (area->id) : 0) + (area->note ? strlen (area->note) : 0);
  for (guint i = 0; area->source_ids && area->source_ids[i]; i++)
    size += strlen (area->source_ids[i]) + 1 + sizeof (char *);
  return size;
}

/* The query: each layer's state on the day (its latest date on or before it,
 * found through the (faction, status, date) index), and that date's areas that
 * meet the box and whose valid_until has not passed, simplified. A layer
 * whose state has no area in the box still gives a row (a placeholder with no
 * id), so it is known to show nothing there, never an older day's areas. */
static const char fetch_sql[] =
  "WITH layer AS ("
  "  SELECT l.faction, l.status, "
  "         (SELECT max(t.date) FROM %1$s t"
  "           WHERE t.faction = l.faction AND t.status = l.status AND t.date <= $1::date) AS date"
  "    FROM unnest ($7::text[], $8::text[]) AS l (faction, status)) "
  "SELECT layer.faction, layer.status, layer.date, a.id, a.feature_id::text, a.valid_until, "
  "       a.source::text, a.approximate, a.note, a.area_m2, "
  "       ST_XMin (a.geom), ST_YMin (a.geom), ST_XMax (a.geom), ST_YMax (a.geom), "
  "       encode (ST_AsBinary (CASE WHEN $6::float8 > 0 "
  "                                 THEN ST_SimplifyPreserveTopology (a.geom, $6::float8) "
  "                                 ELSE a.geom END), 'hex') "
  "  FROM layer LEFT JOIN %1$s a"
  "    ON a.faction = layer.faction AND a.status = layer.status AND a.date = layer.date"
  "   AND (a.valid_until IS NULL OR a.valid_until >= $1::date)"
  "   AND a.geom && ST_MakeEnvelope ($2::float8, $3::float8, $4::float8, $5::float8, 4326) "
  " WHERE layer.date IS NOT NULL "
  " ORDER BY a.id NULLS FIRST";

static FrontlineArchiveCacheEntry *
query_entry (FrontlineArchive  *self,
             FrontlineDay       day,
             int                band,
             const double       bbox[4],
             GCancellable      *cancellable,
             GError           **error)
{
  g_autofree char *sql = g_strdup_printf (fetch_sql, self->qualified);
  g_autofree char *day_text = frontline_day_format_as (day, FRONTLINE_DAY_FORMAT_ISO);
  char numbers[5][G_ASCII_DTOSTR_BUF_SIZE];
  const char *params[8];
  FrontlineArchiveCacheEntry *entry;
  PGresult *result;

  params[0] = day_text;
  for (int i = 0; i < 4; i++)
    params[1 + i] = g_ascii_dtostr (numbers[i], sizeof numbers[i], bbox[i]);
  params[5] = g_ascii_dtostr (numbers[4], sizeof numbers[4],
                             frontline_archive_band_tolerance (band));
  params[6] = self->layer_factions;
  params[7] = self->layer_statuses;

  g_mutex_lock (&self->conn_lock);
  result = frontline_archive_run_query_cancellable (self, sql, 8, params, cancellable, error);
  g_mutex_unlock (&self->conn_lock);
  if (result == NULL)
    return NULL;

  entry = g_new0 (FrontlineArchiveCacheEntry, 1);
  entry->day = day;
  entry->band = band;
  memcpy (entry->bbox, bbox, sizeof entry->bbox);
  entry->areas = g_ptr_array_new_with_free_func (g_object_unref);
  entry->boxes = g_array_new (FALSE, FALSE, 4 * sizeof (double));
  entry->layers = g_ptr_array_new_with_free_func (g_free);
  entry->size = sizeof (FrontlineArchiveCacheEntry);

  for (int i = 0; i < PQntuples (result); i++)
    {
      g_autoptr(FrontlineArea) area = NULL;
      g_autoptr(GError) geometry_error = NULL;
      FrontlineFaction *faction;
      double box[4];

      if (PQgetisnull (result, i, 3))
        {
          g_ptr_array_add (entry->layers, g_strdup_printf ("%s\n%s\n%s", PQgetvalue (result, i, 0),
                                                           PQgetvalue (result, i, 1),
                                                           PQgetvalue (result, i, 2)));
          entry->size += 64;
          continue;
        }

      faction = g_hash_table_lookup (self->faction_by_id, PQgetvalue (result, i, 0));
      if (faction == NULL)
        continue;  /* a layer published after the archive was opened */

      area = g_object_new (FRONTLINE_TYPE_AREA, NULL);
      area->index = (guint) g_ascii_strtoull (PQgetvalue (result, i, 3), NULL, 10);
      area->faction = g_object_ref (faction);
      frontline_status_from_string (PQgetvalue (result, i, 1), &area->status);
      frontline_day_parse (PQgetvalue (result, i, 2), &area->day);
      area->id = read_feature_id (PQgetvalue (result, i, 4));
      if (!PQgetisnull (result, i, 5))
        frontline_day_parse (PQgetvalue (result, i, 5), &area->valid_until);
      area->source_ids = read_source_ids (PQgetvalue (result, i, 6));
      area->approximate = g_str_equal (PQgetvalue (result, i, 7), "t");
      if (!PQgetisnull (result, i, 8))
        area->note = g_utf8_make_valid (PQgetvalue (result, i, 8), -1);
      area->area_m2 = g_ascii_strtod (PQgetvalue (result, i, 9), NULL);
      for (int c = 0; c < 4; c++)
        box[c] = g_ascii_strtod (PQgetvalue (result, i, 10 + c), NULL);
      area->geometry = frontline_archive_geometry_from_hex_wkb (PQgetvalue (result, i, 14), FALSE,
                                                                &geometry_error);
      area->multi = TRUE;
      if (area->geometry == NULL)
        {
          g_debug ("%s: skipping area %u of %s: %s", self->name, area->index,
                   self->qualified, geometry_error->message);
          g_clear_error (&geometry_error);
          continue;
        }

      entry->size += area_size (area);
      g_array_append_vals (entry->boxes, box, 1);
      g_ptr_array_add (entry->areas, g_steal_pointer (&area));
    }
  PQclear (result);

  return entry;
}

static char *
cache_key (FrontlineDay day,
           int          band)
{
  return g_strdup_printf ("%u/%d", (guint) day, band);
}

/* lock held */
static void
cache_insert (FrontlineArchive *self,
              FrontlineArchiveCacheEntry       *entry)
{
  g_autofree char *key = cache_key (entry->day, entry->band);
  FrontlineArchiveCacheEntry *old = g_hash_table_lookup (self->cache, key);

  if (old != NULL)
    {
      g_queue_delete_link (&self->lru, old->link);
      self->cache_size -= old->size;
      g_hash_table_remove (self->cache, key);
    }

  g_queue_push_head (&self->lru, entry);
  entry->link = self->lru.head;
  self->cache_size += entry->size;
  g_hash_table_insert (self->cache, g_steal_pointer (&key), entry);

  /* The newest entry stays even when alone it is over the limit. */
  while (self->cache_size > self->cache_limit && self->lru.length > 1)
    {
      FrontlineArchiveCacheEntry *last = g_queue_pop_tail (&self->lru);
      g_autofree char *last_key = cache_key (last->day, last->band);

      self->cache_size -= last->size;
      g_hash_table_remove (self->cache, last_key);
    }
}

/* lock held */
static void
set_shown (FrontlineArchive *self,
           FrontlineDay      day,
           GPtrArray        *areas,
           const double      bbox[4],
           double            zoom)
{
  FrontlineArchiveShownDay *shown;

  for (GList *l = self->shown.head; l != NULL; l = l->next)
    {
      shown = l->data;
      if (shown->day == day)
        {
          g_queue_delete_link (&self->shown, l);
          frontline_archive_shown_day_free (shown);
          break;
        }
    }

  shown = g_new0 (FrontlineArchiveShownDay, 1);
  shown->day = day;
  shown->areas = g_ptr_array_ref (areas);
  memcpy (shown->bbox, bbox, sizeof shown->bbox);
  shown->zoom = zoom;
  g_queue_push_head (&self->shown, shown);
  while (self->shown.length > N_SHOWN_DAYS)
    frontline_archive_shown_day_free (g_queue_pop_tail (&self->shown));
}

GPtrArray *
frontline_archive_fetch (FrontlineArchive *self,
                         FrontlineDay      day,
                         const double      bbox[4],
                         double            zoom,
                         GCancellable     *cancellable,
                         GError          **error)
{
  int band = frontline_archive_zoom_band (zoom);
  g_autofree char *key = cache_key (day, band);
  GPtrArray *result;
  FrontlineArchiveCacheEntry *entry;

  g_return_val_if_fail (FRONTLINE_IS_ARCHIVE (self), NULL);
  g_return_val_if_fail (bbox != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_mutex_lock (&self->lock);
  entry = g_hash_table_lookup (self->cache, key);
  if (entry != NULL && box_contains (entry->bbox, bbox))
    {
      g_queue_unlink (&self->lru, entry->link);
      g_queue_push_head_link (&self->lru, entry->link);
    }
  else
    {
      double wide[4];

      frontline_archive_add_margin (bbox, wide);

      g_mutex_unlock (&self->lock);
      entry = query_entry (self, day, band, wide, cancellable, error);
      if (entry == NULL)
        return NULL;
      g_mutex_lock (&self->lock);
      cache_insert (self, entry);
    }

  result = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < entry->areas->len; i++)
    if (boxes_meet (&g_array_index (entry->boxes, double, 4 * i), bbox))
      g_ptr_array_add (result, g_object_ref (g_ptr_array_index (entry->areas, i)));
  /* What the day shows: the box and its margin, so that a map panning a
   * little has the areas it uncovers before the next fetch. */
  set_shown (self, day, entry->areas, bbox, zoom);
  g_mutex_unlock (&self->lock);

  return result;
}

typedef struct {
  FrontlineDay day;
  double       bbox[4];
  double       zoom;
} FetchData;

static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FetchData *data = task_data;
  GError *error = NULL;
  GPtrArray *areas = frontline_archive_fetch (source_object, data->day, data->bbox, data->zoom,
                                              cancellable, &error);

  if (areas == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, areas, (GDestroyNotify) g_ptr_array_unref);
}

void
frontline_archive_fetch_async (FrontlineArchive    *self,
                               FrontlineDay         day,
                               const double         bbox[4],
                               double               zoom,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  FetchData *data = g_new0 (FetchData, 1);

  g_return_if_fail (FRONTLINE_IS_ARCHIVE (self));

  data->day = day;
  memcpy (data->bbox, bbox, sizeof data->bbox);
  data->zoom = zoom;
  g_task_set_source_tag (task, frontline_archive_fetch_async);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, fetch_thread);
}

GPtrArray *
frontline_archive_fetch_finish (FrontlineArchive  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gsize
frontline_archive_get_cache_size (FrontlineArchive *self)
{
  gsize size;

  g_return_val_if_fail (FRONTLINE_IS_ARCHIVE (self), 0);

  g_mutex_lock (&self->lock);
  size = self->cache_size;
  g_mutex_unlock (&self->lock);
  return size;
}

void
frontline_archive_set_cache_limit (FrontlineArchive *self,
                                   gsize             bytes)
{
  g_return_if_fail (FRONTLINE_IS_ARCHIVE (self));

  g_mutex_lock (&self->lock);
  self->cache_limit = bytes;
  g_mutex_unlock (&self->lock);
}

/* The areas last fetched for @day, or none. */
GPtrArray *
_frontline_archive_get_state_at (FrontlineArchive *self,
                                 FrontlineDay      day)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  g_mutex_lock (&self->lock);
  for (GList *l = self->shown.head; l != NULL; l = l->next)
    {
      FrontlineArchiveShownDay *shown = l->data;

      if (shown->day != day)
        continue;
      for (guint i = 0; i < shown->areas->len; i++)
        g_ptr_array_add (result, g_object_ref (g_ptr_array_index (shown->areas, i)));
      break;
    }
  g_mutex_unlock (&self->lock);

  return result;
}

