/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <cairo.h>

#include "frontline-basemap.h"

G_BEGIN_DECLS

/* What frontline-basemap.c (data, tiles, places) and
 * frontline-basemap-labels.c (the place names) share; nothing else includes it. */

#define LABEL_CELL 128.0

typedef struct {
  FrontlineGeometry *geometry;
  char              *name;
  char               code[4];
} Feature;

/* A place's name as a label, whatever the zoom. */
typedef struct {
  double x;        /* the place's dot in world pixels at zoom 0 */
  double y;
  float  bound_w;  /* at least the name's width and height, from its length */
  float  bound_h;
  gint16 width;    /* the name's size as drawn, -1 until measured */
  gint16 height;
} LabelSize;

typedef enum {
  LABEL_UNDECIDED,
  LABEL_PLACED,
  LABEL_LEFT_OUT,  /* overlapping a placed one, or not shown at the zoom */
} LabelState;

/* The placement of one zoom, decided a place at a time as pictures need it
 * (frontline_basemap_draw_labels()) or for the whole world
 * (frontline_basemap_prepare_labels()): either way the same as placing the
 * whole world at once, most populous first. */
typedef struct {
  GHashTable *grid;         /* cell of LABEL_CELL px to a GArray of the places
                             * shown at the zoom with their dot in it, in order */
  guint8     *state;        /* LabelState per place */
  guint       n_shown;      /* places shown at the zoom if room */
  guint       n_undecided;
} ZoomLabels;

struct _FrontlineBasemap
{
  GObject     parent_instance;

  GPtrArray  *land50;
  GPtrArray  *countries50;
  GPtrArray  *land10;
  GPtrArray  *countries10;
  GPtrArray  *admin1;
  GPtrArray  *rivers;
  GPtrArray  *lakes;
  GArray     *places;      /* FrontlineBasemapPlace, most populous first */

  /* Guards what follows; held a place's decision at a time. */
  GMutex      labels_mutex;
  LabelSize  *label_sizes;  /* per place */
  double      max_bound_w;
  double      max_bound_h;
  ZoomLabels *labels[FRONTLINE_BASEMAP_MAX_LABEL_ZOOM + 1];
  guint       n_measured;   /* names measured with pango, for tests and benchmarks */
};

typedef struct {
  double water[3];
  double land[3];
  double border[3];
  double admin[3];
  double river[3];
  double text[3];
  double halo[4];
} Palette;

extern const Palette frontline_basemap_palettes[];

static inline gboolean
frontline_basemap_bbox_intersects (const double a[4],
                                   const double b[4])
{
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

static inline void
frontline_basemap_set_rgb (cairo_t      *cr,
                           const double  rgb[3])
{
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
}

gboolean _frontline_basemap_in_theatre      (double            lon,
                                            double            lat);
void     _frontline_basemap_init_label_sizes (FrontlineBasemap *self);
void     _frontline_basemap_zoom_labels_free (ZoomLabels       *labels);

G_END_DECLS
