/* test-sensorthings.c: SensorThings API responses of FROST-Server, hostile ones, paging */

#include "config.h"

#include <string.h>

#include "kiosk-sensors-json.h"
#include "kiosk-sensorthings-format.h"
#include "json-type-swap.h"
#include "kiosk-demo-sensors.h"
#include "sensors-test-util.h"

#define BASE "https://iot.example.de/FROST-Server/v1.1"

static gboolean
parse (const char        *fixture_or_null,
       GBytes            *bytes,
       KioskParseContext *ctx,
       KioskParseResult  *result,
       GError           **error)
{
  g_autoptr(GBytes) owned = fixture_or_null ? sensors_test_fixture (fixture_or_null) : NULL;

  kiosk_parse_result_init (result);
  return kiosk_format_sensorthings.parse (owned ? owned : bytes, ctx, result, error);
}

static void
test_frost_v11 (void)
{
  g_autoptr(KioskParseContext) ctx = sensors_test_context (BASE "/Things?$top=2");
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  KioskReading *pm10, *temp, *door, *parking;
  GArray *history;
  const KioskReadingPoint *p;
  g_autofree char *time = NULL;

  g_assert_true (parse ("frost-things-v1.1.json", NULL, ctx, &result, &error));
  g_assert_no_error (error);
  sensors_test_dump_warnings (&result);
  g_assert_cmpuint (result.items->len, ==, 4);

  pm10 = sensors_test_find (result.items, "1001");
  g_assert_cmpstr (kiosk_reading_get_station_id (pm10), ==, "101");
  g_assert_cmpstr (kiosk_reading_get_station (pm10), ==, "Luftmessstation Marktplatz");
  g_assert_cmpstr (kiosk_reading_get_property_name (pm10), ==, "PM10");
  g_assert_cmpstr (kiosk_reading_kind_get_id (kiosk_reading_get_kind (pm10)), ==, "pm10");
  g_assert_cmpstr (kiosk_reading_get_unit (pm10), ==, "µg/m³");
  g_assert_cmpfloat_with_epsilon (kiosk_reading_get_latitude (pm10), 51.3397, 1e-9);
  g_assert_cmpfloat_with_epsilon (kiosk_reading_get_longitude (pm10), 12.3731, 1e-9);
  g_assert_cmpfloat (kiosk_reading_get_value (pm10), ==, 27.4);
  /* An interval counts from its end. */
  time = sensors_test_iso (kiosk_reading_get_time (pm10));
  g_assert_cmpstr (time, ==, "2026-11-22T01:00:00Z");
  /* 27.4 µg/m³ PM10 is "gut" (21–35) in UBA's index. */
  g_assert_cmpint (kiosk_reading_get_band (pm10), ==, 1);

  /* Numeric string counts, null is skipped, the one of 20 Nov is older
   * than 24 hours; the rest oldest first. */
  history = kiosk_reading_get_history (pm10);
  g_assert_cmpuint (history->len, ==, 3);
  p = &g_array_index (history, KioskReadingPoint, 0);
  g_assert_cmpfloat (p->value, ==, 19);
  p = &g_array_index (history, KioskReadingPoint, 1);
  g_assert_cmpfloat (p->value, ==, 24.1);
  p = &g_array_index (history, KioskReadingPoint, 2);
  g_assert_cmpfloat (p->value, ==, 27.4);

  /* Out of order: the newest is the one in the middle; UCUM "Cel" is °C. */
  temp = sensors_test_find (result.items, "1002");
  g_assert_cmpstr (kiosk_reading_kind_get_id (kiosk_reading_get_kind (temp)), ==, "temperature");
  g_assert_cmpfloat (kiosk_reading_get_value (temp), ==, 2.25);
  g_assert_cmpstr (kiosk_reading_get_unit (temp), ==, "°C");
  history = kiosk_reading_get_history (temp);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpfloat (g_array_index (history, KioskReadingPoint, 0).value, ==, 3.5);
  g_assert_cmpfloat (g_array_index (history, KioskReadingPoint, 2).value, ==, 2.25);

  /* A boolean result is 1; an unknown property keeps its own name. */
  door = sensors_test_find (result.items, "1003");
  g_assert_cmpfloat (kiosk_reading_get_value (door), ==, 1);
  g_assert_cmpstr (kiosk_reading_get_display_name (door), ==, "door open");
  g_assert_cmpint (kiosk_reading_get_band (door), ==, -1);

  /* A Thing without a location, a Datastream without observations. */
  parking = sensors_test_find (result.items, "2001");
  g_assert_true (isnan (kiosk_reading_get_latitude (parking)));
  g_assert_true (isnan (kiosk_reading_get_value (parking)));
  g_assert_null (kiosk_reading_get_time (parking));
  g_assert_cmpstr (kiosk_reading_kind_get_id (kiosk_reading_get_kind (parking)), ==, "parking");
  g_assert_cmpuint (kiosk_reading_get_history (parking)->len, ==, 0);
  g_assert_true (sensors_test_has_warning (&result, "Thing 102 (Parkhaus Am Markt) has no location"));

  /* The next page is followed: same host, $skip goes on. */
  g_assert_nonnull (result.next_url);
  g_assert_true (g_str_has_prefix (result.next_url, BASE "/Things?$skip=2"));
}

/* The readings of one station share its strings instead of a copy each. */
static void
test_shared_strings (void)
{
  g_autoptr(KioskParseContext) ctx = sensors_test_context (BASE "/Things?$top=2");
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  KioskReading *pm10, *temp;

  g_assert_true (parse ("frost-things-v1.1.json", NULL, ctx, &result, &error));
  g_assert_no_error (error);
  pm10 = sensors_test_find (result.items, "1001");
  temp = sensors_test_find (result.items, "1002");
  g_assert_cmpstr (kiosk_reading_get_station (pm10), ==, kiosk_reading_get_station (temp));
  g_assert_true (kiosk_reading_get_station (pm10) == kiosk_reading_get_station (temp));
  g_assert_true (kiosk_reading_get_station_id (pm10) == kiosk_reading_get_station_id (temp));
}

static void
test_frost_v10 (void)
{
  g_autoptr(KioskParseContext) ctx = sensors_test_context (NULL);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  KioskReading *noise;

  g_assert_true (parse ("frost-things-v1.0.json", NULL, ctx, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.items->len, ==, 1);

  noise = g_ptr_array_index (result.items, 0);
  g_assert_cmpstr (kiosk_reading_get_id (noise), ==, "noise-3");
  g_assert_cmpstr (kiosk_reading_get_station_id (noise), ==, "lärm-3");
  g_assert_cmpstr (kiosk_reading_kind_get_id (kiosk_reading_get_kind (noise)), ==, "noise");
  g_assert_cmpstr (kiosk_reading_get_unit (noise), ==, "dB(A)");
  /* application/vnd.geo+json Feature with a 3D point */
  g_assert_cmpfloat_with_epsilon (kiosk_reading_get_latitude (noise), 51.342, 1e-9);
  g_assert_cmpfloat (kiosk_reading_get_value (noise), ==, 58.2);
  g_assert_cmpint (kiosk_reading_get_band (noise), ==, 2);
  g_assert_null (result.next_url);
}

static void
test_to_json (void)
{
  g_autoptr(KioskParseContext) ctx = sensors_test_context (NULL);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;
  JsonArray *history;

  g_assert_true (parse ("frost-things-v1.1.json", NULL, ctx, &result, &error));
  node = kiosk_format_sensorthings.to_json (sensors_test_find (result.items, "1001"), ctx);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "station_id"), ==, "101");
  g_assert_cmpstr (json_object_get_string_member (object, "station"), ==, "Luftmessstation Marktplatz");
  g_assert_cmpfloat (json_object_get_double_member (object, "lat"), ==, 51.3397);
  g_assert_cmpfloat (json_object_get_double_member (object, "lon"), ==, 12.3731);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, "1001");
  g_assert_cmpstr (json_object_get_string_member (object, "property"), ==, "PM10");
  g_assert_cmpfloat (json_object_get_double_member (object, "value"), ==, 27.4);
  g_assert_cmpstr (json_object_get_string_member (object, "unit"), ==, "µg/m³");
  g_assert_cmpstr (json_object_get_string_member (object, "time"), ==, "2026-11-22T01:00:00Z");
  history = json_object_get_array_member (object, "history");
  g_assert_cmpuint (json_array_get_length (history), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (history, 0), 0),
                   ==, "2026-11-21T21:00:00Z");

  /* No value: null, not 0 or NaN. */
  json_node_unref (g_steal_pointer (&node));
  node = kiosk_format_sensorthings.to_json (sensors_test_find (result.items, "2001"), ctx);
  object = json_node_get_object (node);
  g_assert_true (json_node_is_null (json_object_get_member (object, "value")));
  g_assert_true (json_node_is_null (json_object_get_member (object, "lat")));
  g_assert_true (json_node_is_null (json_object_get_member (object, "time")));
  text = json_to_string (node, FALSE);
  g_assert_null (strstr (text, "nan"));
}

static void
test_request_url (void)
{
  g_autoptr(KioskParseContext) ctx = sensors_test_context (NULL);
  g_autofree char *url = NULL;
  g_autofree char *expand = NULL;

  url = kiosk_format_sensorthings.request_url (BASE "/", ctx);
  g_assert_nonnull (url);
  g_test_message ("%s", url);
  g_assert_true (g_str_has_prefix (url, BASE "/Things?$expand="));
  g_assert_null (strchr (url, ' '));
  expand = kiosk_sensors_url_get_param (url, "$expand");
  g_assert_cmpstr (expand, ==,
                   "Locations,Datastreams($expand=ObservedProperty,Observations("
                   "$filter=phenomenonTime ge 2026-11-21T01:00:00Z;"
                   "$orderby=phenomenonTime desc;$top=500))");

  /* Within the hour the URL stays the same, so refreshes can be conditional. */
  {
    g_autoptr(KioskParseContext) later = sensors_test_context (NULL);
    g_autoptr(GDateTime) now = g_date_time_add_minutes (later->now, 20);
    g_autofree char *later_url = NULL;

    g_date_time_unref (later->now);
    later->now = g_steal_pointer (&now);
    later_url = kiosk_format_sensorthings.request_url (BASE "/", later);
    g_assert_cmpstr (later_url, ==, url);
  }
  g_clear_pointer (&url, g_free);

  /* 1.0 and /Things work too; the observation count is an option. */
  g_hash_table_insert (ctx->options, g_strdup ("observations"), g_strdup ("50"));
  url = kiosk_format_sensorthings.request_url ("http://host/v1.0/Things", ctx);
  g_assert_true (g_str_has_prefix (url, "http://host/v1.0/Things?$expand="));
  g_assert_nonnull (strstr (url, "$top=50))"));
  g_clear_pointer (&url, g_free);

  /* A full query, a file: as they are. */
  g_assert_null (kiosk_format_sensorthings.request_url (BASE "/Things?$top=3", ctx));
  g_assert_null (kiosk_format_sensorthings.request_url ("file:///tmp/things.json", ctx));
  g_assert_null (kiosk_format_sensorthings.request_url ("https://example.de/data.json", ctx));
}

static void
test_url_params (void)
{
  struct { const char *url, *name, *value, *expected; } sets[] = {
    { "http://h/T", "$top", "5", "http://h/T?$top=5" },
    { "http://h/T?$top=5", "$top", "7", "http://h/T?$top=7" },
    { "http://h/T?a=1&$top=5&b=2", "$skip", "10", "http://h/T?a=1&$top=5&b=2&$skip=10" },
    /* The fragment stays the fragment, not part of the new value. */
    { "http://h/T?$top=5#list", "$skip", "10", "http://h/T?$top=5&$skip=10#list" },
    { "http://h/T#list", "$top", "5", "http://h/T?$top=5#list" },
    /* Escaped as OData wants it; a duplicate name is set once. */
    { "http://h/T?$top=1&$top=2", "$filter", "name eq 'a&b'",
      "http://h/T?$top=1&$top=2&$filter=name%20eq%20'a%26b'" },
    { "http://h/T?$top=1&$top=2", "$top", "3", "http://h/T?$top=3" },
  };
  g_autofree char *plus = NULL;
  g_autofree char *frag = NULL;
  g_autofree char *appended = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      g_autofree char *url = kiosk_sensors_url_set_param (sets[i].url, sets[i].name, sets[i].value);
      g_autofree char *back = kiosk_sensors_url_get_param (url, sets[i].name);

      g_assert_cmpstr (url, ==, sets[i].expected);
      g_assert_cmpstr (back, ==, sets[i].value);
    }

  /* "+" is a plus in OData, "%2B" too; a #fragment is not a value. */
  plus = kiosk_sensors_url_get_param ("http://h/T?$filter=a+b%2Bc", "$filter");
  g_assert_cmpstr (plus, ==, "a+b+c");
  frag = kiosk_sensors_url_get_param ("http://h/T?$skip=4#x", "$skip");
  g_assert_cmpstr (frag, ==, "4");
  g_assert_null (kiosk_sensors_url_get_param ("http://h/T?$skip=4", "$top"));
  g_assert_null (kiosk_sensors_url_get_param ("not a url", "$top"));

  appended = kiosk_sensors_url_append_path ("http://h:8080/FROST/v1.1//?x=1#y", "/Things");
  g_assert_cmpstr (appended, ==, "http://h:8080/FROST/v1.1/Things");
  g_assert_true (kiosk_sensors_url_path_ends_with ("http://h/FROST/V1.1/?$top=1", "/v1.1"));
  g_assert_false (kiosk_sensors_url_path_ends_with ("http://h/x?p=/v1.1", "/v1.1"));
  g_assert_false (kiosk_sensors_url_path_ends_with ("http://h/x#/v1.1", "/v1.1"));
}

#define expect_error(text, code, needle) \
  sensors_test_expect_error (&kiosk_format_sensorthings, BASE "/Things", text, code, needle)

static void
test_broken (void)
{
  g_autoptr(GBytes) deep = sensors_test_nested (100000);
  g_autoptr(KioskParseContext) ctx = sensors_test_context (NULL);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  expect_error ("", KIOSK_FORMAT_ERROR_EMPTY, "SensorThings response: the document is empty");
  expect_error ("<html>502 Bad Gateway</html>", KIOSK_FORMAT_ERROR_INVALID, "SensorThings response: not valid JSON at line 1, column 1");
  expect_error ("[1,2,3]", KIOSK_FORMAT_ERROR_INVALID, "found an array");
  expect_error ("{\"value\": []}", KIOSK_FORMAT_ERROR_EMPTY, "no Things");
  expect_error ("{\"things\": []}", KIOSK_FORMAT_ERROR_INVALID, "no “value” list");
  expect_error ("{\"code\":400,\"type\":\"error\",\"message\":\"Not a valid path for Things\"}",
                KIOSK_FORMAT_ERROR_INVALID, "Not a valid path for Things");

  g_assert_false (parse (NULL, deep, ctx, &result, &error));
  g_assert_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "nested deeper than"));
}

static void
test_hostile_values (void)
{
  const char *text =
    "{\"value\":[7, {\"name\":\"no id\"},"
    " {\"@iot.id\":{\"x\":1},\"name\":\"object id\"},"
    " {\"@iot.id\":1,\"name\":[\"not\",\"a\",\"string\"],"
    "  \"Locations\":[{\"encodingType\":\"text/plain\",\"location\":\"here\"},"
    "                 {\"location\":{\"type\":\"Point\",\"coordinates\":[\"x\",1e999]}}],"
    "  \"Datastreams\":[\"oops\", {\"@iot.id\":5,\"name\":\"T\",\"ObservedProperty\":{\"name\":\"Temperature\"},"
    "   \"unitOfMeasurement\":\"°C\","
    "   \"Observations\":[{\"phenomenonTime\":\"gestern\",\"result\":1},"
    "     {\"phenomenonTime\":\"2026-11-22T01:00:00Z\",\"result\":\"NaN\"},"
    "     {\"phenomenonTime\":\"2026-11-22T01:00:00Z\",\"result\":\"Infinity\"},"
    "     {\"phenomenonTime\":\"2026-11-22T01:00:00Z\",\"result\":1e400},"
    "     {\"phenomenonTime\":\"2026-11-22T01:00:00Z\",\"result\":{\"value\":3}},"
    "     {\"phenomenonTime\":\"2026-11-22T01:00:00Z\",\"result\":[1,2]},"
    "     {\"phenomenonTime\":12345,\"result\":1},"
    "     {\"phenomenonTime\":\"2026-11-22T00:00:00Z\",\"result\":\"4,5\"}, 17]}]}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(KioskParseContext) ctx = sensors_test_context (NULL);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  KioskReading *reading;

  g_assert_true (parse (NULL, bytes, ctx, &result, &error));
  g_assert_no_error (error);
  sensors_test_dump_warnings (&result);
  g_assert_cmpuint (result.items->len, ==, 1);
  reading = g_ptr_array_index (result.items, 0);
  /* Only the German decimal "4,5" survived. */
  g_assert_cmpfloat (kiosk_reading_get_value (reading), ==, 4.5);
  g_assert_true (isnan (kiosk_reading_get_latitude (reading)));
  g_assert_true (sensors_test_has_warning (&result, "Thing 0 is not an object"));
  g_assert_true (sensors_test_has_warning (&result, "has no @iot.id"));
  g_assert_true (sensors_test_has_warning (&result, "encodingType “text/plain”"));
  g_assert_true (sensors_test_has_warning (&result, "phenomenonTime “gestern”"));
  g_assert_true (sensors_test_has_warning (&result, "observation 1: result is not a number"));
  g_assert_true (sensors_test_has_warning (&result, "observation 3: result is not a number"));
}

/* Valid JSON with members of the wrong type: encodingType a number used to
 * crash the kiosk. */
static void
test_wrong_types (void)
{
  g_autoptr(KioskParseContext) ctx = sensors_test_context (BASE "/Things");
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  KioskReading *reading;

  g_assert_true (parse ("wrong-types-sensorthings.json", NULL, ctx, &result, &error));
  g_assert_no_error (error);
  sensors_test_dump_warnings (&result);
  g_assert_cmpuint (result.items->len, ==, 2);
  reading = sensors_test_find (result.items, "10");
  g_assert_cmpfloat (kiosk_reading_get_value (reading), ==, 4.5);
  g_assert_true (isnan (kiosk_reading_get_latitude (reading)));
  g_assert_true (sensors_test_has_warning (&result, "Thing 1: Location 0: “encodingType” is a number, "
                                           "not a string; skipped"));
  g_assert_true (sensors_test_has_warning (&result, "Thing 1: Location 1 is not a GeoJSON Point"));
  g_assert_true (sensors_test_has_warning (&result, "Datastream 10: “ObservedProperty” is a string, "
                                           "not an object"));
  g_assert_true (sensors_test_has_warning (&result, "Thing 2: “Locations” is an object, not an array"));
  g_assert_true (sensors_test_has_warning (&result, "Datastream 20: “Observations” is a string"));
  g_assert_true (sensors_test_has_warning (&result, "“@iot.nextLink” is a number, not a string; "
                                           "no further pages"));
  g_assert_null (result.next_url);

  expect_error ("{\"value\": {\"@iot.id\": 1}}", KIOSK_FORMAT_ERROR_INVALID,
                "SensorThings response: “value” is an object, not an array");
}

static void
test_type_swap (void)
{
  const char *fixtures[] = { "frost-things-v1.1.json", "frost-things-v1.0.json",
                             "wrong-types-sensorthings.json", NULL };
  g_autoptr(KioskParseContext) ctx = sensors_test_context (BASE "/Things?$top=2");
  g_autoptr(GDateTime) now = sensors_test_now ();
  g_autoptr(GBytes) demo = kiosk_demo_sensors_things (now, BASE "/Things?$top=1", 0, 1);

  json_type_swap_check_fixtures (&kiosk_format_sensorthings, ctx, "sensors", fixtures, 100);
  g_assert_cmpuint (json_type_swap_check_format (&kiosk_format_sensorthings, ctx, demo), >, 100);
}

static void
test_huge_arrays (void)
{
  GString *s = g_string_new ("{\"value\":[{\"@iot.id\":1,\"Datastreams\":[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KioskParseContext) ctx = sensors_test_context (NULL);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  /* One Datastream with far too many observations, then far too many Datastreams. */
  g_string_append (s, "{\"@iot.id\":0,\"name\":\"pm10\",\"Observations\":[");
  for (guint i = 0; i < 30000; i++)
    g_string_append_printf (s, "%s{\"phenomenonTime\":\"2026-11-22T01:00:00Z\",\"result\":%u}",
                            i ? "," : "", i);
  g_string_append (s, "]}");
  for (guint i = 1; i < 6000; i++)
    g_string_append_printf (s, ",{\"@iot.id\":%u,\"name\":\"no2\"}", i);
  g_string_append (s, "]}]}");
  bytes = g_string_free_to_bytes (s);

  g_assert_true (parse (NULL, bytes, ctx, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.items->len, ==, 5000);
  g_assert_true (sensors_test_has_warning (&result, "30000 observations; only the first 20000"));
  g_assert_true (sensors_test_has_warning (&result, "more than 5000 readings"));
}

static void
next_link (const char *url,
           const char *next,
           guint       page,
           const char *max_pages,
           const char *warning)
{
  g_autoptr(KioskParseContext) ctx = sensors_test_context (url);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup_printf ("{\"@iot.nextLink\":\"%s\",\"value\":[]}", next);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  ctx->page = page;
  if (max_pages != NULL)
    g_hash_table_insert (ctx->options, g_strdup ("max-pages"), g_strdup (max_pages));

  g_assert_true (parse (NULL, bytes, ctx, &result, &error));
  g_assert_no_error (error);
  sensors_test_dump_warnings (&result);
  if (warning == NULL)
    {
      g_assert_cmpstr (result.next_url, ==, next);
      g_assert_cmpuint (result.warnings->len, ==, 0);
    }
  else
    {
      g_assert_null (result.next_url);
      g_assert_true (sensors_test_has_warning (&result, warning));
    }
  /* Warnings name URLs without their passwords and keys. */
  g_assert_false (sensors_test_has_warning (&result, "s3cret"));
}

static void
test_paging (void)
{
  next_link (BASE "/Things?$top=2", BASE "/Things?$top=2&$skip=2", 1, NULL, NULL);
  /* The same page again, a step back, another host, a file. */
  next_link (BASE "/Things?$skip=4", BASE "/Things?$skip=4", 2, NULL, "same page again");
  /* Another page, whatever its $skip says (the page loop catches loops),
   * and a next link without $skip at all (a server's own paging token). */
  next_link (BASE "/Things?$skip=4", BASE "/Things?$skip=2&$top=1", 2, NULL, NULL);
  next_link (BASE "/Things?$top=100", BASE "/Things?$top=100&$skiptoken=a1b2", 1, NULL, NULL);
  next_link (BASE "/Things?$skip=4", "http://frost:8080/FROST-Server/v1.1/Things?$skip=6", 2, NULL,
             "points to another host");
  next_link ("http://user:s3cret@example.org/v1.1/Things?$skip=4",
             "http://frost:8080/v1.1/Things?$skip=6&api_key=s3cret", 2, NULL,
             "points to another host");
  next_link (NULL, BASE "/Things?$skip=2", 1, NULL, "not followed");
  next_link (NULL, BASE "/Things?$skip=2&token=s3cret", 1, NULL, "not followed");
  /* The page cap: 20 pages by default, or the source's max-pages. */
  next_link (BASE "/Things?$skip=38", BASE "/Things?$skip=40", 19, NULL, "stopped after 20 pages");
  next_link (BASE "/Things?$skip=2", BASE "/Things?$skip=4", 1, "2", "stopped after 2 pages");
  next_link (BASE "/Things?$skip=38", BASE "/Things?$skip=40", 19, "zwei", "option max-pages");
  g_assert_cmpuint (kiosk_format_sensorthings.max_pages, ==, 20);
}

static void
test_overrides (void)
{
  g_autoptr(KioskParseContext) ctx = sensors_test_context (NULL);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  KioskReading *pm10;

  /* 27.4 is "moderate" when the city uses stricter thresholds. */
  g_hash_table_insert (ctx->options, g_strdup ("thresholds-pm10"), g_strdup ("10,20,30,40"));
  g_hash_table_insert (ctx->options, g_strdup ("max-age-pm10"), g_strdup ("60"));
  g_hash_table_insert (ctx->options, g_strdup ("thresholds-temperature"), g_strdup ("1,2"));
  g_assert_true (parse ("frost-things-v1.1.json", NULL, ctx, &result, &error));
  pm10 = sensors_test_find (result.items, "1001");
  g_assert_cmpint (kiosk_reading_get_band (pm10), ==, 2);
  g_assert_cmpuint (kiosk_reading_kind_get_max_age (kiosk_reading_get_kind (pm10)), ==, 60);
  g_assert_true (sensors_test_has_warning (&result, "thresholds-temperature"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sensorthings/frost-1.1", test_frost_v11);
  g_test_add_func ("/sensorthings/frost-1.0", test_frost_v10);
  g_test_add_func ("/sensorthings/shared-strings", test_shared_strings);
  g_test_add_func ("/sensorthings/to-json", test_to_json);
  g_test_add_func ("/sensorthings/request-url", test_request_url);
  g_test_add_func ("/sensorthings/url-params", test_url_params);
  g_test_add_func ("/sensorthings/broken", test_broken);
  g_test_add_func ("/sensorthings/hostile-values", test_hostile_values);
  g_test_add_func ("/sensorthings/wrong-types", test_wrong_types);
  g_test_add_func ("/sensorthings/type-swap", test_type_swap);
  g_test_add_func ("/sensorthings/huge-arrays", test_huge_arrays);
  g_test_add_func ("/sensorthings/paging", test_paging);
  g_test_add_func ("/sensorthings/overrides", test_overrides);

  return g_test_run ();
}
