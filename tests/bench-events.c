/* bench-events.c: parses and expands a generated city feed in both event
 * kinds and prints occurrences, memory kept per occurrence, peak memory and
 * time. A benchmark, not a test: figures vary with the machine, nothing is
 * asserted.
 *
 * Memory kept is the PSS (and RSS) delta in /proc/self/smaps_rollup between
 * before the feed is generated and after the model is built and the feed
 * freed, both after malloc_trim (). Peak is VmHWM from /proc/self/status,
 * reset before each kind, less the RSS before. Each kind runs in a child
 * process of its own, so that neither reuses what the other freed.
 *
 * Usage: bench-events [N-EVENTS] */

#include "config.h"

#include <stdlib.h>

#include "bench-memory.h"
#include "kiosk-format.h"

static const char vtimezone[] =
  "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"
  "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nDTSTART:19700329T020000\r\n"
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
  "BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nDTSTART:19701025T030000\r\n"
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/* About 500 characters of running text, as city feeds carry. */
static const char text_de[] =
  "Eine Beschreibung mit etwas Text\\, damit das Parsen nicht zu leicht ist. Die Veranstaltung "
  "richtet sich an alle Altersgruppen\\; der Eintritt ist frei\\, eine Anmeldung ist nicht "
  "nötig. Treffpunkt ist der Haupteingang. Bitte bringen Sie bequeme Kleidung und etwas zu "
  "trinken mit. Bei Regen findet die Veranstaltung im Saal statt. Der Veranstaltungsort ist "
  "barrierefrei erreichbar\\, ein Aufzug ist vorhanden. Weitere Auskünfte gibt das "
  "Bürgerbüro unter der bekannten Telefonnummer oder per E-Mail.";
static const char text_en[] =
  "A description with some text\\, so that parsing is not too easy. The event is open to all "
  "ages\\; entry is free\\, no registration is needed. Meet at the main entrance. Please bring "
  "comfortable clothes and something to drink. If it rains\\, the event moves into the hall. "
  "The venue is step-free\\, there is a lift. The citizens' office answers questions by "
  "phone or e-mail.";

/* 78 % single events over two months, 20 % weekly series, 2 % daily series
 * that began in 2001, with an EXDATE each; texts in two languages, two
 * categories, a link and a picture each: what a big city hub exports. */
static GBytes *
make_ics (guint n)
{
  g_autoptr(GString) s = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n");

  g_string_append (s, vtimezone);
  for (guint i = 0; i < n; i++)
    {
      guint day = 1 + i % 28, month = 3 + (i / 28) % 2, hour = 8 + i % 12;

      g_string_append_printf (s, "BEGIN:VEVENT\r\nUID:bench-%u@example\r\nDTSTAMP:20260101T000000Z\r\n"
                              "SUMMARY:Veranstaltung %u\r\nSUMMARY;LANGUAGE=en:Event %u\r\n"
                              "LOCATION:Ort %u\\, Marktplatz 1\r\nGEO:51.34;12.37\r\n"
                              "CATEGORIES:Kategorie %u,Kultur\r\n"
                              "URL:https://stadt.example/veranstaltungen/%u\r\n"
                              "IMAGE;VALUE=URI:https://stadt.example/bilder/%u.jpg\r\n"
                              "DESCRIPTION:%s\r\nDESCRIPTION;LANGUAGE=en:%s\r\n",
                              i, i, i, i % 50, i % 8, i, i, text_de, text_en);
      if (i % 50 == 0)
        g_string_append_printf (s, "DTSTART;TZID=Europe/Berlin:2001%02u%02uT%02u0000\r\n"
                                "DURATION:PT1H\r\nRRULE:FREQ=DAILY\r\n"
                                "EXDATE;TZID=Europe/Berlin:2026031%uT%02u0000\r\n",
                                month, day, hour, i % 10, hour);
      else if (i % 5 == 0)
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
     GBytes     *(*make) (guint),
     guint       n)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (tz);
  g_auto(KioskParseResult) result = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const KioskFormat *format = kiosk_format_lookup (kind);
  BenchMemory before, after;
  gint64 begin, end, peak;
  gsize size;
  guint count;

  ctx->from = g_date_time_new (tz, 2026, 3, 1, 0, 0, 0);
  ctx->to = g_date_time_add_days (ctx->from, 60);
  kiosk_parse_result_init (&result);

  before = bench_memory_now (TRUE);
  bench_reset_peak ();
  bytes = make (n);
  size = g_bytes_get_size (bytes);

  begin = g_get_monotonic_time ();
  if (!format->parse (bytes, ctx, &result, &error))
    {
      fprintf (stderr, "%s: %s\n", kind, error->message);
      exit (1);
    }
  end = g_get_monotonic_time ();
  g_clear_pointer (&bytes, g_bytes_unref);

  after = bench_memory_now (TRUE);
  peak = bench_proc_kib ("/proc/self/status", "VmHWM");
  count = MAX (result.items->len, 1);

  printf ("%-13s %7.1f KiB in  %6u occurrences in 60 days  %7.1f ms\n"
          "%-13s kept: PSS %+7.1f MiB = %6.0f bytes per occurrence, RSS %+7.1f MiB = %6.0f bytes"
          "  peak %+6.1f MiB over before  (%u warnings)\n"
          "%-13s malloc in use %+7.1f MiB = %6.0f bytes per occurrence\n",
          kind, size / 1024.0, result.items->len, (end - begin) / 1000.0,
          "", (after.pss - before.pss) / 1024.0, (after.pss - before.pss) * 1024.0 / count,
          (after.rss - before.rss) / 1024.0, (after.rss - before.rss) * 1024.0 / count,
          (peak - before.rss) / 1024.0, result.warnings->len,
          "", (after.used - before.used) / 1048576.0, (double) (after.used - before.used) / count);
}

static void
run_kind (guint    i,
          gpointer data)
{
  guint n = GPOINTER_TO_UINT (data);

  if (i == 0)
    run ("ical", make_ics, n);
  else
    run ("schema-event", make_jsonld, n);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 2000;

  printf ("Parsing and expanding %u events\n", n);

  return bench_each_in_child (2, run_kind, GUINT_TO_POINTER (n)) ? 0 : 1;
}
