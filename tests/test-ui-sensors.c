/* test-ui-sensors.c: the environment view on the demo services, fetched over a
 * loopback SoupServer: tiles, bands in words, stale readings, the detail page
 * opened by a tap, "show on map", both languages, screenshots */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kiosk-application.h"
#include "kiosk-demo-sensors.h"
#include "kiosk-empty-view.h"
#include "kiosk-fetcher.h"
#include "kiosk-i18n.h"
#include "kiosk-map-card.h"
#include "kiosk-map-point.h"
#include "kiosk-sensor-page.h"
#include "kiosk-sensor-tile.h"
#include "kiosk-sensors-view.h"
#include "kiosk-sparkline.h"
#include "kiosk-test-ui.h"
#include "kiosk-window.h"
#include "sensors-test-util.h"

static KioskApplication *app;
static KioskWindow *window;
static SoupServer *server;
static char *base_url;

static void
shoot (const char *screen)
{
  g_autofree char *name = g_strdup_printf ("sensors-%s-%s-%s",
                                           kiosk_test_ui_orientation (GTK_WIDGET (window)),
                                           kiosk_i18n_get_language (), screen);
  g_autofree char *path = NULL;

  kiosk_test_ui_settle (GTK_WIDGET (window));
  path = kiosk_test_ui_screenshot (GTK_WIDGET (window), name);
}

static void
install_sources (gboolean by_station)
{
  KioskSourceList *list = kiosk_application_get_sources (app);
  const char *ngsi_headers[] = { "Fiware-Service", KIOSK_DEMO_FIWARE_SERVICE,
                                 "Fiware-ServicePath", KIOSK_DEMO_FIWARE_PATH, NULL };
  g_autofree char *st_url = g_strconcat (base_url, KIOSK_DEMO_SENSORTHINGS_PATH, NULL);
  g_autofree char *ngsi_url = g_strconcat (base_url, KIOSK_DEMO_NGSI_PATH, NULL);
  g_autoptr(KioskSourceConfig) st = kiosk_source_config_new ("demo-sensorthings", "sensorthings", st_url);
  g_autoptr(KioskSourceConfig) ngsi = kiosk_source_config_new ("demo-ngsi", "ngsi-v2", ngsi_url);
  g_autoptr(KioskSource) st_source = NULL;
  g_autoptr(KioskSource) ngsi_source = NULL;
  g_autoptr(GPtrArray) st_items = NULL;
  g_autoptr(GPtrArray) ngsi_items = NULL;

  if (by_station)
    g_hash_table_insert (st->options, g_strdup ("display"), g_strdup ("station"));

  kiosk_source_list_remove_all (list);
  st_source = kiosk_source_new (st);
  ngsi_source = kiosk_source_new (ngsi);
  kiosk_source_list_add (list, st_source);
  kiosk_source_list_add (list, ngsi_source);

  st_items = sensors_test_fetch_all ("sensorthings", st_url, NULL, NULL);
  ngsi_items = sensors_test_fetch_all ("ngsi-v2", ngsi_url, ngsi_headers, NULL);
  /* 5 Things with 13 Datastreams; 5 entities with 8 readings. */
  g_assert_cmpuint (st_items->len, ==, 13);
  g_assert_cmpuint (ngsi_items->len, ==, 8);
  kiosk_source_set_items (st_source, st_items);
  kiosk_source_set_items (ngsi_source, ngsi_items);
}

static KioskSensorsView *
show_sensors (void)
{
  GtkWidget *view;

  /* Views are built when the language is set; a switch rebuilds them. */
  kiosk_window_set_language (window, g_str_equal (kiosk_i18n_get_language (), "de") ? "en" : "de");
  kiosk_window_set_language (window, g_str_equal (kiosk_i18n_get_language (), "de") ? "en" : "de");
  kiosk_window_show_area (window, "sensors");
  kiosk_test_ui_wait_for_page (window, "sensors");
  view = kiosk_window_get_area_view (window, "sensors");
  g_assert_true (KIOSK_IS_SENSORS_VIEW (view));

  return KIOSK_SENSORS_VIEW (view);
}

/* Scrolls the nearest scrolled window so that @widget is on screen. */
static void
scroll_into_view (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  GtkAdjustment *adjustment;
  graphene_point_t point;

  g_assert_nonnull (scroller);
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_true (gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, point.y - 40);
  kiosk_test_ui_settle (widget);
}

static void
test_empty_state (void)
{
  g_autoptr(KioskSourceList) list = kiosk_source_list_new ();
  g_autoptr(KioskFetcher) fetcher = kiosk_fetcher_new ();
  g_autoptr(KioskServices) services = kiosk_services_new (fetcher, list, NULL);
  g_autoptr(KioskConfig) config = kiosk_config_new_default ();
  GtkWidget *view = kiosk_sensors_view_new (config, services);

  g_assert_true (KIOSK_IS_EMPTY_VIEW (view));
  g_object_ref_sink (view);
  g_object_unref (view);

  /* A station without a position: the map button says why it is off. */
  {
    g_autoptr(KioskReading) reading = kiosk_reading_new ("x", "Irgendwo", "x/no2", "no2");
    g_autoptr(KioskReadingKind) no2 = kiosk_reading_kind_lookup ("no2");
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    GtkWidget *page;

    kiosk_reading_set_kind (reading, no2);
    kiosk_reading_set_value (reading, 50, now);
    page = g_object_ref_sink (kiosk_sensor_page_new (reading, now));
    g_assert_false (gtk_widget_get_sensitive (kiosk_sensor_page_get_map_button (KIOSK_SENSOR_PAGE (page))));
    g_object_unref (page);
  }
}

static KioskSensorTile *
find_tile (GPtrArray  *tiles,
           const char *reading_id)
{
  for (guint i = 0; i < tiles->len; i++)
    {
      KioskSensorTile *tile = g_ptr_array_index (tiles, i);

      if (g_str_equal (kiosk_reading_get_id (kiosk_sensor_tile_get_reading (tile)), reading_id))
        return tile;
    }

  g_error ("no tile for %s", reading_id);
  return NULL;
}

static void
test_tiles (void)
{
  KioskSensorsView *view;
  GPtrArray *tiles;
  KioskSensorTile *tile;
  guint n_stale = 0;

  kiosk_i18n_set_language ("de");
  install_sources (FALSE);
  view = show_sensors ();
  tiles = kiosk_sensors_view_get_tiles (view);
  g_assert_cmpuint (tiles->len, ==, 21);

  for (guint i = 0; i < tiles->len; i++)
    {
      KioskSensorTile *t = g_ptr_array_index (tiles, i);
      KioskReading *r = kiosk_sensor_tile_get_reading (t);

      /* A value, and a band in words wherever there is a colour. */
      g_assert_false (isnan (kiosk_reading_get_value (r)));
      if (kiosk_reading_get_band (r) >= 0)
        {
          const char *word = NULL;

          g_assert_true (kiosk_reading_get_band_info (r, &word, NULL));
          g_assert_nonnull (strstr (kiosk_sensor_tile_get_summary (t), word));
        }
      if (kiosk_sensor_tile_get_stale (t))
        {
          n_stale++;
          g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (t), "stale"));
          g_assert_nonnull (strstr (kiosk_sensor_tile_get_summary (t), "Veraltet: Keine neue Messung seit"));
        }
    }
  /* The school's station has been silent for five hours. */
  g_assert_cmpuint (n_stale, ==, 2);

  /* 21 tiles are not one flat wall: each kind under its heading, the
   * first heading before the first tile. */
  {
    /* tile, its flow box child, the flow box, the groups */
    GtkWidget *flow = gtk_widget_get_ancestor (GTK_WIDGET (g_ptr_array_index (tiles, 0)), GTK_TYPE_FLOW_BOX);
    GtkWidget *first = gtk_widget_get_first_child (gtk_widget_get_parent (flow));
    guint n_headings = 0;

    for (GtkWidget *child = first; child != NULL; child = gtk_widget_get_next_sibling (child))
      n_headings += gtk_widget_has_css_class (child, "sensor-group-heading");
    g_assert_true (gtk_widget_has_css_class (first, "sensor-group-heading"));
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (first)), ==,
                     kiosk_reading_get_display_name (kiosk_sensor_tile_get_reading (g_ptr_array_index (tiles, 0))));
    g_test_message ("%u headings over %u tiles", n_headings, tiles->len);
    g_assert_cmpuint (n_headings, >=, 4);
    g_assert_cmpuint (n_headings, <, tiles->len);
  }

  /* Marktplatz PM10 from SensorThings: 24 hours in 10-minute steps. */
  tile = find_tile (tiles, "100");
  g_assert_cmpuint (kiosk_reading_get_history (kiosk_sensor_tile_get_reading (tile))->len, >=, 140);
  g_assert_nonnull (strstr (kiosk_sensor_tile_get_summary (tile), "Marktplatz"));
  g_assert_nonnull (strstr (kiosk_sensor_tile_get_summary (tile), "Gemessen "));

  shoot ("tiles");
}

static void
test_detail_page (void)
{
  KioskSensorsView *view = KIOSK_SENSORS_VIEW (kiosk_window_get_area_view (window, "sensors"));
  KioskSensorTile *tile = find_tile (kiosk_sensors_view_get_tiles (view), "102");
  GtkWidget *page, *map_button;
  KioskSparkline *chart;
  guint min_i, max_i;

  /* A tap on the tile, through the X server, once it is scrolled into view. */
  scroll_into_view (GTK_WIDGET (tile));
  kiosk_test_ui_click (GTK_WIDGET (tile));
  kiosk_test_ui_wait_for_page (window, "page-");
  page = kiosk_test_ui_find (GTK_WIDGET (window), KIOSK_TYPE_SENSOR_PAGE, NULL);
  g_assert_nonnull (page);
  g_assert_true (kiosk_sensor_page_get_reading (KIOSK_SENSOR_PAGE (page)) ==
                 kiosk_sensor_tile_get_reading (tile));

  chart = KIOSK_SPARKLINE (kiosk_test_ui_find (page, KIOSK_TYPE_SPARKLINE, NULL));
  g_assert_true (kiosk_sparkline_get_detailed (chart));
  g_assert_true (kiosk_sparkline_get_extremes (chart, &min_i, &max_i));
  g_assert_cmpuint (kiosk_sparkline_get_n_visible (chart), >=, 140);
  g_assert_nonnull (kiosk_test_ui_find (page, GTK_TYPE_LABEL, "Was die Farben bedeuten"));
  shoot ("detail");

  /* "Auf der Karte zeigen" is on screen without scrolling. */
  map_button = kiosk_sensor_page_get_map_button (KIOSK_SENSOR_PAGE (page));
  {
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (map_button, GTK_WIDGET (window), &bounds));
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (GTK_WIDGET (window)));
    g_assert_cmpfloat (bounds.origin.y, >=, 0);
  }

  /* "Auf der Karte zeigen" opens the map at the station. */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (map_button)), ==, "Auf der Karte zeigen");
  g_assert_true (gtk_widget_get_sensitive (map_button));
  scroll_into_view (map_button);
  kiosk_test_ui_click (map_button);
  kiosk_test_ui_wait_for_page (window, "map");
}

static void
test_english_and_stations (void)
{
  KioskSensorsView *view;
  GPtrArray *tiles;
  KioskSensorTile *tile;

  kiosk_window_set_language (window, "en");
  install_sources (TRUE);
  view = show_sensors ();
  kiosk_window_set_language (window, "en");
  kiosk_window_show_area (window, "sensors");
  kiosk_test_ui_wait_for_page (window, "sensors");
  view = KIOSK_SENSORS_VIEW (kiosk_window_get_area_view (window, "sensors"));
  tiles = kiosk_sensors_view_get_tiles (view);
  g_assert_cmpuint (tiles->len, ==, 21);
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_LABEL, "Pegel Musterbach"));
  shoot ("stations");

  tile = find_tile (tiles, "100");
  scroll_into_view (GTK_WIDGET (tile));
  kiosk_test_ui_click (GTK_WIDGET (tile));
  kiosk_test_ui_wait_for_page (window, "page-");
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_LABEL, "What the colours mean"));
  shoot ("detail");

  /* #15.7: a language switch keeps the reading's page open. */
  kiosk_window_set_language (window, "de");
  kiosk_test_ui_settle (GTK_WIDGET (window));
  g_assert_true (g_str_has_prefix (kiosk_window_get_current (window), "page-"));
  {
    GtkWidget *page = kiosk_test_ui_find (GTK_WIDGET (window), KIOSK_TYPE_SENSOR_PAGE, NULL);

    g_assert_nonnull (page);
    g_assert_cmpstr (kiosk_reading_get_id (kiosk_sensor_page_get_reading (KIOSK_SENSOR_PAGE (page))), ==, "100");
    g_assert_nonnull (kiosk_test_ui_find (page, GTK_TYPE_LABEL, "Was die Farben bedeuten"));
  }
  kiosk_window_set_language (window, "en");
  kiosk_window_go_back (window);
  kiosk_test_ui_wait_for_page (window, "sensors");

  /* Idle reset goes back to attract; the view starts at the top again. */
  kiosk_window_reset (window);
  kiosk_test_ui_wait_for_page (window, "attract");
}

/* #15.11: a history of two points is a line already (NGSI readings get
 * theirs one refresh at a time); one point is not. */
static void
test_history_from_two_points (void)
{
  g_autoptr(KioskReading) reading = kiosk_reading_new ("ngsi:x", "Schule", "ngsi:x/temperature",
                                                       "temperature");
  g_autoptr(KioskReadingKind) kind = kiosk_reading_kind_lookup ("temperature");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GArray) one = g_array_new (FALSE, FALSE, sizeof (KioskReadingPoint));
  g_autoptr(GArray) two = NULL;
  KioskReadingPoint point = { g_date_time_to_unix (now) - 600, 11.5 };
  const char *collecting;
  GtkWidget *tile;

  kiosk_i18n_set_language ("de");
  collecting = _("The history is being recorded");
  kiosk_reading_set_kind (reading, kind);
  kiosk_reading_set_value (reading, 12.0, now);

  g_array_append_val (one, point);
  kiosk_reading_set_history (reading, one);
  tile = g_object_ref_sink (kiosk_sensor_tile_new (reading, TRUE));
  kiosk_sensor_tile_set_now (KIOSK_SENSOR_TILE (tile), now);
  g_assert_nonnull (strstr (kiosk_sensor_tile_get_summary (KIOSK_SENSOR_TILE (tile)), collecting));
  g_object_unref (tile);

  two = g_array_copy (one);
  point.time = g_date_time_to_unix (now);
  point.value = 12.0;
  g_array_append_val (two, point);
  kiosk_reading_set_history (reading, two);
  tile = g_object_ref_sink (kiosk_sensor_tile_new (reading, TRUE));
  kiosk_sensor_tile_set_now (KIOSK_SENSOR_TILE (tile), now);
  g_assert_null (strstr (kiosk_sensor_tile_get_summary (KIOSK_SENSOR_TILE (tile)), collecting));
  g_object_unref (tile);
}

/* #15.11: a station's card on the map says which values are old. */
static void
test_stale_on_map_card (void)
{
  g_autoptr(GListStore) store = g_list_store_new (KIOSK_TYPE_READING);
  g_autoptr(KioskReading) fresh = kiosk_reading_new ("st", "Schule", "st/no2", "no2");
  g_autoptr(KioskReading) old = kiosk_reading_new ("st", "Schule", "st/pm10", "pm10");
  g_autoptr(KioskReadingKind) no2 = kiosk_reading_kind_lookup ("no2");
  g_autoptr(KioskReadingKind) pm10 = kiosk_reading_kind_lookup ("pm10");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_hours (now, -5);
  g_autoptr(GPtrArray) points = NULL;
  GtkWidget *win = gtk_window_new ();
  GtkWidget *card = kiosk_map_card_new ();
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  kiosk_i18n_set_language ("de");
  kiosk_reading_set_kind (fresh, no2);
  kiosk_reading_set_value (fresh, 20, now);
  kiosk_reading_set_position (fresh, 51.34, 12.37);
  kiosk_reading_set_kind (old, pm10);
  kiosk_reading_set_value (old, 30, then);
  kiosk_reading_set_position (old, 51.34, 12.37);
  g_list_store_append (store, fresh);
  g_list_store_append (store, old);
  points = kiosk_map_points_from_readings (G_LIST_MODEL (store));
  g_assert_cmpuint (points->len, ==, 1);

  gtk_window_set_default_size (GTK_WINDOW (win), 700, 700);
  gtk_window_set_child (GTK_WINDOW (win), card);
  kiosk_map_card_show_point (KIOSK_MAP_CARD (card), g_ptr_array_index (points, 0), now);
  gtk_window_present (GTK_WINDOW (win));
  kiosk_test_ui_settle (card);
  /* One line says it, with the reason, as on the tile; only once. */
  {
    GtkWidget *label = NULL;
    guint n = 0;

    for (GtkWidget *w = card; w != NULL; )
      {
        if (GTK_IS_LABEL (w) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (w)), "Veraltet: "))
          {
            label = w;
            n++;
          }
        /* depth-first walk */
        if (gtk_widget_get_first_child (w) != NULL)
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != NULL && w != card && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            w = (w == NULL || w == card) ? NULL : gtk_widget_get_next_sibling (w);
          }
      }
    g_assert_nonnull (label);
    g_assert_cmpuint (n, ==, 1);
    g_assert_true (gtk_widget_get_mapped (label));
  }
  name = g_strdup_printf ("sensors-%s-de-map-card-stale", kiosk_test_ui_orientation (GTK_WIDGET (window)));
  path = kiosk_test_ui_screenshot (win, name);
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
activate_cb (GApplication *application)
{
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache_dir = NULL;
  GSList *uris;
  int status;

  /* The reading history goes into a cache of its own, not the user's. */
  cache_dir = g_dir_make_tmp ("ui-sensors-XXXXXX", NULL);
  g_setenv ("XDG_CACHE_HOME", cache_dir, TRUE);

  kiosk_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, KIOSK_DEMO_SENSORTHINGS_PATH,
                           kiosk_demo_sensors_things_handler, NULL, NULL);
  soup_server_add_handler (server, KIOSK_DEMO_NGSI_PATH "/entities",
                           kiosk_demo_sensors_entities_handler, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base_url = g_uri_to_string (uris->data);
  if (g_str_has_suffix (base_url, "/"))
    base_url[strlen (base_url) - 1] = '\0';
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  app = kiosk_application_new ();
  window = kiosk_test_ui_start_app (app, G_CALLBACK (activate_cb), FALSE);

  g_test_add_func ("/ui/sensors/empty-state", test_empty_state);
  g_test_add_func ("/ui/sensors/tiles", test_tiles);
  g_test_add_func ("/ui/sensors/detail-page", test_detail_page);
  g_test_add_func ("/ui/sensors/english-and-stations", test_english_and_stations);
  g_test_add_func ("/ui/sensors/history-from-two-points", test_history_from_two_points);
  g_test_add_func ("/ui/sensors/stale-on-map-card", test_stale_on_map_card);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  g_clear_object (&server);
  g_free (base_url);

  return status;
}
