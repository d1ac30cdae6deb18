/* kiosk-demo-surveys.c: Musterdorf's surveys in the demo city */

#define G_LOG_DOMAIN "kiosk-demo-surveys"

#include "config.h"

#include "kiosk-demo.h"

void
kiosk_demo_surveys_install (KioskDemoServer *server,
                         GPtrArray       *sources)
{
  /* Musterdorf publishes no surveys yet. */
}
