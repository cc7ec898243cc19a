/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "frontline-change.h"
#include "frontline-dataset.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_COMPARISON (frontline_comparison_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineComparison, frontline_comparison, FRONTLINE, COMPARISON, GObject)

FrontlineComparison *frontline_comparison_new          (FrontlineDataset     *dataset,
                                                        FrontlineDay          from,
                                                        FrontlineDay          to,
                                                        GCancellable         *cancellable);
void                 frontline_comparison_new_async    (FrontlineDataset     *dataset,
                                                        FrontlineDay          from,
                                                        FrontlineDay          to,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
FrontlineComparison *frontline_comparison_new_finish   (GAsyncResult         *result,
                                                        GError              **error);
FrontlineDay         frontline_comparison_get_from     (FrontlineComparison  *self);
FrontlineDay         frontline_comparison_get_to       (FrontlineComparison  *self);
GPtrArray           *frontline_comparison_get_changes  (FrontlineComparison  *self);
const char          *frontline_comparison_get_text     (FrontlineComparison  *self);
void                 frontline_comparison_get_change_km2 (FrontlineComparison *self,
                                                          guint                index,
                                                          double              *gained_km2,
                                                          double              *lost_km2);

char                *frontline_comparison_format_change (const char *from,
                                                         const char *faction,
                                                         double      gained_km2,
                                                         double      lost_km2);

G_END_DECLS
