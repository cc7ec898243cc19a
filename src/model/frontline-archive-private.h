/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

/* What the archive's parts share (publishing, browsing, the command line):
 * connections and the SQL that runs on the server. */

#include <libpq-fe.h>

#include "frontline-archive.h"
#include "frontline-feature-reader.h"
#include "frontline-geometry.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* Connects to @location's database: CONNECT for a server that cannot be
 * reached, AUTH for a refused user or password, each naming the server. With
 * @read_only, the session is read-only (default_transaction_read_only). */
PGconn   *frontline_archive_connect            (const FrontlineArchiveLocation *location,
                                                const char                     *password,
                                                gboolean                        read_only,
                                                GCancellable                   *cancellable,
                                                GError                        **error);
/* Checks that @location's table is Frontline's (a frontline_datasets row and
 * the columns of docs/postgis.md); NOT_FRONTLINE otherwise. */
gboolean  frontline_archive_check_table        (PGconn                         *conn,
                                                const FrontlineArchiveLocation *location,
                                                GError                        **error);
/* "schema"."table", quoted for SQL. */
char     *frontline_archive_dup_qualified_name (PGconn                         *conn,
                                                const FrontlineArchiveLocation *location);
/* Sets @error (QUERY) from @result, or from @conn when @result is NULL:
 * "@what on SERVER (TABLE) failed: MESSAGE". Returns FALSE. A lost
 * connection gives LOST. */
gboolean  frontline_archive_set_error          (GError                        **error,
                                                PGconn                         *conn,
                                                const PGresult                 *result,
                                                const FrontlineArchiveLocation *location,
                                                const char                     *what);
/* Runs @run while @cancellable may cancel the query (PQcancel from the
 * cancellable's signal). Returns the handler id to pass to _end. */
gulong    frontline_archive_cancel_begin       (PGconn                         *conn,
                                                GCancellable                   *cancellable);
void      frontline_archive_cancel_end         (GCancellable                   *cancellable,
                                                gulong                          id);

/* The rows of `--stats` as the server gives them: date (YYYY-MM-DD),
 * faction, status, area in km² (text). */
PGresult *frontline_archive_query_stats        (PGconn                         *conn,
                                                const FrontlineArchiveLocation *location,
                                                GCancellable                   *cancellable,
                                                GError                        **error);
/* The rows of `--stats` computed on the server: "date,faction,status,
 * area_km2\n" then one line per data date, faction and status with areas on
 * that day, in the order of frontline_dataset_format_stats_csv(). */
char     *frontline_archive_query_stats_csv    (PGconn                         *conn,
                                                const FrontlineArchiveLocation *location,
                                                GCancellable                   *cancellable,
                                                GError                        **error);

/* The area series of @dataset (an archive's), computed on the server: the
 * same days and values as frontline_area_series_new() of the file. */
FrontlineAreaSeries *frontline_archive_query_area_series (PGconn                         *conn,
                                                          const FrontlineArchiveLocation *location,
                                                          FrontlineDataset               *dataset,
                                                          GCancellable                   *cancellable,
                                                          GError                        **error);

/* What a server sends, read without a server (tests/fuzz/fuzz-archive.c). */

/* The most hex WKB one area may take: 256 MiB of text, 128 MiB of WKB. */
#define FRONTLINE_ARCHIVE_MAX_HEX_WKB (256 * 1024 * 1024)

/* Hex WKB as fetch and compare read it (through GDAL): a polygon or
 * multipolygon of closed rings with finite lon/lat coordinates, else NULL
 * with @error (G_IO_ERROR_INVALID_DATA). */
FrontlineGeometry *frontline_archive_geometry_from_hex_wkb (const char  *hex,
                                                            gboolean     allow_empty,
                                                            GError     **error);
/* The frontline_datasets row (title, document::text, features::text) into
 * @b's dataset, as open reads it; @name, @schema, @table name it in errors. */
gboolean  frontline_archive_read_dataset_row   (FrontlineLoaderBuilder         *b,
                                                const char                     *name,
                                                const char                     *schema,
                                                const char                     *table,
                                                const char                     *title,
                                                const char                     *document_text,
                                                const char                     *features_text,
                                                GCancellable                   *cancellable,
                                                GError                        **error);

/* Between the archive and the dataset that owns it (frontline-archive.c). */
GPtrArray        *_frontline_archive_get_state_at (FrontlineArchive *self,
                                                   FrontlineDay      day);
gboolean          _frontline_archive_get_bbox     (FrontlineArchive *self,
                                                   double            bbox[4]);

G_END_DECLS
