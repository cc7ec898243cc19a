/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-painter"

#include "config.h"

#include <math.h>

#include "frontline-faction.h"
#include "frontline-model-private.h"
#include "frontline-painter.h"
#include "frontline-projection.h"

/* The control overlay's drawing: display-free, so the map layer on screen and
 * the exporter on paper draw the same picture from the same input.
 *
 * Styles are told apart without colour, so they survive grayscale printing
 * and colour blindness: controlled ground is a solid tint, claimed ground a
 * diagonal hatch, contested ground a cross-hatch; approximate areas have a
 * dashed outline. In compare mode, ground gained is a strong tint with a
 * bold solid edge, ground lost a wash with a grid of dots and a dashed edge:
 * no hatch, so neither is taken for claimed or contested ground. The
 * patterns are anchored to the world, not the view, so they do not swim
 * when the map pans; each side's hatch lines are shifted by its own phase,
 * so where two sides' areas overlap their lines interleave and both stay
 * visible, and every outline is drawn over every fill. */

#define HATCH_SPACING 9.0
#define DOT_SPACING   7.0

/* Paths */

/**
 * frontline_painter_add_geometry:
 * @origin_x: the picture's corner, in world pixels at @zoom
 * @close: whether rings are closed (areas) or open (lines)
 *
 * Adds the rings of @geometry to the current path, skipping points that
 * land within half a pixel of the last one: at low zooms most do, and the
 * path stays as small as the picture needs.
 */
void
frontline_painter_add_geometry (cairo_t                 *cr,
                                const FrontlineGeometry *geometry,
                                double                   zoom,
                                double                   origin_x,
                                double                   origin_y,
                                gboolean                 close)
{
  double scale = 256.0 * exp2 (zoom);

  for (guint r = 0; r < geometry->n_rings; r++)
    {
      guint start = geometry->rings[r];
      guint end = geometry->rings[r + 1];
      double last_x = 0;
      double last_y = 0;

      for (guint i = start; i < end; i++)
        {
          double lon = geometry->coords[2 * i];
          double phi = CLAMP (geometry->coords[2 * i + 1], -85.0511287798, 85.0511287798) * (G_PI / 180.0);
          double s = sin (phi);
          double x = (lon + 180.0) / 360.0 * scale - origin_x;
          double y = (0.5 - log ((1.0 + s) / (1.0 - s)) / (4.0 * G_PI)) * scale - origin_y;

          if (i == start)
            cairo_move_to (cr, x, y);
          else if (fabs (x - last_x) >= 0.5 || fabs (y - last_y) >= 0.5 || i == end - 1)
            cairo_line_to (cr, x, y);
          else
            continue;
          last_x = x;
          last_y = y;
        }
      if (close)
        cairo_close_path (cr);
    }
}

static gboolean
intersects (const double a[4],
            const double b[4])
{
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/* Hatching: lines at @angle (degrees) over the clip, anchored to the world. */
static void
hatch (cairo_t *cr,
       double   origin_x,
       double   origin_y,
       double   angle,
       double   spacing,
       double   phase)
{
  double x1, y1, x2, y2;
  double dx = cos (angle * G_PI / 180.0);
  double dy = sin (angle * G_PI / 180.0);
  /* The normal to the lines: lines are { p : p·n = k * spacing }. */
  double nx = -dy;
  double ny = dx;
  double lo = G_MAXDOUBLE;
  double hi = -G_MAXDOUBLE;
  double corners[4][2];

  cairo_clip_extents (cr, &x1, &y1, &x2, &y2);
  corners[0][0] = x1; corners[0][1] = y1;
  corners[1][0] = x2; corners[1][1] = y1;
  corners[2][0] = x1; corners[2][1] = y2;
  corners[3][0] = x2; corners[3][1] = y2;
  for (int i = 0; i < 4; i++)
    {
      double d = (corners[i][0] + origin_x) * nx + (corners[i][1] + origin_y) * ny;

      lo = MIN (lo, d);
      hi = MAX (hi, d);
    }

  cairo_new_path (cr);
  for (double k = floor ((lo - phase) / spacing); k * spacing + phase <= hi; k += 1.0)
    {
      /* The line's point nearest the world's origin, in picture coordinates,
       * and a segment through it long enough to cross the clip. */
      double px = (k * spacing + phase) * nx - origin_x;
      double py = (k * spacing + phase) * ny - origin_y;
      double length = hypot (x2 - x1, y2 - y1);
      double middle = ((x1 + x2) / 2 - px) * dx + ((y1 + y2) / 2 - py) * dy;

      cairo_move_to (cr, px + (middle - length) * dx, py + (middle - length) * dy);
      cairo_line_to (cr, px + (middle + length) * dx, py + (middle + length) * dy);
    }
  cairo_stroke (cr);
}

/* Fills the current path (kept) in the style of @status. */
static void
fill_status (cairo_t         *cr,
             const double     rgb[3],
             FrontlineStatus  status,
             double           origin_x,
             double           origin_y,
             double           phase)
{
  switch (status)
    {
    case FRONTLINE_STATUS_CONTROLLED:
      cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], 0.38);
      cairo_fill_preserve (cr);
      break;

    case FRONTLINE_STATUS_CLAIMED:
    case FRONTLINE_STATUS_CONTESTED:
    default:
      cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], status == FRONTLINE_STATUS_CLAIMED ? 0.12 : 0.08);
      cairo_fill_preserve (cr);
      cairo_save (cr);
      cairo_clip_preserve (cr);
      cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], 0.85);
      cairo_set_line_width (cr, 1.5);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      hatch (cr, origin_x, origin_y, 45.0, HATCH_SPACING, phase);
      if (status == FRONTLINE_STATUS_CONTESTED)
        hatch (cr, origin_x, origin_y, -45.0, HATCH_SPACING, phase);
      cairo_restore (cr);
      break;
    }
}

/* Strokes the current path as an outline of @approximate. */
static void
outline (cairo_t         *cr,
         const double     rgb[3],
         gboolean         approximate)
{
  static const double dash[] = { 6.0, 4.0 };

  cairo_set_line_width (cr, 1.8);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (approximate)
    {
      /* Light gaps under the dashes: a dark dash alone vanishes on the dark
       * basemap, light gaps alone on the light one; together they read as
       * dashes on both. */
      cairo_set_source_rgba (cr, 0.96, 0.96, 0.96, 0.8);
      cairo_stroke_preserve (cr);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
    }
  /* A darker edge of the faction's colour, readable on both basemap styles. */
  cairo_set_source_rgba (cr, rgb[0] * 0.7, rgb[1] * 0.7, rgb[2] * 0.7, 0.95);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static int
faction_order (gconstpointer a,
               gconstpointer b)
{
  FrontlineFaction *fa = *(FrontlineFaction **) a;
  FrontlineFaction *fb = *(FrontlineFaction **) b;

  return g_strcmp0 (fa->id, fb->id);
}

static int
status_order (gconstpointer a,
              gconstpointer b)
{
  FrontlineArea *aa = *(FrontlineArea **) a;
  FrontlineArea *ab = *(FrontlineArea **) b;

  return (int) frontline_area_get_status (aa) - (int) frontline_area_get_status (ab);
}

/**
 * frontline_painter_draw_areas:
 * @areas: (element-type FrontlineArea): the areas to draw, as
 *   frontline_dataset_get_state_at() gives them
 *
 * Draws control areas: controlled ground first, claimed and contested ground
 * over it, each area's outline last. Holes stay open (even-odd fill). Only
 * areas in view are drawn, from the geometry simplified for the zoom.
 *
 * Returns: whether every area had its simplified copy ready; if not, the
 *   caller may compute them (frontline_area_get_geometry_for_zoom()) in a
 *   worker and draw again
 */
gboolean
frontline_painter_draw_areas (cairo_t             *cr,
                              const FrontlineView *view,
                              GPtrArray           *areas)
{
  gboolean missing = FALSE;
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (areas->len);
  g_autoptr(GPtrArray) sides = g_ptr_array_new ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_path_destroy);
  g_autoptr(GPtrArray) drawn = g_ptr_array_new ();
  double origin_x;
  double origin_y;
  double bbox[4];

  g_return_val_if_fail (cr != NULL && view != NULL && areas != NULL, FALSE);

  /* Borrowed pointers, sorted: no free function. */
  g_ptr_array_extend (sorted, areas, NULL, NULL);
  frontline_view_get_origin (view, &origin_x, &origin_y);
  frontline_view_get_bbox (view, bbox);
  g_ptr_array_sort (sorted, status_order);

  /* The sides with areas on the day, by id: each one's hatch phase. */
  for (guint i = 0; i < sorted->len; i++)
    {
      FrontlineFaction *faction = frontline_area_get_faction (g_ptr_array_index (sorted, i));

      if (!g_ptr_array_find (sides, faction, NULL))
        g_ptr_array_add (sides, faction);
    }
  g_ptr_array_sort (sides, faction_order);

  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);

  /* Fills first, controlled ground under claimed and contested ground... */
  for (guint i = 0; i < sorted->len; i++)
    {
      FrontlineArea *area = g_ptr_array_index (sorted, i);
      FrontlineFaction *faction = frontline_area_get_faction (area);
      g_autoptr(FrontlineGeometry) geometry = NULL;
      guint side = 0;

      if (!intersects (frontline_area_get_geometry (area)->bbox, bbox))
        continue;

      /* The copy simplified for the zoom band when it is ready; until then
       * the full geometry, thinned to half a pixel as it is drawn, which
       * costs a few milliseconds where simplifying costs tens. */
      geometry = frontline_area_peek_geometry_for_zoom (area, view->zoom);
      if (geometry == NULL)
        {
          geometry = frontline_geometry_ref (frontline_area_get_geometry (area));
          missing = TRUE;
        }
      g_ptr_array_find (sides, faction, &side);
      cairo_new_path (cr);
      frontline_painter_add_geometry (cr, geometry, view->zoom, origin_x, origin_y, TRUE);
      g_ptr_array_add (paths, cairo_copy_path (cr));
      g_ptr_array_add (drawn, area);
      fill_status (cr, faction->rgb, frontline_area_get_status (area), origin_x, origin_y,
                   HATCH_SPACING * side / MAX (sides->len, 1));
    }

  /* ...then every outline over every fill, so no side's edge is hidden. */
  for (guint i = 0; i < drawn->len; i++)
    {
      FrontlineArea *area = g_ptr_array_index (drawn, i);

      cairo_new_path (cr);
      cairo_append_path (cr, g_ptr_array_index (paths, i));
      outline (cr, frontline_area_get_faction (area)->rgb, frontline_area_get_approximate (area));
    }

  cairo_restore (cr);

  return !missing;
}

/* Gained ground, the current path: a strong tint with a bold edge. */
static void
paint_gained (cairo_t      *cr,
              const double  rgb[3])
{
  cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], 0.6);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, rgb[0] * 0.5, rgb[1] * 0.5, rgb[2] * 0.5);
  cairo_set_line_width (cr, 3.0);
  cairo_stroke (cr);
}

/* A grid of dots over the clip, every other row shifted, anchored to the
 * world. */
static void
dots (cairo_t *cr,
      double   origin_x,
      double   origin_y,
      double   spacing,
      double   radius)
{
  double x1, y1, x2, y2;

  cairo_clip_extents (cr, &x1, &y1, &x2, &y2);
  cairo_new_path (cr);
  for (double row = floor ((y1 + origin_y) / spacing); row * spacing - origin_y <= y2 + spacing;
       row += 1.0)
    {
      double shift = fmod (fabs (row), 2.0) * spacing / 2;

      for (double col = floor ((x1 + origin_x) / spacing) - 1;
           col * spacing - origin_x <= x2 + spacing; col += 1.0)
        {
          double x = col * spacing + shift - origin_x;
          double y = row * spacing - origin_y;

          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
        }
    }
  cairo_fill (cr);
}

/* Lost ground, the current path: a pale wash with dark dots of the side's
 * colour, and a dashed edge. */
static void
paint_lost (cairo_t      *cr,
            const double  rgb[3],
            double        origin_x,
            double        origin_y)
{
  static const double dash[] = { 5.0, 3.0 };
  cairo_path_t *path = cairo_copy_path (cr);

  cairo_set_source_rgba (cr, 1.0, 1.0, 1.0, 0.5);
  cairo_fill_preserve (cr);
  cairo_save (cr);
  cairo_clip_preserve (cr);
  cairo_set_source_rgba (cr, rgb[0] * 0.45, rgb[1] * 0.45, rgb[2] * 0.45, 0.95);
  dots (cr, origin_x, origin_y, DOT_SPACING, 1.7);
  cairo_restore (cr);
  cairo_new_path (cr);
  cairo_append_path (cr, path);
  cairo_path_destroy (path);
  cairo_set_line_width (cr, 2.4);
  cairo_set_source_rgba (cr, 1.0, 1.0, 1.0, 0.8);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, rgb[0] * 0.6, rgb[1] * 0.6, rgb[2] * 0.6);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/**
 * frontline_painter_draw_changes:
 * @gained: (nullable): ground gained, drawn as a strong tint with a bold edge
 * @lost: (nullable): ground lost, drawn as a pale wash with dark dots and a
 *   dashed edge
 *
 * Draws what a faction gained and lost between two dates, over the areas.
 */
void
frontline_painter_draw_changes (cairo_t                 *cr,
                                const FrontlineView     *view,
                                const FrontlineGeometry *gained,
                                const FrontlineGeometry *lost,
                                const double             rgb[3])
{
  double origin_x;
  double origin_y;

  frontline_view_get_origin (view, &origin_x, &origin_y);

  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);

  if (gained != NULL && !frontline_geometry_is_empty (gained))
    {
      cairo_new_path (cr);
      frontline_painter_add_geometry (cr, gained, view->zoom, origin_x, origin_y, TRUE);
      paint_gained (cr, rgb);
    }

  if (lost != NULL && !frontline_geometry_is_empty (lost))
    {
      cairo_new_path (cr);
      frontline_painter_add_geometry (cr, lost, view->zoom, origin_x, origin_y, TRUE);
      paint_lost (cr, rgb, origin_x, origin_y);
    }

  cairo_restore (cr);
}

/**
 * frontline_painter_draw_change_swatch:
 * @gained: the style of ground gained, or else of ground lost
 *
 * A legend's sample of how frontline_painter_draw_changes() draws a change.
 */
void
frontline_painter_draw_change_swatch (cairo_t      *cr,
                                      double        x,
                                      double        y,
                                      double        width,
                                      double        height,
                                      const double  rgb[3],
                                      gboolean      gained)
{
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, x + 1.5, y + 1.5, width - 3, height - 3);
  if (gained)
    paint_gained (cr, rgb);
  else
    paint_lost (cr, rgb, 0, 0);
  cairo_restore (cr);
}

/**
 * frontline_painter_draw_swatch:
 *
 * A legend's sample of a style, drawn as the map draws it.
 */
void
frontline_painter_draw_swatch (cairo_t         *cr,
                               double           x,
                               double           y,
                               double           width,
                               double           height,
                               const double     rgb[3],
                               FrontlineStatus  status,
                               gboolean         approximate)
{
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, x + 1, y + 1, width - 2, height - 2);
  fill_status (cr, rgb, status, 0, 0, 0);
  outline (cr, rgb, approximate);
  cairo_restore (cr);
}
