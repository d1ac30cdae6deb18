/* kiosk-qr-code.h: a QR code drawn crisp and large, with its quiet zone */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_QR_CODE (kiosk_qr_code_get_type ())

G_DECLARE_FINAL_TYPE (KioskQrCode, kiosk_qr_code, KIOSK, QR_CODE, GtkWidget)

GtkWidget  *kiosk_qr_code_new          (const char  *text);
const char *kiosk_qr_code_get_text     (KioskQrCode *self);
void        kiosk_qr_code_set_text     (KioskQrCode *self,
                                        const char  *text);
/* Modules per side without the quiet zone; 0 when nothing is encoded. */
guint       kiosk_qr_code_get_modules  (KioskQrCode *self);
/* Whether module (x, y) is dark; for tests. */
gboolean    kiosk_qr_code_is_dark      (KioskQrCode *self,
                                        guint        x,
                                        guint        y);

G_END_DECLS
