/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-dataset-save"

#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* pread, O_CLOEXEC, st_mtim */
#endif

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontline-dataset-save.h"
#include "frontline-model-private.h"
#include "frontline-ogr-writer-private.h"
#include "frontline-progress.h"
#include "frontline-safe-file.h"

/* Writing a dataset back. Two paths, and what each keeps:
 *
 * 1. Byte copy (the usual case): the dataset came from one local file that
 *    has not changed on disk since it was read (same size, mtime, device and
 *    inode). The file is copied byte for byte and only the value of
 *    "frontline"."stops" is replaced with the stops as they are now (or a
 *    "stops" member, or a "frontline" member, inserted when there was none).
 *    Unchanged stops give the input byte for byte. Everything is kept:
 *    numbers as written (1e400, integers beyond 64 bits), altitudes, bbox and
 *    crs, MultiPolygons, text after \u0000, duplicate keys, spacing.
 *
 * 2. Generated (the file is gone or changed, or the dataset is not from one
 *    file): the document is written from what the load kept (the root object
 *    and each feature as json-glib read them) and the areas' packed
 *    geometry. It loads back to the same data, but it cannot keep what
 *    json-glib or the packed arrays dropped: altitudes and geometry-level
 *    bbox and crs, text after \u0000, the earlier of duplicate keys, the
 *    digits of integers beyond 64 bits. Doubles are written as the shortest of
 *    %.15g, %.16g and %.17g that reads back as the same double; infinities
 *    (a file may say 1e400) as 1e999 and -1e999, which read back as the same
 *    infinity; a one-polygon MultiPolygon stays a MultiPolygon. */

#define CHUNK_SIZE (1024 * 1024)

typedef struct {
  FrontlineSafeFile     *out;
  GString               *buffer;
  GCancellable          *cancellable;
  FrontlineProgressFunc  progress;
  gpointer               progress_data;
  GError                *error;
} Sink;

static gboolean
sink_flush (Sink *sink)
{
  if (sink->error == NULL && sink->buffer->len > 0)
    frontline_safe_file_write (sink->out, sink->buffer->str, sink->buffer->len, &sink->error);
  g_string_truncate (sink->buffer, 0);
  if (sink->error == NULL)
    g_cancellable_set_error_if_cancelled (sink->cancellable, &sink->error);
  return sink->error == NULL;
}

static gboolean
sink_maybe_flush (Sink   *sink,
                  double  fraction)
{
  if (sink->buffer->len < CHUNK_SIZE)
    return sink->error == NULL;
  if (sink->progress != NULL)
    sink->progress (fraction, sink->progress_data);
  return sink_flush (sink);
}

/* JSON text. */

void
frontline_json_append_double (GString *out,
                              double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    {
      /* JSON has no NaN and no file gives one; never write invalid JSON. */
      g_string_append (out, "null");
      return;
    }
  if (isinf (value))
    {
      g_string_append (out, value > 0 ? "1e999" : "-1e999");
      return;
    }

  /* Fast path for coordinates and most values: the fewest decimals d with
   * n / 10^d == value, n an exact integer below 2^53. IEEE division of two
   * exact operands is correctly rounded, as strtod is, so the text "n with d
   * decimals" reads back as this double. Saves the printf/strtod pairs that
   * dominate a generated save. */
  if (value != 0.0 && fabs (value) < 1e9)
    {
      static const double powers[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };

      for (int d = 0; d < (int) G_N_ELEMENTS (powers); d++)
        {
          double scaled = value * powers[d];
          double n;

          if (fabs (scaled) >= 9007199254740992.0)
            break;
          n = nearbyint (scaled);
          if (n / powers[d] == value)
            {
              guint64 magnitude = (guint64) fabs (n);
              guint64 unit = (guint64) powers[d];
              guint64 fraction = magnitude % unit;
              int digits = d;

              char text[48];
              char *p = text + sizeof text;
              guint64 whole = magnitude / unit;

              while (digits > 0 && fraction % 10 == 0)
                {
                  fraction /= 10;
                  digits--;
                }
              /* Written backwards: the decimals, the point, the whole part. */
              for (int i = 0; i < digits; i++, fraction /= 10)
                *--p = (char) ('0' + fraction % 10);
              if (digits > 0)
                *--p = '.';
              do
                *--p = (char) ('0' + whole % 10);
              while ((whole /= 10) > 0);
              if (value < 0)
                *--p = '-';
              g_string_append_len (out, p, text + sizeof text - p);
              return;
            }
        }
    }

  for (int precision = 15; precision <= 17; precision++)
    {
      g_ascii_formatd (buf, sizeof buf, precision == 15 ? "%.15g" : precision == 16 ? "%.16g" : "%.17g",
                       value);
      if (precision == 17 || g_ascii_strtod (buf, NULL) == value)
        break;
    }

  g_string_append (out, buf);
  /* A double that happens to be whole stays a double ("1.0" would do; "1"
   * reads back as an integer of the same value, which the model treats
   * alike), so nothing is added. */
}

static void
append_string (GString    *out,
               const char *text)
{
  static const char hex[] = "0123456789abcdef";
  const char *start = text;

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *escape = NULL;

      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        default: break;
        }

      if (escape == NULL && c >= 0x20 && c != 0x7f)
        continue;

      g_string_append_len (out, start, p - start);
      if (escape != NULL)
        g_string_append (out, escape);
      else
        {
          g_string_append (out, "\\u00");
          g_string_append_c (out, hex[c >> 4]);
          g_string_append_c (out, hex[c & 0xf]);
        }
      start = p + 1;
    }
  g_string_append (out, start);
  g_string_append_c (out, '"');
}

void
frontline_json_append_node (GString  *out,
                            JsonNode *node)
{
  if (node == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *value;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &value))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            append_string (out, name);
            g_string_append_c (out, ':');
            frontline_json_append_node (out, value);
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            frontline_json_append_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          frontline_json_append_double (out, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          append_string (out, json_node_get_string (node));
          break;
        default:
          g_string_append (out, "null");
          break;
        }
      break;

    default:
      g_string_append (out, "null");
      break;
    }
}

static void
append_geometry (GString                 *out,
                 const FrontlineGeometry *geometry,
                 gboolean                 multi)
{
  multi = multi || geometry->n_polygons != 1;

  g_string_append (out, multi ? "{\"type\":\"MultiPolygon\",\"coordinates\":["
                              : "{\"type\":\"Polygon\",\"coordinates\":");

  for (guint p = 0; p < geometry->n_polygons; p++)
    {
      if (p > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '[');
      for (guint r = geometry->polygons[p]; r < geometry->polygons[p + 1]; r++)
        {
          if (r > geometry->polygons[p])
            g_string_append_c (out, ',');
          g_string_append_c (out, '[');
          for (guint i = geometry->rings[r]; i < geometry->rings[r + 1]; i++)
            {
              if (i > geometry->rings[r])
                g_string_append_c (out, ',');
              g_string_append_c (out, '[');
              frontline_json_append_double (out, geometry->coords[2 * i]);
              g_string_append_c (out, ',');
              frontline_json_append_double (out, geometry->coords[2 * i + 1]);
              g_string_append_c (out, ']');
            }
          g_string_append_c (out, ']');
        }
      g_string_append_c (out, ']');
    }

  g_string_append (out, multi ? "]}" : "}");
}

static void
append_feature (GString       *out,
                JsonObject    *feature,
                FrontlineArea *area)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  json_object_iter_init_ordered (&iter, feature);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      append_string (out, name);
      g_string_append_c (out, ':');
      frontline_json_append_node (out, value);
    }

  if (area != NULL)
    {
      if (!first)
        g_string_append_c (out, ',');
      g_string_append (out, "\"geometry\":");
      append_geometry (out, area->original_geometry ? area->original_geometry : area->geometry,
                       area->multi);
    }

  g_string_append_c (out, '}');
}

/* The stops as they are now, as JSON text. */
char *
frontline_dataset_format_stops (FrontlineDataset *self)
{
  GListModel *stops = G_LIST_MODEL (self->stops);
  g_autoptr(GString) out = g_string_new ("[");

  for (guint i = 0; i < g_list_model_get_n_items (stops); i++)
    {
      g_autoptr(FrontlineStop) stop = g_list_model_get_item (stops, i);
      g_autoptr(JsonObject) object = frontline_stop_to_json (stop);
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

      if (i > 0)
        g_string_append_c (out, ',');
      frontline_json_append_node (out, node);
    }
  g_string_append_c (out, ']');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The root object's members but "features", each followed by ",\n". */
static void
append_root_members (FrontlineDataset *self,
                     const char       *stops,
                     GString          *out)
{
  gboolean has_stops = !g_str_equal (stops, "[]");
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  Sink sink_storage = { .buffer = out };
  Sink *sink = &sink_storage;

  /* A dataset read through GDAL from a file that is not Frontline's has no
   * root of its own. */
  if (self->root == NULL)
    {
      g_string_append (sink->buffer, "\"type\":\"FeatureCollection\",\n");
      if (has_stops)
        g_string_append_printf (sink->buffer, "\"frontline\":{\"version\":1,\"stops\":%s},\n", stops);
      return;
    }

  json_object_iter_init_ordered (&iter, self->root);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      if (g_str_equal (name, "features"))
        continue;
      append_string (sink->buffer, name);
      g_string_append_c (sink->buffer, ':');
      if (g_str_equal (name, "frontline") && JSON_NODE_HOLDS_OBJECT (value))
        {
          JsonObject *meta = json_node_get_object (value);
          JsonObjectIter meta_iter;
          const char *meta_name;
          JsonNode *meta_value;
          gboolean first = TRUE;
          gboolean wrote_stops = FALSE;

          g_string_append_c (sink->buffer, '{');
          json_object_iter_init_ordered (&meta_iter, meta);
          while (json_object_iter_next_ordered (&meta_iter, &meta_name, &meta_value))
            {
              if (!first)
                g_string_append_c (sink->buffer, ',');
              first = FALSE;
              append_string (sink->buffer, meta_name);
              g_string_append_c (sink->buffer, ':');
              if (g_str_equal (meta_name, "stops"))
                {
                  g_string_append (sink->buffer, stops);
                  wrote_stops = TRUE;
                }
              else
                frontline_json_append_node (sink->buffer, meta_value);
            }
          if (!wrote_stops && has_stops)
            {
              g_string_append (sink->buffer, first ? "\"stops\":" : ",\"stops\":");
              g_string_append (sink->buffer, stops);
            }
          g_string_append_c (sink->buffer, '}');
        }
      else
        frontline_json_append_node (sink->buffer, value);
      g_string_append (sink->buffer, ",\n");
    }

  /* A plain GeoJSON file gets a "frontline" member once it has stops. */
  if (!json_object_has_member (self->root, "frontline") && has_stops)
    g_string_append_printf (sink->buffer, "\"frontline\":{\"version\":1,\"stops\":%s},\n", stops);
}

/**
 * frontline_dataset_format_document:
 * @stops: the stops as frontline_dataset_format_stops() gave them
 *
 * The GeoJSON root object without its features, the stops as given: what a
 * GeoPackage keeps in its frontline_document table.
 *
 * Returns: (transfer full): JSON text
 */
char *
frontline_dataset_format_document (FrontlineDataset *self,
                                   const char       *stops)
{
  GString *out = g_string_new ("{");

  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), NULL);

  append_root_members (self, stops, out);
  if (out->len > 1)
    g_string_truncate (out, out->len - 2);  /* the last ",\n" */
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/* Path 2: the document from the model. */
static gboolean
generate (FrontlineDataset *self,
          const char       *stops,
          GHashTable       *active,
          Sink             *sink)
{
  gboolean first = TRUE;

  g_string_append_c (sink->buffer, '{');
  append_root_members (self, stops, sink->buffer);

  g_string_append (sink->buffer, "\"features\":[\n");
  for (guint i = 0; i < self->features->len; i++)
    {
      FrontlineArea *area = g_ptr_array_index (self->feature_areas, i);

      if (active != NULL && area != NULL && !g_hash_table_contains (active, area))
        continue;
      if (!first)
        g_string_append (sink->buffer, ",\n");
      first = FALSE;
      append_feature (sink->buffer, g_ptr_array_index (self->features, i), area);
      if (!sink_maybe_flush (sink, (double) i / self->features->len))
        return FALSE;
    }
  g_string_append (sink->buffer, "\n]}\n");

  return sink_flush (sink);
}

/* Path 1: the file as read, with the stops replaced. */

static gboolean
source_unchanged (const FrontlineSourceText *source,
                  struct stat               *st)
{
  if (source->path == NULL || g_stat (source->path, st) != 0 || !S_ISREG (st->st_mode))
    return FALSE;

  return (guint64) st->st_size == source->size &&
         (gint64) st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_mtim.tv_nsec == source->mtime_ns &&
         (guint64) st->st_dev == source->device &&
         (guint64) st->st_ino == source->inode &&
         source->root_open < source->size &&
         (!source->has_frontline ||
          (source->frontline_open < source->frontline_close && source->frontline_close < source->size)) &&
         (!source->has_stops ||
          (source->has_frontline && source->frontline_open < source->stops_start &&
           source->stops_start < source->stops_end && source->stops_end <= source->frontline_close));
}

/* Copies [*position, end) of the source to the sink. */
static gboolean
copy_until (Sink        *sink,
            int          fd,
            const char  *name,
            guint64      size,
            guint64     *position,
            guint64      end)
{
  while (*position < end)
    {
      gsize want = (gsize) MIN (end - *position, (guint64) CHUNK_SIZE);
      gsize old = sink->buffer->len;
      gssize n;

      g_string_set_size (sink->buffer, old + want);
      n = read (fd, sink->buffer->str + old, want);
      if (n < 0 && errno == EINTR)
        {
          g_string_truncate (sink->buffer, old);
          continue;
        }
      if (n <= 0)
        {
          int saved_errno = n < 0 ? errno : 0;

          g_string_truncate (sink->buffer, old);
          if (sink->error == NULL)
            {
              if (saved_errno != 0)
                /* Translators: the first %s is a file name, the second what went wrong */
                g_set_error (&sink->error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                             _("Could not read “%s”: %s"), name, g_strerror (saved_errno));
              else
                /* Translators: %s is a file name */
                g_set_error (&sink->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("“%s” changed while it was being saved; nothing was written"), name);
            }
          return FALSE;
        }
      g_string_truncate (sink->buffer, old + (gsize) n);
      *position += (guint64) n;
      if (!sink_maybe_flush (sink, (double) *position / MAX (size, 1)))
        return FALSE;
    }

  return TRUE;
}

/* Whether [from, to) of the file holds only JSON white space. */
static gboolean
blank_between (int      fd,
               guint64  from,
               guint64  to)
{
  char buf[256];

  while (from < to)
    {
      gssize n = pread (fd, buf, (gsize) MIN (to - from, sizeof buf), (off_t) from);

      if (n <= 0)
        return FALSE;
      for (gssize i = 0; i < n; i++)
        if (!strchr (" \t\r\n", buf[i]))
          return FALSE;
      from += (guint64) n;
    }

  return TRUE;
}

static char *
read_range (int      fd,
            guint64  from,
            guint64  to)
{
  gsize length = (gsize) (to - from);
  char *text = g_malloc (length + 1);
  gsize done = 0;

  while (done < length)
    {
      gssize n = pread (fd, text + done, length - done, (off_t) (from + done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_free (text);
          return NULL;
        }
      done += (gsize) n;
    }
  text[length] = '\0';

  return text;
}

/* Whether the stops are those the file holds: both written by the same
 * writer, so formatting does not count. */
static gboolean
stops_unchanged (int         fd,
                 const FrontlineSourceText *source,
                 const char *stops)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GString) normal = NULL;

  if (!source->has_stops)
    return g_str_equal (stops, "[]");

  text = read_range (fd, source->stops_start, source->stops_end);
  if (text == NULL)
    return FALSE;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, -1, NULL) || json_parser_get_root (parser) == NULL)
    return FALSE;

  normal = g_string_new (NULL);
  frontline_json_append_node (normal, json_parser_get_root (parser));
  return g_str_equal (normal->str, stops);
}

typedef enum {
  COPY_DONE,
  COPY_FAILED,
  COPY_UNAVAILABLE,
} CopyResult;

/* @next: where the parts lie in the file written, for the next save */
static CopyResult
copy_source (FrontlineDataset    *self,
             const char          *stops,
             Sink                *sink,
             FrontlineSourceText *next)
{
  const FrontlineSourceText *source = &self->source;
  g_autofree char *name = NULL;
  struct stat st;
  guint64 position = 0;
  int fd;
  gboolean ok;

  if (!source_unchanged (source, &st))
    return COPY_UNAVAILABLE;

  fd = g_open (source->path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return COPY_UNAVAILABLE;

  /* The file opened is the one checked. */
  {
    struct stat opened;

    if (fstat (fd, &opened) != 0 || opened.st_ino != st.st_ino || opened.st_dev != st.st_dev)
      {
        close (fd);
        return COPY_UNAVAILABLE;
      }
  }

  name = g_filename_display_name (source->path);
  *next = *source;
  next->path = NULL;

  if (stops_unchanged (fd, source, stops))
    ok = copy_until (sink, fd, name, source->size, &position, source->size);
  else if (source->has_stops)
    {
      gsize delta = strlen (stops) - (source->stops_end - source->stops_start);

      next->stops_end = source->stops_start + strlen (stops);
      next->frontline_close = source->frontline_close + delta;  /* modular: may shrink */
      ok = copy_until (sink, fd, name, source->size, &position, source->stops_start);
      if (ok)
        {
          g_string_append (sink->buffer, stops);
          ok = lseek (fd, (off_t) source->stops_end, SEEK_SET) == (off_t) source->stops_end;
          position = source->stops_end;
          ok = ok && copy_until (sink, fd, name, source->size, &position, source->size);
        }
    }
  else if (source->has_frontline)
    {
      gboolean empty = blank_between (fd, source->frontline_open + 1, source->frontline_close);

      next->has_stops = TRUE;
      next->stops_start = source->frontline_open + 1 + strlen ("\"stops\":");
      next->stops_end = next->stops_start + strlen (stops);
      next->frontline_close = source->frontline_close + strlen ("\"stops\":") + strlen (stops) +
                              (empty ? 0 : 1);
      ok = copy_until (sink, fd, name, source->size, &position, source->frontline_open + 1);
      if (ok)
        {
          g_string_append_printf (sink->buffer, "\"stops\":%s%s", stops, empty ? "" : ",");
          ok = copy_until (sink, fd, name, source->size, &position, source->size);
        }
    }
  else
    {
      guint64 end = source->size;
      gboolean empty;

      /* Is the root "{}"? Find its end: the last '}' of the file. */
      while (end > source->root_open + 1 && blank_between (fd, end - 1, end))
        end--;
      empty = blank_between (fd, source->root_open + 1, end - 1);

      next->has_frontline = TRUE;
      next->frontline_open = source->root_open + 1 + strlen ("\"frontline\":");
      next->has_stops = TRUE;
      next->stops_start = source->root_open + 1 + strlen ("\"frontline\":{\"version\":1,\"stops\":");
      next->stops_end = next->stops_start + strlen (stops);
      next->frontline_close = next->stops_end;
      ok = copy_until (sink, fd, name, source->size, &position, source->root_open + 1);
      if (ok)
        {
          g_string_append_printf (sink->buffer, "\"frontline\":{\"version\":1,\"stops\":%s}%s",
                                  stops, empty ? "" : ",");
          ok = copy_until (sink, fd, name, source->size, &position, source->size);
        }
    }

  /* Still the file checked at the start? */
  if (ok)
    {
      struct stat after;

      if (fstat (fd, &after) != 0 || after.st_size != st.st_size ||
          after.st_mtim.tv_sec != st.st_mtim.tv_sec || after.st_mtim.tv_nsec != st.st_mtim.tv_nsec)
        {
          if (sink->error == NULL)
            /* Translators: %s is a file name */
            g_set_error (&sink->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         _("“%s” changed while it was being saved; nothing was written"), name);
          ok = FALSE;
        }
    }

  close (fd);

  return ok && sink_flush (sink) ? COPY_DONE : COPY_FAILED;
}

/**
 * frontline_dataset_save_full:
 * @file: where to write, usually the file the dataset came from
 * @replace: whether an existing @file may be replaced
 * @progress: (scope call) (nullable): called with the fraction done, in this thread
 *
 * Writes the dataset as GeoJSON through #FrontlineSafeFile: a failure or a
 * cancellation never leaves half a file and never changes the file it would
 * have replaced. See the comment at the top of this file for what is kept.
 * May run in any thread, one save of a dataset at a time.
 *
 * Returns: whether the file was written
 */
static gboolean
save_with_stops (FrontlineDataset       *self,
                 const char             *stops,
                 GFile                  *file,
                 gboolean                replace,
                 GCancellable           *cancellable,
                 FrontlineProgressFunc   progress,
                 gpointer                progress_data,
                 GError                **error)
{
  g_autoptr(FrontlineSafeFile) out = NULL;
  g_autoptr(GString) buffer = NULL;
  Sink sink = { 0 };
  FrontlineSourceText next = { 0 };
  gboolean copied;
  CopyResult result;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->is_folder || self->features == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("A dataset read from a folder of files cannot be written back to it"));
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  out = frontline_safe_file_new (file, replace, error);
  if (out == NULL)
    return FALSE;

  buffer = g_string_sized_new (CHUNK_SIZE + 4096);
  sink = (Sink) { out, buffer, cancellable, progress, progress_data, NULL };

  result = copy_source (self, stops, &sink, &next);
  copied = result == COPY_DONE;
  if (result == COPY_UNAVAILABLE)
    result = generate (self, stops, NULL, &sink) ? COPY_DONE : COPY_FAILED;

  if (result != COPY_DONE)
    {
      g_propagate_error (error, sink.error);
      return FALSE;
    }

  if (!frontline_safe_file_commit (out, cancellable, error))
    return FALSE;

  /* The file written is now the one the dataset mirrors: the next save
   * copies it (rather than generating), with the stops where they now lie.
   * Generated files are not described (their spans are not tracked). */
  if (copied)
    {
      const char *written = frontline_safe_file_get_target_path (out);
      struct stat st;

      g_clear_pointer (&self->source.path, g_free);
      if (g_stat (written, &st) == 0)
        {
          next.path = g_strdup (written);
          next.size = (guint64) st.st_size;
          next.mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
          next.device = (guint64) st.st_dev;
          next.inode = (guint64) st.st_ino;
          self->source = next;
        }
      else
        memset (&self->source, 0, sizeof self->source);
    }

  if (progress != NULL)
    progress (1.0, progress_data);

  return TRUE;
}

gboolean
frontline_dataset_save_full (FrontlineDataset       *self,
                             GFile                  *file,
                             gboolean                replace,
                             GCancellable           *cancellable,
                             FrontlineProgressFunc   progress,
                             gpointer                progress_data,
                             GError                **error)
{
  g_autofree char *stops = NULL;

  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), FALSE);

  stops = frontline_dataset_format_stops (self);
  if (frontline_ogr_can_write (file))
    return frontline_ogr_write_with_stops (self, file, FRONTLINE_DAY_NONE, replace, stops,
                                           cancellable, progress, progress_data, error);
  return save_with_stops (self, stops, file, replace, cancellable, progress, progress_data, error);
}

/**
 * frontline_dataset_save_day:
 * @day: FRONTLINE_DAY_NONE for every date (then this is
 *   frontline_dataset_save_full()), else only the areas that hold on @day
 *
 * Writes @self in the format @file's name chooses (GeoPackage, KML, KMZ,
 * Shapefile through GDAL; GeoJSON otherwise), with only what holds on @day.
 * A GeoJSON of one day is generated from the model: the features that are
 * not areas, and the areas of @day, in file order; the root as read, with
 * the stops as they are now.
 *
 * Returns: whether the file was written
 */
gboolean
frontline_dataset_save_day (FrontlineDataset       *self,
                            GFile                  *file,
                            FrontlineDay            day,
                            gboolean                replace,
                            GCancellable           *cancellable,
                            FrontlineProgressFunc   progress,
                            gpointer                progress_data,
                            GError                **error)
{
  g_autofree char *stops = NULL;
  g_autoptr(FrontlineSafeFile) out = NULL;
  g_autoptr(GString) buffer = NULL;
  g_autoptr(GPtrArray) state = NULL;
  g_autoptr(GHashTable) active = NULL;
  Sink sink = { 0 };

  g_return_val_if_fail (FRONTLINE_IS_DATASET (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (day == FRONTLINE_DAY_NONE)
    return frontline_dataset_save_full (self, file, replace, cancellable, progress,
                                        progress_data, error);

  stops = frontline_dataset_format_stops (self);
  if (frontline_ogr_can_write (file))
    return frontline_ogr_write_with_stops (self, file, day, replace, stops, cancellable,
                                           progress, progress_data, error);

  if (self->is_folder || self->features == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("A dataset read from a folder of files cannot be written back to it"));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  state = frontline_dataset_get_state_at (self, day);
  active = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < state->len; i++)
    g_hash_table_add (active, g_ptr_array_index (state, i));

  out = frontline_safe_file_new (file, replace, error);
  if (out == NULL)
    return FALSE;
  buffer = g_string_sized_new (CHUNK_SIZE + 4096);
  sink = (Sink) { out, buffer, cancellable, progress, progress_data, NULL };
  if (!generate (self, stops, active, &sink))
    {
      g_propagate_error (error, sink.error);
      return FALSE;
    }
  if (!frontline_safe_file_commit (out, cancellable, error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

/**
 * frontline_dataset_save:
 * @file: where to write, usually the file the dataset came from
 *
 * frontline_dataset_save_full() replacing @file, without progress.
 *
 * Returns: whether the file was written
 */
gboolean
frontline_dataset_save (FrontlineDataset  *self,
                        GFile             *file,
                        GCancellable      *cancellable,
                        GError           **error)
{
  return frontline_dataset_save_full (self, file, TRUE, cancellable, NULL, NULL, error);
}

/* In a worker. */

typedef struct {
  GFile             *file;
  char              *stops;     /* serialised on the caller's thread */
  gboolean           replace;
  FrontlineProgress *progress;  /* nullable */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->file);
  g_free (data->stops);
  g_clear_pointer (&data->progress, frontline_progress_free);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  if (frontline_ogr_can_write (data->file))
    ok = frontline_ogr_write_with_stops (source_object, data->file, FRONTLINE_DAY_NONE,
                                         data->replace, data->stops, cancellable,
                                         data->progress ? frontline_progress_report : NULL,
                                         data->progress, &error);
  else
    ok = save_with_stops (source_object, data->stops, data->file, data->replace, cancellable,
                          data->progress ? frontline_progress_report : NULL, data->progress,
                          &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * frontline_dataset_save_async:
 * @progress: (scope notified) (nullable): called in the caller's main context
 *   with the fraction written
 *
 * frontline_dataset_save_full() in a worker thread, with the stops as they
 * are when called. Cancelling leaves any existing file untouched. One save of
 * a dataset at a time.
 */
void
frontline_dataset_save_async (FrontlineDataset       *self,
                              GFile                  *file,
                              gboolean                replace,
                              GCancellable           *cancellable,
                              FrontlineProgressFunc   progress,
                              gpointer                progress_data,
                              GDestroyNotify          progress_notify,
                              GAsyncReadyCallback     callback,
                              gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (FRONTLINE_IS_DATASET (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (SaveData, 1);
  data->file = g_object_ref (file);
  /* The stops live in a GListStore of the main thread: read them here. */
  data->stops = frontline_dataset_format_stops (self);
  data->replace = replace;
  if (progress != NULL)
    data->progress = frontline_progress_new (NULL, progress, progress_data, progress_notify);
  else if (progress_notify != NULL)
    progress_notify (progress_data);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, frontline_dataset_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, save_thread);
}

gboolean
frontline_dataset_save_finish (FrontlineDataset  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  SaveData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  /* Nothing is delivered once the caller has the result. */
  data = g_task_get_task_data (G_TASK (result));
  if (data->progress != NULL)
    frontline_progress_finish (data->progress);

  return g_task_propagate_boolean (G_TASK (result), error);
}
