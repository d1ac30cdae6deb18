/* kiosk-media-format.h: the `media` kind: a folder or an M3U playlist of local files */
#pragma once

#include "kiosk-format.h"
#include "kiosk-media-item.h"

G_BEGIN_DECLS

/* A playlist with more entries is cut here (with a warning). */
#define KIOSK_MEDIA_MAX_ITEMS 1000

/* Whether @path names a playlist (.m3u or .m3u8) rather than a folder. */
gboolean  kiosk_media_is_playlist_name (const char       *path);
/* Reads an M3U/M3U8 playlist: one KioskMediaItem per local file it names,
 * relative paths resolved against @playlist_uri, an #EXTINF duration on
 * the item that follows it. Entries that are not local files are left out
 * with a warning. */
gboolean  kiosk_media_m3u_parse        (GBytes           *bytes,
                                        const char       *playlist_uri,
                                        KioskParseResult *result,
                                        GError          **error);
/* One item as `ankerort check media --json` prints it. */
JsonNode *kiosk_media_item_to_json     (KioskMediaItem   *item);

G_END_DECLS
