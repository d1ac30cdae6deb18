/* kiosk-application.h: the kiosk process: options, settings, sources, window */
#pragma once

#include <adwaita.h>

#include "kiosk-config.h"
#include "kiosk-config-sync.h"
#include "kiosk-outbox.h"
#include "kiosk-source-list.h"
#include "kiosk-status.h"
#include "kiosk-types.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_APPLICATION (kiosk_application_get_type ())

G_DECLARE_FINAL_TYPE (KioskApplication, kiosk_application, KIOSK, APPLICATION, AdwApplication)

KioskApplication *kiosk_application_new          (void);
KioskConfig      *kiosk_application_get_config   (KioskApplication *self);
KioskSourceList  *kiosk_application_get_sources  (KioskApplication *self);
KioskWindow      *kiosk_application_get_window   (KioskApplication *self);
gboolean          kiosk_application_get_demo     (KioskApplication *self);
/* The fleet's config URL: its last result for the status; NULL in the demo. */
KioskConfigSync  *kiosk_application_get_config_sync (KioskApplication *self);
/* Survey answers waiting to be sent; NULL if it could not be opened. */
KioskOutbox      *kiosk_application_get_outbox   (KioskApplication *self);
/* The health document: a feature adds its part with
 * kiosk_status_set_section (). */
KioskStatus      *kiosk_application_get_status   (KioskApplication *self);

G_END_DECLS
