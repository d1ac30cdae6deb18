/* kiosk-closed-view.h: what the display shows outside the opening hours */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_CLOSED_VIEW (kiosk_closed_view_get_type ())

G_DECLARE_FINAL_TYPE (KioskClosedView, kiosk_closed_view, KIOSK, CLOSED_VIEW, GtkWidget)

GtkWidget *kiosk_closed_view_new              (void);
void       kiosk_closed_view_set_place_name   (KioskClosedView *self,
                                               const char      *place_name);
/* When the kiosk opens again (NULL: not known); the texts are written in
 * the UI language of the moment, so this is called again after a switch. */
void       kiosk_closed_view_set_next_opening (KioskClosedView *self,
                                               GDateTime       *next_opening);
/* A black screen instead of the message (setting closed-screen). */
void       kiosk_closed_view_set_black        (KioskClosedView *self,
                                               gboolean         black);

G_END_DECLS
