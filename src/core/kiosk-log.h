/* kiosk-log.h: structured log lines for the events staff filter on */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each kind of event has a fixed MESSAGE_ID, so that
 * `journalctl MESSAGE_ID=…` finds it in any version of Ankerort. Append,
 * never change an id. (data/docs/fleet-health.md lists them.) */
typedef enum
{
  KIOSK_LOG_SOURCE_REFRESHED,
  KIOSK_LOG_SOURCE_FAILED,
  KIOSK_LOG_ANSWER_DELIVERED,
  KIOSK_LOG_ANSWER_SET_ASIDE,
  KIOSK_LOG_CONFIG_APPLIED,
  KIOSK_LOG_CONFIG_REFUSED,
  KIOSK_LOG_HEARTBEAT_DELIVERED,
  KIOSK_LOG_HEARTBEAT_FAILED,
} KioskLogEvent;

const char *kiosk_log_event_get_message_id (KioskLogEvent  event);

/* Logs like g_log () in @domain at @level, with MESSAGE_ID for @event and
 * ANKERORT_SOURCE=@source (a source's id, a survey's id, a file name;
 * NULL: none). The message text is the same as an unstructured line's. */
void        kiosk_log_event                (const char    *domain,
                                            GLogLevelFlags level,
                                            KioskLogEvent  event,
                                            const char    *source,
                                            const char    *format,
                                            ...) G_GNUC_PRINTF (5, 6);

G_END_DECLS
