/* kiosk-map-view.h: the city map: tiles, you-are-here, places, events and stations */
#pragma once

#include <gtk/gtk.h>
#include <shumate/shumate.h>

#include "kiosk-config.h"
#include "kiosk-services.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_MAP_VIEW (kiosk_map_view_get_type ())

G_DECLARE_FINAL_TYPE (KioskMapView, kiosk_map_view, KIOSK, MAP_VIEW, GtkWidget)

/* Returns the area's view, or NULL when no tiles, places, events or sensor
 * sources are set up (the window then shows the designed empty state). */
GtkWidget  *kiosk_map_view_new                 (KioskConfig     *config,
                                                KioskServices   *services);

ShumateMap *kiosk_map_view_get_map             (KioskMapView    *self);
/* Tiles the data source delivered so far (received-data). */
guint       kiosk_map_view_get_n_tiles_received (KioskMapView   *self);
/* Marker widgets on the map now (groups count once), without you-are-here. */
guint       kiosk_map_view_get_n_markers       (KioskMapView    *self);
/* The button of the marker that shows point @id alone, or NULL. */
GtkWidget  *kiosk_map_view_find_marker         (KioskMapView    *self,
                                                const char      *id);
/* The id of the point whose card is open, or NULL. */
const char *kiosk_map_view_get_card_id         (KioskMapView    *self);
/* Reach mode on a portrait stele: the chips under the map, the buttons in
 * a row and the card no higher than half the map, all within reach. */
void        kiosk_map_view_set_controls_below  (KioskMapView    *self,
                                                gboolean         below);
/* The message shown over the map when tiles cannot be shown, or NULL. */
const char *kiosk_map_view_get_problem         (KioskMapView    *self);

G_END_DECLS
