/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-area-series"

#include "config.h"

#include <math.h>
#include <string.h>

#include "frontline-area-series.h"
#include "frontline-archive.h"

/* The area each faction holds with each status, over a dataset's days:
 * computed once, in a worker (areas cost about a microsecond a vertex the
 * first time), and read by the timeline, the area chart and the CSV export.
 *
 * The days are the days on which some layer changes: the data days, and the
 * day after an area's valid_until, when its layer may fall silent between
 * data days. A line is one faction with one status, sides in the dataset's
 * order, statuses in theirs; a value is NAN where the layer shows nothing.
 * Immutable once made, so any thread may read it. */

struct _FrontlineAreaSeries
{
  GObject           parent_instance;

  FrontlineDataset *dataset;
  GArray           *days;       /* of FrontlineDay, ascending */
  GPtrArray        *layers;     /* of GArray of FrontlineLayerArea, one per day */
  GPtrArray        *lines;      /* of Line */
};

typedef struct {
  FrontlineFaction *faction;
  FrontlineStatus   status;
  double           *values;     /* one per day */
} Line;

G_DEFINE_FINAL_TYPE (FrontlineAreaSeries, frontline_area_series, G_TYPE_OBJECT)

static void
line_free (gpointer data)
{
  Line *line = data;

  g_free (line->values);
  g_free (line);
}

static void
frontline_area_series_finalize (GObject *object)
{
  FrontlineAreaSeries *self = FRONTLINE_AREA_SERIES (object);

  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_clear_pointer (&self->days, g_array_unref);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (frontline_area_series_parent_class)->finalize (object);
}

static void
frontline_area_series_class_init (FrontlineAreaSeriesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = frontline_area_series_finalize;
}

static void
frontline_area_series_init (FrontlineAreaSeries *self)
{
  self->days = g_array_new (FALSE, FALSE, sizeof (FrontlineDay));
  self->layers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->lines = g_ptr_array_new_with_free_func (line_free);
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  FrontlineDay day_a = *(const FrontlineDay *) a;
  FrontlineDay day_b = *(const FrontlineDay *) b;

  return day_a < day_b ? -1 : day_a > day_b;
}

static void
collect_days (FrontlineAreaSeries *self)
{
  GListModel *areas = frontline_dataset_get_areas (self->dataset);
  guint n_days = 0;
  const FrontlineDay *days = frontline_dataset_get_days (self->dataset, &n_days);
  FrontlineDay last;
  guint kept = 0;

  g_array_append_vals (self->days, days, n_days);
  if (n_days == 0)
    return;

  last = days[n_days - 1];
  for (guint i = 0, n = g_list_model_get_n_items (areas); i < n; i++)
    {
      g_autoptr(FrontlineArea) area = g_list_model_get_item (areas, i);
      FrontlineDay until = frontline_area_get_valid_until (area);

      if (until != FRONTLINE_DAY_NONE && until < last)
        {
          FrontlineDay after = until + 1;

          g_array_append_val (self->days, after);
        }
    }

  g_array_sort (self->days, compare_days);
  for (guint i = 0; i < self->days->len; i++)
    if (kept == 0 || g_array_index (self->days, FrontlineDay, i) !=
                     g_array_index (self->days, FrontlineDay, kept - 1))
      g_array_index (self->days, FrontlineDay, kept++) = g_array_index (self->days, FrontlineDay, i);
  g_array_set_size (self->days, kept);
}

/* Lines in the order of their sides (the dataset's, then any other in the
 * order met), and of statuses within a side. */
static void
make_lines (FrontlineAreaSeries *self)
{
  GListModel *factions = frontline_dataset_get_factions (self->dataset);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_days = self->days->len;

  for (guint i = 0, n = g_list_model_get_n_items (factions); i < n; i++)
    g_ptr_array_add (order, g_list_model_get_item (factions, i));

  for (guint d = 0; d < n_days; d++)
    {
      GArray *layers = g_ptr_array_index (self->layers, d);

      for (guint l = 0; l < layers->len; l++)
        {
          FrontlineLayerArea *entry = &g_array_index (layers, FrontlineLayerArea, l);

          if (!g_ptr_array_find (order, entry->faction, NULL))
            g_ptr_array_add (order, g_object_ref (entry->faction));
        }
    }

  for (guint f = 0; f < order->len; f++)
    for (guint s = 0; s < FRONTLINE_N_STATUSES; s++)
      {
        Line *line = NULL;

        for (guint d = 0; d < n_days; d++)
          {
            GArray *layers = g_ptr_array_index (self->layers, d);

            for (guint l = 0; l < layers->len; l++)
              {
                FrontlineLayerArea *entry = &g_array_index (layers, FrontlineLayerArea, l);

                if (entry->faction != g_ptr_array_index (order, f) || entry->status != s)
                  continue;
                if (line == NULL)
                  {
                    line = g_new0 (Line, 1);
                    line->faction = entry->faction;
                    line->status = s;
                    line->values = g_new (double, n_days);
                    for (guint i = 0; i < n_days; i++)
                      line->values[i] = NAN;
                    g_ptr_array_add (self->lines, line);
                  }
                line->values[d] = entry->area_km2;
              }
          }
      }
}

/**
 * frontline_area_series_new:
 *
 * Computes the series of @dataset, blocking: call from a worker, or use
 * frontline_area_series_new_async(). For a dataset browsed from PostGIS
 * (frontline_dataset_get_archive()), the server computes it.
 *
 * Returns: (transfer full): the series, or %NULL when cancelled or, for an
 *   archive, when the server fails (@error says why)
 */
FrontlineAreaSeries *
frontline_area_series_new (FrontlineDataset  *dataset,
                           GCancellable      *cancellable,
                           GError           **error)
{
  g_autoptr(FrontlineAreaSeries) self = NULL;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  /* A dataset browsed from PostGIS holds only the areas shown: its series
   * is summed on the server, over the whole archive. */
  if (frontline_dataset_get_archive (dataset) != NULL)
    return frontline_archive_dup_area_series (frontline_dataset_get_archive (dataset), dataset,
                                              cancellable, error);

  self = g_object_new (FRONTLINE_TYPE_AREA_SERIES, NULL);
  self->dataset = g_object_ref (dataset);
  collect_days (self);

  for (guint d = 0; d < self->days->len; d++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      g_ptr_array_add (self->layers,
                       frontline_dataset_get_layer_areas (dataset, g_array_index (self->days, FrontlineDay, d)));
    }

  make_lines (self);

  return g_steal_pointer (&self);
}

/**
 * frontline_area_series_new_from_rows:
 * @rows: (array length=n_rows): sorted by day, then in the order of the layers
 *
 * The series of a dataset whose areas are not loaded (an archive): the
 * areas per day and layer come from @rows; days with no row show nothing.
 *
 * Returns: (transfer full): the series
 */
FrontlineAreaSeries *
frontline_area_series_new_from_rows (FrontlineDataset             *dataset,
                                     const FrontlineAreaSeriesRow *rows,
                                     guint                         n_rows)
{
  g_autoptr(FrontlineAreaSeries) self = NULL;
  guint n_days = 0;
  const FrontlineDay *days;
  guint kept = 0;
  guint r = 0;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (rows != NULL || n_rows == 0, NULL);

  self = g_object_new (FRONTLINE_TYPE_AREA_SERIES, NULL);
  self->dataset = g_object_ref (dataset);

  days = frontline_dataset_get_days (dataset, &n_days);
  g_array_append_vals (self->days, days, n_days);
  for (guint i = 0; i < n_rows; i++)
    g_array_append_val (self->days, rows[i].day);
  g_array_sort (self->days, compare_days);
  for (guint i = 0; i < self->days->len; i++)
    if (kept == 0 || g_array_index (self->days, FrontlineDay, i) !=
                     g_array_index (self->days, FrontlineDay, kept - 1))
      g_array_index (self->days, FrontlineDay, kept++) = g_array_index (self->days, FrontlineDay, i);
  g_array_set_size (self->days, kept);

  for (guint d = 0; d < self->days->len; d++)
    {
      FrontlineDay day = g_array_index (self->days, FrontlineDay, d);
      GArray *layers = g_array_new (FALSE, TRUE, sizeof (FrontlineLayerArea));

      /* @rows are by day: one pass over them. */
      while (r < n_rows && rows[r].day < day)
        r++;
      for (; r < n_rows && rows[r].day == day; r++)
        {
          FrontlineLayerArea entry;

          entry.faction = frontline_dataset_lookup_faction (dataset, rows[r].faction);
          entry.status = rows[r].status;
          entry.area_km2 = rows[r].area_km2;
          if (entry.faction == NULL)
            {
              g_debug ("No faction “%s” in the dataset: its areas are left out", rows[r].faction);
              continue;
            }
          g_array_append_val (layers, entry);
        }
      g_ptr_array_add (self->layers, layers);
    }

  make_lines (self);

  return g_steal_pointer (&self);
}

static void
new_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;
  FrontlineAreaSeries *self = frontline_area_series_new (task_data, cancellable, &error);

  if (self == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, self, g_object_unref);
}

/**
 * frontline_area_series_new_async:
 *
 * Computes the series of @dataset in a worker thread.
 */
void
frontline_area_series_new_async (FrontlineDataset    *dataset,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FRONTLINE_IS_DATASET (dataset));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, frontline_area_series_new_async);
  g_task_set_task_data (task, g_object_ref (dataset), g_object_unref);
  g_task_run_in_thread (task, new_thread);
}

/**
 * frontline_area_series_new_finish:
 *
 * Returns: (transfer full): the series, or %NULL with @error set
 */
FrontlineAreaSeries *
frontline_area_series_new_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == frontline_area_series_new_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * frontline_area_series_get_dataset:
 *
 * Returns: (transfer none): the dataset the series was computed from
 */
FrontlineDataset *
frontline_area_series_get_dataset (FrontlineAreaSeries *self)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA_SERIES (self), NULL);

  return self->dataset;
}

/**
 * frontline_area_series_get_days:
 *
 * Returns: (array length=n_days): the days sampled, ascending
 */
const FrontlineDay *
frontline_area_series_get_days (FrontlineAreaSeries *self,
                                guint               *n_days)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA_SERIES (self), NULL);
  g_return_val_if_fail (n_days != NULL, NULL);

  *n_days = self->days->len;

  return (const FrontlineDay *) (gpointer) self->days->data;
}

guint
frontline_area_series_get_n_lines (FrontlineAreaSeries *self)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA_SERIES (self), 0);

  return self->lines->len;
}

/**
 * frontline_area_series_get_faction:
 *
 * Returns: (transfer none): the side of @line
 */
FrontlineFaction *
frontline_area_series_get_faction (FrontlineAreaSeries *self,
                                   guint                line)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA_SERIES (self), NULL);
  g_return_val_if_fail (line < self->lines->len, NULL);

  return ((Line *) g_ptr_array_index (self->lines, line))->faction;
}

FrontlineStatus
frontline_area_series_get_status (FrontlineAreaSeries *self,
                                  guint                line)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA_SERIES (self), FRONTLINE_STATUS_CONTROLLED);
  g_return_val_if_fail (line < self->lines->len, FRONTLINE_STATUS_CONTROLLED);

  return ((Line *) g_ptr_array_index (self->lines, line))->status;
}

/**
 * frontline_area_series_get_values:
 *
 * Returns: (transfer none): the area of @line in km² on each day, NAN where
 *   its layer shows nothing
 */
const double *
frontline_area_series_get_values (FrontlineAreaSeries *self,
                                  guint                line)
{
  g_return_val_if_fail (FRONTLINE_IS_AREA_SERIES (self), NULL);
  g_return_val_if_fail (line < self->lines->len, NULL);

  return ((Line *) g_ptr_array_index (self->lines, line))->values;
}

/**
 * frontline_area_series_get_controlled:
 *
 * The timeline's chart: the area @faction controls on each of the dataset's
 * data days (frontline_dataset_get_days()), 0 where it shows none.
 *
 * Returns: (transfer full): as many values as data days (at least one)
 */
double *
frontline_area_series_get_controlled (FrontlineAreaSeries *self,
                                      FrontlineFaction    *faction)
{
  guint n_days;
  const FrontlineDay *days;
  double *values;
  guint s = 0;

  g_return_val_if_fail (FRONTLINE_IS_AREA_SERIES (self), NULL);

  days = frontline_dataset_get_days (self->dataset, &n_days);
  values = g_new0 (double, MAX (n_days, 1));
  for (guint d = 0; d < n_days; d++)
    {
      GArray *layers;

      while (s < self->days->len && g_array_index (self->days, FrontlineDay, s) < days[d])
        s++;
      g_assert (s < self->days->len);
      layers = g_ptr_array_index (self->layers, s);
      for (guint l = 0; l < layers->len; l++)
        {
          FrontlineLayerArea *entry = &g_array_index (layers, FrontlineLayerArea, l);

          if (entry->faction == faction && entry->status == FRONTLINE_STATUS_CONTROLLED)
            values[d] += entry->area_km2;
        }
    }

  return values;
}

/**
 * frontline_area_series_format_csv:
 *
 * Returns: (transfer full): `date,faction,status,area_km2` and a row per data
 *   day and layer shown that day: the text of
 *   frontline_dataset_format_stats_csv(), from the areas computed once
 */
char *
frontline_area_series_format_csv (FrontlineAreaSeries *self)
{
  GString *csv = g_string_new ("date,faction,status,area_km2\n");
  guint n_days;
  const FrontlineDay *days;
  guint s = 0;

  g_return_val_if_fail (FRONTLINE_IS_AREA_SERIES (self), NULL);

  days = frontline_dataset_get_days (self->dataset, &n_days);
  for (guint d = 0; d < n_days; d++)
    {
      GArray *layers;
      char date[11];

      while (s < self->days->len && g_array_index (self->days, FrontlineDay, s) < days[d])
        s++;
      g_assert (s < self->days->len);
      layers = g_ptr_array_index (self->layers, s);

      frontline_day_format_buf (days[d], date);
      for (guint l = 0; l < layers->len; l++)
        {
          FrontlineLayerArea *entry = &g_array_index (layers, FrontlineLayerArea, l);
          const char *id = frontline_faction_get_id (entry->faction);
          g_autofree char *faction = NULL;
          char area[G_ASCII_DTOSTR_BUF_SIZE];

          /* Quote the faction id only when CSV needs it to. */
          if (strpbrk (id, ",\"\n") != NULL)
            {
              g_auto(GStrv) parts = g_strsplit (id, "\"", -1);
              g_autofree char *joined = g_strjoinv ("\"\"", parts);

              faction = g_strdup_printf ("\"%s\"", joined);
            }
          else
            faction = g_strdup (id);

          g_ascii_formatd (area, sizeof area, "%.3f", entry->area_km2);
          g_string_append_printf (csv, "%s,%s,%s,%s\n", date, faction,
                                  frontline_status_to_string (entry->status), area);
        }
    }

  return g_string_free (csv, FALSE);
}
