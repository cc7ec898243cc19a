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

/* How the dialog publishes a dataset: in a worker thread,
 * frontline_archive_publish() unless told otherwise (tests). */
typedef gboolean (*FrontlineConnectPublishFunc) (FrontlineDataset               *dataset,
                                                 const FrontlineArchiveLocation *location,
                                                 const char                     *password,
                                                 gboolean                        replace,
                                                 GCancellable                   *cancellable,
                                                 FrontlineProgressFunc           progress,
                                                 gpointer                        progress_data,
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

/* Publish to Database: the same server page, then the table to publish
 * @dataset into, beside the datasets already there. */
FrontlineConnectDialog   *frontline_connect_dialog_new_publish   (GtkWindow                      *parent,
                                                                  FrontlineDataset               *dataset);
gboolean                  frontline_connect_dialog_is_publish_mode (FrontlineConnectDialog       *self);
void                      frontline_connect_dialog_set_publish_func (FrontlineConnectDialog      *self,
                                                                     FrontlineConnectPublishFunc  func);
/* A table name PostgreSQL takes unquoted, from a dataset's title. */
char                     *frontline_connect_dialog_suggest_table_name (const char                *title);
void                      frontline_connect_dialog_set_table     (FrontlineConnectDialog         *self,
                                                                  const char                     *schema,
                                                                  const char                     *table);
/* Returns: (transfer full): the server in the fields and the table to publish to */
FrontlineArchiveLocation *frontline_connect_dialog_dup_publish_location (FrontlineConnectDialog *self);
void                      frontline_connect_dialog_publish       (FrontlineConnectDialog         *self);
gboolean                  frontline_connect_dialog_is_publishing (FrontlineConnectDialog         *self);
void                      frontline_connect_dialog_cancel_publish (FrontlineConnectDialog        *self);
/* Returns: (transfer none) (nullable): the "Replace …?" question while it is asked */
AdwMessageDialog         *frontline_connect_dialog_get_replace_dialog (FrontlineConnectDialog   *self);

G_END_DECLS
