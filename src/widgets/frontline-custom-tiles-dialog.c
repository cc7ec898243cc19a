/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-custom-tiles-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "frontline-basemap-choice.h"
#include "frontline-custom-tiles-dialog.h"
#include "frontline-error-dialog.h"
#include "frontline-tile-source.h"

/* Add Custom Tiles…: a URL template and its attribution. A valid template
 * with a credit goes first into the "custom-sources" setting and becomes the
 * base map; anything else is refused with the reason. */
struct _FrontlineCustomTilesDialog
{
  AdwMessageDialog  parent_instance;

  GSettings        *settings;

  /* Template widgets */
  GtkEditable      *url_row;
  GtkEditable      *attribution_row;
};

G_DEFINE_FINAL_TYPE (FrontlineCustomTilesDialog, frontline_custom_tiles_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
add_source (FrontlineCustomTilesDialog *self,
            const char                 *url,
            const char                 *attribution)
{
  g_autoptr(GVariant) old = g_settings_get_value (self->settings, "custom-sources");
  g_autofree char *target = frontline_basemap_choice_to_string (FRONTLINE_BASEMAP_CUSTOM, url);
  GVariantBuilder builder;
  GVariantIter iter;
  const char *old_url;
  const char *old_attribution;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ss)"));
  g_variant_builder_add (&builder, "(ss)", url, attribution);
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "(&s&s)", &old_url, &old_attribution))
    if (!g_str_equal (old_url, url))
      g_variant_builder_add (&builder, "(ss)", old_url, old_attribution);
  g_settings_set_value (self->settings, "custom-sources", g_variant_builder_end (&builder));
  g_settings_set_string (self->settings, "basemap", target);
}

static void
on_response_cb (FrontlineCustomTilesDialog *self,
                const char                 *response)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  const char *url = gtk_editable_get_text (self->url_row);
  const char *attribution = gtk_editable_get_text (self->attribution_row);
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = NULL;

  if (!g_str_equal (response, "add") || self->settings == NULL)
    return;

  if (!frontline_tile_source_validate_url_template (url, &error))
    {
      frontline_error_dialog_present (parent, _("Could Not Add the Tiles"), error->message);
      return;
    }
  if (g_strstrip (trimmed = g_strdup (attribution))[0] == '\0')
    {
      /* Map data is always credited: a source without attribution is not added. */
      frontline_error_dialog_present (parent, _("Could Not Add the Tiles"),
                                      _("Say whose map data the tiles show: the attribution is shown on the map and in every export."));
      return;
    }

  add_source (self, url, attribution);
}

static void
frontline_custom_tiles_dialog_dispose (GObject *object)
{
  FrontlineCustomTilesDialog *self = FRONTLINE_CUSTOM_TILES_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FRONTLINE_TYPE_CUSTOM_TILES_DIALOG);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (frontline_custom_tiles_dialog_parent_class)->dispose (object);
}

static void
frontline_custom_tiles_dialog_get_property (GObject    *object,
                                            guint       prop_id,
                                            GValue     *value,
                                            GParamSpec *pspec)
{
  FrontlineCustomTilesDialog *self = FRONTLINE_CUSTOM_TILES_DIALOG (object);

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
frontline_custom_tiles_dialog_set_property (GObject      *object,
                                            guint         prop_id,
                                            const GValue *value,
                                            GParamSpec   *pspec)
{
  FrontlineCustomTilesDialog *self = FRONTLINE_CUSTOM_TILES_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_custom_tiles_dialog_class_init (FrontlineCustomTilesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = frontline_custom_tiles_dialog_dispose;
  object_class->get_property = frontline_custom_tiles_dialog_get_property;
  object_class->set_property = frontline_custom_tiles_dialog_set_property;

  /**
   * FrontlineCustomTilesDialog:settings:
   *
   * The settings the source is added to.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/frontline-custom-tiles-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlineCustomTilesDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, FrontlineCustomTilesDialog, attribution_row);
  gtk_widget_class_bind_template_callback (widget_class, on_response_cb);
}

static void
frontline_custom_tiles_dialog_init (FrontlineCustomTilesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

FrontlineCustomTilesDialog *
frontline_custom_tiles_dialog_new (GtkWindow *parent,
                                   GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (FRONTLINE_TYPE_CUSTOM_TILES_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "settings", settings,
                       NULL);
}
