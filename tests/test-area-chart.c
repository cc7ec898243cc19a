/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "frontline-area-chart.h"
#include "frontline-area-chart-private.h"
#include "frontline-csv-export.h"
#include "frontline-dataset.h"
#include "frontline-test-utils.h"

/* Two sides on three dates; Russia's claim lapses between the second and the
 * third, which adds a fourth sample day. Russia always holds more than
 * Ukraine, so its line runs above. */
#define UA_COLOR 0x00, 0x57, 0xb7
#define RU_COLOR 0xd5, 0x2b, 0x1e

static char *tmp_dir;

static char *
square (double lon,
        double lat,
        double size)
{
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
  char c[G_ASCII_DTOSTR_BUF_SIZE], d[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (a, sizeof a, lon);
  g_ascii_dtostr (b, sizeof b, lat);
  g_ascii_dtostr (c, sizeof c, lon + size);
  g_ascii_dtostr (d, sizeof d, lat + size);

  return g_strdup_printf ("[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]",
                          a, b, c, b, c, d, a, d, a, b);
}

static void
append_area (GString    *json,
             const char *date,
             const char *faction,
             const char *extra,
             double      lon,
             double      size)
{
  g_autofree char *coordinates = square (lon, 51.0, size);

  g_string_append_printf (json,
                          "%s{\"type\":\"Feature\",\"properties\":{\"date\":\"%s\","
                          "\"faction\":\"%s\"%s},\"geometry\":{\"type\":\"Polygon\","
                          "\"coordinates\":%s}}",
                          json->str[json->len - 1] == '[' ? "" : ",\n",
                          date, faction, extra, coordinates);
}

static FrontlineDataset *
load_fixture (void)
{
  g_autoptr(GString) json = g_string_new (
    "{\"type\":\"FeatureCollection\",\"frontline\":{\"version\":1,\"title\":\"Chart: Test\","
    "\"factions\":[{\"id\":\"ua\",\"name\":\"Ukraine\",\"color\":\"#0057b7\"},"
    "{\"id\":\"ru\",\"name\":\"Russia\",\"color\":\"#d52b1e\"}]},\"features\":[");
  g_autofree char *path = g_build_filename (tmp_dir, "chart.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FrontlineDataset *dataset;

  append_area (json, "2024-08-06", "ua", "", 35.0, 0.5);
  append_area (json, "2024-08-06", "ru", "", 37.0, 1.0);
  append_area (json, "2024-08-20", "ua", "", 35.0, 0.6);
  append_area (json, "2024-08-20", "ru", "", 37.0, 1.2);
  append_area (json, "2024-08-20", "ru",
               ",\"status\":\"claimed\",\"valid_until\":\"2024-08-25\"", 39.0, 0.3);
  append_area (json, "2024-09-03", "ua", "", 35.0, 0.7);
  append_area (json, "2024-09-03", "ru", "", 37.0, 1.1);
  g_string_append (json, "]}\n");

  g_file_set_contents (path, json->str, -1, &error);
  g_assert_no_error (error);
  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  return dataset;
}

static FrontlineDay
day (const char *text)
{
  FrontlineDay d = FRONTLINE_DAY_NONE;

  g_assert_true (frontline_day_parse (text, &d));
  return d;
}

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} LoadResult;

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LoadResult *load = user_data;

  load->ok = frontline_area_chart_load_finish (FRONTLINE_AREA_CHART (source), result,
                                               &load->error);
  load->done = TRUE;
}

static gboolean
load_done_cb (gpointer data)
{
  return ((LoadResult *) data)->done;
}

static void
load_chart (FrontlineAreaChart *chart,
            FrontlineDataset   *dataset)
{
  LoadResult load = { 0 };

  frontline_area_chart_load_async (chart, dataset, NULL, on_loaded_cb, &load);
  frontline_test_wait_until (load_done_cb, &load, 10000);
  g_assert_no_error (load.error);
  g_assert_true (load.ok);
}

static double
layer_area (FrontlineDataset *dataset,
            FrontlineDay      d,
            const char       *faction_name,
            FrontlineStatus   status)
{
  g_autoptr(GArray) layers = frontline_dataset_get_layer_areas (dataset, d);

  for (guint i = 0; i < layers->len; i++)
    {
      FrontlineLayerArea *entry = &g_array_index (layers, FrontlineLayerArea, i);

      if (entry->status == status &&
          g_str_equal (frontline_faction_get_name (entry->faction), faction_name))
        return entry->area_km2;
    }

  return NAN;
}

static void
test_load (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineAreaChart *chart = g_object_ref_sink (frontline_area_chart_new ());
  static const struct {
    const char      *label;
    FrontlineStatus  status;
  } expected[] = {
    { "Ukraine", FRONTLINE_STATUS_CONTROLLED },
    { "Russia", FRONTLINE_STATUS_CONTROLLED },
    { "Russia", FRONTLINE_STATUS_CLAIMED },
  };
  guint n_days = 0;

  frontline_dataset_get_days (dataset, &n_days);
  g_assert_cmpuint (n_days, ==, 3);

  load_chart (chart, dataset);
  g_assert_cmpuint (frontline_area_chart_get_n_series (chart), ==, G_N_ELEMENTS (expected));

  for (guint s = 0; s < G_N_ELEMENTS (expected); s++)
    {
      const FrontlineDay *days = NULL;
      guint n = 0;
      const double *values = frontline_area_chart_get_series_values (chart, s, &days, &n);

      g_assert_cmpstr (frontline_area_chart_get_series_label (chart, s), ==, expected[s].label);
      g_assert_cmpint (frontline_area_chart_get_series_status (chart, s), ==, expected[s].status);

      /* The three data days and the day the claim lapses. */
      g_assert_cmpuint (n, ==, 4);
      g_assert_cmpuint (days[0], ==, day ("2024-08-06"));
      g_assert_cmpuint (days[1], ==, day ("2024-08-20"));
      g_assert_cmpuint (days[2], ==, day ("2024-08-26"));
      g_assert_cmpuint (days[3], ==, day ("2024-09-03"));

      for (guint i = 0; i < n; i++)
        {
          double area = layer_area (dataset, days[i], expected[s].label, expected[s].status);

          if (isnan (area))
            g_assert_true (isnan (values[i]));
          else
            g_assert_cmpfloat_with_epsilon (values[i], area, 1e-9);
        }
    }

  /* Ukraine's ground is ~0.5° squares, Russia's ~1°: a sanity check on units. */
  g_assert_cmpfloat (frontline_area_chart_get_value_at (chart, 0, day ("2024-08-06")), >, 1000);
  g_assert_cmpfloat (frontline_area_chart_get_value_at (chart, 1, day ("2024-08-06")), >,
                     frontline_area_chart_get_value_at (chart, 0, day ("2024-08-06")));

  /* A value holds until the next sample; the claim only from its day to its end. */
  g_assert_cmpfloat (frontline_area_chart_get_value_at (chart, 1, day ("2024-08-25")), ==,
                     frontline_area_chart_get_value_at (chart, 1, day ("2024-08-20")));
  g_assert_true (isnan (frontline_area_chart_get_value_at (chart, 2, day ("2024-08-19"))));
  g_assert_false (isnan (frontline_area_chart_get_value_at (chart, 2, day ("2024-08-25"))));
  g_assert_true (isnan (frontline_area_chart_get_value_at (chart, 2, day ("2024-08-26"))));
  g_assert_true (isnan (frontline_area_chart_get_value_at (chart, 0, day ("2024-08-05"))));

  /* Screen readers are told the values, since they cannot see the lines. */
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (chart),
                                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));

  frontline_area_chart_clear (chart);
  g_assert_cmpuint (frontline_area_chart_get_n_series (chart), ==, 0);
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (chart),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));

  g_assert_finalize_object (chart);
}

static void
test_load_cancelled (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineAreaChart *chart = g_object_ref_sink (frontline_area_chart_new ());
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LoadResult first = { 0 };
  LoadResult second = { 0 };
  LoadResult cancelled = { 0 };

  /* A newer load wins over an older one, whichever finishes first. */
  frontline_area_chart_load_async (chart, dataset, NULL, on_loaded_cb, &first);
  frontline_area_chart_load_async (chart, dataset, NULL, on_loaded_cb, &second);
  frontline_test_wait_until (load_done_cb, &first, 10000);
  frontline_test_wait_until (load_done_cb, &second, 10000);
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (first.ok);
  g_assert_no_error (second.error);
  g_assert_true (second.ok);
  g_assert_cmpuint (frontline_area_chart_get_n_series (chart), ==, 3);
  g_clear_error (&first.error);

  /* A cancelled load leaves the chart as it was. */
  g_cancellable_cancel (cancellable);
  frontline_area_chart_load_async (chart, dataset, cancellable, on_loaded_cb, &cancelled);
  frontline_test_wait_until (load_done_cb, &cancelled, 10000);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (frontline_area_chart_get_n_series (chart), ==, 3);
  g_clear_error (&cancelled.error);

  g_assert_finalize_object (chart);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_add_series (void)
{
  FrontlineAreaChart *chart = g_object_ref_sink (frontline_area_chart_new ());
  const double rgb[3] = { 0.2, 0.4, 0.6 };
  const FrontlineDay days[] = { 100, 110, 120 };
  const double values[] = { 1.0, NAN, 3.0 };
  guint notified = 0;

  frontline_area_chart_add_series (chart, "Side", rgb, FRONTLINE_STATUS_CONTESTED, days, values, 3);
  g_assert_cmpuint (frontline_area_chart_get_n_series (chart), ==, 1);
  g_assert_cmpfloat (frontline_area_chart_get_value_at (chart, 0, 105), ==, 1.0);
  g_assert_true (isnan (frontline_area_chart_get_value_at (chart, 0, 115)));
  g_assert_cmpfloat (frontline_area_chart_get_value_at (chart, 0, 500), ==, 3.0);

  g_signal_connect (chart, "notify::day", G_CALLBACK (on_notify_cb), &notified);
  frontline_area_chart_set_day (chart, 110);
  frontline_area_chart_set_day (chart, 110);
  g_assert_cmpuint (frontline_area_chart_get_day (chart), ==, 110);
  g_assert_cmpuint (notified, ==, 1);

  gtk_test_accessible_assert_role (chart, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Area held per side over time");

  g_assert_finalize_object (chart);
}

/* Rendering */

typedef struct {
  guchar *pixels;
  int     width;
  int     height;
  gsize   stride;
} Image;

static void
image_clear (Image *image)
{
  g_clear_pointer (&image->pixels, g_free);
}

/* Draws the widget as the window shows it, through the cairo renderer, into
 * memory: BGRA, premultiplied, as cairo's ARGB32 on a little-endian machine. */
static void
render_widget (GtkWidget *widget,
               Image     *image)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  image->width = gtk_widget_get_width (widget);
  image->height = gtk_widget_get_height (widget);
  g_assert_cmpint (image->width, >, 0);
  g_assert_cmpint (image->height, >, 0);

  gdk_paintable_snapshot (paintable, snapshot, image->width, image->height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  gsk_renderer_realize (renderer, NULL, &error);
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, image->width, image->height));
  gsk_renderer_unrealize (renderer);

  image->stride = (gsize) image->width * 4;
  image->pixels = g_malloc0 (image->stride * image->height);
  gdk_texture_download (texture, image->pixels, image->stride);
}

static gboolean
pixel_is (const Image *image,
          int          x,
          int          y,
          guchar       r,
          guchar       g,
          guchar       b)
{
  const guchar *p = image->pixels + y * image->stride + x * 4;

  return p[3] == 255 && ABS (p[2] - r) <= 2 && ABS (p[1] - g) <= 2 && ABS (p[0] - b) <= 2;
}

/* How many pixels have the colour, and the topmost row with one (or -1). */
static guint
find_color (const Image *image,
            guchar       r,
            guchar       g,
            guchar       b,
            int         *top)
{
  guint count = 0;

  *top = -1;
  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++)
      if (pixel_is (image, x, y, r, g, b))
        {
          if (*top < 0)
            *top = y;
          count++;
        }

  return count;
}

static gboolean
widget_drawn_cb (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 100;
}

static GtkWindow *
chart_window (FrontlineAreaChart *chart)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 600, 360);
  gtk_window_set_child (window, GTK_WIDGET (chart));
  gtk_window_present (window);
  frontline_test_wait_until (widget_drawn_cb, chart, 5000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  return window;
}

static GtkEventController *
find_motion_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  /* The widget keeps its controllers: a borrowed pointer is enough. */
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      GtkEventController *controller = g_list_model_get_item (controllers, i);

      g_object_unref (controller);
      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        return controller;
    }

  g_assert_not_reached ();
}

static GtkEventController *
find_click_gesture (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      GtkEventController *controller = g_list_model_get_item (controllers, i);

      g_object_unref (controller);
      if (GTK_IS_GESTURE_CLICK (controller))
        return controller;
    }

  g_assert_not_reached ();
}

static void
on_chart_day_cb (FrontlineAreaChart *chart,
                 GParamSpec         *pspec,
                 guint              *notifies)
{
  (*notifies)++;
}

/* A click goes to the day under the pointer, the one hovering names; outside
 * the plot it does nothing. */
static void
test_click (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineAreaChart *chart = frontline_area_chart_new ();
  GtkWindow *window = chart_window (chart);
  GtkEventController *click;
  double left, right;
  guint notifies = 0;

  load_chart (chart, dataset);
  frontline_area_chart_set_day (chart, day ("2024-08-06"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_signal_connect (chart, "notify::day", G_CALLBACK (on_chart_day_cb), &notifies);
  click = find_click_gesture (GTK_WIDGET (chart));
  left = chart->plot.origin.x;
  right = left + chart->plot.size.width;
  g_assert_cmpfloat (chart->plot.size.width, >, 100);

  /* The middle of the plot: the day the hover box shows. */
  g_signal_emit_by_name (find_motion_controller (GTK_WIDGET (chart)), "motion",
                         (left + right) / 2, chart->plot.origin.y + 10);
  g_assert_cmpuint (chart->hover_day, >, day ("2024-08-06"));
  g_assert_cmpuint (chart->hover_day, <, day ("2024-09-03"));
  g_signal_emit_by_name (click, "released", 1, (left + right) / 2, chart->plot.origin.y + 10);
  g_assert_cmpuint (frontline_area_chart_get_day (chart), ==, chart->hover_day);
  g_assert_cmpuint (notifies, ==, 1);

  /* The ends. */
  g_signal_emit_by_name (click, "released", 1, right - 0.5, chart->plot.origin.y + 10);
  g_assert_cmpuint (frontline_area_chart_get_day (chart), ==, day ("2024-09-03"));
  g_signal_emit_by_name (click, "released", 1, left + 0.5, chart->plot.origin.y + 10);
  g_assert_cmpuint (frontline_area_chart_get_day (chart), ==, day ("2024-08-06"));

  /* Left of the plot, over the axis's labels: nothing. */
  notifies = 0;
  g_signal_emit_by_name (click, "released", 1, left - 5, chart->plot.origin.y + 10);
  g_assert_cmpuint (frontline_area_chart_get_day (chart), ==, day ("2024-08-06"));
  g_assert_cmpuint (notifies, ==, 0);

  gtk_window_destroy (window);
}

static void
test_render (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineAreaChart *chart = frontline_area_chart_new ();
  GtkWindow *window = chart_window (chart);
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (chart));
  GdkRGBA accent;
  GdkRGBA popover;
  Image image = { 0 };
  int ua_top, ru_top, accent_top, popover_top;
  guint popover_before;

  load_chart (chart, dataset);
  frontline_area_chart_set_day (chart, day ("2024-08-20"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  render_widget (GTK_WIDGET (chart), &image);
  g_assert_cmpint (image.width, ==, gtk_widget_get_width (GTK_WIDGET (chart)));

  /* Both sides' lines are there, in their colours; Russia, holding more,
   * runs above Ukraine (the legend, below the plot, has both colours too). */
  g_assert_cmpuint (find_color (&image, UA_COLOR, &ua_top), >, 50);
  g_assert_cmpuint (find_color (&image, RU_COLOR, &ru_top), >, 50);
  g_assert_cmpint (ru_top, >=, 0);
  g_assert_cmpint (ru_top + 10, <, ua_top);

  /* The chosen day is a line in the accent colour. */
  g_assert_true (gtk_style_context_lookup_color (context, "accent_bg_color", &accent));
  g_assert_cmpuint (find_color (&image, accent.red * 255 + 0.5, accent.green * 255 + 0.5,
                                accent.blue * 255 + 0.5, &accent_top), >, 100);

  /* Hovering adds the label box, in the popover colour. */
  g_assert_true (gtk_style_context_lookup_color (context, "popover_bg_color", &popover));
  popover_before = find_color (&image, popover.red * 255 + 0.5, popover.green * 255 + 0.5,
                               popover.blue * 255 + 0.5, &popover_top);
  image_clear (&image);

  g_signal_emit_by_name (find_motion_controller (GTK_WIDGET (chart)), "motion",
                         image.width / 2.0, image.height / 3.0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  render_widget (GTK_WIDGET (chart), &image);
  g_assert_cmpuint (find_color (&image, popover.red * 255 + 0.5, popover.green * 255 + 0.5,
                                popover.blue * 255 + 0.5, &popover_top), >, popover_before + 1000);
  image_clear (&image);

  g_signal_emit_by_name (find_motion_controller (GTK_WIDGET (chart)), "leave");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  render_widget (GTK_WIDGET (chart), &image);
  g_assert_cmpuint (find_color (&image, popover.red * 255 + 0.5, popover.green * 255 + 0.5,
                                popover.blue * 255 + 0.5, &popover_top), ==, popover_before);
  image_clear (&image);

  /* An empty chart draws no lines. */
  frontline_area_chart_clear (chart);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  render_widget (GTK_WIDGET (chart), &image);
  g_assert_cmpuint (find_color (&image, UA_COLOR, &ua_top), ==, 0);
  g_assert_cmpuint (find_color (&image, RU_COLOR, &ru_top), ==, 0);
  image_clear (&image);

  gtk_window_destroy (window);
  frontline_test_close_all ();
}

/* CSV export */

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

static void
test_csv_write (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  g_autofree char *expected = frontline_dataset_format_stats_csv (dataset);
  g_autofree char *dir = g_build_filename (tmp_dir, "csv", NULL);
  g_autofree char *path = g_build_filename (dir, "areas.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *name = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_str_has_prefix (expected, "date,faction,status,area_km2\n2024-08-06,ua,"));

  g_assert_true (frontline_csv_export_write (dataset, file, NULL, &error));
  g_assert_no_error (error);
  written = read_file (path);
  g_assert_cmpstr (written, ==, expected);
  g_clear_pointer (&written, g_free);

  /* Over an existing file: replaced whole, with nothing left beside it. */
  g_file_set_contents (path, "old contents that are longer than nothing at all\n", -1, &error);
  g_assert_no_error (error);
  g_assert_true (frontline_csv_export_write (dataset, file, NULL, &error));
  g_assert_no_error (error);
  written = read_file (path);
  g_assert_cmpstr (written, ==, expected);
  g_assert_cmpuint (count_files (dir), ==, 1);

  name = frontline_csv_export_suggest_name (dataset);
  g_assert_cmpstr (name, ==, "Chart- Test-areas.csv");

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_csv_write_fails (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  const char *paths[] = {
    "/nonexistent-frontline-dir/areas.csv",
    "/proc/frontline-areas.csv",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(GError) error = NULL;

      g_assert_false (frontline_csv_export_write (dataset, file, NULL, &error));
      g_assert_nonnull (error);
      g_test_message ("%s: %s", paths[i], error->message);
      g_assert_false (g_file_query_exists (file, NULL));
    }
}

static void
on_export_done_cb (GFile    *file,
                   gpointer  user_data)
{
  GFile **result = user_data;

  *result = g_object_ref (file);
}

static gboolean
nonnull_cb (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static gboolean
in_folder_cb (gpointer data)
{
  GFile *expected = g_object_get_data (data, "expected-folder");
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (data);
  g_autoptr(GFile) file = gtk_file_chooser_get_file (data);
  g_autoptr(GFile) parent = file ? g_file_get_parent (file) : NULL;

  return folder != NULL && g_file_equal (folder, expected) &&
         parent != NULL && g_file_equal (parent, expected);
}

static void
export_through_chooser (GtkWindow        *parent,
                        FrontlineDataset *dataset,
                        const char       *name,
                        GFile           **done_file)
{
  g_autoptr(GFile) folder = g_file_new_for_path (tmp_dir);
  g_autofree char *suggested = NULL;
  GtkWindow *chooser;

  frontline_csv_export_run_full (parent, dataset, on_export_done_cb, done_file);
  chooser = frontline_test_wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_true (gtk_window_get_transient_for (chooser) == parent);
  suggested = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (suggested, ==, "Chart- Test-areas.csv");

  /* It opens next to the dataset, where the user types another name. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "expected-folder", folder);
  frontline_test_wait_until (in_folder_cb, chooser, 5000);
  /* Press Export, as the user would. */
  gtk_widget_activate (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser),
                                                           GTK_RESPONSE_ACCEPT));
}

static void
test_csv_export_dialog (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  g_autofree char *expected = frontline_dataset_format_stats_csv (dataset);
  g_autofree char *path = g_build_filename (tmp_dir, "exported.csv", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent-frontline-dir/areas.csv");
  g_autofree char *written = NULL;
  g_autoptr(GFile) done_file = NULL;
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  GtkWindow *dialog;

  gtk_window_present (parent);

  export_through_chooser (parent, dataset, "exported.csv", &done_file);
  frontline_test_wait_until (nonnull_cb, &done_file, 10000);
  g_assert_cmpstr (g_file_peek_path (done_file), ==, path);
  written = read_file (path);
  g_assert_cmpstr (written, ==, expected);
  g_clear_object (&done_file);

  /* A failure shows a dialog that names the file, and the done hook is not
   * called. */
  frontline_csv_export_to_file (parent, dataset, missing, on_export_done_cb, &done_file);
  dialog = frontline_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (gtk_window_get_transient_for (dialog) == parent);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Could Not Export the Areas");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "“areas.csv”"));
  g_assert_null (done_file);
  g_assert_false (g_file_query_exists (missing, NULL));

  frontline_test_close_all ();
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  frontline_gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  tmp_dir = g_dir_make_tmp ("frontline-area-chart-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/frontline/area-chart/load", test_load);
  g_test_add_func ("/frontline/area-chart/load-cancelled", test_load_cancelled);
  g_test_add_func ("/frontline/area-chart/add-series", test_add_series);
  g_test_add_func ("/frontline/area-chart/render", test_render);
  g_test_add_func ("/frontline/area-chart/click", test_click);
  g_test_add_func ("/frontline/csv-export/write", test_csv_write);
  g_test_add_func ("/frontline/csv-export/write-fails", test_csv_write_fails);
  g_test_add_func ("/frontline/csv-export/dialog", test_csv_export_dialog);

  ret = g_test_run ();

  {
    g_autofree char *fixture = g_build_filename (tmp_dir, "chart.geojson", NULL);

    g_unlink (fixture);
    g_rmdir (tmp_dir);
    g_free (tmp_dir);
  }

  return ret;
}
