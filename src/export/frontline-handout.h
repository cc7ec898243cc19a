/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "frontline-dataset.h"

G_BEGIN_DECLS

gboolean frontline_handout_write (FrontlineDataset  *dataset,
                                  GFile             *file,
                                  gboolean           replace,
                                  GCancellable      *cancellable,
                                  GError           **error);

G_END_DECLS
