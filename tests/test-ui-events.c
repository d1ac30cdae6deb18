/* test-ui-events.c: the events area in the real window under Xvfb: the day
 * list from Musterdorf's demo feeds, filters, an event page with its QR code,
 * both languages, the idle reset, the empty states and 10,000 occurrences,
 * with screenshots of list and page */

#include "config.h"

#include "kiosk-accessibility-page.h"
#include "kiosk-application.h"
#include "kiosk-demo.h"
#include "kiosk-empty-view.h"
#include "kiosk-event-page.h"
#include "kiosk-event.h"
#include "kiosk-events-view.h"
#include "kiosk-fetcher.h"
#include "kiosk-i18n.h"
#include "kiosk-qr-code.h"
#include "kiosk-resettable.h"
#include "kiosk-test-ui.h"
#include "kiosk-window.h"

static KioskApplication *app;
static KioskWindow *window;
static KioskDemoServer *server;

static void
shoot (GtkWidget  *widget,
       const char *screen)
{
  g_autofree char *name = g_strdup_printf ("events-%s-%s-%s",
                                           kiosk_test_ui_orientation (GTK_WIDGET (window)),
                                           kiosk_i18n_get_language (), screen);
  g_autofree char *path = NULL;

  kiosk_test_ui_settle (widget);
  path = kiosk_test_ui_screenshot (widget, name);
}

static KioskEventsView *
events_view (void)
{
  GtkWidget *view = kiosk_window_get_area_view (window, "events");

  g_assert_true (KIOSK_IS_EVENTS_VIEW (view));
  return KIOSK_EVENTS_VIEW (view);
}

static guint
count_events (GListModel *rows)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (rows, i);

      n += KIOSK_IS_EVENT (item);
    }

  return n;
}

/* Both demo feeds are in the list. */
static gboolean
have_both_feeds (void)
{
  GListModel *rows = kiosk_events_view_get_rows (events_view ());
  gboolean have_ical = FALSE, have_schema = FALSE;

  for (guint j = 0; j < g_list_model_get_n_items (rows); j++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (rows, j);

      if (!KIOSK_IS_EVENT (item))
        continue;
      have_ical |= g_str_has_prefix (kiosk_event_get_uid (KIOSK_EVENT (item)), "yoga@");
      have_schema |= g_strcmp0 (kiosk_event_get_uid (KIOSK_EVENT (item)), "theater-ag-krug") == 0;
    }

  return have_ical && have_schema;
}

static guint
find_row (const char *uid_prefix)
{
  GListModel *rows = kiosk_events_view_get_rows (events_view ());

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (rows, i);

      if (KIOSK_IS_EVENT (item) && g_str_has_prefix (kiosk_event_get_uid (KIOSK_EVENT (item)), uid_prefix))
        return i;
    }

  g_assert_not_reached ();
  return 0;
}

static void
show_events (void)
{
  kiosk_window_show_area (window, "events");
  kiosk_test_ui_wait_for_page (window, "events");
  kiosk_test_ui_wait_until_full (have_both_feeds (), "both demo feeds in the list of events");
  kiosk_events_view_refresh (events_view ());
  kiosk_test_ui_settle (GTK_WIDGET (window));
}

static void
test_list (void)
{
  GListModel *rows;
  g_autoptr(GObject) first = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  GDateTime *previous = NULL;

  show_events ();
  rows = kiosk_events_view_get_rows (events_view ());

  /* A heading first, then days in order; nothing that has ended. */
  first = g_list_model_get_item (rows, 0);
  g_assert_true (GTK_IS_STRING_OBJECT (first));
  g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (first)), ==, "Heute");
  /* The exhibition that opened ten days ago is listed under today. */
  g_assert_cmpuint (find_row ("ausstellung-fotos@"), <, 5);
  g_assert_cmpuint (count_events (rows), >, 15);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (rows, i);

      if (!KIOSK_IS_EVENT (item))
        continue;
      g_assert_cmpint (g_date_time_compare (kiosk_event_get_end (KIOSK_EVENT (item)), now), >, 0);
      g_assert_false (g_str_has_prefix (kiosk_event_get_uid (KIOSK_EVENT (item)), "vortrag-gestern"));
      if (previous != NULL && g_date_time_compare (kiosk_event_get_start (KIOSK_EVENT (item)), previous) < 0)
        {
          /* only what runs since before today may come first */
          g_assert_cmpint (g_date_time_compare (kiosk_event_get_start (KIOSK_EVENT (item)), now), <, 0);
        }
      previous = kiosk_event_get_start (KIOSK_EVENT (item));
    }
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_LABEL, "Morgen"));
  shoot (GTK_WIDGET (window), "list");
}

static void
test_filters_and_reset (void)
{
  KioskEventsView *view;
  GtkWidget *today, *category;
  GListModel *rows;
  guint all, filtered;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;

  show_events ();
  view = events_view ();
  rows = kiosk_events_view_get_rows (view);
  all = count_events (rows);
  midnight = g_date_time_new (tz, g_date_time_get_year (now), g_date_time_get_month (now),
                              g_date_time_get_day_of_month (now), 0, 0, 0);
  tomorrow = g_date_time_add_days (midnight, 1);

  today = kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_TOGGLE_BUTTON, "Heute");
  g_assert_nonnull (today);
  kiosk_test_ui_click (today);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (today)));
  filtered = count_events (rows);
  g_assert_cmpuint (filtered, <, all);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (rows, i);

      if (KIOSK_IS_EVENT (item))
        g_assert_cmpint (g_date_time_compare (kiosk_event_get_start (KIOSK_EVENT (item)), tomorrow), <, 0);
    }
  shoot (GTK_WIDGET (window), "filter-today");
  kiosk_test_ui_click (today);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (today)));
  g_assert_cmpuint (count_events (rows), ==, all);

  /* A category chip: every row has that category. */
  category = kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_TOGGLE_BUTTON, "Kultur");
  g_assert_nonnull (category);
  kiosk_test_ui_click (category);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (category)));
  g_assert_cmpuint (count_events (rows), <, all);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (rows, i);

      if (KIOSK_IS_EVENT (item))
        g_assert_true (g_strv_contains (kiosk_event_get_categories (KIOSK_EVENT (item)), "Kultur"));
    }

  /* The idle reset clears the filters and scrolls back up. */
  {
    GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (kiosk_events_view_get_list_view (view)));
    GtkWidget *week = kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_TOGGLE_BUTTON, "Diese Woche");

    kiosk_test_ui_click (week);
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (week)));
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (category)));
    kiosk_resettable_reset (KIOSK_RESETTABLE (view));
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (week)));
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (category)));
    g_assert_cmpuint (count_events (rows), ==, all);

    /* All the rows (late on a Sunday this week has few): laid out first,
     * so that there is somewhere to scroll to. */
    kiosk_test_ui_settle (GTK_WIDGET (view));
    gtk_adjustment_set_value (adjustment, 2 * gtk_adjustment_get_page_size (adjustment));
    kiosk_test_ui_settle (GTK_WIDGET (view));
    g_test_message ("%u rows; scrolled to %.0f of %.0f, %.0f on screen", count_events (rows),
                    gtk_adjustment_get_value (adjustment), gtk_adjustment_get_upper (adjustment),
                    gtk_adjustment_get_page_size (adjustment));
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
    kiosk_resettable_reset (KIOSK_RESETTABLE (view));
    kiosk_test_ui_settle (GTK_WIDGET (view));
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (today)));
  }
}

static KioskEventPage *
open_event (const char *uid_prefix)
{
  GtkWidget *page;

  show_events ();
  page = kiosk_events_view_open_row (events_view (), find_row (uid_prefix));
  g_assert_true (KIOSK_IS_EVENT_PAGE (page));
  kiosk_test_ui_wait_for_page (window, "page-");
  g_assert_true (gtk_widget_get_mapped (page));

  return KIOSK_EVENT_PAGE (page);
}

static void
test_open_by_tap (void)
{
  GtkWidget *row;
  const char *before;

  show_events ();
  /* A real tap on the first event row on screen (row widgets hold a
   * heading and an event box; headings are not rows to tap). */
  row = NULL;
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (kiosk_events_view_get_list_view (events_view ())));
       w != NULL && row == NULL;
       w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *box = gtk_widget_get_first_child (w);
      GtkWidget *event_box = box != NULL ? gtk_widget_get_last_child (box) : NULL;

      if (event_box != NULL && gtk_widget_get_mapped (event_box) &&
          gtk_widget_has_css_class (event_box, "event-row"))
        row = event_box;
    }
  g_assert_nonnull (row);
  before = kiosk_window_get_current (window);
  g_assert_cmpstr (before, ==, "events");
  kiosk_test_ui_click (row);
  kiosk_test_ui_wait_for_page (window, "page-");
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (window), KIOSK_TYPE_QR_CODE, NULL));
  kiosk_window_go_back (window);
  kiosk_test_ui_wait_for_page (window, "events");
}

/* The map's card opens an event's page through win.show-event (uid):
 * its next occurrence, with Back leading to the list. */
static void
test_show_event_action (void)
{
  GListModel *items = kiosk_source_list_get_items (kiosk_application_get_sources (app),
                                                   KIOSK_AREA_EVENTS);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *uid = NULL;
  guint n = g_list_model_get_n_items (items);

  for (guint i = 0; i < n && uid == NULL; i++)
    {
      g_autoptr(KioskEvent) event = g_list_model_get_item (items, i);
      GDateTime *end = kiosk_event_get_end (event);

      if (end != NULL && g_date_time_compare (end, now) > 0)
        uid = g_strdup (kiosk_event_get_uid (event));
    }
  g_assert_nonnull (uid);

  kiosk_window_show_area (window, "map");
  kiosk_test_ui_wait_for_page (window, "map");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-event", "s", uid));
  kiosk_test_ui_wait_for_page (window, "page-");
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (window), KIOSK_TYPE_QR_CODE, NULL));

  kiosk_window_go_back (window);
  kiosk_test_ui_wait_for_page (window, "events");
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "events");
}

static gboolean
page_has_picture (KioskEventPage *page)
{
  GtkWidget *picture = kiosk_test_ui_find (GTK_WIDGET (page), GTK_TYPE_PICTURE, NULL);

  return picture != NULL && gtk_picture_get_paintable (GTK_PICTURE (picture)) != NULL;
}

static void
test_page_with_url (void)
{
  KioskEventPage *page = open_event ("https://tourismus.musterdorf.example/events/lesung");
  KioskQrCode *qr = KIOSK_QR_CODE (kiosk_event_page_get_qr_code (page));
  GtkWidget *map_button;
  g_autoptr(GVariant) target = NULL;

  /* The QR code for the event's page, big enough to scan from 50 cm. */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (qr)));
  g_assert_cmpstr (kiosk_qr_code_get_text (qr), ==,
                   "https://tourismus.musterdorf.example/events/lesung-heimat");
  g_assert_cmpuint (kiosk_qr_code_get_modules (qr), >=, 21);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (qr)), >=, 300);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (qr)), >=, 300);
  /* The finder pattern's corner is dark: a real code, not a blank box. */
  g_assert_true (kiosk_qr_code_is_dark (qr, 0, 0));
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (page), GTK_TYPE_LABEL,
                                        "Mit dem Handy scannen, um die Seite der Veranstaltung zu öffnen"));
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (page), GTK_TYPE_LABEL, "Eintritt: 5,00 €"));

  map_button = kiosk_test_ui_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, NULL);
  map_button = kiosk_test_ui_find (GTK_WIDGET (page), GTK_TYPE_LABEL, "Auf der Karte zeigen");
  g_assert_nonnull (map_button);
  map_button = gtk_widget_get_ancestor (map_button, GTK_TYPE_BUTTON);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (map_button)), ==, "win.show-on-map");
  target = g_variant_ref (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (map_button)));
  g_assert_true (g_variant_is_of_type (target, G_VARIANT_TYPE ("(sdd)")));

  /* the picture arrives from the demo server */
  kiosk_test_ui_wait_until_full (page_has_picture (page), "the event's picture from the demo server");
  shoot (GTK_WIDGET (window), "page");
  kiosk_window_go_back (window);
  kiosk_test_ui_wait_for_page (window, "events");
}

static void
test_page_without_url (void)
{
  KioskEventPage *page = open_event ("gemeinderat@");
  KioskQrCode *qr = KIOSK_QR_CODE (kiosk_event_page_get_qr_code (page));

  /* No web page: the QR code carries the event itself. */
  g_assert_true (g_str_has_prefix (kiosk_qr_code_get_text (qr), "BEGIN:VCALENDAR"));
  g_assert_nonnull (strstr (kiosk_qr_code_get_text (qr), "SUMMARY:Öffentliche Sitzung des Gemeinderats"));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (qr)), >=, 300);
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (page), GTK_TYPE_LABEL,
                                        "Mit dem Handy scannen, um den Termin in den Kalender zu übernehmen"));
  shoot (GTK_WIDGET (window), "page-ics");
  kiosk_window_go_back (window);
  kiosk_test_ui_wait_for_page (window, "events");
}

static void
test_page_cancelled (void)
{
  KioskEventPage *page = open_event ("blaskapelle@");

  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (page), GTK_TYPE_LABEL,
                                        "Abgesagt: Diese Veranstaltung findet nicht statt."));
  shoot (GTK_WIDGET (window), "page-cancelled");
  kiosk_window_go_back (window);
  kiosk_test_ui_wait_for_page (window, "events");

  page = open_event ("theater-ag-krug");
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (page), GTK_TYPE_LABEL,
                                        "Verschoben: Der neue Termin steht noch nicht fest."));
  kiosk_window_go_back (window);
  kiosk_test_ui_wait_for_page (window, "events");
}

static void
test_english (void)
{
  KioskEventPage *page;

  kiosk_window_set_language (window, "en");
  show_events ();
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, "Today"));
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_LABEL, "Tomorrow"));
  shoot (GTK_WIDGET (window), "list");

  /* The demo's German categories read in English, chips and all. */
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, "Culture"));
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, "Family"));
  g_assert_null (kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, "Kultur"));

  page = open_event ("https://tourismus.musterdorf.example/events/lesung");
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (page), GTK_TYPE_LABEL,
                                        "Reading: local stories from Musterdorf"));
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (page), GTK_TYPE_LABEL, "Culture · Literature"));
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (page), GTK_TYPE_LABEL,
                                        "Accessibility: Wheelchair accessible"));
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (page), GTK_TYPE_LABEL, "Show on the map"));
  kiosk_test_ui_wait_until_full (page_has_picture (page), "the event's picture from the demo server");
  shoot (GTK_WIDGET (window), "page");
  kiosk_window_go_back (window);

  page = open_event ("yoga@");
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (page), GTK_TYPE_LABEL, "Yoga in the park"));
  shoot (GTK_WIDGET (window), "page-yoga");
  kiosk_window_go_back (window);
  kiosk_window_set_language (window, "de");
  kiosk_test_ui_settle (GTK_WIDGET (window));
}

/* #15.7: a language switch keeps the chosen category, the open event
 * and the accessibility page on top. */
static void
test_language_keeps_place (void)
{
  KioskEventPage *page;
  GtkWidget *chip;

  kiosk_window_set_language (window, "de");
  show_events ();
  chip = kiosk_test_ui_find (GTK_WIDGET (events_view ()), GTK_TYPE_TOGGLE_BUTTON, "Kultur");
  kiosk_test_ui_click (chip);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (chip)));
  page = KIOSK_EVENT_PAGE (kiosk_events_view_open_row (events_view (),
                                                       find_row ("https://tourismus.musterdorf.example/events/lesung")));
  kiosk_test_ui_wait_for_page (window, "page-");
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (page), GTK_TYPE_LABEL,
                                        "Barrierefreiheit: Rollstuhlgerecht"));

  kiosk_window_set_language (window, "en");
  kiosk_test_ui_settle (GTK_WIDGET (window));
  g_assert_true (g_str_has_prefix (kiosk_window_get_current (window), "page-"));
  page = KIOSK_EVENT_PAGE (kiosk_test_ui_find (GTK_WIDGET (window), KIOSK_TYPE_EVENT_PAGE, NULL));
  g_assert_nonnull (page);
  g_assert_true (g_str_has_prefix (kiosk_event_get_uid (kiosk_event_page_get_event (page)),
                                   "https://tourismus.musterdorf.example/events/lesung"));
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (page), GTK_TYPE_LABEL,
                                        "Reading: local stories from Musterdorf"));
  shoot (GTK_WIDGET (window), "page-after-language-switch");

  /* Back leads to the list, still filtered, the chip in English. */
  kiosk_window_go_back (window);
  kiosk_test_ui_wait_for_page (window, "events");
  chip = kiosk_test_ui_find (GTK_WIDGET (events_view ()), GTK_TYPE_TOGGLE_BUTTON, "Culture");
  g_assert_nonnull (chip);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (chip)));

  /* The accessibility page stays open across a switch too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-accessibility", NULL));
  kiosk_test_ui_wait_for_page (window, "page-");
  kiosk_window_set_language (window, "de");
  kiosk_test_ui_settle (GTK_WIDGET (window));
  g_assert_true (g_str_has_prefix (kiosk_window_get_current (window), "page-"));
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (window), KIOSK_TYPE_ACCESSIBILITY_PAGE, NULL));
  g_assert_null (kiosk_test_ui_find (GTK_WIDGET (window), KIOSK_TYPE_EVENT_PAGE, NULL));
  kiosk_window_go_back (window);
  kiosk_resettable_reset (KIOSK_RESETTABLE (events_view ()));
  kiosk_window_show_area (window, "home");
  kiosk_test_ui_settle (GTK_WIDGET (window));
}

/* A view of its own, outside the window, on a source list we fill. */
static GtkWidget *
standalone_view (KioskSourceList *sources,
                 GtkWidget      **window_out)
{
  g_autoptr(KioskConfig) config = kiosk_config_new_default ();
  g_autoptr(KioskFetcher) fetcher = kiosk_fetcher_new ();
  g_autoptr(KioskServices) services = kiosk_services_new (fetcher, sources, NULL);
  GtkWidget *view = kiosk_events_view_new (config, services);
  GtkWidget *win = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (win), 1080, 1000);
  gtk_window_set_child (GTK_WINDOW (win), view);
  gtk_window_present (GTK_WINDOW (win));
  kiosk_test_ui_settle (view);
  *window_out = win;

  return view;
}

static void
test_empty_states (void)
{
  g_autoptr(KioskSourceList) none = kiosk_source_list_new ();
  g_autoptr(KioskSourceList) list = kiosk_source_list_new ();
  g_autoptr(KioskSourceConfig) config = kiosk_source_config_new ("empty", "ical", "file:///nonexistent.ics");
  g_autoptr(KioskSource) source = kiosk_source_new (config);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *win = NULL, *view;

  view = standalone_view (none, &win);
  g_assert_true (KIOSK_IS_EMPTY_VIEW (view));
  gtk_window_destroy (GTK_WINDOW (win));

  kiosk_source_list_add (list, source);
  kiosk_source_set_items (source, items);
  view = standalone_view (list, &win);
  g_assert_true (KIOSK_IS_EVENTS_VIEW (view));
  g_assert_nonnull (kiosk_test_ui_find (view, GTK_TYPE_LABEL, "Keine Veranstaltungen angekündigt"));
  kiosk_test_ui_screenshot (win, "events-de-empty");
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_ten_thousand (void)
{
  g_autoptr(KioskSourceList) list = kiosk_source_list_new ();
  g_autoptr(KioskSourceConfig) config = kiosk_source_config_new ("many", "ical", "file:///many.ics");
  g_autoptr(KioskSource) source = kiosk_source_new (config);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkWidget *win = NULL, *view;
  GtkListView *list_view;
  GtkAdjustment *adjustment;
  guint children = 0;

  for (guint i = 0; i < 10000; i++)
    {
      g_autoptr(GDateTime) start = g_date_time_add_minutes (now, 30 + (int) i * 13);
      g_autofree char *uid = g_strdup_printf ("many-%u", i);
      g_autofree char *title = g_strdup_printf ("Veranstaltung Nummer %u", i);

      g_ptr_array_add (items, kiosk_event_new (uid, title, start));
    }
  kiosk_source_list_add (list, source);
  kiosk_source_set_items (source, items);

  view = standalone_view (list, &win);
  list_view = kiosk_events_view_get_list_view (KIOSK_EVENTS_VIEW (view));
  g_assert_cmpuint (count_events (kiosk_events_view_get_rows (KIOSK_EVENTS_VIEW (view))), ==, 10000);

  /* Scroll through: GtkListView keeps only the rows on screen. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  for (guint step = 0; step < 20; step++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) * step / 20);
      kiosk_test_ui_settle (view);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    children++;
  g_test_message ("%u row widgets for 10000 occurrences", children);
  g_assert_cmpuint (children, <, 300);
  gtk_window_destroy (GTK_WINDOW (win));
}

static gboolean
has_ended (GDateTime *end)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_compare (now, end) > 0;
}

static void
test_ended_drop_out (void)
{
  g_autoptr(KioskSourceList) list = kiosk_source_list_new ();
  g_autoptr(KioskSourceConfig) config = kiosk_source_config_new ("soon", "ical", "file:///soon.ics");
  g_autoptr(KioskSource) source = kiosk_source_new (config);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_add_minutes (now, -30);
  g_autoptr(GDateTime) soon = g_date_time_add_seconds (now, 1.5);
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 2);
  KioskEvent *ending = kiosk_event_new ("ending", "Endet gleich", start);
  GtkWidget *win = NULL, *view;
  GListModel *rows;

  kiosk_event_set_end (ending, soon);
  g_ptr_array_add (items, ending);
  g_ptr_array_add (items, kiosk_event_new ("later", "Später", later));
  kiosk_source_list_add (list, source);
  kiosk_source_set_items (source, items);

  view = standalone_view (list, &win);
  rows = kiosk_events_view_get_rows (KIOSK_EVENTS_VIEW (view));
  g_assert_cmpuint (count_events (rows), ==, 2);

  /* Once it is over, the next rebuild (the view's 30 s tick) drops it. */
  kiosk_test_ui_wait_until_full (has_ended (soon), "the event's end to pass");
  kiosk_events_view_refresh (KIOSK_EVENTS_VIEW (view));
  g_assert_cmpuint (count_events (rows), ==, 1);
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
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_source_config_free);
  g_autoptr(KioskConfig) config = NULL;
  int status;

  kiosk_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);

  /* Musterdorf's demo API on loopback; the settings point the kiosk at it. */
  server = kiosk_demo_start (sources, &error);
  g_assert_no_error (error);
  config = kiosk_config_new_default ();
  kiosk_config_set_sources (config, sources);
  g_settings_set_string (kiosk_config_get_settings (config), "time-zone", "Europe/Berlin");

  app = kiosk_application_new ();
  window = kiosk_test_ui_start_app (app, G_CALLBACK (activate_cb), FALSE);

  g_test_add_func ("/ui/events/list", test_list);
  g_test_add_func ("/ui/events/filters-and-reset", test_filters_and_reset);
  g_test_add_func ("/ui/events/open-by-tap", test_open_by_tap);
  g_test_add_func ("/ui/events/show-event-action", test_show_event_action);
  g_test_add_func ("/ui/events/page-with-url", test_page_with_url);
  g_test_add_func ("/ui/events/page-without-url", test_page_without_url);
  g_test_add_func ("/ui/events/page-cancelled", test_page_cancelled);
  g_test_add_func ("/ui/events/english", test_english);
  g_test_add_func ("/ui/events/language-keeps-place", test_language_keeps_place);
  g_test_add_func ("/ui/events/empty-states", test_empty_states);
  g_test_add_func ("/ui/events/ten-thousand", test_ten_thousand);
  g_test_add_func ("/ui/events/ended-drop-out", test_ended_drop_out);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  kiosk_demo_server_stop (server);
  g_clear_object (&server);

  return status;
}
