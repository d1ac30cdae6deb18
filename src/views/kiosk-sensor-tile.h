/* kiosk-sensor-tile.h: one reading as a large tile: value, band in words, sparkline, age */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-reading.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SENSOR_TILE (kiosk_sensor_tile_get_type ())

G_DECLARE_FINAL_TYPE (KioskSensorTile, kiosk_sensor_tile, KIOSK, SENSOR_TILE, GtkButton)

GtkWidget    *kiosk_sensor_tile_new         (KioskReading    *reading,
                                             gboolean         show_station);
KioskReading *kiosk_sensor_tile_get_reading (KioskSensorTile *self);
/* Ages and staleness as of @now (the view ticks every half minute). */
void          kiosk_sensor_tile_set_now     (KioskSensorTile *self,
                                             GDateTime       *now);
gboolean      kiosk_sensor_tile_get_stale   (KioskSensorTile *self);
/* Everything the tile says, as one line (its accessible name too). */
const char   *kiosk_sensor_tile_get_summary (KioskSensorTile *self);

G_END_DECLS
