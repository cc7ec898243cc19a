/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Where a dataset kept in PostGIS is (docs/postgis.md, "Addresses"): libpq
 * parses the URIs and keyword/value strings; Frontline only takes its own
 * "table" out first (libpq refuses keywords it does not know) and leaves the
 * password out of everything it keeps. */

#include "config.h"

#include <glib/gi18n.h>
#include <libpq-fe.h>
#include <string.h>

#include "frontline-archive.h"

G_DEFINE_QUARK (frontline-archive-error-quark, frontline_archive_error)

G_DEFINE_BOXED_TYPE (FrontlineArchiveLocation, frontline_archive_location,
                     frontline_archive_location_copy, frontline_archive_location_free)

gboolean
frontline_archive_location_is_address (const char *text)
{
  if (text == NULL)
    return FALSE;

  return g_ascii_strncasecmp (text, "postgresql://", strlen ("postgresql://")) == 0 ||
         g_ascii_strncasecmp (text, "postgres://", strlen ("postgres://")) == 0 ||
         strncmp (text, "PG:", 3) == 0;
}

FrontlineArchiveLocation *
frontline_archive_location_copy (const FrontlineArchiveLocation *self)
{
  FrontlineArchiveLocation *copy = g_new0 (FrontlineArchiveLocation, 1);

  copy->host = g_strdup (self->host);
  copy->port = g_strdup (self->port);
  copy->dbname = g_strdup (self->dbname);
  copy->user = g_strdup (self->user);
  copy->sslmode = g_strdup (self->sslmode);
  copy->options = g_strdup (self->options);
  copy->schema = g_strdup (self->schema);
  copy->table = g_strdup (self->table);

  return copy;
}

void
frontline_archive_location_free (FrontlineArchiveLocation *self)
{
  if (self == NULL)
    return;

  g_free (self->host);
  g_free (self->port);
  g_free (self->dbname);
  g_free (self->user);
  g_free (self->sslmode);
  g_free (self->options);
  g_free (self->schema);
  g_free (self->table);
  g_free (self);
}

/* A keyword/value string's value, quoted as libpq reads it. */
static void
append_quoted (GString    *out,
               const char *value)
{
  g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

static void
append_pair (GString    *out,
             const char *keyword,
             const char *value)
{
  if (value == NULL)
    return;
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_printf (out, "%s=", keyword);
  append_quoted (out, value);
}

static gboolean
set_table (FrontlineArchiveLocation *self,
           const char               *text,
           const char               *address,
           GError                  **error)
{
  const char *dot = strchr (text, '.');

  if (dot != NULL)
    {
      self->schema = g_strndup (text, dot - text);
      self->table = g_strdup (dot + 1);
    }
  else
    {
      self->schema = g_strdup ("public");
      self->table = g_strdup (text);
    }

  if (*self->schema == '\0' || *self->table == '\0' || strchr (self->table, '.') != NULL)
    {
      g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_ADDRESS,
                   _("“%s” is not a table of “%s”: give it as table=SCHEMA.TABLE"),
                   text, address);
      return FALSE;
    }

  return TRUE;
}

/* Fills @self from what libpq made of @conninfo; the password is left out. */
static gboolean
set_from_conninfo (FrontlineArchiveLocation *self,
                   const char               *conninfo,
                   const char               *address,
                   GError                  **error)
{
  g_autoptr(GString) options = g_string_new (NULL);
  PQconninfoOption *parsed;
  char *message = NULL;

  parsed = PQconninfoParse (conninfo, &message);
  if (parsed == NULL)
    {
      g_autofree char *reason = g_strstrip (g_strdup (message != NULL ? message : ""));

      g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_ADDRESS,
                   _("“%s” is not a database address: %s"), address, reason);
      PQfreemem (message);
      return FALSE;
    }

  for (PQconninfoOption *o = parsed; o->keyword != NULL; o++)
    {
      if (o->val == NULL)
        continue;
      if (g_str_equal (o->keyword, "host"))
        self->host = g_strdup (o->val);
      else if (g_str_equal (o->keyword, "port"))
        self->port = g_strdup (o->val);
      else if (g_str_equal (o->keyword, "dbname"))
        self->dbname = g_strdup (o->val);
      else if (g_str_equal (o->keyword, "user"))
        self->user = g_strdup (o->val);
      else if (g_str_equal (o->keyword, "sslmode"))
        self->sslmode = g_strdup (o->val);
      else if (g_str_equal (o->keyword, "password"))
        continue;  /* never kept: the keyring or PGPASSWORD/~/.pgpass give it */
      else
        append_pair (options, o->keyword, o->val);
    }
  PQconninfoFree (parsed);

  if (options->len > 0)
    self->options = g_strdup (options->str);

  return TRUE;
}

static FrontlineArchiveLocation *
parse_uri (const char  *text,
           GError     **error)
{
  g_autoptr(FrontlineArchiveLocation) self = g_new0 (FrontlineArchiveLocation, 1);
  g_autoptr(GString) conninfo = NULL;
  g_autofree char *table = NULL;
  const char *query = strchr (text, '?');
  gboolean first = TRUE;

  conninfo = g_string_new_len (text, query != NULL ? query - text : (gssize) strlen (text));

  if (query != NULL)
    {
      g_auto(GStrv) params = g_strsplit (query + 1, "&", -1);

      for (guint i = 0; params[i] != NULL; i++)
        {
          const char *eq = strchr (params[i], '=');
          g_autofree char *key = NULL;
          g_autofree char *value = NULL;

          if (*params[i] == '\0')
            continue;
          key = g_uri_unescape_segment (params[i], eq, NULL);
          value = eq != NULL ? g_uri_unescape_string (eq + 1, NULL) : g_strdup ("");
          if (key == NULL || value == NULL)
            {
              g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_ADDRESS,
                           _("“%s” is not a database address: a bad %% escape in “%s”"),
                           text, params[i]);
              return NULL;
            }

          if (g_str_equal (key, "table"))
            {
              g_free (table);
              table = g_steal_pointer (&value);
            }
          else if (!g_str_equal (key, "password"))
            {
              g_string_append_c (conninfo, first ? '?' : '&');
              g_string_append (conninfo, params[i]);
              first = FALSE;
            }
        }
    }

  if (!set_from_conninfo (self, conninfo->str, text, error))
    return NULL;

  if (table == NULL)
    {
      g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_ADDRESS,
                   _("“%s” names no table: add ?table=SCHEMA.TABLE"), text);
      return NULL;
    }
  if (!set_table (self, table, text, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* PG:"host=… dbname=…" table=SCHEMA.TABLE, or the same without the double
 * quotes (GDAL's form): keyword=value pairs as libpq reads them, values in
 * single quotes with backslash escapes; the double quotes only group. */
static FrontlineArchiveLocation *
parse_keywords (const char  *text,
                GError     **error)
{
  g_autoptr(FrontlineArchiveLocation) self = g_new0 (FrontlineArchiveLocation, 1);
  g_autoptr(GString) conninfo = g_string_new (NULL);
  g_autofree char *table = NULL;
  const char *p = text + 3;

  for (;;)
    {
      g_autoptr(GString) key = g_string_new (NULL);
      g_autoptr(GString) value = g_string_new (NULL);

      while (g_ascii_isspace (*p) || *p == '"')
        p++;
      if (*p == '\0')
        break;

      while (*p != '\0' && *p != '=' && !g_ascii_isspace (*p) && *p != '"')
        g_string_append_c (key, *p++);
      while (g_ascii_isspace (*p))
        p++;
      if (*p != '=' || key->len == 0)
        {
          g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_ADDRESS,
                       _("“%s” is not a database address: “%s” has no value"),
                       text, key->str);
          return NULL;
        }
      p++;
      while (g_ascii_isspace (*p))
        p++;

      if (*p == '\'')
        {
          p++;
          while (*p != '\0' && *p != '\'')
            {
              if (*p == '\\' && p[1] != '\0')
                p++;
              g_string_append_c (value, *p++);
            }
          if (*p != '\'')
            {
              g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_ADDRESS,
                           _("“%s” is not a database address: a quote is not closed"), text);
              return NULL;
            }
          p++;
        }
      else
        {
          while (*p != '\0' && !g_ascii_isspace (*p) && *p != '"')
            {
              if (*p == '\\' && p[1] != '\0')
                p++;
              g_string_append_c (value, *p++);
            }
        }

      if (g_str_equal (key->str, "table") || g_str_equal (key->str, "tables"))
        {
          g_free (table);
          table = g_strdup (value->str);
        }
      else if (!g_str_equal (key->str, "password"))
        append_pair (conninfo, key->str, value->str);
    }

  if (!set_from_conninfo (self, conninfo->str, text, error))
    return NULL;

  if (table == NULL)
    {
      g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_ADDRESS,
                   _("“%s” names no table: add table=SCHEMA.TABLE"), text);
      return NULL;
    }
  if (!set_table (self, table, text, error))
    return NULL;

  return g_steal_pointer (&self);
}

FrontlineArchiveLocation *
frontline_archive_location_parse (const char  *text,
                                  GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (strncmp (text, "PG:", 3) == 0)
    return parse_keywords (text, error);
  if (frontline_archive_location_is_address (text))
    return parse_uri (text, error);

  g_set_error (error, FRONTLINE_ARCHIVE_ERROR, FRONTLINE_ARCHIVE_ERROR_ADDRESS,
               _("“%s” is not a database address: it starts with postgresql:// or PG:"), text);
  return NULL;
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_uri_escape_string (text, NULL, TRUE);

  g_string_append (out, escaped);
}

char *
frontline_archive_location_to_string (const FrontlineArchiveLocation *self)
{
  GString *out = g_string_new ("postgresql://");

  if (self->user != NULL)
    {
      append_escaped (out, self->user);
      g_string_append_c (out, '@');
    }
  if (self->host != NULL)
    {
      if (strchr (self->host, ':') != NULL && strchr (self->host, '/') == NULL &&
          strchr (self->host, ',') == NULL)
        g_string_append_printf (out, "[%s]", self->host);  /* IPv6 */
      else
        append_escaped (out, self->host);
    }
  if (self->port != NULL)
    g_string_append_printf (out, ":%s", self->port);
  g_string_append_c (out, '/');
  if (self->dbname != NULL)
    append_escaped (out, self->dbname);

  g_string_append (out, "?table=");
  append_escaped (out, self->schema != NULL ? self->schema : "public");
  g_string_append_c (out, '.');
  append_escaped (out, self->table);

  if (self->sslmode != NULL)
    {
      g_string_append (out, "&sslmode=");
      append_escaped (out, self->sslmode);
    }

  if (self->options != NULL)
    {
      PQconninfoOption *parsed = PQconninfoParse (self->options, NULL);

      for (PQconninfoOption *o = parsed; o != NULL && o->keyword != NULL; o++)
        {
          if (o->val == NULL || g_str_equal (o->keyword, "password"))
            continue;
          g_string_append_printf (out, "&%s=", o->keyword);
          append_escaped (out, o->val);
        }
      PQconninfoFree (parsed);
    }

  return g_string_free (out, FALSE);
}

char *
frontline_archive_location_dup_conninfo (const FrontlineArchiveLocation *self,
                                         const char                     *password)
{
  GString *out = g_string_new (NULL);

  append_pair (out, "host", self->host);
  append_pair (out, "port", self->port);
  append_pair (out, "dbname", self->dbname);
  append_pair (out, "user", self->user);
  append_pair (out, "sslmode", self->sslmode);
  if (self->options != NULL)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, self->options);
    }
  append_pair (out, "password", password);
  append_pair (out, "fallback_application_name", "frontline");

  return g_string_free (out, FALSE);
}
