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
/* Stops the pings and removes the alive file (when the kiosk quits
 * cleanly; a killed kiosk leaves it behind). */
void           kiosk_watchdog_stop              (KioskWatchdog  *self);

/* Where a kiosk without sd_notify (the Flatpak: its sandbox sees no
 * notify socket, and it runs in a scope of its own) shows that its main
 * loop runs: $XDG_RUNTIME_DIR/app/$FLATPAK_ID/alive inside a Flatpak (the
 * host sees that folder), else $XDG_RUNTIME_DIR/ankerort/alive. */
char          *kiosk_watchdog_get_default_alive_file (void);
/* Before start: the file whose modification time the main loop renews
 * every @interval_ms (NULL: none). data/ankerort-kiosk-alive.service
 * restarts the kiosk when it is older than two minutes. */
void           kiosk_watchdog_set_alive_file    (KioskWatchdog  *self,
                                                 const char     *path,
                                                 guint           interval_ms);

G_END_DECLS
