/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include "frontline-annotation-bar.h"
#include "frontline-application.h"
#include "frontline-stop-row.h"
#include "frontline-test-utils.h"
#include "frontline-window.h"

/* Drawing on a stop in the window: Draw on Stop goes to the stop and shows
 * the bar; each tool makes its drawing from where the pointer went (points
 * of the map widget, as the gestures give them); Undo, Erase, the text
 * popover; the stop gets the drawings and saving keeps them; the layer shows
 * the stop drawn on, and the stop presented while presenting. The stop
 * row's speaker notes and move duration are written to the stop. */

#define EARTH_RADIUS 6378137.0

static FrontlineApplication *app;

static gboolean
saved_cb (gpointer data)
{
  return !frontline_test_action_enabled (data, "cancel-save") &&
         frontline_test_action_enabled (data, "save");
}

typedef struct {
  GtkWidget *map;
  int        width;
  int        same;
} Settle;

/* The map keeps its size for 100 ms: the side panel has stopped sliding. */
static gboolean
map_settled_cb (gpointer data)
{
  Settle *settle = data;
  int width = gtk_widget_get_width (settle->map);

  g_usleep (5000);
  if (width > 0 && width == settle->width)
    settle->same++;
  else
    settle->same = 0;
  settle->width = width;
  return settle->same >= 20;
}

static char *
copy_kursk (char **folder_out)
{
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                                "kursk-2024-2025.geojson", NULL);
  g_autofree char *folder = g_dir_make_tmp ("frontline-annotate-XXXXXX", NULL);
  char *path = g_build_filename (folder, "kursk.geojson", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (src, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  *folder_out = g_steal_pointer (&folder);
  return path;
}

static FrontlineStop *
stop_at (FrontlineWindow *window,
         guint            index)
{
  g_autoptr(FrontlineStop) stop = g_list_model_get_item (frontline_dataset_get_stops (frontline_window_get_dataset (window)),
                                                         index);

  return stop;
}

static GPtrArray *
annotations_of (FrontlineStop *stop)
{
  return frontline_stop_get_annotations (stop);
}

static FrontlineAnnotation *
last_annotation (FrontlineStop *stop)
{
  GPtrArray *annotations = annotations_of (stop);

  g_assert_cmpuint (annotations->len, >, 0);
  return g_ptr_array_index (annotations, annotations->len - 1);
}

/* Where (@lon, @lat) is on the map widget, through the layer's view. */
static void
to_map_point (FrontlineWindow *window,
              double           lon,
              double           lat,
              double          *x,
              double          *y)
{
  FrontlineAnnotationLayer *layer = frontline_window_get_annotation_layer (window);
  graphene_point_t point, out;
  FrontlineView view;
  double lx, ly;

  frontline_annotation_layer_get_view (layer, &view);
  frontline_view_to_point (&view, lon, lat, &lx, &ly);
  point = GRAPHENE_POINT_INIT (lx, ly);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (layer),
                                           GTK_WIDGET (frontline_window_get_map (window)),
                                           &point, &out));
  *x = out.x;
  *y = out.y;
}

static void
assert_at (FrontlineWindow           *window,
           const FrontlineAnnotation *annotation,
           guint                      index,
           double                     x,
           double                     y)
{
  double px, py;

  to_map_point (window, annotation->points[2 * index], annotation->points[2 * index + 1], &px, &py);
  g_assert_cmpfloat_with_epsilon (px, x, 0.01);
  g_assert_cmpfloat_with_epsilon (py, y, 0.01);
}

static void
drag (FrontlineAnnotationBar *bar,
      double                  x0,
      double                  y0,
      double                  x1,
      double                  y1)
{
  g_assert_true (frontline_annotation_bar_begin (bar, x0, y0));
  for (int i = 1; i <= 10; i++)
    frontline_annotation_bar_update (bar, x0 + (x1 - x0) * i / 10.0, y0 + (y1 - y0) * i / 10.0);
  frontline_annotation_bar_end (bar, x1, y1);
}

/* Activates the bar's shortcut for @accel ("Escape", "<Control>z") as the
 * key would. */
static gboolean
press_shortcut (FrontlineAnnotationBar *bar,
                const char             *accel)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (bar));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (trigger, accel))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                 GTK_WIDGET (bar), NULL);
        }
    }
  g_assert_not_reached ();
  return FALSE;
}

static void
test_draw_on_stop (void)
{
  FrontlineWindow *window = FRONTLINE_WINDOW (frontline_application_new_window (app));
  g_autofree char *folder = NULL;
  g_autofree char *path = copy_kursk (&folder);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = NULL;
  FrontlineAnnotationBar *bar;
  FrontlineAnnotationLayer *layer;
  FrontlineAnnotation *annotation;
  FrontlineStop *stop;
  GtkPopover *popover;
  GtkWidget *entry;
  Settle settle = { NULL, 0, 0 };
  double rgba[4];
  int width, height;

  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  frontline_window_open (window, file);
  frontline_test_wait_until (frontline_test_has_dataset_cb, window, 10000);

  bar = frontline_window_get_annotation_bar (window);
  layer = frontline_window_get_annotation_layer (window);
  g_assert_true (frontline_test_action_enabled (GTK_WIDGET (window), "annotate"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_null (frontline_annotation_layer_get_stop (layer));

  /* A stop's Draw button: to its day, the bar shown with Arrow on. */
  stop = stop_at (window, 1);
  g_assert_cmpuint (annotations_of (stop)->len, ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate-stop", "u", 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_true (frontline_annotation_bar_get_stop (bar) == stop);
  g_assert_true (frontline_annotation_layer_get_stop (layer) == stop);
  g_assert_cmpint (frontline_annotation_bar_get_tool (bar), ==, FRONTLINE_ANNOTATION_TOOL_ARROW);
  g_assert_cmpuint (frontline_window_get_day (window), ==, frontline_stop_get_day (stop));

  settle.map = GTK_WIDGET (frontline_window_get_map (window));
  frontline_test_wait_until (map_settled_cb, &settle, 5000);
  width = gtk_widget_get_width (settle.map);
  height = gtk_widget_get_height (settle.map);
  g_assert_cmpint (width, >, 400);
  g_assert_cmpint (height, >, 300);

  /* Arrow: from where the drag starts to where it ends, red, 4 pixels. */
  drag (bar, 100, 120, 300, 220);
  g_assert_cmpuint (annotations_of (stop)->len, ==, 1);
  annotation = last_annotation (stop);
  g_assert_cmpint (annotation->kind, ==, FRONTLINE_ANNOTATION_ARROW);
  g_assert_cmpuint (annotation->n_points, ==, 2);
  assert_at (window, annotation, 0, 100, 120);
  assert_at (window, annotation, 1, 300, 220);
  g_assert_true (frontline_annotation_parse_color ("#e01b24", rgba));
  g_assert_cmpmem (annotation->rgba, sizeof rgba, rgba, sizeof rgba);
  g_assert_cmpfloat (annotation->width, ==, 4.0);

  /* A click with Arrow or Line draws nothing. */
  frontline_annotation_bar_set_tool (bar, FRONTLINE_ANNOTATION_TOOL_LINE);
  drag (bar, 400, 300, 401, 301);
  g_assert_cmpuint (annotations_of (stop)->len, ==, 1);

  /* Line, blue, 6 pixels. */
  frontline_annotation_bar_set_color (bar, "#1c71d8");
  frontline_annotation_bar_set_line_width (bar, 6);
  drag (bar, 120, 400, 380, 380);
  annotation = last_annotation (stop);
  g_assert_cmpint (annotation->kind, ==, FRONTLINE_ANNOTATION_LINE);
  assert_at (window, annotation, 0, 120, 400);
  assert_at (window, annotation, 1, 380, 380);
  g_assert_true (frontline_annotation_parse_color ("#1c71d8", rgba));
  g_assert_cmpmem (annotation->rgba, sizeof rgba, rgba, sizeof rgba);
  g_assert_cmpfloat (annotation->width, ==, 6.0);

  /* Circle: centred where the drag starts, reaching where it ends. */
  frontline_annotation_bar_set_tool (bar, FRONTLINE_ANNOTATION_TOOL_CIRCLE);
  drag (bar, 500, 250, 530, 290);
  annotation = last_annotation (stop);
  g_assert_cmpint (annotation->kind, ==, FRONTLINE_ANNOTATION_CIRCLE);
  g_assert_cmpuint (annotation->n_points, ==, 1);
  assert_at (window, annotation, 0, 500, 250);
  {
    FrontlineView view;
    double metres_per_pixel;

    frontline_annotation_layer_get_view (layer, &view);
    metres_per_pixel = 2 * G_PI * EARTH_RADIUS * cos (annotation->points[1] * G_PI / 180) /
                       (256.0 * exp2 (view.zoom));
    g_assert_cmpfloat_with_epsilon (annotation->radius / metres_per_pixel, 50.0, 0.01);
  }

  /* Freehand: every stretch of the drag. */
  frontline_annotation_bar_set_tool (bar, FRONTLINE_ANNOTATION_TOOL_FREEHAND);
  g_assert_true (frontline_annotation_bar_begin (bar, 200, 300));
  for (int i = 1; i <= 20; i++)
    frontline_annotation_bar_update (bar, 200 + 5 * i, 300 + 20 * sin (i / 3.0));
  frontline_annotation_bar_end (bar, 300, 300);
  annotation = last_annotation (stop);
  g_assert_cmpint (annotation->kind, ==, FRONTLINE_ANNOTATION_FREEHAND);
  g_assert_cmpuint (annotation->n_points, >=, 20);
  assert_at (window, annotation, 0, 200, 300);
  assert_at (window, annotation, 5, 225, 300 + 20 * sin (5 / 3.0));
  g_assert_cmpuint (annotations_of (stop)->len, ==, 4);

  /* Text: a click asks for the text in a popover there. */
  frontline_annotation_bar_set_tool (bar, FRONTLINE_ANNOTATION_TOOL_TEXT);
  popover = frontline_annotation_bar_get_text_popover (bar);
  drag (bar, 450, 150, 450, 150);
  frontline_test_spin (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpuint (annotations_of (stop)->len, ==, 4);
  entry = frontline_test_find_widget (GTK_WIDGET (popover), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "  Sudzha  ");
  g_signal_emit_by_name (entry, "activate");
  frontline_test_spin (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  annotation = last_annotation (stop);
  g_assert_cmpint (annotation->kind, ==, FRONTLINE_ANNOTATION_TEXT);
  g_assert_cmpstr (annotation->text, ==, "Sudzha");
  assert_at (window, annotation, 0, 450, 150);
  g_assert_cmpuint (annotations_of (stop)->len, ==, 5);

  /* An empty text adds nothing. */
  drag (bar, 460, 160, 460, 160);
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (annotations_of (stop)->len, ==, 5);

  /* Undo (Ctrl+Z): the text goes. */
  g_assert_true (frontline_annotation_bar_can_undo (bar));
  g_assert_true (press_shortcut (bar, "<Control>z"));
  g_assert_cmpuint (annotations_of (stop)->len, ==, 4);
  g_assert_cmpint (last_annotation (stop)->kind, ==, FRONTLINE_ANNOTATION_FREEHAND);

  /* Erase: a click on the arrow's middle removes it, a click on nothing
   * nothing. */
  frontline_annotation_bar_set_tool (bar, FRONTLINE_ANNOTATION_TOOL_ERASE);
  assert_at (window, annotations_of (stop)->pdata[0], 1, 300, 220);
  drag (bar, 40, 40, 40, 40);
  g_assert_cmpuint (annotations_of (stop)->len, ==, 4);
  drag (bar, 201, 171, 201, 171);
  g_assert_cmpuint (annotations_of (stop)->len, ==, 3);
  g_assert_cmpint (((FrontlineAnnotation *) annotations_of (stop)->pdata[0])->kind, ==,
                   FRONTLINE_ANNOTATION_LINE);
  /* Inside the circle. */
  drag (bar, 505, 255, 505, 255);
  g_assert_cmpuint (annotations_of (stop)->len, ==, 2);
  g_assert_true (frontline_annotation_bar_undo (bar));
  g_assert_cmpuint (annotations_of (stop)->len, ==, 3);

  /* With no tool on, the map has the pointer. */
  frontline_annotation_bar_set_tool (bar, FRONTLINE_ANNOTATION_TOOL_NONE);
  g_assert_false (frontline_annotation_bar_begin (bar, 100, 100));

  /* Saved: the drawings are in the file, the other stops as they were. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  frontline_test_wait_until (saved_cb, window, 10000);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FrontlineDataset) again = frontline_dataset_load (file, NULL, NULL, NULL, &error);
    g_autoptr(FrontlineStop) saved = NULL;
    g_autoptr(FrontlineStop) other = NULL;
    GPtrArray *annotations;

    g_assert_no_error (error);
    saved = g_list_model_get_item (frontline_dataset_get_stops (again), 1);
    annotations = frontline_stop_get_annotations (saved);
    g_assert_cmpuint (annotations->len, ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        FrontlineAnnotation *a = g_ptr_array_index (annotations, i);
        FrontlineAnnotation *b = g_ptr_array_index (annotations_of (stop), i);

        g_assert_cmpint (a->kind, ==, b->kind);
        g_assert_cmpuint (a->n_points, ==, b->n_points);
        for (guint k = 0; k < 2 * a->n_points; k++)
          g_assert_cmpfloat_with_epsilon (a->points[k], b->points[k], 1e-6);
        g_assert_cmpfloat_with_epsilon (a->radius, b->radius, 1e-3);
      }
    other = g_list_model_get_item (frontline_dataset_get_stops (again), 0);
    g_assert_cmpuint (frontline_stop_get_annotations (other)->len, ==, 0);
  }

  /* Escape ends drawing: the bar goes, and the layer shows nothing. */
  frontline_annotation_bar_set_tool (bar, FRONTLINE_ANNOTATION_TOOL_ARROW);
  g_assert_true (press_shortcut (bar, "Escape"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_null (frontline_annotation_bar_get_stop (bar));
  g_assert_null (frontline_annotation_layer_get_stop (layer));
  /* Not drawing, the keys are not the bar's. */
  g_assert_false (press_shortcut (bar, "Escape"));
  g_assert_false (press_shortcut (bar, "<Control>z"));

  /* win.annotate draws on the stop the window shows. */
  frontline_window_set_day (window, frontline_stop_get_day (stop_at (window, 3)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate", NULL);
  g_assert_true (frontline_annotation_bar_get_stop (bar) == stop_at (window, 3));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));

  /* Presenting: the layer shows the stop presented; no drawing meanwhile. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate-stop", "u", 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_false (frontline_test_action_enabled (GTK_WIDGET (window), "annotate"));
  frontline_presentation_show_stop (frontline_window_get_presentation (window), 1);
  g_assert_true (frontline_annotation_layer_get_stop (layer) == stop);
  frontline_presentation_show_stop (frontline_window_get_presentation (window), 2);
  g_assert_true (frontline_annotation_layer_get_stop (layer) == stop_at (window, 2));
  frontline_presentation_set_active (frontline_window_get_presentation (window), FALSE);
  g_assert_null (frontline_annotation_layer_get_stop (layer));
  g_assert_true (frontline_test_action_enabled (GTK_WIDGET (window), "annotate"));

  gtk_window_destroy (GTK_WINDOW (window));
  frontline_test_spin (20);
  frontline_test_remove_folder (folder);
}

/* A dataset without stops, or from a database: nothing to draw on. */
static void
test_no_stops (void)
{
  FrontlineWindow *window = FRONTLINE_WINDOW (frontline_application_new_window (app));
  g_autofree char *folder = g_dir_make_tmp ("frontline-annotate-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "none.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path,
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-10\",\"faction\":\"ua\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[35.5,51],[35.5,51.5],[35,51.5],[35,51]]]}}]}",
    -1, NULL));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (frontline_test_action_enabled (GTK_WIDGET (window), "annotate"));
  frontline_window_open (window, file);
  frontline_test_wait_until (frontline_test_has_dataset_cb, window, 10000);
  g_assert_false (frontline_test_action_enabled (GTK_WIDGET (window), "annotate"));

  /* A stop added: now there is. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-stop", NULL);
  g_assert_true (frontline_test_action_enabled (GTK_WIDGET (window), "annotate"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (frontline_window_get_annotation_bar (window))));

  /* The stop deleted while drawn on: drawing ends. */
  frontline_dataset_remove_stop (frontline_window_get_dataset (window), 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (frontline_window_get_annotation_bar (window))));
  g_assert_false (frontline_test_action_enabled (GTK_WIDGET (window), "annotate"));

  gtk_window_destroy (GTK_WINDOW (window));
  frontline_test_spin (20);
  frontline_test_remove_folder (folder);
}

static void
on_draw_cb (FrontlineStopRow *row,
            int              *count)
{
  (*count)++;
}

/* The stop row: speaker notes and the move's duration are the stop's. */
static void
test_stop_row_notes_duration (void)
{
  g_autoptr(FrontlineStop) stop = frontline_stop_new ("Sudzha", 2460536, 35.25, 51.25, 10);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  FrontlineStopRow *row = frontline_stop_row_new ();
  GtkTextView *notes;
  GtkSpinButton *spin;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *shown = NULL;
  int draws = 0;

  gtk_window_set_child (window, GTK_WIDGET (row));
  frontline_stop_row_set_stop (row, stop);
  /* Closed for a stop without notes. */
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (frontline_test_find_widget (GTK_WIDGET (row), GTK_TYPE_EXPANDER))));
  gtk_expander_set_expanded (GTK_EXPANDER (frontline_test_find_widget (GTK_WIDGET (row), GTK_TYPE_EXPANDER)), TRUE);
  notes = GTK_TEXT_VIEW (frontline_test_find_widget (GTK_WIDGET (row), GTK_TYPE_TEXT_VIEW));
  spin = GTK_SPIN_BUTTON (frontline_test_find_widget (GTK_WIDGET (row), GTK_TYPE_SPIN_BUTTON));
  g_assert_nonnull (notes);
  g_assert_nonnull (spin);
  buffer = gtk_text_view_get_buffer (notes);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, FRONTLINE_STOP_DEFAULT_DURATION);

  /* Typed: the stop's; emptied: none. */
  gtk_text_buffer_set_text (buffer, "Say where Sudzha is.\nThen the bridge.", -1);
  g_assert_cmpstr (frontline_stop_get_notes (stop), ==, "Say where Sudzha is.\nThen the bridge.");
  gtk_text_buffer_set_text (buffer, "", -1);
  g_assert_null (frontline_stop_get_notes (stop));

  gtk_spin_button_set_value (spin, 7.5);
  g_assert_cmpfloat (frontline_stop_get_duration (stop), ==, 7.5);
  gtk_spin_button_set_value (spin, 0);
  g_assert_cmpfloat (frontline_stop_get_duration (stop), ==, 0);

  /* Changed elsewhere: the row follows. */
  frontline_stop_set_notes (stop, "From the presenter view");
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (shown, ==, "From the presenter view");
  frontline_stop_set_duration (stop, 12);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 12);

  /* Another stop: its values, the first left alone. */
  {
    g_autoptr(FrontlineStop) other = frontline_stop_new ("Other", 2460536, 35.25, 51.25, 10);

    frontline_stop_row_set_stop (row, other);
    g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, FRONTLINE_STOP_DEFAULT_DURATION);
    g_assert_cmpfloat (frontline_stop_get_duration (stop), ==, 12);
    g_assert_cmpstr (frontline_stop_get_notes (stop), ==, "From the presenter view");
    frontline_stop_row_set_stop (row, stop);
    /* Open for a stop with notes. */
    g_assert_true (gtk_expander_get_expanded (GTK_EXPANDER (frontline_test_find_widget (GTK_WIDGET (row), GTK_TYPE_EXPANDER))));
  }

  /* Draw asks for drawing. */
  g_signal_connect (row, "draw", G_CALLBACK (on_draw_cb), &draws);
  gtk_widget_activate_action (GTK_WIDGET (row), "stop-row.draw", NULL);
  g_assert_cmpint (draws, ==, 1);

  gtk_window_destroy (window);
}

/* To look at, with FRONTLINE_TEST_HOLD=MS (and FRONTLINE_TEST_DARK): an
 * arrow, a circle and a label on a Kursk stop, the bar, the text popover,
 * then the stop presented. Skipped otherwise. */
static void
hold (void)
{
  frontline_test_spin ((guint) atoi (g_getenv ("FRONTLINE_TEST_HOLD")));
}

static void
test_look (void)
{
  FrontlineWindow *window;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  FrontlineAnnotationBar *bar;
  Settle settle = { NULL, 0, 0 };
  double x0, y0, x1, y1;

  if (g_getenv ("FRONTLINE_TEST_HOLD") == NULL)
    {
      g_test_skip ("FRONTLINE_TEST_HOLD is not set");
      return;
    }
  if (g_getenv ("FRONTLINE_TEST_DARK") != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  path = copy_kursk (&folder);
  file = g_file_new_for_path (path);
  window = FRONTLINE_WINDOW (frontline_application_new_window (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1380, 860);
  gtk_window_present (GTK_WINDOW (window));
  frontline_window_open (window, file);
  frontline_test_wait_until (frontline_test_has_dataset_cb, window, 10000);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate-stop", "u", 0);
  bar = frontline_window_get_annotation_bar (window);
  settle.map = GTK_WIDGET (frontline_window_get_map (window));
  frontline_test_wait_until (map_settled_cb, &settle, 5000);

  /* An arrow from the border to Sudzha, a circle round it, its name. */
  to_map_point (window, 35.02, 51.33, &x0, &y0);
  to_map_point (window, 35.24, 51.215, &x1, &y1);
  drag (bar, x0, y0, x1, y1);
  frontline_annotation_bar_set_tool (bar, FRONTLINE_ANNOTATION_TOOL_CIRCLE);
  frontline_annotation_bar_set_color (bar, "#1c71d8");
  to_map_point (window, 35.27, 51.19, &x0, &y0);
  drag (bar, x0, y0, x0 + 45, y0);
  frontline_annotation_bar_set_tool (bar, FRONTLINE_ANNOTATION_TOOL_TEXT);
  frontline_annotation_bar_set_color (bar, "#241f31");
  drag (bar, x0, y0 + 70, x0, y0 + 70);
  gtk_editable_set_text (GTK_EDITABLE (frontline_test_find_widget (GTK_WIDGET (frontline_annotation_bar_get_text_popover (bar)),
                                                                   GTK_TYPE_ENTRY)), "Sudzha");
  g_signal_emit_by_name (frontline_test_find_widget (GTK_WIDGET (frontline_annotation_bar_get_text_popover (bar)), GTK_TYPE_ENTRY),
                                                     "activate");
  g_print ("# shot: drawn\n");
  hold ();

  /* The text popover, open. */
  drag (bar, x0 - 150, y0 - 120, x0 - 150, y0 - 120);
  gtk_editable_set_text (GTK_EDITABLE (frontline_test_find_widget (GTK_WIDGET (frontline_annotation_bar_get_text_popover (bar)),
                                                                   GTK_TYPE_ENTRY)), "Russian reserves");
  g_print ("# shot: popover\n");
  hold ();
  gtk_popover_popdown (frontline_annotation_bar_get_text_popover (bar));

  /* The Stops page: notes, move duration, Draw. */
  {
    GtkWidget *stack = frontline_test_find_widget (GTK_WIDGET (frontline_window_get_side_panel (window)), GTK_TYPE_STACK);

    frontline_stop_set_notes (stop_at (window, 0), "Start at the border crossing near Sudzha.");
    gtk_stack_set_visible_child_name (GTK_STACK (stack), "stops");
    g_print ("# shot: stops\n");
    hold ();
  }

  frontline_annotation_bar_done (bar);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  g_print ("# shot: presenting\n");
  hold ();
  frontline_presentation_set_active (frontline_window_get_presentation (window), FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
  frontline_test_spin (20);
  frontline_test_remove_folder (folder);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  frontline_gtk_test_init (&argc, &argv, NULL);
  app = frontline_test_application_new ();

  g_test_add_func ("/frontline/annotate/draw-on-stop", test_draw_on_stop);
  g_test_add_func ("/frontline/annotate/no-stops", test_no_stops);
  g_test_add_func ("/frontline/annotate/stop-row-notes-duration", test_stop_row_notes_duration);
  g_test_add_func ("/frontline/annotate/look", test_look);

  status = g_test_run ();
  frontline_test_close_all ();
  g_object_unref (app);
  return status;
}
