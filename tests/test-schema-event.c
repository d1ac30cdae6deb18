/* test-schema-event.c: the `schema-event` kind: shapes, fields, bad input */

#include "config.h"

#include <math.h>

#include "json-type-swap.h"
#include "kiosk-demo-events.h"
#include "kiosk-event.h"
#include "kiosk-format.h"
#include "kiosk-formats.h"
#include "kiosk-schema-event-format.h"

static gboolean
parse (const char       *text,
       const char       *name,
       KioskParseResult *result,
       GError          **error)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (tz);
  g_autoptr(GBytes) bytes = NULL;

  if (text != NULL)
    {
      bytes = g_bytes_new (text, strlen (text));
    }
  else
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "events", name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
    }

  ctx->from = g_date_time_new_from_iso8601 ("2026-06-01T00:00:00", tz);
  ctx->to = g_date_time_new_from_iso8601 ("2026-07-01T00:00:00", tz);
  kiosk_parse_result_init (result);

  return kiosk_schema_event_parse (bytes, ctx, result, error);
}

static char *
iso (GDateTime *dt)
{
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z");
}

static char *
joined_warnings (KioskParseResult *result)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < result->warnings->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (result->warnings, i));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_graph (void)
{
  g_auto(KioskParseResult) result = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *warnings = NULL;
  KioskEvent *concert, *theater, *festival;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_assert_true (parse (NULL, "tourism-hub.jsonld", &result, &error));
  g_assert_no_error (error);

  /* Organization ignored, the event without start skipped and named,
   * the May event outside the window. Sorted by start. */
  g_assert_cmpuint (result.items->len, ==, 3);
  concert = g_ptr_array_index (result.items, 0);
  theater = g_ptr_array_index (result.items, 1);
  festival = g_ptr_array_index (result.items, 2);
  warnings = joined_warnings (&result);
  g_test_message ("%s", warnings);
  g_assert_nonnull (strstr (warnings, "“Ohne Datum”"));
  g_assert_nonnull (strstr (warnings, "no startDate"));

  g_assert_cmpstr (kiosk_event_get_uid (concert), ==, "https://hub.example/events/4711");
  g_assert_cmpstr (kiosk_event_get_title (concert), ==, "Sommerkonzert im Schlosspark");
  g_assert_true (kiosk_event_is_cancelled (concert));
  g_assert_cmpstr (kiosk_event_get_location (concert), ==, "Schlosspark Musterdorf");
  g_assert_cmpstr (kiosk_event_get_address (concert), ==, "Schlossallee 1, 04109 Musterdorf");
  g_assert_cmpfloat_with_epsilon (kiosk_event_get_latitude (concert), 51.3401, 1e-9);
  g_assert_cmpfloat_with_epsilon (kiosk_event_get_longitude (concert), 12.3712, 1e-9);
  g_assert_cmpstr (kiosk_event_get_image (concert), ==, "https://hub.example/img/konzert.jpg");
  g_assert_cmpstr (kiosk_event_get_url (concert), ==, "https://hub.example/events/4711");
  g_assert_cmpfloat_with_epsilon (kiosk_event_get_price (concert), 8.0, 1e-9);   /* the lowest */
  g_assert_cmpstr (kiosk_event_get_currency (concert), ==, "EUR");
  g_assert_false (kiosk_event_get_free (concert));
  g_assert_cmpstr (kiosk_event_get_accessibility (concert), ==, "Rollstuhlgerecht");
  g_assert_cmpstr (kiosk_event_get_categories (concert)[0], ==, "Musik");
  g_assert_cmpstr (kiosk_event_get_categories (concert)[1], ==, "Open Air");
  g_assert_cmpstr (kiosk_event_get_description (concert), ==,
                   "Das Blasorchester spielt Filmmusik.\n\nEinlass ab 19 Uhr.");
  start = iso (kiosk_event_get_start (concert));
  end = iso (kiosk_event_get_end (concert));
  g_assert_cmpstr (start, ==, "2026-06-10T19:30:00+02:00");
  g_assert_cmpstr (end, ==, "2026-06-10T22:00:00+02:00");

  /* A start without offset is the kiosk's time; price 0 means free. */
  g_clear_pointer (&start, g_free);
  start = iso (kiosk_event_get_start (theater));
  g_assert_cmpstr (start, ==, "2026-06-11T20:00:00+02:00");
  g_assert_true (kiosk_event_is_postponed (theater));
  g_assert_true (kiosk_event_get_free (theater));
  g_assert_cmpstr (kiosk_event_get_uid (theater), ==, "theater-1");

  /* Dates: an all-day festival whose inclusive endDate becomes exclusive. */
  g_assert_true (kiosk_event_get_all_day (festival));
  g_clear_pointer (&start, g_free);
  g_clear_pointer (&end, g_free);
  start = iso (kiosk_event_get_start (festival));
  end = iso (kiosk_event_get_end (festival));
  g_assert_cmpstr (start, ==, "2026-06-12T00:00:00+02:00");
  g_assert_cmpstr (end, ==, "2026-06-15T00:00:00+02:00");
  g_assert_cmpstr (kiosk_event_get_title (festival), ==, "Stadtfest");
  g_assert_cmpstr (kiosk_event_get_title_for (festival, "en"), ==, "Town festival");
  g_assert_cmpstr (kiosk_event_get_description_for (festival, "en"), ==, "Three days of music and food.");
  g_assert_cmpstr (kiosk_event_get_location (festival), ==, "Marktplatz");
  g_assert_true (isnan (kiosk_event_get_latitude (festival)));
  g_assert_true (kiosk_event_get_free (festival));
  g_assert_cmpstr (kiosk_event_get_accessibility (festival), ==,
                   "Ebenerdiger Zugang, Behinderten-WC am Rathaus");
}

static void
test_shapes (void)
{
  const char *shapes[] = {
    /* a single object */
    "{\"@context\":\"https://schema.org\",\"@type\":\"Event\",\"name\":\"A\",\"startDate\":\"2026-06-05T10:00:00Z\"}",
    /* an array */
    "[{\"@type\":\"Event\",\"name\":\"A\",\"startDate\":\"2026-06-05T10:00:00Z\"},{\"@type\":\"Person\",\"name\":\"P\"}]",
    /* an ItemList of ListItems */
    "{\"@type\":\"ItemList\",\"itemListElement\":[{\"@type\":\"ListItem\",\"position\":1,"
    "\"item\":{\"@type\":\"SportsEvent\",\"name\":\"A\",\"startDate\":\"2026-06-05T10:00:00Z\"}}]}",
    /* full vocabulary URLs */
    "{\"@type\":\"http://schema.org/Event\",\"name\":\"A\",\"startDate\":\"2026-06-05T10:00:00Z\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_auto(KioskParseResult) result = { 0, };
      g_autoptr(GError) error = NULL;

      g_assert_true (parse (shapes[i], NULL, &result, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (result.items->len, ==, 1);
      g_assert_cmpstr (kiosk_event_get_title (g_ptr_array_index (result.items, 0)), ==, "A");
    }
}

static void
test_bad_input (void)
{
  const struct { const char *text; int code; } cases[] = {
    { "", KIOSK_FORMAT_ERROR_EMPTY },
    { "<html></html>", KIOSK_FORMAT_ERROR_INVALID },
    { "{\"@type\": \"Event\", ", KIOSK_FORMAT_ERROR_INVALID },
    { "42", KIOSK_FORMAT_ERROR_INVALID },
  };
  g_autoptr(GString) deep = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(KioskParseResult) result = { 0, };
      g_autoptr(GError) error = NULL;

      g_assert_false (parse (cases[i].text, NULL, &result, &error));
      g_assert_error (error, KIOSK_FORMAT_ERROR, cases[i].code);
      g_test_message ("%s", error->message);
    }

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  {
    g_auto(KioskParseResult) result = { 0, };
    g_autoptr(GError) error = NULL;

    g_assert_false (parse (deep->str, NULL, &result, &error));
    g_assert_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_TOO_LARGE);
  }
}

static void
test_no_events (void)
{
  g_auto(KioskParseResult) result = { 0, };

  /* Valid JSON without events: nothing shown, and a warning that says so. */
  g_assert_true (parse ("{\"@type\":\"Organization\",\"name\":\"X\"}", NULL, &result, NULL));
  g_assert_cmpuint (result.items->len, ==, 0);
  g_assert_cmpuint (result.warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "no schema.org Event"));
}

static void
test_bad_dates (void)
{
  g_auto(KioskParseResult) result = { 0, };
  g_autofree char *warnings = NULL;

  g_assert_true (parse ("[{\"@type\":\"Event\",\"name\":\"X\",\"startDate\":\"morgen\"},"
                        "{\"@type\":\"Event\",\"name\":\"Y\",\"startDate\":\"2026-06-05T10:00:00Z\","
                        "\"endDate\":\"2026-06-04T10:00:00Z\"}]", NULL, &result, NULL));
  g_assert_cmpuint (result.items->len, ==, 1);
  warnings = joined_warnings (&result);
  g_assert_nonnull (strstr (warnings, "startDate “morgen”"));
  g_assert_nonnull (strstr (warnings, "endDate before startDate"));
}

static void
test_json_output (void)
{
  g_auto(KioskParseResult) result = { 0, };
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (tz);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  const KioskFormat *format = kiosk_format_lookup ("schema-event");

  g_assert_nonnull (format);
  g_assert_cmpint (format->area, ==, KIOSK_AREA_EVENTS);
  g_assert_true (parse (NULL, "tourism-hub.jsonld", &result, NULL));
  node = format->to_json (g_ptr_array_index (result.items, 2), ctx);
  text = json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"uid\":\"event-2\",\"title\":\"Stadtfest\",\"start\":\"2026-06-12\","
                   "\"end\":\"2026-06-15\",\"all_day\":true,\"location\":\"Marktplatz\","
                   "\"lat\":null,\"lon\":null,\"categories\":[\"Fest\",\"Familie\"],\"url\":null,"
                   "\"image\":null,\"status\":\"confirmed\",\"description\":\"Drei Tage Musik und Essen.\"}");
}

static void
test_type_swap (void)
{
  const char *fixtures[] = { "tourism-hub.jsonld", NULL };
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (tz);
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2026, 6, 10, 12, 0, 0);
  g_autoptr(GBytes) demo = kiosk_demo_events_build_jsonld (now, "http://127.0.0.1:8080");
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (demo, NULL), NULL);
  g_autoptr(JsonArray) two = json_array_new ();
  g_autoptr(JsonNode) small = json_node_init_array (json_node_alloc (), two);
  g_autofree char *small_text = NULL;
  g_autoptr(GBytes) small_bytes = NULL;
  JsonArray *events;

  ctx->from = g_date_time_new_from_iso8601 ("2026-06-01T00:00:00", tz);
  ctx->to = g_date_time_new_from_iso8601 ("2026-07-01T00:00:00", tz);
  json_type_swap_check_fixtures (&kiosk_format_schema_event, ctx, "events", fixtures, 100);

  /* The demo's events: the first two of its list, wherever the list is. */
  g_assert_nonnull (root);
  events = JSON_NODE_HOLDS_ARRAY (root) ? json_node_get_array (root)
           : json_object_get_array_member (json_node_get_object (root), "@graph");
  g_assert_nonnull (events);
  for (guint i = 0; i < 2 && i < json_array_get_length (events); i++)
    json_array_add_element (two, json_node_copy (json_array_get_element (events, i)));
  small_text = json_to_string (small, FALSE);
  small_bytes = g_bytes_new (small_text, strlen (small_text));
  g_assert_cmpuint (json_type_swap_check_format (&kiosk_format_schema_event, ctx, small_bytes), >, 50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/schema-event/graph", test_graph);
  g_test_add_func ("/schema-event/shapes", test_shapes);
  g_test_add_func ("/schema-event/bad-input", test_bad_input);
  g_test_add_func ("/schema-event/no-events", test_no_events);
  g_test_add_func ("/schema-event/bad-dates", test_bad_dates);
  g_test_add_func ("/schema-event/json-output", test_json_output);
  g_test_add_func ("/schema-event/type-swap", test_type_swap);

  return g_test_run ();
}
