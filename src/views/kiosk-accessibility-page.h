/* kiosk-accessibility-page.h: large text, high contrast and reach mode */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_ACCESSIBILITY_PAGE (kiosk_accessibility_page_get_type ())

G_DECLARE_FINAL_TYPE (KioskAccessibilityPage, kiosk_accessibility_page, KIOSK, ACCESSIBILITY_PAGE, GtkWidget)

/* The page's toggles follow and change @target's boolean properties
 * "large-text", "high-contrast" and "reach-mode". */
GtkWidget *kiosk_accessibility_page_new (GObject *target);

G_END_DECLS
