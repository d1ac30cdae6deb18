/* kiosk-sensorthings-format.h: OGC SensorThings API 1.0/1.1 Things → KioskReading */
#pragma once

#include "kiosk-format.h"

G_BEGIN_DECLS

/* Source options besides the reading kinds' (see kiosk-reading-kind.h):
 *   observations=500    observations per Datastream asked for ($top)
 *   history-hours=24    how far back the history reaches
 *   max-pages=20        how many @iot.nextLink pages are followed */
/* The table entry is kiosk_format_sensorthings (kiosk-formats.h). */

/* The Things query for a service root ("https://host/FROST-Server/v1.1");
 * any other URL is returned as it is. */
char *kiosk_sensorthings_request_url (const char              *configured_url,
                                      const KioskParseContext *ctx);

G_END_DECLS
