/* test-status.c: the status document: contents, atomic writes, no personal data */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sys/stat.h>

#include "kiosk-outbox.h"
#include "kiosk-source-list.h"
#include "kiosk-status.h"
#include "log-capture.h"

static const char places_json[] =
  "{\"type\": \"FeatureCollection\", \"features\": ["
  "{\"type\": \"Feature\", \"id\": \"a\", \"geometry\": {\"type\": \"Point\", "
  "\"coordinates\": [12.37, 51.34]}, \"properties\": {\"name\": \"Rathaus\"}},"
  "{\"type\": \"Feature\", \"id\": \"b\", \"geometry\": {\"type\": \"Point\", "
  "\"coordinates\": [12.38, 51.33]}, \"properties\": {\"name\": \"Bibliothek\"}}]}";

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  if (g_str_equal (path, "/places.geojson"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/geo+json", SOUP_MEMORY_STATIC,
                                        places_json, strlen (places_json));
    }
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
    }
}

static char *
server_url (SoupServer *server,
            const char *path)
{
  GSList *uris = soup_server_get_uris (server);
  g_autofree char *base = g_uri_to_string (uris->data);

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  /* A token in the query: the document must not carry it. */
  return g_strdup_printf ("%s%s?token=SECRET-TOKEN-42", base, path + 1);
}

static void
count_cb (KioskStatus *status,
          guint       *count)
{
  (*count)++;
}

/* Runs the main loop until the status was written @n more times. */
static void
wait_changed (KioskStatus *status,
              guint        n)
{
  guint count = 0;
  gulong id = g_signal_connect (status, "changed", G_CALLBACK (count_cb), &count);

  while (count < n)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (status, id);
}

static JsonObject *
read_document (const char *path,
               char      **text_out)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  if (text_out != NULL)
    *text_out = g_steal_pointer (&text);

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
find_source (JsonObject *document,
             const char *id)
{
  JsonArray *sources = json_object_get_array_member (document, "sources");

  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      JsonObject *source = json_array_get_object_element (sources, i);

      if (g_str_equal (json_object_get_string_member (source, "id"), id))
        return source;
    }
  g_assert_not_reached ();
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  guint *left = user_data;

  kiosk_source_refresh_finish (KIOSK_SOURCE (object), result, NULL);
  (*left)--;
}

static void
test_source_refresh (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(KioskFetcher) fetcher = kiosk_fetcher_new ();
  g_autoptr(KioskSourceList) list = kiosk_source_list_new ();
  g_autoptr(KioskSourceConfig) good_config = NULL;
  g_autoptr(KioskSourceConfig) bad_config = NULL;
  g_autoptr(KioskSource) good = NULL;
  g_autoptr(KioskSource) bad = NULL;
  g_autoptr(KioskStatus) status = NULL;
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kiosk_status_get_default_path ();
  g_autofree char *good_url = NULL;
  g_autofree char *bad_url = NULL;
  g_autofree char *text = NULL;
  JsonObject *source;
  guint left = 2;

  soup_server_add_handler (server, NULL, server_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  good_url = server_url (server, "/places.geojson");
  bad_url = server_url (server, "/down.geojson");
  good_config = kiosk_source_config_new ("places", "geojson", good_url);
  bad_config = kiosk_source_config_new ("toilets", "geojson", bad_url);
  good = kiosk_source_new_full (good_config, fetcher, NULL, NULL);
  bad = kiosk_source_new_full (bad_config, fetcher, NULL, NULL);

  g_assert_true (g_str_has_suffix (path, "/ankerort/status.json"));
  g_assert_true (g_str_has_prefix (path, g_get_user_state_dir ()));
  status = kiosk_status_new (path);
  kiosk_status_set_kiosk_id (status, "rathaus-1");
  kiosk_source_list_add (list, good);
  kiosk_status_watch_sources (status, list);
  kiosk_source_list_add (list, bad);   /* added later: followed too */
  wait_changed (status, 1);

  document = read_document (path, NULL);
  g_assert_cmpstr (json_object_get_string_member (document, "version"), ==, PACKAGE_VERSION);
  g_assert_cmpstr (json_object_get_string_member (document, "kiosk_id"), ==, "rathaus-1");
  g_assert_cmpint (json_object_get_int_member (document, "uptime"), >=, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (document, "sources")),
                    ==, 2);
  source = find_source (document, "places");
  g_assert_true (json_object_get_null_member (source, "last_success"));
  g_assert_cmpint (json_object_get_int_member (source, "items"), ==, 0);
  g_clear_pointer (&document, json_object_unref);

  kiosk_source_refresh_async (good, NULL, refreshed_cb, &left);
  kiosk_source_refresh_async (bad, NULL, refreshed_cb, &left);
  while (left > 0)
    g_main_context_iteration (NULL, TRUE);
  wait_changed (status, 1);

  document = read_document (path, &text);
  source = find_source (document, "places");
  g_assert_cmpstr (json_object_get_string_member (source, "kind"), ==, "geojson");
  g_assert_true (json_object_get_boolean_member (source, "ok"));
  g_assert_cmpint (json_object_get_int_member (source, "items"), ==, 2);
  g_assert_nonnull (json_object_get_string_member (source, "last_success"));
  g_assert_true (json_object_get_null_member (source, "last_error"));
  g_assert_cmpint (json_object_get_int_member (source, "cache_age"), >=, 0);
  g_assert_cmpint (json_object_get_int_member (source, "cache_age"), <, 60);

  source = find_source (document, "toilets");
  g_assert_false (json_object_get_boolean_member (source, "ok"));
  g_assert_cmpint (json_object_get_int_member (source, "items"), ==, 0);
  g_assert_true (json_object_get_null_member (source, "last_success"));
  g_assert_true (json_object_get_null_member (source, "cache_age"));
  g_assert_nonnull (strstr (json_object_get_string_member (source, "last_error"), "503"));

  /* Logged for journalctl: a fixed id per event, the source's name. */
  g_assert_true (was_logged (KIOSK_LOG_SOURCE_REFRESHED, "places Refreshed “places”: 2 items"));
  g_assert_true (was_logged (KIOSK_LOG_SOURCE_FAILED, "toilets Refreshing “toilets” failed: *503*"));
  g_assert_false (was_logged (KIOSK_LOG_SOURCE_FAILED, "places *"));

  /* Nothing of the sources' addresses, nor their tokens. */
  g_assert_null (strstr (text, "SECRET-TOKEN-42"));
  g_assert_null (strstr (text, "127.0.0.1"));

  /* A source taken out leaves the document. */
  kiosk_source_list_remove (list, bad);
  wait_changed (status, 1);
  g_clear_pointer (&document, json_object_unref);
  document = read_document (path, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (document, "sources")),
                    ==, 1);
}

static void
test_outbox (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "outbox-test", NULL);
  g_autofree char *outbox_path = g_build_filename (dir, "outbox.sqlite", NULL);
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "status-outbox.json", NULL);
  g_autoptr(KioskOutbox) outbox = NULL;
  g_autoptr(KioskStatus) status = NULL;
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(JsonNode) answers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;
  JsonObject *counts;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  outbox = kiosk_outbox_new (outbox_path, &error);
  g_assert_no_error (error);
  status = kiosk_status_new (path);
  kiosk_status_watch_outbox (status, outbox);
  wait_changed (status, 1);
  document = read_document (path, NULL);
  counts = json_object_get_object_member (document, "outbox");
  g_assert_cmpint (json_object_get_int_member (counts, "waiting"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "set_aside"), ==, 0);
  g_clear_pointer (&document, json_object_unref);

  answers = json_from_string ("{\"comment\": \"Erika Mustermann, Hauptstraße 5\"}", &error);
  g_assert_no_error (error);
  key = kiosk_outbox_add (outbox, "bench-survey", "http://127.0.0.1:9/answers", answers, &error);
  g_assert_no_error (error);
  wait_changed (status, 1);
  document = read_document (path, &text);
  counts = json_object_get_object_member (document, "outbox");
  g_assert_cmpint (json_object_get_int_member (counts, "waiting"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "set_aside"), ==, 0);
  /* Counts only: no answer, no key, no survey, no address. */
  g_assert_null (strstr (text, "Mustermann"));
  g_assert_null (strstr (text, key));
  g_assert_null (strstr (text, "bench-survey"));
  g_assert_null (strstr (text, "127.0.0.1"));
  g_clear_pointer (&document, json_object_unref);

  g_assert_true (kiosk_outbox_set_aside (outbox, key, "HTTP 422 Unprocessable", &error));
  g_assert_no_error (error);
  wait_changed (status, 1);
  document = read_document (path, NULL);
  counts = json_object_get_object_member (document, "outbox");
  g_assert_cmpint (json_object_get_int_member (counts, "waiting"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "set_aside"), ==, 1);
}

static void
test_atomic_write (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "deep", "er", "status.json",
                                            NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(KioskStatus) status = kiosk_status_new (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GMappedFile) old = NULL;
  struct stat before, after;

  /* The folder is made when missing. */
  g_assert_true (kiosk_status_write (status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &before), ==, 0);
  old = g_mapped_file_new (path, FALSE, &error);
  g_assert_no_error (error);
  old_text = g_strndup (g_mapped_file_get_contents (old), g_mapped_file_get_length (old));

  kiosk_status_set_kiosk_id (status, "a-much-longer-identifier-than-before-to-change-the-size");
  g_assert_true (kiosk_status_write (status, &error));
  g_assert_no_error (error);

  /* A new file took the old one's name: whoever had the old one open
   * still reads all of it, unchanged, and the new one is whole. */
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, !=, after.st_ino);
  g_assert_cmpmem (g_mapped_file_get_contents (old), g_mapped_file_get_length (old),
                   old_text, strlen (old_text));
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_nonnull (strstr (text, "a-much-longer-identifier"));
  g_assert_null (strstr (old_text, "a-much-longer-identifier"));

  /* No temporary file is left beside it. */
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "status.json");
  g_assert_null (g_dir_read_name (listing));
}

static void
test_write_error (void)
{
  g_autofree char *blocker = g_build_filename (g_get_user_state_dir (), "not-a-folder", NULL);
  g_autofree char *path = g_build_filename (blocker, "status.json", NULL);
  g_autoptr(KioskStatus) status = kiosk_status_new (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_state_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  g_assert_false (kiosk_status_write (status, &error));
  g_assert_error (error, KIOSK_STATUS_ERROR, KIOSK_STATUS_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, blocker));
}

static void
test_sections_and_coalescing (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "status-sections.json", NULL);
  g_autoptr(KioskStatus) status = kiosk_status_new (path);
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(JsonNode) opening = json_from_string ("{\"open\": false, \"next\": \"08:00\"}", NULL);
  g_autoptr(GTimer) timer = g_timer_new ();
  guint count = 0;
  gulong id;

  kiosk_status_queue_update (status);
  wait_changed (status, 1);
  id = g_signal_connect (status, "changed", G_CALLBACK (count_cb), &count);

  /* A burst of changes: written once at once, then once more a second later. */
  g_timer_start (timer);
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(JsonNode) media = json_node_init_int (json_node_alloc (), i);

      kiosk_status_set_section (status, "media", media);
    }
  kiosk_status_set_section (status, "opening", opening);
  while (count < 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), >=, 0.9);
  while (g_timer_elapsed (timer, NULL) < 2.5)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (count, ==, 1);
  g_signal_handler_disconnect (status, id);

  document = read_document (path, NULL);
  g_assert_cmpint (json_object_get_int_member (document, "media"), ==, 49);
  g_assert_false (json_object_get_boolean_member (
    json_object_get_object_member (document, "opening"), "open"));
  g_clear_pointer (&document, json_object_unref);

  /* The same value again is no change; NULL takes a section away. */
  kiosk_status_set_section (status, "opening", opening);
  kiosk_status_set_section (status, "media", NULL);
  wait_changed (status, 1);
  document = read_document (path, NULL);
  g_assert_false (json_object_has_member (document, "media"));
  g_assert_true (json_object_has_member (document, "opening"));
  g_assert_true (json_object_has_member (document, "sources"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  log_capture_start ();

  g_test_add_func ("/status/source-refresh", test_source_refresh);
  g_test_add_func ("/status/outbox", test_outbox);
  g_test_add_func ("/status/atomic-write", test_atomic_write);
  g_test_add_func ("/status/write-error", test_write_error);
  g_test_add_func ("/status/sections-and-coalescing", test_sections_and_coalescing);

  return g_test_run ();
}
