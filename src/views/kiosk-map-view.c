/* kiosk-map-view.c: the city map: tiles, you-are-here, places, events and stations */

#define G_LOG_DOMAIN "kiosk-map-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "kiosk-map-card.h"
#include "kiosk-map-marker.h"
#include "kiosk-map-point.h"
#include "kiosk-map-tiles.h"
#include "kiosk-map-view.h"
#include "kiosk-map-view-private.h"
#include "kiosk-navigation.h"
#include "kiosk-resettable.h"
#include "kiosk-vocabulary.h"

/* Zoom used to show one marker's surroundings (show-location). */
#define DETAIL_ZOOM 17
/* The card in landscape: beside the map's right edge. */
#define CARD_MARGIN 24
#define CARD_WIDTH 640

static void kiosk_map_view_resettable_init (KioskResettableInterface *iface);
static void kiosk_map_view_navigation_init (KioskNavigationInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KioskMapView, kiosk_map_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (KIOSK_TYPE_RESETTABLE,
                                                      kiosk_map_view_resettable_init)
                               G_IMPLEMENT_INTERFACE (KIOSK_TYPE_NAVIGATION,
                                                      kiosk_map_view_navigation_init))

static const KioskArea point_areas[] = {
  KIOSK_AREA_PLACES, KIOSK_AREA_EVENTS, KIOSK_AREA_SENSORS,
};

static gboolean
is_portrait (KioskMapView *self)
{
  /* Reach mode leaves the map wider than high on a stele: still a sheet
   * at the bottom, within reach. */
  return self->controls_below ||
         gtk_widget_get_height (GTK_WIDGET (self->overlay)) >
         gtk_widget_get_width (GTK_WIDGET (self->overlay));
}

static void
set_problem (KioskMapView *self,
             const char   *text)
{
  g_free (self->problem_text);
  self->problem_text = g_strdup (text);
  gtk_label_set_label (self->problem, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem), text != NULL);
}

static void
set_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
legend_add (GtkGrid    *legend,
            GtkWidget  *sample,
            const char *text)
{
  GtkWidget *label = gtk_label_new (text);
  int row = 0;

  while (gtk_grid_get_child_at (legend, 0, row) != NULL)
    row++;
  gtk_widget_set_halign (sample, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (sample, GTK_ALIGN_CENTER);
  gtk_grid_attach (legend, sample, 0, row, 1, 1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_grid_attach (legend, label, 1, row, 1, 1);
}

/* What the map's marks mean: a group and "you are here"; the chips
 * above name the colours. */
static GtkWidget *
legend_new (void)
{
  GtkWidget *legend = gtk_grid_new ();
  GtkWidget *group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *count = gtk_label_new ("3");
  GtkWidget *word = gtk_label_new (ngettext ("place", "places", 3));
  GtkWidget *here = gtk_image_new_from_icon_name ("kiosk-map-here-symbolic");

  gtk_widget_add_css_class (legend, "map-legend");
  gtk_grid_set_row_spacing (GTK_GRID (legend), 8);
  gtk_grid_set_column_spacing (GTK_GRID (legend), 12);
  gtk_widget_set_halign (legend, GTK_ALIGN_START);
  gtk_widget_set_valign (legend, GTK_ALIGN_START);
  gtk_widget_set_can_target (legend, FALSE);

  /* A small group marker, as on the map. */
  gtk_widget_add_css_class (count, "map-cluster-count");
  gtk_widget_add_css_class (word, "map-cluster-word");
  gtk_box_append (GTK_BOX (group), count);
  gtk_box_append (GTK_BOX (group), word);
  gtk_widget_add_css_class (group, "map-legend-cluster");
  legend_add (GTK_GRID (legend), group, _("Several places close together: tap to come closer"));
  gtk_widget_add_css_class (here, "map-legend-here");
  legend_add (GTK_GRID (legend), here, _("You are here: this screen"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (legend), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Map legend"), -1);

  return legend;
}

/* Points from the sources */

static KioskMapPoint *
find_point (KioskMapView *self,
            const char   *id)
{
  for (guint i = 0; id != NULL && i < self->points->len; i++)
    {
      KioskMapPoint *point = g_ptr_array_index (self->points, i);

      if (g_strcmp0 (kiosk_map_point_get_id (point), id) == 0)
        return point;
    }

  return NULL;
}

static gboolean
rebuild_points (KioskMapView *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GTimeZone) tz = kiosk_config_get_time_zone (self->config);
  g_autoptr(GPtrArray) places = NULL, events = NULL, stations = NULL;

  self->rebuild_idle = 0;
  now = g_date_time_new_now (tz);

  places = kiosk_map_points_from_places (self->area_items[0]);
  events = kiosk_map_points_from_events (self->area_items[1], now);
  stations = kiosk_map_points_from_readings (self->area_items[2]);

  g_ptr_array_set_size (self->points, 0);
  g_ptr_array_extend_and_steal (self->points, g_steal_pointer (&places));
  g_ptr_array_extend_and_steal (self->points, g_steal_pointer (&events));
  g_ptr_array_extend_and_steal (self->points, g_steal_pointer (&stations));

  kiosk_map_view_rebuild_chips (self);
  kiosk_map_view_refilter (self);

  /* The open card follows its point's new data, or closes when it is gone. */
  if (self->card_id != NULL)
    {
      KioskMapPoint *point = find_point (self, self->card_id);

      if (point != NULL)
        kiosk_map_card_show_point (self->card, point, now);
      else
        {
          gtk_widget_set_visible (GTK_WIDGET (self->card), FALSE);
          g_clear_pointer (&self->card_id, g_free);
        }
    }

  if (self->pending_id != NULL)
    {
      KioskMapPoint *point = find_point (self, self->pending_id);

      if (point != NULL)
        {
          g_clear_pointer (&self->pending_id, g_free);
          kiosk_map_view_open_point (self, point);
        }
    }

  return G_SOURCE_REMOVE;
}

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  KioskMapView *self)
{
  if (self->rebuild_idle == 0)
    self->rebuild_idle = g_idle_add ((GSourceFunc) rebuild_points, self);
}

/* Cards */

void
kiosk_map_view_close_card (KioskMapView *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->card), FALSE);
  if (self->card_id != NULL)
    {
      g_clear_pointer (&self->clusters, g_ptr_array_unref);
      kiosk_map_view_queue_update_markers (self);
    }
  g_clear_pointer (&self->card_id, g_free);
  if (self->selected != NULL)
    kiosk_map_marker_set_selected (self->selected, FALSE);
  self->selected = NULL;
}

/* Centres the map so that the point is in the part the card leaves free. */
static void
go_beside_card (KioskMapView *self,
                double        latitude,
                double        longitude,
                double        zoom)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->overlay));
  int height = gtk_widget_get_height (GTK_WIDGET (self->overlay));
  double degrees_per_px = 360.0 / (256.0 * pow (2, zoom));

  if (width > 0 && height > 0)
    {
      if (is_portrait (self))
        latitude -= height * 0.22 * degrees_per_px * cos (latitude * G_PI / 180.0);
      else
        longitude += MIN (CARD_WIDTH + CARD_MARGIN, width / 2) / 2.0 * degrees_per_px;
    }

  shumate_map_go_to_full_with_duration (self->map, latitude, longitude, zoom, GO_TO_MS);
}

static void
card_close_cb (KioskMapCard *card,
               KioskMapView *self)
{
  kiosk_map_view_close_card (self);
}

static void
card_point_cb (KioskMapCard  *card,
               KioskMapPoint *point,
               KioskMapView  *self)
{
  kiosk_map_view_open_point (self, point);
}

/* Viewport */

static void
go_home (KioskMapView *self,
         gboolean      animate)
{
  double latitude = kiosk_config_get_latitude (self->config);
  double longitude = kiosk_config_get_longitude (self->config);
  double zoom = kiosk_config_get_map_zoom (self->config);

  if (animate)
    shumate_map_go_to_full_with_duration (self->map, latitude, longitude, zoom, GO_TO_MS);
  else
    {
      shumate_map_stop_go_to (self->map);
      shumate_viewport_set_zoom_level (self->viewport, zoom);
      shumate_map_center_on (self->map, latitude, longitude);
    }
}

static void
go_to_place (KioskMapView *self)
{
  shumate_map_stop_go_to (self->map);
  shumate_viewport_set_zoom_level (self->viewport, self->place[2]);
  shumate_map_center_on (self->map, self->place[0], self->place[1]);
}

static void
viewport_moved_cb (ShumateViewport *viewport,
                   GParamSpec      *pspec,
                   KioskMapView    *self)
{
  double latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  double longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  double clamped_lat, clamped_lon;

  kiosk_map_view_queue_update_markers (self);

  /* The view stays over the town: its centre may not leave the bounds. */
  if (!self->has_bounds || self->clamping)
    return;

  clamped_lon = CLAMP (longitude, self->bounds[0], self->bounds[2]);
  clamped_lat = CLAMP (latitude, self->bounds[1], self->bounds[3]);
  if (clamped_lat != latitude || clamped_lon != longitude)
    {
      self->clamping = TRUE;
      shumate_location_set_location (SHUMATE_LOCATION (viewport), clamped_lat, clamped_lon);
      self->clamping = FALSE;
    }
}

static void
rotation_cb (ShumateViewport *viewport,
             GParamSpec      *pspec,
             KioskMapView    *self)
{
  /* North stays up on a public map: a two-finger twist only pans and zooms. */
  if (shumate_viewport_get_rotation (viewport) != 0)
    shumate_viewport_set_rotation (viewport, 0);
}

/* Zooming or going home is looking elsewhere: a card left open would
 * speak of a marker that is no longer where the person looks. */
static void
zoom_in_clicked_cb (GtkButton    *button,
                    KioskMapView *self)
{
  kiosk_map_view_close_card (self);
  shumate_map_zoom_in (self->map);
}

static void
zoom_out_clicked_cb (GtkButton    *button,
                     KioskMapView *self)
{
  kiosk_map_view_close_card (self);
  shumate_map_zoom_out (self->map);
}

static void
recenter_clicked_cb (GtkButton    *button,
                     KioskMapView *self)
{
  kiosk_map_view_close_card (self);
  go_home (self, TRUE);
}

/* Tiles */

static void
received_data_cb (ShumateDataSource *source,
                  int                x,
                  int                y,
                  int                zoom,
                  GBytes            *bytes,
                  KioskMapView      *self)
{
  self->n_received++;
}

static void
use_tiles (KioskMapView  *self,
           KioskMapTiles *tiles)
{
  g_autoptr(ShumateRasterRenderer) renderer = NULL;
  ShumateDataSource *source = kiosk_map_tiles_get_source (tiles);
  const char *name = kiosk_map_tiles_get_name (tiles);
  const char *license = kiosk_map_tiles_get_license (tiles);
  g_autofree char *fallback = NULL;
  guint min_zoom = kiosk_map_tiles_get_min_zoom (tiles);
  guint max_zoom = kiosk_map_tiles_get_max_zoom (tiles);
  double zoom;

  /* Without a configured line, at least say whose tiles these are. */
  if (license == NULL && kiosk_map_tiles_get_server (tiles) != NULL)
    {
      /* TRANSLATORS: %s is the tile server's host name */
      fallback = g_strdup_printf (_("Map tiles: %s"), kiosk_map_tiles_get_server (tiles));
      license = fallback;
    }

  if (!self->has_bounds)
    self->has_bounds = kiosk_map_tiles_get_bounds (tiles, &self->bounds[0], &self->bounds[1],
                                                   &self->bounds[2], &self->bounds[3]);

  g_set_object (&self->data_source, source);
  g_signal_connect_object (source, "received-data", G_CALLBACK (received_data_cb), self, 0);

  renderer = shumate_raster_renderer_new_full (kiosk_map_tiles_get_id (tiles), name, license, NULL,
                                               min_zoom, max_zoom, 256,
                                               SHUMATE_MAP_PROJECTION_MERCATOR, source);
  shumate_map_set_map_source (self->map, SHUMATE_MAP_SOURCE (renderer));

  if (self->tile_layer != NULL)
    shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->tile_layer));
  g_clear_object (&self->tile_layer);
  self->tile_layer = g_object_ref_sink (shumate_map_layer_new (SHUMATE_MAP_SOURCE (renderer), self->viewport));
  shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (self->tile_layer),
                                   SHUMATE_LAYER (self->marker_layer));

  {
    /* The credit is the source's, its words in the UI language. */
    g_autofree char *credit = kiosk_vocabulary_translate_phrases (KIOSK_VOCABULARY_MAP_CREDIT,
                                                                  license && *license ? license : name);

    gtk_label_set_label (self->attribution, credit);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->attribution), (license && *license) || (name && *name));

  zoom = CLAMP (kiosk_config_get_map_zoom (self->config), min_zoom, max_zoom);
  shumate_viewport_set_zoom_level (self->viewport, zoom);
  if (self->has_place)
    go_to_place (self);
  else
    go_home (self, FALSE);
  kiosk_map_view_queue_update_markers (self);
}

static void
use_blank (KioskMapView *self)
{
  g_autoptr(KioskMapTiles) blank = kiosk_map_tiles_new_blank ();

  /* Markers still need a projection when there are no tiles. */
  use_tiles (self, blank);
  gtk_widget_set_visible (GTK_WIDGET (self->attribution), FALSE);
}

static void
tiles_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KioskMapView) self = user_data;
  g_autoptr(KioskMapTiles) tiles = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  tiles = kiosk_services_open_map_tiles_finish (KIOSK_SERVICES (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->cancellable == NULL)
    return;

  if (tiles != NULL)
    {
      use_tiles (self, tiles);
      return;
    }

  if (g_error_matches (error, KIOSK_MAP_TILES_ERROR, KIOSK_MAP_TILES_ERROR_NOT_SET_UP))
    {
      set_problem (self, _("No map tiles are set up: the markers are shown without a map."));
      return;
    }

  g_message ("Map tiles: %s", error->message);
  if (g_error_matches (error, KIOSK_MAP_TILES_ERROR, KIOSK_MAP_TILES_ERROR_OFFLINE_MAP))
    text = g_strdup_printf ("%s\n%s", _("The offline map cannot be shown."), error->message);
  else
    text = g_strdup_printf ("%s\n%s", _("The map tiles cannot be shown."), error->message);
  set_problem (self, text);
}

/* The plain ground first; the tiles replace it once their files are open. */
static void
setup_tiles (KioskMapView *self)
{
  use_blank (self);
  kiosk_services_open_map_tiles_async (self->services, self->cancellable, tiles_opened_cb,
                                       g_object_ref (self));
}

/* Settings changed while the kiosk runs */

static void
place_here_marker (KioskMapView *self)
{
  GList *markers = shumate_marker_layer_get_markers (self->here_layer);

  for (GList *l = markers; l != NULL; l = l->next)
    shumate_location_set_location (SHUMATE_LOCATION (l->data),
                                   kiosk_config_get_latitude (self->config),
                                   kiosk_config_get_longitude (self->config));
  g_list_free (markers);
}

/* A changed tiles source (or one added or removed) swaps the map's tiles. */
static void
swap_tiles (KioskMapView *self)
{
  /* An MBTiles file still opening belongs to the old source. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->data_source != NULL)
    g_signal_handlers_disconnect_by_data (self->data_source, self);

  set_problem (self, NULL);
  setup_tiles (self);
}

static void
tiles_changed_cb (KioskServices *services,
                  KioskMapView  *self)
{
  swap_tiles (self);
}

static void
config_changed_cb (KioskConfig  *config,
                   const char   *key,
                   KioskMapView *self)
{
  if (g_str_equal (key, "map-bounds"))
    {
      self->has_bounds = kiosk_config_get_map_bounds (config, &self->bounds[0], &self->bounds[1],
                                                      &self->bounds[2], &self->bounds[3]);
      /* Without configured bounds an MBTiles file gives its own. */
      if (!self->has_bounds)
        swap_tiles (self);
    }
  else if (!g_str_equal (key, "latitude") && !g_str_equal (key, "longitude") &&
           !g_str_equal (key, "map-zoom"))
    {
      return;
    }

  place_here_marker (self);
  /* A map someone is looking at is not moved under their finger: the
   * next reset (or "Where am I?") goes to the new place. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    go_home (self, FALSE);
}

/* Actions */

static void
show_location_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  KioskMapView *self = KIOSK_MAP_VIEW (widget);
  const char *id = NULL;
  double latitude, longitude;
  KioskMapPoint *point;

  g_variant_get (param, "(&sdd)", &id, &latitude, &longitude);

  point = find_point (self, id);
  if (point != NULL)
    {
      kiosk_map_view_open_point (self, point);
      return;
    }

  /* Not loaded yet (or not a marker): go there, and open it when it comes. */
  kiosk_map_view_close_card (self);
  g_free (self->pending_id);
  self->pending_id = g_strdup (id);
  if (isfinite (latitude) && isfinite (longitude))
    shumate_map_go_to_full_with_duration (self->map, latitude, longitude, DETAIL_ZOOM - 1, GO_TO_MS);
}

static void
kiosk_map_view_reset (KioskResettable *resettable)
{
  KioskMapView *self = KIOSK_MAP_VIEW (resettable);

  kiosk_map_view_close_card (self);
  g_clear_pointer (&self->pending_id, g_free);
  self->has_place = FALSE;
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->chips_scroller)), 0);
  if (g_hash_table_size (self->hidden) > 0)
    {
      g_hash_table_remove_all (self->hidden);
      kiosk_map_view_rebuild_chips (self);
      kiosk_map_view_refilter (self);
    }
  go_home (self, FALSE);
}

static void
kiosk_map_view_resettable_init (KioskResettableInterface *iface)
{
  iface->reset = kiosk_map_view_reset;
}

/* KioskNavigation: where the map looks, the chips switched off and the
 * open card. The tiles open after the view is built: the place waits
 * for them (use_tiles) instead of the kiosk's home. */
static GVariant *
kiosk_map_view_save_place (KioskNavigation *navigation)
{
  KioskMapView *self = KIOSK_MAP_VIEW (navigation);
  GVariantBuilder hidden;
  GHashTableIter iter;
  gpointer key;

  g_variant_builder_init (&hidden, G_VARIANT_TYPE_STRING_ARRAY);
  g_hash_table_iter_init (&iter, self->hidden);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_variant_builder_add (&hidden, "s", key);

  return g_variant_new ("(dddass)",
                        shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport)),
                        shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport)),
                        shumate_viewport_get_zoom_level (self->viewport),
                        &hidden,
                        kiosk_map_view_get_card_id (self) != NULL ? kiosk_map_view_get_card_id (self) : "");
}

static void
kiosk_map_view_restore_place (KioskNavigation *navigation,
                              GVariant        *place)
{
  KioskMapView *self = KIOSK_MAP_VIEW (navigation);
  g_autoptr(GVariantIter) hidden = NULL;
  const char *key, *card_id;

  if (!g_variant_is_of_type (place, G_VARIANT_TYPE ("(dddass)")))
    return;
  g_variant_get (place, "(dddas&s)", &self->place[0], &self->place[1], &self->place[2],
                 &hidden, &card_id);
  self->has_place = TRUE;

  g_hash_table_remove_all (self->hidden);
  while (g_variant_iter_next (hidden, "&s", &key))
    g_hash_table_add (self->hidden, g_strdup (key));
  kiosk_map_view_rebuild_chips (self);
  kiosk_map_view_refilter (self);

  go_to_place (self);
  if (*card_id != '\0')
    {
      KioskMapPoint *point = find_point (self, card_id);

      /* The card again, on the marker, without flying anywhere. */
      if (point != NULL)
        {
          g_autoptr(GTimeZone) tz = kiosk_config_get_time_zone (self->config);
          g_autoptr(GDateTime) now = g_date_time_new_now (tz);

          self->card_id = g_strdup (card_id);
          kiosk_map_card_show_point (self->card, point, now);
          gtk_widget_set_visible (GTK_WIDGET (self->card), TRUE);
          g_clear_pointer (&self->clusters, g_ptr_array_unref);
          kiosk_map_view_update_markers (self);
        }
    }
}

static void
kiosk_map_view_navigation_init (KioskNavigationInterface *iface)
{
  iface->save_place = kiosk_map_view_save_place;
  iface->restore_place = kiosk_map_view_restore_place;
}

/* Landscape: the card at the side, over the map's right part; portrait: a
 * sheet at the bottom, within reach of a wheelchair user. */
static void
card_rect (KioskMapView *self,
           GdkRectangle *rect)
{
  GtkWidget *card = GTK_WIDGET (self->card);
  int width = gtk_widget_get_width (GTK_WIDGET (self->overlay));
  int height = gtk_widget_get_height (GTK_WIDGET (self->overlay));
  int min_width, min_height, natural_height;

  gtk_widget_measure (card, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  if (is_portrait (self))
    {
      rect->width = MAX (width, min_width);
      gtk_widget_measure (card, GTK_ORIENTATION_VERTICAL, rect->width,
                          &min_height, &natural_height, NULL, NULL);
      /* In reach mode the buttons above the sheet stay low too. */
      rect->height = MAX (min_height, MIN (natural_height,
                                           self->controls_below ? height / 2 : height * 3 / 5));
      rect->x = 0;
      rect->y = height - rect->height;
    }
  else
    {
      rect->width = MAX (min_width, MIN (CARD_WIDTH, width - 2 * CARD_MARGIN));
      gtk_widget_measure (card, GTK_ORIENTATION_VERTICAL, rect->width,
                          &min_height, &natural_height, NULL, NULL);
      rect->height = MAX (min_height, MIN (natural_height, height - 2 * CARD_MARGIN));
      rect->x = width - rect->width - CARD_MARGIN;
      rect->y = CARD_MARGIN;
    }
}

static gboolean
get_child_position_cb (GtkOverlay   *overlay,
                       GtkWidget    *widget,
                       GdkRectangle *allocation,
                       KioskMapView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (overlay));
  int height = gtk_widget_get_height (GTK_WIDGET (overlay));

  /* Which markers exist depends on what the screen shows: follow resizes. */
  if (width != self->last_width || height != self->last_height)
    {
      self->last_width = width;
      self->last_height = height;
      kiosk_map_view_queue_update_markers (self);
    }

  if (widget == GTK_WIDGET (self->card))
    {
      card_rect (self, allocation);
      return TRUE;
    }

  /* In portrait the sheet would cover the buttons and the attribution,
   * which must stay visible: they move up above it. */
  if ((widget == self->controls || widget == GTK_WIDGET (self->attribution)) &&
      is_portrait (self) && gtk_widget_get_visible (GTK_WIDGET (self->card)))
    {
      GdkRectangle card;
      int min_width, nat_width, min_height;

      card_rect (self, &card);
      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
      allocation->width = MIN (nat_width, MAX (min_width, width));
      gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, allocation->width,
                          &min_height, NULL, NULL, NULL);
      allocation->height = min_height;
      if (widget == self->controls)
        {
          allocation->x = width - allocation->width;
          allocation->y = MAX (0, card.y - min_height - CARD_MARGIN);
        }
      else
        {
          allocation->x = 0;
          allocation->y = MAX (0, card.y - min_height);
        }
      return TRUE;
    }

  return FALSE;
}

static void
kiosk_map_view_dispose (GObject *object)
{
  KioskMapView *self = (KioskMapView *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->rebuild_idle, g_source_remove);
  g_clear_handle_id (&self->markers_timeout, g_source_remove);

  for (guint i = 0; i < G_N_ELEMENTS (self->area_items); i++)
    {
      if (self->area_items[i] != NULL)
        g_signal_handlers_disconnect_by_data (self->area_items[i], self);
      g_clear_object (&self->area_items[i]);
    }
  if (self->viewport != NULL)
    g_signal_handlers_disconnect_by_data (self->viewport, self);
  if (self->config != NULL)
    g_signal_handlers_disconnect_by_data (self->config, self);
  if (self->services != NULL)
    g_signal_handlers_disconnect_by_data (self->services, self);
  if (self->data_source != NULL)
    g_signal_handlers_disconnect_by_data (self->data_source, self);

  if (self->markers != NULL)
    g_hash_table_remove_all (self->markers);
  self->selected = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_MAP_VIEW);
  /* The template's outer box has no id, so dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->tile_layer);
  g_clear_object (&self->marker_layer);
  g_clear_object (&self->here_layer);
  g_clear_object (&self->data_source);
  g_clear_object (&self->config);
  g_clear_object (&self->services);

  G_OBJECT_CLASS (kiosk_map_view_parent_class)->dispose (object);
}

static void
kiosk_map_view_finalize (GObject *object)
{
  KioskMapView *self = (KioskMapView *)object;

  g_clear_pointer (&self->points, g_ptr_array_unref);
  g_clear_pointer (&self->clusters, g_ptr_array_unref);
  g_clear_pointer (&self->markers, g_hash_table_unref);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_clear_pointer (&self->card_id, g_free);
  g_clear_pointer (&self->pending_id, g_free);
  g_clear_pointer (&self->problem_text, g_free);

  G_OBJECT_CLASS (kiosk_map_view_parent_class)->finalize (object);
}

static void
kiosk_map_view_class_init (KioskMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_map_view_dispose;
  object_class->finalize = kiosk_map_view_finalize;

  g_type_ensure (SHUMATE_TYPE_MAP);
  g_type_ensure (KIOSK_TYPE_MAP_CARD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kiosk-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskMapView, chips_scroller);
  gtk_widget_class_bind_template_child (widget_class, KioskMapView, chips);
  gtk_widget_class_bind_template_child (widget_class, KioskMapView, overlay);
  gtk_widget_class_bind_template_child (widget_class, KioskMapView, map);
  gtk_widget_class_bind_template_child (widget_class, KioskMapView, problem);
  gtk_widget_class_bind_template_child (widget_class, KioskMapView, controls);
  gtk_widget_class_bind_template_child (widget_class, KioskMapView, zoom_in_button);
  gtk_widget_class_bind_template_child (widget_class, KioskMapView, zoom_out_button);
  gtk_widget_class_bind_template_child (widget_class, KioskMapView, recenter_button);
  gtk_widget_class_bind_template_child (widget_class, KioskMapView, recenter_label);
  gtk_widget_class_bind_template_child (widget_class, KioskMapView, attribution);
  gtk_widget_class_bind_template_child (widget_class, KioskMapView, card);
  gtk_widget_class_bind_template_callback (widget_class, zoom_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_out_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, recenter_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, card_close_cb);
  gtk_widget_class_bind_template_callback (widget_class, card_point_cb);
  gtk_widget_class_bind_template_callback (widget_class, get_child_position_cb);
  gtk_widget_class_set_css_name (widget_class, "kioskmapview");

  /* (id, latitude, longitude): centre there and open that marker's card. */
  gtk_widget_class_install_action (widget_class, "map.show-location", "(sdd)", show_location_action);
}

static void
kiosk_map_view_init (KioskMapView *self)
{
  const char *label;

  self->points = g_ptr_array_new_with_free_func (g_object_unref);
  self->markers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->cluster_zoom = -1;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* TRANSLATORS: the button that brings the map back to the kiosk */
  label = _("Where am I?");
  gtk_label_set_label (self->recenter_label, label);
  set_accessible_label (GTK_WIDGET (self->recenter_button), label);
  set_accessible_label (GTK_WIDGET (self->zoom_in_button), _("Zoom in"));
  set_accessible_label (GTK_WIDGET (self->zoom_out_button), _("Zoom out"));

  self->viewport = shumate_map_get_viewport (self->map);
  shumate_map_set_zoom_on_double_click (self->map, TRUE);
  shumate_map_set_animate_zoom (self->map, TRUE);
  g_signal_connect (self->viewport, "notify::latitude", G_CALLBACK (viewport_moved_cb), self);
  g_signal_connect (self->viewport, "notify::longitude", G_CALLBACK (viewport_moved_cb), self);
  g_signal_connect (self->viewport, "notify::zoom-level", G_CALLBACK (viewport_moved_cb), self);
  g_signal_connect (self->viewport, "notify::rotation", G_CALLBACK (rotation_cb), self);

  self->marker_layer = g_object_ref_sink (shumate_marker_layer_new (self->viewport));
  self->here_layer = g_object_ref_sink (shumate_marker_layer_new (self->viewport));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->marker_layer));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->here_layer));

  self->legend = legend_new ();
  gtk_overlay_add_overlay (self->overlay, self->legend);
}

GtkWidget *
kiosk_map_view_new (KioskConfig   *config,
                    KioskServices *services)
{
  KioskMapView *self;

  g_return_val_if_fail (KIOSK_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KIOSK_IS_SERVICES (services), NULL);

  /* Without tiles, markers still say where things are, on a plain ground. */
  if (!kiosk_services_has_area (services, KIOSK_AREA_TILES) &&
      !kiosk_services_has_area (services, KIOSK_AREA_PLACES) &&
      !kiosk_services_has_area (services, KIOSK_AREA_EVENTS) &&
      !kiosk_services_has_area (services, KIOSK_AREA_SENSORS))
    return NULL;

  self = g_object_new (KIOSK_TYPE_MAP_VIEW, NULL);
  self->config = g_object_ref (config);
  self->services = g_object_ref (services);
  self->has_bounds = kiosk_config_get_map_bounds (config, &self->bounds[0], &self->bounds[1],
                                                  &self->bounds[2], &self->bounds[3]);

  shumate_marker_layer_add_marker (self->here_layer,
                                   SHUMATE_MARKER (kiosk_map_marker_new_here (kiosk_config_get_latitude (config),
                                                                              kiosk_config_get_longitude (config))));

  setup_tiles (self);
  g_signal_connect (config, "changed", G_CALLBACK (config_changed_cb), self);
  g_signal_connect (services, "tiles-changed", G_CALLBACK (tiles_changed_cb), self);

  for (guint i = 0; i < G_N_ELEMENTS (point_areas); i++)
    {
      self->area_items[i] = g_object_ref (kiosk_services_get_items (services, point_areas[i]));
      g_signal_connect (self->area_items[i], "items-changed", G_CALLBACK (items_changed_cb), self);
    }
  rebuild_points (self);

  return GTK_WIDGET (self);
}

ShumateMap *
kiosk_map_view_get_map (KioskMapView *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_VIEW (self), NULL);

  return self->map;
}

guint
kiosk_map_view_get_n_tiles_received (KioskMapView *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_VIEW (self), 0);

  return self->n_received;
}

guint
kiosk_map_view_get_n_markers (KioskMapView *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_VIEW (self), 0);

  return g_hash_table_size (self->markers);
}

GtkWidget *
kiosk_map_view_find_marker (KioskMapView *self,
                            const char   *id)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (KIOSK_IS_MAP_VIEW (self), NULL);

  kiosk_map_view_update_markers (self);
  g_hash_table_iter_init (&iter, self->markers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *points = kiosk_map_marker_get_points (value);

      if (points->len == 1 &&
          g_strcmp0 (kiosk_map_point_get_id (g_ptr_array_index (points, 0)), id) == 0)
        return kiosk_map_marker_get_button (value);
    }

  return NULL;
}

const char *
kiosk_map_view_get_card_id (KioskMapView *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_VIEW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->card)) ? self->card_id : NULL;
}

void
kiosk_map_view_set_controls_below (KioskMapView *self,
                                   gboolean      below)
{
  GtkWidget *box;

  g_return_if_fail (KIOSK_IS_MAP_VIEW (self));

  below = !!below;
  if (self->controls_below == below)
    return;
  self->controls_below = below;

  box = gtk_widget_get_parent (self->chips_scroller);
  gtk_box_reorder_child_after (GTK_BOX (box), self->chips_scroller,
                               below ? GTK_WIDGET (self->overlay) : NULL);
  /* A row of buttons is lower than a column of them. */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->controls),
                                  below ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  gtk_widget_queue_allocate (GTK_WIDGET (self->overlay));
}

const char *
kiosk_map_view_get_problem (KioskMapView *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_VIEW (self), NULL);

  return self->problem_text;
}

void
kiosk_map_view_open_point (KioskMapView  *self,
                           KioskMapPoint *point)
{
  g_autoptr(GTimeZone) tz = kiosk_config_get_time_zone (self->config);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  double zoom = shumate_viewport_get_zoom_level (self->viewport);

  /* A point whose chip is off is switched back on: it was asked for. */
  if (!kiosk_map_view_point_shown (self, point))
    {
      g_hash_table_remove (self->hidden, kiosk_map_view_point_filter_key (point));
      kiosk_map_view_rebuild_chips (self);
      kiosk_map_view_refilter (self);
    }

  g_free (self->card_id);
  self->card_id = g_strdup (kiosk_map_point_get_id (point));
  kiosk_map_card_show_point (self->card, point, now);
  gtk_widget_set_visible (GTK_WIDGET (self->card), TRUE);

  go_beside_card (self, kiosk_map_point_get_latitude (point),
                  kiosk_map_point_get_longitude (point), MAX (zoom, 15));
  if (self->selected != NULL)
    kiosk_map_marker_set_selected (self->selected, FALSE);
  self->selected = NULL;
  /* The point of the open card is shown on its own, not in a group. */
  g_clear_pointer (&self->clusters, g_ptr_array_unref);
  kiosk_map_view_queue_update_markers (self);
}
