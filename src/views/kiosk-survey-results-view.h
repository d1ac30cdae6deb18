/* kiosk-survey-results-view.h: a survey's published results as bars */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-survey.h"
#include "kiosk-survey-results.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SURVEY_RESULTS_VIEW (kiosk_survey_results_view_get_type ())

G_DECLARE_FINAL_TYPE (KioskSurveyResultsView, kiosk_survey_results_view, KIOSK, SURVEY_RESULTS_VIEW, GtkWidget)

/* One block per question with choices: each choice's text, a bar, and its
 * count and share in words and numbers (never the bar alone). Free-text
 * answers are never shown. */
GtkWidget *kiosk_survey_results_view_new (KioskSurvey        *survey,
                                          KioskSurveyResults *results);

G_END_DECLS
