/* kiosk-idle-monitor.h: counts down from the last touch to the idle reset */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_IDLE_MONITOR (kiosk_idle_monitor_get_type ())

G_DECLARE_FINAL_TYPE (KioskIdleMonitor, kiosk_idle_monitor, KIOSK, IDLE_MONITOR, GObject)

/* Seconds of countdown shown before the reset. */
#define KIOSK_IDLE_COUNTDOWN 10

KioskIdleMonitor *kiosk_idle_monitor_new           (guint             timeout_seconds);
/* Watches every input event that reaches @widget (capture phase). */
void              kiosk_idle_monitor_watch         (KioskIdleMonitor *self,
                                                    GtkWidget        *widget);
/* Takes effect with the next input (or activation): a countdown already
 * running keeps its end. */
void              kiosk_idle_monitor_set_timeout   (KioskIdleMonitor *self,
                                                    guint             timeout_seconds);
guint             kiosk_idle_monitor_get_timeout   (KioskIdleMonitor *self);
/* Counting only runs while active (not in attract mode). */
void              kiosk_idle_monitor_set_active    (KioskIdleMonitor *self,
                                                    gboolean          active);
gboolean          kiosk_idle_monitor_get_active    (KioskIdleMonitor *self);
/* Seconds left before the reset; G_MAXUINT when inactive. */
guint             kiosk_idle_monitor_get_remaining (KioskIdleMonitor *self);
void              kiosk_idle_monitor_poke          (KioskIdleMonitor *self);

G_END_DECLS
