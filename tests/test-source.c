/* test-source.c: KioskSource and KioskSync against the demo server and a real cache */

#include "config.h"

#include <glib/gstdio.h>

#include "fetch-test-util.h"
#include "kiosk-demo-server.h"
#include "kiosk-formats.h"
#include "kiosk-place.h"
#include "kiosk-source-list.h"
#include "kiosk-source-private.h"
#include "kiosk-sync.h"

#define PATH "/places.geojson"

static const char places_json[] =
  "{\"type\": \"FeatureCollection\", \"features\": ["
  "{\"type\": \"Feature\", \"id\": \"a\", \"geometry\": {\"type\": \"Point\", "
  "\"coordinates\": [12.37, 51.34]}, \"properties\": {\"name\": \"Rathaus\"}},"
  "{\"type\": \"Feature\", \"id\": \"b\", \"geometry\": {\"type\": \"Point\", "
  "\"coordinates\": [12.38, 51.33]}, \"properties\": {\"name\": \"Bibliothek\"}},"
  "{\"type\": \"Feature\", \"id\": \"c\", \"geometry\": {\"type\": \"Point\", "
  "\"coordinates\": [12.36, 51.35]}, \"properties\": {\"name\": \"Bad\"}}]}";

typedef struct
{
  KioskDemoServer   *server;
  KioskFetcher      *fetcher;
  KioskDatabase     *database;
  KioskSourceConfig *config;
  char              *db_path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) body = g_bytes_new_static (places_json, strlen (places_json));
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  fixture->server = kiosk_demo_server_new ();
  kiosk_demo_server_set_body (fixture->server, PATH, body, "application/geo+json");
  g_assert_true (kiosk_demo_server_start (fixture->server, &error));

  fixture->fetcher = kiosk_fetcher_new ();
  kiosk_fetcher_set_timeout (fixture->fetcher, 1);
  kiosk_fetcher_set_max_size (fixture->fetcher, 64 * 1024);

  fixture->db_path = g_build_filename (g_get_user_cache_dir (), "ankerort", "cache.db", NULL);
  fixture->database = kiosk_database_open (fixture->db_path, &error);
  g_assert_no_error (error);

  url = kiosk_demo_server_get_url (fixture->server, PATH);
  fixture->config = kiosk_source_config_new ("places", "geojson", url);
  fixture->config->refresh_interval = 600;
  /* The fetcher's cap is for pictures and such; a source has its own. */
  g_hash_table_insert (fixture->config->options, g_strdup (KIOSK_SOURCE_OPTION_MAX_BYTES),
                       g_strdup ("65536"));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->config, kiosk_source_config_free);
  g_clear_object (&fixture->database);
  g_clear_object (&fixture->fetcher);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->db_path, g_free);
}

static KioskSource *
make_source (Fixture *fixture)
{
  return kiosk_source_new_full (fixture->config, fixture->fetcher, fixture->database, NULL);
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

static gboolean
refresh (KioskSource  *source,
         GError      **error)
{
  Wait wait = { 0 };

  kiosk_source_refresh_async (source, NULL, refreshed_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);

  return wait.ok;
}

static void
load_cached (KioskSource *source)
{
  Wait wait = { 0 };

  kiosk_source_load_cached_async (source, NULL, loaded_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
}

static const char *
item_name (KioskSource *source,
           guint        i)
{
  g_autoptr(KioskPlace) place = g_list_model_get_item (kiosk_source_get_model (source), i);

  return kiosk_place_get_name (place);
}

static void
test_cold_start (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KioskSource) source = make_source (fixture);
  g_autoptr(KioskCacheEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (kiosk_source_get_area (source), ==, KIOSK_AREA_PLACES);
  load_cached (source);
  g_assert_cmpuint (kiosk_source_get_n_items (source), ==, 0);
  g_assert_null (kiosk_source_get_last_success (source));
  g_assert_cmpint (kiosk_source_get_age (source), ==, -1);

  g_assert_true (refresh (source, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kiosk_source_get_n_items (source), ==, 3);
  g_assert_cmpstr (item_name (source, 1), ==, "Bibliothek");
  g_assert_nonnull (kiosk_source_get_last_success (source));
  g_assert_null (kiosk_source_get_last_error (source));
  g_assert_false (kiosk_source_get_stale (source));
  g_assert_cmpint (kiosk_source_get_age (source), >=, 0);
  g_assert_cmpuint (kiosk_demo_server_get_request_count (fixture->server, PATH), ==, 1);

  g_assert_true (kiosk_database_load (fixture->database, "places", &entry, &error));
  g_assert_nonnull (entry);
  g_assert_cmpuint (entry->pages->len, ==, 1);
  g_assert_nonnull (entry->etag);
}

static void
test_warm_start_offline (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KioskSource) first = make_source (fixture);
  g_autoptr(KioskSource) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) confirmed = NULL;

  g_assert_true (refresh (first, &error));
  confirmed = g_date_time_ref (kiosk_source_get_last_success (first));
  g_clear_object (&first);

  /* The network is gone; a new start shows the cache without asking it. */
  kiosk_demo_server_stop (fixture->server);
  second = make_source (fixture);
  load_cached (second);
  g_assert_cmpuint (kiosk_source_get_n_items (second), ==, 3);
  g_assert_true (g_date_time_equal (kiosk_source_get_last_success (second), confirmed));
  g_assert_null (kiosk_source_get_last_error (second));
  g_assert_cmpuint (kiosk_demo_server_get_request_count (fixture->server, PATH), ==, 1);

  g_assert_false (refresh (second, &error));
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_NETWORK);
  g_assert_cmpuint (kiosk_source_get_n_items (second), ==, 3);
  g_assert_true (kiosk_source_get_stale (second));
  g_assert_nonnull (kiosk_source_get_last_error (second));
  g_assert_true (g_date_time_equal (kiosk_source_get_last_success (second), confirmed));
  g_assert_error (kiosk_source_get_error (second), KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_NETWORK);
}

static void
test_not_modified (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KioskSource) source = make_source (fixture);
  g_autoptr(GObject) before = NULL;
  g_autoptr(GObject) after = NULL;
  g_autoptr(GObject) after_etag = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) first_success = NULL;

  g_assert_true (refresh (source, &error));
  before = g_list_model_get_item (kiosk_source_get_model (source), 0);
  first_success = g_date_time_ref (kiosk_source_get_last_success (source));

  /* 304: the same objects stay, nothing was parsed; the check time moves. */
  g_assert_true (refresh (source, &error));
  g_assert_no_error (error);
  after = g_list_model_get_item (kiosk_source_get_model (source), 0);
  g_assert_true (before == after);
  g_assert_cmpint (g_date_time_compare (kiosk_source_get_last_success (source), first_success),
                   >=, 0);
  g_assert_cmpuint (kiosk_demo_server_get_request_count (fixture->server, PATH), ==, 2);

  /* A new ETag on the same bytes: unchanged, nothing parsed either. */
  kiosk_demo_server_set_fault (fixture->server, PATH, KIOSK_DEMO_FAULT_CHANGING_ETAG, 0);
  g_assert_true (refresh (source, &error));
  after_etag = g_list_model_get_item (kiosk_source_get_model (source), 0);
  g_assert_true (before == after_etag);
}

static void
test_changed (Fixture       *fixture,
              gconstpointer  data)
{
  static const char two[] =
    "{\"type\": \"FeatureCollection\", \"features\": ["
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [12.3, 51.3]},"
    " \"properties\": {\"name\": \"Neu\"}},"
    "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"name\": \"Ohne Ort\"}}]}";
  g_autoptr(KioskSource) source = make_source (fixture);
  g_autoptr(GBytes) body = g_bytes_new_static (two, strlen (two));
  g_autoptr(GError) error = NULL;

  g_assert_true (refresh (source, &error));
  kiosk_demo_server_set_body (fixture->server, PATH, body, "application/geo+json");
  g_assert_true (refresh (source, &error));
  g_assert_cmpuint (kiosk_source_get_n_items (source), ==, 1);
  g_assert_cmpstr (item_name (source, 0), ==, "Neu");
  g_assert_cmpuint (kiosk_source_get_warnings (source)->len, ==, 1);
  g_test_message ("%s", (char *) kiosk_source_get_warnings (source)->pdata[0]);
}

typedef struct
{
  KioskDemoFault  fault;
  guint           param;
  GQuark          domain;
  int             code;
  const char     *message_part;
} FaultCase;

static void
test_faults_keep_items (Fixture       *fixture,
                        gconstpointer  data)
{
  const FaultCase cases[] = {
    { KIOSK_DEMO_FAULT_STATUS, 500, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_HTTP,
      "HTTP 500 Internal Server Error" },
    { KIOSK_DEMO_FAULT_STATUS, 404, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_HTTP, "HTTP 404" },
    { KIOSK_DEMO_FAULT_TRUNCATE, 0, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TRUNCATED, "ended early" },
    { KIOSK_DEMO_FAULT_GARBAGE, 0, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID, NULL },
    { KIOSK_DEMO_FAULT_HUGE, 10 * 1024 * 1024, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TOO_LARGE,
      "larger than the limit of 64.0" },
    { KIOSK_DEMO_FAULT_RESET, 0, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_NETWORK, "closed" },
    { KIOSK_DEMO_FAULT_WRONG_TYPE, 0, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
      "the server sent an HTML page" },
    { KIOSK_DEMO_FAULT_DELAY, 3000, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TIMED_OUT,
      "no answer within 1 s" },
  };
  g_autoptr(KioskSource) source = make_source (fixture);
  g_autoptr(GError) error = NULL;

  g_assert_true (refresh (source, &error));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      kiosk_demo_server_set_fault (fixture->server, PATH, cases[i].fault, cases[i].param);
      g_assert_false (refresh (source, &error));
      g_test_message ("fault %d: %s", cases[i].fault, error->message);
      g_assert_error (error, cases[i].domain, cases[i].code);
      if (cases[i].message_part != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].message_part));
      g_assert_cmpstr (kiosk_source_get_last_error (source), ==, error->message);
      g_assert_cmpuint (kiosk_source_get_n_items (source), ==, 3);
      g_assert_cmpstr (item_name (source, 0), ==, "Rathaus");
      g_assert_true (kiosk_source_get_stale (source));
      g_clear_error (&error);
    }

  /* The server recovers: so does the source. */
  kiosk_demo_server_set_fault (fixture->server, NULL, KIOSK_DEMO_FAULT_NONE, 0);
  g_assert_true (refresh (source, &error));
  g_assert_null (kiosk_source_get_last_error (source));
  g_assert_false (kiosk_source_get_stale (source));
}

/* A server that trickles its answer is given up on at the source's
 * deadline, and what the kiosk showed and cached stays. */
static void
test_deadline_keeps_items (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KioskSource) first = NULL;
  g_autoptr(KioskSource) source = NULL;
  g_autoptr(KioskCacheEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  KioskCachePage *page;
  GPtrArray *warnings;
  gint64 start, elapsed;

  /* An unusable value is a warning, and the fetcher's deadline applies. */
  g_hash_table_insert (fixture->config->options, g_strdup (KIOSK_SOURCE_OPTION_DEADLINE),
                       g_strdup ("soon"));
  first = make_source (fixture);
  g_assert_true (refresh (first, &error));
  g_assert_no_error (error);
  warnings = kiosk_source_get_warnings (first);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_cmpstr (warnings->pdata[0], ==,
                   "option deadline: “soon” is not a number of seconds from 1 to 3600; "
                   "using the default");
  g_clear_object (&first);

  g_hash_table_insert (fixture->config->options, g_strdup (KIOSK_SOURCE_OPTION_DEADLINE),
                       g_strdup ("2"));
  source = make_source (fixture);
  load_cached (source);
  g_assert_cmpuint (kiosk_source_get_n_items (source), ==, 3);

  /* A byte every 200 ms: the fixture's 1 s read timeout never trips. */
  kiosk_demo_server_add_handler (fixture->server, PATH, fetch_test_drip_handler, NULL, NULL);
  start = g_get_monotonic_time ();
  g_assert_false (refresh (source, &error));
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("gave up after %" G_GINT64_FORMAT " ms: %s", elapsed / 1000, error->message);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TIMED_OUT);
  g_assert_cmpstr (error->message, ==, "the download did not finish within 2 s (deadline)");
  g_assert_cmpint (elapsed, >=, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (elapsed, <, 4 * G_USEC_PER_SEC);

  g_assert_cmpstr (kiosk_source_get_last_error (source), ==, error->message);
  g_assert_cmpuint (kiosk_source_get_n_items (source), ==, 3);
  g_assert_cmpstr (item_name (source, 0), ==, "Rathaus");
  g_assert_true (kiosk_source_get_stale (source));
  g_clear_error (&error);
  g_assert_true (kiosk_database_load (fixture->database, "places", &entry, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (entry->pages->len, ==, 1);
  page = g_ptr_array_index (entry->pages, 0);
  g_assert_cmpmem (g_bytes_get_data (page->bytes, NULL), g_bytes_get_size (page->bytes),
                   places_json, strlen (places_json));
}

static void
set_flag (gpointer data)
{
  g_atomic_int_set ((gint *) data, TRUE);
}

static void
test_corrupt_database (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KioskSource) first = make_source (fixture);
  g_autoptr(KioskSource) source = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (refresh (first, &error));
  g_clear_object (&first);

  /* Wait until the last worker let go of the database. Object data goes
   * at the end of finalize, after the SQLite connection was closed. */
  {
    gint closed = FALSE;

    g_object_set_data_full (G_OBJECT (fixture->database), "test-closed", &closed, set_flag);
    g_clear_object (&fixture->database);
    while (!g_atomic_int_get (&closed))
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
  }

  {
    g_autofree char *garbage = g_strnfill (8192, 'x');

    g_assert_true (g_file_set_contents (fixture->db_path, garbage, 8192, NULL));
  }
  g_test_expect_message ("kiosk-sqlite", G_LOG_LEVEL_WARNING, "The cache *moved to*");
  fixture->database = kiosk_database_open (fixture->db_path, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_nonnull (kiosk_database_get_recovery_message (fixture->database));

  /* A cold start on the rebuilt cache. */
  source = make_source (fixture);
  load_cached (source);
  g_assert_cmpuint (kiosk_source_get_n_items (source), ==, 0);
  g_assert_true (refresh (source, &error));
  g_assert_cmpuint (kiosk_source_get_n_items (source), ==, 3);
}

static void
test_without_database (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KioskSource) source =
    kiosk_source_new_full (fixture->config, fixture->fetcher, NULL, NULL);
  g_autoptr(GObject) before = NULL;
  g_autoptr(GObject) after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (refresh (source, &error));
  g_assert_cmpuint (kiosk_source_get_n_items (source), ==, 3);
  before = g_list_model_get_item (kiosk_source_get_model (source), 0);
  g_assert_true (refresh (source, &error));
  after = g_list_model_get_item (kiosk_source_get_model (source), 0);
  g_assert_true (before == after);
}

/* A made-up paged kind: each page is "NAME\nnext-url". */
static gboolean
paged_parse (GBytes                  *bytes,
             const KioskParseContext *ctx,
             KioskParseResult        *result,
             GError                 **error)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) lines = g_strsplit (text, "\n", 2);
  const char *server = ctx->response_headers ?
                       g_hash_table_lookup (ctx->response_headers, "x-page") : NULL;

  if (lines[0] == NULL || server == NULL)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID, "no page header");
      return FALSE;
    }
  g_ptr_array_add (result->items, kiosk_place_new (server, lines[0], 51.0, 12.0));
  if (lines[1] != NULL && *lines[1] != '\0')
    result->next_url = g_strdup (lines[1]);

  return TRUE;
}

static char *
paged_request_url (const char              *url,
                   const KioskParseContext *ctx)
{
  return g_strconcat (url, "/1", NULL);
}

static const KioskFormat paged_format = {
  .kind = "paged-test",
  .area = KIOSK_AREA_PLACES,
  .get_item_type = kiosk_place_get_type,
  .parse = paged_parse,
  .request_url = paged_request_url,
  .max_pages = 3,
};

/* /paged/N links to N + 1; /loop/1 and /loop/2 link to each other. */
static void
page_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  KioskDemoServer *demo = user_data;
  guint n = (guint) g_ascii_strtoull (strrchr (path, '/') + 1, NULL, 10);
  gboolean loop = g_str_has_prefix (path, "/loop/");
  g_autofree char *base = kiosk_demo_server_get_url (demo, NULL);
  g_autofree char *body = g_strdup_printf ("page %u\n%s/%s/%u", n, base, loop ? "loop" : "paged",
                                           loop ? (n == 1 ? 2 : 1) : n + 1);
  g_autofree char *page = g_strdup_printf ("%u", n);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "X-Page", page);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
test_paging_loop (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KioskSourceConfig) config = NULL;
  g_autoptr(KioskParseContext) ctx = NULL;
  g_autoptr(KioskSourceUpdate) update = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = kiosk_demo_server_get_url (fixture->server, "/loop");

  kiosk_demo_server_add_handler (fixture->server, "/loop/1", page_cb, fixture->server, NULL);
  kiosk_demo_server_add_handler (fixture->server, "/loop/2", page_cb, fixture->server, NULL);

  /* The cap (3 pages) would stop it too: the loop is found first. */
  config = kiosk_source_config_new ("loop", "paged-test", url);
  ctx = kiosk_source_make_context (config, &paged_format, NULL);
  update = kiosk_source_fetch_and_parse (fixture->fetcher, &paged_format, config, ctx, NULL,
                                         NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (update->items->len, ==, 2);
  g_assert_cmpuint (update->warnings->len, ==, 1);
  g_test_message ("%s", (char *) update->warnings->pdata[0]);
  g_assert_nonnull (strstr (update->warnings->pdata[0], "page 2: the next-page link leads back to "
                                                        "page 1; stopped"));
  g_assert_cmpuint (kiosk_demo_server_get_request_count (fixture->server, "/loop/1"), ==, 1);
}

static void
test_paging (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KioskSourceConfig) config = NULL;
  g_autoptr(KioskParseContext) ctx = NULL;
  g_autoptr(KioskSourceUpdate) update = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = kiosk_demo_server_get_url (fixture->server, "/paged");

  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *path = g_strdup_printf ("/paged/%u", i);

      kiosk_demo_server_add_handler (fixture->server, path, page_cb, fixture->server, NULL);
    }

  config = kiosk_source_config_new ("paged", "paged-test", url);
  ctx = kiosk_source_make_context (config, &paged_format, NULL);
  update = kiosk_source_fetch_and_parse (fixture->fetcher, &paged_format, config, ctx, NULL,
                                         NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (update->items->len, ==, 3);
  g_assert_cmpstr (kiosk_place_get_name (update->items->pdata[2]), ==, "page 3");
  g_assert_cmpstr (kiosk_place_get_id (update->items->pdata[2]), ==, "3");
  g_assert_cmpuint (update->warnings->len, ==, 1);
  g_assert_nonnull (strstr (update->warnings->pdata[0], "stopped after 3 pages"));
  g_assert_cmpuint (update->entry->pages->len, ==, 3);

  /* Fetched again: every page is the same, so nothing is new. */
  {
    g_autoptr(KioskSourceUpdate) again = NULL;

    again = kiosk_source_fetch_and_parse (fixture->fetcher, &paged_format, config, ctx,
                                          update->entry, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (again->unchanged);
    g_assert_null (again->items);
    g_assert_null (again->entry);
  }

  /* The cached pages parse to the same items. */
  g_assert_true (kiosk_source_parse_pages (&paged_format, ctx, update->entry->pages,
                                           items, warnings, &error));
  g_assert_cmpuint (items->len, ==, 3);
  g_assert_cmpstr (kiosk_place_get_id (items->pdata[1]), ==, "2");
}

/* Page @n of a three-page SensorThings answer; @station names its Thing. */
static void
set_sensor_page (Fixture    *fixture,
                 guint       n,
                 const char *station)
{
  g_autofree char *path = g_strdup_printf ("/st/%u", n);
  g_autofree char *next = g_strdup_printf ("/st/%u", n + 1);
  g_autofree char *next_url = kiosk_demo_server_get_url (fixture->server, next);
  g_autofree char *link = n < 3 ? g_strdup_printf ("\"@iot.nextLink\":\"%s\",", next_url)
                                : g_strdup ("");
  g_autofree char *body = g_strdup_printf (
    "{%s\"value\":[{\"@iot.id\":%u,\"name\":\"%s\",\"Locations\":[{\"encodingType\":"
    "\"application/geo+json\",\"location\":{\"type\":\"Point\",\"coordinates\":[12.37,51.34]}}],"
    "\"Datastreams\":[{\"@iot.id\":%u,\"name\":\"T\",\"unitOfMeasurement\":{\"symbol\":\"°C\"},"
    "\"ObservedProperty\":{\"name\":\"temperature\"},\"Observations\":[{\"phenomenonTime\":"
    "\"2026-11-22T09:00:00Z\",\"result\":4.5}]}]}]}", link, n, station, n);
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&body), strlen (body));

  kiosk_demo_server_set_body (fixture->server, path, bytes, "application/json");
}

static void
test_paged_not_modified (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *url = kiosk_demo_server_get_url (fixture->server, "/st/1");
  g_autoptr(KioskSourceConfig) config = kiosk_source_config_new ("stations", "sensorthings", url);
  g_autoptr(KioskSource) source = NULL;
  g_autoptr(KioskCacheEntry) cached = NULL;
  g_autoptr(GError) error = NULL;
  guint parsed;

  for (guint n = 1; n <= 3; n++)
    set_sensor_page (fixture, n, "Station");

  source = kiosk_source_new_full (config, fixture->fetcher, fixture->database, NULL);
  g_assert_true (refresh (source, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kiosk_source_get_n_items (source), ==, 3);
  parsed = kiosk_source_get_parse_count ();

  /* Every page is asked with its validators, answers 304: nothing parsed. */
  g_assert_true (refresh (source, &error));
  g_assert_cmpuint (kiosk_source_get_parse_count (), ==, parsed);
  g_assert_cmpuint (kiosk_demo_server_get_request_count (fixture->server, "/st/3"), ==, 2);
  g_assert_cmpuint (kiosk_source_get_n_items (source), ==, 3);
  g_assert_true (kiosk_database_load (fixture->database, "stations", &cached, &error));
  {
    g_autoptr(KioskParseContext) ctx = NULL;
    g_autoptr(KioskSourceUpdate) update = NULL;

    ctx = kiosk_source_make_context (config, &kiosk_format_sensorthings, NULL);
    update = kiosk_source_fetch_and_parse (fixture->fetcher, &kiosk_format_sensorthings, config,
                                           ctx, cached, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (update->not_modified);
    g_assert_null (update->items);
    g_assert_cmpuint (kiosk_source_get_parse_count (), ==, parsed);
  }

  /* Page 2 changes: every page is parsed again, the new name shows. */
  set_sensor_page (fixture, 2, "Renamed");
  g_assert_true (refresh (source, &error));
  g_assert_cmpuint (kiosk_source_get_parse_count (), ==, parsed + 3);
  g_assert_cmpuint (kiosk_source_get_n_items (source), ==, 3);
  {
    g_autoptr(GObject) reading = g_list_model_get_item (kiosk_source_get_model (source), 1);
    g_autofree char *station = NULL;

    g_object_get (reading, "station", &station, NULL);
    g_assert_cmpstr (station, ==, "Renamed");
  }
}

static void
test_max_bytes (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *url = kiosk_demo_server_get_url (fixture->server, "/st/1");
  g_autoptr(KioskSourceConfig) config = kiosk_source_config_new ("stations", "sensorthings", url);
  g_autoptr(KioskParseContext) ctx = NULL;
  g_autoptr(KioskSourceUpdate) update = NULL;
  g_autoptr(GError) error = NULL;

  for (guint n = 1; n <= 3; n++)
    set_sensor_page (fixture, n, "Station");
  ctx = kiosk_source_make_context (config, &kiosk_format_sensorthings, NULL);

  /* Each page is far below the fetcher's cap of 64 KiB; the pages are
   * counted together against the source's. */
  g_hash_table_insert (config->options, g_strdup (KIOSK_SOURCE_OPTION_MAX_BYTES),
                       g_strdup ("1100"));
  update = kiosk_source_fetch_and_parse (fixture->fetcher, &kiosk_format_sensorthings, config,
                                         ctx, NULL, NULL, &error);
  g_assert_null (update);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "page 3: with the pages before it, over the "
                                                   "source’s limit (option max-bytes)"));
  g_clear_error (&error);

  /* Without the option a source may have more than the fetcher's cap. */
  g_hash_table_remove (config->options, KIOSK_SOURCE_OPTION_MAX_BYTES);
  kiosk_fetcher_set_max_size (fixture->fetcher, 1024);
  update = kiosk_source_fetch_and_parse (fixture->fetcher, &kiosk_format_sensorthings, config,
                                         ctx, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (update->items->len, ==, 3);
}

static void
test_event_window (void)
{
  g_autoptr(KioskSourceConfig) config = kiosk_source_config_new ("e", "ical", "file:///x");
  static const KioskFormat events = { .kind = "events-test", .area = KIOSK_AREA_EVENTS };
  g_autoptr(KioskParseContext) ctx = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");

  g_hash_table_insert (config->options, g_strdup ("future-days"), g_strdup ("7"));
  ctx = kiosk_source_make_context (config, &events, tz);
  g_assert_nonnull (ctx->from);
  g_assert_cmpint (g_date_time_difference (ctx->now, ctx->from) / G_TIME_SPAN_DAY, ==, 1);
  g_assert_cmpint (g_date_time_difference (ctx->to, ctx->now) / G_TIME_SPAN_DAY, ==, 7);
  g_assert_cmpstr (kiosk_parse_context_option (ctx, "future-days", NULL), ==, "7");
  g_assert_true (ctx->tz == tz || g_strcmp0 (g_time_zone_get_identifier (ctx->tz), "Europe/Berlin") == 0);
}

/* A festival that began three days ago and ends the day after tomorrow is
 * on now: the kiosk keeps it although it started before the window. */
static void
test_running_festival (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_add_days (now, -3);
  g_autoptr(GDateTime) end = g_date_time_add_days (now, 2);
  g_autofree char *start_s = g_date_time_format (start, "%Y%m%d");
  g_autofree char *end_s = g_date_time_format (end, "%Y%m%d");
  g_autofree char *ics = NULL;
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "festival.ics", NULL);
  g_autofree char *url = NULL;
  g_autoptr(KioskSourceConfig) config = NULL;
  g_autoptr(KioskSource) source = NULL;
  g_autoptr(GObject) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  ics = g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Musterdorf//EN\r\n"
                         "BEGIN:VEVENT\r\nUID:festival@musterdorf\r\nDTSTAMP:20260101T000000Z\r\n"
                         "DTSTART;VALUE=DATE:%s\r\nDTEND;VALUE=DATE:%s\r\n"
                         "SUMMARY:Stadtfest\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                         start_s, end_s);
  g_assert_true (g_file_set_contents (path, ics, -1, &error));
  url = g_filename_to_uri (path, NULL, &error);
  g_assert_no_error (error);

  config = kiosk_source_config_new ("events", "ical", url);
  source = kiosk_source_new_full (config, fixture->fetcher, NULL, NULL);
  g_assert_true (refresh (source, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kiosk_source_get_n_items (source), ==, 1);
  item = g_list_model_get_item (kiosk_source_get_model (source), 0);
  g_object_get (item, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Stadtfest");
}

/* The sync tests drive time by hand. */
static gint64 fake_now;

static gint64
fake_clock (gpointer user_data)
{
  return fake_now;
}

static void
count_cb (KioskSync   *sync,
          KioskSource *source,
          gboolean     ok,
          guint       *count)
{
  (*count)++;
}

static void
wait_for (guint *count,
          guint  target)
{
  while (*count < target)
    g_main_context_iteration (NULL, TRUE);
}

#define S(seconds) ((gint64) (seconds) * G_USEC_PER_SEC)

static void
test_backoff (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KioskSourceList) list = kiosk_source_list_new ();
  g_autoptr(KioskSource) source = make_source (fixture);
  g_autoptr(KioskSync) sync = NULL;
  guint refreshed = 0;
  gint64 due;

  g_assert_cmpuint (kiosk_sync_backoff_delay (0, 30, 1800), ==, 0);
  g_assert_cmpuint (kiosk_sync_backoff_delay (1, 30, 1800), ==, 30);
  g_assert_cmpuint (kiosk_sync_backoff_delay (3, 30, 1800), ==, 120);
  g_assert_cmpuint (kiosk_sync_backoff_delay (10, 30, 1800), ==, 1800);
  g_assert_cmpuint (kiosk_sync_backoff_delay (1000, 30, 1800), ==, 1800);

  fake_now = S (1000);
  kiosk_source_list_add (list, source);
  sync = kiosk_sync_new (list, NULL);
  kiosk_sync_set_clock (sync, fake_clock, NULL);
  kiosk_sync_set_random_seed (sync, 42);
  kiosk_sync_set_backoff (sync, 30, 100);
  g_signal_connect (sync, "refreshed", G_CALLBACK (count_cb), &refreshed);

  kiosk_demo_server_set_fault (fixture->server, PATH, KIOSK_DEMO_FAULT_STATUS, 503);
  kiosk_sync_start (sync);
  wait_for (&refreshed, 1);
  g_assert_cmpuint (kiosk_sync_get_failures (sync, source), ==, 1);
  g_assert_true (g_str_has_prefix (kiosk_source_list_get_status_text (list), "Offline"));
  g_assert_true (kiosk_source_list_get_offline (list));

  /* About 30 s (± 10 %) later, not before. */
  due = kiosk_sync_get_next_due (sync, source);
  g_assert_cmpint (due, >=, S (1000 + 27));
  g_assert_cmpint (due, <=, S (1000 + 33));
  fake_now = S (1000 + 26);
  kiosk_sync_tick (sync);
  g_assert_cmpint (kiosk_sync_get_next_due (sync, source), ==, due);
  g_assert_cmpuint (kiosk_demo_server_get_request_count (fixture->server, PATH), ==, 1);

  fake_now = due;
  kiosk_sync_tick (sync);
  wait_for (&refreshed, 2);
  g_assert_cmpuint (kiosk_sync_get_failures (sync, source), ==, 2);
  g_assert_cmpint (kiosk_sync_get_next_due (sync, source), >=, fake_now + S (54));
  g_assert_cmpint (kiosk_sync_get_next_due (sync, source), <=, fake_now + S (66));

  /* 30, 60, then the cap of 100. */
  fake_now = kiosk_sync_get_next_due (sync, source);
  kiosk_sync_tick (sync);
  wait_for (&refreshed, 3);
  g_assert_cmpint (kiosk_sync_get_next_due (sync, source), >=, fake_now + S (90));
  g_assert_cmpint (kiosk_sync_get_next_due (sync, source), <=, fake_now + S (110));

  /* The network comes back: a refresh within a few seconds, not 100. */
  kiosk_demo_server_set_fault (fixture->server, NULL, KIOSK_DEMO_FAULT_NONE, 0);
  kiosk_sync_refresh_soon (sync);
  g_assert_cmpint (kiosk_sync_get_next_due (sync, source), <=, fake_now + S (3));
  fake_now += S (3);
  kiosk_sync_tick (sync);
  wait_for (&refreshed, 4);
  g_assert_cmpuint (kiosk_sync_get_failures (sync, source), ==, 0);
  g_assert_cmpuint (kiosk_source_get_n_items (source), ==, 3);
  g_assert_false (kiosk_source_list_get_offline (list));
  g_assert_true (g_str_has_prefix (kiosk_source_list_get_status_text (list), "Updated "));

  /* Then the normal interval, 600 s and up to a fifth more, never less. */
  g_assert_cmpint (kiosk_sync_get_next_due (sync, source), >=, fake_now + S (600));
  g_assert_cmpint (kiosk_sync_get_next_due (sync, source), <=, fake_now + S (720));
}

static void
test_sync_warm_start (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KioskSourceList) list = kiosk_source_list_new ();
  g_autoptr(KioskSource) first = make_source (fixture);
  g_autoptr(KioskSource) source = NULL;
  g_autoptr(KioskSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  guint refreshed = 0;
  g_autofree char *expected = NULL;

  g_assert_true (refresh (first, &error));

  /* Started offline: the cached items are there before any refresh ends. */
  kiosk_demo_server_set_fault (fixture->server, PATH, KIOSK_DEMO_FAULT_DELAY, 3000);
  source = make_source (fixture);
  kiosk_source_list_add (list, source);
  sync = kiosk_sync_new (list, NULL);
  /* The refresh at once, not somewhere in the first interval. */
  kiosk_sync_set_start_spread (sync, 0);
  g_signal_connect (sync, "refreshed", G_CALLBACK (count_cb), &refreshed);
  kiosk_sync_start (sync);
  while (kiosk_source_get_n_items (source) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (refreshed, ==, 0);
  g_assert_true (g_str_has_prefix (kiosk_source_list_get_status_text (list), "Updated "));

  /* The refresh times out; the items stay and the line says offline. */
  wait_for (&refreshed, 1);
  g_assert_cmpuint (kiosk_source_get_n_items (source), ==, 3);
  g_assert_true (kiosk_source_list_get_offline (list));
  {
    g_autoptr(GDateTime) local = g_date_time_to_local (kiosk_source_get_last_success (source));
    g_autofree char *hhmm = g_date_time_format (local, "%H:%M");

    expected = g_strdup_printf ("Offline — saved data from %s", hhmm);
  }
  g_assert_cmpstr (kiosk_source_list_get_status_text (list), ==, expected);
}

/* The network as the tests say it is; GNetworkMonitor is an interface. */
#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject  parent_instance;
  gboolean available;
};

enum {
  MONITOR_PROP_0,
  MONITOR_PROP_AVAILABLE,
  MONITOR_PROP_METERED,
  MONITOR_PROP_CONNECTIVITY,
};

static gboolean
test_monitor_initable_init (GInitable     *initable,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return TRUE;
}

static void
test_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable_init;
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      test_monitor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                      test_monitor_iface_init))

static void
test_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case MONITOR_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case MONITOR_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case MONITOR_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, MONITOR_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MONITOR_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MONITOR_PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
  self->available = TRUE;
}

static void
test_monitor_set_available (TestMonitor *self,
                            gboolean     available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
}

static void
test_network_back (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KioskSourceList) list = kiosk_source_list_new ();
  g_autoptr(KioskSource) source = make_source (fixture);
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  g_autoptr(KioskSync) sync = NULL;
  guint refreshed = 0;

  fake_now = S (5000);
  kiosk_source_list_add (list, source);
  sync = kiosk_sync_new (list, G_NETWORK_MONITOR (monitor));
  kiosk_sync_set_clock (sync, fake_clock, NULL);
  g_signal_connect (sync, "refreshed", G_CALLBACK (count_cb), &refreshed);

  /* Five failures: the next try is minutes away. */
  kiosk_demo_server_stop (fixture->server);
  test_monitor_set_available (monitor, FALSE);
  kiosk_sync_start (sync);
  for (guint i = 1; i <= 5; i++)
    {
      wait_for (&refreshed, i);
      fake_now = kiosk_sync_get_next_due (sync, source);
      if (i < 5)
        kiosk_sync_tick (sync);
    }
  g_assert_cmpuint (kiosk_sync_get_failures (sync, source), ==, 5);
  fake_now = S (5000);
  g_assert_cmpint (kiosk_sync_get_next_due (sync, source), >, fake_now + S (60));

  /* The monitor says the network is back: a refresh within seconds. */
  g_assert_true (kiosk_demo_server_start (fixture->server, NULL));
  test_monitor_set_available (monitor, TRUE);
  g_assert_cmpint (kiosk_sync_get_next_due (sync, source), <=, fake_now + S (3));
  fake_now += S (3);
  kiosk_sync_tick (sync);
  wait_for (&refreshed, 6);
  g_assert_cmpuint (kiosk_sync_get_failures (sync, source), ==, 0);
  g_assert_cmpuint (kiosk_source_get_n_items (source), ==, 3);
}

/* A source with cached data first asks somewhere in its first interval;
 * one without data at once. */
static void
test_start_spread (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KioskSource) first = make_source (fixture);
  g_autoptr(GError) error = NULL;
  gint64 earliest = G_MAXINT64, latest = 0;

  g_assert_true (refresh (first, &error));
  fake_now = S (7000);
  for (guint seed = 1; seed <= 20; seed++)
    {
      g_autoptr(KioskSourceList) list = kiosk_source_list_new ();
      g_autoptr(KioskSource) source = make_source (fixture);
      g_autoptr(KioskSync) sync = NULL;
      gint64 due;

      kiosk_source_list_add (list, source);
      sync = kiosk_sync_new (list, NULL);
      kiosk_sync_set_clock (sync, fake_clock, NULL);
      kiosk_sync_set_random_seed (sync, seed);
      kiosk_sync_start (sync);
      while (kiosk_source_get_n_items (source) == 0 || kiosk_sync_get_next_due (sync, source) < 0)
        g_main_context_iteration (NULL, TRUE);

      due = kiosk_sync_get_next_due (sync, source);
      g_assert_cmpint (due, >=, fake_now);
      g_assert_cmpint (due, <, fake_now + S (600));
      earliest = MIN (earliest, due);
      latest = MAX (latest, due);
    }
  /* Twenty kiosks switched on together: spread, not all at once. */
  g_assert_cmpint (latest - earliest, >, S (300));
}

static void
status_consistent_cb (KioskSourceList *list,
                      GParamSpec      *pspec,
                      guint           *checked)
{
  const char *text = kiosk_source_list_get_status_text (list);

  /* Whichever notification comes first, both values already agree. */
  g_assert_cmpint (g_str_has_prefix (text, "Offline"), ==, kiosk_source_list_get_offline (list));
  (*checked)++;
}

static void
test_status_line (void)
{
  g_autoptr(KioskSourceList) list = kiosk_source_list_new ();
  g_autoptr(KioskSourceConfig) config_a = kiosk_source_config_new ("a", "geojson", "file:///a");
  g_autoptr(KioskSourceConfig) config_b = kiosk_source_config_new ("b", "geojson", "file:///b");
  g_autoptr(KioskSource) a = kiosk_source_new (config_a);
  g_autoptr(KioskSource) b = kiosk_source_new (config_b);
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GError) error = g_error_new_literal (KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_NETWORK,
                                                 "unreachable");
  g_autofree char *updated = NULL;
  g_autofree char *offline = NULL;
  guint checked = 0;

  kiosk_source_list_set_time_zone (list, tokyo);
  kiosk_source_list_add (list, a);
  kiosk_source_list_add (list, b);
  g_assert_cmpstr (kiosk_source_list_get_status_text (list), ==, "");
  g_assert_false (kiosk_source_list_get_offline (list));
  g_signal_connect (list, "notify::status-text", G_CALLBACK (status_consistent_cb), &checked);
  g_signal_connect (list, "notify::offline", G_CALLBACK (status_consistent_cb), &checked);

  kiosk_source_set_items (a, none);
  {
    g_autoptr(GDateTime) there = g_date_time_to_timezone (kiosk_source_get_last_success (a), tokyo);
    g_autofree char *hhmm = g_date_time_format (there, "%H:%M");

    updated = g_strdup_printf ("Updated %s", hhmm);
    offline = g_strdup_printf ("Offline — saved data from %s", hhmm);
  }
  g_assert_cmpstr (kiosk_source_list_get_status_text (list), ==, updated);

  kiosk_source_set_error (b, error);
  g_assert_true (kiosk_source_list_get_offline (list));
  g_assert_cmpstr (kiosk_source_list_get_status_text (list), ==, offline);
  g_assert_cmpuint (checked, >=, 3);

  kiosk_source_list_remove_all (list);
  g_assert_cmpstr (kiosk_source_list_get_status_text (list), ==, "");
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_stale_with_time (void)
{
  g_autoptr(KioskSourceConfig) config = kiosk_source_config_new ("s", "geojson", "file:///s");
  g_autoptr(KioskSource) source = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  guint notified = 0;

  config->refresh_interval = 1;
  source = kiosk_source_new (config);
  g_signal_connect (source, "notify::stale", G_CALLBACK (count_notify_cb), &notified);
  kiosk_source_set_items (source, none);
  g_assert_false (kiosk_source_get_stale (source));
  g_assert_cmpuint (notified, ==, 0);

  /* Older than twice the interval: stale, said once. */
  g_usleep (2100 * 1000);
  kiosk_source_check_stale (source);
  kiosk_source_check_stale (source);
  g_assert_true (kiosk_source_get_stale (source));
  g_assert_cmpuint (notified, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/source/cold-start", test_cold_start);
  ADD ("/source/warm-start-offline", test_warm_start_offline);
  ADD ("/source/not-modified", test_not_modified);
  ADD ("/source/changed", test_changed);
  ADD ("/source/faults-keep-items", test_faults_keep_items);
  ADD ("/source/deadline-keeps-items", test_deadline_keeps_items);
  ADD ("/source/corrupt-database", test_corrupt_database);
  ADD ("/source/without-database", test_without_database);
  ADD ("/source/running-festival", test_running_festival);
  ADD ("/source/paging", test_paging);
  ADD ("/source/paging-loop", test_paging_loop);
  ADD ("/source/paged-not-modified", test_paged_not_modified);
  ADD ("/source/max-bytes", test_max_bytes);
  ADD ("/sync/backoff", test_backoff);
  ADD ("/sync/warm-start", test_sync_warm_start);
  ADD ("/sync/network-back", test_network_back);
  ADD ("/sync/start-spread", test_start_spread);
#undef ADD
  g_test_add_func ("/source/event-window", test_event_window);
  g_test_add_func ("/source-list/status-line", test_status_line);
  g_test_add_func ("/source/stale-with-time", test_stale_with_time);

  return g_test_run ();
}
