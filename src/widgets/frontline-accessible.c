/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "frontline-accessible.h"

/* Names for the toolkit's own controls that GTK 4.8 leaves without one.
 * GTK 4.8 names a control by its label property or by the widgets that
 * label it; a button showing only an icon, with a tooltip, has neither (the
 * tooltip becomes its description). Frontline's own buttons carry their
 * names in their .ui files; these are for the buttons libshumate, GTK and
 * libadwaita build inside their widgets (the map's zoom buttons, the split
 * button's arrow, the shortcuts window's search). tests/test-accessibility
 * walks every window and fails on any control left unnamed. */

/* A button showing text is named by it; one showing only an icon is not. */
static gboolean
shows_icon_only (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) == NULL;
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_label (GTK_BUTTON (widget)) == NULL;
  return FALSE;
}

/**
 * frontline_accessible_name_icon_buttons:
 * @root: a widget
 *
 * Names each button under @root (itself included) that shows only an icon
 * by its tooltip, as later GTK versions do.
 */
void
frontline_accessible_name_icon_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (shows_icon_only (root))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (root);

      if (tooltip != NULL && tooltip[0] != '\0')
        gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    frontline_accessible_name_icon_buttons (child);
}

static GtkWidget *
find_first (GtkWidget  *root,
            GType       type,
            const char *id)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (id == NULL || g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), id) == 0))
    return root;
  /* A menu button's own button, a stack switcher's buttons are parts of
   * those, named with them. */
  if (GTK_IS_MENU_BUTTON (root) || GTK_IS_STACK_SWITCHER (root))
    return NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, type, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * frontline_accessible_name_first:
 * @root: a widget
 * @type: a widget type
 * @id: (nullable): the widget's id in the toolkit's template, or %NULL
 * @name: the accessible name
 *
 * Names the first widget of @type (and @id) under @root, depth first, if
 * any.
 */
void
frontline_accessible_name_first (GtkWidget  *root,
                                 GType       type,
                                 const char *id,
                                 const char *name)
{
  GtkWidget *widget;

  g_return_if_fail (GTK_IS_WIDGET (root));

  widget = find_first (root, type, id);
  if (widget != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}
