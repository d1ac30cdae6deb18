/* kiosk-demo-surveys.h: Musterdorf's survey endpoints (list, answers, results) */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define KIOSK_DEMO_SURVEYS_LIST_PATH    "/participation/surveys"
#define KIOSK_DEMO_SURVEYS_ANSWERS_PATH "/participation/answers"
#define KIOSK_DEMO_SURVEYS_RESULTS_PATH "/participation/results"

/* The survey list with both demo surveys inline, open from a week before
 * @now to a month after it (a KioskDemoGenerator). */
GBytes *kiosk_demo_surveys_list (GDateTime  *now,
                                 gpointer    user_data,
                                 char      **content_type);

/* What a city's answer endpoint does: takes POSTed answers, counts each
 * Idempotency-Key once, publishes counts. Thread-safe: its handler runs
 * in the server's thread while tests read it from theirs. */
typedef struct _KioskDemoSurveyInbox KioskDemoSurveyInbox;

KioskDemoSurveyInbox *kiosk_demo_survey_inbox_new        (void);
KioskDemoSurveyInbox *kiosk_demo_survey_inbox_ref        (KioskDemoSurveyInbox *inbox);
/* Drops a reference; frees with the last. */
void                  kiosk_demo_survey_inbox_free       (KioskDemoSurveyInbox *inbox);
/* Accept answers for @survey_id; @text_questions are never published. */
void                  kiosk_demo_survey_inbox_add_survey (KioskDemoSurveyInbox *inbox,
                                                          const char           *survey_id,
                                                          const char * const   *text_questions);
/* SoupServerCallback for ANSWERS_PATH/<id> (POST) and RESULTS_PATH/<id> (GET). */
void                  kiosk_demo_survey_inbox_handle     (SoupServer           *server,
                                                          SoupServerMessage    *msg,
                                                          const char           *path,
                                                          GHashTable           *query,
                                                          gpointer              inbox);
/* Fault switches for the tests: answer POSTs with @status without
 * counting them (0: normal). */
void                  kiosk_demo_survey_inbox_set_status (KioskDemoSurveyInbox *inbox,
                                                          guint                 status);
/* Count the next @n answers, then drop the connection instead of replying. */
void                  kiosk_demo_survey_inbox_lose_responses (KioskDemoSurveyInbox *inbox,
                                                              guint                 n);
/* Answers counted (each key once) for @survey_id, or all when NULL. */
guint                 kiosk_demo_survey_inbox_get_n_answers (KioskDemoSurveyInbox *inbox,
                                                             const char           *survey_id);
/* Every POST, duplicates and refusals included. */
guint                 kiosk_demo_survey_inbox_get_n_posts   (KioskDemoSurveyInbox *inbox);
/* POSTs whose key had been counted before. */
guint                 kiosk_demo_survey_inbox_get_n_duplicates (KioskDemoSurveyInbox *inbox);
/* The answers (JSON objects as sent) counted for @survey_id, in arrival order. */
GPtrArray            *kiosk_demo_survey_inbox_dup_answers   (KioskDemoSurveyInbox *inbox,
                                                             const char           *survey_id);
/* {"total": N, "questions": {"<question>": {"<value>": count}}} */
GBytes               *kiosk_demo_survey_inbox_get_results   (KioskDemoSurveyInbox *inbox,
                                                             const char           *survey_id);

G_END_DECLS
