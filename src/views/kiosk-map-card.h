/* kiosk-map-card.h: what a tapped marker says: a place, an event, a station or a group */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-map-point.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_MAP_CARD (kiosk_map_card_get_type ())

G_DECLARE_FINAL_TYPE (KioskMapCard, kiosk_map_card, KIOSK, MAP_CARD, GtkWidget)

GtkWidget     *kiosk_map_card_new          (void);
void           kiosk_map_card_show_point   (KioskMapCard  *self,
                                            KioskMapPoint *point,
                                            GDateTime     *now);
/* Several points at one spot: a list to choose from ("point-activated"). */
void           kiosk_map_card_show_points  (KioskMapCard  *self,
                                            GPtrArray     *points);
KioskMapPoint *kiosk_map_card_get_point    (KioskMapCard  *self);

G_END_DECLS
