/* test-image-loader.c: event pictures: loaded off the main thread, capped,
 * scaled down, cached, and bad ones refused with a reason */

#include "config.h"

#include <gtk/gtk.h>

#include "kiosk-demo-server.h"
#include "kiosk-fetcher.h"
#include "kiosk-image-loader.h"
#include "kiosk-services.h"
#include "kiosk-source-list.h"

static KioskDemoServer *server;
/* The kiosk's one fetcher and what views see of it. */
static KioskFetcher *fetcher;
static KioskServices *services;

typedef struct
{
  GdkTexture *texture;
  GError     *error;
  gboolean    done;
} Load;

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Load *load = user_data;

  load->texture = kiosk_image_loader_load_finish (KIOSK_IMAGE_LOADER (object), result, &load->error);
  load->done = TRUE;
}

static void
load (KioskImageLoader *loader,
      const char       *path,
      Load             *out)
{
  g_autofree char *url = kiosk_demo_server_get_url (server, path);

  memset (out, 0, sizeof *out);
  kiosk_image_loader_load_async (loader, url, 200, NULL, loaded_cb, out);
  while (!out->done)
    g_main_context_iteration (NULL, TRUE);
}

static GBytes *
png_of_size (int width,
             int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autofree char *data = NULL;
  gsize len;

  gdk_pixbuf_fill (pixbuf, 0xb3261eff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &len, "png", NULL, NULL));
  return g_bytes_new_take (g_steal_pointer (&data), len);
}

static void
test_scaled_and_cached (void)
{
  g_autoptr(KioskImageLoader) loader = kiosk_image_loader_new (services);
  g_autoptr(GBytes) png = png_of_size (1600, 800);
  g_autofree char *url = kiosk_demo_server_get_url (server, "/img/big.png");
  Load a, b;

  kiosk_demo_server_set_body (server, "/img/big.png", png, "image/png");
  load (loader, "/img/big.png", &a);
  g_assert_no_error (a.error);
  /* Decoded at most 200 px, keeping the aspect ratio. */
  g_assert_cmpint (gdk_texture_get_width (a.texture), ==, 200);
  g_assert_cmpint (gdk_texture_get_height (a.texture), ==, 100);
  g_assert_true (kiosk_image_loader_lookup (loader, url) == a.texture);

  /* The second time comes from the cache, not the server. */
  load (loader, "/img/big.png", &b);
  g_assert_true (b.texture == a.texture);
  g_assert_cmpuint (kiosk_demo_server_get_request_count (server, "/img/big.png"), ==, 1);
  g_object_unref (a.texture);
  g_object_unref (b.texture);
}

/* Two detail pages ask for one picture at once: both get it, the cache
 * keeps one copy, and nothing is left behind once the loader goes (the
 * suite's "image-loader-leaks" run under valgrind checks the cache's own
 * strings). */
static void
test_same_picture_at_once (void)
{
  g_autoptr(KioskImageLoader) loader = kiosk_image_loader_new (services);
  g_autoptr(GBytes) png = png_of_size (300, 300);
  g_autofree char *url = kiosk_demo_server_get_url (server, "/img/twice.png");
  KioskImageLoader *gone = loader;
  Load a = { 0 }, b = { 0 };
  GdkTexture *cached;
  gint64 deadline;

  kiosk_demo_server_set_body (server, "/img/twice.png", png, "image/png");
  kiosk_image_loader_load_async (loader, url, 200, NULL, loaded_cb, &a);
  kiosk_image_loader_load_async (loader, url, 200, NULL, loaded_cb, &b);
  while (!a.done || !b.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (a.error);
  g_assert_no_error (b.error);
  /* Neither was in the cache when asked for: both went to the server. */
  g_assert_cmpuint (kiosk_demo_server_get_request_count (server, "/img/twice.png"), ==, 2);
  g_assert_true (a.texture != b.texture);

  cached = kiosk_image_loader_lookup (loader, url);
  g_assert_true (cached == a.texture || cached == b.texture);

  /* Only the loader holds the cached one, only we the other. */
  g_object_add_weak_pointer (G_OBJECT (a.texture), (gpointer *) &a.texture);
  g_object_add_weak_pointer (G_OBJECT (b.texture), (gpointer *) &b.texture);
  g_object_add_weak_pointer (G_OBJECT (loader), (gpointer *) &gone);
  g_object_unref (a.texture);
  g_object_unref (b.texture);
  g_assert_true (a.texture == NULL || b.texture == NULL);
  g_assert_true (a.texture == cached || b.texture == cached);

  /* The worker threads drop their hold on the loader on their own time. */
  g_clear_object (&loader);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (gone != NULL && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_null (gone);
  g_assert_null (a.texture);
  g_assert_null (b.texture);
}

static void
test_refused (void)
{
  g_autoptr(KioskImageLoader) loader = kiosk_image_loader_new (services);
  g_autoptr(GBytes) garbage = g_bytes_new_static ("this is no picture", 18);
  g_autoptr(GBytes) png = png_of_size (10, 10);
  Load load_result;

  kiosk_demo_server_set_body (server, "/img/garbage.png", garbage, "image/png");
  load (loader, "/img/garbage.png", &load_result);
  g_assert_null (load_result.texture);
  g_assert_nonnull (load_result.error);
  g_test_message ("%s", load_result.error->message);
  g_clear_error (&load_result.error);

  /* Bigger than the cap: refused before decoding. */
  kiosk_demo_server_set_body (server, "/img/huge.png", png, "image/png");
  kiosk_demo_server_set_fault (server, "/img/huge.png", KIOSK_DEMO_FAULT_HUGE,
                               KIOSK_IMAGE_LOADER_MAX_BYTES + 1024 * 1024);
  load (loader, "/img/huge.png", &load_result);
  g_assert_null (load_result.texture);
  g_assert_error (load_result.error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TOO_LARGE);
  g_clear_error (&load_result.error);

  load (loader, "/img/missing.png", &load_result);
  g_assert_null (load_result.texture);
  g_assert_nonnull (strstr (load_result.error->message, "404"));
  g_clear_error (&load_result.error);

  /* Never a browser, never a file dialog: only web, file and resource URIs. */
  memset (&load_result, 0, sizeof load_result);
  kiosk_image_loader_load_async (loader, "ftp://example.org/x.png", 200, NULL, loaded_cb, &load_result);
  while (!load_result.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (load_result.error, KIOSK_IMAGE_LOADER_ERROR, KIOSK_IMAGE_LOADER_ERROR_UNSUPPORTED);
  g_clear_error (&load_result.error);
}

/* Pictures come through the kiosk's fetcher, with its limits: a server
 * that answers too slowly runs into its timeout, not a session's own. */
static void
test_through_the_fetcher (void)
{
  g_autoptr(KioskFetcher) slow_fetcher = kiosk_fetcher_new ();
  g_autoptr(KioskSourceList) sources = kiosk_source_list_new ();
  g_autoptr(KioskServices) slow_services = NULL;
  g_autoptr(KioskImageLoader) loader = NULL;
  g_autoptr(GBytes) png = png_of_size (10, 10);
  Load load_result;

  kiosk_fetcher_set_timeout (slow_fetcher, 1);
  slow_services = kiosk_services_new (slow_fetcher, sources, NULL);
  loader = kiosk_image_loader_new (slow_services);

  kiosk_demo_server_set_body (server, "/img/slow.png", png, "image/png");
  kiosk_demo_server_set_fault (server, "/img/slow.png", KIOSK_DEMO_FAULT_DELAY, 3000);
  load (loader, "/img/slow.png", &load_result);
  g_assert_null (load_result.texture);
  g_assert_error (load_result.error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TIMED_OUT);
  /* The message names the picture. */
  g_assert_nonnull (strstr (load_result.error->message, "/img/slow.png"));
  g_clear_error (&load_result.error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Not isolated: gdk-pixbuf recognises formats through shared-mime-info
   * in XDG_DATA_DIRS. Nothing here writes to the home directory. */
  g_test_init (&argc, &argv, NULL);

  server = kiosk_demo_server_new ();
  g_assert_true (kiosk_demo_server_start (server, &error));
  g_assert_no_error (error);
  fetcher = kiosk_fetcher_new ();
  {
    g_autoptr(KioskSourceList) sources = kiosk_source_list_new ();

    services = kiosk_services_new (fetcher, sources, NULL);
  }

  g_test_add_func ("/image-loader/scaled-and-cached", test_scaled_and_cached);
  g_test_add_func ("/image-loader/same-picture-at-once", test_same_picture_at_once);
  g_test_add_func ("/image-loader/refused", test_refused);
  g_test_add_func ("/image-loader/through-the-fetcher", test_through_the_fetcher);

  status = g_test_run ();
  kiosk_demo_server_stop (server);
  g_clear_object (&services);
  g_clear_object (&fetcher);
  g_clear_object (&server);

  return status;
}
