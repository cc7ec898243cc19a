/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "frontline-dataset.h"
#include "frontline-projection.h"

G_BEGIN_DECLS

/* A handout page, A4 landscape, in points. */
#define FRONTLINE_HANDOUT_PAGE_WIDTH 842.0
#define FRONTLINE_HANDOUT_PAGE_HEIGHT 595.0

/* What a handout's stop pages say besides the map and the stop's text. */
typedef enum {
  FRONTLINE_HANDOUT_NONE  = 0,
  FRONTLINE_HANDOUT_NOTES = 1 << 0,  /* the stop's speaker notes, after its quotes */
} FrontlineHandoutFlags;

/* Small multiples: at most this many dates of one view on a page (3 × 2). */
#define FRONTLINE_HANDOUT_MAX_MULTIPLES 6

char    *frontline_handout_format_quote_byline (FrontlineQuote *quote,
                                                FrontlineStop  *stop);
char    *frontline_handout_page_text (FrontlineDataset  *dataset,
                                      guint              index);
gboolean frontline_handout_draw_page (FrontlineDataset  *dataset,
                                      guint              index,
                                      cairo_t           *cr,
                                      GError           **error);

gboolean frontline_handout_write (FrontlineDataset  *dataset,
                                  GFile             *file,
                                  gboolean           replace,
                                  GCancellable      *cancellable,
                                  GError           **error);

char    *frontline_handout_page_text_full (FrontlineDataset      *dataset,
                                      guint                  index,
                                      FrontlineHandoutFlags  flags);
gboolean frontline_handout_draw_page_full (FrontlineDataset      *dataset,
                                           guint                  index,
                                           FrontlineHandoutFlags  flags,
                                           cairo_t               *cr,
                                           GError               **error);
gboolean frontline_handout_write_full (FrontlineDataset       *dataset,
                                       GFile                  *file,
                                       FrontlineHandoutFlags   flags,
                                       gboolean                replace,
                                       GCancellable           *cancellable,
                                       GError                **error);

/* Small multiples: @n_days dates of one view (@view's centre and zoom, or
 * NULL for the dataset's fitted view), up to FRONTLINE_HANDOUT_MAX_MULTIPLES
 * a page in a grid (1, 2 × 1, 2 × 2 or 3 × 2), each with its date, under
 * the dataset's title, with one legend and one credits line for the page. */
gboolean frontline_handout_draw_small_multiples  (FrontlineDataset     *dataset,
                                                  const FrontlineView  *view,
                                                  const FrontlineDay   *days,
                                                  guint                 n_days,
                                                  cairo_t              *cr,
                                                  GError              **error);
gboolean frontline_handout_write_small_multiples (FrontlineDataset     *dataset,
                                                  const FrontlineView  *view,
                                                  const FrontlineDay   *days,
                                                  guint                 n_days,
                                                  GFile                *file,
                                                  gboolean              replace,
                                                  GCancellable         *cancellable,
                                                  GError              **error);

G_END_DECLS
