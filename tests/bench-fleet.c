/* bench-fleet.c: prints how a fleet's refreshes load one server (run by hand)
 * Usage: bench-fleet [KIOSKS [SOURCES [INTERVAL_SECONDS [INTERVALS]]]] */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "fleet-sim.h"

int
main (int   argc,
      char *argv[])
{
  FleetSim sim = { .kiosks = 100, .sources = 3, .interval = 900, .intervals = 12 };
  gint64 started;
  double mean;
  guint busiest = 0, quietest = G_MAXUINT;

  if (argc > 1)
    sim.kiosks = (guint) atoi (argv[1]);
  if (argc > 2)
    sim.sources = (guint) atoi (argv[2]);
  if (argc > 3)
    sim.interval = (guint) atoi (argv[3]);
  if (argc > 4)
    sim.intervals = (guint) atoi (argv[4]);

  started = g_get_monotonic_time ();
  fleet_sim_run (&sim);

  mean = (double) sim.kiosks * sim.sources / FLEET_SIM_BUCKETS;
  printf ("%u kiosks × %u sources, refresh every %u s, %u intervals after a common start\n",
          sim.kiosks, sim.sources, sim.interval, sim.intervals);
  printf ("requests: %u (bound %u), 304: %u (%.1f %%)\n", sim.requests,
          sim.kiosks * sim.sources * sim.intervals, sim.not_modified,
          sim.requests > 0 ? 100.0 * sim.not_modified / sim.requests : 0);
  printf ("most requests for one source of one kiosk: %u in %u intervals\n",
          sim.max_per_source, sim.intervals);
  printf ("requests per server-second on average: %.3f\n",
          (double) sim.requests / ((double) sim.interval * sim.intervals));
  printf ("first interval after the start, per tenth (mean %.1f):", mean);
  for (guint b = 0; b < FLEET_SIM_BUCKETS; b++)
    {
      printf (" %u", sim.first_interval[b]);
      busiest = MAX (busiest, sim.first_interval[b]);
      quietest = MIN (quietest, sim.first_interval[b]);
    }
  printf ("\nbusiest tenth %.2f × the mean, quietest %.2f ×\n", busiest / mean, quietest / mean);
  printf ("simulated in %.1f s\n", (g_get_monotonic_time () - started) / 1e6);

  return 0;
}
