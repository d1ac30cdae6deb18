/* kiosk-media-format.c: the `media` kind: a folder or an M3U playlist of local files
 *
 * A media source is not fetched: the attract loop reads the folder or the
 * playlist itself, watches it and probes every file
 * (src/media/kiosk-media-playlist.c). What lives here is the pure part:
 * the playlist's syntax and the JSON of one item. */

#define G_LOG_DOMAIN "kiosk-media-format"

#include "config.h"

#include <string.h>

#include "kiosk-formats.h"
#include "kiosk-media-format.h"

gboolean
kiosk_media_is_playlist_name (const char *path)
{
  g_autofree char *lower = NULL;

  if (path == NULL)
    return FALSE;

  lower = g_ascii_strdown (path, -1);
  return g_str_has_suffix (lower, ".m3u") || g_str_has_suffix (lower, ".m3u8");
}

/* "#EXTINF:12.5,Title" → 12.5; -1 when it gives no usable time. */
static double
extinf_seconds (const char *line)
{
  const char *value = line + strlen ("#EXTINF:");
  char *end = NULL;
  double seconds = g_ascii_strtod (value, &end);

  if (end == value || seconds <= 0 || seconds > 24 * 3600 || seconds != seconds)
    return -1;

  return seconds;
}

static GFile *
entry_file (GFile      *dir,
            const char *entry)
{
  g_autofree char *scheme = g_uri_parse_scheme (entry);
  g_autofree char *slashes = NULL;

  if (g_path_is_absolute (entry))
    return g_file_new_for_path (entry);
  if (g_strcmp0 (scheme, "file") == 0)
    return g_file_new_for_uri (entry);
  /* A drive letter ("C:\...") parses as a scheme of one letter. */
  if (scheme != NULL && strlen (scheme) > 1)
    return NULL;

  /* Playlists written on Windows separate folders with backslashes. */
  slashes = g_strdelimit (g_strdup (entry), "\\", '/');
  if (dir == NULL)
    return NULL;

  return g_file_resolve_relative_path (dir, slashes);
}

gboolean
kiosk_media_m3u_parse (GBytes           *bytes,
                       const char       *playlist_uri,
                       KioskParseResult *result,
                       GError          **error)
{
  g_autoptr(GFile) playlist = NULL;
  g_autoptr(GFile) dir = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  const char *data;
  gsize size = 0;
  double pending = -1;
  guint n_lines;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  data = g_bytes_get_data (bytes, &size);
  if (size > 0 && memchr (data, '\0', size) != NULL)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "%s is not a playlist: it holds binary data",
                   playlist_uri ? playlist_uri : "the playlist");
      return FALSE;
    }

  if (playlist_uri != NULL)
    {
      playlist = g_file_new_for_uri (playlist_uri);
      dir = g_file_get_parent (playlist);
    }

  text = g_strndup (data, size);
  /* A byte order mark is a UTF-8 playlist's business, not a file name. */
  lines = g_strsplit (g_str_has_prefix (text, "\xef\xbb\xbf") ? text + 3 : text, "\n", -1);
  n_lines = g_strv_length (lines);

  for (guint i = 0; i < n_lines; i++)
    {
      char *line = g_strstrip (lines[i]);
      g_autoptr(GFile) file = NULL;

      if (*line == '\0')
        continue;
      if (g_str_has_prefix (line, "#EXTINF:"))
        {
          pending = extinf_seconds (line);
          continue;
        }
      if (*line == '#')
        continue;

      if (result->items->len >= KIOSK_MEDIA_MAX_ITEMS)
        {
          kiosk_parse_result_warn (result, "line %u: more than %d entries; the rest is left out",
                                   i + 1, KIOSK_MEDIA_MAX_ITEMS);
          break;
        }

      file = entry_file (dir, line);
      if (file == NULL || !g_file_is_native (file))
        {
          g_autofree char *shown = g_utf8_make_valid (line, -1);

          kiosk_parse_result_warn (result, "line %u: “%s” is not a local file; left out",
                                   i + 1, shown);
        }
      else
        {
          g_autofree char *uri = g_file_get_uri (file);
          KioskMediaItem *item = kiosk_media_item_new (uri);

          kiosk_media_item_set_duration (item, pending);
          g_ptr_array_add (result->items, item);
        }
      pending = -1;
    }

  return TRUE;
}

JsonNode *
kiosk_media_item_to_json (KioskMediaItem *item)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  KioskMediaType type = kiosk_media_item_get_media_type (item);
  double duration = kiosk_media_item_get_duration (item);
  int width = kiosk_media_item_get_width (item);
  int height = kiosk_media_item_get_height (item);
  const char *problem = kiosk_media_item_get_problem (item);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, kiosk_media_item_get_uri (item));
  json_builder_set_member_name (builder, "type");
  /* What is not a picture is handed to the video decoder. */
  json_builder_add_string_value (builder, type == KIOSK_MEDIA_IMAGE ? "image" : "video");
  json_builder_set_member_name (builder, "duration_s");
  if (duration >= 0)
    json_builder_add_double_value (builder, duration);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "width");
  if (width > 0)
    json_builder_add_int_value (builder, width);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "height");
  if (height > 0)
    json_builder_add_int_value (builder, height);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, kiosk_media_item_get_ok (item));
  json_builder_set_member_name (builder, "problem");
  if (problem != NULL)
    json_builder_add_string_value (builder, problem);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static JsonNode *
media_to_json (gpointer                 item,
               const KioskParseContext *ctx)
{
  return kiosk_media_item_to_json (KIOSK_MEDIA_ITEM (item));
}

/* No parse function: the sync leaves media sources alone, the attract
 * loop reads them (see the top of this file). */
const KioskFormat kiosk_format_media = {
  .kind = "media",
  .area = KIOSK_AREA_MEDIA,
  .get_item_type = kiosk_media_item_get_type,
  .parse = NULL,
  .to_json = media_to_json,
};
