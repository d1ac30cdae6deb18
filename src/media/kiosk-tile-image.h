/* kiosk-tile-image.h: what tile sources share: format sniffing, decoding, overzoom */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KIOSK_TILE_ERROR (kiosk_tile_error_quark ())

typedef enum
{
  KIOSK_TILE_ERROR_FAILED,
  KIOSK_TILE_ERROR_UNSUPPORTED,   /* a format the map cannot draw (vector, ...) */
  KIOSK_TILE_ERROR_CORRUPT,       /* the bytes do not decode */
  KIOSK_TILE_ERROR_NOT_FOUND,     /* no tile here, nor a parent to scale up */
} KioskTileError;

GQuark      kiosk_tile_error_quark        (void);

/* "png", "jpg", "webp", "gif", "pbf" (gzip/vector) or NULL when unknown. */
const char *kiosk_tile_format_sniff       (GBytes     *bytes);

/* Decodes @bytes fully (PNG, JPEG, WebP, GIF) and throws the picture away:
 * TRUE when the map could draw it. */
gboolean    kiosk_tile_image_check        (GBytes     *bytes,
                                           GError    **error);

/* Bytes the raster renderer (gdk-pixbuf) can decode: PNG and JPEG pass
 * through, WebP is converted to PNG. Runs in worker threads. */
GBytes     *kiosk_tile_image_to_drawable  (GBytes     *bytes,
                                           GError    **error);

/* The part of @parent (a tile @dz levels above) that covers the child at
 * (@sub_x, @sub_y) within it, scaled up to @tile_size pixels, as PNG. */
GBytes     *kiosk_tile_image_from_parent  (GBytes     *parent,
                                           guint       dz,
                                           guint       sub_x,
                                           guint       sub_y,
                                           guint       tile_size,
                                           GError    **error);

G_END_DECLS
