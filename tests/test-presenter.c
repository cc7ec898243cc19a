/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "frontline-annotation-layer.h"
#include "frontline-basemap-source.h"
#include "frontline-exporter.h"
#include "frontline-presenter-window.h"
#include "frontline-test-utils.h"
#include "frontline-window.h"
#include "frontline-window-private.h"

/* Presenting with notes: the presenter's window beside the audience's, keys
 * in either driving both, the screens swapped, the animated moves between
 * stops ending on the stop's exact view and day, the laser and the pen.
 *
 * Xvfb cannot give GDK two monitors: GDK 4 reads RandR outputs, Xvfb has
 * one per screen (+xinerama makes one screen GDK still sees as one
 * monitor, and RandR 1.5 monitors without outputs of their own are
 * skipped). The window's monitors are therefore set by the test: the
 * display's own when it has two or more, else its one monitor twice, so
 * the placing logic and gtk_window_fullscreen_on_monitor() run as they do
 * on two. */

static FrontlineApplication *app;

static FrontlineDay
day_of (const char *text)
{
  FrontlineDay day = FRONTLINE_DAY_NONE;

  g_assert_true (frontline_day_parse (text, &day));
  return day;
}

static gboolean
arrived_cb (gpointer data)
{
  return !frontline_presentation_get_moving (FRONTLINE_PRESENTATION (data));
}

static gboolean
has_picture_cb (gpointer data)
{
  return frontline_presenter_window_get_current_picture (FRONTLINE_PRESENTER_WINDOW (data)) != NULL;
}

static FrontlineWindow *
open_example_sized (int width,
                    int height)
{
  FrontlineWindow *window = FRONTLINE_WINDOW (frontline_application_new_window (app));
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "examples",
                                                 "example.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  frontline_window_open (window, file);
  frontline_test_wait_until (frontline_test_has_dataset_cb, window, 5000);
  frontline_test_spin (100);
  return window;
}

static FrontlineWindow *
open_example (void)
{
  return open_example_sized (1000, 700);
}

static FrontlineStop *
get_stop (FrontlineWindow *window,
          guint            index)
{
  g_autoptr(FrontlineStop) stop =
    g_list_model_get_item (frontline_dataset_get_stops (frontline_window_get_dataset (window)), index);

  /* The dataset holds it. */
  return stop;
}

/* Two monitors for the window: the display's, or its one monitor twice. */
static void
set_two_monitors (FrontlineWindow *window)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GListStore) two = g_list_store_new (GDK_TYPE_MONITOR);
  g_autoptr(GdkMonitor) first = g_list_model_get_item (monitors, 0);

  if (g_list_model_get_n_items (monitors) >= 2)
    {
      _frontline_window_set_monitors (window, monitors);
      return;
    }
  g_list_store_append (two, first);
  g_list_store_append (two, first);
  _frontline_window_set_monitors (window, G_LIST_MODEL (two));
}

/* A key as the window's key controller gets it: @widget's own, in capture. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;
  gboolean found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_EVENT_CONTROLLER_KEY (controller))
        continue;
      found = TRUE;
      g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
      if (handled)
        break;
    }
  g_assert_true (found);
  return handled;
}

typedef struct {
  double lat;
  double lon;
  double zoom;
} MapView;

static void
get_map_view (FrontlineWindow *window,
              MapView         *view)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (frontline_window_get_map (window));

  view->lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  view->lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  view->zoom = shumate_viewport_get_zoom_level (viewport);
}

static void
assert_same_view (const MapView *a,
                  const MapView *b)
{
  g_assert_cmpfloat_with_epsilon (a->lat, b->lat, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->lon, b->lon, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->zoom, b->zoom, 1e-9);
}

static void
test_two_monitors (void)
{
  FrontlineWindow *window = open_example ();
  FrontlinePresentation *presentation = frontline_window_get_presentation (window);
  FrontlinePresenterWindow *presenter;
  guint audience_monitor;

  g_assert_true (frontline_test_action_enabled (GTK_WIDGET (window), "present-notes"));
  frontline_stop_set_notes (get_stop (window, 0), "Open with the river: Blue on the west bank.");
  frontline_stop_set_notes (get_stop (window, 1), "The bridgehead: say what Orange claims.");
  frontline_stop_set_duration (get_stop (window, 1), 1.0);
  set_two_monitors (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.present-notes", NULL);
  g_assert_true (frontline_presentation_get_active (presentation));
  presenter = window->presenter;
  g_assert_nonnull (presenter);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (presenter)));
  /* The audience on the other monitor than the presenter. */
  g_assert_cmpuint (window->audience_monitor, !=, window->presenter_monitor);
  g_assert_cmpuint (window->audience_monitor, <, 2);
  g_assert_cmpuint (window->presenter_monitor, <, 2);

  /* The first stop, its notes, the next stop, the times. */
  g_assert_cmpint (frontline_presentation_get_stop (presentation), ==, 0);
  g_assert_cmpstr (frontline_presenter_window_get_current_title (presenter), ==, "Before the crossing");
  g_assert_cmpstr (frontline_presenter_window_get_notes (presenter), ==,
                   "Open with the river: Blue on the west bank.");
  g_assert_cmpstr (frontline_presenter_window_get_next_title (presenter), ==, "The bridgehead");
  g_assert_cmpstr (frontline_presenter_window_get_elapsed_text (presenter), ==, "0:00");
  g_assert_cmpuint (strlen (frontline_presenter_window_get_clock_text (presenter)), ==, 5);
  g_assert_cmpint (frontline_presenter_window_get_clock_text (presenter)[2], ==, ':');
  /* The exporter draws the stop small, in a worker. */
  frontline_test_wait_until (has_picture_cb, presenter, 10000);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (frontline_presenter_window_get_current_picture (presenter)), ==, 640);

  /* A key in the presenter's window drives the audience's. */
  g_assert_true (press_key (GTK_WIDGET (presenter), GDK_KEY_Right));
  g_assert_cmpint (frontline_presentation_get_stop (presentation), ==, 1);
  g_assert_true (frontline_presentation_get_moving (presentation));
  g_assert_cmpstr (frontline_presenter_window_get_notes (presenter), ==,
                   "The bridgehead: say what Orange claims.");
  g_assert_cmpstr (frontline_presenter_window_get_next_title (presenter), ==, "End of the presentation");
  /* ...and one in the audience's, the presenter's. */
  g_assert_true (press_key (GTK_WIDGET (window), GDK_KEY_Left));
  g_assert_cmpint (frontline_presentation_get_stop (presentation), ==, 0);
  g_assert_cmpstr (frontline_presenter_window_get_current_title (presenter), ==, "Before the crossing");

  /* Swapping the screens, from either window. */
  audience_monitor = window->audience_monitor;
  g_assert_true (press_key (GTK_WIDGET (presenter), GDK_KEY_s));
  g_assert_cmpuint (window->audience_monitor, ==, window->presenter_monitor ^ 1);
  g_assert_cmpuint (window->presenter_monitor, ==, audience_monitor);
  g_assert_true (press_key (GTK_WIDGET (window), GDK_KEY_S));
  g_assert_cmpuint (window->audience_monitor, ==, audience_monitor);

  /* Blank from the presenter's keys. */
  g_assert_true (press_key (GTK_WIDGET (presenter), GDK_KEY_b));
  g_assert_cmpstr (frontline_presentation_get_blackout (presentation), ==, "black");
  g_assert_cmpstr (frontline_presenter_window_get_status_text (presenter), ==, "Audience screen blanked");
  g_assert_true (press_key (GTK_WIDGET (presenter), GDK_KEY_b));
  g_assert_null (frontline_presentation_get_blackout (presentation));
  g_assert_cmpstr (frontline_presenter_window_get_status_text (presenter), ==, "");
  /* The laser and the pen, told to the presenter. */
  g_assert_true (press_key (GTK_WIDGET (presenter), GDK_KEY_l));
  g_assert_true (frontline_presentation_get_laser (presentation));
  g_assert_cmpstr (frontline_presenter_window_get_status_text (presenter), ==, "Laser pointer on");
  g_assert_true (press_key (GTK_WIDGET (presenter), GDK_KEY_l));

  /* The timer: paused, it stands; reset, it starts again. */
  g_assert_true (press_key (GTK_WIDGET (presenter), GDK_KEY_t));
  g_assert_true (frontline_presentation_get_timer_paused (presentation));
  {
    gint64 paused_at = frontline_presentation_get_elapsed (presentation);

    frontline_test_spin (50);
    g_assert_cmpint (frontline_presentation_get_elapsed (presentation), ==, paused_at);
  }
  g_assert_true (press_key (GTK_WIDGET (presenter), GDK_KEY_t));
  g_assert_false (frontline_presentation_get_timer_paused (presentation));
  g_assert_true (press_key (GTK_WIDGET (presenter), GDK_KEY_r));
  g_assert_cmpint (frontline_presentation_get_elapsed (presentation), <, G_USEC_PER_SEC);

  /* Escape in the presenter's window ends both. */
  g_assert_true (press_key (GTK_WIDGET (presenter), GDK_KEY_Escape));
  g_assert_false (frontline_presentation_get_active (presentation));
  g_assert_null (window->presenter);

  frontline_test_close_all ();
}

static void
test_one_monitor (void)
{
  FrontlineWindow *window = open_example ();
  g_autoptr(GListStore) one = g_list_store_new (GDK_TYPE_MONITOR);
  g_autoptr(GdkMonitor) monitor =
    g_list_model_get_item (gdk_display_get_monitors (gdk_display_get_default ()), 0);

  g_list_store_append (one, monitor);
  _frontline_window_set_monitors (window, G_LIST_MODEL (one));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.present-notes", NULL);
  /* Both windowed: the audience's is shared on a call. */
  g_assert_nonnull (window->presenter);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_false (gtk_window_is_fullscreen (GTK_WINDOW (window)));
  /* Swapping has nothing to swap. */
  g_assert_true (frontline_presentation_handle_key (frontline_window_get_presentation (window), GDK_KEY_s));
  g_assert_cmpuint (window->audience_monitor, ==, 0);
  /* Closing the presenter's window ends presenting. */
  gtk_window_close (GTK_WINDOW (window->presenter));
  frontline_test_spin (20);
  g_assert_false (frontline_presentation_get_active (frontline_window_get_presentation (window)));
  g_assert_null (window->presenter);

  frontline_test_close_all ();
}

static void
test_moves (void)
{
  FrontlineWindow *window = open_example ();
  FrontlinePresentation *presentation = frontline_window_get_presentation (window);
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (window));
  MapView arrived, cut, now;
  FrontlineDay day;

  frontline_stop_set_duration (get_stop (window, 1), 0.6);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  frontline_test_spin (100);
  g_assert_cmpuint (frontline_window_get_day (window), ==, day_of ("2024-08-06"));

  /* A move: the day runs along the way, the comparison comes on arrival. */
  frontline_presentation_show_stop (presentation, 1);
  g_assert_true (frontline_presentation_get_moving (presentation));
  g_assert_false (frontline_test_get_boolean (window, "comparing"));
  frontline_test_spin (300);
  day = frontline_window_get_day (window);
  g_assert_cmpuint (day, >=, day_of ("2024-08-06"));
  g_assert_cmpuint (day, <=, day_of ("2024-08-08"));
  get_map_view (window, &now);
  frontline_test_wait_until (arrived_cb, presentation, 5000);
  get_map_view (window, &arrived);
  g_assert_cmpuint (frontline_window_get_day (window), ==, day_of ("2024-08-08"));
  g_assert_cmpuint (frontline_view_state_get_compare_from (frontline_window_get_state (window)), ==,
                    day_of ("2024-08-06"));
  g_assert_true (frontline_test_get_boolean (window, "comparing"));
  /* It was on its way: neither here nor there. */
  g_assert_true (fabs (now.lon - arrived.lon) > 1e-6 || fabs (now.zoom - arrived.zoom) > 1e-6);

  /* A cut (no duration) lands on the same view: the move ended exactly there. */
  frontline_presentation_show_stop (presentation, 0);
  frontline_test_wait_until (arrived_cb, presentation, 5000);
  frontline_stop_set_duration (get_stop (window, 1), 0);
  frontline_presentation_show_stop (presentation, 1);
  g_assert_false (frontline_presentation_get_moving (presentation));
  get_map_view (window, &cut);
  assert_same_view (&arrived, &cut);
  g_assert_cmpuint (frontline_window_get_day (window), ==, day_of ("2024-08-08"));

  /* A key during a move ends it on the stop, then does its work. */
  frontline_stop_set_duration (get_stop (window, 1), 30);
  frontline_presentation_show_stop (presentation, 0);
  frontline_test_wait_until (arrived_cb, presentation, 35000);
  frontline_presentation_show_stop (presentation, 1);
  frontline_test_spin (100);
  g_assert_true (frontline_presentation_get_moving (presentation));
  g_assert_true (frontline_presentation_handle_key (presentation, GDK_KEY_l));
  g_assert_false (frontline_presentation_get_moving (presentation));
  g_assert_true (frontline_presentation_get_laser (presentation));
  get_map_view (window, &now);
  assert_same_view (&arrived, &now);
  g_assert_cmpuint (frontline_window_get_day (window), ==, day_of ("2024-08-08"));
  g_assert_true (frontline_test_get_boolean (window, "comparing"));

  /* Animations off: a cut. */
  g_object_set (settings, "gtk-enable-animations", FALSE, NULL);
  frontline_presentation_show_stop (presentation, 0);
  g_assert_false (frontline_presentation_get_moving (presentation));
  g_assert_cmpuint (frontline_window_get_day (window), ==, day_of ("2024-08-06"));
  frontline_presentation_show_stop (presentation, 1);
  g_assert_false (frontline_presentation_get_moving (presentation));
  get_map_view (window, &now);
  assert_same_view (&arrived, &now);
  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);

  frontline_presentation_set_active (presentation, FALSE);
  frontline_test_close_all ();
}

static void
test_laser_and_pen (void)
{
  FrontlineWindow *window = open_example ();
  FrontlinePresentation *presentation = frontline_window_get_presentation (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);

  /* L: the laser pointer, and back. */
  g_assert_false (frontline_presentation_get_laser (presentation));
  g_assert_true (frontline_presentation_handle_key (presentation, GDK_KEY_l));
  g_assert_true (frontline_presentation_get_laser (presentation));
  frontline_presentation_point_laser (presentation, 300, 200);
  frontline_test_spin (50);
  g_assert_true (frontline_presentation_handle_key (presentation, GDK_KEY_L));
  g_assert_false (frontline_presentation_get_laser (presentation));

  /* P: the pen; its strokes stay on the stop, and go at the next. */
  g_assert_true (frontline_presentation_handle_key (presentation, GDK_KEY_p));
  g_assert_true (frontline_presentation_get_pen (presentation));
  frontline_presentation_pen_begin (presentation, 100, 100);
  frontline_presentation_pen_extend (presentation, 200, 150);
  frontline_presentation_pen_extend (presentation, 260, 120);
  frontline_presentation_pen_begin (presentation, 400, 300);
  g_assert_cmpuint (frontline_presentation_get_n_pen_strokes (presentation), ==, 2);
  frontline_test_spin (50);
  /* Blanking and the timer leave them. */
  g_assert_true (frontline_presentation_handle_key (presentation, GDK_KEY_t));
  g_assert_cmpuint (frontline_presentation_get_n_pen_strokes (presentation), ==, 2);
  g_assert_true (frontline_presentation_handle_key (presentation, GDK_KEY_Right));
  g_assert_cmpuint (frontline_presentation_get_n_pen_strokes (presentation), ==, 0);
  /* E erases. */
  frontline_presentation_pen_begin (presentation, 100, 100);
  g_assert_true (frontline_presentation_handle_key (presentation, GDK_KEY_e));
  g_assert_cmpuint (frontline_presentation_get_n_pen_strokes (presentation), ==, 0);

  /* Ending puts the tools away. */
  g_assert_true (frontline_presentation_handle_key (presentation, GDK_KEY_Escape));
  g_assert_false (frontline_presentation_get_pen (presentation));
  g_assert_false (frontline_presentation_get_laser (presentation));

  frontline_test_close_all ();
}

/* What the audience sees of a stop is what the stop's export draws: its
 * date, its comparison, its drawings, and its place in the middle of the
 * map (presenting moves the view clear of the title card, the export clear
 * of its title panel: the same place, framed for each). */
static gboolean
map_has_size_cb (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (frontline_window_get_map (FRONTLINE_WINDOW (data)))) > 0;
}

static void
test_stop_matches_export (void)
{
  FrontlineWindow *window = open_example ();
  FrontlinePresentation *presentation = frontline_window_get_presentation (window);
  FrontlineDataset *dataset = frontline_window_get_dataset (window);
  guint n = g_list_model_get_n_items (frontline_dataset_get_stops (dataset));

  g_assert_cmpuint (n, >=, 2);
  for (guint i = 0; i < n; i++)
    frontline_stop_set_duration (get_stop (window, i), 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  frontline_test_spin (100);

  for (guint i = 0; i < n; i++)
    {
      FrontlineStop *stop = get_stop (window, i);
      FrontlineExportOptions options;
      FrontlineViewState *state = frontline_window_get_state (window);
      FrontlineAnnotationLayer *layer = frontline_window_get_annotation_layer (window);
      GPtrArray *drawings = frontline_stop_get_annotations (stop);
      ShumateViewport *viewport = shumate_simple_map_get_viewport (frontline_window_get_map (window));
      double x0, y0, x1, y1, cx, cy;
      int width;
      int height;

      frontline_presentation_show_stop (presentation, i);
      frontline_test_spin (100);
      /* Laid out (slow under valgrind). */
      frontline_test_wait_until (map_has_size_cb, window, 5000);
      width = gtk_widget_get_width (GTK_WIDGET (frontline_window_get_map (window)));
      height = gtk_widget_get_height (GTK_WIDGET (frontline_window_get_map (window)));
      frontline_export_options_init_for_stop (&options, dataset, stop, 1920, 1080, 1);

      g_assert_cmpuint (frontline_window_get_day (window), ==, options.day);
      if (options.compare_from != FRONTLINE_DAY_NONE)
        {
          g_assert_true (frontline_test_get_boolean (window, "comparing"));
          g_assert_cmpuint (frontline_view_state_get_compare_from (state), ==, options.compare_from);
        }
      else
        g_assert_false (frontline_test_get_boolean (window, "comparing"));
      g_assert_true (frontline_annotation_layer_get_stop (layer) == stop);
      g_assert_true (options.annotations == (drawings->len > 0 ? drawings : NULL));

      /* The stop's centre is on the audience's map, in its middle half
       * across and down, at a zoom within one of the export's. */
      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (frontline_window_get_map (window)),
                                                  options.view.center_lat, options.view.center_lon, &cx, &cy);
      x0 = width * 0.15;
      x1 = width * 0.85;
      y0 = height * 0.25;
      y1 = height * 0.75;
      g_test_message ("stop %u: centre at %.0f, %.0f of %d x %d; zoom %.2f, export %.2f", i, cx, cy,
                      width, height, shumate_viewport_get_zoom_level (viewport), options.view.zoom);
      g_assert_cmpfloat (cx, >=, x0);
      g_assert_cmpfloat (cx, <=, x1);
      g_assert_cmpfloat (cy, >=, y0);
      g_assert_cmpfloat (cy, <=, y1);
      g_assert_cmpfloat (fabs (shumate_viewport_get_zoom_level (viewport) - options.view.zoom), <=, 1.0);
    }

  frontline_test_close_all ();
}

static void
test_format_elapsed (void)
{
  struct {
    gint64      seconds;
    const char *text;
  } cases[] = {
    { 0, "0:00" }, { 5, "0:05" }, { 65, "1:05" }, { 3599, "59:59" }, { 3723, "1:02:03" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = frontline_presenter_window_format_elapsed (cases[i].seconds * G_USEC_PER_SEC);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static GtkWidget *
find_by_class (GtkWidget  *root,
               const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  GtkWidget *presentation;
  GtkWidget *card;
  GtkWidget *progress;
} Card;

/* The card's bottom is above the count's top (the card fits its room). */
static gboolean
card_fits_cb (gpointer data)
{
  Card *card = data;
  graphene_rect_t card_bounds;
  graphene_rect_t progress_bounds;

  if (!gtk_widget_get_mapped (card->card) ||
      !gtk_widget_compute_bounds (card->card, card->presentation, &card_bounds) ||
      !gtk_widget_compute_bounds (card->progress, card->presentation, &progress_bounds) ||
      card_bounds.size.height <= 0)
    return FALSE;
  return card_bounds.origin.y + card_bounds.size.height <= progress_bounds.origin.y;
}

/* A card too tall for the screen gets smaller type; at the smallest, its
 * quotes go, then the caption's last lines: it never runs under the count
 * or off the screen. Another stop starts again at the room's size. */
static void
test_card_fits (void)
{
  FrontlineWindow *window = open_example_sized (900, 480);
  FrontlinePresentation *presentation = frontline_window_get_presentation (window);
  FrontlineStop *stop = get_stop (window, 0);
  g_autoptr(GString) caption = g_string_new (NULL);
  Card card;
  GtkWidget *quotes;
  GtkWidget *caption_label;
  int room_px;

  /* About 30 lines at 40 characters: twice the room at the room's size. */
  for (guint i = 0; i < 12; i++)
    g_string_append (caption, "Blue holds the river crossing and the road north of it. ");
  frontline_stop_set_caption (stop, caption->str);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  frontline_test_wait_until (arrived_cb, presentation, 5000);
  card.presentation = GTK_WIDGET (presentation);
  card.card = find_by_class (card.presentation, "frontline-presentation");
  card.progress = find_by_class (card.presentation, "frontline-presentation-progress");
  g_assert_nonnull (card.card);
  g_assert_nonnull (card.progress);
  quotes = find_by_class (card.card, "frontline-presentation-quote");
  caption_label = gtk_widget_get_next_sibling (gtk_widget_get_first_child (card.card));
  while (caption_label != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (caption_label)), caption->str) != 0)
    caption_label = gtk_widget_get_next_sibling (caption_label);
  g_assert_nonnull (caption_label);
  room_px = CLAMP (gtk_widget_get_height (card.presentation) / 40, 14, 64);

  /* Each step waits for an allocation: the last one holds. */
  frontline_test_wait_until (card_fits_cb, &card, 5000);
  frontline_test_spin ((guint) frontline_test_scale_ms (300));
  g_assert_true (card_fits_cb (&card));
  /* It took all three steps: the smallest type, no quotes, fewer lines. */
  g_assert_false (gtk_widget_get_visible (quotes));
  g_assert_cmpint (gtk_label_get_lines (GTK_LABEL (caption_label)), >, 0);
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (caption_label)), ==, PANGO_ELLIPSIZE_END);

  /* The second stop, short, is whole again, at the room's size. */
  frontline_presentation_show_stop (presentation, 1);
  frontline_test_wait_until (arrived_cb, presentation, 5000);
  frontline_test_spin (200);
  g_assert_true (card_fits_cb (&card));
  g_assert_cmpint (gtk_label_get_lines (GTK_LABEL (caption_label)), ==, -1);
  {
    PangoContext *context = gtk_widget_get_pango_context (caption_label);
    PangoFontDescription *font = pango_context_get_font_description (context);

    g_assert_cmpint (pango_font_description_get_size (font) / PANGO_SCALE, ==, room_px);
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  frontline_test_close_all ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  frontline_test_init (&argc, &argv, NULL);

  app = frontline_test_application_new ();

  g_test_add_func ("/frontline/presenter/format-elapsed", test_format_elapsed);
  g_test_add_func ("/frontline/presenter/stop-matches-export", test_stop_matches_export);
  g_test_add_func ("/frontline/presenter/two-monitors", test_two_monitors);
  g_test_add_func ("/frontline/presenter/one-monitor", test_one_monitor);
  g_test_add_func ("/frontline/presenter/moves", test_moves);
  g_test_add_func ("/frontline/presenter/laser-and-pen", test_laser_and_pen);
  g_test_add_func ("/frontline/presenter/card-fits", test_card_fits);

  ret = g_test_run ();

  /* What the application does when it quits: wait for tiles being drawn. */
  frontline_basemap_source_shutdown ();
  g_clear_object (&app);
  return ret;
}
