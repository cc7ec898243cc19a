/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-legend"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "frontline-legend.h"
#include "frontline-painter.h"

/* The legend on the map: each faction, and each style the dataset uses,
 * drawn by the painter that draws the map. Hidden without a dataset. */
struct _FrontlineLegend
{
  GtkWidget         parent_instance;

  FrontlineDataset *dataset;

  /* Template widgets */
  GtkWidget        *expander;
  GtkBox           *rows;
};

G_DEFINE_FINAL_TYPE (FrontlineLegend, frontline_legend, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATASET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  double          rgb[3];
  FrontlineStatus status;
  gboolean        approximate;
} SwatchStyle;

static void
draw_swatch_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  SwatchStyle *style = user_data;

  frontline_painter_draw_swatch (cr, 0, 0, width, height, style->rgb, style->status, style->approximate);
}

static void
add_row (FrontlineLegend *self,
         const char      *label,
         const double     rgb[3],
         FrontlineStatus  status,
         gboolean         approximate)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_drawing_area_new ();
  SwatchStyle *style = g_new0 (SwatchStyle, 1);

  memcpy (style->rgb, rgb, sizeof style->rgb);
  style->status = status;
  style->approximate = approximate;
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 28);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 16);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch_cb, style, g_free);
  gtk_box_append (GTK_BOX (row), swatch);
  gtk_box_append (GTK_BOX (row), gtk_label_new (label));
  gtk_box_append (self->rows, row);
}

static void
rebuild (FrontlineLegend *self)
{
  static const double neutral[3] = { 0.4, 0.4, 0.4 };
  gboolean used[FRONTLINE_N_STATUSES] = { FALSE };
  GListModel *factions;
  GListModel *areas;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows))) != NULL)
    gtk_box_remove (self->rows, child);

  gtk_widget_set_visible (GTK_WIDGET (self), self->dataset != NULL);
  if (self->dataset == NULL)
    return;

  factions = frontline_dataset_get_factions (self->dataset);
  areas = frontline_dataset_get_areas (self->dataset);
  for (guint i = 0; i < g_list_model_get_n_items (areas); i++)
    {
      g_autoptr(FrontlineArea) area = g_list_model_get_item (areas, i);

      used[frontline_area_get_status (area)] = TRUE;
    }

  for (guint i = 0; i < g_list_model_get_n_items (factions); i++)
    {
      g_autoptr(FrontlineFaction) faction = g_list_model_get_item (factions, i);
      double rgb[3];

      frontline_faction_get_rgb (faction, rgb);
      add_row (self, frontline_faction_get_name (faction), rgb, FRONTLINE_STATUS_CONTROLLED, FALSE);
    }
  if (used[FRONTLINE_STATUS_CLAIMED])
    add_row (self, _("Claimed"), neutral, FRONTLINE_STATUS_CLAIMED, FALSE);
  if (used[FRONTLINE_STATUS_CONTESTED])
    add_row (self, _("Contested"), neutral, FRONTLINE_STATUS_CONTESTED, FALSE);
  if (frontline_dataset_get_approximate (self->dataset))
    add_row (self, _("Approximate"), neutral, FRONTLINE_STATUS_CONTROLLED, TRUE);
}

void
frontline_legend_set_dataset (FrontlineLegend  *self,
                              FrontlineDataset *dataset)
{
  g_return_if_fail (FRONTLINE_IS_LEGEND (self));
  g_return_if_fail (dataset == NULL || FRONTLINE_IS_DATASET (dataset));

  if (!g_set_object (&self->dataset, dataset))
    return;

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

static void
frontline_legend_dispose (GObject *object)
{
  FrontlineLegend *self = FRONTLINE_LEGEND (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FRONTLINE_TYPE_LEGEND);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (frontline_legend_parent_class)->dispose (object);
}

static void
frontline_legend_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FrontlineLegend *self = FRONTLINE_LEGEND (object);

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
frontline_legend_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FrontlineLegend *self = FRONTLINE_LEGEND (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      frontline_legend_set_dataset (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_legend_class_init (FrontlineLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = frontline_legend_dispose;
  object_class->get_property = frontline_legend_get_property;
  object_class->set_property = frontline_legend_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, FRONTLINE_TYPE_DATASET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/frontline-legend.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlineLegend, expander);
  gtk_widget_class_bind_template_child (widget_class, FrontlineLegend, rows);
}

static void
frontline_legend_init (FrontlineLegend *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

FrontlineLegend *
frontline_legend_new (void)
{
  return g_object_new (FRONTLINE_TYPE_LEGEND, NULL);
}
