/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Map tiles are 256 or 512 pixels; anything much larger is a mistake or an
 * attack (a small PNG can claim 16384x16384 and decode to a gigabyte). */
#define FRONTLINE_TILE_IMAGE_MAX_SIDE  1024
/* The most bytes a tile may have, encoded. */
#define FRONTLINE_TILE_IMAGE_MAX_BYTES_LITERAL 4194304
#define FRONTLINE_TILE_IMAGE_MAX_BYTES FRONTLINE_TILE_IMAGE_MAX_BYTES_LITERAL

typedef enum {
  FRONTLINE_TILE_IMAGE_PNG = 1,
  FRONTLINE_TILE_IMAGE_JPEG,
} FrontlineTileImageFormat;

gboolean         frontline_tile_image_probe  (const void                *data,
                                              gsize                      size,
                                              FrontlineTileImageFormat  *format,
                                              guint                     *width,
                                              guint                     *height,
                                              GError                   **error);
gboolean         frontline_tile_image_check  (GBytes                    *bytes,
                                              GError                   **error);
cairo_surface_t *frontline_tile_image_decode (const void                *data,
                                              gsize                      size,
                                              GError                   **error);

G_END_DECLS
