/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "frontline-preferences-window.h"

struct _FrontlinePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwComboRow          *style_row;
  GtkSwitch            *reopen_switch;
};

G_DEFINE_FINAL_TYPE (FrontlinePreferencesWindow, frontline_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The order of the rows in the style combo row. */
static const char * const style_variants[] = { "default", "light", "dark" };

static gboolean
style_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *style = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (style_variants); i++)
    {
      if (g_strcmp0 (style, style_variants[i]) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
style_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (style_variants))
    return NULL;

  return g_variant_new_string (style_variants[selected]);
}

static void
frontline_preferences_window_constructed (GObject *object)
{
  FrontlinePreferencesWindow *self = FRONTLINE_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (frontline_preferences_window_parent_class)->constructed (object);

  g_settings_bind_with_mapping (self->settings, "style-variant",
                                self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                style_get_mapping, style_set_mapping,
                                NULL, NULL);
  g_settings_bind (self->settings, "reopen-last-dataset",
                   self->reopen_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
frontline_preferences_window_dispose (GObject *object)
{
  FrontlinePreferencesWindow *self = FRONTLINE_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FRONTLINE_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (frontline_preferences_window_parent_class)->dispose (object);
}

static void
frontline_preferences_window_set_property (GObject      *object,
                                           guint         prop_id,
                                           const GValue *value,
                                           GParamSpec   *pspec)
{
  FrontlinePreferencesWindow *self = FRONTLINE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_preferences_window_class_init (FrontlinePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = frontline_preferences_window_constructed;
  object_class->dispose = frontline_preferences_window_dispose;
  object_class->set_property = frontline_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/frontline-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlinePreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePreferencesWindow, reopen_switch);
}

static void
frontline_preferences_window_init (FrontlinePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWindow *
frontline_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (FRONTLINE_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}
