/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

/* What the GDAL reader and writer share: the drivers registered once, GDAL's
 * messages collected per thread instead of printed, and WGS 84. Private to
 * src/model. */

#include <glib.h>

/* GDAL's headers test compiler macros they may not define (-Wundef). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wundef"
#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#pragma GCC diagnostic pop

G_BEGIN_DECLS

/* GDAL's failures in this thread while pushed. */
typedef struct _FrontlineGdalErrors FrontlineGdalErrors;

void                  frontline_gdal_init              (void);

FrontlineGdalErrors  *frontline_gdal_errors_push       (void);
void                  frontline_gdal_errors_pop        (FrontlineGdalErrors *errors);
gboolean              frontline_gdal_errors_any        (FrontlineGdalErrors *errors);
const char           *frontline_gdal_errors_peek_first (FrontlineGdalErrors *errors);
char                 *frontline_gdal_errors_take       (FrontlineGdalErrors *errors);
void                  frontline_gdal_errors_clear      (FrontlineGdalErrors *errors);

OGRSpatialReferenceH  frontline_gdal_new_wgs84         (void);

G_END_DECLS
