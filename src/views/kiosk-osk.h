/* kiosk-osk.h: the built-in on-screen keyboard (German or English layout, and symbols) */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_OSK (kiosk_osk_get_type ())

G_DECLARE_FINAL_TYPE (KioskOsk, kiosk_osk, KIOSK, OSK, GtkWidget)

/* Emits "text" (const char *) for a character key or space, and
 * "backspace". Knows nothing of where the text goes. The layout follows
 * the UI language when the keyboard is made (QWERTZ in German, QWERTY in
 * English). */
GtkWidget *kiosk_osk_new       (void);
gboolean   kiosk_osk_get_shift (KioskOsk   *self);
void       kiosk_osk_set_shift (KioskOsk   *self,
                                gboolean    shift);
/* The symbols layer (: / . - _ ? = & @ # % and more) instead of letters. */
gboolean   kiosk_osk_get_symbols (KioskOsk  *self);
void       kiosk_osk_set_symbols (KioskOsk   *self,
                                  gboolean    symbols);
/* The key whose visible label is @label (tests press keys through it). */
GtkWidget *kiosk_osk_get_key   (KioskOsk   *self,
                                const char *label);

G_END_DECLS
