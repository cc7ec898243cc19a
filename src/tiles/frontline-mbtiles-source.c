/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-mbtiles-source"

#include "config.h"

#include <glib/gi18n.h>

#include "frontline-mbtiles-reader.h"
#include "frontline-mbtiles-source.h"
#include "frontline-tile-image.h"

/* An MBTiles file as a ShumateDataSource for the map: FrontlineMbtilesReader
 * (display-free, shared with the exporter) reads the file; this source reads
 * in GTask worker threads and hands the tiles back to the requesting main
 * context, where ::received-data is emitted (ShumateRasterRenderer is not
 * thread-safe), and counts and announces the tiles that failed. */

struct _FrontlineMbtilesSource
{
  ShumateDataSource parent_instance;

  char *path;
  FrontlineMbtilesReader *reader;
  guint n_failed;
};

static void frontline_mbtiles_source_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FrontlineMbtilesSource, frontline_mbtiles_source,
                               SHUMATE_TYPE_DATA_SOURCE,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      frontline_mbtiles_source_initable_iface_init))

enum {
  PROP_0,
  PROP_PATH,
  PROP_NAME,
  PROP_ATTRIBUTION,
  PROP_FORMAT,
  PROP_MIN_ZOOM,
  PROP_MAX_ZOOM,
  PROP_N_FAILED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  TILE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
frontline_mbtiles_source_initable_init (GInitable     *initable,
                                        GCancellable  *cancellable,
                                        GError       **error)
{
  FrontlineMbtilesSource *self = FRONTLINE_MBTILES_SOURCE (initable);

  if (self->path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("No MBTiles file given"));
      return FALSE;
    }

  self->reader = frontline_mbtiles_reader_new (self->path, error);
  return self->reader != NULL;
}

static void
frontline_mbtiles_source_initable_iface_init (GInitableIface *iface)
{
  iface->init = frontline_mbtiles_source_initable_init;
}

/* Reading tiles */

typedef struct {
  int x;
  int y;
  int z;
} TileRequest;

/* Runs in a worker thread. */
static void
read_tile_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  FrontlineMbtilesSource *self = source_object;
  TileRequest *request = task_data;
  GError *error = NULL;
  GBytes *bytes;

  bytes = frontline_mbtiles_reader_read_tile (self->reader, request->x, request->y, request->z, &error);
  if (bytes != NULL)
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_error (task, error);
}

/* Ends the request with @error (taking it). A tile the file does not have
 * is where the map ends, and a cancelled one is no longer shown: neither is a
 * failure worth telling the user about. */
static void
fail_request (GTask  *task,
              GError *error)
{
  FrontlineMbtilesSource *self = g_task_get_source_object (task);
  TileRequest *request = g_task_get_task_data (task);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_debug ("%s", error->message);
      self->n_failed++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FAILED]);
      g_signal_emit (self, signals[TILE_FAILED], 0, request->x, request->y, request->z, error);
    }

  g_task_return_error (task, error);
}

/* Back in the requesting context. */
static void
on_tile_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FrontlineMbtilesSource *self = FRONTLINE_MBTILES_SOURCE (object);
  TileRequest *request = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      fail_request (task, error);
      return;
    }

  if (!frontline_tile_image_check (bytes, &error))
    {
      /* TRANSLATORS: "map.mbtiles: tile 3/2/1: not a PNG or JPEG image" */
      fail_request (task, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: tile %d/%d/%d: %s"),
                                       frontline_mbtiles_reader_get_display_name (self->reader), request->z, request->x, request->y,
                                       error->message));
      g_error_free (error);
      return;
    }

  /* ShumateRasterRenderer (libshumate 1.0) takes the texture from this
   * signal only. */
  g_signal_emit_by_name (self, "received-data", request->x, request->y, request->z, bytes);

  g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

static void
frontline_mbtiles_source_get_tile_data_async (ShumateDataSource   *source,
                                              int                  x,
                                              int                  y,
                                              int                  z,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  FrontlineMbtilesSource *self = FRONTLINE_MBTILES_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) read_task = NULL;
  TileRequest *request;

  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, frontline_mbtiles_source_get_tile_data_async);

  request = g_new0 (TileRequest, 1);
  request->x = x;
  request->y = y;
  request->z = z;
  g_task_set_task_data (task, request, g_free);

  read_task = g_task_new (self, cancellable, on_tile_read_cb, g_steal_pointer (&task));
  g_task_set_source_tag (read_task, read_tile_thread);
  g_task_set_task_data (read_task, g_memdup2 (request, sizeof *request), g_free);
  g_task_run_in_thread (read_task, read_tile_thread);
}

static GBytes *
frontline_mbtiles_source_get_tile_data_finish (ShumateDataSource  *source,
                                               GAsyncResult       *result,
                                               GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The object */

static void
frontline_mbtiles_source_finalize (GObject *object)
{
  FrontlineMbtilesSource *self = FRONTLINE_MBTILES_SOURCE (object);

  g_clear_object (&self->reader);
  g_free (self->path);

  G_OBJECT_CLASS (frontline_mbtiles_source_parent_class)->finalize (object);
}

static void
frontline_mbtiles_source_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  FrontlineMbtilesSource *self = FRONTLINE_MBTILES_SOURCE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->reader ? frontline_mbtiles_reader_get_name (self->reader) : NULL);
      break;

    case PROP_ATTRIBUTION:
      g_value_set_string (value, self->reader ? frontline_mbtiles_reader_get_attribution (self->reader) : NULL);
      break;

    case PROP_FORMAT:
      g_value_set_string (value, self->reader ? frontline_mbtiles_reader_get_format (self->reader) : NULL);
      break;

    case PROP_MIN_ZOOM:
      g_value_set_uint (value, self->reader ? frontline_mbtiles_reader_get_min_zoom (self->reader) : 0);
      break;

    case PROP_MAX_ZOOM:
      g_value_set_uint (value, self->reader ? frontline_mbtiles_reader_get_max_zoom (self->reader) : 0);
      break;

    case PROP_N_FAILED:
      g_value_set_uint (value, self->n_failed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_mbtiles_source_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  FrontlineMbtilesSource *self = FRONTLINE_MBTILES_SOURCE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_mbtiles_source_class_init (FrontlineMbtilesSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);
  GParamFlags readable = (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  object_class->finalize = frontline_mbtiles_source_finalize;
  object_class->get_property = frontline_mbtiles_source_get_property;
  object_class->set_property = frontline_mbtiles_source_set_property;

  source_class->get_tile_data_async = frontline_mbtiles_source_get_tile_data_async;
  source_class->get_tile_data_finish = frontline_mbtiles_source_get_tile_data_finish;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, readable);
  properties[PROP_ATTRIBUTION] =
    g_param_spec_string ("attribution", NULL, NULL, NULL, readable);
  properties[PROP_FORMAT] =
    g_param_spec_string ("format", NULL, NULL, NULL, readable);
  properties[PROP_MIN_ZOOM] =
    g_param_spec_uint ("min-zoom", NULL, NULL, 0, 30, 0, readable);
  properties[PROP_MAX_ZOOM] =
    g_param_spec_uint ("max-zoom", NULL, NULL, 0, 30, 0, readable);
  /* Damaged or unreadable tiles so far; tiles the file simply does not have
   * are not counted. */
  properties[PROP_N_FAILED] =
    g_param_spec_uint ("n-failed", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FrontlineMbtilesSource::tile-failed:
   * @x: the tile's column
   * @y: the tile's row, from the top
   * @z: the zoom level
   * @error: what went wrong
   *
   * A tile in the file could not be read or is not an image. Emitted in the
   * main context the request was made from, before the request completes.
   */
  signals[TILE_FAILED] =
    g_signal_new ("tile-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4,
                  G_TYPE_INT, G_TYPE_INT, G_TYPE_INT,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
frontline_mbtiles_source_init (FrontlineMbtilesSource *self)
{
}

/* Public API */

/**
 * frontline_mbtiles_source_new:
 * @path: a raster .mbtiles file
 * @error: a location for what is wrong with it, naming the file
 *
 * Opens @path read-only and reads its metadata. Fails for files that are not
 * SQLite, lack the MBTiles tables, hold vector tiles, or are damaged.
 *
 * Returns: (transfer full) (nullable): the source, or %NULL with @error set
 */
FrontlineMbtilesSource *
frontline_mbtiles_source_new (const char  *path,
                              GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (FRONTLINE_TYPE_MBTILES_SOURCE, NULL, error, "path", path, NULL);
}

/* The reader underneath, for reading the same file elsewhere. */
FrontlineMbtilesReader *
frontline_mbtiles_source_get_reader (FrontlineMbtilesSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_MBTILES_SOURCE (self), NULL);

  return self->reader;
}

const char *
frontline_mbtiles_source_get_path (FrontlineMbtilesSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_MBTILES_SOURCE (self), NULL);

  return self->path;
}

/* The metadata name, or the file's name without ".mbtiles". */
const char *
frontline_mbtiles_source_get_name (FrontlineMbtilesSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_MBTILES_SOURCE (self), NULL);

  return frontline_mbtiles_reader_get_name (self->reader);
}

/* The attribution as the file has it (often HTML), or NULL. */
const char *
frontline_mbtiles_source_get_attribution (FrontlineMbtilesSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_MBTILES_SOURCE (self), NULL);

  return frontline_mbtiles_reader_get_attribution (self->reader);
}

/* Plain text for the map's credit line; never empty. */
const char *
frontline_mbtiles_source_get_license_text (FrontlineMbtilesSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_MBTILES_SOURCE (self), NULL);

  return frontline_mbtiles_reader_get_license_text (self->reader);
}

/* "png", "jpg" or "jpeg", or NULL when the file does not say. */
const char *
frontline_mbtiles_source_get_format (FrontlineMbtilesSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_MBTILES_SOURCE (self), NULL);

  return frontline_mbtiles_reader_get_format (self->reader);
}

guint
frontline_mbtiles_source_get_min_zoom (FrontlineMbtilesSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_MBTILES_SOURCE (self), 0);

  return frontline_mbtiles_reader_get_min_zoom (self->reader);
}

guint
frontline_mbtiles_source_get_max_zoom (FrontlineMbtilesSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_MBTILES_SOURCE (self), 0);

  return frontline_mbtiles_reader_get_max_zoom (self->reader);
}

/**
 * frontline_mbtiles_source_get_bounds:
 * @self: a #FrontlineMbtilesSource
 * @west: (out) (optional): the western longitude
 * @south: (out) (optional): the southern latitude
 * @east: (out) (optional): the eastern longitude
 * @north: (out) (optional): the northern latitude
 *
 * Returns: whether the file gives valid bounds
 */
gboolean
frontline_mbtiles_source_get_bounds (FrontlineMbtilesSource *self,
                                     double                 *west,
                                     double                 *south,
                                     double                 *east,
                                     double                 *north)
{
  g_return_val_if_fail (FRONTLINE_IS_MBTILES_SOURCE (self), FALSE);

  return frontline_mbtiles_reader_get_bounds (self->reader, west, south, east, north);
}

guint
frontline_mbtiles_source_get_n_failed (FrontlineMbtilesSource *self)
{
  g_return_val_if_fail (FRONTLINE_IS_MBTILES_SOURCE (self), 0);

  return self->n_failed;
}

/**
 * frontline_mbtiles_source_new_map_source:
 * @self: a #FrontlineMbtilesSource
 *
 * Wraps the source in a ShumateRasterRenderer for a ShumateMapLayer, named
 * and credited from the file's metadata.
 *
 * Returns: (transfer full): a new map source
 */
ShumateMapSource *
frontline_mbtiles_source_new_map_source (FrontlineMbtilesSource *self)
{
  g_autofree char *checksum = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (FRONTLINE_IS_MBTILES_SOURCE (self), NULL);

  /* ShumateMapLayer keys its memory cache by source id: one per file. */
  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, self->path, -1);
  id = g_strdup_printf ("mbtiles-%.16s", checksum);

  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (id,
                                                               frontline_mbtiles_reader_get_name (self->reader),
                                                               frontline_mbtiles_reader_get_license_text (self->reader),
                                                               NULL,
                                                               frontline_mbtiles_reader_get_min_zoom (self->reader),
                                                               frontline_mbtiles_reader_get_max_zoom (self->reader),
                                                               frontline_mbtiles_reader_get_tile_size (self->reader),
                                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                                               SHUMATE_DATA_SOURCE (self)));
}
