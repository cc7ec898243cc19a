/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-place-search"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "frontline-basemap.h"
#include "frontline-place-search.h"

#define MAX_RESULTS 8

/* The place search above the map: a search bar whose results are a list
 * model of FrontlinePlaceResult, the dataset's places first, then the
 * gazetteer's, in Latin or Cyrillic script. Choosing one emits
 * ::place-activated and closes the bar. */
struct _FrontlinePlaceSearch
{
  GtkWidget         parent_instance;

  FrontlineDataset *dataset;

  /* Template widgets */
  GtkSearchBar     *search_bar;
  GtkSearchEntry   *entry;
  GtkListView      *list;
  GListStore       *results;
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
  g_autofree char *needle = NULL;

  g_return_val_if_fail (FRONTLINE_IS_PLACE_SEARCH (self), 0);

  if (query != NULL && *query != '\0')
    {
      needle = g_utf8_casefold (query, -1);
      if (self->dataset != NULL)
        {
          GListModel *places = frontline_dataset_get_places (self->dataset);

          for (guint i = 0; i < g_list_model_get_n_items (places) && items->len < MAX_RESULTS; i++)
            {
              g_autoptr(FrontlinePlace) place = g_list_model_get_item (places, i);

              if (place_matches (place, query, needle))
                g_ptr_array_add (items, frontline_place_result_new (frontline_place_get_name (place),
                                                                    _("In this dataset"),
                                                                    frontline_place_get_lon (place),
                                                                    frontline_place_get_lat (place)));
            }
        }

      found = frontline_basemap_find_places (frontline_basemap_get_default (), query, MAX_RESULTS);
      for (guint i = 0; i < found->len && items->len < MAX_RESULTS; i++)
        {
          FrontlineBasemapPlace *place = g_ptr_array_index (found, i);
          /* Translators: a place's country code and population, as “RU · 5,500 people” */
          g_autofree char *detail = place->population > 0
                                    ? g_strdup_printf (_("%s · %u people"), place->country, place->population)
                                    : g_strdup (place->country);

          g_ptr_array_add (items, frontline_place_result_new (place->name, detail, place->lon, place->lat));
        }
    }

  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       items->pdata, items->len);
  gtk_widget_set_visible (GTK_WIDGET (self->list), items->len > 0);

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
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/**
 * frontline_place_search_activate_first:
 *
 * What Enter in the search does: goes to the first result.
 *
 * Returns: whether there was one
 */
gboolean
frontline_place_search_activate_first (FrontlinePlaceSearch *self)
{
  g_return_val_if_fail (FRONTLINE_IS_PLACE_SEARCH (self), FALSE);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0)
    return FALSE;

  activate_result (self, 0);
  return TRUE;
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

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/frontline-place-search.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlinePlaceSearch, search_bar);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePlaceSearch, entry);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePlaceSearch, list);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePlaceSearch, results);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, frontline_place_search_activate_first);
}

static void
frontline_place_search_init (FrontlinePlaceSearch *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->entry));
}

FrontlinePlaceSearch *
frontline_place_search_new (void)
{
  return g_object_new (FRONTLINE_TYPE_PLACE_SEARCH, NULL);
}
