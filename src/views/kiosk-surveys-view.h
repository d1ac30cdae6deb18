/* kiosk-surveys-view.h: the surveys area: open surveys, the flow, thanks, results */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-config.h"
#include "kiosk-outbox.h"
#include "kiosk-source-list.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SURVEYS_VIEW (kiosk_surveys_view_get_type ())

G_DECLARE_FINAL_TYPE (KioskSurveysView, kiosk_surveys_view, KIOSK, SURVEYS_VIEW, GtkWidget)

/* Returns the area's view; with no survey source, the designed empty
 * state. Answers go to the application's outbox (it outlives the view,
 * which is rebuilt when the language switches). */
GtkWidget   *kiosk_surveys_view_new        (KioskConfig      *config,
                                            KioskSourceList  *sources);
/* Another outbox than the application's (tests). */
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
