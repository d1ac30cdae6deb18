/* kiosk-map-view-private.h: the map view's state, shared by its markers and chips */
#pragma once

#include "kiosk-map-card.h"
#include "kiosk-map-marker.h"
#include "kiosk-map-point.h"
#include "kiosk-map-view.h"

G_BEGIN_DECLS

/* How long the map takes to fly somewhere (ms). */
#define GO_TO_MS 400

struct _KioskMapView
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkWidget         *chips_scroller;
  GtkBox            *chips;
  GtkOverlay        *overlay;
  ShumateMap        *map;
  GtkLabel          *problem;
  GtkWidget         *controls;
  GtkButton         *zoom_in_button;
  GtkButton         *zoom_out_button;
  GtkButton         *recenter_button;
  GtkLabel          *recenter_label;
  GtkLabel          *attribution;
  KioskMapCard      *card;

  /* borrowed */
  GtkWidget         *legend;
  ShumateViewport   *viewport;
  KioskMapMarker    *selected;

  /* owned */
  KioskConfig       *config;
  KioskServices     *services;
  GListModel        *area_items[3];   /* places, events, readings */
  GCancellable      *cancellable;
  ShumateDataSource *data_source;
  ShumateMapLayer   *tile_layer;
  ShumateMarkerLayer *marker_layer;
  ShumateMarkerLayer *here_layer;
  GPtrArray         *points;          /* KioskMapPoint*: all of them */
  GPtrArray         *clusters;        /* KioskMapCluster* of the shown points */
  GHashTable        *markers;         /* key -> KioskMapMarker* on the layer */
  GHashTable        *hidden;          /* categories switched off by chips */
  char              *card_id;
  char              *pending_id;
  char              *problem_text;
  double             bounds[4];       /* west, south, east, north */
  gboolean           has_bounds;
  gboolean           clamping;
  gboolean           controls_below;  /* reach mode: chips and buttons low */
  gboolean           has_place;       /* a place to come back to (language switch) */
  double             place[3];        /* its latitude, longitude, zoom */
  int                cluster_zoom;
  int                last_width;
  int                last_height;
  guint              rebuild_idle;
  guint              markers_timeout;
  guint              n_received;
};


/* kiosk-map-view.c */
void        kiosk_map_view_open_point            (KioskMapView  *self,
                                                  KioskMapPoint *point);
/* Closes the card and unmarks its marker. */
void        kiosk_map_view_close_card            (KioskMapView  *self);

/* kiosk-map-view-markers.c */
const char *kiosk_map_view_point_filter_key      (KioskMapPoint *point);
gboolean    kiosk_map_view_point_shown           (KioskMapView  *self,
                                                  KioskMapPoint *point);
void        kiosk_map_view_update_markers        (KioskMapView  *self);
void        kiosk_map_view_queue_update_markers  (KioskMapView  *self);
void        kiosk_map_view_refilter              (KioskMapView  *self);
void        kiosk_map_view_rebuild_chips         (KioskMapView  *self);

G_END_DECLS
