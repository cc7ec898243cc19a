/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-video"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "frontline-video-private.h"

/* The pictures of a video: maps drawn once for each set of areas, and
 * decorations drawn over a copy for each day. */

static void
map_slot_clear (MapSlot *slot)
{
  g_clear_pointer (&slot->state, g_ptr_array_unref);
  g_clear_pointer (&slot->changes, g_array_unref);
  g_clear_pointer (&slot->changes_text, g_free);
  g_clear_pointer (&slot->image, cairo_surface_destroy);
  slot->compared = FALSE;
  slot->annotations = NULL;
  slot->used = 0;
}

void
_frontline_video_renderer_init (Renderer                    *self,
               const FrontlineVideoOptions *options)
{
  memset (self, 0, sizeof *self);
  self->options = options;
  self->picture = options->picture;
  self->picture.format = FRONTLINE_EXPORT_PNG;
  /* The basemap of the view, drawn (or fetched) once for the whole video. */
  self->cache = options->picture.cache != NULL ? g_object_ref (options->picture.cache)
                                               : frontline_export_cache_new ();
  self->picture.cache = self->cache;
  self->width = _frontline_video_side (options->picture.view.width);
  self->height = _frontline_video_side (options->picture.view.height);
}

void
_frontline_video_renderer_clear (Renderer *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->slots); i++)
    map_slot_clear (&self->slots[i]);
  g_clear_object (&self->cache);
}

static gboolean
same_state (GPtrArray *a,
            GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_ptr_array_index (a, i) != g_ptr_array_index (b, i))
      return FALSE;
  return TRUE;
}

static gboolean
same_view (const FrontlineView *a,
           const FrontlineView *b)
{
  return a->center_lon == b->center_lon && a->center_lat == b->center_lat && a->zoom == b->zoom &&
         a->width == b->width && a->height == b->height;
}

static cairo_surface_t *
new_image (Renderer  *self,
           GError   **error)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, self->width, self->height);

  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The picture could not be drawn: %s"),
                   cairo_status_to_string (cairo_surface_status (image)));
      cairo_surface_destroy (image);
      return NULL;
    }

  return image;
}

/* The map of @day: drawn, or the one drawn for the same areas. */
static MapSlot *
renderer_get_map (Renderer      *self,
                  FrontlineDay   day,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GPtrArray) state = frontline_dataset_get_state_at (self->picture.dataset, day);
  gboolean compared = self->picture.compare_from != FRONTLINE_DAY_NONE && self->picture.compare_from < day;
  MapSlot *slot = NULL;
  gboolean ok;
  cairo_t *cr;

  for (guint i = 0; i < G_N_ELEMENTS (self->slots); i++)
    {
      MapSlot *candidate = &self->slots[i];

      if (candidate->image != NULL && candidate->compared == compared &&
          same_view (&candidate->view, &self->picture.view) &&
          candidate->compare_from == self->picture.compare_from &&
          candidate->annotations == self->picture.annotations &&
          same_state (candidate->state, state))
        {
          candidate->used = ++self->clock;
          return candidate;
        }
      /* The least recently used, or an empty one. */
      if (slot == NULL || candidate->used < slot->used)
        slot = candidate;
    }

  map_slot_clear (slot);
  self->picture.day = day;
  slot->image = new_image (self, error);
  if (slot->image == NULL)
    return NULL;
  slot->state = g_steal_pointer (&state);
  slot->compared = compared;
  slot->view = self->picture.view;
  slot->compare_from = self->picture.compare_from;
  slot->annotations = self->picture.annotations;
  slot->changes = frontline_export_compute_changes (&self->picture, &slot->changes_text);

  cr = cairo_create (slot->image);
  cairo_save (cr);
  frontline_export_clip (&self->picture, cr);
  ok = frontline_export_draw_map (&self->picture, cr, slot->image, slot->state, slot->changes,
                                  cancellable, error);
  cairo_restore (cr);
  ok = ok && frontline_export_check_cairo (cr, error);
  cairo_destroy (cr);
  if (!ok)
    {
      map_slot_clear (slot);
      return NULL;
    }

  self->map_draws++;
  slot->used = ++self->clock;
  return slot;
}

static void
copy_pixels (cairo_surface_t *from,
             cairo_surface_t *to)
{
  cairo_surface_flush (from);
  cairo_surface_flush (to);
  /* Same size and format, so the same stride. */
  memcpy (cairo_image_surface_get_data (to), cairo_image_surface_get_data (from),
          (gsize) cairo_image_surface_get_stride (from) * cairo_image_surface_get_height (from));
  cairo_surface_mark_dirty (to);
}

/* A new picture: the map of @day (faded in from @fade_from's by @fade) and
 * the decorations of @day. */
cairo_surface_t *
_frontline_video_renderer_draw (Renderer      *self,
               FrontlineDay   day,
               FrontlineDay   fade_from,
               double         fade,
               GCancellable  *cancellable,
               GError       **error)
{
  MapSlot *map;
  MapSlot *from = NULL;
  cairo_surface_t *frame;
  gboolean ok;
  cairo_t *cr;

  map = renderer_get_map (self, day, cancellable, error);
  if (map == NULL)
    return NULL;
  if (fade < 1.0 && fade_from != day)
    {
      /* Never evicts @map, the most recently used. */
      from = renderer_get_map (self, fade_from, cancellable, error);
      if (from == NULL)
        return NULL;
    }

  frame = new_image (self, error);
  if (frame == NULL)
    return NULL;

  cr = cairo_create (frame);
  if (from != NULL && from != map)
    {
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_set_source_surface (cr, from->image, 0, 0);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      cairo_set_source_surface (cr, map->image, 0, 0);
      cairo_paint_with_alpha (cr, fade);
      cairo_set_source_rgb (cr, 0, 0, 0);
    }
  else
    {
      /* The very pixels of the map, as the PNG export has them. */
      copy_pixels (map->image, frame);
    }

  self->picture.day = day;
  cairo_save (cr);
  frontline_export_clip (&self->picture, cr);
  frontline_export_draw_decorations (&self->picture, cr, map->state, map->changes, map->changes_text);
  cairo_restore (cr);
  ok = frontline_export_check_cairo (cr, error);
  cairo_destroy (cr);

  if (!ok)
    {
      cairo_surface_destroy (frame);
      return NULL;
    }

  cairo_surface_flush (frame);
  return frame;
}

/* A tour's frame as the picture's options: its view (centre and zoom; the
 * size is the picture's), its day and, once at the stop, the stop's
 * comparison and annotations, as frontline_export_options_init_for_stop()
 * has them. */
static void
renderer_set_tour_frame (Renderer                 *self,
                         const FrontlineTourFrame *frame)
{
  FrontlineDataset *dataset = self->options->picture.dataset;
  g_autoptr(FrontlineStop) stop = NULL;

  self->picture.view.center_lon = frame->view.center_lon;
  self->picture.view.center_lat = frame->view.center_lat;
  self->picture.view.zoom = frame->view.zoom;
  self->picture.compare_from = FRONTLINE_DAY_NONE;
  self->picture.annotations = NULL;

  if (frame->progress < 1.0)
    return;

  stop = g_list_model_get_item (frontline_dataset_get_stops (dataset), frame->stop);
  if (stop != NULL)
    {
      FrontlineDay compare = frontline_stop_get_compare_day (stop);
      GPtrArray *annotations = frontline_stop_get_annotations (stop);

      if (compare != FRONTLINE_DAY_NONE && compare < frame->day)
        self->picture.compare_from = compare;
      /* The dataset keeps the stop, and the stop its annotations. */
      if (annotations != NULL && annotations->len > 0)
        self->picture.annotations = annotations;
    }
}

/* The picture @picture of the timeline (from _frontline_video_next_picture()). */
cairo_surface_t *
_frontline_video_renderer_draw_picture (Renderer       *self,
                                        const Picture  *picture,
                                        GCancellable   *cancellable,
                                        GError        **error)
{
  if (self->options->tour == NULL)
    return _frontline_video_renderer_draw (self, picture->day, picture->from, picture->fade, cancellable, error);

  renderer_set_tour_frame (self, &picture->frame);
  return _frontline_video_renderer_draw (self, picture->frame.day, picture->frame.day, 1.0, cancellable, error);
}

static gboolean
same_tour_frame (const FrontlineTourFrame *a,
                 const FrontlineTourFrame *b)
{
  return a->stop == b->stop && a->day == b->day && a->progress == b->progress &&
         a->view.center_lon == b->view.center_lon && a->view.center_lat == b->view.center_lat &&
         a->view.zoom == b->view.zoom;
}

void
_frontline_video_next_picture (const FrontlineVideoOptions *options,
              guint                        index,
              guint                        n_frames,
              Picture                     *picture)
{
  if (options->tour != NULL)
    {
      /* A tour's frame at its time; a stop held lasts as one picture. */
      picture->index = index;
      picture->n = 1;
      frontline_tour_get_frame (options->tour, (double) index / options->fps, &picture->frame);
      picture->day = picture->from = picture->frame.day;
      picture->fade = 1.0;
      while (index + picture->n < n_frames)
        {
          FrontlineTourFrame next;

          frontline_tour_get_frame (options->tour, (double) (index + picture->n) / options->fps, &next);
          if (!same_tour_frame (&next, &picture->frame))
            break;
          picture->n++;
        }
      return;
    }

  picture->index = index;
  picture->day = frontline_video_frame_day (options, index, &picture->from, &picture->fade);
  picture->n = 1;
  /* A fade changes every frame; a day stays until the next day (or the end). */
  while (picture->fade >= 1.0 && index + picture->n < n_frames)
    {
      FrontlineDay from;
      double fade;
      FrontlineDay day = frontline_video_frame_day (options, index + picture->n, &from, &fade);

      if (day != picture->day || fade < 1.0)
        break;
      picture->n++;
    }
}
