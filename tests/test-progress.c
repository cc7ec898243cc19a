/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "frontline-progress.h"
#include "frontline-test-init.h"

/* The one progress delivery of the loader and the save, with no display: a
 * worker thread reports, the caller's own main context receives. */

typedef struct {
  GMainContext *context;
  GThread      *caller;
  GArray       *received;  /* of double */
  GArray       *times;     /* of gint64, monotonic, when each arrived */
  guint         notified;
} Fixture;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  Fixture *fixture = user_data;

  /* In the caller's context and thread, never the worker's. */
  g_assert_true (g_main_context_is_owner (fixture->context));
  g_assert_true (g_thread_self () == fixture->caller);
  g_array_append_val (fixture->received, fraction);
  {
    gint64 now = g_get_monotonic_time ();

    g_array_append_val (fixture->times, now);
  }
}

static void
on_notify (gpointer user_data)
{
  Fixture *fixture = user_data;

  g_assert_true (g_thread_self () == fixture->caller);
  fixture->notified++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  /* Not the global default: delivery follows the caller's thread-default. */
  fixture->context = g_main_context_new ();
  g_main_context_push_thread_default (fixture->context);
  fixture->caller = g_thread_self ();
  fixture->received = g_array_new (FALSE, FALSE, sizeof (double));
  fixture->times = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  while (g_main_context_iteration (fixture->context, FALSE))
    ;
  g_main_context_pop_thread_default (fixture->context);
  g_main_context_unref (fixture->context);
  g_array_unref (fixture->received);
  g_array_unref (fixture->times);
}

static void
drain (Fixture *fixture)
{
  while (g_main_context_iteration (fixture->context, FALSE))
    ;
}

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates until @n deliveries have arrived (a held-back one waits for its
 * turn), failing after 5 s. */
static void
wait_for (Fixture *fixture,
          guint    n)
{
  gboolean timed_out = FALSE;
  GSource *guard = g_timeout_source_new_seconds (5);

  g_source_set_callback (guard, on_timeout_cb, &timed_out, NULL);
  g_source_attach (guard, fixture->context);
  while (fixture->received->len < n && !timed_out)
    g_main_context_iteration (fixture->context, TRUE);
  g_source_destroy (guard);
  g_source_unref (guard);
  g_assert_false (timed_out);
}

typedef struct {
  FrontlineProgress *progress;
  guint              n;
  gint               done;
} Worker;

static gpointer
report_all (gpointer user_data)
{
  Worker *worker = user_data;

  for (guint i = 1; i <= worker->n; i++)
    frontline_progress_report ((double) i / worker->n, worker->progress);
  g_atomic_int_set (&worker->done, TRUE);

  return NULL;
}

static void
run_worker (Worker *worker)
{
  g_thread_join (g_thread_new ("progress-worker", report_all, worker));
}

/* A thousand reports while the caller is busy: one delivery, the last value. */
static void
test_one_pending (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(FrontlineProgress) progress = frontline_progress_new (NULL, on_progress, fixture,
                                                                  on_notify);
  Worker worker = { progress, 1000, FALSE };

  run_worker (&worker);
  g_assert_cmpuint (fixture->received->len, ==, 0);

  g_assert_true (g_main_context_iteration (fixture->context, FALSE));
  g_assert_false (g_main_context_pending (fixture->context));
  g_assert_cmpuint (fixture->received->len, ==, 1);
  g_assert_cmpfloat (g_array_index (fixture->received, double, 0), ==, 1.0);

  /* The next reports make the next delivery, held back for its turn. */
  worker.n = 4;
  run_worker (&worker);
  wait_for (fixture, 2);
  drain (fixture);
  g_assert_cmpuint (fixture->received->len, ==, 2);
  g_assert_cmpfloat (g_array_index (fixture->received, double, 1), ==, 1.0);
  g_assert_cmpuint (fixture->notified, ==, 0);
}

/* The caller iterates while the worker reports: values arrive in order, and
 * the last one always does. */
static void
test_last_delivered (Fixture       *fixture,
                     gconstpointer  data)
{
  for (guint round = 0; round < 20; round++)
    {
      FrontlineProgress *progress = frontline_progress_new (NULL, on_progress, fixture, NULL);
      Worker worker = { progress, 5000, FALSE };
      GThread *thread;

      g_array_set_size (fixture->received, 0);
      thread = g_thread_new ("progress-worker", report_all, &worker);
      while (!g_atomic_int_get (&worker.done))
        g_main_context_iteration (fixture->context, FALSE);
      g_thread_join (thread);
      drain (fixture);

      g_assert_cmpuint (fixture->received->len, >=, 1);
      g_assert_cmpuint (fixture->received->len, <=, worker.n);
      for (guint i = 1; i < fixture->received->len; i++)
        g_assert_cmpfloat (g_array_index (fixture->received, double, i), >,
                           g_array_index (fixture->received, double, i - 1));
      g_assert_cmpfloat (g_array_index (fixture->received, double,
                                        fixture->received->len - 1), ==, 1.0);
      frontline_progress_free (progress);
    }
}

/* A worker reporting every 2 ms for about a second: deliveries come at most
 * ten times a second, apart by the interval, and the end at once. */
typedef struct {
  FrontlineProgress *progress;
  gint               done;
} SlowWorker;

static gpointer
report_slowly (gpointer user_data)
{
  SlowWorker *worker = user_data;

  for (guint i = 1; i <= 500; i++)
    {
      frontline_progress_report (i / 500.0, worker->progress);
      g_usleep (2 * G_TIME_SPAN_MILLISECOND);
    }
  g_atomic_int_set (&worker->done, TRUE);
  return NULL;
}

static void
test_throttled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(FrontlineProgress) progress = frontline_progress_new (NULL, on_progress, fixture, NULL);
  SlowWorker worker = { progress, FALSE };
  gint64 start = g_get_monotonic_time ();
  GThread *thread = g_thread_new ("progress-worker", report_slowly, &worker);
  gint64 elapsed;

  while (!g_atomic_int_get (&worker.done) || g_main_context_pending (fixture->context))
    g_main_context_iteration (fixture->context, FALSE);
  g_thread_join (thread);
  drain (fixture);
  elapsed = g_get_monotonic_time () - start;

  /* A second or more of 500 reports: the first, one per interval, the end. */
  g_assert_cmpuint (fixture->received->len, >=, 3);
  g_assert_cmpuint (fixture->received->len, <=, elapsed / (100 * G_TIME_SPAN_MILLISECOND) + 2);
  g_assert_cmpfloat (g_array_index (fixture->received, double, fixture->received->len - 1), ==, 1.0);
  /* Apart by the interval, but for the end, which is not held back. */
  for (guint i = 1; i + 1 < fixture->times->len; i++)
    g_assert_cmpint (g_array_index (fixture->times, gint64, i) -
                     g_array_index (fixture->times, gint64, i - 1), >=, 95 * G_TIME_SPAN_MILLISECOND);
}

/* Finished: what is in flight is dropped and new reports go nowhere. */
static void
test_finished (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(FrontlineProgress) progress = frontline_progress_new (NULL, on_progress, fixture,
                                                                  on_notify);
  Worker worker = { progress, 10, FALSE };

  run_worker (&worker);
  frontline_progress_finish (progress);
  frontline_progress_report (0.5, progress);
  drain (fixture);
  g_assert_cmpuint (fixture->received->len, ==, 0);
  g_assert_cmpuint (fixture->notified, ==, 0);
}

/* Freed with a delivery in flight: nothing is delivered, the data is freed
 * once, when that delivery has gone, in the caller's thread. */
static void
test_freed (Fixture       *fixture,
            gconstpointer  data)
{
  FrontlineProgress *progress = frontline_progress_new (NULL, on_progress, fixture, on_notify);
  Worker worker = { progress, 10, FALSE };

  run_worker (&worker);
  frontline_progress_free (progress);
  g_assert_cmpuint (fixture->notified, ==, 0);
  drain (fixture);
  g_assert_cmpuint (fixture->received->len, ==, 0);
  g_assert_cmpuint (fixture->notified, ==, 1);

  /* With nothing in flight, freeing notifies at once. */
  progress = frontline_progress_new (NULL, on_progress, fixture, on_notify);
  frontline_progress_free (progress);
  g_assert_cmpuint (fixture->notified, ==, 2);
}

/* Reported from the thread that runs the context, it is delivered at once. */
static void
test_same_thread (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(FrontlineProgress) progress = frontline_progress_new (fixture->context, on_progress,
                                                                  fixture, NULL);

  frontline_progress_report (0.75, progress);
  g_assert_cmpuint (fixture->received->len, ==, 1);
  g_assert_cmpfloat (g_array_index (fixture->received, double, 0), ==, 0.75);
  g_assert_false (g_main_context_pending (fixture->context));
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, NULL);

  g_test_add ("/frontline/progress/one-pending", Fixture, NULL,
              fixture_set_up, test_one_pending, fixture_tear_down);
  g_test_add ("/frontline/progress/last-delivered", Fixture, NULL,
              fixture_set_up, test_last_delivered, fixture_tear_down);
  g_test_add ("/frontline/progress/throttled", Fixture, NULL,
              fixture_set_up, test_throttled, fixture_tear_down);
  g_test_add ("/frontline/progress/finished", Fixture, NULL,
              fixture_set_up, test_finished, fixture_tear_down);
  g_test_add ("/frontline/progress/freed", Fixture, NULL,
              fixture_set_up, test_freed, fixture_tear_down);
  g_test_add ("/frontline/progress/same-thread", Fixture, NULL,
              fixture_set_up, test_same_thread, fixture_tear_down);

  return g_test_run ();
}
