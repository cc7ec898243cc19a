/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-source"

#include "config.h"

#include <glib/gi18n.h>

#include "frontline-model-private.h"

/* Where a quote or an area comes from: an article, a report, a map.
 *
 * Built by the loader (which fills the fields through
 * frontline-model-private.h) and read-only afterwards, so threads can share it. */

G_DEFINE_FINAL_TYPE (FrontlineSource, frontline_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_PUBLISHER,
  PROP_AUTHOR,
  PROP_URL,
  PROP_PUBLISHED,
  PROP_DATE_PRECISION,
  PROP_LANGUAGE,
  PROP_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
frontline_source_finalize (GObject *object)
{
  FrontlineSource *self = FRONTLINE_SOURCE (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->publisher);
  g_free (self->author);
  g_free (self->url);
  g_free (self->published);
  g_free (self->date_precision);
  g_free (self->language);
  g_free (self->notes);

  G_OBJECT_CLASS (frontline_source_parent_class)->finalize (object);
}

static void
frontline_source_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FrontlineSource *self = FRONTLINE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_PUBLISHER:
      g_value_set_string (value, self->publisher);
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_PUBLISHED:
      g_value_set_string (value, self->published);
      break;

    case PROP_DATE_PRECISION:
      g_value_set_string (value, self->date_precision);
      break;

    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_source_class_init (FrontlineSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = frontline_source_finalize;
  object_class->get_property = frontline_source_get_property;

  /* The identifier quotes and areas cite. */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* The headline or title. */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* Who published it, or %NULL when unknown. */
  properties[PROP_PUBLISHER] =
    g_param_spec_string ("publisher", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* Who wrote it, or %NULL when unknown. */
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* Where it can be read, or %NULL. */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* When it was published, as YYYY-MM-DD, or %NULL. */
  properties[PROP_PUBLISHED] =
    g_param_spec_string ("published", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* How exact @published is: "day", "approximate", "month" or "year". */
  properties[PROP_DATE_PRECISION] =
    g_param_spec_string ("date-precision", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* Its language as a BCP 47 tag, or %NULL. */
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* Notes on the source, or %NULL. */
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
frontline_source_init (FrontlineSource *self)
{
}

const char *
frontline_source_get_id (FrontlineSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_SOURCE (self), NULL);

  return self->id;
}

const char *
frontline_source_get_title (FrontlineSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_SOURCE (self), NULL);

  return self->title;
}

const char *
frontline_source_get_publisher (FrontlineSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_SOURCE (self), NULL);

  return self->publisher;
}

const char *
frontline_source_get_author (FrontlineSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_SOURCE (self), NULL);

  return self->author;
}

const char *
frontline_source_get_url (FrontlineSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_SOURCE (self), NULL);

  return self->url;
}

const char *
frontline_source_get_published (FrontlineSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_SOURCE (self), NULL);

  return self->published;
}

const char *
frontline_source_get_date_precision (FrontlineSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_SOURCE (self), NULL);

  return self->date_precision;
}

const char *
frontline_source_get_language (FrontlineSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_SOURCE (self), NULL);

  return self->language;
}

const char *
frontline_source_get_notes (FrontlineSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_SOURCE (self), NULL);

  return self->notes;
}

/**
 * frontline_source_get_openable_url:
 *
 * The source's URL when it is one a browser should be asked to open: http
 * or https with a host. Anything else (file:, javascript:, a typo) is
 * refused, since datasets come from anywhere.
 *
 * Returns: (nullable): the URL, or %NULL
 */
const char *
frontline_source_get_openable_url (FrontlineSource *self)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (FRONTLINE_IS_SOURCE (self), NULL);

  if (self->url == NULL || (uri = g_uri_parse (self->url, G_URI_FLAGS_NONE, NULL)) == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  if ((g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;

  return self->url;
}

/**
 * frontline_source_value_is_known:
 * @value: (nullable): a field of a source
 *
 * The dataset format writes "unknown" for what the collected text does not
 * say; that, an empty string and %NULL are all unknown.
 *
 * Returns: whether @value says something
 */
gboolean
frontline_source_value_is_known (const char *value)
{
  return value != NULL && *value != '\0' && g_ascii_strcasecmp (value, "unknown") != 0;
}

/**
 * frontline_source_dup_display_title:
 *
 * What to call the source in a list: its title, else its publisher and id,
 * else "Untitled source" and its id; never "unknown".
 *
 * Returns: (transfer full): the name
 */
char *
frontline_source_dup_display_title (FrontlineSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_SOURCE (self), NULL);

  if (frontline_source_value_is_known (self->title))
    return g_strdup (self->title);
  if (frontline_source_value_is_known (self->publisher))
    /* Translators: an untitled source: its publisher, then its id in the dataset */
    return g_strdup_printf (_("Untitled, %s (source %s)"), self->publisher, self->id);

  /* Translators: a source with neither title nor publisher, by its id in the dataset */
  return g_strdup_printf (_("Untitled source %s"), self->id);
}

/**
 * frontline_source_format_published:
 *
 * When the source was published, as precisely as the dataset says: "9 Jan
 * 2025" only for `"date_precision": "day"`, "about 9 Jan 2025" for an
 * approximate (inferred) date or one of unknown precision, "Jan 2025",
 * "2025"; the same wording as a quote's date.
 *
 * Returns: (transfer full) (nullable): the date, or %NULL when unknown
 */
char *
frontline_source_format_published (FrontlineSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_SOURCE (self), NULL);

  if (!frontline_source_value_is_known (self->published))
    return NULL;
  /* TRANSLATORS: a date not known to the day, e.g. "about 10 Jan 2025" */
  return frontline_format_date_with_precision (self->published, self->date_precision, _("about %s"));
}

/**
 * frontline_source_format_citation:
 *
 * A citation of the source for the clipboard, in plain text: its name, the
 * author and publisher when known, the date with its precision, the URL.
 *
 * Returns: (transfer full): the citation
 */
char *
frontline_source_format_citation (FrontlineSource *self)
{
  g_autofree char *title = NULL;
  g_autofree char *published = NULL;
  GString *citation;

  g_return_val_if_fail (FRONTLINE_IS_SOURCE (self), NULL);

  title = frontline_source_dup_display_title (self);
  citation = g_string_new (title);
  if (frontline_source_value_is_known (self->author))
    g_string_append_printf (citation, ", %s", self->author);
  if (frontline_source_value_is_known (self->publisher))
    g_string_append_printf (citation, ", %s", self->publisher);
  if ((published = frontline_source_format_published (self)) != NULL)
    g_string_append_printf (citation, ", %s", published);
  if (frontline_source_value_is_known (self->url))
    g_string_append_printf (citation, ", %s", self->url);
  g_string_append_c (citation, '.');

  return g_string_free (citation, FALSE);
}

/**
 * frontline_source_format_reference:
 *
 * The source in one short line, for an export's source line: "TITLE
 * (PUBLISHER, DATE)", with what the source does not say ("unknown") left
 * out, the date from frontline_source_format_published(), and a source
 * without a title named "Untitled source ID".
 *
 * Returns: (transfer full): the line, plain text
 */
char *
frontline_source_format_reference (FrontlineSource *self)
{
  g_autoptr(GString) line = NULL;
  g_autofree char *published = NULL;
  gboolean has_publisher;

  g_return_val_if_fail (FRONTLINE_IS_SOURCE (self), NULL);

  line = g_string_new (NULL);
  if (frontline_source_value_is_known (self->title))
    g_string_append (line, self->title);
  else
    /* Translators: a source with neither title nor publisher, by its id in the dataset */
    g_string_append_printf (line, _("Untitled source %s"), self->id);

  published = frontline_source_format_published (self);
  has_publisher = frontline_source_value_is_known (self->publisher);
  if (has_publisher && published != NULL)
    g_string_append_printf (line, " (%s, %s)", self->publisher, published);
  else if (has_publisher)
    g_string_append_printf (line, " (%s)", self->publisher);
  else if (published != NULL)
    g_string_append_printf (line, " (%s)", published);

  return g_string_free (g_steal_pointer (&line), FALSE);
}
