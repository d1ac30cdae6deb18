/* test-i18n.c: switching the language at run time, dates in both languages */

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-i18n.h"

static void
test_switch (void)
{
  g_assert_true (kiosk_i18n_set_language ("de") || g_str_equal (kiosk_i18n_get_language (), "de"));
  g_assert_cmpstr (_("Today"), ==, "Heute");
  g_assert_cmpstr (_("Home"), ==, "Start");

  g_assert_true (kiosk_i18n_set_language ("en"));
  g_assert_cmpstr (kiosk_i18n_get_language (), ==, "en");
  g_assert_cmpstr (_("Today"), ==, "Today");

  g_assert_true (kiosk_i18n_set_language ("de"));
  g_assert_cmpstr (_("Tomorrow"), ==, "Morgen");
  g_assert_false (kiosk_i18n_set_language ("de"));

  /* An unknown language falls back to German, with a warning. */
  kiosk_i18n_set_language ("en");
  g_test_expect_message ("kiosk-i18n", G_LOG_LEVEL_WARNING, "*Unknown language*");
  kiosk_i18n_set_language ("tlh");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (kiosk_i18n_get_language (), ==, "de");
}

static void
test_dates (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) dt = g_date_time_new (tz, 2026, 11, 22, 9, 5, 0);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (dt, 1);
  g_autoptr(GDateTime) later = g_date_time_add_days (dt, 3);
  g_autofree char *de_long = NULL;
  g_autofree char *de_short = NULL;
  g_autofree char *en_long = NULL;
  g_autofree char *en_short = NULL;
  g_autofree char *time = NULL;
  g_autofree char *today = NULL;
  g_autofree char *tmrw = NULL;
  g_autofree char *wed = NULL;

  kiosk_i18n_set_language ("de");
  de_long = kiosk_i18n_format_date_long (dt);
  de_short = kiosk_i18n_format_date_short (dt);
  today = kiosk_i18n_format_day_heading (dt, dt);
  tmrw = kiosk_i18n_format_day_heading (tomorrow, dt);
  wed = kiosk_i18n_format_day_heading (later, dt);
  g_assert_cmpstr (de_long, ==, "Sonntag, 22. November");
  g_assert_cmpstr (de_short, ==, "So., 22.11.");
  g_assert_cmpstr (today, ==, "Heute");
  g_assert_cmpstr (tmrw, ==, "Morgen");
  g_assert_cmpstr (wed, ==, "Mittwoch, 25. November");

  kiosk_i18n_set_language ("en");
  en_long = kiosk_i18n_format_date_long (dt);
  en_short = kiosk_i18n_format_date_short (dt);
  g_assert_cmpstr (en_long, ==, "Sunday, 22 November");
  g_assert_cmpstr (en_short, ==, "Sun 22/11");

  time = kiosk_i18n_format_time (dt);
  g_assert_cmpstr (time, ==, "09:05");
}

static void
test_age (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 22, 12, 0, 0);
  struct {
    GTimeSpan   ago;
    const char *de;
    const char *en;
  } cases[] = {
    { 10 * G_TIME_SPAN_SECOND, "gerade eben", "just now" },
    { 5 * G_TIME_SPAN_MINUTE, "vor 5 Min.", "5 min ago" },
    { 1 * G_TIME_SPAN_HOUR, "vor 1 Std.", "1 hour ago" },
    { 3 * G_TIME_SPAN_HOUR, "vor 3 Std.", "3 hours ago" },
    { 3 * G_TIME_SPAN_DAY, "vor 3 Tagen", "3 days ago" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) then = g_date_time_add (now, -cases[i].ago);
      g_autofree char *de = NULL;
      g_autofree char *en = NULL;

      kiosk_i18n_set_language ("de");
      de = kiosk_i18n_format_age (then, now);
      kiosk_i18n_set_language ("en");
      en = kiosk_i18n_format_age (then, now);
      g_assert_cmpstr (de, ==, cases[i].de);
      g_assert_cmpstr (en, ==, cases[i].en);
    }
}

int
main (int   argc,
      char *argv[])
{
  kiosk_i18n_init ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/i18n/switch", test_switch);
  g_test_add_func ("/i18n/dates", test_dates);
  g_test_add_func ("/i18n/age", test_age);

  return g_test_run ();
}
