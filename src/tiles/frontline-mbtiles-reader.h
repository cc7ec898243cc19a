/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FRONTLINE_TYPE_MBTILES_READER (frontline_mbtiles_reader_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineMbtilesReader, frontline_mbtiles_reader,
                      FRONTLINE, MBTILES_READER, GObject)

FrontlineMbtilesReader *frontline_mbtiles_reader_new              (const char              *path,
                                                                   GError                 **error);

const char             *frontline_mbtiles_reader_get_path         (FrontlineMbtilesReader  *self);
const char             *frontline_mbtiles_reader_get_display_name (FrontlineMbtilesReader  *self);
const char             *frontline_mbtiles_reader_get_name         (FrontlineMbtilesReader  *self);
const char             *frontline_mbtiles_reader_get_attribution  (FrontlineMbtilesReader  *self);
const char             *frontline_mbtiles_reader_get_license_text (FrontlineMbtilesReader  *self);
const char             *frontline_mbtiles_reader_get_format       (FrontlineMbtilesReader  *self);
guint                   frontline_mbtiles_reader_get_min_zoom     (FrontlineMbtilesReader  *self);
guint                   frontline_mbtiles_reader_get_max_zoom     (FrontlineMbtilesReader  *self);
guint                   frontline_mbtiles_reader_get_tile_size    (FrontlineMbtilesReader  *self);
gboolean                frontline_mbtiles_reader_get_bounds       (FrontlineMbtilesReader  *self,
                                                                   double                  *west,
                                                                   double                  *south,
                                                                   double                  *east,
                                                                   double                  *north);
GBytes                 *frontline_mbtiles_reader_read_tile        (FrontlineMbtilesReader  *self,
                                                                   int                      x,
                                                                   int                      y,
                                                                   int                      z,
                                                                   GError                 **error);

G_END_DECLS
