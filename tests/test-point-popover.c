/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "frontline-comparison.h"
#include "frontline-dataset.h"
#include "frontline-point-popover.h"
#include "frontline-test-utils.h"

/* What a click on the map says is shown whole: no label of the popover is
 * ellipsized or cut, the heading and a long note included. */

static gboolean
popover_ready_cb (gpointer data)
{
  GtkWidget *popover = data;

  return gtk_widget_get_mapped (popover) && gtk_widget_get_height (popover) > 0;
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

static void
assert_shown_whole (FrontlinePointPopover *popover)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *content = gtk_popover_get_child (GTK_POPOVER (popover));
  int content_width = gtk_widget_get_width (content);
  int content_height = gtk_widget_get_height (content);

  collect_labels (GTK_WIDGET (popover), labels);
  g_assert_cmpuint (labels->len, >, 0);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (label));
      int width = gtk_widget_get_width (label);
      int height = gtk_widget_get_height (label);
      int min_height, nat_height;
      int min_width, nat_width;
      PangoRectangle ink, logical;
      graphene_rect_t bounds;

      g_test_message ("label %u: %d×%d “%.40s”", i, width, height,
                      gtk_label_get_text (GTK_LABEL (label)));
      if (*gtk_label_get_text (GTK_LABEL (label)) == '\0')
        continue;

      /* Not ellipsized, and tall enough for its lines at its width. */
      g_assert_false (pango_layout_is_ellipsized (layout));
      gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, width, &min_height, &nat_height, NULL, NULL);
      g_assert_cmpint (height, >=, min_height);
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
      g_assert_cmpint (width, >=, min_width);
      pango_layout_get_pixel_extents (layout, &ink, &logical);
      g_assert_cmpint (logical.width, <=, width + 1);
      g_assert_cmpint (logical.height, <=, height + 1);

      /* Inside what the popover shows. */
      g_assert_true (gtk_widget_compute_bounds (label, content, &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.y, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, content_width + 0.5);
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, content_height + 0.5);
    }
}

static void
test_long_note (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                                 "kursk-2024-2025.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *anchor = gtk_drawing_area_new ();
  FrontlinePointPopover *popover = frontline_point_popover_new ();
  GdkRectangle rect = { 400, 500, 1, 1 };
  const char *text;

  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_set_child (GTK_WINDOW (window), anchor);
  gtk_widget_set_parent (GTK_WIDGET (popover), anchor);
  /* GtkPopover remembers the focus when it pops up: as on the map, there is one. */
  gtk_widget_set_focusable (anchor, TRUE);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (anchor);

  /* Sudzha, held by Ukraine with a long note on the area. */
  frontline_point_popover_describe (popover, dataset, frontline_day_from_dmy (27, 8, 2024),
                                    35.27, 51.19);
  text = frontline_point_popover_get_text (popover);
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "Held by Ukraine"));
  g_assert_nonnull (strstr (text, "Approximat"));
  g_assert_cmpuint (strlen (text), >, 300);

  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &rect);
  gtk_popover_popup (GTK_POPOVER (popover));
  frontline_test_wait_until (popover_ready_cb, popover, 5000);
  frontline_test_spin (100);
  if (g_getenv ("FRONTLINE_TEST_HOLD") != NULL)
    frontline_test_spin (atoi (g_getenv ("FRONTLINE_TEST_HOLD")));

  assert_shown_whole (popover);
  /* Not a column of a few words: the text reads as lines. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (popover)), >=, 300);

  /* A point no side holds. */
  gtk_popover_popdown (GTK_POPOVER (popover));
  frontline_point_popover_describe (popover, dataset, frontline_day_from_dmy (27, 8, 2024), 0.0, 0.0);
  gtk_popover_popup (GTK_POPOVER (popover));
  frontline_test_wait_until (popover_ready_cb, popover, 5000);
  frontline_test_spin (50);
  assert_shown_whole (popover);

  gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_widget_unparent (GTK_WIDGET (popover));
  gtk_window_destroy (GTK_WINDOW (window));
  frontline_test_spin (20);
}

/* Comparing, a click in ground gained or lost names both dates and
 * describes the area behind it: the gainer's on the later date, the
 * loser's on the earlier one; Show Evidence hands that area on. */

static gboolean
find_point_in (FrontlineGeometry *geometry,
               double            *lon,
               double            *lat)
{
  for (double y = 50.9; y < 51.7; y += 0.01)
    for (double x = 34.6; x < 35.8; x += 0.01)
      if (frontline_geometry_contains_point (geometry, x, y))
        {
          *lon = x;
          *lat = y;
          return TRUE;
        }

  return FALSE;
}

static void
on_show_evidence_cb (FrontlinePointPopover *popover,
                     FrontlineArea         *area,
                     const char            *context,
                     char                 **shown)
{
  *shown = g_strdup_printf ("%s|%s", frontline_area_get_id (area), context ? context : "");
}

static void
test_change (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                                 "kursk-2024-2025.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FrontlineDataset) dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);
  FrontlinePointPopover *popover = g_object_ref_sink (frontline_point_popover_new ());
  g_autoptr(FrontlineComparison) gain = NULL;
  g_autoptr(FrontlineComparison) loss = NULL;
  FrontlineChange *change;
  g_autofree char *shown = NULL;
  const char *text;
  double lon = 0.0;
  double lat = 0.0;

  g_assert_no_error (error);
  g_signal_connect (popover, "show-evidence", G_CALLBACK (on_show_evidence_cb), &shown);

  /* Ukraine's first week: ground gained, the area of 14 Aug, source 003. */
  gain = frontline_comparison_new (dataset, frontline_day_from_dmy (6, 8, 2024),
                                   frontline_day_from_dmy (14, 8, 2024), NULL);
  change = g_ptr_array_index (frontline_comparison_get_changes (gain), 0);
  g_assert_true (find_point_in (change->gained, &lon, &lat));
  g_assert_true (frontline_point_popover_describe_change (popover, dataset, gain, lon, lat));
  text = frontline_point_popover_get_text (popover);
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "Held by Ukraine\n"
                                   "Gained by Ukraine between 6 Aug 2024 and 14 Aug 2024: "
                                   "the area of 14 Aug 2024\nOn 14 Aug 2024, from the assessment of "
                                   "14 Aug 2024"));
  g_assert_nonnull (strstr (text, "Source: Ukraine’s territory gains in Russia in just a week nearly "
                                  "match Moscow’s advances — which took 8 months (The Post, about "
                                  "14 Aug 2024)"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popover), "popover.show-evidence", NULL));
  g_assert_nonnull (strstr (shown, "|Gained by Ukraine between 6 Aug 2024 and 14 Aug 2024"));
  g_assert_true (frontline_area_get_day (frontline_point_popover_get_area (popover)) ==
                 frontline_day_from_dmy (14, 8, 2024));

  /* Its withdrawal: ground lost, the area of the earlier date. */
  loss = frontline_comparison_new (dataset, frontline_day_from_dmy (7, 3, 2025),
                                   frontline_day_from_dmy (20, 3, 2025), NULL);
  change = g_ptr_array_index (frontline_comparison_get_changes (loss), 0);
  g_assert_true (find_point_in (change->lost, &lon, &lat));
  g_assert_true (frontline_point_popover_describe_change (popover, dataset, loss, lon, lat));
  text = frontline_point_popover_get_text (popover);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Lost by Ukraine between 7 Mar 2025 and 20 Mar 2025: the area of "
                                  "7 Mar 2025"));
  g_assert_true (frontline_area_get_day (frontline_point_popover_get_area (popover)) ==
                 frontline_day_from_dmy (7, 3, 2025));

  /* Outside any change the popover is left to say who holds the point. */
  g_assert_false (frontline_point_popover_describe_change (popover, dataset, loss, 0.0, 0.0));

  g_object_unref (popover);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  frontline_gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/frontline/point-popover/long-note", test_long_note);
  g_test_add_func ("/frontline/point-popover/change", test_change);

  return g_test_run ();
}
