/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

#include "frontline-day.h"
#include "frontline-faction.h"
#include "frontline-geometry.h"

G_BEGIN_DECLS

typedef enum {
  FRONTLINE_STATUS_CONTROLLED,
  FRONTLINE_STATUS_CLAIMED,
  FRONTLINE_STATUS_CONTESTED,
} FrontlineStatus;

#define FRONTLINE_N_STATUSES 3

#define FRONTLINE_TYPE_STATUS (frontline_status_get_type ())
GType        frontline_status_get_type    (void) G_GNUC_CONST;
const char  *frontline_status_to_string   (FrontlineStatus  status);
gboolean     frontline_status_from_string (const char      *text,
                                           FrontlineStatus *status);

#define FRONTLINE_TYPE_AREA (frontline_area_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineArea, frontline_area, FRONTLINE, AREA, GObject)

guint               frontline_area_get_index          (FrontlineArea *self);
const char         *frontline_area_get_id             (FrontlineArea *self);
FrontlineDay        frontline_area_get_day            (FrontlineArea *self);
FrontlineDay        frontline_area_get_valid_until    (FrontlineArea *self);
FrontlineFaction   *frontline_area_get_faction        (FrontlineArea *self);
FrontlineStatus     frontline_area_get_status         (FrontlineArea *self);
const char * const *frontline_area_get_source_ids     (FrontlineArea *self);
gboolean            frontline_area_get_approximate    (FrontlineArea *self);
const char         *frontline_area_get_note           (FrontlineArea *self);
FrontlineGeometry  *frontline_area_get_geometry       (FrontlineArea *self);
FrontlineGeometry  *frontline_area_get_geometry_for_zoom (FrontlineArea *self,
                                                       double         zoom);
FrontlineGeometry  *frontline_area_peek_geometry_for_zoom (FrontlineArea *self,
                                                        double         zoom);
double              frontline_area_get_area_km2       (FrontlineArea *self);
gboolean            frontline_area_is_active_on       (FrontlineArea *self,
                                                       FrontlineDay   day);

G_END_DECLS
