/* kiosk-demo.h: the demo town Musterdorf: its server and its sources */
#pragma once

#include <glib.h>

#include "kiosk-demo-server.h"

G_BEGIN_DECLS

/* Each area puts its routes on @server and appends KioskSourceConfig* for
 * them to @sources. One function per area, each in its own file. */
void kiosk_demo_places_install  (KioskDemoServer *server,
                                 GPtrArray       *sources);
void kiosk_demo_events_install  (KioskDemoServer *server,
                                 GPtrArray       *sources);
void kiosk_demo_sensors_install (KioskDemoServer *server,
                                 GPtrArray       *sources);
void kiosk_demo_surveys_install (KioskDemoServer *server,
                                 GPtrArray       *sources);

G_END_DECLS
