/* kiosk-demo-surveys.c: Musterdorf's surveys in the demo city: the survey
 * list, an answer endpoint that counts each Idempotency-Key once, results */

#define G_LOG_DOMAIN "kiosk-demo-surveys"

#include "config.h"

#include <json-glib/json-glib.h>

#include "kiosk-demo.h"
#include "kiosk-demo-surveys.h"
#include "kiosk-source-config.h"

#define MAX_ANSWER_BYTES (64 * 1024)

typedef struct
{
  const char *id;
  const char *resource;
  const char *text_questions[2];
} DemoSurvey;

static const DemoSurvey demo_surveys[] = {
  { "radwege-hauptstrasse", "/io/github/ankerort/Ankerort/demo/surveys/radwege.json", { "ideas", NULL } },
  { "spielplatz-stadtpark", "/io/github/ankerort/Ankerort/demo/surveys/spielplatz.json", { "wish", NULL } },
};

typedef struct
{
  char       *id;
  GStrv       text_questions;
  GPtrArray  *answers;   /* JsonNode* (the "answers" objects), arrival order */
  GHashTable *counts;    /* question -> GHashTable (value -> count) */
} InboxSurvey;

struct _KioskDemoSurveyInbox
{
  gatomicrefcount ref_count;
  GMutex      mutex;
  GHashTable *surveys;   /* id -> InboxSurvey */
  GHashTable *keys;      /* Idempotency-Keys counted */
  guint       status;
  guint       lose;
  guint       n_posts;
  guint       n_duplicates;
};

static void
inbox_survey_free (InboxSurvey *survey)
{
  g_free (survey->id);
  g_strfreev (survey->text_questions);
  g_ptr_array_unref (survey->answers);
  g_hash_table_unref (survey->counts);
  g_free (survey);
}

KioskDemoSurveyInbox *
kiosk_demo_survey_inbox_new (void)
{
  KioskDemoSurveyInbox *inbox = g_new0 (KioskDemoSurveyInbox, 1);

  g_atomic_ref_count_init (&inbox->ref_count);
  g_mutex_init (&inbox->mutex);
  inbox->surveys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) inbox_survey_free);
  inbox->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return inbox;
}

KioskDemoSurveyInbox *
kiosk_demo_survey_inbox_ref (KioskDemoSurveyInbox *inbox)
{
  g_atomic_ref_count_inc (&inbox->ref_count);

  return inbox;
}

void
kiosk_demo_survey_inbox_free (KioskDemoSurveyInbox *inbox)
{
  if (inbox == NULL || !g_atomic_ref_count_dec (&inbox->ref_count))
    return;

  g_hash_table_unref (inbox->surveys);
  g_hash_table_unref (inbox->keys);
  g_mutex_clear (&inbox->mutex);
  g_free (inbox);
}

void
kiosk_demo_survey_inbox_add_survey (KioskDemoSurveyInbox *inbox,
                                    const char           *survey_id,
                                    const char * const   *text_questions)
{
  InboxSurvey *survey = g_new0 (InboxSurvey, 1);

  survey->id = g_strdup (survey_id);
  survey->text_questions = g_strdupv ((char **) text_questions);
  survey->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  survey->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_hash_table_unref);

  g_mutex_lock (&inbox->mutex);
  g_hash_table_replace (inbox->surveys, survey->id, survey);
  g_mutex_unlock (&inbox->mutex);
}

static void
count_value (GHashTable *table,
             JsonNode   *value)
{
  g_autofree char *key = NULL;

  if (!JSON_NODE_HOLDS_VALUE (value))
    return;

  switch (json_node_get_value_type (value))
    {
    case G_TYPE_STRING:
      key = g_strdup (json_node_get_string (value));
      break;
    case G_TYPE_INT64:
      key = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
      break;
    case G_TYPE_BOOLEAN:
      key = g_strdup (json_node_get_boolean (value) ? "true" : "false");
      break;
    default:
      return;
    }

  g_hash_table_replace (table, g_strdup (key),
                        GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (table, key)) + 1));
}

/* Called with the mutex held. */
static void
count_answers (InboxSurvey *survey,
               JsonNode    *answers)
{
  JsonObjectIter iter;
  const char *question;
  JsonNode *value;

  g_ptr_array_add (survey->answers, json_node_ref (answers));

  json_object_iter_init (&iter, json_node_get_object (answers));
  while (json_object_iter_next (&iter, &question, &value))
    {
      GHashTable *table;

      /* Free text is read by the city, never published. */
      if (g_strv_contains ((const char * const *) survey->text_questions, question))
        continue;

      table = g_hash_table_lookup (survey->counts, question);
      if (table == NULL)
        {
          table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_replace (survey->counts, g_strdup (question), table);
        }

      if (JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *array = json_node_get_array (value);

          for (guint i = 0; i < json_array_get_length (array); i++)
            count_value (table, json_array_get_element (array, i));
        }
      else
        {
          count_value (table, value);
        }
    }
}

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  reply_json (msg, status, json);
}

static void
handle_post (KioskDemoSurveyInbox *inbox,
             SoupServerMessage    *msg,
             const char           *survey_id)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                  "Idempotency-Key");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  InboxSurvey *survey;
  JsonObject *object;
  JsonNode *answers;
  gboolean lose = FALSE;

  g_mutex_lock (&inbox->mutex);
  inbox->n_posts++;
  if (inbox->status != 0)
    {
      guint status = inbox->status;

      g_mutex_unlock (&inbox->mutex);
      reply_error (msg, status, "switched to fail");
      return;
    }
  g_mutex_unlock (&inbox->mutex);

  if (key == NULL || !g_uuid_string_is_valid (key))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "Idempotency-Key header missing or not a UUID");
      return;
    }

  bytes = soup_message_body_flatten (body);
  if (g_bytes_get_size (bytes) > MAX_ANSWER_BYTES ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "the body is not a JSON object");
      return;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  answers = json_object_get_member (object, "answers");
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "key", ""), key) != 0 ||
      g_strcmp0 (json_object_get_string_member_with_default (object, "survey", ""), survey_id) != 0 ||
      answers == NULL || !JSON_NODE_HOLDS_OBJECT (answers))
    {
      reply_error (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                   "“key”, “survey” and “answers” must match the request");
      return;
    }

  g_mutex_lock (&inbox->mutex);
  survey = g_hash_table_lookup (inbox->surveys, survey_id);
  if (survey == NULL)
    {
      g_mutex_unlock (&inbox->mutex);
      reply_error (msg, SOUP_STATUS_NOT_FOUND, "no such survey");
      return;
    }

  if (g_hash_table_contains (inbox->keys, key))
    {
      /* Counted before: the kiosk lost our reply. Same answer, no count. */
      inbox->n_duplicates++;
    }
  else
    {
      g_hash_table_add (inbox->keys, g_strdup (key));
      count_answers (survey, answers);
      if (inbox->lose > 0)
        {
          inbox->lose--;
          lose = TRUE;
        }
    }
  g_mutex_unlock (&inbox->mutex);

  if (lose)
    {
      g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

      g_io_stream_close (stream, NULL, NULL);
      return;
    }

  reply_json (msg, SOUP_STATUS_OK, "{\"status\":\"counted\"}");
}

GBytes *
kiosk_demo_survey_inbox_get_results (KioskDemoSurveyInbox *inbox,
                                     const char           *survey_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  InboxSurvey *survey;
  GHashTableIter iter;
  gpointer question, table;
  char *json;

  g_mutex_lock (&inbox->mutex);
  survey = g_hash_table_lookup (inbox->surveys, survey_id);
  if (survey == NULL)
    {
      g_mutex_unlock (&inbox->mutex);
      return NULL;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "survey");
  json_builder_add_string_value (builder, survey_id);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, survey->answers->len);
  json_builder_set_member_name (builder, "questions");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, survey->counts);
  while (g_hash_table_iter_next (&iter, &question, &table))
    {
      GHashTableIter inner;
      gpointer value, count;

      json_builder_set_member_name (builder, question);
      json_builder_begin_object (builder);
      g_hash_table_iter_init (&inner, table);
      while (g_hash_table_iter_next (&inner, &value, &count))
        {
          json_builder_set_member_name (builder, value);
          json_builder_add_int_value (builder, GPOINTER_TO_UINT (count));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  g_mutex_unlock (&inbox->mutex);

  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);

  return g_bytes_new_take (json, strlen (json));
}

void
kiosk_demo_survey_inbox_handle (SoupServer        *server,
                                SoupServerMessage *msg,
                                const char        *path,
                                GHashTable        *query,
                                gpointer           user_data)
{
  KioskDemoSurveyInbox *inbox = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *id;

  if (g_str_has_prefix (path, KIOSK_DEMO_SURVEYS_ANSWERS_PATH "/"))
    {
      id = path + strlen (KIOSK_DEMO_SURVEYS_ANSWERS_PATH "/");
      if (g_strcmp0 (method, "POST") != 0)
        {
          reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "POST answers here");
          return;
        }
      handle_post (inbox, msg, id);
      return;
    }

  if (g_str_has_prefix (path, KIOSK_DEMO_SURVEYS_RESULTS_PATH "/"))
    {
      g_autoptr(GBytes) results = NULL;

      id = path + strlen (KIOSK_DEMO_SURVEYS_RESULTS_PATH "/");
      results = kiosk_demo_survey_inbox_get_results (inbox, id);
      if (results == NULL)
        {
          reply_error (msg, SOUP_STATUS_NOT_FOUND, "no such survey");
          return;
        }
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (results, NULL), g_bytes_get_size (results));
      return;
    }

  reply_error (msg, SOUP_STATUS_NOT_FOUND, "not found");
}

void
kiosk_demo_survey_inbox_set_status (KioskDemoSurveyInbox *inbox,
                                    guint                 status)
{
  g_mutex_lock (&inbox->mutex);
  inbox->status = status;
  g_mutex_unlock (&inbox->mutex);
}

void
kiosk_demo_survey_inbox_lose_responses (KioskDemoSurveyInbox *inbox,
                                        guint                 n)
{
  g_mutex_lock (&inbox->mutex);
  inbox->lose = n;
  g_mutex_unlock (&inbox->mutex);
}

guint
kiosk_demo_survey_inbox_get_n_answers (KioskDemoSurveyInbox *inbox,
                                       const char           *survey_id)
{
  guint n = 0;

  g_mutex_lock (&inbox->mutex);
  if (survey_id == NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, inbox->surveys);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        n += ((InboxSurvey *) value)->answers->len;
    }
  else
    {
      InboxSurvey *survey = g_hash_table_lookup (inbox->surveys, survey_id);

      n = survey != NULL ? survey->answers->len : 0;
    }
  g_mutex_unlock (&inbox->mutex);

  return n;
}

guint
kiosk_demo_survey_inbox_get_n_posts (KioskDemoSurveyInbox *inbox)
{
  guint n;

  g_mutex_lock (&inbox->mutex);
  n = inbox->n_posts;
  g_mutex_unlock (&inbox->mutex);

  return n;
}

guint
kiosk_demo_survey_inbox_get_n_duplicates (KioskDemoSurveyInbox *inbox)
{
  guint n;

  g_mutex_lock (&inbox->mutex);
  n = inbox->n_duplicates;
  g_mutex_unlock (&inbox->mutex);

  return n;
}

GPtrArray *
kiosk_demo_survey_inbox_dup_answers (KioskDemoSurveyInbox *inbox,
                                     const char           *survey_id)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  InboxSurvey *survey;

  g_mutex_lock (&inbox->mutex);
  survey = g_hash_table_lookup (inbox->surveys, survey_id);
  for (guint i = 0; survey != NULL && i < survey->answers->len; i++)
    g_ptr_array_add (copy, json_node_copy (g_ptr_array_index (survey->answers, i)));
  g_mutex_unlock (&inbox->mutex);

  return copy;
}

GBytes *
kiosk_demo_surveys_list (GDateTime  *now,
                         gpointer    user_data,
                         char      **content_type)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) opens = g_date_time_add_days (now, -7);
  g_autoptr(GDateTime) closes = g_date_time_add_days (now, 30);
  g_autofree char *opens_text = g_date_time_format_iso8601 (opens);
  g_autofree char *closes_text = g_date_time_format_iso8601 (closes);
  char *json;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "surveys");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (demo_surveys); i++)
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data (demo_surveys[i].resource, 0, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *answers = g_strdup_printf ("answers/%s", demo_surveys[i].id);
      g_autofree char *results = g_strdup_printf ("results/%s", demo_surveys[i].id);

      if (bytes == NULL ||
          !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
        continue;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, demo_surveys[i].id);
      json_builder_set_member_name (builder, "opens");
      json_builder_add_string_value (builder, opens_text);
      json_builder_set_member_name (builder, "closes");
      json_builder_add_string_value (builder, closes_text);
      /* Relative to the list: the parser resolves them. */
      json_builder_set_member_name (builder, "answers_url");
      json_builder_add_string_value (builder, answers);
      json_builder_set_member_name (builder, "results_url");
      json_builder_add_string_value (builder, results);
      json_builder_set_member_name (builder, "survey");
      json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json = json_to_string (root, TRUE);
  if (content_type != NULL)
    *content_type = g_strdup ("application/json");

  return g_bytes_new_take (json, strlen (json));
}

/* A town where people took part before the kiosk came: results that look
 * like results. Fixed seed, same numbers every run. */
static void
seed_inbox (KioskDemoSurveyInbox *inbox)
{
  static const char * const travel[] = { "foot", "bike", "bike", "bus", "car" };
  static const char * const priorities[] = { "safety", "trees", "parking", "benches" };
  static const char * const equipment[] = { "swings", "sand", "climbing", "water", "shade" };
  static const char * const age[] = { "0-3", "4-7", "4-7", "8-12" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);

  g_mutex_lock (&inbox->mutex);
  for (guint i = 0; i < 46; i++)
    {
      InboxSurvey *survey = g_hash_table_lookup (inbox->surveys, demo_surveys[0].id);
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *answers = json_object_new ();
      JsonArray *chosen = json_array_new ();

      json_object_set_string_member (answers, "travel", travel[g_rand_int_range (rand, 0, 5)]);
      json_object_set_boolean_member (answers, "protected_lane", g_rand_int_range (rand, 0, 3) > 0);
      json_array_add_string_element (chosen, priorities[g_rand_int_range (rand, 0, 4)]);
      json_object_set_array_member (answers, "priorities", chosen);
      json_object_set_int_member (answers, "satisfaction", g_rand_int_range (rand, 1, 4));
      json_node_take_object (node, answers);
      count_answers (survey, node);
    }
  for (guint i = 0; i < 29; i++)
    {
      InboxSurvey *survey = g_hash_table_lookup (inbox->surveys, demo_surveys[1].id);
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *answers = json_object_new ();
      JsonArray *chosen = json_array_new ();

      json_array_add_string_element (chosen, equipment[g_rand_int_range (rand, 0, 5)]);
      json_array_add_string_element (chosen, equipment[g_rand_int_range (rand, 0, 2)]);
      json_object_set_array_member (answers, "equipment", chosen);
      json_object_set_int_member (answers, "importance", g_rand_int_range (rand, 2, 5));
      json_object_set_string_member (answers, "age", age[g_rand_int_range (rand, 0, 4)]);
      json_node_take_object (node, answers);
      count_answers (survey, node);
    }
  g_mutex_unlock (&inbox->mutex);
}

/* The inbox with both demo surveys registered and seeded. */
static KioskDemoSurveyInbox *
create_demo_inbox (void)
{
  KioskDemoSurveyInbox *inbox = kiosk_demo_survey_inbox_new ();

  for (guint i = 0; i < G_N_ELEMENTS (demo_surveys); i++)
    kiosk_demo_survey_inbox_add_survey (inbox, demo_surveys[i].id, demo_surveys[i].text_questions);
  seed_inbox (inbox);

  return inbox;
}

void
kiosk_demo_surveys_install (KioskDemoServer *server,
                            GPtrArray       *sources)
{
  KioskDemoSurveyInbox *inbox = create_demo_inbox ();
  g_autofree char *url = NULL;

  kiosk_demo_server_add_route (server, KIOSK_DEMO_SURVEYS_LIST_PATH,
                               kiosk_demo_surveys_list, NULL, NULL);

  /* Routes are exact paths: one answers and one results route a survey,
   * all sharing the inbox (its state guarded by its mutex: handlers run in
   * the server's thread). */
  for (guint i = 0; i < G_N_ELEMENTS (demo_surveys); i++)
    {
      g_autofree char *answers = g_strdup_printf ("%s/%s", KIOSK_DEMO_SURVEYS_ANSWERS_PATH, demo_surveys[i].id);
      g_autofree char *results = g_strdup_printf ("%s/%s", KIOSK_DEMO_SURVEYS_RESULTS_PATH, demo_surveys[i].id);

      kiosk_demo_server_add_handler (server, answers, kiosk_demo_survey_inbox_handle,
                                     kiosk_demo_survey_inbox_ref (inbox),
                                     (GDestroyNotify) kiosk_demo_survey_inbox_free);
      kiosk_demo_server_add_handler (server, results, kiosk_demo_survey_inbox_handle,
                                     kiosk_demo_survey_inbox_ref (inbox),
                                     (GDestroyNotify) kiosk_demo_survey_inbox_free);
    }
  kiosk_demo_survey_inbox_free (inbox);

  url = kiosk_demo_server_get_url (server, KIOSK_DEMO_SURVEYS_LIST_PATH);
  g_ptr_array_add (sources, kiosk_source_config_new ("demo-surveys", "survey", url));
}
