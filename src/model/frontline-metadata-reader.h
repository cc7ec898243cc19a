/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

/* Reading the root object and its "frontline" member (factions, sources,
 * quotes, stops, views, metadata), the mirror of the writer: private to
 * src/model/. */

#include "frontline-feature-reader.h"

G_BEGIN_DECLS

FrontlineFaction *frontline_loader_add_faction        (FrontlineLoaderBuilder  *b,
                                                       const char              *id,
                                                       const char              *name,
                                                       const char              *color);
gboolean          frontline_metadata_reader_read_root (FrontlineLoaderBuilder  *b,
                                                       JsonObject              *root,
                                                       GError                 **error);

G_END_DECLS
