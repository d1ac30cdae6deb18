/* kiosk-services.c: what the views may ask of the store: item models, downloads, answers, map tiles
 *
 * The application makes one of these and hands it to the window, which
 * hands it to every view. Views show; the work (HTTP, SQLite, recording
 * readings) happens behind these calls, in the store and in media. */

#define G_LOG_DOMAIN "kiosk-services"

#include "config.h"

#include "kiosk-alerts.h"
#include "kiosk-fetcher.h"
#include "kiosk-map-tiles.h"
#include "kiosk-media-playlist.h"
#include "kiosk-outbox.h"
#include "kiosk-services.h"
#include "kiosk-source-list.h"

struct _KioskServices
{
  GObject          parent_instance;

  /* owned */
  KioskFetcher    *fetcher;
  KioskSourceList *sources;
  KioskOutbox     *outbox;
  KioskAlerts     *alerts;      /* made when first asked for */
  char            *cache_dir;
  KioskMediaPlaylist *media;     /* made when first asked for */

  /* weak: only compared, to tell when the map's tiles changed */
  KioskSource     *tiles_source;
};

enum {
  TILES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KioskServices, kiosk_services, G_TYPE_OBJECT)

/* A call handed on to the fetcher, the outbox or media, and how it ends. */
typedef struct
{
  gpointer       (*finish) (GObject *source, GAsyncResult *result, GError **error);
  GDestroyNotify   destroy;
} Forward;

static gpointer
finish_fetch (GObject       *source,
              GAsyncResult  *result,
              GError       **error)
{
  return kiosk_fetcher_fetch_bytes_finish (KIOSK_FETCHER (source), result, error);
}

static gpointer
finish_store (GObject       *source,
              GAsyncResult  *result,
              GError       **error)
{
  return kiosk_outbox_add_finish (KIOSK_OUTBOX (source), result, error);
}

static gpointer
finish_tiles (GObject       *source,
              GAsyncResult  *result,
              GError       **error)
{
  return kiosk_map_tiles_new_finish (result, error);
}

static const Forward forward_fetch = { finish_fetch, (GDestroyNotify) g_bytes_unref };
static const Forward forward_store = { finish_store, g_free };
static const Forward forward_tiles = { finish_tiles, g_object_unref };

static void
forwarded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const Forward *forward = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer value = forward->finish (object, result, &error);

  if (value == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, forward->destroy);
}

static GTask *
forward_task_new (KioskServices       *self,
                  const Forward       *forward,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, (gpointer) forward, NULL);

  return task;
}

static gpointer
finish_forwarded (KioskServices  *self,
                  GAsyncResult   *result,
                  GError        **error)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
kiosk_services_finalize (GObject *object)
{
  KioskServices *self = (KioskServices *)object;

  if (self->sources != NULL)
    g_signal_handlers_disconnect_by_data (kiosk_source_list_get_sources (self->sources), self);
  g_clear_weak_pointer (&self->tiles_source);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->sources);
  g_clear_object (&self->outbox);
  g_clear_object (&self->alerts);
  g_clear_pointer (&self->cache_dir, g_free);
  g_clear_object (&self->media);

  G_OBJECT_CLASS (kiosk_services_parent_class)->finalize (object);
}

static void
kiosk_services_class_init (KioskServicesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_services_finalize;

  /* The configured tiles source was added, removed or replaced: the map
   * opens its tiles again. */
  signals[TILES_CHANGED] =
    g_signal_new ("tiles-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
kiosk_services_init (KioskServices *self)
{
  self->cache_dir = g_build_filename (g_get_user_cache_dir (), "ankerort", NULL);
}

static KioskSource *
find_source (KioskServices *self,
             KioskArea      area,
             gboolean     (*match) (KioskSource *source, gconstpointer data),
             gconstpointer  data)
{
  GListModel *sources = kiosk_source_list_get_sources (self->sources);
  guint n = g_list_model_get_n_items (sources);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KioskSource) source = g_list_model_get_item (sources, i);

      if (kiosk_source_get_area (source) == area && match (source, data))
        return source;   /* the list keeps it */
    }

  return NULL;
}

static gboolean
any_source (KioskSource   *source,
            gconstpointer  data)
{
  return TRUE;
}

/* The folder or playlist of the first media source, or NULL. */
static const char *
media_location (KioskServices *self)
{
  KioskSource *source = find_source (self, KIOSK_AREA_MEDIA, any_source, NULL);

  return source != NULL ? kiosk_source_get_config (source)->url : NULL;
}

static void
sources_changed_cb (GListModel    *sources,
                    guint          position,
                    guint          removed,
                    guint          added,
                    KioskServices *self)
{
  KioskSource *tiles = find_source (self, KIOSK_AREA_TILES, any_source, NULL);

  if (self->media != NULL)
    kiosk_media_playlist_set_location (self->media, media_location (self));

  /* A replaced source is a new object, so a changed URL counts too. */
  if (tiles == self->tiles_source)
    return;
  g_set_weak_pointer (&self->tiles_source, tiles);
  g_signal_emit (self, signals[TILES_CHANGED], 0);
}

KioskServices *
kiosk_services_new (KioskFetcher    *fetcher,
                    KioskSourceList *sources,
                    KioskOutbox     *outbox)
{
  KioskServices *self;

  g_return_val_if_fail (KIOSK_IS_FETCHER (fetcher), NULL);
  g_return_val_if_fail (KIOSK_IS_SOURCE_LIST (sources), NULL);
  g_return_val_if_fail (outbox == NULL || KIOSK_IS_OUTBOX (outbox), NULL);

  self = g_object_new (KIOSK_TYPE_SERVICES, NULL);
  self->fetcher = g_object_ref (fetcher);
  self->sources = g_object_ref (sources);
  self->outbox = outbox != NULL ? g_object_ref (outbox) : NULL;
  g_set_weak_pointer (&self->tiles_source, find_source (self, KIOSK_AREA_TILES, any_source, NULL));
  g_signal_connect (kiosk_source_list_get_sources (sources), "items-changed",
                    G_CALLBACK (sources_changed_cb), self);

  return self;
}

KioskFetcher *
kiosk_services_get_fetcher (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);

  return self->fetcher;
}

KioskSourceList *
kiosk_services_get_sources (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);

  return self->sources;
}

KioskOutbox *
kiosk_services_get_outbox (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);

  return self->outbox;
}

void
kiosk_services_set_outbox (KioskServices *self,
                           KioskOutbox   *outbox)
{
  g_return_if_fail (KIOSK_IS_SERVICES (self));
  g_return_if_fail (outbox == NULL || KIOSK_IS_OUTBOX (outbox));

  g_set_object (&self->outbox, outbox);
}

void
kiosk_services_set_cache_dir (KioskServices *self,
                              const char    *cache_dir)
{
  g_return_if_fail (KIOSK_IS_SERVICES (self));
  g_return_if_fail (cache_dir != NULL);

  g_free (self->cache_dir);
  self->cache_dir = g_strdup (cache_dir);
}

GListModel *
kiosk_services_get_items (KioskServices *self,
                          KioskArea      area)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);

  return kiosk_source_list_get_items (self->sources, area);
}

GListModel *
kiosk_services_get_alerts (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);

  if (self->alerts == NULL)
    self->alerts = kiosk_alerts_new (kiosk_source_list_get_items (self->sources,
                                                                  KIOSK_AREA_ALERTS));
  return G_LIST_MODEL (self->alerts);
}

gboolean
kiosk_services_alert_takes_over (KioskServices *self,
                                 KioskAlert    *alert)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), FALSE);

  return kiosk_alerts_takes_over (KIOSK_ALERTS (kiosk_services_get_alerts (self)), alert);
}

gboolean
kiosk_services_has_area (KioskServices *self,
                         KioskArea      area)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), FALSE);

  return kiosk_source_list_has_area (self->sources, area);
}

GListModel *
kiosk_services_get_media (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);

  if (self->media == NULL)
    self->media = kiosk_media_playlist_new (media_location (self));

  return G_LIST_MODEL (self->media);
}


static gboolean
has_news (KioskSource   *source,
          gconstpointer  data)
{
  return kiosk_source_get_last_success (source) != NULL ||
         kiosk_source_get_last_error (source) != NULL;
}

static gboolean
has_error (KioskSource   *source,
           gconstpointer  data)
{
  return kiosk_source_get_last_error (source) != NULL;
}

static gboolean
has_option (KioskSource   *source,
            gconstpointer  data)
{
  const char * const *option = data;
  const KioskSourceConfig *config = kiosk_source_get_config (source);
  const char *value = config->options != NULL ? g_hash_table_lookup (config->options, option[0])
                                              : NULL;

  return g_strcmp0 (value, option[1]) == 0;
}

gboolean
kiosk_services_get_area_loading (KioskServices *self,
                                 KioskArea      area)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), FALSE);

  return find_source (self, area, any_source, NULL) != NULL &&
         find_source (self, area, has_news, NULL) == NULL;
}

gboolean
kiosk_services_get_area_failed (KioskServices *self,
                                KioskArea      area)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), FALSE);

  return find_source (self, area, has_error, NULL) != NULL;
}

gboolean
kiosk_services_area_has_option (KioskServices *self,
                                KioskArea      area,
                                const char    *name,
                                const char    *value)
{
  const char *option[] = { name, value };

  g_return_val_if_fail (KIOSK_IS_SERVICES (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return find_source (self, area, has_option, option) != NULL;
}

GListModel *
kiosk_services_get_calendar (KioskServices  *self,
                             const char     *id,
                             GError        **error)
{
  KioskSource *source;

  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  source = kiosk_source_list_lookup (self->sources, id);
  if (source == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "no source with the id “%s” is configured", id);
      return NULL;
    }
  if (!g_str_equal (kiosk_source_get_kind (source), "ical"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "source “%s” is a %s source, not an iCalendar (ical) one",
                   id, kiosk_source_get_kind (source));
      return NULL;
    }

  return kiosk_source_get_model (source);
}

GBytes *
kiosk_services_fetch (KioskServices  *self,
                      const char     *url,
                      gsize           max_size,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);

  return kiosk_fetcher_fetch_bytes (self->fetcher, url, max_size, cancellable, error);
}

void
kiosk_services_fetch_async (KioskServices       *self,
                            const char          *url,
                            gsize                max_size,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (KIOSK_IS_SERVICES (self));
  g_return_if_fail (url != NULL);

  task = forward_task_new (self, &forward_fetch, kiosk_services_fetch_async, cancellable,
                           callback, user_data);
  kiosk_fetcher_fetch_bytes_async (self->fetcher, url, max_size, cancellable, forwarded_cb, task);
}

GBytes *
kiosk_services_fetch_finish (KioskServices  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  return finish_forwarded (self, result, error);
}

gboolean
kiosk_services_can_store_answers (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), FALSE);

  return self->outbox != NULL;
}

void
kiosk_services_store_answers_async (KioskServices       *self,
                                    const char          *survey_id,
                                    const char          *url,
                                    JsonNode            *answers,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (KIOSK_IS_SERVICES (self));
  g_return_if_fail (survey_id != NULL);
  g_return_if_fail (answers != NULL);

  task = forward_task_new (self, &forward_store, kiosk_services_store_answers_async, cancellable,
                           callback, user_data);
  if (self->outbox == NULL)
    {
      g_task_return_new_error (task, KIOSK_OUTBOX_ERROR, KIOSK_OUTBOX_ERROR_FAILED,
                               "no outbox: answers cannot be stored");
      g_object_unref (task);
      return;
    }
  kiosk_outbox_add_async (self->outbox, survey_id, url, answers, cancellable, forwarded_cb, task);
}

char *
kiosk_services_store_answers_finish (KioskServices  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  return finish_forwarded (self, result, error);
}

void
kiosk_services_open_map_tiles_async (KioskServices       *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  const KioskSourceConfig *config = NULL;
  KioskSource *source;
  GTask *task;

  g_return_if_fail (KIOSK_IS_SERVICES (self));

  task = forward_task_new (self, &forward_tiles, kiosk_services_open_map_tiles_async, cancellable,
                           callback, user_data);

  source = find_source (self, KIOSK_AREA_TILES, any_source, NULL);
  if (source != NULL)
    config = kiosk_source_get_config (source);
  kiosk_map_tiles_new_async (config != NULL ? config->id : NULL,
                             config != NULL ? config->url : NULL,
                             config != NULL ? config->options : NULL,
                             self->fetcher, self->cache_dir, cancellable,
                             forwarded_cb, task);
}

KioskMapTiles *
kiosk_services_open_map_tiles_finish (KioskServices  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  return finish_forwarded (self, result, error);
}
