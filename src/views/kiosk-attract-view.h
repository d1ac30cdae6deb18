/* kiosk-attract-view.h: the idle screen that invites people to touch */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_ATTRACT_VIEW (kiosk_attract_view_get_type ())

G_DECLARE_FINAL_TYPE (KioskAttractView, kiosk_attract_view, KIOSK, ATTRACT_VIEW, GtkWidget)

GtkWidget *kiosk_attract_view_new            (void);
void       kiosk_attract_view_set_place_name (KioskAttractView *self,
                                              const char       *place_name);

G_END_DECLS
