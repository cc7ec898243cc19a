/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The loader's JSON scanner and strict checker, on their own. */

#include "config.h"

#include <string.h>

#include "frontline-json-scan.h"
#include "frontline-test-init.h"

static gboolean
check (const char         *text,
       FrontlineJsonFault *fault)
{
  FrontlineJsonFault ignored;

  return frontline_json_check (text, 0, strlen (text), 0, fault ? fault : &ignored);
}

static void
test_valid_documents (void)
{
  static const char * const valid[] = {
    "{}", "[]", " \n\t{ } \r\n", "0", "-0", "1.5e-3", "-12E+4", "\"\"", "true", "false", "null",
    "{\"a\":[1,2,{\"b\":null}],\"c\":\"\\u00e9\\n\\\"\"}", "[[[[[]]]]]", "\"caf\xc3\xa9\"",
    "\"\\uD83D\\uDE00\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      FrontlineJsonFault fault;

      if (!check (valid[i], &fault))
        g_error ("%s: refused at %" G_GSIZE_FORMAT ": %s", valid[i], fault.offset, fault.message);
    }
}

static void
test_invalid_documents (void)
{
  static const struct {
    const char *text;
    gsize       offset;
  } invalid[] = {
    { "010", 0 }, { "0x10", 0 }, { ".5", 0 }, { "'a'", 0 }, { "1.", 0 }, { "+1", 0 },
    { "[1] 2", 4 }, { "// c\n1", 0 }, { "[1,", 3 }, { "{\"a\" 1}", 5 }, { "{a:1}", 1 },
    { "\"a\tb\"", 2 }, { "\"\\x\"", 1 }, { "\"abc", 0 }, { "\"\xff\"", 1 }, { "[1 2]", 3 },
  };
  FrontlineJsonFault fault;

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_assert_false (check (invalid[i].text, &fault));
      g_assert_nonnull (fault.message);
      g_assert_false (fault.no_value);
      g_assert_cmpuint (fault.offset, ==, invalid[i].offset);
    }

  g_assert_false (check ("  \n ", &fault));
  g_assert_true (fault.no_value);
}

static void
test_trailing_commas (void)
{
  FrontlineJsonFault fault;

  g_assert_false (check ("[1,2,]", &fault));
  g_assert_cmpuint (fault.offset, ==, 5);
  g_assert_cmpstr (fault.message, ==, "a comma before ‘]’");

  g_assert_false (check ("{\"a\":1,}", &fault));
  g_assert_cmpuint (fault.offset, ==, 7);
  g_assert_cmpstr (fault.message, ==, "a comma before ‘}’");

  g_assert_false (check ("[,1]", &fault));
  g_assert_cmpuint (fault.offset, ==, 1);
}

static void
test_depth_limit (void)
{
  GString *text = g_string_new (NULL);
  FrontlineJsonFault fault;

  for (guint i = 0; i < FRONTLINE_JSON_MAX_DEPTH; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < FRONTLINE_JSON_MAX_DEPTH; i++)
    g_string_append_c (text, ']');
  g_assert_true (check (text->str, &fault));

  /* Inside two levels (a feature in its array), two fewer are left. */
  g_assert_false (frontline_json_check (text->str, 0, text->len, 2, &fault));
  g_assert_cmpuint (fault.offset, ==, FRONTLINE_JSON_MAX_DEPTH - 2);
  g_assert_cmpstr (fault.message, ==, "nesting deeper than 256 levels");

  g_string_prepend_c (text, '[');
  g_string_append_c (text, ']');
  g_assert_false (check (text->str, &fault));
  g_assert_cmpuint (fault.offset, ==, FRONTLINE_JSON_MAX_DEPTH);

  /* Any depth costs no stack. */
  g_string_truncate (text, 0);
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (text, '[');
  g_assert_false (check (text->str, &fault));
  g_assert_cmpuint (fault.offset, ==, FRONTLINE_JSON_MAX_DEPTH);

  g_string_free (text, TRUE);
}

static void
test_lone_surrogates (void)
{
  FrontlineJsonFault fault;

  g_assert_false (check ("\"\\uDC00\"", &fault));
  g_assert_cmpuint (fault.offset, ==, 1);
  g_assert_nonnull (strstr (fault.message, "\\uDC00"));

  g_assert_false (check ("\"a\\uD800\"", &fault));
  g_assert_cmpuint (fault.offset, ==, 2);
  g_assert_nonnull (strstr (fault.message, "\\uD800"));

  g_assert_false (check ("\"\\uD800\\u0041\"", &fault));
  g_assert_false (check ("\"\\uDBFF\\uDBFF\"", &fault));
  g_assert_true (check ("\"\\uDBFF\\uDFFF\"", &fault));
}

static void
test_find_member (void)
{
  const char *text = "{ \"a\": 1, \"b\": {\"a\": 7}, \"a\": [2, \"}\"], \"c\": \"x\" }";
  g_autofree char *last = NULL;
  gsize start = 0;
  gsize end = 0;

  /* The last of a name counts, as for json-glib and JavaScript. */
  g_assert_cmpuint (frontline_json_find_member (text, 0, strlen (text), "a", &start, &end), ==, 2);
  last = g_strndup (text + start, end - start);
  g_assert_cmpstr (last, ==, "[2, \"}\"]");

  g_assert_cmpuint (frontline_json_find_member (text, 0, strlen (text), "b", &start, &end), ==, 1);
  g_assert_cmpuint (frontline_json_find_member (text, start, end, "a", &start, &end), ==, 1);
  g_assert_cmpint (text[start], ==, '7');

  g_assert_cmpuint (frontline_json_find_member (text, 0, strlen (text), "z", &start, &end), ==, 0);
  g_assert_cmpuint (frontline_json_find_member ("[1]", 0, 3, "a", &start, &end), ==, 0);
  g_assert_cmpuint (frontline_json_find_member ("{}", 0, 2, "a", &start, &end), ==, 0);
}

static char *
span_text (const char *text,
           GArray     *spans,
           guint       i)
{
  FrontlineJsonSpan *span = &g_array_index (spans, FrontlineJsonSpan, i);

  return g_strndup (text + span->offset, span->length);
}

static void
test_feature_spans (void)
{
  const char *text = "\xEF\xBB\xBF{\"type\": \"FeatureCollection\",\n"
                     " \"features\": [{\"n\": 0}],\n"
                     " \"frontline\": {\"title\": \"]\", \"stops\": [1]},\n"
                     " \"features\": [ {\"n\": \"a]\"} ,\n {\"n\": [2]}, 3 ]\n}\n";
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (FrontlineJsonSpan));
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (FrontlineJsonSpan));
  FrontlineSourceText source = { 0 };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  gsize trailing = 1;
  guint n_features = 0;

  g_assert_true (frontline_json_scan_feature_collection (text, strlen (text), ranges, spans,
                                                         &trailing, &n_features, &source));
  g_assert_cmpuint (trailing, ==, 0);
  g_assert_cmpuint (n_features, ==, 2);
  g_assert_cmpuint (ranges->len, ==, 2);

  /* The last "features" counts. */
  g_assert_cmpuint (spans->len, ==, 3);
  first = span_text (text, spans, 0);
  second = span_text (text, spans, 1);
  third = span_text (text, spans, 2);
  g_assert_cmpstr (first, ==, "{\"n\": \"a]\"}");
  g_assert_cmpstr (second, ==, "{\"n\": [2]}");
  g_assert_cmpstr (third, ==, "3");

  g_assert_cmpuint (source.root_open, ==, 3);
  g_assert_true (source.has_frontline);
  g_assert_cmpint (text[source.frontline_open], ==, '{');
  g_assert_cmpint (text[source.frontline_close], ==, '}');
  g_assert_true (source.has_stops);
  g_assert_cmpint (text[source.stops_start], ==, '[');
}

/* What the scanner's one pass records for each feature is what
 * frontline_json_find_member() finds in it, which the workers would
 * otherwise ask: the last "geometry" (nested or repeated members, strings
 * that look like keys) and the last "coordinates" in it. */
static guint
check_members_as_find_member (const char *text)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (FrontlineJsonSpan));
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (FrontlineJsonSpan));
  FrontlineSourceText source = { 0 };
  gsize trailing = 0;
  guint n_features = 0;
  guint n_known = 0;

  if (!frontline_json_scan_feature_collection (text, strlen (text), ranges, spans,
                                               &trailing, &n_features, &source))
    return 0;

  for (guint i = 0; i < spans->len; i++)
    {
      FrontlineJsonSpan *span = &g_array_index (spans, FrontlineJsonSpan, i);
      gsize end = span->offset + span->length;
      gsize g_start = 0, g_end = 0, c_start = 0, c_end = 0;
      guint n_geometry, n_coordinates = 0;
      FrontlineJsonFault fault;

      /* A feature that is not JSON is refused by the strict checker,
       * whatever was recorded. */
      if (!span->members_known || !frontline_json_check (text, span->offset, end, 2, &fault))
        continue;
      n_known++;
      n_geometry = frontline_json_find_member (text, span->offset, end, "geometry",
                                               &g_start, &g_end);
      g_assert_cmpuint (span->n_geometry, ==, n_geometry);
      if (n_geometry == 0)
        continue;
      g_assert_cmpuint (span->geometry_start, ==, g_start);
      g_assert_cmpuint (span->geometry_end, ==, g_end);
      n_coordinates = frontline_json_find_member (text, g_start, g_end, "coordinates",
                                                  &c_start, &c_end);
      g_assert_cmpuint (span->n_coordinates, ==, n_coordinates);
      if (n_coordinates > 0)
        {
          g_assert_cmpuint (span->coords_start, ==, c_start);
          g_assert_cmpuint (span->coords_end, ==, c_end);
        }
    }

  return n_known;
}

static void
test_feature_members (void)
{
  static const char *features[] = {
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[1, 2], [3, 4]]]}}",
    "{\"geometry\": {\"coordinates\": [1]}, \"geometry\": {\"coordinates\": [2], \"coordinates\": [3]}}",
    "{\"properties\": {\"geometry\": {\"coordinates\": [9]}}, \"geometry\": {\"type\": \"Point\"}}",
    "{\"properties\": {\"note\": \"\\\"geometry\\\": {\\\"coordinates\\\": [1]}\"}, \"geometry\": null}",
    "{\"geometry\": {\"geometries\": [{\"coordinates\": [5]}], \"coordinates\": [[6.5e-3, -7E+2]]}}",
    "{\"ge\\u006fmetry\": {\"coordinates\": [1]}, \"geometry\": {\"co\\u006frdinates\": [2]}}",
    "{\"geometry\": [\"coordinates\", {\"coordinates\": 1}]}",
    "{ \"geometry\" : { \"coordinates\" : [ ] } , \"id\" : 3 }",
    "{}",
    "[]",
    "7",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);

  for (guint i = 0; i < G_N_ELEMENTS (features); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"type\": \"FeatureCollection\", \"features\": [%s, %s]}",
                                               features[i], features[(i + 1) % G_N_ELEMENTS (features)]);

      /* Every well-formed feature object is walked by the one pass. */
      g_assert_cmpuint (check_members_as_find_member (text), ==,
                        (i < 9 ? 1 : 0) + ((i + 1) % G_N_ELEMENTS (features) < 9 ? 1 : 0));
    }

  /* Mutated documents: whatever the scanner accepts, it records as
   * find_member would find. */
  for (guint n = 0; n < 20000; n++)
    {
      g_autofree char *text = g_strdup_printf ("{\"type\": \"FeatureCollection\", \"features\": [%s, %s]}",
                                               features[g_rand_int_range (rand, 0, 8)],
                                               features[g_rand_int_range (rand, 0, 8)]);
      gsize len = strlen (text);
      guint n_changes = (guint) g_rand_int_range (rand, 1, 4);
      static const char alphabet[] = "{}[]\":, \\gceo1";

      for (guint c = 0; c < n_changes; c++)
        text[g_rand_int_range (rand, 44, (gint32) len - 2)] =
          alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      check_members_as_find_member (text);
    }
}

static void
test_feature_spans_refused (void)
{
  static const char * const refused[] = {
    "[]", "{}", "{\"type\": \"FeatureCollection\"}", "{\"features\": [1,]}",
    "{\"features\": [1 2]}", "{\"features\": {}}", "{\"features\": [1],}",
    "{\"features\": [1], \"features\": 2}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (FrontlineJsonSpan));
      g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (FrontlineJsonSpan));
      FrontlineSourceText source = { 0 };
      gsize trailing;
      guint n_features;

      g_assert_false (frontline_json_scan_feature_collection (refused[i], strlen (refused[i]),
                                                              ranges, spans, &trailing,
                                                              &n_features, &source));
    }
}

static void
test_trailing_content (void)
{
  const char *text = "{\"features\": []}\n  x";
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (FrontlineJsonSpan));
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (FrontlineJsonSpan));
  FrontlineSourceText source = { 0 };
  gsize trailing = 0;
  guint n_features = 0;

  g_assert_true (frontline_json_scan_feature_collection (text, strlen (text), ranges, spans,
                                                         &trailing, &n_features, &source));
  g_assert_cmpuint (spans->len, ==, 0);
  g_assert_cmpuint (trailing, ==, strlen (text) - 1);
}

static void
test_line_column (void)
{
  const char *text = "ab\ncd\n\nef";
  guint line;
  guint column;

  frontline_json_line_column (text, 0, &line, &column);
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpuint (column, ==, 1);
  frontline_json_line_column (text, 4, &line, &column);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 2);
  frontline_json_line_column (text, 8, &line, &column);
  g_assert_cmpuint (line, ==, 4);
  g_assert_cmpuint (column, ==, 2);
}

static void
test_fault_error (void)
{
  const char *text = "{\n  \"a\": 010\n}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) empty = NULL;
  FrontlineJsonFault fault;

  g_assert_false (check (text, &fault));
  frontline_json_set_fault_error (&error, "f.geojson", text, &fault);
  g_assert_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "f.geojson:2:8: "));

  g_assert_false (check ("", &fault));
  frontline_json_set_fault_error (&empty, "e.geojson", "", &fault);
  g_assert_error (empty, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_SYNTAX);
  g_assert_nonnull (strstr (empty->message, "e.geojson"));
}

static void
test_parse (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *text = "\xEF\xBB\xBF{\"a\": [1, 2]}";
  gsize start = frontline_json_skip_bom (text, strlen (text));
  FrontlineJsonFault fault;
  JsonNode *root;

  g_assert_cmpuint (start, ==, 3);
  root = frontline_json_parse (parser, text, start, strlen (text), 0, &fault);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  /* json-glib would take these; the loader does not. */
  g_assert_null (frontline_json_parse (parser, "[010]", 0, 5, 0, &fault));
  g_assert_null (frontline_json_parse (parser, "[1] /* c */", 0, 11, 0, &fault));
}

static void
test_long_integer (void)
{
  const char *wide = "[[30.5, 99999999999999999999999]]";
  const char *narrow = "[[30.5, 999999999999999999, 1e30, -123456789012345678.5]]";

  g_assert_true (frontline_json_has_long_integer (wide, 0, strlen (wide)));
  g_assert_false (frontline_json_has_long_integer (narrow, 0, strlen (narrow)));
}

/* A file that is not JSON at all, a PNG renamed .geojson say, is called
 * that, with what it starts with, rather than a parse error inside it. */
static void
test_not_json (void)
{
  static const struct {
    const char *text;
    gsize       length;
    const char *starts_with;
  } cases[] = {
    { "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "PNG image data" },
    { "\xff\xd8\xff\xe0\0\x10JFIF", 10, "JPEG image data" },
    { "GIF89a\x01\0\x01\0", 10, "GIF image data" },
    { "%PDF-1.7\n%\xe2\xe3", 13, "a PDF document" },
    { "PK\x03\x04\x14\0\0\0", 8, "a ZIP archive" },
    { "\x1f\x8b\x08\0", 4, "gzip-compressed data" },
    { "SQLite format 3\0\x10\0", 19, "an SQLite database" },
    { "\x01\x02\0\x03", 4, "binary data" },
    { "\xc0\xc1\xfe\xfe\xfe\xfe\xfe\xfe\xfe\xfe\xfe\xfe", 12, "binary data" },
    { "<?xml version=\"1.0\"?><kml/>", 27, "XML or HTML markup" },
    { "  These are not coordinates.\n", 29, "text that is not JSON" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FrontlineJsonFault fault;
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = NULL;

      g_assert_false (frontline_json_check (cases[i].text, 0, cases[i].length, 0, &fault));
      g_assert_cmpstr (fault.starts_with, ==, cases[i].starts_with);
      frontline_json_set_fault_error (&error, "map.geojson", cases[i].text, &fault);
      expected = g_strdup_printf ("map.geojson:1:%u: Parse error: not a GeoJSON file (it starts with %s)",
                                  i == G_N_ELEMENTS (cases) - 1 ? 3 : 1, cases[i].starts_with);
      g_assert_error (error, FRONTLINE_DATASET_ERROR, FRONTLINE_DATASET_ERROR_SYNTAX);
      g_assert_cmpstr (error->message, ==, expected);
    }

  /* Broken JSON is still a parse error at its place... */
  {
    static const char * const broken[] = { "// c\n1", "[1 2]", ".5", "+1", "'a'", ",", "}", "[\x89PNG]" };
    FrontlineJsonFault fault;

    for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
      {
        g_assert_false (check (broken[i], &fault));
        g_assert_null (fault.starts_with);
      }
  }
  /* ...and so is a feature's text (checked with a depth around it). */
  {
    FrontlineJsonFault fault;

    g_assert_false (frontline_json_check ("\x89PNG", 0, 4, 2, &fault));
    g_assert_null (fault.starts_with);
  }
}

/* frontline_json_skip_value() skips sixteen bytes a step: each bracket and quote is found
 * wherever it falls in a step, and brackets in strings never count. */
static void
test_skip_value_steps (void)
{
  for (guint pad = 0; pad < 40; pad++)
    for (guint inner = 0; inner < 40; inner++)
      {
        g_autoptr(GString) text = g_string_new (NULL);
        g_autofree char *spaces = g_strnfill (pad, '1');
        g_autofree char *digits = g_strnfill (inner, '2');
        gsize expected;
        gsize i = 0;

        /* [11…,[22…,"]\"}[",{"a":[22…]}],22…]  then something after */
        g_string_append_printf (text, "[%s0,[%s0,\"]\\\"}[\",{\"a\":[%s0]}],%s0]", spaces, digits,
                                digits, spaces);
        expected = text->len;
        g_string_append (text, ",[1]");
        g_assert_true (frontline_json_skip_value (text->str, &i, text->len));
        g_assert_cmpuint (i, ==, expected);

        /* Cut short anywhere inside: not a value. */
        for (gsize cut = 1; cut < expected; cut += 7)
          {
            i = 0;
            g_assert_false (frontline_json_skip_value (text->str, &i, cut));
          }
      }
}

/* The byte-at-a-time scanner frontline_json_skip_value() had: the reference. */
static gboolean
reference_skip_value (const char *d,
                      gsize      *i,
                      gsize       len)
{
  gsize j = *i;
  guint depth = 0;

  while (j < len)
    {
      if (d[j] == '"')
        {
          if (!frontline_json_skip_string (d, &j, len))
            return FALSE;
          continue;
        }
      if (d[j] == '[' || d[j] == '{')
        depth++;
      else if (d[j] == ']' || d[j] == '}')
        {
          if (depth == 0)
            return FALSE;
          if (--depth == 0)
            {
              *i = j + 1;
              return TRUE;
            }
        }
      j++;
    }
  return FALSE;
}

/* Random runs of brackets, numbers and strings: the same end as the reference, or the same
 * refusal. */
static void
test_skip_value_random (void)
{
  static const char *pieces[] = {
    "[", "[", "[", "]", "]", "]", "{", "}", "35.000000,52.000000", ",", " ", "\n",
    "\"a]b\"", "\"\\\"[\"", "\"\\\\\"", "\"{\"", "[34.987805,52.000000]",
    "[[35.1,50.2],[35.3,50.4],[35.5,50.6],[35.7,50.8]]", "0123456789abcdef",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (256);

  for (guint n = 0; n < 20000; n++)
    {
      g_autoptr(GString) text = g_string_new ("[");
      guint n_pieces = g_rand_int_range (rand, 1, 120);
      gsize expected_i = 0;
      gsize i = 0;
      gboolean expected;

      for (guint k = 0; k < n_pieces; k++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      for (guint k = g_rand_int_range (rand, 0, 40); k > 0; k--)
        g_string_append_c (text, g_rand_boolean (rand) ? ']' : '}');
      expected = reference_skip_value (text->str, &expected_i, text->len);
      g_assert_cmpint (frontline_json_skip_value (text->str, &i, text->len), ==, expected);
      if (expected)
        g_assert_cmpuint (i, ==, expected_i);
    }
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json-scan/valid", test_valid_documents);
  g_test_add_func ("/json-scan/invalid", test_invalid_documents);
  g_test_add_func ("/json-scan/trailing-commas", test_trailing_commas);
  g_test_add_func ("/json-scan/depth-limit", test_depth_limit);
  g_test_add_func ("/json-scan/lone-surrogates", test_lone_surrogates);
  g_test_add_func ("/json-scan/find-member", test_find_member);
  g_test_add_func ("/json-scan/skip-value-steps", test_skip_value_steps);
  g_test_add_func ("/json-scan/skip-value-random", test_skip_value_random);
  g_test_add_func ("/json-scan/feature-spans", test_feature_spans);
  g_test_add_func ("/json-scan/feature-spans-refused", test_feature_spans_refused);
  g_test_add_func ("/json-scan/feature-members", test_feature_members);
  g_test_add_func ("/json-scan/trailing-content", test_trailing_content);
  g_test_add_func ("/json-scan/line-column", test_line_column);
  g_test_add_func ("/json-scan/fault-error", test_fault_error);
  g_test_add_func ("/json-scan/parse", test_parse);
  g_test_add_func ("/json-scan/long-integer", test_long_integer);
  g_test_add_func ("/json-scan/not-json", test_not_json);

  return g_test_run ();
}
