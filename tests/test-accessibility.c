/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "frontline-annotation-bar.h"
#include "frontline-basemap.h"
#include "frontline-dataset.h"
#include "frontline-date-bar.h"
#include "frontline-day.h"
#include "frontline-point-popover.h"
#include "frontline-side-panel.h"
#include "frontline-test-utils.h"
#include "frontline-timeline.h"
#include "frontline-timeline-private.h"
#include "frontline-window.h"

/* Every control a screen reader can land on has a name, and every one the
 * keyboard can work is reached by Tab. The walk goes through GTK's
 * accessibility API (roles, the label property, the labelled-by relation:
 * what GTK 4.8 gives AT-SPI as the name), over the main window with a
 * dataset, its menus and popovers, and every dialog and window the app
 * opens. A control is named when it has a non-empty label, or is labelled by
 * a widget that has one. */

static FrontlineApplication *app;

/* Roles a screen reader announces by name (ARIA's "name required"), which a
 * user moves to and works. */
static gboolean
role_needs_name (GtkAccessibleRole role)
{
  switch ((int) role)
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_TAB:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
has_label (GtkWidget *widget)
{
  g_autofree char *empty = NULL;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return FALSE;
  /* gtk_test_accessible_check_property() returns NULL when the value is
   * the one given: an empty label is no name. */
  empty = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "");
  return empty != NULL;
}

static void
collect_labelled (GtkWidget *widget,
                  GPtrArray *labelled)
{
  if (has_label (widget))
    g_ptr_array_add (labelled, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_labelled (child, labelled);
}

/* Labelled by a widget that has a label itself (GTK 4.8 reads one level). */
static gboolean
labelled_by_named (GtkWidget *widget,
                   GPtrArray *labelled)
{
  if (!gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return FALSE;
  for (guint i = 0; i < labelled->len; i++)
    {
      g_autofree char *mismatch =
        gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                            g_ptr_array_index (labelled, i), NULL);

      if (mismatch == NULL)
        return TRUE;
    }
  return FALSE;
}

static char *
describe_widget (GtkWidget *widget)
{
  g_autoptr(GString) path = g_string_new (NULL);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *id = GTK_IS_BUILDABLE (w) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (w)) : NULL;

      g_string_prepend (path, id ? id : G_OBJECT_TYPE_NAME (w));
      if (gtk_widget_get_parent (w) != NULL)
        g_string_prepend (path, " > ");
    }
  return g_strdup (path->str);
}

typedef struct {
  GPtrArray *labelled;    /* widgets of the toplevel with a non-empty label */
  GString *unnamed;       /* what is wrong, a line each */
  guint n_controls;
} Walk;

static void
walk_controls (GtkWidget *widget,
               Walk      *walk)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;

  if (role_needs_name (role))
    {
      walk->n_controls++;
      if (!has_label (widget) && !labelled_by_named (widget, walk->labelled))
        {
          g_autofree char *where = describe_widget (widget);
          const char *tooltip = gtk_widget_get_tooltip_text (widget);

          g_string_append_printf (walk->unnamed, "  %s (role %d%s%s)\n", where, role,
                                  tooltip ? ", tooltip " : "", tooltip ? tooltip : "");
        }
      /* What a control is made of (a menu button's button, a drop-down's
       * arrow) is announced as the control. */
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    walk_controls (child, walk);
}

/* Fails the test, listing each control of @root without a name. Returns
 * how many controls were checked. */
static guint
assert_named (GtkWidget  *root,
              const char *what)
{
  g_autoptr(GPtrArray) labelled = g_ptr_array_new ();
  g_autoptr(GString) unnamed = g_string_new (NULL);
  Walk walk = { labelled, unnamed, 0 };

  collect_labelled (root, labelled);
  walk_controls (root, &walk);
  if (unnamed->len > 0)
    g_error ("%s: controls without an accessible name:\n%s", what, unnamed->str);
  g_test_message ("%s: %u controls, each named", what, walk.n_controls);
  return walk.n_controls;
}

static FrontlineWindow *
open_kursk (void)
{
  FrontlineWindow *window = FRONTLINE_WINDOW (frontline_application_new_window (app));
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                                 "kursk-2024-2025.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  frontline_window_open (window, file);
  frontline_test_wait_until (frontline_test_has_dataset_cb, window, 10000);
  frontline_test_spin (200);
  return window;
}

static void
test_main_window (void)
{
  FrontlineWindow *window = open_kursk ();

  g_assert_cmpuint (assert_named (GTK_WIDGET (window), "the main window"), >, 20);
  frontline_test_close_all ();
}

/* Tab from the start of the window round to its end: every control on view
 * that works (visible, sensitive) gets the focus, itself or a part of it. */
static void
collect_unreached (GtkWidget  *widget,
                   GHashTable *focused,
                   GString    *unreached,
                   guint      *n_controls)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

  /* The title bar's minimize, maximize and close are the window manager's
   * and GTK's, left out of the focus chain by GTK: their keys are the
   * desktop's (Super+Down, Super+Up) and Ctrl+W. */
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget) || GTK_IS_POPOVER (widget) ||
      GTK_IS_WINDOW_CONTROLS (widget))
    return;

  if (role_needs_name (role))
    {
      gboolean reached = FALSE;

      for (GHashTableIter iter = (g_hash_table_iter_init (&iter, focused), iter); !reached;)
        {
          gpointer key;

          if (!g_hash_table_iter_next (&iter, &key, NULL))
            break;
          reached = key == (gpointer) widget || gtk_widget_is_ancestor (key, widget);
        }
      (*n_controls)++;
      if (!reached)
        {
          g_autofree char *where = describe_widget (widget);

          g_string_append_printf (unreached, "  %s\n", where);
        }
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_unreached (child, focused, unreached, n_controls);
}

static GHashTable *
tab_through (GtkWidget *window)
{
  GHashTable *focused = g_hash_table_new (NULL, NULL);

  gtk_root_set_focus (GTK_ROOT (window), NULL);
  for (guint i = 0; i < 1000; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD))
        break;
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus == NULL || g_hash_table_contains (focused, focus))
        break;
      g_hash_table_add (focused, focus);
    }
  return focused;
}

static void
assert_reachable (GtkWidget  *window,
                  const char *what)
{
  g_autoptr(GHashTable) focused = tab_through (window);
  g_autoptr(GString) unreached = g_string_new (NULL);
  guint n_controls = 0;

  collect_unreached (window, focused, unreached, &n_controls);
  if (unreached->len > 0)
    g_error ("%s: controls Tab does not reach (%u stops):\n%s", what,
             g_hash_table_size (focused), unreached->str);
  g_test_message ("%s: %u controls, all reached in %u Tab stops", what, n_controls,
                  g_hash_table_size (focused));
}

/* A toplevel that was not in @before, or NULL. */
static GtkWidget *
find_new_toplevel (GPtrArray *before)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (!g_ptr_array_find (before, toplevel, NULL) && gtk_widget_get_mapped (toplevel))
        return toplevel;
    }
  return NULL;
}

static GPtrArray *
list_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);

  /* Mapped ones only: the shortcuts window is made with the main window and
   * kept, hidden, between showings. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      GtkWidget *toplevel = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_mapped (toplevel))
        g_ptr_array_add (list, toplevel);
      else
        g_object_unref (toplevel);
    }
  return list;
}

typedef struct {
  GPtrArray *before;
  GtkWidget *found;
} NewToplevel;

static gboolean
has_new_toplevel_cb (gpointer data)
{
  NewToplevel *wait = data;

  wait->found = find_new_toplevel (wait->before);
  return wait->found != NULL;
}

/* Activates @action on @window, waits for the window it opens, checks it and
 * closes it. */
static void
check_opened_window (FrontlineWindow *window,
                     const char      *action,
                     GVariant        *parameter)
{
  g_autoptr(GPtrArray) before = list_toplevels ();
  NewToplevel wait = { before, NULL };

  g_test_message ("opening %s", action);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), action, parameter));
  frontline_test_wait_until (has_new_toplevel_cb, &wait, 10000);
  frontline_test_spin (200);
  assert_named (wait.found, action);
  assert_reachable (wait.found, action);
  gtk_window_close (GTK_WINDOW (wait.found));
  frontline_test_spin (50);
}

static void
test_dialogs (void)
{
  FrontlineWindow *window = open_kursk ();
  const char *actions[] = { "win.export", "win.export-video", "win.connect", "win.add-custom-tiles",
                            "app.preferences", "win.show-help-overlay", "app.about", "win.present-notes" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    check_opened_window (window, actions[i], NULL);
  frontline_test_close_all ();
}

/* A pixel just inside the map's left edge, half way down, once the map is
 * drawn (opaque) after what changed. */
static guint32
map_edge_pixel (GtkWidget *map)
{
  guint32 pixel = 0;

  for (guint i = 0; i < 100 && (pixel >> 24) != 0xff; i++)
    {
      cairo_surface_t *surface;

      frontline_test_spin (50);
      surface = frontline_test_render_widget (map);
      if (cairo_image_surface_get_height (surface) > 0)
        pixel = *(guint32 *) (cairo_image_surface_get_data (surface) +
                              (cairo_image_surface_get_height (surface) / 2) * cairo_image_surface_get_stride (surface) +
                              3 * 4);
      cairo_surface_destroy (surface);
    }
  g_assert_cmpuint (pixel >> 24, ==, 0xff);
  return pixel;
}

static void
test_keyboard (void)
{
  FrontlineWindow *window = open_kursk ();
  g_autoptr(GHashTable) focused = NULL;

  assert_reachable (GTK_WIDGET (window), "the main window");

  /* The map and the timeline, which are no buttons, are on the way too. */
  focused = tab_through (GTK_WIDGET (window));
  g_assert_true (g_hash_table_contains (focused, frontline_window_get_map (window)));
  g_assert_true (g_hash_table_contains (focused, frontline_test_find_widget (GTK_WIDGET (window), FRONTLINE_TYPE_TIMELINE)));

  /* The map shows that it has the focus (a ring in the accent colour, just
   * inside its edge), and only it: not while one of its zoom buttons has it. */
  {
    GtkWidget *map = GTK_WIDGET (frontline_window_get_map (window));
    GtkWidget *zoom = frontline_test_find_widget (map, GTK_TYPE_BUTTON);
    guint32 plain_px, ringed_px, zoomed_px;

    g_assert_nonnull (zoom);
    gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
    gtk_root_set_focus (GTK_ROOT (window), NULL);
    plain_px = map_edge_pixel (map);
    gtk_widget_grab_focus (map);
    ringed_px = map_edge_pixel (map);
    gtk_widget_grab_focus (zoom);
    zoomed_px = map_edge_pixel (map);
    g_test_message ("map's edge: %06x, focused %06x, zoom button focused %06x",
                    plain_px & 0xffffff, ringed_px & 0xffffff, zoomed_px & 0xffffff);
    /* Blue over the map's pale ground. */
    g_assert_cmpint ((int) (ringed_px & 0xff), >, (int) ((ringed_px >> 16) & 0xff) + 40);
    g_assert_cmpuint (zoomed_px, ==, plain_px);
  }

  /* Tab goes on past the legend folded (GTK 4.8's GtkExpander with a
   * child kept the focus there). */
  gtk_expander_set_expanded (GTK_EXPANDER (frontline_test_find_widget (GTK_WIDGET (window), GTK_TYPE_EXPANDER)), FALSE);
  frontline_test_spin (50);
  assert_reachable (GTK_WIDGET (window), "the main window, the legend folded");

  frontline_test_close_all ();
}

/* The property's value is @expected, or the test fails saying what it is. */
static void
assert_property (GtkWidget             *widget,
                 GtkAccessibleProperty  property,
                 const char            *expected)
{
  g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, expected);

  if (mismatch != NULL)
    g_error ("%s: %s", G_OBJECT_TYPE_NAME (widget), mismatch);
}

/* What the timeline says after the date: its tooltip's other lines. */
static char *
expected_timeline_description (FrontlineTimeline *timeline,
                               FrontlineDay       day)
{
  g_autofree char *markup = frontline_timeline_describe_day (timeline, day);
  g_autofree char *plain = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &plain, NULL, NULL));
  lines = g_strsplit (plain, "\n", -1);
  g_assert_nonnull (lines[1]);
  return g_strjoinv (". ", lines + 1);
}

static gboolean
timeline_has_areas_cb (gpointer data)
{
  FrontlineTimeline *timeline = data;
  g_autofree char *markup = frontline_timeline_describe_day (timeline, frontline_timeline_get_day (timeline));

  return strstr (markup, "km²") != NULL;
}

/* Activates what Return does on @widget (its shortcut controllers'
 * shortcuts for Return, as GTK would on the key). */
static gboolean
press_enter (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; !handled && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint s = 0; !handled && s < g_list_model_get_n_items (G_LIST_MODEL (controller)); s++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), s);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Return &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            handled = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                    gtk_shortcut_get_arguments (shortcut));
        }
    }
  return handled;
}

/* What a screen reader hears: the timeline's date and what that day holds;
 * the map's dataset and date, and the point chosen on it. */
static void
test_announcements (void)
{
  FrontlineWindow *window = open_kursk ();
  GtkWidget *map = GTK_WIDGET (frontline_window_get_map (window));
  FrontlineTimeline *timeline = FRONTLINE_TIMELINE (frontline_test_find_widget (GTK_WIDGET (window), FRONTLINE_TYPE_TIMELINE));
  const char *title = frontline_dataset_get_title (frontline_window_get_dataset (window));
  FrontlineDay days[] = { frontline_day_from_dmy (20, 8, 2024), frontline_day_from_dmy (21, 8, 2024),
                          frontline_day_from_dmy (1, 10, 2024) };
  g_autofree char *selected = NULL;
  g_autofree char *with_selection = NULL;
  g_autofree char *date = NULL;
  g_autofree char *plain = NULL;

  assert_property (map, GTK_ACCESSIBLE_PROPERTY_LABEL, "Map");
  assert_property (GTK_WIDGET (timeline), GTK_ACCESSIBLE_PROPERTY_LABEL, "Timeline");
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autofree char *long_date = frontline_day_format_as (days[i], FRONTLINE_DAY_FORMAT_LONG);
      g_autofree char *description = NULL;
      g_autofree char *map_description = g_strdup_printf ("%s on %s", title, long_date);

      frontline_window_set_day (window, days[i]);
      frontline_test_spin (20);
      /* The areas over time come from a worker. */
      frontline_test_wait_until (timeline_has_areas_cb, timeline, 60000);
      description = expected_timeline_description (timeline, days[i]);
      assert_property (GTK_WIDGET (timeline), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, long_date);
      /* Each side's area that day, in km². */
      g_assert_nonnull (strstr (description, "km²"));
      assert_property (GTK_WIDGET (timeline), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
      assert_property (map, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, map_description);
    }

  /* Enter on the map: who holds its centre, in the popover and in the
   * map's description while the popover is open. */
  gtk_widget_grab_focus (map);
  g_assert_true (press_enter (map));
  frontline_test_spin (50);
  selected = g_strdup (frontline_point_popover_get_text (
    FRONTLINE_POINT_POPOVER (frontline_test_find_widget (map, FRONTLINE_TYPE_POINT_POPOVER))));
  g_assert_nonnull (selected);
  g_assert_cmpstr (selected, !=, "");
  date = frontline_day_format_as (days[2], FRONTLINE_DAY_FORMAT_LONG);
  /* The popover's lines as sentences. */
  {
    g_auto(GStrv) lines = g_strsplit (selected, "\n", -1);
    g_autoptr(GString) joined = g_string_new (NULL);

    for (guint i = 0; lines[i] != NULL; i++)
      {
        if (lines[i][0] == '\0')
          continue;
        if (joined->len > 0)
          g_string_append (joined, g_str_has_suffix (joined->str, ".") || g_str_has_suffix (joined->str, ":")
                                   ? " " : ". ");
        g_string_append (joined, lines[i]);
      }
    plain = g_string_free (g_steal_pointer (&joined), FALSE);
  }
  g_assert_true (g_str_has_prefix (plain, "Held by "));
  with_selection = g_strdup_printf ("%s on %s. Selected: %s", title, date, plain);
  g_test_message ("the map: %s", with_selection);
  assert_property (map, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, with_selection);

  /* Closed, the map is back to its date. */
  gtk_popover_popdown (GTK_POPOVER (frontline_test_find_widget (map, FRONTLINE_TYPE_POINT_POPOVER)));
  frontline_test_spin (50);
  {
    g_autofree char *without = g_strdup_printf ("%s on %s", title, date);

    assert_property (map, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, without);
  }

  frontline_test_close_all ();
}

static void
collect_type (GtkWidget *widget,
              GType      type,
              GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_type (child, type, found);
}

/* Every menu and popover the window's menu buttons open, each page of the
 * side panel, the point popover, drawing on a stop and presenting. */
static void
test_menus_and_modes (void)
{
  FrontlineWindow *window = open_kursk ();
  g_autoptr(GPtrArray) menu_buttons = g_ptr_array_new ();
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();
  GtkWidget *map = GTK_WIDGET (frontline_window_get_map (window));

  collect_type (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, menu_buttons);
  g_assert_cmpuint (menu_buttons->len, >=, 6);
  for (guint i = 0; i < menu_buttons->len; i++)
    {
      GtkMenuButton *button = g_ptr_array_index (menu_buttons, i);
      GtkPopover *popover = gtk_menu_button_get_popover (button);
      g_autofree char *where = NULL;
      g_autofree char *what = NULL;

      if (!gtk_widget_get_mapped (GTK_WIDGET (button)) || !gtk_widget_is_sensitive (GTK_WIDGET (button)))
        continue;
      where = describe_widget (GTK_WIDGET (button));
      what = g_strdup_printf ("the popover of %s", where);
      gtk_menu_button_popup (button);
      frontline_test_spin (100);
      popover = gtk_menu_button_get_popover (button);
      g_assert_nonnull (popover);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
      assert_named (GTK_WIDGET (popover), what);
      gtk_menu_button_popdown (button);
      frontline_test_spin (50);
    }

  /* The side panel's pages: quotes, sources, stops. */
  g_object_set (window, "sidebar-visible", TRUE, NULL);
  frontline_test_spin (300);
  collect_type (frontline_test_find_widget (GTK_WIDGET (window), FRONTLINE_TYPE_SIDE_PANEL), GTK_TYPE_STACK, stacks);
  g_assert_cmpuint (stacks->len, >, 0);
  {
    GtkStack *stack = g_ptr_array_index (stacks, 0);
    g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (stack);

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (pages), i);
        GtkStackPage *page = GTK_STACK_PAGE (item);
        g_autofree char *what = g_strdup_printf ("the side panel's %s page", gtk_stack_page_get_name (page));

        gtk_stack_set_visible_child (stack, gtk_stack_page_get_child (page));
        frontline_test_spin (100);
        assert_named (GTK_WIDGET (window), what);
        assert_reachable (GTK_WIDGET (window), what);
      }
  }

  /* The point popover. */
  gtk_widget_grab_focus (map);
  g_assert_true (press_enter (map));
  frontline_test_spin (100);
  assert_named (frontline_test_find_widget (map, FRONTLINE_TYPE_POINT_POPOVER), "the point popover");
  gtk_popover_popdown (GTK_POPOVER (frontline_test_find_widget (map, FRONTLINE_TYPE_POINT_POPOVER)));
  frontline_test_spin (50);

  /* Drawing on a stop: the drawing bar's tools. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate", NULL));
  frontline_test_spin (200);
  g_assert_true (gtk_widget_get_mapped (frontline_test_find_widget (GTK_WIDGET (window), FRONTLINE_TYPE_ANNOTATION_BAR)));
  assert_named (GTK_WIDGET (window), "drawing on a stop");
  assert_reachable (GTK_WIDGET (window), "drawing on a stop");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate", NULL));
  frontline_test_spin (100);

  /* Presenting: the map, the stop and its controls. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  frontline_test_spin (300);
  assert_named (GTK_WIDGET (window), "presenting");

  frontline_test_close_all ();
}

static void
test_empty_window (void)
{
  FrontlineWindow *window = FRONTLINE_WINDOW (frontline_application_new_window (app));

  gtk_window_present (GTK_WINDOW (window));
  frontline_test_spin (100);
  assert_named (GTK_WIDGET (window), "the window without a dataset");
  frontline_test_close_all ();
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, NULL);

  app = frontline_test_application_new ();
  /* Read once, before any window: no test ends while a worker reads it. */
  g_assert_nonnull (frontline_basemap_get_default ());

  g_test_add_func ("/frontline/accessibility/empty-window", test_empty_window);
  g_test_add_func ("/frontline/accessibility/main-window", test_main_window);
  g_test_add_func ("/frontline/accessibility/dialogs", test_dialogs);
  g_test_add_func ("/frontline/accessibility/keyboard", test_keyboard);
  g_test_add_func ("/frontline/accessibility/announcements", test_announcements);
  g_test_add_func ("/frontline/accessibility/menus-and-modes", test_menus_and_modes);

  return g_test_run ();
}
