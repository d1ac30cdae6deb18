/* kiosk-empty-view.h: the designed state of an area that has no source yet */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_EMPTY_VIEW (kiosk_empty_view_get_type ())

G_DECLARE_FINAL_TYPE (KioskEmptyView, kiosk_empty_view, KIOSK, EMPTY_VIEW, GtkWidget)

GtkWidget *kiosk_empty_view_new (const char *icon_name,
                                 const char *title,
                                 const char *description);

G_END_DECLS
