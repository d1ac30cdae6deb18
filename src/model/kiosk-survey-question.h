/* kiosk-survey-question.h: one question of a survey, with its choices */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "kiosk-localized.h"

G_BEGIN_DECLS

typedef enum
{
  KIOSK_SURVEY_QUESTION_SINGLE,    /* SurveyJS "radiogroup" */
  KIOSK_SURVEY_QUESTION_MULTIPLE,  /* "checkbox" */
  KIOSK_SURVEY_QUESTION_RATING,    /* "rating" */
  KIOSK_SURVEY_QUESTION_BOOLEAN,   /* "boolean" */
  KIOSK_SURVEY_QUESTION_TEXT,      /* "comment" */
} KioskSurveyQuestionType;

/* One answer a person can pick. @value is what is sent (a string, number
 * or boolean, as the survey gave it); @text what is shown. */
typedef struct
{
  JsonNode       *value;
  KioskLocalized *text;
} KioskSurveyChoice;

KioskSurveyChoice *kiosk_survey_choice_new   (JsonNode          *value,
                                              KioskLocalized    *text);
void               kiosk_survey_choice_free  (KioskSurveyChoice *choice);
/* The value as a string, for display and result look-ups ("3", "true"). */
char              *kiosk_survey_choice_dup_key (const KioskSurveyChoice *choice);

#define KIOSK_TYPE_SURVEY_QUESTION (kiosk_survey_question_get_type ())

G_DECLARE_FINAL_TYPE (KioskSurveyQuestion, kiosk_survey_question, KIOSK, SURVEY_QUESTION, GObject)

KioskSurveyQuestion    *kiosk_survey_question_new             (const char              *id,
                                                               KioskSurveyQuestionType  type,
                                                               KioskLocalized          *title);
const char             *kiosk_survey_question_get_id          (KioskSurveyQuestion *self);
KioskSurveyQuestionType kiosk_survey_question_get_question_type (KioskSurveyQuestion *self);
/* The SurveyJS element type ("radiogroup", ...). */
const char             *kiosk_survey_question_get_type_name   (KioskSurveyQuestion *self);
/* In the current UI language. */
const char             *kiosk_survey_question_get_title       (KioskSurveyQuestion *self);
const char             *kiosk_survey_question_get_description (KioskSurveyQuestion *self);
void                    kiosk_survey_question_set_description (KioskSurveyQuestion *self,
                                                               KioskLocalized      *description);
gboolean                kiosk_survey_question_get_required    (KioskSurveyQuestion *self);
void                    kiosk_survey_question_set_required    (KioskSurveyQuestion *self,
                                                               gboolean             required);
/* Multiple: fewest/most choices (0: no limit). Rating: lowest/highest
 * value. Text: 0 and the maximum length in characters (0: no limit). */
int                     kiosk_survey_question_get_min         (KioskSurveyQuestion *self);
int                     kiosk_survey_question_get_max         (KioskSurveyQuestion *self);
void                    kiosk_survey_question_set_range       (KioskSurveyQuestion *self,
                                                               int                  min,
                                                               int                  max);
/* Rating: the words under the lowest and highest value; may be NULL. */
const char             *kiosk_survey_question_get_min_label   (KioskSurveyQuestion *self);
const char             *kiosk_survey_question_get_max_label   (KioskSurveyQuestion *self);
void                    kiosk_survey_question_set_range_labels (KioskSurveyQuestion *self,
                                                                KioskLocalized      *min_label,
                                                                KioskLocalized      *max_label);
/* KioskSurveyChoice*, in order. Empty for free text. */
GPtrArray              *kiosk_survey_question_get_choices     (KioskSurveyQuestion *self);
void                    kiosk_survey_question_add_choice      (KioskSurveyQuestion *self,
                                                               KioskSurveyChoice   *choice);

G_END_DECLS
