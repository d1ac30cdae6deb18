/* test-ui-layout.c: every screen fits every output from 1024×768 to
 * 3840×2160 in both orientations, in large text, high contrast and reach
 * mode, with nothing drawn past the window's edges; screenshots of each */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kiosk-application.h"
#include "kiosk-demo.h"
#include "kiosk-event.h"
#include "kiosk-events-view.h"
#include "kiosk-i18n.h"
#include "kiosk-map-view.h"
#include "kiosk-qr-code.h"
#include "kiosk-survey-flow.h"
#include "kiosk-survey-question-view.h"
#include "kiosk-surveys-view.h"
#include "kiosk-test-ui.h"
#include "kiosk-window.h"

static KioskApplication *app;
static KioskWindow *window;
static KioskDemoServer *server;

typedef struct
{
  const char *name;
  gboolean    large_text;
  gboolean    high_contrast;
  gboolean    reach_mode;
} Mode;

static const Mode modes[] = {
  { "plain", FALSE, FALSE, FALSE },
  { "large", TRUE, FALSE, FALSE },
  { "contrast", FALSE, TRUE, FALSE },
  { "reach", FALSE, FALSE, TRUE },
  { "all", TRUE, TRUE, TRUE },
};

/* The smallest outputs of each orientation a kiosk may be given, and the
 * common ones: the window's minimum size must fit each. */
static const int landscape_outputs[][2] = { { 1024, 768 }, { 1280, 800 }, { 1920, 1080 } };
static const int portrait_outputs[][2] = { { 768, 1024 }, { 800, 1280 }, { 1080, 1920 } };

static void
apply_mode (const Mode *mode)
{
  kiosk_window_set_large_text (window, mode->large_text);
  kiosk_window_set_high_contrast (window, mode->high_contrast);
  kiosk_window_set_reach_mode (window, mode->reach_mode);
  /* Twice: a view that rearranges itself for its new size does so after
   * the first frame. */
  kiosk_test_ui_settle (GTK_WIDGET (window));
  kiosk_test_ui_settle (GTK_WIDGET (window));
}

static void
shoot (const char *screen,
       const Mode *mode)
{
  g_autofree char *name = g_strdup_printf ("layout-%s-%s-%s-%s",
                                           kiosk_test_ui_orientation (GTK_WIDGET (window)),
                                           kiosk_i18n_get_language (), screen, mode->name);
  g_autofree char *path = NULL;

  kiosk_test_ui_settle (GTK_WIDGET (window));
  path = kiosk_test_ui_screenshot (GTK_WIDGET (window), name);
}

/* Every widget outside a scrolled area lies inside the window: nothing is
 * cut off at an edge. Inside a scrolled area only the direction that does
 * not scroll is checked. */
static void
assert_inside (GtkWidget   *widget,
               const char  *screen,
               gboolean     check_x,
               gboolean     check_y)
{
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget) || !(check_x || check_y))
    return;
  /* Markers and tiles move with the map under the window's edges. */
  if (g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Shumate"))
    return;

  if (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds) &&
      bounds.size.width > 0 && bounds.size.height > 0)
    {
      if ((check_x && (bounds.origin.x < -1 || bounds.origin.x + bounds.size.width > width + 1)) ||
          (check_y && (bounds.origin.y < -1 || bounds.origin.y + bounds.size.height > height + 1)))
        {
          g_test_message ("%s: %s (%s) at %.0f,%.0f %.0f×%.0f is outside the %d×%d window",
                          screen, G_OBJECT_TYPE_NAME (widget),
                          gtk_widget_get_css_name (widget),
                          bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height,
                          width, height);
          for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL; up = gtk_widget_get_parent (up))
            if (gtk_widget_compute_bounds (up, GTK_WIDGET (window), &bounds))
              g_test_message ("  in %s at %.0f,%.0f %.0f×%.0f", G_OBJECT_TYPE_NAME (up),
                              bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height);
          g_test_fail ();
          return;
        }
    }

  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkPolicyType hpolicy, vpolicy;

      gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (widget), &hpolicy, &vpolicy);
      check_x &= hpolicy == GTK_POLICY_NEVER;
      check_y &= vpolicy == GTK_POLICY_NEVER;
    }
  else if (GTK_IS_SCROLLBAR (widget) || GTK_IS_VIEWPORT (widget) || GTK_IS_LIST_VIEW (widget) || GTK_IS_GRID_VIEW (widget))
    {
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_inside (child, screen, check_x, check_y);
}

/* The scrolled window around the page stack. */
static GtkWidget *
pages_scroller_of (GtkWidget *pages)
{
  GtkWidget *up = pages;

  while (up != NULL && !GTK_IS_SCROLLED_WINDOW (up))
    up = gtk_widget_get_parent (up);
  g_assert_nonnull (up);
  return up;
}

/* Names the widgets that make the window wider than @limit: the deepest
 * ones asking for more than @limit themselves. */
static gboolean
report_wide (GtkWidget *widget,
             int        limit)
{
  int min = 0;
  gboolean child_reported = FALSE;

  if (!gtk_widget_get_visible (widget))
    return FALSE;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min <= limit)
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    child_reported |= report_wide (child, limit);

  if (!child_reported)
    {
      g_autoptr(GString) path = g_string_new (G_OBJECT_TYPE_NAME (widget));

      /* Where it is: the Ankerort widgets around it. */
      for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL; up = gtk_widget_get_parent (up))
        if (g_str_has_prefix (G_OBJECT_TYPE_NAME (up), "Kiosk"))
          g_string_append_printf (path, " in %s", G_OBJECT_TYPE_NAME (up));
      g_test_message ("  %s asks for %d px", path->str, min);
    }
  return TRUE;
}

static GtkWidget *
find_by_class (GtkWidget  *root,
               const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_class (child, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The window asks for no more than each output of its orientation has. */
static void
assert_fits (const char *screen,
             const Mode *mode)
{
  gboolean portrait = kiosk_window_get_portrait (window);
  const int (*outputs)[2] = portrait ? portrait_outputs : landscape_outputs;
  GtkWidget *pages = find_by_class (GTK_WIDGET (window), "kiosk-pages");
  int min_width = 0;

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1,
                      &min_width, NULL, NULL, NULL);
  g_test_message ("%s, %s: at least %d px wide", screen, mode->name, min_width);

  for (guint i = 0; i < G_N_ELEMENTS (landscape_outputs); i++)
    {
      int width = outputs[i][0], height = outputs[i][1];
      int min_height = 0;

      /* The height only at the window's own width: the header and the
       * views rearrange for the width they get, which a measure alone does
       * not do (tests/cage-fit.sh runs the other sizes for real). */
      if (width == gtk_widget_get_width (GTK_WIDGET (window)))
        gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, width,
                            &min_height, NULL, NULL, NULL);
      if (min_width > width || min_height > height)
        {
          g_test_message ("%s, %s: needs %d×%d, more than a %d×%d output",
                          screen, mode->name, min_width, min_height, width, height);
          if (min_width > width)
            report_wide (GTK_WIDGET (window), width);
          else
            for (GtkWidget *part = gtk_widget_get_first_child (gtk_widget_get_parent (pages_scroller_of (pages)));
                 part != NULL; part = gtk_widget_get_next_sibling (part))
              {
                int part_height = 0;

                gtk_widget_measure (part, GTK_ORIENTATION_VERTICAL, width, &part_height, NULL, NULL, NULL);
                g_test_message ("  %s: %d px high at %d px", G_OBJECT_TYPE_NAME (part), part_height, width);
              }
          g_test_fail ();
        }
    }

  /* ...and the page reflows to the output's width rather than scroll
   * sideways. */
  if (pages != NULL && !g_str_equal (screen, "attract"))
    {
      int page_width = 0;

      gtk_widget_measure (pages, GTK_ORIENTATION_HORIZONTAL, -1, &page_width, NULL, NULL, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (landscape_outputs); i++)
        {
          if (page_width > outputs[i][0])
            {
              g_test_message ("%s, %s: the page needs %d px, more than a %d px wide output",
                              screen, mode->name, page_width, outputs[i][0]);
              report_wide (pages, outputs[i][0]);
              g_test_fail ();
              break;
            }
        }
    }

  assert_inside (GTK_WIDGET (window), screen, TRUE, TRUE);
}

static void
check_screen (const char *screen)
{
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      apply_mode (&modes[i]);
      assert_fits (screen, &modes[i]);
      shoot (screen, &modes[i]);
    }
  apply_mode (&modes[0]);
}

static void
show_area (const char *area)
{
  kiosk_window_show_area (window, area);
  kiosk_test_ui_wait_for_page (window, area);
}

static gboolean
have_events (void)
{
  return g_list_model_get_n_items (kiosk_source_list_get_items (kiosk_application_get_sources (app),
                                                                KIOSK_AREA_EVENTS)) > 0;
}

static char *
event_uid (const char *prefix)
{
  GListModel *items = kiosk_source_list_get_items (kiosk_application_get_sources (app),
                                                   KIOSK_AREA_EVENTS);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(KioskEvent) event = g_list_model_get_item (items, i);

      if (g_str_has_prefix (kiosk_event_get_uid (event), prefix))
        return g_strdup (kiosk_event_get_uid (event));
    }

  return NULL;
}

static void
open_event (const char *prefix)
{
  g_autofree char *uid = NULL;

  kiosk_test_ui_wait_until (have_events ());
  uid = event_uid (prefix);
  g_assert_nonnull (uid);
  show_area ("events");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-event", "s", uid));
  kiosk_test_ui_wait_for_page (window, "page-");
}

static void
test_screens (void)
{
  const char *areas[] = { "home", "events", "map", "sensors", "surveys" };
  const char *languages[] = { "de", "en" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      show_area ("home");
      kiosk_window_set_language (window, languages[l]);

      kiosk_window_show_attract (window);
      kiosk_test_ui_wait_for_page (window, "attract");
      check_screen ("attract");

      kiosk_test_ui_wait_until (have_events ());
      for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
        {
          show_area (areas[i]);
          check_screen (areas[i]);
        }

      /* The exhibition's long title and the QR code of a whole calendar file. */
      open_event ("ausstellung-fotos");
      check_screen ("event");

      show_area ("home");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-accessibility", NULL));
      kiosk_test_ui_wait_for_page (window, "page-");
      check_screen ("accessibility");
      kiosk_window_go_back (window);
    }
  kiosk_window_set_language (window, "de");
}

static double
widget_y (GtkWidget *widget)
{
  graphene_point_t at;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (0, 0), &at));
  return at.y;
}

/* Every category of the demo's events has a chip, however many there are
 * (Sport and Umwelt came after the first ten once). */
static void
test_category_chips (void)
{
  GListModel *items = kiosk_source_list_get_items (kiosk_application_get_sources (app),
                                                   KIOSK_AREA_EVENTS);
  g_autoptr(GHashTable) categories = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  const char *category;

  kiosk_test_ui_wait_until (have_events ());
  show_area ("events");
  kiosk_events_view_refresh (KIOSK_EVENTS_VIEW (kiosk_window_get_area_view (window, "events")));
  kiosk_test_ui_settle (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(KioskEvent) event = g_list_model_get_item (items, i);
      const char * const *names = kiosk_event_get_categories (event);

      for (guint j = 0; names != NULL && names[j] != NULL; j++)
        g_hash_table_add (categories, (gpointer) names[j]);
    }
  g_assert_true (g_hash_table_contains (categories, "Sport"));
  g_assert_true (g_hash_table_contains (categories, "Umwelt"));
  g_assert_cmpuint (g_hash_table_size (categories), >, 10);

  g_hash_table_iter_init (&iter, categories);
  while (g_hash_table_iter_next (&iter, (gpointer *) &category, NULL))
    {
      GtkWidget *chip = kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, category);

      if (chip == NULL)
        g_test_message ("no chip for the category “%s”", category);
      g_assert_nonnull (chip);
    }
}

/* The shown widgets under @root with @css_class, in order. */
static void
collect_by_class (GtkWidget  *root,
                  const char *css_class,
                  GPtrArray  *found)
{
  if (!gtk_widget_get_mapped (root))
    return;
  if (gtk_widget_has_css_class (root, css_class))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_by_class (child, css_class, found);
}

/* @widget is shown and lies wholly in the lower half of the window. */
static void
assert_low (GtkWidget  *widget,
            const char *what)
{
  int height = gtk_widget_get_height (GTK_WIDGET (window));
  graphene_rect_t bounds;

  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  g_test_message ("%s at %.0f..%.0f of %d px", what, bounds.origin.y,
                  bounds.origin.y + bounds.size.height, height);
  g_assert_cmpfloat (bounds.origin.y, >=, height / 2.0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, height + 1);
}

/* Every shown widget of @css_class is low; there is at least @at_least. */
static void
assert_all_low (const char *css_class,
                guint       at_least)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_by_class (GTK_WIDGET (window), css_class, found);
  g_test_message ("%u of “%s”", found->len, css_class);
  g_assert_cmpuint (found->len, >=, at_least);
  for (guint i = 0; i < found->len; i++)
    assert_low (g_ptr_array_index (found, i), css_class);
}

static gboolean
marker_shown (KioskMapView *map,
              const char   *id)
{
  GtkWidget *marker;

  kiosk_test_ui_run_for (50);
  marker = kiosk_map_view_find_marker (map, id);
  return marker != NULL && gtk_widget_get_mapped (marker);
}

/* The demo's swimming pool, alone at a close zoom: its card. */
static void
open_card (KioskMapView *map)
{
  ShumateMap *shumate = kiosk_map_view_get_map (map);

  shumate_viewport_set_zoom_level (shumate_map_get_viewport (shumate), 17);
  shumate_map_center_on (shumate, 51.3440, 12.3680);
  kiosk_test_ui_wait_until (marker_shown (map, "stadtbad"));
  kiosk_test_ui_settle (GTK_WIDGET (window));
  kiosk_test_ui_click (kiosk_map_view_find_marker (map, "stadtbad"));
  kiosk_test_ui_wait_until (g_strcmp0 (kiosk_map_view_get_card_id (map), "stadtbad") == 0);
  kiosk_test_ui_settle (GTK_WIDGET (window));
}

/* Reach mode on the map: the chips, the buttons, and the card's close
 * button with the buttons above the card. */
static void
check_map_reach (void)
{
  KioskMapView *map;
  GtkWidget *chips;
  g_autoptr(GPtrArray) chip_buttons = g_ptr_array_new ();

  show_area ("map");
  map = KIOSK_MAP_VIEW (kiosk_window_get_area_view (window, "map"));
  kiosk_test_ui_settle (GTK_WIDGET (window));
  chips = find_by_class (GTK_WIDGET (map), "map-chips");
  g_assert_nonnull (chips);
  assert_low (chips, "map chips");
  collect_by_class (chips, "map-chip", chip_buttons);
  for (guint i = 0; i < chip_buttons->len; i++)
    assert_low (g_ptr_array_index (chip_buttons, i), "map chip");
  assert_all_low ("map-control", 3);

  open_card (map);
  shoot ("map-card", &modes[3]);
  assert_low (kiosk_test_ui_find (GTK_WIDGET (map), GTK_TYPE_BUTTON, "Schließen"), "the card's Close");
  assert_all_low ("map-control", 3);
  g_signal_emit_by_name (kiosk_test_ui_find (GTK_WIDGET (map), GTK_TYPE_BUTTON, "Schließen"), "clicked");
}

/* Reach mode in the surveys: the cards, the flow's buttons and answers,
 * and the question whether to stop. */
static void
check_surveys_reach (void)
{
  KioskSurveysView *surveys;
  KioskSurveyFlow *flow;
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  GtkWidget *question;

  show_area ("surveys");
  surveys = KIOSK_SURVEYS_VIEW (kiosk_window_get_area_view (window, "surveys"));
  kiosk_test_ui_settle (GTK_WIDGET (window));
  collect_by_class (GTK_WIDGET (surveys), "survey-card", cards);
  g_assert_cmpuint (cards->len, >=, 2);
  for (guint i = 0; i < cards->len; i++)
    assert_low (g_ptr_array_index (cards, i), "survey card");
  assert_all_low ("survey-card-results", 0);

  kiosk_test_ui_click (g_ptr_array_index (cards, 0));
  kiosk_test_ui_wait_until (kiosk_surveys_view_get_flow (surveys) != NULL);
  flow = KIOSK_SURVEY_FLOW (kiosk_surveys_view_get_flow (surveys));
  kiosk_test_ui_settle (GTK_WIDGET (window));
  assert_low (kiosk_survey_flow_get_button (flow, "next"), "Start");
  assert_low (kiosk_survey_flow_get_button (flow, "cancel"), "Cancel");

  kiosk_test_ui_click (kiosk_survey_flow_get_button (flow, "next"));
  kiosk_test_ui_wait_until (kiosk_survey_flow_get_position (flow) == 1);
  kiosk_test_ui_settle (GTK_WIDGET (window));
  question = kiosk_survey_flow_get_question_view (flow, 0);
  g_assert_nonnull (kiosk_test_ui_find (question, GTK_TYPE_TOGGLE_BUTTON, NULL));
  shoot ("survey-question", &modes[3]);
  assert_all_low ("survey-choice", 2);
  assert_low (kiosk_survey_flow_get_button (flow, "next"), "Next");
  assert_low (kiosk_survey_flow_get_button (flow, "back"), "Previous question");

  kiosk_test_ui_click (kiosk_survey_flow_get_button (flow, "cancel"));
  kiosk_test_ui_wait_until (gtk_widget_get_mapped (kiosk_survey_flow_get_button (flow, "cancel-yes")));
  kiosk_test_ui_settle (GTK_WIDGET (window));
  assert_low (kiosk_survey_flow_get_button (flow, "cancel-yes"), "Yes, stop");
  assert_low (kiosk_survey_flow_get_button (flow, "cancel-no"), "Continue");
  kiosk_test_ui_click (kiosk_survey_flow_get_button (flow, "cancel-yes"));
  kiosk_test_ui_wait_until (kiosk_surveys_view_get_flow (surveys) == NULL);
}

/* Reach mode on a portrait stele: what a person touches is in the lower
 * half; on a landscape screen the option is not offered. */
static void
test_reach_mode (void)
{
  int height = gtk_widget_get_height (GTK_WIDGET (window));
  GtkWidget *reach, *chip;

  kiosk_test_ui_wait_until (have_events ());
  show_area ("home");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-accessibility", NULL));
  kiosk_test_ui_wait_for_page (window, "page-");
  reach = kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, "Bedienung unten");
  if (!kiosk_window_get_portrait (window))
    {
      g_assert_null (reach);
      kiosk_window_go_back (window);
      return;
    }

  /* Reachable before it is switched on. */
  g_assert_nonnull (reach);
  g_assert_cmpfloat (widget_y (reach), >=, height / 2.0);
  kiosk_test_ui_click (reach);
  kiosk_test_ui_wait_until (gtk_widget_has_css_class (GTK_WIDGET (window), "reach-mode"));
  kiosk_test_ui_settle (GTK_WIDGET (window));
  g_assert_cmpfloat (widget_y (reach), >=, height / 2.0);
  kiosk_window_go_back (window);

  show_area ("events");
  chip = kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, "Heute");
  g_assert_nonnull (chip);
  g_assert_cmpfloat (widget_y (chip), >=, height / 2.0);
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, "Umwelt"));
  g_assert_cmpfloat (widget_y (kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, "Umwelt")),
                     >=, height / 2.0);

  /* The event's QR code is not under the header at the bottom. */
  open_event ("ausstellung-fotos");
  {
    GtkWidget *qr = kiosk_test_ui_find (GTK_WIDGET (window), KIOSK_TYPE_QR_CODE, NULL);
    GtkWidget *header = kiosk_test_ui_find (GTK_WIDGET (window), g_type_from_name ("KioskHeader"), NULL);

    g_assert_nonnull (qr);
    g_assert_cmpfloat (widget_y (qr) + gtk_widget_get_height (qr), <=, widget_y (header));
  }
  kiosk_window_go_back (window);

  check_map_reach ();
  check_surveys_reach ();

  kiosk_window_set_reach_mode (window, FALSE);
  show_area ("home");
}

static int
text_height (const char *css_class)
{
  GtkWidget *label = find_by_class (GTK_WIDGET (window), css_class);
  int height = 0;

  if (label == NULL)
    g_test_message ("no text of the class “%s”", css_class);
  g_assert_nonnull (label);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
  return height;
}

/* Large text is at least one and a half times as large everywhere: the
 * status line, the date and the headings alike. */
static void
test_large_text (void)
{
  const char *classes[] = { "header-date", "header-status", "header-place", "header-time", "tile-title" };
  int before[G_N_ELEMENTS (classes)];

  kiosk_test_ui_wait_until (have_events ());
  show_area ("home");
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    before[i] = text_height (classes[i]);
  kiosk_window_set_large_text (window, TRUE);
  kiosk_test_ui_settle (GTK_WIDGET (window));

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      int after = text_height (classes[i]);

      g_test_message ("%s: %d px, large %d px", classes[i], before[i], after);
      g_assert_cmpfloat ((double) after / before[i], >=, 1.45);
    }
  kiosk_window_set_large_text (window, FALSE);
  kiosk_test_ui_settle (GTK_WIDGET (window));
}

/* The calendar file's QR code reads back as the same text in a decoder
 * (zbar), umlauts and typographic quotes included: it declares UTF-8. */
static void
test_qr_code_text (void)
{
  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
  g_autofree char *path = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GString) image = NULL;
  g_autoptr(GError) error = NULL;
  KioskQrCode *qr;
  const char *text;
  guint modules, side, scale = 6, quiet = 4;
  int status = 0;

  open_event ("ausstellung-fotos");
  qr = KIOSK_QR_CODE (kiosk_test_ui_find (GTK_WIDGET (window), KIOSK_TYPE_QR_CODE, NULL));
  g_assert_nonnull (qr);
  text = kiosk_qr_code_get_text (qr);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_nonnull (strstr (text, "„"));

  if (zbarimg == NULL)
    {
      kiosk_window_go_back (window);
      g_test_skip ("zbarimg is not installed");
      return;
    }

  /* The modules as a plain PGM, with the quiet zone. */
  modules = kiosk_qr_code_get_modules (qr);
  side = (modules + 2 * quiet) * scale;
  image = g_string_new (NULL);
  g_string_append_printf (image, "P5\n%u %u\n255\n", side, side);
  for (guint y = 0; y < side; y++)
    for (guint x = 0; x < side; x++)
      {
        int mx = (int) (x / scale) - (int) quiet, my = (int) (y / scale) - (int) quiet;
        gboolean dark = mx >= 0 && my >= 0 && mx < (int) modules && my < (int) modules &&
                        kiosk_qr_code_is_dark (qr, mx, my);

        g_string_append_c (image, dark ? 0 : (char) 255);
      }
  path = g_build_filename (g_get_tmp_dir (), "ankerort-qr.pgm", NULL);
  g_assert_true (g_file_set_contents (path, image->str, image->len, &error));
  g_assert_no_error (error);

  {
    const char *argv[] = { zbarimg, "--quiet", "--raw", path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &decoded, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_unlink (path);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  expected = g_strchomp (g_strdup (text));
  g_assert_cmpstr (g_strchomp (decoded), ==, expected);
  kiosk_window_go_back (window);
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
  g_autofree char *home = g_dir_make_tmp ("ankerort-layout-XXXXXX", &error);
  int status;

  /* A home of its own: nothing another build left in the real one counts. */
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    {
      const char *vars[] = { "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME" };
      g_autofree char *dir = g_build_filename (home, vars[i], NULL);

      g_setenv (vars[i], dir, TRUE);
    }

  kiosk_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);

  server = kiosk_demo_start (sources, &error);
  g_assert_no_error (error);
  config = kiosk_config_new_default ();
  kiosk_config_set_sources (config, sources);
  g_settings_set_string (kiosk_config_get_settings (config), "time-zone", "Europe/Berlin");

  app = kiosk_application_new ();
  window = kiosk_test_ui_start_app (app, G_CALLBACK (activate_cb), TRUE);

  g_test_add_func ("/ui/layout/category-chips", test_category_chips);
  g_test_add_func ("/ui/layout/reach-mode", test_reach_mode);
  g_test_add_func ("/ui/layout/large-text", test_large_text);
  g_test_add_func ("/ui/layout/qr-code-text", test_qr_code_text);
  g_test_add_func ("/ui/layout/screens", test_screens);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  kiosk_demo_server_stop (server);
  g_clear_object (&server);
  {
    const char *rm[] = { "rm", "-rf", home, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }

  return status;
}
