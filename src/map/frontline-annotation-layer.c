/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-annotation-layer"

#include "config.h"

#include <math.h>

#include "frontline-annotation-layer.h"

#include "frontline-painter.h"

/* A stop's drawings on the map, over the areas and the place names: drawn
 * through frontline_painter_draw_annotations(), the code the exporter, the
 * handouts and the videos draw them with, so that what is drawn on screen is
 * what is handed out. The layer follows its stop's "annotations" and the
 * viewport; while the user draws, the stroke under way is drawn over the
 * stop's as a preview. */

struct _FrontlineAnnotationLayer
{
  ShumateLayer         parent_instance;

  FrontlineStop       *stop;
  FrontlineAnnotation *preview;
};

G_DEFINE_FINAL_TYPE (FrontlineAnnotationLayer, frontline_annotation_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_STOP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * frontline_annotation_layer_get_view:
 * @view: (out caller-allocates): what the layer shows, in its own pixels
 *
 * The view the layer draws: the map's centre and zoom (in 256-pixel tiles,
 * as the painter counts them) at the layer's size. Widget coordinates of the
 * layer go to the map and back through frontline_view_from_point() and
 * frontline_view_to_point().
 */
void
frontline_annotation_layer_get_view (FrontlineAnnotationLayer *self,
                                     FrontlineView            *view)
{
  ShumateViewport *viewport;
  ShumateMapSource *reference;

  g_return_if_fail (FRONTLINE_IS_ANNOTATION_LAYER (self));
  g_return_if_fail (view != NULL);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  reference = shumate_viewport_get_reference_map_source (viewport);

  /* The viewport's zoom counts tiles of the base map's size. */
  view->center_lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  view->center_lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  view->zoom = shumate_viewport_get_zoom_level (viewport);
  if (reference != NULL && shumate_map_source_get_tile_size (reference) != 256)
    view->zoom += log2 (shumate_map_source_get_tile_size (reference) / 256.0);
  view->width = gtk_widget_get_width (GTK_WIDGET (self));
  view->height = gtk_widget_get_height (GTK_WIDGET (self));
}

static void
frontline_annotation_layer_snapshot (GtkWidget   *widget,
                                     GtkSnapshot *snapshot)
{
  FrontlineAnnotationLayer *self = FRONTLINE_ANNOTATION_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  GPtrArray *annotations = self->stop != NULL ? frontline_stop_get_annotations (self->stop) : NULL;
  FrontlineView view;
  cairo_t *cr;

  if ((annotations == NULL || annotations->len == 0) && self->preview == NULL)
    return;

  frontline_annotation_layer_get_view (self, &view);
  if (view.width <= 0 || view.height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, view.width, view.height));
  if (shumate_viewport_get_rotation (viewport) != 0.0)
    {
      cairo_translate (cr, view.width / 2.0, view.height / 2.0);
      cairo_rotate (cr, shumate_viewport_get_rotation (viewport));
      cairo_translate (cr, -view.width / 2.0, -view.height / 2.0);
    }

  frontline_painter_draw_annotations (cr, &view, annotations);
  if (self->preview != NULL)
    {
      g_autoptr(GPtrArray) preview = g_ptr_array_new ();

      g_ptr_array_add (preview, self->preview);
      frontline_painter_draw_annotations (cr, &view, preview);
    }

  cairo_destroy (cr);
}

static void
on_changed_cb (FrontlineAnnotationLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
frontline_annotation_layer_constructed (GObject *object)
{
  FrontlineAnnotationLayer *self = FRONTLINE_ANNOTATION_LAYER (object);

  G_OBJECT_CLASS (frontline_annotation_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
frontline_annotation_layer_dispose (GObject *object)
{
  FrontlineAnnotationLayer *self = FRONTLINE_ANNOTATION_LAYER (object);

  frontline_annotation_layer_set_stop (self, NULL);
  g_clear_pointer (&self->preview, frontline_annotation_free);

  G_OBJECT_CLASS (frontline_annotation_layer_parent_class)->dispose (object);
}

static void
frontline_annotation_layer_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  FrontlineAnnotationLayer *self = FRONTLINE_ANNOTATION_LAYER (object);

  switch (prop_id)
    {
    case PROP_STOP:
      g_value_set_object (value, self->stop);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_annotation_layer_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  FrontlineAnnotationLayer *self = FRONTLINE_ANNOTATION_LAYER (object);

  switch (prop_id)
    {
    case PROP_STOP:
      frontline_annotation_layer_set_stop (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_annotation_layer_class_init (FrontlineAnnotationLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = frontline_annotation_layer_constructed;
  object_class->dispose = frontline_annotation_layer_dispose;
  object_class->get_property = frontline_annotation_layer_get_property;
  object_class->set_property = frontline_annotation_layer_set_property;

  widget_class->snapshot = frontline_annotation_layer_snapshot;

  /**
   * FrontlineAnnotationLayer:stop:
   *
   * The stop whose drawings the layer shows, or %NULL for none.
   */
  properties[PROP_STOP] =
    g_param_spec_object ("stop", NULL, NULL, FRONTLINE_TYPE_STOP,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
frontline_annotation_layer_init (FrontlineAnnotationLayer *self)
{
  /* Pointer events belong to the map, and to the annotation bar's gestures
   * on it while drawing. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

/**
 * frontline_annotation_layer_new:
 * @viewport: the map's viewport
 *
 * Returns: (transfer full): an annotation layer for that map
 */
FrontlineAnnotationLayer *
frontline_annotation_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (FRONTLINE_TYPE_ANNOTATION_LAYER, "viewport", viewport, NULL);
}

/**
 * frontline_annotation_layer_get_stop:
 *
 * Returns: (transfer none) (nullable): the stop whose drawings are shown
 */
FrontlineStop *
frontline_annotation_layer_get_stop (FrontlineAnnotationLayer *self)
{
  g_return_val_if_fail (FRONTLINE_IS_ANNOTATION_LAYER (self), NULL);

  return self->stop;
}

/**
 * frontline_annotation_layer_set_stop:
 * @stop: (nullable): the stop whose drawings to show
 */
void
frontline_annotation_layer_set_stop (FrontlineAnnotationLayer *self,
                                     FrontlineStop            *stop)
{
  g_return_if_fail (FRONTLINE_IS_ANNOTATION_LAYER (self));
  g_return_if_fail (stop == NULL || FRONTLINE_IS_STOP (stop));

  if (self->stop == stop)
    return;

  if (self->stop != NULL)
    g_signal_handlers_disconnect_by_data (self->stop, self);
  g_set_object (&self->stop, stop);
  if (stop != NULL)
    g_signal_connect_object (stop, "notify::annotations", G_CALLBACK (on_changed_cb), self,
                             G_CONNECT_SWAPPED);

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STOP]);
}

/**
 * frontline_annotation_layer_set_preview:
 * @preview: (nullable): a drawing under way, copied; %NULL for none
 *
 * Draws @preview over the stop's drawings until it is replaced.
 */
void
frontline_annotation_layer_set_preview (FrontlineAnnotationLayer  *self,
                                        const FrontlineAnnotation *preview)
{
  g_return_if_fail (FRONTLINE_IS_ANNOTATION_LAYER (self));

  if (preview == NULL && self->preview == NULL)
    return;

  g_clear_pointer (&self->preview, frontline_annotation_free);
  if (preview != NULL)
    self->preview = frontline_annotation_copy (preview);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
