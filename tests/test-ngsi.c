/* test-ngsi.c: NGSI-v2 entities as Orion answers them, hostile ones, paging */

#include "config.h"

#include <string.h>

#include "kiosk-ngsi-format.h"
#include "kiosk-sensors-json.h"
#include "json-type-swap.h"
#include "kiosk-demo-sensors.h"
#include "sensors-test-util.h"

#define ORION "https://orion.example.de/v2/entities"

static gboolean
parse (const char        *fixture,
       GBytes            *bytes,
       KioskParseContext *ctx,
       KioskParseResult  *result,
       GError           **error)
{
  g_autoptr(GBytes) owned = fixture ? sensors_test_fixture (fixture) : NULL;

  kiosk_parse_result_init (result);
  return kiosk_format_ngsi_v2.parse (owned ? owned : bytes, ctx, result, error);
}

static void
test_normalized (void)
{
  g_autoptr(KioskParseContext) ctx = sensors_test_context (NULL);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  KioskReading *r;
  g_autofree char *t1 = NULL, *t2 = NULL, *t3 = NULL;

  g_assert_true (parse ("orion-normalized.json", NULL, ctx, &result, &error));
  g_assert_no_error (error);
  sensors_test_dump_warnings (&result);
  /* no2, pm25, temperature, relativeHumidity, o3, availableSpotNumber,
   * waterLevel, flow; not the Text, reliability or totalSpotNumber. */
  g_assert_cmpuint (result.items->len, ==, 8);

  r = sensors_test_find (result.items, "urn:ngsi-ld:AirQualityObserved:musterdorf-bahnhof/no2");
  g_assert_cmpstr (kiosk_reading_get_station (r), ==, "Bahnhof");
  g_assert_cmpstr (kiosk_reading_get_property_name (r), ==, "no2");
  g_assert_cmpfloat (kiosk_reading_get_value (r), ==, 42.5);
  g_assert_cmpstr (kiosk_reading_get_unit (r), ==, "µg/m³");
  g_assert_cmpint (kiosk_reading_get_band (r), ==, 2);
  g_assert_cmpfloat_with_epsilon (kiosk_reading_get_latitude (r), 51.3442, 1e-9);
  t1 = sensors_test_iso (kiosk_reading_get_time (r));
  g_assert_cmpstr (t1, ==, "2026-11-22T00:00:00Z");
  g_assert_cmpuint (kiosk_reading_get_history (r)->len, ==, 1);

  /* An attribute's own TimeInstant beats the entity's dateObserved. */
  r = sensors_test_find (result.items, "urn:ngsi-ld:AirQualityObserved:musterdorf-bahnhof/pm25");
  t2 = sensors_test_iso (kiosk_reading_get_time (r));
  g_assert_cmpstr (t2, ==, "2026-11-22T00:30:00Z");
  g_assert_cmpstr (kiosk_reading_kind_get_id (kiosk_reading_get_kind (r)), ==, "pm25");

  r = sensors_test_find (result.items, "urn:ngsi-ld:AirQualityObserved:musterdorf-bahnhof/temperature");
  g_assert_cmpstr (kiosk_reading_get_unit (r), ==, "°C");
  r = sensors_test_find (result.items, "urn:ngsi-ld:AirQualityObserved:musterdorf-bahnhof/relativeHumidity");
  g_assert_cmpstr (kiosk_reading_get_unit (r), ==, "%");
  g_assert_cmpfloat (kiosk_reading_get_value (r), ==, 88);

  /* null: a reading without a value. */
  r = sensors_test_find (result.items, "urn:ngsi-ld:AirQualityObserved:musterdorf-bahnhof/o3");
  g_assert_true (isnan (kiosk_reading_get_value (r)));
  g_assert_cmpuint (kiosk_reading_get_history (r)->len, ==, 0);

  /* geo:point text, Integer */
  r = sensors_test_find (result.items, "urn:ngsi-ld:OffStreetParking:parkhaus-nord/availableSpotNumber");
  g_assert_cmpstr (kiosk_reading_kind_get_id (kiosk_reading_get_kind (r)), ==, "parking");
  g_assert_cmpfloat (kiosk_reading_get_value (r), ==, 7);
  g_assert_cmpint (kiosk_reading_get_band (r), ==, 1);
  g_assert_cmpfloat_with_epsilon (kiosk_reading_get_longitude (r), 12.3758, 1e-9);

  /* Entity TimeInstant, a Text number, a unit in cm; "NaN" is no value. */
  r = sensors_test_find (result.items, "pegel-parthe/waterLevel");
  g_assert_cmpfloat (kiosk_reading_get_value (r), ==, 187);
  g_assert_cmpstr (kiosk_reading_get_unit (r), ==, "cm");
  g_assert_cmpstr (kiosk_reading_get_station (r), ==, "pegel-parthe");
  t3 = sensors_test_iso (kiosk_reading_get_time (r));
  g_assert_cmpstr (t3, ==, "2026-11-22T00:00:00Z");
  r = sensors_test_find (result.items, "pegel-parthe/flow");
  g_assert_true (isnan (kiosk_reading_get_value (r)));
  g_assert_cmpstr (kiosk_reading_get_unit (r), ==, "m³/s");
  g_assert_true (sensors_test_has_warning (&result, "attribute flow: type Float, but the value is not a number"));
  g_assert_true (sensors_test_has_warning (&result, "entity pegel-parthe has no location"));
  g_assert_null (result.next_url);
}

static void
test_key_values (void)
{
  g_autoptr(KioskParseContext) ctx = sensors_test_context (NULL);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  KioskReading *r;
  g_autofree char *t = NULL;

  g_assert_true (parse ("orion-keyvalues.json", NULL, ctx, &result, &error));
  g_assert_no_error (error);
  sensors_test_dump_warnings (&result);
  /* temperature, relativeHumidity, atmosphericPressure, LAeq, LAmax */
  g_assert_cmpuint (result.items->len, ==, 5);

  r = sensors_test_find (result.items, "urn:ngsi-ld:WeatherObserved:musterdorf-park/temperature");
  g_assert_cmpfloat (kiosk_reading_get_value (r), ==, 2.4);
  /* No unitCode in keyValues: the kind's unit. */
  g_assert_cmpstr (kiosk_reading_get_unit (r), ==, "°C");
  g_assert_cmpstr (kiosk_reading_get_station (r), ==, "Stadtpark");
  g_assert_cmpfloat_with_epsilon (kiosk_reading_get_latitude (r), 51.3371, 1e-9);

  /* Smart Data Models' humidity is a fraction. */
  r = sensors_test_find (result.items, "urn:ngsi-ld:WeatherObserved:musterdorf-park/relativeHumidity");
  g_assert_cmpfloat_with_epsilon (kiosk_reading_get_value (r), 91, 1e-9);

  r = sensors_test_find (result.items, "urn:ngsi-ld:WeatherObserved:musterdorf-park/atmosphericPressure");
  g_assert_cmpstr (kiosk_reading_kind_get_id (kiosk_reading_get_kind (r)), ==, "other");

  /* dateObserved as an interval: its end. */
  r = sensors_test_find (result.items, "urn:ngsi-ld:NoiseLevelObserved:ring/LAeq");
  t = sensors_test_iso (kiosk_reading_get_time (r));
  g_assert_cmpstr (t, ==, "2026-11-22T01:00:00Z");
  g_assert_cmpstr (kiosk_reading_get_unit (r), ==, "dB(A)");

  r = sensors_test_find (result.items, "urn:ngsi-ld:NoiseLevelObserved:ring/LAmax");
  g_assert_true (isnan (kiosk_reading_get_value (r)));
  g_assert_true (sensors_test_has_warning (&result, "attribute LAmax: “high” is not a number"));
}

static void
page (const char *url,
      guint       n_entities,
      const char *total,
      guint       page_number,
      const char *expected_next,
      const char *warning)
{
  g_autoptr(KioskParseContext) ctx = sensors_test_context (url);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GString *s = g_string_new ("[");

  for (guint i = 0; i < n_entities; i++)
    g_string_append_printf (s, "%s{\"id\":\"e%u\",\"type\":\"T\",\"temperature\":%u}", i ? "," : "", i, i);
  g_string_append_c (s, ']');
  bytes = g_string_free_to_bytes (s);

  ctx->page = page_number;
  ctx->response_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (total != NULL)
    g_hash_table_insert (ctx->response_headers, g_strdup ("fiware-total-count"), g_strdup (total));

  g_assert_true (parse (NULL, bytes, ctx, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.items->len, ==, n_entities);
  sensors_test_dump_warnings (&result);
  g_assert_cmpstr (result.next_url, ==, expected_next);
  if (warning != NULL)
    g_assert_true (sensors_test_has_warning (&result, warning));
}

static void
test_paging (void)
{
  page (ORION "?limit=100&options=count", 100, "250", 0,
        ORION "?limit=100&options=count&offset=100", NULL);
  page (ORION "?limit=100&options=count&offset=100", 100, "250", 1,
        ORION "?limit=100&options=count&offset=200", NULL);
  page (ORION "?limit=100&options=count&offset=200", 50, "250", 2, NULL, NULL);
  /* Without the count there is no telling: one page. */
  page (ORION "?limit=100", 100, NULL, 0, NULL, NULL);
  page (ORION "?limit=100&offset=0", 100, "ganz viele", 0, NULL, "Fiware-Total-Count");
  /* The cap. */
  page (ORION "?limit=10&offset=190", 10, "100000", 19, NULL, "stopped after 20 pages");
  g_assert_cmpuint (kiosk_format_ngsi_v2.max_pages, ==, 20);
}

static void
test_request_url (void)
{
  g_autoptr(KioskParseContext) ctx = sensors_test_context (NULL);
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  a = kiosk_format_ngsi_v2.request_url ("https://orion.example.de/v2/", ctx);
  g_assert_cmpstr (a, ==, ORION "?limit=100&options=count");
  b = kiosk_format_ngsi_v2.request_url (ORION "?type=AirQualityObserved&options=keyValues", ctx);
  g_assert_cmpstr (b, ==, ORION "?type=AirQualityObserved&options=keyValues,count&limit=100");
  g_hash_table_insert (ctx->options, g_strdup ("page-size"), g_strdup ("500"));
  c = kiosk_format_ngsi_v2.request_url (ORION, ctx);
  g_assert_cmpstr (c, ==, ORION "?limit=500&options=count");
  d = kiosk_format_ngsi_v2.request_url (ORION "?limit=7&options=count", ctx);
  g_assert_cmpstr (d, ==, ORION "?limit=7&options=count");
  g_assert_null (kiosk_format_ngsi_v2.request_url ("file:///data/entities.json", ctx));

  /* The broker's root, bare or behind a proxy's prefix: /v2/entities is added. */
  g_hash_table_remove (ctx->options, "page-size");
  {
    g_autofree char *root = kiosk_format_ngsi_v2.request_url ("http://orion.example.de:1026", ctx);
    g_autofree char *slash = kiosk_format_ngsi_v2.request_url ("http://orion.example.de:1026/", ctx);
    g_autofree char *prefix = kiosk_format_ngsi_v2.request_url ("https://city.example.de/orion/", ctx);
    g_autofree char *fragment = kiosk_format_ngsi_v2.request_url (ORION "#top", ctx);

    g_assert_cmpstr (root, ==, "http://orion.example.de:1026/v2/entities?limit=100&options=count");
    g_assert_cmpstr (slash, ==, "http://orion.example.de:1026/v2/entities?limit=100&options=count");
    g_assert_cmpstr (prefix, ==, "https://city.example.de/orion/v2/entities?limit=100&options=count");
    g_assert_cmpstr (fragment, ==, ORION "?limit=100&options=count#top");
  }
  /* Another resource of the API, or a query of the operator's own: as it is. */
  g_assert_null (kiosk_format_ngsi_v2.request_url ("https://orion.example.de/v2/entities/urn:x", ctx));
  g_assert_null (kiosk_format_ngsi_v2.request_url ("https://orion.example.de/api?x=1", ctx));
}

#define expect_error(text, code, needle) \
  sensors_test_expect_error (&kiosk_format_ngsi_v2, ORION, text, code, needle)

static void
test_hostile (void)
{
  g_autoptr(GBytes) deep = sensors_test_nested (5000);
  g_autoptr(KioskParseContext) ctx = sensors_test_context (NULL);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  const char *odd =
    "[1, \"x\", null, {\"type\":\"no id\"}, {\"id\":{\"a\":1}},"
    " {\"id\":\"s\",\"location\":{\"type\":\"geo:json\",\"value\":{\"type\":\"Point\",\"coordinates\":[999,999]}},"
    "  \"temperature\":{\"type\":\"Number\",\"value\":\"warm\"},"
    "  \"pm10\":{\"type\":\"Number\",\"value\":[1,2,3]},"
    "  \"no2\":{\"type\":\"Number\",\"value\":1e999},"
    "  \"humidity\":true, \"noise\":{\"deep\":{\"deeper\":1}},"
    "  \"dateObserved\":{\"type\":\"DateTime\",\"value\":\"2026-13-45T99:00:00Z\"}}]";
  g_autoptr(GBytes) bytes = g_bytes_new_static (odd, strlen (odd));

  expect_error ("{\"error\":\"NotFound\",\"description\":\"The requested entity has not been found. Check type and id\"}",
                KIOSK_FORMAT_ERROR_INVALID, "NotFound The requested entity");
  expect_error ("{\"id\":\"x\",\"type\":\"T\"}", KIOSK_FORMAT_ERROR_INVALID, "single entity");
  expect_error ("[]", KIOSK_FORMAT_ERROR_EMPTY, "Fiware-Service");
  expect_error ("\"hello\"", KIOSK_FORMAT_ERROR_INVALID, "found a string");
  expect_error ("[{\"id\":", KIOSK_FORMAT_ERROR_INVALID, "NGSI-v2 response: not valid JSON at line 1");

  g_assert_false (parse (NULL, deep, ctx, &result, &error));
  g_assert_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_TOO_LARGE);
  g_clear_error (&error);
  kiosk_parse_result_clear (&result);

  g_assert_true (parse (NULL, bytes, ctx, &result, &error));
  g_assert_no_error (error);
  sensors_test_dump_warnings (&result);
  /* temperature, pm10, no2: all without a value, and without a place. */
  g_assert_cmpuint (result.items->len, ==, 3);
  for (guint i = 0; i < result.items->len; i++)
    {
      KioskReading *r = g_ptr_array_index (result.items, i);

      g_assert_true (isnan (kiosk_reading_get_value (r)));
      g_assert_true (isnan (kiosk_reading_get_latitude (r)));
      g_assert_null (kiosk_reading_get_time (r));
    }
  g_assert_true (sensors_test_has_warning (&result, "entity 4 has no id"));
}

/* Valid JSON with members of the wrong type: location.value.type a number
 * used to crash the kiosk. */
static void
test_wrong_types (void)
{
  g_autoptr(GBytes) bytes = sensors_test_fixture ("wrong-types-ngsi.json");
  g_autoptr(KioskParseContext) ctx = sensors_test_context (ORION);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  KioskReading *reading;

  g_assert_true (parse (NULL, bytes, ctx, &result, &error));
  g_assert_no_error (error);
  sensors_test_dump_warnings (&result);
  reading = sensors_test_find (result.items, "urn:ngsi-ld:AirQualityObserved:rathaus/temperature");
  g_assert_cmpfloat (kiosk_reading_get_value (reading), ==, 4.5);
  g_assert_true (isnan (kiosk_reading_get_latitude (reading)));
  /* The unitCode is a number, not a code: not taken as the unit. */
  g_assert_cmpstr (kiosk_reading_get_unit (reading), !=, "17");
  reading = sensors_test_find (result.items, "urn:ngsi-ld:AirQualityObserved:schule/no2");
  g_assert_cmpfloat (kiosk_reading_get_value (reading), ==, 21);
  g_assert_true (sensors_test_has_warning (&result, "entity urn:ngsi-ld:AirQualityObserved:rathaus "
                                           "has no location"));
}

static void
test_type_swap (void)
{
  const char *fixtures[] = { "orion-normalized.json", "orion-keyvalues.json",
                             "wrong-types-ngsi.json", NULL };
  g_autoptr(KioskParseContext) ctx = sensors_test_context (ORION "?limit=2&options=count");
  g_autoptr(GDateTime) now = sensors_test_now ();

  json_type_swap_check_fixtures (&kiosk_format_ngsi_v2, ctx, "sensors", fixtures, 50);
  for (guint key_values = 0; key_values < 2; key_values++)
    {
      guint total = 0;
      g_autoptr(GBytes) demo = kiosk_demo_sensors_entities (now, 0, 2, key_values, &total);

      g_assert_cmpuint (json_type_swap_check_format (&kiosk_format_ngsi_v2, ctx, demo), >, 50);
    }
}

static void
test_many_entities (void)
{
  GString *s = g_string_new ("[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KioskParseContext) ctx = sensors_test_context (NULL);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (s, "%s{\"id\":\"e%u\",\"no2\":%u}", i ? "," : "", i, i % 300);
  g_string_append_c (s, ']');
  bytes = g_string_free_to_bytes (s);

  g_assert_true (parse (NULL, bytes, ctx, &result, &error));
  g_assert_cmpuint (result.items->len, ==, 5000);
  g_assert_true (sensors_test_has_warning (&result, "more than 5000 readings"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ngsi/normalized", test_normalized);
  g_test_add_func ("/ngsi/key-values", test_key_values);
  g_test_add_func ("/ngsi/paging", test_paging);
  g_test_add_func ("/ngsi/request-url", test_request_url);
  g_test_add_func ("/ngsi/hostile", test_hostile);
  g_test_add_func ("/ngsi/wrong-types", test_wrong_types);
  g_test_add_func ("/ngsi/type-swap", test_type_swap);
  g_test_add_func ("/ngsi/many-entities", test_many_entities);

  return g_test_run ();
}
