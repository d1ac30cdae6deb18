/* kiosk-tile-cache-source.h: map tiles from an XYZ URL template, kept in our own disk cache */
#pragma once

#include <shumate/shumate.h>

#include "kiosk-types.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_TILE_CACHE_SOURCE (kiosk_tile_cache_source_get_type ())

G_DECLARE_FINAL_TYPE (KioskTileCacheSource, kiosk_tile_cache_source, KIOSK, TILE_CACHE_SOURCE, ShumateDataSource)

#define KIOSK_TILE_CACHE_DEFAULT_MAX_SIZE (256 * 1024 * 1024)
#define KIOSK_TILE_CACHE_DEFAULT_MAX_AGE  (7 * 24 * 3600)
#define KIOSK_TILE_CACHE_DEFAULT_EXPIRE   (60 * 24 * 3600)

/* @url_template has {z}, {x} and {y}; @cache_path is the SQLite file of
 * the cache (created when missing; opened here, so call this in a worker
 * thread); tiles are downloaded through @fetcher. */
KioskTileCacheSource *kiosk_tile_cache_source_new            (const char            *url_template,
                                                              const char            *cache_path,
                                                              KioskFetcher          *fetcher,
                                                              GError               **error);
const char           *kiosk_tile_cache_source_get_url_template (KioskTileCacheSource *self);
char                 *kiosk_tile_cache_source_get_tile_url   (KioskTileCacheSource  *self,
                                                              int                    x,
                                                              int                    y,
                                                              int                    zoom);
/* Bytes the cache may hold; the least recently shown tiles go first. */
void                  kiosk_tile_cache_source_set_max_size   (KioskTileCacheSource  *self,
                                                              guint64                bytes);
/* Seconds a tile is shown without asking the server again. */
void                  kiosk_tile_cache_source_set_max_age    (KioskTileCacheSource  *self,
                                                              guint                  seconds);
/* Seconds after which a tile nobody looked at is deleted (at start). */
void                  kiosk_tile_cache_source_set_expire     (KioskTileCacheSource  *self,
                                                              guint                  seconds);
/* Requests sent to the tile server so far (tests, status). */
guint                 kiosk_tile_cache_source_get_n_requests (KioskTileCacheSource  *self);
/* Of those, answered "304 Not Modified": the cached tile was still good. */
guint                 kiosk_tile_cache_source_get_n_not_modified (KioskTileCacheSource *self);
/* Bytes the cache holds now. */
guint64               kiosk_tile_cache_source_get_size       (KioskTileCacheSource  *self);
/* The last network error, or NULL while the server answers. */
const char           *kiosk_tile_cache_source_get_last_error (KioskTileCacheSource  *self);

G_END_DECLS
