/* kiosk-mbtiles-source-private.h: what the MBTiles source and its opening share */
#pragma once

#include <sqlite3.h>

#include "kiosk-mbtiles-source.h"

G_BEGIN_DECLS

struct _KioskMbtilesSource
{
  ShumateDataSource  parent_instance;

  /* owned */
  sqlite3           *db;          /* SQLITE_OPEN_FULLMUTEX: shared by workers */
  char              *path;
  char              *name;
  char              *format;
  char              *attribution;
  guint              min_zoom;
  guint              max_zoom;
  double             bounds[4];
  gboolean           has_bounds;
};

/* kiosk-mbtiles-source.c */
/* The SQLite progress handler: stops a query past the thread's budget. */
int      kiosk_mbtiles_progress_cb               (gpointer             user_data);
/* Says why @what failed with @rc, naming the file. Returns FALSE. */
gboolean kiosk_mbtiles_source_query_error        (KioskMbtilesSource  *self,
                                                  int                  rc,
                                                  const char          *what,
                                                  GError             **error);
/* Tile @x/@y (counted from the north) of @zoom; NULL without @error
 * when the file has no such tile. */
GBytes  *kiosk_mbtiles_source_select_tile        (KioskMbtilesSource  *self,
                                                  int                  x,
                                                  int                  y,
                                                  int                  zoom,
                                                  GError             **error);

/* kiosk-mbtiles-open.c */
/* Steps @stmt to its end under the running budget: one row, or none. */
int      kiosk_mbtiles_step_one                  (sqlite3_stmt        *stmt);
/* Opens self->path read-only, defensive, with limits and the progress handler. */
gboolean kiosk_mbtiles_source_open_database      (KioskMbtilesSource  *self,
                                                  GError             **error);
/* Name, attribution, zoom levels, bounds and format, from the metadata or
 * the tiles; run under one budget. */
gboolean kiosk_mbtiles_source_read_file          (KioskMbtilesSource  *self,
                                                  GError             **error);
gboolean kiosk_mbtiles_source_probe_missing_tile (KioskMbtilesSource  *self,
                                                  GError             **error);

G_END_DECLS
