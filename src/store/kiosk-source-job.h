/* kiosk-source-job.h: the stateless path from a URL to items (fetch, parse) */
#pragma once

#include <gio/gio.h>

#include "kiosk-database.h"
#include "kiosk-fetcher.h"
#include "kiosk-format.h"
#include "kiosk-source-config.h"

G_BEGIN_DECLS

/* Options of event kinds: the window of occurrences, in days around now. */
#define KIOSK_SOURCE_OPTION_PAST_DAYS   "past-days"     /* default 1 */
#define KIOSK_SOURCE_OPTION_FUTURE_DAYS "future-days"   /* default 60 */
/* Of every kind: seconds one fetch (one page) may take in all. */
#define KIOSK_SOURCE_OPTION_DEADLINE    "deadline"      /* default: the fetcher's, 120 */
#define KIOSK_SOURCE_MAX_DEADLINE       3600
/* Of every kind: bytes all pages of one refresh may have together. */
#define KIOSK_SOURCE_OPTION_MAX_BYTES   "max-bytes"     /* default 64 MiB */
#define KIOSK_SOURCE_DEFAULT_MAX_BYTES  ((guint64) 64 * 1024 * 1024)
#define KIOSK_SOURCE_LIMIT_MAX_BYTES    ((guint64) 1024 * 1024 * 1024)

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
