/* kiosk-media-player.h: the attract loop on screen: pictures and videos, crossfaded */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-media-item.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_MEDIA_PLAYER (kiosk_media_player_get_type ())

G_DECLARE_FINAL_TYPE (KioskMediaPlayer, kiosk_media_player, KIOSK, MEDIA_PLAYER, GtkWidget)

/* A video whose position does not move for this long is skipped. */
#define KIOSK_MEDIA_PLAYER_STALL_MS 3000
/* No item leaves the screen sooner (a cut-off video ends at once). */
#define KIOSK_MEDIA_PLAYER_MIN_SHOW_MS 1500

GtkWidget      *kiosk_media_player_new            (void);
/* KioskMediaItems that play (the services' media model). */
void            kiosk_media_player_set_model      (KioskMediaPlayer *self,
                                                   GListModel       *items);
GListModel     *kiosk_media_player_get_model      (KioskMediaPlayer *self);
/* Makes the widget of a slide: an item of the model that is not a
 * KioskMediaItem. NULL: nothing to show now (the item is skipped). */
typedef GtkWidget *(*KioskMediaPlayerSlideFunc) (GObject  *item,
                                                 gpointer  user_data);
void            kiosk_media_player_set_slide_func (KioskMediaPlayer          *self,
                                                   KioskMediaPlayerSlideFunc  func,
                                                   gpointer                   user_data,
                                                   GDestroyNotify             destroy);
/* TRUE: cover the screen and crop; FALSE: show all of it. Never stretched. */
void            kiosk_media_player_set_fill       (KioskMediaPlayer *self,
                                                   gboolean          fill);
/* 0: cut; else a crossfade of this many milliseconds. */
void            kiosk_media_player_set_transition (KioskMediaPlayer *self,
                                                   guint             ms);
/* How long a picture without its own time stays. */
void            kiosk_media_player_set_image_seconds (KioskMediaPlayer *self,
                                                   guint             seconds);
/* 0 mutes. */
void            kiosk_media_player_set_volume     (KioskMediaPlayer *self,
                                                   double            volume);
/* Starts (or resumes with the item it stopped at). */
void            kiosk_media_player_play           (KioskMediaPlayer *self);
/* Stops at once and frees every decoder and picture. */
void            kiosk_media_player_stop           (KioskMediaPlayer *self);
gboolean        kiosk_media_player_get_playing    (KioskMediaPlayer *self);
/* TRUE while an item is on screen (FALSE: nothing plays, or not yet). */
gboolean        kiosk_media_player_get_showing    (KioskMediaPlayer *self);
/* Where in the loop it is, to hand over to a new player. */
guint           kiosk_media_player_get_position   (KioskMediaPlayer *self);
void            kiosk_media_player_set_position   (KioskMediaPlayer *self,
                                                   guint             position);

G_END_DECLS
