/* kiosk-demo-town.h: where things are in the demo town Musterdorf */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The kiosk stands in front of the library. */
#define KIOSK_DEMO_TOWN_NAME      "Musterdorf"
#define KIOSK_DEMO_TOWN_LATITUDE  51.3397
#define KIOSK_DEMO_TOWN_LONGITUDE 12.3731

/* Musterdorf's places, all within about 1.5 km of the kiosk. Other demo
 * routes use them for event locations and sensor stations. */
typedef struct
{
  const char *id;
  const char *name;
  const char *category;
  double      latitude;
  double      longitude;
  const char *description;
} KioskDemoPlace;

const KioskDemoPlace *kiosk_demo_town_get_places (guint      *n_places);
const KioskDemoPlace *kiosk_demo_town_lookup     (const char *id);

G_END_DECLS
