/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-mbtiles-reader"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "frontline-mbtiles-reader.h"
#include "frontline-tiles-private.h"

/* Raster tiles from an MBTiles file (https://github.com/mapbox/mbtiles-spec):
 * an SQLite database with a `metadata` table of name/value pairs and a
 * `tiles` table (or view) of zoom_level, tile_column, tile_row, tile_data,
 * rows counted from the bottom (TMS). Offline maps for places with no network.
 *
 * The file is opened read-only once; reads may come from any thread and take
 * turns on the one connection under a mutex, which is simpler than a
 * connection per thread and fast enough for the handful of tiles on screen.
 * Display-free: the map's FrontlineMbtilesSource and the exporter both read
 * through it. */

#define DEFAULT_TILE_SIZE 256

struct _FrontlineMbtilesReader
{
  GObject parent_instance;

  char *path;
  char *display_name;  /* the path, for messages */
  char *name;
  char *attribution;   /* as in the file (often HTML), or NULL */
  char *license_text;  /* plain text for the map; never empty */
  char *format;        /* "png", "jpg", or NULL when the file does not say */
  guint min_zoom;
  guint max_zoom;
  guint tile_size;
  gboolean has_bounds;
  double west, south, east, north;

  GMutex mutex;        /* guards db, select_tile and deadline */
  sqlite3 *db;
  gint64 deadline;     /* the running statement's; see frontline_sqlite_budget_install() */
  sqlite3_stmt *select_tile;
};

static void frontline_mbtiles_reader_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FrontlineMbtilesReader, frontline_mbtiles_reader,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      frontline_mbtiles_reader_initable_iface_init))

enum {
  PROP_0,
  PROP_PATH,
  PROP_NAME,
  PROP_ATTRIBUTION,
  PROP_FORMAT,
  PROP_MIN_ZOOM,
  PROP_MAX_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


/* Opening */

/* Sets @error for an SQLite failure while opening, telling a file that is
 * not a database from one that is damaged. */
static void
set_sqlite_error (FrontlineMbtilesReader  *self,
                  int                      rc,
                  GError                 **error)
{
  const char *message = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: not an MBTiles file: not an SQLite database"), self->display_name);
      break;

    case SQLITE_CORRUPT:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: the MBTiles file is damaged (%s)"), self->display_name, message);
      break;

    case SQLITE_INTERRUPT:
    case SQLITE_NOMEM:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: reading the MBTiles file took too long or too much memory; "
                     "it may hold a view that never ends"), self->display_name);
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("%s: cannot open the file (%s)"), self->display_name, message);
      break;

    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("%s: cannot read the MBTiles file (%s)"), self->display_name, message);
      break;
    }
}

/* Finds which of the two MBTiles tables the file has; views count, since
 * deduplicating writers make `tiles` a view over `map` and `images`. */
static gboolean
check_tables (FrontlineMbtilesReader  *self,
              GError                 **error)
{
  static const char sql[] =
    "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
    "AND name IN ('tiles', 'metadata')";
  sqlite3_stmt *stmt = NULL;
  gboolean has_tiles = FALSE;
  gboolean has_metadata = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 0);

          has_tiles |= g_strcmp0 (name, "tiles") == 0;
          has_metadata |= g_strcmp0 (name, "metadata") == 0;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return FALSE;
    }

  if (!has_tiles)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: not an MBTiles file: no tiles table"), self->display_name);
      return FALSE;
    }

  if (!has_metadata)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: not an MBTiles file: no metadata table"), self->display_name);
      return FALSE;
    }

  return TRUE;
}

/* Metadata is whatever the file's writer put there: any bytes, any length.
 * Values are read up to a length, made valid UTF-8, and rid of control
 * characters, which no label can show. */
#define MAX_METADATA_NAME_BYTES  256
#define MAX_METADATA_VALUE_BYTES (64 * 1024)
#define MAX_METADATA_ROWS        4096
#define MAX_NAME_CHARS           200
#define MAX_ATTRIBUTION_CHARS    2000

static char *
clean_text (const char *text,
            int         length)
{
  char *valid = g_utf8_make_valid (text, MAX (length, 0));

  for (char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        memset (p, ' ', (gsize) (g_utf8_next_char (p) - p));
    }

  return valid;
}

/* At most @max_chars characters of valid UTF-8 @text, the rest cut with an
 * ellipsis. Takes @text. */
static char *
truncate_text (char  *text,
               gsize  max_chars)
{
  char *end;
  char *result;

  if (text == NULL || (gsize) g_utf8_strlen (text, -1) <= max_chars)
    return text;

  end = g_utf8_offset_to_pointer (text, (glong) max_chars);
  *end = '\0';
  result = g_strconcat (text, "…", NULL);
  g_free (text);
  return result;
}

static GHashTable *
read_metadata (FrontlineMbtilesReader  *self,
               GError                 **error)
{
  g_autoptr(GHashTable) metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* MBTiles has a few dozen names at most; a view may have endless rows. */
  rc = sqlite3_prepare_v2 (self->db, "SELECT name, value FROM metadata LIMIT "
                           G_STRINGIFY (MAX_METADATA_ROWS), -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 0);
          int name_length = sqlite3_column_bytes (stmt, 0);
          const char *value = (const char *) sqlite3_column_text (stmt, 1);
          int value_length = sqlite3_column_bytes (stmt, 1);
          g_autofree char *key = NULL;
          g_autofree char *text = NULL;

          if (name == NULL || value == NULL || name_length > MAX_METADATA_NAME_BYTES)
            continue;

          key = g_ascii_strdown (name, name_length);
          text = g_strstrip (clean_text (value, MIN (value_length, MAX_METADATA_VALUE_BYTES)));

          /* The first of duplicate names wins; empty values say nothing. */
          if (*text != '\0' && !g_hash_table_contains (metadata, key))
            g_hash_table_insert (metadata, g_steal_pointer (&key), g_steal_pointer (&text));
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      if ((rc & 0xff) == SQLITE_ERROR)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("%s: not an MBTiles file: %s"), self->display_name,
                     sqlite3_errmsg (self->db));
      else
        set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&metadata);
}

static gboolean
parse_zoom (const char *text,
            guint      *zoom)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, 30, &value, NULL))
    return FALSE;

  *zoom = (guint) value;
  return TRUE;
}

static gboolean
parse_bounds (FrontlineMbtilesReader *self,
              const char             *text)
{
  g_auto(GStrv) parts = NULL;
  double values[4];

  if (text == NULL)
    return FALSE;

  parts = g_strsplit (text, ",", -1);
  if (g_strv_length (parts) != 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      char *end = NULL;
      const char *start = g_strstrip (parts[i]);

      errno = 0;
      values[i] = g_ascii_strtod (start, &end);
      if (end == start || *end != '\0' || errno != 0 || !isfinite (values[i]))
        return FALSE;
    }

  /* West may exceed east for an area across the antimeridian. */
  if (fabs (values[0]) > 180 || fabs (values[2]) > 180
      || fabs (values[1]) > 90 || fabs (values[3]) > 90 || values[1] > values[3])
    return FALSE;

  self->west = values[0];
  self->south = values[1];
  self->east = values[2];
  self->north = values[3];
  return TRUE;
}

/* Zoom levels from the tiles themselves, for files whose metadata lacks them. */
static gboolean
read_zoom_range (FrontlineMbtilesReader  *self,
                 GError                 **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_INTEGER)
    {
      self->min_zoom = (guint) CLAMP (sqlite3_column_int (stmt, 0), 0, 30);
      self->max_zoom = (guint) CLAMP (sqlite3_column_int (stmt, 1), 0, 30);
      found = TRUE;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, rc, error);
      return FALSE;
    }

  if (!found)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: the MBTiles file contains no tiles"), self->display_name);
      return FALSE;
    }

  return TRUE;
}

/* Files that declare no tile size are mostly 256 pixels, but some are 512:
 * read the width from the first tile when it is a PNG. */
static void
guess_tile_size (FrontlineMbtilesReader *self)
{
  sqlite3_stmt *stmt = NULL;

  self->tile_size = DEFAULT_TILE_SIZE;

  if (sqlite3_prepare_v2 (self->db, "SELECT tile_data FROM tiles LIMIT 1", -1, &stmt, NULL)
      == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const guint8 *data = sqlite3_column_blob (stmt, 0);
      int size = sqlite3_column_bytes (stmt, 0);

      /* The signature, then the IHDR chunk: length, type, width (big-endian). */
      if (size >= 24 && memcmp (data, "\x89PNG", 4) == 0 && memcmp (data + 12, "IHDR", 4) == 0)
        {
          guint32 width = ((guint32) data[16] << 24) | ((guint32) data[17] << 16)
                          | ((guint32) data[18] << 8) | data[19];

          if (width >= 64 && width <= 2048 && (width & (width - 1)) == 0)
            self->tile_size = width;
        }
    }

  sqlite3_finalize (stmt);
}

/* MBTiles attributions are often HTML links; ShumateLicense shows plain text. */
static char *
strip_markup (const char *html)
{
  static const struct {
    const char *entity;
    const char *text;
  } entities[] = {
    { "&copy;", "©" }, { "&nbsp;", " " }, { "&lt;", "<" }, { "&gt;", ">" },
    { "&quot;", "\"" }, { "&#39;", "'" }, { "&apos;", "'" }, { "&#169;", "©" },
    { "&amp;", "&" },  /* last, so "&amp;lt;" stays "&lt;" */
  };
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean in_tag = FALSE;

  for (const char *p = html; *p != '\0'; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>' && in_tag)
        in_tag = FALSE;
      else if (!in_tag)
        g_string_append_c (text, g_ascii_isspace (*p) ? ' ' : *p);
    }

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    g_string_replace (text, entities[i].entity, entities[i].text, 0);

  while (g_string_replace (text, "  ", " ", 0) > 0)
    ;

  return g_strstrip (g_string_free (g_steal_pointer (&text), FALSE));
}

static gboolean
frontline_mbtiles_reader_initable_init (GInitable     *initable,
                                        GCancellable  *cancellable,
                                        GError       **error)
{
  FrontlineMbtilesReader *self = FRONTLINE_MBTILES_READER (initable);
  g_autoptr(GHashTable) metadata = NULL;
  g_autofree char *basename = NULL;
  const char *format;
  gboolean has_min, has_max;
  int rc;

  if (self->path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("No MBTiles file given"));
      return FALSE;
    }

  self->display_name = g_filename_display_name (self->path);

  /* SQLite would report a missing file as "unable to open database file". */
  if (!g_file_test (self->path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s: no such file"), self->display_name);
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  frontline_sqlite_budget_install (self->db, &self->deadline);

  /* Opening reads the schema, the metadata and the zoom range: all of it
   * within one budget. */
  frontline_sqlite_budget_start (&self->deadline);

  if (!check_tables (self, error))
    return FALSE;

  metadata = read_metadata (self, error);
  if (metadata == NULL)
    return FALSE;

  format = g_hash_table_lookup (metadata, "format");
  if (format != NULL)
    {
      if (g_ascii_strcasecmp (format, "pbf") == 0 || g_ascii_strcasecmp (format, "mvt") == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("%s: vector MBTiles (pbf) are not supported; "
                         "use a raster (PNG or JPEG) MBTiles file"), self->display_name);
          return FALSE;
        }

      if (g_ascii_strcasecmp (format, "png") != 0 && g_ascii_strcasecmp (format, "jpg") != 0
          && g_ascii_strcasecmp (format, "jpeg") != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("%s: tiles in the format “%s” are not supported; "
                         "use a raster (PNG or JPEG) MBTiles file"), self->display_name, format);
          return FALSE;
        }

      self->format = g_ascii_strdown (format, -1);
    }

  basename = g_path_get_basename (self->path);
  if (g_hash_table_contains (metadata, "name"))
    self->name = truncate_text (g_strdup (g_hash_table_lookup (metadata, "name")), MAX_NAME_CHARS);
  else
    {
      /* File names need not be UTF-8; what is shown must be. */
      g_autofree char *display = g_filename_display_name (basename);

      if (g_str_has_suffix (display, ".mbtiles"))
        display[strlen (display) - strlen (".mbtiles")] = '\0';
      self->name = truncate_text (g_steal_pointer (&display), MAX_NAME_CHARS);
    }

  self->attribution = g_strdup (g_hash_table_lookup (metadata, "attribution"));
  if (self->attribution != NULL)
    self->license_text = truncate_text (strip_markup (self->attribution), MAX_ATTRIBUTION_CHARS);
  if (self->license_text == NULL || *self->license_text == '\0')
    {
      g_free (self->license_text);
      /* TRANSLATORS: the map credit for an MBTiles file that has none; %s is its name */
      self->license_text = g_strdup_printf (_("%s (no attribution in the file)"), self->name);
    }

  self->has_bounds = parse_bounds (self, g_hash_table_lookup (metadata, "bounds"));

  has_min = parse_zoom (g_hash_table_lookup (metadata, "minzoom"), &self->min_zoom);
  has_max = parse_zoom (g_hash_table_lookup (metadata, "maxzoom"), &self->max_zoom);
  if (!has_min || !has_max)
    {
      guint min_zoom = self->min_zoom, max_zoom = self->max_zoom;

      if (!read_zoom_range (self, error))
        return FALSE;
      if (has_min)
        self->min_zoom = min_zoom;
      if (has_max)
        self->max_zoom = max_zoom;
    }
  if (self->max_zoom < self->min_zoom)
    self->max_zoom = self->min_zoom;

  rc = sqlite3_prepare_v2 (self->db,
                           /* No blob beyond a tile's largest size is loaded. */
                           "SELECT CASE WHEN length(tile_data) <= "
                           G_STRINGIFY (FRONTLINE_TILE_IMAGE_MAX_BYTES_LITERAL)
                           " THEN tile_data END, length(tile_data) FROM tiles "
                           "WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
                           -1, &self->select_tile, NULL);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_ERROR)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("%s: not an MBTiles file: %s"), self->display_name,
                     sqlite3_errmsg (self->db));
      else
        set_sqlite_error (self, rc, error);
      return FALSE;
    }

  guess_tile_size (self);

  return TRUE;
}

static void
frontline_mbtiles_reader_initable_iface_init (GInitableIface *iface)
{
  iface->init = frontline_mbtiles_reader_initable_init;
}

/* Reading tiles */

/**
 * frontline_mbtiles_reader_read_tile:
 * @self: a #FrontlineMbtilesReader
 * @x: the column
 * @y: the row, from the top (XYZ)
 * @z: the zoom level
 * @error: %G_IO_ERROR_NOT_FOUND for a tile the file does not have
 *
 * Reads a tile's bytes as the file holds them, unchecked. Safe from any
 * thread: reads take turns on the one connection.
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL with @error set
 */
GBytes *
frontline_mbtiles_reader_read_tile (FrontlineMbtilesReader  *self,
                                    int                      x,
                                    int                      y,
                                    int                      z,
                                    GError                 **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *message = NULL;
  int rc;

  g_return_val_if_fail (FRONTLINE_IS_MBTILES_READER (self), NULL);

  if (self->select_tile == NULL
      || z < 0 || z > 30 || (guint) z < self->min_zoom || (guint) z > self->max_zoom
      || x < 0 || y < 0 || x >= (1 << z) || y >= (1 << z))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s: no tile %d/%d/%d"), self->display_name, z, x, y);
      return NULL;
    }

  g_mutex_lock (&self->mutex);

  frontline_sqlite_budget_start (&self->deadline);
  sqlite3_bind_int (self->select_tile, 1, z);
  sqlite3_bind_int (self->select_tile, 2, x);
  /* MBTiles counts rows from the bottom (TMS), the map from the top (XYZ). */
  sqlite3_bind_int (self->select_tile, 3, (1 << z) - 1 - y);

  rc = sqlite3_step (self->select_tile);
  if (rc == SQLITE_ROW)
    {
      /* Blob first, then its size, as the SQLite documentation asks. */
      const void *data = sqlite3_column_blob (self->select_tile, 0);
      int size = sqlite3_column_bytes (self->select_tile, 0);
      sqlite3_int64 length = sqlite3_column_int64 (self->select_tile, 1);

      if (length > FRONTLINE_TILE_IMAGE_MAX_BYTES)
        message = g_strdup_printf (_("image of %u bytes; a tile may have at most %d"),
                                   (guint) MIN (length, G_MAXUINT), FRONTLINE_TILE_IMAGE_MAX_BYTES);
      else
        bytes = g_bytes_new (data, size);
    }
  else if (rc != SQLITE_DONE)
    {
      message = g_strdup (sqlite3_errmsg (self->db));
    }

  sqlite3_reset (self->select_tile);
  sqlite3_clear_bindings (self->select_tile);

  g_mutex_unlock (&self->mutex);

  if (bytes != NULL)
    return g_steal_pointer (&bytes);

  if (message != NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("%s: tile %d/%d/%d: %s"), self->display_name, z, x, y, message);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("%s: no tile %d/%d/%d"), self->display_name, z, x, y);
  return NULL;
}

/* The object */

static void
frontline_mbtiles_reader_finalize (GObject *object)
{
  FrontlineMbtilesReader *self = FRONTLINE_MBTILES_READER (object);

  g_clear_pointer (&self->select_tile, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_mutex_clear (&self->mutex);

  g_free (self->path);
  g_free (self->display_name);
  g_free (self->name);
  g_free (self->attribution);
  g_free (self->license_text);
  g_free (self->format);

  G_OBJECT_CLASS (frontline_mbtiles_reader_parent_class)->finalize (object);
}

static void
frontline_mbtiles_reader_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  FrontlineMbtilesReader *self = FRONTLINE_MBTILES_READER (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ATTRIBUTION:
      g_value_set_string (value, self->attribution);
      break;

    case PROP_FORMAT:
      g_value_set_string (value, self->format);
      break;

    case PROP_MIN_ZOOM:
      g_value_set_uint (value, self->min_zoom);
      break;

    case PROP_MAX_ZOOM:
      g_value_set_uint (value, self->max_zoom);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_mbtiles_reader_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  FrontlineMbtilesReader *self = FRONTLINE_MBTILES_READER (object);

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
frontline_mbtiles_reader_class_init (FrontlineMbtilesReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags readable = (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  object_class->finalize = frontline_mbtiles_reader_finalize;
  object_class->get_property = frontline_mbtiles_reader_get_property;
  object_class->set_property = frontline_mbtiles_reader_set_property;

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
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
frontline_mbtiles_reader_init (FrontlineMbtilesReader *self)
{
  g_mutex_init (&self->mutex);
  self->tile_size = DEFAULT_TILE_SIZE;
}

/* Public API */

/**
 * frontline_mbtiles_reader_new:
 * @path: a raster .mbtiles file
 * @error: a location for what is wrong with it, naming the file
 *
 * Opens @path read-only and reads its metadata. Fails for files that are not
 * SQLite, lack the MBTiles tables, hold vector tiles, or are damaged.
 *
 * Returns: (transfer full) (nullable): the reader, or %NULL with @error set
 */
FrontlineMbtilesReader *
frontline_mbtiles_reader_new (const char  *path,
                              GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (FRONTLINE_TYPE_MBTILES_READER, NULL, error, "path", path, NULL);
}

const char *
frontline_mbtiles_reader_get_path (FrontlineMbtilesReader *self)
{
  g_return_val_if_fail (FRONTLINE_IS_MBTILES_READER (self), NULL);

  return self->path;
}

/* The metadata name, or the file's name without ".mbtiles". */
const char *
frontline_mbtiles_reader_get_name (FrontlineMbtilesReader *self)
{
  g_return_val_if_fail (FRONTLINE_IS_MBTILES_READER (self), NULL);

  return self->name;
}

/* The attribution as the file has it (often HTML), or NULL. */
const char *
frontline_mbtiles_reader_get_attribution (FrontlineMbtilesReader *self)
{
  g_return_val_if_fail (FRONTLINE_IS_MBTILES_READER (self), NULL);

  return self->attribution;
}

/* Plain text for the map's credit line; never empty. */
const char *
frontline_mbtiles_reader_get_license_text (FrontlineMbtilesReader *self)
{
  g_return_val_if_fail (FRONTLINE_IS_MBTILES_READER (self), NULL);

  return self->license_text;
}

/* "png", "jpg" or "jpeg", or NULL when the file does not say. */
const char *
frontline_mbtiles_reader_get_format (FrontlineMbtilesReader *self)
{
  g_return_val_if_fail (FRONTLINE_IS_MBTILES_READER (self), NULL);

  return self->format;
}

guint
frontline_mbtiles_reader_get_min_zoom (FrontlineMbtilesReader *self)
{
  g_return_val_if_fail (FRONTLINE_IS_MBTILES_READER (self), 0);

  return self->min_zoom;
}

guint
frontline_mbtiles_reader_get_max_zoom (FrontlineMbtilesReader *self)
{
  g_return_val_if_fail (FRONTLINE_IS_MBTILES_READER (self), 0);

  return self->max_zoom;
}

/**
 * frontline_mbtiles_reader_get_bounds:
 * @self: a #FrontlineMbtilesReader
 * @west: (out) (optional): the western longitude
 * @south: (out) (optional): the southern latitude
 * @east: (out) (optional): the eastern longitude
 * @north: (out) (optional): the northern latitude
 *
 * Returns: whether the file gives valid bounds
 */
gboolean
frontline_mbtiles_reader_get_bounds (FrontlineMbtilesReader *self,
                                     double                 *west,
                                     double                 *south,
                                     double                 *east,
                                     double                 *north)
{
  g_return_val_if_fail (FRONTLINE_IS_MBTILES_READER (self), FALSE);

  if (!self->has_bounds)
    return FALSE;

  if (west != NULL)
    *west = self->west;
  if (south != NULL)
    *south = self->south;
  if (east != NULL)
    *east = self->east;
  if (north != NULL)
    *north = self->north;

  return TRUE;
}

guint
frontline_mbtiles_reader_get_tile_size (FrontlineMbtilesReader *self)
{
  g_return_val_if_fail (FRONTLINE_IS_MBTILES_READER (self), 0);

  return self->tile_size;
}

/* The file's path for messages: UTF-8. */
const char *
frontline_mbtiles_reader_get_display_name (FrontlineMbtilesReader *self)
{
  g_return_val_if_fail (FRONTLINE_IS_MBTILES_READER (self), NULL);

  return self->display_name;
}
