/* kiosk-map-view.c: the map area */

#define G_LOG_DOMAIN "kiosk-map-view"

#include "config.h"

#include "kiosk-map-view.h"

GtkWidget *
kiosk_map_view_new (KioskConfig     *config,
                     KioskSourceList *sources)
{
  /* Not built yet: the window shows the empty state. */
  return NULL;
}
