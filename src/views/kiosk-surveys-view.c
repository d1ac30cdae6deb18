/* kiosk-surveys-view.c: the surveys area */

#define G_LOG_DOMAIN "kiosk-surveys-view"

#include "config.h"

#include "kiosk-surveys-view.h"

GtkWidget *
kiosk_surveys_view_new (KioskConfig     *config,
                     KioskSourceList *sources)
{
  /* Not built yet: the window shows the empty state. */
  return NULL;
}
