/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-faction"

#include "config.h"

#include <string.h>

#include "frontline-model-private.h"

/* A side in the dataset: a name and a colour to draw its ground in.
 *
 * Built by the loader (which fills the fields through
 * frontline-model-private.h) and read-only afterwards, so threads can share it. */

G_DEFINE_FINAL_TYPE (FrontlineFaction, frontline_faction, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COLOR,
  PROP_HATCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
frontline_faction_finalize (GObject *object)
{
  FrontlineFaction *self = FRONTLINE_FACTION (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->color);
  g_free (self->hatch);

  G_OBJECT_CLASS (frontline_faction_parent_class)->finalize (object);
}

static void
frontline_faction_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FrontlineFaction *self = FRONTLINE_FACTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_HATCH:
      g_value_set_string (value, self->hatch);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_faction_class_init (FrontlineFactionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = frontline_faction_finalize;
  object_class->get_property = frontline_faction_get_property;

  /* The faction's identifier, as areas cite it. */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* The name shown to people. */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* The colour as #rrggbb. */
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* The hatch style of its claimed ground, or %NULL for the default. */
  properties[PROP_HATCH] =
    g_param_spec_string ("hatch", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
frontline_faction_init (FrontlineFaction *self)
{
}

const char *
frontline_faction_get_id (FrontlineFaction *self)
{
  g_return_val_if_fail (FRONTLINE_IS_FACTION (self), NULL);

  return self->id;
}

const char *
frontline_faction_get_name (FrontlineFaction *self)
{
  g_return_val_if_fail (FRONTLINE_IS_FACTION (self), NULL);

  return self->name;
}

const char *
frontline_faction_get_color (FrontlineFaction *self)
{
  g_return_val_if_fail (FRONTLINE_IS_FACTION (self), NULL);

  return self->color;
}

const char *
frontline_faction_get_hatch (FrontlineFaction *self)
{
  g_return_val_if_fail (FRONTLINE_IS_FACTION (self), NULL);

  return self->hatch;
}

/**
 * frontline_faction_get_rgb:
 * @rgb: (out caller-allocates): red, green and blue, from 0 to 1
 */
void
frontline_faction_get_rgb (FrontlineFaction *self,
                           double            rgb[3])
{
  g_return_if_fail (FRONTLINE_IS_FACTION (self));

  memcpy (rgb, self->rgb, sizeof self->rgb);
}
