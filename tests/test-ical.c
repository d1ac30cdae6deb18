/* test-ical.c: the `ical` kind: times, zones, recurrences, overrides, bad input
 *
 * Expected occurrences are worked out by hand from RFC 5545; the fixture
 * feeds are also compared with python3-recurring-ical-events by
 * compare-ical.py. */

#include "config.h"

#include <math.h>

#include "kiosk-event.h"
#include "kiosk-format.h"
#include "kiosk-ical-format.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "events", name, NULL);
}

/* Parses @text (or the fixture @name when @text is NULL) with the window
 * [from, to) in @zone. */
static gboolean
parse (const char       *text,
       const char       *name,
       const char       *from,
       const char       *to,
       const char       *zone,
       KioskParseResult *result,
       GError          **error)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (tz);
  g_autoptr(GBytes) bytes = NULL;

  if (text != NULL)
    {
      bytes = g_bytes_new (text, strlen (text));
    }
  else
    {
      g_autofree char *path = fixture_path (name);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
    }

  if (from != NULL)
    ctx->from = g_date_time_new_from_iso8601 (from, tz);
  if (to != NULL)
    ctx->to = g_date_time_new_from_iso8601 (to, tz);
  kiosk_parse_result_init (result);

  return kiosk_ical_parse (bytes, ctx, result, error);
}

static char *
iso (GDateTime *dt)
{
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z");
}

/* "UID START" lines of the occurrences, for compact comparisons. */
static char *
summarize (KioskParseResult *result,
           const char       *uid)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < result->items->len; i++)
    {
      KioskEvent *event = g_ptr_array_index (result->items, i);
      g_autofree char *start = iso (kiosk_event_get_start (event));

      if (uid != NULL && g_strcmp0 (kiosk_event_get_uid (event), uid) != 0)
        continue;
      g_string_append_printf (out, "%s%s", out->len ? "\n" : "", start);
      if (kiosk_event_is_cancelled (event))
        g_string_append (out, " cancelled");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static KioskEvent *
find (KioskParseResult *result,
      const char       *uid,
      const char       *start)
{
  for (guint i = 0; i < result->items->len; i++)
    {
      KioskEvent *event = g_ptr_array_index (result->items, i);
      g_autofree char *s = iso (kiosk_event_get_start (event));

      if (g_strcmp0 (kiosk_event_get_uid (event), uid) == 0 && g_str_has_prefix (s, start))
        return event;
    }

  return NULL;
}

#define CAL(body) "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n" body "END:VCALENDAR\r\n"

static void
test_not_icalendar (void)
{
  const char *bad[] = { "<html><body>Not found</body></html>", "", "{\"events\": []}",
                        "BEGIN:VCARD\r\nEND:VCARD\r\n" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(KioskParseResult) result = { 0, };
      g_autoptr(GError) error = NULL;

      g_assert_false (parse (bad[i], NULL, NULL, NULL, "Europe/Berlin", &result, &error));
      g_assert_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "iCalendar"));
    }
}

/* Weekly at 10:00 Berlin across the spring change, EXDATE, UNTIL, overrides. */
static void
test_dst_week (void)
{
  g_auto(KioskParseResult) result = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *yoga = NULL;
  KioskEvent *moved;

  g_assert_true (parse (NULL, "musterdorf-2026.ics", "2026-03-09T00:00:00", "2026-04-27T00:00:00",
                        "Europe/Berlin", &result, &error));
  g_assert_no_error (error);

  yoga = summarize (&result, "weekly-yoga@musterdorf.de");
  g_assert_cmpstr (yoga, ==,
                   "2026-03-12T10:00:00+01:00\n"
                   "2026-03-19T10:00:00+01:00\n"
                   "2026-03-26T10:00:00+01:00\n"   /* last Thursday in CET */
                   /* 2026-04-02 is an EXDATE */
                   "2026-04-10T17:00:00+02:00\n"   /* 04-09 moved by RECURRENCE-ID */
                   "2026-04-16T10:00:00+02:00 cancelled\n"
                   "2026-04-23T10:00:00+02:00");   /* UNTIL 12:00Z keeps it */

  moved = find (&result, "weekly-yoga@musterdorf.de", "2026-04-10");
  g_assert_nonnull (moved);
  g_assert_cmpstr (kiosk_event_get_title (moved), ==, "Yoga im Park (verschoben auf Freitag)");
  /* Its SUMMARY is the title in every language, not the series' "de"/"en" ones. */
  g_assert_cmpstr (kiosk_event_get_title_for (moved, "de"), ==, "Yoga im Park (verschoben auf Freitag)");
  g_assert_cmpstr (kiosk_event_get_title_for (moved, "en"), ==, "Yoga im Park (verschoben auf Freitag)");
  /* What the override does not say comes from the series. */
  g_assert_cmpstr (kiosk_event_get_location (moved), ==, "Stadtpark, Große Wiese");
  {
    g_autofree char *end = iso (kiosk_event_get_end (moved));

    g_assert_cmpstr (end, ==, "2026-04-10T18:30:00+02:00");
  }

  /* Items come sorted by start. */
  for (guint i = 1; i < result.items->len; i++)
    g_assert_cmpint (kiosk_event_compare (g_ptr_array_index (result.items, i - 1),
                                          g_ptr_array_index (result.items, i)), <=, 0);
}

/* UNTIL exactly on the last occurrence, which lies in summer time: RFC 5545
 * makes UNTIL inclusive. (dateutil with pytz keeps the winter offset and
 * drops it, which is why the reference fixture avoids this boundary.) */
static void
test_until_inclusive_across_dst (void)
{
  g_auto(KioskParseResult) result = { 0, };
  g_autofree char *got = NULL;

  g_assert_true (parse (CAL ("BEGIN:VEVENT\r\nUID:u\r\nDTSTART;TZID=Europe/Berlin:20260312T100000\r\n"
                             "RRULE:FREQ=WEEKLY;UNTIL=20260409T080000Z\r\nSUMMARY:S\r\nEND:VEVENT\r\n"),
                        NULL, "2026-03-20T00:00:00", "2026-05-01T00:00:00", "Europe/Berlin", &result, NULL));
  got = summarize (&result, NULL);
  g_assert_cmpstr (got, ==,
                   "2026-03-26T10:00:00+01:00\n"
                   "2026-04-02T10:00:00+02:00\n"
                   "2026-04-09T10:00:00+02:00");
}

static void
test_count_and_custom_vtimezone (void)
{
  g_auto(KioskParseResult) result = { 0, };
  g_autofree char *council = NULL;

  /* "Musterdorfer Zeit" is no system zone: its VTIMEZONE is used. */
  g_assert_true (parse (NULL, "musterdorf-2026.ics", "2026-03-01T00:00:00", "2026-06-01T00:00:00",
                        "Europe/Berlin", &result, NULL));
  council = summarize (&result, "council@musterdorf.de");
  g_assert_cmpstr (council, ==,
                   "2026-03-18T19:00:00+01:00\n"
                   "2026-04-01T19:00:00+02:00\n"
                   "2026-04-15T19:00:00+02:00\n"
                   "2026-04-29T19:00:00+02:00");   /* COUNT=4 */
}

static void
test_dst_weekend (void)
{
  g_auto(KioskParseResult) result = { 0, };
  g_autofree char *got = NULL;

  /* 02:30 does not exist on 29 March 2026 in Berlin: it is the same
   * instant as 01:30 UTC, shown as 03:30 summer time. The daily 07:00 bell
   * stays at 07:00 on both sides of the change. */
  g_assert_true (parse (CAL ("BEGIN:VEVENT\r\nUID:gap\r\nDTSTART;TZID=Europe/Berlin:20260329T023000\r\n"
                             "SUMMARY:Gap\r\nEND:VEVENT\r\n"
                             "BEGIN:VEVENT\r\nUID:bell\r\nDTSTART;TZID=Europe/Berlin:20010101T070000\r\n"
                             "RRULE:FREQ=DAILY\r\nSUMMARY:Bell\r\nEND:VEVENT\r\n"),
                        NULL, "2026-03-28T00:00:00", "2026-03-31T00:00:00", "Europe/Berlin", &result, NULL));
  got = summarize (&result, NULL);
  g_assert_cmpstr (got, ==,
                   "2026-03-28T07:00:00+01:00\n"
                   "2026-03-29T03:30:00+02:00\n"
                   "2026-03-29T07:00:00+02:00\n"
                   "2026-03-30T07:00:00+02:00");
}

static void
test_autumn_change (void)
{
  g_auto(KioskParseResult) result = { 0, };
  g_autofree char *got = NULL;

  /* 02:30 happens twice on 25 October 2026; the first (summer time) counts. */
  g_assert_true (parse (CAL ("BEGIN:VEVENT\r\nUID:twice\r\nDTSTART;TZID=Europe/Berlin:20261024T023000\r\n"
                             "RRULE:FREQ=DAILY;COUNT=3\r\nSUMMARY:Twice\r\nEND:VEVENT\r\n"),
                        NULL, "2026-10-20T00:00:00", "2026-10-30T00:00:00", "Europe/Berlin", &result, NULL));
  got = summarize (&result, NULL);
  g_assert_cmpstr (got, ==,
                   "2026-10-24T02:30:00+02:00\n"
                   "2026-10-25T02:30:00+02:00\n"
                   "2026-10-26T02:30:00+01:00");
}

static void
test_floating_and_utc (void)
{
  g_auto(KioskParseResult) result = { 0, };
  KioskEvent *choir, *talk;
  g_autofree char *choir_start = NULL;
  g_autofree char *talk_start = NULL;

  /* Floating times are the kiosk's: the same file read by a kiosk in New York. */
  g_assert_true (parse (NULL, "musterdorf-2026.ics", "2026-03-28T00:00:00", "2026-03-30T00:00:00",
                        "America/New_York", &result, NULL));
  choir = find (&result, "floating-choir@musterdorf.de", "2026-03-29");
  talk = find (&result, "utc-talk@musterdorf.de", "2026-03-28");
  g_assert_nonnull (choir);
  g_assert_nonnull (talk);
  choir_start = iso (kiosk_event_get_start (choir));
  talk_start = iso (kiosk_event_get_start (talk));
  g_assert_cmpstr (choir_start, ==, "2026-03-29T15:00:00-04:00");
  g_assert_cmpstr (talk_start, ==, "2026-03-28T13:00:00-04:00");   /* 17:00Z */
}

static void
test_all_day (void)
{
  g_auto(KioskParseResult) result = { 0, };
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (tz);
  g_autofree char *market = NULL;
  KioskEvent *festival;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *object;

  g_assert_true (parse (NULL, "musterdorf-2026.ics", "2026-03-09T00:00:00", "2026-04-27T00:00:00",
                        "Europe/Berlin", &result, NULL));

  /* COUNT=6 Saturdays, 28 March excluded, a Wednesday added by RDATE. */
  market = summarize (&result, "market@musterdorf.de");
  g_assert_cmpstr (market, ==,
                   "2026-03-14T00:00:00+01:00\n"
                   "2026-03-21T00:00:00+01:00\n"
                   "2026-03-25T00:00:00+01:00\n"
                   "2026-04-04T00:00:00+02:00\n"
                   "2026-04-11T00:00:00+02:00\n"
                   "2026-04-18T00:00:00+02:00");

  festival = find (&result, "festival@musterdorf.de", "2026-03-20");
  g_assert_nonnull (festival);
  g_assert_true (kiosk_event_get_all_day (festival));
  json = kiosk_format_lookup ("ical")->to_json (festival, ctx);
  object = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "start"), ==, "2026-03-20");
  g_assert_cmpstr (json_object_get_string_member (object, "end"), ==, "2026-03-23");   /* exclusive */
  g_assert_true (json_object_get_boolean_member (object, "all_day"));
  g_assert_cmpstr (json_object_get_string_member (object, "image"), ==,
                   "https://musterdorf.example/bilder/fest.png");
}

static void
test_all_day_without_end (void)
{
  g_auto(KioskParseResult) result = { 0, };
  KioskEvent *event;
  g_autofree char *end = NULL;

  /* RFC 5545 3.6.1: a DATE start without DTEND or DURATION lasts one day. */
  g_assert_true (parse (CAL ("BEGIN:VEVENT\r\nUID:d\r\nDTSTART;VALUE=DATE:20261101\r\nSUMMARY:D\r\nEND:VEVENT\r\n"),
                        NULL, "2026-10-01T00:00:00", "2026-12-01T00:00:00", "Europe/Berlin", &result, NULL));
  g_assert_cmpuint (result.items->len, ==, 1);
  event = g_ptr_array_index (result.items, 0);
  end = iso (kiosk_event_get_end (event));
  g_assert_cmpstr (end, ==, "2026-11-02T00:00:00+01:00");
}

static void
test_fields (void)
{
  g_auto(KioskParseResult) result = { 0, };
  KioskEvent *yoga, *talk;
  const char * const *categories;

  g_assert_true (parse (NULL, "musterdorf-2026.ics", "2026-03-09T00:00:00", "2026-04-27T00:00:00",
                        "Europe/Berlin", &result, NULL));
  yoga = find (&result, "weekly-yoga@musterdorf.de", "2026-03-12");
  g_assert_nonnull (yoga);
  g_assert_cmpstr (kiosk_event_get_title (yoga), ==, "Yoga im Park");
  g_assert_cmpstr (kiosk_event_get_title_for (yoga, "en"), ==, "Yoga in the park");
  g_assert_cmpstr (kiosk_event_get_title_for (yoga, "de"), ==, "Yoga im Park");
  g_assert_cmpstr (kiosk_event_get_description (yoga), ==,
                   "Matte mitbringen, bitte.\nBei Regen in der Turnhalle.");
  g_assert_cmpstr (kiosk_event_get_location (yoga), ==, "Stadtpark, Große Wiese");
  g_assert_cmpfloat_with_epsilon (kiosk_event_get_latitude (yoga), 51.3412, 1e-9);
  g_assert_cmpfloat_with_epsilon (kiosk_event_get_longitude (yoga), 12.3747, 1e-9);
  g_assert_cmpstr (kiosk_event_get_url (yoga), ==, "https://musterdorf.example/veranstaltungen/yoga");
  categories = kiosk_event_get_categories (yoga);
  g_assert_nonnull (categories);
  g_assert_cmpstr (categories[0], ==, "Sport");
  g_assert_cmpstr (categories[1], ==, "Gesundheit");
  g_assert_null (categories[2]);

  /* Folded lines and the ATTACH image. */
  talk = find (&result, "utc-talk@musterdorf.de", "2026-03-28");
  g_assert_nonnull (talk);
  g_assert_cmpstr (kiosk_event_get_description (talk), ==,
                   "Ein Abend mit der Sternwarte. Dieser Text ist absichtlich lang und wird über "
                   "mehrere Zeilen gefaltet, damit das Entfalten geprüft wird.");
  g_assert_cmpstr (kiosk_event_get_image (talk), ==, "https://musterdorf.example/bilder/sterne.jpg");
  g_assert_true (isnan (kiosk_event_get_latitude (talk)));

  g_assert_nonnull (find (&result, "rdate-tour@musterdorf.de", "2026-03-21T11:00"));
  g_assert_nonnull (find (&result, "rdate-tour@musterdorf.de", "2026-04-04T11:00"));
  g_assert_nonnull (find (&result, "rdate-tour@musterdorf.de", "2026-04-18T14:00"));
  g_assert_true (kiosk_event_is_cancelled (find (&result, "cancelled-concert@musterdorf.de", "2026-03-26")));
}

static void
test_html_description (void)
{
  g_auto(KioskParseResult) result = { 0, };
  KioskEvent *event;

  g_assert_true (parse (CAL ("BEGIN:VEVENT\r\nUID:h\r\nDTSTART:20260310T100000Z\r\nSUMMARY:<b>Fett</b> &amp; gut\r\n"
                             "DESCRIPTION:<p>Erster Absatz</p><script>alert(1)</script><p>Zweiter&nbsp;"
                             "Absatz mit <a href=\"https://x\">Link</a></p><ul><li>eins</li><li>zwei</li></ul>\r\n"
                             "END:VEVENT\r\n"),
                        NULL, "2026-03-01T00:00:00", "2026-04-01T00:00:00", "Europe/Berlin", &result, NULL));
  event = g_ptr_array_index (result.items, 0);
  g_assert_cmpstr (kiosk_event_get_title (event), ==, "Fett & gut");
  g_assert_cmpstr (kiosk_event_get_description (event), ==,
                   "Erster Absatz\n\nZweiter Absatz mit Link\n\n• eins\n• zwei");
}

static void
test_unbounded_is_quick (void)
{
  g_auto(KioskParseResult) result = { 0, };
  g_autofree char *got = NULL;
  gboolean warned = FALSE;

  /* Began in 1990: jumped, not walked; hourly within one day; an
   * impossible rule and SECONDLY are refused instead of spinning. */
  g_assert_true (parse (CAL ("BEGIN:VEVENT\r\nUID:daily\r\nDTSTART;TZID=Europe/Berlin:19900101T120000\r\n"
                             "RRULE:FREQ=DAILY\r\nSUMMARY:D\r\nEND:VEVENT\r\n"
                             "BEGIN:VEVENT\r\nUID:hourly\r\nDTSTART:19900101T000000Z\r\n"
                             "RRULE:FREQ=HOURLY;INTERVAL=6\r\nSUMMARY:H\r\nEND:VEVENT\r\n"
                             "BEGIN:VEVENT\r\nUID:never\r\nDTSTART:19900101T000000Z\r\n"
                             "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30\r\nSUMMARY:N\r\nEND:VEVENT\r\n"
                             "BEGIN:VEVENT\r\nUID:secondly\r\nDTSTART:19900101T000000Z\r\n"
                             "RRULE:FREQ=SECONDLY\r\nSUMMARY:S\r\nEND:VEVENT\r\n"),
                        NULL, "2026-06-10T00:00:00", "2026-06-11T00:00:00", "UTC", &result, NULL));
  got = summarize (&result, NULL);
  g_assert_cmpstr (got, ==,
                   "2026-06-10T00:00:00+00:00\n"
                   "2026-06-10T06:00:00+00:00\n"
                   "2026-06-10T10:00:00+00:00\n"   /* 12:00 Berlin summer time */
                   "2026-06-10T12:00:00+00:00\n"
                   "2026-06-10T18:00:00+00:00");
  for (guint i = 0; i < result.warnings->len; i++)
    warned |= strstr (g_ptr_array_index (result.warnings, i), "UID never") != NULL;
  g_assert_true (warned);
}

static void
test_broken_vevent (void)
{
  g_auto(KioskParseResult) result = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *warnings = NULL;

  g_assert_true (parse (NULL, "broken.ics", "2026-03-01T00:00:00", "2026-04-01T00:00:00",
                        "Europe/Berlin", &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.items->len, ==, 3);

  g_ptr_array_add (result.warnings, NULL);
  warnings = g_strjoinv ("\n", (char **) result.warnings->pdata);
  g_ptr_array_remove_index (result.warnings, result.warnings->len - 1);
  g_test_message ("%s", warnings);
  g_assert_nonnull (strstr (warnings, "UID bad-date@test"));
  g_assert_nonnull (strstr (warnings, "UID no-start@test"));
  g_assert_nonnull (strstr (warnings, "UID bad-rule@test"));
  g_assert_nonnull (strstr (warnings, "Mars/Olympus"));
}

static void
test_default_window_keeps_running_events (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (tz);
  g_auto(KioskParseResult) result = { 0, };
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (ctx->now, -1);
  g_autoptr(GDateTime) long_ago = g_date_time_add_days (ctx->now, -30);
  g_autofree char *y = g_date_time_format (yesterday, "%Y%m%d");
  g_autofree char *old = g_date_time_format (long_ago, "%Y%m%d");
  g_autofree char *in_three = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GDateTime) later = g_date_time_add_days (ctx->now, 3);

  in_three = g_date_time_format (later, "%Y%m%d");
  text = g_strdup_printf (CAL ("BEGIN:VEVENT\r\nUID:festival\r\nDTSTART;VALUE=DATE:%s\r\n"
                               "DTEND;VALUE=DATE:%s\r\nSUMMARY:F\r\nEND:VEVENT\r\n"
                               "BEGIN:VEVENT\r\nUID:old\r\nDTSTART;VALUE=DATE:%s\r\nSUMMARY:O\r\nEND:VEVENT\r\n"),
                          y, in_three, old);
  bytes = g_bytes_new (text, strlen (text));
  kiosk_parse_result_init (&result);
  g_assert_true (kiosk_ical_parse (bytes, ctx, &result, NULL));
  g_assert_cmpuint (result.items->len, ==, 1);
  g_assert_cmpstr (kiosk_event_get_uid (g_ptr_array_index (result.items, 0)), ==, "festival");
}

static void
test_keep_running (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (tz);
  g_auto(KioskParseResult) strict = { 0, };
  g_auto(KioskParseResult) running = { 0, };
  const char *text = CAL ("BEGIN:VEVENT\r\nUID:expo\r\nDTSTART;VALUE=DATE:20260301\r\n"
                          "DTEND;VALUE=DATE:20260401\r\nSUMMARY:Ausstellung\r\nEND:VEVENT\r\n"
                          "BEGIN:VEVENT\r\nUID:over\r\nDTSTART:20260310T100000Z\r\nSUMMARY:Vorbei\r\nEND:VEVENT\r\n");
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  /* A kiosk on 20 March with the window starting yesterday. */
  g_clear_pointer (&ctx->now, g_date_time_unref);
  ctx->now = g_date_time_new (tz, 2026, 3, 20, 12, 0, 0);
  ctx->from = g_date_time_add_days (ctx->now, -1);
  ctx->to = g_date_time_add_days (ctx->now, 60);

  /* By default only starts count (what `ankerort check --from` promises)... */
  kiosk_parse_result_init (&strict);
  g_assert_true (kiosk_ical_parse (bytes, ctx, &strict, NULL));
  g_assert_cmpuint (strict.items->len, ==, 0);

  /* ...with keep-running, the exhibition that opened weeks ago is still on. */
  g_hash_table_insert (ctx->options, g_strdup ("keep-running"), g_strdup ("true"));
  kiosk_parse_result_init (&running);
  g_assert_true (kiosk_ical_parse (bytes, ctx, &running, NULL));
  g_assert_cmpuint (running.items->len, ==, 1);
  g_assert_cmpstr (kiosk_event_get_uid (g_ptr_array_index (running.items, 0)), ==, "expo");
}

static void
test_zone_names (void)
{
  g_auto(KioskParseResult) result = { 0, };
  g_autofree char *got = NULL;

  /* Outlook's Windows names and libical's prefixed names, no VTIMEZONE. */
  g_assert_true (parse (CAL ("BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=W. Europe Standard Time:20260701T100000\r\n"
                             "SUMMARY:A\r\nEND:VEVENT\r\n"
                             "BEGIN:VEVENT\r\nUID:b\r\nDTSTART;TZID=/freeassociation.sourceforge.net/Europe/London:20260701T100000\r\n"
                             "SUMMARY:B\r\nEND:VEVENT\r\n"),
                        NULL, "2026-07-01T00:00:00", "2026-07-02T00:00:00", "Europe/Berlin", &result, NULL));
  got = summarize (&result, NULL);
  g_assert_cmpstr (got, ==, "2026-07-01T10:00:00+02:00\n2026-07-01T11:00:00+02:00");
  g_assert_cmpuint (result.warnings->len, ==, 0);
}

static void
test_ics_roundtrip (void)
{
  g_auto(KioskParseResult) result = { 0, };
  g_auto(KioskParseResult) again = { 0, };
  KioskEvent *yoga, *copy;
  g_autofree char *ics = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_true (parse (NULL, "musterdorf-2026.ics", "2026-03-09T00:00:00", "2026-04-27T00:00:00",
                        "Europe/Berlin", &result, NULL));
  yoga = find (&result, "weekly-yoga@musterdorf.de", "2026-03-19");
  ics = kiosk_event_to_ics (yoga);
  g_assert_true (parse (ics, NULL, "2026-03-01T00:00:00", "2026-04-01T00:00:00", "Europe/Berlin", &again, NULL));
  g_assert_cmpuint (again.items->len, ==, 1);
  copy = g_ptr_array_index (again.items, 0);
  a = iso (kiosk_event_get_start (yoga));
  b = iso (kiosk_event_get_start (copy));
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (kiosk_event_get_title (copy), ==, "Yoga im Park");
  g_assert_cmpfloat_with_epsilon (kiosk_event_get_latitude (copy), 51.3412, 1e-6);
}

/* The occurrences of a series share one copy of its texts; a change to one
 * occurrence copies them first and leaves the others alone. */
static void
test_occurrences_share_texts (void)
{
  g_auto(KioskParseResult) result = { 0, };
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(KioskEvent) extra = NULL;
  KioskEvent *first, *second, *moved;

  g_assert_true (parse (NULL, "musterdorf-2026.ics", "2026-03-09T00:00:00", "2026-04-27T00:00:00",
                        "Europe/Berlin", &result, NULL));
  first = find (&result, "weekly-yoga@musterdorf.de", "2026-03-12");
  second = find (&result, "weekly-yoga@musterdorf.de", "2026-03-19");
  moved = find (&result, "weekly-yoga@musterdorf.de", "2026-04-10");
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_nonnull (moved);

  g_assert_true (kiosk_event_get_uid (first) == kiosk_event_get_uid (second));
  g_assert_true (kiosk_event_get_description (first) == kiosk_event_get_description (second));
  g_assert_true (kiosk_event_get_location (first) == kiosk_event_get_location (second));
  g_assert_true (kiosk_event_get_categories (first) == kiosk_event_get_categories (second));
  g_assert_true (kiosk_event_get_url (first) == kiosk_event_get_url (second));
  g_assert_true (kiosk_event_get_title_for (first, "en") == kiosk_event_get_title_for (second, "en"));
  g_assert_false (kiosk_event_get_start (first) == kiosk_event_get_start (second));
  /* The override has texts of its own. */
  g_assert_false (kiosk_event_get_title (moved) == kiosk_event_get_title (first));
  g_assert_cmpstr (kiosk_event_get_location (moved), ==, kiosk_event_get_location (first));

  kiosk_event_set_location (first, "Turnhalle");
  kiosk_event_add_translation (first, "en", "Yoga in the gym", NULL);
  kiosk_event_set_coordinates (first, 51.0, 12.0);
  g_assert_cmpstr (kiosk_event_get_location (first), ==, "Turnhalle");
  g_assert_cmpstr (kiosk_event_get_location (second), ==, "Stadtpark, Große Wiese");
  g_assert_cmpstr (kiosk_event_get_title_for (first, "en"), ==, "Yoga in the gym");
  g_assert_cmpstr (kiosk_event_get_title_for (second, "en"), ==, "Yoga in the park");
  g_assert_cmpfloat_with_epsilon (kiosk_event_get_latitude (second), 51.3412, 1e-9);
  g_assert_true (kiosk_event_get_description (first) != kiosk_event_get_description (second));
  g_assert_cmpstr (kiosk_event_get_description (first), ==, kiosk_event_get_description (second));

  /* A new occurrence has its own times and the same texts. */
  start = g_date_time_new_utc (2026, 5, 7, 8, 0, 0);
  extra = kiosk_event_new_occurrence (second, start, NULL, FALSE);
  g_assert_true (kiosk_event_get_description (extra) == kiosk_event_get_description (second));
  g_assert_true (g_date_time_equal (kiosk_event_get_start (extra), start));
  g_assert_true (g_date_time_equal (kiosk_event_get_end (extra), start));
  kiosk_event_set_title (second, "Yoga");
  g_assert_cmpstr (kiosk_event_get_title (extra), ==, "Yoga im Park");
}

static void
test_several_calendars (void)
{
  g_auto(KioskParseResult) result = { 0, };

  g_assert_true (parse (CAL ("BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260310T100000Z\r\nSUMMARY:A\r\nEND:VEVENT\r\n")
                        CAL ("BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20260311T100000Z\r\nSUMMARY:B\r\nEND:VEVENT\r\n"),
                        NULL, "2026-03-01T00:00:00", "2026-04-01T00:00:00", "UTC", &result, NULL));
  g_assert_cmpuint (result.items->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ical/not-icalendar", test_not_icalendar);
  g_test_add_func ("/ical/dst-week", test_dst_week);
  g_test_add_func ("/ical/until-inclusive-across-dst", test_until_inclusive_across_dst);
  g_test_add_func ("/ical/count-custom-vtimezone", test_count_and_custom_vtimezone);
  g_test_add_func ("/ical/dst-weekend", test_dst_weekend);
  g_test_add_func ("/ical/autumn-change", test_autumn_change);
  g_test_add_func ("/ical/floating-and-utc", test_floating_and_utc);
  g_test_add_func ("/ical/all-day", test_all_day);
  g_test_add_func ("/ical/all-day-without-end", test_all_day_without_end);
  g_test_add_func ("/ical/fields", test_fields);
  g_test_add_func ("/ical/html-description", test_html_description);
  g_test_add_func ("/ical/unbounded-is-quick", test_unbounded_is_quick);
  g_test_add_func ("/ical/broken-vevent", test_broken_vevent);
  g_test_add_func ("/ical/default-window", test_default_window_keeps_running_events);
  g_test_add_func ("/ical/keep-running", test_keep_running);
  g_test_add_func ("/ical/zone-names", test_zone_names);
  g_test_add_func ("/ical/ics-roundtrip", test_ics_roundtrip);
  g_test_add_func ("/ical/several-calendars", test_several_calendars);
  g_test_add_func ("/ical/occurrences-share-texts", test_occurrences_share_texts);

  return g_test_run ();
}
