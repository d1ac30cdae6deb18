/* kiosk-demo-sensors.h: Musterdorf's sensor services (SensorThings and NGSI-v2) */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define KIOSK_DEMO_SENSORTHINGS_PATH "/sensors/FROST-Server/v1.1"
#define KIOSK_DEMO_NGSI_PATH         "/sensors/orion/v2"
#define KIOSK_DEMO_FIWARE_SERVICE    "musterdorf"
#define KIOSK_DEMO_FIWARE_PATH       "/umwelt"

/* The value a demo property has at @unix_time: smooth daily curves (warm
 * afternoons, rush-hour NO2, full car parks at noon) with a little noise
 * that is the same on every call. */
double  kiosk_demo_sensors_value     (const char *property,
                                      guint       station,
                                      gint64      unix_time);

/* A SensorThings Things page (newest observations first, 24 hours in
 * 10-minute steps) with @iot.nextLink built from @request_url. */
GBytes *kiosk_demo_sensors_things    (GDateTime  *now,
                                      const char *request_url,
                                      guint       skip,
                                      guint       top);
/* An NGSI-v2 /v2/entities answer; @total is what Fiware-Total-Count says. */
GBytes *kiosk_demo_sensors_entities  (GDateTime  *now,
                                      guint       offset,
                                      guint       limit,
                                      gboolean    key_values,
                                      guint      *total);

/* The two services as SoupServer handlers (any thread, pure). */
void    kiosk_demo_sensors_things_handler   (SoupServer        *server,
                                             SoupServerMessage *msg,
                                             const char        *path,
                                             GHashTable        *query,
                                             gpointer           user_data);
void    kiosk_demo_sensors_entities_handler (SoupServer        *server,
                                             SoupServerMessage *msg,
                                             const char        *path,
                                             GHashTable        *query,
                                             gpointer           user_data);

G_END_DECLS
