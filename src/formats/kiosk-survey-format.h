/* kiosk-survey-format.h: the `survey` kind: SurveyJS surveys */
#pragma once

#include "kiosk-format.h"
#include "kiosk-survey.h"

G_BEGIN_DECLS

/* Caps a kiosk survey stays within; documents beyond them are refused. */
#define KIOSK_SURVEY_MAX_SURVEYS    50
#define KIOSK_SURVEY_MAX_QUESTIONS  100
#define KIOSK_SURVEY_MAX_CHOICES    50
#define KIOSK_SURVEY_MAX_TEXT       5000   /* free text, characters */
#define KIOSK_SURVEY_DEFAULT_TEXT   1000   /* when the survey sets no maxLength */
#define KIOSK_SURVEY_MAX_DEPTH      64     /* JSON nesting */

gboolean  kiosk_survey_format_parse    (GBytes                  *bytes,
                                        const KioskParseContext *ctx,
                                        KioskParseResult        *result,
                                        GError                 **error);
/* What `check --json` prints for a survey (also used by the tests). */
JsonNode *kiosk_survey_format_to_json  (gpointer                 item,
                                        const KioskParseContext *ctx);

G_END_DECLS
