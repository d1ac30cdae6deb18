/* test-fetcher.c: KioskFetcher against the loopback demo server and files */

#include "config.h"

#include <glib/gstdio.h>

#include "fetch-test-util.h"
#include "kiosk-demo-server.h"
#include "kiosk-fetcher.h"
#include "kiosk-redact.h"

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
  g_assert_cmpstr (error->message, ==, "header 1 (“…”) is not “Name: value”");
  g_assert_null (none);
}

/* A header's value never shows in a message: it is often the key. */
static void
test_header_errors_redacted (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *no_colon[] = { "Accept: application/json", "Authorization Bearer secret", NULL };
  const char *two_lines[] = { "X-Api-Key: secret\r\nX-Injected: 1", NULL };
  const char *spaced[] = { "Fiware Service: secret", NULL };
  g_autoptr(KioskFetchResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = kiosk_demo_server_get_url (fixture->server, "/places.json");

  response = kiosk_fetcher_fetch (fixture->fetcher, url, no_colon, NULL, NULL, NULL, &error);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_INVALID_URL);
  g_assert_cmpstr (error->message, ==, "header 2 (“…”) is not “Name: value”");
  g_clear_error (&error);

  response = kiosk_fetcher_fetch (fixture->fetcher, url, two_lines, NULL, NULL, NULL, &error);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_INVALID_URL);
  g_assert_cmpstr (error->message, ==, "header 1 (“X-Api-Key: …”) is not “Name: value” on one line");
  g_clear_error (&error);

  response = kiosk_fetcher_fetch (fixture->fetcher, url, spaced, NULL, NULL, NULL, &error);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_INVALID_URL);
  g_assert_null (strstr (error->message, "secret"));
  g_assert_null (response);

  g_assert_cmpuint (kiosk_demo_server_get_request_count (fixture->server, "/places.json"), ==, 0);
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

static gpointer
cancel_later_thread (gpointer data)
{
  g_usleep (300 * 1000);
  g_cancellable_cancel (data);

  return NULL;
}

static void
test_deadline (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(KioskFetchResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = kiosk_demo_server_get_url (fixture->server, "/drip");
  GThread *canceller;
  gint64 start, elapsed;

  kiosk_demo_server_add_handler (fixture->server, "/drip", fetch_test_drip_handler, NULL, NULL);
  g_assert_cmpuint (kiosk_fetcher_get_deadline (fixture->fetcher), ==,
                    KIOSK_FETCH_DEFAULT_DEADLINE);

  /* A byte every 200 ms never trips the 1 s read timeout... */
  kiosk_fetcher_set_timeout (fixture->fetcher, 1);
  kiosk_fetcher_set_deadline (fixture->fetcher, 2);
  start = g_get_monotonic_time ();
  response = kiosk_fetcher_fetch (fixture->fetcher, url, NULL, NULL, NULL, NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("gave up after %" G_GINT64_FORMAT " ms", elapsed / 1000);
  /* ...but the whole answer is due within 2 s. */
  g_assert_null (response);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TIMED_OUT);
  g_assert_cmpstr (error->message, ==, "the download did not finish within 2 s (deadline)");
  g_assert_cmpint (elapsed, >=, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (elapsed, <, 4 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* One fetch's own deadline wins over the fetcher's. */
  start = g_get_monotonic_time ();
  response = kiosk_fetcher_fetch_full (fixture->fetcher, url, NULL, NULL, NULL, 1, 0, NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TIMED_OUT);
  g_assert_cmpstr (error->message, ==, "the download did not finish within 1 s (deadline)");
  g_assert_cmpint (elapsed, >=, 1 * G_USEC_PER_SEC);
  g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* The caller's cancellation still reads as one. */
  canceller = g_thread_new ("cancel-later", cancel_later_thread, cancellable);
  response = kiosk_fetcher_fetch (fixture->fetcher, url, NULL, NULL, NULL, cancellable, &error);
  g_thread_join (canceller);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* An answer that keeps to the deadline is not touched by it. */
  response = fetch (fixture, "/places.json", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
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
redirect_to_cb (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, user_data);
}

static void
echo_all_headers_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GString) body = g_string_new (NULL);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_string_append_printf (body, "%s: %s\n", name, value);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, body->str, body->len);
}

static const char *origin_headers[] = {
  "Authorization: Bearer topsecret", "X-Api-Key: k-123", "Fiware-Service: musterdorf", NULL
};

/* Fetches @path of @server with the headers above and returns which of
 * them the echo route at the end saw, "" if none. */
static char *
headers_seen_via (KioskFetcher    *fetcher,
                  KioskDemoServer *server,
                  const char      *path)
{
  g_autofree char *url = kiosk_demo_server_get_url (server, path);
  g_autoptr(KioskFetchResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GStrvBuilder) seen = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  response = kiosk_fetcher_fetch (fetcher, url, origin_headers, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (response->url, "/echo"));
  text = g_strndup (g_bytes_get_data (response->bytes, NULL), g_bytes_get_size (response->bytes));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Authorization:") || g_str_has_prefix (lines[i], "X-Api-Key:") ||
        g_str_has_prefix (lines[i], "Fiware-Service:"))
      g_strv_builder_add (seen, lines[i]);
  names = g_strv_builder_end (seen);

  return g_strjoinv ("|", names);
}

static void
test_redirect_origin (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KioskDemoServer) other = kiosk_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *here = NULL;
  g_autofree char *away = NULL;
  g_autofree char *back = NULL;

  /* Another port is another origin. */
  kiosk_demo_server_add_handler (other, "/echo", echo_all_headers_cb, NULL, NULL);
  g_assert_true (kiosk_demo_server_start (other, &error));
  g_assert_no_error (error);
  kiosk_demo_server_add_handler (other, "/back", redirect_to_cb,
                                 kiosk_demo_server_get_url (fixture->server, "/echo"), g_free);
  kiosk_demo_server_add_handler (fixture->server, "/echo", echo_all_headers_cb, NULL, NULL);
  kiosk_demo_server_add_handler (fixture->server, "/here", redirect_to_cb, g_strdup ("/echo"),
                                 g_free);
  kiosk_demo_server_add_handler (fixture->server, "/away", redirect_to_cb,
                                 kiosk_demo_server_get_url (other, "/echo"), g_free);
  kiosk_demo_server_add_handler (fixture->server, "/away-and-back", redirect_to_cb,
                                 kiosk_demo_server_get_url (other, "/back"), g_free);

  /* On the same server they go along. */
  here = headers_seen_via (fixture->fetcher, fixture->server, "/here");
  g_assert_cmpstr (here, ==,
                   "Authorization: Bearer topsecret|X-Api-Key: k-123|Fiware-Service: musterdorf");

  /* The other server gets none of them. */
  away = headers_seen_via (fixture->fetcher, fixture->server, "/away");
  g_assert_cmpuint (kiosk_demo_server_get_request_count (other, "/echo"), ==, 1);
  g_assert_cmpstr (away, ==, "");

  /* Nor does the first server once the chain went elsewhere. */
  back = headers_seen_via (fixture->fetcher, fixture->server, "/away-and-back");
  g_assert_cmpuint (kiosk_demo_server_get_request_count (other, "/back"), ==, 1);
  g_assert_cmpstr (back, ==, "");
}

static void
test_redirect_policy (void)
{
  const struct
  {
    const char          *from;
    const char          *to;
    KioskRedirectPolicy  policy;
  } cases[] = {
    { "http://data.example/a", "http://data.example/b", KIOSK_REDIRECT_SAME_ORIGIN },
    { "http://data.example/a", "http://DATA.example:80/b", KIOSK_REDIRECT_SAME_ORIGIN },
    { "https://data.example/a", "https://data.example:443/b", KIOSK_REDIRECT_SAME_ORIGIN },
    { "http://data.example/a", "http://data.example:8080/b", KIOSK_REDIRECT_OTHER_ORIGIN },
    { "http://data.example/a", "http://cdn.example/b", KIOSK_REDIRECT_OTHER_ORIGIN },
    { "http://data.example/a", "https://data.example/b", KIOSK_REDIRECT_OTHER_ORIGIN },
    { "https://data.example/a", "https://cdn.example/b", KIOSK_REDIRECT_OTHER_ORIGIN },
    { "https://data.example/a", "http://data.example/b", KIOSK_REDIRECT_REFUSED },
    { "https://data.example/a", "http://cdn.example/b", KIOSK_REDIRECT_REFUSED },
    { "http://data.example/a", "ftp://data.example/b", KIOSK_REDIRECT_REFUSED },
    { "http://data.example/a", "file:///etc/passwd", KIOSK_REDIRECT_REFUSED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GUri) from = g_uri_parse (cases[i].from, SOUP_HTTP_URI_FLAGS, NULL);
      g_autoptr(GUri) to = g_uri_parse (cases[i].to, SOUP_HTTP_URI_FLAGS, NULL);

      g_test_message ("%s -> %s", cases[i].from, cases[i].to);
      g_assert_nonnull (from);
      g_assert_nonnull (to);
      g_assert_cmpint (kiosk_fetcher_check_redirect (from, to), ==, cases[i].policy);
    }
}

static void
test_url_errors_redacted (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KioskFetchResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = kiosk_demo_server_get_url (fixture->server, "");
  g_autofree char *url = NULL;

  /* http://user:secret@127.0.0.1:PORT/404 */
  url = g_strdup_printf ("http://user:secret@%s/404", base + strlen ("http://"));
  response = kiosk_fetcher_fetch (fixture->fetcher, url, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_HTTP);
  g_assert_null (strstr (error->message, "secret"));
  g_clear_error (&error);
  g_clear_pointer (&url, g_free);

  kiosk_demo_server_add_handler (fixture->server, "/to-ftp", redirect_to_cb,
                                 g_strdup ("ftp://user:secret@files.example/x?api_key=secret&y=2"),
                                 g_free);
  url = kiosk_demo_server_get_url (fixture->server, "/to-ftp");
  response = kiosk_fetcher_fetch (fixture->fetcher, url, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_INVALID_URL);
  g_assert_cmpstr (error->message, ==, "redirected to “ftp://user:***@files.example/x?api_key=***&y=2”, "
                   "which is not an http(s) URL");
  g_assert_null (response);
  g_clear_error (&error);

  /* A URL that does not parse is named too, without its secrets. */
  response = kiosk_fetcher_fetch (fixture->fetcher, "http://user:secret@data.example:99999999/x?token=secret",
                                  NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_INVALID_URL);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "token=***"));
  g_assert_null (strstr (error->message, "secret"));
}

static void
test_redact (void)
{
  const struct
  {
    const char *url;
    const char *shown;
  } cases[] = {
    { "http://user:secret@127.0.0.1:8080/404", "http://user:***@127.0.0.1:8080/404" },
    { "https://user@data.example/a", "https://user@data.example/a" },
    { "https://data.example/v1/things?$top=5&apikey=secret&Access_Token=secret#x",
      "https://data.example/v1/things?$top=5&apikey=***&Access_Token=***#x" },
    { "https://data.example/a%20b?q=Stra%C3%9Fe", "https://data.example/a%20b?q=Stra%C3%9Fe" },
    { "file:///srv/data/places.json", "file:///srv/data/places.json" },
    { "resource:///io/github/ankerort/x.json", "resource:///io/github/ankerort/x.json" },
    /* GUri cannot read these: redacted by hand */
    { "http://user:secret@[bad/x?token=secret", "http://***@[bad/x?token=***" },
    { "not a url with key=secret", "not a url with key=secret" },
    { "/srv/data/places?.json", "/srv/data/places?.json" },
    { "http://[bad/x?q=1&password=secret", "http://[bad/x?q=1&password=***" },
  };
  const struct
  {
    const char *header;
    const char *shown;
  } headers[] = {
    { "Authorization: Bearer secret", "“Authorization: …”" },
    { " X-Api-Key :secret", "“X-Api-Key: …”" },
    { "secret", "“…”" },
    { "Bearer secret: x", "“…”" },
    { ": secret", "“…”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = kiosk_redact_uri (cases[i].url);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autofree char *shown = kiosk_redact_header (headers[i].header);

      g_assert_cmpstr (shown, ==, headers[i].shown);
    }
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

/* Pictures and documents: a cap of their own, and errors that name the
 * URL without its secrets. */
static void
test_fetch_bytes (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = kiosk_demo_server_get_url (fixture->server, "");
  g_autofree char *url = g_strdup_printf ("%s/places.json?token=s3cr3t", base);
  g_autofree char *missing = g_strdup_printf ("%s/missing.png?token=s3cr3t", base);

  bytes = kiosk_fetcher_fetch_bytes (fixture->fetcher, url, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), BODY, strlen (BODY));
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = kiosk_fetcher_fetch_bytes (fixture->fetcher, url, 10, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, base));
  g_assert_nonnull (strstr (error->message, "token=***"));
  g_assert_null (strstr (error->message, "s3cr3t"));
  g_clear_error (&error);

  bytes = kiosk_fetcher_fetch_bytes (fixture->fetcher, missing, 0, NULL, &error);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "/missing.png?token=***: HTTP 404"));
  g_assert_null (strstr (error->message, "s3cr3t"));
}

typedef struct
{
  KioskFetcher *fetcher;
  char         *url;
  guint         status;
  gsize         size;
  gboolean      truncated;
} SendJob;

static gpointer
send_thread_func (gpointer data)
{
  SendJob *job = data;
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", job->url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = kiosk_fetcher_send (job->fetcher, msg, 8, 0, &job->truncated, NULL, &error);
  g_assert_no_error (error);
  job->status = soup_message_get_status (msg);
  job->size = g_bytes_get_size (reply);

  return NULL;
}

/* The outbox sender's thread and the workers send on the fetcher's one
 * session at the same time; a reply is read only as far as asked. */
static void
test_send_from_threads (Fixture       *fixture,
                        gconstpointer  data)
{
  SendJob jobs[4];
  GThread *threads[G_N_ELEMENTS (jobs)];

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      jobs[i] = (SendJob) { fixture->fetcher,
                            kiosk_demo_server_get_url (fixture->server, "/places.json"), 0, 0, FALSE };
      threads[i] = g_thread_new ("send", send_thread_func, &jobs[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (jobs[i].status, ==, 200);
      g_assert_cmpuint (jobs[i].size, ==, 8);
      g_assert_true (jobs[i].truncated);
      g_free (jobs[i].url);
    }
}

/* A send has a deadline too, is not redirected, and says where it went. */
static void
test_send_limits (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *drip = kiosk_demo_server_get_url (fixture->server, "/drip?key=s3cr3t");
  g_autofree char *moved = kiosk_demo_server_get_url (fixture->server, "/moved");
  gboolean truncated = TRUE;

  kiosk_demo_server_add_handler (fixture->server, "/drip", fetch_test_drip_handler, NULL, NULL);
  msg = soup_message_new ("GET", drip);
  reply = kiosk_fetcher_send (fixture->fetcher, msg, 1024 * 1024, 1, NULL, NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "/drip?key=***: "));
  g_assert_null (strstr (error->message, "s3cr3t"));
  g_clear_error (&error);
  g_clear_object (&msg);

  kiosk_demo_server_add_handler (fixture->server, "/moved", redirect_to_cb,
                                 kiosk_demo_server_get_url (fixture->server, "/places.json"),
                                 g_free);
  msg = soup_message_new ("POST", moved);
  reply = kiosk_fetcher_send (fixture->fetcher, msg, 1024, 0, &truncated, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (SOUP_STATUS_IS_REDIRECTION (soup_message_get_status (msg)));
  g_assert_false (truncated);
  g_assert_cmpuint (kiosk_demo_server_get_request_count (fixture->server, "/places.json"), ==, 0);
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
  ADD ("/fetcher/header-errors-redacted", test_header_errors_redacted);
  ADD ("/fetcher/status", test_status);
  ADD ("/fetcher/size-cap", test_size_cap);
  ADD ("/fetcher/timeout", test_timeout);
  ADD ("/fetcher/deadline", test_deadline);
  ADD ("/fetcher/broken-answers", test_broken_answers);
  ADD ("/fetcher/redirects", test_redirects);
  ADD ("/fetcher/redirect-origin", test_redirect_origin);
  ADD ("/fetcher/url-errors-redacted", test_url_errors_redacted);
  ADD ("/fetcher/refused", test_refused);
  ADD ("/fetcher/async", test_async);
  ADD ("/fetcher/fetch-bytes", test_fetch_bytes);
  ADD ("/fetcher/send-from-threads", test_send_from_threads);
  ADD ("/fetcher/send-limits", test_send_limits);
#undef ADD
  g_test_add_func ("/fetcher/files", test_files);
  g_test_add_func ("/fetcher/redirect-policy", test_redirect_policy);
  g_test_add_func ("/fetcher/redact", test_redact);
  g_test_add_func ("/fetcher/tls-verified", test_tls_verified);

  return g_test_run ();
}
