/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

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

G_END_DECLS
