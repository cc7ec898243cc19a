/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The one way Frontline writes a file: a temporary file in the target's
 * folder, every byte written and synced, then renamed over the target. On any
 * error the temporary file goes and the target stays as it was. */
typedef struct _FrontlineSafeFile FrontlineSafeFile;

FrontlineSafeFile *frontline_safe_file_new          (GFile              *file,
                                                     gboolean            replace,
                                                     GError            **error);
gboolean           frontline_safe_file_write        (FrontlineSafeFile  *self,
                                                     const void         *data,
                                                     gsize               length,
                                                     GError            **error);
gboolean           frontline_safe_file_commit       (FrontlineSafeFile  *self,
                                                     GCancellable       *cancellable,
                                                     GError            **error);
void               frontline_safe_file_abandon      (FrontlineSafeFile  *self);
const char        *frontline_safe_file_get_temp_path (FrontlineSafeFile *self);
const char        *frontline_safe_file_get_target_path (FrontlineSafeFile *self);
gboolean           frontline_safe_file_set_contents (GFile              *file,
                                                     const void         *data,
                                                     gsize               length,
                                                     gboolean            replace,
                                                     GCancellable       *cancellable,
                                                     GError            **error);

/* The steps and errors of the above, for what writes several files (GDAL's formats). */
void               frontline_set_write_error        (GError            **error,
                                                     const char         *name,
                                                     int                 saved_errno);
void               frontline_set_exists_error       (GError            **error,
                                                     const char         *name);
int                frontline_rename_noreplace       (const char         *from,
                                                     const char         *to);
gboolean           frontline_sync_path              (const char         *path,
                                                     gboolean            folder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FrontlineSafeFile, frontline_safe_file_abandon)

G_END_DECLS
