/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "frontline-archive-private.h"
#include "frontline-cli.h"
#include "frontline-cli-private.h"
#include "frontline-dataset.h"
#include "frontline-dataset-save.h"
#include "frontline-ogr-reader.h"
#include "frontline-ogr-writer.h"

/* The command-line tools: they load datasets with the same loader as the
 * window, need no display, and exit 0 for success and 1 for failure. */

/* --date-field, --end-field, --faction-field, --status-field: for every
 * layer of every file read through GDAL. */
static FrontlineFieldMapping *cli_mapping;

/**
 * frontline_cli_set_field_mapping:
 * @mapping: (nullable): the fields named on the command line
 *
 * Every load by the commands below passes @mapping for every layer.
 */
void
frontline_cli_set_field_mapping (const FrontlineFieldMapping *mapping)
{
  g_clear_pointer (&cli_mapping, frontline_field_mapping_free);
  if (mapping != NULL)
    cli_mapping = frontline_field_mapping_copy (mapping);
}

/* Loads @file with the command line's field mapping and, for files read
 * through GDAL, @bbox (nullable). A layer that needs a mapping is an error
 * that names its fields; the hint says which options give one. */
FrontlineDataset *
_frontline_cli_load_dataset (GFile         *file,
                             const double  *bbox,
                             GError       **error)
{
  g_autoptr(FrontlineLoadOptions) options = frontline_load_options_new ();
  FrontlineDataset *dataset;

  if (cli_mapping != NULL)
    frontline_load_options_set_mapping (options, NULL, cli_mapping);
  if (bbox != NULL && frontline_ogr_can_read (file))
    frontline_load_options_set_bbox (options, bbox);

  dataset = frontline_dataset_load_full (file, options, NULL, NULL, NULL, error);
  if (dataset == NULL && g_error_matches (*error, FRONTLINE_DATASET_ERROR,
                                          FRONTLINE_DATASET_ERROR_MAPPING))
    g_prefix_error (error, "%s",
                    /* Translators: keep the option names as they are */
                    _("Say which fields hold what with --date-field, --end-field, "
                      "--faction-field and --status-field: "));
  return dataset;
}

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
    {
      GListModel *areas = frontline_dataset_get_areas (dataset);
      guint n_areas = g_list_model_get_n_items (areas);
      guint n_approximate = 0;

      for (guint i = 0; i < n_areas; i++)
        {
          g_autoptr(FrontlineArea) area = g_list_model_get_item (areas, i);

          n_approximate += frontline_area_get_approximate (area) ? 1 : 0;
        }

      if (n_approximate == n_areas)
        g_print (_("  Approximate: all areas are approximations\n"));
      else
        g_print (_("  Approximate: %u of %u areas are approximations\n"), n_approximate, n_areas);
    }
}

/* Whether @caption cites one of the dataset's sources as "source ID" or
 * "sources ID, ID". */
static gboolean
caption_cites_source (FrontlineDataset *dataset,
                      const char       *caption)
{
  GListModel *sources = frontline_dataset_get_sources (dataset);
  g_autofree char *lower = NULL;
  const char *p;

  if (caption == NULL)
    return FALSE;

  lower = g_ascii_strdown (caption, -1);

  for (p = strstr (lower, "source"); p != NULL; p = strstr (p + 1, "source"))
    {
      const char *rest = p + strlen ("source");

      if (*rest == 's')
        rest++;
      while (*rest == ' ')
        rest++;
      for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
        {
          g_autoptr(FrontlineSource) source = g_list_model_get_item (sources, i);
          g_autofree char *id = g_ascii_strdown (frontline_source_get_id (source), -1);

          if (g_str_has_prefix (rest, id) && !g_ascii_isalnum (rest[strlen (id)]))
            return TRUE;
        }
    }

  return FALSE;
}

/**
 * frontline_cli_strict_warnings:
 * @dataset: a loaded dataset
 * @messages: (element-type utf8): where the warnings go, each "PLACE: WHAT"
 *
 * What `--check --strict` asks of a dataset beyond loading: every area
 * names a source; every quote has a speaker and a date precision; every
 * stop's caption cites a source ("source ID"); every source writes each of
 * its fields, "unknown" where the source does not say.
 *
 * Returns: the number of warnings added
 */
guint
frontline_cli_strict_warnings (FrontlineDataset *dataset,
                               GPtrArray        *messages)
{
  static const char * const fields[] = {
    "title", "publisher", "author", "url", "published", "date_precision", "language",
  };
  GListModel *areas = frontline_dataset_get_areas (dataset);
  GListModel *quotes = frontline_dataset_get_quotes (dataset);
  GListModel *stops = frontline_dataset_get_stops (dataset);
  GListModel *sources = frontline_dataset_get_sources (dataset);
  guint before = messages->len;

  for (guint i = 0; i < g_list_model_get_n_items (areas); i++)
    {
      g_autoptr(FrontlineArea) area = g_list_model_get_item (areas, i);
      const char * const *ids = frontline_area_get_source_ids (area);

      if (ids == NULL || ids[0] == NULL)
        g_ptr_array_add (messages,
                         g_strdup_printf (_("/features/%u (id “%s”): area cites no source"),
                                          frontline_area_get_index (area),
                                          frontline_area_get_id (area) ? frontline_area_get_id (area) : ""));
    }

  for (guint i = 0; i < g_list_model_get_n_items (quotes); i++)
    {
      g_autoptr(FrontlineQuote) quote = g_list_model_get_item (quotes, i);
      const char *id = frontline_quote_get_id (quote) ? frontline_quote_get_id (quote) : "";

      if (frontline_quote_get_speaker (quote) == NULL)
        g_ptr_array_add (messages, g_strdup_printf (_("/frontline/quotes/%u (id “%s”): quote has no speaker"),
                                                    i, id));
      if (frontline_quote_get_date_precision (quote) == NULL)
        g_ptr_array_add (messages,
                         g_strdup_printf (_("/frontline/quotes/%u (id “%s”): quote has no date_precision"),
                                          i, id));
    }

  for (guint i = 0; i < g_list_model_get_n_items (stops); i++)
    {
      g_autoptr(FrontlineStop) stop = g_list_model_get_item (stops, i);

      if (!caption_cites_source (dataset, frontline_stop_get_caption (stop)))
        g_ptr_array_add (messages,
                         g_strdup_printf (_("/frontline/stops/%u (“%s”): caption cites no source (write “source ID”)"),
                                          i, frontline_stop_get_title (stop) ? frontline_stop_get_title (stop) : ""));
    }

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(FrontlineSource) source = g_list_model_get_item (sources, i);
      const char *values[G_N_ELEMENTS (fields)] = {
        frontline_source_get_title (source), frontline_source_get_publisher (source),
        frontline_source_get_author (source), frontline_source_get_url (source),
        frontline_source_get_published (source), frontline_source_get_date_precision (source),
        frontline_source_get_language (source),
      };

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        if (values[f] == NULL)
          g_ptr_array_add (messages,
                           g_strdup_printf (_("/frontline/sources/%u (id “%s”): \"%s\" left out; write \"unknown\" if the source does not say"),
                                            i, frontline_source_get_id (source), fields[f]));
    }

  return messages->len - before;
}

/* An address on the command line: parsed, or one line on stderr. The
 * password comes from PGPASSWORD or ~/.pgpass, as libpq finds it. */
static FrontlineArchiveLocation *
parse_address (const char *text)
{
  g_autoptr(GError) error = NULL;
  FrontlineArchiveLocation *location = frontline_archive_location_parse (text, &error);

  if (location == NULL)
    g_printerr (_("error: %s\n"), error->message);
  return location;
}

/* Connects to @location's server and checks its table is Frontline's. */
static PGconn *
connect_to_table (const FrontlineArchiveLocation *location)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = frontline_archive_connect (location, NULL, TRUE, NULL, &error);

  if (conn == NULL || !frontline_archive_check_table (conn, location, &error))
    {
      g_printerr (_("error: %s\n"), error->message);
      return NULL;
    }
  return g_steal_pointer (&conn);
}

/* --check on an address: the table's summary from the server. */
static gboolean
check_address (const char *text)
{
  g_autoptr(FrontlineArchiveLocation) location = parse_address (text);
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(PGresult) summary = NULL;
  g_autoptr(PGresult) meta = NULL;
  g_autofree char *name = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *address = NULL;
  const char *params[2];

  if (location == NULL || (conn = connect_to_table (location)) == NULL)
    return FALSE;

  address = frontline_archive_location_to_string (location);
  name = frontline_archive_dup_qualified_name (conn, location);
  sql = g_strdup_printf ("SELECT to_char(min(date), 'YYYY-MM-DD'), to_char(max(date), "
                         "'YYYY-MM-DD'), count(DISTINCT date), count(*), "
                         "string_agg(DISTINCT faction, ', ') FROM %s", name);
  summary = PQexec (conn, sql);
  params[0] = location->schema;
  params[1] = location->table;
  meta = PQexecParams (conn,
                       "SELECT title, jsonb_array_length(sources), jsonb_array_length(quotes), "
                       "jsonb_array_length(stops), jsonb_array_length(features) "
                       "FROM public.frontline_datasets WHERE table_schema = $1 AND table_name = $2",
                       2, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (summary) != PGRES_TUPLES_OK || PQresultStatus (meta) != PGRES_TUPLES_OK ||
      PQntuples (meta) != 1)
    {
      g_autoptr(GError) error = NULL;

      frontline_archive_set_error (&error, conn,
                                   PQresultStatus (summary) != PGRES_TUPLES_OK ? summary : meta,
                                   location, "Reading the table");
      g_print (_("%s: invalid\n"), address);
      g_printerr (_("error: %s\n"), error->message);
      return FALSE;
    }

  g_print (_("%s: valid, %u warnings\n"), address, 0);
  g_print (_("  Title: %s\n"), PQgetvalue (meta, 0, 0));
  g_print (_("  Dates: %s to %s, %u data dates\n"), PQgetvalue (summary, 0, 0),
           PQgetvalue (summary, 0, 1), (guint) atoi (PQgetvalue (summary, 0, 2)));
  g_print (_("  Factions: %s\n"), PQgetvalue (summary, 0, 4));
  g_print (_("  Features: %u areas, %u places; %u sources, %u quotes, %u stops\n"),
           (guint) atoi (PQgetvalue (summary, 0, 3)), (guint) atoi (PQgetvalue (meta, 0, 4)),
           (guint) atoi (PQgetvalue (meta, 0, 1)), (guint) atoi (PQgetvalue (meta, 0, 2)),
           (guint) atoi (PQgetvalue (meta, 0, 3)));

  return TRUE;
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
  return frontline_cli_check_full (paths, FALSE);
}

/**
 * frontline_cli_check_full:
 * @paths: the datasets to check, files or folders
 * @strict: also warn for what frontline_cli_strict_warnings() finds, and
 *   fail on any warning
 *
 * Returns: 0 when every dataset loads (and, with @strict, has no
 *   warnings), 1 otherwise
 */
int
frontline_cli_check_full (const char * const *paths,
                          gboolean            strict)
{
  int status = EXIT_SUCCESS;

  if (paths == NULL || paths[0] == NULL)
    {
      g_printerr (_("frontline: --check needs at least one dataset\n"));
      return EXIT_FAILURE;
    }

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(FrontlineDataset) dataset = NULL;
      g_autoptr(GPtrArray) strict_messages = g_ptr_array_new_with_free_func (g_free);
      GPtrArray *diagnostics;

      if (frontline_archive_location_is_address (paths[i]))
        {
          if (!check_address (paths[i]))
            status = EXIT_FAILURE;
          continue;
        }

      file = g_file_new_for_commandline_arg (paths[i]);
      dataset = _frontline_cli_load_dataset (file, NULL, &error);
      if (dataset == NULL)
        {
          g_print (_("%s: invalid\n"), paths[i]);
          g_printerr (_("error: %s\n"), error->message);
          status = EXIT_FAILURE;
          continue;
        }

      diagnostics = frontline_dataset_get_diagnostics (dataset);
      if (strict)
        frontline_cli_strict_warnings (dataset, strict_messages);
      g_print (_("%s: valid, %u warnings\n"), paths[i], diagnostics->len + strict_messages->len);
      print_summary (dataset);

      for (guint d = 0; d < diagnostics->len; d++)
        {
          FrontlineDiagnostic *diagnostic = g_ptr_array_index (diagnostics, d);

          g_printerr (_("warning: %s: %s: %s\n"), paths[i], diagnostic->location, diagnostic->message);
        }
      for (guint d = 0; d < strict_messages->len; d++)
        g_printerr (_("warning: %s: %s\n"), paths[i], (const char *) g_ptr_array_index (strict_messages, d));

      if (strict && diagnostics->len + strict_messages->len > 0)
        status = EXIT_FAILURE;
    }

  return status;
}

static const char * const convert_suffixes[] = { "geojson", "json", "gpkg", "kml", "kmz", "shp", NULL };

static gboolean
convert_format_known (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; convert_suffixes[i] != NULL; i++)
    {
      g_autofree char *suffix = g_strconcat (".", convert_suffixes[i], NULL);

      if (g_str_has_suffix (lower, suffix))
        return TRUE;
    }
  return FALSE;
}

/* --convert IN ADDRESS: publishes IN to the address's table. */
static int
publish (const char *path,
         const char *address,
         const char *date,
         gboolean    force)
{
  g_autoptr(FrontlineArchiveLocation) location = NULL;
  g_autoptr(GFile) in = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  if (date != NULL)
    {
      g_printerr (_("frontline: --date does not apply to publishing to a database: the table "
                    "holds every date\n"));
      return EXIT_FAILURE;
    }

  location = parse_address (address);
  if (location == NULL)
    return EXIT_FAILURE;

  in = g_file_new_for_commandline_arg (path);
  dataset = _frontline_cli_load_dataset (in, NULL, &error);
  if (dataset == NULL)
    {
      g_printerr (_("error: %s\n"), error->message);
      return EXIT_FAILURE;
    }

  if (!frontline_archive_publish (dataset, location, NULL, force, NULL, NULL, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_autofree char *text = frontline_archive_location_to_string (location);

          /* Translators: %s is a database address */
          g_printerr (_("error: %s already holds a dataset: use --force to replace it\n"), text);
        }
      else
        g_printerr (_("error: %s\n"), error->message);
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}

/**
 * frontline_cli_convert:
 * @paths: IN and OUT
 * @force: whether OUT may be replaced
 *
 * frontline_cli_convert_full() of every date.
 *
 * Returns: 0 on success, 1 on any failure
 */
int
frontline_cli_convert (const char * const *paths,
                       gboolean            force)
{
  return frontline_cli_convert_full (paths, NULL, force);
}

/**
 * frontline_cli_convert_full:
 * @paths: IN (any format the loader reads) and OUT
 * @date: (nullable): YYYY-MM-DD: only what holds on that day
 * @force: whether OUT may be replaced
 *
 * Loads IN and writes it to OUT in the format OUT's name chooses: GeoJSON
 * (.geojson, .json) through frontline_dataset_save_full(), the window's
 * save; GeoPackage, KML, KMZ or Shapefile through GDAL. OUT appears complete
 * or not at all, and an existing OUT is replaced only with --force.
 *
 * Returns: 0 on success, 1 on any failure
 */
int
frontline_cli_convert_full (const char * const *paths,
                            const char         *date,
                            gboolean            force)
{
  g_autoptr(GFile) in = NULL;
  g_autoptr(GFile) out = NULL;
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  FrontlineDay day = FRONTLINE_DAY_NONE;

  if (paths == NULL || paths[0] == NULL || paths[1] == NULL || paths[2] != NULL)
    {
      g_printerr (_("frontline: --convert needs a dataset to read and a file to write: --convert IN OUT\n"));
      return EXIT_FAILURE;
    }
  if (frontline_archive_location_is_address (paths[1]))
    return publish (paths[0], paths[1], date, force);
  if (!convert_format_known (paths[1]))
    {
      /* Translators: %s is a file name; keep the extensions as they are */
      g_printerr (_("frontline: %s: the file name must end in .geojson or .json (GeoJSON), "
                    ".gpkg (GeoPackage), .kml or .kmz (KML for Google Earth) or .shp "
                    "(Shapefile)\n"), paths[1]);
      return EXIT_FAILURE;
    }
  if (date != NULL && !frontline_day_parse (date, &day))
    {
      g_printerr (_("frontline: --date must be YYYY-MM-DD, not “%s”\n"), date);
      return EXIT_FAILURE;
    }

  in = g_file_new_for_commandline_arg (paths[0]);
  out = g_file_new_for_commandline_arg (paths[1]);

  /* Refuse before loading, which can take a while. */
  if (!force && g_file_query_file_type (out, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR)
    {
      /* Translators: %s is a file name */
      g_printerr (_("error: “%s” already exists: use --force to replace it\n"), paths[1]);
      return EXIT_FAILURE;
    }

  dataset = _frontline_cli_load_dataset (in, NULL, &error);
  if (dataset == NULL)
    {
      g_printerr (_("error: %s\n"), error->message);
      return EXIT_FAILURE;
    }

  if (day != FRONTLINE_DAY_NONE &&
      (day < frontline_dataset_get_first_day (dataset) || day > frontline_dataset_get_last_day (dataset)))
    {
      g_autofree char *first = frontline_day_format (frontline_dataset_get_first_day (dataset));
      g_autofree char *last = frontline_day_format (frontline_dataset_get_last_day (dataset));

      g_printerr (_("frontline: %s is outside the dataset's dates, %s to %s\n"), date, first, last);
      return EXIT_FAILURE;
    }

  if (!frontline_dataset_save_day (dataset, out, day, force, NULL, NULL, NULL, &error))
    {
      g_printerr (_("error: %s\n"), error->message);
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
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

  if (frontline_archive_location_is_address (paths[0]))
    {
      g_autoptr(FrontlineArchiveLocation) location = parse_address (paths[0]);
      g_autoptr(PGconn) conn = NULL;

      if (location == NULL || (conn = connect_to_table (location)) == NULL)
        return EXIT_FAILURE;
      csv = frontline_archive_query_stats_csv (conn, location, NULL, &error);
      if (csv == NULL)
        {
          g_printerr (_("error: %s\n"), error->message);
          return EXIT_FAILURE;
        }
      fputs (csv, stdout);
      fflush (stdout);
      return EXIT_SUCCESS;
    }

  file = g_file_new_for_commandline_arg (paths[0]);
  dataset = _frontline_cli_load_dataset (file, NULL, &error);
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
