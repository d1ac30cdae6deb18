/* test-config-sync.c: the fleet's config URL against a loopback server */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kiosk-config-sync.h"
#include "kiosk-test-minisign.h"
#include "log-capture.h"

typedef struct
{
  SoupServer *server;
  char       *base;        /* http://127.0.0.1:PORT */
  char       *body;
  char       *signature;   /* NULL: 404 */
  guint       file_requests;
  guint       not_modified;
  guint       sig_requests;

  /* the kiosk */
  char            *url;
  char            *state;
  KioskConfig     *config;
  KioskFetcher    *fetcher;
  KioskConfigSync *sync;
} Fleet;


static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fleet *fleet = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);

  if (g_str_equal (path, "/fleet.conf"))
    {
      g_autofree char *etag = g_strdup_printf ("\"%08x\"", g_str_hash (fleet->body));
      const char *if_none = soup_message_headers_get_one (request, "If-None-Match");

      fleet->file_requests++;
      soup_message_headers_replace (response, "ETag", etag);
      if (g_strcmp0 (if_none, etag) == 0)
        {
          fleet->not_modified++;
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY,
                                        fleet->body, strlen (fleet->body));
    }
  else if (g_str_equal (path, "/fleet.conf.minisig") && fleet->signature != NULL)
    {
      fleet->sig_requests++;
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY,
                                        fleet->signature, strlen (fleet->signature));
    }
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
    }
}

static KioskConfig *
new_config (const char *url)
{
  KioskConfig *config = kiosk_config_new_default ();
  GSettings *settings = kiosk_config_get_settings (config);

  /* The memory backend keeps values between tests in one process. */
  g_settings_reset (settings, "place-name");
  g_settings_reset (settings, "idle-timeout");
  g_settings_reset (settings, "config-public-key");
  g_settings_set_string (settings, "config-url", url);

  return config;
}

static void
fleet_setup (Fleet         *fleet,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  fleet->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fleet->server, NULL, handler, fleet, NULL);
  soup_server_listen_local (fleet->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fleet->server);
  fleet->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));

  fleet->url = g_strconcat (fleet->base, "/fleet.conf", NULL);
  fleet->state = g_build_filename (g_get_user_state_dir (), "fleet-test", NULL);
  fleet->config = new_config (fleet->url);
  fleet->fetcher = kiosk_fetcher_new ();
  fleet->sync = kiosk_config_sync_new (fleet->config, fleet->fetcher, fleet->state);
}

static void
fleet_teardown (Fleet         *fleet,
                gconstpointer  data)
{
  g_clear_object (&fleet->sync);
  g_clear_object (&fleet->fetcher);
  g_clear_object (&fleet->config);
  g_free (fleet->url);
  g_free (fleet->state);
  soup_server_disconnect (fleet->server);
  g_clear_object (&fleet->server);
  g_free (fleet->base);
  g_free (fleet->body);
  g_free (fleet->signature);
}

static void
fleet_serve (Fleet      *fleet,
             const char *body)
{
  g_free (fleet->body);
  fleet->body = g_strdup (body);
}

static void
fleet_sign (Fleet             *fleet,
            KioskTestMinisign *signer,
            const char        *body)
{
  g_autoptr(GBytes) data = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) signature = kiosk_test_minisign_sign (signer, data, FALSE, "fleet");

  g_free (fleet->signature);
  fleet->signature = g_strndup (g_bytes_get_data (signature, NULL), g_bytes_get_size (signature));
}

static void
finished_cb (KioskConfigSync       *sync,
             KioskConfigSyncResult  result,
             guint                 *count)
{
  (*count)++;
}

static KioskConfigSyncResult
wait_finished (KioskConfigSync *sync)
{
  guint count = 0;
  gulong id = g_signal_connect (sync, "finished", G_CALLBACK (finished_cb), &count);

  while (count == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (sync, id);

  return kiosk_config_sync_get_result (sync);
}

/* Applied, then 304 with the kept ETag, then a change applied live. */
static void
test_applied_then_unchanged (Fleet         *fleet,
                             gconstpointer  data)
{
  KioskConfig *config = fleet->config;
  KioskConfigSync *sync = fleet->sync;

  fleet_serve (fleet, "[Kiosk]\nplace-name=Rathaus\nidle-timeout=45\n");
  kiosk_config_sync_start (sync);
  g_assert_cmpint (wait_finished (sync), ==, KIOSK_CONFIG_SYNC_APPLIED);
  g_assert_null (kiosk_config_sync_get_error (sync));
  g_assert_nonnull (kiosk_config_sync_get_last_applied (sync));
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Rathaus");
  g_assert_cmpuint (kiosk_config_get_idle_timeout (config), ==, 45);
  /* Logged for journalctl with the URL as its source. */
  g_assert_true (was_logged (KIOSK_LOG_CONFIG_APPLIED,
                             "http://127.0.0.1:*/fleet.conf Fleet configuration from "
                             "http://127.0.0.1:*/fleet.conf applied"));

  kiosk_config_sync_refresh (sync);
  g_assert_cmpint (wait_finished (sync), ==, KIOSK_CONFIG_SYNC_UNCHANGED);
  g_assert_cmpuint (fleet->file_requests, ==, 2);
  g_assert_cmpuint (fleet->not_modified, ==, 1);

  fleet_serve (fleet, "[Kiosk]\nplace-name=Rathaus Foyer\n");
  kiosk_config_sync_refresh (sync);
  g_assert_cmpint (wait_finished (sync), ==, KIOSK_CONFIG_SYNC_APPLIED);
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Rathaus Foyer");
  /* No signature asked for when no key is set. */
  g_assert_cmpuint (fleet->sig_requests, ==, 0);
}

/* A bad file is refused with its reason and changes nothing; the kept
 * file is the last good one, and a restart without the network uses it. */
static void
test_refused_and_offline (Fleet         *fleet,
                          gconstpointer  data)
{
  KioskConfig *config = fleet->config;
  KioskConfigSync *sync = fleet->sync;
  g_autoptr(KioskConfigSync) restarted = NULL;
  const char *error;

  fleet_serve (fleet, "[Kiosk]\nplace-name=Bibliothek\n");
  kiosk_config_sync_start (sync);
  g_assert_cmpint (wait_finished (sync), ==, KIOSK_CONFIG_SYNC_APPLIED);

  g_test_expect_message ("kiosk-config-sync", G_LOG_LEVEL_WARNING, "*idle-timeout*");
  fleet_serve (fleet, "[Kiosk]\nplace-name=Halb\nidle-timeout=never\n");
  kiosk_config_sync_refresh (sync);
  g_assert_cmpint (wait_finished (sync), ==, KIOSK_CONFIG_SYNC_REFUSED);
  g_test_assert_expected_messages ();
  g_assert_true (was_logged (KIOSK_LOG_CONFIG_REFUSED,
                             "http://127.0.0.1:*/fleet.conf *refused*idle-timeout*"));
  error = kiosk_config_sync_get_error (sync);
  g_assert_nonnull (strstr (error, fleet->url));
  g_assert_nonnull (strstr (error, "idle-timeout"));
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Bibliothek");

  /* The server goes away; the kiosk restarts with nothing in its settings. */
  kiosk_config_sync_stop (sync);
  soup_server_disconnect (fleet->server);
  g_settings_reset (kiosk_config_get_settings (config), "place-name");
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Ankerort");

  restarted = kiosk_config_sync_new (config, fleet->fetcher, fleet->state);
  g_test_expect_message ("kiosk-config-sync", G_LOG_LEVEL_WARNING, "*not fetched*");
  kiosk_config_sync_start (restarted);
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Bibliothek");
  g_assert_cmpint (wait_finished (restarted), ==, KIOSK_CONFIG_SYNC_FAILED);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Bibliothek");
}

/* Commands run on the kiosk come only in a signed file. */
static void
test_commands_need_signature (Fleet         *fleet,
                              gconstpointer  data)
{
  KioskConfig *config = fleet->config;
  KioskConfigSync *sync = fleet->sync;
  g_autoptr(KioskTestMinisign) city = kiosk_test_minisign_new ("city");
  const char *text = "[Kiosk]\nplace-name=Rathaus\ndisplay-off-command=xset dpms force off\n";
  g_autofree char *command = NULL;

  fleet_serve (fleet, text);
  kiosk_config_sync_start (sync);
  g_assert_cmpint (wait_finished (sync), ==, KIOSK_CONFIG_SYNC_REFUSED);
  g_assert_true (was_logged (KIOSK_LOG_CONFIG_REFUSED,
                             "http://127.0.0.1:*/fleet.conf *display-off-command*signed*"));
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Ankerort");

  g_settings_set_string (kiosk_config_get_settings (config), "config-public-key", city->public_key);
  fleet_sign (fleet, city, text);
  g_assert_cmpint (wait_finished (sync), ==, KIOSK_CONFIG_SYNC_APPLIED);
  command = g_settings_get_string (kiosk_config_get_settings (config), "display-off-command");
  g_assert_cmpstr (command, ==, "xset dpms force off");
  g_settings_reset (kiosk_config_get_settings (config), "display-off-command");
}

/* With a key: URL.minisig must sign the file with it. */
static void
test_signed (Fleet         *fleet,
             gconstpointer  data)
{
  KioskConfig *config = fleet->config;
  KioskConfigSync *sync = fleet->sync;
  g_autoptr(KioskTestMinisign) city = kiosk_test_minisign_new ("city");
  g_autoptr(KioskTestMinisign) stranger = kiosk_test_minisign_new ("stranger");
  const char *good = "[Kiosk]\nplace-name=Signiert\n";

  g_settings_set_string (kiosk_config_get_settings (config), "config-public-key", city->public_key);

  /* Unsigned. */
  fleet_serve (fleet, good);
  kiosk_config_sync_start (sync);
  g_assert_cmpint (wait_finished (sync), ==, KIOSK_CONFIG_SYNC_REFUSED);
  g_assert_true (was_logged (KIOSK_LOG_CONFIG_REFUSED,
                             "http://127.0.0.1:*/fleet.conf *no signature*"));
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Ankerort");

  /* Signed by someone else. */
  fleet_sign (fleet, stranger, good);
  kiosk_config_sync_refresh (sync);
  g_assert_cmpint (wait_finished (sync), ==, KIOSK_CONFIG_SYNC_REFUSED);
  g_assert_true (was_logged (KIOSK_LOG_CONFIG_REFUSED,
                             "http://127.0.0.1:*/fleet.conf *configured key*"));
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Ankerort");

  fleet_sign (fleet, city, good);
  kiosk_config_sync_refresh (sync);
  g_assert_cmpint (wait_finished (sync), ==, KIOSK_CONFIG_SYNC_APPLIED);
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Signiert");

  /* Changed on the server after signing. */
  fleet_serve (fleet, "[Kiosk]\nplace-name=Untergeschoben\n");
  kiosk_config_sync_refresh (sync);
  g_assert_cmpint (wait_finished (sync), ==, KIOSK_CONFIG_SYNC_REFUSED);
  g_assert_true (was_logged (KIOSK_LOG_CONFIG_REFUSED,
                             "http://127.0.0.1:*/fleet.conf *changed after signing*"));
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Signiert");
  g_assert_nonnull (strstr (kiosk_config_sync_get_error (sync), "changed after signing"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  log_capture_start ();

  g_test_add ("/config-sync/applied-then-unchanged", Fleet, NULL,
              fleet_setup, test_applied_then_unchanged, fleet_teardown);
  g_test_add ("/config-sync/refused-and-offline", Fleet, NULL,
              fleet_setup, test_refused_and_offline, fleet_teardown);
  g_test_add ("/config-sync/commands-need-signature", Fleet, NULL,
              fleet_setup, test_commands_need_signature, fleet_teardown);
  g_test_add ("/config-sync/signed", Fleet, NULL,
              fleet_setup, test_signed, fleet_teardown);

  return g_test_run ();
}
