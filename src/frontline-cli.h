/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "frontline-dataset.h"

G_BEGIN_DECLS

int frontline_cli_check (const char * const *paths);
int frontline_cli_check_full (const char * const *paths,
                              gboolean            strict);
guint frontline_cli_strict_warnings (FrontlineDataset *dataset,
                                     GPtrArray        *messages);
int frontline_cli_stats (const char * const *paths);
int frontline_cli_convert (const char * const *paths,
                           gboolean            force);
int frontline_cli_convert_full (const char * const *paths,
                                const char         *date,
                                gboolean            force);
void frontline_cli_set_field_mapping (const FrontlineFieldMapping *mapping);

typedef struct {
  const char *output;   /* a file, a folder with --date all, or a video (.webm, .mp4, .gif) */
  const char *date;     /* YYYY-MM-DD, "all", or NULL for the last data date;
                         * for a video FROM..TO, "all" or NULL for all */
  const char *size;     /* WIDTHxHEIGHT */
  const char *view;     /* LAT,LON,ZOOM */
  const char *basemap;  /* offline (the default) */
  const char *format;   /* png, svg or pdf, for --date all */
  const char *compare;  /* YYYY-MM-DD or "previous": the gains and losses since */
  const char *fps;              /* videos only: frames a second */
  const char *seconds_per_date; /* videos only: seconds each day is shown */
  const char *cross_fade;       /* videos only: seconds a data date fades in */
  const char *hold;             /* videos only: seconds the last frame stays */
  const char *stop;             /* a stop's picture: its id, number (from 1) or title */
  const char *small_multiples;  /* DATE,DATE,…: a PDF of one view on several dates */
  gboolean    stops;            /* videos only: the briefing's run through its stops */
  gboolean    handout;          /* a PDF handout, a page per stop */
  gboolean    handout_notes;    /* the handout with the stops' speaker notes */
  gboolean    fit;
  gboolean    force;
} FrontlineCliExport;

int frontline_cli_export (const FrontlineCliExport *options,
                          const char * const       *paths);

G_END_DECLS
