/* test-ui-alerts.c: public warnings in the real window
 *
 * Under Xvfb (tests/run-in-x.sh): the kiosk application with a CAP source
 * fed with parsed fixtures and the demo town's surveys. A warning raised
 * during the attract loop covers it; raised during an open survey it
 * covers the survey, closes back to a banner that stays, and when it is
 * cancelled the survey is where it was, with its answer. Screenshots of
 * each screen in both languages (the orientation is the screen's). */

#include "config.h"

#include <string.h>

#include "kiosk-alert-view.h"
#include "kiosk-application.h"
#include "kiosk-cap-format.h"
#include "kiosk-config.h"
#include "kiosk-demo-surveys.h"
#include "kiosk-i18n.h"
#include "kiosk-source.h"
#include "kiosk-source-list.h"
#include "kiosk-survey-flow.h"
#include "kiosk-survey-question-view.h"
#include "kiosk-surveys-view.h"
#include "kiosk-test-ui.h"

#define PLAYGROUND "spielplatz-stadtpark"

static KioskApplication *app;
static KioskWindow *window;
static KioskSource *warnings;

static void
shoot (const char *screen)
{
  g_autofree char *name = g_strdup_printf ("alerts-%s-%s-%s",
                                           kiosk_test_ui_orientation (GTK_WIDGET (window)),
                                           kiosk_i18n_get_language (), screen);
  g_autofree char *path = NULL;

  kiosk_test_ui_settle (GTK_WIDGET (window));
  path = kiosk_test_ui_screenshot (GTK_WIDGET (window), name);
}

static void
parse_into (GPtrArray  *items,
            const char *fixture)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "cap", fixture, NULL);
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (NULL);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), size);
  kiosk_parse_result_init (&result);
  g_assert_true (kiosk_cap_parse (bytes, ctx, &result, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < result.items->len; i++)
    g_ptr_array_add (items, g_object_ref (result.items->pdata[i]));
}

/* The CAP source now carries exactly these documents. */
static void
serve (const char *first,
       ...)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (const char *fixture = first; fixture != NULL; fixture = va_arg (args, const char *))
    parse_into (items, fixture);
  va_end (args);
  kiosk_source_set_items (warnings, items);
}

static GtkWidget *
full_view (void)
{
  GtkWidget *overlay = gtk_widget_get_parent (kiosk_test_ui_find (GTK_WIDGET (window),
                                                                  GTK_TYPE_STACK, NULL));

  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (KIOSK_IS_ALERT_VIEW (child))
        return child;
    }
  g_assert_not_reached ();
}

static gboolean
showing (const char *text)
{
  return kiosk_test_ui_find (GTK_WIDGET (window), GTK_TYPE_LABEL, text) != NULL;
}

/* A mapped label whose text contains @part (the status line joins parts). */
static gboolean
label_contains (GtkWidget  *root,
                const char *part)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), part) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (label_contains (child, part))
        return TRUE;
    }

  return FALSE;
}

static void
test_attract (void)
{
  kiosk_window_reset (window);
  kiosk_test_ui_wait_for_page (window, "attract");

  serve ("flood-polygon.xml", NULL);
  kiosk_test_ui_wait_until (kiosk_alert_view_get_open (KIOSK_ALERT_VIEW (full_view ())));
  g_assert_true (showing ("Hochwasser an der Parthe"));
  g_assert_true (showing ("Was tun"));
  g_assert_true (showing ("Herausgegeben von Leitstelle Musterdorf"));
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "attract");
  shoot ("attract-warning");

  /* The English block in English. */
  kiosk_window_set_language (window, "en");
  kiosk_test_ui_wait_until (showing ("River flood on the Parthe"));
  g_assert_true (showing ("What to do"));
  shoot ("attract-warning");
  kiosk_window_set_language (window, "de");

  /* Cancelled: the attract loop is back, nothing left over. */
  serve ("flood-polygon.xml", "flood-cancel.xml", NULL);
  kiosk_test_ui_wait_until (!gtk_widget_get_visible (full_view ()));
  g_assert_false (showing ("Hochwasser an der Parthe"));
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "attract");
  shoot ("attract-cancelled");

  /* Closing it in the attract loop lets the visitor in, with the banner. */
  serve ("smoke-circle.xml", NULL);
  kiosk_test_ui_wait_until (kiosk_alert_view_get_open (KIOSK_ALERT_VIEW (full_view ())));
  g_signal_emit_by_name (kiosk_test_ui_find (full_view (), GTK_TYPE_BUTTON, "Warnung schließen"),
                         "clicked");
  kiosk_test_ui_wait_for_page (window, "home");
  g_assert_false (gtk_widget_get_visible (full_view ()));
  g_assert_true (showing ("Extreme Gefahr: Smoke from a fire at the recycling yard"));
  shoot ("home-banner");
  serve (NULL, NULL);
  kiosk_test_ui_wait_until (!showing ("Extreme Gefahr: Smoke from a fire at the recycling yard"));
}

static KioskSurveysView *
surveys_view (void)
{
  return KIOSK_SURVEYS_VIEW (kiosk_window_get_area_view (window, "surveys"));
}

static KioskSurveyQuestionView *
current_question (void)
{
  KioskSurveyFlow *flow = KIOSK_SURVEY_FLOW (kiosk_surveys_view_get_flow (surveys_view ()));

  return KIOSK_SURVEY_QUESTION_VIEW (
    kiosk_survey_flow_get_question_view (flow, kiosk_survey_flow_get_position (flow) - 1));
}

static void
run_survey_case (const char *language,
                 const char *choice,
                 const char *headline,
                 const char *close_label)
{
  KioskSurveyFlow *flow;
  GtkWidget *chosen;
  guint position;

  kiosk_window_reset (window);
  kiosk_test_ui_wait_for_page (window, "attract");
  kiosk_window_set_language (window, language);
  kiosk_window_show_area (window, "surveys");
  kiosk_test_ui_wait_for_page (window, "surveys");
  g_signal_emit_by_name (kiosk_surveys_view_get_survey_button (surveys_view (), PLAYGROUND),
                         "clicked");
  flow = KIOSK_SURVEY_FLOW (kiosk_surveys_view_get_flow (surveys_view ()));
  g_signal_emit_by_name (kiosk_survey_flow_get_button (flow, "next"), "clicked");
  chosen = kiosk_survey_question_view_get_choice (current_question (), choice);
  g_signal_emit_by_name (chosen, "clicked");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (chosen)));
  position = kiosk_survey_flow_get_position (flow);

  /* Raised: it covers the survey. */
  serve ("flood-polygon.xml", NULL);
  kiosk_test_ui_wait_until (kiosk_alert_view_get_open (KIOSK_ALERT_VIEW (full_view ())));
  g_assert_true (showing (headline));
  shoot ("survey-warning");

  /* Closed back to the banner, which has no close control of its own. */
  g_signal_emit_by_name (kiosk_test_ui_find (full_view (), GTK_TYPE_BUTTON, close_label),
                         "clicked");
  kiosk_test_ui_wait_until (!gtk_widget_get_visible (full_view ()));
  g_assert_cmpstr (kiosk_window_get_current (window), ==, "surveys");
  g_assert_true (label_contains (GTK_WIDGET (window), g_str_equal (language, "de")
                                                      ? "1 Warnung in Kraft"
                                                      : "1 warning in force"));
  shoot ("survey-banner");

  /* A refresh brings the same alert as new objects: it stays closed. */
  serve ("flood-polygon.xml", NULL);
  kiosk_test_ui_settle (GTK_WIDGET (window));
  g_assert_false (gtk_widget_get_visible (full_view ()));
  g_assert_true (label_contains (GTK_WIDGET (window), headline));

  /* Updated: it takes over again. */
  serve ("flood-polygon.xml", "flood-update.xml", NULL);
  kiosk_test_ui_wait_until (kiosk_alert_view_get_open (KIOSK_ALERT_VIEW (full_view ())));

  /* Cancelled: the survey is where it was, with the answer. */
  serve ("flood-polygon.xml", "flood-update.xml", "flood-cancel.xml", NULL);
  kiosk_test_ui_wait_until (!gtk_widget_get_visible (full_view ()));
  g_assert_false (showing (headline));
  g_assert_true (flow == KIOSK_SURVEY_FLOW (kiosk_surveys_view_get_flow (surveys_view ())));
  g_assert_cmpuint (kiosk_survey_flow_get_position (flow), ==, position);
  g_assert_true (gtk_toggle_button_get_active (
    GTK_TOGGLE_BUTTON (kiosk_survey_question_view_get_choice (current_question (), choice))));
  shoot ("survey-after-cancel");
  serve (NULL, NULL);
}

static void
test_survey (void)
{
  run_survey_case ("de", "Wasserspiel", "Hochwasser an der Parthe", "Warnung schließen");
  run_survey_case ("en", "Water play", "River flood on the Parthe", "Close warning");
  kiosk_window_set_language (window, "de");
}

static void
activate_cb (GApplication *application)
{
}

static void
add_sources (void)
{
  KioskSourceList *sources = kiosk_application_get_sources (app);
  GSettings *settings = kiosk_config_get_settings (kiosk_application_get_config (app));
  g_autoptr(KioskSourceConfig) cap_config = kiosk_source_config_new ("warnings", "cap",
                                                                      "https://example.org/cap");
  g_autoptr(KioskSourceConfig) survey_config = kiosk_source_config_new ("surveys", "survey",
                                                                         "https://example.org/s");
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GBytes) bytes = kiosk_demo_surveys_list (now, NULL, NULL);
  g_autoptr(KioskSource) survey_source = kiosk_source_new (survey_config);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  /* The kiosk stands in Musterdorf's town hall. */
  g_settings_set_double (settings, "latitude", 51.34);
  g_settings_set_double (settings, "longitude", 12.37);

  ctx->url = "https://example.org/s";
  kiosk_parse_result_init (&result);
  g_assert_true (kiosk_format_lookup ("survey")->parse (bytes, ctx, &result, &error));
  g_assert_no_error (error);
  kiosk_source_set_items (survey_source, result.items);
  kiosk_source_list_add (sources, survey_source);

  warnings = kiosk_source_new (cap_config);
  kiosk_source_list_add (sources, warnings);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("ankerort-alerts-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);
  int status;

  /* The kiosk's outbox and cache of this test's own, not the user's. */
  g_assert_nonnull (home);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  kiosk_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);

  app = kiosk_application_new ();
  window = kiosk_test_ui_start_app (app, G_CALLBACK (activate_cb), TRUE);
  add_sources ();

  g_test_add_func ("/ui/alerts/attract", test_attract);
  g_test_add_func ("/ui/alerts/survey", test_survey);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&warnings);
  g_clear_object (&app);

  return status;
}
