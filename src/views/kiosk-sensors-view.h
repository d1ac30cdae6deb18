/* kiosk-sensors-view.h: the environment area: a tile per reading, or per station */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-config.h"
#include "kiosk-services.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SENSORS_VIEW (kiosk_sensors_view_get_type ())

G_DECLARE_FINAL_TYPE (KioskSensorsView, kiosk_sensors_view, KIOSK, SENSORS_VIEW, GtkWidget)

/* The area's view; the designed empty state when no sensor source is set
 * up. Source option "display=station" groups the tiles by station. */
GtkWidget *kiosk_sensors_view_new       (KioskConfig      *config,
                                         KioskServices    *services);
/* The tiles shown (KioskSensorTile), in order (for tests). */
GPtrArray *kiosk_sensors_view_get_tiles (KioskSensorsView *self);

G_END_DECLS
