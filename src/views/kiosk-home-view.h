/* kiosk-home-view.h: the four large tiles that open the kiosk's areas */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_HOME_VIEW (kiosk_home_view_get_type ())

G_DECLARE_FINAL_TYPE (KioskHomeView, kiosk_home_view, KIOSK, HOME_VIEW, GtkWidget)

GtkWidget *kiosk_home_view_new             (void);
/* Two columns in landscape, one in a narrow portrait stele. */
void       kiosk_home_view_set_portrait    (KioskHomeView *self,
                                            gboolean       portrait);

G_END_DECLS
