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
 *        a source of the kiosk (bench-kiosk --config)
 *        bench-sensors --refresh [THINGS]: only the refresh benchmark
 *
 * Then (or with --refresh) the cost of refreshing: the document split into
 * pages linked by @iot.nextLink on a loopback SoupServer with ETags, a
 * KioskSource with a real fetcher and cache refreshed three times (first,
 * with nothing changed: every page answers 304 and none is parsed, and with
 * one page changed). It prints the body bytes sent, the kiosk's CPU time
 * (getrusage () user + system of the process, less the server thread's),
 * wall time and the pages parsed. */

#define _GNU_SOURCE 1  /* RUSAGE_THREAD */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "bench-memory.h"
#include "kiosk-format.h"
#include "kiosk-reading.h"
#include "kiosk-source-job.h"
#include "kiosk-source-private.h"
#include "kiosk-source.h"

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

/* Things @first to @first + @things - 1 with a Location and Datastreams
 * with their ObservedProperty and expanded Observations, newest at @now
 * and before, with the links FROST writes. */
static GBytes *
make_things_page (guint       first,
                  guint       things,
                  const char *next,
                  GDateTime  *now)
{
  g_autoptr(GString) s = g_string_new ("{");
  guint obs_id = first * DATASTREAMS * OBSERVATIONS + 1;

  if (next != NULL)
    g_string_append_printf (s, "\"@iot.nextLink\":\"%s\",", next);
  g_string_append (s, "\"value\":[");
  for (guint t = first; t < first + things; t++)
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
                              t > first ? "," : "", t, t, t, t, t, t, t, t, t % 100, t % 100, t);
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
make_things (guint things)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return make_things_page (0, things, BASE "/Things?$skip=100", now);
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

/* The refresh benchmark: the document split into PAGES pages linked by
 * @iot.nextLink ($skip), served on loopback from a thread of its own with
 * an ETag per page and 304 for a matching If-None-Match. */
#define PAGES 4

typedef struct
{
  SoupServer   *server;
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  char         *base;       /* http://127.0.0.1:PORT/v1.1 */
  guint         things;
  guint         per_page;
  GDateTime    *now;
  GMutex        lock;
  GCond         cond;
  GBytes       *pages[PAGES];
  char         *etags[PAGES];
  /* the server thread's */
  guint64       sent;       /* response body bytes */
  guint         requests;
  guint         not_modified;
} PageServer;

typedef struct
{
  guint64 sent;
  guint   requests;
  guint   not_modified;
  gint64  server_cpu;       /* µs, the server thread's */
  gint64  cpu;              /* µs, the process's */
  gint64  wall;             /* µs */
  guint   parsed;
} Figures;

static gint64
cpu_us (int who)
{
  struct rusage usage;

  getrusage (who, &usage);

  return (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
         usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

/* Page @n (from 0) with observations @minutes later than the start: a
 * page made anew with other minutes has other bytes and a new ETag. */
static void
page_server_make (PageServer *ps,
                  guint       n,
                  int         minutes)
{
  guint first = MIN (n * ps->per_page, ps->things);
  g_autofree char *next = NULL;
  GBytes *bytes;
  g_autofree char *hash = NULL;
  g_autoptr(GDateTime) now = g_date_time_add_minutes (ps->now, minutes);

  if (n + 1 < PAGES)
    next = g_strdup_printf ("%s/Things?$skip=%u", ps->base, (n + 1) * ps->per_page);
  bytes = make_things_page (first, MIN (ps->per_page, ps->things - first), next, now);
  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  g_mutex_lock (&ps->lock);
  g_clear_pointer (&ps->pages[n], g_bytes_unref);
  g_free (ps->etags[n]);
  ps->pages[n] = bytes;
  ps->etags[n] = g_strdup_printf ("\"%s\"", hash);
  g_mutex_unlock (&ps->lock);
}

static void
things_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  PageServer *ps = user_data;
  const char *skip = query != NULL ? g_hash_table_lookup (query, "$skip") : NULL;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *if_none_match = soup_message_headers_get_one (headers, "If-None-Match");
  guint n = skip != NULL ? (guint) g_ascii_strtoull (skip, NULL, 10) / ps->per_page : 0;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *etag = NULL;

  g_mutex_lock (&ps->lock);
  bytes = g_bytes_ref (ps->pages[MIN (n, PAGES - 1)]);
  etag = g_strdup (ps->etags[MIN (n, PAGES - 1)]);
  g_mutex_unlock (&ps->lock);

  ps->requests++;
  headers = soup_server_message_get_response_headers (msg);
  soup_message_headers_replace (headers, "ETag", etag);
  if (g_strcmp0 (if_none_match, etag) == 0)
    {
      ps->not_modified++;
      soup_server_message_set_status (msg, 304, NULL);
      return;
    }
  ps->sent += g_bytes_get_size (bytes);
  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
}

static gpointer
serve_thread (gpointer data)
{
  PageServer *ps = data;

  g_main_context_push_thread_default (ps->context);
  g_main_loop_run (ps->loop);
  g_main_context_pop_thread_default (ps->context);

  return NULL;
}

typedef struct
{
  PageServer *ps;
  Figures    *figures;
  gboolean    done;
} Snapshot;

/* In the server thread: what it sent and the CPU it took. */
static gboolean
snapshot_cb (gpointer data)
{
  Snapshot *snap = data;

  g_mutex_lock (&snap->ps->lock);
  snap->figures->sent = snap->ps->sent;
  snap->figures->requests = snap->ps->requests;
  snap->figures->not_modified = snap->ps->not_modified;
  snap->figures->server_cpu = cpu_us (RUSAGE_THREAD);
  snap->done = TRUE;
  g_cond_signal (&snap->ps->cond);
  g_mutex_unlock (&snap->ps->lock);

  return G_SOURCE_REMOVE;
}

static Figures
figures_now (PageServer *ps)
{
  Figures figures = { 0, };
  Snapshot snap = { ps, &figures, FALSE };

  g_main_context_invoke (ps->context, snapshot_cb, &snap);
  g_mutex_lock (&ps->lock);
  while (!snap.done)
    g_cond_wait (&ps->cond, &ps->lock);
  g_mutex_unlock (&ps->lock);
  figures.cpu = cpu_us (RUSAGE_SELF);
  figures.wall = g_get_monotonic_time ();
  figures.parsed = kiosk_source_get_parse_count ();

  return figures;
}

typedef struct
{
  gboolean  done;
  GError   *error;
} Wait;

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  if (!kiosk_source_refresh_finish (KIOSK_SOURCE (object), result, &wait->error) &&
      wait->error == NULL)
    g_set_error_literal (&wait->error, G_IO_ERROR, G_IO_ERROR_FAILED, "refresh failed");
  wait->done = TRUE;
}

/* Refreshes @source and prints what it cost: the body bytes the server
 * sent, the kiosk's CPU (the process's less the server thread's), wall
 * time and pages parsed. */
static void
refresh_once (PageServer  *ps,
              KioskSource *source,
              const char  *what)
{
  Figures before = figures_now (ps);
  Figures after;
  Wait wait = { 0, };

  kiosk_source_refresh_async (source, NULL, refreshed_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  after = figures_now (ps);
  if (wait.error != NULL)
    {
      fprintf (stderr, "%s: %s\n", what, wait.error->message);
      exit (1);
    }

  printf ("%-22s %10" G_GUINT64_FORMAT " body bytes  %u requests (%u answered 304)  "
          "CPU %7.1f ms (server %6.1f ms)  wall %7.1f ms  %u pages parsed  %u readings\n",
          what, after.sent - before.sent, after.requests - before.requests,
          after.not_modified - before.not_modified,
          ((after.cpu - before.cpu) - (after.server_cpu - before.server_cpu)) / 1000.0,
          (after.server_cpu - before.server_cpu) / 1000.0, (after.wall - before.wall) / 1000.0,
          after.parsed - before.parsed, kiosk_source_get_n_items (source));
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_remove (file);
    }
  g_rmdir (path);
}

/* A KioskSource with a real fetcher and cache refreshes the paged document
 * three times: first, with nothing changed, with one page changed. */
static int
run_refresh (guint things)
{
  PageServer ps = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskFetcher) fetcher = NULL;
  g_autoptr(KioskDatabase) database = NULL;
  g_autoptr(KioskSourceConfig) config = NULL;
  g_autoptr(KioskSource) source = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-sensors-XXXXXX", &error);
  g_autofree char *db_path = NULL;
  g_autofree char *url = NULL;
  g_autoslist(GUri) uris = NULL;
  guint64 total = 0;

  if (dir == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  g_mutex_init (&ps.lock);
  g_cond_init (&ps.cond);
  ps.things = things;
  ps.per_page = (things + PAGES - 1) / PAGES;
  ps.now = g_date_time_new_now_utc ();
  ps.context = g_main_context_new ();
  ps.loop = g_main_loop_new (ps.context, FALSE);
  g_main_context_push_thread_default (ps.context);
  ps.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (ps.server, "/v1.1/Things", things_cb, &ps, NULL);
  if (!soup_server_listen_local (ps.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      fprintf (stderr, "loopback server: %s\n", error->message);
      return 1;
    }
  g_main_context_pop_thread_default (ps.context);
  uris = soup_server_get_uris (ps.server);
  ps.base = g_strdup_printf ("http://127.0.0.1:%d/v1.1", g_uri_get_port (uris->data));
  for (guint n = 0; n < PAGES; n++)
    {
      page_server_make (&ps, n, 0);
      total += g_bytes_get_size (ps.pages[n]);
    }
  ps.thread = g_thread_new ("bench-server", serve_thread, &ps);

  fetcher = kiosk_fetcher_new ();
  db_path = g_build_filename (dir, "cache.db", NULL);
  database = kiosk_database_open (db_path, &error);
  if (database == NULL)
    {
      fprintf (stderr, "%s: %s\n", db_path, error->message);
      return 1;
    }
  url = g_strconcat (ps.base, "/Things", NULL);
  config = kiosk_source_config_new ("bench", "sensorthings", url);
  source = kiosk_source_new_full (config, fetcher, database, NULL);

  printf ("refresh of %u Things on %u pages, %.2f MB, from loopback with ETags:\n",
          things, PAGES, total / 1e6);
  refresh_once (&ps, source, "first");
  refresh_once (&ps, source, "nothing changed");
  page_server_make (&ps, PAGES / 2, 1);
  refresh_once (&ps, source, "one page changed");

  g_clear_object (&source);
  g_clear_object (&database);
  g_main_loop_quit (ps.loop);
  g_thread_join (ps.thread);
  g_object_unref (ps.server);
  g_main_loop_unref (ps.loop);
  g_main_context_unref (ps.context);
  for (guint n = 0; n < PAGES; n++)
    {
      g_bytes_unref (ps.pages[n]);
      g_free (ps.etags[n]);
    }
  g_free (ps.base);
  g_date_time_unref (ps.now);
  g_mutex_clear (&ps.lock);
  g_cond_clear (&ps.cond);
  remove_dir (dir);

  return 0;
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

/* Runs @child_argv with G_SLICE=@slice (NULL: unset) and waits for it. */
static gboolean
spawn_with_slice (const char * const *child_argv,
                  const char         *slice)
{
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  env = slice != NULL ? g_environ_setenv (g_steal_pointer (&env), "G_SLICE", slice, TRUE)
                      : g_environ_unsetenv (g_steal_pointer (&env), "G_SLICE");
  fflush (stdout);
  if (!g_spawn_sync (NULL, (char **) child_argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                     NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }

  return TRUE;
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
  if (argc > 1 && g_str_equal (argv[1], "--refresh"))
    return run_refresh (argc > 2 ? (guint) atoi (argv[2]) : 14);
  if (argc > 2 && g_str_equal (argv[2], "--run"))
    {
      g_autofree char *what = g_strdup_printf ("%s Things × %u × %u obs.", things,
                                               DATASTREAMS, OBSERVATIONS);
      Documents docs = { (guint) atoi (things), what };

      return bench_each_in_child (2, run_one, &docs) ? 0 : 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      const char *child_argv[] = { argv[0], things, "--run", NULL };

      printf ("G_SLICE=%s (GLib %u.%u.%u)\n", modes[i] != NULL ? modes[i] : "",
              glib_major_version, glib_minor_version, glib_micro_version);
      if (!spawn_with_slice (child_argv, modes[i]))
        return 1;
    }
  {
    const char *child_argv[] = { argv[0], "--refresh", things, NULL };

    printf ("\n");
    if (!spawn_with_slice (child_argv, "always-malloc"))
      return 1;
  }

  return 0;
}
