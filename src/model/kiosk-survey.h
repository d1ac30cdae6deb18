/* kiosk-survey.h: one open survey: its questions and where answers go */
#pragma once

#include <glib-object.h>

#include "kiosk-localized.h"
#include "kiosk-survey-question.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SURVEY (kiosk_survey_get_type ())

G_DECLARE_FINAL_TYPE (KioskSurvey, kiosk_survey, KIOSK, SURVEY, GObject)

KioskSurvey *kiosk_survey_new              (const char     *id,
                                            KioskLocalized *title);
const char  *kiosk_survey_get_id           (KioskSurvey    *self);
/* In the current UI language. */
const char  *kiosk_survey_get_title        (KioskSurvey    *self);
const char  *kiosk_survey_get_description  (KioskSurvey    *self);
void         kiosk_survey_set_description  (KioskSurvey    *self,
                                            KioskLocalized *description);
/* NULL: open since ever / until further notice. */
GDateTime   *kiosk_survey_get_opens        (KioskSurvey    *self);
GDateTime   *kiosk_survey_get_closes       (KioskSurvey    *self);
void         kiosk_survey_set_dates        (KioskSurvey    *self,
                                            GDateTime      *opens,
                                            GDateTime      *closes);
gboolean     kiosk_survey_is_open          (KioskSurvey    *self,
                                            GDateTime      *now);
/* Absolute URLs; NULL when the source has none. */
const char  *kiosk_survey_get_answers_url  (KioskSurvey    *self);
const char  *kiosk_survey_get_results_url  (KioskSurvey    *self);
void         kiosk_survey_set_urls         (KioskSurvey    *self,
                                            const char     *answers_url,
                                            const char     *results_url);
/* KioskSurveyQuestion*, in order. */
GPtrArray   *kiosk_survey_get_questions    (KioskSurvey    *self);
void         kiosk_survey_add_question     (KioskSurvey    *self,
                                            KioskSurveyQuestion *question);
KioskSurveyQuestion *kiosk_survey_lookup_question (KioskSurvey *self,
                                                   const char  *id);

G_END_DECLS
