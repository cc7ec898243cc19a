/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-secret"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "frontline-secret.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.frontline.Frontline.Database", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "dbname", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/* The attributes name the server as the user typed it: an empty string for
 * libpq's defaults, so that every field is always set and a lookup matches
 * one item only. Copies: libsecret reads them after the call returns, when
 * @location may be gone. */
static GHashTable *
make_attributes (const FrontlineArchiveLocation *location)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (char *) "host", g_strdup (location->host ? location->host : ""));
  g_hash_table_insert (attributes, (char *) "port", g_strdup (location->port ? location->port : ""));
  g_hash_table_insert (attributes, (char *) "dbname",
                       g_strdup (location->dbname ? location->dbname : ""));
  g_hash_table_insert (attributes, (char *) "user", g_strdup (location->user ? location->user : ""));

  return attributes;
}

/* No Secret Service on the session bus (no keyring daemon, no bus at all):
 * nothing is remembered, which is not worth a warning. */
static gboolean
is_no_service (const GError *error)
{
  return error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR ||
         g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT);
}

static void
on_stored_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_debug ("Could not remember the password in the keyring: %s", error->message);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * frontline_secret_store_async:
 *
 * Remembers @password for @location's server, port, database and user.
 */
void
frontline_secret_store_async (const FrontlineArchiveLocation *location,
                              const char                     *password,
                              GCancellable                   *cancellable,
                              GAsyncReadyCallback             callback,
                              gpointer                        user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *address = NULL;
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (location != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, frontline_secret_store_async);

  attributes = make_attributes (location);
  /* Translators: the keyring item's name; %s is the database's user, server and name */
  label = g_strdup_printf (_("Frontline database password for %s@%s/%s"),
                           location->user ? location->user : "",
                           location->host ? location->host : "localhost",
                           location->dbname ? location->dbname : "");
  secret_password_storev (get_schema (), attributes, SECRET_COLLECTION_DEFAULT, label, password,
                          cancellable, on_stored_cb, task);
}

gboolean
frontline_secret_store_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_looked_up_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password;

  password = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !is_no_service (error))
        {
          g_task_return_error (task, error);
          return;
        }

      g_debug ("No keyring to look the password up in, so none is remembered: %s",
               error->message);
      g_clear_error (&error);
    }

  g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

/**
 * frontline_secret_lookup_async:
 *
 * Looks up the password remembered for @location's server, port, database
 * and user. No keyring is no password, not an error.
 */
void
frontline_secret_lookup_async (const FrontlineArchiveLocation *location,
                               GCancellable                   *cancellable,
                               GAsyncReadyCallback             callback,
                               gpointer                        user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (location != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, frontline_secret_lookup_async);

  attributes = make_attributes (location);
  secret_password_lookupv (get_schema (), attributes, cancellable, on_looked_up_cb, task);
}

char *
frontline_secret_lookup_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_autofree char *password = g_task_propagate_pointer (G_TASK (result), error);

  /* The caller frees it with g_free; libsecret's copy is wiped first. */
  if (password == NULL)
    return NULL;
  return g_strdup (password);
}

static void
on_cleared_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      is_no_service (error))
    {
      g_debug ("No keyring to forget the password in: %s", error->message);
      g_clear_error (&error);
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * frontline_secret_clear_async:
 *
 * Forgets the password remembered for @location's server, port, database
 * and user, if any.
 */
void
frontline_secret_clear_async (const FrontlineArchiveLocation *location,
                              GCancellable                   *cancellable,
                              GAsyncReadyCallback             callback,
                              gpointer                        user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (location != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, frontline_secret_clear_async);

  attributes = make_attributes (location);
  secret_password_clearv (get_schema (), attributes, cancellable, on_cleared_cb, task);
}

gboolean
frontline_secret_clear_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
