/* kiosk-tiles-check.h: what `ankerort check tiles SOURCE` finds: an MBTiles file's
 * metadata, or the tile at the kiosk's position from a URL template */
#pragma once

#include "kiosk-format.h"
#include "kiosk-tiles-format.h"

G_BEGIN_DECLS

/* Appends one JsonNode object to @items: for MBTiles {name, format,
 * minzoom, maxzoom, bounds, tile_count, sample_tiles}, once PRAGMA
 * quick_check passed and the sample tiles decoded; for a URL template {url, zoom, x,
 * y, format, content_type, size}. @path is the file for MBTiles. The
 * position comes from the options latitude/longitude/zoom of @ctx, else
 * from the kiosk's settings. */
gboolean kiosk_tiles_check (const char              *source,
                            const char              *path,
                            KioskTilesKind           kind,
                            const KioskParseContext *ctx,
                            GPtrArray               *items,
                            GError                 **error);

G_END_DECLS
