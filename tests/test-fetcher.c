/* test-fetcher.c: KioskFetcher against the loopback demo server and files */

#include "config.h"

#include <glib/gstdio.h>

#include "kiosk-demo-server.h"
#include "kiosk-fetcher.h"

#define BODY "{\"type\": \"FeatureCollection\", \"features\": []}"

typedef struct
{
  KioskDemoServer *server;
  KioskFetcher    *fetcher;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) body = g_bytes_new_static (BODY, strlen (BODY));
  g_autoptr(GError) error = NULL;

  fixture->server = kiosk_demo_server_new ();
  kiosk_demo_server_set_body (fixture->server, "/places.json", body, "application/geo+json");
  g_assert_true (kiosk_demo_server_start (fixture->server, &error));
  g_assert_no_error (error);
  fixture->fetcher = kiosk_fetcher_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->fetcher);
  g_clear_object (&fixture->server);
}

static KioskFetchResponse *
fetch (Fixture     *fixture,
       const char  *path,
       const char  *etag,
       const char  *last_modified,
       GError     **error)
{
  g_autofree char *url = kiosk_demo_server_get_url (fixture->server, path);

  return kiosk_fetcher_fetch (fixture->fetcher, url, NULL, etag, last_modified, NULL, error);
}

static void
test_ok (Fixture       *fixture,
         gconstpointer  data)
{
  g_autoptr(KioskFetchResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = fetch (fixture, "/places.json", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (response);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_false (response->not_modified);
  g_assert_cmpmem (g_bytes_get_data (response->bytes, NULL), g_bytes_get_size (response->bytes),
                   BODY, strlen (BODY));
  g_assert_nonnull (response->etag);
  g_assert_nonnull (response->last_modified);
  g_assert_cmpstr (response->content_type, ==, "application/geo+json");
  g_assert_cmpstr (g_hash_table_lookup (response->headers, "etag"), ==, response->etag);
  g_assert_nonnull (response->fetched_at);
}

static void
test_conditional (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KioskFetchResponse) first = NULL;
  g_autoptr(KioskFetchResponse) by_etag = NULL;
  g_autoptr(KioskFetchResponse) by_date = NULL;
  g_autoptr(KioskFetchResponse) changing = NULL;
  g_autoptr(GError) error = NULL;

  first = fetch (fixture, "/places.json", NULL, NULL, &error);
  g_assert_no_error (error);

  by_etag = fetch (fixture, "/places.json", first->etag, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (by_etag->not_modified);
  g_assert_cmpuint (by_etag->status, ==, 304);
  g_assert_null (by_etag->bytes);

  by_date = fetch (fixture, "/places.json", NULL, first->last_modified, &error);
  g_assert_no_error (error);
  g_assert_true (by_date->not_modified);

  /* A server that makes up a new ETag every time answers the same bytes. */
  kiosk_demo_server_set_fault (fixture->server, "/places.json", KIOSK_DEMO_FAULT_CHANGING_ETAG, 0);
  changing = fetch (fixture, "/places.json", first->etag, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (changing->not_modified);
  g_assert_cmpstr (changing->etag, !=, first->etag);
  g_assert_true (g_bytes_equal (changing->bytes, first->bytes));
}

static void
echo_headers_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autofree char *body = g_strdup_printf ("%s\n%s\n",
                                           soup_message_headers_get_one (headers, "User-Agent"),
                                           soup_message_headers_get_one (headers, "X-Api-Key"));

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
test_headers (Fixture       *fixture,
              gconstpointer  data)
{
  const char *headers[] = { "X-Api-Key:  secret ", NULL };
  const char *bad[] = { "no colon here", NULL };
  g_autoptr(KioskFetchResponse) response = NULL;
  g_autoptr(KioskFetchResponse) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = kiosk_demo_server_get_url (fixture->server, "/echo");
  g_autofree char *expected = g_strdup_printf ("%s\nsecret\n",
                                               kiosk_fetcher_get_user_agent (fixture->fetcher));

  kiosk_demo_server_add_handler (fixture->server, "/echo", echo_headers_cb, NULL, NULL);
  g_assert_true (g_str_has_prefix (kiosk_fetcher_get_user_agent (fixture->fetcher),
                                   "Ankerort/" PACKAGE_VERSION));

  response = kiosk_fetcher_fetch (fixture->fetcher, url, headers, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (response->bytes, NULL), g_bytes_get_size (response->bytes),
                   expected, strlen (expected));

  none = kiosk_fetcher_fetch (fixture->fetcher, url, bad, NULL, NULL, NULL, &error);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_INVALID_URL);
  g_assert_nonnull (strstr (error->message, "no colon here"));
  g_assert_null (none);
}

static void
test_status (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KioskFetchResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  kiosk_demo_server_set_fault (fixture->server, NULL, KIOSK_DEMO_FAULT_STATUS, 503);
  response = fetch (fixture, "/places.json", NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_HTTP);
  g_assert_cmpstr (error->message, ==, "HTTP 503 Service Unavailable");
  g_clear_error (&error);

  kiosk_demo_server_set_fault (fixture->server, NULL, KIOSK_DEMO_FAULT_NONE, 0);
  response = fetch (fixture, "/nowhere", NULL, NULL, &error);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_HTTP);
  g_assert_cmpstr (error->message, ==, "HTTP 404 Not Found");
}

static void
test_size_cap (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(KioskFetchResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) big = g_bytes_new_take (g_malloc0 (4096), 4096);

  kiosk_fetcher_set_max_size (fixture->fetcher, 1000);
  g_assert_cmpuint (kiosk_fetcher_get_max_size (fixture->fetcher), ==, 1000);

  /* Chunked: the cap can only act while reading. */
  kiosk_demo_server_set_fault (fixture->server, "/places.json", KIOSK_DEMO_FAULT_HUGE,
                               50 * 1024 * 1024);
  response = fetch (fixture, "/places.json", NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* With a Content-Length it is refused before reading. */
  kiosk_demo_server_set_body (fixture->server, "/big", big, "application/json");
  response = fetch (fixture, "/big", NULL, NULL, &error);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TOO_LARGE);
  g_clear_error (&error);

  kiosk_fetcher_set_max_size (fixture->fetcher, 4096);
  response = fetch (fixture, "/big", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (response->bytes), ==, 4096);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KioskFetchResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  kiosk_fetcher_set_timeout (fixture->fetcher, 1);
  kiosk_demo_server_set_fault (fixture->server, "/places.json", KIOSK_DEMO_FAULT_DELAY, 4000);
  response = fetch (fixture, "/places.json", NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TIMED_OUT);
  g_assert_cmpstr (error->message, ==, "no answer within 1 s");
}

static void
test_broken_answers (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KioskFetchResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  kiosk_demo_server_set_fault (fixture->server, "/places.json", KIOSK_DEMO_FAULT_RESET, 0);
  response = fetch (fixture, "/places.json", NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_NETWORK);
  g_test_message ("reset: %s", error->message);
  g_clear_error (&error);

  kiosk_demo_server_set_fault (fixture->server, "/places.json", KIOSK_DEMO_FAULT_TRUNCATE, 0);
  response = fetch (fixture, "/places.json", NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TRUNCATED);
  g_test_message ("truncated: %s", error->message);
  g_clear_error (&error);

  kiosk_demo_server_set_fault (fixture->server, "/places.json", KIOSK_DEMO_FAULT_WRONG_TYPE, 0);
  response = fetch (fixture, "/places.json", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (response->content_type, ==, "text/html");
  g_clear_pointer (&response, kiosk_fetch_response_free);

  kiosk_demo_server_set_fault (fixture->server, "/places.json", KIOSK_DEMO_FAULT_GARBAGE, 0);
  response = fetch (fixture, "/places.json", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (response->bytes), >=, 256);
}

static void
redirect_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  guint n = (guint) g_ascii_strtoull (path + strlen ("/hop"), NULL, 10);
  g_autofree char *next = n > 0 ? g_strdup_printf ("/hop%u", n - 1) : g_strdup ("/places.json");

  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, next);
}

static void
test_redirects (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KioskFetchResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *path = g_strdup_printf ("/hop%u", i);

      kiosk_demo_server_add_handler (fixture->server, path, redirect_cb, NULL, NULL);
    }

  /* /hop2 -> /hop1 -> /hop0 -> /places.json: three redirects */
  response = fetch (fixture, "/hop2", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (response->url, "/places.json"));
  g_clear_pointer (&response, kiosk_fetch_response_free);

  response = fetch (fixture, "/hop9", NULL, NULL, &error);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TOO_MANY_REDIRECTS);
  g_assert_null (response);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KioskFetchResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  kiosk_demo_server_stop (fixture->server);
  response = fetch (fixture, "/places.json", NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_NETWORK);
  g_clear_error (&error);

  /* Started again, it serves on the same port. */
  g_assert_true (kiosk_demo_server_start (fixture->server, &error));
  response = fetch (fixture, "/places.json", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
}

static void
test_files (void)
{
  g_autoptr(KioskFetcher) fetcher = kiosk_fetcher_new ();
  g_autoptr(KioskFetchResponse) response = NULL;
  g_autoptr(KioskFetchResponse) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "places.json", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *missing = g_strconcat (uri, ".missing", NULL);

  g_assert_true (g_file_set_contents (path, BODY, -1, NULL));

  response = kiosk_fetcher_fetch (fetcher, uri, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (response->bytes), ==, strlen (BODY));
  g_assert_nonnull (response->last_modified);

  again = kiosk_fetcher_fetch (fetcher, uri, NULL, NULL, response->last_modified, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (again->not_modified);
  g_clear_pointer (&again, kiosk_fetch_response_free);

  again = kiosk_fetcher_fetch (fetcher, missing, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_NOT_FOUND);
  g_clear_error (&error);

  kiosk_fetcher_set_max_size (fetcher, 10);
  again = kiosk_fetcher_fetch (fetcher, uri, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TOO_LARGE);
  g_clear_error (&error);

  again = kiosk_fetcher_fetch (fetcher, "ftp://example.org/x", NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_INVALID_URL);
  g_clear_error (&error);

  again = kiosk_fetcher_fetch (fetcher, "resource:///io/github/ankerort/Ankerort/style.css",
                               NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TOO_LARGE);
  g_clear_error (&error);

  kiosk_fetcher_set_max_size (fetcher, KIOSK_FETCH_DEFAULT_MAX_SIZE);
  again = kiosk_fetcher_fetch (fetcher, "resource:///io/github/ankerort/Ankerort/style.css",
                               NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (again->bytes), >, 0);
  g_clear_pointer (&again, kiosk_fetch_response_free);

  again = kiosk_fetcher_fetch (fetcher, "resource:///no/such/thing", NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_NOT_FOUND);

  g_unlink (path);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  KioskFetchResponse **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = kiosk_fetcher_fetch_finish (KIOSK_FETCHER (object), result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(KioskFetchResponse) response = NULL;
  g_autofree char *url = kiosk_demo_server_get_url (fixture->server, "/places.json");

  kiosk_fetcher_fetch_async (fixture->fetcher, url, NULL, NULL, NULL, NULL, fetched_cb, &response);
  while (response == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (response->status, ==, 200);
}

static void
test_tls_verified (void)
{
  g_autoptr(KioskDemoServer) server = kiosk_demo_server_new ();
  g_autoptr(KioskFetcher) fetcher = kiosk_fetcher_new ();
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(KioskFetchResponse) response = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static (BODY, strlen (BODY));
  g_autoptr(GError) error = NULL;
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "data", "selfsigned-cert.pem", NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "data", "selfsigned-key.pem", NULL);
  g_autofree char *url = NULL;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend (glib-networking)");
      return;
    }

  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  kiosk_demo_server_set_tls_certificate (server, certificate);
  kiosk_demo_server_set_body (server, "/places.json", body, "application/geo+json");
  g_assert_true (kiosk_demo_server_start (server, &error));
  url = kiosk_demo_server_get_url (server, "/places.json");
  g_assert_true (g_str_has_prefix (url, "https://"));

  /* A self-signed certificate is never accepted. */
  response = kiosk_fetcher_fetch (fetcher, url, NULL, NULL, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TLS);
  g_test_message ("%s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/fetcher/ok", test_ok);
  ADD ("/fetcher/conditional", test_conditional);
  ADD ("/fetcher/headers", test_headers);
  ADD ("/fetcher/status", test_status);
  ADD ("/fetcher/size-cap", test_size_cap);
  ADD ("/fetcher/timeout", test_timeout);
  ADD ("/fetcher/broken-answers", test_broken_answers);
  ADD ("/fetcher/redirects", test_redirects);
  ADD ("/fetcher/refused", test_refused);
  ADD ("/fetcher/async", test_async);
#undef ADD
  g_test_add_func ("/fetcher/files", test_files);
  g_test_add_func ("/fetcher/tls-verified", test_tls_verified);

  return g_test_run ();
}
