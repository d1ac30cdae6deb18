/* kiosk-survey-format.c: the `survey` kind: SurveyJS surveys and their results
 *
 * Accepts Ankerort's survey list ({"surveys": [{"id", "opens", "closes",
 * "answers_url", "results_url", "survey": {SurveyJS}}]}) or one SurveyJS
 * document. The interface is documented in data/docs/survey-interface.md. */

#define G_LOG_DOMAIN "kiosk-survey-format"

#include "config.h"

#include <math.h>

#include <string.h>

#include "kiosk-formats.h"
#include "kiosk-json.h"
#include "kiosk-survey-format.h"

#define MAX_BYTES (8 * 1024 * 1024)
#define MAX_RATE_VALUES 20
#define MAX_ID_LENGTH 200

/* Thrown away with the survey it belongs to: why it cannot be offered. */
typedef struct
{
  const char              *survey_id;
  const KioskParseContext *ctx;
  KioskParseResult        *result;
  GHashTable              *names;    /* question names seen */
} SurveyParse;

static gboolean
get_bool (JsonObject *object,
          const char *member)
{
  gboolean value = FALSE;
  const char *text;

  if (kiosk_json_get_boolean (object, member, &value, NULL))
    return value;
  /* Hand-written surveys say "true" now and then. */
  text = kiosk_json_get_string (object, member, NULL);

  return text != NULL && g_ascii_strcasecmp (text, "true") == 0;
}

/* An integer member; FALSE when it is absent or not a whole number. */
static gboolean
get_int (JsonObject *object,
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

static gboolean
is_scalar (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  return type == G_TYPE_STRING || type == G_TYPE_INT64 ||
         type == G_TYPE_DOUBLE || type == G_TYPE_BOOLEAN;
}

static gboolean
valid_id (const char *id)
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

/* Choices: strings, numbers, or {value, text}. */
static gboolean
parse_choices (SurveyParse         *sp,
               KioskSurveyQuestion *question,
               JsonNode            *node,
               const char          *member,
               GError             **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *name = kiosk_survey_question_get_id (question);
  JsonArray *array;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "question “%s” has no “%s” list", name, member);
      return FALSE;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n > KIOSK_SURVEY_MAX_CHOICES)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_TOO_LARGE,
                   "question “%s” has %u choices, more than the %d a kiosk screen can show",
                   name, n, KIOSK_SURVEY_MAX_CHOICES);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonNode *value = NULL;
      g_autoptr(KioskLocalized) text = NULL;
      KioskSurveyChoice *choice;
      g_autofree char *key = NULL;

      if (is_scalar (element))
        {
          value = element;
        }
      else if (JSON_NODE_HOLDS_OBJECT (element))
        {
          JsonObject *object = json_node_get_object (element);

          value = json_object_get_member (object, "value");
          text = kiosk_localized_new_from_json (json_object_get_member (object, "text"));
        }

      if (!is_scalar (value))
        {
          kiosk_parse_result_warn (sp->result,
                                   "survey “%s”, question “%s”, %s %u: no usable value, skipped",
                                   sp->survey_id, name, member, i + 1);
          continue;
        }

      choice = kiosk_survey_choice_new (value, NULL);
      key = kiosk_survey_choice_dup_key (choice);
      if (g_hash_table_contains (seen, key) || *key == '\0')
        {
          kiosk_parse_result_warn (sp->result,
                                   "survey “%s”, question “%s”, %s %u: value “%s” %s, skipped",
                                   sp->survey_id, name, member, i + 1, key,
                                   *key == '\0' ? "is empty" : "appears twice");
          kiosk_survey_choice_free (choice);
          continue;
        }
      choice->text = text != NULL ? g_steal_pointer (&text) : kiosk_localized_new (key);
      g_hash_table_add (seen, g_steal_pointer (&key));
      kiosk_survey_question_add_choice (question, choice);
    }

  if (kiosk_survey_question_get_choices (question)->len == 0)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "question “%s” has no usable choices", name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_checkbox (SurveyParse         *sp,
                KioskSurveyQuestion *question,
                JsonObject          *element,
                GError             **error)
{
  guint n;
  int min = 0, max = 0;

  if (!parse_choices (sp, question, json_object_get_member (element, "choices"), "choices", error))
    return FALSE;

  n = kiosk_survey_question_get_choices (question)->len;
  get_int (element, "minSelectedChoices", &min);
  get_int (element, "maxSelectedChoices", &max);
  min = CLAMP (min, 0, (int) n);
  max = CLAMP (max, 0, (int) n);
  if (max > 0 && min > max)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "question “%s”: minSelectedChoices %d is more than maxSelectedChoices %d",
                   kiosk_survey_question_get_id (question), min, max);
      return FALSE;
    }
  kiosk_survey_question_set_range (question, min, max);

  return TRUE;
}

static gboolean
parse_rating (SurveyParse         *sp,
              KioskSurveyQuestion *question,
              JsonObject          *element,
              GError             **error)
{
  const char *name = kiosk_survey_question_get_id (question);
  JsonNode *rate_values = json_object_get_member (element, "rateValues");
  g_autoptr(KioskLocalized) min_label = NULL;
  g_autoptr(KioskLocalized) max_label = NULL;

  if (rate_values != NULL && JSON_NODE_HOLDS_ARRAY (rate_values) &&
      json_array_get_length (json_node_get_array (rate_values)) > 0)
    {
      GPtrArray *choices;
      int lo = G_MAXINT, hi = G_MININT;
      gboolean numeric = TRUE;

      if (!parse_choices (sp, question, rate_values, "rateValues", error))
        return FALSE;

      choices = kiosk_survey_question_get_choices (question);
      if (choices->len > MAX_RATE_VALUES)
        {
          g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_TOO_LARGE,
                       "question “%s” has %u rate values, more than %d",
                       name, choices->len, MAX_RATE_VALUES);
          return FALSE;
        }
      for (guint i = 0; i < choices->len; i++)
        {
          KioskSurveyChoice *choice = g_ptr_array_index (choices, i);

          if (json_node_get_value_type (choice->value) != G_TYPE_INT64)
            {
              numeric = FALSE;
              break;
            }
          lo = MIN (lo, (int) CLAMP (json_node_get_int (choice->value), -1000000, 1000000));
          hi = MAX (hi, (int) CLAMP (json_node_get_int (choice->value), -1000000, 1000000));
        }
      if (numeric)
        kiosk_survey_question_set_range (question, lo, hi);
    }
  else
    {
      int min = 1, max = 5, step = 1;

      /* SurveyJS' defaults: 1 to 5 in steps of 1. */
      get_int (element, "rateMin", &min);
      get_int (element, "rateMax", &max);
      get_int (element, "rateStep", &step);
      if (step <= 0 || max < min || (max - min) / step + 1 > MAX_RATE_VALUES)
        {
          g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                       "question “%s”: rateMin %d, rateMax %d, rateStep %d give no scale "
                       "of 1 to %d values", name, min, max, step, MAX_RATE_VALUES);
          return FALSE;
        }

      for (int v = min; v <= max; v += step)
        {
          g_autoptr(JsonNode) value = json_node_init_int (json_node_alloc (), v);
          g_autofree char *text = g_strdup_printf ("%d", v);
          g_autoptr(KioskLocalized) label = kiosk_localized_new (text);

          kiosk_survey_question_add_choice (question, kiosk_survey_choice_new (value, label));
        }
      kiosk_survey_question_set_range (question, min, max);
    }

  min_label = kiosk_localized_new_from_json (json_object_get_member (element, "minRateDescription"));
  max_label = kiosk_localized_new_from_json (json_object_get_member (element, "maxRateDescription"));
  kiosk_survey_question_set_range_labels (question, min_label, max_label);

  return TRUE;
}

static KioskLocalized *
yes_no (JsonObject *element,
        const char *member,
        const char *de,
        const char *en)
{
  KioskLocalized *label = kiosk_localized_new_from_json (json_object_get_member (element, member));
  g_autoptr(JsonNode) fallback = NULL;
  JsonObject *texts;

  if (label != NULL)
    return label;

  /* The parser knows no gettext: the default labels carry both languages. */
  texts = json_object_new ();
  json_object_set_string_member (texts, "de", de);
  json_object_set_string_member (texts, "en", en);
  fallback = json_node_init_object (json_node_alloc (), texts);
  json_object_unref (texts);

  return kiosk_localized_new_from_json (fallback);
}

static gboolean
parse_boolean (SurveyParse         *sp,
               KioskSurveyQuestion *question,
               JsonObject          *element,
               GError             **error)
{
  g_autoptr(KioskLocalized) yes = yes_no (element, "labelTrue", "Ja", "Yes");
  g_autoptr(KioskLocalized) no = yes_no (element, "labelFalse", "Nein", "No");
  g_autoptr(JsonNode) true_value = NULL;
  g_autoptr(JsonNode) false_value = NULL;
  JsonNode *node;

  node = json_object_get_member (element, "valueTrue");
  true_value = is_scalar (node) ? json_node_copy (node) : json_node_init_boolean (json_node_alloc (), TRUE);
  node = json_object_get_member (element, "valueFalse");
  false_value = is_scalar (node) ? json_node_copy (node) : json_node_init_boolean (json_node_alloc (), FALSE);

  if (json_node_equal (true_value, false_value))
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "question “%s”: valueTrue and valueFalse are the same",
                   kiosk_survey_question_get_id (question));
      return FALSE;
    }

  kiosk_survey_question_add_choice (question, kiosk_survey_choice_new (true_value, yes));
  kiosk_survey_question_add_choice (question, kiosk_survey_choice_new (false_value, no));

  return TRUE;
}

static gboolean
parse_comment (SurveyParse         *sp,
               KioskSurveyQuestion *question,
               JsonObject          *element,
               GError             **error)
{
  int max = 0;

  if (!get_int (element, "maxLength", &max) || max <= 0)
    max = KIOSK_SURVEY_DEFAULT_TEXT;
  kiosk_survey_question_set_range (question, 0, MIN (max, KIOSK_SURVEY_MAX_TEXT));

  return TRUE;
}

static gboolean
type_from_name (const char              *type,
                KioskSurveyQuestionType *out)
{
  static const struct { const char *name; KioskSurveyQuestionType type; } types[] = {
    { "radiogroup", KIOSK_SURVEY_QUESTION_SINGLE },
    { "checkbox", KIOSK_SURVEY_QUESTION_MULTIPLE },
    { "rating", KIOSK_SURVEY_QUESTION_RATING },
    { "boolean", KIOSK_SURVEY_QUESTION_BOOLEAN },
    { "comment", KIOSK_SURVEY_QUESTION_TEXT },
  };

  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (types); i++)
    {
      if (g_str_equal (types[i].name, type))
        {
          *out = types[i].type;
          return TRUE;
        }
    }

  return FALSE;
}

/* Whether an element, or anything inside a panel, must be answered. */
static gboolean
element_requires_answer (JsonObject *element)
{
  JsonNode *inner;

  if (get_bool (element, "isRequired"))
    return TRUE;

  inner = json_object_get_member (element, "elements");
  if (inner != NULL && JSON_NODE_HOLDS_ARRAY (inner))
    {
      JsonArray *array = json_node_get_array (inner);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (node) &&
              element_requires_answer (json_node_get_object (node)))
            return TRUE;
        }
    }

  return FALSE;
}

/* Returns FALSE with @error when the whole survey cannot be offered; sets
 * *@question to NULL for an element that is skipped. */
static gboolean
parse_element (SurveyParse          *sp,
               JsonNode             *node,
               guint                 page,
               guint                 index,
               KioskSurveyQuestion **out,
               GError              **error)
{
  g_autoptr(KioskSurveyQuestion) question = NULL;
  g_autoptr(KioskLocalized) title = NULL;
  g_autoptr(KioskLocalized) description = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *where = NULL;
  KioskSurveyQuestionType type;
  const char *type_name;
  const char *name;
  JsonObject *element;
  gboolean required;
  gboolean ok = FALSE;

  *out = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      kiosk_parse_result_warn (sp->result, "survey “%s”, page %u, element %u: not an object, skipped",
                               sp->survey_id, page, index);
      return TRUE;
    }

  element = json_node_get_object (node);
  type_name = kiosk_json_get_string (element, "type", NULL);
  name = kiosk_json_get_string (element, "name", NULL);
  required = element_requires_answer (element);
  where = g_strdup_printf ("page %u, element %u%s%s%s", page, index,
                           valid_id (name) ? " “" : "", valid_id (name) ? name : "",
                           valid_id (name) ? "”" : "");

  if (!type_from_name (type_name, &type))
    {
      if (required)
        {
          g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                       "%s has type “%s”, which a kiosk cannot show, and must be answered",
                       where, type_name ? type_name : "(none)");
          return FALSE;
        }
      kiosk_parse_result_warn (sp->result,
                               "survey “%s”, %s: type “%s” cannot be shown on a kiosk, skipped",
                               sp->survey_id, where, type_name ? type_name : "(none)");
      return TRUE;
    }

  if (json_object_has_member (element, "visible") && !get_bool (element, "visible"))
    {
      kiosk_parse_result_warn (sp->result, "survey “%s”, %s: hidden (“visible”: false), skipped",
                               sp->survey_id, where);
      return TRUE;
    }

  if (!valid_id (name))
    {
      g_set_error (&local_error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "%s has no usable “name”", where);
      goto invalid;
    }
  if (g_hash_table_contains (sp->names, name))
    {
      g_set_error (&local_error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "%s: the name “%s” is used twice", where, name);
      goto invalid;
    }

  title = kiosk_localized_new_from_json (json_object_get_member (element, "title"));
  description = kiosk_localized_new_from_json (json_object_get_member (element, "description"));
  question = kiosk_survey_question_new (name, type, title);
  kiosk_survey_question_set_description (question, description);
  kiosk_survey_question_set_required (question, required);

  switch (type)
    {
    case KIOSK_SURVEY_QUESTION_SINGLE:
      ok = parse_choices (sp, question, json_object_get_member (element, "choices"), "choices",
                          &local_error);
      break;
    case KIOSK_SURVEY_QUESTION_MULTIPLE:
      ok = parse_checkbox (sp, question, element, &local_error);
      break;
    case KIOSK_SURVEY_QUESTION_RATING:
      ok = parse_rating (sp, question, element, &local_error);
      break;
    case KIOSK_SURVEY_QUESTION_BOOLEAN:
      ok = parse_boolean (sp, question, element, &local_error);
      break;
    case KIOSK_SURVEY_QUESTION_TEXT:
      ok = parse_comment (sp, question, element, &local_error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    goto invalid;

  if (json_object_has_member (element, "visibleIf") || json_object_has_member (element, "enableIf"))
    kiosk_parse_result_warn (sp->result,
                             "survey “%s”, %s: conditions (visibleIf, enableIf) are ignored; "
                             "the question is always shown", sp->survey_id, where);
  if (get_bool (element, "hasOther") || get_bool (element, "showOtherItem"))
    kiosk_parse_result_warn (sp->result,
                             "survey “%s”, %s: the “other” free-text choice is not shown",
                             sp->survey_id, where);

  g_hash_table_add (sp->names, g_strdup (name));
  *out = g_steal_pointer (&question);
  return TRUE;

invalid:
  if (required)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  "a question that must be answered is broken: ");
      return FALSE;
    }
  kiosk_parse_result_warn (sp->result, "survey “%s”: %s, skipped",
                           sp->survey_id, local_error->message);
  return TRUE;
}

static KioskSurvey *
parse_survey (const char              *id,
              JsonNode                *node,
              const KioskParseContext *ctx,
              KioskParseResult        *result,
              GError                 **error)
{
  g_autoptr(KioskSurvey) survey = NULL;
  g_autoptr(KioskLocalized) title = NULL;
  g_autoptr(KioskLocalized) description = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  SurveyParse sp = { id, ctx, result, names };
  JsonObject *object;
  JsonArray *list;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                           "the survey is not a JSON object");
      return NULL;
    }

  object = json_node_get_object (node);
  title = kiosk_localized_new_from_json (json_object_get_member (object, "title"));
  description = kiosk_localized_new_from_json (json_object_get_member (object, "description"));
  survey = kiosk_survey_new (id, title);
  kiosk_survey_set_description (survey, description);

  /* SurveyJS: "pages": [{"elements": [...]}]; a survey of one page may put
   * "elements" (older versions: "questions") at the top. */
  list = kiosk_json_get_array (object, "pages", NULL);
  if (list != NULL)
    {
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *page = kiosk_json_array_object (list, i);

          if (page == NULL)
            kiosk_parse_result_warn (result, "survey “%s”, page %u: not an object, skipped",
                                     id, i + 1);
          g_ptr_array_add (pages, page);
        }
    }
  else if (json_object_has_member (object, "elements") || json_object_has_member (object, "questions"))
    {
      g_ptr_array_add (pages, object);
    }
  else
    {
      g_set_error_literal (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                           "the survey has no “pages” list");
      return NULL;
    }

  for (guint p = 0; p < pages->len; p++)
    {
      JsonObject *page = g_ptr_array_index (pages, p);
      JsonArray *elements;

      if (page == NULL)
        continue;

      elements = kiosk_json_get_array (page, "elements", NULL);
      if (elements == NULL)
        elements = kiosk_json_get_array (page, "questions", NULL);
      if (elements == NULL)
        {
          kiosk_parse_result_warn (result, "survey “%s”, page %u: no “elements” list, skipped",
                                   id, p + 1);
          continue;
        }

      for (guint e = 0; e < json_array_get_length (elements); e++)
        {
          g_autoptr(KioskSurveyQuestion) question = NULL;

          if (!parse_element (&sp, json_array_get_element (elements, e), p + 1, e + 1,
                              &question, error))
            return NULL;
          if (question == NULL)
            continue;

          if (kiosk_survey_get_questions (survey)->len >= KIOSK_SURVEY_MAX_QUESTIONS)
            {
              g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_TOO_LARGE,
                           "more than %d questions", KIOSK_SURVEY_MAX_QUESTIONS);
              return NULL;
            }
          kiosk_survey_add_question (survey, question);
        }
    }

  if (kiosk_survey_get_questions (survey)->len == 0)
    {
      g_set_error_literal (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_EMPTY,
                           "the survey has no question a kiosk can show");
      return NULL;
    }

  return g_steal_pointer (&survey);
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
  if (!valid_id (id))
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

  survey = parse_survey (id, json_object_get_member (entry, "survey"), ctx, result, &local_error);
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
  if (!valid_id (id))
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "the survey has no usable id (set the source option “survey-id”)");
      return NULL;
    }

  survey = parse_survey (id, root, ctx, result, error);
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

  root = kiosk_json_load (bytes, MAX_BYTES, KIOSK_SURVEY_MAX_DEPTH, error);
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

/* Results */

void
kiosk_survey_results_free (KioskSurveyResults *results)
{
  if (results == NULL)
    return;

  g_clear_pointer (&results->counts, g_hash_table_unref);
  g_free (results);
}

KioskSurveyResults *
kiosk_survey_results_parse (GBytes  *bytes,
                            GError **error)
{
  g_autoptr(KioskSurveyResults) results = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObjectIter iter;
  const char *question_id;
  JsonNode *counts;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonObject *questions;
  int total = 0;

  root = kiosk_json_load (bytes, MAX_BYTES, KIOSK_SURVEY_MAX_DEPTH, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                           "results: expected a JSON object");
      return NULL;
    }

  object = json_node_get_object (root);
  questions = kiosk_json_get_object (object, "questions", &local_error);
  if (questions == NULL)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID, "results: %s",
                   local_error != NULL ? local_error->message : "no “questions” object");
      return NULL;
    }

  results = g_new0 (KioskSurveyResults, 1);
  results->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_hash_table_unref);
  if (get_int (object, "total", &total) && total > 0)
    results->total = total;

  json_object_iter_init (&iter, questions);
  while (json_object_iter_next (&iter, &question_id, &counts))
    {
      GHashTable *table;
      JsonObjectIter inner;
      const char *key;
      JsonNode *count;

      if (!JSON_NODE_HOLDS_OBJECT (counts))
        continue;

      table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_replace (results->counts, g_strdup (question_id), table);
      json_object_iter_init (&inner, json_node_get_object (counts));
      while (json_object_iter_next (&inner, &key, &count))
        {
          gint64 n;

          if (!JSON_NODE_HOLDS_VALUE (count) || json_node_get_value_type (count) != G_TYPE_INT64)
            continue;
          n = json_node_get_int (count);
          if (n < 0 || n > G_MAXINT)
            continue;
          g_hash_table_replace (table, g_strdup (key), GUINT_TO_POINTER ((guint) n));
        }
    }

  return g_steal_pointer (&results);
}

guint
kiosk_survey_results_get (KioskSurveyResults *results,
                          const char         *question_id,
                          const char         *choice_key)
{
  GHashTable *table;

  g_return_val_if_fail (results != NULL, 0);

  table = g_hash_table_lookup (results->counts, question_id);
  if (table == NULL)
    return 0;

  return GPOINTER_TO_UINT (g_hash_table_lookup (table, choice_key));
}
