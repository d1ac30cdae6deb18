/* kiosk-sensors-json.h: what the SensorThings and NGSI parsers share: safe
 * JSON loading, numbers, times, GeoJSON points, URL parameters, kinds */
#pragma once

#include <json-glib/json-glib.h>

#include "kiosk-format.h"
#include "kiosk-reading.h"

G_BEGIN_DECLS

#define KIOSK_SENSORS_MAX_BYTES   (64 * 1024 * 1024)
#define KIOSK_SENSORS_MAX_DEPTH   48
#define KIOSK_SENSORS_MAX_READINGS 5000
#define KIOSK_SENSORS_MAX_POINTS  20000   /* per reading */

/* Parses @bytes as JSON after checking its size; kiosk_format_parse_json()
 * refuses hostile nesting. @what names the document in errors
 * ("SensorThings response"). */
JsonNode   *kiosk_sensors_json_load        (GBytes                  *bytes,
                                            const char              *what,
                                            GError                 **error);
/* A number, a numeric string, a boolean (1/0); FALSE for anything else or
 * a non-finite number; null gives TRUE and NAN. */
gboolean    kiosk_sensors_json_number      (JsonNode                *node,
                                            double                  *value);
/* Member @name of @object as a string (numbers are printed), or NULL. */
char       *kiosk_sensors_json_dup_string  (JsonObject              *object,
                                            const char              *name);
/* An ISO 8601 instant or an interval "start/end" (the end counts). */
GDateTime  *kiosk_sensors_parse_time       (const char              *text,
                                            GTimeZone               *tz);
/* A GeoJSON Point geometry (or a Feature holding one). */
gboolean    kiosk_sensors_geojson_point    (JsonNode                *node,
                                            double                  *latitude,
                                            double                  *longitude);
/* "ug/m3" → "µg/m³", "Cel" → "°C": the usual ASCII spellings of units. */
const char *kiosk_sensors_normalize_unit   (const char              *unit);

/* The value of query parameter @name in @url (decoded), or NULL. */
char       *kiosk_sensors_url_get_param    (const char              *url,
                                            const char              *name);
/* @url with parameter @name set to @value (encoded; replaces an old one;
 * a #fragment stays at the end). */
char       *kiosk_sensors_url_set_param    (const char              *url,
                                            const char              *name,
                                            const char              *value);
/* @url's path with trailing slashes dropped and @path added; the query
 * and fragment are dropped. NULL when @url is not a URL. */
char       *kiosk_sensors_url_append_path  (const char              *url,
                                            const char              *path);
/* TRUE when @url ends (before any query) with @suffix. */
gboolean    kiosk_sensors_url_path_ends_with (const char            *url,
                                              const char            *suffix);

/* Kinds, with the source's overrides applied once per parse. */
typedef struct _KioskSensorsKinds KioskSensorsKinds;

KioskSensorsKinds *kiosk_sensors_kinds_new  (const KioskParseContext *ctx,
                                             KioskParseResult        *result);
void               kiosk_sensors_kinds_free (KioskSensorsKinds       *kinds);
/* A kind for a property (borrowed); "other" when no shipped kind matches. */
KioskReadingKind  *kiosk_sensors_kinds_match (KioskSensorsKinds      *kinds,
                                              const char             *name,
                                              const char             *definition,
                                              const char             *fallback_name);

/* Whether a next page may be requested: not over the page cap, not the
 * same URL again, not another host. Warns and returns FALSE otherwise.
 * Links back to an earlier page are caught by the page loop, which knows
 * every URL it fetched. */
gboolean    kiosk_sensors_check_next_url   (const KioskParseContext *ctx,
                                            KioskParseResult        *result,
                                            guint                    default_max_pages,
                                            const char              *next_url);
/* Hours of history to keep (option "history-hours", default 24). */
guint       kiosk_sensors_history_hours    (const KioskParseContext *ctx);

/* The table entries both sensor kinds share. */
GType       kiosk_sensors_item_type        (void);
JsonNode   *kiosk_sensors_item_to_json     (gpointer                 item,
                                            const KioskParseContext *ctx);
char       *kiosk_sensors_item_to_text     (gpointer                 item,
                                            const KioskParseContext *ctx);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskSensorsKinds, kiosk_sensors_kinds_free)

G_END_DECLS
