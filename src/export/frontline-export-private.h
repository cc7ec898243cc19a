/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

/* What the exporter's files share: composition (frontline-exporter.c), the
 * basemap tiles (frontline-export-tiles.c) and the decorations
 * (frontline-export-decorations.c). Private to src/export/. */

#include <math.h>
#include <pango/pangocairo.h>

#include "frontline-annotation.h"
#include "frontline-exporter.h"

G_BEGIN_DECLS

#define EARTH_RADIUS 6378137.0  /* WGS 84, as Web Mercator uses it */
#define MIN_TILE_ZOOM 1
#define MAX_TILE_ZOOM 16
#define MAX_PNG_SIDE 32767      /* cairo's limit for image surfaces; for every format */
#define MIN_SCALE    0.25       /* output units per screen pixel */
#define MAX_SCALE    32.0

/* Decoration sizes, in units of the picture's "unit" (see frontline_export_picture_unit()). */
#define MARGIN       20.0
#define PADDING      12.0
#define RADIUS       8.0
#define SWATCH_W     28.0
#define SWATCH_H     18.0

/* Said on every picture of a dataset with approximate areas: in the title
 * panel, or with the credits when there is no title. */
#define APPROXIMATE_NOTE N_("Areas are approximate: drawn from what the sources report")

typedef struct {
  double panel[4];
  double border[4];
  double text[3];
  double secondary[3];
  double beyond[3];  /* outside the world, at low zooms: the basemap's water */
} FrontlineExportTheme;

/* Light and dark. */
extern const FrontlineExportTheme frontline_export_themes[2];

/* What one side gained and lost since options->compare_from. */
typedef struct {
  double             rgb[3];
  char              *name;  /* the faction's, bounded */
  FrontlineGeometry *gained;
  FrontlineGeometry *lost;
} FrontlineExportChange;

/* The decorations of one picture: their text, laid out, and their places. */
typedef struct {
  const FrontlineExportOptions *options;
  const FrontlineExportTheme   *theme;
  double                        unit;
  PangoContext                 *context;
  PangoLayout                  *title;
  PangoLayout                  *date;
  PangoLayout                  *as_of;   /* a day between assessments: the one shown */
  PangoLayout                  *note;
  GArray                       *legend;  /* of rows, private to the decorations */
  PangoLayout                  *bar_label;
  PangoLayout                  *credits;
  PangoLayout                  *sources;
  PangoLayout                  *changes;
  GArray                       *change_list;  /* FrontlineExportChange, borrowed; or NULL */
  FrontlineExportLayout         layout;
} FrontlineExportDecorations;

/* Text from a dataset or a tile file can be anything: megabytes of it, or
 * not even UTF-8. What a decoration lays out is valid UTF-8 of at most
 * @max_chars characters, the rest cut with an ellipsis, so that drawing
 * stays fast whatever the file holds. */
#define MAX_TITLE_CHARS   500
#define MAX_NAME_CHARS    200
#define MAX_SOURCE_CHARS  300
#define MAX_CREDIT_CHARS  2000
#define MAX_SOURCES_CHARS 4000  /* the whole sources strip */
#define MAX_CHANGE_LINES  12    /* the gains and losses card */

/* Options */

static inline double
frontline_export_options_scale (const FrontlineExportOptions *options)
{
  return options->scale > 0 && isfinite (options->scale) ? options->scale : 1.0;
}

/* The view the painter draws in: screen pixels, which cairo_scale() makes
 * output units, so line widths and hatches grow with the scale as the map
 * does. */
static inline FrontlineView
frontline_export_overlay_view (const FrontlineExportOptions *options)
{
  FrontlineView view = options->view;
  double scale = frontline_export_options_scale (options);

  view.width /= scale;
  view.height /= scale;

  return view;
}

/* What the decorations are measured in: a screen pixel at the export's
 * scale, but never less than the picture's share of 1920x1080, so a large
 * picture at scale 1 still has text that can be read when it is shown whole,
 * and a small one shrinks its panels a little to leave room for the map. */
static inline double
frontline_export_picture_unit (const FrontlineExportOptions *options)
{
  double scale = frontline_export_options_scale (options);
  double share = MIN (options->view.width / 1920.0, options->view.height / 1080.0);
  double small = MIN (options->view.width / 1280.0, options->view.height / 720.0);

  return MAX (scale * CLAMP (small, 0.7, 1.0), share);
}

/* A deep copy of @annotations for a worker (NULL for NULL or none). */
static inline GPtrArray *
frontline_export_copy_annotations (GPtrArray *annotations)
{
  GPtrArray *copy;

  if (annotations == NULL || annotations->len == 0)
    return NULL;
  copy = g_ptr_array_new_full (annotations->len, (GDestroyNotify) frontline_annotation_free);
  for (guint i = 0; i < annotations->len; i++)
    g_ptr_array_add (copy, frontline_annotation_copy (g_ptr_array_index (annotations, i)));
  return copy;
}

/* Composition (frontline-exporter.c), for the frames of a video
 * (frontline-video.c): render() is check, clip, map, decorations. */

gboolean frontline_export_check_options       (const FrontlineExportOptions  *options,
                                               GError                       **error);
void     frontline_export_clip                (const FrontlineExportOptions  *options,
                                               cairo_t                       *cr);
gboolean frontline_export_draw_map            (const FrontlineExportOptions  *options,
                                               cairo_t                       *cr,
                                               cairo_surface_t               *image,
                                               GPtrArray                     *state,
                                               GArray                        *changes,
                                               GCancellable                  *cancellable,
                                               GError                       **error);
void     frontline_export_draw_decorations    (const FrontlineExportOptions  *options,
                                               cairo_t                       *cr,
                                               GPtrArray                     *state,
                                               GArray                        *changes,
                                               const char                    *changes_text);
gboolean frontline_export_check_cairo         (cairo_t                       *cr,
                                               GError                       **error);

/* The basemap (frontline-export-tiles.c) */

gboolean frontline_export_draw_basemap        (const FrontlineExportOptions  *options,
                                               cairo_t                       *cr,
                                               cairo_surface_t               *image,
                                               GCancellable                  *cancellable,
                                               GError                       **error);

/* The decorations and the gains and losses (frontline-export-decorations.c) */

GArray  *frontline_export_compute_changes     (const FrontlineExportOptions  *options,
                                               char                         **text);
void     frontline_export_decorations_init    (FrontlineExportDecorations    *d,
                                               const FrontlineExportOptions  *options,
                                               GPtrArray                     *state,
                                               GArray                        *changes,
                                               const char                    *changes_text,
                                               cairo_t                       *cr);
void     frontline_export_decorations_draw    (FrontlineExportDecorations    *d,
                                               cairo_t                       *cr);
void     frontline_export_decorations_clear   (FrontlineExportDecorations    *d);
char    *frontline_export_sources_text        (const FrontlineExportOptions  *options);
char    *frontline_export_bounded_text        (const char                    *text,
                                               gsize                          max_chars);

G_END_DECLS
