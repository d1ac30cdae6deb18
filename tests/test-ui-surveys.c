/* test-ui-surveys.c: a survey answered by touch in the real widgets
 *
 * Under Xvfb (tests/run-in-x.sh): the demo town's survey list from a
 * loopback server, the surveys view in a window, taps on the choices and
 * on the on-screen keyboard, Submit, Thank you, the answer arriving at the
 * server exactly once, the results, Cancel, and the idle reset. Saves a
 * PNG of every screen into the build directory (both languages; the
 * orientation is the screen's). */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "kiosk-demo-surveys.h"
#include "kiosk-i18n.h"
#include "kiosk-osk.h"
#include "kiosk-outbox-sender.h"
#include "kiosk-resettable.h"
#include "kiosk-source-list.h"
#include "kiosk-survey-flow.h"
#include "kiosk-survey-format.h"
#include "kiosk-survey-question-view.h"
#include "kiosk-survey-results-view.h"
#include "kiosk-surveys-view.h"
#include "kiosk-test-ui.h"

#define BIKE "radwege-hauptstrasse"
#define PLAYGROUND "spielplatz-stadtpark"

static SoupServer *server;
static KioskDemoSurveyInbox *inbox;
static char *list_url;
static char *tmp_dir;
static KioskOutbox *outbox;
static KioskOutboxSender *sender;
/* The visitor's session, which the kiosk window keeps across the views it rebuilds. */
static KioskSurveySession *visitor;
static KioskConfig *config;
static KioskSourceList *sources;
static KioskFetcher *fetcher;
static KioskServices *services;
static GtkWindow *window;
static const char *orientation;

static void
list_handler (SoupServer        *soup_server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *content_type = NULL;
  g_autoptr(GBytes) body = kiosk_demo_surveys_list (now, NULL, &content_type);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* The path the kiosk runs: the list's bytes through the survey parser. */
static void
load_sources (void)
{
  static const char * const bike_text[] = { "ideas", NULL };
  static const char * const playground_text[] = { "wish", NULL };
  g_autoptr(KioskSourceConfig) source_config = kiosk_source_config_new ("surveys", "survey", list_url);
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GBytes) bytes = kiosk_demo_surveys_list (now, NULL, NULL);
  g_autoptr(KioskSource) source = NULL;
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  kiosk_demo_survey_inbox_add_survey (inbox, BIKE, bike_text);
  kiosk_demo_survey_inbox_add_survey (inbox, PLAYGROUND, playground_text);

  ctx->url = g_intern_string (list_url);
  kiosk_parse_result_init (&result);
  g_assert_true (kiosk_format_lookup ("survey")->parse (bytes, ctx, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.items->len, ==, 2);
  g_assert_cmpuint (result.warnings->len, ==, 0);

  source = kiosk_source_new (source_config);
  kiosk_source_set_items (source, result.items);
  kiosk_source_list_add (sources, source);
}

static void
screenshot (const char *name)
{
  g_autofree char *file = g_strdup_printf ("surveys-%s-%s-%s", orientation,
                                           kiosk_i18n_get_language (), name);
  g_autofree char *path = NULL;

  kiosk_test_ui_settle (GTK_WIDGET (window));
  path = kiosk_test_ui_screenshot (GTK_WIDGET (window), file);
}

static KioskSurveysView *
new_view (void)
{
  GtkWidget *view;

  if (visitor == NULL)
    visitor = kiosk_survey_session_new ();
  view = kiosk_surveys_view_new (config, services, visitor);
  g_assert_true (KIOSK_IS_SURVEYS_VIEW (view));
  gtk_window_set_child (window, view);
  kiosk_test_ui_settle (view);

  return KIOSK_SURVEYS_VIEW (view);
}

static void
tap (GtkWidget *widget)
{
  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_is_sensitive (widget));
  g_assert_true (gtk_widget_get_visible (widget));
  /* What a finger's tap ends in; immediate, unlike gtk_widget_activate. */
  g_signal_emit_by_name (widget, "clicked");
}

static KioskSurveyFlow *
flow_of (KioskSurveysView *view)
{
  return KIOSK_SURVEY_FLOW (kiosk_surveys_view_get_flow (view));
}

static KioskSurveyQuestionView *
question (KioskSurveysView *view)
{
  KioskSurveyFlow *flow = flow_of (view);
  guint position = kiosk_survey_flow_get_position (flow);

  g_assert_cmpuint (position, >, 0);
  return KIOSK_SURVEY_QUESTION_VIEW (kiosk_survey_flow_get_question_view (flow, position - 1));
}

static GtkWidget *
button (KioskSurveysView *view,
        const char       *name)
{
  return kiosk_survey_flow_get_button (flow_of (view), name);
}

static void
type_keys (KioskOsk           *osk,
           const char * const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      GtkWidget *key = kiosk_osk_get_key (osk, keys[i]);

      if (key == NULL)
        g_error ("No key “%s” on the keyboard", keys[i]);
      /* Each key is named for screen readers exactly as it reads. */
      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (key)), ==, keys[i]);
      tap (key);
    }
}

static GtkWidget *
find_results (KioskSurveysView *view)
{
  return kiosk_test_ui_find (GTK_WIDGET (view), KIOSK_TYPE_SURVEY_RESULTS_VIEW, NULL);
}

static GtkWidget *
results_button_of (KioskSurveysView *view)
{
  return kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_BUTTON,
                          g_str_equal (kiosk_i18n_get_language (), "de") ? "Ergebnisse anzeigen" : "Show results");
}

static GtkWidget *
back_to_list_of (KioskSurveysView *view)
{
  return kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_BUTTON,
                          g_str_equal (kiosk_i18n_get_language (), "de") ? "Zurück zu den Umfragen" : "Back to the surveys");
}

static void
test_answer_by_touch (void)
{
  static const char * const keys_de[] = {
    "Umschalt", "M", "e", "h", "r", "Leerzeichen", "Umschalt", "B", "ä", "u", "m", "w", "Löschen", "e", ".", NULL
  };
  KioskSurveysView *view;
  KioskSurveyQuestionView *q;
  GtkWidget *osk;
  g_autoptr(GPtrArray) received = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autoptr(GError) error = NULL;

  kiosk_i18n_set_language ("de");
  view = new_view ();
  g_assert_cmpstr (kiosk_surveys_view_get_page (view), ==, "list");
  /* The card says how to get in, inside the card's own big button. */
  {
    GtkWidget *start = kiosk_test_ui_find (kiosk_surveys_view_get_survey_button (view, BIKE),
                                           GTK_TYPE_LABEL, "Teilnehmen");

    g_assert_nonnull (start);
    g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (start), "survey-card-start"));
    g_assert_cmpint (gtk_widget_get_height (gtk_widget_get_parent (start)), >=, 64);
  }
  screenshot ("1-list");

  tap (kiosk_surveys_view_get_survey_button (view, BIKE));
  g_assert_cmpstr (kiosk_surveys_view_get_page (view), ==, "flow");
  g_assert_cmpuint (kiosk_survey_flow_get_position (flow_of (view)), ==, 0);
  screenshot ("2-intro");

  tap (button (view, "next"));
  q = question (view);
  /* Required, but nobody is told off before trying: no red words yet,
   * and the flow's own Back is not a second "Zurück" beside the header's. */
  g_assert_nonnull (kiosk_survey_question_view_get_hint (q));
  g_assert_null (kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_LABEL,
                                     kiosk_survey_question_view_get_hint (q)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button (view, "back"))), ==, "Vorige Frage");
  screenshot ("3-question-fresh");
  /* "Weiter" too early: it stays here and says why. */
  tap (button (view, "next"));
  g_assert_cmpuint (kiosk_survey_flow_get_position (flow_of (view)), ==, 1);
  g_assert_nonnull (kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_LABEL,
                                        "Bitte wählen Sie eine Antwort, um weiterzumachen."));
  screenshot ("3-question-required");
  tap (kiosk_survey_question_view_get_choice (q, "Mit dem Fahrrad"));
  g_assert_true (gtk_widget_is_sensitive (button (view, "next")));
  g_assert_null (kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_LABEL,
                                     "Bitte wählen Sie eine Antwort, um weiterzumachen."));
  screenshot ("4-question-single");
  tap (button (view, "next"));

  q = question (view);
  tap (kiosk_survey_question_view_get_choice (q, "Ja"));
  tap (button (view, "next"));

  /* Up to two: the third choice rests once two are chosen. */
  q = question (view);
  tap (kiosk_survey_question_view_get_choice (q, "Sicherheit"));
  tap (kiosk_survey_question_view_get_choice (q, "Mehr Bäume"));
  g_assert_false (gtk_widget_is_sensitive (kiosk_survey_question_view_get_choice (q, "Parkplätze")));
  screenshot ("5-question-multiple");
  /* Back and forth keeps the answers. */
  tap (button (view, "back"));
  tap (button (view, "next"));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (kiosk_survey_question_view_get_choice (question (view), "Sicherheit"))));
  tap (button (view, "next"));

  q = question (view);
  tap (kiosk_survey_question_view_get_choice (q, "4"));
  screenshot ("6-question-rating");
  tap (button (view, "next"));

  q = question (view);
  osk = kiosk_survey_question_view_get_keyboard (q);
  g_assert_nonnull (osk);
  type_keys (KIOSK_OSK (osk), keys_de);
  g_assert_cmpstr (kiosk_survey_question_view_get_text (q), ==, "Mehr Bäume.");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button (view, "next"))), ==, "Absenden");
  screenshot ("7-question-text");
  /* Every key at least 64 px, the keyboard inside the screen. */
  {
    GtkWidget *key = kiosk_osk_get_key (KIOSK_OSK (osk), "q");

    g_assert_cmpint (gtk_widget_get_width (key), >=, 64);
    g_assert_cmpint (gtk_widget_get_height (key), >=, 64);
    g_assert_cmpint (gtk_widget_get_width (osk), <=, gtk_widget_get_width (GTK_WIDGET (window)));
  }

  tap (button (view, "next"));
  /* "Danke" only once the answer is on disk. */
  kiosk_test_ui_wait_until (g_strcmp0 (kiosk_surveys_view_get_page (view), "thanks") == 0);
  screenshot ("8-thanks");

  /* The sender delivers it: exactly once, exactly what was tapped. */
  kiosk_outbox_sender_wake (sender);
  kiosk_test_ui_wait_until (kiosk_demo_survey_inbox_get_n_answers (inbox, BIKE) == 1 &&
              kiosk_outbox_get_n_pending (outbox) == 0);
  received = kiosk_demo_survey_inbox_dup_answers (inbox, BIKE);
  expected = json_from_string ("{\"travel\": \"bike\", \"protected_lane\": true, "
                               "\"priorities\": [\"safety\", \"trees\"], \"satisfaction\": 4, "
                               "\"ideas\": \"Mehr Bäume.\"}", &error);
  g_assert_no_error (error);
  if (!json_node_equal (g_ptr_array_index (received, 0), expected))
    g_error ("Server got %s", json_to_string (g_ptr_array_index (received, 0), FALSE));
  g_assert_cmpuint (kiosk_demo_survey_inbox_get_n_duplicates (inbox), ==, 0);

  /* Results from the server, as bars with numbers. */
  tap (results_button_of (view));
  kiosk_test_ui_wait_until (find_results (view) != NULL);
  /* A rating's ends say what they mean, in the survey's words. */
  g_assert_nonnull (kiosk_test_ui_find (find_results (view), GTK_TYPE_LABEL, "1 – gar nicht"));
  g_assert_nonnull (kiosk_test_ui_find (find_results (view), GTK_TYPE_LABEL, "5 – sehr"));
  screenshot ("9-results");

  /* One go per survey and person. */
  tap (back_to_list_of (view));
  g_assert_cmpstr (kiosk_surveys_view_get_page (view), ==, "list");
  g_assert_false (gtk_widget_is_sensitive (kiosk_surveys_view_get_survey_button (view, BIKE)));
  screenshot ("10-list-answered");

  /* A language switch rebuilds the view; the session stays. */
  view = new_view ();
  g_assert_false (gtk_widget_is_sensitive (kiosk_surveys_view_get_survey_button (view, BIKE)));

  /* The idle reset: the next person may answer again. */
  kiosk_resettable_reset (KIOSK_RESETTABLE (view));
  g_assert_true (gtk_widget_is_sensitive (kiosk_surveys_view_get_survey_button (view, BIKE)));
}

/* Cancel asks first, then forgets everything. */
static void
test_cancel (void)
{
  KioskSurveysView *view;
  guint posts = kiosk_demo_survey_inbox_get_n_posts (inbox);

  kiosk_i18n_set_language ("de");
  view = new_view ();
  tap (kiosk_surveys_view_get_survey_button (view, PLAYGROUND));
  tap (button (view, "next"));
  tap (kiosk_survey_question_view_get_choice (question (view), "Schaukeln"));
  tap (button (view, "cancel"));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (button (view, "cancel-yes"), GTK_TYPE_BOX)));
  screenshot ("11-cancel-confirm");

  /* "No": back to the same question, the answer still there. */
  tap (button (view, "cancel-no"));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (kiosk_survey_question_view_get_choice (question (view), "Schaukeln"))));

  tap (button (view, "cancel"));
  tap (button (view, "cancel-yes"));
  g_assert_cmpstr (kiosk_surveys_view_get_page (view), ==, "list");
  g_assert_null (kiosk_surveys_view_get_flow (view));
  /* Nothing to wait for when nothing may happen: run what is ready. */
  kiosk_test_ui_settle (GTK_WIDGET (view));
  g_assert_cmpuint (kiosk_outbox_get_n_pending (outbox), ==, 0);
  g_assert_cmpuint (kiosk_demo_survey_inbox_get_n_posts (inbox), ==, posts);
}

/* The idle reset in the middle of typing: the survey and every typed
 * character are gone, nothing is sent. */
static void
test_reset_mid_survey (void)
{
  static const char * const keys[] = { "g", "e", "h", "e", "i", "m", NULL };
  KioskSurveysView *view;
  KioskSurveyFlow *flow;
  guint posts = kiosk_demo_survey_inbox_get_n_posts (inbox);

  kiosk_i18n_set_language ("de");
  view = new_view ();
  tap (kiosk_surveys_view_get_survey_button (view, PLAYGROUND));
  tap (button (view, "next"));
  tap (kiosk_survey_question_view_get_choice (question (view), "Sandkasten"));
  tap (button (view, "next"));
  tap (kiosk_survey_question_view_get_choice (question (view), "3"));
  tap (button (view, "next"));
  tap (button (view, "next"));
  type_keys (KIOSK_OSK (kiosk_survey_question_view_get_keyboard (question (view))), keys);
  g_assert_cmpstr (kiosk_survey_question_view_get_text (question (view)), ==, "geheim");

  flow = flow_of (view);
  g_object_add_weak_pointer (G_OBJECT (flow), (gpointer *) &flow);
  kiosk_resettable_reset (KIOSK_RESETTABLE (view));
  kiosk_test_ui_wait_until_full (flow == NULL, "the survey's answers to be freed");
  g_assert_cmpstr (kiosk_surveys_view_get_page (view), ==, "list");
  g_assert_null (kiosk_surveys_view_get_flow (view));
  g_assert_cmpuint (kiosk_demo_survey_inbox_get_n_posts (inbox), ==, posts);
}

/* When the answer cannot be stored, the person is told so (no "Thank
 * you"), and "Try again" stores it without answering again. */
static void
test_save_failure (void)
{
  KioskSurveysView *view;
  GtkWidget *retry;

  kiosk_i18n_set_language ("de");
  view = new_view ();
  /* The outbox cannot be written: the services have none. */
  kiosk_services_set_outbox (services, NULL);
  tap (kiosk_surveys_view_get_survey_button (view, PLAYGROUND));
  tap (button (view, "next"));
  tap (kiosk_survey_question_view_get_choice (question (view), "Klettergerüst"));
  tap (button (view, "next"));
  tap (kiosk_survey_question_view_get_choice (question (view), "2"));
  tap (button (view, "next"));
  tap (button (view, "next"));
  tap (button (view, "next"));
  g_assert_cmpstr (kiosk_surveys_view_get_page (view), ==, "error");
  g_assert_cmpuint (kiosk_outbox_get_n_pending (outbox), ==, 0);
  screenshot ("12-save-failed");

  kiosk_services_set_outbox (services, outbox);
  retry = kiosk_test_ui_find (GTK_WIDGET (view), GTK_TYPE_BUTTON, "Noch einmal versuchen");
  tap (retry);
  kiosk_test_ui_wait_until (g_strcmp0 (kiosk_surveys_view_get_page (view), "thanks") == 0);
  kiosk_test_ui_wait_until (kiosk_demo_survey_inbox_get_n_answers (inbox, PLAYGROUND) == 1);
  kiosk_resettable_reset (KIOSK_RESETTABLE (view));
}

/* Switching the language mid-survey rebuilds the view (as the window
 * does) but keeps the survey, its answers and the question shown. */
static void
test_language_switch (void)
{
  static const char * const keys[] = { "R", "u", "t", "s", "c", "h", "e", NULL };
  KioskSurveysView *view;
  KioskSurveyQuestionView *q;

  kiosk_i18n_set_language ("de");
  view = new_view ();
  kiosk_resettable_reset (KIOSK_RESETTABLE (view));
  tap (kiosk_surveys_view_get_survey_button (view, PLAYGROUND));
  tap (button (view, "next"));
  tap (kiosk_survey_question_view_get_choice (question (view), "Wasserspiel"));
  tap (button (view, "next"));
  tap (kiosk_survey_question_view_get_choice (question (view), "4"));
  tap (button (view, "next"));
  tap (button (view, "next"));
  kiosk_osk_set_shift (KIOSK_OSK (kiosk_survey_question_view_get_keyboard (question (view))), TRUE);
  type_keys (KIOSK_OSK (kiosk_survey_question_view_get_keyboard (question (view))), keys);

  kiosk_i18n_set_language ("en");
  view = new_view ();
  g_assert_cmpstr (kiosk_surveys_view_get_page (view), ==, "flow");
  g_assert_cmpuint (kiosk_survey_flow_get_position (flow_of (view)), ==, 4);
  q = question (view);
  g_assert_cmpstr (kiosk_survey_question_view_get_text (q), ==, "Rutsche");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button (view, "next"))), ==, "Submit");
  screenshot ("8-after-language-switch");
  tap (button (view, "back"));
  tap (button (view, "back"));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (kiosk_survey_question_view_get_choice (question (view), "4"))));
  tap (button (view, "back"));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (kiosk_survey_question_view_get_choice (question (view), "Water play"))));

  /* The idle reset forgets it all. */
  kiosk_resettable_reset (KIOSK_RESETTABLE (view));
  kiosk_i18n_set_language ("de");
  view = new_view ();
  g_assert_cmpstr (kiosk_surveys_view_get_page (view), ==, "list");
  g_assert_null (kiosk_surveys_view_get_flow (view));
}

/* The same survey in English, free text included. */
static void
test_english (void)
{
  static const char * const keys_en[] = { "Shift", "M", "o", "r", "e", "Space", "t", "r", "e", "e", "s", NULL };
  guint before = kiosk_demo_survey_inbox_get_n_answers (inbox, PLAYGROUND);
  KioskSurveysView *view;

  kiosk_i18n_set_language ("en");
  view = new_view ();
  screenshot ("1-list");
  tap (kiosk_surveys_view_get_survey_button (view, PLAYGROUND));
  screenshot ("2-intro");
  tap (button (view, "next"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button (view, "next"))), ==, "Next");
  tap (kiosk_survey_question_view_get_choice (question (view), "Swings"));
  tap (kiosk_survey_question_view_get_choice (question (view), "Water play"));
  screenshot ("3-question-multiple");
  tap (button (view, "next"));
  tap (kiosk_survey_question_view_get_choice (question (view), "4"));
  screenshot ("4-question-rating");
  tap (button (view, "next"));
  tap (kiosk_survey_question_view_get_choice (question (view), "4 to 7 years"));
  tap (button (view, "next"));
  type_keys (KIOSK_OSK (kiosk_survey_question_view_get_keyboard (question (view))), keys_en);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button (view, "next"))), ==, "Submit");
  screenshot ("5-question-text");
  tap (button (view, "next"));
  kiosk_test_ui_wait_until (g_strcmp0 (kiosk_surveys_view_get_page (view), "thanks") == 0);
  screenshot ("6-thanks");
  kiosk_test_ui_wait_until (kiosk_demo_survey_inbox_get_n_answers (inbox, PLAYGROUND) == before + 1);
  tap (results_button_of (view));
  kiosk_test_ui_wait_until (find_results (view) != NULL);
  screenshot ("7-results");
  kiosk_resettable_reset (KIOSK_RESETTABLE (view));
  kiosk_i18n_set_language ("de");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkCssProvider) css = NULL;
  GSList *uris;
  GdkRectangle geometry;
  GdkMonitor *monitor;
  int status;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  kiosk_i18n_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* The kiosk window's normal text size (1rem = 16 px), as in the app. */
  {
    g_autofree char *font_name = NULL;
    g_autoptr(PangoFontDescription) desc = NULL;
    g_autofree char *sized = NULL;

    g_object_get (gtk_settings_get_default (), "gtk-font-name", &font_name, NULL);
    desc = pango_font_description_from_string (font_name != NULL ? font_name : "Sans");
    pango_font_description_set_size (desc, 12 * PANGO_SCALE);
    sized = pango_font_description_to_string (desc);
    g_object_set (gtk_settings_get_default (), "gtk-font-name", sized, NULL);
  }

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  monitor = g_list_model_get_item (gdk_display_get_monitors (gdk_display_get_default ()), 0);
  gdk_monitor_get_geometry (monitor, &geometry);
  g_object_unref (monitor);
  orientation = geometry.height > geometry.width ? "portrait" : "landscape";

  inbox = kiosk_demo_survey_inbox_new ();
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, KIOSK_DEMO_SURVEYS_LIST_PATH, list_handler, NULL, NULL);
  soup_server_add_handler (server, "/participation/answers", kiosk_demo_survey_inbox_handle, inbox, NULL);
  soup_server_add_handler (server, "/participation/results", kiosk_demo_survey_inbox_handle, inbox, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  list_url = g_strdup_printf ("http://127.0.0.1:%d" KIOSK_DEMO_SURVEYS_LIST_PATH,
                              g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  tmp_dir = g_dir_make_tmp ("ui-surveys-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autofree char *path = g_build_filename (tmp_dir, "outbox.sqlite", NULL);

    outbox = kiosk_outbox_new (path, &error);
    g_assert_no_error (error);
  }
  fetcher = kiosk_fetcher_new ();
  sender = kiosk_outbox_sender_new (outbox, fetcher);
  kiosk_outbox_sender_set_backoff (sender, 50, 500);
  kiosk_outbox_sender_start (sender);
  g_signal_connect_swapped (outbox, "changed", G_CALLBACK (kiosk_outbox_sender_wake), sender);

  config = kiosk_config_new_default ();
  sources = kiosk_source_list_new ();
  load_sources ();
  services = kiosk_services_new (fetcher, sources, outbox);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (window, FALSE);
  gtk_window_set_default_size (window, geometry.width, geometry.height);
  gtk_window_fullscreen (window);
  if (g_str_equal (orientation, "portrait"))
    gtk_widget_add_css_class (GTK_WIDGET (window), "portrait");
  gtk_window_present (window);

  g_test_add_func ("/ui/surveys/answer-by-touch", test_answer_by_touch);
  g_test_add_func ("/ui/surveys/cancel", test_cancel);
  g_test_add_func ("/ui/surveys/reset-mid-survey", test_reset_mid_survey);
  g_test_add_func ("/ui/surveys/save-failure", test_save_failure);
  g_test_add_func ("/ui/surveys/language-switch", test_language_switch);
  g_test_add_func ("/ui/surveys/english", test_english);

  status = g_test_run ();

  kiosk_outbox_sender_stop (sender);
  {
    static const char * const files[] = { "outbox.sqlite", "outbox.sqlite-wal", "outbox.sqlite-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        g_autofree char *path = g_build_filename (tmp_dir, files[i], NULL);

        g_remove (path);
      }
    g_rmdir (tmp_dir);
  }

  return status;
}
