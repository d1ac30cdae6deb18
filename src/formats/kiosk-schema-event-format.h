/* kiosk-schema-event-format.h: the `schema-event` kind: schema.org Events in JSON(-LD) */
#pragma once

#include "kiosk-format.h"

G_BEGIN_DECLS

gboolean kiosk_schema_event_parse (GBytes                  *bytes,
                                   const KioskParseContext *ctx,
                                   KioskParseResult        *result,
                                   GError                 **error);

G_END_DECLS
