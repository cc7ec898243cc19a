/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "frontline-geometry.h"
#include "frontline-projection.h"

G_BEGIN_DECLS

/* The theatre, where the basemap has its detailed (10m) layers. */
#define FRONTLINE_THEATRE_WEST  22.0
#define FRONTLINE_THEATRE_SOUTH 43.0
#define FRONTLINE_THEATRE_EAST  45.0
#define FRONTLINE_THEATRE_NORTH 56.0

/* Beyond this zoom the offline data has no more detail to show. */
#define FRONTLINE_BASEMAP_DETAIL_ZOOM 10

/* Names are placed per whole zoom up to this one (the same wherever a
 * picture's edges fall), where pictures need them. */
#define FRONTLINE_BASEMAP_MAX_LABEL_ZOOM 23

typedef enum {
  FRONTLINE_BASEMAP_STYLE_LIGHT,
  FRONTLINE_BASEMAP_STYLE_DARK,
} FrontlineBasemapStyle;

typedef struct {
  char   *name;
  char   *names;       /* other names, comma-separated (Cyrillic) */
  double  lat;
  double  lon;
  guint   population;
  char    country[3];  /* ISO 3166-1 alpha-2 */
  char   *key;         /* the name folded for search: ASCII, lower case */
} FrontlineBasemapPlace;

#define FRONTLINE_TYPE_BASEMAP (frontline_basemap_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineBasemap, frontline_basemap, FRONTLINE, BASEMAP, GObject)

FrontlineBasemap *frontline_basemap_get_default  (void);
FrontlineBasemap *frontline_basemap_peek_default (void);
FrontlineBasemap *frontline_basemap_new_from_resources (const char *resource_path,
                                                        GError    **error);

void              frontline_basemap_draw_tile    (FrontlineBasemap      *self,
                                                  cairo_t               *cr,
                                                  guint                  x,
                                                  guint                  y,
                                                  guint                  zoom,
                                                  double                 scale,
                                                  FrontlineBasemapStyle  style);
guint             frontline_basemap_get_label_zoom (const FrontlineView *view);
gboolean          frontline_basemap_has_labels   (FrontlineBasemap      *self,
                                                  guint                  zoom);
void              frontline_basemap_prepare_labels (FrontlineBasemap    *self,
                                                    guint                zoom);
gboolean          frontline_basemap_has_labels_for_view (FrontlineBasemap    *self,
                                                         const FrontlineView *view,
                                                         guint                label_zoom);
void              frontline_basemap_prepare_labels_for_view (FrontlineBasemap    *self,
                                                             const FrontlineView *view,
                                                             guint                label_zoom);
void              frontline_basemap_count_labels (FrontlineBasemap *self,
                                                  guint             zoom,
                                                  guint            *n_decided,
                                                  guint            *n_measured);
void              frontline_basemap_draw_labels  (FrontlineBasemap      *self,
                                                  cairo_t               *cr,
                                                  const FrontlineView   *view,
                                                  guint                  label_zoom,
                                                  FrontlineBasemapStyle  style,
                                                  GHashTable            *sprites);

const char       *frontline_basemap_country_at   (FrontlineBasemap *self,
                                                  double            lon,
                                                  double            lat);
GPtrArray        *frontline_basemap_find_places  (FrontlineBasemap *self,
                                                  const char       *query,
                                                  guint             max_results);
GPtrArray        *frontline_basemap_find_places_in (FrontlineBasemap *self,
                                                    const double      bbox[4]);
const char       *frontline_basemap_get_attribution (void);

G_END_DECLS
