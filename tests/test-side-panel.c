/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "frontline-basemap-source.h"
#include "frontline-side-panel.h"
#include "frontline-source-row.h"
#include "frontline-stop-row.h"
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
  "{\"id\":\"s2\",\"title\":\"Safe\",\"url\":\"https://example.org/report\"},"
  "{\"id\":\"s3\",\"title\":\"unknown\",\"publisher\":\"unknown\",\"author\":\"unknown\","
  "\"published\":\"2025-01-10\",\"date_precision\":\"approximate\",\"url\":\"unknown\"}],"
  "\"quotes\":["
  "{\"id\":\"q0\",\"text\":\"Before it all.\",\"speaker\":\"Ann\",\"date\":\"2024-08-01\","
  "\"source\":\"s2\"},"
  QUOTE ("q1", "We are <b>holding</b> & advancing.", "Boris", "2024-08-07") ","
  QUOTE ("q2", "They retreated.", "Chen", "2024-08-09") ","
  QUOTE ("q4", "Same week.", "Dana", "2024-08-12") ","
  QUOTE ("q3", "Much later.", "Ann", "2024-08-20")
  "]},\"features\":[" AREA ("2024-08-06") "," AREA ("2024-08-08") "," AREA ("2024-08-15") ","
  "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-15\",\"faction\":\"ua\","
  "\"status\":\"contested\",\"source\":[\"s3\"]},\"geometry\":{\"type\":\"Polygon\","
  "\"coordinates\":[[[36,51],[37,51],[37,52],[36,52],[36,51]]]}}]}";

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
  g_assert_nonnull (strstr (detail, "Published: about 14 Aug 2024"));
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
                   "Boris, commander (about 7 Aug 2024): “We are <b>holding</b> & advancing.” "
                   "Source: <i>Report</i> & more, The Post, about 14 Aug 2024, javascript:alert(1).");
  g_free (read.text);

  frontline_test_close_all ();
}

/* The Sources page: every source a row that can be selected, by the list's
 * own action as a click or a key does; an untitled source named by its id,
 * never "unknown"; what cites each, quotes and areas; a source cited only by
 * areas shown in full; its quotes one button away. */

static void
collect_source_rows (GtkWidget *widget,
                     GPtrArray *rows)
{
  if (FRONTLINE_IS_SOURCE_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_source_rows (child, rows);
}

static GtkWidget *
find_by_type (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_sources (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineSidePanel *panel = new_panel (dataset);
  GtkSelectionModel *sources = frontline_side_panel_get_sources (panel);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *stack;
  GtkWidget *list;
  g_autofree char *untitled = NULL;
  ClipboardRead read = { NULL, FALSE };
  const char *detail;
  char *ids;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sources)), ==, 3);
  g_assert_true (GTK_IS_SINGLE_SELECTION (sources));

  stack = find_by_type (GTK_WIDGET (panel), GTK_TYPE_STACK);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "sources");
  frontline_test_spin (100);
  collect_source_rows (GTK_WIDGET (panel), rows);
  g_assert_cmpuint (rows->len, ==, 3);

  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *text = frontline_source_row_get_text (g_ptr_array_index (rows, i));

      /* "unknown" is what the format writes for a field not known: never shown as a value. */
      g_assert_false (g_str_has_prefix (text, "unknown"));
      g_assert_null (strstr (text, "· unknown"));
      g_assert_null (strstr (text, "\nunknown"));
      if (strstr (text, "s3") != NULL)
        untitled = g_steal_pointer (&text);
    }
  g_assert_nonnull (untitled);
  g_assert_cmpstr (untitled, ==, "Untitled source s3\n"
                                 "Publisher unknown · about 10 Jan 2025\n"
                                 "No quotes · 1 area\n"
                                 "ua (contested): 15 Aug 2024");
  g_clear_pointer (&untitled, g_free);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *text = frontline_source_row_get_text (g_ptr_array_index (rows, i));

      if (g_str_has_prefix (text, "<i>Report</i>"))
        g_assert_cmpstr (text, ==, "<i>Report</i> & more\n"
                                   "The Post · about 14 Aug 2024\n"
                                   "javascript:alert(1)\n"
                                   "4 quotes · 3 areas\n"
                                   "ua (controlled): 6 Aug 2024 – 15 Aug 2024");
    }

  /* Selected as a click or a key selects: by the list's own action. */
  list = find_by_type (GTK_WIDGET (panel), GTK_TYPE_LIST_VIEW);
  g_assert_true (gtk_widget_get_focusable (list) ||
                 gtk_widget_get_focusable (gtk_widget_get_first_child (list)));
  g_assert_true (gtk_widget_activate_action (list, "list.select-item", "(ubb)", 2, FALSE, FALSE));
  g_assert_true (frontline_side_panel_get_selected_source (panel) ==
                 frontline_dataset_lookup_source (dataset, "s3"));
  g_assert_null (frontline_side_panel_get_selected (panel));
  detail = frontline_side_panel_get_detail_text (panel);
  g_assert_nonnull (strstr (detail, "Untitled source s3"));
  g_assert_nonnull (strstr (detail, "Published: about 10 Jan 2025"));
  g_assert_nonnull (strstr (detail, "Source id: s3"));
  g_assert_nonnull (strstr (detail, "Cited by: No quotes · 1 area\nua (contested): 15 Aug 2024"));
  g_assert_null (strstr (detail, "Author:"));
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (panel), "_Show Quotes")));

  gtk_widget_activate_action (GTK_WIDGET (panel), "panel.copy-citation", NULL);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (panel)), NULL,
                                 on_clipboard_read, &read);
  frontline_test_wait_until (read_done_cb, &read, 5000);
  g_assert_cmpstr (read.text, ==, "Untitled source s3, about 10 Jan 2025.");
  g_free (read.text);

  /* Its quotes, one action away; a quote's selection shows its source. */
  gtk_selection_model_select_item (sources, 1, TRUE);
  g_assert_true (frontline_side_panel_get_selected_source (panel) ==
                 frontline_dataset_lookup_source (dataset, "s2"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.show-quotes", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "all");
  ids = quote_ids (frontline_side_panel_get_all_quotes (panel));
  g_assert_cmpstr (ids, ==, "q0");
  g_free (ids);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.clear-source-filter",
                                             NULL));
  g_assert_cmpuint (g_list_model_get_n_items (frontline_side_panel_get_all_quotes (panel)), ==, 5);

  {
    GListModel *all_quotes = frontline_dataset_get_quotes (dataset);
    g_autoptr(FrontlineQuote) quote = g_list_model_get_item (all_quotes, 1);

    frontline_side_panel_select_quote (panel, quote);
    g_assert_true (frontline_side_panel_get_selected_source (panel) ==
                 frontline_dataset_lookup_source (dataset, "s1"));
    g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (sources)), ==,
                      GTK_INVALID_LIST_POSITION);
  }

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

/* The stop row on its own: it shows and edits its stop, follows changes made
 * elsewhere, and asks to be moved or deleted. */

typedef struct {
  int   delta;
  guint moves;
  guint deletes;
} RowRequests;

static void
on_row_move_cb (FrontlineStopRow *row,
                int               delta,
                RowRequests      *requests)
{
  requests->delta = delta;
  requests->moves++;
}

static void
on_row_delete_cb (FrontlineStopRow *row,
                  RowRequests      *requests)
{
  requests->deletes++;
}

static void
test_stop_row (void)
{
  g_autoptr(FrontlineStop) stop = frontline_stop_new ("Sudzha", day_of ("2024-08-14"), 35.3, 51.2,
                                                      9);
  g_autoptr(FrontlineStopRow) row = g_object_ref_sink (frontline_stop_row_new ());
  g_autofree char *date_label = NULL;
  g_autoptr(FrontlineStop) got = NULL;
  g_autofree char *expected_date = frontline_day_format_label (day_of ("2024-08-14"));
  GtkEditable *title = GTK_EDITABLE (gtk_widget_get_first_child (GTK_WIDGET (row)));
  GtkWidget *date = gtk_widget_get_next_sibling (GTK_WIDGET (title));
  GtkEditable *caption = GTK_EDITABLE (gtk_widget_get_next_sibling (date));
  RowRequests requests = { 0, };

  g_signal_connect (row, "move", G_CALLBACK (on_row_move_cb), &requests);
  g_signal_connect (row, "delete", G_CALLBACK (on_row_delete_cb), &requests);

  /* No stop: nothing to show, nothing to ask. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "stop-row.delete", NULL));
  g_assert_cmpuint (requests.deletes, ==, 0);

  g_object_set (row, "stop", stop, NULL);
  g_object_get (row, "stop", &got, "date-label", &date_label, NULL);
  g_assert_true (got == stop);
  g_assert_cmpstr (date_label, ==, expected_date);
  g_assert_cmpstr (date_label, ==, "14 Aug 2024");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (date)), ==, "14 Aug 2024");
  g_assert_cmpstr (gtk_editable_get_text (title), ==, "Sudzha");
  g_assert_cmpstr (gtk_editable_get_text (caption), ==, "");

  /* Typing edits the stop; an empty caption is none. */
  gtk_editable_set_text (title, "Sudzha taken");
  g_assert_cmpstr (frontline_stop_get_title (stop), ==, "Sudzha taken");
  gtk_editable_set_text (caption, "The town changes hands.");
  g_assert_cmpstr (frontline_stop_get_caption (stop), ==, "The town changes hands.");
  gtk_editable_set_text (caption, "");
  g_assert_null (frontline_stop_get_caption (stop));

  /* An edit made elsewhere shows. */
  frontline_stop_set_title (stop, "Renamed");
  g_assert_cmpstr (gtk_editable_get_text (title), ==, "Renamed");

  /* The buttons' actions ask the list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "stop-row.move-up", NULL));
  g_assert_cmpuint (requests.moves, ==, 1);
  g_assert_cmpint (requests.delta, ==, -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "stop-row.move-down", NULL));
  g_assert_cmpuint (requests.moves, ==, 2);
  g_assert_cmpint (requests.delta, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "stop-row.delete", NULL));
  g_assert_cmpuint (requests.deletes, ==, 1);

  /* Let go of the stop: edits no longer reach it. */
  frontline_stop_row_set_stop (row, NULL);
  g_assert_cmpstr (gtk_editable_get_text (title), ==, "");
  g_assert_cmpstr (frontline_stop_get_title (stop), ==, "Renamed");
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (FRONTLINE_IS_STOP_ROW (widget) && gtk_widget_get_mapped (widget) &&
      frontline_stop_row_get_stop (FRONTLINE_STOP_ROW (widget)) != NULL)
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static FrontlineStopRow *
row_for (FrontlineSidePanel *panel,
         const char         *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (panel), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      FrontlineStopRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (frontline_stop_get_title (frontline_stop_row_get_stop (row)), title) == 0)
        return row;
    }

  return NULL;
}

static gboolean
has_three_rows_cb (gpointer data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (data), rows);
  return rows->len == 3;
}

static char *
stop_titles (FrontlineDataset *dataset)
{
  GListModel *stops = frontline_dataset_get_stops (dataset);
  GString *titles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (stops); i++)
    {
      g_autoptr(FrontlineStop) stop = g_list_model_get_item (stops, i);

      g_string_append_printf (titles, "%s%s", i ? " " : "", frontline_stop_get_title (stop));
    }

  return g_string_free (titles, FALSE);
}

/* The stack that holds the stops page. */
static GtkWidget *
find_stops_stack (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "stops") != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_stops_stack (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* In the panel, a row's buttons move and delete its own stop. */
static void
test_stop_rows (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  const char *titles[] = { "A", "B", "C" };
  FrontlineSidePanel *panel;
  GtkWidget *stack;
  char *order;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(FrontlineStop) stop = frontline_stop_new (titles[i], day_of ("2024-08-08") + i,
                                                          35.3, 51.2, 9);

      frontline_dataset_add_stop (dataset, stop);
    }
  panel = new_panel (dataset);
  stack = find_stops_stack (GTK_WIDGET (panel));
  g_assert_nonnull (stack);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "stops");
  frontline_test_wait_until (has_three_rows_cb, panel, 5000);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row_for (panel, "A")),
                                             "stop-row.move-down", NULL));
  order = stop_titles (dataset);
  g_assert_cmpstr (order, ==, "B A C");
  g_free (order);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row_for (panel, "C")), "stop-row.move-up",
                                             NULL));
  order = stop_titles (dataset);
  g_assert_cmpstr (order, ==, "B C A");
  g_free (order);

  /* The first stop cannot go further up. */
  frontline_test_wait_until (has_three_rows_cb, panel, 5000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row_for (panel, "B")), "stop-row.move-up",
                                             NULL));
  order = stop_titles (dataset);
  g_assert_cmpstr (order, ==, "B C A");
  g_free (order);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row_for (panel, "C")), "stop-row.delete",
                                             NULL));
  order = stop_titles (dataset);
  g_assert_cmpstr (order, ==, "B A");
  g_free (order);

  frontline_test_close_all ();
}

/* The evidence behind an area: its sources with their reference lines and
 * the quotes citing them, each dated as precisely as the data says; the
 * first source selected on the Sources page. */
static void
test_evidence (void)
{
  g_autoptr(FrontlineDataset) dataset = load_fixture ();
  FrontlineSidePanel *panel = new_panel (dataset);
  GListModel *areas = frontline_dataset_get_areas (dataset);
  g_autoptr(FrontlineArea) held = g_list_model_get_item (areas, 1);
  g_autoptr(FrontlineArea) contested = g_list_model_get_item (areas, 3);
  GtkWidget *stack;
  const char *text;

  g_assert_cmpstr (frontline_side_panel_get_evidence_text (panel), ==, "");
  frontline_side_panel_show_evidence (panel, held, "Gained by ua between 6 Aug 2024 and 8 Aug 2024");
  text = frontline_side_panel_get_evidence_text (panel);
  g_test_message ("%s", text);
  g_assert_cmpstr (text, ==,
                   "Held by ua, 8 Aug 2024\n"
                   "Gained by ua between 6 Aug 2024 and 8 Aug 2024\n"
                   "From the assessment of 8 Aug 2024\n\n"
                   "Source: <i>Report</i> & more (The Post, about 14 Aug 2024)\n"
                   "“We are <b>holding</b> & advancing.”\n— Boris, about 7 Aug 2024\n"
                   "“They retreated.”\n— Chen, about 9 Aug 2024\n"
                   "“Same week.”\n— Dana, about 12 Aug 2024\n"
                   "“Much later.”\n— Ann, about 20 Aug 2024");
  g_assert_true (frontline_side_panel_get_selected_source (panel) ==
                 frontline_dataset_lookup_source (dataset, "s1"));
  stack = find_by_type (GTK_WIDGET (panel), GTK_TYPE_STACK);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "sources");

  /* A source no quote cites, without a title: said so, never "unknown". */
  frontline_side_panel_show_evidence (panel, contested, NULL);
  text = frontline_side_panel_get_evidence_text (panel);
  g_assert_cmpstr (text, ==,
                   "Contested by ua, 15 Aug 2024\n"
                   "From the assessment of 15 Aug 2024\n\n"
                   "Source: Untitled source s3 (about 10 Jan 2025)\n"
                   "No quotes in the dataset cite this source.");
  g_assert_true (frontline_side_panel_get_selected_source (panel) ==
                 frontline_dataset_lookup_source (dataset, "s3"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.clear-evidence", NULL));
  g_assert_cmpstr (frontline_side_panel_get_evidence_text (panel), ==, "");

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
  g_test_add_func ("/frontline/side-panel/sources", test_sources);
  g_test_add_func ("/frontline/side-panel/evidence", test_evidence);
  g_test_add_func ("/frontline/side-panel/place-search", test_place_search);
  g_test_add_func ("/frontline/side-panel/stop-row", test_stop_row);
  g_test_add_func ("/frontline/side-panel/stop-rows", test_stop_rows);

  ret = g_test_run ();

  frontline_basemap_source_shutdown ();
  g_clear_object (&app);

  return ret;
}
