/* test-fleet-scale.c: 100 kiosks against one server: one request per source and interval, 304s */

#include "config.h"

#include "fleet-sim.h"

static void
test_hundred_kiosks (void)
{
  FleetSim sim = { .kiosks = 100, .sources = 2, .interval = 900, .intervals = 8 };
  guint expected_mean = sim.kiosks * sim.sources / FLEET_SIM_BUCKETS;
  guint busiest = 0;

  fleet_sim_run (&sim);
  for (guint b = 0; b < FLEET_SIM_BUCKETS; b++)
    {
      g_test_message ("first interval, tenth %u: %u requests", b + 1, sim.first_interval[b]);
      busiest = MAX (busiest, sim.first_interval[b]);
    }
  g_test_message ("%u requests, %u answered 304, at most %u per source and kiosk",
                  sim.requests, sim.not_modified, sim.max_per_source);

  /* At most one request per interval per source and kiosk (and the
   * first one somewhere in the first interval). */
  g_assert_cmpuint (sim.max_per_source, <=, sim.intervals);
  g_assert_cmpuint (sim.requests, <=, sim.kiosks * sim.sources * sim.intervals);
  /* Each source was asked in every interval... */
  g_assert_cmpuint (sim.requests, >=, sim.kiosks * sim.sources * (sim.intervals * 5 / 6));
  /* ...and nothing changed since yesterday: every answer was a 304. */
  g_assert_cmpuint (sim.not_modified, ==, sim.requests);
  /* Switched on in the same second, the first requests spread over the
   * first interval instead of all in its first tenth. */
  g_assert_cmpuint (busiest, <=, 2 * expected_mean);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/fleet/hundred-kiosks", test_hundred_kiosks);

  return g_test_run ();
}
