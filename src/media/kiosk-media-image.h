/* kiosk-media-image.h: decodes a picture of the attract loop into a texture */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_MEDIA_ERROR (kiosk_media_error_quark ())

typedef enum
{
  KIOSK_MEDIA_ERROR_FAILED,
  KIOSK_MEDIA_ERROR_NOT_FOUND,     /* no such file, or not a regular file */
  KIOSK_MEDIA_ERROR_UNSUPPORTED,   /* no decoder for what the file is */
  KIOSK_MEDIA_ERROR_CORRUPT,       /* the file is what it says, but broken */
  KIOSK_MEDIA_ERROR_EMPTY,         /* nothing in the loop can play */
} KioskMediaError;

/* Pictures larger than this are decoded scaled down (a 24-megapixel photo
 * would take 100 MB as a texture). */
#define KIOSK_MEDIA_IMAGE_MAX_SIZE 3840
/* SVG is drawn to fit this size: sharp on a 1440p screen, 15 MB a poster. */
#define KIOSK_MEDIA_DRAWING_SIZE 2560

GQuark      kiosk_media_error_quark     (void);

/* Whether the file is a picture (PNG, JPEG, WebP, GIF, TIFF, SVG) by its
 * first bytes, whatever its name says. */
gboolean    kiosk_media_image_sniff     (const char          *path);
/* Decodes the whole picture; @width and @height get its own size.
 * Blocking: for worker threads. */
GdkTexture *kiosk_media_image_load      (const char          *path,
                                         int                 *width,
                                         int                 *height,
                                         GError             **error);
void        kiosk_media_image_load_async  (const char        *path,
                                           GCancellable      *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer           user_data);
GdkTexture *kiosk_media_image_load_finish (GAsyncResult      *result,
                                           GError           **error);

G_END_DECLS
