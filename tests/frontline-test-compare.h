/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

/* Deep comparison of two datasets, for save round trips (load, save, load:
 * the same data), and a scanner that records where a file's stops lie the
 * way the loader does (FrontlineSourceText), for tests of the byte copy.
 * Static functions: include this header once per test. */

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "frontline-geometry.h"
#include "frontline-model-private.h"

G_GNUC_UNUSED static void
frontline_test_assert_json_equal (JsonNode   *a,
                                  JsonNode   *b,
                                  const char *what)
{
  if ((a == NULL) != (b == NULL) || (a != NULL && !json_node_equal (a, b)))
    {
      g_autofree char *ta = a ? json_to_string (a, FALSE) : g_strdup ("(none)");
      g_autofree char *tb = b ? json_to_string (b, FALSE) : g_strdup ("(none)");

      g_error ("%s differs: %s vs %s", what, ta, tb);
    }
}

G_GNUC_UNUSED static void
frontline_test_assert_object_equal (JsonObject *a,
                                    JsonObject *b,
                                    const char *what)
{
  g_autoptr(JsonNode) na = a ? json_node_init_object (json_node_alloc (), a) : NULL;
  g_autoptr(JsonNode) nb = b ? json_node_init_object (json_node_alloc (), b) : NULL;

  frontline_test_assert_json_equal (na, nb, what);
}

G_GNUC_UNUSED static void
frontline_test_assert_geometry_equal (const FrontlineGeometry *a,
                                      const FrontlineGeometry *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (a->n_polygons, ==, b->n_polygons);
  g_assert_cmpuint (a->n_rings, ==, b->n_rings);
  g_assert_cmpuint (a->n_points, ==, b->n_points);
  g_assert_cmpmem (a->polygons, (a->n_polygons + 1) * sizeof (guint),
                   b->polygons, (b->n_polygons + 1) * sizeof (guint));
  g_assert_cmpmem (a->rings, (a->n_rings + 1) * sizeof (guint),
                   b->rings, (b->n_rings + 1) * sizeof (guint));
  /* Bit for bit: the writer's doubles read back as the same double. */
  g_assert_cmpmem (a->coords, 2 * a->n_points * sizeof (double),
                   b->coords, 2 * b->n_points * sizeof (double));
}

G_GNUC_UNUSED static void
frontline_test_assert_strv_equal (char **a,
                                  char **b)
{
  guint na = a ? g_strv_length (a) : 0;
  guint nb = b ? g_strv_length (b) : 0;

  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    g_assert_cmpstr (a[i], ==, b[i]);
}

G_GNUC_UNUSED static void
frontline_test_assert_datasets_equal (FrontlineDataset *a,
                                      FrontlineDataset *b)
{
  GListModel *la, *lb;

  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpstr (a->description, ==, b->description);
  g_assert_cmpstr (a->attribution, ==, b->attribution);
  g_assert_cmpstr (a->license, ==, b->license);
  g_assert_cmpint (a->approximate, ==, b->approximate);
  g_assert_cmpint (a->has_default_view, ==, b->has_default_view);
  if (a->has_default_view)
    g_assert_cmpmem (a->default_view, sizeof a->default_view, b->default_view, sizeof b->default_view);

  la = G_LIST_MODEL (a->factions);
  lb = G_LIST_MODEL (b->factions);
  g_assert_cmpuint (g_list_model_get_n_items (la), ==, g_list_model_get_n_items (lb));
  for (guint i = 0; i < g_list_model_get_n_items (la); i++)
    {
      g_autoptr(FrontlineFaction) fa = g_list_model_get_item (la, i);
      g_autoptr(FrontlineFaction) fb = g_list_model_get_item (lb, i);

      g_assert_cmpstr (fa->id, ==, fb->id);
      g_assert_cmpstr (fa->name, ==, fb->name);
      g_assert_cmpstr (fa->color, ==, fb->color);
      g_assert_cmpstr (fa->hatch, ==, fb->hatch);
    }

  la = G_LIST_MODEL (a->sources);
  lb = G_LIST_MODEL (b->sources);
  g_assert_cmpuint (g_list_model_get_n_items (la), ==, g_list_model_get_n_items (lb));
  for (guint i = 0; i < g_list_model_get_n_items (la); i++)
    {
      g_autoptr(FrontlineSource) sa = g_list_model_get_item (la, i);
      g_autoptr(FrontlineSource) sb = g_list_model_get_item (lb, i);

      g_assert_cmpstr (sa->id, ==, sb->id);
      g_assert_cmpstr (sa->title, ==, sb->title);
      g_assert_cmpstr (sa->publisher, ==, sb->publisher);
      g_assert_cmpstr (sa->author, ==, sb->author);
      g_assert_cmpstr (sa->url, ==, sb->url);
      g_assert_cmpstr (sa->published, ==, sb->published);
      g_assert_cmpstr (sa->date_precision, ==, sb->date_precision);
      g_assert_cmpstr (sa->language, ==, sb->language);
      g_assert_cmpstr (sa->notes, ==, sb->notes);
    }

  la = G_LIST_MODEL (a->quotes);
  lb = G_LIST_MODEL (b->quotes);
  g_assert_cmpuint (g_list_model_get_n_items (la), ==, g_list_model_get_n_items (lb));
  for (guint i = 0; i < g_list_model_get_n_items (la); i++)
    {
      g_autoptr(FrontlineQuote) qa = g_list_model_get_item (la, i);
      g_autoptr(FrontlineQuote) qb = g_list_model_get_item (lb, i);

      g_assert_cmpstr (qa->id, ==, qb->id);
      g_assert_cmpstr (qa->text, ==, qb->text);
      g_assert_cmpstr (qa->speaker, ==, qb->speaker);
      g_assert_cmpstr (qa->role, ==, qb->role);
      g_assert_cmpstr (qa->date, ==, qb->date);
      g_assert_cmpstr (qa->source_id, ==, qb->source_id);
      g_assert_cmpstr (qa->place, ==, qb->place);
      g_assert_cmpint (qa->day, ==, qb->day);
      g_assert_cmpint (qa->has_location, ==, qb->has_location);
      if (qa->has_location)
        {
          g_assert_cmpfloat (qa->lon, ==, qb->lon);
          g_assert_cmpfloat (qa->lat, ==, qb->lat);
        }
    }

  la = G_LIST_MODEL (a->stops);
  lb = G_LIST_MODEL (b->stops);
  g_assert_cmpuint (g_list_model_get_n_items (la), ==, g_list_model_get_n_items (lb));
  for (guint i = 0; i < g_list_model_get_n_items (la); i++)
    {
      g_autoptr(FrontlineStop) sa = g_list_model_get_item (la, i);
      g_autoptr(FrontlineStop) sb = g_list_model_get_item (lb, i);

      g_assert_cmpstr (sa->title, ==, sb->title);
      g_assert_cmpstr (sa->date, ==, sb->date);
      g_assert_cmpstr (sa->caption, ==, sb->caption);
      g_assert_cmpint (sa->day, ==, sb->day);
      g_assert_cmpint (sa->compare_day, ==, sb->compare_day);
      frontline_test_assert_strv_equal (sa->quote_ids, sb->quote_ids);
      g_assert_cmpint (sa->has_center, ==, sb->has_center);
      if (sa->has_center)
        {
          g_assert_cmpfloat (sa->lon, ==, sb->lon);
          g_assert_cmpfloat (sa->lat, ==, sb->lat);
          g_assert_cmpfloat (sa->zoom, ==, sb->zoom);
        }
      g_assert_cmpint (sa->has_bbox, ==, sb->has_bbox);
      if (sa->has_bbox)
        g_assert_cmpmem (sa->bbox, sizeof sa->bbox, sb->bbox, sizeof sb->bbox);
    }

  la = G_LIST_MODEL (a->areas);
  lb = G_LIST_MODEL (b->areas);
  g_assert_cmpuint (g_list_model_get_n_items (la), ==, g_list_model_get_n_items (lb));
  for (guint i = 0; i < g_list_model_get_n_items (la); i++)
    {
      g_autoptr(FrontlineArea) aa = g_list_model_get_item (la, i);
      g_autoptr(FrontlineArea) ab = g_list_model_get_item (lb, i);

      g_assert_cmpstr (aa->id, ==, ab->id);
      g_assert_cmpint (aa->day, ==, ab->day);
      g_assert_cmpint (aa->valid_until, ==, ab->valid_until);
      g_assert_cmpstr (aa->faction ? aa->faction->id : NULL, ==, ab->faction ? ab->faction->id : NULL);
      g_assert_cmpint (aa->status, ==, ab->status);
      frontline_test_assert_strv_equal (aa->source_ids, ab->source_ids);
      g_assert_cmpint (aa->approximate, ==, ab->approximate);
      g_assert_cmpstr (aa->note, ==, ab->note);
      g_assert_cmpint (aa->multi, ==, ab->multi);
      frontline_test_assert_geometry_equal (aa->original_geometry ? aa->original_geometry : aa->geometry,
                                            ab->original_geometry ? ab->original_geometry : ab->geometry);
      frontline_test_assert_geometry_equal (aa->geometry, ab->geometry);
    }

  g_assert_cmpuint (a->days->len, ==, b->days->len);
  g_assert_cmpmem (a->days->data, a->days->len * sizeof (FrontlineDay),
                   b->days->data, b->days->len * sizeof (FrontlineDay));

  /* Every member kept for saving: the root without its features, and each
   * feature (properties included) without the geometry of areas. */
  if (a->root != NULL || b->root != NULL)
    {
      /* The stops as read stay in the root; the model's stops count, above. */
      g_autoptr(JsonNode) ra = a->root ? json_node_init_object (json_node_alloc (), a->root) : NULL;
      g_autoptr(JsonNode) rb = b->root ? json_node_init_object (json_node_alloc (), b->root) : NULL;
      g_autoptr(JsonNode) ca = ra ? json_node_copy (ra) : NULL;
      g_autoptr(JsonNode) cb = rb ? json_node_copy (rb) : NULL;
      JsonNode *roots[] = { ca, cb };

      for (guint r = 0; r < 2; r++)
        if (roots[r] != NULL)
          {
            JsonObject *root = json_node_get_object (roots[r]);
            JsonNode *meta = json_object_get_member (root, "frontline");

            if (meta != NULL && JSON_NODE_HOLDS_OBJECT (meta))
              {
                /* json_node_copy shares objects: copy the member before changing it. */
                JsonObject *copy = json_object_new ();
                JsonObject *rebuilt;
                JsonObjectIter iter;
                const char *name;
                JsonNode *value;

                json_object_iter_init_ordered (&iter, json_node_get_object (meta));
                while (json_object_iter_next_ordered (&iter, &name, &value))
                  if (!g_str_equal (name, "stops"))
                    json_object_set_member (copy, name, json_node_copy (value));
                rebuilt = json_object_new ();
                json_object_iter_init_ordered (&iter, root);
                while (json_object_iter_next_ordered (&iter, &name, &value))
                  if (g_str_equal (name, "frontline"))
                    json_object_set_object_member (rebuilt, name, json_object_ref (copy));
                  else
                    json_object_set_member (rebuilt, name, json_node_copy (value));
                roots[r] = json_node_init_object (json_node_alloc (), rebuilt);
                json_object_unref (rebuilt);
                json_object_unref (copy);
              }
            else
              roots[r] = json_node_copy (roots[r]);
          }

      /* A "frontline" member added by saving stops holds only a version. */
      for (guint r = 0; r < 2; r++)
        if (roots[r] != NULL && roots[1 - r] != NULL &&
            !json_object_has_member (json_node_get_object (roots[1 - r]), "frontline") &&
            json_object_has_member (json_node_get_object (roots[r]), "frontline"))
          {
            JsonNode *meta = json_object_get_member (json_node_get_object (roots[r]), "frontline");

            if (JSON_NODE_HOLDS_OBJECT (meta) && json_object_get_size (json_node_get_object (meta)) == 1 &&
                json_object_get_int_member_with_default (json_node_get_object (meta), "version", 0) == 1)
              json_object_remove_member (json_node_get_object (roots[r]), "frontline");
          }
      frontline_test_assert_json_equal (roots[0], roots[1], "the root object");
      g_clear_pointer (&roots[0], json_node_unref);
      g_clear_pointer (&roots[1], json_node_unref);
    }
  g_assert_cmpuint (a->features ? a->features->len : 0, ==, b->features ? b->features->len : 0);
  for (guint i = 0; a->features != NULL && i < a->features->len; i++)
    frontline_test_assert_object_equal (g_ptr_array_index (a->features, i),
                                        g_ptr_array_index (b->features, i), "a feature");
}

/* The scanner: strings and brackets, enough for valid JSON. */

G_GNUC_UNUSED static gsize
frontline_test_skip_space (const char *text,
                           gsize       length,
                           gsize       i)
{
  while (i < length && strchr (" \t\r\n", text[i]) != NULL && text[i] != '\0')
    i++;
  return i;
}

/* Returns the index after the value starting at @i. */
G_GNUC_UNUSED static gsize
frontline_test_skip_value (const char *text,
                           gsize       length,
                           gsize       i)
{
  int depth = 0;

  do
    {
      if (i >= length)
        return length;
      switch (text[i])
        {
        case '"':
          for (i++; i < length && text[i] != '"'; i++)
            if (text[i] == '\\')
              i++;
          i++;
          break;
        case '[': case '{':
          depth++;
          i++;
          break;
        case ']': case '}':
          depth--;
          i++;
          break;
        default:
          if (depth == 0)
            {
              while (i < length && strchr (",]} \t\r\n", text[i]) == NULL)
                i++;
              return i;
            }
          i++;
          break;
        }
    }
  while (depth > 0);

  return i;
}

/* Calls @member for each member of the object whose '{' is at @open;
 * returns the index of its '}'. */
G_GNUC_UNUSED static gsize
frontline_test_members (const char *text,
                        gsize       length,
                        gsize       open,
                        void      (*member) (const char *key, gsize start, gsize end, gpointer data),
                        gpointer    data)
{
  gsize i = frontline_test_skip_space (text, length, open + 1);

  while (i < length && text[i] != '}')
    {
      gsize key_start = i + 1, key_end, start, end;
      g_autofree char *key = NULL;

      i = frontline_test_skip_value (text, length, i);
      key_end = i - 1;
      key = g_strndup (text + key_start, key_end - key_start);
      i = frontline_test_skip_space (text, length, i) + 1;  /* ':' */
      start = frontline_test_skip_space (text, length, i);
      end = frontline_test_skip_value (text, length, start);
      member (key, start, end, data);
      i = frontline_test_skip_space (text, length, end);
      if (i < length && text[i] == ',')
        i = frontline_test_skip_space (text, length, i + 1);
    }

  return i;
}

typedef struct {
  const char          *text;
  gsize                length;
  FrontlineSourceText *source;
} FrontlineTestScan;

G_GNUC_UNUSED static void
frontline_test_on_frontline_member (const char *key,
                                    gsize       start,
                                    gsize       end,
                                    gpointer    data)
{
  FrontlineTestScan *scan = data;

  if (g_str_equal (key, "stops"))
    {
      scan->source->has_stops = TRUE;
      scan->source->stops_start = start;
      scan->source->stops_end = end;
    }
}

G_GNUC_UNUSED static void
frontline_test_on_root_member (const char *key,
                               gsize       start,
                               gsize       end,
                               gpointer    data)
{
  FrontlineTestScan *scan = data;

  if (g_str_equal (key, "frontline"))
    {
      scan->source->has_frontline = scan->text[start] == '{';
      scan->source->has_stops = FALSE;
      if (scan->source->has_frontline)
        {
          scan->source->frontline_open = start;
          scan->source->frontline_close =
            frontline_test_members (scan->text, scan->length, start,
                                    frontline_test_on_frontline_member, scan);
        }
    }
}

/* Fills @ds->source as the loader does, from the file at @path. */
G_GNUC_UNUSED static void
frontline_test_fill_source (FrontlineDataset *ds,
                            const char       *path)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  GStatBuf st;
  FrontlineTestScan scan;
  gsize i = 0;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  g_assert_cmpint (g_stat (path, &st), ==, 0);

  g_clear_pointer (&ds->source.path, g_free);
  memset (&ds->source, 0, sizeof ds->source);
  ds->source.path = g_strdup (path);
  ds->source.size = (guint64) st.st_size;
  ds->source.mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
  ds->source.device = (guint64) st.st_dev;
  ds->source.inode = (guint64) st.st_ino;

  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  i = frontline_test_skip_space (text, length, i);
  g_assert_cmpint (text[i], ==, '{');
  ds->source.root_open = i;

  scan = (FrontlineTestScan) { text, length, &ds->source };
  frontline_test_members (text, length, i, frontline_test_on_root_member, &scan);
}
