/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "frontline-exporter.h"
#include "frontline-tile-source.h"
#include "frontline-view-state.h"

G_BEGIN_DECLS

/* What the window knows of the picture on screen, for the export to start
 * from. */
typedef struct {
  FrontlineDataset *dataset;
  FrontlineDay      day;
  FrontlineView     view;   /* the map on screen: centre, zoom, size in pixels */
  gboolean          dark;
  char             *mbtiles;        /* the MBTiles basemap on screen, or NULL for the offline one */
  char             *basemap_credit; /* its credit, or NULL */
  FrontlineTileSource *tiles;       /* the online tiles on screen, or NULL */
  FrontlineDay      compare_from;   /* the compare mode's day, or FRONTLINE_DAY_NONE */
} FrontlineExportRequest;

/* Called when an export ends: @error is %NULL when it succeeded, and
 * G_IO_ERROR_CANCELLED when the user cancelled it. Other errors have been
 * shown to the user already. */
typedef void (*FrontlineExportDone) (GFile        *file,
                                     const GError *error,
                                     gpointer      user_data);

void frontline_export_dialog_run (GtkWindow                    *parent,
                                  const FrontlineExportRequest *request,
                                  gboolean                      all_dates,
                                  FrontlineExportDone           done,
                                  gpointer                      user_data);

GtkWidget *frontline_export_dialog_new (GtkWindow                    *parent,
                                        const FrontlineExportRequest *request,
                                        gboolean                      all_dates,
                                        FrontlineExportDone           done,
                                        gpointer                      user_data);
void frontline_export_dialog_get_options (GtkWidget              *dialog,
                                          FrontlineExportOptions *options);

char  *frontline_export_default_name   (FrontlineDataset      *dataset,
                                        FrontlineDay           day,
                                        FrontlineExportFormat  format);
GFile *frontline_export_default_folder (GSettings             *settings);

void frontline_export_start (GtkWindow                    *parent,
                             const FrontlineExportRequest *request,
                             const FrontlineExportOptions *options,
                             GFile                        *target,
                             gboolean                      all_dates,
                             FrontlineExportDone           done,
                             gpointer                      user_data);

void frontline_export_request_init_for_state (FrontlineExportRequest *request,
                                              FrontlineViewState     *state);

void frontline_export_options_init_for_state (FrontlineExportOptions *options,
                                              FrontlineViewState     *state,
                                              double                  width,
                                              double                  height);

void frontline_export_request_to_options (const FrontlineExportRequest *request,
                                          double                        width,
                                          double                        height,
                                          FrontlineExportFormat         format,
                                          FrontlineExportOptions       *options);

G_END_DECLS
