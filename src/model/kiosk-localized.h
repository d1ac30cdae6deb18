/* kiosk-localized.h: a text in several languages, resolved when it is shown */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_LOCALIZED (kiosk_localized_get_type ())

typedef struct _KioskLocalized KioskLocalized;

GType           kiosk_localized_get_type      (void) G_GNUC_CONST;
/* A plain string, or an object {"default": ..., "de": ..., "en": ...}.
 * Returns NULL when @node is neither or holds no text at all. */
KioskLocalized *kiosk_localized_new_from_json (JsonNode             *node);
KioskLocalized *kiosk_localized_new           (const char           *text);
KioskLocalized *kiosk_localized_ref           (KioskLocalized       *self);
void            kiosk_localized_unref         (KioskLocalized       *self);
/* The text in @language, else "default", else English, German, any. */
const char     *kiosk_localized_get_for       (const KioskLocalized *self,
                                               const char           *language);
/* The text in the current UI language (kiosk_i18n_get_language ()). */
const char     *kiosk_localized_get           (const KioskLocalized *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskLocalized, kiosk_localized_unref)

G_END_DECLS
