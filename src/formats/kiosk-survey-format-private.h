/* kiosk-survey-format-private.h: what the survey list, SurveyJS and results parsers share */
#pragma once

#include <json-glib/json-glib.h>

#include "kiosk-format.h"
#include "kiosk-survey.h"

G_BEGIN_DECLS

#define KIOSK_SURVEY_MAX_BYTES (8 * 1024 * 1024)

/* An integer member; FALSE when it is absent or not a whole number. */
gboolean     kiosk_survey_get_int        (JsonObject              *object,
                                          const char              *member,
                                          int                     *out);
/* A non-empty UTF-8 id without control characters, of at most 200 bytes. */
gboolean     kiosk_survey_valid_id       (const char              *id);

/* One SurveyJS document as a survey with the id @id; NULL with @error
 * when it cannot be offered, warnings for what is skipped go to @result. */
KioskSurvey *kiosk_surveyjs_parse_survey (const char              *id,
                                          JsonNode                *node,
                                          const KioskParseContext *ctx,
                                          KioskParseResult        *result,
                                          GError                 **error);

G_END_DECLS
