/* test-survey-format.c: the `survey` kind against good and bad fixtures */

#include "config.h"

#include "json-type-swap.h"
#include "kiosk-formats.h"
#include "kiosk-i18n.h"
#include "kiosk-survey-format.h"
#include "kiosk-survey-results.h"

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "surveys", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (data, len);
}

static KioskParseContext *
new_context (const char *url)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  KioskParseContext *ctx = kiosk_parse_context_new (tz);

  ctx->url = g_intern_string (url);

  return ctx;
}

static gboolean
parse (const char        *fixture,
       const char        *url,
       KioskParseResult  *result,
       GError           **error)
{
  g_autoptr(GBytes) bytes = load_fixture (fixture);
  g_autoptr(KioskParseContext) ctx = new_context (url);
  const KioskFormat *format = kiosk_format_lookup ("survey");

  g_assert_nonnull (format);
  g_assert_cmpint (format->area, ==, KIOSK_AREA_SURVEYS);
  g_assert_true (format->get_item_type () == KIOSK_TYPE_SURVEY);

  kiosk_parse_result_init (result);
  return format->parse (bytes, ctx, result, error);
}

static char *
item_json (gpointer item)
{
  g_autoptr(KioskParseContext) ctx = new_context (NULL);
  g_autoptr(JsonNode) node = kiosk_survey_format_to_json (item, ctx);

  return json_to_string (node, FALSE);
}

static gboolean
warnings_mention (KioskParseResult *result,
                  const char       *needle)
{
  for (guint i = 0; i < result->warnings->len; i++)
    {
      if (strstr (g_ptr_array_index (result->warnings, i), needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
test_good_list (void)
{
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) inside = NULL;
  g_autoptr(GDateTime) last_day = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  KioskSurvey *survey;

  kiosk_i18n_set_language ("de");
  g_assert_true (parse ("good-list.json", "https://city.example/api/surveys", &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.items->len, ==, 2);

  survey = g_ptr_array_index (result.items, 0);
  json = item_json (survey);
  g_assert_cmpstr (json, ==,
                   "{\"id\":\"bike-lanes\",\"title\":\"Radwege\",\"description\":null,"
                   "\"opens\":\"2026-11-01T00:00:00+01\","
                   "\"closes\":\"2027-01-01T00:00:00+01\","
                   "\"answers_url\":\"https://city.example/surveys/bike-lanes/answers\","
                   "\"results_url\":\"https://city.example/surveys/bike-lanes/results\","
                   "\"questions\":["
                   "{\"id\":\"travel\",\"type\":\"radiogroup\",\"title\":\"How?\",\"required\":true,"
                   "\"choices\":[{\"value\":\"foot\",\"text\":\"foot\"},{\"value\":\"bike\",\"text\":\"Rad\"},"
                   "{\"value\":3,\"text\":\"3\"}],\"min\":null,\"max\":null},"
                   "{\"id\":\"prio\",\"type\":\"checkbox\",\"title\":\"What?\",\"required\":false,"
                   "\"choices\":[{\"value\":\"a\",\"text\":\"a\"},{\"value\":\"b\",\"text\":\"b\"},"
                   "{\"value\":\"c\",\"text\":\"c\"}],\"min\":1,\"max\":2},"
                   "{\"id\":\"score\",\"type\":\"rating\",\"title\":\"score\",\"required\":false,"
                   "\"choices\":[{\"value\":0,\"text\":\"0\"},{\"value\":5,\"text\":\"5\"},"
                   "{\"value\":10,\"text\":\"10\"}],\"min\":0,\"max\":10},"
                   "{\"id\":\"yes\",\"type\":\"boolean\",\"title\":\"Yes?\",\"required\":false,"
                   "\"choices\":[{\"value\":true,\"text\":\"Sure\"},{\"value\":false,\"text\":\"Nein\"}],"
                   "\"min\":null,\"max\":null},"
                   "{\"id\":\"text\",\"type\":\"comment\",\"title\":\"Say\",\"required\":false,"
                   "\"choices\":[],\"min\":0,\"max\":120}]}");

  /* Localized strings follow the UI language when read, not when parsed. */
  kiosk_i18n_set_language ("en");
  g_assert_cmpstr (kiosk_survey_get_title (survey), ==, "Bike lanes");
  {
    KioskSurveyQuestion *question = kiosk_survey_lookup_question (survey, "score");
    KioskSurveyChoice *choice;

    g_assert_cmpstr (kiosk_survey_question_get_min_label (question), ==, "bad");
    /* No English text: the only one there is. */
    g_assert_cmpstr (kiosk_survey_question_get_max_label (question), ==, "gut");
    question = kiosk_survey_lookup_question (survey, "yes");
    choice = g_ptr_array_index (kiosk_survey_question_get_choices (question), 1);
    g_assert_cmpstr (kiosk_localized_get (choice->text), ==, "No");
  }
  kiosk_i18n_set_language ("de");

  /* "closes" as a date means through the end of that day. */
  before = g_date_time_new (tz, 2026, 10, 31, 23, 0, 0);
  inside = g_date_time_new (tz, 2026, 11, 22, 12, 0, 0);
  last_day = g_date_time_new (tz, 2026, 12, 31, 23, 59, 0);
  after = g_date_time_new (tz, 2027, 1, 1, 0, 0, 0);
  g_assert_false (kiosk_survey_is_open (survey, before));
  g_assert_true (kiosk_survey_is_open (survey, inside));
  g_assert_true (kiosk_survey_is_open (survey, last_day));
  g_assert_false (kiosk_survey_is_open (survey, after));

  survey = g_ptr_array_index (result.items, 1);
  g_clear_pointer (&json, g_free);
  json = item_json (survey);
  g_assert_cmpstr (json, ==,
                   "{\"id\":\"playground\",\"title\":\"Playground\",\"description\":null,"
                   "\"opens\":null,\"closes\":null,"
                   "\"answers_url\":\"https://city.example/answers/playground\",\"results_url\":null,"
                   "\"questions\":[{\"id\":\"want\",\"type\":\"boolean\",\"title\":\"Want one?\","
                   "\"required\":true,\"choices\":[{\"value\":\"y\",\"text\":\"Ja\"},"
                   "{\"value\":\"n\",\"text\":\"Nein\"}],\"min\":null,\"max\":null}]}");
  g_assert_cmpuint (result.warnings->len, ==, 0);
}

static void
test_good_single (void)
{
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  KioskSurvey *survey;
  GPtrArray *questions;

  g_assert_true (parse ("good-single.json", "file:///srv/surveys/hours.json", &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.items->len, ==, 1);

  survey = g_ptr_array_index (result.items, 0);
  g_assert_cmpstr (kiosk_survey_get_id (survey), ==, "hours");
  questions = kiosk_survey_get_questions (survey);
  g_assert_cmpuint (questions->len, ==, 2);
  g_assert_cmpstr (kiosk_survey_question_get_id (g_ptr_array_index (questions, 0)), ==, "hours");
  g_assert_cmpstr (kiosk_survey_question_get_id (g_ptr_array_index (questions, 1)), ==, "note");
  /* Text rating values have no numeric range. */
  g_assert_cmpint (kiosk_survey_question_get_min (g_ptr_array_index (questions, 0)), ==, 0);
  g_assert_cmpint (kiosk_survey_question_get_max (g_ptr_array_index (questions, 1)), ==,
                   KIOSK_SURVEY_DEFAULT_TEXT);

  /* Skipped elements and ignored conditions are reported, naming the place. */
  g_assert_true (warnings_mention (&result, "element 1 “intro”: type “html”"));
  g_assert_true (warnings_mention (&result, "element 3 “grid”: type “matrix”"));
  g_assert_true (warnings_mention (&result, "visibleIf"));
  g_assert_true (warnings_mention (&result, "no answers URL"));
  g_assert_null (kiosk_survey_get_answers_url (survey));
}

static void
test_single_options (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("good-single.json");
  g_autoptr(KioskParseContext) ctx = new_context ("https://city.example/s/hours.json");
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  KioskSurvey *survey;

  g_hash_table_insert (ctx->options, g_strdup ("survey-id"), g_strdup ("hours-2026"));
  g_hash_table_insert (ctx->options, g_strdup ("answers-url"), g_strdup ("answers"));
  kiosk_parse_result_init (&result);
  g_assert_true (kiosk_survey_format_parse (bytes, ctx, &result, &error));
  g_assert_no_error (error);
  survey = g_ptr_array_index (result.items, 0);
  g_assert_cmpstr (kiosk_survey_get_id (survey), ==, "hours-2026");
  g_assert_cmpstr (kiosk_survey_get_answers_url (survey), ==, "https://city.example/s/answers");
}

static void
test_list_one_bad (void)
{
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (parse ("list-one-bad.json", "http://x.example/list", &result, &error));
  g_assert_no_error (error);
  /* The broken ones are not offered; the good one stays. */
  g_assert_cmpuint (result.items->len, ==, 1);
  g_assert_cmpstr (kiosk_survey_get_id (g_ptr_array_index (result.items, 0)), ==, "fine");
  g_assert_true (warnings_mention (&result,
                                   "survey “needs-matrix”: page 1, element 2 “m” has type "
                                   "“matrixdropdown”, which a kiosk cannot show, and must be "
                                   "answered; this survey is not offered"));
  g_assert_true (warnings_mention (&result, "survey “fine” appears twice"));
  g_assert_true (warnings_mention (&result, "survey “no-answers-url” has no usable “answers_url”"));
}

typedef struct
{
  const char *fixture;
  int         code;
  const char *message;
} BadCase;

static const BadCase bad_cases[] = {
  { "bad-empty.json", KIOSK_FORMAT_ERROR_EMPTY, "the document is empty" },
  { "bad-whitespace.json", KIOSK_FORMAT_ERROR_EMPTY, "the document is empty" },
  { "bad-truncated.json", KIOSK_FORMAT_ERROR_INVALID, "not valid JSON" },
  { "bad-array.json", KIOSK_FORMAT_ERROR_INVALID, "expected a JSON object" },
  { "bad-not-survey.json", KIOSK_FORMAT_ERROR_INVALID, "neither a survey list" },
  { "bad-empty-list.json", KIOSK_FORMAT_ERROR_EMPTY, "holds no survey that can be offered" },
  { "bad-no-questions.json", KIOSK_FORMAT_ERROR_EMPTY, "no question a kiosk can show" },
  { "bad-rating.json", KIOSK_FORMAT_ERROR_INVALID, "question “r”: rateMin 1, rateMax 1000" },
  { "bad-no-choices.json", KIOSK_FORMAT_ERROR_INVALID, "question “r” has no usable choices" },
  { "bad-duplicate-name.json", KIOSK_FORMAT_ERROR_INVALID, "the name “r” is used twice" },
  { "bad-date.json", KIOSK_FORMAT_ERROR_EMPTY, "“opens” is not an ISO 8601 date: “next tuesday”" },
  { "bad-required-unsupported.json", KIOSK_FORMAT_ERROR_INVALID,
    "page 1, element 2 “p” has type “panel”, which a kiosk cannot show, and must be answered" },
};

static void
test_bad (gconstpointer data)
{
  const BadCase *bad = data;
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (parse (bad->fixture, "http://x.example/s", &result, &error));
  g_assert_error (error, KIOSK_FORMAT_ERROR, bad->code);
  g_test_message ("%s: %s", bad->fixture, error->message);
  if (strstr (error->message, bad->message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, bad->message);
  g_assert_cmpuint (result.items->len, ==, 0);
}

static void
test_too_deep (void)
{
  GString *text = g_string_new ("{\"pages\":");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KioskParseContext) ctx = new_context (NULL);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  bytes = g_string_free_to_bytes (text);
  kiosk_parse_result_init (&result);
  g_assert_false (kiosk_survey_format_parse (bytes, ctx, &result, &error));
  g_assert_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_TOO_LARGE);
}

static void
test_demo_surveys (void)
{
  static const char * const files[] = { "radwege.json", "spielplatz.json" };

  /* The demo town's surveys parse without a single warning. */
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "surveys",
                                                     files[i], NULL);
      g_autoptr(KioskParseContext) ctx = new_context ("http://127.0.0.1/surveys/x.json");
      g_auto(KioskParseResult) result = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      char *data;
      gsize len;

      g_file_get_contents (path, &data, &len, &error);
      g_assert_no_error (error);
      bytes = g_bytes_new_take (data, len);
      g_hash_table_insert (ctx->options, g_strdup ("answers-url"), g_strdup ("answers"));
      kiosk_parse_result_init (&result);
      g_assert_true (kiosk_survey_format_parse (bytes, ctx, &result, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (result.warnings->len, ==, 0);
    }
}

static void
test_results (void)
{
  static const char text[] = "{\"total\": 7, \"questions\": {"
                             "\"travel\": {\"bike\": 4, \"foot\": 3, \"bad\": -1},"
                             "\"yes\": {\"true\": 5, \"false\": \"x\"}, \"no\": 3}}";
  static const char wrong[] = "{\"questions\": []}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GBytes) garbage = g_bytes_new_static (wrong, strlen (wrong));
  g_autoptr(KioskSurveyResults) results = NULL;
  g_autoptr(GError) error = NULL;

  results = kiosk_survey_results_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->total, ==, 7);
  g_assert_cmpuint (kiosk_survey_results_get (results, "travel", "bike"), ==, 4);
  g_assert_cmpuint (kiosk_survey_results_get (results, "travel", "foot"), ==, 3);
  g_assert_cmpuint (kiosk_survey_results_get (results, "travel", "bad"), ==, 0);
  g_assert_cmpuint (kiosk_survey_results_get (results, "yes", "true"), ==, 5);
  g_assert_cmpuint (kiosk_survey_results_get (results, "yes", "false"), ==, 0);
  g_assert_cmpuint (kiosk_survey_results_get (results, "nothing", "x"), ==, 0);

  g_assert_null (kiosk_survey_results_parse (garbage, &error));
  g_assert_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "results: “questions” is an array, not an object");
}

/* "opens" as a number must not open the survey for ever. */
static void
test_wrong_types (void)
{
  static const char text[] =
    "{\"surveys\": [{\"id\": \"a\", \"opens\": 20261122, \"answers_url\": \"/a\","
    " \"survey\": {\"elements\": [{\"type\": \"boolean\", \"name\": \"q\"}]}},"
    " {\"id\": 7, \"answers_url\": \"/b\", \"survey\": {\"elements\": []}},"
    " {\"id\": \"c\", \"answers_url\": \"/c\", \"closes\": \"2026-12-24\","
    " \"survey\": {\"elements\": [{\"type\": 3, \"name\": \"x\"},"
    " {\"type\": \"rating\", \"name\": \"r\", \"rateMax\": \"5\", \"isRequired\": [true]}]}}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(KioskParseContext) ctx = new_context ("http://x.example/s");
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  kiosk_parse_result_init (&result);
  g_assert_true (kiosk_survey_format_parse (bytes, ctx, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.items->len, ==, 1);
  g_assert_cmpstr (kiosk_survey_get_id (result.items->pdata[0]), ==, "c");
  g_assert_true (warnings_mention (&result, "survey “a”: “opens” is a number, not a string"));
  g_assert_true (warnings_mention (&result, "surveys[1] has no usable “id” (it is a number)"));
  g_assert_true (warnings_mention (&result, "type “(none)” cannot be shown"));
}

static gboolean
parse_results (GBytes   *bytes,
               gpointer  user_data,
               GError  **error)
{
  g_autoptr(KioskSurveyResults) results = kiosk_survey_results_parse (bytes, error);

  if (results != NULL)
    kiosk_survey_results_get (results, "travel", "bike");

  return results != NULL;
}

static void
test_type_swap (void)
{
  const char *fixtures[] = { "good-list.json", "good-single.json", "list-one-bad.json", NULL };
  static const char results[] = "{\"total\": 7, \"questions\": {"
                                "\"travel\": {\"bike\": 4, \"foot\": 3}, \"yes\": {\"true\": 5}}}";
  g_autoptr(GBytes) results_bytes = g_bytes_new_static (results, strlen (results));
  g_autoptr(KioskParseContext) ctx = new_context ("http://x.example/surveys.json");
  g_autofree char *demo_path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "surveys",
                                                      "radwege.json", NULL);
  g_autoptr(GBytes) demo = NULL;
  char *data = NULL;
  gsize len = 0;

  g_hash_table_insert (ctx->options, g_strdup ("answers-url"), g_strdup ("answers"));
  json_type_swap_check_fixtures (&kiosk_format_survey, ctx, "surveys", fixtures, 100);
  g_assert_true (g_file_get_contents (demo_path, &data, &len, NULL));
  demo = g_bytes_new_take (data, len);
  g_assert_cmpuint (json_type_swap_check_format (&kiosk_format_survey, ctx, demo), >, 100);
  g_assert_cmpuint (json_type_swap_check (results_bytes, parse_results, NULL), >, 30);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  kiosk_i18n_init ();
  kiosk_i18n_set_language ("de");

  g_test_add_func ("/survey-format/good-list", test_good_list);
  g_test_add_func ("/survey-format/good-single", test_good_single);
  g_test_add_func ("/survey-format/single-options", test_single_options);
  g_test_add_func ("/survey-format/list-one-bad", test_list_one_bad);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/survey-format/bad/%s", bad_cases[i].fixture);

      g_test_add_data_func (path, &bad_cases[i], test_bad);
    }
  g_test_add_func ("/survey-format/too-deep", test_too_deep);
  g_test_add_func ("/survey-format/demo-surveys", test_demo_surveys);
  g_test_add_func ("/survey-format/results", test_results);
  g_test_add_func ("/survey-format/wrong-types", test_wrong_types);
  g_test_add_func ("/survey-format/type-swap", test_type_swap);

  return g_test_run ();
}
