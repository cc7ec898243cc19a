/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-loader"

/* madvise() and MADV_DONTNEED are outside strict C17. */
#define _DEFAULT_SOURCE

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontline-loader-private.h"
#include "frontline-model-private.h"

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
 * sees is checked first by json_check() (see parse_json()), the features
 * array's separators by the scanner, and the coordinates read from the text
 * by a reader as strict. Anything the scanner does not expect sends the
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
 * files are read (a FIFO would block). */

#define MAX_THREADS 4

/* How long GEOS may spend repairing one area, at least. */
#define REPAIR_BUDGET_US (2 * G_USEC_PER_SEC)

typedef struct {
  gsize offset;
  gsize length;
} Span;

/* Scanner */

static inline gsize
skip_ws (const char *d,
         gsize       i,
         gsize       len)
{
  while (i < len && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' || d[i] == '\t'))
    i++;
  return i;
}

/* d[*i] is '"': moves *i past the closing quote. */
static gboolean
skip_string (const char *d,
             gsize      *i,
             gsize       len)
{
  gsize j = *i + 1;

  while (j < len)
    {
      const char *quote_or_escape = memchr (d + j, '"', len - j);
      gsize k;
      gsize backslashes = 0;

      if (quote_or_escape == NULL)
        return FALSE;

      k = (gsize) (quote_or_escape - d);
      /* An odd number of backslashes before the quote escapes it. */
      while (k - backslashes > j && d[k - backslashes - 1] == '\\')
        backslashes++;
      if (backslashes % 2 == 0)
        {
          *i = k + 1;
          return TRUE;
        }
      j = k + 1;
    }

  return FALSE;
}

/* Moves *i past one JSON value, counting brackets outside strings. */
static gboolean
skip_value (const char *d,
            gsize      *i,
            gsize       len)
{
  gsize j = *i;
  guint depth = 0;

  if (j >= len)
    return FALSE;

  if (d[j] != '{' && d[j] != '[')
    {
      if (d[j] == '"')
        return skip_string (d, i, len);
      while (j < len && d[j] != ',' && d[j] != '}' && d[j] != ']' &&
             d[j] != ' ' && d[j] != '\n' && d[j] != '\r' && d[j] != '\t')
        j++;
      if (j == *i)
        return FALSE;
      *i = j;
      return TRUE;
    }

  while (j < len)
    {
      switch (d[j])
        {
        case '"':
          if (!skip_string (d, &j, len))
            return FALSE;
          continue;

        case '{':
        case '[':
          depth++;
          break;

        case '}':
        case ']':
          if (depth == 0)
            return FALSE;
          depth--;
          if (depth == 0)
            {
              *i = j + 1;
              return TRUE;
            }
          break;

        default:
          break;
        }
      j++;
    }

  return FALSE;
}

/* Strict JSON
 *
 * The loader accepts RFC 8259 JSON only. json-glib 1.6 is lenient (octal
 * 010, 0x10, .5, single quotes, comments, anything after the root value) and
 * its parser recurses once per level of nesting, so a few tens of thousands
 * of '[' overflow the stack. Every text json-glib sees goes through
 * parse_json(), which first checks it with json_check(): RFC 8259 and no
 * deeper than MAX_DEPTH. The coordinates the loader reads itself are read as
 * strictly (take_number). */

#define MAX_DEPTH 256

typedef struct {
  gsize       offset;   /* where, in the text checked */
  const char *message;  /* what, untranslated: see fault_message() */
  gboolean    no_value; /* the text holds only white space */
} JsonFault;

static inline gboolean
is_json_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* The value of four hexadecimal digits. */
static guint
hex4 (const char *d)
{
  return (guint) (g_ascii_xdigit_value (d[0]) << 12 | g_ascii_xdigit_value (d[1]) << 8 |
                  g_ascii_xdigit_value (d[2]) << 4 | g_ascii_xdigit_value (d[3]));
}

/* d[*i] is '"': moves *i past the closing quote of a valid JSON string. */

static gboolean
check_string (const char *d,
              gsize      *i,
              gsize       end,
              JsonFault  *fault)
{
  gsize j = *i + 1;
  gboolean ascii = TRUE;

  while (j < end)
    {
      unsigned char c = (unsigned char) d[j];

      if (c == '"')
        {
          const char *bad = NULL;

          if (!ascii && !g_utf8_validate_len (d + *i + 1, j - *i - 1, &bad))
            {
              fault->offset = (gsize) (bad - d);
              fault->message = N_("invalid UTF-8 in a string");
              return FALSE;
            }
          *i = j + 1;
          return TRUE;
        }
      if (c >= 0x80)
        ascii = FALSE;
      if (c < 0x20)
        {
          fault->offset = j;
          fault->message = N_("control character in a string; write it as an escape");
          return FALSE;
        }
      if (c == '\\')
        {
          if (j + 1 >= end)
            break;
          switch (d[j + 1])
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              j += 2;
              continue;

            case 'u':
              if (j + 5 < end && g_ascii_isxdigit (d[j + 2]) && g_ascii_isxdigit (d[j + 3]) &&
                  g_ascii_isxdigit (d[j + 4]) && g_ascii_isxdigit (d[j + 5]))
                {
                  guint unit = hex4 (d + j + 2);

                  /* RFC 8259 lets a lone UTF-16 surrogate through, but it is no
                   * character: json-glib would turn it into invalid UTF-8 in
                   * every string (and error message) it reaches. A high
                   * surrogate must be followed by a low one. */
                  if (unit >= 0xDC00 && unit <= 0xDFFF)
                    {
                      fault->offset = j;
                      fault->message = N_("a lone UTF-16 surrogate (\\uDC00 to \\uDFFF) in a string");
                      return FALSE;
                    }
                  if (unit >= 0xD800 && unit <= 0xDBFF)
                    {
                      guint low;

                      if (!(j + 11 < end && d[j + 6] == '\\' && d[j + 7] == 'u' &&
                            g_ascii_isxdigit (d[j + 8]) && g_ascii_isxdigit (d[j + 9]) &&
                            g_ascii_isxdigit (d[j + 10]) && g_ascii_isxdigit (d[j + 11])) ||
                          (low = hex4 (d + j + 8)) < 0xDC00 || low > 0xDFFF)
                        {
                          fault->offset = j;
                          fault->message = N_("a lone UTF-16 surrogate (\\uD800 to \\uDBFF) in a string");
                          return FALSE;
                        }
                      j += 12;
                      continue;
                    }
                  j += 6;
                  continue;
                }
              G_GNUC_FALLTHROUGH;

            default:
              fault->offset = j;
              fault->message = N_("invalid escape in a string");
              return FALSE;
            }
        }
      j++;
    }

  fault->offset = *i;
  fault->message = N_("string not closed");
  return FALSE;
}

/* Moves *i past a JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
check_number (const char *d,
              gsize      *i,
              gsize       end)
{
  gsize j = *i;

  if (j < end && d[j] == '-')
    j++;
  if (j >= end || !is_json_digit (d[j]))
    return FALSE;
  if (d[j] == '0')
    j++;
  else
    while (j < end && is_json_digit (d[j]))
      j++;
  if (j < end && d[j] == '.')
    {
      j++;
      if (j >= end || !is_json_digit (d[j]))
        return FALSE;
      while (j < end && is_json_digit (d[j]))
        j++;
    }
  if (j < end && (d[j] == 'e' || d[j] == 'E'))
    {
      j++;
      if (j < end && (d[j] == '+' || d[j] == '-'))
        j++;
      if (j >= end || !is_json_digit (d[j]))
        return FALSE;
      while (j < end && is_json_digit (d[j]))
        j++;
    }
  /* "01", "1.5.2", "1x": what follows a number must end it. */
  if (j < end && (is_json_digit (d[j]) || g_ascii_isalpha (d[j]) || d[j] == '.' ||
                  d[j] == '+' || d[j] == '-'))
    return FALSE;

  *i = j;
  return TRUE;
}

/* Checks that d[start, end) is one JSON value, with white space around it,
 * nested no deeper than MAX_DEPTH counting @base_depth levels around it.
 * Iterative: any depth of input costs no stack. */
static gboolean
json_check (const char *d,
            gsize       start,
            gsize       end,
            guint       base_depth,
            JsonFault  *fault)
{
  guint8 stack[MAX_DEPTH];
  guint depth = 0;
  gsize i = skip_ws (d, start, end);

  memset (fault, 0, sizeof *fault);

  if (i >= end)
    {
      fault->offset = i;
      fault->no_value = TRUE;
      fault->message = N_("holds no JSON value");
      return FALSE;
    }

  for (;;)
    {
      char c;

      /* A value at i. */
      i = skip_ws (d, i, end);
      if (i >= end)
        {
          fault->offset = i;
          fault->message = N_("unexpected end of the document");
          return FALSE;
        }

      c = d[i];
      if (c == '{' || c == '[')
        {
          if (base_depth + depth >= MAX_DEPTH)
            {
              fault->offset = i;
              fault->message = N_("nesting deeper than 256 levels");
              return FALSE;
            }
          stack[depth++] = (guint8) c;
          i = skip_ws (d, i + 1, end);
          if (i < end && d[i] == (c == '{' ? '}' : ']'))
            {
              depth--;
              i++;
              goto after_value;
            }
          if (c == '{')
            goto member;
          continue;
        }
      else if (c == '"')
        {
          if (!check_string (d, &i, end, fault))
            return FALSE;
        }
      else if (c == '-' || is_json_digit (c))
        {
          if (!check_number (d, &i, end))
            {
              fault->offset = i;
              fault->message = N_("invalid number (JSON numbers are decimal, with no leading zeros)");
              return FALSE;
            }
        }
      else if (end - i >= 4 && (memcmp (d + i, "true", 4) == 0 || memcmp (d + i, "null", 4) == 0))
        i += 4;
      else if (end - i >= 5 && memcmp (d + i, "false", 5) == 0)
        i += 5;
      else
        {
          fault->offset = i;
          fault->message = (c == ',' || c == ']' || c == '}')
                           ? N_("expected a value")
                           : (c == '/' ? N_("comments are not JSON")
                                       : N_("unexpected character; expected a value"));
          return FALSE;
        }

    after_value:
      i = skip_ws (d, i, end);
      if (depth == 0)
        {
          if (i < end)
            {
              fault->offset = i;
              fault->message = N_("unexpected content after the end of the document");
              return FALSE;
            }
          return TRUE;
        }
      if (i >= end)
        {
          fault->offset = i;
          fault->message = N_("unexpected end of the document");
          return FALSE;
        }
      if (d[i] == ',')
        {
          i++;
          if (stack[depth - 1] == '{')
            goto member;
          i = skip_ws (d, i, end);
          if (i < end && d[i] == ']')
            {
              fault->offset = i;
              fault->message = N_("a comma before ‘]’");
              return FALSE;
            }
          continue;
        }
      if (d[i] == (stack[depth - 1] == '{' ? '}' : ']'))
        {
          depth--;
          i++;
          goto after_value;
        }
      fault->offset = i;
      fault->message = stack[depth - 1] == '{' ? N_("expected ‘,’ or ‘}’")
                                               : N_("expected ‘,’ or ‘]’");
      return FALSE;

    member:
      i = skip_ws (d, i, end);
      if (i >= end || d[i] != '"')
        {
          fault->offset = i;
          fault->message = (i < end && d[i] == '}') ? N_("a comma before ‘}’")
                                                    : N_("expected a member name in double quotes");
          return FALSE;
        }
      if (!check_string (d, &i, end, fault))
        return FALSE;
      i = skip_ws (d, i, end);
      if (i >= end || d[i] != ':')
        {
          fault->offset = i;
          fault->message = N_("expected ‘:’ after a member name");
          return FALSE;
        }
      i++;
    }
}

/* Finds member @key of the object in d[start, end) and the span of its value.
 * Returns how many members have that name (the span is the last one's, as
 * json-glib and JavaScript take the last), 0 if none or if the text is not
 * an object the scanner understands. */
static guint
find_member (const char *d,
             gsize       start,
             gsize       end,
             const char *key,
             gsize      *value_start,
             gsize      *value_end)
{
  gsize key_length = strlen (key);
  gsize i = skip_ws (d, start, end);
  guint count = 0;

  if (i >= end || d[i] != '{')
    return 0;
  i = skip_ws (d, i + 1, end);
  if (i < end && d[i] == '}')
    return 0;

  for (;;)
    {
      gsize key_start;
      gsize this_start;
      gboolean match;

      i = skip_ws (d, i, end);
      if (i >= end || d[i] != '"')
        return 0;
      key_start = i;
      if (!skip_string (d, &i, end))
        return 0;
      match = (i - key_start == key_length + 2 && memcmp (d + key_start + 1, key, key_length) == 0);

      i = skip_ws (d, i, end);
      if (i >= end || d[i] != ':')
        return 0;
      i = skip_ws (d, i + 1, end);
      this_start = i;
      if (!skip_value (d, &i, end))
        return 0;
      if (match)
        {
          count++;
          *value_start = this_start;
          *value_end = i;
        }

      i = skip_ws (d, i, end);
      if (i < end && d[i] == '}')
        return count;
      if (i >= end || d[i] != ',')
        return 0;
      i++;
    }
}

/* Finds the elements of the root object's "features" array (the last
 * member of that name, as for json-glib), and where saving may rewrite the
 * text (@text_spans). Returns FALSE on anything unexpected, including a root
 * with no such array: the caller then checks the whole text, which says what
 * is wrong. What it returns TRUE for is checked as it is parsed: the
 * document without its features and each feature by parse_json(), the
 * separators of the features array here. */
static gboolean
scan_feature_collection (const char          *d,
                         gsize                len,
                         GArray              *features_ranges,
                         GArray              *spans,
                         gsize               *trailing,
                         guint               *n_features_members,
                         FrontlineSourceText *text_spans)
{
  gsize i = 0;
  gboolean found = FALSE;

  *trailing = 0;
  *n_features_members = 0;

  if (len >= 3 && memcmp (d, "\xEF\xBB\xBF", 3) == 0)
    i = 3;

  i = skip_ws (d, i, len);
  if (i >= len || d[i] != '{')
    return FALSE;
  text_spans->root_open = i;
  i = skip_ws (d, i + 1, len);
  if (i < len && d[i] == '}')
    return FALSE;  /* no "features" */

  for (;;)
    {
      gsize key_start;
      gboolean is_features;
      gboolean is_frontline;

      i = skip_ws (d, i, len);
      if (i >= len || d[i] != '"')
        return FALSE;

      key_start = i;
      if (!skip_string (d, &i, len))
        return FALSE;
      is_features = (i - key_start == 10 && memcmp (d + key_start, "\"features\"", 10) == 0);
      is_frontline = (i - key_start == 11 && memcmp (d + key_start, "\"frontline\"", 11) == 0);

      i = skip_ws (d, i, len);
      if (i >= len || d[i] != ':')
        return FALSE;
      i = skip_ws (d, i + 1, len);

      if (is_features)
        (*n_features_members)++;

      if (is_features && i < len && d[i] == '[')
        {
          Span range = { i, 0 };

          /* A later "features" replaces an earlier one. */
          found = TRUE;
          g_array_set_size (spans, 0);
          i = skip_ws (d, i + 1, len);
          if (i < len && d[i] == ']')
            ;
          else
            for (;;)
              {
                Span span;

                span.offset = i;
                if (i >= len || d[i] == ',' || d[i] == ']' || !skip_value (d, &i, len))
                  return FALSE;
                span.length = i - span.offset;
                g_array_append_val (spans, span);
                i = skip_ws (d, i, len);
                if (i < len && d[i] == ',')
                  {
                    i = skip_ws (d, i + 1, len);
                    continue;
                  }
                if (i < len && d[i] == ']')
                  break;
                return FALSE;
              }
          range.length = i + 1 - range.offset;
          g_array_append_val (features_ranges, range);
          i++;
        }
      else
        {
          gsize value_start = i;

          if (!skip_value (d, &i, len))
            return FALSE;
          if (is_features)
            found = FALSE;
          if (is_frontline)
            {
              /* The last "frontline" counts. */
              text_spans->has_frontline = d[value_start] == '{';
              text_spans->has_stops = FALSE;
              if (text_spans->has_frontline)
                {
                  gsize stops_start;
                  gsize stops_end;

                  text_spans->frontline_open = value_start;
                  text_spans->frontline_close = i - 1;
                  if (find_member (d, value_start, i, "stops", &stops_start, &stops_end) > 0)
                    {
                      text_spans->has_stops = TRUE;
                      text_spans->stops_start = stops_start;
                      text_spans->stops_end = stops_end;
                    }
                }
            }
        }

      i = skip_ws (d, i, len);
      if (i < len && d[i] == ',')
        {
          i = skip_ws (d, i + 1, len);
          if (i < len && d[i] == '}')
            return FALSE;
          continue;
        }
      if (i < len && d[i] == '}')
        {
          i++;
          break;
        }
      return FALSE;
    }

  i = skip_ws (d, i, len);
  if (i < len)
    *trailing = i;

  return found;
}

/* Locations */

typedef struct {
  const char *name;       /* the file's name, for messages */
  FrontlineDay forced_day;
} FileContext;

static char *
describe_feature (guint       index,
                  JsonObject *feature)
{
  if (feature != NULL && json_object_has_member (feature, "id"))
    {
      JsonNode *id = json_object_get_member (feature, "id");

      if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
        return g_strdup_printf (_("feature %u (id “%s”)"), index, json_node_get_string (id));
      if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_INT64)
        return g_strdup_printf (_("feature %u (id %" G_GINT64_FORMAT ")"), index, json_node_get_int (id));
    }

  return g_strdup_printf (_("feature %u"), index);
}

static void G_GNUC_PRINTF (5, 6)
set_error (GError     **error,
           gint         code,
           const char  *file,
           const char  *location,
           const char  *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, FRONTLINE_DATASET_ERROR, code, "%s: %s: %s", file, location, message);
}

/* Values */

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;

  node = json_object_get_member (object, name);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  return NULL;
}

static char *
dup_string_member (JsonObject *object,
                   const char *name)
{
  return g_strdup (get_string_member (object, name));
}

static gboolean
get_number (JsonNode *node,
            double   *value)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_double (node);
  return isfinite (*value);
}

/* Any number, infinite ones too (json-glib reads 1e400 as infinity), for
 * check_position to refuse with the same words on both paths. */
static gboolean
get_any_number (JsonNode *node,
                double   *value)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_double (node);
  return TRUE;
}

static gboolean
parse_color (const char *text,
             double      rgb[3])
{
  guint values[3];

  if (text == NULL || strlen (text) != 7 || text[0] != '#')
    return FALSE;

  for (guint i = 0; i < 3; i++)
    {
      int hi = g_ascii_xdigit_value (text[1 + 2 * i]);
      int lo = g_ascii_xdigit_value (text[2 + 2 * i]);

      if (hi < 0 || lo < 0)
        return FALSE;
      values[i] = (guint) (hi * 16 + lo);
    }

  for (guint i = 0; i < 3; i++)
    rgb[i] = values[i] / 255.0;

  return TRUE;
}

/* What a map can show: Web Mercator's latitudes, zoom levels 0 to 20. */
#define MAX_VIEW_LATITUDE 85.0511
#define MAX_VIEW_ZOOM 20.0

static gboolean
view_is_sane (double lon,
              double lat,
              double zoom)
{
  return isfinite (lon) && isfinite (lat) && isfinite (zoom) &&
         fabs (lon) <= 180.0 && fabs (lat) <= MAX_VIEW_LATITUDE &&
         zoom >= 0.0 && zoom <= MAX_VIEW_ZOOM;
}

static gboolean
bbox_is_sane (const double bbox[4])
{
  for (guint k = 0; k < 4; k++)
    if (!isfinite (bbox[k]))
      return FALSE;

  return fabs (bbox[0]) <= 180.0 && fabs (bbox[2]) <= 180.0 &&
         fabs (bbox[1]) <= 90.0 && fabs (bbox[3]) <= 90.0 &&
         bbox[0] < bbox[2] && bbox[1] < bbox[3];
}

/* Okabe and Ito's palette: told apart with every common colour vision deficiency. */
static const char * const palette[] = {
  "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#f0e442", "#000000",
};

/* One feature, parsed and converted in a worker thread, waiting to be added
 * to the dataset in file order. */
typedef struct {
  JsonObject         *feature;   /* without the geometry, for areas */
  GError             *error;
  GPtrArray          *warnings;  /* char *, "location\nmessage" */
  gboolean            is_area;
  gboolean            is_place;
  FrontlineGeometry  *geometry;
  FrontlineGeometry  *original;
  gboolean            multi;     /* read as a MultiPolygon, which saving keeps */
  double              lon;
  double              lat;
  gboolean            retry;     /* read it again with json-glib alone */
  gboolean            syntax;    /* not JSON: where and why in @fault */
  JsonFault           fault;
} Parsed;

static void
parsed_free (Parsed *parsed)
{
  if (parsed == NULL)
    return;

  g_clear_pointer (&parsed->feature, json_object_unref);
  g_clear_error (&parsed->error);
  g_clear_pointer (&parsed->warnings, g_ptr_array_unref);
  g_clear_pointer (&parsed->geometry, frontline_geometry_unref);
  g_clear_pointer (&parsed->original, frontline_geometry_unref);
  g_free (parsed);
}

static void G_GNUC_PRINTF (3, 4)
add_warning (Parsed     *parsed,
             const char *location,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (parsed->warnings == NULL)
    parsed->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (parsed->warnings, g_strdup_printf ("%s\n%s", location, message));
}

/* What reading an area's coordinates needs, from json-glib nodes or from text. */
typedef struct {
  FrontlineGeometryBuilder *builder;
  const char               *file;
  const char               *feature_name;
  Parsed                   *parsed;
  GError                  **error;
} Reader;

static gboolean
check_position (Reader     *r,
                const char *path,
                guint       i,
                double      lon,
                double      lat)
{
  if (!isfinite (lon) || !isfinite (lat))
    {
      set_error (r->error, FRONTLINE_DATASET_ERROR_INVALID, r->file, path,
                 _("position %u has a coordinate too large to be a number (%s)"),
                 i, r->feature_name);
      return FALSE;
    }
  if (lat < -90.0 || lat > 90.0)
    {
      set_error (r->error, FRONTLINE_DATASET_ERROR_INVALID, r->file, path,
                 _("position %u has latitude %g, beyond ±90 (%s); are longitude and latitude swapped?"),
                 i, lat, r->feature_name);
      return FALSE;
    }
  if (lon < -180.0 || lon > 180.0)
    {
      set_error (r->error, FRONTLINE_DATASET_ERROR_INVALID, r->file, path,
                 _("position %u has longitude %g, beyond ±180 (%s)"), i, lon, r->feature_name);
      return FALSE;
    }

  frontline_geometry_builder_add_point (r->builder, lon, lat);
  return TRUE;
}

/* Checks the ring just read, of @n positions, and closes it if it is open. */
static gboolean
end_ring (Reader     *r,
          const char *path,
          guint       n)
{
  double first[2];
  double last[2];

  if (n < 4)
    {
      set_error (r->error, FRONTLINE_DATASET_ERROR_INVALID, r->file, path,
                 _("ring has %u positions; a ring needs at least 4, the last repeating the first (%s)"),
                 n, r->feature_name);
      return FALSE;
    }

  frontline_geometry_builder_get_ring_ends (r->builder, first, last);
  if (first[0] != last[0] || first[1] != last[1])
    {
      frontline_geometry_builder_add_point (r->builder, first[0], first[1]);
      add_warning (r->parsed, path, _("ring is not closed; closed it (%s)"), r->feature_name);
    }

  return TRUE;
}

/* Reads one ring from a json-glib node; @path is its JSON path. */
static gboolean
read_ring (Reader     *r,
           JsonNode   *node,
           const char *path)
{
  JsonArray *ring;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_error (r->error, FRONTLINE_DATASET_ERROR_STRUCTURE, r->file, path,
                 _("expected a ring, an array of positions (%s)"), r->feature_name);
      return FALSE;
    }

  ring = json_node_get_array (node);
  n = json_array_get_length (ring);
  frontline_geometry_builder_begin_ring (r->builder);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *position = json_array_get_element (ring, i);
      JsonArray *xy;
      double lon;
      double lat;

      if (!JSON_NODE_HOLDS_ARRAY (position) ||
          json_array_get_length (xy = json_node_get_array (position)) < 2 ||
          !get_any_number (json_array_get_element (xy, 0), &lon) ||
          !get_any_number (json_array_get_element (xy, 1), &lat))
        {
          set_error (r->error, FRONTLINE_DATASET_ERROR_STRUCTURE, r->file, path,
                     _("position %u is not [longitude, latitude] (%s)"), i, r->feature_name);
          return FALSE;
        }

      if (!check_position (r, path, i, lon, lat))
        return FALSE;
    }

  return end_ring (r, path, n);
}

static gboolean
read_polygon (Reader     *r,
              JsonNode   *node,
              const char *path)
{
  JsonArray *rings;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    {
      set_error (r->error, FRONTLINE_DATASET_ERROR_STRUCTURE, r->file, path,
                 _("expected a polygon, a non-empty array of rings (%s)"), r->feature_name);
      return FALSE;
    }

  rings = json_node_get_array (node);
  n = json_array_get_length (rings);
  frontline_geometry_builder_begin_polygon (r->builder);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *ring_path = g_strdup_printf ("%s/%u", path, i);

      if (!read_ring (r, json_array_get_element (rings, i), ring_path))
        return FALSE;
    }

  return TRUE;
}

/* The fast way: the text of a "coordinates" value read straight into the
 * builder. In practice it is nested arrays of numbers, and json-glib would
 * spend most of a load making and freeing a node and a signal emission for
 * each number. Anything but plain nested arrays of JSON numbers gives
 * TEXT_RETRY, and the caller reads the feature with json-glib instead, whose
 * checks and messages are the ones that count; the checks on values are
 * shared (check_position, end_ring). */
typedef enum {
  TEXT_OK,
  TEXT_ERROR,
  TEXT_RETRY,
} TextResult;

typedef struct {
  const char *p;
  const char *end;
} Cursor;

static inline gboolean
take (Cursor *c,
      char    ch)
{
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\n' || *c->p == '\r' || *c->p == '\t'))
    c->p++;
  if (c->p < c->end && *c->p == ch)
    {
      c->p++;
      return TRUE;
    }
  return FALSE;
}

/* A JSON number, strictly (check_number); an infinite value (1e400) is read
 * as json-glib reads it, for check_position to refuse. */
static inline gboolean
take_number (Cursor *c,
             double *value)
{
  char *number_end = NULL;
  gsize i = 0;

  while (c->p < c->end && (*c->p == ' ' || *c->p == '\n' || *c->p == '\r' || *c->p == '\t'))
    c->p++;
  if (!check_number (c->p, &i, (gsize) (c->end - c->p)))
    return FALSE;
  *value = g_ascii_strtod (c->p, &number_end);
  if (number_end != c->p + i)
    return FALSE;
  c->p = number_end;
  return TRUE;
}

static TextResult
text_read_ring (Reader     *r,
                Cursor     *c,
                const char *path)
{
  guint n = 0;

  if (!take (c, '['))
    return TEXT_RETRY;

  frontline_geometry_builder_begin_ring (r->builder);
  do
    {
      double lon;
      double lat;
      double extra;

      if (!take (c, '[') || !take_number (c, &lon) || !take (c, ',') || !take_number (c, &lat))
        return TEXT_RETRY;
      /* An altitude may follow; it is not used. */
      while (take (c, ','))
        if (!take_number (c, &extra))
          return TEXT_RETRY;
      if (!take (c, ']'))
        return TEXT_RETRY;
      if (!check_position (r, path, n, lon, lat))
        return TEXT_ERROR;
      n++;
    }
  while (take (c, ','));

  if (!take (c, ']'))
    return TEXT_RETRY;

  return end_ring (r, path, n) ? TEXT_OK : TEXT_ERROR;
}

static TextResult
text_read_polygon (Reader     *r,
                   Cursor     *c,
                   const char *path)
{
  guint n = 0;

  if (!take (c, '['))
    return TEXT_RETRY;

  frontline_geometry_builder_begin_polygon (r->builder);
  do
    {
      g_autofree char *ring_path = g_strdup_printf ("%s/%u", path, n++);
      TextResult result = text_read_ring (r, c, ring_path);

      if (result != TEXT_OK)
        return result;
    }
  while (take (c, ','));

  return take (c, ']') ? TEXT_OK : TEXT_RETRY;
}

static TextResult
text_read_coordinates (Reader     *r,
                       const char *text,
                       gsize       length,
                       gboolean    multi,
                       const char *path)
{
  Cursor c = { text, text + length };
  guint n = 0;

  if (!multi)
    {
      TextResult result = text_read_polygon (r, &c, path);

      if (result != TEXT_OK)
        return result;
    }
  else
    {
      if (!take (&c, '['))
        return TEXT_RETRY;
      do
        {
          g_autofree char *polygon_path = g_strdup_printf ("%s/%u", path, n++);
          TextResult result = text_read_polygon (r, &c, polygon_path);

          if (result != TEXT_OK)
            return result;
        }
      while (take (&c, ','));
      if (!take (&c, ']'))
        return TEXT_RETRY;
    }

  take (&c, ' ');
  return c.p == c.end ? TEXT_OK : TEXT_RETRY;
}

/* Reads an area's geometry, from the text of its coordinates when the loader
 * found it (@coords_text), or from json-glib's nodes. */
static gboolean
read_area_geometry (JsonObject  *geometry,
                    const char  *type,
                    const char  *coords_text,
                    gsize        coords_length,
                    const char  *file,
                    const char  *path,
                    const char  *feature_name,
                    Parsed      *parsed,
                    GCancellable *cancellable,
                    GError     **error)
{
  gboolean gave_up = FALSE;
  g_autoptr(FrontlineGeometryBuilder) builder = frontline_geometry_builder_new ();
  g_autofree char *coords_path = g_strdup_printf ("%s/coordinates", path);
  gboolean multi = g_str_equal (type, "MultiPolygon");
  Reader r = { builder, file, feature_name, parsed, error };
  g_autofree char *reason = NULL;
  FrontlineGeometry *repaired;

  if (coords_text != NULL)
    {
      switch (text_read_coordinates (&r, coords_text, coords_length, multi, coords_path))
        {
        case TEXT_OK:
          break;

        case TEXT_ERROR:
          return FALSE;

        case TEXT_RETRY:
        default:
          parsed->retry = TRUE;
          return FALSE;
        }
    }
  else
    {
      JsonNode *coordinates = json_object_has_member (geometry, "coordinates")
                              ? json_object_get_member (geometry, "coordinates") : NULL;

      if (coordinates == NULL || !JSON_NODE_HOLDS_ARRAY (coordinates))
        {
          set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, file, coords_path,
                     _("expected an array of coordinates (%s)"), feature_name);
          return FALSE;
        }

      if (!multi)
        {
          if (!read_polygon (&r, coordinates, coords_path))
            return FALSE;
        }
      else
        {
          JsonArray *polygons = json_node_get_array (coordinates);

          for (guint p = 0; p < json_array_get_length (polygons); p++)
            {
              g_autofree char *polygon_path = g_strdup_printf ("%s/%u", coords_path, p);

              if (!read_polygon (&r, json_array_get_element (polygons, p), polygon_path))
                return FALSE;
            }
        }
    }

  parsed->geometry = frontline_geometry_builder_finish (g_steal_pointer (&builder));
  parsed->multi = multi;

  /* GEOS can take minutes and gigabytes over a small self-intersecting ring:
   * two seconds, more for large geometries, then it is drawn as read. */
  repaired = frontline_geometry_make_valid_within (parsed->geometry,
                                                   MAX (REPAIR_BUDGET_US,
                                                        (gint64) parsed->geometry->n_points * 20),
                                                   cancellable, &reason, &gave_up);
  /* Overlays (gains and losses) and simplification leave it alone. */
  parsed->geometry->invalid = gave_up;
  if (gave_up && !g_cancellable_is_cancelled (cancellable))
    add_warning (parsed, path, _("invalid polygon (%s); repair took too long; drawn as read (%s)"),
                 reason ? reason : _("GEOS gave no reason"), feature_name);
  if (repaired != NULL)
    {
      add_warning (parsed, path, _("invalid polygon (%s); repaired (%s)"),
                   reason ? reason : _("GEOS gave no reason"), feature_name);
      parsed->original = g_steal_pointer (&parsed->geometry);
      parsed->geometry = repaired;
    }

  return TRUE;
}

/* Parses and converts feature @index; runs in any thread. */
static Parsed *
parse_feature (JsonNode   *node,
               guint       index,
               const char *coords_text,
               gsize       coords_length,
               const char *file,
               GCancellable *cancellable)
{
  Parsed *parsed = g_new0 (Parsed, 1);
  g_autofree char *path = g_strdup_printf ("/features/%u", index);
  g_autofree char *geometry_path = g_strdup_printf ("/features/%u/geometry", index);
  g_autofree char *feature_name = NULL;
  JsonObject *feature;
  JsonObject *properties = NULL;
  JsonNode *geometry_node;
  JsonObject *geometry;
  const char *type;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_error (&parsed->error, FRONTLINE_DATASET_ERROR_STRUCTURE, file, path,
                 _("expected a Feature object"));
      return parsed;
    }

  feature = json_node_get_object (node);
  feature_name = describe_feature (index, feature);
  parsed->feature = json_object_ref (feature);

  if (g_strcmp0 (get_string_member (feature, "type"), "Feature") != 0)
    {
      set_error (&parsed->error, FRONTLINE_DATASET_ERROR_STRUCTURE, file, path,
                 _("expected an object with \"type\": \"Feature\" (%s)"), feature_name);
      return parsed;
    }

  if (json_object_has_member (feature, "properties"))
    {
      JsonNode *props = json_object_get_member (feature, "properties");

      if (JSON_NODE_HOLDS_OBJECT (props))
        properties = json_node_get_object (props);
      else if (!JSON_NODE_HOLDS_NULL (props))
        {
          set_error (&parsed->error, FRONTLINE_DATASET_ERROR_STRUCTURE, file, path,
                     _("\"properties\" must be an object or null (%s)"), feature_name);
          return parsed;
        }
    }

  geometry_node = json_object_has_member (feature, "geometry")
                  ? json_object_get_member (feature, "geometry") : NULL;
  if (geometry_node == NULL || JSON_NODE_HOLDS_NULL (geometry_node))
    {
      add_warning (parsed, path, _("has no geometry; not shown (%s)"), feature_name);
      return parsed;
    }
  if (!JSON_NODE_HOLDS_OBJECT (geometry_node))
    {
      set_error (&parsed->error, FRONTLINE_DATASET_ERROR_STRUCTURE, file, geometry_path,
                 _("expected a geometry object (%s)"), feature_name);
      return parsed;
    }

  geometry = json_node_get_object (geometry_node);
  type = get_string_member (geometry, "type");

  if (g_strcmp0 (type, "Polygon") == 0 || g_strcmp0 (type, "MultiPolygon") == 0)
    {
      if (!read_area_geometry (geometry, type, coords_text, coords_length, file, geometry_path,
                               feature_name, parsed, cancellable, &parsed->error))
        return parsed;

      parsed->is_area = TRUE;
      /* The packed geometry replaces the tree: drop it now. */
      json_object_remove_member (feature, "geometry");
      return parsed;
    }

  if (coords_text != NULL)
    {
      /* Only areas take the fast way. */
      parsed->retry = TRUE;
      return parsed;
    }

  if (g_strcmp0 (type, "Point") == 0)
    {
      JsonNode *coordinates = json_object_has_member (geometry, "coordinates")
                              ? json_object_get_member (geometry, "coordinates") : NULL;
      JsonArray *xy;

      if (coordinates == NULL || !JSON_NODE_HOLDS_ARRAY (coordinates) ||
          json_array_get_length (xy = json_node_get_array (coordinates)) < 2 ||
          !get_number (json_array_get_element (xy, 0), &parsed->lon) ||
          !get_number (json_array_get_element (xy, 1), &parsed->lat))
        {
          g_autofree char *coords_path = g_strdup_printf ("%s/coordinates", geometry_path);

          set_error (&parsed->error, FRONTLINE_DATASET_ERROR_STRUCTURE, file, coords_path,
                     _("a point's coordinates are [longitude, latitude] (%s)"), feature_name);
          return parsed;
        }
      if (parsed->lat < -90.0 || parsed->lat > 90.0 || parsed->lon < -180.0 || parsed->lon > 180.0)
        {
          g_autofree char *coords_path = g_strdup_printf ("%s/coordinates", geometry_path);

          set_error (&parsed->error, FRONTLINE_DATASET_ERROR_INVALID, file, coords_path,
                     _("point [%g, %g] is outside longitude ±180, latitude ±90 (%s)"),
                     parsed->lon, parsed->lat, feature_name);
          return parsed;
        }

      if (g_strcmp0 (get_string_member (properties, "kind"), "place") == 0)
        {
          if (get_string_member (properties, "name") == NULL)
            add_warning (parsed, path, _("place has no name; not shown (%s)"), feature_name);
          else
            parsed->is_place = TRUE;
        }
      return parsed;
    }

  if (g_strcmp0 (type, "MultiPoint") == 0 || g_strcmp0 (type, "LineString") == 0 ||
      g_strcmp0 (type, "MultiLineString") == 0 || g_strcmp0 (type, "GeometryCollection") == 0)
    {
      /* Valid GeoJSON that is not ground: kept for saving, not shown. */
      add_warning (parsed, path, _("%s features are not shown (%s)"), type, feature_name);
      return parsed;
    }

  {
    g_autofree char *type_path = g_strdup_printf ("%s/type", geometry_path);

    set_error (&parsed->error, FRONTLINE_DATASET_ERROR_STRUCTURE, file, type_path,
               _("unknown geometry type “%s”; expected Polygon, MultiPolygon or Point (%s)"),
               type ? type : "", feature_name);
  }

  return parsed;
}

/* Building the dataset, in file order, on the loading thread */

typedef struct {
  FrontlineDataset *dataset;
  const char       *file;          /* name for messages */
  FrontlineDay      forced_day;    /* folder import: the day in the file's name */
  gboolean          has_factions;  /* the file declares its factions */
  guint             next_color;
  GHashTable       *colors;        /* "#rrggbb" of every faction so far */
  const char       *path;          /* the local file being read, or NULL */
  gboolean          record_source; /* a single local file: fill dataset->source */
} Builder;

static double
hue_to_rgb (double p,
            double q,
            double t)
{
  t -= floor (t);
  if (t < 1.0 / 6)
    return p + (q - p) * 6 * t;
  if (t < 1.0 / 2)
    return q;
  if (t < 2.0 / 3)
    return p + (q - p) * (2.0 / 3 - t) * 6;
  return p;
}

/* Okabe and Ito's eight, then hues a golden angle apart, at lightnesses and
 * saturations that change with each turn round the wheel: deterministic,
 * and neighbours in the list never look alike. */
void
frontline_loader_palette_color (guint index,
                                char  color[8])
{
  static const double lightness[] = { 0.45, 0.62, 0.33, 0.72, 0.54 };
  static const double saturation[] = { 0.75, 0.55, 0.90 };
  double h, l, sat, q, p;
  guint n;

  if (index < G_N_ELEMENTS (palette))
    {
      g_strlcpy (color, palette[index], 8);
      return;
    }

  n = index - G_N_ELEMENTS (palette);
  h = fmod (n * 0.38196601125, 1.0);  /* the golden angle, as a share of a turn */
  l = lightness[n % G_N_ELEMENTS (lightness)];
  sat = saturation[(n / G_N_ELEMENTS (lightness)) % G_N_ELEMENTS (saturation)];
  q = l < 0.5 ? l * (1 + sat) : l + sat - l * sat;
  p = 2 * l - q;

  g_snprintf (color, 8, "#%02x%02x%02x",
              (guint) lround (255 * hue_to_rgb (p, q, h + 1.0 / 3)),
              (guint) lround (255 * hue_to_rgb (p, q, h)),
              (guint) lround (255 * hue_to_rgb (p, q, h - 1.0 / 3)));
}

static FrontlineFaction *
add_faction (Builder    *b,
             const char *id,
             const char *name,
             const char *color)
{
  FrontlineFaction *faction = g_object_new (FRONTLINE_TYPE_FACTION, NULL);
  char generated[8];

  faction->id = g_strdup (id);
  faction->name = g_strdup (name ? name : id);
  if (color == NULL || !parse_color (color, faction->rgb))
    {
      /* A colour no faction has yet (unless every one is taken). */
      do
        frontline_loader_palette_color (b->next_color++, generated);
      while (b->colors != NULL && g_hash_table_contains (b->colors, generated) &&
             b->next_color < G_MAXUINT / 2);
      color = generated;
      parse_color (color, faction->rgb);
    }
  faction->color = g_ascii_strdown (color, -1);
  if (b->colors != NULL)
    g_hash_table_add (b->colors, g_strdup (faction->color));

  g_list_store_append (b->dataset->factions, faction);
  g_hash_table_insert (b->dataset->faction_by_id, faction->id, faction);
  g_object_unref (faction);

  return faction;
}

static gboolean
read_metadata (Builder     *b,
               JsonObject  *meta,
               GError     **error)
{
  FrontlineDataset *ds = b->dataset;
  JsonArray *array;

  if (json_object_has_member (meta, "version"))
    {
      double version = 0;

      if (!get_number (json_object_get_member (meta, "version"), &version))
        {
          set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, "/frontline/version",
                     _("expected a number"));
          return FALSE;
        }
      if (version > 1)
        frontline_dataset_add_diagnostic (ds, "/frontline/version",
                                          _("written for format version %g; this Frontline reads version 1, and may miss what is new"),
                                          version);
    }

  g_free (ds->title);
  ds->title = dup_string_member (meta, "title");
  ds->description = dup_string_member (meta, "description");
  ds->attribution = dup_string_member (meta, "attribution");
  ds->license = dup_string_member (meta, "license");

#define GET_ARRAY(name) \
  (json_object_has_member (meta, name) && \
   JSON_NODE_HOLDS_ARRAY (json_object_get_member (meta, name)) \
   ? json_object_get_array_member (meta, name) : NULL)

  if ((array = GET_ARRAY ("factions")) != NULL)
    {
      b->has_factions = TRUE;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          g_autofree char *path = g_strdup_printf ("/frontline/factions/%u", i);
          JsonObject *object;
          const char *id;
          const char *color;
          FrontlineFaction *faction;
          double rgb[3];

          if (!JSON_NODE_HOLDS_OBJECT (node) ||
              (id = get_string_member (object = json_node_get_object (node), "id")) == NULL)
            {
              set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, path,
                         _("expected a faction object with a string \"id\""));
              return FALSE;
            }
          if (g_hash_table_contains (ds->faction_by_id, id))
            {
              set_error (error, FRONTLINE_DATASET_ERROR_INVALID, b->file, path,
                         _("a second faction with id “%s”"), id);
              return FALSE;
            }

          color = get_string_member (object, "color");
          if (color != NULL && !parse_color (color, rgb))
            {
              frontline_dataset_add_diagnostic (ds, path,
                                                _("colour “%s” is not #rrggbb; given another"), color);
              color = NULL;
            }
          faction = add_faction (b, id, get_string_member (object, "name"), color);
          faction->hatch = dup_string_member (object, "hatch");
        }
    }

  if ((array = GET_ARRAY ("sources")) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          g_autofree char *path = g_strdup_printf ("/frontline/sources/%u", i);
          FrontlineSource *source;
          JsonObject *object;
          const char *id;

          if (!JSON_NODE_HOLDS_OBJECT (node) ||
              (id = get_string_member (object = json_node_get_object (node), "id")) == NULL)
            {
              set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, path,
                         _("expected a source object with a string \"id\""));
              return FALSE;
            }

          source = g_object_new (FRONTLINE_TYPE_SOURCE, NULL);
          source->id = g_strdup (id);
          source->title = dup_string_member (object, "title");
          source->publisher = dup_string_member (object, "publisher");
          source->author = dup_string_member (object, "author");
          source->url = dup_string_member (object, "url");
          source->published = dup_string_member (object, "published");
          source->date_precision = dup_string_member (object, "date_precision");
          source->language = dup_string_member (object, "language");
          source->notes = dup_string_member (object, "notes");

          if (source->published != NULL)
            {
              FrontlineDay day;

              if (!frontline_day_parse (source->published, &day))
                {
                  set_error (error, FRONTLINE_DATASET_ERROR_INVALID, b->file, path,
                             _("invalid date “%s” in \"published\"; expected YYYY-MM-DD"),
                             source->published);
                  g_object_unref (source);
                  return FALSE;
                }
            }

          g_list_store_append (ds->sources, source);
          g_hash_table_insert (ds->source_by_id, source->id, source);
          g_object_unref (source);
        }
    }

  if ((array = GET_ARRAY ("quotes")) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          g_autofree char *path = g_strdup_printf ("/frontline/quotes/%u", i);
          g_autoptr(FrontlineQuote) quote = NULL;
          JsonObject *object;
          JsonNode *location;

          if (!JSON_NODE_HOLDS_OBJECT (node) ||
              get_string_member (object = json_node_get_object (node), "text") == NULL)
            {
              set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, path,
                         _("expected a quote object with a string \"text\""));
              return FALSE;
            }

          quote = g_object_new (FRONTLINE_TYPE_QUOTE, NULL);
          quote->id = dup_string_member (object, "id");
          quote->text = dup_string_member (object, "text");
          quote->speaker = dup_string_member (object, "speaker");
          quote->role = dup_string_member (object, "role");
          quote->date = dup_string_member (object, "date");
          quote->source_id = dup_string_member (object, "source");

          if (quote->source_id == NULL)
            {
              set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, path,
                         _("quote has no \"source\"; every quote must name its source"));
              return FALSE;
            }
          quote->source = g_hash_table_lookup (ds->source_by_id, quote->source_id);
          if (quote->source != NULL)
            g_object_ref (quote->source);
          else
            {
              set_error (error, FRONTLINE_DATASET_ERROR_INVALID, b->file, path,
                         _("quote cites source “%s”, which the dataset does not list"),
                         quote->source_id);
              return FALSE;
            }

          if (quote->date == NULL)
            frontline_dataset_add_diagnostic (ds, path, _("quote has no date; it shows in “All quotes” only"));
          else if (!frontline_day_parse (quote->date, &quote->day))
            {
              set_error (error, FRONTLINE_DATASET_ERROR_INVALID, b->file, path,
                         _("invalid date “%s”; expected YYYY-MM-DD"), quote->date);
              return FALSE;
            }

          location = json_object_has_member (object, "location")
                     ? json_object_get_member (object, "location") : NULL;
          if (location != NULL && JSON_NODE_HOLDS_ARRAY (location))
            {
              JsonArray *xy = json_node_get_array (location);

              quote->has_location = json_array_get_length (xy) >= 2 &&
                                    get_number (json_array_get_element (xy, 0), &quote->lon) &&
                                    get_number (json_array_get_element (xy, 1), &quote->lat) &&
                                    fabs (quote->lat) <= 90 && fabs (quote->lon) <= 180;
              if (!quote->has_location)
                frontline_dataset_add_diagnostic (ds, path, _("\"location\" is not [longitude, latitude]; ignored"));
            }
          else if (location != NULL && JSON_NODE_HOLDS_VALUE (location) &&
                   json_node_get_value_type (location) == G_TYPE_STRING)
            quote->place = g_strdup (json_node_get_string (location));

          if (quote->id != NULL)
            g_hash_table_insert (ds->quote_by_id, quote->id, quote);
          g_list_store_append (ds->quotes, quote);
        }
    }

  if ((array = GET_ARRAY ("stops")) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          g_autofree char *path = g_strdup_printf ("/frontline/stops/%u", i);
          g_autoptr(FrontlineStop) stop = NULL;
          JsonObject *object;
          JsonObject *view = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            {
              set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, path,
                         _("expected a stop object"));
              return FALSE;
            }

          object = json_node_get_object (node);
          stop = g_object_new (FRONTLINE_TYPE_STOP, NULL);
          stop->object = json_object_ref (object);
          stop->title = dup_string_member (object, "title");
          stop->date = dup_string_member (object, "date");
          stop->caption = dup_string_member (object, "caption");

          if (stop->date == NULL || !frontline_day_parse (stop->date, &stop->day))
            {
              set_error (error, FRONTLINE_DATASET_ERROR_INVALID, b->file, path,
                         _("invalid or missing date “%s”; expected YYYY-MM-DD"),
                         stop->date ? stop->date : "");
              return FALSE;
            }

          if (get_string_member (object, "compare") != NULL &&
              !frontline_day_parse (get_string_member (object, "compare"), &stop->compare_day))
            frontline_dataset_add_diagnostic (ds, path, _("invalid \"compare\" date; ignored"));

          if (json_object_has_member (object, "view") &&
              JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "view")))
            view = json_object_get_object_member (object, "view");

          if (view != NULL && json_object_has_member (view, "center") &&
              JSON_NODE_HOLDS_ARRAY (json_object_get_member (view, "center")))
            {
              JsonArray *c = json_object_get_array_member (view, "center");

              stop->has_center = json_array_get_length (c) >= 2 &&
                                 get_number (json_array_get_element (c, 0), &stop->lon) &&
                                 get_number (json_array_get_element (c, 1), &stop->lat) &&
                                 get_number (json_object_get_member (view, "zoom"), &stop->zoom);
            }
          if (view != NULL && json_object_has_member (view, "bbox") &&
              JSON_NODE_HOLDS_ARRAY (json_object_get_member (view, "bbox")))
            {
              JsonArray *c = json_object_get_array_member (view, "bbox");

              stop->has_bbox = json_array_get_length (c) == 4;
              for (guint k = 0; k < 4 && stop->has_bbox; k++)
                stop->has_bbox = get_number (json_array_get_element (c, k), &stop->bbox[k]);
              if (stop->has_bbox && !bbox_is_sane (stop->bbox))
                {
                  frontline_dataset_add_diagnostic (ds, path,
                                                    _("\"bbox\" [%g, %g, %g, %g] is not [west, south, east, north] within longitude ±180, latitude ±90; ignored"),
                                                    stop->bbox[0], stop->bbox[1], stop->bbox[2], stop->bbox[3]);
                  stop->has_bbox = FALSE;
                  memset (stop->bbox, 0, sizeof stop->bbox);
                }
            }
          if (stop->has_center && !view_is_sane (stop->lon, stop->lat, stop->zoom))
            {
              frontline_dataset_add_diagnostic (ds, path,
                                                _("view centre [%g, %g] at zoom %g is off the map (longitude ±180, latitude ±85.0511, zoom 0 to 20); ignored"),
                                                stop->lon, stop->lat, stop->zoom);
              stop->has_center = FALSE;
              stop->lon = stop->lat = stop->zoom = 0;
            }
          if (view != NULL && !stop->has_center && !stop->has_bbox)
            frontline_dataset_add_diagnostic (ds, path,
                                              _("\"view\" needs \"center\" and \"zoom\", or \"bbox\"; ignored"));

          if (json_object_has_member (object, "quotes") &&
              JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "quotes")))
            {
              JsonArray *ids = json_object_get_array_member (object, "quotes");
              g_autoptr(GStrvBuilder) strv = g_strv_builder_new ();

              for (guint k = 0; k < json_array_get_length (ids); k++)
                {
                  const char *id = json_node_get_string (json_array_get_element (ids, k));

                  if (id == NULL || !g_hash_table_contains (ds->quote_by_id, id))
                    frontline_dataset_add_diagnostic (ds, path, _("cites quote “%s”, which the dataset does not list"),
                                                      id ? id : "");
                  else
                    g_strv_builder_add (strv, id);
                }
              stop->quote_ids = g_strv_builder_end (strv);
            }

          g_list_store_append (ds->stops, stop);
        }
    }

#undef GET_ARRAY

  if (json_object_has_member (meta, "default_view"))
    {
      JsonNode *node = json_object_get_member (meta, "default_view");
      JsonObject *view = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *center = view && json_object_has_member (view, "center")
                         ? json_object_get_member (view, "center") : NULL;
      JsonArray *xy = center && JSON_NODE_HOLDS_ARRAY (center) ? json_node_get_array (center) : NULL;

      ds->has_default_view = xy != NULL && json_array_get_length (xy) >= 2 &&
                             get_number (json_array_get_element (xy, 0), &ds->default_view[0]) &&
                             get_number (json_array_get_element (xy, 1), &ds->default_view[1]) &&
                             get_number (json_object_get_member (view, "zoom"), &ds->default_view[2]);
      if (!ds->has_default_view)
        frontline_dataset_add_diagnostic (ds, "/frontline/default_view",
                                          _("expected { \"center\": [longitude, latitude], \"zoom\": z }; ignored"));
      else if (!view_is_sane (ds->default_view[0], ds->default_view[1], ds->default_view[2]))
        {
          frontline_dataset_add_diagnostic (ds, "/frontline/default_view",
                                            _("view centre [%g, %g] at zoom %g is off the map (longitude ±180, latitude ±85.0511, zoom 0 to 20); ignored"),
                                            ds->default_view[0], ds->default_view[1], ds->default_view[2]);
          ds->has_default_view = FALSE;
          memset (ds->default_view, 0, sizeof ds->default_view);
        }
    }

  return TRUE;
}

static gboolean
read_source_ids (JsonObject   *properties,
                 char       ***ids)
{
  JsonNode *node;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  *ids = NULL;
  if (properties == NULL || !json_object_has_member (properties, "source"))
    return TRUE;

  node = json_object_get_member (properties, "source");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_strv_builder_add (builder, json_node_get_string (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            return FALSE;
          g_strv_builder_add (builder, json_node_get_string (element));
        }
    }
  else
    return FALSE;

  *ids = g_strv_builder_end (builder);
  return TRUE;
}

/* Adds a parsed feature to the dataset; resolves what needs the dataset. */
static gboolean
add_parsed (Builder  *b,
            Parsed   *parsed,
            guint     index,
            GError  **error)
{
  FrontlineDataset *ds = b->dataset;
  g_autofree char *path = g_strdup_printf ("/features/%u", index);
  g_autofree char *feature_name = describe_feature (index, parsed->feature);
  JsonObject *properties = NULL;
  g_autoptr(FrontlineArea) area = NULL;
  const char *date;
  const char *faction_id;
  const char *fill;
  const char *status;
  const char *valid_until;

  if (parsed->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&parsed->error));
      return FALSE;
    }

  for (guint i = 0; parsed->warnings != NULL && i < parsed->warnings->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (parsed->warnings, i), "\n", 2);

      frontline_dataset_add_diagnostic (ds, parts[0], "%s", parts[1]);
    }

  if (parsed->feature != NULL && json_object_has_member (parsed->feature, "properties") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (parsed->feature, "properties")))
    properties = json_object_get_object_member (parsed->feature, "properties");

  if (parsed->is_place)
    {
      g_autoptr(FrontlinePlace) place = g_object_new (FRONTLINE_TYPE_PLACE, NULL);

      place->name = dup_string_member (properties, "name");
      place->name_local = dup_string_member (properties, "name_local");
      place->lon = parsed->lon;
      place->lat = parsed->lat;
      g_list_store_append (ds->places, place);
    }

  if (!parsed->is_area)
    {
      g_ptr_array_add (ds->features, g_steal_pointer (&parsed->feature));
      g_ptr_array_add (ds->feature_areas, NULL);
      return TRUE;
    }

  area = g_object_new (FRONTLINE_TYPE_AREA, NULL);
  area->index = index;
  area->geometry = g_steal_pointer (&parsed->geometry);
  area->original_geometry = g_steal_pointer (&parsed->original);
  area->multi = parsed->multi;
  area->note = dup_string_member (properties, "note");

  if (json_object_has_member (parsed->feature, "id"))
    {
      JsonNode *id = json_object_get_member (parsed->feature, "id");

      if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
        area->id = g_strdup (json_node_get_string (id));
      else if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_INT64)
        area->id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (id));
    }

  date = get_string_member (properties, "date");
  if (b->forced_day != FRONTLINE_DAY_NONE)
    area->day = b->forced_day;
  else if (date == NULL)
    {
      set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, path,
                 _("area has no \"date\" property (YYYY-MM-DD, the day the assessment holds from) (%s)"),
                 feature_name);
      return FALSE;
    }
  else if (!frontline_day_parse (date, &area->day))
    {
      set_error (error, FRONTLINE_DATASET_ERROR_INVALID, b->file, path,
                 _("invalid date “%s”; expected a real day as YYYY-MM-DD (%s)"), date, feature_name);
      return FALSE;
    }

  valid_until = get_string_member (properties, "valid_until");
  if (valid_until != NULL && !frontline_day_parse (valid_until, &area->valid_until))
    {
      set_error (error, FRONTLINE_DATASET_ERROR_INVALID, b->file, path,
                 _("invalid \"valid_until\" date “%s”; expected YYYY-MM-DD (%s)"),
                 valid_until, feature_name);
      return FALSE;
    }
  if (area->valid_until != FRONTLINE_DAY_NONE && area->valid_until < area->day)
    frontline_dataset_add_diagnostic (ds, path, _("\"valid_until\" is before \"date\"; never shown (%s)"),
                                      feature_name);

  status = get_string_member (properties, "status");
  if (status != NULL && !frontline_status_from_string (status, &area->status))
    frontline_dataset_add_diagnostic (ds, path,
                                      _("unknown status “%s”; shown as controlled (expected controlled, claimed or contested) (%s)"),
                                      status, feature_name);

  if (properties != NULL && json_object_has_member (properties, "approximate"))
    {
      JsonNode *node = json_object_get_member (properties, "approximate");

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        area->approximate = json_node_get_boolean (node);
      else
        frontline_dataset_add_diagnostic (ds, path, _("\"approximate\" is not true or false; taken as true (%s)"),
                                          feature_name);
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        area->approximate = TRUE;
    }

  if (!read_source_ids (properties, &area->source_ids))
    {
      set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, path,
                 _("\"source\" must be a source id or a list of them (%s)"), feature_name);
      return FALSE;
    }
  for (guint i = 0; area->source_ids != NULL && area->source_ids[i] != NULL; i++)
    {
      if (g_list_model_get_n_items (G_LIST_MODEL (ds->sources)) > 0 &&
          !g_hash_table_contains (ds->source_by_id, area->source_ids[i]))
        frontline_dataset_add_diagnostic (ds, path, _("cites source “%s”, which the dataset does not list (%s)"),
                                          area->source_ids[i], feature_name);
    }

  faction_id = get_string_member (properties, "faction");
  fill = get_string_member (properties, "fill");
  if (faction_id == NULL && fill != NULL)
    faction_id = fill;  /* DeepStateMap-style files: the colour is the side */
  if (faction_id == NULL)
    {
      set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, path,
                 _("area has no \"faction\" property (%s)"), feature_name);
      return FALSE;
    }

  area->faction = g_hash_table_lookup (ds->faction_by_id, faction_id);
  if (area->faction == NULL)
    {
      if (b->has_factions)
        frontline_dataset_add_diagnostic (ds, path, _("unknown faction “%s”; given a colour of its own (%s)"),
                                          faction_id, feature_name);
      area->faction = add_faction (b, faction_id, NULL, fill);
    }
  g_object_ref (area->faction);

  g_ptr_array_add (ds->features, g_steal_pointer (&parsed->feature));
  g_ptr_array_add (ds->feature_areas, g_object_ref (area));
  g_list_store_append (ds->areas, area);

  return TRUE;
}

/* The parallel part: parse and convert features in worker threads */

typedef struct {
  const char     *data;
  GArray         *spans;
  Parsed        **results;
  const char     *file;
  GCancellable   *cancellable;
  guint           n_threads;
  gint            next;          /* atomic: the next feature to take */
  gsize           bytes_done;    /* atomic */
} Work;

/* Below this, coordinates are not worth the fast way. */
#define FAST_COORDINATES_MIN 4096

static gint slow_path = -1;  /* atomic; -1: not yet read from the environment */

/**
 * frontline_loader_set_slow_path: (skip)
 *
 * For tests: read every area's coordinates through json-glib rather than
 * straight from the text. FRONTLINE_LOADER_SLOW_PATH=1 does the same.
 */
void
frontline_loader_set_slow_path (gboolean slow)
{
  g_atomic_int_set (&slow_path, slow ? 1 : 0);
}

static gboolean
use_slow_path (void)
{
  gint value = g_atomic_int_get (&slow_path);

  if (value < 0)
    {
      value = g_strcmp0 (g_getenv ("FRONTLINE_LOADER_SLOW_PATH"), "1") == 0;
      g_atomic_int_compare_and_exchange (&slow_path, -1, value);
      value = g_atomic_int_get (&slow_path);
    }

  return value == 1;
}

/* The only way to json-glib: checks d[start, end) first (json_check), and
 * returns the root node (owned by @parser) or NULL with @fault set. */
static JsonNode *
parse_json (JsonParser *parser,
            const char *d,
            gsize       start,
            gsize       end,
            guint       base_depth,
            JsonFault  *fault)
{
  if (!json_check (d, start, end, base_depth, fault))
    return NULL;

  if (!json_parser_load_from_data (parser, d + start, (gssize) (end - start), NULL) ||
      json_parser_get_root (parser) == NULL)
    {
      fault->offset = start;
      fault->message = N_("json-glib could not read it");
      return NULL;
    }

  return json_parser_get_root (parser);
}

static gsize
skip_bom (const char *data,
          gsize       length)
{
  return length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

static void
line_column_at (const char *data,
                gsize       offset,
                guint      *line,
                guint      *column)
{
  const char *p = data;
  const char *end = data + offset;
  const char *line_start = data;

  *line = 1;
  while ((p = memchr (p, '\n', (gsize) (end - p))) != NULL)
    {
      (*line)++;
      line_start = ++p;
    }
  *column = (guint) (end - line_start) + 1;
}

static void
set_fault_error (GError          **error,
                 const char       *file,
                 const char       *data,
                 const JsonFault  *fault)
{
  guint line;
  guint column;

  if (fault->no_value)
    {
      g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_SYNTAX,
                   _("%s: the file holds no JSON value"), file);
      return;
    }

  line_column_at (data, fault->offset, &line, &column);
  g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_SYNTAX,
               _("%s:%u:%u: Parse error: %s"), file, line, column, _(fault->message));
}

/* Whether the text holds an integer beyond 64 bits, which json-glib 1.6
 * reads wrapped round (99999999999999999999999 as -1): such coordinates are
 * read from the text, whatever their size. */
static gboolean
has_long_integer (const char *d,
                  gsize       start,
                  gsize       end)
{
  gsize i = start;

  while (i < end)
    {
      gsize j = i;
      gboolean integer = TRUE;

      if (!(d[i] == '-' || is_json_digit (d[i])))
        {
          i++;
          continue;
        }
      if (!check_number (d, &j, end))
        return FALSE;  /* not for here to judge */
      for (gsize k = i; k < j; k++)
        if (d[k] == '.' || d[k] == 'e' || d[k] == 'E')
          integer = FALSE;
      if (integer && j - i - (d[i] == '-') > 18)
        return TRUE;
      i = j;
    }

  return FALSE;
}

static Parsed *
parse_span (JsonParser *parser,
            const char *data,
            Span       *span,
            guint       index,
            const char *file,
            GCancellable *cancellable)
{
  gsize end = span->offset + span->length;
  gsize geometry_start = 0;
  gsize geometry_end = 0;
  gsize coords_start = 0;
  gsize coords_end = 0;
  guint n_geometry;
  guint n_coordinates = 0;
  JsonFault fault;
  JsonNode *root;
  Parsed *parsed = NULL;

  n_geometry = find_member (data, span->offset, end, "geometry", &geometry_start, &geometry_end);
  if (n_geometry > 0)
    n_coordinates = find_member (data, geometry_start, geometry_end, "coordinates",
                                 &coords_start, &coords_end);

  /* An area: json-glib parses the feature without its coordinates, which are
   * read from the text. */
  if (n_coordinates > 0 &&
      ((coords_end - coords_start >= FAST_COORDINATES_MIN && !use_slow_path ()) ||
       has_long_integer (data, coords_start, coords_end)))
    {
      g_autoptr(GString) skeleton = g_string_sized_new (span->length - (coords_end - coords_start) + 2);

      g_string_append_len (skeleton, data + span->offset, (gssize) (coords_start - span->offset));
      g_string_append (skeleton, "[]");
      g_string_append_len (skeleton, data + coords_end, (gssize) (end - coords_end));

      root = parse_json (parser, skeleton->str, 0, skeleton->len, 2, &fault);
      if (root != NULL)
        {
          parsed = parse_feature (root, index, data + coords_start, coords_end - coords_start, file,
                                  cancellable);
          if (parsed->retry)
            g_clear_pointer (&parsed, parsed_free);
        }
    }

  if (parsed == NULL)
    {
      root = parse_json (parser, data, span->offset, end, 2, &fault);
      if (root == NULL)
        {
          /* Reported by the loading thread, with its line and column. */
          parsed = g_new0 (Parsed, 1);
          parsed->syntax = TRUE;
          parsed->fault = fault;
          return parsed;
        }
      parsed = parse_feature (root, index, NULL, 0, file, cancellable);
    }

  /* The same rule as json-glib's, and a word about it. */
  if (n_geometry > 1 || n_coordinates > 1)
    {
      g_autofree char *feature_name = describe_feature (index, parsed->feature);
      g_autofree char *path = g_strdup_printf (n_geometry > 1 ? "/features/%u" : "/features/%u/geometry",
                                               index);

      add_warning (parsed, path, _("duplicate member “%s”; the last one is used (%s)"),
                   n_geometry > 1 ? "geometry" : "coordinates", feature_name);
    }

  return parsed;
}

static gpointer
work_thread (gpointer user_data)
{
  Work *work = user_data;
  g_autoptr(JsonParser) parser = json_parser_new ();

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&work->next, 1);
      Span *span;

      if (i >= work->spans->len || g_cancellable_is_cancelled (work->cancellable))
        break;

      span = &g_array_index (work->spans, Span, i);
      g_atomic_pointer_set (&work->results[i], parse_span (parser, work->data, span, i, work->file,
                                                              work->cancellable));

      g_atomic_pointer_add (&work->bytes_done, span->length);
    }

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
  JsonFault fault;
  JsonNode *root = parse_json (parser, data, skip_bom (data, length), length, 0, &fault);

  if (root == NULL)
    {
      set_fault_error (error, file, data, &fault);
      return NULL;
    }

  return json_node_ref (root);
}

static gboolean
read_root (Builder     *b,
           JsonObject  *root,
           GError     **error)
{
  const char *type = get_string_member (root, "type");

  if (g_strcmp0 (type, "FeatureCollection") != 0)
    {
      set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, "/type",
                 _("expected a GeoJSON FeatureCollection, found “%s”"), type ? type : _("no type"));
      return FALSE;
    }

  if (json_object_has_member (root, "frontline"))
    {
      JsonNode *meta = json_object_get_member (root, "frontline");

      if (!JSON_NODE_HOLDS_OBJECT (meta))
        {
          set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, "/frontline",
                     _("expected an object of Frontline's members"));
          return FALSE;
        }
      if (!read_metadata (b, json_node_get_object (meta), error))
        return FALSE;
    }

  return TRUE;
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
load_document (Builder       *b,
               Text          *text,
               GCancellable  *cancellable,
               Progress      *progress,
               GError       **error)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) features_ranges = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(JsonNode) root = NULL;
  const char *data = text->data;
  gsize length = text->length;
  gsize start = skip_bom (data, length);
  FrontlineSourceText spans_found = { 0 };
  gsize trailing = 0;
  guint n_features_members = 0;
  Work work = { 0 };
  GThread *threads[MAX_THREADS] = { NULL };
  gboolean ok = TRUE;

  if (!scan_feature_collection (data, length, features_ranges, spans, &trailing,
                                &n_features_members, &spans_found))
    {
      /* Not a FeatureCollection we can split: let the full parse say why, or
       * read what it is. */
      root = parse_whole (data, length, b->file, error);
      if (root == NULL)
        return FALSE;
      if (!JSON_NODE_HOLDS_OBJECT (root))
        {
          set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, "/",
                     _("expected a GeoJSON FeatureCollection object"));
          return FALSE;
        }
      if (!read_root (b, json_node_get_object (root), error))
        return FALSE;
      set_error (error, FRONTLINE_DATASET_ERROR_STRUCTURE, b->file, "/features",
                 _("expected an array of features"));
      return FALSE;
    }

  if (trailing != 0)
    {
      JsonFault fault = { trailing, N_("unexpected content after the end of the document"), FALSE };

      /* json-glib would silently ignore this. */
      set_fault_error (error, b->file, data, &fault);
      return FALSE;
    }

  /* The document without its features: small, whatever the file's size. */
  {
    g_autoptr(GString) skeleton = g_string_sized_new (4096);
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonFault fault;
    gsize from = 0;
    JsonNode *node;

    for (guint i = 0; i < features_ranges->len; i++)
      {
        Span *range = &g_array_index (features_ranges, Span, i);

        g_string_append_len (skeleton, data + from, (gssize) (range->offset - from));
        g_string_append (skeleton, "[]");
        from = range->offset + range->length;
      }
    g_string_append_len (skeleton, data + from, (gssize) (length - from));

    node = parse_json (parser, skeleton->str, start, skeleton->len, 0, &fault);
    if (node == NULL)
      {
        /* Check the real thing for an error with the right line and column. */
        if (!json_check (data, start, length, 0, &fault))
          set_fault_error (error, b->file, data, &fault);
        else
          set_error (error, FRONTLINE_DATASET_ERROR_SYNTAX, b->file, "/", _("could not be read"));
        return FALSE;
      }
    root = json_node_ref (node);
  }

  if (!read_root (b, json_node_get_object (root), error))
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
  work.results = g_new0 (Parsed *, MAX (spans->len, 1));
  work.file = b->file;
  work.cancellable = cancellable;
  work.n_threads = CLAMP (g_get_num_processors (), 1, MAX_THREADS);

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
            Span *span = &g_array_index (spans, Span, i);

            g_atomic_pointer_set (&work.results[i], parse_span (parser, data, span, i, b->file, cancellable));
            g_atomic_pointer_add (&work.bytes_done, span->length);
          }
        else
          g_usleep (200);

        while (next_to_add < spans->len && g_atomic_pointer_get (&work.results[next_to_add]) != NULL)
          {
            Parsed *parsed = work.results[next_to_add];

            if (parsed->syntax)
              {
                /* Stop the workers before the text is read again. */
                g_atomic_int_set (&work.next, (gint) spans->len);
                for (guint t = 1; t < work.n_threads; t++)
                  g_clear_pointer (&threads[t], g_thread_join);
                text_restore (text);
                set_fault_error (error, b->file, data, &parsed->fault);
                ok = FALSE;
              }
            else if (!add_parsed (b, parsed, next_to_add, error))
              ok = FALSE;

            g_clear_pointer (&work.results[next_to_add], parsed_free);
            next_to_add++;

            if (ok && next_to_add < spans->len)
              text_release (text, g_array_index (spans, Span, next_to_add).offset);

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
    parsed_free (work.results[i]);
  g_free (work.results);

  if (!ok && error != NULL && *error == NULL)
    set_error (error, FRONTLINE_DATASET_ERROR_SYNTAX, b->file, "/", _("could not be read"));

  return ok;
}

static gboolean
load_file_into (Builder       *b,
                GFile         *file,
                gboolean       record_source,
                GCancellable  *cancellable,
                Progress      *progress,
                GError       **error)
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
load_folder_into (Builder       *b,
                  GFile         *folder,
                  GCancellable  *cancellable,
                  Progress      *progress,
                  GError       **error)
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
 * @file: a GeoJSON file, or a folder of dated GeoJSON files
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
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autofree char *name = NULL;
  Progress whole = { progress, progress_data, 0.0, 1.0 };
  g_autoptr(GError) local_error = NULL;
  Builder b = { 0 };
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  dataset = frontline_dataset_new_empty (file);
  b.dataset = dataset;
  b.colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  name = g_file_get_parse_name (file);

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    ok = load_folder_into (&b, file, cancellable, &whole, &local_error);
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
  GFile                 *file;
  FrontlineProgressFunc  progress;
  gpointer               progress_data;
  GMainContext          *context;
  GMutex                 mutex;
  double                 fraction;
  gboolean               pending;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->file);
  g_main_context_unref (data->context);
  g_mutex_clear (&data->mutex);
  g_free (data);
}

static gboolean
deliver_progress (gpointer user_data)
{
  GTask *task = user_data;
  LoadData *data = g_task_get_task_data (task);
  double fraction;

  g_mutex_lock (&data->mutex);
  fraction = data->fraction;
  data->pending = FALSE;
  g_mutex_unlock (&data->mutex);

  if (!g_task_get_completed (task))
    data->progress (fraction, data->progress_data);

  return G_SOURCE_REMOVE;
}

/* Runs in the loading thread: hands the latest fraction to the caller's
 * context, at most one delivery in flight. */
static void
on_thread_progress (double   fraction,
                    gpointer user_data)
{
  GTask *task = user_data;
  LoadData *data = g_task_get_task_data (task);
  gboolean schedule;

  g_mutex_lock (&data->mutex);
  data->fraction = fraction;
  schedule = !data->pending;
  data->pending = TRUE;
  g_mutex_unlock (&data->mutex);

  if (schedule)
    g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, deliver_progress,
                                g_object_ref (task), g_object_unref);
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

  dataset = frontline_dataset_load (data->file, cancellable,
                                    data->progress ? on_thread_progress : NULL, task,
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
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (LoadData, 1);
  data->file = g_object_ref (file);
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  g_mutex_init (&data->mutex);

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
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
