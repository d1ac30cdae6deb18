/* kiosk-survey-format.c: the `survey` kind: the survey list or one SurveyJS document
 *
 * Accepts Ankerort's survey list ({"surveys": [{"id", "opens", "closes",
 * "answers_url", "results_url", "survey": {SurveyJS}}]}) or one SurveyJS
 * document, whose pages and questions kiosk-surveyjs.c reads. The interface
 * is documented in data/docs/survey-interface.md. */

#define G_LOG_DOMAIN "kiosk-survey-format"

#include "config.h"

#include <math.h>

#include <string.h>

#include "kiosk-formats.h"
#include "kiosk-json.h"
#include "kiosk-survey-format.h"
#include "kiosk-survey-format-private.h"

#define MAX_ID_LENGTH 200

/* An absolute URL for @url, relative to the document's own URL. NULL when
 * there is no sensible one. */
static char *
resolve_url (const KioskParseContext *ctx,
             const char              *url)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scheme = NULL;
  char *resolved;

  if (url == NULL || *url == '\0')
    return NULL;

  scheme = g_uri_parse_scheme (url);
  if (scheme != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
      const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

      if (uri == NULL)
        return NULL;
      if ((g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
          (host == NULL || *host == '\0'))
        return NULL;
      return g_uri_to_string (uri);
    }

  /* Relative: no network-path references and no empty segments, which
   * GLib cannot join to a base without a host. */
  if (ctx->url == NULL || strstr (url, "//") != NULL)
    return NULL;

  resolved = g_uri_resolve_relative (ctx->url, url, G_URI_FLAGS_NONE, &error);
  if (resolved == NULL)
    g_debug ("Cannot resolve a relative link: %s", error != NULL ? error->message : "invalid");

  return resolved;
}

static GDateTime *
parse_date (const KioskParseContext *ctx,
            const char              *text,
            gboolean                 end_of_day)
{
  g_autoptr(GDateTime) day = kiosk_json_parse_day (text, ctx->tz);

  if (text == NULL)
    return NULL;

  /* A date alone: "opens" at its start, "closes" at its end. */
  if (day != NULL)
    return end_of_day ? g_date_time_add_days (day, 1) : g_steal_pointer (&day);

  return g_date_time_new_from_iso8601 (text, ctx->tz);
}

/* One entry of the survey list. */
static KioskSurvey *
parse_entry (JsonNode                *node,
             guint                    index,
             const KioskParseContext *ctx,
             KioskParseResult        *result,
             GError                 **error)
{
  g_autoptr(KioskSurvey) survey = NULL;
  g_autoptr(GDateTime) opens = NULL;
  g_autoptr(GDateTime) closes = NULL;
  g_autofree char *answers_url = NULL;
  g_autofree char *results_url = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *id;
  const char *text;
  JsonObject *entry;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "surveys[%u] is not an object", index);
      return NULL;
    }

  entry = json_node_get_object (node);
  id = kiosk_json_get_string (entry, "id", NULL);
  if (!kiosk_survey_valid_id (id))
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "surveys[%u] has no usable “id” (it is %s)", index,
                   kiosk_json_describe (json_object_get_member (entry, "id")));
      return NULL;
    }

  /* A date of the wrong type must not open a survey for ever. */
  for (guint i = 0; i < 2; i++)
    {
      const char *member = i == 0 ? "opens" : "closes";
      GDateTime *date;

      text = kiosk_json_get_string (entry, member, &local_error);
      if (local_error != NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "survey “%s”: ", id);
          return NULL;
        }
      date = parse_date (ctx, text, i == 1);
      if (text != NULL && date == NULL)
        {
          g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                       "survey “%s”: “%s” is not an ISO 8601 date: “%s”", id, member, text);
          return NULL;
        }
      if (i == 0)
        opens = date;
      else
        closes = date;
    }

  survey = kiosk_surveyjs_parse_survey (id, json_object_get_member (entry, "survey"), ctx, result,
                                        &local_error);
  if (survey == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "survey “%s”: ", id);
      return NULL;
    }

  answers_url = resolve_url (ctx, kiosk_json_get_string (entry, "answers_url", NULL));
  results_url = resolve_url (ctx, kiosk_json_get_string (entry, "results_url", NULL));
  if (answers_url == NULL)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "survey “%s” has no usable “answers_url”: answers could not be sent", id);
      return NULL;
    }

  kiosk_survey_set_dates (survey, opens, closes);
  kiosk_survey_set_urls (survey, answers_url, results_url);

  return g_steal_pointer (&survey);
}

/* A single SurveyJS document: its id and URLs come from the source's
 * options, else from the document and its URL. */
static KioskSurvey *
parse_single (JsonNode                *root,
              const KioskParseContext *ctx,
              KioskParseResult        *result,
              GError                 **error)
{
  g_autoptr(KioskSurvey) survey = NULL;
  g_autofree char *derived_id = NULL;
  g_autofree char *answers_url = NULL;
  g_autofree char *results_url = NULL;
  JsonObject *object = json_node_get_object (root);
  const char *id;

  id = kiosk_parse_context_option (ctx, "survey-id", kiosk_json_get_string (object, "id", NULL));
  if (id == NULL && ctx->url != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (ctx->url, G_URI_FLAGS_NONE, NULL);
      const char *path = uri != NULL ? g_uri_get_path (uri) : NULL;

      if (path != NULL)
        {
          char *dot;

          derived_id = g_path_get_basename (path);
          dot = strrchr (derived_id, '.');
          if (dot != NULL && dot != derived_id)
            *dot = '\0';
          if (g_str_equal (derived_id, "/") || g_str_equal (derived_id, "."))
            g_clear_pointer (&derived_id, g_free);
        }
    }
  if (id == NULL)
    id = derived_id != NULL ? derived_id : "survey";
  if (!kiosk_survey_valid_id (id))
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "the survey has no usable id (set the source option “survey-id”)");
      return NULL;
    }

  survey = kiosk_surveyjs_parse_survey (id, root, ctx, result, error);
  if (survey == NULL)
    return NULL;

  answers_url = resolve_url (ctx, kiosk_parse_context_option (ctx, "answers-url", NULL));
  results_url = resolve_url (ctx, kiosk_parse_context_option (ctx, "results-url", NULL));
  if (answers_url == NULL)
    kiosk_parse_result_warn (result,
                             "survey “%s” has no answers URL (source option “answers-url”): "
                             "it is not offered until one is set", id);
  kiosk_survey_set_urls (survey, answers_url, results_url);

  return g_steal_pointer (&survey);
}

gboolean
kiosk_survey_format_parse (GBytes                  *bytes,
                           const KioskParseContext *ctx,
                           KioskParseResult        *result,
                           GError                 **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autofree char *first_problem = NULL;
  JsonObject *object;
  JsonNode *list;
  JsonArray *array;
  guint n;

  g_return_val_if_fail (ctx != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  root = kiosk_json_load (bytes, KIOSK_SURVEY_MAX_BYTES, KIOSK_SURVEY_MAX_DEPTH, error);
  if (root == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                           "expected a JSON object: the survey list {\"surveys\": [...]} "
                           "or a SurveyJS survey {\"pages\": [...]}");
      return FALSE;
    }

  object = json_node_get_object (root);
  list = json_object_get_member (object, "surveys");
  if (list == NULL)
    {
      KioskSurvey *survey;

      if (!json_object_has_member (object, "pages") && !json_object_has_member (object, "elements") &&
          !json_object_has_member (object, "questions"))
        {
          g_set_error_literal (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                               "neither a survey list (no “surveys”) nor a SurveyJS survey "
                               "(no “pages”)");
          return FALSE;
        }

      survey = parse_single (root, ctx, result, error);
      if (survey == NULL)
        return FALSE;
      g_ptr_array_add (result->items, survey);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error_literal (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                           "“surveys” is not a list");
      return FALSE;
    }

  array = json_node_get_array (list);
  n = json_array_get_length (array);
  if (n > KIOSK_SURVEY_MAX_SURVEYS)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_TOO_LARGE,
                   "the list has %u surveys, more than %d", n, KIOSK_SURVEY_MAX_SURVEYS);
      return FALSE;
    }

  ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) local_error = NULL;
      KioskSurvey *survey;

      survey = parse_entry (json_array_get_element (array, i), i, ctx, result, &local_error);
      if (survey != NULL && g_hash_table_contains (ids, kiosk_survey_get_id (survey)))
        {
          g_set_error (&local_error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                       "survey “%s” appears twice in the list", kiosk_survey_get_id (survey));
          g_clear_object (&survey);
        }

      if (survey == NULL)
        {
          /* One broken survey must not take the others off the screen. */
          kiosk_parse_result_warn (result, "%s; this survey is not offered", local_error->message);
          if (first_problem == NULL)
            first_problem = g_strdup (local_error->message);
          continue;
        }

      g_hash_table_add (ids, (gpointer) kiosk_survey_get_id (survey));
      g_ptr_array_add (result->items, survey);
    }

  if (result->items->len == 0)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_EMPTY,
                   "the survey list holds no survey that can be offered%s%s",
                   first_problem != NULL ? ": " : "", first_problem != NULL ? first_problem : "");
      return FALSE;
    }

  return TRUE;
}

static void
add_int_or_null (JsonBuilder *builder,
                 const char  *member,
                 gboolean     set,
                 int          value)
{
  json_builder_set_member_name (builder, member);
  if (set)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_date (JsonBuilder *builder,
          const char  *member,
          GDateTime   *date)
{
  g_autofree char *text = date != NULL ? g_date_time_format_iso8601 (date) : NULL;

  json_builder_set_member_name (builder, member);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

JsonNode *
kiosk_survey_format_to_json (gpointer                 item,
                             const KioskParseContext *ctx)
{
  KioskSurvey *survey = item;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GPtrArray *questions;

  g_return_val_if_fail (KIOSK_IS_SURVEY (survey), NULL);

  json_builder_begin_object (builder);
  add_string (builder, "id", kiosk_survey_get_id (survey));
  add_string (builder, "title", kiosk_survey_get_title (survey));
  add_string (builder, "description", kiosk_survey_get_description (survey));
  add_date (builder, "opens", kiosk_survey_get_opens (survey));
  add_date (builder, "closes", kiosk_survey_get_closes (survey));
  add_string (builder, "answers_url", kiosk_survey_get_answers_url (survey));
  add_string (builder, "results_url", kiosk_survey_get_results_url (survey));

  json_builder_set_member_name (builder, "questions");
  json_builder_begin_array (builder);
  questions = kiosk_survey_get_questions (survey);
  for (guint i = 0; i < questions->len; i++)
    {
      KioskSurveyQuestion *question = g_ptr_array_index (questions, i);
      KioskSurveyQuestionType type = kiosk_survey_question_get_question_type (question);
      GPtrArray *choices = kiosk_survey_question_get_choices (question);
      int min = kiosk_survey_question_get_min (question);
      int max = kiosk_survey_question_get_max (question);
      gboolean has_range = type == KIOSK_SURVEY_QUESTION_MULTIPLE ||
                           type == KIOSK_SURVEY_QUESTION_TEXT ||
                           (type == KIOSK_SURVEY_QUESTION_RATING && (min != 0 || max != 0));

      json_builder_begin_object (builder);
      add_string (builder, "id", kiosk_survey_question_get_id (question));
      add_string (builder, "type", kiosk_survey_question_get_type_name (question));
      add_string (builder, "title", kiosk_survey_question_get_title (question));
      json_builder_set_member_name (builder, "required");
      json_builder_add_boolean_value (builder, kiosk_survey_question_get_required (question));

      json_builder_set_member_name (builder, "choices");
      json_builder_begin_array (builder);
      for (guint c = 0; c < choices->len; c++)
        {
          KioskSurveyChoice *choice = g_ptr_array_index (choices, c);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "value");
          json_builder_add_value (builder, json_node_copy (choice->value));
          add_string (builder, "text", kiosk_localized_get (choice->text));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      /* Multiple choice: 0 means no limit, shown as null. */
      add_int_or_null (builder, "min", has_range && !(type == KIOSK_SURVEY_QUESTION_MULTIPLE && min == 0), min);
      add_int_or_null (builder, "max", has_range && !(type == KIOSK_SURVEY_QUESTION_MULTIPLE && max == 0), max);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static char *
survey_to_text (gpointer                 item,
                const KioskParseContext *ctx)
{
  KioskSurvey *survey = item;
  GPtrArray *questions = kiosk_survey_get_questions (survey);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s: %s (%u questions)", kiosk_survey_get_id (survey),
                          kiosk_survey_get_title (survey), questions->len);
  for (guint i = 0; i < questions->len; i++)
    {
      KioskSurveyQuestion *question = g_ptr_array_index (questions, i);

      g_string_append_printf (text, "\n  %u. [%s%s] %s", i + 1,
                              kiosk_survey_question_get_type_name (question),
                              kiosk_survey_question_get_required (question) ? ", required" : "",
                              kiosk_survey_question_get_title (question));
    }

  return g_string_free (text, FALSE);
}

const KioskFormat kiosk_format_survey = {
  .kind = "survey",
  .area = KIOSK_AREA_SURVEYS,
  .get_item_type = kiosk_survey_get_type,
  .parse = kiosk_survey_format_parse,
  .to_json = kiosk_survey_format_to_json,
  .to_text = survey_to_text,
};

/* An integer member; FALSE when it is absent or not a whole number. */
gboolean
kiosk_survey_get_int (JsonObject *object,
                      const char *member,
                      int        *out)
{
  double d;

  if (!kiosk_json_get_number (object, member, &d, NULL))
    return FALSE;

  /* Range first: casting an out-of-range double is undefined. */
  if (!(d >= -1e6 && d <= 1e6) || d != floor (d))
    return FALSE;

  *out = (int) d;
  return TRUE;
}

gboolean
kiosk_survey_valid_id (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;

  len = strlen (id);
  if (len == 0 || len > MAX_ID_LENGTH || !g_utf8_validate (id, len, NULL))
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    {
      /* No control characters: ids end up in logs and JSON keys. */
      if ((guchar) *p < 0x20)
        return FALSE;
    }

  return TRUE;
}
