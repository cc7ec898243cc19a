/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "frontline-tile-image.h"

G_BEGIN_DECLS

/* Whether @bytes are a PNG or a JPEG tile of a sane size, from its header.
 * ShumateRasterRenderer decodes whatever it is handed (and warns, fatal in
 * tests, when gdk-pixbuf cannot read it; a "tile bomb" that claims
 * 16384x16384 pixels would take gigabytes), and an HTML error page sent with
 * status 200 is common, so the sources check first. */
static inline gboolean
frontline_tile_data_is_image (GBytes *bytes)
{
  return frontline_tile_image_check (bytes, NULL);
}

/* An MBTiles file is an SQLite database, and a database may hold views: a
 * "tiles" or "metadata" view over an endless recursive query never finishes
 * and can take all memory. So every statement on such a file runs against a
 * deadline (SQLite stops it with SQLITE_INTERRUPT once it passes), metadata is
 * read a bounded number of rows at a time, and SQLite's heap in this process
 * has a hard limit (allocations beyond it fail with SQLITE_NOMEM). */
#define FRONTLINE_SQLITE_BUDGET_USEC (2 * G_USEC_PER_SEC)
#define FRONTLINE_SQLITE_HEAP_LIMIT  (512 * 1024 * 1024)

static inline int
frontline_sqlite_budget_cb (void *data)
{
  return g_get_monotonic_time () > *(gint64 *) data;
}

/* @deadline must live as long as @db. */
static inline void
frontline_sqlite_budget_install (sqlite3 *db,
                                 gint64  *deadline)
{
  static gsize heap_limited = 0;

  if (g_once_init_enter (&heap_limited))
    {
      sqlite3_hard_heap_limit64 (FRONTLINE_SQLITE_HEAP_LIMIT);
      g_once_init_leave (&heap_limited, 1);
    }

  *deadline = G_MAXINT64;
  sqlite3_progress_handler (db, 1000, frontline_sqlite_budget_cb, deadline);
}

/* Gives the next statement (or statements) on the connection its time. */
static inline void
frontline_sqlite_budget_start (gint64 *deadline)
{
  *deadline = g_get_monotonic_time () + FRONTLINE_SQLITE_BUDGET_USEC;
}

/* Shared by the fetcher and the map's tile source (frontline-tile-fetcher.c). */
char          *frontline_tile_template_normalise  (const char   *url_template);
char          *frontline_tile_template_check      (const char   *url_template,
                                                   GError      **error);
GOutputStream *frontline_tile_body_new            (void);
void           frontline_tile_set_too_big_error   (GError      **error);
GError        *frontline_tile_not_an_image_error  (SoupMessage  *msg,
                                                   GBytes       *body,
                                                   int           z,
                                                   int           x,
                                                   int           y);
GIOErrorEnum   frontline_tile_io_error_for_status (guint         status);
char          *frontline_tile_cache_dir           (void);

G_END_DECLS
