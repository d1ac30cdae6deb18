/* test-ui-settings.c: settings changed while the kiosk runs take effect
 * without a restart: place, sources, tiles, idle timeout, language and the
 * accessibility defaults, each seen on the real window under Xvfb */

#include "config.h"

#include <math.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "kiosk-application.h"
#include "kiosk-demo.h"
#include "kiosk-empty-view.h"
#include "kiosk-event.h"
#include "kiosk-events-view.h"
#include "kiosk-i18n.h"
#include "kiosk-map-view.h"
#include "kiosk-mbtiles-source.h"
#include "kiosk-surveys-view.h"
#include "kiosk-test-ui.h"
#include "kiosk-tiles-format.h"
#include "kiosk-window.h"

#define HOME_LAT 51.3397
#define HOME_LON 12.3731

static KioskApplication *app;
static KioskWindow *window;
static KioskConfig *config;   /* the same in-memory settings the kiosk reads */

static GSettings *
settings (void)
{
  return kiosk_config_get_settings (config);
}

static void
go_to_attract (void)
{
  kiosk_window_reset (window);
  kiosk_test_ui_wait_for_page (window, "attract");
}

static void
go_to (const char *area)
{
  go_to_attract ();
  kiosk_window_show_area (window, area);
  kiosk_test_ui_wait_for_page (window, area);
}

static gboolean
label_shown (const char *text)
{
  return kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_LABEL, text) != NULL;
}

/* Place */

static gboolean
header_shows_time_in (const char *zone)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autofree char *time = kiosk_i18n_format_time (now);

  return label_shown (time);
}

static void
centre_of (KioskMapView *view,
           double       *latitude,
           double       *longitude)
{
  ShumateViewport *viewport = shumate_map_get_viewport (kiosk_map_view_get_map (view));

  *latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  *longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
}

static gboolean
centred_on (KioskMapView *view,
            double        latitude,
            double        longitude)
{
  double lat, lon;

  centre_of (view, &lat, &lon);
  return fabs (lat - latitude) < 1e-5 && fabs (lon - longitude) < 1e-5;
}

static void
test_place (void)
{
  KioskMapView *map;
  double lat, lon;

  /* The header says where the kiosk stands as soon as staff rename it. */
  go_to ("home");
  g_assert_true (label_shown ("Stadtbibliothek Musterdorf"));
  g_settings_set_string (settings (), "place-name", "Rathaus Musterdorf");
  kiosk_test_ui_wait_until (label_shown ("Rathaus Musterdorf"));
  g_assert_false (label_shown ("Stadtbibliothek Musterdorf"));

  /* A map nobody looks at goes to the new place at once. */
  g_settings_set_double (settings (), "latitude", HOME_LAT + 0.002);
  g_settings_set_double (settings (), "longitude", HOME_LON + 0.003);
  kiosk_window_show_area (window, "map");
  kiosk_test_ui_wait_for_page (window, "map");
  map = KIOSK_MAP_VIEW (kiosk_window_get_area_view (window, "map"));
  kiosk_test_ui_wait_until (centred_on (map, HOME_LAT + 0.002, HOME_LON + 0.003));

  /* A map someone is looking at stays where it is until the next reset. */
  g_settings_set_double (settings (), "latitude", HOME_LAT);
  g_settings_set_double (settings (), "longitude", HOME_LON);
  kiosk_test_ui_settle (GTK_WIDGET (window));
  centre_of (map, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, HOME_LAT + 0.002, 1e-5);
  g_assert_cmpfloat_with_epsilon (lon, HOME_LON + 0.003, 1e-5);
  go_to ("map");
  map = KIOSK_MAP_VIEW (kiosk_window_get_area_view (window, "map"));
  g_assert_true (centred_on (map, HOME_LAT, HOME_LON));

  /* The clock follows a new time zone at once. */
  g_settings_set_string (settings (), "time-zone", "America/New_York");
  kiosk_test_ui_wait_until (header_shows_time_in ("America/New_York"));
  g_settings_set_string (settings (), "time-zone", "Europe/Berlin");
  kiosk_test_ui_wait_until (header_shows_time_in ("Europe/Berlin"));

  g_settings_set_string (settings (), "place-name", "Stadtbibliothek Musterdorf");
  kiosk_test_ui_wait_until (label_shown ("Stadtbibliothek Musterdorf"));
}

/* Sources */

static KioskEventsView *
events_view (void)
{
  return KIOSK_EVENTS_VIEW (kiosk_window_get_area_view (window, "events"));
}

/* The uids of the schema.org feed's events (musterdorf-tourism), kept
 * from when it was loaded. */
static GHashTable *tourism_uids;

/* Event rows in the list; with @uids only those of these events. */
static guint
count_event_rows (GHashTable *uids)
{
  GListModel *rows = kiosk_events_view_get_rows (events_view ());
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (rows, i);

      n += KIOSK_IS_EVENT (item) &&
           (uids == NULL || g_hash_table_contains (uids, kiosk_event_get_uid (KIOSK_EVENT (item))));
    }

  return n;
}

static KioskSource *
lookup_source (const char *id)
{
  return kiosk_source_list_lookup (kiosk_application_get_sources (app), id);
}

static gboolean
loaded (const char *id)
{
  KioskSource *source = lookup_source (id);

  return source != NULL && kiosk_source_get_last_success (source) != NULL;
}

/* The configured sources without @id; its configuration in *@removed. */
static GPtrArray *
sources_without (const char         *id,
                 KioskSourceConfig **removed)
{
  GPtrArray *sources = kiosk_config_get_sources (config);

  for (guint i = 0; i < sources->len; i++)
    {
      KioskSourceConfig *source = g_ptr_array_index (sources, i);

      if (g_str_equal (source->id, id))
        {
          *removed = g_ptr_array_steal_index (sources, i);
          return sources;
        }
    }

  g_assert_not_reached ();
  return sources;
}

static void
test_sources (void)
{
  g_autoptr(KioskSourceConfig) tourism = NULL;
  g_autoptr(GPtrArray) without = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GDateTime) ical_success = NULL;
  KioskSource *ical;
  guint ical_rows;

  go_to ("events");
  kiosk_test_ui_wait_until (loaded ("musterdorf-events") && loaded ("musterdorf-tourism"));
  {
    GListModel *items = kiosk_source_get_model (lookup_source ("musterdorf-tourism"));

    tourism_uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < g_list_model_get_n_items (items); i++)
      {
        g_autoptr(KioskEvent) event = g_list_model_get_item (items, i);

        g_hash_table_add (tourism_uids, g_strdup (kiosk_event_get_uid (event)));
      }
  }
  kiosk_test_ui_wait_until (count_event_rows (tourism_uids) > 0);
  ical = lookup_source ("musterdorf-events");
  ical_success = g_date_time_ref (kiosk_source_get_last_success (ical));
  ical_rows = count_event_rows (NULL) - count_event_rows (tourism_uids);

  /* Removed while a citizen looks at the list: its events leave at once,
   * the other feed's stay and are not fetched again. */
  without = sources_without ("musterdorf-tourism", &tourism);
  kiosk_config_set_sources (config, without);
  kiosk_test_ui_wait_until (lookup_source ("musterdorf-tourism") == NULL);
  kiosk_events_view_refresh (events_view ());
  kiosk_test_ui_wait_until (count_event_rows (tourism_uids) == 0);
  g_assert_cmpuint (count_event_rows (NULL), ==, ical_rows);
  g_assert_true (lookup_source ("musterdorf-events") == ical);
  g_assert_true (g_date_time_equal (kiosk_source_get_last_success (ical), ical_success));
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "events");

  /* Added: its cache, then the network, into the same list. */
  g_ptr_array_add (without, kiosk_source_config_copy (tourism));
  kiosk_config_set_sources (config, without);
  kiosk_test_ui_wait_until (loaded ("musterdorf-tourism"));
  kiosk_test_ui_wait_until (count_event_rows (tourism_uids) > 0);
  g_assert_true (lookup_source ("musterdorf-events") == ical);
  g_assert_true (g_date_time_equal (kiosk_source_get_last_success (ical), ical_success));

  /* Changed: that one source is replaced and loads again; the other one
   * keeps its items and status. */
  {
    KioskSource *before = lookup_source ("musterdorf-tourism");
    KioskSourceConfig *source;

    changed = kiosk_config_get_sources (config);
    for (guint i = 0; i < changed->len; i++)
      {
        source = g_ptr_array_index (changed, i);
        if (g_str_equal (source->id, "musterdorf-tourism"))
          source->refresh_interval = 600;
      }
    kiosk_config_set_sources (config, changed);
    kiosk_test_ui_wait_until (lookup_source ("musterdorf-tourism") != before);
    kiosk_test_ui_wait_until (loaded ("musterdorf-tourism"));
    g_assert_cmpuint (kiosk_source_get_config (lookup_source ("musterdorf-tourism"))->refresh_interval, ==, 600);
    kiosk_test_ui_wait_until (count_event_rows (tourism_uids) > 0);
    g_assert_true (lookup_source ("musterdorf-events") == ical);
    g_assert_true (g_date_time_equal (kiosk_source_get_last_success (ical), ical_success));
  }

  g_clear_pointer (&tourism_uids, g_hash_table_unref);
}

/* An area whose last source goes keeps its view until the next reset,
 * then shows the empty state; a source for it in attract mode brings the
 * view back at once. */
static void
test_area_sources (void)
{
  g_autoptr(KioskSourceConfig) surveys = NULL;
  g_autoptr(GPtrArray) without = NULL;

  go_to ("surveys");
  g_assert_true (KIOSK_IS_SURVEYS_VIEW (kiosk_window_get_area_view (window, "surveys")));

  without = sources_without ("demo-surveys", &surveys);
  kiosk_config_set_sources (config, without);
  kiosk_test_ui_wait_until (lookup_source ("demo-surveys") == NULL);
  kiosk_test_ui_settle (GTK_WIDGET (window));
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "surveys");
  g_assert_true (KIOSK_IS_SURVEYS_VIEW (kiosk_window_get_area_view (window, "surveys")));

  go_to_attract ();
  g_assert_true (KIOSK_IS_EMPTY_VIEW (kiosk_window_get_area_view (window, "surveys")));

  g_ptr_array_add (without, kiosk_source_config_copy (surveys));
  kiosk_config_set_sources (config, without);
  kiosk_test_ui_wait_until (KIOSK_IS_SURVEYS_VIEW (kiosk_window_get_area_view (window, "surveys")));
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "attract");
}

/* Tiles */

static gint tile_requests;

/* Any tile asked for gets the same picture (the kiosk's own). */
static void
tile_handler (SoupServer        *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  GBytes *tile = user_data;

  g_atomic_int_inc (&tile_requests);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (tile, NULL), g_bytes_get_size (tile));
}

static void
set_tiles_url (const char *url)
{
  g_autoptr(GPtrArray) sources = kiosk_config_get_sources (config);

  for (guint i = 0; i < sources->len; i++)
    {
      KioskSourceConfig *source = g_ptr_array_index (sources, i);

      if (g_str_equal (source->kind, "tiles"))
        {
          g_free (source->url);
          source->url = g_strdup (url);
        }
    }
  kiosk_config_set_sources (config, sources);
}

static void
test_tiles (void)
{
  g_autofree char *mbtiles_path = kiosk_demo_tiles_get_path ();
  g_autoptr(KioskMbtilesSource) mbtiles = kiosk_mbtiles_source_new (mbtiles_path, NULL);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) tile = NULL;
  g_autoptr(GUri) base = NULL;
  GSList *uris;
  g_autofree char *template = NULL;
  g_autofree char *mbtiles_url = NULL;
  KioskMapView *map;
  guint received;
  int x, y;

  g_assert_nonnull (mbtiles);
  kiosk_tiles_point_to_xyz (HOME_LAT, HOME_LON, 15, &x, &y);
  tile = kiosk_mbtiles_source_read_tile (mbtiles, x, y, 15, NULL);
  g_assert_nonnull (tile);
  /* A tile server on loopback, answering on this main loop. */
  soup_server_add_handler (server, "/tiles", tile_handler, g_bytes_ref (tile),
                           (GDestroyNotify) g_bytes_unref);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_ref (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  template = g_strdup_printf ("http://127.0.0.1:%d/tiles/{z}/{x}/{y}.png", g_uri_get_port (base));
  mbtiles_url = g_strdup (kiosk_source_get_config (lookup_source ("musterdorf-map"))->url);

  go_to ("map");
  map = KIOSK_MAP_VIEW (kiosk_window_get_area_view (window, "map"));
  kiosk_test_ui_wait_until (kiosk_map_view_get_n_tiles_received (map) > 0);
  g_assert_false (label_shown ("Kartenkacheln: 127.0.0.1"));

  /* The offline file gives way to a tile server while the map is shown. */
  received = kiosk_map_view_get_n_tiles_received (map);
  set_tiles_url (template);
  kiosk_test_ui_wait_until (label_shown ("Kartenkacheln: 127.0.0.1"));
  kiosk_test_ui_wait_until (g_atomic_int_get (&tile_requests) > 0);
  kiosk_test_ui_wait_until (kiosk_map_view_get_n_tiles_received (map) > received);
  g_assert_null (kiosk_map_view_get_problem (map));
  g_assert_true (kiosk_window_get_area_view (window, "map") == GTK_WIDGET (map));

  /* A source that cannot be shown says so; the file again clears it. */
  set_tiles_url ("ftp://tiles.example/town");
  kiosk_test_ui_wait_until (kiosk_map_view_get_problem (map) != NULL);
  set_tiles_url (mbtiles_url);
  kiosk_test_ui_wait_until (kiosk_map_view_get_problem (map) == NULL);
  kiosk_test_ui_wait_until (!label_shown ("Kartenkacheln: 127.0.0.1"));
  received = kiosk_map_view_get_n_tiles_received (map);
  kiosk_test_ui_wait_until (kiosk_map_view_get_n_tiles_received (map) > received);

  soup_server_disconnect (server);
}

/* Idle timeout */

static void
remaining_cb (KioskIdleMonitor *idle,
              GParamSpec       *pspec,
              gint64           *countdown_at)
{
  guint remaining = kiosk_idle_monitor_get_remaining (idle);

  if (remaining > 0 && remaining <= KIOSK_IDLE_COUNTDOWN && *countdown_at == 0)
    *countdown_at = g_get_monotonic_time ();
}

static void
test_idle_timeout (void)
{
  KioskIdleMonitor *idle = kiosk_window_get_idle_monitor (window);
  gint64 countdown_at = 0;
  gint64 touched_at;
  gint64 reset_after;
  gulong handler;

  go_to ("sensors");
  handler = g_signal_connect (idle, "notify::remaining", G_CALLBACK (remaining_cb), &countdown_at);

  /* The countdown running (90 s) keeps its end... */
  g_settings_set_uint (settings (), "idle-timeout", 4);
  kiosk_test_ui_wait_until (kiosk_idle_monitor_get_timeout (idle) == 4);
  kiosk_test_ui_run_for (2000);
  g_assert_cmpint (countdown_at, ==, 0);
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "sensors");

  /* ...the next touch counts with the new one: a visible countdown at
   * once (4 s is inside its last ten), then the reset. */
  if (!kiosk_test_ui_key (GTK_WIDGET (window), "shift"))
    {
      g_test_message ("xdotool is not available: poking the monitor instead");
      kiosk_idle_monitor_poke (idle);
    }
  touched_at = g_get_monotonic_time ();
  kiosk_test_ui_wait_until (countdown_at != 0);
  kiosk_test_ui_wait_until (kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, "Weiter") != NULL);
  kiosk_test_ui_wait_until (g_str_equal (kiosk_window_get_current (window), "attract"));
  reset_after = (g_get_monotonic_time () - touched_at) / 1000;
  g_test_message ("reset %" G_GINT64_FORMAT " ms after the touch", reset_after);
  g_assert_cmpint (reset_after, >=, 2500);
  g_assert_cmpint (reset_after, <, 8000);

  g_signal_handler_disconnect (idle, handler);
  g_settings_set_uint (settings (), "idle-timeout", 90);
  kiosk_test_ui_wait_until (kiosk_idle_monitor_get_timeout (idle) == 90);
}

/* Language */

static void
test_default_language (void)
{
  /* Never under a citizen: the session goes on in German... */
  go_to ("events");
  g_settings_set_string (settings (), "default-language", "en");
  kiosk_test_ui_settle (GTK_WIDGET (window));
  g_assert_cmpstr (kiosk_i18n_get_language (), ==, "de");
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "events");
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, "English"));

  /* ...and the next one starts in English. */
  go_to_attract ();
  g_assert_cmpstr (kiosk_i18n_get_language (), ==, "en");
  kiosk_window_show_area (window, "home");
  kiosk_test_ui_wait_for_page (window, "home");
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, "Events"));

  /* In attract mode nobody is there: at once. */
  go_to_attract ();
  g_settings_set_string (settings (), "default-language", "de");
  kiosk_test_ui_wait_until (g_str_equal (kiosk_i18n_get_language (), "de"));
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "attract");
  kiosk_window_show_area (window, "home");
  kiosk_test_ui_wait_for_page (window, "home");
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, "Veranstaltungen"));
}

/* Accessibility defaults */

static gboolean
window_has_class (const char *css_class)
{
  return gtk_widget_has_css_class (GTK_WIDGET (window), css_class);
}

static gboolean
reach_mode (void)
{
  gboolean reach;

  g_object_get (window, "reach-mode", &reach, NULL);
  return reach;
}

static void
test_accessibility_defaults (void)
{
  /* A citizen's screen does not change under them... */
  go_to ("home");
  g_settings_set_boolean (settings (), "large-text", TRUE);
  g_settings_set_boolean (settings (), "high-contrast", TRUE);
  g_settings_set_boolean (settings (), "reach-mode", TRUE);
  kiosk_test_ui_settle (GTK_WIDGET (window));
  g_assert_false (window_has_class ("large-text"));
  g_assert_false (window_has_class ("high-contrast"));
  g_assert_false (reach_mode ());

  /* ...the next reset brings the new defaults. */
  go_to_attract ();
  g_assert_true (window_has_class ("large-text"));
  g_assert_true (window_has_class ("high-contrast"));
  g_assert_true (reach_mode ());
  g_assert_cmpint (window_has_class ("reach-mode"), ==, kiosk_window_get_portrait (window));

  /* In attract mode they apply at once. */
  g_settings_set_boolean (settings (), "large-text", FALSE);
  g_settings_set_boolean (settings (), "high-contrast", FALSE);
  g_settings_set_boolean (settings (), "reach-mode", FALSE);
  kiosk_test_ui_wait_until (!window_has_class ("large-text"));
  kiosk_test_ui_wait_until (!window_has_class ("high-contrast"));
  kiosk_test_ui_wait_until (!reach_mode ());
  g_assert_false (window_has_class ("reach-mode"));
}

static void
activate_cb (GApplication *application)
{
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_source_config_free);
  g_autoptr(KioskDemoServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *data = NULL;
  int status;

  /* Caches, tiles and the outbox in a private directory, never the user's. */
  home = g_dir_make_tmp ("test-ui-settings-XXXXXX", &error);
  g_assert_no_error (error);
  cache = g_build_filename (home, "cache", NULL);
  data = g_build_filename (home, "data", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);

  kiosk_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);

  /* Musterdorf's demo API on loopback; the settings point the kiosk at it. */
  server = kiosk_demo_start (sources, &error);
  g_assert_no_error (error);
  config = kiosk_config_new_default ();
  kiosk_config_set_sources (config, sources);
  g_settings_set_string (settings (), "time-zone", "Europe/Berlin");
  g_settings_set_string (settings (), "place-name", "Stadtbibliothek Musterdorf");
  g_settings_set_double (settings (), "latitude", HOME_LAT);
  g_settings_set_double (settings (), "longitude", HOME_LON);

  app = kiosk_application_new ();
  window = kiosk_test_ui_start_app (app, G_CALLBACK (activate_cb), TRUE);

  g_test_add_func ("/ui/settings/place", test_place);
  g_test_add_func ("/ui/settings/sources", test_sources);
  g_test_add_func ("/ui/settings/area-sources", test_area_sources);
  g_test_add_func ("/ui/settings/tiles", test_tiles);
  g_test_add_func ("/ui/settings/idle-timeout", test_idle_timeout);
  g_test_add_func ("/ui/settings/default-language", test_default_language);
  g_test_add_func ("/ui/settings/accessibility-defaults", test_accessibility_defaults);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  g_clear_object (&config);
  kiosk_demo_server_stop (server);
  kiosk_test_ui_remove_tree (home);

  return status;
}
