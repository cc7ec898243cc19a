/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "frontline-basemap-source.h"
#include "frontline-side-panel.h"
#include "frontline-test-utils.h"
#include "frontline-window.h"

static FrontlineApplication *app;

#define QUOTE(id, text, speaker, date) \
  "{\"id\":\"" id "\",\"text\":\"" text "\",\"speaker\":\"" speaker "\",\"role\":\"commander\"," \
  "\"date\":\"" date "\",\"source\":\"s1\"}"
#define AREA(date) \
  "{\"type\":\"Feature\",\"properties\":{\"date\":\"" date "\",\"faction\":\"ua\",\"source\":\"s1\"}," \
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[36,51],[36,52],[35,52],[35,51]]]}}"

static const char *fixture_json =
  "{\"type\":\"FeatureCollection\",\"frontline\":{\"title\":\"Panel\","
  "\"sources\":[{\"id\":\"s1\",\"title\":\"<i>Report</i> & more\",\"publisher\":\"The Post\","
  "\"published\":\"2024-08-14\",\"date_precision\":\"approximate\",\"url\":\"javascript:alert(1)\"},"
  "{\"id\":\"s2\",\"title\":\"Safe\",\"url\":\"https://example.org/report\"}],"
  "\"quotes\":["
  QUOTE ("q0", "Before it all.", "Ann", "2024-08-01") ","
  QUOTE ("q1", "We are <b>holding</b> & advancing.", "Boris", "2024-08-07") ","
  QUOTE ("q2", "They retreated.", "Chen", "2024-08-09") ","
  QUOTE ("q4", "Same week.", "Dana", "2024-08-12") ","
  QUOTE ("q3", "Much later.", "Ann", "2024-08-20")
  "]},\"features\":[" AREA ("2024-08-06") "," AREA ("2024-08-08") "," AREA ("2024-08-15") "]}";

static FrontlineDataset *
load_fixture (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "frontline-panel-test.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FrontlineDataset *dataset;

  g_assert_true (g_file_set_contents (path, fixture_json, -1, NULL));
  dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_file_delete (file, NULL, NULL);

  return dataset;
}

static FrontlineDay
day_of (const char *text)
{
  FrontlineDay day = FRONTLINE_DAY_NONE;

  g_assert_true (frontline_day_parse (text, &day));
  return day;
}

static char *
quote_ids (GListModel *model)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FrontlineQuote) quote = g_list_model_get_item (model, i);

      g_string_append_printf (ids, "%s%s", i ? " " : "", frontline_quote_get_id (quote));
    }

  return g_string_free (ids, FALSE);
}

static FrontlineSidePanel *
new_panel (FrontlineDataset *dataset)
{
  GtkWidget *window = gtk_window_new ();
  FrontlineSidePanel *panel = frontline_side_panel_new ();

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 600);
  gtk_window_present (GTK_WINDOW (window));
  frontline_side_panel_set_dataset (panel, dataset);

  return panel;
}

static void
test_rows_follow_date (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineSidePanel *panel = new_panel (dataset);
  char *ids;

  /* From the data date the map shows to the next one, nearest first. */
  frontline_side_panel_set_day (panel, day_of ("2024-08-07"));
  ids = quote_ids (frontline_side_panel_get_date_quotes (panel));
  g_assert_cmpstr (ids, ==, "q1");
  g_free (ids);

  frontline_side_panel_set_day (panel, day_of ("2024-08-14"));
  ids = quote_ids (frontline_side_panel_get_date_quotes (panel));
  g_assert_cmpstr (ids, ==, "q4 q2");
  g_free (ids);

  frontline_side_panel_set_day (panel, day_of ("2024-08-20"));
  ids = quote_ids (frontline_side_panel_get_date_quotes (panel));
  g_assert_cmpstr (ids, ==, "q3");
  g_free (ids);

  frontline_test_close_all ();
}

static void
test_filter (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineSidePanel *panel = new_panel (dataset);
  GListModel *all = frontline_side_panel_get_all_quotes (panel);
  char *ids;

  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 5);

  /* By text, case aside. */
  frontline_side_panel_set_search (panel, "HOLDING");
  ids = quote_ids (all);
  g_assert_cmpstr (ids, ==, "q1");
  g_free (ids);

  /* By speaker, sorted by date. */
  frontline_side_panel_set_search (panel, "ann");
  ids = quote_ids (all);
  g_assert_cmpstr (ids, ==, "q0 q3");
  g_free (ids);

  frontline_side_panel_set_search (panel, "");
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 5);

  frontline_test_close_all ();
}

static void
test_urls (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineSource *unsafe = frontline_dataset_lookup_source (dataset, "s1");
  FrontlineSource *safe = frontline_dataset_lookup_source (dataset, "s2");

  /* Only http and https are ever opened. */
  g_assert_null (frontline_source_get_openable_url (unsafe));
  g_assert_cmpstr (frontline_source_get_openable_url (safe), ==, "https://example.org/report");
}

static void
test_markup_literal (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineSidePanel *panel = new_panel (dataset);
  g_autoptr(FrontlineQuote) quote = g_list_model_get_item (frontline_dataset_get_quotes (dataset), 1);
  const char *detail;

  frontline_side_panel_select_quote (panel, quote);
  detail = frontline_side_panel_get_detail_text (panel);

  /* The source's title as written, tags and ampersand included. */
  g_assert_nonnull (strstr (detail, "<i>Report</i> & more"));
  g_assert_nonnull (strstr (detail, "Publisher: The Post"));
  g_assert_nonnull (strstr (detail, "Published: 2024-08-14 (approximate)"));
  g_assert_nonnull (strstr (detail, "javascript:alert(1)"));

  frontline_test_close_all ();
}

typedef struct {
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
on_clipboard_read (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  read->done = TRUE;
}

static gboolean
read_done_cb (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

static void
test_copy_citation (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineSidePanel *panel = new_panel (dataset);
  g_autoptr(FrontlineQuote) quote = g_list_model_get_item (frontline_dataset_get_quotes (dataset), 1);
  ClipboardRead read = { NULL, FALSE };

  frontline_side_panel_select_quote (panel, quote);
  gtk_widget_activate_action (GTK_WIDGET (panel), "panel.copy-citation", NULL);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (panel)), NULL, on_clipboard_read, &read);
  frontline_test_wait_until (read_done_cb, &read, 5000);

  g_assert_cmpstr (read.text, ==,
                   "Boris, commander (2024-08-07): “We are <b>holding</b> & advancing.” "
                   "Source: <i>Report</i> & more, The Post, 2024-08-14 (approximate), javascript:alert(1).");
  g_free (read.text);

  frontline_test_close_all ();
}

static void
test_place_search (void)
{
  FrontlineWindow *window = FRONTLINE_WINDOW (frontline_application_new_window (app));
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  ShumateViewport *viewport = frontline_window_get_viewport (window);

  gtk_window_present (GTK_WINDOW (window));

  /* Both spellings find Sudzha, and Enter flies there. */
  g_assert_cmpuint (frontline_place_search_find (frontline_window_get_place_search (window), "Sudzha"), >=, 1);
  g_assert_cmpuint (frontline_place_search_find (frontline_window_get_place_search (window), "Суджа"), >=, 1);
  g_assert_true (frontline_place_search_activate_first (frontline_window_get_place_search (window)));
  frontline_test_spin (600);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 51.1976, 0.01);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), 35.2726, 0.01);

  g_assert_cmpuint (frontline_place_search_find (frontline_window_get_place_search (window), "no such place anywhere"), ==, 0);

  frontline_test_close_all ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  frontline_test_init (&argc, &argv, NULL);

  app = frontline_test_application_new ();

  g_test_add_func ("/frontline/side-panel/rows-follow-date", test_rows_follow_date);
  g_test_add_func ("/frontline/side-panel/filter", test_filter);
  g_test_add_func ("/frontline/side-panel/urls", test_urls);
  g_test_add_func ("/frontline/side-panel/markup-literal", test_markup_literal);
  g_test_add_func ("/frontline/side-panel/copy-citation", test_copy_citation);
  g_test_add_func ("/frontline/side-panel/place-search", test_place_search);

  ret = g_test_run ();

  frontline_basemap_source_shutdown ();
  g_clear_object (&app);

  return ret;
}
