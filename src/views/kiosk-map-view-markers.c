/* kiosk-map-view-markers.c: the map's markers, grouped by zoom, and the chips that filter them */

#define G_LOG_DOMAIN "kiosk-map-view"

#include "config.h"

#include <math.h>

#include "kiosk-map-view-private.h"

/* Markers closer than this (px) are shown as one group. */
#define CLUSTER_CELL_PX 88
/* Room left between "you are here" and a marker moved clear of it (px). */
#define HERE_GAP 8

/* What a chip's "toggled" handler is given: the view and the category. */
typedef struct
{
  KioskMapView *self;
  char         *key;
} Chip;

static char *
cluster_key (KioskMapCluster *cluster)
{
  KioskMapPoint *first = g_ptr_array_index (cluster->points, 0);

  return g_strdup_printf ("%d:%s:%u:%.6f:%.6f", kiosk_map_point_get_kind (first),
                          kiosk_map_point_get_id (first), cluster->points->len,
                          cluster->latitude, cluster->longitude);
}

static void
chip_free (gpointer  data,
           GClosure *closure)
{
  Chip *chip = data;

  g_free (chip->key);
  g_free (chip);
}

static int
compare_categories (gconstpointer a,
                    gconstpointer b)
{
  const char *fa = *(const char **) a, *fb = *(const char **) b;

  /* "Other places" last, the rest by name. */
  if (g_str_equal (fa, "kiosk-map-place-symbolic") != g_str_equal (fb, "kiosk-map-place-symbolic"))
    return g_str_equal (fa, "kiosk-map-place-symbolic") ? 1 : -1;

  return g_utf8_collate (kiosk_map_family_label (fa), kiosk_map_family_label (fb));
}

static void
marker_activated_cb (KioskMapMarker *marker,
                     KioskMapView   *self)
{
  GPtrArray *points = kiosk_map_marker_get_points (marker);
  double zoom = shumate_viewport_get_zoom_level (self->viewport);
  guint max_zoom = shumate_viewport_get_max_zoom_level (self->viewport);

  if (points->len == 1)
    {
      kiosk_map_view_open_point (self, g_ptr_array_index (points, 0));
      return;
    }

  /* A group: come closer, or list it when closer is not possible. */
  if (zoom + 1 < max_zoom)
    {
      double latitude = shumate_location_get_latitude (SHUMATE_LOCATION (marker));
      double longitude = shumate_location_get_longitude (SHUMATE_LOCATION (marker));

      kiosk_map_view_close_card (self);
      shumate_map_go_to_full_with_duration (self->map, latitude, longitude,
                                            MIN (floor (zoom) + 2, max_zoom), GO_TO_MS);
      return;
    }

  /* The card lists this group: this marker is the one marked. */
  kiosk_map_view_close_card (self);
  kiosk_map_card_show_points (self->card, points);
  gtk_widget_set_visible (GTK_WIDGET (self->card), TRUE);
  self->selected = marker;
  kiosk_map_marker_set_selected (marker, TRUE);
}

typedef struct
{
  KioskMapMarker *marker;
  double          x;
  double          half;
} Moved;

static int
compare_moved (gconstpointer a,
               gconstpointer b)
{
  const Moved *ma = a, *mb = b;

  return ma->x < mb->x ? -1 : ma->x > mb->x;
}

/* Where "you are here" stands on the map widget, and how far it reaches. */
static gboolean
here_extent (KioskMapView *self,
             double       *x,
             double       *y,
             double       *half,
             double       *above,
             double       *below)
{
  GList *here = shumate_marker_layer_get_markers (self->here_layer);

  if (here == NULL)
    return FALSE;
  kiosk_map_marker_get_extent (here->data, half, above, below);
  shumate_viewport_location_to_widget_coords (self->viewport, GTK_WIDGET (self->map),
                                              shumate_location_get_latitude (here->data),
                                              shumate_location_get_longitude (here->data),
                                              x, y);
  g_list_free (here);

  return TRUE;
}

/* The "you are here" label sits above its dot: a marker under them
 * (often the kiosk's own building, or the group around it) moves just
 * below, so both stay visible and touchable. Moved markers keep their
 * left-to-right order, in rows that do not overlap. Returns FALSE when
 * @marker is not in the way; @moved gets it otherwise. */
static gboolean
in_way_of_here (KioskMapView   *self,
                KioskMapMarker *marker,
                double          latitude,
                double          longitude,
                GArray         *moved)
{
  double here_x, here_y, x, y;
  double here_half, here_above, here_below, half, above, below;

  if (!here_extent (self, &here_x, &here_y, &here_half, &here_above, &here_below))
    return FALSE;

  kiosk_map_marker_get_extent (marker, &half, &above, &below);
  shumate_viewport_location_to_widget_coords (self->viewport, GTK_WIDGET (self->map),
                                              latitude, longitude, &x, &y);
  if (fabs (x - here_x) < here_half + half + HERE_GAP &&
      y - above < here_y + here_below + HERE_GAP &&
      y + below > here_y - here_above - HERE_GAP)
    {
      Moved entry = { marker, x, half };

      g_array_append_val (moved, entry);
      return TRUE;
    }

  return FALSE;
}

static void
set_location (KioskMapMarker *marker,
              double          latitude,
              double          longitude)
{
  if (shumate_location_get_latitude (SHUMATE_LOCATION (marker)) != latitude ||
      shumate_location_get_longitude (SHUMATE_LOCATION (marker)) != longitude)
    shumate_location_set_location (SHUMATE_LOCATION (marker), latitude, longitude);
}

/* Where a marker draws, in map widget coordinates. */
static graphene_rect_t
marker_rect (KioskMapMarker *marker,
             double          x,
             double          y)
{
  double half, above, below;
  graphene_rect_t rect;

  kiosk_map_marker_get_extent (marker, &half, &above, &below);
  graphene_rect_init (&rect, x - half, y - above, 2 * half, above + below);

  return rect;
}

static gboolean
overlaps_any (const graphene_rect_t *rect,
              GArray                *taken)
{
  graphene_rect_t padded;

  graphene_rect_inset_r (rect, -HERE_GAP / 2.0, -HERE_GAP / 2.0, &padded);
  for (guint i = 0; i < taken->len; i++)
    {
      if (graphene_rect_intersection (&padded, &g_array_index (taken, graphene_rect_t, i), NULL))
        return TRUE;
    }

  return FALSE;
}

/* @taken: where the markers that stay put draw; the moved ones go below
 * "you are here", left to right, each in the first row where it hides
 * nothing. */
static void
place_below_here (KioskMapView *self,
                  GArray       *moved,
                  GArray       *taken)
{
  double here_x, here_y, here_half, here_above, here_below;

  if (moved->len == 0 ||
      !here_extent (self, &here_x, &here_y, &here_half, &here_above, &here_below))
    return;

  g_array_sort (moved, compare_moved);
  for (guint i = 0; i < moved->len; i++)
    {
      Moved *m = &g_array_index (moved, Moved, i);
      double half, above, below, latitude, longitude, y = 0;
      graphene_rect_t rect;

      kiosk_map_marker_get_extent (m->marker, &half, &above, &below);
      for (guint row = 0; row < 8; row++)
        {
          y = here_y + here_below + HERE_GAP + above + row * (above + below + HERE_GAP);
          rect = marker_rect (m->marker, m->x, y);
          if (!overlaps_any (&rect, taken))
            break;
        }
      g_array_append_val (taken, rect);
      shumate_viewport_widget_coords_to_location (self->viewport, GTK_WIDGET (self->map), m->x, y,
                                                  &latitude, &longitude);
      set_location (m->marker, latitude, longitude);
    }
}

static gboolean
markers_timeout_cb (gpointer user_data)
{
  KioskMapView *self = user_data;

  self->markers_timeout = 0;
  kiosk_map_view_update_markers (self);

  return G_SOURCE_REMOVE;
}

static void
chip_toggled_cb (GtkToggleButton *button,
                 Chip            *chip)
{
  KioskMapView *self = chip->self;
  const char *key = chip->key;

  if (gtk_toggle_button_get_active (button))
    g_hash_table_remove (self->hidden, key);
  else
    g_hash_table_add (self->hidden, g_strdup (key));
  kiosk_map_view_refilter (self);
}

static GtkWidget *
chip_new (KioskMapView *self,
          const char   *key,
          const char   *label,
          const char   *icon_name)
{
  GtkWidget *chip = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  Chip *data;

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_box_append (GTK_BOX (box), gtk_label_new (label));
  gtk_button_set_child (GTK_BUTTON (chip), box);
  gtk_widget_add_css_class (chip, "map-chip");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (chip), !g_hash_table_contains (self->hidden, key));
  gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  data = g_new0 (Chip, 1);
  data->self = self;
  data->key = g_strdup (key);
  g_signal_connect_data (chip, "toggled", G_CALLBACK (chip_toggled_cb), data, chip_free, 0);

  return chip;
}

/* Chips filter by family (the icon: "transport" holds stops, the station,
 * bicycles...), so a town's twenty categories make a dozen chips. */
const char *
kiosk_map_view_point_filter_key (KioskMapPoint *point)
{
  return kiosk_map_point_get_icon_name (point);
}

gboolean
kiosk_map_view_point_shown (KioskMapView  *self,
                            KioskMapPoint *point)
{
  return !g_hash_table_contains (self->hidden, kiosk_map_view_point_filter_key (point));
}

void
kiosk_map_view_update_markers (KioskMapView *self)
{
  g_autoptr(GHashTable) keep = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) moved = g_array_new (FALSE, FALSE, sizeof (Moved));
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  int width = gtk_widget_get_width (GTK_WIDGET (self->map));
  int height = gtk_widget_get_height (GTK_WIDGET (self->map));
  int zoom = (int) floor (shumate_viewport_get_zoom_level (self->viewport) + 0.25);
  double north, west, south, east;
  GHashTableIter iter;
  gpointer key, value;

  g_clear_handle_id (&self->markers_timeout, g_source_remove);

  if (shumate_viewport_get_reference_map_source (self->viewport) == NULL)
    return;

  if (self->clusters == NULL || zoom != self->cluster_zoom)
    {
      g_autoptr(GPtrArray) shown = g_ptr_array_new ();
      KioskMapPoint *card_point = NULL;

      for (guint i = 0; i < self->points->len; i++)
        {
          KioskMapPoint *point = g_ptr_array_index (self->points, i);

          if (card_point == NULL && self->card_id != NULL &&
              g_str_equal (kiosk_map_point_get_id (point), self->card_id))
            card_point = point;
          else if (kiosk_map_view_point_shown (self, point))
            g_ptr_array_add (shown, point);
        }
      g_clear_pointer (&self->clusters, g_ptr_array_unref);
      self->clusters = kiosk_map_cluster (shown, zoom, CLUSTER_CELL_PX);
      self->cluster_zoom = zoom;
      if (card_point != NULL)
        {
          KioskMapCluster *alone = g_new0 (KioskMapCluster, 1);

          alone->points = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (alone->points, g_object_ref (card_point));
          alone->latitude = kiosk_map_point_get_latitude (card_point);
          alone->longitude = kiosk_map_point_get_longitude (card_point);
          g_ptr_array_add (self->clusters, alone);
        }
    }

  /* Markers live only around what is on screen: 5,000 widgets would not pan. */
  if (width <= 0 || height <= 0)
    {
      width = 1920;
      height = 1080;
    }
  shumate_viewport_widget_coords_to_location (self->viewport, GTK_WIDGET (self->map),
                                              -width / 4.0, -height / 4.0, &north, &west);
  shumate_viewport_widget_coords_to_location (self->viewport, GTK_WIDGET (self->map),
                                              width * 1.25, height * 1.25, &south, &east);

  for (guint i = 0; i < self->clusters->len; i++)
    {
      KioskMapCluster *cluster = g_ptr_array_index (self->clusters, i);
      g_autofree char *ckey = NULL;
      KioskMapMarker *marker;

      if (cluster->latitude > north || cluster->latitude < south ||
          cluster->longitude < west || cluster->longitude > east)
        continue;

      ckey = cluster_key (cluster);
      marker = g_hash_table_lookup (self->markers, ckey);
      if (marker == NULL)
        {
          marker = kiosk_map_marker_new (cluster->points, cluster->latitude, cluster->longitude);
          g_signal_connect (marker, "activated", G_CALLBACK (marker_activated_cb), self);
          shumate_marker_layer_add_marker (self->marker_layer, SHUMATE_MARKER (marker));
          g_hash_table_insert (self->markers, g_strdup (ckey), marker);
        }
      if (!in_way_of_here (self, marker, cluster->latitude, cluster->longitude, moved))
        {
          double x, y;
          graphene_rect_t rect;

          set_location (marker, cluster->latitude, cluster->longitude);
          shumate_viewport_location_to_widget_coords (self->viewport, GTK_WIDGET (self->map),
                                                      cluster->latitude, cluster->longitude, &x, &y);
          rect = marker_rect (marker, x, y);
          g_array_append_val (taken, rect);
        }
      if (cluster->points->len == 1 && self->card_id != NULL &&
          g_strcmp0 (kiosk_map_point_get_id (g_ptr_array_index (cluster->points, 0)), self->card_id) == 0)
        {
          if (self->selected != NULL && self->selected != marker)
            kiosk_map_marker_set_selected (self->selected, FALSE);
          self->selected = marker;
          kiosk_map_marker_set_selected (marker, TRUE);
        }
      g_hash_table_add (keep, g_steal_pointer (&ckey));
    }
  place_below_here (self, moved, taken);

  g_hash_table_iter_init (&iter, self->markers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_hash_table_contains (keep, key))
        continue;
      if (value == (gpointer) self->selected)
        self->selected = NULL;
      g_signal_handlers_disconnect_by_data (value, self);
      shumate_marker_layer_remove_marker (self->marker_layer, value);
      g_hash_table_iter_remove (&iter);
    }

}

void
kiosk_map_view_queue_update_markers (KioskMapView *self)
{
  if (self->markers_timeout == 0)
    self->markers_timeout = g_timeout_add (60, markers_timeout_cb, self);
}

void
kiosk_map_view_refilter (KioskMapView *self)
{
  g_clear_pointer (&self->clusters, g_ptr_array_unref);
  g_hash_table_remove_all (self->markers);
  self->selected = NULL;
  shumate_marker_layer_remove_all (self->marker_layer);
  kiosk_map_view_update_markers (self);
}

void
kiosk_map_view_rebuild_chips (KioskMapView *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) categories = g_ptr_array_new ();
  gboolean events = FALSE, stations = FALSE;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips))) != NULL)
    gtk_box_remove (self->chips, child);

  for (guint i = 0; i < self->points->len; i++)
    {
      KioskMapPoint *point = g_ptr_array_index (self->points, i);
      const char *family = kiosk_map_view_point_filter_key (point);

      switch (kiosk_map_point_get_kind (point))
        {
        case KIOSK_MAP_POINT_EVENT:
          events = TRUE;
          break;
        case KIOSK_MAP_POINT_STATION:
          stations = TRUE;
          break;
        case KIOSK_MAP_POINT_PLACE:
        default:
          if (!g_hash_table_contains (seen, family))
            {
              g_hash_table_add (seen, (gpointer) family);
              g_ptr_array_add (categories, (gpointer) family);
            }
          break;
        }
    }

  g_ptr_array_sort (categories, compare_categories);
  for (guint i = 0; i < categories->len; i++)
    {
      const char *family = g_ptr_array_index (categories, i);

      gtk_box_append (self->chips,
                           chip_new (self, family, kiosk_map_family_label (family), family));
    }
  if (events)
    gtk_box_append (self->chips, chip_new (self, "kiosk-events-symbolic",
                                                kiosk_map_category_label (KIOSK_MAP_CATEGORY_EVENT),
                                                "kiosk-events-symbolic"));
  if (stations)
    gtk_box_append (self->chips, chip_new (self, "kiosk-sensors-symbolic",
                                                kiosk_map_category_label (KIOSK_MAP_CATEGORY_STATION),
                                                "kiosk-sensors-symbolic"));

  /* One kind alone needs no filter. */
  gtk_widget_set_visible (self->chips_scroller, categories->len + events + stations > 1);
}
