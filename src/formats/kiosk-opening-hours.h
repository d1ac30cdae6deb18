/* kiosk-opening-hours.h: opening hours in the OpenStreetMap opening_hours syntax */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KIOSK_OPENING_HOURS_ERROR (kiosk_opening_hours_error_quark ())

typedef enum
{
  KIOSK_OPENING_HOURS_ERROR_FAILED,
  KIOSK_OPENING_HOURS_ERROR_SYNTAX,   /* the message names the column */
} KioskOpeningHoursError;

typedef struct _KioskOpeningHours KioskOpeningHours;

/* A time the place is closed although its hours say open (a closing day
 * from the closures calendar): [start, end) in Unix seconds. */
typedef struct
{
  gint64 start;
  gint64 end;
} KioskClosure;

GQuark             kiosk_opening_hours_error_quark (void);

/* Parses @spec ("Mo-Fr 08:00-18:00; Sa 10:00-14:00"). What is understood
 * but not applied (public holidays) goes to @warnings (char*, may be NULL).
 * A syntax error is KIOSK_OPENING_HOURS_ERROR_SYNTAX, its message names the
 * column (counted from 1) and what was expected there; @column, when not
 * NULL, gets it too. */
KioskOpeningHours *kiosk_opening_hours_parse        (const char        *spec,
                                                     GPtrArray         *warnings,
                                                     guint             *column,
                                                     GError           **error);
void               kiosk_opening_hours_free         (KioskOpeningHours *self);
const char        *kiosk_opening_hours_get_spec     (KioskOpeningHours *self);

/* Whether the place is open at @at, the hours read on the wall clock of
 * @tz; @closures (KioskClosure, may be NULL) close it on top of that. */
gboolean           kiosk_opening_hours_is_open      (KioskOpeningHours *self,
                                                     GTimeZone         *tz,
                                                     const GArray      *closures,
                                                     GDateTime         *at);
/* The first moment after @at where is_open changes, in @tz; NULL when it
 * does not change within a year (24/7, or never open). */
GDateTime         *kiosk_opening_hours_next_change  (KioskOpeningHours *self,
                                                     GTimeZone         *tz,
                                                     const GArray      *closures,
                                                     GDateTime         *at);

/* The closing days in @events (KioskEvent, from a closures calendar): an
 * all-day event closes its days, a timed one its span; cancelled events
 * close nothing. */
GArray            *kiosk_opening_hours_closures_from_events (GListModel *events);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskOpeningHours, kiosk_opening_hours_free)

G_END_DECLS
