/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-basemap-source"

#include "config.h"

#include <glib/gi18n.h>

#include "frontline-basemap-source.h"

/* The offline basemap as a libshumate map source: each tile is drawn with
 * cairo in a worker thread (frontline_basemap_draw_tile()) at the screen's
 * scale factor, so it is sharp on HiDPI screens, and handed to the tile on
 * the main thread. No network, ever. */

struct _FrontlineBasemapSource
{
  ShumateMapSource       parent_instance;

  FrontlineBasemapStyle  style;
  int                    scale_factor;
  guint                  n_pending;  /* tiles asked for and not yet drawn */
  guint                  n_done;     /* tiles drawn and handed over */
};

G_DEFINE_FINAL_TYPE (FrontlineBasemapSource, frontline_basemap_source, SHUMATE_TYPE_MAP_SOURCE)

enum {
  PROP_0,
  PROP_STYLE,
  PROP_SCALE_FACTOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * frontline_basemap_source_render_tile:
 *
 * Draws one tile. Safe to call from any thread.
 *
 * Returns: (transfer full): the tile, 256 × the scale factor pixels square
 */
GdkTexture *
frontline_basemap_source_render_tile (FrontlineBasemapSource *self,
                                      guint                   x,
                                      guint                   y,
                                      guint                   zoom)
{
  int size = 256 * self->scale_factor;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  g_autoptr(GBytes) bytes = NULL;
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, self->scale_factor, self->scale_factor);
  frontline_basemap_draw_tile (frontline_basemap_get_default (), cr, x, y, zoom,
                               self->scale_factor, self->style);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Cairo's ARGB32 is GDK's default memory format: premultiplied BGRA in
   * memory on little-endian machines, ARGB on big-endian ones. */
  /* The bytes keep the surface, and its pixels, alive: no copy. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * size,
                                      (GDestroyNotify) cairo_surface_destroy, surface);

  return gdk_memory_texture_new (size, size, GDK_MEMORY_DEFAULT, bytes,
                                 (gsize) cairo_image_surface_get_stride (surface));
}

typedef struct {
  guint x;
  guint y;
  guint zoom;
} TileRequest;

/* Tiles are drawn in a pool of our own rather than GTask's, so that quitting
 * can wait for the drawing under way: a thread still shaping text while the
 * process exits crashes in the libraries' destructors. */
static GMutex pool_mutex;
static GThreadPool *pool;
static gboolean shutting_down;

static void
render_in_pool (gpointer data,
                gpointer user_data)
{
  GTask *task = data;
  FrontlineBasemapSource *self = g_task_get_source_object (task);
  TileRequest *request = g_task_get_task_data (task);

  /* frontline_basemap_source_preload()'s: only read the basemap. */
  if (request == NULL)
    {
      if (!g_atomic_int_get (&shutting_down))
        frontline_basemap_get_default ();
      g_task_return_boolean (task, TRUE);
    }
  else if (g_atomic_int_get (&shutting_down) || g_task_return_error_if_cancelled (task))
    {
      if (!g_task_had_error (task))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Frontline is quitting");
    }
  else
    g_task_return_pointer (task,
                           frontline_basemap_source_render_tile (self, request->x, request->y, request->zoom),
                           g_object_unref);

  g_object_unref (task);
}

static void
push_render (GTask *task)
{
  g_mutex_lock (&pool_mutex);
  if (pool == NULL && !shutting_down)
    pool = g_thread_pool_new (render_in_pool, NULL, (int) CLAMP (g_get_num_processors (), 1, 8),
                              FALSE, NULL);
  if (pool != NULL)
    g_thread_pool_push (pool, task, NULL);
  else
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Frontline is quitting");
      g_object_unref (task);
    }
  g_mutex_unlock (&pool_mutex);
}

/**
 * frontline_basemap_source_shutdown:
 *
 * Waits for the tiles being drawn and draws no more. The application calls
 * it when it quits.
 */
void
frontline_basemap_source_shutdown (void)
{
  GThreadPool *old;

  g_mutex_lock (&pool_mutex);
  g_atomic_int_set (&shutting_down, TRUE);
  old = g_steal_pointer (&pool);
  g_mutex_unlock (&pool_mutex);

  /* Tiles still queued return at once; wait for those being drawn. */
  if (old != NULL)
    g_thread_pool_free (old, FALSE, TRUE);
}

/**
 * frontline_basemap_source_preload:
 *
 * Starts reading the bundled basemap in the tile pool, if no one has: the
 * window asks as it opens, so that the basemap is ready by the time a
 * dataset is, and the first tiles come at once.
 */
void
frontline_basemap_source_preload (void)
{
  if (frontline_basemap_peek_default () != NULL)
    return;

  push_render (g_task_new (NULL, NULL, NULL, NULL));
}

static void
on_rendered (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  FrontlineBasemapSource *self = g_task_get_source_object (outer);
  ShumateTile *tile = g_task_get_task_data (outer);
  g_autoptr(GdkTexture) texture = NULL;
  GError *error = NULL;

  self->n_pending--;
  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (texture == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }

  /* Tiles are widgets' business: touch them on the main thread only. */
  shumate_tile_set_paintable (tile, GDK_PAINTABLE (texture));
  shumate_tile_set_fade_in (tile, FALSE);
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
  self->n_done++;
  g_task_return_boolean (outer, TRUE);
}

static void
frontline_basemap_source_fill_tile_async (ShumateMapSource    *source,
                                          ShumateTile         *tile,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *outer = g_task_new (source, cancellable, callback, user_data);
  g_autoptr(GTask) inner = g_task_new (source, cancellable, on_rendered, outer);
  TileRequest *request = g_new0 (TileRequest, 1);

  g_task_set_source_tag (outer, frontline_basemap_source_fill_tile_async);
  g_task_set_task_data (outer, g_object_ref (tile), g_object_unref);

  request->x = shumate_tile_get_x (tile);
  request->y = shumate_tile_get_y (tile);
  request->zoom = shumate_tile_get_zoom_level (tile);
  g_task_set_task_data (inner, request, g_free);
  FRONTLINE_BASEMAP_SOURCE (source)->n_pending++;
  push_render (g_steal_pointer (&inner));
}

static gboolean
frontline_basemap_source_fill_tile_finish (ShumateMapSource  *source,
                                           GAsyncResult      *result,
                                           GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
frontline_basemap_source_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  FrontlineBasemapSource *self = FRONTLINE_BASEMAP_SOURCE (object);

  switch (prop_id)
    {
    case PROP_STYLE:
      g_value_set_int (value, self->style);
      break;

    case PROP_SCALE_FACTOR:
      g_value_set_int (value, self->scale_factor);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_basemap_source_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  FrontlineBasemapSource *self = FRONTLINE_BASEMAP_SOURCE (object);

  switch (prop_id)
    {
    case PROP_STYLE:
      self->style = g_value_get_int (value);
      break;

    case PROP_SCALE_FACTOR:
      self->scale_factor = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_basemap_source_init (FrontlineBasemapSource *self)
{
  self->scale_factor = 1;
}

/* ShumateMapSource's properties are construct properties: set them after
 * construction, or their defaults overwrite what init set. */
static void
frontline_basemap_source_constructed (GObject *object)
{
  ShumateMapSource *source = SHUMATE_MAP_SOURCE (object);

  G_OBJECT_CLASS (frontline_basemap_source_parent_class)->constructed (object);

  shumate_map_source_set_id (source, "frontline-offline");
  shumate_map_source_set_name (source, _("Offline Basemap"));
  shumate_map_source_set_license (source, frontline_basemap_get_attribution ());
  shumate_map_source_set_license_uri (source, "https://www.naturalearthdata.com/about/terms-of-use/");
  shumate_map_source_set_min_zoom_level (source, 1);
  shumate_map_source_set_max_zoom_level (source, 16);
  shumate_map_source_set_tile_size (source, 256);
  shumate_map_source_set_projection (source, SHUMATE_MAP_PROJECTION_MERCATOR);
}

static void
frontline_basemap_source_class_init (FrontlineBasemapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->constructed = frontline_basemap_source_constructed;
  object_class->get_property = frontline_basemap_source_get_property;
  object_class->set_property = frontline_basemap_source_set_property;

  source_class->fill_tile_async = frontline_basemap_source_fill_tile_async;
  source_class->fill_tile_finish = frontline_basemap_source_fill_tile_finish;

  /* The style is fixed for a source's life: ShumateMapLayer has no way to
   * redraw its tiles, so the window makes a new source when it changes. */
  properties[PROP_STYLE] =
    g_param_spec_int ("style", NULL, NULL,
                      FRONTLINE_BASEMAP_STYLE_LIGHT, FRONTLINE_BASEMAP_STYLE_DARK,
                      FRONTLINE_BASEMAP_STYLE_LIGHT,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SCALE_FACTOR] =
    g_param_spec_int ("scale-factor", NULL, NULL, 1, 4, 1,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/**
 * frontline_basemap_source_new:
 * @style: light or dark
 * @scale_factor: the map widget's scale factor
 *
 * Returns: (transfer full): a map source drawing the offline basemap
 */
FrontlineBasemapSource *
frontline_basemap_source_new (FrontlineBasemapStyle style,
                              int                   scale_factor)
{
  return g_object_new (FRONTLINE_TYPE_BASEMAP_SOURCE,
                       "style", style,
                       "scale-factor", CLAMP (scale_factor, 1, 4),
                       NULL);
}

FrontlineBasemapStyle
frontline_basemap_source_get_style (FrontlineBasemapSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_BASEMAP_SOURCE (self), FRONTLINE_BASEMAP_STYLE_LIGHT);

  return self->style;
}

int
frontline_basemap_source_get_scale_factor (FrontlineBasemapSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_BASEMAP_SOURCE (self), 1);

  return self->scale_factor;
}

/**
 * frontline_basemap_source_get_n_pending:
 *
 * Returns: how many tiles the map asked for and @self has not drawn yet:
 *   0 when every tile on screen is there
 */
guint
frontline_basemap_source_get_n_pending (FrontlineBasemapSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_BASEMAP_SOURCE (self), 0);

  return self->n_pending;
}

/**
 * frontline_basemap_source_get_n_done:
 *
 * Returns: how many tiles @self has drawn and handed to the map
 */
guint
frontline_basemap_source_get_n_done (FrontlineBasemapSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_BASEMAP_SOURCE (self), 0);

  return self->n_done;
}
