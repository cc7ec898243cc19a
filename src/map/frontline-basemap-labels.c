/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-basemap"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "frontline-basemap.h"
#include "frontline-basemap-private.h"
#include "frontline-projection.h"

/* The offline basemap's place names: sizes, the placement of each zoom
 * (decided a place at a time where pictures need them, the same as the whole
 * world's placement) and drawing with halos over whatever follows the tiles. */

void
_frontline_basemap_zoom_labels_free (ZoomLabels *labels)
{
  g_hash_table_unref (labels->grid);
  g_free (labels->state);
  g_free (labels);
}

/* The smallest population labelled at @zoom; the theatre shows more. */
static guint
min_population (guint    zoom,
                gboolean theatre)
{
  static const guint world[] = { 8000000, 5000000, 3000000, 1500000, 800000, 400000, 150000, 60000,
                                 15000 };
  static const guint detail[] = { 8000000, 5000000, 3000000, 1000000, 300000, 100000, 30000, 8000,
                                  2500, 800, 0 };

  if (theatre)
    return zoom < G_N_ELEMENTS (detail) ? detail[zoom] : 0;
  return zoom < G_N_ELEMENTS (world) ? world[zoom] : 15000;
}

static PangoLayout *
new_label_layout (PangoContext *context,
                  guint         population)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Cantarell, Sans");

  pango_font_description_set_absolute_size (font, (population >= 1000000 ? 13 : 11) * PANGO_SCALE);
  if (population >= 1000000)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);

  return layout;
}

static double
label_font_size (guint population)
{
  return population >= 1000000 ? 13.0 : 11.0;
}

/* Where each name goes, zoom aside, and how big it can be at most: no
 * glyph of these fonts is wider than their size, no line taller than twice
 * it (a name that is warns when measured), so a name's neighbours can be
 * found before anything is measured. */
void
_frontline_basemap_init_label_sizes (FrontlineBasemap *self)
{
  self->label_sizes = g_new (LabelSize, self->places->len);
  for (guint i = 0; i < self->places->len; i++)
    {
      FrontlineBasemapPlace *place = &g_array_index (self->places, FrontlineBasemapPlace, i);
      LabelSize *size = &self->label_sizes[i];
      double font_size = label_font_size (place->population);

      size->x = frontline_mercator_x (place->lon, 0);
      size->y = frontline_mercator_y (place->lat, 0);
      size->bound_w = (float) (g_utf8_strlen (place->name, -1) * font_size + 2);
      size->bound_h = (float) (2 * font_size);
      size->width = -1;
      size->height = -1;
      self->max_bound_w = MAX (self->max_bound_w, size->bound_w);
      self->max_bound_h = MAX (self->max_bound_h, size->bound_h);
    }
}

/* A pango context to measure names with, made when first needed. */
typedef struct {
  cairo_surface_t *surface;
  cairo_t         *cr;
  PangoContext    *context;
  PangoLayout     *layouts[2];  /* small and large names */
} Measurer;

static void
measurer_clear (Measurer *measurer)
{
  g_clear_object (&measurer->layouts[0]);
  g_clear_object (&measurer->layouts[1]);
  g_clear_object (&measurer->context);
  g_clear_pointer (&measurer->cr, cairo_destroy);
  g_clear_pointer (&measurer->surface, cairo_surface_destroy);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Measurer, measurer_clear)

/* The name's box around its dot at (0, 0): left, top, right, bottom. */
static void
label_offsets (FrontlineBasemap *self,
               Measurer         *measurer,
               guint             place_index,
               double            box[4])
{
  LabelSize *size = &self->label_sizes[place_index];

  if (size->width < 0)
    {
      FrontlineBasemapPlace *place = &g_array_index (self->places, FrontlineBasemapPlace,
                                                     place_index);
      gboolean large = place->population >= 1000000;
      int width;
      int height;

      if (measurer->context == NULL)
        {
          measurer->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
          measurer->cr = cairo_create (measurer->surface);
          measurer->context = pango_cairo_create_context (measurer->cr);
        }
      if (measurer->layouts[large] == NULL)
        measurer->layouts[large] = new_label_layout (measurer->context, place->population);
      pango_layout_set_text (measurer->layouts[large], place->name, -1);
      pango_layout_get_pixel_size (measurer->layouts[large], &width, &height);
      if (width > size->bound_w || height > size->bound_h)
        g_warning ("The basemap's name “%s” is %d × %d pixels, larger than its bound"
                   " %.0f × %.0f: names near it may be placed differently from one picture"
                   " to the next",
                   place->name, width, height, size->bound_w, size->bound_h);
      size->width = (gint16) MIN (width, G_MAXINT16);
      size->height = (gint16) MIN (height, G_MAXINT16);
      self->n_measured++;
    }

  box[0] = -4;
  box[1] = -size->height / 2.0 - 2;
  box[2] = 6 + size->width + 2;
  box[3] = size->height / 2.0 + 2;
}

/* The name's box at most, from its bounds. */
static void
label_bound_offsets (const LabelSize *size,
                     double           box[4])
{
  box[0] = -4;
  box[1] = -size->bound_h / 2.0 - 2;
  box[2] = 6 + size->bound_w + 2;
  box[3] = size->bound_h / 2.0 + 2;
}

static inline gint64
cell_key (gint64 cx,
          gint64 cy)
{
  return (cx << 32) ^ (cy & 0xffffffff);
}

/* g_int64_hash() folds the halves together: every cell of a diagonal would
 * have the same hash. */
static guint
cell_hash (gconstpointer key)
{
  return (guint) ((guint64) *(const gint64 *) key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) >> 32);
}

/* The places shown at @zoom in cells by their dot: a few milliseconds,
 * nothing measured. */
static ZoomLabels *
zoom_labels_new (FrontlineBasemap *self,
                 guint             zoom)
{
  ZoomLabels *labels = g_new0 (ZoomLabels, 1);
  double scale = exp2 (zoom);

  labels->grid = g_hash_table_new_full (cell_hash, g_int64_equal, g_free,
                                        (GDestroyNotify) g_array_unref);
  /* Cells wider than the largest name at most: none is in more than four. */
  labels->state = g_new (guint8, self->places->len);
  for (guint i = 0; i < self->places->len; i++)
    {
      FrontlineBasemapPlace *place = &g_array_index (self->places, FrontlineBasemapPlace, i);
      LabelSize *size = &self->label_sizes[i];
      double bound[4];
      gint64 cx0, cx1, cy0, cy1;

      if (place->population < min_population (zoom, _frontline_basemap_in_theatre (place->lon, place->lat)))
        {
          labels->state[i] = LABEL_LEFT_OUT;
          continue;
        }

      labels->state[i] = LABEL_UNDECIDED;
      labels->n_shown++;
      labels->n_undecided++;

      /* In every cell its name may reach. */
      label_bound_offsets (size, bound);
      cx0 = (gint64) floor ((size->x * scale + bound[0]) / LABEL_CELL);
      cx1 = (gint64) floor ((size->x * scale + bound[2]) / LABEL_CELL);
      cy0 = (gint64) floor ((size->y * scale + bound[1]) / LABEL_CELL);
      cy1 = (gint64) floor ((size->y * scale + bound[3]) / LABEL_CELL);
      for (gint64 cx = cx0; cx <= cx1; cx++)
        for (gint64 cy = cy0; cy <= cy1; cy++)
          {
            gint64 key = cell_key (cx, cy);
            GArray *cell = g_hash_table_lookup (labels->grid, &key);

            if (cell == NULL)
              {
                cell = g_array_new (FALSE, FALSE, sizeof (guint));
                g_hash_table_insert (labels->grid, g_memdup2 (&key, sizeof key), cell);
              }
            g_array_append_val (cell, i);
          }
    }

  return labels;
}

static ZoomLabels *
get_zoom_labels (FrontlineBasemap *self,
                 guint             zoom)
{
  zoom = MIN (zoom, FRONTLINE_BASEMAP_MAX_LABEL_ZOOM);
  if (self->labels[zoom] == NULL)
    self->labels[zoom] = zoom_labels_new (self, zoom);

  return self->labels[zoom];
}

static gint
compare_indices (gconstpointer a,
                 gconstpointer b)
{
  guint ia = *(const guint *) a;
  guint ib = *(const guint *) b;

  return (ia > ib) - (ia < ib);
}

/* Adds to @result, in order and once each, the places shown at @zoom
 * whose box at most meets @box (world pixels at @zoom). */
static void
collect_near (FrontlineBasemap *self,
              ZoomLabels       *labels,
              guint             zoom,
              const double      box[4],
              GArray           *result)
{
  double scale = exp2 (zoom);
  double world = 256 * scale;
  gint64 cx0 = (gint64) floor (MAX (box[0], -world) / LABEL_CELL);
  gint64 cx1 = (gint64) floor (MIN (box[2], 2 * world) / LABEL_CELL);
  gint64 cy0 = (gint64) floor (MAX (box[1], -world) / LABEL_CELL);
  gint64 cy1 = (gint64) floor (MIN (box[3], 2 * world) / LABEL_CELL);
  guint first = result->len;
  guint kept = first;

  for (gint64 cx = cx0; cx <= cx1; cx++)
    for (gint64 cy = cy0; cy <= cy1; cy++)
      {
        gint64 key = cell_key (cx, cy);
        GArray *cell = g_hash_table_lookup (labels->grid, &key);

        for (guint k = 0; cell != NULL && k < cell->len; k++)
          {
            guint index = g_array_index (cell, guint, k);
            LabelSize *size = &self->label_sizes[index];
            double bound[4];

            label_bound_offsets (size, bound);
            bound[0] += size->x * scale;
            bound[2] += size->x * scale;
            bound[1] += size->y * scale;
            bound[3] += size->y * scale;
            if (frontline_basemap_bbox_intersects (bound, box))
              g_array_append_val (result, index);
          }
      }

  /* In order, and each once: a name may be in several cells. */
  g_array_sort (result, compare_indices);
  for (guint k = first; k < result->len; k++)
    if (k == first || g_array_index (result, guint, k) != g_array_index (result, guint, kept - 1))
      g_array_index (result, guint, kept++) = g_array_index (result, guint, k);
  g_array_set_size (result, kept);
}

/* Whether the place @index is placed at @zoom: when no more populous place
 * whose name meets its name is. The same answer as placing every name of
 * the world in order, found from the neighbours alone. Called with the
 * mutex held. */
static gboolean
decide_label (FrontlineBasemap *self,
              ZoomLabels       *labels,
              guint             zoom,
              Measurer         *measurer,
              guint             index)
{
  g_autoptr(GArray) near = NULL;
  double scale = exp2 (zoom);
  double box[4];

  if (labels->state[index] != LABEL_UNDECIDED)
    return labels->state[index] == LABEL_PLACED;

  label_offsets (self, measurer, index, box);
  box[0] += self->label_sizes[index].x * scale;
  box[2] += self->label_sizes[index].x * scale;
  box[1] += self->label_sizes[index].y * scale;
  box[3] += self->label_sizes[index].y * scale;

  near = g_array_new (FALSE, FALSE, sizeof (guint));
  collect_near (self, labels, zoom, box, near);
  for (guint k = 0; k < near->len; k++)
    {
      guint other = g_array_index (near, guint, k);
      double other_box[4];

      if (other >= index)
        break;

      label_offsets (self, measurer, other, other_box);
      other_box[0] += self->label_sizes[other].x * scale;
      other_box[2] += self->label_sizes[other].x * scale;
      other_box[1] += self->label_sizes[other].y * scale;
      other_box[3] += self->label_sizes[other].y * scale;
      if (frontline_basemap_bbox_intersects (box, other_box) && decide_label (self, labels, zoom, measurer, other))
        {
          labels->state[index] = LABEL_LEFT_OUT;
          labels->n_undecided--;
          return FALSE;
        }
    }

  labels->state[index] = LABEL_PLACED;
  labels->n_undecided--;
  return TRUE;
}

/* The places whose names may show in @view at @label_zoom, in order:
 * those whose box at most, around their dot at @view's zoom, meets it. */
static GArray *
collect_in_view (FrontlineBasemap    *self,
                 ZoomLabels          *labels,
                 const FrontlineView *view,
                 guint                label_zoom)
{
  GArray *result = g_array_new (FALSE, FALSE, sizeof (guint));
  double scale = exp2 ((double) label_zoom - view->zoom);
  double view_scale = exp2 (view->zoom);
  double picture[4] = { 0, 0, view->width, view->height };
  double area[4];
  double origin_x;
  double origin_y;
  guint kept = 0;

  /* Boxes keep their size from one zoom to the next, dots their place: at
   * a label zoom no larger than the view's, a box that meets the picture
   * meets it at the label zoom too; at a larger one, grow the picture by
   * the largest box. */
  frontline_view_get_origin (view, &origin_x, &origin_y);
  area[0] = origin_x * scale;
  area[1] = origin_y * scale;
  area[2] = (origin_x + view->width) * scale;
  area[3] = (origin_y + view->height) * scale;
  if (scale > 1)
    {
      area[0] -= (8 + self->max_bound_w) * scale;
      area[1] -= self->max_bound_h * scale;
      area[2] += (8 + self->max_bound_w) * scale;
      area[3] += self->max_bound_h * scale;
    }
  collect_near (self, labels, label_zoom, area, result);

  for (guint k = 0; k < result->len; k++)
    {
      guint index = g_array_index (result, guint, k);
      LabelSize *size = &self->label_sizes[index];
      double x = size->x * view_scale - origin_x;
      double y = size->y * view_scale - origin_y;
      double bound[4];

      label_bound_offsets (size, bound);
      bound[0] += x;
      bound[2] += x;
      bound[1] += y;
      bound[3] += y;
      if (frontline_basemap_bbox_intersects (bound, picture))
        g_array_index (result, guint, kept++) = index;
    }
  g_array_set_size (result, kept);

  return result;
}

/* Decides the names of @places at @zoom, a place at a time under the mutex
 * so that a reader waits for one decision at most. With @placed, adds the
 * placed ones to it, in order. */
static void
decide_labels (FrontlineBasemap *self,
               guint             zoom,
               GArray           *places,
               GArray           *placed)
{
  g_auto(Measurer) measurer = { 0 };

  for (guint k = 0; k < places->len; k++)
    {
      guint index = g_array_index (places, guint, k);
      gboolean shown;

      g_mutex_lock (&self->labels_mutex);
      shown = decide_label (self, get_zoom_labels (self, zoom), zoom, &measurer, index);
      g_mutex_unlock (&self->labels_mutex);
      if (shown && placed != NULL)
        g_array_append_val (placed, index);
    }
}

/* The places decided at @zoom whose names meet @view, or %NULL if some
 * are not decided yet (then nothing is measured or decided). */
static GArray *
placed_in_view (FrontlineBasemap    *self,
                const FrontlineView *view,
                guint                zoom,
                gboolean             decide)
{
  g_autoptr(GArray) places = NULL;
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (guint));

  zoom = MIN (zoom, FRONTLINE_BASEMAP_MAX_LABEL_ZOOM);
  g_mutex_lock (&self->labels_mutex);
  if (!decide && self->labels[zoom] == NULL)
    {
      g_mutex_unlock (&self->labels_mutex);
      return NULL;
    }
  places = collect_in_view (self, get_zoom_labels (self, zoom), view, zoom);
  if (!decide)
    {
      ZoomLabels *labels = self->labels[zoom];

      for (guint k = 0; k < places->len; k++)
        {
          guint index = g_array_index (places, guint, k);

          if (labels->state[index] == LABEL_UNDECIDED)
            {
              g_mutex_unlock (&self->labels_mutex);
              return NULL;
            }
          if (labels->state[index] == LABEL_PLACED)
            g_array_append_val (placed, index);
        }
      g_mutex_unlock (&self->labels_mutex);
      return g_steal_pointer (&placed);
    }
  g_mutex_unlock (&self->labels_mutex);

  decide_labels (self, zoom, places, placed);
  return g_steal_pointer (&placed);
}

/**
 * frontline_basemap_get_label_zoom:
 *
 * Returns: the whole zoom whose placement of names @view shows: the floor
 *   of its zoom, so that between whole zooms names only spread apart
 */
guint
frontline_basemap_get_label_zoom (const FrontlineView *view)
{
  g_return_val_if_fail (view != NULL, 0);

  if (!isfinite (view->zoom))
    return 0;
  return (guint) CLAMP (floor (view->zoom), 0, FRONTLINE_BASEMAP_MAX_LABEL_ZOOM);
}

/**
 * frontline_basemap_has_labels:
 *
 * Returns: whether the names of @zoom are placed for the whole world
 *   already (frontline_basemap_prepare_labels())
 */
gboolean
frontline_basemap_has_labels (FrontlineBasemap *self,
                              guint             zoom)
{
  gboolean ready;

  g_return_val_if_fail (FRONTLINE_IS_BASEMAP (self), FALSE);

  zoom = MIN (zoom, FRONTLINE_BASEMAP_MAX_LABEL_ZOOM);
  g_mutex_lock (&self->labels_mutex);
  ready = self->labels[zoom] != NULL && self->labels[zoom]->n_undecided == 0;
  g_mutex_unlock (&self->labels_mutex);

  return ready;
}

/**
 * frontline_basemap_has_labels_for_view:
 * @label_zoom: the placement to ask about
 *
 * Returns: whether the names @view shows at @label_zoom are placed already,
 *   so that frontline_basemap_draw_labels() costs no placement: a quick
 *   question for the main thread (it measures nothing)
 */
gboolean
frontline_basemap_has_labels_for_view (FrontlineBasemap    *self,
                                       const FrontlineView *view,
                                       guint                label_zoom)
{
  g_autoptr(GArray) placed = NULL;

  g_return_val_if_fail (FRONTLINE_IS_BASEMAP (self), FALSE);
  g_return_val_if_fail (view != NULL, FALSE);

  if (!isfinite (view->zoom))
    return TRUE;
  placed = placed_in_view (self, view, label_zoom, FALSE);
  return placed != NULL;
}

/**
 * frontline_basemap_prepare_labels_for_view:
 *
 * Places the names that @view shows at @label_zoom, and those they depend
 * on only: milliseconds, for a worker thread. Thread-safe.
 */
void
frontline_basemap_prepare_labels_for_view (FrontlineBasemap    *self,
                                           const FrontlineView *view,
                                           guint                label_zoom)
{
  g_autoptr(GArray) placed = NULL;

  g_return_if_fail (FRONTLINE_IS_BASEMAP (self));
  g_return_if_fail (view != NULL);

  if (isfinite (view->zoom))
    placed = placed_in_view (self, view, label_zoom, TRUE);
}

/**
 * frontline_basemap_prepare_labels:
 *
 * Places the names of @zoom for the whole world, if not done yet: a few
 * hundred milliseconds, for a worker thread. Pictures need not wait for
 * it: frontline_basemap_draw_labels() places what it shows. Thread-safe.
 */
void
frontline_basemap_prepare_labels (FrontlineBasemap *self,
                                  guint             zoom)
{
  g_autoptr(GHashTable) grid = NULL;
  g_autoptr(GArray) boxes = NULL;
  g_auto(Measurer) measurer = { 0 };
  double scale;

  g_return_if_fail (FRONTLINE_IS_BASEMAP (self));

  zoom = MIN (zoom, FRONTLINE_BASEMAP_MAX_LABEL_ZOOM);
  if (frontline_basemap_has_labels (self, zoom))
    return;

  /* The plain way, in order, each name against the placed ones near it by
   * their measured boxes: the reference the placement of pictures, from
   * neighbours found by their bounds, must agree with. */
  scale = exp2 (zoom);
  grid = g_hash_table_new_full (cell_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  boxes = g_array_new (FALSE, FALSE, sizeof (double) * 4);
  for (guint i = 0; i < self->places->len; i++)
    {
      FrontlineBasemapPlace *place = &g_array_index (self->places, FrontlineBasemapPlace, i);
      ZoomLabels *labels;
      gboolean vacant = TRUE;
      double box[4];
      gint64 cx0, cx1, cy0, cy1;

      if (place->population < min_population (zoom, _frontline_basemap_in_theatre (place->lon, place->lat)))
        continue;

      /* A place at a time: a picture's placement waits for one at most. */
      g_mutex_lock (&self->labels_mutex);
      labels = get_zoom_labels (self, zoom);
      label_offsets (self, &measurer, i, box);
      box[0] += self->label_sizes[i].x * scale;
      box[2] += self->label_sizes[i].x * scale;
      box[1] += self->label_sizes[i].y * scale;
      box[3] += self->label_sizes[i].y * scale;

      cx0 = (gint64) floor (box[0] / LABEL_CELL);
      cx1 = (gint64) floor (box[2] / LABEL_CELL);
      cy0 = (gint64) floor (box[1] / LABEL_CELL);
      cy1 = (gint64) floor (box[3] / LABEL_CELL);
      for (gint64 cx = cx0; cx <= cx1 && vacant; cx++)
        for (gint64 cy = cy0; cy <= cy1 && vacant; cy++)
          {
            gint64 key = cell_key (cx, cy);
            GArray *cell = g_hash_table_lookup (grid, &key);

            for (guint k = 0; cell != NULL && k < cell->len && vacant; k++)
              vacant = !frontline_basemap_bbox_intersects (box, (const double *) (gconstpointer) boxes->data +
                                           4 * g_array_index (cell, guint, k));
          }

      if (labels->state[i] == LABEL_UNDECIDED)
        {
          labels->state[i] = vacant ? LABEL_PLACED : LABEL_LEFT_OUT;
          labels->n_undecided--;
        }
      else if ((labels->state[i] == LABEL_PLACED) != vacant)
        g_critical ("The basemap's name “%s” was %s at zoom %u for a picture, but not for the "
                    "whole world: placement depends on where pictures were drawn", place->name,
                    vacant ? "left out" : "placed", zoom);
      g_mutex_unlock (&self->labels_mutex);

      if (!vacant)
        continue;

      for (gint64 cx = cx0; cx <= cx1; cx++)
        for (gint64 cy = cy0; cy <= cy1; cy++)
          {
            gint64 key = cell_key (cx, cy);
            GArray *cell = g_hash_table_lookup (grid, &key);
            guint index = boxes->len;

            if (cell == NULL)
              {
                cell = g_array_new (FALSE, FALSE, sizeof (guint));
                g_hash_table_insert (grid, g_memdup2 (&key, sizeof key), cell);
              }
            g_array_append_val (cell, index);
          }
      g_array_append_vals (boxes, box, 1);
    }
}

/**
 * frontline_basemap_count_labels:
 * @n_decided: (out) (optional): how many of the places shown at @zoom if
 *   there is room are decided, placed or left out
 * @n_measured: (out) (optional): how many names were measured, at any zoom
 *
 * For tests and benchmarks: how much placement has been done.
 */
void
frontline_basemap_count_labels (FrontlineBasemap *self,
                                guint             zoom,
                                guint            *n_decided,
                                guint            *n_measured)
{
  g_return_if_fail (FRONTLINE_IS_BASEMAP (self));

  zoom = MIN (zoom, FRONTLINE_BASEMAP_MAX_LABEL_ZOOM);
  g_mutex_lock (&self->labels_mutex);
  if (n_decided != NULL)
    {
      ZoomLabels *labels = self->labels[zoom];

      *n_decided = labels != NULL ? labels->n_shown - labels->n_undecided : 0;
    }
  if (n_measured != NULL)
    *n_measured = self->n_measured;
  g_mutex_unlock (&self->labels_mutex);
}

static void
set_halo (cairo_t       *cr,
          const Palette *palette)
{
  cairo_set_source_rgba (cr, palette->halo[0], palette->halo[1], palette->halo[2], palette->halo[3]);
}

/* One name: its dot, the halo and the text, the dot at (@x, @y). */
static void
paint_label (cairo_t                     *cr,
             PangoLayout                 *layout,
             const FrontlineBasemapPlace *place,
             double                       x,
             double                       y,
             const Palette               *palette)
{
  int width;
  int height;

  pango_layout_get_pixel_size (layout, &width, &height);

  cairo_new_path (cr);
  cairo_arc (cr, x, y, place->population >= 1000000 ? 3.0 : 2.0, 0, 2 * G_PI);
  set_halo (cr, palette);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke_preserve (cr);
  frontline_basemap_set_rgb (cr, palette->text);
  cairo_fill (cr);

  cairo_move_to (cr, x + 6, y - height / 2.0);
  pango_cairo_layout_path (cr, layout);
  set_halo (cr, palette);
  /* Two pixels of halo around the glyphs: enough to read a name over a
   * hatch or a dot pattern. */
  cairo_set_line_width (cr, 4.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_move_to (cr, x + 6, y - height / 2.0);
  frontline_basemap_set_rgb (cr, palette->text);
  pango_cairo_show_layout (cr, layout);
}

/* A name drawn once into an image at @scale device pixels a unit, the dot
 * at (SPRITE_LEFT, SPRITE_TOP + height / 2) of it. */
#define SPRITE_LEFT 5.0
#define SPRITE_TOP  3.0

static cairo_surface_t *
new_sprite (PangoContext                *context,
            const FrontlineBasemapPlace *place,
            double                       scale,
            const Palette               *palette)
{
  g_autoptr(PangoLayout) layout = new_label_layout (context, place->population);
  cairo_surface_t *sprite;
  cairo_t *cr;
  int width;
  int height;

  pango_layout_set_text (layout, place->name, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil ((width + 14) * scale),
                                       (int) ceil ((height + 2 * SPRITE_TOP) * scale));
  cairo_surface_set_device_scale (sprite, scale, scale);
  cr = cairo_create (sprite);
  pango_cairo_update_layout (cr, layout);
  paint_label (cr, layout, place, SPRITE_LEFT, SPRITE_TOP + height / 2.0, palette);
  cairo_destroy (cr);

  return sprite;
}

/**
 * frontline_basemap_draw_labels:
 * @cr: a cairo context whose user space is @view's picture
 * @view: what the picture shows
 * @label_zoom: the placement to draw, frontline_basemap_get_label_zoom()
 *   of @view; a smaller one also works (fewer names, never overlapping)
 * @sprites: (nullable): for the screen, a cache of names drawn as images
 *   that the caller keeps from one frame to the next, for one style (an
 *   empty #GHashTable with cairo_surface_destroy() to free values); %NULL
 *   draws every name as text and paths, for exports
 *
 * Draws the place names of @view, each with its dot and a halo of the
 * style's background (a stroked outline under the text), so that they stay
 * readable over whatever is drawn before them: the screen and the exporter
 * call it after the control areas. Names are placed per whole zoom without
 * overlaps, most populous first, as if for the whole world at once, so they
 * agree from one frame to the next and wherever a picture's edges fall; a
 * picture places only the names it shows and their neighbours (a few
 * milliseconds for a new zoom). The text keeps its size in @cr's units at
 * every zoom.
 */
void
frontline_basemap_draw_labels (FrontlineBasemap      *self,
                               cairo_t               *cr,
                               const FrontlineView   *view,
                               guint                  label_zoom,
                               FrontlineBasemapStyle  style,
                               GHashTable            *sprites)
{
  const Palette *palette = &frontline_basemap_palettes[style == FRONTLINE_BASEMAP_STYLE_DARK];
  g_autoptr(GArray) placed = NULL;
  PangoContext *context;
  cairo_matrix_t matrix;
  double scale = 1.0;
  double origin_x;
  double origin_y;
  double picture[4];

  g_return_if_fail (FRONTLINE_IS_BASEMAP (self));
  g_return_if_fail (cr != NULL && view != NULL);

  if (!isfinite (view->zoom))
    return;

  /* Images only where they land on whole device pixels unscaled: not
   * rotated, the same scale as drawn. */
  cairo_get_matrix (cr, &matrix);
  cairo_surface_get_device_scale (cairo_get_target (cr), &scale, &(double) { 1.0 });
  if (matrix.xy != 0 || matrix.yx != 0 || matrix.xx != 1 || matrix.yy != 1)
    sprites = NULL;
  if (sprites != NULL && g_hash_table_size (sprites) > 4096)
    g_hash_table_remove_all (sprites);

  placed = placed_in_view (self, view, label_zoom, TRUE);
  frontline_view_get_origin (view, &origin_x, &origin_y);
  picture[0] = 0;
  picture[1] = 0;
  picture[2] = view->width;
  picture[3] = view->height;

  cairo_save (cr);
  context = pango_cairo_create_context (cr);
  for (guint i = 0; i < placed->len; i++)
    {
      guint index = g_array_index (placed, guint, i);
      FrontlineBasemapPlace *place = &g_array_index (self->places, FrontlineBasemapPlace, index);
      const LabelSize *size = &self->label_sizes[index];
      double x = frontline_mercator_x (place->lon, view->zoom) - origin_x;
      double y = frontline_mercator_y (place->lat, view->zoom) - origin_y;
      /* The box as placed, around the dot where it lands at this zoom
       * (measured: it was placed). */
      double box[4] = { x - 4, y - size->height / 2.0 - 2,
                        x + 6 + size->width + 2, y + size->height / 2.0 + 2 };

      if (!frontline_basemap_bbox_intersects (box, picture))
        continue;

      if (sprites != NULL)
        {
          gpointer key = GUINT_TO_POINTER (index + 1);
          cairo_surface_t *sprite = g_hash_table_lookup (sprites, key);
          double sprite_scale = 0;
          double left;
          double top;

          if (sprite != NULL)
            cairo_surface_get_device_scale (sprite, &sprite_scale, &(double) { 0 });
          if (sprite == NULL || sprite_scale != scale)
            {
              sprite = new_sprite (context, place, scale, palette);
              g_hash_table_replace (sprites, key, sprite);
            }

          /* On whole device pixels, as the image was drawn. */
          left = x - SPRITE_LEFT;
          top = y - cairo_image_surface_get_height (sprite) / scale / 2.0;
          cairo_user_to_device (cr, &left, &top);
          left = round (left);
          top = round (top);
          cairo_device_to_user (cr, &left, &top);
          cairo_set_source_surface (cr, sprite, left, top);
          cairo_paint (cr);
        }
      else
        {
          g_autoptr(PangoLayout) layout = new_label_layout (context, place->population);

          pango_layout_set_text (layout, place->name, -1);
          paint_label (cr, layout, place, x, y, palette);
        }
    }
  g_object_unref (context);
  cairo_restore (cr);
}
