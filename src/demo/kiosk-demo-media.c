/* kiosk-demo-media.c: Musterdorf's attract loop: posters and a short clip, made on first run
 *
 * Nothing large is in git: the posters are SVG written here (one also as
 * PNG, drawn from its SVG), the clip is encoded by GStreamer itself
 * (videotestsrc → vp8enc → webmmux) into the user's cache. Each file is
 * written under a hidden name and renamed when complete, so the loop's
 * folder monitor never sees half a file. */

#define G_LOG_DOMAIN "kiosk-demo-media"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <gst/gst.h>

#include "kiosk-demo.h"
#include "kiosk-source-config.h"

#define POSTER(colour, accent, title, line1, line2)                                              \
  "<svg xmlns='http://www.w3.org/2000/svg' width='1920' height='1080' viewBox='0 0 1920 1080'>" \
  "<rect width='1920' height='1080' fill='" colour "'/>"                                        \
  "<circle cx='1620' cy='260' r='420' fill='" accent "' opacity='0.55'/>"                        \
  "<rect x='120' y='180' width='24' height='420' fill='" accent "'/>"                            \
  "<text x='190' y='330' font-family='DejaVu Sans' font-weight='bold' font-size='120' "          \
  "fill='white'>" title "</text>"                                                                \
  "<text x='190' y='470' font-family='DejaVu Sans' font-size='64' fill='white'>" line1 "</text>" \
  "<text x='190' y='570' font-family='DejaVu Sans' font-size='52' fill='white' "                 \
  "opacity='0.85'>" line2 "</text></svg>\n"

static const struct
{
  const char *name;
  const char *svg;
} posters[] = {
  { "01-sommerfest.svg",
    POSTER ("#1c5d99", "#f2c14e", "Sommerfest am Markt", "Samstag ab 14 Uhr · Eintritt frei",
            "Summer fair on the market square") },
  { "03-lesenacht.png",
    POSTER ("#2a7f62", "#f7e3a1", "Lesenacht", "Stadtbibliothek · Freitag 19 Uhr",
            "Reading night at the town library") },
  { "04-wochenmarkt.svg",
    POSTER ("#8c3b2e", "#ffd6a5", "Wochenmarkt", "Jeden Samstag 8 bis 13 Uhr",
            "Farmers' market every Saturday") },
};

static gboolean
write_poster (const char  *path,
              const char  *svg,
              GError     **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;

  if (!g_str_has_suffix (path, ".png"))
    return g_file_set_contents (path, svg, -1, error);

  loader = gdk_pixbuf_loader_new_with_type ("svg", error);
  if (loader == NULL ||
      !gdk_pixbuf_loader_write (loader, (const guint8 *) svg, strlen (svg), error) ||
      !gdk_pixbuf_loader_close (loader, error))
    return FALSE;

  return gdk_pixbuf_save (gdk_pixbuf_loader_get_pixbuf (loader), path, "png", error, NULL);
}

static gboolean
write_clip (const char  *path,
            GError     **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  if (!gst_init_check (NULL, NULL, error))
    return FALSE;

  /* Eight seconds of the bouncing ball, small enough to make in a moment. */
  pipeline = gst_parse_launch ("videotestsrc num-buffers=200 pattern=ball background-color=0xff1c5d99 ! "
                               "video/x-raw,width=640,height=360,framerate=25/1 ! "
                               "vp8enc deadline=1 ! webmmux ! filesink name=sink", error);
  if (pipeline == NULL)
    return FALSE;
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_object_set (sink, "location", path, NULL);

  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, 120 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  if (message == NULL || GST_MESSAGE_TYPE (message) != GST_MESSAGE_EOS)
    {
      g_autoptr(GError) gst_error = NULL;

      if (message != NULL)
        gst_message_parse_error (message, &gst_error, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "encoding the demo clip failed: %s",
                   gst_error != NULL ? gst_error->message : "timed out");
      return FALSE;
    }

  return TRUE;
}

/* Writes @name into @dir unless it is there, through a hidden name. */
static void
make_file (const char *dir,
           const char *name,
           const char *svg)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *hidden = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  hidden = g_strdup_printf ("%s/.%s.part", dir, name);
  ok = svg != NULL ? write_poster (hidden, svg, &error) : write_clip (hidden, &error);
  if (!ok || g_rename (hidden, path) != 0)
    {
      g_warning ("Demo attract loop: %s: %s", path,
                 error != NULL ? error->message : g_strerror (errno));
      g_remove (hidden);
    }
}

static gpointer
make_media_thread (gpointer data)
{
  g_autofree char *dir = data;

  for (guint i = 0; i < G_N_ELEMENTS (posters); i++)
    make_file (dir, posters[i].name, posters[i].svg);
  make_file (dir, "02-musterdorf.webm", NULL);

  return NULL;
}

void
kiosk_demo_media_install (KioskDemoServer *server,
                          GPtrArray       *sources)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "ankerort", "demo-media", NULL);

  g_return_if_fail (sources != NULL);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_warning ("Demo attract loop: cannot make %s: %s", dir, g_strerror (errno));
      return;
    }

  /* The loop shows the files as they arrive; encoding takes a few seconds. */
  g_thread_unref (g_thread_new ("demo-media", make_media_thread, g_strdup (dir)));
  g_ptr_array_add (sources, kiosk_source_config_new ("musterdorf-loop", "media", dir));
}
