/* kiosk-log.c: structured log lines for the events staff filter on */

#include "config.h"

#include "kiosk-log.h"

/* 128-bit ids as journald expects them: 32 lower-case hex digits. */
static const char * const message_ids[] = {
  [KIOSK_LOG_SOURCE_REFRESHED] = "bd6f7848a8364c1f8e3046ca0f26d03d",
  [KIOSK_LOG_SOURCE_FAILED] = "baaf7dbda4dd4ec99ff44ac88f9c94fa",
  [KIOSK_LOG_ANSWER_DELIVERED] = "396567b6775f45568267cd94da53f318",
  [KIOSK_LOG_ANSWER_SET_ASIDE] = "eba92158bdc74e148a3127c53d161092",
  [KIOSK_LOG_CONFIG_APPLIED] = "e0532a5bc39d4941a2701fe7d36beba5",
  [KIOSK_LOG_CONFIG_REFUSED] = "015ee1d6d12c4e3e8437b427c1d15627",
  [KIOSK_LOG_HEARTBEAT_DELIVERED] = "e0dd024bf8c84c1697e2dc007c778308",
  [KIOSK_LOG_HEARTBEAT_FAILED] = "4e8b5f29960046949c47db11c71514c6",
};

const char *
kiosk_log_event_get_message_id (KioskLogEvent event)
{
  g_return_val_if_fail ((guint) event < G_N_ELEMENTS (message_ids), NULL);

  return message_ids[event];
}

void
kiosk_log_event (const char    *domain,
                 GLogLevelFlags level,
                 KioskLogEvent  event,
                 const char    *source,
                 const char    *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;
  GLogField fields[] = {
    { "MESSAGE", NULL, -1 },
    { "MESSAGE_ID", kiosk_log_event_get_message_id (event), -1 },
    { "GLIB_DOMAIN", domain, -1 },
    { "ANKERORT_SOURCE", source, -1 },
  };
  gsize n_fields = G_N_ELEMENTS (fields);

  g_return_if_fail ((guint) event < G_N_ELEMENTS (message_ids));

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fields[0].value = message;

  /* g_log_structured_array () wants the domain only when there is one. */
  if (source == NULL)
    n_fields--;
  if (domain == NULL)
    {
      fields[2] = fields[3];
      n_fields--;
    }

  g_log_structured_array (level, fields, n_fields);
}
