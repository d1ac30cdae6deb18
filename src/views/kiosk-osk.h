/* kiosk-osk.h: the built-in on-screen keyboard (German layout) */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_OSK (kiosk_osk_get_type ())

G_DECLARE_FINAL_TYPE (KioskOsk, kiosk_osk, KIOSK, OSK, GtkWidget)

/* Emits "text" (const char *) for a character key or space, and
 * "backspace". Knows nothing of where the text goes. */
GtkWidget *kiosk_osk_new       (void);
gboolean   kiosk_osk_get_shift (KioskOsk   *self);
void       kiosk_osk_set_shift (KioskOsk   *self,
                                gboolean    shift);
/* The key whose visible label is @label (tests press keys through it). */
GtkWidget *kiosk_osk_get_key   (KioskOsk   *self,
                                const char *label);

G_END_DECLS
