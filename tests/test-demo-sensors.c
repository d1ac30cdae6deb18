/* test-demo-sensors.c: Musterdorf's sensor services on the real demo server:
 * paging, Fiware headers, keyValues, values that move over the day */

#include "config.h"

#include <sys/wait.h>

#include "kiosk-demo-sensors.h"
#include "kiosk-demo.h"
#include "kiosk-source.h"
#include "kiosk-source-config.h"
#include "sensors-test-util.h"

static KioskDemoServer *server;
static GPtrArray *configs;

static const KioskSourceConfig *
config_of_kind (const char *kind)
{
  for (guint i = 0; i < configs->len; i++)
    {
      const KioskSourceConfig *config = g_ptr_array_index (configs, i);

      if (g_str_equal (config->kind, kind))
        return config;
    }

  g_error ("the demo has no %s source", kind);
  return NULL;
}

/* "Name: value" lines → name, value pairs */
static GStrv
header_pairs (const KioskSourceConfig *config)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv pairs;

  for (guint i = 0; config->headers[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (config->headers[i], ":", 2);

      g_strv_builder_add (builder, g_strstrip (parts[0]));
      g_strv_builder_add (builder, g_strstrip (parts[1]));
    }
  pairs = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return pairs;
}

static double
distance_km (double lat1,
             double lon1,
             double lat2,
             double lon2)
{
  double dlat = (lat2 - lat1) * G_PI / 180, dlon = (lon2 - lon1) * G_PI / 180;
  double a = sin (dlat / 2) * sin (dlat / 2) +
             cos (lat1 * G_PI / 180) * cos (lat2 * G_PI / 180) * sin (dlon / 2) * sin (dlon / 2);

  return 6371 * 2 * atan2 (sqrt (a), sqrt (1 - a));
}

static void
check_near_library (GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      KioskReading *r = g_ptr_array_index (items, i);

      g_assert_cmpfloat (distance_km (51.3397, 12.3731, kiosk_reading_get_latitude (r),
                                      kiosk_reading_get_longitude (r)), <, 1.5);
    }
}

static void
test_sensorthings (void)
{
  const KioskSourceConfig *config = config_of_kind ("sensorthings");
  g_autoptr(GPtrArray) items = NULL;
  guint pages = 0, with_history = 0, kinds_seen = 0;
  g_autoptr(GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);

  /* Five Things, two per page (the server's maxTop). */
  items = sensors_test_fetch_all ("sensorthings", config->url, NULL, &pages);
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (items->len, ==, 13);
  check_near_library (items);

  for (guint i = 0; i < items->len; i++)
    {
      KioskReading *r = g_ptr_array_index (items, i);

      g_hash_table_add (kinds, (gpointer) kiosk_reading_kind_get_id (kiosk_reading_get_kind (r)));
      if (kiosk_reading_get_history (r)->len >= 100)
        with_history++;
    }
  kinds_seen = g_hash_table_size (kinds);
  /* temperature, humidity, pm10, pm25, no2, o3, noise, water-level */
  g_assert_cmpuint (kinds_seen, ==, 8);
  g_assert_false (g_hash_table_contains (kinds, "other"));
  g_assert_cmpuint (with_history, ==, 13);
}

static void
test_ngsi (void)
{
  const KioskSourceConfig *config = config_of_kind ("ngsi-v2");
  g_auto(GStrv) headers = header_pairs (config);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) key_values = NULL;
  g_autofree char *kv_url = NULL;
  guint pages = 0;

  g_assert_cmpstr (g_hash_table_lookup (config->options, "page-size"), ==, "2");
  g_assert_true (g_strv_contains ((const char * const *) headers, "Fiware-Service"));
  g_assert_true (g_strv_contains ((const char * const *) headers, "/umwelt"));

  /* Five entities, two per page, counted by Fiware-Total-Count. */
  {
    g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (NULL);
    g_autofree char *first = NULL;

    g_hash_table_insert (ctx->options, g_strdup ("page-size"), g_strdup ("2"));
    first = kiosk_format_ngsi_v2.request_url (config->url, ctx);
    items = sensors_test_fetch_all ("ngsi-v2", first, (const char **) headers, &pages);
  }
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (items->len, ==, 8);
  check_near_library (items);

  /* keyValues: the same readings, humidity as a fraction turned into %. */
  kv_url = g_strconcat (config->url, "/entities?options=keyValues", NULL);
  key_values = sensors_test_fetch_all ("ngsi-v2", kv_url, (const char **) headers, NULL);
  g_assert_cmpuint (key_values->len, ==, 8);
  for (guint i = 0; i < key_values->len; i++)
    {
      KioskReading *r = g_ptr_array_index (key_values, i);

      if (g_str_equal (kiosk_reading_get_property_name (r), "relativeHumidity"))
        g_assert_cmpfloat (kiosk_reading_get_value (r), >, 1);
    }
}

static void
test_other_tenant (void)
{
  const KioskSourceConfig *config = config_of_kind ("ngsi-v2");
  g_autofree char *url = g_strconcat (config->url, "/entities?options=count", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KioskParseContext) ctx = sensors_test_context (url);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  SensorsTestFetch f = { 0 };

  /* Without Fiware-Service Orion shows another (empty) tenant. */
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, sensors_test_fetched_cb, &f);
  while (!f.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (f.error);
  bytes = f.body;
  kiosk_parse_result_init (&result);
  g_assert_false (kiosk_format_ngsi_v2.parse (bytes, ctx, &result, &error));
  g_assert_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "Fiware-Service"));
}

/* `ankerort check KIND URL [--header ...] --json`, the built program. */
static JsonArray *
run_check (JsonParser  *parser,
           const char  *kind,
           const char  *url,
           const char **headers)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int wait_status;

  g_ptr_array_add (argv, g_test_build_filename (G_TEST_BUILT, "..", "src", "ankerort", NULL));
  g_ptr_array_add (argv, g_strdup ("check"));
  g_ptr_array_add (argv, g_strdup (kind));
  g_ptr_array_add (argv, g_strdup (url));
  for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
    {
      g_ptr_array_add (argv, g_strdup ("--header"));
      g_ptr_array_add (argv, g_strdup (headers[i]));
    }
  g_ptr_array_add (argv, g_strdup ("--json"));
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &wait_status, &error));
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);

  return json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "items");
}

static void
check_item_shape (JsonObject *item)
{
  const char *members[] = { "station_id", "station", "lat", "lon", "id", "property",
                            "value", "unit", "time", "history" };
  JsonArray *history = json_object_get_array_member (item, "history");
  g_autofree char *last = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (item, members[i]));

  /* Oldest first. */
  for (guint i = 0; i < json_array_get_length (history); i++)
    {
      JsonArray *point = json_array_get_array_element (history, i);
      const char *time = json_array_get_string_element (point, 0);

      g_assert_cmpuint (json_array_get_length (point), ==, 2);
      if (last != NULL)
        g_assert_cmpstr (last, <, time);
      g_free (last);
      last = g_strdup (time);
    }
}

static void
test_check (void)
{
  const KioskSourceConfig *st = config_of_kind ("sensorthings");
  const KioskSourceConfig *ngsi = config_of_kind ("ngsi-v2");
  g_autoptr(JsonParser) st_parser = json_parser_new ();
  g_autoptr(JsonParser) ngsi_parser = json_parser_new ();
  g_autoptr(JsonParser) other_parser = json_parser_new ();
  JsonArray *items;

  /* The service root: the check asks for Things with $expand and pages. */
  items = run_check (st_parser, "sensorthings", st->url, NULL);
  g_assert_cmpuint (json_array_get_length (items), ==, 13);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      check_item_shape (item);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "history")), >=, 100);
    }

  /* NGSI needs its tenant's headers. */
  items = run_check (ngsi_parser, "ngsi-v2", ngsi->url, (const char **) ngsi->headers);
  g_assert_cmpuint (json_array_get_length (items), ==, 8);
  for (guint i = 0; i < json_array_get_length (items); i++)
    check_item_shape (json_array_get_object_element (items, i));

  /* A file holding a Things response works too. */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "sensors",
                                                   "frost-things-v1.0.json", NULL);

    items = run_check (other_parser, "sensorthings", path, NULL);
    g_assert_cmpuint (json_array_get_length (items), ==, 1);
  }
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
} Wait;

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = kiosk_source_refresh_finish (KIOSK_SOURCE (object), result, &wait->error);
  wait->done = TRUE;
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = kiosk_source_load_cached_finish (KIOSK_SOURCE (object), result, &wait->error);
  wait->done = TRUE;
}

static void
test_offline_from_cache (void)
{
  g_autofree char *db_path = g_build_filename (g_get_user_cache_dir (), "ankerort", "cache.db", NULL);
  g_autoptr(KioskFetcher) fetcher = kiosk_fetcher_new ();
  g_autoptr(GError) error = NULL;

  for (guint k = 0; k < configs->len; k++)
    {
      const KioskSourceConfig *config = g_ptr_array_index (configs, k);
      g_autoptr(KioskDatabase) database = kiosk_database_open (db_path, &error);
      g_autoptr(KioskSource) online = NULL;
      g_autoptr(KioskSource) offline = NULL;
      g_autoptr(KioskReading) first = NULL;
      Wait refreshed = { 0 }, failed = { 0 }, loaded = { 0 };
      g_autofree char *path = NULL;

      g_assert_no_error (error);

      /* Online: every page fetched, parsed and cached. */
      online = kiosk_source_new_full (config, fetcher, database, NULL);
      kiosk_source_refresh_async (online, NULL, refreshed_cb, &refreshed);
      while (!refreshed.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_no_error (refreshed.error);
      g_assert_cmpuint (kiosk_source_get_n_items (online), ==, k == 0 ? 13 : 8);

      /* The service is gone: a new kiosk start shows the cached readings,
       * and a refresh fails without taking them away. */
      path = g_strdup (g_str_equal (config->kind, "sensorthings")
                       ? KIOSK_DEMO_SENSORTHINGS_PATH "/Things" : KIOSK_DEMO_NGSI_PATH "/entities");
      kiosk_demo_server_set_fault (server, path, KIOSK_DEMO_FAULT_STATUS, 503);
      offline = kiosk_source_new_full (config, fetcher, database, NULL);
      kiosk_source_load_cached_async (offline, NULL, loaded_cb, &loaded);
      while (!loaded.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_no_error (loaded.error);
      g_assert_cmpuint (kiosk_source_get_n_items (offline), ==, k == 0 ? 13 : 8);

      kiosk_source_refresh_async (offline, NULL, refreshed_cb, &failed);
      while (!failed.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_false (failed.ok);
      g_test_message ("offline: %s", failed.error->message);
      g_clear_error (&failed.error);
      g_assert_cmpuint (kiosk_source_get_n_items (offline), ==, k == 0 ? 13 : 8);

      first = g_list_model_get_item (kiosk_source_get_model (offline), 0);
      g_assert_false (isnan (kiosk_reading_get_value (first)));
      if (k == 0)
        g_assert_cmpuint (kiosk_reading_get_history (first)->len, >=, 100);

      kiosk_demo_server_set_fault (server, NULL, KIOSK_DEMO_FAULT_NONE, 0);
    }
}

static gint64
at_local_hour (int hour)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) dt = g_date_time_new (tz, 2026, 11, 22, hour, 0, 0);

  return g_date_time_to_unix (dt);
}

static void
test_values_move (void)
{
  /* Warm afternoons, cold nights; NO2 at rush hour; full car parks at noon. */
  g_assert_cmpfloat (kiosk_demo_sensors_value ("temperature", 0, at_local_hour (15)), >,
                     kiosk_demo_sensors_value ("temperature", 0, at_local_hour (3)) + 5);
  g_assert_cmpfloat (kiosk_demo_sensors_value ("NO2", 0, at_local_hour (8)), >,
                     kiosk_demo_sensors_value ("NO2", 0, at_local_hour (12)) + 15);
  g_assert_cmpfloat (kiosk_demo_sensors_value ("availableSpotNumber", 0, at_local_hour (12)), <,
                     kiosk_demo_sensors_value ("availableSpotNumber", 0, at_local_hour (2)) / 2);
  /* The same moment, the same value. */
  g_assert_cmpfloat (kiosk_demo_sensors_value ("PM10", 1, at_local_hour (9)), ==,
                     kiosk_demo_sensors_value ("PM10", 1, at_local_hour (9)));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  server = kiosk_demo_server_new ();
  g_assert_true (kiosk_demo_server_start (server, &error));
  g_assert_no_error (error);
  configs = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_source_config_free);
  kiosk_demo_sensors_install (server, configs);
  g_assert_cmpuint (configs->len, ==, 2);

  g_test_add_func ("/demo-sensors/sensorthings", test_sensorthings);
  g_test_add_func ("/demo-sensors/ngsi", test_ngsi);
  g_test_add_func ("/demo-sensors/other-tenant", test_other_tenant);
  g_test_add_func ("/demo-sensors/values-move", test_values_move);
  g_test_add_func ("/demo-sensors/check", test_check);
  g_test_add_func ("/demo-sensors/offline-from-cache", test_offline_from_cache);

  status = g_test_run ();

  kiosk_demo_server_stop (server);
  g_clear_object (&server);
  g_ptr_array_unref (configs);

  return status;
}
