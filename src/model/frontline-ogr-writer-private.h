/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "frontline-ogr-writer.h"

G_BEGIN_DECLS

/* frontline_ogr_write() with the stops as JSON text taken beforehand on the
 * thread that owns them (NULL: read them now). For saving in a worker. */
gboolean frontline_ogr_write_with_stops (FrontlineDataset       *dataset,
                                         GFile                  *file,
                                         FrontlineDay            day,
                                         gboolean                replace,
                                         const char             *stops,
                                         GCancellable           *cancellable,
                                         FrontlineProgressFunc   progress,
                                         gpointer                progress_data,
                                         GError                **error);

G_END_DECLS
