/* kiosk-navigation.h: a view that opens detail pages for whoever shows it */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_NAVIGATION (kiosk_navigation_get_type ())

G_DECLARE_INTERFACE (KioskNavigation, kiosk_navigation, KIOSK, NAVIGATION, GtkWidget)

struct _KioskNavigationInterface
{
  GTypeInterface parent_iface;

  /* signals */
  void (*push_page) (KioskNavigation *self,
                     GtkWidget       *page,
                     const char      *title);
};

/* Emits "push-page"; returns TRUE when a handler took @page (it has a
 * parent then), FALSE when nobody shows pages and @page was dropped. */
gboolean kiosk_navigation_push_page (KioskNavigation *self,
                                     GtkWidget       *page,
                                     const char      *title);

G_END_DECLS
