/* kiosk-config-sync.c: keeps the kiosk's settings in line with the fleet's config URL */

#define G_LOG_DOMAIN "kiosk-config-sync"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kiosk-config-sync.h"
#include "kiosk-enums.h"
#include "kiosk-log.h"
#include "kiosk-redact.h"

#define STATE_GROUP  "Fetched"
#define FILE_NAME    "fleet.conf"
#define SIG_NAME     "fleet.conf.minisig"
#define META_NAME    "fleet.state"
#define MAX_JITTER   0.2    /* each wait is up to this fraction longer, never shorter */

struct _KioskConfigSync
{
  GObject                parent_instance;

  /* owned */
  KioskConfig           *config;
  KioskFetcher          *fetcher;
  GCancellable          *cancellable;
  char                  *state_dir;
  char                  *url;             /* being fetched */
  KioskFetchResponse    *response;        /* the file while its signature is fetched */
  char                  *error;
  GDateTime             *last_attempt;
  GDateTime             *last_applied;
  KioskConfigSyncResult  result;
  guint                  fetches;
  guint                  timer_id;
  gboolean               started;
  gboolean               busy;
  gboolean               again;           /* the URL or key changed during a fetch */
};

enum {
  PROP_0,
  PROP_RESULT,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (KioskConfigSync, kiosk_config_sync, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
state_path (KioskConfigSync *self,
            const char      *name)
{
  return g_build_filename (self->state_dir, name, NULL);
}

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;

  return g_bytes_new_take (contents, length);
}

static char *
configured_url (KioskConfigSync *self)
{
  return g_settings_get_string (kiosk_config_get_settings (self->config), "config-url");
}

static gboolean
timer_cb (gpointer user_data)
{
  KioskConfigSync *self = user_data;

  self->timer_id = 0;
  kiosk_config_sync_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
schedule (KioskConfigSync *self)
{
  guint minutes = g_settings_get_uint (kiosk_config_get_settings (self->config), "config-refresh");
  double factor = 1.0 + g_random_double_range (0, MAX_JITTER);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (!self->started)
    return;

  /* Later, never sooner: a fleet costs at most one request per interval
   * per kiosk, and the kiosks drift apart over the interval. */
  self->timer_id = g_timeout_add_seconds ((guint) (minutes * 60 * factor), timer_cb, self);
}

static void
finish (KioskConfigSync       *self,
        KioskConfigSyncResult  result,
        const char            *error)
{
  self->busy = FALSE;
  self->result = result;
  g_free (self->error);
  self->error = g_strdup (error);
  g_clear_pointer (&self->response, kiosk_fetch_response_free);

  /* Applied and refused are events staff filter on; not fetched is the
   * network's, like a source's. */
  if (result == KIOSK_CONFIG_SYNC_REFUSED || result == KIOSK_CONFIG_SYNC_APPLIED)
    {
      g_autofree char *shown = kiosk_redact_uri (self->url);

      if (result == KIOSK_CONFIG_SYNC_REFUSED)
        kiosk_log_event (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, KIOSK_LOG_CONFIG_REFUSED, shown,
                         "%s", error);
      else
        kiosk_log_event (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, KIOSK_LOG_CONFIG_APPLIED, shown,
                         "Fleet configuration from %s applied", shown);
    }
  else if (error != NULL)
    {
      g_warning ("%s", error);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
  g_signal_emit (self, signals[FINISHED], 0, result);

  if (self->again)
    {
      self->again = FALSE;
      kiosk_config_sync_refresh (self);
    }
  else
    schedule (self);
}

/* Written before it is applied: a kiosk that restarts offline starts
 * from the file it last took. */
static void
keep (KioskConfigSync    *self,
      KioskFetchResponse *response,
      GBytes             *signature)
{
  g_autoptr(GKeyFile) meta = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *file_path = state_path (self, FILE_NAME);
  g_autofree char *sig_path = state_path (self, SIG_NAME);
  g_autofree char *meta_path = state_path (self, META_NAME);
  gconstpointer data;
  gsize length;

  if (g_mkdir_with_parents (self->state_dir, 0700) != 0)
    {
      g_warning ("Cannot keep the fleet configuration in %s: %s",
                 self->state_dir, g_strerror (errno));
      return;
    }

  data = g_bytes_get_data (response->bytes, &length);
  if (!g_file_set_contents (file_path, data != NULL ? data : "", length, &error))
    {
      g_warning ("Cannot keep the fleet configuration: %s", error->message);
      return;
    }
  if (signature != NULL)
    g_file_set_contents (sig_path, g_bytes_get_data (signature, NULL),
                         g_bytes_get_size (signature), NULL);
  else
    g_unlink (sig_path);

  g_key_file_set_string (meta, STATE_GROUP, "url", self->url);
  if (response->etag != NULL)
    g_key_file_set_string (meta, STATE_GROUP, "etag", response->etag);
  if (response->last_modified != NULL)
    g_key_file_set_string (meta, STATE_GROUP, "last-modified", response->last_modified);
  if (!g_key_file_save_to_file (meta, meta_path, &error))
    g_warning ("Cannot keep the fleet configuration's state: %s", error->message);
}

static gboolean
take (KioskConfigSync  *self,
      GBytes           *data,
      GBytes           *signature,
      const char       *name,
      GError          **error)
{
  static const char * const commands[] = { "display-off-command", "display-on-command" };
  g_autoptr(KioskConfigFile) file = kiosk_config_read_file (self->config, data, signature, name, error);
  g_autofree char *public_key = NULL;

  if (file == NULL)
    return FALSE;

  /* Whoever can change an unsigned file on the network would run commands
   * on every kiosk: commands come only in a signed file. */
  public_key = g_settings_get_string (kiosk_config_get_settings (self->config), "config-public-key");
  for (guint i = 0; *public_key == '\0' && i < G_N_ELEMENTS (commands); i++)
    {
      GVariant *value = g_hash_table_lookup (file->values, commands[i]);

      if (value != NULL && *g_variant_get_string (value, NULL) != '\0')
        {
          g_set_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_INVALID_VALUE,
                       _("%s: refused: %s runs a command, which a kiosk only takes from a signed configuration (config-public-key)"),
                       name, commands[i]);
          return FALSE;
        }
    }

  for (guint i = 0; i < file->problems->len; i++)
    {
      g_autofree char *line = kiosk_config_problem_to_string (file->problems->pdata[i], name);

      g_warning ("%s", line);
    }

  return kiosk_config_apply_file (self->config, file, error);
}

static void
apply_fetched (KioskConfigSync *self,
               GBytes          *signature)
{
  g_autofree char *shown = kiosk_redact_uri (self->url);
  g_autoptr(GError) error = NULL;

  if (!take (self, self->response->bytes, signature, shown, &error))
    {
      finish (self, KIOSK_CONFIG_SYNC_REFUSED, error->message);
      return;
    }

  keep (self, self->response, signature);
  g_clear_pointer (&self->last_applied, g_date_time_unref);
  self->last_applied = g_date_time_new_now_utc ();
  finish (self, KIOSK_CONFIG_SYNC_APPLIED, NULL);
}

static void
signature_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KioskConfigSync) self = user_data;
  g_autoptr(KioskFetchResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = kiosk_fetcher_fetch_finish (KIOSK_FETCHER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->fetches++;
  /* A missing signature is refused below, with the key's id. */
  if (response == NULL)
    g_debug ("No signature: %s", error->message);

  apply_fetched (self, response != NULL ? response->bytes : NULL);
}

static void
file_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(KioskConfigSync) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *public_key = NULL;
  g_autofree char *sig_url = NULL;

  self->response = kiosk_fetcher_fetch_finish (KIOSK_FETCHER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->fetches++;
  if (self->response == NULL)
    {
      g_autofree char *shown = kiosk_redact_uri (self->url);
      g_autofree char *message = g_strdup_printf (_("%s: not fetched, the last good configuration stays: %s"),
                                                  shown, error->message);

      finish (self, KIOSK_CONFIG_SYNC_FAILED, message);
      return;
    }
  if (self->response->not_modified)
    {
      finish (self, KIOSK_CONFIG_SYNC_UNCHANGED, NULL);
      return;
    }

  public_key = g_settings_get_string (kiosk_config_get_settings (self->config), "config-public-key");
  if (*public_key == '\0')
    {
      apply_fetched (self, NULL);
      return;
    }

  sig_url = g_strconcat (self->url, ".minisig", NULL);
  kiosk_fetcher_fetch_async (self->fetcher, sig_url, NULL, NULL, NULL, self->cancellable,
                             signature_cb, g_object_ref (self));
}

static void
config_changed_cb (KioskConfig     *config,
                   const char      *key,
                   KioskConfigSync *self)
{
  if (!self->started)
    return;

  if (g_str_equal (key, "config-url") || g_str_equal (key, "config-public-key"))
    kiosk_config_sync_refresh (self);
  else if (g_str_equal (key, "config-refresh") && !self->busy)
    schedule (self);
}

static void
kiosk_config_sync_dispose (GObject *object)
{
  KioskConfigSync *self = (KioskConfigSync *)object;

  kiosk_config_sync_stop (self);
  if (self->config != NULL)
    g_signal_handlers_disconnect_by_data (self->config, self);
  g_clear_object (&self->config);
  g_clear_object (&self->fetcher);

  G_OBJECT_CLASS (kiosk_config_sync_parent_class)->dispose (object);
}

static void
kiosk_config_sync_finalize (GObject *object)
{
  KioskConfigSync *self = (KioskConfigSync *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->state_dir, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->response, kiosk_fetch_response_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->last_attempt, g_date_time_unref);
  g_clear_pointer (&self->last_applied, g_date_time_unref);

  G_OBJECT_CLASS (kiosk_config_sync_parent_class)->finalize (object);
}

static void
kiosk_config_sync_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KioskConfigSync *self = KIOSK_CONFIG_SYNC (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      g_value_set_enum (value, self->result);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_config_sync_class_init (KioskConfigSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_config_sync_dispose;
  object_class->finalize = kiosk_config_sync_finalize;
  object_class->get_property = kiosk_config_sync_get_property;

  properties[PROP_RESULT] =
    g_param_spec_enum ("result", NULL, NULL,
                       KIOSK_TYPE_CONFIG_SYNC_RESULT, KIOSK_CONFIG_SYNC_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After every attempt, with its result. */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, KIOSK_TYPE_CONFIG_SYNC_RESULT);
}

static void
kiosk_config_sync_init (KioskConfigSync *self)
{
  self->cancellable = g_cancellable_new ();
}

KioskConfigSync *
kiosk_config_sync_new (KioskConfig  *config,
                       KioskFetcher *fetcher,
                       const char   *state_dir)
{
  KioskConfigSync *self;

  g_return_val_if_fail (KIOSK_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KIOSK_IS_FETCHER (fetcher), NULL);

  self = g_object_new (KIOSK_TYPE_CONFIG_SYNC, NULL);
  self->config = g_object_ref (config);
  self->fetcher = g_object_ref (fetcher);
  self->state_dir = state_dir != NULL ? g_strdup (state_dir)
                                      : g_build_filename (g_get_user_state_dir (), "ankerort", NULL);
  g_signal_connect (config, "changed", G_CALLBACK (config_changed_cb), self);

  return self;
}

void
kiosk_config_sync_start (KioskConfigSync *self)
{
  g_autofree char *url = NULL;
  g_autofree char *meta_path = NULL;
  g_autoptr(GKeyFile) meta = g_key_file_new ();

  g_return_if_fail (KIOSK_IS_CONFIG_SYNC (self));

  if (self->started)
    return;
  self->started = TRUE;

  /* The last good file first: the network may not be there yet. */
  url = configured_url (self);
  meta_path = state_path (self, META_NAME);
  if (*url != '\0' && g_key_file_load_from_file (meta, meta_path, G_KEY_FILE_NONE, NULL))
    {
      g_autofree char *kept_url = g_key_file_get_string (meta, STATE_GROUP, "url", NULL);
      g_autofree char *file_path = state_path (self, FILE_NAME);
      g_autofree char *sig_path = state_path (self, SIG_NAME);
      g_autoptr(GBytes) data = read_bytes (file_path);
      g_autoptr(GBytes) signature = read_bytes (sig_path);
      g_autoptr(GError) error = NULL;

      /* Checked again: the key may have changed since. */
      if (g_strcmp0 (kept_url, url) == 0 && data != NULL &&
          !take (self, data, signature, file_path, &error))
        g_warning ("The kept fleet configuration is not used: %s", error->message);
    }

  kiosk_config_sync_refresh (self);
}

void
kiosk_config_sync_stop (KioskConfigSync *self)
{
  g_return_if_fail (KIOSK_IS_CONFIG_SYNC (self));

  self->started = FALSE;
  self->busy = FALSE;
  self->again = FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

void
kiosk_config_sync_refresh (KioskConfigSync *self)
{
  g_autofree char *url = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *last_modified = NULL;
  g_autofree char *meta_path = NULL;
  g_autofree char *file_path = NULL;
  g_autoptr(GKeyFile) meta = g_key_file_new ();

  g_return_if_fail (KIOSK_IS_CONFIG_SYNC (self));

  if (!self->started)
    return;
  if (self->busy)
    {
      self->again = TRUE;
      return;
    }

  g_clear_handle_id (&self->timer_id, g_source_remove);
  url = configured_url (self);
  if (*url == '\0')
    {
      self->result = KIOSK_CONFIG_SYNC_NONE;
      g_clear_pointer (&self->error, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
      return;
    }

  /* Conditional only for the URL the kept file came from. */
  meta_path = state_path (self, META_NAME);
  file_path = state_path (self, FILE_NAME);
  if (g_key_file_load_from_file (meta, meta_path, G_KEY_FILE_NONE, NULL) &&
      g_file_test (file_path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *kept_url = g_key_file_get_string (meta, STATE_GROUP, "url", NULL);

      if (g_strcmp0 (kept_url, url) == 0)
        {
          etag = g_key_file_get_string (meta, STATE_GROUP, "etag", NULL);
          last_modified = g_key_file_get_string (meta, STATE_GROUP, "last-modified", NULL);
        }
    }

  self->busy = TRUE;
  g_free (self->url);
  self->url = g_steal_pointer (&url);
  g_clear_pointer (&self->last_attempt, g_date_time_unref);
  self->last_attempt = g_date_time_new_now_utc ();
  kiosk_fetcher_fetch_async (self->fetcher, self->url, NULL, etag, last_modified,
                             self->cancellable, file_cb, g_object_ref (self));
}

KioskConfigSyncResult
kiosk_config_sync_get_result (KioskConfigSync *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG_SYNC (self), KIOSK_CONFIG_SYNC_NONE);

  return self->result;
}

const char *
kiosk_config_sync_get_error (KioskConfigSync *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG_SYNC (self), NULL);

  return self->error;
}

GDateTime *
kiosk_config_sync_get_last_attempt (KioskConfigSync *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG_SYNC (self), NULL);

  return self->last_attempt;
}

GDateTime *
kiosk_config_sync_get_last_applied (KioskConfigSync *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG_SYNC (self), NULL);

  return self->last_applied;
}

guint
kiosk_config_sync_get_fetches (KioskConfigSync *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG_SYNC (self), 0);

  return self->fetches;
}
