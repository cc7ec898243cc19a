/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "frontline-archive.h"

G_BEGIN_DECLS

/* How the dialog lists a database's Frontline tables: in a worker thread,
 * frontline_archive_list_tables() unless told otherwise (tests). */
typedef GPtrArray *(*FrontlineConnectListFunc) (const FrontlineArchiveLocation *location,
                                                const char                     *password,
                                                GCancellable                   *cancellable,
                                                GError                        **error);

#define FRONTLINE_TYPE_CONNECT_DIALOG (frontline_connect_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineConnectDialog, frontline_connect_dialog,
                      FRONTLINE, CONNECT_DIALOG, AdwWindow)

FrontlineConnectDialog   *frontline_connect_dialog_new           (GtkWindow                      *parent);
void                      frontline_connect_dialog_set_list_func (FrontlineConnectDialog         *self,
                                                                  FrontlineConnectListFunc        func);
void                      frontline_connect_dialog_set_location  (FrontlineConnectDialog         *self,
                                                                  const FrontlineArchiveLocation *location);
FrontlineArchiveLocation *frontline_connect_dialog_dup_location  (FrontlineConnectDialog         *self);
void                      frontline_connect_dialog_connect       (FrontlineConnectDialog         *self);
gboolean                  frontline_connect_dialog_is_connecting (FrontlineConnectDialog         *self);
const char               *frontline_connect_dialog_get_error     (FrontlineConnectDialog         *self);
GListModel               *frontline_connect_dialog_get_tables    (FrontlineConnectDialog         *self);
void                      frontline_connect_dialog_select_table  (FrontlineConnectDialog         *self,
                                                                  guint                           position);
void                      frontline_connect_dialog_open          (FrontlineConnectDialog         *self);

G_END_DECLS
