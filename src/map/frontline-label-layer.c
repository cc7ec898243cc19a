/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-label-layer"

#include "config.h"

#include <math.h>

#include "frontline-basemap.h"
#include "frontline-basemap-source.h"
#include "frontline-label-layer.h"

/* The offline basemap's place names, over the control areas: the basemap's
 * tiles have none, and frontline_basemap_draw_labels() draws them here as it
 * does in exports. Raster tiles (online, MBTiles) bring their own names, so
 * the layer draws only while the viewport's map source is the offline
 * basemap, in that source's style. Names are placed where the view is,
 * with a margin of a view on each side, in a worker (milliseconds: only the
 * names there and their neighbours), again once the view comes within half
 * a view of that margin's edge; until a new zoom's are placed the layer
 * draws the placement of a smaller zoom, whose names only spread apart, if
 * it is there. Tiles never wait for names. Each name is drawn once into an image,
 * kept between frames for the style shown. */

struct _FrontlineLabelLayer
{
  ShumateLayer  parent_instance;

  GHashTable   *sprites;  /* place index + 1 to cairo_surface_t, in @style */
  FrontlineBasemapStyle style;
  gboolean      preparing;
};

G_DEFINE_FINAL_TYPE (FrontlineLabelLayer, frontline_label_layer, SHUMATE_TYPE_LAYER)

typedef struct {
  FrontlineView view;
  guint         zoom;
} PrepareData;

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PrepareData *data = task_data;

  frontline_basemap_prepare_labels_for_view (frontline_basemap_get_default (), &data->view,
                                             data->zoom);
  g_task_return_boolean (task, TRUE);
}

static void
prepare_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  FrontlineLabelLayer *self = FRONTLINE_LABEL_LAYER (object);

  self->preparing = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The zoom whose names to draw now in @view: @zoom's when they are placed
 * there; else a smaller zoom's placed there, while a worker places
 * @zoom's; G_MAXUINT for none. */
static guint
ready_zoom (FrontlineLabelLayer *self,
            const FrontlineView *view,
            guint                zoom)
{
  FrontlineBasemap *basemap = frontline_basemap_peek_default ();
  FrontlineView near = *view;
  gboolean ready;

  /* Reading the basemap takes seconds: never on the main thread. The
   * worker reads it first. */
  ready = basemap != NULL && frontline_basemap_has_labels_for_view (basemap, view, zoom);

  /* Ahead of moves: once half a view around this one is not placed, the
   * worker places a view around it, while this one still shows. */
  near.width *= 2;
  near.height *= 2;
  if (!self->preparing &&
      (basemap == NULL || !frontline_basemap_has_labels_for_view (basemap, &near, zoom)))
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, prepare_done, NULL);
      PrepareData *data = g_new (PrepareData, 1);

      data->view = *view;
      data->view.width *= 3;
      data->view.height *= 3;
      data->zoom = zoom;
      self->preparing = TRUE;
      g_task_set_task_data (task, data, g_free);
      g_task_run_in_thread (task, prepare_thread);
    }

  if (ready)
    return zoom;

  if (basemap == NULL)
    return G_MAXUINT;

  while (zoom-- > 0)
    if (frontline_basemap_has_labels_for_view (basemap, view, zoom))
      return zoom;

  return G_MAXUINT;
}

static void
frontline_label_layer_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (widget));
  ShumateMapSource *reference = shumate_viewport_get_reference_map_source (viewport);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  FrontlineLabelLayer *self = FRONTLINE_LABEL_LAYER (widget);
  FrontlineView view;
  guint zoom;
  cairo_t *cr;

  if (!FRONTLINE_IS_BASEMAP_SOURCE (reference) || width <= 0 || height <= 0)
    return;

  /* The viewport's zoom counts tiles of the source's size; the basemap
   * counts 256-pixel tiles. */
  view.center_lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  view.center_lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  view.zoom = shumate_viewport_get_zoom_level (viewport);
  if (shumate_map_source_get_tile_size (reference) != 256)
    view.zoom += log2 (shumate_map_source_get_tile_size (reference) / 256.0);
  view.width = width;
  view.height = height;

  zoom = ready_zoom (self, &view, frontline_basemap_get_label_zoom (&view));
  if (self->style != frontline_basemap_source_get_style (FRONTLINE_BASEMAP_SOURCE (reference)))
    {
      self->style = frontline_basemap_source_get_style (FRONTLINE_BASEMAP_SOURCE (reference));
      g_hash_table_remove_all (self->sprites);
    }
  if (zoom == G_MAXUINT)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (shumate_viewport_get_rotation (viewport) != 0.0)
    {
      /* The places turn with the map, as the control areas do. */
      cairo_translate (cr, width / 2.0, height / 2.0);
      cairo_rotate (cr, shumate_viewport_get_rotation (viewport));
      cairo_translate (cr, -width / 2.0, -height / 2.0);
    }
  frontline_basemap_draw_labels (frontline_basemap_get_default (), cr, &view, zoom,
                                 self->style,
                                 /* The recording GTK hands out has no device
                                  * scale: images only at 1x, names as text
                                  * and paths on HiDPI screens. */
                                 gtk_widget_get_scale_factor (widget) == 1 ? self->sprites : NULL);
  cairo_destroy (cr);
}

static void
on_viewport_changed_cb (FrontlineLabelLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
frontline_label_layer_constructed (GObject *object)
{
  FrontlineLabelLayer *self = FRONTLINE_LABEL_LAYER (object);

  G_OBJECT_CLASS (frontline_label_layer_parent_class)->constructed (object);

  /* Moves, zooms and a new reference source (another style, another kind
   * of base map) all come as notifications of the viewport. */
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (on_viewport_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
frontline_label_layer_finalize (GObject *object)
{
  FrontlineLabelLayer *self = FRONTLINE_LABEL_LAYER (object);

  g_clear_pointer (&self->sprites, g_hash_table_unref);

  G_OBJECT_CLASS (frontline_label_layer_parent_class)->finalize (object);
}

static void
frontline_label_layer_class_init (FrontlineLabelLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->constructed = frontline_label_layer_constructed;
  G_OBJECT_CLASS (klass)->finalize = frontline_label_layer_finalize;
  GTK_WIDGET_CLASS (klass)->snapshot = frontline_label_layer_snapshot;
}

static void
frontline_label_layer_init (FrontlineLabelLayer *self)
{
  self->sprites = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) cairo_surface_destroy);
  /* Clicks go through to the map. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

/**
 * frontline_label_layer_new:
 * @viewport: the map's viewport
 *
 * Returns: (transfer full): a layer of place names for that map
 */
FrontlineLabelLayer *
frontline_label_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (FRONTLINE_TYPE_LABEL_LAYER, "viewport", viewport, NULL);
}
