/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Placeholders for browsing an archive until src/model/frontline-archive.c
 * lands (helper Q): src/meson.build builds this file only while that one is
 * missing. Opening fails with a clear error. */

#define G_LOG_DOMAIN "frontline-archive"

#include "config.h"

#include "frontline-archive.h"

struct _FrontlineArchive
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (FrontlineArchive, frontline_archive, G_TYPE_OBJECT)

static void
frontline_archive_class_init (FrontlineArchiveClass *klass)
{
}

static void
frontline_archive_init (FrontlineArchive *self)
{
}

FrontlineDataset *
frontline_dataset_open_archive (const FrontlineArchiveLocation *location,
                                const char                     *password,
                                GCancellable                   *cancellable,
                                GError                        **error)
{
  g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_CONNECT,
               "This build of Frontline cannot browse databases yet");
  return NULL;
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  FrontlineDataset *dataset = frontline_dataset_open_archive (task_data, NULL, cancellable, &error);

  if (dataset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dataset, g_object_unref);
}

void
frontline_dataset_open_archive_async (const FrontlineArchiveLocation *location,
                                      const char                     *password,
                                      GCancellable                   *cancellable,
                                      GAsyncReadyCallback             callback,
                                      gpointer                        user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_task_data (task, frontline_archive_location_copy (location),
                        (GDestroyNotify) frontline_archive_location_free);
  g_task_run_in_thread (task, open_thread);
}

FrontlineDataset *
frontline_dataset_open_archive_finish (GAsyncResult  *result,
                                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

FrontlineArchive *
frontline_dataset_get_archive (FrontlineDataset *dataset)
{
  return NULL;
}

const FrontlineArchiveLocation *
frontline_archive_get_location (FrontlineArchive *self)
{
  return NULL;
}
