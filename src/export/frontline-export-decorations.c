/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-exporter"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "frontline-export-private.h"
#include "frontline-basemap.h"
#include "frontline-comparison.h"
#include "frontline-painter.h"

/* The decorations a picture needs once it leaves the application: what it
 * shows (title and date), how to read it (legend, scale bar), whose work it
 * is (credits, sources), and the card of what each side gained and lost.
 * Laid out in the picture's unit, drawn with pango and cairo. */

typedef struct {
  double           rgb[3];
  FrontlineStatus  status;
  gboolean         approximate;
  PangoLayout     *label;
  int              change;  /* 0, or a gained (1) or lost (2) swatch */
  gboolean         more;    /* the count of the rows left out: no swatch */
} LegendRow;

static void
change_clear (gpointer data)
{
  FrontlineExportChange *change = data;

  g_clear_pointer (&change->gained, frontline_geometry_unref);
  g_clear_pointer (&change->lost, frontline_geometry_unref);
  g_clear_pointer (&change->name, g_free);
}

static void
legend_row_clear (gpointer data)
{
  LegendRow *row = data;

  g_clear_object (&row->label);
}

void
frontline_export_decorations_clear (FrontlineExportDecorations *d)
{
  g_clear_object (&d->title);
  g_clear_object (&d->date);
  g_clear_object (&d->as_of);
  g_clear_object (&d->note);
  g_clear_pointer (&d->legend, g_array_unref);
  g_clear_object (&d->bar_label);
  g_clear_object (&d->credits);
  g_clear_object (&d->sources);
  g_clear_object (&d->changes);
  g_clear_object (&d->context);
}

/* Text */

static PangoLayout *
new_layout (FrontlineExportDecorations *d,
            double                      size,
            PangoWeight                 weight,
            PangoStyle                  style)
{
  PangoLayout *layout = pango_layout_new (d->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Cantarell, Sans");

  pango_font_description_set_absolute_size (font, size * d->unit * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_font_description_set_style (font, style);
  pango_layout_set_font_description (layout, font);

  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

/* Wraps @layout at @width, to at most @lines lines, the last ellipsized. */
static void
wrap (PangoLayout *layout,
      double       width,
      int          lines)
{
  pango_layout_set_width (layout, (int) (MAX (width, 1.0) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -lines);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
}

/* Text of the title panel, wrapped to @max_width in at most @lines lines;
 * the panel (@w wide, @h tall so far) grows to hold it. */
static PangoLayout *
title_panel_text (FrontlineExportDecorations *d,
                  const char                 *text,
                  double                      size,
                  PangoWeight                 weight,
                  PangoStyle                  style,
                  double                      max_width,
                  int                         lines,
                  double                     *w,
                  double                     *h)
{
  PangoLayout *layout = new_layout (d, size, weight, style);
  double lw, lh;

  pango_layout_set_text (layout, text, -1);
  wrap (layout, max_width, lines);
  layout_size (layout, &lw, &lh);
  *w = MAX (*w, lw);
  *h += lh;
  return layout;
}

/* Text laid out the same on every surface and at every size: unhinted
 * metrics and unrounded glyph positions, so a PDF and a PNG of one view
 * break lines in the same places and the layout scales with the unit. */
static PangoContext *
new_context (cairo_t *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *font_options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (font_options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, font_options);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (font_options);

  return context;
}

static char *
format_date (FrontlineDay day)
{
  if (day == FRONTLINE_DAY_NONE || !g_date_valid_julian (day))
    return NULL;

  return frontline_day_format_label (day);
}

/* Control characters are no text, and markup refuses them even escaped
 * (“&#1;”): they become spaces. Tabs and line breaks stay. */
static void
blank_controls (char *text)
{
  for (char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f))
        {
          /* The same number of bytes: one or two spaces. */
          gsize n = (gsize) (g_utf8_next_char (p) - p);

          memset (p, ' ', n);
        }
    }
}

/* Sets @markup, ours with escaped text in it; should it still not parse,
 * the text without its markup: a decoration is never left empty. */
static void
set_markup (PangoLayout *layout,
            const char  *markup)
{
  PangoAttrList *attributes = NULL;
  g_autofree char *text = NULL;

  if (pango_parse_markup (markup, -1, 0, &attributes, &text, NULL, NULL))
    {
      pango_layout_set_text (layout, text, -1);
      pango_layout_set_attributes (layout, attributes);
      pango_attr_list_unref (attributes);
      return;
    }

  g_warning ("Export: markup that does not parse: %s", markup);
  pango_layout_set_text (layout, markup, -1);
}

/* Valid UTF-8 of at most @max_chars characters, the rest cut with an
 * ellipsis; control characters blanked. */
char *
frontline_export_bounded_text (const char *text,
                               gsize       max_chars)
{
  gsize length;
  g_autofree char *valid = NULL;
  const char *end;

  if (text == NULL)
    return NULL;

  /* A character is at most 4 bytes: look no further than that. */
  for (length = 0; length < max_chars * 4 + 4 && text[length] != '\0'; length++)
    ;
  valid = g_utf8_make_valid (text, (gssize) length);
  blank_controls (valid);
  if (g_utf8_strlen (valid, -1) <= (glong) max_chars && text[length] == '\0')
    return g_steal_pointer (&valid);

  end = g_utf8_offset_to_pointer (valid, (glong) MIN ((gsize) g_utf8_strlen (valid, -1), max_chars));
  {
    g_autofree char *head = g_strndup (valid, (gsize) (end - valid));

    return g_strconcat (head, "…", NULL);
  }
}

/* The scale bar */

/* The longest round length (1, 2 or 5 × 10ⁿ metres) that fits in @max
 * output units, where a metre is @units long. */
static double
round_length (double units,
              double max)
{
  double metres = max / units;
  double power = pow (10.0, floor (log10 (metres)));

  if (5.0 * power <= metres)
    return 5.0 * power;
  if (2.0 * power <= metres)
    return 2.0 * power;
  return power;
}

static char *
format_length (double metres)
{
  if (metres >= 1000.0)
    {
      /* Translators: a scale bar's length in kilometres */
      return g_strdup_printf (_("%.0f km"), metres / 1000.0);
    }

  if (metres >= 1.0)
    {
      /* Translators: a scale bar's length in metres */
      return g_strdup_printf (_("%.0f m"), metres);
    }

  /* Translators: a scale bar's length in centimetres */
  return g_strdup_printf (_("%.0f cm"), metres * 100.0);
}

/* Areas and sources of the day */

static gboolean
in_view (FrontlineArea *area,
         const double   bbox[4])
{
  const double *b = frontline_area_get_geometry (area)->bbox;

  return b[0] <= bbox[2] && bbox[0] <= b[2] && b[1] <= bbox[3] && bbox[1] <= b[3];
}

/* The areas of the day that the picture shows. */
static GPtrArray *
areas_in_view (const FrontlineExportOptions *options,
               GPtrArray                    *state)
{
  FrontlineView view = frontline_export_overlay_view (options);
  GPtrArray *shown = g_ptr_array_new ();
  double bbox[4];

  frontline_view_get_bbox (&view, bbox);
  for (guint i = 0; i < state->len; i++)
    {
      FrontlineArea *area = g_ptr_array_index (state, i);

      if (in_view (area, bbox))
        g_ptr_array_add (shown, area);
    }

  return shown;
}

static void
add_legend_row (FrontlineExportDecorations *d,
                const double                rgb[3],
                FrontlineStatus             status,
                gboolean                    approximate,
                const char                 *text)
{
  LegendRow row = { { rgb[0], rgb[1], rgb[2] }, status, approximate, NULL };

  row.label = new_layout (d, 14.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
  pango_layout_set_text (row.label, text, -1);
  g_array_append_val (d->legend, row);
}

/* A row for each faction and status shown, in the dataset's order, and one
 * for dashed outlines if any area shown is approximate. */
static void
build_legend (FrontlineExportDecorations *d,
              GPtrArray                  *shown)
{
  GListModel *factions = frontline_dataset_get_factions (d->options->dataset);
  gboolean approximate = FALSE;

  for (guint i = 0; i < shown->len; i++)
    approximate |= frontline_area_get_approximate (g_ptr_array_index (shown, i));

  for (guint f = 0; f < g_list_model_get_n_items (factions); f++)
    {
      g_autoptr(FrontlineFaction) faction = g_list_model_get_item (factions, f);
      g_autofree char *name = frontline_export_bounded_text (frontline_faction_get_name (faction), MAX_NAME_CHARS);
      double rgb[3];

      frontline_faction_get_rgb (faction, rgb);
      for (int s = 0; s < FRONTLINE_N_STATUSES; s++)
        {
          FrontlineStatus status = (FrontlineStatus) s;
          g_autofree char *text = NULL;
          gboolean used = FALSE;

          for (guint i = 0; i < shown->len && !used; i++)
            {
              FrontlineArea *area = g_ptr_array_index (shown, i);

              used = frontline_area_get_faction (area) == faction &&
                     frontline_area_get_status (area) == status;
            }
          if (!used)
            continue;

          switch (status)
            {
            case FRONTLINE_STATUS_CONTROLLED:
              text = g_strdup (name);
              break;

            case FRONTLINE_STATUS_CLAIMED:
              /* Translators: a legend entry; %s is a faction's name */
              text = g_strdup_printf (_("%s, claimed"), name);
              break;

            case FRONTLINE_STATUS_CONTESTED:
              /* Translators: a legend entry; %s is a faction's name */
              text = g_strdup_printf (_("%s, contested"), name);
              break;

            default:
              g_assert_not_reached ();
            }
          add_legend_row (d, rgb, status, FALSE, text);
        }
    }

  if (approximate)
    {
      /* Grey: the dashes mean the same for every faction. */
      double grey = d->options->dark ? 0.8 : 0.5;
      const double rgb[3] = { grey, grey, grey };

      add_legend_row (d, rgb, FRONTLINE_STATUS_CONTROLLED, TRUE, _("Approximate outline"));
    }

  /* How the gains and losses are drawn, for the sides that had any. */
  for (guint i = 0; d->change_list != NULL && i < d->change_list->len; i++)
    {
      FrontlineExportChange *change = &g_array_index (d->change_list, FrontlineExportChange, i);

      for (int k = 1; k <= 2; k++)
        {
          const FrontlineGeometry *geometry = k == 1 ? change->gained : change->lost;
          g_autofree char *text = NULL;

          if (geometry == NULL || frontline_geometry_area_m2 (geometry) < 0.5e6)
            continue;
          /* Translators: legend entries; %s is a faction's name */
          text = g_strdup_printf (k == 1 ? _("Gained by %s") : _("Lost by %s"), change->name);
          add_legend_row (d, change->rgb, FRONTLINE_STATUS_CONTROLLED, FALSE, text);
          g_array_index (d->legend, LegendRow, d->legend->len - 1).change = k;
        }
    }
}

/* The references of the sources the areas drawn cite, each once, in the
 * order first cited: the day's areas in view and, when comparing, those of
 * the earlier date, whose ground the losses show. Each line is
 * frontline_source_format_reference()'s; a source the dataset does not
 * describe is named by its id. Past MAX_SOURCES_CHARS, the last is "…". */
static GPtrArray *
cited_references (const FrontlineExportOptions *options,
                  GPtrArray                    *state)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) drawn = g_ptr_array_new ();
  g_autoptr(GPtrArray) earlier = NULL;
  GPtrArray *references = g_ptr_array_new_with_free_func (g_free);
  gsize length = 0;

  g_ptr_array_extend_and_steal (drawn, areas_in_view (options, state));
  if (options->compare_from != FRONTLINE_DAY_NONE && options->compare_from < options->day)
    {
      earlier = frontline_dataset_get_state_at (options->dataset, options->compare_from);
      g_ptr_array_extend_and_steal (drawn, areas_in_view (options, earlier));
    }

  for (guint i = 0; i < drawn->len; i++)
    {
      const char * const *ids = frontline_area_get_source_ids (g_ptr_array_index (drawn, i));

      for (guint k = 0; ids != NULL && ids[k] != NULL; k++)
        {
          FrontlineSource *source = frontline_dataset_lookup_source (options->dataset, ids[k]);
          g_autofree char *reference = NULL;

          if (!g_hash_table_add (seen, (gpointer) ids[k]))
            continue;
          /* The strip shows three lines: past this, nothing more would show. */
          if (length > MAX_SOURCES_CHARS)
            {
              g_ptr_array_add (references, g_strdup ("…"));
              return references;
            }
          reference = source ? frontline_source_format_reference (source) : g_strdup (ids[k]);
          g_ptr_array_add (references, frontline_export_bounded_text (reference, MAX_SOURCE_CHARS));
          length += strlen (g_ptr_array_index (references, references->len - 1));
        }
    }

  return references;
}

/* Translators: the heading of the list of sources along the bottom of an
 * exported map */
#define SOURCES_HEADING(n) ngettext ("Source:", "Sources:", (n))

/* “<b>Sources:</b>  Title (Publisher, about 14 Aug 2024)  ·  …” */
static char *
format_sources (const FrontlineExportOptions *options,
                GPtrArray                    *state)
{
  g_autoptr(GPtrArray) references = cited_references (options, state);
  g_autoptr(GString) markup = NULL;
  g_autofree char *heading = NULL;

  if (references->len == 0)
    return NULL;

  heading = g_markup_escape_text (SOURCES_HEADING (references->len), -1);
  markup = g_string_new (NULL);
  g_string_append_printf (markup, "<b>%s</b>  ", heading);
  for (guint i = 0; i < references->len; i++)
    {
      g_autofree char *entry = g_markup_escape_text (g_ptr_array_index (references, i), -1);

      if (i > 0)
        g_string_append (markup, "  ·  ");
      g_string_append (markup, entry);
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

/**
 * frontline_export_sources_text:
 *
 * The sources strip of an export with @options, as plain text: "Sources:
 * A (P, about 14 Aug 2024) · B", the sources of the areas it draws and no
 * other, whether or not the options ask for the strip.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when the areas
 *   drawn cite no source
 */
char *
frontline_export_sources_text (const FrontlineExportOptions *options)
{
  g_autoptr(GPtrArray) state = frontline_dataset_get_state_at (options->dataset, options->day);
  g_autoptr(GPtrArray) references = cited_references (options, state);
  g_autoptr(GString) text = NULL;

  if (references->len == 0)
    return NULL;

  text = g_string_new (SOURCES_HEADING (references->len));
  for (guint i = 0; i < references->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? " · " : " ",
                            (const char *) g_ptr_array_index (references, i));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Gains and losses */

/* What each side gained and lost between options->compare_from and the
 * day, as the window's compare mode shows it, and the card's text. Returns
 * NULL when the options compare nothing. */
GArray *
frontline_export_compute_changes (const FrontlineExportOptions  *options,
                                  char                         **text)
{
  g_autoptr(FrontlineComparison) comparison = NULL;
  g_autoptr(GString) card = g_string_new (NULL);
  g_autofree char *from = NULL;
  guint n_lines = 0;
  GArray *changes;

  *text = NULL;
  if (options->compare_from == FRONTLINE_DAY_NONE || options->compare_from >= options->day)
    return NULL;

  /* The gains and losses the window's compare mode shows, computed by the
   * same FrontlineComparison; this card's text is bounded for a picture. */
  comparison = frontline_comparison_new (options->dataset, options->compare_from, options->day, NULL);
  from = frontline_day_format_label (options->compare_from);
  changes = g_array_new (FALSE, TRUE, sizeof (FrontlineExportChange));
  g_array_set_clear_func (changes, change_clear);
  for (guint i = 0; comparison != NULL && i < frontline_comparison_get_changes (comparison)->len; i++)
    {
      FrontlineChange *computed = g_ptr_array_index (frontline_comparison_get_changes (comparison), i);
      FrontlineExportChange change = { { 0 } };
      g_autofree char *line = NULL;
      double gained_km2, lost_km2;

      frontline_faction_get_rgb (computed->faction, change.rgb);
      change.name = frontline_export_bounded_text (frontline_faction_get_name (computed->faction), MAX_NAME_CHARS);
      change.gained = computed->gained ? frontline_geometry_ref (computed->gained) : NULL;
      change.lost = computed->lost ? frontline_geometry_ref (computed->lost) : NULL;
      if (!computed->complete)
        {
          /* Ground GEOS could not compare (invalid, or too complex within
           * its budget): say so rather than show no change. */
          if (n_lines++ < MAX_CHANGE_LINES)
            {
              if (card->len > 0)
                g_string_append_c (card, '\n');
              /* Translators: “Since 2024-08-10: Ukraine: could not be compared” */
              g_string_append_printf (card, _("Since %s: %s: could not be compared"), from, change.name);
            }
          g_array_append_val (changes, change);
          continue;
        }
      gained_km2 = frontline_geometry_area_m2 (change.gained) / 1e6;
      lost_km2 = frontline_geometry_area_m2 (change.lost) / 1e6;
      g_array_append_val (changes, change);

      /* A side whose ground did not change has nothing to report: as the
       * card's line rounds, so that no side shows “+0 km²” or “−0 km²”. */
      if (rint (gained_km2) < 1 && rint (lost_km2) < 1)
        continue;
      if (n_lines++ >= MAX_CHANGE_LINES)
        continue;
      if (card->len > 0)
        g_string_append_c (card, '\n');
      line = frontline_comparison_format_change (from, change.name, gained_km2, lost_km2);
      g_string_append (card, line);
    }

  if (n_lines > MAX_CHANGE_LINES)
    {
      guint more = n_lines - MAX_CHANGE_LINES;

      g_string_append_c (card, '\n');
      /* Translators: the last line of a list too long to show whole */
      g_string_append_printf (card, ngettext ("and %u more", "and %u more", more), more);
    }

  if (card->len == 0)
    {
      /* Translators: %s is a date */
      g_string_append_printf (card, _("No ground changed hands since %s"), from);
    }
  *text = g_string_free (g_steal_pointer (&card), FALSE);

  return changes;
}

/* Layout */

static FrontlineExportRect
rect (double x,
      double y,
      double width,
      double height)
{
  /* Whole units: crisp panel edges in a PNG. */
  return (FrontlineExportRect) { round (x), round (y), round (width), round (height) };
}

static double
scale_bar_units_per_metre (const FrontlineExportOptions *options)
{
  double lat = CLAMP (options->view.center_lat, -85.0511287798, 85.0511287798) * G_PI / 180.0;
  /* Ground resolution of Web Mercator at the centre: metres per screen pixel. */
  double resolution = cos (lat) * 2.0 * G_PI * EARTH_RADIUS / (256.0 * exp2 (options->view.zoom));

  return frontline_export_options_scale (options) / resolution;
}

/* Lays out every decoration the options ask for, in output units. */
void
frontline_export_decorations_init (FrontlineExportDecorations   *d,
                                   const FrontlineExportOptions *options,
                                   GPtrArray                    *state,
                                   GArray                       *changes,
                                   const char                   *changes_text,
                                   cairo_t                      *cr)
{
  FrontlineDataset *dataset = options->dataset;
  g_autoptr(GPtrArray) shown = areas_in_view (options, state);
  double width = options->view.width;
  double height = options->view.height;
  double u;
  double m;
  double p;
  double bottom;
  double bar_panel_width = 0;

  memset (d, 0, sizeof *d);
  d->options = options;
  d->theme = &frontline_export_themes[options->dark ? 1 : 0];
  d->unit = u = frontline_export_picture_unit (options);
  d->context = new_context (cr);
  d->change_list = changes;
  d->legend = g_array_new (FALSE, FALSE, sizeof (LegendRow));
  g_array_set_clear_func (d->legend, legend_row_clear);
  m = MARGIN * u;
  p = PADDING * u;

  /* Title, date and the approximate note, top left. */
  if (options->title)
    {
      const char *title = frontline_dataset_get_title (dataset);
      g_autofree char *date = format_date (options->day);
      double max_width = MAX (MIN (0.45 * width, 560 * u) - 2 * p, 80 * u);
      double w = 0;
      double h = 0;

      if (title != NULL && *title != '\0')
        {
          g_autofree char *text = frontline_export_bounded_text (title, MAX_TITLE_CHARS);

          d->title = title_panel_text (d, text, 16.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, max_width, 2, &w, &h);
        }
      if (date != NULL)
        {
          /* A day between assessments shows the one before: say which, as
           * the window's date bar does. */
          FrontlineDay data_day = frontline_dataset_get_data_day_for (dataset, options->day);
          g_autofree char *shown_label = data_day != options->day ? format_date (data_day) : NULL;

          d->date = title_panel_text (d, date, 30.0, PANGO_WEIGHT_HEAVY, PANGO_STYLE_NORMAL, max_width, 1, &w, &h);
          if (shown_label != NULL)
            {
              /* Translators: under the chosen date when it has no data of its own: the
               * assessment shown is that of an earlier date, as in “as of 15 Sep 2024” */
              g_autofree char *as_of = g_strdup_printf (_("as of %s"), shown_label);

              d->as_of = title_panel_text (d, as_of, 14.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, max_width, 1,
                                           &w, &h);
            }
        }
      if (frontline_dataset_get_approximate (dataset))
        {
          d->note = title_panel_text (d, _(APPROXIMATE_NOTE), 12.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC,
                                      max_width, 3, &w, &h);
          h += 6 * u;
        }
      if (h > 0)
        d->layout.title = rect (m, m, w + 2 * p, h + 2 * p - 2 * u);
    }

  /* The sources strip, along the bottom. */
  bottom = height - m;
  if (options->sources_strip)
    {
      g_autofree char *markup = format_sources (options, state);

      if (markup != NULL)
        {
          double lw, lh;

          d->sources = new_layout (d, 12.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
          set_markup (d->sources, markup);
          wrap (d->sources, width - 2 * m - 2 * p, 3);
          layout_size (d->sources, &lw, &lh);
          d->layout.sources = rect (m, height - m - (lh + 2 * p), MIN (lw + 2 * p, width - 2 * m), lh + 2 * p);
          bottom = d->layout.sources.y - m / 2;
        }
    }

  /* The scale bar, bottom left: a round length measured at the centre. */
  if (options->scale_bar)
    {
      double units = scale_bar_units_per_metre (options);
      double metres = round_length (units, 160 * u);
      double length = metres * units;
      g_autofree char *label = format_length (metres);
      double lw, lh;
      double w;
      double h;

      d->bar_label = new_layout (d, 13.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
      pango_layout_set_text (d->bar_label, label, -1);
      layout_size (d->bar_label, &lw, &lh);
      w = MAX (length, lw) + 2 * p;
      h = lh + 4 * u + 5 * u + 2 * p;
      d->layout.scale_bar = rect (m, bottom - h, w, h);
      d->layout.bar_metres = metres;
      /* The bar's length is exact; only its start is on a whole unit. */
      d->layout.bar = (FrontlineExportRect) {
        d->layout.scale_bar.x + p, round (d->layout.scale_bar.y + p + lh + 4 * u), length, round (5 * u)
      };
      bar_panel_width = d->layout.scale_bar.width + m;
    }

  /* The credits, bottom right, always: the basemap's and the dataset's,
   * and the approximate note when the title panel is not there to hold it. */
  {
    g_autofree char *attribution = frontline_export_bounded_text (frontline_dataset_get_attribution (dataset), MAX_CREDIT_CHARS);
    g_autoptr(GString) markup = g_string_new (NULL);
    g_autofree char *basemap_text = frontline_export_bounded_text (options->basemap_credit ? options->basemap_credit
                                                                          : frontline_basemap_get_attribution (),
                                                  MAX_CREDIT_CHARS);
    g_autofree char *basemap = g_markup_escape_text (basemap_text, -1);
    double max_width = MAX (MIN (0.5 * width, width - 2 * m - bar_panel_width) - 2 * p, 120 * u);
    double lw, lh;

    if (frontline_dataset_get_approximate (dataset) && d->note == NULL)
      {
        g_autofree char *note = g_markup_escape_text (_(APPROXIMATE_NOTE), -1);

        g_string_append_printf (markup, "<i>%s</i>\n", note);
      }
    g_string_append (markup, basemap);
    if (attribution != NULL && *attribution != '\0')
      {
        g_autofree char *data = g_markup_escape_text (attribution, -1);

        g_string_append_c (markup, '\n');
        /* Translators: the credit line of a dataset on an exported map; %s is
         * the dataset's own attribution */
        g_string_append_printf (markup, _("Data: %s"), data);
      }

    d->credits = new_layout (d, 11.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
    set_markup (d->credits, markup->str);
    wrap (d->credits, max_width, 6);
    layout_size (d->credits, &lw, &lh);
    d->layout.attribution = rect (width - m - (lw + 2 * p), bottom - (lh + 2 * p), lw + 2 * p, lh + 2 * p);
  }

  /* The legend, top right; below the title if the picture is too narrow
   * for both side by side. It never reaches the panels along the bottom:
   * the rows that do not fit give way to a last one that counts them. */
  if (options->legend)
    {
      double label_width = MAX (MIN (0.3 * width, 320 * u), 80 * u);
      double limit = height - m;
      double w = 0;
      double h = 0;
      double available;
      guint total;
      guint fitted = 0;

      build_legend (d, shown);
      total = d->legend->len;
      for (guint i = 0; i < total; i++)
        {
          LegendRow *row = &g_array_index (d->legend, LegendRow, i);
          double lw, lh;

          wrap (row->label, label_width, 2);
          layout_size (row->label, &lw, &lh);
          w = MAX (w, SWATCH_W * u + 10 * u + lw);
        }

      if (total > 0)
        {
          double x = width - m - (w + 2 * p);
          double y = m;
          const FrontlineExportRect *below[] = {
            &d->layout.sources, &d->layout.scale_bar, &d->layout.attribution
          };

          if (d->layout.title.width > 0 && x < d->layout.title.x + d->layout.title.width + m)
            y = d->layout.title.y + d->layout.title.height + m;
          for (guint i = 0; i < G_N_ELEMENTS (below); i++)
            if (below[i]->width > 0 && below[i]->height > 0)
              limit = MIN (limit, below[i]->y - m / 2);
          available = limit - y - 2 * p;

          /* As many rows as fit, keeping room for the count of the rest. */
          {
            g_autoptr(PangoLayout) more = new_layout (d, 14.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC);
            double more_h;
            double lw;

            pango_layout_set_text (more, "0", -1);
            layout_size (more, &lw, &more_h);
            more_h = MAX (more_h, SWATCH_H * u);

            for (guint i = 0; i < total; i++)
              {
                LegendRow *row = &g_array_index (d->legend, LegendRow, i);
                double lh;
                double next;

                layout_size (row->label, &lw, &lh);
                next = h + MAX (lh, SWATCH_H * u) + (i > 0 ? 6 * u : 0);
                if (next > available || (i + 1 < total && next + 6 * u + more_h > available))
                  break;
                h = next;
                fitted++;
              }
          }

          if (fitted < total)
            {
              guint rest = total - fitted;
              LegendRow row = { { 0, 0, 0 }, FRONTLINE_STATUS_CONTROLLED, FALSE, NULL, 0, TRUE };
              g_autofree char *text = NULL;
              double lw, lh;

              g_array_set_size (d->legend, fitted);
              /* Translators: the last row of a legend too long for the picture */
              text = g_strdup_printf (ngettext ("and %u more", "and %u more", rest), rest);
              row.label = new_layout (d, 14.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC);
              pango_layout_set_text (row.label, text, -1);
              wrap (row.label, label_width, 1);
              layout_size (row.label, &lw, &lh);
              if (h + MAX (lh, SWATCH_H * u) + (fitted > 0 ? 6 * u : 0) <= available)
                {
                  h += MAX (lh, SWATCH_H * u) + (fitted > 0 ? 6 * u : 0);
                  g_array_append_val (d->legend, row);
                }
              else
                {
                  g_object_unref (row.label);
                }

              /* The panel as wide as the rows it kept. */
              w = 0;
              for (guint i = 0; i < d->legend->len; i++)
                {
                  layout_size (g_array_index (d->legend, LegendRow, i).label, &lw, &lh);
                  w = MAX (w, SWATCH_W * u + 10 * u + lw);
                }
              x = width - m - (w + 2 * p);
            }

          if (d->legend->len > 0)
            d->layout.legend = rect (x, y, w + 2 * p, h + 2 * p);
        }
    }

  /* The gains and losses card, top left under the title (and the legend,
   * when that went under the title too). */
  if (changes_text != NULL)
    {
      double max_width = MAX (MIN (0.45 * width, 560 * u) - 2 * p, 80 * u);
      double y = m;
      double lw, lh;

      d->changes = new_layout (d, 12.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
      pango_layout_set_text (d->changes, changes_text, -1);
      wrap (d->changes, max_width, 6);
      layout_size (d->changes, &lw, &lh);
      if (d->layout.title.width > 0)
        y = d->layout.title.y + d->layout.title.height + m / 2;
      if (d->layout.legend.width > 0 && d->layout.legend.x < m + lw + 2 * p + m)
        y = MAX (y, d->layout.legend.y + d->layout.legend.height + m / 2);
      d->layout.changes = rect (m, y, lw + 2 * p, lh + 2 * p);
    }
}

/* Drawing the decorations */

static void
rounded_rectangle (cairo_t                   *cr,
                   const FrontlineExportRect *r,
                   double                     radius)
{
  radius = MIN (radius, MIN (r->width, r->height) / 2.0);

  cairo_new_sub_path (cr);
  cairo_arc (cr, r->x + r->width - radius, r->y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, r->x + r->width - radius, r->y + r->height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, r->x + radius, r->y + r->height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, r->x + radius, r->y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A translucent card, as libadwaita draws them: the map shows through a
 * little, and a hairline keeps its edge on any background. */
static void
draw_panel (FrontlineExportDecorations *d,
            cairo_t                    *cr,
            const FrontlineExportRect  *r)
{
  const FrontlineExportTheme *theme = d->theme;

  cairo_new_path (cr);
  rounded_rectangle (cr, r, RADIUS * d->unit);
  cairo_set_source_rgba (cr, theme->panel[0], theme->panel[1], theme->panel[2], theme->panel[3]);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, theme->border[0], theme->border[1], theme->border[2], theme->border[3]);
  cairo_set_line_width (cr, MAX (d->unit, 1.0));
  cairo_stroke (cr);
}

static void
show_layout (cairo_t      *cr,
             PangoLayout  *layout,
             const double  rgb[3],
             double        x,
             double        y)
{
  cairo_move_to (cr, x, y);
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_title (FrontlineExportDecorations *d,
            cairo_t                    *cr)
{
  const FrontlineExportRect *r = &d->layout.title;
  double u = d->unit;
  double x = r->x + PADDING * u;
  double y = r->y + PADDING * u - 2 * u;
  double w, h;

  draw_panel (d, cr, r);
  if (d->title != NULL)
    {
      show_layout (cr, d->title, d->theme->secondary, x, y);
      layout_size (d->title, &w, &h);
      y += h;
    }
  if (d->date != NULL)
    {
      show_layout (cr, d->date, d->theme->text, x, y);
      layout_size (d->date, &w, &h);
      y += h;
    }
  if (d->as_of != NULL)
    {
      show_layout (cr, d->as_of, d->theme->secondary, x, y);
      layout_size (d->as_of, &w, &h);
      y += h;
    }
  if (d->note != NULL)
    show_layout (cr, d->note, d->theme->secondary, x, y + 6 * u);
}

static void
draw_legend (FrontlineExportDecorations *d,
             cairo_t                    *cr)
{
  const FrontlineExportRect *r = &d->layout.legend;
  double u = d->unit;
  double x = r->x + PADDING * u;
  double y = r->y + PADDING * u;

  draw_panel (d, cr, r);
  for (guint i = 0; i < d->legend->len; i++)
    {
      LegendRow *row = &g_array_index (d->legend, LegendRow, i);
      double w, h;
      double line;

      layout_size (row->label, &w, &h);
      line = MAX (h, SWATCH_H * u);

      /* The swatch in screen pixels scaled to the unit, so its hatch and
       * outline match the map's at the same scale. */
      cairo_save (cr);
      cairo_translate (cr, x, y + (line - SWATCH_H * u) / 2);
      cairo_scale (cr, u, u);
      if (!row->more && row->change != 0)
        frontline_painter_draw_change_swatch (cr, 0, 0, SWATCH_W, SWATCH_H, row->rgb, row->change == 1);
      else if (!row->more)
        frontline_painter_draw_swatch (cr, 0, 0, SWATCH_W, SWATCH_H, row->rgb, row->status, row->approximate);
      cairo_restore (cr);

      show_layout (cr, row->label, d->theme->text, x + (SWATCH_W + 10) * u, y + (line - h) / 2);
      y += line + 6 * u;
    }
}

static void
draw_scale_bar (FrontlineExportDecorations *d,
                cairo_t                    *cr)
{
  const FrontlineExportRect *bar = &d->layout.bar;
  const double *rgb = d->theme->text;
  double u = d->unit;
  double tick = MAX (round (2 * u), 1.0);
  double w, h;

  draw_panel (d, cr, &d->layout.scale_bar);

  /* The label centred over the bar. */
  layout_size (d->bar_label, &w, &h);
  show_layout (cr, d->bar_label, rgb, bar->x + (bar->width - w) / 2, bar->y - 4 * u - h);

  /* The bar and its end ticks, all within its length. */
  cairo_new_path (cr);
  cairo_rectangle (cr, bar->x, bar->y, bar->width, bar->height);
  cairo_rectangle (cr, bar->x, bar->y - 4 * u, tick, 4 * u);
  cairo_rectangle (cr, bar->x + bar->width - tick, bar->y - 4 * u, tick, 4 * u);
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_fill (cr);
}

static void
draw_credits (FrontlineExportDecorations *d,
              cairo_t                    *cr)
{
  const FrontlineExportRect *r = &d->layout.attribution;
  double u = d->unit;

  draw_panel (d, cr, r);
  show_layout (cr, d->credits, d->theme->secondary, r->x + PADDING * u, r->y + PADDING * u);
}

static void
draw_sources (FrontlineExportDecorations *d,
              cairo_t                    *cr)
{
  const FrontlineExportRect *r = &d->layout.sources;
  double u = d->unit;

  draw_panel (d, cr, r);
  show_layout (cr, d->sources, d->theme->text, r->x + PADDING * u, r->y + PADDING * u);
}

void
frontline_export_decorations_draw (FrontlineExportDecorations *d,
                                   cairo_t                    *cr)
{
  cairo_save (cr);
  pango_cairo_update_context (cr, d->context);

  if (d->layout.title.width > 0)
    draw_title (d, cr);
  if (d->layout.legend.width > 0)
    draw_legend (d, cr);
  if (d->layout.scale_bar.width > 0)
    draw_scale_bar (d, cr);
  if (d->layout.sources.width > 0)
    draw_sources (d, cr);
  if (d->layout.changes.width > 0)
    {
      draw_panel (d, cr, &d->layout.changes);
      show_layout (cr, d->changes, d->theme->text, d->layout.changes.x + PADDING * d->unit,
                   d->layout.changes.y + PADDING * d->unit);
    }
  draw_credits (d, cr);

  cairo_restore (cr);
}

