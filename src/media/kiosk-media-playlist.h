/* kiosk-media-playlist.h: the attract loop's files: a watched folder or playlist, probed */
#pragma once

#include <gio/gio.h>

#include "kiosk-media-item.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_MEDIA_PLAYLIST (kiosk_media_playlist_get_type ())

G_DECLARE_FINAL_TYPE (KioskMediaPlaylist, kiosk_media_playlist, KIOSK, MEDIA_PLAYLIST, GObject)

/* The file a configured location (a path, a file:// URI, or on the
 * command line a relative path) names; NULL with an error when it is not
 * local. */
GFile              *kiosk_media_location_to_file      (const char          *location,
                                                       gboolean             command_line,
                                                       GError             **error);
/* The items (not probed) of a folder, sorted by name as people sort
 * (2 before 10), or of an M3U/M3U8 playlist. Blocking. */
GPtrArray          *kiosk_media_playlist_read         (GFile               *location,
                                                       GPtrArray           *warnings,
                                                       GCancellable        *cancellable,
                                                       GError             **error);

/* A GListModel of the KioskMediaItems that play, in order. It reads and
 * probes in a worker thread, and again when files in the folder (or the
 * playlist) change. @location may be NULL (empty). */
KioskMediaPlaylist *kiosk_media_playlist_new          (const char          *location);
const char         *kiosk_media_playlist_get_location (KioskMediaPlaylist  *self);
void                kiosk_media_playlist_set_location (KioskMediaPlaylist  *self,
                                                       const char          *location);
/* TRUE while reading or probing. */
gboolean            kiosk_media_playlist_get_loading  (KioskMediaPlaylist  *self);
/* What the last read said about files it left out (char*). */
GPtrArray          *kiosk_media_playlist_get_warnings (KioskMediaPlaylist  *self);
/* Reads again now (tests; the folder monitor does it by itself). */
void                kiosk_media_playlist_reload       (KioskMediaPlaylist  *self);

G_END_DECLS
