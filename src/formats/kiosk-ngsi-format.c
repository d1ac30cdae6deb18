/* kiosk-ngsi-format.c: FIWARE NGSI-v2 /v2/entities → KioskReading */

#define G_LOG_DOMAIN "kiosk-ngsi"

#include "config.h"

#include <math.h>
#include <string.h>

#include "kiosk-formats.h"
#include "kiosk-json.h"
#include "kiosk-ngsi-format.h"
#include "kiosk-reading.h"
#include "kiosk-sensors-json.h"

#define MAX_PAGES 20
#define DEFAULT_PAGE_SIZE 100
#define ORION_DEFAULT_LIMIT 20

/* Attributes that describe the entity, not a measurement. */
static const char * const not_readings[] = {
  "id", "type", "name", "location", "address", "description", "dateObserved",
  "TimeInstant", "dateCreated", "dateModified", "dateLastValueReported", "refDevice",
  "refPointOfInterest", "source", "dataProvider", "seeAlso", "alternateName",
  "areaServed", "owner", "reliability", "totalSpotNumber", "category", "status",
  NULL,
};

typedef struct
{
  const KioskParseContext *ctx;
  KioskParseResult        *result;
  KioskSensorsKinds       *kinds;
  guint                    n_unplaced;
  char                    *first_unplaced;
  gboolean                 truncated;
} Parse;

/* The value of an attribute in either representation: normalized
 * ({"type":..., "value":...}) or keyValues (the value itself). */
static JsonNode *
attr_value (JsonNode    *attr,
            const char **type,
            JsonObject **metadata)
{
  JsonObject *object;

  *type = NULL;
  *metadata = NULL;

  if (JSON_NODE_HOLDS_OBJECT (attr))
    {
      object = json_node_get_object (attr);
      if (json_object_has_member (object, "value") &&
          (json_object_has_member (object, "type") || json_object_has_member (object, "metadata")))
        {
          *type = kiosk_json_get_string (object, "type", NULL);
          *metadata = kiosk_json_get_object (object, "metadata", NULL);
          return json_object_get_member (object, "value");
        }
    }

  return attr;
}

static char *
attr_string (JsonObject *entity,
             const char *name)
{
  JsonNode *attr = json_object_get_member (entity, name);
  const char *type;
  JsonObject *metadata;
  JsonNode *value;

  if (attr == NULL)
    return NULL;

  value = attr_value (attr, &type, &metadata);
  if (kiosk_json_node_string (value) == NULL)
    return NULL;

  return g_utf8_make_valid (kiosk_json_node_string (value), -1);
}

static char *
metadata_string (JsonObject *metadata,
                 const char *name)
{
  JsonNode *node = metadata != NULL ? json_object_get_member (metadata, name) : NULL;
  const char *type;
  JsonObject *inner;
  JsonNode *value;

  if (node == NULL)
    return NULL;

  value = attr_value (node, &type, &inner);

  return g_strdup (kiosk_json_node_string (value));
}

static gboolean
entity_position (JsonObject *entity,
                 double     *latitude,
                 double     *longitude)
{
  JsonNode *attr = json_object_get_member (entity, "location");
  const char *type;
  JsonObject *metadata;
  JsonNode *value;

  if (attr == NULL)
    return FALSE;

  value = attr_value (attr, &type, &metadata);
  if (value == NULL)
    return FALSE;

  /* Old geo:point is "lat, lon" as text. */
  if (kiosk_json_node_string (value) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (kiosk_json_node_string (value), ",", 3);
      char *end1 = NULL, *end2 = NULL;
      double lat, lon;

      if (g_strv_length (parts) != 2)
        return FALSE;
      g_strstrip (parts[0]);
      g_strstrip (parts[1]);
      lat = g_ascii_strtod (parts[0], &end1);
      lon = g_ascii_strtod (parts[1], &end2);
      if (*end1 != '\0' || *end2 != '\0' || !isfinite (lat) || !isfinite (lon) ||
          lat < -90 || lat > 90 || lon < -180 || lon > 180)
        return FALSE;
      *latitude = lat;
      *longitude = lon;
      return TRUE;
    }

  return kiosk_sensors_geojson_point (value, latitude, longitude);
}

static GDateTime *
entity_time (JsonObject *entity,
             GTimeZone  *tz)
{
  const char *names[] = { "dateObserved", "TimeInstant", "dateLastValueReported" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *text = attr_string (entity, names[i]);
      GDateTime *time = kiosk_sensors_parse_time (text, tz);

      if (time != NULL)
        return time;
    }

  return NULL;
}

static gboolean
is_numeric_type (const char *type)
{
  return g_strcmp0 (type, "Number") == 0 || g_strcmp0 (type, "Integer") == 0 ||
         g_strcmp0 (type, "Float") == 0 || g_strcmp0 (type, "number") == 0;
}

static void
parse_attribute (Parse      *p,
                 JsonObject *entity,
                 const char *entity_id,
                 const char *station,
                 const char *name,
                 JsonNode   *attr,
                 double      latitude,
                 double      longitude,
                 GDateTime  *entity_time_value)
{
  g_autofree char *where = g_strdup_printf ("page %u, entity %s, attribute %s",
                                            p->ctx->page + 1, entity_id, name);
  g_autofree char *id = NULL;
  g_autofree char *unit_code = NULL;
  g_autofree char *time_text = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(KioskReading) reading = NULL;
  g_autoptr(GArray) history = NULL;
  g_autoptr(KioskReadingKind) shipped = NULL;
  KioskReadingKind *kind;
  const char *type;
  JsonObject *metadata;
  JsonNode *value;
  double number = NAN;

  if (g_strv_contains (not_readings, name))
    return;

  value = attr_value (attr, &type, &metadata);
  shipped = kiosk_reading_kind_match (name, NULL);

  if (type != NULL)
    {
      /* Normalized: the declared type says what the attribute is. */
      if (is_numeric_type (type))
        {
          if (!kiosk_sensors_json_number (value, &number))
            {
              kiosk_parse_result_warn (p->result, "%s: type %s, but the value is not a number; "
                                       "shown as no value", where, type);
              number = NAN;
            }
        }
      else if (g_str_equal (type, "Text") && shipped != NULL)
        {
          if (!kiosk_sensors_json_number (value, &number))
            {
              kiosk_parse_result_warn (p->result, "%s: type Text, but the value is %s%s%s%s; "
                                       "shown as no value", where, kiosk_json_describe (value),
                                       kiosk_json_node_string (value) != NULL ? " “" : "",
                                       kiosk_json_node_string (value) != NULL
                                       ? kiosk_json_node_string (value) : "",
                                       kiosk_json_node_string (value) != NULL ? "”" : "");
              number = NAN;
            }
        }
      else
        return;
    }
  else
    {
      /* keyValues: only the value tells. */
      if (!JSON_NODE_HOLDS_VALUE (value) && !JSON_NODE_HOLDS_NULL (value))
        return;
      if (JSON_NODE_HOLDS_VALUE (value) &&
          json_node_get_value_type (value) == G_TYPE_BOOLEAN)
        return;
      if (!kiosk_sensors_json_number (value, &number))
        {
          if (shipped != NULL)
            kiosk_parse_result_warn (p->result, "%s: “%s” is not a number; shown as no value",
                                     where, kiosk_json_node_string (value) != NULL
                                     ? kiosk_json_node_string (value) : "");
          else
            return;
        }
      if (JSON_NODE_HOLDS_NULL (value) && shipped == NULL)
        return;
    }

  if (p->result->items->len >= KIOSK_SENSORS_MAX_READINGS)
    {
      p->truncated = TRUE;
      return;
    }

  kind = kiosk_sensors_kinds_match (p->kinds, name, NULL, NULL);
  id = g_strdup_printf ("%s/%s", entity_id, name);
  reading = kiosk_reading_new (entity_id, station, id, name);
  kiosk_reading_set_kind (reading, kind);
  kiosk_reading_set_position (reading, latitude, longitude);

  unit_code = metadata_string (metadata, "unitCode");
  if (unit_code != NULL)
    {
      const char *symbol = kiosk_unit_from_cefact (unit_code);

      if (symbol == NULL)
        {
          kiosk_parse_result_warn (p->result, "%s: unitCode “%s” is not a known UN/CEFACT "
                                   "common code; shown as it is", where, unit_code);
          symbol = unit_code;
        }
      kiosk_reading_set_unit (reading, symbol);
    }

  /* Smart Data Models give relative humidity as a fraction (0.91); with
   * no unit said, a fraction is what it is. */
  if (unit_code == NULL && g_str_equal (kiosk_reading_kind_get_id (kind), "humidity") &&
      number >= 0 && number <= 1)
    number *= 100;

  time_text = metadata_string (metadata, "TimeInstant");
  if (time_text == NULL)
    time_text = metadata_string (metadata, "dateObserved");
  time = kiosk_sensors_parse_time (time_text, p->ctx->tz);
  if (time == NULL && entity_time_value != NULL)
    time = g_date_time_ref (entity_time_value);

  kiosk_reading_set_value (reading, number, time);

  /* The current state is all NGSI-v2 keeps; the kiosk's own record of what
   * it saw adds the rest. */
  history = g_array_new (FALSE, FALSE, sizeof (KioskReadingPoint));
  if (!isnan (number) && time != NULL)
    {
      KioskReadingPoint point = { g_date_time_to_unix (time), number };
      g_array_append_val (history, point);
    }
  kiosk_reading_set_history (reading, history);

  g_ptr_array_add (p->result->items, g_steal_pointer (&reading));
}

static void
parse_entity (Parse      *p,
              JsonObject *entity,
              guint       index)
{
  g_autofree char *id = kiosk_sensors_json_dup_string (entity, "id");
  g_autofree char *name = NULL;
  g_autoptr(GDateTime) time = NULL;
  double latitude = NAN, longitude = NAN;
  JsonObjectIter iter;
  const char *member;
  JsonNode *attr;

  if (id == NULL)
    {
      kiosk_parse_result_warn (p->result, "page %u, entity %u has no id; skipped",
                               p->ctx->page + 1, index);
      return;
    }

  name = attr_string (entity, "name");
  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = g_strdup (id);
    }

  /* Counted, not warned one by one: a broker can hold thousands. */
  if (!entity_position (entity, &latitude, &longitude) && p->n_unplaced++ == 0)
    p->first_unplaced = g_strdup_printf ("page %u, entity %s", p->ctx->page + 1, id);

  time = entity_time (entity, p->ctx->tz);

  json_object_iter_init (&iter, entity);
  while (json_object_iter_next (&iter, &member, &attr))
    parse_attribute (p, entity, id, name, member, attr, latitude, longitude, time);
}

static gboolean
ngsi_parse (GBytes                  *bytes,
            const KioskParseContext *ctx,
            KioskParseResult        *result,
            GError                 **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(KioskSensorsKinds) kinds = NULL;
  JsonArray *entities;
  const char *total_text;
  Parse p;
  guint n;

  root = kiosk_sensors_json_load (bytes, "NGSI-v2 response", error);
  if (root == NULL)
    return FALSE;

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      const char *err = kiosk_json_get_string (object, "error", NULL);
      const char *desc = kiosk_json_get_string (object, "description", NULL);

      if (err != NULL)
        g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                     "NGSI-v2 broker answered with an error: %s %s", err, desc != NULL ? desc : "");
      else
        g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                     "NGSI-v2 response: expected a list of entities (/v2/entities), "
                     "found one object (a single entity's URL?)");
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "NGSI-v2 response: expected a list of entities, found %s",
                   kiosk_json_describe (root));
      return FALSE;
    }

  entities = json_node_get_array (root);
  n = json_array_get_length (entities);
  if (n == 0 && ctx->page == 0)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_EMPTY,
                   "NGSI-v2 response lists no entities (check Fiware-Service and "
                   "Fiware-ServicePath)");
      return FALSE;
    }

  kinds = kiosk_sensors_kinds_new (ctx, result);
  p.ctx = ctx;
  p.result = result;
  p.kinds = kinds;
  p.n_unplaced = 0;
  p.first_unplaced = NULL;
  p.truncated = FALSE;

  for (guint i = 0; i < n && !p.truncated; i++)
    {
      JsonObject *entity = kiosk_json_array_object (entities, i);

      if (entity == NULL)
        {
          kiosk_parse_result_warn (result, "page %u, entity %u is not an object; skipped",
                                   ctx->page + 1, i);
          continue;
        }
      parse_entity (&p, entity, i);
    }

  if (p.n_unplaced > 0)
    kiosk_parse_result_warn (result, "%s has no location (geo:json Point); it is shown without "
                             "a map position%s", p.first_unplaced,
                             p.n_unplaced > 1 ? " (and more entities on this page)" : "");
  g_clear_pointer (&p.first_unplaced, g_free);

  if (p.truncated)
    kiosk_parse_result_warn (result, "page %u: more than %d readings; the rest is left out",
                             ctx->page + 1, KIOSK_SENSORS_MAX_READINGS);

  /* Orion says how many there are only when asked (options=count). */
  total_text = ctx->response_headers != NULL
               ? g_hash_table_lookup (ctx->response_headers, "fiware-total-count") : NULL;
  if (total_text != NULL && n > 0 && ctx->url != NULL)
    {
      g_autofree char *offset_text = kiosk_sensors_url_get_param (ctx->url, "offset");
      guint64 total = 0, offset = 0;

      if (!g_ascii_string_to_unsigned (total_text, 10, 0, G_MAXINT32, &total, NULL))
        kiosk_parse_result_warn (result, "page %u: Fiware-Total-Count “%s” is not a number; "
                                 "no further pages", ctx->page + 1, total_text);
      else
        {
          if (offset_text != NULL)
            g_ascii_string_to_unsigned (offset_text, 10, 0, G_MAXINT32, &offset, NULL);
          if (offset + n < total)
            {
              g_autofree char *next_offset = g_strdup_printf ("%" G_GUINT64_FORMAT, offset + n);
              g_autofree char *next = kiosk_sensors_url_set_param (ctx->url, "offset", next_offset);

              if (kiosk_sensors_check_next_url (ctx, result, MAX_PAGES, next))
                result->next_url = g_steal_pointer (&next);
            }
        }
    }

  return TRUE;
}

/* Whether @url's path has a /v2/ segment: another resource of the API
 * (one entity, /v2/types), used as it is. */
static gboolean
ngsi_path_has_v2 (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  const char *path = uri != NULL ? g_uri_get_path (uri) : "";

  return strstr (path, "/v2/") != NULL;
}

char *
kiosk_ngsi_request_url (const char              *configured_url,
                        const KioskParseContext *ctx)
{
  g_autofree char *entities = NULL;
  g_autofree char *with_limit = NULL;
  g_autofree char *options = NULL;
  g_autofree char *limit = NULL;
  const char *size_text;
  guint64 page_size = DEFAULT_PAGE_SIZE;

  g_return_val_if_fail (configured_url != NULL, NULL);

  if (!(g_str_has_prefix (configured_url, "http://") || g_str_has_prefix (configured_url, "https://")))
    return NULL;

  if (kiosk_sensors_url_path_ends_with (configured_url, "/v2/entities"))
    entities = g_strdup (configured_url);
  else if (strchr (configured_url, '?') != NULL)
    return NULL;
  else if (kiosk_sensors_url_path_ends_with (configured_url, "/v2"))
    entities = kiosk_sensors_url_append_path (configured_url, "/entities");
  else if (!ngsi_path_has_v2 (configured_url))
    /* The broker's root as operators name it ("http://host:1026", or a
     * proxy's prefix "https://city.de/orion"). */
    entities = kiosk_sensors_url_append_path (configured_url, "/v2/entities");
  else
    return NULL;
  if (entities == NULL)
    return NULL;

  size_text = ctx != NULL ? kiosk_parse_context_option (ctx, "page-size", NULL) : NULL;
  if (size_text != NULL && !g_ascii_string_to_unsigned (size_text, 10, 1, 1000, &page_size, NULL))
    page_size = DEFAULT_PAGE_SIZE;

  limit = kiosk_sensors_url_get_param (entities, "limit");
  if (limit == NULL)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, page_size);
      with_limit = kiosk_sensors_url_set_param (entities, "limit", text);
    }
  else
    with_limit = g_strdup (entities);

  options = kiosk_sensors_url_get_param (with_limit, "options");
  if (options == NULL)
    return kiosk_sensors_url_set_param (with_limit, "options", "count");
  else
    {
      g_auto(GStrv) list = g_strsplit (options, ",", -1);
      g_autofree char *more = NULL;

      if (g_strv_contains ((const char * const *) list, "count"))
        return g_steal_pointer (&with_limit);
      more = g_strconcat (options, ",count", NULL);
      return kiosk_sensors_url_set_param (with_limit, "options", more);
    }
}

const KioskFormat kiosk_format_ngsi_v2 = {
  .kind = "ngsi-v2",
  .area = KIOSK_AREA_SENSORS,
  .get_item_type = kiosk_sensors_item_type,
  .parse = ngsi_parse,
  .request_url = kiosk_ngsi_request_url,
  .to_json = kiosk_sensors_item_to_json,
  .to_text = kiosk_sensors_item_to_text,
  .max_pages = MAX_PAGES,
};
