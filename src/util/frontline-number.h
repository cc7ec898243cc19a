/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gsize frontline_number_read (const char *text,
                             gsize       length,
                             double     *value);

G_END_DECLS
