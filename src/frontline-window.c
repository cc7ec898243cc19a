/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-window"

#include "config.h"

#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include "frontline-recent-menu.h"
#include "frontline-window.h"

struct _FrontlineWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *load_cancellable;
  GFile                *loading_file;
  GFile                *dataset_file;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwSplitButton       *open_button;
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
  AdwFlap              *flap;
  ShumateSimpleMap     *map;
  GtkWidget            *timeline_bar;
  GtkWidget            *side_panel;
};

G_DEFINE_FINAL_TYPE (FrontlineWindow, frontline_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SIDEBAR_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_action_enabled (FrontlineWindow *self,
                    const char      *name,
                    gboolean         enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
update_actions (FrontlineWindow *self)
{
  gboolean has_dataset = self->dataset_file != NULL;

  /* Exporting, presenting and the side panel are about a dataset: without one
   * there is nothing to act on. */
  set_action_enabled (self, "export", has_dataset);
  set_action_enabled (self, "present", has_dataset);
  set_action_enabled (self, "toggle-sidebar", has_dataset);
}

static void
show_error (FrontlineWindow *self,
            const char      *heading,
            const char      *body)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_widget_add_css_class (dialog, "frontline-error");
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
get_display_name (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL)
    return g_strdup (g_file_info_get_display_name (info));

  /* The file may be gone: fall back to the name in its path. */
  return g_file_get_basename (file);
}

static void
load_contents_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FrontlineWindow) self = user_data;
  GFile *file = G_FILE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (file, result, &contents, &length, NULL, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->loading_file);
  g_clear_object (&self->load_cancellable);

  name = get_display_name (file);
  /* Translators: %s is a file name */
  heading = g_strdup_printf (_("Could Not Open “%s”"), name);

  if (error != NULL)
    {
      show_error (self, heading, error->message);
      return;
    }

  /* The dataset loader is not part of Frontline yet: say so plainly rather
   * than showing an empty map. */
  show_error (self, heading,
              _("This version of Frontline cannot read datasets yet: the file was read, "
                "but it is not a dataset Frontline can show."));
}

/**
 * frontline_window_open:
 * @self: a window
 * @file: a dataset file or folder
 *
 * Starts loading @file into @self, replacing any load in progress. Failures are
 * reported in a dialog; the window stays usable either way.
 */
void
frontline_window_open (FrontlineWindow *self,
                       GFile           *file)
{
  g_return_if_fail (FRONTLINE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_set_object (&self->loading_file, file);

  self->load_cancellable = g_cancellable_new ();
  g_file_load_contents_async (file, self->load_cancellable, load_contents_cb, g_object_ref (self));
}

gboolean
frontline_window_has_dataset (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), FALSE);

  return self->dataset_file != NULL;
}

gboolean
frontline_window_is_loading (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), FALSE);

  return self->loading_file != NULL;
}

/**
 * frontline_window_get_viewport:
 *
 * Returns: (transfer none): the viewport of the window's map
 */
ShumateViewport *
frontline_window_get_viewport (FrontlineWindow *self)
{
  g_return_val_if_fail (FRONTLINE_IS_WINDOW (self), NULL);

  return shumate_simple_map_get_viewport (self->map);
}

static void
on_file_chooser_response_cb (FrontlineWindow      *self,
                             int                   response,
                             GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        frontline_window_open (self, file);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
open_action (GSimpleAction *action,
            GVariant      *param,
            gpointer       user_data)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (user_data);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) datasets = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Dataset"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (datasets, _("GeoJSON Datasets"));
  gtk_file_filter_add_mime_type (datasets, "application/geo+json");
  gtk_file_filter_add_mime_type (datasets, "application/json");
  gtk_file_filter_add_suffix (datasets, "geojson");
  gtk_file_filter_add_suffix (datasets, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), datasets);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (on_file_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (user_data);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  frontline_window_open (self, file);
}

static void
export_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  /* Enabled only once a dataset is shown; the exporter is step 6 of the plan
   * (see HACKING.md), and until then the action stays disabled. */
  g_return_if_fail (frontline_window_has_dataset (FRONTLINE_WINDOW (user_data)));
}

static void
present_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  /* Enabled only once a dataset is shown, like export. */
  g_return_if_fail (frontline_window_has_dataset (FRONTLINE_WINDOW (user_data)));
}

static gboolean
on_drop_target_drop_cb (FrontlineWindow *self,
                        const GValue    *value,
                        double           x,
                        double           y,
                        GtkDropTarget   *target)
{
  GSList *files;
  GtkApplication *app;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;

  /* The first file goes into this window; any others open in windows of their own. */
  frontline_window_open (self, files->data);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (app != NULL && files->next != NULL)
    {
      guint n = g_slist_length (files->next);
      g_autofree GFile **rest = g_new0 (GFile *, n);
      guint i = 0;

      for (GSList *l = files->next; l; l = l->next)
        rest[i++] = l->data;
      g_application_open (G_APPLICATION (app), rest, n, "");
    }

  g_slist_free (files);

  return TRUE;
}

static void
save_window_state (FrontlineWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  int width = 0;
  int height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set (self->settings, "map-view", "(ddd)",
                  shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                  shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                  shumate_viewport_get_zoom_level (viewport));
  g_settings_apply (self->settings);
}

static void
restore_window_state (FrontlineWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  int width;
  int height;
  double latitude;
  double longitude;
  double zoom;

  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_get (self->settings, "map-view", "(ddd)", &latitude, &longitude, &zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), latitude, longitude);
  shumate_viewport_set_zoom_level (viewport, zoom);
}

static gboolean
frontline_window_close_request (GtkWindow *window)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (window);

  g_cancellable_cancel (self->load_cancellable);
  save_window_state (self);

  return GTK_WINDOW_CLASS (frontline_window_parent_class)->close_request (window);
}

static void
frontline_window_constructed (GObject *object)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (object);
  GtkApplication *app;

  G_OBJECT_CLASS (frontline_window_parent_class)->constructed (object);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (FRONTLINE_IS_APPLICATION (app))
    self->settings = g_object_ref (frontline_application_get_settings (FRONTLINE_APPLICATION (app)));
  else
    self->settings = g_settings_new (BASE_APP_ID);

  restore_window_state (self);
}

static void
frontline_window_dispose (GObject *object)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (object);

  g_cancellable_cancel (self->load_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), FRONTLINE_TYPE_WINDOW);

  G_OBJECT_CLASS (frontline_window_parent_class)->dispose (object);
}

static void
frontline_window_finalize (GObject *object)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->loading_file);
  g_clear_object (&self->dataset_file);

  G_OBJECT_CLASS (frontline_window_parent_class)->finalize (object);
}

static void
frontline_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, adw_flap_get_reveal_flap (self->flap));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
frontline_window_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      adw_flap_set_reveal_flap (self->flap, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_flap_reveal_flap_changed_cb (FrontlineWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "toggle-sidebar");
  gboolean revealed = adw_flap_get_reveal_flap (self->flap);

  /* The flap can also fold away by itself on narrow windows: keep the action's
   * state, and so the header bar button, in step with it. */
  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (revealed));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_VISIBLE]);
}

static void
toggle_sidebar_change_state (GSimpleAction *action,
                             GVariant      *state,
                             gpointer       user_data)
{
  FrontlineWindow *self = FRONTLINE_WINDOW (user_data);

  adw_flap_set_reveal_flap (self->flap, g_variant_get_boolean (state));
}

static void
frontline_window_class_init (FrontlineWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = frontline_window_constructed;
  object_class->dispose = frontline_window_dispose;
  object_class->finalize = frontline_window_finalize;
  object_class->get_property = frontline_window_get_property;
  object_class->set_property = frontline_window_set_property;

  window_class->close_request = frontline_window_close_request;

  /**
   * FrontlineWindow:sidebar-visible:
   *
   * Whether the quotes and sources panel is shown.
   */
  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/frontline-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, map);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, timeline_bar);
  gtk_widget_class_bind_template_child (widget_class, FrontlineWindow, side_panel);
  gtk_widget_class_bind_template_callback (widget_class, on_flap_reveal_flap_changed_cb);

}

static const GActionEntry win_entries[] = {
  { "open", open_action },
  { "open-recent", open_recent_action, "s" },
  { "export", export_action },
  { "present", present_action },
  { "toggle-sidebar", NULL, NULL, "false", toggle_sidebar_change_state },
};

static void
frontline_window_init (FrontlineWindow *self)
{
  g_autoptr(GMenuModel) recent_menu = NULL;
  g_autofree char *symbolic = g_strconcat (APP_ID, "-symbolic", NULL);
  GtkDropTarget *drop_target;

  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  adw_status_page_set_icon_name (self->empty_page, symbolic);

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries,
                                   G_N_ELEMENTS (win_entries), self);

  recent_menu = frontline_recent_menu_new (gtk_recent_manager_get_default (), "win.open-recent");
  adw_split_button_set_menu_model (self->open_button, recent_menu);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop_target, "drop",
                           G_CALLBACK (on_drop_target_drop_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  update_actions (self);
}

FrontlineWindow *
frontline_window_new (FrontlineApplication *application)
{
  return g_object_new (FRONTLINE_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
