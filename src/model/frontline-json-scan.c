/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-loader"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "frontline-json-scan.h"

/* The loader's view of JSON text: a scanner that understands only strings
 * and brackets (where each feature starts and ends, which member is the
 * last of its name), and a strict RFC 8259 checker that every text goes
 * through before json-glib sees it (frontline_json_parse()). */

/* Scanner */

/* d[*i] is '"': moves *i past the closing quote. */
gboolean
frontline_json_skip_string (const char *d,
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

#ifdef __SSE2__
/* The bits set in a 16-bit mask (x86-64's baseline has no popcnt; GCC would call a function). */
static inline guint
count_bits (guint mask)
{
  mask = mask - ((mask >> 1) & 0x5555);
  mask = (mask & 0x3333) + ((mask >> 2) & 0x3333);
  mask = (mask + (mask >> 4)) & 0x0f0f;
  return (mask + (mask >> 8)) & 0x1f;
}
#endif

/* Moves *i past one JSON value, counting brackets outside strings. */
gboolean
frontline_json_skip_value (const char *d,
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
        return frontline_json_skip_string (d, i, len);
      while (j < len && d[j] != ',' && d[j] != '}' && d[j] != ']' &&
             d[j] != ' ' && d[j] != '\n' && d[j] != '\r' && d[j] != '\t')
        j++;
      if (j == *i)
        return FALSE;
      *i = j;
      return TRUE;
    }

#ifdef __SSE2__
  /* Sixteen bytes a step: a step without a quote whose closing brackets cannot close the
   * value only changes the depth. Coordinates, a bracket every eleven bytes, mostly go so. */
  {
    const __m128i quote = _mm_set1_epi8 ('"');
    const __m128i open_square = _mm_set1_epi8 ('[');
    const __m128i close_square = _mm_set1_epi8 (']');
    const __m128i open_curly = _mm_set1_epi8 ('{');
    const __m128i close_curly = _mm_set1_epi8 ('}');

    while (j + 16 <= len)
      {
        __m128i bytes = _mm_loadu_si128 ((const __m128i *) (d + j));
        guint quotes = (guint) _mm_movemask_epi8 (_mm_cmpeq_epi8 (bytes, quote));
        guint opens = (guint) _mm_movemask_epi8 (_mm_or_si128 (_mm_cmpeq_epi8 (bytes, open_square),
                                                               _mm_cmpeq_epi8 (bytes, open_curly)));
        guint closes = (guint) _mm_movemask_epi8 (_mm_or_si128 (_mm_cmpeq_epi8 (bytes, close_square),
                                                                _mm_cmpeq_epi8 (bytes, close_curly)));
        guint n_closes = (guint) count_bits (closes);

        if (quotes == 0 && n_closes < depth)
          {
            depth = depth + (guint) count_bits (opens) - n_closes;
            j += 16;
            continue;
          }

        /* One bracket at a time, up to the first quote. */
        {
          guint all = quotes | opens | closes;
          gboolean at_quote = FALSE;

          while (all != 0)
            {
              guint bit = (guint) __builtin_ctz (all);

              all &= all - 1;
              if (quotes & (1u << bit))
                {
                  j += bit;
                  at_quote = TRUE;
                  break;
                }
              if (opens & (1u << bit))
                depth++;
              else
                {
                  if (depth == 0)
                    return FALSE;
                  if (--depth == 0)
                    {
                      *i = j + bit + 1;
                      return TRUE;
                    }
                }
            }
          if (at_quote)
            {
              if (!frontline_json_skip_string (d, &j, len))
                return FALSE;
            }
          else
            j += 16;
        }
      }
  }
#endif

  for (; j < len; j++)
    {
      switch (d[j])
        {
        case '"':
          if (!frontline_json_skip_string (d, &j, len))
            return FALSE;
          j--;
          break;

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
    }

  return FALSE;
}

/* Strict JSON
 *
 * The loader accepts RFC 8259 JSON only. json-glib 1.6 is lenient (octal
 * 010, 0x10, .5, single quotes, comments, anything after the root value) and
 * its parser recurses once per level of nesting, so a few tens of thousands
 * of '[' overflow the stack. Every text json-glib sees goes through
 * frontline_json_parse(), which first checks it with frontline_json_check():
 * RFC 8259 and no deeper than FRONTLINE_JSON_MAX_DEPTH. The coordinates the
 * loader reads itself are read as strictly (take_number() in
 * frontline-feature-reader.c). */

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
check_string (const char         *d,
              gsize              *i,
              gsize               end,
              FrontlineJsonFault *fault)
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
gboolean
frontline_json_check_number (const char *d,
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

/**
 * frontline_json_describe_start:
 * @d: a document
 * @start: where its first value should be
 * @end: its end
 *
 * What a document that is not JSON starts with, for the error message: an
 * image, an archive, a database, markup, binary data or other text.
 *
 * Returns: a description, untranslated (N_())
 */
const char *
frontline_json_describe_start (const char *d,
                               gsize       start,
                               gsize       end)
{
  static const struct {
    const char *magic;
    gsize       length;
    const char *what;
  } signatures[] = {
    { "\x89PNG\r\n\x1a\n", 8, N_("PNG image data") },
    { "\xff\xd8\xff", 3, N_("JPEG image data") },
    { "GIF8", 4, N_("GIF image data") },
    { "%PDF-", 5, N_("a PDF document") },
    { "PK\x03\x04", 4, N_("a ZIP archive") },
    { "\x1f\x8b", 2, N_("gzip-compressed data") },
    { "SQLite format 3", 16, N_("an SQLite database") },
  };
  gsize n = MIN (end - start, 512);
  const char *bad = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (signatures); k++)
    if (n >= signatures[k].length && memcmp (d + start, signatures[k].magic, signatures[k].length) == 0)
      return signatures[k].what;

  if (memchr (d + start, '\0', n) != NULL)
    return N_("binary data");
  /* Invalid UTF-8, unless only a character cut at the end of the sample. */
  if (!g_utf8_validate_len (d + start, n, &bad) && (gsize) (bad - (d + start)) + 4 < n)
    return N_("binary data");
  if (d[start] == '<')
    return N_("XML or HTML markup");

  return N_("text that is not JSON");
}

/* Checks that d[start, end) is one JSON value, with white space around it,
 * nested no deeper than FRONTLINE_JSON_MAX_DEPTH counting @base_depth levels
 * around it.
 * Iterative: any depth of input costs no stack. */
gboolean
frontline_json_check (const char         *d,
                      gsize               start,
                      gsize               end,
                      guint               base_depth,
                      FrontlineJsonFault *fault)
{
  guint8 stack[FRONTLINE_JSON_MAX_DEPTH];
  guint depth = 0;
  gsize i = frontline_json_skip_ws (d, start, end);

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
      i = frontline_json_skip_ws (d, i, end);
      if (i >= end)
        {
          fault->offset = i;
          fault->message = N_("unexpected end of the document");
          return FALSE;
        }

      c = d[i];
      if (c == '{' || c == '[')
        {
          if (base_depth + depth >= FRONTLINE_JSON_MAX_DEPTH)
            {
              fault->offset = i;
              fault->message = N_("nesting deeper than 256 levels");
              return FALSE;
            }
          stack[depth++] = (guint8) c;
          i = frontline_json_skip_ws (d, i + 1, end);
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
          if (!frontline_json_check_number (d, &i, end))
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
      else if (depth == 0 && base_depth == 0 && strchr (",]}/'.+", c) == NULL)
        {
          /* Not JSON from its first byte: say what it is instead. */
          fault->offset = i;
          fault->message = N_("not a GeoJSON file");
          fault->starts_with = frontline_json_describe_start (d, i, end);
          return FALSE;
        }
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
      i = frontline_json_skip_ws (d, i, end);
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
          i = frontline_json_skip_ws (d, i, end);
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
      i = frontline_json_skip_ws (d, i, end);
      if (i >= end || d[i] != '"')
        {
          fault->offset = i;
          fault->message = (i < end && d[i] == '}') ? N_("a comma before ‘}’")
                                                    : N_("expected a member name in double quotes");
          return FALSE;
        }
      if (!check_string (d, &i, end, fault))
        return FALSE;
      i = frontline_json_skip_ws (d, i, end);
      if (i >= end || d[i] != ':')
        {
          fault->offset = i;
          fault->message = N_("expected ‘:’ after a member name");
          return FALSE;
        }
      i++;
    }
}

/* Walks the object at d[start] (after white space), up to its closing brace, which it puts
 * in *object_end: how many members are named @key (*count), and the span of the last one's
 * value. With @inner_key, the last @key member's value, if an object, is walked the same way
 * for @inner_key (not scanned twice): its count, 0 if it is not an object the scanner
 * understands, and its last value's span. FALSE if the text is not an object the scanner
 * understands. */
static gboolean
walk_object (const char *d,
             gsize       start,
             gsize       end,
             const char *key,
             guint      *count,
             gsize      *value_start,
             gsize      *value_end,
             gsize      *object_end,
             const char *inner_key,
             guint      *inner_count,
             gsize      *inner_start,
             gsize      *inner_end)
{
  gsize key_length = strlen (key);
  gsize i = frontline_json_skip_ws (d, start, end);

  *count = 0;
  if (i >= end || d[i] != '{')
    return FALSE;
  i = frontline_json_skip_ws (d, i + 1, end);
  if (i < end && d[i] == '}')
    {
      *object_end = i;
      return TRUE;
    }

  for (;;)
    {
      gsize key_start;
      gsize this_start;
      gboolean match;
      gboolean walked = FALSE;

      i = frontline_json_skip_ws (d, i, end);
      if (i >= end || d[i] != '"')
        return FALSE;
      key_start = i;
      if (!frontline_json_skip_string (d, &i, end))
        return FALSE;
      match = (i - key_start == key_length + 2 && memcmp (d + key_start + 1, key, key_length) == 0);

      i = frontline_json_skip_ws (d, i, end);
      if (i >= end || d[i] != ':')
        return FALSE;
      i = frontline_json_skip_ws (d, i + 1, end);
      this_start = i;
      if (match && inner_key != NULL)
        {
          gsize inner_object_end;

          *inner_count = 0;
          if (i < end && d[i] == '{' &&
              walk_object (d, i, end, inner_key, inner_count, inner_start, inner_end,
                           &inner_object_end, NULL, NULL, NULL, NULL))
            {
              i = inner_object_end + 1;
              walked = TRUE;
            }
          else
            *inner_count = 0;
        }
      if (!walked && !frontline_json_skip_value (d, &i, end))
        return FALSE;
      if (match)
        {
          (*count)++;
          *value_start = this_start;
          *value_end = i;
        }

      i = frontline_json_skip_ws (d, i, end);
      if (i < end && d[i] == '}')
        {
          *object_end = i;
          return TRUE;
        }
      if (i >= end || d[i] != ',')
        return FALSE;
      i++;
    }
}

/* Finds member @key of the object in d[start, end) and the span of its value.
 * Returns how many members have that name (the span is the last one's, as
 * json-glib and JavaScript take the last), 0 if none or if the text is not
 * an object the scanner understands. */
guint
frontline_json_find_member (const char *d,
                            gsize       start,
                            gsize       end,
                            const char *key,
                            gsize      *value_start,
                            gsize      *value_end)
{
  guint count;
  gsize object_end;

  if (!walk_object (d, start, end, key, &count, value_start, value_end, &object_end, NULL, NULL,
                    NULL, NULL))
    return 0;

  return count;
}

/* Moves *i past one feature, as frontline_json_skip_value() does, and finds its geometry and
 * coordinates as frontline_json_find_member() would (span->members_known), in one pass. */
static gboolean
scan_feature (const char        *d,
              gsize             *i,
              gsize              len,
              FrontlineJsonSpan *span)
{
  gsize object_end;

  span->members_known = FALSE;
  span->n_geometry = 0;
  span->n_coordinates = 0;
  if (d[*i] == '{' &&
      walk_object (d, *i, len, "geometry", &span->n_geometry, &span->geometry_start,
                   &span->geometry_end, &object_end, "coordinates", &span->n_coordinates,
                   &span->coords_start, &span->coords_end))
    {
      *i = object_end + 1;
      span->members_known = TRUE;
      if (span->n_geometry == 0)
        span->n_coordinates = 0;
      return TRUE;
    }

  span->n_geometry = 0;
  span->n_coordinates = 0;
  return frontline_json_skip_value (d, i, len);
}

/* Finds the elements of the root object's "features" array (the last
 * member of that name, as for json-glib), and where saving may rewrite the
 * text (@text_spans). Returns FALSE on anything unexpected, including a root
 * with no such array: the caller then checks the whole text, which says what
 * is wrong. What it returns TRUE for is checked as it is parsed: the
 * document without its features and each feature by frontline_json_parse(), the
 * separators of the features array here. */
gboolean
frontline_json_scan_feature_collection (const char          *d,
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

  i = frontline_json_skip_ws (d, i, len);
  if (i >= len || d[i] != '{')
    return FALSE;
  text_spans->root_open = i;
  i = frontline_json_skip_ws (d, i + 1, len);
  if (i < len && d[i] == '}')
    return FALSE;  /* no "features" */

  for (;;)
    {
      gsize key_start;
      gboolean is_features;
      gboolean is_frontline;

      i = frontline_json_skip_ws (d, i, len);
      if (i >= len || d[i] != '"')
        return FALSE;

      key_start = i;
      if (!frontline_json_skip_string (d, &i, len))
        return FALSE;
      is_features = (i - key_start == 10 && memcmp (d + key_start, "\"features\"", 10) == 0);
      is_frontline = (i - key_start == 11 && memcmp (d + key_start, "\"frontline\"", 11) == 0);

      i = frontline_json_skip_ws (d, i, len);
      if (i >= len || d[i] != ':')
        return FALSE;
      i = frontline_json_skip_ws (d, i + 1, len);

      if (is_features)
        (*n_features_members)++;

      if (is_features && i < len && d[i] == '[')
        {
          FrontlineJsonSpan range = { i, 0 };

          /* A later "features" replaces an earlier one. */
          found = TRUE;
          g_array_set_size (spans, 0);
          i = frontline_json_skip_ws (d, i + 1, len);
          if (i < len && d[i] == ']')
            ;
          else
            for (;;)
              {
                FrontlineJsonSpan span = { 0 };

                span.offset = i;
                if (i >= len || d[i] == ',' || d[i] == ']' || !scan_feature (d, &i, len, &span))
                  return FALSE;
                span.length = i - span.offset;
                g_array_append_val (spans, span);
                i = frontline_json_skip_ws (d, i, len);
                if (i < len && d[i] == ',')
                  {
                    i = frontline_json_skip_ws (d, i + 1, len);
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

          if (!frontline_json_skip_value (d, &i, len))
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
                  if (frontline_json_find_member (d, value_start, i, "stops", &stops_start,
                                                  &stops_end) > 0)
                    {
                      text_spans->has_stops = TRUE;
                      text_spans->stops_start = stops_start;
                      text_spans->stops_end = stops_end;
                    }
                }
            }
        }

      i = frontline_json_skip_ws (d, i, len);
      if (i < len && d[i] == ',')
        {
          i = frontline_json_skip_ws (d, i + 1, len);
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

  i = frontline_json_skip_ws (d, i, len);
  if (i < len)
    *trailing = i;

  return found;
}

/* The only way to json-glib: checks d[start, end) first (frontline_json_check), and
 * returns the root node (owned by @parser) or NULL with @fault set. */
JsonNode *
frontline_json_parse (JsonParser         *parser,
                      const char         *d,
                      gsize               start,
                      gsize               end,
                      guint               base_depth,
                      FrontlineJsonFault *fault)
{
  if (!frontline_json_check (d, start, end, base_depth, fault))
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

gsize
frontline_json_skip_bom (const char *data,
                         gsize       length)
{
  return length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

void
frontline_json_line_column (const char *data,
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

void
frontline_json_set_fault_error (GError                   **error,
                                const char                *file,
                                const char                *data,
                                const FrontlineJsonFault  *fault)
{
  guint line;
  guint column;

  if (fault->no_value)
    {
      g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_SYNTAX,
                   _("%s: the file holds no JSON value"), file);
      return;
    }

  frontline_json_line_column (data, fault->offset, &line, &column);
  if (fault->starts_with != NULL)
    {
      /* Translators: “notes.geojson:1:1: Parse error: not a GeoJSON file (it starts with PNG
       * image data)” */
      g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_SYNTAX,
                   _("%s:%u:%u: Parse error: not a GeoJSON file (it starts with %s)"), file, line,
                   column, _(fault->starts_with));
      return;
    }
  g_set_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_SYNTAX,
               _("%s:%u:%u: Parse error: %s"), file, line, column, _(fault->message));
}

/* Whether the text holds an integer beyond 64 bits, which json-glib 1.6
 * reads wrapped round (99999999999999999999999 as -1): such coordinates are
 * read from the text, whatever their size. */
gboolean
frontline_json_has_long_integer (const char *d,
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
      if (!frontline_json_check_number (d, &j, end))
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
