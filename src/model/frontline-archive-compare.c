/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What an archive computes on the server (frontline-archive.c): the stats and
 * the area series, the comparison of two days in a box, and the view last
 * fetched. */

#include "config.h"

#include <libpq-fe.h>
#include <string.h>

#include "frontline-archive.h"
#include "frontline-archive-private.h"
#include "frontline-model-private.h"

/* On the server */

char *
frontline_archive_format_stats_csv (FrontlineArchive  *self,
                                    GCancellable      *cancellable,
                                    GError           **error)
{
  char *csv = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (FRONTLINE_IS_ARCHIVE (self), NULL);

  g_mutex_lock (&self->conn_lock);
  frontline_archive_count_query (self);
  if (frontline_archive_ensure_connection (self, &local_error))
    csv = frontline_archive_query_stats_csv (self->conn, self->location, cancellable,
                                             &local_error);
  frontline_archive_note_lost (self, local_error);
  g_mutex_unlock (&self->conn_lock);
  if (local_error != NULL)
    g_propagate_error (error, local_error);

  return csv;
}

/**
 * frontline_archive_dup_area_series:
 * @dataset: the dataset that owns @self
 *
 * The area series behind the timeline and the chart, computed on the
 * server. Blocking (any thread).
 *
 * Returns: (transfer full) (nullable): the series
 */
FrontlineAreaSeries *
frontline_archive_dup_area_series (FrontlineArchive  *self,
                                   FrontlineDataset  *dataset,
                                   GCancellable      *cancellable,
                                   GError           **error)
{
  FrontlineAreaSeries *series = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (FRONTLINE_IS_ARCHIVE (self), NULL);
  g_return_val_if_fail (frontline_dataset_get_archive (dataset) == self, NULL);

  g_mutex_lock (&self->conn_lock);
  frontline_archive_count_query (self);
  if (frontline_archive_ensure_connection (self, &local_error))
    series = frontline_archive_query_area_series (self->conn, self->location, dataset,
                                                  cancellable, &local_error);
  frontline_archive_note_lost (self, local_error);
  g_mutex_unlock (&self->conn_lock);
  if (local_error != NULL)
    g_propagate_error (error, local_error);

  return series;
}

/* Comparing on the server */

void
frontline_archive_change_free (FrontlineArchiveChange *change)
{
  if (change == NULL)
    return;

  g_clear_object (&change->change.faction);
  g_clear_pointer (&change->change.gained, frontline_geometry_unref);
  g_clear_pointer (&change->change.lost, frontline_geometry_unref);
  g_free (change);
}

/* Per faction (in the dataset's order, $9 WITH ORDINALITY): its layer's
 * state on each day (the latest date on or before it, through the
 * (faction, status, date) index, less the areas whose valid_until has
 * passed), the union of that state's areas meeting the box, clipped to it;
 * the differences both ways, their geodesic areas and, simplified for the
 * zoom, their shapes. A faction with no ground on a day holds the empty
 * polygon. */
static const char compare_sql[] =
  "WITH box AS (SELECT ST_MakeEnvelope ($3::float8, $4::float8, $5::float8, $6::float8, 4326)"
  "               AS b), "
  "layer AS ("
  "  SELECT l.faction, l.n, "
  "         (SELECT max (t.date) FROM %1$s t WHERE t.faction = l.faction AND t.status = $7"
  "             AND t.date <= $1::date) AS from_date, "
  "         (SELECT max (t.date) FROM %1$s t WHERE t.faction = l.faction AND t.status = $7"
  "             AND t.date <= $2::date) AS to_date "
  "    FROM unnest ($9::text[]) WITH ORDINALITY AS l (faction, n)), "
  "held AS ("
  "  SELECT layer.faction, layer.n, "
  "         COALESCE ((SELECT ST_Intersection (ST_Union (a.geom), box.b) FROM %1$s a"
  "                     WHERE a.faction = layer.faction AND a.status = $7"
  "                       AND a.date = layer.from_date"
  "                       AND (a.valid_until IS NULL OR a.valid_until >= $1::date)"
  "                       AND a.geom && box.b),"
  "                   ST_GeomFromText ('POLYGON EMPTY', 4326)) AS before, "
  "         COALESCE ((SELECT ST_Intersection (ST_Union (a.geom), box.b) FROM %1$s a"
  "                     WHERE a.faction = layer.faction AND a.status = $7"
  "                       AND a.date = layer.to_date"
  "                       AND (a.valid_until IS NULL OR a.valid_until >= $2::date)"
  "                       AND a.geom && box.b),"
  "                   ST_GeomFromText ('POLYGON EMPTY', 4326)) AS after "
  "    FROM layer, box), "
  "change AS ("
  "  SELECT faction, n, "
  "         ST_CollectionExtract (ST_Difference (after, before), 3) AS gained, "
  "         ST_CollectionExtract (ST_Difference (before, after), 3) AS lost "
  "    FROM held) "
  "SELECT faction, ST_Area (gained::geography), ST_Area (lost::geography), "
  "       encode (ST_AsBinary (CASE WHEN $8::float8 > 0"
  "                                 THEN ST_SimplifyPreserveTopology (gained, $8::float8)"
  "                                 ELSE gained END), 'hex'), "
  "       encode (ST_AsBinary (CASE WHEN $8::float8 > 0"
  "                                 THEN ST_SimplifyPreserveTopology (lost, $8::float8)"
  "                                 ELSE lost END), 'hex') "
  "  FROM change ORDER BY n";

/**
 * frontline_archive_compare:
 * @status: the layers compared (the map compares %FRONTLINE_STATUS_CONTROLLED)
 * @bbox: west, south, east, north: the view's box; the server compares it
 *   with the margin a fetch of it takes
 * @zoom: the view's zoom, for simplifying the shapes
 *
 * Gains and losses of each side, computed on the server.
 *
 * Returns: (transfer container) (element-type FrontlineArchiveChange)
 *   (nullable): one per faction, in the dataset's order, or %NULL with
 *   @error set
 */
GPtrArray *
frontline_archive_compare (FrontlineArchive  *self,
                           FrontlineStatus    status,
                           FrontlineDay       from,
                           FrontlineDay       to,
                           const double       bbox[4],
                           double             zoom,
                           GCancellable      *cancellable,
                           GError           **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *from_text = frontline_day_format_as (from, FRONTLINE_DAY_FORMAT_ISO);
  g_autofree char *to_text = frontline_day_format_as (to, FRONTLINE_DAY_FORMAT_ISO);
  g_autofree char *factions_literal = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) factions = g_ptr_array_new_with_free_func (g_object_unref);
  char numbers[5][G_ASCII_DTOSTR_BUF_SIZE];
  const char *params[9];
  double wide[4];
  GPtrArray *changes;
  PGresult *result;

  g_return_val_if_fail (FRONTLINE_IS_ARCHIVE (self), NULL);
  g_return_val_if_fail (bbox != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->factions)); i++)
    {
      FrontlineFaction *faction = g_list_model_get_item (G_LIST_MODEL (self->factions), i);

      g_ptr_array_add (ids, g_strdup (frontline_faction_get_id (faction)));
      g_ptr_array_add (factions, faction);
    }
  factions_literal = frontline_archive_literal_array (ids);
  sql = g_strdup_printf (compare_sql, self->qualified);

  frontline_archive_add_margin (bbox, wide);
  params[0] = from_text;
  params[1] = to_text;
  for (int i = 0; i < 4; i++)
    params[2 + i] = g_ascii_dtostr (numbers[i], sizeof numbers[i], wide[i]);
  params[6] = frontline_status_to_string (status);
  params[7] = g_ascii_dtostr (numbers[4], sizeof numbers[4],
                             frontline_archive_band_tolerance (frontline_archive_zoom_band (zoom)));
  params[8] = factions_literal;

  g_mutex_lock (&self->conn_lock);
  result = frontline_archive_run_query_cancellable (self, sql, 9, params, cancellable, error);
  g_mutex_unlock (&self->conn_lock);
  if (result == NULL)
    return NULL;

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) frontline_archive_change_free);
  for (int i = 0; i < PQntuples (result) && i < (int) factions->len; i++)
    {
      FrontlineArchiveChange *change = g_new0 (FrontlineArchiveChange, 1);
      g_autoptr(GError) gained_error = NULL;
      g_autoptr(GError) lost_error = NULL;

      change->change.faction = g_object_ref (g_ptr_array_index (factions, i));
      change->gained_km2 = g_ascii_strtod (PQgetvalue (result, i, 1), NULL) / 1e6;
      change->lost_km2 = g_ascii_strtod (PQgetvalue (result, i, 2), NULL) / 1e6;
      change->change.gained = frontline_archive_geometry_from_hex_wkb (PQgetvalue (result, i, 3),
                                                                       TRUE, &gained_error);
      change->change.lost = frontline_archive_geometry_from_hex_wkb (PQgetvalue (result, i, 4),
                                                                     TRUE, &lost_error);
      if (gained_error != NULL || lost_error != NULL)
        g_debug ("%s: the change of %s in %s is incomplete: %s", self->name,
                 PQgetvalue (result, i, 0), self->qualified,
                 (gained_error ? gained_error : lost_error)->message);
      change->change.complete = change->change.gained != NULL && change->change.lost != NULL;
      g_ptr_array_add (changes, change);
    }
  PQclear (result);

  return changes;
}

gboolean
frontline_archive_get_last_view (FrontlineArchive *self,
                                 FrontlineDay      day,
                                 double            bbox[4],
                                 double           *zoom)
{
  FrontlineArchiveShownDay *found = NULL;

  g_return_val_if_fail (FRONTLINE_IS_ARCHIVE (self), FALSE);

  g_mutex_lock (&self->lock);
  for (GList *l = self->shown.head; l != NULL && found == NULL; l = l->next)
    if (((FrontlineArchiveShownDay *) l->data)->day == day)
      found = l->data;
  if (found == NULL && self->shown.head != NULL)
    found = self->shown.head->data;
  if (found != NULL)
    {
      memcpy (bbox, found->bbox, sizeof found->bbox);
      *zoom = found->zoom;
    }
  g_mutex_unlock (&self->lock);

  return found != NULL;
}
