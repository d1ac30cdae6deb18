/* kiosk-event-page.h: one event's detail page, with a QR code to take it home */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-event.h"
#include "kiosk-image-loader.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_EVENT_PAGE (kiosk_event_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskEventPage, kiosk_event_page, KIOSK, EVENT_PAGE, GtkWidget)

/* @tz: the kiosk's zone, in which times are shown; @images may be NULL. */
GtkWidget  *kiosk_event_page_new       (KioskEvent       *event,
                                        GTimeZone        *tz,
                                        KioskImageLoader *images);
KioskEvent *kiosk_event_page_get_event (KioskEventPage   *self);
GtkWidget  *kiosk_event_page_get_qr_code (KioskEventPage *self);

/* "Sonntag, 22. November, 14:30 – 16:00 Uhr" and friends, in @tz. */
char       *kiosk_event_page_format_when (KioskEvent     *event,
                                          GTimeZone      *tz);

G_END_DECLS
