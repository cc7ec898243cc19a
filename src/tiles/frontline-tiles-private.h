/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

/* Whether @bytes start like a PNG or a JPEG file. ShumateRasterRenderer warns
 * (fatal in tests) when it is handed something gdk-pixbuf cannot read, and an
 * HTML error page sent with status 200 is common, so the sources check first. */
static inline gboolean
frontline_tile_data_is_image (GBytes *bytes)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff };
  gsize size = 0;
  const guint8 *data;

  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &size);

  return (size > sizeof png && memcmp (data, png, sizeof png) == 0)
         || (size > sizeof jpeg && memcmp (data, jpeg, sizeof jpeg) == 0);
}

G_END_DECLS
