/* kiosk-opening-state.h: the kiosk's day: open or closed, and the display with it */
#pragma once

#include <gio/gio.h>

#include "kiosk-config.h"
#include "kiosk-services.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_OPENING_STATE (kiosk_opening_state_get_type ())

G_DECLARE_FINAL_TYPE (KioskOpeningState, kiosk_opening_state, KIOSK, OPENING_STATE, GObject)

/* Reads opening-hours, closures-source, time-zone and the display
 * commands from @config while it lives; closing days come from the
 * closures source through @services. */
KioskOpeningState *kiosk_opening_state_new             (KioskConfig       *config,
                                                        KioskServices     *services);
/* Open by the hours and closing days (always when no hours are set). */
gboolean           kiosk_opening_state_get_open        (KioskOpeningState *self);
/* Open, or held: the display is on and never blanks. */
gboolean           kiosk_opening_state_get_awake       (KioskOpeningState *self);
/* Held on by kiosk_opening_state_hold_display () (property "held"). */
gboolean           kiosk_opening_state_get_held        (KioskOpeningState *self);
/* When "open" changes next, in the kiosk's zone; NULL when not within a year. */
GDateTime         *kiosk_opening_state_get_next_change (KioskOpeningState *self);
/* Keeps the display on while closed (a public warning must be seen):
 * runs display-on-command now and display-off-command when released
 * while still closed. What the screen shows is the window's business: the
 * closed screen stays, with the warning over it. */
void               kiosk_opening_state_hold_display    (KioskOpeningState *self,
                                                        gboolean           hold);

G_END_DECLS
