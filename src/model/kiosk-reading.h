/* kiosk-reading.h: one measured property at one station, with its recent history */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "kiosk-reading-kind.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_READING (kiosk_reading_get_type ())

G_DECLARE_FINAL_TYPE (KioskReading, kiosk_reading, KIOSK, READING, GObject)

/* One point of a history: Unix time in seconds (UTC) and the value. */
typedef struct
{
  gint64 time;
  double value;
} KioskReadingPoint;

KioskReading     *kiosk_reading_new              (const char   *station_id,
                                                  const char   *station,
                                                  const char   *id,
                                                  const char   *property);
const char       *kiosk_reading_get_station_id   (KioskReading *self);
const char       *kiosk_reading_get_station      (KioskReading *self);
double            kiosk_reading_get_latitude     (KioskReading *self);
double            kiosk_reading_get_longitude    (KioskReading *self);
void              kiosk_reading_set_position     (KioskReading *self,
                                                  double        latitude,
                                                  double        longitude);
const char       *kiosk_reading_get_id           (KioskReading *self);
const char       *kiosk_reading_get_property_name (KioskReading *self);
/* NAN when there is no value. */
double            kiosk_reading_get_value        (KioskReading *self);
/* When the value was observed; NULL when unknown. */
GDateTime        *kiosk_reading_get_time         (KioskReading *self);
void              kiosk_reading_set_value        (KioskReading *self,
                                                  double        value,
                                                  GDateTime    *time);
const char       *kiosk_reading_get_unit         (KioskReading *self);
void              kiosk_reading_set_unit         (KioskReading *self,
                                                  const char   *unit);
KioskReadingKind *kiosk_reading_get_kind         (KioskReading *self);
void              kiosk_reading_set_kind         (KioskReading *self,
                                                  KioskReadingKind *kind);
/* KioskReadingPoint, oldest first; never NULL. */
GArray           *kiosk_reading_get_history      (KioskReading *self);
void              kiosk_reading_set_history      (KioskReading *self,
                                                  GArray       *points);
/* The band of the value in the kind's bands, -1 when none. */
int               kiosk_reading_get_band         (KioskReading *self);

/* The band's translated word and CSS class; FALSE when it has none. */
gboolean          kiosk_reading_get_band_info    (KioskReading *self,
                                                  const char  **word,
                                                  const char  **style);
/* The kind's translated name, or the property as the service names it. */
const char       *kiosk_reading_get_display_name (KioskReading *self);
/* "12,3" (no unit) in the current language. */
char             *kiosk_reading_format_value     (KioskReading *self);
/* Why the reading should not be trusted at @now (translated), or NULL. */
char             *kiosk_reading_dup_stale_reason (KioskReading *self,
                                                  GDateTime    *now);
/* The object `ankerort check --json` prints for a reading. */
JsonNode         *kiosk_reading_to_json          (KioskReading *self);

/* Sorts @points by time and keeps the last of equal times. */
void              kiosk_reading_points_normalize (GArray       *points);

G_END_DECLS
