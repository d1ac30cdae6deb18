/* test-ui-attract-slides.c: slides of the kiosk's own data in the attract loop,
 * on the demo town under Xvfb: there with the setting and not without,
 * gone while the sensors' source fails and back when it answers again,
 * alone without a media source,
 * screenshots of each slide in both languages */

#include "config.h"

#include <glib/gstdio.h>

#include "kiosk-application.h"
#include "kiosk-attract-view.h"
#include "kiosk-config.h"
#include "kiosk-data-slide.h"
#include "kiosk-demo.h"
#include "kiosk-demo-events.h"
#include "kiosk-demo-sensors.h"
#include "kiosk-i18n.h"
#include "kiosk-media-player.h"
#include "kiosk-source-config.h"
#include "kiosk-test-media.h"
#include "kiosk-test-ui.h"
#include "kiosk-window.h"

#define IMAGE_SECONDS 2

static KioskApplication *app;
static KioskWindow *window;
static KioskConfig *config;
static KioskDemoServer *server;
static GPtrArray *all_sources;

static KioskMediaPlayer *
player (void)
{
  GtkWidget *attract = kiosk_test_ui_find (GTK_WIDGET (window), KIOSK_TYPE_ATTRACT_VIEW, NULL);

  g_assert_nonnull (attract);
  return kiosk_attract_view_get_player (KIOSK_ATTRACT_VIEW (attract));
}

static void
go_to_attract (void)
{
  kiosk_window_show_attract (window);
  kiosk_test_ui_wait_for_page (window, "attract");
}

/* "m" for a media item, else the slide's kind: "m,events,m,air,survey". */
static char *
loop_shape (void)
{
  GListModel *loop = kiosk_media_player_get_model (player ());
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (loop); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (loop, i);

      g_strv_builder_add (builder, GTK_IS_STRING_OBJECT (item)
                                   ? gtk_string_object_get_string (GTK_STRING_OBJECT (item))
                                   : "m");
    }
  parts = g_strv_builder_end (builder);

  return g_strjoinv (",", parts);
}

static gboolean
loop_has (const char *kind)
{
  g_autofree char *shape = loop_shape ();
  g_auto(GStrv) parts = g_strsplit (shape, ",", -1);

  return g_strv_contains ((const char * const *) parts, kind);
}

static void
slide_shown_cb (KioskMediaPlayer *media,
                GObject          *item,
                char            **kind)
{
  g_free (*kind);
  *kind = g_strdup (GTK_IS_STRING_OBJECT (item)
                    ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : "m");
}

/* The slide of @kind on screen (mapped: the other slot may hold the
 * next one), or NULL. */
static GtkWidget *
slide_on_screen (GtkWidget  *widget,
                 const char *kind)
{
  if (KIOSK_IS_DATA_SLIDE (widget))
    return gtk_widget_get_mapped (widget) && gtk_widget_has_css_class (widget, kind)
           ? widget : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = slide_on_screen (child, kind);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Waits until the slide of @kind is on screen and the crossfade is over.
 * It asks the window each time: a change of the sources may put a new
 * attract view in place of the old one. */
static KioskDataSlide *
wait_for_slide (const char *kind)
{
  GtkWidget *slide = NULL;

  /* Found while fading out, it is gone once the crossfade is over: then
   * it comes again in the next round. */
  while (slide == NULL)
    {
      kiosk_test_ui_wait_until (slide_on_screen (GTK_WIDGET (window), kind) != NULL);
      kiosk_test_ui_settle (GTK_WIDGET (window));
      slide = slide_on_screen (GTK_WIDGET (window), kind);
    }

  return KIOSK_DATA_SLIDE (slide);
}

static gboolean
label_in (GtkWidget  *widget,
          const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && g_str_equal (gtk_label_get_label (GTK_LABEL (child)), text))
        return TRUE;
      if (label_in (child, text))
        return TRUE;
    }

  return FALSE;
}

/* Off (the default): media only, and no slide ever made. */
static void
test_off (void)
{
  g_autofree char *shape = NULL;

  go_to_attract ();
  kiosk_test_ui_wait_until (kiosk_media_player_get_showing (player ()));
  /* The demo's data is in by then; a check round passes. */
  kiosk_test_ui_run_for (6000);
  shape = loop_shape ();
  g_assert_cmpstr (shape, ==, "m,m");
  g_assert_null (kiosk_test_ui_find (GTK_WIDGET (window), KIOSK_TYPE_DATA_SLIDE, NULL));
}

/* On, live: every kind comes, between the media items; each slide in
 * both languages, screenshot; off again takes them out. */
static void
test_on (void)
{
  GSettings *settings = kiosk_config_get_settings (config);
  const char *orientation = kiosk_test_ui_orientation (GTK_WIDGET (window));
  const char *languages[] = { "de", "en" };
  const char *kinds[] = { "events", "air", "survey" };
  g_autofree char *shape = NULL;

  go_to_attract ();
  g_settings_set_boolean (settings, "attract-data-slides", TRUE);
  kiosk_test_ui_wait_until (loop_has ("events") && loop_has ("air") && loop_has ("survey"));
  /* Two media items, three slides: one slide after each, the rest after. */
  shape = loop_shape ();
  g_assert_cmpstr (shape, ==, "m,events,m,air,survey");

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      go_to_attract ();
      kiosk_window_set_language (window, languages[l]);
      kiosk_test_ui_wait_for_page (window, "attract");
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autofree char *name = g_strdup_printf ("attract-slide-%s-%s-%s", kinds[k],
                                                   orientation, languages[l]);
          g_autofree char *path = NULL;
          KioskDataSlide *slide = wait_for_slide (kinds[k]);

          g_assert_cmpint (kiosk_data_slide_get_kind (slide), ==, k);
          path = kiosk_test_ui_screenshot (GTK_WIDGET (window), name);
          if (g_str_equal (kinds[k], "events"))
            g_assert_true (label_in (GTK_WIDGET (slide), g_str_equal (languages[l], "de")
                                                         ? "Lesestunde für Kinder"
                                                         : "Story time for children"));
          if (g_str_equal (kinds[k], "survey"))
            g_assert_true (label_in (GTK_WIDGET (slide), g_str_equal (languages[l], "de")
                                                         ? "Tippen zum Mitmachen"
                                                         : "Touch to take part"));
        }
    }

  g_settings_set_boolean (settings, "attract-data-slides", FALSE);
  kiosk_test_ui_wait_until (!loop_has ("events") && !loop_has ("air") && !loop_has ("survey"));
  g_settings_set_boolean (settings, "attract-data-slides", TRUE);
  kiosk_test_ui_wait_until (loop_has ("air"));
}

/* The sensors' source fails: the air slide leaves the loop (the others
 * stay) and is not shown; it comes back when the source answers. */
static void
test_stale_source (void)
{
  g_autofree char *shown = NULL;
  KioskMediaPlayer *media;
  gulong id;
  guint steps = 0;

  go_to_attract ();
  kiosk_test_ui_wait_until (loop_has ("air"));
  kiosk_demo_server_set_fault (server, KIOSK_DEMO_SENSORTHINGS_PATH "/Things",
                               KIOSK_DEMO_FAULT_STATUS, 503);
  kiosk_demo_server_set_fault (server, KIOSK_DEMO_NGSI_PATH "/entities",
                               KIOSK_DEMO_FAULT_STATUS, 503);
  kiosk_test_ui_wait_until (!loop_has ("air"));
  g_assert_true (loop_has ("events"));
  g_assert_true (loop_has ("survey"));

  /* A whole round of the loop without it. */
  media = player ();
  id = g_signal_connect (media, "item-shown", G_CALLBACK (slide_shown_cb), &shown);
  while (steps < 5)
    {
      g_autofree char *before = g_strdup (shown);

      kiosk_test_ui_wait_until (g_strcmp0 (shown, before) != 0 || g_strcmp0 (shown, "m") == 0);
      kiosk_test_ui_run_for (IMAGE_SECONDS * 1000);
      g_assert_cmpstr (shown, !=, "air");
      steps++;
    }
  g_signal_handler_disconnect (media, id);

  kiosk_demo_server_set_fault (server, NULL, KIOSK_DEMO_FAULT_NONE, 0);
  kiosk_test_ui_wait_until (loop_has ("air"));
}

/* Without a media source the slides alone make the loop, and the
 * invitation stays over them; the media come back with their source. */
static void
test_slides_alone (void)
{
  g_autoptr(GPtrArray) without = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_source_config_free);
  g_autofree char *shape = NULL;

  for (guint i = 0; i < all_sources->len; i++)
    {
      KioskSourceConfig *source = g_ptr_array_index (all_sources, i);

      if (!g_str_equal (source->kind, "media"))
        g_ptr_array_add (without, kiosk_source_config_copy (source));
    }

  go_to_attract ();
  kiosk_config_set_sources (config, without);
  kiosk_test_ui_wait_until (!loop_has ("m"));
  shape = loop_shape ();
  g_assert_cmpstr (shape, ==, "events,air,survey");
  wait_for_slide ("survey");
  g_assert_true (kiosk_media_player_get_showing (player ()));

  kiosk_config_set_sources (config, all_sources);
  kiosk_test_ui_wait_until (loop_has ("m"));
}

static void
activate_cb (GApplication *application)
{
}

/* Three events today in the kiosk's zone, all day long (so that the test
 * never runs after the last), in both languages. */
static GBytes *
todays_calendar (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autofree char *day = g_date_time_format (now, "%Y%m%d");
  const char *titles[][2] = {
    { "Lesestunde für Kinder", "Story time for children" },
    { "Sprechstunde des Bürgermeisters", "The mayor's office hour" },
    { "Repair-Café im Gemeindesaal", "Repair café in the parish hall" },
  };
  GString *ics = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Ankerort//Test//EN\r\n");

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_string_append_printf (ics,
                            "BEGIN:VEVENT\r\nUID:slide-%u@test\r\nDTSTAMP:20260101T000000Z\r\n"
                            "DTSTART;TZID=Europe/Berlin:%sT00%02u00\r\n"
                            "DTEND;TZID=Europe/Berlin:%sT235900\r\n"
                            "SUMMARY;LANGUAGE=de:%s\r\nSUMMARY;LANGUAGE=en:%s\r\n"
                            "END:VEVENT\r\n",
                            i, day, 5 * (i + 1), day, titles[i][0], titles[i][1]);
  g_string_append (ics, "END:VCALENDAR\r\n");

  return g_string_free_to_bytes (ics);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_source_config_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) calendar = NULL;
  g_autofree char *home = NULL;
  g_autofree char *media_dir = NULL;
  g_autofree char *sensors_url = NULL;
  g_autofree char *path = NULL;
  GSettings *settings;
  int status;

  home = g_dir_make_tmp ("test-ui-attract-slides-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (home, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", path, TRUE);
  g_free (g_steal_pointer (&path));
  path = g_build_filename (home, "data", NULL);
  g_setenv ("XDG_DATA_HOME", path, TRUE);
  g_free (g_steal_pointer (&path));

  kiosk_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);

  server = kiosk_demo_start (sources, &error);
  g_assert_no_error (error);
  calendar = todays_calendar ();
  kiosk_demo_server_set_body (server, KIOSK_DEMO_EVENTS_ICS_PATH, calendar, "text/calendar");

  sensors_url = kiosk_demo_server_get_url (server, "/sensors");
  /* The demo's own loop is made on first run; two pictures do here. The
   * sensors refresh often, so that a failure shows soon. */
  for (guint i = 0; i < sources->len; i++)
    {
      KioskSourceConfig *source = g_ptr_array_index (sources, i);

      if (g_str_equal (source->kind, "media"))
        g_ptr_array_remove_index (sources, i--);
      else if (g_str_has_prefix (source->url, sensors_url))
        source->refresh_interval = 2;
    }
  media_dir = g_build_filename (home, "loop", NULL);
  g_mkdir (media_dir, 0755);
  path = g_build_filename (media_dir, "1-poster.png", NULL);
  kiosk_test_media_make_picture (path, 1280, 720, 0x2266aa);
  g_free (g_steal_pointer (&path));
  path = g_build_filename (media_dir, "2-photo.jpg", NULL);
  kiosk_test_media_make_picture (path, 800, 600, 0x66aa22);
  g_ptr_array_add (sources, kiosk_source_config_new ("loop", "media", media_dir));

  config = kiosk_config_new_default ();
  kiosk_config_set_sources (config, sources);
  all_sources = sources;
  settings = kiosk_config_get_settings (config);
  g_settings_set_string (settings, "place-name", "Stadtbibliothek Musterdorf");
  g_settings_set_string (settings, "time-zone", "Europe/Berlin");
  g_settings_set_uint (settings, "attract-image-seconds", IMAGE_SECONDS);
  g_settings_set_uint (settings, "attract-transition-ms", 400);
  g_settings_set_uint (settings, "idle-timeout", 600);

  app = kiosk_application_new ();
  window = kiosk_test_ui_start_app (app, G_CALLBACK (activate_cb), TRUE);

  g_test_add_func ("/ui/attract-slides/off", test_off);
  g_test_add_func ("/ui/attract-slides/on", test_on);
  g_test_add_func ("/ui/attract-slides/stale-source", test_stale_source);
  g_test_add_func ("/ui/attract-slides/slides-alone", test_slides_alone);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  g_clear_object (&config);
  g_clear_object (&server);
  kiosk_test_media_remove_dir (media_dir);
  kiosk_test_ui_remove_tree (home);

  return status;
}
