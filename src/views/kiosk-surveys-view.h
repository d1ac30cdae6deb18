/* kiosk-surveys-view.h: the surveys area: open surveys, the flow, thanks, results */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-config.h"
#include "kiosk-outbox.h"
#include "kiosk-source-list.h"
#include "kiosk-survey-session.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SURVEYS_VIEW (kiosk_surveys_view_get_type ())

G_DECLARE_FINAL_TYPE (KioskSurveysView, kiosk_surveys_view, KIOSK, SURVEYS_VIEW, GtkWidget)

/* Returns the area's view; with no survey source, the designed empty
 * state. Answers go to @outbox (NULL: the visitor is told they cannot be
 * stored). @session is what the visitor did, shared by the views a
 * language switch creates one after the other; NULL gives the view its
 * own. */
GtkWidget   *kiosk_surveys_view_new        (KioskConfig        *config,
                                            KioskSourceList    *sources,
                                            KioskOutbox        *outbox,
                                            KioskSurveySession *session);
/* Another outbox than the one it was made with (tests). */
void         kiosk_surveys_view_set_outbox (KioskSurveysView *self,
                                            KioskOutbox      *outbox);
/* "list", "flow", "thanks", "results" or "error". */
const char  *kiosk_surveys_view_get_page   (KioskSurveysView *self);
/* The running survey's flow, or NULL. */
GtkWidget   *kiosk_surveys_view_get_flow   (KioskSurveysView *self);
/* The list's button that opens the survey @id, or NULL. */
GtkWidget   *kiosk_surveys_view_get_survey_button (KioskSurveysView *self,
                                                   const char       *id);

G_END_DECLS
