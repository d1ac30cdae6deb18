/* kiosk-sensors-view.c: the environment area: a tile per reading, or per station */

#define G_LOG_DOMAIN "kiosk-sensors-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kiosk-empty-view.h"
#include "kiosk-navigation.h"
#include "kiosk-reading.h"
#include "kiosk-resettable.h"
#include "kiosk-sensor-page.h"
#include "kiosk-sensor-tile.h"
#include "kiosk-sensors-view.h"

struct _KioskSensorsView
{
  GtkWidget            parent_instance;

  /* template widgets */
  GtkStack            *stack;
  GtkScrolledWindow   *scroller;
  GtkLabel            *summary_label;
  GtkBox              *groups;
  AdwStatusPage       *waiting;

  /* owned */
  KioskServices       *services;
  GListModel          *items;
  GPtrArray           *tiles;         /* KioskSensorTile, borrowed from the widget tree */
  GTimeZone           *tz;
  GtkWidget           *open_page;     /* weak: the reading's page it pushed last */
  guint                rebuild_id;
  guint                tick_id;
  guint                columns_id;
  guint                columns;
  int                  content_width;
  gboolean             by_station;
};

static void resettable_iface_init (KioskResettableInterface *iface);
static void navigation_iface_init (KioskNavigationInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KioskSensorsView, kiosk_sensors_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (KIOSK_TYPE_RESETTABLE, resettable_iface_init)
                               G_IMPLEMENT_INTERFACE (KIOSK_TYPE_NAVIGATION, navigation_iface_init))

static GDateTime *
dup_now (KioskSensorsView *self)
{
  return g_date_time_new_now (self->tz);
}

static int
kind_rank (KioskReading *reading)
{
  const char * const *ids = kiosk_reading_kind_list_ids ();
  KioskReadingKind *kind = kiosk_reading_get_kind (reading);

  for (int i = 0; kind != NULL && ids[i] != NULL; i++)
    {
      if (g_str_equal (ids[i], kiosk_reading_kind_get_id (kind)))
        return i;
    }

  return G_MAXINT;
}

static int
compare_by_kind (gconstpointer a,
                 gconstpointer b)
{
  KioskReading *ra = *(KioskReading **) a, *rb = *(KioskReading **) b;
  int ka = kind_rank (ra), kb = kind_rank (rb);

  if (ka != kb)
    return ka < kb ? -1 : 1;
  if (ka == G_MAXINT)
    {
      int c = g_utf8_collate (kiosk_reading_get_display_name (ra), kiosk_reading_get_display_name (rb));
      if (c != 0)
        return c;
    }

  return g_utf8_collate (kiosk_reading_get_station (ra), kiosk_reading_get_station (rb));
}

static int
compare_by_station (gconstpointer a,
                    gconstpointer b)
{
  KioskReading *ra = *(KioskReading **) a, *rb = *(KioskReading **) b;
  int c = g_utf8_collate (kiosk_reading_get_station (ra), kiosk_reading_get_station (rb));

  if (c != 0)
    return c;
  c = g_strcmp0 (kiosk_reading_get_station_id (ra), kiosk_reading_get_station_id (rb));
  if (c != 0)
    return c;

  return compare_by_kind (a, b);
}

static void
push_reading_page (KioskSensorsView *self,
                   KioskReading     *reading)
{
  g_autoptr(GDateTime) now = dup_now (self);
  GtkWidget *page = kiosk_sensor_page_new (reading, now);

  if (kiosk_navigation_push_page (KIOSK_NAVIGATION (self), page,
                                  kiosk_reading_get_display_name (reading)))
    g_set_weak_pointer (&self->open_page, page);
}

static void
tile_clicked_cb (KioskSensorsView *self,
                 KioskSensorTile  *tile)
{
  push_reading_page (self, kiosk_sensor_tile_get_reading (tile));
}

/* KioskNavigation: the scroll position and the reading whose page is open. */
static GVariant *
save_place (KioskNavigation *navigation)
{
  KioskSensorsView *self = KIOSK_SENSORS_VIEW (navigation);
  const char *id = "";

  if (self->open_page != NULL && gtk_widget_get_parent (self->open_page) != NULL)
    id = kiosk_reading_get_id (kiosk_sensor_page_get_reading (KIOSK_SENSOR_PAGE (self->open_page)));

  return g_variant_new ("(sd)", id,
                        gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller)));
}

static void
restore_place (KioskNavigation *navigation,
               GVariant        *place)
{
  KioskSensorsView *self = KIOSK_SENSORS_VIEW (navigation);
  const char *id;
  double scroll;

  if (!g_variant_is_of_type (place, G_VARIANT_TYPE ("(sd)")))
    return;
  g_variant_get (place, "(&sd)", &id, &scroll);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), scroll);

  for (guint i = 0; *id != '\0' && i < g_list_model_get_n_items (self->items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->items, i);

      if (KIOSK_IS_READING (item) && g_strcmp0 (kiosk_reading_get_id (KIOSK_READING (item)), id) == 0)
        {
          push_reading_page (self, KIOSK_READING (item));
          return;
        }
    }
}

static void
navigation_iface_init (KioskNavigationInterface *iface)
{
  iface->save_place = save_place;
  iface->restore_place = restore_place;
}

/* The same columns in every group, so that tiles line up from station to
 * station: two on a portrait stele, four on a landscape wall. */
#define TILE_SLOT 440

#define TILE_SPACING 24

/* As many slots as fit, but never narrower than the widest tile needs. */
static guint
columns_for_width (KioskSensorsView *self,
                   int               width)
{
  int widest = 0;
  guint columns;

  for (guint i = 0; i < self->tiles->len; i++)
    {
      int minimum = 0;

      gtk_widget_measure (g_ptr_array_index (self->tiles, i), GTK_ORIENTATION_HORIZONTAL, -1,
                          &minimum, NULL, NULL, NULL);
      widest = MAX (widest, minimum);
    }

  columns = CLAMP (width / TILE_SLOT, 2, 6);
  while (columns > 1 && (int) columns * (widest + TILE_SPACING) - TILE_SPACING > width)
    columns--;

  return columns;
}

static void
apply_columns (KioskSensorsView *self)
{
  self->columns = columns_for_width (self, self->content_width);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->groups));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_FLOW_BOX (child))
        {
          gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (child), self->columns);
        }
    }
}

static gboolean
apply_columns_cb (gpointer data)
{
  KioskSensorsView *self = data;

  self->columns_id = 0;
  apply_columns (self);

  return G_SOURCE_REMOVE;
}

static GtkWidget *
new_flow_box (KioskSensorsView *self)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  /* At least one a line, whatever the width: the view never asks for more
   * than one tile's width and reflows instead of scrolling sideways. */
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), self->columns);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), TILE_SPACING);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), TILE_SPACING);
  gtk_widget_add_css_class (flow, "sensor-grid");

  return flow;
}

static void
add_tile (KioskSensorsView *self,
          GtkWidget        *flow,
          KioskReading     *reading,
          GDateTime        *now)
{
  GtkWidget *tile = kiosk_sensor_tile_new (reading, !self->by_station);
  GtkWidget *child;

  kiosk_sensor_tile_set_now (KIOSK_SENSOR_TILE (tile), now);
  g_signal_connect_swapped (tile, "clicked", G_CALLBACK (tile_clicked_cb), self);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), tile);
  /* The tile is the target, not the flow box child around it. */
  child = gtk_widget_get_parent (tile);
  gtk_widget_set_focusable (child, FALSE);
  g_ptr_array_add (self->tiles, tile);
}

static char *
waiting_description (KioskSensorsView *self)
{
  if (kiosk_services_get_area_failed (self->services, KIOSK_AREA_SENSORS))
    return g_strdup (_("The sensor data could not be fetched. Staff can find "
                       "the reason on the status page."));

  return g_strdup (_("The sensor data is being fetched. This can take a moment."));
}

static void
rebuild (KioskSensorsView *self)
{
  g_autoptr(GPtrArray) readings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = dup_now (self);
  g_autoptr(GHashTable) stations = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *readings_text = NULL;
  g_autofree char *stations_text = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *child;
  GtkWidget *flow = NULL;
  const char *last_group = NULL;
  guint n_stale = 0;

  /* A source added or changed while the kiosk runs may ask for stations. */
  self->by_station = kiosk_services_area_has_option (self->services, KIOSK_AREA_SENSORS,
                                                     "display", "station");

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups))) != NULL)
    gtk_box_remove (self->groups, child);
  g_ptr_array_set_size (self->tiles, 0);

  for (guint i = 0; i < g_list_model_get_n_items (self->items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->items, i);

      if (KIOSK_IS_READING (item))
        g_ptr_array_add (readings, g_steal_pointer (&item));
    }

  if (readings->len == 0)
    {
      g_autofree char *description = waiting_description (self);

      adw_status_page_set_description (self->waiting, description);
      gtk_stack_set_visible_child_name (self->stack, "waiting");
      return;
    }

  g_ptr_array_sort (readings, self->by_station ? compare_by_station : compare_by_kind);

  for (guint i = 0; i < readings->len; i++)
    {
      KioskReading *reading = g_ptr_array_index (readings, i);
      const char *station_id = kiosk_reading_get_station_id (reading);
      const char *group;

      g_hash_table_add (stations, (gpointer) station_id);

      /* Tiles come in groups under a heading: a station's readings, or
       * all readings of one kind ("Luftqualität") side by side. */
      group = self->by_station ? station_id : kiosk_reading_get_display_name (reading);
      if (g_strcmp0 (last_group, group) != 0)
        {
          GtkWidget *heading = gtk_label_new (self->by_station ? kiosk_reading_get_station (reading)
                                                               : group);

          gtk_label_set_xalign (GTK_LABEL (heading), 0);
          gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
          gtk_widget_add_css_class (heading, "sensor-station-heading");
          gtk_widget_add_css_class (heading, "sensor-group-heading");
          gtk_accessible_update_property (GTK_ACCESSIBLE (heading),
                                          GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
          gtk_box_append (self->groups, heading);
          flow = NULL;
          last_group = group;
        }
      if (flow == NULL)
        {
          flow = new_flow_box (self);
          gtk_box_append (self->groups, flow);
        }
      add_tile (self, flow, reading, now);
      if (kiosk_sensor_tile_get_stale (g_ptr_array_index (self->tiles, self->tiles->len - 1)))
        n_stale++;
    }

  readings_text = g_strdup_printf (ngettext ("%u reading", "%u readings", readings->len), readings->len);
  stations_text = g_strdup_printf (ngettext ("%u station", "%u stations", g_hash_table_size (stations)),
                                   g_hash_table_size (stations));
  /* Translators: "14 readings from 6 stations" */
  summary = g_strdup_printf (_("%s from %s"), readings_text, stations_text);
  if (n_stale > 0)
    {
      g_autofree char *stale = g_strdup_printf (ngettext ("%u out of date", "%u out of date", n_stale), n_stale);
      g_autofree char *longer = g_strdup_printf ("%s · %s", summary, stale);

      g_free (summary);
      summary = g_steal_pointer (&longer);
    }
  gtk_label_set_label (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, "tiles");

  /* New tiles may need more room than the last ones. */
  if (self->content_width > 0 && self->columns_id == 0)
    self->columns_id = g_idle_add (apply_columns_cb, self);
}

static gboolean
rebuild_cb (gpointer data)
{
  KioskSensorsView *self = data;

  self->rebuild_id = 0;
  rebuild (self);

  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (KioskSensorsView *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_cb, self);
}

static gboolean
tick_cb (gpointer data)
{
  KioskSensorsView *self = data;
  g_autoptr(GDateTime) now = dup_now (self);

  for (guint i = 0; i < self->tiles->len; i++)
    kiosk_sensor_tile_set_now (g_ptr_array_index (self->tiles, i), now);

  return G_SOURCE_CONTINUE;
}

static void
kiosk_sensors_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  KioskSensorsView *self = KIOSK_SENSORS_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* Allocated by hand (no layout manager) to follow the width. */
static void
kiosk_sensors_view_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  KioskSensorsView *self = KIOSK_SENSORS_VIEW (widget);
  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);

  /* Changing the flow boxes now would relayout inside this layout pass. */
  if (width - 96 != self->content_width && self->columns_id == 0)
    {
      self->content_width = width - 96;
      self->columns_id = g_idle_add (apply_columns_cb, self);
    }
}

static void
reset (KioskResettable *resettable)
{
  KioskSensorsView *self = KIOSK_SENSORS_VIEW (resettable);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static void
resettable_iface_init (KioskResettableInterface *iface)
{
  iface->reset = reset;
}

static void
kiosk_sensors_view_dispose (GObject *object)
{
  KioskSensorsView *self = (KioskSensorsView *)object;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->columns_id, g_source_remove);
  if (self->items != NULL)
    g_signal_handlers_disconnect_by_data (self->items, self);
  g_clear_pointer (&self->tiles, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_SENSORS_VIEW);

  g_clear_object (&self->items);
  g_clear_weak_pointer (&self->open_page);
  g_clear_object (&self->services);

  G_OBJECT_CLASS (kiosk_sensors_view_parent_class)->dispose (object);
}

static void
kiosk_sensors_view_finalize (GObject *object)
{
  KioskSensorsView *self = (KioskSensorsView *)object;

  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (kiosk_sensors_view_parent_class)->finalize (object);
}

static void
kiosk_sensors_view_class_init (KioskSensorsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_sensors_view_dispose;
  object_class->finalize = kiosk_sensors_view_finalize;
  widget_class->measure = kiosk_sensors_view_measure;
  widget_class->size_allocate = kiosk_sensors_view_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kiosk-sensors-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskSensorsView, stack);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorsView, scroller);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorsView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorsView, groups);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorsView, waiting);

  gtk_widget_class_set_css_name (widget_class, "sensors");
}

static void
kiosk_sensors_view_init (KioskSensorsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->tiles = g_ptr_array_new ();
  self->columns = 2;
}

GtkWidget *
kiosk_sensors_view_new (KioskConfig   *config,
                        KioskServices *services)
{
  KioskSensorsView *self;

  g_return_val_if_fail (KIOSK_IS_SERVICES (services), NULL);

  if (!kiosk_services_has_area (services, KIOSK_AREA_SENSORS))
    return kiosk_empty_view_new ("kiosk-sensors-symbolic",
                                 _("No sensors set up yet"),
                                 _("Staff can add a SensorThings or NGSI-v2 source in the settings. "
                                   "Then air quality, temperature, noise, parking and water levels "
                                   "appear here."));

  self = g_object_new (KIOSK_TYPE_SENSORS_VIEW, NULL);
  self->services = g_object_ref (services);
  self->tz = config != NULL ? kiosk_config_get_time_zone (config) : NULL;
  if (self->tz == NULL)
    self->tz = g_time_zone_new_local ();
  self->items = g_object_ref (kiosk_services_get_items (services, KIOSK_AREA_SENSORS));
  g_signal_connect_swapped (self->items, "items-changed", G_CALLBACK (queue_rebuild), self);
  /* The store records the readings and gives those without a history of
   * their own (NGSI) a sparkline from what the kiosk saw: nothing to do here. */
  rebuild (self);
  self->tick_id = g_timeout_add_seconds (30, tick_cb, self);

  return GTK_WIDGET (self);
}

GPtrArray *
kiosk_sensors_view_get_tiles (KioskSensorsView *self)
{
  g_return_val_if_fail (KIOSK_IS_SENSORS_VIEW (self), NULL);

  return self->tiles;
}
