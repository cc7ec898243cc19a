/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "frontline-basemap.h"
#include "frontline-date-bar.h"
#include "frontline-dataset.h"
#include "frontline-day.h"
#include "frontline-point-popover.h"
#include "frontline-presenter-window.h"
#include "frontline-test-utils.h"
#include "frontline-timeline.h"
#include "frontline-window.h"
#include "frontline-window-private.h"

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
    {
      if (g_getenv ("A11Y_EXPLORE"))
        g_printerr ("%s: controls without an accessible name:\n%s", what, unnamed->str);
      else
        g_error ("%s: controls without an accessible name:\n%s", what, unnamed->str);
    }
  g_test_message ("%s: %u controls, each named", what, walk.n_controls);
  return walk.n_controls;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_dataset_cb (gpointer data)
{
  return frontline_window_get_dataset (FRONTLINE_WINDOW (data)) != NULL;
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
  frontline_test_wait_until (has_dataset_cb, window, 10000);
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

static void
test_keyboard (void)
{
  FrontlineWindow *window = open_kursk ();
  g_autoptr(GHashTable) focused = NULL;

  assert_reachable (GTK_WIDGET (window), "the main window");

  /* The map and the timeline, which are no buttons, are on the way too. */
  focused = tab_through (GTK_WIDGET (window));
  g_assert_true (g_hash_table_contains (focused, frontline_window_get_map (window)));
  g_assert_true (g_hash_table_contains (focused, find_widget (GTK_WIDGET (window), FRONTLINE_TYPE_TIMELINE)));

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

  return g_test_run ();
}
