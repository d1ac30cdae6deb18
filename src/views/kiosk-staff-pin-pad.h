/* kiosk-staff-pin-pad.h: the PIN pad in front of the staff panel */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-config.h"
#include "kiosk-services.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_STAFF_PIN_PAD (kiosk_staff_pin_pad_get_type ())

G_DECLARE_FINAL_TYPE (KioskStaffPinPad, kiosk_staff_pin_pad, KIOSK, STAFF_PIN_PAD, GtkWidget)

/* Emits "unlocked" when the right PIN was entered. */
GtkWidget  *kiosk_staff_pin_pad_new       (KioskConfig      *config,
                                           KioskServices    *services);
/* Forgets the digits typed and shows the state of the lockout. */
void        kiosk_staff_pin_pad_clear     (KioskStaffPinPad *self);
/* The key with @label ("0".."9", "Delete", "OK"): tests press it. */
GtkWidget  *kiosk_staff_pin_pad_get_key   (KioskStaffPinPad *self,
                                           const char       *label);
/* What the pad says now (wrong PIN, locked, checking...). */
const char *kiosk_staff_pin_pad_get_message (KioskStaffPinPad *self);

G_END_DECLS
