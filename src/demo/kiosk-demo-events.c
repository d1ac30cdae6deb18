/* kiosk-demo-events.c: Musterdorf's events in the demo city */

#define G_LOG_DOMAIN "kiosk-demo-events"

#include "config.h"

#include "kiosk-demo.h"

void
kiosk_demo_events_install (KioskDemoServer *server,
                         GPtrArray       *sources)
{
  /* Musterdorf publishes no events yet. */
}
