/* kiosk-demo-sensors.c: Musterdorf's sensors in the demo city */

#define G_LOG_DOMAIN "kiosk-demo-sensors"

#include "config.h"

#include "kiosk-demo.h"

void
kiosk_demo_sensors_install (KioskDemoServer *server,
                         GPtrArray       *sources)
{
  /* Musterdorf publishes no sensors yet. */
}
