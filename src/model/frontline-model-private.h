/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

/* The model's fields, for the loader that fills them and the writer that
 * reads them back. Everything else uses the public getters. */

#include <json-glib/json-glib.h>

#include "frontline-area.h"
#include "frontline-dataset.h"
#include "frontline-faction.h"
#include "frontline-place.h"
#include "frontline-quote.h"
#include "frontline-source.h"
#include "frontline-stop.h"

G_BEGIN_DECLS

#define FRONTLINE_N_ZOOM_BANDS 3

struct _FrontlineFaction
{
  GObject  parent_instance;
  char    *id;
  char    *name;
  char    *color;
  char    *hatch;
  double   rgb[3];
};

struct _FrontlineSource
{
  GObject  parent_instance;
  char    *id;
  char    *title;
  char    *publisher;
  char    *author;
  char    *url;
  char    *published;
  char    *date_precision;
  char    *language;
  char    *notes;
};

struct _FrontlineQuote
{
  GObject          parent_instance;
  char            *id;
  char            *text;
  char            *speaker;
  char            *role;
  char            *date;
  char            *date_precision;
  char            *source_id;
  char            *place;
  FrontlineDay     day;
  FrontlineSource *source;
  gboolean         has_location;
  double           lon;
  double           lat;
};

struct _FrontlineStop
{
  GObject       parent_instance;
  char         *title;
  char         *date;
  char         *caption;
  FrontlineDay  day;
  FrontlineDay  compare_day;
  char        **quote_ids;
  gboolean      has_center;
  double        lon;
  double        lat;
  double        zoom;
  gboolean      has_bbox;
  double        bbox[4];
  char         *id;           /* the "id" member, or NULL */
  double        duration;     /* seconds the move to this stop takes; < 0: the default */
  char         *notes;        /* the speaker's notes, or NULL */
  GPtrArray    *annotations;  /* (element-type FrontlineAnnotation): drawings on the map; never NULL */
  gboolean      annotations_changed;  /* written back only when edited */
  JsonObject   *object;  /* as read, so saving keeps what Frontline does not know */
};

struct _FrontlinePlace
{
  GObject  parent_instance;
  char    *name;
  char    *name_local;
  double   lon;
  double   lat;
};

struct _FrontlineArea
{
  GObject             parent_instance;
  guint               index;
  char               *id;
  FrontlineDay        day;
  FrontlineDay        valid_until;
  FrontlineFaction   *faction;
  FrontlineStatus     status;
  char              **source_ids;
  gboolean            approximate;
  char               *note;
  FrontlineGeometry  *geometry;
  FrontlineGeometry  *original_geometry;  /* as the file had it, when repaired */
  gboolean            multi;              /* read as a MultiPolygon (saving keeps the type) */
  double              area_m2;            /* set by the loader; NAN until first asked for */

  GMutex              mutex;
  FrontlineGeometry  *simplified[FRONTLINE_N_ZOOM_BANDS];
};

G_END_DECLS

G_BEGIN_DECLS

/* Where a single GeoJSON file's text holds what saving may rewrite. When the
 * root object has several members of one name, the last one counts (as for
 * json-glib), and these spans are those of the last. */
typedef struct {
  char     *path;            /* NULL: not read from one local file (a folder, a stream) */
  guint64   size;            /* as fstat() gave them when the file was read */
  gint64    mtime_ns;
  guint64   device;
  guint64   inode;

  gsize     root_open;       /* the root object's '{' */
  gboolean  has_frontline;   /* the root has a "frontline" member that is an object */
  gsize     frontline_open;  /* its '{' */
  gsize     frontline_close; /* its '}' */
  gboolean  has_stops;       /* that object has a "stops" member */
  gsize     stops_start;     /* its value: [stops_start, stops_end) */
  gsize     stops_end;
} FrontlineSourceText;

/* The areas of one faction with one status, sorted by day (then file order). */
typedef struct {
  FrontlineFaction *faction;
  FrontlineStatus   status;
  GPtrArray        *areas;
} FrontlineLayer;

struct _FrontlineDataset
{
  GObject      parent_instance;

  GFile       *file;
  char        *title;
  char        *description;
  char        *attribution;
  char        *license;
  gboolean     approximate;
  gboolean     is_folder;
  gboolean     has_default_view;
  double       default_view[3];  /* longitude, latitude, zoom */

  GListStore  *factions;
  GListStore  *sources;
  GListStore  *quotes;
  GListStore  *places;
  GListStore  *stops;
  GListStore  *areas;
  GHashTable  *faction_by_id;
  GHashTable  *source_by_id;
  GHashTable  *quote_by_id;

  GArray      *days;          /* FrontlineDay, sorted, distinct */
  GPtrArray   *layers;        /* FrontlineLayer */
  GPtrArray   *diagnostics;   /* FrontlineDiagnostic */

  /* What saving needs to write the file back with nothing lost: the root
   * object without its features, and each feature without the geometry of
   * areas (which the areas keep, packed). */
  JsonObject  *root;
  GPtrArray   *features;      /* JsonObject */
  GPtrArray   *feature_areas; /* FrontlineArea or NULL, parallel to features */

  /* The file as it was read, so that saving copies every byte the user did
   * not change: its identity at the time (saving checks it has not changed
   * since) and where the parts saving may rewrite lie in it. Offsets are
   * bytes from the start of the file (a BOM included). */
  FrontlineSourceText source;

  /* A dataset browsed from PostGIS: its archive (owned), whose last fetch of
   * a day is that day's state; NULL for a dataset read from a file. */
  struct _FrontlineArchive *archive;
};

FrontlineDataset *frontline_dataset_new_empty   (GFile            *file);
JsonObject       *frontline_stop_to_json        (FrontlineStop    *self);
void              frontline_dataset_add_diagnostic (FrontlineDataset *self,
                                                    const char       *location,
                                                    const char       *format,
                                                    ...) G_GNUC_PRINTF (3, 4);
void              frontline_dataset_index       (FrontlineDataset *self);

G_END_DECLS
