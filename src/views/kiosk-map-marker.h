/* kiosk-map-marker.h: a touchable marker for one point or a group of points */
#pragma once

#include <shumate/shumate.h>

#include "kiosk-map-point.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_MAP_MARKER (kiosk_map_marker_get_type ())

G_DECLARE_FINAL_TYPE (KioskMapMarker, kiosk_map_marker, KIOSK, MAP_MARKER, ShumateMarker)

/* Takes a reference on @points (KioskMapPoint*). Emits "activated" when
 * tapped. */
KioskMapMarker *kiosk_map_marker_new          (GPtrArray      *points,
                                               double          latitude,
                                               double          longitude);
/* The marker for the kiosk itself: "You are here", never a target. */
KioskMapMarker *kiosk_map_marker_new_here     (double          latitude,
                                               double          longitude);
GPtrArray      *kiosk_map_marker_get_points   (KioskMapMarker *self);
GtkWidget      *kiosk_map_marker_get_button   (KioskMapMarker *self);
void            kiosk_map_marker_set_selected (KioskMapMarker *self,
                                               gboolean        selected);

/* How far what the marker draws reaches from its spot (px): left and
 * right, up, down. */
void            kiosk_map_marker_get_extent  (KioskMapMarker *self,
                                              double         *half_width,
                                              double         *above,
                                              double         *below);

G_END_DECLS
