/* kiosk-staff-auth.c: the staff PIN: Argon2id hashes, checks off the main thread, lockout
 *
 * The wrong tries are kept in a small keyfile of their own under
 * $XDG_STATE_HOME/ankerort, not in the settings or the cache database:
 * the demo's settings live in memory, the cache may be cleared from the
 * staff panel itself, and a keyfile written with g_file_set_contents ()
 * is replaced atomically, so a power cut leaves the old count or the new
 * one, never none. */

#define G_LOG_DOMAIN "kiosk-staff-auth"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <sodium.h>
#include <string.h>

#include "kiosk-staff-auth.h"

struct _KioskStaffAuth
{
  GObject              parent_instance;

  /* owned */
  char                *state_path;
  char                *hint_pin;
  guint                failures;
  gint64               last_failure;   /* seconds since the epoch */

  /* borrowed */
  KioskStaffAuthClock  clock;
  gpointer             clock_data;
};

G_DEFINE_FINAL_TYPE (KioskStaffAuth, kiosk_staff_auth, G_TYPE_OBJECT)
G_DEFINE_QUARK (kiosk-staff-auth-error-quark, kiosk_staff_auth_error)

#define GROUP "Staff"

typedef struct
{
  char *hash;
  char *pin;
} VerifyData;

static void
verify_data_free (VerifyData *data)
{
  g_free (data->hash);
  if (data->pin != NULL)
    sodium_memzero (data->pin, strlen (data->pin));
  g_free (data->pin);
  g_free (data);
}

static gint64
real_clock (gpointer user_data)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gint64
now (KioskStaffAuth *self)
{
  return self->clock (self->clock_data);
}

/* How long a try must wait after @failures wrong ones in a row: 2, 4, 8,
 * 16 seconds, then the lockout. */
static gint64
delay_after (guint failures)
{
  if (failures == 0)
    return 0;
  if (failures >= KIOSK_STAFF_AUTH_MAX_TRIES)
    return KIOSK_STAFF_AUTH_LOCKOUT_S;

  return (gint64) 1 << failures;
}

static gboolean
ensure_sodium (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_FAILED,
                   "libsodium could not be initialised");
      return FALSE;
    }

  return TRUE;
}

static void
load_state (KioskStaffAuth *self)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  gint64 failures;

  if (!g_key_file_load_from_file (keyfile, self->state_path, G_KEY_FILE_NONE, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          /* Unreadable state must not open the door: count it as locked. */
          g_warning ("Staff PIN state %s cannot be read (%s): locked for %d minutes",
                     self->state_path, error->message, KIOSK_STAFF_AUTH_LOCKOUT_S / 60);
          self->failures = KIOSK_STAFF_AUTH_MAX_TRIES;
          self->last_failure = now (self);
        }
      return;
    }

  failures = g_key_file_get_int64 (keyfile, GROUP, "failures", NULL);
  self->failures = (guint) CLAMP (failures, 0, KIOSK_STAFF_AUTH_MAX_TRIES);
  self->last_failure = g_key_file_get_int64 (keyfile, GROUP, "last-failure", NULL);
}

static void
save_state (KioskStaffAuth *self)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (self->state_path);
  g_autofree char *data = NULL;

  g_key_file_set_int64 (keyfile, GROUP, "failures", self->failures);
  g_key_file_set_int64 (keyfile, GROUP, "last-failure", self->last_failure);
  data = g_key_file_to_data (keyfile, NULL, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (self->state_path, data, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error))
    g_warning ("Staff PIN state %s cannot be written: %s", self->state_path,
               error != NULL ? error->message : g_strerror (errno));
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  VerifyData *data = task_data;

  g_task_return_boolean (task, crypto_pwhash_str_verify (data->hash, data->pin,
                                                         strlen (data->pin)) == 0);
}

static void
hash_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  VerifyData *data = task_data;
  GError *error = NULL;
  char *hash = kiosk_staff_auth_hash_pin (data->pin, &error);

  if (hash == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hash, g_free);
}

static void
kiosk_staff_auth_finalize (GObject *object)
{
  KioskStaffAuth *self = (KioskStaffAuth *)object;

  g_clear_pointer (&self->state_path, g_free);
  g_clear_pointer (&self->hint_pin, g_free);

  G_OBJECT_CLASS (kiosk_staff_auth_parent_class)->finalize (object);
}

static void
kiosk_staff_auth_class_init (KioskStaffAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_staff_auth_finalize;
}

static void
kiosk_staff_auth_init (KioskStaffAuth *self)
{
  self->clock = real_clock;
}

char *
kiosk_staff_auth_hash_pin (const char  *pin,
                           GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (pin != NULL, NULL);

  if (!ensure_sodium (error))
    return NULL;

  if (crypto_pwhash_str_alg (hash, pin, strlen (pin),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_FAILED,
                   "The PIN could not be hashed (out of memory?)");
      return NULL;
    }

  return g_strdup (hash);
}

gboolean
kiosk_staff_auth_pin_is_valid (const char *pin)
{
  gsize len;

  if (pin == NULL)
    return FALSE;

  len = strlen (pin);
  if (len < KIOSK_STAFF_PIN_MIN_DIGITS || len > KIOSK_STAFF_PIN_MAX_DIGITS)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (pin[i]))
        return FALSE;
    }

  return TRUE;
}

char *
kiosk_staff_auth_get_default_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "ankerort", "staff-auth.ini", NULL);
}

KioskStaffAuth *
kiosk_staff_auth_new (const char *state_path)
{
  KioskStaffAuth *self;

  g_return_val_if_fail (state_path != NULL, NULL);

  self = g_object_new (KIOSK_TYPE_STAFF_AUTH, NULL);
  self->state_path = g_strdup (state_path);
  load_state (self);

  return self;
}

const char *
kiosk_staff_auth_get_state_path (KioskStaffAuth *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_AUTH (self), NULL);

  return self->state_path;
}

void
kiosk_staff_auth_set_clock (KioskStaffAuth      *self,
                            KioskStaffAuthClock  clock,
                            gpointer             user_data)
{
  g_return_if_fail (KIOSK_IS_STAFF_AUTH (self));

  self->clock = clock != NULL ? clock : real_clock;
  self->clock_data = user_data;
}

void
kiosk_staff_auth_set_hint_pin (KioskStaffAuth *self,
                               const char     *pin)
{
  g_return_if_fail (KIOSK_IS_STAFF_AUTH (self));

  g_free (self->hint_pin);
  self->hint_pin = g_strdup (pin);
}

const char *
kiosk_staff_auth_get_hint_pin (KioskStaffAuth *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_AUTH (self), NULL);

  return self->hint_pin;
}

guint
kiosk_staff_auth_get_failures (KioskStaffAuth *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_AUTH (self), 0);

  return self->failures;
}

gint64
kiosk_staff_auth_get_wait (KioskStaffAuth *self)
{
  gint64 delay, elapsed;

  g_return_val_if_fail (KIOSK_IS_STAFF_AUTH (self), 0);

  delay = delay_after (self->failures);
  elapsed = now (self) - self->last_failure;
  /* A clock set back must not stretch the wait beyond its length. */
  if (elapsed < 0)
    elapsed = 0;

  return MAX (delay - elapsed, 0);
}

gboolean
kiosk_staff_auth_get_locked (KioskStaffAuth *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_AUTH (self), FALSE);

  return self->failures >= KIOSK_STAFF_AUTH_MAX_TRIES && kiosk_staff_auth_get_wait (self) > 0;
}

void
kiosk_staff_auth_verify_async (KioskStaffAuth      *self,
                               const char          *hash,
                               const char          *pin,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  VerifyData *data;
  gint64 wait;

  g_return_if_fail (KIOSK_IS_STAFF_AUTH (self));
  g_return_if_fail (pin != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_staff_auth_verify_async);

  if (hash == NULL || *hash == '\0')
    {
      g_task_return_new_error (task, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_NO_PIN,
                               "No staff PIN is set (ankerort --set-pin)");
      return;
    }
  if (!ensure_sodium (&error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  wait = kiosk_staff_auth_get_wait (self);
  if (wait > 0)
    {
      gboolean locked = self->failures >= KIOSK_STAFF_AUTH_MAX_TRIES;

      g_task_return_new_error (task, KIOSK_STAFF_AUTH_ERROR,
                               locked ? KIOSK_STAFF_AUTH_ERROR_LOCKED : KIOSK_STAFF_AUTH_ERROR_WAIT,
                               "Staff PIN: %s for %" G_GINT64_FORMAT " more seconds",
                               locked ? "locked" : "wait", wait);
      return;
    }

  /* Counted first: the check is slow, and a crash or kill during it must
   * not give the try back. After a lockout every wrong try locks again
   * until the right PIN is entered. */
  self->failures = MIN (self->failures + 1, KIOSK_STAFF_AUTH_MAX_TRIES);
  self->last_failure = now (self);
  save_state (self);

  data = g_new0 (VerifyData, 1);
  data->hash = g_strdup (hash);
  data->pin = g_strdup (pin);
  g_task_set_task_data (task, data, (GDestroyNotify) verify_data_free);
  g_task_run_in_thread (task, verify_thread);
}

gboolean
kiosk_staff_auth_verify_finish (KioskStaffAuth  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean right;

  g_return_val_if_fail (KIOSK_IS_STAFF_AUTH (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kiosk_staff_auth_verify_async,
                        FALSE);

  right = g_task_propagate_boolean (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (right)
    {
      self->failures = 0;
      self->last_failure = 0;
      save_state (self);
      return TRUE;
    }

  if (self->failures >= KIOSK_STAFF_AUTH_MAX_TRIES)
    g_set_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_LOCKED,
                 "Wrong staff PIN %u times: locked for %d minutes",
                 self->failures, KIOSK_STAFF_AUTH_LOCKOUT_S / 60);
  else
    g_set_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_WRONG_PIN,
                 "Wrong staff PIN (%u of %d tries)", self->failures, KIOSK_STAFF_AUTH_MAX_TRIES);

  return FALSE;
}

void
kiosk_staff_auth_hash_async (KioskStaffAuth      *self,
                             const char          *pin,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  VerifyData *data;

  g_return_if_fail (KIOSK_IS_STAFF_AUTH (self));
  g_return_if_fail (pin != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_staff_auth_hash_async);
  data = g_new0 (VerifyData, 1);
  data->pin = g_strdup (pin);
  g_task_set_task_data (task, data, (GDestroyNotify) verify_data_free);
  g_task_run_in_thread (task, hash_thread);
}

char *
kiosk_staff_auth_hash_finish (KioskStaffAuth  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_AUTH (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
