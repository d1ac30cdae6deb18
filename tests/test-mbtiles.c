/* test-mbtiles.c: the MBTiles tile source: TMS rows, missing tiles, broken files */

#include "config.h"
#include "kiosk-map-config.h"

#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <sqlite3.h>
#ifdef HAVE_WEBP
# include <webp/encode.h>
#endif

#include "kiosk-demo.h"
#include "kiosk-formats.h"
#include "kiosk-mbtiles-source.h"
#include "kiosk-tile-image.h"

typedef struct
{
  int      z;
  int      x;
  int      y;        /* XYZ row: the file gets the TMS row */
  guint32  rgb[4];   /* colours of the four quadrants */
} Tile;

static char *tmpdir;

static GBytes *
make_png (const guint32 rgb[4])
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 256, 256);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  for (int q = 0; q < 4; q++)
    {
      g_autoptr(GdkPixbuf) part = gdk_pixbuf_new_subpixbuf (pixbuf, (q % 2) * 128, (q / 2) * 128, 128, 128);

      gdk_pixbuf_fill (part, (rgb[q] << 8) | 0xff);
    }
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL);
  g_assert_no_error (error);

  return g_bytes_new_take (buffer, size);
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static char *
make_mbtiles (const char  *name,
              const char  *metadata_sql,
              const Tile  *tiles,
              guint        n_tiles)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_remove (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec (db, "CREATE TABLE metadata (name TEXT, value TEXT);"
            "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);");
  if (metadata_sql != NULL)
    exec (db, metadata_sql);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (guint i = 0; i < n_tiles; i++)
    {
      g_autoptr(GBytes) png = make_png (tiles[i].rgb);

      sqlite3_bind_int (stmt, 1, tiles[i].z);
      sqlite3_bind_int (stmt, 2, tiles[i].x);
      sqlite3_bind_int (stmt, 3, (1 << tiles[i].z) - 1 - tiles[i].y);
      sqlite3_bind_blob (stmt, 4, g_bytes_get_data (png, NULL), g_bytes_get_size (png), SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return path;
}

static guint32
pixel_at (GBytes *png,
          int     x,
          int     y)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("png", NULL);
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf;
  const guint8 *p;

  gdk_pixbuf_loader_write_bytes (loader, png, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 256);
  p = gdk_pixbuf_read_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) +
      x * gdk_pixbuf_get_n_channels (pixbuf);

  return (p[0] << 16) | (p[1] << 8) | p[2];
}

#define RED    0xff0000
#define GREEN  0x00ff00
#define BLUE   0x0000ff
#define YELLOW 0xffff00
#define WHITE  0xffffff

static const char *standard_metadata =
  "INSERT INTO metadata VALUES ('name', 'Test town'), ('format', 'png'),"
  " ('minzoom', '1'), ('maxzoom', '2'), ('bounds', '-180,-85,180,85'),"
  " ('attribution', 'Test data');";

static const Tile standard_tiles[] = {
  /* The parent of everything at zoom 2 below (0,0): four colours. */
  { 1, 0, 0, { RED, GREEN, BLUE, YELLOW } },
  /* Zoom 2: the northernmost row holds red, the southernmost blue. */
  { 2, 1, 0, { RED, RED, RED, RED } },
  { 2, 1, 3, { BLUE, BLUE, BLUE, BLUE } },
};

static void
test_metadata (void)
{
  g_autofree char *path = make_mbtiles ("standard.mbtiles", standard_metadata,
                                        standard_tiles, G_N_ELEMENTS (standard_tiles));
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskMbtilesSource) source = kiosk_mbtiles_source_new (path, &error);
  double w, s, e, n;

  g_assert_no_error (error);
  g_assert_cmpstr (kiosk_mbtiles_source_get_name (source), ==, "Test town");
  g_assert_cmpstr (kiosk_mbtiles_source_get_format (source), ==, "png");
  g_assert_cmpstr (kiosk_mbtiles_source_get_attribution (source), ==, "Test data");
  g_assert_cmpuint (kiosk_mbtiles_source_get_min_zoom (source), ==, 1);
  g_assert_cmpuint (kiosk_mbtiles_source_get_max_zoom (source), ==, 2);
  g_assert_true (kiosk_mbtiles_source_get_bounds (source, &w, &s, &e, &n));
  g_assert_cmpfloat (w, ==, -180);
  g_assert_cmpfloat (n, ==, 85);
  g_assert_cmpint (kiosk_mbtiles_source_count_tiles (source, &error), ==, 3);
}

static void
test_metadata_derived (void)
{
  static const Tile tiles[] = { { 3, 4, 2, { RED, RED, RED, RED } }, { 5, 17, 9, { RED, RED, RED, RED } } };
  g_autofree char *path = make_mbtiles ("bare.mbtiles", NULL, tiles, G_N_ELEMENTS (tiles));
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskMbtilesSource) source = kiosk_mbtiles_source_new (path, &error);
  double w, s, e, n;

  /* No metadata at all: zooms, bounds and format come from the tiles. */
  g_assert_no_error (error);
  g_assert_cmpuint (kiosk_mbtiles_source_get_min_zoom (source), ==, 3);
  g_assert_cmpuint (kiosk_mbtiles_source_get_max_zoom (source), ==, 5);
  g_assert_cmpstr (kiosk_mbtiles_source_get_format (source), ==, "png");
  g_assert_true (kiosk_mbtiles_source_get_bounds (source, &w, &s, &e, &n));
  g_assert_cmpfloat_with_epsilon (w, 17.0 / 32 * 360 - 180, 1e-9);
  g_assert_cmpfloat_with_epsilon (e, 18.0 / 32 * 360 - 180, 1e-9);
  g_assert_cmpfloat (s, <, n);
}

static void
test_tms_flip (void)
{
  g_autofree char *path = make_mbtiles ("standard.mbtiles", standard_metadata,
                                        standard_tiles, G_N_ELEMENTS (standard_tiles));
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskMbtilesSource) source = kiosk_mbtiles_source_new (path, &error);
  g_autoptr(GBytes) north = NULL, south = NULL;

  g_assert_no_error (error);

  /* XYZ row 0 is the north: stored as TMS row 3. */
  north = kiosk_mbtiles_source_read_tile (source, 1, 0, 2, &error);
  g_assert_no_error (error);
  g_assert_cmphex (pixel_at (north, 10, 10), ==, RED);

  south = kiosk_mbtiles_source_read_tile (source, 1, 3, 2, &error);
  g_assert_no_error (error);
  g_assert_cmphex (pixel_at (south, 200, 200), ==, BLUE);
}

static void
test_missing_from_parent (void)
{
  g_autofree char *path = make_mbtiles ("standard.mbtiles", standard_metadata,
                                        standard_tiles, G_N_ELEMENTS (standard_tiles));
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskMbtilesSource) source = kiosk_mbtiles_source_new (path, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) deeper = NULL;

  g_assert_no_error (error);

  /* 2/0/1 is missing: its parent 1/0/0's lower-left quadrant (blue),
   * scaled up, instead of a grey hole. */
  bytes = kiosk_mbtiles_source_read_tile (source, 0, 1, 2, &error);
  g_assert_no_error (error);
  g_assert_cmphex (pixel_at (bytes, 5, 5), ==, BLUE);
  g_assert_cmphex (pixel_at (bytes, 250, 250), ==, BLUE);

  /* Beyond the deepest level (overzoom), two levels up: 3/2/2 is a
   * sixteenth of 1/0/0, inside its lower-right (yellow) quadrant. */
  deeper = kiosk_mbtiles_source_read_tile (source, 2, 2, 3, &error);
  g_assert_no_error (error);
  g_assert_cmphex (pixel_at (deeper, 128, 128), ==, YELLOW);
}

static void
test_missing_everywhere (void)
{
  g_autofree char *path = make_mbtiles ("standard.mbtiles", standard_metadata,
                                        standard_tiles, G_N_ELEMENTS (standard_tiles));
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskMbtilesSource) source = kiosk_mbtiles_source_new (path, &error);
  g_autoptr(GBytes) bytes = NULL;

  g_assert_no_error (error);

  /* 2/3/3 has no tile and no parent (1/1/1 is missing too). */
  bytes = kiosk_mbtiles_source_read_tile (source, 3, 3, 2, &error);
  g_assert_null (bytes);
  g_assert_error (error, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Outside the world */
  bytes = kiosk_mbtiles_source_read_tile (source, 9, 0, 2, &error);
  g_assert_null (bytes);
  g_assert_error (error, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_NOT_FOUND);
}

typedef struct
{
  GMainLoop *loop;
  GBytes    *bytes;
  GError    *error;
  int        received;
  gboolean   on_main_thread;
} AsyncData;

static void
received_cb (ShumateDataSource *source,
             int                x,
             int                y,
             int                zoom,
             GBytes            *bytes,
             AsyncData         *data)
{
  g_assert_cmpint (x, ==, 1);
  g_assert_cmpint (y, ==, 0);
  g_assert_cmpint (zoom, ==, 2);
  data->received++;
  data->on_main_thread = g_main_context_is_owner (g_main_context_default ());
}

static void
got_tile_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncData *data = user_data;

  data->bytes = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result, &data->error);
  g_main_loop_quit (data->loop);
}

static void
test_data_source_async (void)
{
  g_autofree char *path = make_mbtiles ("standard.mbtiles", standard_metadata,
                                        standard_tiles, G_N_ELEMENTS (standard_tiles));
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskMbtilesSource) source = kiosk_mbtiles_source_new (path, &error);
  AsyncData data = { g_main_loop_new (NULL, FALSE) };

  g_assert_no_error (error);
  g_signal_connect (source, "received-data", G_CALLBACK (received_cb), &data);

  /* libshumate's raster renderer draws only on received-data, on the main thread. */
  shumate_data_source_get_tile_data_async (SHUMATE_DATA_SOURCE (source), 1, 0, 2, NULL,
                                           got_tile_cb, &data);
  g_main_loop_run (data.loop);

  g_assert_no_error (data.error);
  g_assert_nonnull (data.bytes);
  g_assert_cmpint (data.received, ==, 1);
  g_assert_true (data.on_main_thread);
  g_assert_cmphex (pixel_at (data.bytes, 0, 0), ==, RED);

  g_bytes_unref (data.bytes);
  g_main_loop_unref (data.loop);
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_open_async (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "nowhere.mbtiles", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  KioskMbtilesSource *source;

  kiosk_mbtiles_source_new_async (path, NULL, opened_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  source = kiosk_mbtiles_source_new_finish (result, &error);
  g_assert_null (source);
  g_assert_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_NOT_FOUND);
}

static void
expect_open_error (const char *path,
                   int         code,
                   const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskMbtilesSource) source = kiosk_mbtiles_source_new (path, &error);

  g_assert_null (source);
  g_assert_error (error, KIOSK_MBTILES_ERROR, code);
  g_test_message ("%s", error->message);
  /* The message names the file, so staff know which one. */
  g_assert_nonnull (strstr (error->message, path));
  if (fragment != NULL)
    g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_broken_files (void)
{
  g_autofree char *missing = g_build_filename (tmpdir, "missing.mbtiles", NULL);
  g_autofree char *empty = g_build_filename (tmpdir, "empty.mbtiles", NULL);
  g_autofree char *garbage = g_build_filename (tmpdir, "garbage.mbtiles", NULL);
  g_autofree char *no_tiles = g_build_filename (tmpdir, "notiles.mbtiles", NULL);
  g_autofree char *truncated = g_build_filename (tmpdir, "truncated.mbtiles", NULL);
  g_autofree char *good = make_mbtiles ("standard.mbtiles", standard_metadata,
                                        standard_tiles, G_N_ELEMENTS (standard_tiles));
  g_autofree char *contents = NULL;
  gsize length;
  guint8 noise[4096];
  sqlite3 *db = NULL;

  expect_open_error (missing, KIOSK_MBTILES_ERROR_NOT_FOUND, NULL);
  expect_open_error (tmpdir, KIOSK_MBTILES_ERROR_NOT_MBTILES, "not a regular file");

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  expect_open_error (empty, KIOSK_MBTILES_ERROR_EMPTY, "empty");

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = g_test_rand_int_range (0, 256);
  g_assert_true (g_file_set_contents (garbage, (char *) noise, sizeof noise, NULL));
  expect_open_error (garbage, KIOSK_MBTILES_ERROR_NOT_MBTILES, "not an MBTiles file");

  g_assert_cmpint (sqlite3_open (no_tiles, &db), ==, SQLITE_OK);
  exec (db, "CREATE TABLE metadata (name TEXT, value TEXT);");
  sqlite3_close (db);
  expect_open_error (no_tiles, KIOSK_MBTILES_ERROR_NOT_MBTILES, "no “tiles” table");

  /* Half a database: the header survives, the pages do not. */
  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (truncated, contents, 1024, NULL));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(KioskMbtilesSource) source = kiosk_mbtiles_source_new (truncated, &error);

    g_assert_null (source);
    g_assert_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_CORRUPT);
    g_assert_nonnull (strstr (error->message, truncated));
  }
}

static void
test_wrong_formats (void)
{
  static const Tile one[] = { { 1, 0, 0, { RED, RED, RED, RED } } };
  g_autofree char *pbf = make_mbtiles ("vector.mbtiles",
                                       "INSERT INTO metadata VALUES ('format', 'pbf');", one, 1);
  g_autofree char *tiff = make_mbtiles ("tiff.mbtiles",
                                        "INSERT INTO metadata VALUES ('format', 'tiff');", one, 1);
  g_autofree char *jpeg = make_mbtiles ("jpeg.mbtiles",
                                        "INSERT INTO metadata VALUES ('format', 'JPEG');", one, 1);
  g_autofree char *empty = make_mbtiles ("notile.mbtiles", NULL, NULL, 0);
  g_autoptr(KioskMbtilesSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) text = g_bytes_new_static ("<html>no tile</html>", 20);

  expect_open_error (pbf, KIOSK_MBTILES_ERROR_UNSUPPORTED, "vector tiles");
  expect_open_error (tiff, KIOSK_MBTILES_ERROR_UNSUPPORTED, "tiff");
  expect_open_error (empty, KIOSK_MBTILES_ERROR_EMPTY, "no tiles");

  /* "jpeg" is "jpg" */
  source = kiosk_mbtiles_source_new (jpeg, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kiosk_mbtiles_source_get_format (source), ==, "jpg");

  /* Bytes that are no image give an error, never a crash. */
  bytes = kiosk_tile_image_to_drawable (text, &error);
  g_assert_null (bytes);
  g_assert_error (error, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  bytes = kiosk_tile_image_from_parent (text, 1, 0, 0, 256, &error);
  g_assert_null (bytes);
  g_assert_error (error, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_UNSUPPORTED);
}

static void
test_sniff (void)
{
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG\r\n\x1a\n....", 12);
  g_autoptr(GBytes) jpg = g_bytes_new_static ("\xff\xd8\xff\xe0....", 8);
  g_autoptr(GBytes) webp = g_bytes_new_static ("RIFF\0\0\0\0WEBPVP8 ", 16);
  g_autoptr(GBytes) pbf = g_bytes_new_static ("\x1f\x8b\x08\0", 4);
  g_autoptr(GBytes) html = g_bytes_new_static ("<html>", 6);

  g_assert_cmpstr (kiosk_tile_format_sniff (png), ==, "png");
  g_assert_cmpstr (kiosk_tile_format_sniff (jpg), ==, "jpg");
  g_assert_cmpstr (kiosk_tile_format_sniff (webp), ==, "webp");
  g_assert_cmpstr (kiosk_tile_format_sniff (pbf), ==, "pbf");
  g_assert_null (kiosk_tile_format_sniff (html));
}

static void
test_webp (void)
{
#ifdef HAVE_WEBP
  guint8 rgba[64 * 64 * 4];
  guint8 *out = NULL;
  size_t size;
  g_autoptr(GBytes) webp = NULL, png = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("png", NULL);
  GdkPixbuf *pixbuf;

  for (guint i = 0; i < 64 * 64; i++)
    {
      rgba[i * 4] = 0;
      rgba[i * 4 + 1] = 0;
      rgba[i * 4 + 2] = 255;
      rgba[i * 4 + 3] = 255;
    }
  size = WebPEncodeLosslessRGBA (rgba, 64, 64, 64 * 4, &out);
  g_assert_cmpuint (size, >, 0);
  webp = g_bytes_new (out, size);
  WebPFree (out);

  /* The raster renderer cannot read WebP here: it gets PNG. */
  png = kiosk_tile_image_to_drawable (webp, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kiosk_tile_format_sniff (png), ==, "png");
  gdk_pixbuf_loader_write_bytes (loader, png, &error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 64);
  g_assert_cmpint (gdk_pixbuf_read_pixels (pixbuf)[2], ==, 255);
#else
  g_test_skip ("built without libwebp");
#endif
}

static void
test_check (void)
{
  g_autofree char *path = make_mbtiles ("standard.mbtiles", standard_metadata,
                                        standard_tiles, G_N_ELEMENTS (standard_tiles));
  g_autofree char *missing = g_build_filename (tmpdir, "missing.mbtiles", NULL);
  g_autofree char *garbage = g_build_filename (tmpdir, "plain.txt", NULL);
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  const KioskFormat *format = kiosk_format_lookup ("tiles");
  JsonObject *object;
  JsonArray *bounds;

  g_assert_true (format == &kiosk_format_tiles);
  g_assert_cmpint (format->area, ==, KIOSK_AREA_TILES);
  g_assert_nonnull (format->check);

  g_assert_true (format->check (uri, ctx, items, warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  object = json_node_get_object (g_ptr_array_index (items, 0));
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Test town");
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "png");
  g_assert_cmpint (json_object_get_int_member (object, "minzoom"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "maxzoom"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "tile_count"), ==, 3);
  /* The first tile, and the first of the lowest and the highest zoom. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "sample_tiles")), ==, 2);
  bounds = json_object_get_array_member (object, "bounds");
  g_assert_cmpuint (json_array_get_length (bounds), ==, 4);
  g_assert_cmpfloat (json_array_get_double_element (bounds, 0), ==, -180);

  /* A plain path works as well as a file:// URL. */
  g_ptr_array_set_size (items, 0);
  g_assert_true (format->check (path, ctx, items, warnings, &error));
  g_assert_cmpuint (items->len, ==, 1);

  g_ptr_array_set_size (items, 0);
  g_assert_false (format->check (missing, ctx, items, warnings, &error));
  g_assert_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (garbage, "just some text that is not SQLite at all, "
                                      "long enough to have a header", -1, NULL));
  g_assert_false (format->check (garbage, ctx, items, warnings, &error));
  g_assert_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_NOT_MBTILES);
  g_clear_error (&error);

  g_assert_false (format->check ("ftp://example.org/tiles", ctx, items, warnings, &error));
  g_assert_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID);
  g_assert_cmpuint (items->len, ==, 0);
}

/* A file from outside can hold anything SQLite can: endless views, tiles
 * that are no pictures, damaged pages. Each must end in a clear error
 * naming the file, soon; none may hang the check or the map. */

#define BOUNDED_S 20

/* A "tiles" view that never ends. Each column is another expression of the
 * counter, so SQLite cannot see that a lookup will never match (with
 * column = n and row = n it would, and answer at once). */
static const char *endless_tiles =
  "CREATE VIEW tiles AS WITH RECURSIVE r(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM r) "
  "SELECT n % 18 AS zoom_level, n / 3 AS tile_column, n / 5 AS tile_row, "
  "x'89504e470d0a1a0a' AS tile_data FROM r;";

static char *
make_hostile (const char *name,
              const char *sql)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  sqlite3 *db = NULL;

  g_remove (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec (db, sql);
  sqlite3_close (db);

  return path;
}

/* Runs the check (as `ankerort check tiles` does) on @path; it must fail
 * with @code, naming the file, within BOUNDED_S seconds. */
static void
expect_check_error (const char *path,
                    int         code,
                    const char *fragment)
{
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_false (kiosk_format_tiles.check (path, ctx, items, warnings, &error));
  g_assert_cmpint (g_get_monotonic_time () - start, <, BOUNDED_S * G_USEC_PER_SEC);
  g_assert_error (error, KIOSK_MBTILES_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  if (fragment != NULL)
    g_assert_nonnull (strstr (error->message, fragment));
  g_assert_cmpuint (items->len, ==, 0);
}

static void
test_endless_view (void)
{
  g_autofree char *sql = g_strconcat ("CREATE TABLE metadata (name TEXT, value TEXT);",
                                      standard_metadata, endless_tiles, NULL);
  g_autofree char *tiles = make_hostile ("endless-tiles.mbtiles", sql);
  g_autofree char *metadata = make_hostile ("endless-metadata.mbtiles",
    "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
    "CREATE VIEW metadata AS WITH RECURSIVE r(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM r) "
    "SELECT 'name' AS name, 'x' || n AS value FROM r;");
  g_autofree char *ankerort = g_test_build_filename (G_TEST_BUILT, "..", "src", "ankerort", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  char *argv[] = { NULL, (char *) "check", (char *) "tiles", NULL, (char *) "--json", NULL };
  JsonObject *reported;
  gint64 start;
  int status;

  /* The map opens the file first: that fails, so no tile is ever asked for. */
  expect_open_error (tiles, KIOSK_MBTILES_ERROR_TOO_SLOW, "took longer than 2 s");
  expect_check_error (tiles, KIOSK_MBTILES_ERROR_TOO_SLOW, "view without end");
  expect_open_error (metadata, KIOSK_MBTILES_ERROR_TOO_SLOW, "reading the metadata");

  /* The command staff run says the same, and exits. */
  if (!g_file_test (ankerort, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_message ("%s is not built; the command is not tried", ankerort);
      return;
    }
  argv[0] = ankerort;
  argv[3] = tiles;
  start = g_get_monotonic_time ();
  g_assert_true (g_spawn_sync (NULL, argv,
                               NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, BOUNDED_S * G_USEC_PER_SEC);
  g_test_message ("stdout: %s\nstderr: %s", out, err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err, tiles));
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  reported = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "error");
  g_assert_cmpint (json_object_get_int_member (reported, "code"), ==, KIOSK_MBTILES_ERROR_TOO_SLOW);
  g_assert_nonnull (strstr (json_object_get_string_member (reported, "message"), "view without end"));
}

static void
test_garbage_tiles (void)
{
  static const Tile good[] = {
    { 1, 0, 0, { RED, RED, RED, RED } },
    { 2, 1, 0, { BLUE, BLUE, BLUE, BLUE } },
  };
  g_autofree char *first = make_mbtiles ("garbage-first.mbtiles", standard_metadata, NULL, 0);
  g_autofree char *deepest = make_mbtiles ("garbage-deepest.mbtiles", standard_metadata,
                                           good, 1);
  g_autofree char *fine = make_mbtiles ("garbage-none.mbtiles", standard_metadata,
                                        good, G_N_ELEMENTS (good));
  g_autoptr(KioskMbtilesSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) samples = NULL;
  sqlite3 *db = NULL;

  /* A PNG signature and then noise: sniffing says "png", decoding says no. */
  g_assert_cmpint (sqlite3_open (first, &db), ==, SQLITE_OK);
  exec (db, "INSERT INTO tiles VALUES (1, 0, 1, x'89504e470d0a1a0a' || randomblob (2000));");
  sqlite3_close (db);
  g_assert_cmpint (sqlite3_open (deepest, &db), ==, SQLITE_OK);
  exec (db, "INSERT INTO tiles VALUES (2, 1, 3, randomblob (500));");
  sqlite3_close (db);

  /* Opening reads no tile, so the map would start and show grey. */
  source = kiosk_mbtiles_source_new (first, &error);
  g_assert_no_error (error);
  g_clear_object (&source);

  expect_check_error (first, KIOSK_MBTILES_ERROR_CORRUPT, "tile 1/0/0");
  expect_check_error (deepest, KIOSK_MBTILES_ERROR_CORRUPT, "tile 2/1/0");

  source = kiosk_mbtiles_source_new (fine, &error);
  g_assert_no_error (error);
  samples = kiosk_mbtiles_source_verify (source, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (samples), ==, 2);
  g_assert_cmpstr (samples[0], ==, "1/0/0");
  g_assert_cmpstr (samples[1], ==, "2/1/0");
}

static void
test_damaged_pages (void)
{
  g_autoptr(GArray) tiles = g_array_new (FALSE, FALSE, sizeof (Tile));
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(KioskMbtilesSource) source = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  int page_size = 0;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int pages;

  for (int x = 0; x < 8; x++)
    for (int y = 0; y < 8; y++)
      {
        Tile tile = { 3, x, y, { x * 0x200000, y * 0x2000, 0x80, WHITE } };

        g_array_append_val (tiles, tile);
      }
  path = make_mbtiles ("damaged.mbtiles", standard_metadata, (Tile *) tiles->data, tiles->len);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec (db, "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA page_size", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page_size = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* The schema (page 1) and metadata stay whole; pages in the second half,
   * where the tiles and their index are, become noise. The file still
   * opens, and quick_check finds the damage. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  pages = length / page_size;
  g_assert_cmpint (pages, >, 8);
  for (int page = pages / 2; page < pages; page += 3)
    for (int i = 0; i < page_size; i++)
      contents[(gsize) page * page_size + i] = g_test_rand_int_range (0, 256);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  source = kiosk_mbtiles_source_new (path, &error);
  g_assert_no_error (error);
  expect_check_error (path, KIOSK_MBTILES_ERROR_CORRUPT, "is damaged");
}

static void
test_demo_file (void)
{
  g_autofree char *path = kiosk_demo_tiles_get_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskMbtilesSource) source = NULL;
  g_autoptr(GBytes) centre = NULL;
  double w, s, e, n;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the demo map is not built");
      return;
    }

  /* The demo town: drawn around the library at 51.3397 N, 12.3731 E. */
  source = kiosk_mbtiles_source_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kiosk_mbtiles_source_get_name (source), ==, "Musterdorf");
  g_assert_cmpuint (kiosk_mbtiles_source_get_min_zoom (source), ==, 12);
  g_assert_cmpuint (kiosk_mbtiles_source_get_max_zoom (source), ==, 17);
  g_assert_true (kiosk_mbtiles_source_get_bounds (source, &w, &s, &e, &n));
  g_assert_cmpfloat (w, <, 12.3731);
  g_assert_cmpfloat (e, >, 12.3731);
  g_assert_cmpfloat (s, <, 51.3397);
  g_assert_cmpfloat (n, >, 51.3397);
  g_assert_cmpint (kiosk_mbtiles_source_count_tiles (source, NULL), >, 300);

  /* z17 x=70040 y=43682 holds the library */
  centre = kiosk_mbtiles_source_read_tile (source, 70040, 43682, 17, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kiosk_tile_format_sniff (centre), ==, "png");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  tmpdir = g_dir_make_tmp ("test-mbtiles-XXXXXX", NULL);

  g_test_add_func ("/mbtiles/metadata", test_metadata);
  g_test_add_func ("/mbtiles/metadata-derived", test_metadata_derived);
  g_test_add_func ("/mbtiles/tms-flip", test_tms_flip);
  g_test_add_func ("/mbtiles/missing-from-parent", test_missing_from_parent);
  g_test_add_func ("/mbtiles/missing-everywhere", test_missing_everywhere);
  g_test_add_func ("/mbtiles/data-source-async", test_data_source_async);
  g_test_add_func ("/mbtiles/open-async", test_open_async);
  g_test_add_func ("/mbtiles/broken-files", test_broken_files);
  g_test_add_func ("/mbtiles/wrong-formats", test_wrong_formats);
  g_test_add_func ("/mbtiles/sniff", test_sniff);
  g_test_add_func ("/mbtiles/webp", test_webp);
  g_test_add_func ("/mbtiles/check", test_check);
  g_test_add_func ("/mbtiles/demo-file", test_demo_file);
  g_test_add_func ("/mbtiles/hostile/endless-view", test_endless_view);
  g_test_add_func ("/mbtiles/hostile/garbage-tiles", test_garbage_tiles);
  g_test_add_func ("/mbtiles/hostile/damaged-pages", test_damaged_pages);

  status = g_test_run ();

  /* Files only; the directory tree is small and private. */
  {
    g_autoptr(GFile) dir = g_file_new_for_path (tmpdir);
    g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                     0, NULL, NULL);
    GFileInfo *info;

    while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
      {
        g_autofree char *child = g_build_filename (tmpdir, g_file_info_get_name (info), NULL);

        g_remove (child);
        g_object_unref (info);
      }
    g_rmdir (tmpdir);
  }
  g_free (tmpdir);

  return status;
}
