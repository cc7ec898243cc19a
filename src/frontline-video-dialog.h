/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "frontline-export-dialog.h"
#include "frontline-video.h"

G_BEGIN_DECLS

#define FRONTLINE_TYPE_VIDEO_DIALOG (frontline_video_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FrontlineVideoDialog, frontline_video_dialog,
                      FRONTLINE, VIDEO_DIALOG, AdwWindow)

FrontlineVideoDialog *frontline_video_dialog_new         (GtkWindow                    *parent,
                                                          const FrontlineExportRequest *request,
                                                          FrontlineExportDone           done,
                                                          gpointer                      user_data);
/* What the rows say; the strings and objects are the dialog's, valid while
 * it lives, but for options->tour (the briefing's stops switched on): a new
 * reference the caller drops. */
void                  frontline_video_dialog_get_options (FrontlineVideoDialog         *self,
                                                          FrontlineVideoOptions        *options);
/* The name the file chooser offers: "TITLE FROM to TO.EXT". */
char                 *frontline_video_dialog_default_name (FrontlineDataset            *dataset,
                                                           FrontlineDay                 first,
                                                           FrontlineDay                 last,
                                                           FrontlineVideoFormat         format);
/* Exports to @file as Export… does once the chooser said where (tests);
 * the dialog closes, the progress window shows, @done is called at the end. */
void                  frontline_video_dialog_export_to   (FrontlineVideoDialog         *self,
                                                          GFile                        *file,
                                                          gboolean                      replace);

G_END_DECLS
