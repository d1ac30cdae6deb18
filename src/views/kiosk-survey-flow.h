/* kiosk-survey-flow.h: one survey from the intro to "Submit", a question a screen */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-survey.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SURVEY_FLOW (kiosk_survey_flow_get_type ())

G_DECLARE_FINAL_TYPE (KioskSurveyFlow, kiosk_survey_flow, KIOSK, SURVEY_FLOW, GtkWidget)

/* Emits "cancelled" when the person confirms Cancel, and "submit"
 * (JsonNode *answers: {"question id": answer, ...}) on Submit. */
GtkWidget   *kiosk_survey_flow_new               (KioskSurvey     *survey);
KioskSurvey *kiosk_survey_flow_get_survey        (KioskSurveyFlow *self);
/* 0: the intro; 1..n: question n. */
guint        kiosk_survey_flow_get_position      (KioskSurveyFlow *self);
GtkWidget   *kiosk_survey_flow_get_question_view (KioskSurveyFlow *self,
                                                  guint            index);
/* The answers so far ({"question id": answer}), and putting them back with
 * the position: a language switch rebuilds the view, not the survey. */
JsonNode    *kiosk_survey_flow_dup_answers       (KioskSurveyFlow *self);
void         kiosk_survey_flow_restore           (KioskSurveyFlow *self,
                                                  JsonNode        *answers,
                                                  guint            position);
/* While the answer is written: every button rests, "Saving…" shows. */
void         kiosk_survey_flow_set_busy          (KioskSurveyFlow *self,
                                                  gboolean         busy);
/* "next", "back", "cancel", "cancel-yes", "cancel-no": for the tests. */
GtkWidget   *kiosk_survey_flow_get_button        (KioskSurveyFlow *self,
                                                  const char      *name);

G_END_DECLS
