/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-control-layer"

#include "config.h"

#include <math.h>

#include "frontline-control-layer.h"

#include "frontline-archive.h"
#include "frontline-model-private.h"
#include "frontline-painter.h"

/* The control overlay: the areas shown on the window's date, drawn over the
 * base map through the display-free painter (ShumatePathLayer draws one ring
 * and no holes). It redraws when the viewport moves and when the date or the
 * comparison changes; the state of a date is computed once per change. It
 * follows a FrontlineViewState (its dataset, day and comparison), or is told
 * them one by one with its setters. */

struct _FrontlineControlLayer
{
  ShumateLayer      parent_instance;

  FrontlineDataset *dataset;
  FrontlineDay      day;
  GPtrArray        *state;    /* FrontlineArea shown on the day */
  GPtrArray        *changes;  /* FrontlineChange, or NULL */
  gboolean          simplifying;
  FrontlineViewState *view_state;
};

G_DEFINE_FINAL_TYPE (FrontlineControlLayer, frontline_control_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_VIEW_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

  frontline_control_layer_set_view_state (self, NULL);
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->state, g_ptr_array_unref);
  g_clear_pointer (&self->changes, g_ptr_array_unref);

  G_OBJECT_CLASS (frontline_control_layer_parent_class)->dispose (object);
}

static void
frontline_control_layer_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  FrontlineControlLayer *self = FRONTLINE_CONTROL_LAYER (object);

  switch (prop_id)
    {
    case PROP_VIEW_STATE:
      g_value_set_object (value, self->view_state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_control_layer_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  FrontlineControlLayer *self = FRONTLINE_CONTROL_LAYER (object);

  switch (prop_id)
    {
    case PROP_VIEW_STATE:
      frontline_control_layer_set_view_state (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_control_layer_class_init (FrontlineControlLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = frontline_control_layer_constructed;
  object_class->dispose = frontline_control_layer_dispose;
  object_class->get_property = frontline_control_layer_get_property;
  object_class->set_property = frontline_control_layer_set_property;

  widget_class->snapshot = frontline_control_layer_snapshot;

  /**
   * FrontlineControlLayer:view-state:
   *
   * What the user looks at: the layer draws its dataset on its day, with
   * the gains and losses of its comparison.
   */
  properties[PROP_VIEW_STATE] =
    g_param_spec_object ("view-state", NULL, NULL, FRONTLINE_TYPE_VIEW_STATE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
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
  /* A dataset browsed from PostGIS: the day's areas come with the view
   * state's areas-changed; until then the areas shown stay. */
  if (self->dataset != NULL && frontline_dataset_get_archive (self->dataset) != NULL &&
      self->state != NULL)
    return;
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

static void
on_view_state_dataset_changed_cb (FrontlineControlLayer *self)
{
  frontline_control_layer_set_dataset (self, frontline_view_state_get_dataset (self->view_state));
  frontline_control_layer_set_day (self, frontline_view_state_get_day (self->view_state));
}

static void
on_view_state_areas_changed_cb (FrontlineControlLayer *self)
{
  update_state (self);
}

static void
on_view_state_comparison_changed_cb (FrontlineControlLayer *self)
{
  FrontlineComparison *comparison = frontline_view_state_get_comparison (self->view_state);
  GPtrArray *changes = comparison != NULL ? frontline_comparison_get_changes (comparison) : NULL;

  frontline_control_layer_set_changes (self, changes);
}

/**
 * frontline_control_layer_get_view_state:
 *
 * Returns: (transfer none) (nullable): the state the layer follows
 */
FrontlineViewState *
frontline_control_layer_get_view_state (FrontlineControlLayer *self)
{
  g_return_val_if_fail (FRONTLINE_IS_CONTROL_LAYER (self), NULL);

  return self->view_state;
}

/**
 * frontline_control_layer_set_view_state:
 * @state: (nullable): the state to follow: its dataset, day and comparison
 */
void
frontline_control_layer_set_view_state (FrontlineControlLayer *self,
                                        FrontlineViewState    *state)
{
  g_return_if_fail (FRONTLINE_IS_CONTROL_LAYER (self));
  g_return_if_fail (state == NULL || FRONTLINE_IS_VIEW_STATE (state));

  if (self->view_state == state)
    return;

  if (self->view_state != NULL)
    g_signal_handlers_disconnect_by_data (self->view_state, self);
  g_set_object (&self->view_state, state);

  if (state != NULL)
    {
      g_signal_connect_object (state, "notify::dataset",
                               G_CALLBACK (on_view_state_dataset_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (state, "notify::day",
                               G_CALLBACK (on_view_state_dataset_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (state, "areas-changed",
                               G_CALLBACK (on_view_state_areas_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (state, "notify::comparison",
                               G_CALLBACK (on_view_state_comparison_changed_cb),
                               self, G_CONNECT_SWAPPED);
      on_view_state_dataset_changed_cb (self);
      on_view_state_comparison_changed_cb (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW_STATE]);
}
