/* bench-sensors.c: parses 50,000 SensorThings observations and an NGSI page of
 * 5,000 entities, and prints time and peak memory (a figure, not a test) */

#include "config.h"

#include <sys/resource.h>

#include "kiosk-formats.h"
#include "kiosk-reading.h"

#define THINGS 50
#define DATASTREAMS 5
#define OBSERVATIONS 200   /* 50 × 5 × 200 = 50,000 */

static GBytes *
make_things (void)
{
  GString *s = g_string_new ("{\"value\":[");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *props[] = { "temperature", "PM10", "NO2", "humidity", "noise" };

  for (guint t = 0; t < THINGS; t++)
    {
      g_string_append_printf (s, "%s{\"@iot.id\":%u,\"name\":\"Station %u\",\"Locations\":[{"
                              "\"encodingType\":\"application/geo+json\",\"location\":{"
                              "\"type\":\"Point\",\"coordinates\":[12.37%02u,51.33%02u]}}],"
                              "\"Datastreams\":[", t ? "," : "", t, t, t, t);
      for (guint d = 0; d < DATASTREAMS; d++)
        {
          g_string_append_printf (s, "%s{\"@iot.id\":%u,\"name\":\"%s %u\","
                                  "\"unitOfMeasurement\":{\"name\":\"x\",\"symbol\":\"x\"},"
                                  "\"ObservedProperty\":{\"name\":\"%s\",\"definition\":\"\"},"
                                  "\"Observations\":[", d ? "," : "", t * 100 + d, props[d], t,
                                  props[d]);
          for (guint o = 0; o < OBSERVATIONS; o++)
            {
              g_autoptr(GDateTime) when = g_date_time_add_minutes (now, -(int) o * 7);
              g_autofree char *iso = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");

              g_string_append_printf (s, "%s{\"@iot.id\":%u,\"phenomenonTime\":\"%s\","
                                      "\"result\":%u.%u}", o ? "," : "", o, iso, o % 90, o % 10);
            }
          g_string_append (s, "]}");
        }
      g_string_append (s, "]}");
    }
  g_string_append (s, "]}");

  return g_string_free_to_bytes (s);
}

static GBytes *
make_entities (void)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (s, "%s{\"id\":\"urn:ngsi-ld:AirQualityObserved:%u\",\"type\":\"AirQualityObserved\","
                            "\"dateObserved\":{\"type\":\"DateTime\",\"value\":\"2026-11-22T01:00:00Z\"},"
                            "\"location\":{\"type\":\"geo:json\",\"value\":{\"type\":\"Point\",\"coordinates\":[12.37,51.33]}},"
                            "\"no2\":{\"type\":\"Number\",\"value\":%u,\"metadata\":{\"unitCode\":{\"type\":\"Text\",\"value\":\"GQ\"}}}}",
                            i ? "," : "", i, i % 200);
  g_string_append_c (s, ']');

  return g_string_free_to_bytes (s);
}

static void
run (const char        *what,
     const KioskFormat *format,
     GBytes            *bytes)
{
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (NULL);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  gint64 start, end;
  guint points = 0;

  kiosk_parse_result_init (&result);
  start = g_get_monotonic_time ();
  if (!format->parse (bytes, ctx, &result, &error))
    g_error ("%s: %s", what, error->message);
  end = g_get_monotonic_time ();

  for (guint i = 0; i < result.items->len; i++)
    points += kiosk_reading_get_history (g_ptr_array_index (result.items, i))->len;
  getrusage (RUSAGE_SELF, &usage);

  g_print ("%s: %.1f MB parsed in %.1f ms: %u readings, %u history points, "
           "%u warnings; peak RSS %ld MB\n",
           what, g_bytes_get_size (bytes) / 1e6, (end - start) / 1000.0,
           result.items->len, points, result.warnings->len, usage.ru_maxrss / 1024);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) things = make_things ();
  g_autoptr(GBytes) entities = make_entities ();

  run ("sensorthings, 50,000 observations", &kiosk_format_sensorthings, things);
  run ("ngsi-v2, 5,000 entities", &kiosk_format_ngsi_v2, entities);

  return 0;
}
