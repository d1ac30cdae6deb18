/* bench-sensors.c: parses a FROST-like SensorThings document of about 7 MB
 * and an NGSI-v2 page of 5,000 entities the way the kiosk does (the format
 * table's parser, in a worker thread) and prints what the model keeps. A
 * benchmark, not a test: figures vary with the machine, nothing is asserted.
 *
 * Kept is the PSS (and RSS) delta in /proc/self/smaps_rollup between before
 * the document is generated (after malloc_trim ()) and after the readings
 * are built and the document freed, as the process holds it; then again
 * after malloc_trim (). Peak is VmHWM, reset before the document is
 * generated, less the RSS before. Each document is parsed
 * in a child process of its own, so neither reuses what the other freed.
 *
 * Each runs twice: with GLib's slice allocator and with G_SLICE=always-malloc.
 *
 * Usage: bench-sensors [THINGS] (default 14: about 7 MB)
 *        bench-sensors --write FILE [THINGS]: only writes the document, for
 *        a source of the kiosk (bench-kiosk --config) */

#include "config.h"

#include <stdlib.h>

#include "bench-memory.h"
#include "kiosk-format.h"
#include "kiosk-reading.h"
#include "kiosk-source-job.h"

#define DATASTREAMS 5
#define OBSERVATIONS 500   /* FROST's answer to the kiosk's $top=500 */
#define BASE "https://iot.stadt.example/FROST-Server/v1.1"

static const struct
{
  const char *property;
  const char *definition;
  const char *unit_name;
  const char *symbol;
} streams[DATASTREAMS] = {
  { "PM10", "http://dd.eionet.europa.eu/vocabulary/aq/pollutant/5",
    "Mikrogramm pro Kubikmeter", "ug/m3" },
  { "NO2", "http://dd.eionet.europa.eu/vocabulary/aq/pollutant/8",
    "Mikrogramm pro Kubikmeter", "ug/m3" },
  { "air_temperature", "http://vocab.nerc.ac.uk/standard_name/air_temperature/",
    "Grad Celsius", "Cel" },
  { "relative_humidity", "http://vocab.nerc.ac.uk/standard_name/relative_humidity/",
    "Prozent", "%" },
  { "LAeq", "https://stadt.example/def/noise", "Dezibel (A)", "dBA" },
};

/* Things with a Location and Datastreams with their ObservedProperty and
 * expanded Observations, newest first, with the links FROST writes. */
static GBytes *
make_things (guint things)
{
  g_autoptr(GString) s = g_string_new ("{\"@iot.nextLink\":\"" BASE "/Things?$skip=100\",\"value\":[");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint obs_id = 1;

  for (guint t = 0; t < things; t++)
    {
      g_string_append_printf (s, "%s{\"@iot.selfLink\":\"" BASE "/Things(%u)\",\"@iot.id\":%u,"
                              "\"name\":\"Luftmessstation %u\",\"description\":\"Luftgüte, "
                              "Wetter und Lärm an Station %u\",\"properties\":{\"operator\":"
                              "\"Stadt Musterdorf\"},"
                              "\"Locations@iot.navigationLink\":\"" BASE "/Things(%u)/Locations\","
                              "\"Locations\":[{\"@iot.selfLink\":\"" BASE "/Locations(%u)\","
                              "\"@iot.id\":%u,\"name\":\"Standort %u\",\"description\":\"Mast\","
                              "\"encodingType\":\"application/geo+json\",\"location\":{"
                              "\"type\":\"Point\",\"coordinates\":[12.37%02u,51.33%02u]}}],"
                              "\"Datastreams@iot.navigationLink\":\"" BASE "/Things(%u)/Datastreams\","
                              "\"Datastreams\":[",
                              t ? "," : "", t, t, t, t, t, t, t, t, t % 100, t % 100, t);
      for (guint d = 0; d < DATASTREAMS; d++)
        {
          guint ds = t * 100 + d;

          g_string_append_printf (s, "%s{\"@iot.selfLink\":\"" BASE "/Datastreams(%u)\","
                                  "\"@iot.id\":%u,\"name\":\"%s Station %u\","
                                  "\"description\":\"%s, Minutenwerte\",\"observationType\":"
                                  "\"http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement\","
                                  "\"unitOfMeasurement\":{\"name\":\"%s\",\"symbol\":\"%s\","
                                  "\"definition\":\"http://unitsofmeasure.org/ucum.html\"},"
                                  "\"ObservedProperty@iot.navigationLink\":\"" BASE
                                  "/Datastreams(%u)/ObservedProperty\",\"ObservedProperty\":{"
                                  "\"@iot.selfLink\":\"" BASE "/ObservedProperties(%u)\","
                                  "\"@iot.id\":%u,\"name\":\"%s\",\"definition\":\"%s\","
                                  "\"description\":\"%s\"},"
                                  "\"Observations@iot.navigationLink\":\"" BASE
                                  "/Datastreams(%u)/Observations\",\"Observations@iot.nextLink\":\""
                                  BASE "/Datastreams(%u)/Observations?$skip=%u\",\"Observations\":[",
                                  d ? "," : "", ds, ds, streams[d].property, t,
                                  streams[d].property, streams[d].unit_name, streams[d].symbol,
                                  ds, d, d, streams[d].property, streams[d].definition,
                                  streams[d].property, ds, ds, OBSERVATIONS);
          for (guint o = 0; o < OBSERVATIONS; o++)
            {
              g_autoptr(GDateTime) when = g_date_time_add_seconds (now, -(double) o * 170);
              g_autofree char *iso = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S.000Z");

              g_string_append_printf (s, "%s{\"@iot.selfLink\":\"" BASE "/Observations(%u)\","
                                      "\"@iot.id\":%u,\"phenomenonTime\":\"%s\","
                                      "\"resultTime\":\"%s\",\"result\":%u.%u}",
                                      o ? "," : "", obs_id, obs_id, iso, iso,
                                      (o * 7 + t) % 90, o % 10);
              obs_id++;
            }
          g_string_append (s, "]}");
        }
      g_string_append (s, "]}");
    }
  g_string_append (s, "]}");

  return g_string_free_to_bytes (g_steal_pointer (&s));
}

static GBytes *
make_entities (guint n)
{
  g_autoptr(GString) s = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s{\"id\":\"urn:ngsi-ld:AirQualityObserved:%u\",\"type\":\"AirQualityObserved\","
                            "\"dateObserved\":{\"type\":\"DateTime\",\"value\":\"2026-11-22T01:00:00Z\"},"
                            "\"location\":{\"type\":\"geo:json\",\"value\":{\"type\":\"Point\",\"coordinates\":[12.37,51.33]}},"
                            "\"no2\":{\"type\":\"Number\",\"value\":%u,\"metadata\":{\"unitCode\":{\"type\":\"Text\",\"value\":\"GQ\"}}}}",
                            i ? "," : "", i, i % 200);
  g_string_append_c (s, ']');

  return g_string_free_to_bytes (g_steal_pointer (&s));
}

typedef struct
{
  const KioskFormat *format;
  KioskParseContext *ctx;
  GPtrArray         *pages;
  GPtrArray         *items;
  GPtrArray         *warnings;
  GError            *error;
  gint64             time;   /* µs */
} Parse;

/* As KioskSource does with cached pages: in a worker thread, through
 * kiosk_source_parse_pages (), items handed back. */
static gpointer
parse_thread (gpointer data)
{
  Parse *p = data;
  gint64 begin = g_get_monotonic_time ();

  kiosk_source_parse_pages (p->format, p->ctx, p->pages, p->items, p->warnings, &p->error);
  p->time = g_get_monotonic_time () - begin;

  return NULL;
}

static void
run (const char *kind,
     const char *what,
     GBytes     *(*make) (guint),
     guint       n)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(KioskSourceConfig) config = kiosk_source_config_new ("bench", kind, BASE "/Things");
  Parse p = { 0, };
  BenchMemory before, after, trimmed;
  gint64 peak;
  gsize size;
  guint points = 0;

  p.format = kiosk_format_lookup (kind);
  p.ctx = kiosk_source_make_context (config, p.format, tz);
  p.pages = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_cache_page_free);
  p.items = g_ptr_array_new_with_free_func (g_object_unref);
  p.warnings = g_ptr_array_new_with_free_func (g_free);

  before = bench_memory_now (TRUE);
  bench_reset_peak ();
  {
    g_autoptr(GBytes) bytes = make (n);

    size = g_bytes_get_size (bytes);
    g_ptr_array_add (p.pages, kiosk_cache_page_new (config->url, NULL, bytes));
  }

  g_thread_join (g_thread_new ("parse", parse_thread, &p));
  if (p.error != NULL)
    {
      fprintf (stderr, "%s: %s\n", kind, p.error->message);
      exit (1);
    }
  g_ptr_array_set_size (p.pages, 0);
  for (guint i = 0; i < p.items->len; i++)
    points += kiosk_reading_get_history (g_ptr_array_index (p.items, i))->len;

  after = bench_memory_now (FALSE);
  peak = bench_proc_kib ("/proc/self/status", "VmHWM");
  trimmed = bench_memory_now (TRUE);

  printf ("%-12s %-28s %6.2f MB  %5u readings  %6u history points  %7.1f ms\n"
          "%-12s kept: PSS %+6.1f MiB, RSS %+6.1f MiB  peak %+6.1f MiB over before  "
          "(%u warnings)\n"
          "%-12s after malloc_trim (): PSS %+6.1f MiB; malloc in use %+6.2f MiB = %5.0f bytes "
          "per reading\n",
          kind, what, size / 1e6, p.items->len, points, p.time / 1000.0,
          "", (after.pss - before.pss) / 1024.0, (after.rss - before.rss) / 1024.0,
          (peak - before.rss) / 1024.0, p.warnings->len,
          "", (trimmed.pss - before.pss) / 1024.0, (trimmed.used - before.used) / 1048576.0,
          (double) (trimmed.used - before.used) / MAX (p.items->len, 1));

  g_ptr_array_unref (p.pages);
  g_ptr_array_unref (p.items);
  g_ptr_array_unref (p.warnings);
  kiosk_parse_context_free (p.ctx);
}

typedef struct
{
  guint       things;
  const char *what;
} Documents;

static void
run_one (guint    i,
         gpointer data)
{
  Documents *docs = data;

  if (i == 0)
    run ("sensorthings", docs->what, make_things, docs->things);
  else
    run ("ngsi-v2", "5,000 entities", make_entities, 5000);
}

int
main (int   argc,
      char *argv[])
{
  /* GLib reads G_SLICE before main (), so each allocator needs a process
   * started with it: GLib's own (what GLib before 2.76 does by default)
   * and malloc (what ankerort starts itself with there, see main.c). */
  static const char * const modes[] = { NULL, "always-malloc" };
  const char *things = argc > 1 ? argv[1] : "14";

  if (argc > 2 && g_str_equal (argv[1], "--write"))
    {
      g_autoptr(GBytes) bytes = make_things (argc > 3 ? (guint) atoi (argv[3]) : 14);
      g_autoptr(GError) error = NULL;

      if (!g_file_set_contents (argv[2], g_bytes_get_data (bytes, NULL),
                                (gssize) g_bytes_get_size (bytes), &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      return 0;
    }
  if (argc > 2 && g_str_equal (argv[2], "--run"))
    {
      g_autofree char *what = g_strdup_printf ("%s Things × %u × %u obs.", things,
                                               DATASTREAMS, OBSERVATIONS);
      Documents docs = { (guint) atoi (things), what };

      return bench_each_in_child (2, run_one, &docs) ? 0 : 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_auto(GStrv) env = g_get_environ ();
      const char *child_argv[] = { argv[0], things, "--run", NULL };
      g_autoptr(GError) error = NULL;
      int status = 0;

      env = modes[i] != NULL ? g_environ_setenv (g_steal_pointer (&env), "G_SLICE", modes[i], TRUE)
                             : g_environ_unsetenv (g_steal_pointer (&env), "G_SLICE");
      printf ("G_SLICE=%s (GLib %u.%u.%u)\n", modes[i] != NULL ? modes[i] : "",
              glib_major_version, glib_minor_version, glib_micro_version);
      fflush (stdout);
      if (!g_spawn_sync (NULL, (char **) child_argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                         NULL, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
    }

  return 0;
}
