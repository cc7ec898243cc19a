/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The agent every online tile request sends. The OpenStreetMap tile usage
 * policy asks for one that names the application and says where to reach its
 * authors, which libshumate's fixed "libshumate/1.0.3" does not. Needs
 * config.h (PACKAGE_VERSION), which every file of the project includes first. */
#define FRONTLINE_USER_AGENT \
  "Frontline/" PACKAGE_VERSION " (+https://github.com/frontline/frontline)"

/* Describes an XYZ tile server. The URL template holds {z}, {x} and {y} (or
 * libshumate's #Z#, #X# and #Y#); {s} becomes "a". */
typedef struct {
  const char *id;               /* also the cache key: letters, digits, '-', '_' */
  const char *name;
  const char *url_template;
  const char *attribution;      /* shown on the map; never empty */
  const char *attribution_url;  /* may be NULL */
  guint       min_zoom;
  guint       max_zoom;
  guint       tile_size;        /* 0 means 256 */
} FrontlineTileSourceInfo;

#define FRONTLINE_TYPE_TILE_FETCHER (frontline_tile_fetcher_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineTileFetcher, frontline_tile_fetcher,
                      FRONTLINE, TILE_FETCHER, GObject)

FrontlineTileFetcher *frontline_tile_fetcher_new              (const FrontlineTileSourceInfo *info);
FrontlineTileFetcher *frontline_tile_fetcher_new_builtin      (const char                    *id);
FrontlineTileFetcher *frontline_tile_fetcher_new_custom       (const char                    *url_template,
                                                               const char                    *attribution,
                                                               GError                       **error);
void                  frontline_tile_fetcher_get_info         (FrontlineTileFetcher          *self,
                                                               FrontlineTileSourceInfo       *info);

const FrontlineTileSourceInfo *frontline_tile_fetcher_get_builtin_info (guint *n_infos);

gboolean frontline_tile_fetcher_validate_url_template (const char  *url_template,
                                                       GError     **error);

const char  *frontline_tile_fetcher_get_id          (FrontlineTileFetcher  *self);
const char  *frontline_tile_fetcher_get_name        (FrontlineTileFetcher  *self);
const char  *frontline_tile_fetcher_get_attribution (FrontlineTileFetcher  *self);
guint        frontline_tile_fetcher_get_min_zoom    (FrontlineTileFetcher  *self);
guint        frontline_tile_fetcher_get_max_zoom    (FrontlineTileFetcher  *self);
void         frontline_tile_fetcher_set_timeout     (FrontlineTileFetcher  *self,
                                                     guint                  seconds);
char        *frontline_tile_fetcher_build_url       (FrontlineTileFetcher  *self,
                                                     int                    x,
                                                     int                    y,
                                                     int                    z);
SoupSession *frontline_tile_fetcher_new_session     (FrontlineTileFetcher  *self);
GBytes      *frontline_tile_fetcher_fetch           (FrontlineTileFetcher  *self,
                                                     SoupSession           *session,
                                                     int                    x,
                                                     int                    y,
                                                     int                    z,
                                                     GCancellable          *cancellable,
                                                     GError               **error);

G_END_DECLS
