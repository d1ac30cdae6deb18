/* kiosk-surveys-view.h: the surveys area: open surveys, the flow, thanks, results */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-config.h"
#include "kiosk-services.h"
#include "kiosk-survey-session.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SURVEYS_VIEW (kiosk_surveys_view_get_type ())

G_DECLARE_FINAL_TYPE (KioskSurveysView, kiosk_surveys_view, KIOSK, SURVEYS_VIEW, GtkWidget)

/* Returns the area's view; with no survey source, the designed empty
 * state. Answers go to the outbox of @services (none: the visitor is told
 * they cannot be stored), results are fetched through it. @session is
 * what the visitor did, shared by the views a language switch creates one
 * after the other; NULL gives the view its own. */
GtkWidget   *kiosk_surveys_view_new        (KioskConfig        *config,
                                            KioskServices      *services,
                                            KioskSurveySession *session);
/* "list", "flow", "thanks", "results" or "error". */
const char  *kiosk_surveys_view_get_page   (KioskSurveysView *self);
/* The running survey's flow, or NULL. */
GtkWidget   *kiosk_surveys_view_get_flow   (KioskSurveysView *self);
/* The list's button that opens the survey @id, or NULL. */
GtkWidget   *kiosk_surveys_view_get_survey_button (KioskSurveysView *self,
                                                   const char       *id);

/* Reach mode on a portrait stele: the cards and buttons at the bottom. */
void         kiosk_surveys_view_set_controls_below (KioskSurveysView *self,
                                                    gboolean          below);

G_END_DECLS
