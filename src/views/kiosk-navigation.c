/* kiosk-navigation.c: a view that opens detail pages for whoever shows it
 *
 * Views never know the window: they ask for a page with "push-page" and
 * the window, which connects to every view it creates, puts it on top
 * with a Back button. */

#define G_LOG_DOMAIN "kiosk-navigation"

#include "config.h"

#include "kiosk-navigation.h"

enum {
  PUSH_PAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_INTERFACE (KioskNavigation, kiosk_navigation, GTK_TYPE_WIDGET)

static void
kiosk_navigation_default_init (KioskNavigationInterface *iface)
{
  /**
   * KioskNavigation::push-page:
   * @page: the detail page, for the handler to take a reference to
   * @title: the header's title while it is shown
   */
  signals[PUSH_PAGE] =
    g_signal_new ("push-page",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  G_STRUCT_OFFSET (KioskNavigationInterface, push_page),
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, GTK_TYPE_WIDGET, G_TYPE_STRING);
}

gboolean
kiosk_navigation_push_page (KioskNavigation *self,
                            GtkWidget       *page,
                            const char      *title)
{
  g_autoptr(GtkWidget) held = NULL;

  g_return_val_if_fail (KIOSK_IS_NAVIGATION (self), FALSE);
  g_return_val_if_fail (GTK_IS_WIDGET (page), FALSE);

  /* Not left floating: a page nobody took is freed here. */
  held = g_object_ref_sink (page);
  g_signal_emit (self, signals[PUSH_PAGE], 0, page, title);

  if (gtk_widget_get_parent (page) == NULL)
    {
      g_debug ("%s is not shown by a window; its page is dropped", G_OBJECT_TYPE_NAME (self));
      return FALSE;
    }

  return TRUE;
}

GVariant *
kiosk_navigation_save_place (KioskNavigation *self)
{
  KioskNavigationInterface *iface;
  GVariant *place;

  g_return_val_if_fail (KIOSK_IS_NAVIGATION (self), NULL);

  iface = KIOSK_NAVIGATION_GET_IFACE (self);
  if (iface->save_place == NULL)
    return NULL;

  place = iface->save_place (self);

  return place != NULL ? g_variant_ref_sink (place) : NULL;
}

void
kiosk_navigation_restore_place (KioskNavigation *self,
                                GVariant        *place)
{
  KioskNavigationInterface *iface;

  g_return_if_fail (KIOSK_IS_NAVIGATION (self));
  g_return_if_fail (place != NULL);

  iface = KIOSK_NAVIGATION_GET_IFACE (self);
  if (iface->restore_place != NULL)
    iface->restore_place (self, place);
}
