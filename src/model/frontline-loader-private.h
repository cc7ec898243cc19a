/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

/* Switches of the loader, for tests only. */

#include <glib.h>

G_BEGIN_DECLS

typedef void (*FrontlineLoaderReadHook) (gpointer user_data);

/* Read every area's coordinates through json-glib rather than from the text
 * (FRONTLINE_LOADER_SLOW_PATH=1 in the environment does the same). */
void frontline_loader_set_slow_path (gboolean                slow);

/* Read files @chunk_size bytes at a time (0: the default) and call @hook
 * after each read. */
void frontline_loader_set_read_hook (gsize                   chunk_size,
                                     FrontlineLoaderReadHook hook,
                                     gpointer                user_data);

/* A colour for the @index-th faction that names none: Okabe and Ito's eight,
 * then further distinct colours. Writes "#rrggbb" into @color. */
void frontline_loader_palette_color (guint                   index,
                                     char                    color[8]);

G_END_DECLS
