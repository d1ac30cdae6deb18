/* kiosk-application.c: the kiosk process: options, settings, sources, window */

#define G_LOG_DOMAIN "kiosk-application"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "kiosk-application.h"
#include "kiosk-config-sync.h"
#include "kiosk-demo.h"
#include "kiosk-heartbeat.h"
#include "kiosk-i18n.h"
#include "kiosk-log.h"
#include "kiosk-outbox-sender.h"
#include "kiosk-reading-history.h"
#include "kiosk-services.h"
#include "kiosk-status.h"
#include "kiosk-status-sections.h"
#include "kiosk-status-service.h"
#include "kiosk-set-pin.h"
#include "kiosk-staff-auth.h"
#include "kiosk-sync.h"
#include "kiosk-watchdog.h"
#include "kiosk-window.h"

/* How often the main loop renews its alive file (see KioskWatchdog). */
#define ALIVE_INTERVAL_MS (10 * 1000)

struct _KioskApplication
{
  AdwApplication   parent_instance;

  /* owned */
  KioskConfig     *config;
  KioskSourceList *sources;
  KioskOutbox       *outbox;   /* survey answers: outlives every view */
  KioskOutboxSender *sender;
  KioskFetcher    *fetcher;
  KioskDatabase   *database;
  KioskReadingHistory *history;
  KioskServices   *services;   /* what the views get: the above, behind one facade */
  KioskSync       *sync;
  KioskConfigSync *config_sync;  /* the fleet's config URL */
  KioskDemoServer *demo_server;
  KioskStatus     *status;     /* health: the status document, on disk and on D-Bus */
  KioskStatusSections *status_sections; /* the day, media, warnings, config URL in it */
  KioskStatusService *status_service;
  KioskHeartbeat  *heartbeat;  /* NULL without an outbox */
  KioskWatchdog   *watchdog;   /* systemd's: ready, and the main loop runs */
  guint            status_name_id;
  guint            term_signal_id;
  guint            demo_signal_id;
  gulong           config_changed_id;
  char            *config_file;
  char            *config_url;
  char            *demo_pin_hash;
  gboolean         demo;
  gboolean         windowed;
};

G_DEFINE_FINAL_TYPE (KioskApplication, kiosk_application, ADW_TYPE_APPLICATION)

#define DEMO_STAFF_PIN "0000"

static const GOptionEntry option_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run on the bundled demo town Musterdorf (no network needed)"), NULL },
  { "windowed", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run in a normal 1280×800 window for development, not fullscreen"), NULL },
  { "kiosk", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run full screen as the kiosk (the default; wins over --windowed)"), NULL },
  { "config", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import a configuration keyfile into the settings (handed to the running kiosk, if any)"),
    N_("FILE") },
  { "config-url", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Take the configuration from this URL from now on (the config-url setting)"), N_("URL") },
  { "set-pin", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Ask for the staff PIN twice and store its hash, then exit"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { NULL }
};

/* The cache is optional: without one the kiosk still runs, only colder. */
static void
open_cache (KioskApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (self->demo)
    path = g_build_filename (g_get_user_cache_dir (), "ankerort", "demo-cache.db", NULL);
  self->database = kiosk_database_open (path, &error);
  if (self->database == NULL)
    g_warning ("No offline cache: %s", error->message);
}

/* Brings the source list in line with the settings. A source whose
 * configuration is unchanged keeps its items and status and is not fetched
 * again; a changed one is replaced by a new source, which shows its cache
 * (when the URL is the same) and then fetches; a removed one leaves the
 * views at once, its cache rows stay (a source added back with the same id
 * and URL starts from them). @replace_all replaces every source: the time
 * zone they parse in changed. */
static void
update_sources (KioskApplication *self,
                gboolean          replace_all)
{
  g_autoptr(GPtrArray) configs = kiosk_config_get_sources (self->config);
  g_autoptr(GTimeZone) tz = kiosk_config_get_time_zone (self->config);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *current = kiosk_source_list_get_sources (self->sources);

  /* The fetcher owns the kiosk's one HTTP session: the sources, the map's
   * tiles, pictures, survey results and the outbox sender all use it. */
  if (self->fetcher == NULL)
    {
      self->fetcher = kiosk_fetcher_new ();
      open_cache (self);
      self->history = kiosk_reading_history_new (NULL);
      kiosk_source_list_set_history (self->sources, self->history);
    }

  kiosk_source_list_set_time_zone (self->sources, tz);

  for (guint i = 0; i < configs->len; i++)
    {
      const KioskSourceConfig *config = g_ptr_array_index (configs, i);

      if (kiosk_format_lookup (config->kind) == NULL)
        g_warning ("Source “%s”: unknown kind “%s”, skipped", config->id, config->kind);
      else if (g_hash_table_contains (wanted, config->id))
        g_warning ("Source “%s”: configured twice, the second one skipped", config->id);
      else
        g_hash_table_insert (wanted, config->id, (gpointer) config);
    }

  for (guint i = g_list_model_get_n_items (current); i > 0; i--)
    {
      g_autoptr(KioskSource) source = g_list_model_get_item (current, i - 1);

      if (!g_hash_table_contains (wanted, kiosk_source_get_id (source)))
        kiosk_source_list_remove (self->sources, source);
    }

  for (guint i = 0; i < configs->len; i++)
    {
      const KioskSourceConfig *config = g_ptr_array_index (configs, i);
      g_autoptr(KioskSource) source = NULL;
      KioskSource *existing;

      if (g_hash_table_lookup (wanted, config->id) != config)
        continue;

      existing = kiosk_source_list_lookup (self->sources, config->id);
      if (existing != NULL && !replace_all &&
          kiosk_source_config_equal (kiosk_source_get_config (existing), config))
        continue;

      source = kiosk_source_new_full (config, self->fetcher, self->database, tz);
      if (existing != NULL)
        kiosk_source_list_replace (self->sources, existing, source);
      else
        kiosk_source_list_add (self->sources, source);
    }

  /* Cached data first, then the network; follows later changes to the list. */
  if (self->sync == NULL)
    {
      self->sync = kiosk_sync_new (self->sources, NULL);
      /* One demo kiosk shows fresh data at once; a fleet spreads its
       * first requests over the interval. */
      if (self->demo)
        kiosk_sync_set_start_spread (self->sync, 0);
      kiosk_sync_start (self->sync);
    }
}

static void
update_heartbeat (KioskApplication *self)
{
  GSettings *settings = kiosk_config_get_settings (self->config);
  g_autofree char *url = g_settings_get_string (settings, "heartbeat-url");
  g_autoptr(GError) error = NULL;

  if (self->heartbeat == NULL)
    return;

  kiosk_heartbeat_set_interval (self->heartbeat, g_settings_get_uint (settings, "heartbeat-interval"));
  if (!kiosk_heartbeat_set_url (self->heartbeat, url, &error))
    g_warning ("%s", error->message);
}

/* Every key the application reads is applied while it runs (the window
 * and the views follow the keys they read themselves). */
static void
config_changed_cb (KioskConfig      *config,
                   const char       *key,
                   KioskApplication *self)
{
  if (g_str_equal (key, "sources"))
    update_sources (self, FALSE);
  else if (g_str_equal (key, "time-zone"))
    update_sources (self, TRUE);
  else if (g_str_equal (key, "kiosk-id") && self->outbox != NULL)
    kiosk_outbox_set_kiosk_id (self->outbox, kiosk_config_get_kiosk_id (config));

  if (g_str_equal (key, "kiosk-id"))
    kiosk_status_set_kiosk_id (self->status, kiosk_config_get_kiosk_id (config));
  else if (g_str_has_prefix (key, "heartbeat-"))
    update_heartbeat (self);
}

/* `kill -USR1` cuts the demo town's network and brings it back, to show
 * the offline state. */
static gboolean
demo_toggle_network_cb (gpointer user_data)
{
  KioskApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  if (kiosk_demo_server_get_running (self->demo_server))
    kiosk_demo_server_stop (self->demo_server);
  else if (!kiosk_demo_server_start (self->demo_server, &error))
    g_warning ("%s", error->message);
  g_message ("Demo: Musterdorf is %s",
             kiosk_demo_server_get_running (self->demo_server) ? "online" : "offline");

  if (self->sync != NULL)
    kiosk_sync_refresh_soon (self->sync);

  return G_SOURCE_CONTINUE;
}

static void
outbox_changed_cb (KioskOutbox       *outbox,
                   KioskOutboxSender *sender)
{
  kiosk_outbox_sender_wake (sender);
}

static void
create_outbox (KioskApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (self->demo)
    {
      /* Demo answers go to a loopback port that changes every run: keep
       * them apart from a real kiosk's and start empty each time. */
      static const char * const suffixes[] = { "", "-wal", "-shm" };

      path = g_build_filename (g_get_user_data_dir (), "ankerort", "demo-outbox.sqlite", NULL);
      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

          g_unlink (file);
        }
    }
  else
    {
      path = kiosk_outbox_get_default_path ();
    }

  self->outbox = kiosk_outbox_new (path, &error);
  if (self->outbox == NULL)
    {
      g_warning ("Survey answers cannot be stored: %s", error->message);
      return;
    }
  kiosk_outbox_set_kiosk_id (self->outbox, kiosk_config_get_kiosk_id (self->config));

  self->sender = kiosk_outbox_sender_new (self->outbox, self->fetcher);
  g_signal_connect_object (self->outbox, "changed", G_CALLBACK (outbox_changed_cb), self->sender, 0);
  kiosk_outbox_sender_start (self->sender);
}

static void
setup_demo (KioskApplication *self)
{
  GSettings *settings = kiosk_config_get_settings (self->config);

  /* The demo writes only to its own in-memory settings. */
  g_settings_set_string (settings, "place-name", "Stadtbibliothek Musterdorf");
  g_settings_set_double (settings, "latitude", 51.3397);
  g_settings_set_double (settings, "longitude", 12.3731);
  /* The demo's staff PIN is 0000, and its PIN pad says so. */
  if (self->demo_pin_hash == NULL)
    self->demo_pin_hash = kiosk_staff_auth_hash_pin (DEMO_STAFF_PIN, NULL);
  g_settings_set_string (settings, "staff-pin-hash", self->demo_pin_hash ? self->demo_pin_hash : "");

  if (self->demo_server == NULL)
    {
      g_autoptr(GPtrArray) sources =
        g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_source_config_free);
      g_autoptr(GError) error = NULL;

      self->demo_server = kiosk_demo_start (sources, &error);
      if (self->demo_server == NULL)
        {
          g_warning ("%s", error->message);
          return;
        }
      kiosk_config_set_sources (self->config, sources);
      self->demo_signal_id = g_unix_signal_add (SIGUSR1, demo_toggle_network_cb, self);
    }
}

/* The status document follows the sources, the outbox, the attract
 * loop, the warnings and the config URL from now on (the day once the
 * window is there). */
static void
start_health (KioskApplication *self)
{
  kiosk_status_set_kiosk_id (self->status, kiosk_config_get_kiosk_id (self->config));
  kiosk_status_watch_sources (self->status, self->sources);
  self->status_sections = kiosk_status_sections_new (self->status);
  kiosk_status_sections_watch_alerts (self->status_sections,
                                      KIOSK_ALERTS (kiosk_services_get_alerts (self->services)));
  kiosk_status_sections_watch_media (self->status_sections,
                                     KIOSK_MEDIA_PLAYLIST (kiosk_services_get_media (self->services)));
  if (self->config_sync != NULL)
    kiosk_status_sections_watch_config_sync (self->status_sections, self->config_sync);
  if (self->outbox != NULL)
    {
      kiosk_status_watch_outbox (self->status, self->outbox);
      self->heartbeat = kiosk_heartbeat_new (self->status, self->outbox);
      update_heartbeat (self);
    }
}

/* `systemctl stop` (SIGTERM): quit cleanly, so that shutdown runs (the
 * sender stops, systemd hears STOPPING=1, the alive file goes). */
static gboolean
terminate_cb (gpointer user_data)
{
  KioskApplication *self = user_data;

  self->term_signal_id = 0;
  g_message ("Stopping on SIGTERM");
  g_application_quit (G_APPLICATION (self));

  return G_SOURCE_REMOVE;
}

/* The kiosk shows something: a supervising systemd stops waiting. */
static void
window_mapped_cb (GtkWidget        *window,
                  KioskApplication *self)
{
  g_autoptr(GError) error = NULL;

  g_signal_handlers_disconnect_by_func (window, window_mapped_cb, self);
  if (!kiosk_watchdog_notify (self->watchdog, "READY=1\nSTATUS=Showing the kiosk", &error))
    g_warning ("%s", error->message);
}

static int
kiosk_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("ankerort %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_contains (options, "set-pin"))
    {
      g_autoptr(KioskConfig) config = kiosk_config_new_default ();

      return kiosk_set_pin_run (config, STDIN_FILENO, stdout);
    }

  return -1;
}

/* A second `ankerort --config FILE` or `--config-url URL` while the
 * kiosk runs ends up here, in the running kiosk, which applies it live
 * and tells the caller how it went. */
static int
hand_over (KioskApplication        *self,
           GApplicationCommandLine *command_line,
           const char              *config_file,
           const char              *config_url)
{
  int status = 0;

  if (config_file != NULL)
    {
      g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;

      if (kiosk_config_import_keyfile (self->config, config_file, messages, &error))
        {
          g_application_command_line_print (command_line, _("%s: applied by the running kiosk\n"),
                                            config_file);
        }
      else
        {
          for (guint i = 0; i < messages->len; i++)
            g_application_command_line_printerr (command_line, "%s\n",
                                                 (const char *) messages->pdata[i]);
          g_application_command_line_printerr (command_line, "%s\n", error->message);
          status = 1;
        }
    }

  if (config_url != NULL && self->config_sync == NULL)
    {
      g_application_command_line_printerr (command_line,
                                           _("The demo town is not configured from a URL\n"));
      status = 1;
    }
  else if (config_url != NULL)
    {
      GSettings *settings = kiosk_config_get_settings (self->config);
      g_autofree char *old = g_settings_get_string (settings, "config-url");

      g_settings_set_string (settings, "config-url", config_url);
      /* The same URL again: fetch it now all the same. */
      if (g_str_equal (old, config_url) && self->config_sync != NULL)
        kiosk_config_sync_refresh (self->config_sync);
      g_application_command_line_print (command_line,
                                        _("The running kiosk takes its configuration from %s\n"),
                                        config_url);
    }

  return status;
}

static int
kiosk_application_command_line (GApplication            *app,
                                GApplicationCommandLine *command_line)
{
  KioskApplication *self = KIOSK_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *config_file = NULL;
  const char *config_url = NULL;
  g_autofree char *config_path = NULL;

  g_variant_dict_lookup (options, "config", "^&ay", &config_file);
  g_variant_dict_lookup (options, "config-url", "&s", &config_url);
  /* Relative to where the caller ran, which may not be here. */
  if (config_file != NULL)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line,
                                                                             config_file);

      config_path = g_file_get_path (file);
    }

  if (kiosk_application_get_window (self) != NULL)
    {
      int status = hand_over (self, command_line, config_path, config_url);

      g_application_activate (app);
      return status;
    }

  self->demo = g_variant_dict_contains (options, "demo");
  /* The desktop menu starts --windowed, the kiosk session --kiosk. */
  self->windowed = g_variant_dict_contains (options, "windowed") &&
                   !g_variant_dict_contains (options, "kiosk");
  g_free (self->config_file);
  self->config_file = g_steal_pointer (&config_path);
  g_free (self->config_url);
  self->config_url = g_strdup (config_url);

  g_application_activate (app);

  return 0;
}

static void
kiosk_application_activate (GApplication *app)
{
  KioskApplication *self = KIOSK_APPLICATION (app);
  KioskWindow *window;

  window = kiosk_application_get_window (self);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  if (self->config == NULL)
    {
      if (self->demo)
        {
          g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
          g_autoptr(KioskConfig) base = kiosk_config_new_default ();
          g_autoptr(GSettingsSchema) schema = NULL;
          g_autoptr(GSettings) settings = NULL;

          g_object_get (kiosk_config_get_settings (base), "settings-schema", &schema, NULL);
          settings = g_settings_new_full (schema, backend, NULL);
          self->config = kiosk_config_new (settings);
          setup_demo (self);
        }
      else
        {
          self->config = kiosk_config_new_default ();
        }
    }

  if (self->config_file != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!kiosk_config_import_keyfile (self->config, self->config_file, NULL, &error))
        kiosk_log_event (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, KIOSK_LOG_CONFIG_REFUSED,
                         self->config_file, "%s", error->message);
      else
        kiosk_log_event (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, KIOSK_LOG_CONFIG_APPLIED,
                         self->config_file, "Configuration %s imported", self->config_file);
    }

  if (self->config_url != NULL)
    g_settings_set_string (kiosk_config_get_settings (self->config), "config-url", self->config_url);

  kiosk_i18n_set_language (kiosk_config_get_default_language (self->config));
  update_sources (self, FALSE);
  /* The demo town is configured by the demo, never from a URL. */
  if (self->config_sync == NULL && !self->demo)
    {
      self->config_sync = kiosk_config_sync_new (self->config, self->fetcher, NULL);
      kiosk_config_sync_start (self->config_sync);
    }
  if (self->outbox == NULL)
    create_outbox (self);
  if (self->services == NULL)
    {
      g_autoptr(KioskStaffAuth) auth = NULL;
      g_autofree char *auth_path = kiosk_staff_auth_get_default_path ();

      self->services = kiosk_services_new (self->fetcher, self->sources, self->outbox);
      start_health (self);
      kiosk_services_set_database (self->services, self->database);
      /* The demo's wrong PINs never lock a real kiosk's staff out. */
      if (self->demo)
        {
          g_autofree char *dir = g_path_get_dirname (auth_path);

          g_free (auth_path);
          auth_path = g_build_filename (dir, "demo-staff-auth.ini", NULL);
        }
      auth = kiosk_staff_auth_new (auth_path);
      if (self->demo)
        kiosk_staff_auth_set_hint_pin (auth, DEMO_STAFF_PIN);
      kiosk_services_set_staff_auth (self->services, auth);
    }
  if (self->config_changed_id == 0)
    self->config_changed_id = g_signal_connect (self->config, "changed",
                                                G_CALLBACK (config_changed_cb), self);

  /* The window gets everything it needs here and never asks back. */
  window = g_object_new (KIOSK_TYPE_WINDOW,
                         "application", self,
                         "title", "Ankerort",
                         "config", self->config,
                         "services", self->services,
                         "windowed", self->windowed,
                         NULL);
  kiosk_status_sections_watch_opening (self->status_sections,
                                       kiosk_window_get_opening_state (window));
  g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), self);
  gtk_window_present (GTK_WINDOW (window));
}

static void
kiosk_application_startup (GApplication *app)
{
  KioskApplication *self = KIOSK_APPLICATION (app);
  g_autofree char *alive_file = NULL;

  G_APPLICATION_CLASS (kiosk_application_parent_class)->startup (app);

  /* A kiosk follows its own contrast setting, never a desktop's dark mode. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_default_icon_name (BASE_APPLICATION_ID);

  self->watchdog = kiosk_watchdog_new_from_environment ();
  alive_file = kiosk_watchdog_get_default_alive_file ();
  kiosk_watchdog_set_alive_file (self->watchdog, alive_file, ALIVE_INTERVAL_MS);
  kiosk_watchdog_start (self->watchdog);
  self->term_signal_id = g_unix_signal_add (SIGTERM, terminate_cb, self);
}

static gboolean
kiosk_application_dbus_register (GApplication     *app,
                                 GDBusConnection  *connection,
                                 const char       *object_path,
                                 GError          **error)
{
  KioskApplication *self = KIOSK_APPLICATION (app);

  if (!G_APPLICATION_CLASS (kiosk_application_parent_class)->dbus_register (app, connection,
                                                                            object_path, error))
    return FALSE;

  if (self->status_service == NULL)
    self->status_service = kiosk_status_service_new (self->status);
  if (!kiosk_status_service_export (self->status_service, connection, object_path, error))
    return FALSE;

  /* A non-unique application owns no bus name: the kiosk takes its id
   * anyway (a second kiosk queues behind), so that `ankerort status`
   * finds it. */
  if (g_application_get_flags (app) & G_APPLICATION_NON_UNIQUE)
    self->status_name_id = g_bus_own_name_on_connection (connection,
                                                         g_application_get_application_id (app),
                                                         G_BUS_NAME_OWNER_FLAGS_NONE,
                                                         NULL, NULL, NULL, NULL);

  return TRUE;
}

static void
kiosk_application_dbus_unregister (GApplication    *app,
                                   GDBusConnection *connection,
                                   const char      *object_path)
{
  KioskApplication *self = KIOSK_APPLICATION (app);

  g_clear_handle_id (&self->status_name_id, g_bus_unown_name);
  if (self->status_service != NULL)
    kiosk_status_service_unexport (self->status_service);

  G_APPLICATION_CLASS (kiosk_application_parent_class)->dbus_unregister (app, connection,
                                                                         object_path);
}

static void
kiosk_application_shutdown (GApplication *app)
{
  KioskApplication *self = KIOSK_APPLICATION (app);

  /* An answer in flight stays in the outbox and goes next time. */
  if (self->sender != NULL)
    kiosk_outbox_sender_stop (self->sender);
  if (self->watchdog != NULL)
    {
      kiosk_watchdog_stop (self->watchdog);
      kiosk_watchdog_notify (self->watchdog, "STOPPING=1", NULL);
    }

  G_APPLICATION_CLASS (kiosk_application_parent_class)->shutdown (app);
}

static void
kiosk_application_finalize (GObject *object)
{
  KioskApplication *self = (KioskApplication *)object;

  g_clear_object (&self->heartbeat);
  g_clear_object (&self->watchdog);
  g_clear_object (&self->status_service);
  g_clear_object (&self->status_sections);
  g_clear_object (&self->status);
  g_clear_object (&self->sender);
  g_clear_object (&self->outbox);

  g_clear_handle_id (&self->demo_signal_id, g_source_remove);
  g_clear_handle_id (&self->term_signal_id, g_source_remove);
  if (self->config != NULL)
    g_clear_signal_handler (&self->config_changed_id, self->config);
  g_clear_object (&self->config_sync);
  g_clear_object (&self->sync);
  g_clear_object (&self->services);
  g_clear_object (&self->sources);
  g_clear_object (&self->history);
  g_clear_object (&self->database);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->demo_server);
  g_clear_object (&self->config);
  g_clear_pointer (&self->config_file, g_free);
  g_clear_pointer (&self->config_url, g_free);
  g_clear_pointer (&self->demo_pin_hash, g_free);

  G_OBJECT_CLASS (kiosk_application_parent_class)->finalize (object);
}

static void
kiosk_application_class_init (KioskApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = kiosk_application_finalize;
  app_class->activate = kiosk_application_activate;
  app_class->startup = kiosk_application_startup;
  app_class->shutdown = kiosk_application_shutdown;
  app_class->command_line = kiosk_application_command_line;
  app_class->handle_local_options = kiosk_application_handle_local_options;
  app_class->dbus_register = kiosk_application_dbus_register;
  app_class->dbus_unregister = kiosk_application_dbus_unregister;
}

static void
kiosk_application_init (KioskApplication *self)
{
  g_autofree char *status_path = kiosk_status_get_default_path ();

  self->sources = kiosk_source_list_new ();
  self->status = kiosk_status_new (status_path);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Ankerort — the city’s information kiosk"));
  g_application_set_option_context_description (G_APPLICATION (self),
                                                _("Check a source or a configuration without a window:\n"
                                                  "  ankerort check KIND SOURCE [--json]\n"
                                                  "  ankerort check config FILE|URL [--kiosk-id ID] "
                                                  "[--public-key KEY] [--offline] [--json]\n\n"
                                                  "While the kiosk runs, --config and --config-url "
                                                  "hand the configuration to it.\n\n"
                                                  "Print the running kiosk’s status:\n"
                                                  "  ankerort status"));
}

KioskApplication *
kiosk_application_new (void)
{
  return g_object_new (KIOSK_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_PREFIX,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       NULL);
}

KioskConfig *
kiosk_application_get_config (KioskApplication *self)
{
  g_return_val_if_fail (KIOSK_IS_APPLICATION (self), NULL);

  return self->config;
}

KioskSourceList *
kiosk_application_get_sources (KioskApplication *self)
{
  g_return_val_if_fail (KIOSK_IS_APPLICATION (self), NULL);

  return self->sources;
}

KioskWindow *
kiosk_application_get_window (KioskApplication *self)
{
  GtkWindow *window;

  g_return_val_if_fail (KIOSK_IS_APPLICATION (self), NULL);

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

      window = windows != NULL ? windows->data : NULL;
    }

  return KIOSK_IS_WINDOW (window) ? KIOSK_WINDOW (window) : NULL;
}

gboolean
kiosk_application_get_demo (KioskApplication *self)
{
  g_return_val_if_fail (KIOSK_IS_APPLICATION (self), FALSE);

  return self->demo;
}

KioskConfigSync *
kiosk_application_get_config_sync (KioskApplication *self)
{
  g_return_val_if_fail (KIOSK_IS_APPLICATION (self), NULL);

  return self->config_sync;
}

KioskOutbox *
kiosk_application_get_outbox (KioskApplication *self)
{
  g_return_val_if_fail (KIOSK_IS_APPLICATION (self), NULL);

  return self->outbox;
}

KioskStatus *
kiosk_application_get_status (KioskApplication *self)
{
  g_return_val_if_fail (KIOSK_IS_APPLICATION (self), NULL);

  return self->status;
}
