/* kiosk-reading-kind.h: what a measured quantity means: name, unit, bands, staleness */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_READING_KIND (kiosk_reading_kind_get_type ())

typedef struct _KioskReadingKind KioskReadingKind;

/* Per-source overrides, as source options (KEY is a kind id: temperature,
 * humidity, pm10, pm25, no2, o3, noise, parking, water-level):
 *   thresholds-KEY=20,35,50,100   upper bounds of all bands but the last
 *                                 (exactly one fewer than the kind's bands)
 *   max-age-KEY=3600              seconds after which a reading is stale
 *   decimals-KEY=1                digits after the decimal separator
 *   unit-KEY=°C                   unit when the service names none
 */
#define KIOSK_READING_KIND_OTHER "other"

GType              kiosk_reading_kind_get_type      (void) G_GNUC_CONST;
KioskReadingKind  *kiosk_reading_kind_ref           (KioskReadingKind *self);
void               kiosk_reading_kind_unref         (KioskReadingKind *self);

/* A shipped kind by id (a new reference), or NULL. */
KioskReadingKind  *kiosk_reading_kind_lookup        (const char       *id);
/* The ids of the shipped kinds, NULL-terminated, in display order. */
const char * const *kiosk_reading_kind_list_ids     (void);
/* The shipped kind a property is about, from its name (ObservedProperty
 * name, NGSI attribute name) or definition URI; NULL when unknown. */
KioskReadingKind  *kiosk_reading_kind_match         (const char       *name,
                                                     const char       *definition);
/* A kind without bands for a property no shipped kind covers. */
KioskReadingKind  *kiosk_reading_kind_new_other     (const char       *name);
/* A copy of @self with the source's overrides applied; problems are added
 * to @warnings (char*) and the default is kept. */
KioskReadingKind  *kiosk_reading_kind_apply_options (KioskReadingKind *self,
                                                     GHashTable       *options,
                                                     GPtrArray        *warnings);

const char        *kiosk_reading_kind_get_id        (KioskReadingKind *self);
/* Translated into the current UI language. */
const char        *kiosk_reading_kind_get_name      (KioskReadingKind *self);
const char        *kiosk_reading_kind_get_unit      (KioskReadingKind *self);
guint              kiosk_reading_kind_get_decimals  (KioskReadingKind *self);
/* Seconds. */
guint              kiosk_reading_kind_get_max_age   (KioskReadingKind *self);
/* Translated note on where the bands come from, or NULL. */
const char        *kiosk_reading_kind_get_scale     (KioskReadingKind *self);
/* TRUE when a higher value is worse (air, noise): decides the colour ramp. */
guint              kiosk_reading_kind_get_n_bands   (KioskReadingKind *self);
/* @upper: inclusive upper bound (INFINITY for the last band); @word
 * translated; @style a CSS class. */
void               kiosk_reading_kind_get_band      (KioskReadingKind *self,
                                                     guint             band,
                                                     double           *upper,
                                                     const char      **word,
                                                     const char      **style);
/* -1 when the kind has no bands or @value is NAN. */
int                kiosk_reading_kind_band_for_value (KioskReadingKind *self,
                                                      double            value);
/* "12,3" in German, "12.3" in English (the catalog's decimal separator), with the kind's decimals; "–" for NAN. */
char              *kiosk_reading_kind_format_value  (KioskReadingKind *self,
                                                     double            value);

/* The symbol for a UN/CEFACT common code (CEL → °C, GQ → µg/m³), or NULL. */
const char        *kiosk_unit_from_cefact           (const char       *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskReadingKind, kiosk_reading_kind_unref)

G_END_DECLS
