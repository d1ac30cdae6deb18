/* kiosk-events-view.c: the events area */

#define G_LOG_DOMAIN "kiosk-events-view"

#include "config.h"

#include "kiosk-events-view.h"

GtkWidget *
kiosk_events_view_new (KioskConfig     *config,
                     KioskSourceList *sources)
{
  /* Not built yet: the window shows the empty state. */
  return NULL;
}
