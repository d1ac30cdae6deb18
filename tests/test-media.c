/* test-media.c: the attract loop's playlists, folders and probe, on files made here */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kiosk-format.h"
#include "kiosk-media-format.h"
#include "kiosk-media-image.h"
#include "kiosk-media-playlist.h"
#include "kiosk-media-probe.h"
#include "kiosk-services.h"
#include "kiosk-source-list.h"
#include "kiosk-sync.h"
#include "kiosk-test-media.h"

/* Made once: encoding clips takes a while. */
static char *media_dir;

static char *
media_path (const char *name)
{
  return g_build_filename (media_dir, name, NULL);
}

static GPtrArray *
parse_m3u (const char *text,
           const char *playlist_uri,
           GPtrArray  *warnings)
{
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;

  kiosk_parse_result_init (&result);
  g_assert_true (kiosk_media_m3u_parse (bytes, playlist_uri, &result, &error));
  g_assert_no_error (error);
  for (guint i = 0; warnings != NULL && i < result.warnings->len; i++)
    g_ptr_array_add (warnings, g_strdup (g_ptr_array_index (result.warnings, i)));

  return g_steal_pointer (&result.items);
}

static KioskMediaItem *
item_at (GPtrArray *items,
         guint      i)
{
  return g_ptr_array_index (items, i);
}

static void
test_m3u_entries (void)
{
  static const char text[] =
    "\xef\xbb\xbf#EXTM3U\r\n"
    "#EXTINF:12.5,Plakat Sommerfest\r\n"
    "plakat.png\r\n"
    "\n"
    "# a comment\n"
    "videos\\rathaus.webm\n"
    "#EXTINF:-1,Livestream\n"
    "https://example.org/live.m3u8\n"
    "#EXTINF:7,\n"
    "/srv/signage/karte.svg\n"
    "file:///srv/signage/abend%20licht.jpg\n"
    "#EXTINF:abc,Bad time\n"
    "../logo.png\n";
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = parse_m3u (text, "file:///srv/signage/loop/list.m3u8", warnings);

  g_assert_cmpuint (items->len, ==, 5);
  g_assert_cmpstr (kiosk_media_item_get_uri (item_at (items, 0)), ==,
                   "file:///srv/signage/loop/plakat.png");
  g_assert_cmpfloat (kiosk_media_item_get_duration (item_at (items, 0)), ==, 12.5);
  /* Backslashes from a playlist written on Windows. */
  g_assert_cmpstr (kiosk_media_item_get_uri (item_at (items, 1)), ==,
                   "file:///srv/signage/loop/videos/rathaus.webm");
  g_assert_cmpfloat (kiosk_media_item_get_duration (item_at (items, 1)), <, 0);
  /* The stream's #EXTINF does not stick to the next entry. */
  g_assert_cmpstr (kiosk_media_item_get_uri (item_at (items, 2)), ==,
                   "file:///srv/signage/karte.svg");
  g_assert_cmpfloat (kiosk_media_item_get_duration (item_at (items, 2)), ==, 7);
  g_assert_cmpstr (kiosk_media_item_get_uri (item_at (items, 3)), ==,
                   "file:///srv/signage/abend%20licht.jpg");
  g_assert_cmpfloat (kiosk_media_item_get_duration (item_at (items, 3)), <, 0);
  g_assert_cmpstr (kiosk_media_item_get_uri (item_at (items, 4)), ==,
                   "file:///srv/signage/logo.png");
  g_assert_cmpfloat (kiosk_media_item_get_duration (item_at (items, 4)), <, 0);

  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "line 8"));
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "https://example.org/live.m3u8"));
}

static void
test_m3u_binary (void)
{
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GBytes) bytes = g_bytes_new ("\x1a\x45\xdf\xa3\0\0webm", 10);
  g_autoptr(GError) error = NULL;

  kiosk_parse_result_init (&result);
  g_assert_false (kiosk_media_m3u_parse (bytes, "file:///srv/loop.m3u", &result, &error));
  g_assert_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "file:///srv/loop.m3u"));
}

static KioskMediaItem *
probe (const char *name)
{
  g_autofree char *path = media_path (name);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  KioskMediaItem *item = kiosk_media_item_new (uri);

  g_ptr_array_add (items, g_object_ref (item));
  kiosk_media_probe_items (items, warnings, NULL);
  g_test_message ("%s: %s %s", name, kiosk_media_item_get_type_name (item),
                  kiosk_media_item_get_problem (item) ? kiosk_media_item_get_problem (item) : "ok");
  /* A file that cannot play is named in exactly one warning. */
  if (kiosk_media_item_get_ok (item))
    {
      g_assert_cmpuint (warnings->len, ==, 0);
    }
  else
    {
      g_assert_cmpuint (warnings->len, ==, 1);
      g_assert_true (g_str_has_prefix (g_ptr_array_index (warnings, 0), path));
    }

  return item;
}

static void
test_probe_video (void)
{
  g_autoptr(KioskMediaItem) item = probe ("clip.webm");

  g_assert_true (kiosk_media_item_get_ok (item));
  g_assert_cmpint (kiosk_media_item_get_media_type (item), ==, KIOSK_MEDIA_VIDEO);
  g_assert_cmpint (kiosk_media_item_get_width (item), ==, 320);
  g_assert_cmpint (kiosk_media_item_get_height (item), ==, 240);
  /* 50 frames at 25 fps */
  g_assert_cmpfloat_with_epsilon (kiosk_media_item_get_duration (item), 2.0, 0.1);
}

static void
test_probe_pictures (void)
{
  const char *names[] = { "poster.png", "photo.jpg", "drawing.svg" };
  const int sizes[][2] = { { 640, 360 }, { 400, 300 }, { 160, 90 } };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(KioskMediaItem) item = probe (names[i]);

      g_assert_true (kiosk_media_item_get_ok (item));
      g_assert_cmpint (kiosk_media_item_get_media_type (item), ==, KIOSK_MEDIA_IMAGE);
      g_assert_cmpint (kiosk_media_item_get_width (item), ==, sizes[i][0]);
      g_assert_cmpint (kiosk_media_item_get_height (item), ==, sizes[i][1]);
      /* An image's time comes from its playlist entry or the setting. */
      g_assert_cmpfloat (kiosk_media_item_get_duration (item), <, 0);
    }
}

static void
test_probe_broken (void)
{
  struct {
    const char *name;
    const char *problem;
  } cases[] = {
    { "text.mp4", "not a video or picture" },
    { "empty.webm", "empty" },
    { "cut.png", "broken" },
    { "missing.webm", "not there" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KioskMediaItem) item = probe (cases[i].name);

      g_assert_false (kiosk_media_item_get_ok (item));
      g_assert_nonnull (strstr (kiosk_media_item_get_problem (item), cases[i].problem));
    }
}

/* A truncated video either fails the probe or is found shorter than it
 * claims: never a crash, and the player's watchdog does the rest. */
static void
test_probe_truncated_video (void)
{
  g_autoptr(KioskMediaItem) item = probe ("cut.webm");

  if (kiosk_media_item_get_ok (item))
    g_assert_cmpint (kiosk_media_item_get_media_type (item), ==, KIOSK_MEDIA_VIDEO);
  else
    g_assert_nonnull (kiosk_media_item_get_problem (item));
}

static void
test_folder_sorted (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ankerort-media-XXXXXX", NULL);
  const char *names[] = { "10-b.png", "2-a.png", "Abend.png", ".hidden.png", "list.m3u",
                          "backup.png~" };
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_assert_true (g_file_set_contents (path, "x", 1, NULL));
    }

  items = kiosk_media_playlist_read (folder, warnings, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 3);
  g_assert_true (g_str_has_suffix (kiosk_media_item_get_uri (item_at (items, 0)), "/2-a.png"));
  g_assert_true (g_str_has_suffix (kiosk_media_item_get_uri (item_at (items, 1)), "/10-b.png"));
  g_assert_true (g_str_has_suffix (kiosk_media_item_get_uri (item_at (items, 2)), "/Abend.png"));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_location_missing (void)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/ankerort/loop");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  items = kiosk_media_playlist_read (file, warnings, NULL, &error);
  g_assert_null (items);
  g_assert_error (error, KIOSK_MEDIA_ERROR, KIOSK_MEDIA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/ankerort/loop"));

  g_clear_error (&error);
  g_assert_null (kiosk_media_location_to_file ("https://example.org/loop.m3u", FALSE, &error));
  g_assert_error (error, KIOSK_MEDIA_ERROR, KIOSK_MEDIA_ERROR_UNSUPPORTED);
}

static void
wait_until_loaded (KioskMediaPlaylist *playlist,
                   guint               n_items)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (kiosk_media_playlist_get_loading (playlist) ||
         g_list_model_get_n_items (G_LIST_MODEL (playlist)) != n_items)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

static void
copy_to (const char *name,
         const char *dir,
         const char *as)
{
  g_autofree char *source = media_path (name);
  g_autofree char *target = g_build_filename (dir, as, NULL);
  g_autofree char *data = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (source, &data, &size, NULL));
  g_assert_true (g_file_set_contents (target, data, size, NULL));
}

/* A folder: only what plays, in order; files added or removed change the
 * loop without anyone reloading it. */
static void
test_playlist_watches_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ankerort-loop-XXXXXX", NULL);
  g_autoptr(KioskMediaPlaylist) playlist = NULL;
  g_autoptr(KioskMediaItem) first = NULL;
  g_autofree char *removed = g_build_filename (dir, "01-poster.png", NULL);
  g_autofree char *added = NULL;

  copy_to ("poster.png", dir, "01-poster.png");
  copy_to ("text.mp4", dir, "02-text.mp4");
  copy_to ("clip.webm", dir, "03-clip.webm");

  playlist = kiosk_media_playlist_new (dir);
  wait_until_loaded (playlist, 2);
  first = g_list_model_get_item (G_LIST_MODEL (playlist), 0);
  g_assert_true (g_str_has_suffix (kiosk_media_item_get_uri (first), "/01-poster.png"));
  g_assert_cmpuint (kiosk_media_playlist_get_warnings (playlist)->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (kiosk_media_playlist_get_warnings (playlist), 0),
                            "02-text.mp4"));

  copy_to ("drawing.svg", dir, "04-drawing.svg");
  wait_until_loaded (playlist, 3);

  g_assert_cmpint (g_unlink (removed), ==, 0);
  wait_until_loaded (playlist, 2);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (playlist), 0);
  g_assert_true (g_str_has_suffix (kiosk_media_item_get_uri (first), "/03-clip.webm"));

  g_clear_object (&playlist);
  added = g_build_filename (dir, "04-drawing.svg", NULL);
  g_unlink (added);
  g_clear_pointer (&added, g_free);
  added = g_build_filename (dir, "03-clip.webm", NULL);
  g_unlink (added);
  g_clear_pointer (&added, g_free);
  added = g_build_filename (dir, "02-text.mp4", NULL);
  g_unlink (added);
  g_rmdir (dir);
}

/* A playlist with durations; editing it changes the loop. */
static void
test_playlist_file (void)
{
  g_autofree char *list = media_path ("loop.m3u8");
  g_autoptr(KioskMediaPlaylist) playlist = NULL;
  g_autoptr(KioskMediaItem) item = NULL;

  g_assert_true (g_file_set_contents (list,
                                      "#EXTM3U\n#EXTINF:4,Poster\nposter.png\n"
                                      "clip.webm\ncut.png\n", -1, NULL));
  playlist = kiosk_media_playlist_new (list);
  wait_until_loaded (playlist, 2);
  item = g_list_model_get_item (G_LIST_MODEL (playlist), 0);
  g_assert_cmpfloat (kiosk_media_item_get_duration (item), ==, 4);
  g_clear_object (&item);

  g_assert_true (g_file_set_contents (list, "#EXTINF:6,Poster\nposter.png\n", -1, NULL));
  wait_until_loaded (playlist, 1);
  item = g_list_model_get_item (G_LIST_MODEL (playlist), 0);
  g_assert_cmpfloat (kiosk_media_item_get_duration (item), ==, 6);
  g_unlink (list);
}

static void
test_item_json (void)
{
  g_autoptr(KioskMediaItem) item = probe ("clip.webm");
  g_autoptr(JsonNode) node = kiosk_media_item_to_json (item);
  JsonObject *object = json_node_get_object (node);

  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "video");
  g_assert_cmpint (json_object_get_int_member (object, "width"), ==, 320);
  g_assert_true (json_object_get_boolean_member (object, "ok"));
  g_assert_true (json_object_get_null_member (object, "problem"));
}

/* The services' loop follows the media source; the sync leaves it alone
 * (a folder is not fetched: it would only ever fail). */
static void
test_services_media_source (void)
{
  g_autoptr(KioskSourceList) list = kiosk_source_list_new ();
  g_autoptr(KioskFetcher) fetcher = kiosk_fetcher_new ();
  g_autoptr(KioskSourceConfig) config = kiosk_source_config_new ("loop", "media", media_dir);
  g_autoptr(KioskSource) source = kiosk_source_new_full (config, fetcher, NULL, NULL);
  g_autoptr(KioskServices) services = NULL;
  g_autoptr(KioskSync) sync = NULL;
  GListModel *media;
  gint64 deadline;

  services = kiosk_services_new (fetcher, list, NULL);
  media = kiosk_services_get_media (services);
  g_assert_cmpuint (g_list_model_get_n_items (media), ==, 0);

  sync = kiosk_sync_new (list, NULL);
  kiosk_sync_start (sync);
  kiosk_source_list_add (list, source);
  g_assert_true (kiosk_services_get_media (services) == media);

  /* clip.webm, cut.webm, drawing.svg, photo.jpg, poster.png */
  wait_until_loaded (KIOSK_MEDIA_PLAYLIST (media), 5);
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (kiosk_source_get_last_error (source));
  g_assert_false (kiosk_source_get_refreshing (source));

  kiosk_source_list_remove (list, source);
  wait_until_loaded (KIOSK_MEDIA_PLAYLIST (media), 0);
  kiosk_sync_stop (sync);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  media_dir = kiosk_test_media_make_dir ();

  g_test_add_func ("/media/m3u/entries", test_m3u_entries);
  g_test_add_func ("/media/m3u/binary", test_m3u_binary);
  g_test_add_func ("/media/probe/video", test_probe_video);
  g_test_add_func ("/media/probe/pictures", test_probe_pictures);
  g_test_add_func ("/media/probe/broken", test_probe_broken);
  g_test_add_func ("/media/probe/truncated-video", test_probe_truncated_video);
  g_test_add_func ("/media/folder/sorted", test_folder_sorted);
  g_test_add_func ("/media/location/missing", test_location_missing);
  g_test_add_func ("/media/playlist/watches-folder", test_playlist_watches_folder);
  g_test_add_func ("/media/playlist/file", test_playlist_file);
  g_test_add_func ("/media/item-json", test_item_json);
  g_test_add_func ("/media/services/media-source", test_services_media_source);

  status = g_test_run ();

  kiosk_test_media_remove_dir (media_dir);

  return status;
}
