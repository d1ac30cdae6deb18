/* main.c: builds the kiosk application and runs it */

#include "config.h"

#include <string.h>

#include "kiosk-application.h"
#include "kiosk-check.h"
#include "kiosk-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KioskApplication) app = NULL;

  kiosk_i18n_init ();

  /* `ankerort check ...` runs without a window or GApplication. */
  if (argc > 1 && strcmp (argv[1], "check") == 0)
    return kiosk_check_main (argc, argv);

  app = kiosk_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
