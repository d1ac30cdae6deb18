/* kiosk-demo-sensors.c: Musterdorf's sensors in the demo city */

#define G_LOG_DOMAIN "kiosk-demo-sensors"

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "kiosk-demo-sensors.h"
#include "kiosk-demo.h"
#include "kiosk-sensors-json.h"
#include "kiosk-source-config.h"

#define STEP (10 * 60)
#define HOURS 24

typedef struct
{
  const char *property;     /* ObservedProperty name / NGSI attribute */
  const char *unit_symbol;
  const char *unit_code;    /* UN/CEFACT */
  const char *definition;
} Property;

static const Property properties[] = {
  { "temperature", "°C", "CEL", "http://vocab.nerc.ac.uk/standard_name/air_temperature/" },
  { "humidity", "%", "P1", "" },
  { "PM10", "µg/m³", "GQ", "http://dd.eionet.europa.eu/vocabulary/aq/pollutant/5" },
  { "PM2.5", "µg/m³", "GQ", "http://dd.eionet.europa.eu/vocabulary/aq/pollutant/6001" },
  { "NO2", "µg/m³", "GQ", "http://dd.eionet.europa.eu/vocabulary/aq/pollutant/8" },
  { "O3", "µg/m³", "GQ", "http://dd.eionet.europa.eu/vocabulary/aq/pollutant/7" },
  { "noise", "dB(A)", "2N", "" },
  { "waterLevel", "cm", "CMT", "" },
};

typedef struct
{
  const char *id;
  const char *name;
  double      lat;
  double      lon;
  const char *props[6];
  guint       silent_hours;  /* the last hours without data: a stale station */
} Station;

/* All within 1.5 km of the town library (51.3397 N, 12.3731 E). */
static const Station things[] = {
  { "1", "Marktplatz", 51.3397, 12.3731, { "temperature", "humidity", "PM10", "PM2.5", "NO2" }, 0 },
  { "2", "Stadtpark", 51.3452, 12.3650, { "temperature", "O3", "PM10" }, 0 },
  { "3", "Hauptstraße", 51.3365, 12.3812, { "NO2", "noise" }, 0 },
  { "4", "Pegel Musterbach", 51.3331, 12.3689, { "waterLevel" }, 0 },
  { "5", "Grundschule Am Wall", 51.3423, 12.3802, { "temperature", "humidity" }, 5 },
};

typedef struct
{
  const char *id;
  const char *type;
  const char *name;
  double      lat;
  double      lon;
  guint       capacity;
} Entity;

static const Entity entities[] = {
  { "urn:ngsi-ld:OffStreetParking:musterdorf-parkhaus-nord", "OffStreetParking", "Parkhaus Nord", 51.3462, 12.3758, 320 },
  { "urn:ngsi-ld:OffStreetParking:musterdorf-bahnhof", "OffStreetParking", "Parkplatz Bahnhof", 51.3441, 12.3655, 120 },
  { "urn:ngsi-ld:OffStreetParking:musterdorf-rathaus", "OffStreetParking", "Tiefgarage Rathaus", 51.3391, 12.3744, 85 },
  { "urn:ngsi-ld:AirQualityObserved:musterdorf-ring", "AirQualityObserved", "Ring / Bahnhofstraße", 51.3430, 12.3690, 0 },
  { "urn:ngsi-ld:WeatherObserved:musterdorf-rathausdach", "WeatherObserved", "Rathausdach", 51.3399, 12.3740, 0 },
};

static double
hour_of_day (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return 0;
  local = tz != NULL ? g_date_time_to_timezone (utc, tz) : g_date_time_ref (utc);

  return g_date_time_get_hour (local) + g_date_time_get_minute (local) / 60.0;
}

/* The same small wobble for the same moment, every time. */
static double
noise (const char *property,
       guint       station,
       gint64      unix_time)
{
  guint32 h = g_str_hash (property) ^ (station * 2654435761u) ^ (guint32) (unix_time / STEP) * 40503u;

  h ^= h >> 13;
  h *= 0x5bd1e995;
  h ^= h >> 15;

  return ((h % 2001) / 1000.0) - 1.0;
}

static double
bump (double h,
      double centre,
      double width)
{
  return exp (-((h - centre) * (h - centre)) / (2 * width * width));
}

double
kiosk_demo_sensors_value (const char *property,
                          guint       station,
                          gint64      unix_time)
{
  double h = hour_of_day (unix_time);
  double day = sin (2 * G_PI * (h - 9) / 24);   /* lowest near 03:00, highest near 15:00 */
  double n = noise (property, station, unix_time);

  if (g_str_equal (property, "temperature"))
    return 7 + 5 * day - (station % 5) * 0.4 + 0.3 * n;
  if (g_str_equal (property, "humidity") || g_str_equal (property, "relativeHumidity"))
    return CLAMP (78 - 16 * day + 2 * n, 20, 100);
  if (g_str_equal (property, "PM10"))
    return MAX (2, 19 + 8 * bump (h, 8, 1.5) + 10 * bump (h, 18, 2) + (station % 5) * 2 + 2 * n);
  if (g_str_equal (property, "PM2.5"))
    return MAX (1, 9 + 5 * bump (h, 8, 1.5) + 7 * bump (h, 18, 2) + 1.5 * n);
  if (g_str_equal (property, "NO2"))
    return MAX (3, 22 + 30 * bump (h, 7.8, 1.2) + 26 * bump (h, 17.5, 1.6) + (station % 5) * 6 + 3 * n);
  if (g_str_equal (property, "O3"))
    return MAX (5, 48 + 38 * bump (h, 15, 3) + 3 * n);
  if (g_str_equal (property, "noise"))
    return 46 + 16 * (bump (h, 8, 2) + bump (h, 17, 3)) / 1.2 + (h > 6 && h < 22 ? 6 : 0) + n;
  if (g_str_equal (property, "waterLevel"))
    return 186 + 14 * sin (2 * G_PI * unix_time / (5.0 * 86400)) + 0.5 * n;
  if (g_str_equal (property, "availableSpotNumber"))
    {
      double occupancy = 0.15 + 0.75 * bump (h, 12.5, 3.2) + 0.05 * n;
      return round (entities[station].capacity * CLAMP (1 - occupancy, 0, 1));
    }

  return 0;
}

static const Property *
find_property (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (properties); i++)
    {
      if (g_str_equal (properties[i].property, name))
        return &properties[i];
    }

  g_assert_not_reached ();
  return NULL;
}

static char *
iso (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.000Z");
}

static void
add_thing (JsonBuilder   *b,
           const Station *s,
           guint          index,
           gint64         now,
           const char    *root)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "@iot.selfLink");
  {
    g_autofree char *link = g_strdup_printf ("%s/Things(%s)", root, s->id);
    json_builder_add_string_value (b, link);
  }
  json_builder_set_member_name (b, "@iot.id");
  json_builder_add_int_value (b, g_ascii_strtoll (s->id, NULL, 10));
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, s->name);
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, "Umweltmessnetz Musterdorf");
  json_builder_set_member_name (b, "properties");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "operator");
  json_builder_add_string_value (b, "Stadtwerke Musterdorf");
  json_builder_end_object (b);

  json_builder_set_member_name (b, "Locations");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "@iot.id");
  json_builder_add_int_value (b, 100 + index);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, s->name);
  json_builder_set_member_name (b, "encodingType");
  json_builder_add_string_value (b, "application/geo+json");
  json_builder_set_member_name (b, "location");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "Point");
  json_builder_set_member_name (b, "coordinates");
  json_builder_begin_array (b);
  json_builder_add_double_value (b, s->lon);
  json_builder_add_double_value (b, s->lat);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "Datastreams");
  json_builder_begin_array (b);
  for (guint d = 0; d < G_N_ELEMENTS (s->props) && s->props[d] != NULL; d++)
    {
      const Property *p = find_property (s->props[d]);
      g_autofree char *ds_name = g_strdup_printf ("%s %s", p->property, s->name);
      gint64 last = now - now % STEP - (gint64) s->silent_hours * 3600;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "@iot.id");
      json_builder_add_int_value (b, g_ascii_strtoll (s->id, NULL, 10) * 100 + d);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, ds_name);
      json_builder_set_member_name (b, "unitOfMeasurement");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, p->unit_code);
      json_builder_set_member_name (b, "symbol");
      json_builder_add_string_value (b, p->unit_symbol);
      json_builder_set_member_name (b, "definition");
      json_builder_add_string_value (b, "");
      json_builder_end_object (b);
      json_builder_set_member_name (b, "ObservedProperty");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "@iot.id");
      json_builder_add_int_value (b, 1 + (p - properties));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, p->property);
      json_builder_set_member_name (b, "definition");
      json_builder_add_string_value (b, p->definition);
      json_builder_end_object (b);

      /* Newest first, as asked for with $orderby=phenomenonTime desc. */
      json_builder_set_member_name (b, "Observations");
      json_builder_begin_array (b);
      for (gint64 t = last; t > now - HOURS * 3600; t -= STEP)
        {
          g_autofree char *when = iso (t);
          double v = kiosk_demo_sensors_value (p->property, index, t);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "phenomenonTime");
          json_builder_add_string_value (b, when);
          json_builder_set_member_name (b, "result");
          json_builder_add_double_value (b, round (v * 10) / 10);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static GBytes *
builder_to_bytes (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  gsize len;
  char *text;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &len);

  return g_bytes_new_take (text, len);
}

GBytes *
kiosk_demo_sensors_things (GDateTime  *now,
                           const char *request_url,
                           guint       skip,
                           guint       top)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *root = NULL;
  const char *q;
  gint64 t = g_date_time_to_unix (now);

  /* Links point back to the service root the request came to. */
  q = request_url != NULL ? strstr (request_url, "/Things") : NULL;
  root = q != NULL ? g_strndup (request_url, q - request_url) : g_strdup ("");

  json_builder_begin_object (b);
  if (request_url != NULL && skip + top < G_N_ELEMENTS (things))
    {
      g_autofree char *next_skip = g_strdup_printf ("%u", skip + top);
      g_autofree char *with_top = NULL;
      g_autofree char *next = NULL;
      g_autofree char *top_text = g_strdup_printf ("%u", top);

      with_top = kiosk_sensors_url_set_param (request_url, "$top", top_text);
      next = kiosk_sensors_url_set_param (with_top, "$skip", next_skip);
      json_builder_set_member_name (b, "@iot.nextLink");
      json_builder_add_string_value (b, next);
    }
  json_builder_set_member_name (b, "value");
  json_builder_begin_array (b);
  for (guint i = skip; i < G_N_ELEMENTS (things) && i < skip + top; i++)
    add_thing (b, &things[i], i, t, root);
  json_builder_end_array (b);
  json_builder_end_object (b);

  return builder_to_bytes (b);
}

static void
add_attribute (JsonBuilder *b,
               gboolean     key_values,
               const char  *name,
               const char  *type,
               double       value,
               const char  *unit_code,
               const char  *time)
{
  json_builder_set_member_name (b, name);
  if (key_values)
    {
      json_builder_add_double_value (b, value);
      return;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, type);
  json_builder_set_member_name (b, "value");
  if (g_str_equal (type, "Integer"))
    json_builder_add_int_value (b, (gint64) value);
  else
    json_builder_add_double_value (b, round (value * 10) / 10);
  json_builder_set_member_name (b, "metadata");
  json_builder_begin_object (b);
  if (unit_code != NULL)
    {
      json_builder_set_member_name (b, "unitCode");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "Text");
      json_builder_set_member_name (b, "value");
      json_builder_add_string_value (b, unit_code);
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "TimeInstant");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "DateTime");
  json_builder_set_member_name (b, "value");
  json_builder_add_string_value (b, time);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
add_text (JsonBuilder *b,
          gboolean     key_values,
          const char  *name,
          const char  *type,
          const char  *value)
{
  json_builder_set_member_name (b, name);
  if (!key_values)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, type);
      json_builder_set_member_name (b, "value");
    }
  json_builder_add_string_value (b, value);
  if (!key_values)
    {
      json_builder_set_member_name (b, "metadata");
      json_builder_begin_object (b);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
}

static void
add_entity (JsonBuilder  *b,
            const Entity *e,
            guint         index,
            gint64        now,
            gboolean      key_values)
{
  /* Brokers hold only the latest state, updated every five minutes. */
  gint64 t = now - now % 300;
  g_autofree char *time = iso (t);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, e->id);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, e->type);
  add_text (b, key_values, "name", "Text", e->name);
  add_text (b, key_values, "dateObserved", "DateTime", time);

  json_builder_set_member_name (b, "location");
  if (!key_values)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "geo:json");
      json_builder_set_member_name (b, "value");
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "Point");
  json_builder_set_member_name (b, "coordinates");
  json_builder_begin_array (b);
  json_builder_add_double_value (b, e->lon);
  json_builder_add_double_value (b, e->lat);
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (!key_values)
    {
      json_builder_set_member_name (b, "metadata");
      json_builder_begin_object (b);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }

  if (g_str_equal (e->type, "OffStreetParking"))
    {
      add_attribute (b, key_values, "availableSpotNumber", "Integer",
                     kiosk_demo_sensors_value ("availableSpotNumber", index, t), NULL, time);
      add_attribute (b, key_values, "totalSpotNumber", "Integer", e->capacity, NULL, time);
    }
  else if (g_str_equal (e->type, "AirQualityObserved"))
    {
      add_attribute (b, key_values, "no2", "Number", kiosk_demo_sensors_value ("NO2", 10 + index, t), "GQ", time);
      add_attribute (b, key_values, "pm10", "Number", kiosk_demo_sensors_value ("PM10", 10 + index, t), "GQ", time);
      add_attribute (b, key_values, "pm25", "Number", kiosk_demo_sensors_value ("PM2.5", 10 + index, t), "GQ", time);
    }
  else
    {
      add_attribute (b, key_values, "temperature", "Number",
                     kiosk_demo_sensors_value ("temperature", 10 + index, t), "CEL", time);
      /* Smart Data Models give humidity as a fraction; keyValues keeps that. */
      add_attribute (b, key_values, "relativeHumidity", "Number",
                     kiosk_demo_sensors_value ("relativeHumidity", 10 + index, t) / (key_values ? 100 : 1),
                     key_values ? NULL : "P1", time);
    }
  json_builder_end_object (b);
}

GBytes *
kiosk_demo_sensors_entities (GDateTime *now,
                             guint      offset,
                             guint      limit,
                             gboolean   key_values,
                             guint     *total)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gint64 t = g_date_time_to_unix (now);

  if (total != NULL)
    *total = G_N_ELEMENTS (entities);

  json_builder_begin_array (b);
  for (guint i = offset; i < G_N_ELEMENTS (entities) && i - offset < limit; i++)
    add_entity (b, &entities[i], i, t, key_values);
  json_builder_end_array (b);

  return builder_to_bytes (b);
}

static guint
query_uint (GHashTable *query,
            const char *name,
            guint       fallback,
            guint       max)
{
  const char *text = query != NULL ? g_hash_table_lookup (query, name) : NULL;
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, max, &value, NULL))
    return fallback;

  return (guint) value;
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         GBytes            *body)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, data, len);
}

void
kiosk_demo_sensors_things_handler (SoupServer        *server,
                                   SoupServerMessage *msg,
                                   const char        *path,
                                   GHashTable        *query,
                                   gpointer           user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = g_uri_to_string (soup_server_message_get_uri (msg));

  if (!g_str_has_suffix (path, "/Things"))
    {
      static const char error_text[] = "{\"code\":404,\"type\":\"error\",\"message\":\"Not a valid path.\"}";
      g_autoptr(GBytes) error = g_bytes_new_static (error_text, sizeof error_text - 1);
      respond (msg, SOUP_STATUS_NOT_FOUND, error);
      return;
    }

  body = kiosk_demo_sensors_things (now, url, query_uint (query, "$skip", 0, 100000),
                                    /* Like a FROST-Server with maxTop=2. */
                                    CLAMP (query_uint (query, "$top", 2, 1000), 1, 2));
  respond (msg, SOUP_STATUS_OK, body);
}

void
kiosk_demo_sensors_entities_handler (SoupServer        *server,
                                     SoupServerMessage *msg,
                                     const char        *path,
                                     GHashTable        *query,
                                     gpointer           user_data)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *service = soup_message_headers_get_one (request, "Fiware-Service");
  const char *options = query != NULL ? g_hash_table_lookup (query, "options") : NULL;
  g_auto(GStrv) option_list = g_strsplit (options != NULL ? options : "", ",", -1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GBytes) body = NULL;
  guint total = 0;

  /* Another tenant sees nothing, as with Orion. */
  if (g_strcmp0 (service, KIOSK_DEMO_FIWARE_SERVICE) != 0)
    body = g_bytes_new_static ("[]", 2);
  else
    body = kiosk_demo_sensors_entities (now, query_uint (query, "offset", 0, 100000),
                                        query_uint (query, "limit", 20, 1000),
                                        g_strv_contains ((const char * const *) option_list, "keyValues"),
                                        &total);

  if (g_strv_contains ((const char * const *) option_list, "count"))
    {
      g_autofree char *count = g_strdup_printf ("%u", total);
      soup_message_headers_replace (response, "Fiware-Total-Count", count);
    }
  respond (msg, SOUP_STATUS_OK, body);
}

void
kiosk_demo_sensors_install (KioskDemoServer *server,
                            GPtrArray       *sources)
{
  g_autofree char *st_url = kiosk_demo_server_get_url (server, KIOSK_DEMO_SENSORTHINGS_PATH);
  g_autofree char *ngsi_url = kiosk_demo_server_get_url (server, KIOSK_DEMO_NGSI_PATH);
  KioskSourceConfig *st = kiosk_source_config_new ("musterdorf-sensorthings", "sensorthings", st_url);
  KioskSourceConfig *ngsi = kiosk_source_config_new ("musterdorf-ngsi", "ngsi-v2", ngsi_url);
  const char *headers[] = { "Fiware-Service: " KIOSK_DEMO_FIWARE_SERVICE,
                            "Fiware-ServicePath: " KIOSK_DEMO_FIWARE_PATH, NULL };

  kiosk_demo_server_add_handler (server, KIOSK_DEMO_SENSORTHINGS_PATH "/Things",
                                 kiosk_demo_sensors_things_handler, NULL, NULL);
  kiosk_demo_server_add_handler (server, KIOSK_DEMO_NGSI_PATH "/entities",
                                 kiosk_demo_sensors_entities_handler, NULL, NULL);

  /* Small pages, so that the demo pages through both services. */
  st->refresh_interval = 300;
  g_hash_table_insert (st->options, g_strdup ("observations"), g_strdup ("150"));
  g_ptr_array_add (sources, st);

  ngsi->refresh_interval = 300;
  g_strfreev (ngsi->headers);
  ngsi->headers = g_strdupv ((char **) headers);
  g_hash_table_insert (ngsi->options, g_strdup ("page-size"), g_strdup ("2"));
  g_ptr_array_add (sources, ngsi);
}
