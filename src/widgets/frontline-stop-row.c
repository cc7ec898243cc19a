/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-stop-row"

#include "config.h"

#include "frontline-stop-row.h"

/* A stop in the side panel: its title and caption, edited in place and
 * written to the stop as they are typed, its date, its speaker notes and the
 * seconds the map takes to fly to it (written to the stop as edited, as the
 * title is), and buttons that ask the list to move it (`move`, with -1 or 1),
 * delete it (`delete`) or draw on it (`draw`). The row follows changes made to
 * the stop elsewhere. */
struct _FrontlineStopRow
{
  GtkWidget      parent_instance;

  FrontlineStop *stop;
  gulong         notify_id;
  gboolean       updating;

  /* Template widgets */
  GtkEditable   *title_entry;
  GtkLabel      *date_label;
  GtkEditable   *caption_entry;
  GtkExpander   *notes_expander;
  GtkTextView   *notes_view;
  GtkSpinButton *duration_spin;
};

G_DEFINE_FINAL_TYPE (FrontlineStopRow, frontline_stop_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STOP,
  PROP_DATE_LABEL,
  N_PROPS
};

enum {
  MOVE,
  DELETE,
  DRAW,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Shows the stop's text without taking it for an edit. */
static void
show_stop (FrontlineStopRow *self)
{
  const char *title = self->stop ? frontline_stop_get_title (self->stop) : NULL;
  const char *caption = self->stop ? frontline_stop_get_caption (self->stop) : NULL;
  g_autofree char *date = NULL;

  date = frontline_day_format_label (self->stop ? frontline_stop_get_day (self->stop)
                                                : FRONTLINE_DAY_NONE);

  self->updating = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (self->title_entry), title ? title : "") != 0)
    gtk_editable_set_text (self->title_entry, title ? title : "");
  if (g_strcmp0 (gtk_editable_get_text (self->caption_entry), caption ? caption : "") != 0)
    gtk_editable_set_text (self->caption_entry, caption ? caption : "");
  if (self->stop != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
      const char *notes = frontline_stop_get_notes (self->stop);
      g_autofree char *shown = NULL;
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (g_strcmp0 (shown, notes ? notes : "") != 0)
        gtk_text_buffer_set_text (buffer, notes ? notes : "", -1);
      if (gtk_spin_button_get_value (self->duration_spin) != frontline_stop_get_duration (self->stop))
        gtk_spin_button_set_value (self->duration_spin, frontline_stop_get_duration (self->stop));
    }
  self->updating = FALSE;

  if (g_strcmp0 (gtk_label_get_text (self->date_label), date) != 0)
    {
      gtk_label_set_text (self->date_label, date);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_LABEL]);
    }
}

static void
on_stop_notify_cb (FrontlineStop    *stop,
                   GParamSpec       *pspec,
                   FrontlineStopRow *self)
{
  show_stop (self);
}

static void
on_title_changed_cb (GtkEditable      *editable,
                     FrontlineStopRow *self)
{
  if (self->stop != NULL && !self->updating)
    frontline_stop_set_title (self->stop, gtk_editable_get_text (editable));
}

static void
on_caption_changed_cb (GtkEditable      *editable,
                       FrontlineStopRow *self)
{
  const char *text = gtk_editable_get_text (editable);

  if (self->stop != NULL && !self->updating)
    frontline_stop_set_caption (self->stop, text[0] != '\0' ? text : NULL);
}

static void
on_notes_changed_cb (GtkTextBuffer    *buffer,
                     FrontlineStopRow *self)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->stop == NULL || self->updating)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  frontline_stop_set_notes (self->stop, text);
}

static void
on_duration_changed_cb (GtkSpinButton    *spin,
                        FrontlineStopRow *self)
{
  if (self->stop != NULL && !self->updating)
    frontline_stop_set_duration (self->stop, gtk_spin_button_get_value (spin));
}

static void
draw_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FrontlineStopRow *self = FRONTLINE_STOP_ROW (widget);

  if (self->stop != NULL)
    g_signal_emit (self, signals[DRAW], 0);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FrontlineStopRow *self = FRONTLINE_STOP_ROW (widget);

  if (self->stop != NULL)
    g_signal_emit (self, signals[MOVE], 0, g_str_equal (action_name, "stop-row.move-up") ? -1 : 1);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FrontlineStopRow *self = FRONTLINE_STOP_ROW (widget);

  if (self->stop != NULL)
    g_signal_emit (self, signals[DELETE], 0);
}

/**
 * frontline_stop_row_set_stop:
 * @stop: (nullable): the stop to show and edit
 */
void
frontline_stop_row_set_stop (FrontlineStopRow *self,
                             FrontlineStop    *stop)
{
  g_return_if_fail (FRONTLINE_IS_STOP_ROW (self));
  g_return_if_fail (stop == NULL || FRONTLINE_IS_STOP (stop));

  if (self->stop == stop)
    return;

  if (self->stop != NULL)
    g_clear_signal_handler (&self->notify_id, self->stop);
  g_set_object (&self->stop, stop);
  if (stop != NULL)
    self->notify_id = g_signal_connect_object (stop, "notify", G_CALLBACK (on_stop_notify_cb), self,
                                               0);
  show_stop (self);
  /* A stop's notes shown when it has some. */
  gtk_expander_set_expanded (self->notes_expander, stop != NULL && frontline_stop_get_notes (stop) != NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STOP]);
}

/**
 * frontline_stop_row_get_stop:
 *
 * Returns: (transfer none) (nullable): the stop shown
 */
FrontlineStop *
frontline_stop_row_get_stop (FrontlineStopRow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_STOP_ROW (self), NULL);

  return self->stop;
}

FrontlineStopRow *
frontline_stop_row_new (void)
{
  return g_object_new (FRONTLINE_TYPE_STOP_ROW, NULL);
}

static void
frontline_stop_row_dispose (GObject *object)
{
  FrontlineStopRow *self = FRONTLINE_STOP_ROW (object);
  GtkWidget *child;

  if (self->stop != NULL)
    g_clear_signal_handler (&self->notify_id, self->stop);
  g_clear_object (&self->stop);
  gtk_widget_dispose_template (GTK_WIDGET (self), FRONTLINE_TYPE_STOP_ROW);
  /* And the children the template does not name. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (frontline_stop_row_parent_class)->dispose (object);
}

static void
frontline_stop_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FrontlineStopRow *self = FRONTLINE_STOP_ROW (object);

  switch (prop_id)
    {
    case PROP_STOP:
      g_value_set_object (value, self->stop);
      break;
    case PROP_DATE_LABEL:
      g_value_set_string (value, gtk_label_get_text (self->date_label));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_stop_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FrontlineStopRow *self = FRONTLINE_STOP_ROW (object);

  switch (prop_id)
    {
    case PROP_STOP:
      frontline_stop_row_set_stop (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_stop_row_class_init (FrontlineStopRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = frontline_stop_row_dispose;
  object_class->get_property = frontline_stop_row_get_property;
  object_class->set_property = frontline_stop_row_set_property;

  properties[PROP_STOP] =
    g_param_spec_object ("stop", NULL, NULL, FRONTLINE_TYPE_STOP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The stop's date as the row shows it. */
  properties[PROP_DATE_LABEL] =
    g_param_spec_string ("date-label", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FrontlineStopRow::move:
   * @delta: -1 to move the stop up, 1 down
   */
  signals[MOVE] = g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /**
   * FrontlineStopRow::delete:
   */
  signals[DELETE] = g_signal_new ("delete", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "stop-row.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "stop-row.move-down", NULL, move_action);
  /**
   * FrontlineStopRow::draw:
   *
   * Asks to draw on the map for the stop.
   */
  signals[DRAW] = g_signal_new ("draw", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "stop-row.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "stop-row.draw", NULL, draw_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/frontline-stop-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlineStopRow, title_entry);
  gtk_widget_class_bind_template_child (widget_class, FrontlineStopRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, FrontlineStopRow, caption_entry);
  gtk_widget_class_bind_template_child (widget_class, FrontlineStopRow, notes_expander);
  gtk_widget_class_bind_template_child (widget_class, FrontlineStopRow, notes_view);
  gtk_widget_class_bind_template_child (widget_class, FrontlineStopRow, duration_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_caption_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_duration_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
frontline_stop_row_init (FrontlineStopRow *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_notes_changed_cb), self, 0);

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
}
