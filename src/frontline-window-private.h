/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What the files of FrontlineWindow share: its fields, and the functions one
 * file of the window calls in another. Nothing outside the window includes it. */

#pragma once

#include <shumate/shumate.h>

#include "frontline-annotation-bar.h"
#include "frontline-annotation-layer.h"
#include "frontline-archive.h"
#include "frontline-connect-dialog.h"
#include "frontline-control-layer.h"
#include "frontline-dataset.h"
#include "frontline-date-bar.h"
#include "frontline-layers-menu.h"
#include "frontline-legend.h"
#include "frontline-point-popover.h"
#include "frontline-place-search.h"
#include "frontline-presentation.h"
#include "frontline-presenter-window.h"
#include "frontline-side-panel.h"
#include "frontline-stop.h"
#include "frontline-view-state.h"
#include "frontline-window.h"

G_BEGIN_DECLS

struct _FrontlineWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *load_cancellable;
  GFile                *loading_file;
  GCancellable         *save_cancellable;  /* while a save runs */
  AdwToast             *save_toast;
  char                 *save_name;
  FrontlineDataset     *dataset;
  char                 *page_before_load;
  gboolean              load_is_long;     /* a big file: nothing else runs beside it */
  FrontlineLoadOptions *load_options;     /* the field mapping the load uses, if any */
  GStrv                 mapping_layers;   /* the layers asked for: remember them once loaded */
  FrontlineArchiveLocation *loading_location; /* the database table being opened, if any */
  guint                 pulse_source;     /* the loading page's pulse while a server answers */
  AdwToast             *lost_toast;       /* the server was lost while browsing: Retry */
  FrontlineArchiveLocation *published_location; /* the last table published to: Open */
  char                 *published_password;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwSplitButton       *open_button;
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *loading_page;
  GtkProgressBar       *loading_progress;
  AdwFlap              *flap;
  ShumateSimpleMap     *map;
  GtkWidget            *side_panel;
  GtkWidget            *detail_note;
  GtkLabel             *attribution;
  FrontlineLayersMenu  *layers_menu;

  FrontlineLegend      *legend;
  GtkLabel             *compare_card;
  GtkWidget            *approximate_note;
  FrontlinePlaceSearch *place_search;
  FrontlineSidePanel   *panel;
  GtkWidget            *header_bar;
  FrontlinePresentation *presentation;
  FrontlinePresenterWindow *presenter;  /* while presenting with notes */
  guint                 audience_monitor;  /* indexes into the monitors, with two or more */
  guint                 presenter_monitor;
  FrontlineDateBar     *date_bar;
  gboolean              was_fullscreen;
  gboolean              was_sidebar_visible;
  gboolean              reveal_panel_when_unfolded;
  guint                 reveal_panel_tick;  /* reveals the panel once the flap is laid out */
  ShumateMarkerLayer   *marker_layer;
  ShumateMarker        *marker;

  FrontlineControlLayer *control_layer;
  FrontlineAnnotationLayer *annotation_layer; /* the presented or annotated stop's drawings */
  FrontlineAnnotationBar *annotation_bar;     /* shown while drawing on a stop */
  GListModel           *annotate_stops;       /* the stops watched for the one drawn on */
  ShumateLayer         *label_layer;    /* the offline basemap's place names */
  FrontlinePointPopover *point_popover;
  FrontlineViewState   *state;          /* what the user looks at: dataset, day, comparison, view */
  ShumateDataSource    *tile_source;    /* online or MBTiles, or NULL offline */
  gint64                last_tile_toast;
  guint                 trim_source;      /* gives freed memory back once settled */
  guint                 first_view_tick;  /* refits the first view once the map has its size */
  double                press_x;          /* where the map's click began: a drag is no click */
  double                press_y;
};

void     _frontline_window_mark_startup    (const char       *what);
void     _frontline_window_preload_basemap (FrontlineWindow  *self);
void     _frontline_window_class_actions_init (GtkWidgetClass *widget_class);
void     _frontline_window_actions_update  (FrontlineWindow  *self);
void     _frontline_window_dnd_init        (FrontlineWindow  *self);
void     _frontline_window_save_state      (FrontlineWindow  *self);
void     _frontline_window_restore_state   (FrontlineWindow  *self);
void     _frontline_window_remember_day    (FrontlineWindow  *self);
FrontlineDay _frontline_window_recall_day  (FrontlineWindow  *self,
                                            FrontlineDataset *dataset);
FrontlineDay _frontline_window_first_day   (FrontlineWindow  *self,
                                            FrontlineDataset *dataset,
                                            FrontlineStop   **first);
void     _frontline_window_reveal_panel_if_room (FrontlineWindow *self);
void     _frontline_window_flap_folded_changed  (FrontlineWindow *self);
void     _frontline_window_presenting_changed   (FrontlineWindow *self);
void     _frontline_window_presenting_class_init (GtkWidgetClass *widget_class);
void     _frontline_window_present_with_notes   (FrontlineWindow *self);
void     _frontline_window_swap_screens         (FrontlineWindow *self);
void     _frontline_window_set_monitors         (FrontlineWindow *self,
                                                 GListModel      *monitors);
void     _frontline_window_map_init        (FrontlineWindow  *self);
void     _frontline_window_map_constructed (FrontlineWindow  *self);
void     _frontline_window_fit_view_to_dataset (FrontlineWindow *self,
                                                FrontlineStop   *stop);
void     _frontline_window_update_attribution (FrontlineWindow *self);
void     _frontline_window_update_map_description (FrontlineWindow *self);
void     _frontline_window_fit_view_to_bounds (FrontlineWindow *self,
                                               const double     bbox[4]);
/* Drawing on a stop (frontline-window-map.c) */
void           _frontline_window_annotate_stop  (FrontlineWindow *self,
                                                 FrontlineStop   *stop);
void           _frontline_window_end_annotating (FrontlineWindow *self);
FrontlineStop *_frontline_window_get_current_stop (FrontlineWindow *self);
gboolean       _frontline_window_can_annotate   (FrontlineWindow *self);
void           _frontline_window_annotate_dispose (FrontlineWindow *self);

void     _frontline_window_show_error      (FrontlineWindow  *self,
                                            const char       *heading,
                                            const char       *body);
void     _frontline_window_stop_playing    (FrontlineWindow  *self);
void     _frontline_window_sync_view       (FrontlineWindow  *self);
void     _frontline_window_end_loading     (FrontlineWindow  *self,
                                            gboolean          loaded);
void     _frontline_window_set_dataset     (FrontlineWindow  *self,
                                            FrontlineDataset *dataset);

/* frontline-window-archive.c */
void     _frontline_window_archive_end_loading (FrontlineWindow *self);
FrontlineConnectDialog *_frontline_window_show_connect_dialog (FrontlineWindow *self);
FrontlineConnectDialog *_frontline_window_show_publish_dialog (FrontlineWindow *self);
void     _frontline_window_open_published  (FrontlineWindow  *self);
void     _frontline_window_show_lost       (FrontlineWindow  *self,
                                            const GError     *error);
void     _frontline_window_clear_lost      (FrontlineWindow  *self);
void     _frontline_window_state_error_changed (FrontlineWindow *self);

FrontlineLoadOptions *_frontline_window_recall_mapping   (GSettings            *settings,
                                                          GFile                *file);
void                  _frontline_window_remember_mapping (GSettings            *settings,
                                                          GFile                *file,
                                                          FrontlineLoadOptions *options,
                                                          const char * const   *layers);
GFile                *_frontline_window_save_as_target   (GFile                *chosen,
                                                          const char           *filter_suffix,
                                                          const char           *suggested);
void                  _frontline_window_forget_mapping   (GSettings            *settings,
                                                          GFile                *file);

G_END_DECLS
