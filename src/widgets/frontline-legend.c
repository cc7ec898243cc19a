/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-legend"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "frontline-archive.h"
#include "frontline-legend.h"
#include "frontline-painter.h"
#include "frontline-view-state.h"

/* The legend on the map: each faction and each style on the map on the
 * date (every one in the dataset before there is a date), and how gains and
 * losses look while comparing; drawn by the painter that draws the map, in
 * greys that show on the light and the dark style. Hidden without a
 * dataset. */
struct _FrontlineLegend
{
  GtkWidget         parent_instance;

  FrontlineDataset *dataset;
  FrontlineDay      day;
  gboolean          comparing;
  FrontlineViewState *view_state;  /* areas-changed: a PostGIS dataset's areas arrived */

  /* Template widgets */
  GtkWidget        *card;
  GtkWidget        *expander;
  GtkBox           *rows;
};

G_DEFINE_FINAL_TYPE (FrontlineLegend, frontline_legend, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_DAY,
  PROP_COMPARING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum {
  SWATCH_AREA,
  SWATCH_GAINED,
  SWATCH_LOST,
} SwatchKind;

typedef struct {
  SwatchKind      kind;
  double          rgb[3];
  gboolean        neutral;  /* grey: a style that means the same for every side */
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
  double grey = adw_style_manager_get_dark (adw_style_manager_get_default ()) ? 0.78 : 0.4;
  const double neutral[3] = { grey, grey, grey };
  const double *rgb = style->neutral ? neutral : style->rgb;

  if (style->kind == SWATCH_AREA)
    frontline_painter_draw_swatch (cr, 0, 0, width, height, rgb, style->status, style->approximate);
  else
    frontline_painter_draw_change_swatch (cr, 0, 0, width, height, rgb,
                                          style->kind == SWATCH_GAINED);
}

static void
add_row (FrontlineLegend *self,
         const char      *label,
         SwatchKind       kind,
         const double     rgb[3],
         FrontlineStatus  status,
         gboolean         approximate)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_drawing_area_new ();
  SwatchStyle *style = g_new0 (SwatchStyle, 1);

  style->kind = kind;
  style->neutral = rgb == NULL;
  if (rgb != NULL)
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
  gboolean used[FRONTLINE_N_STATUSES] = { FALSE };
  gboolean approximate = FALSE;
  g_autoptr(GPtrArray) shown = NULL;
  GListModel *factions;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows))) != NULL)
    gtk_box_remove (self->rows, child);

  gtk_widget_set_visible (GTK_WIDGET (self), self->dataset != NULL);
  if (self->dataset == NULL)
    return;

  /* The areas on the map on the date; before there is one, all of them. */
  if (self->day != FRONTLINE_DAY_NONE)
    shown = frontline_dataset_get_state_at (self->dataset, self->day);
  else
    {
      GListModel *areas = frontline_dataset_get_areas (self->dataset);

      shown = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < g_list_model_get_n_items (areas); i++)
        g_ptr_array_add (shown, g_list_model_get_item (areas, i));
    }
  for (guint i = 0; i < shown->len; i++)
    {
      FrontlineArea *area = g_ptr_array_index (shown, i);

      used[frontline_area_get_status (area)] = TRUE;
      approximate |= frontline_area_get_approximate (area);
    }

  factions = frontline_dataset_get_factions (self->dataset);
  for (guint i = 0; i < g_list_model_get_n_items (factions); i++)
    {
      g_autoptr(FrontlineFaction) faction = g_list_model_get_item (factions, i);
      gboolean present = FALSE;
      double rgb[3];

      for (guint k = 0; k < shown->len && !present; k++)
        present = frontline_area_get_faction (g_ptr_array_index (shown, k)) == faction;
      if (!present)
        continue;

      frontline_faction_get_rgb (faction, rgb);
      add_row (self, frontline_faction_get_name (faction), SWATCH_AREA, rgb,
               FRONTLINE_STATUS_CONTROLLED, FALSE);
    }
  if (used[FRONTLINE_STATUS_CLAIMED])
    add_row (self, _("Claimed"), SWATCH_AREA, NULL, FRONTLINE_STATUS_CLAIMED, FALSE);
  if (used[FRONTLINE_STATUS_CONTESTED])
    add_row (self, _("Contested"), SWATCH_AREA, NULL, FRONTLINE_STATUS_CONTESTED, FALSE);
  if (approximate)
    add_row (self, _("Approximate"), SWATCH_AREA, NULL, FRONTLINE_STATUS_CONTROLLED, TRUE);
  if (self->comparing)
    {
      /* Translators: a legend entry in compare mode: ground a side took since the earlier date */
      add_row (self, _("Gained"), SWATCH_GAINED, NULL, FRONTLINE_STATUS_CONTROLLED, FALSE);
      /* Translators: a legend entry in compare mode: ground a side lost since the earlier date */
      add_row (self, _("Lost"), SWATCH_LOST, NULL, FRONTLINE_STATUS_CONTROLLED, FALSE);
    }
}

/**
 * frontline_legend_set_day:
 * @day: the date of the map, or %FRONTLINE_DAY_NONE for every area
 *
 * Lists the factions and styles on the map on @day.
 */
void
frontline_legend_set_day (FrontlineLegend *self,
                          FrontlineDay     day)
{
  g_return_if_fail (FRONTLINE_IS_LEGEND (self));

  if (self->day == day)
    return;

  self->day = day;
  /* A dataset browsed from PostGIS: the day's areas come with the view
   * state's areas-changed; until then the rows stay. */
  if (self->view_state == NULL || self->dataset == NULL ||
      frontline_dataset_get_archive (self->dataset) == NULL)
    rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

/**
 * frontline_legend_set_comparing:
 *
 * Adds the rows for gained and lost ground while the map compares dates.
 */
void
frontline_legend_set_comparing (FrontlineLegend *self,
                                gboolean         comparing)
{
  g_return_if_fail (FRONTLINE_IS_LEGEND (self));

  comparing = !!comparing;
  if (self->comparing == comparing)
    return;

  self->comparing = comparing;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARING]);
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

/**
 * frontline_legend_set_view_state:
 * @state: (nullable): the window's state
 *
 * Rebuilds the legend when the areas of a dataset browsed from PostGIS
 * arrive (FrontlineViewState::areas-changed).
 */
void
frontline_legend_set_view_state (FrontlineLegend    *self,
                                 FrontlineViewState *state)
{
  g_return_if_fail (FRONTLINE_IS_LEGEND (self));
  g_return_if_fail (state == NULL || FRONTLINE_IS_VIEW_STATE (state));

  if (self->view_state != NULL)
    g_signal_handlers_disconnect_by_data (self->view_state, self);
  if (!g_set_object (&self->view_state, state) || state == NULL)
    return;
  g_signal_connect_object (state, "areas-changed", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
}

static void
frontline_legend_dispose (GObject *object)
{
  FrontlineLegend *self = FRONTLINE_LEGEND (object);

  frontline_legend_set_view_state (self, NULL);

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

    case PROP_DAY:
      g_value_set_uint (value, self->day);
      break;

    case PROP_COMPARING:
      g_value_set_boolean (value, self->comparing);
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

    case PROP_DAY:
      frontline_legend_set_day (self, g_value_get_uint (value));
      break;

    case PROP_COMPARING:
      frontline_legend_set_comparing (self, g_value_get_boolean (value));
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
  properties[PROP_DAY] =
    g_param_spec_uint ("day", NULL, NULL, 0, G_MAXUINT32, FRONTLINE_DAY_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_COMPARING] =
    g_param_spec_boolean ("comparing", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/frontline-legend.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlineLegend, card);
  gtk_widget_class_bind_template_child (widget_class, FrontlineLegend, expander);
  gtk_widget_class_bind_template_child (widget_class, FrontlineLegend, rows);
}

static void
frontline_legend_init (FrontlineLegend *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The greys of the shared styles follow the style. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
}

FrontlineLegend *
frontline_legend_new (void)
{
  return g_object_new (FRONTLINE_TYPE_LEGEND, NULL);
}
