/* test-status.c: the status document: contents, atomic writes, no personal data */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sys/stat.h>

#include "cap-test-util.h"
#include "kiosk-outbox.h"
#include "kiosk-services.h"
#include "kiosk-source-list.h"
#include "kiosk-status.h"
#include "kiosk-status-sections.h"
#include "kiosk-test-media.h"
#include "log-capture.h"
#include "opening-test-util.h"

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

static JsonObject *
section (KioskStatus *status,
         const char  *name)
{
  g_autoptr(JsonNode) document = kiosk_status_build (status);
  JsonObject *object = json_node_get_object (document);

  g_assert_true (json_object_has_member (object, name));
  return json_object_ref (json_object_get_object_member (object, name));
}

/* The day: open or closed, when that changes, the display held on. */
static void
test_section_opening (void)
{
  g_autoptr(KioskConfig) config = kiosk_config_new_default ();
  GSettings *settings = kiosk_config_get_settings (config);
  g_autoptr(KioskFetcher) fetcher = kiosk_fetcher_new ();
  g_autoptr(KioskSourceList) list = kiosk_source_list_new ();
  g_autoptr(KioskServices) services = kiosk_services_new (fetcher, list, NULL);
  g_autoptr(KioskStatus) status = kiosk_status_new (NULL);
  g_autoptr(KioskStatusSections) sections = kiosk_status_sections_new (status);
  g_autoptr(KioskOpeningState) opening = NULL;
  g_autoptr(JsonObject) part = NULL;
  g_autofree char *closed = opening_test_tomorrow_only ();
  g_autoptr(GDateTime) next = NULL;

  g_settings_set_string (settings, "time-zone", "Europe/Berlin");
  g_settings_set_string (settings, "opening-hours", closed);
  opening = kiosk_opening_state_new (config, services);
  kiosk_status_sections_watch_opening (sections, opening);

  part = section (status, "opening");
  g_assert_false (json_object_get_boolean_member (part, "open"));
  g_assert_false (json_object_get_boolean_member (part, "display_on"));
  g_assert_false (json_object_get_boolean_member (part, "display_held"));
  next = g_date_time_new_from_iso8601 (json_object_get_string_member (part, "next_change"), NULL);
  g_assert_nonnull (next);
  g_assert_true (g_date_time_equal (next, kiosk_opening_state_get_next_change (opening)));
  g_clear_pointer (&part, json_object_unref);

  /* A warning holds the display on while closed. */
  kiosk_opening_state_hold_display (opening, TRUE);
  part = section (status, "opening");
  g_assert_false (json_object_get_boolean_member (part, "open"));
  g_assert_true (json_object_get_boolean_member (part, "display_on"));
  g_assert_true (json_object_get_boolean_member (part, "display_held"));
  g_clear_pointer (&part, json_object_unref);

  /* Held while open too: the document says so although the display was on. */
  g_settings_set_string (settings, "opening-hours", "24/7");
  part = section (status, "opening");
  g_assert_true (json_object_get_boolean_member (part, "open"));
  g_assert_true (json_object_get_null_member (part, "next_change"));
  g_clear_pointer (&part, json_object_unref);
  kiosk_opening_state_hold_display (opening, FALSE);
  part = section (status, "opening");
  g_assert_true (json_object_get_boolean_member (part, "display_on"));
  g_assert_false (json_object_get_boolean_member (part, "display_held"));
  g_clear_pointer (&part, json_object_unref);

  g_settings_reset (settings, "opening-hours");
  g_settings_reset (settings, "time-zone");
}

/* The attract loop's files: how many play, which were left out and why. */
static void
test_section_media (void)
{
  g_autofree char *dir = g_dir_make_tmp ("status-media-XXXXXX", NULL);
  g_autofree char *poster = g_build_filename (dir, "poster.png", NULL);
  g_autofree char *text = g_build_filename (dir, "text.mp4", NULL);
  g_autoptr(KioskStatus) status = kiosk_status_new (NULL);
  g_autoptr(KioskStatusSections) sections = kiosk_status_sections_new (status);
  g_autoptr(KioskMediaPlaylist) media = NULL;
  g_autoptr(JsonObject) part = NULL;
  JsonArray *problems;

  kiosk_test_media_make_picture (poster, 640, 360, 0x1c5d99);
  media = kiosk_media_playlist_new (dir);
  kiosk_status_sections_watch_media (sections, media);
  part = section (status, "media");
  g_assert_true (json_object_get_boolean_member (part, "loading"));
  g_clear_pointer (&part, json_object_unref);
  while (kiosk_media_playlist_get_loading (media))
    g_main_context_iteration (NULL, TRUE);

  part = section (status, "media");
  g_assert_false (json_object_get_boolean_member (part, "loading"));
  g_assert_cmpint (json_object_get_int_member (part, "items"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (part, "problems")), ==, 0);
  g_clear_pointer (&part, json_object_unref);

  /* A "video" that is text: skipped, named with its problem. */
  kiosk_test_media_make_text (text);
  kiosk_media_playlist_reload (media);
  while (kiosk_media_playlist_get_loading (media))
    g_main_context_iteration (NULL, TRUE);
  part = section (status, "media");
  g_assert_cmpint (json_object_get_int_member (part, "items"), ==, 1);
  problems = json_object_get_array_member (part, "problems");
  g_assert_cmpuint (json_array_get_length (problems), ==, 1);
  g_assert_nonnull (strstr (json_array_get_string_element (problems, 0), "text.mp4: "));
  g_assert_nonnull (strstr (json_array_get_string_element (problems, 0), "skipped"));
  g_clear_pointer (&part, json_object_unref);

  g_clear_object (&media);
  kiosk_test_media_remove_dir (dir);
}

/* Warnings in force, and each change of state, the latest first. */
static void
test_section_alerts (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "status-alerts.json", NULL);
  g_autoptr(KioskFetcher) fetcher = kiosk_fetcher_new ();
  g_autoptr(KioskSourceList) list = kiosk_source_list_new ();
  g_autoptr(KioskServices) services = kiosk_services_new (fetcher, list, NULL);
  g_autoptr(KioskStatus) status = kiosk_status_new (path);
  g_autoptr(KioskStatusSections) sections = kiosk_status_sections_new (status);
  g_autoptr(KioskSource) flood = NULL;
  g_autoptr(KioskSource) cancel = NULL;
  KioskAlerts *alerts = KIOSK_ALERTS (kiosk_services_get_alerts (services));
  g_autoptr(JsonObject) part = NULL;
  g_autoptr(JsonObject) document = NULL;
  JsonObject *item;

  kiosk_alerts_set_position (alerts, TRUE, 51.34, 12.37);
  kiosk_status_sections_watch_alerts (sections, alerts);
  part = section (status, "alerts");
  g_assert_false (json_object_get_boolean_member (part, "takeover"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (part, "active")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (part, "changes")), ==, 0);
  g_clear_pointer (&part, json_object_unref);

  flood = cap_test_source_new (fetcher, list, "warnings", "flood-polygon.xml");
  part = section (status, "alerts");
  g_assert_true (json_object_get_boolean_member (part, "takeover"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (part, "active")), ==, 1);
  item = json_array_get_object_element (json_object_get_array_member (part, "active"), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "identifier"), ==, "MD-2026-0042");
  g_assert_cmpstr (json_object_get_string_member (item, "event"), ==, "Hochwasser");
  g_assert_cmpstr (json_object_get_string_member (item, "severity"), ==, "Severe");
  g_assert_true (json_object_get_boolean_member (item, "takes_over"));
  item = json_array_get_object_element (json_object_get_array_member (part, "changes"), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "state"), ==, "raised");
  g_assert_cmpstr (json_object_get_string_member (item, "identifier"), ==, "MD-2026-0042");
  g_assert_nonnull (json_object_get_string_member (item, "at"));
  g_clear_pointer (&part, json_object_unref);

  /* Cancelled: gone from "active", the latest change says so, in the file. */
  cancel = cap_test_source_new (fetcher, list, "withdrawals", "flood-cancel.xml");
  wait_changed (status, 1);
  document = read_document (path, NULL);
  part = json_object_ref (json_object_get_object_member (document, "alerts"));
  g_assert_false (json_object_get_boolean_member (part, "takeover"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (part, "active")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (part, "changes")), ==, 2);
  item = json_array_get_object_element (json_object_get_array_member (part, "changes"), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "state"), ==, "cancelled");
  g_assert_cmpstr (json_object_get_string_member (item, "identifier"), ==, "MD-2026-0042");
  g_assert_cmpstr (json_object_get_string_member (item, "event"), ==, "Hochwasser");
}

static void
config_server_cb (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  const char *body = *(const char **) user_data;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, body, strlen (body));
}

static gboolean
config_result_is (KioskStatus *status,
                  const char  *result)
{
  g_autoptr(JsonObject) part = section (status, "config_url");

  return g_str_equal (json_object_get_string_member (part, "result"), result);
}

/* The config URL's last result, and why a file was refused. */
static void
test_section_config_url (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(KioskConfig) config = kiosk_config_new_default ();
  GSettings *settings = kiosk_config_get_settings (config);
  g_autoptr(KioskFetcher) fetcher = kiosk_fetcher_new ();
  g_autoptr(KioskStatus) status = kiosk_status_new (NULL);
  g_autoptr(KioskStatusSections) sections = kiosk_status_sections_new (status);
  g_autoptr(KioskConfigSync) sync = NULL;
  g_autoptr(JsonObject) part = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = g_build_filename (g_get_user_state_dir (), "status-fleet", NULL);
  g_autofree char *url = NULL;
  const char *body = "[Kiosk]\nplace-name=Rathaus\n";

  soup_server_add_handler (server, NULL, config_server_cb, &body, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  url = server_url (server, "/fleet.conf");
  g_settings_set_string (settings, "config-url", url);
  sync = kiosk_config_sync_new (config, fetcher, state);
  kiosk_status_sections_watch_config_sync (sections, sync);
  part = section (status, "config_url");
  g_assert_cmpstr (json_object_get_string_member (part, "result"), ==, "none");
  g_assert_true (json_object_get_null_member (part, "last_applied"));
  g_clear_pointer (&part, json_object_unref);

  kiosk_config_sync_start (sync);
  WAIT_UNTIL (config_result_is (status, "applied"));
  part = section (status, "config_url");
  g_assert_cmpstr (json_object_get_string_member (part, "result"), ==, "applied");
  g_assert_true (json_object_get_null_member (part, "error"));
  g_assert_nonnull (json_object_get_string_member (part, "last_applied"));
  g_assert_cmpint (json_object_get_int_member (part, "fetches"), ==, 1);
  g_clear_pointer (&part, json_object_unref);

  /* A command in an unsigned file: refused, with the reason, no token. */
  body = "[Kiosk]\nplace-name=Halb\ndisplay-off-command=xset dpms force off\n";
  kiosk_config_sync_refresh (sync);
  WAIT_UNTIL (config_result_is (status, "refused"));
  part = section (status, "config_url");
  g_assert_cmpstr (json_object_get_string_member (part, "result"), ==, "refused");
  g_assert_nonnull (strstr (json_object_get_string_member (part, "error"), "display-off-command"));
  g_assert_null (strstr (json_object_get_string_member (part, "error"), "SECRET-TOKEN-42"));
  g_assert_cmpint (json_object_get_int_member (part, "fetches"), ==, 2);
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Rathaus");

  kiosk_config_sync_stop (sync);
  g_settings_reset (settings, "config-url");
  g_settings_reset (settings, "place-name");
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
  g_test_add_func ("/status/section/opening", test_section_opening);
  g_test_add_func ("/status/section/media", test_section_media);
  g_test_add_func ("/status/section/alerts", test_section_alerts);
  g_test_add_func ("/status/section/config-url", test_section_config_url);

  return g_test_run ();
}
