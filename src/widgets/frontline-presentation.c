/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-presentation"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "frontline-handout.h"
#include "frontline-presentation.h"
#include "frontline-projection.h"
#include "frontline-tour.h"

/* Presentation mode over the map: walks the dataset's stops (or its data
 * dates) with a title card, a progress count and a blank screen, and the
 * keys that clickers and habits use. The day and the comparison go through
 * the window's actions (win.go-to-date, win.compare-since); the view through
 * the map. The window hides its chrome while :active is set. */
struct _FrontlinePresentation
{
  GtkWidget           parent_instance;

  FrontlineDataset   *dataset;
  FrontlineViewState *view_state;  /* the day and comparison it sets, the dataset it shows */
  ShumateSimpleMap   *map;
  gboolean            active;
  int                 stop;
  GString            *typed_number;
  guint               pointer_timeout;
  GtkEventController *keys;    /* on the root while active */
  GtkEventController *motion;  /* likewise */
  GtkWidget          *root;
  GtkCssProvider     *type_sizes;  /* the card's type, sized for the height */
  int                 body_px;     /* the body size type_sizes sets, 0 before */
  guint               resize_idle;

  /* The animated move into the stop shown (frontline_tour_move()): from the
   * view and day on screen to the stop's, over the stop's duration. */
  guint               move_tick;     /* on the map while moving, else 0 */
  gint64              move_start;    /* the frame time of its first frame, 0 before */
  double              move_duration; /* seconds */
  FrontlineView       move_from;
  FrontlineView       move_to;
  FrontlineDay        move_from_day;
  FrontlineDay        move_to_day;
  FrontlineDay        move_compare;  /* compared with on arrival */
  gboolean            shown;         /* a stop is on screen: the next one is moved to */

  /* The presenter's tools, in the presentation's coordinates. */
  gboolean            laser;
  gboolean            laser_inside;  /* the pointer is over the window */
  double              laser_x;
  double              laser_y;
  gboolean            pen;
  GPtrArray          *strokes;       /* of GArray of graphene_point_t; gone at the next stop */
  GtkGesture         *pen_drag;      /* on the root while active */
  double              pen_start_x;
  double              pen_start_y;

  /* Time since the presentation began: what ran before a pause, and when the
   * running part began (monotonic, µs). */
  gint64              timer_before;
  gint64              timer_since;
  gboolean            timer_paused;

  /* Template widgets */
  GtkWidget          *card;
  GtkLabel           *title;
  GtkLabel           *date;
  GtkLabel           *caption;
  GtkLabel           *quotes;
  GtkLabel           *change;
  GtkLabel           *approximate;
  GtkLabel           *progress;
  GtkWidget          *blackout;
};

G_DEFINE_FINAL_TYPE (FrontlinePresentation, frontline_presentation, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_MAP,
  PROP_ACTIVE,
  PROP_STOP,
  PROP_VIEW_STATE,
  PROP_MOVING,
  PROP_LASER,
  PROP_PEN,
  PROP_TIMER_PAUSED,
  PROP_BLACKOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static void
go_to_day (FrontlinePresentation *self,
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
static void
compare_since (FrontlinePresentation *self,
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

/* The band on the left the title card takes, with its margins, in map
 * pixels: at most half the map. */
static double
card_band (FrontlinePresentation *self,
           double                 map_width)
{
  int natural = 0;

  if (!gtk_widget_get_visible (self->card))
    return 0;
  gtk_widget_measure (self->card, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return MIN (natural + gtk_widget_get_margin_start (self->card) + 24, map_width / 2);
}

/* The stop's view in the part of the map the card leaves free: its areas are
 * never under the card. */
static gboolean
stop_view (FrontlinePresentation *self,
           FrontlineStop         *stop,
           FrontlineView         *fitted)
{
  double view[5];
  double bbox[4];
  double width, height, band, x;

  if (self->map == NULL)
    return FALSE;

  width = MAX (gtk_widget_get_width (GTK_WIDGET (self->map)), 640);
  height = MAX (gtk_widget_get_height (GTK_WIDGET (self->map)), 400);
  band = card_band (self, width);

  if (frontline_stop_get_view (stop, view))
    {
      /* The author's view, narrowed to the free part. */
      fitted->center_lon = view[0];
      fitted->center_lat = view[1];
      fitted->zoom = CLAMP (view[2] + log2 ((width - band) / width),
                            FRONTLINE_VIEW_MIN_ZOOM, FRONTLINE_VIEW_MAX_ZOOM);
    }
  else if (frontline_stop_get_bbox (stop, bbox))
    frontline_view_fit_bbox (fitted, bbox, width - band, height);
  else
    return FALSE;

  /* The free part's centre is band / 2 right of the map's. */
  x = frontline_mercator_x (fitted->center_lon, fitted->zoom) - band / 2;
  fitted->center_lon = frontline_mercator_lon (x, fitted->zoom);
  fitted->width = width;
  fitted->height = height;
  return TRUE;
}

/* The map's view now, at the size stop_view() fits for. */
static void
map_view (FrontlinePresentation *self,
          FrontlineView         *view)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);

  view->center_lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  view->center_lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  view->zoom = shumate_viewport_get_zoom_level (viewport);
  view->width = MAX (gtk_widget_get_width (GTK_WIDGET (self->map)), 640);
  view->height = MAX (gtk_widget_get_height (GTK_WIDGET (self->map)), 400);
}

static void
set_map_view (FrontlinePresentation *self,
              const FrontlineView   *view)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);

  shumate_location_set_location (SHUMATE_LOCATION (viewport), view->center_lat, view->center_lon);
  shumate_viewport_set_zoom_level (viewport, view->zoom);
}

static gboolean
animations_enabled (FrontlinePresentation *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled,
                NULL);
  return enabled;
}

static gboolean
move_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  FrontlinePresentation *self = FRONTLINE_PRESENTATION (user_data);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  FrontlineView view;
  FrontlineDay day;
  double t;

  /* The first frame is the move's start, however late it comes. */
  if (self->move_start == 0)
    self->move_start = now;
  t = (now - self->move_start) / (self->move_duration * G_USEC_PER_SEC);
  if (t >= 1)
    {
      self->move_tick = 0;
      frontline_presentation_finish_move (self);
      return G_SOURCE_REMOVE;
    }

  frontline_tour_move (&self->move_from, self->move_from_day, &self->move_to,
                       self->move_to_day, t, &view, &day);
  set_map_view (self, &view);
  if (day != FRONTLINE_DAY_NONE)
    go_to_day (self, day);
  return G_SOURCE_CONTINUE;
}

/**
 * frontline_presentation_finish_move:
 *
 * Ends the move under way at once: the stop's view, day and comparison.
 */
void
frontline_presentation_finish_move (FrontlinePresentation *self)
{
  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));

  if (self->move_duration <= 0)
    return;

  if (self->move_tick != 0 && self->map != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->map), self->move_tick);
  self->move_tick = 0;
  self->move_duration = 0;
  if (self->map != NULL)
    set_map_view (self, &self->move_to);
  go_to_day (self, self->move_to_day);
  compare_since (self, self->move_compare);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MOVING]);
}

/**
 * frontline_presentation_get_moving:
 *
 * Returns: whether the map is flying to the stop shown
 */
gboolean
frontline_presentation_get_moving (FrontlinePresentation *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTATION (self), FALSE);

  return self->move_duration > 0;
}

/* Shows the stop's view, day and comparison: flown to over @duration seconds
 * from what is on screen (the comparison on arrival), or cut to when there is
 * nothing to fly from, no time to fly or animations are off. */
static void
move_to_stop (FrontlinePresentation *self,
              FrontlineStop         *stop,
              FrontlineDay           day,
              FrontlineDay           compare,
              double                 duration)
{
  FrontlineView to;
  gboolean has_view = stop_view (self, stop, &to);

  if (!has_view || duration <= 0 || !self->shown || !animations_enabled (self) ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->map)))
    {
      go_to_day (self, day);
      if (has_view)
        set_map_view (self, &to);
      compare_since (self, compare);
      return;
    }

  map_view (self, &self->move_from);
  self->move_to = to;
  /* The same size at both ends, as the flight needs. */
  self->move_from.width = to.width;
  self->move_from.height = to.height;
  self->move_from_day = self->view_state != NULL ?
                        frontline_view_state_get_day (self->view_state) : FRONTLINE_DAY_NONE;
  if (self->move_from_day == FRONTLINE_DAY_NONE)
    self->move_from_day = day;
  self->move_to_day = day;
  self->move_compare = compare;
  self->move_duration = duration;
  self->move_start = 0;
  /* Gains and losses between two stops' dates mean little in flight: the
   * comparison comes on arrival. */
  compare_since (self, FRONTLINE_DAY_NONE);
  self->move_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->map), move_tick_cb, self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MOVING]);
}

/* Type for a room: sizes from the presentation's height, so that the back
 * row reads the title card on any screen. */
static void
update_type_sizes (FrontlinePresentation *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int body = CLAMP (height / 40, 14, 64);
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

  if (self->resize_idle == 0 && CLAMP (height / 40, 14, 64) != self->body_px)
    self->resize_idle = g_idle_add (resize_idle_cb, self);
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
      gtk_widget_set_visible (GTK_WIDGET (self->caption), frontline_stop_get_caption (stop) != NULL);
      gtk_label_set_text (self->quotes, quotes);
      gtk_widget_set_visible (GTK_WIDGET (self->quotes), quotes[0] != '\0');

      /* The card is filled first: the view makes room for it. */
      move_to_stop (self, stop, day, compare, animate ? frontline_stop_get_duration (stop) : 0);
    }
  else
    {
      guint n_days;
      const FrontlineDay *days = frontline_dataset_get_days (self->dataset, &n_days);

      day = days[self->stop];
      go_to_day (self, day);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STOP]);
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
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLACKOUT]);
}

/* The pointer: hidden while the laser stands in for it, and when idle. */
static void
update_cursor (FrontlinePresentation *self,
               gboolean               idle)
{
  if (self->root == NULL)
    return;

  if (self->laser || idle)
    gtk_widget_set_cursor_from_name (self->root, "none");
  else if (self->pen)
    gtk_widget_set_cursor_from_name (self->root, "crosshair");
  else
    gtk_widget_set_cursor (self->root, NULL);
}

static gboolean
hide_pointer_cb (gpointer user_data)
{
  FrontlinePresentation *self = FRONTLINE_PRESENTATION (user_data);

  self->pointer_timeout = 0;
  update_cursor (self, !self->pen);
  return G_SOURCE_REMOVE;
}

static void
pointer_moved (FrontlinePresentation *self)
{
  if (!self->active || self->root == NULL)
    return;

  /* The pointer shows while it moves, and hides when idle. */
  update_cursor (self, FALSE);
  g_clear_handle_id (&self->pointer_timeout, g_source_remove);
  self->pointer_timeout = g_timeout_add_seconds (2, hide_pointer_cb, self);
}

static void
on_motion_motion_cb (FrontlinePresentation *self,
                     double                 x,
                     double                 y)
{
  double px = x, py = y;

  pointer_moved (self);
  if (self->root != NULL)
    gtk_widget_translate_coordinates (self->root, GTK_WIDGET (self), x, y, &px, &py);
  frontline_presentation_point_laser (self, px, py);
}

static void
on_motion_leave_cb (FrontlinePresentation *self)
{
  self->laser_inside = FALSE;
  if (self->laser)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * frontline_presentation_point_laser:
 * @x: where the pointer is, in the presentation's coordinates
 *
 * Moves the laser pointer's dot (the motion controller, tests).
 */
void
frontline_presentation_point_laser (FrontlinePresentation *self,
                                    double                 x,
                                    double                 y)
{
  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));

  self->laser_x = x;
  self->laser_y = y;
  self->laser_inside = TRUE;
  if (self->laser)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
frontline_presentation_get_laser (FrontlinePresentation *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTATION (self), FALSE);

  return self->laser;
}

/**
 * frontline_presentation_set_laser:
 *
 * Shows a bright dot where the pointer is, instead of the pointer.
 */
void
frontline_presentation_set_laser (FrontlinePresentation *self,
                                  gboolean               laser)
{
  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));

  laser = !!laser;
  if (self->laser == laser)
    return;

  self->laser = laser;
  update_cursor (self, FALSE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LASER]);
}

gboolean
frontline_presentation_get_pen (FrontlinePresentation *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTATION (self), FALSE);

  return self->pen;
}

/**
 * frontline_presentation_set_pen:
 *
 * While the pen is on, a drag draws on the screen instead of moving the
 * map; the marks stay until the next stop.
 */
void
frontline_presentation_set_pen (FrontlinePresentation *self,
                                gboolean               pen)
{
  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));

  pen = !!pen;
  if (self->pen == pen)
    return;

  self->pen = pen;
  update_cursor (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PEN]);
}

/**
 * frontline_presentation_pen_begin:
 * @x: where the stroke begins, in the presentation's coordinates
 *
 * Begins a stroke of the pen (the drag gesture, tests), whether the pen is
 * on or not.
 */
void
frontline_presentation_pen_begin (FrontlinePresentation *self,
                                  double                 x,
                                  double                 y)
{
  GArray *stroke;

  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));

  stroke = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  g_array_append_val (stroke, GRAPHENE_POINT_INIT ((float) x, (float) y));
  g_ptr_array_add (self->strokes, stroke);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * frontline_presentation_pen_extend:
 *
 * Draws the last stroke on to (@x, @y).
 */
void
frontline_presentation_pen_extend (FrontlinePresentation *self,
                                   double                 x,
                                   double                 y)
{
  graphene_point_t point = GRAPHENE_POINT_INIT ((float) x, (float) y);

  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));

  if (self->strokes->len == 0)
    {
      frontline_presentation_pen_begin (self, x, y);
      return;
    }
  g_array_append_val (g_ptr_array_index (self->strokes, self->strokes->len - 1), point);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * frontline_presentation_get_n_pen_strokes:
 *
 * Returns: how many strokes of the pen are on the screen
 */
guint
frontline_presentation_get_n_pen_strokes (FrontlinePresentation *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTATION (self), 0);

  return self->strokes->len;
}

void
frontline_presentation_clear_pen (FrontlinePresentation *self)
{
  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));

  if (self->strokes->len == 0)
    return;
  g_ptr_array_set_size (self->strokes, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_pen_drag_begin_cb (FrontlinePresentation *self,
                      double                 x,
                      double                 y,
                      GtkGestureDrag        *gesture)
{
  double px = x, py = y;

  /* Without the pen, the map takes the drag. */
  if (!self->pen || self->root == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_translate_coordinates (self->root, GTK_WIDGET (self), x, y, &px, &py);
  self->pen_start_x = px;
  self->pen_start_y = py;
  frontline_presentation_pen_begin (self, px, py);
}

static void
on_pen_drag_update_cb (FrontlinePresentation *self,
                       double                 dx,
                       double                 dy,
                       GtkGestureDrag        *gesture)
{
  if (self->pen)
    frontline_presentation_pen_extend (self, self->pen_start_x + dx, self->pen_start_y + dy);
}

/* The pen's marks and the laser's dot, over the card and the map. */
static void
draw_ink (FrontlinePresentation *self,
          cairo_t               *cr)
{
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < self->strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index (self->strokes, i);

      for (guint j = 0; j < stroke->len; j++)
        {
          graphene_point_t *point = &g_array_index (stroke, graphene_point_t, j);

          if (j == 0)
            cairo_move_to (cr, point->x, point->y);
          else
            cairo_line_to (cr, point->x, point->y);
        }
      /* A dot for a click. */
      if (stroke->len == 1)
        cairo_rel_line_to (cr, 0, 0);
      /* Yellow on a white halo reads over any map. */
      cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
      cairo_set_line_width (cr, 9);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgb (cr, 0.96, 0.38, 0.0);  /* GNOME orange 4 */
      cairo_set_line_width (cr, 5);
      cairo_stroke (cr);
    }

  if (self->laser && self->laser_inside)
    {
      cairo_pattern_t *glow = cairo_pattern_create_radial (self->laser_x, self->laser_y, 3,
                                                           self->laser_x, self->laser_y, 18);

      cairo_pattern_add_color_stop_rgba (glow, 0, 0.88, 0.11, 0.14, 0.6);
      cairo_pattern_add_color_stop_rgba (glow, 1, 0.88, 0.11, 0.14, 0);
      cairo_set_source (cr, glow);
      cairo_arc (cr, self->laser_x, self->laser_y, 18, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_pattern_destroy (glow);
      cairo_set_source_rgb (cr, 1, 0.2, 0.2);
      cairo_arc (cr, self->laser_x, self->laser_y, 6, 0, 2 * G_PI);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

static void
frontline_presentation_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  FrontlinePresentation *self = FRONTLINE_PRESENTATION (widget);
  cairo_t *cr;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_snapshot_child (widget, child, snapshot);

  if (self->strokes->len == 0 && !(self->laser && self->laser_inside))
    return;

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                       gtk_widget_get_height (widget)));
  draw_ink (self, cr);
  cairo_destroy (cr);
}

/**
 * frontline_presentation_get_elapsed:
 *
 * Returns: how long the presentation has run, in microseconds, less its
 *   pauses
 */
gint64
frontline_presentation_get_elapsed (FrontlinePresentation *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTATION (self), 0);

  if (self->timer_paused || !self->active)
    return self->timer_before;
  return self->timer_before + (g_get_monotonic_time () - self->timer_since);
}

gboolean
frontline_presentation_get_timer_paused (FrontlinePresentation *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PRESENTATION (self), FALSE);

  return self->timer_paused;
}

void
frontline_presentation_set_timer_paused (FrontlinePresentation *self,
                                         gboolean               paused)
{
  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));

  paused = !!paused;
  if (self->timer_paused == paused)
    return;

  self->timer_before = frontline_presentation_get_elapsed (self);
  self->timer_since = g_get_monotonic_time ();
  self->timer_paused = paused;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMER_PAUSED]);
}

/**
 * frontline_presentation_reset_timer:
 *
 * Starts the elapsed time again from zero; a paused timer stays paused.
 */
void
frontline_presentation_reset_timer (FrontlinePresentation *self)
{
  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));

  self->timer_before = 0;
  self->timer_since = g_get_monotonic_time ();
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
  g_signal_connect_object (self->motion, "motion", G_CALLBACK (on_motion_motion_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->motion, "leave", G_CALLBACK (on_motion_leave_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (root, self->motion);

  /* The pen's drag comes before the map's, which it then cancels. */
  self->pen_drag = gtk_gesture_drag_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->pen_drag),
                                              GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->pen_drag, "drag-begin", G_CALLBACK (on_pen_drag_begin_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pen_drag, "drag-update", G_CALLBACK (on_pen_drag_update_cb),
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
      pointer_moved (self);
    }
  else
    {
      /* The time it ran stays readable. */
      self->timer_before += g_get_monotonic_time () - self->timer_since;
      detach_from_root (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

void
frontline_presentation_set_map (FrontlinePresentation *self,
                                ShumateSimpleMap      *map)
{
  g_return_if_fail (FRONTLINE_IS_PRESENTATION (self));
  g_return_if_fail (map == NULL || SHUMATE_IS_SIMPLE_MAP (map));

  if (g_set_weak_pointer (&self->map, map))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
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
  widget_class->snapshot = frontline_presentation_snapshot;
  widget_class->unroot = frontline_presentation_unroot;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, FRONTLINE_TYPE_DATASET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, SHUMATE_TYPE_SIMPLE_MAP,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * FrontlinePresentation:active:
   *
   * Whether the presentation runs; the window hides its chrome meanwhile.
   */
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STOP] =
    g_param_spec_int ("stop", NULL, NULL, 0, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * FrontlinePresentation:view-state:
   *
   * What the window shows: the presentation walks its dataset's stops and
   * sets its day and comparison. Without one, it goes through the window's
   * actions (win.go-to-date, win.compare-since).
   */
  properties[PROP_VIEW_STATE] =
    g_param_spec_object ("view-state", NULL, NULL, FRONTLINE_TYPE_VIEW_STATE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * FrontlinePresentation:moving:
   *
   * Whether the map is flying to the stop shown.
   */
  properties[PROP_MOVING] =
    g_param_spec_boolean ("moving", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LASER] =
    g_param_spec_boolean ("laser", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PEN] =
    g_param_spec_boolean ("pen", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TIMER_PAUSED] =
    g_param_spec_boolean ("timer-paused", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * FrontlinePresentation:blackout:
   *
   * "black" or "white" while the screen is blanked, else %NULL.
   */
  properties[PROP_BLACKOUT] =
    g_param_spec_string ("blackout", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

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

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW_STATE]);
}
