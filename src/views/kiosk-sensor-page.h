/* kiosk-sensor-page.h: one reading in detail: chart with axes, min and max, bands, map link */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-reading.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SENSOR_PAGE (kiosk_sensor_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskSensorPage, kiosk_sensor_page, KIOSK, SENSOR_PAGE, GtkWidget)

GtkWidget    *kiosk_sensor_page_new         (KioskReading    *reading,
                                             GDateTime       *now);
KioskReading *kiosk_sensor_page_get_reading (KioskSensorPage *self);
/* The "show on map" button (for tests). */
GtkWidget    *kiosk_sensor_page_get_map_button (KioskSensorPage *self);

G_END_DECLS
