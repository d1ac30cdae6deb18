/* fleet-sim.h: many kiosks' sync engines in one process against one loopback server */
#pragma once

#include <libsoup/soup.h>
#include <string.h>

#include "kiosk-source.h"
#include "kiosk-source-list.h"
#include "kiosk-sync.h"

#define FLEET_SIM_BUCKETS 10   /* the first interval after the start, in tenths */

static const char fleet_sim_body[] =
  "{\"type\": \"FeatureCollection\", \"features\": ["
  "{\"type\": \"Feature\", \"id\": 1, \"geometry\": {\"type\": \"Point\", "
  "\"coordinates\": [12.37, 51.34]}, \"properties\": {\"name\": \"Rathaus\"}}]}";

typedef struct
{
  /* what was asked */
  guint    kiosks;
  guint    sources;       /* per kiosk */
  guint    interval;      /* seconds */
  guint    intervals;     /* how long the fleet runs after the start */

  /* what happened after the start (the warm-up before it not counted) */
  guint    requests;
  guint    not_modified;
  guint    max_per_source;            /* the most requests one kiosk made for one source */
  guint    first_interval[FLEET_SIM_BUCKETS];
  gint64   start;                     /* fake clock, µs */
  gint64   now;
  gboolean counting;
} FleetSim;

static gint64
fleet_sim_clock (gpointer user_data)
{
  return ((FleetSim *) user_data)->now;
}

static void
fleet_sim_handler (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  FleetSim *sim = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *if_none = soup_message_headers_get_one (request, "If-None-Match");
  gboolean unchanged = g_strcmp0 (if_none, "\"v1\"") == 0;

  if (sim->counting)
    {
      gint64 since = sim->now - sim->start;
      gint64 bucket = since * FLEET_SIM_BUCKETS / ((gint64) sim->interval * G_USEC_PER_SEC);

      sim->requests++;
      sim->not_modified += unchanged ? 1 : 0;
      if (bucket >= 0 && bucket < FLEET_SIM_BUCKETS)
        sim->first_interval[bucket]++;
    }

  soup_message_headers_replace (response, "ETag", "\"v1\"");
  if (unchanged)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/geo+json", SOUP_MEMORY_STATIC,
                                    fleet_sim_body, strlen (fleet_sim_body));
}

typedef struct
{
  guint done;
} FleetSimWait;

static void
fleet_sim_refreshed_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  FleetSimWait *wait = user_data;

  g_assert_true (kiosk_source_refresh_finish (KIOSK_SOURCE (object), result, NULL));
  wait->done++;
}

/* Refreshes per source of each kiosk (every source is its own object). */
static void
fleet_sim_count_cb (KioskSync   *sync,
                    KioskSource *source,
                    gboolean     ok,
                    GHashTable  *per_source)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (per_source, source));

  g_assert_true (ok);
  g_hash_table_insert (per_source, source, GUINT_TO_POINTER (count + 1));
}

/* Any refresh still running? */
static gboolean
fleet_sim_busy (GPtrArray *syncs,
                GPtrArray *lists)
{
  for (guint k = 0; k < syncs->len; k++)
    {
      GListModel *model = kiosk_source_list_get_sources (lists->pdata[k]);

      for (guint s = 0; s < g_list_model_get_n_items (model); s++)
        {
          g_autoptr(KioskSource) source = g_list_model_get_item (model, s);

          if (kiosk_sync_get_next_due (syncs->pdata[k], source) < 0)
            return TRUE;
        }
    }

  return FALSE;
}

/* Yesterday every kiosk fetched each source once; this morning they are
 * all switched on in the same second, their data on screen, and run for
 * @sim->intervals intervals. Time is the simulation's own clock: the
 * engines jump from one due refresh to the next. */
static void
fleet_sim_run (FleetSim *sim)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(KioskFetcher) fetcher = kiosk_fetcher_new ();
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) syncs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) per_source = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  FleetSimWait wait = { 0 };
  guint expected = 0;
  gint64 end;
  int port;

  soup_server_add_handler (server, NULL, fleet_sim_handler, sim, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  port = g_uri_get_port (uris->data);

  sim->now = (gint64) 1000 * G_USEC_PER_SEC;
  for (guint k = 0; k < sim->kiosks; k++)
    {
      KioskSourceList *list = kiosk_source_list_new ();

      for (guint s = 0; s < sim->sources; s++)
        {
          g_autofree char *id = g_strdup_printf ("source-%u", s);
          g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%d/%s.geojson", port, id);
          g_autoptr(KioskSourceConfig) config = kiosk_source_config_new (id, "geojson", url);
          g_autoptr(KioskSource) source = NULL;

          config->refresh_interval = sim->interval;
          source = kiosk_source_new_full (config, fetcher, NULL, NULL);
          kiosk_source_refresh_async (source, NULL, fleet_sim_refreshed_cb, &wait);
          expected++;
          kiosk_source_list_add (list, source);
        }
      g_ptr_array_add (lists, list);
    }
  while (wait.done < expected)
    g_main_context_iteration (NULL, TRUE);

  /* The morning. */
  sim->now += (gint64) 12 * 3600 * G_USEC_PER_SEC;
  sim->start = sim->now;
  sim->counting = TRUE;
  end = sim->start + (gint64) sim->intervals * sim->interval * G_USEC_PER_SEC;
  for (guint k = 0; k < sim->kiosks; k++)
    {
      KioskSync *sync = kiosk_sync_new (lists->pdata[k], NULL);

      kiosk_sync_set_clock (sync, fleet_sim_clock, sim);
      kiosk_sync_set_random_seed (sync, k + 1);
      g_signal_connect (sync, "refreshed", G_CALLBACK (fleet_sim_count_cb), per_source);
      g_ptr_array_add (syncs, sync);
      kiosk_sync_start (sync);
    }

  for (;;)
    {
      gint64 next = G_MAXINT64;

      while (fleet_sim_busy (syncs, lists))
        g_main_context_iteration (NULL, TRUE);

      for (guint k = 0; k < syncs->len; k++)
        {
          GListModel *model = kiosk_source_list_get_sources (lists->pdata[k]);

          for (guint s = 0; s < g_list_model_get_n_items (model); s++)
            {
              g_autoptr(KioskSource) source = g_list_model_get_item (model, s);

              next = MIN (next, kiosk_sync_get_next_due (syncs->pdata[k], source));
            }
        }
      if (next > end)
        break;

      sim->now = MAX (sim->now, next);
      for (guint k = 0; k < syncs->len; k++)
        kiosk_sync_tick (syncs->pdata[k]);
    }

  for (guint k = 0; k < syncs->len; k++)
    kiosk_sync_stop (syncs->pdata[k]);
  soup_server_disconnect (server);

  {
    GHashTableIter iter;
    gpointer value;
    guint total = 0;

    g_hash_table_iter_init (&iter, per_source);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        total += GPOINTER_TO_UINT (value);
        sim->max_per_source = MAX (sim->max_per_source, GPOINTER_TO_UINT (value));
      }
    /* Every request the server saw is one refresh the engines made. */
    g_assert_cmpuint (total, ==, sim->requests);
  }
}
