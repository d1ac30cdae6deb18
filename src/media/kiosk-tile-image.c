/* kiosk-tile-image.c: what tile sources share: format sniffing, decoding, overzoom */

#define G_LOG_DOMAIN "kiosk-tile-image"

#include "config.h"
#include "kiosk-map-config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#ifdef HAVE_WEBP
# include <webp/decode.h>
#endif

#include "kiosk-tile-image.h"

G_DEFINE_QUARK (kiosk-tile-error-quark, kiosk_tile_error)

const char *
kiosk_tile_format_sniff (GBytes *bytes)
{
  gsize size = 0;
  const guint8 *data;

  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &size);
  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "png";
  if (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "jpg";
  if (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "webp";
  if (size >= 6 && memcmp (data, "GIF8", 4) == 0)
    return "gif";
  if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b)
    return "pbf";

  return NULL;
}

static GdkPixbuf *
decode (GBytes  *bytes,
        GError **error)
{
  const char *format = kiosk_tile_format_sniff (bytes);
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  GdkPixbuf *pixbuf = NULL;

  if (g_strcmp0 (format, "pbf") == 0)
    {
      g_set_error (error, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_UNSUPPORTED,
                   "Vector tiles (pbf) cannot be drawn; use raster tiles (png, jpg, webp)");
      return NULL;
    }

  if (g_strcmp0 (format, "webp") == 0)
    {
#ifdef HAVE_WEBP
      gsize size = 0;
      const guint8 *data = g_bytes_get_data (bytes, &size);
      g_autoptr(GBytes) pixels = NULL;
      int width = 0, height = 0;
      guint8 *rgba = WebPDecodeRGBA (data, size, &width, &height);

      if (rgba == NULL || width <= 0 || height <= 0 || width > 4096 || height > 4096)
        {
          if (rgba != NULL)
            WebPFree (rgba);
          g_set_error (error, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_CORRUPT,
                       "The WebP tile does not decode");
          return NULL;
        }
      pixels = g_bytes_new_with_free_func (rgba, (gsize) width * height * 4,
                                           (GDestroyNotify) WebPFree, rgba);
      return gdk_pixbuf_new_from_bytes (pixels, GDK_COLORSPACE_RGB, TRUE, 8,
                                        width, height, width * 4);
#else
      g_set_error (error, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_UNSUPPORTED,
                   "WebP tiles need Ankerort built with libwebp");
      return NULL;
#endif
    }

  if (format == NULL)
    {
      g_set_error (error, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_UNSUPPORTED,
                   "The tile is not a PNG, JPEG or WebP image");
      return NULL;
    }

  /* By the sniffed type, not the MIME database, which a sandbox may lack. */
  loader = gdk_pixbuf_loader_new_with_type (g_str_equal (format, "jpg") ? "jpeg" : format, &local_error);
  if (loader != NULL &&
      gdk_pixbuf_loader_write_bytes (loader, bytes, &local_error) &&
      gdk_pixbuf_loader_close (loader, &local_error))
    pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      if (loader != NULL)
        gdk_pixbuf_loader_close (loader, NULL);
      g_set_error (error, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_CORRUPT,
                   "The %s tile does not decode: %s", format,
                   local_error ? local_error->message : "no image");
      return NULL;
    }

  return g_object_ref (pixbuf);
}

static GBytes *
encode_png (GdkPixbuf  *pixbuf,
            GError    **error)
{
  g_autofree char *buffer = NULL;
  gsize size = 0;

  /* Fast zlib level: these are made on the fly for the screen, not stored. */
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", error,
                                  "compression", "1", NULL))
    return NULL;

  return g_bytes_new_take (g_steal_pointer (&buffer), size);
}

gboolean
kiosk_tile_image_check (GBytes  *bytes,
                        GError **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  g_return_val_if_fail (bytes != NULL, FALSE);

  pixbuf = decode (bytes, error);

  return pixbuf != NULL;
}

GBytes *
kiosk_tile_image_to_drawable (GBytes  *bytes,
                              GError **error)
{
  const char *format;
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);

  format = kiosk_tile_format_sniff (bytes);
  if (g_strcmp0 (format, "png") == 0 || g_strcmp0 (format, "jpg") == 0 ||
      g_strcmp0 (format, "gif") == 0)
    return g_bytes_ref (bytes);

  pixbuf = decode (bytes, error);
  if (pixbuf == NULL)
    return NULL;

  return encode_png (pixbuf, error);
}

GBytes *
kiosk_tile_image_from_parent (GBytes  *parent,
                              guint    dz,
                              guint    sub_x,
                              guint    sub_y,
                              guint    tile_size,
                              GError **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) part = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  int width, part_size;

  g_return_val_if_fail (parent != NULL, NULL);
  g_return_val_if_fail (dz > 0 && dz < 16, NULL);

  pixbuf = decode (parent, error);
  if (pixbuf == NULL)
    return NULL;

  width = MIN (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf));
  part_size = width >> dz;
  if (part_size < 1 || sub_x >= (1u << dz) || sub_y >= (1u << dz))
    {
      g_set_error (error, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_NOT_FOUND,
                   "The parent tile is too small to scale up %u levels", dz);
      return NULL;
    }

  part = gdk_pixbuf_new_subpixbuf (pixbuf, sub_x * part_size, sub_y * part_size,
                                   part_size, part_size);
  scaled = gdk_pixbuf_scale_simple (part, tile_size, tile_size, GDK_INTERP_BILINEAR);

  return encode_png (scaled, error);
}
