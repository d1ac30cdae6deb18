/* test-watchdog.c: the sd_notify protocol against a real datagram socket */

#include "config.h"

#include <unistd.h>
#include <glib/gstdio.h>
#include <utime.h>

#include "kiosk-watchdog.h"

/* A listener like systemd's: an AF_UNIX datagram socket. */
static GSocket *
listen_at (GSocketAddress *address)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_DATAGRAM,
                         G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  g_assert_no_error (error);
  g_socket_set_blocking (socket, FALSE);

  return g_steal_pointer (&socket);
}

/* The next datagram, or NULL when none is waiting. */
static char *
receive (GSocket *socket)
{
  char buffer[4096];
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);
  if (n < 0)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
      return NULL;
    }

  return g_strndup (buffer, n);
}

static char *
socket_path (void)
{
  return g_build_filename (g_get_user_runtime_dir (), "notify-test", NULL);
}

static void
test_path_socket (void)
{
  g_autofree char *path = socket_path ();
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (path);
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(KioskWatchdog) watchdog = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_runtime_dir (), 0700), ==, 0);
  listener = listen_at (address);
  watchdog = kiosk_watchdog_new (path, 0);
  g_assert_true (kiosk_watchdog_get_enabled (watchdog));
  g_assert_true (kiosk_watchdog_notify (watchdog, "READY=1\nSTATUS=Showing the kiosk", &error));
  g_assert_no_error (error);
  got = receive (listener);
  g_assert_cmpstr (got, ==, "READY=1\nSTATUS=Showing the kiosk");

  /* No interval: no pings. */
  kiosk_watchdog_start (watchdog);
  g_assert_null (receive (listener));
}

static void
test_abstract_socket (void)
{
  g_autofree char *name = g_strdup_printf ("ankerort-notify-test-%d", getpid ());
  g_autofree char *env = g_strconcat ("@", name, NULL);
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(KioskWatchdog) watchdog = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;

  address = g_unix_socket_address_new_with_type (name, -1, G_UNIX_SOCKET_ADDRESS_ABSTRACT);
  listener = listen_at (address);

  /* As systemd hands it over. */
  g_setenv ("NOTIFY_SOCKET", env, TRUE);
  g_unsetenv ("WATCHDOG_USEC");
  watchdog = kiosk_watchdog_new_from_environment ();
  g_unsetenv ("NOTIFY_SOCKET");
  g_assert_true (kiosk_watchdog_notify (watchdog, "STOPPING=1", &error));
  g_assert_no_error (error);
  got = receive (listener);
  g_assert_cmpstr (got, ==, "STOPPING=1");
}

static guint
count_pings (GSocket *listener)
{
  guint n = 0;
  char *got;

  while ((got = receive (listener)) != NULL)
    {
      g_assert_cmpstr (got, ==, "WATCHDOG=1");
      g_free (got);
      n++;
    }

  return n;
}

/* The pings come from the main loop: while it runs they come at half the
 * interval, while it is stuck none come (and systemd would restart). */
static void
test_pings_from_main_loop (void)
{
  g_autofree char *path = socket_path ();
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (path);
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(KioskWatchdog) watchdog = NULL;
  gint64 end;
  guint n;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_runtime_dir (), 0700), ==, 0);
  g_unlink (path);
  listener = listen_at (address);
  g_setenv ("NOTIFY_SOCKET", path, TRUE);
  g_setenv ("WATCHDOG_USEC", "200000", TRUE);
  watchdog = kiosk_watchdog_new_from_environment ();
  g_unsetenv ("NOTIFY_SOCKET");
  g_unsetenv ("WATCHDOG_USEC");

  kiosk_watchdog_start (watchdog);
  end = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  n = count_pings (listener);
  /* One at once, then every 100 ms: about 11 in a second. */
  g_assert_cmpuint (n, >=, 4);
  g_assert_cmpuint (n, <=, 12);

  /* A frozen main loop sends nothing. */
  g_usleep (G_USEC_PER_SEC / 2);
  g_assert_cmpuint (count_pings (listener), ==, 0);

  /* Stopped: nothing either. */
  kiosk_watchdog_stop (watchdog);
  end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpuint (count_pings (listener), ==, 0);
}

static void
test_without_systemd (void)
{
  g_autoptr(KioskWatchdog) watchdog = NULL;
  g_autoptr(GError) error = NULL;

  g_unsetenv ("NOTIFY_SOCKET");
  g_setenv ("WATCHDOG_USEC", "200000", TRUE);
  watchdog = kiosk_watchdog_new_from_environment ();
  g_unsetenv ("WATCHDOG_USEC");
  g_assert_false (kiosk_watchdog_get_enabled (watchdog));
  g_assert_true (kiosk_watchdog_notify (watchdog, "READY=1", &error));
  g_assert_no_error (error);
  kiosk_watchdog_start (watchdog);
}

static void
test_nobody_listening (void)
{
  g_autofree char *path = g_build_filename (g_get_user_runtime_dir (), "nobody-here", NULL);
  g_autoptr(KioskWatchdog) watchdog = kiosk_watchdog_new (path, 0);
  g_autoptr(GError) error = NULL;

  g_assert_false (kiosk_watchdog_notify (watchdog, "READY=1", &error));
  g_assert_error (error, KIOSK_WATCHDOG_ERROR, KIOSK_WATCHDOG_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, path));
}

static gint64
age_seconds (const char *path)
{
  GStatBuf info;

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  return g_get_real_time () / G_USEC_PER_SEC - (gint64) info.st_mtime;
}

static void
make_old (const char *path)
{
  struct utimbuf times = { .actime = 1000000000, .modtime = 1000000000 };

  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

/* Without sd_notify (the Flatpak) the main loop renews a file's time; it
 * grows old while the main loop is stuck, and goes when the kiosk quits. */
static void
test_alive_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_runtime_dir (), "kiosk", "alive", NULL);
  g_autoptr(KioskWatchdog) watchdog = kiosk_watchdog_new (NULL, 0);
  gint64 end;

  kiosk_watchdog_set_alive_file (watchdog, path, 100);
  kiosk_watchdog_start (watchdog);
  /* Made at once, folder and all. */
  g_assert_cmpint (age_seconds (path), <=, 1);

  make_old (path);
  end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpint (age_seconds (path), <=, 1);

  /* A stuck main loop renews nothing. */
  make_old (path);
  g_usleep (G_USEC_PER_SEC / 2);
  g_assert_cmpint (age_seconds (path), >, 3600);

  kiosk_watchdog_stop (watchdog);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_default_alive_file (void)
{
  g_autofree char *native = NULL;
  g_autofree char *flatpak = NULL;

  g_unsetenv ("FLATPAK_ID");
  native = kiosk_watchdog_get_default_alive_file ();
  g_assert_true (g_str_has_prefix (native, g_get_user_runtime_dir ()));
  g_assert_true (g_str_has_suffix (native, "/ankerort/alive"));

  /* The folder a Flatpak shares with the host. */
  g_setenv ("FLATPAK_ID", "io.github.ankerort.Ankerort", TRUE);
  flatpak = kiosk_watchdog_get_default_alive_file ();
  g_unsetenv ("FLATPAK_ID");
  g_assert_true (g_str_has_suffix (flatpak, "/app/io.github.ankerort.Ankerort/alive"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/watchdog/path-socket", test_path_socket);
  g_test_add_func ("/watchdog/abstract-socket", test_abstract_socket);
  g_test_add_func ("/watchdog/pings-from-main-loop", test_pings_from_main_loop);
  g_test_add_func ("/watchdog/without-systemd", test_without_systemd);
  g_test_add_func ("/watchdog/nobody-listening", test_nobody_listening);
  g_test_add_func ("/watchdog/alive-file", test_alive_file);
  g_test_add_func ("/watchdog/default-alive-file", test_default_alive_file);

  return g_test_run ();
}
