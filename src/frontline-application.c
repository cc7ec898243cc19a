/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-application"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "frontline-accessible.h"
#include "frontline-application.h"
#include "frontline-archive.h"
#include "frontline-basemap-source.h"
#include "frontline-cli.h"
#include "frontline-preferences-window.h"
#include "frontline-window.h"

struct _FrontlineApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (FrontlineApplication, frontline_application, ADW_TYPE_APPLICATION)

/* Whether @dev_dir has a device node a GPU driver renders through: a DRM
 * node (dri/renderD*, dri/card*) or NVIDIA's own (nvidia*). */
static gboolean
has_gpu_device (const char *dev_dir)
{
  g_autofree char *dri = g_build_filename (dev_dir, "dri", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (dri, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, "renderD") || g_str_has_prefix (name, "card"))
        return TRUE;
    }
  g_clear_pointer (&dir, g_dir_close);

  dir = g_dir_open (dev_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, "nvidia"))
        return TRUE;
    }

  return FALSE;
}

/**
 * frontline_application_gl_is_software:
 * @envp: the environment, as g_get_environ() gives it
 * @dev_dir: where the device nodes are ("/dev")
 *
 * Whether OpenGL could only be a software rasterizer (Mesa's llvmpipe or
 * softpipe): Mesa is told so (`LIBGL_ALWAYS_SOFTWARE`), or there is no GPU
 * device to render through (a virtual X server, a container, a remote
 * session without one).
 *
 * Returns: %TRUE when GL would be drawn by the CPU
 */
gboolean
frontline_application_gl_is_software (const char * const *envp,
                                      const char         *dev_dir)
{
  const char *software = g_environ_getenv ((char **) envp, "LIBGL_ALWAYS_SOFTWARE");

  g_return_val_if_fail (dev_dir != NULL, FALSE);

  if (software != NULL && software[0] != '\0' && g_strcmp0 (software, "0") != 0 &&
      g_ascii_strcasecmp (software, "false") != 0)
    return TRUE;

  return !has_gpu_device (dev_dir);
}

/**
 * frontline_application_choose_renderer:
 *
 * Called first thing in main(), before GTK reads its environment. When the
 * user has not chosen a renderer (`GSK_RENDERER`) and GL could only be the
 * software rasterizer, draws with cairo and does not set up GL at all
 * (`GDK_DEBUG=gl-disable`). On llvmpipe the GL renderer cost the window
 * 1.2-1.4 s to its first frame against 0.35 s with cairo, 2.7 s of CPU
 * against 1.3 s, and 300 MiB resident against 135 MiB (LLVM alone maps
 * 55 MiB, and llvmpipe keeps its textures and shaders in the heap):
 * tests/bench/bench-startup.py. `GSK_RENDERER=gl` (or ngl) keeps GL; with
 * `GSK_RENDERER=cairo` GL is not set up either.
 */
void
frontline_application_choose_renderer (void)
{
  g_auto(GStrv) envp = g_get_environ ();
  const char *renderer = g_environ_getenv (envp, "GSK_RENDERER");
  const char *gdk_debug;

  if (!frontline_application_gl_is_software ((const char * const *) envp, "/dev"))
    return;

  if (renderer == NULL)
    g_setenv ("GSK_RENDERER", "cairo", TRUE);
  else if (g_strcmp0 (renderer, "cairo") != 0)
    return;

  /* Drawing with cairo, GL only picks the window's visual: not worth LLVM. */
  gdk_debug = g_environ_getenv (envp, "GDK_DEBUG");
  if (gdk_debug == NULL || gdk_debug[0] == '\0')
    g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
  else if (strstr (gdk_debug, "gl-") == NULL)
    {
      g_autofree char *flags = g_strconcat (gdk_debug, ",gl-disable", NULL);

      g_setenv ("GDK_DEBUG", flags, TRUE);
    }
}

static const GOptionEntry main_entries[] = {
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { "check", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Check datasets: print a summary, warnings and errors; exit 1 if any is invalid"), NULL },
  { "strict", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("With --check: also warn for areas without a source, quotes without a speaker or date precision, captions citing no source and source fields left out; exit 1 on any warning"), NULL },
  { "stats", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Print the area of each faction per date as CSV"), NULL },
  { "export", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Export a map snapshot to OUT (.png, .svg or .pdf; a folder with --date all) or a video (.webm, .mp4 or .gif) and exit"), N_("OUT") },
  { "date", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("With --export: the date to show, or “all” for a frame per data date; for a video FROM..TO or “all” (the default); with --convert: write only what holds on that date"), N_("YYYY-MM-DD") },
  { "size", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("With --export: the size in pixels (PNG) or points (SVG, PDF)"), N_("WIDTHxHEIGHT") },
  { "view", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("With --export: the centre and zoom of the map"), N_("LAT,LON,ZOOM") },
  { "fit", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("With --export: fit the view to the dataset (the default)"), NULL },
  { "basemap", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("With --export: the base map: offline, an online source (osm, opentopomap), "
       "custom:URL (a template with {z}, {x} and {y}), mbtiles:PATH or a raster FILE.mbtiles"),
    N_("BASEMAP") },
  { "format", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("With --export and --date all: png, svg or pdf"), N_("FORMAT") },
  { "fps", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("With --export to a video: frames a second (30; 10 for GIF)"), N_("N") },
  { "seconds-per-date", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("With --export to a video: how long each day is shown (0.2)"), N_("SECONDS") },
  { "cross-fade", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("With --export to a video: fade each data date in over this time (0, none)"), N_("SECONDS") },
  { "hold", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("With --export to a video: how long the last frame stays (2)"), N_("SECONDS") },
  { "stop", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("With --export: the picture of a stop: its view, date and drawings"), N_("NUMBER|ID|TITLE") },
  { "stops", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("With --export to a video: the briefing, flying from stop to stop (--hold: seconds at each)"), NULL },
  { "handout", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("With --export to a PDF: the briefing’s handout, a page per stop"), NULL },
  { "handout-notes", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("With --export to a PDF: the handout with the stops’ speaker notes"), NULL },
  { "small-multiples", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("With --export to a PDF: one view on several dates, up to six a page"), N_("DATE,DATE,…") },
  { "compare-since", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("With --export: show what each side gained and lost since a date, or the previous data date"), N_("YYYY-MM-DD|previous") },
  { "convert", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Write the dataset IN (any format Frontline reads) to OUT, in the format OUT’s extension names: .geojson or .json, .gpkg, .kml, .kmz or .shp; and exit"), NULL },
  { "date-field", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("For files read through GDAL: the field that holds each area’s date, in every layer"), N_("FIELD") },
  { "end-field", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("For files read through GDAL: the field that holds the last day an area holds"), N_("FIELD") },
  { "faction-field", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("For files read through GDAL: the field that holds each area’s side"), N_("FIELD") },
  { "status-field", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("For files read through GDAL: the field that holds controlled, claimed or contested"), N_("FIELD") },
  { "force", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("With --export or --convert: replace files that exist"), NULL },
  { G_OPTION_REMAINING, 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    NULL, N_("[DATASET…]") },
  { NULL }
};

static FrontlineWindow *
get_active_frontline_window (FrontlineApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (FRONTLINE_IS_WINDOW (window))
    return FRONTLINE_WINDOW (window);

  return NULL;
}

/* Returns a window with no dataset in it, making one when every window is in use,
 * so that opening a file never replaces what the user is looking at. */
static FrontlineWindow *
get_empty_window (FrontlineApplication *self)
{
  FrontlineWindow *active = get_active_frontline_window (self);

  if (active != NULL && !frontline_window_has_dataset (active))
    return active;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (FRONTLINE_IS_WINDOW (l->data) && !frontline_window_has_dataset (l->data))
        return l->data;
    }

  return FRONTLINE_WINDOW (frontline_application_new_window (self));
}

static void
apply_style (FrontlineApplication *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *style = g_settings_get_string (self->settings, "style-variant");
  AdwColorScheme scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (style, "light") == 0)
    scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (style, "dark") == 0)
    scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (style_manager, scheme);
}

static void
on_settings_style_variant_changed_cb (FrontlineApplication *self,
                                      const char           *key,
                                      GSettings            *settings)
{
  apply_style (self);
}

static gint
frontline_application_handle_local_options (GApplication *app,
                                            GVariantDict *options)
{
  /* Options handled here run in the local process before GTK is initialised,
   * so they work without a display. */
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  /* The field options hold for every command below that loads. */
  {
    g_autoptr(FrontlineFieldMapping) mapping = frontline_field_mapping_new ();
    gboolean any = FALSE;

    any |= g_variant_dict_lookup (options, "date-field", "s", &mapping->date_field);
    any |= g_variant_dict_lookup (options, "end-field", "s", &mapping->end_field);
    any |= g_variant_dict_lookup (options, "faction-field", "s", &mapping->faction_field);
    any |= g_variant_dict_lookup (options, "status-field", "s", &mapping->status_field);
    frontline_cli_set_field_mapping (any ? mapping : NULL);
  }

  if (g_variant_dict_contains (options, "export"))
    {
      g_autofree const char **paths = NULL;
      FrontlineCliExport cli = { NULL };

      g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &paths);
      g_variant_dict_lookup (options, "export", "^&ay", &cli.output);
      g_variant_dict_lookup (options, "date", "&s", &cli.date);
      g_variant_dict_lookup (options, "size", "&s", &cli.size);
      g_variant_dict_lookup (options, "view", "&s", &cli.view);
      g_variant_dict_lookup (options, "basemap", "&s", &cli.basemap);
      g_variant_dict_lookup (options, "format", "&s", &cli.format);
      g_variant_dict_lookup (options, "compare-since", "&s", &cli.compare);
      g_variant_dict_lookup (options, "fps", "&s", &cli.fps);
      g_variant_dict_lookup (options, "seconds-per-date", "&s", &cli.seconds_per_date);
      g_variant_dict_lookup (options, "cross-fade", "&s", &cli.cross_fade);
      g_variant_dict_lookup (options, "hold", "&s", &cli.hold);
      g_variant_dict_lookup (options, "stop", "&s", &cli.stop);
      g_variant_dict_lookup (options, "small-multiples", "&s", &cli.small_multiples);
      cli.stops = g_variant_dict_contains (options, "stops");
      cli.handout = g_variant_dict_contains (options, "handout");
      cli.handout_notes = g_variant_dict_contains (options, "handout-notes");
      cli.fit = g_variant_dict_contains (options, "fit");
      cli.force = g_variant_dict_contains (options, "force");

      return frontline_cli_export (&cli, paths);
    }

  if (g_variant_dict_contains (options, "convert"))
    {
      g_autofree const char **paths = NULL;
      const char *date = NULL;

      g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &paths);

      g_variant_dict_lookup (options, "date", "&s", &date);

      return frontline_cli_convert_full (paths, date, g_variant_dict_contains (options, "force"));
    }

  if (g_variant_dict_contains (options, "check") || g_variant_dict_contains (options, "stats"))
    {
      g_autofree const char **paths = NULL;

      g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &paths);

      if (g_variant_dict_contains (options, "check"))
        return frontline_cli_check_full (paths, g_variant_dict_contains (options, "strict"));
      return frontline_cli_stats (paths);
    }

  return G_APPLICATION_CLASS (frontline_application_parent_class)->handle_local_options (app, options);
}

/* Runs in the primary instance, for its own command line or one forwarded
 * from another process: opens the datasets named, or presents a window. */
static int
frontline_application_command_line (GApplication            *app,
                                    GApplicationCommandLine *command_line)
{
  FrontlineApplication *self = FRONTLINE_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree const char **paths = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_addresses = 0;

  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &paths))
    {
      for (guint i = 0; paths[i] != NULL; i++)
        {
          /* A database's address is no file: GApplication's open would make
           * it one (and lose its query), so it opens here. */
          if (frontline_archive_location_is_address (paths[i]))
            {
              FrontlineWindow *window = get_empty_window (self);

              frontline_window_open_address (window, paths[i]);
              gtk_window_present (GTK_WINDOW (window));
              n_addresses++;
              continue;
            }
          g_ptr_array_add (files, g_application_command_line_create_file_for_arg (command_line, paths[i]));
        }
    }

  if (files->len > 0)
    g_application_open (app, (GFile **) files->pdata, (int) files->len, "");
  else if (n_addresses == 0)
    g_application_activate (app);

  return EXIT_SUCCESS;
}

static void
frontline_application_activate (GApplication *app)
{
  FrontlineApplication *self = FRONTLINE_APPLICATION (app);
  FrontlineWindow *window = get_active_frontline_window (self);

  if (window == NULL)
    {
      window = FRONTLINE_WINDOW (frontline_application_new_window (self));

      if (g_settings_get_boolean (self->settings, "reopen-last-dataset"))
        {
          g_autofree char *uri = g_settings_get_string (self->settings, "last-dataset");

          if (frontline_archive_location_is_address (uri))
            frontline_window_open_address (window, uri);
          else if (uri[0] != '\0')
            {
              g_autoptr(GFile) file = g_file_new_for_uri (uri);

              /* A dataset that has gone away since is not an error worth a dialog. */
              if (g_file_query_exists (file, NULL))
                frontline_window_open (window, file);
            }
        }
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
frontline_application_open (GApplication  *app,
                            GFile        **files,
                            gint           n_files,
                            const gchar   *hint)
{
  FrontlineApplication *self = FRONTLINE_APPLICATION (app);

  for (gint i = 0; i < n_files; i++)
    {
      FrontlineWindow *window = get_empty_window (self);

      frontline_window_open (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
open_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  FrontlineApplication *self = user_data;
  FrontlineWindow *window = get_active_frontline_window (self);

  if (window == NULL)
    window = FRONTLINE_WINDOW (frontline_application_new_window (self));

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open", NULL);
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  FrontlineApplication *self = user_data;

  gtk_window_present (frontline_application_new_window (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  FrontlineApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *preferences = frontline_preferences_window_new (self->settings);

  gtk_window_set_transient_for (preferences, parent);
  gtk_window_present (preferences);
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  FrontlineApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  static const char *developers[] = {
    "The Frontline developers",
    NULL
  };
  FrontlineApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Frontline"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Frontline developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Who holds which ground, day by day: control maps, "
                                      "quotes and sources, export and briefings."),
                        "website", "https://github.com/frontline/frontline",
                        "issue-url", "https://github.com/frontline/frontline/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Frontline developers",
                        "developers", developers,
                        /* Translators: replace with your names, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);

  {
    /* Its version button shows the version as text, which GTK 4.8 does not
     * make its name. */
    g_autofree char *version = g_strdup_printf (_("Version %s"), PACKAGE_VERSION);

    frontline_accessible_name_first (about, GTK_TYPE_BUTTON, "version_button", version);
  }

  /* Data attributions: every map and data source the app can show is credited here,
   * as well as on the map and in every export. */
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Offline Basemap"),
                                      NULL,
                                      GTK_LICENSE_CUSTOM,
                                      _("Made with Natural Earth (public domain), through world-atlas (ISC). "
                                        "Place names from GeoNames, CC BY 4.0. Rivers, lakes and coastlines "
                                        "from GSHHG/WDBII by Wessel and Smith, LGPL-3.0-or-later. Borders are "
                                        "the internationally recognised ones: Crimea is Ukraine."));
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Online Tiles"),
                                      NULL,
                                      GTK_LICENSE_CUSTOM,
                                      _("Used only when chosen under Map Layers. OpenStreetMap tiles: "
                                        "© OpenStreetMap contributors, ODbL. OpenTopoMap: © OpenStreetMap "
                                        "contributors, SRTM; map style © OpenTopoMap, CC BY-SA."));
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Datasets"),
                                      NULL,
                                      GTK_LICENSE_CUSTOM,
                                      _("Territorial control areas in the bundled datasets are "
                                        "approximations drawn from the news reports each dataset "
                                        "cites; every area and quote names its source."));

  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  FrontlineApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  /* Close the windows one by one so each saves its state. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_entries[] = {
  { "open", open_action },
  { "new-window", new_window_action },
  { "preferences", preferences_action },
  { "shortcuts", shortcuts_action },
  { "about", about_action },
  { "quit", quit_action },
};

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.open", { "<Control>o", NULL } },
  { "win.connect", { "<Control><Shift>o", NULL } },
  { "app.new-window", { "<Control>n", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.shortcuts", { "<Control>question", NULL } },
  { "app.about", { "F1", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "win.export", { "<Control>e", NULL } },
  { "win.export-video", { "<Control><Shift>e", NULL } },
  { "win.present", { "F5", NULL } },
  { "win.present-notes", { "<Shift>F5", NULL } },
  { "win.toggle-sidebar", { "F9", NULL } },
  { "win.find-place", { "<Control>f", NULL } },
  { "win.save", { "<Control>s", NULL } },
  { "win.save-as", { "<Control><Shift>s", NULL } },
  { "win.publish", { "<Control><Shift>d", NULL } },
  { "win.add-stop", { "<Control>d", NULL } },
  { "win.annotate", { "<Control><Shift>a", NULL } },
  { "window.close", { "<Control>w", NULL } },
};

static void
frontline_application_startup (GApplication *app)
{
  FrontlineApplication *self = FRONTLINE_APPLICATION (app);

  G_APPLICATION_CLASS (frontline_application_parent_class)->startup (app);

  /* Created here, not in init, so that options handled locally need no schema. */
  self->settings = g_settings_new (BASE_APP_ID);

  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries,
                                   G_N_ELEMENTS (app_entries), self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action,
                                           accels[i].accels);

  g_signal_connect_object (self->settings, "changed::style-variant",
                           G_CALLBACK (on_settings_style_variant_changed_cb),
                           self, G_CONNECT_SWAPPED);
  apply_style (self);
}

static void
frontline_application_shutdown (GApplication *app)
{
  frontline_basemap_source_shutdown ();

  G_APPLICATION_CLASS (frontline_application_parent_class)->shutdown (app);
}

static void
frontline_application_dispose (GObject *object)
{
  FrontlineApplication *self = FRONTLINE_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (frontline_application_parent_class)->dispose (object);
}

static void
frontline_application_class_init (FrontlineApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = frontline_application_dispose;

  app_class->handle_local_options = frontline_application_handle_local_options;
  app_class->startup = frontline_application_startup;
  app_class->shutdown = frontline_application_shutdown;
  app_class->activate = frontline_application_activate;
  app_class->command_line = frontline_application_command_line;
  app_class->open = frontline_application_open;
}

static void
frontline_application_init (FrontlineApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Show who holds which ground, day by day."));
}

FrontlineApplication *
frontline_application_new (void)
{
  return g_object_new (FRONTLINE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_PATH,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_HANDLES_COMMAND_LINE,
                       NULL);
}

/**
 * frontline_application_get_settings:
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
frontline_application_get_settings (FrontlineApplication *self)
{
  g_return_val_if_fail (FRONTLINE_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * frontline_application_new_window:
 *
 * Creates a new, empty window restored from the saved window state.
 *
 * Returns: (transfer none): the new window
 */
GtkWindow *
frontline_application_new_window (FrontlineApplication *self)
{
  FrontlineWindow *window;
  GtkShortcutsWindow *overlay;

  g_return_val_if_fail (FRONTLINE_IS_APPLICATION (self), NULL);

  window = frontline_window_new (self);
  /* The shortcuts window's search button shows an icon only. */
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  if (overlay != NULL)
    frontline_accessible_name_first (GTK_WIDGET (overlay), GTK_TYPE_TOGGLE_BUTTON, NULL,
                                     _("Search Shortcuts"));
  return GTK_WINDOW (window);
}
