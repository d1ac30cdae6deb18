/* kiosk-alerts.h: the public warnings that apply to this kiosk now, most severe first */
#pragma once

#include <gio/gio.h>

#include "kiosk-alert.h"
#include "kiosk-types.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_ALERTS (kiosk_alerts_get_type ())

G_DECLARE_FINAL_TYPE (KioskAlerts, kiosk_alerts, KIOSK, ALERTS, GObject)

/* A GListModel of KioskAlert: one info block per alert (in the language
 * set, see kiosk_alerts_set_language) of every alert in @items that has
 * status Actual, applies to the kiosk's position or geocodes, has not
 * expired and was not replaced (Update) or withdrawn (Cancel). Signal
 * "state-changed" (KioskAlert *alert, const char *state) with state
 * "raised", "updated", "cancelled", "expired" or "withdrawn" (gone from
 * its source or no longer applying); each is logged with the identifier. */
KioskAlerts *kiosk_alerts_new            (GListModel         *items);

void         kiosk_alerts_set_position   (KioskAlerts        *self,
                                          gboolean            has_position,
                                          double              latitude,
                                          double              longitude);
/* "NAME=VALUE" each; NULL for none. */
void         kiosk_alerts_set_geocodes   (KioskAlerts        *self,
                                          const char * const *geocodes);
/* The least severity and urgency ("Severe", "Expected") that take over. */
void         kiosk_alerts_set_minimum    (KioskAlerts        *self,
                                          const char         *severity,
                                          const char         *urgency);
/* The UI language ("de", "en"). Which info block is shown: one in this
 * language (the same tag, then the same primary language), else English,
 * else the alert's first info block. */
void         kiosk_alerts_set_language   (KioskAlerts        *self,
                                          const char         *language);
/* Position, geocodes and minimum from the settings, following changes. */
void         kiosk_alerts_set_config     (KioskAlerts        *self,
                                          KioskConfig        *config);

/* TRUE when @alert reaches the minimum: it takes over the screen. */
gboolean     kiosk_alerts_takes_over     (KioskAlerts        *self,
                                          KioskAlert         *alert);
/* Property "takeover-active": an alert that takes over is in the model. */
gboolean     kiosk_alerts_get_takeover_active (KioskAlerts   *self);

G_END_DECLS
