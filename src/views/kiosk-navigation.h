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

  /* Where the person is in the view (filters, zoom, the detail page it
   * opened), for a view built anew to come back to: the language switch
   * rebuilds every view and must not send anyone back to the start.
   * Both are optional. */
  GVariant *(*save_place)    (KioskNavigation *self);
  void      (*restore_place) (KioskNavigation *self,
                              GVariant        *place);
};

/* Emits "push-page"; returns TRUE when a handler took @page (it has a
 * parent then), FALSE when nobody shows pages and @page was dropped. */
gboolean kiosk_navigation_push_page (KioskNavigation *self,
                                     GtkWidget       *page,
                                     const char      *title);

/* A floating-free variant, or NULL when the view keeps no place. */
GVariant *kiosk_navigation_save_place    (KioskNavigation *self);
/* Applies what kiosk_navigation_save_place () gave on an old view of the
 * same type; a place that no longer exists (the event is over) is
 * skipped. The view must be shown (detail pages are pushed again). */
void      kiosk_navigation_restore_place (KioskNavigation *self,
                                          GVariant        *place);

G_END_DECLS
