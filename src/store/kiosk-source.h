/* kiosk-source.h: one city data source: fetch, cache, parse, a list model */
#pragma once

#include <gio/gio.h>

#include "kiosk-database.h"
#include "kiosk-fetcher.h"
#include "kiosk-format.h"
#include "kiosk-source-config.h"
#include "kiosk-source-job.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SOURCE (kiosk_source_get_type ())

G_DECLARE_FINAL_TYPE (KioskSource, kiosk_source, KIOSK, SOURCE, GObject)

/* A source without a fetcher or database (kiosk_source_new) can only be fed
 * with kiosk_source_set_items(); views and tests use that. */
KioskSource             *kiosk_source_new                (const KioskSourceConfig *config);
KioskSource             *kiosk_source_new_full           (const KioskSourceConfig *config,
                                                          KioskFetcher            *fetcher,
                                                          KioskDatabase           *database,
                                                          GTimeZone               *tz);
const KioskSourceConfig *kiosk_source_get_config         (KioskSource  *self);
const char              *kiosk_source_get_id             (KioskSource  *self);
const char              *kiosk_source_get_kind           (KioskSource  *self);
KioskArea                kiosk_source_get_area           (KioskSource  *self);
/* The parsed items (the format's item type); stable object, spliced on refresh. */
GListModel              *kiosk_source_get_model          (KioskSource  *self);
guint                    kiosk_source_get_n_items        (KioskSource  *self);
/* Status: NULL until the first success / error. A success is any fetch
 * that confirmed the data (304 included); cached data brings the time of
 * its last confirmation. */
GDateTime               *kiosk_source_get_last_success   (KioskSource  *self);
GDateTime               *kiosk_source_get_last_attempt  (KioskSource  *self);
const char              *kiosk_source_get_last_error     (KioskSource  *self);
/* The full error of the last refresh (domain and code), NULL after a success. */
const GError            *kiosk_source_get_error          (KioskSource  *self);
/* Since the last success; -1 when there was none. */
GTimeSpan                kiosk_source_get_age            (KioskSource  *self);
/* The last refresh failed, or the data is older than twice the interval. */
gboolean                 kiosk_source_get_stale          (KioskSource  *self);
/* Data also goes stale as time passes: notifies "stale" when it changed
 * (KioskSync calls this every second). */
void                     kiosk_source_check_stale        (KioskSource  *self);
GPtrArray               *kiosk_source_get_warnings      (KioskSource  *self);
/* Replace the items at once (main thread). Used by refreshes and tests. */
void                     kiosk_source_set_items          (KioskSource  *self,
                                                          GPtrArray    *items);
void                     kiosk_source_set_error          (KioskSource  *self,
                                                          const GError *error);

/* Shows what the cache holds (parsed in a thread). Succeeds with nothing
 * shown when the cache is empty or holds another URL's data. */
void                     kiosk_source_load_cached_async  (KioskSource         *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean                 kiosk_source_load_cached_finish (KioskSource         *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
/* Fetches, and when the bytes changed parses and caches them and splices
 * the items in. A failure keeps the items and sets the error. */
void                     kiosk_source_refresh_async      (KioskSource         *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean                 kiosk_source_refresh_finish     (KioskSource         *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
gboolean                 kiosk_source_get_refreshing     (KioskSource         *self);

G_END_DECLS
