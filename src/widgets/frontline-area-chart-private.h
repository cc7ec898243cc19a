/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "frontline-area-chart.h"

G_BEGIN_DECLS

/* For the tests: the time axis as last drawn, of FrontlineTimeTick. */
GArray *frontline_area_chart_get_ticks (FrontlineAreaChart *self);

G_END_DECLS
