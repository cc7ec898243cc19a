/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Drawings on the map kept in stops: reading them (and refusing what is
 * wrong, one annotation at a time), the speaker's notes, saving both and
 * reading them back, and the pixels the painter draws. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "frontline-annotation.h"
#include "frontline-test-init.h"
#include "frontline-dataset.h"
#include "frontline-painter.h"
#include "frontline-stop.h"

static FrontlineAnnotation *
parse (const char  *json,
       GError     **error)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return frontline_annotation_new_from_json (node, error);
}

static void
test_parse_kinds (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineAnnotation) arrow = NULL;
  g_autoptr(FrontlineAnnotation) circle = NULL;
  g_autoptr(FrontlineAnnotation) text = NULL;
  double bbox[4];

  arrow = parse ("{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[35.1,51.2],[35.4,51.3],[35.6,51.1]]},"
                 "\"properties\":{\"kind\":\"arrow\",\"color\":\"#1c71d8\",\"width\":6}}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (arrow->kind, ==, FRONTLINE_ANNOTATION_ARROW);
  g_assert_cmpuint (arrow->n_points, ==, 3);
  g_assert_cmpfloat (arrow->points[4], ==, 35.6);
  g_assert_cmpfloat_with_epsilon (arrow->rgba[2], 0xd8 / 255.0, 1e-9);
  g_assert_cmpfloat (arrow->rgba[3], ==, 1.0);
  g_assert_cmpfloat (arrow->width, ==, 6.0);
  frontline_annotation_get_bbox (arrow, bbox);
  g_assert_cmpfloat (bbox[0], ==, 35.1);
  g_assert_cmpfloat (bbox[3], ==, 51.3);

  circle = parse ("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[35.2,51.2]},"
                  "\"properties\":{\"kind\":\"circle\",\"radius\":5000,\"color\":\"#c01c2880\"}}", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (circle->radius, ==, 5000);
  g_assert_cmpfloat_with_epsilon (circle->rgba[3], 0x80 / 255.0, 1e-9);
  g_assert_cmpfloat (circle->width, ==, 4.0);  /* the default */
  frontline_annotation_get_bbox (circle, bbox);
  /* 5 km is about 0.045° of latitude. */
  g_assert_cmpfloat_with_epsilon (bbox[3] - 51.2, 5000 / 111320.0, 1e-6);
  g_assert_cmpfloat (bbox[2] - 35.2, >, bbox[3] - 51.2);

  text = parse ("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[35.2,51.2]},"
                "\"properties\":{\"kind\":\"text\",\"text\":\"Sudzha\"}}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text->text, ==, "Sudzha");
}

static void
test_parse_refuses (void)
{
  static const struct {
    const char *json;
    const char *words;
  } cases[] = {
    { "[]", "GeoJSON feature" },
    { "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}", "\"kind\"" },
    { "{\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},\"properties\":{\"kind\":\"blob\"}}", "arrow, line" },
    { "{\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,4]]},\"properties\":{\"kind\":\"circle\",\"radius\":5}}", "Point" },
    { "{\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},\"properties\":{\"kind\":\"arrow\"}}", "LineString" },
    { "{\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[1,2]]},\"properties\":{\"kind\":\"line\"}}", "2 to 100000" },
    { "{\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,\"4\"]]},\"properties\":{\"kind\":\"line\"}}", "longitude, latitude" },
    { "{\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,89]]},\"properties\":{\"kind\":\"line\"}}", "longitude, latitude" },
    { "{\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[1,2],[300,4]]},\"properties\":{\"kind\":\"line\"}}", "longitude, latitude" },
    { "{\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,4]]},\"properties\":{\"kind\":\"line\",\"color\":\"red\"}}", "#rrggbb" },
    { "{\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,4]]},\"properties\":{\"kind\":\"line\",\"color\":\"#12345g\"}}", "#rrggbb" },
    { "{\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,4]]},\"properties\":{\"kind\":\"line\",\"width\":0}}", "0.5 to 48" },
    { "{\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,4]]},\"properties\":{\"kind\":\"line\",\"width\":\"4\"}}", "0.5 to 48" },
    { "{\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},\"properties\":{\"kind\":\"circle\"}}", "radius" },
    { "{\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},\"properties\":{\"kind\":\"circle\",\"radius\":-3}}", "radius" },
    { "{\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},\"properties\":{\"kind\":\"circle\",\"radius\":1e12}}", "radius" },
    { "{\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},\"properties\":{\"kind\":\"text\"}}", "\"text\"" },
    { "{\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},\"properties\":{\"kind\":\"text\",\"text\":\"\"}}", "\"text\"" },
    { "{\"properties\":{\"kind\":\"text\",\"text\":\"a\"}}", "\"geometry\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FrontlineAnnotation) annotation = parse (cases[i].json, &error);

      g_test_message ("%s", cases[i].json);
      g_assert_null (annotation);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }
}

static void
test_text_bounded (void)
{
  g_autoptr(GString) json = g_string_new ("{\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},"
                                          "\"properties\":{\"kind\":\"text\",\"text\":\"");
  g_autoptr(FrontlineAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 3000; i++)
    g_string_append (json, "щ");
  g_string_append (json, "\"}}");
  annotation = parse (json->str, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (annotation->text, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (annotation->text, -1), ==, FRONTLINE_ANNOTATION_MAX_TEXT_CHARS);
}

static void
test_json_round_trip (void)
{
  const char *json = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[35.1,51.2],[35.4,51.3]]},"
                     "\"properties\":{\"kind\":\"freehand\",\"color\":\"#26a269cc\",\"width\":2.5}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineAnnotation) first = parse (json, &error);
  g_autoptr(JsonNode) node = frontline_annotation_to_json (first);
  g_autoptr(FrontlineAnnotation) second = frontline_annotation_new_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_cmpint (second->kind, ==, FRONTLINE_ANNOTATION_FREEHAND);
  g_assert_cmpuint (second->n_points, ==, 2);
  g_assert_cmpmem (second->points, 4 * sizeof (double), first->points, 4 * sizeof (double));
  for (int k = 0; k < 4; k++)
    g_assert_cmpfloat_with_epsilon (second->rgba[k], first->rgba[k], 1e-9);
  g_assert_cmpfloat (second->width, ==, 2.5);
}

/* A dataset with one stop that has notes and annotations, two of them
 * wrong. */
static const char dataset_json[] =
  "{\"type\":\"FeatureCollection\",\"features\":["
  "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-10\",\"faction\":\"ua\",\"status\":\"controlled\"},"
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[35.5,51],[35.5,51.5],[35,51.5],[35,51]]]}}],"
  "\"frontline\":{\"version\":1,\"stops\":[{\"title\":\"First\",\"date\":\"2024-08-10\","
  "\"view\":{\"center\":[35.25,51.25],\"zoom\":9},\"notes\":\"Say where Sudzha is.\","
  "\"annotations\":["
  "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[35.1,51.1],[35.4,51.4]]},\"properties\":{\"kind\":\"arrow\"}},"
  "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[35.2,51.2]},\"properties\":{\"kind\":\"sticker\"}},"
  "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[35.3,51.3]},\"properties\":{\"kind\":\"text\",\"text\":\"Sudzha\"}},"
  "7]},"
  "{\"title\":\"Second\",\"date\":\"2024-08-10\",\"annotations\":{\"not\":\"an array\"}}]}}";

static FrontlineDataset *
load_text (const char  *text,
           char       **path_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("frontline-annotation-XXXXXX", &error);
  char *path = g_build_filename (dir, "stops.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  FrontlineDataset *dataset;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  *path_out = path;

  return dataset;
}

static gboolean
has_diagnostic (FrontlineDataset *dataset,
                const char       *location,
                const char       *words)
{
  GPtrArray *diagnostics = frontline_dataset_get_diagnostics (dataset);

  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      FrontlineDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (g_strcmp0 (d->location, location) == 0 && strstr (d->message, words) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
remove_file_and_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_stop_load_and_save (void)
{
  g_autofree char *path = NULL;
  g_autoptr(FrontlineDataset) dataset = load_text (dataset_json, &path);
  g_autoptr(FrontlineStop) first = g_list_model_get_item (frontline_dataset_get_stops (dataset), 0);
  g_autoptr(FrontlineStop) second = g_list_model_get_item (frontline_dataset_get_stops (dataset), 1);
  g_autoptr(FrontlineDataset) again = NULL;
  g_autoptr(FrontlineStop) first_again = NULL;
  g_autoptr(FrontlineStop) second_again = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) edited = g_ptr_array_new_with_free_func ((GDestroyNotify) frontline_annotation_free);
  double points[] = { 35.0, 51.0, 35.5, 51.5 };
  g_autofree char *contents = NULL;
  GPtrArray *annotations;

  g_assert_cmpstr (frontline_stop_get_notes (first), ==, "Say where Sudzha is.");
  annotations = frontline_stop_get_annotations (first);
  g_assert_cmpuint (annotations->len, ==, 2);
  g_assert_cmpint (((FrontlineAnnotation *) annotations->pdata[0])->kind, ==, FRONTLINE_ANNOTATION_ARROW);
  g_assert_cmpstr (((FrontlineAnnotation *) annotations->pdata[1])->text, ==, "Sudzha");
  g_assert_true (has_diagnostic (dataset, "/frontline/stops/0/annotations/1", "arrow, line"));
  g_assert_true (has_diagnostic (dataset, "/frontline/stops/0/annotations/3", "GeoJSON feature"));
  g_assert_true (has_diagnostic (dataset, "/frontline/stops/1", "\"annotations\" must be an array"));
  g_assert_null (frontline_stop_get_notes (second));
  g_assert_cmpuint (frontline_stop_get_annotations (second)->len, ==, 0);

  /* Unedited, a stop is written as it was read: the wrong annotations too,
   * for the author to mend. */
  g_assert_true (frontline_dataset_save (dataset, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"sticker\""));
  g_clear_pointer (&contents, g_free);

  /* Edited: the new notes and drawings. */
  frontline_stop_set_notes (first, "Point at the border first.");
  frontline_stop_set_notes (second, "");
  g_assert_null (frontline_stop_get_notes (second));
  g_ptr_array_add (edited, frontline_annotation_new (FRONTLINE_ANNOTATION_LINE, points, 2));
  frontline_stop_set_annotations (second, edited);
  frontline_stop_set_annotations (first, NULL);
  g_assert_true (frontline_dataset_save (dataset, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "\"sticker\""));

  again = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  first_again = g_list_model_get_item (frontline_dataset_get_stops (again), 0);
  second_again = g_list_model_get_item (frontline_dataset_get_stops (again), 1);
  g_assert_cmpstr (frontline_stop_get_notes (first_again), ==, "Point at the border first.");
  g_assert_cmpuint (frontline_stop_get_annotations (first_again)->len, ==, 0);
  annotations = frontline_stop_get_annotations (second_again);
  g_assert_cmpuint (annotations->len, ==, 1);
  g_assert_cmpint (((FrontlineAnnotation *) annotations->pdata[0])->kind, ==, FRONTLINE_ANNOTATION_LINE);
  g_assert_cmpmem (((FrontlineAnnotation *) annotations->pdata[0])->points, sizeof points, points, sizeof points);
  g_assert_cmpuint (frontline_dataset_get_diagnostics (again) ? frontline_dataset_get_diagnostics (again)->len : 0, ==, 0);

  remove_file_and_folder (path);
}

/* Pixels */

static void
pixel (cairo_surface_t *surface,
       int              x,
       int              y,
       int              rgb[3])
{
  guint32 p;

  cairo_surface_flush (surface);
  p = *(guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface) + x * 4);
  rgb[0] = (p >> 16) & 0xff;
  rgb[1] = (p >> 8) & 0xff;
  rgb[2] = p & 0xff;
}

static gboolean
is_blue (cairo_surface_t *surface,
         int              x,
         int              y)
{
  int rgb[3];

  pixel (surface, x, y, rgb);
  return rgb[2] > 180 && rgb[0] < 60 && rgb[1] < 140;
}

static gboolean
is_grey_background (cairo_surface_t *surface,
                    int              x,
                    int              y)
{
  int rgb[3];

  pixel (surface, x, y, rgb);
  return rgb[0] == 128 && rgb[1] == 128 && rgb[2] == 128;
}

static void
test_painter_pixels (void)
{
  FrontlineView view = { 35.0, 51.0, 10, 400, 300 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 300);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) frontline_annotation_free);
  double a[4], b[4];
  double x0, y0, x1, y1, cx, cy;
  FrontlineAnnotation *arrow, *circle;

  /* An arrow from the left of the centre to the right of it, and a circle
   * of 3 km around a point below. */
  frontline_view_from_point (&view, 50, 150, &a[0], &a[1]);
  frontline_view_from_point (&view, 350, 150, &a[2], &a[3]);
  arrow = frontline_annotation_new (FRONTLINE_ANNOTATION_ARROW, a, 2);
  frontline_annotation_parse_color ("#1c71d8", arrow->rgba);
  g_ptr_array_add (annotations, arrow);
  frontline_view_from_point (&view, 200, 240, &b[0], &b[1]);
  circle = frontline_annotation_new (FRONTLINE_ANNOTATION_CIRCLE, b, 1);
  circle->radius = 3000;
  frontline_annotation_parse_color ("#1c71d8", circle->rgba);
  g_ptr_array_add (annotations, circle);

  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_paint (cr);
  frontline_painter_draw_annotations (cr, &view, annotations);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  frontline_view_to_point (&view, a[0], a[1], &x0, &y0);
  frontline_view_to_point (&view, a[2], a[3], &x1, &y1);
  /* The shaft along the line, the casing beside it, the background away. */
  g_assert_true (is_blue (surface, 150, 150));
  g_assert_true (is_blue (surface, 200, 151));
  g_assert_false (is_blue (surface, 150, 155));
  g_assert_true (is_grey_background (surface, 150, 170));
  /* The head: wider than the shaft near the tip, nothing past it. */
  g_assert_true (is_blue (surface, 338, 154));
  g_assert_true (is_blue (surface, 338, 146));
  g_assert_true (is_grey_background (surface, 360, 150));

  /* The circle: 3 km at 51° N and zoom 10 is 3000 / (2πR cos 51° / 2^18)
   * pixels (about 31.4). */
  frontline_view_to_point (&view, b[0], b[1], &cx, &cy);
  {
    double r = 3000 / (2 * G_PI * 6378137.0 * cos (b[1] * G_PI / 180) / (256.0 * 1024));

    g_assert_cmpfloat_with_epsilon (r, 31.4, 0.5);
    g_assert_true (is_blue (surface, (int) round (cx + r), (int) round (cy)));
    g_assert_true (is_blue (surface, (int) round (cx), (int) round (cy - r)));
    g_assert_true (is_grey_background (surface, (int) round (cx), (int) round (cy)));
  }

  /* The same drawings at the next zoom: twice as far apart. */
  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_paint (cr);
  view.zoom = 11;
  view.center_lon = (a[0] + a[2]) / 2;
  view.center_lat = a[1];
  frontline_painter_draw_annotations (cr, &view, annotations);
  g_assert_true (is_blue (surface, 200, 150));
  g_assert_true (is_grey_background (surface, 200, 170));
  /* The line now runs past both sides of the picture. */
  g_assert_true (is_blue (surface, 2, 150));
  g_assert_true (is_blue (surface, 397, 150));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_painter_text (void)
{
  FrontlineView view = { 35.0, 51.0, 10, 300, 200 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 200);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) frontline_annotation_free);
  double p[2] = { 35.0, 51.0 };
  FrontlineAnnotation *text = frontline_annotation_new (FRONTLINE_ANNOTATION_TEXT, p, 1);
  guint blue_left = 0, blue_right = 0, blue_far = 0;

  frontline_annotation_set_text (text, "Sudzha HQ");
  frontline_annotation_parse_color ("#1c71d8", text->rgba);
  g_ptr_array_add (annotations, text);
  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_paint (cr);
  frontline_painter_draw_annotations (cr, &view, annotations);

  /* Centred on its point: ink on both sides of it, none far away. */
  for (int y = 80; y < 120; y++)
    for (int x = 0; x < 300; x++)
      if (is_blue (surface, x, y))
        {
          if (x < 150 && x > 90)
            blue_left++;
          else if (x >= 150 && x < 210)
            blue_right++;
          else if (x < 60 || x > 240)
            blue_far++;
        }
  g_assert_cmpuint (blue_left, >, 20);
  g_assert_cmpuint (blue_right, >, 20);
  g_assert_cmpuint (blue_far, ==, 0);
  for (int x = 0; x < 300; x++)
    g_assert_false (is_blue (surface, x, 10));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/annotation/parse-kinds", test_parse_kinds);
  g_test_add_func ("/annotation/parse-refuses", test_parse_refuses);
  g_test_add_func ("/annotation/text-bounded", test_text_bounded);
  g_test_add_func ("/annotation/json-round-trip", test_json_round_trip);
  g_test_add_func ("/annotation/stop-load-and-save", test_stop_load_and_save);
  g_test_add_func ("/annotation/painter-pixels", test_painter_pixels);
  g_test_add_func ("/annotation/painter-text", test_painter_text);

  return g_test_run ();
}
