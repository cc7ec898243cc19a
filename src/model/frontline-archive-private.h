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

/* The archive's parts (frontline-archive.c, frontline-archive-fetch.c,
 * frontline-archive-compare.c): the object and what they share. */

/* The cache (frontline-archive-fetch.c) */
typedef struct {
  FrontlineDay  day;
  int           band;
  double        bbox[4];   /* what was fetched: the request and a margin */
  GPtrArray    *areas;     /* FrontlineArea */
  GArray       *boxes;     /* double[4] per area: the unsimplified area's box */
  GPtrArray    *layers;    /* char *: "faction\nstatus\ndate" of each layer's state */
  gsize         size;
  GList        *link;      /* in lru */
} FrontlineArchiveCacheEntry;

typedef struct {
  FrontlineDay  day;
  GPtrArray    *areas;
  double        bbox[4];   /* the box asked for (without the margin) */
  double        zoom;
} FrontlineArchiveShownDay;

/* The archive */

struct _FrontlineArchive
{
  GObject                   parent_instance;

  FrontlineArchiveLocation *location;
  char                     *password;
  char                     *name;          /* the address, for messages */
  char                     *qualified;     /* "schema"."table", quoted */
  GListStore               *factions;      /* the dataset's, so a worker outliving it */
  GHashTable               *faction_by_id; /* still finds them */
  char                     *layer_factions; /* a text[] literal of the layers' factions */
  char                     *layer_statuses; /* and statuses, in the same order */
  gboolean                  has_extent;
  double                    extent[4];     /* of every area: west, south, east, north */

  GMutex                    conn_lock;
  PGconn                   *conn;
  gboolean                  broken;        /* lost: reset before the next query */

  GMutex                    lock;          /* everything below */
  GHashTable               *cache;         /* "day/band" -> FrontlineArchiveCacheEntry */
  GQueue                    lru;           /* FrontlineArchiveCacheEntry, most recent first */
  gsize                     cache_size;
  gsize                     cache_limit;
  GQueue                    shown;         /* FrontlineArchiveShownDay, most recent first */
  guint                     n_queries;
};

void      frontline_archive_cache_entry_free   (FrontlineArchiveCacheEntry     *entry);
void      frontline_archive_shown_day_free     (FrontlineArchiveShownDay       *shown);

/* Zoom bands, their simplifying tolerance, and the margin a fetch adds to a
 * box (frontline-archive-fetch.c). */
int       frontline_archive_zoom_band          (double                          zoom);
double    frontline_archive_band_tolerance     (int                             band);
void      frontline_archive_add_margin         (const double                    bbox[4],
                                                double                          wide[4]);

/* The connection (frontline-archive.c); conn_lock held. */
void      frontline_archive_count_query        (FrontlineArchive               *self);
gboolean  frontline_archive_ensure_connection  (FrontlineArchive               *self,
                                                GError                        **error);
void      frontline_archive_note_lost          (FrontlineArchive               *self,
                                                const GError                   *error);
PGresult *frontline_archive_run_query_cancellable (FrontlineArchive            *self,
                                                   const char                  *sql,
                                                   int                          n_params,
                                                   const char * const          *params,
                                                   GCancellable                *cancellable,
                                                   GError                     **error);
/* A server's JSON text, through the loader's strict check. */
JsonNode *frontline_archive_parse_json         (const char                     *text,
                                                const char                     *what,
                                                GError                        **error);
/* A text[] literal of @values (char *). */
char     *frontline_archive_literal_array      (GPtrArray                      *values);


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

/* Between the archive and the dataset that owns it (frontline-archive.c,
 * frontline-archive-fetch.c). */
GPtrArray        *_frontline_archive_get_state_at (FrontlineArchive *self,
                                                   FrontlineDay      day);
gboolean          _frontline_archive_get_bbox     (FrontlineArchive *self,
                                                   double            bbox[4]);

G_END_DECLS
