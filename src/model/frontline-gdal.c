/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-gdal"

#include "config.h"

#include "frontline-gdal.h"

static gpointer
register_drivers (gpointer data)
{
  GDALAllRegister ();
  return NULL;
}

/**
 * frontline_gdal_init:
 *
 * Registers GDAL's drivers, the first time only; any thread may call it.
 */
void
frontline_gdal_init (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, register_drivers, NULL);
}

/* The failures, in valid UTF-8 (names from a file are in them). */
struct _FrontlineGdalErrors {
  GString *text;   /* every failure, joined by "; " (a couple of thousand bytes at most) */
  char    *first;  /* the first failure since the last take or clear */
};

/* Past this the messages only repeat what came before. */
#define ERRORS_MAX_TEXT 2000

static void CPL_STDCALL
collect_error (CPLErr      level,
               CPLErrorNum number,
               const char *message)
{
  FrontlineGdalErrors *errors = CPLGetErrorHandlerUserData ();
  g_autofree char *valid = NULL;

  if (message == NULL)
    return;
  if (level < CE_Failure)
    {
      g_debug ("GDAL: %s", message);
      return;
    }
  if (errors == NULL)
    return;

  valid = g_utf8_make_valid (message, -1);
  if (errors->first == NULL)
    errors->first = g_strdup (valid);
  if (errors->text->len > ERRORS_MAX_TEXT)
    return;
  if (errors->text->len > 0)
    g_string_append (errors->text, "; ");
  g_string_append (errors->text, valid);
}

/**
 * frontline_gdal_errors_push:
 *
 * Makes GDAL's messages in this thread go to the returned collector instead
 * of stderr: failures are kept, anything less is a debug message. Pair with
 * frontline_gdal_errors_pop() in the same thread.
 *
 * Returns: (transfer full): the collector
 */
FrontlineGdalErrors *
frontline_gdal_errors_push (void)
{
  FrontlineGdalErrors *errors = g_new0 (FrontlineGdalErrors, 1);

  errors->text = g_string_new (NULL);
  CPLPushErrorHandlerEx (collect_error, errors);
  return errors;
}

/**
 * frontline_gdal_errors_pop:
 *
 * Restores the handler from before the push and frees @errors.
 */
void
frontline_gdal_errors_pop (FrontlineGdalErrors *errors)
{
  g_return_if_fail (errors != NULL);

  CPLPopErrorHandler ();
  g_string_free (errors->text, TRUE);
  g_free (errors->first);
  g_free (errors);
}

/* Returns: whether GDAL failed since the push or the last take or clear. */
gboolean
frontline_gdal_errors_any (FrontlineGdalErrors *errors)
{
  g_return_val_if_fail (errors != NULL, FALSE);

  return errors->first != NULL;
}

/* Returns: (nullable): the first failure since the last take or clear. */
const char *
frontline_gdal_errors_peek_first (FrontlineGdalErrors *errors)
{
  g_return_val_if_fail (errors != NULL, NULL);

  return errors->first;
}

/**
 * frontline_gdal_errors_take:
 *
 * Returns: (transfer full) (nullable): every failure since the last take or
 *   clear, joined by "; ", then forgotten; %NULL when none said anything
 */
char *
frontline_gdal_errors_take (FrontlineGdalErrors *errors)
{
  char *text;

  g_return_val_if_fail (errors != NULL, NULL);

  text = errors->text->len > 0 ? g_strdup (errors->text->str) : NULL;
  frontline_gdal_errors_clear (errors);
  return text;
}

/* Forgets the failures so far (one that is expected and handled). */
void
frontline_gdal_errors_clear (FrontlineGdalErrors *errors)
{
  g_return_if_fail (errors != NULL);

  g_string_truncate (errors->text, 0);
  g_clear_pointer (&errors->first, g_free);
}

/**
 * frontline_gdal_new_wgs84:
 *
 * Returns: (transfer full): EPSG:4326 with longitude first, as Frontline's
 *   coordinates are; free with OSRDestroySpatialReference()
 */
OGRSpatialReferenceH
frontline_gdal_new_wgs84 (void)
{
  OGRSpatialReferenceH wgs84 = OSRNewSpatialReference (NULL);

  OSRImportFromEPSG (wgs84, 4326);
  OSRSetAxisMappingStrategy (wgs84, OAMS_TRADITIONAL_GIS_ORDER);
  return wgs84;
}
