/* kiosk-image-loader.c: pictures from the web for detail pages, capped and cached
 *
 * Fetching (through the kiosk's one fetcher: its deadline, redirect policy
 * and a cap of its own for pictures) and decoding run in a worker thread,
 * and the decoder scales down while it reads, so a hostile picture costs
 * neither memory nor the main thread. */

#define G_LOG_DOMAIN "kiosk-image-loader"

#include "config.h"

#include "kiosk-image-loader.h"
#include "kiosk-redact.h"
#include "kiosk-services.h"

#define CACHE_SIZE 32

struct _KioskImageLoader
{
  GObject     parent_instance;

  /* owned */
  KioskServices *services;
  GHashTable *cache;   /* uri -> GdkTexture */
  GQueue      order;   /* uris, most recent first (owned by the cache keys) */
};

G_DEFINE_FINAL_TYPE (KioskImageLoader, kiosk_image_loader, G_TYPE_OBJECT)

G_DEFINE_QUARK (kiosk-image-loader-error-quark, kiosk_image_loader_error)

typedef struct
{
  char *uri;
  int   max_side;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->uri);
  g_free (data);
}

/* Only pictures from the web, a file or the bundle: never a browser,
 * never a file dialog. */
static gboolean
check_scheme (const char  *uri,
              GError     **error)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  if (g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0 ||
      g_strcmp0 (scheme, "file") == 0 || g_strcmp0 (scheme, "resource") == 0)
    return TRUE;

  g_set_error (error, KIOSK_IMAGE_LOADER_ERROR, KIOSK_IMAGE_LOADER_ERROR_UNSUPPORTED,
               "image URL scheme “%s” is not supported", scheme ? scheme : "");
  return FALSE;
}

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  int max_side = GPOINTER_TO_INT (user_data);

  if (width > max_side || height > max_side)
    {
      double scale = (double) max_side / MAX (width, height);

      gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale)), MAX (1, (int) (height * scale)));
    }
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  KioskImageLoader *self = source_object;
  LoadData *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbufLoader) loader = NULL;
  GError *error = NULL;
  GdkPixbuf *pixbuf;

  /* The bytes are capped before decoding. */
  if (!check_scheme (data->uri, &error) ||
      (bytes = kiosk_services_fetch (self->services, data->uri, KIOSK_IMAGE_LOADER_MAX_BYTES,
                                     cancellable, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb),
                    GINT_TO_POINTER (data->max_side));
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, &error) ||
      !gdk_pixbuf_loader_close (loader, &error))
    {
      g_autofree char *shown = kiosk_redact_uri (data->uri);

      g_prefix_error (&error, "image “%s” (%" G_GSIZE_FORMAT " bytes): ", shown, g_bytes_get_size (bytes));
      g_task_return_error (task, error);
      return;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_autofree char *shown = kiosk_redact_uri (data->uri);

      g_task_return_new_error (task, KIOSK_IMAGE_LOADER_ERROR, KIOSK_IMAGE_LOADER_ERROR_UNSUPPORTED,
                               "image “%s” could not be decoded", shown);
      return;
    }

  g_task_return_pointer (task, gdk_texture_new_for_pixbuf (pixbuf), g_object_unref);
}

static void
remember (KioskImageLoader *self,
          const char       *uri,
          GdkTexture       *texture)
{
  char *key;

  /* Two loads of one picture may both finish: the first one is kept. */
  if (g_hash_table_contains (self->cache, uri))
    return;
  while (g_queue_get_length (&self->order) >= CACHE_SIZE)
    {
      char *oldest = g_queue_pop_tail (&self->order);

      g_hash_table_remove (self->cache, oldest);
    }
  key = g_strdup (uri);
  g_hash_table_insert (self->cache, key, g_object_ref (texture));
  g_queue_push_head (&self->order, key);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KioskImageLoader *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GdkTexture) texture = NULL;
  GError *error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (texture == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  remember (self, data->uri, texture);
  g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
}

static void
kiosk_image_loader_finalize (GObject *object)
{
  KioskImageLoader *self = (KioskImageLoader *)object;

  g_queue_clear (&self->order);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_object (&self->services);

  G_OBJECT_CLASS (kiosk_image_loader_parent_class)->finalize (object);
}

static void
kiosk_image_loader_class_init (KioskImageLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_image_loader_finalize;
}

static void
kiosk_image_loader_init (KioskImageLoader *self)
{
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_queue_init (&self->order);
}

KioskImageLoader *
kiosk_image_loader_new (KioskServices *services)
{
  KioskImageLoader *self;

  g_return_val_if_fail (KIOSK_IS_SERVICES (services), NULL);

  self = g_object_new (KIOSK_TYPE_IMAGE_LOADER, NULL);
  self->services = g_object_ref (services);

  return self;
}

GdkTexture *
kiosk_image_loader_lookup (KioskImageLoader *self,
                           const char       *uri)
{
  g_return_val_if_fail (KIOSK_IS_IMAGE_LOADER (self), NULL);

  return uri != NULL ? g_hash_table_lookup (self->cache, uri) : NULL;
}

void
kiosk_image_loader_load_async (KioskImageLoader    *self,
                               const char          *uri,
                               int                  max_side,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  LoadData *data;
  GdkTexture *cached;

  g_return_if_fail (KIOSK_IS_IMAGE_LOADER (self));
  g_return_if_fail (uri != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_image_loader_load_async);

  if ((cached = g_hash_table_lookup (self->cache, uri)) != NULL)
    {
      g_task_return_pointer (task, g_object_ref (cached), g_object_unref);
      return;
    }

  data = g_new0 (LoadData, 1);
  data->uri = g_strdup (uri);
  data->max_side = max_side > 0 ? max_side : 2048;
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  /* The worker task carries its own copy; the outer one caches on return. */
  worker = g_task_new (self, cancellable, load_done_cb, g_steal_pointer (&task));
  data = g_new0 (LoadData, 1);
  data->uri = g_strdup (uri);
  data->max_side = max_side > 0 ? max_side : 2048;
  g_task_set_task_data (worker, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (worker, load_thread);
}

GdkTexture *
kiosk_image_loader_load_finish (KioskImageLoader  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (KIOSK_IS_IMAGE_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
