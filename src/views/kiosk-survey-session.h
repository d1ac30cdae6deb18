/* kiosk-survey-session.h: what one visitor did with the surveys, until the idle reset */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_SURVEY_SESSION (kiosk_survey_session_get_type ())

G_DECLARE_FINAL_TYPE (KioskSurveySession, kiosk_survey_session, KIOSK, SURVEY_SESSION, GObject)

KioskSurveySession *kiosk_survey_session_new          (void);
/* Surveys answered since the last reset: one go per survey and person. */
gboolean            kiosk_survey_session_has_answered (KioskSurveySession *self,
                                                       const char         *survey_id);
void                kiosk_survey_session_add_answered (KioskSurveySession *self,
                                                       const char         *survey_id);
/* A survey half answered when its view was rebuilt (language switch):
 * kept for the next view, which takes it once. */
void                kiosk_survey_session_set_draft    (KioskSurveySession *self,
                                                       const char         *survey_id,
                                                       JsonNode           *answers,
                                                       guint               position);
/* Returns FALSE when there is no draft; otherwise hands it over. */
gboolean            kiosk_survey_session_take_draft   (KioskSurveySession *self,
                                                       char              **survey_id,
                                                       JsonNode          **answers,
                                                       guint              *position);
/* The next visitor: nothing answered, no draft. */
void                kiosk_survey_session_clear        (KioskSurveySession *self);

G_END_DECLS
