/* kiosk-ical-zones.h: the time zones of an iCalendar feed: TZIDs to zones, wall clock to instants */
#pragma once

#include <libical/ical.h>

#include "kiosk-format.h"

G_BEGIN_DECLS

/* A zone times are read in: the system's (tz database), the calendar's
 * VTIMEZONE, UTC, or the kiosk's for floating times. */
typedef struct _KioskIcalZone KioskIcalZone;

/* The zones of one parse, looked up once per TZID. */
typedef struct _KioskIcalZones KioskIcalZones;

/* @floating: the kiosk's zone, for floating times and unknown TZIDs;
 * @result: where warnings about zones go (borrowed). */
KioskIcalZones      *kiosk_ical_zones_new          (GTimeZone             *floating,
                                                    KioskParseResult      *result);
void                 kiosk_ical_zones_free         (KioskIcalZones        *self);
/* The calendar whose VTIMEZONEs TZIDs may name (borrowed); zones looked up
 * before are forgotten, since they may borrow the previous calendar's. */
void                 kiosk_ical_zones_set_calendar (KioskIcalZones        *self,
                                                    icalcomponent         *calendar);
const KioskIcalZone *kiosk_ical_zones_get_floating (KioskIcalZones        *self);
/* The zone a DATE-TIME property's value is in; @fallback for floating values. */
const KioskIcalZone *kiosk_ical_zones_for_value    (KioskIcalZones        *self,
                                                    icalproperty          *prop,
                                                    struct icaltimetype    t,
                                                    const KioskIcalZone   *fallback);

/* Wall-clock fields as if they were UTC: the frame recurrences run in. */
gint64               kiosk_ical_floating_seconds   (struct icaltimetype    t);
/* The instant a wall-clock time (or the start of a date) in @zone is. */
gint64               kiosk_ical_zone_to_unix       (const KioskIcalZone   *zone,
                                                    struct icaltimetype    t);
/* The wall-clock reading of an instant in @zone, as floating seconds. */
gint64               kiosk_ical_zone_to_floating   (const KioskIcalZone   *zone,
                                                    gint64                 instant);

/* FALSE for a rule whose BYMONTH and BYMONTHDAY never meet (the 30th of
 * February): libical would walk it second by second for centuries. */
gboolean             kiosk_ical_rule_can_match     (struct icalrecurrencetype *rule);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskIcalZones, kiosk_ical_zones_free)

G_END_DECLS
