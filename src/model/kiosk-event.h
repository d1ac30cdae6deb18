/* kiosk-event.h: one occurrence of a city event, as the events area shows it */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_EVENT (kiosk_event_get_type ())

G_DECLARE_FINAL_TYPE (KioskEvent, kiosk_event, KIOSK, EVENT, GObject)

/* Values of the "status" property. */
#define KIOSK_EVENT_STATUS_CONFIRMED "confirmed"
#define KIOSK_EVENT_STATUS_CANCELLED "cancelled"
#define KIOSK_EVENT_STATUS_POSTPONED "postponed"

KioskEvent   *kiosk_event_new                (const char  *uid,
                                              const char  *title,
                                              GDateTime   *start);
/* Another occurrence of @self's event, at its own times: it shares the
 * texts and data of @self (a setter on either copies them first), which is
 * what keeps a recurring event's thousand occurrences small. */
KioskEvent   *kiosk_event_new_occurrence     (KioskEvent  *self,
                                              GDateTime   *start,
                                              GDateTime   *end,
                                              gboolean     all_day);
/* Shares the texts and data the same way. */
KioskEvent   *kiosk_event_copy               (KioskEvent  *self);

const char   *kiosk_event_get_uid            (KioskEvent  *self);
void          kiosk_event_set_uid            (KioskEvent  *self,
                                              const char  *uid);
/* The title in the feed's default language. */
const char   *kiosk_event_get_title          (KioskEvent  *self);
void          kiosk_event_set_title          (KioskEvent  *self,
                                              const char  *title);
/* Texts that a feed gives in more than one language ("de", "en"). The
 * getters fall back to the default text. */
void          kiosk_event_add_translation    (KioskEvent  *self,
                                              const char  *language,
                                              const char  *title,
                                              const char  *description);
/* Forgets the titles and/or descriptions in other languages: an override
 * with a SUMMARY of its own replaces the series' title in every language. */
void          kiosk_event_drop_translations  (KioskEvent  *self,
                                              gboolean     titles,
                                              gboolean     descriptions);
const char   *kiosk_event_get_title_for      (KioskEvent  *self,
                                              const char  *language);
const char   *kiosk_event_get_description_for (KioskEvent *self,
                                              const char  *language);
GDateTime    *kiosk_event_get_start          (KioskEvent  *self);
void          kiosk_event_set_start          (KioskEvent  *self,
                                              GDateTime   *start);
/* Never NULL once start is set: a missing end is the start itself (or the
 * end of the day for all-day events). For all-day events the end is
 * exclusive: midnight after the last day. */
GDateTime    *kiosk_event_get_end            (KioskEvent  *self);
void          kiosk_event_set_end            (KioskEvent  *self,
                                              GDateTime   *end);
gboolean      kiosk_event_get_all_day        (KioskEvent  *self);
void          kiosk_event_set_all_day        (KioskEvent  *self,
                                              gboolean     all_day);
const char   *kiosk_event_get_location       (KioskEvent  *self);
void          kiosk_event_set_location       (KioskEvent  *self,
                                              const char  *location);
const char   *kiosk_event_get_address        (KioskEvent  *self);
void          kiosk_event_set_address        (KioskEvent  *self,
                                              const char  *address);
double        kiosk_event_get_latitude       (KioskEvent  *self);
double        kiosk_event_get_longitude      (KioskEvent  *self);
gboolean      kiosk_event_has_coordinates    (KioskEvent  *self);
void          kiosk_event_set_coordinates    (KioskEvent  *self,
                                              double       latitude,
                                              double       longitude);
const char * const *kiosk_event_get_categories (KioskEvent *self);
void          kiosk_event_set_categories     (KioskEvent  *self,
                                              const char * const *categories);
const char   *kiosk_event_get_url            (KioskEvent  *self);
void          kiosk_event_set_url            (KioskEvent  *self,
                                              const char  *url);
const char   *kiosk_event_get_image          (KioskEvent  *self);
void          kiosk_event_set_image          (KioskEvent  *self,
                                              const char  *image);
const char   *kiosk_event_get_status         (KioskEvent  *self);
void          kiosk_event_set_status         (KioskEvent  *self,
                                              const char  *status);
gboolean      kiosk_event_is_cancelled       (KioskEvent  *self);
gboolean      kiosk_event_is_postponed       (KioskEvent  *self);
const char   *kiosk_event_get_description    (KioskEvent  *self);
void          kiosk_event_set_description    (KioskEvent  *self,
                                              const char  *description);
/* Price: NAN when unknown; "free" is TRUE when entry is known to be free. */
double        kiosk_event_get_price          (KioskEvent  *self);
const char   *kiosk_event_get_currency       (KioskEvent  *self);
void          kiosk_event_set_price          (KioskEvent  *self,
                                              double       price,
                                              const char  *currency);
gboolean      kiosk_event_get_free           (KioskEvent  *self);
void          kiosk_event_set_free           (KioskEvent  *self,
                                              gboolean     free);
const char   *kiosk_event_get_accessibility  (KioskEvent  *self);
void          kiosk_event_set_accessibility  (KioskEvent  *self,
                                              const char  *accessibility);

/* Sorting: by start, then title. */
int           kiosk_event_compare            (gconstpointer a,
                                              gconstpointer b);
/* The occurrence as an iCalendar document (for the QR code when there is
 * no URL): one VEVENT in UTC, or with DATE values for all-day events. */
char         *kiosk_event_to_ics             (KioskEvent  *self);

G_END_DECLS
