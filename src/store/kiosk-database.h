/* kiosk-database.h: the offline cache: each source's last good bytes (SQLite) */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One page of a source's answer (paged kinds have several). */
typedef struct
{
  char       *url;
  GHashTable *headers;              /* lower-case name -> value; may be NULL */
  GBytes     *bytes;
} KioskCachePage;

/* What the cache keeps per source. */
typedef struct
{
  char      *source_id;
  char      *url;                   /* the configured URL these bytes belong to */
  char      *hash;                  /* SHA-256 of the first page's bytes */
  char      *etag;
  char      *last_modified;
  char      *content_type;
  GDateTime *fetched_at;            /* when the bytes last changed (UTC) */
  GDateTime *checked_at;            /* last successful fetch, 304 included */
  GPtrArray *pages;                 /* KioskCachePage* */
} KioskCacheEntry;

KioskCachePage  *kiosk_cache_page_new    (const char       *url,
                                          GHashTable       *headers,
                                          GBytes           *bytes);
void             kiosk_cache_page_free   (KioskCachePage   *page);
KioskCacheEntry *kiosk_cache_entry_new   (const char       *source_id,
                                          const char       *url);
void             kiosk_cache_entry_free  (KioskCacheEntry  *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskCachePage, kiosk_cache_page_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskCacheEntry, kiosk_cache_entry_free)

#define KIOSK_TYPE_DATABASE (kiosk_database_get_type ())

G_DECLARE_FINAL_TYPE (KioskDatabase, kiosk_database, KIOSK, DATABASE, GObject)

/* $XDG_CACHE_HOME/ankerort/cache.db */
char            *kiosk_database_get_default_path (void);

/* Opens (creating or migrating) the cache at @path through kiosk-sqlite.h:
 * a corrupt file, or one of a newer Ankerort, is moved aside to
 * "@path.broken-TIMESTAMP" and a new one is made;
 * kiosk_database_get_recovery_message() then says what happened. Fails
 * only when no database can be made at @path at all. Errors are
 * KIOSK_SQLITE_ERROR (CORRUPT when the file broke while in use, after
 * which a new one is made). Safe to use from several threads. */
KioskDatabase   *kiosk_database_open          (const char       *path,
                                               GError          **error);
const char      *kiosk_database_get_path      (KioskDatabase    *self);
const char      *kiosk_database_get_recovery_message (KioskDatabase *self);
int              kiosk_database_get_schema_version   (KioskDatabase *self);

/* Sets *@entry to NULL when nothing is cached for @source_id. */
gboolean         kiosk_database_load          (KioskDatabase    *self,
                                               const char       *source_id,
                                               KioskCacheEntry **entry,
                                               GError          **error);
gboolean         kiosk_database_store         (KioskDatabase    *self,
                                               const KioskCacheEntry *entry,
                                               GError          **error);
/* After a 304 or unchanged bytes: only the check time moves. */
gboolean         kiosk_database_touch         (KioskDatabase    *self,
                                               const char       *source_id,
                                               GDateTime        *checked_at,
                                               GError          **error);
gboolean         kiosk_database_remove        (KioskDatabase    *self,
                                               const char       *source_id,
                                               GError          **error);

G_END_DECLS
