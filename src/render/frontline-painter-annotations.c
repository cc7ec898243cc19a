/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-painter"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "frontline-annotation.h"
#include "frontline-painter.h"

/* A stop's drawings, over the areas: the same code for the screen, the
 * exports, the handouts and the videos. Positions follow the map (Web
 * Mercator at the view's zoom); stroke widths and text are in pixels, as the
 * map's own outlines are. Each drawing has a light casing under it so that it
 * reads over any fill. */

#define EARTH_RADIUS 6378137.0
#define CASING       2.0           /* pixels each side */
#define TEXT_SIZE    16.0          /* pixels, for a width of 4 */

static void
set_casing (cairo_t *cr)
{
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
}

static void
trace_line (cairo_t                   *cr,
            const FrontlineView       *view,
            const FrontlineAnnotation *annotation,
            guint                      n_points)
{
  cairo_new_path (cr);
  for (guint i = 0; i < n_points; i++)
    {
      double x, y;

      frontline_view_to_point (view, annotation->points[2 * i], annotation->points[2 * i + 1], &x, &y);
      cairo_line_to (cr, x, y);
    }
}

/* Where the arrow's head starts: a point on the line about @length pixels
 * before its end, so that a freehand arrow's head follows the stroke's last
 * stretch rather than its last jitter. */
static void
head_base (const FrontlineView       *view,
           const FrontlineAnnotation *annotation,
           double                     length,
           double                    *bx,
           double                    *by)
{
  double tx, ty;

  frontline_view_to_point (view, annotation->points[2 * (annotation->n_points - 1)],
                           annotation->points[2 * (annotation->n_points - 1) + 1], &tx, &ty);
  *bx = tx;
  *by = ty;
  for (guint i = annotation->n_points - 1; i-- > 0;)
    {
      frontline_view_to_point (view, annotation->points[2 * i], annotation->points[2 * i + 1], bx, by);
      if (hypot (*bx - tx, *by - ty) >= length)
        return;
    }
}

static void
draw_line (cairo_t                   *cr,
           const FrontlineView       *view,
           const FrontlineAnnotation *annotation)
{
  gboolean arrow = annotation->kind == FRONTLINE_ANNOTATION_ARROW;
  double width = annotation->width;
  double head = MAX (12.0, 3.5 * width);
  double tx, ty, bx, by, angle;
  guint last = annotation->n_points - 1;

  frontline_view_to_point (view, annotation->points[2 * last], annotation->points[2 * last + 1], &tx, &ty);
  head_base (view, annotation, head, &bx, &by);
  angle = atan2 (ty - by, tx - bx);

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (int pass = 0; pass < 2; pass++)
    {
      trace_line (cr, view, annotation, annotation->n_points);
      if (arrow && (tx != bx || ty != by))
        {
          /* The shaft stops inside the head, so its round cap does not
           * show past the point. */
          cairo_new_path (cr);
          trace_line (cr, view, annotation, annotation->n_points - 1);
          cairo_line_to (cr, tx - cos (angle) * head * 0.6, ty - sin (angle) * head * 0.6);
        }
      if (pass == 0)
        {
          set_casing (cr);
          cairo_set_line_width (cr, width + 2 * CASING);
        }
      else
        {
          cairo_set_source_rgba (cr, annotation->rgba[0], annotation->rgba[1], annotation->rgba[2],
                                 annotation->rgba[3]);
          cairo_set_line_width (cr, width);
        }
      cairo_stroke (cr);

      if (arrow && (tx != bx || ty != by))
        {
          cairo_move_to (cr, tx, ty);
          cairo_line_to (cr, tx - cos (angle - 0.45) * head, ty - sin (angle - 0.45) * head);
          cairo_line_to (cr, tx - cos (angle + 0.45) * head, ty - sin (angle + 0.45) * head);
          cairo_close_path (cr);
          if (pass == 0)
            {
              cairo_set_line_width (cr, 2 * CASING);
              cairo_stroke (cr);
            }
          else
            cairo_fill (cr);
        }
    }
  cairo_restore (cr);
}

/* Metres on the ground to pixels at @lat on Web Mercator at @zoom. */
static double
metres_to_pixels (double metres,
                  double lat,
                  double zoom)
{
  double metres_per_pixel = 2 * G_PI * EARTH_RADIUS * cos (lat * G_PI / 180.0) / (256.0 * exp2 (zoom));

  return metres / MAX (metres_per_pixel, 1e-9);
}

static void
draw_circle (cairo_t                   *cr,
             const FrontlineView       *view,
             const FrontlineAnnotation *annotation)
{
  double x, y;
  double r = metres_to_pixels (annotation->radius, annotation->points[1], view->zoom);

  frontline_view_to_point (view, annotation->points[0], annotation->points[1], &x, &y);
  /* A circle far bigger than the picture is drawn as its part near it. */
  r = MIN (r, 1e6);

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  set_casing (cr);
  cairo_set_line_width (cr, annotation->width + 2 * CASING);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, annotation->rgba[0], annotation->rgba[1], annotation->rgba[2], annotation->rgba[3]);
  cairo_set_line_width (cr, annotation->width);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_text (cairo_t                   *cr,
           const FrontlineView       *view,
           const FrontlineAnnotation *annotation)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans Bold");
  PangoRectangle ink, logical;
  double x, y;

  /* Text grows a little with the width the author chose. */
  pango_font_description_set_absolute_size (font, TEXT_SIZE * PANGO_SCALE * CLAMP (annotation->width / 4.0, 0.75, 3.0));
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, annotation->text != NULL ? annotation->text : "", -1);
  pango_layout_set_width (layout, 360 * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_extents (layout, &ink, &logical);

  /* Centred on its point. */
  frontline_view_to_point (view, annotation->points[0], annotation->points[1], &x, &y);
  cairo_save (cr);
  cairo_move_to (cr, round (x - logical.x - logical.width / 2.0), round (y - logical.y - logical.height / 2.0));
  pango_cairo_layout_path (cr, layout);
  set_casing (cr);
  cairo_set_line_width (cr, 2 * CASING + 1);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, annotation->rgba[0], annotation->rgba[1], annotation->rgba[2], annotation->rgba[3]);
  cairo_fill (cr);
  cairo_restore (cr);
}

/**
 * frontline_painter_draw_annotations:
 * @view: what the picture shows, in its user space (pixels at 1x)
 * @annotations: (element-type FrontlineAnnotation) (nullable): in drawing order
 *
 * Draws a stop's drawings on the map; those wholly outside the view are
 * skipped.
 */
void
frontline_painter_draw_annotations (cairo_t             *cr,
                                    const FrontlineView *view,
                                    GPtrArray           *annotations)
{
  double visible[4];

  if (annotations == NULL || annotations->len == 0)
    return;

  frontline_view_get_bbox (view, visible);
  for (guint i = 0; i < annotations->len; i++)
    {
      const FrontlineAnnotation *annotation = g_ptr_array_index (annotations, i);
      double bbox[4];
      double margin;

      /* Heads, casings and text reach past the points: a margin of a
       * quarter of the view. */
      frontline_annotation_get_bbox (annotation, bbox);
      margin = MAX (visible[2] - visible[0], visible[3] - visible[1]) / 4;
      if (bbox[2] < visible[0] - margin || bbox[0] > visible[2] + margin ||
          bbox[3] < visible[1] - margin || bbox[1] > visible[3] + margin)
        continue;

      switch (annotation->kind)
        {
        case FRONTLINE_ANNOTATION_ARROW:
        case FRONTLINE_ANNOTATION_LINE:
        case FRONTLINE_ANNOTATION_FREEHAND:
          draw_line (cr, view, annotation);
          break;

        case FRONTLINE_ANNOTATION_CIRCLE:
          draw_circle (cr, view, annotation);
          break;

        case FRONTLINE_ANNOTATION_TEXT:
          draw_text (cr, view, annotation);
          break;

        default:
          g_assert_not_reached ();
        }
    }
}
