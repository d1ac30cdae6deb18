/* kiosk-services.h: what the views may ask of the store: item models, downloads, answers, map tiles */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kiosk-format.h"
#include "kiosk-source-config.h"
#include "kiosk-staff-auth.h"
#include "kiosk-types.h"

G_BEGIN_DECLS

/* The one object the application hands every view: views include this
 * header and no other of src/store/ (tests/check-layers.sh). It holds the
 * fetcher (and with it the kiosk's one HTTP session), the sources, the
 * outbox and the reading history; the views see list models and async
 * calls, never a session, a database or a source. */

#define KIOSK_TYPE_SERVICES (kiosk_services_get_type ())

G_DECLARE_FINAL_TYPE (KioskServices, kiosk_services, KIOSK, SERVICES, GObject)

/* For the shell, which makes the services. @outbox may be NULL (answers
 * cannot be stored). */
KioskServices   *kiosk_services_new              (KioskFetcher        *fetcher,
                                                  KioskSourceList     *sources,
                                                  KioskOutbox         *outbox);
KioskFetcher    *kiosk_services_get_fetcher      (KioskServices       *self);
KioskSourceList *kiosk_services_get_sources      (KioskServices       *self);
KioskOutbox     *kiosk_services_get_outbox       (KioskServices       *self);
void             kiosk_services_set_outbox       (KioskServices       *self,
                                                  KioskOutbox         *outbox);
/* Where the map's tile caches go; default $XDG_CACHE_HOME/ankerort. */
void             kiosk_services_set_cache_dir    (KioskServices       *self,
                                                  const char          *cache_dir);

/* For the views. */

/* The items of every source of @area, following refreshes. */
GListModel      *kiosk_services_get_items        (KioskServices       *self,
                                                  KioskArea            area);
/* The public warnings on screen now, most severe first (KioskAlert; a
 * KioskAlerts, see kiosk-alerts.h): its boolean property
 * "takeover-active" says one of them takes over the screen. */
GListModel      *kiosk_services_get_alerts       (KioskServices       *self);
gboolean         kiosk_services_alert_takes_over (KioskServices       *self,
                                                  KioskAlert          *alert);
gboolean         kiosk_services_has_area         (KioskServices       *self,
                                                  KioskArea            area);
/* TRUE while @area has sources and none has brought data or an error yet. */
gboolean         kiosk_services_get_area_loading (KioskServices       *self,
                                                  KioskArea            area);
/* TRUE when a source of @area failed the last time. */
gboolean         kiosk_services_get_area_failed  (KioskServices       *self,
                                                  KioskArea            area);
/* TRUE when a source of @area has the option @name set to @value. */
gboolean         kiosk_services_area_has_option  (KioskServices       *self,
                                                  KioskArea            area,
                                                  const char          *name,
                                                  const char          *value);

/* The events (KioskEvent) of the source @id, which must be an iCalendar
 * source: the model follows its refreshes, and is replaced with the source
 * when its configuration changes (the sources' "items-changed"). */
GListModel      *kiosk_services_get_calendar     (KioskServices       *self,
                                                  const char          *id,
                                                  GError             **error);
/* The attract loop: the KioskMediaItems of the first media source's folder
 * or playlist that play, in order; it follows changes of the files and of
 * the sources. The same model for as long as the services live. */
GListModel      *kiosk_services_get_media        (KioskServices       *self);

/* A picture or document through the fetcher: at most @max_size bytes
 * (0: the fetcher's cap). The blocking one is for worker threads. */
GBytes          *kiosk_services_fetch            (KioskServices       *self,
                                                  const char          *url,
                                                  gsize                max_size,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
void             kiosk_services_fetch_async      (KioskServices       *self,
                                                  const char          *url,
                                                  gsize                max_size,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GBytes          *kiosk_services_fetch_finish     (KioskServices       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);


/* Survey answers go into the outbox, which sends them later. */
gboolean         kiosk_services_can_store_answers (KioskServices      *self);
void             kiosk_services_store_answers_async (KioskServices    *self,
                                                  const char          *survey_id,
                                                  const char          *url,
                                                  JsonNode            *answers,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* The answer's idempotency key. */
char            *kiosk_services_store_answers_finish (KioskServices   *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* The map's tiles from the first tiles source (KIOSK_MAP_TILES_ERROR_NOT_SET_UP
 * without one); see kiosk-map-tiles.h. */
void             kiosk_services_open_map_tiles_async (KioskServices   *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
KioskMapTiles   *kiosk_services_open_map_tiles_finish (KioskServices  *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* For the staff panel. */

/* The offline cache, for clearing it (may be NULL). */
void             kiosk_services_set_database     (KioskServices       *self,
                                                  KioskDatabase       *database);
/* Since the kiosk started (the services were made). */
GTimeSpan        kiosk_services_get_uptime       (KioskServices       *self);
/* The PIN check and its lockout (NULL: no staff entry at all). */
void             kiosk_services_set_staff_auth   (KioskServices       *self,
                                                  KioskStaffAuth      *auth);
KioskStaffAuth  *kiosk_services_get_staff_auth   (KioskServices       *self);

/* One source as the staff panel's status shows it. */
typedef struct
{
  char      *id;
  char      *kind;
  char      *url;            /* without passwords or keys */
  KioskArea  area;
  GDateTime *last_success;   /* NULL: never */
  char      *last_error;     /* NULL after a success */
  GTimeSpan  age;            /* of the data shown; -1 without data */
  guint      n_items;
  gboolean   refreshing;
} KioskSourceStatus;

void kiosk_source_status_free (KioskSourceStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskSourceStatus, kiosk_source_status_free)

/* KioskSourceStatus*, in the order of the sources. */
GPtrArray       *kiosk_services_list_source_status (KioskServices     *self);
/* Fetches and parses @config now, the way `ankerort check` does, without
 * touching the kiosk's sources or cache; the result is one sentence for
 * staff ("23 events, the next on Monday, 14 December"). */
void             kiosk_services_test_source_async (KioskServices      *self,
                                                  const KioskSourceConfig *config,
                                                  GTimeZone           *tz,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
char            *kiosk_services_test_source_finish (KioskServices     *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* Survey answers waiting to be sent, and those the city refused (4xx). */
guint            kiosk_services_get_n_answers_waiting (KioskServices  *self);
guint            kiosk_services_get_n_answers_set_aside (KioskServices *self);
/* char* pairs: key, reason, key, reason... */
GPtrArray       *kiosk_services_list_answers_set_aside (KioskServices *self,
                                                  GError             **error);
gboolean         kiosk_services_retry_answer     (KioskServices       *self,
                                                  const char          *key,
                                                  GError             **error);
gboolean         kiosk_services_discard_answer   (KioskServices       *self,
                                                  const char          *key,
                                                  GError             **error);

/* Bytes the caches (the offline cache and the map's tiles) take on disk,
 * counted in a worker thread. */
void             kiosk_services_measure_caches_async (KioskServices   *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
guint64          kiosk_services_measure_caches_finish (KioskServices  *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* Deletes the map's tile caches and every source's cached pages; the
 * sources fetch again. Survey answers are data, not cache: they stay. */
gboolean         kiosk_services_clear_caches     (KioskServices       *self,
                                                  GError             **error);

G_END_DECLS
