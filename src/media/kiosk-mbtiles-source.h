/* kiosk-mbtiles-source.h: map tiles read from a local MBTiles 1.3 file */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define KIOSK_MBTILES_ERROR (kiosk_mbtiles_error_quark ())

typedef enum
{
  KIOSK_MBTILES_ERROR_FAILED,
  KIOSK_MBTILES_ERROR_NOT_FOUND,     /* no such file */
  KIOSK_MBTILES_ERROR_EMPTY,         /* a file of zero bytes, or no tiles at all */
  KIOSK_MBTILES_ERROR_NOT_MBTILES,   /* not SQLite, or no tiles table */
  KIOSK_MBTILES_ERROR_UNSUPPORTED,   /* vector tiles or an unknown image format */
  KIOSK_MBTILES_ERROR_CORRUPT,       /* damaged pages, or tiles that are no pictures */
  KIOSK_MBTILES_ERROR_TOO_SLOW,      /* a query ran out of time (a view without end?) */
} KioskMbtilesError;

#define KIOSK_TYPE_MBTILES_SOURCE (kiosk_mbtiles_source_get_type ())

G_DECLARE_FINAL_TYPE (KioskMbtilesSource, kiosk_mbtiles_source, KIOSK, MBTILES_SOURCE, ShumateDataSource)

GQuark              kiosk_mbtiles_error_quark            (void);

/* Opens @path read-only and reads its metadata (quick; tiles are read in
 * worker threads later). Every query on the file has a time budget (2 s for
 * a tile, 5 s for opening, 60 s for the check's counting and verifying):
 * a "tiles" view without end gives KIOSK_MBTILES_ERROR_TOO_SLOW, never a
 * hang. Opening looks up one tile that is not there, so a file whose every
 * missing tile would stall the map fails here. */
KioskMbtilesSource *kiosk_mbtiles_source_new             (const char          *path,
                                                          GError             **error);
void                kiosk_mbtiles_source_new_async       (const char          *path,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
KioskMbtilesSource *kiosk_mbtiles_source_new_finish      (GAsyncResult        *result,
                                                          GError             **error);

/* A source without a file: every tile is missing. The map still needs a
 * projection for its markers when the real tiles cannot be read. */
KioskMbtilesSource *kiosk_mbtiles_source_new_blank       (void);

const char         *kiosk_mbtiles_source_get_path        (KioskMbtilesSource  *self);
const char         *kiosk_mbtiles_source_get_name        (KioskMbtilesSource  *self);
/* "png", "jpg" or "webp" */
const char         *kiosk_mbtiles_source_get_format      (KioskMbtilesSource  *self);
const char         *kiosk_mbtiles_source_get_attribution (KioskMbtilesSource  *self);
guint               kiosk_mbtiles_source_get_min_zoom    (KioskMbtilesSource  *self);
guint               kiosk_mbtiles_source_get_max_zoom    (KioskMbtilesSource  *self);
/* FALSE when the file states no bounds and has no tiles to derive them from. */
gboolean            kiosk_mbtiles_source_get_bounds      (KioskMbtilesSource  *self,
                                                          double              *west,
                                                          double              *south,
                                                          double              *east,
                                                          double              *north);
/* Counts the rows of the tiles table (blocking: for the check command). */
gint64              kiosk_mbtiles_source_count_tiles     (KioskMbtilesSource  *self,
                                                          GError             **error);

/* For the check command (blocking): PRAGMA quick_check, then decodes the
 * first tile and the first of the lowest and highest zoom. Returns the
 * decoded tiles' names ("z/x/y", XYZ) or NULL and KIOSK_MBTILES_ERROR_CORRUPT
 * naming the file and the tile. */
GStrv               kiosk_mbtiles_source_verify          (KioskMbtilesSource  *self,
                                                          GError             **error);

/* Reads one tile (XYZ numbering, not TMS) in the calling thread; when it is
 * missing, the nearest lower zoom's tile scaled up. For tests and check. */
GBytes             *kiosk_mbtiles_source_read_tile       (KioskMbtilesSource  *self,
                                                          int                  x,
                                                          int                  y,
                                                          int                  zoom,
                                                          GError             **error);

G_END_DECLS
