/* test-ui-staff.c: the staff panel on the real window under Xvfb: the hidden
 * long press, the PIN pad, adding a source that is tested and saved and then
 * shown, the lock on idle, and the lockout after five wrong PINs that a
 * restart does not lift */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kiosk-application.h"
#include "kiosk-demo.h"
#include "kiosk-demo-server.h"
#include "kiosk-events-view.h"
#include "kiosk-header.h"
#include "kiosk-i18n.h"
#include "kiosk-osk.h"
#include "kiosk-services.h"
#include "kiosk-staff-auth.h"
#include "kiosk-staff-panel.h"
#include "kiosk-staff-pin-pad.h"
#include "kiosk-staff-settings.h"
#include "kiosk-staff-sources.h"
#include "kiosk-staff-status.h"
#include "kiosk-test-ui.h"
#include "kiosk-window.h"

#define PIN "2468"

static KioskApplication *app;
static KioskWindow *window;
static KioskConfig *config;
static KioskServices *services;
static KioskDemoServer *server;
static char *events_url;       /* the demo town's events, not configured at start */
static char *pin_hash;
static gint64 fake_now;

static GSettings *
settings (void)
{
  return kiosk_config_get_settings (config);
}

static gint64
fake_clock (gpointer user_data)
{
  return fake_now;
}

static KioskStaffPanel *
panel (void)
{
  return KIOSK_STAFF_PANEL (kiosk_window_get_staff_panel (window));
}

static KioskStaffPinPad *
pin_pad (void)
{
  return KIOSK_STAFF_PIN_PAD (kiosk_staff_panel_get_pin_pad (panel ()));
}

static GtkWidget *
header_place_label (void)
{
  GtkWidget *header = kiosk_test_ui_find (GTK_WIDGET (window), KIOSK_TYPE_HEADER, NULL);

  return kiosk_test_ui_find (header, GTK_TYPE_LABEL,
                             g_settings_get_string (settings (), "place-name"));
}

static void
screenshot (const char *what)
{
  g_autofree char *name = g_strdup_printf ("staff-%s-%s-%s", what,
                                           kiosk_test_ui_orientation (GTK_WIDGET (window)),
                                           kiosk_i18n_get_language ());

  kiosk_test_ui_settle (GTK_WIDGET (window));
  g_free (kiosk_test_ui_screenshot (GTK_WIDGET (window), name));
}

static void
go_home (void)
{
  kiosk_window_reset (window);
  kiosk_test_ui_wait_for_page (window, "attract");
  kiosk_window_show_area (window, "home");
  kiosk_test_ui_wait_for_page (window, "home");
}

static void
press_pin (const char *pin)
{
  for (const char *c = pin; *c != '\0'; c++)
    {
      char digit[2] = { *c, '\0' };
      GtkWidget *key = kiosk_staff_pin_pad_get_key (pin_pad (), digit);

      kiosk_test_ui_wait_until (gtk_widget_get_sensitive (key));
      kiosk_test_ui_click (key);
    }
  kiosk_test_ui_click (kiosk_staff_pin_pad_get_key (pin_pad (), C_("PIN pad", "OK")));
}

/* By the long press, or (where the gesture is not the point) by its action. */
static void
open_pin_pad_full (gboolean gesture)
{
  go_home ();
  if (gesture)
    g_assert_true (kiosk_test_ui_long_press (header_place_label (), KIOSK_HEADER_STAFF_PRESS_MS + 400));
  else
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-staff", NULL);
  kiosk_test_ui_wait_for_page (window, "staff");
}

static void
open_pin_pad (void)
{
  open_pin_pad_full (TRUE);
}

static void
unlock (void)
{
  open_pin_pad_full (FALSE);
  press_pin (PIN);
  kiosk_test_ui_wait_until (!kiosk_staff_panel_get_locked (panel ()));
  kiosk_test_ui_settle (GTK_WIDGET (window));
}

/* Without a PIN there is no way in, and a short press does nothing. */
static void
test_no_pin (void)
{
  g_autofree char *hash = g_settings_get_string (settings (), "staff-pin-hash");

  g_settings_set_string (settings (), "staff-pin-hash", "");
  go_home ();
  g_assert_true (kiosk_test_ui_long_press (header_place_label (), KIOSK_HEADER_STAFF_PRESS_MS + 400));
  kiosk_test_ui_settle (GTK_WIDGET (window));
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "home");

  g_settings_set_string (settings (), "staff-pin-hash", hash);
  g_assert_true (kiosk_test_ui_long_press (header_place_label (), 1000));
  kiosk_test_ui_settle (GTK_WIDGET (window));
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "home");
}

static void
type_on_osk (KioskOsk   *osk,
             const char *text)
{
  g_autofree char *copy = g_strdup (text);

  for (char *c = copy; *c != '\0'; c++)
    {
      char key_label[2] = { *c, '\0' };
      GtkWidget *key = kiosk_osk_get_key (osk, key_label);

      /* The other layer has it. */
      if (key == NULL)
        {
          kiosk_osk_set_symbols (osk, !kiosk_osk_get_symbols (osk));
          kiosk_test_ui_settle (GTK_WIDGET (osk));
          key = kiosk_osk_get_key (osk, key_label);
        }
      g_assert_nonnull (key);
      kiosk_test_ui_click (key);
    }
}

static const char *
result_text (KioskStaffSources *sources)
{
  return gtk_label_get_label (GTK_LABEL (kiosk_staff_sources_get_widget (sources, "result")));
}

static void
select_kind (KioskStaffSources *sources,
             const char        *kind)
{
  GtkDropDown *drop = GTK_DROP_DOWN (kiosk_staff_sources_get_widget (sources, "kind"));
  GListModel *model = gtk_drop_down_get_model (drop);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), kind))
        gtk_drop_down_set_selected (drop, i);
    }
}

static gboolean
has_source (const char *id)
{
  g_autoptr(GPtrArray) sources = kiosk_config_get_sources (config);

  for (guint i = 0; i < sources->len; i++)
    {
      if (g_str_equal (((KioskSourceConfig *) g_ptr_array_index (sources, i))->id, id))
        return TRUE;
    }

  return FALSE;
}

/* Gesture, PIN, a new events source on the loopback demo server: a wrong
 * address says what is wrong, the right one says what it found, saving
 * puts it on the screen. */
static void
test_add_source (void)
{
  KioskStaffSources *sources;
  GtkWidget *url, *result;
  KioskOsk *osk;
  GtkWidget *events;
  g_autofree char *wrong_url = NULL;

  open_pin_pad ();
  press_pin (PIN);
  kiosk_test_ui_wait_until (!kiosk_staff_panel_get_locked (panel ()));
  screenshot ("sources");
  sources = KIOSK_STAFF_SOURCES (kiosk_staff_panel_get_page (panel (), "sources"));
  kiosk_test_ui_click (kiosk_staff_sources_get_widget (sources, "add"));
  kiosk_test_ui_wait_until (kiosk_staff_sources_get_editing (sources));
  kiosk_test_ui_settle (GTK_WIDGET (window));

  /* Typed on the kiosk's own keyboard, symbols layer included. */
  osk = KIOSK_OSK (kiosk_test_ui_find (GTK_WIDGET (sources), KIOSK_TYPE_OSK, NULL));
  gtk_widget_grab_focus (kiosk_staff_sources_get_widget (sources, "name"));
  type_on_osk (osk, "termine");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (kiosk_staff_sources_get_widget (sources, "name"))),
                   ==, "termine");
  gtk_widget_grab_focus (kiosk_staff_sources_get_widget (sources, "options"));
  type_on_osk (osk, "past-days=2");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (kiosk_staff_sources_get_widget (sources, "options"))),
                   ==, "past-days=2");

  select_kind (sources, "ical");
  url = kiosk_staff_sources_get_widget (sources, "url");
  result = kiosk_staff_sources_get_widget (sources, "result");

  /* A wrong address: the test says so and names it. */
  wrong_url = kiosk_demo_server_get_url (server, "/nothing-here.ics");
  gtk_editable_set_text (GTK_EDITABLE (url), wrong_url);
  kiosk_test_ui_click (kiosk_staff_sources_get_widget (sources, "test"));
  kiosk_test_ui_wait_until (!kiosk_staff_sources_get_testing (sources));
  g_test_message ("wrong address: %s", result_text (sources));
  g_assert_true (gtk_widget_has_css_class (result, "error"));
  g_assert_nonnull (strstr (result_text (sources), "/nothing-here.ics"));
  g_assert_false (has_source ("termine"));

  /* The right one: what it found, before anything is saved. */
  gtk_editable_set_text (GTK_EDITABLE (url), events_url);
  gtk_widget_grab_focus (kiosk_staff_sources_get_widget (sources, "header-1"));
  gtk_editable_set_text (GTK_EDITABLE (kiosk_staff_sources_get_widget (sources, "header-1")),
                         "X-Api-Key: geheim");
  kiosk_test_ui_click (kiosk_staff_sources_get_widget (sources, "test"));
  kiosk_test_ui_wait_until (!kiosk_staff_sources_get_testing (sources));
  g_test_message ("right address: %s", result_text (sources));
  g_assert_false (gtk_widget_has_css_class (result, "error"));
  g_assert_true (g_ascii_isdigit (strstr (result_text (sources), ": ")[2]));
  /* The header's value is hidden once typed. */
  g_assert_false (gtk_entry_get_visibility (GTK_ENTRY (kiosk_staff_sources_get_widget (sources, "header-1"))));
  g_assert_false (has_source ("termine"));
  screenshot ("source-tested");

  kiosk_test_ui_click (kiosk_staff_sources_get_widget (sources, "save"));
  kiosk_test_ui_wait_until (has_source ("termine"));
  kiosk_test_ui_wait_until (!kiosk_staff_sources_get_editing (sources));

  /* Applied live: the kiosk fetches it, and after the staff leave the
   * events area shows it. */
  kiosk_test_ui_wait_until (g_list_model_get_n_items (kiosk_services_get_items (services,
                                                                                KIOSK_AREA_EVENTS)) > 0);
  screenshot ("sources-saved");
  go_home ();
  kiosk_window_show_area (window, "events");
  kiosk_test_ui_wait_for_page (window, "events");
  events = kiosk_window_get_area_view (window, "events");
  g_assert_true (KIOSK_IS_EVENTS_VIEW (events));
  kiosk_test_ui_wait_until (g_list_model_get_n_items (kiosk_events_view_get_rows (KIOSK_EVENTS_VIEW (events))) > 0);
}

/* Every page, to be looked at, in both languages. */
static void
test_pages (void)
{
  static const char * const pages[] = { "place", "display", "general", "pin", "status" };
  static const char * const languages[] = { "de", "en" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      go_home ();
      /* The language a citizen chose is the panel's too, until the reset. */
      kiosk_window_set_language (window, languages[l]);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-staff", NULL);
      kiosk_test_ui_wait_for_page (window, "staff");
      screenshot ("pin-pad");
      press_pin (PIN);
      kiosk_test_ui_wait_until (!kiosk_staff_panel_get_locked (panel ()));
      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        {
          kiosk_staff_panel_show_page (panel (), pages[i]);
          screenshot (pages[i]);
        }
    }
  kiosk_window_set_language (window, "de");
}

/* A place name saved on the panel is on the header at once. */
static void
test_place (void)
{
  KioskStaffSettings *place;
  GtkWidget *name;

  unlock ();
  kiosk_staff_panel_show_page (panel (), "place");
  place = KIOSK_STAFF_SETTINGS (kiosk_staff_panel_get_page (panel (), "place"));
  name = kiosk_staff_settings_get_control (place, "place-name");
  gtk_editable_set_text (GTK_EDITABLE (name), "Rathaus Musterdorf");
  gtk_editable_set_text (GTK_EDITABLE (kiosk_staff_settings_get_control (place, "time-zone")),
                         "Europe/Nowhere");
  g_assert_false (kiosk_staff_settings_save (place));
  g_assert_nonnull (strstr (kiosk_staff_settings_get_message (place), "Europe/Nowhere"));
  g_assert_cmpstr (g_settings_get_string (settings (), "place-name"), !=, "Rathaus Musterdorf");

  gtk_editable_set_text (GTK_EDITABLE (kiosk_staff_settings_get_control (place, "time-zone")),
                         "Europe/Berlin");
  g_assert_true (kiosk_staff_settings_save (place));
  g_assert_cmpstr (g_settings_get_string (settings (), "place-name"), ==, "Rathaus Musterdorf");
  go_home ();
  kiosk_test_ui_wait_until (kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_LABEL,
                                                "Rathaus Musterdorf") != NULL);
  g_settings_set_string (settings (), "place-name", "Stadtbibliothek Musterdorf");
}

/* The idle reset takes the panel away and locks it; the next person who
 * finds the long press gets the PIN pad, not the panel. */
static void
test_idle_locks (void)
{
  unlock ();
  kiosk_window_reset (window);
  kiosk_test_ui_wait_for_page (window, "attract");
  kiosk_test_ui_wait_until (kiosk_staff_panel_get_locked (panel ()));

  open_pin_pad ();
  g_assert_true (kiosk_staff_panel_get_locked (panel ()));
  go_home ();
}

/* Five wrong PINs lock the pad for 15 minutes, even for the right PIN and
 * even after a restart. */
static void
test_lockout (void)
{
  KioskStaffAuth *auth = kiosk_services_get_staff_auth (services);
  g_autoptr(KioskStaffAuth) restarted = NULL;

  fake_now = g_get_real_time () / G_USEC_PER_SEC;
  kiosk_staff_auth_set_clock (auth, fake_clock, NULL);
  open_pin_pad_full (FALSE);
  for (guint i = 0; i < KIOSK_STAFF_AUTH_MAX_TRIES; i++)
    {
      /* The growing delay passes on the fake clock. */
      fake_now += kiosk_staff_auth_get_wait (auth);
      kiosk_staff_pin_pad_clear (pin_pad ());
      /* No digit twice in a row: xdotool's mousemove --sync waits for a move. */
      press_pin ("1357");
      kiosk_test_ui_wait_until (kiosk_staff_auth_get_failures (auth) == i + 1 &&
                                kiosk_staff_auth_get_wait (auth) > 0 &&
                                !gtk_widget_get_sensitive (kiosk_staff_pin_pad_get_key (pin_pad (), "1")));
    }
  g_assert_true (kiosk_staff_auth_get_locked (auth));
  kiosk_test_ui_wait_until (strstr (kiosk_staff_pin_pad_get_message (pin_pad ()), "15") != NULL);
  screenshot ("locked");
  g_assert_true (kiosk_staff_panel_get_locked (panel ()));

  /* The same state file, read again as after a restart. */
  restarted = kiosk_staff_auth_new (kiosk_staff_auth_get_state_path (auth));
  g_assert_true (kiosk_staff_auth_get_locked (restarted));

  /* Fifteen minutes later the right PIN opens again. */
  fake_now += KIOSK_STAFF_AUTH_LOCKOUT_S;
  kiosk_staff_pin_pad_clear (pin_pad ());
  press_pin (PIN);
  kiosk_test_ui_wait_until (!kiosk_staff_panel_get_locked (panel ()));
  kiosk_staff_auth_set_clock (auth, NULL, NULL);
  go_home ();
}

static void
activate_cb (GApplication *application)
{
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_source_config_free);
  g_autoptr(GPtrArray) start_sources = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  int status;

  /* Caches, the outbox and the PIN's state in a private directory. */
  home = g_dir_make_tmp ("test-ui-staff-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autofree char *cache = g_build_filename (home, "cache", NULL);
    g_autofree char *data = g_build_filename (home, "data", NULL);
    g_autofree char *state = g_build_filename (home, "state", NULL);

    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_setenv ("XDG_STATE_HOME", state, TRUE);
  }

  kiosk_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);

  /* Musterdorf's demo API on loopback; every source but the events. */
  server = kiosk_demo_start (sources, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sources->len; i++)
    {
      KioskSourceConfig *source = g_ptr_array_index (sources, i);

      if (g_str_equal (source->kind, "ical") || g_str_equal (source->kind, "schema-event"))
        {
          if (events_url == NULL && g_str_equal (source->kind, "ical"))
            events_url = g_strdup (source->url);
        }
      else
        {
          g_ptr_array_add (start_sources, source);
        }
    }
  g_assert_nonnull (events_url);
  config = kiosk_config_new_default ();
  kiosk_config_set_sources (config, start_sources);
  g_settings_set_string (settings (), "time-zone", "Europe/Berlin");
  g_settings_set_string (settings (), "place-name", "Stadtbibliothek Musterdorf");
  pin_hash = kiosk_staff_auth_hash_pin (PIN, &error);
  g_assert_no_error (error);
  g_settings_set_string (settings (), "staff-pin-hash", pin_hash);

  app = kiosk_application_new ();
  window = kiosk_test_ui_start_app (app, G_CALLBACK (activate_cb), TRUE);
  g_object_get (window, "services", &services, NULL);

  g_test_add_func ("/ui/staff/no-pin", test_no_pin);
  g_test_add_func ("/ui/staff/add-source", test_add_source);
  g_test_add_func ("/ui/staff/place", test_place);
  g_test_add_func ("/ui/staff/idle-locks", test_idle_locks);
  g_test_add_func ("/ui/staff/pages", test_pages);
  g_test_add_func ("/ui/staff/lockout", test_lockout);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&services);
  g_clear_object (&app);
  g_clear_object (&config);
  kiosk_demo_server_stop (server);
  g_clear_object (&server);
  g_free (events_url);
  g_free (pin_hash);
  remove_tree (home);

  return status;
}
