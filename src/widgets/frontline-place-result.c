/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-place-result"

#include "config.h"

#include "frontline-place-result.h"

/* One place found by the place search: from the dataset or the gazetteer,
 * with a line saying which. Immutable. */
struct _FrontlinePlaceResult
{
  GObject  parent_instance;

  char    *name;
  char    *detail;
  double   lon;
  double   lat;
};

G_DEFINE_FINAL_TYPE (FrontlinePlaceResult, frontline_place_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
frontline_place_result_finalize (GObject *object)
{
  FrontlinePlaceResult *self = FRONTLINE_PLACE_RESULT (object);

  g_free (self->name);
  g_free (self->detail);

  G_OBJECT_CLASS (frontline_place_result_parent_class)->finalize (object);
}

static void
frontline_place_result_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  FrontlinePlaceResult *self = FRONTLINE_PLACE_RESULT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_place_result_class_init (FrontlinePlaceResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = frontline_place_result_finalize;
  object_class->get_property = frontline_place_result_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
frontline_place_result_init (FrontlinePlaceResult *self)
{
}

FrontlinePlaceResult *
frontline_place_result_new (const char *name,
                            const char *detail,
                            double      lon,
                            double      lat)
{
  FrontlinePlaceResult *self = g_object_new (FRONTLINE_TYPE_PLACE_RESULT, NULL);

  self->name = g_strdup (name);
  self->detail = g_strdup (detail);
  self->lon = lon;
  self->lat = lat;
  return self;
}

const char *
frontline_place_result_get_name (FrontlinePlaceResult *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PLACE_RESULT (self), NULL);

  return self->name;
}

const char *
frontline_place_result_get_detail (FrontlinePlaceResult *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PLACE_RESULT (self), NULL);

  return self->detail;
}

double
frontline_place_result_get_lon (FrontlinePlaceResult *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PLACE_RESULT (self), 0);

  return self->lon;
}

double
frontline_place_result_get_lat (FrontlinePlaceResult *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PLACE_RESULT (self), 0);

  return self->lat;
}
