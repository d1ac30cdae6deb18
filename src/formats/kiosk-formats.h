/* kiosk-formats.h: every parser's table entry, one per kind */
#pragma once

#include "kiosk-format.h"

G_BEGIN_DECLS

/* Each kind's parser file defines its entry; kiosk-format.c lists them. */

/* places */
extern const KioskFormat kiosk_format_geojson;

/* events */
extern const KioskFormat kiosk_format_ical;
extern const KioskFormat kiosk_format_schema_event;

/* sensors */
extern const KioskFormat kiosk_format_sensorthings;
extern const KioskFormat kiosk_format_ngsi_v2;

/* surveys */
extern const KioskFormat kiosk_format_survey;

/* tiles */
extern const KioskFormat kiosk_format_tiles;

/* media */
extern const KioskFormat kiosk_format_media;

/* public warnings */
extern const KioskFormat kiosk_format_cap;

G_END_DECLS
