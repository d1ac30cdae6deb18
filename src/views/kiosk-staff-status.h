/* kiosk-staff-status.h: the staff panel's status at a glance, and maintenance */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-config.h"
#include "kiosk-services.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_STAFF_STATUS (kiosk_staff_status_get_type ())

G_DECLARE_FINAL_TYPE (KioskStaffStatus, kiosk_staff_status, KIOSK, STAFF_STATUS, GtkWidget)

GtkWidget  *kiosk_staff_status_new      (KioskConfig      *config,
                                         KioskServices    *services);
void        kiosk_staff_status_refresh  (KioskStaffStatus *self);
/* The last thing done (export, clear) in words. */
const char *kiosk_staff_status_get_message (KioskStaffStatus *self);

G_END_DECLS
