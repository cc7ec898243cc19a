/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "frontline-archive.h"

G_BEGIN_DECLS

/* Database passwords in the keyring (the Secret Service), one per server,
 * port, database and user. Never in the settings or the recent list. When
 * there is no keyring, nothing is remembered: lookups give NULL, stores
 * report failure, and neither logs more than a debug message. */

void      frontline_secret_store_async   (const FrontlineArchiveLocation *location,
                                          const char                     *password,
                                          GCancellable                   *cancellable,
                                          GAsyncReadyCallback             callback,
                                          gpointer                        user_data);
gboolean  frontline_secret_store_finish  (GAsyncResult                   *result,
                                          GError                        **error);
void      frontline_secret_lookup_async  (const FrontlineArchiveLocation *location,
                                          GCancellable                   *cancellable,
                                          GAsyncReadyCallback             callback,
                                          gpointer                        user_data);
/* Returns: (transfer full) (nullable): the password, NULL when none is
 * remembered or there is no keyring (not an error). */
char     *frontline_secret_lookup_finish (GAsyncResult                   *result,
                                          GError                        **error);
void      frontline_secret_clear_async   (const FrontlineArchiveLocation *location,
                                          GCancellable                   *cancellable,
                                          GAsyncReadyCallback             callback,
                                          gpointer                        user_data);
gboolean  frontline_secret_clear_finish  (GAsyncResult                   *result,
                                          GError                        **error);

G_END_DECLS
