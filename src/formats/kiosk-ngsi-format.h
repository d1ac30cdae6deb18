/* kiosk-ngsi-format.h: FIWARE NGSI-v2 /v2/entities → KioskReading */
#pragma once

#include "kiosk-format.h"

G_BEGIN_DECLS

/* Source options besides the reading kinds' (see kiosk-reading-kind.h):
 *   page-size=100       entities per request (limit, at most 1000)
 *   max-pages=20        how many pages (offset) are requested
 * Headers such as Fiware-Service and Fiware-ServicePath are the source's
 * headers and sent by the fetcher. */
/* The table entry is kiosk_format_ngsi_v2 (kiosk-formats.h). */

/* "https://host/v2" → ".../v2/entities?limit=100&options=count"; an
 * entities URL keeps its own parameters and gets options=count. */
char *kiosk_ngsi_request_url (const char              *configured_url,
                              const KioskParseContext *ctx);

G_END_DECLS
