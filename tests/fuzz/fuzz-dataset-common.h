/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Loading a fuzz input as a dataset, and using what loaded the way the window
 * and the command line do. */

#pragma once

#include <math.h>

#include "fuzz-common.h"
#include "frontline-dataset.h"

/* With FRONTLINE_FUZZ_SKIP_KNOWN=1 in the environment, inputs of the classes
 * issue 11 already names are skipped, so that a run on code that still has them
 * finds something else: no JSON value at all (whitespace, a BOM), an empty
 * element (`[,` `,,` `,]` `{,` `,}`, json-glib's CRITICAL), nesting deeper than
 * 512. The checks are rough and skip more than they must. */
static inline gboolean
fuzz_skip_known (const guint8 *data,
                 size_t        size)
{
  static int skip = -1;
  guint8 previous = 0;
  int depth = 0, max_depth = 0;
  gboolean any = FALSE;

  if (skip < 0)
    skip = g_getenv ("FRONTLINE_FUZZ_SKIP_KNOWN") != NULL;
  if (!skip)
    return FALSE;

  for (size_t i = 0; i < size; i++)
    {
      guint8 c = data[i];

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xef || c == 0xbb || c == 0xbf)
        continue;
      any = TRUE;
      if (c == '[' || c == '{')
        max_depth = MAX (max_depth, ++depth);
      else if (c == ']' || c == '}')
        depth--;
      if ((c == ',' && (previous == '[' || previous == '{' || previous == ','))
          || ((c == ']' || c == '}') && previous == ','))
        return TRUE;
      previous = c;
    }

  return !any || max_depth > 512;
}

static inline FrontlineDataset *
fuzz_load_dataset (const char  *path,
                   GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  FrontlineDataset *dataset;

  dataset = frontline_dataset_load (file, NULL, NULL, NULL, error);

  /* A failed load says why, in text the window can show: a NULL error is the
   * crash of issue 11. */
  if (dataset == NULL && error != NULL)
    {
      if (*error == NULL || (*error)->message == NULL)
        {
          fprintf (stderr, "fuzz: the load failed with no error\n");
          abort ();
        }
      if (!g_utf8_validate ((*error)->message, -1, NULL))
        {
          fprintf (stderr, "fuzz: the load's error message is not valid UTF-8\n");
          abort ();
        }
    }

  return dataset;
}

static inline void
fuzz_check_utf8 (const char *what,
                 guint       index,
                 const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      fprintf (stderr, "fuzz: %s %u is not valid UTF-8\n", what, index);
      abort ();
    }
}

/* Every text the dataset hands out is valid UTF-8 (GTK and pango get it). */
static inline void
fuzz_check_texts (FrontlineDataset *dataset)
{
  GListModel *model;

  fuzz_check_utf8 ("title", 0, frontline_dataset_get_title (dataset));
  fuzz_check_utf8 ("description", 0, frontline_dataset_get_description (dataset));
  fuzz_check_utf8 ("attribution", 0, frontline_dataset_get_attribution (dataset));
  fuzz_check_utf8 ("license", 0, frontline_dataset_get_license (dataset));

  model = frontline_dataset_get_factions (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FrontlineFaction) faction = g_list_model_get_item (model, i);

      fuzz_check_utf8 ("faction id", i, frontline_faction_get_id (faction));
      fuzz_check_utf8 ("faction name", i, frontline_faction_get_name (faction));
    }

  model = frontline_dataset_get_sources (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FrontlineSource) source = g_list_model_get_item (model, i);

      fuzz_check_utf8 ("source title", i, frontline_source_get_title (source));
      fuzz_check_utf8 ("source publisher", i, frontline_source_get_publisher (source));
      fuzz_check_utf8 ("source url", i, frontline_source_get_url (source));
    }

  model = frontline_dataset_get_quotes (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FrontlineQuote) quote = g_list_model_get_item (model, i);

      fuzz_check_utf8 ("quote text", i, frontline_quote_get_text (quote));
      fuzz_check_utf8 ("quote speaker", i, frontline_quote_get_speaker (quote));
    }

  model = frontline_dataset_get_places (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FrontlinePlace) place = g_list_model_get_item (model, i);

      fuzz_check_utf8 ("place name", i, frontline_place_get_name (place));
    }

  model = frontline_dataset_get_stops (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FrontlineStop) stop = g_list_model_get_item (model, i);

      fuzz_check_utf8 ("stop title", i, frontline_stop_get_title (stop));
      fuzz_check_utf8 ("stop caption", i, frontline_stop_get_caption (stop));
    }

  model = frontline_dataset_get_areas (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (model) && i < 64; i++)
    {
      g_autoptr(FrontlineArea) area = g_list_model_get_item (model, i);

      fuzz_check_utf8 ("area id", i, frontline_area_get_id (area));
      fuzz_check_utf8 ("area note", i, frontline_area_get_note (area));
    }

  {
    GPtrArray *diagnostics = frontline_dataset_get_diagnostics (dataset);

    for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
      {
        FrontlineDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

        fuzz_check_utf8 ("diagnostic location", i, diagnostic->location);
        fuzz_check_utf8 ("diagnostic", i, diagnostic->message);
      }
  }
}

/* Queries on a few days: before the first, each of the first data days, between
 * two, the last, after the last. Bounded, so a large input stays fast. */
static inline void
fuzz_exercise_dataset (FrontlineDataset *dataset)
{
  const FrontlineDay *days;
  guint n_days = 0;
  GListModel *areas, *factions, *quotes, *stops;
  g_autofree char *csv = NULL;
  double view[3], bbox[4];
  FrontlineDay probes[6];
  guint n_probes = 0;

  days = frontline_dataset_get_days (dataset, &n_days);
  if (n_days > 0)
    {
      probes[n_probes++] = days[0] - 1;
      probes[n_probes++] = days[0];
      probes[n_probes++] = days[n_days / 2];
      probes[n_probes++] = days[n_days - 1];
      probes[n_probes++] = days[n_days - 1] + 1;
    }
  probes[n_probes++] = frontline_dataset_get_data_day_for (dataset, FRONTLINE_DAY_NONE + 1);

  fuzz_check_texts (dataset);
  (void) frontline_dataset_get_first_day (dataset);
  (void) frontline_dataset_get_last_day (dataset);
  frontline_dataset_get_default_view (dataset, view);
  frontline_dataset_get_bbox (dataset, bbox);

  for (guint i = 0; i < n_probes; i++)
    {
      g_autoptr(GPtrArray) state = frontline_dataset_get_state_at (dataset, probes[i]);
      g_autoptr(GArray) layers = frontline_dataset_get_layer_areas (dataset, probes[i]);
      g_autoptr(FrontlineArea) at_point = NULL;

      (void) frontline_dataset_get_previous_day (dataset, probes[i]);
      (void) frontline_dataset_get_next_day (dataset, probes[i]);
      at_point = frontline_dataset_get_area_at_point (dataset, probes[i], 35.5, 51.5);
      if (at_point != NULL && !frontline_area_is_active_on (at_point, probes[i]))
        {
          fprintf (stderr, "fuzz: the area at a point is not shown on its day\n");
          abort ();
        }
      if (layers->len > state->len)
        {
          fprintf (stderr, "fuzz: %u layers from %u areas\n", layers->len, state->len);
          abort ();
        }
      for (guint j = 0; j < state->len && j < 8; j++)
        {
          FrontlineArea *area = g_ptr_array_index (state, j);
          g_autoptr(FrontlineGeometry) simple = frontline_area_get_geometry_for_zoom (area, 5);

          if (simple == NULL)
            {
              fprintf (stderr, "fuzz: no simplified geometry for an area shown\n");
              abort ();
            }
          (void) frontline_area_get_area_km2 (area);
        }
    }

  factions = frontline_dataset_get_factions (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (factions) && i < 4 && n_days > 0; i++)
    {
      g_autoptr(FrontlineFaction) faction = g_list_model_get_item (factions, i);
      g_autoptr(FrontlineGeometry) gained = NULL;
      g_autoptr(FrontlineGeometry) lost = NULL;

      frontline_dataset_compare (dataset, faction, FRONTLINE_STATUS_CONTROLLED,
                                 days[0], days[n_days - 1], &gained, &lost);
    }

  areas = frontline_dataset_get_areas (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (areas) && i < 32; i++)
    {
      g_autoptr(FrontlineArea) area = g_list_model_get_item (areas, i);
      double km2 = frontline_area_get_area_km2 (area);

      if (isnan (km2) || km2 < 0)
        {
          fprintf (stderr, "fuzz: area %u measures %g km²\n", i, km2);
          abort ();
        }
    }

  quotes = frontline_dataset_get_quotes (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (quotes) && i < 8; i++)
    {
      g_autoptr(FrontlineQuote) quote = g_list_model_get_item (quotes, i);
      g_autofree char *citation = frontline_quote_format_citation (quote);

      if (citation != NULL && !g_utf8_validate (citation, -1, NULL))
        {
          fprintf (stderr, "fuzz: a citation is not valid UTF-8\n");
          abort ();
        }
    }

  stops = frontline_dataset_get_stops (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (stops) && i < 8; i++)
    {
      g_autoptr(FrontlineStop) stop = g_list_model_get_item (stops, i);
      double stop_view[5];

      frontline_stop_get_view (stop, stop_view);
    }

  csv = frontline_dataset_format_stats_csv (dataset);
  if (csv == NULL || !g_str_has_prefix (csv, "date,faction,status,area_km2"))
    {
      fprintf (stderr, "fuzz: the statistics have no header\n");
      abort ();
    }
}
