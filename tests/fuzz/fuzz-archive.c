/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What a PostGIS archive's server sends, read the way frontline-archive.c
 * reads it, with no server. The first byte picks the part, the rest is what
 * the server sent:
 *   w  hex WKB (a fetch's or a comparison's geometry);
 *   b  raw WKB, turned into hex first;
 *   m  the frontline_datasets row: title NUL document NUL features;
 *   d  a date column's text.
 * Other first bytes pick by their value. */

#include <math.h>

#include "fuzz-dataset-common.h"
#include "frontline-archive-private.h"
#include "frontline-model-private.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static void
check_error (const char   *what,
             const GError *error)
{
  if (error == NULL || error->message == NULL || error->message[0] == '\0' ||
      !g_utf8_validate (error->message, -1, NULL))
    {
      fprintf (stderr, "fuzz: %s failed without a readable error\n", what);
      abort ();
    }
}

static void
read_wkb (const char *hex,
          gboolean    allow_empty)
{
  g_autoptr(GError) error = NULL;
  FrontlineGeometry *geometry;

  geometry = frontline_archive_geometry_from_hex_wkb (hex, allow_empty, &error);
  if (geometry == NULL)
    {
      check_error ("reading hex WKB", error);
      return;
    }
  if (!allow_empty && geometry->n_points == 0)
    {
      fprintf (stderr, "fuzz: an empty geometry was taken\n");
      abort ();
    }
  for (guint i = 0; i < geometry->n_points; i++)
    {
      double x = geometry->coords[2 * i], y = geometry->coords[2 * i + 1];

      if (!isfinite (x) || !isfinite (y) || fabs (x) > 180.0 || fabs (y) > 90.0)
        {
          fprintf (stderr, "fuzz: a point (%g, %g) outside lon/lat was taken\n", x, y);
          abort ();
        }
    }
  frontline_geometry_unref (geometry);
}

static void
read_row (const char *data,
          size_t      size)
{
  g_autoptr(FrontlineDataset) dataset = frontline_dataset_new_empty (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_strndup (data, size);
  FrontlineLoaderBuilder b = { 0 };
  const char *title = copy;
  const char *document = "{}";
  const char *features = "[]";
  size_t length = strlen (copy);

  /* The texts as libpq gives them: NUL-terminated, so NUL separates them. */
  if (length + 1 < size)
    {
      document = data + length + 1;
      length += 1 + strlen (document);
      if (length + 1 < size)
        features = data + length + 1;
    }

  b.dataset = dataset;
  b.file = "fuzz";
  b.colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (frontline_archive_read_dataset_row (&b, "fuzz", "public", "areas", title, document,
                                          features, NULL, &error))
    fuzz_check_texts (dataset);
  else
    check_error ("reading the dataset row", error);
  g_hash_table_unref (b.colors);
}

static void
read_date (const char *text)
{
  FrontlineDay day, again;
  g_autofree char *iso = NULL;

  if (!frontline_day_parse (text, &day))
    return;
  iso = frontline_day_format_as (day, FRONTLINE_DAY_FORMAT_ISO);
  if (iso == NULL || !g_utf8_validate (iso, -1, NULL) || !frontline_day_parse (iso, &again) ||
      again != day)
    {
      fprintf (stderr, "fuzz: a date read from the server does not read back from %s\n",
               iso ? iso : "(null)");
      abort ();
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char parts[] = "wbmd";
  g_autofree char *text = NULL;
  char part;

  fuzz_init ();
  if (size < 1)
    return 0;

  part = strchr (parts, (char) data[0]) && data[0] != '\0' ? (char) data[0]
                                                           : parts[data[0] % 4];
  /* What libpq hands out: the bytes up to a NUL, NUL-terminated. */
  text = g_strndup ((const char *) data + 1, size - 1);

  switch (part)
    {
    case 'w':
      read_wkb (text, FALSE);
      read_wkb (text, TRUE);
      break;
    case 'b':
      {
        g_autoptr(GString) hex = g_string_sized_new (2 * size);

        for (size_t i = 1; i < size; i++)
          g_string_append_printf (hex, "%02X", data[i]);
        read_wkb (hex->str, FALSE);
        read_wkb (hex->str, TRUE);
      }
      break;
    case 'm':
      {
        /* A NUL-terminated copy of the whole rest, NULs kept as separators. */
        g_autofree char *rest = g_malloc (size);

        memcpy (rest, data + 1, size - 1);
        rest[size - 1] = '\0';
        read_row (rest, size - 1);
      }
      break;
    default:
      read_date (text);
      break;
    }

  return 0;
}
