/* main.c: builds the kiosk application and runs it */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "kiosk-application.h"
#include "kiosk-check.h"
#include "kiosk-i18n.h"
#include "kiosk-status-service.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KioskApplication) app = NULL;

  /* GLib before 2.76 keeps what its slice allocator freed (every node of a
   * parsed JSON page) and seldom gives it back: a 7 MB SensorThings page
   * left 45 MB behind (tests/bench-sensors). It reads G_SLICE before
   * main (), so Ankerort starts itself again with malloc behind it. */
  if (glib_check_version (2, 76, 0) != NULL && g_getenv ("G_SLICE") == NULL &&
      g_setenv ("G_SLICE", "always-malloc", TRUE))
    execv ("/proc/self/exe", argv);

  kiosk_i18n_init ();

  /* `ankerort check ...` runs without a window or GApplication. */
  if (argc > 1 && strcmp (argv[1], "check") == 0)
    return kiosk_check_main (argc, argv);
  if (argc > 1 && strcmp (argv[1], "status") == 0)
    return kiosk_status_main (argc, argv);

  app = kiosk_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
