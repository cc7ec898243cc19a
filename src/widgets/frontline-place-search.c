/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-place-search"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "frontline-basemap.h"
#include "frontline-place-search.h"

#define MAX_RESULTS 8

/* The place search above the map: a search bar whose results are a list
 * model of FrontlinePlaceResult, the dataset's places first, then the
 * gazetteer's, in Latin or Cyrillic script, each with where it is (country,
 * distance from the nearest larger town, population) so that two places of
 * one name can be told apart. The results show in a popover under the entry,
 * over the map, which keeps its size; "No Results" when nothing matches.
 * Choosing one emits ::place-activated and closes the bar. */
struct _FrontlinePlaceSearch
{
  GtkWidget         parent_instance;

  FrontlineDataset *dataset;

  /* Template widgets */
  GtkSearchBar     *search_bar;
  GtkSearchEntry   *entry;
  GtkListView      *list;
  GListStore       *results;
  GtkPopover       *popover;
  GtkStack         *results_stack;
  GtkSingleSelection *selection;
};

G_DEFINE_FINAL_TYPE (FrontlinePlaceSearch, frontline_place_search, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATASET,
  N_PROPS
};

enum {
  PLACE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
place_matches (FrontlinePlace *place,
               const char     *query,
               const char     *needle)
{
  g_autofree char *name = g_utf8_casefold (frontline_place_get_name (place), -1);
  g_autofree char *local = frontline_place_get_name_local (place)
                           ? g_utf8_casefold (frontline_place_get_name_local (place), -1) : NULL;

  return strstr (name, needle) != NULL || (local != NULL && strstr (local, needle) != NULL) ||
         g_str_match_string (query, frontline_place_get_name (place), TRUE);
}

/* The nearest town of @country much larger than a place of @population,
 * within about 150 km, or %NULL: "12 km from Kursk" tells two Korenevo apart where the
 * gazetteer has no region. */
static FrontlineBasemapPlace *
find_larger_place (const char *country,
                   double      lon,
                   double      lat,
                   guint       population,
                   double     *distance_km)
{
  double bbox[4] = { lon - 2.2, lat - 1.4, lon + 2.2, lat + 1.4 };
  g_autoptr(GPtrArray) near = NULL;
  guint wanted = MAX (population * 4, 50000);
  FrontlineBasemapPlace *best = NULL;
  double best_km = 150;

  near = frontline_basemap_find_places_in (frontline_basemap_get_default (), bbox);

  for (guint i = 0; i < near->len; i++)
    {
      FrontlineBasemapPlace *place = g_ptr_array_index (near, i);
      double dx = (place->lon - lon) * cos (lat * G_PI / 180) * 111.32;
      double dy = (place->lat - lat) * 110.57;
      double km = sqrt (dx * dx + dy * dy);

      /* In the same country: a town across a border says little of where a place is. */
      if (place->population >= wanted && km < best_km &&
          (*country == '\0' || g_str_equal (place->country, country)))
        {
          best = place;
          best_km = km;
        }
    }

  *distance_km = best_km;
  return best;
}

/* Where a place is: its country, the nearest larger town, its population. */
static char *
describe_where (const char *country,
                double      lon,
                double      lat,
                guint       population)
{
  GString *where = g_string_new (country);
  double km;
  FrontlineBasemapPlace *larger = find_larger_place (country, lon, lat, population, &km);

  if (larger != NULL)
    {
      g_string_append (where, where->len ? " · " : "");
      if (km < 1)
        /* Translators: a place found by the search, in a larger town */
        g_string_append_printf (where, _("in %s"), larger->name);
      else
        /* Translators: where a place found by the search is, as “12 km from Kursk” */
        g_string_append_printf (where, _("%.0f km from %s"), km, larger->name);
    }
  if (population > 0)
    {
      g_string_append (where, where->len ? " · " : "");
      /* Translators: a place's population, as “5,500 people” */
      g_string_append_printf (where, _("%'u people"), population);
    }

  return g_string_free (where, FALSE);
}

/* The gazetteer's entry for a dataset's place: the one of the same name
 * within 2 km, if any. */
static FrontlineBasemapPlace *
gazetteer_entry (GPtrArray *found,
                 double     lon,
                 double     lat)
{
  for (guint i = 0; i < found->len; i++)
    {
      FrontlineBasemapPlace *place = g_ptr_array_index (found, i);

      if (fabs (place->lon - lon) < 0.03 && fabs (place->lat - lat) < 0.02)
        return place;
    }
  return NULL;
}

static void
show_results (FrontlinePlaceSearch *self,
              gboolean              any_query)
{
  gboolean found = g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0;

  gtk_stack_set_visible_child_name (self->results_stack, found ? "list" : "empty");
  if (any_query && gtk_search_bar_get_search_mode (self->search_bar) &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_popover_popup (self->popover);
  else
    gtk_popover_popdown (self->popover);
}

/**
 * frontline_place_search_find:
 *
 * Fills the results for @query.
 *
 * Returns: the number of results
 */
guint
frontline_place_search_find (FrontlinePlaceSearch *self,
                             const char           *query)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autofree char *needle = NULL;

  g_return_val_if_fail (FRONTLINE_IS_PLACE_SEARCH (self), 0);

  if (query != NULL && *query != '\0')
    {
      needle = g_utf8_casefold (query, -1);
      found = frontline_basemap_find_places (frontline_basemap_get_default (), query, MAX_RESULTS);
      if (self->dataset != NULL)
        {
          GListModel *places = frontline_dataset_get_places (self->dataset);

          for (guint i = 0; i < g_list_model_get_n_items (places) && items->len < MAX_RESULTS; i++)
            {
              g_autoptr(FrontlinePlace) place = g_list_model_get_item (places, i);

              FrontlineBasemapPlace *entry;
              g_autofree char *where = NULL;
              g_autofree char *detail = NULL;
              double lon = frontline_place_get_lon (place);
              double lat = frontline_place_get_lat (place);

              if (!place_matches (place, query, needle))
                continue;

              /* One row for a place the dataset and the gazetteer both have. */
              entry = gazetteer_entry (found, lon, lat);
              if (entry != NULL)
                g_ptr_array_add (shown, entry);
              where = describe_where (entry ? entry->country : "", lon, lat,
                                      entry ? entry->population : 0);
              /* Translators: a place of the dataset, then where it is, as
               * “In this dataset · RU · 12 km from Kursk” */
              detail = *where != '\0' ? g_strdup_printf (_("In this dataset · %s"), where)
                                       : g_strdup (_("In this dataset"));
              g_ptr_array_add (items, frontline_place_result_new (frontline_place_get_name (place),
                                                                  detail, lon, lat));
            }
        }

      for (guint i = 0; i < found->len && items->len < MAX_RESULTS; i++)
        {
          FrontlineBasemapPlace *place = g_ptr_array_index (found, i);
          g_autofree char *detail = NULL;

          if (g_ptr_array_find (shown, place, NULL))
            continue;
          detail = describe_where (place->country, place->lon, place->lat, place->population);
          g_ptr_array_add (items, frontline_place_result_new (place->name, detail, place->lon, place->lat));
        }
    }

  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       items->pdata, items->len);
  gtk_single_selection_set_selected (self->selection, items->len > 0 ? 0 : GTK_INVALID_LIST_POSITION);
  show_results (self, needle != NULL);

  return items->len;
}

static void
activate_result (FrontlinePlaceSearch *self,
                 guint                 position)
{
  g_autoptr(FrontlinePlaceResult) result = g_list_model_get_item (G_LIST_MODEL (self->results), position);

  if (result == NULL)
    return;

  g_signal_emit (self, signals[PLACE_ACTIVATED], 0, result);
  gtk_popover_popdown (self->popover);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/**
 * frontline_place_search_activate_first:
 *
 * What Enter in the search does: goes to the result chosen with Up and
 * Down, else the first.
 *
 * Returns: whether there was one
 */
gboolean
frontline_place_search_activate_first (FrontlinePlaceSearch *self)
{
  guint selected;

  g_return_val_if_fail (FRONTLINE_IS_PLACE_SEARCH (self), FALSE);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0)
    return FALSE;

  selected = gtk_single_selection_get_selected (self->selection);
  activate_result (self, selected != GTK_INVALID_LIST_POSITION ? selected : 0);
  return TRUE;
}

/* Up and Down in the entry choose among the results, Enter goes there: the
 * popover does not take the keyboard, so the entry keeps it. */
static gboolean
on_entry_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         FrontlinePlaceSearch  *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  guint selected = gtk_single_selection_get_selected (self->selection);
  int delta;

  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    delta = 1;
  else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    delta = -1;
  else
    return GDK_EVENT_PROPAGATE;

  if (n == 0 || !gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    return GDK_EVENT_PROPAGATE;

  if (selected == GTK_INVALID_LIST_POSITION)
    selected = 0;
  else
    selected = (guint) CLAMP ((int) selected + delta, 0, (int) n - 1);
  gtk_single_selection_set_selected (self->selection, selected);
  gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", selected);

  return GDK_EVENT_STOP;
}

static void
on_entry_search_changed_cb (FrontlinePlaceSearch *self)
{
  frontline_place_search_find (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
on_list_activate_cb (FrontlinePlaceSearch *self,
                     guint                 position)
{
  activate_result (self, position);
}

/**
 * frontline_place_search_open:
 *
 * Shows the search bar and puts the focus in it.
 */
void
frontline_place_search_open (FrontlinePlaceSearch *self)
{
  g_return_if_fail (FRONTLINE_IS_PLACE_SEARCH (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

/**
 * frontline_place_search_get_popover:
 *
 * Returns: (transfer none): the popover the results show in
 */
GtkWidget *
frontline_place_search_get_popover (FrontlinePlaceSearch *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PLACE_SEARCH (self), NULL);

  return GTK_WIDGET (self->popover);
}

static void
on_search_mode_cb (FrontlinePlaceSearch *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    gtk_popover_popdown (self->popover);
}

/* The search bar fills the widget; the popover points at the entry. */
static void
frontline_place_search_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  FrontlinePlaceSearch *self = FRONTLINE_PLACE_SEARCH (widget);

  gtk_widget_measure (GTK_WIDGET (self->search_bar), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
frontline_place_search_size_allocate (GtkWidget *widget,
                                      int        width,
                                      int        height,
                                      int        baseline)
{
  FrontlinePlaceSearch *self = FRONTLINE_PLACE_SEARCH (widget);
  graphene_rect_t bounds;

  gtk_widget_allocate (GTK_WIDGET (self->search_bar), width, height, baseline, NULL);
  if (gtk_widget_compute_bounds (GTK_WIDGET (self->entry), widget, &bounds))
    {
      GdkRectangle rect = { (int) bounds.origin.x, (int) bounds.origin.y,
                            (int) bounds.size.width, (int) bounds.size.height };
      GdkRectangle old;

      if (!gtk_popover_get_pointing_to (self->popover, &old) || !gdk_rectangle_equal (&old, &rect))
        gtk_popover_set_pointing_to (self->popover, &rect);
    }
  gtk_popover_present (self->popover);
}

/**
 * frontline_place_search_get_results:
 *
 * Returns: (transfer none): the results, a list of #FrontlinePlaceResult
 */
GListModel *
frontline_place_search_get_results (FrontlinePlaceSearch *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PLACE_SEARCH (self), NULL);

  return G_LIST_MODEL (self->results);
}

void
frontline_place_search_set_dataset (FrontlinePlaceSearch *self,
                                    FrontlineDataset     *dataset)
{
  g_return_if_fail (FRONTLINE_IS_PLACE_SEARCH (self));
  g_return_if_fail (dataset == NULL || FRONTLINE_IS_DATASET (dataset));

  if (g_set_object (&self->dataset, dataset))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

static void
frontline_place_search_dispose (GObject *object)
{
  FrontlinePlaceSearch *self = FRONTLINE_PLACE_SEARCH (object);

  if (self->popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->popover));
  self->popover = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), FRONTLINE_TYPE_PLACE_SEARCH);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (frontline_place_search_parent_class)->dispose (object);
}

static void
frontline_place_search_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  FrontlinePlaceSearch *self = FRONTLINE_PLACE_SEARCH (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_place_search_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  FrontlinePlaceSearch *self = FRONTLINE_PLACE_SEARCH (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      frontline_place_search_set_dataset (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_place_search_class_init (FrontlinePlaceSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = frontline_place_search_dispose;
  object_class->get_property = frontline_place_search_get_property;
  object_class->set_property = frontline_place_search_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, FRONTLINE_TYPE_DATASET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FrontlinePlaceSearch::place-activated:
   * @result: the place chosen
   */
  signals[PLACE_ACTIVATED] =
    g_signal_new ("place-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FRONTLINE_TYPE_PLACE_RESULT);

  g_type_ensure (FRONTLINE_TYPE_PLACE_RESULT);

  widget_class->measure = frontline_place_search_measure;
  widget_class->size_allocate = frontline_place_search_size_allocate;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/frontline-place-search.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlinePlaceSearch, search_bar);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePlaceSearch, entry);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePlaceSearch, list);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePlaceSearch, results);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePlaceSearch, popover);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePlaceSearch, results_stack);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePlaceSearch, selection);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, frontline_place_search_activate_first);
}

static void
frontline_place_search_init (FrontlinePlaceSearch *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->entry));
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (on_search_mode_cb), self);
}

FrontlinePlaceSearch *
frontline_place_search_new (void)
{
  return g_object_new (FRONTLINE_TYPE_PLACE_SEARCH, NULL);
}
