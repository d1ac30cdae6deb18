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
#include "kiosk-demo.h"
#include "kiosk-i18n.h"
#include "kiosk-outbox-sender.h"
#include "kiosk-reading-history.h"
#include "kiosk-services.h"
#include "kiosk-set-pin.h"
#include "kiosk-staff-auth.h"
#include "kiosk-sync.h"
#include "kiosk-window.h"

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
  KioskDemoServer *demo_server;
  guint            demo_signal_id;
  gulong           config_changed_id;
  char            *config_file;
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
  { "config", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import a configuration keyfile into the settings"), N_("FILE") },
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
      kiosk_sync_start (self->sync);
    }
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

static int
kiosk_application_command_line (GApplication            *app,
                                GApplicationCommandLine *command_line)
{
  KioskApplication *self = KIOSK_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *config_file = NULL;

  self->demo = g_variant_dict_contains (options, "demo");
  self->windowed = g_variant_dict_contains (options, "windowed");
  g_variant_dict_lookup (options, "config", "^&ay", &config_file);
  g_free (self->config_file);
  self->config_file = g_strdup (config_file);

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
        g_warning ("%s", error->message);
    }

  kiosk_i18n_set_language (kiosk_config_get_default_language (self->config));
  update_sources (self, FALSE);
  if (self->outbox == NULL)
    create_outbox (self);
  if (self->services == NULL)
    {
      g_autoptr(KioskStaffAuth) auth = NULL;
      g_autofree char *auth_path = kiosk_staff_auth_get_default_path ();

      self->services = kiosk_services_new (self->fetcher, self->sources, self->outbox);
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
  gtk_window_present (GTK_WINDOW (window));
}

static void
kiosk_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (kiosk_application_parent_class)->startup (app);

  /* A kiosk follows its own contrast setting, never a desktop's dark mode. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_default_icon_name (BASE_APPLICATION_ID);
}

static void
kiosk_application_shutdown (GApplication *app)
{
  KioskApplication *self = KIOSK_APPLICATION (app);

  /* An answer in flight stays in the outbox and goes next time. */
  if (self->sender != NULL)
    kiosk_outbox_sender_stop (self->sender);

  G_APPLICATION_CLASS (kiosk_application_parent_class)->shutdown (app);
}

static void
kiosk_application_finalize (GObject *object)
{
  KioskApplication *self = (KioskApplication *)object;

  g_clear_object (&self->sender);
  g_clear_object (&self->outbox);

  g_clear_handle_id (&self->demo_signal_id, g_source_remove);
  if (self->config != NULL)
    g_clear_signal_handler (&self->config_changed_id, self->config);
  g_clear_object (&self->sync);
  g_clear_object (&self->services);
  g_clear_object (&self->sources);
  g_clear_object (&self->history);
  g_clear_object (&self->database);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->demo_server);
  g_clear_object (&self->config);
  g_clear_pointer (&self->config_file, g_free);
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
}

static void
kiosk_application_init (KioskApplication *self)
{
  self->sources = kiosk_source_list_new ();

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Ankerort — the city’s information kiosk"));
  g_application_set_option_context_description (G_APPLICATION (self),
                                                _("Check a source without a window:\n"
                                                  "  ankerort check KIND SOURCE [--json]"));
}

KioskApplication *
kiosk_application_new (void)
{
  return g_object_new (KIOSK_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_PREFIX,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE,
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

KioskOutbox *
kiosk_application_get_outbox (KioskApplication *self)
{
  g_return_val_if_fail (KIOSK_IS_APPLICATION (self), NULL);

  return self->outbox;
}
