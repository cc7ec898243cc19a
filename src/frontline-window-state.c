/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What the window remembers between sessions: its size, the map's view and
 * the date chosen in each dataset (settings are checked like any input);
 * and what a dataset opens on: that date, else its first stop. */

#define G_LOG_DOMAIN "frontline-window"

#include "config.h"

#include <math.h>

#include "frontline-window-private.h"

/* What @dataset is remembered by: its file's URI, or a database table's
 * address (never with a password); NULL for neither. */
static char *
dup_dataset_key (FrontlineDataset *dataset)
{
  FrontlineArchive *archive = frontline_dataset_get_archive (dataset);

  if (frontline_dataset_get_file (dataset) != NULL)
    return g_file_get_uri (frontline_dataset_get_file (dataset));
  if (archive != NULL && frontline_archive_get_location (archive) != NULL)
    return frontline_archive_location_to_string (frontline_archive_get_location (archive));
  return NULL;
}

/* The day remembered for @dataset, or FRONTLINE_DAY_NONE. */
FrontlineDay
_frontline_window_recall_day (FrontlineWindow  *self,
                              FrontlineDataset *dataset)
{
  g_autoptr(GVariant) days = g_settings_get_value (self->settings, "dataset-days");
  g_autofree char *uri = dup_dataset_key (dataset);
  const char *text = NULL;
  FrontlineDay day;

  if (uri != NULL && g_variant_lookup (days, uri, "&s", &text) && frontline_day_parse (text, &day) &&
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

  uri = dup_dataset_key (self->dataset);
  if (uri == NULL)
    return;
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

/* How many files' field mappings are kept. */
#define MAX_REMEMBERED_MAPPINGS 50

/* Sets the "field-mappings" entry of @uri to @text (removed when NULL),
 * first, keeping the most recent others. */
static void
set_mapping_entry (GSettings  *settings,
                   const char *uri,
                   const char *text)
{
  g_autoptr(GVariant) old = g_settings_get_value (settings, "field-mappings");
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));
  GVariantIter iter;
  const char *key;
  const char *value;
  guint n = text != NULL ? 1 : 0;

  if (text != NULL)
    g_variant_builder_add (&builder, "{ss}", uri, text);
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    if (!g_str_equal (key, uri) && n++ < MAX_REMEMBERED_MAPPINGS)
      g_variant_builder_add (&builder, "{ss}", key, value);
  g_settings_set_value (settings, "field-mappings", g_variant_builder_end (&builder));
}

/* Returns: (transfer full) (nullable): the field mapping remembered for
 * @file's layers, or NULL */
FrontlineLoadOptions *
_frontline_window_recall_mapping (GSettings *settings,
                                  GFile     *file)
{
  g_autoptr(GVariant) mappings = g_settings_get_value (settings, "field-mappings");
  g_autoptr(GVariant) layers = NULL;
  g_autoptr(FrontlineLoadOptions) options = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  const char *text = NULL;
  GVariantIter iter;
  const char *layer;
  const char *mapping_text;

  if (!g_variant_lookup (mappings, uri, "&s", &text))
    return NULL;

  /* Layer name → the mapping's own text (frontline_field_mapping_to_string). */
  layers = g_variant_parse (G_VARIANT_TYPE ("a{ss}"), text, NULL, NULL, NULL);
  if (layers == NULL)
    return NULL;

  options = frontline_load_options_new ();
  g_variant_iter_init (&iter, layers);
  while (g_variant_iter_next (&iter, "{&s&s}", &layer, &mapping_text))
    {
      g_autoptr(FrontlineFieldMapping) mapping = frontline_field_mapping_from_string (mapping_text);

      if (mapping != NULL && frontline_field_mapping_is_complete (mapping))
        frontline_load_options_set_mapping (options, layer, mapping);
    }

  if (!frontline_load_options_has_mapping (options))
    return NULL;

  return g_steal_pointer (&options);
}

/* Remembers the mapping of @layers in @options for the next time @file opens. */
void
_frontline_window_remember_mapping (GSettings            *settings,
                                    GFile                *file,
                                    FrontlineLoadOptions *options,
                                    const char * const   *layers)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));
  g_autoptr(GVariant) value = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *text = NULL;

  for (guint i = 0; layers != NULL && layers[i] != NULL; i++)
    {
      const FrontlineFieldMapping *mapping = frontline_load_options_get_mapping (options, layers[i]);
      g_autofree char *mapping_text = NULL;

      if (mapping == NULL)
        continue;
      mapping_text = frontline_field_mapping_to_string (mapping);
      g_variant_builder_add (&builder, "{ss}", layers[i], mapping_text);
    }

  value = g_variant_ref_sink (g_variant_builder_end (&builder));
  text = g_variant_print (value, FALSE);
  set_mapping_entry (settings, uri, text);
}

void
_frontline_window_forget_mapping (GSettings *settings,
                                  GFile     *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  set_mapping_entry (settings, uri, NULL);
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

/* The width from which a dataset opens with the side panel shown. */
#define PANEL_MIN_WINDOW_WIDTH 1100

/* The day a dataset opens on: where the user left it; the first time, its
 * first stop's day (the stop goes to @first, for its view), else its last
 * day. */
FrontlineDay
_frontline_window_first_day (FrontlineWindow   *self,
                             FrontlineDataset  *dataset,
                             FrontlineStop    **first)
{
  GListModel *stops = frontline_dataset_get_stops (dataset);
  FrontlineDay day = _frontline_window_recall_day (self, dataset);

  *first = NULL;
  if (day == FRONTLINE_DAY_NONE && stops != NULL && g_list_model_get_n_items (stops) > 0)
    {
      *first = g_list_model_get_item (stops, 0);
      day = CLAMP (frontline_stop_get_day (*first), frontline_dataset_get_first_day (dataset),
                   frontline_dataset_get_last_day (dataset));
    }
  if (day == FRONTLINE_DAY_NONE)
    day = frontline_dataset_get_last_day (dataset);

  return day;
}

/* Shows the side panel once the flap has been laid out. */
static gboolean
reveal_panel_tick_cb (GtkWidget     *flap,
                      GdkFrameClock *clock,
                      gpointer       data)
{
  FrontlineWindow *self = data;

  if (gtk_widget_get_mapped (flap) && gtk_widget_get_width (flap) <= 0)
    return G_SOURCE_CONTINUE;

  self->reveal_panel_tick = 0;
  if (!frontline_presentation_get_active (self->presentation))
    adw_flap_set_reveal_flap (self->flap, TRUE);
  return G_SOURCE_REMOVE;
}

/* Shows the side panel. AdwFlap 1.2 starts its reveal animation at the
 * velocity asked for (0) divided by the width the panel was last given: on a
 * flap shown (mapped) but not yet laid out, 0 / 0, a NaN. The animation then
 * plays, and a first frame at its start time makes the reveal progress NaN:
 * the panel's box is allocated G_MININT pixels wide (a Gtk-WARNING) and the
 * first view is fitted to a map of no sensible width. An unmapped flap skips
 * the animation and is simply open; a mapped one waits for its first
 * layout. */
static void
reveal_panel (FrontlineWindow *self)
{
  GtkWidget *flap = GTK_WIDGET (self->flap);

  if (!gtk_widget_get_mapped (flap) || gtk_widget_get_width (flap) > 0)
    {
      adw_flap_set_reveal_flap (self->flap, TRUE);
      return;
    }
  if (self->reveal_panel_tick == 0)
    self->reveal_panel_tick = gtk_widget_add_tick_callback (flap, reveal_panel_tick_cb,
                                                            self, NULL);
}

/* Opens the side panel when the window has room for it. Called before the
 * map's page shows (see reveal_panel()). */
void
_frontline_window_reveal_panel_if_room (FrontlineWindow *self)
{
  int width;
  int height;

  /* The window's size as it was asked for and as the user resized it (what
   * is remembered): before it is shown, the size it will have; once shown,
   * not its content's width, which client-side decorations make smaller
   * (1090 px in a window of the default 1100, and then no panel). */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width >= PANEL_MIN_WINDOW_WIDTH && !frontline_presentation_get_active (self->presentation))
    {
      reveal_panel (self);
      /* A flap folded before the window has its size hides itself: show
       * the panel again once the window has room for it. */
      self->reveal_panel_when_unfolded = adw_flap_get_folded (self->flap) ||
                                         !gtk_widget_get_mapped (GTK_WIDGET (self));
    }
}

void
_frontline_window_flap_folded_changed (FrontlineWindow *self)
{
  if (!self->reveal_panel_when_unfolded || adw_flap_get_folded (self->flap))
    return;

  self->reveal_panel_when_unfolded = FALSE;
  if (!frontline_presentation_get_active (self->presentation))
    reveal_panel (self);
}
