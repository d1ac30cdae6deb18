/* kiosk-map-tiles.h: the map's tile source, built from the tiles source's settings */
#pragma once

#include <shumate/shumate.h>

#include "kiosk-types.h"

G_BEGIN_DECLS

#define KIOSK_MAP_TILES_ERROR (kiosk_map_tiles_error_quark ())

typedef enum
{
  KIOSK_MAP_TILES_ERROR_FAILED,       /* the tile cache cannot be opened */
  KIOSK_MAP_TILES_ERROR_NOT_SET_UP,   /* no tiles source is configured */
  KIOSK_MAP_TILES_ERROR_INVALID,      /* neither an MBTiles file nor a URL template */
  KIOSK_MAP_TILES_ERROR_OFFLINE_MAP,  /* the MBTiles file cannot be read */
} KioskMapTilesError;

#define KIOSK_TYPE_MAP_TILES (kiosk_map_tiles_get_type ())

G_DECLARE_FINAL_TYPE (KioskMapTiles, kiosk_map_tiles, KIOSK, MAP_TILES, GObject)

GQuark             kiosk_map_tiles_error_quark (void);

/* Plain ground without tiles: markers still need a projection. */
KioskMapTiles     *kiosk_map_tiles_new_blank   (void);

/* The tiles of source @id at @url: an MBTiles file (read offline) or an
 * http(s) XYZ template (downloaded through @fetcher and kept in a SQLite
 * cache under @cache_dir). @options are the source's options
 * (attribution, min-zoom, max-zoom, cache-size, max-age, expire). The
 * SQLite files are opened in a worker thread. */
void               kiosk_map_tiles_new_async   (const char          *id,
                                                const char          *url,
                                                GHashTable          *options,
                                                KioskFetcher        *fetcher,
                                                const char          *cache_dir,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
KioskMapTiles     *kiosk_map_tiles_new_finish  (GAsyncResult        *result,
                                                GError             **error);

ShumateDataSource *kiosk_map_tiles_get_source  (KioskMapTiles       *self);
const char        *kiosk_map_tiles_get_id      (KioskMapTiles       *self);
const char        *kiosk_map_tiles_get_name    (KioskMapTiles       *self);
/* The attribution line, or NULL when nobody said whose tiles these are. */
const char        *kiosk_map_tiles_get_license (KioskMapTiles       *self);
/* The tile server's host for URL tiles, else NULL. */
const char        *kiosk_map_tiles_get_server  (KioskMapTiles       *self);
guint              kiosk_map_tiles_get_min_zoom (KioskMapTiles      *self);
guint              kiosk_map_tiles_get_max_zoom (KioskMapTiles      *self);
/* What the tiles cover, when they say (MBTiles). */
gboolean           kiosk_map_tiles_get_bounds  (KioskMapTiles       *self,
                                                double              *west,
                                                double              *south,
                                                double              *east,
                                                double              *north);

G_END_DECLS
