/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-source-row"

#include "config.h"

#include <glib/gi18n.h>

#include "frontline-source-row.h"

/* A source in the side panel: its name (never "unknown"), publisher, author
 * and date with its precision, its URL, and what cites it: how many quotes,
 * and the areas by faction and status with their dates.
 *
 * Text from datasets is set as plain text, never as markup. */

struct _FrontlineSourceRow
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkWidget *box;
  GtkLabel  *title_label;
  GtkLabel  *meta_label;
  GtkLabel  *url_label;
  GtkLabel  *cites_label;
};

G_DEFINE_FINAL_TYPE (FrontlineSourceRow, frontline_source_row, GTK_TYPE_WIDGET)

static const char *
status_name (FrontlineStatus status)
{
  switch (status)
    {
    case FRONTLINE_STATUS_CLAIMED:
      return C_("area status", "claimed");
    case FRONTLINE_STATUS_CONTESTED:
      return C_("area status", "contested");
    case FRONTLINE_STATUS_CONTROLLED:
    default:
      return C_("area status", "controlled");
    }
}

/**
 * frontline_source_describe_meta:
 *
 * The source's publisher, author and date, as far as they are known.
 *
 * Returns: (transfer full): one line of text
 */
char *
frontline_source_describe_meta (FrontlineSource *source)
{
  const char *publisher = frontline_source_get_publisher (source);
  const char *author = frontline_source_get_author (source);
  g_autofree char *published = frontline_source_format_published (source);
  GString *meta;

  meta = g_string_new (frontline_source_value_is_known (publisher) ? publisher
                                                                   : _("Publisher unknown"));
  if (frontline_source_value_is_known (author))
    g_string_append_printf (meta, " · %s", author);
  g_string_append_printf (meta, " · %s", published ? published : _("Date unknown"));

  return g_string_free (meta, FALSE);
}

typedef struct {
  FrontlineFaction *faction;
  FrontlineStatus   status;
  FrontlineDay      first;
  FrontlineDay      last;
} AreaGroup;

/**
 * frontline_source_describe_citations:
 *
 * What cites the source: the number of quotes, then the areas by faction and
 * status with the dates they cover, one line each.
 *
 * Returns: (transfer full): the text
 */
char *
frontline_source_describe_citations (FrontlineDataset *dataset,
                                     FrontlineSource  *source)
{
  const char *id = frontline_source_get_id (source);
  g_autoptr(GPtrArray) quotes = frontline_dataset_get_quotes_citing (dataset, id);
  g_autoptr(GPtrArray) areas = frontline_dataset_get_areas_citing (dataset, id);
  g_autoptr(GArray) groups = g_array_new (FALSE, TRUE, sizeof (AreaGroup));
  GString *text = g_string_new (NULL);

  if (quotes->len > 0)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE, "%u quote", "%u quotes", quotes->len),
                            quotes->len);
  else
    g_string_append (text, _("No quotes"));
  g_string_append (text, " · ");
  if (areas->len > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u area", "%u areas", areas->len),
                            areas->len);
  else
    g_string_append (text, _("No areas"));

  for (guint i = 0; i < areas->len; i++)
    {
      FrontlineArea *area = g_ptr_array_index (areas, i);
      FrontlineDay day = frontline_area_get_day (area);
      AreaGroup *group = NULL;

      for (guint j = 0; j < groups->len && group == NULL; j++)
        {
          AreaGroup *g = &g_array_index (groups, AreaGroup, j);

          if (g->faction == frontline_area_get_faction (area) &&
              g->status == frontline_area_get_status (area))
            group = g;
        }
      if (group == NULL)
        {
          AreaGroup new_group = {
            frontline_area_get_faction (area), frontline_area_get_status (area), day, day
          };

          g_array_append_val (groups, new_group);
          continue;
        }
      group->first = MIN (group->first, day);
      group->last = MAX (group->last, day);
    }

  for (guint i = 0; i < groups->len; i++)
    {
      AreaGroup *group = &g_array_index (groups, AreaGroup, i);
      g_autofree char *first = frontline_day_format_as (group->first, FRONTLINE_DAY_FORMAT_LABEL);
      g_autofree char *last = frontline_day_format_as (group->last, FRONTLINE_DAY_FORMAT_LABEL);
      g_autofree char *dates = NULL;
      const char *faction = group->faction ? frontline_faction_get_name (group->faction) : NULL;

      if (group->first == group->last)
        dates = g_strdup (first);
      else
        dates = g_strdup_printf (_("%s – %s"), first, last);

      /* Translators: areas citing a source: faction (status): dates, e.g.
       * “Ukraine (controlled): 6 Aug – 9 Sep 2024” */
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("%s (%s): %s"), faction ? faction : "?",
                              status_name (group->status), dates);
    }

  return g_string_free (text, FALSE);
}

static void
frontline_source_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FRONTLINE_TYPE_SOURCE_ROW);

  G_OBJECT_CLASS (frontline_source_row_parent_class)->dispose (object);
}

static void
frontline_source_row_class_init (FrontlineSourceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = frontline_source_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/frontline-source-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlineSourceRow, box);
  gtk_widget_class_bind_template_child (widget_class, FrontlineSourceRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, FrontlineSourceRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, FrontlineSourceRow, url_label);
  gtk_widget_class_bind_template_child (widget_class, FrontlineSourceRow, cites_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
frontline_source_row_init (FrontlineSourceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

FrontlineSourceRow *
frontline_source_row_new (void)
{
  return g_object_new (FRONTLINE_TYPE_SOURCE_ROW, NULL);
}

/**
 * frontline_source_row_set_source:
 * @dataset: the dataset that holds @source, for what cites it
 * @source: (nullable): the source to show
 */
void
frontline_source_row_set_source (FrontlineSourceRow *self,
                                 FrontlineDataset   *dataset,
                                 FrontlineSource    *source)
{
  g_autofree char *title = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *cites = NULL;
  const char *url;

  g_return_if_fail (FRONTLINE_IS_SOURCE_ROW (self));

  if (source == NULL || dataset == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->meta_label, "");
      gtk_label_set_text (self->url_label, "");
      gtk_label_set_text (self->cites_label, "");
      return;
    }

  title = frontline_source_dup_display_title (source);
  meta = frontline_source_describe_meta (source);
  cites = frontline_source_describe_citations (dataset, source);
  url = frontline_source_get_url (source);

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->meta_label, meta);
  gtk_label_set_text (self->url_label, frontline_source_value_is_known (url) ? url : "");
  gtk_widget_set_visible (GTK_WIDGET (self->url_label), frontline_source_value_is_known (url));
  gtk_label_set_text (self->cites_label, cites);
}

/**
 * frontline_source_row_get_text:
 *
 * Returns: (transfer full): everything the row shows, one label a line
 */
char *
frontline_source_row_get_text (FrontlineSourceRow *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (FRONTLINE_IS_SOURCE_ROW (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (self->box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *line = gtk_label_get_text (GTK_LABEL (child));

      if (gtk_widget_get_visible (child) && *line != '\0')
        g_string_append_printf (text, "%s%s", text->len ? "\n" : "", line);
    }

  return g_string_free (text, FALSE);
}
