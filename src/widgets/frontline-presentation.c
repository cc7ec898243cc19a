/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-presentation"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "frontline-handout.h"
#include "frontline-presentation.h"
#include "frontline-presentation-private.h"

/* Presentation mode over the map: walks the dataset's stops (or its data
 * dates) with a title card, a progress count and a blank screen, and the
 * keys that clickers and habits use. The day and the comparison go through
 * the window's actions (win.go-to-date, win.compare-since); the view through
 * the map. The window hides its chrome while :active is set. */

G_DEFINE_FINAL_TYPE (FrontlinePresentation, frontline_presentation, GTK_TYPE_WIDGET)

GParamSpec *_frontline_presentation_properties[N_PROPS];

static void show_stop (FrontlinePresentation *self,
                       int                    index,
                       gboolean               animate);

enum {
  SWAP_SCREENS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
n_stops (FrontlinePresentation *self)
{
  guint n = g_list_model_get_n_items (frontline_dataset_get_stops (self->dataset));
  guint n_days = 0;

  if (n > 0)
    return n;

  /* Without stops, the data dates in order, at the current view. */
  frontline_dataset_get_days (self->dataset, &n_days);
  return n_days;
}

void
_frontline_presentation_go_to_day (FrontlinePresentation *self,
                                   FrontlineDay           day)
{
  char iso[11];

  if (self->view_state != NULL)
    {
      frontline_view_state_set_day (self->view_state, day);
      return;
    }

  frontline_day_format_buf (day, iso);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.go-to-date", "s", iso);
}

/* Compares with @from, or stops comparing for FRONTLINE_DAY_NONE. */
void
_frontline_presentation_compare_since (FrontlinePresentation *self,
                                       FrontlineDay           from)
{
  char since[11] = "";

  if (self->view_state != NULL)
    {
      frontline_view_state_compare (self->view_state, from, FALSE);
      return;
    }

  /* An empty date turns the comparison off. */
  if (from != FRONTLINE_DAY_NONE)
    frontline_day_format_buf (from, since);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.compare-since", "s", since);
}

static char *
format_stop_quotes (FrontlinePresentation *self,
                    FrontlineStop         *stop)
{
  const char * const *ids = frontline_stop_get_quote_ids (stop);
  GListModel *all = frontline_dataset_get_quotes (self->dataset);
  GString *quotes = g_string_new (NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    for (guint q = 0; q < g_list_model_get_n_items (all); q++)
      {
        g_autoptr(FrontlineQuote) quote = g_list_model_get_item (all, q);
        g_autofree char *byline = NULL;

        if (g_strcmp0 (frontline_quote_get_id (quote), ids[i]) != 0)
          continue;
        if (quotes->len > 0)
          g_string_append (quotes, "\n\n");
        /* Verbatim, with who said it, when and where it was published. */
        byline = frontline_handout_format_quote_byline (quote, stop);
        g_string_append_printf (quotes, "“%s”\n— %s", frontline_quote_get_text (quote), byline);
      }

  return g_string_free (quotes, FALSE);
}


/* The body size for a presentation @height tall, within the stop's cap. */
static int
room_body_px (FrontlinePresentation *self,
              int                    height)
{
  int body = CLAMP (height / 40, 14, 64);

  return self->body_cap > 0 && height == self->cap_height ? MIN (body, self->body_cap) : body;
}

/* Type for a room: sizes from the presentation's height, so that the back
 * row reads the title card on any screen. */
static void
update_type_sizes (FrontlinePresentation *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  /* A stop whose card would run off the screen at the room's size gets
   * smaller type (fit_idle_cb). */
  int body = room_body_px (self, height);
  g_autofree char *css = NULL;

  if (height <= 0 || body == self->body_px)
    return;

  self->body_px = body;
  css = g_strdup_printf (".frontline-presentation-title { font-size: %dpx; font-weight: 800; }\n"
                         ".frontline-presentation-date { font-size: %dpx; font-weight: 700; }\n"
                         ".frontline-presentation-text { font-size: %dpx; }\n"
                         ".frontline-presentation-progress { font-size: %dpx; }\n",
                         body * 2, body * 4 / 3, body, body * 4 / 5);
  gtk_css_provider_load_from_data (self->type_sizes, css, -1);
}

static gboolean
resize_idle_cb (gpointer user_data)
{
  FrontlinePresentation *self = FRONTLINE_PRESENTATION (user_data);
  int body = self->body_px;

  self->resize_idle = 0;
  update_type_sizes (self);
  /* A new size changes the card: the stop's view makes room for it. */
  if (body != self->body_px && self->active)
    show_stop (self, self->stop, FALSE);
  return G_SOURCE_REMOVE;
}

/* The smallest type a card gets to fit: at 11 px a card is still read from
 * the front rows; below that its quotes go instead. */
#define MIN_BODY_PX 11
/* Between the card and the progress count under it. */
#define CARD_GAP 8

/* How tall the card may be: from its top margin to above the count. */
static int
card_room (FrontlinePresentation *self,
           int                    height)
{
  int progress = 0;

  gtk_widget_measure (GTK_WIDGET (self->progress), GTK_ORIENTATION_VERTICAL, -1, NULL, &progress,
                      NULL, NULL);
  return height - gtk_widget_get_margin_top (self->card) - gtk_widget_get_margin_bottom (GTK_WIDGET (self->progress)) -
         progress - CARD_GAP;
}

/* The card, laid out, runs below its room (a long caption, several quotes,
 * a short screen): smaller type, in proportion (its lines are as many at
 * any size: the labels wrap at a number of characters); at the smallest,
 * no quotes, then fewer lines of the caption. The view made room for the
 * larger card. */
static gboolean
fit_idle_cb (gpointer user_data)
{
  FrontlinePresentation *self = FRONTLINE_PRESENTATION (user_data);
  int height = gtk_widget_get_height (self->card);
  int room = card_room (self, gtk_widget_get_height (GTK_WIDGET (self)));
  int text = 0;
  int fixed;
  int body;

  self->fit_idle = 0;
  if (!self->active || height <= room || room <= 0)
    return G_SOURCE_REMOVE;

  if (self->body_px <= MIN_BODY_PX)
    {
      PangoLayout *layout = gtk_label_get_layout (self->caption);
      int caption = gtk_widget_get_height (GTK_WIDGET (self->caption));
      int lines = layout ? pango_layout_get_line_count (layout) : 0;

      /* Then the quotes go (the side panel and the handout have them),
       * then the caption's last lines, ellipsized. */
      if (gtk_widget_get_visible (GTK_WIDGET (self->quotes)))
        gtk_widget_set_visible (GTK_WIDGET (self->quotes), FALSE);
      else if (gtk_widget_get_visible (GTK_WIDGET (self->caption)) && lines > 1 && caption > 0)
        {
          int keep = (int) floor ((caption - (height - room)) / ((double) caption / lines));

          gtk_label_set_ellipsize (self->caption, PANGO_ELLIPSIZE_END);
          gtk_label_set_lines (self->caption, CLAMP (keep, 1, lines - 1));
        }
      return G_SOURCE_REMOVE;
    }
  /* Only the text scales: the card's padding and spacing stay. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->card); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child))
      text += gtk_widget_get_height (child);
  fixed = MAX (0, height - text);
  body = (int) floor (self->body_px * (double) MAX (room - fixed, 0) / MAX (height - fixed, 1));
  self->body_cap = CLAMP (body, MIN_BODY_PX, self->body_px - 1);
  self->cap_stop = self->stop;
  self->cap_height = gtk_widget_get_height (GTK_WIDGET (self));
  update_type_sizes (self);
  return G_SOURCE_REMOVE;
}

/* The size of the type is known in the allocation, and changes the card's
 * size: set in an idle, never while allocating. */
static void
frontline_presentation_size_allocate (GtkWidget *widget,
                                      int        width,
                                      int        height,
                                      int        baseline)
{
  FrontlinePresentation *self = FRONTLINE_PRESENTATION (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      gtk_widget_allocate (child, width, height, baseline, NULL);

  if (self->resize_idle == 0 && room_body_px (self, height) != self->body_px)
    self->resize_idle = g_idle_add (resize_idle_cb, self);
  if (self->fit_idle == 0 && self->active && gtk_widget_get_visible (self->card) &&
      gtk_widget_get_height (self->card) > card_room (self, height))
    self->fit_idle = g_idle_add (fit_idle_cb, self);
}

static void
frontline_presentation_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

static void
on_comparison_changed_cb (FrontlinePresentation *self)
{
  FrontlineComparison *comparison = NULL;

  if (self->view_state != NULL && frontline_view_state_get_comparing (self->view_state))
    comparison = frontline_view_state_get_comparison (self->view_state);
  /* What changed since the stop compares with, in words on the card. */
  gtk_label_set_text (self->change, comparison ? frontline_comparison_get_text (comparison) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->change), comparison != NULL);
}

/**
 * frontline_presentation_show_stop:
 * @index: a stop; it is kept within the stops there are
 *
 * Shows a stop: its date, view, comparison and title card.
 */
void
frontline_presentation_show_stop (FrontlinePresentation *self,
                                  int                    index)
{
  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));

  show_stop (self, index, TRUE);
}

static void
show_stop (FrontlinePresentation *self,
           int                    index,
           gboolean               animate)
{
  GListModel *stops;
  guint n;
  FrontlineDay day;
  g_autofree char *progress = NULL;
  g_autofree char *date = NULL;

  if (self->dataset == NULL || (n = n_stops (self)) == 0)
    return;

  /* A move under way ends where it was going before the next begins. */
  frontline_presentation_finish_move (self);
  index = CLAMP (index, 0, (int) n - 1);
  /* Another stop's card starts from the room's type size. */
  if (index != self->cap_stop)
    self->body_cap = 0;
  /* The pen's marks were about the stop they were drawn on; the same stop
   * again (a new size, the last stop's Next) is no move. */
  if (index != self->stop || !self->shown)
    frontline_presentation_clear_pen (self);
  else
    animate = FALSE;

  stops = frontline_dataset_get_stops (self->dataset);
  self->stop = index;
  gtk_widget_set_visible (GTK_WIDGET (self->approximate),
                          frontline_dataset_get_approximate (self->dataset));
  update_type_sizes (self);

  if (g_list_model_get_n_items (stops) > 0)
    {
      g_autoptr(FrontlineStop) stop = g_list_model_get_item (stops, (guint) self->stop);
      g_autofree char *quotes = format_stop_quotes (self, stop);
      FrontlineDay compare = frontline_stop_get_compare_day (stop);

      day = frontline_stop_get_day (stop);
      gtk_label_set_text (self->title, frontline_stop_get_title (stop) ? frontline_stop_get_title (stop) : "");
      gtk_label_set_text (self->caption, frontline_stop_get_caption (stop) ? frontline_stop_get_caption (stop) : "");
      /* Whole, until the card is found too tall (fit_idle_cb). */
      gtk_label_set_ellipsize (self->caption, PANGO_ELLIPSIZE_NONE);
      gtk_label_set_lines (self->caption, -1);
      gtk_widget_set_visible (GTK_WIDGET (self->caption), frontline_stop_get_caption (stop) != NULL);
      gtk_label_set_text (self->quotes, quotes);
      gtk_widget_set_visible (GTK_WIDGET (self->quotes), quotes[0] != '\0');

      /* The card is filled first: the view makes room for it. */
      _frontline_presentation_move_to_stop (self, stop, day, compare, animate ? frontline_stop_get_duration (stop) : 0);
    }
  else
    {
      guint n_days;
      const FrontlineDay *days = frontline_dataset_get_days (self->dataset, &n_days);

      day = days[self->stop];
      _frontline_presentation_go_to_day (self, day);
      gtk_label_set_text (self->title, frontline_dataset_get_title (self->dataset));
      gtk_widget_set_visible (GTK_WIDGET (self->caption), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->quotes), FALSE);
    }
  self->shown = TRUE;

  date = frontline_day_format_label (CLAMP (day, frontline_dataset_get_first_day (self->dataset),
                                            frontline_dataset_get_last_day (self->dataset)));
  gtk_label_set_text (self->date, date);
  /* Translators: presentation progress, as “3 / 6” */
  progress = g_strdup_printf (_("%d / %u"), self->stop + 1, n);
  gtk_label_set_text (self->progress, progress);
  g_object_notify_by_pspec (G_OBJECT (self), _frontline_presentation_properties[PROP_STOP]);
}

static void
set_blackout (FrontlinePresentation *self,
              const char            *style)
{
  gboolean same = style != NULL && gtk_widget_get_visible (self->blackout) &&
                  gtk_widget_has_css_class (self->blackout, style);
  const char *before = frontline_presentation_get_blackout (self);

  gtk_widget_remove_css_class (self->blackout, "frontline-blackout");
  gtk_widget_remove_css_class (self->blackout, "frontline-whiteout");

  /* The same key again brings the map back. */
  if (style == NULL || same)
    gtk_widget_set_visible (self->blackout, FALSE);
  else
    {
      gtk_widget_add_css_class (self->blackout, style);
      gtk_widget_set_visible (self->blackout, TRUE);
    }

  if (g_strcmp0 (before, frontline_presentation_get_blackout (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), _frontline_presentation_properties[PROP_BLACKOUT]);
}


/**
 * frontline_presentation_get_n_stops:
 *
 * Returns: how many stops the presentation walks: the dataset's stops, else
 *   its data dates
 */
guint
frontline_presentation_get_n_stops (FrontlinePresentation *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTATION (self), 0);

  return self->dataset != NULL ? n_stops (self) : 0;
}

/**
 * frontline_presentation_handle_key:
 *
 * Handles a key as presentation mode does (the key controller, tests and
 * remote controls). A key during a move ends the move first.
 *
 * Returns: whether the key was handled
 */
gboolean
frontline_presentation_handle_key (FrontlinePresentation *self,
                                   guint                  keyval)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTATION (self), FALSE);

  if (!self->active)
    return FALSE;

  frontline_presentation_finish_move (self);

  switch (keyval)
    {
    case GDK_KEY_l:
    case GDK_KEY_L:
      frontline_presentation_set_laser (self, !self->laser);
      return TRUE;

    case GDK_KEY_p:
    case GDK_KEY_P:
      frontline_presentation_set_pen (self, !self->pen);
      return TRUE;

    case GDK_KEY_e:
    case GDK_KEY_E:
      frontline_presentation_clear_pen (self);
      return TRUE;

    case GDK_KEY_t:
    case GDK_KEY_T:
      frontline_presentation_set_timer_paused (self, !self->timer_paused);
      return TRUE;

    case GDK_KEY_r:
    case GDK_KEY_R:
      frontline_presentation_reset_timer (self);
      return TRUE;

    case GDK_KEY_s:
    case GDK_KEY_S:
      g_signal_emit (self, signals[SWAP_SCREENS], 0);
      return TRUE;

    default:
      break;
    }

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_Down:
    case GDK_KEY_Page_Down:
    case GDK_KEY_space:
    case GDK_KEY_KP_Page_Down:
      frontline_presentation_show_stop (self, self->stop + 1);
      return TRUE;

    case GDK_KEY_Left:
    case GDK_KEY_Up:
    case GDK_KEY_Page_Up:
    case GDK_KEY_BackSpace:
    case GDK_KEY_KP_Page_Up:
      frontline_presentation_show_stop (self, self->stop - 1);
      return TRUE;

    case GDK_KEY_Home:
      frontline_presentation_show_stop (self, 0);
      return TRUE;

    case GDK_KEY_End:
      frontline_presentation_show_stop (self, (int) n_stops (self) - 1);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      /* A number, then Enter, jumps to that stop; Enter alone goes on. */
      if (self->typed_number->len > 0)
        frontline_presentation_show_stop (self, atoi (self->typed_number->str) - 1);
      else
        frontline_presentation_show_stop (self, self->stop + 1);
      g_string_truncate (self->typed_number, 0);
      return TRUE;

    case GDK_KEY_b:
    case GDK_KEY_B:
    case GDK_KEY_period:
      set_blackout (self, "frontline-blackout");
      return TRUE;

    case GDK_KEY_w:
    case GDK_KEY_W:
      set_blackout (self, "frontline-whiteout");
      return TRUE;

    case GDK_KEY_Escape:
      frontline_presentation_set_active (self, FALSE);
      return TRUE;

    default:
      if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
        {
          g_string_append_c (self->typed_number, (char) ('0' + keyval - GDK_KEY_0));
          return TRUE;
        }
      if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
        {
          g_string_append_c (self->typed_number, (char) ('0' + keyval - GDK_KEY_KP_0));
          return TRUE;
        }
      return FALSE;
    }
}

static gboolean
on_keys_key_pressed_cb (FrontlinePresentation *self,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        GtkEventControllerKey *controller)
{
  return frontline_presentation_handle_key (self, keyval);
}

/* The keys and the pointer belong to the whole window while presenting. */
static void
attach_to_root (FrontlinePresentation *self)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));

  if (root == NULL || root == self->root)
    return;

  self->root = root;
  self->keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->keys, "key-pressed", G_CALLBACK (on_keys_key_pressed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (root, self->keys);

  self->motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (self->motion, "motion", G_CALLBACK (_frontline_presentation_motion_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->motion, "leave", G_CALLBACK (_frontline_presentation_motion_leave_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (root, self->motion);

  /* The pen's drag comes before the map's, which it then cancels. */
  self->pen_drag = gtk_gesture_drag_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->pen_drag),
                                              GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->pen_drag, "drag-begin", G_CALLBACK (_frontline_presentation_pen_drag_begin_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pen_drag, "drag-update", G_CALLBACK (_frontline_presentation_pen_drag_update_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (root, GTK_EVENT_CONTROLLER (self->pen_drag));
}

static void
detach_from_root (FrontlinePresentation *self)
{
  g_clear_handle_id (&self->pointer_timeout, g_source_remove);
  if (self->root == NULL)
    return;

  gtk_widget_set_cursor (self->root, NULL);
  gtk_widget_remove_controller (self->root, g_steal_pointer (&self->keys));
  gtk_widget_remove_controller (self->root, g_steal_pointer (&self->motion));
  gtk_widget_remove_controller (self->root, GTK_EVENT_CONTROLLER (g_steal_pointer (&self->pen_drag)));
  self->root = NULL;
}

gboolean
frontline_presentation_get_active (FrontlinePresentation *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTATION (self), FALSE);

  return self->active;
}

/**
 * frontline_presentation_set_active:
 *
 * Starts presenting at the first stop, or ends it.
 */
void
frontline_presentation_set_active (FrontlinePresentation *self,
                                   gboolean               active)
{
  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));

  active = !!active && self->dataset != NULL;
  if (active == self->active)
    return;

  /* Ending during a move ends on its stop. */
  frontline_presentation_finish_move (self);
  self->active = active;
  self->shown = FALSE;
  set_blackout (self, NULL);
  g_string_truncate (self->typed_number, 0);
  frontline_presentation_set_laser (self, FALSE);
  frontline_presentation_set_pen (self, FALSE);
  frontline_presentation_clear_pen (self);
  gtk_widget_set_visible (GTK_WIDGET (self), active);

  if (active)
    {
      self->timer_before = 0;
      self->timer_since = g_get_monotonic_time ();
      frontline_presentation_set_timer_paused (self, FALSE);
      attach_to_root (self);
      show_stop (self, 0, FALSE);
      _frontline_presentation_pointer_moved (self);
    }
  else
    {
      /* The time it ran stays readable. */
      self->timer_before += g_get_monotonic_time () - self->timer_since;
      detach_from_root (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), _frontline_presentation_properties[PROP_ACTIVE]);
}

/**
 * frontline_presentation_get_stop:
 *
 * Returns: the index of the stop shown
 */
int
frontline_presentation_get_stop (FrontlinePresentation *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTATION (self), -1);

  return self->stop;
}

/**
 * frontline_presentation_get_blackout:
 *
 * Returns: (nullable): "black" or "white" while the screen is blanked
 */
const char *
frontline_presentation_get_blackout (FrontlinePresentation *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTATION (self), NULL);

  if (!gtk_widget_get_visible (self->blackout))
    return NULL;
  return gtk_widget_has_css_class (self->blackout, "frontline-whiteout") ? "white" : "black";
}

void
frontline_presentation_set_dataset (FrontlinePresentation *self,
                                    FrontlineDataset      *dataset)
{
  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));
  g_return_if_fail (dataset == NULL || FRONTLINE_IS_DATASET (dataset));

  if (self->dataset == dataset)
    return;

  frontline_presentation_set_active (self, FALSE);
  g_set_object (&self->dataset, dataset);
  self->stop = 0;
  g_object_notify_by_pspec (G_OBJECT (self), _frontline_presentation_properties[PROP_DATASET]);
}

void
frontline_presentation_set_map (FrontlinePresentation *self,
                                ShumateSimpleMap      *map)
{
  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));
  g_return_if_fail (map == NULL || SHUMATE_IS_SIMPLE_MAP (map));

  if (g_set_weak_pointer (&self->map, map))
    g_object_notify_by_pspec (G_OBJECT (self), _frontline_presentation_properties[PROP_MAP]);
}

/* Only the card, the count and the blank screen take the pointer: the map
 * beneath gets the rest, so that a click goes on to the next stop. */
static gboolean
frontline_presentation_contains (GtkWidget *widget,
                                 double     x,
                                 double     y)
{
  return FALSE;
}

static void
frontline_presentation_unroot (GtkWidget *widget)
{
  detach_from_root (FRONTLINE_PRESENTATION (widget));

  GTK_WIDGET_CLASS (frontline_presentation_parent_class)->unroot (widget);
}

static void
frontline_presentation_dispose (GObject *object)
{
  FrontlinePresentation *self = FRONTLINE_PRESENTATION (object);

  if (self->move_tick != 0 && self->map != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->map), self->move_tick);
  self->move_tick = 0;
  self->move_duration = 0;
  detach_from_root (self);
  g_clear_handle_id (&self->resize_idle, g_source_remove);
  g_clear_handle_id (&self->fit_idle, g_source_remove);
  frontline_presentation_set_view_state (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FRONTLINE_TYPE_PRESENTATION);
  g_clear_object (&self->dataset);
  g_clear_weak_pointer (&self->map);

  G_OBJECT_CLASS (frontline_presentation_parent_class)->dispose (object);
}

static void
frontline_presentation_finalize (GObject *object)
{
  FrontlinePresentation *self = FRONTLINE_PRESENTATION (object);

  g_string_free (self->typed_number, TRUE);
  g_ptr_array_unref (self->strokes);
  g_clear_object (&self->type_sizes);

  G_OBJECT_CLASS (frontline_presentation_parent_class)->finalize (object);
}

static void
frontline_presentation_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  FrontlinePresentation *self = FRONTLINE_PRESENTATION (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;

    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;

    case PROP_STOP:
      g_value_set_int (value, self->stop);
      break;

    case PROP_VIEW_STATE:
      g_value_set_object (value, self->view_state);
      break;

    case PROP_MOVING:
      g_value_set_boolean (value, frontline_presentation_get_moving (self));
      break;

    case PROP_LASER:
      g_value_set_boolean (value, self->laser);
      break;

    case PROP_PEN:
      g_value_set_boolean (value, self->pen);
      break;

    case PROP_TIMER_PAUSED:
      g_value_set_boolean (value, self->timer_paused);
      break;

    case PROP_BLACKOUT:
      g_value_set_string (value, frontline_presentation_get_blackout (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_presentation_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  FrontlinePresentation *self = FRONTLINE_PRESENTATION (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      frontline_presentation_set_dataset (self, g_value_get_object (value));
      break;

    case PROP_MAP:
      frontline_presentation_set_map (self, g_value_get_object (value));
      break;

    case PROP_ACTIVE:
      frontline_presentation_set_active (self, g_value_get_boolean (value));
      break;

    case PROP_VIEW_STATE:
      frontline_presentation_set_view_state (self, g_value_get_object (value));
      break;

    case PROP_LASER:
      frontline_presentation_set_laser (self, g_value_get_boolean (value));
      break;

    case PROP_PEN:
      frontline_presentation_set_pen (self, g_value_get_boolean (value));
      break;

    case PROP_TIMER_PAUSED:
      frontline_presentation_set_timer_paused (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_presentation_class_init (FrontlinePresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = frontline_presentation_dispose;
  object_class->finalize = frontline_presentation_finalize;
  object_class->get_property = frontline_presentation_get_property;
  object_class->set_property = frontline_presentation_set_property;

  widget_class->contains = frontline_presentation_contains;
  widget_class->measure = frontline_presentation_measure;
  widget_class->size_allocate = frontline_presentation_size_allocate;
  widget_class->snapshot = _frontline_presentation_snapshot;
  widget_class->unroot = frontline_presentation_unroot;

  _frontline_presentation_properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, FRONTLINE_TYPE_DATASET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  _frontline_presentation_properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, SHUMATE_TYPE_SIMPLE_MAP,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * FrontlinePresentation:active:
   *
   * Whether the presentation runs; the window hides its chrome meanwhile.
   */
  _frontline_presentation_properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  _frontline_presentation_properties[PROP_STOP] =
    g_param_spec_int ("stop", NULL, NULL, 0, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * FrontlinePresentation:view-state:
   *
   * What the window shows: the presentation walks its dataset's stops and
   * sets its day and comparison. Without one, it goes through the window's
   * actions (win.go-to-date, win.compare-since).
   */
  _frontline_presentation_properties[PROP_VIEW_STATE] =
    g_param_spec_object ("view-state", NULL, NULL, FRONTLINE_TYPE_VIEW_STATE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * FrontlinePresentation:moving:
   *
   * Whether the map is flying to the stop shown.
   */
  _frontline_presentation_properties[PROP_MOVING] =
    g_param_spec_boolean ("moving", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  _frontline_presentation_properties[PROP_LASER] =
    g_param_spec_boolean ("laser", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  _frontline_presentation_properties[PROP_PEN] =
    g_param_spec_boolean ("pen", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  _frontline_presentation_properties[PROP_TIMER_PAUSED] =
    g_param_spec_boolean ("timer-paused", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * FrontlinePresentation:blackout:
   *
   * "black" or "white" while the screen is blanked, else %NULL.
   */
  _frontline_presentation_properties[PROP_BLACKOUT] =
    g_param_spec_string ("blackout", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, _frontline_presentation_properties);

  /**
   * FrontlinePresentation::swap-screens:
   *
   * The presenter asked for the audience's and the presenter's screens to
   * trade places (the S key).
   */
  signals[SWAP_SCREENS] =
    g_signal_new ("swap-screens", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/frontline-presentation.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresentation, card);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresentation, title);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresentation, date);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresentation, caption);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresentation, quotes);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresentation, change);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresentation, approximate);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresentation, progress);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePresentation, blackout);
}

static void
frontline_presentation_init (FrontlinePresentation *self)
{
  GtkWidget *sized[7];

  self->typed_number = g_string_new (NULL);
  self->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->type_sizes = gtk_css_provider_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  sized[0] = GTK_WIDGET (self->title);
  sized[1] = GTK_WIDGET (self->date);
  sized[2] = GTK_WIDGET (self->caption);
  sized[3] = GTK_WIDGET (self->quotes);
  sized[4] = GTK_WIDGET (self->change);
  sized[5] = GTK_WIDGET (self->approximate);
  sized[6] = GTK_WIDGET (self->progress);
  /* The provider is this widget's own: every window sizes for its screen. */
  for (guint i = 0; i < G_N_ELEMENTS (sized); i++)
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_add_provider (gtk_widget_get_style_context (sized[i]),
                                      GTK_STYLE_PROVIDER (self->type_sizes),
                                      GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
      G_GNUC_END_IGNORE_DEPRECATIONS
    }
}

FrontlinePresentation *
frontline_presentation_new (void)
{
  return g_object_new (FRONTLINE_TYPE_PRESENTATION, NULL);
}

static void
on_view_state_dataset_changed_cb (FrontlinePresentation *self)
{
  frontline_presentation_set_dataset (self, frontline_view_state_get_dataset (self->view_state));
}

/**
 * frontline_presentation_get_view_state:
 *
 * Returns: (transfer none) (nullable): the state the presentation follows
 */
FrontlineViewState *
frontline_presentation_get_view_state (FrontlinePresentation *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTATION (self), NULL);

  return self->view_state;
}

/**
 * frontline_presentation_set_view_state:
 * @state: (nullable): the state whose dataset the presentation shows, and
 *   whose day and comparison it sets
 */
void
frontline_presentation_set_view_state (FrontlinePresentation *self,
                                       FrontlineViewState    *state)
{
  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));
  g_return_if_fail (state == NULL || FRONTLINE_IS_VIEW_STATE (state));

  if (self->view_state == state)
    return;

  if (self->view_state != NULL)
    g_signal_handlers_disconnect_by_data (self->view_state, self);
  g_set_object (&self->view_state, state);
  if (state != NULL)
    {
      g_signal_connect_object (state, "notify::dataset",
                               G_CALLBACK (on_view_state_dataset_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (state, "notify::comparison",
                               G_CALLBACK (on_comparison_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (state, "notify::comparing",
                               G_CALLBACK (on_comparison_changed_cb), self, G_CONNECT_SWAPPED);
      on_view_state_dataset_changed_cb (self);
      on_comparison_changed_cb (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), _frontline_presentation_properties[PROP_VIEW_STATE]);
}
