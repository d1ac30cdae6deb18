/* kiosk-media-item.c: one file of the attract loop: where it is, what it is, whether it plays */

#define G_LOG_DOMAIN "kiosk-media-item"

#include "config.h"

#include "kiosk-media-item.h"

struct _KioskMediaItem
{
  GObject         parent_instance;

  char           *uri;
  KioskMediaType  type;
  double          duration;
  int             width;
  int             height;
  char           *problem;
};

G_DEFINE_FINAL_TYPE (KioskMediaItem, kiosk_media_item, G_TYPE_OBJECT)

static void
kiosk_media_item_finalize (GObject *object)
{
  KioskMediaItem *self = (KioskMediaItem *) object;

  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (kiosk_media_item_parent_class)->finalize (object);
}

static void
kiosk_media_item_class_init (KioskMediaItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_media_item_finalize;
}

static void
kiosk_media_item_init (KioskMediaItem *self)
{
  self->duration = -1;
}

KioskMediaItem *
kiosk_media_item_new (const char *uri)
{
  KioskMediaItem *self;

  g_return_val_if_fail (uri != NULL, NULL);

  self = g_object_new (KIOSK_TYPE_MEDIA_ITEM, NULL);
  self->uri = g_strdup (uri);

  return self;
}

const char *
kiosk_media_item_get_uri (KioskMediaItem *self)
{
  g_return_val_if_fail (KIOSK_IS_MEDIA_ITEM (self), NULL);

  return self->uri;
}

char *
kiosk_media_item_dup_name (KioskMediaItem *self)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (KIOSK_IS_MEDIA_ITEM (self), NULL);

  path = g_filename_from_uri (self->uri, NULL, NULL);
  if (path == NULL)
    return g_strdup (self->uri);

  return g_path_get_basename (path);
}

KioskMediaType
kiosk_media_item_get_media_type (KioskMediaItem *self)
{
  g_return_val_if_fail (KIOSK_IS_MEDIA_ITEM (self), KIOSK_MEDIA_UNKNOWN);

  return self->type;
}

const char *
kiosk_media_item_get_type_name (KioskMediaItem *self)
{
  g_return_val_if_fail (KIOSK_IS_MEDIA_ITEM (self), NULL);

  switch (self->type)
    {
    case KIOSK_MEDIA_IMAGE:
      return "image";
    case KIOSK_MEDIA_VIDEO:
      return "video";
    case KIOSK_MEDIA_UNKNOWN:
    default:
      return "unknown";
    }
}

double
kiosk_media_item_get_duration (KioskMediaItem *self)
{
  g_return_val_if_fail (KIOSK_IS_MEDIA_ITEM (self), -1);

  return self->duration;
}

int
kiosk_media_item_get_width (KioskMediaItem *self)
{
  g_return_val_if_fail (KIOSK_IS_MEDIA_ITEM (self), 0);

  return self->width;
}

int
kiosk_media_item_get_height (KioskMediaItem *self)
{
  g_return_val_if_fail (KIOSK_IS_MEDIA_ITEM (self), 0);

  return self->height;
}

const char *
kiosk_media_item_get_problem (KioskMediaItem *self)
{
  g_return_val_if_fail (KIOSK_IS_MEDIA_ITEM (self), NULL);

  return self->problem;
}

gboolean
kiosk_media_item_get_ok (KioskMediaItem *self)
{
  g_return_val_if_fail (KIOSK_IS_MEDIA_ITEM (self), FALSE);

  return self->problem == NULL && self->type != KIOSK_MEDIA_UNKNOWN;
}

void
kiosk_media_item_set_duration (KioskMediaItem *self,
                               double          seconds)
{
  g_return_if_fail (KIOSK_IS_MEDIA_ITEM (self));

  self->duration = seconds;
}

void
kiosk_media_item_set_probed (KioskMediaItem *self,
                             KioskMediaType  type,
                             double          duration,
                             int             width,
                             int             height)
{
  g_return_if_fail (KIOSK_IS_MEDIA_ITEM (self));

  self->type = type;
  /* An image keeps the time its playlist entry gave it. */
  if (type == KIOSK_MEDIA_VIDEO || duration >= 0)
    self->duration = duration;
  self->width = width;
  self->height = height;
}

void
kiosk_media_item_set_problem (KioskMediaItem *self,
                              const char     *problem)
{
  g_return_if_fail (KIOSK_IS_MEDIA_ITEM (self));

  g_free (self->problem);
  self->problem = g_strdup (problem);
}
