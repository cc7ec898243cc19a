/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-place"

#include "config.h"

#include "frontline-model-private.h"

/* A named point of the dataset: a town or village.
 *
 * Built by the loader (which fills the fields through
 * frontline-model-private.h) and read-only afterwards, so threads can share it. */

G_DEFINE_FINAL_TYPE (FrontlinePlace, frontline_place, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_NAME_LOCAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
frontline_place_finalize (GObject *object)
{
  FrontlinePlace *self = FRONTLINE_PLACE (object);

  g_free (self->name);
  g_free (self->name_local);

  G_OBJECT_CLASS (frontline_place_parent_class)->finalize (object);
}

static void
frontline_place_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FrontlinePlace *self = FRONTLINE_PLACE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_NAME_LOCAL:
      g_value_set_string (value, self->name_local);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_place_class_init (FrontlinePlaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = frontline_place_finalize;
  object_class->get_property = frontline_place_get_property;

  /* The name shown on the map. */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* The name in the local language and script, or %NULL. */
  properties[PROP_NAME_LOCAL] =
    g_param_spec_string ("name-local", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
frontline_place_init (FrontlinePlace *self)
{
}

const char *
frontline_place_get_name (FrontlinePlace *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PLACE (self), NULL);

  return self->name;
}

const char *
frontline_place_get_name_local (FrontlinePlace *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PLACE (self), NULL);

  return self->name_local;
}

double
frontline_place_get_lon (FrontlinePlace *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PLACE (self), 0.0);

  return self->lon;
}

double
frontline_place_get_lat (FrontlinePlace *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PLACE (self), 0.0);

  return self->lat;
}
