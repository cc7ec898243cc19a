/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

int frontline_cli_check (const char * const *paths);
int frontline_cli_stats (const char * const *paths);

G_END_DECLS
