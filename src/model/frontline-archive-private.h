/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

/* Between the archive and the dataset that owns it. */

#include "frontline-archive.h"

G_BEGIN_DECLS

GPtrArray        *_frontline_archive_get_state_at (FrontlineArchive *self,
                                                   FrontlineDay      day);

gboolean          _frontline_archive_get_bbox     (FrontlineArchive *self,
                                                   double            bbox[4]);

G_END_DECLS
