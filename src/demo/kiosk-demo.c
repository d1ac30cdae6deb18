/* kiosk-demo.c: the demo town Musterdorf: its server and its sources */

#define G_LOG_DOMAIN "kiosk-demo"

#include "config.h"

#include "kiosk-demo.h"
#include "kiosk-source-config.h"

KioskDemoServer *
kiosk_demo_start (GPtrArray  *sources,
                  GError    **error)
{
  g_autoptr(KioskDemoServer) server = kiosk_demo_server_new ();

  g_return_val_if_fail (sources != NULL, NULL);

  if (!kiosk_demo_server_start (server, error))
    return NULL;

  kiosk_demo_places_install (server, sources);
  kiosk_demo_events_install (server, sources);
  kiosk_demo_sensors_install (server, sources);
  kiosk_demo_surveys_install (server, sources);
  kiosk_demo_tiles_install (server, sources);

  return g_steal_pointer (&server);
}
