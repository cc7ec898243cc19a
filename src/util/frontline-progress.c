/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-progress"

#include "config.h"

#include "frontline-progress.h"

/* Shared by the owner and each delivery in flight; the last to let go calls
 * the notify, in the caller's context. */
struct _FrontlineProgress {
  gatomicrefcount        ref_count;
  GMainContext          *context;
  FrontlineProgressFunc  func;
  gpointer               user_data;
  GDestroyNotify         notify;
  GMutex                 mutex;
  double                 fraction;  /* the latest reported */
  gboolean               pending;   /* a delivery is in flight */
  gboolean               finished;
  gint64                 last_us;   /* when the last delivery ran, monotonic */
  guint64                serial;    /* reports so far */
  guint64                delivered; /* reports the last delivery carried */
  GSource               *timer;     /* a delivery waiting for its turn */
};

/* At most this often, so that a fast worker does not make the caller redraw a
 * progress bar as fast as its main loop runs (on software GL that doubled a
 * load's time): ten times a second reads as smooth. The first report and the
 * end (1.0) go at once. */
#define FRONTLINE_PROGRESS_INTERVAL_US (100 * G_TIME_SPAN_MILLISECOND)

static FrontlineProgress *
progress_ref (FrontlineProgress *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

static void
progress_unref (gpointer data)
{
  FrontlineProgress *self = data;

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  if (self->notify != NULL)
    self->notify (self->user_data);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

/**
 * frontline_progress_new:
 * @context: (nullable): where @func runs; %NULL for the thread-default context
 *   of the calling thread
 * @func: called with the fraction done, in @context
 * @notify: (nullable): frees @user_data once nothing can call @func any more
 *
 * Returns: (transfer full): a progress to hand to a worker, with
 *   frontline_progress_report() as its #FrontlineProgressFunc
 */
FrontlineProgress *
frontline_progress_new (GMainContext          *context,
                        FrontlineProgressFunc  func,
                        gpointer               user_data,
                        GDestroyNotify         notify)
{
  FrontlineProgress *self;

  g_return_val_if_fail (func != NULL, NULL);

  self = g_new0 (FrontlineProgress, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->context = context != NULL ? g_main_context_ref (context)
                                  : g_main_context_ref_thread_default ();
  self->func = func;
  self->user_data = user_data;
  self->notify = notify;
  g_mutex_init (&self->mutex);

  return self;
}

static gboolean
deliver (gpointer data)
{
  FrontlineProgress *self = data;
  gboolean finished;
  double fraction;

  g_mutex_lock (&self->mutex);
  fraction = self->fraction;
  finished = self->finished;
  self->pending = FALSE;
  self->last_us = g_get_monotonic_time ();
  g_clear_pointer (&self->timer, g_source_unref);
  /* A held-back delivery overtaken by the end has nothing new to say. */
  if (self->serial == self->delivered)
    finished = TRUE;
  self->delivered = self->serial;
  g_mutex_unlock (&self->mutex);

  if (!finished)
    self->func (fraction, self->user_data);

  return G_SOURCE_REMOVE;
}

/**
 * frontline_progress_report:
 * @fraction: the share done
 * @progress: a #FrontlineProgress
 *
 * From any thread: @fraction replaces what has not been delivered yet, and a
 * delivery is scheduled unless one is already in flight (it will carry
 * @fraction). Deliveries come at most ten times a second, but the first one
 * and 1.0 are not held back; from the thread that runs the context, those are
 * delivered at once. A #FrontlineProgressFunc, so that workers take it as is.
 */
void
frontline_progress_report (double   fraction,
                           gpointer progress)
{
  FrontlineProgress *self = progress;
  gboolean schedule;
  gint64 wait_us = 0;
  GSource *timer = NULL;

  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->fraction = fraction;
  self->serial++;
  schedule = !self->pending && !self->finished;
  self->pending |= schedule;
  if (!schedule && fraction >= 1.0 && self->timer != NULL)
    {
      /* The end is not held back: the waiting delivery goes now instead. */
      g_autoptr(GSource) waiting = g_steal_pointer (&self->timer);

      g_source_destroy (waiting);
      schedule = TRUE;
    }
  if (schedule && self->last_us != 0 && fraction < 1.0)
    wait_us = self->last_us + FRONTLINE_PROGRESS_INTERVAL_US - g_get_monotonic_time ();
  if (schedule && wait_us > 0)
    {
      /* Too soon after the last one: this one waits for its turn. */
      timer = g_timeout_source_new ((guint) ((wait_us + 999) / 1000));
      g_source_set_priority (timer, G_PRIORITY_DEFAULT);
      g_source_set_callback (timer, deliver, progress_ref (self), progress_unref);
      g_source_set_static_name (timer, "[frontline] progress");
      self->timer = g_source_ref (timer);
      /* Attached under the lock, so that finish() never destroys it before. */
      g_source_attach (timer, self->context);
      g_source_unref (timer);
    }
  g_mutex_unlock (&self->mutex);

  if (schedule && timer == NULL)
    g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, deliver, progress_ref (self),
                                progress_unref);
}

/**
 * frontline_progress_finish:
 *
 * In the caller's context: no delivery after this, even one in flight.
 */
void
frontline_progress_finish (FrontlineProgress *self)
{
  GSource *timer;

  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->finished = TRUE;
  timer = g_steal_pointer (&self->timer);
  g_mutex_unlock (&self->mutex);

  /* A delivery waiting for its turn goes now, and with it its hold. */
  if (timer != NULL)
    {
      g_source_destroy (timer);
      g_source_unref (timer);
    }
}

/**
 * frontline_progress_free:
 *
 * Finishes @self and lets it go; the notify runs when the last delivery in
 * flight has gone too.
 */
void
frontline_progress_free (FrontlineProgress *self)
{
  if (self == NULL)
    return;

  frontline_progress_finish (self);
  progress_unref (self);
}
