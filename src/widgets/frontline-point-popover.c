/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-point-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "frontline-point-popover.h"

/* What a click on the map says: who holds the point on the date, since
 * which assessment, on whose word. */
struct _FrontlinePointPopover
{
  GtkPopover  parent_instance;

  /* Template widgets */
  GtkLabel   *label;
};

G_DEFINE_FINAL_TYPE (FrontlinePointPopover, frontline_point_popover, GTK_TYPE_POPOVER)

/**
 * frontline_point_popover_describe:
 *
 * Fills the popover for the point (@lon, @lat) of @dataset on @day.
 */
void
frontline_point_popover_describe (FrontlinePointPopover *self,
                                  FrontlineDataset      *dataset,
                                  FrontlineDay           day,
                                  double                 lon,
                                  double                 lat)
{
  g_autoptr(FrontlineArea) area = NULL;
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *date = NULL;

  g_return_if_fail (FRONTLINE_IS_POINT_POPOVER (self));
  g_return_if_fail (FRONTLINE_IS_DATASET (dataset));

  area = frontline_dataset_get_area_at_point (dataset, day, lon, lat);
  date = frontline_day_format_label (day);

  if (area == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("No side holds this point in the data on %s."), date);
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      g_string_append (markup, escaped);
    }
  else
    {
      FrontlineFaction *faction = frontline_area_get_faction (area);
      const char * const *sources = frontline_area_get_source_ids (area);
      g_autofree char *name = g_markup_escape_text (frontline_faction_get_name (faction), -1);
      const char *status = frontline_area_get_status (area) == FRONTLINE_STATUS_CLAIMED ? _("Claimed by")
                           : frontline_area_get_status (area) == FRONTLINE_STATUS_CONTESTED ? _("Contested by")
                           : _("Held by");
      g_autofree char *data_day = NULL;

      data_day = frontline_day_format_label (frontline_area_get_day (area));
      g_string_append_printf (markup, "<b>%s %s</b>\n", status, name);
      g_string_append_printf (markup, _("On %s, from the assessment of %s"), date, data_day);
      if (frontline_area_get_approximate (area))
        g_string_append_printf (markup, "\n%s", _("Approximate: drawn from what the sources report"));
      for (guint i = 0; sources != NULL && sources[i] != NULL; i++)
        {
          FrontlineSource *source = frontline_dataset_lookup_source (dataset, sources[i]);
          const char *title = source && frontline_source_get_title (source) ? frontline_source_get_title (source) : sources[i];
          g_autofree char *escaped = g_markup_escape_text (title, -1);

          g_string_append_printf (markup, "\n%s %s", _("Source:"), escaped);
        }
      if (frontline_area_get_note (area) != NULL)
        {
          g_autofree char *note = g_markup_escape_text (frontline_area_get_note (area), -1);

          g_string_append_printf (markup, "\n<small>%s</small>", note);
        }
    }

  gtk_label_set_markup (self->label, markup->str);
}

/**
 * frontline_point_popover_get_text:
 *
 * Returns: what the popover says, as plain text
 */
const char *
frontline_point_popover_get_text (FrontlinePointPopover *self)
{
  g_return_val_if_fail (FRONTLINE_IS_POINT_POPOVER (self), NULL);

  return gtk_label_get_text (self->label);
}

static void
frontline_point_popover_class_init (FrontlinePointPopoverClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/frontline-point-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlinePointPopover, label);
}

static void
frontline_point_popover_init (FrontlinePointPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

FrontlinePointPopover *
frontline_point_popover_new (void)
{
  return g_object_new (FRONTLINE_TYPE_POINT_POPOVER, NULL);
}
