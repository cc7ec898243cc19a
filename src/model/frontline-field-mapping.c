/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "frontline-field-mapping.h"

G_DEFINE_BOXED_TYPE (FrontlineFieldMapping, frontline_field_mapping,
                     frontline_field_mapping_copy, frontline_field_mapping_free)

FrontlineFieldMapping *
frontline_field_mapping_new (void)
{
  return g_new0 (FrontlineFieldMapping, 1);
}

FrontlineFieldMapping *
frontline_field_mapping_copy (const FrontlineFieldMapping *self)
{
  FrontlineFieldMapping *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = frontline_field_mapping_new ();
  copy->date_field = g_strdup (self->date_field);
  copy->end_field = g_strdup (self->end_field);
  copy->faction_field = g_strdup (self->faction_field);
  copy->status_field = g_strdup (self->status_field);
  copy->faction_value = g_strdup (self->faction_value);
  copy->status_value = g_strdup (self->status_value);

  return copy;
}

void
frontline_field_mapping_free (FrontlineFieldMapping *self)
{
  if (self == NULL)
    return;

  g_free (self->date_field);
  g_free (self->end_field);
  g_free (self->faction_field);
  g_free (self->status_field);
  g_free (self->faction_value);
  g_free (self->status_value);
  g_free (self);
}

gboolean
frontline_field_mapping_equal (const FrontlineFieldMapping *a,
                               const FrontlineFieldMapping *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strcmp0 (a->date_field, b->date_field) == 0 &&
         g_strcmp0 (a->end_field, b->end_field) == 0 &&
         g_strcmp0 (a->faction_field, b->faction_field) == 0 &&
         g_strcmp0 (a->status_field, b->status_field) == 0 &&
         g_strcmp0 (a->faction_value, b->faction_value) == 0 &&
         g_strcmp0 (a->status_value, b->status_value) == 0;
}

/* Enough to read areas: a date, and a side from a field or for all. */
gboolean
frontline_field_mapping_is_complete (const FrontlineFieldMapping *self)
{
  return self != NULL && self->date_field != NULL && *self->date_field != '\0' &&
         ((self->faction_field != NULL && *self->faction_field != '\0') ||
          (self->faction_value != NULL && *self->faction_value != '\0'));
}

static const char * const keys[] = {
  "date", "end", "faction", "status", "faction-value", "status-value",
};

static char **
member (FrontlineFieldMapping *self,
        guint                  i)
{
  char **members[] = {
    &self->date_field, &self->end_field, &self->faction_field, &self->status_field,
    &self->faction_value, &self->status_value,
  };

  return members[i];
}

/* A GVariant dictionary's text (a{ss}), for settings: what is unset is left
 * out. */
char *
frontline_field_mapping_to_string (const FrontlineFieldMapping *self)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));
  g_autoptr(GVariant) value = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *text = *member ((FrontlineFieldMapping *) self, i);

      if (text != NULL)
        g_variant_builder_add (&builder, "{ss}", keys[i], text);
    }

  value = g_variant_ref_sink (g_variant_builder_end (&builder));
  return g_variant_print (value, FALSE);
}

/* Returns: (nullable): the mapping, or NULL when @text is not one */
FrontlineFieldMapping *
frontline_field_mapping_from_string (const char *text)
{
  g_autoptr(GVariant) value = NULL;
  g_autoptr(FrontlineFieldMapping) self = NULL;

  if (text == NULL)
    return NULL;

  value = g_variant_parse (G_VARIANT_TYPE ("a{ss}"), text, NULL, NULL, NULL);
  if (value == NULL)
    return NULL;

  self = frontline_field_mapping_new ();
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *found = NULL;

      if (g_variant_lookup (value, keys[i], "&s", &found) && found[0] != '\0')
        *member (self, i) = g_strdup (found);
    }

  return g_steal_pointer (&self);
}

/* Load options */

struct _FrontlineLoadOptions
{
  gatomicrefcount  ref_count;
  GHashTable      *mappings;  /* layer name, "" for every layer → FrontlineFieldMapping */
  gboolean         has_bbox;
  double           bbox[4];
};

G_DEFINE_BOXED_TYPE (FrontlineLoadOptions, frontline_load_options,
                     frontline_load_options_ref, frontline_load_options_unref)

FrontlineLoadOptions *
frontline_load_options_new (void)
{
  FrontlineLoadOptions *self = g_new0 (FrontlineLoadOptions, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->mappings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) frontline_field_mapping_free);
  return self;
}

FrontlineLoadOptions *
frontline_load_options_ref (FrontlineLoadOptions *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
frontline_load_options_unref (FrontlineLoadOptions *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_hash_table_unref (self->mappings);
      g_free (self);
    }
}

/**
 * frontline_load_options_set_mapping:
 * @layer: (nullable): a layer's name, or %NULL for every layer without one
 *   of its own
 * @mapping: (nullable): %NULL to remove it
 */
void
frontline_load_options_set_mapping (FrontlineLoadOptions        *self,
                                    const char                  *layer,
                                    const FrontlineFieldMapping *mapping)
{
  g_return_if_fail (self != NULL);

  if (mapping == NULL)
    g_hash_table_remove (self->mappings, layer ? layer : "");
  else
    g_hash_table_replace (self->mappings, g_strdup (layer ? layer : ""),
                          frontline_field_mapping_copy (mapping));
}

/* Returns: (nullable): @layer's mapping, else the one for every layer */
const FrontlineFieldMapping *
frontline_load_options_get_mapping (FrontlineLoadOptions *self,
                                    const char           *layer)
{
  const FrontlineFieldMapping *mapping = NULL;

  if (self == NULL)
    return NULL;

  if (layer != NULL)
    mapping = g_hash_table_lookup (self->mappings, layer);
  if (mapping == NULL)
    mapping = g_hash_table_lookup (self->mappings, "");

  return mapping;
}

gboolean
frontline_load_options_has_mapping (FrontlineLoadOptions *self)
{
  return self != NULL && g_hash_table_size (self->mappings) > 0;
}

void
frontline_load_options_set_bbox (FrontlineLoadOptions *self,
                                 const double          bbox[4])
{
  g_return_if_fail (self != NULL);

  self->has_bbox = bbox != NULL;
  if (bbox != NULL)
    memcpy (self->bbox, bbox, sizeof self->bbox);
}

gboolean
frontline_load_options_get_bbox (FrontlineLoadOptions *self,
                                 double                bbox[4])
{
  if (self == NULL || !self->has_bbox)
    return FALSE;

  memcpy (bbox, self->bbox, sizeof self->bbox);
  return TRUE;
}
