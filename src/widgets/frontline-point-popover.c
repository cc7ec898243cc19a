/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-point-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "frontline-comparison.h"
#include "frontline-point-popover.h"
#include "frontline-view-state.h"

/* What a click on the map says: who holds the point on the date, since
 * which assessment, on whose word. */
struct _FrontlinePointPopover
{
  GtkPopover  parent_instance;

  /* Template widgets */
  GtkLabel   *heading;
  GtkLabel   *label;
  GtkLabel   *note;
  GtkWidget  *evidence_button;

  char       *text;
  FrontlineArea *area;
  char       *context;

  /* The point last described, to describe again when the areas of a dataset
   * browsed from PostGIS arrive (the view state's areas-changed). */
  FrontlineViewState *view_state;
  GWeakRef    described_dataset;
  FrontlineDay described_day;
  double      described_lon;
  double      described_lat;
};

G_DEFINE_FINAL_TYPE (FrontlinePointPopover, frontline_point_popover, GTK_TYPE_POPOVER)

enum {
  SHOW_EVIDENCE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
describe (FrontlinePointPopover *self,
          FrontlineDataset      *dataset,
          FrontlineDay           day,
          FrontlineArea         *area,
          const char            *context)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *date = frontline_day_format_label (day);

  g_set_object (&self->area, area);
  g_free (self->context);
  self->context = g_strdup (context);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "popover.show-evidence", area != NULL);
  gtk_widget_set_visible (self->evidence_button, area != NULL);

  if (context != NULL)
    g_string_append_printf (body, "%s\n", context);

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
          g_autofree char *reference = source ? frontline_source_format_reference (source)
                                              : g_strdup (sources[i]);

          /* One source a line: the singular of the export's "Sources:" heading. */
          g_string_append_printf (body, "\n%s %s", ngettext ("Source:", "Sources:", 1), reference);
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

  g_return_if_fail (FRONTLINE_IS_POINT_POPOVER (self));
  g_return_if_fail (FRONTLINE_IS_DATASET (dataset));

  area = frontline_dataset_get_area_at_point (dataset, day, lon, lat);
  describe (self, dataset, day, area, NULL);
  g_weak_ref_set (&self->described_dataset, dataset);
  self->described_day = day;
  self->described_lon = lon;
  self->described_lat = lat;
}

static void
on_areas_changed_cb (FrontlinePointPopover *self)
{
  g_autoptr(FrontlineDataset) dataset = g_weak_ref_get (&self->described_dataset);

  if (dataset != NULL && gtk_widget_get_visible (GTK_WIDGET (self)))
    frontline_point_popover_describe (self, dataset, self->described_day,
                                      self->described_lon, self->described_lat);
}

/**
 * frontline_point_popover_set_view_state:
 * @state: (nullable): the window's state
 *
 * While shown, the popover describes its point again when the areas of a
 * dataset browsed from PostGIS arrive (FrontlineViewState::areas-changed).
 */
void
frontline_point_popover_set_view_state (FrontlinePointPopover *self,
                                        FrontlineViewState    *state)
{
  g_return_if_fail (FRONTLINE_IS_POINT_POPOVER (self));
  g_return_if_fail (state == NULL || FRONTLINE_IS_VIEW_STATE (state));

  if (self->view_state != NULL)
    g_signal_handlers_disconnect_by_data (self->view_state, self);
  if (!g_set_object (&self->view_state, state) || state == NULL)
    return;
  g_signal_connect_object (state, "areas-changed", G_CALLBACK (on_areas_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * frontline_point_popover_describe_change:
 * @comparison: the comparison on the map
 *
 * Fills the popover for the point (@lon, @lat) when it lies in ground
 * gained or lost in @comparison: what changed hands between its two dates,
 * and the area behind it, the gainer's on the later date or the loser's on
 * the earlier one.
 *
 * Returns: whether the point lies in a gain or a loss; when not, the
 *   popover is left as it was
 */
gboolean
frontline_point_popover_describe_change (FrontlinePointPopover *self,
                                         FrontlineDataset      *dataset,
                                         FrontlineComparison   *comparison,
                                         double                 lon,
                                         double                 lat)
{
  GPtrArray *changes;
  FrontlineDay from;
  FrontlineDay to;

  g_return_val_if_fail (FRONTLINE_IS_POINT_POPOVER (self), FALSE);
  g_return_val_if_fail (FRONTLINE_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (FRONTLINE_IS_COMPARISON (comparison), FALSE);

  changes = frontline_comparison_get_changes (comparison);
  from = frontline_comparison_get_from (comparison);
  to = frontline_comparison_get_to (comparison);
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      FrontlineChange *change = g_ptr_array_index (changes, i);
      gboolean gained = change->gained != NULL &&
                        frontline_geometry_contains_point (change->gained, lon, lat);
      gboolean lost = !gained && change->lost != NULL &&
                      frontline_geometry_contains_point (change->lost, lon, lat);
      FrontlineDay day = gained ? to : from;
      g_autofree char *from_label = NULL;
      g_autofree char *to_label = NULL;
      g_autofree char *day_label = NULL;
      g_autofree char *context = NULL;
      g_autoptr(FrontlineArea) area = NULL;

      if (!gained && !lost)
        continue;

      from_label = frontline_day_format_label (from);
      to_label = frontline_day_format_label (to);
      day_label = frontline_day_format_label (day);
      /* Translators: faction, two dates, then the date whose area is shown */
      context = g_strdup_printf (gained ? _("Gained by %s between %s and %s: the area of %s")
                                 /* Translators: faction, two dates, the date shown */
                                        : _("Lost by %s between %s and %s: the area of %s"),
                                 frontline_faction_get_name (change->faction),
                                 from_label, to_label, day_label);
      area = frontline_dataset_get_area_at_point (dataset, day, lon, lat);
      describe (self, dataset, day, area, context);
      return TRUE;
    }

  return FALSE;
}

/**
 * frontline_point_popover_get_area:
 *
 * Returns: (transfer none) (nullable): the area described, whose evidence
 *   Show Evidence shows
 */
FrontlineArea *
frontline_point_popover_get_area (FrontlinePointPopover *self)
{
  g_return_val_if_fail (FRONTLINE_IS_POINT_POPOVER (self), NULL);

  return self->area;
}

static void
show_evidence_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  FrontlinePointPopover *self = FRONTLINE_POINT_POPOVER (widget);
  g_autoptr(FrontlineArea) area = NULL;
  g_autofree char *context = NULL;

  if (self->area == NULL)
    return;

  area = g_object_ref (self->area);
  context = g_strdup (self->context);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[SHOW_EVIDENCE], 0, area, context);
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
  g_free (self->context);
  g_clear_object (&self->area);
  frontline_point_popover_set_view_state (self, NULL);
  g_weak_ref_clear (&self->described_dataset);

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
  gtk_widget_class_bind_template_child (widget_class, FrontlinePointPopover, evidence_button);

  gtk_widget_class_install_action (widget_class, "popover.show-evidence", NULL,
                                   show_evidence_action);

  /**
   * FrontlinePointPopover::show-evidence:
   * @area: the area described
   * @context: (nullable): the gain or loss it stands for
   *
   * Show Evidence was pressed: the area's sources and quotes are asked for.
   */
  signals[SHOW_EVIDENCE] =
    g_signal_new ("show-evidence", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, FRONTLINE_TYPE_AREA, G_TYPE_STRING);
}

static void
frontline_point_popover_init (FrontlinePointPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "popover.show-evidence", FALSE);
  g_weak_ref_init (&self->described_dataset, NULL);
}

FrontlinePointPopover *
frontline_point_popover_new (void)
{
  return g_object_new (FRONTLINE_TYPE_POINT_POPOVER, NULL);
}
