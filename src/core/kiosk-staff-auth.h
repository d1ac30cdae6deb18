/* kiosk-staff-auth.h: the staff PIN: Argon2id hashes, checks off the main thread, lockout */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KIOSK_STAFF_AUTH_ERROR (kiosk_staff_auth_error_quark ())

typedef enum
{
  KIOSK_STAFF_AUTH_ERROR_FAILED,
  KIOSK_STAFF_AUTH_ERROR_NO_PIN,     /* no hash set: there is no staff entry */
  KIOSK_STAFF_AUTH_ERROR_WRONG_PIN,
  KIOSK_STAFF_AUTH_ERROR_WAIT,       /* a wrong PIN just now: wait before the next try */
  KIOSK_STAFF_AUTH_ERROR_LOCKED,     /* too many wrong PINs: locked for a while */
} KioskStaffAuthError;

/* Wrong tries before the lockout, and how long it lasts. */
#define KIOSK_STAFF_AUTH_MAX_TRIES     5
#define KIOSK_STAFF_AUTH_LOCKOUT_S     (15 * 60)
/* A PIN has this many digits at least and at most. */
#define KIOSK_STAFF_PIN_MIN_DIGITS     4
#define KIOSK_STAFF_PIN_MAX_DIGITS     12

#define KIOSK_TYPE_STAFF_AUTH (kiosk_staff_auth_get_type ())

G_DECLARE_FINAL_TYPE (KioskStaffAuth, kiosk_staff_auth, KIOSK, STAFF_AUTH, GObject)

/* Seconds since the epoch; tests pass their own clock. */
typedef gint64 (*KioskStaffAuthClock) (gpointer user_data);

GQuark          kiosk_staff_auth_error_quark     (void);

/* The Argon2id hash of @pin as crypto_pwhash_str writes it. Slow on
 * purpose (some 0.1 s and 64 MiB): not on the main thread. */
char           *kiosk_staff_auth_hash_pin        (const char          *pin,
                                                  GError             **error);
/* Digits only, KIOSK_STAFF_PIN_MIN_DIGITS to _MAX_DIGITS of them. */
gboolean        kiosk_staff_auth_pin_is_valid    (const char          *pin);
/* The default place of the lockout state: $XDG_STATE_HOME/ankerort/staff-auth.ini. */
char           *kiosk_staff_auth_get_default_path (void);

/* The wrong tries and the lockout live in the keyfile at @state_path, so
 * that a restart does not reset them. */
KioskStaffAuth *kiosk_staff_auth_new             (const char          *state_path);
const char     *kiosk_staff_auth_get_state_path  (KioskStaffAuth      *self);
void            kiosk_staff_auth_set_clock       (KioskStaffAuth      *self,
                                                  KioskStaffAuthClock  clock,
                                                  gpointer             user_data);
/* The PIN the pad shows (the demo's); NULL for none. */
void            kiosk_staff_auth_set_hint_pin    (KioskStaffAuth      *self,
                                                  const char          *pin);
const char     *kiosk_staff_auth_get_hint_pin    (KioskStaffAuth      *self);

guint           kiosk_staff_auth_get_failures    (KioskStaffAuth      *self);
/* Seconds until the next try is allowed (a delay or the lockout); 0: now. */
gint64          kiosk_staff_auth_get_wait        (KioskStaffAuth      *self);
gboolean        kiosk_staff_auth_get_locked      (KioskStaffAuth      *self);

/* Checks @pin against @hash in a worker thread. A wrong PIN is counted
 * before the check starts, so ending the process during it does not
 * save a try. Errors: KIOSK_STAFF_AUTH_ERROR_NO_PIN, _WRONG_PIN, _WAIT, _LOCKED. */
void            kiosk_staff_auth_verify_async    (KioskStaffAuth      *self,
                                                  const char          *hash,
                                                  const char          *pin,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean        kiosk_staff_auth_verify_finish   (KioskStaffAuth      *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* Hashes @pin in a worker thread; the hash is the result. */
void            kiosk_staff_auth_hash_async      (KioskStaffAuth      *self,
                                                  const char          *pin,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
char           *kiosk_staff_auth_hash_finish     (KioskStaffAuth      *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
