/* kiosk-staff-panel.h: the staff side of the kiosk: PIN pad, then the panel's pages */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-config.h"
#include "kiosk-services.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_STAFF_PANEL (kiosk_staff_panel_get_type ())

G_DECLARE_FINAL_TYPE (KioskStaffPanel, kiosk_staff_panel, KIOSK, STAFF_PANEL, GtkWidget)

/* Starts locked, on the PIN pad. It locks itself again whenever it leaves
 * the screen (the idle reset, Lock, Close), dropping unsaved edits. */
GtkWidget *kiosk_staff_panel_new       (KioskConfig     *config,
                                        KioskServices   *services);
void       kiosk_staff_panel_lock      (KioskStaffPanel *self);
gboolean   kiosk_staff_panel_get_locked (KioskStaffPanel *self);
/* "sources", "place", "display", "general", "pin", "status". */
void       kiosk_staff_panel_show_page (KioskStaffPanel *self,
                                        const char      *name);
GtkWidget *kiosk_staff_panel_get_page  (KioskStaffPanel *self,
                                        const char      *name);
GtkWidget *kiosk_staff_panel_get_pin_pad (KioskStaffPanel *self);

G_END_DECLS
