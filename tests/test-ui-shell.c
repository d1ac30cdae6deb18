/* test-ui-shell.c: the real kiosk window under Xvfb: attract, home, areas,
 * idle reset, language switch, lockdown, with screenshots of every screen */

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-application.h"
#include "kiosk-attract-view.h"
#include "kiosk-home-view.h"
#include "kiosk-i18n.h"
#include "kiosk-test-ui.h"
#include "kiosk-window.h"

static KioskApplication *app;
static KioskWindow *window;

static const char *areas[] = { "events", "map", "sensors", "surveys" };

static void
shoot (const char *screen)
{
  g_autofree char *name = g_strdup_printf ("shell-%s-%s-%s",
                                           kiosk_test_ui_orientation (GTK_WIDGET (window)),
                                           kiosk_i18n_get_language (),
                                           screen);
  g_autofree char *path = NULL;

  kiosk_test_ui_settle (GTK_WIDGET (window));
  path = kiosk_test_ui_screenshot (GTK_WIDGET (window), name);
}

static GtkWidget *
visible_button (const char *label)
{
  GtkWidget *button = kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, label);

  if (button == NULL)
    g_test_message ("no visible button “%s” on %s", label, kiosk_window_get_current (window));
  g_assert_nonnull (button);
  return button;
}

static void
go_to_attract (void)
{
  kiosk_window_reset (window);
  kiosk_test_ui_wait_for_page (window, "attract");
}

static void
test_fullscreen (void)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  GListModel *monitors = gdk_display_get_monitors (display);
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle geometry;

  gdk_monitor_get_geometry (monitor, &geometry);
  g_assert_true (gtk_window_is_fullscreen (GTK_WINDOW (window)));
  g_assert_false (gtk_window_get_decorated (GTK_WINDOW (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Ankerort");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, geometry.width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), ==, geometry.height);
  g_assert_cmpint (kiosk_window_get_portrait (window), ==, geometry.height > geometry.width);
}

static void
test_attract_to_home (void)
{
  GtkWidget *attract;

  go_to_attract ();
  attract = kiosk_test_ui_find (GTK_WIDGET (window), KIOSK_TYPE_ATTRACT_VIEW, NULL);
  g_assert_nonnull (attract);
  g_assert_nonnull (kiosk_test_ui_find (attract, GTK_TYPE_LABEL, "Tippen zum Starten"));
  shoot ("attract");

  /* A touch anywhere, here near a corner, opens Home. */
  kiosk_test_ui_click (attract);
  kiosk_test_ui_wait_for_page (window, "home");
  shoot ("home");

  /* Home has the four tiles and no Back or Home control. */
  g_assert_nonnull (visible_button ("Veranstaltungen"));
  g_assert_nonnull (visible_button ("Stadtplan"));
  g_assert_nonnull (visible_button ("Umwelt"));
  g_assert_nonnull (visible_button ("Mitmachen"));
  g_assert_null (kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, "Zurück"));
  g_assert_null (kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, "Start"));
}

static void
test_areas (void)
{
  const char *tiles[] = { "Veranstaltungen", "Stadtplan", "Umwelt", "Mitmachen" };

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      GtkWidget *tile;
      GtkWidget *home;

      go_to_attract ();
      kiosk_window_show_area (window, "home");
      kiosk_test_ui_wait_for_page (window, "home");

      tile = visible_button (tiles[i]);
      kiosk_test_ui_click (tile);
      kiosk_test_ui_wait_for_page (window, areas[i]);
      shoot (areas[i]);

      /* Home and Back on every view but Home; both lead back here. */
      home = visible_button ("Start");
      g_assert_nonnull (visible_button ("Zurück"));
      kiosk_test_ui_click (visible_button ("Zurück"));
      kiosk_test_ui_wait_for_page (window, "home");

      kiosk_test_ui_click (visible_button (tiles[i]));
      kiosk_test_ui_wait_for_page (window, areas[i]);
      home = visible_button ("Start");
      kiosk_test_ui_click (home);
      kiosk_test_ui_wait_for_page (window, "home");
    }
}

/* Today's long date, in the UI language and the kiosk's time zone, is on
 * screen. Asked afresh each time, so a wait across midnight still ends. */
static gboolean
header_shows_today (void)
{
  g_autoptr(GTimeZone) tz = kiosk_config_get_time_zone (kiosk_application_get_config (app));
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autofree char *date = kiosk_i18n_format_date_long (now);

  return kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_LABEL, date) != NULL;
}

static void
test_language (void)
{
  go_to_attract ();
  kiosk_window_show_area (window, "events");
  kiosk_test_ui_wait_for_page (window, "events");
  g_assert_nonnull (visible_button ("English"));

  kiosk_test_ui_click (visible_button ("English"));
  kiosk_test_ui_wait_until (g_str_equal (kiosk_i18n_get_language (), "en"));
  kiosk_test_ui_settle (GTK_WIDGET (window));

  /* Every visible string changes at once, and we stay where we were. */
  g_assert_cmpstr (kiosk_i18n_get_language (), ==, "en");
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "events");
  g_assert_nonnull (visible_button ("Home"));
  g_assert_nonnull (visible_button ("Back"));
  g_assert_nonnull (visible_button ("Deutsch"));
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_LABEL, "Events"));
  g_assert_null (kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, "Start"));
  shoot ("events");

  kiosk_test_ui_click (visible_button ("Home"));
  kiosk_test_ui_wait_for_page (window, "home");
  g_assert_nonnull (visible_button ("Events"));
  g_assert_nonnull (visible_button ("City map"));
  g_assert_nonnull (visible_button ("Environment"));
  g_assert_nonnull (visible_button ("Take part"));
  shoot ("home");

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      kiosk_window_show_area (window, areas[i]);
      shoot (areas[i]);
    }

  /* The date in the header follows the language too, in the kiosk's
   * zone (not the machine's: the tests run far from Berlin). */
  kiosk_test_ui_wait_until_full (header_shows_today (), "the header to show today's date in English");

  kiosk_test_ui_click (visible_button ("Deutsch"));
  kiosk_test_ui_wait_until (g_str_equal (kiosk_i18n_get_language (), "de"));
  kiosk_test_ui_settle (GTK_WIDGET (window));
  g_assert_nonnull (visible_button ("Start"));
}

static void
remaining_cb (KioskIdleMonitor *idle,
              GParamSpec       *pspec,
              gboolean         *saw_countdown)
{
  guint remaining = kiosk_idle_monitor_get_remaining (idle);

  if (remaining > 0 && remaining <= KIOSK_IDLE_COUNTDOWN)
    *saw_countdown = TRUE;
}

static void
test_idle_reset (void)
{
  KioskIdleMonitor *idle = kiosk_window_get_idle_monitor (window);
  guint old_timeout = kiosk_idle_monitor_get_timeout (idle);
  gboolean saw_countdown = FALSE;
  GtkWidget *countdown;
  gulong handler;

  go_to_attract ();
  kiosk_idle_monitor_set_timeout (idle, 4);
  handler = g_signal_connect (idle, "notify::remaining", G_CALLBACK (remaining_cb), &saw_countdown);

  kiosk_window_show_area (window, "sensors");
  kiosk_window_set_language (window, "en");
  kiosk_test_ui_wait_for_page (window, "sensors");

  /* Input keeps it alive past the timeout: here time passing is the point. */
  for (guint i = 0; i < 3; i++)
    {
      kiosk_test_ui_run_for (1500);
      if (!kiosk_test_ui_key (GTK_WIDGET (window), "shift"))
        {
          g_test_skip ("xdotool is not available");
          break;
        }
      g_assert_cmpstr (kiosk_window_get_current (window), ==, "sensors");
    }

  /* ...then, left alone, the visible countdown, then the reset. */
  kiosk_test_ui_wait_until (saw_countdown);
  kiosk_test_ui_wait_until ((countdown = kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_BUTTON,
                                                             "Continue")) != NULL);
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "sensors");
  shoot ("countdown");

  kiosk_test_ui_wait_until (g_str_equal (kiosk_window_get_current (window), "attract"));
  g_assert_cmpstr (kiosk_i18n_get_language (), ==, "de");

  g_signal_handler_disconnect (idle, handler);
  kiosk_idle_monitor_set_timeout (idle, old_timeout);
}

static void
test_lockdown (void)
{
  const char *keys[] = { "ctrl+q", "ctrl+w", "alt+F4", "F11", "Escape", "ctrl+shift+i", "ctrl+shift+d" };

  go_to_attract ();
  kiosk_window_show_area (window, "events");
  kiosk_test_ui_wait_for_page (window, "events");

  /* The window manager's close (Alt+F4, a close button) is refused. */
  gtk_window_close (GTK_WINDOW (window));
  kiosk_test_ui_settle (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (!kiosk_test_ui_key (GTK_WIDGET (window), keys[i]))
        {
          g_test_skip ("xdotool is not available");
          return;
        }
      kiosk_test_ui_settle (GTK_WIDGET (window));
      g_test_message ("pressed %s", keys[i]);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
      /* The window manager's F11 takes fullscreen away; the kiosk asks
       * for it back at once, which takes a round trip. */
      kiosk_test_ui_wait_until (gtk_window_is_fullscreen (GTK_WINDOW (window)));
      g_assert_nonnull (gtk_application_get_windows (GTK_APPLICATION (app)));
    }
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "events");
}

static void
test_accessibility (void)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (window));
  g_autofree char *font_before = NULL;
  g_autofree char *font_large = NULL;
  g_autofree char *font_after = NULL;
  GtkWidget *reach;
  GtkWidget *header;
  GtkWidget *pages;
  graphene_point_t origin = GRAPHENE_POINT_INIT (0, 0), header_at, pages_at;

  go_to_attract ();
  kiosk_window_show_area (window, "home");
  /* Past the attract → kiosk crossfade, so the tap reaches the header. */
  kiosk_test_ui_wait_for_page (window, "home");
  g_object_get (settings, "gtk-font-name", &font_before, NULL);

  kiosk_test_ui_click (visible_button ("Barrierefreiheit"));
  kiosk_test_ui_wait_until (kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, "Große Schrift") != NULL);
  shoot ("accessibility");

  kiosk_test_ui_click (visible_button ("Große Schrift"));
  g_object_get (settings, "gtk-font-name", &font_large, NULL);
  g_assert_cmpstr (font_before, !=, font_large);

  kiosk_test_ui_click (visible_button ("Hoher Kontrast"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "high-contrast"));

  if (kiosk_window_get_portrait (window))
    {
      reach = visible_button ("Bedienung unten");
      kiosk_test_ui_click (reach);
      kiosk_test_ui_wait_until (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (reach)));
    }
  else
    {
      /* Reach mode is offered on a portrait screen only. */
      g_assert_null (kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, "Bedienung unten"));
      kiosk_window_set_reach_mode (window, TRUE);
    }
  shoot ("accessibility-on");

  /* Reach mode on a portrait stele puts the header below the content. */
  header = kiosk_test_ui_find (GTK_WIDGET (window), g_type_from_name ("KioskHeader"), NULL);
  /* The pages are the header's nearest shown sibling (a warnings' banner
   * beside it is hidden while no warning applies). */
  pages = gtk_widget_get_next_sibling (header);
  while (pages != NULL && !gtk_widget_get_visible (pages))
    pages = gtk_widget_get_next_sibling (pages);
  if (pages == NULL)
    pages = gtk_widget_get_prev_sibling (header);
  while (pages != NULL && !gtk_widget_get_visible (pages))
    pages = gtk_widget_get_prev_sibling (pages);
  g_assert_nonnull (pages);
  g_assert_true (gtk_widget_compute_point (header, GTK_WIDGET (window), &origin, &header_at));
  g_assert_true (gtk_widget_compute_point (pages, GTK_WIDGET (window), &origin, &pages_at));
  if (kiosk_window_get_portrait (window))
    g_assert_cmpfloat (header_at.y, >, pages_at.y);
  else
    g_assert_cmpfloat (header_at.y, <, pages_at.y);

  kiosk_window_show_area (window, "home");
  shoot ("home-accessible");

  /* The next person gets the defaults back. */
  kiosk_window_reset (window);
  kiosk_test_ui_wait_for_page (window, "attract");
  g_object_get (settings, "gtk-font-name", &font_after, NULL);
  g_assert_cmpstr (font_after, ==, font_before);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "high-contrast"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "reach-mode"));
}

static void
activate_cb (GApplication *application)
{
}

int
main (int   argc,
      char *argv[])
{
  int status;

  kiosk_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);

  app = kiosk_application_new ();
  window = kiosk_test_ui_start_app (app, G_CALLBACK (activate_cb), TRUE);

  g_test_add_func ("/ui/shell/fullscreen", test_fullscreen);
  g_test_add_func ("/ui/shell/attract-to-home", test_attract_to_home);
  g_test_add_func ("/ui/shell/areas", test_areas);
  g_test_add_func ("/ui/shell/language", test_language);
  g_test_add_func ("/ui/shell/idle-reset", test_idle_reset);
  g_test_add_func ("/ui/shell/accessibility", test_accessibility);
  g_test_add_func ("/ui/shell/lockdown", test_lockdown);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);

  return status;
}
