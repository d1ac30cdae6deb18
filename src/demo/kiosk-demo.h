/* kiosk-demo.h: the demo town Musterdorf: its server and its sources */
#pragma once

#include <glib.h>

#include "kiosk-demo-server.h"

G_BEGIN_DECLS

/* Starts the demo server and installs every area's routes; appends their
 * KioskSourceConfig* to @sources. */
KioskDemoServer *kiosk_demo_start (GPtrArray  *sources,
                                   GError    **error);

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
/* Public warnings: a CAP Atom feed and its switch (kiosk-demo-alerts.c). */
void kiosk_demo_alerts_install  (KioskDemoServer *server,
                                 GPtrArray       *sources);
/* The map: Musterdorf's MBTiles file drawn at build time (no server route). */
void kiosk_demo_tiles_install   (KioskDemoServer *server,
                                 GPtrArray       *sources);
char *kiosk_demo_tiles_get_path (void);
/* The attract loop: a folder in the user's cache, filled on first run. */
void kiosk_demo_media_install   (KioskDemoServer *server,
                                 GPtrArray       *sources);

G_END_DECLS
