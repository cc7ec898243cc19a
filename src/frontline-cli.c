/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "frontline-cli.h"
#include "frontline-dataset.h"

/* The command-line tools: they load datasets with the same loader as the
 * window, need no display, and exit 0 for success and 1 for failure. */

static void
print_summary (FrontlineDataset *dataset)
{
  GListModel *factions = frontline_dataset_get_factions (dataset);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *first = frontline_day_format (frontline_dataset_get_first_day (dataset));
  g_autofree char *last = frontline_day_format (frontline_dataset_get_last_day (dataset));
  guint n_days = 0;

  frontline_dataset_get_days (dataset, &n_days);

  for (guint i = 0; i < g_list_model_get_n_items (factions); i++)
    {
      g_autoptr(FrontlineFaction) faction = g_list_model_get_item (factions, i);

      if (i > 0)
        g_string_append (names, ", ");
      g_string_append_printf (names, "%s (%s)", frontline_faction_get_name (faction),
                              frontline_faction_get_id (faction));
    }

  g_print (_("  Title: %s\n"), frontline_dataset_get_title (dataset));
  g_print (_("  Dates: %s to %s, %u data dates\n"), first, last, n_days);
  g_print (_("  Factions: %s\n"), names->str);
  g_print (_("  Features: %u areas, %u places; %u sources, %u quotes, %u stops\n"),
           g_list_model_get_n_items (frontline_dataset_get_areas (dataset)),
           g_list_model_get_n_items (frontline_dataset_get_places (dataset)),
           g_list_model_get_n_items (frontline_dataset_get_sources (dataset)),
           g_list_model_get_n_items (frontline_dataset_get_quotes (dataset)),
           g_list_model_get_n_items (frontline_dataset_get_stops (dataset)));
  if (frontline_dataset_get_approximate (dataset))
    g_print (_("  Approximate: some areas are approximations\n"));
}

/**
 * frontline_cli_check:
 * @paths: the datasets to check, files or folders
 *
 * Prints a summary of each dataset and every warning and error.
 *
 * Returns: 0 when every dataset loads (warnings allowed), 1 otherwise
 */
int
frontline_cli_check (const char * const *paths)
{
  int status = EXIT_SUCCESS;

  if (paths == NULL || paths[0] == NULL)
    {
      g_printerr (_("frontline: --check needs at least one dataset\n"));
      return EXIT_FAILURE;
    }

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (paths[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(FrontlineDataset) dataset = NULL;
      GPtrArray *diagnostics;

      dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
      if (dataset == NULL)
        {
          g_print (_("%s: invalid\n"), paths[i]);
          g_printerr (_("error: %s\n"), error->message);
          status = EXIT_FAILURE;
          continue;
        }

      diagnostics = frontline_dataset_get_diagnostics (dataset);
      g_print (_("%s: valid, %u warnings\n"), paths[i], diagnostics->len);
      print_summary (dataset);

      for (guint d = 0; d < diagnostics->len; d++)
        {
          FrontlineDiagnostic *diagnostic = g_ptr_array_index (diagnostics, d);

          g_printerr (_("warning: %s: %s: %s\n"), paths[i], diagnostic->location, diagnostic->message);
        }
    }

  return status;
}

/**
 * frontline_cli_stats:
 * @paths: one dataset
 *
 * Prints the area of each faction and status on each data date as CSV.
 *
 * Returns: 0 on success, 1 when the dataset does not load
 */
int
frontline_cli_stats (const char * const *paths)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autofree char *csv = NULL;

  if (paths == NULL || paths[0] == NULL || paths[1] != NULL)
    {
      g_printerr (_("frontline: --stats needs exactly one dataset\n"));
      return EXIT_FAILURE;
    }

  file = g_file_new_for_commandline_arg (paths[0]);
  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    {
      g_printerr (_("error: %s\n"), error->message);
      return EXIT_FAILURE;
    }

  csv = frontline_dataset_format_stats_csv (dataset);
  fputs (csv, stdout);
  fflush (stdout);

  return EXIT_SUCCESS;
}
