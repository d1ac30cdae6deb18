/* kiosk-surveyjs.c: one SurveyJS survey: its pages and the questions a kiosk can show
 *
 * Part of the `survey` kind (kiosk-survey-format.c); what is supported is
 * documented in data/docs/survey-interface.md. */

#define G_LOG_DOMAIN "kiosk-survey-format"

#include "config.h"

#include "kiosk-formats.h"
#include "kiosk-json.h"
#include "kiosk-survey-format.h"
#include "kiosk-survey-format-private.h"

#define MAX_RATE_VALUES 20

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
  kiosk_survey_get_int (element, "minSelectedChoices", &min);
  kiosk_survey_get_int (element, "maxSelectedChoices", &max);
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
      kiosk_survey_get_int (element, "rateMin", &min);
      kiosk_survey_get_int (element, "rateMax", &max);
      kiosk_survey_get_int (element, "rateStep", &step);
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

  if (!kiosk_survey_get_int (element, "maxLength", &max) || max <= 0)
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
                           kiosk_survey_valid_id (name) ? " “" : "", kiosk_survey_valid_id (name) ? name : "",
                           kiosk_survey_valid_id (name) ? "”" : "");

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

  if (!kiosk_survey_valid_id (name))
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

KioskSurvey *
kiosk_surveyjs_parse_survey (const char              *id,
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
