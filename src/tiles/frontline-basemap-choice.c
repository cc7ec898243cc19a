/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-basemap-choice"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "frontline-basemap-choice.h"
#include "frontline-tile-fetcher.h"

/* The one reader of a base map choice, for the window, its export and the
 * command line. */

/**
 * frontline_basemap_choice_parse:
 * @choice: the `basemap` setting or `--basemap`: `offline`, a built-in online
 *   source's id (`openstreetmap`, or `osm` for short, …), `custom:URL`,
 *   `mbtiles:PATH` or a path ending in `.mbtiles`
 * @kind: (out): what kind of base map it is
 * @argument: (out) (optional) (transfer full) (nullable): the built-in
 *   source's id, the custom URL template or the MBTiles file's path; %NULL
 *   for the offline basemap
 * @error: a location for a choice that names no base map
 *
 * Returns: whether @choice names a base map; with @error set if not
 */
gboolean
frontline_basemap_choice_parse (const char            *choice,
                                FrontlineBasemapKind  *kind,
                                char                 **argument,
                                GError               **error)
{
  FrontlineBasemapKind found;
  const char *rest = NULL;

  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (argument != NULL)
    *argument = NULL;

  if (choice == NULL || g_str_equal (choice, "offline"))
    found = FRONTLINE_BASEMAP_OFFLINE;
  else if (g_str_has_prefix (choice, "mbtiles:") && choice[strlen ("mbtiles:")] != '\0')
    {
      found = FRONTLINE_BASEMAP_MBTILES;
      rest = choice + strlen ("mbtiles:");
    }
  else if (g_str_has_prefix (choice, "custom:") && choice[strlen ("custom:")] != '\0')
    {
      found = FRONTLINE_BASEMAP_CUSTOM;
      rest = choice + strlen ("custom:");
    }
  else if (g_str_has_suffix (choice, ".mbtiles"))
    {
      found = FRONTLINE_BASEMAP_MBTILES;
      rest = choice;
    }
  else
    {
      guint n_infos = 0;
      const FrontlineTileSourceInfo *infos = frontline_tile_fetcher_get_builtin_info (&n_infos);
      const char *id = g_str_equal (choice, "osm") ? "openstreetmap" : choice;

      for (guint i = 0; i < n_infos && rest == NULL; i++)
        {
          if (g_str_equal (id, infos[i].id))
            rest = infos[i].id;
        }
      if (rest == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("There is no map source “%s”"), choice);
          return FALSE;
        }
      found = FRONTLINE_BASEMAP_BUILTIN;
    }

  *kind = found;
  if (argument != NULL)
    *argument = g_strdup (rest);
  return TRUE;
}

/**
 * frontline_basemap_choice_to_string:
 * @kind: a kind of base map
 * @argument: (nullable): the built-in source's id, the custom URL template or
 *   the MBTiles file's path; ignored for the offline basemap
 *
 * The `basemap` setting's value for a choice, which
 * frontline_basemap_choice_parse() reads back.
 *
 * Returns: (transfer full): the setting's value
 */
char *
frontline_basemap_choice_to_string (FrontlineBasemapKind  kind,
                                    const char           *argument)
{
  g_return_val_if_fail (kind == FRONTLINE_BASEMAP_OFFLINE || argument != NULL, g_strdup ("offline"));

  switch (kind)
    {
    case FRONTLINE_BASEMAP_BUILTIN:
      return g_strdup (argument);
    case FRONTLINE_BASEMAP_CUSTOM:
      return g_strconcat ("custom:", argument, NULL);
    case FRONTLINE_BASEMAP_MBTILES:
      return g_strconcat ("mbtiles:", argument, NULL);
    case FRONTLINE_BASEMAP_OFFLINE:
    default:
      return g_strdup ("offline");
    }
}
