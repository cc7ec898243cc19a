/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-layers-menu"

#include "config.h"

#include <glib/gi18n.h>

#include "frontline-basemap-choice.h"
#include "frontline-layers-menu.h"
#include "frontline-tile-source.h"

/* The Map Layers button in the header bar: the offline basemap, the built-in
 * online sources, the custom tiles and MBTiles files the settings remember,
 * and the ways to add more. Its items are win.basemap with the choice as
 * target, win.add-mbtiles and win.add-custom-tiles; it follows the settings.
 * Above them, the overlay: win.show-areas and win.show-labels, and a slider
 * for the areas' opacity, bound to the "areas-opacity" setting. */
struct _FrontlineLayersMenu
{
  GtkWidget  parent_instance;

  GSettings *settings;

  /* Template widgets */
  GtkWidget *button;
  GMenu     *menu;
  GtkWidget *opacity_box;
  GtkAdjustment *opacity;
};

G_DEFINE_FINAL_TYPE (FrontlineLayersMenu, frontline_layers_menu, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rebuild (FrontlineLayersMenu *self)
{
  g_autoptr(GMenu) sources = g_menu_new ();
  g_autoptr(GMenu) files = g_menu_new ();
  g_autoptr(GMenu) custom = g_menu_new ();
  g_autoptr(GMenu) add = g_menu_new ();
  g_auto(GStrv) mbtiles = NULL;
  g_autoptr(GVariant) custom_sources = NULL;
  const FrontlineTileSourceInfo *infos;
  guint n_infos = 0;
  GVariantIter iter;
  const char *url;
  const char *attribution;

  /* The overlay's section stays: its slider lives in it. */
  while (g_menu_model_get_n_items (G_MENU_MODEL (self->menu)) > 1)
    g_menu_remove (self->menu, 1);
  if (self->settings == NULL)
    return;

  mbtiles = g_settings_get_strv (self->settings, "mbtiles-files");
  custom_sources = g_settings_get_value (self->settings, "custom-sources");

  g_menu_append (sources, _("Offline Basemap"), "win.basemap::offline");
  infos = frontline_tile_source_get_builtin_info (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (infos[i].name, NULL);

      g_menu_item_set_action_and_target (item, "win.basemap", "s", infos[i].id);
      g_menu_append_item (sources, item);
    }
  g_menu_append_section (self->menu, _("Base Map"), G_MENU_MODEL (sources));

  g_variant_iter_init (&iter, custom_sources);
  while (g_variant_iter_next (&iter, "(&s&s)", &url, &attribution))
    {
      g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);
      g_autofree char *target = frontline_basemap_choice_to_string (FRONTLINE_BASEMAP_CUSTOM, url);
      g_autoptr(GMenuItem) item = g_menu_item_new (uri ? g_uri_get_host (uri) : url, NULL);

      g_menu_item_set_action_and_target (item, "win.basemap", "s", target);
      g_menu_append_item (custom, item);
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (custom)) > 0)
    g_menu_append_section (self->menu, _("Custom Tiles"), G_MENU_MODEL (custom));

  for (guint i = 0; mbtiles[i] != NULL; i++)
    {
      g_autofree char *name = g_path_get_basename (mbtiles[i]);
      g_autofree char *target = frontline_basemap_choice_to_string (FRONTLINE_BASEMAP_MBTILES, mbtiles[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target (item, "win.basemap", "s", target);
      g_menu_append_item (files, item);
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (files)) > 0)
    g_menu_append_section (self->menu, _("MBTiles Files"), G_MENU_MODEL (files));

  g_menu_append (add, _("Add _MBTiles…"), "win.add-mbtiles");
  g_menu_append (add, _("Add _Custom Tiles…"), "win.add-custom-tiles");
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (add));
}

void
frontline_layers_menu_set_settings (FrontlineLayersMenu *self,
                                    GSettings           *settings)
{
  g_return_if_fail (FRONTLINE_IS_LAYERS_MENU (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings == settings)
    return;

  if (self->settings != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->settings, rebuild, self);
      g_settings_unbind (self->opacity, "value");
    }
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    {
      g_settings_bind (settings, "areas-opacity", self->opacity, "value", G_SETTINGS_BIND_DEFAULT);
      g_signal_connect_object (settings, "changed::mbtiles-files", G_CALLBACK (rebuild),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (settings, "changed::custom-sources", G_CALLBACK (rebuild),
                               self, G_CONNECT_SWAPPED);
    }

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

/**
 * frontline_layers_menu_get_model:
 *
 * Returns: (transfer none): the menu
 */
GMenuModel *
frontline_layers_menu_get_model (FrontlineLayersMenu *self)
{
  g_return_val_if_fail (FRONTLINE_IS_LAYERS_MENU (self), NULL);

  return G_MENU_MODEL (self->menu);
}

static void
frontline_layers_menu_dispose (GObject *object)
{
  FrontlineLayersMenu *self = FRONTLINE_LAYERS_MENU (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FRONTLINE_TYPE_LAYERS_MENU);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (frontline_layers_menu_parent_class)->dispose (object);
}

static void
frontline_layers_menu_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  FrontlineLayersMenu *self = FRONTLINE_LAYERS_MENU (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_layers_menu_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  FrontlineLayersMenu *self = FRONTLINE_LAYERS_MENU (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      frontline_layers_menu_set_settings (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_layers_menu_class_init (FrontlineLayersMenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = frontline_layers_menu_dispose;
  object_class->get_property = frontline_layers_menu_get_property;
  object_class->set_property = frontline_layers_menu_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/frontline-layers-menu.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlineLayersMenu, button);
  gtk_widget_class_bind_template_child (widget_class, FrontlineLayersMenu, menu);
  gtk_widget_class_bind_template_child (widget_class, FrontlineLayersMenu, opacity_box);
  gtk_widget_class_bind_template_child (widget_class, FrontlineLayersMenu, opacity);
}

static void
frontline_layers_menu_init (FrontlineLayersMenu *self)
{
  GtkPopover *popover;

  gtk_widget_init_template (GTK_WIDGET (self));

  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->button));
  gtk_popover_menu_add_child (GTK_POPOVER_MENU (popover), self->opacity_box, "opacity");
}

/**
 * frontline_layers_menu_get_opacity:
 *
 * Returns: (transfer none): the areas' opacity, which the slider shows
 */
GtkAdjustment *
frontline_layers_menu_get_opacity (FrontlineLayersMenu *self)
{
  g_return_val_if_fail (FRONTLINE_IS_LAYERS_MENU (self), NULL);

  return self->opacity;
}

/**
 * frontline_layers_menu_get_popover:
 *
 * Returns: (transfer none): the popover the button opens
 */
GtkPopover *
frontline_layers_menu_get_popover (FrontlineLayersMenu *self)
{
  g_return_val_if_fail (FRONTLINE_IS_LAYERS_MENU (self), NULL);

  return gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->button));
}

FrontlineLayersMenu *
frontline_layers_menu_new (void)
{
  return g_object_new (FRONTLINE_TYPE_LAYERS_MENU, NULL);
}
