/* kiosk-events-view-private.h: what the events view and its rows share */
#pragma once

#include "kiosk-events-view.h"

G_BEGIN_DECLS

/* kiosk-events-view.c */
/* The zone the view shows times in. */
GTimeZone  *kiosk_events_view_get_time_zone   (KioskEventsView          *self);
/* A row's box -> its widgets (owned by the rows file's setup handler). */
GHashTable *kiosk_events_view_get_row_widgets (KioskEventsView          *self);

/* kiosk-events-view-rows.c */
/* Midnight at the start of @dt's day, in @dt's zone. */
GDateTime  *kiosk_events_view_day_start       (GDateTime                *dt);
/* Builds and binds the list's rows: a GtkStringObject is a day heading,
 * a KioskEvent an event. */
void        kiosk_events_view_connect_rows    (KioskEventsView          *self,
                                               GtkSignalListItemFactory *factory);

G_END_DECLS
