/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-side-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "frontline-side-panel.h"
#include "frontline-source-row.h"
#include "frontline-stop-row.h"

/* Quotes and sources beside the map: the quotes of the chosen date (from the
 * data date the map shows to the next, nearest first), all quotes with a search
 * and a sort, and the sources with what cites them. A selected quote shows
 * its source in full, with Open Source, Copy Citation and Go to Date.
 *
 * Text from datasets is always set as plain text, never as markup: a quote
 * with "<b>" or "&" shows it as written. */

struct _FrontlineSidePanel
{
  GtkWidget          parent_instance;

  FrontlineDataset  *dataset;
  FrontlineDay       day;
  GListStore        *date_quotes;
  GListStore        *sources;
  GtkCustomFilter   *filter;
  GtkCustomSorter   *sorter;
  GtkFilterListModel *all_quotes;
  FrontlineQuote    *selected;
  FrontlineSource   *selected_source;
  FrontlineSource   *quotes_source;
  GtkSingleSelection *sources_selection;
  char              *search;

  /* Template widgets */
  GtkWidget         *box;
  GtkStack          *stack;
  GtkStack          *date_stack;
  GtkListView       *date_list;
  GtkListView       *all_list;
  GtkListView       *sources_list;
  GtkListView       *stops_list;
  GtkSearchEntry    *search_entry;
  GtkDropDown       *sort_dropdown;
  GtkWidget         *source_filter_button;
  GtkLabel          *source_filter_label;
  GtkWidget         *go_to_date_button;
  GtkWidget         *show_quotes_button;
  GtkRevealer       *detail_revealer;
  GtkLabel          *detail_label;
  GtkWidget         *evidence_box;
  GtkLabel          *evidence_heading;
  GtkLabel          *evidence_label;

  char              *evidence_text;
};

G_DEFINE_FINAL_TYPE (FrontlineSidePanel, frontline_side_panel, GTK_TYPE_WIDGET)

enum {
  QUOTE_SELECTED,
  GO_TO_DATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_DATASET,
  PROP_DAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Rows */

static void
setup_quote_row (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *text = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  /* Wrapping labels ask for their whole text's width: cap it, or the panel
   * grows as wide as the longest quote. */
  gtk_label_set_max_width_chars (GTK_LABEL (text), 36);
  gtk_label_set_max_width_chars (GTK_LABEL (meta), 36);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_add_css_class (meta, "caption");
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_list_item_set_child (item, box);
}

static char *
describe_quote_meta (FrontlineQuote *quote)
{
  FrontlineSource *source = frontline_quote_get_source (quote);
  GString *meta = g_string_new (frontline_quote_get_speaker (quote) ? frontline_quote_get_speaker (quote)
                                                                    : _("Unknown speaker"));

  if (frontline_quote_get_role (quote) != NULL)
    g_string_append_printf (meta, ", %s", frontline_quote_get_role (quote));
  {
    g_autofree char *date = frontline_quote_format_date (quote);

    g_string_append_printf (meta, " · %s", date ? date : _("undated"));
  }
  if (source != NULL && frontline_source_value_is_known (frontline_source_get_publisher (source)))
    g_string_append_printf (meta, " · %s", frontline_source_get_publisher (source));

  return g_string_free (meta, FALSE);
}

static void
bind_quote_row (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  FrontlineQuote *quote = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *text = gtk_widget_get_first_child (box);
  GtkWidget *meta = gtk_widget_get_next_sibling (text);
  g_autofree char *quoted = g_strdup_printf ("“%s”", frontline_quote_get_text (quote));
  g_autofree char *description = describe_quote_meta (quote);

  gtk_label_set_text (GTK_LABEL (text), quoted);
  gtk_label_set_text (GTK_LABEL (meta), description);
}

static void
setup_source_row (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  gtk_list_item_set_child (item, GTK_WIDGET (frontline_source_row_new ()));
}

static void
bind_source_row (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  FrontlineSidePanel *self = user_data;

  frontline_source_row_set_source (FRONTLINE_SOURCE_ROW (gtk_list_item_get_child (item)),
                                   self->dataset, gtk_list_item_get_item (item));
}

static GtkListItemFactory *
new_factory (GCallback  setup,
             GCallback  bind,
             gpointer   user_data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, user_data);
  g_signal_connect (factory, "bind", bind, user_data);
  return factory;
}

/* Stops: a FrontlineStopRow each, which edits its stop in place and asks
 * the panel to move or delete it. */

static gboolean
find_stop (FrontlineSidePanel *self,
           FrontlineStopRow   *row,
           guint              *position)
{
  FrontlineStop *stop = frontline_stop_row_get_stop (row);

  if (self->dataset == NULL || stop == NULL)
    return FALSE;

  return frontline_dataset_get_stop_position (self->dataset, stop, position);
}

static void
on_stop_row_move_cb (FrontlineStopRow   *row,
                     int                 delta,
                     FrontlineSidePanel *self)
{
  guint position;

  if (find_stop (self, row, &position) && (int) position + delta >= 0)
    frontline_dataset_move_stop (self->dataset, position, (guint) ((int) position + delta));
}

static void
on_stop_row_delete_cb (FrontlineStopRow   *row,
                       FrontlineSidePanel *self)
{
  guint position;

  if (find_stop (self, row, &position))
    frontline_dataset_remove_stop (self->dataset, position);
}

/* Drawing on a stop is the window's: win.annotate-stop. */
static void
on_stop_row_draw_cb (FrontlineStopRow   *row,
                     FrontlineSidePanel *self)
{
  guint position;

  if (find_stop (self, row, &position))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.annotate-stop", "u", position);
}

static void
setup_stop_row (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  FrontlineSidePanel *self = user_data;
  FrontlineStopRow *row = frontline_stop_row_new ();

  g_signal_connect_object (row, "move", G_CALLBACK (on_stop_row_move_cb), self, 0);
  g_signal_connect_object (row, "delete", G_CALLBACK (on_stop_row_delete_cb), self, 0);
  g_signal_connect_object (row, "draw", G_CALLBACK (on_stop_row_draw_cb), self, 0);
  gtk_list_item_set_child (item, GTK_WIDGET (row));
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_stop_row (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  frontline_stop_row_set_stop (FRONTLINE_STOP_ROW (gtk_list_item_get_child (item)),
                               gtk_list_item_get_item (item));
}

/* The quotes of the chosen date */

static int
compare_by_distance (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  FrontlineDay day = GPOINTER_TO_UINT (user_data);
  long da = labs ((long) frontline_quote_get_day ((FrontlineQuote *) a) - (long) day);
  long db = labs ((long) frontline_quote_get_day ((FrontlineQuote *) b) - (long) day);

  return (da > db) - (da < db);
}

static void
update_date_quotes (FrontlineSidePanel *self)
{
  GListModel *quotes;
  FrontlineDay data_day;
  FrontlineDay from;
  FrontlineDay to;

  g_list_store_remove_all (self->date_quotes);

  if (self->dataset == NULL || self->day == FRONTLINE_DAY_NONE)
    {
      gtk_stack_set_visible_child_name (self->date_stack, "empty");
      return;
    }

  /* From the data date the map shows (the latest on or before the chosen
   * day) to the next one: what was said while that assessment held. */
  quotes = frontline_dataset_get_quotes (self->dataset);
  data_day = frontline_dataset_get_data_day_for (self->dataset, self->day);
  from = data_day;
  to = frontline_dataset_get_next_day (self->dataset, self->day);
  if (to == FRONTLINE_DAY_NONE)
    to = G_MAXUINT32;

  for (guint i = 0; i < g_list_model_get_n_items (quotes); i++)
    {
      g_autoptr(FrontlineQuote) quote = g_list_model_get_item (quotes, i);
      FrontlineDay day = frontline_quote_get_day (quote);

      if (day != FRONTLINE_DAY_NONE && day >= from && day <= to)
        g_list_store_append (self->date_quotes, quote);
    }

  g_list_store_sort (self->date_quotes, compare_by_distance, GUINT_TO_POINTER (self->day));
  gtk_stack_set_visible_child_name (self->date_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->date_quotes)) > 0
                                    ? "list" : "empty");
}

/* All quotes: search and sort */

static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;

  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
filter_quote (gpointer item,
              gpointer user_data)
{
  FrontlineSidePanel *self = user_data;
  FrontlineQuote *quote = item;
  g_autofree char *needle = NULL;

  if (self->quotes_source != NULL && frontline_quote_get_source (quote) != self->quotes_source)
    return FALSE;
  if (self->search == NULL || self->search[0] == '\0')
    return TRUE;

  needle = g_utf8_casefold (self->search, -1);
  return contains_folded (frontline_quote_get_text (quote), needle) ||
         contains_folded (frontline_quote_get_speaker (quote), needle) ||
         contains_folded (frontline_quote_get_role (quote), needle);
}

static int
sort_quotes (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  FrontlineSidePanel *self = user_data;
  FrontlineQuote *qa = (FrontlineQuote *) a;
  FrontlineQuote *qb = (FrontlineQuote *) b;

  if (gtk_drop_down_get_selected (self->sort_dropdown) == 1)
    {
      int by_speaker = g_utf8_collate (frontline_quote_get_speaker (qa) ? frontline_quote_get_speaker (qa) : "",
                                       frontline_quote_get_speaker (qb) ? frontline_quote_get_speaker (qb) : "");

      if (by_speaker != 0)
        return by_speaker;
    }

  return (frontline_quote_get_day (qa) > frontline_quote_get_day (qb)) -
         (frontline_quote_get_day (qa) < frontline_quote_get_day (qb));
}

static void
on_search_changed_cb (FrontlineSidePanel *self)
{
  frontline_side_panel_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_sort_changed_cb (FrontlineSidePanel *self)
{
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/* The selected quote */

static void
update_detail (FrontlineSidePanel *self)
{
  FrontlineSource *source = self->selected_source;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *published = NULL;
  const char *value;

  gtk_revealer_set_reveal_child (self->detail_revealer, self->selected != NULL || source != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.open-source",
                                 source != NULL && frontline_source_get_openable_url (source) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.copy-citation",
                                 self->selected != NULL || source != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.go-to-date",
                                 self->selected != NULL &&
                                 frontline_quote_get_day (self->selected) != FRONTLINE_DAY_NONE);
  gtk_widget_set_visible (self->go_to_date_button, self->selected != NULL);
  gtk_widget_set_visible (self->show_quotes_button, self->selected == NULL && source != NULL);
  if (self->selected == NULL && source != NULL && self->dataset != NULL)
    {
      const char *id = frontline_source_get_id (source);
      g_autoptr(GPtrArray) quotes = frontline_dataset_get_quotes_citing (self->dataset, id);

      gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.show-quotes", quotes->len > 0);
    }
  else
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.show-quotes", FALSE);

  if (source == NULL)
    {
      gtk_label_set_text (self->detail_label, "");
      return;
    }

  /* All that is known of the source, and nothing for what is not. */
  title = frontline_source_dup_display_title (source);
  g_string_append (text, title);
  value = frontline_source_get_publisher (source);
  g_string_append_printf (text, "\n%s %s", _("Publisher:"),
                          frontline_source_value_is_known (value) ? value : _("unknown"));
  value = frontline_source_get_author (source);
  if (frontline_source_value_is_known (value))
    g_string_append_printf (text, "\n%s %s", _("Author:"), value);
  if ((published = frontline_source_format_published (source)) != NULL)
    g_string_append_printf (text, "\n%s %s", _("Published:"), published);
  value = frontline_source_get_language (source);
  if (frontline_source_value_is_known (value))
    g_string_append_printf (text, "\n%s %s", _("Language:"), value);
  value = frontline_source_get_url (source);
  if (!frontline_source_value_is_known (value))
    value = _("No link in the dataset");
  g_string_append_printf (text, "\n%s", value);
  g_string_append_printf (text, "\n%s %s", _("Source id:"), frontline_source_get_id (source));
  value = frontline_source_get_notes (source);
  if (frontline_source_value_is_known (value))
    g_string_append_printf (text, "\n%s", value);
  if (self->selected == NULL && self->dataset != NULL)
    {
      g_autofree char *cites = frontline_source_describe_citations (self->dataset, source);

      g_string_append_printf (text, "\n%s %s", _("Cited by:"), cites);
    }

  gtk_label_set_text (self->detail_label, text->str);
}

void
frontline_side_panel_select_quote (FrontlineSidePanel *self,
                                   FrontlineQuote     *quote)
{
  g_return_if_fail (FRONTLINE_IS_SIDE_PANEL (self));

  if (!g_set_object (&self->selected, quote))
    return;

  if (quote != NULL || self->selected_source != NULL)
    {
      FrontlineSource *source = quote ? frontline_quote_get_source (quote) : NULL;

      g_set_object (&self->selected_source, source);
      gtk_single_selection_set_selected (self->sources_selection, GTK_INVALID_LIST_POSITION);
    }
  update_detail (self);
  if (quote != NULL)
    g_signal_emit (self, signals[QUOTE_SELECTED], 0, quote);
}

/**
 * frontline_side_panel_select_source:
 * @source: (nullable): a source of the dataset, or %NULL
 *
 * Shows the source in full with what cites it, as a click on its row does.
 */
void
frontline_side_panel_select_source (FrontlineSidePanel *self,
                                    FrontlineSource    *source)
{
  guint position;

  g_return_if_fail (FRONTLINE_IS_SIDE_PANEL (self));

  g_clear_object (&self->selected);
  g_set_object (&self->selected_source, source);
  if (source != NULL && g_list_store_find (self->sources, source, &position))
    {
      if (gtk_single_selection_get_selected (self->sources_selection) != position)
        gtk_single_selection_set_selected (self->sources_selection, position);
    }
  else
    gtk_single_selection_set_selected (self->sources_selection, GTK_INVALID_LIST_POSITION);
  update_detail (self);
}

/**
 * frontline_side_panel_get_selected_source:
 *
 * Returns: (transfer none) (nullable): the source shown in full: the
 *   selected one, or the selected quote's
 */
FrontlineSource *
frontline_side_panel_get_selected_source (FrontlineSidePanel *self)
{
  g_return_val_if_fail (FRONTLINE_IS_SIDE_PANEL (self), NULL);

  return self->selected_source;
}

/**
 * frontline_side_panel_get_sources:
 *
 * Returns: (transfer none): the sources the Sources page lists, with their
 *   selection
 */
GtkSelectionModel *
frontline_side_panel_get_sources (FrontlineSidePanel *self)
{
  g_return_val_if_fail (FRONTLINE_IS_SIDE_PANEL (self), NULL);

  return GTK_SELECTION_MODEL (self->sources_selection);
}

static void
on_source_selected_cb (GtkSingleSelection *selection,
                       GParamSpec         *pspec,
                       FrontlineSidePanel *self)
{
  FrontlineSource *source = gtk_single_selection_get_selected_item (selection);

  if (source != NULL && source != self->selected_source)
    frontline_side_panel_select_source (self, source);
  else if (source == NULL && self->selected == NULL && self->selected_source != NULL)
    frontline_side_panel_select_source (self, NULL);
}

/* The quotes page shows one source's quotes until the filter is cleared. */
static void
set_quotes_source (FrontlineSidePanel *self,
                   FrontlineSource    *source)
{
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;

  g_set_object (&self->quotes_source, source);
  if (source != NULL)
    {
      title = frontline_source_dup_display_title (source);
      /* Translators: the quotes page shows one source's quotes; the button clears that */
      label = g_strdup_printf (_("Only from “%s”"), title);
      gtk_label_set_text (self->source_filter_label, label);
    }
  gtk_widget_set_visible (self->source_filter_button, source != NULL);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
show_quotes_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  FrontlineSidePanel *self = FRONTLINE_SIDE_PANEL (widget);

  if (self->selected_source == NULL)
    return;

  set_quotes_source (self, self->selected_source);
  gtk_stack_set_visible_child_name (self->stack, "all");
}

static void
clear_source_filter_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  set_quotes_source (FRONTLINE_SIDE_PANEL (widget), NULL);
}

/* The evidence behind an area: its sources and the quotes citing them. */

static int
compare_quote_days (gconstpointer a,
                    gconstpointer b)
{
  FrontlineDay da = frontline_quote_get_day (*(FrontlineQuote **) a);
  FrontlineDay db = frontline_quote_get_day (*(FrontlineQuote **) b);

  return (da > db) - (da < db);
}

static void
append_source_evidence (FrontlineSidePanel *self,
                        GString            *text,
                        const char         *source_id)
{
  FrontlineSource *source = frontline_dataset_lookup_source (self->dataset, source_id);
  g_autoptr(GPtrArray) quotes = NULL;
  g_autofree char *reference = NULL;

  if (source == NULL)
    {
      /* Translators: an area cites a source id the dataset does not list */
      g_string_append_printf (text, "\n\n%s %s", ngettext ("Source:", "Sources:", 1), source_id);
      g_string_append_printf (text, "\n%s", _("Not among the dataset’s sources"));
      return;
    }

  reference = frontline_source_format_reference (source);
  g_string_append_printf (text, "\n\n%s %s", ngettext ("Source:", "Sources:", 1), reference);
  quotes = frontline_dataset_get_quotes_citing (self->dataset, source_id);
  g_ptr_array_sort (quotes, compare_quote_days);
  if (quotes->len == 0)
    g_string_append_printf (text, "\n%s", _("No quotes in the dataset cite this source."));
  for (guint i = 0; i < quotes->len; i++)
    {
      FrontlineQuote *quote = g_ptr_array_index (quotes, i);
      const char *speaker = frontline_quote_get_speaker (quote);
      g_autofree char *date = frontline_quote_format_date (quote);

      g_string_append_printf (text, "\n“%s”\n— %s, %s", frontline_quote_get_text (quote),
                              speaker ? speaker : _("Unknown speaker"),
                              date ? date : _("undated"));
    }
}

/**
 * frontline_side_panel_show_evidence:
 * @area: an area of the dataset
 * @context: (nullable): what the area stands for, as a heading: "Gained by
 *   Ukraine from 6 Aug 2024 to 15 Aug 2024"; %NULL for the area itself
 *
 * Shows the evidence behind @area on the Sources page: who held it and
 * from which assessment, each of its sources with its reference line and
 * the quotes citing it with their dates as precise as the data says; the
 * area's first source is selected, with Open Source, Copy Citation and
 * Show Quotes.
 */
void
frontline_side_panel_show_evidence (FrontlineSidePanel *self,
                                    FrontlineArea      *area,
                                    const char         *context)
{
  const char * const *ids;
  FrontlineStatus status;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *day = NULL;
  g_autofree char *heading = NULL;
  FrontlineSource *first = NULL;

  g_return_if_fail (FRONTLINE_IS_SIDE_PANEL (self));
  g_return_if_fail (FRONTLINE_IS_AREA (area));
  g_return_if_fail (self->dataset != NULL);

  status = frontline_area_get_status (area);
  day = frontline_day_format_label (frontline_area_get_day (area));
  /* Translators: the heading of an area's evidence: "Held by Ukraine, 15 Aug 2024" */
  heading = g_strdup_printf (_("%s %s, %s"),
                             status == FRONTLINE_STATUS_CLAIMED ? _("Claimed by")
                             : status == FRONTLINE_STATUS_CONTESTED ? _("Contested by")
                             : _("Held by"),
                             frontline_faction_get_name (frontline_area_get_faction (area)), day);
  if (context != NULL)
    g_string_append_printf (text, "%s\n", context);
  /* Translators: %s is a date */
  g_string_append_printf (text, _("From the assessment of %s"), day);
  if (frontline_area_get_approximate (area))
    g_string_append_printf (text, "\n%s", _("Approximate: drawn from what the sources report"));

  ids = frontline_area_get_source_ids (area);
  if (ids == NULL || ids[0] == NULL)
    g_string_append_printf (text, "\n\n%s", _("The dataset gives no source for this area."));
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      append_source_evidence (self, text, ids[i]);
      if (first == NULL)
        first = frontline_dataset_lookup_source (self->dataset, ids[i]);
    }

  gtk_label_set_text (self->evidence_heading, heading);
  gtk_label_set_text (self->evidence_label, text->str);
  gtk_widget_set_visible (self->evidence_box, TRUE);
  g_free (self->evidence_text);
  self->evidence_text = g_strdup_printf ("%s\n%s", heading, text->str);

  frontline_side_panel_select_source (self, first);
  gtk_stack_set_visible_child_name (self->stack, "sources");
}

/**
 * frontline_side_panel_get_evidence_text:
 *
 * Returns: the evidence shown, heading first, as plain text; "" when none
 */
const char *
frontline_side_panel_get_evidence_text (FrontlineSidePanel *self)
{
  g_return_val_if_fail (FRONTLINE_IS_SIDE_PANEL (self), NULL);

  return self->evidence_text != NULL ? self->evidence_text : "";
}

static void
clear_evidence (FrontlineSidePanel *self)
{
  gtk_widget_set_visible (self->evidence_box, FALSE);
  g_clear_pointer (&self->evidence_text, g_free);
}

static void
clear_evidence_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  clear_evidence (FRONTLINE_SIDE_PANEL (widget));
}

static void
on_list_activate_cb (GtkListView *list,
                     guint        position,
                     gpointer     user_data)
{
  FrontlineSidePanel *self = user_data;
  GtkSelectionModel *model = gtk_list_view_get_model (list);
  g_autoptr(FrontlineQuote) quote = g_list_model_get_item (G_LIST_MODEL (model), position);

  frontline_side_panel_select_quote (self, quote);
}

static void
on_uri_shown (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    g_warning ("Could not open the source: %s", error->message);
}

static void
open_source_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  FrontlineSidePanel *self = FRONTLINE_SIDE_PANEL (widget);
  FrontlineSource *source = self->selected_source;
  const char *url = source ? frontline_source_get_openable_url (source) : NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  /* Only http and https, whatever the dataset says. */
  if (url != NULL && GTK_IS_WINDOW (root))
    gtk_show_uri_full (GTK_WINDOW (root), url, GDK_CURRENT_TIME, NULL, on_uri_shown, NULL);
}

static void
copy_citation_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  FrontlineSidePanel *self = FRONTLINE_SIDE_PANEL (widget);
  g_autofree char *citation = NULL;

  if (self->selected != NULL)
    citation = frontline_quote_format_citation (self->selected);
  else if (self->selected_source != NULL)
    citation = frontline_source_format_citation (self->selected_source);
  else
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), citation);
}

static void
go_to_date_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  FrontlineSidePanel *self = FRONTLINE_SIDE_PANEL (widget);

  if (self->selected != NULL && frontline_quote_get_day (self->selected) != FRONTLINE_DAY_NONE)
    g_signal_emit (self, signals[GO_TO_DATE], 0, frontline_quote_get_day (self->selected));
}

/* GObject */

static void
frontline_side_panel_dispose (GObject *object)
{
  FrontlineSidePanel *self = FRONTLINE_SIDE_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FRONTLINE_TYPE_SIDE_PANEL);
  g_clear_object (&self->dataset);
  g_clear_object (&self->date_quotes);
  g_clear_object (&self->sources);
  g_clear_object (&self->all_quotes);
  g_clear_object (&self->selected);
  g_clear_object (&self->selected_source);
  g_clear_pointer (&self->evidence_text, g_free);
  g_clear_object (&self->quotes_source);
  g_clear_object (&self->sources_selection);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (frontline_side_panel_parent_class)->dispose (object);
}

static void
frontline_side_panel_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FrontlineSidePanel *self = FRONTLINE_SIDE_PANEL (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;

    case PROP_DAY:
      g_value_set_uint (value, self->day);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_side_panel_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FrontlineSidePanel *self = FRONTLINE_SIDE_PANEL (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      frontline_side_panel_set_dataset (self, g_value_get_object (value));
      break;

    case PROP_DAY:
      frontline_side_panel_set_day (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_side_panel_class_init (FrontlineSidePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = frontline_side_panel_dispose;
  object_class->get_property = frontline_side_panel_get_property;
  object_class->set_property = frontline_side_panel_set_property;

  /**
   * FrontlineSidePanel:dataset:
   *
   * The dataset whose quotes, sources and stops the panel lists; the window
   * binds it to its FrontlineViewState's.
   */
  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, FRONTLINE_TYPE_DATASET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FrontlineSidePanel:day:
   *
   * The date whose quotes the first page lists, bound like :dataset.
   */
  properties[PROP_DAY] =
    g_param_spec_uint ("day", NULL, NULL, 0, G_MAXUINT32, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FrontlineSidePanel::quote-selected:
   *
   * A quote was chosen: the window shows its place when it has one.
   */
  signals[QUOTE_SELECTED] =
    g_signal_new ("quote-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FRONTLINE_TYPE_QUOTE);

  /**
   * FrontlineSidePanel::go-to-date:
   * @day: the quote's day
   */
  signals[GO_TO_DATE] =
    g_signal_new ("go-to-date", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/frontline-side-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlineSidePanel, box);
  gtk_widget_class_bind_template_child (widget_class, FrontlineSidePanel, stack);
  gtk_widget_class_bind_template_child (widget_class, FrontlineSidePanel, date_stack);
  gtk_widget_class_bind_template_child (widget_class, FrontlineSidePanel, date_list);
  gtk_widget_class_bind_template_child (widget_class, FrontlineSidePanel, all_list);
  gtk_widget_class_bind_template_child (widget_class, FrontlineSidePanel, sources_list);
  gtk_widget_class_bind_template_child (widget_class, FrontlineSidePanel, stops_list);
  gtk_widget_class_bind_template_child (widget_class, FrontlineSidePanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FrontlineSidePanel, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FrontlineSidePanel, detail_revealer);
  gtk_widget_class_bind_template_child (widget_class, FrontlineSidePanel, detail_label);
  gtk_widget_class_bind_template_child (widget_class, FrontlineSidePanel, source_filter_button);
  gtk_widget_class_bind_template_child (widget_class, FrontlineSidePanel, source_filter_label);
  gtk_widget_class_bind_template_child (widget_class, FrontlineSidePanel, go_to_date_button);
  gtk_widget_class_bind_template_child (widget_class, FrontlineSidePanel, show_quotes_button);
  gtk_widget_class_bind_template_child (widget_class, FrontlineSidePanel, evidence_box);
  gtk_widget_class_bind_template_child (widget_class, FrontlineSidePanel, evidence_heading);
  gtk_widget_class_bind_template_child (widget_class, FrontlineSidePanel, evidence_label);

  gtk_widget_class_install_action (widget_class, "panel.open-source", NULL, open_source_action);
  gtk_widget_class_install_action (widget_class, "panel.copy-citation", NULL, copy_citation_action);
  gtk_widget_class_install_action (widget_class, "panel.go-to-date", NULL, go_to_date_action);
  gtk_widget_class_install_action (widget_class, "panel.show-quotes", NULL, show_quotes_action);
  gtk_widget_class_install_action (widget_class, "panel.clear-evidence", NULL,
                                   clear_evidence_action);
  gtk_widget_class_install_action (widget_class, "panel.clear-source-filter", NULL,
                                   clear_source_filter_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
frontline_side_panel_init (FrontlineSidePanel *self)
{
  g_autoptr(GtkListItemFactory) quotes_factory = NULL;
  g_autoptr(GtkListItemFactory) all_factory = NULL;
  g_autoptr(GtkListItemFactory) sources_factory = NULL;
  g_autoptr(GtkListItemFactory) stops_factory = NULL;
  GtkSortListModel *sorted;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->date_quotes = g_list_store_new (FRONTLINE_TYPE_QUOTE);
  self->sources = g_list_store_new (FRONTLINE_TYPE_SOURCE);
  self->filter = gtk_custom_filter_new (filter_quote, self, NULL);
  self->sorter = gtk_custom_sorter_new (sort_quotes, self, NULL);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_list_store_new (FRONTLINE_TYPE_QUOTE)),
                                    GTK_SORTER (self->sorter));
  self->all_quotes = gtk_filter_list_model_new (G_LIST_MODEL (sorted), GTK_FILTER (self->filter));

  quotes_factory = new_factory (G_CALLBACK (setup_quote_row), G_CALLBACK (bind_quote_row), self);
  all_factory = new_factory (G_CALLBACK (setup_quote_row), G_CALLBACK (bind_quote_row), self);
  sources_factory = new_factory (G_CALLBACK (setup_source_row), G_CALLBACK (bind_source_row), self);

  gtk_list_view_set_factory (self->date_list, quotes_factory);
  gtk_list_view_set_model (self->date_list,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->date_quotes)))));
  gtk_list_view_set_factory (self->all_list, all_factory);
  gtk_list_view_set_model (self->all_list,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->all_quotes)))));
  stops_factory = new_factory (G_CALLBACK (setup_stop_row), G_CALLBACK (bind_stop_row), self);
  gtk_list_view_set_factory (self->stops_list, stops_factory);
  gtk_list_view_set_factory (self->sources_list, sources_factory);
  /* Every source can be selected, by pointer or keyboard, and shown in full. */
  self->sources_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sources)));
  gtk_single_selection_set_autoselect (self->sources_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->sources_selection, TRUE);
  gtk_list_view_set_model (self->sources_list,
                           g_object_ref (GTK_SELECTION_MODEL (self->sources_selection)));
  g_signal_connect (self->sources_selection, "notify::selected",
                    G_CALLBACK (on_source_selected_cb), self);

  g_signal_connect (self->date_list, "activate", G_CALLBACK (on_list_activate_cb), self);
  g_signal_connect (self->all_list, "activate", G_CALLBACK (on_list_activate_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect_swapped (self->sort_dropdown, "notify::selected", G_CALLBACK (on_sort_changed_cb), self);

  update_detail (self);
  gtk_stack_set_visible_child_name (self->date_stack, "empty");
}

FrontlineSidePanel *
frontline_side_panel_new (void)
{
  return g_object_new (FRONTLINE_TYPE_SIDE_PANEL, NULL);
}

void
frontline_side_panel_set_dataset (FrontlineSidePanel *self,
                                  FrontlineDataset   *dataset)
{
  GtkSortListModel *sorted;
  GListModel *quotes;

  g_return_if_fail (FRONTLINE_IS_SIDE_PANEL (self));

  if (!g_set_object (&self->dataset, dataset))
    return;

  frontline_side_panel_select_quote (self, NULL);
  frontline_side_panel_select_source (self, NULL);
  set_quotes_source (self, NULL);
  clear_evidence (self);
  sorted = GTK_SORT_LIST_MODEL (gtk_filter_list_model_get_model (self->all_quotes));
  quotes = dataset ? frontline_dataset_get_quotes (dataset) : NULL;
  gtk_sort_list_model_set_model (sorted, quotes);

  g_list_store_remove_all (self->sources);
  for (guint i = 0; dataset != NULL && i < g_list_model_get_n_items (frontline_dataset_get_sources (dataset)); i++)
    {
      g_autoptr(FrontlineSource) source = g_list_model_get_item (frontline_dataset_get_sources (dataset), i);

      g_list_store_append (self->sources, source);
    }

  gtk_list_view_set_model (self->stops_list,
                           dataset ? GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (frontline_dataset_get_stops (dataset))))
                                   : NULL);

  update_date_quotes (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

void
frontline_side_panel_set_day (FrontlineSidePanel *self,
                              FrontlineDay        day)
{
  g_return_if_fail (FRONTLINE_IS_SIDE_PANEL (self));

  if (self->day == day)
    return;

  self->day = day;
  update_date_quotes (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

void
frontline_side_panel_set_search (FrontlineSidePanel *self,
                                 const char         *text)
{
  g_return_if_fail (FRONTLINE_IS_SIDE_PANEL (self));

  g_free (self->search);
  self->search = g_strdup (text);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/**
 * frontline_side_panel_get_date_quotes:
 *
 * Returns: (transfer none): the quotes shown for the chosen date
 */
GListModel *
frontline_side_panel_get_date_quotes (FrontlineSidePanel *self)
{
  g_return_val_if_fail (FRONTLINE_IS_SIDE_PANEL (self), NULL);

  return G_LIST_MODEL (self->date_quotes);
}

/**
 * frontline_side_panel_get_all_quotes:
 *
 * Returns: (transfer none): all quotes, searched and sorted
 */
GListModel *
frontline_side_panel_get_all_quotes (FrontlineSidePanel *self)
{
  g_return_val_if_fail (FRONTLINE_IS_SIDE_PANEL (self), NULL);

  return G_LIST_MODEL (self->all_quotes);
}

/**
 * frontline_side_panel_get_selected:
 *
 * Returns: (transfer none) (nullable): the selected quote
 */
FrontlineQuote *
frontline_side_panel_get_selected (FrontlineSidePanel *self)
{
  g_return_val_if_fail (FRONTLINE_IS_SIDE_PANEL (self), NULL);

  return self->selected;
}

const char *
frontline_side_panel_get_detail_text (FrontlineSidePanel *self)
{
  g_return_val_if_fail (FRONTLINE_IS_SIDE_PANEL (self), NULL);

  return gtk_label_get_text (self->detail_label);
}
