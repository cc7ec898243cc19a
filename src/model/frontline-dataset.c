/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-dataset"

#include "config.h"

#include <math.h>
#include <string.h>

#include "frontline-archive-private.h"
#include "frontline-area-series.h"
#include "frontline-model-private.h"

/* A dataset: who holds which ground on which day, and the sources and quotes
 * behind it. Loaded once (frontline-loader.c) and immutable afterwards, so the
 * UI, the painter and the exporter can read it from any thread. */

G_DEFINE_QUARK (frontline-dataset-error-quark, frontline_dataset_error)

G_DEFINE_FINAL_TYPE (FrontlineDataset, frontline_dataset, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_ATTRIBUTION,
  PROP_LICENSE,
  PROP_APPROXIMATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
frontline_diagnostic_free (FrontlineDiagnostic *diagnostic)
{
  if (diagnostic == NULL)
    return;

  g_free (diagnostic->location);
  g_free (diagnostic->message);
  g_free (diagnostic);
}

static void
layer_free (gpointer data)
{
  FrontlineLayer *layer = data;

  g_clear_object (&layer->faction);
  g_ptr_array_unref (layer->areas);
  g_free (layer);
}

static void
unref_if_set (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

static void
frontline_dataset_finalize (GObject *object)
{
  FrontlineDataset *self = FRONTLINE_DATASET (object);

  g_clear_object (&self->file);
  g_free (self->title);
  g_free (self->description);
  g_free (self->attribution);
  g_free (self->license);
  g_clear_object (&self->factions);
  g_clear_object (&self->sources);
  g_clear_object (&self->quotes);
  g_clear_object (&self->places);
  g_clear_object (&self->stops);
  g_clear_object (&self->areas);
  g_clear_pointer (&self->faction_by_id, g_hash_table_unref);
  g_clear_pointer (&self->source_by_id, g_hash_table_unref);
  g_clear_pointer (&self->quote_by_id, g_hash_table_unref);
  g_clear_pointer (&self->days, g_array_unref);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_clear_pointer (&self->root, json_object_unref);
  g_clear_pointer (&self->features, g_ptr_array_unref);
  g_clear_pointer (&self->feature_areas, g_ptr_array_unref);
  g_free (self->source.path);
  g_clear_object (&self->archive);

  G_OBJECT_CLASS (frontline_dataset_parent_class)->finalize (object);
}

static void
frontline_dataset_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FrontlineDataset *self = FRONTLINE_DATASET (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_ATTRIBUTION:
      g_value_set_string (value, self->attribution);
      break;

    case PROP_LICENSE:
      g_value_set_string (value, self->license);
      break;

    case PROP_APPROXIMATE:
      g_value_set_boolean (value, self->approximate);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_dataset_class_init (FrontlineDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = frontline_dataset_finalize;
  object_class->get_property = frontline_dataset_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_ATTRIBUTION] =
    g_param_spec_string ("attribution", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_LICENSE] =
    g_param_spec_string ("license", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /* Whether any area of the dataset is flagged approximate: the UI says so. */
  properties[PROP_APPROXIMATE] =
    g_param_spec_boolean ("approximate", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
frontline_dataset_init (FrontlineDataset *self)
{
  self->factions = g_list_store_new (FRONTLINE_TYPE_FACTION);
  self->sources = g_list_store_new (FRONTLINE_TYPE_SOURCE);
  self->quotes = g_list_store_new (FRONTLINE_TYPE_QUOTE);
  self->places = g_list_store_new (FRONTLINE_TYPE_PLACE);
  self->stops = g_list_store_new (FRONTLINE_TYPE_STOP);
  self->areas = g_list_store_new (FRONTLINE_TYPE_AREA);
  self->faction_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->source_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->quote_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->days = g_array_new (FALSE, FALSE, sizeof (FrontlineDay));
  self->layers = g_ptr_array_new_with_free_func (layer_free);
  self->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) frontline_diagnostic_free);
  self->features = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->feature_areas = g_ptr_array_new_with_free_func (unref_if_set);
}

FrontlineDataset *
frontline_dataset_new_empty (GFile *file)
{
  FrontlineDataset *self = g_object_new (FRONTLINE_TYPE_DATASET, NULL);

  self->file = file ? g_object_ref (file) : NULL;
  return self;
}

void
frontline_dataset_add_diagnostic (FrontlineDataset *self,
                                  const char       *location,
                                  const char       *format,
                                  ...)
{
  FrontlineDiagnostic *diagnostic = g_new0 (FrontlineDiagnostic, 1);
  va_list args;

  va_start (args, format);
  diagnostic->location = g_strdup (location);
  diagnostic->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (self->diagnostics, diagnostic);
}

static gint
compare_days (gconstpointer a,
              gconstpointer b)
{
  FrontlineDay da = *(const FrontlineDay *) a;
  FrontlineDay db = *(const FrontlineDay *) b;

  return (da > db) - (da < db);
}

static gint
compare_areas_by_day (gconstpointer a,
                      gconstpointer b)
{
  FrontlineArea *aa = *(FrontlineArea **) a;
  FrontlineArea *ab = *(FrontlineArea **) b;

  if (aa->day != ab->day)
    return (aa->day > ab->day) - (aa->day < ab->day);

  return (aa->index > ab->index) - (aa->index < ab->index);
}

/* Builds the indexes the queries use: the data days and, per faction and
 * status, the areas sorted by day. Called once by the loader. */
void
frontline_dataset_index (FrontlineDataset *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->areas));
  g_autoptr(GHashTable) seen_days = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FrontlineArea) area = g_list_model_get_item (G_LIST_MODEL (self->areas), i);
      FrontlineLayer *layer = NULL;

      if (area->approximate)
        self->approximate = TRUE;

      if (!g_hash_table_contains (seen_days, GUINT_TO_POINTER (area->day)))
        {
          g_hash_table_add (seen_days, GUINT_TO_POINTER (area->day));
          g_array_append_val (self->days, area->day);
        }

      for (guint l = 0; l < self->layers->len; l++)
        {
          FrontlineLayer *candidate = g_ptr_array_index (self->layers, l);

          if (candidate->faction == area->faction && candidate->status == area->status)
            {
              layer = candidate;
              break;
            }
        }

      if (layer == NULL)
        {
          layer = g_new0 (FrontlineLayer, 1);
          layer->faction = g_object_ref (area->faction);
          layer->status = area->status;
          layer->areas = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (self->layers, layer);
        }

      g_ptr_array_add (layer->areas, g_object_ref (area));
    }

  g_array_sort (self->days, compare_days);
  for (guint l = 0; l < self->layers->len; l++)
    {
      FrontlineLayer *layer = g_ptr_array_index (self->layers, l);

      g_ptr_array_sort (layer->areas, compare_areas_by_day);
    }
}

/* Getters */

/**
 * frontline_dataset_get_file:
 *
 * Returns: (transfer none) (nullable): the file or folder the dataset came from
 */
GFile *
frontline_dataset_get_file (FrontlineDataset *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);
  return self->file;
}

const char *
frontline_dataset_get_title (FrontlineDataset *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);
  return self->title;
}

const char *
frontline_dataset_get_description (FrontlineDataset *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);
  return self->description;
}

const char *
frontline_dataset_get_attribution (FrontlineDataset *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);
  return self->attribution;
}

const char *
frontline_dataset_get_license (FrontlineDataset *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);
  return self->license;
}

gboolean
frontline_dataset_get_approximate (FrontlineDataset *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), FALSE);
  return self->approximate;
}

/**
 * frontline_dataset_get_factions:
 *
 * Returns: (transfer none): the factions, a list of #FrontlineFaction
 */
GListModel *
frontline_dataset_get_factions (FrontlineDataset *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);
  return G_LIST_MODEL (self->factions);
}

/**
 * frontline_dataset_get_sources:
 *
 * Returns: (transfer none): the sources, a list of #FrontlineSource
 */
GListModel *
frontline_dataset_get_sources (FrontlineDataset *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);
  return G_LIST_MODEL (self->sources);
}

/**
 * frontline_dataset_get_quotes:
 *
 * Returns: (transfer none): the quotes, a list of #FrontlineQuote
 */
GListModel *
frontline_dataset_get_quotes (FrontlineDataset *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);
  return G_LIST_MODEL (self->quotes);
}

/**
 * frontline_dataset_get_places:
 *
 * Returns: (transfer none): the places, a list of #FrontlinePlace
 */
GListModel *
frontline_dataset_get_places (FrontlineDataset *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);
  return G_LIST_MODEL (self->places);
}

/**
 * frontline_dataset_get_stops:
 *
 * Returns: (transfer none): the stops, a list of #FrontlineStop
 */
GListModel *
frontline_dataset_get_stops (FrontlineDataset *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);
  return G_LIST_MODEL (self->stops);
}

/**
 * frontline_dataset_get_stop_position:
 * @stop: a stop
 * @position: (out) (optional): where it is among the dataset's stops
 *
 * Returns: whether @stop is one of the dataset's stops (it may have been
 *   deleted since it was handed out)
 */
gboolean
frontline_dataset_get_stop_position (FrontlineDataset *self,
                                     FrontlineStop    *stop,
                                     guint            *position)
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), FALSE);
  g_return_val_if_fail (FRONTLINE_IS_STOP (stop), FALSE);

  return g_list_store_find (self->stops, stop, position);
}

/**
 * frontline_dataset_find_stop:
 * @key: a stop's "id", its number counting from 1, or its title
 * @index: (out) (optional): where it is in the stops
 *
 * Finds a stop as people name it on the command line: by its "id" first,
 * then by number, then by its whole title.
 *
 * Returns: (transfer full) (nullable): the stop
 */
FrontlineStop *
frontline_dataset_find_stop (FrontlineDataset *self,
                             const char       *key,
                             guint            *index)
{
  GListModel *stops;
  guint n;
  guint64 number;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stops = G_LIST_MODEL (self->stops);
  n = g_list_model_get_n_items (stops);
  for (int pass = 0; pass < 3; pass++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(FrontlineStop) stop = g_list_model_get_item (stops, i);
        gboolean found;

        if (pass == 0)
          found = g_strcmp0 (frontline_stop_get_id (stop), key) == 0;
        else if (pass == 1)
          found = g_ascii_string_to_unsigned (key, 10, 1, n, &number, NULL) && number == i + 1;
        else
          found = g_strcmp0 (frontline_stop_get_title (stop), key) == 0;
        if (found)
          {
            if (index != NULL)
              *index = i;
            return g_steal_pointer (&stop);
          }
      }

  return NULL;
}

/**
 * frontline_dataset_get_areas:
 *
 * Returns: (transfer none): every control area, a list of #FrontlineArea in
 *   file order
 */
GListModel *
frontline_dataset_get_areas (FrontlineDataset *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);
  return G_LIST_MODEL (self->areas);
}

/**
 * frontline_dataset_get_diagnostics:
 *
 * Returns: (transfer none) (element-type FrontlineDiagnostic): the warnings
 *   of the load
 */
GPtrArray *
frontline_dataset_get_diagnostics (FrontlineDataset *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);
  return self->diagnostics;
}

/**
 * frontline_dataset_lookup_faction:
 *
 * Returns: (transfer none) (nullable): the faction with @id
 */
FrontlineFaction *
frontline_dataset_lookup_faction (FrontlineDataset *self,
                                  const char       *id)
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);
  return id ? g_hash_table_lookup (self->faction_by_id, id) : NULL;
}

/**
 * frontline_dataset_lookup_source:
 *
 * Returns: (transfer none) (nullable): the source with @id
 */
FrontlineSource *
frontline_dataset_lookup_source (FrontlineDataset *self,
                                 const char       *id)
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);
  return id ? g_hash_table_lookup (self->source_by_id, id) : NULL;
}

/**
 * frontline_dataset_get_quotes_citing:
 * @source_id: a source's id
 *
 * Returns: (transfer container) (element-type FrontlineQuote): the quotes
 *   taken from the source, in file order; empty when none
 */
GPtrArray *
frontline_dataset_get_quotes_citing (FrontlineDataset *self,
                                     const char       *source_id)
{
  GPtrArray *quotes;
  GListModel *all;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);

  quotes = g_ptr_array_new_with_free_func (g_object_unref);
  all = G_LIST_MODEL (self->quotes);
  for (guint i = 0; source_id != NULL && i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(FrontlineQuote) quote = g_list_model_get_item (all, i);

      if (g_strcmp0 (frontline_quote_get_source_id (quote), source_id) == 0)
        g_ptr_array_add (quotes, g_steal_pointer (&quote));
    }

  return quotes;
}

/**
 * frontline_dataset_get_areas_citing:
 * @source_id: a source's id
 *
 * Returns: (transfer container) (element-type FrontlineArea): the control
 *   areas that name the source among theirs, in file order; empty when none
 */
GPtrArray *
frontline_dataset_get_areas_citing (FrontlineDataset *self,
                                    const char       *source_id)
{
  GPtrArray *areas;
  GListModel *all;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);

  areas = g_ptr_array_new_with_free_func (g_object_unref);
  all = G_LIST_MODEL (self->areas);
  for (guint i = 0; source_id != NULL && i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(FrontlineArea) area = g_list_model_get_item (all, i);
      const char * const *ids = frontline_area_get_source_ids (area);

      if (ids != NULL && g_strv_contains (ids, source_id))
        g_ptr_array_add (areas, g_steal_pointer (&area));
    }

  return areas;
}

/* Dates */

/**
 * frontline_dataset_get_days:
 * @n_days: (out): the number of days
 *
 * Returns: (transfer none) (array length=n_days): the data days, sorted
 */
const FrontlineDay *
frontline_dataset_get_days (FrontlineDataset *self,
                            guint            *n_days)
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);

  *n_days = self->days->len;
  return (const FrontlineDay *) (gpointer) self->days->data;
}

FrontlineDay
frontline_dataset_get_first_day (FrontlineDataset *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), FRONTLINE_DAY_NONE);

  return self->days->len ? g_array_index (self->days, FrontlineDay, 0) : FRONTLINE_DAY_NONE;
}

FrontlineDay
frontline_dataset_get_last_day (FrontlineDataset *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), FRONTLINE_DAY_NONE);

  return self->days->len ? g_array_index (self->days, FrontlineDay, self->days->len - 1)
                         : FRONTLINE_DAY_NONE;
}

/* The number of data days <= @day. */
static guint
count_days_up_to (GArray       *days,
                  FrontlineDay  day)
{
  guint lo = 0;
  guint hi = days->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (days, FrontlineDay, mid) <= day)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/**
 * frontline_dataset_get_previous_day:
 *
 * Returns: the last data day strictly before @day, or %FRONTLINE_DAY_NONE
 */
FrontlineDay
frontline_dataset_get_previous_day (FrontlineDataset *self,
                                    FrontlineDay      day)
{
  guint n;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), FRONTLINE_DAY_NONE);

  n = count_days_up_to (self->days, day - 1);
  return n > 0 && day > 0 ? g_array_index (self->days, FrontlineDay, n - 1) : FRONTLINE_DAY_NONE;
}

/**
 * frontline_dataset_get_next_day:
 *
 * Returns: the first data day strictly after @day, or %FRONTLINE_DAY_NONE
 */
FrontlineDay
frontline_dataset_get_next_day (FrontlineDataset *self,
                                FrontlineDay      day)
{
  guint n;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), FRONTLINE_DAY_NONE);

  n = count_days_up_to (self->days, day);
  return n < self->days->len ? g_array_index (self->days, FrontlineDay, n) : FRONTLINE_DAY_NONE;
}

/**
 * frontline_dataset_get_data_day_for:
 *
 * Returns: the data day whose assessment holds on @day (the last data day
 *   <= @day), or %FRONTLINE_DAY_NONE before the first
 */
FrontlineDay
frontline_dataset_get_data_day_for (FrontlineDataset *self,
                                    FrontlineDay      day)
{
  guint n;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), FRONTLINE_DAY_NONE);

  n = count_days_up_to (self->days, day);
  return n > 0 ? g_array_index (self->days, FrontlineDay, n - 1) : FRONTLINE_DAY_NONE;
}

/* State */

/* Adds to @result the areas of @layer shown on @day: those of the layer's
 * latest day <= @day, less any whose valid_until has passed. */
static void
add_layer_state (FrontlineLayer *layer,
                 FrontlineDay    day,
                 GPtrArray      *result)
{
  guint lo = 0;
  guint hi = layer->areas->len;
  FrontlineDay shown;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      FrontlineArea *area = g_ptr_array_index (layer->areas, mid);

      if (area->day <= day)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo == 0)
    return;

  shown = ((FrontlineArea *) g_ptr_array_index (layer->areas, lo - 1))->day;
  for (guint i = lo; i > 0; i--)
    {
      FrontlineArea *area = g_ptr_array_index (layer->areas, i - 1);

      if (area->day != shown)
        break;
      if (area->valid_until == FRONTLINE_DAY_NONE || day <= area->valid_until)
        g_ptr_array_add (result, g_object_ref (area));
    }
}

/**
 * frontline_dataset_get_state_at:
 * @day: any day, with or without data
 *
 * The areas shown on @day: for each faction and status, the feature with the
 * latest day <= @day, unless its `valid_until` is before @day.
 *
 * Returns: (transfer container) (element-type FrontlineArea): the active areas
 */
GPtrArray *
frontline_dataset_get_state_at (FrontlineDataset *self,
                                FrontlineDay      day)
{
  GPtrArray *result;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);

  /* A dataset browsed from PostGIS: what was last fetched for the day. */
  if (self->archive != NULL)
    return _frontline_archive_get_state_at (self->archive, day);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint l = 0; l < self->layers->len; l++)
    add_layer_state (g_ptr_array_index (self->layers, l), day, result);

  return result;
}

/**
 * frontline_dataset_get_archive:
 *
 * Returns: (transfer none) (nullable): the archive a dataset browses, %NULL
 *   for a dataset read from a file
 */
FrontlineArchive *
frontline_dataset_get_archive (FrontlineDataset *self)
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);

  return self->archive;
}

/**
 * frontline_dataset_get_layer_areas:
 *
 * Returns: (transfer full) (element-type FrontlineLayerArea): the area each
 *   faction holds with each status on @day, one entry per layer shown
 */
GArray *
frontline_dataset_get_layer_areas (FrontlineDataset *self,
                                   FrontlineDay      day)
{
  GArray *result;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);

  result = g_array_new (FALSE, TRUE, sizeof (FrontlineLayerArea));

  /* An archive's: the areas last fetched for the day, per layer. */
  if (self->archive != NULL)
    {
      g_autoptr(GPtrArray) state = _frontline_archive_get_state_at (self->archive, day);

      for (guint i = 0; i < state->len; i++)
        {
          FrontlineArea *area = g_ptr_array_index (state, i);
          FrontlineLayerArea entry = { area->faction, area->status, 0.0 };
          guint j;

          for (j = 0; j < result->len; j++)
            {
              FrontlineLayerArea *known = &g_array_index (result, FrontlineLayerArea, j);

              if (known->faction == area->faction && known->status == area->status)
                break;
            }
          if (j == result->len)
            g_array_append_val (result, entry);
          g_array_index (result, FrontlineLayerArea, j).area_km2 += frontline_area_get_area_km2 (area);
        }
      return result;
    }

  for (guint l = 0; l < self->layers->len; l++)
    {
      FrontlineLayer *layer = g_ptr_array_index (self->layers, l);
      g_autoptr(GPtrArray) active = g_ptr_array_new_with_free_func (g_object_unref);
      FrontlineLayerArea entry = { layer->faction, layer->status, 0.0 };

      add_layer_state (layer, day, active);
      if (active->len == 0)
        continue;

      for (guint i = 0; i < active->len; i++)
        entry.area_km2 += frontline_area_get_area_km2 (g_ptr_array_index (active, i));
      g_array_append_val (result, entry);
    }

  return result;
}

/**
 * frontline_dataset_get_area_at_point:
 *
 * Which area holds a point on a day. Where areas overlap, controlled ground
 * wins over claimed and contested ground.
 *
 * Returns: (transfer full) (nullable): the area, or %NULL where no side holds
 *   the point
 */
FrontlineArea *
frontline_dataset_get_area_at_point (FrontlineDataset *self,
                                     FrontlineDay      day,
                                     double            lon,
                                     double            lat)
{
  g_autoptr(GPtrArray) active = NULL;
  FrontlineArea *best = NULL;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);

  active = frontline_dataset_get_state_at (self, day);
  for (guint i = 0; i < active->len; i++)
    {
      FrontlineArea *area = g_ptr_array_index (active, i);

      if ((best == NULL || area->status < best->status) &&
          frontline_geometry_contains_point (area->geometry, lon, lat))
        best = area;
    }

  return best ? g_object_ref (best) : NULL;
}

/**
 * frontline_dataset_get_default_view:
 * @view: (out caller-allocates): longitude, latitude and zoom
 *
 * Returns: whether the dataset says where the map should open
 */
gboolean
frontline_dataset_get_default_view (FrontlineDataset *self,
                                    double            view[3])
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), FALSE);

  if (self->has_default_view)
    memcpy (view, self->default_view, sizeof self->default_view);

  return self->has_default_view;
}

/**
 * frontline_dataset_get_bbox:
 * @bbox: (out caller-allocates): west, south, east, north
 *
 * Returns: whether the dataset has any area
 */
gboolean
frontline_dataset_get_bbox (FrontlineDataset *self,
                            double            bbox[4])
{
  guint n;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), FALSE);

  /* An archive's: the table's extent, read at open. */
  if (self->archive != NULL)
    return _frontline_archive_get_bbox (self->archive, bbox);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->areas));
  bbox[0] = bbox[1] = INFINITY;
  bbox[2] = bbox[3] = -INFINITY;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FrontlineArea) area = g_list_model_get_item (G_LIST_MODEL (self->areas), i);
      const double *b = area->geometry->bbox;

      if (frontline_geometry_is_empty (area->geometry))
        continue;
      bbox[0] = MIN (bbox[0], b[0]);
      bbox[1] = MIN (bbox[1], b[1]);
      bbox[2] = MAX (bbox[2], b[2]);
      bbox[3] = MAX (bbox[3], b[3]);
    }

  return bbox[0] <= bbox[2];
}

static FrontlineGeometry *
held_on (FrontlineDataset *self,
         FrontlineFaction *faction,
         FrontlineStatus   status,
         FrontlineDay      day,
         gboolean         *complete)
{
  g_autoptr(GPtrArray) active = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  active = frontline_dataset_get_state_at (self, day);
  for (guint i = 0; i < active->len; i++)
    {
      FrontlineArea *area = g_ptr_array_index (active, i);

      if (area->faction == faction && area->status == status)
        g_ptr_array_add (parts, area->geometry);
    }

  return frontline_geometry_union (parts, complete);
}

/**
 * frontline_dataset_get_held:
 *
 * Returns: (transfer full): the ground @faction holds with @status on @day,
 *   as one geometry (empty when it holds none)
 */
FrontlineGeometry *
frontline_dataset_get_held (FrontlineDataset *self,
                            FrontlineFaction *faction,
                            FrontlineStatus   status,
                            FrontlineDay      day)
{
  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);

  return held_on (self, faction, status, day, NULL);
}

/**
 * frontline_dataset_compare:
 * @gained: (out) (transfer full): ground held on @to but not on @from
 * @lost: (out) (transfer full): ground held on @from but not on @to
 *
 * What @faction gained and lost with @status between two days.
 *
 * Returns: FALSE when GEOS could not work it out (ground too complex or
 *   invalid, see %FRONTLINE_GEOMETRY_BUDGET_US): @gained and @lost are then
 *   not to be shown as the change
 */
gboolean
frontline_dataset_compare (FrontlineDataset   *self,
                           FrontlineFaction   *faction,
                           FrontlineStatus     status,
                           FrontlineDay        from,
                           FrontlineDay        to,
                           FrontlineGeometry **gained,
                           FrontlineGeometry **lost)
{
  g_autoptr(FrontlineGeometry) before = NULL;
  g_autoptr(FrontlineGeometry) after = NULL;
  gboolean complete[4];

  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), FALSE);
  g_return_val_if_fail (gained != NULL && lost != NULL, FALSE);

  before = held_on (self, faction, status, from, &complete[0]);
  after = held_on (self, faction, status, to, &complete[1]);

  *gained = frontline_geometry_difference (after, before, &complete[2]);
  *lost = frontline_geometry_difference (before, after, &complete[3]);

  return complete[0] && complete[1] && complete[2] && complete[3];
}

/**
 * frontline_dataset_format_stats_csv:
 *
 * What `frontline --stats` prints, from the dataset's #FrontlineAreaSeries
 * (frontline_area_series_format_csv()), the one computation of areas per
 * side and date. Blocking: areas are computed on first use.
 *
 * Returns: (transfer full): `date,faction,status,area_km2` and a row per data
 *   day and layer shown that day
 */
char *
frontline_dataset_format_stats_csv (FrontlineDataset *self)
{
  g_autoptr(FrontlineAreaSeries) series = NULL;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);

  series = frontline_area_series_new (self, NULL, NULL);

  return frontline_area_series_format_csv (series);
}

/**
 * frontline_dataset_add_stop:
 *
 * Adds a stop at the end of the briefing. Stops are the one part of a
 * dataset the user edits; call from the main thread.
 */
void
frontline_dataset_add_stop (FrontlineDataset *self,
                            FrontlineStop    *stop)
{
  g_return_if_fail (FRONTLINE_IS_DATASET (self));
  g_return_if_fail (FRONTLINE_IS_STOP (stop));

  g_list_store_append (self->stops, stop);
}

void
frontline_dataset_remove_stop (FrontlineDataset *self,
                               guint             position)
{
  g_return_if_fail (FRONTLINE_IS_DATASET (self));

  if (position < g_list_model_get_n_items (G_LIST_MODEL (self->stops)))
    g_list_store_remove (self->stops, position);
}

void
frontline_dataset_move_stop (FrontlineDataset *self,
                             guint             from,
                             guint             to)
{
  g_autoptr(FrontlineStop) stop = NULL;
  guint n;

  g_return_if_fail (FRONTLINE_IS_DATASET (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->stops));
  if (from >= n || to >= n || from == to)
    return;

  stop = g_list_model_get_item (G_LIST_MODEL (self->stops), from);
  g_list_store_remove (self->stops, from);
  g_list_store_insert (self->stops, to, stop);
}

/**
 * frontline_dataset_can_save:
 *
 * Returns: whether the dataset can be written back to its own file: a
 *   local file the user may write, not a folder or a bundled dataset
 */
gboolean
frontline_dataset_can_save (FrontlineDataset *self)
{
  g_autoptr(GFileInfo) info = NULL;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), FALSE);

  if (self->is_folder || self->file == NULL || !g_file_is_native (self->file))
    return FALSE;

  info = g_file_query_info (self->file, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  return info != NULL && g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE);
}
