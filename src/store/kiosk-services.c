/* kiosk-services.c: what the views may ask of the store: item models, downloads, answers, map tiles
 *
 * The application makes one of these and hands it to the window, which
 * hands it to every view. Views show; the work (HTTP, SQLite, recording
 * readings) happens behind these calls, in the store and in media. */

#define G_LOG_DOMAIN "kiosk-services"

#include "config.h"

#include "kiosk-alerts.h"
#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "kiosk-database.h"
#include "kiosk-event.h"
#include "kiosk-fetcher.h"
#include "kiosk-i18n.h"
#include "kiosk-redact.h"
#include "kiosk-source.h"
#include "kiosk-source-job.h"
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
  KioskDatabase   *database;
  KioskStaffAuth  *staff_auth;
  gint64           started;        /* monotonic µs */

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
  g_clear_object (&self->database);
  g_clear_object (&self->staff_auth);
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
  self->started = g_get_monotonic_time ();
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

/* The staff panel */

void
kiosk_services_set_database (KioskServices *self,
                             KioskDatabase *database)
{
  g_return_if_fail (KIOSK_IS_SERVICES (self));

  g_set_object (&self->database, database);
}

void
kiosk_services_set_staff_auth (KioskServices  *self,
                               KioskStaffAuth *auth)
{
  g_return_if_fail (KIOSK_IS_SERVICES (self));

  g_set_object (&self->staff_auth, auth);
}

KioskStaffAuth *
kiosk_services_get_staff_auth (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);

  return self->staff_auth;
}

void
kiosk_source_status_free (KioskSourceStatus *status)
{
  g_free (status->id);
  g_free (status->kind);
  g_free (status->url);
  g_clear_pointer (&status->last_success, g_date_time_unref);
  g_free (status->last_error);
  g_free (status);
}

GPtrArray *
kiosk_services_list_source_status (KioskServices *self)
{
  GListModel *sources;
  GPtrArray *list;
  guint n;

  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_source_status_free);
  sources = kiosk_source_list_get_sources (self->sources);
  n = g_list_model_get_n_items (sources);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KioskSource) source = g_list_model_get_item (sources, i);
      KioskSourceStatus *status = g_new0 (KioskSourceStatus, 1);
      GDateTime *last_success = kiosk_source_get_last_success (source);
      const char *last_error = kiosk_source_get_last_error (source);

      status->id = g_strdup (kiosk_source_get_id (source));
      status->kind = g_strdup (kiosk_source_get_kind (source));
      status->url = kiosk_redact_uri (kiosk_source_get_config (source)->url);
      status->area = kiosk_source_get_area (source);
      status->last_success = last_success != NULL ? g_date_time_ref (last_success) : NULL;
      status->last_error = g_strdup (last_error != NULL && *last_error != '\0' ? last_error : NULL);
      status->age = kiosk_source_get_age (source);
      status->n_items = kiosk_source_get_n_items (source);
      status->refreshing = kiosk_source_get_refreshing (source);
      g_ptr_array_add (list, status);
    }

  return list;
}

typedef struct
{
  KioskFetcher      *fetcher;
  KioskSourceConfig *config;
  GTimeZone         *tz;
} TestData;

static void
test_data_free (TestData *data)
{
  g_clear_object (&data->fetcher);
  g_clear_pointer (&data->config, kiosk_source_config_free);
  g_clear_pointer (&data->tz, g_time_zone_unref);
  g_free (data);
}

static char *
describe_count (KioskArea area,
                guint     n)
{
  switch (area)
    {
    case KIOSK_AREA_EVENTS:
      return g_strdup_printf (ngettext ("%u event", "%u events", n), n);
    case KIOSK_AREA_PLACES:
      return g_strdup_printf (ngettext ("%u place", "%u places", n), n);
    case KIOSK_AREA_SENSORS:
      return g_strdup_printf (ngettext ("%u reading", "%u readings", n), n);
    case KIOSK_AREA_SURVEYS:
      return g_strdup_printf (ngettext ("%u survey", "%u surveys", n), n);
    case KIOSK_AREA_ALERTS:
      return g_strdup_printf (ngettext ("%u warning", "%u warnings", n), n);
    case KIOSK_AREA_MEDIA:
    case KIOSK_AREA_NONE:
    case KIOSK_AREA_TILES:
    case KIOSK_N_AREAS:
    default:
      return g_strdup_printf (ngettext ("%u item", "%u items", n), n);
    }
}

/* "23 events, the next on Monday, 14 December"; warnings are counted. */
static char *
describe_items (const KioskFormat *format,
                GPtrArray         *items,
                guint              n_items,
                GPtrArray         *warnings,
                GTimeZone         *tz)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *count = describe_count (format->area, n_items);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) next = NULL;

  g_string_append (text, count);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      GObject *item = g_ptr_array_index (items, i);
      GDateTime *start;

      if (!KIOSK_IS_EVENT (item))
        continue;
      start = kiosk_event_get_start (KIOSK_EVENT (item));
      if (start != NULL && g_date_time_compare (start, now) >= 0 &&
          (next == NULL || g_date_time_compare (start, next) < 0))
        {
          g_clear_pointer (&next, g_date_time_unref);
          next = g_date_time_ref (start);
        }
    }
  if (next != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_timezone (next, tz);
      g_autofree char *date = kiosk_i18n_format_date_long (local);

      /* Translators: after "23 events"; the date is "Monday, 14 December" */
      g_string_append_printf (text, _(", the next on %s"), date);
    }
  if (warnings != NULL && warnings->len > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, ngettext ("%u warning: %s", "%u warnings, the first: %s",
                                              warnings->len),
                              warnings->len, (const char *) g_ptr_array_index (warnings, 0));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The path of `ankerort check` (src/shell/kiosk-check.c): the format's
 * own check, or fetch-and-parse without a cache. */
static void
test_source_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  TestData *data = task_data;
  const KioskFormat *format = kiosk_format_lookup (data->config->kind);
  g_autoptr(KioskParseContext) ctx = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *shown = kiosk_redact_uri (data->config->url);
  GError *error = NULL;

  if (format == NULL || (format->parse == NULL && format->check == NULL))
    {
      g_task_return_new_error (task, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_UNKNOWN_KIND,
                               _("“%s” is not a kind of source Ankerort can test"),
                               data->config->kind);
      return;
    }

  ctx = kiosk_source_make_context (data->config, format, data->tz);
  if (format->check != NULL)
    {
      g_autoptr(GPtrArray) json_items =
        g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

      if (!format->check (data->config->url, ctx, json_items, warnings, &error))
        {
          g_prefix_error (&error, "%s: ", shown);
          g_task_return_error (task, error);
          return;
        }
      g_task_return_pointer (task, describe_items (format, NULL, json_items->len, warnings,
                                                   data->tz), g_free);
    }
  else
    {
      g_autoptr(KioskSourceUpdate) update = NULL;

      update = kiosk_source_fetch_and_parse (data->fetcher, format, data->config, ctx, NULL,
                                             cancellable, &error);
      if (update == NULL)
        {
          g_prefix_error (&error, "%s: ", shown);
          g_task_return_error (task, error);
          return;
        }
      g_task_return_pointer (task, describe_items (format, update->items, update->items->len,
                                                   update->warnings, data->tz), g_free);
    }
}

void
kiosk_services_test_source_async (KioskServices           *self,
                                  const KioskSourceConfig *config,
                                  GTimeZone               *tz,
                                  GCancellable            *cancellable,
                                  GAsyncReadyCallback      callback,
                                  gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  TestData *data;

  g_return_if_fail (KIOSK_IS_SERVICES (self));
  g_return_if_fail (config != NULL);
  g_return_if_fail (tz != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_services_test_source_async);
  data = g_new0 (TestData, 1);
  data->fetcher = g_object_ref (self->fetcher);
  data->config = kiosk_source_config_copy (config);
  data->tz = g_time_zone_ref (tz);
  g_task_set_task_data (task, data, (GDestroyNotify) test_data_free);
  g_task_run_in_thread (task, test_source_thread);
}

char *
kiosk_services_test_source_finish (KioskServices  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
kiosk_services_get_n_answers_waiting (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), 0);

  return self->outbox != NULL ? kiosk_outbox_get_n_pending (self->outbox) : 0;
}

guint
kiosk_services_get_n_answers_set_aside (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), 0);

  return self->outbox != NULL ? kiosk_outbox_get_n_set_aside (self->outbox) : 0;
}

GPtrArray *
kiosk_services_list_answers_set_aside (KioskServices  *self,
                                       GError        **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  GPtrArray *pairs;

  g_return_val_if_fail (KIOSK_IS_SERVICES (self), NULL);

  pairs = g_ptr_array_new_with_free_func (g_free);
  if (self->outbox == NULL)
    return pairs;

  entries = kiosk_outbox_list_set_aside (self->outbox, error);
  if (entries == NULL)
    {
      g_ptr_array_unref (pairs);
      return NULL;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      KioskOutboxEntry *entry = g_ptr_array_index (entries, i);

      g_ptr_array_add (pairs, g_strdup (entry->key));
      g_ptr_array_add (pairs, g_strdup_printf ("%s: %s", entry->survey_id,
                                               entry->last_error ? entry->last_error : ""));
    }

  return pairs;
}

static gboolean
no_outbox (GError **error)
{
  g_set_error (error, KIOSK_OUTBOX_ERROR, KIOSK_OUTBOX_ERROR_FAILED,
               "no outbox: answers cannot be stored");
  return FALSE;
}

gboolean
kiosk_services_retry_answer (KioskServices  *self,
                             const char     *key,
                             GError        **error)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), FALSE);

  if (self->outbox == NULL)
    return no_outbox (error);
  if (!kiosk_outbox_retry (self->outbox, key, error))
    return FALSE;
  /* The sender listens for this and wakes up. */
  g_signal_emit_by_name (self->outbox, "changed");

  return TRUE;
}

gboolean
kiosk_services_discard_answer (KioskServices  *self,
                               const char     *key,
                               GError        **error)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), FALSE);

  if (self->outbox == NULL)
    return no_outbox (error);

  return kiosk_outbox_remove (self->outbox, key, error);
}

static guint64
measure (GFile        *file,
         GCancellable *cancellable)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileEnumerator) children = NULL;
  guint64 total = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
  if (info == NULL)
    return 0;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
    return g_file_info_get_size (info);

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
  while (children != NULL)
    {
      GFileInfo *child_info = NULL;
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (children, &child_info, &child, cancellable, NULL) ||
          child == NULL)
        break;
      total += measure (child, cancellable);
    }

  return total;
}

static void
measure_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr(GFile) dir = g_file_new_for_path (task_data);
  guint64 *total = g_new (guint64, 1);

  *total = measure (dir, cancellable);
  g_task_return_pointer (task, total, g_free);
}

void
kiosk_services_measure_caches_async (KioskServices       *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KIOSK_IS_SERVICES (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_services_measure_caches_async);
  g_task_set_task_data (task, g_strdup (self->cache_dir), g_free);
  g_task_run_in_thread (task, measure_thread);
}

guint64
kiosk_services_measure_caches_finish (KioskServices  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_autofree guint64 *total = NULL;

  g_return_val_if_fail (KIOSK_IS_SERVICES (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  total = g_task_propagate_pointer (G_TASK (result), error);

  return total != NULL ? *total : 0;
}

gboolean
kiosk_services_clear_caches (KioskServices  *self,
                             GError        **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *database_path = self->database != NULL ? kiosk_database_get_path (self->database)
                                                     : NULL;
  g_autofree char *database_name = database_path != NULL ? g_path_get_basename (database_path)
                                                         : NULL;
  GListModel *sources;
  const char *name;

  g_return_val_if_fail (KIOSK_IS_SERVICES (self), FALSE);

  /* The open database is emptied, not deleted; the map's tile caches are
   * files of their own, made again when the map asks. */
  dir = g_dir_open (self->cache_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->cache_dir, name, NULL);

      if (database_name != NULL && g_str_has_prefix (name, database_name))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR) && g_unlink (path) != 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                       _("%s cannot be deleted: %s"), path, g_strerror (errno));
          return FALSE;
        }
    }

  if (self->database == NULL)
    return TRUE;

  sources = kiosk_source_list_get_sources (self->sources);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(KioskSource) source = g_list_model_get_item (sources, i);

      if (!kiosk_database_remove (self->database, kiosk_source_get_id (source), error))
        return FALSE;
    }

  return TRUE;
}

GTimeSpan
kiosk_services_get_uptime (KioskServices *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (self), 0);

  return g_get_monotonic_time () - self->started;
}
