/* kiosk-events-view.h: the events area */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-config.h"
#include "kiosk-source-list.h"

G_BEGIN_DECLS

/* Returns the area's view, or NULL while the area has no view of its own
 * (the window then shows the designed empty state). */
GtkWidget *kiosk_events_view_new (KioskConfig     *config,
                               KioskSourceList *sources);

G_END_DECLS
