/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the base map is: the `basemap` setting and `--basemap`. */
typedef enum {
  FRONTLINE_BASEMAP_OFFLINE,
  FRONTLINE_BASEMAP_BUILTIN,
  FRONTLINE_BASEMAP_CUSTOM,
  FRONTLINE_BASEMAP_MBTILES,
} FrontlineBasemapKind;

gboolean frontline_basemap_choice_parse (const char            *choice,
                                         FrontlineBasemapKind  *kind,
                                         char                 **argument,
                                         GError               **error);

char    *frontline_basemap_choice_to_string (FrontlineBasemapKind   kind,
                                             const char            *argument);

G_END_DECLS
