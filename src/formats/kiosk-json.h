/* kiosk-json.h: loading JSON safely and reading its members by type, for
 * every JSON format */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Parses @bytes after refusing more than @max_bytes (0: no cap) and
 * nesting deeper than @max_depth (json-glib recurses per level); syntax
 * errors name line and column. Errors are KIOSK_FORMAT_ERROR. */
JsonNode   *kiosk_json_load            (GBytes      *bytes,
                                        gsize        max_bytes,
                                        guint        max_depth,
                                        GError     **error);

/* "a string", "a number", "a boolean", "an object", "an array", "null". */
const char *kiosk_json_describe        (JsonNode    *node);

/* A node's content when it has that type: NULL or FALSE for any other
 * type, for null and for a NULL node. Numbers are integer or double nodes,
 * finite ones only. */
const char *kiosk_json_node_string     (JsonNode    *node);
gboolean    kiosk_json_node_number     (JsonNode    *node,
                                        double      *value);
JsonObject *kiosk_json_node_object     (JsonNode    *node);
JsonArray  *kiosk_json_node_array      (JsonNode    *node);

/* Member @member of @object (which may be NULL) when it has the type asked
 * for. An absent or null member gives NULL/FALSE and no error; a member of
 * another type gives NULL/FALSE and, when @error is not NULL, an error
 * naming the member and what it is ("“type” is a number, not a string"). */
const char *kiosk_json_get_string      (JsonObject  *object,
                                        const char  *member,
                                        GError     **error);
gboolean    kiosk_json_get_number      (JsonObject  *object,
                                        const char  *member,
                                        double      *value,
                                        GError     **error);
gboolean    kiosk_json_get_boolean     (JsonObject  *object,
                                        const char  *member,
                                        gboolean    *value,
                                        GError     **error);
JsonObject *kiosk_json_get_object      (JsonObject  *object,
                                        const char  *member,
                                        GError     **error);
JsonArray  *kiosk_json_get_array       (JsonObject  *object,
                                        const char  *member,
                                        GError     **error);

/* Element @index of @array when it is an object, else NULL. */
JsonObject *kiosk_json_array_object    (JsonArray   *array,
                                        guint        index);

/* A day alone, "2026-11-22", as its midnight in @tz; NULL for any other
 * text (a time of day included) or an impossible date. */
GDateTime  *kiosk_json_parse_day       (const char  *text,
                                        GTimeZone   *tz);

G_END_DECLS
