/* kiosk-demo-events.h: Musterdorf's event feeds, for the demo and the tests */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KIOSK_DEMO_EVENTS_ICS_PATH    "/api/events/musterdorf.ics"
#define KIOSK_DEMO_EVENTS_JSONLD_PATH "/api/events/tourismus.jsonld"

/* Both feeds dated relative to @now (their texts in German, with English
 * variants: LANGUAGE parameters in iCalendar, @language value objects in
 * JSON-LD). @base_url prefixes the image links; may be NULL. */
GBytes *kiosk_demo_events_build_ics    (GDateTime  *now);
GBytes *kiosk_demo_events_build_jsonld (GDateTime  *now,
                                        const char *base_url);

G_END_DECLS
