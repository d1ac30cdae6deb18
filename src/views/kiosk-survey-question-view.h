/* kiosk-survey-question-view.h: one question on one screen, with its answer */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "kiosk-survey-question.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SURVEY_QUESTION_VIEW (kiosk_survey_question_view_get_type ())

G_DECLARE_FINAL_TYPE (KioskSurveyQuestionView, kiosk_survey_question_view, KIOSK, SURVEY_QUESTION_VIEW, GtkWidget)

GtkWidget           *kiosk_survey_question_view_new          (KioskSurveyQuestion     *question);
KioskSurveyQuestion *kiosk_survey_question_view_get_question (KioskSurveyQuestionView *self);
/* The answer as sent (string, number, boolean or array); NULL: none given. */
JsonNode            *kiosk_survey_question_view_dup_answer   (KioskSurveyQuestionView *self);
/* Puts back an answer from dup_answer (after a language switch). */
void                 kiosk_survey_question_view_set_answer   (KioskSurveyQuestionView *self,
                                                              JsonNode                *answer);
/* Whether "Next" may go on: answered as required, within the limits. */
gboolean             kiosk_survey_question_view_get_complete (KioskSurveyQuestionView *self);
/* Why not, in words for the person at the screen; NULL when complete. */
const char          *kiosk_survey_question_view_get_hint     (KioskSurveyQuestionView *self);
/* The typed text of a free-text question ("" otherwise). */
const char          *kiosk_survey_question_view_get_text     (KioskSurveyQuestionView *self);
/* The button of the choice shown as @text (tests tap it). */
GtkWidget           *kiosk_survey_question_view_get_choice   (KioskSurveyQuestionView *self,
                                                              const char              *text);
/* The keyboard of a free-text question, else NULL. */
GtkWidget           *kiosk_survey_question_view_get_keyboard (KioskSurveyQuestionView *self);

G_END_DECLS
