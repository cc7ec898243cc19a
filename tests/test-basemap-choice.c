/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <gio/gio.h>

#include "frontline-basemap-choice.h"
#include "frontline-test-init.h"

static void
assert_choice (const char           *choice,
               FrontlineBasemapKind  expected_kind,
               const char           *expected_argument)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *argument = NULL;
  FrontlineBasemapKind kind = FRONTLINE_BASEMAP_OFFLINE;

  g_assert_true (frontline_basemap_choice_parse (choice, &kind, &argument, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kind, ==, expected_kind);
  g_assert_cmpstr (argument, ==, expected_argument);
}

static void
test_choices (void)
{
  /* The setting's values. */
  assert_choice ("offline", FRONTLINE_BASEMAP_OFFLINE, NULL);
  assert_choice ("openstreetmap", FRONTLINE_BASEMAP_BUILTIN, "openstreetmap");
  assert_choice ("opentopomap", FRONTLINE_BASEMAP_BUILTIN, "opentopomap");
  assert_choice ("custom:https://tiles.example.org/{z}/{x}/{y}.png", FRONTLINE_BASEMAP_CUSTOM,
                 "https://tiles.example.org/{z}/{x}/{y}.png");
  assert_choice ("mbtiles:/data/maps/kharkiv.mbtiles", FRONTLINE_BASEMAP_MBTILES,
                 "/data/maps/kharkiv.mbtiles");
  /* A file whose name says nothing, through the prefix. */
  assert_choice ("mbtiles:/data/maps/tiles.db", FRONTLINE_BASEMAP_MBTILES, "/data/maps/tiles.db");

  /* The command line's shorter forms. */
  assert_choice ("osm", FRONTLINE_BASEMAP_BUILTIN, "openstreetmap");
  assert_choice ("maps/kharkiv.mbtiles", FRONTLINE_BASEMAP_MBTILES, "maps/kharkiv.mbtiles");
  assert_choice (NULL, FRONTLINE_BASEMAP_OFFLINE, NULL);
}

static void
test_round_trip (void)
{
  const char *choices[] = { "offline", "openstreetmap", "custom:https://t.example/{z}/{x}/{y}.png",
                            "mbtiles:/data/maps/kharkiv.mbtiles" };

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      g_autofree char *argument = NULL;
      g_autofree char *again = NULL;
      FrontlineBasemapKind kind;

      g_assert_true (frontline_basemap_choice_parse (choices[i], &kind, &argument, NULL));
      again = frontline_basemap_choice_to_string (kind, argument);
      g_assert_cmpstr (again, ==, choices[i]);
    }
}

static void
test_unknown (void)
{
  const char *bad[] = { "", "google", "OSM", "custom:", "mbtiles:", "tiles.db" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *argument = NULL;
      FrontlineBasemapKind kind;

      g_assert_false (frontline_basemap_choice_parse (bad[i], &kind, &argument, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      g_assert_null (argument);
    }
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, NULL);

  g_test_add_func ("/frontline/basemap-choice/choices", test_choices);
  g_test_add_func ("/frontline/basemap-choice/round-trip", test_round_trip);
  g_test_add_func ("/frontline/basemap-choice/unknown", test_unknown);

  return g_test_run ();
}
