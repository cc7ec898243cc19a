/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-comparison"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "frontline-archive.h"
#include "frontline-archive-private.h"
#include "frontline-basemap.h"
#include "frontline-comparison.h"

/* Gains and losses of each side between two dates, the places that changed
 * hands and the text of the comparison card, computed once in a worker
 * (GEOS differences cost) and then immutable. For a dataset browsed from
 * PostGIS the server computes them (frontline_archive_compare()), for the
 * box and zoom last fetched: the view's. */
struct _FrontlineComparison
{
  GObject           parent_instance;

  FrontlineDataset *dataset;
  FrontlineDay      from;
  FrontlineDay      to;
  GPtrArray        *changes;  /* FrontlineChange */
  GArray           *km2;      /* double[2] per change: gained, lost */
  char             *text;
};

G_DEFINE_FINAL_TYPE (FrontlineComparison, frontline_comparison, G_TYPE_OBJECT)

static void
frontline_comparison_finalize (GObject *object)
{
  FrontlineComparison *self = FRONTLINE_COMPARISON (object);

  g_clear_object (&self->dataset);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_clear_pointer (&self->km2, g_array_unref);
  g_free (self->text);

  G_OBJECT_CLASS (frontline_comparison_parent_class)->finalize (object);
}

static void
frontline_comparison_class_init (FrontlineComparisonClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = frontline_comparison_finalize;
}

static void
frontline_comparison_init (FrontlineComparison *self)
{
}

static void
add_places_in (GPtrArray               *names,
               GHashTable              *seen,
               const FrontlineGeometry *geometry,
               double                   lon,
               double                   lat,
               const char              *name)
{
  if (geometry == NULL || frontline_geometry_is_empty (geometry) ||
      lon < geometry->bbox[0] || lon > geometry->bbox[2] || lat < geometry->bbox[1] || lat > geometry->bbox[3] ||
      g_hash_table_contains (seen, name) || !frontline_geometry_contains_point (geometry, lon, lat))
    return;

  g_hash_table_add (seen, (gpointer) name);
  g_ptr_array_add (names, g_strdup (name));
}

/**
 * frontline_comparison_format_change:
 * @from: the earlier date, as shown
 * @faction: the side's name
 * @gained_km2: ground gained, in km²
 * @lost_km2: ground lost, in km²
 *
 * The card's line for one side. A figure that rounds to zero is left out
 * rather than shown as “+0 km²” or “−0 km²”; when both do, the line says
 * there was no change.
 *
 * Returns: (transfer full): the line
 */
char *
frontline_comparison_format_change (const char *from,
                                    const char *faction,
                                    double      gained_km2,
                                    double      lost_km2)
{
  /* As printf rounds: 0.5 prints as “0”. */
  gboolean gained = rint (gained_km2) >= 1;
  gboolean lost = rint (lost_km2) >= 1;

  if (gained && lost)
    /* Translators: “Since 10 Aug 2024: Ukraine +312 km², −4 km²” */
    return g_strdup_printf (_("Since %s: %s +%.0f km², −%.0f km²"), from, faction, gained_km2, lost_km2);
  if (gained)
    /* Translators: “Since 10 Aug 2024: Ukraine +312 km²” */
    return g_strdup_printf (_("Since %s: %s +%.0f km²"), from, faction, gained_km2);
  if (lost)
    /* Translators: “Since 10 Aug 2024: Ukraine −4 km²” */
    return g_strdup_printf (_("Since %s: %s −%.0f km²"), from, faction, lost_km2);
  /* Translators: “Since 10 Aug 2024: Ukraine: no change” */
  return g_strdup_printf (_("Since %s: %s: no change"), from, faction);
}

/* An archive's changes, from the server, for the view last fetched (the
 * archive's extent when nothing was). NULL when the server failed: every
 * side then could not be compared. */
static GPtrArray *
compare_on_server (FrontlineComparison *job,
                   FrontlineArchive    *archive,
                   GCancellable        *cancellable)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *changes;
  double bbox[4];
  double zoom = 8;

  if (!frontline_archive_get_last_view (archive, job->to, bbox, &zoom) &&
      !_frontline_archive_get_bbox (archive, bbox))
    return NULL;

  changes = frontline_archive_compare (archive, FRONTLINE_STATUS_CONTROLLED, job->from, job->to,
                                       bbox, zoom, cancellable, &error);
  if (changes == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Comparing on the server: %s", error->message);
  return changes;
}

/* GEOS differences (the server's for an archive), then the places inside
 * them. Returns FALSE when cancelled. */
static gboolean
compute (FrontlineComparison *job,
         GCancellable        *cancellable)
{
  FrontlineArchive *archive = frontline_dataset_get_archive (job->dataset);
  g_autoptr(GPtrArray) server_changes = NULL;
  GListModel *factions = frontline_dataset_get_factions (job->dataset);
  GListModel *places = frontline_dataset_get_places (job->dataset);
  FrontlineBasemap *basemap = frontline_basemap_get_default ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *from = NULL;

  job->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) frontline_change_free);
  job->km2 = g_array_new (FALSE, TRUE, 2 * sizeof (double));
  from = frontline_day_format_label (job->from);

  if (archive != NULL)
    {
      server_changes = compare_on_server (job, archive, cancellable);
      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
    }

  for (guint i = 0; i < g_list_model_get_n_items (factions); i++)
    {
      g_autoptr(FrontlineFaction) faction = g_list_model_get_item (factions, i);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      FrontlineChange *change = g_new0 (FrontlineChange, 1);
      double gained_km2;
      double lost_km2;

      if (g_cancellable_is_cancelled (cancellable))
        {
          frontline_change_free (change);
          return FALSE;
        }

      change->faction = g_object_ref (faction);
      if (archive != NULL)
        {
          FrontlineArchiveChange *computed = server_changes != NULL && i < server_changes->len ?
                                             g_ptr_array_index (server_changes, i) : NULL;

          if (computed != NULL && computed->change.complete)
            {
              change->gained = frontline_geometry_ref (computed->change.gained);
              change->lost = frontline_geometry_ref (computed->change.lost);
              change->complete = TRUE;
            }
        }
      else
        change->complete = frontline_dataset_compare (job->dataset, faction,
                                                      FRONTLINE_STATUS_CONTROLLED, job->from,
                                                      job->to, &change->gained, &change->lost);
      if (!change->complete)
        {
          /* Ground GEOS could not compare (invalid, or too complex within its
           * budget): say so rather than report no change. */
          g_ptr_array_add (job->changes, change);
          g_array_set_size (job->km2, job->changes->len);
          if (text->len > 0)
            g_string_append_c (text, '\n');
          /* Translators: “Since 2024-08-10: Ukraine: could not be compared” */
          g_string_append_printf (text, _("Since %s: %s: could not be compared"),
                                  from, frontline_faction_get_name (faction));
          continue;
        }
      if (archive != NULL)
        {
          /* The server's geodesic areas of the whole differences, not of
           * the shapes simplified for the screen. */
          FrontlineArchiveChange *computed = g_ptr_array_index (server_changes, i);

          gained_km2 = computed->gained_km2;
          lost_km2 = computed->lost_km2;
        }
      else
        {
          gained_km2 = frontline_geometry_area_m2 (change->gained) / 1e6;
          lost_km2 = frontline_geometry_area_m2 (change->lost) / 1e6;
        }
      g_ptr_array_add (job->changes, change);
      {
        double pair[2] = { gained_km2, lost_km2 };

        g_array_append_vals (job->km2, pair, 1);
      }

      /* A side whose ground did not change has nothing to report. */
      if (rint (gained_km2) < 1 && rint (lost_km2) < 1)
        continue;

      if (text->len > 0)
        g_string_append_c (text, '\n');
      {
        g_autofree char *line = frontline_comparison_format_change (from,
                                                                    frontline_faction_get_name (faction),
                                                                    gained_km2, lost_km2);
        g_string_append (text, line);
      }

      for (guint p = 0; p < g_list_model_get_n_items (places); p++)
        {
          g_autoptr(FrontlinePlace) place = g_list_model_get_item (places, p);

          add_places_in (names, seen, change->gained, frontline_place_get_lon (place),
                         frontline_place_get_lat (place), frontline_place_get_name (place));
          add_places_in (names, seen, change->lost, frontline_place_get_lon (place),
                         frontline_place_get_lat (place), frontline_place_get_name (place));
        }
      /* Then the gazetteer's towns and villages, most populous first. */
      for (int k = 0; k < 2; k++)
        {
          const FrontlineGeometry *changed = k == 0 ? change->gained : change->lost;
          g_autoptr(GPtrArray) nearby = NULL;

          if (frontline_geometry_is_empty (changed))
            continue;
          nearby = frontline_basemap_find_places_in (basemap, changed->bbox);
          for (guint p = 0; p < nearby->len && names->len < 12; p++)
            {
              FrontlineBasemapPlace *place = g_ptr_array_index (nearby, p);

              add_places_in (names, seen, changed, place->lon, place->lat, place->name);
            }
        }

      if (names->len > 0)
        {
          g_autofree char *joined = NULL;

          g_ptr_array_add (names, NULL);
          joined = g_strjoinv (", ", (char **) names->pdata);
          g_string_append_printf (text, "\n  %s %s", _("Changed hands:"), joined);
        }
    }

  if (text->len == 0)
    {
      /* Translators: %s is a date */
      g_string_append_printf (text, _("No ground changed hands since %s"), from);
    }

  job->text = g_string_free (g_steal_pointer (&text), FALSE);
  return TRUE;
}

/* Runs in a worker. */
static void
compare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  FrontlineComparison *job = task_data;

  if (!compute (job, cancellable))
    g_task_return_error_if_cancelled (task);
  else
    g_task_return_pointer (task, g_object_ref (job), g_object_unref);
}

static FrontlineComparison *
comparison_new (FrontlineDataset *dataset,
                FrontlineDay      from,
                FrontlineDay      to)
{
  FrontlineComparison *self = g_object_new (FRONTLINE_TYPE_COMPARISON, NULL);

  self->dataset = g_object_ref (dataset);
  self->from = from;
  self->to = to;
  return self;
}

/**
 * frontline_comparison_new:
 * @from: the earlier date
 * @to: the later date
 * @cancellable: (nullable): a way to stop early
 *
 * Compares what each side of @dataset holds on @from and on @to, in this
 * thread: for workers that wait for it anyway, such as the exporter's.
 *
 * Returns: (transfer full) (nullable): the comparison, or %NULL when cancelled
 */
FrontlineComparison *
frontline_comparison_new (FrontlineDataset *dataset,
                          FrontlineDay      from,
                          FrontlineDay      to,
                          GCancellable     *cancellable)
{
  g_autoptr(FrontlineComparison) self = NULL;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (dataset), NULL);

  self = comparison_new (dataset, from, to);
  if (!compute (self, cancellable))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * frontline_comparison_new_async:
 * @from: the earlier date
 * @to: the later date
 *
 * Compares what each side of @dataset holds on @from and on @to, in a worker.
 */
void
frontline_comparison_new_async (FrontlineDataset    *dataset,
                                FrontlineDay         from,
                                FrontlineDay         to,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FrontlineComparison *self;

  g_return_if_fail (FRONTLINE_IS_DATASET (dataset));

  self = comparison_new (dataset, from, to);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, frontline_comparison_new_async);
  g_task_set_task_data (task, self, g_object_unref);
  g_task_run_in_thread (task, compare_thread);
}

/**
 * frontline_comparison_new_finish:
 *
 * Returns: (transfer full) (nullable): the comparison, or %NULL when cancelled
 */
FrontlineComparison *
frontline_comparison_new_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

FrontlineDay
frontline_comparison_get_from (FrontlineComparison *self)
{
  g_return_val_if_fail (FRONTLINE_IS_COMPARISON (self), FRONTLINE_DAY_NONE);

  return self->from;
}

FrontlineDay
frontline_comparison_get_to (FrontlineComparison *self)
{
  g_return_val_if_fail (FRONTLINE_IS_COMPARISON (self), FRONTLINE_DAY_NONE);

  return self->to;
}

/**
 * frontline_comparison_get_changes:
 *
 * Returns: (transfer none) (element-type FrontlineChange): a change per faction
 */
GPtrArray *
frontline_comparison_get_changes (FrontlineComparison *self)
{
  g_return_val_if_fail (FRONTLINE_IS_COMPARISON (self), NULL);

  return self->changes;
}

/**
 * frontline_comparison_get_change_km2:
 * @index: the change's, in frontline_comparison_get_changes()
 * @gained_km2: (out) (optional): ground gained, in km²
 * @lost_km2: (out) (optional): ground lost, in km²
 *
 * The areas the card reports for one side: measured on the client for a
 * file, on the server (geography) for an archive. 0 for a side that could
 * not be compared.
 */
void
frontline_comparison_get_change_km2 (FrontlineComparison *self,
                                     guint                index,
                                     double              *gained_km2,
                                     double              *lost_km2)
{
  const double *pair;

  g_return_if_fail (FRONTLINE_IS_COMPARISON (self));
  g_return_if_fail (index < self->km2->len);

  pair = &g_array_index (self->km2, double, 2 * index);
  if (gained_km2 != NULL)
    *gained_km2 = pair[0];
  if (lost_km2 != NULL)
    *lost_km2 = pair[1];
}

/**
 * frontline_comparison_get_text:
 *
 * Returns: the comparison card's text: per side, the area gained and lost and
 *   the places that changed hands
 */
const char *
frontline_comparison_get_text (FrontlineComparison *self)
{
  g_return_val_if_fail (FRONTLINE_IS_COMPARISON (self), NULL);

  return self->text;
}
