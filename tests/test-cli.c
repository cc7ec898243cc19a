/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdlib.h>

#include "frontline-application.h"

/* These run with DISPLAY and WAYLAND_DISPLAY unset (see tests/meson.build):
 * options that need no display must work without one. */

static int
run_app (const char *first, ...)
{
  g_autoptr(FrontlineApplication) app = frontline_application_new ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (char *) "frontline");
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  return g_application_run (G_APPLICATION (app), argv->len - 1, (char **) argv->pdata);
}

static void
test_version (void)
{
  if (g_test_subprocess ())
    {
      exit (run_app ("--version", NULL));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("frontline " PACKAGE_VERSION "\n");
  g_test_trap_assert_stderr ("");
}

static void
test_help (void)
{
  if (g_test_subprocess ())
    {
      exit (run_app ("--help", NULL));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*Usage:*DATASET*--version*Print the version*");
}

static void
test_unknown_option (void)
{
  if (g_test_subprocess ())
    {
      exit (run_app ("--no-such-option", NULL));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*no-such-option*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/frontline/cli/version", test_version);
  g_test_add_func ("/frontline/cli/help", test_help);
  g_test_add_func ("/frontline/cli/unknown-option", test_unknown_option);

  return g_test_run ();
}
