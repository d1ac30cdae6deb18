/* test-ui-closed.c: the kiosk's day on the real window under Xvfb: the
 * closed screen with the next opening, a touch that still opens the kiosk,
 * a black screen, a hold for warnings, a public warning raised and
 * cancelled while closed, live changes of the hours, and the staff's
 * display commands (a script that writes a marker file) */

#include "config.h"

#include <glib/gstdio.h>

#include "cap-test-util.h"
#include "kiosk-alert-view.h"
#include "kiosk-application.h"
#include "kiosk-closed-view.h"
#include "kiosk-i18n.h"
#include "kiosk-opening-state.h"
#include "kiosk-source-list.h"
#include "kiosk-status.h"
#include "kiosk-test-ui.h"
#include "kiosk-window.h"
#include "opening-test-util.h"

static KioskApplication *app;
static KioskWindow *window;
static KioskConfig *config;   /* the same in-memory settings the kiosk reads */
static char *marker;          /* what the display script wrote, one line a run */
static char *closed_spec;     /* open only tomorrow: closed now, opens tomorrow 08:00 */
static GPtrArray *failures;   /* "key: message" of the display commands that failed */

static GSettings *
settings (void)
{
  return kiosk_config_get_settings (config);
}

static KioskOpeningState *
opening (void)
{
  return kiosk_window_get_opening_state (window);
}

static gboolean
label_shown (const char *text)
{
  return kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_LABEL, text) != NULL;
}

/* The last line the display script wrote, or "" before its first run. */
static char *
last_display_command (void)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint n;

  if (!g_file_get_contents (marker, &contents, NULL, NULL))
    return g_strdup ("");
  lines = g_strsplit (g_strchomp (contents), "\n", -1);
  n = g_strv_length (lines);

  return g_strdup (n > 0 ? lines[n - 1] : "");
}

static gboolean
display_command_was (const char *what)
{
  g_autofree char *last = last_display_command ();

  return g_str_equal (last, what);
}

static void
command_failed_cb (KioskOpeningState *state,
                   const char        *key,
                   const char        *message,
                   gpointer           user_data)
{
  g_ptr_array_add (failures, g_strdup_printf ("%s: %s", key, message));
}

/* A display command's failure (key: message) is a warning; the test
 * expects it before it makes it happen, ... */
static void
expect_failure (const char *failure)
{
  g_autofree char *pattern = g_strdup_printf ("Setting %s", failure);

  g_test_expect_message ("kiosk-opening-state", G_LOG_LEVEL_WARNING, pattern);
}

/* ... and waits until it was reported. */
static void
wait_for_failure (const char *failure)
{
  kiosk_test_ui_wait_until (failures->len > 0);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (failures, 0), failure));
  g_ptr_array_remove_index (failures, 0);
  g_test_assert_expected_messages ();
}

static void
screenshot (const char *what)
{
  g_autofree char *name = g_strdup_printf ("closed-%s-%s", what,
                                           kiosk_test_ui_orientation (GTK_WIDGET (window)));
  g_autofree char *path = NULL;

  kiosk_test_ui_settle (GTK_WIDGET (window));
  path = kiosk_test_ui_screenshot (GTK_WIDGET (window), name);
  g_test_message ("screenshot: %s", path);
}

static void
test_closed_screen (void)
{
  GDateTime *next;

  kiosk_test_ui_wait_for_page (window, "closed");
  g_assert_false (kiosk_opening_state_get_open (opening ()));
  g_assert_false (kiosk_opening_state_get_awake (opening ()));
  next = kiosk_opening_state_get_next_change (opening ());
  g_assert_nonnull (next);
  g_assert_cmpint (g_date_time_get_hour (next), ==, 8);
  g_assert_cmpint (g_date_time_get_minute (next), ==, 0);

  /* In German with the English word for visitors, and the next opening. */
  kiosk_test_ui_wait_until (label_shown ("Geschlossen"));
  g_assert_true (label_shown ("Closed"));
  g_assert_true (label_shown ("Stadtbibliothek Musterdorf"));
  g_assert_true (label_shown ("Öffnet wieder\nmorgen um 08:00 Uhr"));
  /* At start the display is set the way the day has it. */
  kiosk_test_ui_wait_until (display_command_was ("off"));
  screenshot ("de");

  kiosk_window_set_language (window, "en");
  kiosk_test_ui_wait_until (label_shown ("Opens again\ntomorrow at 08:00"));
  g_assert_true (label_shown ("Closed"));
  g_assert_true (label_shown ("Geschlossen"));
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "closed");
  screenshot ("en");
  kiosk_window_set_language (window, "de");
  kiosk_test_ui_wait_until (label_shown ("Öffnet wieder\nmorgen um 08:00 Uhr"));
}

/* A person at the closed kiosk may still use it; the idle reset brings
 * the closed screen back, not the attract loop. */
static void
test_touch (void)
{
  GtkWidget *closed = kiosk_test_ui_find (GTK_WIDGET (window), KIOSK_TYPE_CLOSED_VIEW, NULL);

  g_assert_nonnull (closed);
  kiosk_test_ui_click (closed);
  kiosk_test_ui_wait_for_page (window, "home");
  g_assert_false (kiosk_opening_state_get_awake (opening ()));

  kiosk_window_reset (window);
  kiosk_test_ui_wait_for_page (window, "closed");
  g_assert_true (display_command_was ("off"));
}

static void
test_black (void)
{
  g_settings_set_string (settings (), "closed-screen", "black");
  kiosk_test_ui_wait_until (!label_shown ("Geschlossen"));
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "closed");
  screenshot ("black");

  g_settings_set_string (settings (), "closed-screen", "message");
  kiosk_test_ui_wait_until (label_shown ("Geschlossen"));
}

/* A hold keeps the display on; the idle screen stays the closed one (a
 * warning covers it, and no media plays beneath). */
static void
test_hold (void)
{
  kiosk_opening_state_hold_display (opening (), TRUE);
  kiosk_test_ui_wait_until (display_command_was ("on"));
  g_assert_false (kiosk_opening_state_get_open (opening ()));
  g_assert_true (kiosk_opening_state_get_awake (opening ()));
  g_assert_true (kiosk_opening_state_get_held (opening ()));
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "closed");

  kiosk_opening_state_hold_display (opening (), FALSE);
  kiosk_test_ui_wait_until (display_command_was ("off"));
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "closed");
}

static gboolean
warning_open (void)
{
  GtkWidget *view = kiosk_test_ui_find (GTK_WIDGET (window), KIOSK_TYPE_ALERT_VIEW, NULL);

  return view != NULL && kiosk_alert_view_get_open (KIOSK_ALERT_VIEW (view));
}

/* The kiosk's status document, as `ankerort status` prints it. */
static gboolean
status_says (const char *section,
             const char *member,
             gboolean    value)
{
  g_autoptr(JsonNode) document = kiosk_status_build (kiosk_application_get_status (app));
  JsonObject *part = json_object_get_object_member (json_node_get_object (document), section);

  return part != NULL && json_object_get_boolean_member (part, member) == value;
}

/* A warning that takes over while closed: the display comes on, the
 * warning covers the closed screen in the visitor's language; cancelled,
 * the display goes off again and the closed screen is back. */
static void
test_warning (void)
{
  g_autoptr(KioskFetcher) fetcher = kiosk_fetcher_new ();
  g_autoptr(KioskSource) flood = NULL;
  g_autoptr(KioskSource) cancel = NULL;
  KioskSourceList *sources = kiosk_application_get_sources (app);

  kiosk_test_ui_wait_for_page (window, "closed");
  kiosk_test_ui_wait_until (display_command_was ("off"));
  /* The kiosk stands in the flood's polygon. */
  g_settings_set_double (settings (), "latitude", 51.34);
  g_settings_set_double (settings (), "longitude", 12.37);

  flood = cap_test_source_new (fetcher, sources, "warnings", "flood-polygon.xml");
  kiosk_test_ui_wait_until (warning_open ());
  kiosk_test_ui_wait_until (display_command_was ("on"));
  g_assert_true (kiosk_opening_state_get_held (opening ()));
  g_assert_false (kiosk_opening_state_get_open (opening ()));
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "closed");
  g_assert_true (label_shown ("Hochwasser an der Parthe"));
  g_assert_true (label_shown ("Herausgegeben von Leitstelle Musterdorf"));
  g_assert_true (status_says ("opening", "display_held", TRUE));
  g_assert_true (status_says ("alerts", "takeover", TRUE));
  screenshot ("warning-de");

  kiosk_window_set_language (window, "en");
  kiosk_test_ui_wait_until (label_shown ("River flood on the Parthe"));
  g_assert_true (warning_open ());
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "closed");
  screenshot ("warning-en");
  kiosk_window_set_language (window, "de");
  kiosk_test_ui_wait_until (label_shown ("Hochwasser an der Parthe"));

  /* Cancelled: the display goes off, the closed screen is back. */
  cancel = cap_test_source_new (fetcher, sources, "withdrawals", "flood-cancel.xml");
  kiosk_test_ui_wait_until (!warning_open ());
  kiosk_test_ui_wait_until (display_command_was ("off"));
  g_assert_false (kiosk_opening_state_get_held (opening ()));
  g_assert_false (label_shown ("Hochwasser an der Parthe"));
  kiosk_test_ui_wait_until (label_shown ("Öffnet wieder\nmorgen um 08:00 Uhr"));
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "closed");
  g_assert_true (status_says ("opening", "display_held", FALSE));
  g_assert_true (status_says ("alerts", "takeover", FALSE));

  kiosk_source_list_remove (sources, cancel);
  kiosk_source_list_remove (sources, flood);
  g_settings_reset (settings (), "latitude");
  g_settings_reset (settings (), "longitude");
}

/* A value that does not parse names the column and keeps the hours. */
static void
test_bad_hours (void)
{
  g_test_expect_message ("kiosk-opening-state", G_LOG_LEVEL_WARNING,
                         "Setting opening-hours “Mo-Fr 08:00-18:0”: column 16: expected two "
                         "digits of minutes*; the previous hours stay");
  g_settings_set_string (settings (), "opening-hours", "Mo-Fr 08:00-18:0");
  g_test_assert_expected_messages ();
  g_assert_false (kiosk_opening_state_get_open (opening ()));
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "closed");
}

static void
test_live_open (void)
{
  g_settings_set_string (settings (), "opening-hours", "24/7");
  kiosk_test_ui_wait_for_page (window, "attract");
  kiosk_test_ui_wait_until (display_command_was ("on"));
  g_assert_true (kiosk_opening_state_get_open (opening ()));
  g_assert_null (kiosk_opening_state_get_next_change (opening ()));

  /* Closed again with the display commands as they were. */
  g_settings_set_string (settings (), "opening-hours", closed_spec);
  kiosk_test_ui_wait_for_page (window, "closed");
  kiosk_test_ui_wait_until (display_command_was ("off"));
}

/* Closing days from a calendar the kiosk fetches like every source: an
 * all-day event today closes the kiosk although its hours say 24/7. */
static void
test_closures (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_source_config_free);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *today_text = g_date_time_format (now, "%Y%m%d");
  g_autofree char *tomorrow_text = g_date_time_format (tomorrow, "%Y%m%d");
  g_autofree char *dir = g_path_get_dirname (marker);
  g_autofree char *path = g_build_filename (dir, "schliesstage.ics", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *ics = g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                                          "PRODID:-//Musterdorf//Schliesstage//DE\r\n"
                                          "BEGIN:VEVENT\r\nUID:inventur@musterdorf.example\r\n"
                                          "DTSTAMP:20261101T090000Z\r\n"
                                          "DTSTART;VALUE=DATE:%s\r\nDTEND;VALUE=DATE:%s\r\n"
                                          "SUMMARY:Inventur\r\nEND:VEVENT\r\n"
                                          "END:VCALENDAR\r\n", today_text, tomorrow_text);

  g_settings_set_string (settings (), "opening-hours", "24/7");
  kiosk_test_ui_wait_for_page (window, "attract");
  kiosk_test_ui_wait_until (display_command_was ("on"));

  g_assert_true (g_file_set_contents (path, ics, -1, NULL));
  g_ptr_array_add (sources, kiosk_source_config_new ("schliesstage", "ical", uri));
  kiosk_config_set_sources (config, sources);
  g_settings_set_string (settings (), "closures-source", "schliesstage");
  kiosk_test_ui_wait_for_page (window, "closed");
  kiosk_test_ui_wait_until (label_shown ("Öffnet wieder\nmorgen um 00:00 Uhr"));
  kiosk_test_ui_wait_until (display_command_was ("off"));
  g_assert_false (kiosk_opening_state_get_open (opening ()));

  g_settings_set_string (settings (), "closures-source", "");
  kiosk_test_ui_wait_for_page (window, "attract");
  kiosk_test_ui_wait_until (display_command_was ("on"));
  kiosk_config_set_sources (config, none);
  g_remove (path);

  g_settings_set_string (settings (), "opening-hours", closed_spec);
  kiosk_test_ui_wait_for_page (window, "closed");
  kiosk_test_ui_wait_until (display_command_was ("off"));
}

/* A failing command is logged with the command; the screens still change. */
static void
test_failing_commands (void)
{
  g_signal_connect (opening (), "command-failed", G_CALLBACK (command_failed_cb), NULL);

  /* A command that exits with an error, noticed when it ends. */
  g_settings_set_string (settings (), "display-on-command", "false --display-on");
  g_settings_set_string (settings (), "opening-hours", "24/7");
  expect_failure ("display-on-command: “false --display-on” failed: "
                  "Child process exited with code 1");
  wait_for_failure ("display-on-command: “false --display-on” failed: "
                    "Child process exited with code 1");
  kiosk_test_ui_wait_for_page (window, "attract");

  g_settings_set_string (settings (), "display-off-command", "/nonexistent/display-off now");
  /* Commands that cannot run fail at once, after the change is logged. */
  g_test_expect_message ("kiosk-opening-state", G_LOG_LEVEL_MESSAGE, "Closed until *");
  expect_failure ("display-off-command: “/nonexistent/display-off now” could not be started*");
  g_settings_set_string (settings (), "opening-hours", closed_spec);
  wait_for_failure ("display-off-command: “/nonexistent/display-off now” could not be started");
  kiosk_test_ui_wait_for_page (window, "closed");

  g_settings_set_string (settings (), "display-on-command", "'unterminated");
  g_test_expect_message ("kiosk-opening-state", G_LOG_LEVEL_MESSAGE, "Open");
  expect_failure ("display-on-command: “'unterminated” cannot be read as a command*");
  g_settings_set_string (settings (), "opening-hours", "24/7");
  wait_for_failure ("display-on-command: “'unterminated” cannot be read as a command");
  kiosk_test_ui_wait_for_page (window, "attract");
  g_signal_handlers_disconnect_by_func (opening (), command_failed_cb, NULL);
}

static void
activate_cb (GApplication *application)
{
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  g_autofree char *script = NULL;
  g_autofree char *on = NULL;
  g_autofree char *off = NULL;
  int status;

  home = g_dir_make_tmp ("test-ui-closed-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);

  kiosk_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  failures = g_ptr_array_new_with_free_func (g_free);

  /* The display "switch": a script that notes each run. */
  marker = g_build_filename (home, "display.log", NULL);
  script = g_build_filename (home, "display.sh", NULL);
  {
    g_autofree char *text = g_strdup_printf ("#!/bin/sh\necho \"$1\" >> '%s'\n", marker);

    g_assert_true (g_file_set_contents (script, text, -1, NULL));
    g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  }
  on = g_strdup_printf ("'%s' on", script);
  off = g_strdup_printf ("'%s' off", script);

  closed_spec = opening_test_tomorrow_only ();
  config = kiosk_config_new_default ();
  g_settings_set_string (settings (), "time-zone", "Europe/Berlin");
  g_settings_set_string (settings (), "place-name", "Stadtbibliothek Musterdorf");
  g_settings_set_string (settings (), "default-language", "de");
  g_settings_set_string (settings (), "opening-hours", closed_spec);
  g_settings_set_string (settings (), "display-on-command", on);
  g_settings_set_string (settings (), "display-off-command", off);

  app = kiosk_application_new ();
  window = kiosk_test_ui_start_app (app, G_CALLBACK (activate_cb), TRUE);

  g_test_add_func ("/ui/closed/closed-screen", test_closed_screen);
  g_test_add_func ("/ui/closed/touch", test_touch);
  g_test_add_func ("/ui/closed/black", test_black);
  g_test_add_func ("/ui/closed/hold", test_hold);
  g_test_add_func ("/ui/closed/warning", test_warning);
  g_test_add_func ("/ui/closed/bad-hours", test_bad_hours);
  g_test_add_func ("/ui/closed/live-open", test_live_open);
  g_test_add_func ("/ui/closed/closures", test_closures);
  g_test_add_func ("/ui/closed/failing-commands", test_failing_commands);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  g_clear_object (&config);
  g_clear_pointer (&failures, g_ptr_array_unref);
  g_clear_pointer (&closed_spec, g_free);
  g_clear_pointer (&marker, g_free);
  kiosk_test_ui_remove_tree (home);

  return status;
}
