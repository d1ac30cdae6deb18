/* test-map-points.c: markers built from the places, events and sensor
 * sources, and grouped so that thousands stay smooth */

#include "config.h"

#include <math.h>

#include "kiosk-map-point.h"
#include "kiosk-test-items.h"

static GListModel *
store_of (GObject *first,
          ...)
{
  GListStore *store = g_list_store_new (G_TYPE_OBJECT);
  va_list args;

  va_start (args, first);
  for (GObject *item = first; item != NULL; item = va_arg (args, GObject *))
    {
      g_list_store_append (store, item);
      g_object_unref (item);
    }
  va_end (args);

  return G_LIST_MODEL (store);
}

static void
test_places (void)
{
  g_autoptr(GListModel) places = store_of (test_place_new ("lib", "Stadtbibliothek", "library", 51.3397, 12.3731),
                                           test_place_new ("pool", "Stadtbad", "swimming_pool", 51.3440, 12.3680),
                                           test_place_new ("nowhere", "Ohne Ort", "park", NAN, NAN),
                                           test_place_new ("null", "Null Island", "park", 0, 0),
                                           NULL);
  g_autoptr(GPtrArray) points = kiosk_map_points_from_places (places);
  KioskMapPoint *lib;

  /* Places without usable coordinates are left out, not put at 0,0. */
  g_assert_cmpuint (points->len, ==, 2);
  lib = g_ptr_array_index (points, 0);
  g_assert_cmpint (kiosk_map_point_get_kind (lib), ==, KIOSK_MAP_POINT_PLACE);
  g_assert_cmpstr (kiosk_map_point_get_id (lib), ==, "lib");
  g_assert_cmpstr (kiosk_map_point_get_title (lib), ==, "Stadtbibliothek");
  g_assert_cmpstr (kiosk_map_point_get_category (lib), ==, "library");
  g_assert_cmpfloat (kiosk_map_point_get_latitude (lib), ==, 51.3397);
  g_assert_true (kiosk_map_point_get_item (lib) == g_list_model_get_item (places, 0));
  g_object_unref (kiosk_map_point_get_item (lib));
  g_assert_cmpstr (kiosk_map_point_get_icon_name (lib), ==, "kiosk-map-library-symbolic");
}

static void
test_events (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2026, 11, 22, 12, 0, 0);
  g_autoptr(GDateTime) past = g_date_time_add_days (now, -7);
  g_autoptr(GDateTime) past_end = g_date_time_add_hours (past, 2);
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) soon_end = g_date_time_add_hours (soon, 2);
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 8);
  g_autoptr(GDateTime) later_end = g_date_time_add_hours (later, 2);
  g_autoptr(GDateTime) running = g_date_time_add_hours (now, -1);
  g_autoptr(GDateTime) running_end = g_date_time_add_hours (now, 1);
  /* A weekly concert: last week's, next week's and tomorrow's, in that order. */
  g_autoptr(GListModel) events = store_of (test_event_new ("concert", "Konzert", past, past_end, 51.3402, 12.3755),
                                           test_event_new ("concert", "Konzert", later, later_end, 51.3402, 12.3755),
                                           test_event_new ("concert", "Konzert", soon, soon_end, 51.3402, 12.3755),
                                           test_event_new ("market", "Markt", running, running_end, 51.3400, 12.3750),
                                           test_event_new ("gone", "Vorbei", past, past_end, 51.3400, 12.3750),
                                           test_event_new ("online", "Online", soon, soon_end, NAN, NAN),
                                           NULL);
  g_autoptr(GPtrArray) points = kiosk_map_points_from_events (events, now);

  g_assert_cmpuint (points->len, ==, 2);
  for (guint i = 0; i < points->len; i++)
    {
      KioskMapPoint *point = g_ptr_array_index (points, i);
      g_autoptr(GDateTime) start = NULL;

      g_assert_cmpint (kiosk_map_point_get_kind (point), ==, KIOSK_MAP_POINT_EVENT);
      g_assert_cmpstr (kiosk_map_point_get_category (point), ==, KIOSK_MAP_CATEGORY_EVENT);
      g_object_get (kiosk_map_point_get_item (point), "start", &start, NULL);
      /* The next occurrence that has not ended: tomorrow's concert, the running market. */
      if (g_str_equal (kiosk_map_point_get_id (point), "concert"))
        g_assert_true (g_date_time_equal (start, soon));
      else
        g_assert_cmpstr (kiosk_map_point_get_id (point), ==, "market");
    }
}

static void
test_readings (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) before = g_date_time_add_hours (now, -1);
  g_autoptr(GListModel) readings =
    store_of (test_reading_new ("s1", "Messstation Markt", "temperature", 11.5, "°C", before, 51.34, 12.37),
              test_reading_new ("s1", "Messstation Markt", "temperature", 12.5, "°C", now, 51.34, 12.37),
              test_reading_new ("s1", "Messstation Markt", "humidity", 80, "%", now, 51.34, 12.37),
              test_reading_new ("s2", "Pegel Muster", "water level", 1.2, "m", now, 51.35, 12.38),
              test_reading_new ("s3", "Irgendwo", "noise", 40, "dB", now, NAN, NAN),
              NULL);
  g_autoptr(GPtrArray) points = kiosk_map_points_from_readings (readings);

  g_assert_cmpuint (points->len, ==, 2);
  for (guint i = 0; i < points->len; i++)
    {
      KioskMapPoint *point = g_ptr_array_index (points, i);
      GPtrArray *latest = kiosk_map_point_get_readings (point);

      g_assert_cmpint (kiosk_map_point_get_kind (point), ==, KIOSK_MAP_POINT_STATION);
      if (g_str_equal (kiosk_map_point_get_id (point), "s1"))
        {
          double value;
          g_autofree char *property = NULL;

          g_assert_cmpstr (kiosk_map_point_get_title (point), ==, "Messstation Markt");
          /* One row per property, the newest, sorted. */
          g_assert_cmpuint (latest->len, ==, 2);
          g_object_get (g_ptr_array_index (latest, 1), "property", &property, "value", &value, NULL);
          g_assert_cmpstr (property, ==, "temperature");
          g_assert_cmpfloat (value, ==, 12.5);
        }
      else
        {
          g_assert_cmpstr (kiosk_map_point_get_id (point), ==, "s2");
          g_assert_cmpuint (latest->len, ==, 1);
        }
    }
}

static void
test_empty_and_foreign (void)
{
  g_autoptr(GListModel) empty = G_LIST_MODEL (g_list_store_new (G_TYPE_OBJECT));
  g_autoptr(GListStore) foreign = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(GObject) plain = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) a = NULL, b = NULL, c = NULL, d = NULL;

  /* Empty models and items of another kind give no points and no warnings. */
  g_list_store_append (foreign, plain);
  a = kiosk_map_points_from_places (empty);
  b = kiosk_map_points_from_places (G_LIST_MODEL (foreign));
  c = kiosk_map_points_from_events (G_LIST_MODEL (foreign), now);
  d = kiosk_map_points_from_readings (NULL);
  g_assert_cmpuint (a->len + b->len + c->len + d->len, ==, 0);
}

static void
test_categories (void)
{
  g_assert_cmpstr (kiosk_map_category_icon_name ("place_of_worship"), ==, "kiosk-map-church-symbolic");
  g_assert_cmpstr (kiosk_map_category_icon_name ("Bibliothek"), ==, "kiosk-map-library-symbolic");
  g_assert_cmpstr (kiosk_map_category_icon_name ("Parkplatz"), ==, "kiosk-map-parking-symbolic");
  g_assert_cmpstr (kiosk_map_category_icon_name ("park"), ==, "kiosk-map-park-symbolic");
  g_assert_cmpstr (kiosk_map_category_icon_name ("bus_stop"), ==, "kiosk-map-transport-symbolic");
  g_assert_cmpstr (kiosk_map_category_icon_name ("something else"), ==, "kiosk-map-place-symbolic");
  g_assert_cmpstr (kiosk_map_category_icon_name (NULL), ==, "kiosk-map-place-symbolic");
  g_assert_cmpstr (kiosk_map_category_icon_name (KIOSK_MAP_CATEGORY_EVENT), ==, "kiosk-events-symbolic");

  g_assert_cmpstr (kiosk_map_category_label ("place_of_worship"), ==, "Church");
  g_assert_cmpstr (kiosk_map_category_label ("Spielplätze"), ==, "Spielplätze");
}

static GPtrArray *
random_points (guint n)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_OBJECT);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i);
      g_autoptr(GObject) place = test_place_new (id, id, i % 2 ? "park" : "library",
                                                 51.3397 + g_test_rand_double_range (-0.015, 0.015),
                                                 12.3731 + g_test_rand_double_range (-0.02, 0.02));

      g_list_store_append (store, place);
    }

  return kiosk_map_points_from_places (G_LIST_MODEL (store));
}

static void
test_cluster (void)
{
  g_autoptr(GPtrArray) points = random_points (5000);
  guint previous = 0;

  for (int zoom = 12; zoom <= 19; zoom++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) clusters = kiosk_map_cluster (points, zoom, 88);
      gint64 took = g_get_monotonic_time () - start;
      guint total = 0;

      for (guint i = 0; i < clusters->len; i++)
        {
          KioskMapCluster *cluster = g_ptr_array_index (clusters, i);

          g_assert_cmpuint (cluster->points->len, >, 0);
          total += cluster->points->len;
        }
      /* Every point is in exactly one group; closer in, more groups. */
      g_assert_cmpuint (total, ==, 5000);
      g_assert_cmpuint (clusters->len, >=, previous);
      previous = clusters->len;
      g_test_message ("zoom %d: 5000 points in %u groups, %" G_GINT64_FORMAT " µs",
                      zoom, clusters->len, took);
    }
}

static void
test_cluster_alone (void)
{
  g_autoptr(GListModel) places = store_of (test_place_new ("a", "A", "park", 51.3397, 12.3731),
                                           test_place_new ("b", "B", "park", 51.3400, 12.3733),
                                           test_place_new ("c", "C", "park", 51.3500, 12.3900),
                                           NULL);
  g_autoptr(GPtrArray) points = kiosk_map_points_from_places (places);
  g_autoptr(GPtrArray) far = kiosk_map_cluster (points, 13, 88);
  g_autoptr(GPtrArray) near = kiosk_map_cluster (points, 19, 88);
  KioskMapCluster *first = g_ptr_array_index (far, 0);

  /* A and B (35 m apart) are one group at zoom 13; C stays alone. */
  g_assert_cmpuint (far->len, ==, 2);
  g_assert_cmpuint (first->points->len, ==, 2);
  g_assert_cmpfloat (first->latitude, >, 51.3397);
  g_assert_cmpfloat (first->latitude, <, 51.3400);

  /* At zoom 19 they are 180 px apart: three markers, each on its place. */
  g_assert_cmpuint (near->len, ==, 3);
  for (guint i = 0; i < near->len; i++)
    {
      KioskMapCluster *cluster = g_ptr_array_index (near, i);
      KioskMapPoint *point = g_ptr_array_index (cluster->points, 0);

      g_assert_cmpfloat (cluster->latitude, ==, kiosk_map_point_get_latitude (point));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/map-points/places", test_places);
  g_test_add_func ("/map-points/events", test_events);
  g_test_add_func ("/map-points/readings", test_readings);
  g_test_add_func ("/map-points/empty-and-foreign", test_empty_and_foreign);
  g_test_add_func ("/map-points/categories", test_categories);
  g_test_add_func ("/map-points/cluster", test_cluster);
  g_test_add_func ("/map-points/cluster-alone", test_cluster_alone);

  return g_test_run ();
}
