/* kiosk-staff-settings.h: a staff panel page that edits a list of settings keys */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-config.h"
#include "kiosk-osk.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_STAFF_SETTINGS (kiosk_staff_settings_get_type ())

G_DECLARE_FINAL_TYPE (KioskStaffSettings, kiosk_staff_settings, KIOSK, STAFF_SETTINGS, GtkWidget)

/* One row per key of @keys (NULL-terminated), each with a control that
 * fits the key's type; "Save" checks every value, then writes them all at
 * once (the kiosk applies them live). */
GtkWidget  *kiosk_staff_settings_new        (KioskConfig        *config,
                                             const char * const *keys);
/* The control of @key (a GtkEntry, GtkSpinButton, GtkSwitch or GtkDropDown). */
GtkWidget  *kiosk_staff_settings_get_control (KioskStaffSettings *self,
                                             const char         *key);
/* Checks and writes; FALSE and a message on the page when a value is wrong. */
gboolean    kiosk_staff_settings_save       (KioskStaffSettings *self);
const char *kiosk_staff_settings_get_message (KioskStaffSettings *self);

/* The staff pages' text entries are typed on the on-screen keyboard. */
void        kiosk_staff_osk_type            (GtkWidget          *target,
                                             const char         *text);
void        kiosk_staff_osk_backspace       (GtkWidget          *target);
/* @content scrolling, then @actions (may be NULL: buttons and messages
 * that stay in sight), then a keyboard that types into whichever entry of
 * @content has the focus; returns the box holding them. */
GtkWidget  *kiosk_staff_osk_wrap            (GtkWidget          *content,
                                             GtkWidget          *actions);
/* What every staff page's controls share: large buttons named after
 * their label for screen readers, messages that may be errors. */
GtkWidget  *kiosk_staff_big_button          (const char         *label);
void        kiosk_staff_name                (GtkWidget          *widget,
                                             const char         *name);
void        kiosk_staff_set_message         (GtkLabel           *label,
                                             const char         *text,
                                             gboolean            error);
/* The name of a settings key as staff read it (translated). */
const char *kiosk_staff_settings_key_label  (const char         *key);

G_END_DECLS
