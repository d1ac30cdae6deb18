/* kiosk-place.h: a place on the map (library, stop, toilet, ...) */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_PLACE (kiosk_place_get_type ())

G_DECLARE_FINAL_TYPE (KioskPlace, kiosk_place, KIOSK, PLACE, GObject)

KioskPlace *kiosk_place_new             (const char *id,
                                         const char *name,
                                         double      latitude,
                                         double      longitude);
const char *kiosk_place_get_id          (KioskPlace *self);
const char *kiosk_place_get_name        (KioskPlace *self);
const char *kiosk_place_get_category    (KioskPlace *self);
void        kiosk_place_set_category    (KioskPlace *self,
                                         const char *category);
const char *kiosk_place_get_description (KioskPlace *self);
void        kiosk_place_set_description (KioskPlace *self,
                                         const char *description);
double      kiosk_place_get_latitude    (KioskPlace *self);
double      kiosk_place_get_longitude   (KioskPlace *self);

G_END_DECLS
