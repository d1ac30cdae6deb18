/* kiosk-tiles-format.h: the `tiles` kind: an MBTiles file or an XYZ URL template */
#pragma once

#include "kiosk-format.h"

G_BEGIN_DECLS

typedef enum
{
  KIOSK_TILES_INVALID,
  KIOSK_TILES_MBTILES,        /* a local file: absolute path or file:// URL */
  KIOSK_TILES_URL_TEMPLATE,   /* http(s) with {z}, {x} and {y} */
} KioskTilesKind;

/* What a configured tiles URL is; @path gets the file for MBTiles. */
KioskTilesKind kiosk_tiles_classify    (const char  *url,
                                        char       **path);
/* The XYZ tile that holds a point. */
void           kiosk_tiles_point_to_xyz (double      latitude,
                                         double      longitude,
                                         int         zoom,
                                         int        *x,
                                         int        *y);

G_END_DECLS
