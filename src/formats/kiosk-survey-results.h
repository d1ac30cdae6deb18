/* kiosk-survey-results.h: a survey's published results, counted per choice */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Published results: per question, per choice key, a count. */
typedef struct
{
  guint       total;     /* answers counted */
  GHashTable *counts;    /* question id -> GHashTable (choice key -> GUINT_TO_POINTER (count)) */
} KioskSurveyResults;

KioskSurveyResults *kiosk_survey_results_parse   (GBytes             *bytes,
                                                  GError            **error);
void                kiosk_survey_results_free    (KioskSurveyResults *results);
guint               kiosk_survey_results_get     (KioskSurveyResults *results,
                                                  const char         *question_id,
                                                  const char         *choice_key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskSurveyResults, kiosk_survey_results_free)

G_END_DECLS
