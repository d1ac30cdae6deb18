/* kiosk-alert-view.h: public warnings on screen: the full-screen takeover and the banner */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-types.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_ALERT_VIEW (kiosk_alert_view_get_type ())

G_DECLARE_FINAL_TYPE (KioskAlertView, kiosk_alert_view, KIOSK, ALERT_VIEW, GtkWidget)

/* @banner FALSE: the full-screen warning, meant as an overlay above
 * everything; it opens by itself when an alert that takes over is raised
 * or updated, and on kiosk_alert_view_present (). TRUE: the banner for
 * interactive screens, shown while any alert applies, with no way to
 * dismiss it; it emits "open-requested". The full warning emits "closed"
 * when a citizen closes it. */
GtkWidget *kiosk_alert_view_new        (KioskServices  *services,
                                        gboolean        banner);
/* Shows the full warning when an alert takes over (attract, closed screen). */
void       kiosk_alert_view_present    (KioskAlertView *self);
/* Shows the full warning with every alert, minor ones too. */
void       kiosk_alert_view_open       (KioskAlertView *self);
gboolean   kiosk_alert_view_get_open   (KioskAlertView *self);
/* The kiosk's zone, for the time a warning is valid until. */
void       kiosk_alert_view_set_time_zone (KioskAlertView *self,
                                        GTimeZone      *tz);
/* The texts again in the UI language. */
void       kiosk_alert_view_retranslate (KioskAlertView *self);

G_END_DECLS
