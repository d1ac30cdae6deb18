/* kiosk-heartbeat.h: the kiosk's status posted to the city every few minutes */
#pragma once

#include <gio/gio.h>

#include "kiosk-outbox.h"
#include "kiosk-status.h"

G_BEGIN_DECLS

#define KIOSK_HEARTBEAT_ERROR (kiosk_heartbeat_error_quark ())

typedef enum
{
  KIOSK_HEARTBEAT_ERROR_FAILED,
  KIOSK_HEARTBEAT_ERROR_INVALID_URL,
} KioskHeartbeatError;

#define KIOSK_TYPE_HEARTBEAT (kiosk_heartbeat_get_type ())

G_DECLARE_FINAL_TYPE (KioskHeartbeat, kiosk_heartbeat, KIOSK, HEARTBEAT, GObject)

GQuark          kiosk_heartbeat_error_quark (void);
/* Heartbeats are @status's document, queued in @outbox: its sender POSTs
 * them with the answers' retries and idempotency keys. */
KioskHeartbeat *kiosk_heartbeat_new         (KioskStatus     *status,
                                             KioskOutbox     *outbox);
/* Where to POST (http or https); NULL or "": no heartbeat, and one still
 * waiting is taken back. An invalid URL is refused with a warning. */
gboolean        kiosk_heartbeat_set_url     (KioskHeartbeat  *self,
                                             const char      *url,
                                             GError         **error);
const char     *kiosk_heartbeat_get_url     (KioskHeartbeat  *self);
/* Minutes between heartbeats (at least 1). The first one goes soon
 * after the URL is set, so that a restarted kiosk is seen at once. */
void            kiosk_heartbeat_set_interval (KioskHeartbeat *self,
                                             guint            minutes);
/* Queues a heartbeat now (in place of one still waiting). */
gboolean        kiosk_heartbeat_beat        (KioskHeartbeat  *self,
                                             GError         **error);

G_END_DECLS
