/* kiosk-watchdog.h: tells systemd the kiosk is ready, and that its main loop still runs */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KIOSK_WATCHDOG_ERROR (kiosk_watchdog_error_quark ())

typedef enum
{
  KIOSK_WATCHDOG_ERROR_FAILED,
  KIOSK_WATCHDOG_ERROR_ADDRESS,   /* NOTIFY_SOCKET is no socket address */
} KioskWatchdogError;

#define KIOSK_TYPE_WATCHDOG (kiosk_watchdog_get_type ())

G_DECLARE_FINAL_TYPE (KioskWatchdog, kiosk_watchdog, KIOSK, WATCHDOG, GObject)

GQuark         kiosk_watchdog_error_quark       (void);
/* From $NOTIFY_SOCKET and $WATCHDOG_USEC, as systemd sets them for a
 * Type=notify service; without NOTIFY_SOCKET every call does nothing. */
KioskWatchdog *kiosk_watchdog_new_from_environment (void);
/* @socket_path: a file system path, or "@name" for an abstract socket;
 * @interval_us: how often systemd wants WATCHDOG=1 (0: it does not). */
KioskWatchdog *kiosk_watchdog_new               (const char     *socket_path,
                                                 guint64         interval_us);
gboolean       kiosk_watchdog_get_enabled       (KioskWatchdog  *self);
/* Sends @state ("READY=1", "STATUS=…", …) to systemd. */
gboolean       kiosk_watchdog_notify            (KioskWatchdog  *self,
                                                 const char     *state,
                                                 GError        **error);
/* Sends WATCHDOG=1 from the main loop at half the interval systemd asked
 * for: when the main loop hangs, the pings stop and systemd restarts the
 * kiosk, even though its process still lives. */
void           kiosk_watchdog_start             (KioskWatchdog  *self);
void           kiosk_watchdog_stop              (KioskWatchdog  *self);

G_END_DECLS
