/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "frontline-faction.h"
#include "frontline-geometry.h"

G_BEGIN_DECLS

/* What one faction gained and lost between two dates. When @complete is
 * FALSE its ground could not be compared (invalid, or too complex within
 * GEOS's budget) and @gained and @lost are at best partial. */
typedef struct {
  FrontlineFaction  *faction;
  FrontlineGeometry *gained;
  FrontlineGeometry *lost;
  gboolean           complete;
} FrontlineChange;

void frontline_change_free (FrontlineChange *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FrontlineChange, frontline_change_free)

G_END_DECLS
