/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-control-layer"

#include "config.h"

#include <math.h>

#include "frontline-control-layer.h"
#include "frontline-model-private.h"
#include "frontline-painter.h"

/* The control overlay: the areas shown on the window's date, drawn over the
 * base map through the display-free painter (ShumatePathLayer draws one ring
 * and no holes). It redraws when the viewport moves and when the date or the
 * comparison changes; the state of a date is computed once per change. */

struct _FrontlineControlLayer
{
  ShumateLayer      parent_instance;

  FrontlineDataset *dataset;
  FrontlineDay      day;
  GPtrArray        *state;    /* FrontlineArea shown on the day */
  GPtrArray        *changes;  /* FrontlineChange, or NULL */
  gboolean          simplifying;
};

G_DEFINE_FINAL_TYPE (FrontlineControlLayer, frontline_control_layer, SHUMATE_TYPE_LAYER)

static void
update_state (FrontlineControlLayer *self)
{
  g_clear_pointer (&self->state, g_ptr_array_unref);
  if (self->dataset != NULL && self->day != FRONTLINE_DAY_NONE)
    self->state = frontline_dataset_get_state_at (self->dataset, self->day);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

typedef struct {
  GPtrArray *areas;
  double     zoom;
} SimplifyJob;

static void
simplify_job_free (SimplifyJob *job)
{
  g_ptr_array_unref (job->areas);
  g_free (job);
}

static void
simplify_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  SimplifyJob *job = task_data;

  for (guint i = 0; i < job->areas->len; i++)
    frontline_geometry_unref (frontline_area_get_geometry_for_zoom (g_ptr_array_index (job->areas, i), job->zoom));

  g_task_return_boolean (task, TRUE);
}

static void
simplify_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  FrontlineControlLayer *self = FRONTLINE_CONTROL_LAYER (object);

  self->simplifying = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Simplified copies for this zoom band, made in a worker: the next frames
 * draw from them. */
static void
simplify_later (FrontlineControlLayer *self,
                double                 zoom)
{
  g_autoptr(GTask) task = NULL;
  SimplifyJob *job;

  if (self->simplifying || self->state == NULL)
    return;

  self->simplifying = TRUE;
  job = g_new0 (SimplifyJob, 1);
  job->areas = g_ptr_array_ref (self->state);
  job->zoom = zoom;
  task = g_task_new (self, NULL, simplify_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) simplify_job_free);
  g_task_set_priority (task, G_PRIORITY_LOW);
  g_task_run_in_thread (task, simplify_thread);
}

static void
frontline_control_layer_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  FrontlineControlLayer *self = FRONTLINE_CONTROL_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *reference = shumate_viewport_get_reference_map_source (viewport);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  FrontlineView view;
  cairo_t *cr;

  if (self->state == NULL || width <= 0 || height <= 0)
    return;

  /* The viewport's zoom counts tiles of the base map's size; the painter
   * counts 256-pixel tiles. */
  view.center_lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  view.center_lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  view.zoom = shumate_viewport_get_zoom_level (viewport);
  if (reference != NULL && shumate_map_source_get_tile_size (reference) != 256)
    view.zoom += log2 (shumate_map_source_get_tile_size (reference) / 256.0);
  view.width = width;
  view.height = height;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (shumate_viewport_get_rotation (viewport) != 0.0)
    {
      cairo_translate (cr, width / 2.0, height / 2.0);
      cairo_rotate (cr, shumate_viewport_get_rotation (viewport));
      cairo_translate (cr, -width / 2.0, -height / 2.0);
    }

  if (!frontline_painter_draw_areas (cr, &view, self->state))
    simplify_later (self, view.zoom);

  for (guint i = 0; self->changes != NULL && i < self->changes->len; i++)
    {
      FrontlineChange *change = g_ptr_array_index (self->changes, i);

      frontline_painter_draw_changes (cr, &view, change->gained, change->lost, change->faction->rgb);
    }

  cairo_destroy (cr);
}

static void
on_viewport_changed_cb (FrontlineControlLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
frontline_control_layer_constructed (GObject *object)
{
  FrontlineControlLayer *self = FRONTLINE_CONTROL_LAYER (object);

  G_OBJECT_CLASS (frontline_control_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (on_viewport_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
frontline_control_layer_dispose (GObject *object)
{
  FrontlineControlLayer *self = FRONTLINE_CONTROL_LAYER (object);

  g_clear_object (&self->dataset);
  g_clear_pointer (&self->state, g_ptr_array_unref);
  g_clear_pointer (&self->changes, g_ptr_array_unref);

  G_OBJECT_CLASS (frontline_control_layer_parent_class)->dispose (object);
}

static void
frontline_control_layer_class_init (FrontlineControlLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = frontline_control_layer_constructed;
  object_class->dispose = frontline_control_layer_dispose;

  widget_class->snapshot = frontline_control_layer_snapshot;
}

static void
frontline_control_layer_init (FrontlineControlLayer *self)
{
  /* Clicks belong to the map: the window asks the dataset what is there. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

/**
 * frontline_control_layer_new:
 * @viewport: the map's viewport
 *
 * Returns: (transfer full): a control layer for that map
 */
FrontlineControlLayer *
frontline_control_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (FRONTLINE_TYPE_CONTROL_LAYER, "viewport", viewport, NULL);
}

void
frontline_control_layer_set_dataset (FrontlineControlLayer *self,
                                     FrontlineDataset      *dataset)
{
  g_return_if_fail (FRONTLINE_IS_CONTROL_LAYER (self));

  if (g_set_object (&self->dataset, dataset))
    {
      g_clear_pointer (&self->changes, g_ptr_array_unref);
      update_state (self);
    }
}

void
frontline_control_layer_set_day (FrontlineControlLayer *self,
                                 FrontlineDay           day)
{
  g_return_if_fail (FRONTLINE_IS_CONTROL_LAYER (self));

  if (self->day == day)
    return;

  self->day = day;
  update_state (self);
}

FrontlineDay
frontline_control_layer_get_day (FrontlineControlLayer *self)
{
  g_return_val_if_fail (FRONTLINE_IS_CONTROL_LAYER (self), FRONTLINE_DAY_NONE);

  return self->day;
}

/**
 * frontline_control_layer_set_changes:
 * @changes: (nullable) (transfer none) (element-type FrontlineChange): gains
 *   and losses to draw over the areas, or %NULL
 */
void
frontline_control_layer_set_changes (FrontlineControlLayer *self,
                                     GPtrArray             *changes)
{
  g_return_if_fail (FRONTLINE_IS_CONTROL_LAYER (self));

  g_clear_pointer (&self->changes, g_ptr_array_unref);
  if (changes != NULL)
    self->changes = g_ptr_array_ref (changes);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * frontline_control_layer_get_state:
 *
 * Returns: (transfer none) (nullable) (element-type FrontlineArea): the areas
 *   drawn
 */
GPtrArray *
frontline_control_layer_get_state (FrontlineControlLayer *self)
{
  g_return_val_if_fail (FRONTLINE_IS_CONTROL_LAYER (self), NULL);

  return self->state;
}
