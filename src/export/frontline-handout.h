/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "frontline-dataset.h"

G_BEGIN_DECLS

/* A handout page, A4 landscape, in points. */
#define FRONTLINE_HANDOUT_PAGE_WIDTH 842.0
#define FRONTLINE_HANDOUT_PAGE_HEIGHT 595.0

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

G_END_DECLS
