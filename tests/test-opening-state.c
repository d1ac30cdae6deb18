/* test-opening-state.c: the kiosk's day: live hours, closing days through
 * the services, the hold, and a change that happens on time by itself */

#include "config.h"

#include <glib/gstdio.h>

#include "kiosk-event.h"
#include "kiosk-fetcher.h"
#include "kiosk-opening-state.h"
#include "kiosk-source-list.h"

typedef struct
{
  KioskConfig     *config;
  KioskSourceList *sources;
  KioskServices   *services;
  char            *dir;
  char            *marker;   /* the display script's log */
} Fixture;

static GSettings *
settings (Fixture *fixture)
{
  return kiosk_config_get_settings (fixture->config);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KioskFetcher) fetcher = kiosk_fetcher_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  g_autofree char *text = NULL;
  g_autofree char *on = NULL;
  g_autofree char *off = NULL;

  fixture->config = kiosk_config_new_default ();
  fixture->sources = kiosk_source_list_new ();
  fixture->services = kiosk_services_new (fetcher, fixture->sources, NULL);
  fixture->dir = g_dir_make_tmp ("test-opening-state-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->marker = g_build_filename (fixture->dir, "display.log", NULL);
  script = g_build_filename (fixture->dir, "display.sh", NULL);
  text = g_strdup_printf ("#!/bin/sh\necho \"$1\" >> '%s'\n", fixture->marker);
  g_assert_true (g_file_set_contents (script, text, -1, NULL));
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  on = g_strdup_printf ("'%s' on", script);
  off = g_strdup_printf ("'%s' off", script);

  g_settings_set_string (settings (fixture), "time-zone", "Europe/Berlin");
  g_settings_set_string (settings (fixture), "display-on-command", on);
  g_settings_set_string (settings (fixture), "display-off-command", off);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *keys[] = { "time-zone", "opening-hours", "closures-source",
                         "display-on-command", "display-off-command" };
  g_autofree char *script = g_build_filename (fixture->dir, "display.sh", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings (fixture), keys[i]);
  g_clear_object (&fixture->services);
  g_clear_object (&fixture->sources);
  g_clear_object (&fixture->config);
  g_remove (fixture->marker);
  g_remove (script);
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->marker, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

/* What the display script was told, one word a run: "off on off". */
static char *
display_runs (Fixture *fixture)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (fixture->marker, &contents, NULL, NULL))
    return g_strdup ("");
  lines = g_strsplit (g_strchomp (contents), "\n", -1);

  return g_strjoinv (" ", lines);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @runs is what the display script was told. */
static void
wait_for_display_runs (Fixture    *fixture,
                       const char *runs)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  for (;;)
    {
      g_autofree char *now = display_runs (fixture);

      if (g_str_equal (now, runs) || timed_out)
        {
          g_assert_cmpstr (now, ==, runs);
          break;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  if (!timed_out)
    g_source_remove (id);
}

static char *
format_time (GDateTime *time)
{
  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z") : NULL;
}

static GDateTime *
berlin_midnight (int days_ahead)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) day = g_date_time_add_days (now, days_ahead);

  return g_date_time_new (tz, g_date_time_get_year (day), g_date_time_get_month (day),
                          g_date_time_get_day_of_month (day), 0, 0, 0);
}

static void
test_no_hours (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(KioskOpeningState) state = kiosk_opening_state_new (fixture->config,
                                                                fixture->services);

  g_assert_true (kiosk_opening_state_get_open (state));
  g_assert_true (kiosk_opening_state_get_awake (state));
  g_assert_null (kiosk_opening_state_get_next_change (state));
  /* At start the display is switched the way the day has it. */
  wait_for_display_runs (fixture, "on");
}

/* Live changes, a value that does not parse, and the hold. */
static void
test_live (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(KioskOpeningState) state = NULL;

  g_settings_set_string (settings (fixture), "opening-hours", "off");
  state = kiosk_opening_state_new (fixture->config, fixture->services);
  g_assert_false (kiosk_opening_state_get_open (state));
  g_assert_false (kiosk_opening_state_get_awake (state));
  wait_for_display_runs (fixture, "off");

  g_test_expect_message ("kiosk-opening-state", G_LOG_LEVEL_WARNING,
                         "Setting opening-hours “Mo-Fr 08:00-18:00; Sa 10-14”: column 25: "
                         "expected “:” and the minutes*; the previous hours stay");
  g_settings_set_string (settings (fixture), "opening-hours", "Mo-Fr 08:00-18:00; Sa 10-14");
  g_test_assert_expected_messages ();
  g_assert_false (kiosk_opening_state_get_open (state));

  /* A warning keeps the display on; the hours still say closed. */
  kiosk_opening_state_hold_display (state, TRUE);
  g_assert_true (kiosk_opening_state_get_awake (state));
  g_assert_false (kiosk_opening_state_get_open (state));
  wait_for_display_runs (fixture, "off on");
  kiosk_opening_state_hold_display (state, FALSE);
  g_assert_false (kiosk_opening_state_get_awake (state));
  wait_for_display_runs (fixture, "off on off");

  g_test_expect_message ("kiosk-opening-state", G_LOG_LEVEL_MESSAGE, "Open");
  g_settings_set_string (settings (fixture), "opening-hours", "24/7");
  g_test_assert_expected_messages ();
  g_assert_true (kiosk_opening_state_get_awake (state));
  wait_for_display_runs (fixture, "off on off on");

  /* Held while open: nothing to switch. */
  kiosk_opening_state_hold_display (state, TRUE);
  kiosk_opening_state_hold_display (state, FALSE);
  g_assert_true (kiosk_opening_state_get_awake (state));

  /* Holidays are not known: a warning, the weekdays apply. */
  g_test_expect_message ("kiosk-opening-state", G_LOG_LEVEL_WARNING,
                         "Setting opening-hours: column 7: public and school holidays*ignored*");
  g_settings_set_string (settings (fixture), "opening-hours", "24/7; PH off");
  g_test_assert_expected_messages ();
  g_assert_true (kiosk_opening_state_get_open (state));

  /* Empty: always open, no change. */
  g_settings_set_string (settings (fixture), "opening-hours", "");
  g_assert_true (kiosk_opening_state_get_open (state));
  g_assert_null (kiosk_opening_state_get_next_change (state));
}

static void
add_source (Fixture    *fixture,
            const char *id,
            const char *kind,
            GPtrArray  *items)
{
  g_autoptr(KioskSourceConfig) config = kiosk_source_config_new (id, kind, "file:///dev/null");
  g_autoptr(KioskSource) source = kiosk_source_new (config);

  kiosk_source_list_add (fixture->sources, source);
  if (items != NULL)
    kiosk_source_set_items (source, items);
}

/* Closing days come from the closures source's events through the
 * services, and follow its refreshes. */
static void
test_closures (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GDateTime) today = berlin_midnight (0);
  g_autoptr(GDateTime) tomorrow = berlin_midnight (1);
  g_autoptr(KioskEvent) closing = kiosk_event_new ("inventur", "Inventur", today);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KioskOpeningState) state = NULL;
  g_autofree char *next = NULL;
  g_autofree char *expected = format_time (tomorrow);
  KioskSource *source;

  kiosk_event_set_all_day (closing, TRUE);
  kiosk_event_set_end (closing, tomorrow);
  g_ptr_array_add (items, g_object_ref (closing));
  add_source (fixture, "schliesstage", "ical", items);
  add_source (fixture, "orte", "geojson", NULL);

  g_settings_set_string (settings (fixture), "opening-hours", "24/7");
  g_settings_set_string (settings (fixture), "closures-source", "schliesstage");
  state = kiosk_opening_state_new (fixture->config, fixture->services);
  g_assert_false (kiosk_opening_state_get_open (state));
  next = format_time (kiosk_opening_state_get_next_change (state));
  g_assert_cmpstr (next, ==, expected);

  /* The calendar refreshed without the closing day: open again. */
  source = kiosk_source_list_lookup (fixture->sources, "schliesstage");
  g_test_expect_message ("kiosk-opening-state", G_LOG_LEVEL_MESSAGE, "Open");
  kiosk_source_set_items (source, none);
  g_test_assert_expected_messages ();
  g_assert_true (kiosk_opening_state_get_open (state));

  /* A new configuration of the source is a new object: it is found again. */
  kiosk_source_list_remove (fixture->sources, source);
  add_source (fixture, "schliesstage", "ical", items);
  g_assert_false (kiosk_opening_state_get_open (state));

  /* A source of another kind, or none with the id: a warning, no closing days. */
  g_test_expect_message ("kiosk-opening-state", G_LOG_LEVEL_WARNING,
                         "Setting closures-source: source “orte” is a geojson source, not an "
                         "iCalendar (ical) one; no closing days apply");
  g_test_expect_message ("kiosk-opening-state", G_LOG_LEVEL_MESSAGE, "Open");
  g_settings_set_string (settings (fixture), "closures-source", "orte");
  g_test_assert_expected_messages ();
  g_assert_true (kiosk_opening_state_get_open (state));

  g_test_expect_message ("kiosk-opening-state", G_LOG_LEVEL_WARNING,
                         "Setting closures-source: no source with the id “ferien” is configured; "
                         "no closing days apply");
  g_settings_set_string (settings (fixture), "closures-source", "ferien");
  g_test_assert_expected_messages ();
  g_assert_true (kiosk_opening_state_get_open (state));
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  GDateTime **changed_at = user_data;

  if (*changed_at == NULL)
    *changed_at = g_date_time_new_now_utc ();
}

/* Open until the next full minute: the state closes then by itself, on
 * time, and switches the display off. Takes up to a minute. */
static void
test_change_on_time (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const days[] = { "Mo", "Tu", "We", "Th", "Fr", "Sa", "Su" };
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) boundary = NULL;
  g_autoptr(GDateTime) changed_at = NULL;
  g_autoptr(KioskOpeningState) state = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *next = NULL;

  /* Too close to the minute's end: the next one. */
  if (g_date_time_get_second (now) >= 57)
    {
      g_usleep (4 * G_USEC_PER_SEC);
      g_clear_pointer (&now, g_date_time_unref);
      now = g_date_time_new_now (tz);
    }
  boundary = g_date_time_new (tz, g_date_time_get_year (now), g_date_time_get_month (now),
                              g_date_time_get_day_of_month (now), g_date_time_get_hour (now),
                              g_date_time_get_minute (now), 0);
  {
    GDateTime *end = g_date_time_add_minutes (boundary, 1);

    spec = g_strdup_printf ("%s %02d:%02d-%02d:%02d",
                            days[g_date_time_get_day_of_week (now) - 1],
                            g_date_time_get_hour (boundary), g_date_time_get_minute (boundary),
                            g_date_time_get_hour (end), g_date_time_get_minute (end));
    g_date_time_unref (boundary);
    boundary = end;
  }
  g_test_message ("%s, closing at the next minute", spec);

  g_settings_set_string (settings (fixture), "opening-hours", spec);
  state = kiosk_opening_state_new (fixture->config, fixture->services);
  g_assert_true (kiosk_opening_state_get_open (state));
  expected = format_time (boundary);
  next = format_time (kiosk_opening_state_get_next_change (state));
  g_assert_cmpstr (next, ==, expected);
  wait_for_display_runs (fixture, "on");

  g_signal_connect (state, "notify::open", G_CALLBACK (notify_cb), &changed_at);
  g_test_expect_message ("kiosk-opening-state", G_LOG_LEVEL_MESSAGE, "Closed until *");
  while (changed_at == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_test_assert_expected_messages ();

  g_assert_false (kiosk_opening_state_get_open (state));
  g_assert_cmpint (g_date_time_compare (changed_at, boundary), >=, 0);
  g_assert_cmpint (g_date_time_difference (changed_at, boundary), <, 3 * G_USEC_PER_SEC);
  wait_for_display_runs (fixture, "on off");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/opening-state/no-hours", Fixture, NULL, fixture_set_up, test_no_hours,
              fixture_tear_down);
  g_test_add ("/opening-state/live", Fixture, NULL, fixture_set_up, test_live,
              fixture_tear_down);
  g_test_add ("/opening-state/closures", Fixture, NULL, fixture_set_up, test_closures,
              fixture_tear_down);
  g_test_add ("/opening-state/change-on-time", Fixture, NULL, fixture_set_up,
              test_change_on_time, fixture_tear_down);

  return g_test_run ();
}
