/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "frontline-dataset.h"

G_BEGIN_DECLS

/* Between the command line's files: frontline-cli.c (check, convert,
 * stats) and frontline-cli-export.c (export). */
FrontlineDataset *_frontline_cli_load_dataset (GFile         *file,
                                               const double  *bbox,
                                               GError       **error);

G_END_DECLS
