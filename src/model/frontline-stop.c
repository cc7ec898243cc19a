/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-stop"

#include "config.h"

#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>

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
  PROP_NOTES,
  PROP_DURATION,
  PROP_ANNOTATIONS,
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
  g_free (self->id);
  g_free (self->notes);
  g_ptr_array_unref (self->annotations);
  g_strfreev (self->quote_ids);
  g_clear_pointer (&self->object, json_object_unref);

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

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_DURATION:
      g_value_set_double (value, frontline_stop_get_duration (self));
      break;

    case PROP_ANNOTATIONS:
      g_value_set_boxed (value, self->annotations);
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

  /* The speaker's notes: what the presenter sees, never the audience. */
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Seconds the animated move to this stop takes (0: a cut). */
  properties[PROP_DURATION] =
    g_param_spec_double ("duration", NULL, NULL, 0, FRONTLINE_STOP_MAX_DURATION, FRONTLINE_STOP_DEFAULT_DURATION,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The drawings on the map (element-type FrontlineAnnotation). */
  properties[PROP_ANNOTATIONS] =
    g_param_spec_boxed ("annotations", NULL, NULL, G_TYPE_PTR_ARRAY,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
frontline_stop_init (FrontlineStop *self)
{
  self->annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) frontline_annotation_free);
  self->duration = -1;
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

FrontlineDay
frontline_stop_get_day (FrontlineStop *self)
{
  g_return_val_if_fail (FRONTLINE_IS_STOP (self), FRONTLINE_DAY_NONE);

  return self->day;
}

/**
 * frontline_stop_quote_is_later:
 * @quote: a quote the stop cites
 *
 * Whether @quote was said (or, for an approximate date, reported) after the
 * stop's day, so that whoever shows it with the stop can say so. Dates
 * compare as written (a quote dated by month or year is written as the
 * first day of it); a quote without a date is never later.
 *
 * Returns: whether the quote's date is after the stop's day
 */
gboolean
frontline_stop_quote_is_later (FrontlineStop  *self,
                               FrontlineQuote *quote)
{
  FrontlineDay day;

  g_return_val_if_fail (FRONTLINE_IS_STOP (self), FALSE);
  g_return_val_if_fail (FRONTLINE_IS_QUOTE (quote), FALSE);

  day = frontline_quote_get_day (quote);

  return self->day != FRONTLINE_DAY_NONE && day != FRONTLINE_DAY_NONE && day > self->day;
}

/**
 * frontline_stop_get_compare_day:
 *
 * Returns: the date to compare with, or %FRONTLINE_DAY_NONE
 */
FrontlineDay
frontline_stop_get_compare_day (FrontlineStop *self)
{
  g_return_val_if_fail (FRONTLINE_IS_STOP (self), FRONTLINE_DAY_NONE);

  return self->compare_day;
}

/**
 * frontline_stop_get_quote_ids:
 *
 * Returns: (nullable) (transfer none): the quotes to show
 */
const char * const *
frontline_stop_get_quote_ids (FrontlineStop *self)
{
  g_return_val_if_fail (FRONTLINE_IS_STOP (self), NULL);

  return (const char * const *) self->quote_ids;
}

/**
 * frontline_stop_get_view:
 * @view: (out caller-allocates): longitude, latitude and zoom, then 0
 *
 * The stop's centre and zoom. A stop given as a box has none: the box
 * depends on the picture's size, see frontline_stop_get_bbox().
 *
 * Returns: whether the stop has a centre and zoom
 */
gboolean
frontline_stop_get_view (FrontlineStop *self,
                         double         view[5])
{
  g_return_val_if_fail (FRONTLINE_IS_STOP (self), FALSE);

  memset (view, 0, 5 * sizeof (double));
  if (!self->has_center)
    return FALSE;

  view[0] = self->lon;
  view[1] = self->lat;
  view[2] = self->zoom;
  return TRUE;
}

/**
 * frontline_stop_get_bbox:
 * @bbox: (out caller-allocates): west, south, east and north, in degrees
 *
 * The box a stop shows, when it is given as one rather than a centre and
 * zoom; frontline_view_fit_bbox() turns it into a view of the picture's
 * size.
 *
 * Returns: whether the stop has a box
 */
gboolean
frontline_stop_get_bbox (FrontlineStop *self,
                         double         bbox[4])
{
  g_return_val_if_fail (FRONTLINE_IS_STOP (self), FALSE);

  if (!self->has_bbox)
    return FALSE;

  memcpy (bbox, self->bbox, 4 * sizeof (double));
  return TRUE;
}

void
frontline_stop_set_title (FrontlineStop *self,
                          const char    *title)
{
  g_return_if_fail (FRONTLINE_IS_STOP (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
frontline_stop_set_caption (FrontlineStop *self,
                            const char    *caption)
{
  g_return_if_fail (FRONTLINE_IS_STOP (self));

  if (g_strcmp0 (self->caption, caption) == 0)
    return;

  g_free (self->caption);
  self->caption = g_strdup (caption);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTION]);
}

/**
 * frontline_stop_get_id:
 *
 * Returns: (nullable): the stop's "id", as the file gives it
 */
const char *
frontline_stop_get_id (FrontlineStop *self)
{
  g_return_val_if_fail (FRONTLINE_IS_STOP (self), NULL);

  return self->id;
}

/**
 * frontline_stop_get_duration:
 *
 * Returns: seconds the animated move to this stop takes, 0 for a cut
 */
double
frontline_stop_get_duration (FrontlineStop *self)
{
  g_return_val_if_fail (FRONTLINE_IS_STOP (self), FRONTLINE_STOP_DEFAULT_DURATION);

  return self->duration < 0 ? FRONTLINE_STOP_DEFAULT_DURATION : self->duration;
}

void
frontline_stop_set_duration (FrontlineStop *self,
                             double         seconds)
{
  g_return_if_fail (FRONTLINE_IS_STOP (self));
  g_return_if_fail (isfinite (seconds));

  seconds = CLAMP (seconds, 0, FRONTLINE_STOP_MAX_DURATION);
  if (seconds == frontline_stop_get_duration (self) && self->duration >= 0)
    return;

  self->duration = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
}

/**
 * frontline_stop_get_notes:
 *
 * Returns: (nullable): the speaker's notes
 */
const char *
frontline_stop_get_notes (FrontlineStop *self)
{
  g_return_val_if_fail (FRONTLINE_IS_STOP (self), NULL);

  return self->notes;
}

/**
 * frontline_stop_set_notes:
 * @notes: (nullable): the notes; empty or %NULL for none
 */
void
frontline_stop_set_notes (FrontlineStop *self,
                          const char    *notes)
{
  g_return_if_fail (FRONTLINE_IS_STOP (self));

  if (notes != NULL && notes[0] == '\0')
    notes = NULL;
  if (g_strcmp0 (self->notes, notes) == 0)
    return;

  g_free (self->notes);
  self->notes = g_strdup (notes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

/**
 * frontline_stop_get_annotations:
 *
 * Returns: (transfer none) (element-type FrontlineAnnotation): the
 *   drawings on the map, in the order they are drawn; maybe empty
 */
GPtrArray *
frontline_stop_get_annotations (FrontlineStop *self)
{
  g_return_val_if_fail (FRONTLINE_IS_STOP (self), NULL);

  return self->annotations;
}

/**
 * frontline_stop_set_annotations:
 * @annotations: (nullable) (element-type FrontlineAnnotation): copied
 */
void
frontline_stop_set_annotations (FrontlineStop *self,
                                GPtrArray     *annotations)
{
  g_return_if_fail (FRONTLINE_IS_STOP (self));

  g_ptr_array_set_size (self->annotations, 0);
  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    g_ptr_array_add (self->annotations, frontline_annotation_copy (g_ptr_array_index (annotations, i)));
  self->annotations_changed = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATIONS]);
}

/**
 * frontline_stop_new:
 *
 * A stop the user makes: a date and the view on screen.
 *
 * Returns: (transfer full): the stop
 */
FrontlineStop *
frontline_stop_new (const char   *title,
                    FrontlineDay  day,
                    double        lon,
                    double        lat,
                    double        zoom)
{
  FrontlineStop *self = g_object_new (FRONTLINE_TYPE_STOP, NULL);

  self->title = g_strdup (title);
  self->day = day;
  self->date = frontline_day_format (day);
  self->has_center = TRUE;
  self->lon = lon;
  self->lat = lat;
  self->zoom = zoom;

  return self;
}

static JsonNode *
double_node (double value)
{
  return json_node_init_double (json_node_alloc (), value);
}

/**
 * frontline_stop_to_json:
 *
 * Returns: (transfer full): the stop as the dataset format writes it, with
 *   every member it was read with
 */
JsonObject *
frontline_stop_to_json (FrontlineStop *self)
{
  JsonObject *object = json_object_new ();

  g_return_val_if_fail (FRONTLINE_IS_STOP (self), NULL);

  if (self->object != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init_ordered (&iter, self->object);
      while (json_object_iter_next_ordered (&iter, &name, &value))
        json_object_set_member (object, name, json_node_copy (value));
    }

  if (self->title != NULL)
    json_object_set_string_member (object, "title", self->title);
  json_object_set_string_member (object, "date", self->date);
  if (self->caption != NULL)
    json_object_set_string_member (object, "caption", self->caption);
  else if (json_object_has_member (object, "caption"))
    json_object_remove_member (object, "caption");
  /* A duration as read stays as it was written. */
  if (self->duration >= 0 &&
      !(json_object_has_member (object, "duration") &&
        JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "duration")) &&
        json_object_get_double_member (object, "duration") == self->duration))
    json_object_set_member (object, "duration", double_node (self->duration));
  if (self->notes != NULL)
    json_object_set_string_member (object, "notes", self->notes);
  else if (json_object_has_member (object, "notes"))
    json_object_remove_member (object, "notes");

  /* Annotations as read stay byte for byte what they were; edited ones are
   * written as Frontline checked them. */
  if (self->annotations_changed || self->object == NULL)
    {
      if (self->annotations->len > 0)
        {
          JsonArray *array = json_array_sized_new (self->annotations->len);

          for (guint i = 0; i < self->annotations->len; i++)
            json_array_add_element (array, frontline_annotation_to_json (g_ptr_array_index (self->annotations, i)));
          json_object_set_array_member (object, "annotations", array);
        }
      else if (json_object_has_member (object, "annotations"))
        json_object_remove_member (object, "annotations");
    }

  if (self->object == NULL && self->has_center)
    {
      JsonObject *view = json_object_new ();
      JsonArray *center = json_array_new ();

      json_array_add_element (center, double_node (self->lon));
      json_array_add_element (center, double_node (self->lat));
      json_object_set_array_member (view, "center", center);
      json_object_set_member (view, "zoom", double_node (self->zoom));
      json_object_set_object_member (object, "view", view);
    }

  return object;
}
