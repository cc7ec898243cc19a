/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What the window remembers between sessions: its size, the map's view and
 * the date chosen in each dataset. Settings are checked like any input. */

#define G_LOG_DOMAIN "frontline-window"

#include "config.h"

#include <math.h>

#include "frontline-window-private.h"

/* The day remembered for @dataset, or FRONTLINE_DAY_NONE. */
FrontlineDay
_frontline_window_recall_day (FrontlineWindow  *self,
                              FrontlineDataset *dataset)
{
  g_autoptr(GVariant) days = g_settings_get_value (self->settings, "dataset-days");
  g_autofree char *uri = g_file_get_uri (frontline_dataset_get_file (dataset));
  const char *text = NULL;
  FrontlineDay day;

  if (g_variant_lookup (days, uri, "&s", &text) && frontline_day_parse (text, &day) &&
      day >= frontline_dataset_get_first_day (dataset) && day <= frontline_dataset_get_last_day (dataset))
    return day;

  return FRONTLINE_DAY_NONE;
}

/* The date is remembered per dataset, for the next time it opens. */
void
_frontline_window_remember_day (FrontlineWindow *self)
{
  g_autoptr(GVariant) old = NULL;
  g_autofree char *uri = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  const char *value;
  char iso[11];
  guint n = 0;

  if (self->dataset == NULL || frontline_view_state_get_day (self->state) == FRONTLINE_DAY_NONE)
    return;

  uri = g_file_get_uri (frontline_dataset_get_file (self->dataset));
  frontline_day_format_buf (frontline_view_state_get_day (self->state), iso);

  old = g_settings_get_value (self->settings, "dataset-days");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&builder, "{ss}", uri, iso);
  g_variant_iter_init (&iter, old);
  /* Keep the 50 most recent others. */
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value) && n++ < 50)
    if (!g_str_equal (key, uri))
      g_variant_builder_add (&builder, "{ss}", key, value);
  g_settings_set_value (self->settings, "dataset-days", g_variant_builder_end (&builder));
}

void
_frontline_window_save_state (FrontlineWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  int width = 0;
  int height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set (self->settings, "map-view", "(ddd)",
                  shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                  shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                  shumate_viewport_get_zoom_level (viewport));
  g_settings_apply (self->settings);
}

void
_frontline_window_restore_state (FrontlineWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  int width;
  int height;
  double latitude;
  double longitude;
  double zoom;

  /* Settings are user input too (dconf-editor, gsettings set): anything out
   * of range falls back to the schema's default instead of reaching GTK or
   * libshumate, which would warn or draw nothing. */
  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  if (width < 360 || width > 16384 || height < 294 || height > 16384)
    {
      g_autoptr(GVariant) fallback = g_settings_get_default_value (self->settings, "window-size");

      g_variant_get (fallback, "(ii)", &width, &height);
    }
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_get (self->settings, "map-view", "(ddd)", &latitude, &longitude, &zoom);
  if (!isfinite (latitude) || fabs (latitude) > SHUMATE_MAX_LATITUDE ||
      !isfinite (longitude) || fabs (longitude) > SHUMATE_MAX_LONGITUDE ||
      !isfinite (zoom) || zoom < 1 || zoom > 20)
    {
      g_autoptr(GVariant) fallback = g_settings_get_default_value (self->settings, "map-view");

      g_variant_get (fallback, "(ddd)", &latitude, &longitude, &zoom);
    }
  shumate_location_set_location (SHUMATE_LOCATION (viewport), latitude, longitude);
  shumate_viewport_set_zoom_level (viewport, zoom);
}
