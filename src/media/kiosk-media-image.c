/* kiosk-media-image.c: decodes a picture of the attract loop into a texture
 *
 * The probe decodes every picture once with this, so what passed the probe
 * is what the player can show. */

#define G_LOG_DOMAIN "kiosk-media-image"

#include "config.h"

#include <string.h>

#include "kiosk-media-image.h"
#include "kiosk-tile-image.h"

G_DEFINE_QUARK (kiosk-media-error-quark, kiosk_media_error)

/* A picture file larger than this is not a poster, it is a mistake. */
#define MAX_FILE_SIZE (64 * 1024 * 1024)

/* The picture format by the file's first bytes: GTK's and gdk-pixbuf's own
 * sniffing needs the shared MIME database, which a kiosk image may lack. */
static const char *
sniff (const guint8 *head,
       gsize         n)
{
  g_autofree char *text = NULL;

  if (n >= 8 && memcmp (head, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "png";
  if (n >= 3 && memcmp (head, "\xff\xd8\xff", 3) == 0)
    return "jpeg";
  if (n >= 12 && memcmp (head, "RIFF", 4) == 0 && memcmp (head + 8, "WEBP", 4) == 0)
    return "webp";
  if (n >= 6 && (memcmp (head, "GIF87a", 6) == 0 || memcmp (head, "GIF89a", 6) == 0))
    return "gif";
  if (n >= 4 && (memcmp (head, "II*\0", 4) == 0 || memcmp (head, "MM\0*", 4) == 0))
    return "tiff";

  text = g_strndup ((const char *) head, n);
  if (strstr (text, "<svg") != NULL)
    return "svg";

  return NULL;
}

static const char *
sniff_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  guint8 head[1024];
  gsize n = 0;

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n, NULL, NULL))
    return NULL;

  return sniff (head, n);
}

gboolean
kiosk_media_image_sniff (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return sniff_file (path) != NULL;
}

/* gdk-pixbuf's incremental loaders show a cut-off PNG or JPEG with a grey
 * bottom and no error: a complete file ends with its end marker. */
static gboolean
is_complete (const char   *format,
             const guint8 *data,
             gsize         n)
{
  if (g_str_equal (format, "png"))
    return n >= 12 && memcmp (data + n - 8, "IEND", 4) == 0;

  if (g_str_equal (format, "jpeg"))
    {
      /* Some cameras write a few bytes after the end marker. */
      for (gsize i = n >= 2 ? n - 2 : 0; i > 0 && n - i <= 4096; i--)
        {
          if (data[i] == 0xff && data[i + 1] == 0xd9)
            return TRUE;
        }
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  int      width;
  int      height;
  gboolean scalable;
} Size;

/* Drawings are drawn for a large screen, photos scaled down to it. */
static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  Size            *size)
{
  int max = size->scalable ? KIOSK_MEDIA_DRAWING_SIZE : KIOSK_MEDIA_IMAGE_MAX_SIZE;
  double scale = 1.0;

  size->width = width;
  size->height = height;
  if (width <= 0 || height <= 0)
    return;
  if (size->scalable || width > max || height > max)
    scale = MIN ((double) max / width, (double) max / height);
  if (scale != 1.0)
    gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale)),
                                MAX (1, (int) (height * scale)));
}

/* gdk-pixbuf has no WebP here: the map's converter makes it a PNG. */
static GBytes *
webp_to_png (GBytes  *bytes,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *png = kiosk_tile_image_to_drawable (bytes, &local_error);

  if (png == NULL)
    {
      g_set_error (error, KIOSK_MEDIA_ERROR,
                   g_error_matches (local_error, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_UNSUPPORTED)
                   ? KIOSK_MEDIA_ERROR_UNSUPPORTED : KIOSK_MEDIA_ERROR_CORRUPT,
                   "a broken or unsupported WebP picture: %s", local_error->message);
      return NULL;
    }

  return png;
}

GdkTexture *
kiosk_media_image_load (const char  *path,
                        int         *width,
                        int         *height,
                        GError     **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *data = NULL;
  const char *format;
  Size size = { 0 };
  GdkPixbuf *pixbuf;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  if (length > MAX_FILE_SIZE)
    {
      g_set_error (error, KIOSK_MEDIA_ERROR, KIOSK_MEDIA_ERROR_UNSUPPORTED,
                   "a picture larger than %d MB", MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&data), length);

  format = sniff (g_bytes_get_data (bytes, NULL), MIN (length, 1024));
  if (format == NULL)
    {
      g_set_error (error, KIOSK_MEDIA_ERROR, KIOSK_MEDIA_ERROR_UNSUPPORTED,
                   "not a picture format the kiosk can decode");
      return NULL;
    }
  if (g_str_equal (format, "webp"))
    {
      GBytes *png = webp_to_png (bytes, error);

      if (png == NULL)
        return NULL;
      g_bytes_unref (bytes);
      bytes = png;
      format = "png";
    }

  if (!is_complete (format, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)))
    {
      g_set_error (error, KIOSK_MEDIA_ERROR, KIOSK_MEDIA_ERROR_CORRUPT,
                   "a broken %s picture: the file ends too early", format);
      return NULL;
    }

  loader = gdk_pixbuf_loader_new_with_type (format, &local_error);
  if (loader == NULL)
    {
      g_set_error (error, KIOSK_MEDIA_ERROR, KIOSK_MEDIA_ERROR_UNSUPPORTED,
                   "no decoder for %s pictures is installed (%s)", format, local_error->message);
      return NULL;
    }
  size.scalable = g_str_equal (format, "svg");
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &size);

  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, &local_error) ||
      !gdk_pixbuf_loader_close (loader, &local_error) ||
      (pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) == NULL)
    {
      if (local_error == NULL)
        g_set_error (&local_error, KIOSK_MEDIA_ERROR, KIOSK_MEDIA_ERROR_CORRUPT, "no picture in it");
      gdk_pixbuf_loader_close (loader, NULL);
      g_set_error (error, KIOSK_MEDIA_ERROR, KIOSK_MEDIA_ERROR_CORRUPT,
                   "a broken %s picture: %s", format, local_error->message);
      return NULL;
    }

  if (width != NULL)
    *width = size.width;
  if (height != NULL)
    *height = size.height;

  return gdk_texture_new_for_pixbuf (pixbuf);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GdkTexture *texture = kiosk_media_image_load (task_data, NULL, NULL, &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

void
kiosk_media_image_load_async (const char          *path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_media_image_load_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, load_thread);
}

GdkTexture *
kiosk_media_image_load_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
