/* test-staff-auth.c: the staff PIN's hash, its check and the lockout across restarts */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include <sodium.h>
#include <stdio.h>
#include <unistd.h>

#include "kiosk-config.h"
#include "kiosk-set-pin.h"
#include "kiosk-staff-auth.h"

typedef struct
{
  gint64 now;
} FakeClock;

static gint64
fake_clock (gpointer user_data)
{
  return ((FakeClock *) user_data)->now;
}

static char *
state_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "ankerort", "staff-auth.ini", NULL);
}

static void
verify_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs a check to its end; returns its error (NULL: the right PIN). */
static GError *
verify (KioskStaffAuth *auth,
        const char     *hash,
        const char     *pin)
{
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;
  gboolean ok;

  kiosk_staff_auth_verify_async (auth, hash, pin, NULL, verify_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  ok = kiosk_staff_auth_verify_finish (auth, result, &error);
  g_assert_true (ok == (error == NULL));

  return error;
}

static void
test_hash (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = kiosk_staff_auth_hash_pin ("4711", &error);
  g_autofree char *again = kiosk_staff_auth_hash_pin ("4711", &error);

  g_assert_no_error (error);
  /* Argon2id, never the PIN itself, salted: two hashes differ. */
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_null (strstr (hash, "4711"));
  g_assert_cmpstr (hash, !=, again);

  g_assert_true (kiosk_staff_auth_pin_is_valid ("0000"));
  g_assert_true (kiosk_staff_auth_pin_is_valid ("123456789012"));
  g_assert_false (kiosk_staff_auth_pin_is_valid ("123"));
  g_assert_false (kiosk_staff_auth_pin_is_valid ("1234567890123"));
  g_assert_false (kiosk_staff_auth_pin_is_valid ("12a4"));
  g_assert_false (kiosk_staff_auth_pin_is_valid (NULL));
}

static void
test_verify (void)
{
  g_autofree char *path = state_path ();
  g_autoptr(KioskStaffAuth) auth = NULL;
  g_autofree char *hash = kiosk_staff_auth_hash_pin ("4711", NULL);
  g_autoptr(GError) error = NULL;
  FakeClock clock = { 1800000000 };

  g_unlink (path);
  auth = kiosk_staff_auth_new (path);
  kiosk_staff_auth_set_clock (auth, fake_clock, &clock);

  error = verify (auth, hash, "4711");
  g_assert_no_error (error);
  g_assert_cmpuint (kiosk_staff_auth_get_failures (auth), ==, 0);

  error = verify (auth, "", "4711");
  g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_NO_PIN);
  g_clear_error (&error);

  error = verify (auth, hash, "4712");
  g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_WRONG_PIN);
  g_clear_error (&error);
  g_assert_cmpuint (kiosk_staff_auth_get_failures (auth), ==, 1);

  /* The right PIN after the delay clears the count. */
  clock.now += kiosk_staff_auth_get_wait (auth);
  error = verify (auth, hash, "4711");
  g_assert_no_error (error);
  g_assert_cmpuint (kiosk_staff_auth_get_failures (auth), ==, 0);
  g_assert_cmpint (kiosk_staff_auth_get_wait (auth), ==, 0);
}

static void
test_lockout (void)
{
  g_autofree char *path = state_path ();
  g_autoptr(KioskStaffAuth) auth = NULL;
  g_autoptr(KioskStaffAuth) restarted = NULL;
  g_autofree char *hash = kiosk_staff_auth_hash_pin ("4711", NULL);
  g_autoptr(GError) error = NULL;
  FakeClock clock = { 1800000000 };
  gint64 last_wait = 0;

  g_unlink (path);
  auth = kiosk_staff_auth_new (path);
  kiosk_staff_auth_set_clock (auth, fake_clock, &clock);

  for (guint i = 1; i < KIOSK_STAFF_AUTH_MAX_TRIES; i++)
    {
      gint64 wait;

      error = verify (auth, hash, "0000");
      g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_WRONG_PIN);
      g_clear_error (&error);

      /* Every wrong try waits longer than the one before. */
      wait = kiosk_staff_auth_get_wait (auth);
      g_assert_cmpint (wait, >, last_wait);
      last_wait = wait;

      /* Too early: refused without a check, and not counted. */
      error = verify (auth, hash, "4711");
      g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_WAIT);
      g_clear_error (&error);
      g_assert_cmpuint (kiosk_staff_auth_get_failures (auth), ==, i);

      clock.now += wait;
    }

  error = verify (auth, hash, "0000");
  g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_true (kiosk_staff_auth_get_locked (auth));
  g_assert_cmpint (kiosk_staff_auth_get_wait (auth), ==, KIOSK_STAFF_AUTH_LOCKOUT_S);

  /* Even the right PIN is refused while locked. */
  clock.now += KIOSK_STAFF_AUTH_LOCKOUT_S - 1;
  error = verify (auth, hash, "4711");
  g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_LOCKED);
  g_clear_error (&error);

  /* A restart (a new object on the same file) is still locked. */
  restarted = kiosk_staff_auth_new (path);
  kiosk_staff_auth_set_clock (restarted, fake_clock, &clock);
  g_assert_true (kiosk_staff_auth_get_locked (restarted));
  g_assert_cmpint (kiosk_staff_auth_get_wait (restarted), ==, 1);

  /* A clock set back an hour does not stretch the lockout. */
  clock.now -= 3600;
  g_assert_cmpint (kiosk_staff_auth_get_wait (restarted), <=, KIOSK_STAFF_AUTH_LOCKOUT_S);
  clock.now += 3600;

  /* After the lockout one wrong try locks again at once... */
  clock.now += 1;
  g_assert_false (kiosk_staff_auth_get_locked (restarted));
  error = verify (restarted, hash, "9999");
  g_assert_error (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_LOCKED);
  g_clear_error (&error);

  /* ...and the right one after it opens and clears the count. */
  clock.now += KIOSK_STAFF_AUTH_LOCKOUT_S;
  error = verify (restarted, hash, "4711");
  g_assert_no_error (error);
  g_clear_object (&restarted);
  restarted = kiosk_staff_auth_new (path);
  g_assert_cmpuint (kiosk_staff_auth_get_failures (restarted), ==, 0);
}

/* A state file that cannot be read locks instead of opening. */
static void
test_unreadable_state (void)
{
  g_autofree char *path = state_path ();
  g_autoptr(KioskStaffAuth) auth = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, "\xff\xfe not a keyfile [[[", -1, NULL));
  g_test_expect_message ("kiosk-staff-auth", G_LOG_LEVEL_WARNING, "*cannot be read*locked*");
  auth = kiosk_staff_auth_new (path);
  g_test_assert_expected_messages ();
  g_assert_true (kiosk_staff_auth_get_locked (auth));
}

/* `ankerort --set-pin` with @input on its standard input. */
static int
set_pin (KioskConfig *config,
         const char  *input)
{
  int fds[2];
  FILE *output = tmpfile ();
  int status;

  g_assert_cmpint (pipe (fds), ==, 0);
  g_assert_cmpint (write (fds[1], input, strlen (input)), ==, (gssize) strlen (input));
  close (fds[1]);
  status = kiosk_set_pin_run (config, fds[0], output);
  close (fds[0]);
  fclose (output);

  return status;
}

static void
test_set_pin (void)
{
  g_autoptr(KioskConfig) config = kiosk_config_new_default ();
  GSettings *settings = kiosk_config_get_settings (config);
  g_autofree char *hash = NULL;
  g_autofree char *unchanged = NULL;

  g_settings_reset (settings, "staff-pin-hash");
  g_assert_cmpint (set_pin (config, "4711\n4711\n"), ==, EXIT_SUCCESS);
  hash = g_settings_get_string (settings, "staff-pin-hash");
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_cmpint (crypto_pwhash_str_verify (hash, "4711", 4), ==, 0);

  /* Two different PINs, or no PIN, change nothing. */
  g_assert_cmpint (set_pin (config, "4711\n4712\n"), ==, EXIT_FAILURE);
  g_assert_cmpint (set_pin (config, "12\n12\n"), ==, EXIT_FAILURE);
  g_assert_cmpint (set_pin (config, ""), ==, EXIT_FAILURE);
  unchanged = g_settings_get_string (settings, "staff-pin-hash");
  g_assert_cmpstr (unchanged, ==, hash);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/staff-auth/hash", test_hash);
  g_test_add_func ("/staff-auth/verify", test_verify);
  g_test_add_func ("/staff-auth/lockout", test_lockout);
  g_test_add_func ("/staff-auth/unreadable-state", test_unreadable_state);
  g_test_add_func ("/staff-auth/set-pin", test_set_pin);

  return g_test_run ();
}
