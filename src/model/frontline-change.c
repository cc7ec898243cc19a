/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-change"

#include "config.h"

#include "frontline-change.h"

void
frontline_change_free (FrontlineChange *change)
{
  if (change == NULL)
    return;

  g_clear_object (&change->faction);
  g_clear_pointer (&change->gained, frontline_geometry_unref);
  g_clear_pointer (&change->lost, frontline_geometry_unref);
  g_free (change);
}
