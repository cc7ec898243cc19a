/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <string.h>

#include "frontline-view-state.h"
#include "frontline-test-data.h"
#include "frontline-test-init.h"

/* What the user is looking at, with no display: the date kept within the
 * dataset's, notifications only on real changes, the comparison computed in a
 * worker, replaced when the date moves and dropped with the dataset. */

typedef struct {
  guint dataset;
  guint day;
  guint compare_from;
  guint compare_follows;
  guint comparing;
  guint comparison;
  guint view;
} Counts;

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              Counts     *counts)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "dataset"))
    counts->dataset++;
  else if (g_str_equal (name, "day"))
    counts->day++;
  else if (g_str_equal (name, "compare-from"))
    counts->compare_from++;
  else if (g_str_equal (name, "compare-follows"))
    counts->compare_follows++;
  else if (g_str_equal (name, "comparing"))
    counts->comparing++;
  else if (g_str_equal (name, "comparison"))
    counts->comparison++;
  else if (g_str_equal (name, "view"))
    counts->view++;
}

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context until the comparison notifies (or 100 s pass: GEOS
 * under valgrind, on a busy machine, is slow). */
static void
wait_for_comparison (Counts *counts,
                     guint   before)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (100, on_timeout_cb, &timed_out);

  while (counts->comparison == before && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

/* Lets every worker still running finish and report. */
static void
drain (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_day (void)
{
  g_autoptr(FrontlineViewState) state = frontline_view_state_new ();
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled ("kursk-2024-2025.geojson");
  FrontlineDay first = frontline_dataset_get_first_day (dataset);
  FrontlineDay last = frontline_dataset_get_last_day (dataset);
  Counts counts = { 0 };
  guint day;

  g_signal_connect (state, "notify", G_CALLBACK (on_notify_cb), &counts);

  /* Without a dataset there is no date to choose. */
  g_assert_cmpuint (frontline_view_state_get_day (state), ==, FRONTLINE_DAY_NONE);
  frontline_view_state_set_day (state, first + 3);
  g_assert_cmpuint (frontline_view_state_get_day (state), ==, FRONTLINE_DAY_NONE);
  g_assert_cmpuint (counts.day, ==, 0);

  /* A dataset starts at its last date. */
  frontline_view_state_set_dataset (state, dataset);
  g_assert_true (frontline_view_state_get_dataset (state) == dataset);
  g_assert_cmpuint (frontline_view_state_get_day (state), ==, last);
  g_assert_cmpuint (counts.dataset, ==, 1);
  g_assert_cmpuint (counts.day, ==, 1);
  frontline_view_state_set_dataset (state, dataset);
  g_assert_cmpuint (counts.dataset, ==, 1);

  /* Kept within the dataset's dates, through the property too. */
  frontline_view_state_set_day (state, first - 100);
  g_assert_cmpuint (frontline_view_state_get_day (state), ==, first);
  g_object_set (state, "day", last + 1000, NULL);
  g_object_get (state, "day", &day, NULL);
  g_assert_cmpuint (day, ==, last);
  g_assert_cmpuint (counts.day, ==, 3);

  /* Only real changes notify: the same day, or one clamped to it. */
  frontline_view_state_set_day (state, last);
  frontline_view_state_set_day (state, last + 5);
  g_assert_cmpuint (counts.day, ==, 3);
  frontline_view_state_set_day (state, first + 10);
  g_assert_cmpuint (counts.day, ==, 4);
  g_assert_cmpuint (counts.comparison, ==, 0);
  g_assert_cmpuint (counts.comparing, ==, 0);

  /* The view: stored as given, notified when it differs. */
  {
    FrontlineView view = { .center_lon = 35.3, .center_lat = 51.2, .zoom = 9.5,
                           .width = 800, .height = 600 };
    frontline_view_state_set_view (state, &view);
    frontline_view_state_set_view (state, &view);
    g_assert_cmpuint (counts.view, ==, 1);
    g_assert_cmpfloat (frontline_view_state_get_view (state)->zoom, ==, 9.5);
    view.zoom = 10;
    g_object_set (state, "view", &view, NULL);
    g_assert_cmpuint (counts.view, ==, 2);
  }

  /* Without a dataset the date goes. */
  frontline_view_state_set_dataset (state, NULL);
  g_assert_cmpuint (frontline_view_state_get_day (state), ==, FRONTLINE_DAY_NONE);
  g_assert_cmpuint (counts.dataset, ==, 2);
  g_assert_cmpuint (counts.day, ==, 5);
}

static void
test_comparison (void)
{
  g_autoptr(FrontlineViewState) state = frontline_view_state_new ();
  g_autoptr(FrontlineDataset) dataset = frontline_test_load_bundled ("kursk-2024-2025.geojson");
  guint n_days;
  const FrontlineDay *days = frontline_dataset_get_days (dataset, &n_days);
  FrontlineComparison *comparison;
  Counts counts = { 0 };
  gboolean comparing;

  g_assert_cmpuint (n_days, >, 4);
  g_signal_connect (state, "notify", G_CALLBACK (on_notify_cb), &counts);
  frontline_view_state_set_dataset (state, dataset);
  frontline_view_state_set_day (state, days[3]);

  /* Since the previous data date, following the date. */
  frontline_view_state_compare (state, days[0], TRUE);
  g_object_get (state, "comparing", &comparing, NULL);
  g_assert_true (comparing);
  g_assert_true (frontline_view_state_get_compare_follows (state));
  g_assert_cmpuint (frontline_view_state_get_compare_from (state), ==, days[2]);
  g_assert_cmpuint (counts.comparing, ==, 1);
  g_assert_cmpuint (counts.compare_follows, ==, 1);
  g_assert_null (frontline_view_state_get_comparison (state));

  wait_for_comparison (&counts, 0);
  g_assert_cmpuint (counts.comparison, ==, 1);
  comparison = frontline_view_state_get_comparison (state);
  g_assert_nonnull (comparison);
  g_assert_cmpuint (frontline_comparison_get_from (comparison), ==, days[2]);
  g_assert_cmpuint (frontline_comparison_get_to (comparison), ==, days[3]);
  g_assert_nonnull (frontline_comparison_get_text (comparison));

  /* The date moves: the day compared with follows, the comparison is
   * replaced once, and the old one shows meanwhile. */
  frontline_view_state_set_day (state, days[4]);
  g_assert_cmpuint (frontline_view_state_get_compare_from (state), ==, days[3]);
  g_assert_true (frontline_view_state_get_comparison (state) == comparison);
  g_assert_cmpuint (counts.comparing, ==, 1);
  wait_for_comparison (&counts, 1);
  comparison = frontline_view_state_get_comparison (state);
  g_assert_cmpuint (frontline_comparison_get_from (comparison), ==, days[3]);
  g_assert_cmpuint (frontline_comparison_get_to (comparison), ==, days[4]);
  drain (200);
  g_assert_cmpuint (counts.comparison, ==, 2);

  /* A fixed day stays when the date moves; a burst of moves gives one
   * comparison, the last one. */
  frontline_view_state_compare (state, days[0], FALSE);
  g_assert_false (frontline_view_state_get_compare_follows (state));
  g_assert_cmpuint (frontline_view_state_get_compare_from (state), ==, days[0]);
  frontline_view_state_set_day (state, days[1]);
  frontline_view_state_set_day (state, days[2]);
  wait_for_comparison (&counts, 2);
  drain (300);
  g_assert_cmpuint (counts.comparison, ==, 3);
  comparison = frontline_view_state_get_comparison (state);
  g_assert_cmpuint (frontline_comparison_get_from (comparison), ==, days[0]);
  g_assert_cmpuint (frontline_comparison_get_to (comparison), ==, days[2]);

  /* Stopping drops it at once; stopping again changes nothing. */
  frontline_view_state_set_compare_from (state, FRONTLINE_DAY_NONE);
  g_assert_null (frontline_view_state_get_comparison (state));
  g_assert_cmpuint (counts.comparison, ==, 4);
  g_assert_cmpuint (counts.comparing, ==, 2);
  frontline_view_state_set_compare_from (state, FRONTLINE_DAY_NONE);
  g_assert_cmpuint (counts.comparing, ==, 2);
  g_assert_cmpuint (counts.comparison, ==, 4);
}

/* A new dataset cancels the comparison still computed for the old one: it
 * never arrives, and the new dataset starts without one. */
static void
test_dataset_change (void)
{
  g_autoptr(FrontlineViewState) state = frontline_view_state_new ();
  g_autoptr(FrontlineDataset) kursk = frontline_test_load_bundled ("kursk-2024-2025.geojson");
  g_autoptr(FrontlineDataset) bakhmut = frontline_test_load_bundled ("bakhmut-2023.geojson");
  Counts counts = { 0 };

  g_signal_connect (state, "notify", G_CALLBACK (on_notify_cb), &counts);
  frontline_view_state_set_dataset (state, kursk);
  frontline_view_state_compare (state, frontline_dataset_get_first_day (kursk), TRUE);
  g_assert_true (frontline_view_state_get_comparing (state));

  frontline_view_state_set_dataset (state, bakhmut);
  g_assert_false (frontline_view_state_get_comparing (state));
  g_assert_false (frontline_view_state_get_compare_follows (state));
  g_assert_cmpuint (frontline_view_state_get_compare_from (state), ==, FRONTLINE_DAY_NONE);
  g_assert_cmpuint (frontline_view_state_get_day (state), ==,
                    frontline_dataset_get_last_day (bakhmut));
  drain (1500);
  g_assert_cmpuint (counts.comparison, ==, 0);
  g_assert_null (frontline_view_state_get_comparison (state));

  /* Comparing the new one gives the new one's gains and losses. */
  frontline_view_state_compare (state, frontline_dataset_get_first_day (bakhmut), FALSE);
  wait_for_comparison (&counts, 0);
  g_assert_cmpuint (frontline_comparison_get_to (frontline_view_state_get_comparison (state)), ==,
                    frontline_dataset_get_last_day (bakhmut));

  /* Dropping the dataset drops the comparison. */
  frontline_view_state_set_dataset (state, NULL);
  g_assert_null (frontline_view_state_get_comparison (state));
  g_assert_false (frontline_view_state_get_comparing (state));
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, NULL);

  g_test_add_func ("/view-state/day", test_day);
  g_test_add_func ("/view-state/comparison", test_comparison);
  g_test_add_func ("/view-state/dataset-change", test_dataset_change);

  return g_test_run ();
}
