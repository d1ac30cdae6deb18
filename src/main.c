/* main.c: builds the kiosk application and runs it */

#include "config.h"

#include "kiosk-application.h"
#include "kiosk-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KioskApplication) app = NULL;

  kiosk_i18n_init ();

  app = kiosk_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
