/* kiosk-resettable.h: what every view does when the kiosk returns to idle */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_RESETTABLE (kiosk_resettable_get_type ())

G_DECLARE_INTERFACE (KioskResettable, kiosk_resettable, KIOSK, RESETTABLE, GObject)

struct _KioskResettableInterface
{
  GTypeInterface parent_iface;

  /* Forget everything the last person did: scroll to the top, clear
   * filters and typed text, discard unfinished input. */
  void (*reset) (KioskResettable *self);
};

void kiosk_resettable_reset (KioskResettable *self);

G_END_DECLS
