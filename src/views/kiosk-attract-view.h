/* kiosk-attract-view.h: the idle screen that invites people to touch */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-media-player.h"
#include "kiosk-types.h"

G_BEGIN_DECLS

/* With data slides: one slide after every this many media items. */
#define KIOSK_ATTRACT_MEDIA_PER_SLIDE 3

#define KIOSK_TYPE_ATTRACT_VIEW (kiosk_attract_view_get_type ())

G_DECLARE_FINAL_TYPE (KioskAttractView, kiosk_attract_view, KIOSK, ATTRACT_VIEW, GtkWidget)

GtkWidget *kiosk_attract_view_new            (void);
void       kiosk_attract_view_set_place_name (KioskAttractView *self,
                                              const char       *place_name);
void       kiosk_attract_view_set_media      (KioskAttractView *self,
                                              KioskConfig      *config,
                                              KioskServices    *services);
void       kiosk_attract_view_continue_from  (KioskAttractView *self,
                                              KioskAttractView *old);
/* Reach mode on a stele: the invitation sits low. */
void       kiosk_attract_view_set_reach_mode (KioskAttractView *self,
                                              gboolean          reach_mode);
KioskMediaPlayer *kiosk_attract_view_get_player (KioskAttractView *self);

G_END_DECLS
