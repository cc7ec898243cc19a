/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The same type as in frontline-dataset.h (C17 allows the repetition). */
typedef void (*FrontlineProgressFunc) (double   fraction,
                                       gpointer user_data);

/* Progress from a worker thread, delivered in the caller's main context: the
 * latest fraction, with at most one delivery in flight and at most ten a
 * second, the last one always delivered, nothing after
 * frontline_progress_finish(). */
typedef struct _FrontlineProgress FrontlineProgress;

FrontlineProgress *frontline_progress_new    (GMainContext          *context,
                                              FrontlineProgressFunc  func,
                                              gpointer               user_data,
                                              GDestroyNotify         notify);
void               frontline_progress_report (double                 fraction,
                                              gpointer               progress);
void               frontline_progress_finish (FrontlineProgress     *self);
void               frontline_progress_free   (FrontlineProgress     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FrontlineProgress, frontline_progress_free)

G_END_DECLS
