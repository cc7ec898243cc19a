/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "frontline-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FrontlineApplication) app = NULL;

  /* Before GTK reads its environment, and before any thread. */
  frontline_application_choose_renderer ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = frontline_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
