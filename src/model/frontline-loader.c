/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-loader"

/* madvise() and MADV_DONTNEED are outside strict C17. */
#define _DEFAULT_SOURCE

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontline-feature-reader.h"
#include "frontline-json-scan.h"
#include "frontline-loader-private.h"
#include "frontline-metadata-reader.h"
#include "frontline-model-private.h"
#include "frontline-ogr-reader.h"
#include "frontline-ogr-reader-private.h"
#include "frontline-progress.h"

/* Loading a dataset.
 *
 * json-glib builds a whole tree for a document, about 12 times the file's size,
 * and cannot report progress while it parses. So the loader first finds where
 * each feature of the FeatureCollection starts and ends with a scanner that
 * understands only strings and brackets, then parses the document without its
 * features, and then each feature on its own with json-glib, in as many
 * threads as there are processors, converting coordinates to packed arrays
 * and dropping each feature's tree at once. Memory stays near the file's size
 * and progress is the share of bytes done.
 *
 * The loader accepts RFC 8259 JSON only, whatever json-glib would take
 * (comments, 010, 0x10, .5, single quotes, trailing commas, content after
 * the document), nested no deeper than 256 levels: every text json-glib
 * sees is checked first by frontline_json_check() (see
 * frontline_json_parse()), the features array's separators by the scanner,
 * and the coordinates read from the text by a reader as strict. Anything the scanner does not expect sends the
 * loader to the full check of the whole file, whose messages
 * (FILE:LINE:COL: Parse error: ...) are the ones users see.
 *
 * When an object has several members of one name, the last counts, as for
 * json-glib and JavaScript, on every path ("features", "geometry",
 * "coordinates", "frontline", "stops"), with a warning for the ones that
 * decide what is drawn.
 *
 * The file is read with read() into memory the loader owns, never mapped: a
 * file truncated while it loads gives an error, not SIGBUS. Only regular
 * files are read (a FIFO would block).
 *
 * The parts: frontline-json-scan.c (the scanner and the strict checker),
 * frontline-feature-reader.c (one feature: coordinates, rings, polygons,
 * areas and places), frontline-metadata-reader.c (the root and its
 * "frontline" member, the writer's mirror), and this file, which drives
 * them: reading files and folders, the worker threads, progress, async. */

#define MAX_THREADS 4

/* The parallel part: parse and convert features in worker threads */

typedef struct {
  const char              *data;
  GArray                  *spans;
  FrontlineParsedFeature **results;
  const char              *file;
  GCancellable            *cancellable;
  guint                    n_threads;
  gint                     next;        /* atomic: the next feature to take */
  gsize                    bytes_done;  /* atomic */
  GMutex                   lock;
  GCond                    ready;       /* a result is in, or a worker is done */
} Work;

/* Wakes the loading thread, waiting for the next feature in file order. */
static void
work_signal (Work *work)
{
  g_mutex_lock (&work->lock);
  g_cond_broadcast (&work->ready);
  g_mutex_unlock (&work->lock);
}

static gpointer
work_thread (gpointer user_data)
{
  Work *work = user_data;
  g_autoptr(JsonParser) parser = json_parser_new ();

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&work->next, 1);
      FrontlineJsonSpan *span;

      if (i >= work->spans->len || g_cancellable_is_cancelled (work->cancellable))
        break;

      span = &g_array_index (work->spans, FrontlineJsonSpan, i);
      g_atomic_pointer_set (&work->results[i],
                            frontline_feature_reader_parse_span (parser, work->data, span, i,
                                                                 work->file, work->cancellable));
      g_atomic_pointer_add (&work->bytes_done, span->length);
      work_signal (work);
    }

  work_signal (work);
  return NULL;
}

/* The full parse, for documents the scanner does not take and for the
 * error messages of broken ones. */
static JsonNode *
parse_whole (const char  *data,
             gsize        length,
             const char  *file,
             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  FrontlineJsonFault fault;
  JsonNode *root = frontline_json_parse (parser, data, frontline_json_skip_bom (data, length),
                                         length, 0, &fault);

  if (root == NULL)
    {
      frontline_json_set_fault_error (error, file, data, &fault);
      return NULL;
    }

  return json_node_ref (root);
}

typedef struct {
  FrontlineProgressFunc func;
  gpointer              data;
  double                start;
  double                span;
} Progress;

static void
report (Progress *progress,
        double    fraction)
{
  if (progress->func != NULL)
    progress->func (progress->start + progress->span * CLAMP (fraction, 0.0, 1.0), progress->data);
}

/* The file's text, read into memory the loader owns: a file that is
 * truncated or rewritten while it loads gives an error, never SIGBUS as a
 * mapped one would. The memory is an anonymous mapping, so the pages
 * already parsed can be handed back (release_parsed) and memory stays near
 * the file's size; the file stays open to read them again for an error
 * message. */
typedef struct {
  char        *data;
  gsize        length;
  gsize        map_size;
  gsize        released;  /* [0, released) handed back to the kernel */
  int          fd;
  struct stat  st;
} Text;

static gsize read_chunk_size;  /* 0: READ_CHUNK */
static FrontlineLoaderReadHook read_hook;
static gpointer read_hook_data;

#define READ_CHUNK (16 * 1024 * 1024)

void
frontline_loader_set_read_hook (gsize                   chunk_size,
                                FrontlineLoaderReadHook hook,
                                gpointer                user_data)
{
  read_chunk_size = chunk_size;
  read_hook = hook;
  read_hook_data = user_data;
}

static void
text_clear (Text *text)
{
  if (text->data != NULL)
    munmap (text->data, text->map_size);
  text->data = NULL;
  if (text->fd >= 0)
    close (text->fd);
  text->fd = -1;
}

static const char *
describe_file_type (mode_t mode)
{
  if (S_ISFIFO (mode))
    return _("a FIFO");
  if (S_ISSOCK (mode))
    return _("a socket");
  if (S_ISCHR (mode))
    return _("a character device");
  if (S_ISBLK (mode))
    return _("a block device");
  if (S_ISDIR (mode))
    return _("a folder");
  return _("not a file");
}

static gboolean
changed_error (GError     **error,
               const char  *name)
{
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
               _("%s changed while it was being read; try again once it is written"), name);
  return FALSE;
}

typedef struct {
  Text         *text;
  gsize         from;
  gsize         to;
  gsize         chunk;
  GCancellable *cancellable;
  int           errsv;       /* errno of a failed read */
  gboolean      short_read;  /* the file ended before @to */
} ReadPart;

static gpointer
read_part (gpointer user_data)
{
  ReadPart *part = user_data;
  gsize at = part->from;

  while (at < part->to && !g_cancellable_is_cancelled (part->cancellable))
    {
      ssize_t n = pread (part->text->fd, part->text->data + at, MIN (part->chunk, part->to - at),
                         (off_t) at);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          part->errsv = errno;
          break;
        }
      if (n == 0)
        {
          part->short_read = TRUE;
          break;
        }
      at += (gsize) n;

      if (read_hook != NULL)
        read_hook (read_hook_data);
    }

  return NULL;
}

/* Reads the regular file at @path whole. Never blocks on a FIFO or a device:
 * it refuses anything that is not a regular file. */
static gboolean
text_read (Text          *text,
           const char    *path,
           const char    *name,
           GCancellable  *cancellable,
           GError       **error)
{
  gsize chunk = read_chunk_size > 0 ? read_chunk_size : READ_CHUNK;
  ReadPart parts[MAX_THREADS] = { { 0 } };
  GThread *threads[MAX_THREADS] = { NULL };
  guint n_parts;
  struct stat after;
  char extra;

  text->fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (text->fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("%s: cannot open: %s"), name, g_strerror (saved));
      return FALSE;
    }

  if (fstat (text->fd, &text->st) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("%s: cannot read: %s"), name, g_strerror (saved));
      return FALSE;
    }

  if (!S_ISREG (text->st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("%s is not a regular file (%s)"), name, describe_file_type (text->st.st_mode));
      return FALSE;
    }

  if (text->st.st_size <= 0)
    {
      g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_SYNTAX,
                   _("%s: the file is empty"), name);
      return FALSE;
    }

  if ((guint64) text->st.st_size >= G_MAXSIZE / 2)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOMEM, _("%s: too large to read"), name);
      return FALSE;
    }

  text->length = (gsize) text->st.st_size;
  text->map_size = text->length + 1;
  text->data = mmap (NULL, text->map_size, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (text->data == MAP_FAILED)
    {
      text->data = NULL;
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOMEM,
                   _("%s: not enough memory to read it"), name);
      return FALSE;
    }

  /* Large files are read in parallel parts: copying hundreds of megabytes
   * and faulting in the memory is most of the cost of reading. */
  n_parts = text->length >= 64 * 1024 * 1024 && read_hook == NULL
            ? CLAMP (g_get_num_processors (), 1, MAX_THREADS) : 1;
  for (guint p = 0; p < n_parts; p++)
    {
      parts[p].text = text;
      parts[p].from = text->length / n_parts * p;
      parts[p].to = p + 1 == n_parts ? text->length : text->length / n_parts * (p + 1);
      parts[p].chunk = chunk;
      parts[p].cancellable = cancellable;
    }
  for (guint p = 1; p < n_parts; p++)
    threads[p] = g_thread_new ("frontline-read", read_part, &parts[p]);
  read_part (&parts[0]);
  for (guint p = 1; p < n_parts; p++)
    g_thread_join (threads[p]);

  for (guint p = 0; p < n_parts; p++)
    {
      if (parts[p].errsv != 0)
        {
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (parts[p].errsv),
                       _("%s: cannot read: %s"), name, g_strerror (parts[p].errsv));
          return FALSE;
        }
      if (parts[p].short_read)
        return changed_error (error, name);  /* shorter than it was */
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* Longer than it was, or rewritten meanwhile. */
  if (pread (text->fd, &extra, 1, (off_t) text->length) != 0 || fstat (text->fd, &after) != 0 ||
      after.st_size != text->st.st_size || after.st_mtim.tv_sec != text->st.st_mtim.tv_sec ||
      after.st_mtim.tv_nsec != text->st.st_mtim.tv_nsec)
    return changed_error (error, name);

  return TRUE;
}

/* Hands back to the kernel the pages before @upto, done with. */
static void
text_release (Text  *text,
              gsize  upto)
{
#ifdef MADV_DONTNEED
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  gsize end = upto / page * page;

  if (text->fd >= 0 && end > text->released + 16 * 1024 * 1024)
    {
      madvise (text->data + text->released, end - text->released, MADV_DONTNEED);
      text->released = end;
    }
#endif
}

/* Reads the released pages again, for an error message's line and column. */
static void
text_restore (Text *text)
{
  gsize done = 0;

  while (done < text->released)
    {
      ssize_t n = pread (text->fd, text->data + done, text->released - done, (off_t) done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += (gsize) n;
    }
  /* Anything not read back reads as zeros: the position may be off, never the
   * memory. */
  text->released = 0;
}

/* Loads one GeoJSON document into @b's dataset. */
static gboolean
load_document (FrontlineLoaderBuilder  *b,
               Text                    *text,
               GCancellable            *cancellable,
               Progress                *progress,
               GError                 **error)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (FrontlineJsonSpan));
  g_autoptr(GArray) features_ranges = g_array_new (FALSE, FALSE, sizeof (FrontlineJsonSpan));
  g_autoptr(JsonNode) root = NULL;
  const char *data = text->data;
  gsize length = text->length;
  gsize start = frontline_json_skip_bom (data, length);
  FrontlineSourceText spans_found = { 0 };
  gsize trailing = 0;
  guint n_features_members = 0;
  Work work = { 0 };
  GThread *threads[MAX_THREADS] = { NULL };
  gboolean ok = TRUE;

  if (!frontline_json_scan_feature_collection (data, length, features_ranges, spans, &trailing,
                                               &n_features_members, &spans_found))
    {
      /* Not a FeatureCollection we can split: let the full parse say why, or
       * read what it is. */
      root = parse_whole (data, length, b->file, error);
      if (root == NULL)
        return FALSE;
      if (!JSON_NODE_HOLDS_OBJECT (root))
        {
          frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, "/",
                                      _("expected a GeoJSON FeatureCollection object"));
          return FALSE;
        }
      if (!frontline_metadata_reader_read_root (b, json_node_get_object (root), error))
        return FALSE;
      frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, "/features",
                                  _("expected an array of features"));
      return FALSE;
    }

  if (trailing != 0)
    {
      FrontlineJsonFault fault = {
        trailing, N_("unexpected content after the end of the document"), FALSE
      };

      /* json-glib would silently ignore this. */
      frontline_json_set_fault_error (error, b->file, data, &fault);
      return FALSE;
    }

  /* The document without its features: small, whatever the file's size. */
  {
    g_autoptr(GString) skeleton = g_string_sized_new (4096);
    g_autoptr(JsonParser) parser = json_parser_new ();
    FrontlineJsonFault fault;
    gsize from = 0;
    JsonNode *node;

    for (guint i = 0; i < features_ranges->len; i++)
      {
        FrontlineJsonSpan *range = &g_array_index (features_ranges, FrontlineJsonSpan, i);

        g_string_append_len (skeleton, data + from, (gssize) (range->offset - from));
        g_string_append (skeleton, "[]");
        from = range->offset + range->length;
      }
    g_string_append_len (skeleton, data + from, (gssize) (length - from));

    node = frontline_json_parse (parser, skeleton->str, start, skeleton->len, 0, &fault);
    if (node == NULL)
      {
        /* Check the real thing for an error with the right line and column. */
        if (!frontline_json_check (data, start, length, 0, &fault))
          frontline_json_set_fault_error (error, b->file, data, &fault);
        else
          frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_SYNTAX, b->file, "/",
                                      _("could not be read"));
        return FALSE;
      }
    root = json_node_ref (node);
  }

  if (!frontline_metadata_reader_read_root (b, json_node_get_object (root), error))
    return FALSE;

  if (n_features_members > 1)
    frontline_dataset_add_diagnostic (b->dataset, "/",
                                      _("duplicate member “%s”; the last one is used"), "features");

  if (b->dataset->root == NULL)
    {
      b->dataset->root = json_object_ref (json_node_get_object (root));
      json_object_remove_member (b->dataset->root, "features");
    }

  if (b->record_source)
    {
      FrontlineSourceText *source = &b->dataset->source;

      g_free (source->path);
      *source = spans_found;
      source->path = g_strdup (b->path);
      source->size = (guint64) text->st.st_size;
      source->mtime_ns = (gint64) text->st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) +
                         text->st.st_mtim.tv_nsec;
      source->device = (guint64) text->st.st_dev;
      source->inode = (guint64) text->st.st_ino;
    }

  work.data = data;
  work.spans = spans;
  work.results = g_new0 (FrontlineParsedFeature *, MAX (spans->len, 1));
  work.file = b->file;
  work.cancellable = cancellable;
  work.n_threads = CLAMP (g_get_num_processors (), 1, MAX_THREADS);
  g_mutex_init (&work.lock);
  g_cond_init (&work.ready);

  for (guint t = 1; t < work.n_threads; t++)
    threads[t] = g_thread_new ("frontline-loader", work_thread, &work);

  /* This thread parses too, and adds features to the dataset in file order
   * as soon as they are ready. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    guint next_to_add = 0;
    gint64 last_report = 0;

    while (next_to_add < spans->len)
      {
        guint i;

        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          {
            ok = FALSE;
            break;
          }

        i = (guint) g_atomic_int_add (&work.next, 1);
        if (i < spans->len)
          {
            FrontlineJsonSpan *span = &g_array_index (spans, FrontlineJsonSpan, i);

            g_atomic_pointer_set (&work.results[i],
                                  frontline_feature_reader_parse_span (parser, data, span, i,
                                                                       b->file, cancellable));
            g_atomic_pointer_add (&work.bytes_done, span->length);
          }
        else
          {
            /* Every feature is taken: wait for the workers' next result (a
             * worker signals each one, and when it stops), or the next
             * progress report. */
            gint64 until = g_get_monotonic_time () + 50 * 1000;

            g_mutex_lock (&work.lock);
            while (g_atomic_pointer_get (&work.results[next_to_add]) == NULL &&
                   !g_cancellable_is_cancelled (cancellable) &&
                   g_cond_wait_until (&work.ready, &work.lock, until))
              ;
            g_mutex_unlock (&work.lock);
          }

        while (next_to_add < spans->len && g_atomic_pointer_get (&work.results[next_to_add]) != NULL)
          {
            FrontlineParsedFeature *parsed = work.results[next_to_add];

            if (parsed->syntax)
              {
                /* Stop the workers before the text is read again. */
                g_atomic_int_set (&work.next, (gint) spans->len);
                for (guint t = 1; t < work.n_threads; t++)
                  g_clear_pointer (&threads[t], g_thread_join);
                text_restore (text);
                frontline_json_set_fault_error (error, b->file, data, &parsed->fault);
                ok = FALSE;
              }
            else if (!frontline_feature_reader_add (b, parsed, next_to_add, error))
              ok = FALSE;

            g_clear_pointer (&work.results[next_to_add], frontline_parsed_feature_free);
            next_to_add++;

            if (ok && next_to_add < spans->len)
              text_release (text, g_array_index (spans, FrontlineJsonSpan, next_to_add).offset);

            if (!ok)
              break;
          }

        if (!ok)
          break;

        if (g_get_monotonic_time () - last_report > 50 * 1000)
          {
            last_report = g_get_monotonic_time ();
            report (progress, (double) g_atomic_pointer_get (&work.bytes_done) / MAX (length, 1));
          }
      }

    /* Stop the workers: on an error, the rest is not needed. */
    g_atomic_int_set (&work.next, (gint) spans->len);
  }

  for (guint t = 1; t < work.n_threads; t++)
    if (threads[t] != NULL)
      g_thread_join (threads[t]);

  for (guint i = 0; i < spans->len; i++)
    frontline_parsed_feature_free (work.results[i]);
  g_free (work.results);
  g_cond_clear (&work.ready);
  g_mutex_clear (&work.lock);

  if (!ok && error != NULL && *error == NULL)
    frontline_loader_set_error (error, FRONTLINE_DATASET_ERROR_SYNTAX, b->file, "/",
                                _("could not be read"));

  return ok;
}

/* Whether @name says GeoJSON (or says nothing: no suffix). */
static gboolean
is_json_name (const char *name)
{
  g_autofree char *base = g_path_get_basename (name);
  g_autofree char *lower = g_ascii_strdown (base, -1);

  return strchr (lower, '.') == NULL || g_str_has_suffix (lower, ".geojson") ||
         g_str_has_suffix (lower, ".json");
}

/* Whether the first character of @data, after a BOM and white space, could
 * start a JSON document. */
static gboolean
starts_like_json (const char *data,
                  gsize       length)
{
  gsize i = frontline_json_skip_bom (data, length);

  while (i < length && g_ascii_isspace (data[i]))
    i++;

  return i >= length || data[i] == '{' || data[i] == '[';
}

static gboolean
load_file_into (FrontlineLoaderBuilder  *b,
                GFile                   *file,
                gboolean                 record_source,
                GCancellable            *cancellable,
                Progress                *progress,
                GError                 **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_parse_name (file);
  Text text = { NULL, 0, 0, 0, -1, { 0 } };
  gboolean ok;

  b->file = name;
  b->path = path;
  b->record_source = record_source && path != NULL;

  if (path != NULL)
    {
      if (!text_read (&text, path, name, cancellable, error))
        {
          text_clear (&text);
          return FALSE;
        }
    }
  else
    {
      char *contents = NULL;
      gsize length = 0;

      if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
        return FALSE;
      if (length == 0)
        {
          g_free (contents);
          g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_SYNTAX,
                       _("%s: the file is empty"), name);
          return FALSE;
        }
      /* Into memory of the same kind, so that one path follows. */
      text.length = length;
      text.map_size = length + 1;
      text.data = mmap (NULL, text.map_size, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (text.data == MAP_FAILED)
        {
          text.data = NULL;
          g_free (contents);
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOMEM,
                       _("%s: not enough memory to read it"), name);
          return FALSE;
        }
      memcpy (text.data, contents, length);
      g_free (contents);
    }

  if (!is_json_name (name) && !starts_like_json (text.data, text.length))
    {
      g_autofree char *formats = frontline_ogr_describe_formats ();
      gsize start = frontline_json_skip_bom (text.data, text.length);

      /* Not JSON, and not named so: a format Frontline does not read. */
      g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_FORMAT,
                   _("%s: not a file Frontline can read (it starts with %s); it reads %s"), name,
                   _(frontline_json_describe_start (text.data, start, text.length)), formats);
      text_clear (&text);
      b->file = NULL;
      b->path = NULL;
      return FALSE;
    }

  ok = load_document (b, &text, cancellable, progress, error);
  text_clear (&text);
  b->file = NULL;
  b->path = NULL;

  return ok;
}

typedef struct {
  GFile        *file;
  FrontlineDay  day;
} DatedFile;

static gint
compare_dated_files (gconstpointer a,
                     gconstpointer b)
{
  const DatedFile *fa = a;
  const DatedFile *fb = b;

  return (fa->day > fb->day) - (fa->day < fb->day);
}

static void
dated_file_clear (gpointer data)
{
  DatedFile *dated = data;

  g_clear_object (&dated->file);
}

/* A folder of dated GeoJSON files, the way front-line archives are published:
 * each file's areas take the date in its name. */
static gboolean
load_folder_into (FrontlineLoaderBuilder  *b,
                  GFile                   *folder,
                  GCancellable            *cancellable,
                  Progress                *progress,
                  GError                 **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GArray) files = g_array_new (FALSE, TRUE, sizeof (DatedFile));
  g_autofree char *folder_name = g_file_get_parse_name (folder);
  g_autoptr(GError) local_error = NULL;
  GFileInfo *info;

  g_array_set_clear_func (files, dated_file_clear);

  enumerator = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (enumerator == NULL)
    return FALSE;

  while ((info = g_file_enumerator_next_file (enumerator, cancellable, &local_error)) != NULL)
    {
      const char *name = g_file_info_get_name (info);
      DatedFile dated = { NULL, FRONTLINE_DAY_NONE };

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
          (g_str_has_suffix (name, ".geojson") || g_str_has_suffix (name, ".json")) &&
          frontline_day_find_in_string (name, &dated.day))
        {
          dated.file = g_file_get_child (folder, name);
          g_array_append_val (files, dated);
        }
      g_object_unref (info);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (files->len == 0)
    {
      g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_EMPTY,
                   _("%s: no .geojson or .json files with a date (YYYY-MM-DD) in their names"),
                   folder_name);
      return FALSE;
    }

  g_array_sort (files, compare_dated_files);
  b->dataset->is_folder = TRUE;
  b->dataset->title = g_file_get_basename (folder);

  for (guint i = 0; i < files->len; i++)
    {
      DatedFile *dated = &g_array_index (files, DatedFile, i);
      Progress file_progress = {
        progress->func, progress->data,
        progress->start + progress->span * i / files->len, progress->span / files->len
      };

      b->forced_day = dated->day;
      if (!load_file_into (b, dated->file, FALSE, cancellable, &file_progress, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * frontline_dataset_load:
 * @file: a GeoJSON file, or a folder of dated GeoJSON files, or a file GDAL
 *   reads (frontline_ogr_can_read())
 * @progress: (scope call) (nullable): called with the fraction done, from
 *   the calling thread
 *
 * Loads a dataset. Blocks: call it from a worker thread, or use
 * frontline_dataset_load_async().
 *
 * Returns: (transfer full): the dataset, or %NULL with @error set, naming the
 *   file, where in it, and what is wrong
 */
FrontlineDataset *
frontline_dataset_load (GFile                  *file,
                        GCancellable           *cancellable,
                        FrontlineProgressFunc   progress,
                        gpointer                progress_data,
                        GError                **error)
{
  return frontline_dataset_load_full (file, NULL, cancellable, progress, progress_data, error);
}

static void
report_whole (double   fraction,
              gpointer user_data)
{
  report (user_data, fraction);
}

/**
 * frontline_dataset_load_full:
 * @options: (nullable): the field mapping and box for files read through GDAL
 *
 * As frontline_dataset_load(), with @options.
 */
FrontlineDataset *
frontline_dataset_load_full (GFile                  *file,
                             FrontlineLoadOptions   *options,
                             GCancellable           *cancellable,
                             FrontlineProgressFunc   progress,
                             gpointer                progress_data,
                             GError                **error)
{
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autofree char *name = NULL;
  Progress whole = { progress, progress_data, 0.0, 1.0 };
  g_autoptr(GError) local_error = NULL;
  FrontlineLoaderBuilder b = { 0 };
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  dataset = frontline_dataset_new_empty (file);
  b.dataset = dataset;
  b.colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  name = g_file_get_parse_name (file);

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    ok = load_folder_into (&b, file, cancellable, &whole, &local_error);
  else if (frontline_ogr_can_read (file))
    ok = frontline_ogr_reader_load_into (&b, file, options, cancellable,
                                         progress ? report_whole : NULL, &whole, &local_error);
  else
    ok = load_file_into (&b, file, TRUE, cancellable, &whole, &local_error);
  g_hash_table_unref (b.colors);

  if (!ok)
    {
      /* Every way to fail says why; should one not, the caller still learns. */
      if (local_error == NULL)
        g_set_error (&local_error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_SYNTAX,
                     _("%s: could not be read"), name);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (dataset->areas)) == 0)
    {
      g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_EMPTY,
                   _("%s: no control areas: a dataset needs Polygon or MultiPolygon features with \"date\" and \"faction\" properties"),
                   name);
      return NULL;
    }

  if (dataset->title == NULL)
    dataset->title = g_file_get_basename (file);

  frontline_dataset_index (dataset);
  report (&whole, 1.0);

  return g_steal_pointer (&dataset);
}

/* Async */

typedef struct {
  GFile                *file;
  FrontlineLoadOptions *options;   /* nullable */
  FrontlineProgress    *progress;  /* nullable */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->options, frontline_load_options_unref);
  g_clear_pointer (&data->progress, frontline_progress_free);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  FrontlineDataset *dataset;

  dataset = frontline_dataset_load_full (data->file, data->options, cancellable,
                                    data->progress ? frontline_progress_report : NULL,
                                    data->progress,
                                    &error);
  if (dataset == NULL && error == NULL)
    g_task_return_new_error (task, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_SYNTAX,
                             _("%s: could not be read"), g_file_peek_path (data->file));
  else if (dataset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dataset, g_object_unref);
}

/**
 * frontline_dataset_load_async:
 * @progress: (scope notified) (nullable): called in the caller's main context
 *   with the fraction done
 *
 * Loads a dataset in a worker thread.
 */
void
frontline_dataset_load_async (GFile                 *file,
                              GCancellable          *cancellable,
                              FrontlineProgressFunc  progress,
                              gpointer               progress_data,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  frontline_dataset_load_full_async (file, NULL, cancellable, progress, progress_data,
                                     callback, user_data);
}

/**
 * frontline_dataset_load_full_async:
 * @options: (nullable): the field mapping and box for files read through GDAL
 *
 * As frontline_dataset_load_async(), with @options; finish with
 * frontline_dataset_load_finish().
 */
void
frontline_dataset_load_full_async (GFile                 *file,
                                   FrontlineLoadOptions  *options,
                                   GCancellable          *cancellable,
                                   FrontlineProgressFunc  progress,
                                   gpointer               progress_data,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (LoadData, 1);
  data->file = g_object_ref (file);
  data->options = options ? frontline_load_options_ref (options) : NULL;
  if (progress != NULL)
    data->progress = frontline_progress_new (NULL, progress, progress_data, NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, frontline_dataset_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * frontline_dataset_load_finish:
 *
 * Returns: (transfer full): the dataset, or %NULL with @error set
 */
FrontlineDataset *
frontline_dataset_load_finish (GAsyncResult  *result,
                               GError       **error)
{
  LoadData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  /* Nothing is delivered once the caller has the result. */
  data = g_task_get_task_data (G_TASK (result));
  if (data->progress != NULL)
    frontline_progress_finish (data->progress);

  return g_task_propagate_pointer (G_TASK (result), error);
}
