/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "frontline-basemap-source.h"
#include "frontline-control-layer.h"
#include "frontline-label-layer.h"
#include "frontline-layers-menu.h"
#include "frontline-test-utils.h"
#include "frontline-window.h"

/* Map Layers: the areas and the place names can be hidden, the areas made
 * see-through; the settings remember, from the keyboard too. */

static FrontlineApplication *app;

/* The action of the item at @index of the menu's first section. */
static char *
item_action (GMenuModel *menu,
             int         index)
{
  g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  char *action = NULL;

  g_assert_nonnull (section);
  g_menu_model_get_item_attribute (section, index, G_MENU_ATTRIBUTE_ACTION, "s", &action);
  return action;
}

static void
test_overlay_toggles (void)
{
  GSettings *settings = frontline_application_get_settings (app);
  FrontlineWindow *window = FRONTLINE_WINDOW (frontline_application_new_window (app));
  FrontlineLayersMenu *menu;
  GtkWidget *areas;
  GtkWidget *labels;
  GMenuModel *model;
  g_autofree char *first = NULL;
  g_autofree char *third = NULL;

  gtk_window_present (GTK_WINDOW (window));
  menu = FRONTLINE_LAYERS_MENU (frontline_test_find_widget (GTK_WIDGET (window), FRONTLINE_TYPE_LAYERS_MENU));
  areas = frontline_test_find_widget (GTK_WIDGET (window), FRONTLINE_TYPE_CONTROL_LAYER);
  labels = frontline_test_find_widget (GTK_WIDGET (window), FRONTLINE_TYPE_LABEL_LAYER);
  g_assert_nonnull (menu);
  g_assert_nonnull (areas);
  g_assert_nonnull (labels);

  /* The overlay comes first: Areas, the opacity slider, Place Names. */
  model = frontline_layers_menu_get_model (menu);
  first = item_action (model, 0);
  third = item_action (model, 2);
  g_assert_cmpstr (first, ==, "win.show-areas");
  g_assert_cmpstr (third, ==, "win.show-labels");

  g_assert_true (gtk_widget_get_visible (areas));
  g_assert_true (gtk_widget_get_visible (labels));
  g_assert_true (frontline_test_get_boolean (g_action_map_lookup_action (G_ACTION_MAP (window), "show-areas"),
                                             "enabled"));

  /* Each item hides its layer, and the settings remember. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-areas", NULL);
  g_assert_false (gtk_widget_get_visible (areas));
  g_assert_false (g_settings_get_boolean (settings, "show-areas"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-labels", NULL);
  g_assert_false (gtk_widget_get_visible (labels));
  g_assert_false (g_settings_get_boolean (settings, "show-labels"));

  /* A new window starts as the last one was left. */
  {
    FrontlineWindow *other = FRONTLINE_WINDOW (frontline_application_new_window (app));
    g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (other), "show-areas");

    g_assert_false (gtk_widget_get_visible (frontline_test_find_widget (GTK_WIDGET (other), FRONTLINE_TYPE_CONTROL_LAYER)));
    g_assert_false (gtk_widget_get_visible (frontline_test_find_widget (GTK_WIDGET (other), FRONTLINE_TYPE_LABEL_LAYER)));
    g_assert_false (g_variant_get_boolean (state));
    gtk_window_destroy (GTK_WINDOW (other));
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-areas", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-labels", NULL);
  g_assert_true (gtk_widget_get_visible (areas));
  g_assert_true (gtk_widget_get_visible (labels));

  g_settings_reset (settings, "show-areas");
  g_settings_reset (settings, "show-labels");
  frontline_test_close_all ();
}

static void
test_opacity (void)
{
  GSettings *settings = frontline_application_get_settings (app);
  FrontlineWindow *window = FRONTLINE_WINDOW (frontline_application_new_window (app));
  FrontlineLayersMenu *menu;
  GtkAdjustment *opacity;
  GtkWidget *areas;
  GtkWidget *scale;
  GtkPopover *popover;

  gtk_window_present (GTK_WINDOW (window));
  menu = FRONTLINE_LAYERS_MENU (frontline_test_find_widget (GTK_WIDGET (window), FRONTLINE_TYPE_LAYERS_MENU));
  areas = frontline_test_find_widget (GTK_WIDGET (window), FRONTLINE_TYPE_CONTROL_LAYER);
  opacity = frontline_layers_menu_get_opacity (menu);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (opacity), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (gtk_widget_get_opacity (areas), 1.0, 1e-9);

  /* The slider is in the menu, and takes the keyboard. */
  popover = frontline_layers_menu_get_popover (menu);
  scale = frontline_test_find_widget (GTK_WIDGET (popover), GTK_TYPE_SCALE);
  g_assert_nonnull (scale);
  g_assert_true (gtk_widget_get_focusable (scale));
  g_assert_true (gtk_range_get_adjustment (GTK_RANGE (scale)) == opacity);

  /* The slider sets the setting, which the areas follow (GTK keeps opacity
   * in 8 bits). */
  gtk_adjustment_set_value (opacity, 0.4);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "areas-opacity"), 0.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (gtk_widget_get_opacity (areas), 0.4, 0.01);

  /* And the setting, the slider. */
  g_settings_set_double (settings, "areas-opacity", 0.7);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (opacity), 0.7, 1e-9);
  g_assert_cmpfloat_with_epsilon (gtk_widget_get_opacity (areas), 0.7, 0.01);

  g_settings_reset (settings, "areas-opacity");
  g_assert_cmpfloat_with_epsilon (gtk_widget_get_opacity (areas), 1.0, 0.01);
  frontline_test_close_all ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  frontline_gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  app = frontline_test_application_new ();

  g_test_add_func ("/frontline/layers-menu/overlay-toggles", test_overlay_toggles);
  g_test_add_func ("/frontline/layers-menu/opacity", test_opacity);

  ret = g_test_run ();

  frontline_basemap_source_shutdown ();
  g_clear_object (&app);

  return ret;
}
