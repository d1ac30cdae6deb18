/* test-idle-monitor.c: the idle countdown, driven by the real main loop */

#include "config.h"

#include "kiosk-idle-monitor.h"

static void
idle_cb (KioskIdleMonitor *idle,
         gboolean         *fired)
{
  *fired = TRUE;
}

static gboolean
quit_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin_until (gboolean *flag)
{
  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_countdown (void)
{
  g_autoptr(KioskIdleMonitor) idle = kiosk_idle_monitor_new (2);
  gboolean fired = FALSE;
  guint remaining;

  g_signal_connect (idle, "idle", G_CALLBACK (idle_cb), &fired);

  /* Inactive (attract mode): nothing counts. */
  g_assert_cmpuint (kiosk_idle_monitor_get_remaining (idle), ==, G_MAXUINT);

  kiosk_idle_monitor_set_active (idle, TRUE);
  remaining = kiosk_idle_monitor_get_remaining (idle);
  g_assert_cmpuint (remaining, <=, 2);
  g_assert_cmpuint (remaining, >=, 1);

  spin_until (&fired);
  g_assert_true (fired);
  g_assert_false (kiosk_idle_monitor_get_active (idle));
  g_assert_cmpuint (kiosk_idle_monitor_get_remaining (idle), ==, G_MAXUINT);
}

static void
test_poke_restarts (void)
{
  g_autoptr(KioskIdleMonitor) idle = kiosk_idle_monitor_new (2);
  gboolean fired = FALSE;
  gboolean waited = FALSE;

  g_signal_connect (idle, "idle", G_CALLBACK (idle_cb), &fired);
  kiosk_idle_monitor_set_active (idle, TRUE);

  /* Input every 500 ms for 3 s keeps a 2 s timeout from firing. */
  for (guint i = 0; i < 6; i++)
    {
      waited = FALSE;
      g_timeout_add (500, quit_cb, &waited);
      spin_until (&waited);
      g_assert_false (fired);
      kiosk_idle_monitor_poke (idle);
      g_assert_cmpuint (kiosk_idle_monitor_get_remaining (idle), ==, 2);
    }

  spin_until (&fired);
  g_assert_true (fired);
}

/* A new timeout (the idle-timeout setting changed) does not cut short the
 * countdown running: the next input starts one with the new value. */
static void
test_new_timeout_from_next_input (void)
{
  g_autoptr(KioskIdleMonitor) idle = kiosk_idle_monitor_new (60);
  gboolean fired = FALSE;
  gboolean waited = FALSE;

  g_signal_connect (idle, "idle", G_CALLBACK (idle_cb), &fired);
  kiosk_idle_monitor_set_active (idle, TRUE);

  kiosk_idle_monitor_set_timeout (idle, 1);
  g_assert_cmpuint (kiosk_idle_monitor_get_timeout (idle), ==, 1);
  g_timeout_add (1500, quit_cb, &waited);
  spin_until (&waited);
  g_assert_false (fired);
  g_assert_cmpuint (kiosk_idle_monitor_get_remaining (idle), >=, 58);

  kiosk_idle_monitor_poke (idle);
  g_assert_cmpuint (kiosk_idle_monitor_get_remaining (idle), ==, 1);
  spin_until (&fired);
  g_assert_true (fired);

  /* Inactive (attract mode), the next activation counts with it at once. */
  kiosk_idle_monitor_set_timeout (idle, 2);
  kiosk_idle_monitor_set_active (idle, TRUE);
  g_assert_cmpuint (kiosk_idle_monitor_get_remaining (idle), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/idle-monitor/countdown", test_countdown);
  g_test_add_func ("/idle-monitor/poke-restarts", test_poke_restarts);
  g_test_add_func ("/idle-monitor/new-timeout-from-next-input", test_new_timeout_from_next_input);

  return g_test_run ();
}
