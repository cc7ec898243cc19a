/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A minimal deep comparison of two datasets for the save round trip: every
 * record and field the public API exposes, geometry point by point. Prints the
 * first difference and returns FALSE. (The writer's tests/frontline-test-compare.h
 * is the full one; this stays self-contained so the target builds without it.) */

#pragma once

#include <math.h>

#include "fuzz-common.h"
#include "frontline-dataset.h"

#define FUZZ_DIFF(...) G_STMT_START { fprintf (stderr, "fuzz: round trip: " __VA_ARGS__); \
                                      fputc ('\n', stderr); return FALSE; } G_STMT_END

#define FUZZ_SAME_STR(what, i, a, b) G_STMT_START { \
    if (g_strcmp0 ((a), (b)) != 0) \
      FUZZ_DIFF ("%s %u: “%s” became “%s”", (what), (guint) (i), (a), (b)); \
  } G_STMT_END

#define FUZZ_SAME_NUM(what, i, a, b) G_STMT_START { \
    double fuzz_a_ = (a), fuzz_b_ = (b); \
    if (!(fuzz_a_ == fuzz_b_) && !(isnan (fuzz_a_) && isnan (fuzz_b_))) \
      FUZZ_DIFF ("%s %u: %.17g became %.17g", (what), (guint) (i), fuzz_a_, fuzz_b_); \
  } G_STMT_END

static inline gboolean
fuzz_same_strv (const char * const *a,
                const char * const *b)
{
  guint i;

  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);

  for (i = 0; a[i] != NULL && b[i] != NULL; i++)
    if (strcmp (a[i], b[i]) != 0)
      return FALSE;

  return a[i] == NULL && b[i] == NULL;
}

static inline gboolean
fuzz_same_geometry (const char              *what,
                    guint                    index,
                    const FrontlineGeometry *a,
                    const FrontlineGeometry *b)
{
  if (a == NULL || b == NULL)
    {
      if (a != b)
        FUZZ_DIFF ("%s %u: geometry present on one side only", what, index);
      return TRUE;
    }

  if (a->n_polygons != b->n_polygons || a->n_rings != b->n_rings || a->n_points != b->n_points)
    FUZZ_DIFF ("%s %u: %u polygons, %u rings, %u points became %u, %u, %u", what, index,
               a->n_polygons, a->n_rings, a->n_points, b->n_polygons, b->n_rings, b->n_points);

  if (a->n_polygons > 0 && memcmp (a->polygons, b->polygons, (a->n_polygons + 1) * sizeof (guint)) != 0)
    FUZZ_DIFF ("%s %u: polygons split differently", what, index);
  if (a->n_rings > 0 && memcmp (a->rings, b->rings, (a->n_rings + 1) * sizeof (guint)) != 0)
    FUZZ_DIFF ("%s %u: rings split differently", what, index);
  for (guint i = 0; i < 2 * a->n_points; i++)
    FUZZ_SAME_NUM ("coordinate of area", index, a->coords[i], b->coords[i]);

  return TRUE;
}

#define FUZZ_FOR_BOTH(model_a, model_b, what) \
  guint n_##what = g_list_model_get_n_items (model_a); \
  if (n_##what != g_list_model_get_n_items (model_b)) \
    FUZZ_DIFF ("%u " #what " became %u", n_##what, g_list_model_get_n_items (model_b)); \
  for (guint i = 0; i < n_##what; i++)

static inline gboolean
fuzz_same_dataset (FrontlineDataset *a,
                   FrontlineDataset *b)
{
  const FrontlineDay *days_a, *days_b;
  guint n_days_a = 0, n_days_b = 0;
  double view_a[3] = { 0 }, view_b[3] = { 0 };
  gboolean has_view_a, has_view_b;

  FUZZ_SAME_STR ("title", 0, frontline_dataset_get_title (a), frontline_dataset_get_title (b));
  FUZZ_SAME_STR ("description", 0, frontline_dataset_get_description (a),
                 frontline_dataset_get_description (b));
  FUZZ_SAME_STR ("attribution", 0, frontline_dataset_get_attribution (a),
                 frontline_dataset_get_attribution (b));
  FUZZ_SAME_STR ("license", 0, frontline_dataset_get_license (a),
                 frontline_dataset_get_license (b));
  if (frontline_dataset_get_approximate (a) != frontline_dataset_get_approximate (b))
    FUZZ_DIFF ("approximate changed");

  has_view_a = frontline_dataset_get_default_view (a, view_a);
  has_view_b = frontline_dataset_get_default_view (b, view_b);
  if (has_view_a != has_view_b)
    FUZZ_DIFF ("default_view present on one side only");
  for (guint i = 0; has_view_a && i < 3; i++)
    FUZZ_SAME_NUM ("default_view", i, view_a[i], view_b[i]);

  days_a = frontline_dataset_get_days (a, &n_days_a);
  days_b = frontline_dataset_get_days (b, &n_days_b);
  if (n_days_a != n_days_b || (n_days_a > 0 && memcmp (days_a, days_b, n_days_a * sizeof *days_a) != 0))
    FUZZ_DIFF ("the data days changed (%u became %u)", n_days_a, n_days_b);

  {
    FUZZ_FOR_BOTH (frontline_dataset_get_factions (a), frontline_dataset_get_factions (b), factions)
      {
        g_autoptr(FrontlineFaction) fa = g_list_model_get_item (frontline_dataset_get_factions (a), i);
        g_autoptr(FrontlineFaction) fb = g_list_model_get_item (frontline_dataset_get_factions (b), i);

        FUZZ_SAME_STR ("faction id", i, frontline_faction_get_id (fa), frontline_faction_get_id (fb));
        FUZZ_SAME_STR ("faction name", i, frontline_faction_get_name (fa), frontline_faction_get_name (fb));
        FUZZ_SAME_STR ("faction color", i, frontline_faction_get_color (fa), frontline_faction_get_color (fb));
        FUZZ_SAME_STR ("faction hatch", i, frontline_faction_get_hatch (fa), frontline_faction_get_hatch (fb));
      }
  }

  {
    FUZZ_FOR_BOTH (frontline_dataset_get_sources (a), frontline_dataset_get_sources (b), sources)
      {
        g_autoptr(FrontlineSource) sa = g_list_model_get_item (frontline_dataset_get_sources (a), i);
        g_autoptr(FrontlineSource) sb = g_list_model_get_item (frontline_dataset_get_sources (b), i);

        FUZZ_SAME_STR ("source id", i, frontline_source_get_id (sa), frontline_source_get_id (sb));
        FUZZ_SAME_STR ("source title", i, frontline_source_get_title (sa), frontline_source_get_title (sb));
        FUZZ_SAME_STR ("source publisher", i, frontline_source_get_publisher (sa), frontline_source_get_publisher (sb));
        FUZZ_SAME_STR ("source author", i, frontline_source_get_author (sa), frontline_source_get_author (sb));
        FUZZ_SAME_STR ("source url", i, frontline_source_get_url (sa), frontline_source_get_url (sb));
        FUZZ_SAME_STR ("source published", i, frontline_source_get_published (sa), frontline_source_get_published (sb));
        FUZZ_SAME_STR ("source date_precision", i, frontline_source_get_date_precision (sa),
                       frontline_source_get_date_precision (sb));
        FUZZ_SAME_STR ("source language", i, frontline_source_get_language (sa), frontline_source_get_language (sb));
        FUZZ_SAME_STR ("source notes", i, frontline_source_get_notes (sa), frontline_source_get_notes (sb));
      }
  }

  {
    FUZZ_FOR_BOTH (frontline_dataset_get_quotes (a), frontline_dataset_get_quotes (b), quotes)
      {
        g_autoptr(FrontlineQuote) qa = g_list_model_get_item (frontline_dataset_get_quotes (a), i);
        g_autoptr(FrontlineQuote) qb = g_list_model_get_item (frontline_dataset_get_quotes (b), i);
        double lon_a = 0, lat_a = 0, lon_b = 0, lat_b = 0;

        FUZZ_SAME_STR ("quote id", i, frontline_quote_get_id (qa), frontline_quote_get_id (qb));
        FUZZ_SAME_STR ("quote text", i, frontline_quote_get_text (qa), frontline_quote_get_text (qb));
        FUZZ_SAME_STR ("quote speaker", i, frontline_quote_get_speaker (qa), frontline_quote_get_speaker (qb));
        FUZZ_SAME_STR ("quote role", i, frontline_quote_get_role (qa), frontline_quote_get_role (qb));
        FUZZ_SAME_STR ("quote date", i, frontline_quote_get_date (qa), frontline_quote_get_date (qb));
        FUZZ_SAME_STR ("quote source", i, frontline_quote_get_source_id (qa), frontline_quote_get_source_id (qb));
        FUZZ_SAME_STR ("quote place", i, frontline_quote_get_place (qa), frontline_quote_get_place (qb));
        if (frontline_quote_get_location (qa, &lon_a, &lat_a) != frontline_quote_get_location (qb, &lon_b, &lat_b))
          FUZZ_DIFF ("quote %u: location present on one side only", i);
        FUZZ_SAME_NUM ("quote longitude", i, lon_a, lon_b);
        FUZZ_SAME_NUM ("quote latitude", i, lat_a, lat_b);
      }
  }

  {
    FUZZ_FOR_BOTH (frontline_dataset_get_places (a), frontline_dataset_get_places (b), places)
      {
        g_autoptr(FrontlinePlace) pa = g_list_model_get_item (frontline_dataset_get_places (a), i);
        g_autoptr(FrontlinePlace) pb = g_list_model_get_item (frontline_dataset_get_places (b), i);

        FUZZ_SAME_STR ("place name", i, frontline_place_get_name (pa), frontline_place_get_name (pb));
        FUZZ_SAME_STR ("place name_local", i, frontline_place_get_name_local (pa),
                       frontline_place_get_name_local (pb));
        FUZZ_SAME_NUM ("place longitude", i, frontline_place_get_lon (pa), frontline_place_get_lon (pb));
        FUZZ_SAME_NUM ("place latitude", i, frontline_place_get_lat (pa), frontline_place_get_lat (pb));
      }
  }

  {
    FUZZ_FOR_BOTH (frontline_dataset_get_stops (a), frontline_dataset_get_stops (b), stops)
      {
        g_autoptr(FrontlineStop) sa = g_list_model_get_item (frontline_dataset_get_stops (a), i);
        g_autoptr(FrontlineStop) sb = g_list_model_get_item (frontline_dataset_get_stops (b), i);
        double va[5] = { 0 }, vb[5] = { 0 };

        FUZZ_SAME_STR ("stop title", i, frontline_stop_get_title (sa), frontline_stop_get_title (sb));
        FUZZ_SAME_STR ("stop date", i, frontline_stop_get_date (sa), frontline_stop_get_date (sb));
        FUZZ_SAME_STR ("stop caption", i, frontline_stop_get_caption (sa), frontline_stop_get_caption (sb));
        if (frontline_stop_get_compare_day (sa) != frontline_stop_get_compare_day (sb))
          FUZZ_DIFF ("stop %u: the compare day changed", i);
        if (!fuzz_same_strv (frontline_stop_get_quote_ids (sa), frontline_stop_get_quote_ids (sb)))
          FUZZ_DIFF ("stop %u: the quotes changed", i);
        if (frontline_stop_get_view (sa, va) != frontline_stop_get_view (sb, vb))
          FUZZ_DIFF ("stop %u: view present on one side only", i);
        for (guint j = 0; j < 5; j++)
          FUZZ_SAME_NUM ("stop view", i, va[j], vb[j]);
        {
          double ba[4] = { 0 }, bb[4] = { 0 };

          if (frontline_stop_get_bbox (sa, ba) != frontline_stop_get_bbox (sb, bb))
            FUZZ_DIFF ("stop %u: box present on one side only", i);
          for (guint j = 0; j < 4; j++)
            FUZZ_SAME_NUM ("stop box", i, ba[j], bb[j]);
        }
      }
  }

  {
    FUZZ_FOR_BOTH (frontline_dataset_get_areas (a), frontline_dataset_get_areas (b), areas)
      {
        g_autoptr(FrontlineArea) aa = g_list_model_get_item (frontline_dataset_get_areas (a), i);
        g_autoptr(FrontlineArea) ab = g_list_model_get_item (frontline_dataset_get_areas (b), i);

        FUZZ_SAME_STR ("area id", i, frontline_area_get_id (aa), frontline_area_get_id (ab));
        FUZZ_SAME_STR ("area faction", i, frontline_faction_get_id (frontline_area_get_faction (aa)),
                       frontline_faction_get_id (frontline_area_get_faction (ab)));
        FUZZ_SAME_STR ("area note", i, frontline_area_get_note (aa), frontline_area_get_note (ab));
        if (frontline_area_get_day (aa) != frontline_area_get_day (ab)
            || frontline_area_get_valid_until (aa) != frontline_area_get_valid_until (ab))
          FUZZ_DIFF ("area %u: its dates changed", i);
        if (frontline_area_get_status (aa) != frontline_area_get_status (ab))
          FUZZ_DIFF ("area %u: its status changed", i);
        if (frontline_area_get_approximate (aa) != frontline_area_get_approximate (ab))
          FUZZ_DIFF ("area %u: approximate changed", i);
        if (!fuzz_same_strv (frontline_area_get_source_ids (aa), frontline_area_get_source_ids (ab)))
          FUZZ_DIFF ("area %u: its sources changed", i);
        if (!fuzz_same_geometry ("area", i, frontline_area_get_geometry (aa),
                                 frontline_area_get_geometry (ab)))
          return FALSE;
      }
  }

  return TRUE;
}
