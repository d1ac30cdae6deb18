/* test-ui-map.c: the city map in the real window under Xvfb: offline tiles
 * drawn, markers from the sources, cards, the controls, a broken file, with
 * screenshots in both languages */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "kiosk-application.h"
#include "kiosk-demo.h"
#include "kiosk-demo-server.h"
#include "kiosk-demo-town.h"
#include "kiosk-i18n.h"
#include "kiosk-map-card.h"
#include "kiosk-map-view.h"
#include "kiosk-mbtiles-source.h"
#include "kiosk-tiles-format.h"
#include "kiosk-place.h"
#include "kiosk-resettable.h"
#include "kiosk-source.h"
#include "kiosk-test-ui.h"
#include "kiosk-window.h"

#define HOME_LAT 51.3397
#define HOME_LON 12.3731

#define LONG_DESCRIPTION \
  "Stadtgeschichte vom Mittelalter bis heute: Zunftzeichen, Stadtmodelle, eine Schulstube " \
  "von 1900, Spielzeug aus drei Jahrhunderten und die Fotosammlung des Heimatvereins mit " \
  "über zweitausend Aufnahmen. Wechselnde Ausstellungen im Obergeschoss, Führungen für " \
  "Gruppen und Schulklassen nach Anmeldung. Mi–So 11–17 Uhr."

static KioskApplication *app;

typedef struct
{
  KioskConfig     *config;
  KioskSourceList *sources;
  KioskFetcher    *fetcher;
  KioskServices   *services;
  KioskWindow     *window;
} Kiosk;

static char *
demo_tiles_uri (void)
{
  g_autofree char *path = kiosk_demo_tiles_get_path ();

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return g_filename_to_uri (path, NULL, NULL);
}

/* Musterdorf's places as the geojson source gives them. */
static KioskSource *
places_source (void)
{
  g_autoptr(KioskSourceConfig) config = kiosk_source_config_new ("places", "geojson",
                                                                 "http://127.0.0.1:9/places.geojson");
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  KioskSource *source = kiosk_source_new (config);
  const KioskDemoPlace *places;
  guint n = 0;

  places = kiosk_demo_town_get_places (&n);
  for (guint i = 0; i < n; i++)
    {
      KioskPlace *place = kiosk_place_new (places[i].id, places[i].name,
                                           places[i].latitude, places[i].longitude);

      kiosk_place_set_category (place, places[i].category);
      /* One description longer than a card shows at once. */
      if (g_str_equal (places[i].id, "museum"))
        kiosk_place_set_description (place, LONG_DESCRIPTION);
      else
        kiosk_place_set_description (place, places[i].description);
      g_ptr_array_add (items, place);
    }
  kiosk_source_set_items (source, items);

  return source;
}

static void
kiosk_open_full (Kiosk      *kiosk,
                 const char *tiles_url,
                 gboolean    with_places)
{
  g_autoptr(KioskSourceConfig) tiles = kiosk_source_config_new ("map", "tiles", tiles_url);
  g_autoptr(KioskSource) source = kiosk_source_new (tiles);
  GSettings *settings;

  kiosk->config = kiosk_config_new_default ();
  settings = kiosk_config_get_settings (kiosk->config);
  g_settings_set_string (settings, "place-name", "Stadtbibliothek Musterdorf");
  g_settings_set_double (settings, "latitude", HOME_LAT);
  g_settings_set_double (settings, "longitude", HOME_LON);
  g_settings_set_double (settings, "map-zoom", 16);

  kiosk->sources = kiosk_source_list_new ();
  {
    /* As the application does: the status line in the kiosk's zone. */
    g_autoptr(GTimeZone) tz = kiosk_config_get_time_zone (kiosk->config);

    kiosk_source_list_set_time_zone (kiosk->sources, tz);
  }
  kiosk_source_list_add (kiosk->sources, source);
  if (with_places)
    {
      g_autoptr(KioskSource) places = places_source ();

      kiosk_source_list_add (kiosk->sources, places);
    }

  kiosk->fetcher = kiosk_fetcher_new ();
  kiosk->services = kiosk_services_new (kiosk->fetcher, kiosk->sources, NULL);
  kiosk->window = kiosk_window_new (ADW_APPLICATION (app), kiosk->config, kiosk->services, FALSE);
  gtk_window_present (GTK_WINDOW (kiosk->window));
  kiosk_test_ui_settle (GTK_WIDGET (kiosk->window));
  kiosk_window_show_area (kiosk->window, "map");
  kiosk_test_ui_wait_for_page (kiosk->window, "map");
}

static void
kiosk_open (Kiosk      *kiosk,
            const char *tiles_url)
{
  kiosk_open_full (kiosk, tiles_url, FALSE);
}

static void
kiosk_close (Kiosk *kiosk)
{
  gtk_window_destroy (GTK_WINDOW (kiosk->window));
  g_settings_reset (kiosk_config_get_settings (kiosk->config), "map-zoom");
  g_clear_object (&kiosk->services);
  g_clear_object (&kiosk->fetcher);
  g_clear_object (&kiosk->sources);
  g_clear_object (&kiosk->config);
}

static KioskMapView *
map_view (Kiosk *kiosk)
{
  GtkWidget *view = kiosk_test_ui_find (GTK_WIDGET (kiosk->window), KIOSK_TYPE_MAP_VIEW, NULL);

  g_assert_nonnull (view);
  return KIOSK_MAP_VIEW (view);
}

static void
shoot (Kiosk      *kiosk,
       const char *screen)
{
  g_autofree char *name = g_strdup_printf ("map-%s-%s-%s",
                                           kiosk_test_ui_orientation (GTK_WIDGET (kiosk->window)),
                                           kiosk_i18n_get_language (), screen);
  g_autofree char *path = NULL;

  kiosk_test_ui_settle (GTK_WIDGET (kiosk->window));
  path = kiosk_test_ui_screenshot (GTK_WIDGET (kiosk->window), name);
  g_test_message ("screenshot %s", path);
}

static void
wait_for_tiles (KioskMapView *view,
                guint         at_least)
{
  g_autofree char *what = g_strdup_printf ("%u map tiles", at_least);

  kiosk_test_ui_wait_until_full (kiosk_map_view_get_n_tiles_received (view) >= at_least, what);
}

static void
centre_of (KioskMapView *view,
           double       *latitude,
           double       *longitude,
           double       *zoom)
{
  ShumateViewport *viewport = shumate_map_get_viewport (kiosk_map_view_get_map (view));

  *latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  *longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  if (zoom != NULL)
    *zoom = shumate_viewport_get_zoom_level (viewport);
}

/* The map is centred on @latitude, @longitude (within 1e-4) at @zoom. */
static gboolean
is_at (KioskMapView *view,
       double        latitude,
       double        longitude,
       double        zoom)
{
  double lat, lon, z;

  centre_of (view, &lat, &lon, &z);
  return fabs (lat - latitude) < 1e-4 && fabs (lon - longitude) < 1e-4 && z == zoom;
}

static double
zoom_of (KioskMapView *view)
{
  double latitude, longitude, zoom;

  centre_of (view, &latitude, &longitude, &zoom);
  return zoom;
}

static double
longitude_of (KioskMapView *view)
{
  double latitude, longitude;

  centre_of (view, &latitude, &longitude, NULL);
  return longitude;
}

static void
test_offline_tiles (void)
{
  g_autofree char *uri = demo_tiles_uri ();
  Kiosk kiosk = { 0 };
  KioskMapView *view;
  GtkWidget *label;
  double latitude, longitude, zoom;

  kiosk_open (&kiosk, uri);
  view = map_view (&kiosk);

  /* The town's tiles come from the file, with no network at all. */
  wait_for_tiles (view, 6);
  g_test_message ("%u tiles received", kiosk_map_view_get_n_tiles_received (view));
  g_assert_null (kiosk_map_view_get_problem (view));

  centre_of (view, &latitude, &longitude, &zoom);
  g_assert_cmpfloat_with_epsilon (latitude, HOME_LAT, 1e-4);
  g_assert_cmpfloat_with_epsilon (longitude, HOME_LON, 1e-4);
  g_assert_cmpfloat (zoom, ==, 16);

  shoot (&kiosk, "town");

  /* The attribution is always on screen. */
  label = kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_LABEL,
                              "Karte: Musterdorf (fiktiv), Ankerort-Demo");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_is_drawable (label));

  /* "You are here" is shown, in the UI language. */
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_LABEL, "Sie sind hier"));

  kiosk_close (&kiosk);
}

static void
test_controls (void)
{
  g_autofree char *uri = demo_tiles_uri ();
  Kiosk kiosk = { 0 };
  KioskMapView *view;
  GtkWidget *zoom_in, *recenter;
  double latitude, longitude, zoom;

  kiosk_open (&kiosk, uri);
  view = map_view (&kiosk);
  wait_for_tiles (view, 1);

  recenter = kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_BUTTON, "Wo bin ich?");
  g_assert_nonnull (recenter);

  /* Targets for fingers: at least 64 px. */
  g_assert_cmpint (gtk_widget_get_width (recenter), >=, 64);
  g_assert_cmpint (gtk_widget_get_height (recenter), >=, 64);

  zoom_in = gtk_widget_get_prev_sibling (gtk_widget_get_prev_sibling (recenter));
  g_assert_true (GTK_IS_BUTTON (zoom_in));
  g_assert_cmpint (gtk_widget_get_width (zoom_in), >=, 64);
  g_assert_cmpint (gtk_widget_get_height (zoom_in), >=, 64);

  zoom = zoom_of (view);
  g_signal_emit_by_name (zoom_in, "clicked");
  kiosk_test_ui_wait_until (zoom_of (view) > zoom);

  /* The view stays over the town: far away is clamped to its edge. */
  shumate_map_center_on (kiosk_map_view_get_map (view), 48.1, 11.5);
  kiosk_test_ui_settle (GTK_WIDGET (view));
  centre_of (view, &latitude, &longitude, NULL);
  g_assert_cmpfloat (latitude, >, 51.3);
  g_assert_cmpfloat (longitude, >, 12.3);

  /* Recenter brings it home. */
  kiosk_test_ui_click (recenter);
  kiosk_test_ui_wait_until (is_at (view, HOME_LAT, HOME_LON, 16));

  /* And so does the idle reset, from wherever the last person left it. */
  shumate_map_center_on (kiosk_map_view_get_map (view), 51.345, 12.38);
  kiosk_resettable_reset (KIOSK_RESETTABLE (view));
  centre_of (view, &latitude, &longitude, NULL);
  g_assert_cmpfloat_with_epsilon (latitude, HOME_LAT, 1e-4);

  kiosk_close (&kiosk);
}

static void
test_show_location (void)
{
  g_autofree char *uri = demo_tiles_uri ();
  Kiosk kiosk = { 0 };
  KioskMapView *view;
  double latitude, longitude;

  kiosk_open (&kiosk, uri);
  kiosk_window_show_area (kiosk.window, "home");
  kiosk_test_ui_wait_for_page (kiosk.window, "home");

  /* "Auf der Karte zeigen" from another page: the map opens there. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kiosk.window), "win.show-on-map",
                                             "(sdd)", "bahnhof", 51.3346, 12.3808));
  kiosk_test_ui_wait_for_page (kiosk.window, "map");
  view = map_view (&kiosk);
  kiosk_test_ui_wait_until (is_at (view, 51.3346, 12.3808, zoom_of (view)));
  centre_of (view, &latitude, &longitude, NULL);
  g_assert_cmpfloat_with_epsilon (latitude, 51.3346, 1e-4);
  g_assert_cmpfloat_with_epsilon (longitude, 12.3808, 1e-4);

  kiosk_close (&kiosk);
}

static void
test_broken_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-ui-map-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.mbtiles", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  Kiosk kiosk = { 0 };
  KioskMapView *view;

  g_assert_true (g_file_set_contents (path, "This is not an MBTiles file, just text.", -1, NULL));
  kiosk_open (&kiosk, uri);
  view = map_view (&kiosk);

  /* A clear message on the map, no crash; the rest of the map still works. */
  kiosk_test_ui_wait_until (kiosk_map_view_get_problem (view) != NULL);
  g_assert_nonnull (strstr (kiosk_map_view_get_problem (view), "broken.mbtiles"));
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_LABEL, "Sie sind hier"));
  shoot (&kiosk, "broken-file");

  kiosk_close (&kiosk);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_english (void)
{
  g_autofree char *uri = demo_tiles_uri ();
  Kiosk kiosk = { 0 };
  KioskMapView *view;

  kiosk_open (&kiosk, uri);
  kiosk_window_set_language (kiosk.window, "en");
  kiosk_window_show_area (kiosk.window, "map");
  kiosk_test_ui_wait_for_page (kiosk.window, "map");
  view = map_view (&kiosk);
  wait_for_tiles (view, 6);
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_LABEL, "You are here"));
  shoot (&kiosk, "town");

  kiosk_window_set_language (kiosk.window, "de");
  kiosk_close (&kiosk);
}

static void
map_point_on_screen (KioskMapView *view,
                     double        fx,
                     double        fy,
                     char        **x,
                     char        **y)
{
  GtkWidget *map = GTK_WIDGET (kiosk_map_view_get_map (view));
  GtkNative *native = gtk_widget_get_native (map);
  graphene_point_t in_map, in_native;
  double nx = 0, ny = 0;

  gtk_native_get_surface_transform (native, &nx, &ny);
  graphene_point_init (&in_map, gtk_widget_get_width (map) * fx, gtk_widget_get_height (map) * fy);
  g_assert_true (gtk_widget_compute_point (map, GTK_WIDGET (native), &in_map, &in_native));
  *x = g_strdup_printf ("%d", (int) (in_native.x + nx));
  *y = g_strdup_printf ("%d", (int) (in_native.y + ny));
}

/* One more frame passes with the map where it was. */
static gboolean
map_still (KioskMapView *view)
{
  double before = longitude_of (view);

  kiosk_test_ui_settle (GTK_WIDGET (view));
  return longitude_of (view) == before;
}

static void
test_gestures (void)
{
  g_autofree char *uri = demo_tiles_uri ();
  g_autofree char *x = NULL, *y = NULL, *x2 = NULL;
  Kiosk kiosk = { 0 };
  KioskMapView *view;
  double latitude, longitude, zoom, latitude2, longitude2, zoom2;

  kiosk_open (&kiosk, uri);
  view = map_view (&kiosk);
  wait_for_tiles (view, 1);
  map_point_on_screen (view, 0.5, 0.6, &x, &y);
  map_point_on_screen (view, 0.3, 0.6, &x2, &y);

  /* A drag to the left moves the view east: pointer gestures through the
   * X server, as a finger's touch arrives. */
  centre_of (view, &latitude, &longitude, &zoom);
  {
    GtkWidget *map = GTK_WIDGET (kiosk_map_view_get_map (view));
    const char *press[] = { "xdotool", "mousemove", "--sync", x, y, "mousedown", "1", NULL };
    const char *move[] = { "xdotool", "mousemove", "--sync", x2, y, NULL };
    const char *release[] = { "xdotool", "mouseup", "1", NULL };

    if (!kiosk_test_ui_xdotool (map, GDK_BUTTON_PRESS, press))
      {
        g_test_skip ("xdotool is not available");
        kiosk_close (&kiosk);
        return;
      }
    g_assert_true (kiosk_test_ui_xdotool (map, GDK_MOTION_NOTIFY, move));
    g_assert_true (kiosk_test_ui_xdotool (map, GDK_BUTTON_RELEASE, release));
  }
  kiosk_test_ui_wait_until (longitude_of (view) > longitude + 0.001);
  kiosk_test_ui_wait_until_full (map_still (view), "the map to stop moving after the swipe");
  centre_of (view, &latitude2, &longitude2, &zoom2);
  g_test_message ("drag: %f,%f -> %f,%f", latitude, longitude, latitude2, longitude2);
  g_assert_cmpfloat (zoom2, ==, zoom);

  /* A double tap zooms in one level (the two taps 80 ms apart, as a
   * finger's double tap). */
  {
    const char *twice[] = { "xdotool", "mousemove", "--sync", x, y, "click", "--repeat", "2",
                            "--delay", "80", "1", NULL };

    g_assert_true (kiosk_test_ui_xdotool (GTK_WIDGET (kiosk_map_view_get_map (view)),
                                          GDK_BUTTON_RELEASE, twice));
  }
  kiosk_test_ui_wait_until (fabs (zoom_of (view) - (zoom + 1)) < 0.01);
  shoot (&kiosk, "zoomed");

  kiosk_close (&kiosk);
}

static void
test_many_markers (void)
{
  g_autofree char *uri = demo_tiles_uri ();
  g_autoptr(KioskSourceConfig) config = kiosk_source_config_new ("many", "geojson",
                                                                 "http://127.0.0.1:9/many.geojson");
  g_autoptr(KioskSource) many = kiosk_source_new (config);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  static const char *categories[] = { "library", "park", "bus_stop", "pharmacy", "playground", "cafe" };
  Kiosk kiosk = { 0 };
  KioskMapView *view;
  gint64 start;
  guint markers;

  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i);
      KioskPlace *place = kiosk_place_new (id, id,
                                           HOME_LAT + g_test_rand_double_range (-0.012, 0.012),
                                           HOME_LON + g_test_rand_double_range (-0.02, 0.02));

      kiosk_place_set_category (place, categories[i % G_N_ELEMENTS (categories)]);
      g_ptr_array_add (items, place);
    }
  kiosk_source_set_items (many, items);

  kiosk_open (&kiosk, uri);
  kiosk_source_list_add (kiosk.sources, many);
  view = map_view (&kiosk);
  wait_for_tiles (view, 1);

  /* 5,000 places: grouped, and only what is near the screen is a widget. */
  kiosk_test_ui_wait_until (kiosk_map_view_get_n_markers (view) > 10);
  kiosk_test_ui_settle (GTK_WIDGET (view));
  markers = kiosk_map_view_get_n_markers (view);
  g_test_message ("5000 places: %u marker widgets at zoom 16", markers);
  g_assert_cmpuint (markers, >, 10);
  g_assert_cmpuint (markers, <, 600);
  shoot (&kiosk, "5000-places");

  /* Panning across the town: a frame drawn for every step, markers follow. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 20; i++)
    {
      shumate_map_center_on (kiosk_map_view_get_map (view), HOME_LAT + 0.0004 * i, HOME_LON + 0.0006 * i);
      kiosk_test_ui_settle (GTK_WIDGET (view));
    }
  g_test_message ("20 pan steps with 5000 places, each drawn, took %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_cmpuint (kiosk_map_view_get_n_markers (view), <, 600);

  kiosk_close (&kiosk);
}

static void
test_markers_and_cards (void)
{
  g_autofree char *uri = demo_tiles_uri ();
  Kiosk kiosk = { 0 };
  KioskMapView *view;
  GtkWidget *marker, *chip, *close;
  guint shown;

  kiosk_open_full (&kiosk, uri, TRUE);
  view = map_view (&kiosk);
  wait_for_tiles (view, 6);

  /* Markers come from the places source, grouped where they crowd. */
  kiosk_test_ui_wait_until (kiosk_map_view_get_n_markers (view) > 5);
  kiosk_test_ui_wait_until (kiosk_map_view_find_marker (view, "stadtbad") != NULL);
  kiosk_test_ui_settle (GTK_WIDGET (view));
  shown = kiosk_map_view_get_n_markers (view);
  g_test_message ("%u markers at zoom 16", shown);
  g_assert_cmpuint (shown, >, 5);

  /* A tap on a marker (a real click through X) opens its card. */
  marker = kiosk_map_view_find_marker (view, "stadtbad");
  g_assert_nonnull (marker);
  g_assert_cmpint (gtk_widget_get_width (marker), >=, 64);
  g_assert_cmpint (gtk_widget_get_height (marker), >=, 64);
  kiosk_test_ui_click (marker);
  kiosk_test_ui_wait_until (g_strcmp0 (kiosk_map_view_get_card_id (view), "stadtbad") == 0);
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_LABEL, "Stadtbad Musterdorf"));
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_LABEL, "Schwimmbad"));
  shoot (&kiosk, "card");

  close = kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_BUTTON, "Schließen");
  g_assert_nonnull (close);
  g_signal_emit_by_name (close, "clicked");
  kiosk_test_ui_wait_until (kiosk_map_view_get_card_id (view) == NULL);

  /* A chip switches its family off and on. */
  chip = kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_TOGGLE_BUTTON, "Unterwegs");
  g_assert_nonnull (chip);
  g_assert_cmpint (gtk_widget_get_height (chip), >=, 64);
  /* (The station shares a group marker with its bus stop at this zoom:
   * fewer markers is what shows the family gone.) */
  shown = kiosk_map_view_get_n_markers (view);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (chip), FALSE);
  kiosk_test_ui_wait_until (kiosk_map_view_get_n_markers (view) < shown);
  g_assert_null (kiosk_map_view_find_marker (view, "bahnhof"));

  /* "Auf der Karte zeigen" for a place opens its card, chip or not. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kiosk.window), "win.show-on-map",
                                             "(sdd)", "bahnhof", 51.3346, 12.3808));
  kiosk_test_ui_wait_for_page (kiosk.window, "map");
  kiosk_test_ui_wait_until (g_strcmp0 (kiosk_map_view_get_card_id (view), "bahnhof") == 0);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_TOGGLE_BUTTON, "Unterwegs"))));
  shoot (&kiosk, "show-on-map");

  /* The next person finds the map as it was. */
  kiosk_resettable_reset (KIOSK_RESETTABLE (view));
  g_assert_null (kiosk_map_view_get_card_id (view));

  kiosk_close (&kiosk);
}

/* Mapped widgets under @root with every class in @classes ("a.b"). */
static void
collect (GtkWidget  *root,
         const char *classes,
         GPtrArray  *out)
{
  g_auto(GStrv) names = g_strsplit (classes, ".", -1);
  gboolean all = gtk_widget_get_mapped (root);

  for (guint i = 0; all && names[i] != NULL; i++)
    all = gtk_widget_has_css_class (root, names[i]);
  if (all)
    g_ptr_array_add (out, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, classes, out);
}

static GtkWidget *
find_class (GtkWidget  *root,
            const char *classes)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (root, classes, found);
  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

static guint
count_class (GtkWidget  *root,
             const char *classes)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (root, classes, found);
  return found->len;
}

static graphene_rect_t
bounds_in (GtkWidget *widget,
           GtkWidget *ancestor)
{
  graphene_rect_t rect;

  g_assert_true (gtk_widget_compute_bounds (widget, ancestor, &rect));
  return rect;
}

/* #15.6: groups say what they are, nothing hides under "you are here",
 * the card and its marker go together, a long text ends at a word. */
static void
test_groups_and_cards (void)
{
  g_autofree char *uri = demo_tiles_uri ();
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  g_autoptr(GPtrArray) markers = g_ptr_array_new ();
  Kiosk kiosk = { 0 };
  KioskMapView *view;
  GtkWidget *map, *marker, *icon, *description, *more, *here_dot, *here_label, *zoom_in;
  graphene_rect_t dot, bubble;
  const char *shown;

  kiosk_open_full (&kiosk, uri, TRUE);
  view = map_view (&kiosk);
  map = GTK_WIDGET (kiosk_map_view_get_map (view));
  wait_for_tiles (view, 6);
  kiosk_test_ui_wait_until (kiosk_map_view_find_marker (view, "stadtbad") != NULL);
  kiosk_test_ui_settle (GTK_WIDGET (view));

  /* Groups read "N Orte", as a screen reader says them, and look apart. */
  collect (GTK_WIDGET (view), "map-marker.cluster", groups);
  g_assert_cmpuint (groups->len, >, 0);
  for (guint i = 0; i < groups->len; i++)
    {
      GtkWidget *group = g_ptr_array_index (groups, i);
      GtkWidget *count = find_class (group, "map-cluster-count");
      GtkWidget *word = find_class (group, "map-cluster-word");

      g_assert_nonnull (count);
      g_assert_cmpuint (atoi (gtk_label_get_label (GTK_LABEL (count))), >, 1);
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (word)), ==, "Orte");
      g_assert_cmpint (gtk_widget_get_width (group), >=, 64);
      g_assert_cmpint (gtk_widget_get_height (group), >=, 64);
    }
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_LABEL,
                                        "Mehrere Orte nah beieinander: antippen zum Heranholen"));

  /* The kiosk stands in the library: its marker (or group) moves clear
   * of "Sie sind hier" instead of hiding under it. */
  here_dot = find_class (GTK_WIDGET (view), "map-here-dot");
  here_label = find_class (GTK_WIDGET (view), "map-here-label");
  g_assert_nonnull (here_dot);
  g_assert_nonnull (here_label);
  dot = bounds_in (here_dot, map);
  bubble = bounds_in (here_label, map);
  collect (GTK_WIDGET (view), "map-marker", markers);
  g_assert_cmpuint (markers->len, >, 5);
  for (guint i = 0; i < markers->len; i++)
    {
      graphene_rect_t rect = bounds_in (g_ptr_array_index (markers, i), map);

      g_assert_false (graphene_rect_intersection (&rect, &dot, NULL));
      g_assert_false (graphene_rect_intersection (&rect, &bubble, NULL));
    }
  /* Nor does a moved marker land on another one. */
  for (guint i = 0; i < markers->len; i++)
    for (guint j = i + 1; j < markers->len; j++)
      {
        graphene_rect_t a = bounds_in (g_ptr_array_index (markers, i), map);
        graphene_rect_t b = bounds_in (g_ptr_array_index (markers, j), map);

        g_assert_false (graphene_rect_intersection (&a, &b, NULL));
      }
  shoot (&kiosk, "groups");

  /* A card and its marker go together: the marker is marked, the card's
   * icon has the marker's colour, and only one marker is marked. */
  marker = kiosk_map_view_find_marker (view, "stadtbad");
  kiosk_test_ui_click (marker);
  kiosk_test_ui_wait_until (g_strcmp0 (kiosk_map_view_get_card_id (view), "stadtbad") == 0);
  kiosk_test_ui_settle (GTK_WIDGET (view));
  marker = kiosk_map_view_find_marker (view, "stadtbad");
  g_assert_true (gtk_widget_has_css_class (marker, "selected"));
  g_assert_cmpuint (count_class (GTK_WIDGET (view), "map-marker.selected"), ==, 1);
  icon = find_class (GTK_WIDGET (view), "map-card-icon");
  g_assert_true (gtk_widget_has_css_class (icon, "kiosk-map-sport"));
  g_assert_true (gtk_widget_has_css_class (marker, "kiosk-map-sport"));

  /* Another place: the old marker lets go. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kiosk.window), "win.show-on-map",
                                             "(sdd)", "museum", 51.3415, 12.3712));
  kiosk_test_ui_wait_until (g_strcmp0 (kiosk_map_view_get_card_id (view), "museum") == 0);
  kiosk_test_ui_wait_until (kiosk_map_view_find_marker (view, "museum") != NULL &&
                            gtk_widget_has_css_class (kiosk_map_view_find_marker (view, "museum"), "selected"));
  kiosk_test_ui_settle (GTK_WIDGET (view));
  g_assert_cmpuint (count_class (GTK_WIDGET (view), "map-marker.selected"), ==, 1);
  g_assert_true (gtk_widget_has_css_class (icon, "kiosk-map-culture"));
  g_assert_false (gtk_widget_has_css_class (icon, "kiosk-map-sport"));

  /* A long description ends at a whole word with "…", and "Mehr lesen"
   * shows the rest; no line is cut through. */
  description = find_class (GTK_WIDGET (view), "map-card-description");
  g_assert_nonnull (description);
  shown = gtk_label_get_label (GTK_LABEL (description));
  g_assert_true (g_str_has_suffix (shown, "…"));
  {
    g_autofree char *start = g_strndup (shown, strlen (shown) - strlen ("…"));

    g_assert_true (g_str_has_prefix (LONG_DESCRIPTION, start));
    g_assert_true (LONG_DESCRIPTION[strlen (start)] == ' ' ||
                   strchr (",.;:", LONG_DESCRIPTION[strlen (start)]) != NULL);
  }
  more = kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_BUTTON, "Mehr lesen");
  g_assert_nonnull (more);
  g_assert_cmpint (gtk_widget_get_height (more), >=, 64);
  shoot (&kiosk, "card-long");
  /* The shortened text stands whole on the card, not under its edge. */
  {
    graphene_rect_t text, card;

    g_assert_true (gtk_widget_compute_bounds (description, GTK_WIDGET (view), &text));
    g_assert_true (gtk_widget_compute_bounds (gtk_widget_get_ancestor (description, KIOSK_TYPE_MAP_CARD),
                                              GTK_WIDGET (view), &card));
    g_assert_true (graphene_rect_contains_rect (&card, &text));
    /* Nothing inside the card scrolls it away (the page around it may). */
    {
      GtkWidget *scroller = gtk_widget_get_ancestor (description, GTK_TYPE_SCROLLED_WINDOW);

      g_assert_true (scroller == NULL ||
                     !gtk_widget_is_ancestor (scroller, gtk_widget_get_ancestor (description,
                                                                                 KIOSK_TYPE_MAP_CARD)));
    }
  }
  kiosk_test_ui_click (more);
  kiosk_test_ui_wait_until (find_class (GTK_WIDGET (view), "map-card-description") != NULL &&
                            g_strcmp0 (gtk_label_get_label (GTK_LABEL (find_class (GTK_WIDGET (view), "map-card-description"))),
                                       LONG_DESCRIPTION) == 0);
  g_assert_null (kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_BUTTON, "Mehr lesen"));
  shoot (&kiosk, "card-long-more");

  /* Zooming closes the card, and the marker lets go. */
  zoom_in = gtk_widget_get_prev_sibling (gtk_widget_get_prev_sibling (
    kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_BUTTON, "Wo bin ich?")));
  kiosk_test_ui_click (zoom_in);
  kiosk_test_ui_wait_until (kiosk_map_view_get_card_id (view) == NULL);
  kiosk_test_ui_settle (GTK_WIDGET (view));
  g_assert_cmpuint (count_class (GTK_WIDGET (view), "map-marker.selected"), ==, 0);

  /* And so does "Wo bin ich?". */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kiosk.window), "win.show-on-map",
                                             "(sdd)", "stadtbad", 51.3440, 12.3680));
  kiosk_test_ui_wait_until (g_strcmp0 (kiosk_map_view_get_card_id (view), "stadtbad") == 0);
  kiosk_test_ui_click (kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_BUTTON, "Wo bin ich?"));
  kiosk_test_ui_wait_until (kiosk_map_view_get_card_id (view) == NULL);
  kiosk_test_ui_wait_until (is_at (view, HOME_LAT, HOME_LON, 16));

  kiosk_close (&kiosk);
}

/* #15.7: a language switch keeps the zoom, the chips and the open card;
 * #15.3: the map's credit follows the language. */
static void
test_language_keeps_place (void)
{
  g_autofree char *uri = demo_tiles_uri ();
  Kiosk kiosk = { 0 };
  KioskMapView *view, *fresh;
  GtkWidget *chip;
  double latitude, longitude, zoom;

  kiosk_open_full (&kiosk, uri, TRUE);
  view = map_view (&kiosk);
  wait_for_tiles (view, 6);
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_LABEL,
                                        "Karte: Musterdorf (fiktiv), Ankerort-Demo"));

  chip = kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_TOGGLE_BUTTON, "Unterwegs");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (chip), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kiosk.window), "win.show-on-map",
                                             "(sdd)", "stadtbad", 51.3440, 12.3680));
  kiosk_test_ui_wait_until (g_strcmp0 (kiosk_map_view_get_card_id (view), "stadtbad") == 0);
  kiosk_test_ui_wait_until (map_still (view));
  centre_of (view, &latitude, &longitude, &zoom);

  kiosk_window_set_language (kiosk.window, "en");
  kiosk_test_ui_wait_for_page (kiosk.window, "map");
  fresh = map_view (&kiosk);
  g_assert_true (fresh != view);
  wait_for_tiles (fresh, 1);
  kiosk_test_ui_settle (GTK_WIDGET (fresh));
  g_assert_cmpstr (kiosk_map_view_get_card_id (fresh), ==, "stadtbad");
  g_assert_true (is_at (fresh, latitude, longitude, zoom));
  chip = kiosk_test_ui_find (GTK_WIDGET (fresh), GTK_TYPE_TOGGLE_BUTTON, "Getting around");
  g_assert_nonnull (chip);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (chip)));
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (fresh), GTK_TYPE_LABEL, "Swimming pool"));
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (fresh), GTK_TYPE_LABEL,
                                        "Map: Musterdorf (fictional), Ankerort demo"));
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (fresh), GTK_TYPE_LABEL,
                                        "Several places close together: tap to come closer"));
  shoot (&kiosk, "after-language-switch");

  kiosk_window_set_language (kiosk.window, "de");
  kiosk_close (&kiosk);
}

/* The town's tiles around the kiosk, served as an XYZ tile server would. */
static KioskDemoServer *
tile_server_new (char **url_template)
{
  g_autofree char *path = kiosk_demo_tiles_get_path ();
  g_autoptr(KioskMbtilesSource) mbtiles = kiosk_mbtiles_source_new (path, NULL);
  g_autoptr(GError) error = NULL;
  KioskDemoServer *server = kiosk_demo_server_new ();
  int cx, cy;

  g_assert_nonnull (mbtiles);
  kiosk_demo_server_start (server, &error);
  g_assert_no_error (error);

  for (int zoom = 15; zoom <= 17; zoom++)
    {
      kiosk_tiles_point_to_xyz (HOME_LAT, HOME_LON, zoom, &cx, &cy);
      for (int x = cx - 6; x <= cx + 6; x++)
        for (int y = cy - 6; y <= cy + 6; y++)
          {
            g_autofree char *tile = g_strdup_printf ("/tiles/%d/%d/%d.png", zoom, x, y);
            g_autoptr(GBytes) bytes = kiosk_mbtiles_source_read_tile (mbtiles, x, y, zoom, NULL);

            if (bytes != NULL)
              kiosk_demo_server_set_body (server, tile, bytes, "image/png");
          }
    }
  *url_template = kiosk_demo_server_get_url (server, "/tiles/{z}/{x}/{y}.png");

  return server;
}

static void
test_url_tiles (void)
{
  g_autofree char *url = NULL;
  g_autoptr(KioskDemoServer) server = tile_server_new (&url);
  Kiosk kiosk = { 0 };
  KioskMapView *view;
  guint first;

  /* Tiles from a tile server, through Ankerort's own disk cache. */
  kiosk_open (&kiosk, url);
  view = map_view (&kiosk);
  wait_for_tiles (view, 6);
  first = kiosk_map_view_get_n_tiles_received (view);
  g_test_message ("%u tiles from the server", first);
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_LABEL, "Kartenkacheln: 127.0.0.1"));
  g_assert_null (kiosk_map_view_get_problem (view));
  shoot (&kiosk, "url-tiles");
  kiosk_close (&kiosk);

  /* The network is gone; after a restart the town is still there. */
  kiosk_demo_server_stop (server);
  kiosk_open (&kiosk, url);
  view = map_view (&kiosk);
  wait_for_tiles (view, 6);
  g_test_message ("%u tiles from the cache, offline", kiosk_map_view_get_n_tiles_received (view));
  shoot (&kiosk, "url-tiles-offline");
  kiosk_close (&kiosk);
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
  int status;

  /* The tile cache goes to a private directory, never the user's. */
  cache_dir = g_dir_make_tmp ("test-ui-map-cache-XXXXXX", NULL);
  g_setenv ("XDG_CACHE_HOME", cache_dir, TRUE);

  kiosk_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  kiosk_i18n_set_language ("de");

  app = kiosk_application_new ();
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/map/offline-tiles", test_offline_tiles);
  g_test_add_func ("/ui/map/controls", test_controls);
  g_test_add_func ("/ui/map/show-location", test_show_location);
  g_test_add_func ("/ui/map/markers-and-cards", test_markers_and_cards);
  g_test_add_func ("/ui/map/gestures", test_gestures);
  g_test_add_func ("/ui/map/many-markers", test_many_markers);
  g_test_add_func ("/ui/map/broken-file", test_broken_file);
  g_test_add_func ("/ui/map/url-tiles", test_url_tiles);
  g_test_add_func ("/ui/map/english", test_english);
  g_test_add_func ("/ui/map/groups-and-cards", test_groups_and_cards);
  g_test_add_func ("/ui/map/language-keeps-place", test_language_keeps_place);

  status = g_test_run ();
  g_clear_object (&app);

  {
    g_autofree char *dir = g_build_filename (cache_dir, "ankerort", NULL);
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_remove (file);
      }
    g_rmdir (dir);
    g_rmdir (cache_dir);
  }

  return status;
}
