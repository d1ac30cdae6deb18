/* kiosk-cap-format.h: public warnings from OASIS CAP 1.2 documents and the Atom and RSS feeds that carry them */
#pragma once

#include "kiosk-format.h"

G_BEGIN_DECLS

/* A CAP document is a few kB and a feed of them rarely 1 MB. */
#define KIOSK_CAP_MAX_BYTES      (8 * 1024 * 1024)
#define KIOSK_CAP_MAX_DEPTH      64      /* element nesting */
#define KIOSK_CAP_MAX_ALERTS     500     /* per document or feed */
#define KIOSK_CAP_MAX_INFOS      16      /* info blocks per alert */
#define KIOSK_CAP_MAX_AREAS      64      /* areas per info block */
#define KIOSK_CAP_MAX_POINTS     20000   /* points per polygon */
#define KIOSK_CAP_MAX_LINKED     100     /* linked documents per feed */

gboolean kiosk_cap_parse (GBytes                  *bytes,
                          const KioskParseContext *ctx,
                          KioskParseResult        *result,
                          GError                 **error);

G_END_DECLS
