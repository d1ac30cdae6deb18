/* test-ui-attract.c: the attract loop on the real window under Xvfb: video frames
 * that move, broken files skipped, no black frame between items, stopped by a
 * tap and resumed, carried over a language switch */

#include "config.h"

#include <glib/gstdio.h>

#include "kiosk-application.h"
#include "kiosk-attract-view.h"
#include "kiosk-config.h"
#include "kiosk-i18n.h"
#include "kiosk-media-player.h"
#include "kiosk-source-config.h"
#include "kiosk-test-media.h"
#include "kiosk-test-ui.h"
#include "kiosk-window.h"

#define IMAGE_SECONDS 2

static KioskApplication *app;
static KioskWindow *window;
static KioskConfig *config;
static char *media_dir;

typedef struct
{
  GPtrArray *names;     /* base names in the order shown */
  GArray    *times;     /* gint64 monotonic µs of each */
} Shown;

static KioskMediaPlayer *
player (void)
{
  GtkWidget *attract = kiosk_test_ui_find (GTK_WIDGET (window), KIOSK_TYPE_ATTRACT_VIEW, NULL);

  g_assert_nonnull (attract);
  return kiosk_attract_view_get_player (KIOSK_ATTRACT_VIEW (attract));
}

static void
item_shown_cb (KioskMediaPlayer *player,
               KioskMediaItem   *item,
               Shown            *shown)
{
  gint64 now = g_get_monotonic_time ();

  g_ptr_array_add (shown->names, kiosk_media_item_dup_name (item));
  g_array_append_val (shown->times, now);
  g_test_message ("shown: %s", (const char *) g_ptr_array_index (shown->names,
                                                                  shown->names->len - 1));
}

/* The share of pixels that are neither black nor the player's own
 * background: 0 means nothing is on screen. */
static double
picture_share (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = width * 4;
  g_autofree guchar *data = g_malloc (stride * height);
  guint64 lit = 0;

  gdk_texture_download (texture, data, stride);
  for (int y = 0; y < height; y++)
    {
      for (int x = 0; x < width; x++)
        {
          /* CAIRO_FORMAT_ARGB32: B G R A in memory on little-endian */
          const guchar *p = data + y * stride + x * 4;
          gboolean black = p[0] < 12 && p[1] < 12 && p[2] < 12;
          gboolean background = ABS (p[2] - 0x0b) < 8 && ABS (p[1] - 0x1f) < 8 &&
                                ABS (p[0] - 0x33) < 8;

          lit += !black && !background;
        }
    }

  return (double) lit / ((double) width * height);
}

static gboolean
same_pixels (GdkTexture *a,
             GdkTexture *b)
{
  int width = gdk_texture_get_width (a);
  int height = gdk_texture_get_height (a);
  gsize stride = width * 4;
  g_autofree guchar *da = g_malloc (stride * height);
  g_autofree guchar *db = g_malloc (stride * height);

  if (width != gdk_texture_get_width (b) || height != gdk_texture_get_height (b))
    return FALSE;
  gdk_texture_download (a, da, stride);
  gdk_texture_download (b, db, stride);

  return memcmp (da, db, stride * height) == 0;
}

static void
go_to_attract (void)
{
  kiosk_window_show_attract (window);
  kiosk_test_ui_wait_for_page (window, "attract");
}

/* A video is on screen and its frames change. */
static void
test_video_frames (void)
{
  Shown shown = { g_ptr_array_new_with_free_func (g_free), g_array_new (FALSE, FALSE, sizeof (gint64)) };
  g_autoptr(GdkTexture) first = NULL;
  g_autoptr(GdkTexture) later = NULL;
  KioskMediaPlayer *media;
  gulong id;

  go_to_attract ();
  media = player ();
  id = g_signal_connect (media, "item-shown", G_CALLBACK (item_shown_cb), &shown);
  kiosk_test_ui_wait_until (shown.names->len > 0 &&
                            g_str_has_suffix (g_ptr_array_index (shown.names, shown.names->len - 1),
                                              ".webm"));
  kiosk_test_ui_run_for (400);
  first = kiosk_test_ui_render (GTK_WIDGET (media));
  kiosk_test_ui_run_for (400);
  later = kiosk_test_ui_render (GTK_WIDGET (media));

  /* 4:3 fitted into a portrait screen covers some 40 % of it. */
  g_assert_cmpfloat (picture_share (first), >, 0.3);
  g_assert_false (same_pixels (first, later));

  g_signal_handler_disconnect (media, id);
  g_ptr_array_unref (shown.names);
  g_array_unref (shown.times);
}

/* Several rounds of the loop: the truncated clip never holds the screen
 * for long, and every sample shows a picture, during crossfades too. */
static void
test_loop_never_black (void)
{
  Shown shown = { g_ptr_array_new_with_free_func (g_free), g_array_new (FALSE, FALSE, sizeof (gint64)) };
  KioskMediaPlayer *media;
  guint samples = 0;
  gulong id;

  go_to_attract ();
  media = player ();
  id = g_signal_connect (media, "item-shown", G_CALLBACK (item_shown_cb), &shown);

  /* Two rounds of five items (the text file never gets that far). */
  while (shown.names->len < 10)
    {
      g_autoptr(GdkTexture) frame = NULL;
      gint64 deadline = kiosk_test_ui_deadline () + 60 * G_USEC_PER_SEC;

      kiosk_test_ui_run_for (150);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!kiosk_media_player_get_showing (media))
        continue;
      frame = kiosk_test_ui_render (GTK_WIDGET (media));
      samples++;
      if (picture_share (frame) < 0.05)
        {
          g_autofree char *path = kiosk_test_ui_screenshot (GTK_WIDGET (media), "attract-black-frame");

          g_error ("a frame without a picture after %s: %s",
                   (const char *) g_ptr_array_index (shown.names, shown.names->len - 1), path);
        }
    }
  g_test_message ("%u samples over %u items", samples, shown.names->len);
  g_assert_cmpuint (samples, >, 20);

  /* Nothing stays longer than its time plus the crossfade and a margin:
   * the broken clip is skipped within a few seconds. */
  for (guint i = 1; i < shown.times->len; i++)
    {
      gint64 held = g_array_index (shown.times, gint64, i) - g_array_index (shown.times, gint64, i - 1);
      const char *name = g_ptr_array_index (shown.names, i - 1);

      g_test_message ("%s held %.1f s", name, held / 1e6);
      g_assert_cmpint (held, <, (IMAGE_SECONDS + 5) * G_USEC_PER_SEC);
    }
  for (guint i = 0; i < shown.names->len; i++)
    g_assert_cmpstr (g_ptr_array_index (shown.names, i), !=, "text.mp4");

  g_signal_handler_disconnect (media, id);
  g_ptr_array_unref (shown.names);
  g_array_unref (shown.times);
}

/* A tap stops the loop at once and frees it; back in attract it plays. */
static void
test_tap_stops (void)
{
  KioskMediaPlayer *media;
  GtkWidget *attract;

  go_to_attract ();
  media = player ();
  kiosk_test_ui_wait_until (kiosk_media_player_get_showing (media));

  attract = kiosk_test_ui_find (GTK_WIDGET (window), KIOSK_TYPE_ATTRACT_VIEW, NULL);
  kiosk_test_ui_click (attract);
  g_assert_false (kiosk_media_player_get_playing (media));
  g_assert_false (kiosk_media_player_get_showing (media));
  kiosk_test_ui_wait_for_page (window, "home");
  kiosk_test_ui_run_for (500);
  g_assert_false (kiosk_media_player_get_playing (media));

  go_to_attract ();
  kiosk_test_ui_wait_until (kiosk_media_player_get_showing (player ()));
}

/* A file that passed the probe but does not play (changed since, or a
 * decoder that fails) is skipped within a few seconds. */
static void
test_playback_error_skipped (void)
{
  Shown shown = { g_ptr_array_new_with_free_func (g_free), g_array_new (FALSE, FALSE, sizeof (gint64)) };
  g_autoptr(GListStore) store = g_list_store_new (KIOSK_TYPE_MEDIA_ITEM);
  g_autofree char *text = g_build_filename (media_dir, "6-text.mp4", NULL);
  g_autofree char *poster = g_build_filename (media_dir, "2-poster.png", NULL);
  g_autofree char *text_uri = g_filename_to_uri (text, NULL, NULL);
  g_autofree char *poster_uri = g_filename_to_uri (poster, NULL, NULL);
  g_autoptr(KioskMediaItem) broken = kiosk_media_item_new (text_uri);
  g_autoptr(KioskMediaItem) picture = kiosk_media_item_new (poster_uri);
  g_autoptr(GListModel) loop = NULL;
  KioskMediaPlayer *media;
  gint64 start;
  gulong id;

  kiosk_media_item_set_probed (broken, KIOSK_MEDIA_VIDEO, 2, 320, 240);
  kiosk_media_item_set_probed (picture, KIOSK_MEDIA_IMAGE, -1, 1280, 720);
  g_list_store_append (store, broken);
  g_list_store_append (store, picture);

  go_to_attract ();
  media = player ();
  loop = G_LIST_MODEL (g_object_ref (kiosk_media_player_get_model (media)));
  kiosk_media_player_stop (media);
  kiosk_media_player_set_position (media, 0);
  kiosk_media_player_set_model (media, G_LIST_MODEL (store));
  id = g_signal_connect (media, "item-shown", G_CALLBACK (item_shown_cb), &shown);
  start = g_get_monotonic_time ();
  kiosk_media_player_play (media);

  kiosk_test_ui_wait_until (shown.names->len >= 2);
  g_assert_cmpint (g_array_index (shown.times, gint64, 0) - start, <, 5 * G_USEC_PER_SEC);
  for (guint i = 0; i < shown.names->len; i++)
    g_assert_cmpstr (g_ptr_array_index (shown.names, i), ==, "2-poster.png");

  g_signal_handler_disconnect (media, id);
  kiosk_media_player_set_model (media, loop);
  g_ptr_array_unref (shown.names);
  g_array_unref (shown.times);
}

/* Screenshots in both languages; a language switch makes a new attract
 * view whose loop plays on. */
static void
test_languages (void)
{
  const char *orientation = kiosk_test_ui_orientation (GTK_WIDGET (window));
  const char *languages[] = { "en", "de" };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *name = g_strdup_printf ("attract-media-%s-%s", orientation, languages[i]);
      g_autofree char *path = NULL;
      KioskMediaPlayer *media;

      go_to_attract ();
      kiosk_window_set_language (window, languages[i]);
      kiosk_test_ui_wait_for_page (window, "attract");
      media = player ();
      kiosk_test_ui_wait_until (kiosk_media_player_get_showing (media));
      kiosk_test_ui_settle (GTK_WIDGET (window));
      path = kiosk_test_ui_screenshot (GTK_WIDGET (window), name);
    }

  /* Reach mode on a stele: the band stays low, lifted off the edge. */
  if (g_str_equal (orientation, "portrait"))
    {
      GSettings *settings = kiosk_config_get_settings (config);
      g_autofree char *path = NULL;

      g_settings_set_boolean (settings, "reach-mode", TRUE);
      kiosk_test_ui_wait_until (gtk_widget_has_css_class (kiosk_test_ui_find (GTK_WIDGET (window),
                                                                              KIOSK_TYPE_ATTRACT_VIEW,
                                                                              NULL),
                                                          "reach"));
      kiosk_test_ui_wait_until (kiosk_media_player_get_showing (player ()));
      kiosk_test_ui_settle (GTK_WIDGET (window));
      path = kiosk_test_ui_screenshot (GTK_WIDGET (window), "attract-media-portrait-de-reach");
      g_settings_set_boolean (settings, "reach-mode", FALSE);
    }
}

static void
activate_cb (GApplication *application)
{
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_source_config_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  GSettings *settings;
  int status;

  home = g_dir_make_tmp ("test-ui-attract-XXXXXX", &error);
  g_assert_no_error (error);
  cache = g_build_filename (home, "cache", NULL);
  data = g_build_filename (home, "data", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);

  kiosk_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);

  /* The loop: two clips, a poster, a drawing, a cut-off clip and a text
   * file named .mp4 (left out by the probe). */
  media_dir = g_build_filename (home, "loop", NULL);
  g_mkdir (media_dir, 0755);
  path = g_build_filename (media_dir, "1-ball.webm", NULL);
  kiosk_test_media_make_clip (path, 40, "ball background-color=0xff1c5d99");
  g_free (g_steal_pointer (&path));
  path = g_build_filename (media_dir, "2-poster.png", NULL);
  kiosk_test_media_make_picture (path, 1280, 720, 0x2266aa);
  g_free (g_steal_pointer (&path));
  {
    g_autofree char *clip = g_build_filename (media_dir, "1-ball.webm", NULL);

    path = g_build_filename (media_dir, "3-cut.webm", NULL);
    kiosk_test_media_make_truncated (clip, path, 0.3);
    g_free (g_steal_pointer (&path));
  }
  path = g_build_filename (media_dir, "4-drawing.svg", NULL);
  kiosk_test_media_make_svg (path);
  g_free (g_steal_pointer (&path));
  path = g_build_filename (media_dir, "5-smpte.webm", NULL);
  kiosk_test_media_make_clip (path, 30, "smpte");
  g_free (g_steal_pointer (&path));
  path = g_build_filename (media_dir, "6-text.mp4", NULL);
  kiosk_test_media_make_text (path);

  config = kiosk_config_new_default ();
  g_ptr_array_add (sources, kiosk_source_config_new ("loop", "media", media_dir));
  kiosk_config_set_sources (config, sources);
  settings = kiosk_config_get_settings (config);
  g_settings_set_string (settings, "place-name", "Stadtbibliothek Musterdorf");
  g_settings_set_uint (settings, "attract-image-seconds", IMAGE_SECONDS);
  g_settings_set_uint (settings, "attract-transition-ms", 400);
  g_settings_set_string (settings, "attract-fit", "fit");
  g_settings_set_uint (settings, "idle-timeout", 600);

  app = kiosk_application_new ();
  window = kiosk_test_ui_start_app (app, G_CALLBACK (activate_cb), TRUE);

  g_test_add_func ("/ui/attract/video-frames", test_video_frames);
  g_test_add_func ("/ui/attract/loop-never-black", test_loop_never_black);
  g_test_add_func ("/ui/attract/playback-error-skipped", test_playback_error_skipped);
  g_test_add_func ("/ui/attract/tap-stops", test_tap_stops);
  g_test_add_func ("/ui/attract/languages", test_languages);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  g_clear_object (&config);
  kiosk_test_media_remove_dir (media_dir);
  g_free (media_dir);

  return status;
}
