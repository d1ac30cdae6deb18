/* kiosk-ical-format.h: the `ical` kind: iCalendar (RFC 5545) feeds via libical */
#pragma once

#include "kiosk-format.h"

G_BEGIN_DECLS

gboolean kiosk_ical_parse (GBytes                  *bytes,
                           const KioskParseContext *ctx,
                           KioskParseResult        *result,
                           GError                 **error);

G_END_DECLS
