/* kiosk-demo-places.c: Musterdorf's places in the demo city */

#define G_LOG_DOMAIN "kiosk-demo-places"

#include "config.h"

#include "kiosk-demo.h"

void
kiosk_demo_places_install (KioskDemoServer *server,
                         GPtrArray       *sources)
{
  /* Musterdorf publishes no places yet. */
}
