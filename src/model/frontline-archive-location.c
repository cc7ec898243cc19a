/* SPDX-License-Identifier: GPL-3.0-or-later */

/* STUB until helper P's frontline-archive-location.c lands on main: only
 * what browsing needs (the error domain, copy/free, conninfo). When merging,
 * take P's file whole. */

#include "config.h"

#include <libpq-fe.h>

#include "frontline-archive.h"

G_DEFINE_QUARK (frontline-archive-error-quark, frontline_archive_error)

G_DEFINE_BOXED_TYPE (FrontlineArchiveLocation, frontline_archive_location,
                     frontline_archive_location_copy, frontline_archive_location_free)

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

static void
append_pair (GString    *conninfo,
             const char *key,
             const char *value)
{
  if (value == NULL)
    return;
  if (conninfo->len > 0)
    g_string_append_c (conninfo, ' ');
  g_string_append_printf (conninfo, "%s='", key);
  for (const char *p = value; *p; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (conninfo, '\\');
      g_string_append_c (conninfo, *p);
    }
  g_string_append_c (conninfo, '\'');
}

char *
frontline_archive_location_dup_conninfo (const FrontlineArchiveLocation *self,
                                         const char                     *password)
{
  GString *conninfo = g_string_new (NULL);

  append_pair (conninfo, "host", self->host);
  append_pair (conninfo, "port", self->port);
  append_pair (conninfo, "dbname", self->dbname);
  append_pair (conninfo, "user", self->user);
  append_pair (conninfo, "sslmode", self->sslmode);
  append_pair (conninfo, "password", password);
  if (self->options != NULL)
    g_string_append_printf (conninfo, " %s", self->options);
  return g_string_free (conninfo, FALSE);
}

char *
frontline_archive_location_to_string (const FrontlineArchiveLocation *self)
{
  return g_strdup_printf ("postgresql://%s%s%s%s%s/%s?table=%s.%s",
                          self->user ? self->user : "", self->user ? "@" : "",
                          self->host ? self->host : "", self->port ? ":" : "",
                          self->port ? self->port : "", self->dbname ? self->dbname : "",
                          self->schema ? self->schema : "public", self->table);
}
