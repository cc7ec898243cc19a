/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "frontline-dataset.h"
#include "frontline-tile-fetcher.h"
#include "frontline-painter.h"

G_BEGIN_DECLS

/* What a series of frames of the same view shares (the frames of
 * `--date all` and Export All Dates): the basemap, drawn (and online tiles
 * fetched) for the first PNG frame and copied into the next ones while the
 * view, size, scale, style and tile source stay the same. */
#define FRONTLINE_TYPE_EXPORT_CACHE (frontline_export_cache_get_type ())
G_DECLARE_FINAL_TYPE (FrontlineExportCache, frontline_export_cache, FRONTLINE, EXPORT_CACHE, GObject)

FrontlineExportCache *frontline_export_cache_new               (void);
guint                 frontline_export_cache_get_basemap_draws (FrontlineExportCache *self);

typedef enum {
  FRONTLINE_EXPORT_PNG,
  FRONTLINE_EXPORT_SVG,
  FRONTLINE_EXPORT_PDF,
} FrontlineExportFormat;

/* What an export shows. The view's width and height are the size of the
 * output: pixels for PNG, points for SVG and PDF. Its centre and zoom are
 * those of the screen at 1x; @scale is how many output units a screen pixel
 * becomes, so a 3840x2160 export at scale 2 shows what a 1920x1080 window
 * shows, twice as sharp. */
typedef struct {
  FrontlineDataset      *dataset;        /* borrowed for the call */
  FrontlineDay           day;
  FrontlineView          view;
  double                 scale;
  FrontlineExportFormat  format;
  gboolean               dark;           /* the basemap's dark style and dark panels */
  gboolean               title;          /* the dataset's title and the date, top left */
  gboolean               legend;         /* the factions and styles shown, top right */
  gboolean               scale_bar;      /* bottom left */
  gboolean               attribution;    /* ignored: map data is always credited */
  gboolean               sources_strip;  /* the sources cited that day, along the bottom */
  FrontlineDay           compare_from;   /* a day before @day: what each side gained and lost since,
                                          * drawn on the map and in a card; FRONTLINE_DAY_NONE for none */
  const char            *mbtiles;        /* a raster MBTiles file for the basemap, or NULL for the offline one */
  const char            *basemap_credit; /* the MBTiles file's credit; NULL for the offline basemap's */
  FrontlineTileFetcher  *tiles;          /* online tiles for the basemap, or NULL; wins over @mbtiles */
  guint                 *missing_tiles;  /* (out) (optional): tiles the MBTiles file lacks or the server did
                                          * not send in time, drawn as gaps */
  FrontlineExportCache  *cache;          /* (optional): shared by a series of frames; borrowed for the call */
  GPtrArray             *annotations;    /* (optional) (element-type FrontlineAnnotation): drawn over the areas
                                          * and place names, under the decorations, scaled as the map is;
                                          * borrowed for the call */
} FrontlineExportOptions;

typedef struct {
  double x;
  double y;
  double width;
  double height;
} FrontlineExportRect;

/* Where the decorations go, in output units. A rectangle of zero size is a
 * decoration that is not drawn. */
typedef struct {
  FrontlineExportRect title;
  FrontlineExportRect legend;
  FrontlineExportRect scale_bar;    /* the panel */
  FrontlineExportRect bar;          /* the bar in it, @bar_metres long on the ground */
  double              bar_metres;
  FrontlineExportRect attribution;
  FrontlineExportRect sources;
  FrontlineExportRect changes;      /* the gains and losses card, under the title */
} FrontlineExportLayout;

void     frontline_export_options_init          (FrontlineExportOptions        *options,
                                                 FrontlineDataset              *dataset,
                                                 double                         width,
                                                 double                         height,
                                                 double                         scale);
void     frontline_export_options_init_for_stop (FrontlineExportOptions        *options,
                                                 FrontlineDataset              *dataset,
                                                 FrontlineStop                 *stop,
                                                 double                         width,
                                                 double                         height,
                                                 double                         scale);
const char *frontline_export_format_get_extension (FrontlineExportFormat          format);
gboolean frontline_export_format_from_filename  (const char                    *name,
                                                 FrontlineExportFormat         *format);
void     frontline_export_fit_view              (FrontlineDataset              *dataset,
                                                 double                         width,
                                                 double                         height,
                                                 FrontlineView                 *view);
guint    frontline_export_tile_zoom             (const FrontlineExportOptions  *options);
void     frontline_export_get_layout            (const FrontlineExportOptions  *options,
                                                 FrontlineExportLayout         *layout);

gboolean frontline_export_render                (const FrontlineExportOptions  *options,
                                                 cairo_t                       *cr,
                                                 GError                       **error);
gboolean frontline_export_to_file               (const FrontlineExportOptions  *options,
                                                 GFile                         *file,
                                                 gboolean                       replace,
                                                 GCancellable                  *cancellable,
                                                 GError                       **error);
void     frontline_export_to_file_async         (const FrontlineExportOptions  *options,
                                                 GFile                         *file,
                                                 gboolean                       replace,
                                                 GCancellable                  *cancellable,
                                                 GAsyncReadyCallback            callback,
                                                 gpointer                       user_data);
gboolean frontline_export_to_file_finish        (GAsyncResult                  *result,
                                                 GError                       **error);

G_END_DECLS
