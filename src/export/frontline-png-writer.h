/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* How rows are filtered before compression (PNG filter types 0 to 2). */
typedef enum {
  FRONTLINE_PNG_FILTER_NONE,
  FRONTLINE_PNG_FILTER_SUB,
  FRONTLINE_PNG_FILTER_UP,
} FrontlinePngFilter;

/* How a picture is compressed: zlib's level (1-9) and strategy (Z_DEFAULT_STRATEGY, Z_RLE…),
 * one filter for every row, and how many threads compress strips of rows (0: one per
 * processor). */
typedef struct {
  int                level;
  int                strategy;
  FrontlinePngFilter filter;
  guint              n_threads;
} FrontlinePngSettings;

void        frontline_png_settings_init_default (FrontlinePngSettings        *settings);
GByteArray *frontline_png_encode                (cairo_surface_t             *surface,
                                                 const FrontlinePngSettings  *settings,
                                                 GError                     **error);

G_END_DECLS
