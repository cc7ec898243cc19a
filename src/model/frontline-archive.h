/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

/* Datasets kept in PostGIS (docs/postgis.md): where one is, publishing one,
 * and browsing one without loading it all. Display-free; libpq. */

#include <gio/gio.h>

#include "frontline-area-series.h"
#include "frontline-change.h"
#include "frontline-dataset.h"

G_BEGIN_DECLS

#define FRONTLINE_ARCHIVE_ERROR (frontline_archive_error_quark ())

typedef enum {
  FRONTLINE_ARCHIVE_ERROR_ADDRESS,       /* not an address Frontline understands */
  FRONTLINE_ARCHIVE_ERROR_CONNECT,       /* the server cannot be reached */
  FRONTLINE_ARCHIVE_ERROR_AUTH,          /* wrong user or password */
  FRONTLINE_ARCHIVE_ERROR_NOT_FRONTLINE, /* no such table, or not one Frontline wrote */
  FRONTLINE_ARCHIVE_ERROR_LOST,          /* the connection was lost while browsing */
  FRONTLINE_ARCHIVE_ERROR_QUERY,         /* the server refused a query */
} FrontlineArchiveError;

GQuark frontline_archive_error_quark (void);

/* Where a dataset is: a server, a database and a table. Never a password. */
typedef struct {
  char *host;      /* NULL: libpq's default (the local socket) */
  char *port;
  char *dbname;
  char *user;
  char *sslmode;   /* NULL: libpq's default (prefer) */
  char *options;   /* other libpq keyword=value pairs, as given; NULL if none */
  char *schema;    /* "public" unless given */
  char *table;
} FrontlineArchiveLocation;

#define FRONTLINE_TYPE_ARCHIVE_LOCATION (frontline_archive_location_get_type ())

GType                     frontline_archive_location_get_type     (void) G_GNUC_CONST;
/* postgresql://, postgres:// or PG: */
gboolean                  frontline_archive_location_is_address   (const char *text);
FrontlineArchiveLocation *frontline_archive_location_parse        (const char *text,
                                                                   GError    **error);
FrontlineArchiveLocation *frontline_archive_location_copy         (const FrontlineArchiveLocation *self);
void                      frontline_archive_location_free         (FrontlineArchiveLocation       *self);
/* postgresql://user@host:port/db?table=schema.table[&sslmode=…]: for the
 * recent list, titles and messages; never a password. */
char                     *frontline_archive_location_to_string    (const FrontlineArchiveLocation *self);
/* For libpq, with @password when not NULL. */
char                     *frontline_archive_location_dup_conninfo (const FrontlineArchiveLocation *self,
                                                                   const char                     *password);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FrontlineArchiveLocation, frontline_archive_location_free)

/* The datasets one database holds, for the Connect dialog. */
typedef struct {
  char *schema;
  char *table;
  char *title;
  FrontlineDay first_day;
  FrontlineDay last_day;
  gint64 n_areas;
} FrontlineArchiveTable;

void       frontline_archive_table_free   (FrontlineArchiveTable *table);
/* Returns: (transfer container) (element-type FrontlineArchiveTable) */
GPtrArray *frontline_archive_list_tables  (const FrontlineArchiveLocation *location,
                                           const char                     *password,
                                           GCancellable                   *cancellable,
                                           GError                        **error);

/* Publishing: writes @dataset into @location's table in one transaction
 * (all or nothing), creating the schema's tables when missing; an existing
 * table is replaced only when @replace. */
gboolean   frontline_archive_publish      (FrontlineDataset               *dataset,
                                           const FrontlineArchiveLocation *location,
                                           const char                     *password,
                                           gboolean                        replace,
                                           GCancellable                   *cancellable,
                                           FrontlineProgressFunc           progress,
                                           gpointer                        progress_data,
                                           GError                        **error);

/* Browsing. An archive is a read-only connection to one dataset's table. */
#define FRONTLINE_TYPE_ARCHIVE (frontline_archive_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineArchive, frontline_archive, FRONTLINE, ARCHIVE, GObject)

/* Connects (read-only), checks the table is Frontline's, and returns a
 * dataset with the metadata (factions, sources, quotes, stops, places) and
 * every date (from the date index), whose areas come from the server as they
 * are shown: frontline_dataset_get_archive() gives the archive. Blocking. */
FrontlineDataset *frontline_dataset_open_archive        (const FrontlineArchiveLocation *location,
                                                         const char                     *password,
                                                         GCancellable                   *cancellable,
                                                         GError                        **error);
void              frontline_dataset_open_archive_async  (const FrontlineArchiveLocation *location,
                                                         const char                     *password,
                                                         GCancellable                   *cancellable,
                                                         GAsyncReadyCallback             callback,
                                                         gpointer                        user_data);
FrontlineDataset *frontline_dataset_open_archive_finish (GAsyncResult                   *result,
                                                         GError                        **error);
/* Returns: (transfer none) (nullable): the archive a dataset browses, NULL
 * for a dataset loaded from a file. */
FrontlineArchive *frontline_dataset_get_archive         (FrontlineDataset               *dataset);

const FrontlineArchiveLocation *frontline_archive_get_location (FrontlineArchive *self);

/* The areas in force on @day that meet @bbox (west, south, east, north),
 * simplified on the server for @zoom; cached per day and zoom band. Once
 * fetched, frontline_dataset_get_state_at (dataset, @day) gives them (those
 * of the last box fetched for that day, with a margin of half the box on each
 * side), so every part of Frontline that draws a day draws them. Blocking (any thread); the async one delivers in the
 * caller's main context. Returns: (transfer container): FrontlineArea */
GPtrArray        *frontline_archive_fetch         (FrontlineArchive  *self,
                                                   FrontlineDay       day,
                                                   const double       bbox[4],
                                                   double             zoom,
                                                   GCancellable      *cancellable,
                                                   GError           **error);
void              frontline_archive_fetch_async   (FrontlineArchive  *self,
                                                   FrontlineDay       day,
                                                   const double       bbox[4],
                                                   double             zoom,
                                                   GCancellable      *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer           user_data);
GPtrArray        *frontline_archive_fetch_finish  (FrontlineArchive  *self,
                                                   GAsyncResult      *result,
                                                   GError           **error);
/* The bytes the cache holds: what is shown, not the archive's size. */
gsize             frontline_archive_get_cache_size (FrontlineArchive *self);
/* The most the cache holds (64 MiB unless set); the newest day stays. */
void              frontline_archive_set_cache_limit (FrontlineArchive *self,
                                                     gsize             bytes);
/* The queries sent to the server so far (tests, benchmarks). */
guint             frontline_archive_get_n_queries  (FrontlineArchive *self);

/* On the server (SQL): the same CSV as frontline_dataset_format_stats_csv(),
 * and the area series behind the timeline and the chart. */
char             *frontline_archive_format_stats_csv (FrontlineArchive  *self,
                                                      GCancellable      *cancellable,
                                                      GError           **error);

/* The area series behind the timeline and the chart, computed on the server
 * for @dataset (whose archive @self is). Blocking. */
FrontlineAreaSeries *frontline_archive_dup_area_series (FrontlineArchive  *self,
                                                        FrontlineDataset  *dataset,
                                                        GCancellable      *cancellable,
                                                        GError           **error);

/* Comparing on the server: what each side gained and lost with @status
 * between @from and @to, in @bbox (west, south, east, north) and the margin
 * a fetch of @bbox takes (half the box on each side): per faction, the
 * ST_Difference of the union of its layer's areas on each day, clipped to
 * that box; the geometries simplified on the server for @zoom, the areas
 * those of the differences themselves, geodesic (geography). */
typedef struct {
  FrontlineChange change;     /* faction, gained and lost (simplified), complete */
  double          gained_km2;
  double          lost_km2;
} FrontlineArchiveChange;

void       frontline_archive_change_free  (FrontlineArchiveChange *change);

/* Blocking (any thread). Returns: (transfer container) (element-type
 * FrontlineArchiveChange): one per faction of the dataset, in its order */
GPtrArray *frontline_archive_compare      (FrontlineArchive  *self,
                                           FrontlineStatus    status,
                                           FrontlineDay       from,
                                           FrontlineDay       to,
                                           const double       bbox[4],
                                           double             zoom,
                                           GCancellable      *cancellable,
                                           GError           **error);

/* The box and zoom of the last fetch for @day, else of the last fetch of
 * any day (the view, which a comparison for the view covers). FALSE when
 * nothing was fetched. */
gboolean   frontline_archive_get_last_view (FrontlineArchive *self,
                                            FrontlineDay      day,
                                            double            bbox[4],
                                            double           *zoom);

G_END_DECLS
