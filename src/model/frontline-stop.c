/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-stop"

#include "config.h"

#include "frontline-model-private.h"

/* A step of a briefing: a date, a view, a title, a caption and quotes to show.
 *
 * Built by the loader (which fills the fields through
 * frontline-model-private.h) and read-only afterwards, so threads can share it. */

G_DEFINE_FINAL_TYPE (FrontlineStop, frontline_stop, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DATE,
  PROP_CAPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
frontline_stop_finalize (GObject *object)
{
  FrontlineStop *self = FRONTLINE_STOP (object);

  g_free (self->title);
  g_free (self->date);
  g_free (self->caption);
  g_strfreev (self->quote_ids);

  G_OBJECT_CLASS (frontline_stop_parent_class)->finalize (object);
}

static void
frontline_stop_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FrontlineStop *self = FRONTLINE_STOP (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_CAPTION:
      g_value_set_string (value, self->caption);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_stop_class_init (FrontlineStopClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = frontline_stop_finalize;
  object_class->get_property = frontline_stop_get_property;

  /* The title shown large. */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* The date it shows, as YYYY-MM-DD. */
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* The text shown under the title, or %NULL. */
  properties[PROP_CAPTION] =
    g_param_spec_string ("caption", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
frontline_stop_init (FrontlineStop *self)
{
}

const char *
frontline_stop_get_title (FrontlineStop *self)
{
  g_return_val_if_fail (FRONTLINE_IS_STOP (self), NULL);

  return self->title;
}

const char *
frontline_stop_get_date (FrontlineStop *self)
{
  g_return_val_if_fail (FRONTLINE_IS_STOP (self), NULL);

  return self->date;
}

const char *
frontline_stop_get_caption (FrontlineStop *self)
{
  g_return_val_if_fail (FRONTLINE_IS_STOP (self), NULL);

  return self->caption;
}
