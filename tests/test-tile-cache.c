/* test-tile-cache.c: URL-template tiles against a loopback tile server: the
 * disk cache across restarts, offline, 304 and its size limit */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <libsoup/soup.h>

#include "kiosk-demo.h"
#include "kiosk-demo-server.h"
#include "kiosk-fetcher.h"
#include "kiosk-formats.h"
#include "kiosk-map-tiles.h"
#include "kiosk-tile-cache-source.h"
#include "kiosk-tile-image.h"

/* Tiles come from the demo server on loopback (its own thread): a fixed
 * body per tile path, with its ETag, 304 for a matching If-None-Match, and
 * its fault switches. */
typedef struct
{
  KioskDemoServer *server;
  char            *url;       /* the template */
} TileServer;

static TileServer ts;
static char *tmpdir;
/* The kiosk's one fetcher: every tile goes through its session. */
static KioskFetcher *fetcher;

static GBytes *
make_tile (guint32  rgb,
           gboolean noisy)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 256, 256);
  char *buffer = NULL;
  gsize size = 0;

  if (noisy)
    {
      guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
      gsize length = gdk_pixbuf_get_byte_length (pixbuf);

      for (gsize i = 0; i < length; i++)
        pixels[i] = g_random_int_range (0, 256);
    }
  else
    gdk_pixbuf_fill (pixbuf, (rgb << 8) | 0xff);
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", NULL, NULL);

  return g_bytes_new_take (buffer, size);
}

static char *
tile_path (int z,
           int x,
           int y)
{
  return g_strdup_printf ("/tiles/%d/%d/%d.png", z, x, y);
}

static void
serve_tile (int      z,
            int      x,
            int      y,
            guint32  rgb,
            gboolean noisy)
{
  g_autofree char *path = tile_path (z, x, y);
  g_autoptr(GBytes) tile = make_tile (rgb, noisy);

  kiosk_demo_server_set_body (ts.server, path, tile, "image/png");
}

static guint
requests_for (int z,
              int x,
              int y)
{
  g_autofree char *path = tile_path (z, x, y);

  return kiosk_demo_server_get_request_count (ts.server, path);
}

static void
server_start (void)
{
  g_autoptr(GError) error = NULL;

  ts.server = kiosk_demo_server_new ();
  kiosk_demo_server_start (ts.server, &error);
  g_assert_no_error (error);
  g_free (ts.url);
  ts.url = kiosk_demo_server_get_url (ts.server, "/tiles/{z}/{x}/{y}.png");
}

static void
server_stop (void)
{
  kiosk_demo_server_stop (ts.server);
  g_clear_object (&ts.server);
}

typedef struct
{
  GBytes *bytes;
  GError *error;
  guint   received;
  gboolean done;
} Fetch;

static void
received_cb (ShumateDataSource *source,
             int                x,
             int                y,
             int                zoom,
             GBytes            *bytes,
             Fetch             *fetch)
{
  fetch->received++;
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->bytes = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result, &fetch->error);
  fetch->done = TRUE;
}

/* Fetches one tile through the ShumateDataSource API, as the map does. */
static Fetch
fetch_tile (KioskTileCacheSource *source,
            int                   x,
            int                   y,
            int                   z)
{
  Fetch fetch = { 0 };
  gulong handler = g_signal_connect (source, "received-data", G_CALLBACK (received_cb), &fetch);

  shumate_data_source_get_tile_data_async (SHUMATE_DATA_SOURCE (source), x, y, z, NULL, fetched_cb, &fetch);
  while (!fetch.done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (source, handler);

  return fetch;
}

static void
fetch_clear (Fetch *fetch)
{
  g_clear_pointer (&fetch->bytes, g_bytes_unref);
  g_clear_error (&fetch->error);
}

static char *
cache_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static KioskTileCacheSource *
source_new (const char *cache)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cache_path (cache);
  KioskTileCacheSource *source = kiosk_tile_cache_source_new (ts.url, path, fetcher, &error);

  g_assert_no_error (error);
  /* Let the purge at start finish, so counts below are exact. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  return source;
}

static void
drop (KioskTileCacheSource **source)
{
  /* A restart: the object and its connection go away. */
  g_clear_object (source);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (50000);
}

static void
test_bad_template (void)
{
  g_autofree char *path = cache_path ("bad.sqlite");
  g_autoptr(GError) error = NULL;
  KioskTileCacheSource *source;

  source = kiosk_tile_cache_source_new ("ftp://tiles.example.org/{z}/{x}/{y}.png", path, fetcher,
                                        &error);
  g_assert_null (source);
  g_assert_error (error, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_FAILED);
  g_clear_error (&error);

  /* The message names the template, but never its key. */
  source = kiosk_tile_cache_source_new ("https://tiles.example.org/tile.png?api_key=s3cr3t", path,
                                        fetcher, &error);
  g_assert_null (source);
  g_assert_error (error, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "tiles.example.org/tile.png"));
  g_assert_null (strstr (error->message, "s3cr3t"));
}

/* Tiles are fetched through the fetcher they are given, with its limits:
 * a tile server slower than its timeout is a failure the source reports. */
static void
test_through_the_fetcher (void)
{
  g_autoptr(KioskFetcher) impatient = kiosk_fetcher_new ();
  g_autoptr(KioskTileCacheSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cache_path ("impatient.sqlite");
  Fetch fetch;

  kiosk_fetcher_set_timeout (impatient, 1);
  server_start ();
  serve_tile (4, 1, 1, 0x123456, FALSE);
  kiosk_demo_server_set_fault (ts.server, NULL, KIOSK_DEMO_FAULT_DELAY, 3000);
  source = kiosk_tile_cache_source_new (ts.url, path, impatient, &error);
  g_assert_no_error (error);

  fetch = fetch_tile (source, 1, 1, 4);
  g_assert_null (fetch.bytes);
  g_assert_error (fetch.error, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_NOT_FOUND);
  g_assert_nonnull (kiosk_tile_cache_source_get_last_error (source));
  g_test_message ("%s", kiosk_tile_cache_source_get_last_error (source));
  g_assert_nonnull (strstr (kiosk_tile_cache_source_get_last_error (source), "within 1 s"));
  fetch_clear (&fetch);
  drop (&source);
  server_stop ();
}

typedef struct
{
  KioskMapTiles *tiles;
  GError        *error;
  gboolean       done;
} Opened;

static void
map_tiles_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Opened *opened = user_data;

  opened->tiles = kiosk_map_tiles_new_finish (result, &opened->error);
  opened->done = TRUE;
}

static Opened
open_map_tiles (const char *url,
                GHashTable *options)
{
  Opened opened = { 0 };

  kiosk_map_tiles_new_async ("street", url, options, fetcher, tmpdir, NULL, map_tiles_cb, &opened);
  while (!opened.done)
    g_main_context_iteration (NULL, TRUE);

  return opened;
}

/* The map's tile source comes from media, built from the tiles source's
 * settings: which kind, where its cache goes, its zoom levels. */
static void
test_map_tiles (void)
{
  g_autoptr(GHashTable) options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *mbtiles_path = kiosk_demo_tiles_get_path ();
  g_autofree char *mbtiles_uri = g_filename_to_uri (mbtiles_path, NULL, NULL);
  g_autofree char *cache = cache_path ("tiles-street.sqlite");
  Opened opened;
  Fetch fetch;
  double west, south, east, north;

  server_start ();
  serve_tile (12, 2200, 1370, 0x778899, FALSE);
  g_hash_table_insert (options, g_strdup ("max-zoom"), g_strdup ("17"));
  opened = open_map_tiles (ts.url, options);
  g_assert_no_error (opened.error);
  g_assert_true (KIOSK_IS_TILE_CACHE_SOURCE (kiosk_map_tiles_get_source (opened.tiles)));
  g_assert_cmpuint (kiosk_map_tiles_get_max_zoom (opened.tiles), ==, 17);
  g_assert_cmpuint (kiosk_map_tiles_get_min_zoom (opened.tiles), ==, 10);
  /* Nobody said whose tiles: the view names the server. */
  g_assert_null (kiosk_map_tiles_get_license (opened.tiles));
  g_assert_cmpstr (kiosk_map_tiles_get_server (opened.tiles), ==, "127.0.0.1");
  g_assert_true (g_file_test (cache, G_FILE_TEST_IS_REGULAR));
  fetch = fetch_tile (KIOSK_TILE_CACHE_SOURCE (kiosk_map_tiles_get_source (opened.tiles)),
                      2200, 1370, 12);
  g_assert_no_error (fetch.error);
  g_assert_nonnull (fetch.bytes);
  fetch_clear (&fetch);
  g_clear_object (&opened.tiles);
  server_stop ();

  opened = open_map_tiles (mbtiles_uri, NULL);
  g_assert_no_error (opened.error);
  g_assert_true (kiosk_map_tiles_get_bounds (opened.tiles, &west, &south, &east, &north));
  g_assert_cmpfloat (west, <, east);
  g_assert_cmpfloat (south, <, north);
  g_clear_object (&opened.tiles);

  opened = open_map_tiles (NULL, NULL);
  g_assert_error (opened.error, KIOSK_MAP_TILES_ERROR, KIOSK_MAP_TILES_ERROR_NOT_SET_UP);
  g_clear_error (&opened.error);

  opened = open_map_tiles ("ftp://tiles.example.org/x?token=s3cr3t", NULL);
  g_assert_error (opened.error, KIOSK_MAP_TILES_ERROR, KIOSK_MAP_TILES_ERROR_INVALID);
  g_assert_null (strstr (opened.error->message, "s3cr3t"));
  g_clear_error (&opened.error);

  opened = open_map_tiles ("/nonexistent/town.mbtiles", NULL);
  g_assert_error (opened.error, KIOSK_MAP_TILES_ERROR, KIOSK_MAP_TILES_ERROR_OFFLINE_MAP);
  g_clear_error (&opened.error);
}

static void
test_cache_after_restart (void)
{
  g_autoptr(KioskTileCacheSource) source = NULL;
  g_autofree char *url = NULL;
  Fetch first, second;

  server_start ();
  serve_tile (4, 3, 5, 0x336699, FALSE);
  source = source_new ("restart.sqlite");
  url = kiosk_tile_cache_source_get_tile_url (source, 3, 5, 4);
  g_assert_nonnull (strstr (url, "/tiles/4/3/5.png"));

  first = fetch_tile (source, 3, 5, 4);
  g_assert_no_error (first.error);
  g_assert_cmpstr (kiosk_tile_format_sniff (first.bytes), ==, "png");
  g_assert_cmpuint (first.received, ==, 1);
  g_assert_cmpuint (requests_for (4, 3, 5), ==, 1);
  g_assert_cmpuint (kiosk_tile_cache_source_get_n_requests (source), ==, 1);

  drop (&source);

  /* After a restart the tile comes from disk: the server is not asked. */
  source = source_new ("restart.sqlite");
  second = fetch_tile (source, 3, 5, 4);
  g_assert_no_error (second.error);
  g_assert_true (g_bytes_equal (first.bytes, second.bytes));
  g_assert_cmpuint (second.received, ==, 1);
  g_assert_cmpuint (requests_for (4, 3, 5), ==, 1);
  g_assert_cmpuint (kiosk_tile_cache_source_get_n_requests (source), ==, 0);

  fetch_clear (&first);
  fetch_clear (&second);
  server_stop ();
}

static void
test_not_modified (void)
{
  g_autoptr(KioskTileCacheSource) source = NULL;
  Fetch first, again;

  server_start ();
  serve_tile (2, 1, 1, 0x993333, FALSE);
  source = source_new ("304.sqlite");
  first = fetch_tile (source, 1, 1, 2);
  g_assert_no_error (first.error);
  drop (&source);

  /* Older than max-age: asked again, conditionally; 304 keeps our copy. */
  source = source_new ("304.sqlite");
  kiosk_tile_cache_source_set_max_age (source, 0);
  again = fetch_tile (source, 1, 1, 2);
  g_assert_no_error (again.error);
  g_assert_true (g_bytes_equal (first.bytes, again.bytes));
  g_assert_cmpuint (requests_for (2, 1, 1), ==, 2);
  g_assert_cmpuint (kiosk_tile_cache_source_get_n_requests (source), ==, 1);
  g_assert_cmpuint (kiosk_tile_cache_source_get_n_not_modified (source), ==, 1);
  /* The cached tile was drawn at once; the 304 adds nothing to draw. */
  g_assert_cmpuint (again.received, ==, 1);
  fetch_clear (&again);

  /* A changed tile replaces the cached one and is drawn again. */
  serve_tile (2, 1, 1, 0x339933, FALSE);
  again = fetch_tile (source, 1, 1, 2);
  g_assert_no_error (again.error);
  g_assert_cmpuint (requests_for (2, 1, 1), ==, 3);
  g_assert_cmpuint (kiosk_tile_cache_source_get_n_not_modified (source), ==, 1);
  g_assert_false (g_bytes_equal (first.bytes, again.bytes));
  g_assert_cmpuint (again.received, ==, 2);   /* the old one at once, then the new */

  fetch_clear (&first);
  fetch_clear (&again);
  server_stop ();
}

static void
test_offline (void)
{
  g_autoptr(KioskTileCacheSource) source = NULL;
  Fetch first, offline, unknown, later;
  guint requests;

  server_start ();
  serve_tile (5, 7, 9, 0x777777, FALSE);
  source = source_new ("offline.sqlite");
  first = fetch_tile (source, 7, 9, 5);
  g_assert_no_error (first.error);
  drop (&source);

  /* The network is gone (the port is closed now). */
  server_stop ();

  source = source_new ("offline.sqlite");
  kiosk_tile_cache_source_set_max_age (source, 0);
  offline = fetch_tile (source, 7, 9, 5);
  g_assert_no_error (offline.error);
  g_assert_true (g_bytes_equal (first.bytes, offline.bytes));
  g_assert_cmpuint (offline.received, ==, 1);
  g_assert_nonnull (kiosk_tile_cache_source_get_last_error (source));
  g_test_message ("offline: %s", kiosk_tile_cache_source_get_last_error (source));

  /* A tile never seen cannot be shown, and says why. */
  unknown = fetch_tile (source, 8, 9, 5);
  g_assert_null (unknown.bytes);
  g_assert_error (unknown.error, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_NOT_FOUND);
  g_assert_cmpuint (unknown.received, ==, 0);

  /* While the server is failing, it is left alone (backoff). */
  requests = kiosk_tile_cache_source_get_n_requests (source);
  later = fetch_tile (source, 9, 9, 5);
  g_assert_nonnull (later.error);
  g_assert_cmpuint (kiosk_tile_cache_source_get_n_requests (source), ==, requests);

  fetch_clear (&first);
  fetch_clear (&offline);
  fetch_clear (&unknown);
  fetch_clear (&later);
}

static void
test_not_an_image (void)
{
  g_autoptr(KioskTileCacheSource) source = NULL;
  Fetch good, html, again;

  server_start ();
  serve_tile (3, 2, 2, 0x123456, FALSE);
  serve_tile (3, 3, 2, 0x123456, FALSE);
  source = source_new ("html.sqlite");
  good = fetch_tile (source, 2, 2, 3);
  g_assert_no_error (good.error);

  /* Bytes with status 200 that are no image are not a tile: not stored,
   * not drawn; the old tile stays. */
  kiosk_demo_server_set_fault (ts.server, NULL, KIOSK_DEMO_FAULT_GARBAGE, 0);
  kiosk_tile_cache_source_set_max_age (source, 0);
  html = fetch_tile (source, 2, 2, 3);
  g_assert_no_error (html.error);
  g_assert_true (g_bytes_equal (good.bytes, html.bytes));
  g_assert_nonnull (kiosk_tile_cache_source_get_last_error (source));

  again = fetch_tile (source, 3, 2, 3);
  g_assert_null (again.bytes);
  g_assert_nonnull (again.error);
  g_assert_cmpuint (again.received, ==, 0);

  fetch_clear (&good);
  fetch_clear (&html);
  fetch_clear (&again);
  server_stop ();
}

static void
test_size_limit (void)
{
  g_autoptr(KioskTileCacheSource) source = NULL;
  guint64 limit = 1024 * 1024;

  server_start ();
  for (int i = 0; i < 12; i++)
    serve_tile (6, i, 0, 0, TRUE);   /* about 190 kB per tile */
  source = source_new ("size.sqlite");
  kiosk_tile_cache_source_set_max_size (source, limit);

  for (int i = 0; i < 12; i++)
    {
      Fetch fetch = fetch_tile (source, i, 0, 6);

      g_assert_no_error (fetch.error);
      fetch_clear (&fetch);
      g_assert_cmpuint (kiosk_tile_cache_source_get_size (source), <=, limit);
    }
  g_test_message ("cache holds %" G_GUINT64_FORMAT " bytes (limit %" G_GUINT64_FORMAT ")",
                  kiosk_tile_cache_source_get_size (source), limit);
  g_assert_cmpuint (kiosk_tile_cache_source_get_size (source), >, limit / 2);

  /* The newest stayed; the oldest went first. */
  {
    Fetch newest = fetch_tile (source, 11, 0, 6);
    Fetch oldest = fetch_tile (source, 0, 0, 6);

    g_assert_no_error (newest.error);
    g_assert_no_error (oldest.error);
    g_assert_cmpuint (requests_for (6, 11, 0), ==, 1);
    g_assert_cmpuint (requests_for (6, 0, 0), ==, 2);
    fetch_clear (&newest);
    fetch_clear (&oldest);
  }

  server_stop ();
}

/* The check blocks (it is a command line tool); the demo server answers
 * from its own thread. */
static gboolean
run_check (const char              *url,
           const KioskParseContext *ctx,
           GPtrArray               *items,
           GError                 **error)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

  return kiosk_format_lookup ("tiles")->check (url, ctx, items, warnings, error);
}

static void
test_check_url (void)
{
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = NULL;
  JsonObject *object;

  server_start ();
  serve_tile (15, 17510, 10920, 0x445566, FALSE);
  /* `ankerort check tiles URL` fetches the tile at the kiosk's position. */
  g_hash_table_insert (ctx->options, g_strdup ("latitude"), g_strdup ("51.3397"));
  g_hash_table_insert (ctx->options, g_strdup ("longitude"), g_strdup ("12.3731"));
  g_hash_table_insert (ctx->options, g_strdup ("zoom"), g_strdup ("15"));
  g_assert_true (run_check (ts.url, ctx, items, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  object = json_node_get_object (g_ptr_array_index (items, 0));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (object, "url"), "/tiles/15/17510/10920.png"));
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "png");
  g_assert_cmpint (json_object_get_int_member (object, "size"), >, 0);
  g_assert_cmpuint (requests_for (15, 17510, 10920), ==, 1);

  /* Not a tile: an error that says so */
  kiosk_demo_server_set_fault (ts.server, NULL, KIOSK_DEMO_FAULT_GARBAGE, 0);
  g_assert_false (run_check (ts.url, ctx, items, &error));
  g_assert_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID);
  g_clear_error (&error);
  server_stop ();

  /* No server: exit 1 with the reason */
  missing = g_strdup (ts.url);
  g_assert_false (run_check (missing, ctx, items, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Isolated dirs hide the desktop's proxy schema; loopback needs no proxy. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmpdir = g_dir_make_tmp ("test-tile-cache-XXXXXX", NULL);
  fetcher = kiosk_fetcher_new ();

  g_test_add_func ("/tile-cache/bad-template", test_bad_template);
  g_test_add_func ("/tile-cache/cache-after-restart", test_cache_after_restart);
  g_test_add_func ("/tile-cache/not-modified", test_not_modified);
  g_test_add_func ("/tile-cache/offline", test_offline);
  g_test_add_func ("/tile-cache/not-an-image", test_not_an_image);
  g_test_add_func ("/tile-cache/size-limit", test_size_limit);
  g_test_add_func ("/tile-cache/check-url", test_check_url);
  g_test_add_func ("/tile-cache/through-the-fetcher", test_through_the_fetcher);
  g_test_add_func ("/tile-cache/map-tiles", test_map_tiles);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (tmpdir, name, NULL);

        g_remove (child);
      }
    g_rmdir (tmpdir);
  }
  g_free (tmpdir);
  g_free (ts.url);

  return status;
}
