/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "frontline-area-chart.h"
#include "frontline-area-chart-private.h"
#include "frontline-test-utils.h"
#include "frontline-time-axis.h"
#include "frontline-timeline.h"
#include "frontline-timeline-private.h"

/* The timeline in a window of its own: days, keys, the pointer's mapping,
 * accessibility and what it draws. */

typedef struct {
  GtkWindow         *window;
  FrontlineTimeline *timeline;
  guint              notifies;
} Fixture;

static FrontlineDay
ymd (guint year,
     guint month,
     guint day)
{
  return frontline_day_from_dmy (day, month, year);
}

static void
on_notify_day_cb (FrontlineTimeline *timeline,
                  GParamSpec        *pspec,
                  Fixture           *fixture)
{
  fixture->notifies++;
}

static gboolean
is_ready_cb (gpointer data)
{
  Fixture *fixture = data;

  return gtk_widget_get_mapped (GTK_WIDGET (fixture->timeline)) &&
         gtk_widget_get_width (GTK_WIDGET (fixture->timeline)) > 0;
}

static gboolean
is_gone_cb (gpointer data)
{
  Fixture *fixture = data;

  return fixture->timeline == NULL;
}

static void
show_in_window (Fixture *fixture)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 64);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->timeline));
  g_signal_connect (fixture->timeline, "notify::day", G_CALLBACK (on_notify_day_cb), fixture);
  gtk_window_present (fixture->window);
  frontline_test_wait_until (is_ready_cb, fixture, 5000);
  fixture->notifies = 0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const FrontlineDay data_days[] = {
    ymd (2024, 8, 6), ymd (2024, 8, 10), ymd (2024, 8, 14),
    ymd (2024, 9, 1), ymd (2025, 1, 10), ymd (2025, 3, 12),
  };
  const FrontlineDay mark_days[] = { ymd (2024, 8, 10), ymd (2024, 10, 3), ymd (2025, 2, 1) };
  const double ukraine[] = { 603000, 602500, 601800, 601200, 600100, 599800 };
  const double russia[] = { 100500, 101000, 101700, 102300, 103400, 103700 };
  const double blue[3] = { 0.21, 0.52, 0.89 };
  const double red[3] = { 0.88, 0.11, 0.14 };

  fixture->timeline = frontline_timeline_new ();
  frontline_timeline_set_range (fixture->timeline, ymd (2024, 8, 6), ymd (2025, 3, 20));
  frontline_timeline_set_data_days (fixture->timeline, data_days, G_N_ELEMENTS (data_days));
  frontline_timeline_set_mark_days (fixture->timeline, mark_days, G_N_ELEMENTS (mark_days));
  frontline_timeline_clear_series (fixture->timeline);
  frontline_timeline_add_series (fixture->timeline, "Ukraine", blue, ukraine, G_N_ELEMENTS (ukraine));
  frontline_timeline_add_series (fixture->timeline, "Russia", red, russia, G_N_ELEMENTS (russia));

  show_in_window (fixture);
}

static void
fixture_set_up_empty (Fixture       *fixture,
                      gconstpointer  data)
{
  fixture->timeline = frontline_timeline_new ();
  show_in_window (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* The timeline must go with its window: nothing else holds it. */
  g_object_add_weak_pointer (G_OBJECT (fixture->timeline), (gpointer *) &fixture->timeline);
  gtk_window_destroy (fixture->window);
  frontline_test_wait_until (is_gone_cb, fixture, 5000);
}

#define assert_day(timeline, y, m, d) \
  g_assert_cmpuint (frontline_timeline_get_day (timeline), ==, ymd (y, m, d))

static void
test_step (Fixture       *fixture,
           gconstpointer  data)
{
  FrontlineTimeline *timeline = fixture->timeline;
  guint day;

  /* A new range chooses its last day. */
  assert_day (timeline, 2025, 3, 20);

  frontline_timeline_set_day (timeline, ymd (2024, 8, 10));
  g_assert_cmpuint (fixture->notifies, ==, 1);

  frontline_timeline_step (timeline, 1);
  assert_day (timeline, 2024, 8, 11);
  g_assert_cmpuint (fixture->notifies, ==, 2);

  frontline_timeline_step (timeline, -1);
  assert_day (timeline, 2024, 8, 10);
  g_assert_cmpuint (fixture->notifies, ==, 3);

  /* Stepping clamps to the range, and staying put notifies nothing. */
  frontline_timeline_step (timeline, -30);
  assert_day (timeline, 2024, 8, 6);
  g_assert_cmpuint (fixture->notifies, ==, 4);
  frontline_timeline_step (timeline, -1);
  assert_day (timeline, 2024, 8, 6);
  g_assert_cmpuint (fixture->notifies, ==, 4);

  frontline_timeline_step (timeline, 1000);
  assert_day (timeline, 2025, 3, 20);
  frontline_timeline_step (timeline, G_MAXINT);
  assert_day (timeline, 2025, 3, 20);
  frontline_timeline_step (timeline, G_MININT);
  assert_day (timeline, 2024, 8, 6);

  /* So does setting the day, through the property too. */
  frontline_timeline_set_day (timeline, ymd (2026, 1, 1));
  assert_day (timeline, 2025, 3, 20);
  g_object_set (timeline, "day", (guint) ymd (2020, 1, 1), NULL);
  assert_day (timeline, 2024, 8, 6);
  g_object_get (timeline, "day", &day, NULL);
  g_assert_cmpuint (day, ==, ymd (2024, 8, 6));

  /* A narrower range pulls the day in. */
  fixture->notifies = 0;
  frontline_timeline_set_range (timeline, ymd (2024, 9, 1), ymd (2024, 12, 31));
  assert_day (timeline, 2024, 9, 1);
  g_assert_cmpuint (fixture->notifies, ==, 1);
  g_assert_cmpuint (frontline_timeline_get_first_day (timeline), ==, ymd (2024, 9, 1));
  g_assert_cmpuint (frontline_timeline_get_last_day (timeline), ==, ymd (2024, 12, 31));
}

static void
test_jump (Fixture       *fixture,
           gconstpointer  data)
{
  FrontlineTimeline *timeline = fixture->timeline;

  frontline_timeline_set_day (timeline, ymd (2024, 8, 11));
  frontline_timeline_jump (timeline, 1);
  assert_day (timeline, 2024, 8, 14);
  frontline_timeline_jump (timeline, 1);
  assert_day (timeline, 2024, 9, 1);

  frontline_timeline_set_day (timeline, ymd (2024, 8, 10));
  frontline_timeline_jump (timeline, -1);
  assert_day (timeline, 2024, 8, 6);

  /* Nothing before the first or after the last: the day stays. */
  fixture->notifies = 0;
  frontline_timeline_jump (timeline, -1);
  assert_day (timeline, 2024, 8, 6);

  frontline_timeline_set_day (timeline, ymd (2025, 3, 12));
  frontline_timeline_jump (timeline, 1);
  assert_day (timeline, 2025, 3, 12);
  frontline_timeline_set_day (timeline, ymd (2025, 3, 15));
  frontline_timeline_jump (timeline, 1);
  assert_day (timeline, 2025, 3, 15);
  g_assert_cmpuint (fixture->notifies, ==, 2);

  frontline_timeline_jump (timeline, -1);
  assert_day (timeline, 2025, 3, 12);
}

static void
test_ends (Fixture       *fixture,
           gconstpointer  data)
{
  FrontlineTimeline *timeline = fixture->timeline;

  frontline_timeline_go_to_start (timeline);
  assert_day (timeline, 2024, 8, 6);
  frontline_timeline_go_to_end (timeline);
  assert_day (timeline, 2025, 3, 20);
  g_assert_cmpuint (fixture->notifies, ==, 2);
}

static void
test_actions (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->timeline);

  frontline_timeline_set_day (fixture->timeline, ymd (2024, 8, 10));

  g_assert_true (gtk_widget_activate_action (widget, "timeline.step", "i", 1));
  assert_day (fixture->timeline, 2024, 8, 11);
  g_assert_true (gtk_widget_activate_action (widget, "timeline.step", "i", -1));
  assert_day (fixture->timeline, 2024, 8, 10);
  g_assert_true (gtk_widget_activate_action (widget, "timeline.step", "i", 30));
  assert_day (fixture->timeline, 2024, 9, 9);
  g_assert_true (gtk_widget_activate_action (widget, "timeline.jump", "i", -1));
  assert_day (fixture->timeline, 2024, 9, 1);
  g_assert_true (gtk_widget_activate_action (widget, "timeline.jump", "i", 1));
  assert_day (fixture->timeline, 2025, 1, 10);
  g_assert_true (gtk_widget_activate_action (widget, "timeline.home", NULL));
  assert_day (fixture->timeline, 2024, 8, 6);
  g_assert_true (gtk_widget_activate_action (widget, "timeline.end", NULL));
  assert_day (fixture->timeline, 2025, 3, 20);
}

/* The shortcuts the class installed, as the widget's shortcut controller
 * holds them. */
static GListModel *
get_class_shortcuts (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_SHORTCUT_CONTROLLER (controller))
        return G_LIST_MODEL (g_steal_pointer (&controller));
    }

  return NULL;
}

/* Finds the shortcut for @accelerator, checks that it activates
 * @action_name with @value (if @format is not NULL), and activates it as a
 * key press would. */
static void
press (GtkWidget  *widget,
       const char *accelerator,
       const char *action_name,
       const char *format,
       int         value)
{
  g_autoptr(GListModel) shortcuts = get_class_shortcuts (widget);
  g_autoptr(GtkShortcutTrigger) trigger = gtk_shortcut_trigger_parse_string (accelerator);
  GtkShortcut *found = NULL;
  GtkShortcutAction *action;
  GVariant *args;

  g_assert_nonnull (shortcuts);
  g_assert_nonnull (trigger);

  for (guint i = 0; i < g_list_model_get_n_items (shortcuts) && found == NULL; i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, i);

      if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
        found = shortcut;
    }

  if (found == NULL)
    g_error ("no shortcut for %s", accelerator);

  action = gtk_shortcut_get_action (found);
  args = gtk_shortcut_get_arguments (found);
  g_assert_true (GTK_IS_NAMED_ACTION (action));
  g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), ==, action_name);
  if (format != NULL)
    {
      g_assert_nonnull (args);
      g_assert_true (g_variant_is_of_type (args, G_VARIANT_TYPE (format)));
      g_assert_cmpint (g_variant_get_int32 (args), ==, value);
    }
  else
    g_assert_null (args);

  g_assert_true (gtk_shortcut_action_activate (action, GTK_SHORTCUT_ACTION_EXCLUSIVE, widget, args));
}

static void
test_shortcuts (Fixture       *fixture,
                gconstpointer  data)
{
  FrontlineTimeline *timeline = fixture->timeline;
  GtkWidget *widget = GTK_WIDGET (timeline);

  g_assert_true (gtk_widget_get_focusable (widget));
  g_assert_true (gtk_widget_grab_focus (widget));
  g_assert_true (gtk_widget_has_focus (widget));

  frontline_timeline_set_day (timeline, ymd (2024, 8, 11));

  press (widget, "Right", "timeline.step", "i", 1);
  assert_day (timeline, 2024, 8, 12);
  press (widget, "Left", "timeline.step", "i", -1);
  assert_day (timeline, 2024, 8, 11);
  press (widget, "KP_Right", "timeline.step", "i", 1);
  assert_day (timeline, 2024, 8, 12);
  press (widget, "<Control>Right", "timeline.jump", "i", 1);
  assert_day (timeline, 2024, 8, 14);
  press (widget, "<Control>Left", "timeline.jump", "i", -1);
  assert_day (timeline, 2024, 8, 10);
  press (widget, "Page_Down", "timeline.step", "i", 30);
  assert_day (timeline, 2024, 9, 9);
  press (widget, "Page_Up", "timeline.step", "i", -30);
  assert_day (timeline, 2024, 8, 10);
  press (widget, "End", "timeline.end", NULL, 0);
  assert_day (timeline, 2025, 3, 20);
  press (widget, "Home", "timeline.home", NULL, 0);
  assert_day (timeline, 2024, 8, 6);
}

static void
test_pick (Fixture       *fixture,
           gconstpointer  data)
{
  FrontlineTimeline *timeline = fixture->timeline;
  int width = gtk_widget_get_width (GTK_WIDGET (timeline));
  FrontlineDay first = ymd (2024, 8, 6);
  FrontlineDay last = ymd (2025, 3, 20);
  FrontlineDay middle = first + (last - first) / 2;
  double x_first = frontline_timeline_get_day_x (timeline, first);
  double x_last = frontline_timeline_get_day_x (timeline, last);
  double x_sep = frontline_timeline_get_day_x (timeline, ymd (2024, 9, 1));
  double pixels_per_day = (x_last - x_first) / (last - first);
  FrontlineDay unsnapped;

  /* The days below must be further apart than the snapping distance. */
  g_assert_cmpfloat (pixels_per_day, >, 2.5);
  g_assert_cmpfloat (x_first, >=, 0);
  g_assert_cmpfloat (x_last, <=, width);
  g_assert_cmpfloat (x_first, <, x_last);

  /* The ends, and past them. */
  g_assert_cmpuint (frontline_timeline_pick_day (timeline, x_first), ==, first);
  g_assert_cmpuint (frontline_timeline_pick_day (timeline, 0), ==, first);
  g_assert_cmpuint (frontline_timeline_pick_day (timeline, -100), ==, first);
  g_assert_cmpuint (frontline_timeline_pick_day (timeline, x_last), ==, last);
  g_assert_cmpuint (frontline_timeline_pick_day (timeline, width), ==, last);
  g_assert_cmpuint (frontline_timeline_pick_day (timeline, width + 100), ==, last);

  /* The middle, far from any data tick. */
  g_assert_cmpuint (frontline_timeline_pick_day (timeline, (x_first + x_last) / 2), ==, middle);
  g_assert_cmpuint (frontline_timeline_pick_day (timeline, frontline_timeline_get_day_x (timeline, middle)),
                    ==, middle);
  g_assert_cmpuint (frontline_timeline_pick_day (timeline, frontline_timeline_get_day_x (timeline, middle + 1)),
                    ==, middle + 1);

  /* Within 6 px of a data tick snaps to it, on either side. */
  g_assert_cmpuint (frontline_timeline_pick_day (timeline, x_sep + 5.5), ==, ymd (2024, 9, 1));
  g_assert_cmpuint (frontline_timeline_pick_day (timeline, x_sep - 5.5), ==, ymd (2024, 9, 1));

  /* Further away it does not. */
  unsnapped = frontline_timeline_pick_day (timeline, x_sep + 10);
  g_assert_cmpuint (unsnapped, ==, ymd (2024, 9, 1) + (FrontlineDay) lround (10 / pixels_per_day));
  g_assert_cmpuint (unsnapped, !=, ymd (2024, 9, 1));

  /* Between two ticks, the nearer wins; halfway between them, 2 days from
   * each and further than 6 px, neither. */
  g_assert_cmpuint (frontline_timeline_pick_day (timeline, frontline_timeline_get_day_x (timeline, ymd (2024, 8, 11))),
                    ==, ymd (2024, 8, 10));
  g_assert_cmpuint (frontline_timeline_pick_day (timeline, frontline_timeline_get_day_x (timeline, ymd (2024, 8, 13))),
                    ==, ymd (2024, 8, 14));
  if (2 * pixels_per_day > 6)
    g_assert_cmpuint (frontline_timeline_pick_day (timeline, frontline_timeline_get_day_x (timeline, ymd (2024, 8, 12))),
                      ==, ymd (2024, 8, 12));
}

static void
test_accessible (Fixture       *fixture,
                 gconstpointer  data)
{
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (fixture->timeline)),
                   ==, GTK_ACCESSIBLE_ROLE_SLIDER);
  g_assert_cmpstr (gtk_widget_get_css_name (GTK_WIDGET (fixture->timeline)), ==, "timeline");
  g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (fixture->timeline)));
}

static void
test_describe (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *data_day = frontline_timeline_describe_day (fixture->timeline, ymd (2024, 8, 10));
  g_autofree char *plain_day = frontline_timeline_describe_day (fixture->timeline, ymd (2024, 8, 12));
  g_autofree char *mark_day = frontline_timeline_describe_day (fixture->timeline, ymd (2024, 10, 3));

  /* The date; for a data day, that it is one and the areas that day. */
  g_assert_true (g_str_has_prefix (data_day, "<b>10 August 2024</b>"));
  g_assert_nonnull (strstr (data_day, "Data for this day"));
  g_assert_nonnull (strstr (data_day, "Quotes for this day"));
  g_assert_null (strstr (data_day, "Latest data"));
  g_assert_nonnull (strstr (data_day, "Ukraine: "));
  g_assert_nonnull (strstr (data_day, "602"));
  g_assert_nonnull (strstr (data_day, "500 km²"));
  g_assert_nonnull (strstr (data_day, "Russia: "));

  /* Another day gets the areas of the latest data day before it. */
  g_assert_true (g_str_has_prefix (plain_day, "<b>12 August 2024</b>"));
  g_assert_null (strstr (plain_day, "Data for this day"));
  g_assert_nonnull (strstr (plain_day, "Latest data: 10 August 2024"));
  g_assert_nonnull (strstr (plain_day, "Ukraine: "));

  g_assert_nonnull (strstr (mark_day, "Quotes for this day"));
  g_assert_nonnull (strstr (mark_day, "Latest data: 1 September 2024"));

  /* Names are escaped for the markup. */
  {
    const double rgb[3] = { 0, 0, 0 };
    const double values[] = { 1, 2, 3, 4, 5, 6 };
    g_autofree char *text = NULL;

    frontline_timeline_add_series (fixture->timeline, "<A & B>", rgb, values, G_N_ELEMENTS (values));
    text = frontline_timeline_describe_day (fixture->timeline, ymd (2024, 8, 6));
    g_assert_nonnull (strstr (text, "&lt;A &amp; B&gt;: 1 km²"));
    g_assert_true (pango_parse_markup (text, -1, 0, NULL, NULL, NULL, NULL));
  }
}

/* Renders the widget offscreen with the cairo renderer, as it is on screen. */
static cairo_surface_t *
render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderer) renderer = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  GskRenderNode *node;
  GtkSnapshot *snapshot;
  cairo_surface_t *surface;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gtk_test_widget_wait_for_draw (widget);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (node == NULL)
    return surface;

  renderer = gsk_cairo_renderer_new ();
  gsk_renderer_realize (renderer, NULL, &error);
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);
  gsk_render_node_unref (node);

  /* Cairo's ARGB32 is GDK's default memory format. */
  cairo_surface_flush (surface);
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        (gsize) cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);

  return surface;
}

/* A pixel as straight (not premultiplied) RGBA, 0 to 1. */
static void
get_pixel (cairo_surface_t *surface,
           int              x,
           int              y,
           GdkRGBA         *rgba)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  guint32 pixel = *(const guint32 *) (gconstpointer) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
  double a = (pixel >> 24) / 255.0;

  rgba->alpha = a;
  rgba->red = a > 0 ? ((pixel >> 16) & 0xff) / 255.0 / a : 0;
  rgba->green = a > 0 ? ((pixel >> 8) & 0xff) / 255.0 / a : 0;
  rgba->blue = a > 0 ? (pixel & 0xff) / 255.0 / a : 0;
}

static gboolean
is_color (const GdkRGBA *pixel,
          const GdkRGBA *color)
{
  return pixel->alpha > 0.95 &&
         fabs (pixel->red - color->red) < 0.06 &&
         fabs (pixel->green - color->green) < 0.06 &&
         fabs (pixel->blue - color->blue) < 0.06;
}

/* The column with the most pixels of the accent background colour: the
 * handle's line and knob. */
static int
find_handle (GtkWidget       *widget,
             cairo_surface_t *surface)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int best_x = -1, best_count = 0;
  GdkRGBA accent;

  g_assert_true (gtk_style_context_lookup_color (context, "accent_bg_color", &accent));

  for (int x = 0; x < width; x++)
    {
      int count = 0;

      for (int y = 0; y < height; y++)
        {
          GdkRGBA pixel;

          get_pixel (surface, x, y, &pixel);
          if (is_color (&pixel, &accent))
            count++;
        }

      if (count > best_count)
        {
          best_count = count;
          best_x = x;
        }
    }

  /* A line through the chart, not a dot. */
  g_assert_cmpint (best_count, >, height / 3);

  return best_x;
}

/* The lightness of the most opaque pixel in the bottom rows, where the
 * labels are drawn in the foreground colour. */
static double
label_lightness (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  GdkRGBA best = { 0, 0, 0, 0 };

  for (int y = height - 14; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        GdkRGBA pixel;

        get_pixel (surface, x, y, &pixel);
        if (pixel.alpha > best.alpha)
          best = pixel;
      }

  g_assert_cmpfloat (best.alpha, >, 0.3);

  return (best.red + best.green + best.blue) / 3;
}

static gboolean
is_dark_cb (gpointer data)
{
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (data), &fg);

  return fg.red > 0.5;
}

static void
test_render (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->timeline);
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  const FrontlineDay days[] = { ymd (2024, 11, 15), ymd (2025, 1, 10), ymd (2024, 8, 6), ymd (2025, 3, 20) };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      cairo_surface_t *surface;
      double expected;

      frontline_timeline_set_day (fixture->timeline, days[i]);
      expected = frontline_timeline_get_day_x (fixture->timeline, days[i]);
      surface = render (widget);
      g_assert_cmpfloat (fabs (find_handle (widget, surface) - expected), <=, 2);

      /* Dark labels on a light window. */
      if (i == 0)
        g_assert_cmpfloat (label_lightness (surface), <, 0.4);

      cairo_surface_destroy (surface);
    }

  /* The colours follow the style: light labels in dark mode. */
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  frontline_test_wait_until (is_dark_cb, widget, 5000);
  {
    cairo_surface_t *surface;

    frontline_timeline_set_day (fixture->timeline, days[0]);
    surface = render (widget);
    g_assert_cmpfloat (fabs (find_handle (widget, surface) -
                             frontline_timeline_get_day_x (fixture->timeline, days[0])), <=, 2);
    g_assert_cmpfloat (label_lightness (surface), >, 0.6);
    cairo_surface_destroy (surface);
  }
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* How many pixels of @surface, in the chart above the track, are @rgb. */
static guint
count_color (cairo_surface_t *surface,
             const double     rgb[3],
             int              bottom)
{
  GdkRGBA color = { rgb[0], rgb[1], rgb[2], 1 };
  guint count = 0;

  for (int y = 0; y < bottom; y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        GdkRGBA pixel;

        get_pixel (surface, x, y, &pixel);
        if (pixel.alpha > 0.5 && fabs (pixel.red - color.red) < 0.08 &&
            fabs (pixel.green - color.green) < 0.08 && fabs (pixel.blue - color.blue) < 0.08)
          count++;
      }

  return count;
}

/* Two sides with the same area, then one with none: both stay visible (the
 * areas are stacked, each outlined), and a side with no ground draws no
 * line over the other's. */
static void
test_series_visible (Fixture       *fixture,
                     gconstpointer  data)
{
  const double blue[3] = { 0.21, 0.52, 0.89 };
  const double red[3] = { 0.88, 0.11, 0.14 };
  const double same[] = { 40, 40, 40, 40, 40, 40 };
  const double none[] = { 0, 0, 0, 0, 0, 0 };
  GtkWidget *widget = GTK_WIDGET (fixture->timeline);
  int bottom = gtk_widget_get_height (widget) - 24;
  cairo_surface_t *surface;
  guint blue_pixels;

  frontline_timeline_clear_series (fixture->timeline);
  frontline_timeline_add_series (fixture->timeline, "Ukraine", blue, same, G_N_ELEMENTS (same));
  frontline_timeline_add_series (fixture->timeline, "Russia", red, same, G_N_ELEMENTS (same));
  surface = render (widget);
  blue_pixels = count_color (surface, blue, bottom);
  g_assert_cmpuint (blue_pixels, >, 50);
  g_assert_cmpuint (count_color (surface, red, bottom), >, 50);
  cairo_surface_destroy (surface);

  frontline_timeline_clear_series (fixture->timeline);
  frontline_timeline_add_series (fixture->timeline, "Ukraine", blue, same, G_N_ELEMENTS (same));
  frontline_timeline_add_series (fixture->timeline, "Russia", red, none, G_N_ELEMENTS (none));
  surface = render (widget);
  g_assert_cmpuint (count_color (surface, blue, bottom), >, 50);
  g_assert_cmpuint (count_color (surface, red, bottom), ==, 0);
  cairo_surface_destroy (surface);
}

static gboolean
differ (cairo_surface_t *a,
        cairo_surface_t *b)
{
  gsize size = (gsize) cairo_image_surface_get_stride (a) * cairo_image_surface_get_height (a);

  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b), size) != 0;
}

static void
test_focus_ring (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->timeline);
  cairo_surface_t *unfocused, *focused;

  /* The widget draws its own focus ring, only when the keyboard is in use. */
  gtk_window_set_focus_visible (fixture->window, FALSE);
  unfocused = render (widget);
  g_assert_true (gtk_widget_grab_focus (widget));
  focused = render (widget);
  g_assert_false (differ (unfocused, focused));
  cairo_surface_destroy (focused);

  gtk_window_set_focus_visible (fixture->window, TRUE);
  g_assert_true (gtk_widget_has_visible_focus (widget));
  focused = render (widget);
  g_assert_true (differ (unfocused, focused));

  cairo_surface_destroy (focused);
  cairo_surface_destroy (unfocused);
}

static void
test_no_range (Fixture       *fixture,
               gconstpointer  data)
{
  FrontlineTimeline *timeline = fixture->timeline;
  GtkWidget *widget = GTK_WIDGET (timeline);
  cairo_surface_t *surface;
  const guchar *pixels;
  gsize size;

  /* No day, nothing to move, nothing to focus, nothing drawn. */
  g_assert_cmpuint (frontline_timeline_get_day (timeline), ==, FRONTLINE_DAY_NONE);
  frontline_timeline_set_day (timeline, ymd (2024, 8, 10));
  frontline_timeline_step (timeline, 1);
  frontline_timeline_jump (timeline, 1);
  frontline_timeline_go_to_end (timeline);
  gtk_widget_activate_action (widget, "timeline.step", "i", 1);
  g_assert_cmpuint (frontline_timeline_get_day (timeline), ==, FRONTLINE_DAY_NONE);
  g_assert_cmpuint (fixture->notifies, ==, 0);
  g_assert_false (gtk_widget_get_focusable (widget));
  g_assert_cmpuint (frontline_timeline_pick_day (timeline, 100), ==, FRONTLINE_DAY_NONE);
  g_assert_cmpint (gtk_widget_get_height (widget), >=, 64);

  surface = render (widget);
  pixels = cairo_image_surface_get_data (surface);
  size = (gsize) cairo_image_surface_get_stride (surface) * cairo_image_surface_get_height (surface);
  for (gsize i = 0; i < size; i++)
    g_assert_cmpuint (pixels[i], ==, 0);
  cairo_surface_destroy (surface);

  /* A range brings it to life on its last day; taking it away ends that. */
  frontline_timeline_set_range (timeline, ymd (2024, 8, 6), ymd (2024, 8, 6));
  g_assert_cmpuint (frontline_timeline_get_day (timeline), ==, ymd (2024, 8, 6));
  g_assert_true (gtk_widget_get_focusable (widget));
  g_assert_cmpuint (frontline_timeline_pick_day (timeline, 0), ==, ymd (2024, 8, 6));
  surface = render (widget);
  cairo_surface_destroy (surface);

  frontline_timeline_set_range (timeline, FRONTLINE_DAY_NONE, FRONTLINE_DAY_NONE);
  g_assert_cmpuint (frontline_timeline_get_day (timeline), ==, FRONTLINE_DAY_NONE);
  g_assert_cmpuint (fixture->notifies, ==, 2);
  g_assert_false (gtk_widget_get_focusable (widget));
}

/* Long and short ranges, wide and narrow, draw without complaint. */
static void
test_ranges (Fixture       *fixture,
             gconstpointer  data)
{
  const struct {
    guint first[3];
    guint last[3];
    int   width;
  } cases[] = {
    { { 2022, 2, 24 }, { 2025, 3, 20 }, 800 },
    { { 2022, 2, 24 }, { 2025, 3, 20 }, 200 },
    { { 1900, 1, 1 }, { 2025, 12, 31 }, 800 },
    { { 2024, 8, 6 }, { 2024, 8, 20 }, 800 },
    { { 2024, 8, 6 }, { 2024, 8, 7 }, 100 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      cairo_surface_t *surface;

      frontline_timeline_set_range (fixture->timeline,
                                    ymd (cases[i].first[0], cases[i].first[1], cases[i].first[2]),
                                    ymd (cases[i].last[0], cases[i].last[1], cases[i].last[2]));
      gtk_widget_set_size_request (GTK_WIDGET (fixture->timeline), cases[i].width, -1);
      gtk_window_set_default_size (fixture->window, cases[i].width, 64);
      surface = render (GTK_WIDGET (fixture->timeline));
      cairo_surface_destroy (surface);
    }
}

/* The timeline and the area chart share one time axis: over the same range
 * and at the same width they put their ticks on the same days, weeks on
 * Mondays in both. */
static void
test_ticks_agree (Fixture       *fixture,
                  gconstpointer  data)
{
  const struct {
    guint first[3];
    guint last[3];
    guint step;   /* in days, or 0 for months */
  } cases[] = {
    { { 2024, 8, 6 }, { 2024, 10, 20 }, 7 },
    { { 2024, 8, 6 }, { 2025, 3, 20 }, 0 },
  };
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  FrontlineTimeline *timeline = frontline_timeline_new ();
  FrontlineAreaChart *chart = frontline_area_chart_new ();
  const double rgb[3] = { 0.2, 0.5, 0.9 };

  gtk_window_set_default_size (window, 800, 400);
  gtk_widget_set_vexpand (GTK_WIDGET (chart), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (timeline));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (chart));
  gtk_window_set_child (window, box);
  gtk_window_present (window);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FrontlineDay days[2] = {
        ymd (cases[i].first[0], cases[i].first[1], cases[i].first[2]),
        ymd (cases[i].last[0], cases[i].last[1], cases[i].last[2]),
      };
      const double values[2] = { 100, 200 };
      cairo_surface_t *surface;
      GArray *timeline_ticks, *chart_ticks;

      frontline_timeline_set_range (timeline, days[0], days[1]);
      frontline_area_chart_clear (chart);
      frontline_area_chart_add_series (chart, "Side", rgb, FRONTLINE_STATUS_CONTROLLED, days, values, 2);
      surface = render (GTK_WIDGET (timeline));
      cairo_surface_destroy (surface);
      surface = render (GTK_WIDGET (chart));
      cairo_surface_destroy (surface);

      timeline_ticks = frontline_timeline_get_ticks (timeline);
      chart_ticks = frontline_area_chart_get_ticks (chart);
      g_assert_nonnull (timeline_ticks);
      g_assert_nonnull (chart_ticks);
      g_assert_cmpuint (timeline_ticks->len, >, 2);
      g_assert_cmpuint (timeline_ticks->len, ==, chart_ticks->len);
      for (guint t = 0; t < timeline_ticks->len; t++)
        {
          FrontlineDay day = g_array_index (timeline_ticks, FrontlineTimeTick, t).day;
          GDate date;

          g_assert_cmpuint (day, ==, g_array_index (chart_ticks, FrontlineTimeTick, t).day);
          g_date_clear (&date, 1);
          g_date_set_julian (&date, day);
          if (cases[i].step == 7)
            g_assert_cmpint (g_date_get_weekday (&date), ==, G_DATE_MONDAY);
          else
            g_assert_cmpint (g_date_get_day (&date), ==, 1);
        }
    }

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  /* Dates in the tooltips are checked in English. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  /* Drawing goes through cairo; without GL, GDK loads no GL driver, whose
   * own leaks would drown ours under valgrind. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);

  frontline_gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/frontline/timeline/step", Fixture, NULL, fixture_set_up, test_step, fixture_tear_down);
  g_test_add ("/frontline/timeline/jump", Fixture, NULL, fixture_set_up, test_jump, fixture_tear_down);
  g_test_add ("/frontline/timeline/ends", Fixture, NULL, fixture_set_up, test_ends, fixture_tear_down);
  g_test_add ("/frontline/timeline/actions", Fixture, NULL, fixture_set_up, test_actions, fixture_tear_down);
  g_test_add ("/frontline/timeline/shortcuts", Fixture, NULL, fixture_set_up, test_shortcuts, fixture_tear_down);
  g_test_add ("/frontline/timeline/pick", Fixture, NULL, fixture_set_up, test_pick, fixture_tear_down);
  g_test_add ("/frontline/timeline/accessible", Fixture, NULL, fixture_set_up, test_accessible, fixture_tear_down);
  g_test_add ("/frontline/timeline/describe", Fixture, NULL, fixture_set_up, test_describe, fixture_tear_down);
  g_test_add ("/frontline/timeline/render", Fixture, NULL, fixture_set_up, test_render, fixture_tear_down);
  g_test_add ("/frontline/timeline/series-visible", Fixture, NULL, fixture_set_up, test_series_visible,
              fixture_tear_down);
  g_test_add ("/frontline/timeline/focus-ring", Fixture, NULL, fixture_set_up, test_focus_ring, fixture_tear_down);
  g_test_add ("/frontline/timeline/ranges", Fixture, NULL, fixture_set_up, test_ranges, fixture_tear_down);
  g_test_add ("/frontline/timeline/ticks-agree", Fixture, NULL, fixture_set_up, test_ticks_agree,
              fixture_tear_down);
  g_test_add ("/frontline/timeline/no-range", Fixture, NULL, fixture_set_up_empty, test_no_range,
              fixture_tear_down);

  return g_test_run ();
}
