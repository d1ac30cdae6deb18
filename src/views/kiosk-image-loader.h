/* kiosk-image-loader.h: pictures from the web for detail pages, capped and cached */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-types.h"

G_BEGIN_DECLS

#define KIOSK_IMAGE_LOADER_ERROR (kiosk_image_loader_error_quark ())

typedef enum
{
  KIOSK_IMAGE_LOADER_ERROR_FAILED,
  KIOSK_IMAGE_LOADER_ERROR_UNSUPPORTED,
} KioskImageLoaderError;

#define KIOSK_TYPE_IMAGE_LOADER (kiosk_image_loader_get_type ())

G_DECLARE_FINAL_TYPE (KioskImageLoader, kiosk_image_loader, KIOSK, IMAGE_LOADER, GObject)

/* Images larger than this many bytes are refused (KIOSK_FETCH_ERROR_TOO_LARGE,
 * as every download's errors are the fetcher's); larger than @max_side
 * pixels are scaled down while decoding. */
#define KIOSK_IMAGE_LOADER_MAX_BYTES (8 * 1024 * 1024)

GQuark            kiosk_image_loader_error_quark (void);
/* Pictures come through @services' fetcher. */
KioskImageLoader *kiosk_image_loader_new         (KioskServices       *services);
/* http(s)://, file:// and resource:// URIs. */
void              kiosk_image_loader_load_async  (KioskImageLoader    *self,
                                                  const char          *uri,
                                                  int                  max_side,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GdkTexture       *kiosk_image_loader_load_finish (KioskImageLoader    *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* The cached texture for @uri, or NULL. */
GdkTexture       *kiosk_image_loader_lookup      (KioskImageLoader    *self,
                                                  const char          *uri);

G_END_DECLS
