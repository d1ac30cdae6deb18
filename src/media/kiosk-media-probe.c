/* kiosk-media-probe.c: finds out whether each file of the attract loop can play
 *
 * A file that cannot play is found here, before it is on screen: missing,
 * empty, broken, a format nobody decodes, or a codec whose decoder is not
 * installed (H.264 is the usual one). */

#define G_LOG_DOMAIN "kiosk-media-probe"

#include "config.h"

#include <string.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "kiosk-media-image.h"
#include "kiosk-media-probe.h"

static gboolean
init_gstreamer (GError **error)
{
  static gsize done = 0;
  static gboolean ok = FALSE;
  static char *message = NULL;

  if (g_once_init_enter (&done))
    {
      GError *local_error = NULL;

      ok = gst_init_check (NULL, NULL, &local_error);
      if (!ok)
        message = g_strdup (local_error->message);
      g_clear_error (&local_error);
      g_once_init_leave (&done, 1);
    }
  if (!ok)
    g_set_error (error, KIOSK_MEDIA_ERROR, KIOSK_MEDIA_ERROR_FAILED,
                 "GStreamer does not start: %s", message);

  return ok;
}

/* The missing decoders, as words ("H.264 (High Profile) decoder"). */
static char *
missing_decoders (GstDiscovererInfo *info,
                  gboolean          *h264)
{
  const char * const *details = gst_discoverer_info_get_missing_elements_installer_details (info);
  g_autoptr(GString) words = g_string_new (NULL);

  *h264 = FALSE;
  for (guint i = 0; details != NULL && details[i] != NULL; i++)
    {
      /* "gstreamer|1.0|app|DESCRIPTION|decoder-CAPS" */
      g_auto(GStrv) fields = g_strsplit (details[i], "|", 5);

      if (strstr (details[i], "video/x-h264") != NULL)
        *h264 = TRUE;
      if (g_strv_length (fields) >= 4)
        g_string_append_printf (words, "%s%s", words->len > 0 ? ", " : "", fields[3]);
    }

  return g_string_free (g_steal_pointer (&words), words->len == 0);
}

static void
probe_with_discoverer (KioskMediaItem *item,
                       GstDiscoverer  *discoverer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autofree char *problem = NULL;
  GList *videos = NULL;

  info = gst_discoverer_discover_uri (discoverer, kiosk_media_item_get_uri (item), &error);
  switch (info != NULL ? gst_discoverer_info_get_result (info) : GST_DISCOVERER_ERROR)
    {
    case GST_DISCOVERER_OK:
      break;

    case GST_DISCOVERER_MISSING_PLUGINS:
      {
        gboolean h264 = FALSE;
        g_autofree char *missing = missing_decoders (info, &h264);

        if (h264)
          problem = g_strdup ("H.264 video, but no H.264 decoder is installed "
                              "(on Debian: gstreamer1.0-libav)");
        else
          problem = g_strdup_printf ("no decoder installed for it (%s)",
                                     missing != NULL ? missing : "unknown format");
        kiosk_media_item_set_problem (item, problem);
        return;
      }

    case GST_DISCOVERER_TIMEOUT:
      problem = g_strdup_printf ("probing it took longer than %d s", KIOSK_MEDIA_PROBE_TIMEOUT_S);
      kiosk_media_item_set_problem (item, problem);
      return;

    case GST_DISCOVERER_URI_INVALID:
    case GST_DISCOVERER_ERROR:
    case GST_DISCOVERER_BUSY:
    default:
      problem = g_strdup_printf ("not a video or picture the kiosk can play (%s)",
                                 error != NULL ? error->message : "unknown error");
      kiosk_media_item_set_problem (item, problem);
      return;
    }

  videos = gst_discoverer_info_get_video_streams (info);
  if (videos == NULL)
    {
      kiosk_media_item_set_problem (item, "no picture in it (sound only)");
    }
  else if (gst_discoverer_video_info_is_image (videos->data))
    {
      /* GStreamer knows the picture, gdk-pixbuf (which shows it) does not. */
      kiosk_media_item_set_problem (item, "a picture format the kiosk cannot show");
    }
  else
    {
      GstDiscovererVideoInfo *video = videos->data;
      GstClockTime duration = gst_discoverer_info_get_duration (info);

      kiosk_media_item_set_probed (item, KIOSK_MEDIA_VIDEO,
                                   GST_CLOCK_TIME_IS_VALID (duration) && duration > 0
                                   ? (double) duration / GST_SECOND : -1,
                                   (int) gst_discoverer_video_info_get_width (video),
                                   (int) gst_discoverer_video_info_get_height (video));
      if (duration == 0)
        kiosk_media_item_set_problem (item, "a video without any frames");
    }
  gst_discoverer_stream_info_list_free (videos);
}

static void
probe_item (KioskMediaItem  *item,
            GstDiscoverer  **discoverer)
{
  g_autofree char *path = g_filename_from_uri (kiosk_media_item_get_uri (item), NULL, NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) file_info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = 0, height = 0;

  if (path == NULL)
    {
      kiosk_media_item_set_problem (item, "not a local file");
      return;
    }

  file = g_file_new_for_path (path);
  file_info = g_file_query_info (file,
                                 G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                 G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (file_info == NULL)
    {
      kiosk_media_item_set_problem (item, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                                          ? "the file is not there" : error->message);
      return;
    }
  if (g_file_info_get_file_type (file_info) != G_FILE_TYPE_REGULAR)
    {
      kiosk_media_item_set_problem (item, "not a regular file");
      return;
    }
  if (g_file_info_get_size (file_info) == 0)
    {
      kiosk_media_item_set_problem (item, "the file is empty");
      return;
    }

  if (kiosk_media_image_sniff (path))
    {
      /* Decoded as the player will: a truncated picture fails here. */
      texture = kiosk_media_image_load (path, &width, &height, &error);
      if (texture == NULL)
        kiosk_media_item_set_problem (item, error->message);
      else
        kiosk_media_item_set_probed (item, KIOSK_MEDIA_IMAGE, -1, width, height);
      return;
    }

  if (*discoverer == NULL)
    {
      if (!init_gstreamer (&error))
        {
          kiosk_media_item_set_problem (item, error->message);
          return;
        }
      *discoverer = gst_discoverer_new (KIOSK_MEDIA_PROBE_TIMEOUT_S * GST_SECOND, &error);
      if (*discoverer == NULL)
        {
          kiosk_media_item_set_problem (item, error->message);
          return;
        }
    }
  probe_with_discoverer (item, *discoverer);
}

void
kiosk_media_probe_items (GPtrArray    *items,
                         GPtrArray    *warnings,
                         GCancellable *cancellable)
{
  GstDiscoverer *discoverer = NULL;

  g_return_if_fail (items != NULL);

  for (guint i = 0; i < items->len; i++)
    {
      KioskMediaItem *item = g_ptr_array_index (items, i);

      if (g_cancellable_is_cancelled (cancellable))
        break;
      probe_item (item, &discoverer);
      if (!kiosk_media_item_get_ok (item) && warnings != NULL)
        {
          g_autofree char *path = g_filename_from_uri (kiosk_media_item_get_uri (item), NULL, NULL);

          g_ptr_array_add (warnings, g_strdup_printf ("%s: %s; skipped",
                                                      path != NULL ? path
                                                                   : kiosk_media_item_get_uri (item),
                                                      kiosk_media_item_get_problem (item)));
        }
    }
  g_clear_object (&discoverer);
}

static void
probe_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func (g_free);

  kiosk_media_probe_items (task_data, warnings, cancellable);
  if (g_task_return_error_if_cancelled (task))
    g_ptr_array_unref (warnings);
  else
    g_task_return_pointer (task, warnings, (GDestroyNotify) g_ptr_array_unref);
}

void
kiosk_media_probe_items_async (GPtrArray           *items,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (items != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_media_probe_items_async);
  g_task_set_task_data (task, g_ptr_array_ref (items), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, probe_thread);
}

GPtrArray *
kiosk_media_probe_items_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
