/* kiosk-resettable.c: what every view does when the kiosk returns to idle */

#define G_LOG_DOMAIN "kiosk-resettable"

#include "config.h"

#include "kiosk-resettable.h"

G_DEFINE_INTERFACE (KioskResettable, kiosk_resettable, G_TYPE_OBJECT)

static void
kiosk_resettable_default_init (KioskResettableInterface *iface)
{
}

void
kiosk_resettable_reset (KioskResettable *self)
{
  KioskResettableInterface *iface;

  g_return_if_fail (KIOSK_IS_RESETTABLE (self));

  iface = KIOSK_RESETTABLE_GET_IFACE (self);
  if (iface->reset != NULL)
    iface->reset (self);
}
