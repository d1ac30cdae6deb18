/* test-demo-events.c: Musterdorf's demo feeds parse cleanly and show every
 * kind of event the events area can show, whatever the date */

#include "config.h"

#include "kiosk-demo-events.h"
#include "kiosk-event.h"
#include "kiosk-format.h"

static void
parse (const char       *kind,
       GBytes           *bytes,
       GDateTime        *now,
       KioskParseResult *result)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (tz);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&ctx->now, g_date_time_unref);
  ctx->now = g_date_time_ref (now);
  ctx->from = g_date_time_add_days (now, -1);
  ctx->to = g_date_time_add_days (now, 30);
  kiosk_parse_result_init (result);
  g_assert_true (kiosk_format_lookup (kind)->parse (bytes, ctx, result, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < result->warnings->len; i++)
    g_test_message ("warning: %s", (char *) g_ptr_array_index (result->warnings, i));
  g_assert_cmpuint (result->warnings->len, ==, 0);
}

static void
check_feeds (GDateTime *now)
{
  g_autoptr(GBytes) ics = kiosk_demo_events_build_ics (now);
  g_autoptr(GBytes) jsonld = kiosk_demo_events_build_jsonld (now, "http://127.0.0.1:1");
  g_auto(KioskParseResult) a = { 0, };
  g_auto(KioskParseResult) b = { 0, };
  gboolean market = FALSE, festival = FALSE, cancelled = FALSE, postponed = FALSE;
  gboolean moved = FALSE, english = FALSE, price = FALSE, image = FALSE, weekly = FALSE;
  guint yoga = 0;

  parse ("ical", ics, now, &a);
  parse ("schema-event", jsonld, now, &b);
  g_assert_cmpuint (a.items->len, >, 15);
  g_assert_cmpuint (b.items->len, >=, 5);

  for (guint i = 0; i < a.items->len + b.items->len; i++)
    {
      KioskEvent *event = i < a.items->len ? g_ptr_array_index (a.items, i)
                                           : g_ptr_array_index (b.items, i - a.items->len);
      const char *uid = kiosk_event_get_uid (event);
      GTimeSpan length = g_date_time_difference (kiosk_event_get_end (event), kiosk_event_get_start (event));

      market |= g_str_has_prefix (uid, "wochenmarkt@") && kiosk_event_get_all_day (event);
      festival |= g_str_has_prefix (uid, "stadtfest@") && kiosk_event_get_all_day (event) &&
                  length >= 3 * G_TIME_SPAN_DAY - G_TIME_SPAN_HOUR;
      cancelled |= kiosk_event_is_cancelled (event);
      postponed |= kiosk_event_is_postponed (event);
      moved |= g_str_has_prefix (uid, "yoga@") && g_date_time_get_hour (kiosk_event_get_start (event)) == 18;
      english |= g_strcmp0 (kiosk_event_get_title_for (event, "en"), kiosk_event_get_title (event)) != 0;
      price |= kiosk_event_get_price (event) > 0;
      image |= g_str_has_prefix (kiosk_event_get_image (event) ? kiosk_event_get_image (event) : "",
                                 "http://127.0.0.1:1/media/events/");
      yoga += g_str_has_prefix (uid, "yoga@");
      weekly |= yoga >= 3;
      g_assert_true (kiosk_event_has_coordinates (event));
    }

  g_assert_true (market);
  g_assert_true (festival);
  g_assert_true (cancelled);
  g_assert_true (postponed);
  g_assert_true (moved);
  g_assert_true (english);
  g_assert_true (price);
  g_assert_true (image);
  g_assert_true (weekly);
}

static void
test_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  check_feeds (now);
}

static void
test_around_the_year (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");

  /* DST changes, the turn of the year, late evenings. */
  const int dates[][4] = { { 2026, 3, 28, 23 }, { 2026, 10, 24, 12 }, { 2026, 12, 31, 22 }, { 2027, 2, 28, 8 } };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(GDateTime) now = g_date_time_new (tz, dates[i][0], dates[i][1], dates[i][2], dates[i][3], 0, 0);

      check_feeds (now);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/demo-events/today", test_today);
  g_test_add_func ("/demo-events/around-the-year", test_around_the_year);

  return g_test_run ();
}
