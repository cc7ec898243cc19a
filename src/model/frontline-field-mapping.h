/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Which of a layer's fields hold what Frontline needs, for files whose
 * fields are not named "date", "faction" and "status" (a shapefile from
 * elsewhere, KML from Google Earth). A field name of NULL means the layer
 * has none; then the fixed value, if any, holds for every feature. */
typedef struct {
  char *date_field;     /* the day an area holds from; required */
  char *end_field;      /* the last day it holds ("valid_until"); optional */
  char *faction_field;  /* the side */
  char *status_field;   /* controlled, claimed or contested; optional */
  char *faction_value;  /* the side of every feature when there is no faction field */
  char *status_value;   /* the status of every feature when there is no status field */
} FrontlineFieldMapping;

#define FRONTLINE_TYPE_FIELD_MAPPING (frontline_field_mapping_get_type ())

GType                  frontline_field_mapping_get_type    (void) G_GNUC_CONST;
FrontlineFieldMapping *frontline_field_mapping_new         (void);
FrontlineFieldMapping *frontline_field_mapping_copy        (const FrontlineFieldMapping *self);
void                   frontline_field_mapping_free        (FrontlineFieldMapping       *self);
gboolean               frontline_field_mapping_equal       (const FrontlineFieldMapping *a,
                                                            const FrontlineFieldMapping *b);
gboolean               frontline_field_mapping_is_complete (const FrontlineFieldMapping *self);
char                  *frontline_field_mapping_to_string   (const FrontlineFieldMapping *self);
FrontlineFieldMapping *frontline_field_mapping_from_string (const char                  *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FrontlineFieldMapping, frontline_field_mapping_free)

/* What a load should do beyond reading the file: the field mapping of
 * files read through GDAL (per layer, or one for every layer), and a box
 * (west, south, east, north in degrees) outside which features need not be
 * read (a GeoPackage's spatial index then reads only what is inside).
 * Reference counted, immutable once a load has it. */
typedef struct _FrontlineLoadOptions FrontlineLoadOptions;

#define FRONTLINE_TYPE_LOAD_OPTIONS (frontline_load_options_get_type ())

GType                        frontline_load_options_get_type    (void) G_GNUC_CONST;
FrontlineLoadOptions        *frontline_load_options_new         (void);
FrontlineLoadOptions        *frontline_load_options_ref         (FrontlineLoadOptions        *self);
void                         frontline_load_options_unref       (FrontlineLoadOptions        *self);
void                         frontline_load_options_set_mapping (FrontlineLoadOptions        *self,
                                                                 const char                  *layer,
                                                                 const FrontlineFieldMapping *mapping);
const FrontlineFieldMapping *frontline_load_options_get_mapping (FrontlineLoadOptions        *self,
                                                                 const char                  *layer);
gboolean                     frontline_load_options_has_mapping (FrontlineLoadOptions        *self);
void                         frontline_load_options_set_bbox    (FrontlineLoadOptions        *self,
                                                                 const double                 bbox[4]);
gboolean                     frontline_load_options_get_bbox    (FrontlineLoadOptions        *self,
                                                                 double                       bbox[4]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FrontlineLoadOptions, frontline_load_options_unref)

G_END_DECLS
