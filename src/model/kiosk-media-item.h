/* kiosk-media-item.h: one file of the attract loop: where it is, what it is, whether it plays */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  KIOSK_MEDIA_UNKNOWN,   /* not probed yet, or nothing the kiosk can show */
  KIOSK_MEDIA_IMAGE,
  KIOSK_MEDIA_VIDEO,
} KioskMediaType;

#define KIOSK_TYPE_MEDIA_ITEM (kiosk_media_item_get_type ())

G_DECLARE_FINAL_TYPE (KioskMediaItem, kiosk_media_item, KIOSK, MEDIA_ITEM, GObject)

KioskMediaItem *kiosk_media_item_new          (const char     *uri);
const char     *kiosk_media_item_get_uri      (KioskMediaItem *self);
/* The file's base name, for messages. */
char           *kiosk_media_item_dup_name     (KioskMediaItem *self);
KioskMediaType  kiosk_media_item_get_media_type (KioskMediaItem *self);
const char     *kiosk_media_item_get_type_name  (KioskMediaItem *self);
/* Seconds: a video's length, or an image's time from its playlist entry
 * (#EXTINF); < 0 when unknown (an image then stays for the default). */
double          kiosk_media_item_get_duration (KioskMediaItem *self);
int             kiosk_media_item_get_width    (KioskMediaItem *self);
int             kiosk_media_item_get_height   (KioskMediaItem *self);
/* NULL when the file plays; else one line saying what is wrong. */
const char     *kiosk_media_item_get_problem  (KioskMediaItem *self);
gboolean        kiosk_media_item_get_ok       (KioskMediaItem *self);

/* Set by the playlist reader and the probe (before the item is shared). */
void            kiosk_media_item_set_duration (KioskMediaItem *self,
                                               double          seconds);
void            kiosk_media_item_set_probed   (KioskMediaItem *self,
                                               KioskMediaType  type,
                                               double          duration,
                                               int             width,
                                               int             height);
void            kiosk_media_item_set_problem  (KioskMediaItem *self,
                                               const char     *problem);

G_END_DECLS
