/* kiosk-test-media.c: media files made in the test: VP8 clips, broken copies, pictures */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <gst/gst.h>

#include "kiosk-test-media.h"

void
kiosk_test_media_make_clip (const char *path,
                            guint       frames,
                            const char *pattern)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GstElement) sink = NULL;

  gst_init (NULL, NULL);
  description = g_strdup_printf ("videotestsrc num-buffers=%u pattern=%s ! "
                                 "video/x-raw,width=320,height=240,framerate=25/1 ! "
                                 "vp8enc deadline=1 ! webmmux ! filesink name=sink",
                                 frames, pattern);
  pipeline = gst_parse_launch (description, &error);
  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_object_set (sink, "location", path, NULL);

  bus = gst_element_get_bus (pipeline);
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=,
                   GST_STATE_CHANGE_FAILURE);
  message = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

void
kiosk_test_media_make_truncated (const char *source,
                                 const char *path,
                                 double      fraction)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (source, &data, &size, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, data, (gssize) (size * fraction), &error));
  g_assert_no_error (error);
}

void
kiosk_test_media_make_picture (const char *path,
                               int         width,
                               int         height,
                               guint32     rgb)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, rgb << 8 | 0xff);
  gdk_pixbuf_save (pixbuf, path, g_str_has_suffix (path, ".png") ? "png" : "jpeg", &error, NULL);
  g_assert_no_error (error);
}

void
kiosk_test_media_make_svg (const char *path)
{
  static const char svg[] =
    "<svg xmlns='http://www.w3.org/2000/svg' width='160' height='90' viewBox='0 0 160 90'>"
    "<rect width='160' height='90' fill='#2a7f62'/>"
    "<circle cx='80' cy='45' r='30' fill='#f2c14e'/></svg>\n";

  g_assert_true (g_file_set_contents (path, svg, -1, NULL));
}

void
kiosk_test_media_make_text (const char *path)
{
  g_assert_true (g_file_set_contents (path, "This is not a video, only text in a file.\n", -1,
                                     NULL));
}

char *
kiosk_test_media_make_dir (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ankerort-media-XXXXXX", NULL);
  g_autofree char *clip = g_build_filename (dir, "clip.webm", NULL);
  g_autofree char *poster = g_build_filename (dir, "poster.png", NULL);
  g_autofree char *path = NULL;

  g_assert_nonnull (dir);
  kiosk_test_media_make_clip (clip, 50, "smpte");
  path = g_build_filename (dir, "cut.webm", NULL);
  kiosk_test_media_make_truncated (clip, path, 0.4);
  kiosk_test_media_make_picture (poster, 640, 360, 0x2266aa);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (dir, "cut.png", NULL);
  kiosk_test_media_make_truncated (poster, path, 0.5);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (dir, "photo.jpg", NULL);
  kiosk_test_media_make_picture (path, 400, 300, 0xcc8844);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (dir, "drawing.svg", NULL);
  kiosk_test_media_make_svg (path);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (dir, "text.mp4", NULL);
  kiosk_test_media_make_text (path);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (dir, "empty.webm", NULL);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));

  return g_steal_pointer (&dir);
}

void
kiosk_test_media_remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}
