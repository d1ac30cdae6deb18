/* kiosk-survey-results.c: a survey's published results, counted per choice */

#define G_LOG_DOMAIN "kiosk-survey-format"

#include "config.h"

#include "kiosk-formats.h"
#include "kiosk-json.h"
#include "kiosk-survey-format.h"
#include "kiosk-survey-format-private.h"
#include "kiosk-survey-results.h"

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

  root = kiosk_json_load (bytes, KIOSK_SURVEY_MAX_BYTES, KIOSK_SURVEY_MAX_DEPTH, error);
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
  if (kiosk_survey_get_int (object, "total", &total) && total > 0)
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
