/* test-check.c: the built `ankerort check` against files and the demo server */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kiosk-demo-server.h"
#include "kiosk-test-media.h"

static const char good[] =
  "{\"type\": \"FeatureCollection\", \"features\": ["
  "{\"type\": \"Feature\", \"id\": 7, \"geometry\": {\"type\": \"Point\", "
  "\"coordinates\": [12.3748, 51.3406, 110.0]}, \"properties\": {\"name\": \"Rathaus\", "
  "\"category\": \"townhall\", \"description\": \"Sitz des Stadtrats\"}},"
  "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": []},"
  " \"properties\": {\"name\": \"Park\"}}]}";

typedef struct
{
  int    status;
  char  *out;
  char  *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_check (Run        *run,
           const char *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, g_test_build_filename (G_TEST_BUILT, "..", "src", "ankerort", NULL));
  g_ptr_array_add (argv, g_strdup ("check"));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
write_file (const char *name,
            const char *contents)
{
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* stderr is exactly one line "ankerort: SOURCE: ..." */
static void
assert_error_line (const Run  *run,
                   const char *source,
                   const char *part)
{
  g_autofree char *prefix = g_strdup_printf ("ankerort: %s: ", source);

  g_assert_true (g_str_has_prefix (run->err, prefix));
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
  g_assert_nonnull (strstr (run->err, part));
}

static void
test_good_file (void)
{
  g_autofree char *path = write_file ("good.geojson", good);
  g_autoptr(JsonObject) root = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *item;
  JsonArray *items;

  run_check (&run, "geojson", path, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  root = parse_object (run.out);
  g_assert_cmpstr (json_object_get_string_member (root, "kind"), ==, "geojson");
  g_assert_cmpstr (json_object_get_string_member (root, "source"), ==, path);
  g_assert_nonnull (g_date_time_new_from_iso8601 (json_object_get_string_member (root, "fetched_at"),
                                                  NULL));
  items = json_object_get_array_member (root, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  item = json_array_get_object_element (items, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "id"), ==, "7");
  g_assert_cmpstr (json_object_get_string_member (item, "name"), ==, "Rathaus");
  g_assert_cmpstr (json_object_get_string_member (item, "category"), ==, "townhall");
  g_assert_cmpstr (json_object_get_string_member (item, "description"), ==, "Sitz des Stadtrats");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (item, "lat"), 51.3406, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (item, "lon"), 12.3748, 1e-9);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "warnings")), ==, 1);
}

/* Valid JSON whose members have the wrong types: the check reports, the
 * process does not die of a signal (run_check asserts a normal exit). */
static void
test_wrong_types (void)
{
  const struct { const char *kind, *fixture; guint n_items; } cases[] = {
    { "sensorthings", "wrong-types-sensorthings.json", 2 },
    { "ngsi-v2", "wrong-types-ngsi.json", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "sensors",
                                                     cases[i].fixture, NULL);
      g_autoptr(JsonObject) root = NULL;
      g_auto(Run) run = { 0 };

      run_check (&run, cases[i].kind, path, "--json", NULL);
      g_assert_cmpint (run.status, ==, 0);
      root = parse_object (run.out);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "items")), >=,
                        cases[i].n_items);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "warnings")), >, 0);
    }

  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "sensors",
                                                   "wrong-types-sensorthings.json", NULL);
    g_auto(Run) run = { 0 };

    run_check (&run, "sensorthings", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "“encodingType” is a number, not a string"));
  }
}

static void
test_text (void)
{
  g_autofree char *path = write_file ("text.geojson", good);
  g_auto(Run) run = { 0 };

  run_check (&run, "geojson", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "1 item from"));
  g_assert_nonnull (strstr (run.out, "Rathaus (townhall)"));
  g_assert_nonnull (strstr (run.out, "warning: $.features[1].geometry.type"));
}

static void
test_bad_files (void)
{
  struct {
    const char *contents;
    const char *part;
  } cases[] = {
    { "{\"type\": \"FeatureCollection\", \"features\": [\n{\"type\": }]}", "line 2" },
    { "{\"type\": \"Feature\", \"geometry\": null}", "$.type" },
    { "[1, 2, 3]", "$: an array" },
    { "{\"type\": \"FeatureCollection\"}", "$.features" },
    { "", "empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_file ("bad.geojson", cases[i].contents);
      g_autoptr(JsonObject) root = NULL;
      g_auto(Run) run = { 0 };
      JsonObject *error;

      run_check (&run, "geojson", path, "--json", NULL);
      g_assert_cmpint (run.status, ==, 1);
      assert_error_line (&run, path, cases[i].part);
      root = parse_object (run.out);
      error = json_object_get_object_member (root, "error");
      g_assert_cmpstr (json_object_get_string_member (error, "domain"), ==,
                       "kiosk-format-error-quark");
      g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), cases[i].part));
    }
}

static void
test_missing_file (void)
{
  g_auto(Run) run = { 0 };

  run_check (&run, "geojson", "/nonexistent/places.geojson", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_error_line (&run, "/nonexistent/places.geojson", "No such file");
  g_assert_cmpstr (run.out, ==, "");
}

static void
test_usage (void)
{
  g_auto(Run) unknown = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) bad_option = { 0 };
  g_auto(Run) bad_from = { 0 };
  g_auto(Run) bad_header = { 0 };
  g_auto(Run) bad_tz = { 0 };

  run_check (&unknown, "gpx", "x.gpx", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "unknown kind “gpx”"));
  g_assert_nonnull (strstr (unknown.err, "geojson"));

  run_check (&missing, "geojson", NULL);
  g_assert_cmpint (missing.status, ==, 2);

  run_check (&bad_option, "geojson", "x", "--frobnicate", NULL);
  g_assert_cmpint (bad_option.status, ==, 2);

  run_check (&bad_from, "geojson", "x", "--from", "yesterday", NULL);
  g_assert_cmpint (bad_from.status, ==, 2);

  run_check (&bad_header, "geojson", "x", "--header", "no colon", NULL);
  g_assert_cmpint (bad_header.status, ==, 2);

  run_check (&bad_tz, "geojson", "x", "--tz", "Mars/Olympus", NULL);
  g_assert_cmpint (bad_tz.status, ==, 2);
}

typedef struct
{
  KioskDemoServer *server;
  char            *url;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) body = g_bytes_new_static (good, strlen (good));

  fixture->server = kiosk_demo_server_new ();
  kiosk_demo_server_set_body (fixture->server, "/places", body, "application/geo+json");
  g_assert_true (kiosk_demo_server_start (fixture->server, NULL));
  fixture->url = kiosk_demo_server_get_url (fixture->server, "/places");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->url, g_free);
}

static void
header_check_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                  "X-Api-Key");

  if (g_strcmp0 (key, "s3cret") != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/geo+json", SOUP_MEMORY_STATIC,
                                    good, strlen (good));
}

static void
test_url (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *secured = kiosk_demo_server_get_url (fixture->server, "/secured");
  g_autoptr(JsonObject) root = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) denied = { 0 };
  g_auto(Run) allowed = { 0 };

  run_check (&run, "geojson", fixture->url, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (run.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "items")), ==, 1);

  kiosk_demo_server_add_handler (fixture->server, "/secured", header_check_cb, NULL, NULL);
  run_check (&denied, "geojson", secured, NULL);
  g_assert_cmpint (denied.status, ==, 1);
  assert_error_line (&denied, secured, "HTTP 401 Unauthorized");

  run_check (&allowed, "geojson", secured, "--header", "X-Api-Key: s3cret", NULL);
  g_assert_cmpint (allowed.status, ==, 0);
}

/* A password in SOURCE or a key in a --header never shows. */
static void
test_secrets_not_shown (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("http://user:secret@%s", fixture->url + strlen ("http://"));
  g_autofree char *shown = g_strdup_printf ("http://user:***@%s", fixture->url + strlen ("http://"));
  g_auto(Run) run = { 0 };
  g_auto(Run) bad_header = { 0 };

  kiosk_demo_server_set_fault (fixture->server, "/places", KIOSK_DEMO_FAULT_STATUS, 404);
  run_check (&run, "geojson", url, "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_error_line (&run, shown, "HTTP 404 Not Found");
  g_assert_null (strstr (run.err, "secret"));
  g_assert_null (strstr (run.out, "secret"));

  run_check (&bad_header, "geojson", fixture->url, "--header", "Authorization Bearer secret", NULL);
  g_assert_cmpint (bad_header.status, ==, 2);
  g_assert_nonnull (strstr (bad_header.err, "--header 1"));
  g_assert_null (strstr (bad_header.err, "secret"));
}

static void
test_url_faults (Fixture       *fixture,
                 gconstpointer  data)
{
  struct {
    KioskDemoFault  fault;
    guint           param;
    const char     *part;
    const char     *domain;
  } cases[] = {
    { KIOSK_DEMO_FAULT_STATUS, 503, "HTTP 503 Service Unavailable", "kiosk-fetch-error-quark" },
    { KIOSK_DEMO_FAULT_HUGE, 65 * 1024 * 1024, "larger than the limit", "kiosk-fetch-error-quark" },
    { KIOSK_DEMO_FAULT_DELAY, 4000, "no answer within 1 s", "kiosk-fetch-error-quark" },
    { KIOSK_DEMO_FAULT_TRUNCATE, 0, "ended early", "kiosk-fetch-error-quark" },
    { KIOSK_DEMO_FAULT_RESET, 0, "closed", "kiosk-fetch-error-quark" },
    { KIOSK_DEMO_FAULT_WRONG_TYPE, 0, "HTML page", "kiosk-format-error-quark" },
    { KIOSK_DEMO_FAULT_GARBAGE, 0, "", "kiosk-format-error-quark" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) root = NULL;
      g_auto(Run) run = { 0 };
      JsonObject *error;

      kiosk_demo_server_set_fault (fixture->server, "/places", cases[i].fault, cases[i].param);
      run_check (&run, "geojson", fixture->url, "--json", "--timeout", "1", NULL);
      g_assert_cmpint (run.status, ==, 1);
      assert_error_line (&run, fixture->url, cases[i].part);
      root = parse_object (run.out);
      error = json_object_get_object_member (root, "error");
      g_assert_cmpstr (json_object_get_string_member (error, "domain"), ==, cases[i].domain);
    }
}

static void
test_refused (void)
{
  g_autoptr(KioskDemoServer) server = kiosk_demo_server_new ();
  g_autofree char *url = NULL;
  g_auto(Run) run = { 0 };

  g_assert_true (kiosk_demo_server_start (server, NULL));
  url = kiosk_demo_server_get_url (server, "/places");
  kiosk_demo_server_stop (server);

  run_check (&run, "geojson", url, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_error_line (&run, url, "refused");
}

/* `check opening-hours`: one JSON object, the change with its offset. */
static void
test_opening_hours (void)
{
  g_autofree char *closures = g_test_build_filename (G_TEST_DIST, "fixtures", "opening",
                                                     "closures.ics", NULL);
  g_autoptr(JsonObject) root = NULL;
  g_auto(Run) run = { 0 };

  run_check (&run, "opening-hours", "Mo-Fr 08:00-18:00; Sa 10:00-14:00", "--at",
             "2026-12-04T18:30:00+01:00", "--tz", "Europe/Berlin", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  root = parse_object (run.out);
  g_assert_cmpuint (json_object_get_size (root), ==, 2);
  g_assert_false (json_object_get_boolean_member (root, "open"));
  g_assert_cmpstr (json_object_get_string_member (root, "next_change"), ==,
                   "2026-12-05T10:00:00+01:00");
  g_clear_pointer (&root, json_object_unref);
  run_clear (&run);

  /* a time without an offset is on the zone's clock; DST is in the offset */
  run_check (&run, "opening-hours", "Su 01:00-04:00", "--at", "2026-03-29T01:30:00",
             "--tz", "Europe/Berlin", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (run.out);
  g_assert_true (json_object_get_boolean_member (root, "open"));
  g_assert_cmpstr (json_object_get_string_member (root, "next_change"), ==,
                   "2026-03-29T04:00:00+02:00");
  g_clear_pointer (&root, json_object_unref);
  run_clear (&run);

  /* never changes: null */
  run_check (&run, "opening-hours", "24/7", "--at", "2026-12-24T12:00:00Z", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (run.out);
  g_assert_true (json_object_get_boolean_member (root, "open"));
  g_assert_true (json_object_get_null_member (root, "next_change"));
  g_clear_pointer (&root, json_object_unref);
  run_clear (&run);

  /* closing days from a calendar: Christmas Eve to Boxing Day */
  run_check (&run, "opening-hours", "24/7", "--at", "2026-12-23T12:00:00+01:00",
             "--tz", "Europe/Berlin", "--closures", closures, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (run.out);
  g_assert_true (json_object_get_boolean_member (root, "open"));
  g_assert_cmpstr (json_object_get_string_member (root, "next_change"), ==,
                   "2026-12-24T00:00:00+01:00");
  g_clear_pointer (&root, json_object_unref);
  run_clear (&run);

  run_check (&run, "opening-hours", "Mo-Fr 08:00-18:00", "--at", "2026-12-24T09:00:00+01:00",
             "--tz", "Europe/Berlin", "--closures", closures, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "closed until 2026-12-28T08:00:00+01:00\n");
  run_clear (&run);

  /* holidays are read, not applied: a warning naming the column */
  run_check (&run, "opening-hours", "Mo-Fr 08:00-18:00; PH off", "--at",
             "2026-12-25T10:00:00+01:00", "--tz", "Europe/Berlin", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.err, "ankerort: opening hours: warning: column 20: "));
  root = parse_object (run.out);
  g_assert_true (json_object_get_boolean_member (root, "open"));
  g_clear_pointer (&root, json_object_unref);
  run_clear (&run);

  /* a syntax error: exit 2, its column on stderr, nothing on stdout */
  run_check (&run, "opening-hours", "Mo-Fr 08:00-18:00; Sa 10:0-14:00", "--json", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  assert_error_line (&run, "opening hours “Mo-Fr 08:00-18:00; Sa 10:0-14:00”",
                     "column 26: expected two digits of minutes");
  run_clear (&run);

  /* usage errors and an unreadable calendar */
  run_check (&run, "opening-hours", "24/7", "--tz", "Mars/Olympus", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "unknown time zone “Mars/Olympus”"));
  run_clear (&run);
  run_check (&run, "opening-hours", "24/7", "--at", "tomorrow", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--at “tomorrow”"));
  run_clear (&run);
  run_check (&run, "opening-hours", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  run_check (&run, "opening-hours", "24/7", "--closures", "/nonexistent/closures.ics", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_error_line (&run, "/nonexistent/closures.ics", "No such file");
}

/* `ankerort check media`: a folder or playlist of files made here */

static char *check_media_dir;

static const char *
media_dir (void)
{
  if (check_media_dir == NULL)
    check_media_dir = kiosk_test_media_make_dir ();

  return check_media_dir;
}

static void
assert_members (JsonObject         *object,
                const char * const *names)
{
  g_autoptr(GList) members = json_object_get_members (object);

  g_assert_cmpuint (g_list_length (members), ==, g_strv_length ((char **) names));
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_true (json_object_has_member (object, names[i]));
}

static void
test_check_playlist (void)
{
  static const char * const top[] = { "kind", "source", "items", "warnings", NULL };
  static const char * const fields[] = { "uri", "type", "duration_s", "width", "height", "ok",
                                         "problem", NULL };
  g_autofree char *list = g_build_filename (media_dir (), "check.m3u", NULL);
  g_autoptr(JsonObject) root = NULL;
  g_auto(Run) run = { 0 };
  JsonArray *items;
  JsonObject *item;

  g_assert_true (g_file_set_contents (list,
                                      "#EXTM3U\n#EXTINF:8,Poster\nposter.png\nclip.webm\n"
                                      "text.mp4\ndrawing.svg\n", -1, NULL));
  run_check (&run, "media", list, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  root = parse_object (run.out);
  assert_members (root, top);
  g_assert_cmpstr (json_object_get_string_member (root, "kind"), ==, "media");
  g_assert_cmpstr (json_object_get_string_member (root, "source"), ==, list);
  items = json_object_get_array_member (root, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 4);
  for (guint i = 0; i < 4; i++)
    assert_members (json_array_get_object_element (items, i), fields);

  item = json_array_get_object_element (items, 0);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (item, "uri"), "/poster.png"));
  g_assert_cmpstr (json_object_get_string_member (item, "type"), ==, "image");
  g_assert_cmpfloat (json_object_get_double_member (item, "duration_s"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (item, "width"), ==, 640);
  g_assert_cmpint (json_object_get_int_member (item, "height"), ==, 360);
  g_assert_true (json_object_get_boolean_member (item, "ok"));

  item = json_array_get_object_element (items, 1);
  g_assert_cmpstr (json_object_get_string_member (item, "type"), ==, "video");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (item, "duration_s"), 2.0, 0.1);
  g_assert_true (json_object_get_null_member (item, "problem"));

  item = json_array_get_object_element (items, 2);
  g_assert_false (json_object_get_boolean_member (item, "ok"));
  g_assert_true (json_object_get_null_member (item, "width"));
  g_assert_nonnull (strstr (json_object_get_string_member (item, "problem"), "not a video"));

  /* An image without #EXTINF stays for the default: no time of its own. */
  item = json_array_get_object_element (items, 3);
  g_assert_true (json_object_get_null_member (item, "duration_s"));

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "warnings")), ==, 1);
  g_assert_nonnull (strstr (json_array_get_string_element (json_object_get_array_member (root,
                                                                                         "warnings"),
                                                           0), "text.mp4"));
  g_unlink (list);
}

/* Nothing plays: the JSON still lists why, the exit status says it and
 * stderr has one line. */
static void
test_check_nothing_plays (void)
{
  g_autofree char *list = g_build_filename (media_dir (), "broken.m3u8", NULL);
  g_autoptr(JsonObject) root = NULL;
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents (list, "text.mp4\ncut.png\nempty.webm\n", -1, NULL));
  run_check (&run, "media", list, "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "ankerort: "));
  g_assert_nonnull (strstr (run.err, "nothing in it can play"));
  g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);
  root = parse_object (run.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "items")), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "warnings")), ==, 3);
  g_unlink (list);
}

static void
test_check_missing (void)
{
  g_auto(Run) run = { 0 };

  run_check (&run, "media", "/nonexistent/ankerort-loop", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "ankerort: /nonexistent/ankerort-loop: "));
  g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);
}

static JsonArray *
cap_items (const Run *run)
{
  g_autoptr(JsonObject) root = parse_object (run->out);

  g_assert_cmpstr (json_object_get_string_member (root, "kind"), ==, "cap");
  return json_array_ref (json_object_get_array_member (root, "items"));
}

static void
test_cap (void)
{
  static const char * const fields[] = {
    "identifier", "sent", "msg_type", "status", "language", "event", "urgency", "severity",
    "certainty", "headline", "description", "instruction", "onset", "expires", "area_desc",
    "applies", NULL
  };
  g_autofree char *flood = g_test_build_filename (G_TEST_DIST, "fixtures", "cap",
                                                  "flood-polygon.xml", NULL);
  g_autofree char *boil = g_test_build_filename (G_TEST_DIST, "fixtures", "cap",
                                                 "boil-geocode.xml", NULL);
  g_autoptr(JsonArray) items = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *item;
  g_autoptr(GList) members = NULL;
  guint n = 0;

  /* Inside the polygon: both language blocks apply. */
  run_check (&run, "cap", flood, "--lat", "51.34", "--lon", "12.37", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  items = cap_items (&run);
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  item = json_array_get_object_element (items, 1);
  members = json_object_get_members (item);
  for (GList *l = members; l != NULL; l = l->next, n++)
    g_assert_true (g_strv_contains (fields, l->data));
  g_assert_cmpuint (n, ==, g_strv_length ((char **) fields));
  g_assert_cmpstr (json_object_get_string_member (item, "identifier"), ==, "MD-2026-0042");
  g_assert_cmpstr (json_object_get_string_member (item, "sent"), ==, "2026-11-30T08:00:00+01:00");
  g_assert_cmpstr (json_object_get_string_member (item, "msg_type"), ==, "Alert");
  g_assert_cmpstr (json_object_get_string_member (item, "language"), ==, "en-US");
  g_assert_cmpstr (json_object_get_string_member (item, "area_desc"), ==, "Musterdorf town centre");
  g_assert_cmpstr (json_object_get_string_member (item, "expires"), ==, "2099-12-01T20:00:00+01:00");
  g_assert_true (json_object_get_boolean_member (item, "applies"));
  run_clear (&run);
  g_clear_pointer (&items, json_array_unref);

  /* Outside it */
  run_check (&run, "cap", flood, "--lat", "52.5", "--lon", "13.4", "--json", NULL);
  items = cap_items (&run);
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (items, 0),
                                                  "applies"));
  run_clear (&run);
  g_clear_pointer (&items, json_array_unref);

  /* Neither position nor geocode: undecided */
  run_check (&run, "cap", flood, "--json", NULL);
  items = cap_items (&run);
  g_assert_true (json_object_get_null_member (json_array_get_object_element (items, 0),
                                              "applies"));
  run_clear (&run);
  g_clear_pointer (&items, json_array_unref);

  /* A geocode alone decides. */
  run_check (&run, "cap", boil, "--geocode", "WARNCELLID=814713000", "--json", NULL);
  items = cap_items (&run);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (items, 0),
                                                 "applies"));
  g_assert_true (json_object_get_null_member (json_array_get_object_element (items, 0),
                                              "onset"));
  run_clear (&run);
  g_clear_pointer (&items, json_array_unref);

  run_check (&run, "cap", boil, "--geocode", "14713000", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--geocode “14713000” is not NAME=VALUE"));
  run_clear (&run);
  run_check (&run, "cap", boil, "--lat", "51", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
}

static void
test_cap_refused (void)
{
  g_autofree char *laughs = g_test_build_filename (G_TEST_DIST, "fixtures", "cap",
                                                   "billion-laughs.xml", NULL);
  g_auto(Run) run = { 0 };

  run_check (&run, "cap", laughs, "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_error_line (&run, laughs, "document type declaration");
  g_assert_nonnull (strstr (run.out, "\"error\""));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/check/good-file", test_good_file);
  g_test_add_func ("/check/text", test_text);
  g_test_add_func ("/check/wrong-types", test_wrong_types);
  g_test_add_func ("/check/bad-files", test_bad_files);
  g_test_add_func ("/check/missing-file", test_missing_file);
  g_test_add_func ("/check/usage", test_usage);
  g_test_add_func ("/check/cap", test_cap);
  g_test_add_func ("/check/cap-refused", test_cap_refused);
  g_test_add_func ("/check/refused", test_refused);
  g_test_add_func ("/check/opening-hours", test_opening_hours);
  g_test_add ("/check/url", Fixture, NULL, fixture_set_up, test_url, fixture_tear_down);
  g_test_add ("/check/secrets-not-shown", Fixture, NULL, fixture_set_up, test_secrets_not_shown,
              fixture_tear_down);
  g_test_add ("/check/url-faults", Fixture, NULL, fixture_set_up, test_url_faults,
              fixture_tear_down);

  g_test_add_func ("/check/media/playlist", test_check_playlist);
  g_test_add_func ("/check/media/nothing-plays", test_check_nothing_plays);
  g_test_add_func ("/check/media/missing", test_check_missing);

  status = g_test_run ();
  if (check_media_dir != NULL)
    kiosk_test_media_remove_dir (check_media_dir);

  return status;
}
