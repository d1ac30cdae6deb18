/* kiosk-header.h: place, clock, language, status, and Home and Back */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_HEADER (kiosk_header_get_type ())

G_DECLARE_FINAL_TYPE (KioskHeader, kiosk_header, KIOSK, HEADER, GtkWidget)

GtkWidget *kiosk_header_new             (void);
void       kiosk_header_set_place_name  (KioskHeader *self,
                                         const char  *place_name);
void       kiosk_header_set_title       (KioskHeader *self,
                                         const char  *title);
void       kiosk_header_set_status      (KioskHeader *self,
                                         const char  *status,
                                         gboolean     offline);
void       kiosk_header_set_time_zone   (KioskHeader *self,
                                         GTimeZone   *tz);
void       kiosk_header_set_navigation  (KioskHeader *self,
                                         gboolean     show_home,
                                         gboolean     show_back);
/* Portrait: place and title on a row of their own below the controls. */
void       kiosk_header_set_portrait    (KioskHeader *self,
                                         gboolean     portrait);
/* Re-reads every translated string after a language switch. */
void       kiosk_header_retranslate     (KioskHeader *self);

/* How long the place name is held to open the staff panel's PIN pad. */
#define KIOSK_HEADER_STAFF_PRESS_MS 3000
/* The hidden long press (win.show-staff) on @widget: the header's place
 * name has it, and so has the place name reach mode shows at the top. */
void       kiosk_header_add_staff_gesture (GtkWidget  *widget);

G_END_DECLS
