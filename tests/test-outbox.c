/* test-outbox.c: survey answers are durable and delivered exactly once
 *
 * Real SQLite files in a temp dir, a loopback SoupServer running the demo
 * city's answer endpoint, the sender's own thread, and a helper process
 * killed with SIGKILL at random moments. */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "kiosk-demo-surveys.h"
#include "kiosk-outbox.h"
#include "kiosk-outbox-sender.h"
#include "kiosk-sqlite.h"
#include "wait-until.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)

typedef struct
{
  GMutex mutex;
  gint64 now;
} FakeClock;

static gint64
fake_clock_cb (gpointer user_data)
{
  FakeClock *clock = user_data;
  gint64 now;

  g_mutex_lock (&clock->mutex);
  now = clock->now;
  g_mutex_unlock (&clock->mutex);

  return now;
}

static void
fake_clock_advance (FakeClock *clock,
                    gint64     us)
{
  g_mutex_lock (&clock->mutex);
  clock->now += us;
  g_mutex_unlock (&clock->mutex);
}

typedef struct
{
  char                 *dir;
  char                 *db_path;
  SoupServer           *server;
  guint                 port;
  char                 *base_url;
  KioskDemoSurveyInbox *inbox;
  KioskOutbox          *outbox;
  KioskFetcher         *fetcher;
  KioskOutboxSender    *sender;
  FakeClock             clock;
} Fixture;

static void
server_listen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, fixture->port);

  soup_server_listen (fixture->server, address, 0, &error);
  g_assert_no_error (error);

  if (fixture->port == 0)
    {
      GSList *uris = soup_server_get_uris (fixture->server);

      fixture->port = g_uri_get_port (uris->data);
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    }
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  static const char * const no_text[] = { NULL };
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("outbox-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "data", "outbox.sqlite", NULL);

  fixture->inbox = kiosk_demo_survey_inbox_new ();
  kiosk_demo_survey_inbox_add_survey (fixture->inbox, "even", no_text);
  kiosk_demo_survey_inbox_add_survey (fixture->inbox, "odd", no_text);
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, "/participation", kiosk_demo_survey_inbox_handle,
                           fixture->inbox, NULL);
  server_listen (fixture);
  fixture->base_url = g_strdup_printf ("http://127.0.0.1:%u", fixture->port);

  fixture->outbox = kiosk_outbox_new (fixture->db_path, &error);
  g_assert_no_error (error);
  kiosk_outbox_set_kiosk_id (fixture->outbox, "test-kiosk");

  g_mutex_init (&fixture->clock.mutex);
  fixture->clock.now = 1000 * G_USEC_PER_SEC;
  fixture->fetcher = kiosk_fetcher_new ();
  fixture->sender = kiosk_outbox_sender_new (fixture->outbox, fixture->fetcher);
  kiosk_outbox_sender_set_clock (fixture->sender, fake_clock_cb, &fixture->clock);
  kiosk_outbox_sender_set_backoff (fixture->sender, 1000, 60000);
  kiosk_outbox_sender_set_timeout (fixture->sender, 10);
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        rm_rf (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  kiosk_outbox_sender_stop (fixture->sender);
  g_clear_object (&fixture->sender);
  /* Let the outbox's pending notifications run and drop their refs. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->outbox);
  g_clear_object (&fixture->fetcher);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  kiosk_demo_survey_inbox_free (fixture->inbox);
  rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->base_url);
  g_mutex_clear (&fixture->clock.mutex);
}

static JsonNode *
make_answers (gint64 n)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *array = json_array_new ();

  json_object_set_int_member (object, "n", n);
  json_array_add_string_element (array, "x");
  json_object_set_array_member (object, "many", array);
  json_object_set_string_member (object, "text", "Mehr Bäume, bitte!");
  json_node_take_object (node, object);

  return node;
}

static char *
add_answer (Fixture    *fixture,
            const char *survey,
            gint64      n)
{
  g_autoptr(JsonNode) answers = make_answers (n);
  g_autofree char *url = g_strdup_printf ("%s/participation/answers/%s", fixture->base_url, survey);
  g_autoptr(GError) error = NULL;
  char *key;

  key = kiosk_outbox_add (fixture->outbox, survey, url, answers, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (key));

  return key;
}

static guint
count_waiting (Fixture *fixture)
{
  g_autoptr(sqlite3) db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  /* Straight from the file, as another process would see it. */
  g_assert_cmpint (sqlite3_open_v2 (fixture->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT COUNT(*) FROM answers WHERE set_aside = 0", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

/* n values of @survey's counted answers, in arrival order. */
static GArray *
server_ns (KioskDemoSurveyInbox *inbox,
           const char           *survey)
{
  g_autoptr(GPtrArray) answers = kiosk_demo_survey_inbox_dup_answers (inbox, survey);
  GArray *ns = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < answers->len; i++)
    {
      gint64 n = json_object_get_int_member (json_node_get_object (g_ptr_array_index (answers, i)), "n");

      g_array_append_val (ns, n);
    }

  return ns;
}

static void
assert_strictly_increasing (GArray *ns)
{
  for (guint i = 1; i < ns->len; i++)
    g_assert_cmpint (g_array_index (ns, gint64, i - 1), <, g_array_index (ns, gint64, i));
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_durable (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KioskOutbox) reopened = NULL;
  g_autoptr(KioskOutboxEntry) entry = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answers = make_answers (7);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *key = NULL;
  g_autofree char *url = g_strdup_printf ("%s/participation/answers/even", fixture->base_url);
  g_autoptr(sqlite3) db = NULL;
  sqlite3_stmt *stmt = NULL;
  JsonObject *body;
  gint64 next_due = 0;

  kiosk_outbox_add_async (fixture->outbox, "even", url, answers, NULL, store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  key = kiosk_outbox_add_finish (fixture->outbox, result, &error);
  g_assert_no_error (error);
  WAIT_UNTIL (kiosk_outbox_get_n_pending (fixture->outbox) == 1);

  /* Another connection, as after a restart, finds it. */
  reopened = kiosk_outbox_new (fixture->db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kiosk_outbox_get_n_pending (reopened), ==, 1);
  entry = kiosk_outbox_peek (reopened, 0, &next_due, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->survey_id, ==, "even");
  g_assert_cmpstr (entry->url, ==, url);
  g_assert_cmpstr (entry->key, ==, key);
  g_assert_true (g_uuid_string_is_valid (key));

  /* What is sent: survey, key, kiosk, time to the minute, answers; nothing else. */
  json_parser_load_from_data (parser, entry->body, -1, &error);
  g_assert_no_error (error);
  body = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (body), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (body, "survey"), ==, "even");
  g_assert_cmpstr (json_object_get_string_member (body, "key"), ==, key);
  g_assert_cmpstr (json_object_get_string_member (body, "kiosk"), ==, "test-kiosk");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (body, "submitted"), ":00Z"));
  g_assert_true (json_node_equal (json_object_get_member (body, "answers"), answers));

  /* The file is in WAL mode (persistent in the file itself). */
  g_assert_cmpint (sqlite3_open_v2 (fixture->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);

  /* Bad input is refused with a clear error, not stored. */
  g_assert_null (kiosk_outbox_add (fixture->outbox, "", url, answers, &error));
  g_assert_error (error, KIOSK_OUTBOX_ERROR, KIOSK_OUTBOX_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kiosk_outbox_remove (fixture->outbox, "no-such-key", &error));
  g_assert_error (error, KIOSK_OUTBOX_ERROR, KIOSK_OUTBOX_ERROR_NOT_FOUND);
}

/* A damaged file does not stop the kiosk from taking answers. */
static void
test_corrupt (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *broken = g_build_filename (fixture->dir, "broken", "outbox.sqlite", NULL);
  g_autofree char *dir = g_path_get_dirname (broken);
  g_autofree char *garbage = g_strnfill (8192, 'x');
  g_autoptr(KioskOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autoptr(JsonNode) answers = make_answers (1);
  g_autofree char *key = NULL;
  const char *name;
  gboolean kept = FALSE;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (broken, garbage, -1, &error);
  g_assert_no_error (error);

  g_test_expect_message ("kiosk-sqlite", G_LOG_LEVEL_WARNING,
                         "The survey outbox *moved to*a new one started");
  outbox = kiosk_outbox_new (broken, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  key = kiosk_outbox_add (outbox, "even", "http://127.0.0.1:1/x", answers, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    kept |= g_str_has_prefix (name, "outbox.sqlite.broken-");
  g_assert_true (kept);
}

/* A file of a newer Ankerort may hold answers this one cannot read: it
 * is refused and left as it is, never moved aside. */
static void
test_too_new (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "newer", "outbox.sqlite", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(KioskOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *raw = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA user_version = 7", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  outbox = kiosk_outbox_new (path, &error);
  g_assert_null (outbox);
  g_assert_error (error, KIOSK_SQLITE_ERROR, KIOSK_SQLITE_ERROR_TOO_NEW);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "newer"));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_order (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *a1 = add_answer (fixture, "even", 1);
  g_autofree char *a2 = add_answer (fixture, "even", 2);
  g_autofree char *b1 = add_answer (fixture, "odd", 3);
  g_autoptr(KioskOutboxEntry) entry = NULL;
  g_autoptr(GPtrArray) aside = NULL;
  g_autoptr(GError) error = NULL;
  gint64 next_due = 0;

  entry = kiosk_outbox_peek (fixture->outbox, 100, &next_due, &error);
  g_assert_cmpstr (entry->key, ==, a1);
  g_clear_pointer (&entry, kiosk_outbox_entry_free);

  /* a1 waits for a retry: a2 must not overtake it, b1 (another survey) may go. */
  g_assert_true (kiosk_outbox_defer (fixture->outbox, a1, 500, "HTTP 503", &error));
  entry = kiosk_outbox_peek (fixture->outbox, 100, &next_due, &error);
  g_assert_cmpstr (entry->key, ==, b1);
  g_clear_pointer (&entry, kiosk_outbox_entry_free);
  g_assert_true (kiosk_outbox_remove (fixture->outbox, b1, &error));
  entry = kiosk_outbox_peek (fixture->outbox, 100, &next_due, &error);
  g_assert_null (entry);
  g_assert_cmpint (next_due, ==, 500);
  entry = kiosk_outbox_peek (fixture->outbox, 500, &next_due, &error);
  g_assert_cmpstr (entry->key, ==, a1);
  g_assert_cmpuint (entry->attempts, ==, 1);
  g_assert_cmpstr (entry->last_error, ==, "HTTP 503");
  g_clear_pointer (&entry, kiosk_outbox_entry_free);

  /* Set aside (refused by the city): the next one of the survey goes. */
  g_assert_true (kiosk_outbox_set_aside (fixture->outbox, a1, "HTTP 422", &error));
  entry = kiosk_outbox_peek (fixture->outbox, 0, &next_due, &error);
  g_assert_cmpstr (entry->key, ==, a2);
  aside = kiosk_outbox_list_set_aside (fixture->outbox, &error);
  g_assert_cmpuint (aside->len, ==, 1);
  WAIT_UNTIL (kiosk_outbox_get_n_set_aside (fixture->outbox) == 1 &&
              kiosk_outbox_get_n_pending (fixture->outbox) == 1);

  /* The network came back: everything waiting is due now. */
  g_assert_true (kiosk_outbox_defer (fixture->outbox, a2, 9999, "offline", &error));
  g_assert_true (kiosk_outbox_make_due (fixture->outbox, &error));
  g_clear_pointer (&entry, kiosk_outbox_entry_free);
  entry = kiosk_outbox_peek (fixture->outbox, 0, &next_due, &error);
  g_assert_cmpstr (entry->key, ==, a2);
}

static void
test_backoff (Fixture       *fixture,
              gconstpointer  data)
{
  /* 1 s doubling, capped at 60 s. */
  g_assert_cmpint (kiosk_outbox_sender_get_backoff (fixture->sender, 0), ==, 1 * G_USEC_PER_SEC);
  g_assert_cmpint (kiosk_outbox_sender_get_backoff (fixture->sender, 1), ==, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (kiosk_outbox_sender_get_backoff (fixture->sender, 5), ==, 32 * G_USEC_PER_SEC);
  g_assert_cmpint (kiosk_outbox_sender_get_backoff (fixture->sender, 6), ==, 60 * G_USEC_PER_SEC);
  g_assert_cmpint (kiosk_outbox_sender_get_backoff (fixture->sender, 1000), ==, 60 * G_USEC_PER_SEC);
}

static guint
total_attempts (Fixture *fixture)
{
  g_autoptr(KioskOutboxEntry) entry = NULL;
  gint64 next_due;

  entry = kiosk_outbox_peek (fixture->outbox, G_MAXINT64 - 1, &next_due, NULL);
  return entry != NULL ? entry->attempts : 0;
}

/* Moves the fake clock past every backoff until the outbox is empty. */
static void
advance_until_sent (Fixture *fixture)
{
  gint64 end = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;

  while (count_waiting (fixture) > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      fake_clock_advance (&fixture->clock, 120 * G_USEC_PER_SEC);
      kiosk_outbox_sender_wake (fixture->sender);
      for (guint i = 0; i < 20; i++)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (250);
        }
    }
}

/* The server is down for a while, then comes back. */
static void
test_server_down (Fixture       *fixture,
                  gconstpointer  data)
{
  const guint n = 6;
  g_autoptr(GArray) even = NULL;
  g_autoptr(GArray) odd = NULL;

  soup_server_disconnect (fixture->server);
  for (guint i = 0; i < n; i++)
    g_free (add_answer (fixture, i % 2 ? "odd" : "even", i));

  kiosk_outbox_sender_start (fixture->sender);
  /* Refused connections: the oldest answer backs off 1 s, 2 s, 4 s ... */
  WAIT_UNTIL (total_attempts (fixture) >= 1);
  for (guint round = 0; round < 3; round++)
    {
      guint before = total_attempts (fixture);

      fake_clock_advance (&fixture->clock, 60 * G_USEC_PER_SEC);
      kiosk_outbox_sender_wake (fixture->sender);
      WAIT_UNTIL (total_attempts (fixture) > before);
    }
  g_assert_cmpuint (count_waiting (fixture), ==, n);
  g_assert_cmpuint (kiosk_demo_survey_inbox_get_n_posts (fixture->inbox), ==, 0);

  server_listen (fixture);
  /* A failure still in flight may have been scheduled after the last
   * move of the clock: keep moving it until everything is through. */
  advance_until_sent (fixture);
  g_assert_cmpuint (kiosk_demo_survey_inbox_get_n_answers (fixture->inbox, NULL), ==, n);

  g_assert_cmpuint (kiosk_demo_survey_inbox_get_n_duplicates (fixture->inbox), ==, 0);
  g_assert_cmpuint (kiosk_outbox_sender_get_n_sent (fixture->sender), ==, n);
  even = server_ns (fixture->inbox, "even");
  odd = server_ns (fixture->inbox, "odd");
  g_assert_cmpuint (even->len + odd->len, ==, n);
  assert_strictly_increasing (even);
  assert_strictly_increasing (odd);
  WAIT_UNTIL (kiosk_outbox_get_n_pending (fixture->outbox) == 0);
}

/* The server answers 500 for a while. */
static void
test_server_500 (Fixture       *fixture,
                 gconstpointer  data)
{
  const guint n = 5;
  g_autoptr(GArray) even = NULL;

  kiosk_demo_survey_inbox_set_status (fixture->inbox, 500);
  for (guint i = 0; i < n; i++)
    g_free (add_answer (fixture, "even", i));

  kiosk_outbox_sender_start (fixture->sender);
  WAIT_UNTIL (total_attempts (fixture) >= 1);
  for (guint round = 0; round < 3; round++)
    {
      guint before = total_attempts (fixture);

      /* Only once the failure is recorded may the clock move on. */
      fake_clock_advance (&fixture->clock, 120 * G_USEC_PER_SEC);
      kiosk_outbox_sender_wake (fixture->sender);
      WAIT_UNTIL (total_attempts (fixture) > before);
    }
  /* Retries only ever touched the oldest answer: the order holds. */
  g_assert_cmpuint (count_waiting (fixture), ==, n);
  g_assert_cmpuint (total_attempts (fixture), ==, 4);
  g_assert_cmpuint (kiosk_demo_survey_inbox_get_n_posts (fixture->inbox), ==, 4);

  kiosk_demo_survey_inbox_set_status (fixture->inbox, 0);
  advance_until_sent (fixture);

  even = server_ns (fixture->inbox, "even");
  g_assert_cmpuint (even->len, ==, n);
  assert_strictly_increasing (even);
  g_assert_cmpuint (kiosk_demo_survey_inbox_get_n_duplicates (fixture->inbox), ==, 0);
}

/* The server counts the answer, but its reply never arrives: the kiosk
 * sends it again under the same key and the server counts it once. */
static void
test_lost_response (Fixture       *fixture,
                    gconstpointer  data)
{
  const guint n = 4;
  g_autoptr(GArray) even = NULL;

  kiosk_demo_survey_inbox_lose_responses (fixture->inbox, 2);
  for (guint i = 0; i < n; i++)
    g_free (add_answer (fixture, "even", i));

  kiosk_outbox_sender_start (fixture->sender);
  /* Each lost reply costs one backoff. */
  advance_until_sent (fixture);

  even = server_ns (fixture->inbox, "even");
  g_assert_cmpuint (even->len, ==, n);
  assert_strictly_increasing (even);
  g_assert_cmpuint (kiosk_demo_survey_inbox_get_n_duplicates (fixture->inbox), ==, 2);
  g_assert_cmpuint (kiosk_demo_survey_inbox_get_n_posts (fixture->inbox), ==, n + 2);
}

/* A 4xx is not retried forever: the answer is set aside for staff and the
 * survey's next answer goes. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *bad_url = g_strdup_printf ("%s/participation/answers/nonexistent", fixture->base_url);
  g_autoptr(JsonNode) answers = make_answers (1);
  g_autoptr(GPtrArray) aside = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  KioskOutboxEntry *entry;
  guint posts;

  key = kiosk_outbox_add (fixture->outbox, "nonexistent", bad_url, answers, &error);
  g_assert_no_error (error);
  g_free (add_answer (fixture, "even", 2));

  kiosk_outbox_sender_start (fixture->sender);
  WAIT_UNTIL (count_waiting (fixture) == 0);
  WAIT_UNTIL (kiosk_outbox_get_n_set_aside (fixture->outbox) == 1);

  aside = kiosk_outbox_list_set_aside (fixture->outbox, &error);
  g_assert_cmpuint (aside->len, ==, 1);
  entry = g_ptr_array_index (aside, 0);
  g_assert_cmpstr (entry->key, ==, key);
  g_assert_true (g_str_has_prefix (entry->last_error, "HTTP 404"));
  g_assert_cmpuint (kiosk_demo_survey_inbox_get_n_answers (fixture->inbox, "even"), ==, 1);

  /* Not tried again, however long we wait. */
  posts = kiosk_demo_survey_inbox_get_n_posts (fixture->inbox);
  fake_clock_advance (&fixture->clock, (gint64) 3600 * G_USEC_PER_SEC);
  kiosk_outbox_sender_wake (fixture->sender);
  g_assert_true (kiosk_outbox_make_due (fixture->outbox, &error));
  kiosk_outbox_sender_wake (fixture->sender);
  for (guint i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpuint (kiosk_demo_survey_inbox_get_n_posts (fixture->inbox), ==, posts);
}

/* The files are binary: NUL bytes do not end the search. */
static gboolean
contains (const char *data,
          gsize       length,
          const char *text)
{
  gsize n = strlen (text);

  for (gsize i = 0; i + n <= length; i++)
    {
      if (memcmp (data + i, text, n) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Whether any of the outbox's files (the database, its WAL, its shared
 * memory index) holds @text, byte for byte. */
static gboolean
on_disk (Fixture    *fixture,
         const char *text)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  gboolean found = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (fixture->db_path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      if (contains (contents, length, text))
        {
          g_test_message ("“%s” is in %s", text, path);
          found = TRUE;
        }
    }

  return found;
}

/* A delivered free-text answer leaves no trace in the outbox's files: not
 * in the database, not in the WAL, while the kiosk runs and after. */
static void
test_deleted_for_real (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *secret = g_strdup_printf ("Meine Nachbarin parkt immer falsch %s", uuid);
  g_autofree char *other = g_strdup_printf ("Noch nicht gesendet %s", uuid);
  g_autofree char *url = g_strdup_printf ("%s/participation/answers/even", fixture->base_url);
  g_autofree char *bad_url = g_strdup_printf ("%s/participation/answers/nonexistent", fixture->base_url);
  g_autoptr(JsonNode) answers = make_answers (1);
  g_autoptr(JsonNode) kept = make_answers (2);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *kept_key = NULL;

  json_object_set_string_member (json_node_get_object (answers), "text", secret);
  json_object_set_string_member (json_node_get_object (kept), "text", other);
  key = kiosk_outbox_add (fixture->outbox, "even", url, answers, &error);
  g_assert_no_error (error);
  /* Refused by the city: set aside for staff, so it must stay readable. */
  kept_key = kiosk_outbox_add (fixture->outbox, "nonexistent", bad_url, kept, &error);
  g_assert_no_error (error);

  /* Otherwise this test could not fail. */
  g_assert_true (on_disk (fixture, secret));
  g_assert_true (on_disk (fixture, other));

  /* One failed try first: the retry count is written into the row again. */
  kiosk_demo_survey_inbox_set_status (fixture->inbox, 503);
  kiosk_outbox_sender_start (fixture->sender);
  WAIT_UNTIL (total_attempts (fixture) >= 1);
  kiosk_demo_survey_inbox_set_status (fixture->inbox, 0);
  advance_until_sent (fixture);
  WAIT_UNTIL (kiosk_outbox_get_n_set_aside (fixture->outbox) == 1);
  g_assert_cmpuint (kiosk_demo_survey_inbox_get_n_answers (fixture->inbox, "even"), ==, 1);
  g_assert_cmpuint (kiosk_outbox_sender_get_n_sent (fixture->sender), ==, 1);

  /* The kiosk runs on, with the outbox open. */
  g_assert_false (on_disk (fixture, secret));
  g_assert_true (on_disk (fixture, other));

  /* And after it stops. */
  kiosk_outbox_sender_stop (fixture->sender);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->outbox);
  g_assert_false (on_disk (fixture, secret));
  g_assert_true (on_disk (fixture, other));
}

/* The kiosk is killed with SIGKILL at random moments while it submits and
 * sends; the next start sends what is left. Every answer that reached the
 * thank-you screen is counted once, none twice, each survey in order. */
typedef struct
{
  GString *out;
  gboolean exited;
  int      status;
} Child;

static void
child_exited_cb (GPid     pid,
                 int      status,
                 gpointer user_data)
{
  Child *child = user_data;

  child->exited = TRUE;
  child->status = status;
  g_spawn_close_pid (pid);
}

static gboolean
read_cb (GIOChannel   *channel,
         GIOCondition  condition,
         gpointer      user_data)
{
  Child *child = user_data;
  char buf[4096];
  gsize n = 0;

  switch (g_io_channel_read_chars (channel, buf, sizeof buf, &n, NULL))
    {
    case G_IO_STATUS_NORMAL:
      g_string_append_len (child->out, buf, n);
      return G_SOURCE_CONTINUE;
    case G_IO_STATUS_AGAIN:
      return G_SOURCE_CONTINUE;
    case G_IO_STATUS_ERROR:
    case G_IO_STATUS_EOF:
    default:
      return G_SOURCE_REMOVE;
    }
}

/* "added" lines the writer printed so far. */
static guint
count_added (GString *out)
{
  guint n = g_str_has_prefix (out->str, "added ") ? 1 : 0;

  for (const char *p = out->str; (p = strstr (p, "\nadded ")) != NULL; p++)
    n++;

  return n;
}

static void
test_sigkill (Fixture       *fixture,
              gconstpointer  data)
{
  const guint runs = 30;
  const guint per_run = 12;
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "outbox-writer", NULL);
  g_autoptr(GHashTable) acknowledged = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) all_ns = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) even = NULL;
  g_autoptr(GArray) odd = NULL;
  guint killed = 0;
  guint killed_midway = 0;

  /* The writer opens the database itself; ours must not hold it. */
  g_clear_object (&fixture->outbox);

  for (guint run = 0; run < runs; run++)
    {
      g_autofree char *first = g_strdup_printf ("%u", run * per_run);
      g_autofree char *count = g_strdup_printf ("%u", per_run);
      const char *argv[] = { writer, fixture->db_path, fixture->base_url, first, count, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GIOChannel) channel = NULL;
      g_auto(GStrv) lines = NULL;
      Child child = { g_string_new (NULL), FALSE, 0 };
      guint added = 0;
      GPid pid;
      int out_fd;
      guint kill_after;
      gint64 kill_at, end;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);
      channel = g_io_channel_unix_new (out_fd);
      g_io_channel_set_close_on_unref (channel, TRUE);
      g_io_channel_set_encoding (channel, NULL, NULL);
      g_io_channel_set_flags (channel, G_IO_FLAG_NONBLOCK, NULL);
      g_io_add_watch (channel, G_IO_IN | G_IO_HUP, read_cb, &child);
      g_child_watch_add (pid, child_exited_cb, &child);

      /* Somewhere between start-up, submitting and sending. A moment on
       * the clock alone would land in start-up on a slow machine and after
       * the end on a fast one: most runs wait for a random number of
       * acknowledged answers (all of them: while sending) and die a
       * random moment after; the others die by the clock. */
      kill_after = g_test_rand_int_range (0, per_run + 1);
      kill_at = g_get_monotonic_time () + g_test_rand_int_range (1000, 80000);
      end = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
      while (!child.exited &&
             (kill_after == 0 ? g_get_monotonic_time () < kill_at
                              : count_added (child.out) < kill_after))
        {
          if (g_get_monotonic_time () > end)
            {
              kill (pid, SIGKILL);
              g_error ("Writer run %u is stuck before its answer %u: %s", run, kill_after,
                       child.out->str);
            }
          if (!g_main_context_iteration (NULL, FALSE))
            g_usleep (200);
        }
      if (kill_after > 0)
        g_usleep (g_test_rand_int_range (0, 5000));
      if (!child.exited)
        kill (pid, SIGKILL);
      WAIT_UNTIL (child.exited);
      g_source_remove_by_user_data (&child);
      /* What the writer printed before it died. */
      {
        char buf[4096];
        gsize n = 0;

        while (g_io_channel_read_chars (channel, buf, sizeof buf, &n, NULL) == G_IO_STATUS_NORMAL)
          g_string_append_len (child.out, buf, n);
      }

      lines = g_strsplit (child.out->str, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          gint64 *n;

          if (!g_str_has_prefix (lines[i], "added "))
            continue;
          n = g_new (gint64, 1);
          *n = g_ascii_strtoll (lines[i] + 6, NULL, 10);
          g_hash_table_add (acknowledged, n);
          added++;
        }

      /* Killed is what the exit status says: a writer that had already
       * ended when the signal came was not. One that was not killed must
       * have finished its work. */
      if (WIFSIGNALED (child.status) && WTERMSIG (child.status) == SIGKILL)
        {
          killed++;
          if (added > 0 && added < per_run)
            killed_midway++;
        }
      else
        {
          g_spawn_check_wait_status (child.status, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (added, ==, per_run);
          g_assert_nonnull (strstr (child.out->str, "\ndone\n"));
        }
      g_string_free (child.out, TRUE);
    }
  g_test_message ("%u of %u runs killed (%u while submitting), %u answers acknowledged, "
                  "%u POSTs, %u duplicates",
                  killed, runs, killed_midway, g_hash_table_size (acknowledged),
                  kiosk_demo_survey_inbox_get_n_posts (fixture->inbox),
                  kiosk_demo_survey_inbox_get_n_duplicates (fixture->inbox));
  /* Without kills this test proves nothing. */
  g_assert_cmpuint (killed, >=, 1);
  g_assert_cmpuint (killed_midway, >=, 1);

  /* The next start of the kiosk sends whatever is left. */
  fixture->outbox = kiosk_outbox_new (fixture->db_path, NULL);
  g_assert_nonnull (fixture->outbox);
  g_clear_object (&fixture->sender);
  fixture->sender = kiosk_outbox_sender_new (fixture->outbox, fixture->fetcher);
  kiosk_outbox_sender_set_backoff (fixture->sender, 10, 100);
  kiosk_outbox_sender_start (fixture->sender);
  WAIT_UNTIL (count_waiting (fixture) == 0);
  g_assert_cmpuint (kiosk_outbox_get_n_set_aside (fixture->outbox), ==, 0);

  even = server_ns (fixture->inbox, "even");
  odd = server_ns (fixture->inbox, "odd");
  assert_strictly_increasing (even);
  assert_strictly_increasing (odd);
  g_array_append_vals (all_ns, even->data, even->len);
  g_array_append_vals (all_ns, odd->data, odd->len);

  /* None doubled. */
  for (guint i = 0; i < all_ns->len; i++)
    {
      gint64 *n = &g_array_index (all_ns, gint64, i);

      g_assert_false (g_hash_table_contains (seen, n));
      g_hash_table_add (seen, n);
      g_assert_cmpint (*n, >=, 0);
      g_assert_cmpint (*n, <, runs * per_run);
    }

  /* None lost: everything acknowledged was counted. (An answer written in
   * the instant before a kill, but not yet acknowledged, may be counted too:
   * it was durable.) */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, acknowledged);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        if (!g_hash_table_contains (seen, key))
          g_error ("Answer %" G_GINT64_FORMAT " was acknowledged but never counted",
                   *(gint64 *) key);
      }
  }
  g_assert_cmpuint (all_ns->len, >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  /* The desktop's proxy settings have no schema in the test environment,
   * and loopback needs no proxy. Inherited by the writer processes. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/outbox/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("durable", test_durable);
  ADD ("corrupt", test_corrupt);
  ADD ("too-new", test_too_new);
  ADD ("order", test_order);
  ADD ("backoff", test_backoff);
  ADD ("delivery/server-down", test_server_down);
  ADD ("delivery/server-500", test_server_500);
  ADD ("delivery/lost-response", test_lost_response);
  ADD ("delivery/refused", test_refused);
  ADD ("delivery/deleted-for-real", test_deleted_for_real);
  ADD ("delivery/sigkill", test_sigkill);
#undef ADD

  return g_test_run ();
}
