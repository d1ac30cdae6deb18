/* test-check-config.c: the built `ankerort check config` against files and a loopback server */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kiosk-test-minisign.h"

static const char places[] =
  "{\"type\": \"FeatureCollection\", \"features\": ["
  "{\"type\": \"Feature\", \"id\": 7, \"geometry\": {\"type\": \"Point\", "
  "\"coordinates\": [12.3748, 51.3406]}, \"properties\": {\"name\": \"Rathaus\"}},"
  "{\"type\": \"Feature\", \"id\": 8, \"geometry\": {\"type\": \"Point\", "
  "\"coordinates\": [12.3750, 51.3410]}, \"properties\": {\"name\": \"Bibliothek\"}}]}";

/* A loopback server in its own thread: the check runs as a child process
 * while this one waits for it. */
typedef struct
{
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  SoupServer   *server;
  char         *base;
  GHashTable   *files;     /* path -> body */
  GMutex        lock;
} Server;

static void
handler (SoupServer        *soup,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Server *server = user_data;
  const char *body;

  g_mutex_lock (&server->lock);
  body = g_hash_table_lookup (server->files, path);
  if (body != NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, body, strlen (body));
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
  g_mutex_unlock (&server->lock);
}

static gpointer
server_thread (gpointer data)
{
  Server *server = data;

  g_main_context_push_thread_default (server->context);
  g_main_loop_run (server->loop);
  g_main_context_pop_thread_default (server->context);

  return NULL;
}

static void
server_setup (Server        *server,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  g_mutex_init (&server->lock);
  server->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);

  g_main_context_push_thread_default (server->context);
  server->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server->server, NULL, handler, server, NULL);
  soup_server_listen_local (server->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  g_main_context_pop_thread_default (server->context);

  uris = soup_server_get_uris (server->server);
  server->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  server->thread = g_thread_new ("server", server_thread, server);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);

  return G_SOURCE_REMOVE;
}

static void
server_teardown (Server        *server,
                 gconstpointer  data)
{
  g_main_context_invoke (server->context, quit_cb, server->loop);
  g_thread_join (server->thread);
  soup_server_disconnect (server->server);
  g_clear_object (&server->server);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_hash_table_unref (server->files);
  g_free (server->base);
  g_mutex_clear (&server->lock);
}

static void
serve (Server     *server,
       const char *path,
       const char *body)
{
  g_mutex_lock (&server->lock);
  g_hash_table_insert (server->files, g_strdup (path), g_strdup (body));
  g_mutex_unlock (&server->lock);
}

typedef struct
{
  int         status;
  JsonObject *result;
  char       *out;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->result, json_object_unref);
  g_clear_pointer (&run->out, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* `ankerort check config ... --json`, parsed. */
static void
run_check (Run        *run,
           const char *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, g_test_build_filename (G_TEST_BUILT, "..", "src", "ankerort", NULL));
  g_ptr_array_add (argv, g_strdup ("check"));
  g_ptr_array_add (argv, g_strdup ("config"));
  g_ptr_array_add (argv, g_strdup ("--json"));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, err);

  g_assert_true (json_parser_load_from_data (parser, run->out, -1, &error));
  g_assert_no_error (error);
  run->result = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
write_file (const char *name,
            const char *contents)
{
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static JsonObject *
element (JsonObject *object,
         const char *member,
         guint       index)
{
  return json_array_get_object_element (json_object_get_array_member (object, member), index);
}

static guint
count (JsonObject *object,
       const char *member)
{
  return json_array_get_length (json_object_get_array_member (object, member));
}

/* Every source the kiosk would show, tested; one failing source fails the
 * check while the file itself is valid. */
static void
test_sources (void)
{
  g_autofree char *places_path = write_file ("check-config-places.geojson", places);
  g_autofree char *places_url = g_filename_to_uri (places_path, NULL, NULL);
  g_autofree char *text = g_strdup_printf ("[Kiosk]\n"
                                           "place-name=Rathaus\n"
                                           "[Source places]\n"
                                           "kind=geojson\n"
                                           "url=%s\n"
                                           "[Source gone]\n"
                                           "kind=geojson\n"
                                           "url=file:///nonexistent/gone.geojson\n",
                                           places_url);
  g_autofree char *path = write_file ("check-config-sources.conf", text);
  g_auto(Run) run = { 0 };
  JsonObject *source;

  run_check (&run, path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (json_object_get_boolean_member (run.result, "valid"));
  g_assert_cmpuint (count (run.result, "errors"), ==, 0);
  g_assert_cmpuint (count (run.result, "sources"), ==, 2);

  source = element (run.result, "sources", 0);
  g_assert_cmpstr (json_object_get_string_member (source, "name"), ==, "places");
  g_assert_cmpstr (json_object_get_string_member (source, "kind"), ==, "geojson");
  g_assert_true (json_object_get_boolean_member (source, "ok"));
  g_assert_cmpint (json_object_get_int_member (source, "items"), ==, 2);
  g_assert_true (json_object_get_null_member (source, "error"));

  source = element (run.result, "sources", 1);
  g_assert_cmpstr (json_object_get_string_member (source, "name"), ==, "gone");
  g_assert_false (json_object_get_boolean_member (source, "ok"));
  g_assert_nonnull (strstr (json_object_get_string_member (source, "error"), "gone.geojson"));
  run_clear (&run);

  /* Offline: the file alone, which is valid. */
  run_check (&run, "--offline", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count (run.result, "sources"), ==, 0);

  g_unlink (path);
  g_unlink (places_path);
}

static void
test_invalid (void)
{
  g_autofree char *path = write_file ("check-config-invalid.conf",
                                      "[Kiosk]\n"
                                      "idle-timeout=soon\n"
                                      "colour=blue\n"
                                      "[Kiosk foyer]\n"
                                      "latitude=91\n"
                                      "[Source x]\n"
                                      "kind=carrier-pigeon\n"
                                      "url=https://example.org/\n");
  g_auto(Run) run = { 0 };
  JsonObject *error;

  run_check (&run, "--offline", "--kiosk-id", "rathaus", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_false (json_object_get_boolean_member (run.result, "valid"));
  g_assert_cmpuint (count (run.result, "errors"), ==, 4);

  error = element (run.result, "errors", 0);
  g_assert_cmpstr (json_object_get_string_member (error, "group"), ==, "Kiosk");
  g_assert_cmpstr (json_object_get_string_member (error, "key"), ==, "idle-timeout");
  g_assert_cmpstr (json_object_get_string_member (error, "message"), ==,
                   "“soon” is not a number from 3 to 3600");
  error = element (run.result, "errors", 1);
  g_assert_cmpstr (json_object_get_string_member (error, "key"), ==, "colour");
  g_assert_cmpstr (json_object_get_string_member (error, "message"), ==, "unknown key");
  error = element (run.result, "errors", 2);
  g_assert_cmpstr (json_object_get_string_member (error, "group"), ==, "Source x");
  g_assert_cmpstr (json_object_get_string_member (error, "key"), ==, "kind");
  /* Another kiosk's group is checked too. */
  error = element (run.result, "errors", 3);
  g_assert_cmpstr (json_object_get_string_member (error, "group"), ==, "Kiosk foyer");
  g_assert_cmpstr (json_object_get_string_member (error, "key"), ==, "latitude");
  run_clear (&run);

  /* Not a keyfile at all: one error for the file. */
  g_assert_true (g_file_set_contents (path, "this is [not a keyfile\n", -1, NULL));
  run_check (&run, "--offline", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpuint (count (run.result, "errors"), ==, 1);
  error = element (run.result, "errors", 0);
  g_assert_true (json_object_get_null_member (error, "group"));
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), path));

  g_unlink (path);
}

/* --kiosk-id picks the kiosk's own groups. */
static void
test_kiosk_id (void)
{
  g_autofree char *places_path = write_file ("check-config-places2.geojson", places);
  g_autofree char *text = g_strdup_printf ("[Source places@foyer]\nkind=geojson\nurl=%s\n",
                                           places_path);
  g_autofree char *path = write_file ("check-config-kiosk.conf", text);
  g_auto(Run) run = { 0 };

  run_check (&run, "--kiosk-id", "foyer", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count (run.result, "sources"), ==, 1);
  run_clear (&run);

  run_check (&run, "--kiosk-id", "lesesaal", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count (run.result, "sources"), ==, 0);

  g_unlink (path);
  g_unlink (places_path);
}

/* A URL and URL.minisig from a server, checked against --public-key. */
static void
test_signed_url (Server        *server,
                 gconstpointer  data)
{
  g_autoptr(KioskTestMinisign) city = kiosk_test_minisign_new ("city");
  g_autoptr(KioskTestMinisign) stranger = kiosk_test_minisign_new ("stranger");
  g_autofree char *url = g_strconcat (server->base, "/fleet.conf", NULL);
  const char *text = "[Kiosk]\nplace-name=Rathaus\n";
  g_autoptr(GBytes) body = g_bytes_new_static (text, strlen (text));
  g_autoptr(GBytes) good = kiosk_test_minisign_sign (city, body, FALSE, "fleet");
  g_autoptr(GBytes) foreign = kiosk_test_minisign_sign (stranger, body, TRUE, "fleet");
  g_autofree char *good_text = g_strndup (g_bytes_get_data (good, NULL), g_bytes_get_size (good));
  g_autofree char *foreign_text = g_strndup (g_bytes_get_data (foreign, NULL), g_bytes_get_size (foreign));
  g_auto(Run) run = { 0 };

  serve (server, "/fleet.conf", text);

  /* Unsigned, a key asked for. */
  run_check (&run, "--public-key", city->public_key, url, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_false (json_object_get_boolean_member (run.result, "valid"));
  g_assert_nonnull (strstr (json_object_get_string_member (element (run.result, "errors", 0), "message"),
                            "no signature"));
  run_clear (&run);

  serve (server, "/fleet.conf.minisig", foreign_text);
  run_check (&run, "--public-key", city->public_key, url, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (json_object_get_string_member (element (run.result, "errors", 0), "message"),
                            "configured key"));
  run_clear (&run);

  serve (server, "/fleet.conf.minisig", good_text);
  run_check (&run, "--public-key", city->public_key, url, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_object_get_boolean_member (run.result, "valid"));
  run_clear (&run);

  serve (server, "/fleet.conf", "[Kiosk]\nplace-name=Rathauz\n");
  run_check (&run, "--public-key", city->public_key, url, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (json_object_get_string_member (element (run.result, "errors", 0), "message"),
                            "changed after signing"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/check-config/sources", test_sources);
  g_test_add_func ("/check-config/invalid", test_invalid);
  g_test_add_func ("/check-config/kiosk-id", test_kiosk_id);
  g_test_add ("/check-config/signed-url", Server, NULL, server_setup, test_signed_url, server_teardown);

  return g_test_run ();
}
