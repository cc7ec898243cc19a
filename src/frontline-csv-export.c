/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-csv-export"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "frontline-csv-export.h"
#include "frontline-area-series.h"
#include "frontline-safe-file.h"

/* Exports the area table (`date,faction,status,area_km2`, the same text as
 * `frontline --stats`) to a file the user picks. */

typedef struct {
  FrontlineDataset       *dataset;
  GFile                  *file;
  GWeakRef                parent;
  gboolean                had_parent;
  FrontlineCsvExportDone  done;
  gpointer                user_data;
} Export;

static Export *
export_new (GtkWindow              *parent,
            FrontlineDataset       *dataset,
            FrontlineCsvExportDone  done,
            gpointer                user_data)
{
  Export *export = g_new0 (Export, 1);

  export->dataset = g_object_ref (dataset);
  g_weak_ref_init (&export->parent, parent);
  export->had_parent = parent != NULL;
  export->done = done;
  export->user_data = user_data;

  return export;
}

static void
export_free (gpointer data)
{
  Export *export = data;

  g_clear_object (&export->dataset);
  g_clear_object (&export->file);
  g_weak_ref_clear (&export->parent);
  g_free (export);
}

/**
 * frontline_csv_export_suggest_name:
 *
 * Returns: (transfer full): a file name for @dataset's areas, from its title
 *   (or its file's name), as in `Kursk-areas.csv`
 */
char *
frontline_csv_export_suggest_name (FrontlineDataset *dataset)
{
  const char *title;
  g_autofree char *base = NULL;
  GFile *file;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (dataset), NULL);

  title = frontline_dataset_get_title (dataset);
  file = frontline_dataset_get_file (dataset);
  if (title != NULL && *title != '\0')
    base = g_strdup (title);
  else if (file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      char *dot = strrchr (name, '.');

      if (dot != NULL && dot != name)
        *dot = '\0';
      base = g_steal_pointer (&name);
    }
  else
    base = g_strdup ("frontline");

  /* A title may hold characters that no file name, or no common file
   * system, can have. */
  g_strdelimit (base, "/\\:*?\"<>|\n\r\t", '-');
  g_strstrip (base);
  if (*base == '\0' || g_str_equal (base, ".") || g_str_equal (base, ".."))
    {
      g_free (base);
      base = g_strdup ("frontline");
    }

  return g_strconcat (base, "-areas.csv", NULL);
}

/**
 * frontline_csv_export_write:
 * @dataset: the dataset
 * @file: where to write
 *
 * Writes @dataset's areas on each data day as CSV, from a
 * #FrontlineAreaSeries: exactly frontline_dataset_format_stats_csv(). The text goes to a temporary file
 * that replaces @file only when complete, so a failure never leaves half a
 * file or loses the one it would have replaced. Display-free; may run in any
 * thread.
 *
 * Returns: whether the file was written
 */
gboolean
frontline_csv_export_write (FrontlineDataset  *dataset,
                            GFile             *file,
                            GCancellable      *cancellable,
                            GError           **error)
{
  g_autoptr(FrontlineAreaSeries) series = NULL;
  g_autofree char *csv = NULL;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  series = frontline_area_series_new (dataset, cancellable, error);
  if (series == NULL)
    return FALSE;
  csv = frontline_area_series_format_csv (series);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* The window asked before replacing a file (the file chooser does). */
  return frontline_safe_file_set_contents (file, csv, strlen (csv), TRUE, cancellable, error);
}

static char *
get_display_name (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL)
    return g_strdup (g_file_info_get_display_name (info));

  /* A failed export usually leaves no file to ask: use the name in the path. */
  return g_file_get_basename (file);
}

static void
show_error (GtkWindow *parent,
            GFile     *file,
            GError    *error)
{
  g_autofree char *name = get_display_name (file);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: the first %s is a file name, the second what went wrong */
  body = g_strdup_printf (_("“%s” could not be written: %s"), name, error->message);
  dialog = adw_message_dialog_new (parent, _("Could Not Export the Areas"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_widget_add_css_class (dialog, "frontline-error");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Export *export = task_data;
  GError *error = NULL;

  /* Computing the areas of a large dataset takes a while the first time:
   * both that and the writing stay off the main thread. */
  if (frontline_csv_export_write (export->dataset, export->file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_write_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Export *export = g_task_get_task_data (G_TASK (result));
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&export->parent);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error (parent, export->file, error);
      return;
    }

  /* The hook usually belongs to the window: once it is gone, nobody is left
   * to tell. */
  if (export->done != NULL && (parent != NULL || !export->had_parent))
    export->done (export->file, export->user_data);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         user_data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      Export *export = g_object_steal_data (G_OBJECT (chooser), "frontline-export");
      g_autoptr(GtkWindow) parent = g_weak_ref_get (&export->parent);
      gboolean parent_gone = export->had_parent && parent == NULL;

      /* The file was chosen: write it even if the window has gone since,
       * but tell nobody. */
      if (file != NULL)
        frontline_csv_export_to_file (parent, export->dataset, file,
                                      parent_gone ? NULL : export->done, export->user_data);
      export_free (export);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * frontline_csv_export_to_file:
 * @parent: (nullable): the window an error dialog belongs to
 * @dataset: the dataset whose areas to export
 * @file: where to write
 * @done: (nullable) (scope async): called once the file has been written
 * @user_data: data for @done
 *
 * Writes @dataset's areas to @file in a worker thread, with no questions:
 * the second half of frontline_csv_export_run_full(), for a file already
 * chosen. Errors are shown in a dialog that names the file; @done is not
 * called then, nor once @parent is gone.
 */
void
frontline_csv_export_to_file (GtkWindow              *parent,
                              FrontlineDataset       *dataset,
                              GFile                  *file,
                              FrontlineCsvExportDone  done,
                              gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  Export *export;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (FRONTLINE_IS_DATASET (dataset));
  g_return_if_fail (G_IS_FILE (file));

  export = export_new (parent, dataset, done, user_data);
  export->file = g_object_ref (file);

  task = g_task_new (NULL, NULL, on_write_done_cb, NULL);
  g_task_set_source_tag (task, frontline_csv_export_to_file);
  g_task_set_task_data (task, export, export_free);
  g_task_run_in_thread (task, write_thread);
}

/**
 * frontline_csv_export_run_full:
 * @parent: (nullable): the window the chooser belongs to
 * @dataset: the dataset whose areas to export
 * @done: (nullable) (scope async): called once the file has been written
 * @user_data: data for @done
 *
 * Asks where to save @dataset's areas as CSV, then writes them in a worker
 * thread. Errors are shown in a dialog that names the file; @done is not
 * called then, nor when the user cancels, nor once @parent is gone.
 */
void
frontline_csv_export_run_full (GtkWindow              *parent,
                               FrontlineDataset       *dataset,
                               FrontlineCsvExportDone  done,
                               gpointer                user_data)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;
  GFile *dataset_file;
  Export *export;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (FRONTLINE_IS_DATASET (dataset));

  export = export_new (parent, dataset, done, user_data);

  /* In GTK 4 a chooser in save mode asks before replacing an existing file,
   * both the portal's and GTK's own (GtkFileChooserDialog), so there is no
   * confirmation of ours. */
  chooser = gtk_file_chooser_native_new (_("Export Areas"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), filter);

  /* Next to the dataset, where people look for what belongs to it. */
  dataset_file = frontline_dataset_get_file (dataset);
  folder = dataset_file ? g_file_get_parent (dataset_file) : NULL;
  if (folder != NULL && g_file_is_native (folder))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  name = frontline_csv_export_suggest_name (dataset);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_object_set_data_full (G_OBJECT (chooser), "frontline-export", export, export_free);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * frontline_csv_export_run:
 * @parent: (nullable): the window the chooser belongs to
 * @dataset: the dataset whose areas to export
 *
 * Like frontline_csv_export_run_full(), with nothing to call when done.
 */
void
frontline_csv_export_run (GtkWindow        *parent,
                          FrontlineDataset *dataset)
{
  frontline_csv_export_run_full (parent, dataset, NULL, NULL);
}
