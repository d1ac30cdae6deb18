/* test-heartbeat.c: the status posted through the outbox, retried, never piling up */

#include "config.h"

#include <libsoup/soup.h>
#include <sqlite3.h>

#include "kiosk-heartbeat.h"
#include "kiosk-outbox-sender.h"
#include "log-capture.h"
#include "wait-until.h"

typedef struct
{
  SoupServer        *server;
  char              *url;
  GPtrArray         *keys;      /* Idempotency-Key of every POST */
  GPtrArray         *bodies;
  GArray            *replies;   /* the status of each answer in turn; then 200 */
  KioskOutbox       *outbox;
  KioskFetcher      *fetcher;
  KioskOutboxSender *sender;
  KioskStatus       *status;
  KioskHeartbeat    *heartbeat;
} Fixture;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  guint n = fixture->keys->len;
  guint status = n < fixture->replies->len ? g_array_index (fixture->replies, guint, n) : 200;

  g_ptr_array_add (fixture->keys,
                   g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                           "Idempotency-Key")));
  g_ptr_array_add (fixture->bodies, g_strndup (body->data, body->length));
  soup_server_message_set_status (msg, status, NULL);
}

/* The survey endpoint: 200, or the status the path ends with. */
static void
answers_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  soup_server_message_set_status (msg, g_str_has_suffix (path, "/422") ? 422 : 200, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "ankerort", NULL);
  g_autofree char *path = g_build_filename (dir, "outbox.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fixture->keys = g_ptr_array_new_with_free_func (g_free);
  fixture->bodies = g_ptr_array_new_with_free_func (g_free);
  fixture->replies = g_array_new (FALSE, FALSE, sizeof (guint));
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, "/heartbeat", server_cb, fixture, NULL);
  soup_server_add_handler (fixture->server, "/answers", answers_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->url = g_strdup_printf ("http://127.0.0.1:%d/heartbeat", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  fixture->outbox = kiosk_outbox_new (path, &error);
  g_assert_no_error (error);
  fixture->fetcher = kiosk_fetcher_new ();
  fixture->sender = kiosk_outbox_sender_new (fixture->outbox, fixture->fetcher);
  kiosk_outbox_sender_set_backoff (fixture->sender, 50, 200);
  fixture->status = kiosk_status_new (NULL);
  kiosk_status_set_kiosk_id (fixture->status, "stele-7");
  kiosk_status_watch_outbox (fixture->status, fixture->outbox);
  fixture->heartbeat = kiosk_heartbeat_new (fixture->status, fixture->outbox);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kiosk_outbox_sender_stop (fixture->sender);
  g_clear_object (&fixture->heartbeat);
  g_clear_object (&fixture->status);
  g_clear_object (&fixture->sender);
  g_clear_object (&fixture->fetcher);
  g_clear_object (&fixture->outbox);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->url, g_free);
  g_clear_pointer (&fixture->keys, g_ptr_array_unref);
  g_clear_pointer (&fixture->bodies, g_ptr_array_unref);
  g_clear_pointer (&fixture->replies, g_array_unref);
}

/* How many heartbeats wait in the outbox (read from its file, beside the
 * sender), and the key of the last. */
static guint
count_waiting (Fixture  *fixture,
               char    **key)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_open_v2 (kiosk_outbox_get_path (fixture->outbox), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT key FROM answers WHERE kind = 1 ORDER BY seq",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      n++;
      if (key != NULL)
        {
          g_free (*key);
          *key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

static void
test_retried_after_503 (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  guint unavailable = SOUP_STATUS_SERVICE_UNAVAILABLE;
  JsonObject *object;

  g_array_append_val (fixture->replies, unavailable);
  g_assert_true (kiosk_heartbeat_set_url (fixture->heartbeat, fixture->url, &error));
  g_assert_no_error (error);
  g_assert_true (kiosk_heartbeat_beat (fixture->heartbeat, &error));
  g_assert_no_error (error);
  /* A heartbeat is no survey answer. */
  WAIT_UNTIL (kiosk_outbox_get_n_pending (fixture->outbox) == 0);

  kiosk_outbox_sender_start (fixture->sender);
  /* Delivered: gone from the outbox. */
  WAIT_UNTIL (fixture->keys->len == 2 && count_waiting (fixture, NULL) == 0);
  kiosk_outbox_sender_stop (fixture->sender);

  g_assert_true (was_logged (KIOSK_LOG_HEARTBEAT_DELIVERED, "- Heartbeat * delivered to *"));

  /* The same heartbeat twice: the monitoring counts it once. */
  g_assert_nonnull (g_ptr_array_index (fixture->keys, 0));
  g_assert_cmpstr (g_ptr_array_index (fixture->keys, 0), ==, g_ptr_array_index (fixture->keys, 1));
  g_assert_cmpstr (g_ptr_array_index (fixture->bodies, 0), ==, g_ptr_array_index (fixture->bodies, 1));
  body = json_from_string (g_ptr_array_index (fixture->bodies, 1), &error);
  g_assert_no_error (error);
  object = json_node_get_object (body);
  g_assert_cmpstr (json_object_get_string_member (object, "kiosk_id"), ==, "stele-7");
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, PACKAGE_VERSION);
  g_assert_true (json_object_has_member (object, "sources"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "outbox"),
                                               "waiting"), ==, 0);
}

static void
test_superseded (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) answers = json_from_string ("{\"q\": 1}", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *answer_key = NULL;
  g_autofree char *waiting_key = NULL;

  answer_key = kiosk_outbox_add (fixture->outbox, "library", "http://127.0.0.1:9/answers",
                                 answers, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_heartbeat_set_url (fixture->heartbeat, fixture->url, &error));

  /* Offline for three intervals: one heartbeat waits, the newest. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("stele-%u", i);

      kiosk_status_set_kiosk_id (fixture->status, id);
      g_assert_true (kiosk_heartbeat_beat (fixture->heartbeat, &error));
      g_assert_no_error (error);
    }
  WAIT_UNTIL (kiosk_outbox_get_n_pending (fixture->outbox) == 1);
  g_assert_cmpuint (count_waiting (fixture, &waiting_key), ==, 1);

  /* The one that waits is the last, and is what goes out. */
  g_array_set_size (fixture->replies, 0);
  g_assert_true (kiosk_outbox_make_due (fixture->outbox, &error));
  kiosk_outbox_sender_start (fixture->sender);
  WAIT_UNTIL (fixture->keys->len >= 1 && count_waiting (fixture, NULL) == 0);
  kiosk_outbox_sender_stop (fixture->sender);
  g_assert_cmpstr (g_ptr_array_index (fixture->keys, 0), ==, waiting_key);
  g_assert_nonnull (strstr (g_ptr_array_index (fixture->bodies, 0), "\"stele-2\""));

  /* Switched off: nothing waits any more. */
  g_assert_true (kiosk_heartbeat_beat (fixture->heartbeat, &error));
  g_assert_true (kiosk_heartbeat_set_url (fixture->heartbeat, "", &error));
  g_assert_cmpuint (count_waiting (fixture, NULL), ==, 0);
}

static void
test_refused_dropped (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) set_aside = NULL;
  g_autoptr(GError) error = NULL;
  guint bad_request = SOUP_STATUS_BAD_REQUEST;

  g_array_append_val (fixture->replies, bad_request);
  g_assert_true (kiosk_heartbeat_set_url (fixture->heartbeat, fixture->url, &error));
  g_assert_true (kiosk_heartbeat_beat (fixture->heartbeat, &error));
  kiosk_outbox_sender_start (fixture->sender);
  WAIT_UNTIL (fixture->keys->len == 1 && count_waiting (fixture, NULL) == 0);
  kiosk_outbox_sender_stop (fixture->sender);

  g_assert_true (was_logged (KIOSK_LOG_HEARTBEAT_FAILED, "- Heartbeat refused by *(HTTP 400 *), dropped"));

  /* Not set aside for staff (that list is for answers), just dropped. */
  set_aside = kiosk_outbox_list_set_aside (fixture->outbox, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (set_aside->len, ==, 0);
  WAIT_UNTIL (kiosk_outbox_get_n_set_aside (fixture->outbox) == 0);
}

static void
test_invalid_url (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kiosk_heartbeat_set_url (fixture->heartbeat, "ftp://example.org/x?token=abc",
                                           &error));
  g_assert_error (error, KIOSK_HEARTBEAT_ERROR, KIOSK_HEARTBEAT_ERROR_INVALID_URL);
  g_assert_nonnull (strstr (error->message, "heartbeat-url"));
  g_assert_null (strstr (error->message, "abc"));
  g_assert_null (kiosk_heartbeat_get_url (fixture->heartbeat));
  g_clear_error (&error);

  g_assert_true (kiosk_heartbeat_beat (fixture->heartbeat, &error));
  g_assert_cmpuint (count_waiting (fixture, NULL), ==, 0);
}

/* Answers' events in the journal: the survey's id, a fixed MESSAGE_ID. */
static void
test_answer_events (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) answers = json_from_string ("{\"q\": 1}", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *good_url = g_uri_resolve_relative (fixture->url, "answers/ok", G_URI_FLAGS_NONE, NULL);
  g_autofree char *bad_url = g_uri_resolve_relative (fixture->url, "answers/422", G_URI_FLAGS_NONE, NULL);
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;

  good = kiosk_outbox_add (fixture->outbox, "library-hours", good_url, answers, &error);
  g_assert_no_error (error);
  bad = kiosk_outbox_add (fixture->outbox, "playground", bad_url, answers, &error);
  g_assert_no_error (error);
  kiosk_outbox_sender_start (fixture->sender);
  WAIT_UNTIL (kiosk_outbox_get_n_pending (fixture->outbox) == 0 &&
              kiosk_outbox_get_n_set_aside (fixture->outbox) == 1);
  kiosk_outbox_sender_stop (fixture->sender);

  g_assert_true (was_logged (KIOSK_LOG_ANSWER_DELIVERED, "library-hours Answer * delivered (HTTP 200)"));
  g_assert_true (was_logged (KIOSK_LOG_ANSWER_SET_ASIDE, "playground Answer * refused by *"));
  g_assert_false (was_logged (KIOSK_LOG_ANSWER_DELIVERED, "playground *"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  log_capture_start ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/heartbeat/retried-after-503", test_retried_after_503);
  ADD ("/heartbeat/superseded", test_superseded);
  ADD ("/heartbeat/refused-dropped", test_refused_dropped);
  ADD ("/heartbeat/invalid-url", test_invalid_url);
  ADD ("/log/answer-events", test_answer_events);
#undef ADD

  return g_test_run ();
}
