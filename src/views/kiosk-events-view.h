/* kiosk-events-view.h: the events area: what is on, day by day */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-config.h"
#include "kiosk-services.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_EVENTS_VIEW (kiosk_events_view_get_type ())

G_DECLARE_FINAL_TYPE (KioskEventsView, kiosk_events_view, KIOSK, EVENTS_VIEW, GtkWidget)

/* Returns the area's view, or the designed empty state when no events
 * source is configured. */
GtkWidget   *kiosk_events_view_new            (KioskConfig     *config,
                                               KioskServices   *services);
/* The rows as shown: GtkStringObject day headings and KioskEvent occurrences. */
GListModel  *kiosk_events_view_get_rows       (KioskEventsView *self);
GtkListView *kiosk_events_view_get_list_view  (KioskEventsView *self);
/* Opens the detail page of the row at @position (an occurrence) through
 * KioskNavigation::push-page; returns it, or NULL when nobody took it. */
GtkWidget   *kiosk_events_view_open_row       (KioskEventsView *self,
                                               guint            position);
/* Rebuild now instead of at the next idle (tests). */
void         kiosk_events_view_refresh        (KioskEventsView *self);
/* Reach mode: the filters go below the list. */
void         kiosk_events_view_set_controls_below (KioskEventsView *self,
                                                   gboolean         below);

G_END_DECLS
