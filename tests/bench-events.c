/* bench-events.c: parses and expands a generated 10,000-event feed in both
 * event kinds and prints the time taken and the peak memory. A benchmark,
 * not a test: figures vary with the machine, nothing is asserted.
 *
 * Usage: bench-events [N-EVENTS] */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "kiosk-format.h"

static const char vtimezone[] =
  "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"
  "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nDTSTART:19700329T020000\r\n"
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
  "BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nDTSTART:19701025T030000\r\n"
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/* 90 % single events over two months, 9 % weekly series, 1 % daily series
 * that began in 2001, with an EXDATE each: what a big city hub exports. */
static GBytes *
make_ics (guint n)
{
  g_autoptr(GString) s = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n");

  g_string_append (s, vtimezone);
  for (guint i = 0; i < n; i++)
    {
      guint day = 1 + i % 28, month = 3 + (i / 28) % 2, hour = 8 + i % 12;

      g_string_append_printf (s, "BEGIN:VEVENT\r\nUID:bench-%u@example\r\nDTSTAMP:20260101T000000Z\r\n"
                              "SUMMARY:Veranstaltung %u\r\nLOCATION:Ort %u\r\nGEO:51.34;12.37\r\n"
                              "CATEGORIES:Kategorie %u\r\n"
                              "DESCRIPTION:Eine Beschreibung mit etwas Text\\, damit das Parsen "
                              "nicht zu leicht ist.\r\n", i, i, i % 50, i % 8);
      if (i % 100 == 0)
        g_string_append_printf (s, "DTSTART;TZID=Europe/Berlin:2001%02u%02uT%02u0000\r\n"
                                "DURATION:PT1H\r\nRRULE:FREQ=DAILY\r\n"
                                "EXDATE;TZID=Europe/Berlin:2026031%uT%02u0000\r\n",
                                month, day, hour, i % 10, hour);
      else if (i % 10 == 0)
        g_string_append_printf (s, "DTSTART;TZID=Europe/Berlin:2025%02u%02uT%02u0000\r\n"
                                "DURATION:PT2H\r\nRRULE:FREQ=WEEKLY;COUNT=80\r\n", month, day, hour);
      else
        g_string_append_printf (s, "DTSTART;TZID=Europe/Berlin:2026%02u%02uT%02u0000\r\n"
                                "DTEND;TZID=Europe/Berlin:2026%02u%02uT%02u3000\r\n",
                                month, day, hour, month, day, hour);
      g_string_append (s, "END:VEVENT\r\n");
    }
  g_string_append (s, "END:VCALENDAR\r\n");

  return g_string_free_to_bytes (g_steal_pointer (&s));
}

static GBytes *
make_jsonld (guint n)
{
  g_autoptr(GString) s = g_string_new ("{\"@context\":\"https://schema.org\",\"@graph\":[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s{\"@type\":\"Event\",\"@id\":\"bench-%u\",\"name\":\"Veranstaltung %u\","
                            "\"startDate\":\"2026-%02u-%02uT%02u:00:00+01:00\",\"location\":{\"@type\":"
                            "\"Place\",\"name\":\"Ort %u\",\"geo\":{\"latitude\":51.34,\"longitude\":12.37}},"
                            "\"offers\":{\"price\":\"%u,50\",\"priceCurrency\":\"EUR\"},"
                            "\"description\":\"<p>Eine <b>Beschreibung</b></p>\",\"keywords\":\"K%u\"}",
                            i ? "," : "", i, i, 3 + (i / 28) % 2, 1 + i % 28, 8 + i % 12, i % 50, i % 20, i % 8);
  g_string_append (s, "]}");

  return g_string_free_to_bytes (g_steal_pointer (&s));
}

static void
run (const char *kind,
     GBytes     *bytes)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (tz);
  g_auto(KioskParseResult) result = { 0, };
  g_autoptr(GError) error = NULL;
  const KioskFormat *format = kiosk_format_lookup (kind);
  struct rusage usage;
  gint64 begin, end;

  ctx->from = g_date_time_new (tz, 2026, 3, 1, 0, 0, 0);
  ctx->to = g_date_time_add_days (ctx->from, 60);
  kiosk_parse_result_init (&result);

  begin = g_get_monotonic_time ();
  if (!format->parse (bytes, ctx, &result, &error))
    {
      fprintf (stderr, "%s: %s\n", kind, error->message);
      exit (1);
    }
  end = g_get_monotonic_time ();
  getrusage (RUSAGE_SELF, &usage);

  printf ("%-13s %8.1f KiB in  %6u occurrences in 60 days  %8.1f ms  peak RSS %6.1f MiB  (%u warnings)\n",
          kind, g_bytes_get_size (bytes) / 1024.0, result.items->len,
          (end - begin) / 1000.0, usage.ru_maxrss / 1024.0, result.warnings->len);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 10000;
  g_autoptr(GBytes) ics = make_ics (n);
  g_autoptr(GBytes) jsonld = make_jsonld (n);

  printf ("Parsing and expanding %u events (peak RSS is the whole process so far)\n", n);
  run ("ical", ics);
  run ("schema-event", jsonld);

  return 0;
}
