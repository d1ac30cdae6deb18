/* kiosk-source.h: one city data source: fetch, cache, parse, a list model */
#pragma once

#include <gio/gio.h>

#include "kiosk-database.h"
#include "kiosk-fetcher.h"
#include "kiosk-format.h"
#include "kiosk-source-config.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SOURCE (kiosk_source_get_type ())

G_DECLARE_FINAL_TYPE (KioskSource, kiosk_source, KIOSK, SOURCE, GObject)

/* Options of event kinds: the window of occurrences, in days around now. */
#define KIOSK_SOURCE_OPTION_PAST_DAYS   "past-days"     /* default 1 */
#define KIOSK_SOURCE_OPTION_FUTURE_DAYS "future-days"   /* default 60 */
/* Of every kind: seconds one fetch (one page) may take in all. */
#define KIOSK_SOURCE_OPTION_DEADLINE    "deadline"      /* default: the fetcher's, 120 */
#define KIOSK_SOURCE_MAX_DEADLINE       3600

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

/* The parse context a source of @config gets: zone, options, and for event
 * kinds the window from now - past-days to now + future-days. */
KioskParseContext       *kiosk_source_make_context       (const KioskSourceConfig *config,
                                                          const KioskFormat       *format,
                                                          GTimeZone               *tz);

/* What one pass of fetch-and-parse brought. */
typedef struct
{
  gboolean         not_modified;  /* 304, or a file's unchanged time */
  gboolean         unchanged;     /* new validators, same bytes */
  GPtrArray       *items;         /* NULL when not_modified or unchanged */
  GPtrArray       *warnings;      /* char* */
  KioskCacheEntry *entry;         /* the pages as fetched, for the cache; NULL if no change */
  GDateTime       *fetched_at;
} KioskSourceUpdate;

void kiosk_source_update_free (KioskSourceUpdate *update);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskSourceUpdate, kiosk_source_update_free)

/* The one path from a URL to items, shared by the kiosk and `ankerort
 * check`: request URL, conditional fetch against @cached (may be NULL),
 * parse off every page the format pages through. Blocking. */
KioskSourceUpdate *kiosk_source_fetch_and_parse (KioskFetcher            *fetcher,
                                                 const KioskFormat       *format,
                                                 const KioskSourceConfig *config,
                                                 const KioskParseContext *ctx,
                                                 const KioskCacheEntry   *cached,
                                                 GCancellable            *cancellable,
                                                 GError                 **error);
/* Parses pages already fetched (the cache) the same way. */
gboolean           kiosk_source_parse_pages     (const KioskFormat       *format,
                                                 const KioskParseContext *ctx,
                                                 GPtrArray               *pages,
                                                 GPtrArray               *items,
                                                 GPtrArray               *warnings,
                                                 GError                 **error);

G_END_DECLS
