/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-quote"

#include "config.h"

#include <glib/gi18n.h>

#include "frontline-model-private.h"

/* A sentence somebody said or wrote, verbatim, with who, when and where it was published.
 *
 * Built by the loader (which fills the fields through
 * frontline-model-private.h) and read-only afterwards, so threads can share it. */

G_DEFINE_FINAL_TYPE (FrontlineQuote, frontline_quote, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TEXT,
  PROP_SPEAKER,
  PROP_ROLE,
  PROP_DATE,
  PROP_DATE_PRECISION,
  PROP_SOURCE_ID,
  PROP_PLACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
frontline_quote_finalize (GObject *object)
{
  FrontlineQuote *self = FRONTLINE_QUOTE (object);

  g_free (self->id);
  g_free (self->text);
  g_free (self->speaker);
  g_free (self->role);
  g_free (self->date);
  g_free (self->date_precision);
  g_free (self->source_id);
  g_free (self->place);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (frontline_quote_parent_class)->finalize (object);
}

static void
frontline_quote_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FrontlineQuote *self = FRONTLINE_QUOTE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_SPEAKER:
      g_value_set_string (value, self->speaker);
      break;

    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;

    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_DATE_PRECISION:
      g_value_set_string (value, self->date_precision);
      break;

    case PROP_SOURCE_ID:
      g_value_set_string (value, self->source_id);
      break;

    case PROP_PLACE:
      g_value_set_string (value, self->place);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_quote_class_init (FrontlineQuoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = frontline_quote_finalize;
  object_class->get_property = frontline_quote_get_property;

  /* The quote's identifier, as stops cite it. */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* The words, verbatim. */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* Who said it. */
  properties[PROP_SPEAKER] =
    g_param_spec_string ("speaker", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* The speaker's role, as the source gives it, or %NULL. */
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* When it was said, as YYYY-MM-DD, or %NULL when unknown. */
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* How precise the date is: "day" (the source states the day the words
   * were said), "approximate" (e.g. the source's inferred publication
   * date), "month" or "year"; %NULL when the file does not say, which means
   * unknown, not "day". */
  properties[PROP_DATE_PRECISION] =
    g_param_spec_string ("date-precision", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* The identifier of its source. */
  properties[PROP_SOURCE_ID] =
    g_param_spec_string ("source-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* The place it is about, or %NULL. */
  properties[PROP_PLACE] =
    g_param_spec_string ("place", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
frontline_quote_init (FrontlineQuote *self)
{
}

const char *
frontline_quote_get_id (FrontlineQuote *self)
{
  g_return_val_if_fail (FRONTLINE_IS_QUOTE (self), NULL);

  return self->id;
}

const char *
frontline_quote_get_text (FrontlineQuote *self)
{
  g_return_val_if_fail (FRONTLINE_IS_QUOTE (self), NULL);

  return self->text;
}

const char *
frontline_quote_get_speaker (FrontlineQuote *self)
{
  g_return_val_if_fail (FRONTLINE_IS_QUOTE (self), NULL);

  return self->speaker;
}

const char *
frontline_quote_get_role (FrontlineQuote *self)
{
  g_return_val_if_fail (FRONTLINE_IS_QUOTE (self), NULL);

  return self->role;
}

const char *
frontline_quote_get_date (FrontlineQuote *self)
{
  g_return_val_if_fail (FRONTLINE_IS_QUOTE (self), NULL);

  return self->date;
}

/**
 * frontline_quote_get_date_precision:
 *
 * Returns: (nullable): "day", "approximate", "month" or "year", or %NULL
 *   when the dataset does not say (unknown: not to be shown as a day)
 */
const char *
frontline_quote_get_date_precision (FrontlineQuote *self)
{
  g_return_val_if_fail (FRONTLINE_IS_QUOTE (self), NULL);

  return self->date_precision;
}

/**
 * frontline_quote_is_exact_day:
 *
 * Returns: whether the quote has a date and its source states that day:
 *   only then may it be shown without "about" or "reported"
 */
gboolean
frontline_quote_is_exact_day (FrontlineQuote *self)
{
  g_return_val_if_fail (FRONTLINE_IS_QUOTE (self), FALSE);

  return self->day != FRONTLINE_DAY_NONE && g_strcmp0 (self->date_precision, "day") == 0;
}

/**
 * frontline_date_precision_is_valid:
 *
 * Returns: whether @precision is one the format knows: "day",
 *   "approximate", "month" or "year"
 */
gboolean
frontline_date_precision_is_valid (const char *precision)
{
  return g_strcmp0 (precision, "day") == 0 || g_strcmp0 (precision, "approximate") == 0 ||
         g_strcmp0 (precision, "month") == 0 || g_strcmp0 (precision, "year") == 0;
}

const char *
frontline_quote_get_source_id (FrontlineQuote *self)
{
  g_return_val_if_fail (FRONTLINE_IS_QUOTE (self), NULL);

  return self->source_id;
}

const char *
frontline_quote_get_place (FrontlineQuote *self)
{
  g_return_val_if_fail (FRONTLINE_IS_QUOTE (self), NULL);

  return self->place;
}

/**
 * frontline_quote_get_source:
 *
 * Returns: (transfer none): the source the quote comes from
 */
FrontlineSource *
frontline_quote_get_source (FrontlineQuote *self)
{
  g_return_val_if_fail (FRONTLINE_IS_QUOTE (self), NULL);

  return self->source;
}

/**
 * frontline_quote_get_day:
 *
 * Returns: the day the quote was said, or %FRONTLINE_DAY_NONE
 */
FrontlineDay
frontline_quote_get_day (FrontlineQuote *self)
{
  g_return_val_if_fail (FRONTLINE_IS_QUOTE (self), FRONTLINE_DAY_NONE);

  return self->day;
}

/**
 * frontline_quote_format_citation:
 *
 * A citation for the clipboard, in plain text: who said it, when, the
 * words, and where they were published, with what the source does not say
 * left out rather than guessed.
 *
 * Returns: (transfer full): the citation
 */
char *
frontline_quote_format_citation (FrontlineQuote *self)
{
  GString *citation;
  FrontlineSource *source;
  g_autofree char *date = NULL;

  g_return_val_if_fail (FRONTLINE_IS_QUOTE (self), NULL);

  source = self->source;
  citation = g_string_new (self->speaker ? self->speaker : _("Unknown speaker"));
  if (self->role != NULL)
    g_string_append_printf (citation, ", %s", self->role);
  if ((date = frontline_quote_format_date (self)) != NULL)
    g_string_append_printf (citation, " (%s)", date);
  g_string_append_printf (citation, ": “%s”", self->text);

  if (source != NULL)
    {
      g_autofree char *source_citation = frontline_source_format_citation (source);

      g_string_append (citation, _(" Source: "));
      g_string_append (citation, source_citation);
    }

  return g_string_free (citation, FALSE);
}

/**
 * frontline_quote_get_location:
 *
 * Returns: whether the quote has a location as coordinates
 */
gboolean
frontline_quote_get_location (FrontlineQuote *self,
                              double         *lon,
                              double         *lat)
{
  g_return_val_if_fail (FRONTLINE_IS_QUOTE (self), FALSE);

  if (self->has_location)
    {
      *lon = self->lon;
      *lat = self->lat;
    }

  return self->has_location;
}

/**
 * frontline_format_date_with_precision:
 * @date: (nullable): YYYY-MM-DD
 * @precision: (nullable): "day", "approximate", "month", "year", or %NULL
 *   for unknown
 * @approximate_form: a format with one %s, the date, for a date that is not
 *   known to the day (approximate or unknown precision): "about %s"
 *
 * A date as precise as the data says and no more: "9 Jan 2025" for a day,
 * "Jan 2025" for a month, "2025" for a year, @approximate_form around
 * "10 Jan 2025" otherwise.
 *
 * Returns: (transfer full) (nullable): the date, or %NULL when @date is
 *   %NULL or not a date
 */
char *
frontline_format_date_with_precision (const char *date,
                                      const char *precision,
                                      const char *approximate_form)
{
  FrontlineDay day;
  g_autofree char *label = NULL;

  if (date == NULL || !frontline_day_parse (date, &day))
    return NULL;

  if (g_strcmp0 (precision, "month") == 0)
    return frontline_day_format_as (day, FRONTLINE_DAY_FORMAT_MONTH_YEAR);
  if (g_strcmp0 (precision, "year") == 0)
    return frontline_day_format_as (day, FRONTLINE_DAY_FORMAT_YEAR);

  label = frontline_day_format_as (day, FRONTLINE_DAY_FORMAT_LABEL);
  if (g_strcmp0 (precision, "day") == 0)
    return g_steal_pointer (&label);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (approximate_form, label);
#pragma GCC diagnostic pop
}

/**
 * frontline_quote_format_date:
 *
 * When the quote was said, as precisely as its source says: "9 Jan 2025"
 * only when the source states the day, "about 10 Jan 2025" for an
 * approximate date (e.g. the article's inferred publication date) or one of
 * unknown precision, "Jan 2025", "2025".
 *
 * Returns: (transfer full) (nullable): the date, or %NULL without one
 */
char *
frontline_quote_format_date (FrontlineQuote *self)
{
  g_return_val_if_fail (FRONTLINE_IS_QUOTE (self), NULL);

  /* TRANSLATORS: a date not known to the day, e.g. "about 10 Jan 2025" */
  return frontline_format_date_with_precision (self->date, self->date_precision, _("about %s"));
}
