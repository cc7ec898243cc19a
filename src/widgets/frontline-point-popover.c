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
  GtkLabel   *heading;
  GtkLabel   *label;
  GtkLabel   *note;

  char       *text;
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
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *date = NULL;

  g_return_if_fail (FRONTLINE_IS_POINT_POPOVER (self));
  g_return_if_fail (FRONTLINE_IS_DATASET (dataset));

  area = frontline_dataset_get_area_at_point (dataset, day, lon, lat);
  date = frontline_day_format_label (day);

  if (area == NULL)
    {
      gtk_label_set_text (self->heading, "");
      gtk_widget_set_visible (GTK_WIDGET (self->heading), FALSE);
      g_string_append_printf (body, _("No side holds this point in the data on %s."), date);
      gtk_label_set_text (self->note, "");
    }
  else
    {
      FrontlineFaction *faction = frontline_area_get_faction (area);
      const char * const *sources = frontline_area_get_source_ids (area);
      const char *status = frontline_area_get_status (area) == FRONTLINE_STATUS_CLAIMED ? _("Claimed by")
                           : frontline_area_get_status (area) == FRONTLINE_STATUS_CONTESTED ? _("Contested by")
                           : _("Held by");
      g_autofree char *heading = g_strdup_printf ("%s %s", status, frontline_faction_get_name (faction));
      g_autofree char *data_day = NULL;

      data_day = frontline_day_format_label (frontline_area_get_day (area));
      gtk_label_set_text (self->heading, heading);
      gtk_widget_set_visible (GTK_WIDGET (self->heading), TRUE);
      g_string_append_printf (text, "%s\n", heading);

      g_string_append_printf (body, _("On %s, from the assessment of %s"), date, data_day);
      if (frontline_area_get_approximate (area))
        g_string_append_printf (body, "\n%s", _("Approximate: drawn from what the sources report"));
      for (guint i = 0; sources != NULL && sources[i] != NULL; i++)
        {
          FrontlineSource *source = frontline_dataset_lookup_source (dataset, sources[i]);
          const char *title = source && frontline_source_get_title (source) ? frontline_source_get_title (source) : sources[i];

          g_string_append_printf (body, "\n%s %s", _("Source:"), title);
        }
      gtk_label_set_text (self->note, frontline_area_get_note (area) ? frontline_area_get_note (area) : "");
    }

  gtk_label_set_text (self->label, body->str);
  g_string_append (text, body->str);
  gtk_widget_set_visible (GTK_WIDGET (self->note), *gtk_label_get_text (self->note) != '\0');
  if (gtk_widget_get_visible (GTK_WIDGET (self->note)))
    g_string_append_printf (text, "\n%s", gtk_label_get_text (self->note));

  g_free (self->text);
  self->text = g_string_free (g_steal_pointer (&text), FALSE);
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

  return self->text != NULL ? self->text : "";
}

static void
frontline_point_popover_finalize (GObject *object)
{
  FrontlinePointPopover *self = FRONTLINE_POINT_POPOVER (object);

  g_free (self->text);

  G_OBJECT_CLASS (frontline_point_popover_parent_class)->finalize (object);
}

static void
frontline_point_popover_class_init (FrontlinePointPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/frontline-point-popover.ui");
  object_class->finalize = frontline_point_popover_finalize;

  gtk_widget_class_bind_template_child (widget_class, FrontlinePointPopover, heading);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePointPopover, label);
  gtk_widget_class_bind_template_child (widget_class, FrontlinePointPopover, note);
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
