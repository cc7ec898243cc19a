/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-export-preview"

#include "config.h"

#include <math.h>

#include "frontline-export-preview.h"

/* What an export will write, small: the exporter draws the same options at
 * the preview's size in a worker, a moment after the last change; a newer
 * preview cancels the one under way. */

#define PREVIEW_WIDTH     400
#define PREVIEW_HEIGHT    200
#define PREVIEW_DELAY_MS  150
#define PREVIEW_MIN_SCALE 0.25  /* the exporter's smallest */

struct _FrontlineExportPreview
{
  GtkWidget     parent_instance;

  GtkFrame     *frame;
  GtkPicture   *picture;

  struct Pending *pending;      /* the options to draw next */
  guint          timeout_id;
  GCancellable  *cancellable;   /* the preview being drawn */
};

G_DEFINE_FINAL_TYPE (FrontlineExportPreview, frontline_export_preview, GTK_TYPE_WIDGET)

/* Options the worker owns: its own references to what they borrow. */
typedef struct Pending {
  FrontlineExportOptions  options;
  FrontlineDataset       *dataset;
  char                   *mbtiles;
  char                   *basemap_credit;
  FrontlineTileFetcher   *tiles;
  int                     width;    /* the preview's size in pixels */
  int                     height;
  double                  shrink;   /* drawn at this factor, when the scale would be too small */
} Pending;

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->dataset);
  g_free (pending->mbtiles);
  g_free (pending->basemap_credit);
  g_clear_object (&pending->tiles);
  g_free (pending);
}

static Pending *
pending_new (const FrontlineExportOptions *options)
{
  Pending *pending = g_new0 (Pending, 1);
  double factor;
  double scale;

  pending->options = *options;
  pending->dataset = g_object_ref (options->dataset);
  pending->mbtiles = g_strdup (options->mbtiles);
  pending->basemap_credit = g_strdup (options->basemap_credit);
  pending->tiles = options->tiles != NULL ? g_object_ref (options->tiles) : NULL;
  pending->options.dataset = pending->dataset;
  pending->options.mbtiles = pending->mbtiles;
  pending->options.basemap_credit = pending->basemap_credit;
  pending->options.tiles = pending->tiles;
  pending->options.missing_tiles = NULL;

  /* The same picture, smaller: the view shrinks and the scale with it. */
  factor = MIN (PREVIEW_WIDTH / options->view.width, PREVIEW_HEIGHT / options->view.height);
  pending->width = MAX (1, (int) round (options->view.width * factor));
  pending->height = MAX (1, (int) round (options->view.height * factor));
  /* The exporter draws at no less than a quarter scale (a screen pixel
   * becomes a quarter pixel): below that, draw larger and shrink. */
  scale = MAX (options->scale * factor, PREVIEW_MIN_SCALE);
  pending->shrink = options->scale * factor / scale;
  pending->options.view.width *= scale / options->scale;
  pending->options.view.height *= scale / options->scale;
  pending->options.scale = scale;

  return pending;
}

/**
 * frontline_export_preview_draw:
 * @width: the image's size in pixels
 * @height:
 * @shrink: the scale the exporter's output is drawn at into it
 *
 * The exporter's picture of @options in an ARGB32 image; may run in any
 * thread.
 *
 * Returns: (transfer full) (nullable): the image, or %NULL with @error set
 */
cairo_surface_t *
frontline_export_preview_draw (const FrontlineExportOptions  *options,
                               int                            width,
                               int                            height,
                               double                         shrink,
                               GError                       **error)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  gboolean ok;

  cairo_scale (cr, shrink, shrink);
  ok = frontline_export_render (options, cr, error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (!ok)
    g_clear_pointer (&surface, cairo_surface_destroy);

  return surface;
}

/**
 * frontline_export_preview_texture_new:
 * @surface: (transfer full): an ARGB32 image
 *
 * Returns: (transfer full): a texture of @surface's pixels, which it keeps
 */
GdkTexture *
frontline_export_preview_texture_new (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                                        (gsize) stride * height,
                                                        (GDestroyNotify) cairo_surface_destroy, surface);

  /* Cairo's ARGB32 is premultiplied, in native byte order. */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  return gdk_memory_texture_new (width, height, GDK_MEMORY_B8G8R8A8_PREMULTIPLIED, bytes, stride);
#else
  return gdk_memory_texture_new (width, height, GDK_MEMORY_A8R8G8B8_PREMULTIPLIED, bytes, stride);
#endif
}

/**
 * frontline_export_preview_return_drawing:
 * @task: a task running in a worker
 *
 * Draws as frontline_export_preview_draw() does and returns the image from
 * @task (an error, or %G_IO_ERROR_CANCELLED when its cancellable was
 * cancelled meanwhile): the body of every worker that draws a preview.
 */
void
frontline_export_preview_return_drawing (GTask                        *task,
                                         const FrontlineExportOptions *options,
                                         int                           width,
                                         int                           height,
                                         double                        shrink)
{
  GError *error = NULL;
  cairo_surface_t *surface = frontline_export_preview_draw (options, width, height, shrink, &error);

  if (surface == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      cairo_surface_destroy (surface);
      return;
    }
  g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Pending *pending = task_data;

  frontline_export_preview_return_drawing (task, &pending->options, pending->width, pending->height,
                                           pending->shrink);
}

static void
preview_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FrontlineExportPreview *self = FRONTLINE_EXPORT_PREVIEW (object);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GdkTexture) texture = NULL;

  /* Superseded, or the dialog closed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (surface == NULL)
    {
      g_debug ("No export preview: %s", error->message);
      gtk_picture_set_paintable (self->picture, NULL);
      return;
    }

  texture = frontline_export_preview_texture_new (surface);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
}

static gboolean
start_cb (gpointer user_data)
{
  FrontlineExportPreview *self = user_data;
  g_autoptr(GTask) task = NULL;

  self->timeout_id = 0;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* The task holds the widget until it is done. */
  task = g_task_new (self, self->cancellable, preview_done_cb, NULL);
  g_task_set_task_data (task, g_steal_pointer (&self->pending), (GDestroyNotify) pending_free);
  g_task_run_in_thread (task, preview_thread);

  return G_SOURCE_REMOVE;
}

/**
 * frontline_export_preview_set_options:
 * @options: what the export will write; what they borrow is referenced
 *
 * Draws @options in a moment, in a worker, unless newer options come first.
 */
void
frontline_export_preview_set_options (FrontlineExportPreview       *self,
                                      const FrontlineExportOptions *options)
{
  g_return_if_fail (FRONTLINE_IS_EXPORT_PREVIEW (self));
  g_return_if_fail (options != NULL && options->dataset != NULL);

  g_clear_pointer (&self->pending, pending_free);
  self->pending = pending_new (options);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (PREVIEW_DELAY_MS, start_cb, self);
}

/**
 * frontline_export_preview_cancel:
 *
 * Stops the preview being drawn and forgets the one to come.
 */
void
frontline_export_preview_cancel (FrontlineExportPreview *self)
{
  g_return_if_fail (FRONTLINE_IS_EXPORT_PREVIEW (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->pending, pending_free);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/**
 * frontline_export_preview_get_paintable:
 *
 * Returns: (transfer none) (nullable): the preview shown, if any
 */
GdkPaintable *
frontline_export_preview_get_paintable (FrontlineExportPreview *self)
{
  g_return_val_if_fail (FRONTLINE_IS_EXPORT_PREVIEW (self), NULL);

  return gtk_picture_get_paintable (self->picture);
}

GtkWidget *
frontline_export_preview_new (void)
{
  return g_object_new (FRONTLINE_TYPE_EXPORT_PREVIEW, NULL);
}

static void
frontline_export_preview_dispose (GObject *object)
{
  FrontlineExportPreview *self = FRONTLINE_EXPORT_PREVIEW (object);

  frontline_export_preview_cancel (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FRONTLINE_TYPE_EXPORT_PREVIEW);

  G_OBJECT_CLASS (frontline_export_preview_parent_class)->dispose (object);
}

static void
frontline_export_preview_class_init (FrontlineExportPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = frontline_export_preview_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/frontline-export-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlineExportPreview, frame);
  gtk_widget_class_bind_template_child (widget_class, FrontlineExportPreview, picture);
}

static void
frontline_export_preview_init (FrontlineExportPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Narrow enough for a phone; the picture is fitted into it, so the
   * dialog keeps its size whatever the picture's shape. */
  gtk_widget_set_size_request (GTK_WIDGET (self->picture), 300, PREVIEW_HEIGHT);
}
