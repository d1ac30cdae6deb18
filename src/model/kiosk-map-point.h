/* kiosk-map-point.h: one thing on the map: a place, an event's venue or a sensor station */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  KIOSK_MAP_POINT_PLACE,
  KIOSK_MAP_POINT_EVENT,
  KIOSK_MAP_POINT_STATION,
} KioskMapPointKind;

#define KIOSK_TYPE_MAP_POINT (kiosk_map_point_get_type ())

G_DECLARE_FINAL_TYPE (KioskMapPoint, kiosk_map_point, KIOSK, MAP_POINT, GObject)

KioskMapPointKind kiosk_map_point_get_kind        (KioskMapPoint *self);
/* The place's id, the event's uid or the station's id. */
const char       *kiosk_map_point_get_id          (KioskMapPoint *self);
const char       *kiosk_map_point_get_title       (KioskMapPoint *self);
/* The categories of events and stations, apart from places' own. */
#define KIOSK_MAP_CATEGORY_EVENT   "kiosk:event"
#define KIOSK_MAP_CATEGORY_STATION "kiosk:station"

/* Places: their category; events and stations: the two above. */
const char       *kiosk_map_point_get_category    (KioskMapPoint *self);
double            kiosk_map_point_get_latitude    (KioskMapPoint *self);
double            kiosk_map_point_get_longitude   (KioskMapPoint *self);
/* The place, the event's next occurrence, or the station's first reading. */
GObject          *kiosk_map_point_get_item        (KioskMapPoint *self);
/* Stations: the newest reading of each property (GObject*), sorted by name. */
GPtrArray        *kiosk_map_point_get_readings    (KioskMapPoint *self);
/* A symbolic icon for the category ("kiosk-map-library-symbolic", ...). */
const char       *kiosk_map_point_get_icon_name   (KioskMapPoint *self);
const char       *kiosk_map_category_icon_name    (const char    *category);
/* A category as people read it, in the UI language: "place_of_worship" is
 * "Kirche"; a category that is already words is shown as it is. */
const char       *kiosk_map_category_label        (const char    *category);
/* What a chip says for a family of categories, keyed by their icon name. */
const char       *kiosk_map_family_label          (const char    *icon_name);
/* The style class its marker and card are coloured by:
 * "kiosk-map-park-symbolic" gives "kiosk-map-park". */
char             *kiosk_map_point_dup_family_class (KioskMapPoint *self);

/* Points (KioskMapPoint*) from the items of one area, read by property name.
 * Items without usable coordinates are left out. */
GPtrArray        *kiosk_map_points_from_places    (GListModel    *places);
/* One point per event (uid): its next occurrence that has not ended by @now. */
GPtrArray        *kiosk_map_points_from_events    (GListModel    *events,
                                                   GDateTime     *now);
/* One point per station (station-id). */
GPtrArray        *kiosk_map_points_from_readings  (GListModel    *readings);

/* Groups @points (KioskMapPoint*) that come closer than @cell_px pixels at
 * @zoom. Returns KioskMapCluster*, each with at least one point. */
typedef struct
{
  double     latitude;
  double     longitude;
  GPtrArray *points;     /* KioskMapPoint* */
} KioskMapCluster;

GPtrArray        *kiosk_map_cluster               (GPtrArray     *points,
                                                   int            zoom,
                                                   double         cell_px);
void              kiosk_map_cluster_free          (KioskMapCluster *cluster);

G_END_DECLS
