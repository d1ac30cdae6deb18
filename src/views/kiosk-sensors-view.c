/* kiosk-sensors-view.c: the sensors area */

#define G_LOG_DOMAIN "kiosk-sensors-view"

#include "config.h"

#include "kiosk-sensors-view.h"

GtkWidget *
kiosk_sensors_view_new (KioskConfig     *config,
                     KioskSourceList *sources)
{
  /* Not built yet: the window shows the empty state. */
  return NULL;
}
