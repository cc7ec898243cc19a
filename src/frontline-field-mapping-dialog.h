/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "frontline-field-mapping.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_FIELD_MAPPING_DIALOG (frontline_field_mapping_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineFieldMappingDialog, frontline_field_mapping_dialog,
                      FRONTLINE, FIELD_MAPPING_DIALOG, AdwWindow)

GtkWidget             *frontline_field_mapping_dialog_new           (GtkWindow                   *parent,
                                                                     const char                  *file_name,
                                                                     GPtrArray                   *layers);
gboolean               frontline_field_mapping_dialog_is_complete   (FrontlineFieldMappingDialog *self);
FrontlineLoadOptions  *frontline_field_mapping_dialog_get_options   (FrontlineFieldMappingDialog *self);
FrontlineFieldMapping *frontline_field_mapping_dialog_dup_mapping   (FrontlineFieldMappingDialog *self,
                                                                     const char                  *layer);
GtkWidget             *frontline_field_mapping_dialog_get_row       (FrontlineFieldMappingDialog *self,
                                                                     const char                  *layer,
                                                                     const char                  *role);

G_END_DECLS
